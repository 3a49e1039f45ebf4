// The steps of the demo, one per capability; each fills the archive and reports what it added.
#pragma once

#include "onebook/archive/demo.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace onebook::archive::demo {

/// A one-page official document (批复, 决议, 公示…) drawn with the boards' engine.
void official_pdf(const std::filesystem::path& out, const std::string& issuer, const std::string& ref, const std::string& title,
                  const std::vector<std::string>& body, const std::string& signer, const core::Date& date);

/// Roster, groups, committee, activists (foundation).
void roster(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// Meeting and activity records for last year and this year to date, the yearly plan, and a
/// summary of the rules check.
void records(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// Last year's 分类定级 assessment scored in both rounds with reasons, a survey and a final grade;
/// this year's self-assessment in progress. Runs after records.
void assessment(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// Rectification items (in progress, overdue, one closed with its history), dues figures, board texts,
/// and every board template rendered into <folder>/boards. Runs after assessment.
void boards(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// The one book: documents with 档号 and their file store, entries, an edited rule text;
/// writes last year's 归档文件目录 and 一本通 PDFs. Runs after records, assessment and rectification.
void book(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// Spreadsheets a superior asks for: the roster without private columns and last year's assessment
/// sheet as .xlsx beside the archive. Runs after assessment.
void exports(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);
/// The safety net: a correction in the history, an entry in the recycle bin, a backup.
void safety(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// Search, packages and the superior's summary: searches with one- and two-character words,
/// exports the branch's package to <folder>/packages, builds <folder>/superior.onebook that imports it
/// and eight generated branches of every sector, and writes last year's 分类定级 summary (PDF, CSV).
/// Runs last.
void packages(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

/// Word documents (office interchange): minutes of last year's 支部党员大会 (one, and the whole
/// year in one document) and the rectification ledger, written into <folder>/word. Runs after
/// records and boards.
void office(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);
/// 发展党员 pipeline with people at every stage (one late) and a transfer out and in. Runs after
/// records (the deciding meetings are its records) and before packages.
void members_life(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

} // namespace onebook::archive::demo
