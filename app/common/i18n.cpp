#include "i18n.hpp"

#include "onebook/platform.hpp"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#include <cstdlib>
#include <filesystem>

namespace onebook::app {

namespace {
UiLanguage g_language = UiLanguage::Chinese;
bool g_initialised = false;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}
} // namespace

UiLanguage language_from_environment() {
    for (const char* name : {"ONEBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        std::string v = env(name);
        if (v.empty()) continue;
        return v.rfind("zh", 0) == 0 ? UiLanguage::Chinese : UiLanguage::English;
    }
    return UiLanguage::English;
}

void init_translations(UiLanguage lang) {
    if (!g_initialised) {
        // Build tree (build/bin → build/locale) and install tree (prefix/bin → prefix/share/locale).
        auto dir = core::platform::executable_dir();
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8((dir.parent_path() / "locale").string()));
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(
            wxString::FromUTF8((dir.parent_path() / "share" / "locale").string()));
        g_initialised = true;
    }
    auto* t = new wxTranslations();
    t->SetLanguage(lang == UiLanguage::Chinese ? wxLANGUAGE_CHINESE_SIMPLIFIED : wxLANGUAGE_ENGLISH);
    // msgids are Simplified Chinese: Chinese needs no catalogue, English reads "en".
    t->AddCatalog("onebook", wxLANGUAGE_CHINESE_SIMPLIFIED);
    wxTranslations::Set(t);
    g_language = lang;
}

UiLanguage current_language() { return g_language; }

std::string tr(const std::string& msgid) {
    if (msgid.empty() || !wxTranslations::Get()) return msgid;
    const wxString* s = wxTranslations::Get()->GetTranslatedString(wxString::FromUTF8(msgid), "onebook");
    return s ? std::string(s->utf8_str()) : msgid;
}

std::string tr(const core::Message& m) { return core::substitute(tr(m.key), m.params); }

std::string describe(const core::Error& e) {
    std::string text = tr(e.message());
    const auto& w = e.where();
    bool names_file = w.file.empty() || text.find(w.file) != std::string::npos;
    if (!names_file) text = w.file + ": " + text;
    return text;
}

} // namespace onebook::app
