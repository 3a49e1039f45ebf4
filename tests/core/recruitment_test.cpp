// 发展党员 pipeline and the roster's history: every time rule at its exact boundary, admission
// joining the roster, the roster as it was on a given date, and the older activist list folded in.
#include "test_support.hpp"

#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/member_history.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/roster.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace onebook;
using core::Date;

namespace {

core::RecruitmentRules shipped_rules() { return core::RecruitmentRules::load(nullptr, {}, {test::source_dir() / "templates"}); }

core::Id add_record(core::Archive& a, const std::string& date) {
    auto st =
        a.db().prepare("INSERT INTO record(organisation_id, type, type_name, date) VALUES(?, 'assembly', '支部党员大会', ?)");
    st.bind_all(a.home().id, date).run();
    return a.db().last_insert_id();
}

std::string error_key(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) { return core::substitute(e.key(), e.params()) + " | " + e.param("source"); }
    return "(no error)";
}

/// Items of one person and rule kind on `today`, as "state due".
std::vector<std::string> items(core::Recruitment& r, const Date& today, const std::string& rule_id) {
    std::vector<std::string> out;
    for (const auto& it : r.due(today))
        if (it.rule_id == rule_id) out.push_back(it.state + " " + (it.due ? it.due->iso() : std::string("-")));
    return out;
}

core::Id applicant(core::Recruitment& r, const std::string& name, const Date& applied) {
    core::Recruit p;
    p.name = name;
    p.gender = "男";
    p.birth_date = Date(1998, 4, 2);
    p.applied_on = applied;
    return r.apply(p);
}

using archive::fixtures::add_recruit_event;

} // namespace

BOOST_AUTO_TEST_CASE(the_shipped_rules_cover_every_step_and_cite_their_source) {
    auto rules = shipped_rules();
    for (const char* kind : {"talk_after_application", "activist_contacts", "activist_review", "activist_min_period",
                             "political_review", "training", "public_notice", "probation", "oath"}) {
        BOOST_TEST_INFO(kind);
        const auto* r = rules.by_kind(kind);
        BOOST_REQUIRE(r);
        BOOST_TEST((r->source.find("《中国共产党发展党员工作细则》第") == 0 || r->source.find("《中国共产党章程》第") == 0));
    }
    BOOST_TEST(rules.param("training", "min_days", 0) == 3);
    BOOST_TEST(rules.param("training", "min_hours", 0) == 24);
    BOOST_TEST(rules.param("probation", "months", 0) == 12);
    // A region overrides one rule by id; the others stay.
    auto local = core::RecruitmentRules::parse(
        R"({"rules":[{"id":"recruitment.public_notice","kind":"public_notice","source":"某省发展党员工作规程 第二十条","params":{"min_days":7}}]})",
        "local.json");
    rules.override_with(local);
    BOOST_TEST(rules.param("public_notice", "min_days", 0) == 7);
    BOOST_TEST(rules.rules().size() == 9u);
    // A broken file names itself and the field.
    try {
        core::RecruitmentRules::parse(R"({"rules":[{"id":"x","kind":"nonsense","source":"s"}]})", "bad.json");
        BOOST_FAIL("accepted an unknown kind");
    } catch (const core::Error& e) {
        BOOST_TEST(e.where().file == "bad.json");
        BOOST_TEST(e.where().field == "rules[0].kind");
    }
}

BOOST_AUTO_TEST_CASE(talk_within_one_month_of_the_application) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Recruitment r(a.db(), a.home().id, shipped_rules());
    auto id = applicant(r, "赵小川", Date(2025, 1, 31));
    // One month after 31 January is 28 February: due on that day, late the day after.
    BOOST_TEST(items(r, Date(2025, 2, 28), "recruitment.talk_after_application") == std::vector<std::string>{"待办 2025-02-28"});
    BOOST_TEST(items(r, Date(2025, 3, 1), "recruitment.talk_after_application") == std::vector<std::string>{"逾期 2025-02-28"});
    add_recruit_event(r, id, "谈话", Date(2025, 2, 28));
    BOOST_TEST(items(r, Date(2025, 3, 1), "recruitment.talk_after_application").empty());
}

