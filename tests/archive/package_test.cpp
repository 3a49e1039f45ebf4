// Packages: export → import round trip, the bag's tag files, private data, re-imports, newer
// packages, crashes mid-export, and damaged or malicious zips — each rejected with a message
// naming the entry while the superior's archive stays byte for byte what it was.
#include "onebook/archive/bagit.hpp"
#include "onebook/archive/demo.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/member_documents.hpp"
#include "onebook/archive/member_tables.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/safe_zip.hpp"
#include "onebook/archive/search.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/assessment.hpp"
#include "onebook/identity.hpp"
#include "onebook/journal.hpp"
#include "onebook/member_dues.hpp"
#include "onebook/member_history.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/party_statistics.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/schema_version.hpp"
#include "test_support.hpp"

#include <Poco/Checksum.h>
#include <Poco/DeflatingStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

// ---- a branch with a bit of everything ---------------------------------------------------------

struct Branch {
    fs::path path;
    std::string uid;
};

void add_record(core::Archive& a, const std::string& date, const std::string& topic, const std::string& minutes) {
    auto& db = a.db();
    auto st = db.prepare("INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) "
                         "VALUES (?, 'assembly', '支部党员大会', ?, '社区党群服务中心', '王建国', ?, json_object('content', ?))");
    st.bind_all(a.home().id, date, topic, minutes).run();
    auto rec = db.last_insert_id();
    auto att = db.prepare("INSERT INTO record_attendance(record_id, member_id, name, present, reason) "
                          "SELECT ?, id, name, id % 5 <> 0, CASE WHEN id % 5 = 0 THEN '外出务工' END FROM member "
                          "WHERE organisation_id = ?");
    att.bind_all(rec, a.home().id).run();
}

Branch make_branch(const fs::path& dir, const std::string& file = "branch.onebook") {
    Branch b{dir / file, {}};
    auto a = test::make_archive(b.path, "community", "幸福里社区党支部");
    b.uid = a.home().uid;
    a.set_setting("fonds_code", "Z031");
    core::Roster roster(a.db(), a.home().id);
    core::RosterImporter importer(roster);
    auto imported = importer.import_bytes(archive::demo_roster_csv(), "roster.csv");
    BOOST_REQUIRE(imported.imported());
    core::CommitteeTerm term;
    term.elected_on = core::Date(2023, 11, 26);
    term.seats = {{0, {}, "王建国", "书记"}, {0, {}, "李秀兰", "副书记"}};
    roster.add_term(term);
    add_record(a, "2025-03-15", "研究党费收缴", "通报上半年党费收缴情况");
    add_record(a, "2025-06-20", "七一表彰", "表彰优秀共产党员");
    a.db().exec("INSERT INTO rectification_item(organisation_id, issue, measures, owner_name, deadline, created_on) "
                "SELECT id, '党费收缴不及时', '每月5日前收缴', '刘芳', '2025-09-30', '2025-04-01' FROM organisation");
    a.db().exec("INSERT INTO rule_text(organisation_id, text_id, section_id, title, body) "
                "SELECT id, 'dues', 'rules.texts', '党费收缴制度', '党员应按月交纳党费。' FROM organisation");
    // A filed document with its file in the store.
    fs::path scan = dir / "scan.pdf";
    test::write_file(scan, "%PDF-1.4\n1 0 obj<</Type/Page>>endobj\n%%EOF\n" + std::string(3000, 'x'));
    std::string section;
    for (const auto& s : archive::common_sections())
        if (s.has(archive::holds::documents)) {
            section = s.id;
            break;
        }
    BOOST_REQUIRE(!section.empty());
    archive::DocumentStore docs(a, archive::common_sections());
    archive::DocumentMeta meta;
    meta.section_id = section;
    meta.year = 2025;
    meta.retention = archive::Retention::Permanent;
    meta.title = "关于调整党小组设置的请示";
    meta.doc_ref = "幸里党〔2025〕3号";
    meta.date = "20250310";
    docs.add(scan, meta);
    return b;
}

core::Archive make_superior(const fs::path& path) { return test::make_archive(path, "community", "幸福街道党工委"); }

// ---- reading zips and bags ---------------------------------------------------------------------

Poco::JSON::Object::Ptr archive_json(const fs::path& zip) {
    archive::StagingDir dir("test");
    auto entries = archive::inspect_zip(zip);
    archive::extract_zip(zip, entries, dir.path() / "x");
    auto bag = archive::verify_bag(dir.path() / "x");
    std::ifstream in(bag.base / "data/archive.json", std::ios::binary);
    Poco::JSON::Parser parser;
    return parser.parse(in).extract<Poco::JSON::Object::Ptr>();
}

std::string stringify(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

/// Snapshot of a closed archive file (the WAL is checkpointed when the archive closes).
std::string bytes_of(const fs::path& p) { return test::read_file(p); }

// ---- hand-made zips ----------------------------------------------------------------------------

struct ZipEntrySpec {
    std::string name;
    std::string data;
    int method = 8; ///< 0 stored, 8 deflate, anything else written as is (stored bytes)
    unsigned unix_mode = 0100644;
    bool bad_crc = false;
    std::uint32_t declared_size = 0xFFFFFFFF; ///< override the uncompressed size (both headers)
};

void put16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xFFFF);
    put16(s, v >> 16);
}

std::string deflate_raw(const std::string& data) {
    std::ostringstream out;
    Poco::DeflatingOutputStream def(out, -15, 9); // raw deflate, as zip stores it
    def << data;
    def.close();
    return out.str();
}

std::string build_zip(const std::vector<ZipEntrySpec>& entries) {
    std::string out, central;
    for (const auto& e : entries) {
        Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
        crc.update(e.data.data(), static_cast<unsigned>(e.data.size()));
        std::uint32_t c = crc.checksum() ^ (e.bad_crc ? 0x1234u : 0u);
        std::string body = e.method == 8 ? deflate_raw(e.data) : e.data;
        std::uint32_t usize = e.declared_size != 0xFFFFFFFF ? e.declared_size : static_cast<std::uint32_t>(e.data.size());
        std::uint32_t offset = static_cast<std::uint32_t>(out.size());
        std::string local;
        put32(local, 0x04034b50);
        put16(local, 20);
        put16(local, 0x0800);
        put16(local, static_cast<unsigned>(e.method));
        put16(local, 0);
        put16(local, 0x5A21);
        put32(local, c);
        put32(local, static_cast<std::uint32_t>(body.size()));
        put32(local, usize);
        put16(local, static_cast<unsigned>(e.name.size()));
        put16(local, 0);
        out += local + e.name + body;
        std::string cd;
        put32(cd, 0x02014b50);
        put16(cd, 0x0314); // made by Unix, version 2.0
        put16(cd, 20);
        put16(cd, 0x0800);
        put16(cd, static_cast<unsigned>(e.method));
        put16(cd, 0);
        put16(cd, 0x5A21);
        put32(cd, c);
        put32(cd, static_cast<std::uint32_t>(body.size()));
        put32(cd, usize);
        put16(cd, static_cast<unsigned>(e.name.size()));
        put16(cd, 0);
        put16(cd, 0);
        put16(cd, 0);
        put16(cd, 0);
        put32(cd, static_cast<std::uint32_t>(e.unix_mode) << 16);
        put32(cd, offset);
        central += cd + e.name;
    }
    std::uint32_t cd_offset = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<unsigned>(entries.size()));
    put16(out, static_cast<unsigned>(entries.size()));
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, cd_offset);
    put16(out, 0);
    return out;
}

/// A valid bag's files (relative path → bytes) with correct manifests, as a list of zip entries.
std::vector<ZipEntrySpec> bag_entries(std::map<std::string, std::string> payload, const std::string& base = "bag",
                                      bool fix_manifest = true, const std::string& manifest_override = {}) {
    std::vector<archive::BagFile> files;
    for (const auto& [p, bytes] : payload) files.push_back({p, archive::sha256_hex(bytes), bytes.size()});
    std::string manifest = fix_manifest ? archive::format_manifest(files) : manifest_override;
    archive::BagInfo info;
    info.add("Source-Organization", "测试");
    info.add("External-Identifier", "x");
    info.add("Payload-Oxum", archive::payload_oxum(files));
    std::string declaration = archive::bagit_declaration(), bag_info = archive::format_bag_info(info);
    std::string tag = archive::format_manifest({{"bagit.txt", archive::sha256_hex(declaration), 0},
                                                {"bag-info.txt", archive::sha256_hex(bag_info), 0},
                                                {"manifest-sha256.txt", archive::sha256_hex(manifest), 0}});
    std::vector<ZipEntrySpec> out = {{base + "/bagit.txt", declaration},
                                     {base + "/bag-info.txt", bag_info},
                                     {base + "/manifest-sha256.txt", manifest},
                                     {base + "/tagmanifest-sha256.txt", tag}};
    for (const auto& [p, bytes] : payload) out.push_back({base + "/" + p, bytes});
    return out;
}

