#include "pipeline_view.hpp"

#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include "onebook/archive/member_documents.hpp"
#include "onebook/board.hpp"
#include "onebook/records.hpp"
#include "onebook/recruitment.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>

namespace onebook::shell {

namespace {

/// The names typed in `control`, separated by 、 ， or a comma.
std::vector<std::string> names_in(wxTextCtrl* control) {
    std::vector<std::string> names;
    std::string list = str(control->GetValue()), cur;
    for (std::size_t i = 0; i <= list.size();) {
        bool sep = i + 3 <= list.size() && (list.compare(i, 3, "、") == 0 || list.compare(i, 3, "，") == 0);
        if (i == list.size() || list[i] == ',' || sep) {
            if (!trim(cur).empty()) names.push_back(trim(cur));
            cur.clear();
            i += sep ? 3 : 1;
        } else {
            cur += list[i++];
        }
    }
    return names;
}

class PipelineView : public View {
public:
    /// `activists`: the one book's 入党积极分子 and 发展对象 roster, the people not yet admitted.
    PipelineView(wxWindow* parent, Shell& shell, bool activists);
    void reload() override;
    void select_item(const Target& t) override;

private:
    core::Recruitment pipeline();
    const core::Recruit* current() const;
    void show_documents();
    void apply();
    void edit();
    void remove();
    void move();
    void milestone();
    void file();
    /// The archive's records as choices "日期 类型" (newest first), with an empty first choice.
    wxChoice* record_choice(wxWindow* parent, std::vector<core::Id>& ids);

    wxStaticText* m_summary = nullptr;
    wxListCtrl* m_people = nullptr;
    wxListCtrl* m_due = nullptr;
    wxListCtrl* m_docs = nullptr;
    std::vector<core::Recruit> m_rows;
    std::vector<archive::MemberLifeDocument> m_filed;
    bool m_activists = false;
};

PipelineView::PipelineView(wxWindow* parent, Shell& shell, bool activists)
    : View(parent, shell, activists ? "activists_view" : "pipeline_view"), m_activists(activists) {
    auto* box = view_with_actions(this, activists ? _("入党积极分子和发展对象") : _("发展党员"),
                                  {{_("登记申请…"), "pipeline_apply", [this] { apply(); }},
                                   {_("转入下一阶段…"), "pipeline_move", [this] { move(); }},
                                   {_("记录谈话、考察…"), "pipeline_milestone", [this] { milestone(); }},
                                   {_("归档材料…"), "pipeline_file", [this] { file(); }},
                                   {_("编辑…"), "pipeline_edit", [this] { edit(); }},
                                   {_("删除"), "pipeline_delete", [this] { remove(); }}});
    m_summary = named(new wxStaticText(this, wxID_ANY, wxString()), "pipeline_summary");
    box->Add(m_summary, 0, wxLEFT | wxRIGHT, 10);
    m_people = report_list(this, "pipeline_people",
                           {{_("姓名"), 90},
                            {_("阶段"), 110},
                            {_("起始日期"), 100},
                            {_("申请日期"), 100},
                            {_("培养联系人"), 150},
                            {_("待办"), 60, true},
                            {_("已归档材料"), 90, true}});
    box->Add(m_people, 2, wxEXPAND | wxALL, 10);
    box->Add(new wxStaticText(this, wxID_ANY, _("到期和逾期事项")), 0, wxLEFT | wxRIGHT, 10);
    m_due = report_list(this, "pipeline_due",
                        {{_("状态"), 60}, {_("姓名"), 80}, {_("期限"), 100}, {_("事项"), 520}, {_("依据"), 260}});
    box->Add(m_due, 2, wxEXPAND | wxALL, 10);
    box->Add(new wxStaticText(this, wxID_ANY, _("所选人员已归档的材料")), 0, wxLEFT | wxRIGHT, 10);
    m_docs = report_list(this, "pipeline_documents", {{_("档号"), 190}, {_("环节"), 100}, {_("日期"), 100}, {_("题名"), 360}});
    box->Add(m_docs, 1, wxEXPAND | wxALL, 10);
    SetSizer(box);
    m_people->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_documents(); });
    m_people->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { move(); });
    reload();
}

core::Recruitment PipelineView::pipeline() {
    auto home = m_shell.home();
    return core::Recruitment(m_shell.archive().db(), home.id,
                             core::RecruitmentRules::load_default(&m_shell.plugins(), home.sector));
}

