// The .xlsx reader against workbooks written by the programs offices really use: openpyxl
// (inline strings, dates as serials with Chinese formats, a title row, a header merged over two
// rows) and LibreOffice Calc (shared strings, dates it recognised in a CSV), plus a hand-made
// workbook for the rarer cell kinds, and hostile files (zip bomb, huge sheet, not a workbook).
// The roster import of a workbook must report exactly what the import of the same CSV reports.
#include "test_support.hpp"

#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/xlsx_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

/// Runs a Python script with Debian's interpreter (the one that sees python3-openpyxl).
void python(const test::ScratchDir& dir, const std::string& script) {
    test::write_file(dir / "make.py", script);
    std::string out, err;
    int rc = test::run_tool({"/usr/bin/python3", "make.py"}, &out, &err, test::in_dir(dir.path()));
    BOOST_REQUIRE_MESSAGE(rc == 0, "python failed: " << err);
}

/// Converts a CSV to .xlsx with LibreOffice Calc (headless, its own profile in `dir`).
fs::path soffice_xlsx(const test::ScratchDir& dir, const std::string& csv_name) {
    std::string out, err;
    int rc = test::run_tool({"soffice", "-env:UserInstallation=file://" + test::utf8(dir / "lo-profile"), "--headless",
                             "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", ".", csv_name},
                            &out, &err, test::in_dir(dir.path()));
    fs::path x = dir / (fs::path(csv_name).stem().string() + ".xlsx");
    BOOST_REQUIRE_MESSAGE(rc == 0 && fs::exists(x), "soffice failed: " << out << err);
    return x;
}

struct Fixture {
    test::ScratchDir dir{"xlsx"};
    core::Archive archive = test::make_archive(dir / "x.onebook");
    core::Roster roster{archive.db(), archive.home().id};
    core::RosterImporter importer{roster};
};

const char* kOpenpyxlRoster = R"PY(
import datetime, openpyxl
from openpyxl.styles import PatternFill
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "花名册"
ws["A1"] = "幸福里社区党支部党员花名册"
ws.merge_cells("A1:H1")
for col, name in zip("ABCDE", ["姓名", "性别", "出生日期", "入党时间", "所在党小组"]):
    ws[col + "2"] = name
    ws.merge_cells(col + "2:" + col + "3")
ws["F2"] = "联系方式"
ws.merge_cells("F2:G2")
ws["F3"] = "联系电话"
ws["G3"] = "家庭住址"
ws["H2"] = "备注"
ws.merge_cells("H2:H3")
ws.append(["王建国", "男", datetime.datetime(1968, 5, 6), "1992/7/1", "第一党小组", 13800001111, "幸福里1号楼"])
ws.append(["李秀兰", "女", datetime.datetime(1975, 11, 2), "2001年6月20日", None, 13800002222, None, "老党员"])
ws.append(["林涛", "男", "1998-01-09", datetime.datetime(2016, 3, 1), "第二党小组", None, None])
ws.merge_cells("E4:E5")
ws["C4"].number_format = 'yyyy"年"m"月"d"日"'
ws["C5"].number_format = "yyyy/m/d"
# formatted but empty cells far right and below: trailing rows and columns to ignore
ws["L20"].fill = PatternFill("solid", fgColor="FFFF00")
ws["M3"].fill = PatternFill("solid", fgColor="FFFF00")
wb.create_sheet("说明")["A1"] = "填表说明"
wb.save("roster.xlsx")
)PY";

} // namespace

BOOST_FIXTURE_TEST_CASE(openpyxl_title_row_merged_header_dates_and_inline_strings, Fixture) {
    python(dir, kOpenpyxlRoster);
    auto bytes = test::read_file(dir / "roster.xlsx");
    auto sheet = core::read_xlsx(bytes, "roster.xlsx");
    BOOST_TEST(sheet.name == "花名册");
    BOOST_TEST(sheet.all_sheets.size() == 2u);
    BOOST_TEST(core::xlsx_sheet_names(bytes, "roster.xlsx") == sheet.all_sheets);
    BOOST_REQUIRE(sheet.rows.size() == 6u);
    BOOST_TEST(sheet.rows[0].row == 1);
    BOOST_TEST(sheet.rows[3].row == 4);
    BOOST_TEST(sheet.rows[3].fields[2] == "1968-05-06");  // serial with a Chinese date format
    BOOST_TEST(sheet.rows[3].fields[5] == "13800001111"); // a number, not 1.38e10
    BOOST_TEST(sheet.rows[4].fields[4] == "第一党小组");  // merged down from E4
    BOOST_TEST(sheet.rows[2].fields[0] == "姓名");        // merged down from A2

    auto r = importer.import_file((dir / "roster.xlsx").string());
    for (const auto& p : r.problems) BOOST_ERROR("row " << p.row << " " << p.column << ": " << p.reason.key);
    BOOST_TEST(r.encoding == "XLSX");
    BOOST_TEST(r.sheet == "花名册");
    BOOST_TEST(r.rows == 3);
    BOOST_TEST(r.added == 3);
    auto w = roster.member_by_name("王建国");
    BOOST_REQUIRE(w);
    BOOST_TEST(w->birth_date->iso() == "1968-05-06");
    BOOST_TEST(w->join_date->iso() == "1992-07-01");
    auto wp = roster.member(w->id, true);
    BOOST_TEST(wp->priv.phone == "13800001111");
    BOOST_TEST(wp->priv.address == "幸福里1号楼");
    auto l = roster.member_by_name("李秀兰");
    BOOST_REQUIRE(l);
    BOOST_TEST(l->join_date->iso() == "2001-06-20");
    BOOST_TEST(l->notes == "老党员");
    BOOST_REQUIRE(l->group_id);
    BOOST_TEST(*l->group_id == *w->group_id, "the merged 党小组 cell applies to both members");
    auto t = roster.member_by_name("林涛");
    BOOST_REQUIRE(t);
    BOOST_TEST(t->join_date->iso() == "2016-03-01");

    // --sheet picks another sheet; a sheet that is not there is named with the ones that are.
    try {
        importer.import_file((dir / "roster.xlsx").string(), true, "名单");
        BOOST_ERROR("a missing sheet must fail");
    } catch (const core::Error& e) { BOOST_TEST(e.param("sheets") == "花名册、说明"); }
    try {
        importer.import_file((dir / "roster.xlsx").string(), true, "说明");
        BOOST_ERROR("the notes sheet has no header row");
    } catch (const core::Error& e) { BOOST_TEST(e.key().find("没有表头行") != std::string::npos); }
}

