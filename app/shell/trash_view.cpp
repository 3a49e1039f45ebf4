// 回收站 in the shell: what was deleted, when and by whom, with 恢复 and 永久清除.
#include "safety_net.hpp"

#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>

namespace onebook::shell {

namespace {

wxString kind_name(const std::string& k) {
    if (k == "record") return _("会议记录");
    if (k == "member") return _("党员");
    if (k == "document") return _("归档文件");
    if (k == "rectification") return _("整改事项");
    if (k == "entry") return _("条目");
    return wx(k);
}

class TrashDialog : public wxDialog {
public:
    TrashDialog(wxWindow* parent, Shell& shell)
        : wxDialog(parent, wxID_ANY, _("回收站"), wxDefaultPosition, wxSize(880, 460), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_shell(shell) {
        SetName("trash_dialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        m_list = report_list(this, "trash_list",
                             {{_("删除时间"), 140}, {_("操作人"), 90}, {_("类型"), 90}, {_("内容"), 380}, {_("附带"), 110}});
        sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        m_restore = named(new wxButton(this, wxID_ANY, _("恢复")), "trash_restore");
        m_purge = named(new wxButton(this, wxID_ANY, _("永久清除…")), "trash_purge");
        row->Add(m_restore, 0, wxRIGHT, 8);
        row->Add(m_purge, 0);
        finish_list_dialog(this, sizer, row);
        m_restore->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { act(false); });
        m_purge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { act(true); });
        m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { enable(); });
        reload();
    }
    bool changed() const { return m_changed; }

private:
    void reload() {
        m_list->DeleteAllItems();
        guarded(this, [&] { m_items = core::Journal(m_shell.archive()).trash(); });
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            const auto& t = m_items[i];
            long r = m_list->InsertItem(static_cast<long>(i), wx(t.at));
            m_list->SetItem(r, 1, wx(t.by));
            m_list->SetItem(r, 2, kind_name(t.kind));
            m_list->SetItem(r, 3,
                            wx(t.title) + (t.objects > 1 ? fmt(" 等 {n} 项", {{"n", std::to_string(t.objects)}}) : wxString()));
            m_list->SetItem(r, 4, t.attached ? fmt("{n} 条关联内容", {{"n", std::to_string(t.attached)}}) : wxString());
        }
        if (!m_items.empty()) m_list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        enable();
    }
    void enable() {
        bool sel = selected_row(m_list) >= 0;
        m_restore->Enable(sel);
        m_purge->Enable(sel);
    }
    void act(bool purge) {
        long i = selected_row(m_list);
        if (i < 0) return;
        const auto& t = m_items[static_cast<std::size_t>(i)];
        if (purge && !ask(this, fmt("永久清除“{title}”？清除后不能恢复（只能从备份恢复），它独用的文件也会从文件库删除。",
                                    {{"title", t.title}})))
            return;
        if (guarded(this, [&] {
                core::Journal j(m_shell.archive());
                if (purge) j.purge(t.set_id);
                else j.restore(t.set_id);
            })) {
            m_changed = true;
            m_shell.set_status(purge ? fmt("已永久清除：{title}", {{"title", t.title}})
                                     : fmt("已从回收站恢复：{title}", {{"title", t.title}}));
        }
        reload();
    }
    Shell& m_shell;
    wxListCtrl* m_list;
    wxButton* m_restore;
    wxButton* m_purge;
    std::vector<core::TrashItem> m_items;
    bool m_changed = false;
};

} // namespace

void show_trash(wxWindow* parent, Shell& shell) {
    if (!shell.has_archive()) return;
    TrashDialog dlg(parent, shell);
    dlg.ShowModal();
    if (dlg.changed()) shell.archive_changed();
}

} // namespace onebook::shell
