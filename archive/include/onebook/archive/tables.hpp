// Every list of the product as typed tables (table.hpp): the roster, meeting records with their
// attendance, the yearly plan against what was done, the rules check as a month grid, the
// assessment sheet, the rectification ledger with its history, dues, the document catalogue
// (DA/T 22 columns) and the superior's 分类定级 summary with the 较差 list. The CLI and the shell
// render these same tables as text, JSON, CSV, xlsx or clipboard text.
#pragma once

#include "onebook/archive/documents.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/archive/table.hpp"
#include "onebook/assessment.hpp"
#include "onebook/backup.hpp"
#include "onebook/dues.hpp"
#include "onebook/findings.hpp"
#include "onebook/journal.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/model.hpp"
#include "onebook/plan.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <map>
#include <vector>

namespace onebook::archive {

/// 党员名册. ID number, phone and address are columns only with `include_private` (public
/// exports never carry them). Headers are the names `member import` reads, so an export re-imports.
Table roster_table(const std::string& organisation, const std::vector<core::Member>& members,
                   const std::vector<core::PartyGroup>& groups, bool include_private, const core::Date& today);

/// 会议记录 (one row a meeting: attendance counts and rate, content of the template's fields) and
/// 出席情况 (one row a person and meeting: present or absent, and the reason).
std::vector<Table> records_tables(const std::string& organisation, const std::vector<core::Record>& records,
                                  const std::vector<core::MeetingTemplate>& templates, const core::Date& today);

/// 年度计划执行情况: for each meeting type a 计划 row and a 完成 row with the twelve months, the
/// total, and (on the 完成 row) what is behind up to month `upto`.
Table plan_table(const std::string& organisation, int year, const std::vector<core::PlanVsDone>& rows, int upto,
                 const core::Date& today);

/// 规则检查: a grid (one row a rule, a column a month plus 全年 for yearly and standing rules; each
/// cell the worst status of the windows covering it) and the findings with held/required, message,
/// source and evidence.
std::vector<Table> check_tables(const std::string& organisation, int year, const std::vector<core::Finding>& findings,
                                const core::Date& today, bool problems_only = false);

/// 考核表: items with points, suggested score and its basis, self and superior scores and reasons,
/// a 小计 row after each section and a 合计 row; then 考核结果 (totals, grade, vetoes, survey).
std::vector<Table> assessment_tables(const core::Sheet& sheet, const core::Date& today);

/// 整改台账 (every item) and 整改过程 (each status change). `history` is keyed by item id.
std::vector<Table> rectification_tables(const std::string& organisation, const std::vector<core::RectificationItem>& items,
                                        const std::map<core::Id, std::vector<core::RectStatusChange>>& history,
                                        const core::Date& today);

/// 党费收缴情况, one row a half-year.
Table dues_table(const std::string& organisation, const std::vector<core::DuesPeriod>& periods, const core::Date& today);

/// 归档文件目录 with the DA/T 22-2015 columns (序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注)
/// and the filing data (年度, 保管期限, 件号, 篇目, file and its SHA-256).
Table documents_table(const std::string& organisation, const std::vector<Document>& documents, const core::Date& today);

/// 汇总表, 一览表 and 较差名单 of the superior's 分类定级 summary (share checks as notes).
std::vector<Table> summary_tables(const GradingSummary& summary, const core::Date& today);
/// 较差状况明细表: one row per 较差 branch with its problems, causes and 帮扶.
Table poor_detail_table(const GradingSummary& summary, const core::Date& today);
/// Objections received during the 公示, with their review (复核) and outcome.
Table objections_table(const GradingSummary& summary, const core::Date& today);

/// 全程纪实: one row a change set (headline and its field-by-field details).
Table history_table(const std::string& organisation, const std::vector<core::HistoryEntry>& entries, const core::Date& today);
/// 回收站: one row a deletion (what, when, by whom, what went with it, and its state).
Table trash_table(const std::string& organisation, const std::vector<core::TrashItem>& items, const core::Date& today);
/// 备份: one row a backup file (time, reason, size, the stored files it shares with the archive).
Table backups_table(const std::string& organisation, const std::vector<core::BackupInfo>& backups, const core::Date& today);

} // namespace onebook::archive
