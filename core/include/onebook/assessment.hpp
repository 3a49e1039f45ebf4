// Assessments: one rubric applied to one organisation for one year, in rounds (DOMAIN.md §4.2):
// self-assessment (自评), superior assessment (组织考核), satisfaction survey (测评) and the final
// grade with vetoes. Computed items get a proposal from the rules engine's findings; every item
// scored below its maximum needs a deduction reason (扣分理由) before its round can be finalised.
// Every score, survey and veto flag is kept (append-only), so the history says who scored what in
// which round. The superior-side helper at the end checks grade shares over many branches.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/error.hpp"
#include "onebook/findings.hpp"
#include "onebook/rubric.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

enum class Round { Self, Superior };
/// "self", "superior" (stable: stored and used in JSON).
const char* to_string(Round r);
/// "自评", "组织考核".
std::string round_name(Round r);
/// Accepts self|superior|自评|组织考核; nullopt otherwise.
std::optional<Round> parse_round(const std::string& text);

// ---- Pure evaluation (no archive): proposals, survey conversion, grading --------------------

/// A computed item's suggested score with its evidence.
struct Proposal {
    double points = 0;
    std::string explanation;       ///< Chinese: per rule, what counted and which windows fell short
    std::vector<Finding> findings; ///< the findings used (their evidence lists the records)
};

/// The proposal for a computed item from the findings of its rules (see Formula), rounded down to a
/// half point. nullopt for other kinds, or when none of its rules has a judged (non-due) finding.
std::optional<Proposal> propose(const RubricItem& item, const std::vector<Finding>& findings);

/// The proposal for a 三高 item (ScoringKind::ThreeHigh) from the year's survey: each measure
/// against its threshold, the points the spec proposes scaled to the item's maximum and rounded
/// down to a half point; the explanation says the points are the plugin's proposal. nullopt for
/// other kinds.
std::optional<Proposal> propose_three_high(const RubricItem& item, const ThreeHighSpec& spec, const ThreeHighSurvey& survey);

/// Ballots of one group (members or non-members), by ballot_categories().
struct Ballots {
    int satisfied = 0;    ///< 满意
    int basic = 0;        ///< 基本满意
    int dissatisfied = 0; ///< 不满意
    int total() const { return satisfied + basic + dissatisfied; }
};

struct SurveyResult {
    Ballots members, non_members;
    double member_rate = 0, non_member_rate = 0; ///< percent, weighted by the scheme
    double rate = 0;                             ///< combined, percent
    double points = 0;                           ///< the survey items' points through the table
    std::string explanation;                     ///< Chinese: how the rate and points came about
    std::vector<Message> warnings;               ///< ratio far from 1:1, members missing…
};

/// Converts ballots into the survey items' points. `branch_members` (0 = unknown) feeds the
/// "all members take part" warning. Throws Error for negative counts or no ballots at all.
SurveyResult evaluate_survey(const Rubric& rubric, const Ballots& members, const Ballots& non_members, int branch_members = 0);

/// A veto flag the superior set (or cleared) on an assessment.
struct VetoFlag {
    std::string veto_id;
    bool active = true;
    std::string reason;
    std::string by, at;
};

/// A veto that changed (or would change) the grade.
struct AppliedVeto {
    std::string veto_id;
    std::string text;
    std::string source;
    std::string reason; ///< the flag's reason, or the founding date for FoundedWithin
};

struct GradeResult {
    double total = 0;
    std::string score_grade; ///< what the bands give
    std::string grade;       ///< after vetoes
    std::vector<AppliedVeto> vetoes;
    std::string explanation; ///< Chinese, names the veto that applied
};

/// Grades `total` by the rubric's bands, then applies the active flagged vetoes and the
/// founded-within veto (when `founded_on` falls in its window for `year`).
GradeResult grade(const Rubric& rubric, double total, const std::vector<VetoFlag>& flags, const std::optional<Date>& founded_on,
                  int year);

// ---- Stored assessments ----------------------------------------------------------------------

