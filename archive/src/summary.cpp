// The superior's 分类定级 summary: see summary.hpp.
#include "onebook/archive/summary.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/json_text.hpp"
#include "onebook/numbers.hpp"

#include "onebook/assessment.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/pdf/writer.hpp"
#include "onebook/rubric.hpp"
#include "onebook/sectors.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace onebook::archive {

std::string percent(double share) { return core::format_fixed(share * 100, 1) + "%"; }

namespace {

std::string points_text(double v) { return core::format_number(v, 1); }

/// Only the rubrics a superior grades shares with (those with a distribution policy: 分类定级).
std::vector<core::GradedOrganisation> shared_graded(core::Archive& archive, const core::RubricSet& rubrics, int year) {
    std::vector<core::GradedOrganisation> graded;
    for (auto& g : core::graded_organisations(archive, year)) {
        const core::Rubric* r = rubrics.find(g.rubric_id);
        if (r && !r->distribution.empty()) graded.push_back(g);
    }
    return graded;
}

/// Sector names and plugin order.
struct Sectors {
    explicit Sectors(const core::PluginHost& plugins) {
        for (const auto& info : core::sectors(plugins)) {
            order.push_back(info.id);
            const auto* lp = plugins.find(info.id);
            names[info.id] = lp && !lp->manifest().name_zh.empty() ? lp->manifest().name_zh : info.id;
        }
    }
    std::string name_of(const std::string& id) const {
        auto it = names.find(id);
        return it != names.end() ? it->second : id;
    }
    std::ptrdiff_t rank(const std::string& id) const { return std::find(order.begin(), order.end(), id) - order.begin(); }

