// onebook-cli as a user runs it: help, init, member add/list/import, plugins, demo; exit
// status and messages (Chinese under a Chinese locale, English otherwise).
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace onebook;
using test::contains;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli",
                 {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_LANG", "ONEBOOK_ARCHIVE"}, .set = {{"LANG", "C.UTF-8"}}}) {}
    std::string archive() const { return (dir / "b.onebook").string(); }
};

} // namespace

BOOST_AUTO_TEST_CASE(help_and_unknown_commands) {
    Cli cli;
    BOOST_TEST(cli("--help") == 0);
    for (const char* c : {"plugins", "init", "member add", "member list", "member import", "demo"})
        BOOST_TEST(contains(cli.out, c), "help lists " << c);
    BOOST_TEST(cli("") == 2);
    BOOST_TEST(cli("frobnicate") == 2);
    BOOST_TEST(contains(cli.err, "frobnicate"));
}

BOOST_AUTO_TEST_CASE(plugins_lists_the_five_sectors) {
    Cli cli;
    BOOST_TEST(cli("plugins --format json") == 0);
    for (const char* id : {"community", "village", "organ", "enterprise", "eduhealth"})
        BOOST_TEST(contains(cli.out, std::string("\"id\":\"") + id + "\""), id);
    // The second table lists the rejected plugins: none.
    BOOST_TEST(contains(cli.out, "\"key\":\"plugins_rejected\""));
    BOOST_TEST(cli.out.substr(cli.out.find("\"key\":\"plugins_rejected\"")).find("\"rows\":[]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(init_add_list_and_import) {
    Cli cli;
    BOOST_TEST(cli("init b.onebook --sector village --name 东风村党支部 --founded 1985/7/1") == 0);
    BOOST_TEST(fs::exists(cli.archive()));
    BOOST_TEST(cli("init b.onebook --sector village --name 又一个") == 1, "existing file refused");
    BOOST_TEST(contains(cli.err, "b.onebook"));
    BOOST_TEST(cli("init c.onebook --sector army --name 某连队") == 1);
    BOOST_TEST(contains(cli.err, "army"));
    BOOST_TEST(!fs::exists(cli.dir / "c.onebook"));

    BOOST_TEST(cli("member add --archive b.onebook --name 张村长 --gender 男 --birth 1970-02-03 --joined 1995-07-01 "
                   "--full 1996-07-01 --group 第一党小组 --id-number 110105197002030014 --phone 13912345678") == 0);
    BOOST_TEST(cli("member add --archive b.onebook --name 坏日期 --birth 2023-02-30") == 1);
    BOOST_TEST(contains(cli.err, "2023-02-30"));
    BOOST_TEST(contains(cli.err, "--birth"));

    BOOST_TEST(cli("member list --archive b.onebook --format json") == 0);
    BOOST_TEST(contains(cli.out, "张村长"));
    BOOST_TEST(!contains(cli.out, "110105197002030014"), "private fields only on request");
    BOOST_TEST(cli("member list --archive b.onebook") == 0);
    BOOST_TEST(!contains(cli.out, "13912345678"), "phone masked in the list");
    BOOST_TEST(cli("member list --archive b.onebook --show-private --format json") == 0);
    BOOST_TEST(contains(cli.out, "110105197002030014"));
    // A flag as the last word must not swallow a value (it has none).
    BOOST_TEST(cli("member list --archive b.onebook --show-private") == 0);
    BOOST_TEST(contains(cli.out, "110105197002030014"));

    test::write_file(cli.dir / "bad.csv", "姓名,入党时间\n李四,2024-02-30\n王五,2020-01-01\n");
    BOOST_TEST(cli("member import bad.csv --archive b.onebook") == 1);
    // The data row with the bad date (the header is row 1), its column and the value as written.
    BOOST_TEST(contains(cli.err, "Row 2, column \"入党时间\""), cli.err);
    BOOST_TEST(contains(cli.err, "“2024-02-30”"), cli.err);
    BOOST_TEST(!contains(cli.err, "Row 3"), "the good row is not reported: " + cli.err);
    BOOST_TEST(contains(cli.err, "nothing was imported"), cli.err);
    test::write_file(cli.dir / "good.csv",
                     "\xEF\xBB\xBF姓名,性别,入党时间,转正时间\n李四,女,2010-03-01,2011-03-01\n王五,男,2020-01-01,2021-01-01\n");
    BOOST_TEST(cli("member import good.csv --archive b.onebook") == 0);
    BOOST_TEST(cli("member list --archive b.onebook --format json") == 0);
    BOOST_TEST(contains(cli.out, "李四"));
    BOOST_TEST(contains(cli.out, "王五"));

    // A GBK file as Excel on Chinese Windows saves it.
    BOOST_TEST(cli("member import " + (test::fixtures() / "roster_gbk.csv").string() + " --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "GBK"));
    BOOST_TEST(cli("member list --archive b.onebook --format json") == 0);
    BOOST_TEST(contains(cli.out, "欧阳娜娜"));
    BOOST_TEST(contains(cli.out, "预备党员"));

    // An empty --archive is an error, not a crash.
    BOOST_TEST(cli("member list --archive \"\" ") != 0);
}

BOOST_AUTO_TEST_CASE(messages_follow_the_locale) {
    Cli cli;
    cli.set("LANG", "zh_CN.UTF-8");
    BOOST_TEST(cli("info --archive missing.onebook") == 1);
    BOOST_TEST(contains(cli.err, "不存在"), cli.err);
    cli.set("LANG", "en_US.UTF-8");
    BOOST_TEST(cli("info --archive missing.onebook") == 1);
    BOOST_TEST(contains(cli.err, "does not exist"), cli.err);
    BOOST_TEST(contains(cli.err, "missing.onebook"));
    BOOST_TEST(cli("--help") == 0);
    BOOST_TEST(contains(cli.out, "Usage"), cli.out);
}

BOOST_AUTO_TEST_CASE(demo_builds_a_realistic_archive) {
    Cli cli;
    BOOST_TEST(cli("demo --out d") == 0);
    BOOST_TEST(fs::exists(cli.dir / "d" / "demo.onebook"));
    BOOST_TEST(contains(cli.out, "demo.onebook"));
    BOOST_TEST(cli("info --archive d/demo.onebook") == 0);
    BOOST_TEST(contains(cli.out, "幸福里社区党支部"));
    // Running it again replaces the demo rather than failing.
    BOOST_TEST(cli("demo --out d") == 0);
}

BOOST_AUTO_TEST_CASE(hostile_input_gets_a_message_naming_the_file_and_field) {
    Cli cli;
    cli.set("LANG", "zh_CN.UTF-8");
    BOOST_TEST(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_TEST(cli("member add --archive b.onebook --name 王建国 --gender 男 --birth 1968-05-06 --joined 1992-07-01") == 0);
    // record add FILE.json: a value of the wrong type names the file and the field.
    test::write_file(cli.dir / "r.json",
                     R"({"type":"lecture","date":"2025-03-05","place":"活动室","host":"王建国","topic":"党课","hours":"abc"})");
    BOOST_TEST(cli("record add r.json --archive b.onebook") == 1);
    BOOST_TEST(contains(cli.err, "r.json"), cli.err);
    BOOST_TEST(contains(cli.err, "hours"), cli.err);
    // A topic of 21,845 characters is refused at input, naming the field and the limit.
    std::string topic;
    for (int i = 0; i < 21845; ++i) topic += "党";
    test::write_file(cli.dir / "long.json",
                     R"({"type":"assembly","date":"2025-03-05","place":"活动室","host":"王建国","recorder":"王建国","topic":")" +
                         topic + R"(","present":"all"})");
    BOOST_TEST(cli("record add long.json --archive b.onebook") == 1);
    BOOST_TEST(contains(cli.err, "200"), cli.err);
    BOOST_TEST(contains(cli.err, "过长"), cli.err);
    // A 100,000-digit page size is a message, not a crash.
    BOOST_TEST(cli("board make --archive b.onebook --template rectification --out b.pdf --size " + std::string(100000, '9') +
                   "x90cm") == 1);
    BOOST_TEST(contains(cli.err, "纸张尺寸"), cli.err);
    // The archive's identity, and a copy detected.
    BOOST_TEST(cli("identity --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "SHA256:"), cli.out);
    fs::copy_file(cli.dir / "b.onebook", cli.dir / "c.onebook");
    BOOST_TEST(cli("identity --archive c.onebook") == 0);
    BOOST_TEST(contains(cli.err, "identity renew"), cli.err);
    BOOST_TEST(cli("package export --out c.zip --archive c.onebook") == 1);
    BOOST_TEST(cli("identity renew --archive c.onebook") == 0);
    BOOST_TEST(cli("package export --out c.zip --archive c.onebook") == 0);
    BOOST_TEST(cli("package verify c.zip") == 0);
    BOOST_TEST(contains(cli.out, "SHA256:"), cli.out);
    // verify --repair clears leftovers.
    fs::create_directories(cli.dir / "b.onebook.files" / "tmp");
    test::write_file(cli.dir / "b.onebook.files" / "tmp" / "1-2.part", "half");
    BOOST_TEST(cli("verify --repair --archive b.onebook") == 0);
    BOOST_TEST(!fs::exists(cli.dir / "b.onebook.files" / "tmp" / "1-2.part"));
    // A read-only archive can still be read.
    fs::permissions(cli.dir / "b.onebook", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    BOOST_TEST(cli("member list --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "王建国"), cli.out);
    BOOST_TEST(contains(cli.err, "只读"), cli.err);
    BOOST_TEST(cli("member add --archive b.onebook --name 李秀兰 --gender 女 --birth 1975-11-02 --joined 2001-06-20") == 1);
    BOOST_TEST(contains(cli.err, "只读"), cli.err);
    BOOST_TEST(!contains(cli.err, "I/O"), cli.err);
}

BOOST_AUTO_TEST_CASE(impossible_dates_are_named_with_their_option) {
    Cli cli;
    cli.set("LANG", "zh_CN.UTF-8");
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部 --records-start 2025-01-01") == 0);
    // Every command reads a typed date through the one helper: the option and the value are named.
    for (const char* c :
         {"member add --archive b.onebook --name 李四 --birth 2026-02-30", "member list --archive b.onebook --on 2026-02-30",
          "history --archive b.onebook --since 2026-02-30", "board fields --archive b.onebook --today 2026-02-30"}) {
        BOOST_TEST(cli(c) == 1, c);
        BOOST_TEST(contains(cli.err, "2026-02-30"), cli.err);
        BOOST_TEST(contains(cli.err, "无法识别或不存在"), cli.err);
    }
    BOOST_TEST(cli("member add --archive b.onebook --name 李四 --birth 2026-02-30") == 1);
    BOOST_TEST(contains(cli.err, "--birth"), cli.err);
    BOOST_TEST(cli("member list --archive b.onebook") == 0);
    BOOST_TEST(!contains(cli.out, "李四"), "nothing stored by the refused command");
    cli.set("LANG", "en_US.UTF-8");
    BOOST_TEST(cli("history --archive b.onebook --since 2026/2/30") == 1);
    BOOST_TEST(contains(cli.err, "\"2026/2/30\" in \"--since\""), cli.err);
}