BOOST_AUTO_TEST_CASE(a_candidate_needs_one_full_year_as_activist_and_a_contact) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Recruitment r(a.db(), a.home().id, shipped_rules());
    auto id = applicant(r, "钱多多", Date(2023, 9, 1));
    // No skipping stages.
    BOOST_TEST(error_key([&] { r.move(id, "发展对象", Date(2024, 3, 1), add_record(a, "2024-03-01")); }).find("下一阶段应为") !=
               std::string::npos);
    r.move(id, "入党积极分子", Date(2024, 3, 1), {}, "支委会确定");
    // Reviews every half year: due on 2024-09-01, late the day after; a review moves the date.
    BOOST_TEST(items(r, Date(2024, 9, 1), "recruitment.activist_review") == std::vector<std::string>{"待办 2024-09-01"});
    BOOST_TEST(items(r, Date(2024, 9, 2), "recruitment.activist_review") == std::vector<std::string>{"逾期 2024-09-01"});
    add_recruit_event(r, id, "考察", Date(2024, 8, 20));
    BOOST_TEST(items(r, Date(2024, 9, 2), "recruitment.activist_review").empty());
    BOOST_TEST(items(r, Date(2025, 2, 20), "recruitment.activist_review") == std::vector<std::string>{"待办 2025-02-20"});
    BOOST_TEST(items(r, Date(2024, 9, 2), "recruitment.contacts") == std::vector<std::string>{"待办 -"});

    auto rec = add_record(a, "2025-02-28");
    // One day short of a year: refused, citing the article.
    auto key = error_key([&] { r.move(id, "发展对象", Date(2025, 2, 28), rec, {}, {"王建国", "李秀兰"}); });
    BOOST_TEST(key.find("前不能列为发展对象") != std::string::npos);
    BOOST_TEST(key.find("第十三条") != std::string::npos);
    // A year to the day, but without a contact (细则 第九条: 一至两名): refused.
    BOOST_TEST(error_key([&] { r.move(id, "发展对象", Date(2025, 3, 1), rec); }).find("培养联系人") != std::string::npos);
    // The decision needs its meeting record.
    BOOST_TEST(error_key([&] {
                   r.move(id, "发展对象", Date(2025, 3, 1), {}, {}, {"王建国", "李秀兰"});
               }).find("会议记录") != std::string::npos);
    r.move(id, "发展对象", Date(2025, 3, 1), rec, {}, {"王建国", "李秀兰"});
    auto p = r.recruit(id);
    BOOST_TEST(p->stage == "发展对象");
    BOOST_TEST(p->contacts.size() == 2u);
    // Nothing stored changed by the refused moves: one move per stage.
    int moves = 0;
    for (const auto& e : r.events(id)) moves += e.kind == "阶段";
    BOOST_TEST(moves == 3);
}

