#include "onebook/member_history.hpp"

#include "onebook/error.hpp"
#include "onebook/member_dues.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/roster.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace onebook::core {

const std::vector<std::string>& movement_kinds() {
    static const std::vector<std::string> k = {"转入", "转出", "停止党籍", "出党", "死亡"};
    return k;
}

bool is_departure(const std::string& kind) { return kind != "转入"; }

namespace {
std::optional<std::string> text_or_null(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

/// The movement's row, for `member_id` (a newcomer's id is known only once added); its id.
Id insert_movement(Database& db, Id member_id, const Movement& m) {
    Statement st(db, "INSERT INTO member_movement(member_id, kind, on_date, counterpart, letter_ref, dues_paid_to, reason, "
                     "record_id) VALUES(?,?,?,?,?,?,?,?)");
    st.bind_all(member_id, m.kind, m.on.iso(), text_or_null(m.counterpart), text_or_null(m.letter_ref),
                text_or_null(m.dues_paid_to), text_or_null(m.reason), m.record_id);
    st.run();
    return db.last_insert_id();
}
} // namespace

void MemberHistory::validate(const Movement& m, const Date& today) {
    const auto& kinds = movement_kinds();
    if (std::find(kinds.begin(), kinds.end(), m.kind) == kinds.end())
        throw Error(OB_N("变动类型“{value}”无效，应为 转入、转出、停止党籍、出党 或 死亡"), {{"value", m.kind}},
                    {{}, {}, "kind"});
    if (!m.on.valid()) throw Error(OB_N("日期不能为空"), {}, {{}, {}, "date"});
    if (m.on > today) throw Error(OB_N("{label} {date} 晚于今天"), {{"label", m.kind}, {"date", m.on.iso()}}, {{}, {}, "date"});
    if ((m.kind == "转入" || m.kind == "转出") && m.counterpart.empty())
        throw Error(OB_N("组织关系{kind}须注明对方党组织（--to / --from）"), {{"kind", m.kind}}, {{}, {}, "counterpart"});
    if (!m.dues_paid_to.empty() && !valid_month(m.dues_paid_to))
        throw Error(OB_N("党费交至“{value}”格式不正确，应为 年-月，如 2026-06"), {{"value", m.dues_paid_to}},
                    {{}, {}, "dues_paid_to"});
    if ((m.kind == "停止党籍" || m.kind == "出党" || m.kind == "死亡") && m.reason.empty())
        throw Error(OB_N("{kind}须注明原因（--reason）"), {{"kind", m.kind}}, {{}, {}, "reason"});
    if (m.record_id) {
        Statement st(m_db, "SELECT 1 FROM record WHERE id = ? AND organisation_id = ?");
        st.bind_all(*m.record_id, m_org);
        if (!st.step()) throw Error(OB_N("会议记录 {id} 不存在"), {{"id", std::to_string(*m.record_id)}}, {{}, {}, "record"});
    }
}

Id MemberHistory::depart(Movement m) {
    if (!is_departure(m.kind)) throw Error(OB_N("变动类型“{value}”不是离开支部的变动"), {{"value", m.kind}}, {{}, {}, "kind"});
    validate(m, Date::today());
    Roster roster(m_db, m_org);
    auto member = roster.member(m.member_id);
    if (!member) throw Error(OB_N("党员 {id} 不存在"), {{"id", std::to_string(m.member_id)}});
    Statement gone(m_db,
                   "SELECT kind, on_date FROM member_movement WHERE member_id = ? AND kind <> '转入' ORDER BY on_date LIMIT 1");
    gone.bind(1, m.member_id);
    if (gone.step())
        throw Error(OB_N("{name} 已于 {date} {kind}，不在名册中"),
                    {{"name", member->name}, {"date", gone.get_text(1)}, {"kind", gone.get_text(0)}}, {{}, {}, "member"});
    Statement arrived(m_db, "SELECT coalesce(min(on_date), '') FROM member_movement WHERE member_id = ? AND kind = '转入'");
    arrived.bind(1, m.member_id);
    arrived.step();
    std::string start = arrived.get_text(0);
    if (start.empty() && member->join_date) start = member->join_date->iso();
    if (!start.empty() && m.on.iso() < start)
        throw Error(OB_N("{name} {date} 尚未进入本支部（{start} 起在册）"),
                    {{"name", member->name}, {"date", m.on.iso()}, {"start", start}}, {{}, {}, "date"});
    Transaction tx(m_db);
    Id id = insert_movement(m_db, m.member_id, m);
    tx.commit();
    return id;
}

Id MemberHistory::transfer_in(Member& newcomer, Movement m) {
    m.kind = "转入";
    validate(m, Date::today());
    if (newcomer.join_date && *newcomer.join_date > m.on)
        throw Error(OB_N("入党时间 {join} 晚于转入日期 {date}"), {{"join", newcomer.join_date->iso()}, {"date", m.on.iso()}},
                    {{}, {}, "join_date"});
    Transaction tx(m_db);
    Roster roster(m_db, m_org);
    roster.add_member(newcomer);
    Id id = insert_movement(m_db, newcomer.id, m);
    tx.commit();
    return id;
}

std::vector<Movement> MemberHistory::movements(std::optional<Id> member_id) {
    Statement st(m_db, "SELECT x.id, x.member_id, m.name, x.kind, x.on_date, coalesce(x.counterpart, ''), "
                       "coalesce(x.letter_ref, ''), coalesce(x.dues_paid_to, ''), coalesce(x.reason, ''), x.record_id "
                       "FROM member_movement x JOIN member m ON m.id = x.member_id "
                       "WHERE m.organisation_id = ?1 AND (?2 IS NULL OR x.member_id = ?2) ORDER BY x.on_date DESC, x.id DESC");
    st.bind_all(m_org, member_id);
    std::vector<Movement> out;
    while (st.step()) {
        Movement m;
        m.id = st.get_int(0);
        m.member_id = st.get_int(1);
        m.member_name = st.get_text(2);
        m.kind = st.get_text(3);
        m.on = Date::parse(st.get_text(4)).value_or(Date());
        m.counterpart = st.get_text(5);
        m.letter_ref = st.get_text(6);
        m.dues_paid_to = st.get_text(7);
        m.reason = st.get_text(8);
        m.record_id = st.get_opt_int(9);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<Member> MemberHistory::roster_on(const Date& on) {
    MemberFilter f;
    f.on = on;
    return Roster(m_db, m_org).members(f);
}

} // namespace onebook::core

// ---- 流动党员 -----------------------------------------------------------------------------------

namespace onebook::core {

namespace {
MobileContactRule parse_mobile_rule(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    Poco::JSON::Object::Ptr o;
    try {
        Poco::JSON::Parser parser;
        o = parser.parse(ss.str()).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        throw Error(OB_N("规则文件 {file} 不是有效的 JSON 对象：{reason}"), {{"file", file.string()}, {"reason", e.what()}},
                    {file.string(), {}, {}});
    }
    MobileContactRule r;
    r.id = o->optValue<std::string>("id", "");
    r.source = o->optValue<std::string>("source", "");
    auto params = o->getObject("params");
    if (r.id.empty() || r.source.empty() || !params || !params->has("every_days") || !params->get("every_days").isNumeric() ||
        params->getValue<int>("every_days") < 1)
        throw Error(OB_N("流动党员联系规则文件 {file} 须有 id、source 和不小于 1 的 params.every_days"),
                    {{"file", file.string()}}, {file.string(), {}, "params.every_days"});
    r.every_days = params->getValue<int>("every_days");
    return r;
}
} // namespace

std::vector<std::filesystem::path> member_rule_files(const PluginHost* plugins, const std::string& sector,
                                                     const std::vector<std::filesystem::path>& dirs, const std::string& name,
                                                     std::string* tried) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& d : dirs) {
        auto f = d / "members" / name;
        if (std::filesystem::is_regular_file(f, ec)) {
            out.push_back(f);
            break;
        }
        if (tried) *tried += (tried->empty() ? "" : "、") + f.string();
    }
    if (plugins && !sector.empty())
        if (const auto* p = plugins->find(sector)) {
            auto f = p->manifest().folder / "data" / "members" / name;
            if (std::filesystem::is_regular_file(f, ec)) out.push_back(f);
        }
    return out;
}

MobileContactRule MobileContactRule::load(const PluginHost* plugins, const std::string& sector,
                                          const std::vector<std::filesystem::path>& dirs) {
    std::string tried;
    auto files = member_rule_files(plugins, sector, dirs, "mobile.json", &tried);
    if (files.empty())
        throw Error(OB_N("找不到流动党员联系规则文件（查找了 {dirs}），可用环境变量 ONEBOOK_TEMPLATE_PATH 指定模板文件夹"),
                    {{"dirs", tried}});
    return parse_mobile_rule(files.back());
}

void MemberHistory::set_mobile(const MobileMember& m) {
    if (m.location.empty()) throw Error(OB_N("流动党员须注明外出所在地（--location）"), {}, {{}, {}, "location"});
    auto today = Date::today();
    for (const auto& d : {m.since, m.last_contact})
        if (d && *d > today)
            throw Error(OB_N("{label} {date} 晚于今天"), {{"label", "流动党员"}, {"date", d->iso()}}, {{}, {}, "date"});
    if (!Roster(m_db, m_org).member(m.member_id)) throw Error(OB_N("党员 {id} 不存在"), {{"id", std::to_string(m.member_id)}});
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO member_mobile(member_id, location, card_no, contact_person, since, last_contact) "
                       "VALUES(?,?,?,?,?,?) ON CONFLICT(member_id) DO UPDATE SET location = excluded.location, "
                       "card_no = excluded.card_no, contact_person = excluded.contact_person, since = excluded.since, "
                       "last_contact = coalesce(excluded.last_contact, member_mobile.last_contact)");
    auto iso = [](const std::optional<Date>& d) { return d ? std::optional<std::string>(d->iso()) : std::nullopt; };
    st.bind_all(m.member_id, m.location, text_or_null(m.card_no), text_or_null(m.contact_person), iso(m.since),
                iso(m.last_contact));
    st.run();
    tx.commit();
}

