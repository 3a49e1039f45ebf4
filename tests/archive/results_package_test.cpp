// Results sent back down (下发): branch → superior → branch. The superior's round, grade and
// rectification requirements reach the branch's assessment (final, read-only) and its ledger
// (linked to the deductions); the same results again change nothing; results for another branch
// or from another superior are refused with the archive unchanged.
#include "onebook/archive.hpp"
#include "onebook/archive/demo.hpp"
#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/results_package.hpp"
#include "onebook/assessment.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rectification.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

constexpr int kYear = 2025;
constexpr const char* kRubric = "community.fenlei";

core::Organisation organisation(const std::string& name, const std::string& form, const std::string& superior) {
    core::Organisation o;
    o.name = name;
    o.sector = "community";
    o.form = form;
    o.superior_name = superior;
    return o;
}

/// A branch with its self-assessment reported, exported as a package.
fs::path branch_package(core::Archive& branch, const core::RubricSet& rubrics, const fs::path& zip) {
    core::AssessmentStore store(branch, rubrics);
    auto x = store.create(branch.home().id, kRubric, kYear, "支部书记");
    archive::score_generated_round(store, rubrics.require(kRubric), x.id, core::Round::Self, 2, "会议记录不全", "支部书记");
    store.finalise(x.id, core::Round::Self, "支部书记");
    archive::export_package(branch, zip);
    return zip;
}

/// The superior imports the package, scores its round and grades; returns the grade.
core::GradeResult superior_grades(core::Archive& superior, const core::RubricSet& rubrics, const fs::path& zip,
                                  const std::string& branch_uid, double deduction) {
    archive::import_package(superior, zip);
    auto org = core::OrganisationStore(superior.db()).by_uid(branch_uid);
    BOOST_REQUIRE(org);
    core::AssessmentStore store(superior, rubrics);
    auto a = store.require(org->id, kYear);
    archive::score_generated_round(store, rubrics.require(kRubric), a.id, core::Round::Superior, deduction, "活动开展不经常",
                                   "街道组织办");
    store.record_survey(a.id, {6, 0, 0}, {6, 0, 0}, "街道组织办");
    return store.finalise(a.id, core::Round::Superior, superior.home().name);
}

struct RoundTrip {
    test::ScratchDir dir{"results-package"};
    const core::PluginHost& plugins = test::sector_plugins();
    core::RubricSet rubrics = core::RubricSet::load(plugins);
    core::Archive branch =
        core::Archive::create((dir / "branch.onebook").string(), organisation("幸福里社区党支部", "党支部", "幸福街道党工委"));
    core::Archive other =
        core::Archive::create((dir / "other.onebook").string(), organisation("阳光社区党支部", "党支部", "幸福街道党工委"));
    core::Archive superior =
        core::Archive::create((dir / "superior.onebook").string(), organisation("幸福街道党工委", "党委", "中共××区委"));
    core::GradeResult grade;

    RoundTrip() {
        grade = superior_grades(superior, rubrics, branch_package(branch, rubrics, dir / "branch.zip"), branch.home().uid, 6);
        superior_grades(superior, rubrics, branch_package(other, rubrics, dir / "other.zip"), other.home().uid, 20);
    }

    archive::ResultsExport results_for(core::Archive& from, const core::Archive& to, const fs::path& out) {
        archive::ResultsExportOptions o;
        o.branch = const_cast<core::Archive&>(to).home().uid;
        o.year = kYear;
        o.plugins = &plugins;
        auto done = archive::export_results(from, out, o);
        BOOST_REQUIRE_EQUAL(done.size(), 1u);
        return done.front();
    }

