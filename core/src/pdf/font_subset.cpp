// Subsetting a face for one document (HarfBuzz hb-subset) and the sfnt work around it: the real
// subset to embed, deflated once, and the outline-less metrics font libharu lays out with.
#include "font_subset.hpp"
#include "deflate.hpp"

#include "onebook/error.hpp"
#include "onebook/pdf/line_break.hpp"

#include <hb-subset.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <map>

namespace onebook::core::pdf::detail {

namespace {

std::uint16_t get16(std::string_view b, std::size_t o) {
    return std::uint16_t((static_cast<unsigned char>(b[o]) << 8) | static_cast<unsigned char>(b[o + 1]));
}
void put16(std::string& b, unsigned v) {
    b += char((v >> 8) & 0xff);
    b += char(v & 0xff);
}
void put32(std::string& b, std::uint32_t v) {
    put16(b, v >> 16);
    put16(b, v & 0xffff);
}
void set16(std::string& b, std::size_t o, unsigned v) {
    b[o] = char((v >> 8) & 0xff);
    b[o + 1] = char(v & 0xff);
}
void set32(std::string& b, std::size_t o, std::uint32_t v) {
    set16(b, o, v >> 16);
    set16(b, o + 2, v & 0xffff);
}

// The tables a TrueType program in a PDF needs to draw (glyf, loca, head, hhea, hmtx, maxp) and
// the ones libharu reads for names, metrics and the embedding licence (name, OS/2, cmap, post).
// Hinting is dropped (NO_HINTING), so cvt, fpgm and prep are not there.
constexpr const char* kept_tables[] = {"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"};

std::string table(hb_face_t* face, const char* tag) {
    hb_blob_t* blob = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    std::string bytes(data ? data : "", data ? len : 0);
    hb_blob_destroy(blob);
    return bytes;
}

hb_face_t* subset_or_throw(const FaceData& face, const std::set<char32_t>& chars) {
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) throw Error("字体子集化失败：内存不足");
    hb_set_t* unicodes = hb_subset_input_unicode_set(input);
    for (char32_t c : chars) hb_set_add(unicodes, c);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    // Every other table of the face is dropped before subsetting, which also skips the layout
    // closure (GSUB would pull in vertical and alternate forms nobody draws).
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_clear(drop);
    hb_tag_t tags[64];
    for (unsigned start = 0;;) {
        unsigned count = 64;
        hb_face_get_table_tags(face.hb_face, start, &count, tags);
        for (unsigned i = 0; i < count; ++i)
            if (std::none_of(std::begin(kept_tables), std::end(kept_tables),
                             [&](const char* t) { return hb_tag_from_string(t, 4) == tags[i]; }))
                hb_set_add(drop, tags[i]);
        if (count < 64) break;
        start += count;
    }
    // Names libharu reads (family, style, full and PostScript names); the copyright text is long.
    hb_set_t* names = hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    hb_set_clear(names);
    for (unsigned id : {1u, 2u, 4u, 6u}) hb_set_add(names, id);
    hb_face_t* sub = hb_subset_or_fail(face.hb_face, input);
    hb_subset_input_destroy(input);
    if (!sub)
        throw Error("字体“{font}”（{file}）子集化失败", {{"font", face.face.family}, {"file", face.face.file.string()}},
                    {face.face.file.string(), {}, "font"});
    return sub;
}

// A format 4 cmap (Windows Unicode BMP) mapping codes 1…N to `glyphs[1…N]` through one segment
// with a glyph array, and the closing 0xFFFF segment: libharu maps all 65,536 codes through it when
// it makes the font, one comparison each.
std::string compact_cmap(const std::vector<std::uint16_t>& glyphs) {
    const unsigned n = unsigned(glyphs.size() - 1);
    std::string t;
    for (unsigned v : {0u, 1u, 3u, 1u, 0u, 12u}) put16(t, v); // version, one subtable: Windows Unicode BMP at 12
    const unsigned length = 16 + 8 * 2 + 2 * n;
    for (unsigned v : {4u, length, 0u, 4u, 4u, 1u, 0u}) put16(t, v); // format, length, language, 2 segments
    for (unsigned v : {n, 0xFFFFu, 0u, 1u, 0xFFFFu}) put16(t, v);    // ends, reservedPad, starts
    for (unsigned v : {0u, 1u, 4u, 0u}) put16(t, v);                 // idDelta (0xFFFF + 1 = glyph 0), idRangeOffset
    for (unsigned k = 1; k <= n; ++k) put16(t, glyphs[k]);
    return t;
}

// libharu writes /DW from the width of glyph 0 (.notdef) and lists every other width in /W. CJK
// fonts give .notdef a narrow advance, so every ideograph would be listed; giving .notdef the most
// common advance (the full em of the ideographs) leaves only the exceptions. .notdef is never drawn.
void set_notdef_to_common_advance(std::string& hmtx, std::string_view hhea, std::string_view maxp) {
    if (hhea.size() < 36 || maxp.size() < 6) return;
    std::size_t glyphs = get16(maxp, 4);
    std::size_t n = get16(hhea, 34); // numberOfHMetrics
    if (n < 2 || 4 * n > hmtx.size()) return;
    std::map<std::uint16_t, int> count;
    for (std::size_t g = 1; g < n; ++g) ++count[get16(hmtx, 4 * g)];
    if (glyphs > n) count[get16(hmtx, 4 * (n - 1))] += int(glyphs - n); // glyphs past n repeat the last advance
    auto best = std::max_element(count.begin(), count.end(), [](auto& a, auto& b) { return a.second < b.second; });
    set16(hmtx, 0, best->first);
}

int x_height_of(const FaceData& face, const std::set<char32_t>& chars) {
    hb_codepoint_t gid = 0;
    hb_glyph_extents_t ext{};
    if (!chars.count(U'x') || !hb_font_get_nominal_glyph(face.hb_font, 'x', &gid) ||
        !hb_font_get_glyph_extents(face.hb_font, gid, &ext))
        return 0;
    return int(ext.y_bearing) * 1000 / int(face.upem); // as libharu reads it from the glyph's box
}

} // namespace

