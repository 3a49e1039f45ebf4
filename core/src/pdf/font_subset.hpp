// Private: a face cut down to the characters one document draws (HarfBuzz hb-subset), in the
// two forms the renderer embeds it with. libharu gets an outline-less TrueType whose cmap maps
// the CIDs 1, 2, 3… to the glyphs, so its per-font tables stay as small as the subset;
// the real subset goes into the PDF as it is, deflated once. No libharu here.
#pragma once

#include "face_cache.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace onebook::core::pdf::detail {

/// The most characters one font of a document can draw: text is drawn in two-byte codes whose bytes
/// are never 0 (libharu takes text as a C string), 255 × 255 codes of which one is kept spare.
constexpr std::size_t max_font_chars = 65024;

/// The two-byte code of character number `cid` (1-based; CID and code index alike): 0x0101, 0x0102 …
/// 0x01FF, 0x0201 … — neither byte is ever 0.
constexpr unsigned code_of(std::size_t cid) { return unsigned(((cid - 1) / 255 + 1) << 8 | ((cid - 1) % 255 + 1)); }

struct SubsetFont {
    std::u32string chars;              ///< the characters drawn, ascending: CID k + 1 draws chars[k]
    std::vector<std::uint16_t> glyphs; ///< glyph id in the subset of code k (glyphs[0] = 0, unused)
    std::string metrics_font;          ///< for libharu: names, metrics, code → glyph cmap, empty outlines
    std::string program;               ///< the subset TrueType program, zlib-deflated (FlateDecode)
    std::size_t program_length = 0;    ///< its length before deflating (/Length1)
    int x_height = 0;                  ///< height of 'x' per 1000 em, 0 without an 'x'

    /// The two-byte codes (code_of) of `utf8`, as libharu is given them to draw.
    /// Every character must be one of `chars`.
    std::string encode(std::string_view utf8) const;
    /// The ToUnicode CMap that maps the codes back to the characters (text extraction, search).
    std::string to_unicode_cmap() const;
    /// The CIDToGIDMap stream: big-endian glyph id per CID, CIDs 0…N.
    std::string cid_to_gid_map() const;
};

/// Subsets `face` to `chars` (BMP characters, non-empty, at most max_font_chars of them). Throws
/// Error when there are more or when HarfBuzz cannot.
SubsetFont subset_font(const FaceData& face, const std::set<char32_t>& chars);

/// An sfnt (TrueType) file of `tables` (4-letter tag → data): directory sorted by tag, tables
/// 4-byte aligned, checksums and head.checkSumAdjustment computed.
std::string build_sfnt(std::vector<std::pair<std::string, std::string>> tables);

} // namespace onebook::core::pdf::detail
