// The roster's history in the shell: 组织关系转接 (transfers out and in), 停止党籍, 出党 and 死亡,
// newest first with each one's filed letters and decisions (档号), the roster's size on any date,
// and the command line's actions: transfer out, transfer in, a status change, the 介绍信 printed
// from a transfer out, and a letter or decision filed in the one book.
#pragma once

#include "view.hpp"

namespace onebook::shell {

View* make_movements_view(wxWindow* parent, Shell& shell);

} // namespace onebook::shell
