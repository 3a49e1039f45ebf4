// What the rules engine says about a branch: one finding per rule and calendar window.
// Shared vocabulary between the rules engine (rules.hpp), assessments (computed rubric items),
// rectification (an item can be created from a finding) and the shell's dashboard.
#pragma once

#include "onebook/date.hpp"
#include "onebook/model.hpp"

#include <string>
#include <vector>

namespace onebook::core {

enum class FindingStatus { Ok, Due, Warning, Violation };

/// "ok", "due", "warning", "violation" (stable, used in JSON and in links).
const char* to_string(FindingStatus s);

struct Finding {
    std::string rule_id;     ///< e.g. "community.freq.assembly"
    std::string description; ///< Chinese text of the rule
    std::string source; ///< seed and clause, e.g. "《党支部“五化”建设》 三会一课：支部党员大会每季度召开一次"
    std::string window; ///< e.g. "2025", "2025-Q2", "2025-H1", "2025-03"; "" for structural rules
    Date window_start, window_end;
    FindingStatus status = FindingStatus::Ok;
    double held = 0;                      ///< measured quantity (meetings held, hours studied, members covered…)
    double required = 0;                  ///< what the rule asks for in this window
    std::string message;                  ///< Chinese explanation of this finding (what is missing, what counts)
    std::vector<Id> evidence;             ///< ids of the records that count
    std::string evidence_kind = "record"; ///< what the ids refer to ("record", "member", "term"…)

    /// Stable reference used to link a rectification item back here: "<rule_id>@<window>".
    std::string ref() const { return window.empty() ? rule_id : rule_id + "@" + window; }
};

} // namespace onebook::core
