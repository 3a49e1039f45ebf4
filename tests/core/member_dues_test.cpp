// 党费 per member: the shipped rate bands at their exact edges, payment spread over months,
// arrears as of a day, the half-year totals the dues board publishes, and broken rule files.
#include "test_support.hpp"

#include "onebook/error.hpp"
#include "onebook/member_dues.hpp"
#include "onebook/roster.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;
using core::Date;

namespace {

core::DuesRateRule shipped() { return core::DuesRateRule::load(nullptr, {}, {test::source_dir() / "templates"}); }

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) { return core::substitute(e.key(), e.params()); }
    return "(no error)";
}

core::Id member(core::Archive& a, const std::string& name) {
    core::Member m;
    m.name = name;
    m.join_date = Date(2010, 7, 1);
    core::Roster(a.db(), a.home().id).add_member(m);
    return m.id;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_shipped_bands_follow_the_dues_rules_at_their_edges) {
    auto r = shipped();
    BOOST_TEST(r.source.find("中组发〔2008〕3号") != std::string::npos);
    BOOST_TEST(r.source.find("3000元以下（含3000元）") != std::string::npos);
    // 在职: ≤3000 0.5 %, ≤5000 1 %, ≤10000 1.5 %, above 2 % (each edge inclusive).
    BOOST_TEST(r.band("在职", 300000).rate_bp == 50);
    BOOST_TEST(r.band("在职", 300001).rate_bp == 100);
    BOOST_TEST(r.band("在职", 500000).rate_bp == 100);
    BOOST_TEST(r.band("在职", 500001).rate_bp == 150);
    BOOST_TEST(r.band("在职", 1000000).rate_bp == 150);
    BOOST_TEST(r.band("在职", 1000001).rate_bp == 200);
    BOOST_TEST(r.band("在职", 0).rate_bp == 50);
    // 离退休: ≤5000 0.5 %, above 1 %.
    BOOST_TEST(r.band("离退休", 500000).rate_bp == 50);
    BOOST_TEST(r.band("离退休", 500001).rate_bp == 100);
    BOOST_TEST(error_of([&] { r.band("农民", 100); }).find("在职、离退休") != std::string::npos);
    // 4,321.50 × 1 % = 43.215 → 43.22 (half up to the fen); 2,999 × 0.5 % = 14.995 → 15.00.
    BOOST_TEST(core::DuesRateRule::due_for(432150, 100) == 4322);
    BOOST_TEST(core::DuesRateRule::due_for(299900, 50) == 1500);
    BOOST_TEST(core::DuesRateRule::due_for(299800, 50) == 1499);
}

