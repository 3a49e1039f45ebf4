// Search: the onebook_cjk tokenizer, 1- to 5-character Chinese queries against a plain substring
// scan (and against FTS5's trigram tokenizer, which misses short ones), ranking, highlighting, and
// the index staying consistent with the data through inserts, updates, deletes and rollbacks.
#include "onebook/archive/search.hpp"

#include "onebook/organisation_store.hpp"
#include "onebook/schema_version.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <set>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> texts_of(const std::vector<archive::CjkToken>& toks) {
    std::vector<std::string> out;
    for (const auto& t : toks) out.push_back((t.colocated ? "+" : "") + t.text);
    return out;
}

// Sentences from the seeds' vocabulary; combined at random into records.
const std::vector<std::string>& phrases() {
    static const std::vector<std::string> p = {
        "按时足额交纳党费",
        "党费收缴情况每半年公布一次",
        "召开支部党员大会",
        "组织生活会查摆问题",
        "党小组会学习党章",
        "支部委员会研究发展党员",
        "主题党日志愿服务",
        "谈心谈话覆盖全体党员",
        "整改措施落实到人",
        "群众满意度测评",
        "党务公开日",
        "党建联席会共驻共建",
        "在职党员报到",
        "流动党员管理",
        "费用报销",
        "党课由书记讲授",
        "民主评议党员",
        "入党积极分子培养",
        "学习时长不少于32学时",
        "PDF扫描件 2025年度",
        "三会一课制度",
        "费收",
        "党，费用",
        "收缴党费2025年",
    };
    return p;
}

std::string substring_lower(const std::string& s) {
    std::string out = s;
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

struct Corpus {
    std::vector<archive::SearchItem> items;
    std::set<std::string> containing(const std::string& q) const {
        std::set<std::string> refs;
        for (const auto& it : items)
            if (substring_lower(it.title).find(substring_lower(q)) != std::string::npos ||
                substring_lower(it.body).find(substring_lower(q)) != std::string::npos)
                refs.insert(it.ref);
        return refs;
    }
};

Corpus make_corpus(core::Archive& a, int n) {
    Corpus c;
    std::mt19937 rng(20250701);
    const auto& p = phrases();
    std::uniform_int_distribution<std::size_t> pick(0, p.size() - 1);
    std::uniform_int_distribution<int> len(1, 6);
    archive::SearchIndex index(a);
    core::Transaction tx(a.db());
    for (int i = 0; i < n; ++i) {
        archive::SearchItem it;
        it.kind = "test";
        it.ref = std::to_string(i);
        it.title = p[pick(rng)];
        int k = len(rng);
        for (int j = 0; j < k; ++j) it.body += p[pick(rng)] + (j % 2 ? "。" : "，");
        index.put(it);
        c.items.push_back(it);
    }
    tx.commit();
    return c;
}

std::set<std::string> refs_of(const archive::SearchResult& r) {
    std::set<std::string> s;
    for (const auto& h : r.hits) s.insert(h.ref);
    return s;
}

archive::SearchOptions all_hits() {
    archive::SearchOptions o;
    o.limit = 0;
    return o;
}

} // namespace

