#include "onebook/archive.hpp"

#include "migrations.hpp"
#include "onebook/backup.hpp"
#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/organisation_store.hpp"

#include <Poco/UUIDGenerator.h>
#include <filesystem>
#include <sqlite3.h>

namespace fs = std::filesystem;

namespace onebook::core {

std::string new_uid() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

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
    a.migrate();
    install_journal(db, a.m_actor);
    return a;
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

Archive Archive::create(const std::string& path, Organisation home) {
    if (fs::exists(path)) throw Error("文件 {file} 已存在，不能新建档案", {{"file", path}}, {path, {}, {}});
    Archive a;
    try {
        a = open_file(path, true);
        home.is_home = true;
        ChangeScope scope(a.db(), "create", "新建档案 " + home.name);
        OrganisationStore(a.db()).add(home);
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
    return open_file(path, false);
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