BOOST_FIXTURE_TEST_CASE(libreoffice_workbook_reads_like_its_csv_and_reports_the_same_problems, Fixture) {
    const std::string csv = "党员花名册,,,,,,\n"
                            "姓名,性别,出生日期,入党日期,党员类别,身份证号,联系电话\n"
                            "王建国,男,1968-05-06,1992/7/1,正式党员,11010519680506001X,13800001111\n"
                            "李秀兰,女,1975年11月2日,2001-06-20,积极分子,,13800002222\n"
                            ",男,1980-01-01,2005-07-01,正式党员,,\n"
                            "赵敏,女,1990年13月1日,2015-07-01,正式党员,,\n"
                            "钱程,男,1985-02-03,2010-07-01,正式党员,11010519680506001X,\n";
    test::write_file(dir / "bad.csv", csv);
    auto from_csv = importer.import_file((dir / "bad.csv").string(), true);
    auto xlsx = soffice_xlsx(dir, "bad.csv");
    auto from_xlsx = importer.import_file(xlsx.string(), true);
    BOOST_TEST(from_xlsx.encoding == "XLSX");
    BOOST_TEST(from_csv.rows == 5);
    BOOST_TEST(from_xlsx.rows == from_csv.rows);
    BOOST_REQUIRE(from_csv.problems.size() == 4u);
    BOOST_REQUIRE(from_xlsx.problems.size() == from_csv.problems.size());
    for (std::size_t i = 0; i < from_csv.problems.size(); ++i) {
        const auto &a = from_csv.problems[i], &b = from_xlsx.problems[i];
        BOOST_TEST(a.row == b.row);
        BOOST_TEST(a.column == b.column);
        BOOST_TEST(a.reason.key == b.reason.key);
        BOOST_TEST(core::substitute(a.reason.key, a.reason.params) == core::substitute(b.reason.key, b.reason.params));
    }
    BOOST_TEST(from_csv.problems[0].row == 4);
    BOOST_TEST(from_csv.problems[0].column == "党员类别");
    BOOST_TEST(roster.members().empty(), "nothing imported");

    // The good rows alone import from the workbook LibreOffice wrote (dates it made serials).
    test::write_file(dir / "good.csv", "姓名,性别,出生日期,入党日期,联系电话\n"
                                       "王建国,男,1968-05-06,1992/7/1,13800001111\n"
                                       "李秀兰,女,1975年11月2日,2001-06-20,13800002222\n");
    auto good = importer.import_file(soffice_xlsx(dir, "good.csv").string());
    for (const auto& p : good.problems) BOOST_ERROR("row " << p.row << " " << p.column << ": " << p.reason.key);
    BOOST_TEST(good.added == 2);
    BOOST_TEST(roster.member_by_name("李秀兰")->birth_date->iso() == "1975-11-02");
    BOOST_TEST(roster.member(roster.member_by_name("王建国")->id, true)->priv.phone == "13800001111");
}

