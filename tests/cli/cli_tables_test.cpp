// Every list command of onebook-cli in every format, on the demo archives: the terminal table,
// JSON, CSV and xlsx (read back by Debian's openpyxl) carry the same columns and rows; private
// roster columns appear only with --include-private; bad formats and paths are clear errors.
#include "cli_run.hpp"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

struct Demo : test::CliRun {
    Demo()
        : CliRun("onebook-cli-tables", {.unset = {"LC_ALL", "LC_MESSAGES"},
                                        .set = {{"ONEBOOK_LANG", "zh_CN"}, {"ONEBOOK_ARCHIVE", "demo/demo.onebook"}},
                                        .shown = 2000}) {
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
    int run(const std::string& args) { return (*this)(args); }
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

namespace {

/// The commands whose usage offers --format, as onebook-cli's help lists every registered command:
/// their words, and whether they are lists (table|json|csv|xlsx) or JSON documents.
struct FormatCommand {
    std::string words;
    bool list;
};

std::vector<FormatCommand> format_commands(const std::string& help) {
    std::vector<FormatCommand> out;
    for (const auto& line : lines(help)) {
        if (line.size() < 3 || line.rfind("  ", 0) != 0 || line[2] == ' ' || line.find("--format") == std::string::npos) continue;
        std::istringstream in(line);
        std::string words;
        for (std::string w; in >> w && std::islower(static_cast<unsigned char>(w[0]));) words += (words.empty() ? "" : " ") + w;
        if (!words.empty()) out.push_back({words, line.find("table|json|csv|xlsx") != std::string::npos});
    }
    return out;
}

/// The cells of a CSV line (headers have no commas or quotes).
std::vector<std::string> split_csv(const std::string& line) { return lines(line, ","); }

/// The value at `path` ("a.b", "a[0].b") of a JSON document, empty when absent.
Poco::Dynamic::Var value_at(Poco::Dynamic::Var v, const std::string& path) {
    std::size_t at = 0;
    while (at < path.size() && !v.isEmpty()) {
        if (path[at] == '.') ++at;
        if (path[at] == '[') {
            auto end = path.find(']', at);
            auto index = static_cast<unsigned>(std::stoul(path.substr(at + 1, end - at - 1)));
            auto array = v.extract<Poco::JSON::Array::Ptr>();
            v = index < array->size() ? array->get(index) : Poco::Dynamic::Var();
            at = end + 1;
        } else {
            auto end = path.find_first_of(".[", at);
            if (end == std::string::npos) end = path.size();
            auto object = v.extract<Poco::JSON::Object::Ptr>();
            auto key = path.substr(at, end - at);
            v = object->has(key) ? object->get(key) : Poco::Dynamic::Var();
            at = end;
        }
    }
    return v;
}

} // namespace

// Every command that offers --format, found in the help (so a new one cannot be forgotten), run
// on the demo: a list's JSON has exactly its table's columns in every row, and the terminal shows
// the same headers; a JSON document carries every field its text shows.
BOOST_AUTO_TEST_CASE(every_command_with_json_has_the_fields_of_its_table) {
    Demo d;
    const std::string superior = " --archive demo/superior.onebook";
    // What each command needs to run on the demo.
    const std::map<std::string, std::string> how = {
        {"assess list", ""},
        {"assess show", "--year 2025"},
        {"backup", "list"},
        {"board templates", ""},
        {"check", "--year 2025"},
        {"district summary", "--year 2025" + superior},
        {"doc list", ""},
        {"dues list", ""},
        {"dues members", "--year 2025"},
        {"entry list", ""},
        {"history", ""},
        {"inservice list", "--year 2025"},
        {"meeting list", "--year 2025"},
        {"member documents", ""},
        {"member list", ""},
        {"member stats", "--year 2025"},
        {"package log", superior},
        {"package results", ""},
        {"plan show", "--year 2025"},
        {"plugins", ""},
        {"record list", "--year 2025"},
        {"record templates", ""},
        {"rectify history", "1"},
        {"rectify list", ""},
        {"rubric list", ""},
        {"summary", "--year 2025" + superior},
        {"summary objections", "--year 2025" + superior},
        {"summary poor", "--year 2025" + superior},
        {"survey three-high", "--year 2025"},
        {"trash list", "--all"},
    };
    // Lists whose terminal form is a fuller report: their headers are checked in the CSV instead.
    const std::set<std::string> reports = {"check",   "assess show",      "rectify list", "rectify history", "record templates",
                                           "summary", "district summary", "history",      "trash list",      "backup"};
    // JSON documents: the fields (paths in the JSON) whose values the terminal shows, and how to run them.
    struct Document {
        std::string args;
        std::vector<std::string> fields;
    };
    const std::map<std::string, Document> documents = {
        {"record show",
         {"1",
          {"type_name", "date", "time", "place", "host", "recorder", "topic", "fields.agenda", "fields.minutes",
           "fields.resolutions", "attendance.expected", "attendance.present", "attendance.absent", "attendees[0].name"}}},
        {"rubric show",
         {"community.fenlei",
          {"name", "id", "total", "source", "sections[0].title", "sections[0].points", "sections[0].items[0].id",
           "sections[0].items[0].text", "sections[0].items[0].points", "grades[0].grade", "grades[0].min", "vetoes[0].id",
           "vetoes[0].text"}}},
        {"committee show",
         {"",
          {"terms[0].elected_on", "terms[0].term_years", "terms[0].expires_on", "terms[0].approval_ref", "terms[0].seats[0].role",
           "terms[0].seats[0].name"}}},
        {"identity", {"", {"uid", "fingerprint", "key_folder"}}},
        {"member pipeline",
         {"",
          {"people[0].id", "people[0].name", "people[0].stage", "people[0].since", "people[0].applied_on", "people[2].contacts",
           "items[0].message", "items[0].source"}}},
        {"member mobile-list",
         {"",
          {"members[0].name", "members[0].location", "members[0].card", "members[0].contact_person", "members[0].since",
           "members[0].last_contact", "due[0].message"}}},
        {"member history", {"", {"[0].date", "[0].name", "[0].kind", "[0].counterpart", "[0].letter", "[0].dues_paid_to"}}},
        {"search",
         {"党费 --limit 2", {"query", "total", "hits[0].kind_label", "hits[0].title", "hits[0].location", "hits[0].snippet"}}},
        {"package verify",
         {"demo/packages/branch-1-2025.zip",
          {"package_id", "organisation", "organisation_uid", "sector", "exported_at", "payload_oxum", "entries", "fingerprint",
           "rows.member"}}},
    };
    // Commands that change the archive or write files; their JSON is checked where they are tested.
    const std::set<std::string> writers = {"package export", "package import", "identity renew", "identity rekey"};

    BOOST_REQUIRE(d.run("--help") == 0);
    auto commands = format_commands(d.out);
    BOOST_TEST(commands.size() >= 35u);
    int lists = 0, docs = 0;
    for (const auto& c : commands) {
        BOOST_TEST_CONTEXT(c.words) {
            if (writers.count(c.words)) continue;
            if (c.list) {
                auto h = how.find(c.words);
                BOOST_REQUIRE_MESSAGE(h != how.end(), "say here how to run this new list on the demo");
                std::string command = c.words + (h->second.empty() ? "" : " " + h->second);
                BOOST_REQUIRE(d.run(command + " --format json") == 0);
                auto tables = tables_of(d.out);
                BOOST_REQUIRE(d.run(command + (reports.count(c.words) ? " --format csv" : "")) == 0);
                auto shown = lines(reports.count(c.words) ? d.out.substr(3) : d.out, reports.count(c.words) ? "\r\n" : "\n");
                for (const auto& t : tables) {
                    BOOST_TEST_CONTEXT(t->getValue<std::string>("key")) {
                        std::set<std::string> keys;
                        auto cols = t->getArray("columns");
                        for (std::size_t i = 0; i < cols->size(); ++i)
                            keys.insert(cols->getObject(static_cast<unsigned>(i))->getValue<std::string>("key"));
                        BOOST_TEST(keys.size() == cols->size(), "column keys are unique");
                        // Every row has exactly the table's fields: none dropped, none extra.
                        auto rows = t->getArray("rows");
                        for (std::size_t r = 0; r < rows->size(); ++r) {
                            std::vector<std::string> names;
                            rows->getObject(static_cast<unsigned>(r))->getNames(names);
                            BOOST_TEST(std::set<std::string>(names.begin(), names.end()) == keys);
                        }
                        // The terminal (or the CSV) has a header line with the same columns; the
                        // terminal leaves out an empty table (no plugin rejected).
                        if (rows->size() == 0) continue;
                        auto header = join(headers(t), "|");
                        bool found = false;
                        for (const auto& l : shown)
                            found = found || join(reports.count(c.words) ? split_csv(l) : text_cells(l), "|") == header;
                        BOOST_TEST(found, "the header " << header << " is shown");
                    }
                }
                ++lists;
            } else {
                auto doc = documents.find(c.words);
                BOOST_REQUIRE_MESSAGE(doc != documents.end(), "say here which fields this new JSON document must carry");
                std::string command = c.words + (doc->second.args.empty() ? "" : " " + doc->second.args);
                BOOST_REQUIRE(d.run(command + " --format json") == 0);
                Poco::JSON::Parser parser;
                auto json = parser.parse(d.out);
                int rc = d.run(command);
                BOOST_REQUIRE((rc == 0 || rc == 3)); // 3: the text lists overdue items (member pipeline)
                for (const auto& f : doc->second.fields) {
                    auto v = value_at(json, f);
                    BOOST_TEST(!v.isEmpty(), f << " is in the JSON");
                    if (!v.isEmpty())
                        BOOST_TEST(d.out.find(v.convert<std::string>()) != std::string::npos,
                                   f << " = " << v.toString() << " is shown");
                }
                ++docs;
            }
        }
    }
    BOOST_TEST(lists >= 25);
    BOOST_TEST(docs >= 8);
}
