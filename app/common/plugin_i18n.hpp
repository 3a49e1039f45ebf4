// The plugins' translations of their data, looked up by app::tr after OneBook's own catalogue.
#pragma once

namespace onebook::core {
class PluginHost;
}

namespace onebook::app {

/// Adds the English of every loaded plugin's data (core::plugin_messages): rule descriptions and
/// rubric titles are msgids no catalogue of OneBook's holds. Each plugin folder is read once.
/// Throws core::Error naming a catalogue that is not an object of texts.
void add_plugin_messages(const core::PluginHost& plugins);

} // namespace onebook::app
