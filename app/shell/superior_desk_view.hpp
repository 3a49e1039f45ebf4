// The superior committee's desk (上级工作台): where a superior's archive opens.
#pragma once

#include "view.hpp"

namespace onebook::shell {

/// Every branch of the archive in one list, the grading distribution and its checks.
View* make_superior_desk_view(wxWindow* parent, Shell& shell);

} // namespace onebook::shell
