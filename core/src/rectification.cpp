#include "onebook/rectification.hpp"

#include "onebook/error.hpp"
#include "onebook/text_limits.hpp"

#include <algorithm>
#include <cctype>

namespace onebook::core {

const char* to_string(RectStatus s) {
    switch (s) {
    case RectStatus::Open: return "open";
    case RectStatus::InProgress: return "in_progress";
    case RectStatus::Done: return "done";
    case RectStatus::Closed: return "closed";
    }
    return "open";
}

const char* label_zh(RectStatus s) {
    switch (s) {
    case RectStatus::Open: return "未开始";
    case RectStatus::InProgress: return "整改中";
    case RectStatus::Done: return "已完成";
    case RectStatus::Closed: return "已销号";
    }
    return "";
}

std::optional<RectStatus> parse_rect_status(const std::string& text) {
    std::string t;
    for (char c : text) t += c == '-' || c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "open" || t == "未开始" || t == "待整改") return RectStatus::Open;
    if (t == "in_progress" || t == "progress" || t == "inprogress" || t == "整改中" || t == "进行中")
        return RectStatus::InProgress;
    if (t == "done" || t == "已完成" || t == "完成") return RectStatus::Done;
    if (t == "closed" || t == "close" || t == "已销号" || t == "销号") return RectStatus::Closed;
    return std::nullopt;
}

