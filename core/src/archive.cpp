#include "onebook/archive.hpp"

#include "migrations.hpp"
#include "onebook/backup.hpp"
#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/platform.hpp"
#include "onebook/schema_version.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sqlite3.h>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

// ---- the clean-close marker ---------------------------------------------------------------------
// Reading every page of an archive (PRAGMA quick_check) costs time in proportion to its size: a
// superior's archive of a thousand branches would pay it on every command. A clean close therefore
// leaves a marker in the user's state folder holding the file's identity as the close left it (size,
// inode, modification and status-change times to the nanosecond); an open that finds the file exactly
// so, with no WAL beside it, knows nothing has touched it since a clean close and skips the whole-file
// checks. Anything else — no marker (a copied or restored file, another user), a crash, a file written
// by another program or a damaged disk area rewritten since — runs them. The marker is removed at open,
// so only the next clean close renews it.

fs::path clean_marker_for(const std::string& path) {
    fs::path base = platform::user_state_dir();
    if (base.empty()) return {};
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    if (ec) canonical = fs::absolute(path, ec);
    // FNV-1a of the full path names the marker (the path itself is written inside and compared).
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : platform::path_utf8(canonical)) h = (h ^ c) * 1099511628211ull;
    char name[32];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(h));
    return base / "clean-close" / name;
}

std::string file_stamp(const std::string& path) {
    std::string stamp = platform::file_stamp(path);
    if (stamp.empty()) return {};
    std::error_code ec;
    return platform::path_utf8(fs::weakly_canonical(path, ec)) + "\n" + stamp + "\n";
}

/// True when the file is exactly as a clean close left it. `consume` removes the marker.
bool closed_cleanly(const std::string& path, bool consume) {
    fs::path marker = clean_marker_for(path);
    if (marker.empty()) return false;
    std::error_code ec;
    if (fs::exists(path + "-wal", ec)) {
        if (consume) fs::remove(marker, ec);
        return false;
    }
    std::ifstream in(marker, std::ios::binary);
    if (!in) return false;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    if (consume) fs::remove(marker, ec);
    return !text.empty() && text == file_stamp(path);
}

void mark_clean_close(const std::string& path) {
    fs::path marker = clean_marker_for(path);
    if (marker.empty()) return;
    std::error_code ec;
    if (fs::exists(path + "-wal", ec)) return; // the close did not checkpoint: not clean
    std::string stamp = file_stamp(path);
    if (stamp.empty()) return;
    fs::create_directories(marker.parent_path(), ec);
    fs::path tmp = marker.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return; // no state folder: every open checks the whole file, as before
        out << stamp;
        if (!out) return;
    }
    fs::rename(tmp, marker, ec);
}

/// The whole-file checks: every page (quick_check). Throws the refusal through `refuse`.
template <class Refuse> void check_pages(Database& db, Refuse&& refuse) {
    std::string check;
    try {
        check = db.scalar_text("PRAGMA quick_check");
    } catch (const Error& e) { refuse("档案 {file} 已损坏：{reason}", MessageParams{{"reason", e.param("reason")}}); }
    if (check != "ok") refuse("档案 {file} 已损坏：{reason}", MessageParams{{"reason", check}});
}

} // namespace

Archive::~Archive() {
    if (!m_db.handle() || m_read_only || m_path.empty()) return;
    if (m_db.in_transaction()) return; // closing mid-change (unwinding): not a clean close
    m_db = Database();
    mark_clean_close(m_path);
}

int Archive::latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

int package_schema_version(int version) {
    int out = 0;
    for (const auto& m : migrations())
        if (m.version <= version && m.changes_tables) out = m.version;
    return out;
}

int Archive::schema_version() { return static_cast<int>(m_db.scalar_int("PRAGMA user_version")); }

