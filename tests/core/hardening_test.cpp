// Hostile and unusual input at the core's edges: lengths that once overflowed the stack, field
// limits, roster duplicates, read-only storage, dangling references, and the archive's identity
// (signing key made at creation, copies detected, renew and rekey).
#include "test_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/date.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/pdf/page_size.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/text_limits.hpp"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

void raw_exec(const fs::path& p, const std::string& sql) { test::exec_sql(p, sql); }

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) { return core::substitute(e.key(), e.params()); }
    return {};
}

} // namespace

BOOST_AUTO_TEST_CASE(long_input_is_refused_without_crashing) {
    // A 100,000-digit page size overflowed std::regex's stack.
    std::string digits(100000, '9');
    BOOST_CHECK_THROW(core::pdf::PageSize::parse(digits + "x90cm"), core::Error);
    BOOST_CHECK_THROW(core::pdf::PageSize::parse("120x" + digits), core::Error);
    BOOST_TEST(core::pdf::PageSize::parse("120x90cm").name == "120x90cm");
    BOOST_TEST(core::pdf::PageSize::parse("1200 × 900 毫米").name == "1200x900mm");
    BOOST_TEST(core::pdf::PageSize::parse("a4").name == "A4");
    BOOST_CHECK_THROW(core::pdf::PageSize::parse("120x90km"), core::Error);
    BOOST_CHECK_THROW(core::pdf::PageSize::parse("x90"), core::Error);

    // Dates: every accepted form, impossible dates and a megabyte of digits.
    BOOST_TEST(core::Date::parse("2024-03-01")->iso() == "2024-03-01");
    BOOST_TEST(core::Date::parse("2024/3/1")->iso() == "2024-03-01");
    BOOST_TEST(core::Date::parse("2024.3.1")->iso() == "2024-03-01");
    BOOST_TEST(core::Date::parse("2024年3月1日")->iso() == "2024-03-01");
    BOOST_TEST(core::Date::parse("2024年3月1")->iso() == "2024-03-01");
    BOOST_TEST(core::Date::parse("20240301")->iso() == "2024-03-01");
    BOOST_TEST(core::Date::parse(" 2024-03-01\u3000")->iso() == "2024-03-01");
    BOOST_TEST(!core::Date::parse("2025-02-30"));
    BOOST_TEST(!core::Date::parse("2025-13-45"));
    BOOST_TEST(!core::Date::parse("2024-03-01x"));
    BOOST_TEST(!core::Date::parse(std::string(1 << 20, '1')));
    BOOST_TEST(!core::Date::parse(std::string(1 << 20, ' ')));

    // Length limits: checked in characters, cut at a character boundary.
    BOOST_TEST(core::utf8_length("党建一本通") == 5u);
    BOOST_CHECK_NO_THROW(core::check_length(std::string(200 * 3, 'a').substr(0, 200), 200, "主题"));
    std::string long_topic;
    for (int i = 0; i < 21845; ++i) long_topic += "党";
    std::string m = message_of([&] { core::check_length(long_topic, core::limits::title, "主题"); });
    BOOST_TEST(m.find("21845") != std::string::npos);
    BOOST_TEST(m.find("主题") != std::string::npos);
    std::string cut = core::truncate_utf8(long_topic, 10);
    BOOST_TEST(core::utf8_length(cut) == 10u);
    BOOST_TEST(cut.substr(cut.size() - 3) == "\xE2\x80\xA6");
    BOOST_TEST(core::matches_word("community", core::lower_alpha, core::lower_alnum_, 1, 10));
    BOOST_TEST(!core::matches_word(std::string(32768, 'a'), core::lower_alpha, core::lower_alnum_, 1, 128));
}

BOOST_AUTO_TEST_CASE(the_same_person_twice_in_one_roster_file_names_both_rows) {
    test::ScratchDir dir;
    auto a = test::make_archive(dir / "r.onebook");
    core::Roster roster(a.db(), a.home().id);
    core::RosterImporter importer(roster);
    const std::string csv = "姓名,性别,出生日期,入党日期,身份证号\n"
                            "王建国,男,1968-05-06,1992-07-01,11010519680506001X\n"
                            "李秀兰,女,1975-11-02,2001-06-20,\n"
                            "王建国,男,1968-05-06,1992-07-01,11010519680506001x\n"
                            "李秀兰,女,1975/11/2,2001-06-20,\n";
    auto r = importer.import_bytes(csv, "twice.csv");
    BOOST_TEST(r.added == 0);
    BOOST_TEST(roster.members().empty());
    bool id_dup = false, name_dup = false;
    for (const auto& p : r.problems) {
        std::string text = core::substitute(p.reason.key, p.reason.params);
        BOOST_TEST_MESSAGE("row " << p.row << " " << p.column << ": " << text);
        if (p.row == 4 && text.find("第 2 行") != std::string::npos && p.column == "身份证号") id_dup = true;
        if (p.row == 5 && text.find("第 3 行") != std::string::npos && p.column == "姓名") name_dup = true;
    }
    BOOST_TEST(id_dup);
    BOOST_TEST(name_dup);

    // A cell beyond its limit is a problem naming the column; a huge file is refused up front.
    auto long_name = importer.import_bytes("姓名,性别\n" + std::string(500, 'x') + ",男\n", "long.csv");
    BOOST_TEST(!long_name.problems.empty());
    BOOST_CHECK_THROW(importer.import_bytes(std::string((32u << 20) + 1, 'a'), "huge.csv"), core::Error);
}

