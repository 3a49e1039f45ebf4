#include "onebook/archive/tables.hpp"
#include "onebook/numbers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace onebook::archive {

namespace {

Column text(const char* key, const char* header, bool translate = false) { return {key, header, CellType::Text, translate, -1}; }
Column integer(const char* key, const char* header) { return {key, header, CellType::Integer, false, -1}; }
Column number(const char* key, const char* header, int decimals = -1) { return {key, header, CellType::Number, false, decimals}; }
Column date(const char* key, const char* header) { return {key, header, CellType::Date, false, -1}; }

Table make(const char* key, core::Message title, const std::string& organisation, const core::Date& today) {
    Table t;
    t.key = key;
    t.title = std::move(title);
    t.organisation = organisation;
    t.date = today;
    return t;
}

Value count(long long n) { return n; }
Value opt_number(const std::optional<double>& v) {
    if (!v) return std::monostate{};
    return *v;
}

const char* status_label(core::FindingStatus s) {
    switch (s) {
    case core::FindingStatus::Ok: return OB_N("符合");
    case core::FindingStatus::Due: return OB_N("待完成");
    case core::FindingStatus::Warning: return OB_N("提醒");
    case core::FindingStatus::Violation: return OB_N("违规");
    }
    return "";
}

int severity(core::FindingStatus s) {
    switch (s) {
    case core::FindingStatus::Ok: return 0;
    case core::FindingStatus::Due: return 1;
    case core::FindingStatus::Warning: return 2;
    case core::FindingStatus::Violation: return 3;
    }
    return 0;
}

} // namespace

// ---------------------------------------------------------------- roster

Table roster_table(const std::string& organisation, const std::vector<core::Member>& members,
                   const std::vector<core::PartyGroup>& groups, bool include_private, const core::Date& today) {
    Table t = make("roster", {OB_N("党员名册"), {}}, organisation, today);
    t.columns = {integer("id", OB_N("编号")),
                 text("name", OB_N("姓名")),
                 text("gender", OB_N("性别")),
                 text("ethnicity", OB_N("民族")),
                 date("birth_date", OB_N("出生日期")),
                 text("education", OB_N("学历")),
                 text("workplace_post", OB_N("工作单位及职务")),
                 date("join_date", OB_N("入党时间")),
                 date("full_date", OB_N("转正时间")),
                 text("status", OB_N("党员类别")),
                 text("group", OB_N("所在党小组")),
                 text("category", OB_N("人员类别")),
                 text("employer", OB_N("工作单位")),
                 text("notes", OB_N("备注"))};
    if (include_private) {
        t.columns.push_back(text("id_number", OB_N("身份证号")));
        t.columns.push_back(text("phone", OB_N("联系电话")));
        t.columns.push_back(text("address", OB_N("家庭住址")));
    }
    std::map<core::Id, std::string> group_names;
    for (const auto& g : groups) group_names[g.id] = g.name;
    for (const auto& m : members) {
        std::vector<Value> row{count(m.id),
                               text_value(m.name),
                               text_value(m.gender),
                               text_value(m.ethnicity),
                               date_value(m.birth_date),
                               text_value(m.education),
                               text_value(m.workplace_post),
                               date_value(m.join_date),
                               date_value(m.full_date),
                               text_value(m.status),
                               text_value(m.group_id ? group_names[*m.group_id] : ""),
                               text_value(m.category),
                               text_value(m.employer),
                               text_value(m.notes)};
        if (include_private) {
            row.push_back(text_value(m.priv.id_number));
            row.push_back(text_value(m.priv.phone));
            row.push_back(text_value(m.priv.address));
        }
        t.add_row(std::move(row));
    }
    t.notes.push_back({OB_N("共 {count} 名党员"), {{"count", std::to_string(members.size())}}});
    return t;
}

// ---------------------------------------------------------------- records

