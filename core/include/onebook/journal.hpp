// The journal (全程纪实): who changed what and when, undo and redo, and the recycle bin (回收站).
//
// Every user table carries triggers (made from the schema just before a connection's first write, see
// journal.cpp) that write the row's JSON image before and after into change_row, under the
// transaction's change_set, in the same transaction as the change. So no call site has to remember to journal anything; a call site
// only says, when it matters, what kind of change it is (ChangeScope: an import is one change set).
// Undo reverses a set's rows (newest first), redo reverses the undo, and restoring a deleted item
// from the recycle bin reverses the set that deleted it, column by column, keeping later edits.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/db.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// The OS user's login name: whom changes are recorded under when nobody said otherwise.
std::string os_user_name();

/// Installs the journal on an archive's connection: hooks the connection's transactions and arms
/// the work done before it first writes a table — that table's triggers made from the schema as it
/// is (TEMP ones: a connection that only reads parses none), an earlier version's triggers kept in the
/// file dropped, a change set a foreign program left open closed. Called by Archive after migrating.
void install_journal(Database& db, const std::string& actor);
/// Drops the journal's triggers and the search index's TEMP triggers and views, and disarms their
/// making (before migrations, which may alter the tables they read; install_journal arms it again).
void drop_journal_triggers(Database& db);
/// Who makes the changes from now on (the CLI's --by, the shell's preference).
void set_journal_actor(Database& db, const std::string& actor);
std::string journal_actor(Database& db);

/// Opens the transaction's change set even when no row has changed yet (a purge, a restore from a
/// backup: entries of their own). Returns its id. Inside a transaction only.
std::int64_t open_change_set(Database& db);

/// A transaction that is one change set of a given kind ("import", "edit"…) with a summary shown
/// in the history ("导入党员名册 roster.csv"). Nested in another transaction, it joins it and labels
/// it unless the outer one already has a label.
class ChangeScope {
public:
    ChangeScope(Database& db, std::string kind, std::string summary, std::optional<std::int64_t> reverts = {});
    void commit();

private:
    Transaction m_tx;
};

/// One row a change set inserted (I), updated (U) or deleted (D).
struct ChangeRow {
    std::int64_t id = 0;
    std::string table;
    char op = 'U';
    std::int64_t row_id = 0;
    std::optional<std::string> before; ///< JSON object of the row's columns
    std::optional<std::string> after;
};

struct ChangeSet {
    std::int64_t id = 0;
    std::string at; ///< UTC, ISO 8601
    std::string by;
    std::string kind; ///< edit, import, undo, redo, restore, purge, migration, backup-restore
    std::string summary;
    std::optional<std::int64_t> reverts;
    std::optional<std::int64_t> reverted_by;
    std::vector<ChangeRow> rows;
};

/// What history() lists: everything, or one object's changes, from a date on.
struct HistoryFilter {
    /// "" for all; else record, member, document, rectification, entry, assessment, group, plan…
    std::string object_kind;
    std::int64_t object_id = 0;
    std::string item;  ///< assessment: one rubric item's scores only
    std::string since; ///< ISO date (local), inclusive
    int limit = 0;     ///< newest N sets (0: all)
};

/// One item of the recycle bin.
struct TrashItem {
    std::int64_t set_id = 0;
    std::string at;
    std::string by;
    std::string kind; ///< record, member, document, rectification, entry
    std::int64_t object_id = 0;
    std::string title; ///< as a secretary reads it: "2025-03-05 支部党员大会"
    int attached = 0;  ///< rows deleted with it (attendance, files, private data…)
    int objects = 1;   ///< items deleted together (a bulk delete)
    std::string state; ///< trashed, restored, purged
};

/// Translates a msgid (the edge passes its gettext lookup; identity by default).
using Translate = std::function<std::string(const std::string&)>;

/// One change set in words: "2026-03-05 14:30 王建国 修改了 会议记录「2025-03-05 支部党员大会」" and
/// one line per field: "缺席原因（李秀兰）：出差 → 病假".
struct HistoryEntry {
    std::int64_t set_id = 0;
    std::string at; ///< local time, "2026-03-05 14:30"
    std::string by;
    std::string kind;
    std::string text; ///< the headline
    std::vector<std::string> details;
    bool undone = false; ///< reversed by a later undo
};

class Journal {
public:
    explicit Journal(Archive& archive);

    std::vector<ChangeSet> sets(const HistoryFilter& filter, bool with_rows = true);
    std::optional<ChangeSet> set(std::int64_t id);
    std::vector<HistoryEntry> history(const HistoryFilter& filter, const Translate& tr = {});
    HistoryEntry describe(const ChangeSet& set, const Translate& tr = {});
    /// The newest change set's id (0 when none): the shell keeps it at open to undo only its session.
    std::int64_t last_set_id();

    /// The set undo() would reverse (newer than `after_set`), or nullopt.
    std::optional<ChangeSet> undo_target(std::int64_t after_set = 0);
    std::optional<ChangeSet> redo_target(std::int64_t after_set = 0);
    /// Reverses the newest change not yet undone; returns the undo's own set id. Error when there
    /// is nothing to undo, or the newest change cannot be undone (a purge, a migration, a restore
    /// from a backup), or the rows were changed since without the journal knowing.
    std::int64_t undo(std::int64_t after_set = 0);
    std::int64_t redo(std::int64_t after_set = 0);

    std::vector<TrashItem> trash(bool include_done = false);
    /// Brings a deleted item back with everything deleted with it; later edits of other rows are kept.
    std::int64_t restore(std::int64_t trash_set);
    /// Deletes a trashed item for good: it can no longer be restored, and files only it used are
    /// removed from the file store (after the commit). Returns the files removed.
    int purge(std::int64_t trash_set);

private:
    std::int64_t reverse(const ChangeSet& set, const std::string& kind, bool strict);
    Archive& m_archive;
    Database& m_db;
};

/// Where the file store keeps the bytes of `sha256`: "<archive>.files/ab/cdef…".
std::string file_store_path(const std::string& archive_path, const std::string& sha256);

} // namespace onebook::core
