// Fixture data shared by the demo, the tests and the benches: one source for the rows they all
// print, so a test, a benchmark and the demo measure the same thing.
#pragma once

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

} // namespace onebook::archive::fixtures
