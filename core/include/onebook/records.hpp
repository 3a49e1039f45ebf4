// Meeting and activity records (会议记录 / 活动记录): the store, validation against the sector's
// template, attendance (应到/实到/缺席) and quorum (DOMAIN.md §3).
#pragma once

#include "onebook/db.hpp"
#include "onebook/error.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/model.hpp"
#include "onebook/roster.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// One expected attendee of a record.
struct Attendance {
    std::optional<Id> member_id; ///< filled from the roster by name when the record is stored
    std::string name;
    bool present = true;
    std::string reason; ///< 请假原因 when absent
};

/// 应到 / 实到 / 缺席 and the attendance rate.
struct AttendanceSummary {
    int expected = 0;
    int present = 0;
    int absent = 0;
    /// present / expected, 0..1 (0 when nobody is expected).
    double rate() const { return expected ? static_cast<double>(present) / expected : 0.0; }
    /// "95.0%" or "—" when nobody is expected.
    std::string rate_text() const;
};

struct Record {
    Id id = 0;
    Id organisation_id = 0;
    std::string type;      ///< template id
    std::string type_name; ///< template name (filled from the template when stored)
    Date date;
    std::string time; ///< "14:30" or "14:30-16:00"
    std::string place;
    std::string host;
    std::optional<Id> host_id;
    std::string recorder;
    std::optional<Id> recorder_id;
    std::string topic;
    std::string group; ///< party group name (党小组会)
    std::optional<Id> group_id;
    double hours = 0;                          ///< 学时 credited to each present attendee (credits_hours types)
    bool vote = false;                         ///< a vote was taken (表决)
    std::optional<bool> quorum_met;            ///< set when stored: nullopt without a vote
    std::map<std::string, std::string> fields; ///< the template's other fields, as text
    std::vector<Attendance> attendance;
    std::vector<std::string> attachments; ///< paths (the archive issue will store the files)

    AttendanceSummary summary() const;
    /// A vote taken without quorum (flag shown on lists and checked by the rules engine).
    bool flagged() const { return vote && quorum_met && !*quorum_met; }
    /// Value of a standard or extra field by template field id, as text.
    std::string value(const std::string& field_id) const;
};

/// One problem with a record: the template field it concerns and a message.
struct RecordProblem {
    std::string field;
    Message message;
};

/// Thrown when a record does not pass validation: carries every problem found.
class RecordInvalid : public Error {
public:
    explicit RecordInvalid(std::vector<RecordProblem> problems);
    const std::vector<RecordProblem>& problems() const { return m_problems; }

private:
    std::vector<RecordProblem> m_problems;
};

/// Result of a quorum check (more than half of the base present).
struct QuorumResult {
    QuorumBase base = QuorumBase::None;
    int base_count = 0; ///< full members (assembly) or committee members (committee) on the date
    int present = 0;    ///< of those, present
    int needed = 0;     ///< base_count / 2 + 1
    bool met() const { return base == QuorumBase::None || present * 2 > base_count; }
};

/// Full (正式) member on `on`: full_date on or before it, or status 正式党员 without a full date.
bool full_member_on(const Member& m, const Date& on);
/// Member of the branch on `on`: joined on or before it (or join date unknown).
bool member_on(const Member& m, const Date& on);

class RecordStore {
public:
    RecordStore(Database& db, Id organisation_id) : m_db(db), m_org(organisation_id), m_roster(db, organisation_id) {}

    Roster& roster() { return m_roster; }

    /// Who is expected at a meeting of this type on `on` (group: the group's members).
    std::vector<Member> expected_attendees(const MeetingTemplate& t, const Date& on, std::optional<Id> group_id = {});

    /// Builds the attendance of `r` from the template's scope: members in `present` are present,
    /// `absent` maps names to their reasons, and any other expected member is present when
    /// `present` is empty (everyone came but the absent) or absent without a reason otherwise.
    /// For Chosen scope the attendance is exactly `present` + `absent`. Unknown names are kept
    /// so that validation can report them.
    void fill_attendance(Record& r, const MeetingTemplate& t, const std::vector<std::string>& present,
                         const std::vector<std::pair<std::string, std::string>>& absent);

    /// Every problem of `r` against `t`: required fields, dates (not after `today`), choices,
    /// numbers, host/recorder/member fields in the roster, attendees who are members, a vote only
    /// where the template allows one. Empty when the record is fine.
    std::vector<RecordProblem> validate(const Record& r, const MeetingTemplate& t, const Date& today = Date::today());

    /// The quorum of `r` from the roster on its date.
    QuorumResult quorum(const Record& r, const MeetingTemplate& t);

    /// Validates (throws RecordInvalid listing every problem), resolves member and group ids,
    /// computes the quorum flag and stores the record in one transaction. Sets r.id.
    Id add(Record& r, const MeetingTemplate& t, const Date& today = Date::today());
    /// Replaces a stored record (same checks as add). Throws Error when r.id is unknown.
    void update(Record& r, const MeetingTemplate& t, const Date& today = Date::today());
    void remove(Id id);
    std::optional<Record> get(Id id);
    /// Records sorted by date (then id); `year` and `type` (template id) filter when given.
    std::vector<Record> list(std::optional<int> year = {}, const std::string& type = {});
    /// Records dated in [from, to], of the given types (all when empty), sorted by date.
    std::vector<Record> between(const Date& from, const Date& to, const std::vector<std::string>& types = {});
    int count(int year, const std::string& type = {});

private:
    void write(Record& r, const MeetingTemplate& t, const Date& today, bool insert);
    std::vector<Record> query(const std::string& where, const std::vector<std::string>& binds);

    Database& m_db;
    Id m_org;
    Roster m_roster;
};

} // namespace onebook::core
