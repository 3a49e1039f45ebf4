#include "roster_view.hpp"
#include "office_actions.hpp"
#include "safety_net.hpp"
#include "table_export.hpp"

#include "task.hpp"
#include "ui_util.hpp"

#include "onebook/archive/tables.hpp"
#include "onebook/collation.hpp"

#include "onebook/sectors.hpp"
#include "onebook/xlsx_reader.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace onebook::shell {

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* const kColumns[] = {"姓名",     "性别",   "出生日期", "学历",     "工作单位及职务", "入党时间",
                                "党员类别", "党小组", "人员类别", "身份证号", "联系电话"};
const int kWidths[] = {80, 50, 95, 90, 230, 95, 80, 95, 70, 170, 115};

wxChoice* choice_of(wxWindow* parent, const std::vector<std::string>& items, const std::string& current) {
    auto* c = new wxChoice(parent, wxID_ANY);
    for (const auto& i : items) c->Append(wx(i));
    int at = c->FindString(wx(current));
    c->SetSelection(at == wxNOT_FOUND ? 0 : at);
    return c;
}

} // namespace

// ---------------------------------------------------------------- MemberDialog

MemberDialog::MemberDialog(wxWindow* parent, core::Roster& roster, const std::vector<std::string>& categories,
                           const core::Member* existing)
    : wxDialog(parent, wxID_ANY, existing ? _("编辑党员") : _("添加党员"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_roster(roster) {
    SetName("member_dialog");
    if (existing) m_member = *existing;
    m_revealed = !existing || existing->priv.empty(); // nothing to hide for a new member

    auto* outer = new wxBoxSizer(wxVERTICAL);
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    columns->Add(build_person(existing == nullptr), 1, wxEXPAND | wxRIGHT, 16);
    columns->Add(build_membership(categories), 1, wxEXPAND);
    outer->Add(columns, 0, wxEXPAND | wxALL, 12);
    outer->Add(build_private(), 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    outer->Add(ok_cancel_row(this, _("保存")), 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(outer);
    SetMinSize(GetSize());
    CentreOnParent();
    m_name->SetFocus();

    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e) {
            if (collect()) EndModal(wxID_OK);
            else e.Skip(false);
        },
        wxID_OK);
}

/// The left column: who the member is and when they joined.
wxSizer* MemberDialog::build_person(bool is_new) {
    const auto& m = m_member;
    auto* left = new wxFlexGridSizer(2, 6, 8);
    left->AddGrowableCol(1, 1);
    m_name = named(new wxTextCtrl(this, wxID_ANY, wx(m.name), wxDefaultPosition, wxSize(200, -1)), "member_name");
    m_gender = named(choice_of(this, {"男", "女"}, m.gender), "member_gender");
    m_ethnicity = named(new wxTextCtrl(this, wxID_ANY, wx(is_new ? "汉族" : m.ethnicity)), "member_ethnicity");
    m_birth = named(new wxTextCtrl(this, wxID_ANY, date_text(m.birth_date)), "member_birth");
    m_birth->SetHint("1980-05-01");
    m_education = named(new wxComboBox(this, wxID_ANY, wx(m.education)), "member_education");
    for (const char* e : {"研究生", "硕士研究生", "大学本科", "大专", "中专", "高中", "初中", "小学"}) m_education->Append(wx(e));
    m_workplace = named(new wxTextCtrl(this, wxID_ANY, wx(m.workplace_post)), "member_workplace");
    m_joined = named(new wxTextCtrl(this, wxID_ANY, date_text(m.join_date)), "member_joined");
    m_joined->SetHint("2001-07-01");
    m_full = named(new wxTextCtrl(this, wxID_ANY, date_text(m.full_date)), "member_full");
    m_full->SetHint("2002-07-01");
    add_row(this, left, _("姓名"), m_name, true);
    add_row(this, left, _("性别"), m_gender);
    add_row(this, left, _("民族"), m_ethnicity);
    add_row(this, left, _("出生日期"), m_birth);
    add_row(this, left, _("学历"), m_education);
    add_row(this, left, _("工作单位及职务"), m_workplace);
    add_row(this, left, _("入党时间"), m_joined);
    add_row(this, left, _("转正时间"), m_full);
    return left;
}

/// The right column: the member's place in the branch.
wxSizer* MemberDialog::build_membership(const std::vector<std::string>& categories) {
    const auto& m = m_member;
    auto* right = new wxFlexGridSizer(2, 6, 8);
    right->AddGrowableCol(1, 1);
    m_status = named(choice_of(this, {"正式党员", "预备党员"}, m.status), "member_status");
    std::string group;
    for (const auto& g : m_roster.groups())
        if (m.group_id && g.id == *m.group_id) group = g.name;
    m_group = named(new wxComboBox(this, wxID_ANY, wx(group)), "member_group");
    for (const auto& g : m_roster.groups()) m_group->Append(wx(g.name));
    m_category = named(choice_of(this, categories, m.category), "member_category");
    m_employer = named(new wxTextCtrl(this, wxID_ANY, wx(m.employer)), "member_employer");
    m_notes =
        named(new wxTextCtrl(this, wxID_ANY, wx(m.notes), wxDefaultPosition, wxSize(-1, 60), wxTE_MULTILINE), "member_notes");
    add_row(this, right, _("党员类别"), m_status);
    add_row(this, right, _("党小组"), m_group);
    add_row(this, right, _("人员类别"), m_category);
    add_row(this, right, _("在职单位（协管）"), m_employer);
    add_row(this, right, _("备注"), m_notes);
    return right;
}

/// The private fields, masked until 显示并编辑 is pressed (shown at once when there is nothing to hide).
wxSizer* MemberDialog::build_private() {
    const auto& m = m_member;
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, _("隐私信息（只在本机档案中保存，不会出现在任何公示牌上）"));
    auto* priv = new wxFlexGridSizer(2, 6, 8);
    priv->AddGrowableCol(1, 1);
    m_id_number = named(new wxTextCtrl(box->GetStaticBox(), wxID_ANY), "member_id_number");
    m_phone = named(new wxTextCtrl(box->GetStaticBox(), wxID_ANY), "member_phone");
    m_address = named(new wxTextCtrl(box->GetStaticBox(), wxID_ANY), "member_address");
    add_row(box->GetStaticBox(), priv, _("身份证号"), m_id_number);
    add_row(box->GetStaticBox(), priv, _("联系电话"), m_phone);
    add_row(box->GetStaticBox(), priv, _("家庭住址"), m_address);
    box->Add(priv, 0, wxEXPAND | wxALL, 6);
    m_reveal = named(new wxButton(box->GetStaticBox(), wxID_ANY, _("显示并编辑隐私信息")), "member_reveal");
    box->Add(m_reveal, 0, wxALL, 6);
    if (m_revealed) {
        m_id_number->ChangeValue(wx(m.priv.id_number));
        m_phone->ChangeValue(wx(m.priv.phone));
        m_address->ChangeValue(wx(m.priv.address));
        m_reveal->Hide();
    } else {
        m_id_number->ChangeValue(wx(mask(m.priv.id_number, 3, 2)));
        m_phone->ChangeValue(wx(mask(m.priv.phone, 3, 2)));
        m_address->ChangeValue(wx(mask(m.priv.address, 2, 0)));
        for (auto* t : {m_id_number, m_phone, m_address}) t->SetEditable(false);
    }
    m_reveal->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reveal_private(); });
    return box;
}

