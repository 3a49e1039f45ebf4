// Translation at the edge: core produces Simplified Chinese message keys, the executables show
// them in the user's language through gettext catalogues (domain "onebook", app/locale/<lang>.po),
// read without wxWidgets so that onebook-cli starts without it.
#pragma once

#include "onebook/error.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace onebook::app {

enum class UiLanguage { Chinese, English };

/// Chinese when ONEBOOK_LANG, LC_ALL, LC_MESSAGES or LANG (first one set) starts with "zh", or,
/// with none set, when the system's interface language is Chinese (Windows); English otherwise.
UiLanguage language_from_environment();

/// Chooses the language (may be called again to switch); its catalogue is read on first use.
void init_translations(UiLanguage lang);
UiLanguage current_language();

/// The folders holding <lang>/LC_MESSAGES/<domain>.mo: the build tree's (build/bin → build/locale)
/// and the install tree's (prefix/bin → prefix/share/locale).
std::vector<std::filesystem::path> catalogue_roots();

/// Translates a Simplified Chinese msgid.
std::string tr(const std::string& msgid);
/// Translates a core message and fills in its parameters.
std::string tr(const core::Message& message);
/// A message's params with its nested messages translated by `translate` (a msgid's translation).
core::MessageParams translated_params(const core::Message& message,
                                      const std::function<std::string(const std::string&)>& translate);
/// A core error as the user reads it: translated message, plus where when the message lacks it.
std::string describe(const core::Error& error);

} // namespace onebook::app

/// gettext keyword for literal UI strings.
#define _(s) ::onebook::app::tr(s)
