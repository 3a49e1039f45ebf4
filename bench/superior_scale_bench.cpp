// A superior committee's archive at scale: generates N varied branch packages (branch_generator)
// and imports them one after another into one superior archive, printing at each checkpoint
// (default N = 10, 100, 1000):
//   import   median wall and CPU time of the last ten imports (flat: the 1000th within 1.5× the 10th)
//   open     Archive::open + close in this process, and `onebook-cli info` per process
//   search   p50/p95 over 1-, 2- and 3-character Chinese queries (first page of 20, ranked, with
//            snippets) against a LIKE '%…%' scan over the same text, and the speed-up; CPU time
//            (on a shared machine wall time is mostly the wait for a core), wall p95 beside it
//   summary  grading_summary of the assessed year (what `summary --year` computes)
//   desk     superior_desk of that year (what the shell's committee desk reads when it opens)
// and the growth between checkpoints.
//   superior_scale_bench [N1 N2 …]        e.g. superior_scale_bench 10 100 300
//   superior_scale_bench --search FILE    the search figures of an archive kept with ONEBOOK_BENCH_KEEP
//   superior_scale_bench --import-into FILE  CPU and wall of ten imports into an empty superior and into
//                                         FILE (a copy of a kept archive; it is changed)
// Generated data lives in a temporary folder removed at the end; it is never committed.
#include "branch_generator.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/safe_zip.hpp"
#include "onebook/archive/search.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/archive/superior_desk.hpp"
#include "onebook/db.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

/// CPU time of this thread, in ms: on a machine shared with other builds, a query's wall time is
/// mostly the wait for a core (a 1 ms query preempted once takes 12 ms), for the search and the
/// scan alike; the CPU each spends is what the index changes.
/// CPU time of the finished child processes (user + system), in ms.
double children_cpu_ms() {
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(k, v.size() - 1)];
}

struct Figures {
    int n = 0;
    double import_ms = 0;     ///< median of the last ten imports
    double import_cpu_ms = 0; ///< the same, CPU time
    double open_ms = 0;       ///< in process
    double info_ms = 0;       ///< onebook-cli info, per process
    double info_cpu_ms = 0;
    double search_p50 = 0, search_p95 = 0, like_p50 = 0, like_p95 = 0;
    double search_wall_p95 = 0, like_wall_p95 = 0; ///< the others are CPU time
    double first_search_ms = 0;                    ///< CPU
    double by_length[3][4] = {};                   ///< 1-, 2-, 3-character queries: search p50, p95, LIKE p50, p95
    double summary_ms = 0;
    double desk_ms = 0;
    long long items = 0;
};

const std::vector<std::string> kQueries = {"党",     "费",     "会",     "学",     "改",                // one character
                                           "党费",   "整改",   "支部",   "党课",   "电梯",   "帮扶",    // two
                                           "党小组", "志愿者", "组织生", "积极分", "联席会", "先锋岗"}; // three