/// Unpacks a real package, lets `edit` change the bag, and zips it again (manifests as edited).
fs::path repack(const fs::path& zip, const fs::path& out, const std::function<void(const fs::path& base)>& edit) {
    archive::StagingDir dir("repack");
    archive::extract_zip(zip, archive::inspect_zip(zip), dir.path() / "x");
    fs::path base;
    for (const auto& e : fs::directory_iterator(dir.path() / "x")) base = e.path();
    edit(base);
    std::ofstream o(out, std::ios::binary);
    Poco::Zip::Compress c(o, true);
    for (auto it = fs::recursive_directory_iterator(base); it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file()) continue;
        std::string rel = base.filename().string() + "/" + fs::relative(it->path(), base).generic_string();
        c.addFile(Poco::Path(it->path().string()), Poco::Path(rel, Poco::Path::PATH_UNIX));
    }
    c.close();
    return out;
}

/// Rewrites the manifests after an edit. The signature cannot be remade without the branch's key, so
/// it is removed too (as in a package of an older OneBook) unless `keep_signature`.
void rewrite_manifests(const fs::path& base, bool payload_too = true, bool keep_signature = false) {
    if (!keep_signature) {
        fs::remove(base / "onebook-signature.txt");
        auto info = archive::parse_bag_info(test::read_file(base / "bag-info.txt"), "bag-info.txt");
        std::erase_if(info.fields, [](const auto& f) { return f.first == "OneBook-Public-Key"; });
        test::write_file(base / "bag-info.txt", archive::format_bag_info(info));
    }
    if (payload_too) {
        std::vector<archive::BagFile> files;
        for (auto it = fs::recursive_directory_iterator(base / "data"); it != fs::recursive_directory_iterator(); ++it)
            if (it->is_regular_file())
                files.push_back({"data/" + fs::relative(it->path(), base / "data").generic_string(),
                                 archive::sha256_file(it->path()), fs::file_size(it->path())});
        test::write_file(base / "manifest-sha256.txt", archive::format_manifest(files));
        auto info = archive::parse_bag_info(test::read_file(base / "bag-info.txt"), "bag-info.txt");
        for (auto& [k, v] : info.fields)
            if (k == "Payload-Oxum") v = archive::payload_oxum(files);
        test::write_file(base / "bag-info.txt", archive::format_bag_info(info));
    }
    std::vector<archive::BagFile> tags;
    for (const char* t : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"})
        tags.push_back({t, archive::sha256_file(base / t), 0});
    test::write_file(base / "tagmanifest-sha256.txt", archive::format_manifest(tags));
}

/// Tries to import `zip` into the superior at `superior`; checks the error names `needle` and that
/// the superior's file did not change by a byte.
void expect_rejected(const fs::path& superior, const fs::path& zip, const std::string& needle) {
    std::string before = bytes_of(superior);
    std::string message, field;
    {
        auto s = core::Archive::open(superior.string());
        try {
            archive::import_package(s, zip);
        } catch (const core::Error& e) {
            message = core::substitute(e.key(), e.params());
            field = e.where().field + " " + e.where().file;
        }
    }
    BOOST_TEST_MESSAGE(zip.filename().string() << " → " << message);
    BOOST_TEST_INFO("package " << zip.filename().string() << ": " << message);
    BOOST_TEST(!message.empty());
    BOOST_TEST((message.find(needle) != std::string::npos || field.find(needle) != std::string::npos));
    BOOST_TEST((bytes_of(superior) == before));
    // verify_package says the same without an archive.
    BOOST_CHECK_THROW(archive::verify_package(zip), core::Error);
}

} // namespace

BOOST_AUTO_TEST_CASE(export_then_import_reproduces_the_organisation_exactly) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path zip = dir / "branch.zip";
    archive::ExportReport exported;
    {
        auto a = core::Archive::open(branch.path.string());
        archive::ExportOptions o;
        o.include_private = true;
        exported = archive::export_package(a, zip, o);
    }
    BOOST_TEST(exported.organisation_uid == branch.uid);
    BOOST_TEST(exported.rows.at("member") == 20);
    BOOST_TEST(exported.rows.at("member_private") == 20);
    BOOST_TEST(exported.rows.at("record") == 2);
    BOOST_TEST(exported.rows.at("document") == 1);
    BOOST_TEST(exported.files == 1);
    BOOST_TEST(fs::file_size(zip) == exported.bytes);

    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    fs::path forwarded = dir / "forwarded.zip";
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, zip);
        BOOST_TEST(r.outcome == "added");
        BOOST_TEST(r.files_added == 1);
        auto org = core::OrganisationStore(s.db()).by_uid(branch.uid);
        BOOST_REQUIRE(org);
        BOOST_TEST(!org->is_home);
        BOOST_TEST(org->parent_id.value_or(0) == s.home().id);
        BOOST_TEST(org->name == "幸福里社区党支部");
        BOOST_TEST(core::Roster(s.db(), org->id).count_members() == 20);
        // The branch's minutes are searchable in the superior's archive.
        archive::SearchIndex index(s);
        auto hits = index.search("党费收缴");
        BOOST_TEST(hits.total >= 2);
        BOOST_TEST(hits.hits[0].organisation == "幸福里社区党支部");
        // The stored file arrived, content-addressed.
        BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM stored_file") == 1);
        archive::ExportOptions o;
        o.include_private = true;
        o.organisation_uid = branch.uid;
        archive::export_package(s, forwarded, o);
    }
    // Forwarded as received: the same organisation, settings, tables and files.
    auto a = archive_json(zip), b = archive_json(forwarded);
    for (const char* member : {"organisation", "settings", "tables", "files", "schema_version", "includes_private"}) {
        BOOST_TEST_INFO(member);
        BOOST_TEST(stringify(a->get(member)) == stringify(b->get(member)));
    }
    BOOST_TEST(a->getValue<std::string>("package_id") != b->getValue<std::string>("package_id"));
    // The schema of the package's tables: migrations that changed no table do not count, so the
    // OneBook before them still imports it.
    BOOST_TEST(a->getValue<int>("schema_version") == core::package_schema_version(core::Archive::latest_schema_version()));
}

