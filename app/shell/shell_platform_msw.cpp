// shell_platform.hpp for wxMSW: its windows show at once and its lists have no type-ahead popup.
#include "shell_platform.hpp"

namespace onebook::shell {

void show_at_once(wxTopLevelWindow*) {}

void disable_type_ahead(wxDataViewCtrl*) {}

} // namespace onebook::shell
