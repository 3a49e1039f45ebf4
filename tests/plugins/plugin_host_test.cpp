// The plugin host: the five built-in sectors load; every kind of broken plugin is rejected with
// a reason naming its folder, and the others keep loading.
#include "test_support.hpp"

#include "onebook/plugin_host.hpp"
#include "onebook/sectors.hpp"

#include <boost/test/unit_test.hpp>

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
