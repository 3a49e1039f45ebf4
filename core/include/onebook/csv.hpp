// CSV as Excel writes it (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
#pragma once

#include <string>
#include <vector>

namespace onebook::core {

struct CsvRecord {
    long row = 0; ///< 1-based record number, as the spreadsheet shows it (header = 1)
    std::vector<std::string> fields;
    bool blank() const;
};

/// Parses UTF-8 text; `separator` is ',' (or ';' / '\t' for some regional exports).
/// Throws Error naming `file` and the row for an unterminated quote.
std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& file = {}, char separator = ',');

/// Guesses the separator from the first line (',' unless ';' or tab clearly dominate).
char guess_csv_separator(const std::string& text);

} // namespace onebook::core
