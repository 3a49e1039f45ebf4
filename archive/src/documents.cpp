#include "onebook/archive/documents.hpp"

#include "onebook/date.hpp"
#include "onebook/error.hpp"

#include "onebook/text_limits.hpp"
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::archive {

const char* retention_code(Retention r) {
    switch (r) {
    case Retention::Permanent: return "Y";
    case Retention::Years30: return "D30";
    case Retention::Years10: return "D10";
    }
    return "";
}

const char* retention_label(Retention r) {
    switch (r) {
    case Retention::Permanent: return "永久";
    case Retention::Years30: return "定期30年";
    case Retention::Years10: return "定期10年";
    }
    return "";
}

const std::vector<Retention>& all_retentions() {
    static const std::vector<Retention> all = {Retention::Permanent, Retention::Years30, Retention::Years10};
    return all;
}

std::optional<Retention> parse_retention(const std::string& raw) {
    std::string t = raw;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (t == "Y" || t == "永久") return Retention::Permanent;
    if (t == "D30" || t == "定期30年" || t == "30年" || t == "30") return Retention::Years30;
    if (t == "D10" || t == "定期10年" || t == "10年" || t == "10") return Retention::Years10;
    return std::nullopt;
}

const std::vector<std::string>& secrecy_levels() {
    // GB/T 7156 / DA/T 22 密级 field; "" and 非密 both mean not classified.
    static const std::vector<std::string> levels = {"", "非密", "内部", "秘密", "机密", "绝密"};
    return levels;
}

std::string compose_archival_code(const std::string& fonds, const std::string& category, int year, Retention r, int item_no) {
    char no[8];
    std::snprintf(no, sizeof no, "%04d", item_no);
    // DA/T 22-2015 §7.1: 全宗号-档案门类代码·年度-保管期限代码-件号 (the “·” is U+00B7).
    return fonds + "-" + category + "\xC2\xB7" + std::to_string(year) + "-" + retention_code(r) + "-" + no;
}

std::string Document::item_no_text() const {
    char no[8];
    std::snprintf(no, sizeof no, "%04d", item_no);
    return no;
}

std::string Document::archival_code() const { return compose_archival_code(fonds_code, category_code, year, retention, item_no); }

std::optional<std::string> normalise_doc_date(const std::string& text) {
    auto d = core::Date::parse(text);
    if (!d) return std::nullopt;
    char out[16];
    std::snprintf(out, sizeof out, "%04d%02d%02d", d->year(), d->month(), d->day());
    return std::string(out);
}

DocumentStore::DocumentStore(core::Archive& archive, std::vector<Section> sections)
    : m_archive(archive), m_org(archive.home()), m_sections(std::move(sections)), m_files(archive) {}

DocumentStore::DocumentStore(core::Archive& archive, const core::PluginHost& host)
    : m_archive(archive), m_org(archive.home()), m_sections(book_sections(host, m_org.sector)), m_files(archive) {}

void DocumentStore::validate(const DocumentMeta& meta) const {
    const Section* s = find_section(m_sections, meta.section_id);
    if (!s || !s->has(holds::documents)) {
        std::string ids;
        for (const auto& x : m_sections)
            if (x.has(holds::documents)) ids += (ids.empty() ? "" : "、") + x.id + "（" + x.title + "）";
        throw core::Error(s ? OB_N("篇目“{section}”不收录文件；可归入：{sections}")
                            : OB_N("篇目“{section}”不存在；可归入：{sections}"),
                          {{"section", meta.section_id}, {"sections", ids}}, {{}, {}, "section"});
    }
    int this_year = core::Date::today().year();
    if (meta.year < 1949 || meta.year > this_year + 1)
        throw core::Error(OB_N("年度 {value} 不合理，应在 1949 到 {max} 之间"),
                          {{"value", std::to_string(meta.year)}, {"max", std::to_string(this_year + 1)}}, {{}, {}, "year"});
    auto blank = [](const std::string& x) { return x.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (blank(meta.title)) throw core::Error(OB_N("题名不能为空"), {}, {{}, {}, "title"});
    if (!meta.date.empty()) {
        if (!core::all_digits(meta.date, 8, 8) || !core::Date::parse(meta.date))
            throw core::Error(OB_N("日期“{value}”不是有效日期，应写作 YYYYMMDD，例如 20250301"), {{"value", meta.date}},
                              {{}, {}, "date"});
    }
    const auto& levels = secrecy_levels();
    if (std::find(levels.begin(), levels.end(), meta.secret) == levels.end())
        throw core::Error(OB_N("密级“{value}”无效，应为 非密、内部、秘密、机密、绝密 或留空"), {{"value", meta.secret}},
                          {{}, {}, "secret"});
    if (meta.pages && (*meta.pages < 0 || *meta.pages > 100000))
        throw core::Error(OB_N("页数 {value} 无效"), {{"value", std::to_string(*meta.pages)}}, {{}, {}, "pages"});
}

int DocumentStore::next_item_no(int year, Retention r) {
    core::Statement st(
        m_archive.db(),
        "SELECT coalesce(max(item_no), 0) + 1 FROM document WHERE organisation_id = ? AND year = ? AND retention = ?");
    st.bind_all(m_org.id, year, std::string(retention_code(r)));
    st.step();
    int next = static_cast<int>(st.get_int(0));
    if (next > 9999)
        throw core::Error(OB_N("{year} 年度 {retention} 的件号已用完（最多 9999 件）"),
                          {{"year", std::to_string(year)}, {"retention", retention_label(r)}}, {{}, {}, "item_no"});
    return next;
}

std::optional<int> DocumentStore::count_pages(const fs::path& file, const std::string& media_type) {
    if (media_type.rfind("image/", 0) == 0 && media_type != "image/tiff") return 1;
    if (media_type != "application/pdf") return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string pdf = ss.str();
    // Count page objects (“/Type /Page” not followed by “s”). PDFs whose objects sit in compressed
    // object streams hide them; then fall back to the largest /Count of a page tree node.
    int pages = 0;
    auto skip_space = [&](std::size_t i) {
        while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n' || pdf[i] == '\t')) ++i;
        return i;
    };
    for (std::size_t at = pdf.find("/Type"); at != std::string::npos; at = pdf.find("/Type", at + 5)) {
        std::size_t i = skip_space(at + 5);
        if (pdf.compare(i, 5, "/Page") == 0 && (i + 5 >= pdf.size() || !std::isalpha(static_cast<unsigned char>(pdf[i + 5]))))
            ++pages;
    }
    if (pages > 0) return pages;
    for (std::size_t at = pdf.find("/Count"); at != std::string::npos; at = pdf.find("/Count", at + 6)) {
        std::size_t i = skip_space(at + 6), j = i;
        while (j < pdf.size() && std::isdigit(static_cast<unsigned char>(pdf[j])) && j - i < 7) ++j;
        if (j > i) pages = std::max(pages, std::stoi(pdf.substr(i, j - i)));
    }
    return pages > 0 ? std::optional<int>(pages) : std::nullopt;
}

Document DocumentStore::add(const fs::path& file, DocumentMeta meta) {
    if (meta.author.empty()) meta.author = m_org.name;
    if (!meta.date.empty())
        if (auto d = normalise_doc_date(meta.date)) meta.date = *d;
    validate(meta);
    std::string fonds = m_archive.setting(fonds_code_setting);
    if (fonds.empty())
        throw core::Error(OB_N("尚未设置全宗号，无法编制档号；请先设置，例如 onebook-cli doc codes --fonds Z031"), {},
                          {{}, {}, fonds_code_setting});
    std::string category = m_archive.setting(category_code_setting, default_category_code);
    StoredFile stored;
    core::Id id = 0;
    try {
        core::Transaction tx(m_archive.db());
        stored = m_files.put(file);
        if (!meta.pages) meta.pages = count_pages(m_files.path_of(stored.sha256), stored.media_type);
        int item = next_item_no(meta.year, meta.retention);
        core::Statement st(
            m_archive.db(),
            "INSERT INTO document(organisation_id, section_id, fonds_code, category_code, year, retention, item_no, "
            "title, author, doc_ref, doc_date, secret, pages, notes, file_sha256, file_name) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind_all(m_org.id, meta.section_id, fonds, category, meta.year, std::string(retention_code(meta.retention)), item,
                    meta.title, meta.author, meta.doc_ref, meta.date, meta.secret);
        if (meta.pages) st.bind(13, static_cast<std::int64_t>(*meta.pages));
        else st.bind_null(13);
        st.bind(14, meta.notes).bind(15, stored.sha256).bind(16, file.filename().string());
        st.run();
        id = m_archive.db().last_insert_id();
        tx.commit();
    } catch (...) {
        m_files.discard(stored); // the transaction has rolled back: drop bytes this filing wrote
        throw;
    }
    return require(id);
}

void DocumentStore::remove(core::Id id) {
    require(id);
    core::Transaction tx(m_archive.db());
    core::Statement st(m_archive.db(), "DELETE FROM document WHERE id = ? AND organisation_id = ?");
    st.bind_all(id, m_org.id).run();
    tx.commit();
}

Document DocumentStore::update(core::Id id, const DocumentMeta& input) {
    Document current = require(id);
    DocumentMeta meta = input;
    if (meta.author.empty()) meta.author = m_org.name;
    if (!meta.date.empty())
        if (auto d = normalise_doc_date(meta.date)) meta.date = *d;
    validate(meta);
    core::Transaction tx(m_archive.db());
    int item = current.item_no;
    if (meta.year != current.year || meta.retention != current.retention) item = next_item_no(meta.year, meta.retention);
    core::Statement st(
        m_archive.db(),
        "UPDATE document SET section_id = ?, year = ?, retention = ?, item_no = ?, title = ?, author = ?, doc_ref = ?, "
        "doc_date = ?, secret = ?, pages = ?, notes = ? WHERE id = ? AND organisation_id = ?");
    st.bind_all(meta.section_id, meta.year, std::string(retention_code(meta.retention)), item, meta.title, meta.author,
                meta.doc_ref, meta.date, meta.secret);
    if (meta.pages) st.bind(10, static_cast<std::int64_t>(*meta.pages));
    else st.bind_null(10);
    st.bind(11, meta.notes).bind(12, id).bind(13, m_org.id);
    st.run();
    tx.commit();
    return require(id);
}

namespace {

const char* select_documents =
    "SELECT d.id, d.organisation_id, d.section_id, d.fonds_code, d.category_code, d.year, d.retention, d.item_no, d.title, "
    "d.author, d.doc_ref, d.doc_date, d.secret, d.pages, d.notes, d.file_sha256, d.file_name, d.filed_at, "
    "coalesce(f.media_type, ''), coalesce(f.size, 0) FROM document d LEFT JOIN stored_file f ON f.sha256 = d.file_sha256 ";

Document read_document(core::Statement& st) {
    Document d;
    d.id = st.get_int(0);
    d.organisation_id = st.get_int(1);
    d.section_id = st.get_text(2);
    d.fonds_code = st.get_text(3);
    d.category_code = st.get_text(4);
    d.year = static_cast<int>(st.get_int(5));
    d.retention = parse_retention(st.get_text(6)).value_or(Retention::Years10);
    d.item_no = static_cast<int>(st.get_int(7));
    d.title = st.get_text(8);
    d.author = st.get_text(9);
    d.doc_ref = st.get_text(10);
    d.date = st.get_text(11);
    d.secret = st.get_text(12);
    if (auto p = st.get_opt_int(13)) d.pages = static_cast<int>(*p);
    d.notes = st.get_text(14);
    d.file_sha256 = st.get_text(15);
    d.file_name = st.get_text(16);
    d.filed_at = st.get_text(17);
    d.media_type = st.get_text(18);
    d.file_size = st.get_int(19);
    return d;
}

} // namespace

std::optional<Document> DocumentStore::get(core::Id id) {
    core::Statement st(m_archive.db(), std::string(select_documents) + "WHERE d.id = ? AND d.organisation_id = ?");
    st.bind_all(id, m_org.id);
    if (!st.step()) return std::nullopt;
    return read_document(st);
}

Document DocumentStore::require(core::Id id) {
    if (auto d = get(id)) return *d;
    throw core::Error(OB_N("没有编号为 {id} 的归档文件"), {{"id", std::to_string(id)}}, {{}, {}, "id"});
}

std::vector<Document> DocumentStore::list(const DocumentFilter& filter) {
    std::string sql = std::string(select_documents) +
                      "WHERE d.organisation_id = ?1 AND (?2 IS NULL OR d.year = ?2) "
                      "AND (?3 IS NULL OR d.retention = ?3) AND (?4 = '' OR d.section_id = ?4) "
                      "ORDER BY d.year, CASE d.retention WHEN 'Y' THEN 0 WHEN 'D30' THEN 1 ELSE 2 END, d.item_no";
    core::Statement st(m_archive.db(), sql);
    st.bind(1, m_org.id);
    if (filter.year) st.bind(2, *filter.year);
    else st.bind_null(2);
    if (filter.retention) st.bind(3, retention_code(*filter.retention));
    else st.bind_null(3);
    st.bind(4, filter.section_id);
    std::vector<Document> out;
    while (st.step()) out.push_back(read_document(st));
    return out;
}

std::vector<int> DocumentStore::years() {
    core::Statement st(m_archive.db(), "SELECT DISTINCT year FROM document WHERE organisation_id = ? ORDER BY year");
    st.bind(1, m_org.id);
    std::vector<int> out;
    while (st.step()) out.push_back(static_cast<int>(st.get_int(0)));
    return out;
}

fs::path DocumentStore::path_of(const Document& d) const { return m_files.path_of(d.file_sha256); }

} // namespace onebook::archive
