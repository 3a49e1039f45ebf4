// The safety net's hooks in the main frame: menus, undo/redo of the session, the day's backup at
// open, and the discard guard for dialogs.
#include "main_frame.hpp"
#include "safety_net.hpp"

#include "onebook/backup.hpp"
#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include <wx/app.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/config.h>
#include <wx/datectrl.h>
#include <wx/eventfilter.h>
#include <wx/modalhook.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <map>
#include <set>

namespace onebook::shell {

namespace {

/// Where each open archive's session began (undo reaches back to here, not further).
std::map<std::string, std::int64_t>& session_start() {
    static std::map<std::string, std::int64_t> m;
    return m;
}

std::int64_t start_of(MainFrame& frame) {
    auto it = session_start().find(frame.archive().path());
    return it == session_start().end() ? 0 : it->second;
}

void refresh(MainFrame& frame) {
    frame.archive_changed();
    frame.navigate(frame.target());
}

/// What the set the undo (or redo) `set` reversed had done: "删除了 会议记录「…」".
std::string describe(MainFrame& frame, std::int64_t set) {
    core::Journal j(frame.archive());
    auto s = j.set(set);
    if (s && s->reverts) s = j.set(*s->reverts);
    if (s && s->kind == "undo" && s->reverts) s = j.set(*s->reverts);
    if (!s) return {};
    auto e = j.describe(*s, [](const std::string& m) { return tr_ui(m); });
    return e.text.substr(std::min(e.text.size(), e.at.size() + e.by.size() + 2));
}

} // namespace

bool undo_last(MainFrame& frame) {
    if (!frame.has_archive()) return false;
    std::int64_t done = 0;
    if (!guarded(&frame, [&] { done = core::Journal(frame.archive()).undo(start_of(frame)); })) return false;
    refresh(frame);
    frame.set_status(_("已撤销") + "：" + wx(describe(frame, done)));
    return true;
}

bool redo_last(MainFrame& frame) {
    if (!frame.has_archive()) return false;
    std::int64_t done = 0;
    if (!guarded(&frame, [&] { done = core::Journal(frame.archive()).redo(start_of(frame)); })) return false;
    refresh(frame);
    frame.set_status(_("已重做") + "：" + wx(describe(frame, done)));
    return true;
}

void bind_safety_net(MainFrame& frame, wxMenuBar* menubar) {
    // Menus are rebuilt (language switch, open, close); the frame's handlers are bound once.
    static std::set<MainFrame*> bound;
    if (bound.insert(&frame).second) {
        frame.Bind(
            wxEVT_MENU, [&frame](wxCommandEvent&) { undo_last(frame); }, safety_id::undo);
        frame.Bind(
            wxEVT_MENU, [&frame](wxCommandEvent&) { redo_last(frame); }, safety_id::redo);
        frame.Bind(
            wxEVT_MENU, [&frame](wxCommandEvent&) { show_history(&frame, frame); }, safety_id::history);
        frame.Bind(
            wxEVT_MENU,
            [&frame](wxCommandEvent&) {
                // The item selected in the current view: a record, member, document, rectification item…
                const Target& t = frame.target();
                static const std::map<std::string, std::string> kinds = {{"records", "record"},
                                                                         {"roster", "member"},
                                                                         {"documents", "document"},
                                                                         {"rectification", "rectification"},
                                                                         {"assessment", "assessment"}};
                core::HistoryFilter f;
                auto k = kinds.find(t.view);
                if (k != kinds.end() && t.item > 0) {
                    f.object_kind = k->second;
                    f.object_id = t.item;
                }
                show_history(&frame, frame, f);
            },
            safety_id::object_history);
        frame.Bind(
            wxEVT_MENU,
            [&frame](wxCommandEvent&) {
                show_trash(&frame, frame);
                frame.navigate(frame.target());
            },
            safety_id::trash);
        frame.Bind(
            wxEVT_MENU, [&frame](wxCommandEvent&) { show_backups(frame); }, safety_id::backup);
        frame.Bind(
            wxEVT_MENU,
            [&frame](wxCommandEvent&) {
                // The name every change of this computer's user is recorded under (else the OS user's).
                wxString name;
                wxConfigBase::Get()->Read("/Journal/Name", &name);
                wxTextEntryDialog dlg(&frame, _("全程纪实中记录的操作人姓名（留空则用系统用户名）："), _("操作人姓名"), name);
                if (dlg.ShowModal() != wxID_OK) return;
                name = dlg.GetValue().Trim().Trim(false);
                wxConfigBase::Get()->Write("/Journal/Name", name);
                wxConfigBase::Get()->Flush();
                if (frame.has_archive()) frame.archive().set_actor(str(name));
            },
            safety_id::name);
    }
    bool open = frame.has_archive();
    for (int id : {(int)safety_id::undo, (int)safety_id::redo, (int)safety_id::history, (int)safety_id::object_history,
                   (int)safety_id::trash, (int)safety_id::backup})
        if (menubar->FindItem(id)) menubar->Enable(id, open);
}

void safety_net_opened(MainFrame& frame) {
    if (!frame.has_archive()) return;
    auto& a = frame.archive();
    // Preferences → 姓名 (or the OS user): whom the history names.
    wxString name;
    if (auto* cfg = wxConfigBase::Get(false)) cfg->Read("/Journal/Name", &name);
    a.set_actor(str(name));
    session_start()[a.path()] = core::Journal(a).last_set_id();
    if (!wxGetEnv("ONEBOOK_NO_AUTO_BACKUP", nullptr)) {
        try {
            if (core::Backups(a).auto_backup_if_due()) frame.set_status(_("已自动备份档案（每天第一次打开时）"));
        } catch (const core::Error& e) { frame.set_status(msg(e.message())); }
    }
}

namespace {

/// The values of a dialog's input controls, to tell whether anything was typed or chosen.
std::vector<std::string> snapshot(wxWindow* w) {
    std::vector<std::string> out;
    for (wxWindow* c : w->GetChildren()) {
        if (auto* t = dynamic_cast<wxTextCtrl*>(c); t && t->IsEditable()) out.push_back(str(t->GetValue()));
        else if (auto* cb = dynamic_cast<wxComboBox*>(c)) out.push_back(str(cb->GetValue()));
        else if (auto* ch = dynamic_cast<wxChoice*>(c)) out.push_back(std::to_string(ch->GetSelection()));
        else if (auto* x = dynamic_cast<wxCheckBox*>(c)) out.push_back(x->GetValue() ? "1" : "0");
        else if (auto* s = dynamic_cast<wxSpinCtrl*>(c)) out.push_back(std::to_string(s->GetValue()));
        else if (auto* d = dynamic_cast<wxDatePickerCtrl*>(c)) out.push_back(str(d->GetValue().FormatISODate()));
        auto sub = snapshot(c);
        out.insert(out.end(), sub.begin(), sub.end());
    }
    return out;
}

/// Remembers each modal dialog's fields as they were when it showed (after it filled them).
class SnapshotHook : public wxModalDialogHook {
public:
    std::map<wxDialog*, std::vector<std::string>> before;

protected:
    int Enter(wxDialog* dlg) override {
        before[dlg] = snapshot(dlg);
        // Validators fill their fields once the dialog runs: take it again then.
        dlg->CallAfter([this, dlg] {
            if (before.count(dlg)) before[dlg] = snapshot(dlg);
        });
        return wxID_NONE;
    }
    void Exit(wxDialog* dlg) override { before.erase(dlg); }
};

/// Asks before 取消, Escape (which presses 取消) or the close box discards changed fields.
class DiscardGuard : public wxEventFilter {
public:
    SnapshotHook hook;

