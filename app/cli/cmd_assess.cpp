// Commands for rubrics and assessments: rubric list|show, assess new|list|score|accept|survey|veto|
// show|history|finalize, assess distribution (superior side).
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/tables.hpp"
#include "onebook/assessment.hpp"
#include "onebook/json_text.hpp"
#include "onebook/numbers.hpp"
#include "onebook/rules.hpp"
#include "onebook/sectors.hpp"
#include "onebook/utf8.hpp"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

namespace onebook::cli {

namespace {

std::string pts(double v) { return core::format_number(v); }
std::string pts(const std::optional<double>& v) { return v ? pts(*v) : "—"; }

/// --year: required where a new assessment needs one, else 0 (the rubric's latest) when absent.
int year_arg(const Args& a, bool required) { return required ? year_value(a.require("year")) : year_option(a, 0); }

std::string who(const Args& a) {
    if (a.has("by")) return a.get("by");
    if (const char* u = std::getenv("ONEBOOK_USER")) return u;
    if (const char* u = std::getenv("USER")) return u;
    return {};
}

core::Round round_arg(const Args& a, std::optional<core::Round> fallback = {}) {
    std::string v = a.get("round");
    if (v.empty()) {
        if (fallback) return *fallback;
        throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", "round"}});
    }
    auto r = core::parse_round(v);
    if (!r)
        throw core::Error(OB_N("评分轮次“{value}”无效，应为 self（自评）或 superior（组织考核）"), {{"value", v}},
                          {{}, {}, "round"});
    return *r;
}

/// The assessment a command works on: --year (and --rubric) when given, else the home
/// organisation's only open assessment.
core::Assessment pick(Context& ctx, core::AssessmentStore& store) {
    const auto& a = ctx.args();
    auto home = ctx.archive().home();
    if (int y = year_arg(a, false)) return store.require(home.id, y, a.get("rubric"));
    std::vector<core::Assessment> open;
    for (auto& x : store.list(home.id))
        if (!x.final && (a.get("rubric").empty() || x.rubric_id == a.get("rubric"))) open.push_back(x);
    if (open.size() == 1) return open.front();
    if (open.empty()) throw core::Error(OB_N("没有进行中的考核，请用 --year 指定年度或先用 assess new 新建"));
    throw core::Error(OB_N("有 {count} 个进行中的考核，请用 --year（和 --rubric）指定"),
                      {{"count", std::to_string(open.size())}});
}

/// What the commands on one assessment share: the rubrics, the store and the assessment picked
/// by --year/--rubric (or the one in progress).
struct Assessing {
    explicit Assessing(Context& ctx)
        : set(core::RubricSet::load(ctx.plugins())), store(ctx.archive(), set), x(pick(ctx, store)) {}
    core::RubricSet set; // before `store`, which keeps a reference to it
    core::AssessmentStore store;
    core::Assessment x;
};

/// Findings of the rules engine for the year (the evidence of computed items). A rules problem is
/// shown but does not stop the form from printing: the computed items then have no proposal.
std::vector<core::Finding> findings_for(Context& ctx, int year) {
    try {
        return core::check_rules_for_rubric(ctx.archive(), ctx.plugins(), year);
    } catch (const core::Error& e) {
        ctx.err << _("警告") << ": " << _("规则检查失败，计算项暂无建议分") << "：" << app::describe(e) << "\n";
        return {};
    }
}

std::vector<int> counts_arg(const Args& a, const std::string& name) {
    std::string v = a.require(name);
    std::vector<int> out;
    std::string cur;
    auto flush = [&] {
        char* end = nullptr;
        long n = std::strtol(cur.c_str(), &end, 10);
        if (cur.empty() || !end || *end != '\0' || n < 0)
            throw core::Error(OB_N("选项 --{option} 的票数“{value}”无效，应写作 满意,基本满意,不满意 三个非负整数，例如 18,3,1"),
                              {{"option", name}, {"value", v}});
        out.push_back(static_cast<int>(n));
        cur.clear();
    };
    for (char c : v) {
        if (c == ',') flush();
        else if (c != ' ') cur += c;
    }
    flush();
    if (out.size() != 3)
        throw core::Error(OB_N("选项 --{option} 的票数“{value}”无效，应写作 满意,基本满意,不满意 三个非负整数，例如 18,3,1"),
                          {{"option", name}, {"value", v}});
    return out;
}

void print_problems(std::ostream& out, const std::vector<core::Problem>& problems) {
    for (const auto& p : problems) out << "  " << (p.blocking ? "✗ " : "! ") << app::tr(p.message) << "\n";
}

// ---- rubric ----

int cmd_rubric_list(Context& ctx) {
    auto set = core::RubricSet::load(ctx.plugins());
    std::string sector = ctx.args().get("sector");
    archive::Table t;
    t.key = "rubrics";
    t.title = {OB_N("评分标准"), {}};
    t.date = core::Date::today();
    t.columns = {{"id", OB_N("编号"), archive::CellType::Text},       {"name", OB_N("名称"), archive::CellType::Text},
                 {"sector", OB_N("行业"), archive::CellType::Text},   {"kind", OB_N("类别"), archive::CellType::Text},
                 {"total", OB_N("总分"), archive::CellType::Number},  {"sections", OB_N("部分"), archive::CellType::Integer},
                 {"items", OB_N("条目"), archive::CellType::Integer}, {"grades", OB_N("等次"), archive::CellType::Text},
                 {"file", OB_N("文件"), archive::CellType::Text}};
    for (const auto& r : set.all()) {
        if (!sector.empty() && r.sector != sector) continue;
        std::string grades;
        for (const auto& g : r.grades) grades += (grades.empty() ? "" : " ") + g.grade + "≥" + pts(g.min);
        t.add_row({r.id, r.name, r.sector, r.kind, r.total, static_cast<long long>(r.sections.size()),
                   static_cast<long long>(r.item_count()), archive::text_value(grades), archive::text_value(r.file)});
    }
    emit_tables(ctx, {t});
    // Broken rubric files are errors (exit 1), said on stderr whatever the format.
    for (const auto& e : set.problems()) ctx.err << _("错误") << ": " << app::describe(e) << "\n";
    return set.problems().empty() ? 0 : 1;
}

/// The whole rubric as JSON (rubric show --format json).
std::string rubric_json(const core::Rubric& r) {
    using Poco::JSON::Array;
    Array::Ptr sections = new Array;
    for (const auto& sec : r.sections) {
        Array::Ptr items = new Array;
        for (const auto& it : sec.items) {
            Array::Ptr checks = new Array;
            for (const auto& c : it.checks) {
                auto check = core::json_object();
                check->set("id", c.id);
                check->set("text", c.text);
                check->set("points", core::json_number(c.points));
                checks->add(check);
            }
            auto item = core::json_object();
            item->set("id", it.id);
            item->set("number", it.number);
            item->set("text", it.text);
            item->set("points", core::json_number(it.points));
            item->set("kind", std::string(core::to_string(it.kind)));
            item->set("rules", core::json_array(it.rules));
            item->set("formula", std::string(it.kind == core::ScoringKind::Computed ? core::to_string(it.formula) : ""));
            item->set("checks", checks);
            item->set("source", it.source);
            items->add(item);
        }
        auto section = core::json_object();
        section->set("id", sec.id);
        section->set("number", sec.number);
        section->set("title", sec.title);
        section->set("points", core::json_number(sec.points));
        section->set("items", items);
        sections->add(section);
    }
    Array::Ptr grades = new Array;
    for (const auto& g : r.grades) {
        auto grade = core::json_object();
        grade->set("grade", g.grade);
        grade->set("min", core::json_number(g.min));
        grades->add(grade);
    }
    Array::Ptr vetoes = new Array;
    for (const auto& v : r.vetoes) {
        auto veto = core::json_object();
        veto->set("id", v.id);
        veto->set("text", v.text);
        veto->set("grade", v.grade);
        veto->set("source", v.source);
        vetoes->add(veto);
    }
    auto o = core::json_object();
    o->set("id", r.id);
    o->set("name", r.name);
    o->set("sector", r.sector);
    o->set("kind", r.kind);
    o->set("total", core::json_number(r.total));
    o->set("source", r.source);
    o->set("proposal", r.proposal);
    o->set("sections", sections);
    o->set("grades", grades);
    o->set("vetoes", vetoes);
    return core::json_text(o);
}

int cmd_rubric_show(Context& ctx) {
    auto set = core::RubricSet::load(ctx.plugins());
    std::string id = ctx.args().positional(0);
    if (id.empty()) throw core::Error(OB_N("请给出评分标准编号（用 onebook-cli rubric list 查看）"));
    const auto& r = set.require(id);
    if (ctx.json()) {
        ctx.out << rubric_json(r) << "\n";
        return 0;
    }
    // The rules the computed items are scored by, and which layer (shared base or sector) each is from.
    std::vector<core::RuleDef> rule_defs;
    std::map<std::string, std::string> rule_layers;
    if (const auto* plugin = ctx.plugins().find(r.sector)) {
        try {
            rule_defs = core::load_rules(*plugin);
        } catch (const core::Error&) {}
        for (const auto& d : plugin->contributions(core::ExtensionPoint::Rules))
            rule_layers[core::contribution_id(d)] = core::contribution_layer(d);
    }
    ctx.out << app::tr(r.name) << "（" << r.id << "，" << pts(r.total) << " " << _("分") << "）\n"
            << _("来源") << ": " << app::tr(r.source) << "\n";
    if (r.proposal)
        ctx.out << _("示范文本，请按本支部实际修改") << "："
                << _("本评分标准的条目由行业插件依据来源文件拟定，不是来源文件的原文") << "\n";
    for (const auto& s : r.sections) {
        ctx.out << "\n" << s.number << app::tr(s.title) << "（" << pts(s.points) << " " << _("分") << "）\n";
        for (const auto& it : s.items) {
            std::string how;
            switch (it.kind) {
            case core::ScoringKind::Manual: how = _("人工评分"); break;
            case core::ScoringKind::Checklist: how = _("清单评分"); break;
            case core::ScoringKind::Computed: how = _("按规则计算"); break;
            case core::ScoringKind::Survey: how = _("满意度测评换算"); break;
            case core::ScoringKind::ThreeHigh: how = _("按“三高”测评比率计算"); break;
            }
            ctx.out << "  [" << it.id << "] " << it.number << app::tr(it.text) << "（" << pts(it.points) << " " << _("分")
                    << "）\n"
                    << "        " << how;
            if (it.kind == core::ScoringKind::Computed) {
                std::string rules;
                for (const auto& x : it.rules) rules += (rules.empty() ? "" : "、") + x;
                ctx.out << "：" << rules << "；" << core::describe(it.formula);
            }
            if (!it.source.empty()) ctx.out << "  · " << app::tr(it.source);
            ctx.out << "\n";
            if (it.kind == core::ScoringKind::ThreeHigh && r.three_high) {
                for (const auto& m : r.three_high->measures)
                    ctx.out << "        · " << app::tr(m.label) << " ≥ " << pts(m.min_percent) << "%\n";
                ctx.out << "        · " << _("示范文本，请按本支部实际修改") << "：" << r.three_high->proposal_note << "\n";
            }
            // Each scoring rule: what it asks, its source, and the layer it comes from.
            for (const auto& x : it.kind == core::ScoringKind::Computed ? it.rules : std::vector<std::string>{}) {
                auto def = std::find_if(rule_defs.begin(), rule_defs.end(), [&](const core::RuleDef& d) { return d.id == x; });
                if (def == rule_defs.end()) continue;
                std::string layer = rule_layers.count(x) ? rule_layers[x] : "sector";
                std::string where = def->reference        ? _("另一来源（参照，不用于规则检查）")
                                    : layer == "base"     ? _("共用基础")
                                    : layer == "override" ? _("本行业覆盖共用基础")
                                                          : _("本行业");
                ctx.out << "        · " << x << "〔" << where << "〕" << app::tr(def->description) << "（" << app::tr(def->source)
                        << "）\n";
            }
            for (const auto& c : it.checks)
                ctx.out << "        " << c.id << ") " << app::tr(c.text) << "（" << pts(c.points) << "）\n";
        }
    }
    ctx.out << "\n" << _("等次") << ": ";
    for (std::size_t i = 0; i < r.grades.size(); ++i)
        ctx.out << (i ? "，" : "") << r.grades[i].grade << " ≥ " << pts(r.grades[i].min);
    ctx.out << "\n";
    if (!r.grades_source.empty()) ctx.out << "  " << app::tr(r.grades_source) << "\n";
    if (!r.vetoes.empty()) {
        ctx.out << _("否决项") << ":\n";
        for (const auto& v : r.vetoes)
            ctx.out << "  [" << v.id << "] " << app::tr(v.text) << " → "
                    << (v.effect == core::VetoRule::Effect::Set ? _("定为") : _("最高")) << "“" << v.grade << "”\n";
    }
    if (r.survey) {
        ctx.out << _("满意度测评换算") << ":";
        for (const auto& b : r.survey->table) ctx.out << " ≥" << pts(b.min_rate) << "%→" << pts(b.points);
        ctx.out << "\n";
    }
    return 0;
}

// ---- assess ----

int cmd_new(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    auto set = core::RubricSet::load(ctx.plugins());
    auto home = archive.home();
    std::string rubric = a.get("rubric");
    if (rubric.empty()) {
        // The sector's default rubric (sector.json), else its only 分类定级 rubric.
        auto info = core::sector_info(ctx.plugins().require(home.sector));
        rubric = info.assessment_rubric;
        if (rubric.empty())
            for (const auto* r : set.for_sector(home.sector))
                if (r->kind == "分类定级") rubric = r->id;
        if (rubric.empty()) throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", "rubric"}});
    }
    core::AssessmentStore store(archive, set);
    auto x = store.create(home.id, rubric, year_arg(a, true), who(a));
    const auto& r = store.rubric_of(x);
    ctx.out << core::substitute(_("已新建 {year} 年度考核：{organisation} ·《{rubric}》（{items} 项，{total} 分）"),
                                {{"year", std::to_string(x.year)},
                                 {"organisation", home.name},
                                 {"rubric", r.name},
                                 {"items", std::to_string(r.item_count())},
                                 {"total", pts(r.total)}})
            << "\n";
    return 0;
}

int cmd_list(Context& ctx) {
    auto& archive = ctx.archive();
    auto set = core::RubricSet::load(ctx.plugins());
    core::AssessmentStore store(archive, set);
    archive::Table t;
    t.key = "assessments";
    t.title = {OB_N("各年度考核"), {}};
    t.organisation = archive.home().name;
    t.date = core::Date::today();
    t.columns = {{"year", OB_N("年度"), archive::CellType::Integer},
                 {"rubric", OB_N("评分标准"), archive::CellType::Text},
                 {"state", OB_N("状态"), archive::CellType::Text, true},
                 {"final_total", OB_N("总分"), archive::CellType::Number},
                 {"final_grade", OB_N("等次"), archive::CellType::Text}};
    for (const auto& x : store.list(archive.home().id))
        t.add_row({static_cast<long long>(x.year), x.rubric_id,
                   std::string(x.final        ? OB_N("已定稿")
                               : x.self_final ? OB_N("自评已申报")
                                              : OB_N("进行中")),
                   x.final_total ? archive::Value(*x.final_total) : archive::Value(), archive::text_value(x.final_grade)});
    return emit_tables(ctx, {t});
}

int cmd_score(Context& ctx) {
    const auto& a = ctx.args();
    Assessing on(ctx);
    core::ScoreInput in;
    in.item_id = a.positional(0);
    if (in.item_id.empty()) throw core::Error(OB_N("请给出条目编号（用 onebook-cli assess show 查看）"));
    in.round = round_arg(a);
    if (a.has("points")) {
        std::string v = a.get("points");
        char* end = nullptr;
        double p = std::strtod(v.c_str(), &end);
        if (v.empty() || !end || *end != '\0')
            throw core::Error(OB_N("分数“{value}”不是数字"), {{"value", v}}, {{}, {}, "points"});
        in.points = p;
    }
    if (a.has("checks")) {
        std::vector<std::string> checks;
        std::string cur;
        for (char c : a.get("checks") + ",") {
            if (c == ',') {
                if (!cur.empty()) checks.push_back(cur);
                cur.clear();
            } else if (c != ' ') {
                cur += c;
            }
        }
        in.checks = checks;
    }
    in.reason = a.get("reason");
    in.note = a.get("note");
    in.by = who(a);
    const auto* item = on.store.rubric_of(on.x).find_item(in.item_id);
    std::vector<core::Finding> findings;
    if (item && item->kind == core::ScoringKind::Computed) findings = findings_for(ctx, on.x.year);
    auto e = on.store.score(on.x.id, in, findings);
    ctx.out << core::substitute(_("{year} 年度{round}：条目 {item} 记 {points} 分"), {{"year", std::to_string(on.x.year)},
                                                                                      {"round", core::round_name(e.round)},
                                                                                      {"item", e.item_id},
                                                                                      {"points", pts(e.points)}});
    if (item) ctx.out << "（" << _("满分") << " " << pts(item->points) << "）";
    ctx.out << "\n";
    if (e.proposal) ctx.out << "  " << _("建议分") << ": " << pts(*e.proposal) << "\n";
    if (!e.reason.empty()) ctx.out << "  " << _("理由") << ": " << e.reason << "\n";
    if (item && e.points < item->points && e.reason.empty())
        ctx.out << "  " << _("提示：低于满分，定稿前须补写扣分理由（--reason）") << "\n";
    return 0;
}

int cmd_accept(Context& ctx) {
    const auto& a = ctx.args();
    Assessing on(ctx);
    auto made = on.store.accept_proposals(on.x.id, round_arg(a), who(a), findings_for(ctx, on.x.year));
    ctx.out << core::substitute(_("已采用 {count} 项计算建议分"), {{"count", std::to_string(made.size())}}) << "\n";
    for (const auto& e : made) ctx.out << "  " << e.item_id << "  " << pts(e.points) << "  " << e.reason << "\n";
    return 0;
}

int cmd_survey(Context& ctx) {
    const auto& a = ctx.args();
    Assessing on(ctx);
    auto m = counts_arg(a, "members");
    auto p = counts_arg(a, "public");
    auto r = on.store.record_survey(on.x.id, {m[0], m[1], m[2]}, {p[0], p[1], p[2]}, who(a));
    ctx.out << core::substitute(_("已录入 {year} 年度群众满意度测评"), {{"year", std::to_string(on.x.year)}}) << "\n  "
            << r.explanation << "\n";
    for (const auto& w : r.warnings) ctx.out << "  ! " << app::tr(w) << "\n";
    return 0;
}

int cmd_veto(Context& ctx) {
    const auto& a = ctx.args();
    Assessing on(ctx);
    std::string id = a.positional(0);
    if (id.empty()) throw core::Error(OB_N("请给出否决项编号（用 onebook-cli rubric show 查看）"));
    bool clear = a.has("clear");
    on.store.set_veto(on.x.id, id, !clear, a.get("reason"), who(a));
    ctx.out << core::substitute(clear ? _("已撤销否决项 {veto}") : _("已标记否决项 {veto}"), {{"veto", id}}) << "\n";
    return 0;
}

int cmd_show(Context& ctx) {
    Assessing on(ctx);
    auto sheet = on.store.sheet(on.x.id, findings_for(ctx, on.x.year));
    if (!wants_report(ctx)) return emit_tables(ctx, archive::assessment_tables(sheet, core::Date::today()));
    const auto& as = sheet.assessment;
    std::string state = as.final ? _("已定稿") : as.self_final ? _("自评已申报，组织考核进行中") : _("进行中");
    ctx.out << sheet.organisation_name << " · " << as.year << " " << _("年度") << " ·《" << app::tr(sheet.rubric_name) << "》 · "
            << state << "\n";
    for (const auto& s : sheet.sections) {
        ctx.out << "\n"
                << s.number << app::tr(s.title) << "  " << _("满分") << " " << pts(s.points) << "  " << _("自评") << " "
                << pts(s.self_total) << "  " << _("组织考核") << " " << pts(s.superior_total) << "\n";
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> evidence;
        for (const auto& it : s.items) {
            // The reason of the round in force: the superior's once it has scored the item.
            auto sup = it.points(core::Round::Superior);
            auto self = it.points(core::Round::Self);
            std::string reason;
            if (sup) {
                reason = it.reason(core::Round::Superior);
                if (it.item.kind == core::ScoringKind::Survey && sheet.survey && *sup < it.item.points)
                    reason = _("满意度测评") + " " + core::substitute("{rate}%", {{"rate", pts(sheet.survey->rate)}});
                else if (reason.empty() && *sup < it.item.points) reason = _("（缺扣分理由）");
            } else if (self) {
                reason = it.reason(core::Round::Self);
                if (reason.empty() && *self < it.item.points) reason = _("（自评缺扣分理由）");
            }
            rows.push_back({it.item.id, core::clip_to_width(it.item.number + app::tr(it.item.text), 34), pts(it.item.points),
                            it.proposal ? pts(it.proposal->points) : "", pts(it.points(core::Round::Self)),
                            pts(it.points(core::Round::Superior)), core::clip_to_width(reason, 40)});
            if (it.proposal) {
                std::string ids, kind = "record";
                int shown = 0;
                for (const auto& f : it.proposal->findings)
                    for (auto id : f.evidence) {
                        kind = f.evidence_kind;
                        if (shown++ < 12) ids += (ids.empty() ? "#" : " #") + std::to_string(id);
                    }
                std::string label = kind == "record"   ? _("依据记录")
                                    : kind == "member" ? _("涉及党员")
                                    : kind == "term"   ? _("依据支委会届次")
                                                       : _("依据");
                evidence.push_back(it.item.id + " " + _("建议") + " " + pts(it.proposal->points) + "：" +
                                   it.proposal->explanation +
                                   (ids.empty() ? "" : "；" + label + " " + ids + (shown > 12 ? " …" : "")));
            }
        }
        print_table(ctx.out, {_("条目"), _("内容"), _("满分"), _("建议"), _("自评"), _("考核"), _("扣分理由")}, rows);
        for (const auto& e : evidence) ctx.out << "  ⤷ " << e << "\n";
    }
    ctx.out << "\n"
            << _("合计") << "：" << _("满分") << " " << pts(sheet.max_total) << "，" << _("自评") << " " << pts(sheet.self_total)
            << "（" << sheet.self_scored << "/" << sheet.item_count << " " << _("项") << "，" << sheet.self_grade.score_grade
            << "），" << _("组织考核") << " " << pts(sheet.superior_total) << "（" << sheet.superior_scored << "/"
            << sheet.item_count << " " << _("项") << "）\n";
    if (sheet.survey) ctx.out << _("满意度测评") << "：" << sheet.survey->explanation << "\n";
    for (const auto& v : sheet.vetoes) ctx.out << _("否决项") << "：" << v.veto_id << "（" << v.reason << "）\n";
    if (as.final || sheet.superior_scored > 0)
        ctx.out << (as.final ? _("等次") : _("等次（暂定）")) << "：" << sheet.grade.grade << " — " << sheet.grade.explanation
                << "\n";
    else
        ctx.out << _("等次（按自评暂定）") << "：" << sheet.self_grade.score_grade << " — "
                << core::substitute(
                       _("自评 {total} 分，{open} 项未评"),
                       {{"total", pts(sheet.self_total)}, {"open", std::to_string(sheet.item_count - sheet.self_scored)}})
                << "\n";
    if (!sheet.problems.empty()) {
        ctx.out << "\n" << _("待解决的问题") << " (" << sheet.problems.size() << ")\n";
        print_problems(ctx.out, sheet.problems);
    }
    return 0;
}

int cmd_history(Context& ctx) {
    Assessing on(ctx);
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : on.store.history(on.x.id, ctx.args().positional(0)))
        rows.push_back({e.at, core::round_name(e.round), e.item_id, pts(e.points), e.proposal ? pts(*e.proposal) : "", e.by,
                        core::clip_to_width(e.reason, 40)});
    print_table(ctx.out, {_("时间"), _("轮次"), _("条目"), _("得分"), _("建议"), _("评分人"), _("理由")}, rows);
    return 0;
}

int cmd_finalize(Context& ctx) {
    const auto& a = ctx.args();
    Assessing on(ctx);
    auto round = round_arg(a, core::Round::Superior);
    auto problems = on.store.blocking_problems(on.x.id, round);
    if (!problems.empty()) {
        ctx.err << core::substitute(_("{round}不能定稿，还有 {count} 个问题："),
                                    {{"round", core::round_name(round)}, {"count", std::to_string(problems.size())}})
                << "\n";
        print_problems(ctx.err, problems);
        return 1;
    }
    auto g = on.store.finalise(on.x.id, round, who(a));
    if (round == core::Round::Self)
        ctx.out << core::substitute(_("{year} 年度自评已申报：{total} 分（{grade}）"),
                                    {{"year", std::to_string(on.x.year)}, {"total", pts(g.total)}, {"grade", g.score_grade}})
                << "\n";
    else
        ctx.out << core::substitute(_("{year} 年度考核已定稿：{total} 分，定为“{grade}”"),
                                    {{"year", std::to_string(on.x.year)}, {"total", pts(g.total)}, {"grade", g.grade}})
                << "\n  " << g.explanation << "\n";
    return 0;
}

int cmd_distribution(Context& ctx) {
    auto& archive = ctx.archive();
    auto set = core::RubricSet::load(ctx.plugins());
    int year = year_arg(ctx.args(), true);
    auto graded = core::graded_organisations(archive, year);
    auto d = core::grade_distribution(graded, set, ctx.plugins());
    ctx.out << core::substitute(_("{year} 年度已定级 {count} 个党组织"),
                                {{"year", std::to_string(year)}, {"count", std::to_string(d.count)}})
            << "\n";
    for (const auto& [g, n] : d.by_grade) ctx.out << "  " << g << "  " << n << "\n";
    for (const auto& w : d.warnings) ctx.out << "! " << app::tr(w) << "\n";
    if (!d.explanations.empty()) {
        ctx.out << _("须说明情况的党组织") << ":\n";
        for (const auto& e : d.explanations) ctx.out << "  " << e.organisation.name << "  " << e.why << "\n";
    }
    return 0;
}

} // namespace