BOOST_AUTO_TEST_CASE(the_recruitment_pipeline_and_the_roster_history_travel_in_the_package) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path zip = dir / "branch.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        core::Id rec = a.db().scalar_int("SELECT id FROM record WHERE date = '2025-06-20'");
        core::Recruitment r(a.db(), a.home().id, core::RecruitmentRules::load(nullptr, {}, {test::source_dir() / "templates"}));
        core::Recruit p;
        p.name = "李明";
        p.applied_on = core::Date(2024, 5, 6);
        r.apply(p);
        core::RecruitEvent talk;
        talk.recruit_id = p.id;
        talk.kind = "谈话";
        talk.on = core::Date(2024, 5, 20);
        r.add_event(talk);
        r.move(p.id, "入党积极分子", core::Date(2025, 6, 20), rec, "支委会确定", {"王建国", "李秀兰"});
        core::MemberHistory h(a.db(), a.home().id);
        core::Roster roster(a.db(), a.home().id);
        core::Movement out;
        out.member_id = roster.members().front().id;
        out.kind = "转出";
        out.on = core::Date(2025, 7, 1);
        out.counterpart = "光明社区党支部";
        out.letter_ref = "幸组转〔2025〕3号";
        out.dues_paid_to = "2025-06";
        out.record_id = rec;
        h.depart(out);
        core::Member newcomer;
        newcomer.name = "郑毅";
        newcomer.join_date = core::Date(2015, 7, 1);
        core::Movement in;
        in.on = core::Date(2025, 8, 1);
        in.counterpart = "红星村党支部";
        h.transfer_in(newcomer, in);
        core::MobileMember mm;
        mm.member_id = newcomer.id;
        mm.location = "浙江省杭州市";
        mm.card_no = "流2025017";
        mm.last_contact = core::Date(2025, 9, 1);
        h.set_mobile(mm);
        core::MemberDues dues(a.db(), a.home().id);
        dues.set_fixed(newcomer.id, {"2025-08", "2025-09"}, 2000);
        dues.pay(newcomer.id, {"2025-08"}, 2000, core::Date(2025, 8, 5));
        // The stage move's and the transfer's documents, filed with 档号.
        if (a.setting(archive::fonds_code_setting).empty()) a.set_setting(archive::fonds_code_setting, "Z031");
        test::write_file(dir / "决议.txt", "支委会决议");
        test::write_file(dir / "介绍信.txt", "党员组织关系介绍信");
        archive::DocumentStore store(a, archive::common_sections());
        archive::MemberLifeDocuments life(a, store);
        archive::DocumentMeta meta;
        meta.retention = archive::Retention::Permanent;
        life.file_step(p.id, "入党积极分子", dir / "决议.txt", meta);
        life.file_movement(out.member_id, "转出", dir / "介绍信.txt", meta);
        BOOST_TEST(life.of_recruits().size() == 1u);
        BOOST_TEST(life.of_movements().size() == 1u);
        archive::ExportOptions o;
        auto exported = archive::export_package(a, zip, o);
        BOOST_TEST(exported.rows.at("recruit_event_document") == 1);
        BOOST_TEST(exported.rows.at("member_movement_document") == 1);
        BOOST_TEST(exported.rows.at("member_dues") == 2);
        BOOST_TEST(exported.rows.at("recruit") == 1);
        BOOST_TEST(exported.rows.at("recruit_event") == 3); // application, talk, stage move
        BOOST_TEST(exported.rows.at("member_movement") == 2);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    auto s = core::Archive::open(sup.string());
    auto r = archive::import_package(s, zip);
    BOOST_TEST(r.outcome == "added");
    auto org = core::OrganisationStore(s.db()).by_uid(branch.uid);
    BOOST_REQUIRE(org);
    // The roster as it is now and as it was, in the superior's archive.
    core::MemberHistory h(s.db(), org->id);
    BOOST_TEST(core::Roster(s.db(), org->id).count_members() == 20);
    // (罗敏 of the demo roster joined in 2026: not yet a member in mid-2025.)
    BOOST_TEST(h.roster_on(core::Date(2025, 6, 30)).size() == 19u);
    BOOST_TEST(h.roster_on(core::Date(2025, 7, 1)).size() == 18u);
    BOOST_TEST(h.roster_on(core::Date(2025, 8, 1)).size() == 19u);
    // Dues per member: the half-year's totals come out the same in the superior's archive.
    auto totals = core::MemberDues(s.db(), org->id).totals("2025-H2");
    BOOST_TEST(totals.members_due == 1);
    BOOST_TEST(totals.members_paid == 0);
    BOOST_TEST(totals.amount_fen == 2000);
    auto stats = core::party_statistics(s.db(), org->id, 2025, core::Date(2025, 12, 31));
    BOOST_TEST(stats.transferred_in == 1);
    BOOST_TEST(stats.transferred_out == 1);
    BOOST_TEST(stats.mobile == 1);
    // The superior adds its branches up: every category and every change, and a 合计 row.
    core::PartyStatistics sum;
    core::add_party_statistics(sum, stats);
    core::add_party_statistics(sum, stats);
    BOOST_TEST(sum.total == 2 * stats.total);
    BOOST_TEST(sum.transferred_out == 2);
    BOOST_REQUIRE(sum.composition.size() == stats.composition.size());
    int by_sex = 0;
    for (const auto& c : sum.composition) by_sex += c.dimension == "性别" ? c.count : 0;
    BOOST_TEST(by_sex == sum.total);
    auto branches =
        archive::party_statistics_branches_table("幸福街道党工委", {{org->name, stats}, {"光明社区党支部", stats}}, stats.as_of);
    BOOST_REQUIRE(branches.rows.size() == 3u);
    BOOST_TEST(std::get<std::string>(branches.rows[2][0]) == "合计");
    BOOST_TEST(std::get<long long>(branches.rows[2][branches.column("in")]) == 2);
    BOOST_TEST(std::get<long long>(branches.rows[2][branches.column("total")]) == 2 * stats.total);
    auto mobile = h.mobile_members();
    BOOST_REQUIRE(mobile.size() == 1u);
    BOOST_TEST(mobile[0].member_name == "郑毅");
    BOOST_TEST(mobile[0].card_no == "流2025017");
    auto moves = h.movements();
    BOOST_REQUIRE(moves.size() == 2u);
    BOOST_TEST(moves[1].letter_ref == "幸组转〔2025〕3号");
    BOOST_TEST(moves[1].dues_paid_to == "2025-06");
    // The movement's record and the stage move's record are the imported meeting, not the branch's id.
    auto rec_date = s.db().prepare("SELECT r.date, r.organisation_id FROM member_movement x JOIN record r ON r.id = x.record_id "
                                   "WHERE x.kind = '转出'");
    BOOST_REQUIRE(rec_date.step());
    BOOST_TEST(rec_date.get_text(0) == "2025-06-20");
    BOOST_TEST(rec_date.get_int(1) == org->id);
    core::Recruitment pipeline(s.db(), org->id, core::RecruitmentRules::load(nullptr, {}, {test::source_dir() / "templates"}));
    auto people = pipeline.recruits();
    BOOST_REQUIRE(people.size() == 1u);
    BOOST_TEST(people[0].stage == "入党积极分子");
    BOOST_TEST(people[0].contacts.size() == 2u);
    auto evs = pipeline.events(people[0].id);
    BOOST_REQUIRE(evs.size() == 3u);
    BOOST_REQUIRE(evs[2].record_id.has_value());
    BOOST_TEST(s.db().scalar_int("SELECT organisation_id FROM record WHERE id = " + std::to_string(*evs[2].record_id)) ==
               org->id);
    // The filed documents point at the imported stage move and transfer, and at the imported documents.
    BOOST_TEST(
        s.db().scalar_int("SELECT count(*) FROM recruit_event_document l JOIN recruit_event e ON e.id = l.recruit_event_id "
                          "JOIN document d ON d.id = l.document_id WHERE e.id = " +
                          std::to_string(evs[2].id) + " AND d.organisation_id = " + std::to_string(org->id) +
                          " AND d.section_id = 'basic.activists' AND d.retention = 'Y'") == 1);
    BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM member_movement_document l JOIN member_movement v ON v.id = l.movement_id "
                                 "JOIN document d ON d.id = l.document_id WHERE v.kind = '转出' AND d.organisation_id = " +
                                 std::to_string(org->id) + " AND d.section_id = 'basic.members'") == 1);
}

BOOST_AUTO_TEST_CASE(the_package_is_a_bag_with_checksums_and_payload_oxum) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path zip = dir / "branch-2025.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::export_package(a, zip);
    }
    // Unpack with the system's unzip (an independent reader) and check with sha256sum.
    fs::path out = dir / "unzipped";
    BOOST_REQUIRE(test::run_tool({"unzip", "-q", test::utf8(zip), "-d", test::utf8(out)}) == 0);
    std::vector<fs::path> top;
    for (const auto& e : fs::directory_iterator(out)) top.push_back(e.path());
    BOOST_REQUIRE(top.size() == 1u);
    fs::path base = top[0];
    BOOST_TEST(base.filename() == "branch-2025"); // RFC 8493 §4: named as the package
    BOOST_TEST(test::read_file(base / "bagit.txt") == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    auto info = archive::parse_bag_info(test::read_file(base / "bag-info.txt"), "bag-info.txt");
    BOOST_TEST(info.get("Source-Organization") == "幸福里社区党支部");
    BOOST_TEST(info.get("External-Identifier") == branch.uid);
    BOOST_TEST(info.get("Bagging-Date") == core::Date::today().iso());
    // Payload-Oxum: octets and file count of data/.
    std::uintmax_t octets = 0;
    int streams = 0;
    for (auto it = fs::recursive_directory_iterator(base / "data"); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) {
            octets += fs::file_size(it->path());
            ++streams;
        }
    BOOST_TEST(streams == 2); // archive.json and the scan
    BOOST_TEST(info.get("Payload-Oxum") == std::to_string(octets) + "." + std::to_string(streams));
    std::string check;
    BOOST_TEST(test::run_tool({"sha256sum", "-c", "--strict", "manifest-sha256.txt"}, &check, nullptr, test::in_dir(base)) == 0);
    BOOST_TEST(check.find("data/archive.json: OK") != std::string::npos);
    BOOST_TEST(test::run_tool({"sha256sum", "-c", "--strict", "tagmanifest-sha256.txt"}, &check, nullptr, test::in_dir(base)) ==
               0);
    BOOST_TEST(check.find("manifest-sha256.txt: OK") != std::string::npos);
    BOOST_TEST(check.find("bag-info.txt: OK") != std::string::npos);
    // verify_package reports what is inside.
    auto v = archive::verify_package(zip);
    BOOST_TEST(v.organisation_uid == branch.uid);
    BOOST_TEST(v.rows.at("record") == 2);
    BOOST_TEST(v.files == 1);
}

