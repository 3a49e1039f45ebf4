// Demo step for rectification and boards: realistic rectification items of the demo
// community branch (in progress, one overdue, one closed with its history), dues figures, board
// texts, and every board rendered into the demo folder.
#include "demo_steps.hpp"

#include "onebook/board.hpp"
#include "onebook/dues.hpp"
#include "onebook/public_view.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <cstdio>

namespace fs = std::filesystem;

namespace onebook::archive::demo {

namespace {

struct DemoItem {
    const char* issue;
    const char* measures;
    const char* target;
    const char* owner;
    int created;  ///< days from today
    int deadline; ///< days from today
    core::RectSource source;
    /// Status changes after registration: {days from today, status, note, progress (or null)}.
    struct Step {
        int day;
        core::RectStatus to;
        const char* note;
        const char* progress;
    };
    std::vector<Step> steps;
};

std::string kb(std::uintmax_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

} // namespace

void boards(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    using S = core::RectStatus;
    const core::Date today = core::Date::today();
    const int y = today.year();
    const std::string last_year = std::to_string(y - 1);
    auto org = a.home();
    core::Roster roster(a.db(), org.id);
    core::Rectification rect(a.db(), org.id);

    const std::vector<DemoItem> items = {
        {"党建联席会议召开不经常，上年仅召开2次",
         "制定年度联席会议计划，每季度召开1次，邀请驻区单位党组织负责人参加，会议纪要在党务公开栏公布",
         "全年召开不少于4次",
         "王建国",
         -100,
         75,
         core::RectSource::finding("community.freq.joint_meeting@" + last_year),
         {{-92, S::InProgress, "支委会研究制定年度联席会议计划", "已召开第一季度联席会议，驻区8家单位参加"}}},
        {"在职党员到社区报到后参加活动少",
         "落实在职党员“一卡一簿一单”，建立活动登记簿，每季度向党员所在单位反馈表现",
         "每名在职党员每年参加社区活动不少于2次",
         "何平",
         -100,
         45,
         core::RectSource::deduction(y - 1, "2.3"),
         {{-85, S::InProgress, "发放在职党员登记卡", "已登记在职党员6名，反馈意见单2份"}}},
        {"党员活动室面积不足、设施陈旧",
         "协调辖区单位共建，将社区服务中心二楼改造为党员活动室，配齐电教设备和学习资料",
         "活动室面积达到100平方米以上",
         "李秀兰",
         -100,
         -12,
         core::RectSource::deduction(y - 1, "2.5"),
         {{-80, S::InProgress, "与辖区单位签订共建协议", "已完成选址和设计，施工尚未开始"}}},
        {"集体学习记录不完整，部分学习无签到",
         "统一使用“一本通”记录集体学习，每次学习后3日内录入，组织委员每月检查",
         "每月集体学习不少于1次，记录完整率100%",
         "吴静",
         -100,
         -20,
         core::RectSource::finding("community.freq.study@" + last_year),
         {{-95, S::InProgress, "支委会明确记录要求", nullptr},
          {-30, S::Done, "连续3个月记录完整", "3个月集体学习记录和签到表全部齐全"},
          {-15, S::Closed, "街道党工委检查核实，同意销号", nullptr}}},
        {"书记与党员谈心谈话开展不够",
         "书记与支委每半年至少谈心1次、与每名党员每年至少谈心1次，做好谈话记录",
         "谈心谈话覆盖全体党员",
         "王建国",
         -100,
         30,
         core::RectSource::finding("community.member.talk_members@" + last_year),
         {{-90, S::InProgress, "制定谈心谈话计划", nullptr},
          {-5, S::Done, "已完成全部谈心谈话", "已与全体党员逐一谈心谈话，记录齐全"}}},
        {"流动党员联系不经常",
         "建立流动党员联系群，每月推送学习资料；春节前后集中开展一次组织生活",
         "每名流动党员每月联系1次",
         "刘芳",
         -60,
         120,
         {},
         {}},
        {"志愿服务队伍覆盖面不广",
         "组建环境整治、助老助残、政策宣传3支志愿服务队，在职党员全部编入",
         "志愿者占居民3%以上，队伍不少于3支",
         "徐海涛",
         -100,
         60,
         core::RectSource::deduction(y - 1, "6.3"),
         {{-70, S::InProgress, "发布志愿者招募公告", "已组建2支队伍，登记志愿者96人"}}},
        {"党费收缴情况公布不及时",
         "每半年在党务公开栏公布一次党费收缴情况，组织委员负责按时更新",
         "每半年公布1次",
         "何平",
         -100,
         10,
         core::RectSource::finding("community.disclosure.dues@" + last_year + "-H2"),
         {{-88, S::InProgress, "明确由组织委员负责", nullptr},
          {-40, S::Done, "已在党务公开栏公布上半年收缴情况", "上半年党费收缴情况已按时公布"}}},
    };

    core::Transaction tx(a.db());
    core::Id closed_id = 0;
    for (const auto& d : items) {
        core::RectificationItem it;
        it.issue = d.issue;
        it.measures = d.measures;
        it.target = d.target;
        it.owner = d.owner;
        if (auto m = roster.member_by_name(d.owner)) it.owner_member_id = m->id;
        it.created_on = today.add_days(d.created);
        it.deadline = today.add_days(d.deadline);
        it.source = d.source;
        rect.add(it, "支委会研究确定整改事项");
        for (const auto& s : d.steps)
            rect.change_status(it.id, s.to, today.add_days(s.day), s.note,
                               s.progress ? std::optional<std::string>(s.progress) : std::nullopt, today);
        if (!d.steps.empty() && d.steps.back().to == S::Closed) closed_id = it.id;
    }

    // Dues: the last two finished half-years (《党支部“五化”建设》: 每半年公布1次).
    core::DuesLedger dues(a.db(), org.id);
    int members = roster.count_members();
    std::string latest = today.month() > 6 ? std::to_string(y) + "-H1" : last_year + "-H2";
    std::string before = today.month() > 6 ? last_year + "-H2" : last_year + "-H1";
    core::DuesPeriod p1{0, before, members, members, 184600, 184600, "全部按时足额交纳"};
    core::DuesPeriod p2{0, latest, members, members - 1, 179250, 179250, "1名流动党员已联系补交"};
    dues.set(p1);
    dues.set(p2);

    // Board texts the secretary types once (public by nature: an office phone, not a member's).
    core::set_board_setting(a, "issuer", "中共幸福里社区支部委员会");
    core::set_board_setting(a, "contact", "幸福里社区党群服务中心 0312-5921234");
    core::set_board_setting(a, "achievement_period", std::to_string(y - 2) + "年—" + std::to_string(y) + "年");
    core::set_board_setting(a, "achievements",
                            "建成“红色幸福里”党群服务站，全年为居民办理服务事项1200余件\n"
                            "组建党员志愿服务队3支，开展环境整治、助老助残等志愿服务46次\n"
                            "落实在职党员“一卡一簿一单”，驻区单位在职党员报到率100%\n"
                            "党建联席会议共驻共建项目8个，协调解决老旧小区加装电梯等民生问题5件\n"
                            "“三会一课”按计划开展，主题党日每月15日固定举行");
    core::set_board_setting(a, "notices",
                            "关于推荐郑晓雨同志为发展对象的公示（公示期7天）\n"
                            "本季度主题党日安排在每月15日上午9时，地点：社区党员活动室");
    auto view = core::make_public_view(a, today, &plugins);
    // The demo's grades come from the assessment step when it ran; otherwise typed for the board.
    if (!view.latest_grade(false)) {
        core::set_board_setting(a, "grade", "一般");
        core::set_board_setting(a, "score", "78.5");
        core::set_board_setting(a, "grade_year", last_year);
    }
    if (!view.latest_grade(true)) {
        core::set_board_setting(a, "self_grade", "较好");
        core::set_board_setting(a, "self_score", "82");
    }
    if (view.records.empty())
        core::set_board_setting(a, "records",
                                "支部党员大会：每季度召开1次\n支委会、党小组会：每月召开1次\n党课：书记讲党课每年不少于1次\n"
                                "主题党日：每月15日固定开展");
    tx.commit();
    view = core::make_public_view(a, today, &plugins);

    report.lines.push_back("整改事项：" + std::to_string(items.size()) + " 项（整改中、已完成、逾期 " +
                           std::to_string(rect.count_overdue(today)) + " 项、已销号 1 项，销号事项 #" +
                           std::to_string(closed_id) + " 保留 " + std::to_string(rect.history(closed_id).size()) +
                           " 次状态变更记录），部分关联检查发现和测评扣分");
    report.lines.push_back("党费收缴情况：" + p1.label_zh() + "、" + p2.label_zh());

    // Boards: every template, from the public view only.
    auto templates = core::BoardTemplates::load(&plugins, org.sector);
    fs::path folder = report.archive.parent_path() / "boards";
    fs::create_directories(folder);
    struct Job {
        std::string id, file;
        core::BoardOptions options;
    };
    std::vector<Job> jobs;
    {
        core::BoardOptions o;
        o.size = core::pdf::PageSize::iso("A4");
        o.orientation = core::pdf::Orientation::landscape;
        jobs.push_back({"rectification", "rectification-A4-landscape.pdf", o});
        core::BoardOptions big;
        big.size = core::pdf::PageSize::iso("A1");
        big.orientation = core::pdf::Orientation::landscape;
        big.tile = core::pdf::PageSize::iso("A4");
        jobs.push_back({"rectification", "rectification-A1-tiled-A4.pdf", big});
    }
    for (const auto& t : templates.all())
        if (t.id != "rectification") jobs.push_back({t.id, t.id + ".pdf", {}});
    for (const auto& j : jobs) {
        const auto& t = templates.require(j.id);
        fs::path out = folder / j.file;
        auto r = core::render_board(t, view, j.options, out);
        std::string line = "公示牌《" + t.title + "》：" + r.size.describe();
        if (r.sheets) line += "，拼贴为 " + std::to_string(r.sheets) + " 张 A4";
        line += "，" + kb(r.bytes) + " → boards/" + j.file;
        report.lines.push_back(line);
        report.files.push_back(out);
    }
}

} // namespace onebook::archive::demo
