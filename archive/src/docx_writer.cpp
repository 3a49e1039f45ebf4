// Writing .docx files: see docx_writer.hpp.
#include "onebook/archive/docx_writer.hpp"
#include "onebook/atomic_file.hpp"

#include "onebook/board.hpp"
#include "onebook/error.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/SAX/AttributesImpl.h>
#include <Poco/XML/XMLWriter.h>
#include <Poco/Zip/Compress.h>

#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace onebook::archive {

namespace {

// A4 in twips, and the margins of Chinese official documents (GB/T 9704: 37 mm top, 35 mm
// bottom, 28 mm left, 26 mm right).
constexpr int a4_short = 11906, a4_long = 16838;
constexpr int margin_top = 2098, margin_bottom = 1984, margin_left = 1588, margin_right = 1474;

/// Parts written from the template folder as they are, [Content_Types].xml first.
const char* const fixed_parts[] = {
    "[Content_Types].xml", "_rels/.rels",       "docProps/app.xml",   "word/_rels/document.xml.rels",
    "word/styles.xml",     "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
};

/// WordprocessingML through Poco's XMLWriter, elements named by their qualified names.
class Xml {
public:
    explicit Xml(std::ostream& out) : m_w(out, Poco::XML::XMLWriter::WRITE_XML_DECLARATION) { m_w.startDocument(); }
    void open(const std::string& name, std::initializer_list<std::pair<const char*, std::string>> attrs = {}) {
        m_w.startElement("", "", name, attributes(attrs));
    }
    void close(const std::string& name) { m_w.endElement("", "", name); }
    void empty(const std::string& name, std::initializer_list<std::pair<const char*, std::string>> attrs = {}) {
        m_w.emptyElement("", "", name, attributes(attrs));
    }
    void text(const std::string& t) { m_w.characters(t); }
    void end() { m_w.endDocument(); }

private:
    static Poco::XML::AttributesImpl attributes(std::initializer_list<std::pair<const char*, std::string>> attrs) {
        Poco::XML::AttributesImpl a;
        for (const auto& [k, v] : attrs) a.addAttribute("", "", k, "CDATA", v);
        return a;
    }
    Poco::XML::XMLWriter m_w;
};

void write_run_properties(Xml& x, const DocxRun& r) {
    if (r.font.empty() && !r.half_points && !r.bold && !r.underline) return;
    x.open("w:rPr");
    if (!r.font.empty())
        x.empty("w:rFonts",
                {{"w:ascii", r.font}, {"w:hAnsi", r.font}, {"w:eastAsia", r.font}, {"w:cs", r.font}, {"w:hint", "eastAsia"}});
    if (r.bold) x.empty("w:b");
    if (r.underline) x.empty("w:u", {{"w:val", "single"}});
    if (r.half_points) {
        x.empty("w:sz", {{"w:val", std::to_string(r.half_points)}});
        x.empty("w:szCs", {{"w:val", std::to_string(r.half_points)}});
    }
    x.close("w:rPr");
}

void write_paragraph(Xml& x, const DocxParagraph& p) {
    x.open("w:p");
    x.open("w:pPr");
    if (!p.style.empty()) x.empty("w:pStyle", {{"w:val", p.style}});
    if (p.keep_with_next) x.empty("w:keepNext");
    if (p.page_break_before) x.empty("w:pageBreakBefore");
    if (p.space_before >= 0 || p.space_after >= 0) {
        if (p.space_before >= 0 && p.space_after >= 0)
            x.empty("w:spacing", {{"w:before", std::to_string(p.space_before)}, {"w:after", std::to_string(p.space_after)}});
        else if (p.space_before >= 0) x.empty("w:spacing", {{"w:before", std::to_string(p.space_before)}});
        else x.empty("w:spacing", {{"w:after", std::to_string(p.space_after)}});
    }
    if (p.first_line_chars) x.empty("w:ind", {{"w:firstLineChars", std::to_string(p.first_line_chars * 100)}});
    if (p.align != DocxParagraph::Align::Style) {
        const char* jc = p.align == DocxParagraph::Align::Center  ? "center"
                         : p.align == DocxParagraph::Align::Right ? "right"
                         : p.align == DocxParagraph::Align::Left  ? "left"
                                                                  : "both";
        x.empty("w:jc", {{"w:val", jc}});
    }
    x.close("w:pPr");
    for (const auto& r : p.runs) {
        x.open("w:r");
        write_run_properties(x, r);
        std::size_t start = 0;
        while (true) {
            auto nl = r.text.find('\n', start);
            std::string piece = r.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            if (!piece.empty()) {
                x.open("w:t", {{"xml:space", "preserve"}});
                x.text(piece);
                x.close("w:t");
            }
            if (nl == std::string::npos) break;
            x.empty("w:br");
            start = nl + 1;
        }
        x.close("w:r");
    }
    x.close("w:p");
}

void write_table(Xml& x, const DocxTable& t) {
    int total = 0;
    for (int w : t.widths) total += w;
    x.open("w:tbl");
    x.open("w:tblPr");
    x.empty("w:tblStyle", {{"w:val", "TableGrid"}});
    x.empty("w:tblW", {{"w:w", std::to_string(total)}, {"w:type", "dxa"}});
    x.empty("w:jc", {{"w:val", "center"}});
    x.empty("w:tblLayout", {{"w:type", "fixed"}});
    x.close("w:tblPr");
    x.open("w:tblGrid");
    for (int w : t.widths) x.empty("w:gridCol", {{"w:w", std::to_string(w)}});
    x.close("w:tblGrid");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        x.open("w:tr");
        x.open("w:trPr");
        x.empty("w:cantSplit");
        if (static_cast<int>(r) < t.header_rows) x.empty("w:tblHeader");
        x.close("w:trPr");
        std::size_t col = 0;
        for (const auto& cell : t.rows[r]) {
            int width = 0;
            for (int k = 0; k < cell.span && col + static_cast<std::size_t>(k) < t.widths.size(); ++k)
                width += t.widths[col + static_cast<std::size_t>(k)];
            col += static_cast<std::size_t>(cell.span);
            x.open("w:tc");
            x.open("w:tcPr");
            x.empty("w:tcW", {{"w:w", std::to_string(width)}, {"w:type", "dxa"}});
            if (cell.span > 1) x.empty("w:gridSpan", {{"w:val", std::to_string(cell.span)}});
            if (cell.shaded) x.empty("w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", "F2F2F2"}});
            x.empty("w:vAlign", {{"w:val", "center"}});
            x.close("w:tcPr");
            if (cell.paragraphs.empty()) write_paragraph(x, DocxParagraph("", "TableText"));
            for (const auto& p : cell.paragraphs) write_paragraph(x, p);
            x.close("w:tc");
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
}

