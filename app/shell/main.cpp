// onebook: the secretary's desktop for the whole archive (wxWidgets shell).
#include "shell_app.hpp"

wxIMPLEMENT_APP(onebook::shell::ShellApp);
