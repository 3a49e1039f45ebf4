// Packages: export (BagIt zip, atomic), verify, import into a superior's archive. See package.hpp
// and docs/package-format.md.
//
// The export is generic over the schema: every table that belongs to an organisation through a
// chain of foreign keys (member → organisation, record_attendance → record → organisation…) is
// exported with the rows of that organisation, and rows of tables outside any organisation that
// those rows refer to (stored_file) come along. New tables of later migrations travel without a
// change here, as long as their foreign keys are declared. Import maps every integer key to a new
// local one and follows the same foreign keys to translate references.
#include "onebook/archive/package.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"

#include "onebook/archive/bagit.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/rubric.hpp"
#include "onebook/text_limits.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/text_encoding.hpp"

#include "onebook/text_limits.hpp"
#include "onebook/platform.hpp"
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

const std::vector<std::string>& private_columns() {
    static const std::vector<std::string> c = {"id_number", "phone", "address", "mobile", "home_address"};
    return c;
}

std::string table_label(const std::string& t) {
    static const std::map<std::string, std::string> labels = {
        {"organisation", "组织"},
        {"member", "党员"},
        {"member_private", "党员个人信息"},
        {"party_group", "党小组"},
        {"committee_term", "支委会届次"},
        {"committee_member", "支委会成员"},
        {"activist", "入党积极分子和培养对象"},
        {"recruit", "发展党员"},
        {"recruit_event", "发展党员步骤"},
        {"member_movement", "组织关系和党籍变动"},
        {"member_mobile", "流动党员"},
        {"record", "活动记录"},
        {"record_attendance", "出席情况"},
        {"record_attachment", "记录附件"},
        {"meeting_plan", "三会一课计划"},
        {"assessment", "考核"},
        {"assessment_score", "考核评分"},
        {"assessment_survey", "满意度测评"},
        {"assessment_veto", "否决事项"},
        {"rectification_item", "整改事项"},
        {"rectification_history", "整改进展"},
        {"dues_period", "党费收缴"},
        {"stored_file", "存储文件"},
        {"document", "归档文件"},
        {"rule_text", "基本制度"},
        {"book_entry", "一本通条目"},
        {"grading_explanation", "定级说明情况"},
    };
    auto it = labels.find(t);
    return it == labels.end() ? t : it->second;
}

int ImportReport::added() const {
    int n = 0;
    for (const auto& c : changes) n += c.added;
    return n;
}
int ImportReport::removed() const {
    int n = 0;
    for (const auto& c : changes) n += c.removed;
    return n;
}
int ImportReport::changed() const {
    int n = 0;
    for (const auto& c : changes) n += c.changed;
    return n;
}

namespace {

constexpr const char* json_name = "data/archive.json";
constexpr const char* files_dir = "data/files/";
constexpr const char* signature_file = "onebook-signature.txt"; // signs tagmanifest-sha256.txt; outside it

// ---- values ------------------------------------------------------------------------------------

struct Value {
    enum Type { Null, Int, Real, Text, Blob } type = Null;
    std::int64_t i = 0;
    double d = 0;
    std::string s; ///< text or blob bytes
    bool operator==(const Value& o) const {
        return type == o.type && i == o.i && (type != Real || d == o.d) && s == o.s;
    }
    bool operator<(const Value& o) const {
        if (type != o.type) return type < o.type;
        if (type == Int) return i < o.i;
        if (type == Real) return d < o.d;
        return s < o.s;
    }
};

Value column_value(const core::Statement& st, int col) {
    Value v;
    sqlite3_stmt* h = st.handle();
    switch (sqlite3_column_type(h, col)) {
    case SQLITE_INTEGER: v.type = Value::Int; v.i = sqlite3_column_int64(h, col); break;
    case SQLITE_FLOAT: v.type = Value::Real; v.d = sqlite3_column_double(h, col); break;
    case SQLITE_TEXT: v.type = Value::Text; v.s = st.get_text(col); break;
    case SQLITE_BLOB: {
        v.type = Value::Blob;
        auto p = static_cast<const char*>(sqlite3_column_blob(h, col));
        v.s.assign(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(h, col)));
        break;
    }
    default: break;
    }
    return v;
}

void bind_value(core::Statement& st, int idx, const Value& v) {
    switch (v.type) {
    case Value::Null: st.bind_null(idx); break;
    case Value::Int: st.bind(idx, v.i); break;
    case Value::Real: st.bind(idx, v.d); break;
    case Value::Text: st.bind(idx, std::string_view(v.s)); break;
    case Value::Blob: st.bind_blob(idx, v.s.data(), v.s.size()); break;
    }
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc.rdbuf()->setLineLength(0);
    enc << bytes;
    enc.close();
    return out.str();
}

std::string unbase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder dec(in);
    std::ostringstream out;
    out << dec.rdbuf();
    return out.str();
}

void json_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

/// JSON of a value. Reals always carry a '.' or an exponent so they come back as reals; text that
/// is not UTF-8 and blobs travel as base64 objects.
void json_value(std::string& out, const Value& v) {
    switch (v.type) {
    case Value::Null: out += "null"; break;
    case Value::Int: out += std::to_string(v.i); break;
    case Value::Real: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v.d);
        std::string t = buf;
        if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
        if (t == "nan" || t == "inf" || t == "-inf") t = "null"; // JSON has none; SQLite stores none of them either
        out += t;
        break;
    }
    case Value::Text:
        if (core::is_valid_utf8(v.s)) json_string(out, v.s);
        else {
            out += "{\"text_base64\":";
            json_string(out, base64(v.s));
            out += '}';
        }
        break;
    case Value::Blob:
        out += "{\"base64\":";
        json_string(out, base64(v.s));
        out += '}';
        break;
    }
}

std::string json_row(const std::vector<Value>& row) {
    std::string out = "[";
    for (std::size_t k = 0; k < row.size(); ++k) {
        if (k) out += ',';
        json_value(out, row[k]);
    }
    return out + "]";
}

// ---- the schema, as the package sees it --------------------------------------------------------

std::string quote_id(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct Column {
    std::string name, type;
    bool notnull = false;
    int pk = 0;
};

struct Table {
    std::string name;
    std::vector<Column> columns;
    std::map<std::string, std::pair<std::string, std::string>> fks; ///< column → (parent table, parent column)
    std::vector<std::string> pk;                                    ///< primary key columns, in key order
    bool rowid_alias = false;                                       ///< INTEGER PRIMARY KEY: ids are renumbered
    std::string owner_column;                                       ///< how rows belong to an organisation
    int depth = 0;                                                  ///< 1: refers to organisation directly
    bool owned = false;

    /// The columns that identify a row: the primary key, or every column when there is none.
    std::vector<std::string> key() const {
        if (!pk.empty()) return pk;
        std::vector<std::string> all;
        for (const auto& c : columns) all.push_back(c.name);
        return all;
    }

    int index_of(const std::string& col) const {
        for (std::size_t k = 0; k < columns.size(); ++k)
            if (columns[k].name == col) return static_cast<int>(k);
        return -1;
    }
};

/// Tables that never travel: SQLite's, the search index (derived), package bookkeeping, settings
/// (exported on their own) and the organisation row (exported on its own).
bool excluded_table(const std::string& name) {
    // The journal (change_set, change_row, trash_item) is the archive's own history: a package
    // carries the data, and the importing archive journals the import as one change of its own.
    return name.rfind("sqlite_", 0) == 0 || name.rfind("search_", 0) == 0 || name.rfind("package_", 0) == 0 ||
           name == "setting" || name == "organisation" || name == "change_set" || name == "change_row" ||
           name == "trash_item";
}

struct Schema {
    std::map<std::string, Table> tables;
    std::vector<std::string> owned;   ///< in insertion order (parents first)
    Table organisation;

    const Table* find(const std::string& n) const {
        if (n == "organisation") return &organisation;
        auto it = tables.find(n);
        return it == tables.end() ? nullptr : &it->second;
    }
};

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
    return quote_id(t.name) + "." + quote_id(t.owner_column) + " IN (SELECT " + quote_id(p.name) + "." +
           quote_id(parent_col) + " FROM " + quote_id(p.name) + " WHERE " + owner_condition(s, p) + ")";
}

// ---- key translation ---------------------------------------------------------------------------

/// Integer keys from one archive to another: per table with renumbered ids, and the organisation.
struct KeyMap {
    bool identity = true;
    std::map<std::string, std::map<std::int64_t, std::int64_t>> ids;
    std::int64_t org_from = 0, org_to = 0;
};

/// Raised when a row refers to something the other side does not have.
struct Unmapped {
    std::string table, column;
    Value value;
};

