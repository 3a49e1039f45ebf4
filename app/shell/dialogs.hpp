// Small dialogs of the shell: Help → Plugins, Help → About, File → Preferences; the app icon.
#pragma once

#include "onebook/plugin_host.hpp"

#include <wx/dialog.h>
#include <wx/iconbndl.h>

#include <string>

class wxChoice;

namespace onebook::shell {

/// Loaded plugins (id, name, version, sector, code/data, folder) and rejected ones with the reason.
class PluginsDialog : public wxDialog {
public:
    PluginsDialog(wxWindow* parent, const core::PluginHost& plugins);
};

class AboutDialog : public wxDialog {
public:
    AboutDialog(wxWindow* parent, const core::PluginHost& plugins);
};

/// Language: follow the system, Chinese or English.
class PreferencesDialog : public wxDialog {
public:
    explicit PreferencesDialog(wxWindow* parent);
    /// "auto", "zh" or "en".
    std::string language_choice() const;

private:
    wxChoice* m_language;
};

/// The OneBook icon (a red book with a gold star), drawn at the usual sizes.
wxIconBundle app_icons();

/// Version string of this build.
const char* version();

} // namespace onebook::shell
