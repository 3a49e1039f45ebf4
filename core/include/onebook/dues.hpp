// Party dues collection figures per half-year, for the dues disclosure board (《党支部“五化”建设》:
// 每半年公布1次党费收缴情况). Only totals are kept here: who paid how much is not public.
#pragma once

#include "onebook/date.hpp"
#include "onebook/db.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

struct DuesPeriod {
    Id id = 0;
    std::string period;                       ///< "2025-H1" (first half-year) or "2025-H2"
    int members_due = 0;                      ///< 应交人数
    int members_paid = 0;                     ///< 实交人数
    std::int64_t amount_fen = 0;              ///< 收缴金额, in fen (分)
    std::optional<std::int64_t> remitted_fen; ///< 上缴上级党委金额
    std::string notes;

    int year() const;
    int half() const; ///< 1 or 2
    Date start() const;
    Date end() const;
    /// "2025年上半年".
    std::string label_zh() const;
};

/// "1234.50" → 123450 fen; nullopt when the text is not an amount (at most two decimals, not negative).
std::optional<std::int64_t> parse_yuan(const std::string& text);
/// 123450 → "1234.50".
std::string format_yuan(std::int64_t fen);

class DuesLedger {
public:
    DuesLedger(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}

    /// Checks the period text ("YYYY-H1"/"YYYY-H2") and the counts; throws Error naming the field.
    static void validate(const DuesPeriod& p);
    /// Inserts or replaces the figures of p.period. One transaction.
    void set(DuesPeriod& p);
    std::optional<DuesPeriod> get(const std::string& period);
    /// All periods, latest first.
    std::vector<DuesPeriod> all();
    /// Saves p's figures and records their disclosure (a 党费收缴公布 record of `disclosure`, the
    /// sector's dues_disclosure template, on `on` at `place` by `host`) in one transaction, so the
    /// half-yearly disclosure rule counts it. Returns the record's id; Error when the record is invalid.
    Id set_disclosed(DuesPeriod& p, const MeetingTemplate& disclosure, const Date& on, const std::string& place,
                     const std::string& host, const Date& today = Date::today());

private:
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
