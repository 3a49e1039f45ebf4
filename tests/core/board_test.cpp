// Boards: template loading and its errors, plugin overrides, filling from the public view only
// (planted private data never reaches a PDF), page sizes, tiling, and the PDFs' validity.
#include "onebook/board.hpp"
#include "onebook/dues.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/tiling.hpp"
#include "onebook/public_view.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>

#include <cstdio>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;
using namespace onebook;
using core::Date;

namespace {

const std::vector<fs::path>& shared_dirs() {
    static const std::vector<fs::path> dirs = {test::source_dir() / "templates"};
    return dirs;
}

std::string pdftotext(const fs::path& pdf) {
    std::string out;
    BOOST_REQUIRE_EQUAL(test::run_tool({"pdftotext", test::utf8(pdf), "-"}, &out), 0);
    return out;
}

/// Text without spaces or line breaks: a cell's text may wrap anywhere.
std::string squeeze(std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\r'; }), s.end());
    return s;
}

int pdf_pages(const fs::path& pdf, std::string* size = nullptr) {
    std::string out;
    BOOST_REQUIRE_EQUAL(test::run_tool({"pdfinfo", test::utf8(pdf)}, &out), 0);
    std::smatch m;
    if (size && std::regex_search(out, m, std::regex("Page size:\\s+([0-9.]+ x [0-9.]+) pts"))) *size = m[1];
    BOOST_REQUIRE(std::regex_search(out, m, std::regex("Pages:\\s+([0-9]+)")));
    return std::stoi(m[1]);
}

void qpdf_check(const fs::path& pdf) {
    std::string out, err;
    int rc = test::run_tool({"qpdf", "--check", test::utf8(pdf)}, &out, &err);
    BOOST_TEST(rc == 0, "qpdf --check " << pdf << ": " << out << err);
}

std::string error_text(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) { return core::substitute(e.key(), e.params()); }
    return {};
}

// Valid (GB 11643 check digit) fictitious ID numbers, phones and addresses to plant.
const char* const ids[] = {"110105196801010015", "110105197503150022", "110105198207200034"};
const char* const phones[] = {"13800101037", "13912345678", "15011112222"};
const char* const addresses[] = {"幸福里小区1号楼2单元301室", "和平路88号院3号楼", "光明街道东关胡同7号"};
const char* const names[] = {"王建国", "李秀兰", "张伟"};

struct BoardFixture {
    test::ScratchDir dir{"board"};
    core::Archive archive = test::make_archive(dir / "a.onebook", "community", "幸福里社区党支部");
    Date today{2025, 7, 10};
    core::BoardTemplates templates = core::BoardTemplates::load(nullptr, "", shared_dirs());

    BoardFixture() {
        core::Roster roster(archive.db(), archive.home().id);
        for (int i = 0; i < 3; ++i) {
            core::Member m;
            m.name = names[i];
            m.gender = i == 1 ? "女" : "男";
            m.join_date = Date(2000 + i, 7, 1);
            m.full_date = Date(2001 + i, 7, 1);
            m.priv.id_number = ids[i];
            m.priv.phone = phones[i];
            m.priv.address = addresses[i];
            m.notes = std::string("备注电话 ") + phones[i]; // notes are not public either
            roster.add_member(m);
        }
        core::CommitteeTerm term;
        term.elected_on = Date(2023, 11, 26);
        term.seats = {{0, {}, "王建国", "书记"}, {0, {}, "李秀兰", "副书记"}, {0, {}, "张伟", "组织委员"}};
        roster.add_term(term);

        core::Rectification rect(archive.db(), archive.home().id);
        add_item(rect, "党建联席会议召开不经常", "每季度召开1次联席会议", "王建国", Date(2025, 9, 30));
        add_item(rect, "党员活动室面积不足", "协调辖区单位共建活动室", "李秀兰", Date(2025, 6, 30)); // overdue on today
        auto id = add_item(rect, "集体学习记录不完整", "每次学习后3日内录入", "张伟", Date(2025, 6, 1));
        rect.change_status(id, core::RectStatus::InProgress, Date(2025, 4, 1), "", std::nullopt, today);
        rect.change_status(id, core::RectStatus::Done, Date(2025, 5, 20), "完成", std::string("记录已补齐"), today);

        core::DuesLedger dues(archive.db(), archive.home().id);
        core::DuesPeriod p{0, "2025-H1", 3, 3, 45600, 45600, ""};
        dues.set(p);
        core::set_board_setting(archive, "issuer", "中共幸福里社区支部委员会");
    }