void MemberHistory::clear_mobile(Id member_id) {
    Transaction tx(m_db);
    Statement st(m_db, "DELETE FROM member_mobile WHERE member_id = ?");
    st.bind(1, member_id).run();
    tx.commit();
}

std::vector<MobileMember> MemberHistory::mobile_members() {
    std::vector<MobileMember> out;
    for (const auto& m : Roster(m_db, m_org).members()) {
        Statement st(m_db, "SELECT location, coalesce(card_no, ''), coalesce(contact_person, ''), since, last_contact "
                           "FROM member_mobile WHERE member_id = ?");
        st.bind(1, m.id);
        if (!st.step()) continue;
        MobileMember mm;
        mm.member_id = m.id;
        mm.member_name = m.name;
        mm.location = st.get_text(0);
        mm.card_no = st.get_text(1);
        mm.contact_person = st.get_text(2);
        if (auto t = st.get_opt_text(3)) mm.since = Date::parse(*t);
        if (auto t = st.get_opt_text(4)) mm.last_contact = Date::parse(*t);
        out.push_back(std::move(mm));
    }
    return out;
}

std::vector<MobileContactDue> MemberHistory::mobile_contacts_due(const MobileContactRule& rule, const Date& today) {
    std::vector<MobileContactDue> out;
    for (const auto& m : mobile_members()) {
        auto from = m.last_contact ? m.last_contact : m.since;
        MobileContactDue d;
        d.member_id = m.member_id;
        d.name = m.member_name;
        if (!from) {
            d.late = true;
            d.message = {OB_N("流动党员 {name}（{location}）没有联系记录"), {{"name", m.member_name}, {"location", m.location}}};
            out.push_back(std::move(d));
            continue;
        }
        Date due = from->add_days(rule.every_days);
        if (today.days() + 14 < due.days()) continue;
        d.due = due;
        d.late = today > due;
        d.message = d.late
                        ? Message{OB_N("流动党员 {name}（{location}）上次联系 {last}，应在 {due} 前再次联系，已逾期"),
                                  {{"name", m.member_name}, {"location", m.location}, {"last", from->iso()}, {"due", due.iso()}}}
                        : Message{OB_N("流动党员 {name}（{location}）应在 {due} 前联系"),
                                  {{"name", m.member_name}, {"location", m.location}, {"due", due.iso()}}};
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace onebook::core
