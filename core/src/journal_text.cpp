#include "journal_text.hpp"

#include "onebook/error.hpp"
#include "onebook/platform.hpp"

#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace onebook::core {

namespace {

using Fields = std::vector<std::pair<std::string, std::optional<std::string>>>;

Fields fields_of(Database& db, const std::optional<std::string>& json) {
    Fields out;
    if (!json) return out;
    Statement st(db, "SELECT key, value FROM json_each(?)");
    st.bind(1, *json);
    while (st.step()) out.emplace_back(st.get_text(0), st.get_opt_text(1));
    return out;
}

std::optional<std::string> field(const Fields& f, const std::string& key) {
    for (const auto& [k, v] : f)
        if (k == key) return v;
    return std::nullopt;
}

struct TableText {
    const char* label;
    const char* object; ///< object kind name for the history filter, or ""
};

const std::map<std::string, TableText>& tables() {
    static const std::map<std::string, TableText> m = {
        {"record", {OB_N("会议记录"), "record"}},
        {"record_attendance", {OB_N("出席情况"), ""}},
        {"record_attachment", {OB_N("记录附件"), ""}},
        {"meeting_plan", {OB_N("年度计划"), "plan"}},
        {"member", {OB_N("党员"), "member"}},
        {"member_private", {OB_N("党员个人信息"), ""}},
        {"party_group", {OB_N("党小组"), "group"}},
        {"committee_term", {OB_N("支委会届次"), ""}},
        {"committee_member", {OB_N("支委会成员"), ""}},
        {"activist", {OB_N("入党积极分子"), ""}},
        {"organisation", {OB_N("组织"), ""}},
        {"setting", {OB_N("设置"), ""}},
        {"assessment", {OB_N("考核"), "assessment"}},
        {"assessment_score", {OB_N("考核评分"), ""}},
        {"assessment_survey", {OB_N("满意度测评"), ""}},
        {"assessment_veto", {OB_N("否决项"), ""}},
        {"rectification_item", {OB_N("整改事项"), "rectification"}},
        {"rectification_history", {OB_N("整改进展"), ""}},
        {"dues_period", {OB_N("党费收缴"), ""}},
        {"member_dues", {OB_N("党员党费"), ""}},
        {"three_high_survey", {OB_N("群众评议“三高”"), ""}},
        {"recruit_event_document", {OB_N("发展党员材料"), ""}},
        {"member_movement_document", {OB_N("组织关系转接材料"), ""}},
        {"stored_file", {OB_N("文件"), ""}},
        {"document", {OB_N("归档文件"), "document"}},
        {"rule_text", {OB_N("制度"), ""}},
        {"book_entry", {OB_N("条目"), "entry"}},
        {"package_import", {OB_N("档案包导入"), ""}},
        {"package_import_change", {OB_N("档案包导入明细"), ""}},
        {"package_row", {OB_N("档案包行对应"), ""}},
        {"package_setting", {OB_N("档案包设置"), ""}},
        {"grading_explanation", {OB_N("说明情况"), ""}},
    };
    return m;
}

// Columns shown by their Chinese names; a column not listed is shown by its own name.
const std::map<std::string, const char*>& columns() {
    static const std::map<std::string, const char*> m = {
        {"record.type_name", OB_N("会议类型")},
        {"record.date", OB_N("日期")},
        {"record.time", OB_N("时间")},
        {"record.place", OB_N("地点")},
        {"record.host", OB_N("主持人")},
        {"record.recorder", OB_N("记录人")},
        {"record.topic", OB_N("主题")},
        {"record.hours", OB_N("学时")},
        {"record.vote", OB_N("表决")},
        {"record.quorum_met", OB_N("到会人数过半")},
        {"record.fields", OB_N("记录内容")},
        {"record_attendance.name", OB_N("姓名")},
        {"record_attendance.present", OB_N("出席")},
        {"record_attendance.reason", OB_N("缺席原因")},
        {"record_attachment.path", OB_N("附件")},
        {"member.name", OB_N("姓名")},
        {"member.gender", OB_N("性别")},
        {"member.ethnicity", OB_N("民族")},
        {"member.birth_date", OB_N("出生日期")},
        {"member.education", OB_N("学历")},
        {"member.workplace_post", OB_N("工作单位及职务")},
        {"member.join_date", OB_N("入党时间")},
        {"member.full_date", OB_N("转正时间")},
        {"member.status", OB_N("党员类别")},
        {"member.group_id", OB_N("所在党小组")},
        {"member.category", OB_N("人员类别")},
        {"member.employer", OB_N("工作单位")},
        {"member.notes", OB_N("备注")},
        {"member_private.id_number", OB_N("身份证号")},
        {"member_private.phone", OB_N("联系电话")},
        {"member_private.address", OB_N("家庭住址")},
        {"rectification_item.issue", OB_N("整改事项")},
        {"rectification_item.measures", OB_N("主要措施")},
        {"rectification_item.owner_name", OB_N("责任人")},
        {"rectification_item.deadline", OB_N("完成时限")},
        {"rectification_item.target", OB_N("量化目标")},
        {"rectification_item.progress", OB_N("完成情况")},
        {"rectification_item.status", OB_N("状态")},
        {"rectification_item.status_on", OB_N("状态变更日期")},
        {"rectification_item.status_note", OB_N("状态变更说明")},
        {"document.title", OB_N("题名")},
        {"document.author", OB_N("责任者")},
        {"document.doc_ref", OB_N("文号")},
        {"document.doc_date", OB_N("日期")},
        {"document.secret", OB_N("密级")},
        {"document.pages", OB_N("页数")},
        {"document.notes", OB_N("备注")},
        {"document.retention", OB_N("保管期限")},
        {"document.section_id", OB_N("栏目")},
        {"document.file_name", OB_N("文件名")},
        {"document.year", OB_N("年度")},
        {"document.item_no", OB_N("件号")},
        {"book_entry.title", OB_N("标题")},
        {"book_entry.body", OB_N("内容")},
        {"book_entry.entry_date", OB_N("日期")},
        {"assessment_score.points", OB_N("得分")},
        {"assessment_score.reason", OB_N("扣分理由")},
        {"assessment_score.note", OB_N("说明")},
        {"assessment.final_grade", OB_N("等次")},
        {"setting.value", OB_N("值")},
        {"meeting_plan.count", OB_N("次数")},
        {"dues_period.amount_fen", OB_N("收缴金额（分）")},
        {"member_dues.due_fen", OB_N("应交（分）")},
        {"member_dues.paid_fen", OB_N("已交（分）")},
        {"member_dues.paid_on", OB_N("交纳日期")},
        {"member_dues.month", OB_N("月份")},
        {"party_group.name", OB_N("名称")},
    };
    return m;
}

// Bookkeeping columns nobody needs to read in the history.
bool hidden_column(const std::string& c) {
    static const std::set<std::string> h = {"id",          "organisation_id", "created_at",    "updated_at", "filed_at",
                                            "stored_at",   "scored_at",       "recorded_at",   "flagged_at", "edited_at",
                                            "record_id",   "member_id",       "assessment_id", "item_id",    "host_id",
                                            "recorder_id", "owner_member_id", "status_seq"};
    return h.count(c) > 0;
}

bool private_table(const std::string& t) { return t == "member_private"; }

std::string value_text(const std::string& table, const std::string& col, const std::optional<std::string>& v,
                       const Translate& tr) {
    if (!v || v->empty()) return tr(OB_N("（空）"));
    if (table == "record_attendance" && col == "present") return *v == "1" ? tr(OB_N("出席")) : tr(OB_N("缺席"));
    if (table == "rectification_item" && col == "status") {
        if (*v == "open") return tr(OB_N("未开始"));
        if (*v == "in_progress") return tr(OB_N("整改中"));
        if (*v == "done") return tr(OB_N("已完成"));
        if (*v == "closed") return tr(OB_N("已销号"));
    }
    // Long texts (minutes, bodies): the start is enough to recognise them.
    std::string s = *v;
    std::size_t chars = 0, i = 0;
    while (i < s.size() && chars < 40) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++chars;
    }
    for (auto& ch : s)
        if (ch == '\n') ch = ' ';
    return i < s.size() ? s.substr(0, i) + "…" : s;
}