BOOST_AUTO_TEST_CASE(admission_needs_review_training_and_a_full_public_notice_then_joins_the_roster) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Recruitment r(a.db(), a.home().id, shipped_rules());
    auto id = applicant(r, "孙悦", Date(2023, 1, 5));
    add_recruit_event(r, id, "谈话", Date(2023, 1, 20));
    r.move(id, "入党积极分子", Date(2023, 3, 1), {}, {}, {"王建国", "李秀兰"});
    r.move(id, "发展对象", Date(2024, 3, 1), add_record(a, "2024-03-01"));
    auto rec = add_record(a, "2024-05-06");
    auto refused = [&](const Date& on) { return error_key([&] { r.move(id, "预备党员", on, rec); }); };
    BOOST_TEST(refused(Date(2024, 5, 6)).find("政治审查") != std::string::npos);
    add_recruit_event(r, id, "政审", Date(2024, 4, 1));
    // 2 days and 16 hours is short of both 3 days and 24 hours.
    add_recruit_event(r, id, "培训", Date(2024, 4, 10), 2.0, 16.0);
    BOOST_TEST(refused(Date(2024, 5, 6)).find("集中培训") != std::string::npos);
    BOOST_TEST(items(r, Date(2024, 5, 6), "recruitment.training").size() == 1u);
    add_recruit_event(r, id, "培训", Date(2024, 4, 20), std::nullopt, 8.0); // 24 hours in all: enough
    BOOST_TEST(items(r, Date(2024, 5, 6), "recruitment.training").empty());
    BOOST_TEST(refused(Date(2024, 5, 6)).find("尚未公示") != std::string::npos);
    add_recruit_event(r, id, "公示", Date(2024, 5, 1));
    // Five days of notice from 1 May end on 6 May: the 5th is too early, the 6th is fine.
    BOOST_TEST(refused(Date(2024, 5, 5)).find("公示") != std::string::npos);
    r.move(id, "预备党员", Date(2024, 5, 6), rec);

    core::Roster roster(a.db(), a.home().id);
    auto m = roster.member_by_name("孙悦");
    BOOST_REQUIRE(m);
    BOOST_TEST(m->status == "预备党员");
    BOOST_TEST(m->join_date->iso() == "2024-05-06");
    BOOST_TEST(r.recruit(id)->member_id.value_or(0) == m->id);

    // Probation ends 2025-05-06: due from 30 days before, late the day after, and full
    // membership is refused before the end.
    BOOST_TEST(items(r, Date(2025, 4, 5), "recruitment.probation").empty());
    BOOST_TEST(items(r, Date(2025, 4, 6), "recruitment.probation") == std::vector<std::string>{"待办 2025-05-06"});
    BOOST_TEST(items(r, Date(2025, 5, 6), "recruitment.probation") == std::vector<std::string>{"待办 2025-05-06"});
    auto late = r.due(Date(2025, 5, 7));
    auto it =
        std::find_if(late.begin(), late.end(), [](const core::PipelineItem& i) { return i.rule_id == "recruitment.probation"; });
    BOOST_REQUIRE(it != late.end());
    BOOST_TEST(it->state == "逾期");
    BOOST_TEST(core::substitute(it->message.key, it->message.params) == "孙悦 预备期 2025-05-06 届满，支部尚未讨论转正");
    BOOST_TEST(items(r, Date(2025, 5, 7), "recruitment.oath") == std::vector<std::string>{"待办 -"});
    auto full = add_record(a, "2025-05-06");
    BOOST_TEST(error_key([&] { r.move(id, "正式党员", Date(2025, 5, 5), full); }).find("预备期至 2025-05-06 届满") !=
               std::string::npos);
    r.move(id, "正式党员", Date(2025, 5, 6), full);
    m = roster.member_by_name("孙悦");
    BOOST_TEST(m->status == "正式党员");
    BOOST_TEST(m->full_date->iso() == "2025-05-06");
    BOOST_TEST(r.due(Date(2025, 6, 1)).empty());
    BOOST_TEST(r.recruits(false).empty());
    BOOST_TEST(r.recruits(true).size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_roster_as_of_a_date_follows_transfers_and_status_changes) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Roster roster(a.db(), a.home().id);
    core::MemberHistory history(a.db(), a.home().id);
    core::Member leaver;
    leaver.name = "周远";
    leaver.join_date = Date(2010, 7, 1);
    roster.add_member(leaver);
    core::Member stayer;
    stayer.name = "吴静";
    stayer.join_date = Date(2012, 7, 1);
    roster.add_member(stayer);
    // Attendance of a past meeting points at the leaver.
    auto rec = add_record(a, "2025-03-10");
    auto att = a.db().prepare("INSERT INTO record_attendance(record_id, member_id, name, present) VALUES(?, ?, '周远', 1)");
    att.bind_all(rec, leaver.id).run();

    core::Movement out;
    out.member_id = leaver.id;
    out.kind = "转出";
    out.on = Date(2025, 6, 30);
    out.counterpart = "光明街道第二社区党支部";
    out.letter_ref = "幸组转〔2025〕3号";
    out.dues_paid_to = "2025-06";
    BOOST_TEST(error_key([&] {
                   auto bad = out;
                   bad.counterpart.clear();
                   history.depart(bad);
               }).find("对方党组织") != std::string::npos);
    BOOST_TEST(error_key([&] {
                   auto bad = out;
                   bad.dues_paid_to = "2025-6";
                   history.depart(bad);
               }).find("党费交至") != std::string::npos);
    history.depart(out);
    BOOST_TEST(error_key([&] {
                   core::Movement again;
                   again.member_id = leaver.id;
                   again.kind = "死亡";
                   again.on = Date(2025, 8, 1);
                   again.reason = "病故";
                   history.depart(again);
               }).find("不在名册中") != std::string::npos);

    core::Member newcomer;
    newcomer.name = "郑毅";
    newcomer.join_date = Date(2015, 7, 1);
    core::Movement in;
    in.on = Date(2025, 3, 1);
    in.counterpart = "红星村党支部";
    in.letter_ref = "红组转〔2025〕1号";
    history.transfer_in(newcomer, in);

    auto names = [&](const Date& on) {
        std::vector<std::string> v;
        for (const auto& m : history.roster_on(on)) v.push_back(m.name);
        return v;
    };
    BOOST_TEST(names(Date(2025, 2, 28)) == (std::vector<std::string>{"吴静", "周远"}), boost::test_tools::per_element());
    // Names sort by pinyin (wu, zheng, zhou).
    BOOST_TEST(names(Date(2025, 3, 1)) == (std::vector<std::string>{"吴静", "郑毅", "周远"}), boost::test_tools::per_element());
    BOOST_TEST(names(Date(2025, 6, 29)).size() == 3u);
    // Leaving on 30 June: off the roster that day.
    BOOST_TEST(names(Date(2025, 6, 30)) == (std::vector<std::string>{"吴静", "郑毅"}), boost::test_tools::per_element());
    BOOST_TEST(names(Date(2011, 12, 31)) == std::vector<std::string>{"周远"});
    BOOST_TEST(roster.count_members() == 2);
    BOOST_TEST(roster.members().size() == 2u);
    // Still in the archive: the member row, the movement and the old attendance.
    BOOST_TEST(roster.member(leaver.id).has_value());
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM record_attendance WHERE member_id = " + std::to_string(leaver.id)) == 1);
    auto moves = history.movements();
    BOOST_REQUIRE(moves.size() == 2u);
    BOOST_TEST(moves[0].member_name == "周远");
    BOOST_TEST(moves[0].letter_ref == "幸组转〔2025〕3号");
    BOOST_TEST(moves[0].dues_paid_to == "2025-06");
    // A status change needs a reason.
    core::Movement died;
    died.member_id = stayer.id;
    died.kind = "死亡";
    died.on = Date(2025, 9, 1);
    BOOST_TEST(error_key([&] { history.depart(died); }).find("原因") != std::string::npos);
    died.reason = "病故";
    history.depart(died);
    BOOST_TEST(names(Date(2025, 8, 31)).size() == 2u);
    BOOST_TEST(names(Date(2025, 9, 1)) == std::vector<std::string>{"郑毅"});
}

