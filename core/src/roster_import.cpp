#include "onebook/roster_import.hpp"
#include "onebook/platform.hpp"
#include "onebook/text_limits.hpp"

#include "onebook/csv.hpp"
#include "onebook/db.hpp"
#include "onebook/journal.hpp"
#include "onebook/text_encoding.hpp"
#include "onebook/xlsx_reader.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace onebook::core {

namespace {

// Field keys and the header names offices actually use for them.
const std::vector<std::pair<std::string, std::vector<std::string>>>& header_table() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"seq", {"序号", "编号"}},
        {"name", {"姓名", "党员姓名"}},
        {"gender", {"性别"}},
        {"ethnicity", {"民族"}},
        {"birth_date", {"出生日期", "出生年月", "出生时间"}},
        {"education", {"学历", "文化程度", "最高学历"}},
        {"workplace_post", {"工作单位及职务", "单位及职务", "工作单位和职务", "工作单位及职务（岗位）"}},
        {"workplace", {"工作单位", "单位"}},
        {"post", {"职务", "岗位"}},
        {"join_date", {"入党时间", "入党日期"}},
        {"full_date", {"转正时间", "转正日期"}},
        {"status", {"党员类别", "党员身份", "党员状态"}},
        {"group", {"所在党小组", "党小组"}},
        {"category", {"人员类别", "管理类别", "党员管理类别"}},
        {"employer", {"所在单位（协管）", "报到单位", "原单位", "派出单位"}},
        {"id_number", {"身份证号", "身份证号码", "公民身份号码"}},
        {"phone", {"联系电话", "手机号", "手机号码", "电话"}},
        {"address", {"家庭住址", "住址", "现居住地", "居住地址"}},
        {"notes", {"备注"}},
    };
    return table;
}

std::string trim(const std::string& text) {
    // Index-based: erasing from the front one space at a time was quadratic on long cells.
    const std::string_view spaces[] = {" ", "\t", "\r", "\n", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    std::string_view s(text);
    bool changed = true;
    while (changed && !s.empty()) {
        changed = false;
        for (auto sp : spaces) {
            if (s.substr(0, sp.size()) == sp) {
                s.remove_prefix(sp.size());
                changed = true;
            }
            if (s.size() >= sp.size() && s.substr(s.size() - sp.size()) == sp) {
                s.remove_suffix(sp.size());
                changed = true;
            }
        }
    }
    return std::string(s);
}

// The header name as written, without spaces, to compare with the table.
std::string normalise_header(const std::string& h) {
    std::string out;
    std::string t = trim(h);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ' ') continue;
        if (t.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        out += t[i];
    }
    // Excel users write (协管) with ASCII or full-width brackets alike.
    std::string normalised;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '(') normalised += "\xEF\xBC\x88";
        else if (out[i] == ')') normalised += "\xEF\xBC\x89";
        else normalised += out[i];
    }
    return normalised;
}

/// Whether a header cell names a known field (when `field` is given, that field).
bool is_header_of(const std::string& cell, const std::string& field = {}) {
    std::string h = normalise_header(cell);
    if (h.empty()) return false;
    for (const auto& [k, names] : header_table())
        if (field.empty() || k == field)
            for (const auto& n : names)
                if (normalise_header(n) == h) return true;
    return false;
}

bool is_name_header(const std::string& cell) { return is_header_of(cell, "name"); }
bool is_known_header(const std::string& cell) { return is_header_of(cell); }

/// The header is the first row with a 姓名 column: title rows and grouping rows above it
/// ("党员花名册", "基本信息 | 联系方式") are skipped. Without one, the first row with two filled
/// cells is taken as the header so the message can name it.
std::size_t find_header_row(const std::vector<CsvRecord>& records, const std::string& name) {
    std::size_t header_index = records.size();
    for (std::size_t i = 0; i < records.size() && header_index == records.size(); ++i)
        for (const auto& f : records[i].fields)
            if (is_name_header(f)) {
                header_index = i;
                break;
            }
    if (header_index == records.size()) {
        header_index = 0;
        while (header_index < records.size()) {
            int filled = 0;
            for (const auto& f : records[header_index].fields)
                if (!trim(f).empty()) ++filled;
            if (filled >= 2) break;
            ++header_index;
        }
    }
    if (header_index >= records.size())
        throw Error("文件 {file} 中没有表头行（至少要有“姓名”一列）", {{"file", name}}, {name, {}, {}});
    return header_index;
}