const core::Recruit* PipelineView::current() const {
    long i = selected_row(m_people);
    return i >= 0 && i < static_cast<long>(m_rows.size()) ? &m_rows[static_cast<std::size_t>(i)] : nullptr;
}

void PipelineView::reload() {
    core::Id keep = current() ? current()->id : 0;
    std::vector<core::PipelineItem> items;
    guarded(this, [&] {
        auto r = pipeline();
        m_rows = m_activists ? r.before_admission() : r.recruits(false);
        items = r.due(core::Date::today(), m_rows);
        archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
        m_filed = archive::MemberLifeDocuments(m_shell.archive(), store).of_recruits();
    });
    m_people->DeleteAllItems();
    for (const auto& p : m_rows) {
        long i = m_people->InsertItem(m_people->GetItemCount(), wx(p.name));
        auto open = std::count_if(items.begin(), items.end(), [&](const auto& it) { return it.recruit_id == p.id; });
        auto filed = std::count_if(m_filed.begin(), m_filed.end(), [&](const auto& d) { return d.recruit_id == p.id; });
        m_people->SetItem(i, 1, wx(tr_ui(p.stage)));
        m_people->SetItem(i, 2, date_text(p.stage_since));
        m_people->SetItem(i, 3, date_text(p.applied_on));
        m_people->SetItem(i, 4, wx(p.contacts_text()));
        m_people->SetItem(i, 5, open ? wxString::Format("%ld", static_cast<long>(open)) : wxString());
        m_people->SetItem(i, 6, filed ? wxString::Format("%ld", static_cast<long>(filed)) : wxString());
        if (std::any_of(items.begin(), items.end(), [&](const auto& it) { return it.recruit_id == p.id && it.state == "逾期"; }))
            m_people->SetItemBackgroundColour(i, colours::overdue_bg());
        if (p.id == keep) m_people->SetItemState(i, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    }
    m_due->DeleteAllItems();
    int late = 0;
    for (const auto& it : items) {
        long i = m_due->InsertItem(m_due->GetItemCount(), wx(tr_ui(it.state)));
        m_due->SetItem(i, 1, wx(it.name));
        m_due->SetItem(i, 2, date_text(it.due));
        m_due->SetItem(i, 3, msg(it.message));
        m_due->SetItem(i, 4, wx(it.source));
        if (it.state == "逾期") {
            ++late;
            m_due->SetItemBackgroundColour(i, colours::overdue_bg());
        }
    }
    m_summary->SetLabel(fmt(
        m_activists ? "入党申请人、入党积极分子和发展对象共 {people} 人，{items} 项待办，其中逾期 {late} 项"
                    : "共 {people} 人在发展党员各阶段，{items} 项待办，其中逾期 {late} 项",
        {{"people", std::to_string(m_rows.size())}, {"items", std::to_string(items.size())}, {"late", std::to_string(late)}}));
    show_documents();
    Layout();
}

void PipelineView::select_item(const Target& t) {
    if (long i = row_of(m_rows, t.item); i >= 0) select_row(m_people, i);
    show_documents();
}

void PipelineView::show_documents() {
    m_docs->DeleteAllItems();
    const auto* p = current();
    if (!p) return;
    for (const auto& d : m_filed) {
        if (d.recruit_id != p->id) continue;
        long i = m_docs->InsertItem(m_docs->GetItemCount(), wx(d.document.archival_code()));
        m_docs->SetItem(i, 1, wx(tr_ui(d.step)));
        m_docs->SetItem(i, 2, wx(d.on.iso()));
        m_docs->SetItem(i, 3, wx(d.document.title));
    }
}

wxChoice* PipelineView::record_choice(wxWindow* parent, std::vector<core::Id>& ids) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    choice->Append(_("（无）"));
    ids.assign(1, 0);
    auto records = core::RecordStore(m_shell.archive().db(), m_shell.home().id).list();
    std::reverse(records.begin(), records.end());
    for (const auto& r : records) {
        choice->Append(wx(r.date.iso() + " " + tr_ui(r.type_name) + (r.topic.empty() ? "" : " " + r.topic)));
        ids.push_back(r.id);
    }
    choice->SetSelection(0);
    return choice;
}

