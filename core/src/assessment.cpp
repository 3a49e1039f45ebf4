#include "onebook/assessment.hpp"
#include "onebook/numbers.hpp"

#include "onebook/json_text.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"
#include "onebook/sectors.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace onebook::core {

namespace {

constexpr double eps = score_epsilon;

std::string percent(double v) { return format_fixed(v, 1); }

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}

std::string num(double v) { return format_number(v); }

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

/// Rates for one group under a scheme, percent.
double group_rate(const SurveyScheme& s, const Ballots& b) {
    if (b.total() == 0) return 0;
    double w = s.weights.at("满意") * b.satisfied + s.weights.at("基本满意") * b.basic + s.weights.at("不满意") * b.dissatisfied;
    return 100.0 * w / b.total();
}

/// The scores, survey and vetoes keep one row per key, changed in place (the journal's row of each
/// change is its history line): `update` bumps the row's seq; when there is no row yet, `insert`
/// creates it with seq 1. `bind` binds the same values to either.
template <typename Bind> void write_in_place(Database& db, std::string_view update, std::string_view insert, const Bind& bind) {
    Statement st(db, update);
    bind(st);
    st.run();
    if (db.changes() > 0) return;
    Statement ins(db, insert);
    bind(ins);
    ins.run();
}

const char* kAssessmentColumns =
    "id, organisation_id, rubric_id, year, created_by, created_at, self_final_at, finalised_at, final_total, "
    "score_grade, final_grade, grade_explanation, finalised_by";

Assessment read_assessment(Statement& st) {
    Assessment a;
    a.id = st.get_int(0);
    a.organisation_id = st.get_int(1);
    a.rubric_id = st.get_text(2);
    a.year = static_cast<int>(st.get_int(3));
    a.created_by = st.get_text(4);
    a.created_at = st.get_text(5);
    a.self_final = !st.is_null(6);
    a.final = !st.is_null(7);
    a.finalised_at = st.get_text(7);
    if (!st.is_null(8)) a.final_total = st.get_double(8);
    a.score_grade = st.get_text(9);
    a.final_grade = st.get_text(10);
    a.grade_explanation = st.get_text(11);
    a.finalised_by = st.get_text(12);
    return a;
}

const char* kScoreColumns = "id, round, item_id, points, reason, note, checks, proposal, scored_by, scored_at";

ScoreEntry read_score(Statement& st) {
    ScoreEntry e;
    e.id = st.get_int(0);
    e.round = st.get_text(1) == "superior" ? Round::Superior : Round::Self;
    e.item_id = st.get_text(2);
    e.points = st.get_double(3);
    e.reason = st.get_text(4);
    e.note = st.get_text(5);
    if (auto c = st.get_opt_text(6)) e.checks = split_commas(*c);
    if (!st.is_null(7)) e.proposal = st.get_double(7);
    e.by = st.get_text(8);
    e.at = st.get_text(9);
    return e;
}

Message msg(std::string key, MessageParams params) {
    Message m{std::move(key), std::move(params)};
    // The round's name (自评 / 组织考核) is a message of its own, translated with the rest at the edge.
    for (const auto& [k, v] : m.params)
        if (k == "round") m.nested.push_back({k, Message{v}});
    return m;
}

} // namespace

// ---- Rounds -----------------------------------------------------------------------------------

const char* to_string(Round r) { return r == Round::Self ? "self" : "superior"; }
std::string round_name(Round r) { return r == Round::Self ? OB_N("自评") : OB_N("组织考核"); }

std::optional<Round> parse_round(const std::string& t) {
    if (t == "self" || t == "自评") return Round::Self;
    if (t == "superior" || t == "组织考核" || t == "考核") return Round::Superior;
    return std::nullopt;
}

// ---- Proposals --------------------------------------------------------------------------------

std::optional<Proposal> propose(const RubricItem& item, const std::vector<Finding>& findings) {
    if (item.kind != ScoringKind::Computed) return std::nullopt;
    Proposal p;
    double sum = 0;
    int known = 0;
    std::vector<std::string> parts;
    for (const auto& rule : item.rules) {
        std::vector<const Finding*> judged;
        std::string description;
        for (const auto& f : findings) {
            if (f.rule_id != rule) continue;
            if (description.empty()) description = f.description;
            p.findings.push_back(f);
            if (f.status != FindingStatus::Due) judged.push_back(&f);
        }
        std::string label = "【" + (description.empty() ? rule : description) + "】";
        if (judged.empty()) {
            parts.push_back(label + "尚无可评判的周期");
            continue;
        }
        double frac = 1;
        switch (item.formula) {
        case Formula::Ratio: {
            double held = 0, required = 0;
            bool violated = false;
            for (const auto* f : judged) {
                held += std::min(f->held, f->required);
                required += f->required;
                violated |= f->status == FindingStatus::Violation;
            }
            frac = required > 0 ? held / required : (violated ? 0.0 : 1.0);
            parts.push_back(label + "完成 " + num(held) + "/" + num(required));
            break;
        }
        case Formula::Windows: {
            int ok = 0;
            std::vector<std::string> missed;
            for (const auto* f : judged) {
                if (f->status == FindingStatus::Ok || f->status == FindingStatus::Warning) ++ok;
                else missed.push_back(f->window.empty() ? f->rule_id : f->window);
            }
            frac = static_cast<double>(ok) / static_cast<double>(judged.size());
            std::string part = label + std::to_string(ok) + "/" + std::to_string(judged.size()) + " 个周期达标";
            if (!missed.empty()) {
                std::size_t n = missed.size();
                if (n > 6) missed.resize(6);
                part += "，未达标：" + join(missed, "、") + (n > 6 ? " 等 " + std::to_string(n) + " 个" : "");
            }
            parts.push_back(part);
            break;
        }
        case Formula::NoViolation: {
            const Finding* bad = nullptr;
            for (const auto* f : judged)
                if (f->status == FindingStatus::Violation) bad = f;
            frac = bad ? 0.0 : 1.0;
            parts.push_back(label +
                            (bad ? "违规：" + (bad->message.empty() ? bad->ref() : bad->message) : std::string("无违规")));
            break;
        }
        }
        sum += frac;
        ++known;
    }
    if (known == 0) return std::nullopt;
    p.points = std::min(item.points, floor_half(sum / known * item.points));
    p.explanation =
        join(parts, "；") + "（" + describe(item.formula) + "，得 " + num(p.points) + "/" + num(item.points) + " 分）";
    return p;
}

