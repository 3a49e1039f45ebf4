// The wxApp of the shell: command line, configuration (wxConfig), language, plugins, main window.
#pragma once

#include "onebook/plugin_host.hpp"

#include <wx/app.h>

#include <memory>
#include <string>

namespace onebook::shell {

class MainFrame;

/// Language choice stored in wxConfig ("/Language": auto | zh | en) applied to the UI.
void apply_stored_language();

/// Loads the plugins the shell uses: the default search path, or only the built-in folders in
/// safe mode (--no-plugins), as the CLI does.
std::unique_ptr<core::PluginHost> load_plugins(bool safe_mode);

class ShellApp : public wxApp {
public:
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    std::unique_ptr<core::PluginHost> m_plugins;
    std::string m_archive;
    bool m_safe_mode = false;
    bool m_exit_when_ready = false;
};

} // namespace onebook::shell
