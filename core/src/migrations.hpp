// The schema migrations embedded from core/sql at build time (see cmake/EmbedSql.cmake).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace onebook::core {

struct Migration {
    int version;
    const char* name;
    const char* sql;
    bool changes_tables; ///< false: only triggers or views (a package of it reads as the version before)
};

/// All migrations, in ascending version order.
const std::vector<Migration>& migrations();

/// The search index's TEMP views and triggers (core/sql/connection/search.sql), made on a connection
/// before its first write together with the journal's triggers.
const char* temp_search_sql();

/// The journal's history views (core/sql/connection/history.sql), one CREATE TEMP VIEW statement each.
const char* temp_history_sql();

/// temp_history_sql() by view name: the views an archive's connection makes on demand.
const std::shared_ptr<const std::map<std::string, std::string, std::less<>>>& history_views();

} // namespace onebook::core
