// Crash bench for the safety net: kill -9 at random moments during backup, restore, undo, redo,
// delete-to-bin and purge, hundreds of times; after each kill the archive must pass
// PRAGMA integrity_check and the file store's verify, and be either exactly as before the
// operation or exactly as after it (computed on a copy first) — and "after" whenever the
// operation had acknowledged (returned) before the kill.
//
//   safety_crash_bench [CYCLES=300] [SEED=1]
#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "onebook/plugin_host.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

std::vector<archive::Section> g_sections;

/// Every user table, without the *_at time stamps (a restore runs at another time).
std::string dump(core::Database& db) { return archive::fixtures::dump_user_tables(db, {.types = false, .time_stamps = false}); }

enum class Op { AddDoc, AddRecord, Delete, Undo, Redo, Purge, Backup, Restore };
const char* name(Op o) {
    switch (o) {
    case Op::AddDoc: return "add-document";
    case Op::AddRecord: return "add-record";
    case Op::Delete: return "delete-to-bin";
    case Op::Undo: return "undo";
    case Op::Redo: return "redo";
    case Op::Purge: return "purge";
    case Op::Backup: return "backup";
    case Op::Restore: return "restore";
    }
    return "?";
}

/// Runs `op` on the archive at `path`; `latest_backup` is the backup a restore uses.
void perform(const fs::path& path, Op op, int n, const std::string& latest_backup, const fs::path& inbox) {
    auto a = core::Archive::open(path.string());
    core::Journal j(a);
    switch (op) {
    case Op::AddDoc: {
        archive::DocumentStore docs(a, g_sections);
        archive::DocumentMeta m;
        m.section_id = "work.plans";
        m.year = 2025;
        m.retention = archive::Retention::Years30;
        m.title = "文件 " + std::to_string(n);
        docs.add(inbox / ("doc" + std::to_string(n) + ".pdf"), m);
        break;
    }
    case Op::AddRecord: {
        core::Transaction tx(a.db());
        core::Statement st(a.db(), "INSERT INTO record(organisation_id, type, type_name, date, topic) "
                                   "VALUES (?, 'assembly', '支部党员大会', '2025-03-05', ?)");
        st.bind_all(a.home().id, "记录 " + std::to_string(n)).run();
        core::Statement at(a.db(),
                           "INSERT INTO record_attendance(record_id, name, present) VALUES (last_insert_rowid(), '王建国', 1)");
        at.run();
        tx.commit();
        break;
    }
    case Op::Delete: {
        std::int64_t doc = a.db().scalar_int("SELECT coalesce(max(id), 0) FROM document");
        if (doc) archive::DocumentStore(a, g_sections).remove(doc);
        else {
            core::Transaction tx(a.db());
            a.db().exec("DELETE FROM record WHERE id = (SELECT max(id) FROM record)");
            tx.commit();
        }
        break;
    }
    case Op::Undo: j.undo(); break;
    case Op::Redo: j.redo(); break;
    case Op::Purge: j.purge(j.trash().front().set_id); break;
    case Op::Backup: core::Backups(a).make("manual"); break;
    case Op::Restore: core::Backups(a).restore(latest_backup); break;
    }
}

bool can(const fs::path& path, Op op, const std::string& latest_backup) {
    auto a = core::Archive::open(path.string());
    core::Journal j(a);
    switch (op) {
    case Op::Undo: {
        auto t = j.undo_target();
        return t && (t->kind == "edit" || t->kind == "import" || t->kind == "redo" || t->kind == "restore");
    }
    case Op::Redo: return j.redo_target().has_value();
    case Op::Purge: return !j.trash().empty();
    case Op::Restore: return !latest_backup.empty();
    case Op::Delete: return a.db().scalar_int("SELECT (SELECT count(*) FROM document) + (SELECT count(*) FROM record)") > 0;
    default: return true;
    }
}

void copy_archive(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::remove_all(to.string() + ".files", ec);
    fs::remove_all(to.string() + ".backups", ec);
    fs::remove(to, ec);
    fs::copy_file(from, to);
    if (fs::exists(from.string() + ".files"))
        fs::copy(from.string() + ".files", to.string() + ".files", fs::copy_options::recursive);
}

} // namespace

