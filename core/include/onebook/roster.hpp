// The branch's people: members (党员), party groups (党小组), committee terms (支委会). The people
// on their way to membership (入党积极分子 / 发展对象) are the 发展党员 pipeline (recruitment.hpp).
#pragma once

#include "onebook/db.hpp"
#include "onebook/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// What the roster list shows and filters on.
struct MemberFilter {
    std::string text;     ///< part of name, workplace or group
    std::string status;   ///< 正式党员 / 预备党员 / "" for all
    std::string category; ///< 直管 / 协管 / 代管 / "" for all
    std::optional<Id> group_id;
    /// The roster as it was on this date (arrivals and departures, member_history.hpp);
    /// today's roster when unset.
    std::optional<Date> on;
    /// By name in pinyin (then by id), as every list shows them; false: by id, which needs no
    /// collation (ICU is not loaded) for a caller that only counts them or sorts later.
    bool pinyin_order = true;
};

class Roster {
public:
    Roster(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}

    Id organisation_id() const { return m_org; }
    Database& db() { return m_db; }

    /// Checks one member; throws Error naming the field. `today` bounds dates.
    static void validate(const Member& m, const Date& today);
    /// True when `id_number` is a well-formed 18-character resident ID (GB 11643 check digit).
    static bool valid_id_number(const std::string& id_number);

    Id add_member(Member& m);
    void update_member(const Member& m);
    void remove_member(Id id);
    std::optional<Member> member(Id id, bool with_private = false);
    std::optional<Member> member_by_name(const std::string& name);
    std::optional<Member> member_by_id_number(const std::string& id_number);
    /// Members sorted by name, without private fields unless asked.
    std::vector<Member> members(const MemberFilter& filter = {}, bool with_private = false);
    int count_members(const std::string& status = {});

    Id add_group(PartyGroup& g);
    void update_group(const PartyGroup& g);
    void remove_group(Id id);
    std::vector<PartyGroup> groups();
    std::optional<PartyGroup> group_by_name(const std::string& name);
    /// The group's id, creating it when it does not exist yet.
    Id ensure_group(const std::string& name);

    Id add_term(CommitteeTerm& term);
    /// The term in force on `on` (latest election on or before it).
    std::optional<CommitteeTerm> current_term(const Date& on);
    std::vector<CommitteeTerm> terms();

private:
    void write_private(Id member_id, const MemberPrivate& p);
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
