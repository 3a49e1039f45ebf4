// The superior committee's desk (superior_desk.hpp): grouped queries over all branches at once.
#include "onebook/archive/superior_desk.hpp"

#include "onebook/organisation_store.hpp"
#include "onebook/sectors.hpp"

#include <algorithm>
#include <map>

namespace onebook::archive {

namespace {

/// 三会一课 as the rules count it: committee and group meetings monthly, the assembly and the
/// party lecture quarterly.
struct Due {
    const char* type;
    bool monthly;
};
constexpr Due kThreeMeetingsOneLecture[] = {{"committee", true}, {"group", true}, {"assembly", false}, {"lecture", false}};

/// A row per branch (every organisation but the superior's own), by id.
std::map<core::Id, DeskRow> branch_rows(core::Database& db, const core::PluginHost& plugins) {
    std::map<core::Id, DeskRow> rows;
    for (const auto& o : core::OrganisationStore(db).all()) {
        if (o.is_home) continue;
        DeskRow r;
        r.organisation_id = o.id;
        r.name = o.name;
        r.uid = o.uid;
        r.sector = o.sector;
        r.sector_name = o.sector;
        if (const auto* p = plugins.find(o.sector)) r.sector_name = p->manifest().name_zh;
        r.form = o.form;
        rows[o.id] = r;
    }
    return rows;
}

void add_member_counts(core::Database& db, std::map<core::Id, DeskRow>& rows) {
    auto st = db.prepare("SELECT organisation_id, count(*) FROM member GROUP BY organisation_id");
    while (st.step())
        if (auto it = rows.find(st.get_int(0)); it != rows.end()) it->second.members = static_cast<int>(st.get_int(1));
}

/// The final assessment of the year: superior total and grade; the self total from the latest
/// self score of each item.
void add_assessments(core::Database& db, std::map<core::Id, DeskRow>& rows, int year) {
    auto st = db.prepare("SELECT a.organisation_id, a.final_total, coalesce(a.final_grade, ''), "
                         "(SELECT sum(s.points) FROM assessment_score s WHERE s.id IN (SELECT max(id) FROM assessment_score "
                         " WHERE assessment_id = a.id AND round = 'self' GROUP BY item_id)) "
                         "FROM assessment a WHERE a.year = ?");
    st.bind(1, year);
    while (st.step()) {
        auto it = rows.find(st.get_int(0));
        if (it == rows.end()) continue;
        if (!st.is_null(1)) it->second.superior_total = st.get_double(1);
        it->second.grade = st.get_text(2);
        if (!st.is_null(3)) it->second.self_total = st.get_double(3);
    }
}

/// 三会一课 held against those due so far in the year (months or quarters, each counted once).
void add_meetings(core::Database& db, std::map<core::Id, DeskRow>& rows, int year, const core::Date& today) {
    const bool past = year < today.year();
    const int months = past ? 12 : (year == today.year() ? today.month() : 0);
    const int quarters = (months + 2) / 3;
    for (const auto& d : kThreeMeetingsOneLecture) {
        auto st = db.prepare("SELECT organisation_id, count(DISTINCT " +
                             std::string(d.monthly ? "substr(date, 1, 7)" : "(CAST(substr(date, 6, 2) AS INTEGER) + 2) / 3") +
                             ") FROM record WHERE type = ? AND date >= ? AND date <= ? GROUP BY organisation_id");
        st.bind_all(std::string(d.type), std::to_string(year) + "-01-01", std::min(today, core::Date(year, 12, 31)).iso());
        std::map<core::Id, int> done;
        while (st.step()) done[st.get_int(0)] = static_cast<int>(st.get_int(1));
        for (auto& [id, r] : rows) {
            int due = d.monthly ? months : quarters;
            r.meetings_due += due;
            r.meetings_done += std::min(due, done.count(id) ? done[id] : 0);
        }
    }
}

void add_open_items(core::Database& db, std::map<core::Id, DeskRow>& rows, const core::Date& today) {
    auto st = db.prepare("SELECT organisation_id, count(*), sum(deadline < ?) FROM rectification_item "
                         "WHERE status IN ('open', 'in_progress') GROUP BY organisation_id");
    st.bind(1, today.iso());
    while (st.step())
        if (auto it = rows.find(st.get_int(0)); it != rows.end()) {
            it->second.open_items = static_cast<int>(st.get_int(1));
            it->second.overdue_items = static_cast<int>(st.get_int(2));
        }
}

void add_last_packages(core::Database& db, std::map<core::Id, DeskRow>& rows, const core::Date& today) {
    auto st = db.prepare("SELECT organisation_id, max(imported_at) FROM package_import GROUP BY organisation_id");
    const std::string this_year = std::to_string(today.year());
    while (st.step())
        if (auto it = rows.find(st.get_int(0)); it != rows.end()) {
            it->second.last_package = st.get_text(1).substr(0, 10);
            it->second.package_this_year = it->second.last_package.rfind(this_year, 0) == 0;
        }
}

} // namespace

bool is_superior_archive(core::Archive& archive) {
    return archive.db().scalar_int("SELECT EXISTS (SELECT 1 FROM organisation WHERE is_home = 0)") != 0;
}

Desk superior_desk(core::Archive& archive, const core::PluginHost& plugins, int year, const core::Date& today) {
    auto& db = archive.db();
    Desk desk;
    desk.year = year;
    desk.summary = grading_summary(archive, plugins, year);
    std::map<core::Id, DeskRow> rows = branch_rows(db, plugins);
    add_member_counts(db, rows);
    add_assessments(db, rows, year);
    add_meetings(db, rows, year, today);
    add_open_items(db, rows, today);
    add_last_packages(db, rows, today);
    for (const auto& m : desk.summary.missing_explanations)
        if (auto it = rows.find(m.organisation_id); it != rows.end()) it->second.needs_explanation = true;
    for (auto& [id, r] : rows) desk.rows.push_back(std::move(r));
    std::stable_sort(desk.rows.begin(), desk.rows.end(), [](const DeskRow& a, const DeskRow& b) {
        return a.sector != b.sector ? a.sector < b.sector : a.name < b.name;
    });
    return desk;
}

} // namespace onebook::archive
