// The interface between OneBook and a sector plugin. Everything a sector contributes is a JSON
// document of the same schema whether it comes from the plugin's data/ folder (declarative
// plugins) or from code; core parses both the same way.
//
// A code plugin is a shared library that
//   - exports   extern "C" int onebook_plugin_api_version()   (== ONEBOOK_PLUGIN_API_VERSION)
//   - exports   extern "C" const char* onebook_plugin_build_id() (== onebook::core::build_id())
//   - declares its class in a Poco manifest (POCO_BEGIN_MANIFEST(onebook::core::SectorPlugin) in
//     the global namespace) under the name given by "class" in plugin.json.
// Interfaces only grow at the end: a new virtual function is appended and the API version bumped.
#pragma once

#include <string>
#include <vector>

/// Version of this interface; plugin.json's "api_version" must equal it.
#define ONEBOOK_PLUGIN_API_VERSION 1

namespace onebook::core {

/// The places a plugin can contribute to. The data/ sub-folder of each is given beside it.
enum class ExtensionPoint {
    OrganisationDefaults, ///< data/sector.json: organisation-type defaults
    Rubrics,              ///< data/rubrics/*.json: assessment forms
    MeetingTemplates,     ///< data/meetings/*.json: meeting-record templates
    Rules,                ///< data/rules/*.json: rules with parameters (region overrides on top)
    Sections,             ///< data/sections/*.json: sections of the one book
    RuleTexts,            ///< data/ruletexts/*.json: standard rule texts for 基本制度
    BoardTemplates,       ///< data/boards/*.json: board templates added or overridden
};

/// Folder under data/ that holds an extension point's documents ("sector.json" is a single file).
const char* extension_folder(ExtensionPoint point);
/// All extension points, for iteration.
const std::vector<ExtensionPoint>& all_extension_points();

/// One contributed document: where it came from (file path or "plugin:<id>") and its JSON text.
struct Contribution {
    std::string source;
    std::string json;
    /// Which layer it comes from: "base" (the shared sector base, unchanged), "override" (the
    /// sector's document replacing the base's of the same id) or "" (the sector's own addition).
    std::string origin{};
};

/// Base class of code plugins.
class SectorPlugin {
public:
    virtual ~SectorPlugin() = default;
    /// Documents contributed at `point`, added to those of the data/ folder.
    virtual std::vector<Contribution> contribute(ExtensionPoint point) const = 0;
};

/// Compiler, standard library, build type and Poco version this binary was built with; host
/// and plugin must agree or C++ objects cannot cross the boundary safely.
std::string build_id();

} // namespace onebook::core

/// Convenience for plugins: defines the two exported C functions.
#define ONEBOOK_PLUGIN_EXPORTS()                                                                                                 \
    extern "C" __attribute__((visibility("default"))) int onebook_plugin_api_version() { return ONEBOOK_PLUGIN_API_VERSION; }    \
    extern "C" __attribute__((visibility("default"))) const char* onebook_plugin_build_id() {                                    \
        static const std::string id = ONEBOOK_BUILD_ID;                                                                          \
        return id.c_str();                                                                                                       \
    }