    std::map<std::string, std::string> names;
    std::vector<std::string> order;
};

/// Grades in band order (from the rubrics), then any other grade seen.
std::vector<std::string> grade_order(const std::vector<core::GradedOrganisation>& graded, const core::RubricSet& rubrics,
                                     const core::GradeDistribution& dist) {
    std::vector<std::string> grades;
    for (const auto& g : graded)
        if (const auto* r = rubrics.find(g.rubric_id))
            for (const auto& b : r->grades)
                if (std::find(grades.begin(), grades.end(), b.grade) == grades.end()) grades.push_back(b.grade);
    for (const auto& [grade, n] : dist.by_grade)
        if (std::find(grades.begin(), grades.end(), grade) == grades.end()) grades.push_back(grade);
    return grades;
}

/// Explanations needed (the helper) and written (grading_explanation), by organisation uid.
struct Explanations {
    Explanations(core::Database& db, const core::GradeDistribution& dist, int year) {
        for (const auto& e : dist.explanations) {
            needs.insert(e.organisation.uid);
            why[e.organisation.uid] = e.why;
        }
        auto st = db.prepare("SELECT o.uid, o.id, coalesce(e.text, '') FROM organisation AS o "
                             "LEFT JOIN grading_explanation AS e ON e.organisation_id = o.id AND e.year = ?");
        st.bind(1, year);
        while (st.step()) org_of_uid[st.get_text(0)] = {st.get_int(1), st.get_text(2)};
    }
    std::set<std::string> needs;
    std::map<std::string, std::string> why;
    std::map<std::string, std::pair<core::Id, std::string>> org_of_uid; // uid → id, explanation
};

/// A row per graded organisation, counted per sector and in all, sorted by sector, total and name.
void count_grades(GradingSummary& s, const std::vector<core::GradedOrganisation>& graded, const Sectors& sectors,
                  Explanations& ex) {
    auto grade_index = [&](const std::string& g) {
        return static_cast<std::size_t>(std::find(s.grades.begin(), s.grades.end(), g) - s.grades.begin());
    };
    std::map<std::string, GradingCounts> per_sector;
    s.all.by_grade.assign(s.grades.size(), 0);
    for (const auto& g : graded) {
        GradingRow row;
        row.organisation_id = ex.org_of_uid[g.uid].first;
        row.name = g.name;
        row.uid = g.uid;
        row.sector = g.sector;
        row.sector_name = sectors.name_of(g.sector);
        row.rubric_id = g.rubric_id;
        row.total = g.total;
        row.grade = g.grade;
        row.needs_explanation = ex.needs.count(g.uid) > 0;
        row.why = ex.why[g.uid];
        row.explanation = ex.org_of_uid[g.uid].second;
        auto& c = per_sector[g.sector];
        c.sector = g.sector;
        c.sector_name = row.sector_name;
        if (c.by_grade.empty()) c.by_grade.assign(s.grades.size(), 0);
        ++c.count;
        ++c.by_grade[grade_index(g.grade)];
        ++s.all.count;
        ++s.all.by_grade[grade_index(g.grade)];
        s.rows.push_back(std::move(row));
    }
    s.all.sector_name = "合计";
    for (auto& [id, c] : per_sector) s.sectors.push_back(c);
    std::sort(s.sectors.begin(), s.sectors.end(),
              [&](const GradingCounts& a, const GradingCounts& b) { return sectors.rank(a.sector) < sectors.rank(b.sector); });
    std::sort(s.rows.begin(), s.rows.end(), [&](const GradingRow& a, const GradingRow& b) {
        if (a.sector != b.sector) return sectors.rank(a.sector) < sectors.rank(b.sector);
        if (a.total != b.total) return a.total > b.total;
        return a.name < b.name;
    });
}

/// The policy (all 分类定级 rubrics of the built-in sectors share it; the strictest one wins in the
/// helper) and the helper's findings.
void take_policy(GradingSummary& s, const std::vector<core::GradedOrganisation>& graded, const core::RubricSet& rubrics,
                 const core::GradeDistribution& dist) {
    for (const auto& g : graded)
        if (const auto* r = rubrics.find(g.rubric_id); r && !r->distribution.empty()) {
            const auto& p = r->distribution;
            s.good_grade = p.good_grade;
            s.poor_grade = p.poor_grade;
            s.good_max_share = std::min(s.good_max_share, p.good_max_share);
            s.poor_target = p.poor_share;
            s.poor_tolerance = p.poor_tolerance;
            s.source = p.source;
        }
    s.good_share = dist.good_share;
    s.good_share_overall = dist.good_share_overall;
    s.notes = dist.notes;
    s.poor_share = dist.poor_share;
    s.good_restricted = dist.good_restricted;
    s.restricted = dist.restricted;
    s.good_share_ok = dist.good_share_ok;
    s.poor_share_ok = dist.poor_share_ok;
    s.warnings = dist.warnings;
}

/// The 较差 rows, and the explanations still to be written.
void collect_poor_and_missing(GradingSummary& s) {
    for (const auto& r : s.rows) {
        if (r.grade == s.poor_grade) s.poor.push_back(r);
        if (r.needs_explanation && r.explanation.empty()) s.missing_explanations.push_back(r);
    }
    if (!s.missing_explanations.empty())
        s.warnings.push_back(
            {OB_N("有 {count} 个党组织的定级须说明情况，尚未填写"), {{"count", std::to_string(s.missing_explanations.size())}}});
}

/// Organisations the archive holds that have no finalised 分类定级 for the year (the superior's own
/// organisation is not graded by itself).
void collect_ungraded(GradingSummary& s, core::Database& db, const std::vector<core::GradedOrganisation>& graded, int year) {
    std::set<std::string> graded_uids;
    for (const auto& g : graded) graded_uids.insert(g.uid);
    auto st = db.prepare("SELECT uid, name FROM organisation WHERE is_home = 0 ORDER BY name");
    while (st.step())
        if (!graded_uids.count(st.get_text(0))) s.ungraded.push_back(st.get_text(1));
    if (!s.ungraded.empty())
        s.warnings.push_back({OB_N("有 {count} 个党组织尚无 {year} 年度的定级结果"),
                              {{"count", std::to_string(s.ungraded.size())}, {"year", std::to_string(year)}}});
}

/// After the grades: 公示 objections, 帮扶 of the 较差 branches, 备案.
void collect_follow_up(GradingSummary& s, core::Archive& archive, int year) {
    s.objections = grading_objections(archive, year);
    s.supports = grading_supports(archive, year);
    s.filing = grading_filing(archive, year);
    std::set<core::Id> supported;
    for (const auto& sp : s.supports) supported.insert(sp.organisation_id);
    for (const auto& r : s.poor)
        if (!supported.count(r.organisation_id)) s.poor_without_support.push_back(r.name);
    if (!s.poor_without_support.empty())
        s.warnings.push_back({OB_N("有 {count} 个评为较差的党组织尚未落实帮扶（挂点领导、帮扶部门、措施、时限）"),
                              {{"count", std::to_string(s.poor_without_support.size())}}});
    int pending = 0;
    for (const auto& o : s.objections) pending += o.outcome == objection_pending ? 1 : 0;
    if (pending) s.warnings.push_back({OB_N("公示期间收到的异议有 {count} 件尚未复核"), {{"count", std::to_string(pending)}}});
}

} // namespace

