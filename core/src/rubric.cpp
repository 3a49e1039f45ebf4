#include "onebook/rubric.hpp"
#include "onebook/numbers.hpp"

#include "onebook/error.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace onebook::core {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr double eps = score_epsilon;

/// No place: the rubric's top level.
const Message nowhere{};

/// A place inside another: "{where}的细目" with the outer place nested.
Message inside(const Message& where, const char* key, MessageParams params = {}) {
    return {key, std::move(params), {{"where", where}}};
}

/// Reads one rubric document; every problem names the file and, where known, the item.
class Reader {
public:
    Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& key, MessageParams params, const std::string& field = {}) const {
        params.insert(params.begin(), {"file", m_file});
        throw Error(key, std::move(params), {m_file, {}, field});
    }

    /// `where` ("条目 {item} ", "第 {section} 部分…") is a message of its own, translated at the edge.
    [[noreturn]] void fail_at(const std::string& key, const Message& where, MessageParams params,
                              const std::string& field = {}) const {
        params.insert(params.begin(), {"file", m_file});
        throw Error(Message{key, std::move(params), {{"where", where}}}, {m_file, {}, field});
    }

    std::string text(const Object::Ptr& o, const std::string& key, const Message& where, bool required = true) const {
        if (!o->has(key) || o->isNull(key)) {
            if (required) fail_at(OB_N("评分标准 {file}：{where}缺少“{field}”"), where, {{"field", key}}, key);
            return {};
        }
        try {
            return o->getValue<std::string>(key);
        } catch (const Poco::Exception&) {
            fail_at(OB_N("评分标准 {file}：{where}的“{field}”应为文字"), where, {{"field", key}}, key);
        }
    }

    double number(const Object::Ptr& o, const std::string& key, const Message& where, std::optional<double> fallback = {}) const {
        if (!o->has(key) || o->isNull(key)) {
            if (fallback) return *fallback;
            fail_at(OB_N("评分标准 {file}：{where}缺少“{field}”"), where, {{"field", key}}, key);
        }
        auto v = o->get(key);
        if (!v.isNumeric()) fail_at(OB_N("评分标准 {file}：{where}的“{field}”应为数字"), where, {{"field", key}}, key);
        return v.convert<double>();
    }

    double points(const Object::Ptr& o, const std::string& key, const Message& where) const {
        double p = number(o, key, where);
        if (p <= 0 || !half_multiple(p))
            fail_at(OB_N("评分标准 {file}：{where}的分值 {points} 应为正数且为 0.5 分的整数倍"), where,
                    {{"points", format_number(p)}}, key);
        return p;
    }

    Array::Ptr array(const Object::Ptr& o, const std::string& key, const Message& where, bool required = true) const {
        if (!o->has(key) || o->isNull(key)) {
            if (required) fail_at(OB_N("评分标准 {file}：{where}缺少“{field}”"), where, {{"field", key}}, key);
            return nullptr;
        }
        auto a = o->getArray(key);
        if (!a) fail_at(OB_N("评分标准 {file}：{where}的“{field}”应为列表"), where, {{"field", key}}, key);
        return a;
    }

    Object::Ptr object_at(const Array::Ptr& a, std::size_t i, const Message& where) const {
        auto o = a->getObject(static_cast<unsigned>(i));
        if (!o) fail_at(OB_N("评分标准 {file}：{where}第 {index} 项应为对象"), where, {{"index", std::to_string(i + 1)}});
        return o;
    }

    const std::string& file() const { return m_file; }

private:
    std::string m_file;
};