void PipelineView::apply() {
    FormDialog dlg(this, _("登记入党申请人"), "pipeline_apply_dialog");
    auto* name = named(new wxTextCtrl(&dlg, wxID_ANY, wxString(), wxDefaultPosition, wxSize(220, -1)), "pipeline_name");
    auto* gender = new wxChoice(&dlg, wxID_ANY);
    gender->Append(_("男"));
    gender->Append(_("女"));
    gender->SetSelection(0);
    auto* date = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "pipeline_date");
    dlg.row(_("姓名"), name, true);
    dlg.row(_("性别"), gender);
    dlg.row(_("递交申请日期"), date, true);
    core::Recruit p;
    // "登记" is also a rectification history entry ("Recorded"); as this button it is the act: "Register".
    if (!dlg.run(wtr_in_context("pipeline", "登记"), [&] {
            p.name = trim(str(name->GetValue()));
            if (p.name.empty()) throw core::Error(OB_N("请填写姓名"), {}, {{}, {}, "姓名"});
            p.gender = gender->GetSelection() == 1 ? "女" : "男";
            p.applied_on = required_date(date, "递交申请日期");
            pipeline().apply(p);
        }))
        return;
    changed();
    select_item({"pipeline", p.id, {}});
}

void PipelineView::edit() {
    const auto* p = current();
    if (!p) return show_info(this, _("请先在名单中选择一个人"));
    core::Recruit person = *p;
    FormDialog dlg(this, fmt("编辑 {name}", {{"name", person.name}}), "pipeline_edit_dialog");
    auto* name = named(new wxTextCtrl(&dlg, wxID_ANY, wx(person.name), wxDefaultPosition, wxSize(220, -1)), "pipeline_name");
    auto* gender = new wxChoice(&dlg, wxID_ANY);
    gender->Append(_("男"));
    gender->Append(_("女"));
    gender->SetSelection(person.gender == "女" ? 1 : person.gender == "男" ? 0 : wxNOT_FOUND);
    auto* birth = named(new wxTextCtrl(&dlg, wxID_ANY, date_text(person.birth_date)), "pipeline_birth");
    auto* who = named(new wxTextCtrl(&dlg, wxID_ANY, wx(person.contacts_text())), "pipeline_contacts");
    auto* notes = named(new wxTextCtrl(&dlg, wxID_ANY, wx(person.notes)), "pipeline_notes");
    dlg.row(_("姓名"), name, true);
    dlg.row(_("性别"), gender);
    dlg.row(_("出生日期"), birth);
    dlg.row(_("培养联系人"), who);
    dlg.row(_("备注"), notes);
    dlg.note(_("阶段和日期随“转入下一阶段”记录，在此不能修改。"));
    if (!dlg.run(_("保存"), [&] {
            person.name = trim(str(name->GetValue()));
            if (person.name.empty()) throw core::Error(OB_N("请填写姓名"), {}, {{}, {}, "姓名"});
            if (gender->GetSelection() != wxNOT_FOUND) person.gender = gender->GetSelection() == 1 ? "女" : "男";
            person.birth_date = parse_date_field(birth->GetValue(), "出生日期");
            person.contacts = names_in(who);
            person.notes = trim(str(notes->GetValue()));
            pipeline().update(person);
        }))
        return;
    changed();
}

void PipelineView::remove() {
    const auto* p = current();
    if (!p) return show_info(this, _("请先在名单中选择一个人"));
    core::Recruit person = *p;
    if (!ask(this, fmt("从发展党员名单中删除 {name} 及其各环节记录？", {{"name", person.name}}))) return;
    if (!guarded(this, [&] { pipeline().remove(person.id); })) return;
    changed();
}

