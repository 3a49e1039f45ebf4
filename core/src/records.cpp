#include "onebook/records.hpp"
#include "onebook/numbers.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "onebook/text_limits.hpp"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace onebook::core {

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// Names in a "members" text field: separated by commas (ASCII or full-width), 、 or spaces.
std::vector<std::string> split_names(const std::string& text) {
    std::string s = text;
    for (const char* sep : {"，", "、", "；", ";"}) {
        for (auto pos = s.find(sep); pos != std::string::npos; pos = s.find(sep)) s.replace(pos, std::strlen(sep), ",");
    }
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ',')) {
        std::stringstream words(part);
        std::string w;
        while (words >> w) out.push_back(w);
    }
    return out;
}

bool valid_time_of_day(const std::string& s) {
    auto colon = s.find(':');
    if (colon == std::string::npos || !all_digits(std::string_view(s).substr(0, colon), 1, 2) ||
        !all_digits(std::string_view(s).substr(colon + 1), 2, 2))
        return false;
    return std::stoi(s.substr(0, colon)) < 24 && std::stoi(s.substr(colon + 1)) < 60;
}

bool valid_time_span(const std::string& s) {
    auto dash = s.find('-');
    if (dash == std::string::npos) return valid_time_of_day(s);
    auto a = s.substr(0, dash), b = s.substr(dash + 1);
    return valid_time_of_day(a) && valid_time_of_day(b) && (a.size() < b.size() || (a.size() == b.size() && a < b));
}

std::optional<double> parse_number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (!end || *end != '\0' || std::isnan(v) || std::isinf(v)) return std::nullopt;
    return v;
}

RecordProblem problem(const std::string& field, const std::string& key, MessageParams params) {
    return {field, Message{key, std::move(params)}};
}

std::string problems_text(const std::vector<RecordProblem>& problems) {
    std::vector<std::string> parts;
    for (const auto& p : problems) parts.push_back(substitute(p.message.key, p.message.params));
    return join(parts, "；");
}

const char* kRecordCols = "id, organisation_id, type, type_name, date, time, place, host, host_id, recorder, recorder_id, "
                          "topic, group_id, (SELECT name FROM party_group g WHERE g.id = record.group_id), hours, vote, "
                          "quorum_met, fields";

} // namespace

std::string AttendanceSummary::rate_text() const {
    if (!expected) return "—";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", rate() * 100.0);
    return buf;
}

AttendanceSummary Record::summary() const {
    AttendanceSummary s;
    for (const auto& a : attendance) {
        ++s.expected;
        if (a.present) ++s.present;
        else ++s.absent;
    }
    return s;
}

std::string Record::value(const std::string& field_id) const {
    if (field_id == "date") return date.valid() ? date.iso() : "";
    if (field_id == "time") return time;
    if (field_id == "place") return place;
    if (field_id == "host") return host;
    if (field_id == "recorder") return recorder;
    if (field_id == "topic") return topic;
    if (field_id == "group") return group;
    if (field_id == "hours") return hours > 0 ? format_number(hours) : "";
    if (field_id == "attendees") {
        std::vector<std::string> names;
        for (const auto& a : attendance)
            if (a.present) names.push_back(a.name);
        return join(names, "、");
    }
    if (field_id == "attachments") return join(attachments, "；");
    auto it = fields.find(field_id);
    return it == fields.end() ? "" : it->second;
}

RecordInvalid::RecordInvalid(std::vector<RecordProblem> problems)
    : Error(OB_N("会议记录有 {count} 处问题：{problems}"),
            {{"count", std::to_string(problems.size())}, {"problems", problems_text(problems)}},
            {{}, {}, problems.empty() ? std::string() : problems.front().field}),
      m_problems(std::move(problems)) {}

bool member_on(const Member& m, const Date& on) { return !m.join_date || *m.join_date <= on; }

bool full_member_on(const Member& m, const Date& on) {
    if (m.full_date) return *m.full_date <= on;
    return m.is_full() && member_on(m, on);
}

