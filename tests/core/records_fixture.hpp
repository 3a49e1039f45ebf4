// A small, realistic community branch for the records, plan and rules suites: nine members in
// three party groups (one probationary, one floating), a five-seat committee, the community
// plugin's templates, and a helper to add records.
#pragma once

#include "test_support.hpp"

#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/records.hpp"
#include "onebook/roster.hpp"

#include "onebook/findings.hpp"

#include <map>
#include <memory>
#include <optional>
#include <ostream>

// How Boost.Test prints our values in failure messages.
namespace onebook::core {
inline std::ostream& boost_test_print_type(std::ostream& os, const Date& d) { return os << (d.valid() ? d.iso() : "(no date)"); }
inline std::ostream& boost_test_print_type(std::ostream& os, FindingStatus s) { return os << to_string(s); }
inline std::ostream& boost_test_print_type(std::ostream& os, QuorumBase q) { return os << to_string(q); }
inline std::ostream& boost_test_print_type(std::ostream& os, AttendeeScope a) { return os << to_string(a); }
} // namespace onebook::core

namespace onebook::test {

struct Branch {
    ScratchDir dir{"onebook-records"};
    std::optional<core::Archive> archive;
    core::PluginHost plugins;
    std::vector<core::MeetingTemplate> templates;
    core::Id org = 0;
    std::map<std::string, core::Id> ids;
    core::Id term_id = 0;

    explicit Branch(const std::string& sector = "community", const std::string& form = "党支部", bool with_committee = true) {
        core::Organisation o;
        o.name = "幸福里社区党支部";
        o.sector = sector;
        o.form = form;
        o.superior_name = "幸福街道党工委";
        archive.emplace(core::Archive::create((dir / "branch.onebook").string(), o));
        org = archive->home().id;
        plugins.load_all();
        templates = core::load_meeting_templates(plugins.require(sector));
        core::Roster roster(archive->db(), org);
        struct Row {
            const char* name;
            const char* gender;
            int join_year;
            const char* group;
            const char* category;
            bool full;
        };
        static const Row rows[] = {
            {"王建国", "男", 1992, "第一党小组", "直管", true}, {"李秀兰", "女", 2001, "第一党小组", "直管", true},
            {"何平", "男", 2014, "第一党小组", "直管", true},   {"吴静", "女", 2019, "第二党小组", "直管", true},
            {"刘芳", "女", 2003, "第二党小组", "直管", true},   {"陈志强", "男", 1978, "第二党小组", "直管", true},
            {"张伟", "男", 2008, "第三党小组", "协管", true},   {"马俊", "男", 2021, "第三党小组", "代管", true},
            {"林涛", "男", 2025, "第三党小组", "直管", false},
        };
        for (const auto& r : rows) {
            core::Member m;
            m.name = r.name;
            m.gender = r.gender;
            m.birth_date = core::Date(r.join_year - 25, 4, 12);
            m.join_date = core::Date(r.join_year, 3, 1);
            if (r.full) m.full_date = core::Date(r.join_year + 1, 3, 1);
            m.status = r.full ? "正式党员" : "预备党员";
            m.category = r.category;
            m.group_id = roster.ensure_group(r.group);
            ids[r.name] = roster.add_member(m);
        }
        if (with_committee) {
            core::CommitteeTerm t;
            t.elected_on = core::Date(2023, 11, 20);
            t.term_years = 3;
            t.seats = archive::fixtures::committee_seats();
            term_id = roster.add_term(t);
        }
    }

    core::Archive& a() { return *archive; }
    core::RecordStore store() { return core::RecordStore(archive->db(), org); }
    const core::MeetingTemplate& tmpl(const std::string& id) { return core::require_template(templates, id); }

    /// Adds a valid record of `type` on `date` (today 2026-11-25 unless given); absent as name→reason.
    core::Id add(const std::string& type, const core::Date& date, std::vector<std::string> present = {},
                 std::vector<std::pair<std::string, std::string>> absent = {}, double hours = 0, bool vote = false,
                 const std::string& host = "王建国", const std::string& group = {}) {
        const auto& t = tmpl(type);
        core::Record r;
        r.type = t.id;
        r.date = date;
        r.host = host;
        r.group = group;
        r.hours = hours;
        r.vote = vote;
        for (const auto& f : t.fields) {
            if (!f.required) continue;
            if (f.id == "place") r.place = "社区党员活动室";
            else if (f.id == "recorder") r.recorder = "吴静";
            else if (f.id == "topic") r.topic = "学习贯彻党的二十届全会精神";
            else if (f.kind == core::FieldKind::Choice && !r.fields.count(f.id)) r.fields[f.id] = f.options.front();
            else if (f.kind == core::FieldKind::Number) r.fields[f.id] = "1200";
            else if (f.id == "hours" && r.hours == 0) r.hours = 2;
            else if (f.kind == core::FieldKind::Text || f.kind == core::FieldKind::LongText) {
                if (f.id != "group") r.fields[f.id] = "会议按议程进行，记录完整。";
            }
        }
        auto s = store();
        s.fill_attendance(r, t, present, absent);
        return s.add(r, t, core::Date(2026, 11, 25));
    }

    /// Sets fields of a stored record (a kind, an employer…) and its topic, as an edit would.
    void set_fields(core::Id id, const std::map<std::string, std::string>& fields, const std::string& topic = {}) {
        auto s = store();
        auto r = *s.get(id);
        for (const auto& [k, v] : fields) r.fields[k] = v;
        if (!topic.empty()) r.topic = topic;
        s.update(r, tmpl(r.type), core::Date(2026, 11, 25));
    }
};

} // namespace onebook::test
