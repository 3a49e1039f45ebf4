// Rubrics: the five sectors' forms load and add up to 100; the community 三好 form is 《社区党组织建设目标管理意见》
// verbatim; grading bands are exact at half points; malformed documents are refused with the file
// and the item named.
#include "test_support.hpp"

#include "onebook/numbers.hpp"
#include "onebook/rubric.hpp"
#include "onebook/rules.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

const std::vector<std::string> kSectors = {"community", "village", "organ", "enterprise", "eduhealth"};

struct Loaded {
    core::PluginHost host;
    core::RubricSet set;
    Loaded() {
        host.load_all();
        set = core::RubricSet::load(host);
    }
};

std::string error_text(const core::Error& e) { return core::substitute(e.key(), e.params()); }

/// Seed 000 (the source of the 三好 form): a copy in tests/fixtures/seeds, or ONEBOOK_SEEDS.
std::string seed_000() {
    fs::path dir = test::fixtures() / "seeds";
    if (const char* s = std::getenv("ONEBOOK_SEEDS"); s && *s) dir = s;
    BOOST_REQUIRE_MESSAGE(fs::is_directory(dir), "seed folder " << dir << " not found (set ONEBOOK_SEEDS)");
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("000_", 0) == 0) return test::read_file(e.path());
    BOOST_FAIL("《社区党组织建设目标管理意见》 not found in " << dir);
    return {};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

/// A minimal valid rubric document; tests break one part at a time.
std::string doc(const std::string& sections, const std::string& extra = "",
                const std::string& grades =
                    R"([{"grade":"好","min":90},{"grade":"较好","min":80},{"grade":"一般","min":60},{"grade":"较差","min":0}])") {
    return R"({"id":"t.rubric","name":"测试评分标准","sector":"community","total":100,"grades":)" + grades + R"(,"sections":)" +
           sections + extra + "}";
}

const std::string kGoodSections =
    R"([{"id":"1","title":"领导班子好","points":60,"items":[{"id":"1.1","text":"书记党龄满一年","points":30},{"id":"1.2","text":"班子团结","points":30}]},)"
    R"({"id":"2","title":"工作机制好","points":40,"items":[{"id":"2.1","text":"三会一课","points":40,"scoring":{"kind":"checklist","checks":[{"id":"a","text":"党员大会","points":20},{"id":"b","text":"支委会","points":20}]}}]}])";

core::Error parse_error(const std::string& json) {
    try {
        core::parse_rubric(json, "/plugins/community/data/rubrics/bad.json", "community");
    } catch (const core::Error& e) { return e; }
    BOOST_FAIL("document was accepted: " << json);
    throw std::logic_error("unreachable");
}

} // namespace

BOOST_AUTO_TEST_CASE(every_sector_ships_rubrics_that_load_without_problems) {
    Loaded l;
    for (const auto& e : l.set.problems()) BOOST_ERROR("rubric problem: " << error_text(e));
    for (const auto& s : kSectors) {
        auto rs = l.set.for_sector(s);
        BOOST_TEST_CONTEXT("sector " << s) {
            bool fenlei = false;
            for (const auto* r : rs) fenlei |= r->kind == "分类定级";
            BOOST_TEST(fenlei);
        }
    }
    BOOST_TEST(l.set.find("community.sanhao") != nullptr);
}

