// The organisation model of DOMAIN.md §2: organisations, members, party groups, committees.
// Plain values; the stores in organisation_store.hpp and roster.hpp persist them.
#pragma once

#include "onebook/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

using Id = std::int64_t;

/// Forms an organisation can take (《党支部“五化”建设》, party rules).
inline const std::vector<std::string>& organisation_forms() {
    static const std::vector<std::string> forms = {"党支部", "联合党支部", "临时党支部", "党总支", "党委"};
    return forms;
}

struct Organisation {
    Id id = 0;
    std::string uid; ///< stable across archives and packages
    std::string name;
    std::string sector; ///< plugin id: community, village, organ, enterprise, eduhealth…
    std::string form = "党支部";
    std::string superior_name;   ///< 上级党组织
    std::optional<Id> parent_id; ///< in a superior's archive
    std::optional<Date> founded_on;
    std::string approval_ref; ///< 批复文号
    bool is_home = false;
};

/// Fields that must never reach a public board.
struct MemberPrivate {
    std::string id_number; ///< 身份证号
    std::string phone;     ///< 联系电话
    std::string address;   ///< 家庭住址
    bool empty() const { return id_number.empty() && phone.empty() && address.empty(); }
};

struct Member {
    Id id = 0;
    Id organisation_id = 0;
    std::string name;
    std::string gender;    ///< 男 / 女
    std::string ethnicity; ///< 民族
    std::optional<Date> birth_date;
    std::string education;           ///< 学历
    std::string workplace_post;      ///< 工作单位及职务
    std::optional<Date> join_date;   ///< 入党时间
    std::optional<Date> full_date;   ///< 转正时间
    std::string status = "正式党员"; ///< 正式党员 / 预备党员
    std::optional<Id> group_id;      ///< 党小组
    std::string category = "直管";   ///< 直管 / 协管 / 代管 (《在全市社区工作会议上的讲话》)
    std::string employer;            ///< for 协管: 工作单位
    std::string notes;
    MemberPrivate priv; ///< private: see MemberPrivate

    bool is_full() const { return status == "正式党员"; }
    /// Whole years of membership on `on` (党龄, counted from the full-membership date when known).
    std::optional<int> party_age(const Date& on) const;
};

struct PartyGroup {
    Id id = 0;
    Id organisation_id = 0;
    std::string name;
    std::optional<Id> leader_id;
};

struct CommitteeSeat {
    Id id = 0;
    std::optional<Id> member_id;
    std::string name;
    std::string role; ///< 书记/副书记/组织委员/宣传委员/纪检委员…
};

struct CommitteeTerm {
    Id id = 0;
    Id organisation_id = 0;
    Date elected_on;
    int term_years = 3;
    std::string approval_ref;
    std::string notes;
    std::vector<CommitteeSeat> seats;

    Date expires_on() const { return elected_on.add_months(12 * term_years); }
};

} // namespace onebook::core
