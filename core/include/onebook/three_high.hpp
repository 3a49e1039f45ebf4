// The community's 三高 survey (seed 003, 《创建精品社区信息》): how many of the residents, shops and
// units asked know the community (认知度), take part in its work (参与度) and are satisfied with it
// (满意度), against the thresholds the sector plugin's surveys/three_high.json states with its
// source; the points the plugin proposes (no source fixes them) are marked as its proposal.
#pragma once

#include "onebook/date.hpp"
#include "onebook/db.hpp"
#include "onebook/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

class PluginHost;

struct ThreeHighMeasure {
    std::string id;    ///< aware / participating / satisfied
    std::string label; ///< 认知度 …
    double min_percent = 0;
    double weight = 1; ///< the plugin's proposal
};

/// The sector's 三高 data: thresholds (sourced) and the proposed points (the plugin's own).
struct ThreeHighSpec {
    std::string id, title, source, respondents;
    std::vector<ThreeHighMeasure> measures;
    std::string proposal_note; ///< shown wherever the points are: not a source's words
    double points = 0;
    double deduct_per_point_percent = 10;

    static ThreeHighSpec parse(const std::string& json, const std::string& file);
    /// The sector plugin's data/surveys/three_high.json; nullopt when the sector has none.
    static std::optional<ThreeHighSpec> load(const PluginHost& plugins, const std::string& sector);
};

struct ThreeHighSurvey {
    int year = 0;
    Date on;
    int respondents = 0, aware = 0, participating = 0, satisfied = 0;
    std::string notes;
    int count(const std::string& measure) const;
};

/// One measure of a survey against its threshold.
struct ThreeHighResult {
    ThreeHighMeasure measure;
    int count = 0;
    double percent = 0; ///< rounded to 0.1
    bool met = false;   ///< percent ≥ threshold (以上 includes the figure)
    double points = 0;  ///< the proposed points for this measure
};

/// Each measure against its threshold, with the proposed points.
std::vector<ThreeHighResult> evaluate_three_high(const ThreeHighSpec& spec, const ThreeHighSurvey& s);

class ThreeHighStore {
public:
    ThreeHighStore(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}
    /// Saves (replacing) the year's survey; Error naming the field when counts are impossible.
    void set(const ThreeHighSurvey& s);
    std::optional<ThreeHighSurvey> get(int year);

private:
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
