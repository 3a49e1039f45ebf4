// The journal: every change kind writes its entry in words; undo and redo restore the archive
// exactly (a logical dump of every user table compared); the recycle bin brings a deleted record
// back with its attendance, under a new id when its own was taken since.
#include "records_fixture.hpp"

#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/journal.hpp"
#include "onebook/plan.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster_import.hpp"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

using namespace onebook;

namespace {

const core::Date kToday(2026, 11, 25);

std::string dump(core::Database& db) { return archive::fixtures::dump_user_tables(db); }

std::string all_text(const std::vector<core::HistoryEntry>& h) {
    std::string s;
    for (const auto& e : h) {
        s += e.text + "\n";
        for (const auto& d : e.details) s += "  " + d + "\n";
    }
    return s;
}

/// Runs `change`, then checks undo gives back the dump before it and redo the dump after it.
void check_undo_redo(test::Branch& b, const std::function<void()>& change, const std::string& what) {
    core::Journal j(b.a());
    std::string before = dump(b.a().db());
    change();
    std::string after = dump(b.a().db());
    BOOST_TEST_CONTEXT(what) {
        BOOST_TEST(before != after);
        j.undo();
        BOOST_TEST(dump(b.a().db()) == before);
        j.redo();
        BOOST_TEST(dump(b.a().db()) == after);
        BOOST_TEST(b.a().db().scalar_int("PRAGMA foreign_key_check") == 0);
    }
}

/// The history of one object.
core::HistoryFilter about(const std::string& kind, std::int64_t id) {
    core::HistoryFilter f;
    f.object_kind = kind;
    f.object_id = id;
    return f;
}

} // namespace

BOOST_AUTO_TEST_CASE(each_change_kind_writes_its_entry_with_who_and_what) {
    test::Branch b;
    b.a().set_actor("王建国");
    core::Journal j(b.a());
    std::int64_t start = j.last_set_id();
    core::Id rid = b.add("assembly", core::Date(2026, 3, 5), {}, {{"李秀兰", "出差"}});
    auto r = *b.store().get(rid);
    for (auto& a : r.attendance)
        if (a.name == "李秀兰") a.reason = "病假";
    b.store().update(r, b.tmpl("assembly"), kToday);

    auto h = j.history(about("record", rid));
    BOOST_TEST_REQUIRE(h.size() == 2u);
    std::string text = all_text(h);
    BOOST_TEST(h[0].by == "王建国");
    BOOST_TEST(h[0].text.find("王建国 修改了 会议记录「2026-03-05 支部党员大会") != std::string::npos, text);
    BOOST_TEST(text.find("出席情况（李秀兰） 缺席原因：出差 → 病假") != std::string::npos, text);
    BOOST_TEST(h[1].text.find("新增了 会议记录") != std::string::npos, text);

    // Members (private data is never shown), rectification, plan, settings: each its entry.
    core::Roster roster(b.a().db(), b.org);
    auto m = *roster.member(b.ids["何平"], true);
    m.workplace_post = "社区居委会主任";
    m.priv.phone = "13800000000";
    roster.update_member(m);
    auto mh = all_text(j.history(about("member", b.ids["何平"])));
    BOOST_TEST(mh.find("工作单位及职务：（空） → 社区居委会主任") != std::string::npos, mh);
    BOOST_TEST(mh.find("13800000000") == std::string::npos, mh);

    core::Rectification rect(b.a().db(), b.org);
    core::RectificationItem item;
    item.issue = "党员活动室面积不足";
    item.measures = "协调共建单位";
    item.owner = "王建国";
    item.deadline = core::Date(2027, 3, 31);
    item.created_on = kToday;
    core::Id iid = rect.add(item);
    rect.change_status(iid, core::RectStatus::InProgress, kToday, "已联系共建单位", std::nullopt, kToday);
    auto rh = all_text(j.history(about("rectification", iid)));
    BOOST_TEST(rh.find("状态：未开始 → 整改中") != std::string::npos, rh);

    b.a().set_setting("backup.keep_daily", "10");
    core::HistoryFilter all;
    auto every = j.history(all);
    BOOST_TEST(every.front().text.find("新增了 设置「backup.keep_daily」") != std::string::npos, all_text(every));
    // Nothing above escaped the journal: one set per change, each closed and attributed.
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM change_set WHERE open IS NOT NULL") == 0);
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM change_set WHERE id > " + std::to_string(start) +
                                     " AND by_name <> '王建国'") == 0);
}

