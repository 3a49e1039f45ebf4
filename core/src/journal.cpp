// The journal: triggers generated from the schema, the change-set hook, undo/redo and the recycle bin.
#include "onebook/journal.hpp"

#include "journal_text.hpp"
#include "migrations.hpp"
#include "onebook/error.hpp"
#include "onebook/platform.hpp"
#include "onebook/write_work.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

// Tables that are the journal itself: never journaled.
const std::set<std::string> kJournalTables = {"change_set", "change_row", "trash_item"};

std::string quote_id(const std::string& name) {
    std::string out;
    out.reserve(name.size() + 2);
    out += '"';
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out += '"';
}

std::string quote_str(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/// The change-set hook: labels and closes the set the triggers opened, inside the transaction.
struct JournaledSchema;

class JournalObserver : public TransactionObserver {
public:
    explicit JournalObserver(std::string by) : actor(std::move(by)) {}
    struct Label {
        bool set = false;
        std::string kind = "edit";
        std::string summary;
        std::optional<std::int64_t> reverts;
    };
    std::string actor;
    Label label;
    /// The journaled schema as last read from committed state, and the schema cookie it was read at:
    /// a process writing several tables reads sqlite_schema once, not once per table.
    std::shared_ptr<const JournaledSchema> schema;
    std::int64_t schema_cookie = -1;

    void begun(Database&) override { label = {}; }

    void committing(Database& db) override {
        Label l = label;
        label = {};
        Statement q(db, "SELECT id FROM change_set WHERE open = 1");
        if (!q.step()) return; // nothing journaled: no entry
        std::int64_t id = q.get_int(0);
        Statement up(db, "UPDATE change_set SET open = NULL, by_name = ?, kind = ?, summary = ?, reverts = ? WHERE id = ?");
        up.bind_all(actor.empty() ? os_user_name() : actor, l.kind, l.summary).bind(4, l.reverts).bind(5, id).run();
        auto trash_state = [&](std::int64_t set, const char* from, const char* to) {
            Statement t(db, "UPDATE trash_item SET state = ?, changed_by = ? WHERE set_id = ? AND state = ?");
            t.bind_all(std::string(to), id, set, std::string(from)).run();
        };
        if (l.reverts) {
            std::int64_t target = *l.reverts;
            std::string target_kind;
            std::optional<std::int64_t> target_reverts;
            {
                Statement k(db, "SELECT kind, reverts FROM change_set WHERE id = ?");
                k.bind(1, target);
                if (k.step()) {
                    target_kind = k.get_text(0);
                    target_reverts = k.get_opt_int(1);
                }
            }
            if (l.kind == "undo" || l.kind == "redo") {
                Statement r(db, "UPDATE change_set SET reverted_by = ? WHERE id = ?");
                r.bind_all(id, target).run();
                trash_state(target, "trashed", "restored");
                // Undoing a restore puts the item back in the bin; redoing one takes it out again.
                if (target_kind == "restore" && target_reverts) trash_state(*target_reverts, "restored", "trashed");
                if (target_kind == "undo" && target_reverts) {
                    Statement o(db, "SELECT kind, reverts FROM change_set WHERE id = ?");
                    o.bind(1, *target_reverts);
                    if (o.step() && o.get_text(0) == "restore" && !o.is_null(1)) trash_state(o.get_int(1), "trashed", "restored");
                }
            } else if (l.kind == "restore") {
                trash_state(target, "trashed", "restored");
            }
        }
        if (l.kind == "edit" || l.kind == "redo") {
            Statement t(db, "INSERT INTO trash_item(set_id) SELECT ?1 WHERE EXISTS (SELECT 1 FROM change_row WHERE set_id = ?1 "
                            "AND op = 'D' AND tbl IN ('record','member','document','rectification_item','book_entry'))");
            t.bind(1, id).run();
        }
    }
};

JournalObserver* observer_of(Database& db) { return dynamic_cast<JournalObserver*>(db.observer()); }

struct TableInfo {
    std::vector<std::string> cols;
    std::string ipk; ///< the INTEGER PRIMARY KEY column (rowid alias), or ""
    struct Fk {
        std::string parent, from, to;
    };
    std::vector<Fk> fks;
};

TableInfo table_info(Database& db, const std::string& table) {
    TableInfo t;
    int pk_count = 0;
    std::string pk_col, pk_type;
    Statement st(db, "SELECT name, type, pk FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step()) {
        t.cols.push_back(st.get_text(0));
        if (st.get_int(2) > 0) {
            ++pk_count;
            pk_col = st.get_text(0);
            pk_type = st.get_text(1);
        }
    }
    std::transform(pk_type.begin(), pk_type.end(), pk_type.begin(), ::toupper);
    if (pk_count == 1 && pk_type == "INTEGER") t.ipk = pk_col;
    Statement fk(db, "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)");
    fk.bind(1, table);
    while (fk.step()) t.fks.push_back({fk.get_text(0), fk.get_text(1), fk.get_opt_text(2).value_or("")});
    return t;
}

std::string json_expr(const std::vector<std::string>& cols, const std::string& prefix) {
    std::string s = "json_object(";
    for (std::size_t i = 0; i < cols.size(); ++i) s += (i ? ", " : "") + quote_str(cols[i]) + ", " + prefix + quote_id(cols[i]);
    return s + ")";
}

/// The tables the journal covers, and the guard triggers kept in the file, read from the schema
/// alone (one query: cheap enough for every open).
struct JournaledSchema {
    std::vector<std::string> tables;
    std::map<std::string, std::string> guards; ///< name → SQL of the guard triggers in the file
    bool has_journal = false;                  ///< the journal's own tables exist (not while creating)
    bool has_search = false;                   ///< the search index's tables exist
    bool search_in_file = false;               ///< its triggers are kept in the file (before schema 20)
};

JournaledSchema journaled_schema(Database& db) {
    JournaledSchema out;
    Statement st(db, "SELECT type, name, sql FROM main.sqlite_schema WHERE type IN ('table', 'trigger')");
    std::vector<std::string> virtuals;
    std::vector<std::pair<std::string, std::string>> all;
    while (st.step()) {
        if (st.get_text(0) == "trigger") {
            std::string name = st.get_text(1);
            if (name.rfind("guard_", 0) == 0) out.guards[name] = st.get_text(2);
            if (name.rfind("search_", 0) == 0) out.search_in_file = true;
        } else {
            all.emplace_back(st.get_text(1), st.get_text(2));
        }
    }
    for (auto& [name, sql] : all)
        if (sql.rfind("CREATE VIRTUAL", 0) == 0) virtuals.push_back(name + "_");
    for (auto& [name, sql] : all) {
        if (name == "change_row") out.has_journal = true;
        if (name == "search_item") out.has_search = true;
        if (name.rfind("sqlite_", 0) == 0 || kJournalTables.count(name)) continue;
        // Derived from the other tables by their own triggers (0006): rebuilt, not journaled.
        if (name.rfind("search_", 0) == 0) continue;
        if (sql.rfind("CREATE VIRTUAL", 0) == 0) continue;
        const std::string& table = name; // clang 14 cannot capture a structured binding
        if (std::any_of(virtuals.begin(), virtuals.end(), [&](auto& v) { return table.rfind(v, 0) == 0; })) continue;
        // Table options follow the column list's closing parenthesis: only that tail is read.
        std::string options = sql.substr(std::min(sql.size(), sql.rfind(')') + 1));
        std::transform(options.begin(), options.end(), options.begin(), ::toupper);
        if (options.find("WITHOUT ROWID") != std::string::npos)
            throw Error("档案 {file} 的表 {table} 没有行号（WITHOUT ROWID），无法记入全程纪实",
                        {{"file", db.path()}, {"table", name}});
        out.tables.push_back(name);
    }
    return out;
}

std::int64_t schema_cookie(Database& db) { return db.scalar_int("PRAGMA main.schema_version"); }

/// Keeps `schema`, read at `cookie`, as the connection's copy. Only for committed state: a rollback
/// puts an earlier cookie back, and a later change could then reach the same value with another schema.
void remember_schema(Database& db, std::shared_ptr<const JournaledSchema> schema, std::int64_t cookie) {
    if (auto* o = observer_of(db)) {
        o->schema = std::move(schema);
        o->schema_cookie = cookie;
    }
}

/// The guard triggers every journaled table keeps in the file: before any change they call a
/// function only OneBook's connections have (journal_guard_function), so another program's change
/// is refused rather than left out of the journal, while the journal's own triggers stay TEMP ones
/// (see make_journal_triggers). Kept this short because every connection parses them at open.
std::map<std::string, std::string> expected_guards(const std::vector<std::string>& tables) {
    std::map<std::string, std::string> out;
    const std::string body = std::string(" BEGIN SELECT ") + journal_guard_function + "();END";
    for (const auto& t : tables)
        for (const auto& [suffix, event] : {std::pair{"_i", "INSERT"}, {"_u", "UPDATE"}, {"_d", "DELETE"}})
            out["guard_" + t + suffix] =
                "CREATE TRIGGER " + quote_id("guard_" + t + suffix) + " BEFORE " + event + " ON " + quote_id(t) + body;
    return out;
}

std::map<std::string, std::string> expected_triggers(Database& db, const std::vector<std::string>& tables) {
    const std::string open_set = "INSERT INTO change_set(open) SELECT 1 WHERE NOT EXISTS "
                                 "(SELECT 1 FROM change_set WHERE open = 1);\n";
    const std::string set_id = "(SELECT id FROM change_set WHERE open = 1)";
    std::map<std::string, std::string> out;
    for (const auto& t : tables) {
        TableInfo info = table_info(db, t);
        std::string qt = "main." + quote_id(t), lt = quote_str(t);
        std::string name = "journal_" + t;
        out[name + "_ai"] = "CREATE TEMP TRIGGER " + quote_id(name + "_ai") + " AFTER INSERT ON " + qt + " BEGIN\n" + open_set +
                            "INSERT INTO change_row(set_id, tbl, op, row_id, after) VALUES (" + set_id + ", " + lt +
                            ", 'I', NEW.rowid, " + json_expr(info.cols, "NEW.") + ");\nEND";
        std::string differs;
        for (const auto& c : info.cols)
            differs += (differs.empty() ? "" : " OR ") + ("OLD." + quote_id(c) + " IS NOT NEW." + quote_id(c));
        // An update keeps only the columns it changed, before and after: that is all undo needs.
        std::string unchanged;
        for (const auto& c : info.cols)
            unchanged +=
                ", CASE WHEN OLD." + quote_id(c) + " IS NEW." + quote_id(c) + " THEN " + quote_str("$." + c) + " ELSE '$.~' END";
        out[name + "_au"] = "CREATE TEMP TRIGGER " + quote_id(name + "_au") + " AFTER UPDATE ON " + qt + " WHEN " + differs +
                            " BEGIN\n" + open_set + "INSERT INTO change_row(set_id, tbl, op, row_id, before, after) VALUES (" +
                            set_id + ", " + lt + ", 'U', OLD.rowid, json_remove(" + json_expr(info.cols, "OLD.") + unchanged +
                            "), json_remove(" + json_expr(info.cols, "NEW.") + unchanged + "));\nEND";
        out[name + "_ad"] = "CREATE TEMP TRIGGER " + quote_id(name + "_ad") + " AFTER DELETE ON " + qt + " BEGIN\n" + open_set +
                            "INSERT INTO change_row(set_id, tbl, op, row_id, before) VALUES (" + set_id + ", " + lt +
                            ", 'D', OLD.rowid, " + json_expr(info.cols, "OLD.") + ");\nEND";
    }
    return out;
}

} // namespace

