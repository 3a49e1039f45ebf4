// Boards posted on the wall (公示牌 / 公开栏, DOMAIN.md §6): templates are JSON data
// (templates/boards/*.json, plugins' data/boards/*.json add or override them by id), filled from a
// PublicView only — never from the archive itself — and rendered with the PDF engine at any size
// from A4 to A0 or custom centimetres, fitted to one page, optionally tiled onto A4/A3 sheets.
//
// Template document:
//   { "id": "rectification", "title": "…公示牌", "subtitle": "{organisation}", "description": "…",
//     "source": "《分类定级工作文件汇编》 …", "size": "A1", "orientation": "landscape", "max_body": 12.4,
//     "header": { "columns": 3, "fields": [ { "label": "党组织名称", "value": "{organisation}" }, … ] },
//     "blocks": [ { "type": "heading", "text": "一、…" },
//                 { "type": "paragraph", "text": "…{placeholder}…", "style": "body|small|centered|plain", "size": 1 },
//                 { "type": "fields", "columns": 2, "fields": [ { "label": …, "value": … } ] },
//                 { "type": "table", "source": "rectification", "empty": "…", "limit": 0,
//                   "columns": [ { "key": "issue", "title": "整改事项", "weight": 3, "align": "left" } ] },
//                 { "type": "list", "source": "achievements", "empty": "…" } ],
//     "footer": { "text": [ "…" ], "signature": [ "{issuer}", "{date}" ], "seal": true } }
// The body text is fitted so that the board fills one page, up to "max_body" points on an A4 sheet
// (scaled with the paper: ×1.41 on A3, ×2.83 on A1). "size" (paragraph, fields, table, list) is
// relative to the body. Placeholders are the keys of board_placeholders(); an unknown one is a load error. A value the
// archive does not have is printed as a blank to fill in by hand (and reported in BoardResult).
#pragma once

#include "onebook/pdf/fonts.hpp"
#include "onebook/pdf/page_size.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/public_view.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onebook::core {

struct BoardColumn {
    std::string key; ///< a column of the block's source (see board_sources())
    std::string title;
    double weight = 1;          ///< relative width
    std::string align = "left"; ///< left | center | right
};

struct BoardBlock {
    enum class Kind { Heading, Paragraph, Fields, Table, List };
    Kind kind = Kind::Paragraph;
    std::string text;                                        ///< Heading, Paragraph
    std::string style = "body";                              ///< Paragraph: body | small | centered | plain
    std::string source;                                      ///< Table, List
    std::vector<BoardColumn> columns;                        ///< Table
    std::vector<std::pair<std::string, std::string>> fields; ///< Fields: label, value
    int field_columns = 2;
    std::string empty; ///< Table, List: printed when the source has no rows
    int limit = 0;     ///< Table, List: at most this many rows (0: all)
    double size = 1.0; ///< text size relative to the body (em)
};

struct BoardTemplate {
    std::string id;
    std::string title;
    std::string subtitle;
    std::string description;
    std::string source; ///< where the board's wording comes from (seed and clause)
    std::string file;   ///< file (or plugin contribution) it was loaded from, for messages
    std::string size = "A1";
    std::string orientation = "landscape";
    double max_body = 12.4; ///< largest body size in points on A4, scaled with the paper's shorter side
    std::vector<std::pair<std::string, std::string>> header;
    int header_columns = 3;
    std::vector<BoardBlock> blocks;
    std::vector<std::string> footer_text;
    std::vector<std::string> signature;
    bool seal = true;
};

/// Table/list sources and their column keys.
const std::map<std::string, std::vector<std::string>>& board_sources();
/// Every placeholder a template may use (computed ones and the board setting keys).
const std::vector<std::string>& board_placeholders();

/// Parses and checks one template document; throws Error naming `file` and the field at fault.
BoardTemplate parse_board_template(const std::string& json, const std::string& file);

class BoardTemplates {
public:
    /// ONEBOOK_TEMPLATE_PATH (colon-separated), then <exe>/../templates (build tree) and
    /// <exe>/../share/onebook/templates (install tree). Templates are in their boards/ sub-folder.
    static std::vector<std::filesystem::path> default_dirs();
    /// Shared templates from the first of `dirs` that has a boards/ folder, then the templates
    /// contributed by `plugins` (only by the plugin `sector` when it is given), which override by id.
    static BoardTemplates load(const PluginHost* plugins = nullptr, const std::string& sector = {},
                               const std::vector<std::filesystem::path>& dirs = default_dirs());

    /// Loads every *.json of a folder (sorted); throws Error naming the file that is wrong.
    void load_folder(const std::filesystem::path& boards_dir);
    void load_plugin(const LoadedPlugin& plugin);
    /// Adds or replaces (same id) a template.
    void add(BoardTemplate t);

    const std::vector<BoardTemplate>& all() const { return m_all; }
    const BoardTemplate* find(const std::string& id) const;
    /// Like find(), but throws Error listing the ids there are.
    const BoardTemplate& require(const std::string& id) const;

private:
    std::vector<BoardTemplate> m_all;
};

struct BoardOptions {
    std::optional<pdf::PageSize> size;           ///< default: the template's
    std::optional<pdf::Orientation> orientation; ///< default: the template's
    std::filesystem::path logo;                  ///< PNG or JPEG drawn above the title
    std::optional<pdf::PageSize> tile;           ///< write A4/A3 sheets instead of one large page
    std::optional<pdf::Orientation> tile_orientation;
    double tile_overlap_mm = 10;
    pdf::FontOptions fonts;
    /// Placeholder values that win over the view's (the CLI's --set key=value).
    std::map<std::string, std::string> values;
};

struct BoardResult {
    pdf::PageSize size;     ///< the board's size, orientation applied
    int pages = 0;          ///< board pages (1 unless the content could not fit even at the minimum size)
    int sheets = 0;         ///< sheets written when tiled (0 otherwise)
    int skipped_sheets = 0; ///< sheets of the grid left out: nothing of the board on them
    int tile_columns = 0, tile_rows = 0;
    double body_size = 0;              ///< body text size used, points
    std::uintmax_t bytes = 0;          ///< size of the written file
    std::vector<std::string> unfilled; ///< placeholders printed as blanks
};

/// Placeholder values computed from the view (and its board settings); unset ones are absent.
std::map<std::string, std::string> board_values(const PublicView& view);

/// Renders `t` filled from `view` into `out` (a PDF, written atomically). Throws Error.
BoardResult render_board(const BoardTemplate& t, const PublicView& view, const BoardOptions& options,
                         const std::filesystem::path& out);

} // namespace onebook::core