BOOST_AUTO_TEST_CASE(private_data_stays_out_unless_asked_for) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    std::vector<std::string> secrets;
    {
        auto a = core::Archive::open(branch.path.string());
        core::Roster roster(a.db(), a.home().id);
        for (const auto& m : roster.members({}, true)) {
            BOOST_REQUIRE(!m.priv.empty());
            secrets.push_back(m.priv.id_number);
            secrets.push_back(m.priv.phone);
            secrets.push_back(m.priv.address);
        }
        archive::export_package(a, dir / "public.zip");
        archive::ExportOptions o;
        o.include_private = true;
        archive::export_package(a, dir / "private.zip", o);
    }
    auto text_of = [&](const fs::path& zip) {
        fs::path out = dir / (zip.stem().string() + "-x");
        test::run_tool({"unzip", "-q", test::utf8(zip), "-d", test::utf8(out)});
        std::string all;
        for (auto it = fs::recursive_directory_iterator(out); it != fs::recursive_directory_iterator(); ++it)
            if (it->is_regular_file()) all += test::read_file(it->path());
        return all;
    };
    std::string pub = text_of(dir / "public.zip"), priv = text_of(dir / "private.zip");
    int leaked = 0, present = 0;
    for (const auto& s : secrets) {
        if (pub.find(s) != std::string::npos) ++leaked;
        if (priv.find(s) != std::string::npos) ++present;
    }
    BOOST_TEST(leaked == 0);
    BOOST_TEST(present == static_cast<int>(secrets.size()));
    auto pj = archive_json(dir / "public.zip");
    BOOST_TEST(!pj->getValue<bool>("includes_private"));
    BOOST_TEST(stringify(pj->get("tables")).find("\"member_private\"") == std::string::npos);
    BOOST_TEST(archive::verify_package(dir / "public.zip").bytes > 0);
}

BOOST_AUTO_TEST_CASE(importing_twice_changes_nothing_and_a_newer_package_replaces_with_a_record) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path first = dir / "first.zip", second = dir / "second.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::export_package(a, first);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    auto counts = [&](core::Archive& s) {
        std::map<std::string, std::int64_t> n;
        for (const char* t : {"organisation", "member", "record", "record_attendance", "rectification_item", "document",
                              "rule_text", "stored_file", "search_item"})
            n[t] = s.db().scalar_int(std::string("SELECT count(*) FROM ") + t);
        return n;
    };
    std::map<std::string, std::int64_t> after_first;
    {
        auto s = core::Archive::open(sup.string());
        auto r1 = archive::import_package(s, first);
        BOOST_TEST(r1.outcome == "added");
        after_first = counts(s);
        auto r2 = archive::import_package(s, first);
        BOOST_TEST(r2.outcome == "unchanged");
        BOOST_TEST(r2.added() == 0);
        BOOST_TEST(r2.removed() == 0);
        BOOST_TEST(r2.changed() == 0);
        BOOST_TEST((counts(s) == after_first));
        BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM organisation") == 2);
    }
    // The branch works on: a new member, a record deleted, a rectification item progressed.
    {
        auto a = core::Archive::open(branch.path.string());
        core::Roster roster(a.db(), a.home().id);
        core::Member m;
        m.name = "唐新";
        m.gender = "男";
        m.join_date = core::Date(2024, 1, 5);
        m.full_date = core::Date(2025, 1, 5);
        roster.add_member(m);
        a.db().exec("DELETE FROM record WHERE topic = '七一表彰'");
        a.db().exec("UPDATE rectification_item SET progress = '已建立党费台账', status = 'in_progress'");
        archive::export_package(a, second);
    }
    {
        auto s = core::Archive::open(sup.string());
        auto before_ids = s.db().scalar_text("SELECT group_concat(id) FROM (SELECT id FROM member ORDER BY id)");
        auto r = archive::import_package(s, second);
        BOOST_TEST(r.outcome == "replaced");
        std::map<std::string, archive::KindChange> by;
        for (const auto& c : r.changes) by[c.kind] = c;
        BOOST_TEST(by["member"].added == 1);
        BOOST_TEST(by["member"].unchanged == 20);
        BOOST_TEST(by["record"].removed == 1);
        BOOST_TEST(by["record"].unchanged == 1);
        BOOST_TEST(by["record_attendance"].removed == 20);
        BOOST_TEST(by["rectification_item"].changed == 1);
        BOOST_TEST(by["document"].unchanged == 1);
        BOOST_TEST(by["member"].label == "党员");
        auto now = counts(s);
        BOOST_TEST(now["member"] == after_first["member"] + 1);
        BOOST_TEST(now["record"] == after_first["record"] - 1);
        BOOST_TEST(now["organisation"] == 2);
        // Rows kept their local ids (what the superior links to them stays valid).
        auto after_ids = s.db().scalar_text("SELECT group_concat(id) FROM (SELECT id FROM member ORDER BY id LIMIT 20)");
        BOOST_TEST(after_ids == before_ids);
        BOOST_TEST(s.db().scalar_text("SELECT progress FROM rectification_item") == "已建立党费台账");
        archive::SearchIndex index(s);
        BOOST_TEST(index.count("七一表彰") == 0);
        BOOST_TEST(index.count("党费台账") == 1);
        // The log: three imports, newest first, with what changed.
        auto log = archive::import_log(s);
        BOOST_REQUIRE(log.size() == 3u);
        BOOST_TEST(log[0].outcome == "replaced");
        BOOST_TEST(log[1].outcome == "unchanged");
        BOOST_TEST(log[2].outcome == "added");
        BOOST_TEST(log[0].organisation == "幸福里社区党支部");
        bool member_logged = false;
        for (const auto& c : log[0].changes)
            if (c.kind == "member") member_logged = c.added == 1;
        BOOST_TEST(member_logged);
    }
    // The older package no longer goes in: it would roll the branch back.
    std::string before = bytes_of(sup);
    {
        auto s = core::Archive::open(sup.string());
        BOOST_CHECK_EXCEPTION(archive::import_package(s, first), core::Error,
                              [](const core::Error& e) { return e.key().find("旧") != std::string::npos; });
    }
    BOOST_TEST((bytes_of(sup) == before));
}

BOOST_AUTO_TEST_CASE(a_crash_mid_export_leaves_no_partial_package) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path zip = dir / "branch.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::export_package(a, zip);
    }
    std::string good = test::read_file(zip);
    // The child process dies in the middle of writing (after three entries), as a power cut would.
    pid_t pid = fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
        try {
            auto a = core::Archive::open(branch.path.string());
            archive::ExportOptions o;
            int n = 0;
            o.after_entry = [&](const std::string&) {
                if (++n == 3) _exit(3);
            };
            archive::export_package(a, zip, o);
        } catch (...) {}
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    BOOST_TEST(WEXITSTATUS(status) == 3);
    BOOST_TEST((test::read_file(zip) == good)); // the previous package, whole
    // An error mid-export removes the temporary file and leaves no package behind.
    fs::path fresh = dir / "fresh.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::ExportOptions o;
        o.after_entry = [](const std::string& e) {
            if (e == "data/archive.json") throw std::runtime_error("disk full");
        };
        BOOST_CHECK_THROW(archive::export_package(a, fresh, o), std::runtime_error);
        BOOST_TEST(!fs::exists(fresh));
        // The next export cleans up what the crash left.
        archive::export_package(a, zip);
    }
    int leftovers = 0;
    for (const auto& e : fs::directory_iterator(dir.path()))
        if (e.path().filename().string().find(".partial-") != std::string::npos) ++leftovers;
    BOOST_TEST(leftovers == 0);
    BOOST_CHECK_NO_THROW(archive::verify_package(zip));
}

BOOST_AUTO_TEST_CASE(export_refuses_a_damaged_file_store) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    auto a = core::Archive::open(branch.path.string());
    archive::FileStore store(a);
    std::string sha = a.db().scalar_text("SELECT sha256 FROM stored_file");
    fs::permissions(store.path_of(sha), fs::perms::owner_read | fs::perms::owner_write);
    test::write_file(store.path_of(sha), "tampered");
    BOOST_CHECK_EXCEPTION(archive::export_package(a, dir / "x.zip"), core::Error,
                          [&](const core::Error& e) { return e.param("file") == store.path_of(sha).string(); });
    BOOST_TEST(!fs::exists(dir / "x.zip"));
}

