// The superior's 分类定级 summary: counts and shares per sector and grade, the share checks (好 ≤ 20 %
// outside organ/eduhealth, 较差 about 10 %), who needs an explanation and whose is missing, and the
// CSV (Excel: BOM, CRLF), JSON and PDF forms.
#include "onebook/archive/summary.hpp"

#include "onebook/csv.hpp"
#include "onebook/organisation_store.hpp"
#include "test_support.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

struct Graded {
    std::string name, sector;
    double total;
    std::string grade;
};

core::Id add_graded(core::Archive& s, const Graded& g, int year) {
    core::Organisation o;
    o.name = g.name;
    o.sector = g.sector;
    o.parent_id = s.home().id;
    core::OrganisationStore(s.db()).add(o);
    auto st = s.db().prepare("INSERT INTO assessment(organisation_id, rubric_id, year, final_total, score_grade, final_grade, "
                             "finalised_at) VALUES (?, ?, ?, ?, ?, ?, '2025-04-22T08:00:00Z')");
    st.bind_all(o.id, g.sector + ".fenlei", year, g.total, g.grade, g.grade).run();
    return o.id;
}

struct Fixture {
    core::PluginHost plugins;
    test::ScratchDir dir{"summary"};
    core::Archive superior = test::make_archive(dir / "superior.onebook", "community", "幸福街道党工委");
    std::map<std::string, core::Id> ids;
    Fixture() {
        plugins.load_all();
        BOOST_REQUIRE(plugins.find("organ") && plugins.find("village") && plugins.find("eduhealth"));
        const std::vector<Graded> all = {
            {"阳光社区党支部", "community", 93, "好"},
            {"和平社区党支部", "community", 85, "较好"},
            {"幸福里社区党支部", "community", 78, "一般"},
            {"东湖村党支部", "village", 55, "较差"},
            {"西湖村党支部", "village", 91, "好"},
            {"南湖村党支部", "village", 82.5, "较好"},
            {"红星机械有限公司党支部", "enterprise", 72, "一般"},
            {"新光电子党支部", "enterprise", 88, "较好"},
            {"街道机关党支部", "organ", 95, "好"},
            {"街道机关第二党支部", "organ", 75, "一般"},
            {"中心小学党支部", "eduhealth", 96, "好"},
            {"卫生服务中心党支部", "eduhealth", 58, "较差"},
        };
        for (const auto& g : all) ids[g.name] = add_graded(superior, g, 2025);
        // An organisation without a grade this year, and a 三好 assessment that is not 分类定级.
        core::Organisation late;
        late.name = "北湖村党支部";
        late.sector = "village";
        late.parent_id = superior.home().id;
        core::OrganisationStore(superior.db()).add(late);
        superior.db()
            .prepare("INSERT INTO assessment(organisation_id, rubric_id, year, final_total, final_grade, finalised_at) "
                     "VALUES (?, 'community.sanhao', 2025, 91, '优秀', '2025-06-01T00:00:00Z')")
            .bind(1, ids["阳光社区党支部"])
            .run();
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(counts_shares_and_checks_follow_seed_002, Fixture) {
    auto s = archive::grading_summary(superior, plugins, 2025);
    BOOST_TEST(s.superior == "幸福街道党工委");
    BOOST_TEST((s.grades == std::vector<std::string>{"好", "较好", "一般", "较差"}));
    BOOST_TEST(s.all.count == 12); // the 三好 rubric does not count
    BOOST_TEST(s.all.by_grade[0] == 4);
    BOOST_TEST(s.all.by_grade[1] == 3);
    BOOST_TEST(s.all.by_grade[2] == 3);
    BOOST_TEST(s.all.by_grade[3] == 2);
    std::map<std::string, archive::GradingCounts> by;
    for (const auto& c : s.sectors) by[c.sector] = c;
    BOOST_TEST(by["village"].count == 3);
    BOOST_TEST(by["village"].by_grade[0] == 1);
    BOOST_TEST(by["village"].by_grade[3] == 1);
    BOOST_TEST(by["organ"].sector_name != "organ"); // the plugin's Chinese name
    // 好 among community, village, enterprise only: 阳光, 西湖 of 8 → 25 % > 20 %.
    BOOST_TEST(s.restricted == 8);
    BOOST_TEST(s.good_restricted == 2);
    BOOST_TEST(s.good_share == 0.25, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(!s.good_share_ok);
    // 较差 2 of 12 ≈ 16.7 %: outside 10 % ± 5 %.
    BOOST_TEST(s.poor_share == 2.0 / 12, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(!s.poor_share_ok);
    BOOST_TEST(s.poor.size() == 2u);
    BOOST_TEST(s.rows.size() == 12u);
    // Rows by sector, highest score first within one.
    for (std::size_t k = 1; k < s.rows.size(); ++k)
        if (s.rows[k].sector == s.rows[k - 1].sector) BOOST_TEST(s.rows[k].total <= s.rows[k - 1].total);
    BOOST_TEST((s.ungraded == std::vector<std::string>{"北湖村党支部"}));
    BOOST_TEST(s.warnings.size() >= 3u); // 好 share, 较差 share, explanations/ungraded
}

BOOST_FIXTURE_TEST_CASE(explanations_needed_by_sector_and_grade_and_missing_ones_listed, Fixture) {
    auto needs = [&](const archive::GradingSummary& s) {
        std::set<std::string> n;
        for (const auto& r : s.rows)
            if (r.needs_explanation) n.insert(r.name);
        return n;
    };
    auto s = archive::grading_summary(superior, plugins, 2025);
    // community/village/enterprise: 好 and 较差; organ/eduhealth: 一般 and 较差 (《分类定级工作文件汇编》 第一篇 三、4).
    std::set<std::string> expected = {"阳光社区党支部", "东湖村党支部", "西湖村党支部", "街道机关第二党支部",
                                      "卫生服务中心党支部"};
    BOOST_TEST(needs(s) == expected, boost::test_tools::per_element());
    BOOST_TEST(s.missing_explanations.size() == 5u);
    archive::set_grading_explanation(superior, ids["东湖村党支部"], 2025, "书记长期外出，已派第一书记驻村整顿。", "组织办");
    archive::set_grading_explanation(superior, ids["街道机关党支部"], 2025, "不需要也可以写。");
    s = archive::grading_summary(superior, plugins, 2025);
    BOOST_TEST(s.missing_explanations.size() == 4u);
    for (const auto& r : s.rows)
        if (r.name == "东湖村党支部") BOOST_TEST(r.explanation == "书记长期外出，已派第一书记驻村整顿。");
    // Another year's explanation does not count; an empty text removes one.
    archive::set_grading_explanation(superior, ids["阳光社区党支部"], 2024, "去年的说明");
    BOOST_TEST(archive::grading_summary(superior, plugins, 2025).missing_explanations.size() == 4u);
    archive::set_grading_explanation(superior, ids["东湖村党支部"], 2025, "  ");
    BOOST_TEST(archive::grading_summary(superior, plugins, 2025).missing_explanations.size() == 5u);
    BOOST_CHECK_THROW(archive::set_grading_explanation(superior, 9999, 2025, "x"), core::Error);
}

BOOST_FIXTURE_TEST_CASE(csv_json_and_pdf_forms, Fixture) {
    auto s = archive::grading_summary(superior, plugins, 2025);
    std::string csv = archive::summary_csv(s);
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u); // Excel needs the BOM to read UTF-8
    BOOST_TEST(csv.find("\r\n") != std::string::npos);
    auto records = core::parse_csv(csv.substr(3));
    bool total_line = false, poor_listed = false;
    for (const auto& r : records) {
        if (!r.fields.empty() && r.fields[0] == "合计") {
            total_line = true;
            BOOST_TEST(r.fields[1] == "12");
            BOOST_TEST(r.fields[2] == "4");    // 好（个）
            BOOST_TEST(r.fields[3] == "33.3"); // 好（占比）, a number (percent)
        }
        if (r.fields.size() > 1 && r.fields[1] == "卫生服务中心党支部") poor_listed = true;
    }
    BOOST_TEST(total_line);
    BOOST_TEST(poor_listed);

    Poco::JSON::Parser parser;
    auto json = parser.parse(archive::summary_json(s)).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(json->getValue<int>("year") == 2025);
    BOOST_TEST(json->getArray("organisations")->size() == 12u);
    BOOST_TEST(json->getObject("checks")->getValue<bool>("good_share_ok") == false);
    BOOST_TEST(json->getArray("missing_explanations")->size() == 5u);

    fs::path pdf = dir / "summary.pdf";
    archive::summary_pdf(s, pdf);
    std::string text;
    BOOST_REQUIRE(test::run_tool({"pdftotext", "-layout", test::utf8(pdf), "-"}, &text) == 0);
    for (std::string needle : {"基层党组织分类定级情况汇总表", "基层党组织分类定级情况一览表", "较差基层党组织名单",
                               "卫生服务中心党支部", "东湖村党支部", "须说明情况", "北湖村党支部"})
        BOOST_TEST(text.find(needle) != std::string::npos, needle);
    std::string check;
    BOOST_TEST(test::run_tool({"qpdf", "--check", test::utf8(pdf)}, &check) == 0);
}

BOOST_FIXTURE_TEST_CASE(public_notice_objections_support_and_filing_reach_the_summary, Fixture) {
    const core::Date today(2026, 3, 1);
    // An objection during the 公示, reviewed; another still pending.
    archive::GradingObjection o;
    o.organisation_id = ids["和平社区党支部"];
    o.year = 2025;
    o.received_on = core::Date(2026, 1, 10);
    o.content = "报到率统计有误";
    auto first = archive::add_grading_objection(superior, o, today);
    o.organisation_id = ids["东湖村党支部"];
    o.content = "村里认为扣分过重";
    archive::add_grading_objection(superior, o, today);
    // Bad input: a review before the objection came in, an unknown outcome, a date in the future.
    auto refused = [&](const std::function<void()>& f, const std::string& part) {
        try {
            f();
            BOOST_FAIL("accepted: " << part);
        } catch (const core::Error& e) {
            BOOST_TEST(core::substitute(e.key(), e.params()).find(part) != std::string::npos, e.what());
        }
    };
    refused([&] { archive::review_grading_objection(superior, first, "upheld", "核实无误", core::Date(2026, 1, 5), today); },
            "早于");
    refused([&] { archive::review_grading_objection(superior, first, "maybe", "核实无误", core::Date(2026, 1, 12), today); },
            "maybe");
    refused(
        [&] {
            archive::GradingObjection late = o;
            late.received_on = core::Date(2026, 5, 1);
            archive::add_grading_objection(superior, late, today);
        },
        "不晚于今天");
    archive::review_grading_objection(superior, first, "upheld", "经复核，报到率统计无误，维持原定级", core::Date(2026, 1, 15),
                                      today);

    // 帮扶 for one of the two 较差 branches; the other is flagged.
    archive::GradingSupport sp;
    sp.organisation_id = ids["东湖村党支部"];
    sp.year = 2025;
    sp.leader = "李志刚";
    sp.department = "街道组织办";
    sp.measures = "选派第一书记驻村";
    sp.deadline = core::Date(2026, 6, 30);
    sp.problems = "三会一课长期不正常";
    sp.causes = "书记长期外出";
    archive::set_grading_support(superior, sp);
    refused(
        [&] {
            archive::GradingSupport bad = sp;
            bad.leader.clear();
            archive::set_grading_support(superior, bad);
        },
        "挂点领导");

    auto s = archive::grading_summary(superior, plugins, 2025);
    BOOST_TEST(!s.filing);
    archive::GradingFiling f;
    f.year = 2025;
    f.filed_on = core::Date(2026, 1, 20);
    f.filed_with = "区委组织部";
    archive::set_grading_filing(superior, f, today);
    s = archive::grading_summary(superior, plugins, 2025);
    BOOST_REQUIRE(s.objections.size() == 2u);
    BOOST_TEST(s.objections[0].organisation + s.objections[1].organisation ==
               std::string("东湖村党支部和平社区党支部")); // pinyin order: Donghu before Heping
    BOOST_REQUIRE(s.filing);
    BOOST_TEST(s.filing->filed_with == "区委组织部");
    BOOST_TEST(s.poor_without_support == std::vector<std::string>{"卫生服务中心党支部"});
    std::string warnings;
    for (const auto& w : s.warnings) warnings += core::substitute(w.key, w.params) + "\n";
    BOOST_TEST(warnings.find("尚未落实帮扶") != std::string::npos, warnings);
    BOOST_TEST(warnings.find("1 件尚未复核") != std::string::npos, warnings);

    // The CSV carries the 较差状况明细表 and the objections; the PDFs show them.
    std::string csv = archive::summary_csv(s);
    for (std::string needle : {"较差基层党组织状况明细表", "选派第一书记驻村", "书记长期外出", "2026-06-30", "尚未落实帮扶",
                               "公示异议及复核情况", "经复核，报到率统计无误", "维持原定级", "待复核", "区委组织部"})
        BOOST_TEST(csv.find(needle) != std::string::npos, needle);
    fs::path pdf = dir / "summary.pdf", poor = dir / "poor.pdf";
    archive::summary_pdf(s, pdf);
    archive::poor_detail_pdf(s, poor);
    std::string text, poor_text;
    BOOST_REQUIRE(test::run_tool({"pdftotext", "-layout", test::utf8(pdf), "-"}, &text) == 0);
    // Raw order with the line breaks removed: the narrow columns of the 明细表 wrap names.
    BOOST_REQUIRE(test::run_tool({"pdftotext", "-raw", test::utf8(poor), "-"}, &poor_text) == 0);
    poor_text.erase(std::remove(poor_text.begin(), poor_text.end(), '\n'), poor_text.end());
    for (std::string needle : {"公示及异议复核情况", "村里认为扣分过重", "较差党组织帮扶情况", "李志刚", "备案"})
        BOOST_TEST(text.find(needle) != std::string::npos, needle);
    for (std::string needle : {"较差基层党组织状况明细表", "东湖村党支部", "卫生服务中心党支部", "街道组织办", "尚未落实帮扶"})
        BOOST_TEST(poor_text.find(needle) != std::string::npos, needle);
}