void MemberDialog::reveal_private() {
    if (m_revealed) return;
    m_revealed = true;
    m_id_number->ChangeValue(wx(m_member.priv.id_number));
    m_phone->ChangeValue(wx(m_member.priv.phone));
    m_address->ChangeValue(wx(m_member.priv.address));
    for (auto* t : {m_id_number, m_phone, m_address}) t->SetEditable(true);
    m_reveal->Hide();
    Layout();
}

bool MemberDialog::collect() {
    return guarded(this, [&] {
        core::Member m = m_member;
        m.name = trim(str(m_name->GetValue()));
        m.gender = str(m_gender->GetStringSelection());
        m.ethnicity = trim(str(m_ethnicity->GetValue()));
        m.birth_date = parse_date_field(m_birth->GetValue(), "出生日期");
        m.education = trim(str(m_education->GetValue()));
        m.workplace_post = trim(str(m_workplace->GetValue()));
        m.join_date = parse_date_field(m_joined->GetValue(), "入党时间");
        m.full_date = parse_date_field(m_full->GetValue(), "转正时间");
        m.status = str(m_status->GetStringSelection());
        m.category = str(m_category->GetStringSelection());
        m.employer = trim(str(m_employer->GetValue()));
        m.notes = trim(str(m_notes->GetValue()));
        if (m_revealed) { // masked text is never written back
            m.priv.id_number = trim(str(m_id_number->GetValue()));
            m.priv.phone = trim(str(m_phone->GetValue()));
            m.priv.address = trim(str(m_address->GetValue()));
        }
        m_group_name = trim(str(m_group->GetValue()));
        if (m_group_name.empty()) m.group_id.reset();
        else if (auto g = m_roster.group_by_name(m_group_name)) m.group_id = g->id;
        else m.group_id.reset(); // created on save, in the same transaction as the member
        core::Roster::validate(m, core::Date::today());
        m_member = m;
    });
}