BOOST_AUTO_TEST_CASE(damaged_and_malicious_packages_are_rejected_naming_the_entry) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path good = dir / "good.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::export_package(a, good);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    auto write = [&](const std::string& name, const std::string& bytes) {
        test::write_file(dir / name, bytes);
        return dir / name;
    };
    std::map<std::string, std::string> payload = {{"data/archive.json", "{}"}};

    // Entry names and types.
    expect_rejected(sup, write("dotdot.zip", build_zip({{"../x", "evil"}})), "../x");
    expect_rejected(sup, write("dotdot2.zip", build_zip({{"bag/data/../../x", "evil"}})), "bag/data/../../x");
    expect_rejected(sup, write("absolute.zip", build_zip({{"/etc/cron.d/x", "evil"}})), "/etc/cron.d/x");
    expect_rejected(sup, write("drive.zip", build_zip({{"C:/x", "evil"}})), "C:/x");
    auto link = bag_entries(payload);
    link.push_back({"bag/data/link", "/etc/passwd", 0, 0120777});
    expect_rejected(sup, write("symlink.zip", build_zip(link)), "bag/data/link");
    auto dup = bag_entries(payload);
    dup.push_back(dup.back());
    expect_rejected(sup, write("duplicate.zip", build_zip(dup)), "bag/data/archive.json");
    auto casedup = bag_entries(payload);
    casedup.push_back({"bag/DATA/archive.json", "{}"});
    expect_rejected(sup, write("casedup.zip", build_zip(casedup)), "bag/DATA/archive.json");
    // Damaged or unusual content.
    auto crc = bag_entries(payload);
    crc.back().bad_crc = true;
    expect_rejected(sup, write("crc.zip", build_zip(crc)), "bag/data/archive.json");
    auto method = bag_entries(payload);
    method.back().method = 14; // LZMA
    expect_rejected(sup, write("method.zip", build_zip(method)), "bag/data/archive.json");
    auto bomb = bag_entries(payload);
    bomb.push_back({"bag/data/zeros", std::string(20u << 20, '\0')});
    expect_rejected(sup, write("bomb.zip", build_zip(bomb)), "bag/data/zeros");
    auto liar = bag_entries(payload);
    liar.push_back({"bag/data/liar", std::string(100000, 'a'), 8, 0100644, false, 10});
    expect_rejected(sup, write("liar.zip", build_zip(liar)), "bag/data/liar");
    std::string truncated = test::read_file(good);
    expect_rejected(sup, write("truncated.zip", truncated.substr(0, truncated.size() * 2 / 3)), "truncated.zip");
    // Caps: many small entries adding up (a "flat" bomb) against a low total limit.
    {
        archive::ZipLimits low;
        low.max_total = 1000;
        auto many = bag_entries(payload);
        for (int i = 0; i < 10; ++i) many.push_back({"bag/data/f" + std::to_string(i), std::string(200, 'a' + i)});
        fs::path p = write("flat.zip", build_zip(many));
        BOOST_CHECK_EXCEPTION(archive::inspect_zip(p, low), core::Error,
                              [](const core::Error& e) { return !e.where().field.empty(); });
    }

    // Bag-level problems, made from the good package.
    expect_rejected(sup,
                    repack(good, dir / "tampered.zip",
                           [](const fs::path& b) {
                               test::write_file(b / "data/archive.json", test::read_file(b / "data/archive.json") + " ");
                           }),
                    "data/archive.json");
    expect_rejected(sup,
                    repack(good, dir / "wrongsum.zip",
                           [](const fs::path& b) {
                               std::string m = test::read_file(b / "manifest-sha256.txt");
                               m[0] = m[0] == 'a' ? 'b' : 'a'; // first line: a checksum
                               test::write_file(b / "manifest-sha256.txt", m);
                               rewrite_manifests(b, false);
                           }),
                    "data/");
    expect_rejected(sup,
                    repack(good, dir / "missingline.zip",
                           [](const fs::path& b) {
                               std::string m = test::read_file(b / "manifest-sha256.txt");
                               std::string kept;
                               std::istringstream in(m);
                               for (std::string line; std::getline(in, line);)
                                   if (line.find("data/files/") == std::string::npos) kept += line + "\n";
                               test::write_file(b / "manifest-sha256.txt", kept);
                               rewrite_manifests(b, false);
                           }),
                    "data/files/");
    expect_rejected(sup,
                    repack(good, dir / "missingfile.zip",
                           [](const fs::path& b) {
                               for (const auto& e : fs::directory_iterator(b / "data/files")) fs::remove(e.path());
                           }),
                    "data/files/");
    expect_rejected(
        sup, repack(good, dir / "extrafile.zip", [](const fs::path& b) { test::write_file(b / "data/extra.txt", "hello"); }),
        "data/extra.txt");
    expect_rejected(sup,
                    repack(good, dir / "extrafile2.zip",
                           [](const fs::path& b) {
                               test::write_file(b / "data/extra.txt", "hello");
                               rewrite_manifests(b); // listed in the bag, but not part of the package format
                           }),
                    "data/extra.txt");
    expect_rejected(sup,
                    repack(good, dir / "oxum.zip",
                           [](const fs::path& b) {
                               auto info = archive::parse_bag_info(test::read_file(b / "bag-info.txt"), "bag-info.txt");
                               for (auto& [k, v] : info.fields)
                                   if (k == "Payload-Oxum") v = "1.1";
                               test::write_file(b / "bag-info.txt", archive::format_bag_info(info));
                               rewrite_manifests(b, false);
                           }),
                    "bag-info.txt");
    expect_rejected(sup,
                    repack(good, dir / "badjson.zip",
                           [](const fs::path& b) {
                               test::write_file(b / "data/archive.json", "{\"format\": \"onebook-package\", ");
                               rewrite_manifests(b);
                           }),
                    "data/archive.json");
    expect_rejected(sup,
                    repack(good, dir / "unknowntable.zip",
                           [](const fs::path& b) {
                               std::string j = test::read_file(b / "data/archive.json");
                               auto p = j.find("\"name\": \"member\"");
                               BOOST_REQUIRE(p != std::string::npos);
                               j.replace(p, 16, "\"name\": \"members_v9\"");
                               test::write_file(b / "data/archive.json", j);
                               rewrite_manifests(b);
                           }),
                    "members_v9");

    // The untouched package still goes in.
    auto s = core::Archive::open(sup.string());
    BOOST_CHECK_NO_THROW(archive::import_package(s, good));
}

BOOST_AUTO_TEST_CASE(the_format_document_describes_every_exported_table_and_column) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    {
        auto a = core::Archive::open(branch.path.string());
        archive::ExportOptions o;
        o.include_private = true;
        archive::export_package(a, dir / "all.zip", o);
    }
    std::string doc = test::read_file(test::source_dir() / "docs/package-format.md");
    auto json = archive_json(dir / "all.zip");
    std::vector<std::string> members;
    json->getNames(members);
    for (const auto& m : members) {
        BOOST_TEST_INFO("member " << m);
        BOOST_TEST(doc.find("| `" + m + "` |") != std::string::npos);
    }
    auto tables = json->getArray("tables");
    for (std::size_t k = 0; k < tables->size(); ++k) {
        auto t = tables->getObject(static_cast<unsigned>(k));
        std::string name = t->getValue<std::string>("name");
        auto at = doc.find("| `" + name + "` |");
        BOOST_TEST_INFO("table " << name);
        BOOST_REQUIRE(at != std::string::npos);
        std::string line = doc.substr(at, doc.find('\n', at) - at);
        auto cols = t->getArray("columns");
        for (std::size_t c = 0; c < cols->size(); ++c) {
            std::string col = cols->getElement<std::string>(static_cast<unsigned>(c));
            BOOST_TEST_INFO("table " << name << " column " << col);
            BOOST_TEST((line.find(" " + col + ",") != std::string::npos || line.find(" " + col + " ") != std::string::npos ||
                        line.find("**" + col + "**") != std::string::npos));
        }
    }
}

// ---- hostile packages, identity and meaning ------------------------------------------------------

namespace {

/// Like expect_rejected, with options, and checking that verify_package against the same target
/// refuses too ("verified" means "will import").
void expect_refused(const fs::path& superior, const fs::path& zip, const std::string& needle,
                    const archive::ImportOptions& options) {
    std::string before = bytes_of(superior);
    std::string message, where, verify_message;
    {
        auto s = core::Archive::open(superior.string());
        try {
            archive::import_package(s, zip, options);
        } catch (const core::Error& e) {
            message = core::substitute(e.key(), e.params());
            where = e.where().file + " " + e.where().field;
        }
        try {
            archive::verify_package(zip, &s, options);
        } catch (const core::Error& e) { verify_message = core::substitute(e.key(), e.params()); }
    }
    BOOST_TEST_MESSAGE(zip.filename().string() << " → " << message);
    BOOST_TEST_INFO("package " << zip.filename().string() << ": " << message);
    BOOST_TEST(!message.empty());
    BOOST_TEST((message.find(needle) != std::string::npos || where.find(needle) != std::string::npos));
    BOOST_TEST(message.find("constraint failed") == std::string::npos); // never SQLite's own words
    BOOST_TEST(verify_message == message);
    BOOST_TEST((bytes_of(superior) == before));
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    auto p = text.find(from);
    BOOST_REQUIRE_MESSAGE(p != std::string::npos, "not found: " << from);
    return text.replace(p, from.size(), to);
}

/// A repacked package with archive.json edited (unsigned then, as from an older OneBook).
fs::path edited(const fs::path& good, const fs::path& out, const std::string& from, const std::string& to) {
    return repack(good, out, [&](const fs::path& b) {
        test::write_file(b / "data/archive.json", replace_once(test::read_file(b / "data/archive.json"), from, to));
        rewrite_manifests(b);
    });
}

struct EnvGuard {
    std::string name, old;
    bool had;
    EnvGuard(const std::string& n, const std::string& value) : name(n), had(std::getenv(n.c_str()) != nullptr) {
        if (had) old = std::getenv(n.c_str());
        ::setenv(n.c_str(), value.c_str(), 1);
    }
    ~EnvGuard() {
        if (had) ::setenv(name.c_str(), old.c_str(), 1);
        else ::unsetenv(name.c_str());
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(hostile_packages_are_refused_and_the_superior_stays_byte_for_byte) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    {
        auto a = core::Archive::open(branch.path.string());
        a.db().exec(
            "INSERT INTO assessment(organisation_id, rubric_id, year) SELECT id, 'community.fenlei', 2025 FROM organisation");
        a.db().exec(
            "INSERT INTO assessment_score(assessment_id, round, item_id, points) SELECT id, 'self', '1.1', 2.75 FROM assessment");
    }
    fs::path good = dir / "good.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::export_package(a, good);
    }
    fs::path sup = dir / "fresh.onebook";
    { make_superior(sup); }
    archive::ImportOptions opts;
    opts.plugins = &test::sector_plugins();
    auto write = [&](const std::string& name, const std::string& bytes) {
        test::write_file(dir / name, bytes);
        return dir / name;
    };

