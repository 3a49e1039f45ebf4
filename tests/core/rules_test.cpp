// The rules engine: frequency windows (missing quarter, due current window, year boundary),
// structure, per-member quantities, disclosure, quorum, region overrides, rule loading errors, and
// the CLI's `check --format json`.
#include "onebook/meeting_template.hpp"
#include "onebook/plugin_messages.hpp"
#include "records_fixture.hpp"

#include "onebook/assessment.hpp"
#include "onebook/dues.hpp"
#include "onebook/error.hpp"
#include "onebook/member_history.hpp"
#include "onebook/plan.hpp"
#include "onebook/rubric.hpp"
#include "onebook/rules.hpp"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace onebook;
using core::Date;
using core::FindingStatus;
namespace fs = std::filesystem;

namespace {

using Findings = std::vector<core::Finding>;

Findings check(test::Branch& b, const std::string& rule, int year, const Date& today) {
    return core::check_rule(b.a(), b.plugins, rule, year, today);
}

const core::Finding& at(const Findings& fs, const std::string& window) {
    for (const auto& f : fs)
        if (f.window == window) return f;
    BOOST_FAIL("no finding for window " << window);
    throw std::logic_error("unreachable");
}

std::vector<FindingStatus> statuses(const Findings& fs) {
    std::vector<FindingStatus> out;
    for (const auto& f : fs) out.push_back(f.status);
    return out;
}

bool has_text(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// An 在职党员报到 record of 张伟 (the fixture's 协管 member) of this 登记类别.
void checkin(test::Branch& b, const Date& d, const std::string& kind) {
    b.set_fields(b.add("worker_checkin", d, {"张伟"}), {{"checkin_kind", kind}});
}

} // namespace

BOOST_AUTO_TEST_CASE(finding_status_names_are_stable) {
    BOOST_TEST(std::string(core::to_string(FindingStatus::Ok)) == "ok");
    BOOST_TEST(std::string(core::to_string(FindingStatus::Due)) == "due");
    BOOST_TEST(std::string(core::to_string(FindingStatus::Warning)) == "warning");
    BOOST_TEST(std::string(core::to_string(FindingStatus::Violation)) == "violation");
}

BOOST_AUTO_TEST_CASE(quarterly_frequency_missing_quarter_due_quarter_and_year_boundary) {
    test::Branch b;
    core::Id dec = b.add("assembly", Date(2024, 12, 31)); // belongs to 2024-Q4, not 2025-Q1
    core::Id apr = b.add("assembly", Date(2025, 4, 1));
    core::Id jun = b.add("assembly", Date(2025, 6, 30));
    core::Id sep = b.add("assembly", Date(2025, 9, 30));

    auto f = check(b, "community.freq.assembly", 2025, Date(2025, 11, 10));
    BOOST_REQUIRE(f.size() == 4u);
    BOOST_TEST(f[0].window == "2025-Q1");
    BOOST_TEST(f[0].window_start == Date(2025, 1, 1));
    BOOST_TEST(f[0].window_end == Date(2025, 3, 31));
    BOOST_TEST((statuses(f) ==
                std::vector<FindingStatus>{FindingStatus::Violation, FindingStatus::Ok, FindingStatus::Ok, FindingStatus::Due}));
    BOOST_TEST(f[0].held == 0.0);
    BOOST_TEST(f[0].required == 1.0);
    BOOST_TEST(f[0].evidence.empty());
    BOOST_TEST(has_text(f[0].message, "2025年第一季度未开展支部党员大会"));
    BOOST_TEST(f[1].held == 2.0);
    BOOST_TEST((f[1].evidence == std::vector<core::Id>{apr, jun}));
    BOOST_TEST((f[2].evidence == std::vector<core::Id>{sep}));
    BOOST_TEST(f[3].ref() == "community.freq.assembly@2025-Q4");
    BOOST_TEST(has_text(f[3].message, "尚未结束"));
    BOOST_TEST(has_text(f[3].source, "《社区党组织建设目标管理意见》"));
    BOOST_TEST(f[3].description == "支部党员大会每季度至少召开1次");

    auto last = check(b, "community.freq.assembly", 2024, Date(2025, 11, 10));
    BOOST_TEST((at(last, "2024-Q4").evidence == std::vector<core::Id>{dec}));
    BOOST_TEST(at(last, "2024-Q4").status == FindingStatus::Ok);
    BOOST_TEST(at(last, "2024-Q1").status == FindingStatus::Violation);

    // Records after "today" do not count yet: in mid-August the third quarter is still due.
    auto aug = check(b, "community.freq.assembly", 2025, Date(2025, 8, 15));
    BOOST_TEST(at(aug, "2025-Q3").status == FindingStatus::Due);
    BOOST_TEST(at(aug, "2025-Q3").held == 0.0);
    BOOST_TEST(at(aug, "2025-Q4").status == FindingStatus::Due); // future window
    // On the quarter's last day a meeting held that day satisfies it.
    BOOST_TEST(at(check(b, "community.freq.assembly", 2025, Date(2025, 9, 30)), "2025-Q3").status == FindingStatus::Ok);
}

BOOST_AUTO_TEST_CASE(monthly_frequency_reports_every_month) {
    test::Branch b;
    for (int m : {1, 2, 4}) b.add("committee", Date(2025, m, 5));
    auto f = check(b, "community.freq.committee", 2025, Date(2025, 5, 15));
    BOOST_REQUIRE(f.size() == 12u);
    BOOST_TEST(f[0].window == "2025-01");
    BOOST_TEST(f[2].status == FindingStatus::Violation);
    BOOST_TEST(f[3].status == FindingStatus::Ok);
    BOOST_TEST(f[4].status == FindingStatus::Due);
    auto due = std::count_if(f.begin(), f.end(), [](const core::Finding& x) { return x.status == FindingStatus::Due; });
    BOOST_TEST(due == 8); // May (current) and June–December (future)
}

BOOST_AUTO_TEST_CASE(biennial_appraisal_window_spans_two_years) {
    test::Branch b;
    core::Id id = b.add("appraisal", Date(2024, 12, 20));
    auto y25 = check(b, "community.freq.appraisal", 2025, Date(2026, 1, 5));
    BOOST_REQUIRE(y25.size() == 1u);
    BOOST_TEST(y25[0].window == "2024-2025");
    BOOST_TEST(y25[0].status == FindingStatus::Ok);
    BOOST_TEST((y25[0].evidence == std::vector<core::Id>{id}));
    BOOST_TEST(check(b, "community.freq.appraisal", 2026, Date(2026, 11, 25))[0].status == FindingStatus::Due);
    BOOST_TEST(check(b, "community.freq.appraisal", 2027, Date(2028, 1, 10))[0].status == FindingStatus::Violation);
}

BOOST_AUTO_TEST_CASE(every_party_group_must_meet_each_month) {
    test::Branch b;
    b.add("group", Date(2025, 1, 10), {}, {}, 0, false, "王建国", "第一党小组");
    b.add("group", Date(2025, 1, 12), {}, {}, 0, false, "陈志强", "第二党小组");
    b.add("group", Date(2025, 1, 18), {}, {}, 0, false, "张伟", "第三党小组");
    b.add("group", Date(2025, 2, 10), {}, {}, 0, false, "王建国", "第一党小组");
    b.add("group", Date(2025, 2, 12), {}, {}, 0, false, "陈志强", "第二党小组");
    auto f = check(b, "community.freq.group", 2025, Date(2025, 3, 10));
    BOOST_TEST(f[0].status == FindingStatus::Ok);
    BOOST_TEST(f[0].held == 3.0);
    BOOST_TEST(f[0].required == 3.0);
    BOOST_TEST(f[1].status == FindingStatus::Violation);
    BOOST_TEST(f[1].held == 2.0);
    BOOST_TEST(has_text(f[1].message, "第三党小组"));
    BOOST_TEST(!has_text(f[1].message, "第一党小组"));
    BOOST_TEST(f[2].status == FindingStatus::Due);
}

BOOST_AUTO_TEST_CASE(secretary_lecture_counts_only_lectures_by_the_secretary) {
    test::Branch b;
    b.add("lecture", Date(2025, 3, 22), {}, {}, 3, false, "街道党工委副书记 孙立");
    auto before = check(b, "community.freq.secretary_lecture", 2025, Date(2026, 1, 10));
    BOOST_TEST(before[0].status == FindingStatus::Violation);
    core::Id own = b.add("lecture", Date(2025, 7, 1), {}, {}, 3, false, "王建国");
    auto after = check(b, "community.freq.secretary_lecture", 2025, Date(2026, 1, 10));
    BOOST_TEST(after[0].status == FindingStatus::Ok);
    BOOST_TEST((after[0].evidence == std::vector<core::Id>{own}));
}

BOOST_AUTO_TEST_CASE(structure_form_groups_committee_secretary_and_term) {
    {
        test::Branch b; // 8 full members, 党支部, 3 groups of 3, committee elected 2023-11-20 for 3 years
        auto form = check(b, "community.structure.form", 2025, Date(2026, 1, 5));
        BOOST_REQUIRE(form.size() == 1u);
        BOOST_TEST(form[0].window.empty());
        BOOST_TEST(form[0].ref() == "community.structure.form");
        BOOST_TEST(form[0].status == FindingStatus::Ok);
        BOOST_TEST(form[0].held == 8.0);
        BOOST_TEST(check(b, "community.structure.group_size", 2025, Date(2026, 1, 5))[0].status == FindingStatus::Ok);
        BOOST_TEST(check(b, "community.structure.committee", 2025, Date(2026, 1, 5))[0].status == FindingStatus::Ok);
        auto sec = check(b, "community.structure.secretary_age", 2025, Date(2026, 1, 5))[0];
        BOOST_TEST(sec.status == FindingStatus::Ok);
        BOOST_TEST((sec.evidence == std::vector<core::Id>{b.ids["王建国"]}));
        BOOST_TEST(sec.evidence_kind == "member");

        // Term expires 2026-11-20: ok in 2025, a warning within 90 days, a violation after.
        BOOST_TEST(check(b, "community.structure.term", 2025, Date(2026, 1, 5))[0].status == FindingStatus::Ok);
        BOOST_TEST(check(b, "community.structure.term", 2026, Date(2026, 6, 1))[0].status == FindingStatus::Ok);
        auto warn = check(b, "community.structure.term", 2026, Date(2026, 9, 1))[0];
        BOOST_TEST(warn.status == FindingStatus::Warning);
        BOOST_TEST(warn.held == 80.0);
        BOOST_TEST((warn.evidence == std::vector<core::Id>{b.term_id}));
        auto late = check(b, "community.structure.term", 2026, Date(2026, 11, 25))[0];
        BOOST_TEST(late.status == FindingStatus::Violation);
        BOOST_TEST(has_text(late.message, "2026-11-20"));

        // A fourth group with one member, leaving the third with two.
        core::Roster roster(b.a().db(), b.org);
        auto m = *roster.member(b.ids["马俊"]);
        m.group_id = roster.ensure_group("第四党小组");
        roster.update_member(m);
        auto groups = check(b, "community.structure.group_size", 2025, Date(2026, 1, 5))[0];
        // Seed 001 says 原则上 (in principle): a shortfall is a warning quoting the sentence.
        BOOST_TEST(groups.status == FindingStatus::Warning);
        BOOST_TEST(has_text(groups.message, "每个党小组人数原则上不少于3人"), groups.message);
        BOOST_TEST(groups.evidence.size() == 2u);
        BOOST_TEST(has_text(groups.message, "第三党小组 2 人"));
        BOOST_TEST(has_text(groups.message, "第四党小组 1 人"));

        // A new committee whose secretary joined in 2025: party age below one year.
        core::CommitteeTerm t;
        t.elected_on = Date(2025, 6, 1);
        t.seats = {{0, {}, "林涛", "书记"}, {0, {}, "王建国", "副书记"}};
        roster.add_term(t);
        auto young = check(b, "community.structure.secretary_age", 2025, Date(2026, 1, 5))[0];
        // 一般应当 (as a rule): a warning with the sentence, not a violation.
        BOOST_TEST(young.status == FindingStatus::Warning);
        BOOST_TEST(has_text(young.message, "林涛"));
        BOOST_TEST(has_text(young.message, "党支部书记一般应当具有1年以上党龄"), young.message);
    }
    {
        test::Branch joint("community",
                           "联合党支部"); // 8 full members in a joint branch: should become a 党支部
        BOOST_TEST(check(joint, "community.structure.form", 2025, Date(2026, 1, 5))[0].status == FindingStatus::Warning);
    }
    {
        test::Branch none("community", "党支部", false); // 9 members and no committee
        auto c = check(none, "community.structure.committee", 2025, Date(2026, 1, 5))[0];
        BOOST_TEST(c.status == FindingStatus::Violation);
        BOOST_TEST(check(none, "community.structure.secretary_age", 2025, Date(2026, 1, 5))[0].status == FindingStatus::Warning);
        BOOST_TEST(check(none, "community.structure.term", 2025, Date(2026, 1, 5))[0].status == FindingStatus::Ok);
    }
    {
        // Two full members in a 党支部: below the threshold of three.
        test::ScratchDir dir;
        auto a = test::make_archive(dir / "small.onebook");
        core::Roster roster(a.db(), a.home().id);
        for (const char* n : {"赵大山", "钱小燕"}) {
            core::Member m;
            m.name = n;
            m.join_date = Date(2010, 5, 1);
            m.full_date = Date(2011, 5, 1);
            roster.add_member(m);
        }
        core::PluginHost host;
        host.load_all();
        auto f = core::check_rule(a, host, "community.structure.form", 2025, Date(2026, 1, 5));
        BOOST_TEST(f[0].status == FindingStatus::Violation);
        BOOST_TEST(has_text(f[0].message, "应设立联合党支部"));
    }
}

BOOST_AUTO_TEST_CASE(study_hours_volunteer_services_and_talk_coverage_per_member) {
    test::Branch b;
    // 16 study sessions of 2 hours: 马俊 (floating) never present, 张伟 misses four → 24 h + a 3 h lecture.
    for (int i = 0; i < 16; ++i) {
        std::vector<std::pair<std::string, std::string>> absent{{"马俊", "外出务工"}};
        if (i % 4 == 0) absent.push_back({"张伟", "出差"});
        b.add("study", Date(2025, 1 + i / 2, i % 2 ? 20 : 10), {}, absent, 2, false, "何平");
    }
    b.add("lecture", Date(2025, 7, 1), {}, {{"马俊", "外出务工"}}, 3, false, "王建国");
    auto hours = check(b, "community.member.study_hours", 2025, Date(2026, 1, 5));
    BOOST_REQUIRE(hours.size() == 1u);
    BOOST_TEST(hours[0].window == "2025");
    BOOST_TEST(hours[0].status == FindingStatus::Violation);
    BOOST_TEST(hours[0].required == 9.0);
    BOOST_TEST(hours[0].held == 7.0);
    BOOST_TEST(hours[0].evidence.size() == 17u);
    BOOST_TEST(has_text(hours[0].message, "马俊 0 学时"));
    BOOST_TEST(has_text(hours[0].message, "张伟 27 学时"));
    BOOST_TEST(!has_text(hours[0].message, "王建国"));
    BOOST_TEST(check(b, "community.member.study_hours", 2025, Date(2025, 10, 1))[0].status == FindingStatus::Due);

    // Volunteer services: floating members (代管) are not counted; 刘芳 joined only once.
    std::vector<std::string> all8 = {"王建国", "李秀兰", "何平", "吴静", "刘芳", "陈志强", "张伟", "林涛"};
    b.add("volunteer", Date(2025, 3, 5), all8, {}, 0, false, "王建国");
    auto second = all8;
    second.erase(std::find(second.begin(), second.end(), "刘芳"));
    b.add("volunteer", Date(2025, 9, 26), second, {}, 0, false, "王建国");
    auto vol = check(b, "community.member.volunteer", 2025, Date(2026, 1, 5))[0];
    BOOST_TEST(vol.status == FindingStatus::Violation);
    BOOST_TEST(vol.required == 8.0);
    BOOST_TEST(vol.held == 7.0);
    BOOST_TEST(has_text(vol.message, "刘芳 1 次"));
    BOOST_TEST(!has_text(vol.message, "马俊"));

    // Talks: the secretary with every member yearly (not 陈志强: a talk by 李秀兰 does not count),
    // and with each committee member every half-year (only the first half done).
    for (const char* n : {"李秀兰", "何平", "吴静", "刘芳"}) b.add("talk", Date(2025, 2, 3), {n});
    for (const char* n : {"张伟", "马俊", "林涛"}) b.add("talk", Date(2025, 5, 6), {n});
    b.add("talk", Date(2025, 5, 7), {"陈志强"}, {}, 0, false, "李秀兰");
    auto members = check(b, "community.member.talk_members", 2025, Date(2026, 1, 5));
    BOOST_REQUIRE(members.size() == 1u);
    BOOST_TEST(members[0].status == FindingStatus::Violation);
    BOOST_TEST(members[0].held == 7.0);
    BOOST_TEST(members[0].required == 8.0);
    BOOST_TEST(has_text(members[0].message, "未谈话：陈志强"));
    BOOST_TEST(members[0].evidence.size() == 7u);
    auto committee = check(b, "community.member.talk_committee", 2025, Date(2026, 1, 5));
    BOOST_REQUIRE(committee.size() == 2u);
    BOOST_TEST(committee[0].window == "2025-H1");
    BOOST_TEST(committee[0].status == FindingStatus::Ok);
    BOOST_TEST(committee[0].required == 4.0);
    BOOST_TEST(committee[1].status == FindingStatus::Violation);
    BOOST_TEST(check(b, "community.member.talk_committee", 2025, Date(2025, 10, 1))[1].status == FindingStatus::Due);
}

BOOST_AUTO_TEST_CASE(dues_disclosure_twice_a_year_and_votes_without_quorum) {
    test::Branch b;
    b.add("dues_disclosure", Date(2025, 1, 9));
    auto half = check(b, "community.disclosure.dues", 2025, Date(2026, 1, 5));
    BOOST_TEST(half[0].status == FindingStatus::Ok);
    BOOST_TEST(half[1].window == "2025-H2");
    BOOST_TEST(half[1].status == FindingStatus::Violation);
    b.add("dues_disclosure", Date(2025, 7, 7));
    BOOST_TEST(check(b, "community.disclosure.dues", 2025, Date(2026, 1, 5))[1].status == FindingStatus::Ok);

    b.add("committee", Date(2025, 3, 5), {"王建国", "李秀兰", "吴静"}, {}, 0, true);
    BOOST_TEST(check(b, "community.quorum.votes", 2025, Date(2025, 4, 1))[0].status == FindingStatus::Ok);
    core::Id thin = b.add("committee", Date(2025, 5, 5), {"王建国", "吴静"}, {}, 0, true);
    auto q = check(b, "community.quorum.votes", 2025, Date(2025, 6, 1))[0];
    BOOST_TEST(q.status == FindingStatus::Violation); // a fact, even while the year runs
    BOOST_TEST((q.evidence == std::vector<core::Id>{thin}));
    BOOST_TEST(q.required == 2.0);
    BOOST_TEST(check(b, "community.quorum.votes", 2024, Date(2025, 6, 1))[0].status == FindingStatus::Ok);
}

BOOST_AUTO_TEST_CASE(sectors_use_their_own_frequencies) {
    test::Branch village("village");
    village.add("lecture", Date(2025, 3, 22), {}, {}, 3, false, "王建国");
    // 《党支部“五化”建设》 for villages: a lecture every half-year; 《社区党组织建设目标管理意见》 for communities: every quarter.
    auto v = core::check_rule(village.a(), village.plugins, "village.freq.lecture", 2025, Date(2026, 1, 5));
    BOOST_REQUIRE(v.size() == 2u);
    BOOST_TEST(v[0].window == "2025-H1");
    BOOST_TEST(v[0].status == FindingStatus::Ok);
    BOOST_TEST(has_text(v[0].source, "《党支部“五化”建设》"));
    auto open_day = core::check_rule(village.a(), village.plugins, "village.disclosure.open_day", 2025, Date(2026, 1, 5));
    BOOST_TEST(open_day.size() == 4u);
    BOOST_TEST(has_text(open_day[0].source, "《分类定级工作文件汇编》"));
    BOOST_TEST(core::check_rule(village.a(), village.plugins, "community.freq.lecture", 2025, Date(2026, 1, 5)).empty());
}

BOOST_AUTO_TEST_CASE(region_override_changes_parameters_and_disables_rules) {
    test::Branch b;
    b.add("lecture", Date(2025, 3, 22), {}, {}, 3, false, "王建国");
    auto region = b.dir / "幸福区规则.json";
    test::write_file(region, R"({"region": "幸福区",
      "rules": {"community.freq.lecture": {"params": {"period": "half"}},
                "community.freq.study": {"disabled": true},
                "community.member.study_hours": {"params": {"min_hours": 40}, "source": "幸福区委组织部〔2025〕3号"}}})");
    const auto& plugin = b.plugins.require("community");
    auto plain = core::load_rules(plugin);
    auto rules = core::load_rules(plugin, test::utf8(region));
    BOOST_TEST(rules.size() == plain.size());
    auto find = [&](const std::string& id) {
        return *std::find_if(rules.begin(), rules.end(), [&](const core::RuleDef& r) { return r.id == id; });
    };
    BOOST_TEST(find("community.freq.lecture").text("period") == "half");
    BOOST_TEST(find("community.freq.lecture").overridden);
    BOOST_TEST(has_text(find("community.freq.lecture").source, "幸福区"));
    BOOST_TEST(!find("community.freq.study").enabled);
    BOOST_TEST(find("community.member.study_hours").number("min_hours") == 40.0);
    BOOST_TEST(find("community.member.study_hours").source == "幸福区委组织部〔2025〕3号");
    BOOST_TEST(!find("community.freq.assembly").overridden);

