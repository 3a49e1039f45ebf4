// The shell as a user starts it: the real program under a window manager, several times over, and
// nothing on stderr from GTK. A Gtk-CRITICAL at start-up is a widget allocated smaller than it
// can be drawn (a scrolled pane before its first layout, the frame's first show), and it worries
// whoever starts the program from a terminal.
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace onebook::test;

namespace {
/// A window manager on the test's display for as long as the object lives (wxGTK's first show
/// differs with one: it waits for the frame extents the manager reports).
class WindowManager {
public:
    WindowManager() {
        if (run("command -v openbox") != 0) return;
        m_pid = fork();
        if (m_pid == 0) {
            execlp("openbox", "openbox", "--sm-disable", static_cast<char*>(nullptr));
            _exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
    }
    ~WindowManager() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
    WindowManager(const WindowManager&) = delete;
    WindowManager& operator=(const WindowManager&) = delete;
    bool running() const { return m_pid > 0; }

private:
    pid_t m_pid = -1;
};

/// The lines of `text` GTK or GLib printed as criticals or warnings.
std::vector<std::string> gtk_complaints(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find("-CRITICAL **") != std::string::npos || line.find("Gtk-WARNING **") != std::string::npos)
            out.push_back(line);
    return out;
}

/// Starts the shell `times` times on `archive` (none: the empty window) and returns GTK's complaints.
std::vector<std::string> start(const fs::path& home, const std::string& archive, int times) {
    std::vector<std::string> all;
    for (int i = 0; i < times; ++i) {
        std::string out, err;
        std::string command = "HOME='" + home.string() + "' '" + bin("onebook").string() + "' --exit-when-ready";
        if (!archive.empty()) command += " '" + archive + "'";
        int rc = run(command, &out, &err);
        BOOST_CHECK_MESSAGE(rc == 0, "start " << i << " exit " << rc << ": " << err);
        BOOST_CHECK_MESSAGE(out.find("ready") != std::string::npos, "start " << i << " never ready: " << out);
        for (auto& line : gtk_complaints(err)) all.push_back("start " + std::to_string(i) + ": " + line);
    }
    return all;
}
} // namespace

BOOST_AUTO_TEST_CASE(starting_the_shell_prints_no_gtk_criticals) {
    WindowManager wm;
    BOOST_TEST_MESSAGE("window manager: " << (wm.running() ? "openbox" : "none"));
    ScratchDir dir("onebook-start");
    fs::create_directories(dir / "home");
    BOOST_REQUIRE_EQUAL(run("'" + bin("onebook-cli").string() + "' demo --out '" + (dir / "demo").string() + "'"), 0);
    fs::path demo = dir / "demo" / "demo.onebook";
    BOOST_REQUIRE(fs::exists(demo));
    // The demo opens on its overview (a scrolled page inside a notebook), the most common start.
    auto complaints = start(dir / "home", demo.string(), 6);
    // No archive: the empty window, as on the very first start.
    fs::remove_all(dir / "home" / ".config");
    auto empty = start(dir / "home", "", 2);
    complaints.insert(complaints.end(), empty.begin(), empty.end());
    for (const auto& c : complaints) BOOST_ERROR(c);
    BOOST_CHECK_EQUAL(complaints.size(), 0u);
}
