// A member's life in the branch: 发展党员 (member apply|stage|milestone|pipeline) and the roster's
// history (member transfer-out|transfer-in|status|history).
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/member_documents.hpp"
#include "onebook/board.hpp"
#include "onebook/json_text.hpp"
#include "onebook/member_history.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/roster.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>

namespace onebook::cli {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

/// One JSON document on stdout, built with Poco::JSON (keys as scripts read them).
void print_json(Context& ctx, const Var& value) {
    core::write_json(ctx.out, value);
    ctx.out << "\n";
}

} // namespace

/// A roster member by id or unique name (departed members too: history names them).
core::Member member_arg(Context& ctx, const std::string& key) {
    if (key.empty()) throw core::Error(OB_N("请给出党员的姓名或编号（用 onebook-cli member list 查看）"));
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    char* end = nullptr;
    long long id = std::strtoll(key.c_str(), &end, 10);
    if (end && *end == '\0' && id > 0)
        if (auto m = roster.member(id)) return *m;
    auto st = archive.db().prepare("SELECT id FROM member WHERE organisation_id = ? AND name = ?");
    st.bind_all(archive.home().id, key);
    std::vector<core::Id> ids;
    while (st.step()) ids.push_back(st.get_int(0));
    if (ids.empty()) throw core::Error(OB_N("名册中没有党员“{name}”"), {{"name", key}});
    if (ids.size() > 1)
        throw core::Error(OB_N("名册中有 {count} 名党员叫“{name}”，请用编号指定"),
                          {{"name", key}, {"count", std::to_string(ids.size())}});
    return *roster.member(ids.front());
}

namespace {

std::optional<core::Id> id_option(const Args& a, const std::string& name) {
    std::string v = a.get(name);
    if (v.empty()) return std::nullopt;
    char* end = nullptr;
    long long id = std::strtoll(v.c_str(), &end, 10);
    if (!end || *end != '\0' || id <= 0)
        throw core::Error(OB_N("选项 --{option} 的值“{value}”不是正整数"), {{"option", name}, {"value", v}});
    return id;
}

std::optional<double> number_option(const Args& a, const std::string& name) {
    std::string v = a.get(name);
    if (v.empty()) return std::nullopt;
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (!end || *end != '\0' || d < 0)
        throw core::Error(OB_N("选项 --{option} 的值“{value}”不是非负数"), {{"option", name}, {"value", v}});
    return d;
}

std::vector<std::string> names_option(const Args& a, const std::string& name) {
    std::vector<std::string> out;
    std::string v = a.get(name), cur;
    for (std::size_t i = 0; i <= v.size();) {
        bool sep3 = i + 3 <= v.size() && (v.compare(i, 3, "、") == 0 || v.compare(i, 3, "，") == 0);
        if (i == v.size() || v[i] == ',' || sep3) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
            i += sep3 ? 3 : 1;
        } else {
            cur += v[i++];
        }
    }
    return out;
}

core::Recruitment pipeline(Context& ctx) {
    auto& archive = ctx.archive();
    return core::Recruitment(archive.db(), archive.home().id,
                             core::RecruitmentRules::load_default(&ctx.plugins(), archive.home().sector));
}

int cmd_apply(Context& ctx) {
    auto r = pipeline(ctx);
    core::Recruit p;
    p.name = ctx.args().require("name");
    p.gender = ctx.args().get("gender");
    if (ctx.args().has("birth-date")) p.birth_date = date_option(ctx.args(), "birth-date");
    p.applied_on = date_option(ctx.args(), "date");
    p.notes = ctx.args().get("note");
    r.apply(p);
    ctx.out << core::substitute(_("已登记入党申请人 #{id} {name}（{date} 递交入党申请书）"),
                                {{"id", std::to_string(p.id)}, {"name", p.name}, {"date", p.applied_on.iso()}})
            << "\n";
    return 0;
}

