// 党费 per member (dues base|pay|members|sum), the yearly 党内统计 (member stats) and the
// community's 三高 survey (survey three-high). The public dues board keeps showing totals only.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/member_tables.hpp"
#include "onebook/board.hpp"
#include "onebook/dues.hpp"
#include "onebook/member_dues.hpp"
#include "onebook/party_statistics.hpp"
#include "onebook/three_high.hpp"

#include <cstdlib>
#include <ostream>

namespace onebook::cli {

namespace {

std::int64_t yuan_arg(const Args& a, const std::string& name) {
    auto v = core::parse_yuan(a.require(name));
    if (!v)
        throw core::Error(OB_N("选项 --{option} 应为金额（元，最多两位小数），不能是“{value}”"),
                          {{"option", name}, {"value", a.get(name)}});
    return *v;
}

std::vector<std::string> months_arg(const Args& a) {
    std::string from = a.require("from");
    return core::month_range(from, a.get("to", from));
}

int cmd_base(Context& ctx) {
    const auto& a = ctx.args();
    auto member = member_arg(ctx, a.positional(0));
    auto months = months_arg(a);
    auto& archive = ctx.archive();
    core::MemberDues dues(archive.db(), archive.home().id);
    if (a.has("fixed") == a.has("base")) throw core::Error(OB_N("请给出 --base（按规则计算）或 --fixed（定额）其中之一"));
    if (a.has("fixed")) {
        dues.set_fixed(member.id, months, yuan_arg(a, "fixed"));
    } else {
        auto rule = core::DuesRateRule::load(&ctx.plugins(), archive.home().sector, core::BoardTemplates::default_dirs());
        std::int64_t base = yuan_arg(a, "base");
        std::string kind = a.get("kind", "在职");
        dues.set_base(member.id, months, base, kind, rule);
        const auto& band = rule.band(kind, base);
        ctx.out << core::substitute(
                       _("{name} 按{kind}基数 {base} 元、比例 {rate}% 每月应交 {due} 元"),
                       {{"name", member.name},
                        {"kind", _(kind)},
                        {"base", core::format_yuan(base)},
                        {"rate", core::format_yuan(band.rate_bp).substr(0, core::format_yuan(band.rate_bp).size() - 1)},
                        {"due", core::format_yuan(core::DuesRateRule::due_for(base, band.rate_bp))}})
                << "\n   " << _("依据") << ": " << rule.source << "\n";
    }
    ctx.out << core::substitute(_("已登记 {name} {from} 至 {to} 共 {count} 个月的应交党费"),
                                {{"name", member.name},
                                 {"from", months.front()},
                                 {"to", months.back()},
                                 {"count", std::to_string(months.size())}})
            << "\n";
    return 0;
}

int cmd_pay(Context& ctx) {
    const auto& a = ctx.args();
    auto member = member_arg(ctx, a.positional(0));
    auto months = months_arg(a);
    auto amount = yuan_arg(a, "amount");
    auto on = date_option(a, "date", core::Date::today());
    core::MemberDues(ctx.archive().db(), ctx.archive().home().id).pay(member.id, months, amount, on);
    ctx.out << core::substitute(_("已登记 {name} {date} 交纳党费 {amount} 元（{from} 至 {to}）"),
                                {{"name", member.name},
                                 {"date", on.iso()},
                                 {"amount", core::format_yuan(amount)},
                                 {"from", months.front()},
                                 {"to", months.back()}})
            << "\n";
    return 0;
}

int cmd_members(Context& ctx) {
    auto on = date_option(ctx.args(), "on", core::Date::today());
    int year = year_option(ctx.args(), on.year());
    auto& archive = ctx.archive();
    core::MemberDues dues(archive.db(), archive.home().id);
    core::Date upto = std::min(on, core::Date(year, 12, 31));
    return emit_tables(ctx,
                       archive::member_dues_tables(archive.home().name, year, dues.year(year, upto), dues.months(year), upto));
}

int cmd_sum(Context& ctx) {
    auto& archive = ctx.archive();
    auto p = core::MemberDues(archive.db(), archive.home().id).totals(ctx.args().require("period"));
    core::DuesLedger ledger(archive.db(), archive.home().id);
    if (ctx.args().has("save")) {
        // Keeps what only the totals record holds: the amount remitted upward and the notes.
        if (auto old = ledger.get(p.period)) {
            p.remitted_fen = old->remitted_fen;
            p.notes = old->notes;
        }
        ledger.set(p);
    }
    ctx.out << dues_summary(ctx.args().has("save")
                                ? _("已按党员交纳明细保存 {period} 党费收缴情况：应交 {due} 人，实交 {paid} 人，{amount} 元")
                                : _("{period} 按党员交纳明细合计：应交 {due} 人，实交 {paid} 人，{amount} 元"),
                            p)
            << "\n";
    return 0;
}

int cmd_stats(Context& ctx) {
    auto on = date_option(ctx.args(), "on", core::Date::today());
    int year = year_option(ctx.args(), on.year());
    auto& archive = ctx.archive();
    if (ctx.args().has("branches")) {
        // A superior's archive: every imported organisation's figures, one row each, and the sum.
        auto tables = archive::branches_party_statistics_tables(archive.db(), archive.home(), year, on);
        if (tables.empty())
            throw core::Error(OB_N("本档案中没有导入的党组织：汇总党内统计需要先导入各支部的档案包（package import）"));
        return emit_tables(ctx, tables);
    }
    auto s = core::party_statistics(archive.db(), archive.home().id, year, on);
    return emit_tables(ctx, archive::party_statistics_tables(archive.home().name, s, on));
}

int cmd_three_high(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    auto spec = core::ThreeHighSpec::load(ctx.plugins(), archive.home().sector);
    if (!spec)
        throw core::Error(OB_N("本行业（{sector}）的插件没有“三高”测评标准（data/surveys/three_high.json）"),
                          {{"sector", archive.home().sector}});
    int year = year_option(a);
    core::ThreeHighStore store(archive.db(), archive.home().id);
    if (a.has("respondents")) {
        core::ThreeHighSurvey s;
        s.year = year;
        s.on = date_option(a, "date");
        s.respondents = count_option(a, "respondents");
        s.aware = count_option(a, "aware");
        s.participating = count_option(a, "participating");
        s.satisfied = count_option(a, "satisfied");
        s.notes = a.get("notes");
        store.set(s);
    }
    auto s = store.get(year);
    if (!s)
        throw core::Error(
            OB_N("{year} 年还没有登记“三高”测评（用 --date、--respondents、--aware、--participating、--satisfied 登记）"),
            {{"year", std::to_string(year)}});
    return emit_tables(ctx, {archive::three_high_table(archive.home().name, *spec, *s, core::Date::today())});
}

} // namespace

void register_member_dues_commands() {
    add_command({{"dues", "base"},
                 "MEMBER --from YYYY-MM [--to YYYY-MM] [--base AMOUNT] [--kind 在职|离退休] [--fixed AMOUNT]",
                 OB_N("登记党员某几个月的应交党费：按交纳基数和党费规则的比例计算（--base），或定额（--fixed）"),
                 {},
                 cmd_base});
    add_command({{"dues", "pay"},
                 "MEMBER --from YYYY-MM [--to YYYY-MM] --amount AMOUNT [--date DATE]",
                 OB_N("登记党员交纳党费（按月份顺序冲抵应交金额）"),
                 {},
                 cmd_pay});
    add_command({{"dues", "members"},
                 std::string("[--year YEAR] [--on DATE] ") + table_options,
                 OB_N("党员党费交纳情况：每人应交、已交、欠交，以及逐月明细（不公开）"),
                 {},
                 cmd_members});
    add_command({{"dues", "sum"},
                 "--period PERIOD [--save]",
                 OB_N("按党员交纳明细合计半年的党费收缴情况；--save 保存为该半年的收缴情况（供公示牌使用）"),
                 {"save"},
                 cmd_sum});
    add_command(
        {{"member", "stats"},
         std::string("[--year YEAR] [--on DATE] [--branches] ") + table_options,
         OB_N(
             "党内统计：按性别、民族、年龄、学历、党员类别、人员类别、入党时间统计党员，以及全年的发展、转入转出、停止党籍、出党、死亡和流动党员；--branches 在上级档案中汇总各支部"),
         {"branches"},
         cmd_stats});
    add_command(
        {{"survey", "three-high"},
         std::string(
             "[--year YEAR] [--date DATE] [--respondents N] [--aware N] [--participating N] [--satisfied N] [--notes TEXT] ") +
             table_options,
         OB_N("群众评议“三高”：登记（给出人数时）并显示认知度、参与度、满意度与标准（90%、90%、95%）的对照，以及插件拟定的得分"),
         {},
         cmd_three_high});
}

} // namespace onebook::cli
