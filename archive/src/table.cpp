#include "onebook/archive/table.hpp"
#include "onebook/atomic_file.hpp"
#include "onebook/json_text.hpp"
#include "onebook/platform.hpp"
#include "onebook/utf8.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace onebook::archive {

namespace fs = std::filesystem;

const char* to_string(CellType t) {
    switch (t) {
    case CellType::Text: return "text";
    case CellType::Integer: return "integer";
    case CellType::Number: return "number";
    case CellType::Date: return "date";
    }
    return "text";
}

Value date_value(const std::optional<core::Date>& d) {
    if (d && d->valid()) return *d;
    return std::monostate{};
}

Value text_value(const std::string& s) {
    if (s.empty()) return std::monostate{};
    return s;
}

std::size_t Table::column(const std::string& k) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].key == k) return i;
    throw std::out_of_range("no column " + k + " in table " + key);
}

void Table::add_row(std::vector<Value> row) {
    if (row.size() != columns.size())
        throw core::Error(OB_N("表格“{table}”的一行有 {cells} 格，应为 {columns} 格"),
                          {{"table", key}, {"cells", std::to_string(row.size())}, {"columns", std::to_string(columns.size())}});
    rows.push_back(std::move(row));
}

namespace {

std::string tr_text(const Translator& tr, const std::string& s) { return tr.text && !s.empty() ? tr.text(s) : s; }
std::string tr_message(const Translator& tr, const core::Message& m) {
    if (tr.message) return tr.message(m);
    return core::substitute(m.key, m.params);
}

std::string number_text(double v, int decimals) {
    char buf[64];
    if (decimals >= 0) {
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
        return buf;
    }
    if (std::fabs(v - std::round(v)) < 1e-9) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

Table localise(const Table& t, const Translator& tr) {
    Table out = t;
    out.title = {tr_message(tr, t.title), {}};
    out.sheet = tr_text(tr, t.sheet.empty() ? t.title.key : t.sheet);
    for (auto& c : out.columns) c.header = tr_text(tr, c.header);
    for (auto& n : out.notes) n = {tr_message(tr, n), {}};
    for (auto& h : out.highlight) h.first = tr_text(tr, h.first);
    for (std::size_t c = 0; c < out.columns.size(); ++c) {
        if (!out.columns[c].translate) continue;
        for (auto& r : out.rows)
            if (auto* s = std::get_if<std::string>(&r[c])) *s = tr_text(tr, *s);
    }
    return out;
}

std::vector<Table> localise(const std::vector<Table>& tables, const Translator& tr) {
    std::vector<Table> out;
    for (const auto& t : tables) out.push_back(localise(t, tr));
    return out;
}

std::string display_text(const Value& v, const Column& c) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return number_text(*d, c.decimals);
    if (auto* d = std::get_if<core::Date>(&v)) return d->valid() ? d->iso() : "";
    return "";
}

// ---------------------------------------------------------------- text

void render_text(std::ostream& out, const std::vector<Table>& tables, bool with_title) {
    bool first = true;
    for (const auto& t : tables) {
        if (!first) out << "\n";
        if ((with_title || tables.size() > 1) && !t.title.key.empty()) out << t.title.key << "\n";
        first = false;
        std::vector<int> widths(t.columns.size(), 0);
        std::vector<std::vector<std::string>> cells;
        std::vector<std::string> header;
        for (const auto& c : t.columns) header.push_back(c.header);
        cells.push_back(header);
        for (const auto& r : t.rows) {
            std::vector<std::string> line;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                std::string s = display_text(r[c], t.columns[c]);
                std::replace(s.begin(), s.end(), '\n', ' ');
                line.push_back(core::clip_to_width(s, 48)); // the terminal only: files keep long texts whole
            }
            cells.push_back(line);
        }
        for (const auto& line : cells)
            for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], display_width(line[c]));
        auto print = [&](const std::vector<std::string>& line) {
            std::string s;
            for (std::size_t c = 0; c < widths.size(); ++c) {
                s += line[c];
                if (c + 1 < widths.size()) s += std::string(widths[c] - display_width(line[c]) + 2, ' ');
            }
            while (!s.empty() && s.back() == ' ') s.pop_back();
            out << s << "\n";
        };
        print(cells[0]);
        std::vector<std::string> rule;
        for (int w : widths) rule.push_back(std::string(w, '-'));
        print(rule);
        for (std::size_t i = 1; i < cells.size(); ++i) print(cells[i]);
        for (const auto& n : t.notes) out << n.key << "\n";
    }
}

