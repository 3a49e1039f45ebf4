// The records-start date: an archive begun in December is not charged with January's meetings,
// the window the date cuts is never a violation, the note says what is left out, and bad dates
// are refused without changing what is stored.
#include "records_fixture.hpp"

#include "onebook/error.hpp"
#include "onebook/rules.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace onebook;
using core::Date;
using core::FindingStatus;

namespace {
long violations(const std::vector<core::Finding>& f) {
    return std::count_if(f.begin(), f.end(), [](const core::Finding& x) { return x.status == FindingStatus::Violation; });
}
} // namespace

BOOST_AUTO_TEST_CASE(periods_before_the_records_start_are_not_judged) {
    test::Branch b;
    b.add("committee", Date(2025, 12, 2));
    auto before = core::check_rule(b.a(), b.plugins, "community.freq.committee", 2025, Date(2025, 12, 20));
    BOOST_REQUIRE_EQUAL(before.size(), 12u);
    BOOST_TEST(violations(before) == 11);
    BOOST_TEST(!core::records_start_note(b.a(), 2025).has_value());

    b.a().set_records_start(Date(2025, 12, 1), Date(2025, 12, 20));
    BOOST_TEST((b.a().records_start() == Date(2025, 12, 1)));
    auto after = core::check_rule(b.a(), b.plugins, "community.freq.committee", 2025, Date(2025, 12, 20));
    BOOST_REQUIRE_EQUAL(after.size(), 1u);
    BOOST_TEST(after[0].window == "2025-12");
    BOOST_TEST(violations(after) == 0);
    // A quarter the date cuts: at most a warning, and the message says why.
    auto quarter = core::check_rule(b.a(), b.plugins, "community.freq.assembly", 2025, Date(2026, 1, 20));
    BOOST_REQUIRE_EQUAL(quarter.size(), 1u);
    BOOST_TEST(quarter[0].window == "2025-Q4");
    BOOST_TEST((quarter[0].status == FindingStatus::Warning));
    BOOST_TEST(quarter[0].message.find("2025-12-01 起记录") != std::string::npos);
    // The whole check of that year leaves no violation of a window that ended before it.
    for (const auto& f : core::check_rules(b.a(), b.plugins, 2025, Date(2026, 1, 20)))
        if (!f.window.empty()) BOOST_TEST(!(f.window_end < Date(2025, 12, 1)), f.ref());
    auto note = core::records_start_note(b.a(), 2025);
    BOOST_REQUIRE(note.has_value());
    BOOST_TEST(note->key.find("此前的时段不作检查") != std::string::npos);
    BOOST_TEST(core::records_start_note(b.a(), 2024).has_value());
    BOOST_TEST(!core::records_start_note(b.a(), 2026).has_value());
    BOOST_TEST(core::check_rule(b.a(), b.plugins, "community.freq.committee", 2024, Date(2026, 1, 20)).empty());
}

BOOST_AUTO_TEST_CASE(a_records_start_in_the_future_or_before_1921_is_refused) {
    test::Branch b;
    b.a().set_records_start(Date(2025, 3, 1), Date(2025, 6, 1));
    BOOST_CHECK_THROW(b.a().set_records_start(Date(2025, 7, 1), Date(2025, 6, 1)), core::Error);
    BOOST_CHECK_THROW(b.a().set_records_start(Date(1900, 1, 1), Date(2025, 6, 1)), core::Error);
    BOOST_TEST((b.a().records_start() == Date(2025, 3, 1)));
    b.a().set_records_start(std::nullopt);
    BOOST_TEST(!b.a().records_start().has_value());
}
