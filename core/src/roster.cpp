#include "onebook/roster.hpp"

#include "onebook/error.hpp"
#include "onebook/text_limits.hpp"

#include <algorithm>

namespace onebook::core {

namespace {
std::optional<std::string> iso(const std::optional<Date>& d) { return d ? std::optional<std::string>(d->iso()) : std::nullopt; }
std::optional<std::string> text_or_null(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }
std::optional<Date> date_col(Statement& st, int c) {
    auto t = st.get_opt_text(c);
    return t ? Date::parse(*t) : std::nullopt;
}

const char* kMemberCols = "m.id, m.organisation_id, m.name, m.gender, m.ethnicity, m.birth_date, m.education, "
                          "m.workplace_post, m.join_date, m.full_date, m.status, m.group_id, m.category, "
                          "m.employer, m.notes";

// On the roster on date ?9: arrived (first 转入, else 入党时间) on or before it, and not left
// (转出, 停止党籍, 出党, 死亡) on or before it. A member leaves on the day of the movement.
const char* kOnRoster =
    "coalesce((SELECT min(x.on_date) FROM member_movement x WHERE x.member_id = m.id AND x.kind = '转入'), m.join_date, '') "
    "<= ?9 AND NOT EXISTS (SELECT 1 FROM member_movement x WHERE x.member_id = m.id AND x.kind <> '转入' AND x.on_date <= ?9)";

Member read_member(Statement& st, bool with_private) {
    Member m;
    m.id = st.get_int(0);
    m.organisation_id = st.get_int(1);
    m.name = st.get_text(2);
    m.gender = st.get_text(3);
    m.ethnicity = st.get_text(4);
    m.birth_date = date_col(st, 5);
    m.education = st.get_text(6);
    m.workplace_post = st.get_text(7);
    m.join_date = date_col(st, 8);
    m.full_date = date_col(st, 9);
    m.status = st.get_text(10);
    m.group_id = st.get_opt_int(11);
    m.category = st.get_text(12);
    m.employer = st.get_text(13);
    m.notes = st.get_text(14);
    if (with_private) {
        m.priv.id_number = st.get_text(15);
        m.priv.phone = st.get_text(16);
        m.priv.address = st.get_text(17);
    }
    return m;
}

void check_not_future(const std::optional<Date>& d, const Date& today, const char* field, const char* label) {
    if (d && *d > today) throw Error("{label} {date} 晚于今天", {{"label", label}, {"date", d->iso()}}, {{}, {}, field});
}
} // namespace

std::optional<int> Member::party_age(const Date& on) const {
    const auto& from = full_date ? full_date : join_date;
    if (!from) return std::nullopt;
    return std::max(0, from->years_until(on));
}

bool Roster::valid_id_number(const std::string& s) {
    if (s.size() != 18) return false;
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checks[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        sum += (s[i] - '0') * weights[i];
    }
    char last = s[17] == 'x' ? 'X' : s[17];
    if (last != checks[sum % 11]) return false;
    int y = std::stoi(s.substr(6, 4)), mo = std::stoi(s.substr(10, 2)), d = std::stoi(s.substr(12, 2));
    return y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= Date::days_in_month(y, mo);
}

void Roster::validate(const Member& m, const Date& today) {
    if (m.name.empty()) throw Error("姓名不能为空", {}, {{}, {}, "name"});
    // Bounded at input, for the CLI, the shell and roster files alike.
    check_length(m.name, limits::name, "姓名", "name");
    check_length(m.workplace_post, limits::text, "工作单位及职务", "workplace_post");
    check_length(m.notes, limits::long_text, "备注", "notes");
    check_length(m.priv.address, limits::text, "家庭住址", "address");
    if (!m.gender.empty() && m.gender != "男" && m.gender != "女")
        throw Error("性别“{value}”无效，应为 男 或 女", {{"value", m.gender}}, {{}, {}, "gender"});
    if (m.status != "正式党员" && m.status != "预备党员")
        throw Error("党员类别“{value}”无效，应为 正式党员 或 预备党员", {{"value", m.status}}, {{}, {}, "status"});
    if (m.category != "直管" && m.category != "协管" && m.category != "代管")
        throw Error("人员类别“{value}”无效，应为 直管、协管 或 代管", {{"value", m.category}}, {{}, {}, "category"});
    check_not_future(m.birth_date, today, "birth_date", "出生日期");
    check_not_future(m.join_date, today, "join_date", "入党时间");
    check_not_future(m.full_date, today, "full_date", "转正时间");
    if (m.birth_date && m.join_date && m.birth_date->years_until(*m.join_date) < 18)
        throw Error("入党时间 {join} 时未满十八岁（出生日期 {birth}）",
                    {{"join", m.join_date->iso()}, {"birth", m.birth_date->iso()}}, {{}, {}, "join_date"});
    if (m.join_date && m.full_date && *m.full_date < *m.join_date)
        throw Error("转正时间 {full} 早于入党时间 {join}", {{"full", m.full_date->iso()}, {"join", m.join_date->iso()}},
                    {{}, {}, "full_date"});
    if (m.status == "预备党员" && m.full_date)
        throw Error("预备党员不应有转正时间 {full}", {{"full", m.full_date->iso()}}, {{}, {}, "full_date"});
    if (!m.priv.id_number.empty() && !valid_id_number(m.priv.id_number))
        throw Error("身份证号“{value}”格式或校验位不正确", {{"value", m.priv.id_number}}, {{}, {}, "id_number"});
    if (!m.priv.phone.empty()) {
        bool ok = m.priv.phone.size() >= 7 && m.priv.phone.size() <= 20 &&
                  std::all_of(m.priv.phone.begin(), m.priv.phone.end(),
                              [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' '; });
        if (!ok) throw Error("联系电话“{value}”格式不正确", {{"value", m.priv.phone}}, {{}, {}, "phone"});
    }
}

void Roster::write_private(Id member_id, const MemberPrivate& p) {
    Statement st(m_db, "INSERT INTO member_private(member_id, id_number, phone, address) VALUES(?,?,?,?) "
                       "ON CONFLICT(member_id) DO UPDATE SET id_number=excluded.id_number, phone=excluded.phone, "
                       "address=excluded.address");
    st.bind_all(member_id, text_or_null(p.id_number), text_or_null(p.phone), text_or_null(p.address));
    st.run();
}

Id Roster::add_member(Member& m) {
    validate(m, Date::today());
    m.organisation_id = m_org;
    if (!m.priv.id_number.empty() && member_by_id_number(m.priv.id_number))
        throw Error("身份证号 {value} 已在名册中", {{"value", m.priv.id_number}}, {{}, {}, "id_number"});
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO member(organisation_id, name, gender, ethnicity, birth_date, education, "
                       "workplace_post, join_date, full_date, status, group_id, category, employer, notes) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind_all(m_org, m.name, text_or_null(m.gender), m.ethnicity, iso(m.birth_date), m.education, m.workplace_post,
                iso(m.join_date), iso(m.full_date), m.status, m.group_id, m.category, m.employer, m.notes);
    st.run();
    m.id = m_db.last_insert_id();
    if (!m.priv.empty()) write_private(m.id, m.priv);
    tx.commit();
    return m.id;
}

void Roster::update_member(const Member& m) {
    validate(m, Date::today());
    if (!m.priv.id_number.empty()) {
        auto other = member_by_id_number(m.priv.id_number);
        if (other && other->id != m.id)
            throw Error("身份证号 {value} 已在名册中", {{"value", m.priv.id_number}}, {{}, {}, "id_number"});
    }
    Transaction tx(m_db);
    Statement st(m_db, "UPDATE member SET name=?, gender=?, ethnicity=?, birth_date=?, education=?, workplace_post=?, "
                       "join_date=?, full_date=?, status=?, group_id=?, category=?, employer=?, notes=? "
                       "WHERE id=? AND organisation_id=?");
    st.bind_all(m.name, text_or_null(m.gender), m.ethnicity, iso(m.birth_date), m.education, m.workplace_post, iso(m.join_date),
                iso(m.full_date), m.status, m.group_id, m.category, m.employer, m.notes, m.id, m_org);
    st.run();
    if (m_db.changes() != 1) throw Error("党员 {id} 不存在", {{"id", std::to_string(m.id)}});
    write_private(m.id, m.priv);
    tx.commit();
}

void Roster::remove_member(Id id) {
    Transaction tx(m_db);
    Statement st(m_db, "DELETE FROM member WHERE id=? AND organisation_id=?");
    st.bind_all(id, m_org).run();
    if (m_db.changes() != 1) throw Error("党员 {id} 不存在", {{"id", std::to_string(id)}});
    tx.commit();
}

std::optional<Member> Roster::member(Id id, bool with_private) {
    Statement st(m_db, std::string("SELECT ") + kMemberCols +
                           ", p.id_number, p.phone, p.address FROM member m LEFT JOIN member_private p "
                           "ON p.member_id = m.id WHERE m.id = ? AND m.organisation_id = ?");
    st.bind_all(id, m_org);
    if (!st.step()) return std::nullopt;
    return read_member(st, with_private);
}

std::optional<Member> Roster::member_by_name(const std::string& name) {
    Statement st(m_db, std::string("SELECT ") + kMemberCols +
                           " FROM member m WHERE m.name = ? AND m.organisation_id = ? ORDER BY m.id");
    st.bind_all(name, m_org);
    if (!st.step()) return std::nullopt;
    return read_member(st, false);
}

std::optional<Member> Roster::member_by_id_number(const std::string& id_number) {
    Statement st(m_db, std::string("SELECT ") + kMemberCols +
                           ", p.id_number, p.phone, p.address FROM member m JOIN member_private p "
                           "ON p.member_id = m.id WHERE p.id_number = ?");
    st.bind(1, id_number);
    if (!st.step()) return std::nullopt;
    return read_member(st, true);
}

std::vector<Member> Roster::members(const MemberFilter& f, bool with_private) {
    std::string sql = std::string("SELECT ") + kMemberCols +
                      ", p.id_number, p.phone, p.address FROM member m LEFT JOIN member_private p ON p.member_id = "
                      "m.id LEFT JOIN party_group g ON g.id = m.group_id WHERE m.organisation_id = ?1 "
                      "AND (?2 = '' OR m.name LIKE '%' || ?2 || '%' OR m.workplace_post LIKE '%' || ?2 || '%' "
                      "OR g.name LIKE '%' || ?2 || '%') AND (?3 = '' OR m.status = ?3) AND (?4 = '' OR m.category = ?4) "
                      "AND (?5 IS NULL OR m.group_id = ?5) AND " +
                      std::string(kOnRoster) + (f.pinyin_order ? " ORDER BY m.name COLLATE PINYIN, m.id" : " ORDER BY m.id");
    Statement st(m_db, sql);
    st.bind_all(m_org, f.text, f.status, f.category, f.group_id);
    const std::string on = f.on.value_or(Date::today()).iso(); // bound by reference: must outlive the statement's use
    st.bind(9, on);
    std::vector<Member> out;
    while (st.step()) out.push_back(read_member(st, with_private));
    return out;
}

int Roster::count_members(const std::string& status) {
    Statement st(m_db, "SELECT count(*) FROM member m WHERE m.organisation_id = ?1 AND (?2 = '' OR m.status = ?2) AND " +
                           std::string(kOnRoster));
    st.bind_all(m_org, status);
    const std::string on = Date::today().iso();
    st.bind(9, on);
    st.step();
    return static_cast<int>(st.get_int(0));
}

Id Roster::add_group(PartyGroup& g) {
    if (g.name.empty()) throw Error("党小组名称不能为空", {}, {{}, {}, "name"});
    if (group_by_name(g.name)) throw Error("党小组“{name}”已存在", {{"name", g.name}}, {{}, {}, "name"});
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO party_group(organisation_id, name, leader_id) VALUES(?,?,?)");
    st.bind_all(m_org, g.name, g.leader_id).run();
    g.id = m_db.last_insert_id();
    g.organisation_id = m_org;
    tx.commit();
    return g.id;
}

void Roster::update_group(const PartyGroup& g) {
    if (g.name.empty()) throw Error("党小组名称不能为空", {}, {{}, {}, "name"});
    Transaction tx(m_db);
    Statement st(m_db, "UPDATE party_group SET name=?, leader_id=? WHERE id=? AND organisation_id=?");
    st.bind_all(g.name, g.leader_id, g.id, m_org).run();
    tx.commit();
}

void Roster::remove_group(Id id) {
    Transaction tx(m_db);
    Statement st(m_db, "DELETE FROM party_group WHERE id=? AND organisation_id=?");
    st.bind_all(id, m_org).run();
    tx.commit();
}

std::vector<PartyGroup> Roster::groups() {
    std::vector<PartyGroup> out;
    Statement st(m_db, "SELECT id, organisation_id, name, leader_id FROM party_group WHERE organisation_id=? ORDER BY id");
    st.bind(1, m_org);
    while (st.step()) out.push_back({st.get_int(0), st.get_int(1), st.get_text(2), st.get_opt_int(3)});
    return out;
}

std::optional<PartyGroup> Roster::group_by_name(const std::string& name) {
    Statement st(m_db, "SELECT id, organisation_id, name, leader_id FROM party_group WHERE organisation_id=? AND name=?");
    st.bind_all(m_org, name);
    if (!st.step()) return std::nullopt;
    return PartyGroup{st.get_int(0), st.get_int(1), st.get_text(2), st.get_opt_int(3)};
}

Id Roster::ensure_group(const std::string& name) {
    if (auto g = group_by_name(name)) return g->id;
    PartyGroup g;
    g.name = name;
    return add_group(g);
}

Id Roster::add_term(CommitteeTerm& t) {
    if (!t.elected_on.valid()) throw Error("换届选举日期不能为空", {}, {{}, {}, "elected_on"});
    if (t.elected_on > Date::today())
        throw Error("换届选举日期 {date} 晚于今天", {{"date", t.elected_on.iso()}}, {{}, {}, "elected_on"});
    if (t.term_years < 1 || t.term_years > 10)
        throw Error("任期 {years} 年无效", {{"years", std::to_string(t.term_years)}}, {{}, {}, "term_years"});
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO committee_term(organisation_id, elected_on, term_years, approval_ref, notes) "
                       "VALUES(?,?,?,?,?)");
    st.bind_all(m_org, t.elected_on.iso(), t.term_years, t.approval_ref, t.notes).run();
    t.id = m_db.last_insert_id();
    t.organisation_id = m_org;
    for (auto& seat : t.seats) {
        if (seat.name.empty() || seat.role.empty()) throw Error("支委会成员的姓名和职务不能为空", {}, {{}, {}, "seats"});
        if (!seat.member_id)
            if (auto m = member_by_name(seat.name)) seat.member_id = m->id;
        Statement s(m_db, "INSERT INTO committee_member(term_id, member_id, name, role) VALUES(?,?,?,?)");
        s.bind_all(t.id, seat.member_id, seat.name, seat.role).run();
        seat.id = m_db.last_insert_id();
    }
    tx.commit();
    return t.id;
}

std::vector<CommitteeTerm> Roster::terms() {
    std::vector<CommitteeTerm> out;
    Statement st(m_db, "SELECT id, elected_on, term_years, approval_ref, notes FROM committee_term "
                       "WHERE organisation_id=? ORDER BY elected_on");
    st.bind(1, m_org);
    while (st.step()) {
        CommitteeTerm t;
        t.id = st.get_int(0);
        t.organisation_id = m_org;
        if (auto d = Date::parse(st.get_text(1))) t.elected_on = *d;
        t.term_years = static_cast<int>(st.get_int(2));
        t.approval_ref = st.get_text(3);
        t.notes = st.get_text(4);
        Statement s(m_db, "SELECT id, member_id, name, role FROM committee_member WHERE term_id=? ORDER BY id");
        s.bind(1, t.id);
        while (s.step()) t.seats.push_back({s.get_int(0), s.get_opt_int(1), s.get_text(2), s.get_text(3)});
        out.push_back(std::move(t));
    }
    return out;
}

std::optional<CommitteeTerm> Roster::current_term(const Date& on) {
    std::optional<CommitteeTerm> best;
    for (auto& t : terms())
        if (t.elected_on <= on) best = t;
    return best;
}

} // namespace onebook::core