// ---------------------------------------------------------------- JSON

namespace {

Poco::Dynamic::Var json_value(const Value& v, const Column& c) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<long long>(&v)) return static_cast<Poco::Int64>(*i);
    if (auto* d = std::get_if<double>(&v)) {
        // Rounded as shown, so JSON and the sheet say the same number.
        if (c.decimals >= 0) return std::stod(number_text(*d, c.decimals));
        return *d;
    }
    if (auto* d = std::get_if<core::Date>(&v)) return d->valid() ? Poco::Dynamic::Var(d->iso()) : Poco::Dynamic::Var();
    return Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr table_json(const Table& t) {
    auto o = core::json_object();
    o->set("key", t.key);
    o->set("title", t.title.key);
    o->set("organisation", t.organisation);
    o->set("date", t.date.valid() ? Poco::Dynamic::Var(t.date.iso()) : Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr cols = new Poco::JSON::Array;
    for (const auto& c : t.columns) {
        auto col = core::json_object();
        col->set("key", c.key);
        col->set("header", c.header);
        col->set("type", std::string(to_string(c.type)));
        cols->add(col);
    }
    o->set("columns", cols);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& r : t.rows) {
        auto row = core::json_object();
        for (std::size_t c = 0; c < t.columns.size(); ++c) row->set(t.columns[c].key, json_value(r[c], t.columns[c]));
        rows->add(row);
    }
    o->set("rows", rows);
    Poco::JSON::Array::Ptr notes = new Poco::JSON::Array;
    for (const auto& n : t.notes) notes->add(n.key);
    o->set("notes", notes);
    return o;
}

} // namespace

std::string render_json(const std::vector<Table>& tables) {
    std::ostringstream out;
    if (tables.size() == 1) {
        core::write_json(out, table_json(tables.front()));
    } else {
        auto o = core::json_object();
        o->set("title", tables.empty() ? std::string() : tables.front().title.key);
        o->set("organisation", tables.empty() ? std::string() : tables.front().organisation);
        o->set("date", !tables.empty() && tables.front().date.valid() ? Poco::Dynamic::Var(tables.front().date.iso())
                                                                      : Poco::Dynamic::Var());
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& t : tables) list->add(table_json(t));
        o->set("tables", list);
        core::write_json(out, o);
    }
    out << "\n";
    return out.str();
}

// ---------------------------------------------------------------- CSV and TSV

namespace {

/// Text a spreadsheet would run as a formula (or as DDE) gets a leading apostrophe.
std::string neutralise(const std::string& s) {
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) return "'" + s;
    return s;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char ch : s) {
        if (ch == '"') q += '"';
        q += ch;
    }
    return q + "\"";
}

std::string csv_cell(const Value& v, const Column& c) {
    std::string s = display_text(v, c);
    // Only text is neutralised: a number column's -3 is a number, not a formula.
    if (std::holds_alternative<std::string>(v)) s = neutralise(s);
    return csv_field(s);
}

} // namespace

std::string render_csv(const std::vector<Table>& tables) {
    std::string out = "\xEF\xBB\xBF";
    bool first = true;
    for (const auto& t : tables) {
        if (tables.size() > 1) {
            if (!first) out += "\r\n";
            out += csv_field(neutralise(t.title.key)) + "\r\n";
        }
        first = false;
        for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_field(neutralise(t.columns[c].header));
        out += "\r\n";
        for (const auto& r : t.rows) {
            for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_cell(r[c], t.columns[c]);
            out += "\r\n";
        }
        if (tables.size() > 1)
            for (const auto& n : t.notes) out += csv_field(neutralise(n.key)) + "\r\n";
    }
    return out;
}

std::string render_tsv(const Table& t) {
    auto clean = [](std::string s) {
        for (auto& ch : s)
            if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
        return s;
    };
    std::string out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "\t" : "") + clean(t.columns[c].header);
    out += "\r\n";
    for (const auto& r : t.rows) {
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            std::string s = clean(display_text(r[c], t.columns[c]));
            if (std::holds_alternative<std::string>(r[c])) s = neutralise(s);
            out += (c ? "\t" : "") + s;
        }
        out += "\r\n";
    }
    return out;
}

// ---------------------------------------------------------------- xlsx

