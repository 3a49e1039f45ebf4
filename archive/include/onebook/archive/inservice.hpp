// 一卡一簿一单 for 在职党员 who report to the community (《在全市社区工作会议上的讲话》: “协管好驻区的”,
// 就是建立完善一卡、一薄、一单制度): the registration card (在职党员登记卡) posted in the building, the
// register of their activities in the community (在职党员活动登记簿) and the yearly feedback sheet to
// each member's employer (在职党员参与社区活动意见反馈单). All three are read from the roster's 协管
// members and the 在职党员报到 records (worker_checkin, its 登记类别 field); nothing is stored twice.
// The card is public: it never prints private data (ID numbers, phones, addresses).
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/table.hpp"
#include "onebook/model.hpp"
#include "onebook/pdf/fonts.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// The 登记类别 values of a worker_checkin record (the community plugin's template).
inline constexpr const char* checkin_card = "报到登记（登记卡）";
inline constexpr const char* checkin_activity = "社区活动（活动登记簿）";
inline constexpr const char* checkin_feedback = "意见反馈（反馈单）";

/// One 协管 member with what the records say about them.
struct InserviceMember {
    core::Member member;
    std::optional<core::Date> registered_on; ///< the first 报到登记 record, if any
    std::string registered_topic;            ///< that record's 事项
};

/// One line of the register: a worker_checkin record of a 协管 member.
struct InserviceActivity {
    core::Id record_id = 0;
    core::Date date;
    std::string member;
    std::string employer; ///< the roster's 工作单位, else the record's
    std::string kind;     ///< 登记类别
    std::string topic;    ///< 事项
    std::string place;
    std::string notes; ///< 活动情况
    std::string feedback;
};

/// Today's 协管 members in pinyin order, with their registration.
std::vector<InserviceMember> inservice_members(core::Archive& archive);
/// The register: every worker_checkin record naming a 协管 member present, by date (one line per
/// member); of `year` when given.
std::vector<InserviceActivity> inservice_register(core::Archive& archive, std::optional<int> year = {});

/// The register as a typed table (list, JSON, CSV, xlsx).
Table inservice_register_table(core::Archive& archive, std::optional<int> year = {});

struct InservicePdf {
    int pages = 0;
    int items = 0; ///< cards, register lines or activities on the sheet
};

/// One 在职党员登记卡 per 协管 member (or only `member`), for posting in the building. Error when
/// the branch has no 协管 member (or `member` is not one).
InservicePdf write_inservice_cards_pdf(core::Archive& archive, const std::filesystem::path& out, const std::string& member = {},
                                       const core::pdf::FontOptions& fonts = {});
/// The 在职党员活动登记簿 of `year` as a PDF table.
InservicePdf write_inservice_register_pdf(core::Archive& archive, int year, const std::filesystem::path& out,
                                          const core::pdf::FontOptions& fonts = {});
/// The 在职党员参与社区活动意见反馈单 of one 协管 member for `year`, addressed to the member's employer:
/// the year's activities and the community's opinion (the 反馈意见 of the year's 意见反馈 record).
/// Error when `member` is not a 协管 member.
InservicePdf write_inservice_feedback_pdf(core::Archive& archive, const std::string& member, int year,
                                          const std::filesystem::path& out, const core::pdf::FontOptions& fonts = {});

} // namespace onebook::archive
