#include "read_only_branch.hpp"

#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace onebook::shell {

ReadOnlyBanner::ReadOnlyBanner(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetName("read_only_banner");
    SetBackgroundColour(colours::due());
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    m_text = named(new wxStaticText(this, wxID_ANY, ""), "read_only_text");
    m_text->SetFont(m_text->GetFont().Bold());
    m_text->SetForegroundColour(*wxBLACK);
    sizer->Add(m_text, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, 10);
    m_back = named(new wxButton(this, wxID_ANY, ""), "read_only_back");
    sizer->Add(m_back, 0, wxALL, 4);
    SetSizer(sizer);
}

void ReadOnlyBanner::show_for(const std::string& organisation) {
    m_text->SetLabel(fmt("只读：上级档案中的 {name}", {{"name", organisation}}));
    m_back->SetLabel(_("返回上级工作台"));
    Layout();
}

namespace {

void swallow(wxEvent&) {}

} // namespace

void lock_read_only(wxWindow* view) {
    for (auto* child : view->GetChildren()) {
        if (auto* b = dynamic_cast<wxAnyButton*>(child)) b->Disable();
        else if (auto* t = dynamic_cast<wxTextCtrl*>(child)) t->SetEditable(false);
        else if (auto* c = dynamic_cast<wxCheckBox*>(child)) c->Disable();
        else if (auto* l = dynamic_cast<wxListCtrl*>(child)) {
            // Bound last, called first: the views' own handlers open editors. Once per list, however
            // often the view is locked again (an earlier lock's handler is taken off first).
            for (auto type : {wxEVT_LIST_ITEM_ACTIVATED, wxEVT_LIST_ITEM_RIGHT_CLICK, wxEVT_LIST_KEY_DOWN}) {
                l->Unbind(type, &swallow);
                l->Bind(type, &swallow);
            }
            l->Unbind(wxEVT_CONTEXT_MENU, &swallow);
            l->Bind(wxEVT_CONTEXT_MENU, &swallow);
        } else if (auto* g = dynamic_cast<wxGrid*>(child)) {
            // The plan's and the assessment's cells open editors on a double click.
            g->EnableEditing(false);
            for (auto type : {wxEVT_GRID_CELL_LEFT_DCLICK, wxEVT_GRID_CELL_RIGHT_CLICK}) {
                g->Unbind(type, &swallow);
                g->Bind(type, &swallow);
            }
        }
        lock_read_only(child);
    }
}

} // namespace onebook::shell