namespace {

/// Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook.
std::string sheet_name(std::string name, std::set<std::string>& used) {
    for (auto& ch : name)
        if (std::string("[]:*?/\\").find(ch) != std::string::npos) ch = '_';
    if (name.empty()) name = "Sheet";
    auto cut = [](const std::string& s, std::size_t chars) {
        std::size_t n = 0, i = 0;
        for (; i < s.size() && n < chars; ++n) {
            auto c = static_cast<unsigned char>(s[i]);
            i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        }
        return s.substr(0, std::min(i, s.size()));
    };
    name = cut(name, 31);
    std::string base = name;
    for (int k = 2; used.count(name); ++k) name = cut(base, 27) + " (" + std::to_string(k) + ")";
    used.insert(name);
    return name;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (auto nl = s.find('\n'); nl != std::string::npos; nl = s.find('\n', at)) {
        out.push_back(s.substr(at, nl - at));
        at = nl + 1;
    }
    out.push_back(s.substr(at));
    return out;
}

struct Xlsx {
    lxw_workbook* wb = nullptr;
    ~Xlsx() {
        // Only reached on a failure before workbook_close: free without writing.
        if (wb) lxw_workbook_free(wb);
    }
};

[[noreturn]] void xlsx_failed(const fs::path& out, const std::string& reason) {
    throw core::Error(OB_N("无法写入 {file}：{reason}"), {{"file", out.string()}, {"reason", reason}}, {out.string(), {}, {}});
}

/// The workbook's cell formats, added in a fixed order (number formats as first needed).
struct XlsxFormats {
    explicit XlsxFormats(lxw_workbook* book) : wb(book) {
        title = workbook_add_format(wb);
        format_set_bold(title);
        format_set_font_size(title, 14);
        format_set_align(title, LXW_ALIGN_CENTER);
        format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
        head = workbook_add_format(wb);
        format_set_bold(head);
        format_set_border(head, LXW_BORDER_THIN);
        format_set_bg_color(head, 0xE7E6E6);
        format_set_align(head, LXW_ALIGN_CENTER);
        format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(head);
        text = workbook_add_format(wb);
        format_set_border(text, LXW_BORDER_THIN);
        format_set_text_wrap(text);
        format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
        integer = workbook_add_format(wb);
        format_set_border(integer, LXW_BORDER_THIN);
        format_set_num_format(integer, "0");
        format_set_align(integer, LXW_ALIGN_VERTICAL_TOP);
        date = workbook_add_format(wb);
        format_set_border(date, LXW_BORDER_THIN);
        format_set_num_format(date, "yyyy-mm-dd");
        format_set_align(date, LXW_ALIGN_LEFT);
        format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
        note = workbook_add_format(wb);
        format_set_italic(note);
    }

    lxw_format* number(int decimals) {
        auto it = numbers.find(decimals);
        if (it != numbers.end()) return it->second;
        lxw_format* f = workbook_add_format(wb);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(f, decimals < 0 ? "General" : decimals == 0 ? "0" : ("0." + std::string(decimals, '0')).c_str());
        return numbers[decimals] = f;
    }

    lxw_workbook* wb;
    lxw_format *title, *head, *text, *integer, *date, *note;
    std::map<int, lxw_format*> numbers;
};

/// A sheet holds 1 048 576 rows: a longer table continues on sheets "名称 (2)", "名称 (3)"…,
/// each with the title and header rows; the notes go under the last part.
std::vector<Table> sheet_parts(const std::vector<Table>& tables) {
    constexpr std::size_t max_rows = 1048576 - 2 - 64;
    std::vector<Table> parts;
    for (const auto& t : tables) {
        if (t.rows.size() <= max_rows) {
            parts.push_back(t);
            continue;
        }
        for (std::size_t at = 0; at < t.rows.size(); at += max_rows) {
            Table part;
            part.key = t.key;
            part.title = t.title;
            part.sheet = t.sheet.empty() ? t.key : t.sheet;
            part.organisation = t.organisation;
            part.date = t.date;
            part.columns = t.columns;
            part.rows.assign(t.rows.begin() + static_cast<long>(at),
                             t.rows.begin() + static_cast<long>(std::min(at + max_rows, t.rows.size())));
            if (at + max_rows >= t.rows.size()) part.notes = t.notes;
            parts.push_back(std::move(part));
        }
    }
    return parts;
}

/// Widths first (headers and the widest cell, capped), then each row as tall as its wrapped
/// text: spreadsheets do not grow rows for wrapped text on their own when reading a file.
class ColumnFit {
public:
    explicit ColumnFit(const Table& t) : widths(t.columns.size(), 4) {
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            widths[c] = std::max(widths[c], std::min(units(t.columns[c].header), 12));
        for (const auto& r : t.rows)
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                int w = 0;
                if (std::holds_alternative<core::Date>(r[c])) w = 10;
                else
                    for (const auto& part : split_lines(display_text(r[c], t.columns[c]))) w = std::max(w, units(part));
                widths[c] = std::max(widths[c], std::min(w, 30)); // 30 columns: 15 Chinese characters
            }
    }