RubricItem read_item(const Reader& r, const Object::Ptr& o, const Message& section_where) {
    RubricItem it;
    it.id = r.text(o, "id", inside(section_where, OB_N("{where}的条目")));
    Message where{OB_N("条目 {item} "), {{"item", it.id}}, {}};
    it.number = r.text(o, "number", where, false);
    it.text = r.text(o, "text", where);
    if (it.text.empty()) r.fail_at(OB_N("评分标准 {file}：{where}的内容为空"), where, {}, "text");
    it.points = r.points(o, "points", where);
    it.source = r.text(o, "source", where, false);
    auto scoring = o->getObject("scoring");
    std::string kind = scoring ? r.text(scoring, "kind", inside(where, OB_N("{where}的“scoring”"))) : "manual";
    if (kind == "manual") {
        it.kind = ScoringKind::Manual;
    } else if (kind == "checklist") {
        it.kind = ScoringKind::Checklist;
        auto checks = r.array(scoring, "checks", where);
        std::set<std::string> ids;
        double sum = 0;
        for (std::size_t i = 0; i < checks->size(); ++i) {
            auto c = r.object_at(checks, i, inside(where, OB_N("{where}的“checks”")));
            RubricCheck ch;
            ch.id = r.text(c, "id", inside(where, OB_N("{where}的细目")));
            ch.text = r.text(c, "text", inside(where, OB_N("{where}的细目 {check} "), {{"check", ch.id}}));
            ch.points = r.points(c, "points", inside(where, OB_N("{where}的细目 {check} "), {{"check", ch.id}}));
            if (!ids.insert(ch.id).second)
                r.fail_at(OB_N("评分标准 {file}：{where}的细目编号“{id}”重复"), where, {{"id", ch.id}}, "checks");
            sum += ch.points;
            it.checks.push_back(std::move(ch));
        }
        if (it.checks.empty()) r.fail_at(OB_N("评分标准 {file}：{where}是清单评分，但没有细目"), where, {}, "checks");
        if (!same_score(sum, it.points))
            r.fail_at(OB_N("评分标准 {file}：{where}的细目合计 {sum} 分，与本条满分 {points} 分不符"), where,
                      {{"sum", format_number(sum)}, {"points", format_number(it.points)}}, "checks");
    } else if (kind == "computed") {
        it.kind = ScoringKind::Computed;
        auto rules = r.array(scoring, "rules", where);
        for (std::size_t i = 0; i < rules->size(); ++i) {
            std::string id = rules->getElement<std::string>(static_cast<unsigned>(i));
            if (id.empty()) r.fail_at(OB_N("评分标准 {file}：{where}的规则编号为空"), where, {}, "rules");
            it.rules.push_back(id);
        }
        if (it.rules.empty()) r.fail_at(OB_N("评分标准 {file}：{where}按规则计算，但没有给出规则编号"), where, {}, "rules");
        std::string f = r.text(scoring, "formula", where, false);
        if (f.empty() || f == "ratio") it.formula = Formula::Ratio;
        else if (f == "windows") it.formula = Formula::Windows;
        else if (f == "no_violation") it.formula = Formula::NoViolation;
        else
            r.fail_at(OB_N("评分标准 {file}：{where}的计算公式“{formula}”未知（可用 ratio、windows、no_violation）"), where,
                      {{"formula", f}}, "formula");
        it.basis = r.text(scoring, "basis", where, false);
    } else if (kind == "survey") {
        it.kind = ScoringKind::Survey;
    } else if (kind == "three_high") {
        it.kind = ScoringKind::ThreeHigh;
        it.basis = r.text(scoring, "basis", where, false);
    } else {
        r.fail_at(OB_N("评分标准 {file}：{where}的评分方式“{kind}”未知（可用 manual、checklist、computed、survey、three_high）"),
                  where, {{"kind", kind}}, "scoring");
    }
    return it;
}

std::optional<Date> read_date(const Reader& r, const Object::Ptr& o, const std::string& key, const Message& where) {
    std::string s = r.text(o, key, where, false);
    if (s.empty()) return std::nullopt;
    auto d = Date::parse(s);
    if (!d) r.fail_at(OB_N("评分标准 {file}：{where}的日期“{value}”无法识别"), where, {{"value", s}}, key);
    return d;
}

} // namespace

const char* to_string(ScoringKind k) {
    switch (k) {
    case ScoringKind::Manual: return "manual";
    case ScoringKind::Checklist: return "checklist";
    case ScoringKind::Computed: return "computed";
    case ScoringKind::Survey: return "survey";
    case ScoringKind::ThreeHigh: return "three_high";
    }
    return "manual";
}

const char* to_string(Formula f) {
    switch (f) {
    case Formula::Ratio: return "ratio";
    case Formula::Windows: return "windows";
    case Formula::NoViolation: return "no_violation";
    }
    return "ratio";
}

std::string describe(Formula f) {
    switch (f) {
    case Formula::Ratio: return "实际完成数 ÷ 应完成数 × 满分（每个周期封顶）";
    case Formula::Windows: return "达标周期数 ÷ 已结束周期数 × 满分";
    case Formula::NoViolation: return "无违规得满分，有违规得 0 分";
    }
    return {};
}

