// The demo archive: a realistic community branch that shows every capability of OneBook, built
// by the first README command so a new user sees the whole product at once.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/plugin_host.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace onebook::archive {

struct DemoReport {
    std::filesystem::path archive;          ///< the .onebook file
    std::vector<std::filesystem::path> files; ///< other outputs (boards, book, package…)
    std::vector<std::string> lines;         ///< what it holds, one line each (Simplified Chinese)
};

/// Builds (replacing) the demo in `folder`: folder/demo.onebook plus its outputs.
DemoReport build_demo(const std::filesystem::path& folder, const core::PluginHost& plugins);

/// The demo roster as an Excel-style CSV (UTF-8 with BOM), deterministic.
std::string demo_roster_csv();

} // namespace onebook::archive
