// 待办: what the sector's rules ask of the branch this month and this quarter and is not done yet
// (meetings, disclosures, talks, study hours, the committee's term end), each with the button that
// does it — a new record of the right type dated today, or the election dialog.
#pragma once

#include "view.hpp"

#include <wx/string.h>

#include <functional>
#include <string>

class wxSizer;

namespace onebook::shell {

/// A rule's window in words: "2026年12月", "2026年第4季度", "2026年下半年", "2026年" (English:
/// "December 2026", "Q4 2026"…); anything else as it is.
wxString period_text(const std::string& window);

/// Fills `sizer` (inside `parent`) with the to-do items for today; `changed` runs after a record
/// was saved from one of them.
void add_todo_panel(wxWindow* parent, wxSizer* sizer, Shell& shell, std::function<void()> changed);

} // namespace onebook::shell