BOOST_AUTO_TEST_CASE(tokenizer_emits_unigrams_with_colocated_bigrams_and_whole_latin_words) {
    BOOST_TEST(texts_of(archive::cjk_tokens("党费收缴")) ==
                   (std::vector<std::string>{"党", "+党费", "费", "+费收", "收", "+收缴", "缴"}),
               boost::test_tools::per_element());
    BOOST_TEST(texts_of(archive::cjk_tokens("党费收缴", true)) == (std::vector<std::string>{"党费", "费收", "收缴"}),
               boost::test_tools::per_element());
    BOOST_TEST(texts_of(archive::cjk_tokens("党", true)) == (std::vector<std::string>{"党"}), boost::test_tools::per_element());
    // Punctuation separates; no bigram crosses it. Latin and numbers are whole words, folded.
    BOOST_TEST(texts_of(archive::cjk_tokens("党，费 PDF文件2025年")) ==
                   (std::vector<std::string>{"党", "费", "pdf", "文", "+文件", "件", "2025", "年"}),
               boost::test_tools::per_element());
    BOOST_TEST(texts_of(archive::cjk_tokens("ＰＤＦ２０２５")) == (std::vector<std::string>{"pdf2025"}),
               boost::test_tools::per_element());
    // Offsets are bytes of the original text: the bigram spans both characters.
    auto t = archive::cjk_tokens("党费");
    BOOST_TEST(t.size() == 3u);
    BOOST_TEST(t[0].start == 0);
    BOOST_TEST(t[0].end == 3);
    BOOST_TEST(t[1].start == 0);
    BOOST_TEST(t[1].end == 6);
    // Malformed UTF-8 is skipped, never an error.
    BOOST_TEST(texts_of(archive::cjk_tokens(std::string("党\xff费"))) == (std::vector<std::string>{"党", "费"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(match_expression_quotes_terms_and_drops_syntax) {
    BOOST_TEST(archive::match_expression("党费") == "\"党费\"");
    BOOST_TEST(archive::match_expression("  党费\u3000收缴 ") == "\"党费\" AND \"收缴\"");
    BOOST_TEST(archive::match_expression("pdf") == "\"pdf\" *");
    BOOST_TEST(archive::match_expression("a\"b") == "\"a\"\"b\" *");
    BOOST_TEST(archive::match_expression("，。！") == "");
    BOOST_TEST(archive::match_expression("") == "");
}

BOOST_AUTO_TEST_CASE(queries_of_one_to_five_characters_agree_with_a_substring_scan) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    auto corpus = make_corpus(a, 400);
    archive::SearchIndex index(a);
    const std::vector<std::string> queries = {"党",         "费",         "收",        "年",                    // 1 character
                                              "党费",       "费收",       "党员",      "书记",  "公开", "费用", // 2
                                              "交纳党",     "党费收",     "联席会",                             // 3
                                              "党费收缴情", "按时足额交", "共驻共建",                           // 4–5
                                              "2025",       "pdf",        "PDF扫描件", "32学时"};
    for (const auto& q : queries) {
        auto expected = corpus.containing(q);
        auto got = index.search(q, all_hits());
        BOOST_TEST_INFO("query " << q);
        BOOST_TEST(got.total == static_cast<int>(expected.size()));
        BOOST_TEST(refs_of(got) == expected, boost::test_tools::per_element());
        BOOST_TEST(index.count(q) == static_cast<int>(expected.size()));
    }
    // "党，费用" holds 党 and 费 side by side only across a comma: 党费 must not match it there
    // (such a record is found through its body only, and its title carries no mark).
    auto dangfei = index.search("党费", all_hits());
    int across_comma = 0;
    for (const auto& h : dangfei.hits)
        if (h.title.find("党，费") != std::string::npos) {
            BOOST_TEST(h.title == "党，费用");
            ++across_comma;
        }
    BOOST_TEST(across_comma > 0);
}

BOOST_AUTO_TEST_CASE(the_trigram_tokenizer_misses_what_we_find) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    auto corpus = make_corpus(a, 200);
    archive::SearchIndex index(a);
    auto& db = a.db();
    db.exec("CREATE VIRTUAL TABLE tri USING fts5(title, body, tokenize='trigram')");
    {
        auto ins = db.prepare("INSERT INTO tri(rowid, title, body) VALUES (?, ?, ?)");
        for (const auto& it : corpus.items) {
            ins.bind_all(static_cast<std::int64_t>(std::stoll(it.ref)), it.title, it.body).run();
            ins.reset();
        }
    }
    for (std::string q : {"党", "党费", "费收"}) {
        auto expected = corpus.containing(q);
        BOOST_REQUIRE(!expected.empty());
        auto st = db.prepare("SELECT count(*) FROM tri WHERE tri MATCH ?");
        st.bind(1, "\"" + q + "\"");
        st.step();
        std::int64_t trigram = st.get_int(0);
        BOOST_TEST_INFO("query " << q);
        BOOST_TEST(trigram < static_cast<std::int64_t>(expected.size())); // trigram cannot match < 3 characters
        BOOST_TEST(index.count(q) == static_cast<int>(expected.size()));
    }
}

BOOST_AUTO_TEST_CASE(hits_are_ranked_by_bm25_with_titles_first_and_matches_marked) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    archive::SearchIndex index(a);
    std::string filler;
    for (int i = 0; i < 30; ++i) filler += "组织生活会查摆问题，整改措施落实到人。";
    index.put({"test", "title", std::nullopt, "关于党费收缴的通知", "请各党小组按时完成。", "", ""});
    index.put({"test", "long", std::nullopt, "会议纪要", filler + "顺带提到党费。" + filler, "", ""});
    index.put({"test", "dense", std::nullopt, "学习记录", "党费党费，党费按月交纳。", "", ""});
    index.put({"test", "none", std::nullopt, "费用报销", "党员活动经费。", "", ""});
    auto r = index.search("党费");
    BOOST_REQUIRE(r.hits.size() == 3u);
    BOOST_TEST(r.hits[0].ref == "title");
    BOOST_TEST(r.hits[2].ref == "long"); // one mention in a long body ranks last
    for (std::size_t i = 1; i < r.hits.size(); ++i) BOOST_TEST(r.hits[i - 1].rank <= r.hits[i].rank);
    BOOST_TEST(r.hits[0].title == "关于【党费】收缴的通知");
    BOOST_TEST(r.hits[1].snippet.find("【党费】【党费】，【党费】按月") != std::string::npos);
    BOOST_TEST(r.hits[2].snippet.find("顺带提到【党费】。") != std::string::npos);

    // One character: only that character is marked (not the bigram it starts).
    archive::SearchOptions bold;
    bold.open = "<b>";
    bold.close = "</b>";
    auto one = index.search("费", bold);
    bool saw_title = false;
    for (const auto& h : one.hits)
        if (h.ref == "title") {
            BOOST_TEST(h.title == "关于党<b>费</b>收缴的通知");
            saw_title = true;
        }
    BOOST_TEST(saw_title);
    BOOST_TEST(one.total == 4);
    // Three characters: exactly the three.
    auto three = index.search("费收缴");
    BOOST_REQUIRE(three.hits.size() == 1u);
    BOOST_TEST(three.hits[0].title == "关于党【费收缴】的通知");
    // Limit and offset page through the ranked hits; total counts them all.
    archive::SearchOptions page;
    page.limit = 1;
    page.offset = 1;
    auto second = index.search("党费", page);
    BOOST_TEST(second.total == 3);
    BOOST_REQUIRE(second.hits.size() == 1u);
    BOOST_TEST(second.hits[0].ref == r.hits[1].ref);
}

BOOST_AUTO_TEST_CASE(queries_are_literal_text_never_fts_syntax) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    archive::SearchIndex index(a);
    index.put({"test", "1", std::nullopt, "党费 OR 会费", "NEAR(党 费)", "", ""});
    for (std::string q : {"OR", "NEAR(", "\"", "党费 OR", "*", "^党", "col:党", "-党", "，。"}) {
        BOOST_CHECK_NO_THROW(index.search(q));
    }
    BOOST_TEST(index.count("OR") == 1);
    BOOST_TEST(index.count("，。") == 0);
    BOOST_TEST(index.count("党费 会费") == 1); // both terms
    BOOST_TEST(index.count("党费 团费") == 0);
}

