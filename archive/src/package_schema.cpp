// Packages: the schema as the package sees it. Every table that belongs to an organisation through
// a chain of foreign keys (member → organisation, record_attendance → record → organisation…) is
// found here, with its key and the way its integer keys are translated between archives.
#include "onebook/archive/search.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "package_internal.hpp"

#include "onebook/archive/bagit.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rubric.hpp"
#include "onebook/text_encoding.hpp"
#include "onebook/text_limits.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::archive {

using namespace pkg;

namespace pkg {

// ---- the schema, as the package sees it --------------------------------------------------------

std::string quote_id(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

const char* const history_section = "rectification_history";

const std::vector<std::string>& history_columns() {
    static const std::vector<std::string> c = {"id", "item_id", "changed_on", "from_status", "to_status", "note", "status_seq"};
    return c;
}

/// Tables that never travel: SQLite's, the search index (derived), package bookkeeping, settings
/// (exported on their own) and the organisation row (exported on its own).
bool excluded_table(const std::string& name) {
    // The journal (change_set, change_row, trash_item) is the archive's own history: a package
    // carries the data, and the importing archive journals the import as one change of its own.
    return name.rfind("sqlite_", 0) == 0 || name.rfind("search_", 0) == 0 || name.rfind("package_", 0) == 0 ||
           name == "setting" || name == "organisation" || name == "change_set" || name == "change_row" || name == "trash_item";
}

Table read_table(core::Database& db, const std::string& name) {
    Table t;
    t.name = name;
    auto cols = db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid");
    cols.bind(1, name);
    std::vector<std::pair<int, std::string>> pk;
    while (cols.step()) {
        Column c{cols.get_text(0), cols.get_text(1), cols.get_int(2) != 0, static_cast<int>(cols.get_int(3))};
        if (c.pk) pk.emplace_back(c.pk, c.name);
        t.columns.push_back(c);
    }
    std::sort(pk.begin(), pk.end());
    for (const auto& p : pk) t.pk.push_back(p.second);
    if (t.pk.size() == 1) {
        std::string type = t.columns[static_cast<std::size_t>(t.index_of(t.pk[0]))].type;
        for (auto& ch : type) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        t.rowid_alias = type == "INTEGER";
    }
    auto fks = db.prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq");
    fks.bind(1, name);
    while (fks.step()) t.fks[fks.get_text(1)] = {fks.get_text(0), fks.is_null(2) ? std::string() : fks.get_text(2)};
    // A column named organisation_id refers to the organisation even where the FK was not declared.
    if (t.index_of("organisation_id") >= 0 && !t.fks.count("organisation_id")) t.fks["organisation_id"] = {"organisation", "id"};
    return t;
}

Schema read_schema(core::Database& db) {
    Schema s;
    s.organisation = read_table(db, "organisation");
    auto st = db.prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (st.step()) {
        std::string name = st.get_text(0), sql = st.get_text(1);
        if (excluded_table(name) || sql.rfind("CREATE VIRTUAL", 0) == 0) continue;
        s.tables.emplace(name, read_table(db, name));
    }
    // An FK without a parent column means the parent's primary key.
    for (auto& [name, t] : s.tables)
        for (auto& [col, parent] : t.fks)
            if (parent.second.empty()) {
                const Table* p = s.find(parent.first);
                parent.second = p && p->pk.size() == 1 ? p->pk[0] : "rowid";
            }
    // Ownership: a table belongs to an organisation through a NOT NULL foreign key to organisation
    // or to a table that does (nullable keys only when there is nothing better).
    bool progress = true;
    while (progress) {
        progress = false;
        for (auto& [name, t] : s.tables) {
            if (t.owned) continue;
            int best_rank = 99;
            std::string best_col;
            int best_depth = 0;
            for (const auto& [col, parent] : t.fks) {
                const Column& c = t.columns[static_cast<std::size_t>(t.index_of(col))];
                int depth = -1;
                if (parent.first == "organisation") depth = 0;
                else if (auto it = s.tables.find(parent.first); it != s.tables.end() && it->second.owned && it->first != name)
                    depth = it->second.depth;
                if (depth < 0) continue;
                int rank = (c.notnull ? 0 : 2) + (depth == 0 ? 0 : 1);
                if (rank < best_rank || (rank == best_rank && col < best_col)) {
                    best_rank = rank;
                    best_col = col;
                    best_depth = depth;
                }
            }
            if (!best_col.empty()) {
                t.owned = true;
                t.owner_column = best_col;
                t.depth = best_depth + 1;
                progress = true;
            }
        }
    }
    for (const auto& [name, t] : s.tables)
        if (t.owned) s.owned.push_back(name);
    std::stable_sort(s.owned.begin(), s.owned.end(),
                     [&](const std::string& a, const std::string& b) { return s.tables[a].depth < s.tables[b].depth; });
    return s;
}

/// SQL condition selecting the rows of `t` that belong to organisation :org.
std::string owner_condition(const Schema& s, const Table& t) {
    const auto& [parent, parent_col] = t.fks.at(t.owner_column);
    if (parent == "organisation") return quote_id(t.name) + "." + quote_id(t.owner_column) + " = :org";
    const Table& p = s.tables.at(parent);
    return quote_id(t.name) + "." + quote_id(t.owner_column) + " IN (SELECT " + quote_id(p.name) + "." + quote_id(parent_col) +
           " FROM " + quote_id(p.name) + " WHERE " + owner_condition(s, p) + ")";
}

// ---- key translation ---------------------------------------------------------------------------

Value map_value(const Schema& s, const Table& t, const std::string& col, const Value& v, const KeyMap& m, int depth) {
    if (m.identity || v.type == Value::Null || depth > 8) return v;
    if (t.rowid_alias && t.pk[0] == col && t.name != "organisation") {
        auto tab = m.ids.find(t.name);
        if (v.type != Value::Int || tab == m.ids.end() || !tab->second.count(v.i)) throw Unmapped{t.name, col, v};
        Value out = v;
        out.i = tab->second.at(v.i);
        return out;
    }
    if (t.name == "organisation" && col == "id") {
        if (v.type != Value::Int || v.i != m.org_from) throw Unmapped{t.name, col, v};
        Value out = v;
        out.i = m.org_to;
        return out;
    }
    auto fk = t.fks.find(col);
    if (fk == t.fks.end()) return v;
    const Table* parent = s.find(fk->second.first);
    if (!parent) return v;
    return map_value(s, *parent, fk->second.second, v, m, depth + 1);
}

bool is_private(const std::string& column) {
    const auto& p = private_columns();
    return std::find(p.begin(), p.end(), column) != p.end();
}

bool is_sha_reference(const std::string& s) {
    if (s.size() != 71 || s.rfind("sha256:", 0) != 0) return false;
    for (std::size_t k = 7; k < s.size(); ++k)
        if (!std::isxdigit(static_cast<unsigned char>(s[k])) || std::isupper(static_cast<unsigned char>(s[k]))) return false;
    return true;
}

std::string key_json(const Table& t, const std::vector<std::string>& columns, const std::vector<Value>& row) {
    std::vector<Value> key;
    for (const auto& k : t.key())
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (columns[c] == k) key.push_back(row[c]);
    return json_row(key);
}

} // namespace pkg

} // namespace onebook::archive
