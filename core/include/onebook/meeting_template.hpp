// Meeting-record templates: what a sector plugin says a record of each meeting type holds
// (data/meetings/*.json, DOMAIN.md §3). Core knows no meeting type; it reads them from plugins.
//
// Template document:
//   { "id": "assembly", "name": "支部党员大会", "category": "三会一课", "source": "《党支部“五化”建设》 …",
//     "attendees": "all" | "full" | "committee" | "group" | "chosen" | "none",
//     "vote": true, "quorum_base": "full" | "committee" | "none", "credits_hours": false,
//     "fields": [ { "id": "date", "label": "日期", "kind": "date", "required": true, "order": 10,
//                   "options": [..] (choice only), "help": "…" }, … ] }
// Standard field ids map to the record's typed members and must have the kind given here:
//   date (date), time (datetime: "14:30" or "14:30-16:00" on the record's date), place (text),
//   host (member, or text for an outside speaker), recorder (member), topic (text),
//   attendees (members: the attendance), group (text: the party group's name),
//   hours (hours: credited to each present attendee when credits_hours), attachments (attachments).
// Any other id is stored in the record's fields (JSON) as text.
#pragma once

#include "onebook/plugin_host.hpp"

#include <string>
#include <vector>

namespace onebook::core {

enum class FieldKind { Text, LongText, Date, DateTime, Member, Members, Number, Hours, Choice, Attachments };

/// "text", "longtext", "date", "datetime", "member", "members", "number", "hours", "choice", "attachments".
const char* to_string(FieldKind k);

/// Who is expected (应到) at a meeting of this type.
enum class AttendeeScope {
    All,       ///< every member of the branch (full and probationary) who had joined by the date
    Full,      ///< full members only
    Committee, ///< the committee in office on the date
    Group,     ///< the members of the record's party group
    Chosen,    ///< exactly the people listed (talks, volunteer services)
    None,      ///< no attendance (postings, reports)
};
const char* to_string(AttendeeScope s);

/// Whose majority a vote needs (DOMAIN.md §3: more than half).
enum class QuorumBase { None, FullMembers, Committee };
const char* to_string(QuorumBase q);

struct TemplateField {
    std::string id;
    std::string label; ///< Chinese label shown on forms and prints
    FieldKind kind = FieldKind::Text;
    bool required = false;
    int order = 0;
    std::vector<std::string> options; ///< choice only
    std::string help;
};

struct MeetingTemplate {
    std::string id;       ///< stable type id stored in records: assembly, committee…
    std::string name;     ///< 支部党员大会…
    std::string category; ///< 三会一课, 组织生活, 日常工作, 行业特色…
    std::string description;
    std::string source; ///< seed + clause
    std::string file;   ///< where it was read from
    AttendeeScope attendees = AttendeeScope::All;
    bool vote_allowed = false;
    QuorumBase quorum_base = QuorumBase::None;
    bool credits_hours = false;        ///< present attendees earn the record's hours as study hours
    std::vector<TemplateField> fields; ///< sorted by order

    const TemplateField* field(const std::string& field_id) const;
    bool has(const std::string& field_id) const { return field(field_id) != nullptr; }
};

/// Parses and checks one template document. Throws Error naming the file and the field.
MeetingTemplate parse_meeting_template(const Contribution& doc);

/// All templates a plugin contributes, sorted by file order. Throws on the first bad document
/// or on two templates with the same id.
std::vector<MeetingTemplate> load_meeting_templates(const LoadedPlugin& plugin);

/// The template whose id or Chinese name is `key`, or nullptr.
const MeetingTemplate* find_template(const std::vector<MeetingTemplate>& all, const std::string& key);
/// Like find_template, but throws an Error listing the known types.
const MeetingTemplate& require_template(const std::vector<MeetingTemplate>& all, const std::string& key);

} // namespace onebook::core
