#include "onebook/db.hpp"

#include "onebook/collation.hpp"

#include "onebook/error.hpp"
#include "onebook/write_work.hpp"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <set>
#include <sqlite3.h>

namespace onebook::core {

namespace {
std::atomic<bool> g_interrupt{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");
int progress_check(void*) { return g_interrupt.load(std::memory_order_relaxed) ? 1 : 0; }

void journal_guard(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_null(ctx); }

/// What every connection needs before its first statement: collation, the journal's guard function.
void set_up(sqlite3* db) {
    sqlite3_busy_timeout(db, 200);
    register_pinyin_collation(db); // the roster's queries sort by pinyin on every connection
    sqlite3_create_function_v2(db, journal_guard_function, 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, nullptr, journal_guard, nullptr,
                               nullptr, nullptr);
    sqlite3_extended_result_codes(db, 1);
}
} // namespace

void request_interrupt(bool on) noexcept { g_interrupt.store(on, std::memory_order_relaxed); }
bool interrupt_requested() noexcept { return g_interrupt.load(std::memory_order_relaxed); }

struct Database::WriteHook {
    std::function<void(Database&)> work;
    bool done = false;
    bool done_in_transaction = false; ///< a rollback of that transaction undoes it
    bool running = false;             ///< the work's own statements are not looked at
    bool collecting = false;          ///< a statement is being prepared: note the tables it writes
    std::set<std::string> written;    ///< by the statement being prepared
    std::set<std::string> seen;       ///< tables the work was given
    void undone() {
        done = done_in_transaction = false;
        seen.clear();
    }
};

namespace {
thread_local const PendingWrite* t_pending = nullptr;

int write_hook_committed(void* hook) {
    static_cast<Database::WriteHook*>(hook)->done_in_transaction = false;
    return 0;
}
void write_hook_rolled_back(void* hook) {
    auto* h = static_cast<Database::WriteHook*>(hook);
    if (h->done_in_transaction) h->undone();
}
/// The authorizer, called while a statement is compiled (its triggers and foreign-key actions
/// included): notes the main schema's tables it may write. Never refuses anything.
int note_written_tables(void* hook, int action, const char* table, const char*, const char* schema, const char*) {
    auto* h = static_cast<Database::WriteHook*>(hook);
    if (h->collecting && (action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) && table && schema &&
        std::strcmp(schema, "main") == 0 && std::strncmp(table, "sqlite_", 7) != 0)
        h->written.insert(table);
    return SQLITE_OK;
}
} // namespace

const PendingWrite& pending_write() {
    static const PendingWrite none;
    return t_pending ? *t_pending : none;
}

Database::~Database() {
    if (m_db) sqlite3_close_v2(m_db);
}

Database::Database(Database&& o) noexcept
    : m_db(o.m_db), m_path(std::move(o.m_path)), m_observer(std::move(o.m_observer)), m_write_hook(std::move(o.m_write_hook)),
      m_views_on_demand(std::move(o.m_views_on_demand)) {
    o.m_db = nullptr;
}

Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = o.m_db;
        m_path = std::move(o.m_path);
        m_observer = std::move(o.m_observer);
        m_write_hook = std::move(o.m_write_hook);
        m_views_on_demand = std::move(o.m_views_on_demand);
        o.m_db = nullptr;
    }
    return *this;
}

Database Database::open(const std::string& path, bool create) {
    Database db;
    db.m_path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (create) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc);
        throw Error("无法打开档案 {file}：{reason}", {{"file", path}, {"reason", detail}}, {path, {}, {}});
    }
    set_up(db.m_db);
    return db;
}

Database Database::open_read_only(const std::string& path, bool immutable) {
    Database db;
    db.m_path = path;
    // A URI names the file exactly: '%', '?' and '#' in the path are escaped.
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20) {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            uri += buf;
        } else {
            uri += static_cast<char>(c);
        }
    }
    uri += immutable ? "?mode=ro&immutable=1" : "?mode=ro";
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    int rc = sqlite3_open_v2(uri.c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc);
        throw Error("无法打开档案 {file}：{reason}", {{"file", path}, {"reason", detail}}, {path, {}, {}});
    }
    set_up(db.m_db);
    sqlite3_progress_handler(db.m_db, 1000, progress_check, nullptr);
    return db;
}

void Database::fail(int rc, std::string_view what) const {
    if ((rc & 0xff) == SQLITE_READONLY)
        throw Error("档案 {file} 以只读方式打开（只读介质、只读共享、只读文件或档案需要检查），不能修改；"
                    "请把它复制到可写的位置再修改",
                    {{"file", m_path}, {"code", std::to_string(rc)}}, {m_path, {}, {}});
    std::string detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    throw Error("档案 {file} 数据库错误（{what}）：{reason}",
                {{"file", m_path}, {"what", std::string(what)}, {"reason", detail}, {"code", std::to_string(rc)}},
                {m_path, {}, {}});
}

