#include "branch_generator.hpp"
#include "bench_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/demo.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/assessment.hpp"
#include "onebook/identity.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <vector>

namespace fs = std::filesystem;

namespace onebook::bench {

namespace {

const char* const kSectors[] = {"community", "village", "organ", "eduhealth", "enterprise"};

// Place names and the way each sector names its branches.
const char* const kPlaces[] = {"幸福", "阳光", "和平", "东湖", "西山", "南岭", "北苑", "青松", "翠竹", "丰收", "红旗", "光明",
                               "朝阳", "长安", "新华", "民主", "团结", "胜利", "建设", "前进", "振兴", "兴隆", "永安", "太平"};
const char* const kUnits[] = {"社区", "村", "街道机关", "学校", "有限公司"};
const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
const char* const kGiven[] = {"建国", "秀英", "志刚", "丽萍", "国庆", "海燕", "卫东", "红梅", "明", "静", "伟", "芳", "军", "敏"};
const char* const kWeakPoints[] = {"会议记录个别缺页",     "党费收缴公示不及时",   "发展党员程序材料不全",  "三会一课次数不足",
                                   "组织生活会整改不到位", "党员教育培训学时不足", "班子不团结，战斗力不强"};

struct RecordKind {
    const char* type;
    const char* name;
    int per_year;
};
const RecordKind kKinds[] = {
    {"group", "党小组会", 12}, {"committee", "支部委员会", 12}, {"assembly", "支部党员大会", 4}, {"lecture", "党课", 4}};

template <class T, std::size_t N> const T& pick(const T (&a)[N], std::mt19937& rng) {
    return a[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

} // namespace

const char* const* branch_sectors() { return kSectors; }

GeneratedBranch generate_branch(const BranchSpec& spec, const fs::path& work, const fs::path& out,
                                const core::PluginHost* plugins, const core::RubricSet* rubrics) {
    std::mt19937 rng(spec.seed * 7919u + static_cast<unsigned>(spec.index));
    GeneratedBranch g;
    int sector_no = (spec.index - 1) % branch_sector_count;
    g.sector = kSectors[sector_no];
    if (plugins && !plugins->find(g.sector)) g.sector = "community";
    const int place = (spec.index - 1) / branch_sector_count;
    g.name = std::string(kPlaces[place % 24]) + kUnits[sector_no] + (place >= 24 ? std::to_string(place / 24 + 1) + "号" : "") +
             "党支部";

    // Every branch of a sector starts from one archive made once (the schema's migrations, the
    // sector's settings), copied and given its own identity: a new organisation uid and signing key,
    // as `identity renew` gives a copied archive. The branch's data then goes in one transaction
    // without waiting for the disk (a generated branch is thrown away if the machine stops).
    fs::path file = work / ("branch-" + std::to_string(spec.index) + ".onebook");
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix, ec);
    const fs::path base = work / ("template-" + g.sector + ".onebook");
    if (!fs::exists(base)) {
        core::Organisation org;
        org.name = g.sector + " 模板党支部";
        org.sector = g.sector;
        org.superior_name = "××区委";
        auto t = core::Archive::create(base.string(), org);
    }
    fs::copy_file(base, file);
    auto a = core::Archive::open(file.string());
    core::renew_identity(a, true);
    a.db().exec("PRAGMA synchronous=OFF");
    core::Transaction all(a.db());
    {
        auto org = a.home();
        org.name = g.name;
        org.founded_on = core::Date(1950 + static_cast<int>(rng() % 70), 7, 1);
        core::OrganisationStore(a.db()).update(org);
    }
    a.set_setting("fonds_code", "Z" + std::to_string(1000 + spec.index));
    auto home = a.home();

    // Members.
    g.members = 5 + static_cast<int>(rng() % 36);
    std::vector<std::string> names;
    {
        core::Transaction tx(a.db());
        core::Roster roster(a.db(), home.id);
        for (int k = 0; k < g.members; ++k) {
            core::Member m;
            m.name = std::string(pick(kSurnames, rng)) + pick(kGiven, rng) + (k >= 20 ? std::to_string(k) : "");
            m.gender = rng() % 2 ? "女" : "男";
            m.join_date = core::Date(1970 + static_cast<int>(rng() % 50), 1 + static_cast<int>(rng() % 12), 1);
            m.full_date = m.join_date->add_months(12);
            roster.add_member(m);
            names.push_back(m.name);
        }
        tx.commit();
    }

    // Records: years of 三会一课, some branches more regular than others.
    const double regularity = 0.6 + 0.4 * std::uniform_real_distribution<double>(0, 1)(rng);
    {
        core::Transaction tx(a.db());
        auto st = a.db().prepare("INSERT INTO record(organisation_id, type, type_name, date, place, host, topic, fields) "
                                 "VALUES (?, ?, ?, ?, '党员活动室', ?, ?, json_object('content', ?))");
        for (int y = spec.last_year - spec.years + 1; y <= spec.last_year; ++y)
            for (const auto& k : kKinds) {
                int n = std::max(1, static_cast<int>(std::lround(k.per_year * spec.scale)));
                for (int i = 0; i < n; ++i) {
                    if (std::uniform_real_distribution<double>(0, 1)(rng) > regularity) continue;
                    int month = 1 + (i * 12 / n) % 12;
                    std::string content;
                    for (int p = 0; p < 8; ++p) content += std::string(pick(work_phrases, rng)) + "，";
                    content += "会议由" + names[rng() % names.size()] + "记录。";
                    st.bind_all(home.id, std::string(k.type), std::string(k.name),
                                std::to_string(y) + "-" + two(month) + "-" + two(1 + static_cast<int>(rng() % 28)), names[0],
                                std::string(pick(work_phrases, rng)), content)
                        .run();
                    st.reset();
                    ++g.records;
                }
            }
        tx.commit();
    }

    // Documents: two small files a year.
    if (spec.documents && plugins) {
        archive::DocumentStore docs(a, *plugins);
        auto sections = archive::book_sections(*plugins, g.sector);
        std::string section;
        for (const auto& s : sections)
            if (!s.id.empty()) {
                section = s.id;
                break;
            }
        if (!section.empty())
            for (int y = spec.last_year - spec.years + 1; y <= spec.last_year; ++y)
                for (int d = 0; d < 2; ++d) {
                    fs::path f =
                        work / ("doc-" + std::to_string(spec.index) + "-" + std::to_string(y) + "-" + std::to_string(d) + ".txt");
                    {
                        std::ofstream o(f, std::ios::binary);
                        o << g.name << " " << y << " 年工作文件 " << d << "\n" << pick(work_phrases, rng) << "\n";
                    }
                    archive::DocumentMeta meta;
                    meta.section_id = section;
                    meta.year = y;
                    meta.retention = d ? archive::Retention::Years10 : archive::Retention::Permanent;
                    meta.title = std::string(d ? "关于" : "") + pick(work_phrases, rng) + (d ? "的通知" : "工作总结");
                    docs.add(f, meta);
                    fs::remove(f, ec);
                    ++g.documents;
                }
    }

    // A spread of grades: most branches lose a few points, some many.
    double roll = std::uniform_real_distribution<double>(0, 1)(rng);
    g.deduction = roll < 0.45 ? 2 + rng() % 8 : roll < 0.85 ? 10 + rng() % 15 : roll < 0.95 ? 25 + rng() % 15 : 40 + rng() % 10;
    const std::string weak = pick(kWeakPoints, rng);

    // Rectification items, one overdue now and then.
    {
        core::Rectification rect(a.db(), home.id);
        int items = static_cast<int>(g.deduction / 10);
        for (int k = 0; k < items; ++k) {
            core::RectificationItem it;
            it.issue = weak;
            it.measures = std::string("制定整改方案，") + pick(work_phrases, rng);
            it.owner = names[0];
            it.created_on = core::Date(spec.last_year, 3 + k, 1);
            it.deadline = it.created_on.add_months(3);
            rect.add(it);
        }
    }

    // Last year's 分类定级, both rounds.
    if (rubrics) {
        std::string rubric_id = g.sector + ".fenlei";
        if (const core::Rubric* rubric = rubrics->find(rubric_id)) {
            core::AssessmentStore store(a, *rubrics);
            auto x = store.create(home.id, rubric_id, spec.last_year, "支部书记");
            archive::score_generated_round(store, *rubric, x.id, core::Round::Self, g.deduction / 2, weak, "支部书记");
            store.finalise(x.id, core::Round::Self, "支部书记");
            archive::score_generated_round(store, *rubric, x.id, core::Round::Superior, g.deduction, weak, "上级党委考核组");
            store.record_survey(x.id, {g.members, 0, 0}, {g.members, 0, 0}, "上级党委考核组");
            store.finalise(x.id, core::Round::Superior, "上级党委");
        }
    }

    all.commit();
    g.zip = out / ("branch-" + std::to_string(spec.index) + ".zip");
    fs::remove(g.zip, ec);
    archive::export_package(a, g.zip);
    return g;
}

} // namespace onebook::bench
