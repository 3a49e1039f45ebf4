#include "movements_view.hpp"

#include "open_file.hpp"
#include "pipeline_view.hpp"
#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include "onebook/archive/member_documents.hpp"
#include "onebook/archive/transfer_letter.hpp"
#include "onebook/member_history.hpp"
#include "onebook/roster.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <map>

namespace onebook::shell {

namespace {

class MovementsView : public View {
public:
    MovementsView(wxWindow* parent, Shell& shell);
    void reload() override;

private:
    core::MemberHistory history() { return core::MemberHistory(m_shell.archive().db(), m_shell.home().id); }
    const core::Movement* current() const;
    void roster_on();
    /// 转出 / 停止党籍 / 出党 / 死亡 of a member on today's roster.
    void depart();
    void arrive();
    void letter();
    void file();
    void done();

    wxTextCtrl* m_on = nullptr;
    wxStaticText* m_count = nullptr;
    wxListCtrl* m_list = nullptr;
    std::vector<core::Movement> m_rows;
};

MovementsView::MovementsView(wxWindow* parent, Shell& shell) : View(parent, shell, "movements_view") {
    auto* box = view_with_actions(this, _("组织关系转接和党籍变动"),
                                  {{_("转出或党籍变动…"), "movements_depart", [this] { depart(); }},
                                   {_("转入…"), "movements_arrive", [this] { arrive(); }},
                                   {_("介绍信…"), "movements_letter", [this] { letter(); }},
                                   {_("归档材料…"), "movements_file", [this] { file(); }}});
    auto* on_row = new wxBoxSizer(wxHORIZONTAL);
    on_row->Add(new wxStaticText(this, wxID_ANY, _("名册截至")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    m_on = named(
        new wxTextCtrl(this, wxID_ANY, wx(core::Date::today().iso()), wxDefaultPosition, wxSize(120, -1), wxTE_PROCESS_ENTER),
        "movements_on");
    on_row->Add(m_on, 0, wxRIGHT, 8);
    m_count = named(new wxStaticText(this, wxID_ANY, wxString()), "movements_count");
    on_row->Add(m_count, 1, wxALIGN_CENTER_VERTICAL);
    box->Add(on_row, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    m_list = report_list(this, "movements_list",
                         {{_("日期"), 100},
                          {_("姓名"), 80},
                          {_("变动"), 80},
                          {_("转往/转自"), 220},
                          {_("介绍信"), 150},
                          {_("党费交至"), 80},
                          {_("原因"), 160},
                          {_("档号"), 200}});
    box->Add(m_list, 1, wxEXPAND | wxALL, 10);
    SetSizer(box);
    m_on->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { roster_on(); });
    m_on->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        roster_on();
        e.Skip();
    });
    reload();
}

const core::Movement* MovementsView::current() const {
    long i = selected_row(m_list);
    return i >= 0 && i < static_cast<long>(m_rows.size()) ? &m_rows[static_cast<std::size_t>(i)] : nullptr;
}

void MovementsView::reload() {
    std::map<core::Id, std::string> codes;
    guarded(this, [&] {
        m_rows = history().movements();
        archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
        for (const auto& d : archive::MemberLifeDocuments(m_shell.archive(), store).of_movements())
            codes[d.movement_id] += (codes[d.movement_id].empty() ? "" : " ") + d.document.archival_code();
    });
    m_list->DeleteAllItems();
    for (const auto& m : m_rows) {
        long i = m_list->InsertItem(m_list->GetItemCount(), wx(m.on.iso()));
        m_list->SetItem(i, 1, wx(m.member_name));
        m_list->SetItem(i, 2, wx(tr_ui(m.kind)));
        m_list->SetItem(i, 3, wx(m.counterpart));
        m_list->SetItem(i, 4, wx(m.letter_ref));
        m_list->SetItem(i, 5, wx(m.dues_paid_to));
        m_list->SetItem(i, 6, wx(m.reason));
        m_list->SetItem(i, 7, wx(codes[m.id]));
    }
    roster_on();
}

void MovementsView::roster_on() {
    guarded(this, [&] {
        auto on = parse_date_field(m_on->GetValue(), "名册截至");
        if (!on) on = core::Date::today();
        m_count->SetLabel(fmt("该日名册中有党员 {count} 名（转出、停止党籍、出党、死亡的不计，历史记录保留）",
                              {{"count", std::to_string(history().roster_on(*on).size())}}));
    });
}

void MovementsView::done() { changed(); }

void MovementsView::depart() {
    auto members = core::Roster(m_shell.archive().db(), m_shell.home().id).members();
    if (members.empty()) return show_info(this, _("名册中没有党员"));
    FormDialog dlg(this, _("组织关系转出或党籍变动"), "movement_depart_dialog");
    auto* who = named(new wxChoice(&dlg, wxID_ANY), "movement_member");
    for (const auto& m : members) who->Append(wx(m.name));
    who->SetSelection(0);
    const std::vector<std::string> kinds = {"转出", "停止党籍", "出党", "死亡"};
    auto* kind = named(new wxChoice(&dlg, wxID_ANY), "movement_kind");
    for (const auto& k : kinds) kind->Append(wx(tr_ui(k)));
    kind->SetSelection(0);
    auto* date = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "movement_date");
    auto* to = named(new wxTextCtrl(&dlg, wxID_ANY, wxString(), wxDefaultPosition, wxSize(280, -1)), "movement_counterpart");
    auto* ref = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_letter");
    auto* dues = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_dues");
    dues->SetHint("YYYY-MM");
    auto* reason = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_reason");
    dlg.row(_("党员"), who, true);
    dlg.row(_("变动"), kind, true);
    dlg.row(_("日期"), date, true);
    dlg.row(_("转往"), to);
    dlg.row(_("介绍信"), ref);
    dlg.row(_("党费交至"), dues);
    dlg.row(_("原因"), reason);
    dlg.note(_("自该日起不在名册中；历史记录和出席情况保留。"));
    if (dlg.run(_("保存"), [&] {
            core::Movement m;
            m.member_id = members.at(static_cast<std::size_t>(who->GetSelection())).id;
            m.kind = kinds.at(static_cast<std::size_t>(kind->GetSelection()));
            m.on = required_date(date, "日期");
            m.counterpart = trim(str(to->GetValue()));
            m.letter_ref = trim(str(ref->GetValue()));
            m.dues_paid_to = trim(str(dues->GetValue()));
            m.reason = trim(str(reason->GetValue()));
            history().depart(m);
        }))
        done();
}

void MovementsView::arrive() {
    FormDialog dlg(this, _("组织关系转入"), "movement_arrive_dialog");
    auto* name = named(new wxTextCtrl(&dlg, wxID_ANY, wxString(), wxDefaultPosition, wxSize(220, -1)), "movement_name");
    auto* gender = new wxChoice(&dlg, wxID_ANY);
    gender->Append(_("男"));
    gender->Append(_("女"));
    gender->SetSelection(0);
    auto* from = named(new wxTextCtrl(&dlg, wxID_ANY, wxString(), wxDefaultPosition, wxSize(280, -1)), "movement_counterpart");
    auto* date = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "movement_date");
    auto* joined = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_joined");
    auto* ref = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_letter");
    auto* dues = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_dues");
    dues->SetHint("YYYY-MM");
    dlg.row(_("姓名"), name, true);
    dlg.row(_("性别"), gender);
    dlg.row(_("转自"), from, true);
    dlg.row(_("转入日期"), date, true);
    dlg.row(_("入党时间"), joined);
    dlg.row(_("介绍信"), ref);
    dlg.row(_("党费交至"), dues);
    if (dlg.run(_("转入"), [&] {
            core::Member m;
            m.name = trim(str(name->GetValue()));
            if (m.name.empty()) throw core::Error(OB_N("请填写姓名"), {}, {{}, {}, "姓名"});
            m.gender = gender->GetSelection() == 1 ? "女" : "男";
            m.join_date = parse_date_field(joined->GetValue(), "入党时间");
            core::Movement in;
            in.on = required_date(date, "转入日期");
            in.counterpart = trim(str(from->GetValue()));
            in.letter_ref = trim(str(ref->GetValue()));
            in.dues_paid_to = trim(str(dues->GetValue()));
            history().transfer_in(m, in);
        }))
        done();
}

