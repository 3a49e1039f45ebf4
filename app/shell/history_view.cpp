// 全程纪实 in the shell: every change in words, newest first, with the fields it changed.
#include "safety_net.hpp"

#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace onebook::shell {

namespace {

class HistoryDialog : public wxDialog {
public:
    HistoryDialog(wxWindow* parent, Shell& shell, const core::HistoryFilter& filter)
        : wxDialog(parent, wxID_ANY, filter.object_kind.empty() ? _("全程纪实") : _("历史"), wxDefaultPosition, wxSize(960, 600),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
        SetName("history_dialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        m_list = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), "history_list");
        m_list->AppendColumn(_("时间"), wxLIST_FORMAT_LEFT, 140);
        m_list->AppendColumn(_("操作人"), wxLIST_FORMAT_LEFT, 90);
        m_list->AppendColumn(_("修改"), wxLIST_FORMAT_LEFT, 680);
        m_details = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 150), wxTE_MULTILINE | wxTE_READONLY),
                          "history_details");
        sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
        sizer->Add(new wxStaticText(this, wxID_ANY, _("改动明细")), 0, wxLEFT | wxRIGHT, 8);
        sizer->Add(m_details, 0, wxEXPAND | wxALL, 8);
        sizer->Add(CreateSeparatedButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, 8);
        SetSizer(sizer);
        SetEscapeId(wxID_CLOSE);
        guarded(this, [&] {
            core::Journal journal(shell.archive());
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

} // namespace

void show_history(wxWindow* parent, Shell& shell, const core::HistoryFilter& filter) {
    if (!shell.has_archive()) return;
    HistoryDialog dlg(parent, shell, filter);
    dlg.ShowModal();
}

} // namespace onebook::shell