BOOST_AUTO_TEST_CASE(undo_and_redo_of_every_kind_restore_the_archive_exactly) {
    test::Branch b;
    core::Roster roster(b.a().db(), b.org);
    core::Id rid = 0;
    check_undo_redo(
        b,
        [&] {
            rid = b.add("assembly", core::Date(2026, 3, 5), {}, {{"李秀兰", "出差"}}, 0, true);
        },
        "record add");
    check_undo_redo(
        b,
        [&] {
            auto r = *b.store().get(rid);
            r.topic = "换届选举";
            for (auto& a : r.attendance)
                if (a.name == "李秀兰") a.reason = "病假";
            b.store().update(r, b.tmpl("assembly"), kToday);
        },
        "record update");
    check_undo_redo(
        b, [&] { b.store().remove(rid); }, "record remove (with attendance)");
    check_undo_redo(
        b, [&] { roster.remove_member(b.ids["王建国"]); }, "member remove (links set null)");
    check_undo_redo(
        b,
        [&] {
            core::Member m;
            m.name = "赵新";
            m.status = "预备党员";
            m.priv.id_number = "11010519491231002X";
            roster.add_member(m);
        },
        "member add with private data");
    check_undo_redo(
        b,
        [&] {
            core::RosterImporter imp(roster);
            auto rep = imp.import_bytes(
                "姓名,性别,党员类别,所在党小组\n孙丽,女,正式党员,第四党小组\n周强,男,正式党员,第四党小组\n", "roster.csv", false);
            BOOST_TEST(rep.added == 2);
        },
        "roster import as one step");
    check_undo_redo(
        b,
        [&] {
            core::Rectification rect(b.a().db(), b.org);
            core::RectificationItem item;
            item.issue = "学习记录不全";
            item.measures = "补齐记录";
            item.owner = "吴静";
            item.deadline = core::Date(2027, 1, 31);
            item.created_on = kToday;
            rect.add(item);
        },
        "rectification add");
    check_undo_redo(
        b, [&] { roster.remove_group(roster.ensure_group("第三党小组")); }, "group remove");
    check_undo_redo(
        b, [&] { b.a().set_setting("region_rules", "{}"); }, "setting");

    // The import is one entry, in words.
    core::Journal j(b.a());
    auto h = j.history({});
    std::string text = all_text(h);
    BOOST_TEST(text.find("导入党员名册 roster.csv") != std::string::npos, text);
    BOOST_TEST(text.find("撤销：") != std::string::npos, text);
    BOOST_TEST(text.find("重做：") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(undo_stops_where_nothing_is_left_and_at_the_archive_creation) {
    test::Branch b;
    core::Journal j(b.a());
    // Undo everything the fixture did (members, groups, the committee); then the creation is a wall.
    int undone = 0;
    for (;;) {
        auto t = j.undo_target();
        BOOST_TEST_REQUIRE(t.has_value());
        if (t->kind == "create") break;
        j.undo();
        ++undone;
    }
    BOOST_TEST(undone > 9);
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM member") == 0);
    BOOST_CHECK_THROW(j.undo(), core::Error);
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM organisation") == 1);
    for (int i = 0; i < undone; ++i) j.redo();
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM member") == 9);
    BOOST_CHECK_THROW(j.redo(), core::Error);
}

BOOST_AUTO_TEST_CASE(recycle_bin_restores_a_record_with_attendance_even_when_its_id_was_reused) {
    test::Branch b;
    core::Journal j(b.a());
    core::Id rid = b.add("assembly", core::Date(2026, 3, 5), {}, {{"李秀兰", "出差"}});
    std::string with_record = dump(b.a().db());
    int attendance = static_cast<int>(
        b.a().db().scalar_int("SELECT count(*) FROM record_attendance WHERE record_id = " + std::to_string(rid)));
    BOOST_TEST(attendance == 9);
    b.store().remove(rid);
    auto bin = j.trash();
    BOOST_TEST_REQUIRE(bin.size() == 1u);
    BOOST_TEST(bin[0].kind == "record");
    BOOST_TEST(bin[0].object_id == rid);
    BOOST_TEST(bin[0].title.find("2026-03-05 支部党员大会") == 0u);
    BOOST_TEST(bin[0].attached == attendance);

    // Restored right away: exactly as it was.
    j.restore(bin[0].set_id);
    BOOST_TEST(dump(b.a().db()) == with_record);
    BOOST_TEST(j.trash().empty());
    BOOST_CHECK_THROW(j.restore(bin[0].set_id), core::Error);

    // Deleted again; a new record takes the same id; restoring brings it back under a new one.
    b.store().remove(rid);
    core::Id other = b.add("committee", core::Date(2026, 4, 1));
    BOOST_TEST(other == rid);
    auto bin2 = j.trash();
    BOOST_TEST_REQUIRE(bin2.size() == 1u);
    j.restore(bin2[0].set_id);
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM record") == 2);
    core::Id back = b.a().db().scalar_int("SELECT id FROM record WHERE type = 'assembly'");
    BOOST_TEST(back != rid);
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM record_attendance WHERE record_id = " + std::to_string(back)) ==
               attendance);
    BOOST_TEST(b.a().db().scalar_int("SELECT reason = '出差' FROM record_attendance WHERE record_id = " + std::to_string(back) +
                                     " AND name = '李秀兰'") == 1);
    BOOST_TEST(b.a().db().scalar_int("PRAGMA foreign_key_check") == 0);

    // Undo of the restore puts it back in the bin; purge makes it final.
    j.undo();
    BOOST_TEST_REQUIRE(j.trash().size() == 1u);
    j.purge(j.trash()[0].set_id);
    BOOST_TEST(j.trash().empty());
    BOOST_CHECK_THROW(j.restore(bin2[0].set_id), core::Error);
    BOOST_CHECK_THROW(j.undo(), core::Error); // a purge cannot be undone
}

BOOST_AUTO_TEST_CASE(a_member_restored_from_the_bin_gets_back_the_links_its_deletion_cleared) {
    test::Branch b;
    core::Journal j(b.a());
    core::Id rid = b.add("assembly", core::Date(2026, 3, 5));
    core::Id wang = b.ids["王建国"];
    BOOST_TEST(b.a().db().scalar_int("SELECT host_id FROM record WHERE id = " + std::to_string(rid)) == wang);
    core::Roster roster(b.a().db(), b.org);
    roster.remove_member(wang);
    BOOST_TEST(b.a().db().scalar_int("SELECT host_id IS NULL FROM record WHERE id = " + std::to_string(rid)) == 1);
    // A later edit of the record's topic survives the restore.
    {
        core::Transaction tx(b.a().db());
        b.a().db().exec("UPDATE record SET topic = '后来改的主题' WHERE id = " + std::to_string(rid));
        tx.commit();
    }
    auto bin = j.trash();
    BOOST_TEST_REQUIRE(bin.size() == 1u);
    BOOST_TEST(bin[0].title == "王建国");
    j.restore(bin[0].set_id);
    BOOST_TEST(b.a().db().scalar_int("SELECT host_id FROM record WHERE id = " + std::to_string(rid)) == wang);
    BOOST_TEST(b.a().db().scalar_text("SELECT topic FROM record WHERE id = " + std::to_string(rid)) == "后来改的主题");
    BOOST_TEST(b.a().db().scalar_int("SELECT count(*) FROM committee_member WHERE member_id = " + std::to_string(wang)) == 1);
}

namespace {

/// Rows the journal holds for the setting `key` (inserted and updated).
std::int64_t journaled(core::Archive& a, const std::string& key) {
    core::Statement st(a.db(), "SELECT count(*) FROM change_row WHERE tbl = 'setting' AND row_id = "
                               "(SELECT rowid FROM setting WHERE key = ?)");
    st.bind(1, key);
    return st.step() ? st.get_int(0) : 0;
}

std::int64_t triggers_in(core::Archive& a, const std::string& schema) {
    return a.db().scalar_int("SELECT count(*) FROM " + schema +
                             ".sqlite_schema WHERE type = 'trigger' AND substr(name, 1, 8) = 'journal_'");
}

} // namespace

// The journal's triggers are made on a connection just before its first write, so a command that
// only reads never pays for them; every way of writing still goes through them.
BOOST_AUTO_TEST_CASE(a_write_through_any_path_is_journaled_and_reading_makes_no_triggers) {
    test::ScratchDir dir("journal-paths");
    auto path = (dir / "a.onebook").string();
    { auto a = test::make_archive(path); }
    {
        auto a = core::Archive::open(path);
        a.home();
        a.setting("backup.keep_daily");
        core::Journal(a).history({});
        BOOST_TEST(triggers_in(a, "temp") == 0);
        BOOST_TEST(triggers_in(a, "main") == 0);
        // A statement outside any transaction (autocommit).
        core::Statement(a.db(), "INSERT INTO setting(key, value) VALUES ('t.statement', '1')").run();
        BOOST_TEST(triggers_in(a, "temp") > 0);
        BOOST_TEST(journaled(a, "t.statement") == 1);
    }
    {
        auto a = core::Archive::open(path);
        a.db().exec("UPDATE setting SET value = '2' WHERE key = 't.statement'; INSERT INTO setting VALUES ('t.exec', '1')");
        BOOST_TEST(journaled(a, "t.statement") == 2);
        BOOST_TEST(journaled(a, "t.exec") == 1);
    }
    {
        // The triggers made inside a transaction that is rolled back are made again.
        auto a = core::Archive::open(path);
        a.db().exec("BEGIN");
        a.db().exec("INSERT INTO setting VALUES ('t.rolled-back', '1')");
        a.db().exec("ROLLBACK");
        BOOST_TEST(triggers_in(a, "temp") == 0);
        a.set_setting("t.after-rollback", "1");
        BOOST_TEST(journaled(a, "t.after-rollback") == 1);
    }
    {
        // …and so are those made inside a savepoint rolled back to, before the outer change goes on.
        auto a = core::Archive::open(path);
        core::ChangeScope outer(a.db(), "edit", "");
        {
            core::Transaction inner(a.db());
            core::Statement(a.db(), "INSERT INTO setting VALUES ('t.inner', '1')").run();
        }
        core::Statement(a.db(), "INSERT INTO setting VALUES ('t.outer', '1')").run();
        outer.commit();
        BOOST_TEST(a.setting("t.inner").empty());
        BOOST_TEST(journaled(a, "t.outer") == 1);
        BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_set WHERE open IS NOT NULL") == 0);
    }
    // An archive written by an earlier OneBook keeps its triggers in the file: the first write drops
    // them (a change is journaled once, not twice).
    std::string kept;
    {
        auto a = core::Archive::open(path);
        a.set_setting("t.probe", "1");
        kept = a.db().scalar_text("SELECT sql FROM temp.sqlite_schema WHERE name = 'journal_setting_ai'");
    }
    BOOST_TEST_REQUIRE(kept.find("CREATE TRIGGER") == 0u); // as SQLite keeps it, TEMP left out
    kept.replace(kept.find("main.\"setting\""), std::string("main.\"setting\"").size(), "\"setting\"");
    test::exec_sql(path, kept);
    {
        auto a = core::Archive::open(path);
        BOOST_TEST(triggers_in(a, "main") == 1);
        a.set_setting("t.once", "1");
        BOOST_TEST(triggers_in(a, "main") == 0);
        BOOST_TEST(journaled(a, "t.once") == 1);
        core::Journal(a).undo();
        BOOST_TEST(a.setting("t.once").empty());
    }
}

namespace {

/// What a program without OneBook's guard function (the sqlite3 shell) gets for `sql` on the file:
/// "" when it ran, else SQLite's message.
std::string foreign_sql(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = rc == SQLITE_OK ? "" : err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    sqlite3_close(db);
    return msg;
}

std::int64_t guards_in(const std::string& path, const std::string& table) {
    auto a = core::Archive::open(path);
    core::Statement st(a.db(),
                       "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND name GLOB 'guard_*'");
    st.bind(1, table);
    return st.step() ? st.get_int(0) : 0;
}

} // namespace

// The journal's own triggers live with OneBook's connections; what the file keeps is a guard on
// every journaled table, so another program cannot change the archive without a journal entry: it
// may read, its inserts, updates and deletes are refused naming the function it lacks.
BOOST_AUTO_TEST_CASE(a_program_without_the_guard_function_can_read_but_not_change_a_journaled_table) {
    test::ScratchDir dir("journal-guard");
    auto path = (dir / "a.onebook").string();
    {
        auto a = test::make_archive(path);
        a.set_setting("t.kept", "1");
    }
    BOOST_TEST(foreign_sql(path, "SELECT count(*) FROM setting; SELECT * FROM change_row") == "");
    for (const char* sql :
         {"INSERT INTO setting VALUES ('t.foreign', '1')", "UPDATE setting SET value = '2' WHERE key = 't.kept'",
          "DELETE FROM setting WHERE key = 't.kept'", "DELETE FROM organisation", "UPDATE member SET name = '某' WHERE 0"}) {
        std::string msg = foreign_sql(path, sql);
        BOOST_TEST(msg.find("no such function: onebook_journal_guard") != std::string::npos, sql << " → " << msg);
    }
    {
        auto a = core::Archive::open(path);
        BOOST_TEST(a.setting("t.kept") == "1");
        BOOST_TEST(a.setting("t.foreign").empty());
        // OneBook's own writes pass the guard and are journaled.
        a.set_setting("t.kept", "3");
        BOOST_TEST(journaled(a, "t.kept") == 2);
    }
    // Every journaled table is guarded, the journal's own tables are not (the triggers write them).
    {
        auto a = core::Archive::open(path);
        std::int64_t tables = a.db().scalar_int(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%' "
            "AND name NOT IN ('change_set', 'change_row', 'trash_item')");
        BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'guard_*'") ==
                   3 * tables);
        BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'guard_*' AND "
                                     "tbl_name IN ('change_set', 'change_row', 'trash_item')") == 0);
    }
    // A table added later (a migration) and an archive whose guards are gone (made before them)
    // are guarded at the next open; the new table's changes are journaled like any other.
    test::exec_sql(path, "CREATE TABLE later_table(id INTEGER PRIMARY KEY, x TEXT); DROP TRIGGER guard_setting_u");
    BOOST_TEST(guards_in(path, "later_table") == 3);
    BOOST_TEST(guards_in(path, "setting") == 3);
    BOOST_TEST(foreign_sql(path, "INSERT INTO later_table(x) VALUES ('a')").find("onebook_journal_guard") != std::string::npos);
    BOOST_TEST(foreign_sql(path, "UPDATE setting SET value = '4'").find("onebook_journal_guard") != std::string::npos);
    {
        auto a = core::Archive::open(path);
        a.db().exec("INSERT INTO later_table(x) VALUES ('b')");
        BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_row WHERE tbl = 'later_table'") == 1);
    }
}

