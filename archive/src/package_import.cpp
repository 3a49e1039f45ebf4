// Packages: import into a superior's archive, one transaction: the organisation becomes a non-home
// row under the superior's own; its rows are matched to those of earlier imports by their keys in
// the branch's archive, so a re-import changes nothing and a newer package updates rows in place.
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
#include <array>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;

namespace onebook::archive {

using namespace pkg;

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
    for (std::size_t k = 0; k < arr->size(); ++k)
        out.push_back(value_of(arr->get(static_cast<unsigned>(k)), "package_row", core::Message{"local_key", {}, {}}));
    return out;
}

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
                      {{"file", zip.string()},
                       {"label", table_label(table)},
                       {"table", table},
                       {"row", row > 0 ? std::to_string(row) : std::string("?")},
                       {"rule", rule}},
                      {json_file, row > 0 ? std::optional<long>(row) : std::nullopt, table});
}

KindChange& change_of(std::map<std::string, KindChange>& changes, const std::string& kind) {
    auto& c = changes[kind];
    c.kind = kind;
    c.label = table_label(kind);
    return c;
}

/// The organisation row: a non-home row under the superior's own organisation, updated in place
/// when an earlier package brought it. Returns its local id.
std::int64_t write_organisation(core::Database& db, const ParsedPackage& pkg, const std::optional<core::Organisation>& existing,
                                const std::optional<core::Organisation>& home, const std::string& org_hash, ImportReport& report,
                                std::map<std::string, KindChange>& changes) {
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
        report.outcome = "replaced";
        auto h = db.prepare("SELECT content_sha256 FROM package_row WHERE organisation_id = ? AND tbl = 'organisation'");
        h.bind(1, existing->id);
        bool same = h.step() && h.get_text(0) == org_hash;
        (same ? change_of(changes, "organisation").unchanged : change_of(changes, "organisation").changed) = 1;
        return existing->id;
    }
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
    report.outcome = "added";
    change_of(changes, "organisation").added = 1;
    return db.last_insert_id();
}

/// A package's rows with every key and reference translated to this archive.
struct Prepared {
    const Table* table;
    const PackageTable* source;
    std::vector<std::vector<Value>> rows;
    std::vector<std::string> source_keys, local_keys, hashes;
};

/// Rows the superior wrote itself and sent down in a results package come back up in the branch's
/// next package. The assessment's scores, survey and vetoes come back as lines and are replayed
/// (never as rows here), the ledger's history as its own section (take_history); what is left is
/// the requirements the superior wrote: a new item of the branch that matches one of the
/// superior's own items of the organisation (one no package brought) on these columns is that
/// item, and the import takes it over instead of storing a copy. The other columns may differ (the
/// branch may move a requirement's deadline).
const std::map<std::string, std::vector<std::string>>& sent_down_identity() {
    static const std::map<std::string, std::vector<std::string>> identity = {
        {"rectification_item", {"organisation_id", "issue", "source_kind", "source_ref"}},
    };
    return identity;
}

/// The superior's own rows that new rows of the branch (translated) stand for, each taken once;
/// one statement per table, prepared on its first row.
class OwnRows {
public:
    OwnRows(core::Database& db, std::int64_t org_id) : m_db(db), m_org(org_id) {}

    std::optional<std::int64_t> find(const Table& table, const std::vector<std::string>& columns,
                                     const std::vector<Value>& local) {
        auto q = m_queries.find(table.name);
        if (q == m_queries.end()) q = m_queries.emplace(table.name, prepare(table, columns)).first;
        Query& query = q->second;
        if (!query.st) return std::nullopt;
        int k = 1;
        for (auto at : query.at) bind_value(*query.st, k++, local[at]);
        query.st->bind(k++, m_org);
        query.st->bind(k, table.name);
        std::optional<std::int64_t> mine;
        while (!mine && query.st->step())
            if (query.taken.insert(query.st->get_int(0)).second) mine = query.st->get_int(0);
        query.st->reset();
        return mine;
    }

private:
    struct Query {
        std::optional<core::Statement> st; ///< none: the table has no sent-down identity
        std::vector<std::size_t> at;       ///< the identity's columns in the package's rows
        std::set<std::int64_t> taken;
    };

