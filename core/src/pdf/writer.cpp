// The flow writer: records blocks, lays them out into a display list (display_list.hpp) with
// the full fonts' metrics, and hands the display list to the renderer, which subsets and embeds.
#include "onebook/pdf/writer.hpp"
#include "onebook/atomic_file.hpp"

#include "display_list.hpp"
#include "face_cache.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/line_break.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace onebook::core::pdf {

using namespace detail;

namespace {

// Where a CJK baseline sits inside a line box: half the leading above the em box, then the
// ideographic ascent (~0.86 em in both default faces).
constexpr double ascent_em = 0.86;

struct TitleB {
    std::string text;
    TitleOptions o;
};
struct HeadingB {
    std::string text;
    int level;
    bool outline;
};
struct ParaB {
    std::string text;
    ParagraphStyle style;
};
struct FieldsB {
    std::vector<std::pair<std::string, std::string>> items;
    int columns;
    double size;
};
struct TableB {
    Table table;
};
struct ImageB {
    std::filesystem::path file;
    ImageOptions o;
    ImageInfo info;
};
struct SpacerB {
    double em;
};
struct RuleB {
    Color color;
    double width;
};
struct PageBreakB {};
struct RestartB {
    int first;
};
struct OutlineB {
    std::string text;
    int level;
    bool in_toc;
};
struct TocB {
    std::string heading;
    int max_level;
};
struct SealB {
    double diameter;
    Align align;
    std::string label;
};
struct SignatureB {
    std::vector<std::string> lines;
    bool seal;
    double size;
};
using Block = std::variant<TitleB, HeadingB, ParaB, FieldsB, TableB, ImageB, SpacerB, RuleB, PageBreakB, RestartB, OutlineB, TocB,
                           SealB, SignatureB>;

// Tabs become spaces; other control characters and zero-width marks are dropped (they would
// draw as boxes); the text is checked for characters libharu cannot draw.
std::string clean(const std::string& text, const char* where) {
    check_drawable(text, where);
    std::u32string u = utf8_to_u32(text);
    std::u32string out;
    out.reserve(u.size());
    for (char32_t c : u) {
        if (c == U'\r') continue;
        if (c == U'\t') c = U' ';
        if ((c < 0x20 && c != U'\n') || c == 0x200B || c == 0xFEFF || c == 0x200C || c == 0x200D || c == 0x7F) continue;
        out += c;
    }
    return u32_to_utf8(out);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
    return s;
}

std::string fmt_pt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

} // namespace

Decorator page_number_footer(std::string format, Align align, int skip_first) {
    return [format = std::move(format), align, skip_first](PageDecor& d, const PageInfo& p) {
        if (p.index <= skip_first || p.number <= 0) return;
        auto text =
            replace_all(replace_all(format, "{page}", std::to_string(p.number)), "{pages}", std::to_string(p.last_number));
        d.text(PageDecor::Slot::footer, align, text);
    };
}

struct Writer::Impl {
    WriterOptions opt;
    std::vector<Block> blocks;

    struct Slot {
        const FaceData* data;
        std::unordered_map<char32_t, int> width; // 1/1000 em; -1 = missing
    };
    std::vector<Slot> slots;
    int heading_slot = 0, body_slot = 0;

    bool dirty = true;
    Document doc;
    LayoutSummary summary;

    explicit Impl(WriterOptions o) : opt(std::move(o)) {
        auto heading = resolve_font(opt.fonts.heading);
        auto body = resolve_font(opt.fonts.body);
        slots.push_back({&face_data(heading), {}});
        heading_slot = 0;
        if (body == heading) body_slot = 0;
        else {
            slots.push_back({&face_data(body), {}});
            body_slot = 1;
        }
        if (!(opt.body_size > 0)) opt.body_size = 10.5;
    }

    int width_in(int slot, char32_t c) {
        auto& s = slots[std::size_t(slot)];
        auto it = s.width.find(c);
        if (it != s.width.end()) return it->second;
        int w = advance_1000(*s.data, c);
        s.width.emplace(c, w);
        return w;
    }

    /// The face that draws `c` when `primary` is asked to: the other configured face, then any
    /// installed TrueType face that has it (fontconfig).
    int slot_for(int primary, char32_t c, const std::string& context) {
        if (width_in(primary, c) >= 0) return primary;
        if (c == U' ' || c == 0xA0 || c == 0x3000) return primary; // drawn blank even without a glyph
        int other = primary == heading_slot ? body_slot : heading_slot;
        if (width_in(other, c) >= 0) return other;
        for (std::size_t i = 0; i < slots.size(); ++i)
            if (int(i) != primary && int(i) != other && width_in(int(i), c) >= 0) return int(i);
        if (auto f = find_face_for_char(c)) {
            slots.push_back({&face_data(*f), {}});
            int i = int(slots.size()) - 1;
            if (width_in(i, c) >= 0) return i;
        }
        throw Error("“{text}”中的字符“{char}”（{code}）在已安装的 TrueType 字体中都找不到，无法印出：请换用常用字",
                    {{"text", context}, {"char", u32_to_utf8(std::u32string(1, c))}, {"code", code_point_label(c)}},
                    {{}, {}, "text"});
    }