// A connection makes the journal's triggers of the tables it writes, and only those: a statement's
// foreign-key actions and the triggers it fires count as its writes.
BOOST_AUTO_TEST_CASE(a_connection_makes_the_triggers_of_the_tables_it_writes_foreign_key_actions_included) {
    test::ScratchDir dir("journal-lazy");
    auto path = (dir / "a.onebook").string();
    {
        auto a = test::make_archive(path);
        a.db().exec("INSERT INTO record(id, organisation_id, type, type_name, date, fields) VALUES "
                    "(7, 1, 'assembly', '支部党员大会', '2025-03-15', '{}');"
                    "INSERT INTO record_attendance(record_id, name, present) VALUES (7, '王建国', 1), (7, '李秀兰', 0)");
    }
    auto a = core::Archive::open(path);
    auto made = [&](const std::string& name) {
        core::Statement st(a.db(), "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'trigger' AND name = ?");
        st.bind(1, name);
        return st.step() && st.get_int(0) == 1;
    };
    a.set_setting("t.lazy", "1");
    BOOST_TEST(made("journal_setting_ai"));
    BOOST_TEST(!made("journal_record_ad"));
    BOOST_TEST(!made("search_record_ad")); // a setting feeds no search
    {
        core::Transaction tx(a.db()); // a change set closed at commit (undo reverses closed ones)
        a.db().exec("DELETE FROM record WHERE id = 7");
        tx.commit();
    }
    BOOST_TEST(made("journal_record_ad"));
    BOOST_TEST(made("journal_record_attendance_ad")); // ON DELETE CASCADE
    BOOST_TEST(made("search_record_ad"));
    BOOST_TEST(!made("journal_member_ai"));
    BOOST_TEST(triggers_in(a, "temp") < 30); // of 120-odd
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM change_row WHERE tbl = 'record_attendance' AND op = 'D'") == 2);
    core::Journal(a).undo();
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM record_attendance WHERE record_id = 7") == 2);
}

