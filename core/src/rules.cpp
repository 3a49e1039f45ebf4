// The rules engine: loads rule data (plugin + region override) and evaluates it per calendar
// window against the archive's records and roster. All thresholds and periods come from the data.
#include "onebook/rules.hpp"
#include "onebook/numbers.hpp"
#include "onebook/platform.hpp"

#include "onebook/meeting_template.hpp"
#include "onebook/plan.hpp"
#include "onebook/records.hpp"
#include "onebook/roster.hpp"

#include <Poco/JSON/Parser.h>

#include "onebook/text_limits.hpp"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::core {

using Poco::JSON::Object;

std::string RuleDef::text(const std::string& key, const std::string& fallback) const {
    if (!params || !params->has(key) || params->isNull(key)) return fallback;
    auto v = params->get(key);
    return v.isString() ? v.convert<std::string>() : fallback;
}

double RuleDef::number(const std::string& key, double fallback) const {
    if (!params || !params->has(key) || params->isNull(key)) return fallback;
    auto v = params->get(key);
    return v.isNumeric() ? v.convert<double>() : fallback;
}

std::vector<std::string> RuleDef::list(const std::string& key) const {
    std::vector<std::string> out;
    if (!params || !params->has(key) || params->isNull(key)) return out;
    if (params->isArray(key)) {
        auto arr = params->getArray(key);
        for (std::size_t i = 0; i < arr->size(); ++i) out.push_back(arr->get(static_cast<unsigned>(i)).convert<std::string>());
    } else if (params->get(key).isString()) {
        out.push_back(params->get(key).convert<std::string>());
    }
    return out;
}

bool RuleDef::flag(const std::string& key, bool fallback) const {
    if (!params || !params->has(key) || params->isNull(key)) return fallback;
    auto v = params->get(key);
    return v.isBoolean() ? v.convert<bool>() : fallback;
}

namespace {

// ---------------------------------------------------------------- loading

const std::set<std::string>& kinds() {
    static const std::set<std::string> k = {"frequency", "disclosure", "structure", "member_quantity", "quorum"};
    return k;
}

[[noreturn]] void bad(const std::string& file, const std::string& rule, const std::string& field, const std::string& key,
                      MessageParams extra = {}) {
    extra.insert(extra.begin(), {"field", field});
    extra.insert(extra.begin(), {"rule", rule});
    extra.insert(extra.begin(), {"file", file});
    throw Error(key, extra, {file, {}, field});
}

Object::Ptr parse_json_object(const std::string& text, const std::string& file) {
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits::json_depth);
        auto obj = parser.parse(text).extract<Object::Ptr>();
        if (obj) return obj;
    } catch (const std::exception& e) {
        throw Error(OB_N("规则文件 {file} 不是有效的 JSON 对象：{reason}"), {{"file", file}, {"reason", e.what()}},
                    {file, {}, {}});
    }
    throw Error(OB_N("规则文件 {file} 不是有效的 JSON 对象：{reason}"), {{"file", file}, {"reason", "null"}}, {file, {}, {}});
}

std::string str_member(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->isNull(key) || !o->get(key).isString()) return {};
    return o->get(key).convert<std::string>();
}

// Checks a rule's parameters for its kind; `types` are the plugin's meeting template ids.
void check_params(const RuleDef& r, const std::set<std::string>& types) {
    auto need_number = [&](const std::string& key, double min) {
        if (!r.params->has(key) || !r.params->get(key).isNumeric())
            bad(r.file, r.id, "params." + key, OB_N("规则文件 {file}：规则 {rule} 的参数“{field}”应为数字"));
        if (r.number(key) < min)
            bad(r.file, r.id, "params." + key, OB_N("规则文件 {file}：规则 {rule} 的参数“{field}”不能小于 {min}"),
                {{"min", std::to_string(static_cast<int>(min))}});
    };
    auto need_types = [&](bool required) {
        auto ts = r.list("meeting_types");
        if (auto one = r.text("meeting_type"); !one.empty()) ts.push_back(one);
        if (ts.empty() && required)
            bad(r.file, r.id, "params.meeting_type", OB_N("规则文件 {file}：规则 {rule} 缺少参数“{field}”"));
        for (const auto& t : ts)
            if (!types.empty() && !types.count(t))
                bad(r.file, r.id, "params.meeting_type",
                    OB_N("规则文件 {file}：规则 {rule} 引用的会议类型“{value}”在本插件的会议模板中不存在"), {{"value", t}});
    };
    auto need_period = [&](const std::vector<std::string>& allowed) {
        auto p = r.text("period");
        if (std::find(allowed.begin(), allowed.end(), p) == allowed.end()) {
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            bad(r.file, r.id, "params.period", OB_N("规则文件 {file}：规则 {rule} 的周期“{value}”无效（可用：{allowed}）"),
                {{"value", p}, {"allowed", list}});
        }
    };
    if (r.kind == "frequency" || r.kind == "disclosure") {
        need_types(true);
        need_period({"month", "quarter", "half", "year", "biennium"});
        need_number("min", 1);
    } else if (r.kind == "structure") {
        static const std::set<std::string> checks = {"form",        "group_size", "committee_required", "secretary_party_age",
                                                     "term_expiry", "plan"};
        if (!checks.count(r.text("check")))
            bad(r.file, r.id, "params.check",
                OB_N("规则文件 {file}：规则 {rule} 的检查项“{value}”无效（可用：form, group_size, "
                     "committee_required, "
                     "secretary_party_age, term_expiry, plan）"),
                {{"value", r.text("check")}});
        for (const char* key :
             {"min_full_members", "min_group_size", "committee_threshold", "min_party_age_years", "warn_days", "by_month"})
            if (r.params->has(key)) need_number(key, 0);
    } else if (r.kind == "member_quantity") {
        auto m = r.text("measure");
        if (m == "study_hours") {
            need_types(true);
            need_number("min_hours", 0);
        } else if (m == "service_count") {
            need_types(true);
            need_number("min", 1);
            if (r.params->has("period")) need_period({"year", "half", "quarter"});
            if (r.params->has("cumulative") && !r.params->get("cumulative").isBoolean())
                bad(r.file, r.id, "params.cumulative", OB_N("规则文件 {file}：规则 {rule} 的“{field}”应为 true 或 false"));
        } else if (m == "talk_coverage") {
            need_types(true);
            need_period({"year", "half", "quarter"});
            auto scope = r.text("scope");
            if (scope != "members" && scope != "committee" && scope != "committee_pairs" && scope != "committee_hosts")
                bad(r.file, r.id, "params.scope",
                    OB_N("规则文件 {file}：规则 {rule} 的范围“{value}”无效（可用：members, committee, committee_pairs, "
                         "committee_hosts）"),
                    {{"value", scope}});
        } else {
            bad(r.file, r.id, "params.measure",
                OB_N("规则文件 {file}：规则 {rule} 的计量“{value}”无效（可用：study_hours, service_count, "
                     "talk_coverage）"),
                {{"value", m}});
        }
    } else if (r.kind == "quorum") {
        need_types(false);
    }
    if (r.params->has("needs_committee") && !r.params->get("needs_committee").isBoolean())
        bad(r.file, r.id, "params.needs_committee", OB_N("规则文件 {file}：规则 {rule} 的“{field}”应为 true 或 false"));
}