    /// A Chinese character is a little wider than two digits in spreadsheet fonts: 15 % more room.
    static int units(const std::string& text) { return (display_width(text) * 23 + 19) / 20; }

    int lines_of(const std::string& text, std::size_t c) const {
        int lines = 0;
        for (const auto& part : split_lines(text)) lines += std::max(1, (units(part) + widths[c] - 1) / widths[c]);
        return std::max(lines, 1);
    }

    static void fit_row(lxw_worksheet* ws, lxw_row_t at, int lines) {
        if (lines > 1) worksheet_set_row(ws, at, 15.0 * std::min(lines, 25), nullptr);
    }

    std::vector<int> widths;
};

/// Title row: organisation, title, date (one merged cell across the table).
void write_title(lxw_worksheet* ws, const Table& t, lxw_col_t ncols, lxw_format* fmt) {
    std::string title = t.organisation;
    if (!t.title.key.empty()) title += (title.empty() ? "" : "  ") + t.title.key;
    if (t.date.valid()) title += (title.empty() ? "" : "  ") + t.date.iso();
    if (ncols > 1) worksheet_merge_range(ws, 0, 0, 0, ncols - 1, title.c_str(), fmt);
    else worksheet_write_string(ws, 0, 0, title.c_str(), fmt);
    worksheet_set_row(ws, 0, 24, nullptr);
}

/// Writes one row's cells; returns how many lines its tallest text cell needs.
int write_cells(lxw_worksheet* ws, lxw_row_t row, const Table& t, const std::vector<Value>& r, XlsxFormats& fmts,
                const ColumnFit& fit) {
    int lines = 1;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const auto& v = r[c];
        if (auto* s = std::get_if<std::string>(&v)) {
            worksheet_write_string(ws, row, col, s->c_str(), fmts.text);
            lines = std::max(lines, fit.lines_of(*s, c));
        } else if (auto* i = std::get_if<long long>(&v)) {
            worksheet_write_number(ws, row, col, static_cast<double>(*i), fmts.integer);
        } else if (auto* d = std::get_if<double>(&v)) {
            worksheet_write_number(ws, row, col, *d, fmts.number(t.columns[c].decimals));
        } else if (auto* date_cell = std::get_if<core::Date>(&v); date_cell && date_cell->valid()) {
            lxw_datetime dt{date_cell->year(), date_cell->month(), date_cell->day(), 0, 0, 0};
            worksheet_write_datetime(ws, row, col, &dt, fmts.date);
        } else {
            worksheet_write_blank(ws, row, col, fmts.text);
        }
    }
    return lines;
}

/// Cells equal to a highlighted text get its colour (rows 2 to `last`).
void add_highlights(lxw_workbook* wb, lxw_worksheet* ws, const Table& t, lxw_row_t last, lxw_col_t ncols) {
    for (const auto& [text, colour] : t.highlight) {
        if (t.rows.empty()) break;
        lxw_format* fill = workbook_add_format(wb);
        format_set_bg_color(fill, static_cast<lxw_color_t>(colour));
        std::string quoted = "\"" + text + "\"";
        lxw_conditional_format cf{};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = quoted.data();
        cf.format = fill;
        worksheet_conditional_format_range(ws, 2, 0, last, ncols - 1, &cf);
    }
}

/// Landscape A4, the header repeated, one page wide, page numbers in the footer.
void set_page(lxw_worksheet* ws) {
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); // A4
    worksheet_repeat_rows(ws, 1, 1);
    worksheet_fit_to_pages(ws, 1, 0); // as wide as one page, as many pages down as it takes
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    std::string footer = "&C&P / &N";
    worksheet_set_footer(ws, footer.c_str());
}