Value map_value(const Schema& s, const Table& t, const std::string& col, const Value& v, const KeyMap& m, int depth = 0) {
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

// ---- export ------------------------------------------------------------------------------------

struct ExportedTable {
    const Table* table;
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
};

struct Collected {
    std::vector<std::pair<std::string, Value>> organisation; // column → value (source form)
    std::vector<std::pair<std::string, std::string>> settings;
    std::vector<ExportedTable> tables;
    std::vector<std::pair<std::string, std::int64_t>> files; // sha256, size
};

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

Collected collect(core::Archive& archive, const Schema& s, const core::Organisation& org, bool include_private) {
    auto& db = archive.db();
    Collected out;
    KeyMap back; // imported organisations are exported as received: local keys back to the branch's
    std::map<std::string, std::set<std::string>> received; // table → local keys that came in packages
    if (!org.is_home) {
        back.identity = false;
        back.org_from = org.id;
        auto st = db.prepare("SELECT tbl, source_key, local_key FROM package_row WHERE organisation_id = ?");
        st.bind(1, org.id);
        while (st.step()) {
            std::string tbl = st.get_text(0), src = st.get_text(1), local = st.get_text(2);
            if (tbl == "organisation") {
                back.org_to = std::stoll(src.substr(1));
                continue;
            }
            received[tbl].insert(local);
            const Table* t = s.find(tbl);
            if (t && t->rowid_alias && local.size() > 2 && src.size() > 2)
                back.ids[tbl][std::stoll(local.substr(1))] = std::stoll(src.substr(1));
        }
        if (back.org_to == 0)
            throw core::Error(OB_N("组织“{name}”不是从档案包导入的，无法导出它的档案包"), {{"name", org.name}});
    }

    {
        auto st = db.prepare("SELECT * FROM organisation WHERE id = ?");
        st.bind(1, org.id);
        st.step();
        for (int c = 0; c < st.column_count(); ++c) {
            std::string name = sqlite3_column_name(st.handle(), c);
            if (name == "is_home" || name == "parent_id") continue; // where it sits in this archive
            Value v = column_value(st, c);
            if (name == "id" && !back.identity) v.i = back.org_to;
            out.organisation.emplace_back(name, v);
        }
    }
    if (org.is_home) {
        auto st = db.prepare("SELECT key, value FROM setting WHERE key NOT LIKE 'search.%' AND key NOT LIKE 'identity.%' ORDER BY key");
        while (st.step()) out.settings.emplace_back(st.get_text(0), st.get_text(1));
    } else {
        auto st = db.prepare("SELECT key, value FROM package_setting WHERE organisation_id = ? ORDER BY key");
        st.bind(1, org.id);
        while (st.step()) out.settings.emplace_back(st.get_text(0), st.get_text(1));
    }

    std::map<std::string, std::set<std::string>> referenced; // global table → key values
    std::set<std::string> sha_refs;
    for (const auto& name : s.owned) {
        const Table& t = s.tables.at(name);
        if (t.name == private_table && !include_private) continue;
        ExportedTable et{&t, {}, {}};
        std::string cols;
        for (const auto& c : t.columns) {
            et.columns.push_back(c.name);
            cols += (cols.empty() ? "" : ", ") + quote_id(t.name) + "." + quote_id(c.name);
        }
        std::string order;
        for (const auto& k : t.pk) order += (order.empty() ? "" : ", ") + quote_id(t.name) + "." + quote_id(k);
        if (order.empty()) order = quote_id(t.name) + ".rowid";
        auto st = db.prepare("SELECT " + cols + " FROM " + quote_id(t.name) + " WHERE " + owner_condition(s, t) +
                             " ORDER BY " + order);
        st.bind(sqlite3_bind_parameter_index(st.handle(), ":org"), org.id);
        while (st.step()) {
            std::vector<Value> row;
            for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) row.push_back(column_value(st, c));
            if (!back.identity) {
                if (!received[t.name].count(key_json(t, et.columns, row))) continue; // the superior's own row
                try {
                    for (std::size_t c = 0; c < row.size(); ++c) row[c] = map_value(s, t, t.columns[c].name, row[c], back);
                } catch (const Unmapped&) {
                    continue;
                }
            }
            for (std::size_t c = 0; c < row.size(); ++c) {
                const auto& col = t.columns[c];
                if (!include_private && is_private(col.name) && row[c].type != Value::Null) {
                    row[c] = col.notnull ? Value{Value::Text, 0, 0, ""} : Value{};
                }
                if (row[c].type == Value::Text && is_sha_reference(row[c].s)) sha_refs.insert(row[c].s.substr(7));
                auto fk = t.fks.find(col.name);
                if (fk == t.fks.end() || row[c].type == Value::Null) continue;
                auto parent = s.tables.find(fk->second.first);
                if (parent != s.tables.end() && !parent->second.owned)
                    referenced[parent->first].insert(row[c].type == Value::Text ? row[c].s : std::to_string(row[c].i));
            }
            et.rows.push_back(std::move(row));
        }
        out.tables.push_back(std::move(et));
    }
    if (s.tables.count("stored_file"))
        for (const auto& sha : sha_refs) referenced["stored_file"].insert(sha);

    // Rows of tables outside any organisation that the exported rows refer to (stored_file).
    for (const auto& [name, keys] : referenced) {
        const Table& g = s.tables.at(name);
        if (g.pk.size() != 1 || g.rowid_alias)
            throw core::Error(OB_N("表 {table} 不属于任何组织，且按编号被引用，无法打包"), {{"table", name}});
        ExportedTable et{&g, {}, {}};
        std::string cols;
        for (const auto& c : g.columns) {
            et.columns.push_back(c.name);
            cols += (cols.empty() ? "" : ", ") + quote_id(c.name);
        }
        std::string list = "[";
        for (const auto& k : keys) {
            if (list.size() > 1) list += ",";
            json_string(list, k);
        }
        list += "]";
        auto st = db.prepare("SELECT " + cols + " FROM " + quote_id(name) + " WHERE CAST(" + quote_id(g.pk[0]) +
                             " AS TEXT) IN (SELECT value FROM json_each(?)) ORDER BY " + quote_id(g.pk[0]));
        st.bind(1, list);
        while (st.step()) {
            std::vector<Value> row;
            for (int c = 0; c < static_cast<int>(g.columns.size()); ++c) row.push_back(column_value(st, c));
            et.rows.push_back(std::move(row));
        }
        if (name == "stored_file") {
            int sha = g.index_of("sha256"), size = g.index_of("size");
            for (const auto& row : et.rows)
                out.files.emplace_back(row[static_cast<std::size_t>(sha)].s,
                                       size >= 0 ? row[static_cast<std::size_t>(size)].i : 0);
        }
        // Global tables go first: the owned rows refer to them.
        out.tables.insert(out.tables.begin(), std::move(et));
    }
    return out;
}

/// UTC with microseconds: two exports in the same second must still be ordered.
std::string utc_now() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%FZ"); }

std::string archive_json(const Collected& c, const std::string& package_id, const std::string& exported_at,
                         int schema_version, bool include_private) {
    std::string out = "{\n";
    out += "  \"format\": \"onebook-package\",\n";
    out += "  \"format_version\": " + std::to_string(package_format_version) + ",\n";
    out += "  \"package_id\": ";
    json_string(out, package_id);
    out += ",\n  \"exported_at\": ";
    json_string(out, exported_at);
    out += ",\n  \"generator\": \"OneBook " + std::string("onebook-archive") + "\",\n";
    out += "  \"schema_version\": " + std::to_string(schema_version) + ",\n";
    out += "  \"includes_private\": " + std::string(include_private ? "true" : "false") + ",\n";
    out += "  \"private_columns\": [";
    for (std::size_t k = 0; k < private_columns().size(); ++k) {
        if (k) out += ", ";
        json_string(out, private_columns()[k]);
    }
    out += "],\n  \"organisation\": {";
    for (std::size_t k = 0; k < c.organisation.size(); ++k) {
        out += k ? ", " : "";
        json_string(out, c.organisation[k].first);
        out += ": ";
        json_value(out, c.organisation[k].second);
    }
    out += "},\n  \"settings\": {";
    for (std::size_t k = 0; k < c.settings.size(); ++k) {
        out += k ? ", " : "";
        json_string(out, c.settings[k].first);
        out += ": ";
        json_string(out, c.settings[k].second);
    }
    out += "},\n  \"tables\": [";
    for (std::size_t k = 0; k < c.tables.size(); ++k) {
        const auto& t = c.tables[k];
        out += k ? ",\n    {" : "\n    {";
        out += "\"name\": ";
        json_string(out, t.table->name);
        out += ", \"label\": ";
        json_string(out, table_label(t.table->name));
        out += ", \"key\": [";
        for (std::size_t j = 0; j < t.table->pk.size(); ++j) {
            out += j ? ", " : "";
            json_string(out, t.table->pk[j]);
        }
        out += "], \"columns\": [";
        for (std::size_t j = 0; j < t.columns.size(); ++j) {
            out += j ? ", " : "";
            json_string(out, t.columns[j]);
        }
        out += "], \"rows\": [";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            out += r ? ",\n      " : "\n      ";
            out += json_row(t.rows[r]);
        }
        out += t.rows.empty() ? "]}" : "\n    ]}";
    }
    out += "\n  ],\n  \"files\": [";
    for (std::size_t k = 0; k < c.files.size(); ++k) {
        out += k ? ",\n    " : "\n    ";
        out += "{\"sha256\": ";
        json_string(out, c.files[k].first);
        out += ", \"path\": ";
        json_string(out, files_dir + c.files[k].first);
        out += ", \"size\": " + std::to_string(c.files[k].second) + "}";
    }
    out += c.files.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