/// Times the first page (20 hits, ranked, with snippets) of each query against a LIKE '%…%' scan
/// over the same text (what a search without an index reads), three rounds.
void measure_search(core::Archive& archive, const core::PluginHost& plugins, Figures& f) {
    archive::SearchIndex index(archive, &plugins);
    {
        // A session's first query also reads the plugins' book sections (to name where hits are):
        // measured apart, once.
        double c1 = thread_cpu_ms();
        archive::SearchOptions so;
        so.limit = 20;
        index.search(kQueries.front(), so);
        f.first_search_ms = thread_cpu_ms() - c1;
    }
    f.items = index.size();
    std::vector<double> fts, like, fts_len[3], like_len[3], fts_wall, like_wall;
    auto scan =
        archive.db().prepare("SELECT count(*) FROM search_item WHERE title LIKE '%' || ?1 || '%' OR body LIKE '%' || ?1 || '%'");
    for (int round = 0; round < 3; ++round)
        for (const auto& q : kQueries) {
            const auto len = std::min<std::size_t>(3, q.size() / 3) - 1; // UTF-8: three bytes a character
            auto t1 = Clock::now();
            double c1 = thread_cpu_ms();
            archive::SearchOptions so;
            so.limit = 20;
            index.search(q, so);
            fts.push_back(thread_cpu_ms() - c1);
            fts_wall.push_back(ms_since(t1));
            fts_len[len].push_back(fts.back());
            t1 = Clock::now();
            c1 = thread_cpu_ms();
            scan.bind(1, q);
            scan.step();
            scan.reset();
            like.push_back(thread_cpu_ms() - c1);
            like_wall.push_back(ms_since(t1));
            like_len[len].push_back(like.back());
        }
    f.search_wall_p95 = percentile(fts_wall, 0.95);
    f.like_wall_p95 = percentile(like_wall, 0.95);
    f.search_p50 = percentile(fts, 0.5);
    f.search_p95 = percentile(fts, 0.95);
    f.like_p50 = percentile(like, 0.5);
    f.like_p95 = percentile(like, 0.95);
    for (int k = 0; k < 3; ++k) {
        f.by_length[k][0] = percentile(fts_len[k], 0.5);
        f.by_length[k][1] = percentile(fts_len[k], 0.95);
        f.by_length[k][2] = percentile(like_len[k], 0.5);
        f.by_length[k][3] = percentile(like_len[k], 0.95);
    }
}

/// The district committee's archive the packages are imported into.
void create_superior(const fs::path& path) {
    core::Organisation sup;
    sup.name = "××区委组织部";
    sup.sector = "community";
    sup.form = "党委";
    core::Archive::create(path.string(), sup);
}