// The sfnt checksum: the sum of the big-endian 32-bit words of `d`, zero-padded to a whole word.
std::uint32_t checksum(std::string_view d) {
    const auto* p = reinterpret_cast<const unsigned char*>(d.data());
    const std::size_t whole = d.size() / 4 * 4;
    std::uint32_t sum = 0;
    for (std::size_t o = 0; o < whole; o += 4) { // one load and a byte swap a word (the font is ~140 KB)
        std::uint32_t w;
        std::memcpy(&w, p + o, 4);
        if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap32(w);
        sum += w;
    }
    std::uint32_t last = 0;
    for (std::size_t o = whole; o < d.size(); ++o) last |= std::uint32_t(p[o]) << (24 - 8 * (o - whole));
    return sum + last;
}

std::string build_sfnt(std::vector<std::pair<std::string, std::string>> tables) {
    std::sort(tables.begin(), tables.end());
    const auto n = unsigned(tables.size());
    unsigned range = 1, selector = 0;
    while (range * 2 <= n) {
        range *= 2;
        ++selector;
    }
    std::size_t total = 12 + 16 * std::size_t(n), head_at = 0;
    for (auto& [tag, data] : tables) total += (data.size() + 3) / 4 * 4;
    std::string out;
    out.reserve(total); // the font program is the largest string of a board: copied once
    put32(out, 0x00010000);
    for (unsigned v : {n, range * 16, selector, n * 16 - range * 16}) put16(out, v);
    std::size_t offset = 12 + 16 * std::size_t(n);
    for (auto& [tag, data] : tables) {
        if (tag == "head" && data.size() >= 12) {
            set32(data, 8, 0); // checkSumAdjustment is computed over the whole file below
            head_at = offset;
        }
        out += tag.substr(0, 4);
        put32(out, checksum(data));
        put32(out, std::uint32_t(offset));
        put32(out, std::uint32_t(data.size()));
        offset += (data.size() + 3) / 4 * 4;
    }
    for (auto& [tag, data] : tables) {
        out += data;
        out.append((4 - data.size() % 4) % 4, '\0');
    }
    if (head_at) set32(out, head_at + 8, 0xB1B0AFBAu - checksum(out));
    return out;
}