std::vector<Member> RecordStore::expected_attendees(const MeetingTemplate& t, const Date& on, std::optional<Id> group_id) {
    std::vector<Member> out;
    // The roster as it was on the meeting's day: a member who left later still attended then.
    MemberFilter as_of;
    if (on.valid()) as_of.on = on;
    switch (t.attendees) {
    case AttendeeScope::All:
        for (auto& m : m_roster.members(as_of))
            if (member_on(m, on)) out.push_back(std::move(m));
        break;
    case AttendeeScope::Full:
        for (auto& m : m_roster.members(as_of))
            if (full_member_on(m, on)) out.push_back(std::move(m));
        break;
    case AttendeeScope::Group:
        if (!group_id) break;
        for (auto& m : m_roster.members(as_of))
            if (m.group_id == group_id && member_on(m, on)) out.push_back(std::move(m));
        break;
    case AttendeeScope::Committee:
        if (auto term = m_roster.current_term(on)) {
            std::set<Id> seen;
            for (const auto& seat : term->seats) {
                if (!seat.member_id || !seen.insert(*seat.member_id).second) continue;
                if (auto m = m_roster.member(*seat.member_id)) out.push_back(*m);
            }
        }
        break;
    case AttendeeScope::Chosen:
    case AttendeeScope::None: break;
    }
    return out;
}

void RecordStore::fill_attendance(Record& r, const MeetingTemplate& t, const std::vector<std::string>& present,
                                  const std::vector<std::pair<std::string, std::string>>& absent) {
    r.attendance.clear();
    if (t.attendees == AttendeeScope::None) {
        // Still keep what was given so validation can say it does not belong here.
        for (const auto& n : present) r.attendance.push_back({{}, n, true, {}});
        for (const auto& [n, why] : absent) r.attendance.push_back({{}, n, false, why});
        return;
    }
    std::set<std::string> listed;
    if (t.attendees != AttendeeScope::Chosen) {
        if (t.attendees == AttendeeScope::Group && !r.group_id && !r.group.empty())
            if (auto g = m_roster.group_by_name(r.group)) r.group_id = g->id;
        std::set<std::string> here(present.begin(), present.end());
        std::map<std::string, std::string> away(absent.begin(), absent.end());
        for (const auto& m : expected_attendees(t, r.date, r.group_id)) {
            listed.insert(m.name);
            if (auto it = away.find(m.name); it != away.end()) r.attendance.push_back({m.id, m.name, false, it->second});
            else if (present.empty() || here.count(m.name)) r.attendance.push_back({m.id, m.name, true, {}});
            else r.attendance.push_back({m.id, m.name, false, {}});
        }
    }
    for (const auto& n : present)
        if (listed.insert(n).second) r.attendance.push_back({{}, n, true, {}});
    for (const auto& [n, why] : absent)
        if (listed.insert(n).second) r.attendance.push_back({{}, n, false, why});
}