/// community.freq.assembly: [a-z][a-z0-9_]* then one or more ".[a-z0-9_]+", bounded in length.
bool valid_rule_id(const std::string& id) {
    if (id.empty() || id.size() > limits::identifier) return false;
    std::size_t start = 0, parts = 0;
    while (start <= id.size()) {
        std::size_t dot = id.find('.', start);
        std::string_view part = std::string_view(id).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        bool ok = parts == 0 ? matches_word(part, lower_alpha, lower_alnum_, 1, limits::identifier)
                             : matches_word(part, lower_alnum_, lower_alnum_, 1, limits::identifier);
        if (!ok) return false;
        ++parts;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return parts >= 2;
}

RuleDef parse_rule(const Object::Ptr& o, const std::string& file, std::size_t index) {
    RuleDef r;
    r.file = file;
    std::string where = "rules[" + std::to_string(index) + "]";
    if (!o) bad(file, where, where, OB_N("规则文件 {file}：{field} 应为对象"));
    r.id = str_member(o, "id");
    if (!valid_rule_id(r.id))
        bad(file, where, where + ".id", OB_N("规则文件 {file}：{rule} 的标识“{value}”无效（形如 community.freq.assembly）"),
            {{"value", r.id}});
    r.description = str_member(o, "description");
    if (r.description.empty()) bad(file, r.id, "description", OB_N("规则文件 {file}：规则 {rule} 缺少字段“{field}”"));
    r.source = str_member(o, "source");
    if (r.source.empty()) bad(file, r.id, "source", OB_N("规则文件 {file}：规则 {rule} 缺少字段“{field}”"));
    r.kind = str_member(o, "kind");
    if (!kinds().count(r.kind))
        bad(file, r.id, "kind",
            OB_N("规则文件 {file}：规则 {rule} 的类型“{value}”无效（可用：frequency, disclosure, structure, "
                 "member_quantity, quorum）"),
            {{"value", r.kind}});
    if (o->has("enabled") && o->get("enabled").isBoolean()) r.enabled = o->getValue<bool>("enabled");
    r.reference_of = str_member(o, "reference_of");
    r.reference = !r.reference_of.empty();
    if (!o->has("params") || o->isNull("params")) r.params = new Object();
    else if (o->get("params").type() == typeid(Object::Ptr)) r.params = new Object(*o->getObject("params"));
    else bad(file, r.id, "params", OB_N("规则文件 {file}：规则 {rule} 的“{field}”应为对象"));
    return r;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(platform::utf8_path(path), std::ios::binary);
    if (!in) throw Error(OB_N("地区规则文件 {file} 不存在或无法读取"), {{"file", path}}, {path, {}, {}});
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void apply_override(std::vector<RuleDef>& rules, const std::string& path, const std::set<std::string>& types) {
    auto root = parse_json_object(read_text_file(path), path);
    if (!root->has("rules") || root->get("rules").type() != typeid(Object::Ptr))
        throw Error(OB_N("地区规则文件 {file} 缺少对象“{field}”（规则标识 → 修改）"), {{"file", path}, {"field", "rules"}},
                    {path, {}, "rules"});
    std::string region = str_member(root, "region");
    auto changes = root->getObject("rules");
    for (const auto& [id, value] : *changes) {
        const std::string& wanted = id; // clang 14 cannot capture a structured binding
        auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleDef& r) { return r.id == wanted; });
        if (it == rules.end())
            throw Error(OB_N("地区规则文件 {file}：没有标识为“{rule}”的规则"), {{"file", path}, {"rule", id}}, {path, {}, id});
        if (value.type() != typeid(Object::Ptr))
            throw Error(OB_N("地区规则文件 {file}：规则 {rule} 的修改应为对象"), {{"file", path}, {"rule", id}}, {path, {}, id});
        auto change = value.extract<Object::Ptr>();
        RuleDef& r = *it;
        r.overridden = true;
        if (change->has("disabled")) {
            if (!change->get("disabled").isBoolean())
                throw Error(OB_N("地区规则文件 {file}：规则 {rule} 的“{field}”应为 true 或 false"),
                            {{"file", path}, {"rule", id}, {"field", "disabled"}}, {path, {}, id + ".disabled"});
            r.enabled = !change->getValue<bool>("disabled");
        }
        if (change->has("params")) {
            if (change->get("params").type() != typeid(Object::Ptr))
                throw Error(OB_N("地区规则文件 {file}：规则 {rule} 的“{field}”应为对象"),
                            {{"file", path}, {"rule", id}, {"field", "params"}}, {path, {}, id + ".params"});
            Object::Ptr merged = new Object(*r.params);
            for (const auto& [k, v] : *change->getObject("params")) merged->set(k, v);
            r.params = merged;
        }
        if (change->has("reference")) {
            // Switch sources: a reference rule becomes the followed one (or back).
            if (!change->get("reference").isBoolean())
                throw Error(OB_N("地区规则文件 {file}：规则 {rule} 的“{field}”应为 true 或 false"),
                            {{"file", path}, {"rule", id}, {"field", "reference"}}, {path, {}, id + ".reference"});
            r.reference = change->getValue<bool>("reference");
        }
        if (auto d = str_member(change, "description"); !d.empty()) r.description = d;
        if (auto s = str_member(change, "source"); !s.empty()) r.source = s;
        else if (!region.empty()) r.source += "；" + region + "地区规则调整";
        r.file = path;
        check_params(r, types);
    }
}

