#include "shell_i18n.hpp"

#include "onebook/platform.hpp"

#include <wx/translation.h>

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

} // namespace

std::string tr_ui(const std::string& msgid) {
    std::string main = app::tr(msgid);
    if (main != msgid || msgid.empty() || !wxTranslations::Get()) return main;
    const wxString* s = wxTranslations::Get()->GetTranslatedString(wxString::FromUTF8(msgid), "onebook-shell");
    return s ? std::string(s->utf8_str()) : msgid;
}

wxString wtr(const std::string& msgid) { return wxString::FromUTF8(tr_ui(msgid)); }

wxString wtr_in_context(const char* context, const char* msgid) {
    // Not wxGETTEXT_IN_CONTEXT: it converts the UTF-8 literals with the C locale's conversion.
    auto id = wxString::FromUTF8(msgid);
    const wxString* s = wxTranslations::Get()
                            ? wxTranslations::Get()->GetTranslatedString(id, "onebook-shell", wxString::FromUTF8(context))
                            : nullptr;
    return s ? *s : id;
}

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
    // The toolkit's own words (GTK's file chooser 取消/打开, "Recent", the print dialog).
    core::platform::set_toolkit_language(lang == app::UiLanguage::Chinese ? "zh_CN" : "en");
}

app::UiLanguage language() { return app::current_language(); }

} // namespace onebook::shell
