// Helpers the benchmarks share: timing is reported as the median of repeated runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

namespace onebook::bench {

/// Phrases of a branch's work that generated minutes, titles and measures are written from. The
/// first `community_phrase_count` are common work and a community's affairs; the rest belong to
/// the other sectors (villages, schools, hospitals, enterprises, organs).
inline constexpr const char* work_phrases[] = {"按时足额交纳党费",   "党费收缴情况每半年公布一次",
                                               "召开支部党员大会",   "组织生活会查摆问题",
                                               "党小组会学习党章",   "支部委员会研究发展党员",
                                               "主题党日志愿服务",   "谈心谈话覆盖全体党员",
                                               "整改措施落实到人",   "群众满意度测评",
                                               "党务公开日",         "党建联席会共驻共建",
                                               "在职党员报到",       "流动党员管理",
                                               "党课由书记讲授",     "民主评议党员",
                                               "入党积极分子培养",   "学习时长不少于32学时",
                                               "三会一课制度",       "老旧小区加装电梯",
                                               "垃圾分类宣传",       "助老助残",
                                               "防汛值守",           "乡村振兴产业帮扶",
                                               "师德师风建设",       "安全生产月活动",
                                               "科技攻关党员先锋岗", "医德医风专题教育",
                                               "基层减负",           "清廉机关建设"};
inline constexpr std::size_t community_phrase_count = 22;

/// Runs f `runs` times and returns the median wall time in milliseconds.
inline double median_ms(int runs, const std::function<void()>& f) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        auto a = std::chrono::steady_clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

} // namespace onebook::bench
