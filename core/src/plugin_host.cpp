#include "onebook/plugin_host.hpp"

#include "onebook/board.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/platform.hpp"
#include "onebook/plugin_messages.hpp"
#include "onebook/rubric.hpp"
#include "onebook/rules.hpp"
#include "onebook/text_limits.hpp"

#include <Poco/ClassLoader.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/SharedLibrary.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

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
    static const std::vector<ExtensionPoint> all = {ExtensionPoint::OrganisationDefaults,
                                                    ExtensionPoint::Rubrics,
                                                    ExtensionPoint::MeetingTemplates,
                                                    ExtensionPoint::Rules,
                                                    ExtensionPoint::Sections,
                                                    ExtensionPoint::RuleTexts,
                                                    ExtensionPoint::BoardTemplates};
    return all;
}

std::string build_id() { return ONEBOOK_BUILD_ID; }

namespace {
std::string doc_id(const Contribution& c);
}

/// The documents read so far. Loading on demand may happen on any thread, hence the mutex.
struct LoadedPlugin::Data {
    std::mutex mutex;
    std::set<ExtensionPoint> read;
    std::map<ExtensionPoint, std::vector<Contribution>> docs;
    std::map<ExtensionPoint, std::vector<std::string>> off;
    bool base_found = false;
    std::filesystem::path base_folder;
};

LoadedPlugin::LoadedPlugin() : m_data(std::make_unique<Data>()) {}
LoadedPlugin::~LoadedPlugin() = default;

const std::vector<Contribution>& LoadedPlugin::contributions(ExtensionPoint point) const {
    static const std::vector<Contribution> none;
    if (auto broken = read({point})) throw Error(*broken, {});
    std::lock_guard lock(m_data->mutex);
    auto it = m_data->docs.find(point);
    return it == m_data->docs.end() ? none : it->second;
}

const std::vector<std::string>& LoadedPlugin::switched_off(ExtensionPoint point) const {
    static const std::vector<std::string> none;
    if (auto broken = read({point})) throw Error(*broken, {});
    std::lock_guard lock(m_data->mutex);
    auto it = m_data->off.find(point);
    return it == m_data->off.end() ? none : it->second;
}

const std::filesystem::path& LoadedPlugin::base_folder() const {
    if (auto broken = read({})) throw Error(*broken, {});
    return m_data->base_folder;
}

std::string LoadedPlugin::sector_defaults() const {
    const auto& docs = contributions(ExtensionPoint::OrganisationDefaults);
    return docs.empty() ? std::string("{}") : docs.front().json;
}

std::string contribution_id(const Contribution& doc) { return doc_id(doc); }
std::string contribution_layer(const Contribution& doc) { return doc.origin.empty() ? "sector" : doc.origin; }
namespace {
/// Every ClassLoader ever made, kept for the life of the program (Poco's ClassLoader unloads its
/// libraries when destroyed, and plugins are never unloaded). Held here so they stay reachable:
/// a deliberate lifetime, not a leak.
Poco::ClassLoader<SectorPlugin>* new_loader() {
    static std::vector<std::unique_ptr<Poco::ClassLoader<SectorPlugin>>>* loaders =
        new std::vector<std::unique_ptr<Poco::ClassLoader<SectorPlugin>>>();
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    loaders->push_back(std::make_unique<Poco::ClassLoader<SectorPlugin>>());
    return loaders->back().get();
}
} // namespace

struct PluginHost::Impl {
    Poco::ClassLoader<SectorPlugin>* loader = new_loader();
    std::vector<std::unique_ptr<SectorPlugin>> objects;
    std::recursive_mutex pending_mutex;                              ///< loading on demand may happen on any thread
    std::map<fs::path, std::size_t> order;                           ///< search-path order of the folders load_all found
    std::vector<std::unique_ptr<LoadedPlugin>> unchecked;            ///< found broken by the full check after use
    std::vector<std::function<void(const LoadedPlugin&)>> observers; ///< on_load()
};