/// The bag's base folder name: the zip's stem when it is plain ASCII (RFC 8493 §4 asks for the
/// same name), else a neutral one (unzip tools on Chinese Windows mangle UTF-8 names).
std::string base_name_for(const fs::path& out) {
    std::string stem = out.stem().string();
    bool plain = !stem.empty() && stem.size() <= 64;
    for (unsigned char c : stem) plain = plain && (std::isalnum(c) || c == '-' || c == '_' || c == '.');
    return plain ? stem : "onebook-package";
}

void fsync_path(const fs::path& p, bool directory) { core::platform::sync_path(p, directory); }

} // namespace

ExportReport export_package(core::Archive& archive, const fs::path& out, const ExportOptions& options) {
    auto& db = archive.db();
    core::OrganisationStore orgs(db);
    std::optional<core::Organisation> org = options.organisation_uid ? orgs.by_uid(*options.organisation_uid) : orgs.home();
    if (!org)
        throw core::Error(OB_N("档案中没有标识为 {uid} 的组织"), {{"uid", options.organisation_uid.value_or("")}});
    Schema schema = read_schema(db);

    ExportReport report;
    report.file = out;
    report.package_id = core::new_uid();
    report.organisation = org->name;
    report.organisation_uid = org->uid;
    report.exported_at = utc_now();
    report.includes_private = options.include_private;

    Collected c = [&] {
        core::Transaction tx(db); // one consistent snapshot
        auto r = collect(archive, schema, *org, options.include_private);
        tx.commit();
        return r;
    }();
    for (const auto& t : c.tables) report.rows[t.table->name] = static_cast<int>(t.rows.size());
    report.files = static_cast<int>(c.files.size());
    std::string json = archive_json(c, report.package_id, report.exported_at, archive.schema_version(), options.include_private);

    // Payload: the JSON and every stored file, re-hashed now so a damaged store is caught here.
    FileStore store(archive);
    std::vector<BagFile> payload;
    payload.push_back({json_name, sha256_hex(json), json.size()});
    for (const auto& [sha, size] : c.files) {
        fs::path p = store.path_of(sha);
        std::error_code ec;
        if (!fs::is_regular_file(p, ec))
            throw core::Error(OB_N("存储文件 {sha256} 缺失（{file}），请先运行 onebook-cli verify 查明"),
                              {{"sha256", sha}, {"file", p.string()}}, {p.string(), {}, {}});
        std::string actual = sha256_file(p);
        if (actual != sha)
            throw core::Error(OB_N("存储文件 {file} 已被改动或损坏（SHA-256 为 {actual}），请先运行 onebook-cli verify 查明"),
                              {{"file", p.string()}, {"actual", actual}}, {p.string(), {}, {}});
        payload.push_back({files_dir + sha, sha, fs::file_size(p)});
    }
    report.payload_oxum = payload_oxum(payload);

    BagInfo info;
    info.add("Source-Organization", org->name);
    info.add("External-Identifier", org->uid);
    info.add("External-Description", "党建一本通档案包：" + org->name);
    info.add("Bagging-Date", core::Date::today().iso());
    info.add("Payload-Oxum", report.payload_oxum);
    info.add("Internal-Sender-Identifier", report.package_id);
    info.add("Bag-Software-Agent", "OneBook onebook-archive (package format " + std::to_string(package_format_version) + ")");
    info.add("OneBook-Exported-At", report.exported_at);
    info.add("OneBook-Schema-Version", std::to_string(archive.schema_version()));
    info.add("OneBook-Private-Data", options.include_private ? "included" : "excluded");
    // The branch's own packages are signed with its key (identity.hpp); an imported organisation
    // is passed on as received, unsigned (this archive's key is not that branch's).
    if (org->is_home) {
        (void)core::sign(archive, ""); // refuses now, before anything is written, when this copy may not sign
        info.add("OneBook-Public-Key", archive.identity_info().public_key);
    }
    std::string declaration = bagit_declaration(), bag_info = format_bag_info(info), manifest = format_manifest(payload);
    std::vector<BagFile> tags = {{"bagit.txt", sha256_hex(declaration), declaration.size()},
                                 {"bag-info.txt", sha256_hex(bag_info), bag_info.size()},
                                 {"manifest-sha256.txt", sha256_hex(manifest), manifest.size()}};
    std::string tagmanifest = format_manifest(tags);
    std::string signature;
    if (org->is_home)
        signature = "Algorithm: Ed25519\nSigned-File: tagmanifest-sha256.txt\nSignature: " + core::sign(archive, tagmanifest) + "\n";

    // Write beside the target, then rename over it: readers see the old file or the whole new one.
    fs::path folder = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw core::Error(OB_N("文件夹 {folder} 不存在"), {{"folder", folder.string()}}, {folder.string(), {}, {}});
    // What an export that crashed left behind (never the package itself: that is only renamed into place).
    const std::string partial_prefix = "." + out.filename().string() + ".partial-";
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.path().filename().string().rfind(partial_prefix, 0) == 0) fs::remove(e.path(), ec);
    std::random_device rd;
    fs::path tmp = folder / ("." + out.filename().string() + ".partial-" + std::to_string(core::platform::process_id()) + "-" + std::to_string(rd()));
    const std::string base = base_name_for(out);
    try {
        {
            std::ofstream zip(tmp, std::ios::binary | std::ios::trunc);
            if (!zip) throw core::Error(OB_N("无法写入 {file}"), {{"file", tmp.string()}}, {tmp.string(), {}, {}});
            Poco::Zip::Compress compress(zip, true);
            Poco::DateTime now;
            auto add_text = [&](const std::string& name, const std::string& text) {
                std::istringstream in(text);
                compress.addFile(in, now, Poco::Path(base + "/" + name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                                 Poco::Zip::ZipCommon::CL_MAXIMUM);
                if (options.after_entry) options.after_entry(name);
            };
            add_text("bagit.txt", declaration);
            add_text("bag-info.txt", bag_info);
            add_text("manifest-sha256.txt", manifest);
            add_text("tagmanifest-sha256.txt", tagmanifest);
            if (!signature.empty()) add_text(signature_file, signature);
            add_text(json_name, json);
            for (std::size_t k = 1; k < payload.size(); ++k) {
                std::ifstream in(store.path_of(payload[k].sha256), std::ios::binary);
                auto media = store.find(payload[k].sha256);
                std::string type = media ? media->media_type : "";
                // Already-compressed formats are stored as they are.
                bool packed = type.rfind("image/", 0) == 0 || type == "application/zip" ||
                              type.find("officedocument") != std::string::npos;
                compress.addFile(in, now, Poco::Path(base + "/" + payload[k].path, Poco::Path::PATH_UNIX),
                                 packed ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE,
                                 Poco::Zip::ZipCommon::CL_MAXIMUM);
                if (options.after_entry) options.after_entry(payload[k].path);
            }
            compress.close();
            zip.flush();
            if (!zip) throw core::Error(OB_N("无法写入 {file}"), {{"file", tmp.string()}}, {tmp.string(), {}, {}});
        }
        fsync_path(tmp, false);
        fs::rename(tmp, out);
        fsync_path(folder, true);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    report.bytes = fs::file_size(out);
    return report;
}

// ---- reading a package -------------------------------------------------------------------------

namespace {

struct PackageTable {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
};

struct ParsedPackage {
    PackageInfo info;
    std::vector<std::pair<std::string, Value>> organisation;
    std::vector<std::pair<std::string, std::string>> settings;
    std::vector<PackageTable> tables;
    std::vector<std::pair<std::string, fs::path>> files; // sha256 → extracted file
    std::string json_file;                                // for messages
};

[[noreturn]] void bad_json(const std::string& file, const std::string& what) {
    throw core::Error(OB_N("{file} 内容不符合档案包格式：{what}"), {{"file", file}, {"what", what}}, {file, {}, {}});
}

Value value_of(const Poco::Dynamic::Var& v, const std::string& file, const std::string& where) {
    Value out;
    if (v.isEmpty()) return out;
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        auto o = v.extract<Poco::JSON::Object::Ptr>();
        if (o->has("base64")) {
            out.type = Value::Blob;
            out.s = unbase64(o->getValue<std::string>("base64"));
        } else if (o->has("text_base64")) {
            out.type = Value::Text;
            out.s = unbase64(o->getValue<std::string>("text_base64"));
        } else {
            bad_json(file, where + " 中有无法识别的值");
        }
        return out;
    }
    if (v.isString()) {
        out.type = Value::Text;
        out.s = v.extract<std::string>();
        // Text that is not UTF-8 travels base64-encoded (text_base64); raw, it is damage or an attack.
        if (!core::is_valid_utf8(out.s)) bad_json(file, where + " 中有不是 UTF-8 的文字");
    } else if (v.isInteger()) {
        out.type = Value::Int;
        out.i = v.convert<std::int64_t>();
    } else if (v.isNumeric()) {
        out.type = Value::Real;
        out.d = v.convert<double>();
    } else if (v.isBoolean()) {
        out.type = Value::Int;
        out.i = v.convert<bool>() ? 1 : 0;
    } else {
        bad_json(file, where + " 中有无法识别的值");
    }
    return out;
}

std::string size_text(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1u << 20));
    else std::snprintf(buf, sizeof buf, "%llu 字节", static_cast<unsigned long long>(bytes));
    return buf;
}

