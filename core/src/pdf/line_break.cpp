// Chinese line breaking (kinsoku): units are single CJK characters and whole latin words; closing
// punctuation sticks to what precedes it and opening punctuation to what follows it.
#include "onebook/pdf/line_break.hpp"

#include "display_list.hpp"

#include <algorithm>
#include <cstdint>

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

PreparedText prepare_text(std::string_view text, const AdvanceFn& advance) {
    PreparedText t;
    t.source = std::string(text);
    t.chars.reserve(text.size());
    t.offsets.reserve(text.size() + 1);
    for (std::size_t i = 0; i < text.size();) {
        auto c = utf8_next(text, i);
        t.faithful = t.faithful && c.valid;
        t.chars.push_back(c.cp);
        t.offsets.push_back(std::uint32_t(i));
        i += c.length;
    }
    t.offsets.push_back(std::uint32_t(text.size()));
    const std::u32string& all = t.chars;
    t.advance.assign(all.size(), 0.0);
    t.pieces.reserve(all.size()); // at most one piece, one unit a character
    t.units.reserve(all.size());
    std::uint32_t para_begin = 0;
    while (true) {
        std::size_t found = all.find(U'\n', para_begin);
        auto para_end = std::uint32_t(found == std::u32string::npos ? all.size() : found);
        PreparedText::Paragraph para{para_begin, para_end, std::uint32_t(t.units.size()), 0};

        // 1. Pieces: a latin word, a run of spaces, or one other character.
        bool glue_next = false;
        for (std::uint32_t i = para_begin; i < para_end;) {
            std::uint32_t j = i + 1;
            if (is_space(all[i])) {
                while (j < para_end && is_space(all[j])) ++j;
            } else if (is_word_char(all[i]) && !is_no_line_end(all[i])) {
                while (j < para_end && is_word_char(all[j]) && !is_no_line_end(all[j])) ++j;
            } else if (all[i] == U'—' || all[i] == U'…') {
                while (j < para_end && all[j] == all[i]) ++j; // "——" and "……" never split
            }
            for (std::uint32_t k = i; k < j; ++k) t.advance[k] = advance(all[k]);
            const bool space = is_space(all[i]);
            const auto piece = std::uint32_t(t.pieces.size());
            t.pieces.push_back({i, j});
            // 2. Glue: a no-line-start piece joins the unit before it, a no-line-end piece the unit after it.
            bool starts_closing = !space && is_no_line_start(all[i]);
            if (t.units.size() > para.first_unit && (glue_next || (starts_closing && !t.units.back().space))) {
                auto& u = t.units.back();
                u.end = j;
                u.end_piece = piece + 1;
                u.space = false;
            } else {
                t.units.push_back({i, j, piece, piece + 1, space});
            }
            glue_next = !space && is_no_line_end(all[j - 1]);
            i = j;
        }
        para.end_unit = std::uint32_t(t.units.size());
        t.paragraphs.push_back(para);
        if (para_end >= all.size()) break;
        para_begin = para_end + 1;
    }
    return t;
}

