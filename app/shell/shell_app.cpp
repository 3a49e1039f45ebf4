#include "shell_app.hpp"

#include "main_frame.hpp"
#include "ui_util.hpp"

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/display.h>
#include <wx/filename.h>
#include <wx/image.h>
#include <wx/stdpaths.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace onebook::shell {

void apply_stored_language() { set_language(str(wxConfigBase::Get()->Read("/Language", "auto"))); }

std::unique_ptr<core::PluginHost> load_plugins(bool safe_mode) {
    auto host = std::make_unique<core::PluginHost>();
    host->load_all(safe_mode ? core::PluginScope::ShippedOnly : core::PluginScope::All);
    return host;
}

void ShellApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddSwitch("", "no-plugins", "safe mode: only the plugins shipped with OneBook");
    parser.AddSwitch("", "exit-when-ready", "quit as soon as the window is shown (start-up timing)");
    parser.AddParam("archive", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
}

bool ShellApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    m_safe_mode = parser.Found("no-plugins");
    m_exit_when_ready = parser.Found("exit-when-ready");
    if (parser.GetParamCount() > 0) m_archive = str(parser.GetParam(0));
    return wxApp::OnCmdLineParsed(parser);
}

bool ShellApp::OnInit() {
    auto started = std::chrono::steady_clock::now();
    SetAppName("onebook");
    SetAppDisplayName("OneBook");
    wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG); // ~/.config/onebook.conf
    if (!wxApp::OnInit()) return false;
    // wxFileConfig cannot create ~/.config itself (a fresh account may not have it yet).
    wxFileName::Mkdir(wxStandardPaths::Get().GetUserConfigDir(), wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
    wxInitAllImageHandlers();
    apply_stored_language();

    m_plugins = load_plugins(m_safe_mode);
    auto* frame = new MainFrame(*m_plugins);

    // Fit the screen: a 1366×768 laptop gets a maximised window, larger screens the saved size.
    wxRect area = wxDisplay(static_cast<unsigned>(0)).GetClientArea();
    auto* cfg = wxConfigBase::Get();
    int w = cfg->ReadLong("/Window/Width", 1280), h = cfg->ReadLong("/Window/Height", 760);
    frame->SetSize(std::min(w, area.width), std::min(h, area.height));
    frame->Centre();
    if (cfg->ReadBool("/Window/Maximized", false) || area.width <= 1366 || area.height <= 800) frame->Maximize();
    frame->Show();

    std::string path = m_archive;
    bool from_config = path.empty();
    if (from_config) path = str(cfg->Read("/LastArchive", ""));
    if (!path.empty()) {
        if (!from_config || std::filesystem::exists(path)) frame->open_archive(path);
    }
    if (m_exit_when_ready) {
        CallAfter([this, started, frame] {
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            std::printf("ready %.0f ms\n", ms);
            std::fflush(stdout);
            frame->Close(true);
        });
    }
    return true;
}

int ShellApp::OnExit() {
    int rc = wxApp::OnExit();
    m_plugins.reset(); // after every window is gone
    return rc;
}

} // namespace onebook::shell