PluginHost::PluginHost() : m_impl(std::make_unique<Impl>()) {}

// Plugin objects are destroyed with the host, but their code stays mapped (plugins are never
// unloaded while running): the ClassLoader is deliberately never destroyed.
PluginHost::~PluginHost() = default;

namespace {

std::string read_file(const fs::path& p) {
    std::error_code ec;
    if (fs::file_size(p, ec) > limits::data_file)
        throw Error("{file} 过大（超过 {max} MB），不是插件数据文件",
                    {{"file", p.string()}, {"max", std::to_string(limits::data_file >> 20)}}, {p.string(), {}, {}});
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Poco::JSON::Object::Ptr parse_object(const std::string& text, const fs::path& file) {
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits::json_depth);
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

} // namespace

std::map<std::string, std::string> plugin_messages(const LoadedPlugin& plugin, const std::string& language) {
    std::map<std::string, std::string> out;
    for (const auto& folder : {plugin.base_folder(), plugin.manifest().folder}) {
        if (folder.empty()) continue;
        fs::path file = folder / "locale" / (language + ".json");
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) continue;
        auto obj = parse_object(read_file(file), file);
        for (const auto& [key, value] : *obj) {
            if (!value.isString())
                throw Error("{file} 的字段“{field}”应为字符串", {{"file", file.string()}, {"field", key}},
                            {file.string(), {}, key});
            out[key] = value.extract<std::string>();
        }
    }
    return out;
}

namespace {

using Docs = std::map<ExtensionPoint, std::vector<Contribution>>;

// Reads and syntax-checks the data documents of `points` under folder/data, in the order of
// all_extension_points(). Throws Error naming the bad file.
Docs read_data(const fs::path& folder, const std::set<ExtensionPoint>& points, bool with_defaults) {
    Docs docs;
    for (auto point : all_extension_points()) {
        if (!points.count(point)) continue;
        auto path = folder / "data" / extension_folder(point);
        std::vector<fs::path> files;
        std::error_code ec;
        if (point == ExtensionPoint::OrganisationDefaults) {
            if (with_defaults && fs::is_regular_file(path, ec)) files.push_back(path);
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
                throw Error("插件 {folder}：数据文件 {file} 有误：{reason}",
                            {{"folder", folder.string()}, {"file", f.string()}, {"reason", e.what()}}, {f.string(), {}, {}});
            }
            docs[point].push_back({f.string(), std::move(text), {}});
        }
    }
    return docs;
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(o, out);
    return out.str();
}

std::string doc_id(const Contribution& c) {
    try {
        Poco::JSON::Parser parser;
        auto o = parser.parse(c.json).extract<Poco::JSON::Object::Ptr>();
        if (o && o->has("id") && o->get("id").isString()) return o->getValue<std::string>("id");
    } catch (...) {}
    return {};
}

// Rule files hold lists of rules, but rules are layered one by one: each becomes its own document
// (the rules engine reads single-rule documents too). Base rule ids get the sector's prefix.
std::vector<Contribution> one_rule_each(const std::vector<Contribution>& docs, const std::string& prefix) {
    std::vector<Contribution> out;
    for (const auto& d : docs) {
        Poco::JSON::Parser parser;
        auto root = parser.parse(d.json).extract<Poco::JSON::Object::Ptr>();
        std::vector<Poco::JSON::Object::Ptr> items;
        bool split = root->has("rules") && root->isArray("rules");
        if (split) {
            auto arr = root->getArray("rules");
            for (std::size_t i = 0; i < arr->size() && split; ++i) {
                auto item = arr->getObject(static_cast<unsigned>(i));
                if (!item) split = false; // malformed: left whole for the rules engine to report
                items.push_back(item);
            }
        }
        if (!split) {
            if (root->has("rules")) {
                out.push_back(d);
                continue;
            }
            items = {root};
        }
        for (auto& item : items) {
            if (!prefix.empty() && item->has("id") && item->get("id").isString()) {
                Poco::JSON::Object::Ptr copy = new Poco::JSON::Object(*item);
                copy->set("id", prefix + item->getValue<std::string>("id"));
                item = copy;
            }
            out.push_back({d.source, stringify(item), d.origin});
        }
    }
    return out;
}