namespace {

/// The longest value a field may hold (a 21,845-character topic broke the book's bookmarks).
std::size_t field_limit(const TemplateField& f) {
    return f.kind == FieldKind::LongText                              ? limits::long_text
           : f.id == "topic"                                          ? limits::title
           : f.kind == FieldKind::Members                             ? limits::text
           : f.kind == FieldKind::Text || f.kind == FieldKind::Choice ? limits::text
           : f.kind == FieldKind::Member                              ? limits::name
           : f.kind == FieldKind::Attachments                         ? limits::long_text
                                                                      : limits::number;
}

/// A filled-in value read as its field's kind says.
void check_value(const TemplateField& f, const std::string& v, const Record& r, const std::map<std::string, Member>& roster,
                 const Date& today, std::vector<RecordProblem>& out) {
    switch (f.kind) {
    case FieldKind::Date: {
        std::optional<Date> d = f.id == "date" ? std::optional<Date>(r.date) : Date::parse(v);
        if (!d) {
            out.push_back(problem(f.id, OB_N("“{label}”的日期“{value}”无法识别或不存在"), {{"label", f.label}, {"value", v}}));
        } else if (*d > today) {
            out.push_back(problem(f.id, OB_N("“{label}”{value} 晚于今天（{today}），不能记录尚未发生的活动"),
                                  {{"label", f.label}, {"value", d->iso()}, {"today", today.iso()}}));
        }
        break;
    }
    case FieldKind::DateTime:
        if (!valid_time_span(v))
            out.push_back(
                problem(f.id, OB_N("“{label}”的时间“{value}”应写作 14:30 或 14:30-16:00"), {{"label", f.label}, {"value", v}}));
        break;
    case FieldKind::Member:
        if (!roster.count(v))
            out.push_back(problem(f.id, OB_N("“{label}”{value} 不在本支部党员名册中"), {{"label", f.label}, {"value", v}}));
        break;
    case FieldKind::Members:
        for (const auto& n : split_names(v))
            if (!roster.count(n))
                out.push_back(
                    problem(f.id, OB_N("“{label}”中的 {value} 不在本支部党员名册中"), {{"label", f.label}, {"value", n}}));
        break;
    case FieldKind::Number:
        if (!parse_number(v))
            out.push_back(problem(f.id, OB_N("“{label}”应为数字，而不是“{value}”"), {{"label", f.label}, {"value", v}}));
        break;
    case FieldKind::Hours: {
        auto h = f.id == "hours" ? std::optional<double>(r.hours) : parse_number(v);
        if (!h || *h < 0 || *h > 24)
            out.push_back(
                problem(f.id, OB_N("“{label}”应为 0 到 24 之间的学时数，而不是“{value}”"), {{"label", f.label}, {"value", v}}));
        break;
    }
    case FieldKind::Choice:
        if (std::find(f.options.begin(), f.options.end(), v) == f.options.end())
            out.push_back(problem(f.id, OB_N("“{label}”的值“{value}”不在可选项（{options}）中"),
                                  {{"label", f.label}, {"value", v}, {"options", join(f.options, "、")}}));
        break;
    case FieldKind::Text:
    case FieldKind::LongText:
    case FieldKind::Attachments: break;
    }
}

/// One field of the template: bounded before anything else reads it, required, then its value.
void check_field(const TemplateField& f, const Record& r, const std::map<std::string, Member>& roster, const Date& today,
                 std::vector<RecordProblem>& out) {
    std::string v = trim(r.value(f.id));
    MessageParams who{{"label", f.label}};
    std::size_t max = field_limit(f);
    if (v.size() > max && utf8_length(v) > max) {
        out.push_back(problem(f.id, OB_N("“{label}”过长：{length} 个字符，最多 {max} 个"),
                              {{"label", f.label}, {"length", std::to_string(utf8_length(v))}, {"max", std::to_string(max)}}));
        return;
    }
    if (f.id == "attendees") {
        if (f.required && r.summary().present == 0)
            out.push_back(problem(f.id, OB_N("“{label}”为必填项：至少要有一人出席"), who));
        return;
    }
    if (v.empty()) {
        if (f.required) out.push_back(problem(f.id, OB_N("“{label}”为必填项"), who));
        return;
    }
    check_value(f, v, r, roster, today, out);
}

/// What the template says of the record as a whole: date, hours, fields it does not have, vote.
void check_against_template(const Record& r, const MeetingTemplate& t, std::vector<RecordProblem>& out) {
    if (!r.date.valid() && !t.has("date")) out.push_back(problem("date", OB_N("日期为必填项"), {}));
    if (r.hours < 0) out.push_back(problem("hours", OB_N("学时不能为负数"), {}));
    if (r.hours > 0 && !t.has("hours")) out.push_back(problem("hours", OB_N("“{type}”不记录学时"), {{"type", t.name}}));
    for (const auto& [k, v] : r.fields)
        if (!t.has(k)) out.push_back(problem(k, OB_N("“{type}”的模板中没有字段“{field}”"), {{"type", t.name}, {"field", k}}));
}

/// Attendees: members of the branch, expected at this meeting (`expected`, when the scope is
/// checked), each listed once.
void check_attendance(const Record& r, const MeetingTemplate& t, const std::map<std::string, Member>& roster,
                      const std::optional<std::set<std::string>>& expected, std::vector<RecordProblem>& out) {
    if (t.attendees == AttendeeScope::None && !r.attendance.empty())
        out.push_back(problem("attendees", OB_N("“{type}”不登记参会人员"), {{"type", t.name}}));
    std::set<std::string> seen;
    for (const auto& a : r.attendance) {
        if (a.name.empty()) {
            out.push_back(problem("attendees", OB_N("参会人员中有空白姓名"), {}));
            continue;
        }
        if (!seen.insert(a.name).second) {
            out.push_back(problem("attendees", OB_N("{value} 在参会人员中重复出现"), {{"value", a.name}}));
            continue;
        }
        auto it = roster.find(a.name);
        if (it == roster.end()) {
            out.push_back(problem("attendees", OB_N("参会人员 {value} 不是本支部党员（名册中没有此人）"), {{"value", a.name}}));
            continue;
        }
        if (r.date.valid() && !member_on(it->second, r.date)) {
            out.push_back(
                problem("attendees", OB_N("参会人员 {value} 在 {date} 尚未入党"), {{"value", a.name}, {"date", r.date.iso()}}));
            continue;
        }
        if (expected && !expected->count(a.name))
            out.push_back(
                problem("attendees", OB_N("{value} 不在本次“{type}”的应到人员中"), {{"value", a.name}, {"type", t.name}}));
        // Whoever chaired or took the minutes was there.
        for (const char* role : {"host", "recorder"})
            if (!a.present && r.value(role) == a.name && t.field(role))
                out.push_back(
                    problem(role, OB_N("{label} {value} 被记为缺席"), {{"label", t.field(role)->label}, {"value", a.name}}));
    }
}

} // namespace

