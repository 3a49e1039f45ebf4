// The member-life lists as typed tables (table.hpp): 党费 per member (a year's summary and the
// month-by-month ledger), the yearly 党内统计 (composition and the year's changes) and the
// community's 三高 survey. Private to
// the branch: no board prints these; the dues board shows the half-yearly totals only.
#pragma once

#include "onebook/archive/table.hpp"
#include "onebook/member_dues.hpp"
#include "onebook/party_statistics.hpp"
#include "onebook/three_high.hpp"

#include <vector>

namespace onebook::archive {

/// 党员党费交纳情况 (one row a member: base, rate, monthly amount, due, paid, arrears, months owed)
/// and 党费交纳明细 (one row a member and month).
std::vector<Table> member_dues_tables(const std::string& organisation, int year, const std::vector<core::MemberDuesYear>& summary,
                                      const std::vector<core::MemberDuesMonth>& months, const core::Date& today);

/// 党员构成 (dimension, category, count, share) and 党员变动 (the year's changes, start to end).
std::vector<Table> party_statistics_tables(const std::string& organisation, const core::PartyStatistics& s,
                                           const core::Date& today);

/// 各党组织党内统计: one row a branch (year-start members, recruited, made full, transferred in
/// and out, 停止党籍, 出党, deaths, members on the day counted, 流动党员) and a 合计 row.
Table party_statistics_branches_table(const std::string& organisation,
                                      const std::vector<std::pair<std::string, core::PartyStatistics>>& branches,
                                      const core::Date& as_of);

/// A superior's 党内统计 (member stats --branches): every organisation imported into `db` but
/// `home`, counted from its own roster and movements, as the branches table followed by the two
/// tables of the sum. `sum` (when given) receives the sum and `branches` the number of
/// organisations; no tables when there are none.
std::vector<Table> branches_party_statistics_tables(core::Database& db, const core::Organisation& home, int year,
                                                    const core::Date& upto, core::PartyStatistics* sum = nullptr,
                                                    int* branches = nullptr);

/// 群众评议“三高”: each measure's count and share against its threshold, and the points the
/// plugin proposes, with the source and the proposal note as notes.
Table three_high_table(const std::string& organisation, const core::ThreeHighSpec& spec, const core::ThreeHighSurvey& survey,
                       const core::Date& today);

} // namespace onebook::archive
