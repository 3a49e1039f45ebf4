#include "shell_test_support.hpp"

#include "shell_app.hpp"
#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include "onebook/archive/demo.hpp"

#include <boost/test/unit_test.hpp>

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/evtloop.h>
#include <wx/fileconf.h>
#include <wx/image.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <chrono>
#include <cstdlib>
#include <dlfcn.h>

namespace fs = std::filesystem;

namespace onebook::test::gui {

namespace {

class TestApp : public wxApp {
public:
    bool OnInit() override { return true; }
};

/// Message boxes are native on GTK: answer them at once and keep their text for the assertions.
class MessageHook : public wxModalDialogHook {
public:
    std::vector<std::string> messages;

protected:
    int Enter(wxDialog* dialog) override {
        if (auto* m = dynamic_cast<wxMessageDialog*>(dialog)) {
            std::string text = shell::str(m->GetMessage());
            if (!m->GetExtendedMessage().empty()) text += "\n" + shell::str(m->GetExtendedMessage());
            BOOST_TEST_MESSAGE("message box: " << text);
            messages.push_back(text);
            long style = m->GetMessageDialogStyle();
            return (style & wxYES_NO) ? wxID_YES : wxID_OK;
        }
        return wxID_NONE;
    }
    void Exit(wxDialog*) override {}
};

struct State {
    std::unique_ptr<ScratchDir> root;
    std::unique_ptr<core::PluginHost> plugins;
    fs::path demo_source;
    MessageHook hook;
    int copies = 0;
};

State& state() {
    static State s;
    return s;
}

class DialogDriver : public wxTimer {
public:
    DialogDriver(std::string name, std::function<void(wxDialog*)> action, int timeout_ms, std::shared_ptr<bool> done)
        : m_name(std::move(name)), m_action(std::move(action)), m_done(std::move(done)),
          m_deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms)) {}
    void Notify() override {
        for (auto* w : wxTopLevelWindows) {
            auto* dlg = dynamic_cast<wxDialog*>(w);
            if (dlg && std::string(dlg->GetName().utf8_str()) == m_name && dlg->IsModal() && dlg->IsShown()) {
                Stop();
                *m_done = true;
                // Not inside the timer's own callback: the action runs nested event loops.
                wxTheApp->CallAfter([this, dlg] {
                    auto action = m_action;
                    action(dlg);
                    delete this;
                });
                return;
            }
        }
        if (std::chrono::steady_clock::now() > m_deadline) {
            Stop();
            BOOST_ERROR("dialog " << m_name << " did not appear");
            wxTheApp->CallAfter([this] { delete this; });
        }
    }

private:
    std::string m_name;
    std::function<void(wxDialog*)> m_action;
    std::shared_ptr<bool> m_done;
    std::chrono::steady_clock::time_point m_deadline;
};

} // namespace

GuiFixture::GuiFixture() {
    auto& s = state();
    s.root = std::make_unique<ScratchDir>("onebook-gui");
    wxApp::SetInstance(new TestApp);
    static int argc = 1;
    static char name[] = "onebook-gui-test";
    static char* argv[] = {name, nullptr};
    BOOST_REQUIRE(wxEntryStart(argc, argv));
    BOOST_REQUIRE(wxTheApp->CallOnInit());
    // A wx assertion fails the test instead of opening a modal dialog nobody can close under Xvfb.
    wxSetAssertHandler([](const wxString& file, int line, const wxString& func, const wxString& cond, const wxString& msg) {
        BOOST_ERROR("wxWidgets assertion " << cond.utf8_string() << " failed in " << func.utf8_string() << " ("
                                           << file.utf8_string() << ":" << line << "): " << msg.utf8_string());
    });
    wxInitAllImageHandlers();
    wxConfigBase::Set(new wxFileConfig("onebook", "", wxString::FromUTF8((s.root->path() / "onebook.conf").string()), "",
                                       wxCONFIG_USE_LOCAL_FILE));
    shell::set_language("zh");
    s.plugins = shell::load_plugins(false);
    s.hook.Register();
    BOOST_TEST_MESSAGE("plugins loaded: " << s.plugins->loaded().size() << ", rejected: " << s.plugins->rejected().size());
}

GuiFixture::~GuiFixture() {
    auto& s = state();
    s.hook.Unregister();
    for (auto* w : wxTopLevelWindows) w->Destroy();
    pump(100);
    delete wxConfigBase::Set(nullptr);
    wxTheApp->OnExit();
    wxEntryCleanup();
    s.root.reset();
}

core::PluginHost& plugins() { return *state().plugins; }

fs::path demo_copy() {
    auto& s = state();
    if (s.demo_source.empty()) {
        auto t0 = std::chrono::steady_clock::now();
        auto report = archive::build_demo(s.root->path() / "demo-source", *s.plugins);
        s.demo_source = report.archive;
        BOOST_TEST_MESSAGE("demo built in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
                                            << " s");
    }
    // The demo is closed: copy its folder (archive and stored files) into a fresh one.
    fs::path dest = s.root->path() / ("copy-" + std::to_string(++s.copies));
    fs::copy(s.demo_source.parent_path(), dest, fs::copy_options::recursive);
    return dest / s.demo_source.filename();
}

