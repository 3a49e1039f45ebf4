// Demo step for search, packages and the superior's summary, run last: searches the branch
// with one- and two-character words, exports its package, and builds the superior's archive
// (demo/superior.onebook, 幸福街道党工委) that imports it together with eight generated branches of
// every sector — each a real archive with last year's 分类定级 scored in both rounds, exported and
// imported the way branches report upward — then writes the 分类定级 summary as PDF and CSV.
#include "demo_steps.hpp"
#include "onebook/archive/member_tables.hpp"
#include "onebook/archive/table_pdf.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/numbers.hpp"

#include "onebook/archive/file_store.hpp"
#include "onebook/archive/grading_followup.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/results_package.hpp"
#include "onebook/archive/safe_zip.hpp"
#include "onebook/archive/search.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/assessment.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "onebook/text_limits.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace onebook::archive::demo {

namespace {

struct GeneratedBranch {
    const char* name;
    const char* sector;
    const char* founded;
    double deduction;        ///< points taken off over the superior round (the grade follows from the bands)
    const char* weak_point;  ///< the reason given for the deductions
    const char* explanation; ///< 说明情况 the superior has written, or nullptr
};

// Eight branches of the five sectors, spread over the grades so the summary has something to check.
const GeneratedBranch kBranches[] = {
    {"幸福街道机关党支部", "organ", "1998-07-01", 6, "双述双评材料归档不全", nullptr},
    {"幸福街道社区卫生服务中心党支部", "eduhealth", "2006-03-15", 24, "医德医风建设活动记录不全，群众投诉整改不及时",
     "该支部2023年更换书记，组织生活一度不规范，已列入街道重点帮扶，整改期限三个月。"},
    {"幸福街道中心小学党支部", "eduhealth", "2001-09-01", 5, "师德建设台账个别月份缺记录", nullptr},
    {"阳光社区党支部", "community", "2004-05-20", 7, "党建联席会议记录个别缺页", nullptr},
    {"和平社区党支部", "community", "2008-10-10", 14, "在职党员报到率偏低，一卡一簿一单不完整", nullptr},
    {"东湖村党支部", "village", "1956-06-01", 43, "班子不团结，三会一课长期不正常，党员活动室挪作他用",
     "村党支部书记长期外出经商，班子软弱涣散；街道已派第一书记驻村整顿，实行领导挂点、部门帮扶。"},
    {"红星机械有限公司党支部", "enterprise", "2010-07-01", 26, "党组织活动与生产经营结合不紧，活动经费无保障", nullptr},
    {"新光电子科技有限公司党支部", "enterprise", "2012-12-26", 17, "两个覆盖后新发展党员不足", nullptr},
};

const char* kSuperiorScorer = "幸福街道党工委考核组";

std::string fixed1(double v) { return core::format_fixed(v, 1); }

/// A branch's own archive with a few members, a record and last year's 分类定级, exported as a package.
fs::path make_branch_package(const GeneratedBranch& b, const core::RubricSet& rubrics, const fs::path& work,
                             const fs::path& packages, int year, int index) {
    core::Organisation org;
    org.name = b.name;
    org.sector = b.sector;
    org.superior_name = "幸福街道党工委";
    org.founded_on = core::Date::parse(b.founded);
    fs::path file = work / ("branch-" + std::to_string(index) + ".onebook");
    auto a = core::Archive::create(file.string(), org);
    a.set_setting("fonds_code", "Z" + std::to_string(40 + index));
    // Branches that began recording in OneBook mid-year (the rules skip their earlier months).
    if (index % 3 == 2) a.set_records_start(core::Date(year, 6, 1));
    auto home = a.home();
    static const char* names[] = {"赵", "钱", "孙", "李", "周", "吴", "郑", "王"};
    static const char* given[] = {"建华", "秀英", "志刚", "丽萍", "国庆", "海燕"};
    const std::string secretary = std::string(names[index % 8]) + given[0];
    {
        core::Roster roster(a.db(), home.id);
        for (int k = 0; k < 6; ++k) {
            core::Member m;
            m.name = std::string(names[(index + k) % 8]) + given[k];
            m.gender = k % 2 ? "女" : "男";
            m.join_date = core::Date(1990 + index + k * 3, 7, 1);
            m.full_date = m.join_date->add_months(12);
            roster.add_member(m);
        }
    }
    auto st = a.db().prepare("INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) "
                             "VALUES (?, 'assembly', '支部党员大会', ?, '党员活动室', ?, ?, json_object('content', ?))");
    st.bind_all(home.id, std::to_string(year) + "-06-28", secretary, std::string("学习党章、收缴党费"),
                std::string("通报上半年党费收缴情况，开展“七一”主题党日"))
        .run();

    std::string rubric_id = std::string(b.sector) + ".fenlei";
    const auto& rubric = rubrics.require(rubric_id);
    core::AssessmentStore store(a, rubrics);
    auto x = store.create(home.id, rubric_id, year, "支部书记");
    score_generated_round(store, rubric, x.id, core::Round::Self, b.deduction / 2, b.weak_point, "支部书记");
    store.finalise(x.id, core::Round::Self, "支部书记");
    score_generated_round(store, rubric, x.id, core::Round::Superior, b.deduction, b.weak_point, kSuperiorScorer);
    int members = 6;
    store.record_survey(x.id, {members, 0, 0}, {members, 0, 0}, kSuperiorScorer);
    store.finalise(x.id, core::Round::Superior, "幸福街道党工委");

    fs::path zip = packages / ("branch-" + std::to_string(index) + "-" + std::to_string(year) + ".zip");
    export_package(a, zip);
    return zip;
}

} // namespace

