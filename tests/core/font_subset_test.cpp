// The font subset the PDF renderer embeds (core/src/pdf/font_subset.cpp): the real subset program,
// the outline-less metrics font libharu reads, the compact codes and their ToUnicode map. Each
// font is read back with HarfBuzz and zlib, as a PDF reader would.
#include "deflate.hpp"
#include "face_cache.hpp"
#include "font_subset.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/fonts.hpp"
#include "onebook/pdf/line_break.hpp"

#include <boost/test/unit_test.hpp>

#include <hb.h>
#include <zlib.h>

#include <set>

namespace pdf = onebook::core::pdf;
using pdf::detail::SubsetFont;

namespace {

std::string inflate(const std::string& z, std::size_t size) {
    std::string out(size, '\0');
    uLongf got = uLongf(size);
    BOOST_REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(z.data()),
                             uLong(z.size())) == Z_OK);
    BOOST_REQUIRE_EQUAL(got, size);
    return out;
}

std::uint32_t be32(const std::string& b, std::size_t o) {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v = v << 8 | static_cast<unsigned char>(b[o + std::size_t(k)]);
    return v;
}

/// A font file read as HarfBuzz reads it (the bytes must outlive the face).
struct Font {
    explicit Font(const std::string& bytes) {
        hb_blob_t* blob = hb_blob_create(bytes.data(), unsigned(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
        face = hb_face_create(blob, 0);
        hb_blob_destroy(blob);
        font = hb_font_create(face);
    }
    ~Font() {
        hb_font_destroy(font);
        hb_face_destroy(face);
    }
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;
    unsigned glyph(char32_t c) const {
        hb_codepoint_t g = 0;
        return hb_font_get_nominal_glyph(font, c, &g) ? g : 0;
    }
    std::string table(const char* tag) const {
        hb_blob_t* b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
        unsigned len = 0;
        const char* d = hb_blob_get_data(b, &len);
        std::string s(d ? d : "", d ? len : 0);
        hb_blob_destroy(b);
        return s;
    }
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
};

const pdf::detail::FaceData& zenhei() { return pdf::detail::face_data(pdf::resolve_font("WenQuanYi Zen Hei")); }

std::set<char32_t> chars_of(std::string_view utf8) {
    auto u = pdf::utf8_to_u32(utf8);
    return {u.begin(), u.end()};
}

} // namespace

BOOST_AUTO_TEST_CASE(the_embedded_program_is_the_subset_with_outlines) {
    auto sub = pdf::detail::subset_font(zenhei(), chars_of("党建一本通 ABC"));
    BOOST_TEST((sub.chars == U" ABC一党建本通"));
    auto program = inflate(sub.program, sub.program_length);
    BOOST_TEST(be32(program, 0) == 0x00010000u);
    Font f(program);
    BOOST_TEST(hb_face_get_glyph_count(f.face) < 20u); // a subset, not the 30,000 glyphs of the face
    for (std::size_t k = 0; k < sub.chars.size(); ++k) {
        BOOST_TEST_INFO("character " << k);
        BOOST_TEST(sub.glyphs[k + 1] != 0u);
        BOOST_TEST(f.glyph(sub.chars[k]) == sub.glyphs[k + 1]); // the CIDToGIDMap's glyphs are the program's
    }
    hb_glyph_extents_t ext{};
    BOOST_TEST(hb_font_get_glyph_extents(f.font, f.glyph(U'党'), &ext));
    BOOST_TEST(ext.height < 0); // it has an outline
    for (const char* dropped : {"GSUB", "GPOS", "vmtx", "EBDT", "gasp", "fpgm"}) BOOST_TEST(f.table(dropped).empty());
    // The whole-file checksum of an sfnt: head.checkSumAdjustment makes it 0xB1B0AFBA.
    std::uint32_t sum = 0;
    program.resize((program.size() + 3) / 4 * 4, '\0');
    for (std::size_t o = 0; o < program.size(); o += 4) sum += be32(program, o);
    BOOST_TEST(sum == 0xB1B0AFBAu);
}

BOOST_AUTO_TEST_CASE(the_metrics_font_maps_codes_to_glyphs_without_outlines) {
    const auto& face = zenhei();
    auto sub = pdf::detail::subset_font(face, chars_of("党建x1，"));
    Font m(sub.metrics_font);
    for (std::size_t k = 0; k < sub.chars.size(); ++k) {
        char32_t code = char32_t(k + 1);
        BOOST_TEST_INFO("code " << unsigned(code));
        BOOST_TEST(m.glyph(code) == sub.glyphs[k + 1]);
        // libharu's /W widths: the advances of the characters in the full face
        BOOST_TEST(int(hb_font_get_glyph_h_advance(m.font, m.glyph(code)) * 1000 / hb_face_get_upem(m.face)) ==
                   pdf::detail::advance_1000(face, sub.chars[k]));
    }
    BOOST_TEST(m.glyph(U'党') == 0u); // characters are not codes
    BOOST_TEST(m.table("glyf").size() < 16u);
    auto loca = m.table("loca");
    BOOST_TEST(loca.size() == 2 * (hb_face_get_glyph_count(m.face) + 1));
    BOOST_TEST(loca.find_first_not_of('\0') == std::string::npos);
    BOOST_TEST(m.table("OS/2").size() > 0u); // the embedding licence libharu checks
    BOOST_TEST(sub.metrics_font.size() < 2000u);
    // The x-height libharu would have read from the outline of 'x'.
    hb_codepoint_t x = 0;
    hb_glyph_extents_t ext{};
    BOOST_REQUIRE(hb_font_get_nominal_glyph(face.hb_font, 'x', &x) && hb_font_get_glyph_extents(face.hb_font, x, &ext));
    BOOST_TEST(sub.x_height == int(ext.y_bearing) * 1000 / int(face.upem));
    BOOST_TEST(sub.x_height > 300);
    BOOST_TEST(pdf::detail::subset_font(face, chars_of("党")).x_height == 0);
}

BOOST_AUTO_TEST_CASE(text_is_drawn_in_compact_codes_that_map_back_to_the_characters) {
    auto sub = pdf::detail::subset_font(zenhei(), chars_of("支部ABCD党"));
    // ABCD党支部 in CID order, two bytes a code: CID n is code_of(n)
    BOOST_TEST(sub.encode("党支部AD") == std::string("\x01\x05\x01\x06\x01\x07\x01\x01\x01\x04"));
    auto cmap = sub.to_unicode_cmap();
    BOOST_TEST(cmap.find("1 beginbfrange\n<0101> <0104> <0041>\nendbfrange") != std::string::npos); // ABCD in one range
    BOOST_TEST(cmap.find("<0105> <515A>\n") != std::string::npos);                                  // 党
    BOOST_TEST(cmap.find("<0106> <652F>\n") != std::string::npos);                                  // 支
    BOOST_TEST(cmap.find("<0107> <90E8>\n") != std::string::npos);                                  // 部
    BOOST_TEST(cmap.find("3 beginbfchar") != std::string::npos);
    auto map = sub.cid_to_gid_map();
    BOOST_REQUIRE_EQUAL(map.size(), 2 * 8u);
    for (std::size_t k = 0; k < 8; ++k)
        BOOST_TEST((static_cast<unsigned char>(map[2 * k]) << 8 | static_cast<unsigned char>(map[2 * k + 1])) == sub.glyphs[k]);
}

BOOST_AUTO_TEST_CASE(codes_never_hold_a_zero_byte_and_run_out_at_the_limit) {
    // libharu takes the codes as a C string: a 0 byte would cut the text short.
    std::set<unsigned> seen;
    unsigned before = 0;
    for (std::size_t cid = 1; cid <= pdf::detail::max_font_chars + 1; ++cid) {
        unsigned code = pdf::detail::code_of(cid);
        BOOST_TEST_INFO("CID " << cid);
        BOOST_TEST((code >> 8) != 0u);
        BOOST_TEST((code & 0xFF) != 0u);
        BOOST_TEST(code <= 0xFFFFu);
        BOOST_TEST(code > before); // ascending, so every code is distinct
        before = code;
    }
    BOOST_TEST(pdf::detail::code_of(1) == 0x0101u);
    BOOST_TEST(pdf::detail::code_of(255) == 0x01FFu);
    BOOST_TEST(pdf::detail::code_of(256) == 0x0201u);
    BOOST_TEST(pdf::detail::code_of(pdf::detail::max_font_chars + 1) == 0xFFFFu); // the spare code is the last
    // A run of characters across a lead byte splits into two ranges in the ToUnicode map.
    std::set<char32_t> run;
    for (char32_t c = 0x4E00; c < 0x4E00 + 300; ++c)
        if (pdf::face_has_char(zenhei().face, c)) run.insert(c);
    BOOST_REQUIRE(run.size() > 256u);
    auto sub = pdf::detail::subset_font(zenhei(), run);
    auto text = sub.encode(pdf::u32_to_utf8(sub.chars));
    BOOST_TEST(text.size() == 2 * run.size());
    BOOST_TEST(text.find('\0') == std::string::npos);
    BOOST_TEST(text.substr(2 * 254, 4) == std::string("\x01\xFF\x02\x01"));
}

BOOST_AUTO_TEST_CASE(more_characters_than_codes_is_a_clear_error) {
    std::set<char32_t> too_many;
    for (char32_t c = 1; too_many.size() <= pdf::detail::max_font_chars; ++c) too_many.insert(c);
    try {
        pdf::detail::subset_font(zenhei(), too_many);
        BOOST_FAIL("65,025 characters accepted");
    } catch (const onebook::core::Error& e) {
        std::string what = e.what();
        BOOST_TEST(what.find("65025") != std::string::npos, what);
        BOOST_TEST(what.find("65024") != std::string::npos, what);
    }
    too_many.erase(too_many.begin());
    BOOST_CHECK_NO_THROW(pdf::detail::subset_font(zenhei(), too_many)); // 65,024 is allowed
}

BOOST_AUTO_TEST_CASE(fonts_are_built_and_deflated_by_the_book) {
    auto font = pdf::detail::build_sfnt({{"name", "abcde"}, {"head", std::string(54, '\1')}, {"cmap", "xyz"}});
    BOOST_TEST(be32(font, 4) >> 16 == 3u);    // numTables
    BOOST_TEST(font.substr(12, 4) == "cmap"); // sorted by tag
    BOOST_TEST(font.substr(12 + 16, 4) == "head");
    BOOST_TEST(font.substr(12 + 32, 4) == "name");
    BOOST_TEST(be32(font, 12 + 8) % 4 == 0u);         // aligned
    BOOST_TEST(be32(font, 12 + 12) == 3u);            // unpadded length
    BOOST_TEST(font.size() == 12 + 48 + 4 + 56 + 8u); // padded tables
    std::string text(100000, 'a');
    for (std::size_t i = 0; i < text.size(); i += 7) text[i] = char('a' + i % 13);
    auto z = pdf::detail::deflate(text);
    BOOST_TEST(z.size() < text.size() / 4);
    BOOST_TEST(inflate(z, text.size()) == text);
}
