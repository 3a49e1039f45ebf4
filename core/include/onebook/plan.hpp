// The yearly 三会一课 plan (《党支部“五化”建设》: 党支部年初制定“三会一课”年度计划): planned meetings per type
// and month, and plan vs done from the records.
#pragma once

#include "onebook/db.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/model.hpp"

#include <array>
#include <string>
#include <vector>

namespace onebook::core {

struct PlanEntry {
    std::string type; ///< template id
    std::string type_name;
    int month = 0; ///< 1..12
    int count = 0;
};

/// One meeting type's year: planned and held per month (index 0 = January).
struct PlanVsDone {
    std::string type;
    std::string type_name;
    std::array<int, 12> planned{};
    std::array<int, 12> done{};
    int planned_total() const;
    int done_total() const;
    /// Planned up to and including `month` (1..12) and not yet held by then: the shortfall so far.
    int behind(int month) const;
};

class MeetingPlan {
public:
    MeetingPlan(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}

    /// Sets (replaces) the planned count of a type in a month; 0 removes it. Throws Error for a
    /// month outside 1..12, a negative count or a year outside 1921..9999.
    void set(int year, const MeetingTemplate& type, int month, int count);
    int planned(int year, const std::string& type, int month);
    /// The year's entries sorted by type then month.
    std::vector<PlanEntry> entries(int year);
    /// Plan vs done for every type that is planned or held in `year`, in template order when
    /// `templates` is given (types not among them follow, by name).
    std::vector<PlanVsDone> compare(int year, const std::vector<MeetingTemplate>& templates = {});

private:
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