/// Throws the Error of a value that has the right form but an impossible meaning.
[[noreturn]] void bad_value(const fs::path& zip, const std::string& json_file, const std::string& table, std::size_t row,
                            const std::string& column, const std::string& value, const std::string& why) {
    throw core::Error(OB_N("档案包 {file} 的{label}（表 {table}）第 {row} 行的 {column}“{value}”不合理：{why}"),
                      {{"file", zip.string()}, {"label", table_label(table)}, {"table", table}, {"row", std::to_string(row + 1)},
                       {"column", column}, {"value", core::truncate_utf8(value, 60)}, {"why", why}},
                      {json_file, static_cast<long>(row + 1), table + "." + column});
}

bool is_date_column(const std::string& c) {
    auto ends = [&](const std::string& s) { return c.size() >= s.size() && c.compare(c.size() - s.size(), s.size(), s) == 0; };
    return c == "date" || c == "deadline" || ends("_date") || ends("_on");
}

/// The checks of meaning every value goes through, as the CLI and the shell check what is typed:
/// lengths, real dates, finite numbers, hours of a day, and scores within their rubric item.
void check_meaning(const ParsedPackage& p, const fs::path& zip, const core::PluginHost* plugins) {
    std::optional<core::RubricSet> rubrics;
    if (plugins) rubrics = core::RubricSet::load(*plugins);
    std::map<std::int64_t, std::string> assessment_rubric; // package id → rubric id
    for (const auto& t : p.tables)
        if (t.name == "assessment") {
            auto id = std::find(t.columns.begin(), t.columns.end(), "id") - t.columns.begin();
            auto rub = std::find(t.columns.begin(), t.columns.end(), "rubric_id") - t.columns.begin();
            if (id < static_cast<long>(t.columns.size()) && rub < static_cast<long>(t.columns.size()))
                for (const auto& r : t.rows)
                    if (r[static_cast<std::size_t>(id)].type == Value::Int)
                        assessment_rubric[r[static_cast<std::size_t>(id)].i] = r[static_cast<std::size_t>(rub)].s;
        }
    for (const auto& [k, v] : p.organisation)
        if (v.type == Value::Text && (k == "name" || k == "superior") && core::utf8_length(v.s) > core::limits::title)
            bad_value(zip, p.json_file, "organisation", 0, k, v.s, "过长");
    {
        // The organisation goes through the same validation as `init` and the shell's dialog.
        core::Organisation o;
        for (const auto& [k, v] : p.organisation) {
            if (v.type != Value::Text) continue;
            if (k == "name") o.name = v.s;
            else if (k == "sector") o.sector = v.s;
            else if (k == "form") o.form = v.s;
        }
        try {
            core::OrganisationStore::validate(o);
        } catch (const core::Error& e) {
            std::string field = e.where().field;
            bad_value(zip, p.json_file, "organisation", 0, field, field == "form" ? o.form : field == "name" ? o.name : o.sector,
                      core::substitute(e.key(), e.params()));
        }
    }
    if (plugins && !plugins->find(p.info.sector))
        throw core::Error(OB_N("档案包 {file} 的组织类别“{sector}”在本程序中没有对应的行业插件，无法导入"),
                          {{"file", zip.string()}, {"sector", p.info.sector}}, {p.json_file, {}, "organisation.sector"});
    for (const auto& t : p.tables) {
        auto col = [&](const std::string& n) {
            auto it = std::find(t.columns.begin(), t.columns.end(), n);
            return it == t.columns.end() ? -1 : static_cast<int>(it - t.columns.begin());
        };
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const auto& row = t.rows[r];
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                const std::string& name = t.columns[c];
                const Value& v = row[c];
                if (v.type == Value::Real && !std::isfinite(v.d)) bad_value(zip, p.json_file, t.name, r, name, "", "不是有限的数");
                if (v.type != Value::Text) continue;
                std::size_t max = name == "name" ? core::limits::name
                                  : (name == "topic" || name == "title" || name == "issue") ? core::limits::text
                                                                                            : core::limits::long_text * 4;
                if (v.s.size() > max && core::utf8_length(v.s) > max)
                    bad_value(zip, p.json_file, t.name, r, name, v.s,
                              "过长（" + std::to_string(core::utf8_length(v.s)) + " 个字符，最多 " + std::to_string(max) + " 个）");
                if (!core::is_valid_utf8(v.s)) continue; // binary text travels base64-encoded; no date in it
                if (is_date_column(name) && !v.s.empty()) {
                    auto d = core::Date::parse(v.s);
                    if (!d || (d->iso() != v.s && name != "doc_date"))
                        bad_value(zip, p.json_file, t.name, r, name, v.s, "不是存在的日期（应写作 YYYY-MM-DD）");
                }
            }
            if (t.name == "record") {
                int h = col("hours");
                if (h >= 0) {
                    const Value& v = row[static_cast<std::size_t>(h)];
                    double hours = v.type == Value::Int ? static_cast<double>(v.i) : v.d;
                    if ((v.type == Value::Int || v.type == Value::Real) && (hours < 0 || hours > 24))
                        bad_value(zip, p.json_file, t.name, r, "hours", std::to_string(hours), "学时应在 0 到 24 之间");
                }
            }
            if (t.name == "assessment_score") {
                int pts = col("points"), item = col("item_id"), as = col("assessment_id");
                if (pts < 0) continue;
                const Value& v = row[static_cast<std::size_t>(pts)];
                double points = v.type == Value::Int ? static_cast<double>(v.i) : v.d;
                char shown[32];
                std::snprintf(shown, sizeof shown, "%g", points);
                if (points < 0) bad_value(zip, p.json_file, t.name, r, "points", shown, "得分不能为负数");
                if (!rubrics || item < 0 || as < 0) continue;
                const Value& a = row[static_cast<std::size_t>(as)];
                auto rid = assessment_rubric.find(a.i);
                const core::Rubric* rubric = rid == assessment_rubric.end() ? nullptr : rubrics->find(rid->second);
                if (!rubric) continue;
                const std::string& item_id = row[static_cast<std::size_t>(item)].s;
                const core::RubricItem* it = rubric->find_item(item_id);
                if (!it)
                    bad_value(zip, p.json_file, t.name, r, "item_id", item_id, "评分标准“" + rubric->name + "”中没有这一项");
                if (points > it->points + 1e-9) {
                    char max[32];
                    std::snprintf(max, sizeof max, "%g", it->points);
                    bad_value(zip, p.json_file, t.name, r, "points", shown,
                              "第 " + item_id + " 项满分 " + max + " 分，得分不能超过满分");
                }
            }
        }
    }
}