    /// Width of `c` in 1/1000 em when `primary` is asked to draw it (in whichever face does).
    int units(int primary, char32_t c, const std::string& context) {
        // Measuring asks for the same characters again and again: the width each primary face
        // resolves a BMP character to, and the face that draws it, are kept in a flat table
        // (calloc'd, so only the pages of the scripts used are ever touched).
        auto* table = resolved_table(primary);
        if (c <= 0xFFFF && table && table[c].width1 != 0) return table[c].width1 - 1;
        int s = slot_for(primary, c, context);
        int w = width_in(s, c);
        if (w < 0) w = width_in(s, U' ') >= 0 ? width_in(s, U' ') : 500;
        if (c <= 0xFFFF && table) table[c] = {w + 1, s};
        return w;
    }
    /// slot_for() for a character units() has measured: read back from the table.
    int drawn_by(int primary, char32_t c, const std::string& context) {
        auto* table = resolved_table(primary);
        if (c <= 0xFFFF && table && table[c].width1 != 0) return table[c].slot;
        return slot_for(primary, c, context);
    }
    double advance(int primary, char32_t c, double size, const std::string& context) {
        return units(primary, c, context) * size / 1000.0;
    }
    struct Resolved {
        std::int32_t width1; ///< width + 1; 0 = not yet known
        std::int32_t slot;   ///< the face that draws the character
    };
    struct FreeTable {
        void operator()(Resolved* p) const { std::free(p); }
    };
    std::vector<std::unique_ptr<Resolved, FreeTable>> resolved; ///< by primary slot, indexed by BMP character
    Resolved* resolved_table(int primary) {
        if (resolved.size() <= std::size_t(primary)) resolved.resize(std::size_t(primary) + 1);
        auto& table = resolved[std::size_t(primary)];
        if (!table) table.reset(static_cast<Resolved*>(std::calloc(0x10000, sizeof(Resolved))));
        return table.get();
    }

    double text_width(int primary, const std::string& text, double size) {
        double w = 0;
        for (char32_t c : utf8_to_u32(text)) w += advance(primary, c, size, text);
        return w;
    }

    /// A text measured for one primary face: decoded, cut into units, and the face that draws each
    /// character. A fit lays the same texts out at a dozen sizes; each pass then only fills lines.
    struct Prepared {
        int primary = 0;
        PreparedText text; ///< advances in 1/1000 em
        std::vector<int> slot;
    };
    std::vector<std::unordered_map<std::string, Prepared>> prepared; ///< by primary slot, for one layout

    const Prepared& prepare(int primary, const std::string& text) {
        if (prepared.size() <= std::size_t(primary)) prepared.resize(std::size_t(primary) + 1);
        auto& cache = prepared[std::size_t(primary)];
        if (auto it = cache.find(text); it != cache.end()) return it->second;
        Prepared p;
        p.primary = primary;
        p.text = prepare_text(text, [&](char32_t c) { return double(units(primary, c, text)); });
        p.slot.assign(p.text.chars.size(), primary);
        for (std::size_t i = 0; i < p.text.chars.size(); ++i)
            if (p.text.chars[i] != U'\n') p.slot[i] = drawn_by(primary, p.text.chars[i], text);
        return cache.emplace(text, std::move(p)).first->second;
    }

    LayoutSummary run_layout();
};

namespace {

// Where a one-page fit may add space: after a block that is not a spacer and not the last, and
// not between two paragraphs (lines of one note stay together).
bool gap_after(const Block& b, const Block* next) {
    if (!next || std::holds_alternative<SpacerB>(b)) return false;
    return !(std::holds_alternative<ParaB>(b) && std::holds_alternative<ParaB>(*next));
}

// One layout pass at a given body size.
class Flow {
public:
    Flow(Writer::Impl& impl, double body, double extra_row_pad, double gap_before_signature)
        : w(impl), S(body), extra_pad(extra_row_pad), sig_gap(gap_before_signature) {
        const auto& o = w.opt;
        margin = mm_to_pt(o.margin_mm);
        page = o.page;
        x0 = margin;
        x1 = page.width - margin;
        top = page.height - margin;
        bottom = margin;
        if (x1 - x0 < 20 || top - bottom < 20)
            throw Error("页边距 {margin} 毫米对纸张 {size} 太大，放不下内容",
                        {{"margin", fmt_pt(o.margin_mm)}, {"size", page.describe()}}, {{}, {}, "margin"});
        doc.faces.clear();
        collect_toc_entries();
        new_page();
    }

    void run() {
        for (std::size_t i = 0; i < w.blocks.size(); ++i) {
            next_block = i + 1 < w.blocks.size() ? &w.blocks[i + 1] : nullptr;
            std::visit([this](const auto& b) { place(b); }, w.blocks[i]);
            // A one-page fit spreads the page's spare height between the blocks (see run_layout).
            if (block_gap > 0 && has_content && gap_after(w.blocks[i], next_block)) y -= block_gap;
        }
        finish();
    }

    /// Extra space after every block but spacers and the last one.
    double block_gap = 0;
    /// False for a pass that only measures (most passes of a fit): its text is not drawn, and
    /// everything else (pages, positions, faces, errors) comes out as when it is.
    bool draw_text = true;

    /// This pass again, drawing its text.
    std::unique_ptr<Flow> drawn() const {
        auto f = std::make_unique<Flow>(w, S, extra_pad, sig_gap);
        f->block_gap = block_gap;
        f->run();
        return f;
    }

    Document doc;
    LayoutSummary summary;
    double remaining() const { return y - bottom; }
    int stretchable_rows = 0;

private:
    Writer::Impl& w;
    double S;
    double extra_pad, sig_gap;
    double margin;
    PageSize page;
    double x0, x1, top, bottom, y = 0;
    bool has_content = false;
    bool auto_break = false;   // the current page began because content overflowed
    bool text_on_page = false; // text not drawn (draw_text off) on the current page
    const Block* next_block = nullptr;

    // page numbering
    std::vector<int> numbers;
    std::vector<std::string> sections;
    int next_number = 1;
    int first_restart_page = -1;
    std::string section;