std::vector<RecordProblem> RecordStore::validate(const Record& r, const MeetingTemplate& t, const Date& today) {
    std::vector<RecordProblem> out;
    std::map<std::string, Member> roster;
    for (auto& m : m_roster.members()) roster.emplace(m.name, std::move(m));
    if (r.date.valid()) { // and those on the roster on the record's date, who may have left since
        MemberFilter as_of;
        as_of.on = r.date;
        for (auto& m : m_roster.members(as_of)) roster.emplace(m.name, std::move(m));
    }
    if (!r.type.empty() && r.type != t.id && r.type != t.name)
        out.push_back(problem("type", OB_N("记录类型“{type}”与模板“{template}”不符"), {{"type", r.type}, {"template", t.name}}));
    for (const auto& f : t.fields) check_field(f, r, roster, today, out);
    check_against_template(r, t, out);

    std::optional<Id> group_id = r.group_id;
    if (!r.group.empty()) {
        auto g = m_roster.group_by_name(r.group);
        if (!g) out.push_back(problem("group", OB_N("党小组“{value}”不存在"), {{"value", r.group}}));
        else group_id = g->id;
    }
    if (r.vote && !t.vote_allowed)
        out.push_back(problem("vote", OB_N("“{type}”不进行表决，不能标记为已表决"), {{"type", t.name}}));
    std::optional<std::set<std::string>> expected;
    if (t.attendees != AttendeeScope::Chosen && t.attendees != AttendeeScope::None && r.date.valid()) {
        expected.emplace();
        for (const auto& m : expected_attendees(t, r.date, group_id)) expected->insert(m.name);
    }
    check_attendance(r, t, roster, expected, out);
    return out;
}

QuorumResult RecordStore::quorum(const Record& r, const MeetingTemplate& t) {
    QuorumResult q;
    q.base = t.quorum_base;
    if (q.base == QuorumBase::None) return q;
    std::set<Id> base;
    if (q.base == QuorumBase::FullMembers) {
        for (const auto& m : m_roster.members())
            if (full_member_on(m, r.date)) base.insert(m.id);
    } else if (auto term = m_roster.current_term(r.date)) {
        for (const auto& s : term->seats)
            if (s.member_id) base.insert(*s.member_id);
    }
    q.base_count = static_cast<int>(base.size());
    q.needed = q.base_count / 2 + 1;
    std::set<Id> counted;
    for (const auto& a : r.attendance) {
        std::optional<Id> id = a.member_id;
        if (!id)
            if (auto m = m_roster.member_by_name(a.name)) id = m->id;
        if (a.present && id && base.count(*id) && counted.insert(*id).second) ++q.present;
    }
    return q;
}