// ---------------------------------------------------------------- ImportReportDialog

ImportReportDialog::ImportReportDialog(wxWindow* parent, const core::ImportReport& report)
    : wxDialog(parent, wxID_ANY, _("名册导入：发现问题"), wxDefaultPosition, wxSize(760, 440),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    SetName("import_report");
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxStaticText(
        this, wxID_ANY,
        fmt("读取 {file}（编码 {encoding}），{rows} 行数据",
            {{"file", report.file}, {"encoding", report.encoding}, {"rows", std::to_string(report.rows)}}) +
            "\n" + fmt("发现 {count} 处问题，未导入任何数据", {{"count", std::to_string(report.problems.size())}}));
    box->Add(head, 0, wxALL, 12);
    auto* list =
        named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), "import_problems");
    list->AppendColumn(_("行"), wxLIST_FORMAT_RIGHT, 60);
    list->AppendColumn(_("列"), wxLIST_FORMAT_LEFT, 120);
    list->AppendColumn(_("问题"), wxLIST_FORMAT_LEFT, 540);
    for (const auto& p : report.problems) {
        long i = list->InsertItem(list->GetItemCount(), wxString::Format("%ld", p.row));
        list->SetItem(i, 1, wx(p.column));
        list->SetItem(i, 2, msg(p.reason));
    }
    box->Add(list, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    box->Add(close_row(this), 0, wxEXPAND | wxALL, 12);
    SetSizer(box);
    CentreOnParent();
}

// ---------------------------------------------------------------- RosterList

RosterList::RosterList(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL) {
    SetName("roster_list");
    for (std::size_t i = 0; i < std::size(kColumns); ++i) AppendColumn(_(kColumns[i]), wxLIST_FORMAT_LEFT, kWidths[i]);
}

wxString RosterList::cell(const core::Member& m, long column) const {
    switch (column) {
    case 0: return wx(m.name);
    case 1: return wx(m.gender);
    case 2: return date_text(m.birth_date);
    case 3: return wx(m.education);
    case 4: return wx(m.workplace_post);
    case 5: return date_text(m.join_date);
    case 6: return wx(tr_ui(m.status));
    case 7: {
        auto it = m.group_id ? group_names.find(*m.group_id) : group_names.end();
        return it == group_names.end() ? wxString() : wx(it->second);
    }
    case 8: return wx(tr_ui(m.category));
    case 9: return wx(show_private ? m.priv.id_number : mask(m.priv.id_number, 3, 2));
    case 10: return wx(show_private ? m.priv.phone : mask(m.priv.phone, 3, 2));
    }
    return {};
}

