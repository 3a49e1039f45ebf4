// Demo step for records: a realistic meeting and activity history for 幸福里社区党支部 — last year in
// full and this year up to today — and the yearly 三会一课 plan. A few deliberate gaps (a missed
// quarter, a month without a committee meeting, a vote without quorum, members short of study hours,
// talks and services; this year a missed theme day and a missed talk) make `onebook-cli check` show
// violations; this year's open windows show as due.
#include "demo_steps.hpp"

#include "onebook/meeting_template.hpp"
#include "onebook/plan.hpp"
#include "onebook/records.hpp"
#include "onebook/roster.hpp"
#include "onebook/rules.hpp"

#include <map>

namespace onebook::archive::demo {

namespace {

using core::Date;
using Absent = std::vector<std::pair<std::string, std::string>>;

struct Writer {
    core::RecordStore store;
    const std::vector<core::MeetingTemplate>& templates;
    Date today;
    std::map<int, int> per_year;

    core::Id add(const std::string& type, const Date& date, const std::string& time, const std::string& place,
                 const std::string& host, const std::string& recorder, const std::string& topic,
                 std::map<std::string, std::string> fields, const std::vector<std::string>& present = {},
                 const Absent& absent = {}, double hours = 0, bool vote = false, const std::string& group = {}) {
        if (date > today) return 0; // the future has no minutes yet
        const auto& t = core::require_template(templates, type);
        core::Record r;
        r.type = t.id;
        r.date = date;
        r.time = time;
        r.place = place;
        r.host = host;
        r.recorder = recorder;
        r.topic = topic;
        r.group = group;
        r.hours = hours;
        r.vote = vote;
        r.fields = std::move(fields);
        store.fill_attendance(r, t, present, absent);
        store.add(r, t, today);
        ++per_year[date.year()];
        return r.id;
    }
};

// Who is away from in-person meetings, and why (a rotating, realistic pattern).
Absent away(int year, int month, int salt, bool with_zhangwei) {
    Absent out{{"马俊", "外出务工（深圳），已通过微信群学习"}};
    static const std::pair<const char*, const char*> rota[] = {
        {"周明", "因病住院"}, {"孙晓红", "卫生服务站值班"}, {"徐海涛", "外出进货"}, {"高淑珍", "年老行动不便"},
        {"赵磊", "单位加班"}, {"黄丽", "学校监考"},         {"杨桂英", "照顾老伴"}, {"胡斌", "抢修管网"}};
    const auto& pick = rota[(year * 7 + month * 3 + salt) % 8];
    out.push_back({pick.first, pick.second});
    if (with_zhangwei) out.push_back({"张伟", "区教育局出差"});
    return out;
}

std::string ym(int year, int month) { return std::to_string(year) + "年" + std::to_string(month) + "月"; }

} // namespace

void records(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    auto org = a.home();
    const auto& plugin = plugins.require(org.sector);
    auto templates = core::load_meeting_templates(plugin);
    Date today = Date::today();
    Writer w{core::RecordStore(a.db(), org.id), templates, today, {}};
    core::Transaction tx(a.db());

    const std::string room = "幸福里社区党员活动室";
    const std::vector<std::string> committee = {"王建国", "李秀兰", "何平", "吴静", "刘芳"};
    static const char* study_topics[] = {"学习《中国共产党章程》总纲", "学习《中国共产党支部工作条例（试行）》",
                                         "学习全国两会精神",           "学习《中国共产党纪律处分条例》",
                                         "学习基层治理典型案例",       "学习习近平总书记“七一”重要讲话精神",
                                         "学习网格化服务管理办法",     "学习《中国共产党党员教育管理工作条例》",
                                         "学习社区消防安全知识",       "学习党的二十届全会精神",
                                         "学习《信访工作条例》",       "学习年度党建工作总结要求"};
    static const char* theme_topics[] = {"慰问困难党员和老党员", "“学雷锋”志愿服务进楼院", "清明祭扫烈士陵园",
                                         "“五一”劳动者座谈",     "社区环境整治",           "重温入党誓词 庆祝建党",
                                         "为党员过“政治生日”",   "防汛安全巡查",           "“国庆”升旗仪式",
                                         "重阳节敬老活动",       "宪法宣传进社区",         "年终走访慰问"};

    for (int year : {today.year() - 1, today.year()}) {
        bool last = year < today.year();
        // 支部党员大会: quarterly. Last year's third quarter was missed (deliberate gap).
        w.add("assembly", Date(year, 3, 27), "14:30-16:30", room, "王建国", "吴静", "部署全年党建工作",
              {{"agenda", "一、通报上年度党建工作；二、部署本年度“三会一课”计划；三、收缴党费"},
               {"minutes", "王建国同志通报上年度工作，部署本年度“三会一课”计划和主题党日安排，全体党员讨论通过。"},
               {"resolutions", "通过本年度党建工作计划。"}},
              {}, away(year, 3, 1, false));
        w.add("assembly", Date(year, 6, 26), "14:30-17:00", room, "王建国", "吴静",
              last ? "讨论接收林涛同志为预备党员" : "讨论确定郑晓雨同志为发展对象",
              {{"agenda", "一、庆祝建党表彰；二、讨论发展党员事项；三、表决"},
               {"minutes", "支部书记通报培养考察情况，党员充分讨论，进行无记名投票表决。"},
               {"resolutions", last ? "同意接收林涛同志为预备党员，报街道党工委审批。" : "同意确定郑晓雨同志为发展对象。"},
               {"vote_result", "应到有表决权党员 18 人，实到 17 人；赞成 17 票，反对 0 票，弃权 0 票。"}},
              {}, away(year, 6, 2, false), 0, true);
        if (!last)
            w.add("assembly", Date(year, 9, 25), "15:00-16:30", room, "王建国", "吴静", "通报前三季度工作，部署社区换届准备",
                  {{"minutes", "通报前三季度工作完成情况，部署第四季度重点任务。"}}, {}, away(year, 9, 3, false));
        w.add("assembly", Date(year, 12, 25), "14:30-17:00", room, "王建国", "吴静", "年度总结暨民主评议党员",
              {{"minutes", "书记作年度工作报告（述职），党员开展评议。"}}, {}, away(year, 12, 4, false));
        w.add("appraisal", Date(year, 12, 25), "15:30-17:00", room, "王建国", "吴静",
              year % 2 ? "年度民主评议党员" : "民主评议党员",
              {{"excellent", "刘芳、吴静、陈志强"},
               {"result", "评为优秀 3 人，合格 16 人，无不合格党员。"},
               {"minutes", "对照党员标准逐一评议，开展批评与自我批评，无记名测评。"},
               {"vote_result", "应到有表决权党员 18 人，实到 16 人，测评票 16 张全部有效。"}},
              {}, away(year, 12, 4, false), 0, true);

        for (int m = 1; m <= 12; ++m) {
            // 支委会: monthly; last August was skipped (deliberate gap); last May's vote lacked quorum.
            if (!(last && m == 8)) {
                bool thin = last && m == 5;
                w.add("committee", Date(year, m, 5), "09:00-10:30", "社区党支部办公室", "王建国", "吴静",
                      thin ? "研究社区老旧小区改造资金使用" : "研究" + ym(year, m) + "党建和社区重点工作",
                      {{"minutes", thin ? "到会委员讨论改造资金分配方案并表决。"
                                        : "传达上级会议精神，安排本月主题党日、集体学习和志愿服务。"},
                       {"resolutions", thin ? "通过资金分配方案。" : "按计划开展本月活动。"}},
                      thin ? std::vector<std::string>{"王建国", "吴静"} : std::vector<std::string>{},
                      thin ? Absent{{"李秀兰", "外出培训"}, {"何平", "参加街道会议"}, {"刘芳", "因病请假"}} : Absent{}, 0, thin);
            }
            // 党小组会: each group monthly; the third (retired) group missed last July and August.
            struct G {
                const char* name;
                const char* leader;
                const char* recorder;
            };
            for (const G& g :
                 {G{"第一党小组", "刘芳", "林涛"}, G{"第二党小组", "张伟", "黄丽"}, G{"第三党小组", "陈志强", "朱玉梅"}}) {
                if (last && std::string(g.name) == "第三党小组" && (m == 7 || m == 8)) continue;
                if (std::string(g.recorder) == "林涛" && Date(year, m, 10) < Date(2024, 10, 21)) continue;
                Absent ab;
                if (std::string(g.name) == "第一党小组") ab = {{"马俊", "外出务工"}};
                w.add("group",
                      Date(year, m,
                           std::string(g.name) == "第一党小组"   ? 10
                           : std::string(g.name) == "第二党小组" ? 12
                                                                 : 18),
                      "19:00-20:00", std::string(g.name) == "第三党小组" ? "幸福里老年活动中心" : room, g.leader, g.recorder,
                      std::string("学习讨论：") + study_topics[m - 1],
                      {{"minutes", "党小组成员交流学习体会，汇报思想和工作情况。"}}, {}, ab, 0, false, g.name);
            }
            // 集体学习: monthly, 2 hours; 张伟 missed several (deliberate: below 32 hours last year).
            bool zw = (m % 4 == 1);
            w.add("study", Date(year, m, 20), "14:30-16:30", room, "何平", "吴静", study_topics[m - 1],
                  {{"minutes", std::string("集体学习") + study_topics[m - 1] + "，交流研讨。"}, {"materials", "学习材料汇编"}},
                  {}, away(year, m, 5, zw), 2);
            // 主题党日: 15th of every month; this September's was called off for a typhoon (deliberate gap).
            if (!last && m == 9) continue;
            w.add("theme_day", Date(year, m, 15), "09:00-11:30", room, "王建国", "吴静", theme_topics[m - 1],
                  {{"minutes", std::string("开展主题党日：") + theme_topics[m - 1] + "。"},
                   {"activity_form", m == 6 ? "重温入党誓词" : "集中学习"}},
                  {}, away(year, m, 7, false));
        }
        // 党课: quarterly, 3 hours; the secretary gives the July one. This year's Q4 lecture is not yet
        // given.
        for (int q = 0; q < 4; ++q) {
            if (!last && q == 3) continue;
            int m = q * 3 + 2 + (q == 1 ? 0 : 0);
            bool secretary = q == 2;
            w.add("lecture", Date(year, q == 2 ? 7 : m, q == 2 ? 1 : 22), "14:30-17:30", room,
                  secretary ? "王建国"
                  : q == 0  ? "街道党工委副书记 孙立"
                  : q == 1  ? "区委党校讲师 郑文"
                            : "街道党建办主任 韩梅",
                  "吴静",
                  secretary ? "书记讲党课：践行初心使命 做好社区服务"
                  : q == 0  ? "坚定理想信念 筑牢思想根基"
                  : q == 1  ? "全面从严治党永远在路上"
                            : "以高质量党建引领基层治理",
                  {{"minutes", "授课并组织交流研讨。"}}, {}, away(year, m, 9, q == 1), 3);
        }
        // 组织生活会: quarterly (《社区党组织建设目标管理意见》); this year's Q4 not yet held.
        for (int q = 0; q < (last ? 4 : 3); ++q)
            w.add("org_life", Date(year, q * 3 + 3, 12), "14:30-16:30", room, "王建国", "吴静", "对照党章党规 查摆问题",
                  {{"criticism", "党员逐一发言，开展批评与自我批评，支部汇总意见 6 条。"},
                   {"minutes", "组织生活会，交流思想、查摆问题。"},
                   {"rectification", "针对查摆问题制定整改措施，明确责任人和时限。"}},
                  {}, away(year, q * 3 + 3, 11, false));
        // 民主生活会: last year in January; this year's is not yet held (due).
        if (last)
            w.add("democratic_life", Date(year, 1, 20), "09:00-11:30", "社区党支部办公室", "王建国", "吴静",
                  "支委会年度民主生活会",
                  {{"criticism", "支委逐一对照检查，相互批评。"}, {"minutes", "班子成员开展批评与自我批评。"}}, committee, {});
        // 党建联席会: at least 4 a year (《社区党组织建设目标管理意见》); last year only 3 (deliberate gap), this year 3 so far.
        for (int m : {3, 6, 10}) {
            w.add("joint_meeting", Date(year, m, 8), "09:30-11:30", "幸福里社区会议室", "王建国", "何平",
                  m == 3   ? "共驻共建项目认领"
                  : m == 6 ? "驻区单位资源共享协调"
                           : "冬季供暖和困难群众帮扶",
                  {{"units", "区教育局机关党委、幸福里小学党支部、市自来水公司第三党支部、区人民医院党总支"},
                   {"minutes", "驻区单位通报共建项目进展，协商解决社区难题。"},
                   {"resolutions", "形成共建项目清单并分工落实。"}},
                  {}, {});
        }
        // 工作汇报: quarterly to 街道党工委 (《社区党组织建设目标管理意见》); this year's Q4 report is still due.
        for (int q = 0; q < (last ? 4 : 3); ++q)
            w.add("report", Date(year, q * 3 + 3, 28), "", "幸福街道党工委", "王建国", "",
                  std::to_string(q + 1) + "季度党建工作汇报",
                  {{"report_to", "幸福街道党工委"},
                   {"report_form", "书面及口头"},
                   {"minutes", "汇报本季度“三会一课”、志愿服务和重点任务完成情况。"}});
        // 党费收缴公布: every half-year (《党支部“五化”建设》).
        w.add("dues_disclosure", Date(year, 1, 9), "", "社区党务公开栏", "刘芳", "", "上半年党费收缴情况公布",
              {{"period", std::to_string(year - 1) + "年7月至12月"}, {"amount", "2864.50"}, {"paid_count", "19"}});
        w.add("dues_disclosure", Date(year, 7, 7), "", "社区党务公开栏", "刘芳", "", "党费收缴情况公布",
              {{"period", std::to_string(year) + "年1月至6月"}, {"amount", "2911.00"}, {"paid_count", "19"}});
        // 志愿服务: several a year; 赵磊 and 胡斌 (in-service members) joined only once last year.
        struct V {
            int m, d;
            const char* topic;
            std::vector<std::string> who;
        };
        std::vector<V> services = {
            {3, 5, "学雷锋义务理发和健康义诊", {"王建国", "孙晓红", "吴静", "陈志强", "高淑珍", "赵磊"}},
            {4, 18, "楼道环境清理", {"刘芳", "林涛", "徐海涛", "杨桂英", "朱玉梅", "黄丽"}},
            {5, 23, "反诈宣传进楼院", {"何平", "吴静", "张伟", "郭丽娟", "周明", "胡斌"}},
            {7, 20, "暑期少儿托管", {"黄丽", "李秀兰", "张伟", "孙晓红", "林涛"}},
            {8, 16, "防汛巡查", {"王建国", "刘芳", "徐海涛", "周明", "陈志强"}},
            {9, 26, "国庆平安巡逻", {"何平", "杨桂英", "郭丽娟", "朱玉梅", "李秀兰"}},
            {10, 24, "重阳节敬老助老", {"高淑珍", "吴静", "郭丽娟", "朱玉梅", "杨桂英", "陈志强"}},
            {11, 7, "冬季防火宣传", {"刘芳", "何平", "林涛", "王建国", "周明", "徐海涛", "李秀兰"}},
        };
        for (const auto& v : services) {
            auto who = v.who;
            if (!last && (v.m == 4 || v.m == 8)) who.push_back(v.m == 4 ? "赵磊" : "胡斌");
            if (!last) who.erase(std::remove(who.begin(), who.end(), "林涛"), who.end()), who.push_back("罗敏");
            w.add("volunteer", Date(year, v.m, v.d), "09:00-11:30", "幸福里社区", who.front(), "", v.topic,
                  {{"minutes", std::string(v.topic) + "，服务居民。"},
                   {"beneficiaries", "居民约 " + std::to_string(40 + v.m * 5) + " 人次"}},
                  who, {}, 2.5);
        }
        // 谈心谈话: the secretary with each committee member every half-year and with every member yearly.
        // Last year he did not reach 胡斌, and not 刘芳 in the second half (deliberate gaps).
        std::vector<std::string> h1 = {"李秀兰", "何平", "吴静", "刘芳"};
        std::vector<std::string> h2 = {"李秀兰", "何平", "吴静"};
        int day = 3;
        for (const auto& n : h1) {
            if (!last && n == "何平") continue; // this year's first-half talk with 何平 was missed (deliberate gap)
            w.add("talk", Date(year, 2, day++), "", "社区党支部办公室", "王建国", "", "与班子成员谈心谈话",
                  {{"minutes", "谈党性原则、思想认识、工作情况和改进方向。"}, {"talk_kind", "书记与班子成员"}}, {n});
        }
        day = 2;
        for (const auto& n : h2)
            w.add("talk", Date(year, 8, day++), "", "社区党支部办公室", "王建国", "", "下半年与班子成员谈心谈话",
                  {{"minutes", "交流分工落实情况。"}, {"talk_kind", "书记与班子成员"}}, {n});
        std::vector<std::string> others = {"张伟", "陈志强", "杨桂英", "赵磊",   "黄丽", "周明", "徐海涛", "孙晓红",
                                           "马俊", "朱玉梅", "郭丽娟", "高淑珍", "林涛", "罗敏", "胡斌"};
        int k = 0;
        for (const auto& n : others) {
            if (last && (n == "胡斌" || n == "罗敏")) continue;
            int m = 3 + k % 9, d = 6 + (k * 5) % 20;
            ++k;
            if (!last && k > 9) break; // this year: the rest are still to come (due)
            w.add("talk", Date(year, m, d), "", n == "马俊" ? "电话" : "党员家中", "王建国", "", "与党员谈心谈话",
                  {{"minutes", "了解思想、工作和生活情况，听取对支部工作的意见。"}, {"talk_kind", "书记与党员"}}, {n});
        }
        // 在职党员报到 (一卡一簿一单, 《在全市社区工作会议上的讲话》).
        w.add("worker_checkin", Date(year, 3, 2), "", "社区党员服务站", "何平", "", "在职党员到社区报到登记",
              {{"checkin_kind", "报到登记（登记卡）"},
               {"employer", "区教育局、区税务局、幸福里小学、社区卫生服务站、市自来水公司"},
               {"minutes", "填写在职党员登记卡，认领服务岗位。"}},
              {"张伟", "赵磊", "黄丽", "孙晓红", "胡斌"});
        w.add("worker_checkin", Date(year, 5, 23), "", "幸福里社区", "何平", "", "反诈宣传进楼院",
              {{"checkin_kind", "社区活动（活动登记簿）"},
               {"employer", "区教育局、市自来水公司"},
               {"minutes", "在职党员认领楼院宣传岗，入户发放反诈宣传资料。"}},
              {"张伟", "胡斌"});
        w.add("worker_checkin", Date(year, 11, 20), "", "社区党员服务站", "何平", "", "向在职党员所在单位反馈表现",
              {{"checkin_kind", "意见反馈（反馈单）"},
               {"employer", "区教育局、区税务局、幸福里小学、社区卫生服务站、市自来水公司"},
               {"minutes", "汇总在职党员参加社区活动情况，填写意见反馈单寄送所在单位党组织。"},
               {"feedback", "积极参加社区志愿服务和楼院环境整治，认领的服务岗位履职到位，居民评价良好。"}},
              {"张伟", "赵磊", "黄丽", "孙晓红", "胡斌"});
        // 支委会向党员大会报告工作 each quarter, after the assembly (《社区党组织建设目标管理意见》 二(三)7); last
        // year's third-quarter report went with the missed assembly (deliberate gap).
        for (int q = 0; q < 4; ++q) {
            if (last && q == 2) continue;
            int m = q * 3 + 3;
            w.add("committee_report",
                  Date(year, m,
                       m == 3   ? 27
                       : m == 6 ? 26
                                : 25),
                  "16:30-17:00", room, "王建国", "吴静", std::to_string(q + 1) + "季度支委会工作报告",
                  {{"minutes", "支部书记代表支委会报告本季度工作，党员提出意见建议。"}}, {}, away(year, m, q + 1, false));
        }
        // 党员汇报: every member (代管 马俊 aside) reports each half-year (二(三)6); last year 胡斌 missed the
        // second half (deliberate gap).
        for (int half = 0; half < 2; ++half) {
            Date on(year, half ? 12 : 6, half ? 18 : 20);
            core::MemberFilter roster_then;
            roster_then.on = on;
            std::vector<std::string> reporters;
            for (const auto& m : core::Roster(a.db(), org.id).members(roster_then))
                if (m.category != "代管" && !(last && half == 1 && m.name == "胡斌")) reporters.push_back(m.name);
            w.add("member_report", on, "", room, "王建国", "",
                  half ? "下半年党员思想、工作、学习情况汇报" : "上半年党员思想、工作、学习情况汇报",
                  {{"report_form", "书面及口头"}, {"minutes", "党员逐一汇报执行支部决议和思想、工作、学习情况。"}}, reporters);
        }
        // 班子成员之间 and 班子成员与联系党员 talks (《党支部“五化”建设》); this year 吴静 and 刘芳 have not talked yet.
        for (std::size_t i = 1; i < committee.size(); ++i)
            for (std::size_t j = i + 1; j < committee.size(); ++j) {
                if (!last && committee[i] == "吴静" && committee[j] == "刘芳") continue;
                w.add("talk", Date(year, 4, static_cast<int>(i * 5 + j)), "", "社区党支部办公室", committee[i], "",
                      "班子成员之间谈心谈话", {{"minutes", "交流思想和分工协作情况。"}, {"talk_kind", "班子成员之间"}},
                      {committee[j]});
            }
        const std::pair<const char*, const char*> contacts[] = {
            {"李秀兰", "杨桂英"}, {"何平", "周明"}, {"吴静", "朱玉梅"}, {"刘芳", "高淑珍"}};
        for (const auto& [member, contact] : contacts)
            w.add("talk", Date(year, 5, 12), "", "党员家中", member, "", "与所联系的党员谈心谈话",
                  {{"minutes", "了解思想、工作和生活情况。"}, {"talk_kind", "班子成员与联系党员"}}, {contact});
    }

    // The yearly 三会一课 plan for both years (《党支部“五化”建设》: 年初制定“三会一课”年度计划).
    core::MeetingPlan plan(a.db(), org.id);
    for (int year : {today.year() - 1, today.year()}) {
        auto t = [&](const char* id) -> const core::MeetingTemplate& { return core::require_template(templates, id); };
        for (int m = 1; m <= 12; ++m) {
            plan.set(year, t("committee"), m, 1);
            plan.set(year, t("group"), m, 3);
            plan.set(year, t("study"), m, 1);
            plan.set(year, t("theme_day"), m, 1);
        }
        for (int m : {3, 6, 9, 12}) {
            plan.set(year, t("assembly"), m, 1);
            plan.set(year, t("org_life"), m, 1);
        }
        for (int m : {2, 5, 7, 11}) plan.set(year, t("lecture"), m, 1);
        for (int m : {3, 6, 9, 12}) plan.set(year, t("joint_meeting"), m, 1);
        plan.set(year, t("democratic_life"), 1, 1);
        plan.set(year, t("appraisal"), 12, 1);
    }
    tx.commit();

    int ly = today.year() - 1;
    report.lines.push_back(
        "会议和活动记录：" + std::to_string(ly) + " 年 " + std::to_string(w.per_year[ly]) + " 条，" +
        std::to_string(today.year()) + " 年截至 " + today.iso() + " 共 " + std::to_string(w.per_year[today.year()]) +
        " 条（三会一课、主题党日、集体学习、谈心谈话、联席会、志愿服务、党费公布、在职党员报到、党员汇报、支委会向党员大会报告）");
    report.lines.push_back("三会一课年度计划：" + std::to_string(ly) + "、" + std::to_string(today.year()) +
                           " 两年，按月列出计划次数（onebook-cli plan show）");
    for (int year : {ly, today.year()}) {
        auto findings = core::check_rules(a, plugins, year, today);
        std::map<core::FindingStatus, int> n;
        std::vector<std::string> examples;
        for (const auto& f : findings) {
            ++n[f.status];
            if (f.status == core::FindingStatus::Violation && examples.size() < 3 &&
                (examples.empty() || examples.back().rfind(f.rule_id, 0) != 0))
                examples.push_back(f.rule_id + "@" + f.window);
        }
        std::string line = "规则检查 " + std::to_string(year) + " 年：符合 " + std::to_string(n[core::FindingStatus::Ok]) +
                           " 项，待完成 " + std::to_string(n[core::FindingStatus::Due]) + " 项，提醒 " +
                           std::to_string(n[core::FindingStatus::Warning]) + " 项，违规 " +
                           std::to_string(n[core::FindingStatus::Violation]) + " 项";
        if (!examples.empty()) {
            line += "（如 ";
            for (std::size_t i = 0; i < examples.size(); ++i) line += (i ? "、" : "") + examples[i];
            line += "）";
        }
        report.lines.push_back(line + "，详见 onebook-cli check --year " + std::to_string(year));
    }
    // Where the rules come from: the shared sector base, the sector's overrides and additions, and
    // the other source's versions kept as references (seed 000 vs seed 001).
    {
        std::map<std::string, int> layers;
        for (const auto& d : plugin.contributions(core::ExtensionPoint::Rules)) ++layers[core::contribution_layer(d)];
        std::vector<std::string> refs;
        for (const auto& r : core::archive_rules(a, plugins))
            if (r.reference) refs.push_back(r.id);
        report.lines.push_back("规则来源：共用基础 " + std::to_string(layers["base"]) + " 条，社区覆盖 " +
                               std::to_string(layers["override"]) + " 条、新增 " + std::to_string(layers["sector"]) +
                               " 条；两份来源不一致处社区按《社区党组织建设目标管理意见》检查，另保留《党支部“五化”建设》的 " +
                               std::to_string(refs.size()) +
                               " 条作参照（分类定级 3.3 按其计分），见 onebook-cli plugins --items");
    }
}

} // namespace onebook::archive::demo
