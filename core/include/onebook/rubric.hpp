// Assessment forms (考核评分标准) contributed by sector plugins as data/rubrics/*.json:
// sections → items with points and how each is scored, grade bands, veto rules, the satisfaction
// survey's conversion table and the superior's grade-distribution policy. DOMAIN.md §4.
#pragma once

#include "onebook/date.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/three_high.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// How an item gets its points.
enum class ScoringKind {
    Manual,    ///< a person gives the points (with a reason when below the maximum)
    Checklist, ///< the sum of the ticked sub-items' points
    Computed,  ///< proposed from the rules engine's findings, overridable with a written reason
    Survey,    ///< converted from the satisfaction survey (测评) through the rubric's table
    /// proposed from the year's recorded 三高 survey rates against the sector's thresholds
    /// (surveys/three_high.json), with the points that file proposes; overridable with a reason
    ThreeHigh,
};
/// "manual", "checklist", "computed", "survey", "three_high" (as in the JSON).
const char* to_string(ScoringKind k);

/// How a computed item turns findings into a share of its points.
enum class Formula {
    Ratio,       ///< Σ min(held, required) ÷ Σ required over the finished windows × max
    Windows,     ///< windows met ÷ finished windows × max (e.g. months with a study session)
    NoViolation, ///< max when no finding is a violation, else 0 (structural rules)
};
const char* to_string(Formula f);
/// The formula as a Chinese phrase for the form ("已开次数 ÷ 应开次数 × 满分（封顶）").
std::string describe(Formula f);

/// A sub-item of a checklist item.
struct RubricCheck {
    std::string id;
    std::string text;
    double points = 0;
};

struct RubricItem {
    std::string id;     ///< unique within the rubric, e.g. "2.2"; what `assess score` takes
    std::string number; ///< numbering as printed in the source ("1、", and the seed's "l、")
    std::string text;   ///< Chinese text, verbatim from the source where there is one
    double points = 0;  ///< maximum
    ScoringKind kind = ScoringKind::Manual;
    std::vector<RubricCheck> checks; ///< Checklist
    std::vector<std::string> rules;  ///< Computed: rule ids of the rules engine
    Formula formula = Formula::Ratio;
    std::string basis;  ///< Computed: what the rules measure, in Chinese (shown with the proposal)
    std::string source; ///< seed and clause
};

struct RubricSection {
    std::string id;
    std::string number; ///< "(一)"
    std::string title;
    double points = 0;
    std::string source;
    std::vector<RubricItem> items;
};

/// Scores at or above `min` (and below the previous band's min) get `grade`.
struct GradeBand {
    std::string grade;
    double min = 0;
};

/// A rule that overrides the grade the score gives (《分类定级工作文件汇编》 第三篇).
struct VetoRule {
    enum class Kind {
        Flag,          ///< set by the superior on the assessment, with a reason
        FoundedWithin, ///< automatic: the organisation was founded inside the campaign window
    };
    enum class Effect {
        Set, ///< the grade becomes `grade` whatever the score
        Cap, ///< the grade is at most `grade`
    };
    std::string id;
    std::string text;
    std::string source;
    Kind kind = Kind::Flag;
    Effect effect = Effect::Set;
    std::string grade;
    /// FoundedWithin: an explicit window, or the `months` before the end of the assessed year.
    std::optional<Date> from, to;
    int months = 0;
    /// FoundedWithin: the archive setting holding the campaign's start date, set by the region
    /// (seed 002 第三篇: the 百日攻坚行动 of each place). Without that date the veto does not apply.
    std::string from_setting;

    /// The window for an assessment of `year`.
    std::pair<Date, Date> window(int year) const;
};

/// Ballot categories of the satisfaction survey, in this order everywhere.
inline const std::vector<std::string>& ballot_categories() {
    static const std::vector<std::string> c = {"满意", "基本满意", "不满意"};
    return c;
}