    // Without the setting: quarterly lectures and monthly study findings.
    auto before = core::check_rules(b.a(), b.plugins, 2025, Date(2026, 1, 5));
    auto count = [](const Findings& fs, const std::string& id) {
        return std::count_if(fs.begin(), fs.end(), [&](const core::Finding& f) { return f.rule_id == id; });
    };
    BOOST_TEST(count(before, "community.freq.lecture") == 4);
    BOOST_TEST(count(before, "community.freq.study") == 12);
    // The archive setting (relative to the archive's folder) applies the override.
    b.a().set_setting(core::region_rules_setting, "幸福区规则.json");
    auto after = core::check_rules(b.a(), b.plugins, 2025, Date(2026, 1, 5));
    BOOST_TEST(count(after, "community.freq.lecture") == 2);
    BOOST_TEST(count(after, "community.freq.study") == 0);
    BOOST_TEST(at(core::check_rule(b.a(), b.plugins, "community.freq.lecture", 2025, Date(2026, 1, 5)), "2025-H1").status ==
               FindingStatus::Ok);

    // Bad overrides are refused with the file and the rule named.
    auto refuse = [&](const std::string& json, const std::string& field) {
        auto bad = b.dir / "bad.json";
        test::write_file(bad, json);
        try {
            core::load_rules(plugin, bad.string());
            BOOST_ERROR("override accepted: " << json);
        } catch (const core::Error& e) {
            BOOST_TEST(e.where().file == bad.string());
            BOOST_TEST(e.where().field == field);
        }
    };
    refuse(R"({"rules": {"community.freq.tea_party": {"disabled": true}}})", "community.freq.tea_party");
    refuse(R"({"rules": {"community.freq.lecture": {"params": {"period": "fortnight"}}}})", "params.period");
    refuse(R"({"rules": {"community.freq.lecture": {"disabled": "yes"}}})", "community.freq.lecture.disabled");
    refuse(R"({"overrides": {}})", "rules");
    BOOST_CHECK_THROW(core::load_rules(plugin, (b.dir / "missing.json").string()), core::Error);
}