std::int64_t open_change_set(Database& db) {
    db.exec("INSERT INTO change_set(open) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM change_set WHERE open = 1)");
    return db.scalar_int("SELECT id FROM change_set WHERE open = 1");
}

namespace {

bool is_undoable_kind(const std::string& k) { return k == "edit" || k == "import" || k == "redo" || k == "restore"; }

} // namespace

std::string os_user_name() { return platform::user_name(); }

std::string file_store_path(const std::string& archive_path, const std::string& sha256) {
    return (fs::path(archive_path + ".files") / sha256.substr(0, 2) / sha256.substr(2)).string();
}

namespace {

/// Drops the triggers and views of one schema whose names start with one of `prefixes`: in "main"
/// the journal's triggers an earlier OneBook kept in the file, in "temp" what make_journal_triggers
/// made on this connection (the journal's triggers, the search index's triggers and views).
void drop_journal_objects(Database& db, const std::string& schema, const std::vector<std::string>& prefixes) {
    std::string match;
    for (const auto& p : prefixes)
        match += (match.empty() ? "" : " OR ") + ("substr(name, 1, " + std::to_string(p.size()) + ") = " + quote_str(p));
    std::vector<std::pair<std::string, std::string>> objects;
    Statement st(db, "SELECT type, name FROM " + schema + ".sqlite_schema WHERE type IN ('trigger', 'view') AND (" + match +
                         ") ORDER BY type");
    while (st.step()) objects.emplace_back(st.get_text(0), st.get_text(1));
    for (const auto& [type, name] : objects)
        db.exec((type == "view" ? "DROP VIEW IF EXISTS " : "DROP TRIGGER IF EXISTS ") + schema + "." + quote_id(name));
}

/// The history views' names, as drop_journal_objects() prefixes.
std::vector<std::string> history_view_names() {
    std::vector<std::string> out;
    for (const auto& [name, sql] : *history_views()) out.push_back(name);
    return out;
}

/// Whether writing `table` fires the search index's triggers (or feeds the index itself): the
/// tables its triggers are on, read from their SQL.
bool feeds_search(const std::string& table) {
    static const std::set<std::string> tables = [] {
        std::set<std::string> out;
        const std::string sql = temp_search_sql(), on = " ON main.";
        for (auto p = sql.find(on); p != std::string::npos; p = sql.find(on, p + 1)) {
            auto from = p + on.size();
            out.insert(sql.substr(from, sql.find(' ', from) - from));
        }
        return out;
    }();
    return tables.count(table) || table.rfind("search_", 0) == 0;
}

/// The journal's triggers of the tables a statement is about to write, made from the schema as it
/// is now, and the search index's triggers and views if it feeds the index: TEMP objects, so they
/// live with the connection and cost nothing to a connection that only reads (SQLite parses every
/// object kept in the file on each connection's first statement), and a process that writes one
/// table parses that table's three triggers, not all 120-odd. Run by Database::set_before_first_write
/// before a statement that writes a table not seen yet (pending_write()), in one transaction.
void make_journal_triggers(Database& db) {
    const PendingWrite& pending = pending_write();
    const bool outermost = !db.in_transaction(); // then what it reads is committed once tx commits
    std::shared_ptr<const JournaledSchema> fresh;
    std::int64_t cookie = -1;
    Transaction tx(db);
    if (pending.first) {
        drop_journal_objects(db, "main", {"journal_"});
        // A program without the journal's hook (the sqlite3 shell…) left its changes in an open set.
        db.exec("UPDATE change_set SET open = NULL, by_name = CASE by_name WHEN '' THEN '（外部程序）' ELSE by_name END "
                "WHERE open = 1");
    }
    if (!pending.tables.empty()) {
        // The connection's copy while the schema cookie has not moved (no table made, changed or dropped).
        cookie = schema_cookie(db);
        auto* o = observer_of(db);
        std::shared_ptr<const JournaledSchema> kept = o && o->schema_cookie == cookie ? o->schema : nullptr;
        if (!kept) kept = fresh = std::make_shared<const JournaledSchema>(journaled_schema(db));
        const JournaledSchema& schema = *kept;
        std::set<std::string> made; // a rollback may have undone some: what is there now
        Statement st(db, "SELECT name FROM temp.sqlite_schema WHERE type = 'trigger'");
        while (st.step()) made.insert(st.get_text(0));
        std::vector<std::string> tables;
        bool search = false;
        for (const auto& t : pending.tables) {
            if (std::find(schema.tables.begin(), schema.tables.end(), t) != schema.tables.end() &&
                !made.count("journal_" + t + "_ai"))
                tables.push_back(t);
            search = search || feeds_search(t);
        }
        for (const auto& [name, sql] : expected_triggers(db, tables)) db.exec(sql);
        // The search index's triggers and views, kept out of the file since schema 20 (they feed
        // search_item in the same transaction as the change, as the journal's do change_row).
        if (search && schema.has_search && !schema.search_in_file && !made.count("search_item_ai")) db.exec(temp_search_sql());
    }
    tx.commit();
    if (fresh && outermost) remember_schema(db, std::move(fresh), cookie);
}

} // namespace