std::set<std::string> template_ids(const LoadedPlugin& plugin) {
    std::set<std::string> ids;
    for (const auto& t : load_meeting_templates(plugin)) ids.insert(t.id);
    return ids;
}

// ---------------------------------------------------------------- evaluation

struct Window {
    std::string code;  ///< 2025-Q2
    std::string label; ///< 2025年第二季度
    Date start, end;
};

std::vector<Window> windows_of(const std::string& period, int year) {
    std::vector<Window> out;
    static const char* qn[] = {"一", "二", "三", "四"};
    auto y = std::to_string(year);
    if (period == "month") {
        for (int m = 1; m <= 12; ++m) {
            char code[16];
            std::snprintf(code, sizeof code, "%d-%02d", year, m);
            out.push_back(
                {code, y + "年" + std::to_string(m) + "月", Date(year, m, 1), Date(year, m, Date::days_in_month(year, m))});
        }
    } else if (period == "quarter") {
        for (int q = 0; q < 4; ++q) {
            int m0 = q * 3 + 1;
            out.push_back({y + "-Q" + std::to_string(q + 1), y + "年第" + qn[q] + "季度", Date(year, m0, 1),
                           Date(year, m0 + 2, Date::days_in_month(year, m0 + 2))});
        }
    } else if (period == "half") {
        out.push_back({y + "-H1", y + "年上半年", Date(year, 1, 1), Date(year, 6, 30)});
        out.push_back({y + "-H2", y + "年下半年", Date(year, 7, 1), Date(year, 12, 31)});
    } else if (period == "biennium") {
        auto p = std::to_string(year - 1);
        out.push_back({p + "-" + y, p + "—" + y + "年", Date(year - 1, 1, 1), Date(year, 12, 31)});
    } else {
        out.push_back({y, y + "年", Date(year, 1, 1), Date(year, 12, 31)});
    }
    return out;
}

std::string num(double v) { return format_number(v); }

std::string join(const std::vector<std::string>& parts, const std::string& sep, std::size_t limit = 0) {
    std::string out;
    std::size_t n = 0;
    for (const auto& p : parts) {
        if (limit && n == limit) {
            out += "等 " + std::to_string(parts.size()) + " 人";
            break;
        }
        out += (out.empty() ? "" : sep) + p;
        ++n;
    }
    return out;
}

struct Context {
    Archive& archive;
    Organisation org;
    Roster roster;
    RecordStore store;
    int year;
    Date today;
    Date as_of; ///< structure rules: the end of the year, or today while the year runs
    std::vector<MeetingTemplate> templates;
    std::vector<Record> records; ///< the year and the year before, dated on or before today
    std::vector<Member> members;
    std::vector<CommitteeTerm> terms;

    Context(Archive& a, const LoadedPlugin& plugin, int y, const Date& t)
        : archive(a), org(a.home()), roster(a.db(), org.id), store(a.db(), org.id), year(y), today(t) {
        as_of = std::min(today, Date(year, 12, 31));
        templates = load_meeting_templates(plugin);
        for (auto& r : store.between(Date(year - 1, 1, 1), Date(year, 12, 31)))
            if (r.date <= today) records.push_back(std::move(r));
        // The roster of the period judged: today's members plus those who have left since (a
        // member who left in June counts for January to June), each with the days they arrived
        // and left (member_history.hpp).
        members = roster.members();
        auto moves = a.db().prepare(
            "SELECT x.member_id, x.kind, min(x.on_date) FROM member_movement x JOIN member m ON m.id = x.member_id "
            "WHERE m.organisation_id = ? GROUP BY x.member_id, x.kind = '转入'");
        moves.bind(1, org.id);
        while (moves.step()) {
            auto d = Date::parse(moves.get_text(2));
            if (!d) continue;
            if (moves.get_text(1) == "转入") {
                arrived[moves.get_int(0)] = *d;
            } else {
                auto& l = left[moves.get_int(0)];
                if (!l.valid() || *d < l) l = *d;
            }
        }
        for (const auto& [id, on] : left)
            if (on.days() > Date(year - 1, 12, 31).days())
                if (auto m = roster.member(id);
                    m && std::none_of(members.begin(), members.end(), [&](const Member& x) { return x.id == id; }))
                    members.push_back(*m);
        terms = roster.terms();
    }

    std::map<Id, Date> arrived, left;
    /// On the roster on day d: joined (or arrived by transfer) by then and not yet left.
    bool on(const Member& m, const Date& d) const {
        if (auto it = arrived.find(m.id); it != arrived.end() ? it->second > d : !member_on(m, d)) return false;
        auto l = left.find(m.id);
        return l == left.end() || d < l->second;
    }
    bool full_on(const Member& m, const Date& d) const { return on(m, d) && full_member_on(m, d); }

    std::string type_name(const std::string& id) const {
        if (auto t = find_template(templates, id)) return t->name;
        return id;
    }
    std::string types_name(const std::vector<std::string>& ids) const {
        std::vector<std::string> names;
        for (const auto& i : ids) names.push_back(type_name(i));
        return join(names, "、");
    }
    std::optional<CommitteeTerm> term_on(const Date& d) const {
        std::optional<CommitteeTerm> best;
        for (const auto& t : terms)
            if (t.elected_on <= d && (!best || best->elected_on <= t.elected_on)) best = t;
        return best;
    }
    std::optional<CommitteeSeat> secretary_on(const Date& d) const {
        if (auto t = term_on(d))
            for (const auto& s : t->seats)
                if (s.role == "书记") return s;
        return std::nullopt;
    }
    const Member* member(Id id) const {
        for (const auto& m : members)
            if (m.id == id) return &m;
        return nullptr;
    }
};

Finding base_finding(const RuleDef& r) {
    Finding f;
    f.rule_id = r.id;
    f.description = r.description;
    f.source = r.source;
    return f;
}

/// A finding of `r` for the window `w`.
Finding window_finding(const RuleDef& r, const Window& w) {
    Finding f = base_finding(r);
    f.window = w.code;
    f.window_start = w.start;
    f.window_end = w.end;
    return f;
}