    int FilterEvent(wxEvent& event) override {
        const wxEventType type = event.GetEventType();
        bool cancel = (type == wxEVT_BUTTON && event.GetId() == wxID_CANCEL) || type == wxEVT_CLOSE_WINDOW;
        if (!cancel || m_asking) return Event_Skip;
        wxWindow* w = dynamic_cast<wxWindow*>(event.GetEventObject());
        wxDialog* dlg = nullptr;
        for (; w; w = w->GetParent())
            if ((dlg = dynamic_cast<wxDialog*>(w))) break;
        if (!dlg || !dlg->IsModal()) return Event_Skip;
        auto it = hook.before.find(dlg);
        if (it == hook.before.end() || it->second == snapshot(dlg)) return Event_Skip;
        m_asking = true;
        bool discard = ask(dlg, _("放弃已填写的内容？"), _("有未保存的修改"));
        m_asking = false;
        if (discard) {
            hook.before.erase(dlg);
            return Event_Skip;
        }
        if (type == wxEVT_CLOSE_WINDOW) static_cast<wxCloseEvent&>(event).Veto();
        return Event_Processed;
    }

private:
    bool m_asking = false;
};

} // namespace

void install_discard_guard() {
    static DiscardGuard* guard = nullptr;
    if (guard) return;
    guard = new DiscardGuard;
    guard->hook.Register();
    wxEvtHandler::AddFilter(guard);
}

} // namespace onebook::shell
