// Paper sizes for boards and books: ISO A0–A4, custom centimetre/millimetre sizes, orientation.
// All geometry in PDF points (1/72 inch); libharu accepts page sides of 3–14400 pt.
#pragma once

#include <string>
#include <string_view>

namespace onebook::core::pdf {

enum class Orientation { portrait, landscape };

constexpr double mm_to_pt(double mm) { return mm * 72.0 / 25.4; }
constexpr double pt_to_mm(double pt) { return pt * 25.4 / 72.0; }

/// libharu's limits for a page side (HPDF_MIN/MAX_PAGE_WIDTH/HEIGHT).
constexpr double min_page_side_pt = 3;
constexpr double max_page_side_pt = 14400;

/// "portrait"/"landscape" (also 纵向/竖版 and 横向/横版); throws Error for anything else.
Orientation parse_orientation(std::string_view text);
const char* to_string(Orientation o); ///< "portrait" / "landscape"

/// A page size in points. Named ISO sizes use the usual rounded point values
/// (A4 595×842, A3 842×1191, A2 1191×1684, A1 1684×2384, A0 2384×3370).
struct PageSize {
    double width = 595;      ///< points
    double height = 842;     ///< points
    std::string name = "A4"; ///< "A4", "120x90cm": what the user asked for, for messages and file names

    /// A0, A1, A2, A3, A4, A5 (case-insensitive), portrait. Throws Error for other names.
    static PageSize iso(std::string_view name);
    static PageSize a4() { return iso("A4"); }
    static PageSize from_mm(double width_mm, double height_mm, std::string name = {});
    /// "A4", "a1", "120x90cm", "120×90cm", "1200x900mm", "120x90" (centimetres). Width first.
    /// Throws Error naming the text when it cannot be read or a side is outside 3–14400 pt.
    static PageSize parse(std::string_view text);

    /// The same paper turned so that width ≥ height (landscape) or width ≤ height (portrait).
    PageSize with_orientation(Orientation o) const;
    Orientation orientation() const { return width > height ? Orientation::landscape : Orientation::portrait; }
    /// "A4 横向（297×210 mm）" for messages and reports.
    std::string describe() const;
};

} // namespace onebook::core::pdf
