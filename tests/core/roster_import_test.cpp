// Roster import from Excel CSV: encodings, header names in any order, date forms, and
// all-or-nothing with row/column/reason for every bad row.
#include "test_support.hpp"

#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/text_encoding.hpp"

#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows936Encoding.h>
#include <boost/test/unit_test.hpp>

#include <map>

using namespace onebook;

namespace {

std::string to_gbk(const std::string& utf8) {
    Poco::UTF8Encoding from;
    Poco::Windows936Encoding to;
    Poco::TextConverter conv(from, to);
    std::string out;
    BOOST_REQUIRE(conv.convert(utf8, out) == 0);
    return out;
}

const std::string kGood =
    "姓名,性别,民族,出生日期,学历,入党日期,转正日期,党员类别,所在党小组,人员类别,身份证号,联系电话,家庭住址\n"
    "王建国,男,汉族,1968-05-06,大学本科,1992/7/1,1993年7月1日,正式党员,第一党小组,直管,11010519680506001X,13800001111,幸福里1号楼\n"
    "李秀兰,女,回族,1975/11/2,大专,2001年6月20日,2002-06-20,正式,第二党小组,协管,,13800002222,\n"
    "\n"
    "\"林,涛\",男,汉族,1998年1月9日,大学本科,2026-03-01,,预备党员,第一党小组,代管,,,\"幸福里\n2号楼\"\n";

struct Fixture {
    test::ScratchDir dir;
    core::Archive archive = test::make_archive(dir / "i.onebook");
    core::Roster roster{archive.db(), archive.home().id};
    core::RosterImporter importer{roster};
};

} // namespace

