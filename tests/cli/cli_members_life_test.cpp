// onebook-cli for a member's life: the 发展党员 pipeline from application to full membership,
// refused moves that change nothing, transfers and status changes, and the roster as of a date.
#include "cli_run.hpp"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace onebook;
using test::contains;

namespace {

struct Cli : test::CliRun {
    Cli()
        : CliRun("onebook-cli-life", {.unset = {"LC_ALL", "LC_MESSAGES", "ONEBOOK_ARCHIVE"},
                                      .set = {{"LANG", "zh_CN.UTF-8"}, {"ONEBOOK_LANG", "zh_CN"}},
                                      .trailing = "--archive b.onebook"}) {}

    /// A meeting record straight into the archive (the record command's own checks are tested
    /// elsewhere): the decisions below only need a record to point at.
    void record(const std::string& type, const std::string& date) {
        test::write_file(dir / "rec.py", "import sqlite3\nc = sqlite3.connect('b.onebook')\n"
                                         "c.create_function('onebook_journal_guard', 0, lambda: None)  # stands in for OneBook\n"
                                         "c.execute(\"INSERT INTO record(organisation_id, type, type_name, date) "
                                         "SELECT id, '" +
                                             type + "', '会议', '" + date + "' FROM organisation\")\nc.commit()\n");
        BOOST_REQUIRE(test::run("cd " + dir.path().string() + " && /usr/bin/python3 rec.py") == 0);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(from_application_to_full_membership) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_REQUIRE(cli("member add --name 王建国 --gender 男 --joined 1992-07-01 --full 1993-07-01") == 0);
    BOOST_REQUIRE(cli("member add --name 李秀兰 --gender 女 --joined 2001-07-01 --full 2002-07-01") == 0);
    BOOST_TEST(cli("member apply --name 李明 --date 2023-01-10 --gender 男 --birth-date 1996-03-12") == 0);
    // Late talk: the pipeline says so and exits 3.
    BOOST_TEST(cli("member pipeline --today 2023-02-11") == 3);
    BOOST_TEST(contains(cli.out, "李明 2023-01-10 递交入党申请书，应在 2023-02-10 前派人谈话，至今未谈话"));
    BOOST_TEST(contains(cli.out, "第七条"));
    // The rules check reports the pipeline too.
    cli("check --year 2023 --today 2023-02-11");
    BOOST_TEST(contains(cli.out, "发展党员"));
    BOOST_TEST(contains(cli.out, "至今未谈话"));
    BOOST_TEST(cli("member milestone 李明 --kind 谈话 --date 2023-01-25") == 0);
    BOOST_TEST(cli("member stage 李明 --to 入党积极分子 --date 2023-03-01 --contacts 王建国、李秀兰") == 0);
    // A committee meeting decides the candidate: the record is required, and a year must have passed.
    cli.record("committee", "2024-03-01");
    BOOST_TEST(cli("member stage 李明 --to 发展对象 --date 2024-03-01") == 1);
    BOOST_TEST(contains(cli.err, "--record"));
    BOOST_TEST(cli("member stage 李明 --to 发展对象 --date 2024-02-29 --record 1") == 1);
    BOOST_TEST(contains(cli.err, "2024-03-01 前不能列为发展对象"));
    BOOST_TEST(cli("member stage 李明 --to 发展对象 --date 2024-03-01 --record 1") == 0);
    BOOST_TEST(cli("member milestone 李明 --kind 政审 --date 2024-03-10") == 0);
    BOOST_TEST(cli("member milestone 李明 --kind 培训 --date 2024-03-20 --days 3") == 0);
    BOOST_TEST(cli("member milestone 李明 --kind 公示 --date 2024-04-01") == 0);
    cli.record("assembly", "2024-04-06");
    BOOST_TEST(cli("member stage 李明 --to 预备党员 --date 2024-04-06 --record 2") == 0);
    BOOST_TEST(cli("member list --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"name\":\"李明\""));
    BOOST_TEST(contains(cli.out, "\"status\":\"预备党员\""));
    BOOST_TEST(cli("member pipeline --today 2025-04-07 --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"state\":\"逾期\""));
    BOOST_TEST(contains(cli.out, "李明 预备期 2025-04-06 届满，支部尚未讨论转正"));
    cli.record("assembly", "2025-04-06");
    BOOST_TEST(cli("member stage 李明 --to 正式党员 --date 2025-04-05 --record 3") == 1);
    BOOST_TEST(cli("member stage 李明 --to 正式党员 --date 2025-04-06 --record 3") == 0);
    BOOST_TEST(cli("member list --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"status\":\"正式党员\""));
    BOOST_TEST(contains(cli.out, "\"full_date\":\"2025-04-06\""));
}

BOOST_AUTO_TEST_CASE(transfers_and_status_changes_shape_the_roster_as_of_a_date) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_REQUIRE(cli("member add --name 马俊 --gender 男 --joined 2015-07-01 --full 2016-07-01") == 0);
    BOOST_REQUIRE(cli("member add --name 吴静 --gender 女 --joined 2019-07-01 --full 2020-07-01") == 0);
    BOOST_TEST(cli("member transfer-out 马俊 --to 深圳市粤海街道科技园社区党委 --date 2025-06-30 --letter 幸社党转〔2025〕2号 "
                   "--dues-paid-to 2025-06") == 0);
    BOOST_TEST(cli("member transfer-in --name 郑毅 --from 红星村党支部 --date 2025-03-01 --join-date 2012-06-28 "
                   "--letter 红星党转〔2025〕5号") == 0);
    BOOST_TEST(cli("member status 吴静 --kind 死亡 --date 2025-09-01") == 1);
    BOOST_TEST(contains(cli.err, "--reason"));
    BOOST_TEST(cli("member list --on 2025-06-29 --format json") == 0);
    BOOST_TEST(contains(cli.out, "马俊"));
    BOOST_TEST(contains(cli.out, "郑毅"));
    BOOST_TEST(cli("member list --on 2025-06-30 --format json") == 0);
    BOOST_TEST(!contains(cli.out, "马俊"));
    BOOST_TEST(cli("member list --on 2025-02-28 --format json") == 0);
    BOOST_TEST(!contains(cli.out, "郑毅"));
    BOOST_TEST(contains(cli.out, "马俊"));
    BOOST_TEST(cli("member list") == 0);
    BOOST_TEST(contains(cli.out, "共 2 名党员"));
    BOOST_TEST(cli("member history --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"letter\":\"幸社党转〔2025〕2号\""));
    BOOST_TEST(contains(cli.out, "\"dues_paid_to\":\"2025-06\""));
    BOOST_TEST(cli("member transfer-out 马俊 --to 别处 --date 2025-07-01") == 1);
    BOOST_TEST(contains(cli.err, "不在名册中"));
}

BOOST_AUTO_TEST_CASE(dues_per_member_and_the_party_statistics_as_tables) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部 --records-start 2025-01-01") == 0);
    BOOST_REQUIRE(
        cli("member add --name 王建国 --gender 男 --joined 1992-07-01 --full 1993-07-01 --birth 1960-05-01 --education 大学本科") ==
        0);
    BOOST_REQUIRE(
        cli("member add --name 李秀兰 --gender 女 --joined 2001-07-01 --full 2002-07-01 --birth 1975-02-01 --education 大专") ==
        0);
    // 3000.00 is the top of the 0.5 % band: 15.00 a month; a retired member's 5000.01 is in the 1 % band.
    BOOST_TEST(cli("dues base 李秀兰 --from 2025-01 --to 2025-06 --base 3000") == 0);
    BOOST_TEST(contains(cli.out, "每月应交 15.00 元"));
    BOOST_TEST(contains(cli.out, "中组发〔2008〕3号"));
    BOOST_TEST(cli("dues base 王建国 --from 2025-01 --to 2025-06 --base 5000.01 --kind 离退休") == 0);
    BOOST_TEST(contains(cli.out, "每月应交 50.00 元"));
    BOOST_TEST(cli("dues base 王建国 --from 2025-01 --base 100 --kind 农民") == 1);
    BOOST_TEST(contains(cli.err, "在职、离退休"));
    BOOST_TEST(cli("dues base 王建国 --from 2025-01 --base 100 --fixed 1") == 1);
    BOOST_TEST(cli("dues pay 王建国 --from 2025-01 --to 2025-06 --amount 300 --date 2025-06-10") == 0);
    BOOST_TEST(cli("dues pay 李秀兰 --from 2025-01 --to 2025-02 --amount 30.01 --date 2025-02-10") == 1);
    BOOST_TEST(contains(cli.err, "多于这些月份尚欠的 30.00 元"));
    BOOST_TEST(cli("dues pay 李秀兰 --from 2025-01 --to 2025-02 --amount 30 --date 2025-02-10") == 0);
    // As of 30 April: 李秀兰 owes March and April.
    BOOST_TEST(cli("dues members --year 2025 --on 2025-04-30 --format csv --out dues.csv") == 0);
    std::string csv = test::read_file(cli.dir / "dues.csv");
    BOOST_TEST(contains(csv, "李秀兰,3000.00,0.5,15.00,60.00,30.00,30.00,2,2025-02-10"));
    BOOST_TEST(contains(csv, "王建国,5000.01,1.0,50.00,200.00,300.00,0.00,0,2025-06-10"));
    BOOST_TEST(cli("dues members --year 2025 --on 2025-04-30 --out dues.xlsx") == 0);
    BOOST_TEST(fs::file_size(cli.dir / "dues.xlsx") > 1000u);
    // The half-year's totals from the members' rows, saved for the dues board.
    BOOST_TEST(cli("dues sum --period 2025-H1 --save") == 0);
    BOOST_TEST(contains(cli.out, "应交 2 人，实交 1 人，330.00 元"));
    BOOST_TEST(cli("dues list --format csv") == 0);
    BOOST_TEST(contains(cli.out, "2025-H1,2025年上半年,2,1,330.00"));

