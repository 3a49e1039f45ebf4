// Assessments: rounds, deduction reasons that block finalisation, computed proposals from findings,
// survey conversion and the 1:1 ratio warning, vetoes, history, and the superior's grade shares.
#include "test_support.hpp"

#include "onebook/assessment.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

std::string text(const core::Message& m) { return core::substitute(m.key, m.params); }
std::string text(const core::Error& e) { return core::substitute(e.key(), e.params()); }

struct Fixture {
    test::ScratchDir dir{"onebook-assess"};
    core::PluginHost host;
    core::RubricSet rubrics;
    core::Archive archive;
    core::AssessmentStore store;
    const core::Rubric& fenlei;

    Fixture()
        : archive((host.load_all(), rubrics = core::RubricSet::load(host), test::make_archive(dir / "a.onebook"))),
          store(archive, rubrics), fenlei(rubrics.require("community.fenlei")) {}

    core::Id home() { return archive.home().id; }

    /// First item of the rubric with this scoring kind (and formula, for computed items).
    const core::RubricItem& first(core::ScoringKind kind, std::optional<core::Formula> f = {}) const {
        for (const auto& s : fenlei.sections)
            for (const auto& it : s.items)
                if (it.kind == kind && (!f || it.formula == *f)) return it;
        BOOST_FAIL("community.fenlei has no item of the wanted kind");
        throw std::logic_error("unreachable");
    }

    core::ScoreEntry score(core::Id a, core::Round r, const std::string& item, double pts, const std::string& reason = {},
                           const std::vector<core::Finding>& findings = {}) {
        core::ScoreInput in;
        in.round = r;
        in.item_id = item;
        in.points = pts;
        in.reason = reason;
        in.by = r == core::Round::Self ? "王建国" : "街道考核组 李明";
        return store.score(a, in, findings);
    }

    /// Scores every non-survey item of a round at full marks.
    void score_all_full(core::Id a, core::Round r) {
        for (const auto& s : fenlei.sections)
            for (const auto& it : s.items)
                if (!(it.kind == core::ScoringKind::Survey && r == core::Round::Superior)) score(a, r, it.id, it.points);
    }

    void add_members(int n) {
        core::Roster roster(archive.db(), home());
        static const char* names[] = {"王建国", "李秀兰", "张伟", "刘芳", "陈志强", "杨桂英", "赵磊", "黄丽", "周明", "吴静"};
        for (int i = 0; i < n; ++i) {
            core::Member m;
            m.name = names[i % 10] + std::string(i >= 10 ? "乙" : "");
            m.gender = i % 2 ? "女" : "男";
            m.join_date = core::Date(2000 + i, 7, 1);
            m.full_date = core::Date(2001 + i, 7, 1);
            roster.add_member(m);
        }
    }
};

core::Finding finding(const std::string& rule, const std::string& window, core::FindingStatus st, double held, double required) {
    core::Finding f;
    f.rule_id = rule;
    f.description = "测试规则 " + rule;
    f.window = window;
    f.status = st;
    f.held = held;
    f.required = required;
    f.evidence = {11, 12};
    return f;
}

int count_history(core::AssessmentStore& s, core::Id a) { return static_cast<int>(s.history(a).size()); }

} // namespace

BOOST_FIXTURE_TEST_SUITE(assessment, Fixture)

BOOST_AUTO_TEST_CASE(an_assessment_is_one_rubric_for_one_organisation_and_year) {
    auto a = store.create(home(), "community.fenlei", 2024, "王建国");
    BOOST_TEST(a.year == 2024);
    BOOST_TEST(!a.final);
    BOOST_TEST(store.require(home(), 2024).id == a.id);
    BOOST_CHECK_THROW(store.create(home(), "community.fenlei", 2024, "王建国"), core::Error); // duplicate
    BOOST_CHECK_THROW(store.create(home(), "village.fenlei", 2024, "王建国"), core::Error);   // other sector
    BOOST_CHECK_THROW(store.create(home(), "no.such", 2024, "王建国"), core::Error);
    // A second rubric the same year makes the year ambiguous without --rubric.
    store.create(home(), "community.sanhao", 2024, "王建国");
    BOOST_CHECK_THROW(store.require(home(), 2024), core::Error);
    BOOST_TEST(store.require(home(), 2024, "community.sanhao").rubric_id == "community.sanhao");
    BOOST_CHECK_THROW(store.require(home(), 2023), core::Error);
}

