// Search and package figures on a generated branch of realistic size: a 2 000-record archive
// (about five years of a busy branch) and a superior holding it.
//   search_package_bench [records]
// Prints medians: search latency for 1-, 2- and 4-character queries, index refresh after writes,
// rebuild time, index size; export time and package size; import, re-import and verify times.
#include "bench_support.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/safe_zip.hpp"
#include "onebook/archive/search.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

using bench::median_ms;

// A community branch's work: the phrases its minutes and titles are written from.
const std::vector<std::string> phrases(std::begin(bench::work_phrases),
                                       std::begin(bench::work_phrases) + bench::community_phrase_count);

} // namespace

int main(int argc, char** argv) {
    int records = argc > 1 ? std::max(10, std::atoi(argv[1])) : 2000;
    archive::StagingDir dir("bench");
    core::Organisation org;
    org.name = "幸福里社区党支部";
    org.sector = "community";
    auto a = core::Archive::create((dir.path() / "branch.onebook").string(), org);
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, phrases.size() - 1);
    {
        core::Transaction tx(a.db());
        auto st = a.db().prepare(
            "INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) "
            "VALUES (?, 'assembly', '支部党员大会', ?, '社区党群服务中心', '王建国', ?, json_object('content', ?))");
        for (int i = 0; i < records; ++i) {
            std::string minutes;
            for (int k = 0; k < 12; ++k) minutes += phrases[pick(rng)] + "，";
            char date[16];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2020 + i % 6, 1 + i % 12, 1 + i % 28);
            st.bind_all(a.home().id, std::string(date), phrases[pick(rng)], minutes).run();
            st.reset();
        }
        tx.commit();
    }
    archive::SearchIndex index(a);
    double first_refresh = median_ms(1, [&] { index.refresh(); });
    std::printf("archive: %d records, %d searchable items\n", records, index.size());
    std::printf("first index build (refresh): %.1f ms\n", first_refresh);
    for (std::string q : {"党", "费", "党费", "整改", "党费收缴", "加装电梯"}) {
        int hits = 0;
        double ms = median_ms(15, [&] {
            archive::SearchOptions o;
            o.limit = 20;
            hits = index.search(q, o).total;
        });
        std::printf("search %-14s %5d hits  median %.2f ms (top 20 with snippets)\n", ("\"" + q + "\"").c_str(), hits, ms);
    }
    double refresh = median_ms(5, [&] {
        core::Transaction tx(a.db());
        a.db().exec("UPDATE record SET topic = topic || '。' WHERE id % 20 = 0");
        tx.commit();
        index.refresh();
    });
    std::printf("update %d records + refresh: median %.1f ms\n", records / 20, refresh);
    std::printf("rebuild_index(): %.1f ms\n", median_ms(3, [&] { archive::rebuild_index(a); }));
    std::printf("archive file: %.1f KB\n", fs::file_size(dir.path() / "branch.onebook") / 1024.0);

    fs::path zip = dir.path() / "branch.zip";
    archive::ExportReport exported;
    double export_ms = median_ms(5, [&] { exported = archive::export_package(a, zip); });
    std::printf("export: median %.1f ms, package %.1f KB (%s)\n", export_ms, exported.bytes / 1024.0,
                exported.payload_oxum.c_str());
    std::printf("verify: median %.1f ms\n", median_ms(5, [&] { archive::verify_package(zip, &a); }));

    core::Organisation sup;
    sup.name = "幸福街道党工委";
    sup.sector = "community";
    auto s = core::Archive::create((dir.path() / "superior.onebook").string(), sup);
    archive::ImportReport r;
    double import_ms = median_ms(1, [&] { r = archive::import_package(s, zip); });
    std::printf("import into a superior: %.1f ms (%d rows added)\n", import_ms, r.added());
    double again = median_ms(5, [&] { r = archive::import_package(s, zip); });
    std::printf("re-import, unchanged: median %.1f ms (outcome %s)\n", again, r.outcome.c_str());
    return 0;
}
