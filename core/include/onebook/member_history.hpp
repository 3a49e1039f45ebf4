// The roster's history: 组织关系转接 (transfers in and out), 停止党籍, 出党, 死亡. A member who
// leaves keeps the roster entry (past attendance points to it) but is off the roster from the
// date of leaving; the roster as it was on any date is computed from these movements.
#pragma once

#include "onebook/db.hpp"
#include "onebook/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

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

private:
    void validate(const Movement& m, const Date& today);
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