BOOST_AUTO_TEST_CASE(malformed_rules_name_the_file_and_the_field) {
    test::ScratchDir dir;
    core::PluginHost host;
    host.load_all();
    // The shared meeting types live in the sector base the built-in sectors build on.
    auto community = host.require("community").base_folder();
    struct Case {
        std::string rule;
        std::string field;
    };
    const std::vector<Case> cases = {
        {R"({"id":"test.freq.x","description":"测试","source":"《党支部“五化”建设》","kind":"sometimes","params":{}})", "kind"},
        {R"({"id":"test.freq.x","description":"测试","kind":"frequency","params":{"meeting_type":"assembly","period":"month","min":1}})",
         "source"},
        {R"({"id":"test.freq.x","description":"测试","source":"《党支部“五化”建设》","kind":"frequency","params":{"meeting_type":"tea_party","period":"month","min":1}})",
         "params.meeting_type"},
        {R"({"id":"test.freq.x","description":"测试","source":"《党支部“五化”建设》","kind":"frequency","params":{"meeting_type":"assembly","period":"fortnight","min":1}})",
         "params.period"},
        {R"({"id":"test.freq.x","description":"测试","source":"《党支部“五化”建设》","kind":"frequency","params":{"meeting_type":"assembly","period":"month","min":0}})",
         "params.min"},
        {R"({"id":"test.structure.x","description":"测试","source":"《党支部“五化”建设》","kind":"structure","params":{"check":"colour"}})",
         "params.check"},
        {R"({"id":"test.member.x","description":"测试","source":"《党支部“五化”建设》","kind":"member_quantity","params":{"measure":"talk_coverage","meeting_type":"talk","period":"year","scope":"everyone"}})",
         "params.scope"},
        {R"({"id":"Bad Id","description":"测试","source":"《党支部“五化”建设》","kind":"quorum","params":{}})", "rules[0].id"},
        // 32,768 characters: a std::regex here once overflowed the stack.
        {R"({"id":"test.)" + std::string(32768, 'a') +
             R"(","description":"测试","source":"《党支部“五化”建设》","kind":"quorum","params":{}})",
         "rules[0].id"},
    };
    int n = 0;
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.field) {
            auto folder = dir / ("p" + std::to_string(n++));
            fs::create_directories(folder / "data" / "rules");
            fs::copy(community / "data" / "meetings", folder / "data" / "meetings");
            test::write_file(folder / "plugin.json",
                             R"({"id":"test","name":{"zh_CN":"测试","en":"Test"},"version":"1.0","api_version":1})");
            test::write_file(folder / "data" / "rules" / "r.json", "{\"rules\":[" + c.rule + "]}");
            // The plugin is disabled at load (not listed as loaded), the reason naming the file and field.
            core::PluginHost h;
            BOOST_TEST(!h.load(folder));
            BOOST_TEST(!h.find("test"));
            BOOST_REQUIRE(h.rejected().size() == 1);
            const auto& reason = h.rejected()[0].reason;
            auto param = [&](const std::string& k) {
                for (const auto& [name, v] : reason.params)
                    if (name == k) return v;
                return std::string();
            };
            BOOST_TEST(param("file") == (folder / "data" / "rules" / "r.json").string());
            BOOST_TEST(param("field") == c.field);
        }
    }
}