void Database::interrupt() noexcept {
    if (m_db) sqlite3_interrupt(m_db);
}

void Database::set_before_first_write(std::function<void(Database&)> work) {
    if (!work) {
        if (m_db) {
            sqlite3_commit_hook(m_db, nullptr, nullptr);
            sqlite3_rollback_hook(m_db, nullptr, nullptr);
            sqlite3_set_authorizer(m_db, nullptr, nullptr);
        }
        m_write_hook.reset();
        return;
    }
    if (!m_write_hook) m_write_hook = std::make_shared<WriteHook>();
    m_write_hook->work = std::move(work);
    m_write_hook->undone();
    sqlite3_commit_hook(m_db, write_hook_committed, m_write_hook.get());
    sqlite3_rollback_hook(m_db, write_hook_rolled_back, m_write_hook.get());
    sqlite3_set_authorizer(m_db, note_written_tables, m_write_hook.get());
}

bool Database::before_write(sqlite3_stmt* statement) {
    if (!m_write_hook || m_write_hook->running || sqlite3_stmt_readonly(statement)) return false;
    std::shared_ptr<WriteHook> hook = m_write_hook; // the work may disarm it
    PendingWrite pending;
    pending.first = !hook->done;
    for (const auto& t : hook->written)
        if (!hook->seen.count(t)) pending.tables.push_back(t);
    if (!pending.first && pending.tables.empty()) return false;
    hook->running = true;
    t_pending = &pending;
    try {
        hook->work(*this);
    } catch (...) {
        hook->running = false;
        t_pending = nullptr;
        throw;
    }
    hook->running = false;
    t_pending = nullptr;
    hook->done = true;
    if (in_transaction()) hook->done_in_transaction = true;
    hook->seen.insert(pending.tables.begin(), pending.tables.end());
    return true;
}

void Database::savepoint_rolled_back() {
    if (m_write_hook && m_write_hook->done_in_transaction) m_write_hook->undone();
}

sqlite3_stmt* Database::prepare_raw(std::string_view sql, const char** tail, std::string_view what) {
    using Owned = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;
    auto prepare = [&] {
        WriteHook* hook = m_write_hook && !m_write_hook->running ? m_write_hook.get() : nullptr;
        for (;;) {
            sqlite3_stmt* st = nullptr;
            if (hook) {
                hook->written.clear();
                hook->collecting = true;
            }
            int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &st, tail);
            if (hook) hook->collecting = false;
            if (rc == SQLITE_OK) return Owned(st, &sqlite3_finalize);
            // Each round makes one view more (making one again fails), so this ends.
            if (!make_view_on_demand(rc)) fail(rc, what);
        }
    };
    Owned st = prepare();
    // Until the work was given every table the statement writes (the triggers it made may write
    // more: the search index's): each round sees at least one table more, so this ends.
    while (st && before_write(st.get())) st = prepare();
    return st.release();
}

bool Database::make_view_on_demand(int rc) {
    if (!m_views_on_demand || (rc & 0xff) != SQLITE_ERROR) return false;
    // SQLite names the table as the statement (or the view or trigger it reached) wrote it: a name
    // qualified "main." is the file's object, which a TEMP view would not be.
    constexpr std::string_view missing = "no such table: ";
    std::string_view message = sqlite3_errmsg(m_db);
    if (message.substr(0, missing.size()) != missing) return false;
    auto view = m_views_on_demand->find(message.substr(missing.size()));
    if (view == m_views_on_demand->end()) return false;
    // Not through prepare_raw: a CREATE is no write for the first-write work (the journal's triggers).
    auto run = [&](const char* statement) { return sqlite3_exec(m_db, statement, nullptr, nullptr, nullptr); };
    // query_only (a read-only archive) refuses TEMP schema changes too: lifted around the CREATE.
    sqlite3_stmt* pragma = nullptr;
    bool query_only = sqlite3_prepare_v2(m_db, "PRAGMA query_only", -1, &pragma, nullptr) == SQLITE_OK &&
                      sqlite3_step(pragma) == SQLITE_ROW && sqlite3_column_int64(pragma, 0) != 0;
    sqlite3_finalize(pragma);
    if (query_only) run("PRAGMA query_only=OFF");
    const int made = run(view->second.c_str());
    const std::string detail = made == SQLITE_OK ? std::string() : sqlite3_errmsg(m_db);
    if (query_only) run("PRAGMA query_only=ON");
    if (made != SQLITE_OK)
        throw Error(
            "档案 {file} 数据库错误（{what}）：{reason}",
            {{"file", m_path}, {"what", "CREATE TEMP VIEW " + view->first}, {"reason", detail}, {"code", std::to_string(made)}},
            {m_path, {}, {}});
    return true;
}