// Lays the sector's documents over the base's: same id → the sector's replaces the base's in its
// place, switched-off base ids are dropped, the rest of the sector's are appended. Returns the
// first switched-off id that names no base document (a typo must not pass silently), or "".
std::string layer(std::vector<Contribution>& base, const std::vector<Contribution>& own, const std::vector<std::string>& off,
                  const std::string& rule_prefix) {
    for (auto& b : base) b.origin = "base";
    // Each base document's id, parsed once (base_ids[i] belongs to base[i]; kept in step below).
    std::vector<std::string> base_ids;
    base_ids.reserve(base.size());
    for (const auto& b : base) base_ids.push_back(doc_id(b));
    for (const auto& id : off) {
        std::string full = !rule_prefix.empty() && id.rfind(rule_prefix, 0) != 0 ? rule_prefix + id : id;
        auto at = std::find(base_ids.begin(), base_ids.end(), full);
        if (at == base_ids.end()) return id;
        base.erase(base.begin() + (at - base_ids.begin()));
        base_ids.erase(at);
    }
    for (const auto& o : own) {
        auto id = doc_id(o);
        auto it = base.end();
        for (std::size_t i = 0; !id.empty() && i < base.size(); ++i)
            if (base[i].origin == "base" && base_ids[i] == id) {
                it = base.begin() + std::ptrdiff_t(i);
                break;
            }
        Contribution c = o;
        if (it != base.end()) {
            c.origin = "override";
            // A sector following another source may keep the base's version as a reference rule
            // ("base_version": "reference"): id "<id>.base", "reference_of": "<id>".
            std::optional<Contribution> kept;
            Poco::JSON::Parser parser;
            auto mine = parser.parse(o.json).extract<Poco::JSON::Object::Ptr>();
            if (!rule_prefix.empty() && mine->optValue<std::string>("base_version", "") == "reference") {
                Poco::JSON::Parser p2;
                Poco::JSON::Object::Ptr ref = new Poco::JSON::Object(*p2.parse(it->json).extract<Poco::JSON::Object::Ptr>());
                ref->set("id", id + ".base");
                ref->set("reference_of", id);
                kept = Contribution{it->source, stringify(ref), "base"};
            }
            auto at = it - base.begin();
            *it = std::move(c);
            base_ids[std::size_t(at)] = id;
            if (kept) {
                base.insert(base.begin() + at + 1, std::move(*kept));
                base_ids.insert(base_ids.begin() + at + 1, id + ".base");
            }
        } else {
            c.origin.clear();
            base.push_back(std::move(c));
            base_ids.push_back(id);
        }
    }
    return {};
}

/// Whether the plugin's documents are what the program will use: every template, rule, rubric and
/// board parses, so a broken plugin is disabled with the reason instead of failing later at
/// `check` or `assess`. The reason, or nothing.
std::optional<Message> check_meaning(const LoadedPlugin& plugin) {
    try {
        load_meeting_templates(plugin);
        load_rules(plugin);
        for (const auto& c : plugin.contributions(ExtensionPoint::Rubrics)) parse_rubric(c.json, c.source, plugin.id());
        BoardTemplates boards;
        boards.load_plugin(plugin);
    } catch (const Error& e) {
        return Message{"插件 {folder}：数据文件 {file} 有误，插件已停用：{reason}",
                       {{"folder", plugin.manifest().folder.string()},
                        {"file", e.where().file},
                        {"field", e.where().field},
                        {"reason", e.what()}}};
    }
    return std::nullopt;
}

} // namespace