void print_search_by_length(const Figures& f) {
    std::printf("       a session's first search (CPU, reads the book sections): %.1f ms\n", f.first_search_ms);
    for (int k = 0; k < 3; ++k) {
        const auto& b = f.by_length[k];
        std::printf(
            "       %d-character queries (CPU): search p50 %.2f p95 %.2f ms, LIKE p50 %.1f p95 %.1f ms: %.1f× at p50, %.1f× at p95\n",
            k + 1, b[0], b[1], b[2], b[3], b[0] > 0 ? b[2] / b[0] : 0.0, b[1] > 0 ? b[3] / b[1] : 0.0);
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--search") { // the search figures of an archive kept earlier
        core::PluginHost plugins;
        plugins.load_all();
        auto a = core::Archive::open(argv[2]);
        Figures f;
        measure_search(a, plugins, f);
        std::printf("search (CPU) p50 %.2f p95 %.2f ms vs LIKE p50 %.1f p95 %.1f ms (%.1f× at p95) over %lld items; "
                    "wall p95 %.1f vs %.1f ms\n",
                    f.search_p50, f.search_p95, f.like_p50, f.like_p95, f.search_p95 > 0 ? f.like_p95 / f.search_p95 : 0.0,
                    f.items, f.search_wall_p95, f.like_wall_p95);
        print_search_by_length(f);
        return 0;
    }
    if (argc == 3 && std::string(argv[1]) == "--import-into") {
        // Import cost against the archive's size: ten new branches imported into an empty superior
        // and into FILE (a copy of a kept archive: it is changed), CPU and wall per import.
        core::PluginHost plugins;
        plugins.load_all();
        auto rubrics = core::RubricSet::load(plugins);
        archive::StagingDir dir("superior-import");
        fs::create_directories(dir.path() / "work");
        fs::create_directories(dir.path() / "packages");
        std::vector<fs::path> zips;
        for (int i = 5001; i <= 5010; ++i) {
            bench::BranchSpec spec;
            spec.index = i;
            spec.last_year = core::Date::today().year() - 1;
            zips.push_back(bench::generate_branch(spec, dir.path() / "work", dir.path() / "packages", &plugins, &rubrics).zip);
        }
        const fs::path fresh = dir.path() / "fresh.onebook";
        create_superior(fresh);
        for (const std::string& target : {fresh.string(), std::string(argv[2])}) {
            auto a = core::Archive::open(target);
            std::vector<double> cpu, wall;
            for (const auto& z : zips) {
                auto t = Clock::now();
                const double c0 = thread_cpu_ms();
                archive::ImportOptions o;
                o.plugins = &plugins;
                archive::import_package(a, z, o);
                cpu.push_back(thread_cpu_ms() - c0);
                wall.push_back(ms_since(t));
            }
            std::printf("%s (%lld branches before): import CPU median %.0f ms, wall median %.0f ms\n", target.c_str(),
                        static_cast<long long>(a.db().scalar_int("SELECT count(*) FROM organisation") - 11), percentile(cpu, 0.5),
                        percentile(wall, 0.5));
        }
        return 0;
    }
    std::vector<int> checkpoints;
    for (int i = 1; i < argc; ++i) checkpoints.push_back(std::max(1, std::atoi(argv[i])));
    if (checkpoints.empty()) checkpoints = {10, 100, 1000};
    std::sort(checkpoints.begin(), checkpoints.end());
    const int total = checkpoints.back();
    const fs::path bin = fs::absolute(argv[0]).parent_path();
    const std::string cli = (bin / "onebook-cli").string();

    core::PluginHost plugins;
    plugins.load_all();
    auto rubrics = core::RubricSet::load(plugins);
    archive::StagingDir dir("superior-scale");
    fs::create_directories(dir.path() / "work");
    fs::create_directories(dir.path() / "packages");
    const int year = core::Date::today().year() - 1;

    std::printf("generating %d branch packages…\n", total);
    std::fflush(stdout);
    auto g0 = Clock::now();
    std::vector<bench::GeneratedBranch> branches;
    long long records = 0;
    for (int i = 1; i <= total; ++i) {
        bench::BranchSpec spec;
        spec.index = i;
        spec.last_year = year;
        branches.push_back(bench::generate_branch(spec, dir.path() / "work", dir.path() / "packages", &plugins, &rubrics));
        records += branches.back().records;
        fs::remove(dir.path() / "work" / ("branch-" + std::to_string(i) + ".onebook")); // keep the disk small
        if (i % 100 == 0) {
            std::printf("  %d generated (%.0f s)\n", i, ms_since(g0) / 1000);
            std::fflush(stdout);
        }
    }
    std::printf("generated %d packages, %lld records, in %.1f s\n\n", total, records, ms_since(g0) / 1000);

    const fs::path superior_path = dir.path() / "superior.onebook";
    create_superior(superior_path);

    std::vector<Figures> figures;
    std::vector<double> import_times, import_cpu;
    auto i0 = Clock::now();
    std::size_t next = 0;
    {
        auto superior = std::make_unique<core::Archive>(core::Archive::open(superior_path.string()));
        for (int i = 1; i <= total; ++i) {
            auto t = Clock::now();
            const double c0 = thread_cpu_ms();
            archive::ImportOptions o;
            o.plugins = &plugins;
            archive::import_package(*superior, branches[static_cast<std::size_t>(i - 1)].zip, o);
            import_times.push_back(ms_since(t));
            import_cpu.push_back(thread_cpu_ms() - c0);
            if (i != checkpoints[next]) continue;
            Figures f;
            f.n = i;
            std::vector<double> last(import_times.end() - std::min<std::ptrdiff_t>(10, i), import_times.end());
            f.import_ms = percentile(last, 0.5);
            f.import_cpu_ms =
                percentile(std::vector<double>(import_cpu.end() - std::min<std::ptrdiff_t>(10, i), import_cpu.end()), 0.5);
            superior.reset(); // a clean close, as a user's session ends
            {
                std::vector<double> t_open;
                for (int k = 0; k < 5; ++k) {
                    auto t1 = Clock::now();
                    { auto a = core::Archive::open(superior_path.string()); }
                    t_open.push_back(ms_since(t1));
                }
                f.open_ms = percentile(t_open, 0.5);
                std::vector<double> t_info, c_info;
                for (int k = 0; k < 5; ++k) {
                    auto t1 = Clock::now();
                    const double c1 = children_cpu_ms();
                    std::string cmd = "'" + cli + "' info --archive '" + superior_path.string() + "' >/dev/null 2>&1";
                    if (std::system(cmd.c_str()) != 0) std::printf("  (onebook-cli info failed)\n");
                    t_info.push_back(ms_since(t1));
                    c_info.push_back(children_cpu_ms() - c1);
                }
                f.info_ms = percentile(t_info, 0.5);
                f.info_cpu_ms = percentile(c_info, 0.5);
            }
            superior = std::make_unique<core::Archive>(core::Archive::open(superior_path.string()));
            measure_search(*superior, plugins, f);
            {
                std::vector<double> t_sum;
                for (int k = 0; k < 3; ++k) {
                    auto t1 = Clock::now();
                    archive::grading_summary(*superior, plugins, year);
                    t_sum.push_back(ms_since(t1));
                }
                f.summary_ms = percentile(t_sum, 0.5);
                std::vector<double> t_desk; // what the shell's committee desk reads when it opens
                for (int k = 0; k < 3; ++k) {
                    auto t1 = Clock::now();
                    archive::superior_desk(*superior, plugins, year);
                    t_desk.push_back(ms_since(t1));
                }
                f.desk_ms = percentile(t_desk, 0.5);
            }
            figures.push_back(f);
            std::printf(
                "N=%-5d import %.0f ms/package, CPU %.0f ms (median of last 10) | open %.1f ms, info %.1f ms/process (CPU %.1f) | "
                "search (CPU) p50 %.2f p95 %.2f ms vs LIKE p50 %.1f p95 %.1f ms (%.1f× at p95; wall p95 %.1f vs %.1f ms) over %lld items | "
                "summary %.0f ms, desk %.0f ms\n",
                f.n, f.import_ms, f.import_cpu_ms, f.open_ms, f.info_ms, f.info_cpu_ms, f.search_p50, f.search_p95, f.like_p50,
                f.like_p95, f.search_p95 > 0 ? f.like_p95 / f.search_p95 : 0.0, f.search_wall_p95, f.like_wall_p95, f.items,
                f.summary_ms, f.desk_ms);
            print_search_by_length(f);
            std::fflush(stdout);
            if (++next == checkpoints.size()) break;
        }
    }
    double all_s = ms_since(i0) / 1000;
    double sum_imports = 0;
    for (double t : import_times) sum_imports += t;
    std::printf("\n%d imports: %.1f s of import (%.1f s wall with the checkpoints' measurements); archive %.1f MB\n", total,
                sum_imports / 1000, all_s, static_cast<double>(fs::file_size(superior_path)) / (1 << 20));
    for (std::size_t k = 1; k < figures.size(); ++k) {
        const auto& a = figures[k - 1];
        const auto& b = figures[k];
        auto g = [](double x, double y) { return x > 0 ? y / x : 0.0; };
        std::printf(
            "growth N=%d → %d (×%.0f branches): import ×%.2f (CPU ×%.2f), open ×%.2f, info ×%.2f, search p95 ×%.2f, LIKE p95 ×%.2f, "
            "summary ×%.2f\n",
            a.n, b.n, static_cast<double>(b.n) / a.n, g(a.import_ms, b.import_ms), g(a.import_cpu_ms, b.import_cpu_ms),
            g(a.open_ms, b.open_ms), g(a.info_ms, b.info_ms), g(a.search_p95, b.search_p95), g(a.like_p95, b.like_p95),
            g(a.summary_ms, b.summary_ms));
    }
    std::printf(
        "targets: import at the last checkpoint ≤ 1.5× the first; 1000 packages ≤ 600 s; info ≤ 50 ms; summary ≤ 1000 ms; desk ≤ 1000 ms; "
        "search ≥ 5× faster than LIKE at p95\n");
    // ONEBOOK_BENCH_KEEP=FILE keeps a copy of the superior's archive (to look at its desk in the shell).
    if (const char* keep = std::getenv("ONEBOOK_BENCH_KEEP"); keep && *keep) {
        fs::remove(keep);
        auto db = core::Database::open(superior_path.string(), false);
        auto st = db.prepare("VACUUM INTO ?");
        st.bind(1, std::string(keep));
        st.run();
        std::printf("kept the superior's archive as %s\n", keep);
    }
    return 0;
}