namespace {

RectStatus status_from_db(const std::string& s) {
    auto st = parse_rect_status(s);
    return st ? *st : RectStatus::Open;
}

Date date_from_db(const std::string& s) {
    auto d = Date::parse(s);
    return d ? *d : Date();
}

bool has_space(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

} // namespace

RectSource RectSource::finding(const std::string& ref) {
    std::string r = trim(ref);
    auto at = r.find('@');
    std::string rule = at == std::string::npos ? r : r.substr(0, at);
    std::string window = at == std::string::npos ? "" : r.substr(at + 1);
    if (rule.empty() || has_space(r) || (at != std::string::npos && window.empty()) ||
        r.find('@', at == std::string::npos ? r.size() : at + 1) != std::string::npos)
        throw Error("检查发现的引用“{ref}”格式不对，应写作 规则标识@时段，例如 community.freq.assembly@2025-Q2", {{"ref", ref}},
                    {{}, {}, "from-finding"});
    return {Kind::Finding, r};
}

RectSource RectSource::deduction(int year, const std::string& item_id) {
    std::string item = trim(item_id);
    if (year < 1990 || year > 2100)
        throw Error("测评扣分的年度“{year}”不合理", {{"year", std::to_string(year)}}, {{}, {}, "from-deduction"});
    if (item.empty() || has_space(item))
        throw Error("测评扣分的测评项“{item}”为空或含空格", {{"item", item_id}}, {{}, {}, "from-deduction"});
    return {Kind::Deduction, std::to_string(year) + ":" + item};
}

RectSource RectSource::parse_deduction(const std::string& text) {
    auto colon = text.find(':');
    std::string year = colon == std::string::npos ? "" : trim(text.substr(0, colon));
    bool digits = year.size() == 4 && std::all_of(year.begin(), year.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits)
        throw Error("测评扣分的引用“{ref}”格式不对，应写作 年度:测评项，例如 2025:community.sanhao.3.2", {{"ref", text}},
                    {{}, {}, "from-deduction"});
    return deduction(std::stoi(year), text.substr(colon + 1));
}

int RectSource::deduction_year() const {
    if (kind != Kind::Deduction) return 0;
    return std::atoi(ref.substr(0, ref.find(':')).c_str());
}

std::string RectSource::deduction_item() const {
    if (kind != Kind::Deduction) return {};
    auto colon = ref.find(':');
    return colon == std::string::npos ? std::string() : ref.substr(colon + 1);
}

const char* RectSource::kind_name() const {
    switch (kind) {
    case Kind::Finding: return "finding";
    case Kind::Deduction: return "deduction";
    case Kind::None: break;
    }
    return "";
}

std::string RectSource::describe() const {
    switch (kind) {
    case Kind::Finding: return "检查发现 " + ref;
    case Kind::Deduction: return std::to_string(deduction_year()) + " 年测评扣分 " + deduction_item();
    case Kind::None: break;
    }
    return {};
}

bool RectificationItem::overdue(const Date& today) const { return !finished() && deadline.valid() && today > deadline; }

long RectificationItem::days_overdue(const Date& today) const { return overdue(today) ? today.days() - deadline.days() : 0; }

void Rectification::validate(const RectificationItem& item) {
    auto required = [](const std::string& value, const char* field, const char* label) {
        if (trim(value).empty()) throw Error("整改事项缺少“{label}”", {{"label", label}}, {{}, {}, field});
    };
    required(item.issue, "issue", "整改事项");
    required(item.measures, "measures", "主要措施");
    check_length(item.issue, limits::text, "整改事项", "issue");
    check_length(item.measures, limits::text, "主要措施", "measures");
    required(item.owner, "owner", "责任人");
    if (!item.deadline.valid()) throw Error("整改事项缺少“完成时限”", {}, {{}, {}, "deadline"});
    if (item.created_on.valid() && item.deadline < item.created_on)
        throw Error("完成时限 {deadline} 早于事项登记日期 {created}，请检查日期",
                    {{"deadline", item.deadline.iso()}, {"created", item.created_on.iso()}}, {{}, {}, "deadline"});
}

bool Rectification::allowed(RectStatus from, RectStatus to) {
    switch (from) {
    case RectStatus::Open: return to == RectStatus::InProgress;
    case RectStatus::InProgress: return to == RectStatus::Done;
    case RectStatus::Done: return to == RectStatus::Closed || to == RectStatus::InProgress;
    case RectStatus::Closed: return false;
    }
    return false;
}

Id Rectification::add(RectificationItem& item, const std::string& note) {
    if (!item.created_on.valid()) item.created_on = Date::today();
    item.organisation_id = m_org;
    item.status = RectStatus::Open;
    item.issue = trim(item.issue);
    item.measures = trim(item.measures);
    item.owner = trim(item.owner);
    validate(item);
    Transaction tx(m_db);
    // Its creation is the first line of its history: the journal's row of this INSERT.
    auto st = m_db.prepare(
        "INSERT INTO rectification_item(organisation_id, issue, measures, owner_member_id, owner_name, deadline, target, "
        "progress, status, source_kind, source_ref, created_on, status_on, status_note, status_seq) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    st.bind(1, m_org).bind(2, item.issue).bind(3, item.measures);
    if (item.owner_member_id) st.bind(4, *item.owner_member_id);
    else st.bind_null(4);
    st.bind(5, item.owner).bind(6, item.deadline.iso());
    st.bind(7, item.target.empty() ? std::optional<std::string>() : item.target);
    st.bind(8, item.progress.empty() ? std::optional<std::string>() : item.progress);
    st.bind(9, to_string(item.status));
    if (item.source.empty()) st.bind_null(10).bind_null(11);
    else st.bind(10, item.source.kind_name()).bind(11, item.source.ref);
    st.bind(12, item.created_on.iso()).bind(13, item.created_on.iso());
    st.bind(14, trim(note).empty() ? std::string("登记整改事项") : trim(note));
    st.run();
    item.id = m_db.last_insert_id();
    tx.commit();
    return item.id;
}

void Rectification::edit(const RectificationItem& changed) {
    auto current = require(changed.id);
    if (current.status == RectStatus::Closed)
        throw Error("整改事项 #{id} 已销号，不能再修改", {{"id", std::to_string(changed.id)}});
    RectificationItem item = changed;
    item.created_on = current.created_on;
    item.issue = trim(item.issue);
    item.measures = trim(item.measures);
    item.owner = trim(item.owner);
    validate(item);
    Transaction tx(m_db);
    auto st = m_db.prepare("UPDATE rectification_item SET issue=?, measures=?, owner_member_id=?, owner_name=?, deadline=?, "
                           "target=?, progress=? WHERE id=? AND organisation_id=?");
    st.bind(1, item.issue).bind(2, item.measures);
    if (item.owner_member_id) st.bind(3, *item.owner_member_id);
    else st.bind_null(3);
    st.bind(4, item.owner).bind(5, item.deadline.iso());
    st.bind(6, item.target.empty() ? std::optional<std::string>() : item.target);
    st.bind(7, item.progress.empty() ? std::optional<std::string>() : item.progress);
    st.bind(8, item.id).bind(9, m_org);
    st.run();
    tx.commit();
}

void Rectification::change_status(Id id, RectStatus to, const Date& on, const std::string& note,
                                  const std::optional<std::string>& progress, const Date& today) {
    auto item = require(id);
    const std::string sid = std::to_string(id);
    if (item.status == to)
        throw Error("整改事项 #{id} 已经是“{status}”", {{"id", sid}, {"status", label_zh(to)}}, {{}, {}, "status"});
    if (item.status == RectStatus::Closed)
        throw Error("整改事项 #{id} 已销号，状态不能再更改", {{"id", sid}}, {{}, {}, "status"});
    if (!allowed(item.status, to)) {
        MessageParams params{{"id", sid}, {"from", label_zh(item.status)}, {"to", label_zh(to)}};
        if (to == RectStatus::Closed)
            throw Error("整改事项 #{id} 当前为“{from}”，不能销号：只有“已完成”的事项才能销号", params, {{}, {}, "status"});
        if (item.status == RectStatus::Open && to == RectStatus::Done)
            throw Error("整改事项 #{id} 当前为“{from}”，不能直接改为“{to}”：请先改为“整改中”", params, {{}, {}, "status"});
        throw Error("整改事项 #{id} 当前为“{from}”，不能改为“{to}”：顺序是 未开始 → 整改中 → 已完成 → 已销号"
                    "（回头看发现未完成时可由 已完成 退回 整改中）",
                    params, {{}, {}, "status"});
    }
    if (!on.valid()) throw Error("状态变更缺少日期", {}, {{}, {}, "date"});
    if (on > today)
        throw Error("状态变更日期 {date} 晚于今天 {today}", {{"date", on.iso()}, {"today", today.iso()}}, {{}, {}, "date"});
    Date last_on = last_status_change(id).value_or(item.created_on);
    if (on < last_on)
        throw Error("状态变更日期 {date} 早于上一次变更（{last}），请检查日期", {{"date", on.iso()}, {"last", last_on.iso()}},
                    {{}, {}, "date"});
    // One UPDATE: the journal's row of it is the history line (from, to, date, note).
    Transaction tx(m_db);
    std::string text = trim(note).empty() ? std::string("改为“") + label_zh(to) + "”" : trim(note);
    auto st = m_db.prepare("UPDATE rectification_item SET status=?, status_on=?, status_note=?, status_seq=status_seq+1 "
                           "WHERE id=? AND organisation_id=?");
    st.bind_all(std::string(to_string(to)), on.iso(), text, id, m_org);
    st.run();
    if (progress) {
        auto p = m_db.prepare("UPDATE rectification_item SET progress=? WHERE id=?");
        p.bind(1, trim(*progress).empty() ? std::optional<std::string>() : trim(*progress)).bind(2, id);
        p.run();
    }
    tx.commit();
}

std::optional<Date> Rectification::last_status_change(Id id) {
    auto st = m_db.prepare("SELECT status_on FROM rectification_item WHERE id=? AND organisation_id=?");
    st.bind_all(id, m_org);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return date_from_db(st.get_text(0));
}

void Rectification::close(Id id, const Date& on, const std::string& note, const Date& today) {
    change_status(id, RectStatus::Closed, on, note.empty() ? std::string("整改完成，经核查销号") : note, std::nullopt, today);
}

void Rectification::remove(Id id) {
    require(id);
    Transaction tx(m_db);
    auto st = m_db.prepare("DELETE FROM rectification_item WHERE id=? AND organisation_id=?");
    st.bind_all(id, m_org);
    st.run();
    tx.commit();
}

namespace {

const char* item_columns = "SELECT id, organisation_id, issue, measures, owner_member_id, owner_name, deadline, target, "
                           "progress, status, source_kind, source_ref, created_on FROM rectification_item ";

RectificationItem read_item(Statement& st) {
    RectificationItem it;
    it.id = st.get_int(0);
    it.organisation_id = st.get_int(1);
    it.issue = st.get_text(2);
    it.measures = st.get_text(3);
    it.owner_member_id = st.get_opt_int(4);
    it.owner = st.get_text(5);
    it.deadline = date_from_db(st.get_text(6));
    it.target = st.get_text(7);
    it.progress = st.get_text(8);
    it.status = status_from_db(st.get_text(9));
    std::string kind = st.get_text(10);
    if (kind == "finding") it.source = {RectSource::Kind::Finding, st.get_text(11)};
    else if (kind == "deduction") it.source = {RectSource::Kind::Deduction, st.get_text(11)};
    it.created_on = date_from_db(st.get_text(12));
    return it;
}

} // namespace

std::optional<RectificationItem> Rectification::item(Id id) {
    auto st = m_db.prepare(std::string(item_columns) + "WHERE id=? AND organisation_id=?");
    st.bind_all(id, m_org);
    if (!st.step()) return std::nullopt;
    return read_item(st);
}

RectificationItem Rectification::require(Id id) {
    auto it = item(id);
    if (!it) throw Error("没有编号为 {id} 的整改事项", {{"id", std::to_string(id)}}, {{}, {}, "id"});
    return *it;
}

std::vector<RectificationItem> Rectification::list(const Date& today, const RectListOptions& options) {
    auto st = m_db.prepare(std::string(item_columns) + "WHERE organisation_id=? ORDER BY deadline, id");
    st.bind(1, m_org);
    std::vector<RectificationItem> out;
    while (st.step()) {
        auto it = read_item(st);
        if (!options.include_closed && it.status == RectStatus::Closed) continue;
        out.push_back(std::move(it));
    }
    if (options.overdue_first)
        std::stable_sort(out.begin(), out.end(), [&](const RectificationItem& a, const RectificationItem& b) {
            // Overdue items on top (most overdue first); the rest keep deadline order, closed last.
            bool ao = a.overdue(today), bo = b.overdue(today);
            if (ao != bo) return ao;
            if (ao) return a.deadline < b.deadline;
            bool ac = a.status == RectStatus::Closed, bc = b.status == RectStatus::Closed;
            return !ac && bc;
        });
    return out;
}

std::vector<RectStatusChange> Rectification::history(Id id) {
    auto st = m_db.prepare("SELECT h.id, h.item_id, h.changed_on, h.from_status, h.to_status, h.note "
                           "FROM rectification_history h JOIN rectification_item i ON i.id = h.item_id "
                           "WHERE h.item_id=? AND i.organisation_id=? ORDER BY h.id");
    st.bind_all(id, m_org);
    std::vector<RectStatusChange> out;
    while (st.step()) {
        RectStatusChange c;
        c.id = st.get_int(0);
        c.item_id = st.get_int(1);
        c.on = date_from_db(st.get_text(2));
        if (!st.is_null(3)) c.from = status_from_db(st.get_text(3));
        c.to = status_from_db(st.get_text(4));
        c.note = st.get_text(5);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<RectificationItem> Rectification::linked_to(const RectSource& source) {
    std::vector<RectificationItem> out;
    if (source.empty()) return out;
    auto st = m_db.prepare(std::string(item_columns) + "WHERE organisation_id=? AND source_kind=? AND source_ref=? ORDER BY id");
    st.bind_all(m_org, std::string(source.kind_name()), source.ref);
    while (st.step()) out.push_back(read_item(st));
    return out;
}

int Rectification::count_overdue(const Date& today) {
    auto st = m_db.prepare("SELECT count(*) FROM rectification_item WHERE organisation_id=? AND status IN ('open','in_progress') "
                           "AND deadline < ?");
    st.bind_all(m_org, today.iso());
    st.step();
    return static_cast<int>(st.get_int(0));
}

} // namespace onebook::core