std::vector<Table> records_tables(const std::string& organisation, const std::vector<core::Record>& records,
                                  const std::vector<core::MeetingTemplate>& templates, const core::Date& today) {
    Table t = make("records", {OB_N("会议记录"), {}}, organisation, today);
    t.columns = {integer("id", OB_N("编号")),       date("date", OB_N("日期")),
                 text("time", OB_N("时间")),        text("type", OB_N("类型代码")),
                 text("type_name", OB_N("类型")),   text("topic", OB_N("主题")),
                 text("place", OB_N("地点")),       text("host", OB_N("主持人")),
                 text("recorder", OB_N("记录人")),  text("group", OB_N("党小组")),
                 integer("expected", OB_N("应到")), integer("present", OB_N("实到")),
                 integer("absent", OB_N("缺席")),   number("rate", OB_N("出席率（%）"), 1),
                 number("hours", OB_N("学时")),     text("vote", OB_N("表决"), true),
                 text("content", OB_N("内容")),     text("attachments", OB_N("附件"))};
    Table a = make("attendance", {OB_N("出席情况"), {}}, organisation, today);
    a.columns = {integer("record_id", OB_N("记录编号")), date("date", OB_N("日期")),
                 text("type_name", OB_N("类型")),        text("name", OB_N("姓名")),
                 text("attendance", OB_N("出席"), true), text("reason", OB_N("缺席原因"))};
    int flagged = 0;
    for (const auto& r : records) {
        auto s = r.summary();
        std::string vote;
        if (r.flagged()) {
            vote = OB_N("表决未达法定人数");
            ++flagged;
        } else if (r.vote) {
            vote = OB_N("已表决");
        }
        // The template's fields in its order, labelled; fields it does not know after them.
        std::string content;
        const core::MeetingTemplate* tpl = nullptr;
        for (const auto& x : templates)
            if (x.id == r.type) tpl = &x;
        std::set<std::string> shown{"date", "time", "place", "host", "recorder", "topic", "attendees", "group", "hours"};
        auto add = [&](const std::string& label, const std::string& v) {
            if (!v.empty()) content += (content.empty() ? "" : "\n") + label + "：" + v;
        };
        if (tpl)
            for (const auto& f : tpl->fields)
                if (!shown.count(f.id) && r.fields.count(f.id)) {
                    add(f.label, r.fields.at(f.id));
                    shown.insert(f.id);
                }
        for (const auto& [k, v] : r.fields)
            if (!shown.count(k)) add(k, v);
        std::string attachments;
        for (const auto& p : r.attachments) attachments += (attachments.empty() ? "" : "\n") + p;
        t.add_row({count(r.id), r.date, text_value(r.time), text_value(r.type), text_value(r.type_name), text_value(r.topic),
                   text_value(r.place), text_value(r.host), text_value(r.recorder), text_value(r.group),
                   s.expected ? Value(count(s.expected)) : Value(), s.expected ? Value(count(s.present)) : Value(),
                   s.expected ? Value(count(s.absent)) : Value(), s.expected ? Value(std::round(s.rate() * 1000) / 10) : Value(),
                   r.hours > 0 ? Value(r.hours) : Value(), text_value(vote), text_value(content), text_value(attachments)});
        for (const auto& p : r.attendance)
            a.add_row({count(r.id), r.date, text_value(r.type_name), text_value(p.name),
                       std::string(p.present ? OB_N("出席") : OB_N("缺席")), text_value(p.reason)});
    }
    t.notes.push_back({OB_N("共 {count} 条记录"), {{"count", std::to_string(records.size())}}});
    if (flagged) t.notes.push_back({OB_N("其中 {count} 条表决未达法定人数"), {{"count", std::to_string(flagged)}}});
    return {t, a};
}

// ---------------------------------------------------------------- plan

Table plan_table(const std::string& organisation, int year, const std::vector<core::PlanVsDone>& rows, int upto,
                 const core::Date& today) {
    Table t = make("plan", {OB_N("{year} 年“三会一课”计划执行情况"), {{"year", std::to_string(year)}}}, organisation, today);
    t.sheet = OB_N("计划执行情况");
    t.columns = {text("type", OB_N("类型代码")), text("type_name", OB_N("类型")), text("line", OB_N("项目"), true)};
    static const char* month_keys[] = {"m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12"};
    static const char* month_headers[] = {OB_N("1月"), OB_N("2月"), OB_N("3月"), OB_N("4月"),  OB_N("5月"),  OB_N("6月"),
                                          OB_N("7月"), OB_N("8月"), OB_N("9月"), OB_N("10月"), OB_N("11月"), OB_N("12月")};
    for (int m = 0; m < 12; ++m) t.columns.push_back(integer(month_keys[m], month_headers[m]));
    t.columns.push_back(integer("total", OB_N("合计")));
    t.columns.push_back(integer("behind", OB_N("欠账")));
    for (const auto& r : rows) {
        std::vector<Value> planned{text_value(r.type), text_value(r.type_name), std::string(OB_N("计划"))};
        std::vector<Value> done{text_value(r.type), text_value(r.type_name), std::string(OB_N("完成"))};
        for (int m = 0; m < 12; ++m) {
            planned.push_back(count(r.planned[m]));
            done.push_back(count(r.done[m]));
        }
        planned.push_back(count(r.planned_total()));
        planned.push_back(Value());
        done.push_back(count(r.done_total()));
        done.push_back(count(upto > 0 ? r.behind(upto) : 0));
        t.add_row(std::move(planned));
        t.add_row(std::move(done));
    }
    t.notes.push_back({OB_N("欠账截至 {upto} 月"), {{"upto", std::to_string(upto)}}});
    return t;
}