void MovementsView::letter() {
    const auto* m = current();
    if (!m || m->kind != "转出") return show_info(this, _("请先在列表中选择一条组织关系转出记录"));
    core::Movement move = *m;
    wxFileDialog pick(this, _("保存党员组织关系介绍信"), wxString(), wx(move.member_name + "党员组织关系介绍信.pdf"),
                      "PDF (*.pdf)|*.pdf", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (pick.ShowModal() != wxID_OK) return;
    std::filesystem::path out = str(pick.GetPath()).c_str();
    if (!guarded(this, [&] { archive::write_transfer_letter_pdf(m_shell.archive(), move.id, out); })) return;
    if (ask(this, _("介绍信已生成。是否同时归入一本通（党员名册篇目）并编档号？")))
        guarded(this, [&] {
            archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
            archive::DocumentMeta meta;
            meta.retention = archive::Retention::Permanent;
            meta.title = move.member_name + "党员组织关系介绍信";
            meta.doc_ref = move.letter_ref;
            archive::MemberLifeDocuments(m_shell.archive(), store).file_movement(move.member_id, "转出", out, meta);
            done();
        });
    open_with_system(this, out);
}

void MovementsView::file() {
    const auto* m = current();
    if (!m) return show_info(this, _("请先在列表中选择一条变动记录"));
    core::Movement move = *m;
    FormDialog dlg(this, fmt("归档 {name} 的{kind}材料", {{"name", move.member_name}, {"kind", tr_ui(move.kind)}}),
                   "movement_file_dialog");
    auto* path = named(new wxTextCtrl(&dlg, wxID_ANY, wxString(), wxDefaultPosition, wxSize(320, -1)), "movement_path");
    auto* browse = new wxButton(&dlg, wxID_ANY, _("浏览…"));
    auto* title = named(new wxTextCtrl(&dlg, wxID_ANY, wxString()), "movement_title");
    dlg.row(_("文件"), path, true);
    dlg.grid()->AddSpacer(0);
    dlg.grid()->Add(browse, 0);
    dlg.row(_("题名"), title);
    dlg.browse(browse, path);
    if (dlg.run(_("归档"), [&] {
            std::string f = trim(str(path->GetValue()));
            if (f.empty()) throw core::Error(OB_N("请选择要归档的文件"), {}, {{}, {}, "文件"});
            archive::DocumentMeta meta;
            meta.retention = archive::Retention::Permanent;
            meta.title = trim(str(title->GetValue()));
            meta.doc_ref = move.letter_ref;
            archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
            archive::MemberLifeDocuments(m_shell.archive(), store).file_movement(move.member_id, move.kind, f, meta);
        }))
        done();
}

} // namespace

View* make_movements_view(wxWindow* parent, Shell& shell) { return new MovementsView(parent, shell); }

} // namespace onebook::shell
