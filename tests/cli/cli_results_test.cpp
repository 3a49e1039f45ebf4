// Results sent back down through the command line: the demo's superior writes a results package per
// branch (package export --results --dir), the demo branch's package import recognises its own and
// changes nothing the second time (its demo already holds them), refuses another branch's with exit
// 1 and the addressee named, and package verify needs the branch archive to check one.
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

struct Demo {
    test::ScratchDir dir{"onebook-cli-results"};
    std::string out, err;
    Demo() { BOOST_REQUIRE(run("demo --out demo") == 0); }
    int run(const std::string& args) {
        test::ToolOptions o;
        o.cwd = dir.path();
        o.unset = {"LC_ALL", "LC_MESSAGES"};
        o.env = {{"ONEBOOK_LANG", "zh_CN"}};
        int rc = test::run_tool(test::concat({test::tool_path("onebook-cli")}, test::words(args)), &out, &err, o);
        BOOST_TEST_MESSAGE("$ onebook-cli " << args << "  → " << rc << "\n" << out.substr(0, 2000) << err);
        return rc;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(results_packages_go_down_and_only_to_their_branch) {
    Demo d;
    BOOST_REQUIRE(d.run("package export --results --year 2025 --dir results --archive demo/superior.onebook") == 0);
    int packages = 0;
    fs::path mine, other;
    for (const auto& e : fs::directory_iterator(d.dir / "results")) {
        ++packages;
        std::string name = test::utf8(e.path().filename());
        if (name.find("幸福里社区党支部") != std::string::npos) mine = e.path();
        else if (name.find("东湖村党支部") != std::string::npos) other = e.path();
    }
    BOOST_TEST(packages >= 5);
    BOOST_REQUIRE(!mine.empty());
    BOOST_REQUIRE(!other.empty());

    // The demo's branch already received its results: the same results again change nothing.
    BOOST_TEST(d.run("package import '" + test::utf8(mine) + "' --archive demo/demo.onebook --format json") == 0);
    BOOST_TEST(d.out.find("\"unchanged\"") != std::string::npos, d.out);
    BOOST_TEST(d.run("package results --archive demo/demo.onebook --format csv") == 0);
    BOOST_TEST(d.out.find("幸福街道党工委") != std::string::npos);

    // Another branch's results: refused, naming the addressee.
    BOOST_TEST(d.run("package import '" + test::utf8(other) + "' --archive demo/demo.onebook") == 1);
    BOOST_TEST(d.err.find("东湖村党支部") != std::string::npos, d.err);
    BOOST_TEST(d.run("package verify '" + test::utf8(other) + "' --archive demo/demo.onebook") == 1);

    // Verified without an archive: the message says which archive is needed.
    BOOST_TEST(d.run("package verify '" + test::utf8(mine) + "'") == 1);
    BOOST_TEST(d.err.find("--archive") != std::string::npos, d.err);
}

BOOST_AUTO_TEST_CASE(the_superior_writes_its_own_requirement_and_it_goes_down) {
    Demo d;
    const std::string sup = " --archive demo/superior.onebook";
    BOOST_TEST(d.run("rectify add --org 幸福里社区党支部 --item 党员活动室制度上墙不全 --measures 补齐制度牌并拍照报街道 "
                     "--owner 支部书记 --deadline 2099-06-30" +
                     sup) == 0);
    BOOST_TEST(d.out.find("幸福里社区党支部") != std::string::npos, d.out);
    BOOST_TEST(d.run("rectify list --org 幸福里社区党支部 --format csv" + sup) == 0);
    BOOST_TEST(d.out.find("党员活动室制度上墙不全") != std::string::npos, d.out);
    // Not in the superior's own ledger, and no such branch is refused.
    BOOST_TEST(d.run("rectify list --format csv" + sup) == 0);
    BOOST_TEST(d.out.find("党员活动室制度上墙不全") == std::string::npos, d.out);
    BOOST_TEST(d.run("rectify add --org 没有这个支部 --item x --measures y --owner z --deadline 2099-06-30" + sup) == 1);
    BOOST_TEST(d.err.find("没有这个支部") != std::string::npos, d.err);

    BOOST_REQUIRE(d.run("package export --results --year 2025 --branch 幸福里社区党支部 --dir results" + sup) == 0);
    fs::path mine;
    for (const auto& e : fs::directory_iterator(d.dir / "results")) mine = e.path();
    BOOST_REQUIRE(!mine.empty());
    BOOST_TEST(d.run("package import '" + test::utf8(mine) + "' --archive demo/demo.onebook --format json") == 0);
    BOOST_TEST(d.out.find("\"applied\"") != std::string::npos, d.out);
    BOOST_TEST(d.run("rectify list --format csv --archive demo/demo.onebook") == 0);
    BOOST_TEST(d.out.find("党员活动室制度上墙不全") != std::string::npos, d.out);
    BOOST_TEST(d.run("package import '" + test::utf8(mine) + "' --archive demo/demo.onebook --format json") == 0);
    BOOST_TEST(d.out.find("\"unchanged\"") != std::string::npos, d.out);
}
