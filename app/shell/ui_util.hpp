// Small helpers every view of the shell uses: string conversion, error dialogs, labelled forms,
// dialog button rows with translated labels (wx's own catalogue is not installed on Debian).
#pragma once

#include "shell_i18n.hpp"

#include "onebook/date.hpp"
#include "onebook/error.hpp"

#include <wx/arrstr.h>
#include <wx/colour.h>
#include <wx/string.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>

class wxWindow;
class wxControl;
class wxSizer;
class wxDialog;
class wxTextCtrl;
class wxFlexGridSizer;
class wxStaticText;
class wxListCtrl;
class wxBoxSizer;

namespace onebook::shell {

inline wxString wx(const std::string& s) { return wxString::FromUTF8(s); }
inline std::string str(const wxString& s) { return std::string(s.utf8_str()); }
std::string trim(const std::string& s);
/// Text of a core message in the current language.
wxString msg(const core::Message& m);
/// Translates a msgid and fills in its parameters.
wxString fmt(const std::string& msgid, const core::MessageParams& params);

/// Shows an error message in a dialog (the core's wording, translated).
void show_error(wxWindow* parent, const wxString& text, const wxString& title = {});
void show_info(wxWindow* parent, const wxString& text, const wxString& title = {});
/// Yes/no question with translated buttons; true for yes.
bool ask(wxWindow* parent, const wxString& text, const wxString& title = {});

/// Runs `action`; a core::Error or any std::exception is shown in a dialog. True when it succeeded.
bool guarded(wxWindow* parent, const std::function<void()>& action);

/// "确定"/"取消" button row for a dialog (ids wxID_OK / wxID_CANCEL), right-aligned.
wxSizer* ok_cancel_row(wxDialog* dlg, const wxString& ok_label = {});

/// A button row with 关闭 (wxID_OK) at its right end, for a dialog that only shows something.
wxBoxSizer* close_row(wxDialog* dlg);

/// Ends a form dialog's layout: the 确定/取消 row (`ok_label` on 确定) under `box`, sized and
/// centred; 确定 closes the dialog only when `collect` accepts what was typed.
void finish_form_dialog(wxDialog* dlg, wxSizer* box, const wxString& ok_label, std::function<bool()> collect);

/// A column of a report list: title, width in pixels, right-aligned (sizes, counts) or not.
struct ListColumn {
    wxString title;
    int width;
    bool right = false;
};
/// A single-selection report list (backups, recycle bin) named `name` for tests.
wxListCtrl* report_list(wxWindow* parent, const char* name, std::initializer_list<ListColumn> columns);
/// The selected row of a single-selection list, or -1.
long selected_row(const wxListCtrl* list);
/// Selects and focuses `row` of a list and scrolls it into view.
void select_row(wxListCtrl* list, long row);
/// The index of the row whose `id` is `id` in a view's rows (the list's rows, in order), or -1.
template <typename Rows, typename Id> long row_of(const Rows& rows, Id id) {
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].id == id) return static_cast<long>(i);
    return -1;
}
/// Ends a list dialog's layout: `row` (its action buttons) gets 关闭 at the right end and goes
/// under `sizer`; 关闭 and Esc end the modal loop.
void finish_list_dialog(wxDialog* dlg, wxSizer* sizer, wxBoxSizer* row);

/// Sizes a spin control for `widest` (its longest value) plus its buttons: a fixed width smaller than
/// GTK's minimum gives the buttons a negative size (Gtk-CRITICAL gtk_box_gadget_distribute).
void size_spin(wxControl* spin, const wxString& widest);

/// Dates typed as offices write them; empty text → nullopt; unparseable → Error naming `field`.
std::optional<core::Date> parse_date_field(const wxString& text, const std::string& field);
wxString date_text(const std::optional<core::Date>& d);

/// A private value shown masked: first `front` and last `back` characters kept.
std::string mask(const std::string& s, std::size_t front = 3, std::size_t back = 2);

/// Adds "label: control" to a two-column form; a required field's label gets a red "*".
wxStaticText* add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxWindow* control, bool required = false);
/// The same for a row of controls (a text box with its 浏览… button).
wxStaticText* add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxSizer* controls, bool required = false);

/// A view's or dialog's title: bold, `scale` times the normal size.
wxStaticText* heading(wxWindow* parent, const wxString& text, float scale = 1.25f);

/// Existing files the user picks (several at once) under `title`; empty when cancelled.
wxArrayString choose_files(wxWindow* parent, const wxString& title);

/// Colours for ok / due / warning / violation and overdue rows (readable on white).
namespace colours {
wxColour ok();
wxColour due();
wxColour warning();
wxColour violation();
wxColour overdue_bg();
} // namespace colours

/// Lets tests find controls: sets the window's name (wxWindow::FindWindowByName).
template <typename W> W* named(W* w, const char* name) {
    w->SetName(name);
    return w;
}

} // namespace onebook::shell
