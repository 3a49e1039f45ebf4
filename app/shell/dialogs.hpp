// Small dialogs of the shell: Help → Plugins, Help → About, File → Preferences; the app icon.
#pragma once

#include "onebook/plugin_host.hpp"

#include <wx/dialog.h>
#include <wx/iconbndl.h>

#include <string>

class wxChoice;
class wxTextCtrl;

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

/// Language (follow the system, Chinese or English) and the operator's name for the history.
class PreferencesDialog : public wxDialog {
public:
    explicit PreferencesDialog(wxWindow* parent);
    /// "auto", "zh" or "en".
    std::string language_choice() const;
    /// 操作人姓名: whom the history names ("" for the OS user).
    std::string operator_name() const;

private:
    wxChoice* m_language;
    wxTextCtrl* m_operator;
};

/// The OneBook icon (a red book with a gold star), drawn at the usual sizes.
wxIconBundle app_icons();

/// Version string of this build.
const char* version();

} // namespace onebook::shell