    // Impossible values: well-formed, meaningless. Each names the table, row and value.
    expect_refused(sup, edited(good, dir / "score999.zip", "2.75", "999.0"), "999", opts);
    expect_refused(sup, edited(good, dir / "negative.zip", "2.75", "-1.0"), "负数", opts);
    expect_refused(sup, edited(good, dir / "feb30.zip", "\"2025-03-15\"", "\"2025-02-30\""), "2025-02-30", opts);
    expect_refused(sup, edited(good, dir / "month13.zip", "\"2025-06-20\"", "\"2025-13-45\""), "2025-13-45", opts);
    expect_refused(sup, edited(good, dir / "longname.zip", "\"王建国\"", "\"" + std::string(300, 'x') + "\""), "过长", opts);
    expect_refused(sup, edited(good, dir / "form.zip", "\"党支部\"", "\"秘密小组\""), "组织", opts);
    // Form and encoding.
    expect_refused(sup, edited(good, dir / "badutf8.zip", "\"王建国\"", "\"\xff\xfe\""), "UTF-8", opts);
    expect_refused(sup,
                   repack(good, dir / "deepjson.zip",
                          [](const fs::path& b) {
                              test::write_file(b / "data/archive.json", std::string(200000, '[') + std::string(200000, ']'));
                              rewrite_manifests(b);
                          }),
                   "archive.json", opts);
    expect_refused(sup,
                   repack(good, dir / "bagit097.zip",
                          [](const fs::path& b) {
                              test::write_file(b / "bagit.txt", "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n");
                              rewrite_manifests(b, false);
                          }),
                   "0.97", opts);
    // Tampering after signing: the data and both manifests made consistent again, the signature kept.
    expect_refused(sup,
                   repack(good, dir / "resigned.zip",
                          [](const fs::path& b) {
                              test::write_file(b / "data/archive.json",
                                               replace_once(test::read_file(b / "data/archive.json"), "2.75", "3.0"));
                              rewrite_manifests(b, true, true);
                          }),
                   "签名", opts);
    expect_refused(sup,
                   repack(good, dir / "tagmanifest.zip",
                          [](const fs::path& b) {
                              std::string t = test::read_file(b / "tagmanifest-sha256.txt");
                              t[3] = t[3] == '0' ? '1' : '0';
                              test::write_file(b / "tagmanifest-sha256.txt", t);
                          }),
                   "good/", opts);
    expect_refused(sup, repack(good, dir / "nosig.zip", [](const fs::path& b) { fs::remove(b / "onebook-signature.txt"); }),
                   "onebook-signature.txt", opts);
    // Names: NUL, backslash, NFC/NFD twins.
    std::map<std::string, std::string> payload = {{"data/archive.json", "{}"}};
    auto nul = bag_entries(payload);
    nul.push_back({std::string("bag/data/a\0b", 12), "x"});
    expect_refused(sup, write("nul.zip", build_zip(nul)), "bag/data/a", opts);
    auto backslash = bag_entries(payload);
    backslash.push_back({"bag\\data\\evil", "x"});
    expect_refused(sup, write("backslash.zip", build_zip(backslash)), "evil", opts);
    auto twins = bag_entries(payload);
    twins.push_back({"bag/data/caf\xC3\xA9", "nfc"});
    twins.push_back({"bag/data/cafe\xCC\x81", "nfd"});
    expect_refused(sup, write("twins.zip", build_zip(twins)), "bag/data/caf", opts);
    // Size: a documented cap on archive.json, refused before it is read.
    {
        archive::ImportOptions small = opts;
        small.limits.max_json = 1000;
        expect_refused(sup, good, "上限 1000 字节", small);
    }
    // The untouched package still goes in, with its key pinned and the score as it was.
    auto s = core::Archive::open(sup.string());
    auto r = archive::import_package(s, good, opts);
    BOOST_TEST(r.outcome == "added");
    BOOST_TEST(r.package.signed_package);
    BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM package_branch_key") == 1);
    BOOST_TEST(s.db().scalar_text("SELECT points FROM assessment_score") == "2.75");
}

BOOST_AUTO_TEST_CASE(a_branch_cannot_be_taken_over_by_another_key_or_by_mistake) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path v1 = dir / "v1.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        archive::export_package(a, v1);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    archive::ImportOptions opts;
    opts.plugins = &test::sector_plugins();
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, v1, opts);
        BOOST_TEST(r.notes.size() == 1u);
        BOOST_TEST(r.notes[0].find("登记签名密钥") != std::string::npos);
    }

    // Another archive carrying the branch's uid, on another machine (its own key store): its
    // package is refused with what to do, and verify says the same.
    fs::path foreign_dir = dir / "elsewhere";
    fs::create_directories(foreign_dir);
    fs::path impostor = foreign_dir / "impostor.onebook", foreign = dir / "foreign.zip";
    fs::copy_file(branch.path, impostor);
    fs::copy(archive::FileStore::folder_for(branch.path), archive::FileStore::folder_for(impostor), fs::copy_options::recursive);
    {
        EnvGuard keys("ONEBOOK_KEY_DIR", (dir / "other-keys").string());
        auto x = core::Archive::open(impostor.string());
        BOOST_TEST((x.identity_info().state == core::IdentityState::NoKey));
        BOOST_CHECK_THROW(archive::export_package(x, dir / "refused.zip"), core::Error); // no key: no package
        core::renew_identity(x, false);
        x.db().exec("DELETE FROM record");
        x.db().exec("UPDATE organisation SET name = '冒名党支部', form = '党委' WHERE is_home = 1");
        archive::export_package(x, foreign);
    }
    expect_refused(sup, foreign, "--readmit", opts);
    // Re-admitted explicitly, the differences still need accepting; both end up in the log.
    archive::ImportOptions readmit = opts;
    readmit.readmit = true;
    expect_refused(sup, foreign, "--accept-changes", readmit);
    {
        std::string before = bytes_of(sup);
        auto s = core::Archive::open(sup.string());
        try {
            archive::import_package(s, foreign, readmit);
            BOOST_ERROR("accepted without --accept-changes");
        } catch (const core::Error& e) {
            std::string m = core::substitute(e.key(), e.params());
            BOOST_TEST(m.find("冒名党支部") != std::string::npos, m);
            BOOST_TEST(m.find("党委") != std::string::npos, m);
            BOOST_TEST(m.find("活动记录") != std::string::npos, m);
            BOOST_TEST(e.param("accept_changes") == "needed");
        }
    }
    readmit.accept_changes = true;
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, foreign, readmit);
        BOOST_TEST(r.outcome == "replaced");
        auto log = archive::import_log(s);
        BOOST_REQUIRE(log.size() == 2u);
        BOOST_TEST(log[0].note.find("重新接纳") != std::string::npos, log[0].note);
        BOOST_TEST(log[0].note.find("重大差异") != std::string::npos, log[0].note);
    }

    // An unsigned package (older OneBook) for a branch whose key is pinned is refused; into a
    // superior that never saw the branch it imports with a note.
    fs::path unsigned_zip = repack(v1, dir / "unsigned.zip", [](const fs::path& b) { rewrite_manifests(b, false); });
    archive::ImportOptions older = opts;
    older.allow_older = true; // v1 is older than the re-admitted package
    expect_refused(sup, unsigned_zip, "没有签名", older);
    fs::path other = dir / "other-superior.onebook";
    { make_superior(other); }
    auto o = core::Archive::open(other.string());
    auto r = archive::import_package(o, unsigned_zip, opts);
    BOOST_TEST(r.outcome == "added");
    BOOST_TEST(!r.package.signed_package);
    BOOST_REQUIRE(r.notes.size() == 1u);
    BOOST_TEST(r.notes[0].find("没有签名") != std::string::npos);
    BOOST_TEST(o.db().scalar_int("SELECT count(*) FROM package_branch_key") == 0);
}