/// How survey ballots become points (plugin data: the conversion table).
struct SurveyScheme {
    /// Weight of each ballot category in the satisfaction rate (满意 1, 基本满意 0.5 …).
    std::map<std::string, double> weights;
    /// true: members and non-members weigh the same whatever their numbers; false: pooled ballots.
    bool equal_weight = true;
    /// Warn when members ÷ non-members falls outside [ratio_low, ratio_high] (《分类定级工作文件汇编》: about 1:1).
    double ratio_low = 0.8, ratio_high = 1.25;
    /// Warn when fewer members voted than the branch has (《分类定级工作文件汇编》: 党员应全部参加).
    bool all_members = true;
    struct Band {
        double min_rate = 0; ///< percent
        double points = 0;
    };
    std::vector<Band> table; ///< descending min_rate, last one 0
    std::string source;

    /// Points for a satisfaction rate in percent.
    double points_for(double rate_percent) const;
};

/// What the superior checks over its graded branches (《分类定级工作文件汇编》 第一篇 三、3–4).
struct DistributionPolicy {
    std::string good_grade;                  ///< "好"
    double good_max_share = 0.2;             ///< at most this share rated good (unless the sector may exceed)
    std::string poor_grade;                  ///< "较差"
    double poor_share = 0.1;                 ///< about this share rated poor
    double poor_tolerance = 0.05;            ///< "about": ± this
    std::vector<std::string> explain_grades; ///< grades that need an explanation in the 一览表
    std::string source;
    bool empty() const { return good_grade.empty() && poor_grade.empty() && explain_grades.empty(); }
};

struct Rubric {
    std::string id; ///< unique over all plugins, e.g. "community.sanhao"
    std::string name;
    std::string sector; ///< plugin id
    std::string kind;   ///< "三好", "分类定级" …
    std::string source;
    std::string file; ///< where it came from (for messages)
    /// The plugin's proposal rather than a source's form (e.g. the 分类定级 items a plugin authored
    /// from the 五个好 because seed 002's annex is missing): shown as 示范文本 ("proposal": true).
    bool proposal = false;
    double total = 100;
    std::vector<RubricSection> sections;
    std::vector<GradeBand> grades; ///< descending min
    std::string grades_source;
    std::vector<VetoRule> vetoes;
    std::optional<SurveyScheme> survey;
    /// The sector's 三高 thresholds and proposed points, attached on loading when an item is
    /// scored from the 三高 survey (ScoringKind::ThreeHigh).
    std::optional<ThreeHighSpec> three_high;
    DistributionPolicy distribution;

    const RubricItem* find_item(const std::string& id) const;
    const RubricSection* section_of(const std::string& item_id) const;
    const VetoRule* find_veto(const std::string& id) const;
    std::size_t item_count() const;
    /// The band a total falls in (exact: 89.5 is below 90).
    std::string grade_for(double total) const;
    /// Position of a grade in the bands (0 = best), or -1.
    int grade_rank(const std::string& grade) const;
};

/// Parses and validates one rubric document; throws Error naming the file (and the section or
/// item) for: a missing field, duplicate ids, item points that do not add up to their section,
/// sections that do not add up to 100, points that are not multiples of 0.5, a checklist whose
/// checks do not add up, a computed item without rules, bad grade bands, a veto naming an
/// unknown grade, a survey item without a conversion table.
Rubric parse_rubric(const std::string& json, const std::string& file, const std::string& plugin_id);

/// Every rubric of the loaded plugins.
class RubricSet {
public:
    /// Parses all contributions at ExtensionPoint::Rubrics. A bad document is kept in problems()
    /// (with its reason) and the others load; so is a rubric with a 三高 item whose sector has no
    /// surveys/three_high.json.
    static RubricSet load(const PluginHost& plugins);

    const std::vector<Rubric>& all() const { return m_rubrics; }
    const std::vector<Error>& problems() const { return m_problems; }
    const Rubric* find(const std::string& id) const;
    /// Like find(), but throws an Error listing the known ids.
    const Rubric& require(const std::string& id) const;
    std::vector<const Rubric*> for_sector(const std::string& sector) const;

    /// Adds a rubric (tests, code plugins); throws on a duplicate id.
    void add(Rubric r);

private:
    std::vector<Rubric> m_rubrics;
    std::vector<Error> m_problems;
};

/// Rounds down to a half point (proposals: 1.83 → 1.5), tolerant of floating-point noise.
double floor_half(double points);

} // namespace onebook::core