BOOST_AUTO_TEST_CASE(bad_scores_are_refused_and_change_nothing) {
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    const auto& manual = first(core::ScoringKind::Manual);
    BOOST_CHECK_THROW(score(a, core::Round::Self, manual.id, manual.points + 1), core::Error);
    BOOST_CHECK_THROW(score(a, core::Round::Self, manual.id, -1), core::Error);
    BOOST_CHECK_THROW(score(a, core::Round::Self, manual.id, 1.3), core::Error);
    BOOST_CHECK_THROW(score(a, core::Round::Self, "9.9", 1), core::Error);
    const auto& survey = first(core::ScoringKind::Survey);
    try {
        score(a, core::Round::Superior, survey.id, 10);
        BOOST_FAIL("survey item scored by hand in the superior round");
    } catch (const core::Error& e) { BOOST_TEST(text(e).find("assess survey") != std::string::npos); }
    BOOST_TEST(count_history(store, a) == 0);
    // Half points are fine.
    auto e = score(a, core::Round::Self, manual.id, manual.points - 0.5, "书记年内参加培训不足");
    BOOST_TEST(e.points == manual.points - 0.5);
    BOOST_TEST(count_history(store, a) == 1);
}

BOOST_AUTO_TEST_CASE(missing_deduction_reasons_block_finalisation) {
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    score_all_full(a, core::Round::Self);
    const auto& manual = first(core::ScoringKind::Manual);
    score(a, core::Round::Self, manual.id, manual.points - 1); // deduction without a reason
    auto problems = store.blocking_problems(a, core::Round::Self);
    BOOST_REQUIRE_EQUAL(problems.size(), 1u);
    BOOST_TEST(problems[0].item_id == manual.id);
    BOOST_TEST(text(problems[0].message).find("缺扣分理由") != std::string::npos);
    try {
        store.finalise(a, core::Round::Self, "王建国");
        BOOST_FAIL("finalised with a missing reason");
    } catch (const core::Error& e) {
        BOOST_TEST(text(e).find(manual.id) != std::string::npos);
        BOOST_TEST(e.param("count") == "1");
    }
    BOOST_TEST(!store.get(a)->self_final);
    // The reason, given later, unblocks it; history keeps both scores.
    score(a, core::Round::Self, manual.id, manual.points - 1, "班子成员年度述职未全部完成");
    BOOST_TEST(store.blocking_problems(a, core::Round::Self).empty());
    auto g = store.finalise(a, core::Round::Self, "王建国");
    BOOST_TEST(g.total == 99.0);
    BOOST_TEST(store.get(a)->self_final);
    // History: full marks, then the deduction without a reason, then with it — by whom, in which round.
    auto h = store.history(a, manual.id);
    BOOST_REQUIRE_EQUAL(h.size(), 3u);
    BOOST_TEST(h[0].points == manual.points);
    BOOST_TEST(h[1].reason.empty());
    BOOST_TEST(h[2].reason == "班子成员年度述职未全部完成");
    BOOST_TEST(h[2].by == "王建国");
    BOOST_TEST((h[2].round == core::Round::Self));
    BOOST_TEST(!h[2].at.empty());
    // The reported self-assessment is locked.
    BOOST_CHECK_THROW(score(a, core::Round::Self, manual.id, manual.points), core::Error);
}

