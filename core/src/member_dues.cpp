#include "onebook/member_dues.hpp"

#include "onebook/error.hpp"
#include "onebook/member_history.hpp"
#include "onebook/roster.hpp"

#include "json_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace onebook::core {

bool valid_month(const std::string& s) {
    if (s.size() != 7 || s[4] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2));
    return y >= 1921 && y <= 2100 && m >= 1 && m <= 12;
}

std::vector<std::string> month_range(const std::string& from, const std::string& to) {
    for (const auto* v : {&from, &to})
        if (!valid_month(*v))
            throw Error(OB_N("月份“{value}”格式不对，应写作 2025-03"), {{"value", *v}}, {{}, {}, v == &from ? "from" : "to"});
    if (to < from) throw Error(OB_N("起始月份 {from} 晚于结束月份 {to}"), {{"from", from}, {"to", to}}, {{}, {}, "to"});
    std::vector<std::string> out;
    int y = std::stoi(from.substr(0, 4)), m = std::stoi(from.substr(5, 2));
    for (;;) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        out.push_back(buf);
        if (out.back() == to) break;
        if (++m == 13) m = 1, ++y;
    }
    return out;
}

// ---- rule ------------------------------------------------------------------------------------

DuesRateRule DuesRateRule::parse(const std::string& json, const std::string& file) {
    auto o = parse_json_object(json, file);
    auto bad = [&](const std::string& field) {
        return Error(
            OB_N(
                "党费规则文件 {file} 的 {field} 不正确：须有 id、source，kinds 中每类按上限从小到大列出 up_to（元，最后一档为 null）和 rate_percent"),
            {{"file", file}, {"field", field}}, {file, {}, field});
    };
    DuesRateRule r;
    r.id = o->optValue<std::string>("id", "");
    r.source = o->optValue<std::string>("source", "");
    if (r.id.empty()) throw bad("id");
    if (r.source.empty()) throw bad("source");
    auto kinds = o->getObject("kinds");
    if (!kinds || kinds->size() == 0) throw bad("kinds");
    for (const auto& name : kinds->getNames()) {
        auto arr = kinds->getArray(name);
        if (!arr || arr->size() == 0) throw bad("kinds." + name);
        std::vector<DuesBand> bands;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            auto b = arr->getObject(static_cast<unsigned>(i));
            std::string field = "kinds." + name + "[" + std::to_string(i) + "]";
            if (!b || !b->has("rate_percent") || !b->get("rate_percent").isNumeric()) throw bad(field);
            double pct = b->getValue<double>("rate_percent");
            if (pct < 0 || pct > 100) throw bad(field + ".rate_percent");
            DuesBand band;
            band.rate_bp = static_cast<int>(std::lround(pct * 100));
            bool last = i + 1 == arr->size();
            if (b->isNull("up_to") || !b->has("up_to")) {
                if (!last) throw bad(field + ".up_to");
            } else {
                if (last || !b->get("up_to").isNumeric()) throw bad(field + ".up_to");
                band.up_to_fen = std::llround(b->getValue<double>("up_to") * 100);
                if (!bands.empty() && *bands.back().up_to_fen >= *band.up_to_fen) throw bad(field + ".up_to");
            }
            bands.push_back(band);
        }
        r.kinds.emplace_back(name, std::move(bands));
    }
    return r;
}

DuesRateRule DuesRateRule::load(const PluginHost* plugins, const std::string& sector,
                                const std::vector<std::filesystem::path>& dirs) {
    std::string tried;
    auto files = member_rule_files(plugins, sector, dirs, "dues.json", &tried);
    if (files.empty())
        throw Error(OB_N("找不到党费规则文件（查找了 {dirs}），可用环境变量 ONEBOOK_TEMPLATE_PATH 指定模板文件夹"),
                    {{"dirs", tried}});
    return parse(read_text_file(files.back()), files.back().string());
}