BOOST_AUTO_TEST_CASE(every_rubric_sums_to_exactly_100_points) {
    Loaded l;
    BOOST_REQUIRE_GE(l.set.all().size(), 6u);
    for (const auto& r : l.set.all()) {
        BOOST_TEST_CONTEXT("rubric " << r.id) {
            double total = 0;
            for (const auto& s : r.sections) {
                double items = 0;
                for (const auto& it : s.items) {
                    items += it.points;
                    if (it.kind == core::ScoringKind::Checklist) {
                        double checks = 0;
                        for (const auto& c : it.checks) checks += c.points;
                        BOOST_TEST(checks == it.points);
                    }
                }
                BOOST_TEST(items == s.points);
                total += s.points;
            }
            BOOST_TEST(total == 100.0);
            BOOST_TEST(r.total == 100.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(sanhao_has_the_43_items_of_seed_000_with_their_points) {
    Loaded l;
    const auto& r = l.set.require("community.sanhao");
    std::vector<double> points;
    std::vector<std::size_t> counts;
    for (const auto& s : r.sections) {
        points.push_back(s.points);
        counts.push_back(s.items.size());
    }
    BOOST_TEST(points == (std::vector<double>{20, 20, 18, 12, 10, 20}), boost::test_tools::per_element());
    BOOST_TEST(counts == (std::vector<std::size_t>{9, 6, 9, 6, 5, 8}), boost::test_tools::per_element());
    BOOST_TEST(r.item_count() == 43u);
    BOOST_REQUIRE_EQUAL(r.grades.size(), 3u);
    BOOST_TEST(r.grades[0].grade == "优秀");
    BOOST_TEST(r.grades[0].min == 90);
    BOOST_TEST(r.grades[1].grade == "合格");
    BOOST_TEST(r.grades[1].min == 60);
    BOOST_TEST(r.grades[2].grade == "不合格");
    BOOST_TEST(r.grade_for(89.5) == "合格");
    BOOST_TEST(r.grade_for(90) == "优秀");
    BOOST_TEST(r.grade_for(59.5) == "不合格");
    BOOST_TEST(r.grade_for(60) == "合格");
}

BOOST_AUTO_TEST_CASE(sanhao_text_is_verbatim_from_the_seed) {
    Loaded l;
    const auto& r = l.set.require("community.sanhao");
    auto seed = lines_of(seed_000());
    std::set<std::string> seed_lines(seed.begin(), seed.end());
    // Every section heading and every item, rebuilt as printed in the seed, is a line of the seed.
    for (const auto& s : r.sections) {
        std::string heading = s.number + s.title + "(" + core::format_number(s.points) + "分)";
        BOOST_TEST(seed_lines.count(heading) == 1u, "section heading not in seed: " << heading);
        for (const auto& it : s.items) {
            std::string line = it.number + it.text + "(" + core::format_number(it.points) + "分)";
            BOOST_TEST(seed_lines.count(line) == 1u, "item " << it.id << " not verbatim: " << line);
        }
    }
    // Spot checks, including the seed's typo "l、" (letter l) for "1、" in section 四.
    const auto* joint = r.find_item("2.2");
    BOOST_REQUIRE(joint);
    BOOST_TEST(joint->text == "成立社区党建联席会。并制定议事规则,全年开展活动不少于4次。");
    BOOST_TEST(joint->points == 4);
    const auto* typo = r.find_item("4.1");
    BOOST_REQUIRE(typo);
    BOOST_TEST(typo->number == "l、");
    BOOST_TEST(typo->text.rfind("根据不同时期党的中心工作和形势任务", 0) == 0u);
    const auto* last = r.find_item("6.8");
    BOOST_REQUIRE(last);
    BOOST_TEST(last->text == "开展群众文化活动,全年大型活动不少于2次。建立和培育文体特色队伍。组织社区居民开展“全民健身”活动。");
    BOOST_TEST(last->points == 3);
    // The whole of section 二 of the seed is covered: 43 "N、…(k分)" lines between its heading and 三、.
    int in_section = 0, item_lines = 0;
    for (const auto& line : seed) {
        if (line.rfind("二、社区党建目标管理量化考核标准", 0) == 0) in_section = 1;
        else if (line.rfind("三、", 0) == 0) in_section = 0;
        else if (in_section && line.find("分)") != std::string::npos && line.find("、") != std::string::npos &&
                 line.rfind("(", 0) != 0)
            ++item_lines;
    }
    BOOST_TEST(item_lines == 43);
}

BOOST_AUTO_TEST_CASE(fenlei_rubrics_grade_with_exact_half_point_boundaries) {
    Loaded l;
    for (const auto& s : kSectors) {
        const auto& r = l.set.require(s + ".fenlei");
        BOOST_TEST_CONTEXT(r.id) {
            BOOST_TEST(r.grade_for(100) == "好");
            BOOST_TEST(r.grade_for(90) == "好");
            BOOST_TEST(r.grade_for(89.5) == "较好");
            BOOST_TEST(r.grade_for(80) == "较好");
            BOOST_TEST(r.grade_for(79.5) == "一般");
            BOOST_TEST(r.grade_for(60) == "一般");
            BOOST_TEST(r.grade_for(59.5) == "较差");
            BOOST_TEST(r.grade_for(0) == "较差");
            // The five goods, in order, with the 群众反映好 section from the survey.
            std::vector<std::string> titles;
            for (const auto& sec : r.sections) titles.push_back(sec.title);
            BOOST_TEST(titles == (std::vector<std::string>{"领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好"}),
                       boost::test_tools::per_element());
            for (const auto& it : r.sections.back().items) BOOST_TEST((it.kind == core::ScoringKind::Survey));
            BOOST_REQUIRE(r.survey.has_value());
            BOOST_TEST(r.survey->table.back().min_rate == 0);
            // Every item cites its source; the vetoes of 《分类定级工作文件汇编》 第三篇 are there.
            for (const auto& sec : r.sections)
                for (const auto& it : sec.items) BOOST_TEST(!it.source.empty(), "item " << it.id << " has no source");
            BOOST_TEST(r.find_veto("leader_violation") != nullptr);
            // The new-branch veto is for 两新 organisations only (seed 002 第三篇), dated by the region.
            const auto* nb = r.find_veto("new_branch");
            BOOST_TEST((nb != nullptr) == (s == "enterprise"));
            if (nb) BOOST_TEST(nb->from_setting == "new_branch_campaign_from");
            BOOST_TEST(!r.distribution.explain_grades.empty());
        }
    }
    // Explanations: community/village/enterprise for 好 and 较差; organ/eduhealth for 一般 and 较差.
    BOOST_TEST(l.set.require("village.fenlei").distribution.explain_grades == (std::vector<std::string>{"好", "较差"}),
               boost::test_tools::per_element());
    BOOST_TEST(l.set.require("organ.fenlei").distribution.explain_grades == (std::vector<std::string>{"一般", "较差"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sector_specific_items_are_present) {
    Loaded l;
    auto has = [&](const std::string& rubric, const std::string& words) {
        for (const auto& s : l.set.require(rubric).sections)
            for (const auto& it : s.items)
                if (it.text.find(words) != std::string::npos) return true;
        return false;
    };
    BOOST_TEST(has("village.fenlei", "村“两委”"));
    BOOST_TEST(has("village.fenlei", "党员活动室面积不少于100平方米"));
    BOOST_TEST(has("village.fenlei", "党务公开日"));
    BOOST_TEST(has("organ.fenlei", "列入行政经费预算"));
    BOOST_TEST(has("organ.fenlei", "双述双评"));
    BOOST_TEST(has("enterprise.fenlei", "两个覆盖"));
    BOOST_TEST(has("enterprise.fenlei", "三同步"));
    BOOST_TEST(has("eduhealth.fenlei", "师德医德"));
    BOOST_TEST(has("community.fenlei", "联席会"));
}

BOOST_AUTO_TEST_CASE(computed_items_name_rules_the_sector_defines) {
    Loaded l;
    for (const auto& r : l.set.all()) {
        const auto* plugin = l.host.find(r.sector);
        BOOST_REQUIRE(plugin);
        if (plugin->contributions(core::ExtensionPoint::Rules).empty()) {
            BOOST_ERROR("plugin " << r.sector << " has no rules, yet rubric " << r.id << " computes items from rules");
            continue;
        }
        std::set<std::string> ids;
        for (const auto& rule : core::load_rules(*plugin)) ids.insert(rule.id);
        int computed = 0;
        for (const auto& s : r.sections)
            for (const auto& it : s.items) {
                computed += it.kind == core::ScoringKind::ThreeHigh; // computed from the 三高 survey
                for (const auto& rule : it.rules) {
                    ++computed;
                    BOOST_TEST(ids.count(rule) == 1u, r.id << " item " << it.id << " names unknown rule " << rule);
                }
            }
        BOOST_TEST(computed > 0, r.id << " has no computed item");
    }
}

BOOST_AUTO_TEST_CASE(a_valid_minimal_document_parses) {
    auto r = core::parse_rubric(doc(kGoodSections), "x.json", "community");
    BOOST_TEST(r.item_count() == 3u);
    BOOST_TEST((r.find_item("2.1")->kind == core::ScoringKind::Checklist));
    BOOST_TEST(r.grade_rank("较差") == 3);
}

BOOST_AUTO_TEST_CASE(malformed_rubrics_are_refused_naming_file_and_item) {
    // Items that do not add up to their section.
    auto e = parse_error(doc(
        R"([{"id":"1","title":"领导班子好","points":100,"items":[{"id":"1.1","text":"甲","points":60},{"id":"1.2","text":"乙","points":30}]}])"));
    BOOST_TEST(error_text(e).find("bad.json") != std::string::npos);
    BOOST_TEST(error_text(e).find("领导班子好") != std::string::npos);
    BOOST_TEST(e.param("sum") == "90");
    BOOST_TEST(e.where().file == "/plugins/community/data/rubrics/bad.json");

    // Sections that add up to 99.
    e = parse_error(doc(R"([{"id":"1","title":"甲","points":99,"items":[{"id":"1.1","text":"甲","points":99}]}])"));
    BOOST_TEST(e.param("sum") == "99");

    // A total other than 100.
    e = parse_error(R"({"id":"t","name":"t","total":90,"grades":[{"grade":"a","min":0}],"sections":[]})");
    BOOST_TEST(e.where().field == "total");

    // Duplicate item ids.
    e = parse_error(doc(
        R"([{"id":"1","title":"甲","points":100,"items":[{"id":"1.1","text":"甲","points":50},{"id":"1.1","text":"乙","points":50}]}])"));
    BOOST_TEST(e.param("id") == "1.1");

    // Points that are not half-point multiples.
    e = parse_error(doc(
        R"([{"id":"1","title":"甲","points":100,"items":[{"id":"1.1","text":"甲","points":98.7},{"id":"1.2","text":"乙","points":1.3}]}])"));
    BOOST_TEST(error_text(e).find("条目 1.1") != std::string::npos);

    // Checklist whose checks do not add up.
    e = parse_error(doc(
        R"([{"id":"1","title":"甲","points":100,"items":[{"id":"1.1","text":"甲","points":100,"scoring":{"kind":"checklist","checks":[{"id":"a","text":"x","points":40}]}}]}])"));
    BOOST_TEST(error_text(e).find("条目 1.1") != std::string::npos);
    BOOST_TEST(e.param("sum") == "40");

    // Computed without rules, unknown formula, unknown kind.
    e = parse_error(doc(
        R"([{"id":"1","title":"甲","points":100,"items":[{"id":"1.1","text":"甲","points":100,"scoring":{"kind":"computed","rules":[]}}]}])"));
    BOOST_TEST(error_text(e).find("条目 1.1") != std::string::npos);
    e = parse_error(doc(
        R"([{"id":"1","title":"甲","points":100,"items":[{"id":"1.1","text":"甲","points":100,"scoring":{"kind":"computed","rules":["x"],"formula":"magic"}}]}])"));
    BOOST_TEST(e.param("formula") == "magic");
    e = parse_error(doc(
        R"([{"id":"1","title":"甲","points":100,"items":[{"id":"1.1","text":"甲","points":100,"scoring":{"kind":"guess"}}]}])"));
    BOOST_TEST(e.param("kind") == "guess");

    // Bands: not descending; last not 0.
    e = parse_error(doc(kGoodSections, "", R"([{"grade":"好","min":80},{"grade":"较好","min":90},{"grade":"较差","min":0}])"));
    BOOST_TEST(e.param("grade") == "较好");
    e = parse_error(doc(kGoodSections, "", R"([{"grade":"好","min":90},{"grade":"较好","min":80}])"));
    BOOST_TEST(e.param("grade") == "较好");

    // Veto naming an unknown grade.
    e = parse_error(
        doc(kGoodSections, R"(,"vetoes":[{"id":"v","kind":"flag","effect":"set","grade":"很差","text":"违法违纪"}])"));
    BOOST_TEST(e.param("grade") == "很差");

    // Survey item without a conversion table.
    e = parse_error(doc(
        R"([{"id":"1","title":"群众反映好","points":100,"items":[{"id":"1.1","text":"测评","points":100,"scoring":{"kind":"survey"}}]}])"));
    BOOST_TEST(e.where().field == "survey");

    // A rubric of another sector inside this plugin.
    e = parse_error(R"({"id":"t","name":"t","sector":"village","grades":[{"grade":"a","min":0}],"sections":[]})");
    BOOST_TEST(e.param("plugin") == "community");

    // Not JSON at all.
    e = parse_error("{not json");
    BOOST_TEST(error_text(e).find("bad.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_rubric_ids_across_plugins_are_refused) {
    core::RubricSet set;
    set.add(core::parse_rubric(doc(kGoodSections), "a.json", "community"));
    BOOST_CHECK_THROW(set.add(core::parse_rubric(doc(kGoodSections), "b.json", "community")), core::Error);
    BOOST_CHECK_THROW(set.require("nope"), core::Error);
}

BOOST_AUTO_TEST_CASE(floor_half_rounds_proposals_down) {
    BOOST_TEST(core::floor_half(1.8333) == 1.5);
    BOOST_TEST(core::floor_half(2.25) == 2.0);
    BOOST_TEST(core::floor_half(3.0) == 3.0);
    BOOST_TEST(core::floor_half(2.9999999999) == 3.0); // floating noise from 0.1+0.2-style sums
    BOOST_TEST(core::format_number(2.5) == "2.5");
    BOOST_TEST(core::format_number(20) == "20");
}

// Every citation of seed 000 in the data (plugins, the sector base, board templates) names a clause
// that exists there — 二(三)2 is item 2 of sub-section (三) of section 二; 三、3 is item 3 of section 三 —
// and the words quoted after it (up to ……) are that clause's words.
BOOST_AUTO_TEST_CASE(every_seed_000_citation_names_a_clause_of_the_seed) {
    // The seed's clauses: section → sub-section → item number → the line.
    std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> clauses;
    std::string section, sub;
    static const std::vector<std::string> numerals = {"一", "二", "三", "四", "五", "六"};
    for (const auto& line : lines_of(seed_000())) {
        for (const auto& n : numerals) {
            if (line.rfind(n + "、", 0) == 0) section = n, sub.clear();
            if (line.rfind("(" + n + ")", 0) == 0) sub = n, clauses[section][sub]["heading"] = line;
        }
        auto dot = line.find("、");
        if (!section.empty() && dot != std::string::npos && dot <= 2) {
            std::string num = line.substr(0, dot) == "l" ? "1" : line.substr(0, dot); // the seed's "l、" typo
            clauses[section][sub][num] = line;
        }
    }
    BOOST_REQUIRE(clauses["二"]["三"].count("9"));
    // Punctuation differs between the seed (half-width) and the data (full-width): compare without it.
    auto bare = [](const std::string& t) {
        static const std::vector<std::string> marks = {",", "，", "。", "、", "(", ")", "（", "）", "\"", "“",
                                                       "”", " ",  ".",  "：", ":", "—", "-",  "《", "》", "'"};
        std::string out = t;
        for (const auto& m : marks)
            for (auto at = out.find(m); at != std::string::npos; at = out.find(m)) out.erase(at, m.size());
        return out;
    };
    const std::string title = "《社区党组织建设目标管理意见》";
    static const std::regex cite("^ ?(一|二|三|四|五|六)(?:\\((一|二|三|四|五|六)\\))?(?:、)?([0-9]+)?");
    static const std::regex wrong_form("^ ?(一|二|三|四|五|六)\\([0-9]+\\)|^ ?（[一二三四五六]）");
    int checked = 0, quoted = 0;
    for (const char* root : {"plugins", "templates"}) {
        for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / root)) {
            if (e.path().extension() != ".json") continue;
            std::ifstream in(e.path());
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            for (auto at = text.find(title); at != std::string::npos; at = text.find(title, at + 1)) {
                std::string rest = text.substr(at + title.size(), 400);
                BOOST_TEST(!std::regex_search(rest, wrong_form),
                           e.path().filename().string() << ": the seed numbers its clauses 二(三)2, not " << rest.substr(0, 12));
                std::smatch m;
                if (!std::regex_search(rest, m, cite)) continue; // the title alone, or a list of titles
                if (!m[2].matched && !m[3].matched) continue;    // a whole section: 二、…
                ++checked;
                BOOST_TEST_CONTEXT(e.path().filename().string() << ": " << title << rest.substr(0, m.length())) {
                    const auto& sec = clauses[m[1]];
                    std::string s = m[2].matched ? std::string(m[2]) : std::string();
                    BOOST_TEST(sec.count(s) == 1u, "no sub-section (" << s << ")");
                    if (!sec.count(s)) continue;
                    std::string key = m[3].matched ? std::string(m[3]) : "heading";
                    BOOST_TEST(sec.at(s).count(key) == 1u, "no item " << key);
                    if (!sec.at(s).count(key)) continue;
                    // A quotation after "：" must be the clause's own words (up to …… or the next clause).
                    std::string after = rest.substr(m.length());
                    if (after.rfind("：", 0) != 0) continue;
                    std::string quote = after.substr(std::string("：").size());
                    for (const char* stop : {"……", "；", "\"", "，", "。"})
                        if (auto cut = quote.find(stop); cut != std::string::npos) quote = quote.substr(0, cut);
                    if (quote.size() < 9) continue; // a word or two: a label, not a quotation
                    ++quoted;
                    BOOST_TEST(bare(sec.at(s).at(key)).find(bare(quote)) != std::string::npos,
                               "quotation not in the clause: " << quote);
                }
            }
        }
    }
    BOOST_TEST(checked > 40);
    BOOST_TEST(quoted > 10);
}
