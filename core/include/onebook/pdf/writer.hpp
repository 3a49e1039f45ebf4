// The PDF engine: a flow writer that lays out Chinese text, tables, images and boards on pages,
// then embeds only the glyphs it used (HarfBuzz subset) and saves atomically.
//
// Usage (a board):
//   namespace pdf = onebook::core::pdf;
//   pdf::WriterOptions opt;
//   opt.page = pdf::PageSize::parse("A1").with_orientation(pdf::Orientation::landscape);
//   opt.fit = pdf::FitMode::one_page;              // scale all text so the content fills one page
//   pdf::Writer w(opt);
//   w.title("基层党组织分类定级整改提高公示牌", {.band = true});
//   w.fields({{"党组织", "中共××社区支部委员会"}, {"定级", "一般"}, {"整改期限", "2024年3月—6月"}}, 3);
//   pdf::Table t;
//   t.columns = {{"整改事项", 3}, {"主要措施", 4}, {"责任人", 1.2}, {"完成时限", 1.5}, {"完成情况", 2}};
//   t.rows.push_back({{"组织生活不规范", "每月固定主题党日……", "张三", "2024-06-30", "推进中"}});
//   t.rows.back().style = pdf::RowStyle::alert;    // overdue rows stand out
//   w.table(t);
//   w.signature({"中共××街道工作委员会", "2024年6月30日"}, /*seal=*/true);
//   w.save("board.pdf");                           // or w.save_tiled("board-a4.pdf", {})
//
// Usage (a book): set opt.decorate = pdf::page_number_footer(); then title(...) for the cover,
// page_break(), table_of_contents(), heading("第一章 基本情况", 1), paragraph(...), table(...),
// image(...), ... and save(). Headings become PDF bookmarks and TOC entries; TOC page numbers are
// the final ones (content is laid out at save time, after everything has been added).
//
// Nothing is drawn until layout(): every call only records a block (text is checked at once, so a
// bad character is reported where it is added). layout() is cached and redone only after new
// blocks, so it can be called at any time to ask how many pages there are. Text passes through check_drawable(): characters above
// U+FFFF throw Error naming the text. Characters missing from the configured faces are drawn with a
// fallback face found through fontconfig, or throw Error when no installed TrueType face has them.
// All errors are onebook::core::Error. A Writer is not thread-safe; separate Writers are.
//
// Size: every distinct character costs one embedded glyph outline (measured, compressed: about
// 160 B in WenQuanYi Zen Hei, 250 B in AR PL UMing), so the number of distinct characters, not the
// amount of text, decides a PDF's size. bench/pdf_bench.cpp prints the figures.
#pragma once

#include "onebook/pdf/fonts.hpp"
#include "onebook/pdf/page_size.hpp"
#include "onebook/pdf/tiling.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace onebook::core::pdf {

struct Color {
    double r = 0, g = 0, b = 0; ///< 0..1
    static constexpr Color hex(unsigned rgb) {
        return {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0};
    }
    bool operator==(const Color&) const = default;
};

namespace colors {
inline constexpr Color black = Color::hex(0x000000);
inline constexpr Color white = Color::hex(0xffffff);
inline constexpr Color grey = Color::hex(0x666666);
inline constexpr Color party_red = Color::hex(0xc8161d); ///< title bands, header rows
inline constexpr Color light_red = Color::hex(0xfbe3e3); ///< alert row background
inline constexpr Color dark_red = Color::hex(0xa00000);  ///< alert row text
inline constexpr Color light_grey = Color::hex(0xf0f0f0);
} // namespace colors

enum class Align { left, center, right, justify };

/// Sizes are in "em": multiples of the document's body size (WriterOptions::body_size), so that
/// fitting a board to its page scales everything together.
struct ParagraphStyle {
    FontRole font = FontRole::body;
    double size = 1.0; ///< em
    Align align = Align::justify;
    double first_indent = 0;   ///< em; Chinese body paragraphs usually use 2
    double line_spacing = 1.5; ///< line height as a multiple of the font size
    double space_before = 0;   ///< em
    double space_after = 0.4;  ///< em
    Color color = colors::black;

