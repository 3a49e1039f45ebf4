// Commands for rectification (整改): rectify add|list|update|close|history.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/tables.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <map>
#include <ostream>

namespace onebook::cli {

namespace {

core::Id id_arg(const Args& a) {
    std::string v = a.positional(0);
    if (v.empty()) throw core::Error(OB_N("请给出整改事项的编号（用 onebook-cli rectify list 查看）"));
    char* end = nullptr;
    long long id = std::strtoll(v.c_str(), &end, 10);
    if (!end || *end != '\0' || id <= 0) throw core::Error(OB_N("整改事项编号“{value}”不是正整数"), {{"value", v}});
    return id;
}

/// --owner NAME: a member of the roster when the name matches one, free text otherwise.
void set_owner(core::RectificationItem& item, core::Archive& archive, const std::string& owner, core::Id org) {
    item.owner = owner;
    item.owner_member_id.reset();
    core::Roster roster(archive.db(), org);
    if (auto m = roster.member_by_name(owner)) item.owner_member_id = m->id;
}

std::string status_text(const core::RectificationItem& it, const core::Date& today) {
    if (it.overdue(today))
        return core::substitute(_("逾期{days}天"), {{"days", std::to_string(it.days_overdue(today))}}) + "·" +
               _(core::label_zh(it.status));
    return _(core::label_zh(it.status));
}

/// The ledger's organisation: this archive's own, or with --org a branch imported into a
/// superior's archive (whose requirements travel down in its results package).
core::Organisation ledger_of(core::Archive& archive, const Args& a) {
    return a.has("org") ? organisation_option(archive, a.get("org")) : archive.home();
}

/// A ledger command's organisation (ledger_of) and its rectification items.
struct Ledger {
    Ledger(core::Archive& archive, const Args& a) : org(ledger_of(archive, a)), rect(archive.db(), org.id) {}
    const core::Organisation org;
    core::Rectification rect;
};

int cmd_add(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    Ledger l(archive, a);
    if (a.has("from-finding") && a.has("from-deduction"))
        throw core::Error(OB_N("--from-finding 和 --from-deduction 只能选一个"));
    core::RectificationItem item;
    item.issue = a.require("item");
    item.measures = a.require("measures");
    set_owner(item, archive, a.require("owner"), l.org.id);
    item.deadline = date_option(a, "deadline");
    item.target = a.get("target");
    item.progress = a.get("progress");
    item.created_on = date_option(a, "date", core::Date::today());
    if (a.has("from-finding")) item.source = core::RectSource::finding(a.get("from-finding"));
    if (a.has("from-deduction")) item.source = core::RectSource::parse_deduction(a.get("from-deduction"));
    l.rect.add(item, a.get("note"));
    ctx.out << core::substitute(_("已登记整改事项 #{id}：{item}（责任人 {owner}，{deadline} 前完成）"),
                                {{"id", std::to_string(item.id)},
                                 {"item", item.issue},
                                 {"owner", item.owner},
                                 {"deadline", item.deadline.iso()}})
            << "\n";
    if (!item.source.empty()) ctx.out << "  " << _("来源") << ": " << item.source.describe() << "\n";
    if (!l.org.is_home)
        ctx.out << "  "
                << core::substitute(_("这是给{org}的整改要求，随考核结果包下发（package export --results）"),
                                    {{"org", l.org.name}})
                << "\n";
    return 0;
}

int cmd_list(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    Ledger l(archive, a);
    core::Date today = date_option(a, "today", core::Date::today());
    core::RectListOptions opt;
    opt.include_closed = !a.has("open");
    auto items = l.rect.list(today, opt);
    if (!wants_report(ctx)) {
        std::map<core::Id, std::vector<core::RectStatusChange>> history;
        for (const auto& it : items) history[it.id] = l.rect.history(it.id);
        return emit_tables(ctx, archive::rectification_tables(l.org.name, items, history, today));
    }
    std::vector<std::vector<std::string>> rows;
    int overdue = 0;
    for (const auto& it : items) {
        bool late = it.overdue(today);
        overdue += late;
        rows.push_back({(late ? "!! " : "   ") + std::to_string(it.id), status_text(it, today), it.issue, it.owner,
                        it.deadline.iso(), it.progress, it.source.empty() ? "" : it.source.ref});
    }
    print_table(ctx.out, {"   " + _("编号"), _("状态"), _("整改事项"), _("责任人"), _("完成时限"), _("完成情况"), _("来源")},
                rows);
    ctx.out << core::substitute(_("共 {count} 项整改事项，其中逾期未完成 {overdue} 项（以 !! 标出，排在最前）"),
                                {{"count", std::to_string(items.size())}, {"overdue", std::to_string(overdue)}})
            << "\n";
    return 0;
}

int cmd_update(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    Ledger l(archive, a);
    core::Id id = id_arg(a);
    core::Transaction tx(archive.db()); // field edits and the status change land together
    auto item = l.rect.require(id);
    bool edited = false;
    if (a.has("item")) item.issue = a.get("item"), edited = true;
    if (a.has("measures")) item.measures = a.get("measures"), edited = true;
    if (a.has("owner")) set_owner(item, archive, a.get("owner"), l.org.id), edited = true;
    if (a.has("target")) item.target = a.get("target"), edited = true;
    if (a.has("deadline")) {
        item.deadline = date_option(a, "deadline");
        edited = true;
    }
    std::optional<std::string> progress;
    if (a.has("progress")) progress = a.get("progress");
    if (!a.has("status") && progress) item.progress = *progress, edited = true;
    if (edited) l.rect.edit(item);
    if (a.has("status")) {
        auto st = core::parse_rect_status(a.get("status"));
        if (!st)
            throw core::Error(
                OB_N("状态“{value}”无法识别，可用 open（未开始）、in_progress（整改中）、done（已完成）、closed（已销号）"),
                {{"value", a.get("status")}}, {{}, {}, "status"});
        l.rect.change_status(id, *st, date_option(a, "date", core::Date::today()), a.get("note"), progress);
    } else if (!edited) {
        throw core::Error(OB_N("没有要修改的内容：请给出 --status、--progress 或要修改的字段"));
    }
    tx.commit();
    auto now = l.rect.require(id);
    ctx.out << core::substitute(_("整改事项 #{id} 已更新，当前状态：{status}"),
                                {{"id", std::to_string(id)}, {"status", _(core::label_zh(now.status))}})
            << "\n";
    return 0;
}

int cmd_close(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    core::Rectification rect(archive.db(), archive.home().id);
    core::Id id = id_arg(a);
    rect.close(id, date_option(a, "date", core::Date::today()), a.get("note"));
    ctx.out << core::substitute(_("整改事项 #{id} 已销号"), {{"id", std::to_string(id)}}) << "\n";
    return 0;
}

int cmd_history(Context& ctx) {
    auto& archive = ctx.archive();
    core::Rectification rect(archive.db(), archive.home().id);
    core::Id id = id_arg(ctx.args());
    auto item = rect.require(id);
    auto changes = rect.history(id);
    if (!wants_report(ctx)) {
        // The item's line of the ledger and its history, as `rectify list` exports them.
        auto tables = archive::rectification_tables(archive.home().name, {item}, {{item.id, changes}}, core::Date::today());
        return emit_tables(ctx, tables);
    }
    ctx.out << "#" << item.id << " " << item.issue << "\n"
            << "  " << _("主要措施") << ": " << item.measures << "\n"
            << "  " << _("责任人") << ": " << item.owner << "    " << _("完成时限") << ": " << item.deadline.iso() << "\n";
    if (!item.target.empty()) ctx.out << "  " << _("量化目标") << ": " << item.target << "\n";
    if (!item.progress.empty()) ctx.out << "  " << _("完成情况") << ": " << item.progress << "\n";
    if (!item.source.empty()) ctx.out << "  " << _("来源") << ": " << item.source.describe() << "\n";
    ctx.out << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : changes)
        rows.push_back({c.on.iso(), c.from ? _(core::label_zh(*c.from)) + " → " + _(core::label_zh(c.to)) : _("登记"), c.note});
    print_table(ctx.out, {_("日期"), _("状态变更"), _("说明")}, rows);
    return 0;
}

} // namespace

