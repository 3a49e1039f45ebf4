// The platform layer (onebook/platform.hpp) and the font-file scanner the Windows build finds fonts
// with: both run here on Linux too, so the Windows path is not only compiled but checked.
#include "font_lookup.hpp"
#include "onebook/pdf/fonts.hpp"
#include "onebook/platform.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using namespace onebook::core;

namespace {
const fs::path wqy_dir = "/usr/share/fonts/truetype/wqy";
const fs::path uming_dir = "/usr/share/fonts/truetype/arphic";

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("onebook-platform-" + std::to_string(platform::process_id()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};
} // namespace

BOOST_AUTO_TEST_CASE(the_executable_folder_is_where_this_test_runs_from) {
    auto dir = platform::executable_dir();
    BOOST_TEST(fs::exists(dir / "platform_test"));
}

BOOST_AUTO_TEST_CASE(user_configuration_follows_xdg) {
    const char* old = std::getenv("XDG_CONFIG_HOME");
    std::string saved = old ? old : "";
    ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-here", 1);
    BOOST_TEST(platform::user_config_dir() == fs::path("/tmp/xdg-here/onebook"));
    if (old) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
    else ::unsetenv("XDG_CONFIG_HOME");
}

namespace {
/// Sets (or, with nullptr, unsets) an environment variable for one scope.
struct EnvFor {
    std::string name, saved;
    bool had;
    EnvFor(const char* n, const char* value) : name(n), had(std::getenv(n) != nullptr) {
        if (had) saved = std::getenv(n);
        if (value) ::setenv(n, value, 1);
        else ::unsetenv(n);
    }
    ~EnvFor() {
        if (had) ::setenv(name.c_str(), saved.c_str(), 1);
        else ::unsetenv(name.c_str());
    }
};
} // namespace

BOOST_AUTO_TEST_CASE(state_and_cache_follow_xdg_and_fall_back_to_home) {
    EnvFor home("HOME", "/home/张三");
    {
        EnvFor state("XDG_STATE_HOME", "/tmp/state-here"), cache("XDG_CACHE_HOME", "/tmp/cache-here");
        BOOST_TEST(platform::user_state_dir() == fs::path("/tmp/state-here/onebook"));
        BOOST_TEST(platform::user_cache_dir() == fs::path("/tmp/cache-here/onebook"));
    }
    // Unset, empty or relative (the XDG rules ignore those): the folders under HOME.
    EnvFor state("XDG_STATE_HOME", "relative/state"), cache("XDG_CACHE_HOME", "");
    BOOST_TEST(platform::user_state_dir() == fs::path("/home/张三/.local/state/onebook"));
    BOOST_TEST(platform::user_cache_dir() == fs::path("/home/张三/.cache/onebook"));
    EnvFor no_home("HOME", nullptr);
    BOOST_TEST(platform::user_state_dir().empty());
    BOOST_TEST(platform::user_cache_dir().empty());
}

BOOST_AUTO_TEST_CASE(a_private_file_is_new_readable_by_its_owner_only_and_never_overwritten) {
    TempDir t;
    auto f = t.path / "钥匙.key";
    BOOST_TEST(platform::write_new_private_file(f, "secret\n"));
    std::ifstream in(f);
    std::string line;
    std::getline(in, line);
    BOOST_TEST(line == "secret");
    auto perms = fs::status(f).permissions();
    BOOST_TEST(((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none));
    BOOST_TEST(!platform::write_new_private_file(f, "other\n")); // exists: refused, content kept
    std::ifstream again(f);
    std::getline(again, line);
    BOOST_TEST(line == "secret");
}

BOOST_AUTO_TEST_CASE(a_file_keeps_its_identity_across_a_rename) {
    TempDir t;
    auto a = t.path / "幸福里社区党支部.onebook", b = t.path / "renamed.onebook";
    std::ofstream(a) << "x";
    auto id = platform::file_identity(a);
    BOOST_TEST(!id.empty());
    fs::rename(a, b);
    BOOST_TEST(platform::file_identity(b) == id);
    BOOST_TEST(platform::file_identity(t.path / "missing").empty());
    BOOST_TEST(platform::sync_path(b, false));
    BOOST_TEST(platform::sync_path(t.path, true));
    BOOST_TEST(!platform::sync_path(t.path / "missing", false));
}

BOOST_AUTO_TEST_CASE(utf8_text_and_paths_convert_both_ways) {
    std::string name = "C:/Users/张三/文档/幸福里社区党支部.onebook";
    BOOST_TEST(platform::path_utf8(platform::utf8_path(name)) == name);
    char a0[] = "onebook-cli", a1[] = "--name", a2[] = "幸福里";
    char* argv[] = {a0, a1, a2};
    auto args = platform::utf8_arguments(3, argv);
    BOOST_TEST(args.size() == 3u);
    BOOST_TEST(args[2] == "幸福里");
}

BOOST_AUTO_TEST_CASE(fonts_are_found_by_their_own_name_tables_in_any_language) {
    if (!fs::exists(wqy_dir / "wqy-zenhei.ttc")) return; // installer/deps.sh installs it
    std::vector<fs::path> dirs{uming_dir, wqy_dir};
    auto en = pdf::detail::family_face_in_dirs("WenQuanYi Zen Hei", dirs);
    BOOST_REQUIRE(en.has_value());
    BOOST_TEST(en->file == wqy_dir / "wqy-zenhei.ttc");
    BOOST_TEST(en->index == 0u);
    auto zh = pdf::detail::family_face_in_dirs("文泉驿正黑", dirs); // the Chinese name of the same face
    BOOST_REQUIRE(zh.has_value());
    BOOST_TEST(zh->file == en->file);
    BOOST_TEST(zh->index == en->index);
    auto mono = pdf::detail::family_face_in_dirs("wenquanyi zen hei mono", dirs); // case does not matter
    BOOST_REQUIRE(mono.has_value());
    BOOST_TEST(mono->index != en->index);
    // What fontconfig answers on Linux is what the scanner answers on Windows.
    auto fc = pdf::resolve_font("AR PL UMing CN");
    auto scanned = pdf::detail::family_face_in_dirs("AR PL UMing CN", dirs);
    BOOST_REQUIRE(scanned.has_value());
    BOOST_TEST(scanned->file == fc.file);
    BOOST_TEST(scanned->index == fc.index);
    BOOST_TEST(!pdf::detail::family_face_in_dirs("No Such Face", dirs).has_value());
}

BOOST_AUTO_TEST_CASE(a_character_finds_a_face_that_draws_it) {
    if (!fs::exists(wqy_dir / "wqy-zenhei.ttc")) return;
    auto f = pdf::detail::face_for_char_in_dirs(U'党', {wqy_dir});
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST(pdf::face_has_char(*f, U'党'));
    BOOST_TEST(!pdf::detail::face_for_char_in_dirs(U'\U0010FFFD', {wqy_dir}).has_value());
}