Archive Archive::open_file(const std::string& path, bool creating) {
    Archive a;
    a.m_path = path;
    // Read (and removed) before SQLite touches the file.
    const bool trusted = !creating && closed_cleanly(path, true);
    a.m_db = Database::open(path, creating);
    auto refuse = [&](const std::string& key, MessageParams extra = {}) {
        extra.insert(extra.begin(), {"file", path});
        throw Error(key, extra, {path, {}, {}});
    };
    Database& db = a.m_db;
    // Exclusive locking: the first write below takes the lock and keeps it while we are open.
    db.exec("PRAGMA locking_mode=EXCLUSIVE");
    db.exec("PRAGMA foreign_keys=ON");
    std::int64_t app_id = 0, version = 0;
    try {
        app_id = db.scalar_int("PRAGMA application_id");
        version = db.scalar_int("PRAGMA user_version");
    } catch (const Error& e) {
        int code = std::atoi(e.param("code").c_str());
        if ((code & 0xff) == SQLITE_NOTADB) refuse("{file} 不是 OneBook 档案（不是数据库文件）");
        if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
            refuse("档案 {file} 正被另一个程序使用（已锁定），请先关闭它");
        if ((code & 0xff) == SQLITE_CORRUPT) refuse("档案 {file} 已损坏：{reason}", {{"reason", e.param("reason")}});
        throw;
    }
    bool empty = db.scalar_int("SELECT count(*) FROM sqlite_schema") == 0;
    if (!creating) {
        if (app_id != application_id) {
            if (empty && version == 0) refuse("{file} 不是 OneBook 档案（空数据库）");
            refuse("{file} 不是 OneBook 档案（应用标识不符）");
        }
        if (version > latest_schema_version())
            refuse("档案 {file} 由更新版本的 OneBook 创建（结构版本 {version}，本程序支持到 {latest}），请升级 OneBook 后再打开",
                   {{"version", std::to_string(version)}, {"latest", std::to_string(latest_schema_version())}});
        // The schema must parse (a damaged or foreign schema page is refused here, cheaply); the
        // pages themselves are read only when the file may have changed since a clean close.
        try {
            db.scalar_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
        } catch (const Error& e) { refuse("档案 {file} 已损坏：{reason}", {{"reason", e.param("reason")}}); }
        if (!trusted) check_pages(db, refuse);
    }
    // Take the write lock now, so another process holding the file is detected at open.
    try {
        db.exec("BEGIN IMMEDIATE");
        db.exec("COMMIT");
    } catch (const Error& e) {
        int code = std::atoi(e.param("code").c_str());
        if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
            refuse("档案 {file} 正被另一个程序使用（已锁定），请先关闭它");
        throw;
    }
    std::string mode = db.scalar_text("PRAGMA journal_mode=WAL");
    if (mode != "wal") refuse("档案 {file} 无法启用预写日志（WAL）：{reason}", {{"reason", mode}});
    db.exec("PRAGMA synchronous=FULL");
    if (!creating && !trusted) {
        // References that do not resolve before any upgrade: say what is wrong and open read-only
        // (nothing is changed; viewing and export still work).
        std::optional<Message> dangling;
        {
            Statement fk(db, "PRAGMA foreign_key_check");
            if (fk.step())
                dangling =
                    Message{OB_N("档案 {file} 中表 {table} 的第 {row} 行引用了不存在的 {parent} 记录（数据不一致），"
                                 "已以只读方式打开：可以查看和导出，不能修改。请运行 onebook-cli verify 查看，或从备份恢复"),
                            {{"file", path},
                             {"table", fk.get_text(0)},
                             {"row", fk.is_null(1) ? std::string("?") : fk.get_text(1)},
                             {"parent", fk.get_text(2)}}};
        }
        if (dangling) {
            a.m_db = Database();
            return open_read_only_file(path, {*dangling});
        }
    }
    a.migrate();
    db.set_views_on_demand(history_views()); // the journal's history views: parsed by the commands that read one
    install_journal(db, a.m_actor);
    if (!creating) a.note_identity();
    return a;
}

std::vector<std::string> Archive::check_database() {
    std::vector<std::string> problems;
    try {
        Statement ic(m_db, "PRAGMA integrity_check(100)");
        while (ic.step())
            if (ic.get_text(0) != "ok") problems.push_back(ic.get_text(0));
    } catch (const Error& e) {
        problems.push_back(e.param("reason"));
        return problems;
    }
    Statement fk(m_db, "PRAGMA foreign_key_check");
    while (fk.step() && problems.size() < 100)
        problems.push_back(fk.get_text(0) + " rowid " + (fk.is_null(1) ? std::string("?") : fk.get_text(1)) + " → " +
                           fk.get_text(2));
    return problems;
}