void register_rectify_commands() {
    add_command({{"rectify", "add"},
                 "--item TEXT --measures TEXT --owner NAME --deadline YYYY-MM-DD [--target TEXT] "
                 "[--from-finding REF | --from-deduction YEAR:ITEM] [--progress TEXT] [--date DATE] [--note TEXT] [--org BRANCH]",
                 OB_N("登记一项整改事项（可关联检查发现或测评扣分）"),
                 {},
                 cmd_add});
    add_command({{"rectify", "list"},
                 std::string("[--open] [--today DATE] [--org BRANCH] ") + table_options,
                 OB_N("列出整改事项：逾期未完成的标出并排在最前"),
                 {"open"},
                 cmd_list});
    add_command({{"rectify", "update"},
                 "ID [--status open|in_progress|done] [--note TEXT] [--date DATE] [--progress TEXT] [--item TEXT] "
                 "[--measures TEXT] [--owner NAME] [--deadline DATE] [--target TEXT] [--org BRANCH]",
                 OB_N("更新整改事项：改变状态（留下日期和说明）或修改内容"),
                 {},
                 cmd_update});
    add_command({{"rectify", "close"}, "ID [--note TEXT] [--date DATE]", OB_N("整改事项销号（须先为“已完成”）"), {}, cmd_close});
    add_command({{"rectify", "history"},
                 std::string("ID ") + table_options,
                 OB_N("显示整改事项的内容和每一次状态变更"),
                 {},
                 cmd_history});
}

} // namespace onebook::cli
