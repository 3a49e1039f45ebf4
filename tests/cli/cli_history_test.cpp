// onebook-cli's safety net as a user runs it: --by names the author in the history, undo/redo,
// delete → trash list → restore, backup / backup list / restore (a damaged backup refused with
// exit status 1 and nothing changed), and the day's automatic backup on first use.
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

namespace fs = std::filesystem;
using namespace onebook;
using test::contains;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli-history", {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_USER", "ONEBOOK_NO_AUTO_BACKUP"},
                                         .set = {{"ONEBOOK_LANG", "zh_CN"}, {"ONEBOOK_ARCHIVE", "b.onebook"}}}) {}
};

} // namespace

BOOST_AUTO_TEST_CASE(history_undo_trash_backup_and_restore) {
    Cli cli;
    BOOST_TEST(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_TEST(cli("member add --name 王建国 --status 正式党员 --by 王建国") == 0);
    BOOST_TEST(cli("member add --name 李秀兰 --status 正式党员 --by 王建国") == 0);
    // The first use of the day made a backup.
    BOOST_TEST(fs::exists(cli.dir / "b.onebook.backups"));
    BOOST_TEST(cli("record add --type assembly --date 2026-03-05 --place 党员活动室 --host 王建国 --recorder 王建国 "
                   "--topic 部署全年工作 --field minutes=讨论通过全年计划 --absent 李秀兰:出差 --by 王建国") == 0);
    BOOST_TEST(cli("history --object record:1") == 0);
    BOOST_TEST(contains(cli.out, "王建国 新增了 会议记录「2026-03-05 支部党员大会 部署全年工作」"));
    BOOST_TEST(contains(cli.out, "出席情况（李秀兰）：缺席（出差）"));
    BOOST_TEST(cli("history --format json --limit 1") == 0);
    BOOST_TEST(contains(cli.out, "\"by\":\"王建国\""));

    BOOST_TEST(cli("undo") == 0);
    BOOST_TEST(contains(cli.out, "已撤销：新增了 会议记录"));
    BOOST_TEST(cli("record list --format json") == 0);
    BOOST_TEST(!contains(cli.out, "部署全年工作"));
    BOOST_TEST(cli("redo") == 0);
    BOOST_TEST(cli("redo") == 1);
    BOOST_TEST(contains(cli.err, "没有可以重做的修改"));

    BOOST_TEST(cli("backup") == 0);
    BOOST_TEST(cli("record remove 1") == 0);
    BOOST_TEST(contains(cli.out, "回收站"));
    BOOST_TEST(cli("trash list --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"kind\":\"record\""));
    BOOST_TEST(contains(cli.out, "\"attached\":2"));
    std::string id = cli.out.substr(cli.out.find("\"id\":") + 5);
    id = id.substr(0, id.find(','));
    BOOST_TEST(cli("trash restore " + id) == 0);
    BOOST_TEST(cli("record list --format json") == 0);
    BOOST_TEST(contains(cli.out, "部署全年工作"));
    BOOST_TEST(cli("trash restore " + id) == 1);

    // A damaged backup is refused and nothing changes; a good one restores.
    BOOST_TEST(cli("backup list --format json") == 0);
    std::string file = cli.out.substr(cli.out.find("\"file\":\"") + 8);
    file = file.substr(0, file.find('"'));
    fs::copy_file(cli.dir / file, cli.dir / "damaged.onebook");
    {
        std::fstream io(cli.dir / "damaged.onebook", std::ios::in | std::ios::out | std::ios::binary);
        io.seekp(static_cast<std::streamoff>(fs::file_size(cli.dir / "damaged.onebook") / 2 / 4096 * 4096));
        std::string junk(40960, 'Z');
        io.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    BOOST_TEST(cli("restore damaged.onebook") == 1);
    BOOST_TEST(contains(cli.err, "已损坏"));
    BOOST_TEST(cli("restore " + file + " --to copy.onebook") == 0);
    BOOST_TEST(cli("record list --archive copy.onebook --format json") == 0);
    BOOST_TEST(contains(cli.out, "部署全年工作"));
    BOOST_TEST(cli("history --limit 1 --archive copy.onebook") == 0);
    BOOST_TEST(contains(cli.out, "从备份"));
}