std::optional<Proposal> propose_three_high(const RubricItem& item, const ThreeHighSpec& spec, const ThreeHighSurvey& survey) {
    if (item.kind != ScoringKind::ThreeHigh) return std::nullopt;
    Proposal p;
    double got = 0;
    std::vector<std::string> parts;
    for (const auto& r : evaluate_three_high(spec, survey)) {
        got += r.points;
        parts.push_back(r.measure.label + " " + percent(r.percent) + "%（" + std::to_string(r.count) + "/" +
                        std::to_string(survey.respondents) + "，标准 " + num(r.measure.min_percent) + "%以上，" +
                        (r.met ? "达标" : "未达标") + "）");
    }
    // Each measure's points are rounded to cents (10/3 → 3.33): allow that rounding before
    // flooring to a half point, so three met measures give the whole item.
    double cents = 0.005 * static_cast<double>(spec.measures.size());
    double scaled = spec.points > 0 ? (got + cents) / spec.points * item.points : 0;
    p.points = std::min(item.points, floor_half(scaled));
    p.explanation = std::to_string(survey.year) + " 年“三高”测评：" + join(parts, "；") + "（计分办法为本插件拟定：" + num(got) +
                    "/" + num(spec.points) + "，得 " + num(p.points) + "/" + num(item.points) + " 分）";
    return p;
}

// ---- Survey -----------------------------------------------------------------------------------

SurveyResult evaluate_survey(const Rubric& rubric, const Ballots& members, const Ballots& non_members, int branch_members) {
    for (const auto* b : {&members, &non_members})
        if (b->satisfied < 0 || b->basic < 0 || b->dissatisfied < 0)
            throw Error(OB_N("测评票数不能为负数"), {}, {{}, {}, "ballots"});
    if (members.total() + non_members.total() == 0) throw Error(OB_N("测评没有任何有效票"), {}, {{}, {}, "ballots"});
    SurveyScheme scheme = rubric.survey.value_or(SurveyScheme{});
    if (scheme.weights.empty()) scheme.weights = {{"满意", 1.0}, {"基本满意", 0.5}, {"不满意", 0.0}};

    SurveyResult r;
    r.members = members;
    r.non_members = non_members;
    r.member_rate = group_rate(scheme, members);
    r.non_member_rate = group_rate(scheme, non_members);
    if (scheme.equal_weight && members.total() > 0 && non_members.total() > 0) {
        r.rate = (r.member_rate + r.non_member_rate) / 2;
    } else {
        Ballots all{members.satisfied + non_members.satisfied, members.basic + non_members.basic,
                    members.dissatisfied + non_members.dissatisfied};
        r.rate = group_rate(scheme, all);
    }
    double survey_max = 0;
    for (const auto& s : rubric.sections)
        for (const auto& it : s.items)
            if (it.kind == ScoringKind::Survey) survey_max += it.points;
    r.points = rubric.survey ? std::min(survey_max, scheme.points_for(r.rate)) : 0;

    std::ostringstream ex;
    ex << "党员 " << members.total() << " 票（满意 " << members.satisfied << "、基本满意 " << members.basic << "、不满意 "
       << members.dissatisfied << "，满意度 " << percent(r.member_rate) << "%）；非党员 " << non_members.total() << " 票（满意 "
       << non_members.satisfied << "、基本满意 " << non_members.basic << "、不满意 " << non_members.dissatisfied << "，满意度 "
       << percent(r.non_member_rate) << "%）；综合满意度 " << percent(r.rate) << "%";
    if (rubric.survey) ex << "，按换算表得 " << num(r.points) << "/" << num(survey_max) << " 分";
    else ex << "（本评分标准不按测评换算分数）";
    r.explanation = ex.str();

    if (non_members.total() == 0) r.warnings.push_back(msg(OB_N("没有非党员参加测评；党员与非党员比例一般应为1:1左右"), {}));
    else if (members.total() == 0) r.warnings.push_back(msg(OB_N("没有党员参加测评；党员应全部参加"), {}));
    else {
        double ratio = static_cast<double>(members.total()) / non_members.total();
        if (ratio < scheme.ratio_low - eps || ratio > scheme.ratio_high + eps) {
            r.warnings.push_back(msg(
                OB_N(
                    "参加测评的党员 {members} 人、非党员 {others} 人，比例 {ratio}:1，与 1:1 相差较大（应在 {low} 到 {high} 之间）"),
                {{"members", std::to_string(members.total())},
                 {"others", std::to_string(non_members.total())},
                 {"ratio", format_fixed(ratio, 2)},
                 {"low", num(scheme.ratio_low)},
                 {"high", num(scheme.ratio_high)}}));
        }
    }
    if (scheme.all_members && branch_members > 0 && members.total() < branch_members)
        r.warnings.push_back(msg(OB_N("参加测评的党员 {voted} 人，少于本支部党员 {members} 人（党员应全部参加）"),
                                 {{"voted", std::to_string(members.total())}, {"members", std::to_string(branch_members)}}));
    return r;
}

// ---- Grading ----------------------------------------------------------------------------------

GradeResult grade(const Rubric& rubric, double total, const std::vector<VetoFlag>& flags, const std::optional<Date>& founded_on,
                  int year) {
    GradeResult g;
    g.total = total;
    g.score_grade = rubric.grade_for(total);
    g.grade = g.score_grade;
    std::vector<std::string> notes;
    for (const auto& v : rubric.vetoes) {
        std::string reason;
        bool applies = false;
        if (v.kind == VetoRule::Kind::Flag) {
            for (const auto& f : flags)
                if (f.veto_id == v.id && f.active) {
                    applies = true;
                    reason = f.reason;
                }
        } else if (founded_on) {
            auto [from, to] = v.window(year);
            if (*founded_on >= from && *founded_on <= to) {
                applies = true;
                reason = "组织成立于 " + founded_on->iso() + "，在活动期 " + from.iso() + " 至 " + to.iso() + " 内";
            }
        }
        if (!applies) continue;
        // Vetoes only ever lower a grade: the worse of the two wins.
        bool lowers = rubric.grade_rank(v.grade) > rubric.grade_rank(g.grade);
        if (!lowers && v.effect == VetoRule::Effect::Cap) continue;
        if (lowers) g.grade = v.grade;
        g.vetoes.push_back({v.id, v.text, v.source, reason});
        notes.push_back("否决项“" + v.text + "”适用（" + reason + "）" +
                        (v.effect == VetoRule::Effect::Set ? "，一律定为“" + v.grade + "”" : "，最高定为“" + v.grade + "”"));
    }
    g.explanation = "总分 " + num(total) + " 分，按等次划分为“" + g.score_grade + "”";
    if (!notes.empty()) g.explanation += "；" + join(notes, "；") + "；最终定为“" + g.grade + "”";
    return g;
}

