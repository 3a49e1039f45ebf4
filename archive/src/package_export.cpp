// Packages: export. A BagIt zip written to a temporary file beside the target, fsynced and renamed
// into place: a crash leaves the old package (or none), never a partial one.
#include "onebook/archive/search.hpp"
#include "onebook/atomic_file.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "onebook/platform.hpp"
#include "package_internal.hpp"

#include "onebook/archive/bagit.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rubric.hpp"
#include "onebook/schema_version.hpp"
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

namespace {

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

/// `"name": value, …` of an object's members in their order.
template <typename V, typename Write>
void json_members(std::string& out, const std::vector<std::pair<std::string, V>>& members, Write write_value) {
    for (std::size_t k = 0; k < members.size(); ++k) {
        out += k ? ", " : "";
        json_string(out, members[k].first);
        out += ": ";
        write_value(out, members[k].second);
    }
}

/// Where an imported organisation's rows came from: its local keys mapped back to the branch's,
/// and per table the local keys that came in packages (an organisation of this archive: identity).
struct Received {
    KeyMap back;
    std::map<std::string, std::set<std::string>> keys;
};

Received received_rows(core::Database& db, const Schema& s, const core::Organisation& org) {
    Received r;
    KeyMap& back = r.back;
    auto& received = r.keys;
    if (org.is_home) return r;
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
    if (back.org_to == 0) throw core::Error(OB_N("组织“{name}”不是从档案包导入的，无法导出它的档案包"), {{"name", org.name}});
    return r;
}

/// The organisation's row as exported: not where it sits in this archive, its id the branch's.
std::vector<std::pair<std::string, Value>> organisation_row(core::Database& db, const core::Organisation& org,
                                                            const KeyMap& back) {
    std::vector<std::pair<std::string, Value>> out;
    auto st = db.prepare("SELECT * FROM organisation WHERE id = ?");
    st.bind(1, org.id);
    st.step();
    for (int c = 0; c < st.column_count(); ++c) {
        std::string name = sqlite3_column_name(st.handle(), c);
        if (name == "is_home" || name == "parent_id") continue; // where it sits in this archive
        Value v = column_value(st, c);
        if (name == "id" && !back.identity) v.i = back.org_to;
        out.emplace_back(name, v);
    }
    return out;
}

/// The archive's settings (the home organisation) or those its last package brought.
std::vector<std::pair<std::string, std::string>> settings_of(core::Database& db, const core::Organisation& org) {
    std::vector<std::pair<std::string, std::string>> out;
    if (org.is_home) {
        auto st =
            db.prepare("SELECT key, value FROM setting WHERE key NOT LIKE 'search.%' AND key NOT LIKE 'identity.%' ORDER BY key");
        while (st.step()) out.emplace_back(st.get_text(0), st.get_text(1));
    } else {
        auto st = db.prepare("SELECT key, value FROM package_setting WHERE organisation_id = ? ORDER BY key");
        st.bind(1, org.id);
        while (st.step()) out.emplace_back(st.get_text(0), st.get_text(1));
    }
    return out;
}

/// What the exported rows of owned tables refer to outside them: rows of global tables by key, and
/// stored files by their SHA-256.
struct References {
    std::map<std::string, std::set<std::string>> rows; // global table → key values
    std::set<std::string> sha;
};

/// One owned table's rows of the organisation, keys mapped back for an imported organisation,
/// private columns blanked unless included; what they refer to goes to `refs`.
ExportedTable owned_rows(core::Database& db, const Schema& s, const Table& t, const core::Organisation& org, const Received& rec,
                         bool include_private, References& refs) {
    const KeyMap& back = rec.back;
    auto& referenced = refs.rows;
    auto& sha_refs = refs.sha;
    auto came_in_package = [&, received = rec.keys.find(t.name)](const std::string& key) {
        return received != rec.keys.end() && received->second.count(key) > 0;
    };
    ExportedTable et{&t, {}, {}};
    std::string cols;
    for (const auto& c : t.columns) {
        et.columns.push_back(c.name);
        cols += (cols.empty() ? "" : ", ") + quote_id(t.name) + "." + quote_id(c.name);
    }
    std::string order;
    for (const auto& k : t.pk) order += (order.empty() ? "" : ", ") + quote_id(t.name) + "." + quote_id(k);
    if (order.empty()) order = quote_id(t.name) + ".rowid";
    // The assessment's scores, survey counts and vetoes travel as their lines (read from the
    // journal), in their order, numbered 1, 2, … (the same whoever forwards the package).
    const bool lines = is_line_table(t.name);
    std::string from = quote_id(t.name);
    if (lines) from = quote_id(t.name + "_history") + " AS " + quote_id(t.name);
    auto st = db.prepare("SELECT " + cols + " FROM " + from + " WHERE " + owner_condition(s, t) + " ORDER BY " + order);
    st.bind(sqlite3_bind_parameter_index(st.handle(), ":org"), org.id);
    while (st.step()) {
        std::vector<Value> row;
        for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) row.push_back(column_value(st, c));
        if (lines)
            row[static_cast<std::size_t>(t.index_of("id"))] =
                Value{Value::Int, static_cast<std::int64_t>(et.rows.size() + 1), 0, ""};
        if (!back.identity) {
            if (!lines && !came_in_package(key_json(t, et.columns, row))) continue; // the superior's own row
            try {
                for (std::size_t c = 0; c < row.size(); ++c)
                    if (!lines || t.columns[c].name != "id") row[c] = map_value(s, t, t.columns[c].name, row[c], back);
            } catch (const Unmapped&) { continue; }
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
    return et;
}

/// The rectification items' history, read from the journal: by item (the ids as exported), each
/// item's lines in their order, numbered 1, 2, … (the same section whoever forwards the package).
ExportedTable history_rows(core::Database& db, const core::Organisation& org, const KeyMap& back) {
    static const Table section = [] {
        Table t;
        t.name = history_section;
        t.pk = {"id"};
        for (const auto& c : history_columns()) t.columns.push_back({c, "", false, c == "id" ? 1 : 0});
        return t;
    }();
    std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::vector<Value>>> lines; // (item, order) → row
    auto st = db.prepare("SELECT h.id, h.item_id, h.changed_on, h.from_status, h.to_status, h.note, h.status_seq "
                         "FROM rectification_history AS h JOIN rectification_item AS i ON i.id = h.item_id "
                         "WHERE i.organisation_id = ? ORDER BY h.id");
    st.bind(1, org.id);
    while (st.step()) {
        std::vector<Value> row;
        for (int c = 0; c < 7; ++c) row.push_back(column_value(st, c));
        if (!back.identity) {
            auto ids = back.ids.find("rectification_item");
            if (ids == back.ids.end()) continue; // the superior's own item
            auto it = ids->second.find(row[1].i);
            if (it == ids->second.end()) continue;
            row[1].i = it->second;
        }
        lines.push_back({{row[1].i, row[0].i}, std::move(row)});
    }
    std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    ExportedTable et{&section, history_columns(), {}};
    for (auto& [order, row] : lines) {
        row[0] = Value{Value::Int, static_cast<std::int64_t>(et.rows.size() + 1), 0, ""};
        et.rows.push_back(std::move(row));
    }
    return et;
}

/// The rows of a table outside any organisation (stored_file) that the exported rows refer to.
ExportedTable referenced_rows(core::Database& db, const Schema& s, const std::string& name, const std::set<std::string>& keys) {
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
    return et;
}

Collected collect(core::Archive& archive, const Schema& s, const core::Organisation& org, bool include_private) {
    auto& db = archive.db();
    Collected out;
    const Received rec = received_rows(db, s, org);
    out.organisation = organisation_row(db, org, rec.back);
    out.settings = settings_of(db, org);
    References refs;
    for (const auto& name : s.owned) {
        const Table& t = s.tables.at(name);
        if (t.name == private_table && !include_private) continue;
        out.tables.push_back(owned_rows(db, s, t, org, rec, include_private, refs));
    }
    if (s.tables.count("rectification_item")) out.tables.push_back(history_rows(db, org, rec.back));
    if (s.tables.count("stored_file"))
        for (const auto& sha : refs.sha) refs.rows["stored_file"].insert(sha);
    for (const auto& [name, keys] : refs.rows) {
        ExportedTable et = referenced_rows(db, s, name, keys);
        if (name == "stored_file") {
            int sha = et.table->index_of("sha256"), size = et.table->index_of("size");
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

std::string archive_json(const Collected& c, const std::string& package_id, const std::string& exported_at, int schema_version,
                         bool include_private) {
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
    json_members(out, c.organisation, [](std::string& o, const Value& v) { json_value(o, v); });
    out += "},\n  \"settings\": {";
    json_members(out, c.settings, [](std::string& o, const std::string& v) { json_string(o, v); });
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

} // namespace

namespace pkg {

void write_bag(const fs::path& out, BagInfo info, const std::vector<BagFile>& payload, const std::string& json,
               core::Archive* signer, FileStore* store, const std::function<void(const std::string&)>& after_entry) {
    if (signer) {
        (void)core::sign(*signer, ""); // refuses now, before anything is written, when this copy may not sign
        info.add("OneBook-Public-Key", signer->identity_info().public_key);
    }
    std::string declaration = bagit_declaration(), bag_info = format_bag_info(info), manifest = format_manifest(payload);
    std::vector<BagFile> tags = {{"bagit.txt", sha256_hex(declaration), declaration.size()},
                                 {"bag-info.txt", sha256_hex(bag_info), bag_info.size()},
                                 {"manifest-sha256.txt", sha256_hex(manifest), manifest.size()}};
    std::string tagmanifest = format_manifest(tags);
    std::string signature;
    if (signer)
        signature =
            "Algorithm: Ed25519\nSigned-File: tagmanifest-sha256.txt\nSignature: " + core::sign(*signer, tagmanifest) + "\n";
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
    auto file = core::AtomicFile::at_temp(
        folder / (partial_prefix + std::to_string(core::platform::process_id()) + "-" + std::to_string(rd())));
    const fs::path& tmp = file.temp_path();
    const std::string base = base_name_for(out);
    {
        {
            std::ofstream zip(tmp, std::ios::binary | std::ios::trunc);
            if (!zip) throw core::Error(OB_N("无法写入 {file}"), {{"file", tmp.string()}}, {tmp.string(), {}, {}});
            Poco::Zip::Compress compress(zip, true);
            Poco::DateTime now;
            auto add_text = [&](const std::string& name, const std::string& text) {
                std::istringstream in(text);
                compress.addFile(in, now, Poco::Path(base + "/" + name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                                 Poco::Zip::ZipCommon::CL_MAXIMUM);
                if (after_entry) after_entry(name);
            };
            add_text("bagit.txt", declaration);
            add_text("bag-info.txt", bag_info);
            add_text("manifest-sha256.txt", manifest);
            add_text("tagmanifest-sha256.txt", tagmanifest);
            if (!signature.empty()) add_text(signature_file, signature);
            add_text(payload[0].path, json); // the JSON document is the first payload file
            for (std::size_t k = 1; k < payload.size(); ++k) {
                std::ifstream in(store->path_of(payload[k].sha256), std::ios::binary);
                auto media = store->find(payload[k].sha256);
                std::string type = media ? media->media_type : "";
                // Already-compressed formats are stored as they are.
                bool packed =
                    type.rfind("image/", 0) == 0 || type == "application/zip" || type.find("officedocument") != std::string::npos;
                compress.addFile(in, now, Poco::Path(base + "/" + payload[k].path, Poco::Path::PATH_UNIX),
                                 packed ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE,
                                 Poco::Zip::ZipCommon::CL_MAXIMUM);
                if (after_entry) after_entry(payload[k].path);
            }
            compress.close();
            zip.flush();
            if (!zip) throw core::Error(OB_N("无法写入 {file}"), {{"file", tmp.string()}}, {tmp.string(), {}, {}});
        }
        file.commit_as(out); // on any exception before this, the AtomicFile removes the partial file
    }
}

} // namespace pkg

ExportReport export_package(core::Archive& archive, const fs::path& out, const ExportOptions& options) {
    auto& db = archive.db();
    core::OrganisationStore orgs(db);
    std::optional<core::Organisation> org = options.organisation_uid ? orgs.by_uid(*options.organisation_uid) : orgs.home();
    if (!org) throw core::Error(OB_N("档案中没有标识为 {uid} 的组织"), {{"uid", options.organisation_uid.value_or("")}});
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
    const int schema_version = core::package_schema_version(archive.schema_version());
    std::string json = archive_json(c, report.package_id, report.exported_at, schema_version, options.include_private);

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
    info.add("OneBook-Schema-Version", std::to_string(schema_version));
    info.add("OneBook-Private-Data", options.include_private ? "included" : "excluded");
    // The branch's own packages are signed with its key (identity.hpp); an imported organisation
    // is passed on as received, unsigned (this archive's key is not that branch's).
    write_bag(out, info, payload, json, org->is_home ? &archive : nullptr, &store, options.after_entry);
    report.bytes = fs::file_size(out);
    return report;
}

} // namespace onebook::archive