int main(int argc, char** argv) {
    int cycles = argc > 1 ? std::atoi(argv[1]) : 300;
    unsigned seed = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 1u;
    core::PluginHost host;
    host.load_all();
    g_sections = archive::book_sections(host, "community");
    fs::path dir = fs::temp_directory_path() / ("onebook-crash-" + std::to_string(::getpid()));
    fs::create_directories(dir / "inbox");
    fs::path path = dir / "branch.onebook", ref = dir / "ref.onebook", ack = dir / "ack";
    {
        core::Organisation o;
        o.name = "幸福里社区党支部";
        o.sector = "community";
        o.form = "党支部";
        auto a = core::Archive::create(path.string(), o);
        a.set_setting(archive::fonds_code_setting, "Z031");
    }
    for (int n = 0; n < cycles + 1; ++n) {
        std::ofstream f(dir / "inbox" / ("doc" + std::to_string(n) + ".pdf"), std::ios::binary);
        f << "%PDF-1.4\n文件 " << n << "\n" << std::string(2000 + n * 7, 'x');
    }

    std::mt19937 rng(seed);
    const Op plan[] = {Op::AddDoc,  Op::AddRecord, Op::Delete, Op::Backup, Op::Undo, Op::Redo, Op::Purge,
                       Op::Restore, Op::AddDoc,    Op::Undo,   Op::Delete, Op::Redo, Op::Undo, Op::Purge};
    std::map<std::string, std::map<std::string, int>> counts; // op → outcome → n
    int failures = 0;
    std::string latest_backup;
    for (int i = 0; i < cycles; ++i) {
        Op op = plan[i % (sizeof plan / sizeof plan[0])];
        if (!can(path, op, latest_backup)) op = Op::AddRecord;
        // The expected result, on a copy.
        std::string before, after;
        double ms = 0;
        {
            auto a = core::Archive::open(path.string());
            before = dump(a.db());
        }
        copy_archive(path, ref);
        auto t0 = std::chrono::steady_clock::now();
        perform(ref, op, i, latest_backup, dir / "inbox");
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        {
            auto a = core::Archive::open(ref.string());
            after = dump(a.db());
        }
        fs::remove(ack);
        pid_t pid = fork();
        if (pid == 0) {
            try {
                perform(path, op, i, latest_backup, dir / "inbox");
                int fd = ::open(ack.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (fd >= 0) {
                    (void)!::write(fd, "ok", 2);
                    ::fsync(fd);
                    ::close(fd);
                }
            } catch (const std::exception& e) {
                std::fprintf(stderr, "child %s: %s\n", name(op), e.what());
                _exit(3);
            }
            _exit(0);
        }
        // Anywhere from the start (opening the archive) to well after the end.
        std::uniform_real_distribution<double> delay(0.0, 2.5 * ms + 2.0);
        double d = delay(rng);
        std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(d * 1000)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        bool acked = fs::exists(ack);
        bool killed = WIFSIGNALED(status);

        std::string outcome;
        try {
            auto a = core::Archive::open(path.string());
            std::string ic = a.db().scalar_text("PRAGMA integrity_check");
            auto report = archive::FileStore(a).verify();
            std::string now = dump(a.db());
            if (ic != "ok") outcome = "FAIL integrity";
            else if (!report.ok()) outcome = "FAIL verify";
            else if (acked && now != after) outcome = "FAIL acknowledged change missing";
            else if (now == after) outcome = before == after ? "unchanged (no-op)" : "completed";
            else if (now == before) outcome = "rolled back";
            else outcome = "FAIL neither before nor after";
            // Every backup the folder lists is whole and verifies (a killed one leaves only a .tmp).
            for (const auto& b : core::Backups(a).list()) {
                core::Backups::verify(b.path, path.string());
                ++counts["(every listed backup)"]["verified"];
            }
            if (op == Op::Backup && now == after) {
                auto list = core::Backups(a).list();
                if (!list.empty()) {
                    core::Backups::verify(list.front().path, path.string());
                    latest_backup = list.front().path;
                }
            }
        } catch (const std::exception& e) { outcome = std::string("FAIL ") + e.what(); }
        if (outcome.rfind("FAIL", 0) == 0) {
            ++failures;
            std::fprintf(stderr, "cycle %d %s (killed=%d acked=%d): %s\n", i, name(op), killed, acked, outcome.c_str());
        }
        counts[name(op)][std::string(killed ? "killed, " : "finished, ") + outcome]++;
    }
    std::printf("safety crash bench: %d cycles, seed %u\n", cycles, seed);
    for (const auto& [op, outcomes] : counts)
        for (const auto& [o, n] : outcomes) std::printf("  %-14s %-40s %4d\n", op.c_str(), o.c_str(), n);
    std::printf("failures: %d\n", failures);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return failures == 0 ? 0 : 1;
}