namespace {

core::Id home_id(core::Archive& a) { return a.home().id; }

void add_rectification(core::Archive& a, core::Id id, const std::string& issue, const std::string& measures) {
    auto st = a.db().prepare("INSERT INTO rectification_item(id, organisation_id, issue, measures, owner_name, deadline, "
                             "created_on) VALUES (?, ?, ?, ?, '王建国', '2025-06-30', '2025-03-01')");
    st.bind_all(id, home_id(a), issue, measures).run();
}

} // namespace

BOOST_AUTO_TEST_CASE(the_index_follows_inserts_updates_deletes_and_rollbacks) {
    test::ScratchDir dir("search");
    auto path = dir / "a.onebook";
    {
        auto a = test::make_archive(path);
        // Written before any search: the tokenizer is not even registered on this connection.
        add_rectification(a, 1, "党费收缴不及时", "每月5日前收缴党费");
        archive::SearchIndex index(a);
        BOOST_TEST(index.count("党费") == 1);
        auto r = index.search("收缴");
        BOOST_REQUIRE(r.hits.size() == 1u);
        BOOST_TEST(r.hits[0].kind == "rectification");
        BOOST_TEST(r.hits[0].kind_label == "整改事项");
        BOOST_TEST(r.hits[0].location.find("整改台账") != std::string::npos);
        BOOST_TEST(r.hits[0].organisation == "测试社区党支部");
    }
    {
        // A new connection (no tokenizer registered) writes through the triggers without error.
        auto a = core::Archive::open(path.string());
        a.db().exec("UPDATE rectification_item SET issue = '组织生活会不规范', measures = '按季度召开' WHERE id = 1");
        add_rectification(a, 2, "党务公开不及时", "每季度首月15日公开");
        a.db().exec("UPDATE rectification_item SET status = 'in_progress', status_on = '2025-03-02', "
                    "status_note = '党员大会通过整改方案', status_seq = status_seq + 1 WHERE id = 2");
        archive::SearchIndex index(a);
        BOOST_TEST(index.count("党费") == 0);
        BOOST_TEST(index.count("组织生活") == 1);
        BOOST_TEST(index.count("整改方案") == 1); // a status change's note
        a.db().exec("DELETE FROM rectification_item WHERE id = 1");
        BOOST_TEST(index.count("组织生活") == 0);
        {
            core::Transaction tx(a.db());
            add_rectification(a, 3, "党费台账缺失", "建立台账");
            BOOST_TEST(index.count("台账缺失") == 1); // visible inside the transaction
        }                                             // rolled back
        BOOST_TEST(index.count("台账缺失") == 0);
        BOOST_TEST(index.count("党务") == 1);
        BOOST_TEST(index.size() == 1); // item 2 only
    }
}