void write_sheet(lxw_workbook* wb, XlsxFormats& fmts, const Table& t, std::set<std::string>& used, const fs::path& out) {
    std::string name = sheet_name(t.sheet.empty() ? t.key : t.sheet, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) xlsx_failed(out, "worksheet " + name);
    const auto ncols = static_cast<lxw_col_t>(std::max<std::size_t>(t.columns.size(), 1));
    write_title(ws, t, ncols, fmts.title);
    const ColumnFit fit(t);
    int header_lines = 1;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), fmts.head);
        header_lines = std::max(header_lines, fit.lines_of(t.columns[c].header, c));
    }
    ColumnFit::fit_row(ws, 1, header_lines);
    lxw_row_t row = 2;
    for (const auto& r : t.rows) {
        ColumnFit::fit_row(ws, row, write_cells(ws, row, t, r, fmts, fit));
        ++row;
    }
    add_highlights(wb, ws, t, row - 1, ncols);
    for (const auto& n : t.notes) worksheet_write_string(ws, ++row, 0, n.key.c_str(), fmts.note);
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), fit.widths[c] + 2.0, nullptr);
    set_page(ws);
    if (!t.rows.empty())
        worksheet_autofilter(ws, 1, 0, row - (t.notes.empty() ? 1 : static_cast<lxw_row_t>(t.notes.size()) + 1), ncols - 1);
}

/// A folder of its own beside the target, removed with everything in it when done.
struct XlsxFolder {
    explicit XlsxFolder(const fs::path& out) {
        static std::atomic<unsigned> counter{0};
        path = (out.has_parent_path() ? out.parent_path() : fs::path(".")) /
               (".onebook-xlsx-" + std::to_string(core::platform::process_id()) + "-" + std::to_string(counter++));
        fs::create_directory(path, ec);
    }
    ~XlsxFolder() {
        std::error_code e;
        fs::remove_all(path, e);
    }
    fs::path path;
    std::error_code ec;
};

} // namespace

void render_xlsx(const std::vector<Table>& tables, const fs::path& out) {
    // libxlsxwriter opens its files by narrow name (the ANSI code page on Windows): it writes in a
    // folder of its own beside the target, under a name it can open, and the file is renamed into place.
    XlsxFolder folder(out);
    std::string tmpdir = folder.ec ? std::string() : core::platform::c_library_path(folder.path);
    if (tmpdir.empty()) xlsx_failed(out, folder.ec ? folder.ec.message() : "libxlsxwriter");
    auto file = core::AtomicFile::at_temp(folder.path / "book.xlsx");
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = tmpdir.data();
    Xlsx x;
    x.wb = workbook_new_opt((fs::path(tmpdir) / "book.xlsx").string().c_str(), &options);
    if (!x.wb) xlsx_failed(out, "libxlsxwriter");
    XlsxFormats fmts(x.wb);
    std::set<std::string> used;
    for (const auto& t : sheet_parts(tables)) write_sheet(x.wb, fmts, t, used, out);
    if (tables.empty()) workbook_add_worksheet(x.wb, nullptr);
    lxw_error err = workbook_close(x.wb);
    x.wb = nullptr;                                               // closed (and freed) whatever the result
    if (err != LXW_NO_ERROR) xlsx_failed(out, lxw_strerror(err)); // the AtomicFile removes what was written
    file.commit_as(out);
}

// ---------------------------------------------------------------- formats and files

TableFormat parse_table_format(const std::string& text) {
    if (text.empty() || text == "table" || text == "text") return TableFormat::Text;
    if (text == "json") return TableFormat::Json;
    if (text == "csv") return TableFormat::Csv;
    if (text == "xlsx" || text == "excel") return TableFormat::Xlsx;
    throw core::Error(OB_N("输出格式“{value}”无效，应为 table、json、csv 或 xlsx"), {{"value", text}}, {{}, {}, "format"});
}

TableFormat format_for_path(const fs::path& path, TableFormat fallback) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".xlsx") return TableFormat::Xlsx;
    if (ext == ".csv") return TableFormat::Csv;
    if (ext == ".json") return TableFormat::Json;
    return fallback;
}

void write_tables(const std::vector<Table>& tables, TableFormat format, const fs::path& out) {
    if (format == TableFormat::Xlsx) {
        render_xlsx(tables, out);
        return;
    }
    std::string bytes;
    if (format == TableFormat::Json) bytes = render_json(tables);
    else if (format == TableFormat::Csv) bytes = render_csv(tables);
    else {
        std::ostringstream s;
        render_text(s, tables);
        bytes = s.str();
    }
    core::write_file_atomically(out, bytes);
}

} // namespace onebook::archive
