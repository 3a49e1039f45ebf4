#include "shell_i18n.hpp"

#include <wx/translation.h>

namespace onebook::shell {

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
    // init_translations installs a fresh wxTranslations holding "onebook"; add the shell's catalogue.
    if (auto* t = wxTranslations::Get()) {
        t->AddCatalog("onebook-shell", wxLANGUAGE_CHINESE_SIMPLIFIED);
        // wxWidgets' own catalogue (Debian's wx3.2-i18n): stock buttons (确定/取消), standard dialogs.
        if (lang == app::UiLanguage::Chinese) t->AddStdCatalog();
    }
}

app::UiLanguage language() { return app::current_language(); }

} // namespace onebook::shell
