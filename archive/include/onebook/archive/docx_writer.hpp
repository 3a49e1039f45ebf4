// Writing Word documents (.docx, Office Open XML) without a docx library: a small document model
// (paragraphs of runs, tables with merged cells, page breaks) written as WordprocessingML with
// Poco's XMLWriter and zipped with Poco::Zip together with the fixed parts kept as data under
// templates/docx/ (styles with the Chinese fonts Word on Windows expects, the footer with the page
// number, content types and relationships). A4 portrait or landscape.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace onebook::archive {

/// Fonts by the names Word on Windows knows them (also the eastAsia font of every run).
namespace docx_font {
inline const char* const song = "宋体";
inline const char* const hei = "黑体";
inline const char* const fangsong = "仿宋";
inline const char* const kai = "楷体";
} // namespace docx_font

struct DocxRun {
    std::string text;    ///< "\n" becomes a line break
    std::string font;    ///< empty: the paragraph style's font
    int half_points = 0; ///< font size in half points (24 = 小四 12 pt); 0: the style's
    bool bold = false;
    bool underline = false;

    DocxRun() = default;
    DocxRun(std::string t) : text(std::move(t)) {} // NOLINT: a run is its text
    /// An underlined blank to write on (signature lines).
    static DocxRun blank(int width) {
        DocxRun r(std::string(static_cast<std::size_t>(width), ' '));
        r.underline = true;
        return r;
    }
};

struct DocxParagraph {
    enum class Align { Style, Left, Center, Right, Justify };
    std::string style;          ///< style id from templates/docx/word/styles.xml (Title, Heading1…)
    Align align = Align::Style; ///< Style: as the paragraph style says
    std::vector<DocxRun> runs;
    int first_line_chars = 0; ///< first-line indent in characters (2 for Chinese body text)
    bool page_break_before = false;
    bool keep_with_next = false;
    int space_before = -1, space_after = -1; ///< twips; -1: the style's

    DocxParagraph() = default;
    DocxParagraph(std::string text, std::string style_id = {}) : style(std::move(style_id)) { runs.push_back({std::move(text)}); }
};

struct DocxCell {
    std::vector<DocxParagraph> paragraphs;
    int span = 1;        ///< columns this cell covers
    bool shaded = false; ///< label cells and header rows
};

struct DocxTable {
    std::vector<int> widths; ///< column widths in twips
    std::vector<std::vector<DocxCell>> rows;
    int header_rows = 0; ///< repeated at the top of every page
};

using DocxBlock = std::variant<DocxParagraph, DocxTable>;

/// A document to be written: metadata, page set-up and blocks in order.
struct DocxDocument {
    std::string title; ///< document properties (also the window title in Word)
    std::string author;
    bool landscape = false;
    std::vector<DocxBlock> blocks;

    DocxParagraph& add(DocxParagraph p) { return std::get<DocxParagraph>(blocks.emplace_back(std::move(p))); }
    DocxTable& add(DocxTable t) { return std::get<DocxTable>(blocks.emplace_back(std::move(t))); }
    /// Width of the text area in twips (A4 less the margins).
    int text_width() const;
};

/// The folder holding the fixed parts (templates/docx): ONEBOOK_TEMPLATE_PATH, the build tree,
/// the install tree, as for board templates. Throws Error naming the folders tried.
std::filesystem::path docx_template_dir();

/// The .docx bytes of `doc`, with the fixed parts read from `template_dir`.
std::string docx_bytes(const DocxDocument& doc, const std::filesystem::path& template_dir = docx_template_dir());

/// Writes `doc` to `path` atomically ("-" writes nothing: use docx_bytes for standard output).
void save_docx(const DocxDocument& doc, const std::filesystem::path& path,
               const std::filesystem::path& template_dir = docx_template_dir());

} // namespace onebook::archive
