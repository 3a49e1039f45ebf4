// The plugin host: the five built-in sectors load; every kind of broken plugin is rejected with
// a reason naming its folder, and the others keep loading.
#include "test_support.hpp"

#include "onebook/plugin_host.hpp"
#include "onebook/sectors.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

fs::path fixture_root() {
    const char* p = std::getenv("ONEBOOK_PLUGIN_FIXTURES");
    BOOST_REQUIRE_MESSAGE(p && *p, "ONEBOOK_PLUGIN_FIXTURES is not set");
    return p;
}

const core::RejectedPlugin* rejected_from(const core::PluginHost& host, const std::string& folder) {
    for (const auto& r : host.rejected())
        if (r.folder.filename() == folder) return &r;
    return nullptr;
}

std::string reason_text(const core::RejectedPlugin& r) { return core::substitute(r.reason.key, r.reason.params); }

} // namespace

BOOST_AUTO_TEST_CASE(five_builtin_sectors_load_from_the_build_tree) {
    core::PluginHost host;
    host.load_all();
    for (const char* id : {"community", "village", "organ", "enterprise", "eduhealth"}) {
        const auto* p = host.find(id);
        BOOST_REQUIRE_MESSAGE(p, "plugin " << id << " did not load");
        BOOST_TEST(!p->manifest().name_zh.empty());
        BOOST_TEST(!p->manifest().name_en.empty());
        BOOST_TEST(p->manifest().api_version == ONEBOOK_PLUGIN_API_VERSION);
        auto info = core::sector_info(*p);
        BOOST_TEST(info.id == id);
        BOOST_TEST(!info.superior_title.empty());
    }
    for (const auto& r : host.rejected()) BOOST_ERROR("built-in plugin rejected: " << reason_text(r));
    // organ and eduhealth may exceed the 20 % share of 好 (《分类定级工作文件汇编》); the others may not.
    BOOST_TEST(core::sector_info(*host.find("organ")).good_share_may_exceed);
    BOOST_TEST(!core::sector_info(*host.find("village")).good_share_may_exceed);
}

BOOST_AUTO_TEST_CASE(broken_plugins_are_rejected_with_reasons_and_good_ones_load) {
    core::PluginHost host;
    host.load_all({fixture_root()});
    BOOST_REQUIRE(host.find("fx-good"));
    BOOST_TEST(host.find("fx-good")->has_code());
    const auto& texts = host.find("fx-good")->contributions(core::ExtensionPoint::RuleTexts);
    BOOST_REQUIRE_EQUAL(texts.size(), 1u);
    BOOST_TEST(texts[0].json.find("测试制度") != std::string::npos);
    BOOST_TEST(texts[0].source == "plugin:fx-good");

    struct Expect {
        const char* folder;
        const char* key_part;
    };
    const Expect expected[] = {
        {"bad_manifest", "不是有效的 JSON"},
        {"wrong_api_manifest", "接口版本"},
        {"missing_library", "找不到插件库"},
        {"missing_symbol", "onebook_plugin_api_version"},
        {"wrong_api_lib", "插件库的接口版本"},
        {"wrong_build", "构建标识"},
        {"throwing", "fixture plugin failed on purpose"},
        {"bad_data", "broken.json"},
        {"no_names", "name.zh_CN"},
    };
    for (const auto& e : expected) {
        const auto* r = rejected_from(host, e.folder);
        BOOST_REQUIRE_MESSAGE(r, "fixture " << e.folder << " was not rejected");
        std::string text = reason_text(*r);
        BOOST_TEST_MESSAGE(e.folder << ": " << text);
        BOOST_TEST(text.find(e.key_part) != std::string::npos, e.folder << ": " << text);
        BOOST_TEST(text.find(e.folder) != std::string::npos, "reason must name the folder: " << text);
        BOOST_TEST(!host.find(r->id.empty() ? "?" : r->id));
    }
    BOOST_TEST(host.loaded().size() == 1u);
    BOOST_TEST(host.rejected().size() == std::size(expected));
}