BOOST_AUTO_TEST_CASE(records_documents_and_entries_are_indexed_with_their_place_in_the_book) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    auto org = home_id(a);
    auto rec =
        a.db().prepare("INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) "
                       "VALUES (?, 'assembly', '支部党员大会', '2025-03-15', '社区党群服务中心', '王建国', "
                       "'研究党费收缴', json_object('content', '会议通报了上半年党费收缴情况', 'resolutions', '一致通过'))");
    rec.bind(1, org).run();
    a.db()
        .prepare("INSERT INTO book_entry(organisation_id, section_id, entry_date, title, body) VALUES (?, "
                 "'innovation.entries', '2025-04-01', '红色物业', '党建引领物业服务')")
        .bind(1, org)
        .run();
    archive::SearchIndex index(a);
    auto r = index.search("收缴情况");
    BOOST_REQUIRE(r.hits.size() == 1u);
    BOOST_TEST(r.hits[0].kind == "record");
    BOOST_TEST(r.hits[0].item_date == "2025-03-15");
    BOOST_TEST(r.hits[0].location.find("2025-03-15 支部党员大会") != std::string::npos);
    BOOST_TEST(r.hits[0].snippet.find("【收缴情况】") != std::string::npos);
    BOOST_TEST(index.count("一致通过") == 1); // a template field
    BOOST_TEST(index.count("党群服务") == 1); // the place
    BOOST_TEST(index.count("物业") == 1);
    BOOST_TEST(index.count("物") == 1);

    // rebuild_index() re-derives the same items from the sources, and the FTS index from them.
    int before = index.size();
    a.db().exec("DELETE FROM search_item");
    BOOST_TEST(index.count("物业") == 0);
    BOOST_TEST(archive::rebuild_index(a) == before);
    BOOST_TEST(index.count("物业") == 1);
    BOOST_TEST(index.count("收缴情况") == 1);
}

