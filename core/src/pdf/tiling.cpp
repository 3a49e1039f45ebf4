#include "onebook/pdf/tiling.hpp"

#include "onebook/error.hpp"

#include <cmath>

namespace onebook::core::pdf {

namespace {

TileGrid plan_for(const PageSize& board, PageSize sheet, const TileOptions& o) {
    TileGrid g;
    g.sheet = sheet;
    double margin = mm_to_pt(o.margin_mm), overlap = mm_to_pt(o.overlap_mm);
    g.tile_width = sheet.width - 2 * margin;
    g.tile_height = sheet.height - 2 * margin;
    if (g.tile_width <= overlap * 2 || g.tile_height <= overlap * 2 || overlap < 0)
        throw Error("拼贴设置不合理：纸张 {sheet} 减去页边距 {margin} 毫米后放不下 {overlap} 毫米的重叠",
                    {{"sheet", sheet.describe()},
                     {"margin", std::to_string(int(o.margin_mm))},
                     {"overlap", std::to_string(int(o.overlap_mm))}},
                    {{}, {}, "tile"});
    g.step_x = g.tile_width - overlap;
    g.step_y = g.tile_height - overlap;
    auto count = [](double total, double tile, double step) {
        if (total <= tile + 1e-6) return 1;
        return 1 + int(std::ceil((total - tile) / step - 1e-9));
    };
    g.columns = count(board.width, g.tile_width, g.step_x);
    g.rows = count(board.height, g.tile_height, g.step_y);
    return g;
}

} // namespace

TileGrid plan_tiles(const PageSize& board, const TileOptions& options) {
    if (options.orientation) return plan_for(board, options.sheet.with_orientation(*options.orientation), options);
    auto portrait = plan_for(board, options.sheet.with_orientation(Orientation::portrait), options);
    auto landscape = plan_for(board, options.sheet.with_orientation(Orientation::landscape), options);
    return landscape.sheets() < portrait.sheets() ? landscape : portrait;
}

} // namespace onebook::core::pdf