GradingSummary grading_summary(core::Archive& archive, const core::PluginHost& plugins, int year) {
    GradingSummary s;
    s.year = year;
    auto& db = archive.db();
    auto home = core::OrganisationStore(db).home();
    s.superior = home ? home->name : std::string();
    auto rubrics = core::RubricSet::load(plugins);
    const std::vector<core::GradedOrganisation> graded = shared_graded(archive, rubrics, year);
    auto dist = core::grade_distribution(graded, rubrics, plugins);
    const Sectors sectors(plugins);
    s.grades = grade_order(graded, rubrics, dist);
    Explanations ex(db, dist, year);
    count_grades(s, graded, sectors, ex);
    take_policy(s, graded, rubrics, dist);
    collect_poor_and_missing(s);
    collect_ungraded(s, db, graded, year);
    collect_follow_up(s, archive, year);
    return s;
}

const GradingSupport* support_of(const GradingSummary& s, core::Id organisation_id) {
    for (const auto& sp : s.supports)
        if (sp.organisation_id == organisation_id) return &sp;
    return nullptr;
}

void set_grading_explanation(core::Archive& archive, core::Id organisation_id, int year, const std::string& text,
                             const std::string& by) {
    auto& db = archive.db();
    core::Transaction tx(db);
    auto known = db.prepare("SELECT 1 FROM organisation WHERE id = ?");
    known.bind(1, organisation_id);
    if (!known.step()) throw core::Error(OB_N("档案中没有编号为 {id} 的组织"), {{"id", std::to_string(organisation_id)}});
    std::string trimmed = text;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
    if (trimmed.empty()) {
        auto del = db.prepare("DELETE FROM grading_explanation WHERE organisation_id = ? AND year = ?");
        del.bind_all(organisation_id, year).run();
    } else {
        auto st = db.prepare("INSERT INTO grading_explanation(organisation_id, year, text, written_by) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(organisation_id, year) DO UPDATE SET text = excluded.text, "
                             "written_by = excluded.written_by, written_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')");
        st.bind_all(organisation_id, year, trimmed, by).run();
    }
    tx.commit();
}

std::string summary_json(const GradingSummary& s) {
    using Poco::JSON::Array;
    auto counts = [&](const GradingCounts& c) {
        auto by_grade = core::json_object();
        for (std::size_t k = 0; k < s.grades.size(); ++k) {
            int n = k < c.by_grade.size() ? c.by_grade[k] : 0;
            auto g = core::json_object();
            g->set("count", n);
            g->set("share", core::json_number(c.count ? static_cast<double>(n) / c.count : 0.0, 6));
            by_grade->set(s.grades[k], g);
        }
        auto o = core::json_object();
        o->set("sector", c.sector);
        o->set("sector_name", c.sector_name);
        o->set("count", c.count);
        o->set("by_grade", by_grade);
        return o;
    };
    auto row = [](const GradingRow& r) {
        auto o = core::json_object();
        o->set("organisation_id", r.organisation_id);
        o->set("name", r.name);
        o->set("uid", r.uid);
        o->set("sector", r.sector);
        o->set("sector_name", r.sector_name);
        o->set("rubric", r.rubric_id);
        o->set("total", core::json_number(r.total, 1));
        o->set("grade", r.grade);
        o->set("needs_explanation", r.needs_explanation);
        o->set("why", r.why);
        o->set("explanation", r.explanation);
        return o;
    };
    auto rows = [&](const std::vector<GradingRow>& v) {
        Array::Ptr out = new Array;
        for (const auto& r : v) out->add(row(r));
        return out;
    };
    Array::Ptr summary = new Array;
    for (const auto& c : s.sectors) summary->add(counts(c));
    auto checks = core::json_object();
    checks->set("good_grade", s.good_grade);
    checks->set("good_share", core::json_number(s.good_share, 6));
    checks->set("good_max_share", core::json_number(s.good_max_share, 6));
    checks->set("good_share_ok", s.good_share_ok);
    checks->set("poor_grade", s.poor_grade);
    checks->set("poor_share", core::json_number(s.poor_share, 6));
    checks->set("poor_target", core::json_number(s.poor_target, 6));
    checks->set("poor_tolerance", core::json_number(s.poor_tolerance, 6));
    checks->set("poor_share_ok", s.poor_share_ok);
    checks->set("source", s.source);
    Array::Ptr warnings = new Array;
    for (const auto& w : s.warnings) warnings->add(core::substitute(w.key, w.params));
    auto root = core::json_object();
    root->set("year", s.year);
    root->set("superior", s.superior);
    root->set("grades", core::json_array(s.grades));
    root->set("summary", summary);
    root->set("total", counts(s.all));
    root->set("organisations", rows(s.rows));
    root->set("poor", rows(s.poor));
    root->set("checks", checks);
    root->set("missing_explanations", rows(s.missing_explanations));
    root->set("ungraded", core::json_array(s.ungraded));
    root->set("warnings", warnings);
    return core::json_text(root) + "\n";
}

