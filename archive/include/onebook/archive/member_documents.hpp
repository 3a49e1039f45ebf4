// The documents of a member's life filed in the one book with their 档号: each step of 发展党员
// (入党申请书 at the application, 培养考察材料, 政审材料, 入党志愿书 at admission, 转正申请 …) goes to
// the 入党积极分子 section (组织发展材料), each transfer's 介绍信 or status change's decision to the
// 党员名册 section. The document is an ordinary archived document (catalogue, book, package); the
// link says which step or movement it belongs to, so the pipeline and the book show it there.
#pragma once

#include "onebook/archive/documents.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// Sections where the documents go unless the caller names another.
inline constexpr const char* recruitment_documents_section = "basic.activists";
inline constexpr const char* movement_documents_section = "basic.members";

struct MemberLifeDocument {
    Document document;
    core::Id recruit_id = 0;  ///< the person in the pipeline (step documents)
    core::Id event_id = 0;    ///< the stage move or milestone
    core::Id member_id = 0;   ///< the roster entry (movement documents)
    core::Id movement_id = 0; ///< the transfer or status change
    std::string person;
    std::string step; ///< stage moved to, milestone kind (谈话 …) or movement kind (转出 …)
    core::Date on;    ///< the step's or movement's date
};

class MemberLifeDocuments {
public:
    MemberLifeDocuments(core::Archive& archive, DocumentStore& documents) : m_archive(archive), m_docs(documents) {}

    /// Files `file` for a person's step: the latest move to the stage `step`, or the latest
    /// milestone of that kind. Empty fields of `meta` take the step's: section 入党积极分子, year and
    /// 日期 of the step, title “NAME STEP材料”. Throws Error naming the person and step when there
    /// is no such step. One transaction.
    MemberLifeDocument file_step(core::Id recruit_id, const std::string& step, const std::filesystem::path& file,
                                 DocumentMeta meta);
    /// Files `file` for a member's transfer or status change: `kind`'s latest movement, or the
    /// member's latest movement when `kind` is empty. Defaults as above, in the 党员名册 section.
    MemberLifeDocument file_movement(core::Id member_id, const std::string& kind, const std::filesystem::path& file,
                                     DocumentMeta meta);

    /// Step documents, in step order; of one person when given.
    std::vector<MemberLifeDocument> of_recruits(std::optional<core::Id> recruit_id = {});
    /// Movement documents, by date; of one member when given.
    std::vector<MemberLifeDocument> of_movements(std::optional<core::Id> member_id = {});

private:
    /// Rows of (document, person or member, step or movement, name, step, date) for the home
    /// organisation and `owner` (0: everyone).
    std::vector<MemberLifeDocument> read(const std::string& sql, core::Id owner, bool movements);
    MemberLifeDocument file(const std::string& link_table, const std::string& link_column, core::Id link_id,
                            const std::filesystem::path& file, DocumentMeta meta, const std::string& default_section,
                            const std::string& person, const std::string& step, const core::Date& on);
    core::Archive& m_archive;
    DocumentStore& m_docs;
};

} // namespace onebook::archive

#include "onebook/archive/table.hpp"

namespace onebook::archive {

/// 发展党员和组织关系转接材料: one row a filed document (person, step, its date, 档号, 题名, 页数).
Table member_documents_table(const std::string& organisation, const std::vector<MemberLifeDocument>& documents,
                             const core::Date& today);

} // namespace onebook::archive