    // 党内统计 of 2025 after 李秀兰 moves away in 2026: she still counts for 2025.
    BOOST_TEST(cli("member transfer-out 李秀兰 --to 光明社区党支部 --date 2026-01-15") == 0);
    BOOST_TEST(cli("member stats --year 2025 --format json") == 0);
    BOOST_TEST(contains(cli.out, R"({"dimension":"性别","category":"女","count":1,"share":50})"));
    BOOST_TEST(contains(cli.out, R"({"dimension":"学历","category":"大学专科","count":1,"share":50})"));
    BOOST_TEST(contains(cli.out, R"({"item":"统计日党员数","count":2})"));
    BOOST_TEST(cli("member stats --year 2026 --on 2026-03-01 --format csv") == 0);
    BOOST_TEST(contains(cli.out, "组织关系转出,1"));
    BOOST_TEST(contains(cli.out, "统计日党员数,1"));
    BOOST_TEST(cli("member stats --year 2026 --on 2026-03-01 --out stats.xlsx") == 0);
    BOOST_TEST(fs::exists(cli.dir / "stats.xlsx"));
}

BOOST_AUTO_TEST_CASE(the_three_high_survey_against_its_thresholds) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_TEST(cli("survey three-high --year 2025") == 1);
    BOOST_TEST(contains(cli.err, "还没有登记"));
    BOOST_TEST(
        cli("survey three-high --year 2025 --date 2025-11-20 --respondents 200 --aware 201 --participating 1 --satisfied 1") ==
        1);
    BOOST_TEST(contains(cli.err, "--aware 的人数 201"));
    BOOST_TEST(
        cli("survey three-high --year 2025 --date 2025-11-20 --respondents 200 --aware 180 --participating 179 --satisfied 190 "
            "--format csv") == 0);
    BOOST_TEST(contains(cli.out, "认知度,180,200,90.0,90.0,达到,3.33"));
    BOOST_TEST(contains(cli.out, "参与度,179,200,89.5,90.0,未达到,3.00"));
    BOOST_TEST(cli("survey three-high --year 2025") == 0);
    BOOST_TEST(contains(cli.out, "本插件拟定"));
    BOOST_TEST(contains(cli.out, "满意度高(95%以上)"));
}

