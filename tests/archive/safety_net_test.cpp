// The safety net with the file store: a deleted document keeps its file until purged and comes
// back with it; backups round-trip exactly, stay consistent while the archive is written, cover
// the files by hard links, are pruned, and a damaged one is refused before anything is replaced.
#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

std::string dump(core::Database& db) { return archive::fixtures::dump_user_tables(db); }

struct Fixture {
    test::ScratchDir dir{"onebook-safety"};
    core::Archive archive = test::make_archive(dir / "a.onebook");
    Fixture() { archive.set_setting(archive::fonds_code_setting, "Z031"); }

    archive::Document add_doc(const std::string& title, const std::string& bytes) {
        auto p = dir / "in" / (title + ".pdf");
        test::write_file(p, "%PDF-1.4\n" + bytes);
        archive::DocumentStore docs(archive, test::sector_plugins());
        archive::DocumentMeta m;
        m.section_id = "work.plans";
        m.year = 2025;
        m.retention = archive::Retention::Years30;
        m.title = title;
        return docs.add(p, m);
    }
    void add_record_row(const std::string& topic) {
        core::Transaction tx(archive.db());
        core::Statement st(
            archive.db(),
            "INSERT INTO record(organisation_id, type, type_name, date, topic) VALUES (?, 'assembly', '支部党员大会', '2025-03-05', ?)");
        st.bind_all(archive.home().id, topic).run();
        tx.commit();
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_deleted_document_keeps_its_file_until_purged_and_comes_back_with_it) {
    Fixture f;
    auto doc = f.add_doc("关于换届的请示", "scan bytes");
    auto other = f.add_doc("年度计划", "other bytes");
    archive::FileStore store(f.archive);
    fs::path file = store.path_of(doc.file_sha256);
    BOOST_TEST(fs::exists(file));
    std::string before = dump(f.archive.db());

    archive::DocumentStore(f.archive, test::sector_plugins()).remove(doc.id);
    BOOST_TEST(fs::exists(file));
    BOOST_TEST(store.verify().ok());
    core::Journal j(f.archive);
    auto bin = j.trash();
    BOOST_TEST_REQUIRE(bin.size() == 1u);
    BOOST_TEST(bin[0].kind == "document");
    BOOST_TEST(bin[0].title == "关于换届的请示");

    j.restore(bin[0].set_id);
    BOOST_TEST(dump(f.archive.db()) == before);
    BOOST_TEST(archive::DocumentStore(f.archive, test::sector_plugins()).require(doc.id).file_sha256 == doc.file_sha256);

    archive::DocumentStore(f.archive, test::sector_plugins()).remove(doc.id);
    int removed = j.purge(j.trash().front().set_id);
    BOOST_TEST(removed == 1);
    BOOST_TEST(!fs::exists(file));
    BOOST_TEST(fs::exists(store.path_of(other.file_sha256)));
    auto report = store.verify();
    BOOST_TEST(report.ok());
    BOOST_TEST(report.problems.empty());
}

BOOST_AUTO_TEST_CASE(backup_round_trip_is_exact_and_shares_the_files) {
    Fixture f;
    auto doc = f.add_doc("关于换届的请示", "scan bytes");
    f.add_record_row("部署全年工作");
    std::string at_backup = dump(f.archive.db());
    core::Backups backups(f.archive);
    auto info = backups.make("manual");
    BOOST_TEST(info.files == 1);
    BOOST_TEST(fs::exists(info.path));
    // The file is shared with the store, not copied.
    fs::path pooled = fs::path(core::Backups::folder_for(f.archive.path())) / "files" / doc.file_sha256.substr(0, 2) /
                      doc.file_sha256.substr(2);
    struct stat a {
    }, b{};
    BOOST_TEST_REQUIRE(::stat(pooled.c_str(), &a) == 0);
    BOOST_TEST_REQUIRE(::stat(archive::FileStore(f.archive).path_of(doc.file_sha256).c_str(), &b) == 0);
    BOOST_TEST(a.st_ino == b.st_ino);

    // Later changes, then restore: the data is as it was; the restore itself is an entry.
    f.add_record_row("后来的记录");
    archive::DocumentStore(f.archive, test::sector_plugins()).remove(doc.id);
    BOOST_TEST(dump(f.archive.db()) != at_backup);
    auto safety = backups.restore(info.path);
    BOOST_TEST(dump(f.archive.db()) == at_backup);
    BOOST_TEST(fs::exists(safety.path));
    BOOST_TEST(f.archive.db().scalar_text("PRAGMA integrity_check") == "ok");
    core::Journal j(f.archive);
    auto h = j.history({});
    BOOST_TEST(h.front().kind == "backup-restore");
    BOOST_CHECK_THROW(j.undo(), core::Error);
    // The journal still works on the restored database.
    f.add_record_row("恢复后的记录");
    BOOST_TEST(j.history({}).front().text.find("新增了 会议记录") != std::string::npos);

    // Restore as a new archive: same data, its files beside it.
    fs::path copy = f.dir / "copy.onebook";
    core::Backups::restore_to(info.path, copy.string());
    auto c = core::Archive::open(copy.string());
    BOOST_TEST(dump(c.db()) == at_backup);
    BOOST_TEST(archive::FileStore(c).verify().ok());
}

BOOST_AUTO_TEST_CASE(a_backup_taken_while_the_archive_is_written_is_consistent) {
    Fixture f;
    for (int i = 0; i < 400; ++i) f.add_record_row("记录 " + std::to_string(i) + std::string(200, 'x'));
    core::Backups backups(f.archive);
    int writes = 0;
    // Written between the copy's steps, through the same connection (the shell's background work).
    auto info = backups.make_to((f.dir / "live.onebook").string(), [&](int done, int total) {
        if (done < total) { f.add_record_row("写入中 " + std::to_string(writes++)); }
    });
    BOOST_TEST(writes > 0);
    std::string live = dump(f.archive.db());
    auto check = core::Backups::verify(info.path);
    BOOST_TEST(check.schema_version == core::Archive::latest_schema_version());
    auto copy = core::Archive::open(info.path);
    BOOST_TEST(copy.db().scalar_text("PRAGMA integrity_check") == "ok");
    // Either the state when the copy began or the state at its end, never a mixture.
    BOOST_TEST(dump(copy.db()) == live);
}

BOOST_AUTO_TEST_CASE(a_damaged_backup_is_refused_and_nothing_is_replaced) {
    Fixture f;
    f.add_record_row("部署全年工作");
    core::Backups backups(f.archive);
    auto info = backups.make("manual");
    std::string before = dump(f.archive.db());
    {
        std::fstream io(info.path, std::ios::in | std::ios::out | std::ios::binary);
        // A damaged disk area: ten pages in the middle of the file.
        io.seekp(static_cast<std::streamoff>(fs::file_size(info.path) / 2 / 4096 * 4096));
        std::string junk(40960, '\x5a');
        io.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    try {
        backups.restore(info.path);
        BOOST_FAIL("a damaged backup was accepted");
    } catch (const core::Error& e) { BOOST_TEST(e.key().find("已损坏") != std::string::npos, e.key()); }
    BOOST_TEST(dump(f.archive.db()) == before);
    // Not an archive at all.
    test::write_file(f.dir / "junk.onebook", "hello");
    BOOST_CHECK_THROW(core::Backups::verify((f.dir / "junk.onebook").string()), core::Error);
}

BOOST_AUTO_TEST_CASE(backups_are_pruned_to_the_configured_number) {
    Fixture f;
    f.archive.set_setting("backup.keep_daily", "1");
    f.archive.set_setting("backup.keep_weekly", "1");
    core::Backups backups(f.archive);
    fs::path folder = core::Backups::folder_for(f.archive.path());
    fs::create_directories(folder);
    // Old backups of earlier days (names carry the time).
    auto first = backups.make("manual");
    for (const char* old : {"20240101-100000-auto.onebook", "20240102-100000-auto.onebook", "20240301-100000-auto.onebook",
                            "20240302-100000-auto.onebook", "20240401-100000-auto.onebook"})
        fs::copy_file(first.path, folder / old);
    backups.prune();
    auto left = backups.list();
    // The three newest, whatever their day (today's, 2024-04-01, 2024-03-02).
    BOOST_TEST(left.size() == 3u);
    BOOST_TEST(!backups.due());
}
