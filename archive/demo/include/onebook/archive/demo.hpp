// The demo archive: a realistic community branch that shows every capability of OneBook, built
// by the first README command so a new user sees the whole product at once.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/assessment.hpp"
#include "onebook/plugin_host.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace onebook::archive {

struct DemoReport {
    std::filesystem::path archive;            ///< the .onebook file
    std::vector<std::filesystem::path> files; ///< other outputs (boards, book, package…)
    std::vector<std::string> lines;           ///< what it holds, one line each (Simplified Chinese)
};

/// Builds (replacing) the demo in `folder`: folder/demo.onebook plus its outputs.
DemoReport build_demo(const std::filesystem::path& folder, const core::PluginHost& plugins);

/// Scores every item of a round of a generated assessment (the demo's branches, the benchmarks'):
/// full marks, minus `deduction` spread over the manually scored items (in half points, each with
/// the reason); the superior round's survey items are left to the ballots.
void score_generated_round(core::AssessmentStore& store, const core::Rubric& rubric, core::Id id, core::Round round,
                           double deduction, const std::string& reason, const std::string& by);

/// The demo roster as an Excel-style CSV (UTF-8 with BOM), deterministic.
std::string demo_roster_csv();

} // namespace onebook::archive
