// Installed fonts on Windows (no fontconfig): the faces shipped with OneBook, then the system's.
#include "font_lookup.hpp"

#include "onebook/platform.hpp"

namespace onebook::core::pdf::detail {

std::optional<FontFace> system_family_face(const std::string& family) {
    return family_face_in_dirs(family, platform::font_dirs());
}

std::optional<FontFace> system_face_for_char(char32_t code) { return face_for_char_in_dirs(code, platform::font_dirs()); }

} // namespace onebook::core::pdf::detail