std::string summary_csv(const GradingSummary& s) {
    // The same tables as every other export (untranslated: the summary goes to Chinese offices),
    // so the CSV is neutralised against formulas like every CSV OneBook writes.
    return render_csv(localise(summary_tables(s, core::Date::today())));
}

namespace {

/// A4 landscape with page numbers, titled "<year><what>" and signed by the superior.
core::pdf::WriterOptions report_options(const GradingSummary& s, const std::string& what, const std::string& subject) {
    namespace pdf = core::pdf;
    pdf::WriterOptions opt;
    opt.page = pdf::PageSize::a4().with_orientation(pdf::Orientation::landscape);
    opt.margin_mm = 15;
    opt.decorate = pdf::page_number_footer();
    opt.title = std::to_string(s.year) + what;
    opt.author = s.superior;
    opt.subject = subject;
    return opt;
}

} // namespace

namespace {

namespace pdf = core::pdf;

/// The counts per sector and grade, and their total.
void summary_counts(pdf::Writer& w, const GradingSummary& s) {
    w.heading("一、基层党组织分类定级情况汇总表", 1);
    pdf::Table sum;
    sum.columns = {{"类别", 1.6}, {"党组织数", 1, pdf::Align::center}};
    for (const auto& g : s.grades) sum.columns.push_back({g + "（个 / 占比）", 1.3, pdf::Align::center});
    auto counts = [&](const GradingCounts& c, pdf::RowStyle style) {
        pdf::TableRow row;
        row.cells = {c.sector_name, std::to_string(c.count)};
        for (std::size_t k = 0; k < s.grades.size(); ++k) {
            int n = k < c.by_grade.size() ? c.by_grade[k] : 0;
            row.cells.push_back(std::to_string(n) + " / " + percent(c.count ? static_cast<double>(n) / c.count : 0));
        }
        row.style = style;
        sum.rows.push_back(row);
    };
    for (const auto& c : s.sectors) counts(c, pdf::RowStyle::normal);
    counts(s.all, pdf::RowStyle::emphasis);
    w.table(sum);
}

/// The shares of the best and worst grades against the policy, with its notes and warnings.
void summary_shares(pdf::Writer& w, const GradingSummary& s) {
    w.heading("二、比例检查", 1);
    w.paragraph("评为“" + s.good_grade + "”的占 " + percent(s.good_share) + "（机关、教育卫生事业单位除外，" +
                    std::to_string(s.good_restricted) + "/" + std::to_string(s.restricted) + "），原则上不超过 " +
                    percent(s.good_max_share) + "：" + (s.good_share_ok ? "符合。" : "超出，请复核。") + "全部党组织中评为“" +
                    s.good_grade + "”的占 " + percent(s.good_share_overall) + "。",
                pdf::ParagraphStyle::body());
    w.paragraph("评为“" + s.poor_grade + "”的占 " + percent(s.poor_share) + "，一般在 " + percent(s.poor_target) + " 左右：" +
                    (s.poor_share_ok ? (s.notes.empty() ? "符合。" : "低于此比例，按实际情况定级。") : "偏高，请复核。"),
                pdf::ParagraphStyle::body());
    for (const auto& note : s.notes) w.paragraph("说明：" + core::substitute(note.key, note.params), pdf::ParagraphStyle::body());
    for (const auto& warning : s.warnings)
        w.paragraph("提示：" + core::substitute(warning.key, warning.params), {.color = pdf::colors::dark_red});
}

/// Every graded organisation, with the explanation where one is needed.
void summary_list(pdf::Writer& w, const GradingSummary& s) {
    w.heading("三、基层党组织分类定级情况一览表", 1);
    pdf::Table list;
    list.columns = {{"序号", 0.6, pdf::Align::center}, {"党组织名称", 3},
                    {"类别", 1.7, pdf::Align::center}, {"得分", 0.8, pdf::Align::center},
                    {"等级", 0.8, pdf::Align::center}, {"说明情况", 4}};
    list.zebra = true;
    int n = 0;
    for (const auto& r : s.rows) {
        pdf::TableRow row;
        row.cells = {std::to_string(++n),
                     r.name,
                     r.sector_name,
                     points_text(r.total),
                     r.grade,
                     r.needs_explanation ? (r.explanation.empty() ? "须说明情况（尚未填写）" : r.explanation) : ""};
        if (r.needs_explanation && r.explanation.empty()) row.style = pdf::RowStyle::alert;
        list.rows.push_back(row);
    }
    if (list.rows.empty()) list.rows.push_back({{"", "（本年度尚无定级结果）"}});
    w.table(list);
}

/// The organisations graded poor.
void summary_poor(pdf::Writer& w, const GradingSummary& s) {
    w.heading("四、较差基层党组织名单", 1);
    if (s.poor.empty()) {
        w.paragraph("本年度无评为“" + s.poor_grade + "”的基层党组织。");
    } else {
        pdf::Table poor;
        poor.columns = {{"序号", 0.6, pdf::Align::center},
                        {"党组织名称", 3},
                        {"类别", 1.7, pdf::Align::center},
                        {"得分", 0.8, pdf::Align::center},
                        {"主要问题与说明情况", 5}};
        int n = 0;
        for (const auto& r : s.poor)
            poor.rows.push_back({{std::to_string(++n), r.name, r.sector_name, points_text(r.total),
                                  r.explanation.empty() ? "（尚未填写）" : r.explanation}});
        w.table(poor);
    }
}

/// The organisations whose grade needs an explanation, and the explanation.
void summary_explanations(pdf::Writer& w, const GradingSummary& s) {
    w.heading("五、须说明情况的党组织", 1);
    int needing = 0;
    for (const auto& r : s.rows) needing += r.needs_explanation ? 1 : 0;
    if (!needing) {
        w.paragraph("无。");
    } else {
        pdf::Table ex;
        ex.columns = {{"党组织名称", 3},
                      {"类别", 1.7, pdf::Align::center},
                      {"等级", 0.8, pdf::Align::center},
                      {"须说明的原因", 3.5},
                      {"说明情况", 4}};
        for (const auto& r : s.rows) {
            if (!r.needs_explanation) continue;
            pdf::TableRow row{{r.name, r.sector_name, r.grade, r.why, r.explanation.empty() ? "尚未填写" : r.explanation}};
            if (r.explanation.empty()) row.style = pdf::RowStyle::alert;
            ex.rows.push_back(row);
        }
        w.table(ex);
    }
}

/// Objections received while the grades were public, and their review.
void summary_objections(pdf::Writer& w, const GradingSummary& s) {
    w.heading("六、公示及异议复核情况", 1);
    if (s.objections.empty()) {
        w.paragraph("公示期间未收到异议。");
    } else {
        pdf::Table ob;
        ob.columns = {{"党组织名称", 2.6}, {"收到日期", 1.1, pdf::Align::center}, {"异议内容", 3.5},
                      {"复核情况", 3.5},   {"复核结果", 1.2, pdf::Align::center}, {"复核日期", 1.1, pdf::Align::center}};
        for (const auto& o : s.objections) {
            pdf::TableRow row{{o.organisation, o.received_on.iso(), o.content, o.review.empty() ? "（尚未复核）" : o.review,
                               objection_outcome_label(o.outcome), o.reviewed_on ? o.reviewed_on->iso() : ""}};
            if (o.outcome == objection_pending) row.style = pdf::RowStyle::alert;
            ob.rows.push_back(row);
        }
        w.table(ob);
    }
}

/// The support each poor organisation gets.
void summary_supports(pdf::Writer& w, const GradingSummary& s) {
    w.heading("七、较差党组织帮扶情况", 1);
    if (s.poor.empty()) {
        w.paragraph("无。");
    } else {
        pdf::Table sp;
        sp.columns = {
            {"党组织名称", 2.6}, {"挂点领导", 1.2}, {"帮扶部门", 1.6}, {"帮扶措施", 4}, {"整改时限", 1.1, pdf::Align::center}};
        for (const auto& r : s.poor) {
            const GradingSupport* x = support_of(s, r.organisation_id);
            pdf::TableRow row{{r.name, x ? x->leader : "", x ? x->department : "", x ? x->measures : "尚未落实帮扶",
                               x ? x->deadline.iso() : ""}};
            if (!x) row.style = pdf::RowStyle::alert;
            sp.rows.push_back(row);
        }
        w.table(sp);
    }
}

/// Whether the grading was filed, and the organisations without a grade.
void summary_filing(pdf::Writer& w, const GradingSummary& s) {
    w.heading("八、备案", 1);
    w.paragraph(s.filing ? "已于 " + s.filing->filed_on.chinese() +
                               (s.filing->filed_with.empty() ? "" : " 报" + s.filing->filed_with) + "备案" +
                               (s.filing->note.empty() ? "。" : "（" + s.filing->note + "）。")
                         : std::string("尚未备案。"));
    if (!s.ungraded.empty()) {
        w.heading("九、尚无定级结果的党组织", 1);
        std::string names;
        for (const auto& u : s.ungraded) names += (names.empty() ? "" : "、") + u;
        w.paragraph(names);
    }
}

} // namespace

