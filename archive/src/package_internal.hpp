// Internal to the package code (package_*.cpp), not installed: the values, JSON and schema
// reflection that export, reading and import share, and the parsed form of a package.
#pragma once

#include "onebook/archive/bagit.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/db.hpp"
#include "onebook/error.hpp"

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onebook::archive::pkg {

inline constexpr const char* json_name = "data/archive.json";
inline constexpr const char* files_dir = "data/files/";
inline constexpr const char* signature_file = "onebook-signature.txt"; // signs tagmanifest-sha256.txt; outside it

// ---- values (package_values.cpp) ----------------------------------------------------------------

struct Value {
    enum Type { Null, Int, Real, Text, Blob } type = Null;
    std::int64_t i = 0;
    double d = 0;
    std::string s; ///< text or blob bytes
    bool operator==(const Value& o) const { return type == o.type && i == o.i && (type != Real || d == o.d) && s == o.s; }
    bool operator<(const Value& o) const {
        if (type != o.type) return type < o.type;
        if (type == Int) return i < o.i;
        if (type == Real) return d < o.d;
        return s < o.s;
    }
};

Value column_value(const core::Statement& st, int col);
void bind_value(core::Statement& st, int idx, const Value& v);
std::string base64(const std::string& bytes);
std::string unbase64(const std::string& text);
void json_string(std::string& out, const std::string& s);
/// JSON of a value. Reals always carry a '.' or an exponent so they come back as reals; text that
/// is not UTF-8 and blobs travel as base64 objects.
void json_value(std::string& out, const Value& v);
std::string json_row(const std::vector<Value>& row);

// ---- the schema, as the package sees it (package_schema.cpp) -----------------------------------

std::string quote_id(const std::string& name);

struct Column {
    std::string name, type;
    bool notnull = false;
    int pk = 0;
};

struct Table {
    std::string name;
    std::vector<Column> columns;
    std::map<std::string, std::pair<std::string, std::string>> fks; ///< column → (parent table, parent column)
    std::vector<std::string> pk;                                    ///< primary key columns, in key order
    bool rowid_alias = false;                                       ///< INTEGER PRIMARY KEY: ids are renumbered
    std::string owner_column;                                       ///< how rows belong to an organisation
    int depth = 0;                                                  ///< 1: refers to organisation directly
    bool owned = false;

    /// The columns that identify a row: the primary key, or every column when there is none.
    std::vector<std::string> key() const {
        if (!pk.empty()) return pk;
        std::vector<std::string> all;
        for (const auto& c : columns) all.push_back(c.name);
        return all;
    }

    int index_of(const std::string& col) const {
        for (std::size_t k = 0; k < columns.size(); ++k)
            if (columns[k].name == col) return static_cast<int>(k);
        return -1;
    }
};

struct Schema {
    std::map<std::string, Table> tables;
    std::vector<std::string> owned; ///< in insertion order (parents first)
    Table organisation;

    const Table* find(const std::string& n) const {
        if (n == "organisation") return &organisation;
        auto it = tables.find(n);
        return it == tables.end() ? nullptr : &it->second;
    }
};

/// Integer keys from one archive to another: per table with renumbered ids, and the organisation.
struct KeyMap {
    bool identity = true;
    std::map<std::string, std::map<std::int64_t, std::int64_t>> ids;
    std::int64_t org_from = 0, org_to = 0;
};

/// Raised when a row refers to something the other side does not have.
struct Unmapped {
    std::string table, column;
    Value value;
};

/// Tables that never travel: SQLite's, the search index (derived), package bookkeeping, settings
/// (exported on their own) and the organisation row (exported on its own).
bool excluded_table(const std::string& name);
Table read_table(core::Database& db, const std::string& name);
Schema read_schema(core::Database& db);
/// SQL condition selecting the rows of `t` that belong to organisation :org.
std::string owner_condition(const Schema& s, const Table& t);
Value map_value(const Schema& s, const Table& t, const std::string& col, const Value& v, const KeyMap& m, int depth = 0);
bool is_private(const std::string& column);
bool is_sha_reference(const std::string& s);
std::string key_json(const Table& t, const std::vector<std::string>& columns, const std::vector<Value>& row);

// ---- the assessment's lines (package_lines.cpp) -------------------------------------------------

/// The assessment's scores, survey counts and vetoes keep one row per key in an archive, changed in
/// place; their lines are a view of the journal (<table>_history, the columns the tables had). A
/// package carries the lines under the table's name, as it carried the rows before, and an import
/// replays them: each key gets the lines it does not show yet, each one change of its row.
bool is_line_table(const std::string& name);
/// The columns naming the row a line changes.
const std::vector<std::string>& line_key(const std::string& table);
/// Writes one table's lines (its columns named by `columns`), its statements prepared once.
class LineWriter {
public:
    LineWriter(core::Database& db, const std::string& table, const std::vector<std::string>& columns);
    /// How many lines this archive shows for the key of `row`.
    std::int64_t lines_here(const std::vector<Value>& row);
    /// One line written: the row of its key takes its values (the id and seq of the line aside) as
    /// one UPDATE, or is created when there is none.
    void write(const std::vector<Value>& row);

private:
    core::Database& m_db;
    std::string m_table;
    std::vector<std::string> m_columns;
    std::vector<std::size_t> m_values; ///< the columns written (not id, seq or the key)
    int m_seq = -1;
    std::optional<core::Statement> m_count, m_update, m_insert;
};

// ---- a package as read (package_read.cpp) -------------------------------------------------------

struct PackageTable {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
};

/// The rectification ledger's history: a view of the journal in an archive, a section of its own
/// in a package (the name and columns the table had before it became a view), replayed on import
/// as the status changes it lists, so the importing archive's journal shows the same lines.
extern const char* const history_section;
/// The section's columns, in the order they are written.
const std::vector<std::string>& history_columns();

/// One line of the section, as read (item: the branch's id of the rectification item).
struct HistoryLine {
    std::int64_t item = 0;
    std::string on, from, to, note;
    std::int64_t seq = 0; ///< the item's status_seq after the change (older packages: the line's number)
};

/// The older activist list of a package from a branch on an earlier version, moved into the
/// package's 发展党员 pipeline (recruit, recruit_event) as the archive's schema upgrade moves it.
struct ParsedPackage;
void take_old_activists(ParsedPackage& p);

struct ParsedPackage {
    PackageInfo info;
    std::vector<std::pair<std::string, Value>> organisation;
    std::vector<std::pair<std::string, std::string>> settings;
    std::vector<PackageTable> tables;
    std::vector<HistoryLine> history; ///< taken out of `tables` once checked against a target archive
    std::vector<std::pair<std::string, std::filesystem::path>> files; // sha256 → extracted file
    std::string json_file;                                            // for messages
};

/// `what`: the system's words (a parser's message), kept as they are.
[[noreturn]] void bad_json(const std::string& file, const std::string& what);
/// `what`: our words, a message of its own (translated with the rest at the edge).
[[noreturn]] void bad_json(const std::string& file, const char* what_key, core::MessageParams what_params = {});
/// Same, about a place that is a message itself (`where`).
[[noreturn]] void bad_json_at(const std::string& file, const char* what_key, const core::Message& where);
/// `where`: a JSON member's name, or a message of its own ("表 {table} 第 {row} 行").
Value value_of(const Poco::Dynamic::Var& v, const std::string& file, const core::Message& where);
/// Every check of a package that needs no write: zip entries, bag checksums, the signature, the
/// JSON against the schema of `target` (when given), every value's meaning.
ParsedPackage read_package(const std::filesystem::path& zip, const std::filesystem::path& staging, core::Archive* target,
                           const ZipLimits& limits, const core::PluginHost* plugins);

/// The signature: over tagmanifest-sha256.txt, which covers bag-info.txt (with the public key) and
/// the manifest (with every payload checksum). Fills the signing fields of `info`; throws Error
/// for a signature that is missing, malformed or does not verify.
void check_signature(PackageInfo& info, const VerifiedBag& bag, const std::filesystem::path& zip, const std::string& base);

// ---- writing (package_export.cpp) ---------------------------------------------------------------

/// Writes a bag as a zip at `out`, atomically: bag-info (plus the signer's public key), manifests,
/// the signature when `signer` is given, `json` as payload[0] and the stored files of the rest of
/// `payload` (read from `store`). `after_entry` is the crash-test seam of ExportOptions.
void write_bag(const std::filesystem::path& out, BagInfo info, const std::vector<BagFile>& payload, const std::string& json,
               core::Archive* signer, FileStore* store, const std::function<void(const std::string&)>& after_entry);

// ---- import (package_import.cpp) ----------------------------------------------------------------

/// The import, or (dry_run) every check of it in a transaction rolled back.
ImportReport import_or_verify(core::Archive& archive, const std::filesystem::path& zip, const ImportOptions& options,
                              bool dry_run);

} // namespace onebook::archive::pkg