void PipelineView::move() {
    const auto* p = current();
    if (!p) return show_info(this, _("请先在名单中选择一个人"));
    const auto& stages = core::recruitment_stages();
    auto at = std::find(stages.begin(), stages.end(), p->stage);
    if (at == stages.end() || at + 1 == stages.end()) return show_info(this, _("此人已是正式党员"));
    core::Recruit person = *p;
    FormDialog dlg(this, fmt("{name} 转入下一阶段", {{"name", person.name}}), "pipeline_move_dialog");
    auto* to = named(new wxChoice(&dlg, wxID_ANY), "pipeline_to");
    std::vector<std::string> later(at + 1, stages.end());
    for (const auto& s : later) to->Append(wx(tr_ui(s)));
    to->SetSelection(0);
    auto* date = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "pipeline_date");
    std::vector<core::Id> record_ids;
    auto* record = named(record_choice(&dlg, record_ids), "pipeline_record");
    auto* who = named(new wxTextCtrl(&dlg, wxID_ANY, wx(person.contacts_text())), "pipeline_contacts");
    auto* note = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "pipeline_note");
    dlg.row(_("转为"), to, true);
    dlg.row(_("日期"), date, true);
    dlg.row(_("决定的会议记录"), record);
    dlg.row(_("培养联系人"), who);
    dlg.row(_("备注"), note);
    dlg.note(_("按《中国共产党发展党员工作细则》检查时间和程序；不符合时说明原因，不作改动。"));
    if (!dlg.run(_("转入"), [&] {
            core::Date d = required_date(date, "日期");
            std::optional<core::Id> rec;
            if (record->GetSelection() > 0) rec = record_ids.at(static_cast<std::size_t>(record->GetSelection()));
            pipeline().move(person.id, later.at(static_cast<std::size_t>(to->GetSelection())), d, rec,
                            trim(str(note->GetValue())), names_in(who));
        }))
        return;
    changed();
}

void PipelineView::milestone() {
    const auto* p = current();
    if (!p) return show_info(this, _("请先在名单中选择一个人"));
    core::Recruit person = *p;
    FormDialog dlg(this, fmt("记录 {name} 的发展环节", {{"name", person.name}}), "pipeline_milestone_dialog");
    auto* kind = named(new wxChoice(&dlg, wxID_ANY), "pipeline_kind");
    for (const auto& k : core::recruitment_milestones()) kind->Append(wx(tr_ui(k)));
    kind->SetSelection(0);
    auto* date = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "pipeline_date");
    auto* days = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "pipeline_days");
    auto* hours = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "pipeline_hours");
    std::vector<core::Id> record_ids;
    auto* record = record_choice(&dlg, record_ids);
    dlg.row(_("环节"), kind, true);
    dlg.row(_("日期"), date, true);
    dlg.row(_("培训天数"), days);
    dlg.row(_("培训学时"), hours);
    dlg.row(_("会议记录"), record);
    if (!dlg.run(_("记录"), [&] {
            core::RecruitEvent e;
            e.recruit_id = person.id;
            e.kind = core::recruitment_milestones().at(static_cast<std::size_t>(kind->GetSelection()));
            e.on = required_date(date, "日期");
            auto number = [](wxTextCtrl* c, const char* field) -> std::optional<double> {
                wxString v = c->GetValue().Trim().Trim(false);
                if (v.empty()) return std::nullopt;
                double x = 0;
                if (!v.ToCDouble(&x) || x < 0)
                    throw core::Error(OB_N("“{field}”应为非负数，而不是“{value}”"), {{"field", field}, {"value", str(v)}});
                return x;
            };
            e.days = number(days, "培训天数");
            e.hours = number(hours, "培训学时");
            if (record->GetSelection() > 0) e.record_id = record_ids.at(static_cast<std::size_t>(record->GetSelection()));
            pipeline().add_event(e);
        }))
        return;
    changed();
}