// ---- Sheet ------------------------------------------------------------------------------------

std::optional<double> SheetItem::points(Round r) const {
    if (r == Round::Superior && item.kind == ScoringKind::Survey) return survey_points;
    const auto& e = r == Round::Self ? self : superior;
    return e ? std::optional<double>(e->points) : std::nullopt;
}

std::string SheetItem::reason(Round r) const {
    const auto& e = r == Round::Self ? self : superior;
    return e ? e->reason : std::string();
}

namespace {

using Poco::Dynamic::Var;
using JArray = Poco::JSON::Array;
using JObject = Poco::JSON::Object;

Var entry_json(const std::optional<ScoreEntry>& e) {
    if (!e) return Var();
    auto o = json_object();
    o->set("points", json_number(e->points));
    o->set("reason", e->reason);
    o->set("note", e->note);
    o->set("checks", json_array(e->checks));
    o->set("proposal", json_number(e->proposal));
    o->set("by", e->by);
    o->set("at", e->at);
    return o;
}

JObject::Ptr grade_json(const GradeResult& g) {
    JArray::Ptr vetoes = new JArray;
    for (const auto& x : g.vetoes) {
        auto v = json_object();
        v->set("id", x.veto_id);
        v->set("text", x.text);
        v->set("source", x.source);
        v->set("reason", x.reason);
        vetoes->add(v);
    }
    auto o = json_object();
    o->set("total", json_number(g.total));
    o->set("score_grade", g.score_grade);
    o->set("grade", g.grade);
    o->set("explanation", g.explanation);
    o->set("vetoes", vetoes);
    return o;
}

JObject::Ptr assessment_json(const Sheet& s) {
    const auto& a = s.assessment;
    auto assessment = json_object();
    assessment->set("id", a.id);
    assessment->set("organisation_id", a.organisation_id);
    assessment->set("organisation", s.organisation_name);
    assessment->set("rubric_id", a.rubric_id);
    assessment->set("rubric", s.rubric_name);
    assessment->set("year", a.year);
    assessment->set("self_final", a.self_final);
    assessment->set("final", a.final);
    assessment->set("finalised_by", a.finalised_by);
    assessment->set("finalised_at", a.finalised_at);
    return assessment;
}

/// The rules' proposal for an item, with each finding and its evidence.
Var proposal_json(const std::optional<Proposal>& proposal) {
    if (!proposal) return Var();
    JArray::Ptr findings = new JArray;
    for (const auto& f : proposal->findings) {
        JArray::Ptr ids = new JArray;
        for (auto id : f.evidence) ids->add(id);
        auto finding = json_object();
        finding->set("rule_id", f.rule_id);
        finding->set("window", f.window);
        finding->set("status", std::string(to_string(f.status)));
        finding->set("held", json_number(f.held));
        finding->set("required", json_number(f.required));
        finding->set("message", f.message);
        finding->set("evidence_kind", f.evidence_kind);
        finding->set("evidence", ids);
        findings->add(finding);
    }
    auto p = json_object();
    p->set("points", json_number(proposal->points));
    p->set("explanation", proposal->explanation);
    p->set("findings", findings);
    return p;
}

JObject::Ptr item_json(const SheetItem& it) {
    auto item = json_object();
    item->set("id", it.item.id);
    item->set("number", it.item.number);
    item->set("text", it.item.text);
    item->set("max", json_number(it.item.points));
    item->set("kind", std::string(to_string(it.item.kind)));
    item->set("source", it.item.source);
    item->set("proposal", proposal_json(it.proposal));
    item->set("self", entry_json(it.self));
    item->set("superior", entry_json(it.superior));
    item->set("survey_points", json_number(it.survey_points));
    return item;
}

JObject::Ptr section_json(const SheetSection& sec) {
    JArray::Ptr items = new JArray;
    for (const auto& it : sec.items) items->add(item_json(it));
    auto section = json_object();
    section->set("id", sec.id);
    section->set("number", sec.number);
    section->set("title", sec.title);
    section->set("points", json_number(sec.points));
    section->set("self_total", json_number(sec.self_total));
    section->set("superior_total", json_number(sec.superior_total));
    section->set("items", items);
    return section;
}

JArray::Ptr ballots_json(const Ballots& b) {
    JArray::Ptr out = new JArray;
    out->add(b.satisfied);
    out->add(b.basic);
    out->add(b.dissatisfied);
    return out;
}

Var survey_json(const std::optional<SurveyResult>& survey) {
    if (!survey) return Var();
    const auto& v = *survey;
    JArray::Ptr warnings = new JArray;
    for (const auto& w : v.warnings) warnings->add(substitute(w.key, w.params));
    auto o = json_object();
    o->set("members", ballots_json(v.members));
    o->set("non_members", ballots_json(v.non_members));
    o->set("member_rate", json_number(v.member_rate, 1));
    o->set("non_member_rate", json_number(v.non_member_rate, 1));
    o->set("rate", json_number(v.rate, 1));
    o->set("points", json_number(v.points));
    o->set("explanation", v.explanation);
    o->set("warnings", warnings);
    return o;
}

JArray::Ptr sheet_vetoes_json(const Sheet& s) {
    JArray::Ptr vetoes = new JArray;
    for (const auto& x : s.vetoes) {
        auto v = json_object();
        v->set("id", x.veto_id);
        v->set("reason", x.reason);
        v->set("by", x.by);
        v->set("at", x.at);
        vetoes->add(v);
    }
    return vetoes;
}

JArray::Ptr problems_json(const Sheet& s) {
    JArray::Ptr problems = new JArray;
    for (const auto& p : s.problems) {
        auto o = json_object();
        o->set("round", p.round ? Var(std::string(to_string(*p.round))) : Var());
        o->set("item_id", p.item_id);
        o->set("blocking", p.blocking);
        o->set("message", substitute(p.message.key, p.message.params));
        problems->add(o);
    }
    return problems;
}

} // namespace

