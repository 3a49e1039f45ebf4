// Reading one sheet of an .xlsx workbook (see xlsx_reader.hpp): the part that needs Poco's SAX
// parser. Its own module on Linux (libonebook-dl-xlsxread, see core/CMakeLists.txt), so a process
// that never reads a workbook never maps libPocoXML and libexpat: their classes (DefaultHandler is
// subclassed here) cannot be stood in for by the lazy trampolines, a whole module can.
#include "xlsx_parser.hpp"

#include "onebook/date.hpp"
#include "onebook/error.hpp"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/ContentHandler.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/SAX/XMLReader.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace onebook::core {

namespace {

using Poco::XML::Attributes;
using Poco::XML::XMLChar;
using Poco::XML::XMLString;

[[noreturn]] void damaged(const std::string& file, const std::string& reason) {
    throw Error(OB_N("{file} 不是可读取的 Excel 工作簿（.xlsx）：{reason}"), {{"file", file}, {"reason", reason}},
                {file, {}, {}});
}

std::string attr(const Attributes& a, const std::string& local) {
    for (int i = 0; i < a.getLength(); ++i)
        if (a.getLocalName(i) == local) return a.getValue(i);
    return {};
}

/// Column number (1-based) and row number of a reference such as "B12"; 0 when absent.
std::pair<std::size_t, long> parse_ref(const std::string& ref) {
    std::size_t col = 0, i = 0;
    while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
        col = col * 26 + static_cast<std::size_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
        if (col > 1u << 20) return {0, 0};
        ++i;
    }
    long row = 0;
    while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])) && row < (1L << 30))
        row = row * 10 + (ref[i++] - '0');
    return {col, row};
}

/// Parses XML text with a handler; entity declarations are not expanded beyond expat's guards.
void parse_xml(const std::string& xml, Poco::XML::ContentHandler& handler, const std::string& file, const std::string& part) {
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    try {
        parser.parseMemoryNP(xml.data(), xml.size());
    } catch (const Error&) { throw; } catch (const Poco::Exception& e) {
        damaged(file, part + ": " + e.displayText());
    }
}

/// The zip, with each part read under the size cap.
class Package {
public:
    Package(const std::string& bytes, const std::string& file, const XlsxLimits& limits)
        : m_in(bytes), m_file(file), m_limits(limits) {
        try {
            m_zip = std::make_unique<Poco::Zip::ZipArchive>(m_in);
        } catch (const Poco::Exception& e) { damaged(file, e.displayText()); }
    }
    bool has(const std::string& part) const { return m_zip->findHeader(part) != m_zip->headerEnd(); }
    std::string read(const std::string& part) {
        auto it = m_zip->findHeader(part);
        if (it == m_zip->headerEnd()) damaged(m_file, "missing " + part);
        if (it->second.getUncompressedSize() > m_limits.max_part) too_big(part);
        std::string out;
        try {
            m_in.clear();
            Poco::Zip::ZipInputStream zin(m_in, it->second, true);
            char buf[65536];
            while (zin.read(buf, sizeof buf) || zin.gcount() > 0) {
                out.append(buf, static_cast<std::size_t>(zin.gcount()));
                if (out.size() > m_limits.max_part) too_big(part);
            }
        } catch (const Error&) { throw; } catch (const Poco::Exception& e) {
            damaged(m_file, part + ": " + e.displayText());
        }
        return out;
    }

private:
    [[noreturn]] void too_big(const std::string& part) {
        throw Error(OB_N("工作簿 {file} 中的“{part}”解压后超过 {limit} MB，可能是损坏或恶意的文件，已拒绝"),
                    {{"file", m_file}, {"part", part}, {"limit", std::to_string(m_limits.max_part >> 20)}}, {m_file, {}, {}});
    }
    std::istringstream m_in;
    std::string m_file;
    XlsxLimits m_limits;
    std::unique_ptr<Poco::Zip::ZipArchive> m_zip;
};

/// workbook.xml: sheet names and their relationship ids; the 1904 date system flag.
struct WorkbookHandler : Poco::XML::DefaultHandler {
    std::vector<std::pair<std::string, std::string>> sheets; // name, r:id
    bool date1904 = false;
    void startElement(const XMLString&, const XMLString& local, const XMLString&, const Attributes& a) override {
        if (local == "sheet") sheets.push_back({attr(a, "name"), attr(a, "id")});
        else if (local == "workbookPr") {
            auto v = attr(a, "date1904");
            date1904 = v == "1" || v == "true";
        }
    }
};