BOOST_AUTO_TEST_CASE(plugin_path_environment_and_duplicates) {
    core::PluginHost host;
    // The same folder twice in the path is searched once; a second plugin with a loaded id is refused.
    auto fx = fixture_root();
    test::ScratchDir dir;
    fs::create_directories(dir / "copy");
    fs::copy(fx / "good" / "plugin.json", dir / "copy" / "plugin.json");
    host.load_all({fx, fx, dir.path()});
    BOOST_TEST(host.find("fx-good"));
    const auto* dup = rejected_from(host, "copy");
    BOOST_REQUIRE(dup);
    BOOST_TEST(reason_text(*dup).find("重复") != std::string::npos);

    setenv("ONEBOOK_PLUGIN_PATH", (fx.string() + ":/nonexistent").c_str(), 1);
    auto path = core::PluginHost::default_search_path();
    unsetenv("ONEBOOK_PLUGIN_PATH");
    BOOST_REQUIRE(path.size() >= 3u);
    BOOST_TEST(path[0] == fx);
    BOOST_TEST(path[1] == fs::path("/nonexistent"));
}

BOOST_AUTO_TEST_CASE(require_names_the_loaded_sectors) {
    core::PluginHost host;
    host.load_all();
    try {
        host.require("army");
        BOOST_FAIL("unknown sector accepted");
    } catch (const core::Error& e) {
        BOOST_TEST(e.param("id") == "army");
        BOOST_TEST(e.param("loaded").find("community") != std::string::npos);
    }
}

namespace {

// A base layer and a sector on top of it, in a scratch folder.
void write_layers(const fs::path& root, const std::string& base_off) {
    test::write_file(root / "sector-base" / "base.json",
                     R"({"id":"sector-base","name":{"zh_CN":"基础","en":"Base"},"version":"1"})");
    test::write_file(root / "sector-base" / "data" / "ruletexts" / "010_a.json", R"({"id":"a","title":"基础甲"})");
    test::write_file(root / "sector-base" / "data" / "ruletexts" / "020_b.json", R"({"id":"b","title":"基础乙"})");
    test::write_file(root / "sector-base" / "data" / "ruletexts" / "030_c.json", R"({"id":"c","title":"基础丙"})");
    test::write_file(root / "sector-base" / "data" / "rules" / "10.json",
                     R"({"rules":[{"id":"freq.x","description":"基础规则","source":"s","kind":"quorum"},)"
                     R"({"id":"freq.y","description":"基础规则乙","source":"s","kind":"quorum"}]})");
    test::write_file(root / "fx-sector" / "plugin.json",
                     R"({"id":"fx-sector","name":{"zh_CN":"测试","en":"Test"},"version":"1","api_version":)" +
                         std::to_string(ONEBOOK_PLUGIN_API_VERSION) + R"(,"base":"sector-base"})");
    test::write_file(root / "fx-sector" / "data" / "sector.json", R"({"base_off":)" + base_off + "}");
    test::write_file(root / "fx-sector" / "data" / "ruletexts" / "020_b.json", R"({"id":"b","title":"本行业乙"})");
    test::write_file(root / "fx-sector" / "data" / "ruletexts" / "100_own.json", R"({"id":"own","title":"本行业新增"})");
    test::write_file(root / "fx-sector" / "data" / "rules" / "10.json",
                     R"({"rules":[{"id":"fx_sector.freq.y","description":"本行业改写","source":"s","kind":"quorum"}]})");
}

} // namespace

BOOST_AUTO_TEST_CASE(a_sector_layers_its_data_over_the_shared_base) {
    test::ScratchDir dir;
    write_layers(dir.path(), R"({"ruletexts":["c"],"rules":["freq.x"]})");
    core::PluginHost host;
    host.load_all({dir.path()});
    for (const auto& r : host.rejected()) BOOST_ERROR(reason_text(r));
    const auto* p = host.find("fx-sector");
    BOOST_REQUIRE(p);
    BOOST_TEST(p->base_folder() == dir / "sector-base");
    // Base a stays, b is replaced in its place, c is switched off, own is added at the end.
    const auto& texts = p->contributions(core::ExtensionPoint::RuleTexts);
    BOOST_REQUIRE_EQUAL(texts.size(), 3u);
    BOOST_TEST(core::contribution_id(texts[0]) == "a");
    BOOST_TEST(core::contribution_layer(texts[0]) == "base");
    BOOST_TEST(core::contribution_id(texts[1]) == "b");
    BOOST_TEST(core::contribution_layer(texts[1]) == "override");
    BOOST_TEST(texts[1].json.find("本行业乙") != std::string::npos);
    BOOST_TEST(core::contribution_id(texts[2]) == "own");
    BOOST_TEST(core::contribution_layer(texts[2]) == "sector");
    BOOST_TEST(p->switched_off(core::ExtensionPoint::RuleTexts) == std::vector<std::string>{"c"});
    // Rules are layered one by one; base ids get the sector's prefix (hyphen → underscore).
    const auto& rules = p->contributions(core::ExtensionPoint::Rules);
    BOOST_REQUIRE_EQUAL(rules.size(), 1u);
    BOOST_TEST(core::contribution_id(rules[0]) == "fx_sector.freq.y");
    BOOST_TEST(core::contribution_layer(rules[0]) == "override");
}

