#include "onebook/platform.hpp"
#include "onebook/text_limits.hpp"
#include "onebook/utf8.hpp"
#include "test_support.hpp"

#include <filesystem>

#include <boost/test/unit_test.hpp>

using namespace onebook::core;

BOOST_AUTO_TEST_CASE(decodes_one_character_at_a_time) {
    std::string s = "a党\xF0\xA0\x80\x80"; // ASCII, CJK, a supplementary-plane character
    auto a = utf8_next(s, 0);
    BOOST_TEST((a.cp == U'a' && a.length == 1u && a.valid));
    auto dang = utf8_next(s, 1);
    BOOST_TEST((dang.cp == U'党' && dang.length == 3u && dang.valid));
    auto sup = utf8_next(s, 4);
    BOOST_TEST((sup.cp == 0x20000 && sup.length == 4u && sup.valid));
}

BOOST_AUTO_TEST_CASE(malformed_bytes_are_one_replacement_each) {
    for (std::string bad : {std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
                            std::string("\xE5\x85"), std::string("\x80")}) {
        auto c = utf8_next(bad, 0);
        BOOST_TEST(!c.valid);
        BOOST_TEST(c.length == 1u);
        BOOST_TEST(static_cast<unsigned>(c.cp) == 0xFFFDu);
        BOOST_TEST(!utf8_valid(bad));
    }
    BOOST_TEST(utf8_valid("党支部 2025"));
    BOOST_TEST(utf8_valid(""));
}

// Whole-text decoding reads each malformed byte as utf8_next does: one U+FFFD, then on.
BOOST_AUTO_TEST_CASE(whole_text_decodes_and_encodes_back) {
    const std::string s = "a党\xF0\xA0\x80\x80";
    BOOST_TEST((utf8_to_u32(s) == std::u32string{U'a', U'党', char32_t(0x20000)}));
    BOOST_TEST(u32_to_utf8(utf8_to_u32(s)) == s);
    BOOST_TEST((utf8_to_u32("x\xE5\x85y") == std::u32string{U'x', 0xFFFD, 0xFFFD, U'y'}));
    BOOST_TEST((utf8_to_u32("\xED\xA0\x80") == std::u32string{0xFFFD, 0xFFFD, 0xFFFD})); // a surrogate
}

BOOST_AUTO_TEST_CASE(utf16_pairs_characters_beyond_the_bmp) {
    BOOST_TEST((utf8_to_utf16("a党") == std::u16string{u'a', u'党'}));
    // U+20000 (𠀀) and U+1F600: each a high then a low surrogate
    BOOST_TEST((utf8_to_utf16("\xF0\xA0\x80\x80") == std::u16string{0xD840, 0xDC00}));
    BOOST_TEST((utf8_to_utf16("\xF0\x9F\x98\x80!") == std::u16string{0xD83D, 0xDE00, u'!'}));
    BOOST_TEST(utf8_to_utf16("").empty());
    // A truncated sequence and a lone continuation byte: one U+FFFD per byte, the text around kept
    BOOST_TEST((utf8_to_utf16("x\xE5\x85y\x80") == std::u16string{u'x', 0xFFFD, 0xFFFD, u'y', 0xFFFD}));
    BOOST_TEST((utf8_to_utf16("\xF4\x90\x80\x80") == std::u16string(4, char16_t(0xFFFD)))); // beyond U+10FFFF
}

BOOST_AUTO_TEST_CASE(terminal_width_counts_wide_characters_twice) {
    BOOST_TEST(display_width(std::string("abc")) == 3);
    BOOST_TEST(display_width(std::string("党员")) == 4);
    BOOST_TEST(display_width(std::string("ＡＢ")) == 4);     // full-width forms
    BOOST_TEST(display_width(std::string("\xE5\x85")) == 2); // a truncated sequence: two bytes, one column each
}

BOOST_AUTO_TEST_CASE(clipping_stops_at_a_character_boundary) {
    BOOST_TEST(clip_to_width("短", 10) == "短");
    BOOST_TEST(clip_to_width("第一党支部委员会", 7) == "第一党…"); // 6 columns + "…"
    BOOST_TEST(clip_to_width("abcdef", 4) == "abc…");
    BOOST_TEST(utf8_length(clip_to_width("党建一本通党建一本通", 9)) == 5u);
}

// A path made from UTF-8 text names the file whose name is that text, and gives the same text
// back: on Windows std::filesystem reads std::string through the C library's code page unless the
// platform layer makes it UTF-8.
BOOST_AUTO_TEST_CASE(paths_made_from_utf8_text_name_that_file) {
    const std::string name = "张三的文档（2025）";
    BOOST_TEST((platform::utf8_path(name) == std::filesystem::path(name)));
    BOOST_TEST(std::filesystem::path(name).string() == name);
    onebook::test::ScratchDir dir("onebook-utf8-path");
    std::filesystem::create_directories(dir.path() / name);
    int seen = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        BOOST_TEST(e.path().filename().string() == name);
        BOOST_TEST(platform::path_utf8(e.path().filename()) == name);
        ++seen;
    }
    BOOST_TEST(seen == 1);
}