std::string to_json(const Sheet& s) {
    auto root = json_object();
    root->set("assessment", assessment_json(s));
    root->set("max_total", json_number(s.max_total));
    root->set("self_total", json_number(s.self_total));
    root->set("superior_total", json_number(s.superior_total));
    root->set("item_count", s.item_count);
    root->set("self_scored", s.self_scored);
    root->set("superior_scored", s.superior_scored);
    JArray::Ptr sections = new JArray;
    for (const auto& sec : s.sections) sections->add(section_json(sec));
    root->set("sections", sections);
    root->set("survey", survey_json(s.survey));
    root->set("vetoes", sheet_vetoes_json(s));
    root->set("self_grade", grade_json(s.self_grade));
    root->set("grade", grade_json(s.grade));
    root->set("problems", problems_json(s));
    return json_text(root);
}

// ---- Store ------------------------------------------------------------------------------------

AssessmentStore::AssessmentStore(Archive& archive, const RubricSet& rubrics) : m_archive(archive), m_rubrics(rubrics) {}

const Rubric& AssessmentStore::rubric_of(const Assessment& a) const {
    if (const auto* r = m_rubrics.find(a.rubric_id)) return *r;
    throw Error(OB_N("{year} 年度考核使用的评分标准“{rubric}”没有加载（缺少对应的行业插件？）"),
                {{"year", std::to_string(a.year)}, {"rubric", a.rubric_id}});
}

Assessment AssessmentStore::create(Id organisation_id, const std::string& rubric_id, int year, const std::string& by) {
    auto& db = m_archive.db();
    const auto& rubric = m_rubrics.require(rubric_id);
    auto org = OrganisationStore(db).get(organisation_id);
    if (!org) throw Error(OB_N("组织 {id} 不存在"), {{"id", std::to_string(organisation_id)}});
    if (org->sector != rubric.sector)
        throw Error(
            OB_N("评分标准“{rubric}”属于行业“{rubric_sector}”，不能用于{organisation}（行业“{sector}”）"),
            {{"rubric", rubric.name}, {"rubric_sector", rubric.sector}, {"organisation", org->name}, {"sector", org->sector}});
    if (year < 1921 || year > Date::today().year() + 1)
        throw Error(OB_N("考核年度 {year} 不合理"), {{"year", std::to_string(year)}}, {{}, {}, "year"});
    Transaction tx(db);
    {
        Statement st(db, "SELECT id FROM assessment WHERE organisation_id=? AND rubric_id=? AND year=?");
        st.bind_all(organisation_id, rubric_id, year);
        if (st.step())
            throw Error(OB_N("{organisation} 已有 {year} 年度的“{rubric}”考核，不能重复新建"),
                        {{"organisation", org->name}, {"year", std::to_string(year)}, {"rubric", rubric.name}});
    }
    Statement ins(db, "INSERT INTO assessment(organisation_id, rubric_id, year, created_by) VALUES(?,?,?,?)");
    ins.bind_all(organisation_id, rubric_id, year, by).run();
    Id id = db.last_insert_id();
    tx.commit();
    return load(id);
}

std::optional<Proposal> AssessmentStore::proposal_for(const Assessment& a, const Rubric& rubric, const RubricItem& item,
                                                      const std::vector<Finding>& findings) {
    if (item.kind != ScoringKind::ThreeHigh) return propose(item, findings);
    if (!rubric.three_high) return std::nullopt;
    auto survey = ThreeHighStore(m_archive.db(), a.organisation_id).get(a.year);
    if (!survey) return std::nullopt;
    return propose_three_high(item, *rubric.three_high, *survey);
}

Assessment AssessmentStore::load(Id id) {
    auto a = get(id);
    if (!a) throw Error(OB_N("考核 {id} 不存在"), {{"id", std::to_string(id)}});
    return *a;
}

