// Every list command of onebook-cli in every format, on the demo archives: the terminal table,
// JSON, CSV and xlsx (read back by Debian's openpyxl) carry the same columns and rows; private
// roster columns appear only with --include-private; bad formats and paths are clear errors.
#include "test_support.hpp"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include <sstream>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

struct Demo {
    test::ScratchDir dir{"onebook-cli-tables"};
    std::string out, err;

    Demo() {
        BOOST_REQUIRE(run("demo --out demo") == 0);
        test::write_file(dir / "read.py", R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    rows = 0
    for r in range(3, ws.max_row + 1):
        if all(c.value is None for c in ws[r]):
            break
        rows += 1
    print(ws.title + "\t" + "|".join(str(c.value) for c in ws[2]) + "\t" + str(rows) + "\t" + str(ws.freeze_panes) + "\t" + str(ws.print_title_rows))
)PY");
    }
    int run(const std::string& args) {
        std::string cmd = "cd " + dir.path().string() +
                          " && env -u LC_ALL -u LC_MESSAGES ONEBOOK_LANG=zh_CN ONEBOOK_ARCHIVE=demo/demo.onebook " +
                          test::bin("onebook-cli").string() + " " + args;
        int rc = test::run(cmd, &out, &err);
        BOOST_TEST_MESSAGE("$ onebook-cli " << args << "  → " << rc << "\n" << out.substr(0, 2000) << err);
        return rc;
    }
    /// Each sheet: name, header row, data rows, frozen cell, print titles.
    std::vector<std::vector<std::string>> xlsx(const std::string& file) {
        std::string o, e;
        BOOST_REQUIRE_MESSAGE(
            test::run("/usr/bin/python3 '" + (dir / "read.py").string() + "' '" + (dir / file).string() + "'", &o, &e) == 0, e);
        std::vector<std::vector<std::string>> sheets;
        std::istringstream in(o);
        for (std::string line; std::getline(in, line);) {
            std::vector<std::string> parts;
            std::istringstream l(line);
            for (std::string p; std::getline(l, p, '\t');) parts.push_back(p);
            sheets.push_back(parts);
        }
        return sheets;
    }
};

/// The tables of a JSON answer (one table or {"tables": […]}).
std::vector<Poco::JSON::Object::Ptr> tables_of(const std::string& json) {
    Poco::JSON::Parser parser;
    auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    std::vector<Poco::JSON::Object::Ptr> out;
    if (root->has("tables")) {
        auto list = root->getArray("tables");
        for (std::size_t i = 0; i < list->size(); ++i) out.push_back(list->getObject(static_cast<unsigned>(i)));
    } else {
        out.push_back(root);
    }
    return out;
}

std::vector<std::string> headers(const Poco::JSON::Object::Ptr& t) {
    std::vector<std::string> h;
    auto cols = t->getArray("columns");
    for (std::size_t i = 0; i < cols->size(); ++i)
        h.push_back(cols->getObject(static_cast<unsigned>(i))->getValue<std::string>("header"));
    return h;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

std::vector<std::string> lines(const std::string& text, const std::string& eol = "\n") {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find(eol, at);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(at, end - at));
        at = end + eol.size();
    }
    return out;
}