void register_assess_commands() {
    add_command({{"rubric", "list"},
                 std::string("[--sector ID] ") + table_options,
                 OB_N("列出各行业插件提供的评分标准"),
                 {},
                 cmd_rubric_list});
    add_command({{"rubric", "show"},
                 "ID [--format json]",
                 OB_N("显示评分标准的全部条目、分值、计分方式、等次和否决项"),
                 {},
                 cmd_rubric_show});
    add_command({{"assess", "new"}, "--rubric ID --year Y [--by NAME]", OB_N("新建本组织某年度的考核"), {}, cmd_new});
    add_command({{"assess", "list"}, table_options, OB_N("列出本组织的各年度考核"), {}, cmd_list});
    add_command(
        {{"assess", "score"},
         "ITEM_ID --round self|superior (--points N | --checks a,b) [--reason TEXT] [--note TEXT] [--year Y] [--rubric ID] [--by NAME]",
         OB_N("给条目评分（自评或组织考核）；低于满分须写扣分理由，改动计算建议分须写理由"),
         {},
         cmd_score});
    add_command({{"assess", "accept"},
                 "--round self|superior [--year Y] [--rubric ID]",
                 OB_N("采用全部尚未评分的计算项建议分"),
                 {},
                 cmd_accept});
    add_command({{"assess", "survey"},
                 "--year Y --members 满意,基本满意,不满意 --public 满意,基本满意,不满意 [--rubric ID]",
                 OB_N("录入群众满意度测评票数（党员、非党员），换算为群众评价得分"),
                 {},
                 cmd_survey});
    add_alias({"survey", "add"}, {"assess", "survey"}, OB_N("同 assess survey"));
    add_command({{"assess", "veto"},
                 "VETO_ID --reason TEXT [--clear] [--year Y] [--rubric ID]",
                 OB_N("标记或撤销否决项（如领导班子成员违法违纪）"),
                 {"clear"},
                 cmd_veto});
    add_command({{"assess", "show"},
                 std::string("[--year Y] [--rubric ID] ") + table_options,
                 OB_N("显示考核表：条目、满分、建议分及依据、自评、组织考核、扣分理由、小计和等次"),
                 {},
                 cmd_show});
    add_command({{"assess", "history"},
                 "[ITEM_ID] [--year Y] [--rubric ID]",
                 OB_N("显示评分历史：谁在哪一轮给了多少分"),
                 {},
                 cmd_history});
    add_command({{"assess", "finalize"},
                 "[--year Y] [--rubric ID] [--round self|superior]",
                 OB_N("定稿：自评申报或组织考核定级；缺扣分理由时拒绝并列出"),
                 {},
                 cmd_finalize});
    add_alias({"assess", "finalise"}, {"assess", "finalize"}, OB_N("同 assess finalize"));
    add_command({{"assess", "distribution"},
                 "--year Y",
                 OB_N("上级党委：等次分布、“好”和“较差”比例检查、须说明情况的党组织"),
                 {},
                 cmd_distribution});
}

} // namespace onebook::cli
