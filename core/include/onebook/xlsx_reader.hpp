// Reading one sheet of an Excel workbook (.xlsx, Office Open XML) as rows of text cells, so the
// roster import can treat it exactly like a CSV file. No Debian library reads xlsx: the zip is
// read with Poco::Zip and the XML parts with Poco's SAX parser. Handles shared and inline
// strings, numbers, dates stored as serial numbers (written back as 2024-03-01), booleans,
// formula results and merged cells (every covered cell gets the merged value, so a header merged
// over two rows or a 党小组 merged over its members reads as the user sees it). Files are
// untrusted: the file, every part and the sheet's rows, columns and cells have caps, checked
// while inflating (a zip bomb stops at the cap, whatever its headers claim).
#pragma once

#include "onebook/csv.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace onebook::core {

/// Caps for workbooks from elsewhere.
struct XlsxLimits {
    std::uint64_t max_file = 64ull << 20;  ///< the .xlsx file itself
    std::uint64_t max_part = 256ull << 20; ///< one XML part, uncompressed
    std::size_t max_rows = 100000;         ///< highest row number read
    std::size_t max_columns = 1024;        ///< highest column (AMJ)
    std::size_t max_cells = 2000000;       ///< filled cells in the sheet
};

/// One sheet's content: rows in sheet order, each numbered as Excel numbers it (1-based), cells
/// as text, trailing empty cells and empty rows dropped.
struct XlsxSheet {
    std::string name;
    std::vector<std::string> all_sheets; ///< every sheet of the workbook, in order
    std::vector<CsvRecord> rows;
};

/// True when the bytes start like a zip file (PK\3\4): how an .xlsx is told from a CSV by
/// content, whatever its file name says.
bool looks_like_zip(const std::string& bytes);

/// Reads the sheet named `sheet` (the first sheet when empty) of the workbook in `bytes`;
/// `file` names it in messages. Throws Error for a damaged or oversized workbook and for a
/// sheet name that does not exist (the message lists the sheets there are).
XlsxSheet read_xlsx(const std::string& bytes, const std::string& file, const std::string& sheet = {},
                    const XlsxLimits& limits = {});

/// The names of the workbook's sheets, in order (to let the user pick one). Throws Error like read_xlsx.
std::vector<std::string> xlsx_sheet_names(const std::string& bytes, const std::string& file, const XlsxLimits& limits = {});

/// The column letters of a 1-based column number (1 → A, 27 → AA).
std::string xlsx_column_name(std::size_t column);

} // namespace onebook::core
