// Lists out of the shell: 导出 Excel… from the roster and from the assessment sheet writes real
// workbooks (read back with Debian's openpyxl), 导出 CSV… writes Excel's CSV, and 复制表格 / Ctrl+C
// put tab-separated text on the clipboard that pastes into Excel as cells.
#include "gui_suite.hpp"

#include "table_export.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/clipbrd.h>
#include <wx/listctrl.h>

namespace {

/// Sends what choosing an item of the export button's menu sends.
void choose_export(wxWindow* button, int id) {
    BOOST_REQUIRE(button);
    wxCommandEvent e(wxEVT_MENU, id);
    button->GetEventHandler()->ProcessEvent(e);
}

/// Sheet name, header row, data rows, frozen cell and print titles of each sheet.
std::string read_xlsx(const fs::path& file) {
    auto script = file.parent_path() / "read.py";
    test::write_file(script, R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    rows = 0
    for r in range(3, ws.max_row + 1):
        if all(c.value is None for c in ws[r]):
            break
        rows += 1
    print(ws.title, "|".join(str(c.value) for c in ws[2]), rows, ws.freeze_panes, ws.print_title_rows, sep="\t")
    print("A1", ws["A1"].value, sep="\t")
)PY");
    std::string out, err;
    BOOST_REQUIRE_MESSAGE(test::run_tool({"/usr/bin/python3", test::utf8(script), test::utf8(file)}, &out, &err) == 0, err);
    return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

BOOST_AUTO_TEST_CASE(export_from_the_roster_and_the_assessment) {
    auto path = demo_copy();
    auto dir = path.parent_path();
    std::vector<wxString> suggested;
    fs::path next;
    shell::set_export_path_chooser([&](const wxString& name, archive::TableFormat) {
        suggested.push_back(name);
        return wxString::FromUTF8(next.string());
    });
    auto* f = open_frame(path);

    // The roster: Excel without the private columns while they are hidden, with them when shown.
    f->navigate({"section:basic.members", 0, {}});
    auto* list = find_as<wxListCtrl>(f, "roster_list");
    BOOST_REQUIRE(list);
    next = dir / "名册.xlsx";
    choose_export(find(f, "roster_export"), shell::table_export_id::excel);
    BOOST_REQUIRE(fs::exists(next));
    BOOST_TEST(suggested.back().utf8_string() == "幸福里社区党支部-党员名册-" + core::Date::today().iso() + ".xlsx");
    auto roster = read_xlsx(next);
    BOOST_TEST_MESSAGE(roster);
    BOOST_TEST(has(
        roster,
        "党员名册\t编号|姓名|性别|民族|出生日期|学历|工作单位及职务|入党时间|转正时间|党员类别|所在党小组|人员类别|工作单位|备注\t" +
            std::to_string(list->GetItemCount()) + "\tA3\t$2:$2\n"));
    BOOST_TEST(!has(roster, "身份证号"));
    BOOST_TEST(has(roster, "A1\t幸福里社区党支部  党员名册  "));

    auto* show_private = find_as<wxCheckBox>(f, "roster_show_private");
    BOOST_REQUIRE(show_private);
    show_private->SetValue(true);
    next = dir / "名册-含隐私.csv";
    choose_export(find(f, "roster_export"), shell::table_export_id::csv);
    auto csv = test::read_file(next);
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF编号,姓名", 0) == 0u);
    BOOST_TEST(has(csv, ",身份证号,联系电话,家庭住址\r\n"));
    show_private->SetValue(false);

    // Ctrl+C on the list copies the table as tab-separated text.
    if (wxTheClipboard->Open()) {
        wxTheClipboard->Clear();
        wxTheClipboard->Close();
    }
    wxKeyEvent key(wxEVT_KEY_DOWN);
    key.m_keyCode = 'C';
    key.m_controlDown = true;
    key.SetEventObject(list);
    list->GetEventHandler()->ProcessEvent(key);
    pump(200);
    wxString pasted;
    if (wxTheClipboard->Open()) {
        wxTextDataObject data;
        if (wxTheClipboard->GetData(data)) pasted = data.GetText();
        wxTheClipboard->Close();
    }
    BOOST_TEST(pasted.utf8_string().rfind("编号\t姓名\t性别", 0) == 0u, pasted.utf8_string().substr(0, 80));
    BOOST_TEST(has(pasted.utf8_string(), "\t第一党小组\t"));

    // The assessment: one sheet for the items with subtotals, one for the result.
    f->set_year(core::Date::today().year() - 1);
    f->navigate({"section:work.assessment", 0, {}});
    pump(200);
    next = dir / "考核表.xlsx";
    choose_export(find(f, "assess_export"), shell::table_export_id::excel);
    BOOST_REQUIRE(fs::exists(next));
    auto sheet = read_xlsx(next);
    BOOST_TEST_MESSAGE(sheet);
    BOOST_TEST(has(sheet, "考核表\t项目|条目|内容|满分|建议分|建议依据|自评|自评扣分理由|组织考核|考核扣分理由\t"));
    BOOST_TEST(
        has(sheet, "考核结果\t年度|考核标准|状态|满分|自评|自评等次|组织考核|等次|定级说明|满意率（%）|否决项\t1\tA3\t$2:$2\n"));
    screenshot("export-assessment", f);

    // A cancelled save writes nothing and says nothing.
    next.clear();
    auto before = suggested.size();
    choose_export(find(f, "assess_export"), shell::table_export_id::csv);
    BOOST_TEST(suggested.size() == before + 1);
    BOOST_TEST(take_messages().empty());

    shell::set_export_path_chooser({});
    close_frame(f);
}