// A window's verdict: satisfied → ok; unfinished (contains today, or later) → due; past → violation.
FindingStatus verdict(bool satisfied, const Window& w, const Date& today) {
    if (satisfied) return FindingStatus::Ok;
    return w.end < today ? FindingStatus::Violation : FindingStatus::Due;
}

std::vector<std::string> rule_types(const RuleDef& r) {
    auto ts = r.list("meeting_types");
    if (auto one = r.text("meeting_type"); !one.empty()) ts.push_back(one);
    return ts;
}

template <typename T> bool in(const std::vector<T>& v, const T& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// A fixed day (params.day, in the window's month params.month_in_period, e.g. 党务公开日 on the 15th
// of each quarter's first month): held, but on no such day, is a warning naming the day.
bool on_day_missed(const RuleDef& r, Context& c, Finding& f, const Window& w) {
    int day = static_cast<int>(r.number("day", 0));
    if (day <= 0) return false;
    int month = w.start.month() + static_cast<int>(r.number("month_in_period", 1)) - 1;
    for (const auto& rec : c.records)
        if (in(f.evidence, rec.id) && rec.date.month() == month && rec.date.day() == day) return false;
    f.status = FindingStatus::Warning;
    f.message = w.label + "已开展" + c.types_name(rule_types(r)) + " " + num(f.held) + " 次，但不在规定的" +
                std::to_string(month) + "月" + std::to_string(day) + "日";
    return true;
}

void eval_frequency(const RuleDef& r, Context& c, std::vector<Finding>& out) {
    auto types = rule_types(r);
    double min = r.number("min", 1);
    std::string host_role = r.text("host_role");
    std::string what = c.types_name(types);
    bool per_group = r.flag("per_group");
    std::vector<PartyGroup> groups;
    if (per_group) groups = c.roster.groups();
    for (const auto& w : windows_of(r.text("period", "year"), c.year)) {
        Finding f = window_finding(r, w);
        f.required = min;
        for (const auto& rec : c.records) {
            if (rec.date < w.start || rec.date > w.end || !in(types, rec.type)) continue;
            if (!host_role.empty()) {
                // e.g. 书记讲党课: only records hosted by whoever held the role on that day.
                std::optional<CommitteeSeat> holder;
                if (auto t = c.term_on(rec.date))
                    for (const auto& s : t->seats)
                        if (s.role == host_role) holder = s;
                if (!holder || (holder->name != rec.host && (!holder->member_id || holder->member_id != rec.host_id))) continue;
            }
            f.evidence.push_back(rec.id);
        }
        if (per_group) {
            // Every group must reach `min` in the window: held = groups that did.
            std::vector<std::string> behind;
            int done = 0;
            for (const auto& g : groups) {
                int n = 0;
                for (const auto& rec : c.records)
                    if (in(f.evidence, rec.id) && rec.group_id == g.id) ++n;
                if (n >= min) ++done;
                else behind.push_back(g.name + (n ? " " + std::to_string(n) + " 次" : ""));
            }
            f.held = done;
            f.required = static_cast<double>(groups.size());
            bool ok = behind.empty();
            f.status = verdict(ok, w, c.today);
            if (groups.empty()) f.message = w.label + "：未设党小组";
            else if (ok)
                f.message = w.label + std::to_string(groups.size()) + " 个党小组均已召开" + what + "（共 " +
                            std::to_string(f.evidence.size()) + " 次）";
            else
                f.message = w.label + (f.status == FindingStatus::Violation ? "未召开" : "尚未召开") + what + "的党小组：" +
                            join(behind, "、") + "（每组要求至少 " + num(min) + " 次）";
            out.push_back(std::move(f));
            continue;
        }
        f.held = static_cast<double>(f.evidence.size());
        bool ok = f.held >= min;
        f.status = verdict(ok, w, c.today);
        if (ok && on_day_missed(r, c, f, w)) {
            out.push_back(std::move(f));
            continue;
        }
        std::string who = host_role.empty() ? "" : "（由" + host_role + "主持/讲授）";
        if (ok) {
            f.message = w.label + "已开展" + what + who + " " + num(f.held) + " 次（要求至少 " + num(min) + " 次）";
        } else if (f.status == FindingStatus::Violation) {
            f.message = w.label + (f.held == 0 ? "未开展" + what + who : what + who + "仅开展 " + num(f.held) + " 次") +
                        "，要求至少 " + num(min) + " 次";
        } else if (w.start > c.today) {
            f.message = w.label + "尚未开始：需开展" + what + who + "至少 " + num(min) + " 次";
        } else {
            f.message = w.label + "尚未结束：已开展" + what + who + " " + num(f.held) + " 次，还需 " + num(min - f.held) +
                        " 次（截至 " + w.end.iso() + "）";
        }
        out.push_back(std::move(f));
    }
}

void eval_quorum(const RuleDef& r, Context& c, std::vector<Finding>& out) {
    auto types = rule_types(r);
    Finding f = base_finding(r);
    auto w = windows_of("year", c.year).front();
    f.window = w.code;
    f.window_start = w.start;
    f.window_end = w.end;
    int votes = 0;
    std::vector<std::string> names;
    for (const auto& rec : c.records) {
        if (rec.date < w.start || rec.date > w.end || !rec.vote) continue;
        if (!types.empty() && !in(types, rec.type)) continue;
        ++votes;
        if (rec.flagged()) {
            f.evidence.push_back(rec.id);
            names.push_back(rec.date.iso() + rec.type_name + "（记录 " + std::to_string(rec.id) + "）");
        }
    }
    f.held = votes - static_cast<double>(f.evidence.size());
    f.required = votes;
    // A vote without quorum is a fact once recorded: no waiting for the year to end.
    f.status = f.evidence.empty() ? FindingStatus::Ok : FindingStatus::Violation;
    f.message = f.evidence.empty()
                    ? w.label + "共 " + std::to_string(votes) + " 次表决，均达到法定人数"
                    : w.label + "有 " + std::to_string(f.evidence.size()) + " 次表决未达到法定人数：" + join(names, "；");
    out.push_back(std::move(f));
}

bool excluded(const RuleDef& r, const Member& m) {
    auto ex = r.list("exclude_categories");
    return in(ex, m.category);
}

// params.fields {"checkin_kind": "意见反馈（反馈单）"}: only records whose fields hold these values count.
bool fields_match(const RuleDef& r, const Record& rec) {
    if (!r.params->has("fields") || r.params->get("fields").type() != typeid(Object::Ptr)) return true;
    for (const auto& [k, v] : *r.params->getObject("fields")) {
        auto it = rec.fields.find(k);
        if (it == rec.fields.end() || it->second != v.convert<std::string>()) return false;
    }
    return true;
}

void count_per_member(const RuleDef& r, Context& c, const Window& w, bool hours, double min, const std::string& unit,
                      bool cumulative, const std::vector<std::string>& types, std::vector<Finding>& out);

// Talks among the committee (《党支部“五化”建设》), by the committee as it stands at the window's end:
// committee_pairs — 班子成员之间每年至少谈心谈话1次: every two of its members talked (a talk record
// hosted by one with the other present, either way round); committee_hosts — each member other
// than the secretary held a talk of the kind params.fields names (与所联系的党员: the archive does not
// record who looks after whom, so any such talk counts).
void eval_committee_talks(const RuleDef& r, Context& c, std::vector<Finding>& out) {
    auto types = rule_types(r);
    bool pairs_scope = r.text("scope") == "committee_pairs";
    for (const auto& w : windows_of(r.text("period", "year"), c.year)) {
        Finding f = window_finding(r, w);
        Date on = std::max(w.start, std::min(w.end, c.today));
        std::vector<std::string> seats;
        if (auto t = c.term_on(on))
            for (const auto& s : t->seats)
                if (!s.name.empty() && !in(seats, s.name) && (pairs_scope || s.role != "书记")) seats.push_back(s.name);
        std::set<std::pair<std::string, std::string>> talked;
        std::set<std::string> hosted;
        std::set<Id> used;
        for (const auto& rec : c.records) {
            if (rec.date < w.start || rec.date > w.end || !in(types, rec.type) || !in(seats, rec.host)) continue;
            if (!pairs_scope) {
                if (!fields_match(r, rec)) continue;
                hosted.insert(rec.host);
                used.insert(rec.id);
                continue;
            }
            for (const auto& a : rec.attendance)
                if (a.present && a.name != rec.host && in(seats, a.name)) {
                    talked.insert(std::minmax(rec.host, a.name));
                    used.insert(rec.id);
                }
        }
        std::vector<std::string> missing;
        if (pairs_scope) {
            for (std::size_t i = 0; i < seats.size(); ++i)
                for (std::size_t k = i + 1; k < seats.size(); ++k)
                    if (!talked.count(std::minmax(seats[i], seats[k]))) missing.push_back(seats[i] + "—" + seats[k]);
        } else {
            for (const auto& s : seats)
                if (!hosted.count(s)) missing.push_back(s);
        }
        double n = static_cast<double>(seats.size());
        f.evidence.assign(used.begin(), used.end());
        f.required = pairs_scope ? n * (n - 1) / 2 : n;
        f.held = f.required - static_cast<double>(missing.size());
        f.status = verdict(missing.empty(), w, c.today);
        f.message = w.label + (pairs_scope ? "班子成员之间谈心谈话 " : "班子成员与所联系的党员谈心谈话 ") + num(f.held) + "/" +
                    num(f.required) + (pairs_scope ? " 对" : " 人");
        if (!missing.empty()) {
            std::string list;
            for (std::size_t i = 0; i < missing.size() && i < 10; ++i) list += (i ? "、" : "") + missing[i];
            if (missing.size() > 10) list += " 等 " + std::to_string(missing.size()) + (pairs_scope ? " 对" : " 人");
            f.message += (f.status == FindingStatus::Due ? "，尚未谈话：" : "，未谈话：") + list;
        }
        out.push_back(std::move(f));
    }
}

void eval_member_quantity(const RuleDef& r, Context& c, std::vector<Finding>& out) {
    auto types = rule_types(r);
    std::string measure = r.text("measure");
    if (measure == "talk_coverage" && r.text("scope").rfind("committee_", 0) == 0) {
        eval_committee_talks(r, c, out);
        return;
    }
    if (measure == "talk_coverage") {
        std::string scope = r.text("scope", "members");
        for (const auto& w : windows_of(r.text("period", "year"), c.year)) {
            Finding f = window_finding(r, w);
            // The committee as it stands at the window's end (or today, while the window runs).
            Date on = std::max(w.start, std::min(w.end, c.today));
            auto sec = c.secretary_on(on);
            if (!sec) {
                f.status = FindingStatus::Warning;
                f.message = w.label + "：未登记支部书记，无法判断谈心谈话覆盖情况";
                out.push_back(std::move(f));
                continue;
            }
            // Whom the secretary should talk with in this window.
            std::vector<const Member*> targets;
            if (scope == "committee") {
                if (auto t = c.term_on(on))
                    for (const auto& s : t->seats)
                        if (s.role != "书记" && s.member_id)
                            if (auto m = c.member(*s.member_id);
                                m && !excluded(r, *m) && std::find(targets.begin(), targets.end(), m) == targets.end())
                                targets.push_back(m);
            } else {
                for (const auto& m : c.members)
                    if (c.on(m, w.end) && m.name != sec->name && !excluded(r, m)) targets.push_back(&m);
            }
            std::set<std::string> covered;
            std::set<Id> used;
            for (const auto& rec : c.records) {
                if (rec.date < w.start || rec.date > w.end || !in(types, rec.type)) continue;
                if (rec.host != sec->name && !(sec->member_id && rec.host_id == sec->member_id)) continue;
                for (const auto& a : rec.attendance)
                    if (a.present)
                        for (const auto* m : targets)
                            if (m->name == a.name) {
                                covered.insert(a.name);
                                used.insert(rec.id);
                            }
            }
            f.evidence.assign(used.begin(), used.end());
            std::vector<std::string> missing;
            for (const auto* m : targets)
                if (!covered.count(m->name)) missing.push_back(m->name);
            f.held = static_cast<double>(covered.size());
            f.required = static_cast<double>(targets.size());
            f.status = verdict(missing.empty(), w, c.today);
            std::string whom = scope == "committee" ? "支委会成员" : "党员";
            f.message =
                w.label + "书记" + sec->name + "与" + whom + "谈心谈话覆盖 " + num(f.held) + "/" + num(f.required) + " 人";
            if (!missing.empty())
                f.message += (f.status == FindingStatus::Due ? "，尚未谈话：" : "，未谈话：") + join(missing, "、", 10);
            out.push_back(std::move(f));
        }
        return;
    }
    // Per member and year (or per params.period for counts): study hours or number of services.
    bool hours = measure == "study_hours";
    double min = hours ? r.number("min_hours", 32) : r.number("min", 2);
    std::string unit = hours ? " 学时" : " 次";
    // params.cumulative: what happens once (报到登记) counts from any earlier date too.
    bool cumulative = !hours && r.flag("cumulative", false);
    for (const auto& w : windows_of(hours ? "year" : r.text("period", "year"), c.year))
        count_per_member(r, c, w, hours, min, unit, cumulative, types, out);
}

void count_per_member(const RuleDef& r, Context& c, const Window& w, bool hours, double min, const std::string& unit,
                      bool cumulative, const std::vector<std::string>& types, std::vector<Finding>& out) {
    Finding f = window_finding(r, w);
    std::map<std::string, double> got;
    std::vector<const Member*> counted;
    for (const auto& m : c.members)
        if (c.on(m, w.end) && !excluded(r, m)) {
            counted.push_back(&m);
            got[m.name] = 0;
        }
    std::set<Id> used;
    for (const auto& rec : c.records) {
        if ((rec.date < w.start && !cumulative) || rec.date > w.end || !in(types, rec.type)) continue;
        if (!fields_match(r, rec)) continue;
        if (hours && rec.hours <= 0) continue;
        for (const auto& a : rec.attendance) {
            auto it = got.find(a.name);
            if (!a.present || it == got.end()) continue;
            it->second += hours ? rec.hours : 1;
            used.insert(rec.id);
        }
    }
    f.evidence.assign(used.begin(), used.end());
    std::vector<std::string> short_of;
    double total = 0;
    // Prorating is by the months of a year: windows shorter than a year are judged whole.
    bool prorate = r.flag("prorate", true) && w.start.month() == 1 && w.end.month() == 12;
    for (const auto* m : counted) {
        total += got[m->name];
        // Someone who joined during the year owes the share of the months they were a member.
        double need = min;
        if (prorate && m->join_date && m->join_date->year() == c.year)
            need = min * static_cast<double>(13 - m->join_date->month()) / 12.0;
        if (got[m->name] + 1e-9 < need)
            short_of.push_back(m->name + " " + num(got[m->name]) + unit + (need < min ? "（应 " + num(need) + "）" : ""));
    }
    f.required = static_cast<double>(counted.size());
    f.held = f.required - static_cast<double>(short_of.size());
    f.status = verdict(short_of.empty(), w, c.today);
    std::string what = hours ? "学习" : "参加" + c.types_name(types);
    f.message = w.label + "党员" + what + "达到 " + num(min) + unit + "的 " + num(f.held) + "/" + num(f.required) + " 人";
    if (!counted.empty()) f.message += "（人均 " + num(total / static_cast<double>(counted.size())) + unit + "）";
    if (!short_of.empty())
        f.message += (f.status == FindingStatus::Due ? "；尚未达到：" : "；未达到：") + join(short_of, "、", 10);
    out.push_back(std::move(f));
}

// Where the source only says 原则上 / 一般应当 (params.wording quotes the sentence), a shortfall is a
// warning, not a violation.
FindingStatus shortfall(const RuleDef& r) {
    return r.text("wording").empty() ? FindingStatus::Violation : FindingStatus::Warning;
}

/// What the structure checks look at, as of the evaluation date.
struct StructureFacts {
    std::string on; ///< the date, as written in messages
    int all = 0, full = 0;
    std::optional<CommitteeTerm> term;
};

/// A 党支部 needs enough full members; with fewer the organisation is to be a 联合党支部.
void check_form(const RuleDef& r, Context& c, const StructureFacts& s, Finding& f) {
    int min = static_cast<int>(r.number("min_full_members", 3));
    f.held = s.full;
    f.required = min;
    f.evidence_kind = "member";
    for (const auto& m : c.members)
        if (c.full_on(m, c.as_of)) f.evidence.push_back(m.id);
    std::string expected = s.full >= min ? "党支部" : "联合党支部";
    if (c.org.form != "党支部" && c.org.form != "联合党支部") {
        f.status = FindingStatus::Ok;
        f.message = "组织形式为" + c.org.form + "，不适用按正式党员人数设置党支部的规定";
    } else if (c.org.form == expected) {
        f.status = FindingStatus::Ok;
        f.message = s.on + " 有正式党员 " + std::to_string(s.full) + " 名，设立" + expected + "符合规定";
    } else {
        // A 党支部 below the threshold breaks the rule; a joint branch that grew may just need to split.
        f.status = c.org.form == "党支部" ? FindingStatus::Violation : FindingStatus::Warning;
        f.message = s.on + " 有正式党员 " + std::to_string(s.full) + " 名，应设立" + expected + "，现为" + c.org.form;
    }
}

void check_group_size(const RuleDef& r, Context& c, Finding& f) {
    int min = static_cast<int>(r.number("min_group_size", 3));
    f.required = min;
    f.evidence_kind = "group";
    std::vector<std::string> small;
    auto groups = c.roster.groups();
    for (const auto& g : groups) {
        int n = 0;
        for (const auto& m : c.members)
            if (m.group_id == g.id && c.on(m, c.as_of)) ++n;
        if (n < min) {
            small.push_back(g.name + " " + std::to_string(n) + " 人");
            f.evidence.push_back(g.id);
        }
    }
    f.held = static_cast<double>(groups.size() - small.size());
    f.status = small.empty() ? FindingStatus::Ok : shortfall(r);
    f.message = groups.empty()  ? "未设党小组"
                : small.empty() ? std::to_string(groups.size()) + " 个党小组人数均不少于 " + std::to_string(min) + " 人"
                                : "党小组人数少于 " + std::to_string(min) + " 人：" + join(small, "、") +
                                      (f.status == FindingStatus::Warning ? "；" + r.text("wording") : "");
}

void check_committee_required(const RuleDef& r, const StructureFacts& s, Finding& f) {
    int threshold = static_cast<int>(r.number("committee_threshold", 7));
    f.held = s.all;
    f.required = threshold;
    f.evidence_kind = "term";
    if (s.term) f.evidence.push_back(s.term->id);
    if (s.all < threshold) {
        f.status = FindingStatus::Ok;
        f.message =
            s.on + " 有党员 " + std::to_string(s.all) + " 名，不足 " + std::to_string(threshold) + " 名，可不设支部委员会";
    } else if (s.term) {
        f.status = FindingStatus::Ok;
        f.message = s.on + " 有党员 " + std::to_string(s.all) + " 名，已设支部委员会（" + s.term->elected_on.iso() + " 选举）";
    } else {
        f.status = FindingStatus::Violation;
        f.message = s.on + " 有党员 " + std::to_string(s.all) + " 名，达到 " + std::to_string(threshold) +
                    " 名，应设立支部委员会，但未登记支委会";
    }
}

void check_secretary_party_age(const RuleDef& r, Context& c, Finding& f) {
    int min = static_cast<int>(r.number("min_party_age_years", 1));
    f.required = min;
    f.evidence_kind = "member";
    auto sec = c.secretary_on(c.as_of);
    const Member* m = sec && sec->member_id ? c.member(*sec->member_id) : nullptr;
    if (!sec) {
        f.status = FindingStatus::Warning;
        f.message = "未登记支部书记";
    } else if (!m || !m->party_age(c.as_of)) {
        f.status = FindingStatus::Warning;
        f.message = "支部书记" + sec->name + "的入党时间不详，无法核对党龄";
    } else {
        f.evidence.push_back(m->id);
        int age = *m->party_age(c.as_of);
        f.held = age;
        f.status = age >= min ? FindingStatus::Ok : shortfall(r);
        f.message = "支部书记" + sec->name + "党龄 " + std::to_string(age) + " 年（要求 " + std::to_string(min) + " 年以上）";
        if (f.status == FindingStatus::Warning) f.message += "；" + r.text("wording");
    }
}

void check_plan(const RuleDef& r, Context& c, Finding& f) {
    // The yearly 三会一课 plan, made at the start of the year (by the end of by_month).
    auto types = rule_types(r);
    int by = static_cast<int>(r.number("by_month", 3));
    MeetingPlan plan(c.archive.db(), c.org.id);
    std::set<std::string> planned;
    for (const auto& e : plan.entries(c.year)) planned.insert(e.type);
    std::vector<std::string> missing;
    for (const auto& t : types)
        if (!planned.count(t)) missing.push_back(c.type_name(t));
    Date deadline(c.year, by, Date::days_in_month(c.year, by));
    f.window = std::to_string(c.year);
    f.window_end = Date(c.year, 12, 31);
    f.required = static_cast<double>(types.size());
    f.held = f.required - static_cast<double>(missing.size());
    f.evidence_kind = "plan";
    if (missing.empty()) {
        f.status = FindingStatus::Ok;
        f.message = std::to_string(c.year) + " 年“三会一课”年度计划已制定（" + c.types_name(types) + "）";
    } else {
        f.status = c.today <= deadline ? FindingStatus::Due : FindingStatus::Violation;
        f.message = std::to_string(c.year) + " 年“三会一课”年度计划" +
                    (planned.empty() ? "尚未制定" : "缺少：" + join(missing, "、")) + "（应于 " + deadline.iso() +
                    " 前制定，用 plan set 登记）";
    }
}

void check_term_expiry(const RuleDef& r, Context& c, const StructureFacts& s, Finding& f) {
    int warn = static_cast<int>(r.number("warn_days", 90));
    f.evidence_kind = "term";
    if (!s.term) {
        f.status = FindingStatus::Ok;
        f.message = "未设支部委员会，无换届期限";
    } else {
        f.evidence.push_back(s.term->id);
        Date exp = s.term->expires_on();
        long left = exp.days() - c.as_of.days();
        f.held = static_cast<double>(left);
        f.required = warn;
        if (left < 0) {
            f.status = FindingStatus::Violation;
            f.message = "支委会（" + s.term->elected_on.iso() + " 选举，任期 " + std::to_string(s.term->term_years) +
                        " 年）已于 " + exp.iso() + " 届满，超期 " + std::to_string(-left) + " 天未换届";
        } else if (left <= warn) {
            f.status = FindingStatus::Warning;
            f.message = "支委会将于 " + exp.iso() + " 任期届满（还有 " + std::to_string(left) + " 天），请按期准备换届";
        } else {
            f.status = FindingStatus::Ok;
            f.message = "支委会任期至 " + exp.iso() + "（还有 " + std::to_string(left) + " 天）";
        }
    }
}

void eval_structure(const RuleDef& r, Context& c, std::vector<Finding>& out) {
    Finding f = base_finding(r);
    f.window_start = Date(c.year, 1, 1);
    f.window_end = c.as_of;
    std::string check = r.text("check");
    StructureFacts s;
    s.on = c.as_of.iso();
    for (const auto& m : c.members) {
        if (c.on(m, c.as_of)) ++s.all;
        if (c.full_on(m, c.as_of)) ++s.full;
    }
    s.term = c.term_on(c.as_of);
    if (check == "form") check_form(r, c, s, f);
    else if (check == "group_size") check_group_size(r, c, f);
    else if (check == "committee_required") check_committee_required(r, s, f);
    else if (check == "secretary_party_age") check_secretary_party_age(r, c, f);
    else if (check == "plan") check_plan(r, c, f);
    else if (check == "term_expiry") check_term_expiry(r, c, s, f);
    out.push_back(std::move(f));
}

// Rules that presuppose a 支部委员会 (monthly 支委会, its 民主生活会, talks among its members) apply
// only when the branch has a committee or must have one (committee_threshold members, 7 by the
// party's rules); otherwise the secretary holds the committee's duties and the rule does not apply.
bool committee_not_needed(const RuleDef& r, Context& c, Finding& f) {
    if (!r.flag("needs_committee")) return false;
    int members = 0;
    for (const auto& m : c.members)
        if (c.on(m, c.as_of)) ++members;
    int threshold = static_cast<int>(r.number("committee_threshold", 7));
    auto term = c.term_on(c.as_of);
    bool committee = false;
    if (term)
        for (const auto& s : term->seats) committee |= s.role != "书记" && s.role != "副书记";
    if (committee || members >= threshold) return false;
    f = base_finding(r);
    f.window = std::to_string(c.year);
    f.window_start = Date(c.year, 1, 1);
    f.window_end = Date(c.year, 12, 31);
    f.status = FindingStatus::Ok;
    f.held = members;
    f.required = threshold;
    f.evidence_kind = "term";
    f.message = c.as_of.iso() + " 有党员 " + std::to_string(members) + " 名，不足 " + std::to_string(threshold) +
                " 名且未设支部委员会：本项不适用，支委会的职责由支部书记履行";
    return true;
}

} // namespace

