#include "onebook/csv.hpp"

#include "onebook/error.hpp"

#include <algorithm>

namespace onebook::core {

bool CsvRecord::blank() const {
    return std::all_of(fields.begin(), fields.end(),
                       [](const std::string& f) { return f.find_first_not_of(" \t\r\n") == std::string::npos; });
}

char guess_csv_separator(const std::string& text) {
    auto end = text.find('\n');
    std::string first = text.substr(0, end);
    auto commas = std::count(first.begin(), first.end(), ',');
    auto semis = std::count(first.begin(), first.end(), ';');
    auto tabs = std::count(first.begin(), first.end(), '\t');
    if (tabs > commas && tabs >= semis) return '\t';
    if (semis > commas) return ';';
    return ',';
}

std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& file, char sep) {
    std::vector<CsvRecord> out;
    CsvRecord rec;
    rec.row = 1;
    std::string field;
    bool quoted = false, field_started = false;
    long row = 1;
    auto end_field = [&] {
        rec.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_record = [&] {
        end_field();
        out.push_back(std::move(rec));
        rec = CsvRecord{};
        rec.row = ++row;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
        } else if (c == sep) {
            end_field();
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_record();
        } else if (c == '\n') {
            end_record();
        } else {
            field += c;
            field_started = true;
        }
    }
    if (quoted)
        throw Error("文件 {file} 第 {row} 行：引号没有闭合", {{"file", file}, {"row", std::to_string(rec.row)}},
                    {file, rec.row, {}});
    if (field_started || !rec.fields.empty()) end_record();
    return out;
}

} // namespace onebook::core