/// The header cells of a terminal table line (columns are separated by two or more spaces).
std::vector<std::string> text_cells(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ') {
            if (!cell.empty()) out.push_back(cell);
            cell.clear();
            while (i + 1 < line.size() && line[i + 1] == ' ') ++i;
        } else {
            cell += line[i];
        }
    }
    if (!cell.empty()) out.push_back(cell);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_list_says_the_same_in_every_format) {
    Demo d;
    struct List {
        std::string command;
        bool text_is_table; ///< false: the terminal shows a fuller report instead
        std::size_t tables;
    };
    const std::vector<List> lists = {
        {"member list", true, 1},
        {"record list --year 2025", true, 2},
        {"plan show --year 2025", true, 1},
        {"dues list", true, 1},
        {"doc list", true, 1},
        {"entry list", true, 1},
        {"plugins", true, 2},
        {"record templates", false, 2},
        {"assess list", true, 1},
        {"rubric list", true, 1},
        {"board templates", true, 1},
        {"package log --archive demo/superior.onebook", true, 1},
        {"package results", true, 1},
        {"check --year 2025", false, 2},
        {"assess show --year 2025", false, 2},
        {"rectify list", false, 2},
        {"rectify history 1", false, 2},
        {"summary --year 2025 --archive demo/superior.onebook", false, 5}, // counts, list, 较差, 明细表, 公示异议
    };
    int n = 0;
    for (const auto& l : lists) {
        BOOST_TEST_CONTEXT(l.command) {
            BOOST_REQUIRE(d.run(l.command + " --format json") == 0);
            auto tables = tables_of(d.out);
            BOOST_REQUIRE(tables.size() == l.tables);
            for (const auto& t : tables) {
                // Every row has every column, by key.
                auto cols = t->getArray("columns");
                auto rows = t->getArray("rows");
                for (std::size_t r = 0; r < rows->size(); ++r)
                    for (std::size_t c = 0; c < cols->size(); ++c)
                        BOOST_TEST(rows->getObject(static_cast<unsigned>(r))
                                       ->has(cols->getObject(static_cast<unsigned>(c))->getValue<std::string>("key")));
            }
            BOOST_TEST(tables[0]->getArray("rows")->size() > 0u, "the demo fills " << l.command);

            // CSV: the same header and as many rows (one table) or every table's title and header.
            BOOST_REQUIRE(d.run(l.command + " --format csv") == 0);
            BOOST_TEST(d.out.rfind("\xEF\xBB\xBF", 0) == 0u);
            auto csv = lines(d.out.substr(3), "\r\n");
            if (l.tables == 1) {
                BOOST_TEST(csv[0] == join(headers(tables[0]), ","));
                BOOST_TEST(csv.size() == 1 + tables[0]->getArray("rows")->size());
            } else {
                for (const auto& t : tables) {
                    auto title = t->getValue<std::string>("title");
                    auto at = std::find(csv.begin(), csv.end(), title);
                    BOOST_REQUIRE(at != csv.end());
                    BOOST_TEST(*(at + 1) == join(headers(t), ","));
                }
            }

            // xlsx: one sheet a table, the same headers and rows, header frozen and printed on every page.
            std::string file = "list" + std::to_string(++n) + ".xlsx";
            BOOST_REQUIRE(d.run(l.command + " --out " + file) == 0); // the extension picks the format
            auto sheets = d.xlsx(file);
            BOOST_REQUIRE(sheets.size() == tables.size());
            for (std::size_t i = 0; i < tables.size(); ++i) {
                BOOST_TEST(sheets[i][1] == join(headers(tables[i]), "|"));
                BOOST_TEST(sheets[i][2] == std::to_string(tables[i]->getArray("rows")->size()));
                BOOST_TEST(sheets[i][3] == "A3");
                BOOST_TEST(sheets[i][4] == "$2:$2");
            }

            // The terminal table: the same header cells.
            if (l.text_is_table) {
                BOOST_REQUIRE(d.run(l.command) == 0);
                auto text = lines(d.out);
                BOOST_TEST(text[0] == tables[0]->getValue<std::string>("title"));
                BOOST_TEST(join(text_cells(text[1]), "|") == join(headers(tables[0]), "|"));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(private_roster_columns_only_on_request) {
    Demo d;
    for (const char* format : {"json", "csv", "table"}) {
        BOOST_REQUIRE(d.run(std::string("member list --format ") + format) == 0);
        BOOST_TEST(d.out.find("身份证号") == std::string::npos, format);
        BOOST_TEST(d.out.find("家庭住址") == std::string::npos, format);
        // What the old JSON dropped: education, workplace, ethnicity.
        BOOST_TEST(d.out.find("工作单位及职务") != std::string::npos, format);
        BOOST_TEST(d.out.find("大学本科") != std::string::npos, format);
    }
    BOOST_REQUIRE(d.run("member list --include-private --format json") == 0);
    auto t = tables_of(d.out)[0];
    auto h = join(headers(t), "|");
    BOOST_TEST(h.find("身份证号|联系电话|家庭住址") != std::string::npos);
    auto first = t->getArray("rows")->getObject(0);
    BOOST_TEST(first->getValue<std::string>("id_number").size() == 18u);

    // The roster exported as CSV imports again (its headers are the import's names), changing nothing.
    BOOST_REQUIRE(d.run("member list --include-private --format csv --out 名册.csv") == 0);
    BOOST_REQUIRE(d.run("member import 名册.csv --dry-run") == 0);
    BOOST_TEST(d.out.find("检查通过") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(formats_and_files_are_checked) {
    Demo d;
    BOOST_TEST(d.run("member list --format xls") == 2); // an unsupported value is a usage error
    BOOST_TEST(d.err.find("xls") != std::string::npos);
    BOOST_TEST(d.run("dues list --format xlsx --out /nonexistent-folder/党费.xlsx") == 1);
    BOOST_TEST(d.err.find("/nonexistent-folder/党费.xlsx") != std::string::npos);
    // xlsx to stdout is the workbook's bytes (a zip).
    BOOST_TEST(d.run("dues list --format xlsx") == 0);
    BOOST_TEST(d.out.rfind("PK", 0) == 0u);
    // --out FILE with --format json writes JSON whatever the extension says.
    BOOST_TEST(d.run("dues list --format json --out dues.txt") == 0);
    BOOST_TEST(test::read_file(d.dir / "dues.txt").rfind("{", 0) == 0u);
    BOOST_TEST(d.out.find("dues.txt") != std::string::npos);
    // The summary CSV neutralises a formula in an explanation.
    BOOST_TEST(
        d.run(
            "summary explain --year 2025 --org 阳光社区党支部 --text '=HYPERLINK(\"http://x\",\"详见\")' --archive demo/superior.onebook") ==
        0);
    BOOST_TEST(d.run("summary csv --year 2025 --out s.csv --archive demo/superior.onebook") == 0);
    auto csv = test::read_file(d.dir / "s.csv");
    BOOST_TEST(csv.find(",\"'=HYPERLINK(") != std::string::npos);
    BOOST_TEST(csv.find(",\"=HYPERLINK(") == std::string::npos);
}
