// Commands for boards (公示牌): board templates|make|set|fields, and the dues figures the dues
// board shows: dues set|list.
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/archive/tables.hpp"

#include "onebook/board.hpp"
#include "onebook/dues.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/public_view.hpp"

#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>

namespace onebook::cli {

namespace {

core::Date today_arg(const Args& a) { return date_option(a, "today", core::Date::today()); }

core::BoardTemplates load_templates(Context& ctx, bool with_archive) {
    std::string sector;
    if (with_archive) sector = ctx.archive().home().sector;
    return core::BoardTemplates::load(&ctx.plugins(), sector);
}

int cmd_templates(Context& ctx) {
    // The archive is optional here: with one, its sector's plugin templates are shown as they apply.
    auto templates = load_templates(ctx, !ctx.archive_path().empty());
    archive::Table table;
    table.key = "board_templates";
    table.title = {OB_N("公示牌模板"), {}};
    table.date = core::Date::today();
    table.columns = {
        {"id", OB_N("标识"), archive::CellType::Text},          {"title", OB_N("标题"), archive::CellType::Text},
        {"size", OB_N("默认尺寸"), archive::CellType::Text},    {"orientation", OB_N("方向"), archive::CellType::Text, true},
        {"description", OB_N("说明"), archive::CellType::Text}, {"file", OB_N("文件"), archive::CellType::Text}};
    for (const auto& t : templates.all())
        table.add_row({t.id, t.title, archive::text_value(t.size),
                       std::string(t.orientation == "landscape" ? OB_N("横向") : OB_N("纵向")),
                       archive::text_value(t.description), archive::text_value(t.file)});
    return emit_tables(ctx, {table});
}

int cmd_make(Context& ctx) {
    const auto& a = ctx.args();
    auto templates = load_templates(ctx, true);
    const auto& t = templates.require(a.require("template"));
    std::string out = a.require("out");
    core::BoardOptions opt;
    if (a.has("size")) opt.size = core::pdf::PageSize::parse(a.get("size"));
    if (a.has("orientation")) opt.orientation = core::pdf::parse_orientation(a.get("orientation"));
    if (a.has("logo")) opt.logo = a.get("logo");
    if (a.has("tile")) {
        std::string sheet = a.get("tile");
        auto size = core::pdf::PageSize::parse(sheet);
        auto same = [&](const char* iso) {
            auto s = core::pdf::PageSize::iso(iso);
            return std::abs(s.width - size.width) < 1 && std::abs(s.height - size.height) < 1;
        };
        if (same("A4")) size.name = "A4";
        else if (same("A3")) size.name = "A3";
        else throw core::Error(OB_N("--tile 只能是 A4 或 A3（办公室打印机的纸张），不能是“{value}”"), {{"value", sheet}});
        opt.tile = size;
        if (a.has("tile-orientation")) opt.tile_orientation = core::pdf::parse_orientation(a.get("tile-orientation"));
        if (a.has("overlap")) opt.tile_overlap_mm = std::atof(a.get("overlap").c_str());
    }
    if (a.has("heading-font")) opt.fonts.heading = a.get("heading-font");
    if (a.has("body-font")) opt.fonts.body = a.get("body-font");
    for (const auto& kv : a.all("set")) {
        auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            throw core::Error(OB_N("--set 应写作 栏目=内容，例如 --set grade=较好，不能是“{value}”"), {{"value", kv}});
        opt.values[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    auto view = core::make_public_view(ctx.archive(), today_arg(a), &ctx.plugins());
    auto r = core::render_board(t, view, opt, out);
    char kb[32];
    std::snprintf(kb, sizeof kb, "%.1f", static_cast<double>(r.bytes) / 1024.0);
    ctx.out << core::substitute(_("已生成 {file}：《{title}》，{size}，{pages} 页，正文 {body} 磅，{kb} KB"),
                                {{"file", out},
                                 {"title", t.title},
                                 {"size", r.size.describe()},
                                 {"pages", std::to_string(r.pages)},
                                 {"body",
                                  [&] {
                                      char b[16];
                                      std::snprintf(b, sizeof b, "%.1f", r.body_size);
                                      return std::string(b);
                                  }()},
                                 {"kb", kb}})
            << "\n";
    if (r.sheets > 0)
        ctx.out << core::substitute(_("已拼贴到 {sheets} 张 {sheet} 纸（{columns} 列 × {rows} 行，带裁切线和对位标记）"),
                                    {{"sheets", std::to_string(r.sheets)},
                                     {"sheet", opt.tile->name},
                                     {"columns", std::to_string(r.tile_columns)},
                                     {"rows", std::to_string(r.tile_rows)}})
                << "\n";
    if (r.pages > 1) ctx.out << _("内容太多，无法在最小可读字号下排进一页，已分页排版（每页重复表头）；可换用更大的尺寸") << "\n";
    if (!r.unfilled.empty()) {
        std::string names;
        for (const auto& n : r.unfilled) names += (names.empty() ? "" : "、") + n;
        ctx.err << core::substitute(
                       _("提示：以下栏目档案中没有数据，已印成空白横线待手写：{names}。可用 onebook-cli board set 栏目 内容 "
                         "保存，或本次用 --set 栏目=内容"),
                       {{"names", names}})
                << "\n";
    }
    return 0;
}

int cmd_set(Context& ctx) {
    const auto& a = ctx.args();
    std::string key = a.positional(0);
    if (key.empty()) throw core::Error(OB_N("请给出栏目名，例如 onebook-cli board set contact \"党群服务中心 0312-1234567\""));
    std::string value;
    for (std::size_t i = 1; i < a.positional().size(); ++i) value += (i > 1 ? "\n" : "") + a.positional(i);
    core::set_board_setting(ctx.archive(), key, value);
    if (value.empty()) ctx.out << core::substitute(_("已清除公示牌栏目 {key}"), {{"key", key}}) << "\n";
    else ctx.out << core::substitute(_("已保存公示牌栏目 {key}"), {{"key", key}}) << "\n";
    return 0;
}

int cmd_fields(Context& ctx) {
    auto view = core::make_public_view(ctx.archive(), today_arg(ctx.args()), &ctx.plugins());
    auto values = core::board_values(view);
    std::vector<std::vector<std::string>> rows;
    auto keys = core::board_placeholders();
    for (const char* list : {"achievements", "records", "notices"}) keys.push_back(list); // multi-line texts
    for (const auto& k : keys) {
        std::string v;
        if (k == "achievements" || k == "records" || k == "notices") {
            auto it = view.fields.find(k);
            v = it == view.fields.end() ? "" : it->second;
            for (auto& c : v)
                if (c == '\n') c = '|';
        } else if (auto it = values.find(k); it != values.end()) {
            v = it->second;
        }
        rows.push_back({k, v.empty() ? _("（空）") : v});
    }
    print_table(ctx.out, {_("栏目"), _("内容")}, rows);
    return 0;
}

} // namespace

std::string dues_summary(const std::string& message, const core::DuesPeriod& p) {
    return core::substitute(message, {{"period", p.label_zh()},
                                      {"due", std::to_string(p.members_due)},
                                      {"paid", std::to_string(p.members_paid)},
                                      {"amount", core::format_yuan(p.amount_fen)}});
}

namespace {

int cmd_dues_set(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    core::DuesLedger ledger(archive.db(), archive.home().id);
    core::DuesPeriod p;
    p.period = a.require("period");
    p.members_due = count_option(a, "due");
    p.members_paid = count_option(a, "paid");
    auto amount = core::parse_yuan(a.require("amount"));
    if (!amount)
        throw core::Error(OB_N("选项 --{option} 应为金额（元，最多两位小数），不能是“{value}”"),
                          {{"option", "amount"}, {"value", a.get("amount")}});
    p.amount_fen = *amount;
    if (a.has("remitted")) {
        auto r = core::parse_yuan(a.get("remitted"));
        if (!r)
            throw core::Error(OB_N("选项 --{option} 应为金额（元，最多两位小数），不能是“{value}”"),
                              {{"option", "remitted"}, {"value", a.get("remitted")}});
        p.remitted_fen = *r;
    }
    p.notes = a.get("notes");
    if (a.has("disclosed")) {
        // Saved and disclosed at once: the 党费收缴公布 record the half-yearly rule counts.
        auto date_of = [&](const std::string& name) { return date_option(a, name); };
        std::optional<core::Date> on = date_of("disclosed");
        auto templates = core::load_meeting_templates(ctx.plugins().require(archive.home().sector));
        const auto& t = core::require_template(templates, "dues_disclosure");
        auto id = ledger.set_disclosed(p, t, *on, a.get("place", "党务公开栏"), a.require("host"),
                                       a.has("today") ? date_of("today") : core::Date::today());
        ctx.out << core::substitute(_("已保存 {period} 党费收缴情况并登记公布（会议记录 {id}，{date}）"),
                                    {{"period", p.label_zh()}, {"id", std::to_string(id)}, {"date", on->iso()}})
                << "\n";
        return 0;
    }
    ledger.set(p);
    ctx.out << dues_summary(_("已保存 {period} 党费收缴情况：应交 {due} 人，实交 {paid} 人，{amount} 元"), p) << "\n";
    return 0;
}

int cmd_dues_list(Context& ctx) {
    auto& archive = ctx.archive();
    core::DuesLedger ledger(archive.db(), archive.home().id);
    return emit_tables(ctx, {archive::dues_table(archive.home().name, ledger.all(), core::Date::today())});
}

} // namespace

void register_board_commands() {
    add_command(
        {{"board", "templates"}, table_options, OB_N("列出公示牌模板（共用模板和行业插件提供的模板）"), {}, cmd_templates});
    add_command({{"board", "make"},
                 "--template ID --out FILE.pdf [--size A0…A4|120x90cm] [--orientation landscape|portrait] [--tile A4|A3] "
                 "[--tile-orientation portrait|landscape] [--overlap MM] [--logo FILE.png] [--set KEY=VALUE]… "
                 "[--heading-font FONT] [--body-font FONT] [--today DATE]",
                 OB_N("用档案的公开信息生成公示牌 PDF（可指定尺寸、方向、标志，或拼贴到 A4/A3 纸上）"),
                 {},
                 cmd_make});
    add_command({{"board", "set"},
                 "KEY [VALUE…]",
                 OB_N("保存公示牌栏目的内容（如 contact、grade、achievements；多个 VALUE 为多行）"),
                 {},
                 cmd_set});
    add_command({{"board", "fields"}, "[--today DATE]", OB_N("列出公示牌可用的栏目及其当前内容"), {}, cmd_fields});
    add_command(
        {{"dues", "set"},
         "--period 2025-H1 --due N --paid N --amount YUAN [--remitted YUAN] [--notes TEXT] "
         "[--disclosed DATE --host NAME [--place TEXT] [--today D]]",
         OB_N("登记半年的党费收缴情况（供党费收缴情况公布使用）；给出 --disclosed 日期时同时登记公布，计入每半年公布的规则"),
         {},
         cmd_dues_set});
    add_command({{"dues", "list"}, table_options, OB_N("列出已登记的党费收缴情况"), {}, cmd_dues_list});
}

} // namespace onebook::cli
