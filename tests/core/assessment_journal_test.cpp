// The assessment's scores, survey counts and vetoes are rows changed in place: each change is one
// journaled UPDATE, their history is the journal (undo and redo as lines of their own), and an
// archive of the old schema keeps every line it had.
#include "migrations.hpp"
#include "onebook/archive.hpp"
#include "onebook/assessment.hpp"
#include "onebook/error.hpp"
#include "onebook/journal.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/rectification.hpp"
#include "onebook/rubric.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

struct Fixture {
    test::ScratchDir dir{"onebook-assess-journal"};
    core::PluginHost host;
    core::RubricSet rubrics;
    core::Archive archive;
    core::AssessmentStore store;

    Fixture()
        : archive((host.load_all(), rubrics = core::RubricSet::load(host), test::make_archive(dir / "a.onebook"))),
          store(archive, rubrics) {}

    core::ScoreEntry score(core::Id a, const std::string& item, double pts, const std::string& reason = {}) {
        core::ScoreInput in;
        in.round = core::Round::Self;
        in.item_id = item;
        in.points = pts;
        in.reason = reason;
        in.by = "王建国";
        return store.score(a, in);
    }
};

/// A score line as the assessment's history lists it.
std::string line(const core::ScoreEntry& e) {
    std::ostringstream o;
    o << core::to_string(e.round) << " " << e.item_id << " " << e.points << " [" << e.reason << "] [" << e.note << "] " << e.by
      << " " << e.at;
    return o.str();
}