// 一卡一簿一单 from the command line: a card for the one 协管 member, the year's register as a list
// and a PDF, the feedback sheet for that member; a 直管 member is refused by name (exit 1), a missing
// option is a usage error (exit 2).
BOOST_AUTO_TEST_CASE(inservice_card_register_and_feedback_sheet) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_TEST(cli("inservice card --out none.pdf") == 1);
    BOOST_TEST(contains(cli.err, "没有在职党员"));
    BOOST_REQUIRE(cli("member add --name 王建国 --gender 男 --joined 1992-07-01 --full 1993-07-01") == 0);
    BOOST_REQUIRE(cli("member add --name 张伟 --gender 男 --joined 2008-07-01 --full 2009-07-01 --category 协管 "
                      "--employer 区教育局") == 0);
    BOOST_REQUIRE(cli("record add --type worker_checkin --date 2025-03-02 --place 社区党员服务站 --host 王建国 "
                      "--topic 到社区报到 --present 张伟 --field checkin_kind=报到登记（登记卡） --field employer=区教育局 "
                      "--field minutes=填写登记卡") == 0);
    BOOST_REQUIRE(cli("record add --type worker_checkin --date 2025-11-20 --place 社区党员服务站 --host 王建国 "
                      "--topic 年度反馈 --present 张伟 --field checkin_kind=意见反馈（反馈单） --field employer=区教育局 "
                      "--field minutes=汇总表现 --field feedback=表现良好") == 0);
    BOOST_TEST(cli("inservice card --out cards.pdf") == 0);
    BOOST_TEST(contains(cli.out, "1 项，1 页"));
    BOOST_TEST(fs::file_size(cli.dir / "cards.pdf") > 1000u);
    BOOST_TEST(cli("inservice list --year 2025 --format csv") == 0);
    BOOST_TEST(contains(cli.out, "2025-03-02,张伟,区教育局,报到登记（登记卡）,到社区报到"));
    BOOST_TEST(cli("inservice register --year 2025 --out register.pdf") == 0);
    BOOST_TEST(contains(cli.out, "2 项"));
    BOOST_TEST(cli("inservice feedback 张伟 --year 2025 --out feedback.pdf") == 0);
    BOOST_TEST(fs::exists(cli.dir / "feedback.pdf"));
    BOOST_TEST(cli("inservice feedback 王建国 --year 2025 --out other.pdf") == 1);
    BOOST_TEST(contains(cli.err, "王建国"));
    BOOST_TEST(!fs::exists(cli.dir / "other.pdf"));
    BOOST_TEST(cli("inservice register --year 2025") == 2);
}