std::vector<RuleDef> load_rules(const LoadedPlugin& plugin, const std::string& region_override_path) {
    std::vector<RuleDef> rules;
    auto types = template_ids(plugin);
    for (const auto& doc : plugin.contributions(ExtensionPoint::Rules)) {
        auto root = parse_json_object(doc.json, doc.source);
        std::vector<Object::Ptr> items;
        if (root->has("rules")) {
            if (!root->isArray("rules"))
                throw Error(OB_N("规则文件 {file}：“{field}”应为列表"), {{"file", doc.source}, {"field", "rules"}},
                            {doc.source, {}, "rules"});
            auto arr = root->getArray("rules");
            for (std::size_t i = 0; i < arr->size(); ++i) items.push_back(arr->getObject(static_cast<unsigned>(i)));
        } else {
            items.push_back(root);
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto r = parse_rule(items[i], doc.source, i);
            for (const auto& other : rules)
                if (other.id == r.id)
                    throw Error(OB_N("规则文件 {file}：规则标识“{rule}”与 {other} 重复"),
                                {{"file", doc.source}, {"rule", r.id}, {"other", other.file}}, {doc.source, {}, r.id});
            check_params(r, types);
            rules.push_back(std::move(r));
        }
    }
    if (!region_override_path.empty()) apply_override(rules, region_override_path, types);
    return rules;
}

