#include "shell_i18n.hpp"

#include "onebook/platform.hpp"

#include <wx/translation.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <string>

namespace onebook::shell {

namespace {
// The shell's catalogue and wxWidgets' own are wx catalogues, looked up where OneBook's are.
void add_lookup_paths() {
    static bool added = false;
    if (added) return;
    for (const auto& root : app::catalogue_roots())
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(root.string()));
    added = true;
}

/// GTK's own words (the file chooser's 取消/打开, "Recent", the print dialog) come from gettext under
/// the process locale, not from wx: point gettext at the interface language. LANGUAGE chooses the
/// catalogue without the locale itself having to be generated (zh_CN.UTF-8 often is not on an
/// English system); gettext ignores it under the bare "C" locale, so that one becomes C.UTF-8.
/// Windows has no messages category (and no GTK): its own dialogs speak the system's language.
void set_gtk_language(app::UiLanguage lang) {
#if defined(LC_MESSAGES)
    const char* now = std::setlocale(LC_MESSAGES, nullptr);
    if (!now || std::strcmp(now, "C") == 0 || std::strcmp(now, "POSIX") == 0) std::setlocale(LC_MESSAGES, "C.UTF-8");
    core::platform::set_env("LANGUAGE", lang == app::UiLanguage::Chinese ? "zh_CN" : "en");
    // gettext caches what it looked up; setting the locale again drops that cache.
    if (const char* cur = std::setlocale(LC_MESSAGES, nullptr)) {
        std::string keep = cur;
        std::setlocale(LC_MESSAGES, keep.c_str());
    }
#else
    (void)lang;
#endif
}
} // namespace

std::string tr_ui(const std::string& msgid) {
    std::string main = app::tr(msgid);
    if (main != msgid || msgid.empty() || !wxTranslations::Get()) return main;
    const wxString* s = wxTranslations::Get()->GetTranslatedString(wxString::FromUTF8(msgid), "onebook-shell");
    return s ? std::string(s->utf8_str()) : msgid;
}

wxString wtr(const std::string& msgid) { return wxString::FromUTF8(tr_ui(msgid)); }

void set_language(const std::string& choice) {
    app::UiLanguage lang = choice == "zh"   ? app::UiLanguage::Chinese
                           : choice == "en" ? app::UiLanguage::English
                                            : app::language_from_environment();
    app::init_translations(lang);
    add_lookup_paths();
    auto* t = new wxTranslations();
    t->SetLanguage(lang == app::UiLanguage::Chinese ? wxLANGUAGE_CHINESE_SIMPLIFIED : wxLANGUAGE_ENGLISH);
    t->AddCatalog("onebook-shell", wxLANGUAGE_CHINESE_SIMPLIFIED);
    // wxWidgets' own catalogue (Debian's wx3.2-i18n): stock buttons (确定/取消), standard dialogs.
    if (lang == app::UiLanguage::Chinese) t->AddStdCatalog();
    wxTranslations::Set(t);
    set_gtk_language(lang);
}

app::UiLanguage language() { return app::current_language(); }

} // namespace onebook::shell
