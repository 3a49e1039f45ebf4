// Word documents read back by independent readers: python-docx (texts, fonts by their Windows
// names with the eastAsia attribute, A4 page, footer page number) and LibreOffice Writer
// (converted to PDF, text checked with pdftotext). Minutes of one record and of a whole year,
// the rectification ledger with history, and the rule texts.
#include "../core/records_fixture.hpp"

#include "onebook/archive/book_pdf.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/word_exports.hpp"
#include "onebook/rectification.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

/// Reads a .docx with python-docx and prints what the tests check, one fact a line.
const char* kReadBack = R"PY(
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
s = d.sections[0]
print("page", s.page_width.mm if hasattr(s.page_width, "mm") else s.page_width / 36000, s.page_height / 36000, s.orientation)
print("title", d.core_properties.title)
fonts = set()
for p in d.paragraphs:
    print("p", p.style.name, "|", p.text.replace("\n", " "))
    for r in p.runs:
        rpr = r._element.rPr
        if rpr is not None and rpr.rFonts is not None:
            fonts.add(rpr.rFonts.get(qn("w:eastAsia")))
for t in d.tables:
    for row in t.rows:
        print("row", " | ".join(c.text for c in row.cells))
styles = d.styles.element
for st in ["Title", "Heading1", "BodyText", "Minutes", "TableText", "Label"]:
    el = styles.find(".//" + qn("w:style") + "[@" + qn("w:styleId") + "='" + st + "']")
    rf = el.find(".//" + qn("w:rFonts"))
    print("style", st, rf.get(qn("w:eastAsia")))
print("runfonts", ",".join(sorted(f for f in fonts if f)))
footer = s.footer._element.xml
print("footer_page", "PAGE" in footer)
)PY";

std::string python_docx(const test::ScratchDir& dir, const fs::path& docx) {
    if (!fs::exists(dir / "read.py")) test::write_file(dir / "read.py", kReadBack);
    std::string out, err;
    int rc = test::run_tool({"/usr/bin/python3", test::utf8(dir / "read.py"), test::utf8(docx)}, &out, &err);
    BOOST_REQUIRE_MESSAGE(rc == 0, "python-docx could not read " << docx << ": " << err);
    return out;
}