// ---------------------------------------------------------------- rules check

std::vector<Table> check_tables(const std::string& organisation, int year, const std::vector<core::Finding>& findings,
                                const core::Date& today, bool problems_only) {
    Table grid = make("check_grid", {OB_N("{year} 年度规则检查"), {{"year", std::to_string(year)}}}, organisation, today);
    grid.sheet = OB_N("规则检查");
    // Descriptions and sources are the plugins' data: translated at the edge from the plugins' catalogues.
    grid.columns = {text("rule_id", OB_N("规则")), text("description", OB_N("说明"), true)};
    static const char* month_keys[] = {"m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12"};
    static const char* month_headers[] = {OB_N("1月"), OB_N("2月"), OB_N("3月"), OB_N("4月"),  OB_N("5月"),  OB_N("6月"),
                                          OB_N("7月"), OB_N("8月"), OB_N("9月"), OB_N("10月"), OB_N("11月"), OB_N("12月")};
    for (int m = 0; m < 12; ++m) grid.columns.push_back(text(month_keys[m], month_headers[m], true));
    grid.columns.push_back(text("year", OB_N("全年"), true));
    const std::vector<std::pair<std::string, std::uint32_t>> tones = {
        {OB_N("违规"), 0xF8CBAD}, {OB_N("提醒"), 0xFFE699}, {OB_N("待完成"), 0xDDEBF7}, {OB_N("符合"), 0xC6EFCE}};
    grid.highlight = tones;

    // One row a rule, in the engine's order; a cell holds the worst status of the windows covering it.
    std::vector<std::string> order;
    std::map<std::string, std::string> description;
    std::map<std::string, std::array<int, 13>> worst;
    std::map<core::FindingStatus, int> counts;
    for (const auto& f : findings) {
        ++counts[f.status];
        if (!worst.count(f.rule_id)) {
            order.push_back(f.rule_id);
            description[f.rule_id] = f.description;
            worst[f.rule_id].fill(-1);
        }
        auto& cells = worst[f.rule_id];
        const int s = severity(f.status);
        bool whole_year = f.window.empty() || !f.window_start.valid() || !f.window_end.valid() ||
                          (f.window_start <= core::Date(year, 1, 1) && f.window_end >= core::Date(year, 12, 31));
        if (whole_year) {
            cells[12] = std::max(cells[12], s);
            continue;
        }
        for (int m = 1; m <= 12; ++m) {
            core::Date first(year, m, 1), last(year, m, core::Date::days_in_month(year, m));
            if (f.window_start <= last && f.window_end >= first) cells[m - 1] = std::max(cells[m - 1], s);
        }
    }
    static const core::FindingStatus by_severity[] = {core::FindingStatus::Ok, core::FindingStatus::Due,
                                                      core::FindingStatus::Warning, core::FindingStatus::Violation};
    for (const auto& id : order) {
        const auto& cells = worst[id];
        bool problem = std::any_of(cells.begin(), cells.end(), [](int s) { return s > 0; });
        if (problems_only && !problem) continue;
        std::vector<Value> row{id, text_value(description[id])};
        for (int c = 0; c < 13; ++c) {
            if (cells[c] < 0) row.emplace_back(std::monostate{});
            else row.emplace_back(std::string(status_label(by_severity[cells[c]])));
        }
        grid.add_row(std::move(row));
    }
    grid.notes.push_back({OB_N("符合 {ok} 项，待完成 {due} 项，提醒 {warning} 项，违规 {violation} 项"),
                          {{"ok", std::to_string(counts[core::FindingStatus::Ok])},
                           {"due", std::to_string(counts[core::FindingStatus::Due])},
                           {"warning", std::to_string(counts[core::FindingStatus::Warning])},
                           {"violation", std::to_string(counts[core::FindingStatus::Violation])}}});

    Table list = make("findings", {OB_N("{year} 年度规则检查明细"), {{"year", std::to_string(year)}}}, organisation, today);
    list.sheet = OB_N("检查明细");
    list.highlight = tones;
    list.columns = {
        text("rule_id", OB_N("规则")),           text("ref", OB_N("引用")),         text("status", OB_N("状态"), true),
        text("status_code", OB_N("状态代码")),   text("window", OB_N("时段")),      date("window_start", OB_N("起")),
        date("window_end", OB_N("止")),          number("held", OB_N("实际")),      number("required", OB_N("要求")),
        text("description", OB_N("说明"), true), text("message", OB_N("检查结果")), text("source", OB_N("依据"), true),
        text("evidence_kind", OB_N("证据类别")), text("evidence", OB_N("证据"))};
    for (const auto& f : findings) {
        if (problems_only && f.status == core::FindingStatus::Ok) continue;
        std::string ids;
        for (auto id : f.evidence) ids += (ids.empty() ? "" : ",") + std::to_string(id);
        list.add_row({f.rule_id, f.ref(), std::string(status_label(f.status)), std::string(core::to_string(f.status)),
                      text_value(f.window), f.window_start.valid() ? Value(f.window_start) : Value(),
                      f.window_end.valid() ? Value(f.window_end) : Value(), f.held, f.required, text_value(f.description),
                      text_value(f.message), text_value(f.source), text_value(f.evidence.empty() ? "" : f.evidence_kind),
                      text_value(ids)});
    }
    return {grid, list};
}

