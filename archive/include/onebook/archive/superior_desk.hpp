// The superior committee's desk: one row per branch of a superior's archive with what the
// committee looks at first — sector, form, members, self and superior score, grade, 三会一课
// compliance in the year, open and overdue rectification, the last package received — and the
// grading summary of the year (distribution, quota checks, explanations due, branches without a
// package). Read in a few grouped queries, so it stays quick with a thousand branches.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/plugin_host.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

struct DeskRow {
    core::Id organisation_id = 0;
    std::string name, uid, sector, sector_name, form;
    int members = 0;
    std::optional<double> self_total, superior_total;
    std::string grade;     ///< final grade of the year, "" when not graded
    int meetings_done = 0; ///< 三会一课 periods covered in the year (months or quarters)
    int meetings_due = 0;  ///< periods due up to today (or the whole year when past)
    int open_items = 0, overdue_items = 0;
    std::string last_package;       ///< date (ISO) of the last package received, "" when none
    bool needs_explanation = false; ///< its grade must be explained (and is not yet)
    bool package_this_year = false; ///< a package arrived in the calendar year of today
    /// Share of 三会一课 periods covered, 0..1 (1 when nothing is due yet).
    double compliance() const { return meetings_due ? double(meetings_done) / meetings_due : 1.0; }
};

struct Desk {
    int year = 0;
    std::vector<DeskRow> rows; ///< every branch (non-home organisation), by sector then name
    GradingSummary summary;    ///< distribution, quota checks, explanations, ungraded
};

/// The desk of `year` (graded assessments of that year; 三会一课 of that year up to `today`).
Desk superior_desk(core::Archive& archive, const core::PluginHost& plugins, int year,
                   const core::Date& today = core::Date::today());

/// True when the archive holds organisations other than its own (a superior's archive).
bool is_superior_archive(core::Archive& archive);

} // namespace onebook::archive
