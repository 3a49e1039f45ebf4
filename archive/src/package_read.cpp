// Packages: reading one (every check that needs no write) and verifying it.
#include "onebook/archive/search.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "onebook/rectification.hpp"
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

// ---- reading a package -------------------------------------------------------------------------

namespace pkg {

/// `what`: the system's words (a parser's message), kept as they are.
[[noreturn]] void bad_json(const std::string& file, const std::string& what) {
    throw core::Error(OB_N("{file} 内容不符合档案包格式：{what}"), {{"file", file}, {"what", what}}, {file, {}, {}});
}

[[noreturn]] void bad_json(const std::string& file, const char* what_key, core::MessageParams what_params) {
    throw core::Error(core::Message{OB_N("{file} 内容不符合档案包格式：{what}"),
                                    {{"file", file}},
                                    {{"what", {what_key, std::move(what_params), {}}}}},
                      {file, {}, {}});
}

[[noreturn]] void bad_json_at(const std::string& file, const char* what_key, const core::Message& where) {
    throw core::Error(core::Message{OB_N("{file} 内容不符合档案包格式：{what}"),
                                    {{"file", file}},
                                    {{"what", {what_key, {}, {{"where", where}}}}}},
                      {file, {}, {}});
}

Value value_of(const Poco::Dynamic::Var& v, const std::string& file, const core::Message& where) {
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
            bad_json_at(file, OB_N("{where} 中有无法识别的值"), where);
        }
        return out;
    }
    if (v.isString()) {
        out.type = Value::Text;
        out.s = v.extract<std::string>();
        // Text that is not UTF-8 travels base64-encoded (text_base64); raw, it is damage or an attack.
        if (!core::is_valid_utf8(out.s)) bad_json_at(file, OB_N("{where} 中有不是 UTF-8 的文字"), where);
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
        bad_json_at(file, OB_N("{where} 中有无法识别的值"), where);
    }
    return out;
}

} // namespace pkg

namespace {

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
                      {{"file", zip.string()},
                       {"label", table_label(table)},
                       {"table", table},
                       {"row", std::to_string(row + 1)},
                       {"column", column},
                       {"value", core::truncate_utf8(value, 60)},
                       {"why", why}},
                      {json_file, static_cast<long>(row + 1), table + "." + column});
}

bool is_date_column(const std::string& c) {
    auto ends = [&](const std::string& s) { return c.size() >= s.size() && c.compare(c.size() - s.size(), s.size(), s) == 0; };
    return c == "date" || c == "deadline" || ends("_date") || ends("_on");
}

/// The rubric of each assessment in the package, by its id there.
std::map<std::int64_t, std::string> assessment_rubrics(const ParsedPackage& p) {
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
    return assessment_rubric;
}

/// The organisation goes through the same validation as `init` and the shell's dialog, and its
/// sector must have a plugin here.
void check_organisation(const ParsedPackage& p, const fs::path& zip, const core::PluginHost* plugins) {
    for (const auto& [k, v] : p.organisation)
        if (v.type == Value::Text && (k == "name" || k == "superior") && core::utf8_length(v.s) > core::limits::title)
            bad_value(zip, p.json_file, "organisation", 0, k, v.s, "过长");
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
        bad_value(zip, p.json_file, "organisation", 0, field,
                  field == "form"   ? o.form
                  : field == "name" ? o.name
                                    : o.sector,
                  core::substitute(e.key(), e.params()));
    }
    if (plugins && !plugins->find(p.info.sector))
        throw core::Error(OB_N("档案包 {file} 的组织类别“{sector}”在本程序中没有对应的行业插件，无法导入"),
                          {{"file", zip.string()}, {"sector", p.info.sector}}, {p.json_file, {}, "organisation.sector"});
}

