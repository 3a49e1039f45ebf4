// The journal in words: names of tables and fields as a secretary says them, and one change set
// turned into "2026-03-05 14:30 王建国 修改了 会议记录「2025-03-05 支部党员大会」".
#pragma once

#include "onebook/journal.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onebook::core {

/// An object kind of the history filter (record, member…): its table and the tables of its parts.
struct ObjectKind {
    std::string table;
    std::vector<std::pair<std::string, std::string>> children; ///< table, column pointing at it
};
ObjectKind object_kind(const std::string& name);
/// record, member, document, rectification, entry… for a table ("" when it is not an object).
std::string object_kind_of_table(const std::string& table);
bool is_trashable(const std::string& table);

std::string kind_label(const std::string& kind);
std::string table_label(const std::string& table);
/// "2025-03-05 支部党员大会" for a record's JSON image, the name for a member…
std::string object_title(Database& db, const std::string& table, const std::string& json);
/// UTC ISO 8601 → local "YYYY-MM-DD HH:MM".
std::string local_time(const std::string& utc);

HistoryEntry describe_set(Database& db, const ChangeSet& set, const Translate& tr,
                          const std::function<std::optional<ChangeSet>(std::int64_t)>& lookup);

} // namespace onebook::core
