// The assessment's scores, survey counts and vetoes as lines: one row per key changed in place,
// the lines read from the journal, and a package's lines written as the changes they list.
#include "package_internal.hpp"

#include <algorithm>
#include <map>

namespace onebook::archive::pkg {

namespace {

const std::map<std::string, std::vector<std::string>>& keys() {
    static const std::map<std::string, std::vector<std::string>> k = {{"assessment_score", {"assessment_id", "round", "item_id"}},
                                                                      {"assessment_survey", {"assessment_id"}},
                                                                      {"assessment_veto", {"assessment_id", "veto_id"}}};
    return k;
}

/// "k1 = ?1 AND k2 = ?2 …" with the key's values bound from `row`, from parameter `first`.
std::string key_condition(const std::string& table, int first) {
    std::string w;
    int n = first;
    for (const auto& k : line_key(table)) w += (w.empty() ? "" : " AND ") + quote_id(k) + " = ?" + std::to_string(n++);
    return w;
}

int bind_key(core::Statement& st, const std::string& table, const std::vector<std::string>& columns,
             const std::vector<Value>& row, int first) {
    for (const auto& k : line_key(table)) {
        auto c = std::find(columns.begin(), columns.end(), k);
        bind_value(st, first++, c == columns.end() ? Value{} : row[static_cast<std::size_t>(c - columns.begin())]);
    }
    return first;
}

} // namespace

bool is_line_table(const std::string& name) { return keys().count(name) > 0; }

const std::vector<std::string>& line_key(const std::string& table) { return keys().at(table); }

LineWriter::LineWriter(core::Database& db, const std::string& table, const std::vector<std::string>& columns)
    : m_db(db), m_table(table), m_columns(columns) {
    const auto& key = line_key(table);
    std::string set, names, marks;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c] == "seq") m_seq = static_cast<int>(c);
        if (columns[c] == "id" || columns[c] == "seq" || std::count(key.begin(), key.end(), columns[c])) continue;
        m_values.push_back(c);
        set += (set.empty() ? "" : ", ") + quote_id(columns[c]) + " = ?" + std::to_string(m_values.size());
        names += ", " + quote_id(columns[c]);
        marks += ", ?";
    }
    m_count.emplace(db.prepare("SELECT count(*) FROM " + quote_id(table + "_history") + " WHERE " + key_condition(table, 1)));
    // The row's counter as the line has it (an undo moves it back), else one on; never the same,
    // or the update would leave no line.
    const int n = static_cast<int>(m_values.size()) + 1;
    m_update.emplace(db.prepare("UPDATE " + quote_id(table) + " SET " + set + (set.empty() ? "" : ", ") + "seq = CASE WHEN ?" +
                                std::to_string(n) + " IS NULL OR ?" + std::to_string(n) + " = seq THEN seq + 1 ELSE ?" +
                                std::to_string(n) + " END WHERE id = (SELECT max(id) FROM " + quote_id(table) + " WHERE " +
                                key_condition(table, n + 1) + ")"));
    std::string key_names, key_marks;
    for (const auto& column : key) {
        key_names += (key_names.empty() ? "" : ", ") + quote_id(column);
        key_marks += key_marks.empty() ? "?" : ", ?";
    }
    m_insert.emplace(db.prepare("INSERT INTO " + quote_id(table) + "(" + key_names + names + ", seq) VALUES (" + key_marks +
                                marks + ", coalesce(?, 1))"));
}

std::int64_t LineWriter::lines_here(const std::vector<Value>& row) {
    bind_key(*m_count, m_table, m_columns, row, 1);
    m_count->step();
    std::int64_t n = m_count->get_int(0);
    m_count->reset();
    return n;
}

void LineWriter::write(const std::vector<Value>& row) {
    const Value seq = m_seq >= 0 ? row[static_cast<std::size_t>(m_seq)] : Value{};
    const int n = static_cast<int>(m_values.size()) + 1;
    for (std::size_t v = 0; v < m_values.size(); ++v) bind_value(*m_update, static_cast<int>(v + 1), row[m_values[v]]);
    bind_value(*m_update, n, seq);
    bind_key(*m_update, m_table, m_columns, row, n + 1);
    m_update->run();
    m_update->reset();
    if (m_db.changes() > 0) return;
    int next = bind_key(*m_insert, m_table, m_columns, row, 1);
    for (std::size_t v = 0; v < m_values.size(); ++v) bind_value(*m_insert, next + static_cast<int>(v), row[m_values[v]]);
    bind_value(*m_insert, next + static_cast<int>(m_values.size()), seq);
    m_insert->run();
    m_insert->reset();
}

} // namespace onebook::archive::pkg