BOOST_AUTO_TEST_CASE(stage_documents_and_letters_are_filed_with_archival_codes) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_REQUIRE(cli("doc codes --fonds Z031") == 0);
    BOOST_REQUIRE(cli("member add --name 王建国 --gender 男 --joined 1992-07-01 --full 1993-07-01") == 0);
    BOOST_REQUIRE(cli("member apply --name 李明 --date 2025-01-10 --gender 男") == 0);
    test::write_file(cli.dir / "申请书.txt", "入党申请书");
    test::write_file(cli.dir / "介绍信.txt", "中国共产党党员组织关系介绍信");
    // The application's document: permanent, dated by the step, in the 入党积极分子 section.
    BOOST_TEST(cli("member file 李明 申请书.txt --step 入党申请人") == 0);
    BOOST_TEST(contains(cli.out, "Z031-WS·2025-Y-0001"));
    BOOST_TEST(contains(cli.out, "李明 入党申请人材料"));
    // A step the person has not reached is refused, and nothing is filed.
    BOOST_TEST(cli("member file 李明 申请书.txt --step 政审") == 1);
    BOOST_TEST(contains(cli.err, "没有“政审”这一步"));
    BOOST_TEST(cli("doc list --format json") == 0);
    BOOST_TEST(!contains(cli.out, "0002"));
    BOOST_TEST(cli("doc list --section basic.activists --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"date\":\"2025-01-10\""));
    // The pipeline shows what is filed for each person.
    cli("member pipeline --today 2025-01-20");
    BOOST_TEST(contains(cli.out, "Z031-WS·2025-Y-0001  李明 入党申请人 2025-01-10"));
    BOOST_TEST(cli("member pipeline --today 2025-01-20 --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"code\":\"Z031-WS·2025-Y-0001\""));
    // A transfer's letter goes to the roster's section, linked to the movement.
    BOOST_TEST(cli("member file-letter 王建国 介绍信.txt") == 1);
    BOOST_TEST(contains(cli.err, "没有组织关系或党籍变动记录"));
    BOOST_REQUIRE(cli("member transfer-out 王建国 --to 红星村党支部 --date 2025-06-30 --letter 幸社党转〔2025〕2号 "
                      "--dues-paid-to 2025-06") == 0);
    BOOST_TEST(cli("member file-letter 王建国 介绍信.txt --title 王建国组织关系介绍信 --ref 幸社党转〔2025〕2号") == 0);
    BOOST_TEST(contains(cli.out, "Z031-WS·2025-Y-0002"));
    BOOST_TEST(cli("doc list --section basic.members --format json") == 0);
    BOOST_TEST(contains(cli.out, "王建国组织关系介绍信"));
    BOOST_TEST(cli("member documents --format json") == 0);
    BOOST_TEST(contains(cli.out, "\"step\":\"转出\""));
    BOOST_TEST(contains(cli.out, "\"step\":\"入党申请人\""));
    BOOST_TEST(cli("member documents 王建国 --format csv") == 0);
    BOOST_TEST(contains(cli.out, "Z031-WS·2025-Y-0002"));
    BOOST_TEST(!contains(cli.out, "Z031-WS·2025-Y-0001"));
    // The 介绍信 printed from the movement, with its 回执, and filed as a third document.
    BOOST_TEST(cli("member letter 王建国 --out 王建国介绍信.pdf --add-to-book") == 0);
    BOOST_TEST(contains(cli.out, "Z031-WS·2025-Y-0003 王建国党员组织关系介绍信"));
    std::string text;
    BOOST_REQUIRE(test::run("pdftotext '" + (cli.dir / "王建国介绍信.pdf").string() + "' -", &text) == 0);
    BOOST_TEST(contains(text, "中国共产党党员组织关系介绍信"));
    BOOST_TEST(contains(text, "红星村党支部"));
    BOOST_TEST(contains(text, "党费已交到2025年6月"));
    BOOST_TEST(contains(text, "回"));
    BOOST_TEST(cli("member letter 李明 --out x.pdf") == 1);
}