void RecordStore::write(Record& r, const MeetingTemplate& t, const Date& today, bool insert) {
    auto problems = validate(r, t, today);
    if (!problems.empty()) throw RecordInvalid(std::move(problems));
    Transaction tx(m_db);
    r.organisation_id = m_org;
    r.type = t.id;
    r.type_name = t.name;
    auto id_of = [&](const std::string& name) -> std::optional<Id> {
        if (name.empty()) return std::nullopt;
        if (auto m = m_roster.member_by_name(name)) return m->id;
        return std::nullopt;
    };
    r.host_id = id_of(r.host);
    r.recorder_id = id_of(r.recorder);
    r.group_id = std::nullopt;
    if (!r.group.empty())
        if (auto g = m_roster.group_by_name(r.group)) r.group_id = g->id;
    for (auto& a : r.attendance) a.member_id = id_of(a.name);
    r.quorum_met = r.vote ? std::optional<bool>(quorum(r, t).met()) : std::nullopt;

    Poco::JSON::Object fields;
    for (const auto& [k, v] : r.fields) fields.set(k, v);
    std::ostringstream json;
    fields.stringify(json);
    std::optional<std::int64_t> quorum_col;
    if (r.quorum_met) quorum_col = *r.quorum_met ? 1 : 0;
    std::optional<std::int64_t> host_col = r.host_id, rec_col = r.recorder_id, group_col = r.group_id;
    auto opt_text = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };

    if (insert) {
        Statement st(m_db, "INSERT INTO record(organisation_id, type, type_name, date, time, place, host, "
                           "host_id, recorder, "
                           "recorder_id, topic, group_id, hours, vote, quorum_met, fields) "
                           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        st.bind_all(m_org, r.type, r.type_name, r.date.iso(), opt_text(r.time), opt_text(r.place), opt_text(r.host), host_col,
                    opt_text(r.recorder), rec_col, opt_text(r.topic), group_col, r.hours, r.vote ? 1 : 0, quorum_col, json.str())
            .run();
        r.id = m_db.last_insert_id();
    } else {
        Statement st(m_db, "UPDATE record SET type=?, type_name=?, date=?, time=?, place=?, host=?, host_id=?, recorder=?, "
                           "recorder_id=?, topic=?, group_id=?, hours=?, vote=?, quorum_met=?, fields=?, "
                           "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=? AND organisation_id=?");
        st.bind_all(r.type, r.type_name, r.date.iso(), opt_text(r.time), opt_text(r.place), opt_text(r.host), host_col,
                    opt_text(r.recorder), rec_col, opt_text(r.topic), group_col, r.hours, r.vote ? 1 : 0, quorum_col, json.str(),
                    r.id, m_org)
            .run();
        if (m_db.changes() == 0) throw Error(OB_N("会议记录 {id} 不存在"), {{"id", std::to_string(r.id)}}, {{}, {}, "id"});
        Statement d1(m_db, "DELETE FROM record_attendance WHERE record_id=?");
        d1.bind(1, r.id).run();
        Statement d2(m_db, "DELETE FROM record_attachment WHERE record_id=?");
        d2.bind(1, r.id).run();
    }
    Statement att(m_db, "INSERT INTO record_attendance(record_id, member_id, name, present, reason) VALUES(?,?,?,?,?)");
    for (const auto& a : r.attendance) {
        std::optional<std::int64_t> mid = a.member_id;
        att.bind_all(r.id, mid, a.name, a.present ? 1 : 0, opt_text(a.present ? std::string() : a.reason)).run();
        att.reset();
    }
    Statement files(m_db, "INSERT INTO record_attachment(record_id, position, path) VALUES(?,?,?)");
    int pos = 0;
    for (const auto& p : r.attachments) {
        files.bind_all(r.id, pos++, p).run();
        files.reset();
    }
    tx.commit();
}

Id RecordStore::add(Record& r, const MeetingTemplate& t, const Date& today) {
    write(r, t, today, true);
    return r.id;
}

void RecordStore::update(Record& r, const MeetingTemplate& t, const Date& today) {
    if (!get(r.id)) throw Error(OB_N("会议记录 {id} 不存在"), {{"id", std::to_string(r.id)}}, {{}, {}, "id"});
    write(r, t, today, false);
}