std::pair<Date, Date> VetoRule::window(int year) const {
    if (from || to) return {from.value_or(Date(1921, 7, 1)), to.value_or(Date(year, 12, 31))};
    Date end(year, 12, 31);
    return {end.add_months(-months).add_days(1), end};
}

double SurveyScheme::points_for(double rate) const {
    for (const auto& b : table)
        if (rate + eps >= b.min_rate) return b.points;
    return 0;
}

const RubricItem* Rubric::find_item(const std::string& item_id) const {
    for (const auto& s : sections)
        for (const auto& it : s.items)
            if (it.id == item_id) return &it;
    return nullptr;
}

const RubricSection* Rubric::section_of(const std::string& item_id) const {
    for (const auto& s : sections)
        for (const auto& it : s.items)
            if (it.id == item_id) return &s;
    return nullptr;
}

const VetoRule* Rubric::find_veto(const std::string& veto_id) const {
    for (const auto& v : vetoes)
        if (v.id == veto_id) return &v;
    return nullptr;
}

std::size_t Rubric::item_count() const {
    std::size_t n = 0;
    for (const auto& s : sections) n += s.items.size();
    return n;
}

std::string Rubric::grade_for(double t) const {
    // Totals are sums of half points: exact in binary, so a plain comparison is exact.
    for (const auto& b : grades)
        if (t >= b.min) return b.grade;
    return grades.empty() ? std::string() : grades.back().grade;
}

int Rubric::grade_rank(const std::string& grade) const {
    for (std::size_t i = 0; i < grades.size(); ++i)
        if (grades[i].grade == grade) return static_cast<int>(i);
    return -1;
}

