#include "onebook/plan.hpp"

#include "onebook/error.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace onebook::core {

int PlanVsDone::planned_total() const { return std::accumulate(planned.begin(), planned.end(), 0); }
int PlanVsDone::done_total() const { return std::accumulate(done.begin(), done.end(), 0); }

int PlanVsDone::behind(int month) const {
    int p = 0, d = 0;
    for (int i = 0; i < std::clamp(month, 0, 12); ++i) {
        p += planned[i];
        d += done[i];
    }
    return std::max(0, p - d);
}

void MeetingPlan::set(int year, const MeetingTemplate& type, int month, int count) {
    if (year < 1921 || year > 9999)
        throw Error(OB_N("计划年度“{value}”无效"), {{"value", std::to_string(year)}}, {{}, {}, "year"});
    if (month < 1 || month > 12)
        throw Error(OB_N("计划月份“{value}”无效，应为 1 到 12"), {{"value", std::to_string(month)}}, {{}, {}, "month"});
    if (count < 0) throw Error(OB_N("计划次数不能为负数（{value}）"), {{"value", std::to_string(count)}}, {{}, {}, "count"});
    Transaction tx(m_db);
    if (count == 0) {
        Statement st(m_db, "DELETE FROM meeting_plan WHERE organisation_id=? AND year=? AND type=? AND month=?");
        st.bind_all(m_org, year, type.id, month).run();
    } else {
        Statement st(m_db, "INSERT INTO meeting_plan(organisation_id, year, type, type_name, month, count) "
                           "VALUES(?,?,?,?,?,?) "
                           "ON CONFLICT(organisation_id, year, type, month) DO UPDATE SET count=excluded.count, "
                           "type_name=excluded.type_name");
        st.bind_all(m_org, year, type.id, type.name, month, count).run();
    }
    tx.commit();
}

int MeetingPlan::planned(int year, const std::string& type, int month) {
    Statement st(m_db, "SELECT count FROM meeting_plan WHERE organisation_id=? AND year=? AND type=? AND month=?");
    st.bind_all(m_org, year, type, month);
    return st.step() ? static_cast<int>(st.get_int(0)) : 0;
}

std::vector<PlanEntry> MeetingPlan::entries(int year) {
    std::vector<PlanEntry> out;
    Statement st(m_db, "SELECT type, type_name, month, count FROM meeting_plan WHERE organisation_id=? AND year=? "
                       "ORDER BY type, month");
    st.bind_all(m_org, year);
    while (st.step())
        out.push_back({st.get_text(0), st.get_text(1), static_cast<int>(st.get_int(2)), static_cast<int>(st.get_int(3))});
    return out;
}

std::vector<PlanVsDone> MeetingPlan::compare(int year, const std::vector<MeetingTemplate>& templates) {
    std::map<std::string, PlanVsDone> rows;
    for (const auto& e : entries(year)) {
        auto& r = rows[e.type];
        r.type = e.type;
        r.type_name = e.type_name;
        r.planned[e.month - 1] += e.count;
    }
    Statement st(m_db, "SELECT type, max(type_name), CAST(substr(date, 6, 2) AS INTEGER), count(*) FROM record "
                       "WHERE organisation_id=? AND date BETWEEN ? AND ? GROUP BY type, substr(date, 6, 2)");
    st.bind_all(m_org, std::to_string(year) + "-01-01", std::to_string(year) + "-12-31");
    while (st.step()) {
        auto& r = rows[st.get_text(0)];
        r.type = st.get_text(0);
        if (r.type_name.empty()) r.type_name = st.get_text(1);
        int m = static_cast<int>(st.get_int(2));
        if (m >= 1 && m <= 12) r.done[m - 1] += static_cast<int>(st.get_int(3));
    }
    std::vector<PlanVsDone> out;
    for (const auto& t : templates) {
        auto it = rows.find(t.id);
        if (it == rows.end()) continue;
        it->second.type_name = t.name;
        out.push_back(std::move(it->second));
        rows.erase(it);
    }
    std::vector<PlanVsDone> rest;
    for (auto& [_, r] : rows) rest.push_back(std::move(r));
    std::sort(rest.begin(), rest.end(), [](const PlanVsDone& a, const PlanVsDone& b) { return a.type_name < b.type_name; });
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

} // namespace onebook::core