std::vector<RuleDef> archive_rules(Archive& archive, const PluginHost& plugins, const std::string& region_override_path) {
    const auto& plugin = plugins.require(archive.home().sector);
    std::string path = region_override_path;
    if (path.empty()) {
        path = archive.setting(region_rules_setting);
        // A relative path in the setting is relative to the archive's folder (they travel together).
        if (!path.empty() && fs::path(path).is_relative()) path = (fs::absolute(archive.path()).parent_path() / path).string();
    }
    return load_rules(plugin, path);
}

namespace {
/// Periods nobody recorded in this archive are not judged: windows that ended before the
/// records-start date are dropped, and a window it cuts is never a violation (only a warning).
std::vector<Finding> before_records_start(Archive& archive, std::vector<Finding> in) {
    auto start = archive.records_start();
    if (!start) return in;
    std::vector<Finding> out;
    for (auto& f : in) {
        if (f.window.empty() || !f.window_end.valid() || !f.window_start.valid()) {
            out.push_back(std::move(f));
            continue;
        }
        if (f.window_end < *start) continue;
        if (f.window_start < *start && f.status == FindingStatus::Violation) {
            f.status = FindingStatus::Warning;
            f.message += "（档案自 " + start->iso() + " 起记录，本期此前的活动不在档案中）";
        }
        out.push_back(std::move(f));
    }
    return out;
}
} // namespace