int cmd_stage(Context& ctx) {
    auto r = pipeline(ctx);
    auto p = r.require(ctx.args().positional(0));
    std::string to = ctx.args().require("to");
    r.move(p.id, to, date_option(ctx.args(), "date"), id_option(ctx.args(), "record"), ctx.args().get("note"),
           names_option(ctx.args(), "contacts"));
    ctx.out << core::substitute(_("{name} 已于 {date} 转为{stage}"),
                                {{"name", p.name}, {"date", date_option(ctx.args(), "date").iso()}, {"stage", _(to)}})
            << "\n";
    if (to == "预备党员") ctx.out << _("已加入党员名册（预备党员）") << "\n";
    return 0;
}

int cmd_milestone(Context& ctx) {
    auto r = pipeline(ctx);
    auto p = r.require(ctx.args().positional(0));
    core::RecruitEvent e;
    e.recruit_id = p.id;
    e.kind = ctx.args().require("kind");
    e.on = date_option(ctx.args(), "date");
    e.record_id = id_option(ctx.args(), "record");
    e.days = number_option(ctx.args(), "days");
    e.hours = number_option(ctx.args(), "hours");
    e.note = ctx.args().get("note");
    r.add_event(e);
    ctx.out << core::substitute(_("已记录 {name} 的{kind}（{date}）"),
                                {{"name", p.name}, {"kind", _(e.kind)}, {"date", e.on.iso()}})
            << "\n";
    return 0;
}

int cmd_pipeline(Context& ctx) {
    auto r = pipeline(ctx);
    core::Date today = date_option(ctx.args(), "today", core::Date::today());
    // --activists: the one book's 入党积极分子 and 发展对象 roster, those not yet admitted.
    auto people = ctx.args().has("activists") ? r.before_admission() : r.recruits(false);
    auto items = r.due(today, people);
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    auto filed = archive::MemberLifeDocuments(ctx.archive(), store).of_recruits();
    if (ctx.json()) {
        Array::Ptr list = new Array;
        for (const auto& p : people) {
            auto o = core::json_object();
            o->set("id", p.id);
            o->set("name", p.name);
            o->set("stage", p.stage);
            o->set("since", p.stage_since.iso());
            o->set("applied_on", p.applied_on.iso());
            o->set("contacts", p.contacts_text());
            o->set("member_id", p.member_id ? Var(*p.member_id) : Var());
            Array::Ptr docs = new Array;
            for (const auto& d : filed)
                if (d.recruit_id == p.id) {
                    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
                    x->set("step", d.step);
                    x->set("date", d.on.iso());
                    x->set("code", d.document.archival_code());
                    x->set("title", d.document.title);
                    docs->add(x);
                }
            o->set("documents", docs);
            list->add(o);
        }
        Array::Ptr due = new Array;
        for (const auto& it : items) {
            auto o = core::json_object();
            o->set("person_id", it.recruit_id);
            o->set("name", it.name);
            o->set("stage", it.stage);
            o->set("state", it.state);
            o->set("due", it.due ? Var(it.due->iso()) : Var());
            o->set("rule", it.rule_id);
            o->set("source", it.source);
            o->set("message", app::tr(it.message));
            due->add(o);
        }
        auto root = core::json_object();
        root->set("today", today.iso());
        root->set("people", list);
        root->set("items", due);
        print_json(ctx, root);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : people)
        rows.push_back({std::to_string(p.id), p.name, _(p.stage), p.stage_since.iso(), p.applied_on.iso(), p.contacts_text()});
    print_table(ctx.out, {_("编号"), _("姓名"), _("阶段"), _("起始日期"), _("申请日期"), _("培养联系人")}, rows);
    bool any_filed = false;
    for (const auto& d : filed) {
        bool in_pipeline = std::any_of(people.begin(), people.end(), [&](const auto& p) { return p.id == d.recruit_id; });
        if (!in_pipeline) continue;
        if (!any_filed) ctx.out << "\n" << _("已归档的发展材料：") << "\n";
        any_filed = true;
        ctx.out << "   " << d.document.archival_code() << "  " << d.person << " " << _(d.step) << " " << d.on.iso() << "  "
                << d.document.title << "\n";
    }
    ctx.out << "\n" << core::substitute(_("截至 {date} 的待办和逾期事项："), {{"date", today.iso()}}) << "\n";
    int late = 0;
    for (const auto& it : items) {
        late += it.state == "逾期";
        ctx.out << (it.state == "逾期" ? "!! " : "   ") << "[" << _(it.state) << "] " << app::tr(it.message) << "\n";
        if (!it.source.empty()) ctx.out << "      " << _("依据") << ": " << it.source << "\n";
    }
    if (items.empty()) ctx.out << "   " << _("没有待办事项") << "\n";
    ctx.out << core::substitute(_("共 {people} 人在发展党员各阶段，{items} 项待办，其中逾期 {late} 项"),
                                {{"people", std::to_string(people.size())},
                                 {"items", std::to_string(items.size())},
                                 {"late", std::to_string(late)}})
            << "\n";
    return late ? 3 : 0;
}

