// The plugins' translations of their data, looked up by app::tr after OneBook's own catalogue.
#pragma once

namespace onebook::core {
class LoadedPlugin;
class PluginHost;
} // namespace onebook::core

namespace onebook::app {

/// Adds the English of every loaded plugin's data (core::plugin_messages): rule descriptions and
/// rubric titles are msgids no catalogue of OneBook's holds. Each plugin folder is read once.
/// Throws core::Error naming a catalogue that is not an object of texts.
void add_plugin_messages(const core::PluginHost& plugins);
/// The same for one plugin (and its base layer), as the CLI does when a command loads it
/// (PluginHost::on_load): a command on one sector does not read the others' catalogues.
void add_plugin_messages(const core::LoadedPlugin& plugin);

} // namespace onebook::app