// ---------------------------------------------------------------- assessment

std::vector<Table> assessment_tables(const core::Sheet& sheet, const core::Date& today) {
    const auto& as = sheet.assessment;
    Table t = make("assessment",
                   {OB_N("{year} 年度《{rubric}》考核表"), {{"year", std::to_string(as.year)}, {"rubric", sheet.rubric_name}}},
                   sheet.organisation_name, today);
    t.sheet = OB_N("考核表");
    t.columns = {text("section", OB_N("项目")),        text("item_id", OB_N("条目")),
                 text("text", OB_N("内容")),           number("points", OB_N("满分")),
                 number("suggested", OB_N("建议分")),  text("basis", OB_N("建议依据")),
                 number("self", OB_N("自评")),         text("self_reason", OB_N("自评扣分理由")),
                 number("superior", OB_N("组织考核")), text("superior_reason", OB_N("考核扣分理由"))};
    for (const auto& s : sheet.sections) {
        for (const auto& it : s.items) {
            std::string basis;
            if (it.proposal) {
                basis = it.proposal->explanation;
                std::string ids;
                for (const auto& f : it.proposal->findings)
                    for (auto id : f.evidence) ids += (ids.empty() ? "#" : " #") + std::to_string(id);
                if (!ids.empty()) basis += "；" + ids;
            }
            std::string sup_reason = it.reason(core::Round::Superior);
            if (it.item.kind == core::ScoringKind::Survey && sheet.survey && it.points(core::Round::Superior) &&
                *it.points(core::Round::Superior) < it.item.points && sup_reason.empty())
                sup_reason = sheet.survey->explanation;
            t.add_row({text_value(s.number + s.title), text_value(it.item.id), text_value(it.item.number + it.item.text),
                       it.item.points, it.proposal ? Value(it.proposal->points) : Value(), text_value(basis),
                       opt_number(it.points(core::Round::Self)), text_value(it.reason(core::Round::Self)),
                       opt_number(it.points(core::Round::Superior)), text_value(sup_reason)});
        }
        t.add_row({text_value(s.number + s.title), Value(), std::string(OB_N("小计")), s.points, Value(), Value(), s.self_total,
                   Value(), s.superior_total, Value()});
    }
    t.add_row({std::string(OB_N("合计")), Value(), Value(), sheet.max_total, Value(), Value(), sheet.self_total, Value(),
               sheet.superior_total, Value()});
    // Section and total labels are msgids; items' texts are data (the column is not translated as a whole).
    t.notes.push_back({OB_N("自评 {self} 分（{scored}/{count} 项），组织考核 {superior} 分（{sscored}/{count} 项）"),
                       {{"self", core::format_number(sheet.self_total)},
                        {"scored", std::to_string(sheet.self_scored)},
                        {"count", std::to_string(sheet.item_count)},
                        {"superior", core::format_number(sheet.superior_total)},
                        {"sscored", std::to_string(sheet.superior_scored)}}});

    Table r = make("assessment_result", {OB_N("考核结果"), {}}, sheet.organisation_name, today);
    r.columns = {integer("year", OB_N("年度")),
                 text("rubric", OB_N("考核标准")),
                 text("state", OB_N("状态"), true),
                 number("max_total", OB_N("满分")),
                 number("self_total", OB_N("自评")),
                 text("self_grade", OB_N("自评等次")),
                 number("superior_total", OB_N("组织考核")),
                 text("grade", OB_N("等次")),
                 text("grade_explanation", OB_N("定级说明")),
                 number("survey_rate", OB_N("满意率（%）"), 1),
                 text("vetoes", OB_N("否决项"))};
    std::string vetoes;
    for (const auto& v : sheet.vetoes)
        vetoes += (vetoes.empty() ? "" : "\n") + v.veto_id + (v.reason.empty() ? "" : "：" + v.reason);
    bool graded = as.final || sheet.superior_scored > 0;
    r.add_row({count(as.year), text_value(sheet.rubric_name),
               std::string(as.final        ? OB_N("已定稿")
                           : as.self_final ? OB_N("自评已申报，组织考核进行中")
                                           : OB_N("进行中")),
               sheet.max_total, sheet.self_total, text_value(sheet.self_grade.score_grade), sheet.superior_total,
               text_value(graded ? sheet.grade.grade : ""), text_value(graded ? sheet.grade.explanation : ""),
               sheet.survey ? Value(std::round(sheet.survey->rate * 10) / 10) : Value(), text_value(vetoes)});
    return {t, r};
}