/// A .rels part: relationship id → target.
struct RelsHandler : Poco::XML::DefaultHandler {
    std::map<std::string, std::string> targets;
    std::map<std::string, std::string> by_type; // type suffix → target
    void startElement(const XMLString&, const XMLString& local, const XMLString&, const Attributes& a) override {
        if (local != "Relationship") return;
        targets[attr(a, "Id")] = attr(a, "Target");
        auto type = attr(a, "Type");
        by_type[type.substr(type.rfind('/') + 1)] = attr(a, "Target");
    }
};

/// sharedStrings.xml: each <si> is the text of its <t> elements, phonetic runs (<rPh>) left out.
struct SharedStringsHandler : Poco::XML::DefaultHandler {
    SharedStringsHandler(std::size_t limit, std::string file) : m_limit(limit), m_file(std::move(file)) {}
    std::vector<std::string> strings;
    std::size_t m_limit;
    std::string m_file;
    std::string current;
    bool in_t = false;
    int in_rph = 0;
    void startElement(const XMLString&, const XMLString& local, const XMLString&, const Attributes&) override {
        if (local == "si") current.clear();
        else if (local == "rPh") ++in_rph;
        else if (local == "t") in_t = in_rph == 0;
    }
    void endElement(const XMLString&, const XMLString& local, const XMLString&) override {
        if (local == "si") {
            if (strings.size() >= m_limit)
                throw Error(OB_N("工作表中有内容的单元格超过 {limit} 个，已拒绝"), {{"limit", std::to_string(m_limit)}},
                            {m_file, {}, {}});
            strings.push_back(current);
        } else if (local == "rPh") --in_rph;
        else if (local == "t") in_t = false;
    }
    void characters(const XMLChar ch[], int start, int length) override {
        if (in_t) current.append(ch + start, static_cast<std::size_t>(length));
    }
};

bool builtin_date_format(int id) {
    // ECMA-376 §18.8.30: 14–17 and 22 are dates; 27–36 and 50–58 are the CJK date forms.
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/// A custom number format shows a date when, outside quotes, brackets and escapes, it has y or d.
bool custom_date_format(const std::string& code) {
    bool quoted = false;
    int bracket = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (quoted) {
            if (c == '"') quoted = false;
            continue;
        }
        if (c == '"') quoted = true;
        else if (c == '[') ++bracket;
        else if (c == ']') bracket = std::max(0, bracket - 1);
        else if (c == '\\' || c == '_' || c == '*') ++i;
        else if (bracket == 0 && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) return true;
    }
    return false;
}

/// styles.xml: for each cell format index (the s attribute), whether it shows a date.
struct StylesHandler : Poco::XML::DefaultHandler {
    std::map<int, bool> custom_is_date;
    std::vector<bool> xf_is_date;
    bool in_cell_xfs = false;
    void startElement(const XMLString&, const XMLString& local, const XMLString&, const Attributes& a) override {
        if (local == "numFmt") custom_is_date[std::atoi(attr(a, "numFmtId").c_str())] = custom_date_format(attr(a, "formatCode"));
        else if (local == "cellXfs") in_cell_xfs = true;
        else if (local == "xf" && in_cell_xfs) {
            int id = std::atoi(attr(a, "numFmtId").c_str());
            auto it = custom_is_date.find(id);
            xf_is_date.push_back(it != custom_is_date.end() ? it->second : builtin_date_format(id));
        }
    }
    void endElement(const XMLString&, const XMLString& local, const XMLString&) override {
        if (local == "cellXfs") in_cell_xfs = false;
    }
};