    Query prepare(const Table& table, const std::vector<std::string>& columns) {
        Query q;
        auto id = sent_down_identity().find(table.name);
        if (id == sent_down_identity().end() || table.pk.size() != 1) return q;
        std::string where;
        for (const auto& c : id->second) {
            auto at = std::find(columns.begin(), columns.end(), c);
            if (at == columns.end()) return q;
            where += " AND " + quote_id(c) + " IS ?";
            q.at.push_back(static_cast<std::size_t>(at - columns.begin()));
        }
        q.st.emplace(m_db.prepare("SELECT " + quote_id(table.pk[0]) + " FROM " + quote_id(table.name) + " t WHERE 1" + where +
                                  " AND NOT EXISTS (SELECT 1 FROM package_row p WHERE p.organisation_id = ? AND p.tbl = ? AND "
                                  "p.local_key = '[' || t." +
                                  quote_id(table.pk[0]) + " || ']') ORDER BY 1"));
        return q;
    }

    core::Database& m_db;
    std::int64_t m_org;
    std::map<std::string, Query> m_queries;
};

/// Row bookkeeping for the next import of this organisation: which local row holds which of the
/// branch's rows, with its hash; and the branch's archive settings.
void remember_rows(core::Database& db, const ParsedPackage& pkg, std::int64_t org_id, std::int64_t source_org,
                   const std::string& org_hash, const std::vector<Prepared>& prepared) {
    auto del = db.prepare("DELETE FROM package_row WHERE organisation_id = ?");
    del.bind(1, org_id).run();
    auto ins = db.prepare("INSERT INTO package_row(organisation_id, tbl, source_key, local_key, content_sha256) "
                          "VALUES (?, ?, ?, ?, ?)");
    ins.bind_all(org_id, std::string("organisation"), "[" + std::to_string(source_org) + "]", "[" + std::to_string(org_id) + "]",
                 org_hash)
        .run();
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

/// The rectification history of a package, replayed as the status changes it lists: a new item
/// is inserted as it was created, an item this archive has keeps its status through the row
/// update, then each line this archive's journal does not show yet is one UPDATE of the item, and
/// last the item's status columns become the package's (a change of date or note only: no line).
class HistoryReplay {
public:
    HistoryReplay(core::Database& db, const std::vector<HistoryLine>& lines) : m_db(db) {
        for (const auto& l : lines) m_lines[l.item].push_back(&l);
    }
    bool empty() const { return m_lines.empty(); }

    /// The row to write for a package item (`row`, keys translated), its status columns replaced;
    /// empty when the item has no lines.
    std::vector<Value> start(const std::vector<Value>& row, const std::vector<std::string>& cols,
                             const std::vector<Value>& local_key, const PackageTable& source, std::size_t r) {
        auto idx = [&](const char* n) {
            auto it = std::find(cols.begin(), cols.end(), n);
            return it == cols.end() ? -1 : static_cast<int>(it - cols.begin());
        };
        int id = idx("id");
        if (id < 0 || local_key.size() != 1 || local_key[0].type != Value::Int) return {};
        const Value& source_id = source.rows[r][static_cast<std::size_t>(id)];
        auto lines = m_lines.find(source_id.i);
        if (source_id.type != Value::Int || lines == m_lines.end()) return {};
        Item item{source_id.i, local_key[0].i, {}};
        std::vector<Value> out = row;
        for (std::size_t k = 0; k < kStatusColumns.size(); ++k) {
            int c = idx(kStatusColumns[k]);
            item.columns[k] = c;
            if (c >= 0) item.final_values[k] = row[static_cast<std::size_t>(c)];
        }
        auto put = [&](std::size_t k, Value v) {
            if (item.columns[k] >= 0) out[static_cast<std::size_t>(item.columns[k])] = std::move(v);
        };
        auto here = m_db.prepare("SELECT status, status_on, status_note, status_seq FROM rectification_item WHERE id = ?");
        here.bind(1, local_key[0].i);
        if (here.step()) {
            for (std::size_t k = 0; k < kStatusColumns.size(); ++k) put(k, column_value(here, static_cast<int>(k)));
        } else {
            const HistoryLine& first = *lines->second.front();
            put(0, Value{Value::Text, 0, 0, first.to});
            put(1, Value{Value::Text, 0, 0, first.on});
            put(2, Value{Value::Text, 0, 0, first.note});
            put(3, Value{Value::Int, first.seq, 0, ""});
        }
        m_items.push_back(std::move(item));
        return out;
    }

    /// Writes the lines this archive does not show yet; returns how many.
    int replay() {
        int written = 0;
        for (const auto& item : m_items) {
            const auto& lines = m_lines.at(item.source);
            auto count = m_db.prepare("SELECT count(*) FROM rectification_history WHERE item_id = ?");
            count.bind(1, item.local);
            count.step();
            auto have = static_cast<std::size_t>(count.get_int(0));
            auto step = m_db.prepare("UPDATE rectification_item SET status = ?, status_on = ?, status_note = ?, status_seq = ? "
                                     "WHERE id = ?");
            for (std::size_t k = std::max<std::size_t>(have, 1); k < lines.size(); ++k) {
                step.bind_all(lines[k]->to, lines[k]->on, lines[k]->note, lines[k]->seq, item.local).run();
                step.reset();
                ++written;
            }
            std::string sets;
            for (std::size_t k = 0; k < kStatusColumns.size(); ++k)
                if (item.columns[k] >= 0)
                    sets += (sets.empty() ? "" : ", ") + std::string(kStatusColumns[k]) + " = ?" + std::to_string(k + 1);
            if (sets.empty()) continue;
            auto fin = m_db.prepare("UPDATE rectification_item SET " + sets + " WHERE id = ?5");
            for (std::size_t k = 0; k < kStatusColumns.size(); ++k)
                if (item.columns[k] >= 0) bind_value(fin, static_cast<int>(k + 1), item.final_values[k]);
            fin.bind(5, item.local).run();
        }
        return written;
    }

private:
    static constexpr std::array<const char*, 4> kStatusColumns = {"status", "status_on", "status_note", "status_seq"};
    struct Item {
        std::int64_t source = 0, local = 0;
        std::array<int, 4> columns{};
        std::array<Value, 4> final_values{};
    };
    core::Database& m_db;
    std::map<std::int64_t, std::vector<const HistoryLine*>> m_lines;
    std::vector<Item> m_items;
};

/// A package older than the last one imported for the branch is refused unless allowed.
void check_not_older(core::Database& db, const ParsedPackage& pkg, const fs::path& zip, const ImportOptions& options) {
    auto last = db.prepare("SELECT exported_at, package_id FROM package_import WHERE organisation_uid = ? "
                           "ORDER BY exported_at DESC, id DESC LIMIT 1");
    last.bind(1, pkg.info.organisation_uid);
    if (last.step() && !options.allow_older && pkg.info.exported_at < last.get_text(0))
        throw core::Error(OB_N("档案包 {file} 导出于 {exported}，比已导入的档案包（{last}）旧；如确要回退，请使用 --allow-older"),
                          {{"file", zip.string()}, {"exported", pkg.info.exported_at}, {"last", last.get_text(0)}},
                          {zip.string(), {}, {}});
}

/// Identity: the key pinned for this branch on its first signed import must sign every later
/// package; another key is refused until the branch is re-admitted explicitly. Returns whether
/// the package's key is to be pinned.
bool check_signer(core::Database& db, const ParsedPackage& pkg, const fs::path& zip, const ImportOptions& options,
                  const std::string& who, ImportReport& report) {
    std::optional<std::pair<std::string, std::string>> pinned; // public key, fingerprint
    {
        auto st = db.prepare("SELECT public_key, fingerprint FROM package_branch_key WHERE organisation_uid = ?");
        st.bind(1, pkg.info.organisation_uid);
        if (st.step()) pinned = std::pair{st.get_text(0), st.get_text(1)};
    }
    if (!pkg.info.signed_package) {
        if (pinned)
            throw core::Error(OB_N("档案包 {file} 没有签名，而{name}的档案包应由其登记的密钥（{pinned}）签名：不予导入。"
                                   "请让该支部用 OneBook 重新导出；如确属该支部重建档案，请核实后用 --readmit 重新接纳"),
                              {{"file", zip.string()}, {"name", who}, {"pinned", pinned->second}}, {zip.string(), {}, {}});
        report.notes.push_back("档案包没有签名（由旧版本 OneBook 导出），无法确认来源；该支部用新版本导出后将登记其签名密钥");
        return false;
    }
    if (pinned && pinned->first != pkg.info.public_key) {
        if (!options.readmit)
            throw core::Error(
                OB_N(
                    "档案包 {file} 的签名密钥（{key}）与{name}登记的密钥（{pinned}）不同：它可能来自复制了该支部档案的另一个档案，"
                    "也可能是该支部重建或换电脑后生成了新密钥。请与该支部核对密钥指纹；确认无误后用 "
                    "package import {file} --readmit 重新接纳（将记入导入日志）"),
                {{"file", zip.string()},
                 {"key", pkg.info.fingerprint},
                 {"name", who},
                 {"pinned", pinned->second},
                 {"readmit", "needed"}},
                {zip.string(), {}, {}});
        report.notes.push_back("重新接纳：签名密钥由 " + pinned->second + " 改为 " + pkg.info.fingerprint);
        return true;
    }
    if (!pinned) {
        report.notes.push_back("登记签名密钥 " + pkg.info.fingerprint);
        return true;
    }
    return false;
}

/// Differences a mistake or a takeover would make: shown, and applied only when accepted.
void check_differences(core::Database& db, const ParsedPackage& pkg, const fs::path& zip, const ImportOptions& options,
                       const core::Organisation& known, ImportReport& report) {
    std::vector<std::string> diffs;
    auto org_text = [&](const std::string& n) {
        for (const auto& [k, v] : pkg.organisation)
            if (k == n) return v.type == Value::Text ? v.s : std::string();
        return std::string();
    };
    if (org_text("name") != known.name) diffs.push_back("名称由“" + known.name + "”改为“" + org_text("name") + "”");
    if (org_text("sector") != known.sector) diffs.push_back("类别由 " + known.sector + " 改为 " + org_text("sector"));
    if (org_text("form") != known.form) diffs.push_back("组织形式由“" + known.form + "”改为“" + org_text("form") + "”");
    for (const char* kind : {"member", "record", "document"}) {
        auto st = db.prepare("SELECT count(*) FROM package_row WHERE organisation_id = ? AND tbl = ?");
        st.bind_all(known.id, std::string(kind));
        int before = st.step() ? static_cast<int>(st.get_int(0)) : 0;
        int now = pkg.info.rows.count(kind) ? pkg.info.rows.at(kind) : 0;
        if (before >= 2 && now * 2 < before)
            diffs.push_back(table_label(kind) + "由 " + std::to_string(before) + " 条减少到 " + std::to_string(now) + " 条");
    }
    if (diffs.empty()) return;
    std::string all;
    for (const auto& d : diffs) all += (all.empty() ? "" : "；") + d;
    if (!options.accept_changes)
        throw core::Error(OB_N("档案包 {file} 与已导入的“{name}”有重大差异：{differences}。请与该支部核实；"
                               "确认无误后用 --accept-changes 导入"),
                          {{"file", zip.string()}, {"name", known.name}, {"differences", all}, {"accept_changes", "needed"}},
                          {zip.string(), {}, {}});
    report.notes.push_back("已确认的重大差异：" + all);
}

/// Whether this package may be imported at all: not older than the last one of the branch (unless
/// allowed), signed by the key pinned for the branch (or re-admitted), and without the differences
/// a mistake or a takeover would make (unless accepted). Returns whether its key is to be pinned.
bool admit(core::Database& db, const ParsedPackage& pkg, const fs::path& zip, const ImportOptions& options,
           ImportReport& report) {
    check_not_older(db, pkg, zip, options);
    std::optional<core::Organisation> known = core::OrganisationStore(db).by_uid(pkg.info.organisation_uid);
    const bool pin = check_signer(db, pkg, zip, options, known ? known->name : pkg.info.organisation, report);
    if (known) check_differences(db, pkg, zip, options, *known, report);
    return pin;
}

/// The branch's key (pinned on its first signed package or re-admission) and the import log entry
/// with the changes per kind (also copied into the report).
void log_import(core::Database& db, const ParsedPackage& pkg, ImportReport& report,
                const std::map<std::string, KindChange>& changes, bool pin, const std::string& zip_name,
                const std::string& file_sha) {
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
    log.bind_all(pkg.info.package_id, report.organisation_id, pkg.info.organisation_uid, pkg.info.exported_at, zip_name, file_sha,
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
}

/// The statements that write one table's rows, prepared once per table.
struct TableStatements {
    TableStatements(core::Database& database, const Table& table, const std::vector<std::string>& cols) : db(database) {
        std::string names, marks, set;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            names += (c ? ", " : "") + quote_id(cols[c]);
            marks += c ? ", ?" : "?";
            set += (c ? ", " : "") + quote_id(cols[c]) + " = ?";
        }
        insert.emplace(db.prepare("INSERT INTO " + quote_id(table.name) + "(" + names + ") VALUES (" + marks + ")" +
                                  (table.owned ? "" : " ON CONFLICT DO NOTHING")));
        exists.emplace(db.prepare("SELECT 1 FROM " + quote_id(table.name) + " WHERE " + where_key(table, 1)));
        update = std::make_unique<core::Statement>(db, "UPDATE " + quote_id(table.name) + " SET " + set + " WHERE " +
                                                           where_key(table, static_cast<int>(cols.size()) + 1));
    }

    /// Inserts the row; returns how many rows it wrote (0: a shared row that was there).
    int run_insert(const std::vector<Value>& row) {
        for (std::size_t c = 0; c < row.size(); ++c) bind_value(*insert, static_cast<int>(c + 1), row[c]);
        insert->run();
        int n = db.changes();
        insert->reset();
        return n;
    }

    bool present(const std::vector<Value>& local_key) {
        for (std::size_t k = 0; k < local_key.size(); ++k) bind_value(*exists, static_cast<int>(k + 1), local_key[k]);
        bool found = exists->step();
        exists->reset();
        return found;
    }

    void run_update(const std::vector<Value>& row, const std::vector<Value>& local_key) {
        for (std::size_t c = 0; c < row.size(); ++c) bind_value(*update, static_cast<int>(c + 1), row[c]);
        for (std::size_t k = 0; k < local_key.size(); ++k)
            bind_value(*update, static_cast<int>(row.size() + k + 1), local_key[k]);
        update->run();
        update->reset();
    }

    core::Database& db;
    std::optional<core::Statement> insert, exists;
    std::unique_ptr<core::Statement> update;
};

/// One import (or check) of an admitted package: run() takes the steps in order, one method a
/// step, inside one change of the journal; what the steps share lives in the members.
class ImportRun {
public:
    ImportRun(core::Archive& archive, const fs::path& zip, ParsedPackage& pkg, ImportReport& report, bool dry_run)
        : m_archive(archive), m_db(archive.db()), m_zip(zip), m_zip_name(zip.filename().string()), m_pkg(pkg), m_report(report),
          m_dry_run(dry_run), m_file_sha(sha256_file(zip)), m_schema(read_schema(m_db)), m_store(archive) {}

    void run(const std::optional<core::Organisation>& home, bool pin) {
        try {
            core::ChangeScope tx(m_db, "import", "导入档案包 " + m_zip_name); // undone as one step
            m_db.exec("PRAGMA defer_foreign_keys = ON");                      // rows refer to each other in both directions
            write_organisation_row(home);
            read_earlier_rows();
            set_aside_line_tables();
            renumber_keys();
            translate_rows();
            remove_gone_rows();
            write_rows();
            replay_lines();
            remember_rows(m_db, m_pkg, m_org_id, m_source_org, m_org_hash, m_prepared);
            m_current_table.clear();
            m_current_row = 0;
            store_files();
            check_references();
            // The search index follows the data in the same transaction: the first search after a
            // batch of imports finds everything already indexed.
            SearchIndex(m_archive).refresh();

            bool any = false;
            for (const auto& [k, c] : m_changes) any = any || c.added || c.removed || c.changed;
            if (m_report.outcome == "replaced" && !any) m_report.outcome = "unchanged";
            log_import(m_db, m_pkg, m_report, m_changes, pin, m_zip_name, m_file_sha);
            if (!m_dry_run) tx.commit(); // a check rolls everything back
        } catch (const core::Error& e) {
            for (const auto& f : m_created_files) m_store.discard(f);
            int code = std::atoi(e.param("code").c_str());
            if ((code & 0xff) == SQLITE_CONSTRAINT) constraint_failed(e, m_zip, m_pkg.json_file, m_current_table, m_current_row);
            throw;
        } catch (...) {
            for (const auto& f : m_created_files) m_store.discard(f);
            throw;
        }
    }

private:
    KindChange& change(const std::string& kind) { return change_of(m_changes, kind); }

    [[noreturn]] void unmapped(const std::string& table, std::size_t r, const Unmapped& u) const {
        std::string v = u.value.type == Value::Int ? std::to_string(u.value.i) : u.value.s;
        throw core::Error(
            OB_N("档案包 {file} 的表 {table} 第 {row} 行引用了包中没有的 {target} {value}"),
            {{"file", m_zip.string()}, {"table", table}, {"row", std::to_string(r + 1)}, {"target", u.table}, {"value", v}},
            {m_pkg.json_file, static_cast<long>(r + 1), table});
    }

    /// The organisation: a non-home row under the superior's own organisation.
    void write_organisation_row(const std::optional<core::Organisation>& home) {
        m_current_table = "organisation";
        m_current_row = 1;
        for (const auto& [k, v] : m_pkg.organisation)
            if (k == "id" && v.type == Value::Int) m_source_org = v.i;
        if (!m_source_org) bad_json(m_pkg.json_file, OB_N("organisation 缺少 id"));
        std::optional<core::Organisation> existing = core::OrganisationStore(m_db).by_uid(m_pkg.info.organisation_uid);
        std::vector<Value> all;
        for (const auto& [k, v] : m_pkg.organisation) all.push_back(v);
        m_org_hash = sha256_hex(json_row(all));
        m_org_id = write_organisation(m_db, m_pkg, existing, home, m_org_hash, m_report, m_changes);
        m_report.organisation_id = m_org_id;
    }

    /// What earlier imports brought, by the branch's keys.
    void read_earlier_rows() {
        auto st = m_db.prepare("SELECT tbl, source_key, local_key, content_sha256 FROM package_row WHERE organisation_id = ?");
        st.bind(1, m_org_id);
        while (st.step()) m_before[st.get_text(0)][st.get_text(1)] = {st.get_text(2), st.get_text(3)};
    }

    /// The assessment's lines are replayed after the rows, not written as rows.
    void set_aside_line_tables() {
        for (auto it = m_pkg.tables.begin(); it != m_pkg.tables.end();) {
            if (!is_line_table(it->name)) {
                ++it;
                continue;
            }
            m_line_tables.push_back(std::move(*it));
            it = m_pkg.tables.erase(it);
        }
    }

    /// New local ids for rows with renumbered keys (earlier imports keep theirs).
    void renumber_keys() {
        m_map.identity = false;
        m_map.org_from = m_source_org;
        m_map.org_to = m_org_id;
        for (const auto& t : m_pkg.tables) {
            const Table& table = *m_schema.find(t.name);
            if (!table.rowid_alias || !table.owned) continue;
            int pkc = static_cast<int>(std::find(t.columns.begin(), t.columns.end(), table.pk[0]) - t.columns.begin());
            if (pkc >= static_cast<int>(t.columns.size()))
                bad_json(m_pkg.json_file, OB_N("表 {table} 缺少主键列 {column}"), {{"table", t.name}, {"column", table.pk[0]}});
            std::int64_t next = m_db.scalar_int("SELECT coalesce(max(rowid), 0) FROM " + quote_id(t.name)) + 1;
            auto& ids = m_map.ids[t.name];
            for (const auto& row : t.rows) {
                const Value& v = row[static_cast<std::size_t>(pkc)];
                if (v.type != Value::Int) bad_json(m_pkg.json_file, OB_N("表 {table} 的主键不是整数"), {{"table", t.name}});
                auto b = m_before[t.name].find(json_row({v}));
                ids[v.i] = b != m_before[t.name].end() ? first_int(b->second.local_key) : next++;
            }
        }
    }

    /// Local rows: every key and reference translated.
    void translate_rows() {
        OwnRows own_rows(m_db, m_org_id); // the superior's own rows taken over
        for (const auto& t : m_pkg.tables) {
            const Table& table = *m_schema.find(t.name);
            Prepared pr{&table, &t, {}, {}, {}, {}};
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                std::vector<Value> local;
                try {
                    for (std::size_t c = 0; c < t.columns.size(); ++c) {
                        // Tables outside any organisation keep their (natural) keys.
                        local.push_back(table.owned ? map_value(m_schema, table, t.columns[c], t.rows[r][c], m_map)
                                                    : t.rows[r][c]);
                    }
                } catch (const Unmapped& u) { unmapped(t.name, r, u); }
                pr.source_keys.push_back(key_json(table, t.columns, t.rows[r]));
                if (!m_before[t.name].count(pr.source_keys.back()))
                    if (auto mine = own_rows.find(table, t.columns, local)) {
                        auto pk = static_cast<std::size_t>(std::find(t.columns.begin(), t.columns.end(), table.pk[0]) -
                                                           t.columns.begin());
                        local[pk] = Value{Value::Int, *mine, 0, {}};
                        m_map.ids[t.name][t.rows[r][pk].i] = *mine; // its children follow it (tables come parents first)
                    }
                pr.local_keys.push_back(key_json(table, t.columns, local));
                pr.hashes.push_back(sha256_hex(json_row(t.rows[r])));
                m_now_keys[t.name].insert(pr.source_keys.back());
                pr.rows.push_back(std::move(local));
            }
            m_prepared.push_back(std::move(pr));
        }
    }

    /// Removed first (children before parents), so that unique keys freed by the branch can be reused.
    void remove_gone_rows() {
        std::vector<std::string> removal_order(m_schema.owned.rbegin(), m_schema.owned.rend());
        for (const auto& tbl : removal_order) {
            auto b = m_before.find(tbl);
            if (b == m_before.end()) continue;
            const Table& table = m_schema.tables.at(tbl);
            for (const auto& [source_key, state] : b->second) {
                if (m_now_keys[tbl].count(source_key)) continue;
                auto del = m_db.prepare("DELETE FROM " + quote_id(tbl) + " WHERE " + where_key(table, 1));
                auto key = key_values(state.local_key);
                for (std::size_t k = 0; k < key.size(); ++k) bind_value(del, static_cast<int>(k + 1), key[k]);
                del.run();
                change(tbl).removed++;
            }
        }
    }

    /// Added, changed, unchanged; the rectification items' status as their history starts, or
    /// as this archive has it, and the history's lines after the rows.
    void write_rows() {
        HistoryReplay history(m_db, m_pkg.history);
        for (auto& pr : m_prepared) {
            const Table& table = *pr.table;
            const auto& cols = pr.source->columns;
            TableStatements st(m_db, table, cols);
            auto& kind = change(table.name);
            m_current_table = table.name;
            for (std::size_t r = 0; r < pr.rows.size(); ++r) {
                m_current_row = static_cast<long>(r + 1);
                std::vector<Value> status_row;
                if (table.name == "rectification_item" && !history.empty())
                    status_row = history.start(pr.rows[r], cols, key_values(pr.local_keys[r]), *pr.source, r);
                write_row(st, kind, pr, r, status_row.empty() ? pr.rows[r] : status_row);
            }
        }
        if (int lines = history.replay()) change(history_section).added += lines;
    }

    void write_row(TableStatements& st, KindChange& kind, const Prepared& pr, std::size_t r, const std::vector<Value>& row) {
        const Table& table = *pr.table;
        if (!table.owned) { // stored_file and the like: shared, content-addressed
            (st.run_insert(row) ? kind.added : kind.unchanged)++;
            return;
        }
        auto local_key = key_values(pr.local_keys[r]);
        bool present = st.present(local_key);
        auto b = m_before[table.name].find(pr.source_keys[r]);
        if (b == m_before[table.name].end()) {
            if (present) st.run_update(row, local_key); // a row the superior keeps for this organisation: take the branch's
            else st.run_insert(row);
            kind.added++;
        } else if (!present) {
            st.run_insert(row); // gone meanwhile (a cascade of a removal): back as the branch has it
            kind.changed++;
        } else if (b->second.hash != pr.hashes[r]) {
            st.run_update(row, local_key);
            kind.changed++;
        } else {
            kind.unchanged++;
        }
    }

    /// The assessment's lines: each key gets those it does not show yet, in their order.
    void replay_lines() {
        for (const auto& t : m_line_tables) {
            const Table& table = *m_schema.find(t.name);
            auto& kind = change(t.name);
            m_current_table = t.name;
            std::map<std::string, std::pair<std::int64_t, std::int64_t>> lines; // key → (here, of the package so far)
            LineWriter writer(m_db, t.name, t.columns);
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                m_current_row = static_cast<long>(r + 1);
                std::vector<Value> local;
                try {
                    for (std::size_t c = 0; c < t.columns.size(); ++c)
                        local.push_back(t.columns[c] == "id" ? t.rows[r][c]
                                                             : map_value(m_schema, table, t.columns[c], t.rows[r][c], m_map));
                } catch (const Unmapped& u) { unmapped(t.name, r, u); }
                std::vector<Value> key;
                for (const auto& k : line_key(t.name)) {
                    auto c = std::find(t.columns.begin(), t.columns.end(), k);
                    key.push_back(c == t.columns.end() ? Value{} : local[static_cast<std::size_t>(c - t.columns.begin())]);
                }
                auto at = lines.find(json_row(key));
                if (at == lines.end()) at = lines.emplace(json_row(key), std::make_pair(writer.lines_here(local), 0)).first;
                if (++at->second.second <= at->second.first) {
                    kind.unchanged++;
                    continue;
                }
                writer.write(local);
                kind.added++;
            }
        }
    }

    /// The files, into this archive's store (stored_file rows came with the tables above).
    void store_files() {
        if (m_dry_run) return; // their checksums were verified; a check writes nothing
        for (const auto& [sha, path] : m_pkg.files) {
            bool had = fs::is_regular_file(m_store.path_of(sha));
            StoredFile f = m_store.put(path);
            if (f.created) m_created_files.push_back(f);
            if (f.sha256 != sha)
                throw core::Error(OB_N("{file} 的内容与其名称（SHA-256）不符"), {{"file", path.string()}},
                                  {path.string(), {}, {}});
            if (!had) m_report.files_added++;
        }
    }

    /// Every reference must resolve before the commit (the deferred check would only say "failed").
    /// SQLite counts the unresolved references this transaction made: only when it has any is
    /// the archive searched for them (to name the table), so the check costs nothing per import.
    void check_references() {
        int unresolved = 0, high = 0;
        sqlite3_db_status(m_db.handle(), SQLITE_DBSTATUS_DEFERRED_FKS, &unresolved, &high, 0);
        if (!unresolved) return;
        auto fk = m_db.prepare("PRAGMA foreign_key_check");
        bool found = fk.step();
        throw core::Error(OB_N("导入档案包 {file} 后表 {table} 有无法对应的引用（{parent}），已撤销导入"),
                          {{"file", m_zip.string()},
                           {"table", found ? fk.get_text(0) : std::string("?")},
                           {"parent", found ? fk.get_text(2) : std::string("?")}},
                          {m_zip.string(), {}, found ? fk.get_text(0) : std::string()});
    }

    core::Archive& m_archive;
    core::Database& m_db;
    const fs::path& m_zip;
    const std::string m_zip_name;
    ParsedPackage& m_pkg;
    ImportReport& m_report;
    const bool m_dry_run;
    const std::string m_file_sha;
    const Schema m_schema;
    FileStore m_store;
    std::vector<StoredFile> m_created_files;
    std::string m_current_table; // for messages about a row the schema refuses
    long m_current_row = 0;
    std::map<std::string, KindChange> m_changes;
    std::int64_t m_source_org = 0, m_org_id = 0;
    std::string m_org_hash;
    std::map<std::string, std::map<std::string, RowState>> m_before; // table → source key → state
    std::vector<PackageTable> m_line_tables;
    KeyMap m_map;
    std::vector<Prepared> m_prepared;
    std::map<std::string, std::set<std::string>> m_now_keys; // table → source keys in this package
};

} // namespace

