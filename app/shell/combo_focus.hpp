// Keyboard: one Tab stop per combo box (combo_focus_gtk.cpp; a no-op elsewhere).
#pragma once

namespace onebook::shell {

/// Installs, once per process, what keeps combo boxes at one Tab stop each (GTK's
/// editable combo box otherwise takes two; nothing to do on other toolkits).
void install_one_tab_stop_per_combo();

} // namespace onebook::shell
