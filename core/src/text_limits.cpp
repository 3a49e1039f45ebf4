#include "onebook/text_limits.hpp"

#include "onebook/error.hpp"

namespace onebook::core {

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void check_length(std::string_view text, std::size_t max, const std::string& label, const std::string& field) {
    // Bytes bound the characters from above: the common short case needs no counting.
    if (text.size() <= max) return;
    std::size_t n = utf8_length(text);
    if (n <= max) return;
    throw Error(OB_N("“{label}”过长：{length} 个字符，最多 {max} 个"),
                {{"label", label}, {"length", std::to_string(n)}, {"max", std::to_string(max)}},
                {{}, {}, field.empty() ? label : field});
}

std::string truncate_utf8(std::string_view text, std::size_t max) {
    if (text.size() <= max || utf8_length(text) <= max) return std::string(text);
    std::size_t keep = max > 0 ? max - 1 : 0, n = 0, k = 0;
    for (; k < text.size(); ++k) {
        unsigned char c = static_cast<unsigned char>(text[k]);
        if ((c & 0xC0) != 0x80) {
            if (n == keep) break;
            ++n;
        }
    }
    return std::string(text.substr(0, k)) + (max > 0 ? "\xE2\x80\xA6" : "");
}

bool matches_word(std::string_view s, std::string_view first, std::string_view rest, std::size_t min, std::size_t max) {
    if (s.size() < min || s.size() > max || s.empty()) return false;
    if (first.find(s[0]) == std::string_view::npos) return false;
    for (std::size_t k = 1; k < s.size(); ++k)
        if (rest.find(s[k]) == std::string_view::npos) return false;
    return true;
}

bool all_digits(std::string_view s, std::size_t min, std::size_t max) {
    if (s.size() < min || s.size() > max) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

} // namespace onebook::core
