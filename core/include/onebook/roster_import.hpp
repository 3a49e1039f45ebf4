// Importing a member roster (党员花名册) from the CSV an office exports from Excel, or from the
// Excel workbook (.xlsx) itself: both become rows of text cells checked by the same validator.
// All or nothing: every row is checked first, and nothing is written unless all rows are valid.
#pragma once

#include "onebook/csv.hpp"
#include "onebook/error.hpp"
#include "onebook/roster.hpp"

#include <string>
#include <vector>

namespace onebook::core {

/// One problem in the file: row as the spreadsheet numbers it (header = 1), the column's header.
struct ImportProblem {
    long row = 0;
    std::string column;
    Message reason;
};

struct ImportReport {
    std::string file;
    std::string encoding; ///< detected: UTF-8, UTF-8 BOM, GBK… or XLSX
    std::string sheet;    ///< the worksheet read (workbooks only)
    int rows = 0;         ///< data rows read (blank rows skipped)
    int added = 0;
    int updated = 0;                          ///< rows that matched a member already in the roster
    std::vector<std::string> unknown_columns; ///< kept in the member's notes, not dropped
    std::vector<ImportProblem> problems;      ///< non-empty: nothing was imported
    bool imported() const { return problems.empty() && rows > 0; }
};

class RosterImporter {
public:
    explicit RosterImporter(Roster& roster) : m_roster(roster) {}

    /// Reads and imports a CSV or .xlsx file (told apart by content, not by name); `sheet` picks
    /// a workbook's sheet (the first when empty). Problems come back in the report; an
    /// unreadable or damaged file throws.
    ImportReport import_file(const std::string& path, bool dry_run = false, const std::string& sheet = {});
    /// Imports CSV bytes (any supported encoding) or .xlsx bytes; `name` names the source in messages.
    ImportReport import_bytes(const std::string& bytes, const std::string& name, bool dry_run = false,
                              const std::string& sheet = {});
    /// Imports rows already split into cells (row numbers as the user sees them).
    ImportReport import_rows(const std::vector<CsvRecord>& records, ImportReport report, bool dry_run = false);

    /// The header names recognised for each field (for help texts and the shell's import dialog).
    static std::vector<std::pair<std::string, std::vector<std::string>>> known_headers();

private:
    Roster& m_roster;
};

} // namespace onebook::core