BOOST_AUTO_TEST_CASE(mobile_members_are_contacted_as_often_as_the_rule_says) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Roster roster(a.db(), a.home().id);
    core::MemberHistory history(a.db(), a.home().id);
    auto rule = core::MobileContactRule::load(nullptr, {}, {test::source_dir() / "templates"});
    BOOST_TEST(rule.every_days == 90);
    BOOST_TEST(rule.source.find("《中国共产党党员教育管理工作条例》") == 0u);
    core::Member m;
    m.name = "马俊";
    m.join_date = Date(2021, 7, 1);
    roster.add_member(m);
    core::MobileMember mm;
    mm.member_id = m.id;
    BOOST_TEST(error_key([&] { history.set_mobile(mm); }).find("外出所在地") != std::string::npos);
    mm.location = "广东省深圳市南山区";
    mm.card_no = "粤流2025001";
    mm.contact_person = "何平";
    mm.since = Date(2024, 10, 1);
    history.set_mobile(mm);
    // Never contacted since leaving on 2024-10-01: due 90 days later, 2024-12-30.
    auto due = history.mobile_contacts_due(rule, Date(2024, 12, 30));
    BOOST_REQUIRE(due.size() == 1u);
    BOOST_TEST(!due[0].late);
    BOOST_TEST(due[0].due->iso() == "2024-12-30");
    mm.last_contact = Date(2025, 1, 1);
    history.set_mobile(mm);
    // Next contact due 2025-04-01: shown from 14 days before, late the day after.
    BOOST_TEST(history.mobile_contacts_due(rule, Date(2025, 3, 17)).empty());
    BOOST_TEST(history.mobile_contacts_due(rule, Date(2025, 3, 18)).size() == 1u);
    BOOST_TEST(!history.mobile_contacts_due(rule, Date(2025, 4, 1))[0].late);
    auto late = history.mobile_contacts_due(rule, Date(2025, 4, 2));
    BOOST_REQUIRE(late.size() == 1u);
    BOOST_TEST(late[0].late);
    BOOST_TEST(core::substitute(late[0].message.key, late[0].message.params) ==
               "流动党员 马俊（广东省深圳市南山区）上次联系 2025-01-01，应在 2025-04-01 前再次联系，已逾期");
    history.clear_mobile(m.id);
    BOOST_TEST(history.mobile_members().empty());
}