std::optional<Message> records_start_note(Archive& archive, int year) {
    auto start = archive.records_start();
    if (!start || start->year() < year || (start->year() == year && start->month() == 1 && start->day() == 1))
        return std::nullopt;
    if (start->year() > year)
        return Message{OB_N("档案自 {date} 起在 OneBook 中记录：{year} 年不作检查，也不计入考核建议分"),
                       {{"date", start->iso()}, {"year", std::to_string(year)}}};
    return Message{OB_N("档案自 {date} 起在 OneBook 中记录：{year} 年此前的时段不作检查，也不计入考核建议分"),
                   {{"date", start->iso()}, {"year", std::to_string(year)}}};
}

std::vector<Finding> check_rules(Archive& archive, const PluginHost& plugins, const std::vector<RuleDef>& rules, int year,
                                 const Date& today) {
    if (year < 1921 || year > 9999)
        throw Error(OB_N("检查年度“{value}”无效"), {{"value", std::to_string(year)}}, {{}, {}, "year"});
    Context c(archive, plugins.require(archive.home().sector), year, today);
    std::vector<Finding> out;
    for (const auto& r : rules) {
        if (!r.enabled || r.reference) continue;
        if (Finding na; committee_not_needed(r, c, na)) {
            out.push_back(std::move(na));
            continue;
        }
        if (r.kind == "frequency" || r.kind == "disclosure") eval_frequency(r, c, out);
        else if (r.kind == "structure") eval_structure(r, c, out);
        else if (r.kind == "member_quantity") eval_member_quantity(r, c, out);
        else if (r.kind == "quorum") eval_quorum(r, c, out);
    }
    return before_records_start(archive, std::move(out));
}

std::vector<Finding> check_rules(Archive& archive, const PluginHost& plugins, int year, const Date& today) {
    return check_rules(archive, plugins, archive_rules(archive, plugins), year, today);
}

std::vector<Finding> check_rule(Archive& archive, const PluginHost& plugins, const std::string& rule_id, int year,
                                const Date& today) {
    std::vector<RuleDef> one;
    for (auto& r : archive_rules(archive, plugins))
        if (r.id == rule_id) {
            r.reference = false; // asked for by id: judged whichever source it follows
            one.push_back(std::move(r));
        }
    if (one.empty()) return {};
    return check_rules(archive, plugins, one, year, today);
}

std::vector<Finding> check_rules_for_rubric(Archive& archive, const PluginHost& plugins, int year, const Date& today) {
    auto rules = archive_rules(archive, plugins);
    for (auto& r : rules) r.reference = false;
    return check_rules(archive, plugins, rules, year, today);
}

} // namespace onebook::core
