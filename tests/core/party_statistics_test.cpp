// 党内统计: every band at its edge, the roster of the day counted (not today's), and the year's
// changes from recruitment events and roster movements.
#include "test_support.hpp"

#include "onebook/error.hpp"
#include "onebook/member_history.hpp"
#include "onebook/party_statistics.hpp"
#include "onebook/roster.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;
using core::Date;

namespace {

int count(const core::PartyStatistics& s, const std::string& dim, const std::string& cat) {
    for (const auto& c : s.composition)
        if (c.dimension == dim && c.category == cat) return c.count;
    BOOST_FAIL("no category " + dim + "/" + cat);
    return -1;
}

} // namespace

BOOST_AUTO_TEST_CASE(bands_at_their_edges) {
    BOOST_TEST(core::age_band(30) == "30岁及以下");
    BOOST_TEST(core::age_band(31) == "31至35岁");
    BOOST_TEST(core::age_band(60) == "56至60岁");
    BOOST_TEST(core::age_band(61) == "61岁及以上");
    BOOST_TEST(core::join_band(Date(1949, 9, 30)) == "1949年10月以前");
    BOOST_TEST(core::join_band(Date(1949, 10, 1)) == "1949年10月至1966年4月");
    BOOST_TEST(core::join_band(Date(2012, 10, 31)) == "2002年11月至2012年10月");
    BOOST_TEST(core::join_band(Date(2012, 11, 1)) == "2012年11月以后");
    BOOST_TEST(core::education_band("大学本科") == "大学本科");
    BOOST_TEST(core::education_band("大学专科") == "大学专科");
    BOOST_TEST(core::education_band("大专") == "大学专科");
    BOOST_TEST(core::education_band("硕士研究生") == "研究生");
    BOOST_TEST(core::education_band("中专") == "中专");
    BOOST_TEST(core::education_band("小学") == "初中及以下");
    BOOST_TEST(core::education_band("") == "未填写");
}

BOOST_AUTO_TEST_CASE(the_year_is_counted_on_the_roster_of_its_last_day) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "s.onebook");
    core::Roster roster(a.db(), a.home().id);
    core::MemberHistory history(a.db(), a.home().id);
    auto add = [&](const std::string& name, const std::string& gender, Date birth, Date joined, const std::string& edu,
                   std::optional<Date> full = {}) {
        core::Member m;
        m.name = name;
        m.gender = gender;
        m.ethnicity = name == "马丽" ? "回族" : "汉族";
        m.birth_date = birth;
        m.join_date = joined;
        m.education = edu;
        m.full_date = full;
        roster.add_member(m);
        return m.id;
    };
    // Turns 31 on 31 Dec 2025: counted 31至35岁 on that day.
    add("王建国", "男", Date(1994, 12, 31), Date(2016, 7, 1), "大学本科");
    // Turns 31 on 1 Jan 2026: still 30岁及以下 on 31 Dec 2025.
    add("李秀兰", "女", Date(1995, 1, 1), Date(2014, 11, 1), "大专");
    add("马丽", "女", Date(1960, 3, 3), Date(1985, 6, 1), "高中");
    // Admitted as 预备党员 in July 2025, full member in July 2026: recruited in 2025, 预备 at its end.
    add("罗敏", "女", Date(2000, 4, 4), Date(2025, 7, 1), "硕士研究生", Date(2026, 7, 1));
    auto leaver = add("周远", "男", Date(1970, 1, 1), Date(2000, 7, 1), "");
    // Departed in 2025: on the roster at the start of the year, not at the end.
    core::Movement out;
    out.member_id = leaver;
    out.kind = "转出";
    out.on = Date(2025, 6, 30);
    out.counterpart = "光明街道第二社区党支部";
    history.depart(out);
    core::Member newcomer;
    newcomer.name = "郑毅";
    newcomer.gender = "男";
    newcomer.join_date = Date(2015, 7, 1);
    core::Movement in;
    in.on = Date(2025, 3, 1);
    in.counterpart = "红星村党支部";
    history.transfer_in(newcomer, in);
    core::MobileMember mm;
    mm.member_id = newcomer.id;
    mm.location = "浙江省杭州市";
    mm.since = Date(2025, 5, 1);
    history.set_mobile(mm);

    auto s = core::party_statistics(a.db(), a.home().id, 2025, Date(2026, 2, 1));
    BOOST_TEST(s.as_of.iso() == "2025-12-31");
    BOOST_TEST(s.total == 5);
    BOOST_TEST(s.start_total == 4); // 周远 still there, 郑毅 and 罗敏 not yet
    BOOST_TEST(s.recruited == 1);   // 罗敏; 郑毅 came by transfer
    BOOST_TEST(s.made_full == 0);
    BOOST_TEST(count(s, "党员类别", "预备党员") == 1);
    BOOST_TEST(count(s, "学历", "研究生") == 1);
    BOOST_TEST(s.start_total + s.recruited + s.transferred_in - s.transferred_out == s.total);
    BOOST_TEST(s.transferred_out == 1);
    BOOST_TEST(s.mobile == 1);
    BOOST_TEST(count(s, "性别", "男") == 2);
    BOOST_TEST(count(s, "性别", "女") == 3);
    BOOST_TEST(count(s, "民族", "少数民族") == 1);
    BOOST_TEST(count(s, "民族", "未填写") == 1);
    BOOST_TEST(count(s, "年龄", "31至35岁") == 1);
    BOOST_TEST(count(s, "年龄", "30岁及以下") == 2);
    BOOST_TEST(count(s, "年龄", "61岁及以上") == 1); // 马丽, 65
    BOOST_TEST(count(s, "年龄", "未填写") == 1);
    BOOST_TEST(count(s, "学历", "大学专科") == 1);
    BOOST_TEST(count(s, "入党时间", "2012年11月以后") == 4);
    BOOST_TEST(count(s, "入党时间", "1979年1月至2002年10月") == 1);
    int sum = 0;
    for (const auto& c : s.composition)
        if (c.dimension == "年龄") sum += c.count;
    BOOST_TEST(sum == s.total);

    // Counted in the middle of 2025 (a year in progress): the leaver is still there, the
    // transfer out has not happened yet.
    auto mid = core::party_statistics(a.db(), a.home().id, 2025, Date(2025, 6, 29));
    BOOST_TEST(mid.total == 5); // 罗敏 joins on 1 July
    BOOST_TEST(mid.recruited == 0);
    BOOST_TEST(mid.transferred_out == 0);
    BOOST_TEST(mid.mobile == 1);
    auto early = core::party_statistics(a.db(), a.home().id, 2025, Date(2025, 4, 30));
    BOOST_TEST(early.mobile == 0); // 流动 only from 1 May
    // The year before: nobody had come or gone.
    auto before = core::party_statistics(a.db(), a.home().id, 2024, Date(2026, 1, 1));
    BOOST_TEST(before.total == 4);
    BOOST_TEST(before.transferred_in == 0);
    // 2026: 罗敏 made a full member; counted 正式 once the full date has come.
    auto next = core::party_statistics(a.db(), a.home().id, 2026, Date(2026, 7, 1));
    BOOST_TEST(next.made_full == 1);
    BOOST_TEST(count(next, "党员类别", "预备党员") == 0);
    BOOST_TEST(count(core::party_statistics(a.db(), a.home().id, 2026, Date(2026, 6, 30)), "党员类别", "预备党员") == 1);
    BOOST_CHECK_THROW(core::party_statistics(a.db(), a.home().id, 1900), core::Error);
}
