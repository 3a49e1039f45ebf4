#include "onebook/party_statistics.hpp"

#include "onebook/error.hpp"
#include "onebook/roster.hpp"

#include <algorithm>
#include <map>

namespace onebook::core {

namespace {

const std::vector<std::string>& ages() {
    static const std::vector<std::string> v = {OB_N("30岁及以下"), OB_N("31至35岁"),   OB_N("36至40岁"),
                                               OB_N("41至45岁"),   OB_N("46至50岁"),   OB_N("51至55岁"),
                                               OB_N("56至60岁"),   OB_N("61岁及以上"), OB_N("未填写")};
    return v;
}
const std::vector<std::string>& educations() {
    static const std::vector<std::string> v = {OB_N("研究生"), OB_N("大学本科"),   OB_N("大学专科"), OB_N("中专"),
                                               OB_N("高中"),   OB_N("初中及以下"), OB_N("未填写")};
    return v;
}
const std::vector<std::string>& joins() {
    static const std::vector<std::string> v = {OB_N("1949年10月以前"),        OB_N("1949年10月至1966年4月"),
                                               OB_N("1966年5月至1976年10月"), OB_N("1976年11月至1978年12月"),
                                               OB_N("1979年1月至2002年10月"), OB_N("2002年11月至2012年10月"),
                                               OB_N("2012年11月以后"),        OB_N("未填写")};
    return v;
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

int count_sql(Database& db, const std::string& sql, Id org, const std::string& from, const std::string& to,
              const std::string& what) {
    auto st = db.prepare(sql);
    st.bind_all(org, from, to, what);
    st.step();
    return static_cast<int>(st.get_int(0));
}

} // namespace

std::string age_band(int age) {
    static const int upper[] = {30, 35, 40, 45, 50, 55, 60};
    for (std::size_t i = 0; i < std::size(upper); ++i)
        if (age <= upper[i]) return ages()[i];
    return ages()[7];
}

std::string education_band(const std::string& e) {
    if (contains(e, "研究生") || contains(e, "硕士") || contains(e, "博士")) return educations()[0];
    if (contains(e, "本科") || (contains(e, "大学") && !contains(e, "专科"))) return educations()[1];
    if (contains(e, "专科") || contains(e, "大专")) return educations()[2];
    if (contains(e, "中专") || contains(e, "中技") || contains(e, "技校")) return educations()[3];
    if (contains(e, "高中") || contains(e, "职高")) return educations()[4];
    if (contains(e, "初中") || contains(e, "小学") || contains(e, "文盲")) return educations()[5];
    return educations()[6];
}

std::string join_band(const Date& d) {
    static const Date starts[] = {Date(1949, 10, 1), Date(1966, 5, 1),  Date(1976, 11, 1),
                                  Date(1979, 1, 1),  Date(2002, 11, 1), Date(2012, 11, 1)};
    std::size_t i = 0;
    while (i < std::size(starts) && d >= starts[i]) ++i;
    return joins()[i];
}

PartyStatistics party_statistics(Database& db, Id org, int year, const Date& upto) {
    if (year < 1921 || year > 2100) throw Error(OB_N("年度 {year} 不合理"), {{"year", std::to_string(year)}}, {{}, {}, "year"});
    PartyStatistics s;
    s.year = year;
    s.as_of = std::min(Date(year, 12, 31), upto);
    if (s.as_of < Date(year, 1, 1)) s.as_of = Date(year, 1, 1);
    Roster roster(db, org);
    MemberFilter f;
    f.on = s.as_of;
    auto members = roster.members(f);
    f.on = Date(year - 1, 12, 31);
    s.start_total = static_cast<int>(roster.members(f).size());
    s.total = static_cast<int>(members.size());

    std::map<std::string, std::map<std::string, int>> counts;
    auto add = [&](const char* dim, const std::string& cat) { ++counts[dim][cat]; };
    for (const auto& m : members) {
        add(OB_N("性别"), m.gender == "男" || m.gender == "女" ? m.gender : std::string(OB_N("未填写")));
        add(OB_N("民族"), m.ethnicity.empty()                            ? std::string(OB_N("未填写"))
                          : m.ethnicity == "汉族" || m.ethnicity == "汉" ? std::string(OB_N("汉族"))
                                                                         : std::string(OB_N("少数民族")));
        add(OB_N("年龄"), m.birth_date ? age_band(m.birth_date->years_until(s.as_of)) : ages().back());
        add(OB_N("学历"), education_band(m.education));
        // A member admitted as 预备党员 and made full after the day counted was still 预备 then.
        bool full = m.is_full() && (!m.full_date || *m.full_date <= s.as_of);
        add(OB_N("党员类别"), full ? OB_N("正式党员") : OB_N("预备党员"));
        add(OB_N("人员类别"), m.category.empty() ? std::string(OB_N("直管")) : m.category);
        add(OB_N("入党时间"), m.join_date ? join_band(*m.join_date) : joins().back());
    }
    auto put = [&](const char* dim, const std::vector<std::string>& cats) {
        for (const auto& c : cats) s.composition.push_back({dim, c, counts[dim][c]});
    };
    put(OB_N("性别"), {OB_N("男"), OB_N("女"), OB_N("未填写")});
    put(OB_N("民族"), {OB_N("汉族"), OB_N("少数民族"), OB_N("未填写")});
    put(OB_N("年龄"), ages());
    put(OB_N("学历"), educations());
    put(OB_N("党员类别"), {OB_N("正式党员"), OB_N("预备党员")});
    put(OB_N("人员类别"), {OB_N("直管"), OB_N("协管"), OB_N("代管")});
    put(OB_N("入党时间"), joins());

    const std::string from = Date(year, 1, 1).iso(), to = s.as_of.iso();
    // Recruited: joined the party during the year here (admitted through the pipeline, which sets
    // the join date, or entered on the roster), not arrived by transfer. Made full: the full date.
    auto joined = db.prepare("SELECT COUNT(*) FROM member m WHERE m.organisation_id = ? AND m.join_date BETWEEN ? AND ? "
                             "AND NOT EXISTS (SELECT 1 FROM member_movement v WHERE v.member_id = m.id AND v.kind = '转入')");
    joined.bind_all(org, from, to);
    joined.step();
    s.recruited = static_cast<int>(joined.get_int(0));
    auto full = db.prepare("SELECT COUNT(*) FROM member m WHERE m.organisation_id = ? AND m.full_date BETWEEN ? AND ? "
                           "AND m.join_date IS NOT NULL AND m.full_date > m.join_date");
    full.bind_all(org, from, to);
    full.step();
    s.made_full = static_cast<int>(full.get_int(0));
    const std::string move_sql = "SELECT COUNT(*) FROM member_movement v JOIN member m ON m.id = v.member_id "
                                 "WHERE m.organisation_id = ? AND v.on_date BETWEEN ? AND ? AND v.kind = ?";
    s.transferred_in = count_sql(db, move_sql, org, from, to, "转入");
    s.transferred_out = count_sql(db, move_sql, org, from, to, "转出");
    s.stopped = count_sql(db, move_sql, org, from, to, "停止党籍");
    s.expelled = count_sql(db, move_sql, org, from, to, "出党");
    s.died = count_sql(db, move_sql, org, from, to, "死亡");
    auto mob = db.prepare("SELECT member_id, since FROM member_mobile");
    std::map<Id, std::optional<std::string>> mobile;
    while (mob.step()) mobile[mob.get_int(0)] = mob.get_opt_text(1);
    for (const auto& m : members)
        if (auto it = mobile.find(m.id); it != mobile.end() && (!it->second || *it->second <= to)) ++s.mobile;
    return s;
}

void add_party_statistics(PartyStatistics& into, const PartyStatistics& s) {
    if (into.composition.empty()) {
        int total = into.total;
        into.composition = s.composition;
        for (auto& c : into.composition) c.count = 0;
        into.total = total;
    }
    into.year = s.year;
    into.as_of = s.as_of;
    for (const auto& c : s.composition) {
        auto it = std::find_if(into.composition.begin(), into.composition.end(),
                               [&](const StatCount& x) { return x.dimension == c.dimension && x.category == c.category; });
        if (it == into.composition.end()) into.composition.push_back(c);
        else it->count += c.count;
    }
    into.total += s.total;
    into.start_total += s.start_total;
    into.recruited += s.recruited;
    into.made_full += s.made_full;
    into.transferred_in += s.transferred_in;
    into.transferred_out += s.transferred_out;
    into.stopped += s.stopped;
    into.expelled += s.expelled;
    into.died += s.died;
    into.mobile += s.mobile;
}

} // namespace onebook::core