Archive Archive::open_read_only_file(const std::string& path, std::vector<Message> notices) {
    auto refuse = [&](const std::string& key, MessageParams extra = {}) {
        extra.insert(extra.begin(), {"file", path});
        throw Error(key, extra, {path, {}, {}});
    };
    Archive a;
    a.m_path = path;
    a.m_read_only = true;
    a.m_identity.state = IdentityState::ReadOnly;
    std::int64_t app_id = 0, version = 0;
    // mode=ro reads the WAL a crash may have left; where even that cannot work (no -shm can be
    // made on read-only media) the file is read as it is (immutable).
    for (bool immutable : {false, true}) {
        try {
            a.m_db = Database::open_read_only(path, immutable);
            app_id = a.m_db.scalar_int("PRAGMA application_id");
            version = a.m_db.scalar_int("PRAGMA user_version");
            break;
        } catch (const Error& e) {
            int code = std::atoi(e.param("code").c_str());
            if ((code & 0xff) == SQLITE_NOTADB) refuse("{file} 不是 OneBook 档案（不是数据库文件）");
            if (immutable) refuse("无法以只读方式打开档案 {file}：{reason}", {{"reason", e.param("reason")}});
        }
    }
    if (app_id != application_id) refuse("{file} 不是 OneBook 档案（应用标识不符）");
    if (version > latest_schema_version())
        refuse("档案 {file} 由更新版本的 OneBook 创建（结构版本 {version}，本程序支持到 {latest}），请升级 OneBook 后再打开",
               {{"version", std::to_string(version)}, {"latest", std::to_string(latest_schema_version())}});
    if (version < latest_schema_version())
        refuse("档案 {file} 需要升级结构（版本 {version} → {latest}）才能打开，但它是只读的：请把它复制到可写的位置再打开",
               {{"version", std::to_string(version)}, {"latest", std::to_string(latest_schema_version())}});
    if (!closed_cleanly(path, false)) check_pages(a.m_db, refuse);
    a.m_db.exec("PRAGMA query_only=ON");
    a.m_db.set_views_on_demand(history_views()); // made TEMP: a read-only archive shows its histories too
    a.m_notices = std::move(notices);
    try {
        a.m_identity = read_identity(a); // export still signs when the key is here
    } catch (const Error&) { a.m_identity.state = IdentityState::NoKey; }
    return a;
}

Archive Archive::open_read_only(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("档案 {file} 不存在", {{"file", path}}, {path, {}, {}});
    return open_read_only_file(
        path, {{OB_N("档案 {file} 以只读方式打开：可以查看、搜索、生成公示牌和一本通、导出，不能修改"), {{"file", path}}}});
}

void Archive::note_identity() {
    try {
        m_identity = ensure_identity(*this);
    } catch (const Error& e) {
        m_notices.push_back(e.message()); // a key store that cannot be written must not block opening
        return;
    }
    if (m_identity.state == IdentityState::Copied)
        m_notices.push_back({OB_N("档案 {file} 与 {original} 的组织标识相同，是它的副本：如果这是另一个支部的新档案，"
                                  "请运行 onebook-cli identity renew 为它建立新的身份，否则上级党委会把它当作原支部"),
                             {{"file", m_path}, {"original", m_identity.original.string()}}});
    else if (m_identity.state == IdentityState::NoKey)
        m_notices.push_back({OB_N("本机没有档案 {file} 的签名密钥（档案可能是从别的电脑复制来的），导出档案包前请运行 "
                                  "onebook-cli identity rekey（本支部的档案）或 identity renew（另一个支部的新档案）"),
                             {{"file", m_path}}});
}

void Archive::refresh_identity() {
    if (m_read_only) return;
    m_notices.clear();
    note_identity();
}

