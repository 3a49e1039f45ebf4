// What the journal costs: archive size with and without it (ten years of a branch's records, and
// any archives given, e.g. the demo), and the median time of everyday changes with and without
// its triggers.
//
//   journal_cost_bench [ARCHIVE…]
#include "onebook/archive.hpp"
#include "onebook/journal.hpp"
#include "onebook/records.hpp"
#include "onebook/roster.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

/// Size of a compacted copy, with the journal and with it emptied.
std::pair<std::uintmax_t, std::uintmax_t> sizes(const fs::path& archive_path, const fs::path& work) {
    std::error_code ec;
    fs::path with = work / "with.onebook", without = work / "without.onebook";
    fs::remove(with, ec);
    fs::remove(without, ec);
    {
        auto db = core::Database::open(archive_path.string(), false);
        db.exec("VACUUM INTO '" + with.string() + "'");
    }
    fs::copy_file(with, without);
    {
        auto db = core::Database::open(without.string(), false);
        db.exec("DELETE FROM trash_item; DELETE FROM change_row; DELETE FROM change_set;");
        db.exec("VACUUM");
    }
    return {fs::file_size(with), fs::file_size(without)};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// Adds `n` meeting records with 30 attendees each; returns the per-record times in ms.
std::vector<double> add_records(core::Archive& a, int n, int year0) {
    std::vector<double> times;
    core::Id org = a.home().id;
    for (int i = 0; i < n; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        core::Transaction tx(a.db());
        core::Statement st(
            a.db(), "INSERT INTO record(organisation_id, type, type_name, date, place, host, recorder, topic, hours, fields) "
                    "VALUES (?, 'assembly', '支部党员大会', ?, '社区党员活动室', '王建国', '吴静', ?, 2, ?)");
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year0 + i / 60, 1 + (i / 5) % 12, 1 + i % 28);
        st.bind_all(
              org, std::string(date), "学习贯彻党的二十届全会精神 第" + std::to_string(i) + "次",
              std::string(
                  "{\"minutes\":\"会议按议程进行，传达学习了上级文件精神，讨论了本支部下一阶段工作安排，与会党员结合实际谈了体会。\"}"))
            .run();
        core::Id rid = a.db().last_insert_id();
        core::Statement att(a.db(),
                            "INSERT INTO record_attendance(record_id, member_id, name, present, reason) VALUES (?, ?, ?, ?, ?)");
        for (int m = 0; m < 30; ++m) {
            att.reset();
            bool present = (m + i) % 9 != 0;
            att.bind(1, rid).bind(2, static_cast<std::int64_t>(m + 1)).bind(3, "党员" + std::to_string(m));
            att.bind(4, present ? 1 : 0);
            if (present) att.bind_null(5);
            else att.bind(5, "出差");
            att.run();
        }
        tx.commit();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return times;
}

core::Archive make(const fs::path& p) {
    core::Organisation o;
    o.name = "幸福里社区党支部";
    o.sector = "community";
    o.form = "党支部";
    auto a = core::Archive::create(p.string(), o);
    core::Roster roster(a.db(), a.home().id);
    for (int m = 0; m < 30; ++m) {
        core::Member mem;
        mem.name = "党员" + std::to_string(m);
        mem.status = "正式党员";
        roster.add_member(mem);
    }
    return a;
}

} // namespace

int main(int argc, char** argv) {
    fs::path work = fs::temp_directory_path() / ("onebook-journal-bench-" + std::to_string(::getpid()));
    fs::create_directories(work);
    std::printf("journal cost bench\n\nArchive size (compacted copies) with / without the journal:\n");
    for (int i = 1; i < argc; ++i) {
        auto [with, without] = sizes(argv[i], work);
        std::printf("  %-40s %8.1f KB / %8.1f KB  (+%.0f%%)\n", fs::path(argv[i]).filename().c_str(), with / 1024.0,
                    without / 1024.0, 100.0 * (double(with) - double(without)) / double(without));
    }
    // Opening an archive (every CLI command does), then what the first write of a connection adds: the
    // journal's triggers made from the schema (a command that only reads never pays it).
    for (int i = 1; i < argc; ++i) {
        std::vector<double> opens, checks;
        for (int k = 0; k < 21; ++k) {
            auto t0 = std::chrono::steady_clock::now();
            auto a = core::Archive::open(argv[i]);
            auto t1 = std::chrono::steady_clock::now();
            a.db().exec("UPDATE setting SET value = value WHERE 0"); // a write statement: the triggers are made
            auto t2 = std::chrono::steady_clock::now();
            opens.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            checks.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        }
        std::printf("  opening %-32s %6.2f ms, then the first write's triggers %5.2f ms (medians of 21)\n",
                    fs::path(argv[i]).filename().c_str(), median(opens), median(checks));
    }
    // Ten years of a busy branch: 60 records a year, 30 attendees each, then every record edited once.
    // The same records go into an archive without the journal's triggers, one after the other in
    // turn, so both see the same disk and the same load.
    fs::path ten = work / "ten-years.onebook", bare_path = work / "bare.onebook";
    std::vector<double> with_times, without_times;
    {
        auto a = make(ten);
        auto bare = make(bare_path);
        core::drop_journal_triggers(bare.db());
        bare.db().set_observer(nullptr);
        for (int i = 0; i < 600; ++i) {
            auto w = add_records(a, 1, 2016 + i / 60);
            auto wo = add_records(bare, 1, 2016 + i / 60);
            with_times.push_back(w[0]);
            without_times.push_back(wo[0]);
        }
        core::Transaction tx(a.db());
        a.db().exec("UPDATE record SET topic = topic || '（修订）'");
        a.db().exec("UPDATE record_attendance SET reason = '病假' WHERE reason = '出差' AND record_id % 2 = 0");
        tx.commit();
    }
    auto [with, without] = sizes(ten, work);
    std::printf("  %-40s %8.1f KB / %8.1f KB  (+%.0f%%)\n", "ten years (600 records, 18000 attendance rows)", with / 1024.0,
                without / 1024.0, 100.0 * (double(with) - double(without)) / double(without));
    std::printf("\nSaving a meeting record with 30 attendees (median of 600, fsync'ed WAL commit):\n");
    std::printf("  with the journal    %.2f ms\n  without the journal %.2f ms\n", median(with_times), median(without_times));
    std::error_code ec;
    fs::remove_all(work, ec);
    return 0;
}
