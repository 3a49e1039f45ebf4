// What the shell does differently per GUI toolkit, kept in one place instead of #ifdefs in the
// views: shell_platform_gtk.cpp (wxGTK) or shell_platform_msw.cpp (wxMSW); CMake picks one.
#pragma once

class wxDataViewCtrl;
class wxTopLevelWindow;

namespace onebook::shell {

/// Lets `window` appear as soon as it is shown. wxGTK holds the first show back until the window
/// manager reports its frame extents; nothing to do on other toolkits.
void show_at_once(wxTopLevelWindow* window);

/// Keeps a keystroke in `list` from opening the toolkit's type-ahead search popup, which swallows
/// typing in a form (GTK's tree views); nothing to do on other toolkits.
void disable_type_ahead(wxDataViewCtrl* list);

} // namespace onebook::shell
