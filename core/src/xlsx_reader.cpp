// What of the .xlsx support needs no XML parser (see xlsx_reader.hpp): telling a workbook from a
// CSV file, and naming columns. The parser itself is in xlsx_parser.cpp, loaded on first use.
#include "onebook/xlsx_reader.hpp"

#include "xlsx_parser.hpp"

namespace onebook::core {

bool looks_like_zip(const std::string& bytes) { return bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04", 4) == 0; }

std::string xlsx_column_name(std::size_t column) {
    std::string s;
    while (column > 0) {
        --column;
        s.insert(s.begin(), static_cast<char>('A' + column % 26));
        column /= 26;
    }
    return s;
}

std::vector<std::string> xlsx_sheet_names(const std::string& bytes, const std::string& file, const XlsxLimits& limits) {
    return xlsx_parser::sheet_names(bytes, file, limits);
}

XlsxSheet read_xlsx(const std::string& bytes, const std::string& file, const std::string& sheet, const XlsxLimits& limits) {
    return xlsx_parser::read(bytes, file, sheet, limits);
}

} // namespace onebook::core
