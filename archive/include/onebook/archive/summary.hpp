// The superior's 分类定级 summary (DOMAIN.md §4.2, 《分类定级工作文件汇编》 第一篇 三、3–5 and 第四篇 附件2–4):
// over the organisations a superior's archive holds (its own and those imported from packages),
// the 汇总表 (counts and shares per grade, per sector and in all), the 一览表/明细表 (each
// organisation with its score and grade), the 较差名单, the share checks (好 at most 20 % outside
// organ and eduhealth, 较差 about 10 %) and the organisations whose grade needs a written
// explanation (说明情况) that is still missing. Shares and explanation rules come from the
// rubrics' distribution policy (plugin data), through core::grade_distribution().
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/grading_followup.hpp"
#include "onebook/error.hpp"
#include "onebook/plugin_host.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace onebook::archive {

/// One organisation of the 一览表.
struct GradingRow {
    core::Id organisation_id = 0;
    std::string name, uid;
    std::string sector, sector_name;
    std::string rubric_id;
    double total = 0;
    std::string grade;
    bool needs_explanation = false;
    std::string why;         ///< why an explanation is needed (Chinese)
    std::string explanation; ///< 说明情况 as written, "" when missing
};

/// One line of the 汇总表.
struct GradingCounts {
    std::string sector, sector_name; ///< empty sector: 合计
    int count = 0;
    std::vector<int> by_grade; ///< aligned with GradingSummary::grades
};

struct GradingSummary {
    int year = 0;
    std::string superior;               ///< the archive's own organisation
    std::vector<std::string> grades;    ///< in band order: 好, 较好, 一般, 较差
    std::vector<GradingCounts> sectors; ///< per sector, in plugin order
    GradingCounts all;                  ///< 合计
    std::vector<GradingRow> rows;       ///< 一览表: by sector, then score (highest first)
    std::vector<GradingRow> poor;       ///< 较差名单
    std::vector<std::string> ungraded;  ///< organisations without a finalised 分类定级 of the year
    std::string good_grade, poor_grade;
    double good_share = 0, poor_share = 0; ///< 0..1 (好 among the sectors whose share may not exceed)
    double good_share_overall = 0;         ///< 0..1, 好 among all graded branches
    std::vector<core::Message> notes;      ///< information (fewer 较差 than about 10 %: 据实定级)
    double good_max_share = 0.2, poor_target = 0.1, poor_tolerance = 0.05;
    int good_restricted = 0, restricted = 0;
    bool good_share_ok = true, poor_share_ok = true;
    std::vector<core::Message> warnings; ///< share checks that failed, in Chinese keys
    std::vector<GradingRow> missing_explanations;
    std::string source; ///< the policy's seed citation
    // After the grades: 公示 and 复核, 帮扶, 备案 (grading_followup.hpp).
    std::vector<GradingObjection> objections;
    std::vector<GradingSupport> supports; ///< 帮扶 recorded for the year (较差 branches)
    std::optional<GradingFiling> filing;
    std::vector<std::string> poor_without_support; ///< 较差 branches without 帮扶 recorded
};

/// Builds the summary of `year` from the finalised 分类定级 assessments in the archive.
GradingSummary grading_summary(core::Archive& archive, const core::PluginHost& plugins, int year);

/// Writes (replaces) the 说明情况 of an organisation for a year; an empty text removes it. One transaction.
void set_grading_explanation(core::Archive& archive, core::Id organisation_id, int year, const std::string& text,
                             const std::string& by = {});

/// "12.5%".
std::string percent(double share);
/// JSON (stable member names; shares as numbers 0..1).
std::string summary_json(const GradingSummary& s);
/// CSV as Excel opens it (UTF-8 with BOM, CRLF): 汇总表, 一览表, 较差名单 and the checks, one after another.
std::string summary_csv(const GradingSummary& s);
/// The report as a PDF (A4 landscape, the boards' renderer and fonts), written atomically.
void summary_pdf(const GradingSummary& s, const std::filesystem::path& out);
/// 较差状况明细表: one row per 较差 branch — problems, causes, 帮扶 (leader, department, measures),
/// deadline — as an A4 landscape PDF.
void poor_detail_pdf(const GradingSummary& s, const std::filesystem::path& out);

} // namespace onebook::archive
