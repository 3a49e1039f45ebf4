// Rectification items: status transitions and their history, overdue, links, refused input.
#include "onebook/dues.hpp"
#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>

namespace onebook::core {
inline std::ostream& boost_test_print_type(std::ostream& o, const Date& d) { return o << d.iso(); }
} // namespace onebook::core

using namespace onebook;
using core::Date;
using core::RectStatus;
namespace fs = std::filesystem;

namespace {

core::RectificationItem add_item(core::Rectification& rect, const std::string& issue, Date created, Date deadline) {
    core::RectificationItem it;
    it.issue = issue;
    it.measures = "每月固定开展主题党日，会前公布议程";
    it.owner = "王建国";
    it.created_on = created;
    it.deadline = deadline;
    it.target = "全年主题党日不少于 12 次";
    rect.add(it);
    return it;
}

struct Fixture {
    test::ScratchDir dir{"rectification"};
    core::Archive archive = test::make_archive(dir / "a.onebook");
    core::Rectification rect{archive.db(), archive.home().id};

    core::RectificationItem make(const std::string& issue, Date created, Date deadline) {
        return add_item(rect, issue, created, deadline);
    }
    int rows(const std::string& table) { return static_cast<int>(archive.db().scalar_int("SELECT count(*) FROM " + table)); }
};

bool throws_key_containing(const std::function<void()>& f, const std::string& part) {
    try {
        f();
    } catch (const onebook::core::Error& e) {
        std::string text = core::substitute(e.key(), e.params());
        BOOST_TEST_MESSAGE("refused: " << text);
        return text.find(part) != std::string::npos;
    }
    return false;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(full_life_cycle_keeps_every_change, Fixture) {
    auto it = make("主题党日不规范", Date(2025, 3, 1), Date(2025, 6, 30));
    BOOST_TEST(it.id > 0);
    auto stored = rect.require(it.id);
    BOOST_TEST(stored.issue == "主题党日不规范");
    BOOST_TEST(stored.target == "全年主题党日不少于 12 次");
    BOOST_CHECK(stored.status == RectStatus::Open);

    Date today(2025, 7, 10);
    rect.change_status(it.id, RectStatus::InProgress, Date(2025, 3, 5), "支委会研究部署", std::nullopt, today);
    rect.change_status(it.id, RectStatus::Done, Date(2025, 6, 20), "已连续 4 个月按时开展", std::string("3—6 月每月 15 日开展"),
                       today);
    rect.close(it.id, Date(2025, 7, 1), "街道党工委核查后销号", today);

    auto h = rect.history(it.id);
    BOOST_REQUIRE_EQUAL(h.size(), 4u);
    BOOST_CHECK(!h[0].from);
    BOOST_CHECK(h[0].to == RectStatus::Open);
    BOOST_TEST(h[0].on == Date(2025, 3, 1));
    BOOST_CHECK(*h[1].from == RectStatus::Open && h[1].to == RectStatus::InProgress);
    BOOST_TEST(h[1].note == "支委会研究部署");
    BOOST_CHECK(*h[2].from == RectStatus::InProgress && h[2].to == RectStatus::Done);
    BOOST_TEST(h[2].on == Date(2025, 6, 20));
    BOOST_CHECK(*h[3].from == RectStatus::Done && h[3].to == RectStatus::Closed);
    BOOST_TEST(h[3].note == "街道党工委核查后销号");
    auto closed = rect.require(it.id);
    BOOST_CHECK(closed.status == RectStatus::Closed);
    BOOST_TEST(closed.progress == "3—6 月每月 15 日开展");
}

BOOST_FIXTURE_TEST_CASE(invalid_transitions_are_refused_and_change_nothing, Fixture) {
    auto it = make("党员活动室面积不足", Date(2025, 3, 1), Date(2025, 9, 30));
    Date today(2025, 5, 1);
    BOOST_CHECK(
        throws_key_containing([&] { rect.change_status(it.id, RectStatus::Done, today, "", {}, today); }, "请先改为“整改中”"));
    BOOST_CHECK(throws_key_containing([&] { rect.close(it.id, today, "", today); }, "只有“已完成”的事项才能销号"));
    BOOST_CHECK(
        throws_key_containing([&] { rect.change_status(it.id, RectStatus::Open, today, "", {}, today); }, "已经是“未开始”"));
    BOOST_TEST(rows("rectification_history") == 1);
    BOOST_CHECK(rect.require(it.id).status == RectStatus::Open);

    rect.change_status(it.id, RectStatus::InProgress, today, "", std::nullopt, today);
    // Going back from in progress to open is not a step of the process.
    BOOST_CHECK(
        throws_key_containing([&] { rect.change_status(it.id, RectStatus::Open, today, "", {}, today); }, "不能改为“未开始”"));
    rect.change_status(it.id, RectStatus::Done, today, "", std::nullopt, today);
    // A review (回头看) may send a done item back.
    rect.change_status(it.id, RectStatus::InProgress, today, "回头看发现未完成", std::nullopt, today);
    rect.change_status(it.id, RectStatus::Done, today, "已完成", std::nullopt, today);
    rect.close(it.id, today, "", today);
    BOOST_CHECK(
        throws_key_containing([&] { rect.change_status(it.id, RectStatus::InProgress, today, "", {}, today); }, "已销号"));
    auto edited = rect.require(it.id);
    edited.issue = "改名";
    BOOST_CHECK(throws_key_containing([&] { rect.edit(edited); }, "已销号"));
    BOOST_TEST(rect.require(it.id).issue == "党员活动室面积不足");
    BOOST_TEST(rect.history(it.id).size() == 6u);
}

BOOST_FIXTURE_TEST_CASE(impossible_dates_are_refused, Fixture) {
    BOOST_CHECK(!Date::parse("2025-02-29"));
    BOOST_CHECK(throws_key_containing([&] { make("x", Date(2025, 6, 1), Date(2025, 5, 31)); }, "早于事项登记日期"));
    BOOST_TEST(rows("rectification_item") == 0);
    BOOST_CHECK(throws_key_containing(
        [&] {
            core::RectificationItem it;
            it.issue = "缺时限";
            it.measures = "m";
            it.owner = "o";
            rect.add(it);
        },
        "完成时限"));
    auto it = make("台账不全", Date(2025, 3, 10), Date(2025, 4, 30));
    Date today(2025, 4, 1);
    // Before the registration date, and in the future: both refused.
    BOOST_CHECK(throws_key_containing([&] { rect.change_status(it.id, RectStatus::InProgress, Date(2025, 3, 9), "", {}, today); },
                                      "早于上一次变更"));
    BOOST_CHECK(throws_key_containing([&] { rect.change_status(it.id, RectStatus::InProgress, Date(2025, 4, 2), "", {}, today); },
                                      "晚于今天"));
    rect.change_status(it.id, RectStatus::InProgress, Date(2025, 3, 20), "", std::nullopt, today);
    BOOST_CHECK(throws_key_containing([&] { rect.change_status(it.id, RectStatus::Done, Date(2025, 3, 19), "", {}, today); },
                                      "早于上一次变更"));
    BOOST_TEST(rect.history(it.id).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(overdue_items_come_first, Fixture) {
    auto a = make("A 未到期", Date(2025, 3, 1), Date(2025, 8, 31));
    auto b = make("B 逾期 10 天", Date(2025, 3, 1), Date(2025, 5, 22));
    auto c = make("C 逾期但已完成", Date(2025, 3, 1), Date(2025, 4, 30));
    auto d = make("D 逾期 40 天", Date(2025, 3, 1), Date(2025, 4, 22));
    auto e = make("E 今天到期", Date(2025, 3, 1), Date(2025, 6, 1));
    Date today(2025, 6, 1);
    rect.change_status(c.id, RectStatus::InProgress, Date(2025, 4, 1), "", std::nullopt, today);
    rect.change_status(c.id, RectStatus::Done, Date(2025, 5, 10), "完成", std::nullopt, today);
    rect.change_status(b.id, RectStatus::InProgress, Date(2025, 4, 1), "", std::nullopt, today);

    BOOST_TEST(!rect.require(a.id).overdue(today));
    BOOST_TEST(rect.require(b.id).overdue(today));
    BOOST_TEST(rect.require(b.id).days_overdue(today) == 10);
    BOOST_TEST(!rect.require(c.id).overdue(today)); // done: not overdue however late
    BOOST_TEST(rect.require(d.id).days_overdue(today) == 40);
    BOOST_TEST(!rect.require(e.id).overdue(today)); // the deadline day itself is still in time
    BOOST_TEST(rect.require(e.id).overdue(today.add_days(1)));
    BOOST_TEST(rect.count_overdue(today) == 2);

    auto list = rect.list(today);
    BOOST_REQUIRE_EQUAL(list.size(), 5u);
    BOOST_TEST(list[0].id == d.id);
    BOOST_TEST(list[1].id == b.id);
    BOOST_TEST(!list[2].overdue(today));
    // Without overdue-first, deadline order.
    auto plain = rect.list(today, {.include_closed = true, .overdue_first = false});
    BOOST_TEST(plain[0].id == d.id);
    BOOST_TEST(plain[1].id == c.id);
}

BOOST_FIXTURE_TEST_CASE(links_to_findings_and_deductions, Fixture) {
    core::Finding f;
    f.rule_id = "community.freq.assembly";
    f.window = "2025-Q2";
    core::RectificationItem it;
    it.issue = "二季度未召开支部党员大会";
    it.measures = "7 月上旬召开党员大会";
    it.owner = "王建国";
    it.created_on = Date(2025, 7, 1);
    it.deadline = Date(2025, 7, 15);
    it.source = core::RectSource::from_finding(f);
    rect.add(it);

    core::RectificationItem it2 = it;
    it2.issue = "党建联席会不足 4 次";
    it2.source = core::RectSource::parse_deduction("2025:2.3");
    rect.add(it2);

    BOOST_TEST(rect.require(it.id).source.ref == "community.freq.assembly@2025-Q2");
    BOOST_CHECK(rect.require(it.id).source.kind == core::RectSource::Kind::Finding);
    auto back = rect.linked_to(core::RectSource::finding("community.freq.assembly@2025-Q2"));
    BOOST_REQUIRE_EQUAL(back.size(), 1u);
    BOOST_TEST(back[0].id == it.id);
    auto ded = rect.require(it2.id).source;
    BOOST_CHECK(ded.kind == core::RectSource::Kind::Deduction);
    BOOST_TEST(ded.deduction_year() == 2025);
    BOOST_TEST(ded.deduction_item() == "2.3");
    BOOST_TEST(rect.linked_to(core::RectSource::deduction(2025, "2.3")).size() == 1u);
    BOOST_TEST(rect.linked_to(core::RectSource::deduction(2024, "2.3")).empty());

    BOOST_CHECK(throws_key_containing([] { core::RectSource::parse_deduction("25:2.3"); }, "年度:测评项"));
    BOOST_CHECK(throws_key_containing([] { core::RectSource::parse_deduction("2025:"); }, "测评项"));
    BOOST_CHECK(throws_key_containing([] { core::RectSource::finding("rule @2025"); }, "规则标识@时段"));
    BOOST_CHECK(throws_key_containing([] { core::RectSource::finding("rule@"); }, "规则标识@时段"));
    BOOST_CHECK_NO_THROW(core::RectSource::finding("community.structure.committee"));
}

BOOST_FIXTURE_TEST_CASE(owner_may_be_a_member, Fixture) {
    core::Roster roster(archive.db(), archive.home().id);
    core::Member m;
    m.name = "李秀兰";
    m.gender = "女";
    roster.add_member(m);
    core::RectificationItem it;
    it.issue = "谈心谈话记录不全";
    it.measures = "书记与每名党员谈心谈话一次";
    it.owner = "李秀兰";
    it.owner_member_id = m.id;
    it.created_on = Date(2025, 3, 1);
    it.deadline = Date(2025, 6, 30);
    rect.add(it);
    auto back = rect.require(it.id);
    BOOST_REQUIRE(back.owner_member_id);
    BOOST_TEST(*back.owner_member_id == m.id);
    // Removing the member keeps the printed name.
    roster.remove_member(m.id);
    back = rect.require(it.id);
    BOOST_TEST(!back.owner_member_id);
    BOOST_TEST(back.owner == "李秀兰");
}

BOOST_FIXTURE_TEST_CASE(dues_figures, Fixture) {
    core::DuesLedger dues(archive.db(), archive.home().id);
    core::DuesPeriod p;
    p.period = "2025-H1";
    p.members_due = 20;
    p.members_paid = 19;
    p.amount_fen = *core::parse_yuan("1234.5");
    dues.set(p);
    BOOST_TEST(core::format_yuan(dues.get("2025-H1")->amount_fen) == "1234.50");
    BOOST_TEST(dues.get("2025-H1")->label_zh() == "2025年上半年");
    p.members_paid = 20;
    dues.set(p); // replaces
    BOOST_TEST(dues.all().size() == 1u);
    BOOST_TEST(dues.get("2025-H1")->members_paid == 20);
    core::DuesPeriod bad = p;
    bad.period = "2025-H3";
    BOOST_CHECK(throws_key_containing([&] { dues.set(bad); }, "格式不对"));
    bad = p;
    bad.members_paid = 21;
    BOOST_CHECK(throws_key_containing([&] { dues.set(bad); }, "多于应交人数"));
    BOOST_CHECK(!core::parse_yuan("12.345"));
    BOOST_CHECK(!core::parse_yuan("-3"));
    BOOST_TEST(*core::parse_yuan("1,000元") == 100000);
}

// ---- the history is a view of the journal ------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_read_only_archive_reads_the_history_too) {
    test::ScratchDir dir{"rectification-ro"};
    const auto path = dir / "a.onebook";
    core::Id id = 0;
    {
        auto archive = test::make_archive(path);
        core::Rectification rect{archive.db(), archive.home().id};
        auto it = add_item(rect, "党务公开不及时", Date(2025, 3, 2), Date(2025, 9, 30));
        rect.change_status(it.id, RectStatus::InProgress, Date(2025, 3, 10), "支委会研究部署");
        id = it.id;
    }
    // A read-only connection (read-only media, a branch opened to look at) reads the lines too.
    auto archive = core::Archive::open_read_only(path.string());
    auto home = archive.home().id;
    std::vector<std::string> expected = {"2025-03-02 - → open 登记整改事项", "2025-03-10 open → in_progress 支委会研究部署"};
    BOOST_TEST(test::rectification_lines(archive, home, id) == expected, boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_status_change_is_one_journaled_update_and_undo_is_a_line_of_its_own, Fixture) {
    auto it = make("三会一课记录不全", Date(2025, 3, 1), Date(2025, 6, 30));
    rect.change_status(it.id, RectStatus::InProgress, Date(2025, 3, 5), "支委会研究部署");
    rect.change_status(it.id, RectStatus::Done, Date(2025, 4, 1), "补齐记录", std::string("已补齐 1—3 月记录"));
    // No table of its own: the lines are the journal's rows of the item, read through a TEMP view
    // the connection made (the file keeps none).
    BOOST_TEST(archive.db().scalar_int("SELECT count(*) FROM main.sqlite_schema WHERE name = 'rectification_history'") == 0);
    BOOST_TEST(rect.history(it.id).size() == 3u);
    BOOST_TEST(archive.db().scalar_text("SELECT type FROM temp.sqlite_schema WHERE name = 'rectification_history'") == "view");
    BOOST_TEST(archive.db().scalar_int("SELECT count(*) FROM change_row WHERE tbl = 'rectification_item' AND row_id = " +
                                       std::to_string(it.id) + " AND json_extract(after, '$.status_seq') IS NOT NULL") == 3);

    core::Journal journal(archive);
    journal.undo();
    auto back = rect.require(it.id);
    BOOST_CHECK(back.status == RectStatus::InProgress);
    BOOST_TEST(back.progress == "");
    const std::string today = Date::today().iso();
    std::vector<std::string> expected = {"2025-03-01 - → open 登记整改事项", "2025-03-05 open → in_progress 支委会研究部署",
                                         "2025-04-01 in_progress → done 补齐记录", today + " done → in_progress 撤销：补齐记录"};
    BOOST_TEST(test::rectification_lines(archive, archive.home().id, it.id) == expected, boost::test_tools::per_element());
    // The next change dates from the status the undo restored.
    BOOST_CHECK(throws_key_containing([&] { rect.change_status(it.id, RectStatus::Done, Date(2025, 3, 4), "", {}); },
                                      "早于上一次变更（2025-03-05）"));
    journal.redo();
    BOOST_CHECK(rect.require(it.id).status == RectStatus::Done);
    expected.push_back(today + " in_progress → done 重做：补齐记录");
    BOOST_TEST(test::rectification_lines(archive, archive.home().id, it.id) == expected, boost::test_tools::per_element());
    rect.close(it.id, Date(2025, 4, 20), "街道党工委核查后销号");
    BOOST_TEST(test::rectification_lines(archive, archive.home().id, it.id).back() ==
               "2025-04-20 done → closed 街道党工委核查后销号");

    // Deleted and restored from the recycle bin: the same history, no new creation line.
    rect.remove(it.id);
    auto bin = journal.trash();
    BOOST_REQUIRE(!bin.empty());
    journal.restore(bin.front().set_id);
    BOOST_TEST(rect.history(it.id).size() == 6u);
    // An id freed by a deletion and taken again starts a history of its own.
    rect.remove(it.id);
    auto again = make("党员活动室不规范", Date(2025, 5, 1), Date(2025, 9, 30));
    BOOST_TEST(again.id == it.id);
    BOOST_TEST(test::rectification_lines(archive, archive.home().id, again.id) ==
                   std::vector<std::string>{"2025-05-01 - → open 登记整改事项"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_archive_of_the_old_schema_keeps_every_history_line) {
    test::ScratchDir dir{"rectification-migration"};
    auto path = dir / "v11.onebook";
    // The schema as the release before this one left it, with the history in a table of its own.
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(test::source_dir() / "core" / "sql"))
        if (e.path().extension() == ".sql" && std::stoi(e.path().filename().string().substr(0, 4)) <= 11)
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    BOOST_REQUIRE_EQUAL(files.size(), 11u);
    std::string sql;
    for (const auto& f : files) sql += test::read_file(f) + ";\n";
    sql += "PRAGMA application_id=" + std::to_string(core::Archive::application_id) +
           "; PRAGMA user_version=11;"
           "INSERT INTO organisation(uid,name,sector,form,is_home) VALUES('u1','老支部','village','党支部',1);"
           "INSERT INTO rectification_item(organisation_id,issue,measures,owner_name,deadline,status,created_on) VALUES"
           " (1,'主题党日不规范','每月固定开展','王建国','2025-06-30','closed','2025-03-01'),"
           " (1,'党务公开不及时','每季度公开','李秀兰','2025-09-30','in_progress','2025-03-02'),"
           " (1,'台账缺失','建立台账','刘芳','2025-12-31','open','2025-04-01');"
           "INSERT INTO rectification_history(item_id,changed_on,from_status,to_status,note) VALUES"
           " (1,'2025-03-01',NULL,'open','登记整改事项'),"
           " (2,'2025-03-02',NULL,'open','党员大会通过整改方案'),"
           " (1,'2025-03-05','open','in_progress','支委会研究部署'),"
           " (2,'2025-03-10','open','in_progress',NULL),"
           " (1,'2025-06-20','in_progress','done','已连续 4 个月按时开展'),"
           " (1,'2025-06-25','done','in_progress','回头看发现未完成'),"
           " (1,'2025-06-28','in_progress','done','已完成'),"
           " (1,'2025-07-01','done','closed','街道党工委核查后销号'),"
           " (3,'2025-04-01',NULL,'open','登记整改事项');";
    test::exec_sql(path, sql);
    // Every line as the old code listed it (ordered by the history row's id, per item).
    std::map<core::Id, std::vector<std::string>> before = {
        {1,
         {"2025-03-01 - → open 登记整改事项", "2025-03-05 open → in_progress 支委会研究部署",
          "2025-06-20 in_progress → done 已连续 4 个月按时开展", "2025-06-25 done → in_progress 回头看发现未完成",
          "2025-06-28 in_progress → done 已完成", "2025-07-01 done → closed 街道党工委核查后销号"}},
        {2, {"2025-03-02 - → open 党员大会通过整改方案", "2025-03-10 open → in_progress "}},
        {3, {"2025-04-01 - → open 登记整改事项"}}};

    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.schema_version() == core::Archive::latest_schema_version());
    core::Rectification rect(a.db(), 1);
    for (const auto& [id, lines] : before) {
        BOOST_TEST_INFO("item " << id);
        BOOST_TEST(test::rectification_lines(a, 1, id) == lines, boost::test_tools::per_element());
    }
    // One change set of kind migration holds them, and it is not undone by mistake.
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_set WHERE kind = 'migration'") == 1);
    core::Journal journal(a);
    BOOST_CHECK(throws_key_containing([&] { journal.undo(); }, "不能撤销"));
    // The ledger goes on from where it was: the last change's date still counts, a new line follows.
    BOOST_CHECK(throws_key_containing([&] { rect.change_status(2, RectStatus::Done, Date(2025, 3, 9), "", {}); },
                                      "早于上一次变更（2025-03-10）"));
    rect.change_status(2, RectStatus::Done, Date(2025, 8, 1), "按季度公开");
    auto after = before[2];
    after.push_back("2025-08-01 in_progress → done 按季度公开");
    BOOST_TEST(test::rectification_lines(a, 1, 2) == after, boost::test_tools::per_element());
    journal.undo();
    BOOST_CHECK(rect.require(2).status == RectStatus::InProgress);
    BOOST_TEST(test::rectification_lines(a, 1, 2).size() == 4u);
    BOOST_TEST(a.db().scalar_text("PRAGMA integrity_check") == "ok");
}