BOOST_FIXTURE_TEST_CASE(utf8_without_bom, Fixture) {
    auto r = importer.import_bytes(kGood, "good.csv");
    for (const auto& p : r.problems) BOOST_ERROR("row " << p.row << " " << p.column << ": " << p.reason.key);
    BOOST_TEST(r.encoding == "UTF-8");
    BOOST_TEST(r.rows == 3);
    BOOST_TEST(r.added == 3);
    auto w = roster.member_by_name("王建国");
    BOOST_REQUIRE(w);
    BOOST_TEST(w->join_date->iso() == "1992-07-01");
    BOOST_TEST(w->full_date->iso() == "1993-07-01");
    BOOST_TEST(roster.member(w->id, true)->priv.id_number == "11010519680506001X");
    auto l = roster.member_by_name("李秀兰");
    BOOST_TEST(l->status == "正式党员");
    BOOST_TEST(l->category == "协管");
    BOOST_TEST(l->ethnicity == "回族");
    auto t = roster.member_by_name("林,涛");
    BOOST_REQUIRE(t);
    BOOST_TEST(t->status == "预备党员");
    BOOST_TEST(roster.member(t->id, true)->priv.address == "幸福里\n2号楼");
    BOOST_TEST(roster.groups().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(utf8_with_bom_and_gbk_are_detected, Fixture) {
    auto r1 = importer.import_bytes("\xEF\xBB\xBF" + kGood, "bom.csv", true);
    BOOST_TEST(r1.encoding == "UTF-8 BOM");
    BOOST_TEST(r1.problems.empty());
    auto gbk = to_gbk(kGood);
    BOOST_REQUIRE(!core::is_valid_utf8(gbk));
    auto r2 = importer.import_bytes(gbk, "gbk.csv");
    BOOST_TEST(r2.encoding == "GBK");
    BOOST_TEST(r2.problems.empty());
    BOOST_TEST(r2.added == 3);
    BOOST_TEST(roster.member_by_name("李秀兰")->ethnicity == "回族", "GBK text decoded to the same UTF-8");
}

BOOST_FIXTURE_TEST_CASE(columns_in_any_order_and_unknown_columns_kept, Fixture) {
    std::string csv = "党员花名册\n"
                      "序号,联系电话,入党时间,姓名,政治面貌备注,性别,工作单位,职务\n"
                      "1,13900000000,2010-01-01,赵磊,优秀党员,男,区税务局,科员\n";
    auto r = importer.import_bytes(csv, "order.csv");
    BOOST_TEST(r.problems.empty());
    BOOST_REQUIRE_EQUAL(r.unknown_columns.size(), 1u);
    BOOST_TEST(r.unknown_columns[0] == "政治面貌备注");
    auto m = roster.member_by_name("赵磊");
    BOOST_REQUIRE(m);
    BOOST_TEST(m->workplace_post == "区税务局 科员");
    BOOST_TEST(m->notes.find("政治面貌备注：优秀党员") != std::string::npos, "unknown column not dropped");
    BOOST_TEST(roster.member(m->id, true)->priv.phone == "13900000000");
}

BOOST_FIXTURE_TEST_CASE(bad_rows_are_all_reported_and_nothing_is_imported, Fixture) {
    core::Member existing;
    existing.name = "已有党员";
    roster.add_member(existing);
    std::string csv = "姓名,性别,出生日期,入党时间,转正时间,党员类别,人员类别,身份证号\n"
                      "张三,男,1980-01-01,2005-07-01,2006-07-01,正式党员,直管,\n"       // row 2 ok
                      "李四,男,1980-02-30,2005-07-01,2006-07-01,正式党员,直管,\n"       // row 3 impossible date
                      ",女,1980-01-01,2005-07-01,2006-07-01,正式党员,直管,\n"           // row 4 no name
                      "王五,男,1980-01-01,2005-07-01,2004-07-01,正式党员,直管,\n"       // row 5 full before join
                      "赵六,男,1980-01-01,2005-07-01,2006-07-01,群众,直管,\n"           // row 6 bad status
                      "钱七,男,1980-01-01,2005-07-01,2006-07-01,正式党员,直管,123456\n" // row 7 bad id
                      "孙八,男,1980-01-01,2099-07-01,,预备党员,外管,\n";                // row 8 future + bad category
    auto r = importer.import_bytes(csv, "bad.csv");
    BOOST_TEST(!r.imported());
    BOOST_TEST(r.added == 0);
    std::map<long, std::string> column_by_row;
    for (const auto& p : r.problems) {
        BOOST_TEST_MESSAGE("row " << p.row << " [" << p.column << "] " << core::substitute(p.reason.key, p.reason.params));
        column_by_row[p.row] = p.column;
    }
    BOOST_TEST(column_by_row[3] == "出生日期");
    BOOST_TEST(column_by_row[4] == "姓名");
    BOOST_TEST(column_by_row[5] == "转正时间");
    BOOST_TEST(column_by_row[6] == "党员类别");
    BOOST_TEST(column_by_row[7] == "身份证号");
    BOOST_TEST(column_by_row.count(8) == 1u);
    BOOST_TEST(column_by_row.count(2) == 0u);
    BOOST_TEST(roster.count_members() == 1, "nothing imported when any row is bad");
}

BOOST_FIXTURE_TEST_CASE(reimport_updates_instead_of_duplicating, Fixture) {
    BOOST_TEST(importer.import_bytes(kGood, "a.csv").added == 3);
    std::string changed = kGood;
    changed.replace(changed.find("幸福里1号楼"), std::string("幸福里1号楼").size(), "幸福里9号楼");
    auto r = importer.import_bytes(changed, "b.csv");
    BOOST_TEST(r.added == 0);
    BOOST_TEST(r.updated == 3);
    BOOST_TEST(roster.count_members() == 3);
    auto w = roster.member_by_name("王建国");
    BOOST_TEST(roster.member(w->id, true)->priv.address == "幸福里9号楼");
}

BOOST_FIXTURE_TEST_CASE(duplicate_ids_and_garbage_files, Fixture) {
    std::string csv = "姓名,身份证号\n甲,11010519680506001X\n乙,11010519680506001X\n";
    auto r = importer.import_bytes(csv, "dup.csv");
    BOOST_REQUIRE_EQUAL(r.problems.size(), 1u);
    BOOST_TEST(r.problems[0].row == 3);
    BOOST_CHECK_THROW(importer.import_bytes("\xFF\xFF\xFE\x81\x30", "bin.csv"), core::Error);
    BOOST_CHECK_THROW(importer.import_bytes("性别,民族\n男,汉族\n", "noname.csv"), core::Error);
    BOOST_CHECK_THROW(importer.import_bytes("姓名\n\"未闭合\n", "quote.csv"), core::Error);
    BOOST_TEST(roster.count_members() == 0);
}
