// PDF engine end to end: the PDFs are checked with qpdf, pdffonts, pdftotext and pdfinfo.
#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/line_break.hpp"
#include "onebook/pdf/writer.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <regex>
#include <set>

namespace pdf = onebook::core::pdf;
namespace archive = onebook::archive;
namespace fs = std::filesystem;
using onebook::core::Error;
using onebook::test::ScratchDir;

namespace {

/// Runs a checking tool; `cmd` is split by test::words ('…' around a path).
std::string tool(const std::string& cmd) {
    std::string out, err;
    int rc = onebook::test::run_tool(onebook::test::words(cmd), &out, &err);
    BOOST_TEST_INFO(cmd << "\n" << err);
    BOOST_REQUIRE_EQUAL(rc, 0);
    return out;
}
std::string q(const fs::path& p) { return "'" + onebook::test::utf8(p) + "'"; }
std::string text_of(const fs::path& p, int page = 0) {
    std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return tool("pdftotext -enc UTF-8" + range + " " + q(p) + " -");
}
// pdftotext breaks lines where the layout does; compare texts without whitespace.
std::string squeeze(std::string s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f' && c != '\r') out += c;
    return out;
}
int page_count(const fs::path& p) {
    std::smatch m;
    auto info = tool("pdfinfo " + q(p));
    BOOST_REQUIRE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
    return std::stoi(m[1]);
}
std::string page_size(const fs::path& p, int page = 1) {
    auto info = tool("pdfinfo -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + q(p));
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(info, m, std::regex("size:\\s+([0-9.]+ x [0-9.]+) pts")));
    return m[1];
}
// All pages' texts at once (pdftotext ends every page with a form feed): one process, not one per page.
std::vector<std::string> page_texts(const fs::path& p) {
    auto all = tool("pdftotext -enc UTF-8 " + q(p) + " -");
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff = all.find('\f'); ff != std::string::npos; ff = all.find('\f', start)) {
        pages.push_back(all.substr(start, ff - start));
        start = ff + 1;
    }
    return pages;
}
// Sizes of all pages ("595 x 842"), from one pdfinfo call.
std::vector<std::string> page_sizes(const fs::path& p, int pages) {
    auto info = tool("pdfinfo -f 1 -l " + std::to_string(pages) + " " + q(p));
    std::vector<std::string> sizes;
    std::regex re("Page +\\d+ size:\\s+([0-9.]+ x [0-9.]+) pts");
    for (std::sregex_iterator it(info.begin(), info.end(), re), end; it != end; ++it) sizes.push_back((*it)[1]);
    return sizes;
}
void check_qpdf(const fs::path& p) {
    auto out = tool("qpdf --check " + q(p));
    BOOST_TEST(out.find("No syntax or stream encoding errors") != std::string::npos);
}
// Every font embedded, subset (ABCDEF+ prefix) and with a Unicode map; returns the font names.
std::vector<std::string> check_fonts(const fs::path& p) {
    auto out = tool("pdffonts " + q(p));
    std::vector<std::string> names;
    std::istringstream in(out);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        if (++n <= 2 || line.empty()) continue;
        std::istringstream f(line);
        std::vector<std::string> cols;
        for (std::string c; f >> c;) cols.push_back(c);
        BOOST_REQUIRE(cols.size() >= 7u);
        auto sz = cols.size();
        BOOST_TEST_INFO(line);
        BOOST_TEST(cols[sz - 5] == "yes"); // emb
        BOOST_TEST(cols[sz - 4] == "yes"); // sub
        BOOST_TEST(cols[sz - 3] == "yes"); // uni
        BOOST_TEST(std::regex_search(cols[0], std::regex("^[A-Z]{6}\\+")));
        names.push_back(cols[0]);
    }
    return names;
}

using Item = archive::fixtures::BoardRow;
std::vector<Item> board_items() { return archive::fixtures::board_rows(); }

