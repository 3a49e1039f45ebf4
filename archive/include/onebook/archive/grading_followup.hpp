// The end of 分类定级 at the superior committee, after the grades are decided: the 公示 (objections
// received with their review, 复核, and outcome), 帮扶 for the branches graded 较差 (leader, department,
// measures, deadline; the problems and causes the 较差状况明细表 lists) and the 备案 date. The
// summary (summary.hpp) shows them; each change is one transaction of the journal.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// Outcome of the review of an objection.
inline constexpr const char* objection_pending = "pending";     ///< 待复核
inline constexpr const char* objection_upheld = "upheld";       ///< 维持原定级
inline constexpr const char* objection_changed = "changed";     ///< 调整定级
inline constexpr const char* objection_dismissed = "dismissed"; ///< 异议不成立
/// Chinese label of an outcome (a msgid).
std::string objection_outcome_label(const std::string& outcome);

struct GradingObjection {
    core::Id id = 0;
    core::Id organisation_id = 0;
    std::string organisation; ///< its name (filled when read)
    int year = 0;
    core::Date received_on;
    std::string content; ///< 异议内容
    std::string review;  ///< 复核情况
    std::string outcome = objection_pending;
    std::optional<core::Date> reviewed_on;
};

struct GradingSupport {
    core::Id organisation_id = 0;
    std::string organisation;
    int year = 0;
    std::string leader;     ///< 挂点领导
    std::string department; ///< 帮扶部门
    std::string measures;   ///< 帮扶措施
    core::Date deadline;    ///< 整改时限
    std::string problems;   ///< 主要问题
    std::string causes;     ///< 原因分析
};

struct GradingFiling {
    int year = 0;
    core::Date filed_on;    ///< 备案日期
    std::string filed_with; ///< 备案机关
    std::string note;
};

/// Records an objection received during the 公示; checks the organisation, year, date and text.
/// Returns its id. One transaction.
core::Id add_grading_objection(core::Archive& archive, GradingObjection objection, const core::Date& today = core::Date::today());
/// Records the review (复核) of an objection and its outcome (not pending). One transaction.
void review_grading_objection(core::Archive& archive, core::Id id, const std::string& outcome, const std::string& review,
                              const core::Date& on, const core::Date& today = core::Date::today());
/// The objections of a year, by organisation name then date.
std::vector<GradingObjection> grading_objections(core::Archive& archive, int year);

/// Writes (replaces) the 帮扶 of an organisation for a year. One transaction.
void set_grading_support(core::Archive& archive, const GradingSupport& support);
std::vector<GradingSupport> grading_supports(core::Archive& archive, int year);

/// Writes (replaces) the 备案 of a year. One transaction.
void set_grading_filing(core::Archive& archive, const GradingFiling& filing, const core::Date& today = core::Date::today());
std::optional<GradingFiling> grading_filing(core::Archive& archive, int year);

} // namespace onebook::archive