ParsedPackage read_package(const fs::path& zip, const fs::path& staging, core::Archive* target, const ZipLimits& limits,
                           const core::PluginHost* plugins = nullptr) {
    ParsedPackage p;
    auto entries = inspect_zip(zip, limits);
    for (const auto& e : entries) {
        auto slash = e.name.find('/');
        if (slash != std::string::npos && e.name.substr(slash + 1) == json_name && e.size > limits.max_json)
            throw core::Error(OB_N("档案包 {file} 的 {entry} 有 {size}，超过上限 {max}，不予导入（一个支部的档案一般只有几 MB）"),
                              {{"file", zip.string()}, {"entry", e.name}, {"size", size_text(e.size)}, {"max", size_text(limits.max_json)}},
                              {zip.string(), {}, e.name});
    }
    fs::path folder = staging / "bag";
    extract_zip(zip, entries, folder);
    VerifiedBag bag = verify_bag(folder);
    const std::string base = bag.base.filename().string();
    p.json_file = base + "/" + json_name;

    p.info.entries = static_cast<int>(entries.size());
    p.info.bytes = fs::file_size(zip);
    p.info.package_id = bag.info.get("Internal-Sender-Identifier");
    p.info.organisation_uid = bag.info.get("External-Identifier");
    p.info.organisation = bag.info.get("Source-Organization");
    p.info.bagging_date = bag.info.get("Bagging-Date");
    p.info.payload_oxum = bag.info.get("Payload-Oxum");
    if (p.info.organisation_uid.empty()) bad_json(base + "/bag-info.txt", "缺少 External-Identifier（组织标识）");
    // The signature: over tagmanifest-sha256.txt, which covers bag-info.txt (with the public key)
    // and the manifest (with every payload checksum).
    {
        p.info.public_key = bag.info.get("OneBook-Public-Key");
        fs::path sig = bag.base / signature_file;
        std::error_code ec;
        bool has_sig = fs::is_regular_file(sig, ec);
        if (has_sig || !p.info.public_key.empty()) {
            const std::string where = base + "/" + signature_file;
            if (!has_sig)
                throw core::Error(OB_N("档案包 {file} 声明了签名密钥，却缺少签名文件 {entry}：档案包不完整或被改动过，不予导入"),
                                  {{"file", zip.string()}, {"entry", where}}, {where, {}, {}});
            if (p.info.public_key.empty())
                throw core::Error(OB_N("档案包 {file} 有签名文件，但 bag-info.txt 中没有签名密钥（OneBook-Public-Key），不予导入"),
                                  {{"file", zip.string()}}, {base + "/bag-info.txt", {}, "OneBook-Public-Key"});
            if (fs::file_size(sig, ec) > 4096) bad_json(where, "签名文件过大");
            std::ifstream in(sig, std::ios::binary);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            auto fields = parse_bag_info(text, where);
            std::ifstream tm(bag.base / "tagmanifest-sha256.txt", std::ios::binary);
            std::string tagmanifest((std::istreambuf_iterator<char>(tm)), std::istreambuf_iterator<char>());
            if (fields.get("Algorithm") != "Ed25519" || fields.get("Signed-File") != "tagmanifest-sha256.txt" ||
                !core::verify_signature(p.info.public_key, tagmanifest, fields.get("Signature")))
                throw core::Error(OB_N("档案包 {file} 的签名无效：它在签名之后被改动过，或不是由所声明的密钥签发的，不予导入"),
                                  {{"file", zip.string()}}, {where, {}, "Signature"});
            p.info.signed_package = true;
            p.info.fingerprint = core::key_fingerprint(p.info.public_key);
        }
    }
    if (p.info.package_id.empty()) bad_json(base + "/bag-info.txt", "缺少 Internal-Sender-Identifier（档案包标识）");

    std::set<std::string> payload;
    std::map<std::string, std::string> payload_sha;
    for (const auto& f : bag.payload) {
        payload.insert(f.path);
        payload_sha[f.path] = f.sha256;
    }
    if (!payload.count(json_name)) bad_json(p.json_file, "缺少此文件");

    Poco::JSON::Object::Ptr doc;
    try {
        std::ifstream in(bag.base / json_name, std::ios::binary);
        Poco::JSON::Parser parser;
        parser.setDepth(core::limits::json_depth);
        doc = parser.parse(in).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& ex) {
        bad_json(p.json_file, ex.displayText());
    } catch (const std::exception& ex) {
        bad_json(p.json_file, ex.what());
    }
    auto need = [&](const std::string& key) {
        if (!doc->has(key)) bad_json(p.json_file, "缺少成员 " + key);
        return doc->get(key);
    };
    try {
        if (need("format").toString() != "onebook-package") bad_json(p.json_file, "format 不是 onebook-package");
        if (need("format_version").convert<int>() != package_format_version)
            bad_json(p.json_file, "format_version 为 " + doc->get("format_version").toString() + "，本程序读取版本 " +
                                      std::to_string(package_format_version));
        if (need("package_id").toString() != p.info.package_id)
            bad_json(p.json_file, "package_id 与 bag-info.txt 的 Internal-Sender-Identifier 不一致");
        p.info.exported_at = need("exported_at").toString();
        p.info.schema_version = need("schema_version").convert<int>();
        p.info.includes_private = need("includes_private").convert<bool>();
        if (p.info.schema_version > core::Archive::latest_schema_version())
            throw core::Error(OB_N("档案包 {file} 由更新版本的 OneBook 导出（结构版本 {version}，本程序支持到 {latest}），请升级后再导入"),
                              {{"file", zip.string()},
                               {"version", std::to_string(p.info.schema_version)},
                               {"latest", std::to_string(core::Archive::latest_schema_version())}},
                              {zip.string(), {}, {}});

        auto org = need("organisation").extract<Poco::JSON::Object::Ptr>();
        std::vector<std::string> names;
        org->getNames(names);
        for (const auto& n : names) p.organisation.emplace_back(n, value_of(org->get(n), p.json_file, "organisation"));
        auto org_value = [&](const std::string& n) -> std::string {
            for (const auto& [k, v] : p.organisation)
                if (k == n) return v.type == Value::Text ? v.s : std::string();
            return {};
        };
        if (org_value("uid") != p.info.organisation_uid)
            bad_json(p.json_file, "organisation.uid 与 bag-info.txt 的 External-Identifier 不一致");
        p.info.organisation = org_value("name");
        p.info.sector = org_value("sector");
        if (p.info.organisation.empty() || p.info.sector.empty()) bad_json(p.json_file, "organisation 缺少 name 或 sector");

        auto settings = need("settings").extract<Poco::JSON::Object::Ptr>();
        names.clear();
        settings->getNames(names);
        for (const auto& n : names) p.settings.emplace_back(n, settings->get(n).toString());

        auto tables = need("tables").extract<Poco::JSON::Array::Ptr>();
        std::set<std::string> seen_tables;
        for (std::size_t k = 0; k < tables->size(); ++k) {
            auto t = tables->getObject(static_cast<unsigned>(k));
            if (!t || !t->has("name") || !t->has("columns") || !t->has("rows")) bad_json(p.json_file, "tables 中的表缺少 name/columns/rows");
            PackageTable pt;
            pt.name = t->getValue<std::string>("name");
            if (!seen_tables.insert(pt.name).second) bad_json(p.json_file, "表 " + pt.name + " 出现两次");
            auto cols = t->getArray("columns");
            for (std::size_t c = 0; c < cols->size(); ++c) pt.columns.push_back(cols->getElement<std::string>(static_cast<unsigned>(c)));
            auto rows = t->getArray("rows");
            for (std::size_t r = 0; r < rows->size(); ++r) {
                auto row = rows->getArray(static_cast<unsigned>(r));
                std::string where = "表 " + pt.name + " 第 " + std::to_string(r + 1) + " 行";
                if (!row || row->size() != pt.columns.size()) bad_json(p.json_file, where + " 的值个数与列数不符");
                std::vector<Value> values;
                for (std::size_t c = 0; c < row->size(); ++c) values.push_back(value_of(row->get(static_cast<unsigned>(c)), p.json_file, where));
                pt.rows.push_back(std::move(values));
            }
            p.info.rows[pt.name] = static_cast<int>(pt.rows.size());
            p.tables.push_back(std::move(pt));
        }

        auto files = need("files").extract<Poco::JSON::Array::Ptr>();
        std::set<std::string> listed;
        for (std::size_t k = 0; k < files->size(); ++k) {
            auto f = files->getObject(static_cast<unsigned>(k));
            if (!f || !f->has("sha256") || !f->has("path")) bad_json(p.json_file, "files 中的条目缺少 sha256/path");
            std::string sha = f->getValue<std::string>("sha256"), path = f->getValue<std::string>("path");
            if (path != files_dir + sha) bad_json(p.json_file, "文件 " + path + " 的路径应为 " + files_dir + sha);
            if (!payload.count(path))
                throw core::Error(OB_N("档案包缺少文件 {file}"), {{"file", base + "/" + path}}, {base + "/" + path, {}, {}});
            if (payload_sha[path] != sha)
                throw core::Error(OB_N("{file} 的内容与其名称（SHA-256）不符"), {{"file", base + "/" + path}}, {base + "/" + path, {}, {}});
            listed.insert(path);
            p.files.emplace_back(sha, bag.base / path);
        }
        for (const auto& path : payload)
            if (path != json_name && !listed.count(path))
                throw core::Error(OB_N("{file} 不是档案包格式中的文件（未在 archive.json 的 files 中列出）"),
                                  {{"file", base + "/" + path}}, {base + "/" + path, {}, {}});
        p.info.files = static_cast<int>(p.files.size());
    } catch (const Poco::Exception& ex) {
        bad_json(p.json_file, ex.displayText());
    }

    if (target) {
        // Every table and column must exist here (a newer branch program may have more).
        Schema s = read_schema(target->db());
        for (const auto& t : p.tables) {
            const Table* mine = s.find(t.name);
            if (!mine || excluded_table(t.name))
                throw core::Error(OB_N("档案包 {file} 含有本档案没有的表 {table}，请升级 OneBook 后再导入"),
                                  {{"file", zip.string()}, {"table", t.name}}, {p.json_file, {}, t.name});
            for (const auto& c : t.columns)
                if (mine->index_of(c) < 0)
                    throw core::Error(OB_N("档案包 {file} 的表 {table} 含有本档案没有的列 {column}，请升级 OneBook 后再导入"),
                                      {{"file", zip.string()}, {"table", t.name}, {"column", c}}, {p.json_file, {}, t.name + "." + c});
            if (!mine->owned && (mine->pk.size() != 1 || mine->rowid_alias))
                throw core::Error(OB_N("档案包 {file} 的表 {table} 不属于任何组织，无法导入"),
                                  {{"file", zip.string()}, {"table", t.name}}, {p.json_file, {}, t.name});
            // Keys must be unique within the package.
            std::set<std::string> keys;
            for (std::size_t r = 0; r < t.rows.size(); ++r)
                if (!keys.insert(key_json(*mine, t.columns, t.rows[r])).second)
                    throw core::Error(OB_N("档案包 {file} 的表 {table} 第 {row} 行与前面的行主键相同"),
                                      {{"file", zip.string()}, {"table", t.name}, {"row", std::to_string(r + 1)}},
                                      {p.json_file, static_cast<long>(r + 1), t.name});
        }
        for (const auto& [col, v] : p.organisation)
            if (s.organisation.index_of(col) < 0)
                throw core::Error(OB_N("档案包 {file} 的组织信息含有本档案没有的列 {column}，请升级 OneBook 后再导入"),
                                  {{"file", zip.string()}, {"column", col}}, {p.json_file, {}, "organisation." + col});
        check_meaning(p, zip, plugins);
    }
    return p;
}

} // namespace