    // outline / toc
    struct Entry {
        std::string text;
        int level;
        bool in_toc;
        int page = 0;
        double y = 0;
    };
    std::vector<Entry> entries;
    std::size_t entry_cursor = 0;
    struct TocSlot {
        std::size_t entry;
        int page;
        double x_right, baseline, size;
        int slot;
        Color color;
    };
    std::vector<TocSlot> toc_slots;

    /// A font size of `em` body sizes, rounded to 0.01 pt (short numbers in the PDF; the same
    /// rounded size is used to measure and to draw).
    double fsz(double em) const { return std::round(em * S * 100) / 100; }
    double frame_w() const { return x1 - x0; }
    double frame_h() const { return top - bottom; }
    double baseline_in(double line_top, double size, double line_h) const {
        return line_top - (line_h - size) / 2 - size * ascent_em;
    }
    std::vector<Op>& ops() { return doc.pages.back().ops; }
    int page_index() const { return int(doc.pages.size()) - 1; }

    void collect_toc_entries() {
        for (const auto& b : w.blocks) {
            if (auto h = std::get_if<HeadingB>(&b); h && h->outline) entries.push_back({h->text, h->level, true});
            else if (auto t = std::get_if<TitleB>(&b); t && t->o.outline) entries.push_back({t->text, 1, true});
            else if (auto o = std::get_if<OutlineB>(&b)) entries.push_back({o->text, o->level, o->in_toc});
        }
    }
    void mark_entry(double at_y) {
        auto& e = entries.at(entry_cursor++);
        e.page = page_index();
        e.y = at_y;
    }

    void new_page() {
        if (!doc.pages.empty()) sections.back() = section;
        doc.pages.push_back({page, {}});
        numbers.push_back(next_number++);
        sections.push_back(section);
        y = top;
        has_content = false;
        auto_break = false;
        text_on_page = false;
    }
    // Starts a new page when `h` does not fit below the cursor (never on an empty page, so a block
    // taller than a page overflows instead of looping).
    void ensure(double h) {
        if (y - h < bottom - 0.01 && has_content) {
            new_page();
            auto_break = true;
        }
    }

    // ---- text drawing -------------------------------------------------------------------------
    double width_of(int slot, const std::string& t, double size) { return w.text_width(slot, t, size); }

    /// A text's lines at one size: spans into the writer's prepared copy of the text.
    struct Lines {
        const Writer::Impl::Prepared* text = nullptr;
        std::vector<LineSpan> spans;
        std::size_t size() const { return spans.size(); }
    };

    Lines wrap(int slot, const std::string& text, double size, double width, double indent = 0) {
        const auto& p = w.prepare(slot, text);
        // The same arithmetic as advance(): units × size / 1000, summed in reading order.
        return {&p, break_prepared(p.text, size, 1000.0, width, indent)};
    }

    double span_width(const Writer::Impl::Prepared& p, const LineSpan& l, double size) const {
        double lw = 0;
        if (l.lead != LineSpan::no_lead) lw += p.text.advance[l.lead] * size / 1000.0;
        for (std::uint32_t k = l.begin; k < l.end; ++k) lw += p.text.advance[k] * size / 1000.0;
        return lw;
    }

    // draw_line for a broken line: the runs are slices of the prepared text, no decoding again.
    void draw_span(const Writer::Impl::Prepared& p, const LineSpan& l, double x, double baseline, double size, Color color,
                   double char_space = 0) {
        if (!draw_text) {
            text_on_page = text_on_page || l.end > l.begin || l.lead != LineSpan::no_lead;
            return;
        }
        const PreparedText& t = p.text;
        if (!t.faithful) return draw_line(p.primary, t.text_of(l), x, baseline, size, color, char_space);
        std::string run;
        int run_slot = -1;
        double run_x = x, cx = x;
        auto flush = [&] {
            if (!run.empty()) ops().push_back(TextOp{run_slot, size, run_x, baseline, std::move(run), color, char_space});
            run.clear();
        };
        auto walk = [&](std::uint32_t from, std::uint32_t end) {
            for (std::uint32_t k = from; k < end; ++k) {
                if (p.slot[k] != run_slot) {
                    run.append(t.source, t.offsets[from], t.offsets[k] - t.offsets[from]);
                    flush();
                    from = k;
                    run_slot = p.slot[k];
                    run_x = cx;
                }
                cx += t.advance[k] * size / 1000.0 + char_space;
            }
            run.append(t.source, t.offsets[from], t.offsets[end] - t.offsets[from]);
        };
        if (l.lead != LineSpan::no_lead) walk(l.lead, l.lead + 1);
        walk(l.begin, l.end);
        flush();
    }

    // Draws one line starting at x, splitting it into runs per face; char_space for justification.
    void draw_line(int slot, const std::string& text, double x, double baseline, double size, Color color,
                   double char_space = 0) {
        if (!draw_text) {
            text_on_page = text_on_page || !text.empty();
            return;
        }
        std::u32string u = utf8_to_u32(text);
        std::u32string run;
        int run_slot = -1;
        double run_x = x, cx = x;
        auto flush = [&] {
            if (!run.empty()) ops().push_back(TextOp{run_slot, size, run_x, baseline, u32_to_utf8(run), color, char_space});
            run.clear();
        };
        for (char32_t c : u) {
            int s = w.slot_for(slot, c, text);
            if (s != run_slot) {
                flush();
                run_slot = s;
                run_x = cx;
            }
            run += c;
            cx += w.advance(slot, c, size, text) + char_space;
        }
        flush();
    }

