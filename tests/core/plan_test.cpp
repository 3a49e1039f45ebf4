// The yearly 三会一课 plan: planned counts per type and month, and plan vs done.
#include "records_fixture.hpp"

#include "onebook/error.hpp"
#include "onebook/plan.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;
using core::Date;

BOOST_AUTO_TEST_CASE(plan_entries_are_set_replaced_and_removed) {
    test::Branch b;
    core::MeetingPlan plan(b.a().db(), b.org);
    for (int m : {3, 6, 9, 12}) plan.set(2025, b.tmpl("assembly"), m, 1);
    plan.set(2025, b.tmpl("committee"), 1, 1);
    plan.set(2025, b.tmpl("committee"), 1, 2); // replaces
    BOOST_TEST(plan.planned(2025, "assembly", 6) == 1);
    BOOST_TEST(plan.planned(2025, "assembly", 7) == 0);
    BOOST_TEST(plan.planned(2025, "committee", 1) == 2);
    BOOST_TEST(plan.entries(2025).size() == 5u);
    plan.set(2025, b.tmpl("committee"), 1, 0);
    BOOST_TEST(plan.entries(2025).size() == 4u);
    BOOST_TEST(plan.entries(2026).empty());

    BOOST_CHECK_THROW(plan.set(2025, b.tmpl("assembly"), 13, 1), core::Error);
    BOOST_CHECK_THROW(plan.set(2025, b.tmpl("assembly"), 0, 1), core::Error);
    BOOST_CHECK_THROW(plan.set(2025, b.tmpl("assembly"), 3, -1), core::Error);
    try {
        plan.set(2025, b.tmpl("assembly"), 13, 1);
    } catch (const core::Error& e) { BOOST_TEST(e.where().field == "month"); }
}

BOOST_AUTO_TEST_CASE(plan_versus_done_counts_records_per_month) {
    test::Branch b;
    core::MeetingPlan plan(b.a().db(), b.org);
    for (int m : {3, 6, 9, 12}) plan.set(2025, b.tmpl("assembly"), m, 1);
    for (int m = 1; m <= 12; ++m) plan.set(2025, b.tmpl("study"), m, 1);
    b.add("assembly", Date(2025, 3, 27));
    b.add("assembly", Date(2025, 7, 2)); // held late
    b.add("study", Date(2025, 1, 20));
    b.add("study", Date(2025, 1, 28));
    b.add("study", Date(2024, 12, 20));          // another year
    b.add("talk", Date(2025, 2, 3), {"陈志强"}); // done without a plan

    auto rows = plan.compare(2025, b.templates);
    BOOST_REQUIRE(rows.size() == 3u);
    // Template order: assembly, …, talk, study.
    BOOST_TEST(rows[0].type == "assembly");
    BOOST_TEST(rows[0].type_name == "支部党员大会");
    BOOST_TEST(rows[0].planned_total() == 4);
    BOOST_TEST(rows[0].done_total() == 2);
    BOOST_TEST(rows[0].done[2] == 1);
    BOOST_TEST(rows[0].done[6] == 1);
    BOOST_TEST(rows[0].behind(6) == 1); // planned March + June, held only March by June
    BOOST_TEST(rows[0].behind(7) == 0); // caught up in July
    BOOST_TEST(rows[0].behind(12) == 2);
    BOOST_TEST(rows[1].type == "talk");
    BOOST_TEST(rows[1].planned_total() == 0);
    BOOST_TEST(rows[1].done_total() == 1);
    BOOST_TEST(rows[2].type == "study");
    BOOST_TEST(rows[2].done[0] == 2);
    BOOST_TEST(rows[2].done_total() == 2);
    BOOST_TEST(rows[2].behind(3) == 1);
}