std::string column_label(const std::string& table, const std::string& col, const Translate& tr) {
    auto it = columns().find(table + "." + col);
    return it == columns().end() ? col : tr(it->second);
}

struct Change {
    std::string table;
    char op;
    std::int64_t row_id;
    Fields before, after;
    std::optional<std::string> before_json, after_json;
};

// A record's attendance is rewritten on every save (delete + insert): a deleted and an inserted row
// with the same unique key (record, name) are one change of that row.
std::vector<Change> pair_rewrites(Database& db, std::vector<Change> in) {
    std::map<std::string, std::vector<std::string>> unique_cols;
    auto unique_of = [&](const std::string& t) -> const std::vector<std::string>& {
        auto it = unique_cols.find(t);
        if (it != unique_cols.end()) return it->second;
        std::vector<std::string> cols;
        Statement il(db, "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'");
        il.bind(1, t);
        if (il.step()) {
            Statement ic(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno");
            ic.bind(1, il.get_text(0));
            while (ic.step()) cols.push_back(ic.get_text(0));
        }
        return unique_cols[t] = cols;
    };
    std::vector<Change> out;
    std::vector<bool> used(in.size(), false);
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (used[i]) continue;
        if (in[i].op == 'D' && !unique_of(in[i].table).empty()) {
            const auto& key = unique_of(in[i].table);
            for (std::size_t j = i + 1; j < in.size(); ++j) {
                if (used[j] || in[j].op != 'I' || in[j].table != in[i].table) continue;
                bool same = true;
                for (const auto& k : key) same = same && field(in[i].before, k) == field(in[j].after, k);
                if (!same) continue;
                used[j] = true;
                Change c{in[i].table, 'U', in[j].row_id, in[i].before, in[j].after, in[i].before_json, in[j].after_json};
                bool differs = false;
                for (const auto& [k, v] : c.after)
                    if (k != "id" && field(c.before, k) != v) differs = true;
                if (differs) out.push_back(std::move(c));
                used[i] = true;
                break;
            }
            if (used[i]) continue;
        }
        out.push_back(in[i]);
    }
    return out;
}