wxString RosterList::OnGetItemText(long item, long column) const {
    if (item < 0 || item >= static_cast<long>(rows.size())) return {};
    return cell(rows[item], column);
}

void RosterList::sort() {
    auto key = [this](const core::Member& m) -> wxString {
        // Dates sort as ISO text; private columns sort by the real value, never by the mask.
        if (sort_column == 9) return wx(m.priv.id_number);
        if (sort_column == 10) return wx(m.priv.phone);
        return cell(m, sort_column);
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const core::Member& a, const core::Member& b) {
        int c = core::compare_names(str(key(a).Lower()), str(key(b).Lower()));
        return ascending ? c < 0 : c > 0;
    });
    SetItemCount(static_cast<long>(rows.size()));
    Refresh();
}

// ---------------------------------------------------------------- RosterView

RosterView::RosterView(wxWindow* parent, Shell& shell) : View(parent, shell, "roster_view") {
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* title = heading(this, _("党员名册"), 1.2f);
    box->Add(title, 0, wxLEFT | wxTOP, 10);
    box->Add(build_filters(), 0, wxEXPAND | wxALL, 8);
    box->Add(build_actions(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    m_list = new RosterList(this);
    box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    // The count under the list, on a line of its own: beside the buttons a 1024-pixel screen cut it.
    m_count = named(new wxStaticText(this, wxID_ANY, ""), "roster_count");
    box->Add(m_count, 0, wxEXPAND | wxALL, 8);
    SetSizer(box);
    bind_copy_key(m_list, FindWindow("roster_export"));

    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit_selected(); });
    m_list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) {
        if (e.GetColumn() < 0) return;
        if (m_list->sort_column == e.GetColumn()) m_list->ascending = !m_list->ascending;
        else {
            m_list->sort_column = e.GetColumn();
            m_list->ascending = true;
        }
        m_list->sort();
    });
    m_filter->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { fill(); });
    for (auto* c : {m_status, m_category, m_group}) c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill(); });
    m_private->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        m_list->show_private = m_private->GetValue();
        m_list->Refresh();
    });
    reload();
}