const DuesBand& DuesRateRule::band(const std::string& kind, std::int64_t base_fen) const {
    std::string names;
    for (const auto& [name, bands] : kinds) {
        names += (names.empty() ? "" : "、") + name;
        if (name != kind) continue;
        for (const auto& b : bands)
            if (!b.up_to_fen || base_fen <= *b.up_to_fen) return b;
    }
    throw Error(OB_N("党费交纳基数类别“{value}”无效，应为 {kinds}"), {{"value", kind}, {"kinds", names}}, {{}, {}, "kind"});
}

std::int64_t DuesRateRule::due_for(std::int64_t base_fen, int rate_bp) { return (base_fen * rate_bp + 5000) / 10000; }

// ---- ledger ----------------------------------------------------------------------------------

void MemberDues::check_member(Id member_id) {
    auto m = Roster(m_db, m_org).member(member_id);
    if (!m || m->organisation_id != m_org) throw Error(OB_N("党员 {id} 不存在"), {{"id", std::to_string(member_id)}});
}

namespace {
void upsert_due(Database& db, Id member_id, const std::string& month, std::optional<std::int64_t> base, std::optional<int> rate,
                const std::string& basis, std::int64_t due) {
    auto paid = db.prepare("SELECT paid_fen FROM member_dues WHERE member_id=? AND month=?");
    paid.bind_all(member_id, month);
    if (paid.step() && paid.get_int(0) > due)
        throw Error(OB_N("{month} 已交 {paid} 元，多于新的应交金额 {due} 元"),
                    {{"month", month}, {"paid", format_yuan(paid.get_int(0))}, {"due", format_yuan(due)}}, {{}, {}, "month"});
    auto st = db.prepare("INSERT INTO member_dues(member_id, month, base_fen, rate_bp, basis, due_fen) VALUES (?,?,?,?,?,?) "
                         "ON CONFLICT(member_id, month) DO UPDATE SET base_fen=excluded.base_fen, rate_bp=excluded.rate_bp, "
                         "basis=excluded.basis, due_fen=excluded.due_fen");
    st.bind_all(member_id, month);
    st.bind(3, base);
    st.bind(4, rate ? std::optional<std::int64_t>(*rate) : std::nullopt);
    st.bind(5, basis);
    st.bind(6, due);
    st.run();
}
} // namespace

void MemberDues::set_base(Id member_id, const std::vector<std::string>& months, std::int64_t base_fen, const std::string& kind,
                          const DuesRateRule& rule) {
    if (base_fen < 0) throw Error(OB_N("党费交纳基数不能为负数"), {}, {{}, {}, "base"});
    const auto& band = rule.band(kind, base_fen);
    check_member(member_id);
    Transaction tx(m_db);
    for (const auto& m : months)
        upsert_due(m_db, member_id, m, base_fen, band.rate_bp, kind, DuesRateRule::due_for(base_fen, band.rate_bp));
    tx.commit();
}

void MemberDues::set_fixed(Id member_id, const std::vector<std::string>& months, std::int64_t due_fen) {
    if (due_fen < 0) throw Error(OB_N("党费金额不能为负数"), {}, {{}, {}, "amount"});
    check_member(member_id);
    Transaction tx(m_db);
    for (const auto& m : months) upsert_due(m_db, member_id, m, std::nullopt, std::nullopt, "定额", due_fen);
    tx.commit();
}