void PipelineView::file() {
    const auto* p = current();
    if (!p) return show_info(this, _("请先在名单中选择一个人"));
    core::Recruit person = *p;
    // The steps this person has taken: stages reached and milestones recorded.
    std::vector<std::string> steps;
    guarded(this, [&] {
        for (const auto& e : pipeline().events(person.id)) {
            std::string s = e.kind == "阶段" ? e.stage : e.kind;
            if (std::find(steps.begin(), steps.end(), s) == steps.end()) steps.push_back(s);
        }
    });
    FormDialog dlg(this, fmt("归档 {name} 的发展材料", {{"name", person.name}}), "pipeline_file_dialog");
    auto* step = named(new wxChoice(&dlg, wxID_ANY), "pipeline_step");
    for (const auto& s : steps) step->Append(wx(tr_ui(s)));
    if (!steps.empty()) step->SetSelection(static_cast<int>(steps.size()) - 1);
    auto* path_panel = new wxPanel(&dlg);
    auto* path_row = new wxBoxSizer(wxHORIZONTAL);
    auto* path = named(new wxTextCtrl(path_panel, wxID_ANY, wxString(), wxDefaultPosition, wxSize(300, -1)), "pipeline_path");
    auto* browse = new wxButton(path_panel, wxID_ANY, _("浏览…"));
    path_row->Add(path, 1, wxRIGHT, 6);
    path_row->Add(browse, 0);
    path_panel->SetSizer(path_row);
    auto* title = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "pipeline_title");
    title->SetHint(fmt("{name} {step}材料", {{"name", person.name}, {"step", "…"}}));
    auto* retention = named(new wxChoice(&dlg, wxID_ANY), "pipeline_retention");
    for (auto r : archive::all_retentions()) retention->Append(wx(tr_ui(archive::retention_label(r))));
    retention->SetSelection(0);
    dlg.row(_("环节"), step, true);
    dlg.row(_("文件"), path_panel, true);
    dlg.row(_("题名"), title);
    dlg.row(_("保管期限"), retention);
    dlg.note(_("归入一本通“入党积极分子”篇目（组织发展材料），按年度和保管期限编件号和档号。"));
    dlg.browse(browse, path);
    archive::MemberLifeDocument filed;
    if (!dlg.run(_("归档"), [&] {
            if (step->GetSelection() < 0) throw core::Error(OB_N("此人还没有可归档材料的环节"));
            std::string file = trim(str(path->GetValue()));
            if (file.empty()) throw core::Error(OB_N("请选择要归档的文件"), {}, {{}, {}, "文件"});
            archive::DocumentMeta meta;
            meta.title = trim(str(title->GetValue()));
            meta.retention = archive::all_retentions().at(static_cast<std::size_t>(retention->GetSelection()));
            archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
            filed = archive::MemberLifeDocuments(m_shell.archive(), store)
                        .file_step(person.id, steps.at(static_cast<std::size_t>(step->GetSelection())), file, meta);
        }))
        return;
    changed();
    m_shell.set_status(
        fmt("已归档：{code} {title}", {{"code", filed.document.archival_code()}, {"title", filed.document.title}}));
}

} // namespace

wxBoxSizer* view_with_actions(wxWindow* view, const wxString& title,
                              std::initializer_list<std::tuple<wxString, const char*, std::function<void()>>> actions) {
    auto* box = new wxBoxSizer(wxVERTICAL);
    // The title and the buttons flow onto a second row on a narrow window (1024 px, English).
    auto* top = new wxWrapSizer(wxHORIZONTAL);
    auto* label = new wxStaticText(view, wxID_ANY, title);
    label->SetFont(label->GetFont().Bold().Larger());
    top->Add(label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
    for (const auto& [text, name, action] : actions) {
        auto* b = named(new wxButton(view, wxID_ANY, text), name);
        b->Bind(wxEVT_BUTTON, [action = action](wxCommandEvent&) { action(); });
        top->Add(b, 0, wxRIGHT | wxBOTTOM, 6);
    }
    box->Add(top, 0, wxEXPAND | wxALL, 10);
    return box;
}

core::Date required_date(wxTextCtrl* control, const char* field) {
    auto d = parse_date_field(control->GetValue(), field);
    if (!d) throw core::Error(OB_N("请填写{field}"), {{"field", field}});
    return *d;
}

wxFlexGridSizer* form_grid() {
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1, 1);
    return grid;
}

FormDialog::FormDialog(wxWindow* parent, const wxString& title, const char* name)
    : wxDialog(parent, wxID_ANY, title), m_box(new wxBoxSizer(wxVERTICAL)), m_grid(form_grid()) {
    SetName(name);
    m_box->Add(m_grid, 0, wxEXPAND | wxALL, 12);
}

void FormDialog::row(const wxString& label, wxWindow* control, bool required) { add_row(this, m_grid, label, control, required); }

void FormDialog::note(const wxString& text) { m_box->Add(new wxStaticText(this, wxID_ANY, text), 0, wxLEFT | wxRIGHT, 12); }

void FormDialog::browse(wxButton* button, wxTextCtrl* path) {
    button->Bind(wxEVT_BUTTON, [this, path](wxCommandEvent&) {
        wxFileDialog pick(this, _("选择要归档的文件"), wxString(), wxString(), "*", wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (pick.ShowModal() == wxID_OK) path->SetValue(pick.GetPath());
    });
}

bool FormDialog::run(const wxString& ok_label, const std::function<void()>& save) {
    finish_form_dialog(this, m_box, ok_label, [&] { return guarded(this, save); });
    return ShowModal() == wxID_OK;
}

View* make_pipeline_view(wxWindow* parent, Shell& shell, bool activists) { return new PipelineView(parent, shell, activists); }

} // namespace onebook::shell
