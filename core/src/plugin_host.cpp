#include "onebook/plugin_host.hpp"

#include <Poco/ClassLoader.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SharedLibrary.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace onebook::core {

const char* extension_folder(ExtensionPoint p) {
    switch (p) {
    case ExtensionPoint::OrganisationDefaults: return "sector.json";
    case ExtensionPoint::Rubrics: return "rubrics";
    case ExtensionPoint::MeetingTemplates: return "meetings";
    case ExtensionPoint::Rules: return "rules";
    case ExtensionPoint::Sections: return "sections";
    case ExtensionPoint::RuleTexts: return "ruletexts";
    case ExtensionPoint::BoardTemplates: return "boards";
    }
    return "";
}

const std::vector<ExtensionPoint>& all_extension_points() {
    static const std::vector<ExtensionPoint> all = {
        ExtensionPoint::OrganisationDefaults, ExtensionPoint::Rubrics,  ExtensionPoint::MeetingTemplates,
        ExtensionPoint::Rules,                ExtensionPoint::Sections, ExtensionPoint::RuleTexts,
        ExtensionPoint::BoardTemplates};
    return all;
}

std::string build_id() { return ONEBOOK_BUILD_ID; }

const std::vector<Contribution>& LoadedPlugin::contributions(ExtensionPoint point) const {
    static const std::vector<Contribution> none;
    auto it = m_docs.find(point);
    return it == m_docs.end() ? none : it->second;
}

std::string LoadedPlugin::sector_defaults() const {
    const auto& docs = contributions(ExtensionPoint::OrganisationDefaults);
    return docs.empty() ? std::string("{}") : docs.front().json;
}

struct PluginHost::Impl {
    // Kept for the life of the program: Poco's ClassLoader unloads its libraries when destroyed.
    Poco::ClassLoader<SectorPlugin>* loader = new Poco::ClassLoader<SectorPlugin>();
    std::vector<std::unique_ptr<SectorPlugin>> objects;
};

PluginHost::PluginHost() : m_impl(std::make_unique<Impl>()) {}

// Plugin objects are destroyed with the host, but their code stays mapped (plugins are never
// unloaded while running): the ClassLoader is deliberately never destroyed.
PluginHost::~PluginHost() = default;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Poco::JSON::Object::Ptr parse_object(const std::string& text, const fs::path& file) {
    try {
        Poco::JSON::Parser parser;
        auto result = parser.parse(text);
        auto obj = result.extract<Poco::JSON::Object::Ptr>();
        if (!obj) throw Poco::Exception("not an object");
        return obj;
    } catch (const Poco::Exception& e) {
        throw Error("{file} 不是有效的 JSON 对象：{reason}", {{"file", file.string()}, {"reason", e.displayText()}},
                    {file.string(), {}, {}});
    } catch (const std::exception& e) {
        throw Error("{file} 不是有效的 JSON 对象：{reason}", {{"file", file.string()}, {"reason", e.what()}},
                    {file.string(), {}, {}});
    }
}

fs::path executable_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

} // namespace

std::vector<fs::path> PluginHost::default_search_path() {
    std::vector<fs::path> out;
    if (const char* env = std::getenv("ONEBOOK_PLUGIN_PATH")) {
        std::stringstream ss(env);
        std::string part;
        while (std::getline(ss, part, ':'))
            if (!part.empty()) out.emplace_back(part);
    }
    for (auto& p : builtin_search_path()) out.push_back(std::move(p));
    return out;
}

std::vector<fs::path> PluginHost::builtin_search_path() {
    auto prefix = executable_dir().parent_path();
    std::vector<fs::path> out = {prefix / "plugins",                          // build tree: build/bin → build/plugins
                                 prefix / "share" / "onebook" / "plugins"};   // install tree: prefix/bin → prefix/share
#ifdef ONEBOOK_INSTALL_PRIVLIBDIR
    if (std::string(ONEBOOK_INSTALL_PRIVLIBDIR) != "lib/onebook") out.push_back(prefix / ONEBOOK_INSTALL_PRIVLIBDIR / "plugins");
#endif
    out.push_back(prefix / "lib" / "onebook" / "plugins");
    return out;
}