struct Assessment {
    Id id = 0;
    Id organisation_id = 0;
    std::string rubric_id;
    int year = 0;
    std::string created_by, created_at;
    bool self_final = false; ///< self-assessment reported (自评申报)
    bool final = false;      ///< superior round finalised and graded
    std::optional<double> final_total;
    std::string score_grade, final_grade, grade_explanation;
    std::string finalised_by, finalised_at;
};

/// One score as given (history keeps them all; the latest per round and item is in force).
struct ScoreEntry {
    Id id = 0;
    Round round = Round::Self;
    std::string item_id;
    double points = 0;
    std::string reason; ///< 扣分理由 / reason for overriding a proposal
    std::string note;
    std::vector<std::string> checks; ///< ticked checklist sub-items
    std::optional<double> proposal;  ///< what the rules proposed when this was given
    std::string by, at;
};

struct ScoreInput {
    Round round = Round::Self;
    std::string item_id;
    std::optional<double> points;                   ///< required unless `checks` gives them (checklist items)
    std::optional<std::vector<std::string>> checks; ///< checklist: ids of the ticked sub-items
    std::string reason;
    std::string note;
    std::string by;
};

/// Something that blocks finalisation or needs attention.
struct Problem {
    std::optional<Round> round;
    std::string item_id;  ///< empty for whole-assessment problems
    bool blocking = true; ///< false: a warning (survey ratio…)
    Message message;
};

struct SheetItem {
    RubricItem item;
    std::string section_id;
    std::optional<Proposal> proposal; ///< computed items with judged findings
    std::optional<ScoreEntry> self, superior;
    std::optional<double> survey_points; ///< survey items: the superior round's points from the survey
    /// Points in force for a round (survey items take the survey in the superior round).
    std::optional<double> points(Round r) const;
    std::string reason(Round r) const;
};

struct SheetSection {
    std::string id, number, title;
    double points = 0;
    double self_total = 0, superior_total = 0;
    std::vector<SheetItem> items;
};

/// An item scored below its maximum: what rectification (整改) items point back to
/// (RectSource::deduction(year, item_id)).
struct Deduction {
    std::string item_id;
    std::string text; ///< the item's text
    double max = 0, points = 0;
    std::string reason; ///< 扣分理由
    Round round = Round::Superior;
};

/// The filled form: what `assess show` prints and the shell displays.
struct Sheet {
    Assessment assessment;
    std::string organisation_name;
    std::string rubric_name;
    std::vector<SheetSection> sections;
    double max_total = 100;
    double self_total = 0, superior_total = 0;
    int self_scored = 0, superior_scored = 0, item_count = 0;
    std::optional<SurveyResult> survey;
    std::vector<VetoFlag> vetoes;  ///< flags in force
    GradeResult self_grade;        ///< grade the self-assessment total gives
    GradeResult grade;             ///< final, or provisional from the superior round
    std::vector<Problem> problems; ///< open problems (both rounds)
};

/// JSON of a sheet (stable field names; points as numbers, null when not scored).
std::string to_json(const Sheet& sheet);

/// Reads and writes the assessments of an archive. `rubrics` must outlive the store.
class AssessmentStore {
public:
    AssessmentStore(Archive& archive, const RubricSet& rubrics);

    /// Starts an assessment; Error when the rubric is unknown, belongs to another sector, or the
    /// organisation already has one of this rubric for the year. One transaction.
    Assessment create(Id organisation_id, const std::string& rubric_id, int year, const std::string& by);
    std::optional<Assessment> get(Id id);
    std::vector<Assessment> list(std::optional<Id> organisation_id = {}, std::optional<int> year = {});
    /// The organisation's assessment for `year` (of `rubric_id` when given); Error when there is
    /// none, or several and no rubric was named.
    Assessment require(Id organisation_id, int year, const std::string& rubric_id = {});
    const Rubric& rubric_of(const Assessment& a) const;
    /// The rubric with its campaign vetoes dated from the archive's settings (VetoRule::from_setting).
    Rubric effective_vetoes(const Rubric& rubric);

