// The archive store: create, open, migrate, and refuse (newer version, not an archive, damaged,
// locked) — refusing never changes the file.
#include "test_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/error.hpp"
#include "onebook/roster.hpp"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

std::string sha256(const fs::path& p) {
    Poco::SHA2Engine engine;
    auto bytes = test::read_file(p);
    engine.update(bytes.data(), bytes.size());
    return Poco::DigestEngine::digestToHex(engine.digest());
}

void raw_exec(const fs::path& p, const std::string& sql) { test::exec_sql(p, sql); }

// Opens `p` expecting a refusal whose message contains `part`; the file must stay byte-identical.
void expect_refused(const fs::path& p, const std::string& part) {
    std::string before = sha256(p);
    try {
        core::Archive::open(p.string());
        BOOST_FAIL("opened " << p << " but expected a refusal containing " << part);
    } catch (const core::Error& e) {
        BOOST_TEST_MESSAGE(e.what());
        BOOST_TEST(std::string(e.what()).find(part) != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find(p.string()) != std::string::npos, "message must name the file");
    }
    BOOST_TEST(sha256(p) == before, "refused file was changed");
    bool no_wal = !fs::exists(p.string() + "-wal") || fs::file_size(p.string() + "-wal") == 0;
    BOOST_TEST(no_wal);
}

} // namespace

BOOST_AUTO_TEST_CASE(create_then_reopen_keeps_everything) {
    test::ScratchDir dir;
    auto path = dir / "a.onebook";
    {
        auto a = test::make_archive(path);
        BOOST_TEST(a.schema_version() == core::Archive::latest_schema_version());
        BOOST_TEST(a.db().scalar_text("PRAGMA journal_mode") == "wal");
        BOOST_TEST(a.db().scalar_int("PRAGMA synchronous") == 2); // FULL
        BOOST_TEST(a.db().scalar_int("PRAGMA foreign_keys") == 1);
        a.set_setting("fonds_code", "Z031");
    }
    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.home().name == "测试社区党支部");
    BOOST_TEST(a.home().sector == "community");
    BOOST_TEST(a.setting("fonds_code") == "Z031");
    BOOST_TEST(a.setting("missing", "x") == "x");
    BOOST_TEST(a.db().scalar_int("PRAGMA application_id") == core::Archive::application_id);
}

BOOST_AUTO_TEST_CASE(create_refuses_existing_file_and_bad_organisation) {
    test::ScratchDir dir;
    test::write_file(dir / "exists.onebook", "keep me");
    BOOST_CHECK_THROW(test::make_archive(dir / "exists.onebook"), core::Error);
    BOOST_TEST(test::read_file(dir / "exists.onebook") == "keep me");

    core::Organisation bad;
    bad.name = "某支部";
    bad.sector = "community";
    bad.form = "小组";
    BOOST_CHECK_THROW(core::Archive::create((dir / "bad.onebook").string(), bad), core::Error);
    BOOST_TEST(!fs::exists(dir / "bad.onebook"), "a failed create must not leave a file behind");
}

BOOST_AUTO_TEST_CASE(old_archive_is_migrated_forward_without_losing_data) {
    test::ScratchDir dir;
    auto path = dir / "v1.onebook";
    // An archive as the first release wrote it: schema 1 only.
    std::string v1 = test::read_file(test::source_dir() / "core" / "sql" / "0001_init.sql");
    raw_exec(path, v1 + "; PRAGMA application_id=" + std::to_string(core::Archive::application_id) +
                       "; PRAGMA user_version=1;"
                       "INSERT INTO organisation(uid,name,sector,form,is_home) VALUES('u1','老支部','village','党支部',1);"
                       "INSERT INTO member(organisation_id,name,status) VALUES(1,'张三','正式党员');");
    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.schema_version() == core::Archive::latest_schema_version());
    BOOST_TEST(a.home().name == "老支部");
    core::Roster roster(a.db(), a.home().id);
    BOOST_TEST(roster.count_members() == 1);
}

