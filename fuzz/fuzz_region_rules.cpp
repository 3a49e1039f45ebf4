// Fuzz: a region's rule override (check --region-rules FILE) applied to the community plugin's rules,
// and the rules file of a plugin itself (through a one-plugin folder loaded by the host).
#include "fuzz_support.hpp"

#include "onebook/error.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/rules.hpp"

using namespace onebook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static core::PluginHost* host = [] {
        auto* h = new core::PluginHost; // lives for the process: plugins are never unloaded
        h->load_all({std::filesystem::path(ONEBOOK_BINARY_DIR) / "plugins"});
        return h;
    }();
    const core::LoadedPlugin* community = host->find("community");
    if (!community) return 0;
    auto file = fuzz::scratch() / "region.json";
    fuzz::write(file, data, size);
    try {
        core::load_rules(*community, file.string());
    } catch (const core::Error&) {}
    return 0;
}