// ---------------------------------------------------------------- rectification

std::vector<Table> rectification_tables(const std::string& organisation, const std::vector<core::RectificationItem>& items,
                                        const std::map<core::Id, std::vector<core::RectStatusChange>>& history,
                                        const core::Date& today) {
    Table t = make("rectification", {OB_N("整改台账"), {}}, organisation, today);
    t.columns = {integer("id", OB_N("编号")),           text("issue", OB_N("整改事项")),
                 text("measures", OB_N("主要措施")),    text("owner", OB_N("责任人")),
                 date("deadline", OB_N("完成时限")),    text("target", OB_N("量化目标")),
                 text("progress", OB_N("完成情况")),    text("status", OB_N("状态"), true),
                 text("status_code", OB_N("状态代码")), integer("days_overdue", OB_N("逾期天数")),
                 text("source_kind", OB_N("来源类别")), text("source_ref", OB_N("来源")),
                 date("created_on", OB_N("登记日期"))};
    Table h = make("rectification_history", {OB_N("整改过程"), {}}, organisation, today);
    h.columns = {integer("item_id", OB_N("编号")),   text("issue", OB_N("整改事项")),  date("date", OB_N("日期")),
                 text("from", OB_N("原状态"), true), text("to", OB_N("新状态"), true), text("note", OB_N("说明"))};
    int overdue = 0;
    for (const auto& it : items) {
        int days = it.overdue(today) ? it.days_overdue(today) : 0;
        overdue += days > 0;
        t.add_row({count(it.id), text_value(it.issue), text_value(it.measures), text_value(it.owner), it.deadline,
                   text_value(it.target), text_value(it.progress), std::string(core::label_zh(it.status)),
                   std::string(core::to_string(it.status)), days > 0 ? Value(count(days)) : Value(),
                   text_value(it.source.empty() ? "" : it.source.kind_name()), text_value(it.source.ref),
                   it.created_on.valid() ? Value(it.created_on) : Value()});
        auto found = history.find(it.id);
        if (found == history.end()) continue;
        for (const auto& c : found->second)
            h.add_row({count(it.id), text_value(it.issue), c.on,
                       c.from ? Value(std::string(core::label_zh(*c.from))) : Value(std::string(OB_N("登记"))),
                       std::string(core::label_zh(c.to)), text_value(c.note)});
    }
    t.notes.push_back({OB_N("共 {count} 项整改事项，其中逾期未完成 {overdue} 项"),
                       {{"count", std::to_string(items.size())}, {"overdue", std::to_string(overdue)}}});
    return {t, h};
}

