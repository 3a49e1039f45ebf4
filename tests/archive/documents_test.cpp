// Archived documents: 件号 numbering per year and retention class, 档号 composition, the
// content-addressed store (dedup, atomic filing, verify) and the rule texts and sections data.
#include "onebook/archive/documents.hpp"
#include "onebook/archive/entries.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/platform.hpp"
#include "onebook/plugin_host.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <set>

namespace fs = std::filesystem;
using namespace onebook;
using archive::Retention;

namespace {

const core::PluginHost& plugins() { return test::sector_plugins(); }

std::string sha256(const std::string& bytes) {
    Poco::SHA2Engine e(Poco::SHA2Engine::SHA_256);
    e.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(e.digest());
}

struct Fixture {
    test::ScratchDir dir{"onebook-docs"};
    core::Archive archive = test::make_archive(dir / "a.onebook");
    Fixture() { archive.set_setting(archive::fonds_code_setting, "Z031"); }

    fs::path file(const std::string& name, const std::string& bytes) {
        auto p = dir / "in" / name;
        test::write_file(p, bytes);
        return p;
    }
    archive::DocumentMeta meta(int year, Retention r, const std::string& title = "测试文件") {
        archive::DocumentMeta m;
        m.section_id = "work.plans";
        m.year = year;
        m.retention = r;
        m.title = title;
        return m;
    }
    int count(const std::string& sql) { return static_cast<int>(archive.db().scalar_int(sql)); }
    /// Files in the store's content folders (not tmp/).
    std::set<std::string> stored_files() {
        std::set<std::string> out;
        auto folder = archive::FileStore::folder_for(archive.path());
        if (!fs::exists(folder)) return out;
        for (const auto& e : fs::recursive_directory_iterator(folder))
            if (e.is_regular_file() && e.path().parent_path().filename() != "tmp") out.insert(e.path().string());
        return out;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(documents)

BOOST_FIXTURE_TEST_CASE(item_numbers_run_per_year_and_retention_class, Fixture) {
    archive::DocumentStore store(archive, plugins());
    std::vector<std::pair<int, Retention>> order = {
        {2024, Retention::Permanent}, {2024, Retention::Permanent}, {2024, Retention::Years10},   {2025, Retention::Permanent},
        {2024, Retention::Permanent}, {2024, Retention::Years30},   {2025, Retention::Permanent}, {2024, Retention::Years10}};
    std::map<std::pair<int, Retention>, int> expected;
    int i = 0;
    for (auto [year, r] : order) {
        auto d = store.add(file("f" + std::to_string(i) + ".txt", "content " + std::to_string(i)), meta(year, r));
        ++i;
        int want = ++expected[std::make_pair(year, r)];
        BOOST_TEST(d.item_no == want);
        BOOST_TEST(d.item_no_text().size() == 4u);
    }
    // Every (year, class) is numbered 1..n without gaps.
    for (auto [key, n] : expected) {
        archive::DocumentFilter f;
        f.year = key.first;
        f.retention = key.second;
        auto list = store.list(f);
        BOOST_REQUIRE(static_cast<int>(list.size()) == n);
        for (int k = 0; k < n; ++k) BOOST_TEST(list[static_cast<std::size_t>(k)].item_no == k + 1);
    }
}

BOOST_FIXTURE_TEST_CASE(archival_code_is_composed_from_settings_year_class_and_item, Fixture) {
    BOOST_TEST(archive::compose_archival_code("Z031", "WS", 2025, Retention::Years30, 7) == "Z031-WS·2025-D30-0007");
    BOOST_TEST(archive::compose_archival_code("Z109", "WS", 2011, Retention::Permanent, 123) == "Z109-WS·2011-Y-0123");
    archive::DocumentStore store(archive, plugins());
    archive.set_setting(archive::category_code_setting, "DJ");
    auto d1 = store.add(file("a.txt", "a"), meta(2025, Retention::Years10));
    BOOST_TEST(d1.archival_code() == "Z031-DJ·2025-D10-0001");
    // A 档号, once given, keeps the codes it was given with.
    archive.set_setting(archive::fonds_code_setting, "Z999");
    BOOST_TEST(store.require(d1.id).archival_code() == "Z031-DJ·2025-D10-0001");
    auto d2 = store.add(file("b.txt", "b"), meta(2025, Retention::Years10));
    BOOST_TEST(d2.archival_code() == "Z999-DJ·2025-D10-0002");
    // Moving a document to another year/class gives it the next number there; the old one is not reused.
    auto m = meta(2024, Retention::Permanent);
    auto moved = store.update(d1.id, m);
    BOOST_TEST(moved.archival_code() == "Z031-DJ·2024-Y-0001");
    auto d3 = store.add(file("c.txt", "c"), meta(2025, Retention::Years10));
    BOOST_TEST(d3.item_no == 3);
}

BOOST_FIXTURE_TEST_CASE(filing_needs_a_fonds_code_and_valid_metadata, Fixture) {
    archive::DocumentStore store(archive, plugins());
    auto f = file("x.txt", "x");
    auto bad = [&](archive::DocumentMeta m, const std::string& field) {
        try {
            store.add(f, m);
            BOOST_ERROR("accepted bad " + field);
        } catch (const core::Error& e) { BOOST_TEST(e.where().field == field); }
    };
    auto m = meta(2025, Retention::Years10);
    m.date = "20250231";
    bad(m, "date");
    m = meta(2025, Retention::Years10);
    m.section_id = "no.such.section";
    bad(m, "section");
    m.section_id = "basic.groups"; // a view that holds no documents
    bad(m, "section");
    bad(meta(1800, Retention::Years10), "year");
    bad(meta(2025, Retention::Years10, "  "), "title");
    m = meta(2025, Retention::Years10);
    m.secret = "很秘密";
    bad(m, "secret");
    archive.set_setting(archive::fonds_code_setting, "");
    bad(meta(2025, Retention::Years10), archive::fonds_code_setting);
    BOOST_TEST(count("SELECT count(*) FROM document") == 0);
    BOOST_TEST(count("SELECT count(*) FROM stored_file") == 0);
    BOOST_TEST(stored_files().empty());
    // Dates as offices write them are normalised to YYYYMMDD.
    archive.set_setting(archive::fonds_code_setting, "Z031");
    m = meta(2025, Retention::Years10);
    m.date = "2025年3月1日";
    BOOST_TEST(store.add(f, m).date == "20250301");
    BOOST_TEST((archive::parse_retention("d30") == Retention::Years30));
    BOOST_TEST((archive::parse_retention("永久") == Retention::Permanent));
    BOOST_TEST(!archive::parse_retention("D20"));
}

BOOST_FIXTURE_TEST_CASE(same_content_is_stored_once, Fixture) {
    archive::DocumentStore store(archive, plugins());
    std::string bytes = "%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n2 0 obj <</Type /Page>> endobj\n%%EOF\n";
    auto d1 = store.add(file("批复.pdf", bytes), meta(2025, Retention::Permanent, "批复"));
    auto d2 = store.add(file("copy of 批复.pdf", bytes), meta(2025, Retention::Years30, "批复（复印件）"));
    BOOST_TEST(d1.file_sha256 == sha256(bytes));
    BOOST_TEST(d1.file_sha256 == d2.file_sha256);
    BOOST_TEST((d1.pages == std::optional<int>(2)));
    BOOST_TEST(d1.media_type == "application/pdf");
    BOOST_TEST(count("SELECT count(*) FROM stored_file") == 1);
    auto files = stored_files();
    BOOST_REQUIRE(files.size() == 1u);
    // <archive>.files/ab/cdef…: named by the hash, holding exactly the bytes.
    fs::path p = store.path_of(d1);
    BOOST_TEST(p.parent_path().filename().string() == d1.file_sha256.substr(0, 2));
    BOOST_TEST(p.filename().string() == d1.file_sha256.substr(2));
    BOOST_TEST(test::read_file(p) == bytes);
    // A record attachment of the same content is the same stored file.
    std::string ref = archive::store_attachment(archive, file("again.pdf", bytes));
    BOOST_TEST(ref == "sha256:" + d1.file_sha256);
    BOOST_TEST(archive::attachment_path(archive, ref) == p);
    BOOST_TEST(count("SELECT count(*) FROM stored_file") == 1);
    BOOST_CHECK_THROW(archive::attachment_path(archive, "sha256:" + std::string(64, '0')), core::Error);
}

BOOST_FIXTURE_TEST_CASE(verify_reports_altered_missing_and_extra_files, Fixture) {
    archive::DocumentStore store(archive, plugins());
    auto d1 = store.add(file("a.txt", "first document"), meta(2025, Retention::Permanent, "甲"));
    auto d2 = store.add(file("b.txt", "second document"), meta(2025, Retention::Permanent, "乙"));
    auto d3 = store.add(file("c.txt", "third document"), meta(2025, Retention::Permanent, "丙"));
    archive::FileStore fstore(archive);
    auto clean = fstore.verify();
    BOOST_TEST(clean.ok());
    BOOST_TEST(clean.checked == 3);
    BOOST_TEST(clean.problems.empty());

    test::write_file(store.path_of(d1), "first document, changed");
    fs::remove(store.path_of(d2));
    test::write_file(fstore.folder() / "ff" / std::string(62, 'f'), "stray");
    auto report = fstore.verify();
    using K = archive::StoreProblem::Kind;
    BOOST_TEST(!report.ok());
    BOOST_TEST(report.count(K::Altered) == 1);
    BOOST_TEST(report.count(K::Missing) == 1);
    BOOST_TEST(report.count(K::Unreferenced) == 1);
    for (const auto& p : report.problems) {
        if (p.kind == K::Altered) {
            BOOST_TEST(p.sha256 == d1.file_sha256);
            BOOST_TEST(p.detail == sha256("first document, changed"));
            BOOST_REQUIRE(p.used_by.size() == 1u);
            BOOST_TEST(p.used_by[0].find(d1.archival_code()) == 0u);
        }
        if (p.kind == K::Missing) BOOST_TEST(p.sha256 == d2.file_sha256);
    }
    // Filing the original again repairs the altered copy.
    store.add(file("a2.txt", "first document"), meta(2025, Retention::Years10, "甲（重新归档）"));
    BOOST_TEST(fstore.verify().count(K::Altered) == 0);
    (void)d3;
}

BOOST_FIXTURE_TEST_CASE(a_failed_filing_leaves_no_row_and_no_orphan_file, Fixture) {
    archive::DocumentStore store(archive, plugins());
    auto kept = store.add(file("kept.txt", "already stored"), meta(2025, Retention::Permanent, "已有"));
    auto before = stored_files();
    // Make the row insert fail after the bytes are written (as a full disk or a crash would).
    archive.db().exec("CREATE TRIGGER fail_filing BEFORE INSERT ON document BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    BOOST_CHECK_THROW(store.add(file("new.txt", "brand new content"), meta(2025, Retention::Permanent, "新")), core::Error);
    BOOST_TEST(count("SELECT count(*) FROM document") == 1);
    BOOST_TEST(count("SELECT count(*) FROM stored_file") == 1);
    BOOST_TEST((stored_files() == before));
    BOOST_TEST(!fs::exists(archive::FileStore(archive).path_of(sha256("brand new content"))));
    // Failing to file content that is already stored must not remove the shared file.
    BOOST_CHECK_THROW(store.add(file("dup.txt", "already stored"), meta(2025, Retention::Years10, "重复")), core::Error);
    BOOST_TEST(fs::exists(store.path_of(kept)));
    BOOST_TEST(archive::FileStore(archive).verify().ok());
    // No temporary file is left behind either.
    auto tmp = archive::FileStore(archive).folder() / "tmp";
    BOOST_TEST((!fs::exists(tmp) || fs::is_empty(tmp)));
    // A missing source file fails before anything is written.
    archive.db().exec("DROP TRIGGER fail_filing");
    BOOST_CHECK_THROW(store.add(dir / "in" / "nope.pdf", meta(2025, Retention::Years10)), core::Error);
    BOOST_TEST(count("SELECT count(*) FROM document") == 1);
    // The item number of the failed filings was not used up.
    BOOST_TEST(store.add(file("next.txt", "next"), meta(2025, Retention::Permanent)).item_no == 2);
}

BOOST_AUTO_TEST_CASE(cli_files_lists_and_verifies) {
    test::ScratchDir dir("onebook-doc-cli");
    auto path = dir / "a.onebook";
    { test::make_archive(path); }
    std::string out, err;
    test::ToolOptions zh;
    zh.env = {{"ONEBOOK_LANG", "zh_CN"}};
    auto cli = [&](const std::string& args) {
        auto argv = test::concat({test::tool_path("onebook-cli")}, test::words(args));
        argv.insert(argv.end(), {"--archive", test::utf8(path)});
        return test::run_tool(argv, &out, &err, zh);
    };
    test::write_file(dir / "批复.pdf", "%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n");
    // No fonds code yet: refused, with the way out in the message.
    BOOST_TEST(cli("doc add '" + test::utf8(dir / "批复.pdf") +
                   "' --section basic.committee --title 批复 --year 2025 --retention Y") == 1);
    BOOST_TEST(err.find("doc codes --fonds") != std::string::npos);
    BOOST_TEST(cli("doc codes --fonds Z031") == 0);
    BOOST_TEST(
        cli("doc add '" + test::utf8(dir / "批复.pdf") +
            "' --section basic.committee --title 关于换届选举的批复 --year 2025 --retention Y --ref 幸街党工〔2025〕8号 --date 2025-03-02") ==
        0);
    BOOST_TEST(out.find("Z031-WS·2025-Y-0001") != std::string::npos);
    BOOST_TEST(cli("doc list --format json") == 0);
    BOOST_TEST(out.find("\"archival_code\":\"Z031-WS·2025-Y-0001\"") != std::string::npos);
    BOOST_TEST(out.find("\"date\":\"2025-03-02\"") != std::string::npos);
    BOOST_TEST(out.find("\"pages\":1") != std::string::npos);
    BOOST_TEST(cli("doc edit 1 --retention D30 --notes 复印件") == 0);
    BOOST_TEST(out.find("Z031-WS·2025-D30-0001") != std::string::npos);
    BOOST_TEST(cli("doc open 1") == 0);
    std::string stored_text = out.substr(0, out.find('\n'));
    fs::path stored = core::platform::utf8_path(stored_text);
    BOOST_TEST(fs::exists(stored));
    BOOST_TEST(cli("verify") == 0);
    test::write_file(stored, "tampered");
    BOOST_TEST(cli("verify") == 1);
    BOOST_TEST(out.find(stored_text) != std::string::npos);
    BOOST_TEST(out.find("Z031-WS·2025-D30-0001") != std::string::npos); // names the document it breaks
    BOOST_TEST(cli("doc add '" + test::utf8(dir / "批复.pdf") +
                   "' --section basic.committee --title x --year 2025 --retention D20") == 2); // a usage error
    BOOST_TEST(err.find("D20") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sections_and_rule_texts)

BOOST_AUTO_TEST_CASE(every_sector_has_five_chapters_and_its_own_sections) {
    const std::map<std::string, std::vector<std::string>> own = {{"community", {"党建联席会", "在职党员报到（一卡一簿一单）"}},
                                                                 {"village", {"村务公开", "无职党员设岗定责"}},
                                                                 {"organ", {"双述双评"}},
                                                                 {"enterprise", {"两个覆盖"}},
                                                                 {"eduhealth", {"师德医德建设"}}};
    BOOST_REQUIRE(archive::chapters().size() == 5u);
    for (const auto& [sector, titles] : own) {
        auto sections = archive::book_sections(plugins(), sector);
        std::set<std::string> ids, chapters;
        for (const auto& s : sections) {
            BOOST_TEST(ids.insert(s.id).second, "duplicate section " << s.id);
            BOOST_TEST(archive::find_chapter(s.chapter) != nullptr);
            chapters.insert(s.chapter);
            BOOST_TEST(!s.holds.empty());
        }
        BOOST_TEST(chapters.size() == 5u, sector);
        for (const auto& t : titles) {
            auto it = std::find_if(sections.begin(), sections.end(), [&](const archive::Section& s) { return s.title == t; });
            BOOST_REQUIRE_MESSAGE(it != sections.end(), sector << " lacks " << t);
            BOOST_TEST(it->origin == sector);
            BOOST_TEST(!it->source.empty());
        }
        for (const char* common : {"组织概况", "支部委员会", "党员名册", "党小组", "入党积极分子", "三会一课", "党内生活制度"})
            BOOST_TEST(
                std::any_of(sections.begin(), sections.end(), [&](const archive::Section& s) { return s.title == common; }),
                sector << " lacks " << common);
        // Every meeting type of the sector lands in a section of its own (not only the catch-all).
        for (const auto& t : core::load_meeting_templates(plugins().require(sector))) {
            const auto* s = archive::section_for_record_type(sections, t.id);
            BOOST_REQUIRE(s);
            BOOST_TEST(s->id != "activities.other", sector << " type " << t.id << " only in the catch-all");
        }
    }
    auto community = archive::book_sections(plugins(), "community");
    BOOST_TEST(archive::section_for_record_type(community, "joint_meeting")->id == "community.joint_meeting");
    BOOST_TEST(archive::section_for_record_type(community, "assembly")->id == "activities.three_meetings");
    BOOST_TEST(archive::section_for_record_type(community, "something_new")->id == "activities.other");
}

BOOST_AUTO_TEST_CASE(bad_section_documents_are_refused_with_the_file_and_field) {
    auto refused = [](const std::string& json, const std::string& field) {
        try {
            archive::parse_sections(json, "x.json", "test");
            BOOST_ERROR("accepted " << json);
        } catch (const core::Error& e) {
            BOOST_TEST(e.where().file == "x.json");
            BOOST_TEST(e.where().field == field);
        }
    };
    refused(R"({"id":"a","title":"甲","chapter":"第六章","holds":["entries"]})", "chapter");
    refused(R"({"id":"a","title":"甲","chapter":"基本情况","holds":["pictures"]})", "holds");
    refused(R"({"id":"a","title":"甲","chapter":"基本情况","holds":["records"]})", "record_types");
    refused(R"({"title":"甲","chapter":"基本情况","holds":["entries"]})", "id");
    auto two = archive::parse_sections(
        R"({"sections":[{"id":"a","title":"甲","chapter":"rules","holds":["ruletexts"]},{"id":"b","title":"乙","chapter":"创新型工作","holds":["entries"],"order":3}]})",
        "x.json", "test");
    BOOST_REQUIRE(two.size() == 2u);
    BOOST_TEST(two[1].chapter == "innovation");
    BOOST_TEST(two[1].order == 3);
}

BOOST_AUTO_TEST_CASE(rule_texts_come_prefilled_and_edits_are_kept_in_the_archive) {
    for (const char* sector : {"community", "village", "organ", "enterprise", "eduhealth"}) {
        auto texts = archive::plugin_rule_texts(plugins(), sector);
        std::set<std::string> titles;
        for (const auto& t : texts) {
            titles.insert(t.title);
            BOOST_TEST(t.source.find("《") != std::string::npos, t.id << " cites no source document");
            BOOST_TEST(!t.body.empty());
        }
        for (const char* must :
             {"“三会一课”制度", "民主评议党员制度", "谈心谈话制度", "党务公开制度", "组织生活会制度", "党费收缴管理制度"})
            BOOST_TEST(titles.count(must) == 1u, sector << " lacks " << must);
    }
    test::ScratchDir dir("onebook-rules");
    auto a = test::make_archive(dir / "a.onebook");
    archive::RuleTextStore store(a, plugins());
    auto original = store.require("three_meetings");
    BOOST_TEST(!original.edited);
    BOOST_TEST(original.body.find("每三个月") != std::string::npos); // community: 《社区党组织建设目标管理意见》 （三）2
    store.edit("three_meetings", std::nullopt, original.body + "\n六、本支部补充条款。");
    {
        // Re-open: the edit is in the archive, the plugin's text is unchanged.
        archive::RuleTextStore again(a, plugins());
        auto t = again.require("three_meetings");
        BOOST_TEST(t.edited);
        BOOST_TEST(t.body.find("本支部补充条款") != std::string::npos);
        BOOST_TEST(t.title == original.title);
        auto defaults = archive::plugin_rule_texts(plugins(), "community");
        BOOST_TEST(std::find_if(defaults.begin(), defaults.end(), [](const auto& x) { return x.id == "three_meetings"; })->body ==
                   original.body);
    }
    BOOST_CHECK_THROW(store.edit("three_meetings", std::string(" "), std::nullopt), core::Error);
    BOOST_CHECK_THROW(store.edit("own_rule", std::nullopt, std::string("正文")), core::Error); // a new text needs a title
    auto own = store.edit("own_rule", std::string("志愿服务积分制度"), std::string("一、积分……"));
    BOOST_TEST(own.origin == "archive");
    BOOST_TEST(store.all().back().id == "own_rule");
    store.reset("three_meetings");
    BOOST_TEST(store.require("three_meetings").body == original.body);
    store.reset("own_rule");
    BOOST_TEST(!store.get("own_rule"));
}

BOOST_AUTO_TEST_CASE(entries_only_go_where_a_section_takes_them) {
    test::ScratchDir dir("onebook-entries");
    auto a = test::make_archive(dir / "a.onebook");
    archive::EntryStore store(a, archive::book_sections(plugins(), "community"));
    archive::BookEntry e{0, "innovation.projects", core::Date(2025, 4, 1), "红色楼栋长", "正文"};
    store.add(e);
    BOOST_TEST(e.id > 0);
    archive::BookEntry bad{0, "basic.members", core::Date(2025, 4, 1), "x", ""};
    BOOST_CHECK_THROW(store.add(bad), core::Error);
    BOOST_TEST(store.list("innovation.projects", 2025).size() == 1u);
    BOOST_TEST(store.list("innovation.projects", 2024).empty());
}

BOOST_AUTO_TEST_SUITE_END()
