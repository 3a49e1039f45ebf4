// Private: where the PDF engine finds installed fonts. Linux asks fontconfig
// (font_lookup_fontconfig.cpp); Windows, which has no fontconfig, reads the font files' own name
// tables in the program's and the system's font folders (font_lookup_windows.cpp over the
// portable scanner in font_files.cpp).
#pragma once

#include "onebook/pdf/fonts.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core::pdf::detail {

/// The installed face of a family (upright regular preferred, then the lowest index), if any.
std::optional<FontFace> system_family_face(const std::string& family);

/// An installed TrueType face with a glyph for `code`, chosen the same way on every run.
std::optional<FontFace> system_face_for_char(char32_t code);

/// Portable scanner: the faces in the .ttf/.ttc files of `dirs` whose family name (any language of
/// the font's name table, e.g. "SimSun" or "宋体") equals `family` ignoring ASCII case; earlier
/// folders win, then the regular face, then the lowest index.
std::optional<FontFace> family_face_in_dirs(const std::string& family, const std::vector<std::filesystem::path>& dirs);

/// Portable scanner: the first TrueType face in `dirs` (folder order, then file name, then index)
/// that has a glyph for `code`.
std::optional<FontFace> face_for_char_in_dirs(char32_t code, const std::vector<std::filesystem::path>& dirs);

} // namespace onebook::core::pdf::detail