    void draw_aligned(const Writer::Impl::Prepared& p, const LineSpan& line, double left, double width, double baseline,
                      double size, Color color, Align align, double indent = 0) {
        if (!draw_text) return draw_span(p, line, left, baseline, size, color);
        double lw = span_width(p, line, size);
        double x = left + indent;
        double cs = 0;
        switch (align) {
        case Align::left: break;
        case Align::center: x = left + (width - lw) / 2; break;
        case Align::right: x = left + width - lw; break;
        case Align::justify: {
            std::size_t n = line.end - line.begin + (line.lead != LineSpan::no_lead ? 1 : 0);
            double slack = width - indent - lw;
            if (!line.paragraph_end && n > 1 && slack > 0 && slack / double(n - 1) < size * 0.5) cs = slack / double(n - 1);
            break;
        }
        }
        draw_span(p, line, x, baseline, size, color, cs);
    }

    // ---- blocks -------------------------------------------------------------------------------
    void place(const TitleB& b) {
        double fs = fsz(b.o.size);
        double pad = b.o.band ? 0.45 * fs : 0;
        auto lines = wrap(w.heading_slot, b.text, fs, frame_w() - 2 * pad - (b.o.band ? fs : 0));
        double lh = fs * 1.3;
        double h = double(lines.size()) * lh + 2 * pad;
        ensure(h);
        if (b.o.outline) mark_entry(y);
        if (b.o.band) ops().push_back(RectOp{x0, y - h, frame_w(), h, true, b.o.color, false, {}, 0});
        double line_top = y - pad;
        for (auto& l : lines.spans) {
            draw_aligned(*lines.text, l, x0, frame_w(), baseline_in(line_top, fs, lh), fs, b.o.band ? b.o.band_text : b.o.color,
                         Align::center);
            line_top -= lh;
        }
        y -= h + b.o.space_after * S;
        has_content = true;
    }

    void place(const HeadingB& b) {
        static const double sizes[] = {1.5, 1.25, 1.1};
        int level = std::clamp(b.level, 1, 3);
        double fs = fsz(sizes[level - 1]);
        double lh = fs * 1.4;
        auto lines = wrap(w.heading_slot, b.text, fs, frame_w());
        double before = has_content ? (level == 1 ? 1.0 : 0.7) * S : 0;
        double h = double(lines.size()) * lh;
        // keep with next: the heading plus about two lines of what follows
        ensure(before + h + 2 * 1.5 * S);
        if (has_content) y -= before;
        if (b.outline) mark_entry(y + (has_content ? before : 0));
        if (level == 1) section = b.text;
        Color color = level == 1 ? colors::party_red : colors::black;
        for (auto& l : lines.spans) {
            draw_aligned(*lines.text, l, x0, frame_w(), baseline_in(y, fs, lh), fs, color, Align::left);
            y -= lh;
        }
        y -= 0.4 * S;
        has_content = true;
    }

    void place(const ParaB& b) {
        const auto& st = b.style;
        int slot = st.font == FontRole::heading ? w.heading_slot : w.body_slot;
        double fs = fsz(st.size);
        double lh = fs * std::max(1.0, st.line_spacing);
        double indent = st.first_indent * fs;
        auto lines = wrap(slot, b.text, fs, frame_w(), indent);
        if (has_content) y -= st.space_before * S;
        bool first = true;
        bool para_start = true;
        for (auto& l : lines.spans) {
            ensure(lh);
            draw_aligned(*lines.text, l, x0, frame_w(), baseline_in(y, fs, lh), fs, st.color, st.align,
                         para_start && (st.align == Align::left || st.align == Align::justify) ? indent : 0);
            para_start = l.paragraph_end;
            y -= lh;
            has_content = true;
            first = false;
        }
        (void)first;
        y -= st.space_after * S;
    }

    void place(const FieldsB& b) {
        int cols = std::max(1, b.columns);
        double fs = fsz(b.size);
        double lh = fs * 1.6;
        double gap = 1.2 * fs;
        double cell_w = (frame_w() - gap * (cols - 1)) / cols;
        for (std::size_t i = 0; i < b.items.size(); i += std::size_t(cols)) {
            struct Cell {
                std::string key;
                double key_w;
                Lines lines;
            };
            std::vector<Cell> cells;
            std::size_t rows = 1;
            for (std::size_t k = i; k < std::min(b.items.size(), i + std::size_t(cols)); ++k) {
                std::string key = b.items[k].first.empty() ? "" : b.items[k].first + "：";
                double kw = std::min(width_of(w.heading_slot, key, fs), cell_w * 0.6);
                auto lines = wrap(w.body_slot, b.items[k].second, fs, std::max(fs, cell_w - kw));
                rows = std::max(rows, lines.size());
                cells.push_back({key, kw, std::move(lines)});
            }
            double h = double(rows) * lh;
            ensure(h);
            for (std::size_t c = 0; c < cells.size(); ++c) {
                double cx = x0 + double(c) * (cell_w + gap);
                double base = baseline_in(y, fs, lh);
                draw_line(w.heading_slot, cells[c].key, cx, base, fs, colors::black);
                for (auto& l : cells[c].lines.spans) {
                    draw_span(*cells[c].lines.text, l, cx + cells[c].key_w, base, fs, colors::black);
                    base -= lh;
                }
            }
            y -= h;
            has_content = true;
        }
        y -= 0.5 * S;
    }

    struct RowLayout {
        std::vector<Lines> cells;
        std::size_t lines = 1;
    };

    /// A table's measures for one placement: its font, line height, paddings, column edges and header.
    struct TableFrame {
        const Table& t;
        double fs, lh, pad, row_pad;
        std::vector<double> cw, cx;
        RowLayout header;
        double header_h = 0;
    };

