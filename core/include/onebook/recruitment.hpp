// 发展党员: the recruitment pipeline from application (入党申请人) to full membership (正式党员),
// with its time rules read from data (《中国共产党发展党员工作细则》, the party constitution) and a
// report of what is due or late for each person.
#pragma once

#include "onebook/db.hpp"
#include "onebook/error.hpp"
#include "onebook/model.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

class PluginHost;

/// The five stages, in order.
const std::vector<std::string>& recruitment_stages();
/// Milestones recorded between stage moves: 谈话 考察 政审 培训 公示 宣誓.
const std::vector<std::string>& recruitment_milestones();

/// One time rule: what it checks (kind), its numbers (params) and the text it comes from.
struct RecruitmentRule {
    std::string id;
    std::string kind; ///< talk_after_application, activist_contacts, activist_review, activist_min_period,
                      ///< political_review, training, public_notice, probation, oath
    std::string description;
    std::string source; ///< title and chapter/article of the regulation
    std::map<std::string, double> params;
};

/// The rule set in force for a sector: the shared file, then the sector's overrides by id.
class RecruitmentRules {
public:
    /// Reads one rules document; throws Error naming `file` and the field at fault.
    static RecruitmentRules parse(const std::string& json, const std::string& file);
    /// Replaces rules of the same id (and adds new ones) from another document.
    void override_with(const RecruitmentRules& other);
    /// Shared rules (recruitment/rules.json under the first template folder that has it), then
    /// the sector plugin's data/recruitment/*.json overrides.
    static RecruitmentRules load(const PluginHost* plugins, const std::string& sector,
                                 const std::vector<std::filesystem::path>& dirs);
    /// The shipped rules only (no sector overrides), from the default template folders.
    static RecruitmentRules load_default(const PluginHost* plugins = nullptr, const std::string& sector = {});

    const std::vector<RecruitmentRule>& rules() const { return m_rules; }
    const RecruitmentRule* by_kind(const std::string& kind) const;
    /// A rule's parameter, or `fallback` when the rule or the parameter is absent.
    double param(const std::string& kind, const std::string& name, double fallback) const;

private:
    std::vector<RecruitmentRule> m_rules;
};

/// A person in the pipeline (not a member until admitted as 预备党员).
struct Recruit {
    Id id = 0;
    Id organisation_id = 0;
    std::string name;
    std::string gender;
    std::optional<Date> birth_date;
    Date applied_on;
    std::string stage = "入党申请人";
    Date stage_since;
    std::vector<std::string> contacts; ///< 培养联系人
    std::optional<Id> member_id;       ///< the roster entry once admitted
    std::string notes;

    /// The 培养联系人 as one text, separated by 、.
    std::string contacts_text() const;
};

/// A stage move (kind 阶段) or a milestone.
struct RecruitEvent {
    Id id = 0;
    Id recruit_id = 0;
    std::string kind;  ///< 阶段 / 谈话 / 考察 / 政审 / 培训 / 公示 / 宣誓
    std::string stage; ///< for 阶段
    Date on;
    std::optional<Id> record_id;
    std::optional<double> days, hours; ///< 培训
    std::string note;
};

/// Something due or late for one person.
struct PipelineItem {
    Id recruit_id = 0;
    std::string name;
    std::string stage;
    std::string state; ///< 逾期 (late) / 待办 (due) / 提示 (for information)
    std::optional<Date> due;
    std::string rule_id;
    std::string source;
    Message message;
};

class Recruitment {
public:
    Recruitment(Database& db, Id organisation_id, RecruitmentRules rules)
        : m_db(db), m_org(organisation_id), m_rules(std::move(rules)) {}

    const RecruitmentRules& rules() const { return m_rules; }

    /// Records an application: a new person at stage 入党申请人.
    Id apply(Recruit& r);
    /// Moves a person to the next stage. Checks the time rules (the move is refused, naming the
    /// rule, when one is not met); admission as 预备党员 adds the person to the roster, and full
    /// membership updates the roster entry. One transaction.
    void move(Id recruit_id, const std::string& to, const Date& on, std::optional<Id> record_id = {},
              const std::string& note = {}, const std::vector<std::string>& contacts = {});
    /// Records a milestone (谈话, 考察, 政审, 培训, 公示, 宣誓).
    Id add_event(RecruitEvent& e);
    /// Sets the 培养联系人.
    void set_contacts(Id recruit_id, const std::vector<std::string>& contacts);
    /// Corrects a person's name, gender, birth date, 培养联系人 and notes (stage and dates move only
    /// by `move`). Once admitted, the person is a member: name, gender and birth date are edited in
    /// the roster, and a change here is refused.
    void update(const Recruit& r);
    /// Removes a person entered by mistake, with their steps (filed documents stay in the book).
    /// Refused once the person is admitted (the roster holds them).
    void remove(Id recruit_id);

    std::optional<Recruit> recruit(Id id);
    /// By name; throws an Error when no one or more than one person has it.
    Recruit require(const std::string& name_or_id);
    /// Everyone in the pipeline, in stage order then by application date.
    std::vector<Recruit> recruits(bool include_full = false);
    /// The 入党积极分子 and 发展对象 roster: people not yet admitted (入党申请人, 入党积极分子,
    /// 发展对象), in stage order then by application date.
    std::vector<Recruit> before_admission();
    std::vector<RecruitEvent> events(Id recruit_id);

    /// What is due or late on `today` for every person in the pipeline.
    std::vector<PipelineItem> due(const Date& today);
    /// What is due or late on `today` for the people of `people` only (a roster shown of the pipeline).
    std::vector<PipelineItem> due(const Date& today, const std::vector<Recruit>& people);
    /// The date a person entered `stage` (from the stage moves), if they did.
    std::optional<Date> stage_date(Id recruit_id, const std::string& stage);

private:
    void check_record(std::optional<Id> record_id);
    Database& m_db;
    Id m_org;
    RecruitmentRules m_rules;
};

/// Moves the older activist list (table `activist`) into the pipeline (`recruit`, `recruit_event`)
/// by running the schema upgrade's own statements (migration 0019) on `db`, which holds those tables
/// and the journal's `change_set` and `change_row`: a package's rows in a scratch database take the
/// same move as an archive upgraded in place.
void move_old_activist_list(Database& db);

} // namespace onebook::core