/// The current row as a JSON image ("{}" when it is gone).
std::string row_json(Database& db, const std::string& table, const std::string& rowid) {
    std::string expr = "json_object(";
    Statement cols(db, "SELECT name FROM pragma_table_info(?)");
    cols.bind(1, table);
    bool first = true;
    while (cols.step()) {
        std::string c = cols.get_text(0);
        expr += (first ? "'" : ", '") + c + "', \"" + c + "\"";
        first = false;
    }
    expr += ")";
    Statement st(db, "SELECT " + expr + " FROM \"" + table + "\" WHERE rowid = ?");
    st.bind(1, rowid);
    return st.step() ? st.get_text(0) : std::string("{}");
}

std::string fmt_count(int n, const Translate& tr) {
    std::string t = tr(OB_N("{n} 项"));
    auto p = t.find("{n}");
    if (p != std::string::npos) t.replace(p, 3, std::to_string(n));
    return t;
}

std::string verb(char op, const Translate& tr) {
    return op == 'I' ? tr(OB_N("新增了")) : op == 'D' ? tr(OB_N("删除了")) : tr(OB_N("修改了"));
}

} // namespace

ObjectKind object_kind(const std::string& name) {
    if (name == "record") return {"record", {{"record_attendance", "record_id"}, {"record_attachment", "record_id"}}};
    if (name == "member") return {"member", {{"member_private", "member_id"}}};
    if (name == "document") return {"document", {}};
    if (name == "rectification") return {"rectification_item", {{"rectification_history", "item_id"}}};
    if (name == "entry") return {"book_entry", {}};
    if (name == "assessment")
        return {"assessment",
                {{"assessment_score", "assessment_id"},
                 {"assessment_survey", "assessment_id"},
                 {"assessment_veto", "assessment_id"}}};
    if (name == "group") return {"party_group", {}};
    throw Error(OB_N("不认识的对象类型 {kind}（可用：record、member、document、rectification、entry、assessment、group）"),
                {{"kind", name}}, {{}, {}, "object"});
}

std::string object_kind_of_table(const std::string& table) {
    auto it = tables().find(table);
    return it == tables().end() ? std::string() : it->second.object;
}

bool is_trashable(const std::string& t) {
    return t == "record" || t == "member" || t == "document" || t == "rectification_item" || t == "book_entry";
}

