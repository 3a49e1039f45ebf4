// Packages from branches on a version before the 发展党员 pipeline held the 入党积极分子 and
// 发展对象 rosters carry the older activist list. On reading, each of its rows becomes a person in
// the package's pipeline the way the archive's own schema upgrade moves them (same stage names,
// dates, contacts, notes and steps, same ids), so the importing archive's rosters show them and a
// later package from the upgraded branch names the same people.
#include "package_internal.hpp"

#include "onebook/date.hpp"

#include <algorithm>
#include <map>

namespace onebook::archive::pkg {

namespace {

int column(const PackageTable& t, const std::string& name) {
    auto it = std::find(t.columns.begin(), t.columns.end(), name);
    return it == t.columns.end() ? -1 : static_cast<int>(it - t.columns.begin());
}

Value cell(const PackageTable& t, const std::vector<Value>& row, const std::string& name) {
    int c = column(t, name);
    return c < 0 ? Value{} : row[static_cast<std::size_t>(c)];
}

Value text(const std::string& s) {
    Value v;
    v.type = Value::Text;
    v.s = s;
    return v;
}

Value integer(std::int64_t i) {
    Value v;
    v.type = Value::Int;
    v.i = i;
    return v;
}

bool blank(const Value& v) { return v.type != Value::Text || v.s.find_first_not_of(' ') == std::string::npos; }

PackageTable& table(ParsedPackage& p, const std::string& name, const std::vector<std::string>& columns) {
    auto it = std::find_if(p.tables.begin(), p.tables.end(), [&](const PackageTable& t) { return t.name == name; });
    if (it != p.tables.end()) return *it;
    p.tables.push_back({name, columns, {}});
    return p.tables.back();
}

/// Sets `name` in `row` of `t`, adding the column (null in the other rows) when the package lacks it.
void set(PackageTable& t, std::vector<Value>& row, const std::string& name, const Value& v) {
    int c = column(t, name);
    if (c < 0) {
        t.columns.push_back(name);
        for (auto& r : t.rows) r.resize(t.columns.size());
        row.resize(t.columns.size());
        c = static_cast<int>(t.columns.size()) - 1;
    }
    row[static_cast<std::size_t>(c)] = v;
}

std::int64_t max_id(const PackageTable& t) {
    std::int64_t m = 0;
    int id = column(t, "id");
    if (id >= 0)
        for (const auto& r : t.rows)
            if (r[static_cast<std::size_t>(id)].type == Value::Int) m = std::max(m, r[static_cast<std::size_t>(id)].i);
    return m;
}

} // namespace

void take_old_activists(ParsedPackage& p) {
    auto old = std::find_if(p.tables.begin(), p.tables.end(), [](const PackageTable& t) { return t.name == "activist"; });
    if (old == p.tables.end() || old->rows.empty()) return;
    const PackageTable list = *old;
    old->rows.clear();
    static const std::vector<std::string> recruit_cols = {"id",         "organisation_id", "name",  "gender",
                                                          "birth_date", "applied_on",      "stage", "stage_since",
                                                          "contacts",   "member_id",       "notes"};
    static const std::vector<std::string> event_cols = {"id",        "recruit_id", "kind",  "stage", "on_date",
                                                        "record_id", "days",       "hours", "note"};
    PackageTable& recruits = table(p, "recruit", recruit_cols);
    const std::int64_t recruit_base = max_id(recruits);
    // Who the pipeline already holds, by organisation and name.
    std::map<std::pair<std::int64_t, std::string>, std::size_t> held;
    for (std::size_t r = 0; r < recruits.rows.size(); ++r)
        held.emplace(
            std::make_pair(cell(recruits, recruits.rows[r], "organisation_id").i, cell(recruits, recruits.rows[r], "name").s), r);
    struct Moved {
        std::int64_t id;
        std::string applied, stage, since;
        bool since_known;
    };
    std::vector<Moved> moved;
    for (const auto& row : list.rows) {
        Value org = cell(list, row, "organisation_id"), name = cell(list, row, "name");
        Value applied = cell(list, row, "applied_on"), since = cell(list, row, "stage_since");
        Value contacts = cell(list, row, "sponsor_names"), notes = cell(list, row, "notes");
        std::string stage = cell(list, row, "stage").s == "重点培养对象" ? "发展对象" : cell(list, row, "stage").s;
        if (auto same = held.find({org.i, name.s}); same != held.end()) {
            // Keep the pipeline's entry; add the contacts and notes only the old list had.
            auto& r = recruits.rows[same->second];
            if (blank(cell(recruits, r, "contacts")) && !blank(contacts)) set(recruits, r, "contacts", contacts);
            if (!blank(notes)) {
                Value mine = cell(recruits, r, "notes");
                if (blank(mine)) set(recruits, r, "notes", notes);
                else if (mine.s.find(notes.s) == std::string::npos) set(recruits, r, "notes", text(mine.s + "；" + notes.s));
            }
            continue;
        }
        // No date at all: today, as the archive's upgrade does (the note says the date is unknown).
        std::string applied_on = applied.type == Value::Text ? applied.s
                                 : since.type == Value::Text ? since.s
                                                             : core::Date::today().iso();
        std::string since_on = since.type == Value::Text ? since.s : applied_on;
        std::string note = notes.type == Value::Text ? notes.s : "";
        if (applied.type != Value::Text) note += "；原入党积极分子名单未记递交入党申请书日期";
        if (since.type != Value::Text && stage != "入党申请人")
            note += "；原入党积极分子名单未记确定为" + cell(list, row, "stage").s + "的日期";
        note.erase(0, note.rfind("；", 0) == 0 ? std::string("；").size() : 0);
        std::vector<Value> r(recruits.columns.size());
        std::int64_t id = recruit_base + cell(list, row, "id").i;
        set(recruits, r, "id", integer(id));
        set(recruits, r, "organisation_id", org);
        set(recruits, r, "name", name);
        set(recruits, r, "gender", cell(list, row, "gender"));
        set(recruits, r, "birth_date", cell(list, row, "birth_date"));
        set(recruits, r, "applied_on", text(applied_on));
        set(recruits, r, "stage", text(stage));
        set(recruits, r, "stage_since", text(std::max(applied_on, since_on)));
        set(recruits, r, "contacts", blank(contacts) ? Value{} : contacts);
        set(recruits, r, "notes", note.empty() ? Value{} : text(note));
        recruits.rows.push_back(std::move(r));
        moved.push_back({id, applied_on, stage, std::max(applied_on, since_on), since.type == Value::Text});
    }
    std::sort(moved.begin(), moved.end(), [](const Moved& a, const Moved& b) { return a.id < b.id; });
    PackageTable& events = table(p, "recruit_event", event_cols);
    std::int64_t next = max_id(events);
    auto step = [&](std::int64_t recruit, const std::string& stage, const std::string& on, const std::string& note) {
        std::vector<Value> e(events.columns.size());
        set(events, e, "id", integer(++next));
        set(events, e, "recruit_id", integer(recruit));
        set(events, e, "kind", text("阶段"));
        set(events, e, "stage", text(stage));
        set(events, e, "on_date", text(on));
        set(events, e, "note", text(note));
        events.rows.push_back(std::move(e));
    };
    for (const auto& m : moved) step(m.id, "入党申请人", m.applied, "递交入党申请书");
    for (const auto& m : moved)
        if (m.stage != "入党申请人" && m.since_known)
            step(m.id, m.stage, m.since,
                 m.stage == "发展对象" ? "由原入党积极分子名单（重点培养对象）转入" : "由原入党积极分子名单转入");
}

} // namespace onebook::archive::pkg