BOOST_AUTO_TEST_CASE(a_missing_base_or_a_mistyped_switch_off_rejects_the_sector) {
    {
        test::ScratchDir dir;
        write_layers(dir.path(), R"({"ruletexts":["no_such_text"]})");
        core::PluginHost host;
        host.load_all({dir.path()});
        const auto* r = rejected_from(host, "fx-sector");
        BOOST_REQUIRE(r);
        BOOST_TEST(reason_text(*r).find("no_such_text") != std::string::npos, reason_text(*r));
    }
    {
        test::ScratchDir dir;
        write_layers(dir.path(), "{}");
        fs::remove_all(dir / "sector-base");
        core::PluginHost host;
        host.load_all({dir.path()});
        const auto* r = rejected_from(host, "fx-sector");
        BOOST_REQUIRE(r);
        BOOST_TEST(reason_text(*r).find("sector-base") != std::string::npos, reason_text(*r));
    }
}

BOOST_AUTO_TEST_CASE(plugins_load_on_demand_with_the_outcome_and_order_of_loading_all) {
    // A command asking for one sector loads only that plugin; asking for the list later loads the
    // rest, and the lists read exactly as when everything loads at once.
    auto ids = [](const core::PluginHost& h) {
        std::vector<std::string> out;
        for (const auto& p : h.loaded()) out.push_back(p->id());
        return out;
    };
    auto folders = [](const core::PluginHost& h) {
        std::vector<std::string> out;
        for (const auto& r : h.rejected()) out.push_back(r.folder.filename().string());
        return out;
    };
    core::PluginHost all, one;
    all.load_all();
    one.load_all();
    BOOST_REQUIRE(one.find("village"));
    BOOST_TEST(one.find("village")->manifest().name_zh == all.find("village")->manifest().name_zh);
    BOOST_TEST(one.require("organ").id() == "organ");
    auto expected = ids(all);
    BOOST_TEST(expected.size() == 5u);
    BOOST_TEST(ids(one) == expected, boost::test_tools::per_element());

    core::PluginHost fx_all, fx_one;
    fx_all.load_all({fixture_root()});
    fx_one.load_all({fixture_root()});
    BOOST_REQUIRE(fx_one.find("fx-good"));
    BOOST_TEST(!fx_one.find("fx-no-such-plugin"));
    BOOST_TEST(folders(fx_one) == folders(fx_all), boost::test_tools::per_element());
    BOOST_TEST(ids(fx_one) == ids(fx_all), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(on_load_hears_of_each_plugin_once_as_it_loads) {
    // What goes with a plugin (the CLI's English catalogue) is read when the plugin loads: the
    // observer hears of the plugins loaded before it, then of each one as a command asks for it,
    // once each, and never of one rejected as it loads.
    core::PluginHost host;
    host.load_all();
    BOOST_REQUIRE(host.find("village"));
    std::vector<std::string> heard;
    host.on_load([&](const core::LoadedPlugin& p) { heard.push_back(p.id()); });
    BOOST_TEST(heard == std::vector<std::string>{"village"}, boost::test_tools::per_element());
    BOOST_REQUIRE(host.find("organ"));
    BOOST_REQUIRE(host.find("village"));
    BOOST_TEST(heard == (std::vector<std::string>{"village", "organ"}), boost::test_tools::per_element());
    host.loaded(); // the rest
    std::vector<std::string> sorted = heard, expected = {"community", "eduhealth", "enterprise", "organ", "village"};
    std::sort(sorted.begin(), sorted.end());
    BOOST_TEST(sorted == expected, boost::test_tools::per_element());

    core::PluginHost fx;
    std::vector<std::string> fx_heard;
    fx.on_load([&](const core::LoadedPlugin& p) { fx_heard.push_back(p.id()); });
    fx.load_all({fixture_root()});
    BOOST_TEST(!fx.rejected().empty());
    std::vector<std::string> fx_loaded;
    for (const auto& p : fx.loaded()) fx_loaded.push_back(p->id());
    std::sort(fx_heard.begin(), fx_heard.end());
    std::sort(fx_loaded.begin(), fx_loaded.end());
    BOOST_TEST(fx_heard == fx_loaded, boost::test_tools::per_element());
}