SubsetFont subset_font(const FaceData& face, const std::set<char32_t>& chars) {
    SubsetFont out;
    for (char32_t c : chars)
        if (c <= 0xFFFF) out.chars += c; // check_drawable stops the others before layout
    if (out.chars.size() > max_font_chars)
        throw Error(
            "文档要用字体“{font}”印出 {count} 个不同的字符，超过了 PDF 引擎一种字体最多 {max} 个的上限：请把内容分成几份分别生成",
            {{"font", face.face.family}, {"count", std::to_string(out.chars.size())}, {"max", std::to_string(max_font_chars)}},
            {face.face.file.string(), {}, "font"});
    load_glyphs(face, chars);
    hb_face_t* sub = subset_or_throw(face, chars);
    out.glyphs.assign(out.chars.size() + 1, 0);
    hb_font_t* font = hb_font_create(sub);
    for (std::size_t k = 0; k < out.chars.size(); ++k) {
        hb_codepoint_t gid = 0;
        if (hb_font_get_nominal_glyph(font, out.chars[k], &gid)) out.glyphs[k + 1] = std::uint16_t(gid);
    }
    hb_font_destroy(font);
    std::vector<std::pair<std::string, std::string>> tables;
    for (const char* tag : kept_tables)
        if (auto t = table(sub, tag); !t.empty()) tables.emplace_back(tag, std::move(t));
    hb_face_destroy(sub);

    auto program = build_sfnt(tables);
    out.program_length = program.size();
    out.program = deflate(program);

    // libharu reads names, metrics, the cmap, the licence (OS/2 fsType) and the glyphs' boxes; the
    // outlines never reach it. Every glyph is empty (loca all zero, short format) over a glyf of
    // one zeroed header, which is what libharu reads for a glyph's box or composite flag.
    std::map<std::string, std::string> t(tables.begin(), tables.end());
    if (!t.count("head") || t["head"].size() < 54 || !t.count("maxp") || t["maxp"].size() < 6)
        throw Error("字体“{font}”（{file}）子集化失败", {{"font", face.face.family}, {"file", face.face.file.string()}},
                    {face.face.file.string(), {}, "font"});
    set16(t["head"], 50, 0); // indexToLocFormat: short
    set_notdef_to_common_advance(t["hmtx"], t["hhea"], t["maxp"]);
    t["cmap"] = compact_cmap(out.glyphs);
    t["loca"] = std::string(2 * (std::size_t(get16(t["maxp"], 4)) + 1), '\0');
    t["glyf"] = std::string(12, '\0');
    t.erase("post");
    out.metrics_font = build_sfnt({t.begin(), t.end()});
    out.x_height = x_height_of(face, chars);
    return out;
}

std::string SubsetFont::encode(std::string_view utf8) const {
    std::string codes;
    codes.reserve(utf8.size());
    for (char32_t c : utf8_to_u32(utf8)) {
        auto it = std::lower_bound(chars.begin(), chars.end(), c);
        unsigned code = code_of(std::size_t(it - chars.begin()) + 1);
        codes += char(code >> 8);
        codes += char(code & 0xFF);
    }
    return codes;
}

std::string SubsetFont::to_unicode_cmap() const {
    std::vector<std::string> ranges, singles;
    char line[40];
    for (std::size_t k = 0; k < chars.size();) {
        // A run of consecutive codes for consecutive characters, within one high byte of both.
        std::size_t j = k + 1;
        while (j < chars.size() && chars[j] == chars[j - 1] + 1 && code_of(j + 1) >> 8 == code_of(k + 1) >> 8 &&
               chars[j] >> 8 == chars[k] >> 8)
            ++j;
        if (j - k > 1) {
            std::snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", code_of(k + 1), code_of(j), unsigned(chars[k]));
            ranges.push_back(line);
        } else {
            std::snprintf(line, sizeof line, "<%04X> <%04X>\n", code_of(k + 1), unsigned(chars[k]));
            singles.push_back(line);
        }
        k = j;
    }
    std::string cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0101> <FFFF>\nendcodespacerange\n";
    auto blocks = [&](const std::vector<std::string>& lines, const char* kind) {
        for (std::size_t i = 0; i < lines.size(); i += 100) { // at most 100 entries a block
            std::size_t n = std::min<std::size_t>(100, lines.size() - i);
            cmap += std::to_string(n) + " begin" + kind + "\n";
            for (std::size_t k = i; k < i + n; ++k) cmap += lines[k];
            cmap += std::string("end") + kind + "\n";
        }
    };
    blocks(ranges, "bfrange");
    blocks(singles, "bfchar");
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return cmap;
}

std::string SubsetFont::cid_to_gid_map() const {
    std::string map;
    for (auto g : glyphs) put16(map, g);
    return map;
}

} // namespace onebook::core::pdf::detail