/// A header on two rows (a merged "联系方式" over "联系电话 | 家庭住址"): the lower row names the
/// columns, the upper row fills in where the lower one is empty or repeats a merged cell. Returns the
/// header and moves header_index to its last row.
CsvRecord merge_header_rows(const std::vector<CsvRecord>& records, std::size_t& header_index) {
    CsvRecord header = records[header_index];
    if (header_index + 1 >= records.size()) return header;
    const auto& below = records[header_index + 1];
    std::size_t name_col = 0;
    while (name_col < header.fields.size() && !is_name_header(header.fields[name_col])) ++name_col;
    bool below_is_header = false;
    for (std::size_t c = 0; c < below.fields.size(); ++c)
        if (c != name_col && is_known_header(below.fields[c]) &&
            (c >= header.fields.size() || normalise_header(below.fields[c]) != normalise_header(header.fields[c])))
            below_is_header = true;
    if (name_col < below.fields.size() && !trim(below.fields[name_col]).empty() && !is_name_header(below.fields[name_col]))
        below_is_header = false;
    if (!below_is_header) return header;
    CsvRecord merged = below;
    if (merged.fields.size() < header.fields.size()) merged.fields.resize(header.fields.size());
    for (std::size_t c = 0; c < header.fields.size(); ++c)
        if (trim(merged.fields[c]).empty()) merged.fields[c] = header.fields[c];
    ++header_index;
    return merged;
}

/// Which column holds which field, and the columns no field claims (kept in the notes).
struct Columns {
    CsvRecord header;
    std::map<std::string, std::size_t> column_of;             // field key → column index
    std::vector<std::pair<std::size_t, std::string>> unknown; // column index → its header

    /// The header the user wrote for a field (the key itself when the file has no such column).
    std::string header_name(const std::string& key) const {
        auto it = column_of.find(key);
        return it == column_of.end() ? key : trim(header.fields[it->second]);
    }
    /// Maps a model field (from a validation Error) back to the column the user sees.
    std::string column_for_field(const std::string& field) const {
        if (field == "workplace_post" && !column_of.count("workplace_post")) return header_name("workplace");
        return column_of.count(field) ? header_name(field) : field;
    }
};

Columns map_columns(CsvRecord header, ImportReport& report) {
    Columns cols;
    cols.header = std::move(header);
    const CsvRecord& h_row = cols.header;
    for (std::size_t c = 0; c < h_row.fields.size(); ++c) {
        std::string h = normalise_header(h_row.fields[c]);
        if (h.empty()) continue;
        std::string key;
        for (const auto& [k, names] : header_table())
            for (const auto& n : names)
                if (normalise_header(n) == h) key = k;
        if (key.empty()) {
            cols.unknown.push_back({c, trim(h_row.fields[c])});
            report.unknown_columns.push_back(trim(h_row.fields[c]));
            continue;
        }
        if (cols.column_of.count(key)) {
            report.problems.push_back(
                {h_row.row, trim(h_row.fields[c]), {"表头“{column}”重复出现", {{"column", trim(h_row.fields[c])}}}});
            continue;
        }
        cols.column_of[key] = c;
    }
    if (!cols.column_of.count("name"))
        throw Error("文件 {file} 的表头中没有“姓名”列（第 {row} 行）",
                    {{"file", report.file}, {"row", std::to_string(h_row.row)}}, {report.file, h_row.row, "姓名"});
    return cols;
}

/// One data row: its cells by field key, and its problems recorded in the report.
struct Row {
    const CsvRecord& rec;
    const Columns& cols;
    ImportReport& report;

    std::string cell(const std::string& key) const {
        auto it = cols.column_of.find(key);
        if (it == cols.column_of.end() || it->second >= rec.fields.size()) return {};
        return trim(rec.fields[it->second]);
    }
    void problem(const std::string& column, Message reason) const {
        report.problems.push_back({rec.row, column, std::move(reason)});
    }
    std::optional<Date> date_cell(const std::string& key) const {
        std::string v = cell(key);
        if (v.empty()) return std::nullopt;
        auto d = Date::parse(v);
        if (!d)
            problem(cols.header_name(key),
                    {"日期“{value}”无法识别或不存在，应写作 2024-03-01、2024/3/1 或 2024年3月1日", {{"value", v}}});
        return d;
    }
};