    static ParagraphStyle body() { return {.first_indent = 2}; }
    static ParagraphStyle centered(double size = 1.0) { return {.size = size, .align = Align::center}; }
    static ParagraphStyle right(double size = 1.0) { return {.size = size, .align = Align::right}; }
    static ParagraphStyle small() { return {.size = 0.85, .align = Align::left, .color = colors::grey}; }
};

struct TitleOptions {
    double size = 2.2;               ///< em
    bool band = false;               ///< white text on a full-width coloured band (boards)
    Color color = colors::party_red; ///< text colour, or band colour when band = true
    Color band_text = colors::white;
    double space_after = 0.8; ///< em
    bool outline = false;     ///< also a level-1 bookmark
};

struct ImageOptions {
    double max_width = 0;  ///< points; 0 = the text frame width
    double max_height = 0; ///< points; 0 = the text frame height
    Align align = Align::center;
    std::string caption{}; ///< drawn under the image, small and centred
    bool upscale = false;  ///< small images keep their natural size (72 dpi) unless set
};

/// How a table row looks. `alert` is for overdue rectification items: tinted background and dark red text.
enum class RowStyle { normal, alert, muted, emphasis };

struct Column {
    std::string title{};
    double weight = 1; ///< relative width
    Align align = Align::left;
};

struct TableRow {
    std::vector<std::string> cells{}; ///< one per column; '\n' breaks a line; missing cells are empty
    RowStyle style = RowStyle::normal;
};

struct Table {
    std::vector<Column> columns{};
    std::vector<TableRow> rows{};
    bool header = true;    ///< draw the header row (repeated at the top of every page)
    double size = 1.0;     ///< em
    double padding = 0.35; ///< em, inside each cell
    Color header_fill = colors::party_red;
    Color header_text = colors::white;
    bool zebra = false; ///< light grey every other row
    /// Extra vertical padding may be added to every row so that a fitted one-page board fills its page.
    bool stretch = true;
};

/// What a page decorator is told about the page it decorates.
struct PageInfo {
    int index = 0;         ///< 1-based physical page
    int count = 0;         ///< physical pages in the document
    int number = 0;        ///< displayed page number; 0 on front matter (see Writer::restart_page_numbers)
    int last_number = 0;   ///< displayed number of the last page of this numbering run ("共 N 页")
    std::string section{}; ///< text of the last level-1 heading started on or before this page
    PageSize size{};
};

/// Draws running headers/footers. Slots are the top and bottom margins of the page.
class PageDecor {
public:
    enum class Slot { header, footer };
    virtual ~PageDecor() = default;
    /// Text in a margin, aligned left/center/right inside the text frame; size in em.
    virtual void text(Slot slot, Align align, const std::string& text, double size = 0.8, Color color = colors::grey) = 0;
    /// A thin line across the text frame at the inner edge of the margin.
    virtual void rule(Slot slot, Color color = colors::grey) = 0;
};

using Decorator = std::function<void(PageDecor&, const PageInfo&)>;

/// "第 {page} 页 共 {pages} 页" centred in the footer (the placeholders are replaced); pages
/// whose displayed number is ≤ 0, or whose index is ≤ skip_first, get no footer.
Decorator page_number_footer(std::string format = "第 {page} 页 共 {pages} 页", Align align = Align::center, int skip_first = 0);

enum class FitMode {
    none,    ///< fixed sizes; content flows over as many pages as it needs
    one_page ///< find the largest body size (within the limits) that keeps all content on one page
};

