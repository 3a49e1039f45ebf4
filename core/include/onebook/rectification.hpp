// Rectification (整改, DOMAIN.md §5): every weak point becomes an item with its measures, owner,
// deadline and progress; items move open → in progress → done → closed (销号) and every change is
// kept with its date and note, in the journal. An item can come from a rules finding or an assessment deduction
// and links back to it by reference text.
#pragma once

#include "onebook/db.hpp"
#include "onebook/findings.hpp"
#include "onebook/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

enum class RectStatus { Open, InProgress, Done, Closed };

/// "open", "in_progress", "done", "closed" (stored, used in JSON).
const char* to_string(RectStatus s);
/// Chinese label as printed on boards and lists: 未开始, 整改中, 已完成, 已销号.
const char* label_zh(RectStatus s);
/// Accepts the stored names, their Chinese labels and a few common synonyms ("in-progress", "进行中").
std::optional<RectStatus> parse_rect_status(const std::string& text);

/// Where an item came from. Kept as kind + reference text so it does not depend on other tables.
struct RectSource {
    enum class Kind { None, Finding, Deduction };
    Kind kind = Kind::None;
    std::string ref; ///< Finding: Finding::ref() ("<rule_id>@<window>"); Deduction: "<year>:<item id>"

    static RectSource from_finding(const Finding& f) { return {Kind::Finding, f.ref()}; }
    /// Checks the text ("community.freq.assembly@2025-Q2" or a structural rule id); throws Error.
    static RectSource finding(const std::string& ref);
    /// Assessment year + rubric item id; throws Error for an implausible year or empty item.
    static RectSource deduction(int year, const std::string& item_id);
    /// Parses "YEAR:ITEM" (the CLI's --from-deduction); throws Error naming the text.
    static RectSource parse_deduction(const std::string& text);

    bool empty() const { return kind == Kind::None; }
    /// For deductions: the year and item parts of ref.
    int deduction_year() const;
    std::string deduction_item() const;
    /// "finding", "deduction" or "".
    const char* kind_name() const;
    /// Chinese description for lists: "检查发现 community.freq.assembly@2025-Q2", "2025 年测评扣分 3.2".
    std::string describe() const;
    bool operator==(const RectSource&) const = default;
};

struct RectificationItem {
    Id id = 0;
    Id organisation_id = 0;
    std::string issue;                 ///< 整改事项
    std::string measures;              ///< 主要措施
    std::optional<Id> owner_member_id; ///< 责任人 when a member of the roster
    std::string owner;                 ///< 责任人 as printed (the member's name or free text)
    Date deadline;                     ///< 完成时限
    std::string target;                ///< quantified target (量化目标)
    std::string progress;              ///< 完成情况 (free text)
    RectStatus status = RectStatus::Open;
    RectSource source;
    Date created_on;

    /// Past its deadline on `today` and neither done nor closed.
    bool overdue(const Date& today) const;
    /// Days past the deadline (0 when not overdue).
    long days_overdue(const Date& today) const;
    bool finished() const { return status == RectStatus::Done || status == RectStatus::Closed; }
};

/// One status change (the first entry of an item is its creation: `from` empty).
struct RectStatusChange {
    Id id = 0;
    Id item_id = 0;
    Date on;
    std::optional<RectStatus> from;
    RectStatus to = RectStatus::Open;
    std::string note;
};

/// What list() returns and in which order.
struct RectListOptions {
    bool include_closed = true;
    bool overdue_first = true; ///< overdue items first (most overdue on top), then by deadline
};

/// The rectification items of one organisation.
class Rectification {
public:
    Rectification(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id) {}

    /// Checks texts and dates; throws Error naming the field.
    static void validate(const RectificationItem& item);
    /// True for the allowed steps: open→in progress→done→closed, and done→in progress (a review,
    /// 回头看, finds the work not finished).
    static bool allowed(RectStatus from, RectStatus to);

    /// Adds an item created on `item.created_on` (set it; defaults to today when invalid) with
    /// status Open, and records its creation in the history. One transaction. Fills id.
    Id add(RectificationItem& item, const std::string& note = {});
    /// Updates texts, owner, deadline, target and progress (never the status). One transaction.
    void edit(const RectificationItem& item);
    /// Changes the status on `on` with a note; refuses steps that are not allowed, dates before
    /// the last change or after `today`, and closed items. Optionally sets 完成情况 at the same time.
    void change_status(Id id, RectStatus to, const Date& on, const std::string& note,
                       const std::optional<std::string>& progress = std::nullopt, const Date& today = Date::today());
    /// 销号: done → closed.
    void close(Id id, const Date& on, const std::string& note, const Date& today = Date::today());
    void remove(Id id);

    std::optional<RectificationItem> item(Id id);
    /// Like item(), but throws an Error naming the id when there is no such item.
    RectificationItem require(Id id);
    std::vector<RectificationItem> list(const Date& today, const RectListOptions& options = {});
    /// The item's status changes, oldest first: read from the journal (全程纪实), where every
    /// status change is one journaled UPDATE, and an undo or redo of one is a line of its own.
    std::vector<RectStatusChange> history(Id id);
    /// Items linked to `source` (the way back from a finding or a deduction).
    std::vector<RectificationItem> linked_to(const RectSource& source);
    int count_overdue(const Date& today);

private:
    /// Date of the item's latest status change (its creation when none since).
    std::optional<Date> last_status_change(Id id);
    Database& m_db;
    Id m_org;
};

} // namespace onebook::core