std::string document_xml(const DocxDocument& doc) {
    std::ostringstream out;
    Xml x(out);
    x.open("w:document", {{"xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
                          {"xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}});
    x.open("w:body");
    for (const auto& b : doc.blocks) {
        if (const auto* p = std::get_if<DocxParagraph>(&b)) write_paragraph(x, *p);
        else {
            write_table(x, std::get<DocxTable>(b));
            // Word needs a paragraph between a table and whatever follows it.
            write_paragraph(x, DocxParagraph("", "TableGap"));
        }
    }
    x.open("w:sectPr");
    x.empty("w:footerReference", {{"w:type", "default"}, {"r:id", "rIdFooter1"}});
    if (doc.landscape)
        x.empty("w:pgSz", {{"w:w", std::to_string(a4_long)}, {"w:h", std::to_string(a4_short)}, {"w:orient", "landscape"}});
    else x.empty("w:pgSz", {{"w:w", std::to_string(a4_short)}, {"w:h", std::to_string(a4_long)}});
    x.empty("w:pgMar", {{"w:top", std::to_string(doc.landscape ? margin_left : margin_top)},
                        {"w:right", std::to_string(doc.landscape ? margin_top : margin_right)},
                        {"w:bottom", std::to_string(doc.landscape ? margin_right : margin_bottom)},
                        {"w:left", std::to_string(doc.landscape ? margin_bottom : margin_left)},
                        {"w:header", "851"},
                        {"w:footer", "992"},
                        {"w:gutter", "0"}});
    x.empty("w:docGrid", {{"w:type", "lines"}, {"w:linePitch", "312"}});
    x.close("w:sectPr");
    x.close("w:body");
    x.close("w:document");
    x.end();
    return out.str();
}

std::string core_xml(const DocxDocument& doc) {
    std::ostringstream out;
    Xml x(out);
    x.open("cp:coreProperties", {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
                                 {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                                 {"xmlns:dcterms", "http://purl.org/dc/terms/"},
                                 {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
    x.open("dc:title");
    x.text(doc.title);
    x.close("dc:title");
    x.open("dc:creator");
    x.text(doc.author);
    x.close("dc:creator");
    std::string now = Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y-%m-%dT%H:%M:%SZ");
    x.open("dcterms:created", {{"xsi:type", "dcterms:W3CDTF"}});
    x.text(now);
    x.close("dcterms:created");
    x.close("cp:coreProperties");
    x.end();
    return out.str();
}

std::string read_part(const fs::path& dir, const std::string& name) {
    std::ifstream in(dir / name, std::ios::binary);
    if (!in)
        throw core::Error(OB_N("Word 文档模板缺少文件 {file}"), {{"file", (dir / name).string()}},
                          {(dir / name).string(), {}, {}});
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

int DocxDocument::text_width() const {
    return landscape ? a4_long - margin_top - margin_bottom : a4_short - margin_left - margin_right;
}

fs::path docx_template_dir() {
    std::string tried;
    for (const auto& d : core::BoardTemplates::default_dirs()) {
        std::error_code ec;
        if (fs::is_regular_file(d / "docx" / "word" / "styles.xml", ec)) return d / "docx";
        tried += (tried.empty() ? "" : "、") + (d / "docx").string();
    }
    throw core::Error(OB_N("找不到 Word 文档模板（查找了 {dirs}），可用环境变量 ONEBOOK_TEMPLATE_PATH 指定模板文件夹"),
                      {{"dirs", tried}});
}

std::string docx_bytes(const DocxDocument& doc, const fs::path& template_dir) {
    std::vector<std::pair<std::string, std::string>> parts;
    for (const char* name : fixed_parts) parts.push_back({name, read_part(template_dir, name)});
    parts.push_back({"docProps/core.xml", core_xml(doc)});
    parts.push_back({"word/document.xml", document_xml(doc)});

    std::ostringstream zip;
    Poco::Zip::Compress c(zip, true);
    Poco::DateTime now;
    for (const auto& [name, bytes] : parts) {
        std::istringstream in(bytes);
        c.addFile(in, now, name, Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_NORMAL);
    }
    c.close();
    return zip.str();
}

void save_docx(const DocxDocument& doc, const fs::path& path, const fs::path& template_dir) {
    core::write_file_atomically(path, docx_bytes(doc, template_dir));
}

} // namespace onebook::archive
