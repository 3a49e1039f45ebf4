// UTF-8 as the product reads it: one decoder for every place that walks characters (search
// tokenizer, encoding detection, terminal tables, truncation, PDF layout), the conversions to
// UTF-32 and UTF-16, and the width a terminal gives characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace onebook::core {

/// One character read from UTF-8 text.
struct Utf8Char {
    char32_t cp = 0;        ///< the code point; U+FFFD when the bytes are not valid UTF-8
    std::size_t length = 1; ///< bytes taken (1 for a malformed byte: decoding resumes after it)
    bool valid = true;      ///< false for malformed, overlong, surrogate or truncated sequences
};

/// Decodes the character starting at byte `pos` (< text.size()).
Utf8Char utf8_next(std::string_view text, std::size_t pos);

/// True when the whole text is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool utf8_valid(std::string_view text);

/// Writes code point `c` (a scalar value) as UTF-8 at `out`, which has room for 4 bytes; returns the
/// number of bytes written. The one encoder: strings, the search tokenizer, the C runtime's wcrtomb.
inline std::size_t encode_utf8(char32_t c, char* out) {
    if (c < 0x80) {
        out[0] = char(c);
        return 1;
    }
    if (c < 0x800) {
        out[0] = char(0xC0 | (c >> 6));
        out[1] = char(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = char(0xE0 | (c >> 12));
        out[1] = char(0x80 | ((c >> 6) & 0x3F));
        out[2] = char(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = char(0xF0 | (c >> 18));
    out[1] = char(0x80 | ((c >> 12) & 0x3F));
    out[2] = char(0x80 | ((c >> 6) & 0x3F));
    out[3] = char(0x80 | (c & 0x3F));
    return 4;
}

/// Decodes UTF-8 to code points; each malformed byte becomes one U+FFFD, as utf8_next reads it.
std::u32string utf8_to_u32(std::string_view text);
/// Encodes code points as UTF-8 (the caller passes scalar values, as utf8_to_u32 returns them).
std::string u32_to_utf8(std::u32string_view text);
/// Encodes UTF-8 as UTF-16: characters beyond the BMP become surrogate pairs, each malformed
/// byte one U+FFFD.
std::u16string utf8_to_utf16(std::string_view text);

/// Terminal columns of one code point: 2 for East Asian wide and full-width characters, else 1.
int display_width(char32_t cp);
/// Terminal columns of a text (a malformed byte counts one column).
int display_width(std::string_view text);
/// At most `width` terminal columns of `text`, cut at a character boundary, ending in "…" when cut.
std::string clip_to_width(std::string_view text, int width);

} // namespace onebook::core
