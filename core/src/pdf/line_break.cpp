// Chinese line breaking (kinsoku): units are single CJK characters and whole latin words; closing
// punctuation sticks to what precedes it and opening punctuation to what follows it.
#include "onebook/pdf/line_break.hpp"

#include "display_list.hpp"

#include <algorithm>

namespace onebook::core::pdf {

namespace {

constexpr std::u32string_view no_start = U"，。、；：？！）》”’」』】〕〗〉｝］·…—～％‰°℃・ー々〻ゝゞヽヾ!),.:;?]}%"
                                         U"︰︱︳︴︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄";
constexpr std::u32string_view no_end = U"（《“‘「『【〔〖〈｛［([{￥$＄#＃";

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; }

// Characters that join into one unbreakable "word": latin letters, digits and the punctuation
// that lives inside words, numbers, dates, URLs and file names.
bool is_word_char(char32_t c) {
    if (c < 0x80) return std::isalnum(int(c)) || std::u32string_view(U"-_./@&'+*=:#%~\\").find(c) != std::u32string_view::npos;
    return (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7) || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
           (c >= 0xFF41 && c <= 0xFF5A);
}

struct Unit {
    std::size_t begin, end; // [begin, end) in the u32 text
    double width;
    bool space;
};

} // namespace

namespace {

// Line breaking asks for every character of every candidate line: the lists sorted once, searched
// by halves, and the ideographs (most of the text, none of them in either list) answered at once.
bool in_list(const std::u32string& sorted, char32_t c) {
    if (c >= 0x4E00 && c <= 0x9FFF) return false;
    return std::binary_search(sorted.begin(), sorted.end(), c);
}
std::u32string sorted(std::u32string_view list) {
    std::u32string s(list);
    std::sort(s.begin(), s.end());
    return s;
}

} // namespace

bool is_no_line_start(char32_t c) {
    static const std::u32string list = sorted(no_start);
    return in_list(list, c);
}
bool is_no_line_end(char32_t c) {
    static const std::u32string list = sorted(no_end);
    return in_list(list, c);
}

namespace detail {

std::vector<BrokenLine> break_lines_ex(std::string_view text, double full_width, double first_indent, const AdvanceFn& advance) {
    std::vector<BrokenLine> lines;
    std::u32string all = utf8_to_u32(text);
    std::size_t para_begin = 0;
    while (true) {
        std::size_t para_end = all.find(U'\n', para_begin);
        if (para_end == std::u32string::npos) para_end = all.size();
        std::u32string_view p(all.data() + para_begin, para_end - para_begin);

        // 1. Units: a latin word, a run of spaces, or one other character.
        std::vector<Unit> units;
        for (std::size_t i = 0; i < p.size();) {
            std::size_t j = i + 1;
            if (is_space(p[i])) {
                while (j < p.size() && is_space(p[j])) ++j;
            } else if (is_word_char(p[i]) && !is_no_line_end(p[i])) {
                while (j < p.size() && is_word_char(p[j]) && !is_no_line_end(p[j])) ++j;
            } else if (p[i] == U'—' || p[i] == U'…') {
                while (j < p.size() && p[j] == p[i]) ++j; // "——" and "……" never split
            }
            double w = 0;
            for (std::size_t k = i; k < j; ++k) w += advance(p[k]);
            units.push_back({i, j, w, is_space(p[i])});
            i = j;
        }
        // 2. Glue: a no-line-start unit joins the unit before it, a no-line-end unit the unit after it.
        std::vector<Unit> glued;
        bool glue_next = false;
        for (const auto& u : units) {
            bool starts_closing = !u.space && is_no_line_start(p[u.begin]);
            if (!glued.empty() && (glue_next || (starts_closing && !glued.back().space))) {
                glued.back().end = u.end;
                glued.back().width += u.width;
                glued.back().space = false;
            } else {
                glued.push_back(u);
            }
            glue_next = !u.space && is_no_line_end(p[u.end - 1]);
        }
        // 3. Greedy fill; spaces at a break vanish.
        const std::size_t first_line = lines.size();
        std::size_t line_begin = std::u32string::npos, line_end = 0;
        double line_w = 0;
        double width = full_width - first_indent;
        auto flush = [&] {
            while (line_end > line_begin && is_space(p[line_end - 1])) --line_end;
            lines.push_back({u32_to_utf8(p.substr(line_begin, line_end - line_begin)), false});
            width = full_width;
            line_begin = std::u32string::npos;
            line_w = 0;
        };
        for (std::size_t ui = 0; ui < glued.size(); ++ui) {
            const Unit& u = glued[ui];
            if (line_begin == std::u32string::npos) {
                if (u.space && lines.size() > first_line) continue; // no leading space after a break
                if (u.width > width && !u.space) {
                    // Wider than a whole line: split it by characters (a long URL or number).
                    std::size_t k = u.begin;
                    while (k < u.end) {
                        std::size_t s = k;
                        double w = 0;
                        while (k < u.end && (k == s || w + advance(p[k]) <= width)) w += advance(p[k++]);
                        while (k < u.end && is_no_line_start(p[k])) w += advance(p[k++]); // keep 。 with its text
                        if (k < u.end) {
                            lines.push_back({u32_to_utf8(p.substr(s, k - s)), false});
                            width = full_width;
                        } else {
                            line_begin = s;
                            line_end = k;
                            line_w = w;
                        }
                    }
                    continue;
                }
                line_begin = u.begin;
                line_end = u.end;
                line_w = u.width;
                continue;
            }
            if (line_w + u.width <= width + 1e-9) {
                line_end = u.end;
                line_w += u.width;
                continue;
            }
            flush();
            if (!u.space) --ui; // place this unit on the new line
        }
        if (line_begin != std::u32string::npos) flush();
        if (lines.size() == first_line) lines.push_back({{}, false}); // an empty paragraph is an empty line
        // No lone character on a paragraph's last line: pull the previous line's last character down,
        // when that breaks no rule (typesetters avoid this "widow" character).
        if (lines.size() >= first_line + 2) {
            auto last = utf8_to_u32(lines.back().text);
            auto prev = utf8_to_u32(lines[lines.size() - 2].text);
            if (last.size() == 1 && !is_word_char(last[0]) && prev.size() >= 4) {
                char32_t moved = prev.back(), before = prev[prev.size() - 2];
                bool ok = !is_space(moved) && !is_no_line_start(moved) && !is_no_line_end(before) && !is_space(before) &&
                          !(is_word_char(moved) && is_word_char(before)) &&
                          !(moved == before && (moved == U'—' || moved == U'…'));
                if (ok) {
                    prev.pop_back();
                    lines[lines.size() - 2].text = u32_to_utf8(prev);
                    lines.back().text = u32_to_utf8(std::u32string(1, moved) + last);
                }
            }
        }
        lines.back().paragraph_end = true;
        if (para_end >= all.size()) break;
        para_begin = para_end + 1;
    }
    return lines;
}

} // namespace detail

std::vector<std::string> break_lines(std::string_view text, double width, const AdvanceFn& advance) {
    std::vector<std::string> out;
    for (auto& l : detail::break_lines_ex(text, width, 0, advance)) out.push_back(std::move(l.text));
    return out;
}

} // namespace onebook::core::pdf