std::string kind_label(const std::string& kind) {
    if (kind == "create") return OB_N("新建档案");
    if (kind == "edit") return OB_N("修改");
    if (kind == "import") return OB_N("导入");
    if (kind == "undo") return OB_N("撤销");
    if (kind == "redo") return OB_N("重做");
    if (kind == "restore") return OB_N("从回收站恢复");
    if (kind == "purge") return OB_N("永久清除");
    if (kind == "migration") return OB_N("升级档案结构");
    if (kind == "backup-restore") return OB_N("从备份恢复");
    return kind;
}

std::string table_label(const std::string& table) {
    auto it = tables().find(table);
    return it == tables().end() ? table : it->second.label;
}

std::string object_title(Database& db, const std::string& table, const std::string& json) {
    Fields f = fields_of(db, json);
    auto get = [&](const char* k) { return field(f, k).value_or(""); };
    if (table == "record") {
        std::string t = get("date") + " " + get("type_name");
        if (!get("topic").empty()) t += " " + get("topic");
        return t;
    }
    if (table == "member" || table == "record_attendance" || table == "activist" || table == "party_group" ||
        table == "committee_member")
        return get("name");
    if (table == "document" || table == "book_entry" || table == "rule_text") return get("title");
    if (table == "rectification_item") return get("issue");
    if (table == "assessment") return get("year");
    if (table == "assessment_score") return get("item_id");
    if (table == "setting") return get("key");
    if (table == "meeting_plan") return get("year") + " " + get("type_name") + " " + get("month");
    if (table == "dues_period") return get("period");
    if (table == "stored_file") return get("original_name");
    if (table == "record_attachment") return get("path").substr(0, 15);
    if (table == "organisation") return get("name");
    return "#" + get("id");
}

std::string local_time(const std::string& utc) {
    std::tm tm{};
    if (utc.size() < 19 || std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                                       &tm.tm_min, &tm.tm_sec) != 6)
        return utc;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::tm local = platform::local_time(platform::utc_time(tm));
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

