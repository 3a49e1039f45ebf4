// Tiling a large board onto A4/A3 sheets an office printer can print: sheets overlap by a
// pasting margin and carry crop marks, alignment crosses and a "row-column" label.
#pragma once

#include "onebook/pdf/page_size.hpp"

#include <optional>

namespace onebook::core::pdf {

struct TileOptions {
    PageSize sheet = PageSize::a4();
    /// Sheet orientation; empty = whichever needs fewer sheets (portrait on a tie).
    std::optional<Orientation> orientation{};
    double overlap_mm = 10; ///< board area printed on both neighbouring sheets (pasting strip)
    double margin_mm = 10;  ///< unprintable border of an office printer, left blank on each sheet
    bool marks = true;      ///< crop marks at the tile corners, alignment crosses, sheet labels
};

/// How a board is cut into sheets: `columns` × `rows` sheets, read left-to-right, top-to-bottom.
/// Each sheet shows a board area of tile_width × tile_height points; consecutive tiles start
/// step_x/step_y apart (tile size minus the overlap).
struct TileGrid {
    PageSize sheet{}; ///< with its orientation applied
    int columns = 0;
    int rows = 0;
    double tile_width = 0; ///< printable area of a sheet, points
    double tile_height = 0;
    double step_x = 0;
    double step_y = 0;
    int skipped = 0; ///< sheets left out when written: no part of the board's content on them
    int sheets() const { return columns * rows; }
    int printed() const { return sheets() - skipped; }
};

/// Plans the grid for a board of size `board`. Throws Error when the overlap does not fit the sheet.
TileGrid plan_tiles(const PageSize& board, const TileOptions& options = {});

} // namespace onebook::core::pdf