void pump(int ms) {
    wxGUIEventLoop* active = dynamic_cast<wxGUIEventLoop*>(wxEventLoopBase::GetActive());
    std::unique_ptr<wxGUIEventLoop> own;
    std::unique_ptr<wxEventLoopActivator> activate;
    if (!active) {
        own = std::make_unique<wxGUIEventLoop>();
        activate = std::make_unique<wxEventLoopActivator>(own.get());
        active = own.get();
    }
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    do {
        while (active->Pending()) active->Dispatch();
        wxTheApp->ProcessPendingEvents();
        active->DispatchTimeout(10);
        wxTheApp->ProcessIdle();
    } while (std::chrono::steady_clock::now() < end);
}

void settle(wxFrame* frame) {
    // Observed under Xvfb (no window manager) with this harness's event pump: views created after the
    // archive was opened got no size allocation from GTK until the toplevel was really resized, and
    // the screenshots showed an empty pane (the shell itself, driven with xdotool, lays them out).
    // Resizing by one pixel and back makes GTK allocate again.
    pump(100);
    auto r = frame->GetRect();
    frame->SetSize(r.x, r.y, r.width, r.height - 1);
    pump(100);
    frame->SetSize(r);
    pump(200);
}

shell::MainFrame* open_frame(const fs::path& archive) {
    auto* frame = new shell::MainFrame(plugins());
    frame->SetSize(0, 0, 1366, 768);
    frame->Show();
    pump(200);
    take_messages();
    BOOST_REQUIRE_MESSAGE(frame->open_archive(archive.string()), "the shell could not open " << archive);
    settle(frame);
    return frame;
}

void close_frame(shell::MainFrame* frame) {
    frame->close_archive();
    frame->Destroy();
    pump(100);
}

wxSize allocation(wxWindow* w) {
    // GTK is loaded by wxWidgets; its headers are not needed for one call.
    struct Rect {
        int x, y, width, height;
    };
    using Fn = void (*)(void*, Rect*);
    static auto fn = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "gtk_widget_get_allocation"));
    BOOST_REQUIRE_MESSAGE(fn, "gtk_widget_get_allocation not found");
    Rect r{0, 0, 0, 0};
    fn(w->GetHandle(), &r);
    return {r.width, r.height};
}

shell::MainFrame* empty_frame(int w, int h) {
    auto* frame = new shell::MainFrame(plugins());
    frame->SetSize(0, 0, w, h);
    frame->Show();
    pump(300);
    take_messages();
    return frame;
}

wxWindow* find(wxWindow* root, const std::string& name) { return wxWindow::FindWindowByName(wxString::FromUTF8(name), root); }

void click(wxWindow* button) {
    BOOST_REQUIRE_MESSAGE(button, "button not found");
    BOOST_REQUIRE_MESSAGE(button->IsEnabled(), "button " << button->GetName() << " is disabled");
    wxCommandEvent e(wxEVT_BUTTON, button->GetId());
    e.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(e);
}

bool choose(wxWindow* w, const wxString& text) {
    auto* c = dynamic_cast<wxChoice*>(w);
    if (!c) return false;
    int i = c->FindString(text);
    if (i == wxNOT_FOUND) return false;
    c->SetSelection(i);
    wxCommandEvent e(wxEVT_CHOICE, c->GetId());
    e.SetEventObject(c);
    e.SetInt(i);
    e.SetString(text);
    c->GetEventHandler()->ProcessEvent(e);
    return true;
}

void type(wxWindow* w, const wxString& text) {
    BOOST_REQUIRE_MESSAGE(w, "text control not found");
    if (auto* t = dynamic_cast<wxTextCtrl*>(w)) t->SetValue(text);
    else if (auto* c = dynamic_cast<wxComboBox*>(w)) c->SetValue(text);
    else BOOST_ERROR("not a text control: " << w->GetName());
}

std::shared_ptr<bool> when_dialog(const std::string& name, std::function<void(wxDialog*)> action, int timeout_ms) {
    auto done = std::make_shared<bool>(false);
    auto* d = new DialogDriver(name, std::move(action), timeout_ms, done);
    d->Start(40);
    return done;
}

void press_ok(wxDialog* dlg) { click(dlg->FindWindow(wxID_OK)); }

std::vector<std::string> take_messages() {
    auto m = std::move(state().hook.messages);
    state().hook.messages.clear();
    return m;
}

std::size_t take_messages_peek() { return state().hook.messages.size(); }

fs::path screenshot(const std::string& name, wxWindow* frame) {
    pump(400);
    if (frame) {
        frame->Refresh();
        frame->Update();
        pump(150);
    }
    const char* dir = std::getenv("ONEBOOK_SCREENSHOTS");
    fs::path folder = dir && *dir ? fs::path(dir) : fs::path(ONEBOOK_BINARY_DIR) / "screenshots";
    fs::create_directories(folder);
    fs::path out = folder / (name + ".png");
    std::string cmd = "import -window root -crop 1366x768+0+0 +repage '" + out.string() + "'";
    int rc = run(cmd);
    BOOST_CHECK_MESSAGE(rc == 0 && fs::exists(out), "screenshot " << out << " failed");
    return out;
}

} // namespace onebook::test::gui