// Reads as loading a plugin once did in one go, limited to `points`: the plugin's own documents,
// the base layer found and checked, the base's documents, then each point layered. With every
// point, the first problem met is the one a full load met first. Failures are not kept: reading
// again (the host's full check) finds the first problem of the points still unread.
std::optional<Message> LoadedPlugin::read(const std::vector<ExtensionPoint>& wanted) const {
    auto& d = *m_data;
    std::lock_guard lock(d.mutex);
    std::set<ExtensionPoint> points;
    for (auto p : wanted)
        if (!d.read.count(p)) points.insert(p);
    const auto& m = m_manifest;
    const auto& folder = m.folder;
    if (points.empty() && (m.base.empty() || d.base_found)) return std::nullopt;
    auto reject = [&](const std::string& key, MessageParams params) {
        params.insert(params.begin(), {"folder", folder.string()});
        return std::optional<Message>(Message{key, std::move(params)});
    };
    auto add_code = [&](ExtensionPoint point) {
        if (auto it = m_code_docs.find(point); it != m_code_docs.end())
            d.docs[point].insert(d.docs[point].end(), it->second.begin(), it->second.end());
        d.read.insert(point);
    };
    // A sector on a base needs its sector.json for what it switches off.
    auto own_points = points;
    if (!m.base.empty()) own_points.insert(ExtensionPoint::OrganisationDefaults);
    Docs own;
    try {
        own = read_data(folder, own_points, true);
    } catch (const Error& e) { return e.message(); }
    if (m.base.empty()) {
        for (auto point : points) {
            d.docs[point] = std::move(own[point]);
            add_code(point);
        }
        return std::nullopt;
    }
    // The shared base: beside the plugin first, then under each search folder.
    if (!d.base_found) {
        std::vector<fs::path> candidates{folder.parent_path() / m.base};
        for (const auto& dir : m_search) candidates.push_back(dir / m.base);
        std::error_code ec;
        auto found = std::find_if(candidates.begin(), candidates.end(),
                                  [&](const fs::path& c) { return fs::is_regular_file(c / "base.json", ec); });
        if (found == candidates.end())
            return reject("插件 {folder}：找不到它所依据的基础数据“{base}”（应为含 base.json 的同名文件夹）", {{"base", m.base}});
        try {
            auto manifest = parse_object(read_file(*found / "base.json"), *found / "base.json");
            if (manifest->optValue<std::string>("id", "") != m.base)
                return reject("插件 {folder}：基础数据 {file} 的标识不是“{base}”",
                              {{"file", (*found / "base.json").string()}, {"base", m.base}});
        } catch (const Error& e) { return reject("插件 {folder}：基础数据有误：{reason}", {{"reason", e.what()}}); }
        d.base_folder = *found;
        d.base_found = true;
    }
    Docs base;
    try {
        base = read_data(d.base_folder, points, false);
    } catch (const Error& e) { return reject("插件 {folder}：基础数据有误：{reason}", {{"reason", e.what()}}); }
    // What the sector switches off: sector.json's "base_off", by extension folder name.
    Poco::JSON::Object::Ptr off;
    if (auto it = own.find(ExtensionPoint::OrganisationDefaults); it != own.end() && !it->second.empty()) {
        auto defaults = parse_object(it->second.front().json, it->second.front().source);
        if (defaults->has("base_off")) {
            off = defaults->getObject("base_off");
            if (!off)
                return reject("插件 {folder}：{file} 的“{field}”应为对象（扩展点 → 停用的标识列表）",
                              {{"file", it->second.front().source}, {"field", "base_off"}});
        }
    }
    std::string prefix = m.id + ".";
    std::replace(prefix.begin(), prefix.end(), '-', '_');
    std::map<ExtensionPoint, std::vector<Contribution>> docs;
    std::map<ExtensionPoint, std::vector<std::string>> switched;
    for (auto point : all_extension_points()) {
        if (!points.count(point)) continue;
        std::string name = extension_folder(point);
        std::vector<std::string> ids;
        if (off && off->has(name)) {
            auto arr = off->getArray(name);
            for (std::size_t i = 0; arr && i < arr->size(); ++i) ids.push_back(arr->get(static_cast<unsigned>(i)).toString());
        }
        auto& mine = own[point];
        if (point == ExtensionPoint::OrganisationDefaults) {
            docs[point] = mine;
            continue;
        }
        bool rules = point == ExtensionPoint::Rules;
        std::vector<Contribution> layered;
        std::string unknown;
        try {
            layered = rules ? one_rule_each(base[point], prefix) : base[point];
            unknown = layer(layered, rules ? one_rule_each(mine, {}) : mine, ids, rules ? prefix : std::string());
        } catch (const std::exception& e) { return reject("插件 {folder}：数据文件有误：{reason}", {{"reason", e.what()}}); }
        if (!unknown.empty())
            return reject("插件 {folder}：sector.json 的 base_off.{point} 停用了基础数据中不存在的“{id}”",
                          {{"point", name}, {"id", unknown}});
        switched[point] = ids;
        if (!layered.empty()) docs[point] = std::move(layered);
    }
    // Only a point read whole is kept: a failure above leaves every point of this call unread.
    for (auto point : points) {
        d.docs[point] = std::move(docs[point]);
        if (point != ExtensionPoint::OrganisationDefaults) d.off[point] = std::move(switched[point]);
        add_code(point);
    }
    return std::nullopt;
}

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