// ---------------------------------------------------------------- dues

Table dues_table(const std::string& organisation, const std::vector<core::DuesPeriod>& periods, const core::Date& today) {
    Table t = make("dues", {OB_N("党费收缴情况"), {}}, organisation, today);
    t.columns = {text("period", OB_N("时段")),
                 text("name", OB_N("名称")),
                 integer("members_due", OB_N("应交人数")),
                 integer("members_paid", OB_N("实交人数")),
                 number("amount", OB_N("收缴金额（元）"), 2),
                 number("remitted", OB_N("上缴金额（元）"), 2),
                 text("notes", OB_N("备注"))};
    for (const auto& p : periods)
        t.add_row({p.period, text_value(p.label_zh()), count(p.members_due), count(p.members_paid), p.amount_fen / 100.0,
                   p.remitted_fen ? Value(*p.remitted_fen / 100.0) : Value(), text_value(p.notes)});
    return t;
}

// ---------------------------------------------------------------- documents

Table documents_table(const std::string& organisation, const std::vector<Document>& documents, const core::Date& today) {
    Table t = make("documents", {OB_N("归档文件目录"), {}}, organisation, today);
    t.columns = {integer("no", OB_N("序号")),
                 text("archival_code", OB_N("档号")),
                 text("ref", OB_N("文号")),
                 text("author", OB_N("责任者")),
                 text("title", OB_N("题名")),
                 date("date", OB_N("日期")),
                 text("secret", OB_N("密级")),
                 integer("pages", OB_N("页数")),
                 text("notes", OB_N("备注")),
                 integer("year", OB_N("年度")),
                 text("retention", OB_N("保管期限"), true),
                 text("retention_code", OB_N("保管期限代码")),
                 integer("item_no", OB_N("件号")),
                 text("section", OB_N("篇目")),
                 integer("id", OB_N("编号")),
                 text("file", OB_N("文件")),
                 text("sha256", OB_N("SHA-256"))};
    long long n = 0;
    for (const auto& d : documents) {
        Value when;
        if (auto iso = normalise_doc_date(d.date); iso && iso->size() == 8)
            when = core::Date(std::stoi(iso->substr(0, 4)), std::stoi(iso->substr(4, 2)), std::stoi(iso->substr(6, 2)));
        t.add_row({count(++n), d.archival_code(), text_value(d.doc_ref), text_value(d.author), text_value(d.title), when,
                   text_value(d.secret), d.pages ? Value(count(*d.pages)) : Value(), text_value(d.notes), count(d.year),
                   std::string(retention_label(d.retention)), std::string(retention_code(d.retention)), count(d.item_no),
                   text_value(d.section_id), count(d.id), text_value(d.file_name), text_value(d.file_sha256)});
    }
    t.notes.push_back({OB_N("共 {count} 件"), {{"count", std::to_string(documents.size())}}});
    return t;
}

// ---------------------------------------------------------------- superior's summary