BOOST_FIXTURE_TEST_CASE(hand_made_workbook_with_rare_cell_kinds, Fixture) {
    python(dir, R"PY(
import zipfile
z = zipfile.ZipFile("odd.csv", "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="名单" sheetId="1" r:id="rId7"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
z.writestr("xl/strings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>姓名</t></si><si><r><t>出生</t></r><r><t>日期</t></r><rPh sb="0" eb="2"><t>シュッセイ</t></rPh></si><si><t xml:space="preserve"> 王 建国 </t></si></sst>')
z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="200" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="201" formatCode="0.00&quot;d&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="200"/><xf numFmtId="201"/><xf numFmtId="14"/></cellXfs></styleSheet>')
z.writestr("xl/worksheets/data.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>备注</t></is></c></row>'
  '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>23860</v></c><c r="C3" s="2"><v>3.5</v></c><c r="D3" t="str"><f>A1</f><v>公式结果</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c></row>'
  '<row><c s="3"><v>1</v></c><c t="d"><v>2024-03-01T00:00:00</v></c></row>'
  '<row r="9"><c r="A9" s="3"/></row>'
  '</sheetData></worksheet>')
z.close()
)PY");
    auto bytes = test::read_file(dir / "odd.csv");
    BOOST_TEST(core::looks_like_zip(bytes));
    auto s = core::read_xlsx(bytes, "odd.csv");
    BOOST_TEST(s.name == "名单");
    BOOST_REQUIRE(s.rows.size() == 3u); // row 9 holds only an empty styled cell
    BOOST_TEST(s.rows[0].row == 2);
    BOOST_TEST(s.rows[0].fields.size() == 4u);
    BOOST_TEST(s.rows[0].fields[1] == "出生日期"); // rich text runs joined, phonetic run dropped
    BOOST_TEST(s.rows[0].fields[2] == "");
    BOOST_TEST(s.rows[1].fields[0] == " 王 建国 ");
    BOOST_TEST(s.rows[1].fields[1] == "1969-04-29"); // 1904 system: day 0 is 1904-01-01
    BOOST_TEST(s.rows[1].fields[2] == "3.5");        // a quoted "d" does not make a date format
    BOOST_TEST(s.rows[1].fields[3] == "公式结果");
    BOOST_TEST(s.rows[1].fields[4] == "TRUE");
    BOOST_TEST(s.rows[1].fields[5] == "#N/A");
    BOOST_TEST(s.rows[2].row == 4); // a row without r follows the previous one
    BOOST_TEST(s.rows[2].fields[0] == "1904-01-02");
    BOOST_TEST(s.rows[2].fields[1] == "2024-03-01");

    // Told apart from a CSV by content: the name says .csv, the import reads a workbook.
    auto r = importer.import_file((dir / "odd.csv").string(), true);
    BOOST_TEST(r.encoding == "XLSX");
    BOOST_TEST(r.rows == 2);
}

BOOST_FIXTURE_TEST_CASE(hostile_and_damaged_workbooks_are_refused_with_a_reason, Fixture) {
    python(dir, R"PY(
import zipfile
def book(name, sheet_xml, extra=None):
    z = zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED)
    z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    z.close()
head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
book("bomb.xlsx", head + '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>' + ' ' * (3 << 20) + '</sheetData></worksheet>')
book("tall.xlsx", head + '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="250"><c r="A250" t="inlineStr"><is><t>王</t></is></c></row></sheetData></worksheet>')
book("wide.xlsx", head + '<row r="1"><c r="ZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
book("broken.xlsx", head + '<row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>')
z = zipfile.ZipFile("doc.xlsx", "w")
z.writestr("word/document.xml", "<w:document/>")
z.close()
)PY");
    core::XlsxLimits small;
    small.max_part = 1u << 20;
    small.max_rows = 100;
    small.max_columns = 100;
    auto key_of = [&](const std::string& file, const core::XlsxLimits& limits) -> std::string {
        try {
            core::read_xlsx(test::read_file(dir / file), file, {}, limits);
        } catch (const core::Error& e) { return e.key(); }
        return "accepted";
    };
    BOOST_TEST(key_of("bomb.xlsx", small).find("解压后超过") != std::string::npos);
    BOOST_TEST(key_of("bomb.xlsx", {}) == "accepted");
    BOOST_TEST(key_of("tall.xlsx", small).find("行超过了可导入的上限") != std::string::npos);
    BOOST_TEST(key_of("wide.xlsx", small).find("列超过了可导入的上限") != std::string::npos);
    BOOST_TEST(key_of("broken.xlsx", {}).find("不是可读取的 Excel 工作簿") != std::string::npos);
    BOOST_TEST(key_of("doc.xlsx", {}).find("不是可读取的 Excel 工作簿") != std::string::npos);
    core::XlsxLimits tiny_file;
    tiny_file.max_file = 100;
    BOOST_TEST(key_of("tall.xlsx", tiny_file).find("MB，不能导入") != std::string::npos);
    // A truncated workbook: a damaged-file message, never a crash.
    auto bytes = test::read_file(dir / "tall.xlsx");
    test::write_file(dir / "cut.xlsx", bytes.substr(0, bytes.size() / 2));
    BOOST_TEST(key_of("cut.xlsx", {}) != "accepted");
    BOOST_CHECK_THROW(importer.import_file((dir / "cut.xlsx").string()), core::Error);
    BOOST_TEST(roster.members().empty());
}

BOOST_AUTO_TEST_CASE(column_names) {
    BOOST_TEST(core::xlsx_column_name(1) == "A");
    BOOST_TEST(core::xlsx_column_name(26) == "Z");
    BOOST_TEST(core::xlsx_column_name(27) == "AA");
    BOOST_TEST(core::xlsx_column_name(1024) == "AMJ");
}