BOOST_AUTO_TEST_CASE(unscored_items_and_the_missing_survey_block_the_superior_round) {
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    auto problems = store.blocking_problems(a, core::Round::Superior);
    // Every non-survey item is unscored, plus the survey.
    BOOST_TEST(problems.size() == fenlei.item_count());
    bool survey_missing = false;
    for (const auto& p : problems) survey_missing |= text(p.message).find("满意度测评") != std::string::npos;
    BOOST_TEST(survey_missing);
    BOOST_CHECK_THROW(store.finalise(a, core::Round::Superior, "李明"), core::Error);
    // The form lists only the self-assessment's gaps until the superior starts scoring.
    BOOST_TEST(store.sheet(a).problems.size() == fenlei.item_count());
    score(a, core::Round::Superior, first(core::ScoringKind::Manual).id, first(core::ScoringKind::Manual).points);
    BOOST_TEST(store.sheet(a).problems.size() == 2 * fenlei.item_count() - 1);
}

BOOST_AUTO_TEST_CASE(checklist_items_score_the_ticked_checks) {
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    const auto& item = first(core::ScoringKind::Checklist);
    BOOST_REQUIRE_GE(item.checks.size(), 2u);
    core::ScoreInput in;
    in.round = core::Round::Superior;
    in.item_id = item.id;
    in.checks = std::vector<std::string>{item.checks[0].id};
    in.reason = "其余细目未见台账";
    auto e = store.score(a, in);
    BOOST_TEST(e.points == item.checks[0].points);
    BOOST_TEST(e.checks == std::vector<std::string>{item.checks[0].id}, boost::test_tools::per_element());
    in.checks = std::vector<std::string>{"zz"};
    BOOST_CHECK_THROW(store.score(a, in), core::Error);
    in.checks = std::vector<std::string>{item.checks[0].id};
    in.points = item.points; // disagrees with the ticks
    BOOST_CHECK_THROW(store.score(a, in), core::Error);
    // Checks on a manual item are refused.
    in.item_id = first(core::ScoringKind::Manual).id;
    in.points.reset();
    BOOST_CHECK_THROW(store.score(a, in), core::Error);
}

BOOST_AUTO_TEST_CASE(windows_formula_proposes_from_met_windows_and_ignores_due_ones) {
    const auto& item = first(core::ScoringKind::Computed, core::Formula::Windows);
    const std::string rule = item.rules.front();
    std::vector<core::Finding> f = {
        finding(rule, "2025-Q1", core::FindingStatus::Ok, 1, 1), finding(rule, "2025-Q2", core::FindingStatus::Violation, 0, 1),
        finding(rule, "2025-Q3", core::FindingStatus::Ok, 2, 1), finding(rule, "2025-Q4", core::FindingStatus::Due, 0, 1),
        finding("other.rule", "2025-Q2", core::FindingStatus::Violation, 0, 1)};
    // Rules of the item that have no findings at all do not count.
    auto p = core::propose(item, f);
    BOOST_REQUIRE(p.has_value());
    // 2 of 3 finished quarters met: 2/3 of the points, rounded down to a half point.
    BOOST_TEST(p->points == core::floor_half(item.points * 2.0 / 3.0));
    BOOST_TEST(p->explanation.find("2025-Q2") != std::string::npos);
    BOOST_TEST(p->explanation.find("2025-Q4") == std::string::npos);
    BOOST_TEST(p->findings.size() == 4u); // evidence: this rule's findings only
    // Nothing judged yet: no proposal.
    BOOST_TEST(!core::propose(item, {finding(rule, "2025-Q4", core::FindingStatus::Due, 0, 1)}).has_value());
    BOOST_TEST(!core::propose(first(core::ScoringKind::Manual), f).has_value());
}