/// Cells beyond the header's last column, and cells longer than the model allows.
void check_row_shape(const Row& row) {
    const auto& rec = row.rec;
    const auto& header = row.cols.header;
    if (rec.fields.size() > header.fields.size()) {
        bool extra_filled = false;
        for (std::size_t c = header.fields.size(); c < rec.fields.size(); ++c)
            if (!trim(rec.fields[c]).empty()) extra_filled = true;
        if (extra_filled)
            row.problem("", {"这一行有 {count} 列，比表头多（表头 {header} 列）",
                             {{"count", std::to_string(rec.fields.size())}, {"header", std::to_string(header.fields.size())}}});
    }
    for (const auto& [key, col] : row.cols.column_of) {
        std::string v = row.cell(key);
        std::size_t max = key == "name" ? limits::name : limits::text;
        if (v.size() > max && utf8_length(v) > max)
            row.problem(row.cols.header_name(key), {"内容过长：{length} 个字符，最多 {max} 个",
                                                    {{"length", std::to_string(utf8_length(v))}, {"max", std::to_string(max)}}});
    }
}

/// The member a row describes, in the model's words (男性 → 男, 预备 → 预备党员…); unknown columns
/// go into the notes as "header：value".
Member member_from_row(const Row& row, const Date& today) {
    auto cell = [&](const std::string& key) { return row.cell(key); };
    Member m;
    m.name = cell("name");
    if (m.name.empty()) row.problem(row.cols.header_name("name"), {"姓名为空", {}});
    m.gender = cell("gender");
    if (m.gender == "男性") m.gender = "男";
    if (m.gender == "女性") m.gender = "女";
    m.ethnicity = cell("ethnicity");
    m.birth_date = row.date_cell("birth_date");
    m.education = cell("education");
    m.workplace_post = cell("workplace_post");
    if (m.workplace_post.empty()) {
        std::string w = cell("workplace"), p = cell("post");
        m.workplace_post = w.empty() ? p : p.empty() ? w : w + " " + p;
    }
    m.join_date = row.date_cell("join_date");
    m.full_date = row.date_cell("full_date");
    std::string status = cell("status");
    if (status == "正式" || status == "正式党员") m.status = "正式党员";
    else if (status == "预备" || status == "预备党员") m.status = "预备党员";
    else if (status.empty())
        m.status = (m.join_date && !m.full_date && m.join_date->add_months(12) > today) ? "预备党员" : "正式党员";
    else row.problem(row.cols.header_name("status"), {"党员类别“{value}”无效，应为 正式党员 或 预备党员", {{"value", status}}});
    std::string category = cell("category");
    if (!category.empty()) m.category = category;
    m.employer = cell("employer");
    if (m.category == "协管" && m.employer.empty()) m.employer = cell("workplace");
    m.notes = cell("notes");
    for (const auto& [c, label] : row.cols.unknown) {
        if (c < row.rec.fields.size() && !trim(row.rec.fields[c]).empty())
            m.notes += (m.notes.empty() ? "" : "；") + label + "：" + trim(row.rec.fields[c]);
    }
    m.priv.id_number = cell("id_number");
    for (auto& ch : m.priv.id_number)
        if (ch == 'x') ch = 'X';
    m.priv.phone = cell("phone");
    m.priv.address = cell("address");
    return m;
}

/// A data row read and checked, waiting to be written.
struct Pending {
    Member member;
    std::string group;
    std::optional<Id> existing;
    long row;
};

/// The same person twice in one file is an error naming both rows, never two members.
class SeenInFile {
public:
    void check(const Row& row, const Member& m) {
        if (!m.priv.id_number.empty()) {
            auto [it, fresh] = m_ids.emplace(m.priv.id_number, row.rec.row);
            if (!fresh)
                row.problem(row.cols.header_name("id_number"),
                            {"身份证号 {value} 与第 {other} 行重复：同一人出现了两次",
                             {{"value", m.priv.id_number}, {"other", std::to_string(it->second)}}});
        }
        if (!m.name.empty() && m.birth_date) {
            auto [it, fresh] = m_people.emplace(std::pair{m.name, m.birth_date->iso()}, row.rec.row);
            if (!fresh)
                row.problem(row.cols.header_name("name"),
                            {"{value}（出生日期 {birth}）与第 {other} 行重复：同一人出现了两次",
                             {{"value", m.name}, {"birth", m.birth_date->iso()}, {"other", std::to_string(it->second)}}});
        }
    }

private:
    std::map<std::string, long> m_ids;                            // ID number → row
    std::map<std::pair<std::string, std::string>, long> m_people; // (name, birth date) → row
};