namespace {

/// Sections and their items: unique ids, each part's items adding up to its points, the parts to the total.
void read_sections(Reader& r, const Object::Ptr& root, Rubric& rb) {
    auto sections = r.array(root, "sections", nowhere);
    std::set<std::string> section_ids, item_ids;
    double sum = 0;
    for (std::size_t i = 0; i < sections->size(); ++i) {
        auto so = r.object_at(sections, i, Message{"“sections”"});
        RubricSection s;
        s.id = r.text(so, "id", "第 " + std::to_string(i + 1) + " 部分");
        s.title = r.text(so, "title", "第 " + s.id + " 部分");
        Message where{OB_N("第 {section} 部分“{title}”"), {{"section", s.id}, {"title", s.title}}, {}};
        if (!section_ids.insert(s.id).second) r.fail(OB_N("评分标准 {file}：部分编号“{id}”重复"), {{"id", s.id}}, "sections");
        s.number = r.text(so, "number", where, false);
        s.points = r.points(so, "points", where);
        s.source = r.text(so, "source", where, false);
        auto items = r.array(so, "items", where);
        double isum = 0;
        for (std::size_t k = 0; k < items->size(); ++k) {
            auto it = read_item(r, r.object_at(items, k, inside(where, OB_N("{where}的“items”"))), where);
            if (!item_ids.insert(it.id).second) r.fail(OB_N("评分标准 {file}：条目编号“{id}”重复"), {{"id", it.id}}, "items");
            isum += it.points;
            s.items.push_back(std::move(it));
        }
        if (s.items.empty()) r.fail_at(OB_N("评分标准 {file}：{where}没有条目"), where, {}, "items");
        if (!same_score(isum, s.points))
            r.fail_at(OB_N("评分标准 {file}：{where}各条目合计 {sum} 分，与本部分总分 {points} 分不符"), where,
                      {{"sum", format_number(isum)}, {"points", format_number(s.points)}}, "items");
        sum += s.points;
        rb.sections.push_back(std::move(s));
    }
    if (rb.sections.empty()) r.fail(OB_N("评分标准 {file}：没有任何部分"), {}, "sections");
    if (!same_score(sum, rb.total))
        r.fail(OB_N("评分标准 {file}：各部分合计 {sum} 分，与总分 {total} 分不符"),
               {{"sum", format_number(sum)}, {"total", format_number(rb.total)}}, "sections");
}

/// Grade bands: strictly descending, the last one catches everything from 0.
void read_grades(Reader& r, const Object::Ptr& root, Rubric& rb) {
    auto grades = r.array(root, "grades", nowhere);
    std::set<std::string> grade_names;
    for (std::size_t i = 0; i < grades->size(); ++i) {
        auto g = r.object_at(grades, i, Message{"“grades”"});
        GradeBand b;
        b.grade = r.text(g, "grade", Message{OB_N("等次")});
        b.min = r.number(g, "min", "等次“" + b.grade + "”");
        if (!grade_names.insert(b.grade).second)
            r.fail(OB_N("评分标准 {file}：等次“{grade}”重复"), {{"grade", b.grade}}, "grades");
        if (!rb.grades.empty() && !(b.min < rb.grades.back().min))
            r.fail(OB_N("评分标准 {file}：等次“{grade}”的下限 {min} 分应低于上一等次“{previous}”的 {previous_min} 分"),
                   {{"grade", b.grade},
                    {"min", format_number(b.min)},
                    {"previous", rb.grades.back().grade},
                    {"previous_min", format_number(rb.grades.back().min)}},
                   "grades");
        if (b.min < 0 || b.min > rb.total)
            r.fail(OB_N("评分标准 {file}：等次“{grade}”的下限 {min} 分不在 0 到总分之间"),
                   {{"grade", b.grade}, {"min", format_number(b.min)}}, "grades");
        rb.grades.push_back(b);
    }
    if (rb.grades.empty()) r.fail(OB_N("评分标准 {file}：没有等次划分"), {}, "grades");
    if (!same_score(rb.grades.back().min, 0))
        r.fail(OB_N("评分标准 {file}：最低等次“{grade}”的下限应为 0 分"), {{"grade", rb.grades.back().grade}}, "grades");
    rb.grades_source = r.text(root, "grades_source", nowhere, false);
}

/// Vetoes (optional): a flag or a founding date that sets or caps the grade.
void read_vetoes(Reader& r, const Object::Ptr& root, Rubric& rb) {
    if (auto vetoes = r.array(root, "vetoes", nowhere, false)) {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < vetoes->size(); ++i) {
            auto vo = r.object_at(vetoes, i, Message{"“vetoes”"});
            VetoRule v;
            v.id = r.text(vo, "id", Message{OB_N("否决项")});
            Message where{OB_N("否决项 {veto} "), {{"veto", v.id}}, {}};
            if (!ids.insert(v.id).second) r.fail(OB_N("评分标准 {file}：否决项编号“{id}”重复"), {{"id", v.id}}, "vetoes");
            v.text = r.text(vo, "text", where);
            v.source = r.text(vo, "source", where, false);
            std::string kind = r.text(vo, "kind", where);
            if (kind == "flag") v.kind = VetoRule::Kind::Flag;
            else if (kind == "founded_within") v.kind = VetoRule::Kind::FoundedWithin;
            else
                r.fail_at(OB_N("评分标准 {file}：{where}的类型“{kind}”未知（可用 flag、founded_within）"), where,
                          {{"kind", kind}}, "kind");
            std::string effect = r.text(vo, "effect", where);
            if (effect == "set") v.effect = VetoRule::Effect::Set;
            else if (effect == "cap") v.effect = VetoRule::Effect::Cap;
            else
                r.fail_at(OB_N("评分标准 {file}：{where}的作用“{effect}”未知（可用 set、cap）"), where, {{"effect", effect}},
                          "effect");
            v.grade = r.text(vo, "grade", where);
            if (rb.grade_rank(v.grade) < 0)
                r.fail_at(OB_N("评分标准 {file}：{where}的等次“{grade}”不在等次划分中"), where, {{"grade", v.grade}}, "grade");
            v.from = read_date(r, vo, "from", where);
            v.to = read_date(r, vo, "to", where);
            v.months = static_cast<int>(r.number(vo, "months", where, 0.0));
            v.from_setting = r.text(vo, "from_setting", where, false);
            if (v.kind == VetoRule::Kind::FoundedWithin && !v.from && !v.to && v.months <= 0 && v.from_setting.empty())
                r.fail_at(OB_N("评分标准 {file}：{where}需要活动期：from/to 日期或 months 月数"), where, {}, "months");
            rb.vetoes.push_back(std::move(v));
        }
    }
}