core::Movement movement_from(Context& ctx, const std::string& kind) {
    core::Movement m;
    m.kind = kind;
    m.on = date_option(ctx.args(), "date");
    m.letter_ref = ctx.args().get("letter");
    m.dues_paid_to = ctx.args().get("dues-paid-to");
    m.reason = ctx.args().get("reason");
    m.record_id = id_option(ctx.args(), "record");
    return m;
}

int cmd_transfer_out(Context& ctx) {
    auto member = member_arg(ctx, ctx.args().positional(0));
    auto m = movement_from(ctx, "转出");
    m.member_id = member.id;
    m.counterpart = ctx.args().get("to");
    core::MemberHistory(ctx.archive().db(), ctx.archive().home().id).depart(m);
    ctx.out << core::substitute(_("{name} 的组织关系已于 {date} 转往{to}，自该日起不在本支部名册中"),
                                {{"name", member.name}, {"date", m.on.iso()}, {"to", m.counterpart}})
            << "\n";
    return 0;
}

int cmd_transfer_in(Context& ctx) {
    auto m = movement_from(ctx, "转入");
    m.counterpart = ctx.args().get("from");
    core::Member newcomer;
    newcomer.name = ctx.args().require("name");
    newcomer.gender = ctx.args().get("gender");
    if (ctx.args().has("birth-date")) newcomer.birth_date = date_option(ctx.args(), "birth-date");
    if (ctx.args().has("join-date")) newcomer.join_date = date_option(ctx.args(), "join-date");
    if (ctx.args().has("full-date")) newcomer.full_date = date_option(ctx.args(), "full-date");
    newcomer.status = ctx.args().get("status", "正式党员");
    newcomer.workplace_post = ctx.args().get("workplace");
    core::MemberHistory(ctx.archive().db(), ctx.archive().home().id).transfer_in(newcomer, m);
    ctx.out << core::substitute(
                   _("{name} 的组织关系已于 {date} 由{from}转入，已加入名册（编号 {id}）"),
                   {{"name", newcomer.name}, {"date", m.on.iso()}, {"from", m.counterpart}, {"id", std::to_string(newcomer.id)}})
            << "\n";
    return 0;
}

int cmd_status(Context& ctx) {
    auto member = member_arg(ctx, ctx.args().positional(0));
    std::string kind = ctx.args().require("kind");
    if (kind != "停止党籍" && kind != "出党" && kind != "死亡")
        throw core::Error(OB_N("--kind 应为 停止党籍、出党 或 死亡，而不是“{value}”"), {{"value", kind}});
    auto m = movement_from(ctx, kind);
    m.member_id = member.id;
    core::MemberHistory(ctx.archive().db(), ctx.archive().home().id).depart(m);
    ctx.out << core::substitute(_("已记录 {name} {date} {kind}，自该日起不在名册中（历史记录保留）"),
                                {{"name", member.name}, {"date", m.on.iso()}, {"kind", _(kind)}})
            << "\n";
    return 0;
}