BOOST_AUTO_TEST_CASE(a_broken_rule_file_is_refused_naming_the_field) {
    auto err = [](const std::string& json) { return error_of([&] { core::DuesRateRule::parse(json, "dues.json"); }); };
    BOOST_TEST(err("[").find("不是有效的 JSON") != std::string::npos);
    BOOST_TEST(err(R"({"id":"x","kinds":{"在职":[{"up_to":null,"rate_percent":1}]}})").find("source") != std::string::npos);
    // Bands out of order, an open band before the last, a last band with an upper bound.
    BOOST_TEST(
        err(R"({"id":"x","source":"s","kinds":{"在职":[{"up_to":5000,"rate_percent":1},{"up_to":3000,"rate_percent":1},{"up_to":null,"rate_percent":2}]}})")
            .find("kinds.在职[1].up_to") != std::string::npos);
    BOOST_TEST(
        err(R"({"id":"x","source":"s","kinds":{"在职":[{"up_to":null,"rate_percent":1},{"up_to":null,"rate_percent":2}]}})")
            .find("kinds.在职[0].up_to") != std::string::npos);
    BOOST_TEST(err(R"({"id":"x","source":"s","kinds":{"在职":[{"up_to":3000,"rate_percent":1}]}})").find("kinds.在职[0].up_to") !=
               std::string::npos);
    BOOST_TEST(err(R"({"id":"x","source":"s","kinds":{"在职":[{"up_to":null,"rate_percent":-1}]}})").find("rate_percent") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(months_are_checked_and_ranges_cross_the_year) {
    BOOST_TEST(core::month_range("2025-11", "2026-02") == (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}),
               boost::test_tools::per_element());
    BOOST_TEST(error_of([] { core::month_range("2025-13", "2025-13"); }).find("2025-13") != std::string::npos);
    BOOST_TEST(error_of([] { core::month_range("2025-3", "2025-04"); }).find("2025-3") != std::string::npos);
    BOOST_TEST(error_of([] { core::month_range("2025-05", "2025-04"); }).find("晚于") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(payments_fill_months_in_order_and_arrears_count_only_months_owed) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "d.onebook");
    core::MemberDues dues(a.db(), a.home().id);
    auto rule = shipped();
    auto wang = member(a, "王建国"), li = member(a, "李秀兰"), zhao = member(a, "赵大爷");
    auto h1 = core::month_range("2025-01", "2025-06");
    dues.set_base(wang, h1, 450000, "在职", rule); // 1 %: 45.00 a month
    dues.set_base(li, h1, 300000, "在职", rule);   // 0.5 %: 15.00
    dues.set_fixed(zhao, h1, 20);                  // 0.20 a month
    // Nothing can be paid for a month without an amount due, nor more than is owed.
    BOOST_TEST(error_of([&] { dues.pay(wang, {"2025-07"}, 4500, Date(2025, 7, 2)); }).find("2025-07") != std::string::npos);
    BOOST_TEST(error_of([&] { dues.pay(wang, {"2025-01"}, 4501, Date(2025, 1, 5)); }).find("45.00") != std::string::npos);
    BOOST_TEST(error_of([&] { dues.pay(wang, {"2025-01"}, 0, Date(2025, 1, 5)); }).find("大于 0") != std::string::npos);
    // A refused payment changed nothing.
    BOOST_TEST(a.db().scalar_int("SELECT sum(paid_fen) FROM member_dues") == 0);
    dues.pay(wang, h1, 27000, Date(2025, 1, 5));                             // the whole half-year at once
    dues.pay(li, {"2025-01", "2025-02", "2025-03"}, 4000, Date(2025, 3, 3)); // 15 + 15 + 10
    dues.pay(zhao, h1, 120, Date(2025, 6, 20));

    auto months = dues.months(2025);
    BOOST_REQUIRE(months.size() == 18u);
    auto li_march =
        std::find_if(months.begin(), months.end(), [&](const auto& m) { return m.member_id == li && m.month == "2025-03"; });
    BOOST_TEST(li_march->paid_fen == 1000);
    BOOST_TEST(li_march->arrears_fen() == 500);
    BOOST_TEST(li_march->rate_bp.value() == 50);

    // As of 31 March: 李秀兰 owes 5.00 for March; April–June are not owed yet.
    auto year = dues.year(2025, Date(2025, 3, 31));
    auto of = [&](core::Id id) {
        return *std::find_if(year.begin(), year.end(), [&](const auto& y) { return y.member_id == id; });
    };
    BOOST_TEST(of(li).due_fen == 4500);
    BOOST_TEST(of(li).arrears_fen == 500);
    BOOST_TEST(of(li).months_owed == 1);
    BOOST_TEST(of(wang).arrears_fen == 0);
    BOOST_TEST(of(wang).paid_fen == 27000); // paid ahead
    // As of 1 April, April is owed too.
    auto april = dues.year(2025, Date(2025, 4, 1));
    BOOST_TEST(std::find_if(april.begin(), april.end(), [&](const auto& y) { return y.member_id == li; })->months_owed == 2);

    // A base lowered below what was already paid is refused.
    BOOST_TEST(error_of([&] { dues.set_base(wang, {"2025-02"}, 100000, "在职", rule); }).find("多于新的应交金额") !=
               std::string::npos);

    // The half-year totals: three members due, two paid in full, 270 + 40 + 1.20 collected.
    auto p = dues.totals("2025-H1");
    BOOST_TEST(p.members_due == 3);
    BOOST_TEST(p.members_paid == 2);
    BOOST_TEST(p.amount_fen == 27000 + 4000 + 120);
    BOOST_TEST(dues.totals("2025-H2").members_due == 0);
    BOOST_TEST(error_of([&] { dues.totals("2025-H3"); }).find("2025-H3") != std::string::npos);
}