/// Survey conversion: ballot weights and the satisfaction-rate table; required when an item is scored by survey.
void read_survey(Reader& r, const Object::Ptr& root, Rubric& rb) {
    bool has_survey_item = false;
    for (const auto& s : rb.sections)
        for (const auto& it : s.items) has_survey_item |= it.kind == ScoringKind::Survey;
    if (root->has("survey") && !root->isNull("survey")) {
        auto so = root->getObject("survey");
        if (!so) r.fail(OB_N("评分标准 {file}：“survey”应为对象"), {}, "survey");
        SurveyScheme sv;
        Message where{OB_N("满意度测评换算"), {}, {}};
        sv.source = r.text(so, "source", where, false);
        auto w = so->getObject("weights");
        for (const auto& c : ballot_categories()) {
            double v = w ? r.number(w, c, inside(where, OB_N("{where}的权重")),
                                    c == "满意"       ? 1.0
                                    : c == "基本满意" ? 0.5
                                                      : 0.0)
                         : (c == "满意"       ? 1.0
                            : c == "基本满意" ? 0.5
                                              : 0.0);
            if (v < 0 || v > 1)
                r.fail_at(OB_N("评分标准 {file}：{where}中“{category}”的权重应在 0 到 1 之间"), where, {{"category", c}},
                          "weights");
            sv.weights[c] = v;
        }
        std::string combine = r.text(so, "combine", where, false);
        if (combine.empty() || combine == "equal") sv.equal_weight = true;
        else if (combine == "pooled") sv.equal_weight = false;
        else
            r.fail_at(OB_N("评分标准 {file}：{where}的合并方式“{combine}”未知（可用 equal、pooled）"), where,
                      {{"combine", combine}}, "combine");
        sv.ratio_low = r.number(so, "ratio_warn_below", where, 0.8);
        sv.ratio_high = r.number(so, "ratio_warn_above", where, 1.25);
        if (!(sv.ratio_low > 0 && sv.ratio_low <= 1 && sv.ratio_high >= 1))
            r.fail_at(OB_N("评分标准 {file}：{where}的比例警戒线应满足 0 < 下限 ≤ 1 ≤ 上限"), where, {}, "ratio_warn_below");
        sv.all_members = so->optValue<bool>("all_members", true);
        double survey_max = 0;
        for (const auto& s : rb.sections)
            for (const auto& it : s.items)
                if (it.kind == ScoringKind::Survey) survey_max += it.points;
        auto table = r.array(so, "table", where);
        for (std::size_t i = 0; i < table->size(); ++i) {
            auto bo = r.object_at(table, i, inside(where, OB_N("{where}的换算表")));
            SurveyScheme::Band b;
            b.min_rate = r.number(bo, "min_rate", inside(where, OB_N("{where}的换算表")));
            b.points = r.number(bo, "points", inside(where, OB_N("{where}的换算表")));
            if (!sv.table.empty() && !(b.min_rate < sv.table.back().min_rate))
                r.fail_at(OB_N("评分标准 {file}：{where}的换算表应按满意率从高到低排列"), where, {}, "table");
            if (b.points < 0 || !half_multiple(b.points) || (has_survey_item && b.points > survey_max + eps))
                r.fail_at(
                    OB_N(
                        "评分标准 {file}：{where}的换算表中满意率 {rate}% 对应 {points} 分，应在 0 到测评条目满分之间且为 0.5 分的整数倍"),
                    where, {{"rate", format_number(b.min_rate)}, {"points", format_number(b.points)}}, "table");
            sv.table.push_back(b);
        }
        if (sv.table.empty() || !same_score(sv.table.back().min_rate, 0))
            r.fail_at(OB_N("评分标准 {file}：{where}的换算表最后一档的满意率下限应为 0"), where, {}, "table");
        rb.survey = std::move(sv);
    }
    if (has_survey_item && !rb.survey)
        r.fail(OB_N("评分标准 {file}：有按满意度测评计分的条目，但没有“survey”换算表"), {}, "survey");
}

/// Distribution policy (superior side, optional): shares of good and poor grades.
void read_distribution(Reader& r, const Object::Ptr& root, Rubric& rb) {
    if (auto d = root->getObject("distribution")) {
        Message where{OB_N("等次比例要求"), {}, {}};
        auto& p = rb.distribution;
        p.good_grade = r.text(d, "good_grade", where, false);
        p.poor_grade = r.text(d, "poor_grade", where, false);
        p.good_max_share = r.number(d, "good_max_share", where, 0.2);
        p.poor_share = r.number(d, "poor_share", where, 0.1);
        p.poor_tolerance = r.number(d, "poor_tolerance", where, 0.05);
        p.source = r.text(d, "source", where, false);
        if (auto ex = d->getArray("explain_grades"))
            for (std::size_t i = 0; i < ex->size(); ++i)
                p.explain_grades.push_back(ex->getElement<std::string>(static_cast<unsigned>(i)));
        std::vector<std::string> named = p.explain_grades;
        if (!p.good_grade.empty()) named.push_back(p.good_grade);
        if (!p.poor_grade.empty()) named.push_back(p.poor_grade);
        for (const auto& g : named)
            if (rb.grade_rank(g) < 0)
                r.fail_at(OB_N("评分标准 {file}：{where}中的等次“{grade}”不在等次划分中"), where, {{"grade", g}}, "distribution");
    }
}

} // namespace