const std::shared_ptr<const std::map<std::string, std::string, std::less<>>>& history_views() {
    static const auto views = [] {
        auto out = std::make_shared<std::map<std::string, std::string, std::less<>>>();
        const std::string sql = temp_history_sql(), create = "\nCREATE TEMP VIEW ";
        for (auto p = sql.find(create); p != std::string::npos; p = sql.find(create, p + 1)) {
            auto from = p + create.size();
            auto end = sql.find(";\n", from) + 1; // the statement alone, without the next one's comment
            (*out)[sql.substr(from, sql.find(' ', from) - from)] = sql.substr(p + 1, end - p - 1);
        }
        return std::shared_ptr<const std::map<std::string, std::string, std::less<>>>(std::move(out));
    }();
    return views;
}

void drop_journal_triggers(Database& db) {
    db.set_before_first_write(nullptr);
    drop_journal_objects(db, "main", {"journal_"});
    // The history views too: made again, on demand, for the tables as they are then.
    std::vector<std::string> temp = history_view_names();
    temp.insert(temp.begin(), {"journal_", "search_"});
    drop_journal_objects(db, "temp", temp);
}

void install_journal(Database& db, const std::string& actor) {
    // Every journaled table guarded in the file (an archive from before the guards, a table a
    // migration made or rebuilt, a restored backup): checked at every open, from the schema alone.
    const std::int64_t cookie = schema_cookie(db); // before the read: a change in between reads again
    auto read = std::make_shared<const JournaledSchema>(journaled_schema(db));
    const JournaledSchema& schema = *read;
    if (!schema.has_journal) return;
    db.set_before_first_write(nullptr); // the guards below are not journaled
    auto guards = expected_guards(schema.tables);
    if (guards != schema.guards) {
        db.set_observer(nullptr);
        Transaction tx(db);
        for (const auto& [name, sql] : schema.guards)
            if (!guards.count(name) || guards[name] != sql) db.exec("DROP TRIGGER " + quote_id(name));
        for (const auto& [name, sql] : guards)
            if (!schema.guards.count(name) || schema.guards.at(name) != sql) db.exec(sql);
        tx.commit();
    }
    db.set_observer(std::make_shared<JournalObserver>(actor));
    // The first write of this connection then needs no second read of the schema (the guards it
    // just fixed, if any, moved the cookie: that write reads it again).
    if (!db.in_transaction() && guards == schema.guards) remember_schema(db, read, cookie);
    db.set_before_first_write(make_journal_triggers);
}