int cmd_history(Context& ctx) {
    std::optional<core::Id> who;
    if (!ctx.args().positional(0).empty()) who = member_arg(ctx, ctx.args().positional(0)).id;
    auto list = core::MemberHistory(ctx.archive().db(), ctx.archive().home().id).movements(who);
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    std::map<core::Id, std::string> codes; // movement → 档号 of its filed letters and decisions
    for (const auto& d : archive::MemberLifeDocuments(ctx.archive(), store).of_movements(who))
        codes[d.movement_id] += (codes[d.movement_id].empty() ? "" : " ") + d.document.archival_code();
    if (ctx.json()) {
        Array::Ptr rows = new Array;
        for (const auto& m : list) {
            auto o = core::json_object();
            o->set("id", m.id);
            o->set("member_id", m.member_id);
            o->set("name", m.member_name);
            o->set("kind", m.kind);
            o->set("date", m.on.iso());
            o->set("counterpart", m.counterpart);
            o->set("letter", m.letter_ref);
            o->set("dues_paid_to", m.dues_paid_to);
            o->set("reason", m.reason);
            o->set("documents", codes[m.id]);
            rows->add(o);
        }
        print_json(ctx, rows);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : list)
        rows.push_back(
            {m.on.iso(), m.member_name, _(m.kind), m.counterpart, m.letter_ref, m.dues_paid_to, m.reason, codes[m.id]});
    print_table(ctx.out, {_("日期"), _("姓名"), _("变动"), _("转往/转自"), _("介绍信"), _("党费交至"), _("原因"), _("档号")},
                rows);
    ctx.out << core::substitute(_("共 {count} 条组织关系和党籍变动"), {{"count", std::to_string(list.size())}}) << "\n";
    return 0;
}

int cmd_mobile(Context& ctx) {
    auto member = member_arg(ctx, ctx.args().positional(0));
    core::MemberHistory h(ctx.archive().db(), ctx.archive().home().id);
    if (ctx.args().has("back")) {
        h.clear_mobile(member.id);
        ctx.out << core::substitute(_("{name} 已不再登记为流动党员"), {{"name", member.name}}) << "\n";
        return 0;
    }
    core::MobileMember m;
    m.member_id = member.id;
    for (const auto& x : h.mobile_members())
        if (x.member_id == member.id) m = x;
    if (ctx.args().has("location")) m.location = ctx.args().get("location");
    if (ctx.args().has("card")) m.card_no = ctx.args().get("card");
    if (ctx.args().has("contact-person")) m.contact_person = ctx.args().get("contact-person");
    if (ctx.args().has("since")) m.since = date_option(ctx.args(), "since");
    if (ctx.args().has("contacted")) m.last_contact = date_option(ctx.args(), "contacted");
    h.set_mobile(m);
    ctx.out << core::substitute(_("{name} 登记为流动党员：{location}"), {{"name", member.name}, {"location", m.location}})
            << "\n";
    return 0;
}

int cmd_mobile_list(Context& ctx) {
    core::Date today = date_option(ctx.args(), "today", core::Date::today());
    auto& archive = ctx.archive();
    core::MemberHistory h(archive.db(), archive.home().id);
    auto list = h.mobile_members();
    auto rule = core::MobileContactRule::load(&ctx.plugins(), archive.home().sector, core::BoardTemplates::default_dirs());
    auto due = h.mobile_contacts_due(rule, today);
    if (ctx.json()) {
        Array::Ptr members = new Array;
        for (const auto& m : list) {
            auto o = core::json_object();
            o->set("member_id", m.member_id);
            o->set("name", m.member_name);
            o->set("location", m.location);
            o->set("card", m.card_no);
            o->set("contact_person", m.contact_person);
            o->set("since", m.since ? Var(m.since->iso()) : Var());
            o->set("last_contact", m.last_contact ? Var(m.last_contact->iso()) : Var());
            members->add(o);
        }
        Array::Ptr late = new Array;
        for (const auto& d : due) {
            auto o = core::json_object();
            o->set("member_id", d.member_id);
            o->set("late", d.late);
            o->set("message", app::tr(d.message));
            late->add(o);
        }
        auto root = core::json_object();
        root->set("every_days", rule.every_days);
        root->set("members", members);
        root->set("due", late);
        print_json(ctx, root);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : list)
        rows.push_back({m.member_name, m.location, m.card_no, m.contact_person, m.since ? m.since->iso() : "",
                        m.last_contact ? m.last_contact->iso() : ""});
    print_table(ctx.out, {_("姓名"), _("外出所在地"), _("活动证号"), _("联系人"), _("外出日期"), _("最近联系")}, rows);
    for (const auto& d : due) ctx.out << (d.late ? "!! " : "   ") << app::tr(d.message) << "\n";
    ctx.out << "   " << _("依据") << ": " << rule.source << "\n";
    return 0;
}

} // namespace