BOOST_AUTO_TEST_CASE(ratio_and_no_violation_formulas) {
    core::RubricItem ratio;
    ratio.id = "x";
    ratio.points = 3;
    ratio.kind = core::ScoringKind::Computed;
    ratio.rules = {"community.freq.joint"};
    ratio.formula = core::Formula::Ratio;
    // 联席会 held 3 of 4: 3 × 3/4 = 2.25 → 2. Extra meetings in one window do not make up for another.
    auto p = core::propose(ratio, {finding("community.freq.joint", "2025", core::FindingStatus::Violation, 3, 4)});
    BOOST_REQUIRE(p);
    BOOST_TEST(p->points == 2.0);
    p = core::propose(ratio, {finding("community.freq.joint", "2025-H1", core::FindingStatus::Ok, 5, 2),
                              finding("community.freq.joint", "2025-H2", core::FindingStatus::Violation, 0, 2)});
    BOOST_TEST(p->points == 1.5);
    p = core::propose(ratio, {finding("community.freq.joint", "2025", core::FindingStatus::Ok, 6, 4)});
    BOOST_TEST(p->points == 3.0); // capped at the maximum

    core::RubricItem structural = ratio;
    structural.formula = core::Formula::NoViolation;
    structural.rules = {"community.struct.term_expiry"};
    p = core::propose(structural, {finding("community.struct.term_expiry", "", core::FindingStatus::Warning, 0, 0)});
    BOOST_TEST(p->points == 3.0); // a warning (expiry near) is not a violation
    p = core::propose(structural, {finding("community.struct.term_expiry", "", core::FindingStatus::Violation, 0, 0)});
    BOOST_TEST(p->points == 0.0);
}

BOOST_AUTO_TEST_CASE(computed_items_need_a_reason_to_leave_their_proposal) {
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    const auto& item = first(core::ScoringKind::Computed, core::Formula::Windows);
    std::vector<core::Finding> f;
    for (const auto& rule : item.rules)
        for (int q = 1; q <= 4; ++q)
            f.push_back(finding(rule, "2024-Q" + std::to_string(q),
                                q == 3 ? core::FindingStatus::Violation : core::FindingStatus::Ok, 1, 1));
    auto p = core::propose(item, f);
    BOOST_REQUIRE(p);
    BOOST_REQUIRE_LT(p->points, item.points);
    // Override upwards without a reason: refused, nothing stored.
    BOOST_CHECK_THROW(score(a, core::Round::Superior, item.id, item.points, "", f), core::Error);
    BOOST_TEST(count_history(store, a) == 0);
    // Accepting the proposal takes its explanation as the deduction reason.
    auto e = score(a, core::Round::Superior, item.id, p->points, "", f);
    BOOST_TEST(e.proposal.value_or(-1) == p->points);
    BOOST_TEST(e.reason.find("按规则计算") != std::string::npos);
    BOOST_TEST(e.reason.find("2024-Q3") != std::string::npos);
    // Overriding with a written reason is allowed and kept with the proposal.
    e = score(a, core::Round::Superior, item.id, item.points, "第三季度党员大会因疫情改为线上召开，记录已补", f);
    BOOST_TEST(e.points == item.points);
    BOOST_TEST(*e.proposal == p->points);
    // The sheet shows the proposal with its evidence.
    auto sheet = store.sheet(a, f);
    for (const auto& s : sheet.sections)
        for (const auto& it : s.items)
            if (it.item.id == item.id) {
                BOOST_REQUIRE(it.proposal);
                BOOST_TEST(it.proposal->points == p->points);
                BOOST_TEST(it.proposal->findings.front().evidence.size() == 2u);
            }
    // accept_proposals fills the other computed items that have findings (none here but this one).
    auto made = store.accept_proposals(a, core::Round::Self, "王建国", f);
    BOOST_TEST(made.size() == 1u);
    BOOST_TEST(made.front().item_id == item.id);
}

