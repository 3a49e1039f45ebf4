// 党内统计: the yearly figures a branch reports upward — its members by sex, ethnicity, age band,
// education, membership status, category and the period they joined, and the year's changes
// (recruited, made full members, transferred in and out, 停止党籍, 出党, deaths, 流动党员) — computed
// from the roster as it was on the day counted and from the member-life events of the year.
#pragma once

#include "onebook/date.hpp"
#include "onebook/db.hpp"
#include "onebook/model.hpp"

#include <string>
#include <vector>

namespace onebook::core {

/// One cell of the composition: a dimension (性别, 年龄, …), a category in it, the count.
struct StatCount {
    std::string dimension; ///< msgid: 性别 / 民族 / 年龄 / 学历 / 党员类别 / 人员类别 / 入党时间
    std::string category;  ///< msgid: 男, 30岁及以下, 大学本科, …
    int count = 0;
};

struct PartyStatistics {
    int year = 0;
    Date as_of;                         ///< 31 December of the year, or the day asked when earlier
    int total = 0;                      ///< members on the roster on as_of
    std::vector<StatCount> composition; ///< every category of every dimension, zeros included
    int start_total = 0;                ///< on the roster on 31 December of the year before
    int recruited = 0;                  ///< joined the party here during the year (not by transfer)
    int made_full = 0;                  ///< became full members during the year
    int transferred_in = 0, transferred_out = 0, stopped = 0, expelled = 0, died = 0;
    int mobile = 0; ///< 流动党员 among the members counted
};

/// The statistics of `year` counted on 31 December, or on `upto` when that is earlier (a year in
/// progress). Age is counted in whole years on the day counted.
PartyStatistics party_statistics(Database& db, Id organisation_id, int year, const Date& upto = Date::today());

/// Adds the figures of one organisation to a sum over several (a superior adding up its
/// branches): every category's count and every change. An empty `into` (no composition yet)
/// takes `s`'s categories; the year and day counted are `s`'s.
void add_party_statistics(PartyStatistics& into, const PartyStatistics& s);

/// The band of an age in whole years (30岁及以下 … 61岁及以上), as 党内统计 counts them.
std::string age_band(int age);
/// The 学历 category of the roster's free-text education (研究生 … 初中及以下, or 未填写).
std::string education_band(const std::string& education);
/// The period of joining the party (1949年10月以前 … 2012年11月以后).
std::string join_band(const Date& joined);

} // namespace onebook::core
