// Fixture data shared by the demo, the tests and the benches: one source for the rows they all
// print, so a test, a benchmark and the demo measure the same thing.
#pragma once

#include "onebook/db.hpp"
#include "onebook/model.hpp"
#include "onebook/recruitment.hpp"

#include <optional>

#include <string>
#include <vector>

namespace onebook::archive::fixtures {

/// One row of a rectification board as printed: issue, measures, owner, deadline, status.
struct BoardRow {
    std::string issue, measures, owner, deadline, status;
};

/// Ten rectification items in the wording of 《分类定级工作文件汇编》 (分类定级整改提高), short
/// texts as boards carry them; two are overdue (逾期未完成).
const std::vector<BoardRow>& board_rows();

/// The demo branch's committee (书记, 副书记, 组织委员, 宣传委员, 纪检委员), by member name.
std::vector<core::CommitteeSeat> committee_seats();

/// Records one step of a person in the 发展党员 pipeline (a talk, training days, hours…).
void add_recruit_event(core::Recruitment& r, core::Id recruit_id, const std::string& kind, const core::Date& on,
                       std::optional<double> days = {}, std::optional<double> hours = {}, const std::string& note = {});

/// What dump_user_tables() writes besides the values.
struct DumpOptions {
    bool types = true;       ///< each value followed by ":" and its SQLite storage class
    bool time_stamps = true; ///< the *_at columns (off where two runs at different times are compared)
};

/// Every user table of an archive (not the journal's, not the derived search tables), row by row in
/// rowid order, as text: compare two dumps to prove a change, an undo or a restore left nothing behind.
std::string dump_user_tables(core::Database& db, DumpOptions options = {});

} // namespace onebook::archive::fixtures
