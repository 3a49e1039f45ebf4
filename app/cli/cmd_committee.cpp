// The branch committee (支部委员会) from the command line: `committee add` registers an election
// (date, term, approval and the seats as 职务=姓名), `committee show` lists the terms.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/error.hpp"
#include "onebook/json_text.hpp"
#include "onebook/roster.hpp"

#include <Poco/JSON/Object.h>
#include <ostream>

namespace onebook::cli {

namespace {

int cmd_committee_add(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    core::CommitteeTerm t;
    t.elected_on = date_option(a, "elected");
    std::string years = a.get("years", "3");
    try {
        std::size_t used = 0;
        t.term_years = std::stoi(years, &used);
        if (used != years.size()) throw std::invalid_argument(years);
    } catch (const std::exception&) {
        throw core::Error(OB_N("选项 --{option} 应为整数，而不是“{value}”"), {{"option", "years"}, {"value", years}});
    }
    t.approval_ref = a.get("approval");
    for (const auto& seat : a.all("seat")) {
        auto eq = seat.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == seat.size())
            throw core::Error(OB_N("--seat 应写作 职务=姓名（例如 --seat 书记=王建国），而不是“{value}”"), {{"value", seat}});
        core::CommitteeSeat s;
        s.role = seat.substr(0, eq);
        s.name = seat.substr(eq + 1);
        t.seats.push_back(s);
    }
    if (t.seats.empty()) throw core::Error(OB_N("请用 --seat 职务=姓名 给出至少一名支委会成员"));
    roster.add_term(t);
    ctx.out << core::substitute(_("已登记 {date} 的换届选举：任期 {years} 年（至 {until}），{count} 名委员"),
                                {{"date", t.elected_on.iso()},
                                 {"years", std::to_string(t.term_years)},
                                 {"until", t.expires_on().iso()},
                                 {"count", std::to_string(t.seats.size())}})
            << "\n";
    for (const auto& s : t.seats)
        ctx.out << "  " << s.role << "  " << s.name << (s.member_id ? "" : "  " + std::string(_("（不在名册中）"))) << "\n";
    return 0;
}

int cmd_committee_show(Context& ctx) {
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    auto terms = roster.terms();
    auto current = roster.current_term(core::Date::today());
    if (ctx.json()) {
        using Poco::JSON::Array;
        using Poco::JSON::Object;
        Array::Ptr list = new Array;
        for (const auto& t : terms) {
            auto term = core::json_object();
            term->set("elected_on", t.elected_on.iso());
            term->set("term_years", t.term_years);
            term->set("expires_on", t.expires_on().iso());
            term->set("approval_ref", t.approval_ref);
            term->set("current", current && current->id == t.id);
            Array::Ptr seats = new Array;
            for (const auto& seat : t.seats) {
                auto s = core::json_object();
                s->set("role", seat.role);
                s->set("name", seat.name);
                seats->add(s);
            }
            term->set("seats", seats);
            list->add(term);
        }
        Object::Ptr root = new Object;
        root->set("terms", list);
        core::write_json(ctx.out, root);
        ctx.out << "\n";
        return 0;
    }
    if (terms.empty()) {
        ctx.out << _("尚未登记支部委员会。用 onebook-cli committee add --elected 日期 --seat 书记=姓名 … 登记换届选举。") << "\n";
        return 0;
    }
    for (const auto& t : terms) {
        bool now = current && current->id == t.id;
        ctx.out << core::substitute(
                       _("{date} 选举，任期 {years} 年，至 {until}"),
                       {{"date", t.elected_on.iso()}, {"years", std::to_string(t.term_years)}, {"until", t.expires_on().iso()}})
                << (t.approval_ref.empty() ? "" : "  " + t.approval_ref) << (now ? "  " + std::string(_("（现任）")) : "")
                << "\n";
        for (const auto& s : t.seats) ctx.out << "  " << s.role << "  " << s.name << "\n";
    }
    return 0;
}

int cmd_records_start(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    if (a.has("clear")) archive.set_records_start(std::nullopt);
    else if (!a.positional(0).empty()) {
        archive.set_records_start(core::require_date(a.positional(0), "records-start", _("开始记录日期")));
    }
    auto start = archive.records_start();
    if (start)
        ctx.out << core::substitute(_("开始记录日期：{date}（此前的时段不作规则检查，也不计入考核建议分）"),
                                    {{"date", start->iso()}})
                << "\n";
    else ctx.out << _("未设开始记录日期：各年度全部时段都作规则检查") << "\n";
    return 0;
}

} // namespace

void register_committee_commands() {
    add_command({{"committee", "add"},
                 "--elected DATE --seat 职务=姓名 [--seat 职务=姓名…] [--years 3] [--approval REF]",
                 OB_N("登记支部委员会换届选举：选举日期、任期、批复文号和委员职务"),
                 {},
                 cmd_committee_add});
    add_command({{"committee", "show"}, "[--format json]", OB_N("列出支部委员会的各届任期和委员"), {}, cmd_committee_show});
    add_command({{"records-start"},
                 "[DATE] [--clear]",
                 OB_N("查看或设置开始记录日期：此前的时段不作规则检查，也不计入考核建议分"),
                 {"clear"},
                 cmd_records_start});
}

} // namespace onebook::cli
