// The organisation model: members with private fields, groups, committee terms.
#include "test_support.hpp"

#include "onebook/error.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;

namespace {
core::Member member(const std::string& name) {
    core::Member m;
    m.name = name;
    m.gender = "女";
    m.birth_date = core::Date(1980, 5, 6);
    m.join_date = core::Date(2005, 7, 1);
    m.full_date = core::Date(2006, 7, 1);
    return m;
}

core::MemberFilter filter(const std::string& text) {
    core::MemberFilter f;
    f.text = text;
    return f;
}

std::string field_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) { return e.where().field; }
    return "(no error)";
}
} // namespace

BOOST_AUTO_TEST_CASE(members_round_trip_with_private_fields_kept_apart) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Roster roster(a.db(), a.home().id);
    auto m = member("李秀兰");
    m.priv.id_number = "110105198005060029";
    m.priv.phone = "13800001111";
    m.priv.address = "幸福里3号楼";
    m.group_id = roster.ensure_group("第一党小组");
    roster.add_member(m);

    auto without = roster.member(m.id);
    BOOST_REQUIRE(without);
    BOOST_TEST(without->priv.empty(), "private fields must not be read unless asked");
    auto with = roster.member(m.id, true);
    BOOST_TEST(with->priv.id_number == "110105198005060029");
    BOOST_TEST(with->priv.address == "幸福里3号楼");
    BOOST_TEST(with->party_age(core::Date(2026, 7, 1)).value() == 20);
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM member_private") == 1);

    with->workplace_post = "居委会副主任";
    roster.update_member(*with);
    BOOST_TEST(roster.member(m.id)->workplace_post == "居委会副主任");
    BOOST_TEST(roster.members(filter("居委会")).size() == 1u);
    BOOST_TEST(roster.members(filter("第一党小组")).size() == 1u);
    BOOST_TEST(roster.members(filter("不存在")).empty());

    roster.remove_member(m.id);
    BOOST_TEST(roster.count_members() == 0);
    BOOST_TEST(a.db().scalar_int("SELECT count(*) FROM member_private") == 0, "private row must go with the member");
}

BOOST_AUTO_TEST_CASE(invalid_members_are_refused_naming_the_field) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "v.onebook");
    core::Roster roster(a.db(), a.home().id);
    auto today = core::Date::today();
    auto future = member("甲");
    future.join_date = today.add_days(3);
    future.full_date.reset();
    future.status = "预备党员";
    BOOST_TEST(field_of([&] { roster.add_member(future); }) == "join_date");
    auto bad_id = member("乙");
    bad_id.priv.id_number = "110105198005060021";
    BOOST_TEST(field_of([&] { roster.add_member(bad_id); }) == "id_number");
    auto young = member("丙");
    young.join_date = core::Date(1990, 1, 1);
    BOOST_TEST(field_of([&] { roster.add_member(young); }) == "join_date");
    auto prob = member("丁");
    prob.status = "预备党员";
    BOOST_TEST(field_of([&] { roster.add_member(prob); }) == "full_date");
    auto cat = member("戊");
    cat.category = "外管";
    BOOST_TEST(field_of([&] { roster.add_member(cat); }) == "category");
    BOOST_TEST(roster.count_members() == 0);

    BOOST_TEST(core::Roster::valid_id_number("110105198005060029"));
    BOOST_TEST(!core::Roster::valid_id_number("110105198002310029"));
}

BOOST_AUTO_TEST_CASE(duplicate_id_numbers_are_refused) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "d.onebook");
    core::Roster roster(a.db(), a.home().id);
    auto m1 = member("甲");
    m1.priv.id_number = "110105198005060029";
    roster.add_member(m1);
    auto m2 = member("乙");
    m2.priv.id_number = "110105198005060029";
    BOOST_CHECK_THROW(roster.add_member(m2), core::Error);
    BOOST_TEST(roster.count_members() == 1);
}

BOOST_AUTO_TEST_CASE(committee_terms) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "c.onebook");
    core::Roster roster(a.db(), a.home().id);
    auto sec = member("王建国");
    roster.add_member(sec);
    core::CommitteeTerm t;
    t.elected_on = core::Date(2021, 11, 26);
    t.term_years = 3;
    t.seats = {{0, {}, "王建国", "书记"}, {0, {}, "外单位人员", "组织委员"}};
    roster.add_term(t);
    auto cur = roster.current_term(core::Date(2023, 1, 1));
    BOOST_REQUIRE(cur);
    BOOST_TEST(cur->expires_on().iso() == "2024-11-26");
    BOOST_REQUIRE_EQUAL(cur->seats.size(), 2u);
    BOOST_TEST(cur->seats[0].member_id.value() == sec.id, "seat linked to the roster by name");
    BOOST_TEST(!cur->seats[1].member_id);
    BOOST_TEST(!roster.current_term(core::Date(2020, 1, 1)));

    core::CommitteeTerm future;
    future.elected_on = core::Date::today().add_days(10);
    BOOST_CHECK_THROW(roster.add_term(future), core::Error);
}

BOOST_AUTO_TEST_CASE(organisations_validate_and_superior_archives_hold_many) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "o.onebook", "community", "幸福街道党工委");
    core::OrganisationStore store(a.db());
    core::Organisation branch;
    branch.name = "某村党支部";
    branch.sector = "village";
    branch.parent_id = a.home().id;
    store.add(branch);
    BOOST_TEST(!branch.uid.empty());
    BOOST_TEST(store.all().size() == 2u);
    BOOST_TEST(store.by_uid(branch.uid)->name == "某村党支部");
    branch.form = "联合党支部";
    store.update(branch);
    BOOST_TEST(store.get(branch.id)->form == "联合党支部");
    branch.founded_on = core::Date::today().add_days(1);
    BOOST_CHECK_THROW(store.update(branch), core::Error);
    BOOST_TEST(!store.get(branch.id)->founded_on);
}
