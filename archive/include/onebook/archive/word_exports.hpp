// The Word documents offices keep and stamp: meeting minutes (会议记录) in the usual form, the
// rectification ledger (整改台账) with each item's history, and the rule texts of the one book
// (基本制度). Built as DocxDocument values (docx_writer.hpp) so tests can look at them before
// they are written.
#pragma once

#include "onebook/archive/docx_writer.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/date.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/model.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"

#include <vector>

namespace onebook::archive {

/// Minutes of `records`, one per page: title, the form (时间, 地点, 主持人, 记录人, 应到/实到/缺席
/// with reasons, 列席, 议题), then the template's text fields in its order (议程, 会议内容, 决议事项…),
/// and the signature lines. `templates` gives the labels; a record of an unknown type is printed
/// with the standard labels.
DocxDocument minutes_document(const core::Organisation& org, const std::vector<core::Record>& records,
                              const std::vector<core::MeetingTemplate>& templates);

/// The rectification ledger on `today`: one row per item (overdue first), with its status history.
DocxDocument rectification_ledger_document(const core::Organisation& org, core::Rectification& rect, const core::Date& today);

/// The rule texts (基本制度), one per page, with their source.
DocxDocument rule_texts_document(const core::Organisation& org, const std::vector<RuleText>& texts);

} // namespace onebook::archive
