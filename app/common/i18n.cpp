#include "i18n.hpp"

#include "mo_catalogue.hpp"
#include "plugin_i18n.hpp"

#include "onebook/platform.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/plugin_messages.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace onebook::app {

namespace {
std::mutex g_mutex;
UiLanguage g_language = UiLanguage::Chinese;
/// English's catalogue, read on the first translation asked for (a command that prints nothing
/// translated never reads it); null while not read, or when there is none.
std::shared_ptr<const MoCatalogue> g_catalogue;
bool g_catalogue_read = false;
/// English translations the plugins ship with their data (never removed: a plugin never unloads).
std::map<std::string, std::string> g_plugin_messages;
std::set<std::filesystem::path> g_plugin_folders_read;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::filesystem::path exe_dir() { return core::platform::executable_dir(); }

std::shared_ptr<const MoCatalogue> read_catalogue() {
    for (const auto& root : catalogue_roots())
        if (auto c = MoCatalogue::load(root / "en" / "LC_MESSAGES" / "onebook.mo"))
            return std::make_shared<const MoCatalogue>(std::move(*c));
    return nullptr;
}

std::shared_ptr<const MoCatalogue> catalogue() {
    std::lock_guard lock(g_mutex);
    // msgids are Simplified Chinese: Chinese needs no catalogue, English reads "en".
    if (g_language == UiLanguage::Chinese) return nullptr;
    if (!g_catalogue_read) {
        g_catalogue = read_catalogue();
        g_catalogue_read = true;
    }
    return g_catalogue;
}
} // namespace

std::vector<std::filesystem::path> catalogue_roots() {
    auto prefix = exe_dir().parent_path();
    return {prefix / "locale", prefix / "share" / "locale"};
}

UiLanguage language_from_environment() {
    for (const char* name : {"ONEBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        std::string v = env(name);
        if (v.empty()) continue;
        return v.rfind("zh", 0) == 0 ? UiLanguage::Chinese : UiLanguage::English;
    }
    // Windows keeps the interface language apart from the environment.
    if (core::platform::system_ui_language().rfind("zh", 0) == 0) return UiLanguage::Chinese;
    return UiLanguage::English;
}

void init_translations(UiLanguage lang) {
    std::lock_guard lock(g_mutex);
    g_language = lang;
}

UiLanguage current_language() {
    std::lock_guard lock(g_mutex);
    return g_language;
}

std::string tr(const std::string& msgid) {
    if (msgid.empty()) return msgid;
    auto c = catalogue();
    const std::string_view* s = c ? c->find(msgid) : nullptr;
    if (s) return std::string(*s);
    if (current_language() == UiLanguage::Chinese) return msgid;
    std::lock_guard lock(g_mutex);
    auto it = g_plugin_messages.find(msgid);
    return it == g_plugin_messages.end() ? msgid : it->second;
}

void add_plugin_messages(const core::PluginHost& plugins) {
    for (const auto& p : plugins.loaded()) add_plugin_messages(*p);
}

void add_plugin_messages(const core::LoadedPlugin& plugin) {
    {
        std::lock_guard lock(g_mutex);
        if (!g_plugin_folders_read.insert(plugin.manifest().folder).second) return;
    }
    auto messages = core::plugin_messages(plugin, "en");
    std::lock_guard lock(g_mutex);
    g_plugin_messages.insert(messages.begin(), messages.end());
}

std::string tr(const core::Message& m) {
    return core::substitute(tr(m.key), translated_params(m, [](const std::string& k) { return tr(k); }));
}

core::MessageParams translated_params(const core::Message& m, const std::function<std::string(const std::string&)>& translate) {
    core::MessageParams params = m.params;
    for (const auto& [name, sub] : m.nested) {
        std::string text = core::substitute(translate(sub.key), translated_params(sub, translate));
        bool set = false;
        for (auto& [k, v] : params)
            if (k == name) {
                v = text;
                set = true;
            }
        if (!set) params.emplace_back(name, std::move(text));
    }
    return params;
}

std::string describe(const core::Error& e) {
    std::string text = tr(e.message());
    const auto& w = e.where();
    bool names_file = w.file.empty() || text.find(w.file) != std::string::npos;
    if (!names_file) text = w.file + ": " + text;
    return text;
}

} // namespace onebook::app