BOOST_AUTO_TEST_CASE(cli_check_prints_findings_as_json) {
    test::Branch b;
    core::Id q2 = b.add("assembly", Date(2025, 5, 20));
    b.add("assembly", Date(2025, 8, 20));
    auto path = b.a().path();
    b.archive.reset(); // the CLI needs the file: archives are opened exclusively
    std::string out, err;
    test::ToolOptions zh;
    zh.env = {{"ONEBOOK_LANG", "zh_CN"}};
    auto cli = [&](const std::string& args) {
        return test::run_tool(test::concat({test::tool_path("onebook-cli")}, test::words(args)), &out, &err, zh);
    };
    int rc = cli(" check --year 2025 --today 2025-11-10 --format json --archive '" + path + "'");
    BOOST_TEST(rc == 0, err);
    Poco::JSON::Parser parser;
    auto root = parser.parse(out).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(root->getValue<std::string>("date") == "2025-11-10");
    // Two tables: the month grid and the findings (the same tables as the CSV and xlsx exports).
    auto tables = root->getArray("tables");
    BOOST_REQUIRE(tables->size() == 2u);
    BOOST_TEST(tables->getObject(0)->getValue<std::string>("key") == "check_grid");
    auto findings = tables->getObject(1)->getArray("rows");
    std::map<std::string, Poco::JSON::Object::Ptr> by_ref;
    std::map<std::string, int> counted;
    for (std::size_t i = 0; i < findings->size(); ++i) {
        auto f = findings->getObject(static_cast<unsigned>(i));
        by_ref[f->getValue<std::string>("ref")] = f;
        ++counted[f->getValue<std::string>("status_code")];
    }
    auto summary = tables->getObject(0)->getArray("notes")->getElement<std::string>(0);
    auto n = [&](const char* s) { return std::to_string(counted[s]); };
    BOOST_TEST(summary == "符合 " + n("ok") + " 项，待完成 " + n("due") + " 项，提醒 " + n("warning") + " 项，违规 " +
                              n("violation") + " 项");
    BOOST_TEST(counted["violation"] > 0);
    // The grid: 支部党员大会 is quarterly, so Q1's violation fills January to March.
    auto grid = tables->getObject(0)->getArray("rows");
    bool assembly_row = false;
    for (std::size_t i = 0; i < grid->size(); ++i) {
        auto r = grid->getObject(static_cast<unsigned>(i));
        if (r->getValue<std::string>("rule_id") != "community.freq.assembly") continue;
        assembly_row = true;
        BOOST_TEST(r->getValue<std::string>("m01") == "违规");
        BOOST_TEST(r->getValue<std::string>("m03") == "违规");
        BOOST_TEST(r->getValue<std::string>("m04") == "符合");
    }
    BOOST_TEST(assembly_row);
    auto q1 = by_ref.at("community.freq.assembly@2025-Q1");
    BOOST_TEST(q1->getValue<std::string>("status_code") == "violation");
    BOOST_TEST(q1->getValue<std::string>("status") == "违规");
    BOOST_TEST(q1->getValue<std::string>("window_start") == "2025-01-01");
    BOOST_TEST(q1->getValue<std::string>("window_end") == "2025-03-31");
    BOOST_TEST(has_text(q1->getValue<std::string>("source"), "《社区党组织建设目标管理意见》"));
    auto q2f = by_ref.at("community.freq.assembly@2025-Q2");
    BOOST_TEST(q2f->getValue<std::string>("status_code") == "ok");
    BOOST_TEST(q2f->getValue<std::string>("evidence") == std::to_string(q2));
    BOOST_TEST(by_ref.at("community.freq.assembly@2025-Q4")->getValue<std::string>("status_code") == "due");
    BOOST_TEST(by_ref.at("community.structure.form")->isNull("window"));
    BOOST_TEST(by_ref.count("community.member.study_hours@2025") == 1u);

    // --region-rules on the command line; --problems leaves out what is fine.
    auto region = b.dir / "region.json";
    test::write_file(region, R"({"rules": {"community.freq.assembly": {"disabled": true}}})");
    rc = cli(" check --problems --year 2025 --today 2025-11-10 --format json --region-rules '" + test::utf8(region) +
             "' --archive '" + path + "'");
    BOOST_TEST(rc == 0, err);
    BOOST_TEST(!has_text(out, "community.freq.assembly@"));
    BOOST_TEST(!has_text(out, "\"status_code\":\"ok\""));
    BOOST_TEST(has_text(out, "\"status_code\":\"violation\""));

    // Errors: a bad year, and a record with problems (all listed on stderr, exit 1, nothing stored).
    BOOST_TEST(cli(" check --year twenty --archive '" + path + "'") != 0);
    BOOST_TEST(!err.empty());
    rc = cli(" record add --type 支部党员大会 --date 2099-01-01 --host 王小二 --recorder 吴静 --archive '" + path + "'");
    BOOST_TEST(rc == 1);
    BOOST_TEST(has_text(err, "2099-01-01"));
    BOOST_TEST(has_text(err, "王小二"));
    BOOST_TEST(has_text(err, "“地点”为必填项"));
    rc = cli(" record list --year 2025 --format json --archive '" + path + "'");
    BOOST_TEST(rc == 0, err);
    auto list = parser.parse(out).extract<Poco::JSON::Object::Ptr>()->getArray("tables")->getObject(0)->getArray("rows");
    BOOST_TEST(list->size() == 2u);
    // A good record through the CLI, with absences and a vote.
    rc = cli(" record add --type assembly --vote --date 2025-11-05 --place 活动室 --host 王建国 --recorder "
             "吴静 "
             "--topic 讨论发展党员 --absent 马俊:外出务工,张伟:出差 --field minutes=表决通过 --archive '" +
             path + "'");
    BOOST_TEST(rc == 0, err);
    BOOST_TEST(has_text(out, "应到 9 人，实到 7 人，缺席 2 人"));
    BOOST_TEST(has_text(out, "达到法定人数"));
}