BOOST_AUTO_TEST_CASE(standard_rule_texts_are_searchable_and_an_edit_replaces_them) {
    core::PluginHost plugins;
    plugins.load_all();
    BOOST_REQUIRE(plugins.find("community"));
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    archive::SearchIndex index(a, &plugins);
    // 民主评议党员制度 ships with the community plugin; the archive stores nothing of it.
    auto r = index.search("民主评议", archive::SearchOptions{});
    int standard = 0;
    for (const auto& h : r.hits)
        if (h.kind == "ruletext" && h.ref == std::to_string(a.home().id) + ":appraisal") {
            ++standard;
            BOOST_TEST(h.location.find("基本制度") != std::string::npos); // {section:…} became the book's titles
        }
    BOOST_TEST(standard == 1);
    int before = index.count("评议");
    // The branch edits it: the edited text replaces the standard one (no duplicate item).
    a.db()
        .prepare("INSERT INTO rule_text(organisation_id, text_id, section_id, title, body) VALUES "
                 "(?, 'appraisal', 'rules.texts', '民主评议党员制度（修订）', '每年十二月开展一次，结合“红色幸福里”积分管理。')")
        .bind(1, a.home().id)
        .run();
    BOOST_TEST(index.count("红色幸福里") == 1);
    BOOST_TEST(index.count("每两年进行一次民主评议") == 0);
    BOOST_TEST(index.count("评议") == before);
    // Dropping the edit brings the standard text back.
    a.db().exec("DELETE FROM rule_text WHERE text_id = 'appraisal'");
    BOOST_TEST(index.count("红色幸福里") == 0);
    BOOST_TEST(index.count("每两年进行一次民主评议") == 1);
}

BOOST_AUTO_TEST_CASE(deduction_reasons_in_force_are_searchable) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    auto& db = a.db();
    db.prepare("INSERT INTO assessment(id, organisation_id, rubric_id, year) VALUES (7, ?, 'community.fenlei', 2025)")
        .bind(1, a.home().id)
        .run();
    db.exec("INSERT INTO assessment_score(assessment_id, round, item_id, points, reason) VALUES "
            "(7, 'superior', '2.6', 2.5, '流动党员参加组织生活情况记录不全')");
    archive::SearchIndex index(a);
    auto r = index.search("流动党员");
    BOOST_REQUIRE(r.hits.size() == 1u);
    BOOST_TEST(r.hits[0].kind == "assessment");
    BOOST_TEST(r.hits[0].title.find("第 2.6 项（组织考核）") != std::string::npos);
    // A new score of the same item replaces the old one (append-only history, latest in force).
    db.exec("INSERT INTO assessment_score(assessment_id, round, item_id, points, reason) VALUES "
            "(7, 'superior', '2.6', 2.0, '流动党员马俊全年未参加组织生活')");
    BOOST_TEST(index.count("记录不全") == 0);
    BOOST_TEST(index.count("马俊") == 1);
    // The grade and a veto's reason are searchable too.
    db.exec("UPDATE assessment SET final_grade = '较差', grade_explanation = '班子成员参与违纪，按否决项定为较差' WHERE id = 7");
    BOOST_TEST(index.count("否决") == 1);
    db.exec("DELETE FROM assessment WHERE id = 7");
    BOOST_TEST(index.size("assessment") == 0);
}