/// Converts with LibreOffice Writer and returns pdftotext's text (and the page count).
std::string pdf_text(const test::ScratchDir& dir, const fs::path& docx, int* pages = nullptr) {
    std::string out, err;
    int rc = test::run_tool({"soffice", "-env:UserInstallation=file://" + test::utf8(dir / "lo-profile"), "--headless",
                             "--convert-to", "pdf", "--outdir", "pdf", test::utf8(docx)},
                            &out, &err, test::in_dir(dir.path()));
    fs::path pdf = dir / "pdf" / (docx.stem().string() + ".pdf");
    BOOST_REQUIRE_MESSAGE(rc == 0 && fs::exists(pdf), "LibreOffice could not convert " << docx << ": " << out << err);
    if (pages) {
        std::string info;
        test::run_tool({"pdfinfo", test::utf8(pdf)}, &info);
        auto p = info.find("Pages:");
        *pages = p == std::string::npos ? 0 : std::stoi(info.substr(p + 6));
        BOOST_TEST(info.find("(A4)") != std::string::npos, "the PDF pages are A4: " << info);
    }
    std::string text;
    BOOST_REQUIRE(test::run_tool({"pdftotext", test::utf8(pdf), "-"}, &text) == 0);
    // pdftotext may break lines inside a cell: compare without white space.
    std::string squeezed;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\f') squeezed += c;
    return squeezed;
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

struct Fixture : test::Branch {
    core::Id first = 0, second = 0, third = 0;
    Fixture() {
        first = add("assembly", core::Date(2025, 3, 5), {}, {{"李秀兰", "出差"}, {"马俊", "外出务工"}}, 0, true);
        second = add("assembly", core::Date(2025, 6, 18));
        third = add("committee", core::Date(2025, 7, 2));
        auto s = store();
        auto r = *s.get(first);
        r.topic = "部署全年党建工作";
        r.time = "14:30-16:00";
        r.fields["agenda"] = "一、通报上年度工作\n二、讨论全年计划";
        r.fields["minutes"] = "王建国同志通报上年度工作。\n全体党员讨论通过全年计划。";
        r.fields["resolutions"] = "通过2025年党建工作计划。";
        s.update(r, tmpl("assembly"), core::Date(2026, 11, 25));
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(minutes_of_one_record_read_back_by_python_docx_and_libreoffice, Fixture) {
    auto s = store();
    auto doc = archive::minutes_document(archive->home(), {*s.get(first)}, templates);
    archive::save_docx(doc, dir / "minutes.docx");
    auto facts = python_docx(dir, dir / "minutes.docx");
    BOOST_TEST_MESSAGE(facts);
    BOOST_TEST(has(facts, "page 210"), "A4 width 210 mm");
    BOOST_TEST(has(facts, " 297"), "A4 height 297 mm");
    BOOST_TEST(has(facts, "title 幸福里社区党支部 支部党员大会记录（2025-03-05）"));
    BOOST_TEST(has(facts, "p Title | 支部党员大会记录"));
    BOOST_TEST(has(facts, "row 会议名称 | 支部党员大会 | 时间 | 2025年3月5日 14:30-16:00"));
    BOOST_TEST(has(facts, "row 主持人 | 王建国 | 记录人 | 吴静"));
    BOOST_TEST(has(facts, "row 应到人数 | 9 人 | 实到人数 | 7 人（出席率 77.8%）"));
    BOOST_TEST(has(facts, "row 缺席人员及原因 | 李秀兰（出差）、马俊（外出务工）"));
    BOOST_TEST(has(facts, "row 列席人员 | "));
    BOOST_TEST(has(facts, "row 议题 | 部署全年党建工作"));
    BOOST_TEST(has(facts, "p OneBook Label | 议程："));
    BOOST_TEST(has(facts, "p OneBook Minutes | 二、讨论全年计划"));
    BOOST_TEST(has(facts, "p OneBook Label | 决议事项："));
    BOOST_TEST(has(facts, "p OneBook Minutes | 通过2025年党建工作计划。"));
    BOOST_TEST(has(facts, "主持人（签字）："));
    BOOST_TEST(has(facts, "style Title 黑体"));
    BOOST_TEST(has(facts, "style TableText 宋体"));
    BOOST_TEST(has(facts, "style Minutes 仿宋"));
    BOOST_TEST(has(facts, "footer_page True"));

    int pages = 0;
    auto text = pdf_text(dir, dir / "minutes.docx", &pages);
    BOOST_TEST(pages >= 1);
    BOOST_TEST(has(text, "支部党员大会记录"));
    BOOST_TEST(has(text, "李秀兰（出差）"));
    BOOST_TEST(has(text, "全体党员讨论通过全年计划。"));
    BOOST_TEST(has(text, "记录人（签字）"));
    BOOST_TEST(has(text, "—1—"), "page number in the footer");
}

BOOST_FIXTURE_TEST_CASE(minutes_of_a_year_one_record_a_page, Fixture) {
    auto s = store();
    auto doc = archive::minutes_document(archive->home(), s.list(2025, "assembly"), templates);
    archive::save_docx(doc, dir / "year.docx");
    auto facts = python_docx(dir, dir / "year.docx");
    std::size_t titles = 0;
    for (auto p = facts.find("p Title | 支部党员大会记录"); p != std::string::npos;
         p = facts.find("p Title | 支部党员大会记录", p + 1))
        ++titles;
    BOOST_TEST(titles == 2u);
    BOOST_TEST(!has(facts, "支部委员会会议记录"));
    int pages = 0;
    auto text = pdf_text(dir, dir / "year.docx", &pages);
    BOOST_TEST(pages >= 2, "each record starts a page");
    BOOST_TEST(has(text, "2025年6月18日"));
}

BOOST_FIXTURE_TEST_CASE(rectification_ledger_with_history_landscape, Fixture) {
    core::Rectification rect(archive->db(), org);
    core::RectificationItem a;
    a.issue = "党员活动室面积不足";
    a.measures = "协调共建单位提供场地";
    a.owner = "王建国";
    a.deadline = core::Date(2025, 3, 31);
    a.target = "面积不少于100平方米";
    a.created_on = core::Date(2025, 1, 10);
    rect.add(a, "检查发现");
    rect.change_status(a.id, core::RectStatus::InProgress, core::Date(2025, 2, 1), "已与物业联系", std::nullopt,
                       core::Date(2025, 6, 1));
    core::RectificationItem b;
    b.issue = "党费收缴公布不及时";
    b.measures = "每半年公布一次";
    b.owner = "刘芳";
    b.deadline = core::Date(2025, 12, 31);
    b.created_on = core::Date(2025, 1, 10);
    rect.add(b);
    auto doc = archive::rectification_ledger_document(archive->home(), rect, core::Date(2025, 6, 1));
    archive::save_docx(doc, dir / "ledger.docx");
    auto facts = python_docx(dir, dir / "ledger.docx");
    BOOST_TEST_MESSAGE(facts);
    BOOST_TEST(has(facts, "page 297"), "A4 landscape: 297 mm wide");
    BOOST_TEST(has(facts, "LANDSCAPE"));
    BOOST_TEST(has(facts, "p Title | 幸福里社区党支部整改台账"));
    BOOST_TEST(has(facts, "row 序号 | 整改事项 | 主要措施 | 责任人 | 完成时限 | 量化目标 | 完成情况 | 状态 | 整改过程"));
    BOOST_TEST(has(facts, "逾期62天·整改中"));
    BOOST_TEST(has(facts, "2025-02-01 整改中：已与物业联系"));
    BOOST_TEST(has(facts, "共 2 项"));
    auto text = pdf_text(dir, dir / "ledger.docx");
    BOOST_TEST(has(text, "党员活动室面积不足"));
    BOOST_TEST(has(text, "已与物业联系"));
}

BOOST_FIXTURE_TEST_CASE(rule_texts_in_fangsong_with_sources, Fixture) {
    archive::RuleTextStore store(*archive, plugins);
    auto texts = store.all();
    BOOST_REQUIRE(!texts.empty());
    auto doc = archive::rule_texts_document(archive->home(), texts);
    archive::save_docx(doc, dir / "rules.docx");
    auto facts = python_docx(dir, dir / "rules.docx");
    BOOST_TEST(has(facts, "p Title | 幸福里社区党支部基本制度"));
    BOOST_TEST(has(facts, "p Heading 1 | " + texts.front().title));
    BOOST_TEST(has(facts, "p Body Text | "));
    BOOST_TEST(has(facts, "style BodyText 仿宋"));
    BOOST_TEST(has(facts, "style Heading1 黑体"));
    auto text = pdf_text(dir, dir / "rules.docx");
    std::string first_line = texts.front().body.substr(0, texts.front().body.find('\n'));
    std::string squeezed;
    for (char c : first_line.substr(0, 30))
        if (c != ' ') squeezed += c;
    BOOST_TEST(has(text, squeezed.substr(0, 12)));
}

BOOST_AUTO_TEST_CASE(text_is_escaped_and_line_breaks_kept) {
    test::ScratchDir dir("docx");
    archive::DocxDocument doc;
    doc.title = "<a & b>";
    doc.add(archive::DocxParagraph("甲 < 乙 & \"丙\"\n第二行", "Minutes"));
    archive::save_docx(doc, dir / "esc.docx");
    auto facts = python_docx(dir, dir / "esc.docx");
    BOOST_TEST(has(facts, "title <a & b>"));
    BOOST_TEST(has(facts, "甲 < 乙 & \"丙\" 第二行"));
}

BOOST_FIXTURE_TEST_CASE(printing_extracts_of_the_book_minutes_and_roster, Fixture) {
    archive::BookOptions opt;
    opt.year = 2025;
    opt.part = archive::BookOptions::Part::Records;
    opt.record_ids = {first, third};
    auto r = archive::write_book_pdf(*archive, plugins, opt, dir / "print.pdf");
    BOOST_TEST(r.records == 2);
    BOOST_TEST(r.pages == 2, "one page per record, no blank first page, no cover");
    std::string page1;
    test::run_tool({"pdftotext", "-f", "1", "-l", "1", test::utf8(dir / "print.pdf"), "-"}, &page1);
    BOOST_TEST(has(page1, "支部党员大会"));
    BOOST_TEST(has(page1, "李秀兰"));
    opt.part = archive::BookOptions::Part::Roster;
    r = archive::write_book_pdf(*archive, plugins, opt, dir / "roster.pdf");
    std::string roster;
    test::run_tool({"pdftotext", test::utf8(dir / "roster.pdf"), "-"}, &roster);
    BOOST_TEST(has(roster, "党员名册"));
    BOOST_TEST(has(roster, "王建国"));
    BOOST_TEST(!has(roster, "目　录"));
}
