#include "onebook/dues.hpp"

#include "onebook/error.hpp"
#include "onebook/records.hpp"

#include <cctype>
#include <cstdio>

namespace onebook::core {

namespace {

bool well_formed(const std::string& period) {
    if (period.size() != 7 || period[4] != '-' || period[5] != 'H' || (period[6] != '1' && period[6] != '2')) return false;
    for (int i = 0; i < 4; ++i)
        if (!std::isdigit(static_cast<unsigned char>(period[i]))) return false;
    return true;
}

} // namespace

int DuesPeriod::year() const { return well_formed(period) ? std::stoi(period.substr(0, 4)) : 0; }
int DuesPeriod::half() const { return well_formed(period) ? period[6] - '0' : 0; }
Date DuesPeriod::start() const { return half() == 2 ? Date(year(), 7, 1) : Date(year(), 1, 1); }
Date DuesPeriod::end() const { return half() == 2 ? Date(year(), 12, 31) : Date(year(), 6, 30); }
std::string DuesPeriod::label_zh() const {
    if (!well_formed(period)) return period;
    return std::to_string(year()) + (half() == 1 ? "年上半年" : "年下半年");
}

std::optional<std::int64_t> parse_yuan(const std::string& text) {
    std::string t = text;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    for (const char* suffix : {"元", "¥"})
        if (t.size() >= std::string(suffix).size() &&
            t.compare(t.size() - std::string(suffix).size(), std::string::npos, suffix) == 0)
            t.erase(t.size() - std::string(suffix).size());
    if (t.empty()) return std::nullopt;
    std::int64_t whole = 0, frac = 0;
    int frac_digits = -1;
    for (char c : t) {
        if (c == '.') {
            if (frac_digits >= 0) return std::nullopt;
            frac_digits = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            if (frac_digits >= 0) {
                if (++frac_digits > 2) return std::nullopt;
                frac = frac * 10 + (c - '0');
            } else {
                whole = whole * 10 + (c - '0');
                if (whole > 100000000000LL) return std::nullopt;
            }
        } else if (c != ',') {
            return std::nullopt;
        }
    }
    if (frac_digits == 1) frac *= 10;
    return whole * 100 + frac;
}

std::string format_yuan(std::int64_t fen) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen / 100), static_cast<long long>(fen % 100));
    return buf;
}

void DuesLedger::validate(const DuesPeriod& p) {
    if (!well_formed(p.period))
        throw Error("党费收缴时段“{period}”格式不对，应写作 2025-H1（上半年）或 2025-H2（下半年）", {{"period", p.period}},
                    {{}, {}, "period"});
    if (p.year() < 1990 || p.year() > 2100)
        throw Error("党费收缴时段“{period}”的年度不合理", {{"period", p.period}}, {{}, {}, "period"});
    if (p.members_due < 0 || p.members_paid < 0) throw Error("党费收缴人数不能为负数", {}, {{}, {}, "members"});
    if (p.members_paid > p.members_due)
        throw Error("实交人数 {paid} 多于应交人数 {due}",
                    {{"paid", std::to_string(p.members_paid)}, {"due", std::to_string(p.members_due)}}, {{}, {}, "paid"});
    if (p.amount_fen < 0 || (p.remitted_fen && *p.remitted_fen < 0)) throw Error("党费金额不能为负数", {}, {{}, {}, "amount"});
    if (p.remitted_fen && *p.remitted_fen > p.amount_fen)
        throw Error("上缴金额 {remitted} 元多于收缴金额 {amount} 元",
                    {{"remitted", format_yuan(*p.remitted_fen)}, {"amount", format_yuan(p.amount_fen)}}, {{}, {}, "remitted"});
}

void DuesLedger::set(DuesPeriod& p) {
    validate(p);
    Transaction tx(m_db);
    auto st = m_db.prepare(
        "INSERT INTO dues_period(organisation_id, period, members_due, members_paid, amount_fen, remitted_fen, notes) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT(organisation_id, period) DO UPDATE SET members_due=excluded.members_due, "
        "members_paid=excluded.members_paid, amount_fen=excluded.amount_fen, remitted_fen=excluded.remitted_fen, "
        "notes=excluded.notes");
    st.bind_all(m_org, p.period, p.members_due, p.members_paid, p.amount_fen);
    st.bind(6, p.remitted_fen);
    st.bind(7, p.notes.empty() ? std::optional<std::string>() : p.notes);
    st.run();
    auto id = m_db.prepare("SELECT id FROM dues_period WHERE organisation_id=? AND period=?");
    id.bind_all(m_org, p.period);
    id.step();
    p.id = id.get_int(0);
    tx.commit();
}

Id DuesLedger::set_disclosed(DuesPeriod& p, const MeetingTemplate& disclosure, const Date& on, const std::string& place,
                             const std::string& host, const Date& today) {
    validate(p);
    Transaction tx(m_db);
    set(p);
    Record r;
    r.type = disclosure.id;
    r.date = on;
    r.place = place;
    r.host = host;
    r.topic = p.label_zh() + "党费收缴情况公布";
    // The template's own fields, as seed 001 asks the figures to be published.
    auto put = [&](const std::string& id, const std::string& v) {
        if (disclosure.has(id)) r.fields[id] = v;
    };
    put("period", p.half() == 1 ? std::to_string(p.year()) + "年1月至6月" : std::to_string(p.year()) + "年7月至12月");
    put("amount", format_yuan(p.amount_fen));
    put("paid_count", std::to_string(p.members_paid));
    put("minutes", "应交 " + std::to_string(p.members_due) + " 人，实交 " + std::to_string(p.members_paid) + " 人，收缴 " +
                       format_yuan(p.amount_fen) + " 元" +
                       (p.remitted_fen ? "，上缴 " + format_yuan(*p.remitted_fen) + " 元" : std::string()));
    if (p.members_paid < p.members_due)
        put("unpaid", p.notes.empty() ? std::to_string(p.members_due - p.members_paid) + " 人未按时交纳" : p.notes);
    RecordStore store(m_db, m_org);
    Id id = store.add(r, disclosure, today);
    tx.commit();
    return id;
}

namespace {
DuesPeriod read_period(Statement& st) {
    DuesPeriod p;
    p.id = st.get_int(0);
    p.period = st.get_text(1);
    p.members_due = static_cast<int>(st.get_int(2));
    p.members_paid = static_cast<int>(st.get_int(3));
    p.amount_fen = st.get_int(4);
    p.remitted_fen = st.get_opt_int(5);
    p.notes = st.get_text(6);
    return p;
}
const char* period_columns = "SELECT id, period, members_due, members_paid, amount_fen, remitted_fen, notes FROM dues_period ";
} // namespace

std::optional<DuesPeriod> DuesLedger::get(const std::string& period) {
    auto st = m_db.prepare(std::string(period_columns) + "WHERE organisation_id=? AND period=?");
    st.bind_all(m_org, period);
    if (!st.step()) return std::nullopt;
    return read_period(st);
}

std::vector<DuesPeriod> DuesLedger::all() {
    auto st = m_db.prepare(std::string(period_columns) + "WHERE organisation_id=? ORDER BY period DESC");
    st.bind(1, m_org);
    std::vector<DuesPeriod> out;
    while (st.step()) out.push_back(read_period(st));
    return out;
}

} // namespace onebook::core
