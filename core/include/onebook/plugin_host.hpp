// Finds, checks and loads sector plugins: manifest first, then (for code plugins) the exported
// API version and build id, then the class. A broken plugin is recorded with its reason and the
// others go on loading; plugins are never unloaded while the program runs.
#pragma once

#include "onebook/error.hpp"
#include "onebook/plugin_api.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// What plugin.json says.
struct PluginManifest {
    std::string id;
    std::string name_zh;
    std::string name_en;
    std::string version;
    int api_version = 0;
    std::string description;
    std::string library;    ///< file name of the module in the plugin folder, empty when declarative
    std::string class_name; ///< Poco manifest class name, for code plugins
    std::string base;       ///< shared data layer the sector builds on ("sector-base"), empty for none
    std::filesystem::path folder;
};

/// A plugin that loaded: its manifest (and its code, checked at load), and everything it
/// contributes. The data documents are read on first use, one extension point at a time, so a
/// command that needs a sector's boards never parses its rules; the host's loaded()/rejected()
/// and load() still read and check all of them before listing a plugin as loaded.
class LoadedPlugin {
public:
    LoadedPlugin();
    ~LoadedPlugin();
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;

    const PluginManifest& manifest() const { return m_manifest; }
    const std::string& id() const { return m_manifest.id; }
    bool has_code() const { return m_code != nullptr; }
    /// Documents at an extension point: data files first (sorted by name), then code's. Throws
    /// Error with the reason the host would reject the plugin for when they cannot be read.
    const std::vector<Contribution>& contributions(ExtensionPoint point) const;
    /// The organisation-type defaults document (data/sector.json), or "{}".
    std::string sector_defaults() const;
    /// The base layer's folder, when the plugin builds on one.
    const std::filesystem::path& base_folder() const;
    /// Ids of base documents (rules: unprefixed rule ids) the sector switched off (sector.json base_off).
    const std::vector<std::string>& switched_off(ExtensionPoint point) const;

private:
    friend class PluginHost;
    struct Data;
    /// Reads the documents of `points` not read yet; the reason the plugin is broken, if it is.
    std::optional<Message> read(const std::vector<ExtensionPoint>& points) const;
    PluginManifest m_manifest;
    SectorPlugin* m_code = nullptr;                                  ///< owned by the host, never deleted while running
    std::map<ExtensionPoint, std::vector<Contribution>> m_code_docs; ///< what the code contributed, checked at load
    std::vector<std::filesystem::path> m_search;                     ///< where the base layer is looked for
    bool m_checked = false; ///< every document read and checked (the host's full check passed)
    std::unique_ptr<Data> m_data;
};

/// The "id" of a contributed document (a rule's id for rules), or "" when it has none.
std::string contribution_id(const Contribution& doc);
/// "base", "override" or "sector": where a contributed document comes from (see Contribution::origin).
std::string contribution_layer(const Contribution& doc);

/// A plugin that did not load, with the reason (a translated-at-the-edge message).
struct RejectedPlugin {
    std::filesystem::path folder;
    std::string id; ///< from the manifest when it could be read
    Message reason;
};

/// Which plugins a process loads: all of them, or (safe mode, --no-plugins) only those that ship
/// with OneBook, ignoring ONEBOOK_PLUGIN_PATH.
enum class PluginScope { All, ShippedOnly };

class PluginHost {
public:
    PluginHost();
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    /// The folders searched, in order: ONEBOOK_PLUGIN_PATH (colon-separated), then the built-in ones.
    static std::vector<std::filesystem::path> default_search_path();
    /// The plugins that ship with OneBook (safe mode loads only these): the build tree, and the
    /// install tree next to the running executable (<prefix>/share/onebook/plugins for data,
    /// <prefix>/<libdir>/onebook/plugins for plugins with a module).
    static std::vector<std::filesystem::path> builtin_search_path();

    /// Finds every plugin folder (a folder holding plugin.json) directly under each search folder
    /// and reads their manifests; a plugin is loaded when it is first asked for (find/require load
    /// only the plugin of that id, loaded/rejected load them all), so a command working on one
    /// sector never parses the others. The outcome is the same as loading all at once, in the same order.
    /// The first plugin of an id wins; later ones are rejected as duplicates. A plugin naming a base
    /// layer ("base" in plugin.json) gets the base's documents first: a folder of that name holding
    /// base.json beside the plugin's folder or directly under a search folder. The sector's documents
    /// replace base documents of the same id, the rest are added, and sector.json's "base_off" lists
    /// base ids to leave out ({"rules": ["freq.joint_meeting"], "meetings": [..], "ruletexts": [..]}).
    /// Base rule ids carry no sector prefix; they are loaded as "<sector>.<id>".
    void load_all(const std::vector<std::filesystem::path>& search_path = default_search_path());
    /// load_all() over the folders of `scope`: safe mode is this one call, in the CLI and the shell.
    void load_all(PluginScope scope);
    /// Loads one plugin folder; returns false and records the reason when it is rejected.
    bool load(const std::filesystem::path& folder);
    /// Calls `observer` for every plugin loaded so far and then for each one as it loads, so that
    /// what goes with a plugin (its English catalogue) is read only when a command uses the plugin.
    /// A plugin rejected as it loads is not heard of (one used before the full check and rejected by
    /// it was). The observer must not throw: it runs inside the host's loading.
    void on_load(std::function<void(const LoadedPlugin&)> observer);

    /// Every plugin that loaded (loads those not loaded yet), in search-path order.
    const std::vector<std::unique_ptr<LoadedPlugin>>& loaded() const;
    /// Every plugin that did not load (loads those not loaded yet), in search-path order.
    const std::vector<RejectedPlugin>& rejected() const;
    const LoadedPlugin* find(const std::string& id) const;
    /// Like find(), but throws an Error listing the loaded sectors when `id` is unknown.
    const LoadedPlugin& require(const std::string& id) const;

    /// Reads and checks a manifest; throws Error naming the file and the problem.
    static PluginManifest read_manifest(const std::filesystem::path& folder);

private:
    /// A plugin folder found by load_all and not loaded yet; id is "" when its manifest is unreadable.
    struct Pending {
        std::filesystem::path folder;
        std::string id;
    };
    void load_pending(const std::string* id) const;
    /// Loads one folder; `check` reads and checks every document now (else on first use).
    bool load_folder(const std::filesystem::path& folder, bool check);
    /// Checks the plugins loaded without the full check; rejects the broken ones. True when any was.
    bool check_loaded();
    const LoadedPlugin* find_loaded(const std::string& id) const;
    mutable std::vector<Pending> m_pending;
    std::size_t m_found = 0; ///< plugin folders met so far: their order is the order of the lists
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::vector<std::unique_ptr<LoadedPlugin>> m_loaded;
    std::vector<RejectedPlugin> m_rejected;
    std::vector<std::filesystem::path> m_search; ///< where base layers are looked for
};

} // namespace onebook::core