BOOST_AUTO_TEST_CASE(newer_archive_is_refused_and_untouched) {
    test::ScratchDir dir;
    auto path = dir / "newer.onebook";
    { test::make_archive(path); }
    raw_exec(path, "PRAGMA user_version=" + std::to_string(core::Archive::latest_schema_version() + 1));
    expect_refused(path, "更新版本");
}

BOOST_AUTO_TEST_CASE(files_that_are_not_archives_are_refused) {
    test::ScratchDir dir;
    test::write_file(dir / "notes.onebook", "这不是数据库，只是一段文字。\n" + std::string(2000, 'x'));
    expect_refused(dir / "notes.onebook", "不是 OneBook 档案");

    raw_exec(dir / "other.db", "CREATE TABLE t(x); INSERT INTO t VALUES(1);");
    expect_refused(dir / "other.db", "不是 OneBook 档案");

    test::write_file(dir / "empty.onebook", "");
    expect_refused(dir / "empty.onebook", "不是 OneBook 档案");

    try {
        core::Archive::open((dir / "missing.onebook").string());
        BOOST_FAIL("opened a missing file");
    } catch (const core::Error& e) { BOOST_TEST(std::string(e.what()).find("不存在") != std::string::npos); }
    BOOST_TEST(!fs::exists(dir / "missing.onebook"));
}

BOOST_AUTO_TEST_CASE(damaged_archive_is_refused_and_untouched) {
    test::ScratchDir dir;
    auto path = dir / "damaged.onebook";
    {
        auto a = test::make_archive(path);
        core::Roster roster(a.db(), a.home().id);
        core::Transaction tx(a.db());
        for (int i = 0; i < 400; ++i) {
            core::Member m;
            m.name = "党员" + std::to_string(i);
            m.workplace_post = std::string(200, 'w');
            roster.add_member(m);
        }
        tx.commit();
    }
    auto bytes = test::read_file(path);
    BOOST_REQUIRE(bytes.size() > 20 * 4096);
    // Scribble over the middle of the file (table b-tree pages), leaving the header intact.
    for (std::size_t i = 8 * 4096; i < 12 * 4096; ++i) bytes[i] = static_cast<char>(i * 7);
    test::write_file(path, bytes);
    expect_refused(path, "已损坏");
}

BOOST_AUTO_TEST_CASE(archive_locked_by_another_process_is_refused) {
    test::ScratchDir dir;
    auto path = dir / "locked.onebook";
    auto a = test::make_archive(path);
    // Same process, second connection.
    try {
        core::Archive::open(path.string());
        BOOST_FAIL("second open succeeded");
    } catch (const core::Error& e) { BOOST_TEST(std::string(e.what()).find("锁定") != std::string::npos, e.what()); }
    // Another process (the CLI).
    std::string out, err;
    int rc = test::run_tool({test::tool_path("onebook-cli"), "info", "--archive", test::utf8(path)}, &out, &err);
    BOOST_TEST(rc != 0);
    BOOST_TEST(err.find(path.string()) != std::string::npos, err);
    bool says_locked = err.find("锁定") != std::string::npos || err.find("locked") != std::string::npos;
    BOOST_TEST(says_locked, err);
    // Still usable by its owner.
    BOOST_TEST(a.home().name == "测试社区党支部");
}

BOOST_AUTO_TEST_CASE(a_failed_change_leaves_nothing_behind) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "tx.onebook");
    core::Roster roster(a.db(), a.home().id);
    try {
        core::Transaction tx(a.db());
        core::Member ok;
        ok.name = "李四";
        roster.add_member(ok);
        core::Member bad;
        bad.name = "王五";
        bad.status = "群众";
        roster.add_member(bad); // throws: the whole change is rolled back
        tx.commit();
    } catch (const core::Error&) {}
    BOOST_TEST(roster.count_members() == 0);
}
