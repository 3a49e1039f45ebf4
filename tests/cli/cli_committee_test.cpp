// onebook-cli committee add|show and the records-start date (init --records-start, records-start,
// and what `check` leaves out), as a user runs them under a Chinese locale.
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;
using test::contains;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli", {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_ARCHIVE"},
                                 .set = {{"ONEBOOK_LANG", "zh_CN"}, {"LANG", "C.UTF-8"}}}) {}
};

} // namespace

BOOST_AUTO_TEST_CASE(committee_add_and_show) {
    Cli cli;
    BOOST_TEST(cli("init b.onebook --sector community --name 东风社区党支部") == 0);
    BOOST_TEST(cli("committee show --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "尚未登记支部委员会"));
    BOOST_TEST(cli("member add --name 王建国 --archive b.onebook") == 0);
    BOOST_TEST(cli("committee add --elected 2024-03-01 --seat 书记=王建国 --seat 组织委员=李秀兰 --years 5 "
                   "--approval 东街党〔2024〕3号 --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "任期 5 年（至 2029-03-01），2 名委员"));
    BOOST_TEST(contains(cli.out, "李秀兰  （不在名册中）"));
    BOOST_TEST(cli("committee show --format json --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "\"elected_on\":\"2024-03-01\""));
    BOOST_TEST(contains(cli.out, "{\"role\":\"书记\",\"name\":\"王建国\"}"));
    BOOST_TEST(contains(cli.out, "\"current\":true"));
    BOOST_TEST(cli("info --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "组织委员  李秀兰"));
    // Bad seats are refused with what is wrong, and nothing is stored.
    BOOST_TEST(cli("committee add --elected 2025-01-01 --seat 书记 --archive b.onebook") == 1);
    BOOST_TEST(contains(cli.err, "--seat 应写作 职务=姓名"));
    BOOST_TEST(cli("committee add --elected 2025-01-01 --archive b.onebook") == 1);
    BOOST_TEST(cli("committee add --elected 2025-13-01 --seat 书记=王建国 --archive b.onebook") == 1);
    BOOST_TEST(contains(cli.err, "--elected"));
    BOOST_TEST(cli("committee show --format json --archive b.onebook") == 0);
    BOOST_TEST(!contains(cli.out, "2025-01-01"));
}

BOOST_AUTO_TEST_CASE(records_start_at_init_and_later) {
    Cli cli;
    BOOST_TEST(cli("init b.onebook --sector community --name 东风社区党支部 --records-start 2025-12-01") == 0);
    BOOST_TEST(contains(cli.out, "开始记录日期：2025-12-01"));
    BOOST_TEST(cli("member add --name 王建国 --archive b.onebook") == 0);
    BOOST_TEST(cli("member add --name 李秀兰 --archive b.onebook") == 0);
    BOOST_TEST(cli("member add --name 张伟 --archive b.onebook") == 0);
    // A committee beyond the secretary, so the monthly 支委会 rule applies to this small branch.
    BOOST_TEST(cli("committee add --elected 2024-03-01 --seat 书记=王建国 --seat 组织委员=李秀兰 --seat 宣传委员=张伟 "
                   "--archive b.onebook") == 0);
    BOOST_TEST(cli("record add --type committee --date 2025-12-02 --place 活动室 --host 王建国 --recorder 王建国 "
                   "--topic 部署工作 --field minutes=研究 --archive b.onebook") == 0);
    BOOST_TEST(cli("check --year 2025 --today 2025-12-20 --format json --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "档案自 2025-12-01 起在 OneBook 中记录")); // a note under every table
    // January to November were never recorded here: no committee window of them is judged.
    BOOST_TEST(!contains(cli.out, "community.freq.committee@2025-01"));
    BOOST_TEST(contains(cli.out, "community.freq.committee@2025-12"));
    BOOST_TEST(cli("check --year 2025 --today 2025-12-20 --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "档案自 2025-12-01 起在 OneBook 中记录"));
    BOOST_TEST(cli("records-start 2025-01-01 --archive b.onebook") == 0);
    BOOST_TEST(cli("check --year 2025 --today 2025-12-20 --format json --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "community.freq.committee@2025-01"));
    BOOST_TEST(cli("records-start 2999-01-01 --archive b.onebook") == 1);
    BOOST_TEST(cli("records-start --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "2025-01-01"));
    BOOST_TEST(cli("records-start --clear --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "未设开始记录日期"));
    // Without --records-start, an archive starts recording today.
    BOOST_TEST(cli("init c.onebook --sector community --name 西风社区党支部") == 0);
    BOOST_TEST(contains(cli.out, "开始记录日期："));
}
