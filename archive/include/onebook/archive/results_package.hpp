// Results packages (下发): the end of 分类定级 travels back down. In the superior's archive, a
// results package per branch carries the superior round as decided — every score with its
// deduction reason, the survey, the vetoes, the total and final grade — and the rectification
// the superior requires, one requirement per deduction (the superior's own rectification item for
// that deduction when it wrote one). It is a bag like every package (bagit.hpp), signed with the
// superior archive's key, addressed to one branch by its uid.
//
// The branch imports it with the ordinary `package import`: the package must be addressed to this
// archive's organisation and signed; the superior's key is pinned on the first results package
// (its name must match the branch's 上级党组织 then) and every later one must carry the same key
// (a new one is accepted only with readmit). The superior round is written into the branch's
// assessment, which is then final and read-only; each requirement becomes an item of the branch's
// rectification ledger linked to its deduction. One transaction; importing the same results again
// changes nothing.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/safe_zip.hpp"
#include "onebook/plugin_host.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// Format version of data/results.json.
inline constexpr int results_format_version = 1;

struct ResultsExportOptions {
    std::optional<std::string> branch;         ///< uid or name of one imported branch; default: every branch graded in `year`
    std::optional<int> year;                   ///< default: the latest year with a finalised assessment of a branch
    const core::PluginHost* plugins = nullptr; ///< rubrics (deductions); required
};

struct ResultsExport {
    std::filesystem::path file;
    std::string package_id, branch, branch_uid;
    int year = 0;
    std::string rubric_id, grade;
    double total = 0;
    int scores = 0, requirements = 0;
};

/// Writes results packages of the superior's archive: into `out` as a file when one branch is
/// named and `out` ends in .zip, else into the folder `out` (one "<branch>-<year>年考核结果.zip" per
/// branch). Throws Error when the archive has no home organisation, the branch is unknown or not
/// graded for the year, or nothing is graded at all.
std::vector<ResultsExport> export_results(core::Archive& superior, const std::filesystem::path& out,
                                          const ResultsExportOptions& options);

/// True when `zip` is a results package (reads only its bag-info.txt); false for any other file.
bool is_results_package(const std::filesystem::path& zip, const ZipLimits& limits = {});

struct ResultsImportOptions {
    ZipLimits limits;
    bool readmit = false;                      ///< accept a new superior key (or a superior other than the one named)
    const core::PluginHost* plugins = nullptr; ///< rubrics: item ids and points are checked against them
    bool dry_run = false;                      ///< every check, nothing written
};

struct ResultsImport {
    std::string package_id, superior, superior_uid, fingerprint, exported_at;
    std::string outcome; ///< "applied" or "unchanged"
    int year = 0;
    std::string rubric_id, grade;
    double total = 0;
    int scores_changed = 0;         ///< superior-round scores written (differing from those in force)
    int items_added = 0;            ///< rectification items created
    std::vector<std::string> notes; ///< pinning, re-admission (Chinese)
};

/// Imports a results package into a branch's archive (see the file comment). Throws Error naming
/// what is wrong; the archive is then unchanged.
ResultsImport import_results(core::Archive& branch, const std::filesystem::path& zip, const ResultsImportOptions& options = {});

/// One results package received, newest first.
struct ResultsReceived {
    std::string imported_at, package_id, superior, fingerprint, exported_at, file_name;
    int year = 0;
    std::string rubric_id, grade;
    double total = 0;
    int scores_changed = 0, items_added = 0;
};
std::vector<ResultsReceived> results_received(core::Archive& branch);

} // namespace onebook::archive