    archive::ResultsImportOptions import_options() const {
        archive::ResultsImportOptions o;
        o.plugins = &plugins;
        return o;
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(results_reach_the_branch_read_only_with_linked_rectification, RoundTrip) {
    auto sent = results_for(superior, branch, dir / "results.zip");
    BOOST_TEST(archive::is_results_package(sent.file));
    BOOST_TEST(!archive::is_results_package(dir / "branch.zip"));
    BOOST_TEST(sent.requirements > 0);

    auto got = archive::import_results(branch, sent.file, import_options());
    BOOST_TEST(got.outcome == "applied");
    BOOST_TEST(got.superior == "幸福街道党工委");
    BOOST_TEST(got.grade == grade.grade);
    BOOST_TEST(got.items_added == sent.requirements);

    // The branch's assessment now holds the superior round and the decided grade, and is closed.
    core::AssessmentStore store(branch, rubrics);
    auto a = store.require(branch.home().id, kYear);
    BOOST_TEST(a.final);
    BOOST_TEST(a.final_grade == grade.grade);
    BOOST_TEST(*a.final_total == grade.total, boost::test_tools::tolerance(1e-9));
    auto sup_org = core::OrganisationStore(superior.db()).by_uid(branch.home().uid);
    core::AssessmentStore sup_store(superior, rubrics);
    auto theirs = sup_store.scores(sup_store.require(sup_org->id, kYear).id, core::Round::Superior);
    auto mine = store.scores(a.id, core::Round::Superior);
    BOOST_REQUIRE_EQUAL(mine.size(), theirs.size());
    for (std::size_t k = 0; k < mine.size(); ++k) {
        BOOST_TEST(mine[k].item_id == theirs[k].item_id);
        BOOST_TEST(mine[k].points == theirs[k].points);
        BOOST_TEST(mine[k].reason == theirs[k].reason);
    }
    core::ScoreInput in;
    in.round = core::Round::Superior;
    in.item_id = mine.front().item_id;
    in.points = 0;
    in.reason = "改分";
    BOOST_CHECK_THROW(store.score(a.id, in), core::Error); // read-only

    // Every deduction of the superior round has its item in the ledger, linked back to it.
    core::Rectification ledger(branch.db(), branch.home().id);
    int deductions = 0;
    for (const auto& d : store.deductions(a.id)) {
        if (d.round != core::Round::Superior) continue;
        ++deductions;
        BOOST_TEST(ledger.linked_to(core::RectSource::deduction(kYear, d.item_id)).size() == 1u, "deduction " << d.item_id);
    }
    BOOST_TEST(deductions == sent.requirements);

    // The same results again, and a new export of the same results: nothing changes.
    const std::string before = archive::fixtures::dump_user_tables(branch.db());
    BOOST_TEST(archive::import_results(branch, sent.file, import_options()).outcome == "unchanged");
    auto again = results_for(superior, branch, dir / "results-again.zip");
    BOOST_TEST(archive::import_results(branch, again.file, import_options()).outcome == "unchanged");
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == before);
    BOOST_TEST(archive::results_received(branch).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(results_for_another_branch_or_from_another_superior_are_refused, RoundTrip) {
    auto mine = results_for(superior, branch, dir / "mine.zip");
    auto theirs = results_for(superior, other, dir / "theirs.zip");
    const std::string before = archive::fixtures::dump_user_tables(branch.db());

    // Addressed to another branch.
    try {
        archive::import_results(branch, theirs.file, import_options());
        BOOST_FAIL("results of another branch were imported");
    } catch (const core::Error& e) { BOOST_TEST(std::string(e.what()).find("阳光社区党支部") != std::string::npos, e.what()); }
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == before);

    // Not the superior the branch names, on first contact.
    core::Archive stranger =
        core::Archive::create((dir / "stranger.onebook").string(), organisation("红旗街道党工委", "党委", "中共××区委"));
    superior_grades(stranger, rubrics, dir / "branch.zip", branch.home().uid, 4);
    auto foreign = results_for(stranger, branch, dir / "foreign.zip");
    BOOST_CHECK_THROW(archive::import_results(branch, foreign.file, import_options()), core::Error);
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == before);

    // After the real superior is pinned, another key is refused even with the right name.
    archive::import_results(branch, mine.file, import_options());
    const std::string pinned = archive::fixtures::dump_user_tables(branch.db());
    core::Archive impostor =
        core::Archive::create((dir / "impostor.onebook").string(), organisation("幸福街道党工委", "党委", "中共××区委"));
    superior_grades(impostor, rubrics, dir / "branch.zip", branch.home().uid, 4);
    auto forged = results_for(impostor, branch, dir / "forged.zip");
    try {
        archive::import_results(branch, forged.file, import_options());
        BOOST_FAIL("results signed with another key were imported");
    } catch (const core::Error& e) { BOOST_TEST(std::string(e.what()).find("--readmit") != std::string::npos, e.what()); }
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == pinned);

    // A results package altered after signing is refused by its signature.
    fs::path tampered = dir / "tampered.zip";
    fs::copy_file(mine.file, tampered);
    {
        std::fstream f(tampered, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(40);
        f.put('X');
    }
    BOOST_CHECK_THROW(archive::import_results(branch, tampered, import_options()), core::Error);
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == pinned);
}

BOOST_FIXTURE_TEST_CASE(the_superior_round_coming_back_up_is_not_stored_twice, RoundTrip) {
    auto sent = results_for(superior, branch, dir / "results.zip");
    auto got = archive::import_results(branch, sent.file, import_options());
    BOOST_REQUIRE(got.items_added > 0);

    // Rows per table of the superior's archive, for what the branch's packages carry.
    auto counts = [&] {
        std::map<std::string, long> n;
        std::vector<std::string> tables;
        {
            auto st = superior.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                            "(name LIKE 'assessment%' OR name LIKE 'rectification%') ORDER BY name");
            while (st.step()) tables.push_back(st.get_text(0));
        }
        for (const auto& t : tables) {
            auto st = superior.db().prepare("SELECT count(*) FROM \"" + t + "\"");
            st.step();
            n[t] = st.get_int(0);
        }
        return n;
    };
    auto same = [&](const std::map<std::string, long>& now, const std::map<std::string, long>& was) {
        for (const auto& [t, n] : was) BOOST_TEST(now.at(t) == n, t);
    };
    auto org = core::OrganisationStore(superior.db()).by_uid(branch.home().uid);
    core::AssessmentStore sup_store(superior, rubrics);
    const auto id = sup_store.require(org->id, kYear).id;
    const auto rounds_before = sup_store.scores(id, core::Round::Superior).size();
    auto before = counts();
    BOOST_REQUIRE(before.count("assessment_score"));

    // The branch's next package carries its assessment, with the superior round it received, back
    // up: the superior recognises its own scores, survey and vetoes and stores no copy. The
    // branch's new ledger items (made from the deductions) are the branch's own: they arrive once.
    archive::export_package(branch, dir / "branch-after.zip");
    archive::import_package(superior, dir / "branch-after.zip");
    before["rectification_item"] += got.items_added;
    same(counts(), before);
    BOOST_TEST(sup_store.scores(sup_store.require(org->id, kYear).id, core::Round::Superior).size() == rounds_before);

    // And once more, and the same results again: still nothing new.
    BOOST_TEST(archive::import_results(branch, results_for(superior, branch, dir / "again.zip").file, import_options()).outcome ==
               "unchanged");
    archive::export_package(branch, dir / "branch-again.zip");
    archive::import_package(superior, dir / "branch-again.zip");
    same(counts(), before);
}