/// A number as offices expect to read it back: 13800138000, not 1.3800138E10; 3.5 stays 3.5.
std::string number_text(const std::string& raw) {
    char* end = nullptr;
    double v = std::strtod(raw.c_str(), &end);
    if (end == raw.c_str() || *end != '\0' || !std::isfinite(v)) return raw;
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

/// The worksheet: cells by row, and the merged ranges.
struct SheetHandler : Poco::XML::DefaultHandler {
    SheetHandler(const std::vector<std::string>& shared, const std::vector<bool>& date_styles, bool date1904,
                 const XlsxLimits& limits, const std::string& file)
        : m_shared(shared), m_date_styles(date_styles), m_date1904(date1904), m_limits(limits), m_file(file) {}

    std::map<long, std::map<std::size_t, std::string>> cells;
    std::vector<std::pair<std::pair<std::size_t, long>, std::pair<std::size_t, long>>> merges;
    std::size_t max_col = 0;
    long max_row = 0;

    void startElement(const XMLString&, const XMLString& local, const XMLString&, const Attributes& a) override {
        if (local == "row") {
            auto r = attr(a, "r");
            m_row = r.empty() ? m_row + 1 : std::atol(r.c_str());
            if (m_row < 1) m_row = 1;
            m_col = 0;
        } else if (local == "c") {
            auto ref = parse_ref(attr(a, "r"));
            m_col = ref.first ? ref.first : m_col + 1;
            if (ref.second > 0) m_row = ref.second;
            m_type = attr(a, "t");
            auto s = attr(a, "s");
            m_style = s.empty() ? 0 : std::atoi(s.c_str());
            m_value.clear();
            m_text.clear();
            m_in_cell = true;
        } else if (local == "v" && m_in_cell) {
            m_capture = &m_value;
        } else if (local == "rPh") {
            ++m_in_rph;
        } else if (local == "t" && m_in_cell && m_in_rph == 0) {
            m_capture = &m_text;
        } else if (local == "mergeCell") {
            auto ref = attr(a, "ref");
            auto colon = ref.find(':');
            if (colon != std::string::npos) merges.push_back({parse_ref(ref.substr(0, colon)), parse_ref(ref.substr(colon + 1))});
        }
    }
    void endElement(const XMLString&, const XMLString& local, const XMLString&) override {
        if (local == "v" || local == "t") m_capture = nullptr;
        else if (local == "rPh") --m_in_rph;
        else if (local == "c") {
            m_in_cell = false;
            store(cell_text());
        }
    }
    void characters(const XMLChar ch[], int start, int length) override {
        if (m_capture) m_capture->append(ch + start, static_cast<std::size_t>(length));
    }

private:
    std::string cell_text() const {
        if (m_type == "s") {
            char* end = nullptr;
            long i = std::strtol(m_value.c_str(), &end, 10);
            if (end == m_value.c_str() || i < 0 || static_cast<std::size_t>(i) >= m_shared.size())
                damaged(m_file, "shared string " + m_value + " out of range");
            return m_shared[static_cast<std::size_t>(i)];
        }
        if (m_type == "inlineStr") return m_text;
        if (m_type == "str" || m_type == "e") return m_value;
        if (m_type == "b") return m_value == "1" ? "TRUE" : "FALSE";
        if (m_type == "d") return m_value.substr(0, 10); // ISO 8601 date cell
        if (m_value.empty()) return {};
        bool is_date = m_style >= 0 && static_cast<std::size_t>(m_style) < m_date_styles.size() &&
                       m_date_styles[static_cast<std::size_t>(m_style)];
        if (is_date) {
            char* end = nullptr;
            double serial = std::strtod(m_value.c_str(), &end);
            if (end != m_value.c_str() && serial >= 1 && serial < 2958466) {
                // Serial 25569 is 1970-01-01 in the 1900 system (which counts a false 1900-02-29);
                // the 1904 system starts 1462 days later.
                long days = static_cast<long>(std::floor(serial)) - (m_date1904 ? 24107 : 25569);
                return Date::from_days(days).iso();
            }
        }
        return number_text(m_value);
    }
    void store(std::string text) {
        if (text.empty()) return; // styled empty cells may sit anywhere, even on row 1048576
        if (m_row > static_cast<long>(m_limits.max_rows))
            throw Error(OB_N("工作表的第 {row} 行超过了可导入的上限 {limit} 行"),
                        {{"row", std::to_string(m_row)}, {"limit", std::to_string(m_limits.max_rows)}}, {m_file, m_row, {}});
        if (m_col > m_limits.max_columns)
            throw Error(OB_N("工作表第 {row} 行的 {column} 列超过了可导入的上限 {limit} 列"),
                        {{"row", std::to_string(m_row)},
                         {"column", xlsx_column_name(m_col)},
                         {"limit", std::to_string(m_limits.max_columns)}},
                        {m_file, m_row, xlsx_column_name(m_col)});
        if (++m_count > m_limits.max_cells)
            throw Error(OB_N("工作表中有内容的单元格超过 {limit} 个，已拒绝"), {{"limit", std::to_string(m_limits.max_cells)}},
                        {m_file, {}, {}});
        cells[m_row][m_col] = std::move(text);
        max_col = std::max(max_col, m_col);
        max_row = std::max(max_row, m_row);
    }

    const std::vector<std::string>& m_shared;
    const std::vector<bool>& m_date_styles;
    bool m_date1904;
    XlsxLimits m_limits;
    std::string m_file;
    long m_row = 0;
    std::size_t m_col = 0, m_count = 0;
    std::string m_type, m_value, m_text;
    int m_style = 0, m_in_rph = 0;
    bool m_in_cell = false;
    std::string* m_capture = nullptr;
};

/// Resolves a relationship target against the folder of the part that names it.
std::string resolve(const std::string& base_dir, const std::string& target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    std::vector<std::string> parts;
    std::string path = base_dir + target, seg;
    std::istringstream ss(path);
    while (std::getline(ss, seg, '/')) {
        if (seg.empty() || seg == ".") continue;
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else parts.push_back(seg);
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

/// The bytes, once they are not too big and look like a zip file.
const std::string& checked(const std::string& bytes, const std::string& file, const XlsxLimits& limits) {
    if (bytes.size() > limits.max_file)
        throw Error(OB_N("工作簿 {file} 大于 {limit} MB，不能导入"),
                    {{"file", file}, {"limit", std::to_string(limits.max_file >> 20)}}, {file, {}, {}});
    if (!looks_like_zip(bytes)) damaged(file, OB_N("不是 zip 格式"));
    return bytes;
}

/// The workbook part: its sheets, in order.
void read_workbook(Package& pkg, const std::string& file, WorkbookHandler& wb) {
    if (!pkg.has("xl/workbook.xml")) damaged(file, OB_N("没有 xl/workbook.xml（可能是其他 Office 文件，如 .docx）"));
    parse_xml(pkg.read("xl/workbook.xml"), wb, file, "xl/workbook.xml");
}

} // namespace

std::vector<std::string> xlsx_parser::sheet_names(const std::string& bytes, const std::string& file, const XlsxLimits& limits) {
    Package pkg(checked(bytes, file, limits), file, limits);
    WorkbookHandler wb;
    read_workbook(pkg, file, wb);
    std::vector<std::string> names;
    for (const auto& s : wb.sheets) names.push_back(s.first);
    return names;
}

XlsxSheet xlsx_parser::read(const std::string& bytes, const std::string& file, const std::string& sheet,
                            const XlsxLimits& limits) {
    Package pkg(checked(bytes, file, limits), file, limits);
    WorkbookHandler wb;
    read_workbook(pkg, file, wb);
    RelsHandler rels;
    if (pkg.has("xl/_rels/workbook.xml.rels")) parse_xml(pkg.read("xl/_rels/workbook.xml.rels"), rels, file, "workbook.xml.rels");
    if (wb.sheets.empty()) damaged(file, OB_N("工作簿中没有工作表"));

    XlsxSheet out;
    for (const auto& s : wb.sheets) out.all_sheets.push_back(s.first);
    std::string rid;
    if (sheet.empty()) {
        out.name = wb.sheets.front().first;
        rid = wb.sheets.front().second;
    } else {
        for (const auto& s : wb.sheets)
            if (s.first == sheet) {
                out.name = s.first;
                rid = s.second;
            }
        if (out.name.empty()) {
            std::string names;
            for (const auto& n : out.all_sheets) names += (names.empty() ? "" : "、") + n;
            throw Error(OB_N("工作簿 {file} 中没有名为“{sheet}”的工作表；有：{sheets}"),
                        {{"file", file}, {"sheet", sheet}, {"sheets", names}}, {file, {}, {}});
        }
    }
    std::string sheet_part = rels.targets.count(rid) ? resolve("xl/", rels.targets[rid]) : "xl/worksheets/sheet1.xml";

    SharedStringsHandler ss(limits.max_cells, file);
    std::string ss_part =
        rels.by_type.count("sharedStrings") ? resolve("xl/", rels.by_type["sharedStrings"]) : "xl/sharedStrings.xml";
    if (pkg.has(ss_part)) parse_xml(pkg.read(ss_part), ss, file, ss_part);
    StylesHandler st;
    std::string st_part = rels.by_type.count("styles") ? resolve("xl/", rels.by_type["styles"]) : "xl/styles.xml";
    if (pkg.has(st_part)) parse_xml(pkg.read(st_part), st, file, st_part);

    SheetHandler sh(ss.strings, st.xf_is_date, wb.date1904, limits, file);
    parse_xml(pkg.read(sheet_part), sh, file, sheet_part);

    // Every cell a merged range covers reads as its top-left cell, within the used area only
    // (a merge written over whole columns must not blow up the table).
    for (const auto& [from, to] : sh.merges) {
        auto top = sh.cells.find(from.second);
        if (top == sh.cells.end()) continue;
        auto v = top->second.find(from.first);
        if (v == top->second.end()) continue;
        const std::string value = v->second;
        for (long r = from.second; r <= std::min(to.second, sh.max_row); ++r)
            for (std::size_t c = from.first; c <= std::min(to.first, sh.max_col); ++c) sh.cells[r].emplace(c, value);
    }

    for (auto& [row, cols] : sh.cells) {
        if (cols.empty()) continue;
        CsvRecord rec;
        rec.row = row;
        rec.fields.resize(cols.rbegin()->first);
        for (auto& [c, text] : cols) rec.fields[c - 1] = std::move(text);
        out.rows.push_back(std::move(rec));
    }
    return out;
}

} // namespace onebook::core
