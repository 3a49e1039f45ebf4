#include "demo_steps.hpp"

#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/backup.hpp"

#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"

#include <cstdio>
#include <map>

namespace fs = std::filesystem;

namespace onebook::archive {

namespace {

// A valid (GB 11643 check digit) but fictitious resident ID number.
std::string fake_id(int region, const core::Date& birth, int seq, bool male) {
    char body[18];
    int order = seq * 2 % 998 + (male ? 1 : 0);
    if (order % 2 != (male ? 1 : 0)) ++order;
    std::snprintf(body, sizeof body, "%06d%04d%02d%02d%03d", region, birth.year(), birth.month(), birth.day(), order % 1000);
    static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * w[i];
    return std::string(body, 17) + "10X98765432"[sum % 11];
}

} // namespace

std::string demo_roster_csv() {
    struct Row {
        const char* name;
        const char* gender;
        int birth_year, join_year;
        const char* education;
        const char* work;
        const char* group;
        const char* category;
    };
    static const Row rows[] = {
        {"王建国", "男", 1968, 1992, "大学本科", "幸福里社区党支部书记、居委会主任", "第一党小组", "直管"},
        {"李秀兰", "女", 1975, 2001, "大学本科", "幸福里社区居委会副主任", "第一党小组", "直管"},
        {"张伟", "男", 1982, 2008, "硕士研究生", "区教育局 科员", "第二党小组", "协管"},
        {"刘芳", "女", 1979, 2003, "大专", "幸福里社区 网格员", "第一党小组", "直管"},
        {"陈志强", "男", 1955, 1978, "高中", "退休（原市机床厂 车间主任）", "第三党小组", "直管"},
        {"杨桂英", "女", 1952, 1975, "初中", "退休", "第三党小组", "直管"},
        {"赵磊", "男", 1990, 2015, "大学本科", "区税务局 科员", "第二党小组", "协管"},
        {"黄丽", "女", 1986, 2012, "大学本科", "幸福里小学 教师", "第二党小组", "协管"},
        {"周明", "男", 1960, 1985, "中专", "退休（原区供电局）", "第三党小组", "直管"},
        {"吴静", "女", 1993, 2019, "大学本科", "幸福里社区 社工", "第一党小组", "直管"},
        {"徐海涛", "男", 1971, 1998, "大学本科", "个体经营", "第一党小组", "直管"},
        {"孙晓红", "女", 1984, 2010, "大专", "幸福里社区卫生服务站 护士", "第二党小组", "协管"},
        {"马俊", "男", 1995, 2021, "大学本科", "外出务工（深圳）", "第一党小组", "代管"},
        {"朱玉梅", "女", 1958, 1982, "高中", "退休", "第三党小组", "直管"},
        {"胡斌", "男", 1977, 2005, "大学本科", "市自来水公司 工程师", "第二党小组", "协管"},
        {"郭丽娟", "女", 1966, 1990, "大专", "退休（原区百货公司）", "第三党小组", "直管"},
        {"何平", "男", 1988, 2014, "大学本科", "幸福里社区 党建指导员", "第一党小组", "直管"},
        {"高淑珍", "女", 1949, 1972, "小学", "退休", "第三党小组", "直管"},
        {"林涛", "男", 1998, 2024, "大学本科", "幸福里社区 网格员", "第一党小组", "直管"},
        {"罗敏", "女", 1999, 2026, "大学本科", "区人民医院 医生", "第二党小组", "协管"},
    };
    std::string csv = "\xEF\xBB\xBF";
    csv +=
        "序号,姓名,性别,民族,出生日期,学历,工作单位及职务,入党时间,转正时间,党员类别,所在党小组,人员类别,身份证号,联系电话,家庭住址,备注\n";
    int seq = 0;
    for (const auto& r : rows) {
        ++seq;
        core::Date birth(r.birth_year, (seq * 5) % 12 + 1, (seq * 7) % 27 + 1);
        core::Date join(r.join_year, (seq * 3) % 12 + 1, (seq * 11) % 27 + 1);
        bool probationary = join.add_months(12) > core::Date::today();
        std::string full = probationary ? "" : join.add_months(12).iso();
        bool male = std::string(r.gender) == "男";
        csv += std::to_string(seq) + "," + r.name + "," + r.gender + "," + (seq == 6 ? "回族" : "汉族") + "," + birth.iso() +
               "," + r.education + "," + r.work + "," + join.iso() + "," + full + "," + (probationary ? "预备党员" : "正式党员") +
               "," + r.group + "," + r.category + "," + fake_id(110105, birth, seq, male) + "," + "1380010" +
               std::to_string(1000 + seq * 37) + "," + "\"幸福里小区" + std::to_string(seq % 9 + 1) + "号楼" +
               std::to_string(seq % 6 + 1) + "单元\"," + "\n";
    }
    return csv;
}

namespace demo {

void roster(core::Archive& a, const core::PluginHost&, DemoReport& report) {
    auto org = a.home();
    core::Roster roster(a.db(), org.id);
    core::RosterImporter importer(roster);
    auto imported = importer.import_bytes(demo_roster_csv(), "demo-roster.csv");
    if (!imported.imported())
        throw core::Error(OB_N("演示名册导入失败：{reason}"), {{"reason", imported.problems.front().reason.key}});

    core::CommitteeTerm term;
    term.elected_on = core::Date(core::Date::today().year() - 2, 11, 26);
    term.term_years = 3; // 社区党支部每届任期三年 (《在全市社区工作会议上的讲话》 / party rules)
    term.approval_ref = "幸街党工〔" + std::to_string(term.elected_on.year()) + "〕12号";
    term.seats = fixtures::committee_seats();
    roster.add_term(term);
    for (auto& g : roster.groups()) {
        static const std::map<std::string, std::string> leaders = {
            {"第一党小组", "刘芳"}, {"第二党小组", "张伟"}, {"第三党小组", "陈志强"}};
        if (auto m = roster.member_by_name(leaders.at(g.name))) {
            g.leader_id = m->id;
            roster.update_group(g);
        }
    }

    report.lines.push_back("党员名册：" + std::to_string(roster.count_members()) + " 名党员（正式 " +
                           std::to_string(roster.count_members("正式党员")) + "，预备 " +
                           std::to_string(roster.count_members("预备党员")) + "），3 个党小组，直管/协管/代管齐全");
    report.lines.push_back("支部委员会：" + term.elected_on.iso() + " 选举，任期三年，书记 王建国");
}

} // namespace demo

DemoReport build_demo(const fs::path& folder, const core::PluginHost& plugins) {
    DemoReport report;
    fs::create_directories(folder);
    report.archive = folder / "demo.onebook";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(report.archive.string() + suffix);
    fs::remove_all(core::Backups::folder_for(report.archive.string())); // backups of an earlier demo

    core::Organisation org;
    org.name = "幸福里社区党支部";
    org.sector = "community";
    org.form = "党支部";
    org.superior_name = "幸福街道党工委";
    org.founded_on = core::Date(2003, 7, 1);
    org.approval_ref = "幸街党工〔2003〕15号";
    plugins.require(org.sector);
    auto archive = core::Archive::create(report.archive.string(), org);
    archive.set_actor("王建国");               // the secretary, in the history of every change below
    archive.set_setting("fonds_code", "Z031"); // 全宗号 (DA/T 22-2015)
    // The branch began keeping its books in OneBook on 1 January last year: the year before is
    // not judged by the rules (the rules check of that year says so).
    core::Date records_start(core::Date::today().year() - 1, 1, 1);
    archive.set_records_start(records_start);
    report.lines.push_back("开始记录日期：" + records_start.iso() + "（此前的时段不作规则检查，也不计入考核建议分）");
    report.lines.push_back("组织：幸福里社区党支部（社区 · 党支部），上级 幸福街道党工委");

    demo::roster(archive, plugins, report);
    // records, rules and assessments: demo::records(…)
    demo::records(archive, plugins, report);
    demo::assessment(archive, plugins, report);
    // rectification and boards: demo::boards(…)
    demo::boards(archive, plugins, report);
    demo::members_life(archive, plugins, report); // recruitment pipeline, transfers: before the book prints them
    // one book, documents, search, book PDF, package: demo::book(…)
    demo::book(archive, plugins, report);
    demo::office(archive, plugins, report);   // Word minutes and ledger
    demo::exports(archive, plugins, report);  // the roster and the assessment sheet as Excel files
    demo::safety(archive, plugins, report);   // history, recycle bin, backup
    demo::packages(archive, plugins, report); // search, packages, the superior's summary: last
    return report;
}

} // namespace onebook::archive