BOOST_AUTO_TEST_CASE(a_killed_command_leaves_nothing_in_the_file_store_after_the_next_open) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path files = archive::FileStore::folder_for(branch.path);
    std::string orphan_bytes = "bytes of a filing that never committed";
    std::string sha = archive::sha256_hex(orphan_bytes);
    // A child opens the archive, leaves a temporary copy and an unreferenced file, and is killed.
    pid_t pid = ::fork();
    if (pid == 0) {
        auto a = core::Archive::open(branch.path.string());
        a.db().exec("CREATE TEMP TABLE t(x)");
        fs::create_directories(files / "tmp");
        test::write_file(files / "tmp" / "123-456.part", "half a file");
        fs::create_directories(files / sha.substr(0, 2));
        test::write_file(files / sha.substr(0, 2) / sha.substr(2), orphan_bytes);
        test::write_file(files / "notes-by-hand.txt", "kept: not ours");
        ::_exit(0); // no close: the WAL stays behind as after kill -9
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    BOOST_REQUIRE(fs::exists(branch.path.string() + "-wal"));
    auto a = core::Archive::open(branch.path.string());
    BOOST_TEST(a.opened_after_crash());
    auto r = archive::recover_after_crash(a);
    BOOST_TEST(r.leftovers == 1);
    BOOST_TEST(r.unreferenced == 1);
    BOOST_TEST(!fs::exists(files / "tmp" / "123-456.part"));
    BOOST_TEST(!fs::exists(files / sha.substr(0, 2) / sha.substr(2)));
    BOOST_TEST(fs::exists(files / "notes-by-hand.txt"));
    archive::FileStore store(a);
    BOOST_TEST(store.verify().ok()); // every referenced file is still there
    // verify --repair does the same at any time.
    test::write_file(files / "tmp" / "9-9.part", "x");
    auto again = store.repair();
    BOOST_TEST(again.leftovers == 1);
}

// ---- the rectification history, read from the journal, travels and is replayed ---------------------

namespace {

core::Id item_by_issue(core::Archive& a, const std::string& issue) {
    auto st = a.db().prepare("SELECT id FROM rectification_item WHERE issue = ?");
    st.bind(1, issue);
    return st.step() ? st.get_int(0) : 0;
}

/// The package without these columns in any table (unsigned: the data changed).
void strip_columns(const fs::path& base, const std::set<std::string>& names) {
    auto json = Poco::JSON::Parser().parse(test::read_file(base / "data/archive.json")).extract<Poco::JSON::Object::Ptr>();
    auto tables = json->getArray("tables");
    for (std::size_t k = 0; k < tables->size(); ++k) {
        auto t = tables->getObject(static_cast<unsigned>(k));
        auto cols = t->getArray("columns");
        auto rows = t->getArray("rows");
        std::vector<std::size_t> keep;
        Poco::JSON::Array::Ptr new_cols = new Poco::JSON::Array;
        for (std::size_t c = 0; c < cols->size(); ++c) {
            std::string name = cols->getElement<std::string>(static_cast<unsigned>(c));
            if (names.count(name)) continue;
            keep.push_back(c);
            new_cols->add(name);
        }
        Poco::JSON::Array::Ptr new_rows = new Poco::JSON::Array;
        for (std::size_t r = 0; r < rows->size(); ++r) {
            auto row = rows->getArray(static_cast<unsigned>(r));
            Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
            for (auto c : keep) out->add(row->get(static_cast<unsigned>(c)));
            new_rows->add(out);
        }
        t->set("columns", new_cols);
        t->set("rows", new_rows);
    }
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(json, out);
    test::write_file(base / "data/archive.json", out.str());
    rewrite_manifests(base);
}

/// The package as an older OneBook wrote it: the items without their status columns, the history
/// section without status_seq.
void strip_status_columns(const fs::path& base) { strip_columns(base, {"status_on", "status_note", "status_seq"}); }

} // namespace

namespace {

/// The superior forwards the branch's organisation (as to its own superior): the package carries
/// the same tables and sections as the one the branch sent.
void forward_as_received(core::Archive& superior, const std::string& uid, const fs::path& received, const fs::path& out) {
    archive::ExportOptions o;
    o.organisation_uid = uid;
    archive::export_package(superior, out, o);
    auto a = archive_json(received), b = archive_json(out);
    BOOST_TEST(stringify(a->get("tables")) == stringify(b->get("tables")));
}

} // namespace

BOOST_AUTO_TEST_CASE(the_rectification_history_travels_and_is_replayed_into_the_superiors_journal) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    const std::string issue = "三会一课记录不全";
    std::vector<std::string> lines;
    fs::path first = dir / "first.zip", second = dir / "second.zip";
    {
        auto a = core::Archive::open(branch.path.string());
        core::Rectification rect(a.db(), a.home().id);
        core::RectificationItem it;
        it.issue = issue;
        it.measures = "逐月补齐会议记录";
        it.owner = "王建国";
        it.created_on = core::Date(2025, 3, 1);
        it.deadline = core::Date(2025, 9, 30);
        rect.add(it, "支委会登记");
        rect.change_status(it.id, core::RectStatus::InProgress, core::Date(2025, 3, 5), "支委会研究部署");
        rect.change_status(it.id, core::RectStatus::Done, core::Date(2025, 4, 1), "补齐记录");
        core::Journal(a).undo(); // back to in progress, a line of its own
        BOOST_CHECK(rect.require(it.id).status == core::RectStatus::InProgress);
        lines = test::rectification_lines(a, a.home().id, it.id);
        BOOST_REQUIRE_EQUAL(lines.size(), 4u);
        archive::export_package(a, first);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    fs::path forwarded = dir / "forwarded.zip";
    core::Id org = 0;
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, first);
        org = r.organisation_id;
        core::Id local = item_by_issue(s, issue);
        BOOST_TEST(test::rectification_lines(s, org, local) == lines, boost::test_tools::per_element());
        BOOST_CHECK(core::Rectification(s.db(), org).require(local).status == core::RectStatus::InProgress);
        // Read from the superior's own journal: the import's change set holds the lines.
        BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM change_row AS r JOIN change_set AS c ON c.id = r.set_id "
                                     "WHERE c.kind = 'import' AND r.tbl = 'rectification_item' AND r.row_id = " +
                                     std::to_string(local) + " AND json_extract(r.after, '$.status_seq') IS NOT NULL") == 4);
        // The same package again writes nothing.
        auto again = archive::import_package(s, first);
        BOOST_TEST(again.outcome == "unchanged");
        BOOST_TEST(test::rectification_lines(s, org, local).size() == 4u);
        // Forwarded as received: the same items and the same history section.
        forward_as_received(s, branch.uid, first, forwarded);
    }
    // The branch goes on; the newer package brings just the new lines.
    {
        auto a = core::Archive::open(branch.path.string());
        core::Rectification rect(a.db(), a.home().id);
        core::Id id = item_by_issue(a, issue);
        rect.change_status(id, core::RectStatus::Done, core::Date(2025, 4, 10), "复核后完成");
        rect.close(id, core::Date(2025, 4, 20), "街道党工委核查后销号");
        lines = test::rectification_lines(a, a.home().id, id);
        BOOST_REQUIRE_EQUAL(lines.size(), 6u);
        archive::export_package(a, second);
    }
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, second);
        BOOST_TEST(r.outcome == "replaced");
        core::Id local = item_by_issue(s, issue);
        BOOST_TEST(test::rectification_lines(s, org, local) == lines, boost::test_tools::per_element());
        BOOST_CHECK(core::Rectification(s.db(), org).require(local).status == core::RectStatus::Closed);
    }
    // A package of the older format (history section without status_seq, items without their status
    // columns) gives the same history.
    fs::path old = repack(second, dir / "old.zip", strip_status_columns);
    fs::path other = dir / "other.onebook";
    { make_superior(other); }
    {
        auto s = core::Archive::open(other.string());
        auto r = archive::import_package(s, old);
        core::Id local = item_by_issue(s, issue);
        BOOST_TEST(test::rectification_lines(s, r.organisation_id, local) == lines, boost::test_tools::per_element());
    }
    // A line naming an item the package does not have is refused, naming it.
    archive::ImportOptions opts;
    fs::path stray = repack(second, dir / "stray.zip", [](const fs::path& b) {
        std::string json = test::read_file(b / "data/archive.json");
        auto at = json.find("\"name\": \"rectification_history\"");
        BOOST_REQUIRE(at != std::string::npos);
        auto row = json.find("[1,", json.find("\"rows\": [", at));
        BOOST_REQUIRE(row != std::string::npos);
        auto end = json.find(',', row + 3); // the first line's item_id
        json.replace(row + 3, end - row - 3, "999999");
        test::write_file(b / "data/archive.json", json);
        rewrite_manifests(b);
    });
    expect_refused(sup, stray, "不是包中的整改事项", opts);
}

// ---- the assessment's lines, read from the journal, travel and are replayed ----------------------

