// A thin RAII layer over SQLite: connection, prepared statements, transactions.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace onebook::core {

class Database;

/// Told about the outermost transaction of a connection: the journal closes its change set (who,
/// what kind) in committing(), inside the transaction, so the entry commits with the change.
class TransactionObserver {
public:
    virtual ~TransactionObserver() = default;
    virtual void begun(Database& db) = 0;
    virtual void committing(Database& db) = 0;
};
/// Asks every running statement on every connection to stop (SQLITE_INTERRUPT: its transaction
/// rolls back): Ctrl-C in the CLI. Async-signal-safe; the request stays until cleared.
void request_interrupt(bool on = true) noexcept;
bool interrupt_requested() noexcept;

/// The SQL function every connection Database opens has (it does nothing). The journal's guard
/// triggers, kept in the file, call it before any change to a journaled table, so a program without
/// it (the sqlite3 shell…) is refused ("no such function") instead of changing the archive unjournaled.
inline constexpr const char* journal_guard_function = "onebook_journal_guard";

/// A prepared statement. Bind parameters are 1-based, columns 0-based (as in SQLite).
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&&) noexcept;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_blob(int index, const void* data, std::size_t size);
    Statement& bind_null(int index);
    /// Binds NULL for nullopt (and for an empty string when `empty_is_null`).
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    /// Binds all values from index 1 on.
    template <typename... Ts> Statement& bind_all(const Ts&... values) {
        int i = 1;
        (bind(i++, values), ...);
        return *this;
    }

    /// Steps once; true while a row is available.
    bool step();
    /// Runs to completion (for statements without rows).
    void run();
    void reset();

    bool is_null(int col) const;
    std::int64_t get_int(int col) const;
    double get_double(int col) const;
    std::string get_text(int col) const;
    std::optional<std::string> get_opt_text(int col) const;
    std::optional<std::int64_t> get_opt_int(int col) const;
    int column_count() const;

    sqlite3_stmt* handle() const { return m_stmt; }

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// One SQLite connection. Throws Error (key + SQLite's text) on every failure.
class Database {
public:
    Database() = default;
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;

    /// Opens (and creates when `create`) the file. Does not read or write it yet.
    static Database open(const std::string& path, bool create);
    /// Opens read-only: `immutable` also skips locking and the WAL (read-only media, where the
    /// -shm file cannot be created).
    static Database open_read_only(const std::string& path, bool immutable);

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(*this, sql); }
    std::int64_t last_insert_id() const;
    int changes() const;
    /// Runs a query that yields one integer (PRAGMA user_version…).
    std::int64_t scalar_int(std::string_view sql);
    std::string scalar_text(std::string_view sql);

    bool in_transaction() const;
    /// Makes the query running on this connection stop soon with an error (safe from another
    /// thread: a Cancel button's handler); later queries run normally.
    void interrupt() noexcept;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    /// Throws an Error naming the file for SQLite result code `rc`.
    [[noreturn]] void fail(int rc, std::string_view what) const;

    void set_observer(std::shared_ptr<TransactionObserver> observer) { m_observer = std::move(observer); }
    TransactionObserver* observer() const { return m_observer.get(); }

    /// Work this connection does before it first writes a table (the journal's triggers): run when a
    /// statement that may write tables not seen yet is prepared (Statement, exec), given them (see
    /// write_work.hpp), and the statement prepared again. All are seen anew when a rollback undid
    /// work. A connection that only reads never runs it. An empty function disarms it. If it
    /// throws, the statement is refused and the next write tries again.
    void set_before_first_write(std::function<void(Database&)> work);
    struct WriteHook; ///< the work and whether it has run (db.cpp)

    /// Views (name → its CREATE TEMP VIEW statement) this connection makes when a statement that
    /// names one, itself or through a trigger or view, first fails to prepare for want of it; the
    /// statement is then prepared again. A connection that never names them never parses them. A
    /// read-only connection makes them too (TEMP objects never write the file). Null: none.
    using ViewsOnDemand = std::map<std::string, std::string, std::less<>>;
    void set_views_on_demand(std::shared_ptr<const ViewsOnDemand> views) { m_views_on_demand = std::move(views); }

private:
    friend class Statement;
    friend class Transaction;
    /// Prepares the first statement of `sql` (the rest in `tail`, if given), running the
    /// first-write work before it if it may write, and preparing it again then (it was prepared
    /// against the schema before the work). Null for whitespace or a comment. Fails naming `what`.
    sqlite3_stmt* prepare_raw(std::string_view sql, const char** tail, std::string_view what);
    /// Runs the armed work now if this statement may write a table not seen yet; true if it ran.
    bool before_write(sqlite3_stmt* statement);
    /// A savepoint was rolled back to: work done inside the transaction may be undone.
    void savepoint_rolled_back();
    /// After a prepare failed with `rc`: if SQLite missed a view made on demand, makes it; true if made.
    bool make_view_on_demand(int rc);

    sqlite3* m_db = nullptr;
    std::string m_path;
    std::shared_ptr<TransactionObserver> m_observer;
    std::shared_ptr<WriteHook> m_write_hook; ///< heap-held: SQLite's commit and rollback hooks point at it
    std::shared_ptr<const ViewsOnDemand> m_views_on_demand;
};

/// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
/// Nested use is allowed and joins the outer transaction (a SAVEPOINT), so a function that
/// makes one change can be called from inside a larger change.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    std::string m_savepoint; ///< empty for the outermost transaction
    bool m_done = false;
};

} // namespace onebook::core