BOOST_AUTO_TEST_CASE(survey_converts_ballots_and_warns_about_the_ratio) {
    // Members: 18 满意, 2 基本满意 → (18 + 2×w)/20; non-members likewise with their ballots.
    const auto& sv = *fenlei.survey;
    double w = sv.weights.at("基本满意");
    core::Ballots members{18, 2, 0}, public_{15, 4, 1};
    auto r = core::evaluate_survey(fenlei, members, public_, 20);
    double m_rate = 100.0 * (18 + 2 * w) / 20, p_rate = 100.0 * (15 + 4 * w) / 20;
    BOOST_TEST(r.member_rate == m_rate, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(r.non_member_rate == p_rate, boost::test_tools::tolerance(1e-9));
    double rate = sv.equal_weight ? (m_rate + p_rate) / 2 : 100.0 * (33 + 6 * w) / 40;
    BOOST_TEST(r.rate == rate, boost::test_tools::tolerance(1e-9));
    // Points: the first band of the plugin's table whose threshold the rate reaches.
    double expected = -1;
    for (const auto& b : sv.table)
        if (rate >= b.min_rate) {
            expected = b.points;
            break;
        }
    BOOST_TEST(r.points == expected);
    BOOST_TEST(r.warnings.empty()); // 20:20, all 20 members voted

    // 20 members against 8 non-members is far from 1:1.
    r = core::evaluate_survey(fenlei, members, {6, 2, 0}, 20);
    BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
    BOOST_TEST(text(r.warnings[0]).find("1:1") != std::string::npos);
    BOOST_TEST(r.warnings[0].params.front().second == "20");
    // 20:19 is about 1:1; but only 20 of 25 members voted.
    r = core::evaluate_survey(fenlei, members, {15, 3, 1}, 25);
    BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
    BOOST_TEST(text(r.warnings[0]).find("党员应全部参加") != std::string::npos);
    // Everyone dissatisfied: the lowest band.
    r = core::evaluate_survey(fenlei, {0, 0, 20}, {0, 0, 20}, 20);
    BOOST_TEST(r.rate == 0.0);
    BOOST_TEST(r.points == sv.table.back().points);
    BOOST_CHECK_THROW(core::evaluate_survey(fenlei, {}, {}, 20), core::Error);
    BOOST_CHECK_THROW(core::evaluate_survey(fenlei, {-1, 0, 0}, {1, 0, 0}, 0), core::Error);
}

BOOST_AUTO_TEST_CASE(recorded_survey_fills_the_survey_section_and_counts_roster_members) {
    add_members(10);
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    auto r = store.record_survey(a, {8, 1, 0}, {9, 1, 0}, "李明");
    bool missing_members = false;
    for (const auto& w : r.warnings) missing_members |= text(w).find("少于本支部党员 10 人") != std::string::npos;
    BOOST_TEST(missing_members);
    auto sheet = store.sheet(a);
    BOOST_REQUIRE(sheet.survey);
    double survey_points = 0;
    for (const auto& s : sheet.sections)
        for (const auto& it : s.items)
            if (it.item.kind == core::ScoringKind::Survey) survey_points += it.points(core::Round::Superior).value_or(-100);
    BOOST_TEST(survey_points == r.points);
    BOOST_TEST(sheet.superior_total == r.points);
    // Recording again replaces the counts in place; the earlier ones stay in the history (the journal).
    store.record_survey(a, {10, 0, 0}, {10, 0, 0}, "李明");
    BOOST_TEST(store.survey(a)->members.satisfied == 10);
    BOOST_TEST(archive.db().scalar_int("SELECT count(*) FROM assessment_survey") == 1);
    BOOST_TEST(archive.db().scalar_int("SELECT count(*) FROM assessment_survey_history") == 2);
}

BOOST_AUTO_TEST_CASE(vetoes_override_the_score) {
    // Leaders involved in the listed violations: 较差 whatever the score.
    core::VetoFlag flag{"leader_violation", true, "书记充当“保护伞”，已移送纪委", "街道党工委", ""};
    auto g = core::grade(fenlei, 95, {flag}, core::Date(2003, 7, 1), 2024);
    BOOST_TEST(g.score_grade == "好");
    BOOST_TEST(g.grade == "较差");
    BOOST_REQUIRE_EQUAL(g.vetoes.size(), 1u);
    BOOST_TEST(g.vetoes[0].veto_id == "leader_violation");
    BOOST_TEST(g.explanation.find("保护伞") != std::string::npos);
    // An inactive (cleared) flag does nothing.
    flag.active = false;
    BOOST_TEST(core::grade(fenlei, 95, {flag}, core::Date(2003, 7, 1), 2024).grade == "好");
    // Not a 两新 organisation: community has no new-branch veto at all.
    BOOST_TEST(fenlei.find_veto("new_branch") == nullptr);
    // Enterprise: founded since the region's campaign start: cannot be 好, a lower grade is left alone.
    core::Rubric ent = rubrics.require("enterprise.fenlei");
    BOOST_TEST(store.effective_vetoes(ent).find_veto("new_branch") == nullptr); // no date set: off
    archive.set_setting("new_branch_campaign_from", "2012-06-01");
    ent = store.effective_vetoes(ent);
    const auto* nb = ent.find_veto("new_branch");
    BOOST_REQUIRE(nb);
    auto [from, to] = nb->window(2024);
    BOOST_TEST(from.iso() == "2012-06-01");
    g = core::grade(ent, 95, {}, from, 2024);
    BOOST_TEST(g.grade == nb->grade);
    BOOST_TEST(g.explanation.find(from.iso()) != std::string::npos);
    g = core::grade(ent, 70, {}, to, 2024);
    BOOST_TEST(g.grade == "一般");
    BOOST_TEST(g.vetoes.empty());
    BOOST_TEST(core::grade(ent, 95, {}, from.add_days(-1), 2024).grade == "好");
    BOOST_TEST(core::grade(ent, 95, {}, std::nullopt, 2024).grade == "好");
}

BOOST_AUTO_TEST_CASE(full_round_trip_to_a_final_grade_with_a_veto) {
    add_members(10);
    auto a = store.create(home(), "community.fenlei", 2024, "王建国").id;
    score_all_full(a, core::Round::Superior);
    const auto& manual = first(core::ScoringKind::Manual);
    score(a, core::Round::Superior, manual.id, manual.points - 2, "班子分工不明确，重大事项未集体讨论");
    store.record_survey(a, {9, 1, 0}, {8, 2, 0}, "李明");
    BOOST_CHECK_THROW(store.set_veto(a, "leader_violation", true, "", "李明"), core::Error); // no reason
    BOOST_CHECK_THROW(store.set_veto(a, "new_branch", true, "新建", "李明"), core::Error);   // automatic veto
    BOOST_CHECK_THROW(store.set_veto(a, "nonsense", true, "x", "李明"), core::Error);
    store.set_veto(a, "campaign_attitude", true, "“三打两建”中责任不落实，群众反映强烈", "街道党工委");
    BOOST_TEST(store.vetoes(a).size() == 1u);
    auto sheet = store.sheet(a);
    double survey_max = 0;
    for (const auto& s : fenlei.sections)
        for (const auto& it : s.items)
            if (it.kind == core::ScoringKind::Survey) survey_max += it.points;
    BOOST_TEST(sheet.superior_total == 100 - survey_max - 2 + sheet.survey->points);
    BOOST_TEST(sheet.grade.grade == "较差");
    auto g = store.finalise(a, core::Round::Superior, "街道党工委");
    BOOST_TEST(g.grade == "较差");
    auto stored = store.get(a);
    BOOST_TEST(stored->final);
    BOOST_TEST(stored->final_grade == "较差");
    BOOST_TEST(*stored->final_total == sheet.superior_total);
    BOOST_TEST(stored->grade_explanation.find("三打两建") != std::string::npos);
    BOOST_CHECK_THROW(score(a, core::Round::Superior, manual.id, manual.points, "复核"), core::Error);
    BOOST_CHECK_THROW(store.record_survey(a, {1, 0, 0}, {1, 0, 0}, "x"), core::Error);
    BOOST_CHECK_THROW(store.finalise(a, core::Round::Superior, "x"), core::Error);
    // Deductions are what rectification points back to.
    auto d = store.deductions(a);
    bool found = false;
    for (const auto& x : d) found |= x.item_id == manual.id && x.points == manual.points - 2 && !x.reason.empty();
    BOOST_TEST(found);
    // JSON carries the grid.
    auto json = core::to_json(store.sheet(a));
    BOOST_TEST(json.find("\"grade\":\"较差\"") != std::string::npos);
    BOOST_TEST(json.find(manual.id) != std::string::npos);
    // The superior's list sees it.
    auto graded = core::graded_organisations(archive, 2024);
    BOOST_REQUIRE_EQUAL(graded.size(), 1u);
    BOOST_TEST(graded[0].grade == "较差");
}

BOOST_AUTO_TEST_CASE(sanhao_assessment_grades_with_its_own_bands) {
    auto a = store.create(home(), "community.sanhao", 2024, "王建国").id;
    const auto& r = rubrics.require("community.sanhao");
    for (const auto& s : r.sections)
        for (const auto& it : s.items) score(a, core::Round::Superior, it.id, it.points);
    // Take 10.5 points off (3 + 2.5 + 3 + 2): 89.5 is 合格, not 优秀.
    score(a, core::Round::Superior, "2.2", 1, "联席会全年仅开展1次");
    score(a, core::Round::Superior, "6.1", 0.5, "服务项目仅3项");
    score(a, core::Round::Superior, "1.1", 0, "书记长期不在岗");
    score(a, core::Round::Superior, "1.2", 1, "支委缺额两名，未及时增补");
    auto g = store.finalise(a, core::Round::Superior, "街道党工委");
    BOOST_TEST(g.total == 89.5);
    BOOST_TEST(g.grade == "合格");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(grade_distribution_checks_shares_and_lists_explanations) {
    core::PluginHost host;
    host.load_all();
    auto rubrics = core::RubricSet::load(host);
    std::vector<core::GradedOrganisation> g;
    auto add = [&](const std::string& name, const std::string& sector, const std::string& grade, double total) {
        g.push_back({name, "uid-" + name, sector, sector + ".fenlei", 2024, total, grade});
    };
    // 10 community branches: 3 好 (30 % > 20 %), 1 较差 (10 %).
    for (int i = 0; i < 3; ++i) add("社区" + std::to_string(i), "community", "好", 92);
    for (int i = 3; i < 9; ++i) add("社区" + std::to_string(i), "community", "较好", 85);
    add("社区9", "community", "较差", 55);
    // Organ branches may exceed the share: 2 好 of 2 do not count against it.
    add("区财政局机关党支部", "organ", "好", 95);
    add("区教育局机关党支部", "organ", "一般", 70);
    auto d = core::grade_distribution(g, rubrics, host);
    BOOST_TEST(d.count == 12);
    BOOST_TEST(d.restricted == 10);
    BOOST_TEST(d.good_restricted == 3);
    BOOST_TEST(d.good_share == 0.3, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(!d.good_share_ok);
    BOOST_TEST(d.poor == 1);
    BOOST_TEST(d.poor_share_ok); // 1 of 12 ≈ 8 %: about 10 %
    BOOST_TEST(d.notes.empty());
    BOOST_REQUIRE_EQUAL(d.warnings.size(), 1u);
    // The 好 share both ways: 3 of 10 without organ and eduhealth, 4 of 12 overall.
    BOOST_TEST(d.good_share_overall == 4.0 / 12, boost::test_tools::tolerance(1e-9));
    // Explanations: community 好 ×3 and 较差 ×1; organ 一般 ×1 (organ 好 needs none).
    BOOST_TEST(d.explanations.size() == 5u);
    bool organ_good = false, organ_fair = false;
    for (const auto& e : d.explanations) {
        organ_good |= e.organisation.name == "区财政局机关党支部";
        organ_fair |= e.organisation.name == "区教育局机关党支部";
    }
    BOOST_TEST(!organ_good);
    BOOST_TEST(organ_fair);
    // Grades in band order.
    BOOST_REQUIRE(!d.by_grade.empty());
    BOOST_TEST(d.by_grade.front().first == "好");
    BOOST_TEST(d.by_grade.front().second == 4);

    // Two 好 of ten is within 20 %; no 较差 at all is below "about 10 %": information (seed 002 also
    // says 据实定级), not a deviation.
    g.clear();
    for (int i = 0; i < 2; ++i) add("社区" + std::to_string(i), "community", "好", 92);
    for (int i = 2; i < 10; ++i) add("社区" + std::to_string(i), "community", "较好", 85);
    d = core::grade_distribution(g, rubrics, host);
    BOOST_TEST(d.good_share_ok);
    BOOST_TEST(d.poor_share_ok);
    BOOST_TEST(d.warnings.empty());
    BOOST_REQUIRE_EQUAL(d.notes.size(), 1u);
    BOOST_TEST(d.notes[0].key.find("据实") != std::string::npos);
    // Two of ten 较差 (20 %) is above 10 % ± 5 %: a deviation.
    g[2].grade = g[3].grade = "较差";
    d = core::grade_distribution(g, rubrics, host);
    BOOST_TEST(!d.poor_share_ok);
    BOOST_TEST(d.notes.empty());
}

// The 精品社区 form's 群众评议 item is proposed from the year's recorded 三高 rates: all three exactly
// at their thresholds (90/90/95 %) earn the whole item; one respondent below 90 % participation
// loses a tenth of that measure's share; the explanation says the points are the plugin's proposal;
// another score needs a reason, like any computed item.
BOOST_AUTO_TEST_CASE(the_three_high_item_is_proposed_from_the_recorded_rates_at_their_thresholds) {
    Fixture f;
    const auto& jp = f.rubrics.require("community.jingpin");
    BOOST_REQUIRE(jp.three_high.has_value());
    const auto* item = jp.find_item("1.15");
    BOOST_REQUIRE(item != nullptr);
    BOOST_TEST((item->kind == core::ScoringKind::ThreeHigh));
    BOOST_TEST(std::string(core::to_string(item->kind)) == "three_high");
    auto a = f.store.create(f.home(), "community.jingpin", 2024, "王建国").id;
    auto proposal = [&]() -> std::optional<core::Proposal> {
        for (const auto& s : f.store.sheet(a).sections)
            for (const auto& it : s.items)
                if (it.item.id == "1.15") return it.proposal;
        return std::nullopt;
    };
    BOOST_TEST(!proposal().has_value()); // no survey recorded for the year yet

    core::ThreeHighStore surveys(f.archive.db(), f.home());
    core::ThreeHighSurvey s;
    s.year = 2024;
    s.on = core::Date(2024, 11, 20);
    s.respondents = 200;
    s.aware = 180;         // 90.0 %
    s.participating = 180; // 90.0 %
    s.satisfied = 190;     // 95.0 %
    surveys.set(s);
    auto p = proposal();
    BOOST_REQUIRE(p.has_value());
    BOOST_TEST(p->points == 10.0);
    BOOST_TEST(p->explanation.find("本插件拟定") != std::string::npos);
    BOOST_TEST(p->explanation.find("参与度 90.0%") != std::string::npos);

    s.participating = 179; // 89.5 %: one point short, that third loses 10 % → 9.66, rounded down to 9.5
    surveys.set(s);
    p = proposal();
    BOOST_REQUIRE(p.has_value());
    BOOST_TEST(p->points == 9.5);
    BOOST_TEST(p->explanation.find("未达标") != std::string::npos);
    // Another survey year does not count.
    BOOST_TEST(core::ThreeHighStore(f.archive.db(), f.home()).get(2023).has_value() == false);

    BOOST_CHECK_THROW(f.score(a, core::Round::Self, "1.15", 10), core::Error); // away from the proposal, no reason
    auto made = f.store.accept_proposals(a, core::Round::Self, "王建国", {});
    BOOST_REQUIRE_EQUAL(made.size(), 1u);
    BOOST_TEST(made.front().item_id == "1.15");
    BOOST_TEST(made.front().points == 9.5);
    BOOST_TEST(made.front().reason.find("参与度 89.5%") != std::string::npos);
}