pdf::Table rectification_table(const std::vector<Item>& items) {
    pdf::Table t;
    t.columns = {{"整改事项", 2.4},
                 {"主要措施", 4.6},
                 {"责任人", 1.1, pdf::Align::center},
                 {"完成时限", 1.7, pdf::Align::center},
                 {"完成情况", 1.4, pdf::Align::center}};
    for (const auto& it : items) {
        pdf::TableRow r{{it.issue, it.measures, it.owner, it.deadline, it.status}};
        if (it.status == "逾期未完成") r.style = pdf::RowStyle::alert;
        t.rows.push_back(r);
    }
    return t;
}

pdf::Writer board(const std::string& size, pdf::Orientation o, const std::vector<Item>& items) {
    pdf::WriterOptions opt;
    opt.page = pdf::PageSize::parse(size).with_orientation(o);
    opt.fit = pdf::FitMode::one_page;
    opt.margin_mm = 12;
    pdf::Writer w(opt);
    w.title("基层党组织分类定级整改提高公示牌", {.band = true});
    w.fields({{"党组织", "中共幸福里社区支部委员会"}, {"定级", "一般"}, {"整改期限", "2024年3月—6月"}}, 3);
    w.table(rectification_table(items));
    w.signature({"中共幸福里街道工作委员会", "2024年3月5日"}, true);
    return w;
}

// A minimal valid PNG (8-bit RGB, stored deflate blocks) so the test needs no image tools.
std::uint32_t crc32(const std::string& s) {
    std::uint32_t c = 0xffffffffu;
    for (unsigned char b : s) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}
std::string be32(std::uint32_t v) { return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }
std::string png(int w, int h, bool alpha = false) {
    std::string raw;
    for (int y = 0; y < h; ++y) {
        raw += '\0';
        for (int x = 0; x < w; ++x) {
            raw += {char(200), char(x * 255 / w), char(y * 255 / h)};
            if (alpha) raw += char(x < w / 2 ? 255 : 60);
        }
    }
    std::string z = "\x78\x01";
    for (std::size_t i = 0; i < raw.size(); i += 65535) {
        std::size_t n = std::min<std::size_t>(65535, raw.size() - i);
        z += char(i + n == raw.size() ? 1 : 0);
        z += {char(n & 0xff), char(n >> 8), char(~n & 0xff), char((~n >> 8) & 0xff)};
        z += raw.substr(i, n);
    }
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    z += be32(b << 16 | a);
    auto chunk = [](const std::string& type, const std::string& data) {
        return be32(std::uint32_t(data.size())) + type + data + be32(crc32(type + data));
    };
    std::string ihdr =
        be32(std::uint32_t(w)) + be32(std::uint32_t(h)) + std::string(alpha ? "\x08\x06\0\0\0" : "\x08\x02\0\0\0", 5);
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", "");
}

} // namespace