BOOST_FIXTURE_TEST_CASE(requirements_the_superior_writes_go_down_once, RoundTrip) {
    auto org = core::OrganisationStore(superior.db()).by_uid(branch.home().uid);
    core::AssessmentStore sup_store(superior, rubrics);
    const auto deductions = sup_store.deductions(sup_store.require(org->id, kYear).id);
    std::string deducted;
    for (const auto& d : deductions)
        if (d.round == core::Round::Superior) deducted = d.item_id;
    BOOST_REQUIRE(!deducted.empty());

    // The superior's ledger for the branch: one item for a deduction, one for none.
    core::Rectification theirs(superior.db(), org->id);
    core::RectificationItem linked;
    linked.issue = "组织生活会会前谈心谈话记录缺失";
    linked.measures = "逐人补谈并记录";
    linked.owner = "支部书记";
    linked.deadline = core::Date::today().add_months(2);
    linked.created_on = core::Date::today();
    linked.source = core::RectSource::deduction(kYear, deducted);
    theirs.add(linked, "街道组织办");
    core::RectificationItem own = linked;
    own.id = 0;
    own.issue = "党员活动室制度上墙不全";
    own.measures = "补齐制度牌";
    own.source = {};
    theirs.add(own, "街道组织办");

    auto sent = results_for(superior, branch, dir / "results.zip");
    auto got = archive::import_results(branch, sent.file, import_options());
    BOOST_TEST(got.outcome == "applied");
    core::Rectification ledger(branch.db(), branch.home().id);
    int found_linked = 0, found_own = 0;
    for (const auto& item : ledger.list(core::Date::today())) {
        if (item.issue == linked.issue) {
            ++found_linked;
            BOOST_TEST((item.source == linked.source));
        }
        if (item.issue == own.issue) {
            ++found_own;
            BOOST_TEST(item.source.empty());
            BOOST_TEST(item.deadline.iso() == own.deadline.iso());
        }
    }
    BOOST_TEST(found_linked == 1);
    BOOST_TEST(found_own == 1);

    // Again, and after the branch's next package brought them up: nothing new either way.
    const std::string before = archive::fixtures::dump_user_tables(branch.db());
    BOOST_TEST(archive::import_results(branch, sent.file, import_options()).outcome == "unchanged");
    archive::export_package(branch, dir / "branch-after.zip");
    archive::import_package(superior, dir / "branch-after.zip");
    // The superior holds each item it wrote once: the branch's copy became that item (its progress
    // now comes up with the branch's packages).
    int at_superior_linked = 0, at_superior_own = 0;
    for (const auto& item : core::Rectification(superior.db(), org->id).list(core::Date::today())) {
        at_superior_linked += item.issue == linked.issue;
        at_superior_own += item.issue == own.issue;
    }
    BOOST_TEST(at_superior_linked == 1);
    BOOST_TEST(at_superior_own == 1);
    auto again = results_for(superior, branch, dir / "results-again.zip");
    BOOST_TEST(archive::import_results(branch, again.file, import_options()).outcome == "unchanged");
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == before);
}

BOOST_FIXTURE_TEST_CASE(a_package_that_is_not_results_is_refused_with_a_message_id, RoundTrip) {
    const std::string before = archive::fixtures::dump_user_tables(branch.db());
    try {
        archive::import_results(branch, dir / "branch.zip", import_options());
        BOOST_FAIL("a branch's package was imported as results");
    } catch (const core::Error& e) {
        // The reason is a message of its own, translated at the edge like the sentence around it.
        BOOST_TEST(e.key() == "{file} 内容不符合考核结果包格式：{what}");
        BOOST_REQUIRE_EQUAL(e.message().nested.size(), 1u);
        BOOST_TEST(e.message().nested.front().second.key == "不是考核结果包（OneBook-Package-Kind）");
        BOOST_TEST(std::string(e.what()).find("不是考核结果包") != std::string::npos, e.what());
    }
    BOOST_TEST(archive::fixtures::dump_user_tables(branch.db()) == before);
}