std::vector<std::string> lines(core::AssessmentStore& store, core::Id a, const std::string& item = {}) {
    std::vector<std::string> out;
    for (const auto& e : store.history(a, item)) out.push_back(line(e));
    return out;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(a_score_is_changed_in_place_and_its_history_is_the_journal, Fixture) {
    auto a = store.create(archive.home().id, "community.fenlei", 2025, "王建国").id;
    score(a, "1.4", 2);
    score(a, "1.2", 3);
    score(a, "1.2", 2, "书记年内参加培训不足");
    score(a, "1.2", 2.5, "补训半天");
    auto& db = archive.db();
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_score WHERE item_id = '1.2'") == 1);
    BOOST_TEST(db.scalar_int("SELECT seq FROM assessment_score WHERE item_id = '1.2'") == 3);
    // Each change after the first is one UPDATE in the journal.
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM change_row WHERE tbl = 'assessment_score' AND op = 'U'") == 2);
    auto h = store.history(a, "1.2");
    BOOST_REQUIRE_EQUAL(h.size(), 3u);
    BOOST_TEST(h[0].points == 3.0);
    BOOST_TEST(h[1].points == 2.0);
    BOOST_TEST(h[1].reason == "书记年内参加培训不足");
    BOOST_TEST(h[2].points == 2.5);
    BOOST_TEST(h[2].reason == "补训半天");
    BOOST_TEST(h[2].by == "王建国");
    BOOST_TEST(!h[2].at.empty());
    BOOST_TEST(store.history(a).size() == 4u);
    BOOST_TEST(store.scores(a, core::Round::Self).size() == 2u);

    // Undo is a line of its own, and the score in force is the one before; redo brings it back.
    core::Journal journal(archive);
    journal.undo();
    BOOST_TEST(store.scores(a, core::Round::Self).size() == 2u);
    h = store.history(a, "1.2");
    BOOST_REQUIRE_EQUAL(h.size(), 4u);
    BOOST_TEST(h[3].points == 2.0);
    BOOST_TEST(h[3].note.rfind("撤销：", 0) == 0);
    for (const auto& e : store.scores(a, core::Round::Self))
        if (e.item_id == "1.2") BOOST_TEST(e.points == 2.0);
    journal.redo();
    h = store.history(a, "1.2");
    BOOST_REQUIRE_EQUAL(h.size(), 5u);
    BOOST_TEST(h[4].points == 2.5);
    BOOST_TEST(h[4].reason == "补训半天");
    BOOST_TEST(h[4].note.rfind("重做：", 0) == 0);

    // The journal's history of the item and of the assessment finds the changes made in place.
    core::HistoryFilter f;
    f.object_kind = "assessment";
    f.object_id = a;
    f.item = "1.2";
    BOOST_TEST(journal.sets(f).size() == 5u);
    f.item.clear();
    BOOST_TEST(journal.sets(f).size() >= 6u);
}

BOOST_FIXTURE_TEST_CASE(survey_and_vetoes_are_changed_in_place, Fixture) {
    auto a = store.create(archive.home().id, "community.fenlei", 2025, "王建国").id;
    store.record_survey(a, {5, 1, 0}, {5, 1, 0}, "李明");
    store.record_survey(a, {6, 0, 0}, {6, 0, 0}, "李明");
    store.set_veto(a, "leader_violation", true, "书记涉案", "李明");
    store.set_veto(a, "leader_violation", false, "经核查不属实", "李明");
    auto& db = archive.db();
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_survey") == 1);
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_survey_history") == 2);
    BOOST_TEST(db.scalar_int("SELECT member_satisfied FROM assessment_survey_history ORDER BY id LIMIT 1") == 5);
    BOOST_TEST(store.survey(a)->members.satisfied == 6);
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_veto") == 1);
    BOOST_TEST(db.scalar_text("SELECT group_concat(active || reason, '|') FROM (SELECT * FROM assessment_veto_history "
                              "ORDER BY id)") == "1书记涉案|0经核查不属实");
    BOOST_TEST(store.vetoes(a).empty());
    core::Journal(archive).undo();
    BOOST_TEST(store.vetoes(a).size() == 1u);
    BOOST_TEST(db.scalar_text("SELECT reason FROM assessment_veto_history ORDER BY id DESC LIMIT 1") == "撤销：书记涉案");
}

BOOST_AUTO_TEST_CASE(an_archive_of_the_old_schema_keeps_every_assessment_line) {
    test::ScratchDir dir{"assessment-migration"};
    auto path = dir / "v14.onebook";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(test::source_dir() / "core" / "sql"))
        if (e.path().extension() == ".sql" && std::stoi(e.path().filename().string().substr(0, 4)) <= 14)
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    BOOST_REQUIRE_EQUAL(files.size(), 14u);
    std::string sql;
    for (const auto& f : files) sql += test::read_file(f) + ";\n";
    sql += "PRAGMA application_id=" + std::to_string(core::Archive::application_id) +
           "; PRAGMA user_version=14;"
           "INSERT INTO organisation(uid,name,sector,form,is_home) VALUES('u1','老支部','community','党支部',1);"
           "INSERT INTO assessment(organisation_id,rubric_id,year) VALUES(1,'community.fenlei',2024),(1,'community.fenlei',2025);"
           "INSERT INTO assessment_score(assessment_id,round,item_id,points,reason,note,checks,proposal,scored_by,scored_at)"
           " VALUES (1,'self','1.1',3,'','',NULL,NULL,'王建国','2024-12-01T08:00:00Z'),"
           " (1,'self','1.2',2,'缺一次','备注','a,b',2.5,'王建国','2024-12-01T08:01:00Z'),"
           " (1,'self','1.1',2,'培训不足','',NULL,NULL,'王建国','2024-12-02T08:00:00Z'),"
           " (1,'superior','1.1',1.5,'核查','',NULL,NULL,'李明','2025-01-05T08:00:00Z'),"
           " (2,'self','1.1',3,'','',NULL,NULL,'刘芳','2025-12-01T08:00:00Z'),"
           " (1,'self','1.1',2.5,'补训','',NULL,NULL,'王建国','2024-12-03T08:00:00Z');"
           "INSERT INTO assessment_survey(assessment_id,member_satisfied,member_basic,member_dissatisfied,public_satisfied,"
           "public_basic,public_dissatisfied,rate,points,recorded_by,recorded_at) VALUES"
           " (1,5,1,0,5,1,0,91.6,4.5,'李明','2025-01-05T09:00:00Z'),(1,6,0,0,6,0,0,100,5,'李明','2025-01-06T09:00:00Z');"
           "INSERT INTO assessment_veto(assessment_id,veto_id,active,reason,flagged_by,flagged_at) VALUES"
           " (1,'leader_violation',1,'书记涉案','李明','2025-01-05T10:00:00Z'),"
           " (1,'leader_violation',0,'经核查不属实','李明','2025-01-07T10:00:00Z');";
    test::exec_sql(path, sql);
    // Every line as the old code listed it: the rows in their order.
    const std::vector<std::string> before1 = {
        "self 1.1 3 [] [] 王建国 2024-12-01T08:00:00Z", "self 1.2 2 [缺一次] [备注] 王建国 2024-12-01T08:01:00Z",
        "self 1.1 2 [培训不足] [] 王建国 2024-12-02T08:00:00Z", "superior 1.1 1.5 [核查] [] 李明 2025-01-05T08:00:00Z",
        "self 1.1 2.5 [补训] [] 王建国 2024-12-03T08:00:00Z"};
    const std::vector<std::string> before2 = {"self 1.1 3 [] [] 刘芳 2025-12-01T08:00:00Z"};

    core::PluginHost host;
    host.load_all();
    auto rubrics = core::RubricSet::load(host);
    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.schema_version() == core::Archive::latest_schema_version());
    core::AssessmentStore store(a, rubrics);
    BOOST_TEST(lines(store, 1) == before1, boost::test_tools::per_element());
    BOOST_TEST(lines(store, 2) == before2, boost::test_tools::per_element());
    auto h = store.history(1, "1.2");
    BOOST_REQUIRE_EQUAL(h.size(), 1u);
    BOOST_TEST(h[0].checks == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
    BOOST_TEST(h[0].proposal.value_or(0) == 2.5);
    // The scores in force are the latest of each round and item, one row each.
    auto& db = a.db();
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_score") == 4);
    std::map<std::string, double> self;
    for (const auto& e : store.scores(1, core::Round::Self)) self[e.item_id] = e.points;
    BOOST_TEST(self.size() == 2u);
    BOOST_TEST(self["1.1"] == 2.5);
    BOOST_TEST(self["1.2"] == 2.0);
    BOOST_TEST(store.scores(1, core::Round::Superior).size() == 1u);
    BOOST_TEST(store.survey(1)->members.satisfied == 6);
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_survey_history") == 2);
    BOOST_TEST(db.scalar_text("SELECT group_concat(active || reason || flagged_at, '|') FROM (SELECT * FROM "
                              "assessment_veto_history ORDER BY id)") ==
               "1书记涉案2025-01-05T10:00:00Z|0经核查不属实2025-01-07T10:00:00Z");
    BOOST_TEST(store.vetoes(1).empty());
    // One change set of kind migration holds them, and it is not undone by mistake.
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM change_set WHERE kind = 'migration'") == 1);
    core::Journal journal(a);
    BOOST_CHECK_THROW(journal.undo(), core::Error);
    // The history goes on from where it was.
    core::ScoreInput in;
    in.round = core::Round::Self;
    in.item_id = "1.1";
    in.points = 3;
    in.by = "王建国";
    store.score(2, in);
    BOOST_TEST(lines(store, 2).size() == 2u);
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM assessment_score WHERE assessment_id = 2") == 1);
    BOOST_TEST(db.scalar_text("PRAGMA integrity_check") == "ok");
}