void Database::exec(std::string_view sql) {
    // Statement by statement (as sqlite3_exec does), so a write among them runs the first-write work.
    const std::string what(sql.substr(0, 60));
    const char* tail = sql.data();
    const char* end = tail + sql.size();
    while (tail < end) {
        std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(
            prepare_raw(std::string_view(tail, static_cast<std::size_t>(end - tail)), &tail, what), &sqlite3_finalize);
        if (!st) continue; // whitespace or a comment
        int rc;
        while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {}
        if (rc != SQLITE_DONE) fail(rc, what);
    }
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }
bool Database::in_transaction() const { return m_db && sqlite3_get_autocommit(m_db) == 0; }

std::int64_t Database::scalar_int(std::string_view sql) {
    Statement st(*this, sql);
    return st.step() ? st.get_int(0) : 0;
}

std::string Database::scalar_text(std::string_view sql) {
    Statement st(*this, sql);
    return st.step() ? st.get_text(0) : std::string();
}

Statement::Statement(Database& db, std::string_view sql) : m_db(&db) { m_stmt = db.prepare_raw(sql, nullptr, sql.substr(0, 80)); }

Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }

Statement& Statement::bind(int i, std::int64_t v) {
    int rc = sqlite3_bind_int64(m_stmt, i, v);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    int rc = sqlite3_bind_double(m_stmt, i, v);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind_blob(int i, const void* data, std::size_t size) {
    int rc = sqlite3_bind_blob64(m_stmt, i, data, size, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind_null(int i) {
    int rc = sqlite3_bind_null(m_stmt, i);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, const std::optional<std::string>& v) {
    return v ? bind(i, std::string_view(*v)) : bind_null(i);
}
Statement& Statement::bind(int i, const std::optional<std::int64_t>& v) { return v ? bind(i, *v) : bind_null(i); }

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "";
    sqlite3_reset(m_stmt);
    m_db->fail(rc, sql.substr(0, 80));
}

void Statement::run() {
    while (step()) {}
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int c) const { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }
std::int64_t Statement::get_int(int c) const { return sqlite3_column_int64(m_stmt, c); }
double Statement::get_double(int c) const { return sqlite3_column_double(m_stmt, c); }
std::string Statement::get_text(int c) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    return p ? std::string(p, sqlite3_column_bytes(m_stmt, c)) : std::string();
}
std::optional<std::string> Statement::get_opt_text(int c) const {
    if (is_null(c)) return std::nullopt;
    return get_text(c);
}
std::optional<std::int64_t> Statement::get_opt_int(int c) const {
    if (is_null(c)) return std::nullopt;
    return get_int(c);
}
int Statement::column_count() const { return sqlite3_column_count(m_stmt); }

namespace {
std::atomic<unsigned> g_savepoint_counter{0};
}

Transaction::Transaction(Database& db) : m_db(db) {
    if (db.in_transaction()) {
        m_savepoint = "sp" + std::to_string(++g_savepoint_counter);
        db.exec("SAVEPOINT " + m_savepoint);
    } else {
        // A read-only connection reads one consistent snapshot; it can never take the write lock.
        db.exec(sqlite3_db_readonly(db.handle(), "main") == 1 ? "BEGIN" : "BEGIN IMMEDIATE");
        if (auto* o = db.observer()) {
            try {
                o->begun(db);
            } catch (...) {
                db.exec("ROLLBACK");
                throw;
            }
        }
    }
}

Transaction::~Transaction() {
    if (m_done) return;
    try {
        if (m_savepoint.empty()) {
            if (m_db.in_transaction()) m_db.exec("ROLLBACK");
        } else {
            m_db.exec("ROLLBACK TO " + m_savepoint);
            m_db.savepoint_rolled_back();
            m_db.exec("RELEASE " + m_savepoint);
        }
    } catch (...) {
        // A failed rollback leaves SQLite's own recovery (the WAL) in charge; never throw from here.
    }
}

void Transaction::commit() {
    if (m_savepoint.empty()) {
        if (auto* o = m_db.observer()) o->committing(m_db);
        m_db.exec("COMMIT");
    } else {
        m_db.exec("RELEASE " + m_savepoint);
    }
    m_done = true;
}

} // namespace onebook::core