void packages(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const fs::path folder = fs::path(a.path()).parent_path();
    const int last = core::Date::today().year() - 1;

    // ---- search: one- and two-character words find what contains them ----
    SearchIndex index(a, &plugins);
    index.refresh();
    int searchable = index.size();
    int one = index.count("党"), two = index.count("党费"), rect = index.count("整改");
    report.lines.push_back("全文搜索：" + std::to_string(searchable) +
                           " 条可搜索内容（会议记录、归档文件、基本制度、整改事项、考核说明），"
                           "搜“党”命中 " +
                           std::to_string(one) + " 条，搜“党费”命中 " + std::to_string(two) + " 条，搜“整改”命中 " +
                           std::to_string(rect) + " 条（一两个字也能搜，按相关度排序，命中处加【】）");

    // ---- the branch's package ----
    fs::path packages_dir = folder / "packages";
    fs::create_directories(packages_dir);
    fs::path zip = packages_dir / ("xingfuli-" + std::to_string(core::Date::today().year()) + ".zip");
    auto exported = export_package(a, zip);
    report.files.push_back(zip);
    std::string bigger;
    for (const auto& [t, n] : exported.rows)
        if (t == "record" || t == "document" || t == "member")
            bigger += (bigger.empty() ? "" : "，") + table_label(t) + " " + std::to_string(n);
    report.lines.push_back("档案包（BagIt）：" + zip.filename().string() + "，" + std::to_string(exported.bytes / 1024) +
                           " KB，" + bigger + "，存储文件 " + std::to_string(exported.files) +
                           " 个；默认不含身份证号、电话、住址");

    // ---- the superior's archive ----
    fs::path superior_path = folder / "superior.onebook";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(superior_path.string() + suffix);
    std::error_code ec;
    fs::remove_all(FileStore::folder_for(superior_path), ec);
    core::Organisation sup;
    sup.name = "幸福街道党工委";
    sup.sector = "community";
    sup.form = "党委";
    sup.superior_name = "中共××区委";
    sup.founded_on = core::Date(1985, 3, 1);
    auto superior = core::Archive::create(superior_path.string(), sup);
    report.files.push_back(superior_path);

    auto t0 = std::chrono::steady_clock::now();
    auto imported = import_package(superior, zip);
    double import_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    auto rubrics = core::RubricSet::load(plugins);
    StagingDir work("demo-branches");
    int k = 0, imported_more = 0;
    for (const auto& b : kBranches) {
        if (!plugins.find(b.sector)) continue;
        auto branch_zip = make_branch_package(b, rubrics, work.path(), packages_dir, last, ++k);
        import_package(superior, branch_zip);
        ++imported_more;
    }
    // Importing the branch's package again changes nothing.
    auto again = import_package(superior, zip);
    report.lines.push_back("上级档案 superior.onebook（幸福街道党工委）：导入本支部档案包用时 " + fixed1(import_ms) + " 毫秒（" +
                           std::to_string(imported.added()) + " 行），另导入 " + std::to_string(imported_more) +
                           " 个生成的下级党支部（机关、教育卫生、社区、农村、非公企业）；重复导入：" +
                           (again.outcome == "unchanged" ? "无任何更改" : again.outcome));

    // 党内统计 of every branch added up in the superior's archive (member stats --branches).
    {
        const core::Date today = core::Date::today();
        core::PartyStatistics sum;
        int branches = 0;
        auto tables = branches_party_statistics_tables(superior.db(), superior.home(), today.year(), today, &sum, &branches);
        fs::path stats_pdf = folder / ("党内统计汇总-" + std::to_string(today.year()) + ".pdf");
        render_pdf(localise(tables), stats_pdf);
        report.files.push_back(stats_pdf);
        report.lines.push_back("党内统计汇总：" + std::to_string(branches) + " 个党组织，统计日党员 " +
                               std::to_string(sum.total) + " 名，发展 " + std::to_string(sum.recruited) + "，转入 " +
                               std::to_string(sum.transferred_in) + "，转出 " + std::to_string(sum.transferred_out) +
                               "（上级档案中 member stats --branches，PDF）");
    }

    // 说明情况 the superior has written (others are left missing on purpose: the summary flags them).
    core::OrganisationStore orgs(superior.db());
    for (const auto& b : kBranches)
        if (b.explanation)
            for (const auto& o : orgs.all())
                if (o.name == b.name) set_grading_explanation(superior, o.id, last, b.explanation, "幸福街道党工委组织办");

    // After the grades: an objection during the 公示 and its review, 帮扶 for every 较差 branch, 备案.
    {
        auto before = grading_summary(superior, plugins, last);
        // Early in the year (the demo may run on 2 January) the steps are dated today at the latest.
        const core::Date today = core::Date::today();
        auto by = [&](const core::Date& d) { return today < d ? today : d; };
        const core::Date noticed = by(core::Date(last + 1, 1, 10));
        for (const auto& r : before.rows)
            if (r.name == std::string("和平社区党支部")) {
                GradingObjection o;
                o.organisation_id = r.organisation_id;
                o.year = last;
                o.received_on = noticed;
                o.content = "支部党员反映：在职党员报到率统计未计入下半年新报到的12名党员，定级偏低";
                auto id = add_grading_objection(superior, o);
                review_grading_objection(superior, id, objection_upheld,
                                         "经复核，新报到党员已在测评中计入，报到率仍低于60%，维持原定级",
                                         by(core::Date(last + 1, 1, 15)));
            }
        for (const auto& r : before.poor) {
            GradingSupport sp;
            sp.organisation_id = r.organisation_id;
            sp.year = last;
            sp.leader = "党工委副书记 李志刚";
            sp.department = "街道组织办";
            sp.measures = "选派第一书记驻村，每月指导一次三会一课，调整充实支部班子";
            sp.deadline = core::Date(last + 1, 6, 30);
            sp.problems = r.explanation.empty() ? std::string("三会一课不正常，班子软弱涣散") : r.explanation;
            sp.causes = "书记长期外出，班子成员年龄老化，缺少后备力量";
            set_grading_support(superior, sp);
        }
        GradingFiling f;
        f.year = last;
        f.filed_on = by(core::Date(last + 1, 1, 20));
        f.filed_with = "中共××区委组织部";
        set_grading_filing(superior, f);
    }

    auto summary = grading_summary(superior, plugins, last);
    fs::path pdf = folder / ("分类定级汇总-" + std::to_string(last) + ".pdf");
    summary_pdf(summary, pdf);
    report.files.push_back(pdf);
    fs::path csv = folder / ("分类定级汇总-" + std::to_string(last) + ".csv");
    {
        std::ofstream out(csv, std::ios::binary | std::ios::trunc);
        out << summary_csv(summary);
    }
    report.files.push_back(csv);
    fs::path poor_pdf = folder / ("较差状况明细表-" + std::to_string(last) + ".pdf");
    poor_detail_pdf(summary, poor_pdf);
    report.files.push_back(poor_pdf);
    report.lines.push_back("公示、复核、帮扶、备案：异议 " + std::to_string(summary.objections.size()) +
                           " 件（已复核），较差党组织帮扶 " + std::to_string(summary.supports.size()) + " 个，" +
                           (summary.filing ? "已于 " + summary.filing->filed_on.iso() + " 备案" : std::string("尚未备案")) +
                           "；较差状况明细表 " + poor_pdf.filename().string());
    fs::path xlsx = folder / ("分类定级汇总-" + std::to_string(last) + ".xlsx");
    render_xlsx(localise(summary_tables(summary, core::Date::today())), xlsx);
    report.files.push_back(xlsx);
    std::string grades;
    for (std::size_t g = 0; g < summary.grades.size(); ++g)
        grades += (g ? "，" : "") + summary.grades[g] + " " + std::to_string(summary.all.by_grade[g]);
    report.lines.push_back(std::to_string(last) + " 年度分类定级汇总：" + std::to_string(summary.all.count) + " 个党组织（" +
                           grades + "）；“" + summary.good_grade + "”占 " + percent(summary.good_share) +
                           "（机关、教育卫生除外，上限 " + percent(summary.good_max_share) + "），“" + summary.poor_grade +
                           "”占 " + percent(summary.poor_share) + "；须说明情况而未填写 " +
                           std::to_string(summary.missing_explanations.size()) + " 个");
    SearchIndex up(superior, &plugins);
    SearchOptions all;
    all.limit = 0;
    auto dues = up.search("党费", all);
    std::set<std::string> from;
    for (const auto& h : dues.hits) from.insert(h.organisation);
    report.lines.push_back("在上级档案中搜“党费”：" + std::to_string(dues.total) + " 条，来自 " + std::to_string(from.size()) +
                           " 个党组织（onebook-cli search 党费 --archive superior.onebook）");

    // ---- results sent back down (下发): the superior's round, grade and rectification requirements ----
    auto branch_row = core::OrganisationStore(superior.db()).by_uid(a.home().uid);
    core::AssessmentStore sup_store(superior, rubrics);
    for (const auto& x : sup_store.list(branch_row->id, last))
        for (const auto& d : sup_store.deductions(x.id)) {
            if (d.round != core::Round::Superior) continue;
            // One requirement the superior writes itself; the other deductions travel as they are.
            core::RectificationItem req;
            req.issue = "组织考核扣分项整改：" + core::truncate_utf8(d.text, 60);
            req.measures = "对照扣分理由制定措施，" + std::to_string(last + 1) + " 年上半年完成并报街道党工委组织办";
            req.owner = "支部书记";
            req.created_on = core::Date::today();
            req.deadline = core::Date::today().add_months(6);
            req.source = core::RectSource::deduction(last, d.item_id);
            core::Rectification(superior.db(), branch_row->id).add(req, "街道党工委提出的整改要求");
            break;
        }
    {
        // And one of its own, for no deduction (onebook-cli rectify add --org).
        core::RectificationItem own;
        own.issue = "党员活动室制度牌更新不及时";
        own.measures = "按新修订的党内生活制度更新制度牌，拍照报街道党工委组织办";
        own.owner = "支部书记";
        own.created_on = core::Date::today();
        own.deadline = core::Date::today().add_months(3);
        core::Rectification(superior.db(), branch_row->id).add(own, "街道党工委提出的整改要求");
    }
    ResultsExportOptions ro;
    ro.branch = a.home().uid;
    ro.year = last;
    ro.plugins = &plugins;
    auto sent = export_results(superior, packages_dir / ("xingfuli-results-" + std::to_string(last) + ".zip"), ro);
    report.files.push_back(sent.front().file);
    ResultsImportOptions ri;
    ri.plugins = &plugins;
    auto received = import_results(a, sent.front().file, ri);
    auto twice = import_results(a, sent.front().file, ri);
    report.lines.push_back("考核结果下发：上级档案为本支部生成签名的考核结果包 " + sent.front().file.filename().string() + "（" +
                           received.grade + "，" + std::to_string(sent.front().requirements) +
                           " 项整改要求），本支部用 package import 导入后考核表显示组织考核和定级（只读），新增整改事项 " +
                           std::to_string(received.items_added) + " 项（链接到扣分项，或上级自己提出）；再次导入：" +
                           (twice.outcome == "unchanged" ? "无任何更改" : twice.outcome) +
                           "（onebook-cli package results --archive demo.onebook）");

    // The branch's next package brings the superior round and the requirements back up: the
    // superior recognises its own rows and stores no copy.
    auto superior_rows = [&] {
        return superior.db().scalar_int("SELECT (SELECT count(*) FROM assessment_score) + (SELECT count(*) FROM "
                                        "assessment_survey) + (SELECT count(*) FROM assessment_veto)");
    };
    const auto rows_before = superior_rows();
    const fs::path back_up = packages_dir / "xingfuli-after-results.zip";
    export_package(a, back_up);
    import_package(superior, back_up);
    report.files.push_back(back_up);
    report.lines.push_back("考核结果回传：本支部导入结果后的档案包再报上级，上级档案中的组织考核记录 " +
                           std::to_string(rows_before) + " 条 → " + std::to_string(superior_rows()) +
                           " 条（上级认出自己下发的记录，不重复保存）");
}

} // namespace onebook::archive::demo

namespace onebook::archive {

void score_generated_round(core::AssessmentStore& store, const core::Rubric& rubric, core::Id id, core::Round round,
                           double deduction, const std::string& reason, const std::string& by) {
    double left = deduction;
    for (const auto& s : rubric.sections)
        for (const auto& it : s.items) {
            if (it.kind == core::ScoringKind::Survey && round == core::Round::Superior) continue;
            core::ScoreInput in;
            in.round = round;
            in.item_id = it.id;
            in.by = by;
            if (it.kind == core::ScoringKind::Checklist) {
                std::vector<std::string> all;
                for (const auto& c : it.checks) all.push_back(c.id);
                in.checks = all;
            } else {
                double take = it.kind == core::ScoringKind::Survey ? 0 : std::min(left, std::floor(it.points * 2) / 2);
                in.points = it.points - take;
                if (take > 0) in.reason = reason;
                left -= take;
            }
            store.score(id, in);
        }
}

} // namespace onebook::archive
