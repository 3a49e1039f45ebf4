#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <exception>

namespace onebook::shell {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

wxString msg(const core::Message& m) {
    // The shell's lookup (main catalogue, then the shell's), for the key and the nested messages.
    return wx(core::substitute(tr_ui(m.key), app::translated_params(m, [](const std::string& k) { return tr_ui(k); })));
}

wxString fmt(const std::string& msgid, const core::MessageParams& params) { return wx(core::substitute(tr_ui(msgid), params)); }

void show_error(wxWindow* parent, const wxString& text, const wxString& title) {
    wxMessageDialog dlg(parent, text, title.empty() ? _("出错了") : title, wxOK | wxICON_ERROR);
    dlg.SetOKLabel(_("确定"));
    dlg.ShowModal();
}

void show_info(wxWindow* parent, const wxString& text, const wxString& title) {
    wxMessageDialog dlg(parent, text, title.empty() ? _("党建一本通") : title, wxOK | wxICON_INFORMATION);
    dlg.SetOKLabel(_("确定"));
    dlg.ShowModal();
}

bool ask(wxWindow* parent, const wxString& text, const wxString& title) {
    wxMessageDialog dlg(parent, text, title.empty() ? _("请确认") : title, wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    dlg.SetYesNoLabels(_("是"), _("否"));
    return dlg.ShowModal() == wxID_YES;
}

bool guarded(wxWindow* parent, const std::function<void()>& action) {
    try {
        action();
        return true;
    } catch (const core::Error& e) { show_error(parent, wx(app::describe(e))); } catch (const std::exception& e) {
        show_error(parent, wx(e.what()));
    }
    return false;
}

wxSizer* ok_cancel_row(wxDialog* dlg, const wxString& ok_label) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->AddStretchSpacer();
    auto* ok = new wxButton(dlg, wxID_OK, ok_label.empty() ? _("确定") : ok_label);
    auto* cancel = new wxButton(dlg, wxID_CANCEL, _("取消"));
    ok->SetDefault();
    row->Add(ok, 0, wxRIGHT, 8);
    row->Add(cancel, 0);
    return row;
}

std::optional<core::Date> parse_date_field(const wxString& text, const std::string& field) {
    return core::optional_date(trim(str(text)), field, tr_ui(field));
}

wxString date_text(const std::optional<core::Date>& d) { return d ? wx(d->iso()) : wxString(); }

std::string mask(const std::string& s, std::size_t front, std::size_t back) {
    // Count characters, not bytes: addresses are Chinese.
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        chars.push_back(s.substr(i, n));
        i += n;
    }
    if (chars.size() <= front + back) return std::string(chars.size(), '*');
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i) out += (i < front || i >= chars.size() - back) ? chars[i] : "*";
    return out;
}

namespace {
/// The label cell of a form row: the text, and a red "*" when the field is required.
wxStaticText* add_label(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, bool required) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* text = new wxStaticText(parent, wxID_ANY, label);
    row->Add(text, 0, wxALIGN_CENTER_VERTICAL);
    if (required) {
        auto* star = new wxStaticText(parent, wxID_ANY, "*");
        star->SetForegroundColour(*wxRED);
        star->SetToolTip(_("必填"));
        row->Add(star, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 2);
    }
    grid->Add(row, 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    return text;
}
} // namespace

wxStaticText* add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxWindow* control, bool required) {
    auto* text = add_label(parent, grid, label, required);
    grid->Add(control, 1, wxEXPAND);
    return text;
}

wxStaticText* add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxSizer* controls, bool required) {
    auto* text = add_label(parent, grid, label, required);
    grid->Add(controls, 1, wxEXPAND);
    return text;
}

void select_row(wxListCtrl* list, long row) {
    list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list->EnsureVisible(row);
}

wxStaticText* heading(wxWindow* parent, const wxString& text, float scale) {
    auto* t = new wxStaticText(parent, wxID_ANY, text);
    t->SetFont(t->GetFont().Bold().Scaled(scale));
    return t;
}

wxArrayString choose_files(wxWindow* parent, const wxString& title) {
    wxArrayString paths;
    wxFileDialog dlg(parent, title, "", "", _("所有文件|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
    if (dlg.ShowModal() == wxID_OK) dlg.GetPaths(paths);
    return paths;
}

namespace colours {
wxColour ok() { return wxColour(0xD8, 0xF0, 0xD8); }
wxColour due() { return wxColour(0xDD, 0xE8, 0xF6); }
wxColour warning() { return wxColour(0xFF, 0xEE, 0xC0); }
wxColour violation() { return wxColour(0xF8, 0xC8, 0xC8); }
wxColour overdue_bg() { return wxColour(0xF8, 0xC8, 0xC8); }
} // namespace colours

wxListCtrl* report_list(wxWindow* parent, const char* name, std::initializer_list<ListColumn> columns) {
    auto* list = named(new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), name);
    for (const auto& c : columns) list->AppendColumn(c.title, c.right ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, c.width);
    // Room for the header and a row: squeezed below that (a small screen, buttons wrapped onto two
    // rows), GTK is asked to lay out the list's scrollbar in a negative size.
    list->SetMinSize(wxSize(-1, list->FromDIP(64)));
    return list;
}

long selected_row(const wxListCtrl* list) { return list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

void finish_list_dialog(wxDialog* dlg, wxSizer* sizer, wxBoxSizer* row) {
    row->AddStretchSpacer();
    row->Add(new wxButton(dlg, wxID_CLOSE, _("关闭")), 0);
    sizer->Add(row, 0, wxEXPAND | wxALL, 8);
    dlg->SetSizer(sizer);
    dlg->SetEscapeId(wxID_CLOSE);
    dlg->Bind(
        wxEVT_BUTTON, [dlg](wxCommandEvent&) { dlg->EndModal(wxID_CLOSE); }, wxID_CLOSE);
}

wxBoxSizer* close_row(wxDialog* dlg) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->AddStretchSpacer();
    row->Add(new wxButton(dlg, wxID_OK, _("关闭")));
    return row;
}

void finish_form_dialog(wxDialog* dlg, wxSizer* box, const wxString& ok_label, std::function<bool()> collect) {
    box->Add(ok_cancel_row(dlg, ok_label), 0, wxEXPAND | wxALL, 12);
    dlg->SetSizerAndFit(box);
    dlg->CentreOnParent();
    dlg->Bind(
        wxEVT_BUTTON,
        [dlg, collect = std::move(collect)](wxCommandEvent&) {
            if (collect()) dlg->EndModal(wxID_OK);
        },
        wxID_OK);
}

void size_spin(wxControl* spin, const wxString& widest) {
    spin->SetInitialSize(spin->GetSizeFromTextSize(spin->GetTextExtent(widest)));
}

} // namespace onebook::shell