BOOST_AUTO_TEST_CASE(rectification_board_on_a4_landscape) {
    ScratchDir dir("pdf-board");
    auto items = board_items();
    auto w = board("A4", pdf::Orientation::landscape, items);
    auto summary = w.layout();
    BOOST_TEST(summary.pages == 1);
    BOOST_TEST(summary.body_size >= 7.0);
    w.save(dir / "board.pdf");
    auto file = dir / "board.pdf";

    check_qpdf(file);
    auto fonts = check_fonts(file);
    BOOST_TEST(fonts.size() == 2u); // heading and body faces, nothing else
    BOOST_TEST(page_count(file) == 1);
    BOOST_TEST(page_size(file) == "842 x 595");

    auto text = squeeze(text_of(file));
    for (std::string s : {"基层党组织分类定级整改提高公示牌", "党组织：中共幸福里社区支部委员会", "定级：一般", "整改事项",
                          "主要措施", "责任人", "完成时限", "完成情况", "中共幸福里街道工作委员会", "2024年3月5日", "盖章"})
        BOOST_TEST(text.find(squeeze(s)) != std::string::npos, s);
    for (const auto& it : items)
        for (const auto& s : {it.issue, it.measures, it.owner, it.deadline})
            BOOST_TEST(text.find(squeeze(s)) != std::string::npos, s);

    // Subset fonts: the two full faces are ~20 MB; a whole-font embed would be hundreds of KB.
    auto bytes = fs::file_size(file);
    BOOST_TEST_MESSAGE("A4 board: " << bytes << " bytes, body " << summary.body_size << " pt");
    BOOST_TEST(bytes < 100u * 1024u);
    BOOST_TEST(bytes > 5u * 1024u);
    // No temporary files left beside the output (atomic save).
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(fitting_scales_text_to_the_page) {
    auto items = board_items();
    auto small = board("A4", pdf::Orientation::landscape, items).layout().body_size;
    auto large = board("A1", pdf::Orientation::landscape, items).layout().body_size;
    BOOST_TEST(large > small * 2); // A1 is 2.8× the width of A4
    std::vector<Item> many;
    for (int i = 0; i < 2; ++i) many.insert(many.end(), items.begin(), items.end());
    auto crowded = board("A4", pdf::Orientation::landscape, many).layout();
    BOOST_TEST(crowded.pages == 1);
    BOOST_TEST(crowded.body_size < small);
    BOOST_TEST(crowded.body_size >= 7.0);
    // 200 items cannot be read on one A4 sheet: a clear error instead of 3-point text.
    std::vector<Item> too_many;
    for (int i = 0; i < 20; ++i) too_many.insert(too_many.end(), items.begin(), items.end());
    try {
        board("A4", pdf::Orientation::landscape, too_many).layout();
        BOOST_FAIL("fitted 200 items on A4");
    } catch (const Error& e) { BOOST_TEST(e.param("size").find("A4") != std::string::npos); }
}

BOOST_AUTO_TEST_CASE(page_sizes_reach_the_pdf) {
    ScratchDir dir("pdf-sizes");
    auto items = board_items();
    auto a1 = board("A1", pdf::Orientation::portrait, items);
    a1.save(dir / "a1.pdf");
    BOOST_TEST(page_size(dir / "a1.pdf") == "1684 x 2384");
    auto custom = board("120x90cm", pdf::Orientation::landscape, items);
    custom.save(dir / "custom.pdf");
    BOOST_TEST(page_size(dir / "custom.pdf") == "3401.57 x 2551.18");
    check_qpdf(dir / "custom.pdf");
}

BOOST_AUTO_TEST_CASE(table_splits_across_pages_with_the_header_repeated) {
    ScratchDir dir("pdf-table");
    pdf::WriterOptions opt;
    opt.decorate = pdf::page_number_footer();
    pdf::Writer w(opt);
    w.heading("党员名册", 1);
    pdf::Table t;
    t.columns = {{"序号", 0.7, pdf::Align::center}, {"姓名", 1.2}, {"整改事项说明", 4}, {"状态", 1}};
    for (int i = 1; i <= 200; ++i) {
        std::string note = i % 17 == 0
                               ? "本项较长：会前谈心谈话全覆盖，列出问题清单，会后公示整改措施，并在下次支委会上报告落实情况。"
                               : "按期推进";
        t.rows.push_back({{std::to_string(i), "党员" + std::to_string(i), note, i % 9 == 0 ? "逾期" : "正常"},
                          i % 9 == 0 ? pdf::RowStyle::alert : pdf::RowStyle::normal});
    }
    w.table(t);
    w.save(dir / "table.pdf");
    auto file = dir / "table.pdf";
    check_qpdf(file);
    int pages = page_count(file);
    BOOST_TEST(pages >= 4);
    std::set<int> seen;
    auto texts = page_texts(file);
    BOOST_REQUIRE_EQUAL(int(texts.size()), pages);
    for (int p = 1; p <= pages; ++p) {
        const auto& text = texts[std::size_t(p) - 1];
        BOOST_TEST_INFO("page " << p);
        for (std::string h : {"序号", "姓名", "整改事项说明", "状态"}) BOOST_TEST(text.find(h) != std::string::npos);
        BOOST_TEST(text.find("第 " + std::to_string(p) + " 页 共 " + std::to_string(pages) + " 页") != std::string::npos);
        std::smatch m;
        for (auto it = text.cbegin(); std::regex_search(it, text.cend(), m, std::regex("党员(\\d+)")); it = m[0].second)
            BOOST_TEST(seen.insert(std::stoi(m[1])).second); // every row once, none repeated
    }
    BOOST_TEST(seen.size() == 200u);
    BOOST_TEST(*seen.begin() == 1);
    BOOST_TEST(*seen.rbegin() == 200);
}

BOOST_AUTO_TEST_CASE(book_with_contents_outline_images_and_page_numbers) {
    ScratchDir dir("pdf-book");
    onebook::test::write_file(dir / "photo.png", png(120, 80));
    onebook::test::write_file(dir / "logo.png", png(40, 30, true));
    pdf::WriterOptions opt;
    opt.decorate = pdf::page_number_footer();
    opt.title = "党建工作一本通";
    pdf::Writer w(opt);
    w.spacer(8);
    w.title("幸福里社区党支部\n党建工作一本通", {.size = 2.6});
    w.page_break();
    w.table_of_contents("目录", 2);
    w.restart_page_numbers(1);
    std::vector<std::string> chapters = {"第一章 基本情况", "第二章 基本制度", "第三章 活动记录"};
    for (const auto& ch : chapters) {
        w.heading(ch, 1);
        for (int s = 1; s <= 2; ++s) {
            w.heading(ch.substr(0, 9) + "第" + std::to_string(s) + "节", 2);
            for (int k = 0; k < 12; ++k)
                w.paragraph(
                    "会议传达学习了上级党组织关于开展分类定级工作的通知精神，结合本支部实际，对照评定标准逐项进行了自查。");
        }
    }
    w.image(dir / "photo.png", {.max_width = 200, .caption = "图1 主题党日活动照片"});
    w.image(dir / "logo.png", {.align = pdf::Align::right});
    auto summary = w.layout();
    w.save(dir / "book.pdf");
    auto file = dir / "book.pdf";
    check_qpdf(file);
    check_fonts(file);
    BOOST_TEST(page_count(file) == summary.pages);

    // Page 2 is the table of contents: each chapter with the page it really starts on.
    auto toc = text_of(file, 2);
    BOOST_TEST(toc.find("目录") != std::string::npos);
    int chapters_checked = 0;
    for (const auto& e : summary.outline) {
        if (e.level != 1) continue;
        std::smatch m;
        BOOST_REQUIRE(std::regex_search(toc, m, std::regex(e.text + "[ .·\\n]*(\\d+)")));
        BOOST_TEST(std::stoi(m[1]) == e.page_number);
        // the physical page carries the heading and shows that number in its footer
        auto page = text_of(file, e.page_index);
        BOOST_TEST(page.find(e.text) != std::string::npos);
        BOOST_TEST(page.find("第 " + std::to_string(e.page_number) + " 页") != std::string::npos);
        ++chapters_checked;
    }
    BOOST_TEST(chapters_checked == 3);
    // Front matter has no page number; numbering starts at the first chapter.
    BOOST_TEST(text_of(file, 1).find("页") == std::string::npos);
    BOOST_TEST(summary.outline.front().page_number == 1);

    // Bookmarks: three chapters with two sections each.
    auto json = tool("qpdf --json --json-key=outlines " + q(file));
    for (const auto& ch : chapters) BOOST_TEST(json.find(ch) != std::string::npos);
    BOOST_TEST(std::regex_search(json, std::regex("\"kids\": \\[\\s*\\{")));
    // The image is embedded.
    auto images = tool("pdfimages -list " + q(file));
    BOOST_TEST(images.find(" 120    80 ") != std::string::npos);
    BOOST_TEST(std::regex_search(images, std::regex("image +40 +30 +rgb")));
    BOOST_TEST(std::regex_search(images, std::regex("smask +40 +30 +gray"))); // the PNG's alpha channel
    BOOST_TEST(squeeze(text_of(file)).find("图1主题党日活动照片") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(characters_outside_the_bmp_stop_with_the_text) {
    pdf::Writer w;
    try {
        w.paragraph("责任人：张𠮷（社区主任）");
        BOOST_FAIL("non-BMP accepted");
    } catch (const Error& e) {
        BOOST_TEST(e.param("text") == "责任人：张𠮷（社区主任）");
        BOOST_TEST(e.param("char") == "𠮷");
    }
    pdf::Table t;
    t.columns = {{"姓名"}};
    t.rows.push_back({{"𠀀"}});
    BOOST_CHECK_THROW(w.table(t), Error);
}

BOOST_AUTO_TEST_CASE(missing_glyphs_use_a_fallback_face) {
    // A character neither default face has, but some installed TrueType face does (DejaVu).
    pdf::FontOptions f;
    auto heading = pdf::resolve_font(f.heading), body = pdf::resolve_font(f.body);
    char32_t pick = 0;
    for (char32_t c : {U'♔', U'☯', U'⚑', U'∯', U'⌘'})
        if (!pdf::face_has_char(heading, c) && !pdf::face_has_char(body, c) && pdf::find_face_for_char(c)) {
            pick = c;
            break;
        }
    if (!pick) {
        BOOST_TEST_MESSAGE("no installed fallback face: skipped");
        return;
    }
    ScratchDir dir("pdf-fallback");
    pdf::Writer w;
    std::string s = "符号" + pdf::u32_to_utf8(std::u32string(1, pick)) + "测试";
    w.paragraph(s);
    w.save(dir / "f.pdf");
    auto fonts = check_fonts(dir / "f.pdf"); // the body face and the fallback (no heading text here)
    BOOST_TEST(fonts.size() == 2u);
    BOOST_TEST(std::count_if(fonts.begin(), fonts.end(), [](const std::string& n) {
                   return n.find("UMing") == std::string::npos && n.find("WenQuanYi") == std::string::npos;
               }) == 1);
    BOOST_TEST(squeeze(text_of(dir / "f.pdf")).find(s) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tiling_a_large_board_onto_a4_sheets) {
    ScratchDir dir("pdf-tile");
    auto w = board("A1", pdf::Orientation::landscape, board_items());
    pdf::TileOptions o; // A4, best orientation, 10 mm overlap and margin
    auto grid = w.save_tiled(dir / "tiles.pdf", o);
    auto file = dir / "tiles.pdf";
    check_qpdf(file);
    check_fonts(file);
    auto planned = pdf::plan_tiles(pdf::PageSize::parse("A1").with_orientation(pdf::Orientation::landscape), o);
    BOOST_TEST(grid.sheets() == planned.sheets());
    BOOST_TEST(page_count(file) == grid.printed()); // sheets with nothing of the board are left out
    BOOST_TEST(grid.sheets() == 15);
    BOOST_TEST(grid.skipped < grid.columns);
    auto expected_size = grid.sheet.width < grid.sheet.height ? "595 x 842" : "842 x 595";
    auto sizes = page_sizes(file, grid.printed());
    auto texts = page_texts(file);
    BOOST_REQUIRE_EQUAL(int(sizes.size()), grid.printed());
    BOOST_REQUIRE_EQUAL(int(texts.size()), grid.printed());
    // Sheets in reading order, each labelled with its place in the grid.
    int last = 0;
    for (int p = 1; p <= grid.printed(); ++p) {
        BOOST_TEST(sizes[std::size_t(p) - 1] == expected_size);
        const auto& text = texts[std::size_t(p) - 1];
        int found = 0;
        for (int r = 1; r <= grid.rows && !found; ++r)
            for (int c = 1; c <= grid.columns && !found; ++c)
                if (text.find("第 " + std::to_string(r) + " 行 第 " + std::to_string(c) + " 列") != std::string::npos)
                    found = (r - 1) * grid.columns + c;
        BOOST_TEST(found > last);
        last = found;
    }
    // The title band is split over the first row of sheets: its text appears on them, not below.
    std::string first_row;
    for (int c = 0; c < grid.columns; ++c) first_row += squeeze(texts[std::size_t(c)]);
    BOOST_TEST(first_row.find("公示牌") != std::string::npos);
    BOOST_TEST(squeeze(texts.back()).find("公示牌") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(tiling_leaves_out_sheets_with_only_crop_marks) {
    // A short note at the top of an A1 page: the lower rows of A4 sheets would be blank.
    ScratchDir dir("pdf-tile-blank");
    pdf::WriterOptions opt;
    opt.page = pdf::PageSize::parse("A1").with_orientation(pdf::Orientation::landscape);
    opt.body_size = 20;
    pdf::Writer w(opt);
    w.title("通知", {.band = true});
    w.paragraph("本月二十日召开支部党员大会。");
    auto grid = w.save_tiled(dir / "t.pdf", {});
    BOOST_TEST(grid.sheets() == 15);
    BOOST_TEST(grid.skipped >= grid.columns); // at least the bottom row
    BOOST_TEST(page_count(dir / "t.pdf") == grid.printed());
    for (const auto& text : page_texts(dir / "t.pdf")) BOOST_TEST(text.find("第 3 行") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(hundreds_of_characters_copy_back_out_of_the_pdf) {
    // More than 255 characters in one font: their codes take more than one lead byte, and a code
    // holding a 0 byte would cut the text short where libharu reads it as a C string.
    ScratchDir dir("pdf-many-chars");
    pdf::WriterOptions opt;
    auto body = pdf::resolve_font(opt.fonts.body);
    std::u32string chars;
    for (char32_t c = 0x4E00; chars.size() < 600; ++c)
        if (pdf::face_has_char(body, c)) chars += c;
    std::string text = pdf::u32_to_utf8(chars);
    pdf::Writer w(opt);
    w.paragraph(text, {});
    w.save(dir / "many.pdf");
    check_qpdf(dir / "many.pdf");
    BOOST_TEST(check_fonts(dir / "many.pdf").size() == 1u);
    BOOST_TEST(squeeze(text_of(dir / "many.pdf")) == text);
}

BOOST_AUTO_TEST_CASE(a_widow_pulled_across_a_space_is_drawn_with_its_line) {
    // Four characters fit a line: "戊" would stand alone, so "丁" moves down to it; the space dropped
    // at the break lies between the two in the text, yet the line draws "丁戊" with nothing between.
    ScratchDir dir("pdf-widow");
    pdf::WriterOptions opt;
    opt.page = pdf::PageSize::parse("80x100mm");
    opt.margin_mm = 10;
    opt.body_size = 40; // frame 170 pt: four 40 pt characters, not five
    pdf::Writer w(opt);
    w.paragraph("甲乙丙丁 戊", {.align = pdf::Align::left});
    w.save(dir / "widow.pdf");
    auto text = text_of(dir / "widow.pdf");
    BOOST_TEST_INFO(text);
    BOOST_TEST(text.find("甲乙丙\n丁戊") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors_from_libharu_become_core_errors) {
    ScratchDir dir("pdf-errors");
    // A PNG header followed by garbage: the header reader accepts it, libharu's loader does not.
    auto good = png(4, 4);
    onebook::test::write_file(dir / "broken.png", good.substr(0, 33) + std::string(64, '\x55'));
    pdf::Writer w;
    w.paragraph("图片测试");
    w.image(dir / "broken.png");
    try {
        w.save(dir / "out.pdf");
        BOOST_FAIL("broken image accepted");
    } catch (const Error& e) { BOOST_TEST(std::string(e.what()).find("broken.png") != std::string::npos); }
    BOOST_TEST(!fs::exists(dir / "out.pdf"));
    // The writer is still usable after an error (libharu's error state was reset).
    pdf::Writer ok;
    ok.paragraph("正常");
    BOOST_CHECK_NO_THROW(ok.save(dir / "ok.pdf"));
    // Not an image at all, and a folder that does not exist.
    onebook::test::write_file(dir / "x.gif", "GIF89a....");
    BOOST_CHECK_THROW(ok.image(dir / "x.gif"), Error);
    BOOST_CHECK_THROW(ok.save(dir / "missing" / "x.pdf"), Error);
}
