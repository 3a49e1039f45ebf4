#include "onebook/archive.hpp"

#include "migrations.hpp"
#include "onebook/backup.hpp"
#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/organisation_store.hpp"

#include <filesystem>
#include <optional>
#include <sqlite3.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace onebook::core {


int Archive::latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

int Archive::schema_version() { return static_cast<int>(m_db.scalar_int("PRAGMA user_version")); }

Archive Archive::open_file(const std::string& path, bool creating) {
    Archive a;
    a.m_path = path;
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
        std::string check;
        try {
            check = db.scalar_text("PRAGMA quick_check");
        } catch (const Error& e) {
            refuse("档案 {file} 已损坏：{reason}", {{"reason", e.param("reason")}});
        }
        if (check != "ok") refuse("档案 {file} 已损坏：{reason}", {{"reason", check}});
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
    if (!creating) {
        // References that do not resolve before any upgrade: say what is wrong and open read-only
        // (nothing is changed; viewing and export still work).
        std::optional<Message> dangling;
        {
            Statement fk(db, "PRAGMA foreign_key_check");
            if (fk.step())
                dangling = Message{OB_N("档案 {file} 中表 {table} 的第 {row} 行引用了不存在的 {parent} 记录（数据不一致），"
                                        "已以只读方式打开：可以查看和导出，不能修改。请运行 onebook-cli verify 查看，或从备份恢复"),
                                   {{"file", path}, {"table", fk.get_text(0)},
                                    {"row", fk.is_null(1) ? std::string("?") : fk.get_text(1)}, {"parent", fk.get_text(2)}}};
        }
        if (dangling) {
            a.m_db = Database();
            return open_read_only_file(path, {*dangling});
        }
    }
    a.migrate();
    install_journal(db, a.m_actor);
    if (!creating) a.note_identity();
    return a;
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
    std::string check;
    try {
        check = a.m_db.scalar_text("PRAGMA quick_check");
    } catch (const Error& e) {
        refuse("档案 {file} 已损坏：{reason}", {{"reason", e.param("reason")}});
    }
    if (check != "ok") refuse("档案 {file} 已损坏：{reason}", {{"reason", check}});
    a.m_db.exec("PRAGMA query_only=ON");
    a.m_notices = std::move(notices);
    try {
        a.m_identity = read_identity(a); // export still signs when the key is here
    } catch (const Error&) {
        a.m_identity.state = IdentityState::NoKey;
    }
    return a;
}

Archive Archive::open_read_only(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("档案 {file} 不存在", {{"file", path}}, {path, {}, {}});
    return open_read_only_file(path, {{OB_N("档案 {file} 以只读方式打开：可以查看、搜索、生成公示牌和一本通、导出，不能修改"), {{"file", path}}}});
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
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        Transaction tx(m_db);
        m_db.exec(m.sql);
        m_db.exec("PRAGMA user_version=" + std::to_string(m.version));
        if (current == 0) m_db.exec("PRAGMA application_id=" + std::to_string(application_id));
        tx.commit();
        current = m.version;
    }
    // Migrations may not leave dangling references behind.
    Statement fk(m_db, "PRAGMA foreign_key_check");
    if (fk.step())
        throw Error("档案 {file} 升级后外键检查失败：表 {table}",
                    {{"file", m_path}, {"table", fk.get_text(0)}}, {m_path, {}, {}});
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
    if (no_write_bits || ::access(path.c_str(), W_OK) != 0 || ::access(folder.c_str(), W_OK) != 0)
        return open_read_only_file(path, {{OB_N("档案 {file} 在只读的位置（或文件只读），已以只读方式打开：可以查看、搜索、生成公示牌和一本通、导出，不能修改"),
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