BOOST_AUTO_TEST_CASE(foreign_key_actions_keep_the_index_in_step) {
    // Deleting a member sets rectification_item.owner_member_id to NULL: the FK action's UPDATE fires
    // the index triggers under the action's conflict policy (a step's OR IGNORE would not hold there).
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    auto& db = a.db();
    db.prepare("INSERT INTO member(id, organisation_id, name, status) VALUES (5, ?, '刘芳', '正式党员')")
        .bind(1, a.home().id)
        .run();
    db.prepare(
          "INSERT INTO rectification_item(organisation_id, issue, measures, owner_member_id, owner_name, deadline, created_on) "
          "VALUES (?, '党费台账不全', '补齐台账', 5, '刘芳', '2025-06-30', '2025-03-01')")
        .bind(1, a.home().id)
        .run();
    archive::SearchIndex index(a);
    BOOST_TEST(index.count("台账") == 1);
    db.exec("UPDATE search_item SET body = body WHERE kind = 'rectification'"); // a pending entry exists already
    BOOST_CHECK_NO_THROW(db.exec("DELETE FROM member WHERE id = 5"));
    BOOST_TEST(db.scalar_int("SELECT owner_member_id IS NULL FROM rectification_item") == 1);
    BOOST_TEST(index.count("台账") == 1);
    BOOST_TEST(index.count("刘芳") == 1); // the printed owner stays
}

BOOST_AUTO_TEST_CASE(page_marks_come_from_the_text_and_agree_with_the_index) {
    test::ScratchDir dir("search");
    auto a = test::make_archive(dir / "a.onebook");
    auto corpus = make_corpus(a, 300);
    archive::SearchIndex index(a);
    // Every hit the index returns is marked, and the marks are exactly the occurrences of the query
    // (for Chinese text: the substring, overlapping occurrences as one mark).
    for (std::string q : {"党", "费", "党费", "费收", "交纳党", "党费收缴情", "联席会"}) {
        auto r = index.search(q, all_hits());
        BOOST_TEST_INFO("query " << q);
        BOOST_TEST(r.total == static_cast<int>(corpus.containing(q).size()));
        for (const auto& it : corpus.items) {
            for (const std::string* text : {&it.title, &it.body}) {
                std::vector<std::pair<std::size_t, std::size_t>> expected;
                for (auto p = text->find(q); p != std::string::npos; p = text->find(q, p + 1)) {
                    if (!expected.empty() && p < expected.back().second) expected.back().second = p + q.size();
                    else expected.emplace_back(p, p + q.size());
                }
                BOOST_TEST((archive::cjk_match_ranges(*text, q) == expected), *text);
            }
        }
    }
    // Side by side across a comma is no match; a trailing latin word is a prefix; terms are ANDed
    // but each is marked where it stands.
    BOOST_TEST(archive::cjk_highlight("党，费用", "党费", "[", "]") == "党，费用");
    BOOST_TEST(archive::cjk_highlight("PDF扫描件 pdfs", "pdf", "[", "]") == "[PDF]扫描件 [pdfs]");
    BOOST_TEST(archive::cjk_highlight("收缴党费，按时交纳", "党费 交纳", "[", "]") == "收缴[党费]，按时[交纳]");
    BOOST_TEST(archive::cjk_highlight("费费费", "费费", "[", "]") == "[费费费]");
    // A snippet: about N characters around the densest matches, from a sentence start when close,
    // with an ellipsis where text is left out; without a match, the start.
    std::string filler;
    for (int i = 0; i < 10; ++i) filler += "组织生活会查摆问题，整改措施落实到人。";
    auto s = archive::cjk_snippet(filler + "顺带提到党费。" + filler, "党费", "[", "]", "…", 12);
    BOOST_TEST(s == "…顺带提到[党费]。组织生活会查…");
    BOOST_TEST(archive::cjk_snippet("党费党费，党费按月交纳。", "党费", "[", "]", "…", 24) == "[党费][党费]，[党费]按月交纳");
    BOOST_TEST(archive::cjk_snippet(filler, "电梯", "[", "]", "…", 6) == "组织生活会查…");
}

namespace {

/// The search index's triggers and views kept in one schema ("main": the file; "temp": the connection).
std::int64_t search_objects_in(core::Archive& a, const std::string& schema) {
    return a.db().scalar_int("SELECT count(*) FROM " + schema +
                             ".sqlite_schema WHERE type IN ('trigger', 'view') AND name GLOB 'search_*'");
}

void add_record(core::Archive& a, const std::string& topic) {
    a.db()
        .prepare("INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) "
                 "VALUES (?, 'assembly', '支部党员大会', '2025-03-15', '', '', ?, '{}')")
        .bind_all(home_id(a), topic)
        .run();
}

} // namespace

