#include "onebook/archive/member_tables.hpp"

#include "onebook/organisation_store.hpp"

#include <cmath>

namespace onebook::archive {

namespace {

Table titled(const char* key, const char* title, const std::string& organisation, const core::Date& date) {
    Table t;
    t.key = key;
    t.title = {title, {}};
    t.organisation = organisation;
    t.date = date;
    return t;
}

Value yuan(std::int64_t fen) { return fen / 100.0; }
Value opt_yuan(const std::optional<std::int64_t>& fen) { return fen ? yuan(*fen) : Value(); }
Value rate(const std::optional<int>& bp) { return bp ? Value(*bp / 100.0) : Value(); }

} // namespace

std::vector<Table> member_dues_tables(const std::string& organisation, int year, const std::vector<core::MemberDuesYear>& summary,
                                      const std::vector<core::MemberDuesMonth>& months, const core::Date& today) {
    Table s = titled("member_dues", OB_N("党员党费交纳情况"), organisation, today);
    s.columns = {{"name", OB_N("姓名"), CellType::Text},
                 {"base", OB_N("交纳基数（元）"), CellType::Number, false, 2},
                 {"rate", OB_N("交纳比例（%）"), CellType::Number, false, 1},
                 {"monthly", OB_N("月应交（元）"), CellType::Number, false, 2},
                 {"due", OB_N("应交合计（元）"), CellType::Number, false, 2},
                 {"paid", OB_N("已交合计（元）"), CellType::Number, false, 2},
                 {"arrears", OB_N("欠交（元）"), CellType::Number, false, 2},
                 {"months_owed", OB_N("欠交月数"), CellType::Integer},
                 {"last_paid", OB_N("最近交纳"), CellType::Date}};
    std::int64_t due = 0, paid = 0, arrears = 0;
    int owing = 0;
    for (const auto& r : summary) {
        s.add_row({r.name, opt_yuan(r.base_fen), rate(r.rate_bp), yuan(r.monthly_due_fen), yuan(r.due_fen), yuan(r.paid_fen),
                   yuan(r.arrears_fen), static_cast<long long>(r.months_owed), date_value(r.last_paid)});
        due += r.due_fen;
        paid += r.paid_fen;
        arrears += r.arrears_fen;
        owing += r.arrears_fen > 0;
    }
    s.notes.push_back({OB_N("{year} 年截至 {date}：应交 {due} 元，已交 {paid} 元，{owing} 人欠交 {arrears} 元"),
                       {{"year", std::to_string(year)},
                        {"date", today.iso()},
                        {"due", core::format_yuan(due)},
                        {"paid", core::format_yuan(paid)},
                        {"owing", std::to_string(owing)},
                        {"arrears", core::format_yuan(arrears)}}});

    Table m = titled("member_dues_months", OB_N("党费交纳明细"), organisation, today);
    m.columns = {{"name", OB_N("姓名"), CellType::Text},
                 {"month", OB_N("月份"), CellType::Text},
                 {"basis", OB_N("计算依据"), CellType::Text, true},
                 {"base", OB_N("交纳基数（元）"), CellType::Number, false, 2},
                 {"rate", OB_N("交纳比例（%）"), CellType::Number, false, 1},
                 {"due", OB_N("应交（元）"), CellType::Number, false, 2},
                 {"paid", OB_N("已交（元）"), CellType::Number, false, 2},
                 {"paid_on", OB_N("交纳日期"), CellType::Date},
                 {"arrears", OB_N("欠交（元）"), CellType::Number, false, 2}};
    for (const auto& r : months)
        m.add_row({r.member_name, r.month, text_value(r.basis), opt_yuan(r.base_fen), rate(r.rate_bp), yuan(r.due_fen),
                   yuan(r.paid_fen), date_value(r.paid_on), yuan(r.arrears_fen())});
    return {s, m};
}

std::vector<Table> party_statistics_tables(const std::string& organisation, const core::PartyStatistics& st,
                                           const core::Date& today) {
    Table c = titled("party_statistics", OB_N("党员构成"), organisation, st.as_of);
    c.columns = {{"dimension", OB_N("项目"), CellType::Text, true},
                 {"category", OB_N("类别"), CellType::Text, true},
                 {"count", OB_N("人数"), CellType::Integer},
                 {"share", OB_N("占比（%）"), CellType::Number, false, 1}};
    for (const auto& x : st.composition)
        c.add_row({x.dimension, x.category, static_cast<long long>(x.count),
                   st.total ? Value(std::round(x.count * 1000.0 / st.total) / 10.0) : Value()});
    c.notes.push_back({OB_N("{year} 年党内统计，统计日期 {date}，党员 {total} 名（按该日的名册统计）"),
                       {{"year", std::to_string(st.year)}, {"date", st.as_of.iso()}, {"total", std::to_string(st.total)}}});

    Table v = titled("party_changes", OB_N("党员变动情况"), organisation, st.as_of);
    v.columns = {{"item", OB_N("项目"), CellType::Text, true}, {"count", OB_N("人数"), CellType::Integer}};
    const std::pair<const char*, int> rows[] = {{OB_N("上年末党员数"), st.start_total},
                                                {OB_N("发展党员（接收预备党员）"), st.recruited},
                                                {OB_N("预备党员转正"), st.made_full},
                                                {OB_N("组织关系转入"), st.transferred_in},
                                                {OB_N("组织关系转出"), st.transferred_out},
                                                {OB_N("停止党籍"), st.stopped},
                                                {OB_N("出党"), st.expelled},
                                                {OB_N("死亡"), st.died},
                                                {OB_N("统计日党员数"), st.total},
                                                {OB_N("其中流动党员"), st.mobile}};
    for (const auto& [item, n] : rows) v.add_row({std::string(item), static_cast<long long>(n)});
    int expected = st.start_total + st.recruited + st.transferred_in - st.transferred_out - st.stopped - st.expelled - st.died;
    if (expected != st.total)
        v.notes.push_back(
            {OB_N("上年末人数加增减（{expected}）与统计日人数（{total}）不一致：请核对名册中缺少转入或转出记录的党员"),
             {{"expected", std::to_string(expected)}, {"total", std::to_string(st.total)}}});
    (void)today;
    return {c, v};
}

Table party_statistics_branches_table(const std::string& organisation,
                                      const std::vector<std::pair<std::string, core::PartyStatistics>>& branches,
                                      const core::Date& as_of) {
    Table t = titled("party_statistics_branches", OB_N("各党组织党内统计"), organisation, as_of);
    t.columns = {{"organisation", OB_N("党组织")},
                 {"start", OB_N("上年末党员数"), CellType::Integer},
                 {"recruited", OB_N("发展党员"), CellType::Integer},
                 {"made_full", OB_N("预备党员转正"), CellType::Integer},
                 {"in", OB_N("转入"), CellType::Integer},
                 {"out", OB_N("转出"), CellType::Integer},
                 {"stopped", OB_N("停止党籍"), CellType::Integer},
                 {"expelled", OB_N("出党"), CellType::Integer},
                 {"died", OB_N("死亡"), CellType::Integer},
                 {"total", OB_N("统计日党员数"), CellType::Integer},
                 {"mobile", OB_N("其中流动党员"), CellType::Integer}};
    core::PartyStatistics sum;
    auto row = [&](const std::string& name, const core::PartyStatistics& s) {
        t.add_row({name, static_cast<long long>(s.start_total), static_cast<long long>(s.recruited),
                   static_cast<long long>(s.made_full), static_cast<long long>(s.transferred_in),
                   static_cast<long long>(s.transferred_out), static_cast<long long>(s.stopped),
                   static_cast<long long>(s.expelled), static_cast<long long>(s.died), static_cast<long long>(s.total),
                   static_cast<long long>(s.mobile)});
    };
    for (const auto& [name, s] : branches) {
        row(name, s);
        core::add_party_statistics(sum, s);
    }
    row(OB_N("合计"), sum);
    t.notes.push_back(
        {OB_N("{count} 个党组织，按各自档案包中的名册和变动记录统计"), {{"count", std::to_string(branches.size())}}});
    return t;
}

std::vector<Table> branches_party_statistics_tables(core::Database& db, const core::Organisation& home, int year,
                                                    const core::Date& upto, core::PartyStatistics* sum_out, int* count) {
    std::vector<std::pair<std::string, core::PartyStatistics>> branches;
    core::PartyStatistics sum;
    for (const auto& org : core::OrganisationStore(db).all()) {
        if (org.id == home.id) continue;
        auto s = core::party_statistics(db, org.id, year, upto);
        core::add_party_statistics(sum, s);
        branches.emplace_back(org.name, std::move(s));
    }
    if (sum_out) *sum_out = sum;
    if (count) *count = static_cast<int>(branches.size());
    if (branches.empty()) return {};
    auto tables = party_statistics_tables(home.name, sum, upto);
    tables.insert(tables.begin(), party_statistics_branches_table(home.name, branches, sum.as_of));
    return tables;
}

Table three_high_table(const std::string& organisation, const core::ThreeHighSpec& spec, const core::ThreeHighSurvey& survey,
                       const core::Date& today) {
    Table t = titled("three_high", OB_N("群众评议“三高”"), organisation, survey.on.valid() ? survey.on : today);
    t.columns = {{"measure", OB_N("指标"), CellType::Text, true},
                 {"count", OB_N("人数"), CellType::Integer},
                 {"respondents", OB_N("参加测评人数"), CellType::Integer},
                 {"percent", OB_N("比例（%）"), CellType::Number, false, 1},
                 {"threshold", OB_N("标准（%）"), CellType::Number, false, 1},
                 {"verdict", OB_N("结论"), CellType::Text, true},
                 {"points", OB_N("得分（插件拟定）"), CellType::Number, false, 2}};
    t.highlight = {{OB_N("未达到"), 0xF4CCCC}};
    double points = 0;
    for (const auto& r : core::evaluate_three_high(spec, survey)) {
        t.add_row({r.measure.label, static_cast<long long>(r.count), static_cast<long long>(survey.respondents), r.percent,
                   r.measure.min_percent, std::string(r.met ? OB_N("达到") : OB_N("未达到")), r.points});
        points += r.points;
    }
    t.notes.push_back({OB_N("{year} 年测评（{date}），测评对象：{who}"),
                       {{"year", std::to_string(survey.year)}, {"date", survey.on.iso()}, {"who", spec.respondents}}});
    t.notes.push_back({OB_N("标准依据：{source}"), {{"source", spec.source}}});
    t.notes.push_back(
        {OB_N("得分合计 {points} 分。{note}"),
         {{"points", core::format_yuan(static_cast<std::int64_t>(std::llround(points * 100)))}, {"note", spec.proposal_note}}});
    return t;
}

} // namespace onebook::archive