/// Any cell: a finite number, a text within its length, a date that exists.
void check_cell(const ParsedPackage& p, const fs::path& zip, const PackageTable& t, std::size_t r, std::size_t c) {
    const std::string& name = t.columns[c];
    const Value& v = t.rows[r][c];
    if (v.type == Value::Real && !std::isfinite(v.d)) bad_value(zip, p.json_file, t.name, r, name, "", "不是有限的数");
    if (v.type != Value::Text) return;
    std::size_t max = name == "name"                                            ? core::limits::name
                      : (name == "topic" || name == "title" || name == "issue") ? core::limits::text
                                                                                : core::limits::long_text * 4;
    if (v.s.size() > max && core::utf8_length(v.s) > max)
        bad_value(zip, p.json_file, t.name, r, name, v.s,
                  "过长（" + std::to_string(core::utf8_length(v.s)) + " 个字符，最多 " + std::to_string(max) + " 个）");
    if (!core::is_valid_utf8(v.s)) return; // binary text travels base64-encoded; no date in it
    if (is_date_column(name) && !v.s.empty()) {
        auto d = core::Date::parse(v.s);
        if (!d || (d->iso() != v.s && name != "doc_date"))
            bad_value(zip, p.json_file, t.name, r, name, v.s, "不是存在的日期（应写作 YYYY-MM-DD）");
    }
}

int column_of(const PackageTable& t, const std::string& n) {
    auto it = std::find(t.columns.begin(), t.columns.end(), n);
    return it == t.columns.end() ? -1 : static_cast<int>(it - t.columns.begin());
}

void check_record_hours(const ParsedPackage& p, const fs::path& zip, const PackageTable& t, std::size_t r) {
    int h = column_of(t, "hours");
    if (h < 0) return;
    const Value& v = t.rows[r][static_cast<std::size_t>(h)];
    double hours = v.type == Value::Int ? static_cast<double>(v.i) : v.d;
    if ((v.type == Value::Int || v.type == Value::Real) && (hours < 0 || hours > 24))
        bad_value(zip, p.json_file, t.name, r, "hours", std::to_string(hours), "学时应在 0 到 24 之间");
}

/// A score is not negative, and within its rubric item when the rubric is known here.
void check_score(const ParsedPackage& p, const fs::path& zip, const PackageTable& t, std::size_t r,
                 const std::optional<core::RubricSet>& rubrics, const std::map<std::int64_t, std::string>& assessment_rubric) {
    int pts = column_of(t, "points"), item = column_of(t, "item_id"), as = column_of(t, "assessment_id");
    if (pts < 0) return;
    const auto& row = t.rows[r];
    const Value& v = row[static_cast<std::size_t>(pts)];
    double points = v.type == Value::Int ? static_cast<double>(v.i) : v.d;
    char shown[32];
    std::snprintf(shown, sizeof shown, "%g", points);
    if (points < 0) bad_value(zip, p.json_file, t.name, r, "points", shown, "得分不能为负数");
    if (!rubrics || item < 0 || as < 0) return;
    const Value& a = row[static_cast<std::size_t>(as)];
    auto rid = assessment_rubric.find(a.i);
    const core::Rubric* rubric = rid == assessment_rubric.end() ? nullptr : rubrics->find(rid->second);
    if (!rubric) return;
    const std::string& item_id = row[static_cast<std::size_t>(item)].s;
    const core::RubricItem* it = rubric->find_item(item_id);
    if (!it) bad_value(zip, p.json_file, t.name, r, "item_id", item_id, "评分标准“" + rubric->name + "”中没有这一项");
    if (points > it->points + 1e-9) {
        char max[32];
        std::snprintf(max, sizeof max, "%g", it->points);
        bad_value(zip, p.json_file, t.name, r, "points", shown, "第 " + item_id + " 项满分 " + max + " 分，得分不能超过满分");
    }
}

/// The checks of meaning every value goes through, as the CLI and the shell check what is typed:
/// lengths, real dates, finite numbers, hours of a day, and scores within their rubric item.
void check_meaning(const ParsedPackage& p, const fs::path& zip, const core::PluginHost* plugins) {
    std::optional<core::RubricSet> rubrics;
    if (plugins) rubrics = core::RubricSet::load(*plugins);
    const auto assessment_rubric = assessment_rubrics(p);
    check_organisation(p, zip, plugins);
    for (const auto& t : p.tables)
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (std::size_t c = 0; c < t.columns.size(); ++c) check_cell(p, zip, t, r, c);
            if (t.name == "record") check_record_hours(p, zip, t, r);
            if (t.name == "assessment_score") check_score(p, zip, t, r, rubrics, assessment_rubric);
        }
}

} // namespace