void set_journal_actor(Database& db, const std::string& actor) {
    if (auto* o = observer_of(db)) o->actor = actor;
}

std::string journal_actor(Database& db) {
    auto* o = observer_of(db);
    return o && !o->actor.empty() ? o->actor : os_user_name();
}

ChangeScope::ChangeScope(Database& db, std::string kind, std::string summary, std::optional<std::int64_t> reverts) : m_tx(db) {
    if (auto* o = observer_of(db); o && !o->label.set) o->label = {true, std::move(kind), std::move(summary), reverts};
}

void ChangeScope::commit() { m_tx.commit(); }

// ---- reading ------------------------------------------------------------------------------------

Journal::Journal(Archive& archive) : m_archive(archive), m_db(archive.db()) {}

std::int64_t Journal::last_set_id() { return m_db.scalar_int("SELECT coalesce(max(id), 0) FROM change_set WHERE open IS NULL"); }

namespace {

ChangeSet read_set_row(Statement& st) {
    ChangeSet s;
    s.id = st.get_int(0);
    s.at = st.get_text(1);
    s.by = st.get_text(2);
    s.kind = st.get_text(3);
    s.summary = st.get_text(4);
    s.reverts = st.get_opt_int(5);
    s.reverted_by = st.get_opt_int(6);
    return s;
}

const char* kSetCols = "s.id, s.at, s.by_name, s.kind, s.summary, s.reverts, s.reverted_by";

void load_rows(Database& db, ChangeSet& s) {
    Statement st(db, "SELECT id, tbl, op, row_id, before, after FROM change_row WHERE set_id = ? ORDER BY id");
    st.bind(1, s.id);
    while (st.step()) {
        ChangeRow r;
        r.id = st.get_int(0);
        r.table = st.get_text(1);
        r.op = st.get_text(2)[0];
        r.row_id = st.get_int(3);
        r.before = st.get_opt_text(4);
        r.after = st.get_opt_text(5);
        s.rows.push_back(std::move(r));
    }
}

/// The updates of a part changed in place (an assessment's scores): an update keeps only what it
/// changed, so its owner is read from the row as it is.
std::string changed_in_place(const std::string& child, const std::string& fk, const HistoryFilter& f) {
    if (child.rfind("assessment_", 0) != 0) return "";
    std::string c = " OR (r.tbl = " + quote_str(child) + " AND r.op = 'U' AND r.row_id IN (SELECT id FROM " + quote_id(child) +
                    " WHERE " + quote_id(fk) + " = " + std::to_string(f.object_id);
    if (!f.item.empty() && child == "assessment_score") c += " AND item_id = " + quote_str(f.item);
    return c + "))";
}

} // namespace

