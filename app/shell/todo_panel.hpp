// 待办: what the sector's rules ask of the branch this month and this quarter and is not done yet
// (meetings, disclosures, talks, study hours, the committee's term end), each with the button that
// does it — a new record of the right type dated today, or the election dialog.
#pragma once

#include "view.hpp"

#include <functional>

class wxSizer;

namespace onebook::shell {

/// Fills `sizer` (inside `parent`) with the to-do items for today; `changed` runs after a record
/// was saved from one of them.
void add_todo_panel(wxWindow* parent, wxSizer* sizer, Shell& shell, std::function<void()> changed);

} // namespace onebook::shell
