// Private: what layout produces and the renderer draws — pages of absolute drawing operations
// in PDF points (origin bottom-left), plus bookmarks. Text is UTF-8 in one face per operation.
#pragma once

#include "onebook/pdf/line_break.hpp"
#include "onebook/pdf/writer.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace onebook::core::pdf::detail {

struct TextOp {
    int face = 0; ///< index into Document::faces
    double size = 10;
    double x = 0, y = 0; ///< baseline start
    std::string text;
    Color color;
    double char_space = 0;
};
struct RectOp {
    double x = 0, y = 0, w = 0, h = 0;
    bool fill = false;
    Color fill_color;
    bool stroke = false;
    Color stroke_color;
    double line_width = 0.5;
};
struct LineOp {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Color color;
    double width = 0.5;
    double dash_on = 0, dash_off = 0; ///< 0 = solid
    bool round_cap = false;           ///< with a tiny dash_on: dotted leaders
};
struct CircleOp {
    double cx = 0, cy = 0, r = 0;
    Color color;
    double width = 1;
    double dash_on = 0, dash_off = 0;
};
struct ImageOp {
    std::filesystem::path file;
    bool png = true;
    int orientation = 1;               ///< EXIF orientation of a JPEG (1–8)
    double x = 0, y = 0, w = 0, h = 0; ///< displayed box
};
struct LinkOp {
    double x = 0, y = 0, w = 0, h = 0;
    int target_page = 0; ///< 0-based
    double target_y = 0;
};
using Op = std::variant<TextOp, RectOp, LineOp, CircleOp, ImageOp, LinkOp>;

struct PageOut {
    PageSize size;
    std::vector<Op> ops;
};

struct Bookmark {
    std::string text;
    int level = 1;
    int page = 0; ///< 0-based
    double y = 0;
};

struct Document {
    std::vector<FontFace> faces;
    std::vector<PageOut> pages;
    std::vector<Bookmark> bookmarks;
    std::string title, author, subject;
};

/// Renders the document with libharu (subsetting every face to the characters it draws).
/// With `tiles`, every page is cut onto sheets instead and `grid` receives the plan of the last page.
std::string render_pdf(const Document& doc, const TileOptions* tiles = nullptr, TileGrid* grid = nullptr);

/// Pixel size and orientation of a PNG or JPEG; throws Error for anything else.
struct ImageInfo {
    bool png = true;
    int width = 0, height = 0; ///< pixels as stored
    int orientation = 1;       ///< EXIF orientation (JPEG); 5–8 swap width and height on display
};
ImageInfo read_image_info(const std::filesystem::path& file);
/// A PNG decoded to 8-bit gray or RGB samples plus an optional 8-bit alpha plane. PNGs never reach
/// libharu's own reader: libpng aborts the process on broken data there, and libharu mis-draws
/// 16-bit, low-bit-depth transparent and interlaced images. Throws Error naming the file.
struct DecodedImage {
    int width = 0, height = 0;
    int channels = 3;   ///< 1 (gray) or 3 (RGB)
    std::string pixels; ///< width × height × channels bytes, top row first
    std::string alpha;  ///< width × height bytes, or empty when opaque
};
DecodedImage decode_png(const std::filesystem::path& file);

/// Line breaking with a narrower first line and paragraph ends marked (for justification).
struct BrokenLine {
    std::string text;
    bool paragraph_end = false;
};
std::vector<BrokenLine> break_lines_ex(std::string_view text, double width, double first_indent, const AdvanceFn& advance);

/// One broken line as characters of a PreparedText: [begin, end), after `lead` when a widow
/// character was pulled down across spaces dropped at the break.
struct LineSpan {
    static constexpr std::uint32_t no_lead = 0xFFFFFFFF;
    std::uint32_t begin = 0, end = 0;
    std::uint32_t lead = no_lead;
    bool paragraph_end = false;
};

/// A text decoded and cut into unbreakable units once, so that breaking it at another size or
/// width (every pass of a fit) only fills lines. Widths are kept unscaled, one per character.
struct PreparedText {
    std::string source;                 ///< the UTF-8 text
    std::u32string chars;               ///< its characters
    std::vector<std::uint32_t> offsets; ///< byte offset of each character in `source`, then its size
    std::vector<double> advance;        ///< width of each character before scaling ('\n': 0)
    bool faithful = true;               ///< every byte valid UTF-8: a line's text is a slice of `source`
    struct Piece {
        std::uint32_t begin, end; ///< a latin word, a run of spaces, or one other character
    };
    struct Unit {
        std::uint32_t begin, end;             ///< characters
        std::uint32_t first_piece, end_piece; ///< the pieces glued into it, in order
        bool space;
    };
    struct Paragraph {
        std::uint32_t begin, end, first_unit, end_unit;
    };
    std::vector<Piece> pieces;
    std::vector<Unit> units;
    std::vector<Paragraph> paragraphs;

    /// The text of one line, as break_lines_ex returns it.
    std::string text_of(const LineSpan& line) const;
};

/// Decodes `text` and cuts it into units, measuring every character (but '\n') once with `advance`.
PreparedText prepare_text(std::string_view text, const AdvanceFn& advance);
/// Breaks a prepared text where a character is `advance × scale / divisor` wide; the same lines as
/// break_lines_ex with that advance.
std::vector<LineSpan> break_prepared(const PreparedText& text, double scale, double divisor, double width, double first_indent);

} // namespace onebook::core::pdf::detail
