// The one UTF-8 decoder (see utf8.hpp).
#include "onebook/utf8.hpp"

namespace onebook::core {

namespace {

// The decoder itself, inline so the whole-text loops below pay no call per character.
inline Utf8Char decode(std::string_view text, std::size_t pos) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[pos + k]); };
    const unsigned char b = byte(0);
    if (b < 0x80) return {b, 1, true};
    const Utf8Char bad{0xFFFD, 1, false};
    std::size_t len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || pos + len > text.size()) return bad;
    char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(k) & 0xC0) != 0x80) return bad;
        cp = (cp << 6) | (byte(k) & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return bad;
    return {cp, len, true};
}

} // namespace

Utf8Char utf8_next(std::string_view text, std::size_t pos) { return decode(text, pos); }

bool utf8_valid(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        auto c = utf8_next(text, i);
        if (!c.valid) return false;
        i += c.length;
    }
    return true;
}

// Both conversions write through a pointer into a string sized for the worst case: PDF layout
// converts every candidate line, and appending character by character cost more than the decoding.
std::u32string utf8_to_u32(std::string_view text) {
    std::u32string out(text.size(), U'\0');
    char32_t* o = out.data();
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) { // ASCII: most of the bytes of numbers, dates and names
            *o++ = b;
            ++i;
            continue;
        }
        const auto c = decode(text, i);
        *o++ = c.cp;
        i += c.length;
    }
    out.resize(std::size_t(o - out.data()));
    return out;
}

std::string u32_to_utf8(std::u32string_view text) {
    std::string out(text.size() * 4, '\0');
    char* o = out.data();
    for (char32_t c : text) o += encode_utf8(c, o);
    out.resize(std::size_t(o - out.data()));
    return out;
}

std::u16string utf8_to_utf16(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = decode(text, i);
        if (c.cp > 0xFFFF) {
            out += char16_t(0xD800 + ((c.cp - 0x10000) >> 10));
            out += char16_t(0xDC00 + ((c.cp - 0x10000) & 0x3FF));
        } else {
            out += char16_t(c.cp);
        }
        i += c.length;
    }
    return out;
}

int display_width(char32_t cp) {
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

int display_width(std::string_view text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = utf8_next(text, i);
        width += c.valid ? display_width(c.cp) : 1;
        i += c.length;
    }
    return width;
}

std::string clip_to_width(std::string_view text, int width) {
    if (display_width(text) <= width) return std::string(text);
    std::string out;
    int w = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = utf8_next(text, i);
        int cw = c.valid ? display_width(c.cp) : 1;
        if (w + cw > width - 1) break; // room for the "…"
        out.append(text.substr(i, c.length));
        w += cw;
        i += c.length;
    }
    return out + "\xE2\x80\xA6";
}

} // namespace onebook::core
