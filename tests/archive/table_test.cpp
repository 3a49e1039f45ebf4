// The renderers of archive/table.cpp: CSV (BOM, CRLF, quoting, formula injection), clipboard
// text, JSON (Poco::JSON, typed), and xlsx read back by Debian's openpyxl (headers, cell types,
// frozen panes, print titles, page set-up, widths that fit Chinese).
#include "onebook/archive/table.hpp"

#include "test_support.hpp"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include <sstream>

namespace fs = std::filesystem;
using namespace onebook;
using archive::CellType;
using archive::Value;

namespace {

archive::Table sample() {
    archive::Table t;
    t.key = "sample";
    t.title = {"党员名册", {}};
    t.organisation = "幸福里社区党支部";
    t.date = core::Date(2025, 12, 31);
    t.columns = {
        {"name", "姓名", CellType::Text, false, -1},   {"joined", "入党时间", CellType::Date, false, -1},
        {"age", "党龄", CellType::Integer, false, -1}, {"points", "得分", CellType::Number, false, 1},
        {"status", "状态", CellType::Text, true, -1},  {"notes", "工作单位及职务（很长的标题）", CellType::Text, false, -1}};
    t.add_row({std::string("王建国"), core::Date(1995, 7, 1), 30LL, 86.5, std::string("违规"),
               std::string("幸福里社区党支部书记、居委会主任，兼任第一党小组组长")});
    t.add_row({std::string("=HYPERLINK(\"http://x\",\"点我\")"), Value(), -3LL, -1.5, std::string("符合"),
               std::string("含,逗号和\"引号\"\n及换行")});
    t.add_row({std::string("+86 139"), core::Date(2024, 2, 29), Value(), Value(), Value(), std::string("@SUM(A1)")});
    t.add_row({std::string("\t制表"), Value(), 0LL, 0.0, Value(), std::string("\r回车")});
    t.notes.push_back({"共 {count} 名党员", {{"count", "4"}}});
    t.highlight = {{"违规", 0xF8CBAD}};
    return t;
}

std::vector<std::string> csv_lines(const std::string& csv) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < csv.size()) {
        auto end = csv.find("\r\n", at);
        if (end == std::string::npos) end = csv.size();
        lines.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

} // namespace

BOOST_AUTO_TEST_CASE(csv_is_excel_ready_and_neutralised) {
    auto t = archive::localise(sample());
    std::string csv = archive::render_csv({t});
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u);
    // Every line ends with CRLF; no bare LF outside the quoted cell.
    BOOST_TEST(csv.substr(csv.size() - 2) == "\r\n");
    auto lines = csv_lines(csv.substr(3));
    BOOST_TEST(lines[0] == "姓名,入党时间,党龄,得分,状态,工作单位及职务（很长的标题）");
    BOOST_TEST(lines[1] == "王建国,1995-07-01,30,86.5,违规,幸福里社区党支部书记、居委会主任，兼任第一党小组组长");
    // A formula becomes text; a negative number in a number column stays a number.
    BOOST_TEST(lines[2] == "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",,-3,-1.5,符合,\"含,逗号和\"\"引号\"\"\n及换行\"");
    BOOST_TEST(lines[3] == "'+86 139,2024-02-29,,,,'@SUM(A1)");
    BOOST_TEST(lines[4] == "'\t制表,,0,0.0,,\"'\r回车\"");
    BOOST_TEST(lines.size() == 5u); // one table: no title, no notes, nothing after the rows

    // Several tables: each under its title, the notes after it, a blank line between.
    auto two = archive::render_csv({t, t});
    auto l2 = csv_lines(two.substr(3));
    BOOST_TEST(l2[0] == "党员名册");
    BOOST_TEST(l2[1] == lines[0]);
    BOOST_TEST(l2[6] == "共 4 名党员");
    BOOST_TEST(l2[7].empty());
    BOOST_TEST(l2[8] == "党员名册");
}

BOOST_AUTO_TEST_CASE(clipboard_text_is_tab_separated) {
    auto tsv = archive::render_tsv(archive::localise(sample()));
    auto lines = csv_lines(tsv);
    BOOST_TEST(lines.size() == 5u);
    BOOST_TEST(lines[0] == "姓名\t入党时间\t党龄\t得分\t状态\t工作单位及职务（很长的标题）");
    BOOST_TEST(lines[2] == "'=HYPERLINK(\"http://x\",\"点我\")\t\t-3\t-1.5\t符合\t含,逗号和\"引号\" 及换行");
    // Tabs and line breaks inside a cell become spaces: the columns survive the paste.
    BOOST_TEST(lines[4] == " 制表\t\t0\t0.0\t\t 回车");
}