namespace {

/// Every line of the organisation's assessments as the superior (or the branch) lists them.
std::vector<std::string> assessment_lines(core::Archive& a, core::Id organisation) {
    std::vector<std::string> out;
    auto st = a.db().prepare(
        "SELECT line FROM (SELECT 1 AS k, h.id AS id, 'score ' || h.round || ' ' || h.item_id || ' ' || h.points || ' ' || "
        "h.reason || ' ' || h.note || ' ' || coalesce(h.checks, '-') || ' ' || h.scored_by || ' ' || h.scored_at AS line "
        "FROM assessment_score_history AS h JOIN assessment AS x ON x.id = h.assessment_id WHERE x.organisation_id = ?1 "
        "UNION ALL SELECT 2, h.id, 'survey ' || h.member_satisfied || ' ' || h.public_satisfied || ' ' || h.points || ' ' || "
        "h.recorded_by || ' ' || h.recorded_at FROM assessment_survey_history AS h JOIN assessment AS x ON x.id = h.assessment_id "
        "WHERE x.organisation_id = ?1 UNION ALL SELECT 3, h.id, 'veto ' || h.veto_id || ' ' || h.active || ' ' || h.reason || "
        "' ' || h.flagged_by || ' ' || h.flagged_at FROM assessment_veto_history AS h JOIN assessment AS x "
        "ON x.id = h.assessment_id WHERE x.organisation_id = ?1) ORDER BY k, id");
    st.bind(1, organisation);
    while (st.step()) out.push_back(st.get_text(0));
    return out;
}

/// The package as OneBook wrote it before the assessment's rows were changed in place: no `seq`.
void strip_seq(const fs::path& base) { strip_columns(base, {"seq"}); }

} // namespace

BOOST_AUTO_TEST_CASE(the_assessment_lines_travel_and_are_replayed_into_the_superiors_journal) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    const core::PluginHost& plugins = test::sector_plugins();
    auto rubrics = core::RubricSet::load(plugins);
    std::vector<std::string> lines;
    fs::path first = dir / "first.zip", second = dir / "second.zip";
    auto score = [&](core::AssessmentStore& store, core::Id a, const std::string& item, double pts, const std::string& reason) {
        core::ScoreInput in;
        in.item_id = item;
        in.points = pts;
        in.reason = reason;
        in.by = "王建国";
        store.score(a, in);
    };
    {
        auto a = core::Archive::open(branch.path.string());
        core::AssessmentStore store(a, rubrics);
        auto id = store.create(a.home().id, "community.fenlei", 2025, "王建国").id;
        score(store, id, "1.2", 3, "");
        score(store, id, "1.2", 2, "书记年内参加培训不足");
        score(store, id, "1.4", 2, "");
        score(store, id, "1.2", 2.5, "补训半天");
        core::Journal(a).undo(); // back to 2 points, a line of its own
        store.record_survey(id, {5, 1, 0}, {5, 1, 0}, "李明");
        store.set_veto(id, "leader_violation", true, "书记涉案", "李明");
        store.set_veto(id, "leader_violation", false, "经核查不属实", "李明");
        lines = assessment_lines(a, a.home().id);
        BOOST_REQUIRE_EQUAL(lines.size(), 8u);
        archive::export_package(a, first);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    fs::path forwarded = dir / "forwarded.zip";
    core::Id org = 0;
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, first);
        org = r.organisation_id;
        BOOST_TEST(assessment_lines(s, org) == lines, boost::test_tools::per_element());
        // One row per key, the latest line in force.
        BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM assessment_score AS c JOIN assessment AS x ON x.id = c.assessment_id "
                                     "WHERE x.organisation_id = " +
                                     std::to_string(org)) == 2);
        BOOST_TEST(s.db().scalar_text("SELECT points FROM assessment_score WHERE item_id = '1.2'") == "2.0");
        // The same package again writes nothing.
        auto again = archive::import_package(s, first);
        BOOST_TEST(again.outcome == "unchanged");
        BOOST_TEST(assessment_lines(s, org).size() == lines.size());
        // Forwarded as received: the same sections.
        forward_as_received(s, branch.uid, first, forwarded);
    }
    // The branch goes on; the newer package brings just the new lines.
    {
        auto a = core::Archive::open(branch.path.string());
        core::AssessmentStore store(a, rubrics);
        auto id = store.require(a.home().id, 2025).id;
        score(store, id, "1.4", 1.5, "少开一次");
        store.record_survey(id, {6, 0, 0}, {6, 0, 0}, "李明");
        lines = assessment_lines(a, a.home().id);
        BOOST_REQUIRE_EQUAL(lines.size(), 10u);
        archive::export_package(a, second);
    }
    {
        auto s = core::Archive::open(sup.string());
        auto r = archive::import_package(s, second);
        BOOST_TEST(r.outcome == "replaced");
        BOOST_TEST(assessment_lines(s, org) == lines, boost::test_tools::per_element());
    }
    // A package of the older format (rows of the append-only tables, no seq) gives the same lines.
    fs::path old = repack(second, dir / "old.zip", strip_seq);
    fs::path other = dir / "other.onebook";
    { make_superior(other); }
    {
        auto s = core::Archive::open(other.string());
        auto r = archive::import_package(s, old);
        BOOST_TEST(assessment_lines(s, r.organisation_id) == lines, boost::test_tools::per_element());
    }
    // A line naming an assessment the package does not have is refused, naming it.
    archive::ImportOptions opts;
    fs::path stray = repack(second, dir / "stray.zip", [](const fs::path& b) {
        std::string json = test::read_file(b / "data/archive.json");
        auto at = json.find("\"name\": \"assessment_veto\"");
        BOOST_REQUIRE(at != std::string::npos);
        auto row = json.find("[1,", json.find("\"rows\": [", at));
        BOOST_REQUIRE(row != std::string::npos);
        auto end = json.find(',', row + 3); // the first line's assessment_id
        json.replace(row + 3, end - row - 3, "999999");
        test::write_file(b / "data/archive.json", json);
        rewrite_manifests(b);
    });
    fs::path third = dir / "third.onebook"; // no key pinned yet: the edited package is read
    { make_superior(third); }
    expect_refused(third, stray, "999999", opts);
}

BOOST_AUTO_TEST_CASE(a_package_with_the_older_activist_list_brings_its_people_into_the_pipeline) {
    test::ScratchDir dir("package");
    auto branch = make_branch(dir.path());
    fs::path zip = dir / "branch.zip";
    {
        // A branch on an earlier version: its package carries the older activist list beside the
        // pipeline (rows written directly, as that version did).
        auto a = core::Archive::open(branch.path.string());
        core::Recruitment r(a.db(), a.home().id, core::RecruitmentRules{});
        core::Recruit p;
        p.name = "钱多多";
        p.applied_on = core::Date(2024, 3, 1);
        r.apply(p);
        auto org = std::to_string(a.home().id);
        a.db().exec("INSERT INTO activist(organisation_id,name,gender,stage,applied_on,stage_since,sponsor_names,notes) VALUES"
                    " (" +
                    org +
                    ",'郑晓雨','女','重点培养对象','2023-03-05','2024-06-20','吴静、何平','村妇联执委'),"
                    " (" +
                    org +
                    ",'孙无期','男','入党积极分子',NULL,'2024-01-10','王建国',NULL),"
                    " (" +
                    org + ",'钱多多','女','入党申请人','2024-03-01',NULL,'王建国','返乡创业青年')");
        auto exported = archive::export_package(a, zip, {});
        BOOST_TEST(exported.rows.at("activist") == 3);
    }
    fs::path sup = dir / "superior.onebook";
    { make_superior(sup); }
    auto s = core::Archive::open(sup.string());
    BOOST_TEST(archive::import_package(s, zip).outcome == "added");
    auto org = core::OrganisationStore(s.db()).by_uid(branch.uid);
    BOOST_REQUIRE(org);
    core::Recruitment pipeline(s.db(), org->id, core::RecruitmentRules{});
    BOOST_TEST(pipeline.before_admission().size() == 3u);
    auto zx = pipeline.require("郑晓雨");
    BOOST_TEST(zx.stage == "发展对象");
    BOOST_TEST(zx.applied_on.iso() == "2023-03-05");
    BOOST_TEST(zx.stage_since.iso() == "2024-06-20");
    BOOST_TEST(zx.contacts_text() == "吴静、何平");
    BOOST_TEST(zx.notes == "村妇联执委");
    BOOST_TEST(pipeline.events(zx.id).size() == 2u);
    BOOST_TEST(pipeline.require("孙无期").notes == "原入党积极分子名单未记递交入党申请书日期");
    auto qd = pipeline.require("钱多多");
    BOOST_TEST(qd.contacts_text() == "王建国");
    BOOST_TEST(qd.notes == "返乡创业青年");
    BOOST_TEST(s.db().scalar_int("SELECT count(*) FROM activist") == 0);
    // The same package again changes nothing.
    auto again = archive::import_package(s, zip);
    BOOST_TEST(again.outcome == "unchanged");
    BOOST_TEST(pipeline.before_admission().size() == 3u);
}