void RecordStore::remove(Id id) {
    Transaction tx(m_db);
    Statement st(m_db, "DELETE FROM record WHERE id=? AND organisation_id=?");
    st.bind_all(id, m_org).run();
    if (m_db.changes() == 0) throw Error(OB_N("会议记录 {id} 不存在"), {{"id", std::to_string(id)}}, {{}, {}, "id"});
    tx.commit();
}

std::vector<Record> RecordStore::query(const std::string& where, const std::vector<std::string>& binds) {
    std::vector<Record> out;
    Statement st(m_db,
                 std::string("SELECT ") + kRecordCols + " FROM record WHERE organisation_id=?" + where + " ORDER BY date, id");
    st.bind(1, m_org);
    for (std::size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i) + 2, binds[i]);
    while (st.step()) {
        Record r;
        r.id = st.get_int(0);
        r.organisation_id = st.get_int(1);
        r.type = st.get_text(2);
        r.type_name = st.get_text(3);
        if (auto d = Date::parse(st.get_text(4))) r.date = *d;
        r.time = st.get_text(5);
        r.place = st.get_text(6);
        r.host = st.get_text(7);
        r.host_id = st.get_opt_int(8);
        r.recorder = st.get_text(9);
        r.recorder_id = st.get_opt_int(10);
        r.topic = st.get_text(11);
        r.group_id = st.get_opt_int(12);
        r.group = st.get_text(13);
        r.hours = st.get_double(14);
        r.vote = st.get_int(15) != 0;
        if (!st.is_null(16)) r.quorum_met = st.get_int(16) != 0;
        try {
            Poco::JSON::Parser parser;
            parser.setDepth(limits::json_depth);
            auto obj = parser.parse(st.get_text(17)).extract<Poco::JSON::Object::Ptr>();
            for (const auto& [k, v] : *obj) r.fields[k] = v.isEmpty() ? std::string() : v.convert<std::string>();
        } catch (const std::exception&) {
            // The column is json_valid-checked; an object of strings is all we write.
        }
        out.push_back(std::move(r));
    }
    Statement att(m_db, "SELECT member_id, name, present, coalesce(reason,'') FROM record_attendance WHERE "
                        "record_id=? ORDER BY id");
    Statement files(m_db, "SELECT path FROM record_attachment WHERE record_id=? ORDER BY position");
    for (auto& r : out) {
        att.bind(1, r.id);
        while (att.step()) r.attendance.push_back({att.get_opt_int(0), att.get_text(1), att.get_int(2) != 0, att.get_text(3)});
        att.reset();
        files.bind(1, r.id);
        while (files.step()) r.attachments.push_back(files.get_text(0));
        files.reset();
    }
    return out;
}

std::optional<Record> RecordStore::get(Id id) {
    auto found = query(" AND id=?", {std::to_string(id)});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Record> RecordStore::list(std::optional<int> year, const std::string& type) {
    std::string where;
    std::vector<std::string> binds;
    if (year) {
        where += " AND date BETWEEN ? AND ?";
        binds.push_back(Date(*year, 1, 1).iso());
        binds.push_back(Date(*year, 12, 31).iso());
    }
    if (!type.empty()) {
        where += " AND (type=? OR type_name=?)";
        binds.push_back(type);
        binds.push_back(type);
    }
    return query(where, binds);
}

std::vector<Record> RecordStore::between(const Date& from, const Date& to, const std::vector<std::string>& types) {
    std::string where = " AND date BETWEEN ? AND ?";
    std::vector<std::string> binds{from.iso(), to.iso()};
    if (!types.empty()) {
        where += " AND type IN (";
        for (std::size_t i = 0; i < types.size(); ++i) {
            where += i ? ",?" : "?";
            binds.push_back(types[i]);
        }
        where += ")";
    }
    return query(where, binds);
}

int RecordStore::count(int year, const std::string& type) {
    Statement st(m_db, "SELECT count(*) FROM record WHERE organisation_id=? AND date BETWEEN ? AND ? AND (?='' OR type=?)");
    st.bind_all(m_org, Date(year, 1, 1).iso(), Date(year, 12, 31).iso(), type, type);
    st.step();
    return static_cast<int>(st.get_int(0));
}

} // namespace onebook::core