    core::Id add_item(core::Rectification& rect, const char* issue, const char* measures, const char* owner, Date deadline) {
        core::RectificationItem it;
        it.issue = issue;
        it.measures = measures;
        it.owner = owner;
        it.created_on = Date(2025, 3, 1);
        it.deadline = deadline;
        return rect.add(it);
    }

    core::BoardResult make(const std::string& id, const fs::path& out, core::BoardOptions o = {}) {
        auto view = core::make_public_view(archive, today);
        return core::render_board(templates.require(id), view, o, out);
    }
};

fs::path write_template(const fs::path& folder, const std::string& name, const std::string& json) {
    test::write_file(folder / name, json);
    return folder / name;
}

const char* const minimal = R"({"id": "mini", "title": "测试公示", "blocks": [{"type": "paragraph", "text": "{organisation}"}]})";

} // namespace

BOOST_AUTO_TEST_CASE(shipped_templates_load) {
    auto t = core::BoardTemplates::load(nullptr, "", shared_dirs());
    for (const char* id : {"rectification", "achievements", "grading-result", "party-affairs", "dues"})
        BOOST_TEST(t.find(id), id);
    const auto& r = t.require("rectification");
    BOOST_TEST(r.title == "基层党组织分类定级整改提高公示牌");
    BOOST_REQUIRE(!r.blocks.empty());
    const auto& table = r.blocks.front();
    BOOST_CHECK(table.kind == core::BoardBlock::Kind::Table);
    std::vector<std::string> titles;
    for (const auto& c : table.columns) titles.push_back(c.title);
    // The five columns of DOMAIN.md §5 (《分类定级工作文件汇编》), in order, after the row number.
    std::vector<std::string> expected = {"序号", "整改事项", "主要措施", "责任人", "完成时限", "完成情况"};
    BOOST_TEST(titles == expected, boost::test_tools::per_element());
    BOOST_TEST(r.seal);
    BOOST_TEST(error_text([&] { t.require("nope"); }).find("rectification") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(template_errors_name_the_file_and_field) {
    test::ScratchDir dir("board-tpl");
    auto check = [&](const std::string& json, const std::string& expect_field, const std::string& expect_text) {
        auto file = write_template(dir.path(), "bad.json", json);
        try {
            core::parse_board_template(test::read_file(file), file.string());
            BOOST_ERROR("accepted: " << json);
        } catch (const core::Error& e) {
            std::string text = core::substitute(e.key(), e.params());
            BOOST_TEST_MESSAGE(text);
            BOOST_TEST(e.where().file == file.string());
            BOOST_TEST(text.find(file.string()) != std::string::npos, text);
            BOOST_TEST(e.where().field == expect_field, text);
            BOOST_TEST(text.find(expect_text) != std::string::npos, text);
        }
    };
    check("{\"id\": \"x\", \"title\": ", "", "不是有效的 JSON");
    check(R"({"id": "x", "blocks": [{"type": "paragraph", "text": "a"}]})", "title", "缺少字段");
    check(R"({"id": "Bad Id", "title": "t", "blocks": [{"type": "paragraph", "text": "a"}]})", "id", "小写字母");
    check(R"({"id": "x", "title": "t", "blocks": []})", "blocks", "不能为空");
    check(R"({"id": "x", "title": "t", "blocks": [{"type": "chart"}]})", "blocks[0].type", "未知的类型");
    check(R"({"id": "x", "title": "t", "blocks": [{"type": "table", "source": "members_private", "columns": []}]})",
          "blocks[0].source", "未知的数据来源");
    // A private field cannot even be named: the members source has no such column.
    check(
        R"({"id": "x", "title": "t", "blocks": [{"type": "table", "source": "members", "columns": [{"key": "phone", "title": "电话"}]}]})",
        "blocks[0].columns[0].key", "没有“phone”列");
    check(R"({"id": "x", "title": "t", "blocks": [{"type": "paragraph", "text": "{id_number}"}]})", "blocks[0].text",
          "未知的占位符 {id_number}");
    check(R"({"id": "x", "title": "t", "size": "B7", "blocks": [{"type": "paragraph", "text": "a"}]})", "size", "尺寸");
    check(R"({"id": "x", "title": "t", "blocks": [{"type": "paragraph", "text": "a"}], "footer": {"seal": "yes"}})",
          "footer.seal", "true 或 false");

    // A folder with one bad file: the error names that file.
    test::ScratchDir folder("board-folder");
    write_template(folder.path(), "a.json", minimal);
    auto bad = write_template(folder.path(), "b.json", R"({"id": "b", "title": "t"})");
    core::BoardTemplates t;
    std::string text = error_text([&] { t.load_folder(folder.path()); });
    BOOST_TEST(text.find(bad.string()) != std::string::npos, text);
    BOOST_TEST(text.find("blocks") != std::string::npos, text);

    // No template folder anywhere: a message naming where it looked.
    text = error_text([&] { core::BoardTemplates::load(nullptr, "", {folder.path() / "nothing"}); });
    BOOST_TEST(text.find("ONEBOOK_TEMPLATE_PATH") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(plugins_add_and_override_templates) {
    test::ScratchDir dir("board-plugin");
    auto folder = dir / "myplugin";
    test::write_file(folder / "plugin.json",
                     R"({"id": "myplugin", "name": {"zh_CN": "测试", "en": "Test"}, "version": "1.0", "api_version": 1})");
    test::write_file(folder / "data" / "boards" / "override.json",
                     R"({"id": "dues", "title": "党费收缴情况公示（本地版）", "size": "A4", "orientation": "portrait",
                         "blocks": [{"type": "table", "source": "dues", "columns": [{"key": "period", "title": "时段"}]}]})");
    test::write_file(folder / "data" / "boards" / "extra.json", minimal);
    core::PluginHost host;
    BOOST_REQUIRE(host.load(folder));
    auto t = core::BoardTemplates::load(&host, "myplugin", shared_dirs());
    BOOST_TEST(t.require("dues").title == "党费收缴情况公示（本地版）");
    BOOST_TEST(t.require("dues").file.find("override.json") != std::string::npos);
    BOOST_TEST(t.find("mini"));
    BOOST_TEST(t.find("rectification"));
    // Another sector's archive does not see this plugin's templates.
    auto other = core::BoardTemplates::load(&host, "community", shared_dirs());
    BOOST_TEST(other.require("dues").title == "党费收缴情况公布");
    BOOST_TEST(!other.find("mini"));
}

BOOST_AUTO_TEST_CASE(public_view_has_no_private_fields) {
    // Structured bindings only compile for the exact number of members: a field added to these
    // public types (say, a phone) breaks this test and makes its author look here.
    auto [name, status, group, category] = core::PublicMember{};
    auto [role, seat_name] = core::PublicSeat{};
    BOOST_TEST((name + status + group + category + role + seat_name).empty());
}

BOOST_FIXTURE_TEST_CASE(private_data_never_reaches_a_board, BoardFixture) {
    auto view = core::make_public_view(archive, today);
    BOOST_TEST(view.members.size() == 3u);
    std::vector<fs::path> pdfs;
    for (const auto& t : templates.all()) {
        auto out = dir / (t.id + ".pdf");
        core::render_board(t, view, {}, out);
        pdfs.push_back(out);
    }
    core::BoardOptions tiled;
    tiled.size = core::pdf::PageSize::iso("A2");
    tiled.tile = core::pdf::PageSize::iso("A4");
    make("party-affairs", dir / "tiled.pdf", tiled);
    pdfs.push_back(dir / "tiled.pdf");

    std::string all;
    for (const auto& p : pdfs) {
        qpdf_check(p);
        std::string text = squeeze(pdftotext(p));
        for (int i = 0; i < 3; ++i) {
            BOOST_TEST(text.find(ids[i]) == std::string::npos, p << " contains an ID number");
            BOOST_TEST(text.find(phones[i]) == std::string::npos, p << " contains a phone number");
            BOOST_TEST(text.find(squeeze(addresses[i])) == std::string::npos, p << " contains an address");
        }
        // Nor any long digit run that could be part of one (a phone or ID cut by a line break).
        BOOST_TEST(!std::regex_search(text, std::regex("[0-9]{11,}")), p);
        // Raw bytes too (an uncompressed string would show here).
        std::string raw = test::read_file(p);
        for (int i = 0; i < 3; ++i) BOOST_TEST(raw.find(phones[i]) == std::string::npos);
        all += text;
    }
    // The boards do show the public data: names, roles, the organisation.
    for (const char* n : names) BOOST_TEST(all.find(n) != std::string::npos, n);
    BOOST_TEST(all.find("组织委员") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(rectification_board_content_and_checks, BoardFixture) {
    core::BoardOptions o;
    o.size = core::pdf::PageSize::iso("A4");
    o.orientation = core::pdf::Orientation::landscape;
    auto out = dir / "rect.pdf";
    auto r = make("rectification", out, o);
    BOOST_TEST(r.pages == 1);
    BOOST_TEST(r.bytes == fs::file_size(out));
    std::string size;
    BOOST_TEST(pdf_pages(out, &size) == 1);
    BOOST_TEST(size == "842 x 595");
    qpdf_check(out);
    std::string text = squeeze(pdftotext(out));
    for (const char* s : {"基层党组织分类定级整改提高公示牌", "幸福里社区党支部", "整改事项", "主要措施", "责任人", "完成时限",
                          "完成情况", "党建联席会议召开不经常", "每季度召开1次联席会议", "2025年9月", "中共幸福里社区支部委员会",
                          "2025年7月10日", "盖章", "整改期限", "2025年3月—2025年9月", "已完成：记录已补齐"})
        BOOST_TEST(text.find(s) != std::string::npos, s);
    // The overdue item stands out (first row, marked) and the done one is not overdue.
    BOOST_TEST(text.find("已逾期10天") != std::string::npos);
    BOOST_TEST(text.find("已逾期10天") < text.find("党建联席会议召开不经常"));
    BOOST_TEST(text.find("党员活动室面积不足") < text.find("党建联席会议召开不经常"));
    // No grade in the archive: printed as a blank and reported.
    BOOST_CHECK(std::find(r.unfilled.begin(), r.unfilled.end(), "grade") != r.unfilled.end());
    BOOST_TEST(text.find("＿＿＿") != std::string::npos);

    // With the grade given, it is printed and no longer reported.
    o.values["grade"] = "较好";
    r = make("rectification", out, o);
    BOOST_CHECK(std::find(r.unfilled.begin(), r.unfilled.end(), "grade") == r.unfilled.end());
    BOOST_TEST(squeeze(pdftotext(out)).find("定级等次：较好") != std::string::npos);

    // Fonts are embedded subsets with Unicode maps.
    std::string fonts;
    BOOST_REQUIRE_EQUAL(test::run_tool({"pdffonts", test::utf8(out)}, &fonts), 0);
    std::istringstream lines(fonts);
    std::string line;
    int font_rows = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("---", 0) == 0 || line.empty()) continue;
        ++font_rows;
        BOOST_TEST(std::regex_search(line, std::regex("yes\\s+yes\\s+yes")), line);
    }
    BOOST_TEST(font_rows >= 1);
}

BOOST_FIXTURE_TEST_CASE(sizes_and_orientation, BoardFixture) {
    struct Case {
        std::string size, orientation;
        double width, height; // points
    };
    auto read_size = [](const std::string& text) {
        std::smatch m;
        BOOST_REQUIRE(std::regex_search(text, m, std::regex("([0-9.]+) x ([0-9.]+)")));
        return std::make_pair(std::stod(m[1]), std::stod(m[2]));
    };
    for (const auto& c : std::vector<Case>{{"A1", "landscape", 2384, 1684},
                                           {"A1", "portrait", 1684, 2384},
                                           {"A3", "portrait", 842, 1191},
                                           {"A0", "portrait", 2384, 3370},
                                           {"120x90cm", "landscape", 1200 / 25.4 * 72, 900 / 25.4 * 72}}) {
        core::BoardOptions o;
        o.size = core::pdf::PageSize::parse(c.size);
        o.orientation = core::pdf::parse_orientation(c.orientation);
        auto out = dir / ("size-" + c.size + "-" + c.orientation + ".pdf");
        make("rectification", out, o);
        std::string size;
        BOOST_TEST(pdf_pages(out, &size) == 1);
        auto [w, h] = read_size(size);
        BOOST_TEST(std::abs(w - c.width) < 1, c.size << " " << c.orientation << ": " << size);
        BOOST_TEST(std::abs(h - c.height) < 1, c.size << " " << c.orientation << ": " << size);
        qpdf_check(out);
    }
    // The template's default (A1 landscape for the rectification board).
    auto out = dir / "default.pdf";
    make("rectification", out);
    std::string size;
    pdf_pages(out, &size);
    auto [w, h] = read_size(size);
    BOOST_TEST(std::abs(w - 2384) < 1);
    BOOST_TEST(std::abs(h - 1684) < 1);
}

BOOST_FIXTURE_TEST_CASE(tiling_onto_office_sheets, BoardFixture) {
    for (const char* sheet : {"A4", "A3"}) {
        core::BoardOptions o;
        o.size = core::pdf::PageSize::iso("A1");
        o.orientation = core::pdf::Orientation::landscape;
        o.tile = core::pdf::PageSize::iso(sheet);
        auto out = dir / (std::string("tiled-") + sheet + ".pdf");
        auto r = make("rectification", out, o);
        core::pdf::TileOptions to;
        to.sheet = *o.tile;
        auto grid = core::pdf::plan_tiles(r.size, to);
        // The grid less the sheets that would carry only crop marks.
        BOOST_TEST(r.sheets + r.skipped_sheets == grid.sheets());
        BOOST_TEST(r.sheets + r.skipped_sheets == r.tile_columns * r.tile_rows);
        // An A1 board needs more than the 8 A4 (or 4 A3) sheets its area alone would, for the overlap.
        BOOST_TEST(r.sheets > (std::string(sheet) == "A4" ? 8 : 4));
        std::string size;
        BOOST_TEST(pdf_pages(out, &size) == r.sheets);
        auto iso = core::pdf::PageSize::iso(sheet);
        std::string got = std::regex_replace(size, std::regex("\\.[0-9]+"), "");
        std::string portrait = std::to_string(int(iso.width)) + " x " + std::to_string(int(iso.height));
        std::string landscape = std::to_string(int(iso.height)) + " x " + std::to_string(int(iso.width));
        BOOST_TEST((got == portrait || got == landscape), got);
        qpdf_check(out);
    }
}

BOOST_FIXTURE_TEST_CASE(a_board_with_little_content_spreads_it_over_the_sheet, BoardFixture) {
    // The dues notice on A1: the text stops at the template's largest size long before the sheet is
    // full. The spare height goes to the rows and between the blocks, not into one hole above the
    // signature (pdftotext -bbox: the widest empty band between the words of the page).
    core::BoardOptions o;
    o.size = core::pdf::PageSize::iso("A1");
    o.orientation = core::pdf::Orientation::portrait;
    auto out = dir / "dues-a1.pdf";
    auto r = make("dues", out, o);
    BOOST_TEST(r.pages == 1);
    std::string html;
    BOOST_REQUIRE_EQUAL(test::run_tool({"pdftotext", "-bbox", test::utf8(out), "-"}, &html), 0);
    std::vector<std::pair<double, double>> words; // top, bottom
    std::regex word("yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\"");
    for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it)
        words.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
    BOOST_REQUIRE_GT(words.size(), 10u);
    std::sort(words.begin(), words.end());
    double reach = words.front().second, widest = 0;
    for (const auto& [top, bottom] : words) {
        widest = std::max(widest, top - reach);
        reach = std::max(reach, bottom);
    }
    BOOST_TEST(widest < r.size.height * 0.15, "an empty band of " << widest << " pt on a sheet of " << r.size.height);
}

BOOST_FIXTURE_TEST_CASE(many_items_flow_over_pages, BoardFixture) {
    core::Rectification rect(archive.db(), archive.home().id);
    core::Transaction tx(archive.db());
    for (int i = 0; i < 200; ++i)
        add_item(rect, ("第" + std::to_string(i + 1) + "项整改事项：组织生活制度落实不到位").c_str(),
                 "支委会研究制定整改方案，明确责任人和时间节点，每月检查一次进度", "王建国", Date(2025, 12, 31));
    tx.commit();
    core::BoardOptions o;
    o.size = core::pdf::PageSize::iso("A4");
    o.orientation = core::pdf::Orientation::landscape;
    auto out = dir / "many.pdf";
    auto r = make("rectification", out, o);
    BOOST_TEST(r.pages > 1);
    BOOST_TEST(pdf_pages(out) == r.pages);
    qpdf_check(out);
    // The header row repeats on every page.
    std::string text = pdftotext(out);
    int pages = 0, headers = 0;
    std::stringstream ss(text);
    std::string page;
    while (std::getline(ss, page, '\f')) {
        if (squeeze(page).empty()) continue;
        ++pages;
        if (squeeze(page).find("主要措施") != std::string::npos) ++headers;
    }
    BOOST_TEST(pages == r.pages);
    BOOST_TEST(headers == r.pages);
    BOOST_TEST(squeeze(text).find("第200项整改事项") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(logo_and_refused_characters, BoardFixture) {
    core::BoardOptions o;
    o.size = core::pdf::PageSize::iso("A3");
    o.logo = test::source_dir() / "installer" / "icons" / "onebook-128.png";
    auto out = dir / "logo.pdf";
    auto r = make("dues", out, o);
    BOOST_TEST(r.pages == 1);
    std::string images;
    BOOST_REQUIRE_EQUAL(test::run_tool({"pdfimages", "-list", test::utf8(out)}, &images), 0);
    BOOST_TEST(images.find("image") != std::string::npos, images);
    qpdf_check(out);
    o.logo = dir / "missing.png";
    BOOST_TEST(error_text([&] { make("dues", dir / "nologo.pdf", o); }).find("missing.png") != std::string::npos);
    BOOST_TEST(!fs::exists(dir / "nologo.pdf"));

    // A character above U+FFFF (a rare name character) is refused with the text named, not
    // silently printed as a space.
    core::Rectification rect(archive.db(), archive.home().id);
    add_item(rect, "谈心谈话不够", "逐一谈心", "王\U00020BB7明", Date(2025, 12, 31));
    auto text = error_text([&] { make("rectification", dir / "nonbmp.pdf"); });
    BOOST_TEST(text.find("王\U00020BB7明") != std::string::npos, text);
    BOOST_TEST(!fs::exists(dir / "nonbmp.pdf"));
}

BOOST_FIXTURE_TEST_CASE(cli_board_and_rectify, BoardFixture) {
    fs::path file = archive.path();
    {
        auto closed = std::move(archive); // the CLI needs the archive to itself (exclusive lock)
    }
    std::string out, err;
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), test::tool_path("onebook-cli"));
        args.insert(args.end(), {"--archive", test::utf8(file)});
        return test::run_tool(args, &out, &err);
    };
    BOOST_REQUIRE_EQUAL(cli(test::words("rectify list --today 2025-07-10")), 0);
    auto first_row = out.find("!!");
    BOOST_TEST(first_row != std::string::npos, out);
    BOOST_TEST(out.find("党员活动室面积不足") > first_row);
    BOOST_TEST(out.find("党员活动室面积不足") < out.find("党建联席会议召开不经常"));
    auto pdf = dir / "cli.pdf";
    int rc = cli({"board", "make", "--template", "rectification", "--size", "A1", "--tile", "A4", "--out", test::utf8(pdf),
                  "--set", "grade=一般", "--today", "2025-07-10"});
    BOOST_TEST(rc == 0, out << err);
    BOOST_TEST(pdf_pages(pdf) > 8);
    BOOST_TEST(cli({"board", "make", "--template", "nope", "--out", test::utf8(dir / "x.pdf")}) == 1);
    BOOST_TEST(err.find("rectification") != std::string::npos, err);
    BOOST_TEST(!fs::exists(dir / "x.pdf"));
    BOOST_TEST(cli(test::words("rectify update 1 --status done")) == 1);
    BOOST_TEST(!err.empty());
}

BOOST_AUTO_TEST_CASE(every_field_a_board_prints_blank_is_named_by_its_label) {
    // The board dialog lists the fields printed blank by their labels, never by their keys.
    for (const auto& k : core::board_setting_keys()) BOOST_TEST(core::board_field_label(k) != k, k);
    BOOST_TEST(core::board_field_label("superior") == "上级党组织"); // blank until the superior is entered
}
