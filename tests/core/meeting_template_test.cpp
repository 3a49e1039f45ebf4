// Meeting-record templates: every plugin's templates load, shared types are identical across the
// five sectors, each sector has its own, and malformed templates are refused with file and field.
#include "records_fixture.hpp"

#include "onebook/error.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/rules.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>

using namespace onebook;

namespace {

const std::vector<std::string> kSectors = {"community", "village", "organ", "enterprise", "eduhealth"};
const std::vector<std::string> kCommon = {"assembly",  "committee",       "group",     "lecture", "org_life",
                                          "appraisal", "democratic_life", "theme_day", "talk",    "study",
                                          "report",    "dues_disclosure", "volunteer"};

std::string shape(const core::MeetingTemplate& t) {
    std::ostringstream s;
    s << t.id << '|' << t.name << '|' << to_string(t.attendees) << '|' << t.vote_allowed << '|' << to_string(t.quorum_base) << '|'
      << t.credits_hours << '|' << t.source;
    for (const auto& f : t.fields)
        s << ';' << f.id << ',' << f.label << ',' << to_string(f.kind) << ',' << f.required << ',' << f.order;
    return s.str();
}

core::Error parse_error(const std::string& json) {
    try {
        core::parse_meeting_template({"/plugins/x/data/meetings/bad.json", json});
    } catch (const core::Error& e) { return e; }
    BOOST_FAIL("template was accepted: " << json);
    throw std::logic_error("unreachable");
}

const char* kGood =
    R"({"id":"assembly","name":"支部党员大会","source":"《党支部“五化”建设》","attendees":"all","vote":true,"quorum_base":"full",
 "fields":[{"id":"date","label":"日期","kind":"date","required":true,"order":10},
           {"id":"attendees","label":"参会人员","kind":"members","required":true,"order":20},
           {"id":"minutes","label":"会议内容","kind":"longtext","required":true,"order":30}]})";

std::string with(const std::string& from, const std::string& to) {
    std::string s = kGood;
    auto p = s.find(from);
    BOOST_REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
}

} // namespace

BOOST_AUTO_TEST_CASE(every_plugin_carries_all_meeting_types_and_its_own) {
    core::PluginHost host;
    host.load_all();
    std::map<std::string, std::string> first_shape;
    const std::map<std::string, std::vector<std::string>> own = {
        {"community", {"joint_meeting", "worker_checkin", "member_report", "committee_report"}},
        {"village", {"disclosure_day", "post_duty"}},
        {"organ", {"dual_review"}},
        {"enterprise", {"coverage"}},
        {"eduhealth", {"ethics"}}};
    for (const auto& sector : kSectors) {
        BOOST_TEST_CONTEXT(sector) {
            const auto& plugin = host.require(sector);
            auto templates = core::load_meeting_templates(plugin);
            BOOST_TEST(templates.size() == kCommon.size() + own.at(sector).size());
            for (const auto& id : kCommon) {
                const auto* t = core::find_template(templates, id);
                BOOST_REQUIRE_MESSAGE(t, sector << " lacks " << id);
                // Shared types come once from the sector base, so every sector sees the same shape.
                auto s = shape(*t);
                if (!first_shape.count(id)) first_shape[id] = s;
                BOOST_TEST(s == first_shape[id]);
                BOOST_TEST(t->has("date"));
                BOOST_TEST(!t->source.empty());
            }
            for (const auto& id : own.at(sector)) BOOST_CHECK_MESSAGE(core::find_template(templates, id) != nullptr, id);
            // Rules load and only refer to the plugin's own templates (load_rules checks that).
            auto rules = core::load_rules(plugin);
            BOOST_TEST(rules.size() >= 18u);
            for (const auto& r : rules) {
                BOOST_CHECK_MESSAGE(r.id.rfind(sector + ".", 0) == 0u, r.id);
                BOOST_CHECK_MESSAGE(r.source.find("《") != std::string::npos || r.source.find("DOMAIN") != std::string::npos,
                                    r.id);
            }
        }
    }
    // The quorum settings of DOMAIN.md §3.
    auto t = core::load_meeting_templates(host.require("community"));
    BOOST_TEST(core::find_template(t, "支部党员大会")->quorum_base == core::QuorumBase::FullMembers);
    BOOST_TEST(core::find_template(t, "支部委员会会议")->quorum_base == core::QuorumBase::Committee);
    BOOST_TEST(core::find_template(t, "支部委员会会议")->attendees == core::AttendeeScope::Committee);
    BOOST_TEST(core::find_template(t, "党小组会")->attendees == core::AttendeeScope::Group);
    BOOST_TEST(core::find_template(t, "集体学习")->credits_hours);
    BOOST_TEST(!core::find_template(t, "主题党日")->vote_allowed);
    BOOST_CHECK_THROW(core::require_template(t, "茶话会"), core::Error);
}

BOOST_AUTO_TEST_CASE(fields_are_sorted_by_order) {
    auto t = core::parse_meeting_template(
        {"a.json", with(R"({"id":"date","label":"日期","kind":"date","required":true,"order":10})",
                        R"({"id":"date","label":"日期","kind":"date","required":true,"order":99})")});
    BOOST_TEST(t.fields.back().id == "date");
    BOOST_TEST(t.fields.front().id == "attendees");
}

BOOST_AUTO_TEST_CASE(malformed_templates_name_the_file_and_the_field) {
    struct Case {
        std::string json;
        std::string field;
    };
    const std::vector<Case> cases = {
        {with(R"("id":"assembly",)", ""), "id"},
        {with(R"("id":"assembly")", R"("id":"Assembly Meeting")"), "id"},
        {with(R"("source":"《党支部“五化”建设》",)", ""), "source"},
        {with(R"("attendees":"all")", R"("attendees":"everyone")"), "attendees"},
        {with(R"(,"quorum_base":"full")", ""), "quorum_base"},
        {with(R"("kind":"longtext")", R"("kind":"essay")"), "fields[2].kind"},
        {with(R"("id":"minutes")", R"("id":"attendees")"), "fields[2].id"},
        {with(R"("kind":"members")", R"("kind":"text")"), "fields[1].kind"},
        {with(R"("order":30})", R"("order":"thirty"})"), "fields[2].order"},
        {with(R"({"id":"minutes","label":"会议内容","kind":"longtext")", R"({"id":"minutes","label":"会议内容","kind":"choice")"),
         "fields[2].options"},
        {with(R"({"id":"date","label":"日期","kind":"date","required":true,"order":10},)", ""), "fields.date"},
        {with(R"({"id":"attendees","label":"参会人员","kind":"members","required":true,"order":20},)", ""), "fields.attendees"},
        {with(R"("attendees":"all")", R"("attendees":"group")"), "fields.group"},
        {with(R"("vote":true)", R"("vote":true,"credits_hours":true)"), "fields.hours"},
        {with(R"("vote":true)", R"("vote":"yes")"), "vote"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.field) {
            auto e = parse_error(c.json);
            BOOST_TEST(e.where().file == "/plugins/x/data/meetings/bad.json");
            BOOST_TEST(e.where().field == c.field);
            BOOST_TEST(std::string(e.what()).find("bad.json") != std::string::npos);
        }
    }
    BOOST_TEST(std::string(parse_error("{ not json").what()).find("不是有效的 JSON") != std::string::npos);
}