void PluginHost::load_all(PluginScope scope) {
    load_all(scope == PluginScope::ShippedOnly ? builtin_search_path() : default_search_path());
}

std::vector<fs::path> PluginHost::builtin_search_path() {
    auto prefix = platform::executable_dir().parent_path();
    std::vector<fs::path> out = {prefix / "plugins",                        // build tree: build/bin → build/plugins
                                 prefix / "share" / "onebook" / "plugins"}; // install tree: prefix/bin → prefix/share
#ifdef ONEBOOK_INSTALL_PRIVLIBDIR
    if (std::string(ONEBOOK_INSTALL_PRIVLIBDIR) != "lib/onebook") out.push_back(prefix / ONEBOOK_INSTALL_PRIVLIBDIR / "plugins");
#endif
    out.push_back(prefix / "lib" / "onebook" / "plugins");
    return out;
}

PluginManifest PluginHost::read_manifest(const fs::path& folder) {
    auto file = folder / "plugin.json";
    if (!fs::exists(file))
        throw Error("插件文件夹 {folder} 中没有 plugin.json", {{"folder", folder.string()}}, {file.string(), {}, {}});
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
    if (!core::matches_word(m.id, core::lower_alpha, "abcdefghijklmnopqrstuvwxyz0123456789_-", 2, 32))
        throw Error("{file} 的插件标识“{id}”无效（应为小写字母、数字、下划线或连字符）", {{"file", file.string()}, {"id", m.id}},
                    {file.string(), {}, "id"});
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
    m.base = text("base", false);
    if (!m.base.empty() && !core::matches_word(m.base, core::lower_alpha, "abcdefghijklmnopqrstuvwxyz0123456789_-", 2, 32))
        throw Error("{file} 的基础数据名“{id}”无效（应为小写字母、数字、下划线或连字符）",
                    {{"file", file.string()}, {"id", m.base}}, {file.string(), {}, "base"});
    if (!m.library.empty() && m.class_name.empty())
        throw Error("{file} 声明了插件库但缺少字段“{field}”", {{"file", file.string()}, {"field", "class"}},
                    {file.string(), {}, "class"});
    if (m.library.find('/') != std::string::npos || m.library.find("..") != std::string::npos)
        throw Error("{file} 的插件库名“{library}”不能包含路径", {{"file", file.string()}, {"library", m.library}},
                    {file.string(), {}, "library"});
    return m;
}