namespace pkg {

/// The signature: over tagmanifest-sha256.txt, which covers bag-info.txt (with the public key) and
/// the manifest (with every payload checksum). Fills the signing fields of `info`.
void check_signature(PackageInfo& info, const VerifiedBag& bag, const fs::path& zip, const std::string& base) {
    info.public_key = bag.info.get("OneBook-Public-Key");
    fs::path sig = bag.base / signature_file;
    std::error_code ec;
    bool has_sig = fs::is_regular_file(sig, ec);
    if (has_sig || !info.public_key.empty()) {
        const std::string where = base + "/" + signature_file;
        if (!has_sig)
            throw core::Error(OB_N("档案包 {file} 声明了签名密钥，却缺少签名文件 {entry}：档案包不完整或被改动过，不予导入"),
                              {{"file", zip.string()}, {"entry", where}}, {where, {}, {}});
        if (info.public_key.empty())
            throw core::Error(OB_N("档案包 {file} 有签名文件，但 bag-info.txt 中没有签名密钥（OneBook-Public-Key），不予导入"),
                              {{"file", zip.string()}}, {base + "/bag-info.txt", {}, "OneBook-Public-Key"});
        if (fs::file_size(sig, ec) > 4096) bad_json(where, OB_N("签名文件过大"));
        std::ifstream in(sig, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto fields = parse_bag_info(text, where);
        std::ifstream tm(bag.base / "tagmanifest-sha256.txt", std::ios::binary);
        std::string tagmanifest((std::istreambuf_iterator<char>(tm)), std::istreambuf_iterator<char>());
        if (fields.get("Algorithm") != "Ed25519" || fields.get("Signed-File") != "tagmanifest-sha256.txt" ||
            !core::verify_signature(info.public_key, tagmanifest, fields.get("Signature")))
            throw core::Error(OB_N("档案包 {file} 的签名无效：它在签名之后被改动过，或不是由所声明的密钥签发的，不予导入"),
                              {{"file", zip.string()}}, {where, {}, "Signature"});
        info.signed_package = true;
        info.fingerprint = core::key_fingerprint(info.public_key);
    }
}

namespace {

/// The rectification history section, checked and taken out of the tables: every line names an
/// item of the package and real statuses. Items of a package made before the history was read from
/// the journal gain the status columns from their last line.
void take_history(ParsedPackage& p, const fs::path& zip) {
    auto sec = std::find_if(p.tables.begin(), p.tables.end(), [](const PackageTable& t) { return t.name == history_section; });
    if (sec == p.tables.end()) return;
    PackageTable t = std::move(*sec);
    p.tables.erase(sec);
    auto index = [](const PackageTable& in, const std::string& n) {
        auto it = std::find(in.columns.begin(), in.columns.end(), n);
        return it == in.columns.end() ? -1 : static_cast<int>(it - in.columns.begin());
    };
    int item = index(t, "item_id"), on = index(t, "changed_on"), from = index(t, "from_status"), to = index(t, "to_status"),
        note = index(t, "note"), seq = index(t, "status_seq");
    if (item < 0 || to < 0 || on < 0)
        bad_json(p.json_file, OB_N("表 {table} 缺少 item_id、changed_on 或 to_status 列"), {{"table", t.name}});
    auto items =
        std::find_if(p.tables.begin(), p.tables.end(), [](const PackageTable& x) { return x.name == "rectification_item"; });
    std::map<std::int64_t, std::size_t> item_rows; // package id → row
    if (items != p.tables.end())
        if (int id = index(*items, "id"); id >= 0)
            for (std::size_t r = 0; r < items->rows.size(); ++r)
                if (items->rows[r][static_cast<std::size_t>(id)].type == Value::Int)
                    item_rows[items->rows[r][static_cast<std::size_t>(id)].i] = r;
    auto text = [](const Value& v) { return v.type == Value::Int ? std::to_string(v.i) : v.s; };
    std::map<std::int64_t, const HistoryLine*> last;
    std::map<std::int64_t, std::int64_t> count;
    p.history.reserve(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        const Value& v = row[static_cast<std::size_t>(item)];
        if (v.type != Value::Int || !item_rows.count(v.i))
            bad_value(zip, p.json_file, t.name, r, "item_id", text(v), "不是包中的整改事项");
        auto status = [&](int c, const char* name, bool optional) {
            const Value& s = row[static_cast<std::size_t>(c)];
            if (optional && s.type == Value::Null) return std::string();
            if (s.type != Value::Text || !core::parse_rect_status(s.s) || s.s != core::to_string(*core::parse_rect_status(s.s)))
                bad_value(zip, p.json_file, t.name, r, name, text(s), "不是整改状态（open、in_progress、done、closed）");
            return s.s;
        };
        const Value& d = row[static_cast<std::size_t>(on)];
        if (d.type != Value::Text || !core::Date::parse(d.s))
            bad_value(zip, p.json_file, t.name, r, "changed_on", text(d), "不是存在的日期（应写作 YYYY-MM-DD）");
        HistoryLine l;
        l.item = v.i;
        l.on = d.s;
        l.from = from >= 0 ? status(from, "from_status", true) : std::string();
        l.to = status(to, "to_status", false);
        if (note >= 0 && row[static_cast<std::size_t>(note)].type == Value::Text) l.note = row[static_cast<std::size_t>(note)].s;
        l.seq = ++count[l.item];
        if (seq >= 0) {
            const Value& n = row[static_cast<std::size_t>(seq)];
            if (n.type != Value::Int || n.i < 0) bad_value(zip, p.json_file, t.name, r, "status_seq", text(n), "不是非负整数");
            l.seq = n.i;
        }
        p.history.push_back(std::move(l));
    }
    for (const auto& l : p.history) last[l.item] = &l;
    if (items == p.tables.end() || index(*items, "status_seq") >= 0) return;
    items->columns.insert(items->columns.end(), {"status_on", "status_note", "status_seq"});
    for (const auto& [id, r] : item_rows) {
        auto& row = items->rows[r];
        auto l = last.find(id);
        if (l == last.end()) {
            row.insert(row.end(), {Value{}, Value{}, Value{Value::Int, 0, 0, ""}});
            continue;
        }
        row.push_back(Value{Value::Text, 0, 0, l->second->on});
        row.push_back(Value{Value::Text, 0, 0, l->second->note});
        row.push_back(Value{Value::Int, count[id], 0, ""});
    }
    for (auto& row : items->rows) // rows without an integer id (refused later by the key checks)
        while (row.size() < items->columns.size()) row.push_back(Value{});
}

/// The zip's entries checked and extracted, the bag verified; what bag-info.txt says goes to p.info.
VerifiedBag open_bag(ParsedPackage& p, const fs::path& zip, const fs::path& staging, const ZipLimits& limits) {
    auto entries = inspect_zip(zip, limits);
    for (const auto& e : entries) {
        auto slash = e.name.find('/');
        if (slash != std::string::npos && e.name.substr(slash + 1) == json_name && e.size > limits.max_json)
            throw core::Error(
                OB_N("档案包 {file} 的 {entry} 有 {size}，超过上限 {max}，不予导入（一个支部的档案一般只有几 MB）"),
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
    if (p.info.organisation_uid.empty()) bad_json(base + "/bag-info.txt", OB_N("缺少 External-Identifier（组织标识）"));
    check_signature(p.info, bag, zip, base);
    if (p.info.package_id.empty()) bad_json(base + "/bag-info.txt", OB_N("缺少 Internal-Sender-Identifier（档案包标识）"));
    return bag;
}

Poco::JSON::Object::Ptr parse_json(const fs::path& file, const std::string& json_file) {
    try {
        std::ifstream in(file, std::ios::binary);
        Poco::JSON::Parser parser;
        parser.setDepth(core::limits::json_depth);
        return parser.parse(in).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& ex) { bad_json(json_file, ex.displayText()); } catch (const std::exception& ex) {
        bad_json(json_file, ex.what());
    }
}

Poco::Dynamic::Var member(const Poco::JSON::Object::Ptr& doc, const std::string& key, const std::string& json_file) {
    if (!doc->has(key)) bad_json(json_file, OB_N("缺少成员 {member}"), {{"member", key}});
    return doc->get(key);
}

/// The format, the package's identity and versions, the organisation and the settings.
void read_header(ParsedPackage& p, const Poco::JSON::Object::Ptr& doc, const fs::path& zip) {
    auto need = [&](const std::string& key) { return member(doc, key, p.json_file); };
    if (need("format").toString() != "onebook-package") bad_json(p.json_file, OB_N("format 不是 onebook-package"));
    if (need("format_version").convert<int>() != package_format_version)
        bad_json(p.json_file, OB_N("format_version 为 {found}，本程序读取版本 {readable}"),
                 {{"found", doc->get("format_version").toString()}, {"readable", std::to_string(package_format_version)}});
    if (need("package_id").toString() != p.info.package_id)
        bad_json(p.json_file, OB_N("package_id 与 bag-info.txt 的 Internal-Sender-Identifier 不一致"));
    p.info.exported_at = need("exported_at").toString();
    p.info.schema_version = need("schema_version").convert<int>();
    p.info.includes_private = need("includes_private").convert<bool>();
    if (p.info.schema_version > core::Archive::latest_schema_version())
        throw core::Error(
            OB_N("档案包 {file} 由更新版本的 OneBook 导出（结构版本 {version}，本程序支持到 {latest}），请升级后再导入"),
            {{"file", zip.string()},
             {"version", std::to_string(p.info.schema_version)},
             {"latest", std::to_string(core::Archive::latest_schema_version())}},
            {zip.string(), {}, {}});

    auto org = need("organisation").extract<Poco::JSON::Object::Ptr>();
    std::vector<std::string> names;
    org->getNames(names);
    for (const auto& n : names)
        p.organisation.emplace_back(n, value_of(org->get(n), p.json_file, core::Message{"organisation", {}, {}}));
    auto org_value = [&](const std::string& n) -> std::string {
        for (const auto& [k, v] : p.organisation)
            if (k == n) return v.type == Value::Text ? v.s : std::string();
        return {};
    };
    if (org_value("uid") != p.info.organisation_uid)
        bad_json(p.json_file, OB_N("organisation.uid 与 bag-info.txt 的 External-Identifier 不一致"));
    p.info.organisation = org_value("name");
    p.info.sector = org_value("sector");
    if (p.info.organisation.empty() || p.info.sector.empty()) bad_json(p.json_file, OB_N("organisation 缺少 name 或 sector"));

    auto settings = need("settings").extract<Poco::JSON::Object::Ptr>();
    names.clear();
    settings->getNames(names);
    for (const auto& n : names) p.settings.emplace_back(n, settings->get(n).toString());
}

void read_tables(ParsedPackage& p, const Poco::JSON::Array::Ptr& tables) {
    std::set<std::string> seen_tables;
    for (std::size_t k = 0; k < tables->size(); ++k) {
        auto t = tables->getObject(static_cast<unsigned>(k));
        if (!t || !t->has("name") || !t->has("columns") || !t->has("rows"))
            bad_json(p.json_file, OB_N("tables 中的表缺少 name/columns/rows"));
        PackageTable pt;
        pt.name = t->getValue<std::string>("name");
        if (!seen_tables.insert(pt.name).second) bad_json(p.json_file, OB_N("表 {table} 出现两次"), {{"table", pt.name}});
        auto cols = t->getArray("columns");
        for (std::size_t c = 0; c < cols->size(); ++c)
            pt.columns.push_back(cols->getElement<std::string>(static_cast<unsigned>(c)));
        auto rows = t->getArray("rows");
        for (std::size_t r = 0; r < rows->size(); ++r) {
            auto row = rows->getArray(static_cast<unsigned>(r));
            core::Message where{OB_N("表 {table} 第 {row} 行"), {{"table", pt.name}, {"row", std::to_string(r + 1)}}, {}};
            if (!row || row->size() != pt.columns.size()) bad_json_at(p.json_file, OB_N("{where} 的值个数与列数不符"), where);
            std::vector<Value> values;
            for (std::size_t c = 0; c < row->size(); ++c)
                values.push_back(value_of(row->get(static_cast<unsigned>(c)), p.json_file, where));
            pt.rows.push_back(std::move(values));
        }
        p.info.rows[pt.name] = static_cast<int>(pt.rows.size());
        p.tables.push_back(std::move(pt));
    }
}

/// The files archive.json lists against the bag's payload: each one there, named by its content,
/// and nothing else in the payload.
void read_files(ParsedPackage& p, const Poco::JSON::Array::Ptr& files, const VerifiedBag& bag) {
    const std::string base = bag.base.filename().string();
    std::map<std::string, std::string> payload_sha;
    for (const auto& f : bag.payload) payload_sha[f.path] = f.sha256;
    std::set<std::string> listed;
    for (std::size_t k = 0; k < files->size(); ++k) {
        auto f = files->getObject(static_cast<unsigned>(k));
        if (!f || !f->has("sha256") || !f->has("path")) bad_json(p.json_file, OB_N("files 中的条目缺少 sha256/path"));
        std::string sha = f->getValue<std::string>("sha256"), path = f->getValue<std::string>("path");
        if (path != files_dir + sha)
            bad_json(p.json_file, OB_N("文件 {path} 的路径应为 {expected}"), {{"path", path}, {"expected", files_dir + sha}});
        if (!payload_sha.count(path))
            throw core::Error(OB_N("档案包缺少文件 {file}"), {{"file", base + "/" + path}}, {base + "/" + path, {}, {}});
        if (payload_sha[path] != sha)
            throw core::Error(OB_N("{file} 的内容与其名称（SHA-256）不符"), {{"file", base + "/" + path}},
                              {base + "/" + path, {}, {}});
        listed.insert(path);
        p.files.emplace_back(sha, bag.base / path);
    }
    for (const auto& [path, sha] : payload_sha)
        if (path != json_name && !listed.count(path))
            throw core::Error(OB_N("{file} 不是档案包格式中的文件（未在 archive.json 的 files 中列出）"),
                              {{"file", base + "/" + path}}, {base + "/" + path, {}, {}});
    p.info.files = static_cast<int>(p.files.size());
}

/// Every table and column must exist in the target archive (a newer branch program may have more),
/// and keys be unique within the package.
void check_tables_fit(const ParsedPackage& p, const Schema& s, const fs::path& zip) {
    for (const auto& t : p.tables) {
        if (t.name == history_section) continue; // a view of the journal here: checked by take_history
        const Table* mine = s.find(t.name);
        if (!mine || excluded_table(t.name))
            throw core::Error(OB_N("档案包 {file} 含有本档案没有的表 {table}，请升级 OneBook 后再导入"),
                              {{"file", zip.string()}, {"table", t.name}}, {p.json_file, {}, t.name});
        for (const auto& c : t.columns)
            if (mine->index_of(c) < 0)
                throw core::Error(OB_N("档案包 {file} 的表 {table} 含有本档案没有的列 {column}，请升级 OneBook 后再导入"),
                                  {{"file", zip.string()}, {"table", t.name}, {"column", c}},
                                  {p.json_file, {}, t.name + "." + c});
        if (!mine->owned && (mine->pk.size() != 1 || mine->rowid_alias))
            throw core::Error(OB_N("档案包 {file} 的表 {table} 不属于任何组织，无法导入"),
                              {{"file", zip.string()}, {"table", t.name}}, {p.json_file, {}, t.name});
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
}

} // namespace

ParsedPackage read_package(const fs::path& zip, const fs::path& staging, core::Archive* target, const ZipLimits& limits,
                           const core::PluginHost* plugins = nullptr) {
    ParsedPackage p;
    VerifiedBag bag = open_bag(p, zip, staging, limits);
    if (std::none_of(bag.payload.begin(), bag.payload.end(), [](const auto& f) { return f.path == json_name; }))
        bad_json(p.json_file, OB_N("缺少此文件"));
    auto doc = parse_json(bag.base / json_name, p.json_file);
    try {
        read_header(p, doc, zip);
        read_tables(p, member(doc, "tables", p.json_file).extract<Poco::JSON::Array::Ptr>());
        read_files(p, member(doc, "files", p.json_file).extract<Poco::JSON::Array::Ptr>(), bag);
    } catch (const Poco::Exception& ex) { bad_json(p.json_file, ex.displayText()); }

    if (target) {
        check_tables_fit(p, read_schema(target->db()), zip);
        take_old_activists(p);
        check_meaning(p, zip, plugins);
        take_history(p, zip);
    }
    return p;
}

} // namespace pkg

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

} // namespace onebook::archive
