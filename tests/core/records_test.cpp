// Meeting records: validation against the template, attendance, quorum, storage round trip.
#include "records_fixture.hpp"

#include "onebook/error.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

using namespace onebook;
using core::Date;

namespace {

const Date kToday(2026, 11, 25);

std::set<std::string> fields_of(const std::vector<core::RecordProblem>& problems) {
    std::set<std::string> out;
    for (const auto& p : problems) out.insert(p.field);
    return out;
}

bool mentions(const std::vector<core::RecordProblem>& problems, const std::string& text) {
    for (const auto& p : problems)
        if (core::substitute(p.message.key, p.message.params).find(text) != std::string::npos) return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_bad_record_reports_every_problem_at_once_and_stores_nothing) {
    test::Branch b;
    auto store = b.store();
    const auto& t = b.tmpl("assembly");
    core::Record r;
    r.type = "assembly";
    r.date = Date(2026, 12, 3); // after today
    r.host = "王小二";          // not in the roster
    r.recorder = "赵六";        // not in the roster
    r.hours = 2;                // assemblies carry no study hours
    r.fields["minutes"] = "讨论发展党员";
    r.fields["weather"] = "晴";                          // no such field
    store.fill_attendance(r, t, {}, {{"李四", "出差"}}); // not a member
    auto problems = store.validate(r, t, kToday);
    auto f = fields_of(problems);
    for (const char* field : {"date", "place", "host", "recorder", "topic", "hours", "weather", "attendees"})
        BOOST_CHECK_MESSAGE(f.count(field) == 1u, "expected a problem for " << field);
    BOOST_TEST(mentions(problems, "2026-12-03 晚于今天"));
    BOOST_TEST(mentions(problems, "王小二 不在本支部党员名册中"));
    BOOST_TEST(mentions(problems, "赵六 不在本支部党员名册中"));
    BOOST_TEST(mentions(problems, "李四 不是本支部党员"));
    BOOST_TEST(mentions(problems, "没有字段“weather”"));

    try {
        store.add(r, t, kToday);
        BOOST_FAIL("add accepted an invalid record");
    } catch (const core::RecordInvalid& e) {
        BOOST_TEST(e.problems().size() == problems.size());
        BOOST_TEST(e.param("count") == std::to_string(problems.size()));
    }
    BOOST_TEST(store.list().empty());
}

BOOST_AUTO_TEST_CASE(field_kinds_are_checked) {
    test::Branch b;
    auto store = b.store();
    const auto& t = b.tmpl("dues_disclosure");
    core::Record r;
    r.date = Date(2025, 7, 8);
    r.place = "党务公开栏";
    r.host = "刘芳";
    r.fields = {{"period", "2025年1月至6月"}, {"amount", "两千元"}};
    auto problems = store.validate(r, t, kToday);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(mentions(problems, "“收缴金额（元）”应为数字"));
    r.fields["amount"] = "2864.5";
    BOOST_TEST(store.validate(r, t, kToday).empty());

    const auto& talk = b.tmpl("talk");
    core::Record k;
    k.date = Date(2025, 3, 2);
    k.time = "25:00";
    k.place = "党员家中";
    k.host = "王建国";
    k.topic = "谈心";
    k.fields = {{"minutes", "谈思想"}, {"talk_kind", "闲聊"}};
    store.fill_attendance(k, talk, {"陈志强"}, {});
    auto kp = store.validate(k, talk, kToday);
    BOOST_TEST(fields_of(kp) == (std::set<std::string>{"time", "talk_kind"}));
    BOOST_TEST(mentions(kp, "不在可选项"));
    k.time = "09:30-10:15";
    k.fields["talk_kind"] = "书记与党员";
    BOOST_TEST(store.validate(k, talk, kToday).empty());
    // Chosen scope: the attendance is exactly who was listed.
    BOOST_TEST(k.summary().expected == 1);
}

BOOST_AUTO_TEST_CASE(attendance_is_computed_from_the_scope) {
    test::Branch b;
    auto store = b.store();
    // Assembly on 2025-06-26: everyone who had joined (林涛 joined 2025-03-01) is expected.
    core::Id id = b.add("assembly", Date(2025, 6, 26), {}, {{"马俊", "外出务工"}, {"张伟", "出差"}});
    auto r = store.get(id);
    BOOST_REQUIRE(r);
    auto s = r->summary();
    BOOST_TEST(s.expected == 9);
    BOOST_TEST(s.present == 7);
    BOOST_TEST(s.absent == 2);
    BOOST_TEST(s.rate_text() == "77.8%");
    auto ma = std::find_if(r->attendance.begin(), r->attendance.end(), [](const auto& a) { return a.name == "马俊"; });
    BOOST_REQUIRE(ma != r->attendance.end());
    BOOST_TEST(!ma->present);
    BOOST_TEST(ma->reason == "外出务工");
    BOOST_TEST(ma->member_id.value_or(0) == b.ids["马俊"]);

    // Before 林涛 joined he is not expected; with --present given, the unlisted are absent.
    core::Id early = b.add("assembly", Date(2025, 1, 20), {"王建国", "李秀兰", "何平", "吴静", "刘芳"});
    auto e = store.get(early)->summary();
    BOOST_TEST(e.expected == 8);
    BOOST_TEST(e.present == 5);
    BOOST_TEST(e.absent == 3);

    // Committee meeting: the five seats.
    auto c = store.get(b.add("committee", Date(2025, 2, 5)))->summary();
    BOOST_TEST(c.expected == 5);
    BOOST_TEST(c.present == 5);

    // Group meeting: only that group's members; someone from another group is refused.
    auto g = store.get(b.add("group", Date(2025, 4, 10), {}, {}, 0, false, "陈志强", "第二党小组"));
    BOOST_TEST(g->summary().expected == 3);
    BOOST_TEST(g->group == "第二党小组");
    const auto& gt = b.tmpl("group");
    core::Record bad = *g;
    bad.id = 0;
    store.fill_attendance(bad, gt, {"陈志强", "吴静", "刘芳", "王建国"}, {});
    auto problems = store.validate(bad, gt, kToday);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(mentions(problems, "王建国 不在本次“党小组会”的应到人员中"));
    bad.group = "第九党小组";
    BOOST_TEST(mentions(store.validate(bad, gt, kToday), "党小组“第九党小组”不存在"));
}

BOOST_AUTO_TEST_CASE(host_and_recorder_cannot_be_absent_and_attendees_must_have_joined) {
    test::Branch b;
    auto store = b.store();
    const auto& t = b.tmpl("study");
    core::Record r;
    r.date = Date(2024, 12, 20);
    r.place = "活动室";
    r.host = "何平";
    r.recorder = "吴静";
    r.topic = "学习党章";
    r.hours = 2;
    r.fields["minutes"] = "学习";
    store.fill_attendance(r, t, {}, {{"吴静", "请假"}});
    auto problems = store.validate(r, t, kToday);
    BOOST_TEST(fields_of(problems) == std::set<std::string>{"recorder"});
    // 林涛 joined in 2025: he cannot be listed at a 2024 meeting.
    store.fill_attendance(r, t, {}, {});
    r.attendance.push_back({{}, "林涛", true, {}});
    BOOST_TEST(mentions(store.validate(r, t, kToday), "林涛 在 2024-12-20 尚未入党"));
}

BOOST_AUTO_TEST_CASE(quorum_counts_full_members_or_committee_members_present) {
    test::Branch b;
    auto store = b.store();
    // 8 full members: 5 present is a majority, 4 is not; the probationary member never counts.
    core::Id ok = b.add("assembly", Date(2025, 6, 26), {"王建国", "李秀兰", "何平", "吴静", "刘芳", "林涛"}, {}, 0, true);
    auto r1 = store.get(ok);
    auto q1 = store.quorum(*r1, b.tmpl("assembly"));
    BOOST_TEST(q1.base_count == 8);
    BOOST_TEST(q1.present == 5);
    BOOST_TEST(q1.needed == 5);
    BOOST_TEST(q1.met());
    BOOST_TEST(r1->quorum_met.value_or(false));
    BOOST_TEST(!r1->flagged());

    core::Id thin = b.add("assembly", Date(2025, 9, 26), {"王建国", "李秀兰", "何平", "吴静", "林涛"}, {}, 0, true);
    auto r2 = store.get(thin);
    BOOST_TEST(store.quorum(*r2, b.tmpl("assembly")).present == 4);
    BOOST_TEST(r2->flagged());

    // Committee: 3 of 5 decide, 2 of 5 do not.
    BOOST_TEST(!store.get(b.add("committee", Date(2025, 3, 5), {"王建国", "李秀兰", "吴静"}, {}, 0, true))->flagged());
    auto c = store.get(b.add("committee", Date(2025, 4, 5), {"王建国", "吴静"}, {{"何平", "外出培训"}}, 0, true));
    BOOST_TEST(c->flagged());
    BOOST_TEST(store.quorum(*c, b.tmpl("committee")).needed == 3);

    // Without a vote there is nothing to flag; a vote where none is allowed is refused.
    auto plain = store.get(b.add("assembly", Date(2025, 10, 20), {"王建国", "吴静"}));
    BOOST_TEST(!plain->quorum_met.has_value());
    BOOST_TEST(!plain->flagged());
    BOOST_CHECK_THROW(b.add("theme_day", Date(2025, 5, 15), {}, {}, 0, true), core::RecordInvalid);
}

BOOST_AUTO_TEST_CASE(records_round_trip_update_remove_and_list) {
    test::Branch b;
    auto store = b.store();
    const auto& t = b.tmpl("lecture");
    core::Record r;
    r.date = Date(2025, 7, 1);
    r.time = "14:30-17:30";
    r.place = "社区党员活动室";
    r.host = "街道党工委副书记 孙立"; // an outside speaker: the lecture's host is free text
    r.recorder = "吴静";
    r.topic = "坚定理想信念";
    r.hours = 3;
    r.fields = {{"minutes", "授课并交流研讨"}, {"agenda", "一、授课；二、研讨"}};
    r.attachments = {"签到表.jpg", "现场照片1.jpg"};
    store.fill_attendance(r, t, {}, {{"马俊", "外出务工"}});
    core::Id id = store.add(r, t, kToday);
    auto got = store.get(id);
    BOOST_REQUIRE(got);
    BOOST_TEST(got->type == "lecture");
    BOOST_TEST(got->type_name == "党课");
    BOOST_TEST(got->date == Date(2025, 7, 1));
    BOOST_TEST(got->host == "街道党工委副书记 孙立");
    BOOST_TEST(!got->host_id.has_value());
    BOOST_TEST(got->recorder_id.value_or(0) == b.ids["吴静"]);
    BOOST_TEST(got->hours == 3.0);
    BOOST_TEST(got->fields.at("agenda") == "一、授课；二、研讨");
    BOOST_TEST(got->attachments == r.attachments, boost::test_tools::per_element());
    BOOST_TEST(got->value("attendees").find("王建国") != std::string::npos);

    got->topic = "全面从严治党永远在路上";
    got->hours = 2.5;
    store.update(*got, t, kToday);
    BOOST_TEST(store.get(id)->topic == "全面从严治党永远在路上");
    BOOST_TEST(store.get(id)->hours == 2.5);
    BOOST_TEST(store.get(id)->attendance.size() == got->attendance.size());
    // A bad update changes nothing.
    auto broken = *got;
    broken.date = Date(2027, 1, 1);
    BOOST_CHECK_THROW(store.update(broken, t, kToday), core::RecordInvalid);
    BOOST_TEST(store.get(id)->date == Date(2025, 7, 1));

    b.add("study", Date(2024, 12, 20));
    b.add("study", Date(2025, 1, 20));
    BOOST_TEST(store.list().size() == 3u);
    BOOST_TEST(store.list(2025).size() == 2u);
    BOOST_TEST(store.list(2025, "study").size() == 1u);
    BOOST_TEST(store.list({}, "集体学习").size() == 2u);
    BOOST_TEST(store.count(2024) == 1);
    store.remove(id);
    BOOST_TEST(!store.get(id));
    BOOST_CHECK_THROW(store.remove(id), core::Error);
}
