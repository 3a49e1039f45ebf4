// What onebook-cli keeps between runs to start quickly: the fonts a board needs are resolved once
// and remembered in the user's cache folder; a stale or damaged entry is never trusted.
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli-startup",
                 {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_ARCHIVE", "FONTCONFIG_FILE", "FONTCONFIG_PATH"},
                  .set = {{"ONEBOOK_LANG", "en"}, {"LANG", "C.UTF-8"}},
                  .shown = 2000}) {
        set("XDG_CACHE_HOME", (dir.path() / "cache").string()); // the font cache, in the scratch folder
    }
    fs::path cache() const { return dir.path() / "cache" / "onebook" / "fonts.tsv"; }
};

} // namespace

BOOST_AUTO_TEST_CASE(fonts_are_remembered_and_a_stale_entry_is_not_trusted) {
    Cli cli;
    BOOST_REQUIRE_EQUAL(cli("init b.onebook --sector community --name 幸福里社区党支部"), 0);
    BOOST_REQUIRE_EQUAL(cli("board make --archive b.onebook --template rectification --out first.pdf"), 0);
    BOOST_REQUIRE(fs::exists(cli.cache()));
    std::string remembered = test::read_file(cli.cache());
    BOOST_TEST(remembered.find("WenQuanYi Zen Hei\t") != std::string::npos, remembered);
    auto first = fs::file_size(cli.dir / "first.pdf");

    // An entry naming a file that is gone, and one whose file changed since: both looked up again.
    {
        std::ofstream damaged(cli.cache(), std::ios::trunc);
        damaged << "WenQuanYi Zen Hei\t/nonexistent/wqy-zenhei.ttc\t0\tWenQuanYi Zen Hei\t16791251\t1\n"
                << "AR PL UMing CN\t" << test::bin("onebook-cli").string() << "\t0\tAR PL UMing CN\t1\t1\n"
                << "half a line\n";
    }
    BOOST_REQUIRE_EQUAL(cli("board make --archive b.onebook --template rectification --out second.pdf"), 0);
    BOOST_TEST(fs::file_size(cli.dir / "second.pdf") == first);
    std::string repaired = test::read_file(cli.cache());
    BOOST_TEST(repaired.find("/nonexistent/") == std::string::npos, repaired);
    BOOST_TEST(repaired.find(test::bin("onebook-cli").string()) == std::string::npos, repaired);
    BOOST_TEST(repaired.find("WenQuanYi Zen Hei\t") != std::string::npos, repaired);
}
