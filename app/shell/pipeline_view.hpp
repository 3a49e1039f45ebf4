// 发展党员 in the shell: who is at which stage, what is due or late for each person (the same rule
// evaluation as `onebook-cli member pipeline`), the documents filed for each step with their 档号,
// and the same actions as the command line: register an application, move to the next stage with
// date and deciding record, record a milestone, file a step's document.
#pragma once

#include "view.hpp"

#include <functional>
#include <initializer_list>
#include <tuple>
#include <utility>

class wxBoxSizer;
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

} // namespace onebook::shell