namespace {

const std::vector<std::string> kHistoryViews = {"rectification_history", "assessment_score_history", "assessment_survey_history",
                                                "assessment_veto_history"};

/// Every line of a history view, every column, in the view's order.
std::vector<std::string> view_lines(core::Database& db, const std::string& view) {
    std::vector<std::string> out;
    auto st = db.prepare("SELECT * FROM " + view + " ORDER BY id");
    while (st.step()) {
        std::string row;
        for (int c = 0; c < st.column_count(); ++c)
            row += (c ? "|" : "") + (st.is_null(c) ? std::string("NULL") : st.get_text(c));
        out.push_back(row);
    }
    return out;
}

std::int64_t views_in(core::Database& db, const std::string& schema) {
    return db.scalar_int("SELECT count(*) FROM " + schema +
                         ".sqlite_schema WHERE type = 'view' AND name IN ('rectification_history', "
                         "'assessment_score_history', 'assessment_survey_history', 'assessment_veto_history')");
}

} // namespace

// The four history views are not kept in the file (every connection would parse them): each is a
// TEMP view made when a statement first names it, on a read-only connection too, and an archive
// whose file still has them (schema 20) migrates to the same lines.
BOOST_AUTO_TEST_CASE(every_history_view_reads_the_same_read_only_and_after_the_views_left_the_file) {
    test::ScratchDir dir{"history-views"};
    const auto path = dir / "a.onebook";
    core::PluginHost host;
    host.load_all();
    auto rubrics = core::RubricSet::load(host);
    std::map<std::string, std::vector<std::string>> expected;
    core::Id item = 0, assessment = 0;
    {
        auto archive = test::make_archive(path);
        core::AssessmentStore store(archive, rubrics);
        assessment = store.create(archive.home().id, "community.fenlei", 2025, "王建国").id;
        core::ScoreInput in;
        in.round = core::Round::Self;
        in.item_id = "1.2";
        in.points = 3;
        in.by = "王建国";
        store.score(assessment, in);
        in.points = 2;
        in.reason = "书记年内参加培训不足";
        store.score(assessment, in);
        store.record_survey(assessment, {5, 1, 0}, {5, 1, 0}, "李明");
        store.record_survey(assessment, {6, 0, 0}, {6, 0, 0}, "李明");
        store.set_veto(assessment, "leader_violation", true, "书记涉案", "李明");
        store.set_veto(assessment, "leader_violation", false, "经核查不属实", "李明");
        core::Rectification rect(archive.db(), archive.home().id);
        core::RectificationItem it;
        it.issue = "党务公开不及时";
        it.measures = "每季度公开一次";
        it.owner = "王建国";
        it.target = "全年公开 4 次";
        it.created_on = core::Date(2025, 3, 2);
        it.deadline = core::Date(2025, 9, 30);
        rect.add(it);
        item = it.id;
        rect.change_status(item, core::RectStatus::InProgress, core::Date(2025, 3, 10), "支委会研究部署");
        core::Journal(archive).undo(); // a line of its own in rectification_history

        auto& db = archive.db();
        BOOST_TEST(views_in(db, "main") == 0);
        for (const auto& v : kHistoryViews) {
            expected[v] = view_lines(db, v);
            BOOST_TEST_INFO(v);
            BOOST_TEST(!expected[v].empty());
        }
        BOOST_TEST(views_in(db, "temp") == 4);
        BOOST_TEST(expected["rectification_history"].size() == 3u);
        BOOST_TEST(expected["assessment_veto_history"].back().find("经核查不属实") != std::string::npos);
    }
    {
        // Read-only (query_only): a fresh connection has made none until a statement names one.
        auto archive = core::Archive::open_read_only(path.string());
        auto& db = archive.db();
        BOOST_TEST(views_in(db, "temp") == 0);
        for (const auto& v : kHistoryViews) {
            BOOST_TEST_INFO(v);
            BOOST_TEST(view_lines(db, v) == expected[v], boost::test_tools::per_element());
        }
        BOOST_TEST(test::rectification_lines(archive, archive.home().id, item).size() == 3u);
        core::AssessmentStore store(archive, rubrics);
        BOOST_TEST(store.history(assessment).size() == 2u);
        // Still read-only: the views were made without lifting that for anything else.
        BOOST_CHECK_THROW(db.exec("DELETE FROM setting"), core::Error);
    }
    {
        // Immutable (read-only media: no locking, no WAL).
        auto db = core::Database::open_read_only(path.string(), true);
        db.exec("PRAGMA query_only=ON");
        db.set_views_on_demand(core::history_views());
        for (const auto& v : kHistoryViews) {
            BOOST_TEST_INFO(v);
            BOOST_TEST(view_lines(db, v) == expected[v], boost::test_tools::per_element());
        }
    }
    // The file as schema 20 left it: the views in the file. Opening migrates them out.
    std::string sql;
    for (const auto& [name, create] : *core::history_views())
        sql += "CREATE VIEW main." + name + create.substr(create.find(" AS\n")) + "\n";
    test::exec_sql(path, sql + "PRAGMA user_version=20;");
    {
        core::Database raw = core::Database::open_read_only(path.string(), false);
        BOOST_TEST(views_in(raw, "main") == 4);
        for (const auto& v : kHistoryViews) {
            BOOST_TEST_INFO(v);
            BOOST_TEST(view_lines(raw, v) == expected[v], boost::test_tools::per_element());
        }
    }
    auto archive = core::Archive::open(path.string());
    BOOST_TEST(archive.schema_version() == core::Archive::latest_schema_version());
    auto& db = archive.db();
    BOOST_TEST(views_in(db, "main") == 0);
    // The first write on this connection fires the search index's triggers, which read two of the
    // views before anything else named them: they are made then, and the index has every note.
    core::Rectification rect(db, archive.home().id);
    rect.change_status(item, core::RectStatus::InProgress, core::Date(2025, 3, 12), "复查后重新部署");
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM search_item WHERE kind = 'rectification' AND body LIKE "
                             "'%支委会研究部署%' AND body LIKE '%复查后重新部署%'") == 1);
    core::AssessmentStore store(archive, rubrics);
    store.set_veto(assessment, "leader_violation", true, "再次核查", "李明");
    BOOST_TEST(db.scalar_int("SELECT count(*) FROM search_item WHERE kind = 'assessment' AND body LIKE "
                             "'%书记涉案%' AND body LIKE '%再次核查%'") == 1);
    for (const auto& v : kHistoryViews) {
        BOOST_TEST_INFO(v);
        auto now = view_lines(db, v);
        BOOST_REQUIRE_GE(now.size(), expected[v].size());
        now.resize(expected[v].size());
        BOOST_TEST(now == expected[v], boost::test_tools::per_element());
    }
    BOOST_TEST(view_lines(db, "rectification_history").size() == 4u);
    BOOST_TEST(view_lines(db, "assessment_veto_history").size() == 3u);
}
