// onebook-cli and office files: member import of an .xlsx (and --sheet), record/rectify/ruletext
// export to .docx (a file, or standard output with --out -), and the messages for bad requests.
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace onebook;
using test::contains;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli-office", {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_LANG"},
                                        .set = {{"LANG", "C.UTF-8"}, {"ONEBOOK_ARCHIVE", "b.onebook"}},
                                        .shown = 2000}) {}
};

} // namespace

BOOST_AUTO_TEST_CASE(import_a_workbook_then_export_minutes_ledger_and_rules) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    test::write_file(cli.dir / "make.py", R"PY(
import datetime, openpyxl
wb = openpyxl.Workbook()
wb.active.title = "说明"
wb.active["A1"] = "请在“名单”中填写"
ws = wb.create_sheet("名单")
ws.append(["姓名", "性别", "出生日期", "入党时间", "党员类别"])
for i, n in enumerate(["王建国", "李秀兰", "何平", "吴静"]):
    ws.append([n, "男" if i % 2 == 0 else "女", datetime.datetime(1970 + i, 3, 1), datetime.datetime(1995 + i, 7, 1), "正式党员"])
wb.save("名册.xlsx")
)PY");
    BOOST_REQUIRE(test::run("cd '" + cli.dir.path().string() + "' && /usr/bin/python3 make.py") == 0);
    BOOST_TEST(cli("member import 名册.xlsx") == 1, "the first sheet has no header");
    BOOST_TEST(contains(cli.err, "名册.xlsx"));
    BOOST_TEST(cli("member import 名册.xlsx --sheet 花名册") == 1);
    BOOST_TEST(contains(cli.err, "名单"), "the message lists the sheets there are");
    BOOST_TEST(cli("member import 名册.xlsx --sheet 名单") == 0);
    BOOST_TEST(contains(cli.out, "名单"));
    BOOST_TEST(contains(cli.out, "4"));

    BOOST_REQUIRE(cli("record add --type assembly --date 2025-03-05 --place 党员活动室 --host 王建国 --recorder 吴静 "
                      "--topic 研究发展党员工作 --field minutes=讨论发展对象 --absent 何平:出差") == 0);
    BOOST_TEST(cli("record export 1 --out 记录.docx") == 0);
    BOOST_TEST(fs::exists(cli.dir / "记录.docx"));
    BOOST_TEST(cli("record export 1 --out -") == 0);
    BOOST_TEST(cli.out.rfind("PK\x03\x04", 0) == 0, "a .docx on standard output");
    BOOST_TEST(cli("record export --year 2025 --type 支部党员大会 --out 全年.docx") == 0);
    BOOST_TEST(cli("record export --year 2024 --out 空.docx") == 1);
    BOOST_TEST(!fs::exists(cli.dir / "空.docx"));
    BOOST_TEST(cli("record export 99 --out x.docx") == 1);
    BOOST_TEST(contains(cli.err, "99"));
    BOOST_TEST(cli("record export --out x.docx") == 1);
    BOOST_TEST(cli("rectify add --item 党员活动室面积不足 --measures 协调共建单位 --owner 王建国 --deadline 2099-12-31") == 0);
    BOOST_TEST(cli("rectify export --out 台账.docx") == 0);
    BOOST_TEST(cli("ruletext export --out 制度.docx") == 0);

    std::string text;
    BOOST_REQUIRE(
        test::run("/usr/bin/python3 -c \"import docx,sys; [print(p.text) for f in sys.argv[1:] for d in [docx.Document(f)] "
                  "for p in d.paragraphs]; [print(c.text) for f in sys.argv[1:] for d in [docx.Document(f)] for t in d.tables "
                  "for r in t.rows for c in r.cells]\" '" +
                      (cli.dir / "记录.docx").string() + "' '" + (cli.dir / "台账.docx").string() + "' '" +
                      (cli.dir / "制度.docx").string() + "'",
                  &text) == 0);
    BOOST_TEST(contains(text, "支部党员大会记录"));
    BOOST_TEST(contains(text, "讨论发展对象"));
    BOOST_TEST(contains(text, "党员活动室面积不足"));
    BOOST_TEST(contains(text, "基本制度"));

    cli.set("LANG", "en_US.UTF-8");
    BOOST_TEST(cli("member import 名册.xlsx --sheet 花名册") == 1);
    BOOST_TEST(contains(cli.err, "has no sheet named"));
}