// A connection keeps the list of journaled tables while the schema cookie stays; a table made
// since, or a schema a rollback took back, is read again, so its writes are journaled all the same.
BOOST_AUTO_TEST_CASE(a_table_made_after_the_first_write_is_journaled) {
    test::ScratchDir dir("journal-schema-cookie");
    auto path = (dir / "a.onebook").string();
    { auto a = test::make_archive(path); }
    auto rows_of = [](core::Archive& a, const std::string& table) {
        core::Statement st(a.db(), "SELECT count(*) FROM change_row WHERE tbl = ?");
        st.bind(1, table);
        return st.step() ? st.get_int(0) : -1;
    };
    {
        auto a = core::Archive::open(path);
        a.set_setting("t.first", "1"); // the list read, and kept
        a.db().exec("CREATE TABLE extra(id INTEGER PRIMARY KEY, x TEXT)");
        a.db().exec("INSERT INTO extra(x) VALUES ('a')");
        BOOST_TEST(rows_of(a, "extra") == 1);
    }
    {
        // Read inside a transaction that rolls back: the cookie goes back, and the next table made
        // reaches the value the rolled-back schema had.
        auto a = core::Archive::open(path);
        a.db().exec("BEGIN");
        a.db().exec("CREATE TABLE gone(id INTEGER PRIMARY KEY, x TEXT)");
        a.db().exec("INSERT INTO setting VALUES ('t.rolled-back', '1')");
        a.db().exec("ROLLBACK");
        a.db().exec("CREATE TABLE later(id INTEGER PRIMARY KEY, x TEXT)");
        a.db().exec("INSERT INTO later(x) VALUES ('b')");
        BOOST_TEST(rows_of(a, "later") == 1);
    }
}
