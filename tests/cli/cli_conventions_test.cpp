// onebook-cli follows the command-line conventions scripts rely on: global options anywhere,
// unknown options and values refused with a suggestion (exit 2), help on every command, --version,
// distinct exit codes, `--out -` for standard output, JSON errors, and Ctrl-C leaving nothing behind.
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace onebook;
using test::contains;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli-conv", {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_ARCHIVE"},
                                      .set = {{"ONEBOOK_LANG", "en"}, {"LANG", "C.UTF-8"}},
                                      .shown = 2000}) {}
    void init() {
        BOOST_REQUIRE_EQUAL((*this)("init b.onebook --sector community --name 幸福里社区党支部"), 0);
        BOOST_REQUIRE_EQUAL((*this)("member add --archive b.onebook --name 王建国 --joined 2001-07-01 --full 2002-07-01"), 0);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(global_options_anywhere) {
    Cli cli;
    cli.init();
    BOOST_TEST(cli("--archive b.onebook --format json member list") == 0);
    std::string first = cli.out;
    BOOST_TEST(contains(first, "王建国"));
    for (const char* args : {"member --archive b.onebook list --format json", "member list --format json --archive b.onebook",
                             "--format json member list --archive=b.onebook", "member list --archive b.onebook --format=json"}) {
        BOOST_TEST(cli(args) == 0, args);
        BOOST_TEST(cli.out == first, args);
    }
    // --lang switches the language of everything, wherever it is.
    BOOST_TEST(cli("member list --archive b.onebook --lang zh_CN") == 0);
    BOOST_TEST(contains(cli.out, "共 1 名党员"));
    BOOST_TEST(cli("--lang en member list --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "1 party member"));
    // An option value that looks like an option is still a value.
    BOOST_TEST(cli("member list --archive b.onebook --filter -x") == 0);
}

BOOST_AUTO_TEST_CASE(unknown_options_commands_and_values_are_usage_errors_with_a_suggestion) {
    Cli cli;
    cli.init();
    BOOST_TEST(cli("member list --archive b.onebook --fromat json") == 2);
    BOOST_TEST(contains(cli.err, "--fromat"));
    BOOST_TEST(contains(cli.err, "--format?"), "suggests the option meant");
    BOOST_TEST(cli.out.empty());
    BOOST_TEST(cli("member list --archive b.onebook --bogus 1") == 2);
    BOOST_TEST(contains(cli.err, "--bogus"));
    BOOST_TEST(cli("member list --archive b.onebook --format xml") == 2);
    BOOST_TEST(contains(cli.err, "xml"));
    BOOST_TEST(contains(cli.err, "json"), "names what is supported");
    BOOST_TEST(cli("member list --archive b.onebook --format jsno") == 2);
    BOOST_TEST(contains(cli.err, "json?"));
    BOOST_TEST(cli("member lst --archive b.onebook") == 2);
    BOOST_TEST(contains(cli.err, "member list?"));
    BOOST_TEST(cli("info extra --archive b.onebook") == 2, "extra argument");
    BOOST_TEST(contains(cli.err, "extra"));
    BOOST_TEST(cli("rectify update 1 --status finished --archive b.onebook") == 2, "a value outside the listed alternatives");
    BOOST_TEST(contains(cli.err, "in_progress"));
    BOOST_TEST(cli("member list --archive") == 2, "an option without its value");
    BOOST_TEST(cli("member") == 2, "a group needs a command");
    BOOST_TEST(contains(cli.err, "import"));
    // Nothing was changed by any of them.
    BOOST_TEST(cli("member list --archive b.onebook --format json") == 0);
}

BOOST_AUTO_TEST_CASE(help_on_every_command_and_group_and_version) {
    Cli cli;
    BOOST_TEST(cli("member list -h") == 0);
    BOOST_TEST(contains(cli.out, "--show-private"));
    BOOST_TEST(contains(cli.out, "Exit status"));
    BOOST_TEST(cli("member list --help") == 0);
    BOOST_TEST(cli("member -h") == 0);
    for (const char* c : {"member add", "member list", "member import"}) BOOST_TEST(contains(cli.out, c), c);
    BOOST_TEST(cli("help check") == 0);
    BOOST_TEST(contains(cli.out, "--exit-code"));
    BOOST_TEST(cli("--help") == 0);
    BOOST_TEST(contains(cli.out, "130"), "exit codes documented");
    BOOST_TEST(cli("--version") == 0);
    BOOST_TEST(cli.out.rfind("onebook-cli ", 0) == 0u);
    BOOST_TEST(cli("completion bash") == 0);
    BOOST_TEST(contains(cli.out, "complete -F _onebook_cli onebook-cli"));
    BOOST_TEST(contains(cli.out, "--show-private"));
    BOOST_TEST(cli("completion zsh") == 0);
    BOOST_TEST(contains(cli.out, "#compdef onebook-cli"));
}

BOOST_AUTO_TEST_CASE(exit_codes_and_json_errors) {
    Cli cli;
    cli.init();
    BOOST_TEST(cli("member list --archive missing.onebook") == 1, "a data error");
    BOOST_TEST(cli("member list --archive missing.onebook --format json") == 1);
    BOOST_TEST(cli.err.rfind("{\"error\":{\"code\":1,\"message\":", 0) == 0u, cli.err);
    BOOST_TEST(contains(cli.err, "missing.onebook"));
    BOOST_TEST(cli("member list --archive b.onebook --format json --fromat x") == 2);
    BOOST_TEST(cli.err.rfind("{\"error\":{\"code\":2", 0) == 0u, cli.err);

    // check: violations are not an error; with --exit-code they are exit 3.
    BOOST_TEST(cli("check --year 2025 --today 2025-12-31 --archive b.onebook") == 0);
    BOOST_TEST(contains(cli.out, "violation"));
    BOOST_TEST(cli("check --year 2025 --today 2025-12-31 --exit-code --archive b.onebook") == 3);
    BOOST_TEST(cli("check --year 2025 --today 2025-12-31 --exit-code --format json --archive b.onebook") == 3);
    BOOST_TEST(cli("verify --exit-code --archive b.onebook") == 0, "nothing to find");

    // package verify: a broken package is exit 1, or 3 with --exit-code.
    test::write_file(cli.dir / "broken.zip", "PK not really a zip");
    BOOST_TEST(cli("package verify broken.zip") == 1);
    BOOST_TEST(cli("package verify broken.zip --exit-code") == 3);
    BOOST_TEST(cli("package verify nosuch.zip --exit-code") == 1, "a missing file is an error, not a finding");
}

BOOST_AUTO_TEST_CASE(out_dash_is_standard_output) {
    Cli cli;
    cli.init();
    BOOST_TEST(cli("package export --out - --archive b.onebook") == 0);
    BOOST_TEST(cli.out.rfind("PK", 0) == 0u, "the zip itself on stdout");
    BOOST_TEST(cli.out.size() > 200u);
    BOOST_TEST(!fs::exists(cli.dir / "-"), "no file named -");
    BOOST_TEST(!cli.err.empty(), "the messages went to stderr");
    test::write_file(cli.dir / "pkg.zip", cli.out);
    BOOST_TEST(cli("package verify pkg.zip") == 0, "what came out on stdout is the whole package");
    // A file output leaves no staging file behind, and the message names the real file.
    BOOST_TEST(cli("package export --out b.zip --archive b.onebook") == 0);
    BOOST_TEST(fs::exists(cli.dir / "b.zip"));
    BOOST_TEST(contains(cli.out, "b.zip"));
    BOOST_TEST(!contains(cli.out, "partial"));
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(cli.dir.path()))
        files += contains(e.path().filename().string(), "partial") ? 1 : 0;
    BOOST_TEST(files == 0u);
    // A folder output cannot be standard output.
    BOOST_TEST(cli("demo --out -") == 2);
}

BOOST_AUTO_TEST_CASE(ctrl_c_during_demo_leaves_nothing_and_exits_130) {
    Cli cli;
    // Interrupt the demo a second into its ~6 s of work.
    std::string script =
        "(onebook-cli_BIN demo --out d > demo.out 2> demo.err & p=$!; sleep 1.5; kill -INT $p; wait $p; echo $? > rc)";
    script.replace(script.find("onebook-cli_BIN"), 15, test::bin("onebook-cli").string());
    BOOST_TEST(cli("--version && " + script) == 0);
    BOOST_TEST(test::read_file(cli.dir / "rc") == "130\n");
    // It stopped before finishing, not after: a finished demo prints its summary on stdout (checked
    // empty below). No wall-clock bound: a sanitizer build is several times slower.
    BOOST_TEST(!fs::exists(cli.dir / "d"), "no partial demo folder");
    for (const auto& e : fs::directory_iterator(cli.dir.path()))
        BOOST_TEST(!contains(e.path().filename().string(), "partial"), e.path());
    BOOST_TEST(contains(test::read_file(cli.dir / "demo.err"), "nterrupt"), test::read_file(cli.dir / "demo.err"));
    BOOST_TEST(test::read_file(cli.dir / "demo.out").empty());
}

BOOST_AUTO_TEST_CASE(english_output_reads_the_plugins_english_for_their_data) {
    // Rule descriptions and sources, field labels and rubric texts are the plugins' data: in English
    // they come from each plugin's locale/en.json, in every format; in Chinese they stay as written.
    Cli cli;
    cli.init();
    const std::string check = "check --archive b.onebook --year 2025 --today 2025-12-31";
    // The branch structure is checked whatever the records-start date: one member is too few for a branch.
    const std::string structure = "正式党员3人以上的成立党支部，不足3人的成立联合党支部";
    struct Case {
        std::string args, english, chinese;
    };
    for (const auto& c : std::vector<Case>{
             {check, "A branch needs at least 3 full members; fewer form a joint branch", structure},
             {check, "standardised branch setup: clear standards for setting up branches", "支部设置标准化"},
             {check + " --format csv --out -", "A branch needs at least 3 full members; fewer form a joint branch", structure},
             {"rubric show community.fenlei", "The party organisation's secretary has been a member for at least 1 year",
              "党组织书记具有1年以上党龄"},
             {"rubric show community.fenlei", "A good leading team", "领导班子好"},
             {"record templates --archive b.onebook --type assembly", " Chair ", "主持人"}}) {
        BOOST_TEST(cli(c.args) == 0, c.args);
        BOOST_TEST(contains(cli.out, c.english), c.args << ": " << c.english);
        BOOST_TEST(!contains(cli.out, c.chinese), c.args << ": " << c.chinese);
    }
    BOOST_TEST(cli(check + " --lang zh_CN") == 0);
    BOOST_TEST(contains(cli.out, structure));
}

BOOST_AUTO_TEST_CASE(english_reads_the_catalogue_of_each_plugin_a_command_uses_and_only_those) {
    // A sector plugin whose locale/en.json is broken (a text that is not a string), on the plugin path.
    Cli cli;
    cli.init();
    const auto extra = cli.dir / "extra";
    test::write_file(
        extra / "zz" / "plugin.json",
        R"({"id":"zz-test","name":{"zh_CN":"测试","en":"Test"},"version":"0.1.0","api_version":1,"description":"t"})");
    test::write_file(extra / "zz" / "locale" / "en.json", R"({"支部党员大会": 3})");
    cli.set("ONEBOOK_PLUGIN_PATH", extra.string());
    const std::string broken = (extra / "zz" / "locale" / "en.json").string();
    // A command on the community branch reads community's catalogue (and the shared base's), not zz's.
    BOOST_TEST(cli("check --archive b.onebook --year 2025 --today 2025-12-31") == 0);
    BOOST_TEST(contains(cli.out, "A branch needs at least 3 full members; fewer form a joint branch"));
    BOOST_TEST(!contains(cli.err, broken), cli.err);
    // Listing every plugin reads every catalogue: the broken one is named, and only its own data
    // stays in Chinese — the other plugins' English still comes through.
    BOOST_TEST(cli("rubric show community.fenlei") == 0);
    BOOST_TEST(contains(cli.err, broken), cli.err);
    BOOST_TEST(contains(cli.out, "A good leading team"), cli.out);
    BOOST_TEST(!contains(cli.out, "领导班子好"), cli.out);
}

// A working folder whose name needs quoting in a shell (a space, an apostrophe): the command runs
// there, and the archive lands there, with the variables as given.
BOOST_AUTO_TEST_CASE(a_folder_name_with_a_space_and_an_apostrophe) {
    test::CliRun cli("onebook cli's folder", {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_ARCHIVE"},
                                              .set = {{"ONEBOOK_LANG", "en"}, {"LANG", "C.UTF-8"}}});
    BOOST_TEST(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_TEST(fs::exists(cli.dir / "b.onebook"));
    cli.set("ONEBOOK_ARCHIVE", "b.onebook");
    BOOST_TEST(cli("member list --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"rows\":[]"), cli.out);
}
