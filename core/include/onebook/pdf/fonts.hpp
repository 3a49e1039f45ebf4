// Fonts for PDF output: a heading face and a body face named by family (resolved through
// fontconfig) or by file path. libharu reads TrueType (glyf) fonts and .ttc collections only;
// OpenType/CFF fonts (Noto CJK, Source Han) are refused with a clear message.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace onebook::core::pdf {

enum class FontRole { heading, body };

/// Which faces a document uses. Either a fontconfig family name ("WenQuanYi Zen Hei") or a path
/// to a .ttf/.ttc file (optionally "path.ttc:2" for the face index inside a collection).
/// The defaults are the faces installer/deps.sh installs (fonts-wqy-zenhei, fonts-arphic-uming).
struct FontOptions {
    std::string heading = "WenQuanYi Zen Hei";
    std::string body = "AR PL UMing CN";
};

/// A font face found on disk.
struct FontFace {
    std::filesystem::path file{};
    unsigned index = 0;   ///< face index inside a .ttc collection
    std::string family{}; ///< family name as fontconfig reports it (or the file stem)
    bool operator==(const FontFace& o) const { return file == o.file && index == o.index; }
};

/// Finds a face by family name (exact family match through fontconfig, case-insensitive) or by path.
/// Throws Error when nothing matches, the file cannot be read, or it is OpenType/CFF.
FontFace resolve_font(const std::string& family_or_path);

/// True when the face maps `code` to a glyph (reads the font's cmap through HarfBuzz).
bool face_has_char(const FontFace& face, char32_t code);

/// Asks fontconfig for an installed TrueType face that has `code` (used as a fallback for
/// characters missing from the configured faces). Empty when there is none.
std::optional<FontFace> find_face_for_char(char32_t code);

/// First character above U+FFFF in `utf8` (libharu silently draws those as spaces), if any.
std::optional<char32_t> first_non_bmp(std::string_view utf8);

/// Throws Error naming `text` (and the character) when it contains a character libharu cannot draw
/// (above U+FFFF, or invalid UTF-8). The Writer calls this for every text it is given; callers may call
/// it earlier to report problems with their own location (`where` becomes Error::where().field).
void check_drawable(std::string_view text, const std::string& where = {});

} // namespace onebook::core::pdf