void print_recruitment_due(Context& ctx, const core::Date& today) {
    auto items = pipeline(ctx).due(today);
    auto& archive = ctx.archive();
    core::MemberHistory h(archive.db(), archive.home().id);
    auto rule = core::MobileContactRule::load(&ctx.plugins(), archive.home().sector, core::BoardTemplates::default_dirs());
    for (const auto& d : h.mobile_contacts_due(rule, today)) {
        core::PipelineItem it;
        it.state = d.late ? "逾期" : "待办";
        it.message = d.message;
        it.source = rule.source;
        items.push_back(it);
    }
    if (items.empty()) return;
    ctx.out << "\n" << _("发展党员和流动党员") << "\n";
    for (const auto& it : items) {
        std::string status = "[" + _(it.state) + "]";
        ctx.out << "  " << status << std::string(std::max(0, 10 - display_width(status)), ' ') << app::tr(it.message) << "\n";
        if (!it.source.empty()) ctx.out << "            " << _("依据") << ": " << it.source << "\n";
    }
}

void register_members_life_commands() {
    add_command({{"member", "apply"},
                 "--name NAME --date DATE [--gender 男|女] [--birth-date DATE] [--note TEXT]",
                 OB_N("登记入党申请人（递交入党申请书）"),
                 {},
                 cmd_apply});
    add_command(
        {{"member", "stage"},
         "PERSON --to 入党积极分子|发展对象|预备党员|正式党员 --date DATE [--record ID] [--note TEXT] [--contacts 姓名、姓名]",
         OB_N("发展党员：转入下一阶段（按发展党员工作细则检查时间和程序；接收为预备党员即加入名册）"),
         {},
         cmd_stage});
    add_command({{"member", "milestone"},
                 "PERSON --kind 谈话|考察|政审|培训|公示|宣誓 --date DATE [--days N] [--hours H] [--record ID] [--note TEXT]",
                 OB_N("发展党员：记录谈话、半年考察、政审、集中培训、公示或入党宣誓"),
                 {},
                 cmd_milestone});
    add_command({{"member", "pipeline"},
                 "[--today DATE] [--activists] [--format json]",
                 OB_N("发展党员名单：每人所处阶段，以及到期和逾期的事项（有逾期时退出码为 3）"),
                 {"activists"},
                 cmd_pipeline});
    add_command({{"member", "transfer-out"},
                 "MEMBER --to ORG --date DATE [--letter REF] [--dues-paid-to YYYY-MM] [--reason TEXT] [--record ID]",
                 OB_N("组织关系转出：该日起不在名册中，历史记录和出席情况保留"),
                 {},
                 cmd_transfer_out});
    add_command(
        {{"member", "transfer-in"},
         "--name NAME --from ORG --date DATE [--letter REF] [--dues-paid-to YYYY-MM] [--reason TEXT] [--gender 男|女] "
         "[--birth-date DATE] [--join-date DATE] [--full-date DATE] [--status 正式党员|预备党员] [--workplace TEXT] [--record ID]",
         OB_N("组织关系转入：加入名册并记录介绍信"),
         {},
         cmd_transfer_in});
    add_command(
        {{"member", "status"},
         "MEMBER --kind 停止党籍|出党|死亡 --date DATE --reason TEXT [--letter REF] [--dues-paid-to YYYY-MM] [--record ID]",
         OB_N("记录停止党籍、出党或死亡：该日起不在名册中，历史记录保留"),
         {},
         cmd_status});
    add_command({{"member", "mobile"},
                 "MEMBER [--location PLACE] [--card NO] [--contact-person NAME] [--since DATE] [--contacted DATE] [--back]",
                 OB_N("登记或更新流动党员（外出所在地、活动证号、联系人、最近联系日期）；--back 表示已返回"),
                 {"back"},
                 cmd_mobile});
    add_command({{"member", "mobile-list"},
                 "[--today DATE] [--format json]",
                 OB_N("列出流动党员及按规则应联系或已逾期未联系的人"),
                 {},
                 cmd_mobile_list});
    add_command({{"member", "history"}, "[MEMBER] [--format json]", OB_N("列出组织关系转接和党籍变动"), {}, cmd_history});
}

} // namespace onebook::cli