BOOST_AUTO_TEST_CASE(a_read_only_archive_opens_read_only_and_refuses_changes_clearly) {
    test::ScratchDir dir;
    auto path = dir / "ro.onebook";
    {
        auto a = test::make_archive(path);
        core::Roster roster(a.db(), a.home().id);
        core::Member m;
        m.name = "王建国";
        m.gender = "男";
        m.join_date = core::Date(1992, 7, 1);
        roster.add_member(m);
    }
    ::chmod(path.c_str(), 0444);
    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.read_only());
    BOOST_REQUIRE(!a.notices().empty());
    BOOST_TEST(core::substitute(a.notices()[0].key, a.notices()[0].params).find("只读") != std::string::npos);
    // Reading works…
    core::Roster roster(a.db(), a.home().id);
    BOOST_TEST(roster.members().size() == 1u);
    BOOST_TEST(a.home().name == "测试社区党支部");
    // …and a change is refused with a message that says why (never "disk I/O error").
    std::string m = message_of([&] {
        core::Member x;
        x.name = "李秀兰";
        x.gender = "女";
        x.join_date = core::Date(2001, 6, 20);
        roster.add_member(x);
    });
    BOOST_TEST(m.find("只读") != std::string::npos, m);
    BOOST_TEST(m.find("I/O") == std::string::npos, m);
    ::chmod(path.c_str(), 0644);
}

BOOST_AUTO_TEST_CASE(a_dangling_reference_opens_read_only_naming_the_table) {
    test::ScratchDir dir;
    auto path = dir / "fk.onebook";
    { test::make_archive(path); }
    raw_exec(path,
             "PRAGMA foreign_keys=OFF; INSERT INTO member(organisation_id, name, status) VALUES (999, '孤儿', '正式党员');");
    auto a = core::Archive::open(path.string());
    BOOST_TEST(a.read_only());
    BOOST_REQUIRE(!a.notices().empty());
    std::string notice = core::substitute(a.notices()[0].key, a.notices()[0].params);
    BOOST_TEST(notice.find("member") != std::string::npos, notice);
    BOOST_TEST(notice.find("只读") != std::string::npos, notice);
    BOOST_TEST(a.home().name == "测试社区党支部");
}

BOOST_AUTO_TEST_CASE(every_archive_has_a_key_and_a_copy_is_detected) {
    test::ScratchDir dir;
    auto original = dir / "a.onebook", copy = dir / "b.onebook";
    std::string uid, key;
    {
        auto a = test::make_archive(original);
        BOOST_TEST((a.identity_info().state == core::IdentityState::Ok));
        uid = a.home().uid;
        key = a.identity_info().public_key;
        BOOST_TEST(!key.empty());
        BOOST_TEST(a.setting(core::public_key_setting) == key);
        // The private key is not in the archive.
        auto st = a.db().prepare("SELECT count(*) FROM setting WHERE value LIKE '%private%' OR key LIKE '%private%'");
        st.step();
        BOOST_TEST(st.get_int(0) == 0);
        auto sig = core::sign(a, "data");
        BOOST_TEST(core::verify_signature(key, "data", sig));
        BOOST_TEST(!core::verify_signature(key, "date", sig));
        BOOST_TEST(!core::verify_signature(key, "data", "not base64!"));
    }
    fs::copy_file(original, copy);
    {
        auto b = core::Archive::open(copy.string());
        BOOST_TEST((b.identity_info().state == core::IdentityState::Copied));
        BOOST_TEST(b.identity_info().original == fs::weakly_canonical(original));
        BOOST_REQUIRE(!b.notices().empty());
        BOOST_TEST(core::substitute(b.notices()[0].key, b.notices()[0].params).find("identity renew") != std::string::npos);
        std::string m = message_of([&] { core::sign(b, "x"); });
        BOOST_TEST(m.find("identity renew") != std::string::npos, m);
        BOOST_CHECK_THROW(core::renew_identity(b, false), core::Error); // a copy may not keep the uid
        auto id = core::renew_identity(b, true);
        BOOST_TEST((id.state == core::IdentityState::Ok));
        BOOST_TEST(id.uid != uid);
        BOOST_TEST(b.home().uid == id.uid);
        BOOST_TEST(id.public_key != key);
    }
    {
        auto a = core::Archive::open(original.string()); // the original is untouched by the copy's renewal
        BOOST_TEST((a.identity_info().state == core::IdentityState::Ok));
        BOOST_TEST(a.identity_info().public_key == key);
    }
    // Moved (the original path is gone): the key follows the file.
    fs::path moved = dir / "moved.onebook";
    fs::rename(original, moved);
    {
        auto a = core::Archive::open(moved.string());
        BOOST_TEST((a.identity_info().state == core::IdentityState::Ok));
    }
    // An archive from before keys existed gets one at its first open.
    raw_exec(moved, "DELETE FROM setting WHERE key = 'identity.public_key'");
    fs::remove(core::key_store_dir() / (uid + ".key"));
    {
        auto a = core::Archive::open(moved.string());
        BOOST_TEST((a.identity_info().state == core::IdentityState::Ok));
        BOOST_TEST(!a.identity_info().public_key.empty());
        BOOST_TEST(a.identity_info().public_key != key);
    }
    // Brought from another machine (its key is not here): signing refuses, rekey makes a new key.
    fs::remove(core::key_store_dir() / (uid + ".key"));
    {
        auto a = core::Archive::open(moved.string());
        BOOST_TEST((a.identity_info().state == core::IdentityState::NoKey));
        std::string m = message_of([&] { core::sign(a, "x"); });
        BOOST_TEST(m.find("identity rekey") != std::string::npos, m);
        auto id = core::renew_identity(a, false);
        BOOST_TEST((id.state == core::IdentityState::Ok));
        BOOST_TEST(id.uid == uid);
    }
}