BOOST_AUTO_TEST_CASE(the_older_activist_list_becomes_people_in_the_pipeline_with_nothing_lost) {
    test::ScratchDir dir{"activists-migration"};
    auto path = dir / "old.onebook";
    // An archive on the schema before the move, holding the older activist list beside one person
    // already in the pipeline.
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "core" / "sql"))
        if (e.path().extension() == ".sql" && std::stoi(e.path().filename().string().substr(0, 4)) < 19)
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string sql;
    for (const auto& f : files) sql += test::read_file(f) + ";\n";
    int version = std::stoi(files.back().filename().string().substr(0, 4));
    sql +=
        "PRAGMA application_id=" + std::to_string(core::Archive::application_id) +
        "; PRAGMA user_version=" + std::to_string(version) +
        ";"
        "INSERT INTO organisation(uid,name,sector,form,is_home) VALUES('u1','老支部','village','党支部',1);"
        "INSERT INTO recruit(organisation_id,name,gender,applied_on,stage,stage_since,contacts,notes) VALUES"
        " (1,'钱多多','女','2024-03-01','入党申请人','2024-03-01','','已谈话');"
        "INSERT INTO recruit_event(recruit_id,kind,stage,on_date,note) VALUES (1,'阶段','入党申请人','2024-03-01','递交入党申请书');"
        "INSERT INTO activist(organisation_id,name,gender,birth_date,stage,applied_on,stage_since,sponsor_names,notes) VALUES"
        " (1,'郑晓雨','女','2000-04-12','重点培养对象','2023-03-05','2024-06-20','吴静、何平','村妇联执委'),"
        " (1,'冯立新','男','1996-09-03','入党积极分子','2023-02-18','2023-09-01','李秀兰，刘芳',NULL),"
        " (1,'蒋文博','男',NULL,'入党申请人','2025-03-01',NULL,NULL,NULL),"
        " (1,'孙无期','男',NULL,'入党积极分子',NULL,'2024-01-10','王建国',''),"
        " (1,'钱多多','女',NULL,'入党申请人','2024-03-01',NULL,'王建国','返乡创业青年');";
    test::exec_sql(path, sql);

    {
        // Opening migrates once; opening again changes nothing.
        auto first = core::Archive::open(path.string());
        BOOST_TEST(first.schema_version() == core::Archive::latest_schema_version());
    }
    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM activist") == 0);
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_set WHERE kind = 'migration'") == 1);
    core::Recruitment r(a.db(), 1, shipped_rules());
    // Everyone, at the pipeline's name for the stage, with the dates, contacts and notes they had.
    auto line = [&](const std::string& name) {
        auto p = r.require(name);
        return p.stage + " " + p.applied_on.iso() + " " + p.stage_since.iso() + " " + p.gender + " " +
               (p.birth_date ? p.birth_date->iso() : "-") + " [" + p.contacts_text() + "] " + p.notes;
    };
    BOOST_TEST(line("郑晓雨") == "发展对象 2023-03-05 2024-06-20 女 2000-04-12 [吴静、何平] 村妇联执委");
    BOOST_TEST(line("冯立新") == "入党积极分子 2023-02-18 2023-09-01 男 1996-09-03 [李秀兰、刘芳] ");
    BOOST_TEST(line("蒋文博") == "入党申请人 2025-03-01 2025-03-01 男 - [] ");
    BOOST_TEST(line("孙无期") == "入党积极分子 2024-01-10 2024-01-10 男 - [王建国] 原入党积极分子名单未记递交入党申请书日期");
    // The person the pipeline already held keeps its entry; what only the old list had is added.
    BOOST_TEST(line("钱多多") == "入党申请人 2024-03-01 2024-03-01 女 - [王建国] 已谈话；返乡创业青年");
    BOOST_TEST(r.recruits().size() == 5u);
    // The stage moves the old dates stand for.
    auto steps = [&](const std::string& name) {
        std::string out;
        for (const auto& e : r.events(r.require(name).id)) out += (out.empty() ? "" : ", ") + e.on.iso() + " " + e.stage;
        return out;
    };
    BOOST_TEST(steps("郑晓雨") == "2023-03-05 入党申请人, 2024-06-20 发展对象");
    BOOST_TEST(steps("冯立新") == "2023-02-18 入党申请人, 2023-09-01 入党积极分子");
    BOOST_TEST(steps("蒋文博") == "2025-03-01 入党申请人");
    // One migration change set in the journal says so, and undo does not reach past it.
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_set WHERE kind = 'migration' AND summary LIKE '%入党积极分子%'") ==
               1);
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_row WHERE tbl = 'activist' AND op = 'D'") == 5);
    BOOST_CHECK_THROW(core::Journal(a).undo(), core::Error);
    // The rules read the old activist date: 冯立新 (activist since 2023-09-01, two contacts) can be
    // listed as 发展对象 by a meeting.
    r.move(r.require("冯立新").id, "发展对象", Date(2024, 9, 2), add_record(a, "2024-09-02"));
    BOOST_TEST(r.require("冯立新").stage == "发展对象");
}

BOOST_AUTO_TEST_CASE(a_person_is_corrected_or_removed_until_admitted) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "p.onebook");
    core::Recruitment r(a.db(), a.home().id, shipped_rules());
    auto id = applicant(r, "周敏", Date(2024, 1, 10));
    auto p = *r.recruit(id);
    p.name = "周敏敏";
    p.contacts = {"王建国", "李秀兰"};
    p.notes = "大学生村官";
    r.update(p);
    BOOST_TEST(r.recruit(id)->name == "周敏敏");
    BOOST_TEST(r.recruit(id)->contacts_text() == "王建国、李秀兰");
    BOOST_TEST(r.recruit(id)->stage == "入党申请人");
    p.birth_date = Date(2010, 1, 1);
    BOOST_TEST(error_key([&] { r.update(p); }).find("未满十八岁") != std::string::npos);
    p.name.clear();
    BOOST_TEST(error_key([&] { r.update(p); }).find("姓名不能为空") != std::string::npos);
    BOOST_TEST(r.recruit(id)->name == "周敏敏");
    r.remove(id);
    BOOST_TEST(!r.recruit(id));
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM recruit_event WHERE recruit_id = " + std::to_string(id)) == 0);
}