struct WriterOptions {
    PageSize page{};
    double margin_mm = 15; ///< all four sides (large boards: set larger)
    FontOptions fonts{};
    double body_size = 10.5; ///< points (五号)
    Decorator decorate{};    ///< optional running header/footer
    FitMode fit = FitMode::none;
    double fit_min_size = 7;                  ///< points; smaller would be unreadable: Error instead
    double fit_max_size = 0;                  ///< points; 0 = the page's shorter side / 25
    std::string title{}, author{}, subject{}; ///< PDF document information
};

/// One entry of the table of contents / outline, with its final page.
struct OutlineEntry {
    std::string text{};
    int level = 1;
    int page_index = 0;  ///< 1-based physical page
    int page_number = 0; ///< displayed number
};

/// What layout() found.
struct LayoutSummary {
    int pages = 0;
    double body_size = 0; ///< points actually used (after fitting)
    std::vector<OutlineEntry> outline{};
};

class Writer {
public:
    explicit Writer(WriterOptions options = {});
    ~Writer();
    Writer(Writer&&) noexcept;
    Writer& operator=(Writer&&) noexcept;
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    const WriterOptions& options() const;

    /// Large centred title (cover, board title); optionally on a coloured band.
    void title(const std::string& text, const TitleOptions& options = {});
    /// Section heading in the heading face, level 1–3. Kept with what follows it.
    /// add_to_outline: a PDF bookmark (nested by level) and an entry in table_of_contents().
    void heading(const std::string& text, int level = 1, bool add_to_outline = true);
    void paragraph(const std::string& text, const ParagraphStyle& style = ParagraphStyle::body());
    /// Key–value header fields ("党组织：…") in a grid of `columns` columns; values wrap.
    void fields(const std::vector<std::pair<std::string, std::string>>& items, int columns = 2, double size = 1.0);
    /// A table: wrapping cells, split across pages with the header row repeated.
    void table(const Table& table);
    /// A PNG or JPEG image scaled to fit (never distorted); starts a new page when it does not fit.
    void image(const std::filesystem::path& file, const ImageOptions& options = {});
    /// Vertical space (em). Dropped at the top of a page the flow ran onto, kept after page_break().
    void spacer(double em = 1.0);
    /// A thin horizontal line across the text frame.
    void rule(Color color = colors::grey, double width_pt = 0.5);
    void page_break();
    /// Starts a new page (unless at the top of an empty one) whose displayed number is `first`.
    /// Pages before the first restart are front matter (cover, contents): their PageInfo::number is 0,
    /// so page_number_footer() leaves them without a footer.
    void restart_page_numbers(int first = 1);
    /// A bookmark (and TOC entry) pointing at the current position, without visible text.
    void outline(const std::string& text, int level = 1, bool in_toc = true);
    /// Placeholder for the table of contents: entries of levels ≤ max_level with their final
    /// displayed page numbers, dotted leaders, clickable. Takes as many pages as it needs.
    void table_of_contents(const std::string& heading = "目录", int max_level = 2);
    /// A dashed circle with 盖章 inside, for the seal; diameter in em.
    void seal(double diameter = 8, Align align = Align::right, const std::string& label = "盖章");
    /// Right-aligned signature lines (issuing organisation, date) with the seal placeholder drawn
    /// over them when `with_seal` (as seals are stamped over the date on Chinese documents).
    void signature(const std::vector<std::string>& lines, bool with_seal = true, double size = 1.0);

    /// Lays out all blocks recorded so far (cheap to call again). Throws Error, e.g. when a
    /// one-page fit is impossible even at fit_min_size.
    LayoutSummary layout();

    /// Renders and writes the PDF atomically (temporary file in the same folder, then rename).
    void save(const std::filesystem::path& file);
    /// Renders every page onto sheets (see tiling.hpp) and writes them atomically.
    TileGrid save_tiled(const std::filesystem::path& file, const TileOptions& tiles = {});
    /// The PDF bytes, as save() would write them.
    std::string render();

    struct Impl; ///< opaque; named here only so the layout code in writer.cpp can refer to it

private:
    std::unique_ptr<Impl> m;
};

} // namespace onebook::core::pdf
