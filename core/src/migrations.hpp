// The schema migrations embedded from core/sql at build time (see cmake/EmbedSql.cmake).
#pragma once

#include <string>
#include <vector>

namespace onebook::core {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

/// All migrations, in ascending version order.
const std::vector<Migration>& migrations();

} // namespace onebook::core