ImportReport import_package(core::Archive& archive, const fs::path& zip, const ImportOptions& options) {
    return import_or_verify(archive, zip, options, false);
}

ImportReport pkg::import_or_verify(core::Archive& archive, const fs::path& zip, const ImportOptions& options, bool dry_run) {
    auto started = std::chrono::steady_clock::now();
    auto& db = archive.db();
    if (archive.read_only() && !dry_run)
        throw core::Error(OB_N("档案 {file} 以只读方式打开，不能导入档案包"), {{"file", archive.path()}},
                          {archive.path(), {}, {}});
    StagingDir staging("import");
    ParsedPackage pkg = read_package(zip, staging.path(), &archive, options.limits, options.plugins);

    ImportReport report;
    report.package = pkg.info;
    auto home = core::OrganisationStore(db).home();
    if (home && home->uid == pkg.info.organisation_uid)
        throw core::Error(OB_N("档案包 {file} 是本档案自己的组织“{name}”的，不能导入到自己的档案中"),
                          {{"file", zip.string()}, {"name", home->name}}, {zip.string(), {}, {}});
    const bool pin = admit(db, pkg, zip, options, report);
    ImportRun run(archive, zip, pkg, report, dry_run);

    // A risky operation: the archive as it was is kept in its backups first. A batch of imports
    // (a committee receiving hundreds of packages) is covered by the backup before its first one:
    // each import after it is one step of the journal and is undone as such, and a backup per
    // package would copy the whole, growing archive every time.
    if (!dry_run) {
        core::Backups backups(archive);
        if (!backups.made_within(10 * 60)) backups.make("before-import");
    }
    run.run(home, pin);
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
    auto ch = db.prepare(
        "SELECT kind, added, removed, changed, unchanged FROM package_import_change WHERE import_id = ? ORDER BY kind");
    for (auto& e : out) {
        ch.bind(1, e.id);
        while (ch.step())
            e.changes.push_back({ch.get_text(0), table_label(ch.get_text(0)), static_cast<int>(ch.get_int(1)),
                                 static_cast<int>(ch.get_int(2)), static_cast<int>(ch.get_int(3)),
                                 static_cast<int>(ch.get_int(4))});
        ch.reset();
    }
    return out;
}

} // namespace onebook::archive
