// Translation at the edge: core produces Simplified Chinese message keys, the executables show
// them in the user's language through wxWidgets' gettext catalogues (domain "onebook").
#pragma once

#include "onebook/error.hpp"

#include <functional>
#include <string>

namespace onebook::app {

enum class UiLanguage { Chinese, English };

/// Chinese when ONEBOOK_LANG, LC_ALL, LC_MESSAGES or LANG (first one set) starts with "zh",
/// English otherwise.
UiLanguage language_from_environment();

/// Installs the catalogues for `lang` (idempotent; may be called again to switch).
void init_translations(UiLanguage lang);
UiLanguage current_language();

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