// SQLite parses every object kept in the file on each connection's first statement: the search
// index's triggers and views live with a connection that writes, never in the file.
BOOST_AUTO_TEST_CASE(a_reading_process_parses_no_search_trigger_and_a_writing_one_keeps_the_index) {
    test::ScratchDir dir("search-temp");
    auto path = dir / "a.onebook";
    {
        auto a = test::make_archive(path);
        add_rectification(a, 1, "党费收缴不及时", "每月5日前收缴党费");
        BOOST_TEST(archive::SearchIndex(a).count("收缴") == 1);
        BOOST_TEST(search_objects_in(a, "main") == 0);
    }
    {
        auto a = core::Archive::open(path.string());
        archive::SearchIndex index(a);
        BOOST_TEST(index.count("收缴") == 1);
        BOOST_TEST(search_objects_in(a, "main") == 0);
        BOOST_TEST(search_objects_in(a, "temp") == 0); // only read: nothing made
        add_record(a, "研究红色物业服务");
        BOOST_TEST(search_objects_in(a, "main") == 0);
        BOOST_TEST(search_objects_in(a, "temp") == 34); // 27 triggers and 7 views
        BOOST_TEST(index.count("红色物业") == 1);
        a.db().exec("UPDATE rectification_item SET measures = '按季度召开支部党员大会' WHERE id = 1");
        BOOST_TEST(index.count("季度召开") == 1);
    }
    {
        // What that process wrote is in the file's index for the next one, which only reads.
        auto a = core::Archive::open(path.string());
        archive::SearchIndex index(a);
        BOOST_TEST(index.count("红色物业") == 1);
        BOOST_TEST(index.count("季度召开") == 1);
        BOOST_TEST(index.count("5日前") == 0);
        BOOST_TEST(search_objects_in(a, "temp") == 0);
    }
}

BOOST_AUTO_TEST_CASE(an_archive_of_schema_19_migrates_and_still_searches) {
    test::ScratchDir dir("search-19");
    auto path = dir / "old.onebook";
    // An archive of schema 19, whose file keeps the search triggers that indexed its record.
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(test::source_dir() / "core" / "sql"))
        if (e.path().extension() == ".sql" && std::stoi(e.path().filename().string().substr(0, 4)) <= 19)
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string sql;
    for (const auto& f : files) sql += test::read_file(f) + ";\n";
    sql += "PRAGMA application_id=" + std::to_string(core::Archive::application_id) +
           "; PRAGMA user_version=19;"
           "INSERT INTO organisation(uid,name,sector,form,is_home) VALUES('u1','老支部','community','党支部',1);"
           "INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) VALUES "
           " (1, 'assembly', '支部党员大会', '2024-05-10', '', '', '学习新修订的纪律处分条例', '{}');";
    test::exec_sql(path, sql);
    {
        auto a = core::Archive::open(path.string());
        BOOST_TEST(a.schema_version() == core::Archive::latest_schema_version());
        BOOST_TEST(search_objects_in(a, "main") == 0);
        archive::SearchIndex index(a);
        BOOST_TEST(index.count("纪律处分") == 1);
        add_record(a, "开展主题党日志愿服务");
        a.db().exec("UPDATE record SET topic = '学习党章' WHERE id = 1");
        BOOST_TEST(index.count("志愿服务") == 1);
        BOOST_TEST(index.count("纪律处分") == 0);
        BOOST_TEST(index.count("党章") == 1);
    }
    // A package of this archive states schema 19: the migration changed no table, so the
    // previous OneBook still imports it.
    BOOST_TEST(core::package_schema_version(20) == 19);
    BOOST_TEST(core::package_schema_version(19) == 19);
    BOOST_TEST(core::package_schema_version(18) == 18);
}
