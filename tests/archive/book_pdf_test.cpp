// The printed one book and catalogue, read back with qpdf and pdftotext: page counts, repeated
// catalogue header, outline entries per chapter and section, table-of-contents page numbers that
// match the pages, minutes pages with attendance, embedded images, and no private data.
#include "onebook/archive/book_pdf.hpp"
#include "onebook/archive/catalogue_pdf.hpp"
#include "onebook/archive/demo.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/assessment.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/records.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/rubric.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <Poco/Checksum.h>
#include <Poco/DeflatingStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace onebook;
using archive::Retention;

namespace {

const core::PluginHost& plugins() { return test::sector_plugins(); }

/// A small RGB PNG (a red square on white), written with Poco's zlib stream and CRC-32.
std::string png(int w, int h) {
    auto be32 = [](std::string& out, std::uint32_t v) {
        for (int s : {24, 16, 8, 0}) out += static_cast<char>(v >> s);
    };
    auto chunk = [&](std::string& out, const char* type, const std::string& data) {
        be32(out, static_cast<std::uint32_t>(data.size()));
        Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
        crc.update(type, 4);
        crc.update(data.data(), static_cast<unsigned>(data.size()));
        out.append(type, 4);
        out += data;
        be32(out, crc.checksum());
    };
    std::string ihdr;
    be32(ihdr, static_cast<std::uint32_t>(w));
    be32(ihdr, static_cast<std::uint32_t>(h));
    ihdr += std::string("\x08\x02\x00\x00\x00", 5);
    std::ostringstream z;
    {
        Poco::DeflatingOutputStream d(z, Poco::DeflatingStreamBuf::STREAM_ZLIB, 6);
        for (int y = 0; y < h; ++y) {
            d.put('\0');
            for (int x = 0; x < w; ++x) {
                bool red = x > w / 4 && x < 3 * w / 4 && y > h / 4 && y < 3 * h / 4;
                d.put(static_cast<char>(red ? 0xc8 : 0xff))
                    .put(static_cast<char>(red ? 0x16 : 0xff))
                    .put(static_cast<char>(red ? 0x1d : 0xff));
            }
        }
        d.close();
    }
    std::string out = "\x89PNG\r\n\x1a\n";
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z.str());
    chunk(out, "IEND", "");
    return out;
}

/// pdftotext -layout, split into pages.
std::vector<std::string> pdf_pages(const fs::path& pdf) {
    std::string text;
    BOOST_REQUIRE(test::run_tool({"pdftotext", "-layout", test::utf8(pdf), "-"}, &text) == 0);
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', start)) {
        pages.push_back(text.substr(start, ff - start));
        start = ff + 1;
    }
    if (start < text.size() && text.find_first_not_of(" \n", start) != std::string::npos) pages.push_back(text.substr(start));
    return pages;
}

int qpdf_pages(const fs::path& pdf) {
    std::string out;
    BOOST_REQUIRE(test::run_tool({"qpdf", "--show-npages", test::utf8(pdf)}, &out) == 0);
    return std::stoi(out);
}

/// Text without spaces (ASCII and ideographic) and line breaks: layout differs, content must not.
std::string squeeze(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ' || s[i] == '\n') continue;
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

void collect_titles(const Poco::JSON::Array::Ptr& items, int depth, std::vector<std::pair<std::string, int>>& out) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto o = items->getObject(static_cast<unsigned>(i));
        out.emplace_back(o->getValue<std::string>("title"), depth);
        collect_titles(o->getArray("kids"), depth + 1, out);
    }
}

/// The outline (bookmarks) of a PDF as qpdf reports them: (title, depth) in document order.
std::vector<std::pair<std::string, int>> qpdf_outline(const fs::path& pdf) {
    std::string json;
    BOOST_REQUIRE(test::run_tool({"qpdf", "--json", "--json-key=outlines", test::utf8(pdf)}, &json) == 0);
    auto root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    std::vector<std::pair<std::string, int>> out;
    collect_titles(root->getArray("outlines"), 1, out);
    return out;
}