std::optional<ChangeSet> Journal::set(std::int64_t id) {
    Statement st(m_db, std::string("SELECT ") + kSetCols + " FROM change_set AS s WHERE s.id = ? AND s.open IS NULL");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    ChangeSet s = read_set_row(st);
    load_rows(m_db, s);
    return s;
}

std::vector<ChangeSet> Journal::sets(const HistoryFilter& f, bool with_rows) {
    std::string sql = std::string("SELECT ") + kSetCols + " FROM change_set AS s WHERE s.open IS NULL";
    std::vector<std::string> binds;
    if (!f.since.empty()) {
        sql += " AND date(s.at, 'localtime') >= ?";
        binds.push_back(f.since);
    }
    if (!f.object_kind.empty()) {
        ObjectKind k = object_kind(f.object_kind);
        std::string cond = "(r.tbl = " + quote_str(k.table) + " AND r.row_id = " + std::to_string(f.object_id) + ")";
        for (const auto& [child, fk] : k.children) {
            std::string c = "((r.tbl = " + quote_str(child) + " AND json_extract(coalesce(r.after, r.before), '$." + fk +
                            "') = " + std::to_string(f.object_id);
            if (!f.item.empty() && child == "assessment_score")
                c += " AND json_extract(coalesce(r.after, r.before), '$.item_id') = " + quote_str(f.item);
            c += ")" + changed_in_place(child, fk, f);
            cond += " OR " + c + ")";
        }
        if (!f.item.empty()) cond = cond.substr(cond.find(" OR ") + 4); // one item: its scores only
        sql += " AND s.id IN (SELECT r.set_id FROM change_row AS r WHERE " + cond + ")";
    }
    sql += " ORDER BY s.id DESC";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
    Statement st(m_db, sql);
    for (std::size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i + 1), binds[i]);
    std::vector<ChangeSet> out;
    while (st.step()) out.push_back(read_set_row(st));
    if (with_rows)
        for (auto& s : out) load_rows(m_db, s);
    return out;
}