/// The filters flow onto a second row on a narrow window (English at 1024 px).
wxSizer* RosterView::build_filters() {
    auto* bar = new wxWrapSizer(wxHORIZONTAL);
    m_filter = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(160, -1)), "roster_filter");
    m_filter->SetHint(_("姓名、单位或党小组"));
    m_status = named(new wxChoice(this, wxID_ANY), "roster_status");
    m_status->Append(_("全部党员"));
    m_status->Append(_("正式党员"));
    m_status->Append(_("预备党员"));
    m_status->SetSelection(0);
    m_category = named(new wxChoice(this, wxID_ANY), "roster_category");
    m_group = named(new wxChoice(this, wxID_ANY), "roster_group");
    m_private = named(new wxCheckBox(this, wxID_ANY, _("显示隐私信息")), "roster_show_private");
    bar->Add(new wxStaticText(this, wxID_ANY, _("筛选")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    bar->Add(m_filter, 0, wxRIGHT, 6);
    bar->Add(m_status, 0, wxRIGHT, 6);
    bar->Add(m_category, 0, wxRIGHT, 6);
    bar->Add(m_group, 0, wxRIGHT, 12);
    bar->Add(m_private, 0, wxALIGN_CENTER_VERTICAL);
    return bar;
}

/// The buttons, flowing like the filters, with the list's export.
wxSizer* RosterView::build_actions() {
    auto* actions = new wxWrapSizer(wxHORIZONTAL);
    auto* add = named(new wxButton(this, wxID_ANY, _("添加党员…")), "roster_add");
    auto* edit = named(new wxButton(this, wxID_ANY, _("编辑…")), "roster_edit");
    auto* del = named(new wxButton(this, wxID_ANY, _("删除")), "roster_delete");
    auto* imp = named(new wxButton(this, wxID_ANY, _("从 Excel/CSV 导入…")), "roster_import");
    auto* print = named(new wxButton(this, wxID_ANY, _("打印…")), "roster_print");
    for (auto* b : {add, edit, del, imp, print}) actions->Add(b, 0, wxRIGHT, 6);
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print_roster(this, m_shell); });
    // The members listed now; private columns only while they are shown.
    add_table_export(this, actions, m_shell, nullptr, "roster", [this] {
        core::Roster roster(m_shell.archive().db(), m_shell.home().id);
        return std::vector<archive::Table>{archive::roster_table(m_shell.home().name, m_list->rows, roster.groups(),
                                                                 m_private->GetValue(), core::Date::today())};
    });
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_member(); });
    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
    del->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_selected(); });
    imp->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxFileDialog dlg(this, _("选择要导入的党员名册（Excel 或 CSV）"), "", "",
                         _("Excel 工作簿或 CSV (*.xlsx;*.csv;*.txt)|*.xlsx;*.XLSX;*.csv;*.CSV;*.txt;*.TXT|所有文件|*"),
                         wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (dlg.ShowModal() == wxID_OK) import_file(str(dlg.GetPath()));
    });
    return actions;
}

std::vector<std::string> RosterView::categories() {
    std::vector<std::string> cats;
    if (const auto* p = m_shell.plugins().find(m_shell.home().sector)) cats = core::sector_info(*p).member_categories;
    if (cats.empty()) cats = {"直管", "协管", "代管"};
    return cats;
}

void RosterView::reload() {
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    m_groups = roster.groups();
    m_list->group_names.clear();
    for (const auto& g : m_groups) m_list->group_names[g.id] = g.name;

    int cat_sel = m_category->GetSelection(), group_sel = m_group->GetSelection();
    m_category->Clear();
    m_category->Append(_("全部人员类别"));
    for (const auto& c : categories()) m_category->Append(wx(c));
    m_category->SetSelection(cat_sel > 0 && cat_sel < static_cast<int>(m_category->GetCount()) ? cat_sel : 0);
    m_group->Clear();
    m_group->Append(_("全部党小组"));
    for (const auto& g : m_groups) m_group->Append(wx(g.name));
    m_group->SetSelection(group_sel > 0 && group_sel < static_cast<int>(m_group->GetCount()) ? group_sel : 0);
    fill();
}

void RosterView::fill() {
    core::Id keep = selected_id();
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    core::MemberFilter f;
    f.text = trim(str(m_filter->GetValue()));
    if (m_status->GetSelection() == 1) f.status = "正式党员";
    if (m_status->GetSelection() == 2) f.status = "预备党员";
    if (m_category->GetSelection() > 0) f.category = str(m_category->GetStringSelection());
    if (m_group->GetSelection() > 0) f.group_id = m_groups.at(m_group->GetSelection() - 1).id;
    m_list->rows = roster.members(f, true); // private values are only shown masked unless revealed
    m_list->sort();
    int total = roster.count_members();
    m_count->SetLabel(fmt("显示 {shown} / 共 {total} 名党员",
                          {{"shown", std::to_string(m_list->rows.size())}, {"total", std::to_string(total)}}));
    Layout();
    if (keep) select_item({"roster", keep, {}});
}

core::Id RosterView::selected_id() const {
    long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return i >= 0 && i < static_cast<long>(m_list->rows.size()) ? m_list->rows[i].id : 0;
}

void RosterView::select_item(const Target& target) {
    if (long i = row_of(m_list->rows, target.item); i >= 0) select_row(m_list, i);
}