struct BookFixture {
    test::ScratchDir dir{"onebook-book"};
    core::Archive archive = test::make_archive(dir / "b.onebook", "community", "幸福里社区党支部");
    int year = core::Date::today().year() - 1;
    std::vector<core::Member> members;
    std::vector<std::string> topics;

    BookFixture() {
        archive.set_setting(archive::fonds_code_setting, "Z031");
        auto org = archive.home();
        core::Roster roster(archive.db(), org.id);
        core::RosterImporter importer(roster);
        auto imported = importer.import_bytes(archive::demo_roster_csv(), "roster.csv");
        BOOST_REQUIRE(imported.imported());
        members = roster.members({}, true);
        BOOST_REQUIRE(members.size() >= 10u);
        core::CommitteeTerm term;
        term.elected_on = core::Date(year - 1, 11, 26);
        term.seats = {{0, {}, "王建国", "书记"}, {0, {}, "李秀兰", "副书记"}, {0, {}, "何平", "组织委员"}};
        roster.add_term(term);

        auto templates = core::load_meeting_templates(plugins().require("community"));
        core::RecordStore records(archive.db(), org.id);
        auto add = [&](const std::string& type, core::Date date, const std::string& topic,
                       std::vector<std::pair<std::string, std::string>> absent, std::vector<std::string> attachments = {}) {
            const auto& t = core::require_template(templates, type);
            core::Record r;
            r.type = type;
            r.date = date;
            r.place = "社区党员活动室";
            r.host = "王建国";
            r.recorder = "吴静";
            r.topic = topic;
            r.fields["minutes"] = "会议由王建国同志主持。\n与会党员围绕" + topic + "进行了讨论。";
            if (t.has("resolutions")) r.fields["resolutions"] = "一致同意" + topic + "的安排。";
            static const std::set<std::string> standard = {"date",  "time",      "place", "host",  "recorder",
                                                           "topic", "attendees", "group", "hours", "attachments"};
            for (const auto& f : t.fields) // whatever else the template requires
                if (f.required && !standard.count(f.id) && !r.fields.count(f.id))
                    r.fields[f.id] = f.kind == core::FieldKind::Choice && !f.options.empty() ? f.options.front()
                                     : f.kind == core::FieldKind::Number                     ? "1"
                                                                                             : f.label + "（测试）";
            r.attachments = std::move(attachments);
            records.fill_attendance(r, t, {}, absent);
            records.add(r, t, core::Date::today());
            topics.push_back(topic);
        };
        test::write_file(dir / "签到表.png", png(120, 160));
        std::string ref = archive::store_attachment(archive, dir / "签到表.png");
        add("assembly", core::Date(year, 3, 8), "学习贯彻党的路线方针政策", {{"马俊", "外出务工"}, {"张伟", "出差"}});
        add("committee", core::Date(year, 4, 2), "研究发展党员工作", {});
        add("theme_day", core::Date(year, 7, 5), "重温入党誓词", {{"马俊", "外出务工"}}, {ref});
        add("joint_meeting", core::Date(year, 9, 12), "共驻共建签约", {});

        archive::DocumentStore docs(archive, plugins());
        auto meta = [&](const std::string& section, Retention r, const std::string& title) {
            archive::DocumentMeta m;
            m.section_id = section;
            m.year = year;
            m.retention = r;
            m.title = title;
            m.date = std::to_string(year) + "0601";
            return m;
        };
        test::write_file(dir / "plan.pdf", "%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n");
        test::write_file(dir / "photo.png", png(200, 120));
        docs.add(dir / "plan.pdf", meta("work.plans", Retention::Years30, "年度工作计划"));
        docs.add(dir / "photo.png", meta("innovation.projects", Retention::Years10, "志愿服务照片"));

        core::Rectification rect(archive.db(), org.id);
        core::RectificationItem item;
        item.issue = "党小组会召开不经常";
        item.measures = "每月固定日期召开党小组会";
        item.owner = "刘芳";
        item.created_on = core::Date(year, 5, 1);
        item.deadline = core::Date(year, 8, 31);
        rect.add(item);
        // Registered next year, but it answers this year's assessment: it belongs in this year's ledger.
        core::RectificationItem late;
        late.issue = "联席会议题落实不到位";
        late.measures = "每次联席会通报上次议定事项";
        late.owner = "王建国";
        late.created_on = core::Date::today();
        late.deadline = core::Date::today().add_days(60);
        late.source = core::RectSource::deduction(year, "2.2");
        rect.add(late);
        core::RectificationItem other;
        other.issue = "与本年度无关的事项";
        other.measures = "无";
        other.owner = "王建国";
        other.created_on = core::Date::today();
        other.deadline = core::Date::today().add_days(60);
        rect.add(other);

        auto rubrics = core::RubricSet::load(plugins());
        auto sector_rubrics = rubrics.for_sector("community");
        BOOST_REQUIRE(!sector_rubrics.empty());
        core::AssessmentStore assessments(archive, rubrics);
        auto a = assessments.create(org.id, sector_rubrics.front()->id, year, "测试");
        for (const auto& sec : sector_rubrics.front()->sections)
            for (const auto& it : sec.items)
                if (it.kind == core::ScoringKind::Manual) {
                    core::ScoreInput in;
                    in.item_id = it.id;
                    in.points = it.points;
                    in.by = "测试";
                    assessments.score(a.id, in);
                    return;
                }
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(book_pdf)

BOOST_AUTO_TEST_CASE(catalogue_runs_over_many_pages_with_the_header_on_each) {
    test::ScratchDir dir("onebook-cat");
    auto a = test::make_archive(dir / "c.onebook");
    a.set_setting(archive::fonds_code_setting, "Z031");
    archive::DocumentStore store(a, plugins());
    const int n = 75;
    for (int i = 1; i <= n; ++i) {
        test::write_file(dir / "f.txt", "document " + std::to_string(i));
        archive::DocumentMeta m;
        m.section_id = "work.plans";
        m.year = 2024;
        m.retention = Retention::Years30;
        m.title = "关于第" + std::to_string(i) + "项工作的请示";
        m.doc_ref = "幸社党〔2024〕" + std::to_string(i) + "号";
        m.date = "20240315";
        m.pages = 2;
        store.add(dir / "f.txt", m);
    }
    // Another class and year must not appear.
    archive::DocumentMeta other;
    other.section_id = "work.plans";
    other.year = 2024;
    other.retention = Retention::Permanent;
    other.title = "不应出现的永久文件";
    store.add(dir / "f.txt", other);

    auto out = dir / "cat.pdf";
    auto r = archive::write_catalogue_pdf(a, store, 2024, Retention::Years30, out);
    BOOST_TEST(r.documents == n);
    BOOST_TEST(r.pages > 1);
    BOOST_TEST(qpdf_pages(out) == r.pages);
    BOOST_TEST(test::run_tool({"qpdf", "--check", test::utf8(out)}) == 0);
    auto pages = pdf_pages(out);
    BOOST_REQUIRE(static_cast<int>(pages.size()) == r.pages);
    std::string all;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        for (const char* col : {"序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"})
            BOOST_TEST(pages[i].find(col) != std::string::npos, "page " << i + 1 << " lacks header " << col);
        BOOST_TEST(pages[i].find("第 " + std::to_string(i + 1) + " 页") != std::string::npos);
        all += squeeze(pages[i]);
    }
    for (int i = 1; i <= n; ++i) {
        char code[32];
        std::snprintf(code, sizeof code, "Z031-WS·2024-D30-%04d", i);
        BOOST_TEST(all.find(code) != std::string::npos, code);
    }
    BOOST_TEST(all.find("不应出现的永久文件") == std::string::npos);
    BOOST_TEST(all.find("共75件，150页") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_activist_roster_is_a_view_of_the_recruitment_pipeline, BookFixture) {
    auto org = archive.home();
    core::Recruitment pipeline(archive.db(), org.id,
                               core::RecruitmentRules::load(nullptr, {}, {test::source_dir() / "templates"}));
    core::Recruit p;
    p.name = "钱多多";
    p.gender = "女";
    p.applied_on = core::Date(year - 1, 3, 1);
    pipeline.apply(p);
    pipeline.move(p.id, "入党积极分子", core::Date(year - 1, 5, 1), {}, "支委会确定", {"王建国", "李秀兰"});
    // Admitted people are on the roster, not in this section.
    core::Recruit q;
    q.name = "孙已入";
    q.applied_on = core::Date(year - 3, 3, 1);
    pipeline.apply(q);
    archive.db().exec("UPDATE recruit SET stage = '预备党员' WHERE name = '孙已入'");
    auto out = dir / "book.pdf";
    archive::BookOptions o;
    o.year = year;
    archive::write_book_pdf(archive, plugins(), o, out);
    std::string all;
    for (const auto& page : pdf_pages(out)) all += squeeze(page);
    BOOST_TEST(all.find("入党积极分子和培养对象：1名") != std::string::npos);
    BOOST_TEST(all.find("钱多多") != std::string::npos);
    BOOST_TEST(all.find("王建国、李秀兰") != std::string::npos);
    BOOST_TEST(all.find("孙已入") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(book_has_outline_toc_minutes_images_and_no_private_data, BookFixture) {
    auto out = dir / "book.pdf";
    archive::BookOptions o;
    o.year = year;
    auto r = archive::write_book_pdf(archive, plugins(), o, out);
    if (const char* keep = std::getenv("ONEBOOK_TEST_KEEP"))
        fs::copy_file(out, fs::path(keep) / "book_pdf_test.pdf", fs::copy_options::overwrite_existing);
    BOOST_TEST(test::run_tool({"qpdf", "--check", test::utf8(out)}) == 0);
    BOOST_TEST(qpdf_pages(out) == r.pages);
    BOOST_TEST(r.records == 4);
    BOOST_TEST(r.documents == 2);
    BOOST_TEST(r.images >= 2); // the sign-in sheet attachment and the photo document

    // Outline: every chapter, and every section of the book, in order, chapters on top.
    auto outline = qpdf_outline(out);
    auto sections = archive::book_sections(plugins(), "community");
    std::vector<std::string> top, second;
    for (const auto& [title, depth] : outline) {
        if (depth == 1) top.push_back(title);
        if (depth == 2) second.push_back(title);
    }
    BOOST_REQUIRE(top.size() == 5u);
    for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(top[i].find(archive::chapters()[i].title) != std::string::npos);
    BOOST_REQUIRE(second.size() == sections.size());
    for (std::size_t i = 0; i < sections.size(); ++i) BOOST_TEST(second[i] == sections[i].title);
    // Records and rule texts have bookmarks of their own, one level down.
    int deeper = 0;
    for (const auto& [title, depth] : outline)
        if (depth == 3) ++deeper;
    BOOST_TEST(deeper >= 4 + static_cast<int>(archive::RuleTextStore(archive, plugins()).all().size()));

    // Table of contents: the number printed beside each entry is the page it is on.
    auto pages = pdf_pages(out);
    BOOST_REQUIRE(static_cast<int>(pages.size()) == r.pages);
    int first_body = 0;
    for (const auto& e : r.outline)
        if (e.level == 1) {
            first_body = e.page_index;
            break;
        }
    BOOST_REQUIRE(first_body > 2);
    std::map<std::string, int> toc;
    static const std::regex line(R"(^\s*(\S.*?)[\s.]+(\d+)\s*$)"); // (byte regex: no CJK in classes)
    for (int p = 1; p <= first_body - 2; ++p) {                    // physical pages 2 … first_body-1
        std::istringstream in(pages[static_cast<std::size_t>(p)]);
        std::string l;
        std::smatch m;
        while (std::getline(in, l))
            if (std::regex_match(l, m, line)) toc[squeeze(m[1])] = std::stoi(m[2]);
    }
    int checked = 0;
    for (const auto& e : r.outline) {
        if (e.level > 2) continue;
        auto it = toc.find(squeeze(e.text));
        BOOST_REQUIRE_MESSAGE(it != toc.end(), "TOC lacks " << e.text);
        BOOST_TEST(it->second == e.page_number, e.text);
        // …and that page shows the heading and that number in its footer.
        const auto& page = pages[static_cast<std::size_t>(e.page_index - 1)];
        BOOST_TEST(squeeze(page).find(squeeze(e.text)) != std::string::npos, e.text << " not on page " << e.page_index);
        BOOST_TEST(page.find("第 " + std::to_string(e.page_number) + " 页") != std::string::npos);
        ++checked;
    }
    BOOST_TEST(checked == 5 + static_cast<int>(sections.size()));

    std::string text;
    for (const auto& p : pages) text += p;
    std::string flat = squeeze(text);
    // Cover, minutes with attendance, assessment, ledger, catalogue.
    for (const char* must : {"党建工作一本通", "幸福里社区党支部", "社区", "应到", "实到", "缺席人员及原因", "马俊（外出务工）",
                             "一致同意", "党小组会召开不经常", "Z031-WS·", "归档文件目录"})
        BOOST_TEST(flat.find(squeeze(must)) != std::string::npos, "book lacks " << must);
    BOOST_TEST(flat.find(std::to_string(year) + "年") != std::string::npos);
    for (const auto& t : topics) BOOST_TEST(flat.find(squeeze(t)) != std::string::npos, "book lacks record " << t);
    BOOST_TEST(flat.find("联席会议题落实不到位") != std::string::npos);
    BOOST_TEST(flat.find("与本年度无关的事项") == std::string::npos);

    // Private data: the roster is printed, but no ID number, phone or address in full.
    int masked = 0;
    for (const auto& m : members) {
        BOOST_TEST(flat.find(m.name) != std::string::npos);
        BOOST_REQUIRE(!m.priv.id_number.empty());
        BOOST_TEST(flat.find(m.priv.id_number) == std::string::npos, "ID number of " << m.name);
        BOOST_TEST(flat.find(m.priv.id_number.substr(4, 10)) == std::string::npos, "ID digits of " << m.name);
        BOOST_TEST(flat.find(m.priv.phone) == std::string::npos, "phone of " << m.name);
        BOOST_TEST(flat.find(squeeze(m.priv.address)) == std::string::npos, "address of " << m.name);
        if (flat.find(archive::mask_phone(m.priv.phone)) != std::string::npos) ++masked;
    }
    BOOST_TEST(masked > 0);

    // Images are really embedded.
    std::string images;
    BOOST_REQUIRE(test::run_tool({"pdfimages", "-list", test::utf8(out)}, &images) == 0);
    int image_lines = 0;
    std::istringstream in(images);
    for (std::string l; std::getline(in, l);)
        if (l.find("image") != std::string::npos) ++image_lines;
    BOOST_TEST(image_lines >= 2);
}

BOOST_AUTO_TEST_CASE(masks_keep_only_the_ends) {
    BOOST_TEST(archive::mask_phone("13800101037") == "138****1037");
    BOOST_TEST(archive::mask_id_number("11010519680612001X") == "1101**********001X");
    BOOST_TEST(archive::mask_id_number("") == "");
    BOOST_TEST(archive::mask_phone("12") == "**");
}

BOOST_AUTO_TEST_SUITE_END()
