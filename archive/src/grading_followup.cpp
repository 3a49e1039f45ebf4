// 公示, 复核, 帮扶 and 备案 of a year's 分类定级 at the superior: see grading_followup.hpp.
#include "onebook/archive/grading_followup.hpp"

#include "onebook/error.hpp"
#include "onebook/text_limits.hpp"

namespace onebook::archive {

namespace {

void require_organisation(core::Database& db, core::Id id) {
    auto st = db.prepare("SELECT 1 FROM organisation WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) throw core::Error(OB_N("档案中没有编号为 {id} 的组织"), {{"id", std::to_string(id)}});
}

void require_year(int year) {
    if (year < 1921 || year > 2200)
        throw core::Error(OB_N("年度 {year} 无效"), {{"year", std::to_string(year)}}, {{}, {}, "year"});
}

void require_date(const core::Date& d, const core::Date& today, const std::string& field) {
    if (!d.valid() || d.year() < 1921 || today < d)
        throw core::Error(OB_N("日期“{value}”无效：应在 1921 年之后、不晚于今天"), {{"value", d.valid() ? d.iso() : ""}},
                          {{}, {}, field});
}

void require_text(const std::string& text, std::size_t max, const std::string& label, const std::string& field) {
    if (text.empty()) throw core::Error(OB_N("缺少{label}"), {{"label", label}}, {{}, {}, field});
    core::check_length(text, max, label, field);
}

/// The rows `sql` selects for `year` (its one parameter), each read into a T by `read`.
template <class T, class Read> std::vector<T> rows_of_year(core::Archive& archive, const char* sql, int year, Read read) {
    std::vector<T> out;
    auto st = archive.db().prepare(sql);
    st.bind(1, year);
    while (st.step()) out.push_back(read(st));
    return out;
}

} // namespace

std::string objection_outcome_label(const std::string& outcome) {
    if (outcome == objection_upheld) return OB_N("维持原定级");
    if (outcome == objection_changed) return OB_N("调整定级");
    if (outcome == objection_dismissed) return OB_N("异议不成立");
    return OB_N("待复核");
}

core::Id add_grading_objection(core::Archive& archive, GradingObjection o, const core::Date& today) {
    auto& db = archive.db();
    require_year(o.year);
    require_date(o.received_on, today, "received_on");
    require_text(o.content, core::limits::text, OB_N("异议内容"), "content");
    core::Transaction tx(db);
    require_organisation(db, o.organisation_id);
    auto st = db.prepare("INSERT INTO grading_objection(organisation_id, year, received_on, content) VALUES (?, ?, ?, ?)");
    st.bind_all(o.organisation_id, o.year, o.received_on.iso(), o.content).run();
    core::Id id = db.last_insert_id();
    tx.commit();
    return id;
}

void review_grading_objection(core::Archive& archive, core::Id id, const std::string& outcome, const std::string& review,
                              const core::Date& on, const core::Date& today) {
    if (outcome != objection_upheld && outcome != objection_changed && outcome != objection_dismissed)
        throw core::Error(OB_N("复核结果“{value}”无效：应为 upheld（维持原定级）、changed（调整定级）或 dismissed（异议不成立）"),
                          {{"value", outcome}}, {{}, {}, "outcome"});
    require_text(review, core::limits::text, OB_N("复核情况"), "review");
    require_date(on, today, "reviewed_on");
    auto& db = archive.db();
    core::Transaction tx(db);
    auto get = db.prepare("SELECT received_on FROM grading_objection WHERE id = ?");
    get.bind(1, id);
    if (!get.step()) throw core::Error(OB_N("没有编号为 {id} 的定级异议"), {{"id", std::to_string(id)}});
    if (auto received = core::Date::parse(get.get_text(0)); received && on < *received)
        throw core::Error(OB_N("复核日期 {on} 早于收到异议的日期 {received}"), {{"on", on.iso()}, {"received", received->iso()}},
                          {{}, {}, "reviewed_on"});
    auto st = db.prepare("UPDATE grading_objection SET outcome = ?, review = ?, reviewed_on = ? WHERE id = ?");
    st.bind_all(outcome, review, on.iso(), id).run();
    tx.commit();
}

std::vector<GradingObjection> grading_objections(core::Archive& archive, int year) {
    return rows_of_year<GradingObjection>(
        archive,
        "SELECT g.id, g.organisation_id, o.name, g.year, g.received_on, g.content, g.review, g.outcome, g.reviewed_on "
        "FROM grading_objection AS g JOIN organisation AS o ON o.id = g.organisation_id WHERE g.year = ? "
        "ORDER BY o.name COLLATE pinyin, g.received_on, g.id",
        year, [](core::Statement& st) {
            GradingObjection o;
            o.id = st.get_int(0);
            o.organisation_id = st.get_int(1);
            o.organisation = st.get_text(2);
            o.year = static_cast<int>(st.get_int(3));
            o.received_on = core::Date::parse(st.get_text(4)).value_or(core::Date());
            o.content = st.get_text(5);
            o.review = st.get_text(6);
            o.outcome = st.get_text(7);
            if (auto r = st.get_opt_text(8)) o.reviewed_on = core::Date::parse(*r);
            return o;
        });
}

void set_grading_support(core::Archive& archive, const GradingSupport& s) {
    require_year(s.year);
    require_text(s.leader, core::limits::name, OB_N("挂点领导"), "leader");
    require_text(s.department, core::limits::name, OB_N("帮扶部门"), "department");
    require_text(s.measures, core::limits::text, OB_N("帮扶措施"), "measures");
    core::check_length(s.problems, core::limits::text, OB_N("主要问题"), "problems");
    core::check_length(s.causes, core::limits::text, OB_N("原因分析"), "causes");
    if (!s.deadline.valid() || s.deadline.year() < s.year)
        throw core::Error(OB_N("整改时限“{value}”无效：应在定级年度之后"),
                          {{"value", s.deadline.valid() ? s.deadline.iso() : ""}}, {{}, {}, "deadline"});
    auto& db = archive.db();
    core::Transaction tx(db);
    require_organisation(db, s.organisation_id);
    auto st =
        db.prepare("INSERT INTO grading_support(organisation_id, year, leader, department, measures, deadline, problems, causes) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(organisation_id, year) DO UPDATE SET "
                   "leader = excluded.leader, department = excluded.department, measures = excluded.measures, "
                   "deadline = excluded.deadline, problems = excluded.problems, causes = excluded.causes");
    st.bind_all(s.organisation_id, s.year, s.leader, s.department, s.measures, s.deadline.iso(), s.problems, s.causes).run();
    tx.commit();
}

std::vector<GradingSupport> grading_supports(core::Archive& archive, int year) {
    return rows_of_year<GradingSupport>(
        archive,
        "SELECT g.organisation_id, o.name, g.year, g.leader, g.department, g.measures, g.deadline, g.problems, g.causes "
        "FROM grading_support AS g JOIN organisation AS o ON o.id = g.organisation_id WHERE g.year = ? "
        "ORDER BY o.name COLLATE pinyin",
        year, [](core::Statement& st) {
            GradingSupport s;
            s.organisation_id = st.get_int(0);
            s.organisation = st.get_text(1);
            s.year = static_cast<int>(st.get_int(2));
            s.leader = st.get_text(3);
            s.department = st.get_text(4);
            s.measures = st.get_text(5);
            s.deadline = core::Date::parse(st.get_text(6)).value_or(core::Date());
            s.problems = st.get_text(7);
            s.causes = st.get_text(8);
            return s;
        });
}

void set_grading_filing(core::Archive& archive, const GradingFiling& f, const core::Date& today) {
    require_year(f.year);
    require_date(f.filed_on, today, "filed_on");
    if (f.filed_on.year() < f.year)
        throw core::Error(OB_N("备案日期 {on} 早于定级年度 {year}"), {{"on", f.filed_on.iso()}, {"year", std::to_string(f.year)}},
                          {{}, {}, "filed_on"});
    core::check_length(f.filed_with, core::limits::name, OB_N("备案机关"), "filed_with");
    core::check_length(f.note, core::limits::text, OB_N("备注"), "note");
    auto& db = archive.db();
    core::Transaction tx(db);
    auto st = db.prepare("INSERT INTO grading_filing(year, filed_on, filed_with, note) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(year) DO UPDATE SET filed_on = excluded.filed_on, filed_with = excluded.filed_with, "
                         "note = excluded.note");
    st.bind_all(f.year, f.filed_on.iso(), f.filed_with, f.note).run();
    tx.commit();
}

std::optional<GradingFiling> grading_filing(core::Archive& archive, int year) {
    auto st = archive.db().prepare("SELECT year, filed_on, filed_with, note FROM grading_filing WHERE year = ?");
    st.bind(1, year);
    if (!st.step()) return std::nullopt;
    GradingFiling f;
    f.year = static_cast<int>(st.get_int(0));
    f.filed_on = core::Date::parse(st.get_text(1)).value_or(core::Date());
    f.filed_with = st.get_text(2);
    f.note = st.get_text(3);
    return f;
}

} // namespace onebook::archive
