#include "onebook/backup.hpp"
#include "onebook/atomic_file.hpp"

#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/platform.hpp"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sqlite3.h>
#include <thread>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

void fsync_path(const fs::path& p, bool directory) { platform::sync_path(p, directory); }

std::string sha256_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    char buf[65536];
    while (in) {
        in.read(buf, sizeof buf);
        sha.update(buf, static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(sha.digest());
}

fs::path pool_path(const fs::path& pool, const std::string& sha) { return pool / sha.substr(0, 2) / sha.substr(2); }

/// Puts `from` at `to` sharing its bytes (a hard link), or copying them where links are impossible.
void link_or_copy(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    if (fs::exists(to, ec)) return;
    fs::create_directories(to.parent_path(), ec);
    fs::path tmp = to.string() + ".tmp";
    fs::remove(tmp, ec);
    fs::create_hard_link(from, tmp, ec);
    if (ec) {
        ec.clear();
        fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
        if (ec) throw Error("无法备份文件 {file}：{reason}", {{"file", from.string()}, {"reason", ec.message()}});
        fsync_path(tmp, false);
    }
    fs::rename(tmp, to, ec);
    if (ec) throw Error("无法备份文件 {file}：{reason}", {{"file", to.string()}, {"reason", ec.message()}});
}

/// The stored files a database names (sha256, size).
std::vector<std::pair<std::string, std::int64_t>> stored_files(sqlite3* db) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT sha256, size FROM stored_file", -1, &st, nullptr) != SQLITE_OK) return out;
    while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return out;
}

struct RawDb {
    sqlite3* db = nullptr;
    ~RawDb() {
        if (db) sqlite3_close_v2(db);
    }
};

void copy_database(sqlite3* from, sqlite3* to, const std::string& what, const std::function<void(int, int)>& progress) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) throw Error("备份 {file} 失败：{reason}", {{"file", what}, {"reason", sqlite3_errmsg(to)}});
    int rc;
    do {
        rc = sqlite3_backup_step(b, 64);
        if (progress) progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw Error("备份 {file} 失败：{reason}", {{"file", what}, {"reason", sqlite3_errstr(rc)}});
}

