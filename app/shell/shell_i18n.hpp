// Translation in the shell. Every UI string is a Simplified Chinese msgid marked with _() (the same
// xgettext keyword as the rest of OneBook). Until the lead merges the shell's strings into
// app/locale/<lang>.po, they are looked up in the shell's own catalogue (domain "onebook-shell",
// app/shell/locale/<lang>.po) after the main one, so the English shell is English today.
#pragma once

#include "i18n.hpp"

#include <wx/string.h>

#include <string>

namespace onebook::shell {

/// Translates a msgid: the main catalogue first, then the shell's.
std::string tr_ui(const std::string& msgid);
/// The same as a wxString (what wx widgets take).
wxString wtr(const std::string& msgid);
/// A msgid that needs its own translation in one place (msgctxt `context`): "登记" is "Recorded" in a
/// history line but "Register" on the pipeline's button. Looked up in the shell's catalogue.
wxString wtr_in_context(const char* context, const char* msgid);

/// Chooses the language: "zh", "en", or "" / "auto" for the system's (app::language_from_environment),
/// installs the catalogues and remembers nothing (the caller stores the choice in wxConfig).
void set_language(const std::string& choice);
app::UiLanguage language();

} // namespace onebook::shell

#undef _
/// gettext keyword for literal UI strings; gives a wxString, ready for widgets.
#define _(s) ::onebook::shell::wtr(s)