BOOST_AUTO_TEST_CASE(localise_translates_headers_titles_and_marked_columns) {
    archive::Translator tr{[](const std::string& s) { return s == "违规" ? std::string("violation") : "[" + s + "]"; },
                           [](const core::Message& m) { return "<" + core::substitute(m.key, m.params) + ">"; }};
    auto t = archive::localise(sample(), tr);
    BOOST_TEST(t.columns[0].header == "[姓名]");
    BOOST_TEST(t.title.key == "<党员名册>");
    BOOST_TEST(t.notes[0].key == "<共 4 名党员>");
    BOOST_TEST(std::get<std::string>(t.rows[0][4]) == "violation");
    BOOST_TEST(std::get<std::string>(t.rows[0][0]) == "王建国"); // data is never translated
    BOOST_CHECK_THROW(t.add_row({std::string("too short")}), core::Error);
}

BOOST_AUTO_TEST_CASE(json_has_every_column_typed) {
    auto t = archive::localise(sample());
    Poco::JSON::Parser parser;
    auto o = parser.parse(archive::render_json({t})).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(o->getValue<std::string>("organisation") == "幸福里社区党支部");
    BOOST_TEST(o->getValue<std::string>("date") == "2025-12-31");
    auto cols = o->getArray("columns");
    BOOST_TEST(cols->size() == t.columns.size());
    BOOST_TEST(cols->getObject(1)->getValue<std::string>("type") == "date");
    auto rows = o->getArray("rows");
    BOOST_REQUIRE(rows->size() == 4u);
    for (std::size_t i = 0; i < rows->size(); ++i)
        for (const auto& c : t.columns) BOOST_TEST(rows->getObject(static_cast<unsigned>(i))->has(c.key), c.key);
    auto r0 = rows->getObject(0);
    BOOST_TEST(r0->getValue<std::string>("joined") == "1995-07-01");
    BOOST_TEST(r0->get("age").isInteger());
    BOOST_TEST(r0->getValue<int>("age") == 30);
    BOOST_TEST(r0->getValue<double>("points") == 86.5);
    BOOST_TEST(rows->getObject(1)->isNull("joined"));
    BOOST_TEST(rows->getObject(1)->getValue<std::string>("notes") == "含,逗号和\"引号\"\n及换行");
    auto several = parser.parse(archive::render_json({t, t})).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(several->getArray("tables")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(text_table_aligns_cjk) {
    std::ostringstream out;
    archive::render_text(out, {archive::localise(sample())});
    std::istringstream in(out.str());
    std::string title, header, rule, first;
    std::getline(in, title);
    std::getline(in, header);
    std::getline(in, rule);
    std::getline(in, first);
    BOOST_TEST(title == "党员名册");
    // 姓名 is 4 columns wide, its widest cell (the formula) 31: the next header starts after both.
    BOOST_TEST(archive::display_width(header.substr(0, header.find("入党时间"))) == static_cast<int>(rule.find(" -")) + 1);
    BOOST_TEST(archive::display_width(first.substr(0, first.find("1995"))) ==
               archive::display_width(header.substr(0, header.find("入党时间"))));
}

BOOST_AUTO_TEST_CASE(formats_by_name_and_extension) {
    BOOST_TEST((archive::parse_table_format("xlsx") == archive::TableFormat::Xlsx));
    BOOST_TEST((archive::parse_table_format("") == archive::TableFormat::Text));
    BOOST_CHECK_THROW(archive::parse_table_format("xls"), core::Error);
    BOOST_TEST((archive::format_for_path("名册.XLSX", archive::TableFormat::Text) == archive::TableFormat::Xlsx));
    BOOST_TEST((archive::format_for_path("名册", archive::TableFormat::Csv) == archive::TableFormat::Csv));
}

BOOST_AUTO_TEST_CASE(xlsx_reads_back_in_openpyxl) {
    test::ScratchDir dir{"onebook-xlsx"};
    auto t = archive::localise(sample());
    archive::Table second = t;
    second.key = "second";
    second.sheet = "考核表/2025:第一轮[草稿]*?一个非常非常长的工作表名称超过三十一个字符";
    fs::path file = dir / "导出.xlsx";
    archive::render_xlsx({t, second}, file);
    BOOST_REQUIRE(fs::exists(file));
    int files = 0; // no temporary file left beside it
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
    BOOST_TEST(files == 1);

    test::write_file(dir / "read.py", R"PY(
import sys, openpyxl, datetime
wb = openpyxl.load_workbook(sys.argv[1])
print("sheets", len(wb.worksheets))
for ws in wb.worksheets:
    print("name", ws.title)
    print("title", ws["A1"].value)
    print("merged", ",".join(str(r) for r in ws.merged_cells.ranges))
    print("header", "|".join(str(c.value) for c in ws[2]))
    print("freeze", ws.freeze_panes)
    print("print_titles", ws.print_title_rows)
    print("orientation", ws.page_setup.orientation, "paper", ws.page_setup.paperSize)
    print("fit", ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage)
    print("footer", ws.oddFooter.center.text)
    r = ws[3]
    print("types", "|".join(type(c.value).__name__ for c in r))
    print("joined", r[1].value.date().isoformat(), r[1].number_format)
    print("row4", repr(ws["A4"].value), ws["A4"].data_type, ws["C4"].value, ws["D4"].value)
    print("widths", int(ws.column_dimensions["A"].width), int(ws.column_dimensions["F"].width))
    print("note", ws.cell(row=8, column=1).value)
    print("height3", ws.row_dimensions[3].height)
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            print("highlight", cf.sqref, rule.operator, rule.formula[0], rule.dxf.fill.fgColor.rgb if rule.dxf and rule.dxf.fill else None)
)PY");
    std::string out, err;
    int rc = test::run_tool({"/usr/bin/python3", test::utf8(dir / "read.py"), test::utf8(file)}, &out, &err);
    BOOST_REQUIRE_MESSAGE(rc == 0, err);
    BOOST_TEST_MESSAGE(out);
    auto has = [&](const std::string& s) { return out.find(s) != std::string::npos; };
    BOOST_TEST(has("sheets 2\n"));
    BOOST_TEST(has("name 党员名册\n"));
    BOOST_TEST(has("name 考核表_2025_第一轮_草稿___一个非常非常长的工作表名称\n")); // 31 characters, none of []:*?/\\ in it
    BOOST_TEST(has("title 幸福里社区党支部  党员名册  2025-12-31\n"));
    BOOST_TEST(has("merged A1:F1\n"));
    BOOST_TEST(has("header 姓名|入党时间|党龄|得分|状态|工作单位及职务（很长的标题）\n"));
    BOOST_TEST(has("freeze A3\n"));
    BOOST_TEST(has("print_titles $2:$2\n"));
    BOOST_TEST(has("orientation landscape paper 9\n"));
    BOOST_TEST(has("fit None 0 True\n")); // one page wide (1 is the default, left out), any number of pages down
    BOOST_TEST(has("footer &P / &N\n"));
    BOOST_TEST(has("types str|datetime|int|float|str|str\n"));
    BOOST_TEST(has("joined 1995-07-01 yyyy-mm-dd\n"));
    // A formula-looking text is stored as a string, never as a formula; negative numbers stay numbers.
    BOOST_TEST(has("row4 '=HYPERLINK(\"http://x\",\"点我\")' s -3 -1.5\n"));
    // Widths fit Chinese (two columns a character and 15 % to spare) up to 30, where text wraps:
    // the formula text (29 wide) and the long workplace (50+ wide) both get the cap.
    BOOST_TEST(has("widths 32 32\n"), out);
    BOOST_TEST(has("height3 30.0\n"), out); // the row with the long text is two lines tall
    BOOST_TEST(has("note 共 4 名党员\n"));
    // 违规 cells are filled red wherever they are in the data rows.
    BOOST_TEST(has("highlight A3:F6 equal \"违规\" "), out);
}

BOOST_AUTO_TEST_CASE(xlsx_failure_names_the_file) {
    try {
        archive::render_xlsx({archive::localise(sample())}, "/nonexistent-folder/名册.xlsx");
        BOOST_FAIL("no error");
    } catch (const core::Error& e) { BOOST_TEST(e.param("file") == "/nonexistent-folder/名册.xlsx"); }
}
