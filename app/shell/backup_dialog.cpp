// 文件 › 备份与恢复: the archive's backups with their sizes; back up now, restore one (verified
// first, the current state backed up), or restore one as a new archive.
#include "main_frame.hpp"
#include "safety_net.hpp"

#include "onebook/backup.hpp"
#include "onebook/numbers.hpp"
#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include <wx/busyinfo.h>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>

namespace onebook::shell {

namespace {

wxString size_text(std::int64_t bytes) { return wx(core::format_size(bytes)); }

class BackupDialog : public wxDialog {
public:
    explicit BackupDialog(MainFrame& frame)
        : wxDialog(&frame, wxID_ANY, _("备份与恢复"), wxDefaultPosition, wxSize(900, 460),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_frame(frame) {
        SetName("backup_dialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(
            new wxStaticText(
                this, wxID_ANY,
                _("每天第一次打开档案时、导入档案包和恢复之前会自动备份；保留 7 份日备份和 4 份周备份。文件库中的文件与备份共享，不重复占用空间。")),
            0, wxALL, 8);
        m_list = report_list(
            this, "backup_list",
            {{_("时间"), 140}, {_("原因"), 140}, {_("大小"), 90, true}, {_("文件（与档案共享）"), 160}, {_("备份文件"), 320}});
        sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        auto* now = named(new wxButton(this, wxID_ANY, _("立即备份")), "backup_now");
        m_restore = named(new wxButton(this, wxID_ANY, _("恢复到此备份…")), "backup_restore");
        m_restore_new = named(new wxButton(this, wxID_ANY, _("恢复为新档案…")), "backup_restore_new");
        row->Add(now, 0, wxRIGHT, 8);
        row->Add(m_restore, 0, wxRIGHT, 8);
        row->Add(m_restore_new, 0);
        finish_list_dialog(this, sizer, row);
        now->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            wxBusyCursor busy;
            core::BackupInfo info;
            if (guarded(this, [&] { info = core::Backups(m_frame.archive()).make("manual"); }))
                m_frame.set_status(fmt("已备份到 {file}", {{"file", info.path}}));
            reload();
        });
        m_restore->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { restore(false); });
        m_restore_new->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { restore(true); });
        m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { enable(); });
        reload();
    }

private:
    void reload() {
        m_list->DeleteAllItems();
        guarded(this, [&] { m_backups = core::Backups(m_frame.archive()).list(); });
        for (std::size_t i = 0; i < m_backups.size(); ++i) {
            const auto& b = m_backups[i];
            long r = m_list->InsertItem(static_cast<long>(i), wx(b.made_at));
            m_list->SetItem(r, 1, _(core::Backups::reason_label(b.reason)));
            m_list->SetItem(r, 2, size_text(b.size));
            m_list->SetItem(r, 3, wxString::Format("%d (%s)", b.files, size_text(b.file_bytes)));
            m_list->SetItem(r, 4, wx(b.name));
        }
        enable();
    }
    void enable() {
        bool sel = selected_row(m_list) >= 0;
        m_restore->Enable(sel);
        m_restore_new->Enable(sel);
    }
    void restore(bool as_new) {
        long i = selected_row(m_list);
        if (i < 0) return;
        const auto b = m_backups[static_cast<std::size_t>(i)];
        if (as_new) {
            wxFileDialog dlg(this, _("恢复为新档案"), "", "", _("OneBook 档案") + " (*.onebook)|*.onebook",
                             wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
            if (dlg.ShowModal() != wxID_OK) return;
            std::string target = str(dlg.GetPath());
            wxBusyCursor busy;
            if (guarded(this, [&] { core::Backups::restore_to(b.path, target); }))
                show_info(this, fmt("已从备份恢复为新档案 {file}", {{"file", target}}));
            return;
        }
        if (!ask(this, fmt("把档案恢复到 {time} 的备份？当前状态会先备份，恢复后仍可从备份回到现在。", {{"time", b.made_at}})))
            return;
        wxBusyCursor busy;
        core::BackupInfo safety;
        if (guarded(this, [&] { safety = core::Backups(m_frame.archive()).restore(b.path); })) {
            m_frame.archive_changed();
            m_frame.navigate(m_frame.target());
            m_frame.set_status(fmt("已从备份恢复；恢复前的状态已备份到 {file}", {{"file", safety.path}}));
        }
        reload();
    }
    MainFrame& m_frame;
    wxListCtrl* m_list;
    wxButton* m_restore;
    wxButton* m_restore_new;
    std::vector<core::BackupInfo> m_backups;
};

} // namespace

void show_backups(MainFrame& frame) {
    if (!frame.has_archive()) return;
    BackupDialog dlg(frame);
    dlg.ShowModal();
}

} // namespace onebook::shell
