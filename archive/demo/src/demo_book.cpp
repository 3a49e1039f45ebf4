// Demo step of the one book: realistic documents filed with 档号 (a 批复 and plans as PDF, a
// sign-in sheet scan and an activity photo as PNG, all generated here), the sign-in sheet also
// attached to a meeting record (stored once), entries and an edited rule text; then the store is
// verified and last year's 归档文件目录 and 一本通 are printed into the demo folder.
#include "demo_steps.hpp"

#include "onebook/archive/book_pdf.hpp"
#include "onebook/archive/catalogue_pdf.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/entries.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/pdf/writer.hpp"
#include "onebook/records.hpp"

#include <Poco/Checksum.h>
#include <Poco/DeflatingStream.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
namespace pdf = onebook::core::pdf;

namespace onebook::archive {

namespace {

/// An RGB picture drawn with a few primitives, written as PNG (zlib through Poco, CRC-32 through
/// Poco::Checksum): enough for a sign-in sheet "scan" and an activity "photo".
class Picture {
public:
    Picture(int w, int h, unsigned rgb) : m_w(w), m_h(h), m_px(static_cast<std::size_t>(w) * h * 3) { rect(0, 0, w, h, rgb); }
    void set(int x, int y, unsigned rgb) {
        if (x < 0 || y < 0 || x >= m_w || y >= m_h) return;
        auto* p = &m_px[(static_cast<std::size_t>(y) * m_w + x) * 3];
        p[0] = static_cast<unsigned char>(rgb >> 16);
        p[1] = static_cast<unsigned char>(rgb >> 8);
        p[2] = static_cast<unsigned char>(rgb);
    }
    void rect(int x, int y, int w, int h, unsigned rgb) {
        for (int j = y; j < y + h; ++j)
            for (int i = x; i < x + w; ++i) set(i, j, rgb);
    }
    void disc(double cx, double cy, double r, unsigned rgb) {
        for (int j = static_cast<int>(cy - r); j <= static_cast<int>(cy + r); ++j)
            for (int i = static_cast<int>(cx - r); i <= static_cast<int>(cx + r); ++i)
                if ((i - cx) * (i - cx) + (j - cy) * (j - cy) <= r * r) set(i, j, rgb);
    }
    /// A hand-written-looking stroke (a signature) inside a box.
    void scribble(int x, int y, int w, int h, std::mt19937& rng, unsigned rgb) {
        std::uniform_real_distribution<double> d(0, 1);
        double px = x, py = y + h / 2.0;
        int strokes = 3 + static_cast<int>(d(rng) * 3);
        for (int s = 0; s < strokes; ++s) {
            double tx = x + (s + 1) * w / (strokes + 0.5), ty = y + h * (0.2 + 0.6 * d(rng));
            for (int k = 0; k <= 40; ++k) {
                double t = k / 40.0;
                double bx = px + (tx - px) * t, by = py + (ty - py) * t + std::sin(t * 6.3 + s) * h * 0.18;
                disc(bx, by, 1.3, rgb);
            }
            px = tx;
            py = ty;
        }
    }
    std::string png() const {
        auto chunk = [](std::string& out, const char* type, const std::string& data) {
            auto be32 = [&](std::uint32_t v) {
                out += static_cast<char>(v >> 24);
                out += static_cast<char>(v >> 16);
                out += static_cast<char>(v >> 8);
                out += static_cast<char>(v);
            };
            be32(static_cast<std::uint32_t>(data.size()));
            Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
            crc.update(type, 4);
            crc.update(data.data(), static_cast<unsigned>(data.size()));
            out.append(type, 4);
            out += data;
            be32(crc.checksum());
        };
        std::string ihdr;
        for (int v : {m_w, m_h}) {
            ihdr += static_cast<char>(v >> 24);
            ihdr += static_cast<char>(v >> 16);
            ihdr += static_cast<char>(v >> 8);
            ihdr += static_cast<char>(v);
        }
        ihdr += std::string("\x08\x02\x00\x00\x00", 5); // 8-bit RGB, no interlace
        std::ostringstream z;
        {
            Poco::DeflatingOutputStream deflate(z, Poco::DeflatingStreamBuf::STREAM_ZLIB, 9);
            for (int y = 0; y < m_h; ++y) {
                deflate.put('\0'); // filter: none
                deflate.write(reinterpret_cast<const char*>(&m_px[static_cast<std::size_t>(y) * m_w * 3]), m_w * 3);
            }
            deflate.close();
        }
        std::string out = "\x89PNG\r\n\x1a\n";
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", z.str());
        chunk(out, "IEND", "");
        return out;
    }

private:
    int m_w, m_h;
    std::vector<unsigned char> m_px;
};

/// A scanned sign-in sheet: slightly grey paper, a red title band, a ruled table with names
/// written in by hand.
std::string sign_in_sheet_png(int rows, unsigned seed) {
    std::mt19937 rng(seed);
    Picture p(620, 860, 0xf4f1ea);
    p.rect(40, 40, 540, 56, 0xc8161d);
    p.rect(200, 60, 220, 16, 0xf4f1ea); // title lettering, as a scan at this size shows it
    int top = 130, row_h = (860 - top - 60) / (rows + 1);
    for (int r = 0; r <= rows + 1; ++r) p.rect(40, top + r * row_h, 540, 2, 0x333333);
    for (int x : {40, 100, 300, 460, 578}) p.rect(x, top, 2, (rows + 1) * row_h, 0x333333);
    for (int r = 1; r <= rows; ++r) {
        p.rect(62, top + r * row_h + row_h / 3, 14, row_h / 3, 0x555555);    // row number
        p.scribble(110, top + r * row_h + 4, 180, row_h - 8, rng, 0x1a2a6c); // signature
        p.rect(320, top + r * row_h + row_h / 2 - 2, 110, 3, 0x777777);      // unit, printed
    }
    std::uniform_int_distribution<int> speck(0, 619);
    for (int i = 0; i < 1500; ++i) p.set(speck(rng), speck(rng) * 860 / 620, 0xd8d4cc); // scanner dust
    return p.png();
}

/// An activity "photo": sky, a red banner, the party emblem's colour, people in front.
std::string activity_photo_png(unsigned seed) {
    std::mt19937 rng(seed);
    Picture p(800, 520, 0x9cc6e8);
    for (int y = 0; y < 300; ++y) p.rect(0, y, 800, 1, 0x6fa8dc + static_cast<unsigned>(y / 20));
    p.rect(0, 300, 800, 220, 0x8a9a5b);
    p.rect(120, 90, 560, 70, 0xc8161d);
    p.rect(140, 112, 520, 24, 0xffd966);
    std::uniform_real_distribution<double> d(0, 1);
    for (int i = 0; i < 14; ++i) {
        double x = 70 + i * 50 + d(rng) * 12, y = 330 + d(rng) * 30;
        unsigned coat = i % 3 == 0 ? 0xc8161d : i % 3 == 1 ? 0x2f4f7f : 0x555555;
        p.rect(static_cast<int>(x - 16), static_cast<int>(y), 32, 110, coat);
        p.disc(x, y - 16, 15, 0xe8c4a0);
        p.disc(x, y - 24, 14, 0x222222);
        p.disc(x, y - 14, 12, 0xe8c4a0);
    }
    return p.png();
}

void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

} // namespace

namespace demo {

/// A one-page official document (批复, 计划, 公示…) drawn with the boards' engine.
void official_pdf(const fs::path& out, const std::string& issuer, const std::string& ref, const std::string& title,
                  const std::vector<std::string>& body, const std::string& signer, const core::Date& date) {
    pdf::WriterOptions o;
    o.page = pdf::PageSize::a4();
    o.margin_mm = 25;
    o.body_size = 12;
    o.title = title;
    o.author = signer;
    pdf::Writer w(o);
    w.title(issuer, {.size = 2.4, .space_after = 0.3});
    if (!ref.empty()) w.paragraph(ref, pdf::ParagraphStyle::centered(1.0));
    w.rule(pdf::colors::party_red, 1.5);
    w.spacer(0.8);
    w.paragraph(title, pdf::ParagraphStyle::centered(1.4));
    w.spacer(0.6);
    for (const auto& p : body) w.paragraph(p);
    w.spacer(2);
    w.signature({signer, date.chinese()}, true);
    w.save(out);
}

void book(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const int year = core::Date::today().year() - 1; // the last full year: its book is complete
    auto org = a.home();
    auto sections = book_sections(plugins, org.sector);
    DocumentStore docs(a, sections);
    fs::path work = report.archive.parent_path() / "demo-files";
    fs::create_directories(work);

    // --- documents, generated as a branch would receive or scan them ---
    core::Roster roster(a.db(), org.id);
    auto term = roster.terms();
    int elected = term.empty() ? year - 1 : term.front().elected_on.year();
    std::string approval = term.empty() ? "幸街党工〔" + std::to_string(elected) + "〕12号" : term.front().approval_ref;
    core::Date approved = term.empty() ? core::Date(elected, 12, 5) : term.front().elected_on.add_days(9);
    official_pdf(
        work / "换届选举结果的批复.pdf", "中共幸福街道工作委员会", approval, "关于幸福里社区党支部换届选举结果的批复",
        {"幸福里社区党支部：",
         "你支部《关于召开党员大会进行换届选举的请示》及选举结果报告收悉。经街道党工委研究，同意王建国、李秀兰、何平、吴静、刘芳五位同志组成新一届幸福里社区党支部委员会，王建国同志任书记，李秀兰同志任副书记。",
         "希望新一届支部委员会团结带领全体党员，认真落实“三会一课”等制度，充分发挥战斗堡垒作用。", "此复。"},
        "中共幸福街道工作委员会", approved);
    official_pdf(work / "三会一课计划.pdf", "幸福里社区党支部", "",
                 "幸福里社区党支部" + std::to_string(year) + "年度“三会一课”计划",
                 {"一、支部党员大会每季度召开1次，分别安排在3月、6月、9月、12月上旬。",
                  "二、支部委员会会议每月召开1次，一般在每月第一周。党小组会每月召开1次。",
                  "三、党课每季度1次，书记全年至少讲1次党课。", "四、主题党日固定为每月第一个星期六，结合志愿服务开展。"},
                 "幸福里社区党支部", core::Date(year, 1, 6));
    official_pdf(work / "党费收缴公示.pdf", "幸福里社区党支部", "", "关于" + std::to_string(year) + "年上半年党费收缴情况的公示",
                 {"根据党费收缴管理的有关规定，现将本支部" + std::to_string(year) + "年上半年党费收缴情况公示如下：",
                  "应交党费党员20名，实交20名，收缴党费按规定足额上缴街道党工委。", "公示期内如有疑问，请与支部组织委员联系。"},
                 "幸福里社区党支部", core::Date(year, 7, 15));
    official_pdf(work / "年度工作总结.pdf", "幸福里社区党支部", "",
                 "幸福里社区党支部" + std::to_string(year) + "年度党建工作总结",
                 {"一年来，支部认真落实“三会一课”、主题党日和谈心谈话等制度，党员队伍建设不断加强。",
                  "支部牵头召开党建联席会，与驻社区单位共驻共建；组织“红色楼栋长”志愿服务，解决居民急难愁盼问题。",
                  "对照考核发现的不足，支部逐项制定整改措施，明确责任人和完成时限。"},
                 "幸福里社区党支部", core::Date(year, 12, 26));
    write_bytes(work / "主题党日签到表.png", sign_in_sheet_png(16, 7));
    write_bytes(work / "志愿服务照片.png", activity_photo_png(11));

    struct Filing {
        std::string file, section, title, ref, author;
        int year;
        Retention retention;
        core::Date date;
        std::string notes;
    };
    std::vector<Filing> filings = {
        {"换届选举结果的批复.pdf", "basic.committee", "关于幸福里社区党支部换届选举结果的批复", approval,
         "中共幸福街道工作委员会", approved.year(), Retention::Permanent, approved, ""},
        {"三会一课计划.pdf", "work.plans", "幸福里社区党支部" + std::to_string(year) + "年度“三会一课”计划", "", "", year,
         Retention::Years30, core::Date(year, 1, 6), ""},
        {"主题党日签到表.png", "activities.theme_day", "七月主题党日活动签到表", "", "", year, Retention::Years10,
         core::Date(year, 7, 5), "扫描件"},
        {"党费收缴公示.pdf", "work.dues", "关于" + std::to_string(year) + "年上半年党费收缴情况的公示", "", "", year,
         Retention::Years30, core::Date(year, 7, 15), ""},
        {"志愿服务照片.png", "innovation.projects", "“红色楼栋长”志愿服务活动照片", "", "", year, Retention::Years10,
         core::Date(year, 9, 20), "照片"},
        {"年度工作总结.pdf", "work.plans", "幸福里社区党支部" + std::to_string(year) + "年度党建工作总结", "", "", year,
         Retention::Permanent, core::Date(year, 12, 26), ""},
    };
    for (const auto& f : filings) {
        DocumentMeta m;
        m.section_id = f.section;
        m.year = f.year;
        m.retention = f.retention;
        m.title = f.title;
        m.author = f.author;
        m.doc_ref = f.ref;
        char d[16];
        std::snprintf(d, sizeof d, "%04d%02d%02d", f.date.year(), f.date.month(), f.date.day());
        m.date = d;
        m.notes = f.notes;
        auto doc = docs.add(work / f.file, m);
        if (f.file == "主题党日签到表.png")
            report.lines.push_back("归档文件：" + std::to_string(filings.size()) +
                                   " 件（PDF 批复、计划、总结、公示，PNG 签到表扫描件和照片），档号如 " + doc.archival_code() +
                                   "，文件按 SHA-256 存于 demo.onebook.files/");
    }

    // The sign-in sheet is also the attachment of July's theme-day record: stored once.
    core::RecordStore records(a.db(), org.id);
    auto templates = core::load_meeting_templates(plugins.require(org.sector));
    std::string ref = store_attachment(a, work / "主题党日签到表.png");
    for (auto& r : records.list(year, "theme_day")) {
        if (r.date.month() < 7) continue;
        r.attachments.push_back(ref);
        records.update(r, core::require_template(templates, r.type));
        report.lines.push_back("会议记录附件：" + r.date.iso() + " 主题党日的签到表与归档文件共用一份存储（去重）");
        break;
    }

    // Free entries and a rule text the branch adapted.
    EntryStore entries(a, sections);
    BookEntry e1{
        0, "innovation.projects", core::Date(year, 4, 18), "“红色楼栋长”工作法",
        "支部在每栋居民楼选聘一名党员担任“红色楼栋长”，负责政策宣传、民情收集和矛盾调解，每月在主题党日汇报。\n全年收集居民诉求 126 件，办结 119 件。"};
    BookEntry e2{0, "community.inservice_members", core::Date(year, 3, 2), "在职党员到社区报到",
                 "张伟、赵磊、黄丽、孙晓红、胡斌、罗敏等 6 名在职党员到社区报到，填写在职党员登记卡，认领楼院服务岗位。"};
    entries.add(e1);
    entries.add(e2);
    RuleTextStore texts(a, plugins);
    auto three = texts.require("three_meetings");
    texts.edit("three_meetings", std::nullopt,
               three.body + "\n六、本支部主题党日固定为每月第一个星期六，党小组会安排在主题党日当天下午。");
    report.lines.push_back("基本制度：" + std::to_string(texts.all().size()) +
                           " 篇制度文本（插件提供的示范文本，请按本支部实际修改；其中“三会一课”制度已按本支部情况修订）");

    // Verify, then print last year's catalogue and book.
    auto check = FileStore(a).verify();
    report.lines.push_back("文件库校验：" + std::to_string(check.checked) + " 个文件，" +
                           (check.ok() ? std::string("全部完好") : "有 " + std::to_string(check.problems.size()) + " 个问题"));
    fs::path catalogue = report.archive.parent_path() / ("归档文件目录-" + std::to_string(year) + "-永久.pdf");
    auto cat = write_catalogue_pdf(a, docs, year, Retention::Permanent, catalogue);
    report.files.push_back(catalogue);
    fs::path catalogue30 = report.archive.parent_path() / ("归档文件目录-" + std::to_string(year) + "-定期30年.pdf");
    write_catalogue_pdf(a, docs, year, Retention::Years30, catalogue30);
    report.files.push_back(catalogue30);
    BookOptions bo;
    bo.year = year;
    auto start = std::chrono::steady_clock::now();
    fs::path book_file = report.archive.parent_path() / ("一本通-" + std::to_string(year) + ".pdf");
    auto book = write_book_pdf(a, plugins, bo, book_file);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report.files.push_back(book_file);
    char line[256];
    std::snprintf(line, sizeof line, "%d 年度一本通 PDF：%d 页，%d 条会议记录，%d 件归档文件，%d 幅图片，%lld KB，用时 %.1f 秒",
                  year, book.pages, book.records, book.documents, book.images, static_cast<long long>((book.bytes + 1023) / 1024),
                  secs);
    report.lines.push_back(line);
    report.lines.push_back("归档文件目录：" + std::to_string(year) + " 年度永久 " + std::to_string(cat.documents) +
                           " 件（另有定期30年目录）");
}

} // namespace demo

} // namespace onebook::archive