Rubric parse_rubric(const std::string& json, const std::string& file, const std::string& plugin_id) {
    Reader r(file);
    Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits::json_depth);
        root = parser.parse(json).extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
        r.fail(OB_N("评分标准 {file} 不是有效的 JSON：{reason}"), {{"reason", e.displayText()}});
    }
    if (!root) r.fail(OB_N("评分标准 {file} 应为一个 JSON 对象"), {});

    Rubric rb;
    rb.file = file;
    rb.id = r.text(root, "id", nowhere);
    rb.name = r.text(root, "name", nowhere);
    rb.sector = r.text(root, "sector", nowhere, false);
    if (rb.sector.empty()) rb.sector = plugin_id;
    if (!plugin_id.empty() && rb.sector != plugin_id)
        r.fail(OB_N("评分标准 {file}：行业“{sector}”与所在插件“{plugin}”不符"), {{"sector", rb.sector}, {"plugin", plugin_id}},
               "sector");
    rb.kind = r.text(root, "kind", nowhere, false);
    rb.source = r.text(root, "source", nowhere, false);
    if (root->has("proposal") && root->get("proposal").isBoolean()) rb.proposal = root->getValue<bool>("proposal");
    rb.total = r.number(root, "total", nowhere, 100.0);
    if (!same_score(rb.total, 100))
        r.fail(OB_N("评分标准 {file}：总分应为 100 分，实为 {total} 分"), {{"total", format_number(rb.total)}}, "total");

    read_sections(r, root, rb);
    read_grades(r, root, rb);
    read_vetoes(r, root, rb);
    read_survey(r, root, rb);
    read_distribution(r, root, rb);
    return rb;
}

RubricSet RubricSet::load(const PluginHost& plugins) {
    RubricSet set;
    for (const auto& p : plugins.loaded())
        for (const auto& c : p->contributions(ExtensionPoint::Rubrics)) {
            try {
                auto rb = parse_rubric(c.json, c.source, p->id());
                bool three_high = false;
                for (const auto& s : rb.sections)
                    for (const auto& it : s.items) three_high |= it.kind == ScoringKind::ThreeHigh;
                if (three_high) {
                    rb.three_high = ThreeHighSpec::load(plugins, rb.sector);
                    if (!rb.three_high)
                        throw Error(OB_N("评分标准 {file}：有按“三高”测评计分的条目，但行业插件“{sector}”没有 "
                                         "data/surveys/three_high.json"),
                                    {{"file", c.source}, {"sector", rb.sector}}, {c.source, {}, "scoring"});
                }
                set.add(std::move(rb));
            } catch (const Error& e) { set.m_problems.push_back(e); }
        }
    return set;
}

void RubricSet::add(Rubric r) {
    if (const auto* other = find(r.id))
        throw Error(OB_N("评分标准 {file}：编号“{id}”与 {other} 重复"), {{"file", r.file}, {"id", r.id}, {"other", other->file}},
                    {r.file, {}, "id"});
    m_rubrics.push_back(std::move(r));
}

const Rubric* RubricSet::find(const std::string& id) const {
    for (const auto& r : m_rubrics)
        if (r.id == id) return &r;
    return nullptr;
}

const Rubric& RubricSet::require(const std::string& id) const {
    if (const auto* r = find(id)) return *r;
    std::string known;
    for (const auto& r : m_rubrics) known += (known.empty() ? "" : "、") + r.id;
    throw Error(OB_N("没有编号为“{id}”的评分标准（已加载：{known}）"), {{"id", id}, {"known", known.empty() ? "无" : known}});
}

std::vector<const Rubric*> RubricSet::for_sector(const std::string& sector) const {
    std::vector<const Rubric*> out;
    for (const auto& r : m_rubrics)
        if (r.sector == sector) out.push_back(&r);
    return out;
}

double floor_half(double points) { return std::floor(points * 2 + 1e-9) / 2; }

} // namespace onebook::core