std::optional<Assessment> AssessmentStore::get(Id id) {
    Statement st(m_archive.db(), std::string("SELECT ") + kAssessmentColumns + " FROM assessment WHERE id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_assessment(st);
}

std::vector<Assessment> AssessmentStore::list(std::optional<Id> organisation_id, std::optional<int> year) {
    Statement st(m_archive.db(), std::string("SELECT ") + kAssessmentColumns +
                                     " FROM assessment WHERE (?1 IS NULL OR organisation_id=?1) AND (?2 IS NULL OR year=?2)"
                                     " ORDER BY year, organisation_id, rubric_id");
    st.bind(1, organisation_id);
    if (year) st.bind(2, *year);
    else st.bind_null(2);
    std::vector<Assessment> out;
    while (st.step()) out.push_back(read_assessment(st));
    return out;
}

Assessment AssessmentStore::require(Id organisation_id, int year, const std::string& rubric_id) {
    auto all = list(organisation_id, year);
    std::vector<Assessment> match;
    for (auto& a : all)
        if (rubric_id.empty() || a.rubric_id == rubric_id) match.push_back(a);
    if (match.empty())
        throw Error(OB_N("没有 {year} 年度的考核，请先用 assess new --rubric … --year {year} 新建"),
                    {{"year", std::to_string(year)}});
    if (match.size() > 1) {
        std::vector<std::string> ids;
        for (const auto& a : match) ids.push_back(a.rubric_id);
        throw Error(OB_N("{year} 年度有 {count} 个考核（{rubrics}），请用 --rubric 指定"),
                    {{"year", std::to_string(year)}, {"count", std::to_string(match.size())}, {"rubrics", join(ids, "、")}});
    }
    return match.front();
}

ScoreEntry AssessmentStore::score(Id assessment_id, const ScoreInput& in, const std::vector<Finding>& findings) {
    auto& db = m_archive.db();
    Transaction tx(db);
    auto a = load(assessment_id);
    const auto& rubric = rubric_of(a);
    const std::string year = std::to_string(a.year);
    if (a.final) throw Error(OB_N("{year} 年度考核已定稿，不能再修改评分"), {{"year", year}});
    if (in.round == Round::Self && a.self_final)
        throw Error(OB_N("{year} 年度自评已申报定稿，不能再修改自评分"), {{"year", year}});
    const auto* item = rubric.find_item(in.item_id);
    if (!item)
        throw Error(OB_N("评分标准“{rubric}”中没有条目“{item}”（用 assess show 查看条目编号）"),
                    {{"rubric", rubric.name}, {"item", in.item_id}}, {{}, {}, "item"});
    MessageParams where = {{"item", item->id}, {"round", round_name(in.round)}};
    if (item->kind == ScoringKind::Survey && in.round == Round::Superior)
        throw Error(OB_N("条目 {item} 的组织考核得分由满意度测评换算，请用 assess survey 录入票数"), where, {{}, {}, "item"});

    ScoreEntry e;
    e.round = in.round;
    e.item_id = item->id;
    e.reason = in.reason;
    e.note = in.note;
    e.by = in.by;
    if (in.checks) {
        if (item->kind != ScoringKind::Checklist)
            throw Error(OB_N("条目 {item} 不是清单评分，不能勾选细目"), where, {{}, {}, "checks"});
        double sum = 0;
        std::set<std::string> seen;
        for (const auto& c : *in.checks) {
            auto it = std::find_if(item->checks.begin(), item->checks.end(), [&](const RubricCheck& k) { return k.id == c; });
            if (it == item->checks.end()) {
                std::vector<std::string> ids;
                for (const auto& k : item->checks) ids.push_back(k.id + " " + k.text);
                throw Error(OB_N("条目 {item} 没有细目“{check}”（可选：{checks}）"),
                            {{"item", item->id}, {"check", c}, {"checks", join(ids, "；")}}, {{}, {}, "checks"});
            }
            if (seen.insert(c).second) {
                sum += it->points;
                e.checks.push_back(c);
            }
        }
        if (in.points && !same_score(*in.points, sum))
            throw Error(OB_N("条目 {item} 勾选的细目合计 {sum} 分，与给出的 {points} 分不符"),
                        {{"item", item->id}, {"sum", num(sum)}, {"points", num(*in.points)}}, {{}, {}, "points"});
        e.points = sum;
    } else if (in.points) {
        e.points = *in.points;
    } else {
        throw Error(OB_N("条目 {item} 需要给出分数"), where, {{}, {}, "points"});
    }
    if (e.points < -eps || e.points > item->points + eps || !half_multiple(e.points))
        throw Error(OB_N("条目 {item} 的得分 {points} 无效：应在 0 到满分 {max} 之间，且为 0.5 分的整数倍"),
                    {{"item", item->id}, {"points", num(e.points)}, {"max", num(item->points)}}, {{}, {}, "points"});

    if (auto p = proposal_for(a, rubric, *item, findings)) {
        e.proposal = p->points;
        if (!same_score(e.points, p->points) && e.reason.empty())
            throw Error(
                OB_N("条目 {item} 按规则计算的建议分为 {proposal} 分（{explanation}）；改为 {points} 分须写明理由"),
                {{"item", item->id}, {"proposal", num(p->points)}, {"explanation", p->explanation}, {"points", num(e.points)}},
                {{}, {}, "reason"});
        if (same_score(e.points, p->points) && e.reason.empty() && e.points < item->points - eps)
            e.reason = "按规则计算：" + p->explanation;
    }
    // One row per round and item, changed in place: the journal's row of each change is its history line.
    auto bind = [&](Statement& st) {
        st.bind_all(assessment_id, std::string(to_string(e.round)), e.item_id, e.points, e.reason, e.note);
        if (in.checks) st.bind(7, join(e.checks, ","));
        else st.bind_null(7);
        if (e.proposal) st.bind(8, *e.proposal);
        else st.bind_null(8);
        st.bind(9, e.by);
    };
    write_in_place(db,
                   "UPDATE assessment_score SET points = ?4, reason = ?5, note = ?6, checks = ?7, proposal = ?8, scored_by = ?9, "
                   "scored_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), seq = seq + 1 WHERE id = (SELECT max(id) FROM "
                   "assessment_score WHERE assessment_id = ?1 AND round = ?2 AND item_id = ?3)",
                   "INSERT INTO assessment_score(assessment_id, round, item_id, points, reason, note, checks, proposal, "
                   "scored_by, seq) VALUES(?,?,?,?,?,?,?,?,?,1)",
                   bind);
    Statement at(db, "SELECT id, scored_at FROM assessment_score WHERE assessment_id = ? AND round = ? AND item_id = ? "
                     "ORDER BY id DESC LIMIT 1");
    at.bind_all(assessment_id, std::string(to_string(e.round)), e.item_id);
    if (at.step()) {
        e.id = at.get_int(0);
        e.at = at.get_text(1);
    }
    tx.commit();
    return e;
}

std::vector<ScoreEntry> AssessmentStore::accept_proposals(Id assessment_id, Round round, const std::string& by,
                                                          const std::vector<Finding>& findings) {
    Transaction tx(m_archive.db());
    auto a = load(assessment_id);
    const auto& rubric = rubric_of(a);
    std::set<std::string> scored;
    for (const auto& e : scores(assessment_id, round)) scored.insert(e.item_id);
    std::vector<ScoreEntry> made;
    for (const auto& s : rubric.sections)
        for (const auto& it : s.items) {
            if ((it.kind != ScoringKind::Computed && it.kind != ScoringKind::ThreeHigh) || scored.count(it.id)) continue;
            auto p = proposal_for(a, rubric, it, findings);
            if (!p) continue;
            ScoreInput in;
            in.round = round;
            in.item_id = it.id;
            in.points = p->points;
            in.by = by;
            made.push_back(score(assessment_id, in, findings));
        }
    tx.commit();
    return made;
}

std::vector<ScoreEntry> AssessmentStore::scores(Id assessment_id, Round round) {
    Statement st(m_archive.db(),
                 std::string("SELECT ") + kScoreColumns +
                     " FROM assessment_score s WHERE assessment_id=?1 AND round=?2 AND id = (SELECT max(id) FROM "
                     "assessment_score t WHERE t.assessment_id=s.assessment_id AND t.round=s.round AND t.item_id=s.item_id)"
                     " ORDER BY id");
    st.bind_all(assessment_id, std::string(to_string(round)));
    std::vector<ScoreEntry> out;
    while (st.step()) out.push_back(read_score(st));
    return out;
}

std::vector<ScoreEntry> AssessmentStore::history(Id assessment_id, const std::string& item_id) {
    Statement st(m_archive.db(),
                 std::string("SELECT ") + kScoreColumns +
                     " FROM assessment_score_history WHERE assessment_id=?1 AND (?2 = '' OR item_id=?2) ORDER BY id");
    st.bind_all(assessment_id, item_id);
    std::vector<ScoreEntry> out;
    while (st.step()) out.push_back(read_score(st));
    return out;
}

SurveyResult AssessmentStore::record_survey(Id assessment_id, const Ballots& members, const Ballots& non_members,
                                            const std::string& by) {
    auto& db = m_archive.db();
    Transaction tx(db);
    auto a = load(assessment_id);
    if (a.final) throw Error(OB_N("{year} 年度考核已定稿，不能再修改测评结果"), {{"year", std::to_string(a.year)}});
    const auto& rubric = rubric_of(a);
    int branch = Roster(db, a.organisation_id).count_members();
    auto r = evaluate_survey(rubric, members, non_members, branch);
    write_in_place(
        db,
        "UPDATE assessment_survey SET member_satisfied = ?2, member_basic = ?3, member_dissatisfied = ?4, "
        "public_satisfied = ?5, public_basic = ?6, public_dissatisfied = ?7, rate = ?8, points = ?9, recorded_by = ?10, "
        "recorded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), seq = seq + 1 "
        "WHERE id = (SELECT max(id) FROM assessment_survey WHERE assessment_id = ?1)",
        "INSERT INTO assessment_survey(assessment_id, member_satisfied, member_basic, member_dissatisfied, "
        "public_satisfied, public_basic, public_dissatisfied, rate, points, recorded_by, seq) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,1)",
        [&](Statement& st) {
            st.bind_all(assessment_id, members.satisfied, members.basic, members.dissatisfied, non_members.satisfied,
                        non_members.basic, non_members.dissatisfied, r.rate, r.points, by);
        });
    tx.commit();
    return r;
}

std::optional<SurveyResult> AssessmentStore::survey(Id assessment_id) {
    auto& db = m_archive.db();
    Statement st(db, "SELECT member_satisfied, member_basic, member_dissatisfied, public_satisfied, public_basic, "
                     "public_dissatisfied FROM assessment_survey WHERE assessment_id=? ORDER BY id DESC LIMIT 1");
    st.bind(1, assessment_id);
    if (!st.step()) return std::nullopt;
    Ballots m{static_cast<int>(st.get_int(0)), static_cast<int>(st.get_int(1)), static_cast<int>(st.get_int(2))};
    Ballots p{static_cast<int>(st.get_int(3)), static_cast<int>(st.get_int(4)), static_cast<int>(st.get_int(5))};
    auto a = load(assessment_id);
    return evaluate_survey(rubric_of(a), m, p, Roster(db, a.organisation_id).count_members());
}

void AssessmentStore::set_veto(Id assessment_id, const std::string& veto_id, bool active, const std::string& reason,
                               const std::string& by) {
    auto& db = m_archive.db();
    Transaction tx(db);
    auto a = load(assessment_id);
    if (a.final) throw Error(OB_N("{year} 年度考核已定稿，不能再修改否决项"), {{"year", std::to_string(a.year)}});
    const auto& rubric = rubric_of(a);
    const auto* v = rubric.find_veto(veto_id);
    std::vector<std::string> flags;
    for (const auto& x : rubric.vetoes)
        if (x.kind == VetoRule::Kind::Flag) flags.push_back(x.id + "（" + x.text + "）");
    if (!v || v->kind != VetoRule::Kind::Flag)
        throw Error(OB_N("评分标准“{rubric}”没有可标记的否决项“{veto}”（可用：{vetoes}）"),
                    {{"rubric", rubric.name}, {"veto", veto_id}, {"vetoes", flags.empty() ? "无" : join(flags, "；")}},
                    {{}, {}, "veto"});
    if (reason.empty()) throw Error(OB_N("标记或撤销否决项“{veto}”须写明理由"), {{"veto", v->text}}, {{}, {}, "reason"});
    write_in_place(db,
                   "UPDATE assessment_veto SET active = ?3, reason = ?4, flagged_by = ?5, "
                   "flagged_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), seq = seq + 1 "
                   "WHERE id = (SELECT max(id) FROM assessment_veto WHERE assessment_id = ?1 AND veto_id = ?2)",
                   "INSERT INTO assessment_veto(assessment_id, veto_id, active, reason, flagged_by, seq) VALUES(?,?,?,?,?,1)",
                   [&](Statement& st) { st.bind_all(assessment_id, veto_id, active ? 1 : 0, reason, by); });
    tx.commit();
}

std::vector<VetoFlag> AssessmentStore::vetoes(Id assessment_id) {
    Statement st(m_archive.db(),
                 "SELECT veto_id, active, reason, flagged_by, flagged_at FROM assessment_veto v WHERE assessment_id=?1 "
                 "AND id = (SELECT max(id) FROM assessment_veto w WHERE w.assessment_id=v.assessment_id AND "
                 "w.veto_id=v.veto_id) AND active=1 ORDER BY id");
    st.bind(1, assessment_id);
    std::vector<VetoFlag> out;
    while (st.step()) out.push_back({st.get_text(0), st.get_int(1) != 0, st.get_text(2), st.get_text(3), st.get_text(4)});
    return out;
}

Rubric AssessmentStore::effective_vetoes(const Rubric& rubric) {
    // A campaign veto whose start date the region sets: dated from the archive setting, dropped
    // while the region has set none.
    Rubric r = rubric;
    std::vector<VetoRule> kept;
    for (auto v : r.vetoes) {
        if (!v.from_setting.empty()) {
            auto d = Date::parse(m_archive.setting(v.from_setting));
            if (!d) continue;
            v.from = d;
        }
        kept.push_back(std::move(v));
    }
    r.vetoes = std::move(kept);
    return r;
}

Sheet AssessmentStore::sheet(Id assessment_id, const std::vector<Finding>& findings) {
    Sheet s;
    s.assessment = load(assessment_id);
    const auto& a = s.assessment;
    const auto& rubric = rubric_of(a);
    auto org = OrganisationStore(m_archive.db()).get(a.organisation_id);
    s.organisation_name = org ? org->name : std::string();
    s.rubric_name = rubric.name;
    s.max_total = rubric.total;
    s.survey = survey(assessment_id);
    s.vetoes = vetoes(assessment_id);
    std::map<std::string, ScoreEntry> self, sup;
    for (auto& e : scores(assessment_id, Round::Self)) self[e.item_id] = e;
    for (auto& e : scores(assessment_id, Round::Superior)) sup[e.item_id] = e;
    double survey_max = 0;
    for (const auto& sec : rubric.sections)
        for (const auto& it : sec.items)
            if (it.kind == ScoringKind::Survey) survey_max += it.points;

    for (const auto& sec : rubric.sections) {
        SheetSection ss{sec.id, sec.number, sec.title, sec.points, 0, 0, {}};
        for (const auto& it : sec.items) {
            SheetItem si;
            si.item = it;
            si.section_id = sec.id;
            si.proposal = proposal_for(a, rubric, it, findings);
            if (auto f = self.find(it.id); f != self.end()) si.self = f->second;
            if (auto f = sup.find(it.id); f != sup.end()) si.superior = f->second;
            if (it.kind == ScoringKind::Survey && s.survey && survey_max > 0)
                si.survey_points = floor_half(s.survey->points * it.points / survey_max);
            ++s.item_count;
            if (auto p = si.points(Round::Self)) {
                ss.self_total += *p;
                ++s.self_scored;
            }
            if (auto p = si.points(Round::Superior)) {
                ss.superior_total += *p;
                ++s.superior_scored;
            }
            ss.items.push_back(std::move(si));
        }
        s.self_total += ss.self_total;
        s.superior_total += ss.superior_total;
        s.sections.push_back(std::move(ss));
    }
    std::optional<Date> founded = org ? org->founded_on : std::nullopt;
    s.self_grade = grade(effective_vetoes(rubric), s.self_total, {}, founded, a.year);
    if (a.final) {
        s.grade = grade(effective_vetoes(rubric), a.final_total.value_or(s.superior_total), s.vetoes, founded, a.year);
        s.grade.grade = a.final_grade; // what was decided stands, even if the rubric changed since
        s.grade.score_grade = a.score_grade;
        s.grade.explanation = a.grade_explanation;
    } else {
        s.grade = grade(effective_vetoes(rubric), s.superior_total, s.vetoes, founded, a.year);
    }
    // The superior round's gaps are noise while the branch is still assessing itself.
    bool superior_started = a.self_final || s.survey || !sup.empty();
    for (Round r : {Round::Self, Round::Superior})
        if (r == Round::Self || superior_started)
            for (auto& p : blocking_problems(assessment_id, r)) s.problems.push_back(std::move(p));
    if (s.survey && !a.final)
        for (const auto& w : s.survey->warnings) s.problems.push_back({Round::Superior, {}, false, w});
    return s;
}

std::vector<Deduction> AssessmentStore::deductions(Id assessment_id) {
    auto s = sheet(assessment_id);
    Round r = s.superior_scored > 0 ? Round::Superior : Round::Self;
    std::vector<Deduction> out;
    for (const auto& sec : s.sections)
        for (const auto& it : sec.items) {
            auto p = it.points(r);
            if (!p || *p >= it.item.points - eps) continue;
            std::string reason = it.reason(r);
            if (reason.empty() && it.item.kind == ScoringKind::Survey && s.survey) reason = s.survey->explanation;
            out.push_back({it.item.id, it.item.text, it.item.points, *p, reason, r});
        }
    return out;
}

std::vector<Problem> AssessmentStore::blocking_problems(Id assessment_id, Round round) {
    std::vector<Problem> out;
    auto a = load(assessment_id);
    if (a.final || (round == Round::Self && a.self_final)) return out;
    const auto& rubric = rubric_of(a);
    std::map<std::string, ScoreEntry> current;
    for (auto& e : scores(assessment_id, round)) current[e.item_id] = e;
    bool has_survey = false;
    for (const auto& sec : rubric.sections)
        for (const auto& it : sec.items) {
            if (round == Round::Superior && it.kind == ScoringKind::Survey) {
                has_survey = true;
                continue;
            }
            auto f = current.find(it.id);
            if (f == current.end()) {
                out.push_back({round, it.id, true,
                               msg(OB_N("{round}：条目 {item} 尚未评分"), {{"round", round_name(round)}, {"item", it.id}})});
            } else if (f->second.points < it.points - eps && f->second.reason.empty()) {
                out.push_back({round, it.id, true,
                               msg(OB_N("{round}：条目 {item} 得 {points} 分（满分 {max} 分），缺扣分理由"),
                                   {{"round", round_name(round)},
                                    {"item", it.id},
                                    {"points", num(f->second.points)},
                                    {"max", num(it.points)}})});
            }
        }
    if (has_survey) {
        Statement st(m_archive.db(), "SELECT count(*) FROM assessment_survey WHERE assessment_id=?");
        st.bind(1, assessment_id);
        st.step();
        if (st.get_int(0) == 0)
            out.push_back({round, {}, true, msg(OB_N("{round}：尚未录入群众满意度测评票数"), {{"round", round_name(round)}})});
    }
    return out;
}

GradeResult AssessmentStore::finalise(Id assessment_id, Round round, const std::string& by) {
    auto& db = m_archive.db();
    Transaction tx(db);
    auto a = load(assessment_id);
    const std::string year = std::to_string(a.year);
    if (a.final) throw Error(OB_N("{year} 年度考核已定稿"), {{"year", year}});
    if (round == Round::Self && a.self_final) throw Error(OB_N("{year} 年度自评已申报定稿"), {{"year", year}});
    auto problems = blocking_problems(assessment_id, round);
    if (!problems.empty()) {
        std::vector<std::string> lines;
        for (const auto& p : problems) lines.push_back(substitute(p.message.key, p.message.params));
        throw Error(OB_N("{round}不能定稿，还有 {count} 个问题：{problems}"),
                    {{"round", round_name(round)}, {"count", std::to_string(problems.size())}, {"problems", join(lines, "；")}});
    }
    auto s = sheet(assessment_id);
    GradeResult g;
    if (round == Round::Self) {
        g = s.self_grade;
        Statement st(db, "UPDATE assessment SET self_final_by=?, self_final_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?");
        st.bind_all(by, assessment_id).run();
    } else {
        g = s.grade;
        Statement st(db,
                     "UPDATE assessment SET final_total=?, score_grade=?, final_grade=?, grade_explanation=?, finalised_by=?, "
                     "finalised_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?");
        st.bind_all(g.total, g.score_grade, g.grade, g.explanation, by, assessment_id).run();
    }
    tx.commit();
    return g;
}

// ---- Superior side ----------------------------------------------------------------------------

GradeDistribution grade_distribution(const std::vector<GradedOrganisation>& graded, const RubricSet& rubrics,
                                     const PluginHost& plugins) {
    GradeDistribution d;
    d.count = static_cast<int>(graded.size());
    std::map<std::string, bool> may_exceed;
    for (const auto& s : sectors(plugins)) may_exceed[s.id] = s.good_share_may_exceed;

    // Grade order: the bands of the rubrics in the order first seen.
    std::vector<std::string> order;
    auto note_grades = [&](const Rubric* r) {
        if (!r) return;
        for (const auto& b : r->grades)
            if (std::find(order.begin(), order.end(), b.grade) == order.end()) order.push_back(b.grade);
    };
    std::map<std::string, int> counts;
    std::map<std::string, std::map<std::string, int>> sector_counts;
    std::vector<std::string> sector_order;
    const DistributionPolicy* policy = nullptr;
    int poor_total = 0, poor_base = 0;
    for (const auto& g : graded) {
        const Rubric* r = rubrics.find(g.rubric_id);
        note_grades(r);
        if (std::find(order.begin(), order.end(), g.grade) == order.end()) order.push_back(g.grade);
        ++counts[g.grade];
        if (std::find(sector_order.begin(), sector_order.end(), g.sector) == sector_order.end()) sector_order.push_back(g.sector);
        ++sector_counts[g.sector][g.grade];
        if (!r || r->distribution.empty()) continue;
        const auto& p = r->distribution;
        if (!policy || p.good_max_share < policy->good_max_share) policy = &p;
        bool restricted = !may_exceed[g.sector];
        if (restricted) {
            ++d.restricted;
            if (g.grade == p.good_grade) ++d.good_restricted;
        }
        if (g.grade == p.good_grade) ++d.good;
        ++poor_base;
        if (g.grade == p.poor_grade) ++poor_total;
        if (std::find(p.explain_grades.begin(), p.explain_grades.end(), g.grade) != p.explain_grades.end()) {
            std::string sector_name = g.sector;
            if (const auto* lp = plugins.find(g.sector)) sector_name = lp->manifest().name_zh;
            d.explanations.push_back({g, sector_name + "党组织定为“" + g.grade + "”，须在分类定级情况一览表中说明情况（" +
                                             join(p.explain_grades, "、") + "须说明）"});
        }
    }
    d.poor = poor_total;
    for (const auto& g : order)
        if (counts.count(g)) d.by_grade.push_back({g, counts[g]});
    for (const auto& s : sector_order) {
        std::vector<std::pair<std::string, int>> row;
        for (const auto& g : order)
            if (sector_counts[s].count(g)) row.push_back({g, sector_counts[s][g]});
        d.by_sector.push_back({s, row});
    }
    if (policy) {
        d.good_share = d.restricted ? static_cast<double>(d.good_restricted) / d.restricted : 0;
        d.poor_share = poor_base ? static_cast<double>(poor_total) / poor_base : 0;
        d.good_share_ok = d.good_share <= policy->good_max_share + eps;
        d.good_share_overall = poor_base ? static_cast<double>(d.good) / poor_base : 0;
        // Seed 002: 较差 一般在10%左右, but also 要据实定级: fewer is information, more is a deviation.
        d.poor_share_ok = d.poor_share <= policy->poor_share + policy->poor_tolerance + eps;
        if (d.poor_share < policy->poor_share - policy->poor_tolerance - eps)
            d.notes.push_back(msg(
                OB_N(
                    "评为“{grade}”的有 {count} 个，占 {share}%，少于一般的 {target}% 左右；定级应据实，不能任意拔高或降低等级（《分类定级工作文件汇编》）"),
                {{"grade", policy->poor_grade},
                 {"count", std::to_string(poor_total)},
                 {"share", percent(d.poor_share * 100)},
                 {"target", percent(policy->poor_share * 100)}}));
        if (!d.good_share_ok)
            d.warnings.push_back(msg(OB_N("评为“{grade}”的有 {count} 个，占 {share}%，超过 {max}%（机关、教育卫生事业单位除外）"),
                                     {{"grade", policy->good_grade},
                                      {"count", std::to_string(d.good_restricted)},
                                      {"share", percent(d.good_share * 100)},
                                      {"max", percent(policy->good_max_share * 100)}}));
        if (!d.poor_share_ok)
            d.warnings.push_back(msg(OB_N("评为“{grade}”的有 {count} 个，占 {share}%，一般应在 {target}% 左右"),
                                     {{"grade", policy->poor_grade},
                                      {"count", std::to_string(poor_total)},
                                      {"share", percent(d.poor_share * 100)},
                                      {"target", percent(policy->poor_share * 100)}}));
    }
    return d;
}

std::vector<GradedOrganisation> graded_organisations(Archive& archive, int year) {
    Statement st(archive.db(),
                 "SELECT o.name, o.uid, o.sector, a.rubric_id, a.year, a.final_total, a.final_grade FROM assessment a "
                 "JOIN organisation o ON o.id = a.organisation_id WHERE a.year=? AND a.finalised_at IS NOT NULL "
                 "ORDER BY o.name, a.rubric_id");
    st.bind(1, year);
    std::vector<GradedOrganisation> out;
    while (st.step())
        out.push_back({st.get_text(0), st.get_text(1), st.get_text(2), st.get_text(3), static_cast<int>(st.get_int(4)),
                       st.get_double(5), st.get_text(6)});
    return out;
}

} // namespace onebook::core
