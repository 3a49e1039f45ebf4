#include "onebook/archive/member_documents.hpp"

#include "onebook/error.hpp"

namespace fs = std::filesystem;

namespace onebook::archive {

namespace {

core::Date date_of(const std::string& iso) {
    auto d = core::Date::parse(iso);
    return d ? *d : core::Date{};
}

} // namespace

MemberLifeDocument MemberLifeDocuments::file(const std::string& link_table, const std::string& link_column, core::Id link_id,
                                             const fs::path& path, DocumentMeta meta, const std::string& default_section,
                                             const std::string& person, const std::string& step, const core::Date& on) {
    if (meta.section_id.empty()) meta.section_id = default_section;
    if (meta.year == 0) meta.year = on.year();
    if (meta.date.empty()) meta.date = normalise_doc_date(on.iso()).value_or("");
    if (meta.title.empty()) meta.title = person + " " + step + "材料";
    m_docs.validate(meta);
    core::Transaction tx(m_archive.db());
    Document d = m_docs.add(path, meta);
    core::Statement st(m_archive.db(), "INSERT INTO " + link_table + "(" + link_column + ", document_id) VALUES(?, ?)");
    st.bind_all(link_id, d.id).run();
    tx.commit();
    MemberLifeDocument out;
    out.document = d;
    out.person = person;
    out.step = step;
    out.on = on;
    return out;
}

MemberLifeDocument MemberLifeDocuments::file_step(core::Id recruit_id, const std::string& step, const fs::path& path,
                                                  DocumentMeta meta) {
    auto org = m_archive.home().id;
    core::Statement who(m_archive.db(), "SELECT name FROM recruit WHERE id = ? AND organisation_id = ?");
    who.bind_all(recruit_id, org);
    if (!who.step()) throw core::Error(OB_N("发展党员名单中没有编号为 {id} 的人"), {{"id", std::to_string(recruit_id)}});
    std::string name = who.get_text(0);
    core::Statement q(m_archive.db(), "SELECT id, on_date FROM recruit_event WHERE recruit_id = ?2 AND "
                                      "((kind = '阶段' AND stage = ?1) OR kind = ?1) ORDER BY on_date DESC, id DESC LIMIT 1");
    q.bind(1, step);
    q.bind(2, recruit_id);
    if (!q.step())
        throw core::Error(OB_N("{name} 没有“{step}”这一步（阶段或谈话、考察、政审、培训、公示、宣誓），无法归档其材料"),
                          {{"name", name}, {"step", step}}, {{}, {}, "step"});
    core::Id event = q.get_int(0);
    auto out = file("recruit_event_document", "recruit_event_id", event, path, std::move(meta), recruitment_documents_section,
                    name, step, date_of(q.get_text(1)));
    out.recruit_id = recruit_id;
    out.event_id = event;
    return out;
}

MemberLifeDocument MemberLifeDocuments::file_movement(core::Id member_id, const std::string& kind, const fs::path& path,
                                                      DocumentMeta meta) {
    auto org = m_archive.home().id;
    core::Statement q(m_archive.db(),
                      "SELECT v.id, v.kind, v.on_date, m.name FROM member_movement v JOIN member m ON m.id = v.member_id "
                      "WHERE v.member_id = ?1 AND m.organisation_id = ?2 AND (?3 = '' OR v.kind = ?3) "
                      "ORDER BY v.on_date DESC, v.id DESC LIMIT 1");
    q.bind(1, member_id);
    q.bind(2, org);
    q.bind(3, kind);
    if (!q.step())
        throw core::Error(OB_N("党员 {id} 没有{kind}记录，无法归档介绍信或决定"),
                          {{"id", std::to_string(member_id)}, {"kind", kind.empty() ? "组织关系或党籍变动" : kind}},
                          {{}, {}, "kind"});
    core::Id movement = q.get_int(0);
    std::string k = q.get_text(1);
    auto out = file("member_movement_document", "movement_id", movement, path, std::move(meta), movement_documents_section,
                    q.get_text(3), k, date_of(q.get_text(2)));
    out.member_id = member_id;
    out.movement_id = movement;
    return out;
}

std::vector<MemberLifeDocument> MemberLifeDocuments::read(const std::string& sql, core::Id owner, bool movements) {
    core::Statement q(m_archive.db(), sql);
    q.bind(1, m_archive.home().id);
    q.bind(2, owner);
    std::vector<MemberLifeDocument> out;
    while (q.step()) {
        auto d = m_docs.get(q.get_int(0));
        if (!d) continue;
        MemberLifeDocument x;
        x.document = *d;
        (movements ? x.member_id : x.recruit_id) = q.get_int(1);
        (movements ? x.movement_id : x.event_id) = q.get_int(2);
        x.person = q.get_text(3);
        x.step = q.get_text(4);
        x.on = date_of(q.get_text(5));
        out.push_back(std::move(x));
    }
    return out;
}

std::vector<MemberLifeDocument> MemberLifeDocuments::of_recruits(std::optional<core::Id> recruit_id) {
    return read("SELECT l.document_id, r.id, e.id, r.name, CASE WHEN e.kind = '阶段' THEN e.stage ELSE e.kind END, "
                "e.on_date FROM recruit_event_document l JOIN recruit_event e ON e.id = l.recruit_event_id "
                "JOIN recruit r ON r.id = e.recruit_id WHERE r.organisation_id = ?1 AND (?2 = 0 OR r.id = ?2) "
                "ORDER BY r.id, e.on_date, e.id, l.document_id",
                recruit_id.value_or(0), false);
}

std::vector<MemberLifeDocument> MemberLifeDocuments::of_movements(std::optional<core::Id> member_id) {
    return read("SELECT l.document_id, m.id, v.id, m.name, v.kind, v.on_date FROM member_movement_document l "
                "JOIN member_movement v ON v.id = l.movement_id JOIN member m ON m.id = v.member_id "
                "WHERE m.organisation_id = ?1 AND (?2 = 0 OR m.id = ?2) ORDER BY v.on_date, v.id, l.document_id",
                member_id.value_or(0), true);
}

} // namespace onebook::archive

namespace onebook::archive {

Table member_documents_table(const std::string& organisation, const std::vector<MemberLifeDocument>& documents,
                             const core::Date& today) {
    Table t;
    t.key = "member_documents";
    t.title = {OB_N("发展党员和组织关系转接材料"), {}};
    t.sheet = OB_N("党员材料");
    t.organisation = organisation;
    t.date = today;
    t.columns = {{"name", OB_N("姓名")},
                 {"step", OB_N("环节"), CellType::Text, true},
                 {"date", OB_N("日期"), CellType::Date},
                 {"code", OB_N("档号")},
                 {"title", OB_N("题名")},
                 {"pages", OB_N("页数"), CellType::Integer}};
    for (const auto& d : documents)
        t.add_row({d.person, d.step, d.on, d.document.archival_code(), d.document.title,
                   d.document.pages ? Value(static_cast<long long>(*d.document.pages)) : Value()});
    return t;
}

} // namespace onebook::archive