std::vector<LineSpan> break_prepared(const PreparedText& t, double scale, double divisor, double full_width,
                                     double first_indent) {
    const std::u32string& all = t.chars;
    // Widths are summed in the order the text reads, character by character within a piece and
    // piece by piece within a unit, so that every size gives the same sums as measuring afresh.
    auto char_w = [&](std::uint32_t k) { return t.advance[k] * scale / divisor; };
    auto unit_w = [&](const PreparedText::Unit& u) {
        double w = 0;
        for (std::uint32_t pi = u.first_piece; pi < u.end_piece; ++pi) {
            double pw = 0;
            for (std::uint32_t k = t.pieces[pi].begin; k < t.pieces[pi].end; ++k) pw += char_w(k);
            w = pi == u.first_piece ? pw : w + pw;
        }
        return w;
    };
    constexpr std::uint32_t none = LineSpan::no_lead;
    std::vector<LineSpan> lines;
    for (const auto& para : t.paragraphs) {
        // 3. Greedy fill; spaces at a break vanish.
        const std::size_t first_line = lines.size();
        std::uint32_t line_begin = none, line_end = 0;
        double line_w = 0;
        double width = full_width - first_indent;
        auto flush = [&] {
            while (line_end > line_begin && is_space(all[line_end - 1])) --line_end;
            lines.push_back({line_begin, line_end});
            width = full_width;
            line_begin = none;
            line_w = 0;
        };
        for (std::uint32_t ui = para.first_unit; ui < para.end_unit; ++ui) {
            const auto& u = t.units[ui];
            const double uw = unit_w(u);
            if (line_begin == none) {
                if (u.space && lines.size() > first_line) continue; // no leading space after a break
                if (uw > width && !u.space) {
                    // Wider than a whole line: split it by characters (a long URL or number).
                    std::uint32_t k = u.begin;
                    while (k < u.end) {
                        std::uint32_t s = k;
                        double w = 0;
                        while (k < u.end && (k == s || w + char_w(k) <= width)) w += char_w(k++);
                        while (k < u.end && is_no_line_start(all[k])) w += char_w(k++); // keep 。 with its text
                        if (k < u.end) {
                            lines.push_back({s, k});
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
                line_w = uw;
                continue;
            }
            if (line_w + uw <= width + 1e-9) {
                line_end = u.end;
                line_w += uw;
                continue;
            }
            flush();
            if (!u.space) --ui; // place this unit on the new line
        }
        if (line_begin != none) flush();
        if (lines.size() == first_line) lines.push_back({para.begin, para.begin}); // an empty paragraph is an empty line
        // No lone character on a paragraph's last line: pull the previous line's last character down,
        // when that breaks no rule (typesetters avoid this "widow" character).
        if (lines.size() >= first_line + 2) {
            LineSpan& last = lines.back();
            LineSpan& prev = lines[lines.size() - 2];
            if (last.end - last.begin == 1 && !is_word_char(all[last.begin]) && prev.end - prev.begin >= 4) {
                char32_t moved = all[prev.end - 1], before = all[prev.end - 2];
                bool ok = !is_space(moved) && !is_no_line_start(moved) && !is_no_line_end(before) && !is_space(before) &&
                          !(is_word_char(moved) && is_word_char(before)) &&
                          !(moved == before && (moved == U'—' || moved == U'…'));
                if (ok) {
                    --prev.end;
                    // Spaces dropped at the break may lie between the two: then the character leads the line.
                    if (prev.end + 1 == last.begin) last.begin = prev.end;
                    else last.lead = prev.end;
                }
            }
        }
        lines.back().paragraph_end = true;
    }
    return lines;
}

std::string PreparedText::text_of(const LineSpan& l) const {
    if (!faithful) {
        std::u32string u;
        if (l.lead != LineSpan::no_lead) u += chars[l.lead];
        u.append(chars, l.begin, l.end - l.begin);
        return u32_to_utf8(u);
    }
    std::string s;
    if (l.lead != LineSpan::no_lead) s = source.substr(offsets[l.lead], offsets[l.lead + 1] - offsets[l.lead]);
    s.append(source, offsets[l.begin], offsets[l.end] - offsets[l.begin]);
    return s;
}

std::vector<BrokenLine> break_lines_ex(std::string_view text, double full_width, double first_indent, const AdvanceFn& advance) {
    PreparedText t = prepare_text(text, advance);
    std::vector<BrokenLine> lines;
    for (const auto& l : break_prepared(t, 1, 1, full_width, first_indent)) lines.push_back({t.text_of(l), l.paragraph_end});
    return lines;
}

} // namespace detail

std::vector<std::string> break_lines(std::string_view text, double width, const AdvanceFn& advance) {
    std::vector<std::string> out;
    for (auto& l : detail::break_lines_ex(text, width, 0, advance)) out.push_back(std::move(l.text));
    return out;
}

} // namespace onebook::core::pdf