BOOST_AUTO_TEST_CASE(the_party_statistics_print_as_a_pdf_with_embedded_fonts) {
    Cli cli;
    BOOST_REQUIRE(cli("init b.onebook --sector community --name 幸福里社区党支部") == 0);
    BOOST_REQUIRE(cli("member add --name 王建国 --gender 男 --joined 1992-07-01 --full 1993-07-01 --birth 1960-05-01") == 0);
    BOOST_TEST(cli("member stats --year 2025 --on 2025-12-31 --out 党内统计.pdf") == 0);
    BOOST_TEST(contains(cli.out, "2 张表"));
    std::string pdf = test::read_file(cli.dir / "党内统计.pdf");
    BOOST_TEST(pdf.rfind("%PDF-", 0) == 0);
    BOOST_TEST(contains(pdf, "/FontFile"));
    std::string text;
    BOOST_REQUIRE(test::run("pdftotext -layout '" + (cli.dir / "党内统计.pdf").string() + "' -", &text) == 0);
    BOOST_TEST(contains(text, "幸福里社区党支部"));
    BOOST_TEST(contains(text, "党员构成"));
    // --format pdf needs a file; stdout is refused with a message naming --out.
    BOOST_TEST(cli("member stats --year 2025 --format pdf") == 1);
    BOOST_TEST(contains(cli.err, "--out"));
}
