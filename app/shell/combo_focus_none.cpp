// One Tab stop per combo box, on toolkits whose combo box already is one Tab stop (Windows):
// nothing to install. The GTK toolkit's fix is combo_focus_gtk.cpp; CMake picks one.
#include "combo_focus.hpp"

namespace onebook::shell {

void install_one_tab_stop_per_combo() {}

} // namespace onebook::shell