void RosterView::add_member() {
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    MemberDialog dlg(this, roster, categories(), nullptr);
    if (dlg.ShowModal() != wxID_OK) return;
    core::Member m = dlg.member();
    if (guarded(this, [&] {
            core::Transaction tx(m_shell.archive().db()); // a new group and its first member land together
            if (!dlg.group_name().empty()) m.group_id = roster.ensure_group(dlg.group_name());
            roster.add_member(m);
            tx.commit();
        })) {
        changed();
        select_item({"roster", m.id, {}});
        m_shell.set_status(fmt("已添加党员 {name}（编号 {id}）", {{"name", m.name}, {"id", std::to_string(m.id)}}));
    }
}

void RosterView::edit_selected() {
    core::Id id = selected_id();
    if (!id) return;
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    auto existing = roster.member(id, true);
    if (!existing) return;
    MemberDialog dlg(this, roster, categories(), &*existing);
    add_history_tab(&dlg, m_shell.archive(), "member", id);
    if (dlg.ShowModal() != wxID_OK) return;
    core::Member m = dlg.member();
    if (guarded(this, [&] {
            core::Transaction tx(m_shell.archive().db());
            if (!dlg.group_name().empty()) m.group_id = roster.ensure_group(dlg.group_name());
            roster.update_member(m);
            tx.commit();
        })) {
        changed();
        m_shell.set_status(fmt("已保存党员 {name}", {{"name", m.name}}));
    }
}

void RosterView::delete_selected() {
    core::Id id = selected_id();
    if (!id) return;
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    auto m = roster.member(id);
    if (!m || !ask(this, fmt("从名册中删除党员 {name}？此操作不能撤销。", {{"name", m->name}}))) return;
    if (guarded(this, [&] { roster.remove_member(id); })) { changed(); }
}

void RosterView::import_file(const std::string& path) {
    std::string sheet;
    // A workbook with several sheets: ask which one holds the roster.
    std::vector<std::string> sheets;
    if (!guarded(this, [&] {
            std::string bytes = read_all(path);
            if (core::looks_like_zip(bytes)) sheets = core::xlsx_sheet_names(bytes, path);
        }))
        return;
    if (sheets.size() > 1) {
        wxArrayString names;
        for (const auto& n : sheets) names.Add(wx(n));
        wxSingleChoiceDialog pick(this, _("这个工作簿有多个工作表，请选择党员名册所在的工作表："), _("选择工作表"), names);
        pick.SetName("import_sheet");
        if (pick.ShowModal() != wxID_OK) return;
        sheet = sheets.at(static_cast<std::size_t>(pick.GetSelection()));
    }
    import_csv(path, sheet);
}

void RosterView::import_csv(const std::string& path, const std::string& sheet) {
    core::ImportReport report;
    bool ok = guarded(this, [&] {
        run_task(this, _("导入党员名册"), [&](TaskControl& t) {
            t.progress(-1, _("正在检查并导入名册…"));
            core::Roster roster(m_shell.archive().db(), m_shell.home().id);
            core::RosterImporter importer(roster);
            report = importer.import_file(path, false, sheet);
        });
    });
    if (!ok) return;
    if (!report.problems.empty()) {
        ImportReportDialog dlg(this, report);
        dlg.ShowModal();
        return;
    }
    if (report.rows == 0) {
        show_error(this, _("文件中没有数据行"));
        return;
    }
    wxString text = fmt("已导入：新增 {added} 人，更新 {updated} 人",
                        {{"added", std::to_string(report.added)}, {"updated", std::to_string(report.updated)}});
    if (!report.unknown_columns.empty()) {
        std::string cols;
        for (const auto& c : report.unknown_columns) cols += (cols.empty() ? "" : "、") + c;
        text += "\n" + fmt("未识别的列（内容已记入备注）：{columns}", {{"columns", cols}});
    }
    changed();
    show_info(this, text, _("名册导入"));
}

} // namespace onebook::shell
