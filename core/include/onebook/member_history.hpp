// The roster's history: 组织关系转接 (transfers in and out), 停止党籍, 出党, 死亡. A member who
// leaves keeps the roster entry (past attendance points to it) but is off the roster from the
// date of leaving; the roster as it was on any date is computed from these movements.
#pragma once

#include "onebook/db.hpp"
#include "onebook/error.hpp"
#include "onebook/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

class PluginHost;

/// Kinds of movement: 转入 (arrival) and the departures 转出 停止党籍 出党 死亡.
const std::vector<std::string>& movement_kinds();
bool is_departure(const std::string& kind);

struct Movement {
    Id id = 0;
    Id member_id = 0;
    std::string member_name; ///< filled when read
    std::string kind;
    Date on;
    std::string counterpart;  ///< 转往/转自 (transfers)
    std::string letter_ref;   ///< 介绍信 reference (transfers)
    std::string dues_paid_to; ///< 党费交至 YYYY-MM (transfers)
    std::string reason;       ///< 停止党籍 / 出党 / 死亡
    std::optional<Id> record_id;
};

/// 流动党员: a member working or living away from the branch.
struct MobileMember {
    Id member_id = 0;
    std::string member_name;    ///< filled when read
    std::string location;       ///< 流入地 / 所在单位
    std::string card_no;        ///< 流动党员活动证 number
    std::string contact_person; ///< who in the branch keeps in touch
    std::optional<Date> since;
    std::optional<Date> last_contact;
};

/// The shared members/NAME under the first of `dirs` that has it, then the sector plugin's
/// data/members/NAME when present (the later overrides). `tried` collects the paths looked at.
std::vector<std::filesystem::path> member_rule_files(const PluginHost* plugins, const std::string& sector,
                                                     const std::vector<std::filesystem::path>& dirs, const std::string& name,
                                                     std::string* tried = nullptr);

/// How often the branch must reach each 流动党员 (data: members/mobile.json).
struct MobileContactRule {
    std::string id;
    std::string source;
    int every_days = 90;
    /// The shared rule under the first of `dirs` that has members/mobile.json, then the sector
    /// plugin's data/members/mobile.json when present; throws Error naming the file when broken.
    static MobileContactRule load(const PluginHost* plugins, const std::string& sector,
                                  const std::vector<std::filesystem::path>& dirs);
};

/// A 流动党员 the branch has not reached in time (or never).
struct MobileContactDue {
    Id member_id = 0;
    std::string name;
    std::optional<Date> due; ///< nullopt when never contacted and no departure date
    bool late = false;
    Message message;
};

class MemberHistory {
public:
    MemberHistory(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}

    /// 转出 / 停止党籍 / 出党 / 死亡 of a member on the roster at that date. One transaction.
    Id depart(Movement m);
    /// 转入: adds `newcomer` to the roster with the arrival recorded. One transaction.
    Id transfer_in(Member& newcomer, Movement m);
    /// Movements, newest first; of one member when given.
    std::vector<Movement> movements(std::optional<Id> member_id = {});
    /// The roster as it was on `on` (members who had arrived and not yet left).
    std::vector<Member> roster_on(const Date& on);

    /// Records (or updates) a member as 流动党员; `location` is required.
    void set_mobile(const MobileMember& m);
    /// The member is back: no longer 流动党员.
    void clear_mobile(Id member_id);
    /// 流动党员 on today's roster, by name.
    std::vector<MobileMember> mobile_members();
    /// Those whose last contact (or departure) is older than the rule allows on `today`, and those
    /// due within 14 days.
    std::vector<MobileContactDue> mobile_contacts_due(const MobileContactRule& rule, const Date& today);

private:
    void validate(const Movement& m, const Date& today);
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
