// The demo's 发展党员 pipeline and roster history: people at every stage (one probation overdue,
// one applicant not yet talked to), a transfer out and a transfer in. Dates follow today so the
// demo stays current; the deciding meetings are the demo's own records.
#include "demo_steps.hpp"

#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/archive/inservice.hpp"
#include "onebook/archive/member_documents.hpp"
#include "onebook/archive/member_tables.hpp"
#include "onebook/archive/table_pdf.hpp"
#include "onebook/archive/transfer_letter.hpp"
#include "onebook/assessment.hpp"
#include "onebook/board.hpp"
#include "onebook/member_dues.hpp"
#include "onebook/member_history.hpp"
#include "onebook/numbers.hpp"
#include "onebook/party_statistics.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/roster.hpp"
#include "onebook/three_high.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace onebook::archive::demo {

namespace {

/// The latest 支委会/支部党员大会 record on or before `on`, with its date.
std::optional<std::pair<core::Id, core::Date>> decision(core::Archive& a, const std::string& type, const core::Date& on) {
    auto st = a.db().prepare("SELECT id, date FROM record WHERE organisation_id = ? AND type = ? AND date <= ? "
                             "ORDER BY date DESC, id DESC LIMIT 1");
    st.bind_all(a.home().id, type, on.iso());
    if (!st.step()) return std::nullopt;
    auto d = core::Date::parse(st.get_text(1));
    if (!d) return std::nullopt;
    return std::make_pair(st.get_int(0), *d);
}

using fixtures::add_recruit_event;

core::Id person(core::Recruitment& r, const std::string& name, const std::string& gender, const core::Date& birth,
                const core::Date& applied) {
    core::Recruit p;
    p.name = name;
    p.gender = gender;
    p.birth_date = birth;
    p.applied_on = applied;
    return r.apply(p);
}

} // namespace

namespace {

/// 党费 per member for the half-year in progress (the finished half-years are the totals of the
/// dues board): everyone paid month by month except the 流动党员 徐海涛; and this year's 党内统计.
void member_dues_and_statistics(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const core::Date today = core::Date::today();
    const std::filesystem::path folder = std::filesystem::path(a.path()).parent_path();
    auto rule = core::DuesRateRule::load(&plugins, a.home().sector, core::BoardTemplates::default_dirs());
    core::MemberDues dues(a.db(), a.home().id);
    char first[8], now[8];
    std::snprintf(first, sizeof first, "%04d-%02d", today.year(), today.month() > 6 ? 7 : 1);
    std::snprintf(now, sizeof now, "%04d-%02d", today.year(), today.month());
    auto months = core::month_range(first, now);
    static const std::int64_t bases[] = {280000, 300000, 420000, 560000, 800000, 1200000, 365000};
    int i = 0, count = 0;
    std::string owing;
    for (const auto& m : core::Roster(a.db(), a.home().id).members()) {
        if (m.category == "协管") continue; // in-service members pay at their own workplace's branch
        bool retired = m.birth_date && m.birth_date->years_until(today) >= 60;
        std::int64_t base = retired ? (i % 2 ? 380000 : 620000) : bases[i % std::size(bases)];
        ++i;
        dues.set_base(m.id, months, base, retired ? "离退休" : "在职", rule);
        ++count;
        if (m.name == "徐海涛") { // away since last year: nothing paid this half-year
            owing = m.name;
            continue;
        }
        for (const auto& month : months) {
            core::Date on = std::min(today, core::Date(std::stoi(month.substr(0, 4)), std::stoi(month.substr(5, 2)), 5));
            dues.pay(m.id, {month}, core::DuesRateRule::due_for(base, rule.band(retired ? "离退休" : "在职", base).rate_bp), on);
        }
    }
    auto summary = dues.year(today.year(), today);
    std::int64_t arrears = 0;
    for (const auto& r : summary) arrears += r.arrears_fen;
    auto dues_file = folder / ("党员党费-" + std::to_string(today.year()) + ".xlsx");
    render_xlsx(localise(member_dues_tables(a.home().name, today.year(), summary, dues.months(today.year()), today)), dues_file);
    report.files.push_back(dues_file);
    report.lines.push_back("党员党费：" + std::to_string(count) +
                           " 人按交纳基数和《关于中国共产党党费收缴、使用和管理的规定》的比例计算（" + std::string(first) +
                           " 起），" + (owing.empty() ? std::string() : owing + " 欠交，") + "欠交合计 " +
                           core::format_yuan(arrears) + " 元（dues members；本半年合计：dues sum --period " +
                           std::to_string(today.year()) + (today.month() > 6 ? "-H2" : "-H1") + "）");

    auto stats = core::party_statistics(a.db(), a.home().id, today.year(), today);
    auto stats_file = folder / ("党内统计-" + std::to_string(today.year()) + ".xlsx");
    render_xlsx(localise(party_statistics_tables(a.home().name, stats, today)), stats_file);
    report.files.push_back(stats_file);
    auto stats_pdf = folder / ("党内统计-" + std::to_string(today.year()) + ".pdf");
    render_pdf(localise(party_statistics_tables(a.home().name, stats, today)), stats_pdf);
    report.files.push_back(stats_pdf);
    report.lines.push_back("党内统计 " + std::to_string(today.year()) + "：年初 " + std::to_string(stats.start_total) +
                           " 名，发展 " + std::to_string(stats.recruited) + "，转入 " + std::to_string(stats.transferred_in) +
                           "，转出 " + std::to_string(stats.transferred_out) + "，现有 " + std::to_string(stats.total) +
                           " 名，其中流动党员 " + std::to_string(stats.mobile) + " 名（member stats）");
}

} // namespace