std::string now_stamp() {
    std::tm tm = platform::local_time(std::time(nullptr));
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

/// "20261203-074500-auto.onebook" → time, reason; false when the name is not a managed backup.
bool parse_name(const std::string& name, std::tm& tm, std::string& reason) {
    if (name.size() < 25 || name.substr(name.size() - 8) != ".onebook") return false;
    tm = {};
    if (name[8] != '-' || std::sscanf(name.c_str(), "%4d%2d%2d-%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                                      &tm.tm_min, &tm.tm_sec) != 6)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    reason = name.substr(16, name.size() - 16 - 8);
    auto dash = reason.rfind('~'); // a second backup in the same second: "auto~2"
    if (dash != std::string::npos) reason = reason.substr(0, dash);
    return true;
}

} // namespace

Backups::Backups(Archive& archive) : m_archive(archive) {}

std::string Backups::folder_for(const std::string& archive_path) { return archive_path + ".backups"; }

std::string Backups::reason_label(const std::string& r) {
    if (r == "auto") return OB_N("每日自动备份");
    if (r == "manual") return OB_N("手动备份");
    if (r == "before-import") return OB_N("导入档案包前");
    if (r == "before-migration") return OB_N("升级档案结构前");
    if (r == "before-restore") return OB_N("从备份恢复前");
    if (r == "before-bulk-delete") return OB_N("批量删除前");
    return r;
}

BackupInfo Backups::write_backup(const std::string& dest, const std::string& files_folder, const std::string& reason,
                                 const std::function<void(int, int)>& progress) {
    Database& live = m_archive.db();
    if (live.in_transaction()) throw Error("不能在修改进行中备份档案 {file}", {{"file", m_archive.path()}});
    std::error_code ec;
    fs::create_directories(fs::path(dest).parent_path().empty() ? fs::path(".") : fs::path(dest).parent_path(), ec);
    auto file = AtomicFile::at_temp(dest + ".tmp"); // removed if anything below fails
    std::string tmp = file.temp_path().string();
    fs::remove(tmp, ec);
    fs::remove(tmp + "-journal", ec);
    BackupInfo info;
    {
        RawDb out;
        if (sqlite3_open_v2(tmp.c_str(), &out.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            throw Error("无法写备份 {file}：{reason}", {{"file", dest}, {"reason", out.db ? sqlite3_errmsg(out.db) : "?"}});
        copy_database(live.handle(), out.db, dest, progress);
        // A backup is one self-contained file: no WAL beside it.
        sqlite3_exec(out.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
        // The files it names, shared with the archive's store.
        for (const auto& [sha, size] : stored_files(out.db)) {
            fs::path src = file_store_path(m_archive.path(), sha);
            if (!fs::exists(src, ec)) continue; // verify reports it for the archive; the backup keeps what there is
            link_or_copy(src, pool_path(files_folder, sha));
            ++info.files;
            info.file_bytes += size;
        }
    }
    file.commit_as(dest);
    info.path = dest;
    info.name = fs::path(dest).filename().string();
    info.reason = reason;
    info.size = static_cast<std::int64_t>(fs::file_size(dest, ec));
    std::tm tm{};
    std::string r;
    if (parse_name(info.name, tm, r)) {
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
        info.made_at = buf;
    }
    return info;
}

BackupInfo Backups::make(const std::string& reason, const std::function<void(int, int)>& progress) {
    fs::path folder = folder_for(m_archive.path());
    std::string base = now_stamp() + "-" + reason;
    fs::path dest = folder / (base + ".onebook");
    for (int n = 2; fs::exists(dest); ++n) dest = folder / (base + "~" + std::to_string(n) + ".onebook");
    BackupInfo info = write_backup(dest.string(), (folder / "files").string(), reason, progress);
    prune();
    return info;
}

BackupInfo Backups::make_to(const std::string& file, const std::function<void(int, int)>& progress) {
    if (fs::exists(file)) throw Error("文件 {file} 已存在，不能覆盖", {{"file", file}}, {file, {}, {}});
    BackupInfo info = write_backup(file, file + ".files", "manual", progress);
    info.reason = "manual";
    return info;
}

std::vector<BackupInfo> Backups::list() {
    std::vector<BackupInfo> out;
    fs::path folder = folder_for(m_archive.path());
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return out;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        BackupInfo b;
        std::tm tm{};
        b.name = e.path().filename().string();
        if (!e.is_regular_file() || !parse_name(b.name, tm, b.reason)) continue;
        b.path = e.path().string();
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
        b.made_at = buf;
        b.size = static_cast<std::int64_t>(e.file_size(ec));
        RawDb db;
        if (sqlite3_open_v2(b.path.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK)
            for (const auto& [sha, size] : stored_files(db.db)) {
                ++b.files;
                b.file_bytes += size;
            }
        out.push_back(std::move(b));
    }
    std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.name > b.name; });
    return out;
}

bool Backups::due() {
    // Only the newest backup's name matters (names sort by time): no backup is opened, as list() does.
    fs::path folder = folder_for(m_archive.path());
    std::string newest;
    std::tm tm{};
    std::error_code ec;
    if (fs::is_directory(folder, ec))
        for (const auto& e : fs::directory_iterator(folder, ec)) {
            std::tm t{};
            std::string name = e.path().filename().string(), r;
            if (e.is_regular_file(ec) && parse_name(name, t, r) && name > newest) {
                newest = name;
                tm = t;
            }
        }
    if (newest.empty()) return true;
    tm.tm_isdst = -1;
    return std::difftime(std::time(nullptr), std::mktime(&tm)) >= 24 * 3600;
}

bool Backups::made_within(long seconds) {
    std::error_code ec;
    fs::path folder = folder_for(m_archive.path());
    if (!fs::is_directory(folder, ec)) return false;
    std::time_t now = std::time(nullptr);
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        std::tm tm{};
        std::string reason;
        if (!e.is_regular_file(ec) || !parse_name(e.path().filename().string(), tm, reason)) continue;
        tm.tm_isdst = -1;
        double age = std::difftime(now, std::mktime(&tm));
        if (age >= 0 && age < static_cast<double>(seconds)) return true;
    }
    return false;
}

bool Backups::auto_backup_if_due() {
    // Read-only storage (a CD, a read-only share) has nowhere to keep a backup; nothing changes there.
    if (m_archive.read_only() || !due()) return false;
    make("auto");
    return true;
}

void Backups::prune() {
    int daily = std::max(0, std::atoi(m_archive.setting("backup.keep_daily", "7").c_str()));
    int weekly = std::max(0, std::atoi(m_archive.setting("backup.keep_weekly", "4").c_str()));
    auto all = list(); // newest first
    std::set<std::string> keep;
    std::set<std::string> days, weeks;
    for (std::size_t i = 0; i < all.size(); ++i) {
        std::tm tm{};
        std::string r;
        parse_name(all[i].name, tm, r);
        char d[16], w[16];
        std::strftime(d, sizeof d, "%Y%m%d", &tm);
        std::strftime(w, sizeof w, "%G%V", &tm);
        bool k = i < 3; // the newest three whatever their day (a restore's safety copy among them)
        if (!days.count(d) && static_cast<int>(days.size()) < daily) {
            days.insert(d);
            k = true;
        }
        if (!weeks.count(w) && static_cast<int>(weeks.size()) < weekly) {
            weeks.insert(w);
            k = true;
        }
        if (k) keep.insert(all[i].path);
    }
    std::error_code ec;
    std::set<std::string> used;
    for (const auto& b : all) {
        if (!keep.count(b.path)) {
            fs::remove(b.path, ec);
            continue;
        }
        RawDb db;
        if (sqlite3_open_v2(b.path.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK)
            for (const auto& [sha, size] : stored_files(db.db)) used.insert(sha);
    }
    // Files no kept backup names any more.
    fs::path pool = fs::path(folder_for(m_archive.path())) / "files";
    if (!fs::is_directory(pool, ec)) return;
    for (const auto& sub : fs::directory_iterator(pool, ec)) {
        if (!sub.is_directory()) continue;
        for (const auto& f : fs::directory_iterator(sub.path(), ec)) {
            std::string sha = sub.path().filename().string() + f.path().filename().string();
            if (!used.count(sha)) fs::remove(f.path(), ec);
        }
    }
}

BackupCheck Backups::verify(const std::string& backup_file, const std::string& live_archive) {
    auto refuse = [&](const std::string& reason) -> Error {
        return Error("备份 {file} 已损坏或不完整，不能用来恢复：{reason}", {{"file", backup_file}, {"reason", reason}},
                     {backup_file, {}, {}});
    };
    std::error_code ec;
    if (!fs::is_regular_file(backup_file, ec)) throw Error("备份 {file} 不存在", {{"file", backup_file}}, {backup_file, {}, {}});
    BackupCheck check;
    RawDb db;
    if (sqlite3_open_v2(backup_file.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw refuse(db.db ? sqlite3_errmsg(db.db) : "open");
    auto scalar = [&](const char* sql, std::string& text) -> bool {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db.db, sql, -1, &st, nullptr) != SQLITE_OK) {
            text = sqlite3_errmsg(db.db);
            return false;
        }
        int rc = sqlite3_step(st);
        bool ok = rc == SQLITE_ROW;
        text = ok && sqlite3_column_text(st, 0) ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                                                : (ok ? "" : sqlite3_errmsg(db.db));
        sqlite3_finalize(st);
        return ok;
    };
    std::string v;
    if (!scalar("PRAGMA integrity_check(5)", v) || v != "ok") throw refuse(v);
    if (!scalar("PRAGMA application_id", v) || std::atoll(v.c_str()) != Archive::application_id)
        throw refuse(OB_N("不是 OneBook 档案"));
    scalar("PRAGMA user_version", v);
    check.schema_version = std::atoi(v.c_str());
    if (check.schema_version < 1 || check.schema_version > Archive::latest_schema_version()) throw refuse("schema " + v);
    if (scalar("SELECT count(*) FROM change_set", v)) check.change_sets = std::atoll(v.c_str());
    // Its files: in its own "<file>.files", the backup folder's shared pool, or the live store.
    std::vector<fs::path> pools = {fs::path(backup_file + ".files"), fs::path(backup_file).parent_path() / "files"};
    if (!live_archive.empty()) pools.push_back(fs::path(live_archive + ".files"));
    for (const auto& [sha, size] : stored_files(db.db)) {
        bool found = false;
        for (const auto& p : pools) {
            fs::path f = pool_path(p, sha);
            if (fs::exists(f, ec) && static_cast<std::int64_t>(fs::file_size(f, ec)) == size && sha256_of(f) == sha) {
                found = true;
                break;
            }
        }
        if (!found) throw refuse("file " + sha.substr(0, 12) + "… missing or altered");
        ++check.files;
        check.file_bytes += size;
    }
    return check;
}

namespace {
fs::path find_file(const std::string& backup_file, const std::string& live_archive, const std::string& sha) {
    std::error_code ec;
    for (const auto& p :
         {fs::path(backup_file + ".files"), fs::path(backup_file).parent_path() / "files", fs::path(live_archive + ".files")}) {
        fs::path f = pool_path(p, sha);
        if (fs::exists(f, ec)) return f;
    }
    return {};
}
} // namespace

BackupInfo Backups::restore(const std::string& backup_file) {
    verify(backup_file, m_archive.path());
    BackupInfo safety = make("before-restore");
    RawDb in;
    if (sqlite3_open_v2(backup_file.c_str(), &in.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw Error("无法打开备份 {file}", {{"file", backup_file}});
    // Files first: adding files the archive does not name yet is harmless if we stop here.
    for (const auto& [sha, size] : stored_files(in.db)) {
        fs::path dst = file_store_path(m_archive.path(), sha);
        if (fs::exists(dst)) continue;
        link_or_copy(find_file(backup_file, m_archive.path(), sha), dst);
    }
    // One write transaction on the archive (its WAL): a crash leaves the old state or the new one.
    copy_database(in.db, m_archive.db().handle(), m_archive.path(), {});
    m_archive.reload_schema();
    {
        ChangeScope scope(m_archive.db(), "backup-restore",
                          "从备份 " + fs::path(backup_file).filename().string() + " 恢复了档案");
        open_change_set(m_archive.db());
        scope.commit();
    }
    return safety;
}

void Backups::restore_to(const std::string& backup_file, const std::string& target) {
    if (fs::exists(target)) throw Error("文件 {file} 已存在，不能新建档案", {{"file", target}}, {target, {}, {}});
    verify(backup_file);
    {
        RawDb in, out;
        if (sqlite3_open_v2(backup_file.c_str(), &in.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw Error("无法打开备份 {file}", {{"file", backup_file}});
        auto file = AtomicFile::at_temp(target + ".tmp");
        std::string tmp = file.temp_path().string();
        std::error_code ec;
        fs::remove(tmp, ec);
        if (sqlite3_open_v2(tmp.c_str(), &out.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            throw Error("无法新建档案 {file}", {{"file", target}});
        copy_database(in.db, out.db, target, {});
        sqlite3_exec(out.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
        for (const auto& [sha, size] : stored_files(in.db))
            link_or_copy(find_file(backup_file, "", sha), file_store_path(target, sha));
        sqlite3_close_v2(out.db);
        out.db = nullptr;
        file.commit_as(target);
    }
    Archive a = Archive::open(target);
    ChangeScope scope(a.db(), "backup-restore", "从备份 " + fs::path(backup_file).filename().string() + " 恢复为新档案");
    open_change_set(a.db());
    scope.commit();
}

} // namespace onebook::core
