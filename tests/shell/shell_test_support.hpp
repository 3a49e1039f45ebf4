// Driving the real shell under Xvfb: a wxApp for the test process, a fresh copy of the demo archive
// per test, event pumping, dialogs driven while they are modal, and screenshots of the X screen.
#pragma once

#include "main_frame.hpp"
#include "test_support.hpp"

#include <wx/dialog.h>
#include <wx/window.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace onebook::test::gui {

/// Boost.Test global fixture: the wxApp, a scratch wxConfig, Chinese UI, the plugins.
struct GuiFixture {
    GuiFixture();
    ~GuiFixture();
};

core::PluginHost& plugins();

/// A wxString from the UTF-8 text of a test's Chinese literal.
inline wxString u(const char* s) { return wxString::FromUTF8(s); }

/// A fresh copy of the demo archive (built once per process with archive::build_demo) in its own
/// scratch folder; returns the .onebook path. The folder lives until the process ends.
std::filesystem::path demo_copy();

/// Processes events for about `ms` milliseconds (timers, idle, paints).
/// Lets GTK lay out a window whose content was replaced after it was shown (see the .cpp).
void settle(wxFrame* frame);
void pump(int ms = 100);

/// A main window of 1366×768 at the screen's corner with `archive` open.
shell::MainFrame* open_frame(const std::filesystem::path& archive);
void close_frame(shell::MainFrame* frame);

/// A child window by name (wxWindow::SetName in the shell), or nullptr.
wxWindow* find(wxWindow* root, const std::string& name);
template <typename T> T* find_as(wxWindow* root, const std::string& name) { return dynamic_cast<T*>(find(root, name)); }

/// Sends what a click sends (wxEVT_BUTTON) to a button, synchronously.
void click(wxWindow* button);
/// Selects an item of a wxChoice by its text and sends wxEVT_CHOICE. False when there is none.
bool choose(wxWindow* choice, const wxString& text);
/// Sets a text control's or combo box's text (sends wxEVT_TEXT like typing).
void type(wxWindow* control, const wxString& text);

/// Runs `action` on the modal dialog named `name` as soon as it shows (from inside its modal loop).
/// Returns a flag that becomes true once the action ran.
std::shared_ptr<bool> when_dialog(const std::string& name, std::function<void(wxDialog*)> action, int timeout_ms = 15000);
/// Clicks a dialog's OK button (wxID_OK), as the user would.
void press_ok(wxDialog* dlg);

/// Messages of the message boxes shown since the last call (they are answered "yes"/"ok" at once).
std::vector<std::string> take_messages();
/// How many messages were shown since the last take_messages() (they stay).
std::size_t take_messages_peek();

/// The size GTK really allocated to a window's widget (what is drawn), not the size wx asked for.
wxSize allocation(wxWindow* w);

/// A main window of `w`×`h` with no archive, shown and settled.
shell::MainFrame* empty_frame(int w = 1366, int h = 768);

/// Captures the X screen's area of the main window into <build>/screenshots/<name>.png.
std::filesystem::path screenshot(const std::string& name, wxWindow* frame = nullptr);

} // namespace onebook::test::gui