    TableFrame table_frame(const Table& t) {
        double fs = fsz(t.size);
        double pad = t.padding * S;
        TableFrame f{t, fs, fs * 1.35, pad, pad + (t.stretch ? extra_pad : 0), {}, {}, {}, 0};
        double total_weight = 0;
        for (auto& c : t.columns) total_weight += std::max(0.01, c.weight);
        double x = x0;
        for (auto& c : t.columns) {
            f.cx.push_back(x);
            f.cw.push_back(frame_w() * std::max(0.01, c.weight) / total_weight);
            x += f.cw.back();
        }
        std::vector<std::string> titles;
        for (auto& c : t.columns) titles.push_back(c.title);
        f.header = layout_row(f, titles, w.heading_slot);
        f.header_h = double(f.header.lines) * f.lh + 2 * pad;
        return f;
    }

    RowLayout layout_row(const TableFrame& f, const std::vector<std::string>& texts, int slot) {
        RowLayout r;
        for (std::size_t c = 0; c < f.t.columns.size(); ++c) {
            const std::string& s = c < texts.size() ? texts[c] : std::string();
            r.cells.push_back(wrap(slot, s, f.fs, std::max(f.fs, f.cw[c] - 2 * f.pad)));
            r.lines = std::max(r.lines, r.cells.back().size());
        }
        return r;
    }

    void draw_cells(const TableFrame& f, const RowLayout& r, std::size_t from_line, std::size_t n_lines, double row_top,
                    double row_h, double vpad, Color color, std::optional<Color> fill, bool header_row) {
        const double fs = f.fs, lh = f.lh, pad = f.pad;
        constexpr Color border = Color::hex(0x555555);
        if (fill) ops().push_back(RectOp{x0, row_top - row_h, frame_w(), row_h, true, *fill, false, {}, 0});
        for (std::size_t c = 0; c < f.t.columns.size(); ++c) {
            const auto& lines = r.cells[c].spans;
            std::size_t shown = from_line < lines.size() ? std::min(n_lines, lines.size() - from_line) : 0;
            // vertical centring inside the row
            double text_h = double(shown) * lh;
            double line_top = row_top - vpad - (row_h - 2 * vpad - text_h) / 2;
            Align a = header_row ? Align::center : f.t.columns[c].align;
            if (a == Align::justify) a = Align::left;
            for (std::size_t k = 0; k < shown; ++k) {
                LineSpan l = lines[from_line + k];
                l.paragraph_end = true;
                draw_aligned(*r.cells[c].text, l, f.cx[c] + pad, f.cw[c] - 2 * pad, baseline_in(line_top, fs, lh), fs, color, a);
                line_top -= lh;
            }
            ops().push_back(RectOp{f.cx[c], row_top - row_h, f.cw[c], row_h, false, {}, true, border, 0.6});
        }
    }

    void draw_table_header(const TableFrame& f) {
        if (!f.t.header) return;
        draw_cells(f, f.header, 0, f.header.lines, y, f.header_h, f.pad, f.t.header_text, f.t.header_fill, true);
        y -= f.header_h;
        has_content = true;
    }

    /// One body row, its lines from the top of the frame down, over as many pages as it needs.
    void place_row(const TableFrame& f, const RowLayout& r, Color color, std::optional<Color> fill) {
        const double lh = f.lh, row_pad = f.row_pad;
        std::size_t done = 0;
        while (done < r.lines) {
            double need = double(r.lines - done) * lh + 2 * row_pad;
            if (y - need < bottom - 0.01) {
                // Move the row to a new page when it fits there; split it only when it is taller
                // than a whole page (or at least one line fits here and the rest would not fit anyway).
                double page_room = frame_h() - (f.t.header ? f.header_h : 0);
                std::size_t fit_here = y - 2 * row_pad - bottom > 0 ? std::size_t((y - 2 * row_pad - bottom) / lh) : 0;
                if (need <= page_room || fit_here == 0) {
                    new_page();
                    draw_table_header(f);
                    if (y - need >= bottom - 0.01 || need <= page_room) continue;
                    fit_here = std::size_t(std::max(1.0, (y - 2 * row_pad - bottom) / lh));
                }
                std::size_t n = std::min(fit_here, r.lines - done);
                double h = double(n) * lh + 2 * row_pad;
                draw_cells(f, r, done, n, y, h, row_pad, color, fill, false);
                y -= h;
                done += n;
                new_page();
                draw_table_header(f);
                continue;
            }
            double h = need;
            draw_cells(f, r, done, r.lines - done, y, h, row_pad, color, fill, false);
            y -= h;
            done = r.lines;
            has_content = true;
        }
    }

    void place(const TableB& tb) {
        const Table& t = tb.table;
        if (t.columns.empty()) return;
        const TableFrame f = table_frame(t);
        // The header and the first row stay together.
        double first_row_h = t.rows.empty() ? 0 : 2 * f.row_pad + f.lh;
        ensure((t.header ? f.header_h : 0) + first_row_h);
        draw_table_header(f);
        int zebra = 0;
        for (const auto& row : t.rows) {
            int slot = row.style == RowStyle::emphasis ? w.heading_slot : w.body_slot;
            RowLayout r = layout_row(f, row.cells, slot);
            if (t.stretch) ++stretchable_rows;
            Color color = colors::black;
            std::optional<Color> fill;
            if (t.zebra && (zebra++ % 2 == 1)) fill = colors::light_grey;
            if (row.style == RowStyle::alert) {
                color = colors::dark_red;
                fill = colors::light_red;
            }
            if (row.style == RowStyle::muted) color = colors::grey;
            place_row(f, r, color, fill);
        }
        y -= 0.6 * S;
    }

