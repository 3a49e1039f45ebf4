// The .xlsx parser behind read_xlsx and xlsx_sheet_names (onebook/xlsx_reader.hpp). On Linux it is
// the module libonebook-dl-xlsxread, loaded on first call (core/CMakeLists.txt), so these functions
// are called only through the public ones.
#pragma once

#include "onebook/xlsx_reader.hpp"

namespace onebook::core::xlsx_parser {

XlsxSheet read(const std::string& bytes, const std::string& file, const std::string& sheet, const XlsxLimits& limits);
std::vector<std::string> sheet_names(const std::string& bytes, const std::string& file, const XlsxLimits& limits);

} // namespace onebook::core::xlsx_parser
