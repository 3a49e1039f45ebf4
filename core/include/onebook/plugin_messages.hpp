// A plugin's translation of its own data: rule descriptions, record field labels, rubric names and section titles are
// written in Chinese in the plugin's JSON, and their English comes with the plugin.
#pragma once

#include <map>
#include <string>

namespace onebook::core {

class LoadedPlugin;

/// The plugin's translation of its own data into `language` ("en"): locale/<language>.json of its
/// base layer, then of the plugin, whose entries win. Each is one JSON object from the Chinese text
/// to its translation; a plugin without one gives an empty map. Throws Error naming the file and
/// the entry when it is not such an object.
std::map<std::string, std::string> plugin_messages(const LoadedPlugin& plugin, const std::string& language);

} // namespace onebook::core
