// 发展党员 in the shell: who is at which stage, what is due or late for each person (the same rule
// evaluation as `onebook-cli member pipeline`), the documents filed for each step with their 档号,
// and the same actions as the command line: register an application, move to the next stage with
// date and deciding record, record a milestone, file a step's document.
#pragma once

#include "view.hpp"

#include <wx/dialog.h>

#include <functional>
#include <initializer_list>
#include <tuple>
#include <utility>

class wxBoxSizer;
class wxButton;
class wxFlexGridSizer;
class wxTextCtrl;

namespace onebook::shell {

/// The 发展党员 view; with `activists`, the one book's 入党积极分子 and 发展对象 roster (the people not
/// yet admitted), with the same actions.
View* make_pipeline_view(wxWindow* parent, Shell& shell, bool activists = false);

/// The top of a member-life view: its bold title on the left, then one button per (label, name
/// for tests, action) on the right. Returns the view's vertical sizer with that row in it.
wxBoxSizer* view_with_actions(wxWindow* view, const wxString& title,
                              std::initializer_list<std::tuple<wxString, const char*, std::function<void()>>> actions);
/// The date typed in `control`; throws Error asking for `field` when it is empty, or naming it
/// when it is not a date.
core::Date required_date(wxTextCtrl* control, const char* field);
/// A form dialog's grid of label–control rows, its second column growing.
wxFlexGridSizer* form_grid();

/// The member-life views' form dialogs (pipeline and transfers): a title, a name for tests, a grid
/// of labelled fields, notes under it, and a 确定 button that saves.
class FormDialog : public wxDialog {
public:
    FormDialog(wxWindow* parent, const wxString& title, const char* name);
    /// Adds "label: control" (`control` is a child of this dialog).
    void row(const wxString& label, wxWindow* control, bool required = false);
    /// A line under the fields.
    void note(const wxString& text);
    /// `browse` lets the user pick an existing file into `path`.
    void browse(wxButton* browse, wxTextCtrl* path);
    wxFlexGridSizer* grid() { return m_grid; }
    /// Lays the dialog out and shows it; 确定 (`ok_label`) runs `save`, which keeps the dialog open
    /// with its error shown when it throws. True once saved.
    bool run(const wxString& ok_label, const std::function<void()>& save);

private:
    wxBoxSizer* m_box;
    wxFlexGridSizer* m_grid;
};

} // namespace onebook::shell