const LoadedPlugin* PluginHost::find_loaded(const std::string& id) const {
    for (const auto& p : m_loaded)
        if (p->id() == id) return p.get();
    return nullptr;
}

const LoadedPlugin* PluginHost::find(const std::string& id) const {
    load_pending(&id);
    return find_loaded(id);
}

const std::vector<std::unique_ptr<LoadedPlugin>>& PluginHost::loaded() const {
    load_pending(nullptr);
    return m_loaded;
}

const std::vector<RejectedPlugin>& PluginHost::rejected() const {
    load_pending(nullptr);
    return m_rejected;
}

// Loads the pending plugins of `id` (all pending ones when null, each fully checked) until one of
// them loads, exactly as load_all once did in one go: a later folder of an id that already loaded is rejected as a
// duplicate when it is loaded, and the lists keep the search-path order. Loading on demand is not
// an observable change of the host, hence const.
void PluginHost::load_pending(const std::string* id) const {
    std::lock_guard lock(m_impl->pending_mutex);
    auto* self = const_cast<PluginHost*>(this);
    // Listing: the plugins one command used unchecked get the full check first, as if loaded now.
    bool loaded_any = !id && self->check_loaded();
    if (m_pending.empty() && !loaded_any) return;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (id && (it->id != *id || find_loaded(*id))) {
            ++it;
            continue;
        }
        auto folder = it->folder;
        it = m_pending.erase(it);
        self->load_folder(folder, !id); // one plugin asked for: its documents are read on first use
        loaded_any = true;
    }
    if (!loaded_any) return;
    auto& order = m_impl->order;
    auto rank = [&](const fs::path& folder) {
        auto o = order.find(folder);
        return o == order.end() ? std::size_t(-1) : o->second;
    };
    std::stable_sort(self->m_loaded.begin(), self->m_loaded.end(),
                     [&](const auto& a, const auto& b) { return rank(a->manifest().folder) < rank(b->manifest().folder); });
    std::stable_sort(self->m_rejected.begin(), self->m_rejected.end(),
                     [&](const auto& a, const auto& b) { return rank(a.folder) < rank(b.folder); });
}

const LoadedPlugin& PluginHost::require(const std::string& id) const {
    if (auto p = find(id)) return *p;
    std::string ids;
    for (const auto& p : loaded()) ids += (ids.empty() ? "" : ", ") + p->id();
    throw Error("未找到行业插件“{id}”（已加载：{loaded}）", {{"id", id}, {"loaded", ids}});
}

void PluginHost::load_all(const std::vector<fs::path>& search_path) {
    m_search = search_path;
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
        std::lock_guard lock(m_impl->pending_mutex);
        for (const auto& f : folders) {
            Pending p{f, {}};
            try {
                p.id = read_manifest(f).id;
            } catch (const Error&) {
                // recorded with its reason when the plugin is loaded
            }
            m_impl->order.emplace(f, m_found++);
            m_pending.push_back(std::move(p));
        }
    }
}

bool PluginHost::load(const fs::path& folder) { return load_folder(folder, true); }

void PluginHost::on_load(std::function<void(const LoadedPlugin&)> observer) {
    std::lock_guard lock(m_impl->pending_mutex);
    for (const auto& p : m_loaded) observer(*p);
    m_impl->observers.push_back(std::move(observer));
}