BOOST_AUTO_TEST_CASE(members_who_join_during_the_year_owe_a_share) {
    test::Branch b;
    // 林涛 joined on 2025-03-01: ten months → 26.67 of 32 hours (two decimals, as every figure). 26 hours are short, 28 are enough.
    for (int i = 0; i < 13; ++i) b.add("study", Date(2025, 3 + i % 9, 10 + i / 9 * 10), {}, {}, 2, false, "何平");
    auto f = check(b, "community.member.study_hours", 2025, Date(2026, 1, 5))[0];
    BOOST_TEST(has_text(f.message, "林涛 26 学时（应 26.67）"));
    BOOST_TEST(has_text(f.message, "王建国 26 学时"));
    b.add("study", Date(2025, 12, 1), {}, {}, 2, false, "何平");
    f = check(b, "community.member.study_hours", 2025, Date(2026, 1, 5))[0];
    BOOST_TEST(!has_text(f.message, "林涛"));
    BOOST_TEST(has_text(f.message, "王建国 28 学时"));
}

// 分类定级 item 3.3 states seed 001 (组织生活会 every half year, 民主评议 every year) while community's
// check follows seed 000 (quarterly, every two years): the item is scored by the rules its text
// states, which check names but does not judge the branch by.
BOOST_AUTO_TEST_CASE(fenlei_item_3_3_is_scored_by_the_rules_its_text_states) {
    auto rubrics = core::RubricSet::load(test::sector_plugins());
    const auto* item = rubrics.require("community.fenlei").find_item("3.3");
    BOOST_REQUIRE(item);
    const Date today(2026, 1, 15);
    {
        // Exactly what the item says: one 组织生活会 each half year and this year's 民主评议.
        test::Branch b;
        b.add("org_life", Date(2025, 6, 30));
        b.add("org_life", Date(2025, 7, 1));
        b.add("appraisal", Date(2025, 12, 31));
        auto checked = core::check_rules(b.a(), b.plugins, 2025, today);
        BOOST_TEST(std::none_of(checked.begin(), checked.end(),
                                [](const core::Finding& f) { return f.rule_id == "community.freq.org_life.base"; }));
        auto p = core::propose(*item, core::check_rules_for_rubric(b.a(), b.plugins, 2025, today));
        BOOST_REQUIRE(p);
        BOOST_TEST(p->points == 3.0, p->explanation);
        // check still judges by seed 000: Q1 and Q3 without a 组织生活会 are violations there.
        auto quarterly = check(b, "community.freq.org_life", 2025, today);
        BOOST_TEST(at(quarterly, "2025-Q1").status == FindingStatus::Violation);
    }
    {
        // 民主评议 held last year but not this year: seed 000's two-year window is met, item 3.3's is not.
        test::Branch b;
        b.add("org_life", Date(2025, 3, 1));
        b.add("org_life", Date(2025, 9, 1));
        b.add("appraisal", Date(2024, 12, 31));
        BOOST_TEST(check(b, "community.freq.appraisal", 2025, today).front().status == FindingStatus::Ok);
        auto p = core::propose(*item, core::check_rules_for_rubric(b.a(), b.plugins, 2025, today));
        BOOST_REQUIRE(p);
        BOOST_TEST(p->points == 1.5, p->explanation);
    }
}