/// The member of this roster a row updates: by ID number (one of another organisation is a
/// problem), else by name when the birth dates do not disagree.
std::optional<Id> existing_member(Roster& roster, const Row& row, const Member& m) {
    if (!m.priv.id_number.empty()) {
        auto existing = roster.member_by_id_number(m.priv.id_number);
        if (!existing) return std::nullopt;
        if (existing->organisation_id != roster.organisation_id())
            row.problem(row.cols.header_name("id_number"),
                        {"身份证号 {value} 属于另一个组织的党员", {{"value", m.priv.id_number}}});
        return existing->id;
    }
    if (auto existing = roster.member_by_name(m.name))
        if (!existing->birth_date || !m.birth_date || *existing->birth_date == *m.birth_date) return existing->id;
    return std::nullopt;
}

/// Reads one data row into a member and checks it; its problems go into the report.
Pending read_row(Roster& roster, const CsvRecord& rec, const Columns& cols, ImportReport& report, SeenInFile& seen,
                 const Date& today) {
    Row row{rec, cols, report};
    std::size_t problems_before = report.problems.size();
    check_row_shape(row);
    Member m = member_from_row(row, today);
    if (report.problems.size() == problems_before) {
        try {
            Roster::validate(m, today);
        } catch (const Error& e) { row.problem(cols.column_for_field(e.where().field), e.message()); }
    }
    seen.check(row, m);
    Pending p{m, row.cell("group"), std::nullopt, rec.row};
    p.existing = existing_member(roster, row, m);
    return p;
}

/// Writes the members in one change of the journal; a member the roster refuses after all is
/// reported and nothing is written.
void write_members(Roster& roster, std::vector<Pending>& pending, const Columns& cols, ImportReport& report) {
    ChangeScope tx(roster.db(), "import",
                   "导入党员名册 " + std::filesystem::path(report.file).filename().string()); // undone as one step
    for (auto& p : pending) {
        if (!p.group.empty()) p.member.group_id = roster.ensure_group(p.group);
        try {
            if (p.existing) {
                p.member.id = *p.existing;
                roster.update_member(p.member);
                ++report.updated;
            } else {
                roster.add_member(p.member);
                ++report.added;
            }
        } catch (const Error& e) {
            // Should have been caught above; report it and write nothing.
            report.problems.push_back({p.row, cols.column_for_field(e.where().field), e.message()});
            report.added = report.updated = 0;
            return; // the transaction rolls back
        }
    }
    tx.commit();
}

} // namespace

std::vector<std::pair<std::string, std::vector<std::string>>> RosterImporter::known_headers() { return header_table(); }

ImportReport RosterImporter::import_file(const std::string& path, bool dry_run, const std::string& sheet) {
    std::ifstream in(platform::utf8_path(path), std::ios::binary);
    if (!in) throw Error("无法读取文件 {file}", {{"file", path}}, {path, {}, {}});
    std::ostringstream ss;
    ss << in.rdbuf();
    return import_bytes(ss.str(), path, dry_run, sheet);
}

ImportReport RosterImporter::import_bytes(const std::string& bytes, const std::string& name, bool dry_run,
                                          const std::string& sheet) {
    ImportReport report;
    report.file = name;
    if (bytes.size() > limits::roster_file)
        throw Error(
            "文件 {file} 过大（{size} MB），花名册文件最多 {max} MB",
            {{"file", name}, {"size", std::to_string(bytes.size() >> 20)}, {"max", std::to_string(limits::roster_file >> 20)}},
            {name, {}, {}});
    if (looks_like_zip(bytes)) {
        auto book = read_xlsx(bytes, name, sheet);
        report.encoding = "XLSX";
        report.sheet = book.name;
        return import_rows(book.rows, std::move(report), dry_run);
    }
    auto decoded = decode_text(bytes, name);
    report.encoding = decoded.encoding;
    return import_rows(parse_csv(decoded.utf8, name, guess_csv_separator(decoded.utf8)), std::move(report), dry_run);
}

ImportReport RosterImporter::import_rows(const std::vector<CsvRecord>& records, ImportReport report, bool dry_run) {
    std::size_t header_index = find_header_row(records, report.file);
    CsvRecord header = merge_header_rows(records, header_index);
    const Columns cols = map_columns(std::move(header), report);

    std::vector<Pending> pending;
    SeenInFile seen;
    const Date today = Date::today();
    for (std::size_t i = header_index + 1; i < records.size(); ++i) {
        if (records[i].blank()) continue;
        ++report.rows;
        pending.push_back(read_row(m_roster, records[i], cols, report, seen, today));
    }
    if (!report.problems.empty() || report.rows == 0 || dry_run) return report;
    write_members(m_roster, pending, cols, report);
    return report;
}

} // namespace onebook::core
