// Keyboard: one Tab stop per combo box (see combo_focus.cpp).
#pragma once

namespace onebook::shell {

/// Installs, once per process, what keeps GTK's combo boxes at one Tab stop each.
void install_one_tab_stop_per_combo();

} // namespace onebook::shell