std::vector<Table> summary_tables(const GradingSummary& s, const core::Date& today) {
    const std::string year = std::to_string(s.year);
    Table sum = make("summary_counts", {OB_N("{year}年度基层党组织分类定级情况汇总表"), {{"year", year}}}, s.superior, today);
    sum.sheet = OB_N("汇总表");
    sum.columns = {text("sector", OB_N("类别")), integer("count", OB_N("党组织数"))};
    // One pair of columns a grade; the grade names are the rubric's, so keys are positional.
    for (std::size_t k = 0; k < s.grades.size(); ++k) {
        std::string n = std::to_string(k + 1);
        sum.columns.push_back({"grade" + n + "_count", s.grades[k] + "（个）", CellType::Integer, false, -1});
        Column share{"grade" + n + "_share", s.grades[k] + "（占比）", CellType::Number, false, 1};
        sum.columns.push_back(share);
    }
    auto counts = [&](const GradingCounts& c, const std::string& label) {
        std::vector<Value> row{text_value(label), count(c.count)};
        for (std::size_t k = 0; k < s.grades.size(); ++k) {
            int n = k < c.by_grade.size() ? c.by_grade[k] : 0;
            row.push_back(count(n));
            row.push_back(c.count ? std::round(1000.0 * n / c.count) / 10 : 0.0);
        }
        sum.add_row(std::move(row));
    };
    for (const auto& c : s.sectors) counts(c, c.sector_name);
    counts(s.all, s.all.sector_name.empty() ? OB_N("合计") : s.all.sector_name);
    sum.notes.push_back({OB_N("“{grade}”占比（机关、教育卫生事业单位除外）{share}，上限 {max}：{verdict}"),
                         {{"grade", s.good_grade},
                          {"share", percent(s.good_share)},
                          {"max", percent(s.good_max_share)},
                          {"verdict", s.good_share_ok ? OB_N("符合") : OB_N("超出")}}});
    sum.notes.push_back(
        {OB_N("“{grade}”占比（全部党组织）{share}"), {{"grade", s.good_grade}, {"share", percent(s.good_share_overall)}}});
    // Fewer 较差 than the usual share is information, not a deviation (据实定级).
    sum.notes.push_back(
        {OB_N("“{grade}”占比 {share}，一般在 {target} 左右：{verdict}"),
         {{"grade", s.poor_grade},
          {"share", percent(s.poor_share)},
          {"target", percent(s.poor_target)},
          {"verdict", s.poor_share_ok ? (s.notes.empty() ? OB_N("符合") : OB_N("低于，据实定级")) : OB_N("偏高")}}});
    for (const auto& note : s.notes) sum.notes.push_back(note);
    for (const auto& w : s.warnings) sum.notes.push_back(w);

    Table list = make("summary_rows", {OB_N("{year}年度基层党组织分类定级情况一览表"), {{"year", year}}}, s.superior, today);
    list.sheet = OB_N("一览表");
    list.columns = {integer("no", OB_N("序号")),
                    text("name", OB_N("党组织名称")),
                    text("uid", OB_N("标识")),
                    text("sector", OB_N("类别")),
                    number("total", OB_N("得分"), 1),
                    text("grade", OB_N("等级")),
                    text("needs_explanation", OB_N("须说明"), true),
                    text("why", OB_N("须说明的原因")),
                    text("explanation", OB_N("说明情况"))};
    long long n = 0;
    for (const auto& r : s.rows)
        list.add_row(
            {count(++n), text_value(r.name), text_value(r.uid), text_value(r.sector_name), r.total, text_value(r.grade),
             r.needs_explanation ? Value(std::string(r.explanation.empty() ? OB_N("须说明，尚未填写") : OB_N("是"))) : Value(),
             text_value(r.needs_explanation ? r.why : ""), text_value(r.explanation)});

    Table poor = make("summary_poor", {OB_N("{year}年度较差基层党组织名单"), {{"year", year}}}, s.superior, today);
    poor.sheet = OB_N("较差名单");
    poor.columns = {integer("no", OB_N("序号")),  text("name", OB_N("党组织名称")), text("uid", OB_N("标识")),
                    text("sector", OB_N("类别")), number("total", OB_N("得分"), 1), text("explanation", OB_N("说明情况"))};
    n = 0;
    for (const auto& r : s.poor)
        poor.add_row(
            {count(++n), text_value(r.name), text_value(r.uid), text_value(r.sector_name), r.total, text_value(r.explanation)});
    if (s.poor.empty()) poor.notes.push_back({OB_N("无"), {}});
    if (s.filing)
        sum.notes.push_back(
            {OB_N("已于 {date} 报{with}备案"), {{"date", s.filing->filed_on.iso()}, {"with", s.filing->filed_with}}});
    else sum.notes.push_back({OB_N("尚未备案"), {}});
    return {sum, list, poor, poor_detail_table(s, today), objections_table(s, today)};
}