    /// Records a score (one transaction). Error for: a finalised round or assessment, an unknown
    /// item or check, points outside 0..max or not a multiple of 0.5, a survey item in the superior
    /// round, checks that disagree with the points, or a computed item scored away from its
    /// proposal without a reason. Accepting a proposal below the maximum takes its explanation as
    /// the deduction reason.
    ScoreEntry score(Id assessment_id, const ScoreInput& input, const std::vector<Finding>& findings = {});
    /// Scores every not-yet-scored computed or 三高 item of `round` with its proposal (one transaction);
    /// returns the entries made.
    std::vector<ScoreEntry> accept_proposals(Id assessment_id, Round round, const std::string& by,
                                             const std::vector<Finding>& findings);
    /// Scores in force for a round, by item id order of the rubric.
    std::vector<ScoreEntry> scores(Id assessment_id, Round round);
    /// Every score ever given (optionally of one item), oldest first.
    std::vector<ScoreEntry> history(Id assessment_id, const std::string& item_id = {});

    /// Records the survey ballots (replacing earlier counts, which stay in the history) and returns
    /// the conversion. One transaction.
    SurveyResult record_survey(Id assessment_id, const Ballots& members, const Ballots& non_members, const std::string& by);
    std::optional<SurveyResult> survey(Id assessment_id);

    /// Sets (active) or clears a flag veto of the rubric; a reason is required. One transaction.
    void set_veto(Id assessment_id, const std::string& veto_id, bool active, const std::string& reason, const std::string& by);
    /// Flags in force (latest per veto id, active ones only).
    std::vector<VetoFlag> vetoes(Id assessment_id);

    /// The filled form with proposals from `findings`, totals, grade and open problems.
    Sheet sheet(Id assessment_id, const std::vector<Finding>& findings = {});
    /// Items below their maximum in the superior round (in the self round when the superior has not
    /// scored yet), in rubric order; survey items included when the survey took points.
    std::vector<Deduction> deductions(Id assessment_id);
    /// Problems that block finalising `round` (missing scores, missing deduction reasons, missing survey).
    std::vector<Problem> blocking_problems(Id assessment_id, Round round);

    /// Finalises a round. Self: the self-assessment is reported and its scores locked. Superior: the
    /// total (with the survey) is graded with the vetoes and the assessment is closed. Refuses with an
    /// Error listing every blocking problem. One transaction.
    GradeResult finalise(Id assessment_id, Round round, const std::string& by);

private:
    Assessment load(Id id);
    /// Computed items from the findings, 三高 items from the organisation's survey of the year.
    std::optional<Proposal> proposal_for(const Assessment& a, const Rubric& rubric, const RubricItem& item,
                                         const std::vector<Finding>& findings);
    Archive& m_archive;
    const RubricSet& m_rubrics;
};

// ---- Superior side: grade distribution over many branches -----------------------------------

struct GradedOrganisation {
    std::string name;
    std::string uid;
    std::string sector;
    std::string rubric_id;
    int year = 0;
    double total = 0;
    std::string grade;
};

struct ExplanationNeeded {
    GradedOrganisation organisation;
    std::string why; ///< Chinese
};

struct GradeDistribution {
    int count = 0;
    std::vector<std::pair<std::string, int>> by_grade; ///< in band order, all grades seen
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, int>>>> by_sector;
    int good = 0, poor = 0;
    int good_restricted = 0, restricted = 0; ///< 好 and all, among sectors whose share may not exceed
    double good_share = 0;                   ///< good_restricted ÷ restricted
    double good_share_overall = 0;           ///< good ÷ all graded under a policy (organ and eduhealth included)
    double poor_share = 0;                   ///< poor ÷ count
    bool good_share_ok = true;
    bool poor_share_ok = true;
    std::vector<Message> warnings;
    std::vector<Message> notes; ///< information, not a deviation (e.g. fewer 较差 than about 10 %: 据实定级)
    std::vector<ExplanationNeeded> explanations; ///< branches that need a written explanation
};

/// Checks grade shares (好 ≤ 20 % except sectors with good_share_may_exceed; 较差 about 10 %) and lists
/// the branches needing an explanation, using each rubric's distribution policy (plugin data).
GradeDistribution grade_distribution(const std::vector<GradedOrganisation>& graded, const RubricSet& rubrics,
                                     const PluginHost& plugins);

/// The finalised assessments of `year` in an archive (a superior's archive holds many organisations).
std::vector<GradedOrganisation> graded_organisations(Archive& archive, int year);

} // namespace onebook::core