ImportReport import_or_verify(core::Archive& archive, const fs::path& zip, const ImportOptions& options, bool dry_run);

PackageInfo verify_package(const fs::path& zip, core::Archive* archive, const ZipLimits& limits) {
    ImportOptions o;
    o.limits = limits;
    return verify_package(zip, archive, o);
}

PackageInfo verify_package(const fs::path& zip, core::Archive* archive, const ImportOptions& options) {
    if (archive) return import_or_verify(*archive, zip, options, true).package;
    // Without a target: into an empty archive made for the purpose (no identity of its own).
    StagingDir staging("verify");
    core::Organisation scratch;
    scratch.name = "scratch";
    scratch.sector = "community";
    auto target = core::Archive::create((staging.path() / "schema.onebook").string(), scratch, false);
    return import_or_verify(target, zip, options, true).package;
}

// ---- import ------------------------------------------------------------------------------------

namespace {

struct RowState {
    std::string local_key, hash;
};

std::int64_t first_int(const std::string& key_json_text) {
    // "[123]" → 123
    return std::stoll(key_json_text.substr(1, key_json_text.size() - 2));
}

std::string where_key(const Table& t, int first_param) {
    std::string w;
    auto key = t.key();
    for (std::size_t k = 0; k < key.size(); ++k)
        w += (k ? " AND " : "") + quote_id(key[k]) + " IS ?" + std::to_string(first_param + static_cast<int>(k));
    return w;
}

/// Local key values, parsed back from a key's JSON text.
std::vector<Value> key_values(const std::string& json) {
    Poco::JSON::Parser parser;
    parser.setDepth(core::limits::json_depth);
    auto arr = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    std::vector<Value> out;
    for (std::size_t k = 0; k < arr->size(); ++k) out.push_back(value_of(arr->get(static_cast<unsigned>(k)), "package_row", "local_key"));
    return out;
}

} // namespace

/// A constraint of the target's schema that a row broke, said without SQLite's own words.
[[noreturn]] void constraint_failed(const core::Error& e, const fs::path& zip, const std::string& json_file,
                                    const std::string& table, long row) {
    std::string reason = e.param("reason"), rule;
    auto colon = reason.find(": ");
    std::string what = colon == std::string::npos ? std::string() : reason.substr(colon + 2);
    if (reason.rfind("CHECK", 0) == 0) rule = "取值超出允许范围（" + what + "）";
    else if (reason.rfind("NOT NULL", 0) == 0) rule = what + " 不能为空";
    else if (reason.rfind("UNIQUE", 0) == 0 || reason.rfind("PRIMARY KEY", 0) == 0) rule = what + " 与已有的行重复";
    else if (reason.rfind("FOREIGN KEY", 0) == 0) rule = "引用了不存在的记录";
    else rule = "不符合数据规则";
    throw core::Error(OB_N("档案包 {file} 的{label}（表 {table}）第 {row} 行不能导入：{rule}。已撤销导入，档案没有改动"),
                      {{"file", zip.string()}, {"label", table_label(table)}, {"table", table},
                       {"row", row > 0 ? std::to_string(row) : std::string("?")}, {"rule", rule}},
                      {json_file, row > 0 ? std::optional<long>(row) : std::nullopt, table});
}

ImportReport import_package(core::Archive& archive, const fs::path& zip, const ImportOptions& options) {
    return import_or_verify(archive, zip, options, false);
}

