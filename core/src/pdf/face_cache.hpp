// Private: HarfBuzz faces of the fonts on disk, shared process-wide (hb faces are immutable and
// thread-safe for reading), used for metrics, coverage checks and subsetting.
#pragma once

#include "onebook/pdf/fonts.hpp"

#include <hb.h>

#include <set>
#include <string>

namespace onebook::core::pdf::detail {

struct FaceTables;

struct FaceData {
    FontFace face;
    FaceTables* tables = nullptr; ///< its mapped file and table directory (owned by hb_face)
    hb_face_t* hb_face = nullptr;
    hb_font_t* hb_font = nullptr;
    unsigned upem = 1000;
    int ascender = 880;   ///< per 1000 em
    int descender = -120; ///< per 1000 em

    FaceData() = default;
    FaceData(const FaceData&) = delete;
    FaceData& operator=(const FaceData&) = delete;
    /// The HarfBuzz objects belong to the cache entry (they leaked at exit before).
    ~FaceData() {
        if (hb_font) hb_font_destroy(hb_font);
        if (hb_face) hb_face_destroy(hb_face);
    }
};

/// Loads (once per process) the face; throws Error when the file cannot be read.
const FaceData& face_data(const FontFace& face);

/// Reads the outlines of `chars` (and of the glyphs they are composed of) from the file: until
/// then a face knows its characters and metrics, not their outlines. Before subsetting or glyph boxes.
void load_glyphs(const FaceData& face, const std::set<char32_t>& chars);

/// Advance width in 1/1000 em exactly as libharu computes it for the PDF /W array
/// (advance * 1000 / unitsPerEm, integer division), or -1 when the face has no glyph for `code`.
int advance_1000(const FaceData& face, char32_t code);

/// "U+20BB7"
std::string code_point_label(char32_t code);

/// The font-file format of face `index` in `file`: "truetype", "cff", or an error text.
std::string sfnt_kind(const std::filesystem::path& file, unsigned index, std::string* error);

} // namespace onebook::core::pdf::detail
