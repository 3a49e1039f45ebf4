// One home for tabular output: a typed table (columns with a key, a Chinese header msgid and a
// type; rows of typed values) and the renderers every list uses — the terminal table, JSON
// (Poco::JSON), CSV as Excel and WPS open it, and real .xlsx workbooks (libxlsxwriter). Lists are
// built once (tables.hpp) and rendered by any of these, so the formats cannot disagree.
// Headers, titles and enumerated cell values are msgids: the application translates them with
// localise() before rendering, as it does every message.
#pragma once

#include "onebook/date.hpp"
#include "onebook/error.hpp"
#include "onebook/utf8.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <variant>
#include <vector>

namespace onebook::archive {

enum class CellType { Text, Integer, Number, Date };

/// "text", "integer", "number", "date" (stable: used in the JSON form).
const char* to_string(CellType t);

struct Column {
    std::string key;    ///< stable machine name (JSON member), e.g. "join_date"
    std::string header; ///< Simplified Chinese msgid, e.g. "入党时间"
    CellType type = CellType::Text;
    bool translate = false; ///< the column's text values are msgids (statuses, kinds)
    int decimals = -1;      ///< Number columns: digits shown in spreadsheets (-1: as needed)
};

/// A cell: empty, text, whole number, number or date. The column's type says which is expected.
using Value = std::variant<std::monostate, std::string, long long, double, core::Date>;

/// Helpers that turn optional data into cells (empty when absent).
Value date_value(const std::optional<core::Date>& d);
Value text_value(const std::string& s);

/// One logical table: one sheet of a workbook, one JSON object, one block of CSV.
struct Table {
    std::string key;          ///< stable id, e.g. "roster" (JSON "key", default sheet name)
    core::Message title;      ///< msgid + parameters, e.g. "党员名册"
    std::string sheet;        ///< sheet name msgid (≤ 31 characters); the title's key when empty
    std::string organisation; ///< shown in the title row
    core::Date date;          ///< as of (the title row, JSON "date")
    std::vector<Column> columns;
    std::vector<std::vector<Value>> rows;
    std::vector<core::Message> notes; ///< lines below the table (totals, checks), translated like titles
    /// Cells whose whole text is a key get that fill colour (0xRRGGBB) in spreadsheets, e.g. 违规 red.
    /// Keys are msgids of translated columns (localise translates them too).
    std::vector<std::pair<std::string, std::uint32_t>> highlight;

    /// Index of the column `key`; throws std::out_of_range when absent.
    std::size_t column(const std::string& key) const;
    /// Appends a row; throws Error when its length differs from the columns'.
    void add_row(std::vector<Value> row);
};

/// Translation of msgids and messages, supplied by the application.
struct Translator {
    std::function<std::string(const std::string&)> text;
    std::function<std::string(const core::Message&)> message;
};

/// A copy of `t` with its title, sheet name, headers, notes and translated columns' values in the
/// user's language; titles and notes have their parameters filled in. Without a translator
/// the msgids stay and only the parameters are substituted.
Table localise(const Table& t, const Translator& tr = {});
std::vector<Table> localise(const std::vector<Table>& tables, const Translator& tr = {});

/// The value as displayed in text, CSV and the clipboard: dates ISO, numbers without trailing zeros.
std::string display_text(const Value& v, const Column& c);

// ---- renderers (take localised tables) ----

/// The terminal's table: title line, header, a rule, the rows, then the notes; tables separated
/// by a blank line. `with_title` false leaves out the title line of a single table.
void render_text(std::ostream& out, const std::vector<Table>& tables, bool with_title = true);

/// JSON. A single table: {"key","title","organisation","date","columns":[{"key","header","type"}],
/// "rows":[{key: value…}],"notes":[…]}; several: {"title","organisation","date","tables":[…]}.
/// Integers and numbers are JSON numbers, dates "YYYY-MM-DD", empty cells null.
std::string render_json(const std::vector<Table>& tables);

/// CSV as Excel and WPS open it: UTF-8 with BOM, CRLF, RFC 4180 quoting. A text cell that starts
/// with = + - @ tab or CR gets a leading apostrophe so no spreadsheet runs it as a formula.
/// One table: the header row and the rows. Several: each preceded by its title, a blank line between.
std::string render_csv(const std::vector<Table>& tables);

/// Tab-separated text for the clipboard (paste into Excel keeps the columns): header and rows,
/// tabs and line breaks inside cells replaced by spaces, lines ended by CRLF.
std::string render_tsv(const Table& table);

/// Writes an .xlsx workbook (atomically): one sheet per table, a title row with the organisation,
/// the title and the date, a bold header row frozen under it, column widths that fit CJK text,
/// dates as dates, numbers as numbers, A4 landscape with the header row repeated on every printed
/// page and page numbers in the footer. Throws Error naming the file when it cannot be written.
void render_xlsx(const std::vector<Table>& tables, const std::filesystem::path& out);

/// The output formats of lists.
enum class TableFormat { Text, Json, Csv, Xlsx };
/// Accepts "table", "text", "json", "csv", "xlsx"; throws Error naming the value otherwise.
TableFormat parse_table_format(const std::string& text);
/// The format a file name implies (".xlsx", ".csv", ".json"), or `fallback`.
TableFormat format_for_path(const std::filesystem::path& path, TableFormat fallback);

/// Writes `tables` (already localised) to the file in `format` (text, JSON and CSV atomically too).
void write_tables(const std::vector<Table>& tables, TableFormat format, const std::filesystem::path& out);

/// Terminal display width of UTF-8 text (East Asian wide characters count 2): core's.
using core::display_width;

} // namespace onebook::archive
