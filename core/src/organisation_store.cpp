#include "onebook/organisation_store.hpp"

#include "onebook/error.hpp"
#include "onebook/uid.hpp"

#include <algorithm>

namespace onebook::core {

namespace {
const char* kColumns = "id, uid, name, sector, form, superior_name, parent_id, founded_on, approval_ref, is_home";

Organisation read_org(Statement& st) {
    Organisation o;
    o.id = st.get_int(0);
    o.uid = st.get_text(1);
    o.name = st.get_text(2);
    o.sector = st.get_text(3);
    o.form = st.get_text(4);
    o.superior_name = st.get_text(5);
    o.parent_id = st.get_opt_int(6);
    if (auto d = st.get_opt_text(7)) o.founded_on = Date::parse(*d);
    o.approval_ref = st.get_text(8);
    o.is_home = st.get_int(9) != 0;
    return o;
}

std::optional<std::string> iso_or_null(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(d->iso()) : std::nullopt;
}
} // namespace

void OrganisationStore::validate(const Organisation& org) {
    if (org.name.empty()) throw Error("组织名称不能为空", {}, {{}, {}, "name"});
    if (org.sector.empty()) throw Error("组织类型（行业）不能为空", {}, {{}, {}, "sector"});
    const auto& forms = organisation_forms();
    if (std::find(forms.begin(), forms.end(), org.form) == forms.end())
        throw Error("组织形式“{form}”无效，应为 党支部、联合党支部、临时党支部、党总支 或 党委", {{"form", org.form}},
                    {{}, {}, "form"});
    if (org.founded_on && *org.founded_on > Date::today())
        throw Error("成立日期 {date} 晚于今天", {{"date", org.founded_on->iso()}}, {{}, {}, "founded_on"});
}

Id OrganisationStore::add(Organisation& org) {
    validate(org);
    if (org.uid.empty()) org.uid = new_uid();
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO organisation(uid, name, sector, form, superior_name, parent_id, founded_on, "
                       "approval_ref, is_home) VALUES(?,?,?,?,?,?,?,?,?)");
    st.bind_all(org.uid, org.name, org.sector, org.form, org.superior_name, org.parent_id, iso_or_null(org.founded_on),
                org.approval_ref, org.is_home ? 1 : 0);
    st.run();
    org.id = m_db.last_insert_id();
    tx.commit();
    return org.id;
}

void OrganisationStore::update(const Organisation& org) {
    validate(org);
    Transaction tx(m_db);
    Statement st(m_db, "UPDATE organisation SET name=?, sector=?, form=?, superior_name=?, parent_id=?, founded_on=?, "
                       "approval_ref=? WHERE id=?");
    st.bind_all(org.name, org.sector, org.form, org.superior_name, org.parent_id, iso_or_null(org.founded_on), org.approval_ref,
                org.id);
    st.run();
    if (m_db.changes() != 1) throw Error("组织 {id} 不存在", {{"id", std::to_string(org.id)}});
    tx.commit();
}

std::optional<Organisation> OrganisationStore::get(Id id) {
    Statement st(m_db, std::string("SELECT ") + kColumns + " FROM organisation WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_org(st);
}

std::optional<Organisation> OrganisationStore::by_uid(const std::string& uid) {
    Statement st(m_db, std::string("SELECT ") + kColumns + " FROM organisation WHERE uid = ?");
    st.bind(1, uid);
    if (!st.step()) return std::nullopt;
    return read_org(st);
}

std::optional<Organisation> OrganisationStore::home() {
    Statement st(m_db, std::string("SELECT ") + kColumns + " FROM organisation WHERE is_home = 1");
    if (!st.step()) return std::nullopt;
    return read_org(st);
}

std::vector<Organisation> OrganisationStore::all() {
    std::vector<Organisation> out;
    Statement st(m_db, std::string("SELECT ") + kColumns + " FROM organisation ORDER BY is_home DESC, name");
    while (st.step()) out.push_back(read_org(st));
    return out;
}

} // namespace onebook::core
