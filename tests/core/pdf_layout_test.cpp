// PDF engine without rendering: page sizes, Chinese line breaking, tiling plans, font checks.
#include "display_list.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/fonts.hpp"
#include "onebook/pdf/line_break.hpp"
#include "onebook/pdf/page_size.hpp"
#include "onebook/pdf/tiling.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>

namespace pdf = onebook::core::pdf;
using onebook::core::Error;

namespace {

// Every character one unit wide: line widths are character counts.
double unit(char32_t) { return 1.0; }

std::u32string u(const std::string& s) { return pdf::utf8_to_u32(s); }

void check_kinsoku(const std::vector<std::string>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto l = u(lines[i]);
        if (l.empty()) continue;
        BOOST_TEST_INFO("line " << i << ": " << lines[i]);
        if (i > 0) BOOST_TEST(!pdf::is_no_line_start(l.front()));
        if (i + 1 < lines.size()) BOOST_TEST(!pdf::is_no_line_end(l.back()));
    }
}

std::string join(const std::vector<std::string>& lines) {
    std::string s;
    for (auto& l : lines) s += l;
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(page_sizes)

BOOST_AUTO_TEST_CASE(iso_sizes_in_points) {
    auto a1 = pdf::PageSize::parse("A1");
    BOOST_TEST(a1.width == 1684);
    BOOST_TEST(a1.height == 2384);
    auto a4 = pdf::PageSize::parse(" a4 ");
    BOOST_TEST(a4.width == 595);
    BOOST_TEST(a4.height == 842);
    BOOST_TEST(pdf::PageSize::parse("A0").height == 3370);
    BOOST_TEST(pdf::PageSize::parse("A3").width == 842);
    BOOST_TEST(pdf::PageSize::parse("A2").height == 1684);
}

BOOST_AUTO_TEST_CASE(custom_centimetres_and_orientation) {
    auto b = pdf::PageSize::parse("120x90cm");
    BOOST_TEST(std::abs(b.width - 1200 * 72 / 25.4) < 0.01);
    BOOST_TEST(std::abs(b.height - 900 * 72 / 25.4) < 0.01);
    BOOST_TEST(b.name == "120x90cm");
    BOOST_TEST((b.orientation() == pdf::Orientation::landscape));
    auto p = b.with_orientation(pdf::Orientation::portrait);
    BOOST_TEST(p.width == b.height);
    BOOST_TEST(p.height == b.width);
    auto mm = pdf::PageSize::parse("1200×900mm");
    BOOST_TEST(std::abs(mm.width - b.width) < 0.01);
    auto l = pdf::PageSize::parse("A4").with_orientation(pdf::parse_orientation("landscape"));
    BOOST_TEST(l.width == 842);
    BOOST_TEST((pdf::parse_orientation("横向") == pdf::Orientation::landscape));
}

BOOST_AUTO_TEST_CASE(bad_sizes_are_named) {
    try {
        pdf::PageSize::parse("B5x");
        BOOST_FAIL("no error");
    } catch (const Error& e) { BOOST_TEST(e.param("value") == "B5x"); }
    // libharu's page sides are 3–14400 pt: 600 cm is too long, 0.1 cm too short
    BOOST_CHECK_THROW(pdf::PageSize::parse("600x90cm"), Error);
    BOOST_CHECK_THROW(pdf::PageSize::parse("0.1x90cm"), Error);
    BOOST_CHECK_NO_THROW(pdf::PageSize::parse("500x90cm"));
    BOOST_CHECK_THROW(pdf::parse_orientation("sideways"), Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(line_breaking)

BOOST_AUTO_TEST_CASE(closing_punctuation_never_starts_a_line) {
    // Width 4: a naive break would put "，" / "。" / "）" / "》" / "”" at the start of line 2.
    for (std::string text : {"支部委员，会议", "党员大会。会议", "（党员）大会好", "学习《党章》好的", "他说“好”的吧"}) {
        auto lines = pdf::break_lines(text, 4, unit);
        BOOST_TEST_INFO(text);
        BOOST_TEST(join(lines) == text);
        check_kinsoku(lines);
        for (auto& l : lines) BOOST_TEST(u(l).size() <= 5u); // at most one character pulled back
    }
}

BOOST_AUTO_TEST_CASE(opening_punctuation_never_ends_a_line) {
    // "（" and "《" and "“" would fall at the end of the first line of width 3.
    for (std::string text : {"党支部（委员会）", "学习了《党章》", "书记说“要抓落实”"}) {
        auto lines = pdf::break_lines(text, 3, unit);
        BOOST_TEST_INFO(text);
        BOOST_TEST(join(lines) == text);
        check_kinsoku(lines);
    }
}

BOOST_AUTO_TEST_CASE(a_long_mixed_paragraph_keeps_all_rules) {
    std::string text = "会议传达学习了上级党组织关于开展分类定级工作的通知精神，结合本支部实际，对照《评定标准》逐项进行了自查。"
                       "与会党员围绕“三会一课”落实、党员发展、党费收缴（含流动党员）、党务公开等方面，认真查找存在的问题；"
                       "提出了整改意见和建议！会议要求：各责任人要按照整改方案确定的时限，逐项抓好落实。";
    for (double width : {5.0, 7.0, 9.0, 13.0, 17.0}) {
        auto lines = pdf::break_lines(text, width, unit);
        BOOST_TEST_INFO("width " << width);
        BOOST_TEST(join(lines) == text);
        check_kinsoku(lines);
        for (auto& l : lines) BOOST_TEST(u(l).size() <= std::size_t(width) + 1);
    }
}

BOOST_AUTO_TEST_CASE(latin_words_are_not_split) {
    auto lines = pdf::break_lines("使用 OneBook 软件和 WPS Office 编辑", 9, unit);
    BOOST_TEST(join(lines).find("OneBook") != std::string::npos);
    for (auto& l : lines) {
        auto s = u(l);
        BOOST_TEST(s.size() <= 9u);
        BOOST_TEST(!l.empty());
        BOOST_TEST(l.front() != ' ');
        BOOST_TEST(l.back() != ' ');
    }
    bool whole = false;
    for (auto& l : lines) whole |= l.find("OneBook") != std::string::npos;
    BOOST_TEST(whole);
    // A word longer than the line is split rather than overflowing.
    auto long_word = pdf::break_lines("https://example.org/a/very/long/path", 10, unit);
    BOOST_TEST(long_word.size() >= 4u);
    for (auto& l : long_word) BOOST_TEST(u(l).size() <= 10u);
    // Dates and numbers stay together.
    auto dates = pdf::break_lines("完成时限为2024-06-30前", 12, unit);
    bool date_whole = false;
    for (auto& l : dates) date_whole |= l.find("2024-06-30") != std::string::npos;
    BOOST_TEST(date_whole);
}

BOOST_AUTO_TEST_CASE(no_lone_character_on_the_last_line) {
    // 9 characters in width 8 would leave "布" alone on line 2.
    auto lines = pdf::break_lines("按月收缴并公开公布", 8, unit);
    BOOST_TEST(lines.size() == 2u);
    BOOST_TEST(lines[1] == "公布");
    // ... unless moving breaks a rule: "。" may not start a line, so "布" stays alone.
    auto kept = pdf::break_lines("按月收缴并公开。布", 8, unit);
    BOOST_TEST(kept.size() == 2u);
    BOOST_TEST(kept[1] == "布");
    check_kinsoku(kept);
}

BOOST_AUTO_TEST_CASE(a_widow_moves_across_a_dropped_space) {
    // "戊" alone would end the paragraph; "丁" joins it and the space dropped at the break stays dropped.
    auto lines = pdf::break_lines("甲乙丙丁 戊", 4, unit);
    BOOST_TEST(lines.size() == 2u);
    BOOST_TEST(lines[0] == "甲乙丙");
    BOOST_TEST(lines[1] == "丁戊");
}

BOOST_AUTO_TEST_CASE(malformed_bytes_come_back_as_replacement_characters) {
    // Lines are slices of the text only when it is valid UTF-8; otherwise each bad byte reads as U+FFFD.
    auto lines = pdf::break_lines("甲\xff乙", 10, unit);
    BOOST_TEST(lines.size() == 1u);
    BOOST_TEST(lines[0] == "甲\uFFFD乙");
}

BOOST_AUTO_TEST_CASE(a_prepared_text_breaks_as_measuring_afresh_at_every_size) {
    // A fit breaks one prepared text at many sizes, with widths = font units × size / 1000; every size
    // must give the lines that measuring each character at that size gives.
    std::string text = "会议传达学习了上级党组织关于开展“分类定级”工作的通知精神（2024年第3号），对照《评定标准》逐项自查。"
                       "与会党员围绕 OneBook 台账、党费收缴、https://example.org/a/very/long/path 等方面查找问题；"
                       "提出了整改意见！\n会议要求：各责任人按时限逐项抓好落实 —— 限期 2024-06-30 前完成……";
    auto units = [](char32_t c) -> int {
        if (c >= 0x4E00 && c <= 0x9FFF) return 1000;
        if (c < 0x80) return 250 + int(c * 37 % 400); // proportional latin
        return 500 + int(c % 7) * 71;
    };
    auto prepared = pdf::detail::prepare_text(text, [&](char32_t c) { return double(units(c)); });
    int compared = 0;
    for (double size = 6.0; size < 16.0; size += 0.0371) {
        for (double width : {61.3, 123.45, 250.0}) {
            double indent = 2 * size;
            auto fresh = pdf::detail::break_lines_ex(text, width, indent, [&](char32_t c) { return units(c) * size / 1000.0; });
            auto spans = pdf::detail::break_prepared(prepared, size, 1000.0, width, indent);
            BOOST_TEST_INFO("size " << size << ", width " << width);
            BOOST_REQUIRE_EQUAL(spans.size(), fresh.size());
            for (std::size_t i = 0; i < spans.size(); ++i) {
                BOOST_TEST(prepared.text_of(spans[i]) == fresh[i].text);
                BOOST_TEST(spans[i].paragraph_end == fresh[i].paragraph_end);
            }
            ++compared;
        }
    }
    BOOST_TEST(compared > 800);
}

BOOST_AUTO_TEST_CASE(explicit_newlines_and_empty_text) {
    auto lines = pdf::break_lines("第一行\n\n第三行", 10, unit);
    BOOST_TEST(lines.size() == 3u);
    BOOST_TEST(lines[1].empty());
    BOOST_TEST(pdf::break_lines("", 10, unit).size() == 1u);
    auto dashes = pdf::break_lines("一二三——四五", 4, unit);
    for (auto& l : dashes) {
        auto s = u(l);
        BOOST_TEST((s.empty() || s.front() != U'—'));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tiling_plan)

BOOST_AUTO_TEST_CASE(sheet_counts_follow_overlap_and_margins) {
    auto board = pdf::PageSize::parse("A1").with_orientation(pdf::Orientation::landscape); // 2384 x 1684
    pdf::TileOptions o;
    o.sheet = pdf::PageSize::parse("A4");
    o.orientation = pdf::Orientation::portrait;
    o.overlap_mm = 10;
    o.margin_mm = 10;
    auto g = pdf::plan_tiles(board, o);
    double m = pdf::mm_to_pt(10), ov = pdf::mm_to_pt(10);
    double tw = 595 - 2 * m, th = 842 - 2 * m;
    // n sheets cover tw + (n-1)(tw - ov) points
    int cols = 1, rows = 1;
    while (tw + (cols - 1) * (tw - ov) < board.width) ++cols;
    while (th + (rows - 1) * (th - ov) < board.height) ++rows;
    BOOST_TEST(g.columns == cols);
    BOOST_TEST(g.rows == rows);
    BOOST_TEST(g.sheets() == 15);
    BOOST_TEST(std::abs(g.tile_width - tw) < 1e-6);

    // Left to itself, the planner picks the orientation that needs fewer sheets.
    o.orientation.reset();
    auto best = pdf::plan_tiles(board, o);
    o.orientation = pdf::Orientation::landscape;
    auto land = pdf::plan_tiles(board, o);
    BOOST_TEST(best.sheets() == std::min(g.sheets(), land.sheets()));

    // A board that fits one sheet's printable area needs one sheet.
    o.orientation.reset();
    BOOST_TEST(pdf::plan_tiles(pdf::PageSize::from_mm(150, 100), o).sheets() == 1);
    // An overlap wider than half the printable area is refused.
    o.overlap_mm = 200;
    BOOST_CHECK_THROW(pdf::plan_tiles(board, o), Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fonts)

BOOST_AUTO_TEST_CASE(defaults_resolve_to_truetype_collections) {
    pdf::FontOptions f;
    auto heading = pdf::resolve_font(f.heading);
    auto body = pdf::resolve_font(f.body);
    BOOST_TEST(heading.file.filename().string() == "wqy-zenhei.ttc");
    BOOST_TEST(body.file.filename().string() == "uming.ttc");
    BOOST_TEST(pdf::face_has_char(heading, U'党'));
    BOOST_TEST(pdf::face_has_char(body, U'党'));
    BOOST_CHECK_THROW(pdf::resolve_font("No Such Font Family 123"), Error);
}

BOOST_AUTO_TEST_CASE(opentype_cff_is_refused_with_a_clear_message) {
    onebook::test::ScratchDir dir("pdf-font");
    // An OpenType/CFF file: 'OTTO' header and a table directory with a CFF table (what Noto CJK is).
    std::string otf("OTTO", 4);
    otf += std::string("\0\1\0\0\0\0\0\0", 8);
    otf += std::string("CFF ", 4) + std::string(12, '\0');
    onebook::test::write_file(dir / "NotoSansCJK.otf", otf);
    try {
        pdf::resolve_font((dir / "NotoSansCJK.otf").string());
        BOOST_FAIL("CFF font accepted");
    } catch (const Error& e) {
        BOOST_TEST(std::string(e.what()).find("OpenType/CFF") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("TrueType") != std::string::npos);
        BOOST_TEST(e.param("file") == (dir / "NotoSansCJK.otf").string());
    }
    // A TrueType header whose tables hold CFF outlines is refused too.
    std::string tt("\0\1\0\0", 4);
    tt += std::string("\0\1\0\0\0\0\0\0", 8);
    tt += std::string("CFF2", 4) + std::string(12, '\0');
    onebook::test::write_file(dir / "cff2.ttf", tt);
    BOOST_CHECK_THROW(pdf::resolve_font((dir / "cff2.ttf").string()), Error);
    onebook::test::write_file(dir / "junk.ttf", "not a font at all");
    BOOST_CHECK_THROW(pdf::resolve_font((dir / "junk.ttf").string()), Error);
}

BOOST_AUTO_TEST_CASE(characters_beyond_the_bmp_are_named) {
    BOOST_TEST(!pdf::first_non_bmp("张三丰").has_value());
    BOOST_TEST((pdf::first_non_bmp("吉𠮷祥") == U'\U00020BB7'));
    try {
        pdf::check_drawable("党员：张𠮷", "name");
        BOOST_FAIL("non-BMP accepted");
    } catch (const Error& e) {
        BOOST_TEST(e.param("text") == "党员：张𠮷");
        BOOST_TEST(e.param("char") == "𠮷");
        BOOST_TEST(e.param("code") == "U+20BB7");
        BOOST_TEST(e.where().field == "name");
    }
    BOOST_CHECK_NO_THROW(pdf::check_drawable("普通文字 ABC 123，。"));
    BOOST_CHECK_THROW(pdf::check_drawable(std::string("bad \xff utf8")), Error);
}

BOOST_AUTO_TEST_SUITE_END()