PluginManifest PluginHost::read_manifest(const fs::path& folder) {
    auto file = folder / "plugin.json";
    if (!fs::exists(file)) throw Error("插件文件夹 {folder} 中没有 plugin.json", {{"folder", folder.string()}}, {file.string(), {}, {}});
    auto obj = parse_object(read_file(file), file);
    auto text = [&](const char* key, bool required) -> std::string {
        if (!obj->has(key) || obj->isNull(key)) {
            if (required)
                throw Error("{file} 缺少字段“{field}”", {{"file", file.string()}, {"field", key}}, {file.string(), {}, key});
            return {};
        }
        auto v = obj->get(key);
        if (!v.isString())
            throw Error("{file} 的字段“{field}”应为字符串", {{"file", file.string()}, {"field", key}}, {file.string(), {}, key});
        return v.convert<std::string>();
    };
    PluginManifest m;
    m.folder = folder;
    m.id = text("id", true);
    static const std::regex id_re("^[a-z][a-z0-9_-]{1,31}$");
    if (!std::regex_match(m.id, id_re))
        throw Error("{file} 的插件标识“{id}”无效（应为小写字母、数字、下划线或连字符）",
                    {{"file", file.string()}, {"id", m.id}}, {file.string(), {}, "id"});
    if (obj->has("name") && obj->get("name").type() == typeid(Poco::JSON::Object::Ptr)) {
        auto names = obj->getObject("name");
        m.name_zh = names->optValue<std::string>("zh_CN", "");
        m.name_en = names->optValue<std::string>("en", "");
    }
    if (m.name_zh.empty() || m.name_en.empty())
        throw Error("{file} 需要中英文名称（name.zh_CN 与 name.en）", {{"file", file.string()}}, {file.string(), {}, "name"});
    m.version = text("version", true);
    if (!obj->has("api_version") || !obj->get("api_version").isInteger())
        throw Error("{file} 缺少整数字段“{field}”", {{"file", file.string()}, {"field", "api_version"}},
                    {file.string(), {}, "api_version"});
    m.api_version = obj->getValue<int>("api_version");
    m.description = text("description", false);
    m.library = text("library", false);
    m.class_name = text("class", false);
    if (!m.library.empty() && m.class_name.empty())
        throw Error("{file} 声明了插件库但缺少字段“{field}”", {{"file", file.string()}, {"field", "class"}},
                    {file.string(), {}, "class"});
    if (m.library.find('/') != std::string::npos || m.library.find("..") != std::string::npos)
        throw Error("{file} 的插件库名“{library}”不能包含路径", {{"file", file.string()}, {"library", m.library}},
                    {file.string(), {}, "library"});
    return m;
}

const LoadedPlugin* PluginHost::find(const std::string& id) const {
    for (const auto& p : m_loaded)
        if (p->id() == id) return p.get();
    return nullptr;
}

const LoadedPlugin& PluginHost::require(const std::string& id) const {
    if (auto p = find(id)) return *p;
    std::string ids;
    for (const auto& p : m_loaded) ids += (ids.empty() ? "" : ", ") + p->id();
    throw Error("未找到行业插件“{id}”（已加载：{loaded}）", {{"id", id}, {"loaded", ids}});
}

void PluginHost::load_all(const std::vector<fs::path>& search_path) {
    std::vector<fs::path> seen;
    for (const auto& dir : search_path) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        auto canon = fs::weakly_canonical(dir, ec);
        if (std::find(seen.begin(), seen.end(), canon) != seen.end()) continue;
        seen.push_back(canon);
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.is_directory() && fs::exists(entry.path() / "plugin.json")) folders.push_back(entry.path());
        std::sort(folders.begin(), folders.end());
        for (const auto& f : folders) load(f);
    }
}

