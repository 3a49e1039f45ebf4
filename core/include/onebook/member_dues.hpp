// 党费 per member and month: the base and rate the dues rules give (data: members/dues.json), the
// amount due, what was paid and when, and the arrears. The half-yearly totals the dues board
// publishes are computed from these rows; who paid how much stays private to the branch.
#pragma once

#include "onebook/date.hpp"
#include "onebook/db.hpp"
#include "onebook/dues.hpp"
#include "onebook/model.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

class PluginHost;

/// One band of a rate table: bases up to `up_to_fen` (inclusive; nullopt = no upper bound) pay `rate_bp`.
struct DuesBand {
    std::optional<std::int64_t> up_to_fen;
    int rate_bp = 0; ///< basis points: 50 = 0.5 %
};

/// The dues rules: for each kind of base (在职, 离退休) its bands, with the source quoted.
struct DuesRateRule {
    std::string id;
    std::string source;
    std::vector<std::pair<std::string, std::vector<DuesBand>>> kinds;

    /// Parses members/dues.json text; throws Error naming `file` and the field when malformed.
    static DuesRateRule parse(const std::string& json, const std::string& file);
    /// The shared rule under the first of `dirs` with members/dues.json, replaced by the sector
    /// plugin's data/members/dues.json when present.
    static DuesRateRule load(const PluginHost* plugins, const std::string& sector,
                             const std::vector<std::filesystem::path>& dirs);
    /// The band of `kind` for a monthly base; throws Error when the kind is unknown.
    const DuesBand& band(const std::string& kind, std::int64_t base_fen) const;
    /// base × rate, rounded half up to the fen.
    static std::int64_t due_for(std::int64_t base_fen, int rate_bp);
};

/// "2025-03" → true; checks the month is 01..12 and the year plausible.
bool valid_month(const std::string& month);
/// "2025-01".."2025-06" inclusive, in order; throws Error naming the option when malformed or reversed.
std::vector<std::string> month_range(const std::string& from, const std::string& to);

/// One member's dues for one month.
struct MemberDuesMonth {
    Id member_id = 0;
    std::string member_name; ///< filled when read
    std::string month;       ///< YYYY-MM
    std::optional<std::int64_t> base_fen;
    std::optional<int> rate_bp;
    std::string basis; ///< "在职" / "离退休" / "定额"
    std::int64_t due_fen = 0;
    std::int64_t paid_fen = 0;
    std::optional<Date> paid_on;
    std::int64_t arrears_fen() const { return due_fen > paid_fen ? due_fen - paid_fen : 0; }
};

/// A member's year: months due, paid, arrears (months up to `upto` only count as owed).
struct MemberDuesYear {
    Id member_id = 0;
    std::string name;
    std::optional<std::int64_t> base_fen; ///< the latest month's base
    std::optional<int> rate_bp;
    std::int64_t monthly_due_fen = 0; ///< the latest month's amount due
    std::int64_t due_fen = 0;         ///< due for months up to `upto`
    std::int64_t paid_fen = 0;
    std::int64_t arrears_fen = 0;
    int months_owed = 0; ///< months up to `upto` not paid in full
    std::optional<Date> last_paid;
};

class MemberDues {
public:
    MemberDues(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}

    /// Sets the amount due for `months` from a monthly base and the rule's band for `kind`
    /// (keeps what was already paid). One transaction; throws Error naming the field.
    void set_base(Id member_id, const std::vector<std::string>& months, std::int64_t base_fen, const std::string& kind,
                  const DuesRateRule& rule);
    /// A fixed monthly amount (学生、下岗失业、农民党员… as the region decides). One transaction.
    void set_fixed(Id member_id, const std::vector<std::string>& months, std::int64_t due_fen);
    /// Records `amount_fen` paid on `on`, spread over `months` in order, each up to its amount due
    /// (a month without an amount due is refused; more than is due is refused). One transaction.
    void pay(Id member_id, const std::vector<std::string>& months, std::int64_t amount_fen, const Date& on);
    /// Months of `year`, by member then month.
    std::vector<MemberDuesMonth> months(int year);
    /// One row a member with dues in `year`; months after `upto` are not yet owed.
    std::vector<MemberDuesYear> year(int year, const Date& upto);
    /// The half-year's figures for dues_period: 应交人数 = members with an amount due in the half
    /// year, 实交人数 = those who paid all of it, 收缴金额 = paid. Remitted and notes stay unset.
    DuesPeriod totals(const std::string& period);

private:
    void check_member(Id member_id);
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