std::vector<HistoryEntry> Journal::history(const HistoryFilter& filter, const Translate& tr) {
    std::vector<HistoryEntry> out;
    for (const auto& s : sets(filter)) out.push_back(describe(s, tr));
    return out;
}

HistoryEntry Journal::describe(const ChangeSet& s, const Translate& tr) {
    Translate t = tr ? tr : Translate([](const std::string& x) { return x; });
    std::function<std::optional<ChangeSet>(std::int64_t)> lookup = [this](std::int64_t id) { return set(id); };
    return describe_set(m_db, s, t, lookup);
}

// ---- undo and redo -------------------------------------------------------------------------------

std::optional<ChangeSet> Journal::undo_target(std::int64_t after_set) {
    Statement st(m_db, std::string("SELECT ") + kSetCols +
                           " FROM change_set AS s WHERE s.open IS NULL AND s.id > ? ORDER BY s.id DESC");
    st.bind(1, after_set);
    while (st.step()) {
        ChangeSet s = read_set_row(st);
        if (s.kind == "undo" || s.reverted_by) continue;
        if (!is_undoable_kind(s.kind)) return s; // a barrier: the caller refuses with its kind
        return s;
    }
    return std::nullopt;
}

std::optional<ChangeSet> Journal::redo_target(std::int64_t after_set) {
    Statement st(m_db, std::string("SELECT ") + kSetCols +
                           " FROM change_set AS s WHERE s.open IS NULL AND s.id > ? ORDER BY s.id DESC");
    st.bind(1, after_set);
    while (st.step()) {
        ChangeSet s = read_set_row(st);
        if (s.kind == "redo") continue;
        if (s.kind == "undo") {
            if (s.reverted_by) continue;
            return s;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::int64_t Journal::undo(std::int64_t after_set) {
    auto target = undo_target(after_set);
    if (!target) throw Error(OB_N("没有可以撤销的修改"));
    if (!is_undoable_kind(target->kind))
        throw Error(OB_N("最近一次操作（{what}）不能撤销；需要时可从备份恢复"), {{"what", kind_label(target->kind)}});
    load_rows(m_db, *target);
    return reverse(*target, "undo", true);
}

std::int64_t Journal::redo(std::int64_t after_set) {
    auto target = redo_target(after_set);
    if (!target) throw Error(OB_N("没有可以重做的修改"));
    load_rows(m_db, *target);
    return reverse(*target, "redo", true);
}

std::int64_t Journal::reverse(const ChangeSet& s, const std::string& kind, bool strict) {
    std::map<std::string, TableInfo> infos;
    auto info = [&](const std::string& t) -> TableInfo& {
        auto it = infos.find(t);
        if (it == infos.end()) {
            if (m_db.scalar_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = " + quote_str(t)) == 0)
                throw Error(OB_N("无法还原：档案中已没有表 {table}"), {{"table", t}});
            it = infos.emplace(t, table_info(m_db, t)).first;
        }
        return it->second;
    };
    auto conflict = [&](const ChangeRow& r) {
        return Error(OB_N("无法还原“{what}”：{object} 在那之后又被改动过"),
                     {{"what", kind_label(s.kind)}, {"object", table_label(r.table) + " #" + std::to_string(r.row_id)}});
    };
    ChangeScope scope(m_db, kind, "", s.id);
    m_db.exec("PRAGMA defer_foreign_keys = ON");

    // Restoring from the bin: a deleted row whose id was taken since comes back under a new id,
    // and the rows restored with it follow it there.
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> remap;
    if (!strict) {
        std::map<std::string, std::int64_t> next;
        for (const auto& r : s.rows) {
            if (r.op != 'D') continue;
            TableInfo& ti = info(r.table);
            Statement ex(m_db, "SELECT 1 FROM " + quote_id(r.table) + " WHERE rowid = ?");
            ex.bind(1, r.row_id);
            if (!ex.step()) continue;
            if (ti.ipk.empty()) throw conflict(r);
            if (!next.count(r.table)) {
                // Above both the rows there now and every row coming back, so no new id meets an old one.
                std::int64_t top = m_db.scalar_int("SELECT coalesce(max(rowid), 0) FROM " + quote_id(r.table));
                for (const auto& o : s.rows)
                    if (o.table == r.table) top = std::max(top, o.row_id);
                next[r.table] = top;
            }
            remap[{r.table, r.row_id}] = ++next[r.table];
        }
    }
    auto remapped_json = [&](const ChangeRow& r, std::string json) {
        if (remap.empty()) return json;
        TableInfo& ti = info(r.table);
        for (const auto& fk : ti.fks) {
            std::string to = fk.to;
            if (to.empty() || to == info(fk.parent).ipk) {
                Statement v(m_db, "SELECT json_extract(?, '$.' || ?)");
                v.bind_all(json, fk.from);
                if (!v.step() || v.is_null(0)) continue;
                auto it = remap.find({fk.parent, v.get_int(0)});
                if (it == remap.end()) continue;
                Statement set(m_db, "SELECT json_set(?, '$.' || ?, ?)");
                set.bind_all(json, fk.from, it->second);
                set.step();
                json = set.get_text(0);
            }
        }
        return json;
    };

    for (auto it = s.rows.rbegin(); it != s.rows.rend(); ++it) {
        const ChangeRow& r = *it;
        TableInfo& ti = info(r.table);
        std::string qt = quote_id(r.table);
        if (r.op == 'I') {
            Statement cur(m_db, "SELECT " + json_expr(ti.cols, "") + " FROM " + qt + " WHERE rowid = ?");
            cur.bind(1, r.row_id);
            bool same = cur.step() && cur.get_text(0) == r.after.value_or("");
            if (!same) {
                if (strict) throw conflict(r);
                continue;
            }
            Statement del(m_db, "DELETE FROM " + qt + " WHERE rowid = ?");
            del.bind(1, r.row_id).run();
        } else if (r.op == 'D') {
            std::int64_t rowid = r.row_id;
            if (auto m = remap.find({r.table, r.row_id}); m != remap.end()) rowid = m->second;
            else {
                Statement ex(m_db, "SELECT 1 FROM " + qt + " WHERE rowid = ?");
                ex.bind(1, rowid);
                if (ex.step()) throw conflict(r);
            }
            std::string cols = "rowid", vals = "?1";
            for (const auto& c : ti.cols) {
                if (c == ti.ipk) continue;
                cols += ", " + quote_id(c);
                vals += ", json_extract(?2, " + quote_str("$." + c) + ")";
            }
            Statement ins(m_db, "INSERT INTO " + qt + "(" + cols + ") VALUES (" + vals + ")");
            ins.bind(1, rowid).bind(2, remapped_json(r, r.before.value_or("{}"))).run();
        } else {
            std::string before = remapped_json(r, r.before.value_or("{}"));
            std::vector<std::string> changed;
            {
                Statement d(m_db, "SELECT b.key FROM json_each(?1) AS b WHERE b.value IS NOT json_extract(?2, '$.' || b.key)");
                d.bind_all(before, r.after.value_or("{}"));
                while (d.step()) changed.push_back(d.get_text(0));
            }
            std::string sets;
            for (const auto& c : changed) {
                if (std::find(ti.cols.begin(), ti.cols.end(), c) == ti.cols.end()) continue;
                Statement cur(m_db, "SELECT " + quote_id(c) + " IS json_extract(?, " + quote_str("$." + c) + ") FROM " + qt +
                                        " WHERE rowid = ?");
                cur.bind(1, r.after.value_or("{}")).bind(2, r.row_id);
                bool same = cur.step() && cur.get_int(0) == 1;
                if (!same) {
                    if (strict) throw conflict(r);
                    continue; // changed again since: the later edit stays
                }
                sets += (sets.empty() ? "" : ", ") + quote_id(c) + " = json_extract(?1, " + quote_str("$." + c) + ")";
            }
            if (sets.empty()) continue;
            Statement up(m_db, "UPDATE " + qt + " SET " + sets + " WHERE rowid = ?2");
            up.bind(1, before).bind(2, r.row_id).run();
        }
    }
    open_change_set(m_db); // even a reversal that found nothing to change is an entry
    scope.commit();
    Statement id(m_db, "SELECT max(id) FROM change_set WHERE reverts = ?");
    id.bind(1, s.id);
    return id.step() ? id.get_int(0) : 0;
}

// ---- recycle bin -----------------------------------------------------------------------------------

std::vector<TrashItem> Journal::trash(bool include_done) {
    std::vector<TrashItem> out;
    Statement st(
        m_db,
        std::string("SELECT t.set_id, s.at, s.by_name, t.state FROM trash_item AS t JOIN change_set AS s ON s.id = t.set_id") +
            (include_done ? "" : " WHERE t.state = 'trashed'") + " ORDER BY t.set_id DESC");
    while (st.step()) {
        TrashItem item;
        item.set_id = st.get_int(0);
        item.at = local_time(st.get_text(1));
        item.by = st.get_text(2);
        item.state = st.get_text(3);
        ChangeSet s;
        s.id = item.set_id;
        load_rows(m_db, s);
        int objects = 0;
        for (const auto& r : s.rows) {
            bool main = r.op == 'D' && is_trashable(r.table);
            if (main && objects++ == 0) {
                item.kind = object_kind_of_table(r.table);
                item.object_id = r.row_id;
                item.title = object_title(m_db, r.table, r.before.value_or("{}"));
            }
            if (!main) ++item.attached;
        }
        item.objects = std::max(objects, 1);
        out.push_back(std::move(item));
    }
    return out;
}

std::int64_t Journal::restore(std::int64_t trash_set) {
    std::string state = [&] {
        Statement st(m_db, "SELECT state FROM trash_item WHERE set_id = ?");
        st.bind(1, trash_set);
        return st.step() ? st.get_text(0) : std::string();
    }();
    if (state.empty()) throw Error(OB_N("回收站中没有编号 {id}"), {{"id", std::to_string(trash_set)}});
    if (state == "restored") throw Error(OB_N("回收站中的 {id} 已经恢复过了"), {{"id", std::to_string(trash_set)}});
    if (state == "purged") throw Error(OB_N("回收站中的 {id} 已被永久清除，只能从备份恢复"), {{"id", std::to_string(trash_set)}});
    auto s = set(trash_set);
    if (!s) throw Error(OB_N("回收站中没有编号 {id}"), {{"id", std::to_string(trash_set)}});
    // Only what the deletion removed comes back: the deleted rows and the links it cleared.
    ChangeSet only = *s;
    only.rows.clear();
    for (const auto& r : s->rows)
        if (r.op != 'I') only.rows.push_back(r);
    return reverse(only, "restore", false);
}

int Journal::purge(std::int64_t trash_set) {
    std::vector<std::string> remove;
    {
        ChangeScope scope(m_db, "purge", "", trash_set);
        Statement st(m_db, "SELECT state FROM trash_item WHERE set_id = ?");
        st.bind(1, trash_set);
        if (!st.step()) throw Error(OB_N("回收站中没有编号 {id}"), {{"id", std::to_string(trash_set)}});
        if (st.get_text(0) != "trashed") throw Error(OB_N("回收站中的 {id} 已经恢复或清除"), {{"id", std::to_string(trash_set)}});
        std::int64_t purge_set = open_change_set(m_db);
        // Files the deleted rows used, and that nothing else (a live row or another item in the bin) uses.
        std::set<std::string> candidates;
        Statement files(m_db, "SELECT coalesce(json_extract(before, '$.file_sha256'), substr(json_extract(before, '$.path'), 8)) "
                              "FROM change_row WHERE set_id = ? AND op = 'D' AND tbl IN ('document', 'record_attachment')");
        files.bind(1, trash_set);
        while (files.step())
            if (!files.is_null(0)) candidates.insert(files.get_text(0));
        for (const auto& sha : candidates) {
            Statement used(
                m_db, "SELECT (SELECT count(*) FROM document WHERE file_sha256 = ?1) + "
                      "(SELECT count(*) FROM record_attachment WHERE path = 'sha256:' || ?1) + "
                      "(SELECT count(*) FROM change_row AS r JOIN trash_item AS t ON t.set_id = r.set_id "
                      " WHERE t.state = 'trashed' AND t.set_id <> ?2 AND r.op = 'D' AND "
                      " (json_extract(r.before, '$.file_sha256') = ?1 OR json_extract(r.before, '$.path') = 'sha256:' || ?1))");
            used.bind(1, sha).bind(2, trash_set);
            if (used.step() && used.get_int(0) == 0) {
                Statement del(m_db, "DELETE FROM stored_file WHERE sha256 = ?");
                del.bind(1, sha).run();
                if (m_db.changes() > 0) remove.push_back(sha);
            }
        }
        Statement mark(m_db, "UPDATE trash_item SET state = 'purged', changed_by = ? WHERE set_id = ?");
        mark.bind_all(purge_set, trash_set).run();
        scope.commit();
    }
    // After the commit: a crash before this line leaves unreferenced bytes, which verify reports as harmless.
    for (const auto& sha : remove) {
        std::error_code ec;
        fs::remove(file_store_path(m_archive.path(), sha), ec);
    }
    return static_cast<int>(remove.size());
}

} // namespace onebook::core