ImportReport import_or_verify(core::Archive& archive, const fs::path& zip, const ImportOptions& options, bool dry_run) {
    auto started = std::chrono::steady_clock::now();
    auto& db = archive.db();
    if (archive.read_only() && !dry_run)
        throw core::Error(OB_N("档案 {file} 以只读方式打开，不能导入档案包"), {{"file", archive.path()}}, {archive.path(), {}, {}});
    StagingDir staging("import");
    ParsedPackage pkg = read_package(zip, staging.path(), &archive, options.limits, options.plugins);
    const std::string zip_name = zip.filename().string();

    ImportReport report;
    report.package = pkg.info;
    auto home = core::OrganisationStore(db).home();
    if (home && home->uid == pkg.info.organisation_uid)
        throw core::Error(OB_N("档案包 {file} 是本档案自己的组织“{name}”的，不能导入到自己的档案中"),
                          {{"file", zip.string()}, {"name", home->name}}, {zip.string(), {}, {}});
    {
        auto last = db.prepare("SELECT exported_at, package_id FROM package_import WHERE organisation_uid = ? "
                               "ORDER BY exported_at DESC, id DESC LIMIT 1");
        last.bind(1, pkg.info.organisation_uid);
        if (last.step() && !options.allow_older && pkg.info.exported_at < last.get_text(0))
            throw core::Error(OB_N("档案包 {file} 导出于 {exported}，比已导入的档案包（{last}）旧；如确要回退，请使用 --allow-older"),
                              {{"file", zip.string()}, {"exported", pkg.info.exported_at}, {"last", last.get_text(0)}},
                              {zip.string(), {}, {}});
    }
    // Identity: the key pinned for this branch on its first signed import must sign every later
    // package; another key is refused until the branch is re-admitted explicitly.
    std::optional<std::pair<std::string, std::string>> pinned; // public key, fingerprint
    {
        auto st = db.prepare("SELECT public_key, fingerprint FROM package_branch_key WHERE organisation_uid = ?");
        st.bind(1, pkg.info.organisation_uid);
        if (st.step()) pinned = std::pair{st.get_text(0), st.get_text(1)};
    }
    std::optional<core::Organisation> known = core::OrganisationStore(db).by_uid(pkg.info.organisation_uid);
    const std::string who = known ? known->name : pkg.info.organisation;
    bool pin = false;
    if (!pkg.info.signed_package) {
        if (pinned)
            throw core::Error(OB_N("档案包 {file} 没有签名，而{name}的档案包应由其登记的密钥（{pinned}）签名：不予导入。"
                                   "请让该支部用 OneBook 重新导出；如确属该支部重建档案，请核实后用 --readmit 重新接纳"),
                              {{"file", zip.string()}, {"name", who}, {"pinned", pinned->second}}, {zip.string(), {}, {}});
        report.notes.push_back("档案包没有签名（由旧版本 OneBook 导出），无法确认来源；该支部用新版本导出后将登记其签名密钥");
    } else if (pinned && pinned->first != pkg.info.public_key) {
        if (!options.readmit)
            throw core::Error(OB_N("档案包 {file} 的签名密钥（{key}）与{name}登记的密钥（{pinned}）不同：它可能来自复制了该支部档案的另一个档案，"
                                   "也可能是该支部重建或换电脑后生成了新密钥。请与该支部核对密钥指纹；确认无误后用 "
                                   "package import {file} --readmit 重新接纳（将记入导入日志）"),
                              {{"file", zip.string()}, {"key", pkg.info.fingerprint}, {"name", who}, {"pinned", pinned->second},
                               {"readmit", "needed"}},
                              {zip.string(), {}, {}});
        report.notes.push_back("重新接纳：签名密钥由 " + pinned->second + " 改为 " + pkg.info.fingerprint);
        pin = true;
    } else if (!pinned) {
        report.notes.push_back("登记签名密钥 " + pkg.info.fingerprint);
        pin = true;
    }

    // Differences a mistake or a takeover would make: shown, and applied only when accepted.
    if (known) {
        std::vector<std::string> diffs;
        auto org_text = [&](const std::string& n) {
            for (const auto& [k, v] : pkg.organisation)
                if (k == n) return v.type == Value::Text ? v.s : std::string();
            return std::string();
        };
        if (org_text("name") != known->name) diffs.push_back("名称由“" + known->name + "”改为“" + org_text("name") + "”");
        if (org_text("sector") != known->sector) diffs.push_back("类别由 " + known->sector + " 改为 " + org_text("sector"));
        if (org_text("form") != known->form) diffs.push_back("组织形式由“" + known->form + "”改为“" + org_text("form") + "”");
        for (const char* kind : {"member", "record", "document"}) {
            auto st = db.prepare("SELECT count(*) FROM package_row WHERE organisation_id = ? AND tbl = ?");
            st.bind_all(known->id, std::string(kind));
            int before = st.step() ? static_cast<int>(st.get_int(0)) : 0;
            int now = pkg.info.rows.count(kind) ? pkg.info.rows.at(kind) : 0;
            if (before >= 2 && now * 2 < before)
                diffs.push_back(table_label(kind) + "由 " + std::to_string(before) + " 条减少到 " + std::to_string(now) + " 条");
        }
        if (!diffs.empty()) {
            std::string all;
            for (const auto& d : diffs) all += (all.empty() ? "" : "；") + d;
            if (!options.accept_changes)
                throw core::Error(OB_N("档案包 {file} 与已导入的“{name}”有重大差异：{differences}。请与该支部核实；"
                                       "确认无误后用 --accept-changes 导入"),
                                  {{"file", zip.string()}, {"name", known->name}, {"differences", all}, {"accept_changes", "needed"}},
                                  {zip.string(), {}, {}});
            report.notes.push_back("已确认的重大差异：" + all);
        }
    }

    const std::string file_sha = sha256_file(zip);
    Schema s = read_schema(db);
    FileStore store(archive);
    std::vector<StoredFile> created_files;
    std::string current_table; // for messages about a row the schema refuses
    long current_row = 0;

    // A risky operation: the archive as it was is kept in its backups first.
    core::Backups(archive).make("before-import");
    try {
        core::ChangeScope tx(db, "import", "导入档案包 " + zip_name); // undone as one step
        db.exec("PRAGMA defer_foreign_keys = ON"); // rows refer to each other in both directions
        std::map<std::string, KindChange> changes;
        auto change = [&](const std::string& kind) -> KindChange& {
            auto& c = changes[kind];
            c.kind = kind;
            c.label = table_label(kind);
            return c;
        };

        current_table = "organisation";
        current_row = 1;
        // The organisation: a non-home row under the superior's own organisation.
        std::int64_t source_org = 0;
        for (const auto& [k, v] : pkg.organisation)
            if (k == "id" && v.type == Value::Int) source_org = v.i;
        if (!source_org) bad_json(pkg.json_file, "organisation 缺少 id");
        std::optional<core::Organisation> existing = core::OrganisationStore(db).by_uid(pkg.info.organisation_uid);
        std::int64_t org_id = 0;
        std::string org_hash;
        {
            std::vector<Value> all;
            for (const auto& [k, v] : pkg.organisation) all.push_back(v);
            org_hash = sha256_hex(json_row(all));
        }
        {
            std::vector<std::string> cols;
            std::vector<Value> vals;
            for (const auto& [k, v] : pkg.organisation)
                if (k != "id" && k != "is_home" && k != "parent_id") {
                    cols.push_back(k);
                    vals.push_back(v);
                }
            Value parent;
            if (home) parent = Value{Value::Int, home->id, 0, ""};
            if (existing) {
                std::string set;
                for (std::size_t k = 0; k < cols.size(); ++k) set += (k ? ", " : "") + quote_id(cols[k]) + " = ?";
                auto st = db.prepare("UPDATE organisation SET " + set + ", is_home = 0, parent_id = ? WHERE id = ?");
                int i = 1;
                for (const auto& v : vals) bind_value(st, i++, v);
                bind_value(st, i++, parent);
                st.bind(i, existing->id).run();
                org_id = existing->id;
                report.outcome = "replaced";
                auto h = db.prepare("SELECT content_sha256 FROM package_row WHERE organisation_id = ? AND tbl = 'organisation'");
                h.bind(1, org_id);
                bool same = h.step() && h.get_text(0) == org_hash;
                (same ? change("organisation").unchanged : change("organisation").changed) = 1;
            } else {
                std::string names, marks;
                for (std::size_t k = 0; k < cols.size(); ++k) {
                    names += (k ? ", " : "") + quote_id(cols[k]);
                    marks += k ? ", ?" : "?";
                }
                auto st = db.prepare("INSERT INTO organisation(" + names + ", is_home, parent_id) VALUES (" + marks + ", 0, ?)");
                int i = 1;
                for (const auto& v : vals) bind_value(st, i++, v);
                bind_value(st, i, parent);
                st.run();
                org_id = db.last_insert_id();
                report.outcome = "added";
                change("organisation").added = 1;
            }
        }
        report.organisation_id = org_id;

        // What earlier imports brought, by the branch's keys.
        std::map<std::string, std::map<std::string, RowState>> before; // table → source key → state
        {
            auto st = db.prepare("SELECT tbl, source_key, local_key, content_sha256 FROM package_row WHERE organisation_id = ?");
            st.bind(1, org_id);
            while (st.step()) before[st.get_text(0)][st.get_text(1)] = {st.get_text(2), st.get_text(3)};
        }

        // New local ids for rows with renumbered keys (earlier imports keep theirs).
        KeyMap map;
        map.identity = false;
        map.org_from = source_org;
        map.org_to = org_id;
        for (const auto& t : pkg.tables) {
            const Table& table = *s.find(t.name);
            if (!table.rowid_alias || !table.owned) continue;
            int pkc = static_cast<int>(std::find(t.columns.begin(), t.columns.end(), table.pk[0]) - t.columns.begin());
            if (pkc >= static_cast<int>(t.columns.size())) bad_json(pkg.json_file, "表 " + t.name + " 缺少主键列 " + table.pk[0]);
            std::int64_t next = db.scalar_int("SELECT coalesce(max(rowid), 0) FROM " + quote_id(t.name)) + 1;
            auto& ids = map.ids[t.name];
            for (const auto& row : t.rows) {
                const Value& v = row[static_cast<std::size_t>(pkc)];
                if (v.type != Value::Int) bad_json(pkg.json_file, "表 " + t.name + " 的主键不是整数");
                auto b = before[t.name].find(json_row({v}));
                ids[v.i] = b != before[t.name].end() ? first_int(b->second.local_key) : next++;
            }
        }

        // Local rows: every key and reference translated.
        struct Prepared {
            const Table* table;
            const PackageTable* source;
            std::vector<std::vector<Value>> rows;
            std::vector<std::string> source_keys, local_keys, hashes;
        };
        std::vector<Prepared> prepared;
        std::map<std::string, std::set<std::string>> now_keys; // table → source keys in this package
        for (const auto& t : pkg.tables) {
            const Table& table = *s.find(t.name);
            Prepared pr{&table, &t, {}, {}, {}, {}};
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                std::vector<Value> local;
                try {
                    for (std::size_t c = 0; c < t.columns.size(); ++c) {
                        // Tables outside any organisation keep their (natural) keys.
                        local.push_back(table.owned ? map_value(s, table, t.columns[c], t.rows[r][c], map) : t.rows[r][c]);
                    }
                } catch (const Unmapped& u) {
                    std::string v = u.value.type == Value::Int ? std::to_string(u.value.i) : u.value.s;
                    throw core::Error(OB_N("档案包 {file} 的表 {table} 第 {row} 行引用了包中没有的 {target} {value}"),
                                      {{"file", zip.string()}, {"table", t.name}, {"row", std::to_string(r + 1)},
                                       {"target", u.table}, {"value", v}},
                                      {pkg.json_file, static_cast<long>(r + 1), t.name});
                }
                pr.source_keys.push_back(key_json(table, t.columns, t.rows[r]));
                pr.local_keys.push_back(key_json(table, t.columns, local));
                pr.hashes.push_back(sha256_hex(json_row(t.rows[r])));
                now_keys[t.name].insert(pr.source_keys.back());
                pr.rows.push_back(std::move(local));
            }
            prepared.push_back(std::move(pr));
        }

        // Removed first (children before parents), so that unique keys freed by the branch can be reused.
        std::vector<std::string> removal_order(s.owned.rbegin(), s.owned.rend());
        for (const auto& tbl : removal_order) {
            auto b = before.find(tbl);
            if (b == before.end()) continue;
            const Table& table = s.tables.at(tbl);
            for (const auto& [source_key, state] : b->second) {
                if (now_keys[tbl].count(source_key)) continue;
                auto del = db.prepare("DELETE FROM " + quote_id(tbl) + " WHERE " + where_key(table, 1));
                auto key = key_values(state.local_key);
                for (std::size_t k = 0; k < key.size(); ++k) bind_value(del, static_cast<int>(k + 1), key[k]);
                del.run();
                change(tbl).removed++;
            }
        }

        // Added, changed, unchanged.
        for (auto& pr : prepared) {
            const Table& table = *pr.table;
            const auto& cols = pr.source->columns;
            std::string names, marks, set;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                names += (c ? ", " : "") + quote_id(cols[c]);
                marks += c ? ", ?" : "?";
                set += (c ? ", " : "") + quote_id(cols[c]) + " = ?";
            }
            auto insert = db.prepare("INSERT INTO " + quote_id(table.name) + "(" + names + ") VALUES (" + marks + ")" +
                                     (table.owned ? "" : " ON CONFLICT DO NOTHING"));
            auto exists = db.prepare("SELECT 1 FROM " + quote_id(table.name) + " WHERE " + where_key(table, 1));
            auto update = std::make_unique<core::Statement>(
                db, "UPDATE " + quote_id(table.name) + " SET " + set + " WHERE " + where_key(table, static_cast<int>(cols.size()) + 1));
            auto& kind = change(table.name);
            current_table = table.name;
            for (std::size_t r = 0; r < pr.rows.size(); ++r) {
                current_row = static_cast<long>(r + 1);
                const auto& row = pr.rows[r];
                auto run_insert = [&] {
                    for (std::size_t c = 0; c < row.size(); ++c) bind_value(insert, static_cast<int>(c + 1), row[c]);
                    insert.run();
                    int n = db.changes();
                    insert.reset();
                    return n;
                };
                if (!table.owned) { // stored_file and the like: shared, content-addressed
                    (run_insert() ? kind.added : kind.unchanged)++;
                    continue;
                }
                auto local_key = key_values(pr.local_keys[r]);
                for (std::size_t k = 0; k < local_key.size(); ++k) bind_value(exists, static_cast<int>(k + 1), local_key[k]);
                bool present = exists.step();
                exists.reset();
                auto b = before[table.name].find(pr.source_keys[r]);
                if (b == before[table.name].end()) {
                    if (present) { // a row the superior keeps for this organisation: take the branch's
                        for (std::size_t c = 0; c < row.size(); ++c) bind_value(*update, static_cast<int>(c + 1), row[c]);
                        for (std::size_t k = 0; k < local_key.size(); ++k)
                            bind_value(*update, static_cast<int>(row.size() + k + 1), local_key[k]);
                        update->run();
                        update->reset();
                    } else {
                        run_insert();
                    }
                    kind.added++;
                } else if (!present) {
                    run_insert(); // gone meanwhile (a cascade of a removal): back as the branch has it
                    kind.changed++;
                } else if (b->second.hash != pr.hashes[r]) {
                    for (std::size_t c = 0; c < row.size(); ++c) bind_value(*update, static_cast<int>(c + 1), row[c]);
                    for (std::size_t k = 0; k < local_key.size(); ++k)
                        bind_value(*update, static_cast<int>(row.size() + k + 1), local_key[k]);
                    update->run();
                    update->reset();
                    kind.changed++;
                } else {
                    kind.unchanged++;
                }
            }
        }

        // Row bookkeeping for the next import of this organisation.
        {
            auto del = db.prepare("DELETE FROM package_row WHERE organisation_id = ?");
            del.bind(1, org_id).run();
            auto ins = db.prepare("INSERT INTO package_row(organisation_id, tbl, source_key, local_key, content_sha256) "
                                  "VALUES (?, ?, ?, ?, ?)");
            ins.bind_all(org_id, std::string("organisation"), "[" + std::to_string(source_org) + "]",
                         "[" + std::to_string(org_id) + "]", org_hash).run();
            ins.reset();
            for (const auto& pr : prepared) {
                if (!pr.table->owned) continue;
                for (std::size_t r = 0; r < pr.rows.size(); ++r) {
                    ins.bind_all(org_id, pr.table->name, pr.source_keys[r], pr.local_keys[r], pr.hashes[r]).run();
                    ins.reset();
                }
            }
            auto ds = db.prepare("DELETE FROM package_setting WHERE organisation_id = ?");
            ds.bind(1, org_id).run();
            auto is = db.prepare("INSERT INTO package_setting(organisation_id, key, value) VALUES (?, ?, ?)");
            for (const auto& [k, v] : pkg.settings) {
                is.bind_all(org_id, k, v).run();
                is.reset();
            }
        }

        current_table.clear();
        current_row = 0;
        // The files, into this archive's store (stored_file rows came with the tables above).
        for (const auto& [sha, path] : pkg.files) {
            if (dry_run) break; // their checksums were verified; a check writes nothing
            bool had = fs::is_regular_file(store.path_of(sha));
            StoredFile f = store.put(path);
            if (f.created) created_files.push_back(f);
            if (f.sha256 != sha)
                throw core::Error(OB_N("{file} 的内容与其名称（SHA-256）不符"), {{"file", path.string()}}, {path.string(), {}, {}});
            if (!had) report.files_added++;
        }

        // Every reference must resolve before the commit (the deferred check would only say "failed").
        {
            auto fk = db.prepare("PRAGMA foreign_key_check");
            if (fk.step())
                throw core::Error(OB_N("导入档案包 {file} 后表 {table} 有无法对应的引用（{parent}），已撤销导入"),
                                  {{"file", zip.string()}, {"table", fk.get_text(0)}, {"parent", fk.get_text(2)}},
                                  {zip.string(), {}, fk.get_text(0)});
        }

        bool any = false;
        for (const auto& [k, c] : changes) any = any || c.added || c.removed || c.changed;
        if (report.outcome == "replaced" && !any) report.outcome = "unchanged";
        if (pin) {
            auto st = db.prepare("INSERT INTO package_branch_key(organisation_uid, public_key, fingerprint, package_id) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT(organisation_uid) DO UPDATE SET public_key = excluded.public_key, "
                                 "fingerprint = excluded.fingerprint, package_id = excluded.package_id, "
                                 "pinned_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')");
            st.bind_all(pkg.info.organisation_uid, pkg.info.public_key, pkg.info.fingerprint, pkg.info.package_id).run();
        }
        std::string note;
        for (const auto& n : report.notes) note += (note.empty() ? "" : "；") + n;
        auto log = db.prepare("INSERT INTO package_import(package_id, organisation_id, organisation_uid, exported_at, "
                              "file_name, file_sha256, outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        log.bind_all(pkg.info.package_id, org_id, pkg.info.organisation_uid, pkg.info.exported_at, zip_name, file_sha,
                     report.outcome, note)
            .run();
        std::int64_t log_id = db.last_insert_id();
        auto logc = db.prepare("INSERT INTO package_import_change(import_id, kind, added, removed, changed, unchanged) "
                               "VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& [k, c] : changes) {
            logc.bind_all(log_id, k, c.added, c.removed, c.changed, c.unchanged).run();
            logc.reset();
            report.changes.push_back(c);
        }
        if (!dry_run) tx.commit(); // a check rolls everything back
    } catch (const core::Error& e) {
        for (const auto& f : created_files) store.discard(f);
        int code = std::atoi(e.param("code").c_str());
        if ((code & 0xff) == SQLITE_CONSTRAINT) constraint_failed(e, zip, pkg.json_file, current_table, current_row);
        throw;
    } catch (...) {
        for (const auto& f : created_files) store.discard(f);
        throw;
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

std::vector<ImportLogEntry> import_log(core::Archive& archive, std::optional<core::Id> organisation_id) {
    auto& db = archive.db();
    std::vector<ImportLogEntry> out;
    auto st = db.prepare("SELECT p.id, p.imported_at, p.package_id, p.organisation_uid, coalesce(o.name, ''), p.exported_at, "
                         "p.file_name, p.file_sha256, p.outcome, p.note FROM package_import AS p "
                         "LEFT JOIN organisation AS o ON o.id = p.organisation_id "
                         "WHERE ?1 IS NULL OR p.organisation_id = ?1 ORDER BY p.id DESC");
    if (organisation_id) st.bind(1, *organisation_id);
    else st.bind_null(1);
    while (st.step()) {
        ImportLogEntry e;
        e.id = st.get_int(0);
        e.imported_at = st.get_text(1);
        e.package_id = st.get_text(2);
        e.organisation_uid = st.get_text(3);
        e.organisation = st.get_text(4);
        e.exported_at = st.get_text(5);
        e.file_name = st.get_text(6);
        e.file_sha256 = st.get_text(7);
        e.outcome = st.get_text(8);
        e.note = st.get_text(9);
        out.push_back(std::move(e));
    }
    auto ch = db.prepare("SELECT kind, added, removed, changed, unchanged FROM package_import_change WHERE import_id = ? ORDER BY kind");
    for (auto& e : out) {
        ch.bind(1, e.id);
        while (ch.step())
            e.changes.push_back({ch.get_text(0), table_label(ch.get_text(0)), static_cast<int>(ch.get_int(1)),
                                 static_cast<int>(ch.get_int(2)), static_cast<int>(ch.get_int(3)), static_cast<int>(ch.get_int(4))});
        ch.reset();
    }
    return out;
}

} // namespace onebook::archive
