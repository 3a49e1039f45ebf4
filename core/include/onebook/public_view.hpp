// The public view of an archive: everything a board posted on the wall may show, and nothing else.
// Board rendering receives only this struct, so private member data (ID numbers, phone numbers,
// addresses: MemberPrivate) cannot reach a board — these types have no field that could hold it.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/date.hpp"
#include "onebook/plugin_host.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

struct PublicSeat {
    std::string role; ///< 书记, 副书记, 组织委员…
    std::string name;
};

struct PublicMember {
    std::string name;
    std::string status;   ///< 正式党员 / 预备党员
    std::string group;    ///< 党小组
    std::string category; ///< 直管 / 协管 / 代管
};

/// A grade the branch received (or gave itself), with where the figure came from.
struct PublicGrade {
    int year = 0;
    std::string grade; ///< 好 / 较好 / 一般 / 较差, or 优秀 / 合格 …
    std::optional<double> score;
    bool self_assessed = false; ///< 自评 (true) or the superior's result (false)
    std::string origin;         ///< "assessment" (rubrics) or "setting" (entered for the board)
};

struct PublicRectItem {
    int index = 0;        ///< 1-based, in board order
    std::string issue;    ///< 整改事项
    std::string measures; ///< 主要措施
    std::string target;   ///< quantified target
    std::string owner;    ///< 责任人 (name only)
    Date deadline;        ///< 完成时限
    Date created_on;      ///< registered (the start of the rectification period)
    std::string progress; ///< 完成情况 text
    std::string status;   ///< 未开始 / 整改中 / 已完成 / 已销号
    bool finished = false;
    bool overdue = false;
    long days_overdue = 0;
};

/// One line of a records summary ("支部党员大会" — "4 次").
struct PublicRecordLine {
    std::string item;
    std::string value;
};

struct PublicDues {
    std::string period; ///< "2025-H1"
    std::string label;  ///< "2025年上半年"
    int members_due = 0;
    int members_paid = 0;
    std::int64_t amount_fen = 0;
    std::optional<std::int64_t> remitted_fen;
    std::string notes;
};

struct PublicView {
    Date today;               ///< the board's date
    std::string organisation; ///< 幸福里社区党支部
    std::string form;         ///< 党支部 …
    std::string sector;       ///< plugin id
    std::string superior;     ///< 上级党组织
    std::optional<Date> founded_on;
    std::vector<PublicSeat> committee;
    std::vector<PublicMember> members; ///< in roster order (by id): a board listing them sorts them by name
    int groups = 0;
    std::vector<PublicGrade> grades;           ///< latest first
    std::vector<PublicRectItem> rectification; ///< overdue first, then by deadline
    std::vector<PublicRecordLine> records;     ///< records summary for the year
    std::vector<std::string> achievements;     ///< 主要业绩, one per line
    std::vector<std::string> notices;          ///< 临时公开内容, one per line
    std::vector<PublicDues> dues;              ///< latest first
    /// Texts the secretary entered for boards (archive settings "board.<key>": issuer, contact,
    /// period, objection_start …). Public by definition: they are typed for the wall.
    std::map<std::string, std::string> fields;

    /// The latest grade (the superior's when `self_assessed` is false).
    const PublicGrade* latest_grade(bool self_assessed = false) const;
};

/// Builds the public view of the archive's home organisation on `today`. Reads the roster without
/// private fields. Grades come from the archive's assessments (the superior's final grade; the
/// self-assessment total too when `plugins` are given, as it needs the rubric), records summaries
/// from the meeting records of today's year; the board settings "grade", "self_grade" and
/// "records" (typed by the secretary) take their place when set.
PublicView make_public_view(Archive& archive, const Date& today = Date::today(), const PluginHost* plugins = nullptr);

/// Archive setting keys that hold board texts are "board." + key; these are the keys boards use.
const std::vector<std::string>& board_setting_keys();
/// What a board panel or placeholder is called ("contact" → "联系人及电话"; a msgid), for every
/// interface message: the key itself only when it has no name.
std::string board_field_label(const std::string& key);
/// Stores a board text (empty removes it). One transaction.
void set_board_setting(Archive& archive, const std::string& key, const std::string& value);

} // namespace onebook::core
