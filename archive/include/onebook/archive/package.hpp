// Packages: what a branch sends up to its superior committee (DOMAIN.md §1, §7). One zip in BagIt
// layout (RFC 8493) holding a JSON export of one organisation's archive and its stored files; the
// superior imports it into its own archive, which holds many organisations. docs/package-format.md
// describes every member of the format.
//
// Export writes a temporary file beside the target, fsyncs it and renames it into place: a crash
// leaves the old package (or none), never a partial one. Import checks the whole package first
// (safe_zip.hpp: every zip entry; bagit.hpp: every checksum; then the JSON against the target's
// schema), and only then writes, in one transaction: the organisation becomes a non-home row under
// the superior's own organisation; its rows are matched to those of earlier imports by their keys
// in the branch's archive, so a re-import changes nothing and a newer package updates rows in
// place, removes what the branch removed and records the counts per kind.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/safe_zip.hpp"
#include "onebook/plugin_host.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// Format version of data/archive.json (the "format_version" member).
inline constexpr int package_format_version = 1;

/// Columns never exported unless asked for (personal data, DOMAIN.md §2), whatever table they are in;
/// and the table that holds them for members.
const std::vector<std::string>& private_columns();
inline constexpr const char* private_table = "member_private";

struct ExportOptions {
    bool include_private = false;                ///< ID numbers, phones, addresses (member_private…)
    std::optional<std::string> organisation_uid; ///< default: the archive's own organisation; an
                                                 ///< imported one is exported as it was received
    /// Test seam: called after each zip entry is written (a test may throw or _exit here to
    /// simulate a crash mid-export).
    std::function<void(const std::string& entry)> after_entry;
};

struct ExportReport {
    std::filesystem::path file;
    std::string package_id; ///< Internal-Sender-Identifier (new UUID per export)
    std::string organisation, organisation_uid;
    std::string exported_at; ///< UTC, ISO 8601
    std::uint64_t bytes = 0; ///< size of the zip
    std::string payload_oxum;
    std::map<std::string, int> rows; ///< rows per table
    int files = 0;                   ///< stored files included
    bool includes_private = false;
};

/// Writes the package of an organisation to `out` (atomically). Throws Error when a stored file is
/// missing or altered (run `verify`), or the folder cannot be written.
ExportReport export_package(core::Archive& archive, const std::filesystem::path& out, const ExportOptions& options = {});

/// What a package says about itself (after every check passed).
struct PackageInfo {
    std::string package_id;
    std::string organisation_uid, organisation, sector;
    std::string exported_at, bagging_date;
    int schema_version = 0;
    bool includes_private = false;
    std::string payload_oxum;
    std::map<std::string, int> rows; ///< rows per table
    int files = 0;
    int entries = 0;                     ///< zip entries
    std::uint64_t bytes = 0;             ///< size of the zip
    bool signed_package = false;         ///< carries a valid signature of the branch's key
    std::string public_key, fingerprint; ///< the signing key (base64, and its short form)
};

struct ImportOptions {
    ZipLimits limits;
    bool allow_older = false;    ///< accept a package older than the one imported last (rolls back)
    bool readmit = false;        ///< accept a new signing key for a branch whose key was pinned
    bool accept_changes = false; ///< accept a renamed branch, a new sector or form, most records dropped
    /// Plugins for the checks of meaning (scores against the rubric's maximum, known sectors);
    /// without them only the checks that need no plugin data run.
    const core::PluginHost* plugins = nullptr;
};

/// Runs every check of import — zip entries, bag checksums, the signature, the JSON against this
/// program's schema, every value's meaning, and the whole import itself in a transaction that is
/// rolled back — without writing anything: "verified" means "will import". Into `archive` when
/// given (then its pinned keys and earlier imports count too), else into an empty scratch archive.
/// Throws Error naming the entry, file, table or row.
PackageInfo verify_package(const std::filesystem::path& zip, core::Archive* archive = nullptr, const ZipLimits& limits = {});
PackageInfo verify_package(const std::filesystem::path& zip, core::Archive* archive, const ImportOptions& options);

/// Changes to one kind (table) of data.
struct KindChange {
    std::string kind;  ///< table name
    std::string label; ///< Chinese
    int added = 0, removed = 0, changed = 0, unchanged = 0;
};

struct ImportReport {
    PackageInfo package;
    core::Id organisation_id = 0;
    std::string outcome;             ///< "added" (new organisation), "replaced", "unchanged"
    std::vector<KindChange> changes; ///< every kind in the package or removed by it
    int files_added = 0;             ///< stored files new to this archive
    double seconds = 0;              ///< wall time of the whole import
    std::vector<std::string> notes;  ///< signature state, re-admission, accepted differences (Chinese)
    int added() const;               ///< over all kinds
    int removed() const;
    int changed() const;
};

/// Imports a package into a superior's archive (see the file comment). Throws Error naming the
/// entry, file, table or row; the archive is then unchanged.
ImportReport import_package(core::Archive& archive, const std::filesystem::path& zip, const ImportOptions& options = {});

/// One row of the import log.
struct ImportLogEntry {
    core::Id id = 0;
    std::string imported_at, package_id, organisation_uid, organisation, exported_at, file_name, file_sha256, outcome;
    std::string note;
    std::vector<KindChange> changes;
};
/// The import log, newest first (of one organisation when given).
std::vector<ImportLogEntry> import_log(core::Archive& archive, std::optional<core::Id> organisation_id = {});

/// Chinese label of a table as a kind of data (党员, 活动记录…); the table name when unknown.
std::string table_label(const std::string& table);

} // namespace onebook::archive
