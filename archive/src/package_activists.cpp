// Packages from branches on a version before the 发展党员 pipeline held the 入党积极分子 and
// 发展对象 rosters carry the older activist list. On reading, its rows become people in the
// package's pipeline by the archive's own schema upgrade (core::move_old_activist_list, run on the
// package's rows in a scratch database): same stage names, dates, contacts, notes and steps, same
// ids, so the importing archive's rosters show them and a later package from the upgraded branch
// names the same people.
#include "package_internal.hpp"

#include "onebook/recruitment.hpp"

#include <algorithm>

namespace onebook::archive::pkg {

namespace {

// The columns the upgrade reads or writes, beside any others the package's tables have.
const std::vector<std::string> activist_cols = {"id",    "organisation_id", "name",        "gender",        "birth_date",
                                                "stage", "applied_on",      "stage_since", "sponsor_names", "notes"};
const std::vector<std::string> recruit_cols = {"id",    "organisation_id", "name",     "gender",    "birth_date", "applied_on",
                                               "stage", "stage_since",     "contacts", "member_id", "notes"};
const std::vector<std::string> event_cols = {"id",        "recruit_id", "kind",  "stage", "on_date",
                                             "record_id", "days",       "hours", "note"};

std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

PackageTable* find(ParsedPackage& p, const std::string& name) {
    auto it = std::find_if(p.tables.begin(), p.tables.end(), [&](const PackageTable& t) { return t.name == name; });
    return it == p.tables.end() ? nullptr : &*it;
}

/// The package's table (or none) with the upgrade's columns added: the scratch table's columns.
std::vector<std::string> scratch_columns(const PackageTable* t, const std::vector<std::string>& needed) {
    std::vector<std::string> cols = t ? t->columns : std::vector<std::string>{};
    for (const auto& c : needed)
        if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.push_back(c);
    return cols;
}

/// Creates `name` in the scratch database and copies the package's rows in. `seq` keeps the
/// package's row order (rows the upgrade adds have none and come after); `id_key` makes `id` the
/// rowid so rows inserted without one are numbered as the archive numbers them.
void copy_in(core::Database& db, const std::string& name, const std::vector<std::string>& cols, const PackageTable* t,
             bool id_key) {
    std::string create = "CREATE TABLE " + quoted(name) + "(ob_seq INTEGER";
    for (const auto& c : cols) create += ", " + quoted(c) + (id_key && c == "id" ? " INTEGER PRIMARY KEY" : "");
    db.exec(create + ")");
    if (!t) return;
    std::string insert = "INSERT INTO " + quoted(name) + "(ob_seq";
    for (const auto& c : t->columns) insert += ", " + quoted(c);
    insert += ") VALUES (?";
    for (std::size_t i = 0; i < t->columns.size(); ++i) insert += ", ?";
    auto st = db.prepare(insert + ")");
    for (std::size_t r = 0; r < t->rows.size(); ++r) {
        st.bind(1, static_cast<std::int64_t>(r));
        for (std::size_t c = 0; c < t->columns.size(); ++c) bind_value(st, static_cast<int>(c) + 2, t->rows[r][c]);
        st.run();
        st.reset();
    }
}

/// Reads `name` back: the package's rows in their order, then the rows the upgrade added. The
/// upgrade's columns are added to the package's only when it added rows.
PackageTable copy_out(core::Database& db, const std::string& name, const std::vector<std::string>& cols,
                      const PackageTable* before) {
    PackageTable t{name, cols, {}};
    std::string select = "SELECT ob_seq IS NULL";
    for (const auto& c : cols) select += ", " + quoted(c);
    auto st = db.prepare(select + " FROM " + quoted(name) + " ORDER BY ob_seq IS NULL, ob_seq, rowid");
    bool added = false;
    while (st.step()) {
        added = added || st.get_int(0) != 0;
        std::vector<Value> row;
        for (std::size_t c = 0; c < cols.size(); ++c) row.push_back(column_value(st, static_cast<int>(c) + 1));
        t.rows.push_back(std::move(row));
    }
    if (before && !added) {
        for (auto& row : t.rows) row.resize(before->columns.size());
        t.columns = before->columns;
    }
    return t;
}

} // namespace

void take_old_activists(ParsedPackage& p) {
    PackageTable* old = find(p, "activist");
    if (!old || old->rows.empty()) return;
    auto db = core::Database::open(":memory:", true);
    const PackageTable* recruits = find(p, "recruit");
    const PackageTable* events = find(p, "recruit_event");
    auto a_cols = scratch_columns(old, activist_cols);
    auto r_cols = scratch_columns(recruits, recruit_cols);
    auto e_cols = scratch_columns(events, event_cols);
    copy_in(db, "activist", a_cols, old, false);
    copy_in(db, "recruit", r_cols, recruits, false);
    copy_in(db, "recruit_event", e_cols, events, true);
    // The upgrade journals its move; in a package that record has no use and is dropped.
    db.exec("CREATE TABLE change_set(id INTEGER PRIMARY KEY, by_name, kind, summary);"
            "CREATE TABLE change_row(set_id, tbl, op, row_id, before, after)");
    core::move_old_activist_list(db);
    PackageTable r = copy_out(db, "recruit", r_cols, recruits);
    PackageTable e = copy_out(db, "recruit_event", e_cols, events);
    old->rows.clear();
    // `old` may move when a table is added: it is not used below.
    for (PackageTable* t : {&r, &e}) {
        if (PackageTable* mine = find(p, t->name)) *mine = std::move(*t);
        else p.tables.push_back(std::move(*t));
    }
}

} // namespace onebook::archive::pkg
