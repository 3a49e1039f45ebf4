// 一卡一簿一单 for 在职党员 reporting to the community: inservice list (the 活动登记簿 as a list),
// inservice card (the 登记卡 PDF for posting in the building), inservice register (the 登记簿 PDF)
// and inservice feedback (the yearly 反馈单 PDF to one member's employer).
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/inservice.hpp"

#include <ostream>

namespace onebook::cli {

namespace {

void report_pdf(Context& ctx, const char* what, const std::string& file, const archive::InservicePdf& r) {
    ctx.out << core::substitute(
                   _("已生成{what} {file}：{items} 项，{pages} 页"),
                   {{"what", _(what)}, {"file", file}, {"items", std::to_string(r.items)}, {"pages", std::to_string(r.pages)}})
            << "\n";
}

int cmd_list(Context& ctx) {
    const auto& a = ctx.args();
    std::optional<int> year;
    if (a.has("year")) year = year_option(a);
    return emit_tables(ctx, {archive::inservice_register_table(ctx.archive(), year)});
}

int cmd_card(Context& ctx) {
    const auto& a = ctx.args();
    std::string out = a.require("out");
    auto r = archive::write_inservice_cards_pdf(ctx.archive(), out, a.get("member"));
    report_pdf(ctx, OB_N("在职党员登记卡"), out, r);
    return 0;
}

int cmd_register(Context& ctx) {
    const auto& a = ctx.args();
    std::string out = a.require("out");
    auto r = archive::write_inservice_register_pdf(ctx.archive(), year_option(a), out);
    report_pdf(ctx, OB_N("在职党员活动登记簿"), out, r);
    return 0;
}

int cmd_feedback(Context& ctx) {
    const auto& a = ctx.args();
    if (a.positional().empty()) throw core::Error(OB_N("缺少党员姓名"), {}, {{}, {}, "member"});
    std::string out = a.require("out");
    auto r = archive::write_inservice_feedback_pdf(ctx.archive(), a.positional().front(), year_option(a), out);
    report_pdf(ctx, OB_N("在职党员参与社区活动意见反馈单"), out, r);
    return 0;
}

} // namespace

void register_inservice_commands() {
    add_command({{"inservice", "list"},
                 std::string("[--year YEAR] ") + table_options,
                 OB_N("在职党员活动登记簿：协管党员的报到登记、社区活动和意见反馈记录"),
                 {},
                 cmd_list});
    add_command({{"inservice", "card"},
                 "--out FILE.pdf [--member NAME]",
                 OB_N("打印在职党员登记卡（每名协管党员一张，供在楼院公示，不含身份证号、电话和住址）"),
                 {},
                 cmd_card});
    add_command({{"inservice", "register"},
                 "--year YEAR --out FILE.pdf",
                 OB_N("打印某年度的在职党员活动登记簿（PDF）"),
                 {},
                 cmd_register});
    add_command({{"inservice", "feedback"},
                 "MEMBER --year YEAR --out FILE.pdf",
                 OB_N("打印某名在职党员某年度的参与社区活动意见反馈单，反馈到其所在单位党组织（PDF）"),
                 {},
                 cmd_feedback});
}

} // namespace onebook::cli
