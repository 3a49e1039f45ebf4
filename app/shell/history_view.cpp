// 全程纪实 in the shell: every change in words, newest first, with the fields it changed; the
// whole archive's in a window, one item's in the 历史 tab of its dialog.
#include "safety_net.hpp"

#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <set>

namespace onebook::shell {

namespace {

/// The changes of the whole archive or of one object, newest first, with the fields each changed.
class HistoryPanel : public wxPanel {
public:
    HistoryPanel(wxWindow* parent, core::Archive& archive, const core::HistoryFilter& filter) : wxPanel(parent, wxID_ANY) {
        SetName("history_panel");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        m_list = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL),
                       "history_list");
        m_list->AppendColumn(_("时间"), wxLIST_FORMAT_LEFT, 140);
        m_list->AppendColumn(_("操作人"), wxLIST_FORMAT_LEFT, 90);
        m_list->AppendColumn(_("修改"), wxLIST_FORMAT_LEFT, filter.object_kind.empty() ? 680 : 420);
        m_details = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 150), wxTE_MULTILINE | wxTE_READONLY),
                          "history_details");
        sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
        sizer->Add(new wxStaticText(this, wxID_ANY, _("改动明细")), 0, wxLEFT | wxRIGHT, 8);
        sizer->Add(m_details, 0, wxEXPAND | wxALL, 8);
        SetSizer(sizer);
        guarded(this, [&] {
            core::Journal journal(archive);
            m_entries = journal.history(filter, [](const std::string& s) { return tr_ui(s); });
        });
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            const auto& e = m_entries[i];
            long row = m_list->InsertItem(static_cast<long>(i), wx(e.at));
            m_list->SetItem(row, 1, wx(e.by));
            std::string text = e.text.substr(std::min(e.text.size(), e.at.size() + e.by.size() + 2));
            m_list->SetItem(row, 2, wx(text) + (e.undone ? wxString(" ") + _("（已撤销）") : wxString()));
        }
        if (m_entries.empty()) m_details->SetValue(_("没有修改记录"));
        m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& ev) {
            const auto& e = m_entries[static_cast<std::size_t>(ev.GetIndex())];
            wxString d = wx(e.text) + "\n";
            for (const auto& line : e.details) d += "    " + wx(line) + "\n";
            m_details->SetValue(d);
        });
        if (!m_entries.empty()) m_list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    }

private:
    wxListCtrl* m_list;
    wxTextCtrl* m_details;
    std::vector<core::HistoryEntry> m_entries;
};

class HistoryDialog : public wxDialog {
public:
    HistoryDialog(wxWindow* parent, Shell& shell, const core::HistoryFilter& filter)
        : wxDialog(parent, wxID_ANY, filter.object_kind.empty() ? _("全程纪实") : _("历史"), wxDefaultPosition, wxSize(960, 600),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
        SetName("history_dialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(new HistoryPanel(this, shell.archive(), filter), 1, wxEXPAND);
        sizer->Add(CreateSeparatedButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, 8);
        SetSizer(sizer);
        SetEscapeId(wxID_CLOSE);
    }
};

void collect_windows(wxSizer* sizer, std::set<wxWindow*>& out) {
    for (auto* item : sizer->GetChildren()) {
        if (item->IsWindow()) out.insert(item->GetWindow());
        else if (item->IsSizer()) collect_windows(item->GetSizer(), out);
    }
}

} // namespace

void add_history_tab(wxDialog* dialog, core::Archive& archive, const std::string& kind, std::int64_t id) {
    wxSizer* content = dialog->GetSizer();
    if (!content || content->GetItemCount() < 2 || id == 0) return;
    core::HistoryFilter filter;
    filter.object_kind = kind;
    filter.object_id = id;
    // The last row of the form is its buttons: they stay under the tabs, for both of them.
    std::size_t last = content->GetItemCount() - 1;
    wxSizerItem* row = content->GetItem(last);
    std::set<wxWindow*> keep;
    if (row->IsSizer()) collect_windows(row->GetSizer(), keep);
    else if (row->IsWindow()) keep.insert(row->GetWindow());
    int flag = row->GetFlag(), border = row->GetBorder();
    wxSizer* buttons = row->IsSizer() ? row->GetSizer() : nullptr;
    wxWindow* button = row->IsWindow() ? row->GetWindow() : nullptr;
    content->Detach(static_cast<int>(last));
    wxSize before = dialog->GetSize();
    dialog->SetSizer(nullptr, false);

    auto* tabs = named(new wxNotebook(dialog, wxID_ANY), "dialog_tabs");
    auto* form = named(new wxPanel(tabs, wxID_ANY), "form_page");
    wxWindowList children = dialog->GetChildren(); // a copy: reparenting changes the list
    for (wxWindow* w : children)
        if (w != tabs && !keep.count(w) && !w->IsTopLevel()) w->Reparent(form);
    form->SetSizer(content);
    tabs->AddPage(form, _("内容"));
    tabs->AddPage(new HistoryPanel(tabs, archive, filter), _("历史"));

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(tabs, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);
    if (buttons) outer->Add(buttons, 0, flag, border);
    else if (button) outer->Add(button, 0, flag, border);
    dialog->SetSizer(outer);
    dialog->SetMinSize(wxDefaultSize);
    outer->SetSizeHints(dialog);
    wxSize best = dialog->GetSize();
    dialog->SetSize(std::max(before.x, best.x), std::max(before.y, best.y));
    dialog->CentreOnParent();
}

void show_history(wxWindow* parent, Shell& shell, const core::HistoryFilter& filter) {
    if (!shell.has_archive()) return;
    HistoryDialog dlg(parent, shell, filter);
    dlg.ShowModal();
}

} // namespace onebook::shell