bool PluginHost::load_folder(const fs::path& folder, bool check) {
    m_impl->order.emplace(folder, m_found++); // a folder loaded directly keeps its place too
    RejectedPlugin rejected{folder, {}, {}};
    auto record = [&](Message reason) {
        rejected.reason = std::move(reason);
        m_rejected.push_back(rejected);
        return false;
    };
    PluginManifest m;
    try {
        m = read_manifest(folder);
    } catch (const Error& e) { return record(e.message()); }
    rejected.id = m.id;
    auto plugin = std::make_unique<LoadedPlugin>();
    plugin->m_manifest = m;
    plugin->m_search = m_search;
    // Code first only when the data is read on first use: its reason for a plugin broken in both
    // ways is then the data's, as with the full check.
    auto reject = [&](const std::string& key, MessageParams params) {
        if (!check)
            if (auto broken = plugin->read(all_extension_points())) return record(*broken);
        params.insert(params.begin(), {"folder", folder.string()});
        return record(Message{key, std::move(params)});
    };
    if (find_loaded(m.id))
        return record(Message{"插件 {folder}：标识“{id}”与已加载的插件重复", {{"folder", folder.string()}, {"id", m.id}}});
    if (m.api_version != ONEBOOK_PLUGIN_API_VERSION)
        return record(Message{"插件 {folder}：接口版本 {version} 与本程序的 {expected} 不符",
                              {{"folder", folder.string()},
                               {"version", std::to_string(m.api_version)},
                               {"expected", std::to_string(ONEBOOK_PLUGIN_API_VERSION)}}});

    // Data documents: read and syntax-checked before any code runs (or on first use).
    if (check)
        if (auto broken = plugin->read(all_extension_points())) return record(*broken);
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
                return reject(
                    "插件 {folder}：插件库的构建标识“{plugin_build}”与本程序的“{host_build}”不符，请用相同的编译器和库重新构建",
                    {{"plugin_build", bid}, {"host_build", build_id()}});
            m_impl->loader->loadLibrary(lib.string());
            if (!m_impl->loader->canCreate(m.class_name))
                return reject("插件 {folder}：插件库中没有类 {class}", {{"class", m.class_name}});
            std::unique_ptr<SectorPlugin> object(m_impl->loader->create(m.class_name));
            for (auto point : all_extension_points())
                for (auto& c : object->contribute(point)) {
                    parse_object(c.json, c.source.empty() ? lib : fs::path(c.source));
                    if (c.source.empty()) c.source = "plugin:" + m.id;
                    plugin->m_code_docs[point].push_back(std::move(c));
                }
            plugin->m_code = object.get();
            m_impl->objects.push_back(std::move(object));
        } catch (const Poco::Exception& e) {
            return reject("插件 {folder}：无法加载插件库：{reason}", {{"reason", e.displayText()}});
        } catch (const Error& e) {
            return reject("插件 {folder}：插件提供的数据有误：{reason}", {{"reason", e.what()}});
        } catch (const std::exception& e) {
            return reject("插件 {folder}：插件代码出错：{reason}", {{"reason", e.what()}});
        } catch (...) { return reject("插件 {folder}：插件代码抛出了未知异常", {}); }
        // Code's documents come after the data files of the points read already.
        for (const auto& [point, docs] : plugin->m_code_docs)
            if (plugin->m_data->read.count(point))
                plugin->m_data->docs[point].insert(plugin->m_data->docs[point].end(), docs.begin(), docs.end());
    }
    if (check) {
        if (auto broken = check_meaning(*plugin)) return record(*broken);
        plugin->m_checked = true;
    }
    m_loaded.push_back(std::move(plugin));
    for (const auto& observer : m_impl->observers) observer(*m_loaded.back());
    return true;
}

bool PluginHost::check_loaded() {
    bool any = false;
    for (auto it = m_loaded.begin(); it != m_loaded.end();) {
        auto& p = **it;
        if (p.m_checked) {
            ++it;
            continue;
        }
        auto broken = p.read(all_extension_points());
        if (!broken) broken = check_meaning(p);
        if (!broken) {
            p.m_checked = true;
            ++it;
            continue;
        }
        m_rejected.push_back({p.manifest().folder, p.id(), *broken});
        m_impl->unchecked.push_back(std::move(*it)); // may still be referenced by whoever found it
        it = m_loaded.erase(it);
        any = true;
    }
    return any;
}

} // namespace onebook::core
