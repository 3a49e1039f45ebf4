// A superior's archive holding many branches: import cost stays flat (counted in pages SQLite asked
// for, not in time), an everyday open reads a few pages however big the archive is, and search at
// scale finds exactly what a substring scan finds, ranked, the first page first.
#include "branch_generator.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/search.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <vector>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

/// Pages SQLite has asked its cache for on this connection so far (hits and misses).
long long pages_requested(core::Database& db) {
    int hit = 0, miss = 0, high = 0;
    sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_HIT, &hit, &high, 0);
    sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_MISS, &miss, &high, 0);
    return static_cast<long long>(hit) + miss;
}

double mean(const std::vector<long long>& v, std::size_t from, std::size_t to) {
    return std::accumulate(v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(to), 0.0) /
           static_cast<double>(to - from);
}

struct Superior {
    test::ScratchDir dir{"superior-scale"};
    fs::path path = dir / "superior.onebook";
    std::vector<bench::GeneratedBranch> branches;
    std::vector<long long> import_pages; ///< per import, in order
    long long pages_at_30 = 0;           ///< size of the archive (pages) after 30 imports

    explicit Superior(int n) {
        fs::create_directories(dir / "work");
        fs::create_directories(dir / "packages");
        for (int i = 1; i <= n; ++i) {
            bench::BranchSpec spec;
            spec.index = i;
            spec.last_year = 2025;
            spec.years = 1;
            spec.scale = 0.25;
            spec.documents = false;
            branches.push_back(bench::generate_branch(spec, dir / "work", dir / "packages", nullptr, nullptr));
            fs::remove(dir / "work" / ("branch-" + std::to_string(i) + ".onebook"));
        }
        core::Organisation sup;
        sup.name = "××区委组织部";
        sup.sector = "community";
        auto a = core::Archive::create(path.string(), sup);
        for (const auto& b : branches) {
            long long before = pages_requested(a.db());
            archive::import_package(a, b.zip);
            import_pages.push_back(pages_requested(a.db()) - before);
            if (import_pages.size() == 30) pages_at_30 = a.db().scalar_int("PRAGMA page_count");
        }
    }
};

Superior& shared_superior() {
    static Superior s(240);
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(import_cost_is_flat_in_pages_read) {
    auto& s = shared_superior();
    const auto& p = s.import_pages;
    BOOST_REQUIRE(p.size() == 240);
    // The first imports create the search index and warm the schema: the baseline is imports 11–30.
    // Branches differ in size (5 to 40 members, more or fewer records), so means over twenty.
    double first = mean(p, 10, 30), last = mean(p, p.size() - 20, p.size());
    BOOST_TEST_MESSAGE("pages per import: imports 11-30 " << first << ", last 20 " << last);
    BOOST_TEST(last <= 1.5 * first, "import cost grows with the archive: " << first << " → " << last << " pages");
    // Meanwhile the archive grew several times over.
    core::Archive a = core::Archive::open(s.path.string());
    long long pages = a.db().scalar_int("PRAGMA page_count");
    BOOST_TEST_MESSAGE("archive pages after 30 imports " << s.pages_at_30 << ", after 240 " << pages);
    BOOST_TEST(pages > 4 * s.pages_at_30, "archive " << s.pages_at_30 << " → " << pages << " pages");
}

BOOST_AUTO_TEST_CASE(an_everyday_open_reads_a_few_pages_not_the_archive) {
    auto& s = shared_superior();
    { auto a = core::Archive::open(s.path.string()); } // a clean close
    auto a = core::Archive::open(s.path.string());
    long long read = pages_requested(a.db());
    long long pages = a.db().scalar_int("PRAGMA page_count");
    // The same open of an archive holding nothing: what an open costs whatever the size (the
    // schema, the journal's triggers, the identity).
    test::ScratchDir small_dir("small");
    { auto fresh = test::make_archive(small_dir / "small.onebook"); }
    long long small_read = 0, small_pages = 0;
    {
        auto fresh = core::Archive::open((small_dir / "small.onebook").string());
        small_read = pages_requested(fresh.db());
        small_pages = fresh.db().scalar_int("PRAGMA page_count");
    }
    BOOST_TEST_MESSAGE("open read " << read << " page requests of " << pages << " pages; an empty archive " << small_read
                                    << " of " << small_pages);
    BOOST_TEST(pages > 10 * small_pages);
    BOOST_TEST(read <= small_read * 3 / 2 + 20, "open read " << read << " of " << pages << " pages; empty: " << small_read);
}

BOOST_AUTO_TEST_CASE(search_at_scale_agrees_with_a_substring_scan) {
    auto& s = shared_superior();
    auto a = core::Archive::open(s.path.string());
    archive::SearchIndex index(a);
    // The imports indexed everything in their own transactions: nothing waits for the first search.
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM search_pending") == 0);
    int broad = 0;
    for (std::string q : {"党", "费", "会", "党费", "整改", "支部", "党小组", "志愿服", "积极分"}) {
        std::set<std::pair<std::string, std::string>> scan;
        auto st = a.db().prepare("SELECT kind, ref FROM search_item WHERE instr(title, ?1) > 0 OR instr(body, ?1) > 0");
        st.bind(1, q);
        while (st.step()) scan.insert({st.get_text(0), st.get_text(1)});
        archive::SearchOptions all;
        all.limit = 0;
        auto r = index.search(q, all);
        std::set<std::pair<std::string, std::string>> found;
        for (const auto& h : r.hits) found.insert({h.kind, h.ref});
        BOOST_TEST(found.size() == r.hits.size(), q << ": a hit listed twice");
        BOOST_TEST(r.total == static_cast<int>(scan.size()), q);
        BOOST_TEST((found == scan), q << ": search found " << found.size() << ", the scan " << scan.size());
        BOOST_TEST(!scan.empty(), q << " occurs in the generated text");
        // Ranked best first (bm25); a query found nearly everywhere comes in two tiers instead,
        // title matches first. Either way the first page is the head of the whole list.
        if (r.total <= 1000) { // search.cpp: broad_query_hits
            for (std::size_t k = 1; k < r.hits.size(); ++k) BOOST_TEST(r.hits[k - 1].rank <= r.hits[k].rank);
        } else {
            ++broad;
            bool body_tier = false;
            for (const auto& h : r.hits) {
                bool in_title = h.title.find("【") != std::string::npos;
                BOOST_TEST(!(body_tier && in_title), q << ": a title hit after the body-only ones");
                body_tier = body_tier || !in_title;
            }
            // A later page continues where the first stopped, across the two tiers.
            archive::SearchOptions later;
            later.limit = 50;
            later.offset = r.total / 2;
            auto mid = index.search(q, later);
            BOOST_REQUIRE(!mid.hits.empty());
            BOOST_TEST(mid.hits[0].ref == r.hits[static_cast<std::size_t>(r.total / 2)].ref);
        }
        archive::SearchOptions page;
        page.limit = 20;
        auto first = index.search(q, page);
        BOOST_REQUIRE(first.hits.size() == std::min<std::size_t>(20, r.hits.size()));
        for (std::size_t k = 0; k < first.hits.size(); ++k) {
            BOOST_TEST(first.hits[k].ref == r.hits[k].ref);
            bool marked =
                first.hits[k].snippet.find("【") != std::string::npos || first.hits[k].title.find("【") != std::string::npos;
            BOOST_TEST(marked, q << ": " << first.hits[k].title << " / " << first.hits[k].snippet);
        }
        BOOST_TEST(first.total == r.total);
    }
    BOOST_TEST(broad > 0, "no query was broad enough to test the tiers");
}