Table poor_detail_table(const GradingSummary& s, const core::Date& today) {
    Table t = make("summary_poor_detail", {OB_N("{year}年度较差基层党组织状况明细表"), {{"year", std::to_string(s.year)}}},
                   s.superior, today);
    t.sheet = OB_N("较差状况明细表");
    t.columns = {integer("no", OB_N("序号")),       text("name", OB_N("党组织名称")),     text("sector", OB_N("类别")),
                 number("total", OB_N("得分"), 1),  text("problems", OB_N("主要问题")),   text("causes", OB_N("原因分析")),
                 text("leader", OB_N("挂点领导")),  text("department", OB_N("帮扶部门")), text("measures", OB_N("帮扶措施")),
                 date("deadline", OB_N("整改时限"))};
    long long n = 0;
    for (const auto& r : s.poor) {
        const GradingSupport* x = nullptr;
        for (const auto& sp : s.supports)
            if (sp.organisation_id == r.organisation_id) x = &sp;
        t.add_row({count(++n), text_value(r.name), text_value(r.sector_name), r.total,
                   text_value(x && !x->problems.empty() ? x->problems : r.explanation), text_value(x ? x->causes : ""),
                   text_value(x ? x->leader : ""), text_value(x ? x->department : ""),
                   text_value(x ? x->measures : std::string(OB_N("尚未落实帮扶"))), x ? Value(x->deadline) : Value()});
    }
    if (s.poor.empty()) t.notes.push_back({OB_N("无"), {}});
    return t;
}

Table objections_table(const GradingSummary& s, const core::Date& today) {
    Table t = make("summary_objections", {OB_N("{year}年度分类定级公示异议及复核情况"), {{"year", std::to_string(s.year)}}},
                   s.superior, today);
    t.sheet = OB_N("公示异议");
    t.columns = {integer("id", OB_N("编号")),          text("name", OB_N("党组织名称")), date("received_on", OB_N("收到日期")),
                 text("content", OB_N("异议内容")),    text("review", OB_N("复核情况")), text("outcome", OB_N("复核结果"), true),
                 date("reviewed_on", OB_N("复核日期"))};
    for (const auto& o : s.objections)
        t.add_row({count(o.id), text_value(o.organisation), Value(o.received_on), text_value(o.content), text_value(o.review),
                   text_value(objection_outcome_label(o.outcome)), o.reviewed_on ? Value(*o.reviewed_on) : Value()});
    if (s.objections.empty()) t.notes.push_back({OB_N("公示期间未收到异议"), {}});
    return t;
}

// ---------------------------------------------------------------- the safety net

Table history_table(const std::string& organisation, const std::vector<core::HistoryEntry>& entries, const core::Date& today) {
    Table t = make("history", {OB_N("全程纪实"), {}}, organisation, today);
    t.columns = {integer("id", OB_N("编号")),         text("at", OB_N("时间")),   text("by", OB_N("操作人")),
                 text("kind", OB_N("类型")),          text("text", OB_N("内容")), text("details", OB_N("明细")),
                 text("undone", OB_N("已撤销"), true)};
    for (const auto& e : entries) {
        std::string details;
        for (const auto& d : e.details) details += (details.empty() ? "" : "\n") + d;
        t.add_row({count(e.set_id), e.at, e.by, e.kind, e.text, details, std::string(e.undone ? OB_N("是") : "")});
    }
    return t;
}

Table trash_table(const std::string& organisation, const std::vector<core::TrashItem>& items, const core::Date& today) {
    Table t = make("trash", {OB_N("回收站"), {}}, organisation, today);
    t.columns = {integer("id", OB_N("编号")),      text("deleted_at", OB_N("删除时间")),   text("by", OB_N("操作人")),
                 text("kind", OB_N("类型")),       integer("object_id", OB_N("对象编号")), text("title", OB_N("内容")),
                 integer("objects", OB_N("件数")), integer("attached", OB_N("附带")),      text("state", OB_N("状态"))};
    for (const auto& i : items)
        t.add_row(
            {count(i.set_id), i.at, i.by, i.kind, count(i.object_id), i.title, count(i.objects), count(i.attached), i.state});
    return t;
}

Table backups_table(const std::string& organisation, const std::vector<core::BackupInfo>& backups, const core::Date& today) {
    Table t = make("backups", {OB_N("备份"), {}}, organisation, today);
    t.columns = {text("made_at", OB_N("时间")),        text("reason", OB_N("原因")),
                 text("size", OB_N("大小")),           integer("files", OB_N("文件（与档案共享）")),
                 text("file_bytes", OB_N("文件大小")), text("file", OB_N("备份文件"))};
    for (const auto& b : backups)
        t.add_row({b.made_at, b.reason, core::format_size(b.size), count(b.files), core::format_size(b.file_bytes), b.path});
    return t;
}

} // namespace onebook::archive