// `check` names the other source beside the followed rule; a region can switch to it.
BOOST_AUTO_TEST_CASE(seed_conflicts_name_the_other_source_and_a_region_can_switch) {
    test::Branch b;
    auto rules = core::archive_rules(b.a(), b.plugins);
    auto ref =
        std::find_if(rules.begin(), rules.end(), [](const core::RuleDef& r) { return r.id == "community.freq.lecture.base"; });
    BOOST_REQUIRE(ref != rules.end());
    BOOST_TEST(ref->reference);
    BOOST_TEST(ref->reference_of == "community.freq.lecture");
    BOOST_TEST(has_text(ref->source, "《党支部“五化”建设》"));
    auto region = b.dir / "region.json";
    test::write_file(region, R"({"region":"测试区","rules":{"community.freq.lecture":{"disabled":true},)"
                             R"("community.freq.lecture.base":{"reference":false}}})");
    b.add("lecture", Date(2025, 5, 1));
    b.add("lecture", Date(2025, 10, 1));
    auto switched =
        core::check_rules(b.a(), b.plugins, core::archive_rules(b.a(), b.plugins, test::utf8(region)), 2025, Date(2026, 1, 15));
    std::vector<std::string> ids;
    for (const auto& f : switched)
        if (f.rule_id.rfind("community.freq.lecture", 0) == 0) ids.push_back(f.ref());
    BOOST_TEST((ids == std::vector<std::string>{"community.freq.lecture.base@2025-H1", "community.freq.lecture.base@2025-H2"}));
}

// A branch of fewer than 7 members needs no 支部委员会: the rules that presuppose one do not apply
// (its secretary holds the committee's duties) — unless it has one anyway; at 7 members it must.
BOOST_AUTO_TEST_CASE(committee_rules_apply_only_when_the_branch_has_or_must_have_a_committee) {
    const Date today(2026, 1, 15);
    auto statuses_of = [&](test::Branch& b, const std::string& rule) { return statuses(check(b, rule, 2025, today)); };
    test::Branch b("community", "党支部", /*with_committee=*/false);
    core::Roster roster(b.a().db(), b.org);
    // 9 members, no committee: it must have one, so every month without a 支委会 is a violation.
    BOOST_TEST(statuses_of(b, "community.freq.committee").size() == 12u);
    BOOST_TEST(statuses_of(b, "community.freq.committee").front() == FindingStatus::Violation);
    // 7 members: still must (the boundary).
    roster.remove_member(b.ids.at("林涛"));
    roster.remove_member(b.ids.at("马俊"));
    BOOST_TEST(statuses_of(b, "community.freq.committee").size() == 12u);
    // 6 members: not needed; one ok finding that says who holds the duties.
    roster.remove_member(b.ids.at("张伟"));
    for (const char* rule : {"community.freq.committee", "community.freq.democratic_life", "community.member.talk_committee"}) {
        BOOST_TEST_CONTEXT(rule) {
            auto f = check(b, rule, 2025, today);
            BOOST_REQUIRE_EQUAL(f.size(), 1u);
            BOOST_TEST(f[0].status == FindingStatus::Ok);
            BOOST_TEST(has_text(f[0].message, "支部书记履行"), f[0].message);
        }
    }
    // 6 members with an elected committee: its rules apply again.
    core::CommitteeTerm t;
    t.elected_on = Date(2024, 11, 20);
    t.seats = {{0, {}, "王建国", "书记"}, {0, {}, "李秀兰", "组织委员"}, {0, {}, "何平", "宣传委员"}};
    roster.add_term(t);
    BOOST_TEST(statuses_of(b, "community.freq.committee").size() == 12u);
}

// Dues figures saved with their disclosure date count as the half-yearly disclosure; figures saved
// without one do not (the rule counts disclosures, and the date decides the half-year).
BOOST_AUTO_TEST_CASE(dues_set_with_a_disclosure_date_counts_as_disclosure) {
    const Date today(2026, 1, 15);
    test::Branch b;
    core::DuesLedger ledger(b.a().db(), b.org);
    core::DuesPeriod h1{0, "2025-H1", 9, 9, 184600, 184600, ""};
    ledger.set(h1); // figures only
    BOOST_TEST((statuses(check(b, "community.disclosure.dues", 2025, today)) ==
                std::vector<FindingStatus>{FindingStatus::Violation, FindingStatus::Violation}));
    ledger.set_disclosed(h1, b.tmpl("dues_disclosure"), Date(2025, 6, 30), "党务公开栏", "刘芳", today);
    core::DuesPeriod h2{0, "2025-H2", 9, 8, 179250, {}, "1名流动党员已联系补交"};
    ledger.set_disclosed(h2, b.tmpl("dues_disclosure"), Date(2025, 12, 31), "党务公开栏", "刘芳", today);
    auto f = check(b, "community.disclosure.dues", 2025, today);
    BOOST_TEST((statuses(f) == std::vector<FindingStatus>{FindingStatus::Ok, FindingStatus::Ok}));
    BOOST_TEST(ledger.all().size() == 2u);
    auto rec = b.store().get(f[1].evidence.at(0));
    BOOST_REQUIRE(rec);
    BOOST_TEST(rec->fields.at("amount") == "1792.50");
    BOOST_TEST(rec->fields.at("unpaid") == "1名流动党员已联系补交");
    // An invalid disclosure (host not in the roster) saves nothing, not even the figures.
    core::DuesPeriod h3{0, "2026-H1", 9, 9, 100, {}, ""};
    BOOST_CHECK_THROW(ledger.set_disclosed(h3, b.tmpl("dues_disclosure"), Date(2026, 1, 10), "党务公开栏", "无此人", today),
                      core::Error);
    BOOST_TEST(!ledger.get("2026-H1"));
}