void members_life(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const core::Date today = core::Date::today();
    core::Recruitment r(a.db(), a.home().id, core::RecruitmentRules::load_default(&plugins, a.home().sector));
    std::vector<std::string> notes;
    DocumentStore docs(a, plugins);
    const fs::path work = report.archive.parent_path() / "demo-files";
    fs::create_directories(work);

    // 预备党员 whose probation ended weeks ago without the branch discussing it: late.
    if (auto admit = decision(a, "assembly", today.add_months(-12).add_days(-20))) {
        core::Date d = admit->second;
        auto id = person(r, "李明", "男", core::Date(1996, 3, 12), d.add_months(-30));
        add_recruit_event(r, id, "谈话", d.add_months(-30).add_days(12));
        r.move(id, "入党积极分子", d.add_months(-26), {}, "支委会确定为入党积极分子", {"王建国", "李秀兰"});
        add_recruit_event(r, id, "考察", d.add_months(-20));
        add_recruit_event(r, id, "考察", d.add_months(-14));
        auto cand = decision(a, "committee", d);
        bool own = cand && cand->second >= d.add_months(-14) && cand->second.add_days(10) <= d;
        core::Date cd = own ? cand->second : d.add_months(-2);
        r.move(id, "发展对象", cd, own ? cand->first : admit->first, "支委会讨论同意列为发展对象");
        add_recruit_event(r, id, "政审", cd.add_days(3), {}, {}, "政治审查合格");
        add_recruit_event(r, id, "培训", cd.add_days(4), 3.0, 24.0, "街道党工委发展对象培训班");
        add_recruit_event(r, id, "公示", d.add_days(-7), {}, {}, "公示无异议");
        r.move(id, "预备党员", d, admit->first, "支部党员大会表决通过，接收为预备党员");
        add_recruit_event(r, id, "宣誓", d.add_days(10));
        // The branch meeting's resolution, filed with the admission step (档号 in the 入党积极分子 section).
        fs::path resolution = work / "关于接收李明同志为中共预备党员的决议.pdf";
        official_pdf(resolution, a.home().name, "", "关于接收李明同志为中共预备党员的决议",
                     {d.chinese() +
                          "，支部党员大会讨论李明同志的入党申请。到会有表决权的党员一致同意接收李明同志为中共预备党员，"
                          "预备期一年，自" +
                          d.chinese() + "起计算。",
                      "报上级党组织审批。"},
                     a.home().name, d);
        DocumentMeta meta;
        meta.retention = Retention::Permanent;
        meta.title = "关于接收李明同志为中共预备党员的决议";
        auto filed = MemberLifeDocuments(a, docs).file_step(id, "预备党员", resolution, meta);
        report.files.push_back(resolution);
        report.lines.push_back("发展党员材料：" + filed.document.archival_code() + " " + filed.document.title +
                               "（member file；发展党员视图和一本通“入党积极分子”篇目中可见）");
        notes.push_back("李明 预备党员（预备期已届满，支部尚未讨论转正：逾期）");
    }
    // 发展对象 with 政审 and training done, public notice still to do.
    if (auto cand = decision(a, "committee", today.add_days(-20))) {
        core::Date cd = cand->second;
        auto id = person(r, "赵强", "男", core::Date(1994, 8, 3), cd.add_months(-20));
        add_recruit_event(r, id, "谈话", cd.add_months(-20).add_days(20));
        r.move(id, "入党积极分子", cd.add_months(-16), {}, {}, {"何平", "吴静"});
        add_recruit_event(r, id, "考察", cd.add_months(-10));
        add_recruit_event(r, id, "考察", cd.add_months(-4));
        r.move(id, "发展对象", cd, cand->first, "支委会讨论同意列为发展对象");
        add_recruit_event(r, id, "政审", cd.add_days(5));
        add_recruit_event(r, id, "培训", cd.add_days(6), std::nullopt, 24.0);
        notes.push_back("赵强 发展对象（待公示）");
    }
    // 入党积极分子 half-way through the year, reviewed on time.
    {
        auto id = person(r, "王芳", "女", core::Date(1999, 11, 20), today.add_months(-9));
        add_recruit_event(r, id, "谈话", today.add_months(-9).add_days(15));
        r.move(id, "入党积极分子", today.add_months(-8), {}, "支委会确定", {"刘芳", "李秀兰"});
        add_recruit_event(r, id, "考察", today.add_months(-2));
        notes.push_back("王芳 入党积极分子");
    }
    // 郑晓雨, whom the branch meeting of late June listed as 发展对象 (the notice is on the board),
    // 政审 done.
    if (auto cand = decision(a, "assembly", std::min(today.add_days(-1), core::Date(today.year(), 6, 30)))) {
        core::Date cd = cand->second;
        auto id = person(r, "郑晓雨", "女", core::Date(2000, 4, 12), cd.add_months(-26));
        add_recruit_event(r, id, "谈话", cd.add_months(-26).add_days(14));
        r.move(id, "入党积极分子", cd.add_months(-22), {}, "支委会确定为入党积极分子", {"吴静", "何平"});
        add_recruit_event(r, id, "考察", cd.add_months(-16));
        add_recruit_event(r, id, "考察", cd.add_months(-10));
        add_recruit_event(r, id, "考察", cd.add_months(-4));
        r.move(id, "发展对象", cd, cand->first, "支部党员大会讨论确定为发展对象");
        add_recruit_event(r, id, "政审", cd.add_days(7), {}, {}, "政治审查合格");
        notes.push_back("郑晓雨 发展对象（待培训、公示）");
    }
    // 冯立新, an activist for over a year, reviewed every half year: ready to be discussed.
    {
        auto id = person(r, "冯立新", "男", core::Date(1996, 9, 3), today.add_months(-20));
        add_recruit_event(r, id, "谈话", today.add_months(-20).add_days(10));
        r.move(id, "入党积极分子", today.add_months(-14), {}, "支委会确定", {"李秀兰", "刘芳"});
        add_recruit_event(r, id, "考察", today.add_months(-8));
        add_recruit_event(r, id, "考察", today.add_months(-2));
        notes.push_back("冯立新 入党积极分子（培养考察已满一年）");
    }
    // Three applicants: two talked to, one whose talk is late.
    {
        auto id = person(r, "蒋文博", "男", core::Date(2002, 1, 22), today.add_days(-40));
        add_recruit_event(r, id, "谈话", today.add_days(-30));
    }
    {
        auto id = person(r, "陈晨", "女", core::Date(2001, 5, 9), today.add_days(-10));
        (void)id;
        person(r, "刘洋", "男", core::Date(2000, 2, 14), today.add_months(-3));
        notes.push_back("蒋文博、陈晨、刘洋 入党申请人（刘洋 申请后一个月未谈话：逾期）");
    }

    // Transfers: 马俊 works in Shenzhen and moves his membership there; 郑毅 arrives from a village.
    core::MemberHistory history(a.db(), a.home().id);
    core::Roster roster(a.db(), a.home().id);
    if (auto m = roster.member_by_name("马俊")) {
        core::Movement out;
        out.member_id = m->id;
        out.kind = "转出";
        out.on = today.add_months(-2);
        out.counterpart = "深圳市南山区粤海街道科技园社区党委";
        out.letter_ref = "幸社党转〔" + std::to_string(out.on.year()) + "〕2号";
        out.dues_paid_to = out.on.add_months(-1).iso().substr(0, 7);
        auto moved = history.depart(out);
        // The 介绍信 printed from the movement, and filed with it in the 党员名册 section.
        fs::path letter = report.archive.parent_path() / "马俊党员组织关系介绍信.pdf";
        write_transfer_letter_pdf(a, moved, letter);
        DocumentMeta meta;
        meta.retention = Retention::Permanent;
        meta.title = "马俊党员组织关系介绍信";
        meta.doc_ref = out.letter_ref;
        auto filed = MemberLifeDocuments(a, docs).file_movement(m->id, "转出", letter, meta);
        report.files.push_back(letter);
        report.lines.push_back("组织关系介绍信：" + letter.filename().string() + "（含回执；member letter），已归档 " +
                               filed.document.archival_code());
    }
    {
        core::Member newcomer;
        newcomer.name = "郑毅";
        newcomer.gender = "男";
        newcomer.birth_date = core::Date(1987, 10, 5);
        newcomer.join_date = core::Date(2012, 6, 28);
        newcomer.full_date = core::Date(2013, 6, 28);
        newcomer.education = "大学本科";
        newcomer.workplace_post = "幸福里社区 退役军人服务站";
        newcomer.group_id = roster.ensure_group("第一党小组");
        core::Movement in;
        in.on = today.add_months(-4);
        in.counterpart = "红星村党支部";
        in.letter_ref = "红星党转〔" + std::to_string(in.on.year()) + "〕5号";
        in.dues_paid_to = in.on.add_months(-1).iso().substr(0, 7);
        history.transfer_in(newcomer, in);
    }

    // 流动党员: 徐海涛 runs a shop in Hangzhou and was last reached four months ago (late).
    if (auto m = roster.member_by_name("徐海涛")) {
        core::MobileMember mm;
        mm.member_id = m->id;
        mm.location = "浙江省杭州市西湖区";
        mm.card_no = "流" + std::to_string(today.year() - 1) + "017";
        mm.contact_person = "刘芳";
        mm.since = today.add_months(-14);
        mm.last_contact = today.add_months(-4);
        history.set_mobile(mm);
        report.lines.push_back("流动党员：徐海涛（浙江省杭州市），上次联系 " + mm.last_contact->iso() +
                               "，已超过规则的联系间隔（member mobile-list）");
    }

    auto items = r.due(today);
    int late = 0;
    for (const auto& it : items) late += it.state == "逾期";
    std::string people;
    for (const auto& n : notes) people += (people.empty() ? "" : "；") + n;
    report.lines.push_back("发展党员：" + people + "；当前 " + std::to_string(items.size()) + " 项待办，其中逾期 " +
                           std::to_string(late) + " 项（member pipeline）");
    report.lines.push_back(
        "组织关系转接：马俊 转出至深圳（名册中不再显示，历史出席记录保留），郑毅 由红星村党支部转入（member history）");
    member_dues_and_statistics(a, plugins, report);

    // Last year's 三高 survey: awareness and satisfaction met, participation just short.
    if (auto spec = core::ThreeHighSpec::load(plugins, a.home().sector)) {
        core::ThreeHighSurvey s;
        s.year = today.year() - 1;
        s.on = core::Date(s.year, 11, 20);
        s.respondents = 240;
        s.aware = 221;         // 92.1 %
        s.participating = 214; // 89.2 %: below 90 %
        s.satisfied = 230;     // 95.8 %
        s.notes = "居民180份、个体工商户36份、驻社区单位24份";
        core::ThreeHighStore(a.db(), a.home().id).set(s);
        std::string met;
        for (const auto& result : core::evaluate_three_high(*spec, s)) {
            char pct[16];
            std::snprintf(pct, sizeof pct, "%.1f%%", result.percent);
            met += (met.empty() ? "" : "，") + result.measure.label + " " + pct + (result.met ? "达标" : "未达标");
        }
        report.lines.push_back("群众评议“三高” " + std::to_string(s.year) + "：" + met + "（survey three-high --year " +
                               std::to_string(s.year) + "；得分为插件拟定，已标明）");
        // The 精品社区 form's 群众评议 item takes its proposal from these rates.
        auto rubrics = core::RubricSet::load(plugins);
        if (const auto* jp = rubrics.find("community.jingpin"); jp && jp->three_high)
            for (const auto& sec : jp->sections)
                for (const auto& it : sec.items)
                    if (auto p = core::propose_three_high(it, *jp->three_high, s))
                        report.lines.push_back("《" + jp->name + "》 " + it.id + " 群众评议：按“三高”比率建议 " +
                                               core::format_number(p->points) + "/" + core::format_number(it.points) +
                                               " 分（计分办法为本插件拟定；rubric show community.jingpin）");
    }

    // 一卡一簿一单: the in-service members' cards, last year's register and one feedback sheet.
    if (!archive::inservice_members(a).empty()) {
        const int last = today.year() - 1;
        auto folder = report.archive.parent_path() / "inservice";
        std::filesystem::create_directories(folder);
        auto cards = archive::write_inservice_cards_pdf(a, folder / "在职党员登记卡.pdf");
        auto reg =
            archive::write_inservice_register_pdf(a, last, folder / ("在职党员活动登记簿-" + std::to_string(last) + ".pdf"));
        auto first = archive::inservice_members(a).front().member.name;
        auto sheet = folder / ("意见反馈单-" + first + "-" + std::to_string(last) + ".pdf");
        archive::write_inservice_feedback_pdf(a, first, last, sheet);
        report.files.push_back(folder / "在职党员登记卡.pdf");
        report.files.push_back(folder / ("在职党员活动登记簿-" + std::to_string(last) + ".pdf"));
        report.files.push_back(sheet);
        report.lines.push_back("一卡一簿一单：" + std::to_string(cards.items) +
                               " 张在职党员登记卡（供楼院公示，不含电话住址）、" + std::to_string(last) + " 年活动登记簿 " +
                               std::to_string(reg.items) + " 条、" + first + " 的意见反馈单（inservice card|register|feedback）");
    }
}

} // namespace onebook::archive::demo