void summary_pdf(const GradingSummary& s, const std::filesystem::path& out) {
    namespace pdf = core::pdf;
    pdf::Writer w(report_options(s, "年度基层党组织分类定级情况报告", "分类定级 汇总表 一览表 较差名单"));
    w.title(s.superior + " " + std::to_string(s.year) + "年度基层党组织分类定级情况", {.size = 1.8});
    w.paragraph("依据：" + (s.source.empty() ? std::string("《分类定级工作文件汇编》") : s.source), pdf::ParagraphStyle::small());
    summary_counts(w, s);
    summary_shares(w, s);
    summary_list(w, s);
    summary_poor(w, s);
    summary_explanations(w, s);
    summary_objections(w, s);
    summary_supports(w, s);
    summary_filing(w, s);
    w.spacer(1.5);
    w.signature({s.superior, core::Date::today().chinese()}, true);
    w.save(out);
}

void poor_detail_pdf(const GradingSummary& s, const std::filesystem::path& out) {
    namespace pdf = core::pdf;
    pdf::Writer w(report_options(s, "年度较差基层党组织状况明细表", "分类定级 较差状况明细表 帮扶"));
    w.title(s.superior + " " + std::to_string(s.year) + "年度较差基层党组织状况明细表", {.size = 1.6});
    pdf::Table t;
    t.columns = {{"序号", 0.5, pdf::Align::center},
                 {"党组织名称", 2.2},
                 {"类别", 1.2, pdf::Align::center},
                 {"得分", 0.6, pdf::Align::center},
                 {"主要问题", 3},
                 {"原因分析", 2.5},
                 {"挂点领导", 1},
                 {"帮扶部门", 1.3},
                 {"帮扶措施", 3},
                 {"整改时限", 1.5, pdf::Align::center}};
    int n = 0;
    for (const auto& r : s.poor) {
        const GradingSupport* x = support_of(s, r.organisation_id);
        std::string problems = x && !x->problems.empty() ? x->problems : r.explanation;
        pdf::TableRow row{{std::to_string(++n), r.name, r.sector_name, points_text(r.total), problems, x ? x->causes : "",
                           x ? x->leader : "", x ? x->department : "", x ? x->measures : "尚未落实帮扶",
                           x ? x->deadline.iso() : ""}};
        if (!x) row.style = pdf::RowStyle::alert;
        t.rows.push_back(row);
    }
    if (t.rows.empty()) t.rows.push_back({{"", "本年度无评为“" + s.poor_grade + "”的基层党组织"}});
    w.table(t);
    w.spacer(1.5);
    w.signature({s.superior, core::Date::today().chinese()}, true);
    w.save(out);
}

} // namespace onebook::archive