// Seed 001: the yearly 三会一课 plan is made at the start of the year (we count to the end of March).
BOOST_AUTO_TEST_CASE(the_yearly_plan_must_exist_by_the_end_of_march) {
    test::Branch b;
    BOOST_TEST(check(b, "community.structure.plan", 2025, Date(2025, 3, 31)).front().status == FindingStatus::Due);
    auto late = check(b, "community.structure.plan", 2025, Date(2025, 4, 1)).front();
    BOOST_TEST(late.status == FindingStatus::Violation);
    BOOST_TEST(has_text(late.message, "尚未制定"), late.message);
    core::MeetingPlan plan(b.a().db(), b.org);
    for (const char* t : {"assembly", "committee", "group"}) plan.set(2025, b.tmpl(t), 3, 1);
    auto partial = check(b, "community.structure.plan", 2025, Date(2025, 4, 1)).front();
    BOOST_TEST(partial.status == FindingStatus::Violation);
    BOOST_TEST(has_text(partial.message, "党课"), partial.message);
    plan.set(2025, b.tmpl("lecture"), 6, 1);
    BOOST_TEST(check(b, "community.structure.plan", 2025, Date(2025, 4, 1)).front().status == FindingStatus::Ok);
}

// Seed 002 第五篇: 每季度首月15日为党务公开日 — a quarter's disclosure on another day is a warning.
BOOST_AUTO_TEST_CASE(party_affairs_disclosure_day_is_the_15th_of_the_quarters_first_month) {
    test::Branch b("village");
    b.add("disclosure_day", Date(2025, 1, 15));
    b.add("disclosure_day", Date(2025, 4, 16));
    b.add("disclosure_day", Date(2025, 7, 15));
    auto f = check(b, "village.disclosure.open_day", 2025, Date(2026, 1, 15));
    BOOST_TEST((statuses(f) == std::vector<FindingStatus>{FindingStatus::Ok, FindingStatus::Warning, FindingStatus::Ok,
                                                          FindingStatus::Violation}));
    BOOST_TEST(has_text(f[1].message, "4月15日"), f[1].message);
}

// Seed 004's 一单: each 协管 (in-service) member's employer gets a feedback sheet every year; a
// registration card alone does not count, and 直管/代管 members are not asked.
BOOST_AUTO_TEST_CASE(each_inservice_member_gets_a_yearly_feedback_sheet) {
    const Date today(2026, 1, 15);
    test::Branch b; // 张伟 is the one 协管 member
    auto add_checkin = [&](const Date& d, const std::string& kind) { checkin(b, d, kind); };
    add_checkin(Date(2025, 3, 2), "报到登记（登记卡）");
    auto f = check(b, "community.member.inservice_feedback", 2025, today);
    BOOST_REQUIRE_EQUAL(f.size(), 1u);
    BOOST_TEST(f[0].status == FindingStatus::Violation);
    BOOST_TEST(f[0].required == 1.0); // only the 协管 member is counted
    BOOST_TEST(has_text(f[0].message, "张伟"), f[0].message);
    add_checkin(Date(2025, 12, 31), "意见反馈（反馈单）");
    BOOST_TEST(check(b, "community.member.inservice_feedback", 2025, today)[0].status == FindingStatus::Ok);
}

BOOST_AUTO_TEST_CASE(rules_judge_a_period_by_the_roster_of_that_period) {
    test::Branch b; // 3 groups of 3
    core::MemberHistory history(b.a().db(), b.org);
    // 马俊 (third group) transfers out on 15 January 2026: the third group has 2 members from that day.
    core::Movement out;
    out.member_id = b.ids["马俊"];
    out.kind = "转出";
    out.on = Date(2026, 1, 15);
    out.counterpart = "光明街道第二社区党支部";
    history.depart(out);
    // 2025, judged in March 2026, counts him: three in every group on 31 December 2025.
    auto y2025 = check(b, "community.structure.group_size", 2025, Date(2026, 3, 1))[0];
    BOOST_TEST(y2025.status == FindingStatus::Ok, y2025.message);
    BOOST_TEST(check(b, "community.structure.form", 2025, Date(2026, 3, 1))[0].held == 8.0);
    // The day before he leaves, still three; from that day on, two.
    BOOST_TEST(check(b, "community.structure.group_size", 2026, Date(2026, 1, 14))[0].status == FindingStatus::Ok);
    auto y2026 = check(b, "community.structure.group_size", 2026, Date(2026, 1, 15))[0];
    BOOST_TEST(y2026.status == FindingStatus::Warning);
    BOOST_TEST(has_text(y2026.message, "第三党小组 2 人"), y2026.message);
    BOOST_TEST(check(b, "community.structure.form", 2026, Date(2026, 1, 15))[0].held == 7.0);
}

// Seed 004's 一卡: each 协管 member registered with a card — once, so a card from an earlier year still
// counts for this one; a card dated after the year's end does not, and 直管/代管 members are not asked.
BOOST_AUTO_TEST_CASE(each_inservice_member_registered_once_with_a_card) {
    const Date today(2026, 1, 15);
    test::Branch b; // 张伟 is the one 协管 member
    auto add_checkin = [&](const Date& d, const std::string& kind) { checkin(b, d, kind); };
    add_checkin(Date(2025, 6, 1), "意见反馈（反馈单）"); // not a registration
    add_checkin(Date(2026, 1, 1), "报到登记（登记卡）"); // the day after 2025 ends
    auto f = check(b, "community.member.inservice_registered", 2025, today);
    BOOST_REQUIRE_EQUAL(f.size(), 1u);
    BOOST_TEST(f[0].status == FindingStatus::Violation);
    BOOST_TEST(f[0].required == 1.0);
    BOOST_TEST(has_text(f[0].message, "张伟"), f[0].message);
    add_checkin(Date(2024, 12, 31), "报到登记（登记卡）"); // a year earlier: registered is registered
    BOOST_TEST(check(b, "community.member.inservice_registered", 2025, today)[0].status == FindingStatus::Ok);
}

// Seed 000 二(三)6: every member reports to the group or branch each half year — a report on 30 June
// counts for the first half, one on 1 July only for the second; 代管 members are not asked.
BOOST_AUTO_TEST_CASE(members_report_to_the_branch_every_half_year) {
    const Date today(2026, 1, 15);
    test::Branch b;
    std::vector<std::string> reporters = {"王建国", "李秀兰", "何平", "吴静", "刘芳", "陈志强", "张伟", "林涛"};
    auto first = reporters;
    first.pop_back(); // 林涛 reports on 1 July: too late for the first half
    b.add("member_report", Date(2025, 6, 30), first);
    b.add("member_report", Date(2025, 7, 1), {"林涛"});
    b.add("member_report", Date(2025, 12, 31), reporters);
    auto f = check(b, "community.member.report", 2025, today);
    BOOST_REQUIRE_EQUAL(f.size(), 2u);
    BOOST_TEST(f[0].window == "2025-H1");
    BOOST_TEST(f[0].status == FindingStatus::Violation);
    BOOST_TEST(f[0].required == 8.0); // 马俊 (代管) is not counted
    BOOST_TEST(f[0].held == 7.0);
    BOOST_TEST(has_text(f[0].message, "林涛"), f[0].message);
    BOOST_TEST(f[1].status == FindingStatus::Ok, f[1].message);
}