bool PluginHost::load(const fs::path& folder) {
    RejectedPlugin rejected{folder, {}, {}};
    auto reject = [&](const std::string& key, MessageParams params) {
        params.insert(params.begin(), {"folder", folder.string()});
        rejected.reason = Message{key, std::move(params)};
        m_rejected.push_back(rejected);
        return false;
    };
    PluginManifest m;
    try {
        m = read_manifest(folder);
    } catch (const Error& e) {
        rejected.reason = e.message();
        m_rejected.push_back(rejected);
        return false;
    }
    rejected.id = m.id;
    if (find(m.id))
        return reject("插件 {folder}：标识“{id}”与已加载的插件重复", {{"id", m.id}});
    if (m.api_version != ONEBOOK_PLUGIN_API_VERSION)
        return reject("插件 {folder}：接口版本 {version} 与本程序的 {expected} 不符",
                      {{"version", std::to_string(m.api_version)}, {"expected", std::to_string(ONEBOOK_PLUGIN_API_VERSION)}});

    auto plugin = std::make_unique<LoadedPlugin>();
    plugin->m_manifest = m;
    // Data documents: read and syntax-checked before any code runs.
    for (auto point : all_extension_points()) {
        auto path = folder / "data" / extension_folder(point);
        std::vector<fs::path> files;
        std::error_code ec;
        if (point == ExtensionPoint::OrganisationDefaults) {
            if (fs::is_regular_file(path, ec)) files.push_back(path);
        } else if (fs::is_directory(path, ec)) {
            for (const auto& e : fs::directory_iterator(path, ec))
                if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
            std::sort(files.begin(), files.end());
        }
        for (const auto& f : files) {
            auto text = read_file(f);
            try {
                parse_object(text, f);
            } catch (const Error& e) {
                return reject("插件 {folder}：数据文件 {file} 有误：{reason}",
                              {{"file", f.string()}, {"reason", e.what()}});
            }
            plugin->m_docs[point].push_back({f.string(), std::move(text)});
        }
    }

    if (!m.library.empty()) {
        auto lib = folder / m.library;
        if (!fs::exists(lib)) return reject("插件 {folder}：找不到插件库 {library}", {{"library", lib.string()}});
        try {
            // Check the exported C functions before Poco creates anything.
            Poco::SharedLibrary probe;
            probe.load(lib.string());
            if (!probe.hasSymbol("onebook_plugin_api_version"))
                return reject("插件 {folder}：插件库 {library} 缺少导出函数 {symbol}",
                              {{"library", lib.string()}, {"symbol", "onebook_plugin_api_version"}});
            auto api = reinterpret_cast<int (*)()>(probe.getSymbol("onebook_plugin_api_version"))();
            if (api != ONEBOOK_PLUGIN_API_VERSION)
                return reject("插件 {folder}：插件库的接口版本 {version} 与本程序的 {expected} 不符",
                              {{"version", std::to_string(api)}, {"expected", std::to_string(ONEBOOK_PLUGIN_API_VERSION)}});
            if (!probe.hasSymbol("onebook_plugin_build_id"))
                return reject("插件 {folder}：插件库 {library} 缺少导出函数 {symbol}",
                              {{"library", lib.string()}, {"symbol", "onebook_plugin_build_id"}});
            std::string bid = reinterpret_cast<const char* (*)()>(probe.getSymbol("onebook_plugin_build_id"))();
            if (bid != build_id())
                return reject("插件 {folder}：插件库的构建标识“{plugin_build}”与本程序的“{host_build}”不符，请用相同的编译器和库重新构建",
                              {{"plugin_build", bid}, {"host_build", build_id()}});
            m_impl->loader->loadLibrary(lib.string());
            if (!m_impl->loader->canCreate(m.class_name))
                return reject("插件 {folder}：插件库中没有类 {class}", {{"class", m.class_name}});
            std::unique_ptr<SectorPlugin> object(m_impl->loader->create(m.class_name));
            for (auto point : all_extension_points())
                for (auto& c : object->contribute(point)) {
                    parse_object(c.json, c.source.empty() ? lib : fs::path(c.source));
                    if (c.source.empty()) c.source = "plugin:" + m.id;
                    plugin->m_docs[point].push_back(std::move(c));
                }
            plugin->m_code = object.get();
            m_impl->objects.push_back(std::move(object));
        } catch (const Poco::Exception& e) {
            return reject("插件 {folder}：无法加载插件库：{reason}", {{"reason", e.displayText()}});
        } catch (const Error& e) {
            return reject("插件 {folder}：插件提供的数据有误：{reason}", {{"reason", e.what()}});
        } catch (const std::exception& e) {
            return reject("插件 {folder}：插件代码出错：{reason}", {{"reason", e.what()}});
        } catch (...) {
            return reject("插件 {folder}：插件代码抛出了未知异常", {});
        }
    }
    m_loaded.push_back(std::move(plugin));
    return true;
}

} // namespace onebook::core