void Archive::migrate() {
    int current = schema_version();
    if (current < latest_schema_version()) {
        // A migration is a risky operation: back up first (an archive being created has nothing to keep).
        if (current > 0) Backups(*this).make("before-migration");
        // The journal's triggers read every column: a migration may alter the tables, so they are
        // dropped here and generated again from the new schema by install_journal().
        m_db.set_observer(nullptr);
        drop_journal_triggers(m_db);
    }
    const bool migrating = current > 0 && current < latest_schema_version();
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        Transaction tx(m_db);
        m_db.exec(m.sql);
        m_db.exec("PRAGMA user_version=" + std::to_string(m.version));
        if (current == 0) m_db.exec("PRAGMA application_id=" + std::to_string(application_id));
        tx.commit();
        current = m.version;
    }
    if (!migrating) return;
    // After a migration the whole file is checked: every page, and no dangling reference left.
    check_pages(m_db, [&](const std::string& key, MessageParams extra) {
        extra.insert(extra.begin(), {"file", m_path});
        throw Error(key, extra, {m_path, {}, {}});
    });
    Statement fk(m_db, "PRAGMA foreign_key_check");
    if (fk.step())
        throw Error("档案 {file} 升级后外键检查失败：表 {table}", {{"file", m_path}, {"table", fk.get_text(0)}},
                    {m_path, {}, {}});
}

Archive Archive::create(const std::string& path, Organisation home, bool with_identity) {
    if (fs::exists(path)) throw Error("文件 {file} 已存在，不能新建档案", {{"file", path}}, {path, {}, {}});
    Archive a;
    try {
        a = open_file(path, true);
        home.is_home = true;
        ChangeScope scope(a.db(), "create", "新建档案 " + home.name);
        OrganisationStore(a.db()).add(home);
        if (with_identity) a.note_identity(); // every archive gets its signing key at creation
        scope.commit();
    } catch (...) {
        a.m_db = Database();
        std::error_code ec;
        fs::remove(path, ec);
        fs::remove(path + "-wal", ec);
        fs::remove(path + "-shm", ec);
        throw;
    }
    return a;
}

Archive Archive::open(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("档案 {file} 不存在", {{"file", path}}, {path, {}, {}});
    if (fs::is_directory(path, ec)) throw Error("{file} 是文件夹，不是 OneBook 档案", {{"file", path}}, {path, {}, {}});
    // Read-only storage (a CD, a read-only share, a 0444 file): SQLite needs to write the file and
    // its -wal/-shm beside it, so open read-only instead of failing with "disk I/O error".
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) folder = ".";
    // A file without any write permission bit is meant read-only even for root (who may write anyway).
    auto perms = fs::status(path, ec).permissions();
    bool no_write_bits = (perms & (fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write)) == fs::perms::none;
    if (no_write_bits || !platform::is_writable(path) || !platform::is_writable(folder))
        return open_read_only_file(
            path,
            {{OB_N(
                  "档案 {file} 在只读的位置（或文件只读），已以只读方式打开：可以查看、搜索、生成公示牌和一本通、导出，不能修改"),
              {{"file", path}}}});
    // A clean close checkpoints and deletes the WAL (the archive is held exclusively): one left
    // behind means the last session was killed.
    bool after_crash = fs::exists(path + "-wal", ec);
    Archive a = open_file(path, false);
    a.m_after_crash = after_crash && !a.m_read_only;
    return a;
}

void Archive::set_actor(const std::string& name) {
    m_actor = name;
    set_journal_actor(m_db, name);
}

void Archive::reload_schema() {
    // The connection's TEMP triggers and views were made for the tables replaced under it.
    drop_journal_triggers(m_db);
    migrate();
    install_journal(m_db, m_actor);
}

Organisation Archive::home() {
    auto org = OrganisationStore(m_db).home();
    if (!org) throw Error("档案 {file} 中没有本组织信息", {{"file", m_path}}, {m_path, {}, {}});
    return *org;
}

std::string Archive::setting(const std::string& key, const std::string& fallback) {
    Statement st(m_db, "SELECT value FROM setting WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.get_text(0) : fallback;
}

void Archive::set_setting(const std::string& key, const std::string& value) {
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO setting(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind_all(key, value).run();
    tx.commit();
}

std::optional<Date> Archive::records_start() {
    std::string v = setting(records_start_setting);
    if (v.empty()) return std::nullopt;
    return Date::parse(v);
}

void Archive::set_records_start(const std::optional<Date>& day, const Date& today) {
    if (day && (!day->valid() || day->year() < 1921 || today < *day))
        throw Error(OB_N("开始记录日期“{value}”无效：应在 1921 年之后、不晚于今天"), {{"value", day->valid() ? day->iso() : ""}},
                    {{}, {}, "records_start"});
    set_setting(records_start_setting, day ? day->iso() : "");
}

} // namespace onebook::core
