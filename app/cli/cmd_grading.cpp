// The superior committee after the grades are decided (grading_followup.hpp): objections received
// during the 公示 and their review (复核), 帮扶 for the branches graded 较差, the 备案 date, and the
// 较差状况明细表 as PDF, CSV or xlsx.
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/archive/grading_followup.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/archive/tables.hpp"

#include <ostream>

namespace onebook::cli {

namespace {

/// The organisation --org names, with its id and --year set on `record` (an objection, a support).
template <typename Record> core::Organisation org_and_year(core::Archive& archive, const Args& a, Record& record) {
    auto org = organisation_option(archive, a.require("org"));
    record.organisation_id = org.id;
    record.year = year_option(a);
    return org;
}

int cmd_objection_add(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    archive::GradingObjection o;
    auto org = org_and_year(archive, a, o);
    o.received_on = date_option(a, "received", core::Date::today());
    o.content = a.require("content");
    auto id = archive::add_grading_objection(archive, o);
    ctx.out << core::substitute(_("已登记对 {org} 定级的异议（编号 {id}），待复核"),
                                {{"org", org.name}, {"id", std::to_string(id)}})
            << "\n";
    return 0;
}

int cmd_objection_review(Context& ctx) {
    const auto& a = ctx.args();
    std::string id_text = a.positional(0);
    core::Id id = 0;
    try {
        id = std::stoll(id_text);
    } catch (const std::exception&) { throw core::Error(OB_N("定级异议编号“{value}”无效"), {{"value", id_text}}); }
    std::string outcome = a.require("outcome");
    archive::review_grading_objection(ctx.archive(), id, outcome, a.require("review"), date_option(a, "on", core::Date::today()));
    ctx.out << core::substitute(_("已记录异议 {id} 的复核：{outcome}"),
                                {{"id", std::to_string(id)}, {"outcome", _(archive::objection_outcome_label(outcome))}})
            << "\n";
    return 0;
}

int cmd_objection_list(Context& ctx) {
    auto s = archive::grading_summary(ctx.archive(), ctx.plugins(), year_option(ctx.args()));
    return emit_tables(ctx, {archive::objections_table(s, core::Date::today())});
}

int cmd_support(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    archive::GradingSupport s;
    auto org = org_and_year(archive, a, s);
    s.leader = a.require("leader");
    s.department = a.require("department");
    s.measures = a.require("measures");
    s.deadline = date_option(a, "deadline");
    s.problems = a.get("main-problems");
    s.causes = a.get("causes");
    archive::set_grading_support(archive, s);
    ctx.out << core::substitute(
                   _("已记录 {org} 的帮扶：{leader}挂点，{department}帮扶，时限 {deadline}"),
                   {{"org", org.name}, {"leader", s.leader}, {"department", s.department}, {"deadline", s.deadline.iso()}})
            << "\n";
    return 0;
}

int cmd_filed(Context& ctx) {
    const auto& a = ctx.args();
    archive::GradingFiling f;
    f.year = year_option(a);
    f.filed_on = date_option(a, "on", core::Date::today());
    f.filed_with = a.get("with");
    f.note = a.get("note");
    archive::set_grading_filing(ctx.archive(), f);
    ctx.out << core::substitute(_("已记录 {year} 年度分类定级于 {date} 备案"),
                                {{"year", std::to_string(f.year)}, {"date", f.filed_on.iso()}})
            << "\n";
    return 0;
}

int cmd_poor(Context& ctx) {
    const auto& a = ctx.args();
    auto s = archive::grading_summary(ctx.archive(), ctx.plugins(), year_option(a));
    std::string out = a.get("out");
    if (out.size() > 4 && out.compare(out.size() - 4, 4, ".pdf") == 0) {
        archive::poor_detail_pdf(s, out);
        ctx.out << core::substitute(_("已生成较差状况明细表 {file}：{count} 个党组织"),
                                    {{"file", out}, {"count", std::to_string(s.poor.size())}})
                << "\n";
        return 0;
    }
    return emit_tables(ctx, {archive::poor_detail_table(s, core::Date::today())});
}

} // namespace

void register_grading_commands() {
    add_command({{"summary", "objection"},
                 "--org NAME --content TEXT [--year 2025] [--received DATE]",
                 OB_N("登记公示期间收到的对某党组织定级的异议"),
                 {},
                 cmd_objection_add});
    add_command({{"summary", "review"},
                 "ID --outcome upheld|changed|dismissed --review TEXT [--on DATE]",
                 OB_N("记录定级异议的复核情况和结果（维持原定级、调整定级或异议不成立）"),
                 {},
                 cmd_objection_review});
    add_command({{"summary", "objections"},
                 std::string("[--year 2025] ") + table_options,
                 OB_N("列出公示期间收到的定级异议及复核情况"),
                 {},
                 cmd_objection_list});
    add_command(
        {{"summary", "support"},
         "--org NAME --leader NAME --department NAME --measures TEXT --deadline DATE [--year 2025] [--main-problems TEXT] "
         "[--causes TEXT]",
         OB_N("记录对评为较差的党组织的帮扶：挂点领导、帮扶部门、措施和时限"),
         {},
         cmd_support});
    add_command({{"summary", "filed"},
                 "[--year 2025] [--on DATE] [--with NAME] [--note TEXT]",
                 OB_N("记录年度分类定级结果的备案日期"),
                 {},
                 cmd_filed});
    add_command(
        {{"summary", "poor"},
         "[--year 2025] [--format table|json|csv|xlsx] [--out FILE]",
         OB_N("较差基层党组织状况明细表（问题、原因、帮扶措施、时限）；--out 以 .pdf 结尾时生成 PDF，否则按 --format 输出表格"),
         {},
         cmd_poor});
}

} // namespace onebook::cli
