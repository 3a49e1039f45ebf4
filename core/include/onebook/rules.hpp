// The rules engine: rules are plugin data (data/rules/*.json) with a region override file on top;
// check_rules() evaluates them against an archive's records and roster for one year and says, per
// rule and calendar window, ok / due / warning / violation with the evidence (DOMAIN.md §3).
// Windows: "2025-03" (month), "2025-Q2", "2025-H1", "2025", "2024-2025" (biennium), "" (structure).
// Structure rules are judged on the year's last day, or today while the year runs.
//
// Rule document (one or more rules per file):
//   { "rules": [ { "id": "community.freq.assembly", "description": "支部党员大会每季度至少召开一次",
//                  "source": "《社区党组织建设目标管理意见》 …", "kind": "frequency",
//                  "params": { "meeting_type": "assembly", "period": "quarter", "min": 1 } }, … ] }
// Kinds and their parameters:
//   frequency   meeting_type (template id) or meeting_types [..]; period month|quarter|half|year|biennium
//               (biennium: the window is the year before and the year); min; day (+ month_in_period, 1 =
//               the window's first month): held but on no such day is a warning; host_role (e.g. "书记":
//               only records hosted by the holder of that committee role); per_group (every party
//               group needs min in each window)
//   disclosure  like frequency (dues disclosure, 党务公开): meeting_type, period, min
//   structure   check: form | group_size | committee_required | secretary_party_age | term_expiry | plan
//               (plan: the year's 三会一课 plan covers meeting_types, due by the end of month by_month);
//               min_full_members (form, 3), min_group_size (3), committee_threshold (7),
//               min_party_age_years (1), warn_days (90); wording: the source's sentence when it only
//               says 原则上/一般应当 (group_size, secretary_party_age: a shortfall is then a warning quoting it)
//   quorum      meeting_types [..]: a vote recorded without quorum is a violation of its year
//   member_quantity  measure: study_hours | talk_coverage | service_count;
//               study_hours: meeting_types [..], min_hours (32);  service_count: meeting_type, min (2);
//               talk_coverage: meeting_type ("talk"), scope members|committee, period year|half;
//               exclude_categories [..] (e.g. ["代管"]) leaves members out of the count; fields
//               {"field id": "value"} counts only records holding those values (service_count);
//               prorate (default true): a member who joined during the year owes min × months / 12.
// Where two sources disagree, the sector follows one ("source") and keeps the other as a reference
// rule ("reference_of": the followed rule's id): `check` does not judge the branch by a reference
// rule but names it beside the followed one, and rubric items whose text states the other source
// are scored by it (check_rules_for_rubric). A region switches sources by disabling the followed
// rule and setting the reference's "reference": false.
// Any kind: needs_committee (true: applies only when the branch has a 支部委员会 or has at least
// committee_threshold (7) members and so must have one; otherwise one ok finding says the
// secretary holds the committee's duties).
// Region override (JSON): { "rules": { "<rule id>": { "disabled": true } | { "params": { … } } } },
// located by the archive setting "region_rules" (a path) or, in the CLI, --region-rules FILE.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/date.hpp"
#include "onebook/error.hpp"
#include "onebook/findings.hpp"
#include "onebook/plugin_host.hpp"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// One rule as the plugin (and the region override) define it.
struct RuleDef {
    std::string id;                 ///< e.g. "community.freq.assembly"
    std::string description;        ///< Chinese text of the rule
    std::string source;             ///< seed file + clause
    std::string kind;               ///< frequency | disclosure | structure | member_quantity | quorum
    std::string file;               ///< where it was defined (for messages)
    bool enabled = true;            ///< false when the region override disables it
    bool overridden = false;        ///< true when the region override changed it
    bool reference = false;         ///< another source's version, not judged by check (see above)
    std::string reference_of;       ///< the followed rule a reference rule belongs to
    Poco::JSON::Object::Ptr params; ///< the kind's parameters (never null after load_rules)

    /// Parameter accessors with fallbacks (throw nothing).
    std::string text(const std::string& key, const std::string& fallback = {}) const;
    double number(const std::string& key, double fallback = 0) const;
    std::vector<std::string> list(const std::string& key) const;
    bool flag(const std::string& key, bool fallback = false) const;
};

/// Reads the plugin's rules and applies the region override file when a path is given. Throws
/// Error naming the file and the field for a malformed rule or override (unknown rule id, bad kind…).
std::vector<RuleDef> load_rules(const LoadedPlugin& plugin, const std::string& region_override_path = {});

/// The archive's rules: the home organisation's sector plugin, with the override of the archive
/// setting "region_rules" (when set) or of `region_override_path` (when not empty; it wins).
std::vector<RuleDef> archive_rules(Archive& archive, const PluginHost& plugins, const std::string& region_override_path = {});

/// Evaluates the archive's rules (see archive_rules) for `year`. Findings come in rule order, and
/// within a rule in window order. Windows after `today` are reported as due (nothing to judge yet);
/// the window containing `today` is due unless already satisfied (then ok); past windows are ok or
/// violation. Disabled rules produce no findings.
std::vector<Finding> check_rules(Archive& archive, const PluginHost& plugins, int year, const Date& today = Date::today());

/// Same with explicit rules (tests, the CLI's --region-rules, assessments of one rule).
std::vector<Finding> check_rules(Archive& archive, const PluginHost& plugins, const std::vector<RuleDef>& rules, int year,
                                 const Date& today = Date::today());

/// Findings of one rule only (empty when the id is unknown or disabled).
std::vector<Finding> check_rule(Archive& archive, const PluginHost& plugins, const std::string& rule_id, int year,
                                const Date& today = Date::today());

/// Findings for scoring a rubric: those of check_rules plus those of the reference rules (another
/// source's version of a rule), which rubric items stating that source are scored by.
std::vector<Finding> check_rules_for_rubric(Archive& archive, const PluginHost& plugins, int year,
                                            const Date& today = Date::today());
/// When the archive's records start after `year` began (Archive::records_start): what the rules
/// check leaves out, to show beside its findings. nullopt when the whole year is judged.
std::optional<Message> records_start_note(Archive& archive, int year);

/// Name of the archive setting that points at the region override file.
inline constexpr const char* region_rules_setting = "region_rules";

} // namespace onebook::core
