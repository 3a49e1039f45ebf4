#include "onebook/archive/entries.hpp"

#include "onebook/error.hpp"

namespace onebook::archive {

EntryStore::EntryStore(core::Archive& archive, std::vector<Section> sections)
    : m_archive(archive), m_org(archive.home().id), m_sections(std::move(sections)) {}

core::Id EntryStore::add(BookEntry& e) {
    const Section* s = find_section(m_sections, e.section_id);
    if (!s || !s->has(holds::entries)) {
        std::string ids;
        for (const auto& x : m_sections)
            if (x.has(holds::entries)) ids += (ids.empty() ? "" : "、") + x.id + "（" + x.title + "）";
        throw core::Error(OB_N("篇目“{section}”不收录条目；可记入：{sections}"), {{"section", e.section_id}, {"sections", ids}},
                          {{}, {}, "section"});
    }
    if (!e.date.valid()) throw core::Error(OB_N("条目需要日期"), {}, {{}, {}, "date"});
    if (e.date > core::Date::today())
        throw core::Error(OB_N("条目日期 {value} 晚于今天"), {{"value", e.date.iso()}}, {{}, {}, "date"});
    if (e.title.find_first_not_of(" \t\r\n") == std::string::npos)
        throw core::Error(OB_N("条目标题不能为空"), {}, {{}, {}, "title"});
    core::Transaction tx(m_archive.db());
    core::Statement st(m_archive.db(),
                       "INSERT INTO book_entry(organisation_id, section_id, entry_date, title, body) VALUES(?, ?, ?, ?, ?)");
    st.bind_all(m_org, e.section_id, e.date.iso(), e.title, e.body).run();
    e.id = m_archive.db().last_insert_id();
    tx.commit();
    return e.id;
}

void EntryStore::remove(core::Id id) {
    core::Transaction tx(m_archive.db());
    core::Statement st(m_archive.db(), "DELETE FROM book_entry WHERE id = ? AND organisation_id = ?");
    st.bind_all(id, m_org).run();
    if (m_archive.db().changes() == 0)
        throw core::Error(OB_N("没有编号为 {id} 的条目"), {{"id", std::to_string(id)}}, {{}, {}, "id"});
    tx.commit();
}

std::vector<BookEntry> EntryStore::list(const std::string& section_id, std::optional<int> year) {
    core::Statement st(m_archive.db(),
                       "SELECT id, section_id, entry_date, title, body FROM book_entry WHERE organisation_id = ?1 "
                       "AND (?2 = '' OR section_id = ?2) AND (?3 IS NULL OR substr(entry_date, 1, 4) = printf('%04d', ?3)) "
                       "ORDER BY entry_date, id");
    st.bind(1, m_org).bind(2, section_id);
    if (year) st.bind(3, *year);
    else st.bind_null(3);
    std::vector<BookEntry> out;
    while (st.step()) {
        BookEntry e;
        e.id = st.get_int(0);
        e.section_id = st.get_text(1);
        e.date = core::Date::parse(st.get_text(2)).value_or(core::Date());
        e.title = st.get_text(3);
        e.body = st.get_text(4);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace onebook::archive
