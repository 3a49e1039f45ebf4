// Archived documents (归档文件) following DA/T 22-2015 《归档文件整理规则》: any file filed into a
// section of the book with 年度, 保管期限, 件号, 题名, 责任者, 文号, 日期, 密级, 页数, 备注, and its
// 档号 = 全宗号-门类代码·年度-保管期限代码-件号 (e.g. Z031-WS·2025-Y-0001).
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// 保管期限 (DA/T 22-2015 §6.1): 永久 Y, 定期30年 D30, 定期10年 D10.
enum class Retention { Permanent, Years30, Years10 };

const char* retention_code(Retention r);  ///< "Y", "D30", "D10"
const char* retention_label(Retention r); ///< "永久", "定期30年", "定期10年"
/// Accepts the codes (any case) and the Chinese labels ("永久", "30年", "定期10年"…).
std::optional<Retention> parse_retention(const std::string& text);
const std::vector<Retention>& all_retentions();

/// Archive setting keys for the 档号 (DA/T 22-2015 §7.1).
inline constexpr const char* fonds_code_setting = "fonds_code";       ///< 全宗号, e.g. Z031
inline constexpr const char* category_code_setting = "category_code"; ///< 门类代码, default WS (文书)
inline constexpr const char* default_category_code = "WS";

/// Accepted 密级 values ("" = not classified).
const std::vector<std::string>& secrecy_levels();

/// What a user gives when filing or editing.
struct DocumentMeta {
    std::string section_id;
    int year = 0; ///< 年度
    Retention retention = Retention::Years10;
    std::string title;        ///< 题名
    std::string author;       ///< 责任者 (the organisation when empty)
    std::string doc_ref;      ///< 文号, e.g. 幸街党工〔2025〕8号
    std::string date;         ///< 日期, YYYYMMDD (or "")
    std::string secret;       ///< 密级
    std::optional<int> pages; ///< 页数 (counted for PDFs and images when not given)
    std::string notes;        ///< 备注
};

struct Document : DocumentMeta {
    core::Id id = 0;
    core::Id organisation_id = 0;
    std::string fonds_code;    ///< 全宗号 at filing
    std::string category_code; ///< 门类代码 at filing
    int item_no = 0;           ///< 件号 (1…9999), within organisation, year and retention
    std::string file_sha256;
    std::string file_name; ///< name it was filed under
    std::string media_type;
    std::int64_t file_size = 0;
    std::string filed_at;

    /// 件号 as printed: four digits.
    std::string item_no_text() const;
    /// 档号.
    std::string archival_code() const;
    bool is_image() const { return media_type.rfind("image/", 0) == 0; }
};

/// 全宗号-门类代码·年度-保管期限代码-件号.
std::string compose_archival_code(const std::string& fonds, const std::string& category, int year, Retention r, int item_no);

/// Reads a 日期 as offices write it (20250301, 2025-03-01, 2025年3月1日) and returns YYYYMMDD;
/// nullopt when it is not a real date.
std::optional<std::string> normalise_doc_date(const std::string& text);

struct DocumentFilter {
    std::optional<int> year;
    std::optional<Retention> retention;
    std::string section_id;
};

/// The documents of the archive's own organisation.
class DocumentStore {
public:
    /// `sections`: the book's sections (book_sections()); a document must be filed into one of them.
    DocumentStore(core::Archive& archive, std::vector<Section> sections);
    /// Uses the sections of the home organisation's sector.
    DocumentStore(core::Archive& archive, const core::PluginHost& host);

    /// Checks the metadata; throws Error naming the field (unknown section, year out of range,
    /// date not a date, unknown 密级, empty title…). Does not look at the file.
    void validate(const DocumentMeta& meta) const;

    /// Files `file`: validates, stores the bytes (de-duplicated, fsync'ed) and adds the row with
    /// the next 件号 of its year and retention, all or nothing. Needs the 全宗号 setting.
    Document add(const std::filesystem::path& file, DocumentMeta meta);
    /// Changes the metadata. A new year or retention moves the document to the end of that class
    /// (a new 件号); the old number is not reused. One transaction.
    Document update(core::Id id, const DocumentMeta& meta);
    /// Deletes a document into the recycle bin (回收站): its file stays in the store until the bin
    /// item is purged, so restoring it brings the file back too. One transaction.
    void remove(core::Id id);

    std::optional<Document> get(core::Id id);
    Document require(core::Id id);
    /// Ordered by year, retention (Y, D30, D10), 件号.
    std::vector<Document> list(const DocumentFilter& filter = {});
    /// Years that hold documents, ascending.
    std::vector<int> years();

    /// Where the document's bytes are.
    std::filesystem::path path_of(const Document& d) const;
    const std::vector<Section>& sections() const { return m_sections; }

    /// Page count of a stored file when it can be told (PDF page objects, 1 for an image).
    static std::optional<int> count_pages(const std::filesystem::path& file, const std::string& media_type);

private:
    int next_item_no(int year, Retention r);
    core::Archive& m_archive;
    core::Organisation m_org;
    std::vector<Section> m_sections;
    FileStore m_files;
};

} // namespace onebook::archive