namespace {

/// A change set's rows with their fields read, a rewritten row counted once.
std::vector<Change> changes_of(Database& db, const ChangeSet& s) {
    std::vector<Change> changes;
    for (const auto& r : s.rows)
        changes.push_back({r.table, r.op, r.row_id, fields_of(db, r.before), fields_of(db, r.after), r.before, r.after});
    return pair_rewrites(db, std::move(changes));
}

/// Only parts changed (a record's attendance): the headline names the object they belong to.
std::optional<std::string> owner_headline(Database& db, const Change& c, const Translate& tr) {
    static const std::map<std::string, std::pair<std::string, std::string>> parents = {
        {"record_attendance", {"record", "record_id"}},        {"record_attachment", {"record", "record_id"}},
        {"member_private", {"member", "member_id"}},           {"rectification_history", {"rectification_item", "item_id"}},
        {"assessment_score", {"assessment", "assessment_id"}}, {"assessment_survey", {"assessment", "assessment_id"}},
        {"assessment_veto", {"assessment", "assessment_id"}},  {"committee_member", {"committee_term", "term_id"}}};
    auto p = parents.find(c.table);
    if (p == parents.end()) return std::nullopt;
    auto id = field(c.op == 'D' ? c.before : c.after, p->second.second);
    if (!id && c.op == 'U') // changed in place: the owner is the row's as it is
        id = field(fields_of(db, row_json(db, c.table, std::to_string(c.row_id))), p->second.second);
    std::string title = id ? object_title(db, p->second.first, row_json(db, p->second.first, *id)) : "";
    return tr(OB_N("修改了")) + " " + tr(table_label(p->second.first)) + "「" + title + "」";
}

/// The headline names the main object: the first row of a table that is an object of its own.
std::string headline_of(Database& db, const std::vector<Change>& cs, const Translate& tr) {
    const Change* main = nullptr;
    int same = 0;
    for (const auto& c : cs)
        if (!object_kind_of_table(c.table).empty() || c.table == "setting" || c.table == "organisation") {
            if (!main) main = &c;
            if (c.table == main->table && c.op == main->op) ++same;
        }
    if (!main && !cs.empty()) {
        if (auto owner = owner_headline(db, cs.front(), tr)) return *owner;
        main = &cs.front();
    }
    if (!main) return tr(OB_N("（无改动）"));
    std::string json = (main->op == 'D' ? main->before_json : main->after_json).value_or("{}");
    if (main->op == 'U') {
        // An update keeps only what it changed: the rest of the title comes from the row as it is.
        std::string now = row_json(db, main->table, std::to_string(main->row_id));
        Statement patch(db, "SELECT json_patch(?, ?)");
        patch.bind_all(now, json);
        if (patch.step()) json = patch.get_text(0);
    }
    std::string what = tr(table_label(main->table));
    if (same > 1) return verb(main->op, tr) + " " + fmt_count(same, tr) + what;
    return verb(main->op, tr) + " " + what + "「" + object_title(db, main->table, json) + "」";
}

std::string summary_or_headline(Database& db, const ChangeSet& s, const Translate& tr) {
    return s.summary.empty() ? headline_of(db, changes_of(db, s), tr) : s.summary;
}

/// An undo, redo, restore or purge is told by the set it reverts (an undone undo by the original).
std::string revert_headline(Database& db, const ChangeSet& s, const Translate& tr,
                            const std::function<std::optional<ChangeSet>(std::int64_t)>& lookup) {
    std::optional<ChangeSet> target = s.reverts ? lookup(*s.reverts) : std::nullopt;
    std::string target_text;
    if (target && target->kind == "undo" && target->reverts) {
        if (auto orig = lookup(*target->reverts)) target_text = summary_or_headline(db, *orig, tr);
    } else if (target) {
        target_text = summary_or_headline(db, *target, tr);
    }
    return tr(kind_label(s.kind)) + "：" + target_text;
}

/// One line per field a change touched; a part added or removed (an attendee) in one line.
void add_detail_lines(const Change& c, bool several, const Translate& tr, std::vector<std::string>& out) {
    bool is_main = !object_kind_of_table(c.table).empty();
    std::string prefix;
    if (!is_main || several) {
        const Fields& img = c.op == 'D' ? c.before : c.after;
        std::string title;
        if (c.table == "record_attendance") title = field(img, "name").value_or("");
        prefix = tr(table_label(c.table)) + (title.empty() ? "" : "（" + title + "）");
    }
    if (c.op == 'U') {
        for (const auto& [k, v] : c.after) {
            if (hidden_column(k)) continue;
            auto b = field(c.before, k);
            if (b == v) continue;
            std::string line = (prefix.empty() ? "" : prefix + " ") + column_label(c.table, k, tr) + "：";
            if (private_table(c.table)) line += tr(OB_N("（已修改，不显示个人信息）"));
            else line += value_text(c.table, k, b, tr) + " → " + value_text(c.table, k, v, tr);
            out.push_back(line);
        }
    } else if (!is_main && c.table != "setting" && c.table != "organisation") {
        const Fields& img = c.op == 'D' ? c.before : c.after;
        std::string line = (c.op == 'I' ? tr(OB_N("新增")) : tr(OB_N("删除"))) + " " + prefix;
        if (c.table == "record_attendance")
            line += "：" + value_text(c.table, "present", field(img, "present"), tr) +
                    (field(img, "reason").value_or("").empty() ? "" : "（" + *field(img, "reason") + "）");
        out.push_back(line);
    }
}

} // namespace

HistoryEntry describe_set(Database& db, const ChangeSet& s, const Translate& tr,
                          const std::function<std::optional<ChangeSet>(std::int64_t)>& lookup) {
    HistoryEntry e;
    e.set_id = s.id;
    e.at = local_time(s.at);
    e.by = s.by;
    e.kind = s.kind;
    e.undone = s.reverted_by.has_value();

    std::vector<Change> changes = changes_of(db, s);
    std::string head;
    if (s.kind == "undo" || s.kind == "redo" || s.kind == "restore" || s.kind == "purge")
        head = revert_headline(db, s, tr, lookup);
    else head = s.summary.empty() ? headline_of(db, changes, tr) : s.summary;
    if (s.kind == "edit" || s.kind == "redo") {
        bool trashed = false;
        for (const auto& r : s.rows) trashed = trashed || (r.op == 'D' && is_trashable(r.table));
        if (trashed) head += tr(OB_N("（已移入回收站）"));
    }
    e.text = e.at + " " + e.by + " " + head;

    // Details: one line per field changed (not for undo/redo: their target's lines say it).
    for (const auto& c : changes) add_detail_lines(c, changes.size() > 1, tr, e.details);
    return e;
}

} // namespace onebook::core