    void place(const ImageB& b) {
        double iw = b.info.width, ih = b.info.height;
        if (b.info.orientation >= 5) std::swap(iw, ih);
        double cap_fs = fsz(0.85), cap_lh = cap_fs * 1.5;
        Lines cap;
        if (!b.o.caption.empty()) cap = wrap(w.body_slot, b.o.caption, cap_fs, frame_w());
        double cap_h = double(cap.size()) * cap_lh;
        double maxw = b.o.max_width > 0 ? std::min(b.o.max_width, frame_w()) : frame_w();
        double maxh = b.o.max_height > 0 ? std::min(b.o.max_height, frame_h() - cap_h) : frame_h() - cap_h;
        double k = std::min(maxw / iw, maxh / ih);
        if (!b.o.upscale) k = std::min(k, 1.0);
        double dw = iw * k, dh = ih * k;
        ensure(dh + cap_h);
        double x = x0;
        if (b.o.align == Align::center) x = x0 + (frame_w() - dw) / 2;
        if (b.o.align == Align::right) x = x1 - dw;
        ops().push_back(ImageOp{b.file, b.info.png, b.info.orientation, x, y - dh, dw, dh});
        y -= dh;
        for (auto& l : cap.spans) {
            draw_aligned(*cap.text, l, x0, frame_w(), baseline_in(y, cap_fs, cap_lh), cap_fs, colors::grey, Align::center);
            y -= cap_lh;
        }
        y -= 0.6 * S;
        has_content = true;
    }

    void place(const SpacerB& b) {
        if (!has_content && auto_break) return; // no gap at the top of a page the flow ran onto
        y -= b.em * S;
        if (y < bottom) new_page();
    }

    void place(const RuleB& b) {
        ensure(0.6 * S);
        y -= 0.3 * S;
        ops().push_back(LineOp{x0, y, x1, y, b.color, b.width});
        y -= 0.3 * S;
        has_content = true;
    }

    void place(const PageBreakB&) {
        if (has_content) new_page();
    }

    void place(const RestartB& b) {
        if (has_content) new_page();
        numbers.back() = b.first;
        next_number = b.first + 1;
        if (first_restart_page < 0) first_restart_page = page_index();
    }

    void place(const OutlineB&) { mark_entry(y); }

    void place(const TocB& b) {
        double title_fs = fsz(1.6);
        double title_lh = title_fs * 1.5;
        ensure(title_lh * 2);
        draw_line(w.heading_slot, b.heading, x0 + (frame_w() - width_of(w.heading_slot, b.heading, title_fs)) / 2,
                  baseline_in(y, title_fs, title_lh), title_fs, colors::black);
        y -= title_lh + S;
        has_content = true;
        double num_w = 3 * S;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& e = entries[i];
            if (!e.in_toc || e.level > b.max_level) continue;
            int slot = e.level == 1 ? w.heading_slot : w.body_slot;
            double fs = fsz(e.level == 1 ? 1.05 : 1.0);
            double lh = fs * 1.8;
            double indent = double(e.level - 1) * 2 * S;
            double avail = frame_w() - indent - num_w - S;
            auto lines = wrap(slot, e.text, fs, avail);
            double h = double(lines.size()) * lh;
            ensure(h);
            double entry_top = y;
            double last_end = x0 + indent;
            for (auto& l : lines.spans) {
                draw_span(*lines.text, l, x0 + indent, baseline_in(y, fs, lh), fs, colors::black);
                last_end = x0 + indent + span_width(*lines.text, l, fs);
                y -= lh;
            }
            double base = baseline_in(y + lh, fs, lh);
            double lead_from = last_end + 0.5 * S, lead_to = x1 - num_w - 0.2 * S;
            if (lead_to > lead_from)
                ops().push_back(
                    LineOp{lead_from, base + 0.15 * fs, lead_to, base + 0.15 * fs, colors::grey, 0.9, 0.01, 0.35 * fs, true});
            toc_slots.push_back({i, page_index(), x1, base, fs, slot, colors::black});
            ops().push_back(LinkOp{x0, y, frame_w(), entry_top - y, 0, 0}); // target filled in finish()
            links.push_back({page_index(), ops().size() - 1, i});
        }
        y -= S;
    }
    struct PendingLink {
        int page;
        std::size_t op;
        std::size_t entry;
    };
    std::vector<PendingLink> links;

    void place(const SealB& b) {
        double d = b.diameter * S;
        ensure(d + 0.5 * S);
        double cx = b.align == Align::left ? x0 + d / 2 : b.align == Align::center ? (x0 + x1) / 2 : x1 - d / 2 - S;
        draw_seal(cx, y - d / 2, d, b.label);
        y -= d + 0.5 * S;
        has_content = true;
    }

    // label_low: the label sits in the lower part of the circle, clear of signature text.
    void draw_seal(double cx, double cy, double d, const std::string& label, bool label_low = false) {
        ops().push_back(CircleOp{cx, cy, d / 2, Color::hex(0x999999), std::max(0.6, d / 120), d / 40, d / 60});
        if (label.empty()) return;
        double fs = std::round(d * (label_low ? 0.11 : 0.16) * 100) / 100;
        double lw = width_of(w.heading_slot, label, fs);
        double base = label_low ? cy - d * 0.36 : cy - fs * 0.35;
        draw_line(w.heading_slot, label, cx - lw / 2, base, fs, Color::hex(0x999999));
    }

    void place(const SignatureB& b) {
        double fs = fsz(b.size);
        double lh = fs * 1.7;
        double text_h = double(b.lines.size()) * lh;
        double d = b.seal ? 6.5 * fs : 0;
        double h = std::max(text_h, d);
        double gap = sig_gap;
        ensure(gap + h);
        if (has_content) y -= gap;
        double maxw = 0;
        for (auto& l : b.lines) maxw = std::max(maxw, width_of(w.body_slot, l, fs));
        double right = x1 - 2 * fs;
        double left = right - maxw;
        double block_top = y - (h - text_h) / 2;
        if (b.seal) draw_seal((left + right) / 2, block_top - text_h / 2, d, "（盖章）", true);
        double line_top = block_top;
        for (auto& l : b.lines) {
            double lw = width_of(w.body_slot, l, fs);
            draw_line(w.body_slot, l, left + (maxw - lw) / 2, baseline_in(line_top, fs, lh), fs, colors::black);
            line_top -= lh;
        }
        y -= h + 0.5 * S;
        has_content = true;
    }