void MemberDues::pay(Id member_id, const std::vector<std::string>& months, std::int64_t amount_fen, const Date& on) {
    if (amount_fen <= 0) throw Error(OB_N("交纳金额须大于 0"), {}, {{}, {}, "amount"});
    if (!on.valid() || on > Date::today()) throw Error(OB_N("交纳日期 {date} 晚于今天"), {{"date", on.iso()}}, {{}, {}, "date"});
    check_member(member_id);
    Transaction tx(m_db);
    std::int64_t left = amount_fen, open = 0;
    for (const auto& m : months) {
        auto st = m_db.prepare("SELECT due_fen, paid_fen FROM member_dues WHERE member_id=? AND month=?");
        st.bind_all(member_id, m);
        if (!st.step())
            throw Error(OB_N("{month} 还没有应交党费（先用 dues base 登记交纳基数或定额）"), {{"month", m}}, {{}, {}, "month"});
        std::int64_t owed = st.get_int(0) - st.get_int(1);
        open += owed > 0 ? owed : 0;
        std::int64_t take = std::min(left, owed > 0 ? owed : 0);
        if (take <= 0) continue;
        auto up = m_db.prepare("UPDATE member_dues SET paid_fen = paid_fen + ?, paid_on = ? WHERE member_id=? AND month=?");
        up.bind_all(take, on.iso(), member_id, m);
        up.run();
        left -= take;
    }
    if (left > 0)
        throw Error(OB_N("交纳金额 {amount} 元多于这些月份尚欠的 {open} 元"),
                    {{"amount", format_yuan(amount_fen)}, {"open", format_yuan(open)}}, {{}, {}, "amount"});
    tx.commit();
}

std::vector<MemberDuesMonth> MemberDues::months(int year) {
    auto st =
        m_db.prepare("SELECT d.member_id, m.name, d.month, d.base_fen, d.rate_bp, d.basis, d.due_fen, d.paid_fen, d.paid_on "
                     "FROM member_dues d JOIN member m ON m.id = d.member_id WHERE m.organisation_id = ? AND d.month LIKE ? "
                     "ORDER BY m.id, d.month");
    st.bind_all(m_org, std::to_string(year) + "-%");
    std::vector<MemberDuesMonth> out;
    while (st.step()) {
        MemberDuesMonth r;
        r.member_id = st.get_int(0);
        r.member_name = st.get_text(1);
        r.month = st.get_text(2);
        r.base_fen = st.get_opt_int(3);
        if (auto rate = st.get_opt_int(4)) r.rate_bp = static_cast<int>(*rate);
        r.basis = st.get_text(5);
        r.due_fen = st.get_int(6);
        r.paid_fen = st.get_int(7);
        if (auto d = st.get_opt_text(8)) r.paid_on = Date::parse(*d);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<MemberDuesYear> MemberDues::year(int y, const Date& upto) {
    char last[16];
    std::snprintf(last, sizeof last, "%04d-%02d", upto.year(), upto.month());
    std::vector<MemberDuesYear> out;
    std::map<Id, std::size_t> at;
    for (const auto& m : months(y)) {
        auto [it, fresh] = at.emplace(m.member_id, out.size());
        if (fresh) {
            out.emplace_back();
            out.back().member_id = m.member_id;
            out.back().name = m.member_name;
        }
        auto& r = out[it->second];
        r.base_fen = m.base_fen;
        r.rate_bp = m.rate_bp;
        r.monthly_due_fen = m.due_fen;
        if (m.paid_on && (!r.last_paid || *m.paid_on > *r.last_paid)) r.last_paid = m.paid_on;
        r.paid_fen += m.paid_fen;
        if (m.month > last) continue; // not owed yet
        r.due_fen += m.due_fen;
        r.arrears_fen += m.arrears_fen();
        r.months_owed += m.arrears_fen() > 0;
    }
    return out;
}

DuesPeriod MemberDues::totals(const std::string& period) {
    DuesPeriod p;
    p.period = period;
    DuesLedger::validate(p);
    std::string from = std::to_string(p.year()) + (p.half() == 1 ? "-01" : "-07");
    std::string to = std::to_string(p.year()) + (p.half() == 1 ? "-06" : "-12");
    auto st =
        m_db.prepare("SELECT d.member_id, SUM(d.due_fen), SUM(d.paid_fen) FROM member_dues d JOIN member m ON m.id = d.member_id "
                     "WHERE m.organisation_id = ? AND d.month BETWEEN ? AND ? GROUP BY d.member_id");
    st.bind_all(m_org, from, to);
    while (st.step()) {
        if (st.get_int(1) <= 0) continue;
        ++p.members_due;
        p.members_paid += st.get_int(2) >= st.get_int(1);
        p.amount_fen += st.get_int(2);
    }
    return p;
}

} // namespace onebook::core
