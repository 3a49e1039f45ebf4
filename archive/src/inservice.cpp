#include "onebook/archive/inservice.hpp"

#include "onebook/error.hpp"
#include "onebook/pdf/writer.hpp"
#include "onebook/records.hpp"
#include "onebook/roster.hpp"

#include <algorithm>
#include <map>

namespace fs = std::filesystem;
namespace pdf = onebook::core::pdf;

namespace onebook::archive {

namespace {

constexpr const char* kCheckin = "worker_checkin";
constexpr const char* kCategory = "协管";
constexpr const char* kSource =
    "《在全市社区工作会议上的讲话》：“协管好驻区的”，就是建立完善一卡、一薄、一单制度，加强对驻区在职党员的双重管理";

std::vector<core::Member> inservice_roster(core::Archive& archive) {
    core::MemberFilter filter;
    filter.category = kCategory;
    return core::Roster(archive.db(), archive.home().id).members(filter);
}

const core::Member& require_member(const std::vector<core::Member>& members, const std::string& name) {
    for (const auto& m : members)
        if (m.name == name) return m;
    throw core::Error(OB_N("“{name}”不是本支部的在职党员（协管）；在职党员登记卡和反馈单只为协管党员制作"), {{"name", name}},
                      {{}, {}, "member"});
}

/// The 工作单位: the roster's, else the unit part of 工作单位及职务 ("市自来水公司 工程师").
std::string employer_of(const core::Member& m) {
    if (!m.employer.empty()) return m.employer;
    const auto& w = m.workplace_post;
    auto cut = std::min(w.find(' '), w.find("　"));
    return cut == std::string::npos ? w : w.substr(0, cut);
}

pdf::WriterOptions options(core::Archive& archive, const std::string& title, const pdf::FontOptions& fonts) {
    pdf::WriterOptions o;
    o.page = pdf::PageSize::a4();
    o.margin_mm = 20;
    o.fonts = fonts;
    o.body_size = 11;
    o.decorate = pdf::page_number_footer();
    o.title = title;
    o.author = archive.home().name;
    o.subject = "一卡一簿一单";
    return o;
}

InservicePdf save(pdf::Writer& w, const fs::path& out, int items) {
    w.save(out);
    return {w.layout().pages, items};
}

} // namespace

std::vector<InserviceMember> inservice_members(core::Archive& archive) {
    std::vector<InserviceMember> out;
    auto records = core::RecordStore(archive.db(), archive.home().id).list({}, kCheckin);
    std::sort(records.begin(), records.end(), [](const core::Record& a, const core::Record& b) { return a.date < b.date; });
    for (auto& m : inservice_roster(archive)) {
        InserviceMember x{m, {}, {}};
        for (const auto& r : records) {
            if (r.value("checkin_kind") != checkin_card) continue;
            bool named = std::any_of(r.attendance.begin(), r.attendance.end(),
                                     [&](const core::Attendance& a) { return a.present && a.name == m.name; });
            if (!named) continue;
            x.registered_on = r.date;
            x.registered_topic = r.topic;
            break;
        }
        out.push_back(std::move(x));
    }
    return out;
}

std::vector<InserviceActivity> inservice_register(core::Archive& archive, std::optional<int> year) {
    std::map<std::string, const core::Member*> by_name;
    auto members = inservice_roster(archive);
    for (const auto& m : members) by_name[m.name] = &m;
    auto records = core::RecordStore(archive.db(), archive.home().id).list(year, kCheckin);
    std::stable_sort(records.begin(), records.end(),
                     [](const core::Record& a, const core::Record& b) { return a.date < b.date; });
    std::vector<InserviceActivity> out;
    for (const auto& r : records)
        for (const auto& a : r.attendance) {
            auto m = by_name.find(a.name);
            if (!a.present || m == by_name.end()) continue;
            // One record may list several members' employers: the roster names this member's own.
            std::string employer = employer_of(*m->second);
            if (employer.empty()) employer = r.value("employer");
            out.push_back({r.id, r.date, a.name, employer, r.value("checkin_kind"), r.topic, r.place, r.value("minutes"),
                           r.value("feedback")});
        }
    return out;
}

Table inservice_register_table(core::Archive& archive, std::optional<int> year) {
    Table t;
    t.key = "inservice_register";
    t.title = {OB_N("在职党员活动登记簿"), {}};
    t.organisation = archive.home().name;
    t.date = core::Date::today();
    t.columns = {{"date", OB_N("日期"), CellType::Date},         {"member", OB_N("姓名"), CellType::Text},
                 {"employer", OB_N("工作单位"), CellType::Text}, {"kind", OB_N("登记类别"), CellType::Text},
                 {"topic", OB_N("事项"), CellType::Text},        {"place", OB_N("地点"), CellType::Text},
                 {"record", OB_N("记录编号"), CellType::Integer}};
    for (const auto& a : inservice_register(archive, year))
        t.add_row({a.date, a.member, a.employer, a.kind, a.topic, a.place, static_cast<long long>(a.record_id)});
    t.notes.push_back({OB_N("在职党员（协管）报到、参加社区活动和意见反馈的记录，取自“在职党员报到”记录"), {}});
    return t;
}

InservicePdf write_inservice_cards_pdf(core::Archive& archive, const fs::path& out, const std::string& member,
                                       const pdf::FontOptions& fonts) {
    auto all = inservice_members(archive);
    std::vector<InserviceMember> cards;
    for (auto& m : all)
        if (member.empty() || m.member.name == member) cards.push_back(m);
    if (!member.empty() && cards.empty()) {
        std::vector<core::Member> plain;
        for (const auto& m : all) plain.push_back(m.member);
        require_member(plain, member);
    }
    if (cards.empty()) throw core::Error(OB_N("本支部名册中没有在职党员（协管），没有可制作的登记卡"), {}, {{}, {}, "member"});
    auto org = archive.home();
    pdf::Writer w(options(archive, "在职党员登记卡", fonts));
    bool first = true;
    for (const auto& c : cards) {
        if (!first) w.page_break();
        first = false;
        w.title("在职党员登记卡", {.size = 2.0, .space_after = 0.6});
        // Posted in the building: the roster's public fields only.
        w.fields({{"姓名", c.member.name},
                  {"性别", c.member.gender},
                  {"工作单位及职务", c.member.workplace_post.empty() ? employer_of(c.member) : c.member.workplace_post},
                  {"党员类别", "在职党员（协管）"},
                  {"报到社区党组织", org.name},
                  {"报到日期", c.registered_on ? c.registered_on->iso() : "（尚未登记报到）"}},
                 2, 1.1);
        w.spacer(0.6);
        if (!c.registered_topic.empty()) w.paragraph("报到事项：" + c.registered_topic, pdf::ParagraphStyle::body());
        w.paragraph("本人是中共党员，已到居住地社区党组织报到，自觉参加社区活动，接受社区党组织和居民群众的监督。",
                    pdf::ParagraphStyle::body());
        w.spacer(1.2);
        w.signature({org.name, core::Date::today().iso()});
        w.spacer(0.8);
        w.paragraph(kSource, pdf::ParagraphStyle::small());
    }
    return save(w, out, static_cast<int>(cards.size()));
}

InservicePdf write_inservice_register_pdf(core::Archive& archive, int year, const fs::path& out, const pdf::FontOptions& fonts) {
    auto lines = inservice_register(archive, year);
    auto o = options(archive, "在职党员活动登记簿 " + std::to_string(year), fonts);
    o.page = pdf::PageSize::a4().with_orientation(pdf::Orientation::landscape);
    pdf::Writer w(o);
    w.title("在职党员活动登记簿", {.size = 1.8, .color = pdf::colors::black, .space_after = 0.4});
    w.fields({{"社区党组织", archive.home().name}, {"年度", std::to_string(year)}}, 2, 0.95);
    w.spacer(0.3);
    pdf::Table t;
    t.size = 0.9;
    t.stretch = false;
    t.zebra = false;
    t.header_fill = pdf::colors::light_grey;
    t.header_text = pdf::colors::black;
    t.columns = {{"序号", 0.45, pdf::Align::center},  {"日期", 1.0, pdf::Align::center},   {"姓名", 0.8, pdf::Align::left},
                 {"工作单位", 2.0, pdf::Align::left}, {"登记类别", 1.5, pdf::Align::left}, {"事项", 2.4, pdf::Align::left},
                 {"活动情况", 3.0, pdf::Align::left}};
    int n = 0;
    for (const auto& a : lines)
        t.rows.push_back({{std::to_string(++n), a.date.iso(), a.member, a.employer, a.kind, a.topic, a.notes}});
    if (lines.empty()) t.rows.push_back({{"", "", "", "", "", "本年度没有在职党员活动记录", ""}, pdf::RowStyle::muted});
    w.table(t);
    w.paragraph(kSource, pdf::ParagraphStyle::small());
    return save(w, out, static_cast<int>(lines.size()));
}

InservicePdf write_inservice_feedback_pdf(core::Archive& archive, const std::string& member, int year, const fs::path& out,
                                          const pdf::FontOptions& fonts) {
    auto members = inservice_roster(archive);
    const auto& m = require_member(members, member);
    std::vector<InserviceActivity> acts, feedback;
    for (auto& a : inservice_register(archive, year)) {
        if (a.member != member) continue;
        (a.kind == checkin_feedback ? feedback : acts).push_back(a);
    }
    auto org = archive.home();
    pdf::Writer w(options(archive, "在职党员参与社区活动意见反馈单 " + member + " " + std::to_string(year), fonts));
    w.title("在职党员参与社区活动意见反馈单", {.size = 1.7, .color = pdf::colors::black, .space_after = 0.5});
    std::string employer = employer_of(m);
    w.paragraph((employer.empty() ? std::string("＿＿＿＿") : employer) + "党组织：", {.size = 1.0, .align = pdf::Align::left});
    w.paragraph("贵单位党员" + member + "同志" + std::to_string(year) + "年度在本社区参加活动的情况反馈如下：",
                pdf::ParagraphStyle::body());
    w.fields({{"姓名", member}, {"性别", m.gender}, {"工作单位及职务", m.workplace_post}, {"年度", std::to_string(year)}}, 2,
             1.0);
    w.spacer(0.4);
    pdf::Table t;
    t.size = 0.9;
    t.zebra = false;
    t.header_fill = pdf::colors::light_grey;
    t.header_text = pdf::colors::black;
    t.columns = {{"日期", 1.0, pdf::Align::center},
                 {"登记类别", 1.5, pdf::Align::left},
                 {"事项", 2.2, pdf::Align::left},
                 {"活动情况", 2.8, pdf::Align::left}};
    for (const auto& a : acts) t.rows.push_back({{a.date.iso(), a.kind, a.topic, a.notes}});
    if (acts.empty()) t.rows.push_back({{"", "", "本年度没有参加社区活动的记录", ""}, pdf::RowStyle::muted});
    w.table(t);
    w.spacer(0.4);
    std::string opinion;
    for (const auto& f : feedback)
        if (!f.feedback.empty()) opinion = f.feedback;
    w.paragraph("社区党组织意见：" + (opinion.empty() ? std::string("（本年度尚未填写反馈意见）") : opinion),
                pdf::ParagraphStyle::body());
    w.paragraph("请贵单位党组织将本反馈单作为该同志年度考核、考察、评比的依据之一。", pdf::ParagraphStyle::body());
    w.spacer(1.0);
    w.signature({org.name + "（盖章）", core::Date::today().iso()});
    w.spacer(0.6);
    w.paragraph(std::string(kSource) + "；还制定“在职党员参与社区活动意见反馈单”，将党员在社区的表现反馈到所在单位",
                pdf::ParagraphStyle::small());
    return save(w, out, static_cast<int>(acts.size()));
}

} // namespace onebook::archive