    // ---- finishing ----------------------------------------------------------------------------
    void finish() {
        sections.back() = section;
        // The last page may be empty after a trailing page_break: drop it.
        if (doc.pages.size() > 1 && doc.pages.back().ops.empty() && !text_on_page && !has_content) {
            doc.pages.pop_back();
            numbers.pop_back();
            sections.pop_back();
        }
        int count = int(doc.pages.size());
        for (auto& s : toc_slots) {
            const auto& e = entries[s.entry];
            std::string num = std::to_string(numbers[std::size_t(e.page)]);
            double nw = width_of(s.slot, num, s.size);
            doc.pages[std::size_t(s.page)].ops.push_back(TextOp{s.slot, s.size, s.x_right - nw, s.baseline, num, s.color, 0});
        }
        for (auto& l : links) {
            auto& op = std::get<LinkOp>(doc.pages[std::size_t(l.page)].ops[l.op]);
            op.target_page = entries[l.entry].page;
            op.target_y = entries[l.entry].y;
        }
        // Pages before the first restart_page_numbers() are front matter (cover, contents): number 0.
        if (first_restart_page >= 0)
            for (int i = 0; i < first_restart_page && i < count; ++i) numbers[std::size_t(i)] = 0;
        // last number of each numbering run
        std::vector<int> last(numbers.size());
        for (int i = count - 1; i >= 0; --i) {
            bool run_end =
                i == count - 1 || numbers[std::size_t(i) + 1] != numbers[std::size_t(i)] + 1 || numbers[std::size_t(i)] == 0;
            last[std::size_t(i)] = run_end ? numbers[std::size_t(i)] : last[std::size_t(i) + 1];
        }
        if (w.opt.decorate) {
            for (int i = 0; i < count; ++i) {
                PageInfo info{i + 1, count, numbers[std::size_t(i)], last[std::size_t(i)], sections[std::size_t(i)], page};
                Decor d(*this, i);
                w.opt.decorate(d, info);
            }
        }
        for (auto& e : entries) {
            doc.bookmarks.push_back({e.text, e.level, e.page, e.y});
            summary.outline.push_back({e.text, e.level, e.page + 1, numbers[std::size_t(e.page)]});
        }
        summary.pages = count;
        summary.body_size = S;
        for (auto& s : w.slots) doc.faces.push_back(s.data->face);
        doc.title = w.opt.title;
        doc.author = w.opt.author;
        doc.subject = w.opt.subject;
    }

    class Decor : public PageDecor {
    public:
        Decor(Flow& flow, int page_index) : f(flow), page(page_index) {}
        void text(Slot slot, Align align, const std::string& raw, double size, Color color) override {
            std::string t = clean(raw, "decoration");
            double fs = f.fsz(size);
            double lw = f.width_of(f.w.body_slot, t, fs);
            double x = align == Align::center ? (f.x0 + f.x1 - lw) / 2 : align == Align::right ? f.x1 - lw : f.x0;
            double base = slot == Slot::footer ? f.margin / 2 - fs * 0.35 : f.page.height - f.margin / 2 - fs * 0.35;
            with_page([&] { f.draw_line(f.w.body_slot, t, x, base, fs, color); });
        }
        void rule(Slot slot, Color color) override {
            double yy = slot == Slot::footer ? f.margin - 0.3 * f.S : f.page.height - f.margin + 0.3 * f.S;
            f.doc.pages[std::size_t(page)].ops.push_back(LineOp{f.x0, yy, f.x1, yy, color, 0.5});
        }

    private:
        template <class F> void with_page(F fn) {
            // draw_line appends to the last page; decorate any page by swapping it to the back.
            auto& pages = f.doc.pages;
            std::swap(pages[std::size_t(page)], pages.back());
            try {
                fn();
            } catch (...) {
                std::swap(pages[std::size_t(page)], pages.back());
                throw;
            }
            std::swap(pages[std::size_t(page)], pages.back());
        }
        Flow& f;
        int page;
    };
};

} // namespace

