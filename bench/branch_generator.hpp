// Generated branch packages for scale work on a superior's archive: N varied branches (all five
// sectors, a spread of grades, several years of 三会一课 records, members, filed documents,
// rectification items, and the last year's 分类定级 scored in both rounds), each a real archive
// exported and signed the way a branch reports upward (each with its own identity and key; the
// archives of one sector start from one copied template). Deterministic for a given index and seed.
// Generated data lives in a temporary folder and is never committed.
#pragma once

#include "onebook/plugin_host.hpp"
#include "onebook/rubric.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace onebook::bench {

struct BranchSpec {
    int index = 0; ///< 1-based; names and keys follow from it
    unsigned seed = 1;
    int last_year = 2025; ///< the year assessed; records cover `years` years ending with it
    int years = 3;
    /// Records per year: about 2 × (12 group meetings + 12 committee + 4 assembly + 4 lectures) at
    /// the default scale 1.0; 0.25 gives a small branch (tests).
    double scale = 1.0;
    bool documents = true; ///< file two small documents per year (needs the plugins' sections)
};

struct GeneratedBranch {
    std::filesystem::path zip;
    std::string name, sector;
    int records = 0, members = 0, documents = 0;
    double deduction = 0; ///< points the superior round took off (the grade follows)
};

/// The five sectors, in the order branches cycle through them.
const char* const* branch_sectors();
inline constexpr int branch_sector_count = 5;

/// Makes branch `spec.index` in `work` (its archive) and exports its package into `out`.
/// `plugins` and `rubrics` give the rubric (分类定级) and the book's sections; without them the
/// branch has no assessment and no documents.
GeneratedBranch generate_branch(const BranchSpec& spec, const std::filesystem::path& work, const std::filesystem::path& out,
                                const core::PluginHost* plugins, const core::RubricSet* rubrics);

} // namespace onebook::bench