// Seed 000 二(三)7: the committee reports to the 党员大会 each quarter; a branch too small for a
// committee is not asked.
BOOST_AUTO_TEST_CASE(the_committee_reports_to_the_assembly_each_quarter) {
    const Date today(2026, 1, 15);
    test::Branch b;
    for (const Date& d : {Date(2025, 3, 31), Date(2025, 6, 1), Date(2025, 10, 1)}) b.add("committee_report", d);
    auto f = check(b, "community.freq.committee_report", 2025, today);
    BOOST_REQUIRE_EQUAL(f.size(), 4u);
    BOOST_TEST((statuses(f) ==
                std::vector<FindingStatus>{FindingStatus::Ok, FindingStatus::Ok, FindingStatus::Violation, FindingStatus::Ok}));
    test::Branch small("community", "党支部", false);
    core::Roster roster(small.a().db(), small.org);
    for (const char* n : {"林涛", "马俊", "张伟"}) roster.remove_member(small.ids.at(n));
    auto s = check(small, "community.freq.committee_report", 2025, today);
    BOOST_REQUIRE_EQUAL(s.size(), 1u);
    BOOST_TEST(s[0].status == FindingStatus::Ok, s[0].message);
}

// Seed 001: 班子成员之间每年至少谈心谈话1次 — every two of the five committee members talked, either
// way round; one pair missing is a violation naming the pair. And each member other than the
// secretary held a talk with the members they look after.
BOOST_AUTO_TEST_CASE(committee_members_talk_with_each_other_and_their_members_yearly) {
    const Date today(2026, 1, 15);
    test::Branch b; // committee: 王建国 (书记), 李秀兰, 何平, 吴静, 刘芳
    std::vector<std::string> seats = {"王建国", "李秀兰", "何平", "吴静", "刘芳"};
    for (std::size_t i = 0; i < seats.size(); ++i)
        for (std::size_t k = i + 1; k < seats.size(); ++k)
            if (!(seats[i] == "何平" && seats[k] == "刘芳")) b.add("talk", Date(2025, 5, 1), {seats[k]}, {}, 0, false, seats[i]);
    auto f = check(b, "community.member.talk_committee_pairs", 2025, today);
    BOOST_REQUIRE_EQUAL(f.size(), 1u);
    BOOST_TEST(f[0].required == 10.0);
    BOOST_TEST(f[0].held == 9.0);
    BOOST_TEST(f[0].status == FindingStatus::Violation);
    BOOST_TEST(has_text(f[0].message, "何平—刘芳"), f[0].message);
    b.add("talk", Date(2025, 12, 31), {"何平"}, {}, 0, false, "刘芳"); // the other way round counts
    BOOST_TEST(check(b, "community.member.talk_committee_pairs", 2025, today)[0].status == FindingStatus::Ok);

    auto contacts = [&] { return check(b, "community.member.talk_contacts", 2025, today).at(0); };
    BOOST_TEST(contacts().required == 4.0); // the secretary's own talks are another rule
    BOOST_TEST(contacts().held == 0.0);     // the talks above are not of the kind 班子成员与联系党员
    for (const char* host : {"李秀兰", "何平", "吴静", "刘芳"}) {
        b.set_fields(b.add("talk", Date(2025, 9, 1), {"陈志强"}, {}, 0, false, host), {{"talk_kind", "班子成员与联系党员"}});
    }
    BOOST_TEST(contacts().status == FindingStatus::Ok, contacts().message);
}

BOOST_AUTO_TEST_CASE(every_shipped_plugin_translates_its_rules_record_fields_and_rubrics) {
    // The English interface shows rule descriptions and sources, record field labels and rubric titles,
    // items, checks and citations from each plugin's locale/en.json (or the shared sector base's).
    const auto& host = test::sector_plugins();
    auto rubrics = core::RubricSet::load(host);
    int plugins = 0, texts = 0;
    for (const auto& p : host.loaded()) {
        if (p->id() == "sector-base") continue;
        ++plugins;
        auto en = core::plugin_messages(*p, "en"); // the plugin's own and its base's
        auto check = [&](const std::string& text, const std::string& what) {
            if (text.empty()) return;
            ++texts;
            BOOST_CHECK_MESSAGE(en.count(text), p->id() << ": " << what << " untranslated: " << text);
        };
        for (const auto& r : core::load_rules(*p)) {
            BOOST_CHECK_MESSAGE(en.count(r.description), p->id() << ": rule " << r.id << " untranslated: " << r.description);
            check(r.source, "source of rule " + r.id);
        }
        for (const auto& t : core::load_meeting_templates(*p)) {
            check(t.source, "source of record type " + t.id);
            for (const auto& field : t.fields)
                BOOST_CHECK_MESSAGE(en.count(field.label), p->id() << ": " << t.id << " field untranslated: " << field.label);
        }
        for (const auto* rubric : rubrics.for_sector(p->id())) {
            BOOST_CHECK_MESSAGE(en.count(rubric->name), p->id() << ": rubric untranslated: " << rubric->name);
            check(rubric->source, "source of rubric " + rubric->id);
            check(rubric->grades_source, "grades source of rubric " + rubric->id);
            for (const auto& s : rubric->sections) {
                BOOST_CHECK_MESSAGE(en.count(s.title), p->id() << ": rubric section untranslated: " << s.title);
                check(s.source, "source of section " + rubric->id + " " + s.id);
                for (const auto& it : s.items) {
                    const std::string item = rubric->id + " " + it.id;
                    BOOST_CHECK_MESSAGE(en.count(it.text), p->id() << ": item " << item << " untranslated: " << it.text);
                    check(it.source, "source of item " + item);
                    check(it.basis, "basis of item " + item);
                    for (const auto& c : it.checks) check(c.text, "check " + c.id + " of item " + item);
                }
            }
        }
    }
    BOOST_CHECK_GE(plugins, 5);
    BOOST_CHECK_GE(texts, 400); // the rubrics' items, checks and citations are all looked at
}

BOOST_AUTO_TEST_CASE(a_plugin_translation_that_is_not_text_names_its_file) {
    test::ScratchDir dir;
    auto folder = dir / "p";
    fs::create_directories(folder / "locale");
    test::write_file(folder / "plugin.json",
                     R"({"id":"test","name":{"zh_CN":"测试","en":"Test"},"version":"1.0","api_version":1})");
    test::write_file(folder / "locale" / "en.json", R"({"支部党员大会":"General meeting"})");
    core::PluginHost h;
    BOOST_REQUIRE(h.load(folder));
    auto en = core::plugin_messages(*h.find("test"), "en");
    BOOST_TEST(en.size() == 1u);
    BOOST_TEST(en["支部党员大会"] == "General meeting");
    BOOST_TEST(core::plugin_messages(*h.find("test"), "fr").empty()); // no catalogue: nothing
    test::write_file(folder / "locale" / "en.json", R"({"支部党员大会":3})");
    try {
        core::plugin_messages(*h.find("test"), "en");
        BOOST_ERROR("a number accepted as a translation");
    } catch (const core::Error& e) {
        BOOST_TEST(e.param("file") == (folder / "locale" / "en.json").string());
        BOOST_TEST(e.param("field") == "支部党员大会");
    }
}