LayoutSummary Writer::Impl::run_layout() {
    if (!dirty) return summary;
    auto count_sig = [&] {
        for (auto& b : blocks)
            if (std::holds_alternative<SignatureB>(b)) return true;
        return false;
    };
    std::unique_ptr<Flow> result;
    if (opt.fit == FitMode::none) {
        result = std::make_unique<Flow>(*this, opt.body_size, 0, 0);
        result->run();
    } else {
        double lo = std::max(1.0, opt.fit_min_size);
        double hi = opt.fit_max_size > 0 ? opt.fit_max_size : std::min(opt.page.width, opt.page.height) / 25;
        hi = std::max(hi, lo);
        // The search only measures; the pass that is kept is drawn (a filling pass mostly is kept).
        auto attempt = [&](std::unique_ptr<Flow>& out, double s, double pad, double gap, double between = 0, bool draw = false) {
            out = std::make_unique<Flow>(*this, s, pad, gap);
            out->block_gap = between;
            out->draw_text = draw;
            out->run();
            return out->summary.pages == 1;
        };
        std::unique_ptr<Flow> trial;
        if (attempt(result, hi, 0, 0)) {
            // fits at the largest size
        } else {
            if (!attempt(result, lo, 0, 0))
                throw Error(
                    "内容放不进一页 {size}：正文缩到 {min} 磅仍需要 {pages} 页；请选择更大的尺寸，或把内容分到几块公示牌上",
                    {{"size", opt.page.describe()}, {"min", fmt_pt(lo)}, {"pages", std::to_string(result->summary.pages)}},
                    {{}, {}, "size"});
            // Largest size that still fits on one page (to 0.05 pt).
            while (hi - lo > 0.05) {
                double mid = (lo + hi) / 2;
                if (attempt(trial, mid, 0, 0)) {
                    lo = mid;
                    std::swap(result, trial);
                } else {
                    hi = mid;
                }
            }
        }
        // Fill the page, so that a board looks designed at every size even when the text stopped
        // at its largest size: half the leftover height goes to the table rows (up to twice the
        // body size above and below each row's text), the rest between the blocks (title, fields,
        // table, notes), the signature last so that it sits at the bottom.
        double S = result->summary.body_size;
        double left = result->remaining();
        if (left > 1) {
            int rows = result->stretchable_rows;
            int boundaries = 0;
            for (std::size_t i = 0; i + 1 < blocks.size(); ++i)
                if (gap_after(blocks[i], &blocks[i + 1])) ++boundaries;
            double pad = rows > 0 ? std::min(2 * S, (boundaries > 0 ? 0.5 : 1.0) * left / (2.0 * rows)) : 0;
            double rest = std::max(0.0, left - 2 * pad * rows - 1);
            double between = boundaries > 0 ? std::min(rest / boundaries, 4 * S) : 0;
            double gap = count_sig() ? std::max(0.0, rest - between * boundaries) : 0;
            for (int tries = 0; tries < 6; ++tries) {
                if (attempt(trial, S, pad, gap, between, true)) {
                    std::swap(result, trial);
                    break;
                }
                pad *= 0.8;
                gap *= 0.8;
                between *= 0.8;
            }
        }
        if (!result->draw_text) result = result->drawn();
    }
    doc = std::move(result->doc);
    summary = std::move(result->summary);
    prepared.clear(); // the texts serve the passes of this layout only
    dirty = false;
    return summary;
}

Writer::Writer(WriterOptions options) : m(std::make_unique<Impl>(std::move(options))) {}
Writer::~Writer() = default;
Writer::Writer(Writer&&) noexcept = default;
Writer& Writer::operator=(Writer&&) noexcept = default;

const WriterOptions& Writer::options() const { return m->opt; }

void Writer::title(const std::string& text, const TitleOptions& options) {
    m->blocks.push_back(TitleB{clean(text, "title"), options});
    m->dirty = true;
}
void Writer::heading(const std::string& text, int level, bool add_to_outline) {
    m->blocks.push_back(HeadingB{clean(text, "heading"), level, add_to_outline});
    m->dirty = true;
}
void Writer::paragraph(const std::string& text, const ParagraphStyle& style) {
    m->blocks.push_back(ParaB{clean(text, "paragraph"), style});
    m->dirty = true;
}
void Writer::fields(const std::vector<std::pair<std::string, std::string>>& items, int columns, double size) {
    FieldsB b{{}, columns, size};
    for (auto& [k, v] : items) b.items.emplace_back(clean(k, "field"), clean(v, "field"));
    m->blocks.push_back(std::move(b));
    m->dirty = true;
}
void Writer::table(const Table& table) {
    Table t = table;
    for (auto& c : t.columns) c.title = clean(c.title, "table");
    for (auto& r : t.rows)
        for (auto& c : r.cells) c = clean(c, "table");
    m->blocks.push_back(TableB{std::move(t)});
    m->dirty = true;
}
void Writer::image(const std::filesystem::path& file, const ImageOptions& options) {
    ImageOptions o = options;
    o.caption = clean(o.caption, "caption");
    auto info = read_image_info(file);
    m->blocks.push_back(ImageB{file, std::move(o), info});
    m->dirty = true;
}
void Writer::spacer(double em) {
    m->blocks.push_back(SpacerB{em});
    m->dirty = true;
}
void Writer::rule(Color color, double width_pt) {
    m->blocks.push_back(RuleB{color, width_pt});
    m->dirty = true;
}
void Writer::page_break() {
    m->blocks.push_back(PageBreakB{});
    m->dirty = true;
}
void Writer::restart_page_numbers(int first) {
    m->blocks.push_back(RestartB{first});
    m->dirty = true;
}
void Writer::outline(const std::string& text, int level, bool in_toc) {
    m->blocks.push_back(OutlineB{clean(text, "outline"), std::clamp(level, 1, 6), in_toc});
    m->dirty = true;
}
void Writer::table_of_contents(const std::string& heading, int max_level) {
    m->blocks.push_back(TocB{clean(heading, "toc"), max_level});
    m->dirty = true;
}
void Writer::seal(double diameter, Align align, const std::string& label) {
    m->blocks.push_back(SealB{diameter, align, clean(label, "seal")});
    m->dirty = true;
}
void Writer::signature(const std::vector<std::string>& lines, bool with_seal, double size) {
    SignatureB b{{}, with_seal, size};
    for (auto& l : lines) b.lines.push_back(clean(l, "signature"));
    m->blocks.push_back(std::move(b));
    m->dirty = true;
}

LayoutSummary Writer::layout() { return m->run_layout(); }

std::string Writer::render() {
    m->run_layout();
    return render_pdf(m->doc);
}

void Writer::save(const std::filesystem::path& file) { core::write_file_atomically(file, render()); }

TileGrid Writer::save_tiled(const std::filesystem::path& file, const TileOptions& tiles) {
    m->run_layout();
    TileGrid grid;
    auto bytes = render_pdf(m->doc, &tiles, &grid);
    core::write_file_atomically(file, bytes);
    return grid;
}

} // namespace onebook::core::pdf
