// Opening a saved file (PDF, attachment, document) with the system's program, and saying so when
// there is none: xdg-open fails on stderr only, which the user never sees.
#pragma once

#include <filesystem>

class wxWindow;

namespace onebook::shell {

/// Opens `file` with the desktop's default program. When that fails (no viewer installed,
/// xdg-open missing or reporting an error), tells the user what happened and offers to show the
/// folder that holds the file; when that fails too, names the folder.
void open_with_system(wxWindow* parent, const std::filesystem::path& file);

} // namespace onebook::shell
