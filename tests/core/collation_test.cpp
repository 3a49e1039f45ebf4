// Names sort by pinyin (ICU's Chinese collation), in core and in SQL (COLLATE PINYIN).
#include "records_fixture.hpp"

#include "onebook/collation.hpp"
#include "onebook/roster.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;

BOOST_AUTO_TEST_CASE(names_sort_by_pinyin) {
    // By code point 张 (U+5F20) < 李 (U+674E) < 王 (U+738B); by pinyin li < wang < zhang.
    BOOST_TEST(core::name_less("李秀兰", "王建国"));
    BOOST_TEST(core::name_less("王建国", "张伟"));
    BOOST_TEST(core::name_less("安娜", "白云"));
    BOOST_TEST(!core::name_less("张伟", "李秀兰"));
    BOOST_TEST(core::compare_names("王建国", "王建国") == 0);
}

BOOST_AUTO_TEST_CASE(the_roster_lists_members_in_pinyin_order) {
    test::Branch b("community", "党支部", false);
    core::Roster roster(b.a().db(), b.org);
    std::vector<std::string> names;
    for (const auto& m : roster.members()) names.push_back(m.name);
    for (const char* n : {"张伟", "赵敏", "安娜", "王建国", "李秀兰"}) {
        core::Member m;
        m.name = n;
        m.join_date = core::Date(2000, 7, 1);
        m.full_date = core::Date(2001, 7, 1);
        roster.add_member(m);
    }
    names.clear();
    for (const auto& m : roster.members()) names.push_back(m.name);
    for (std::size_t i = 1; i < names.size(); ++i)
        BOOST_TEST(!core::name_less(names[i], names[i - 1]), names[i - 1] << " before " << names[i]);
    auto pos = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) - names.begin(); };
    BOOST_TEST(pos("安娜") < pos("李秀兰"));
    BOOST_TEST(pos("李秀兰") < pos("王建国"));
    BOOST_TEST(pos("王建国") < pos("张伟"));
    BOOST_TEST(pos("张伟") < pos("赵敏"));
}
