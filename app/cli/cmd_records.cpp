// Commands of meeting records, the yearly plan and the rules check:
// record templates|add|list|show|remove, meeting add|list (aliases), plan set|show, check.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/tables.hpp"
#include "onebook/json_text.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/numbers.hpp"
#include "onebook/plan.hpp"
#include "onebook/records.hpp"
#include "onebook/rules.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/JSON/Parser.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <typeinfo>

namespace onebook::cli {

namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::string s = text;
    for (const char* sep : {"，", "、"})
        for (auto p = s.find(sep); p != std::string::npos; p = s.find(sep)) s.replace(p, std::string(sep).size(), ",");
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ',')) {
        auto b = part.find_first_not_of(' ');
        auto e = part.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    }
    return out;
}

core::Date today_of(const Context& ctx) {
    // --today pins "today" (reproducible checks, tests); the default is the system date.
    return date_option(ctx.args(), "today", core::Date::today());
}

const core::LoadedPlugin& archive_plugin(Context& ctx) { return ctx.plugins().require(ctx.archive().home().sector); }

void print_problems(Context& ctx, const core::RecordInvalid& e) {
    ctx.err << _("错误") << ": "
            << core::substitute(_("会议记录有 {count} 处问题，未保存："), {{"count", std::to_string(e.problems().size())}})
            << "\n";
    for (const auto& p : e.problems()) ctx.err << "  - " << app::tr(p.message) << "\n";
}

std::string scope_text(core::AttendeeScope s) {
    switch (s) {
    case core::AttendeeScope::All: return _("全体党员");
    case core::AttendeeScope::Full: return _("正式党员");
    case core::AttendeeScope::Committee: return _("支委会成员");
    case core::AttendeeScope::Group: return _("本党小组党员");
    case core::AttendeeScope::Chosen: return _("指定人员");
    case core::AttendeeScope::None: return _("不登记");
    }
    return {};
}

std::string quorum_text(core::QuorumBase q) {
    switch (q) {
    case core::QuorumBase::FullMembers: return _("正式党员过半数");
    case core::QuorumBase::Committee: return _("支委过半数");
    case core::QuorumBase::None: return "";
    }
    return {};
}

// ---------------------------------------------------------------- record templates

int cmd_templates(Context& ctx) {
    const core::LoadedPlugin* plugin = nullptr;
    if (ctx.args().has("sector")) plugin = &ctx.plugins().require(ctx.args().get("sector"));
    else if (!ctx.archive_path().empty()) plugin = &archive_plugin(ctx);
    else plugin = &ctx.plugins().require("community");
    auto templates = core::load_meeting_templates(*plugin);
    std::string only = ctx.args().get("type");
    if (!wants_report(ctx)) {
        // Two tables: the templates, and their fields (one row a field of a template).
        archive::Table list;
        list.key = "templates";
        list.title = {OB_N("会议记录模板"), {}};
        list.date = core::Date::today();
        using archive::CellType;
        list.columns = {{"id", OB_N("类型"), CellType::Text},
                        {"name", OB_N("名称"), CellType::Text},
                        {"category", OB_N("类别"), CellType::Text},
                        {"attendees", OB_N("应到人员"), CellType::Text},
                        {"vote", OB_N("表决"), CellType::Text, true},
                        {"quorum_base", OB_N("表决法定人数"), CellType::Text},
                        {"credits_hours", OB_N("计学时"), CellType::Text, true},
                        {"fields", OB_N("字段数"), CellType::Integer},
                        {"source", OB_N("依据"), CellType::Text}};
        archive::Table fields;
        fields.key = "template_fields";
        fields.title = {OB_N("模板字段"), {}};
        fields.date = list.date;
        fields.columns = {{"template", OB_N("类型"), CellType::Text},       {"id", OB_N("字段"), CellType::Text},
                          {"label", OB_N("名称"), CellType::Text, true},    {"kind", OB_N("字段类型"), CellType::Text},
                          {"required", OB_N("必填"), CellType::Text, true}, {"order", OB_N("顺序"), CellType::Integer},
                          {"options", OB_N("选项"), CellType::Text},        {"help", OB_N("说明"), CellType::Text}};
        for (const auto& t : templates) {
            if (!only.empty() && t.id != only && t.name != only) continue;
            list.add_row({t.id, t.name, archive::text_value(t.category), scope_text(t.attendees),
                          std::string(t.vote_allowed ? OB_N("可以表决") : OB_N("不表决")),
                          archive::text_value(t.vote_allowed ? quorum_text(t.quorum_base) : ""),
                          std::string(t.credits_hours ? OB_N("是") : OB_N("否")), static_cast<long long>(t.fields.size()),
                          archive::text_value(t.source)});
            for (const auto& f : t.fields) {
                std::string options;
                for (const auto& x : f.options) options += (options.empty() ? "" : "/") + x;
                fields.add_row({t.id, f.id, f.label, std::string(core::to_string(f.kind)),
                                std::string(f.required ? OB_N("是") : OB_N("否")), static_cast<long long>(f.order),
                                archive::text_value(options), archive::text_value(f.help)});
            }
        }
        return emit_tables(ctx, {list, fields});
    }
    if (!only.empty()) {
        const auto& t = core::require_template(templates, only);
        ctx.out << t.name << "（" << t.id << "，" << t.category << "）\n"
                << _("应到人员") << ": " << scope_text(t.attendees) << "\n"
                << _("表决") << ": " << (t.vote_allowed ? _("可以表决") + "，" + quorum_text(t.quorum_base) : _("不表决")) << "\n"
                << _("计入学时") << ": " << (t.credits_hours ? _("是") : _("否")) << "\n"
                << _("依据") << ": " << t.source << "\n\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : t.fields)
            rows.push_back(
                {f.id, app::tr(f.label), core::to_string(f.kind), f.required ? _("必填") : "", f.options.empty() ? f.help : [&] {
                     std::string o;
                     for (const auto& x : f.options) o += (o.empty() ? "" : "/") + x;
                     return o;
                 }()});
        print_table(ctx.out, {_("字段"), _("名称"), _("类型"), _("必填"), _("说明")}, rows);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : templates)
        rows.push_back({t.id, t.name, t.category, scope_text(t.attendees), t.vote_allowed ? quorum_text(t.quorum_base) : "",
                        t.credits_hours ? _("是") : "", std::to_string(t.fields.size())});
    ctx.out << core::substitute(_("{sector} 插件的会议记录模板（{count} 种）"),
                                {{"sector", plugin->manifest().name_zh}, {"count", std::to_string(templates.size())}})
            << "\n";
    print_table(ctx.out, {_("类型"), _("名称"), _("类别"), _("应到人员"), _("表决法定人数"), _("计学时"), _("字段数")}, rows);
    return 0;
}

// ---------------------------------------------------------------- record add

struct Draft {
    core::Record record;
    std::vector<std::string> present;
    std::vector<std::pair<std::string, std::string>> absent;
};

std::pair<std::string, std::string> absent_item(const std::string& item) {
    for (const char* sep : {"：", ":"}) {
        auto p = item.find(sep);
        if (p != std::string::npos) return {item.substr(0, p), item.substr(p + std::string(sep).size())};
    }
    return {item, ""};
}

// The JSON form of `record add FILE.json` (see the usage text).
Draft draft_from_json(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw core::Error(OB_N("文件 {file} 不存在或无法读取"), {{"file", file}}, {file, {}, {}});
    std::error_code size_ec;
    if (std::filesystem::file_size(file, size_ec) > onebook::core::limits::data_file)
        throw core::Error(OB_N("{file} 过大（超过 {max} MB），不是一条会议记录"),
                          {{"file", file}, {"max", std::to_string(onebook::core::limits::data_file >> 20)}}, {file, {}, {}});
    std::ostringstream ss;
    ss << in.rdbuf();
    Poco::JSON::Object::Ptr o;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(onebook::core::limits::json_depth);
        o = parser.parse(ss.str()).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        throw core::Error(OB_N("{file} 不是有效的 JSON 对象：{reason}"), {{"file", file}, {"reason", e.what()}}, {file, {}, {}});
    }
    if (!o)
        throw core::Error(OB_N("{file} 不是有效的 JSON 对象：{reason}"), {{"file", file}, {"reason", "null"}}, {file, {}, {}});
    Draft d;
    std::string field; // the member being read, for messages
    try {
        auto& r = d.record;
        auto text = [&](const char* key) {
            field = key;
            return o->has(key) && !o->isNull(key) ? o->get(key).convert<std::string>() : std::string();
        };
        r.type = text("type");
        if (r.type.empty())
            throw core::Error(OB_N("{file} 缺少字段“{field}”"), {{"file", file}, {"field", "type"}}, {file, {}, "type"});
        std::string date = text("date");
        if (!date.empty()) {
            auto parsed = core::Date::parse(date);
            if (!parsed)
                throw core::Error(OB_N("{file}：日期“{value}”无法识别或不存在"), {{"file", file}, {"value", date}},
                                  {file, {}, "date"});
            r.date = *parsed;
        }
        r.time = text("time");
        r.place = text("place");
        r.host = text("host");
        r.recorder = text("recorder");
        r.topic = text("topic");
        r.group = text("group");
        field = "hours";
        if (o->has("hours")) r.hours = o->get("hours").convert<double>();
        field = "vote";
        if (o->has("vote")) r.vote = o->get("vote").convert<bool>();
        field = "present";
        if (o->has("present")) {
            if (o->isArray("present")) {
                auto arr = o->getArray("present");
                for (std::size_t i = 0; i < arr->size(); ++i)
                    d.present.push_back(arr->get(static_cast<unsigned>(i)).convert<std::string>());
            } else if (text("present") != "all") {
                d.present = split_list(text("present"));
            }
        }
        field = "absent";
        if (o->has("absent")) {
            if (o->isArray("absent")) {
                auto arr = o->getArray("absent");
                for (std::size_t i = 0; i < arr->size(); ++i) {
                    if (auto item = arr->getObject(static_cast<unsigned>(i)))
                        d.absent.push_back({item->optValue<std::string>("name", ""), item->optValue<std::string>("reason", "")});
                    else d.absent.push_back(absent_item(arr->get(static_cast<unsigned>(i)).convert<std::string>()));
                }
            } else if (auto obj = o->getObject("absent")) {
                for (const auto& [k, v] : *obj) d.absent.push_back({k, v.convert<std::string>()});
            }
        }
        field = "fields";
        if (o->has("fields"))
            if (auto fields = o->getObject("fields"))
                for (const auto& [k, v] : *fields) {
                    field = "fields." + k;
                    r.fields[k] = v.isEmpty() ? "" : v.convert<std::string>();
                }
        field = "attachments";
        if (o->has("attachments") && o->isArray("attachments")) {
            auto arr = o->getArray("attachments");
            for (std::size_t i = 0; i < arr->size(); ++i)
                r.attachments.push_back(arr->get(static_cast<unsigned>(i)).convert<std::string>());
        }
    } catch (const Poco::Exception& e) {
        throw core::Error(OB_N("{file} 的字段“{field}”的值无效：{reason}"),
                          {{"file", file}, {"field", field}, {"reason", e.displayText()}}, {file, {}, field});
    } catch (const std::bad_cast&) {
        throw core::Error(OB_N("{file} 的字段“{field}”的值无效：{reason}"),
                          {{"file", file}, {"field", field}, {"reason", "wrong type"}}, {file, {}, field});
    }
    return d;
}

Draft draft_from_options(const Args& a) {
    Draft d;
    auto& r = d.record;
    r.type = a.require("type");
    r.date = date_option(a, "date");
    r.time = a.get("time");
    r.place = a.get("place");
    r.host = a.get("host");
    r.recorder = a.get("recorder");
    r.topic = a.get("topic");
    r.group = a.get("group");
    if (a.has("hours")) r.hours = number_value("hours", a.get("hours"));
    r.vote = a.has("vote");
    for (const auto& p : a.all("present"))
        if (p != "all")
            for (auto& n : split_list(p)) d.present.push_back(n);
    for (const auto& v : a.all("absent"))
        for (const auto& item : split_list(v)) d.absent.push_back(absent_item(item));
    for (const auto& kv : a.all("field")) {
        auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            throw core::Error(OB_N("选项 --field 应写作 字段=值，而不是“{value}”"), {{"value", kv}});
        r.fields[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& p : a.all("attach")) r.attachments.push_back(p);
    return d;
}

int cmd_record_add(Context& ctx) {
    auto& archive = ctx.archive();
    auto templates = core::load_meeting_templates(archive_plugin(ctx));
    Draft d = ctx.args().positional(0).empty() ? draft_from_options(ctx.args()) : draft_from_json(ctx.args().positional(0));
    const auto& t = core::require_template(templates, d.record.type);
    core::RecordStore store(archive.db(), archive.home().id);
    store.fill_attendance(d.record, t, d.present, d.absent);
    try {
        store.add(d.record, t, today_of(ctx));
    } catch (const core::RecordInvalid& e) {
        print_problems(ctx, e);
        return 1;
    }
    const auto& r = d.record;
    auto s = r.summary();
    ctx.out << core::substitute(_("已添加会议记录 {id}：{date} {type}“{topic}”"),
                                {{"id", std::to_string(r.id)}, {"date", r.date.iso()}, {"type", r.type_name}, {"topic", r.topic}})
            << "\n";
    if (s.expected)
        ctx.out << core::substitute(_("应到 {expected} 人，实到 {present} 人，缺席 {absent} 人，出席率 {rate}"),
                                    {{"expected", std::to_string(s.expected)},
                                     {"present", std::to_string(s.present)},
                                     {"absent", std::to_string(s.absent)},
                                     {"rate", s.rate_text()}})
                << "\n";
    if (r.vote) {
        auto q = store.quorum(r, t);
        ctx.out << core::substitute(q.met() ? _("表决：{base}应到 {count} 人，到会 {present} 人，达到法定人数（需 {needed} 人）")
                                            : _("表决：{base}应到 {count} 人，到会 {present} 人，未达到法定人数（需 {needed} "
                                                "人），该记录已标记"),
                                    {{"base", quorum_text(q.base)},
                                     {"count", std::to_string(q.base_count)},
                                     {"present", std::to_string(q.present)},
                                     {"needed", std::to_string(q.needed)}})
                << "\n";
    }
    return 0;
}

// ---------------------------------------------------------------- record list / show / remove

/// One record as a JSON object, built with Poco::JSON (the keys are the schema scripts rely on).
std::string record_json(const core::Record& r) {
    using Poco::JSON::Array;
    using Poco::JSON::Object;
    auto o = core::json_object();
    auto s = r.summary();
    o->set("id", r.id);
    o->set("type", r.type);
    o->set("type_name", r.type_name);
    o->set("date", r.date.iso());
    o->set("time", r.time);
    o->set("place", r.place);
    o->set("host", r.host);
    o->set("recorder", r.recorder);
    o->set("topic", r.topic);
    o->set("group", r.group);
    o->set("hours", r.hours);
    o->set("vote", r.vote);
    o->set("quorum_met", r.quorum_met ? Poco::Dynamic::Var(*r.quorum_met) : Poco::Dynamic::Var());
    o->set("flagged", r.flagged());
    auto attendance = core::json_object();
    attendance->set("expected", s.expected);
    attendance->set("present", s.present);
    attendance->set("absent", s.absent);
    attendance->set("rate", s.expected ? Poco::Dynamic::Var(std::round(s.rate() * 1000) / 1000) : Poco::Dynamic::Var());
    o->set("attendance", attendance);
    Array::Ptr attendees = new Array;
    for (const auto& a : r.attendance) {
        auto p = core::json_object();
        p->set("name", a.name);
        p->set("present", a.present);
        p->set("reason", a.reason);
        attendees->add(p);
    }
    o->set("attendees", attendees);
    auto fields = core::json_object();
    for (const auto& [k, v] : r.fields) fields->set(k, v);
    o->set("fields", fields);
    Array::Ptr attachments = new Array;
    for (const auto& a : r.attachments) attachments->add(a);
    o->set("attachments", attachments);
    std::ostringstream out;
    core::write_json(out, o);
    return out.str();
}

int cmd_record_list(Context& ctx) {
    auto& archive = ctx.archive();
    core::RecordStore store(archive.db(), archive.home().id);
    std::optional<int> year;
    if (ctx.args().has("year")) year = year_value(ctx.args().get("year"));
    std::string type = ctx.args().get("type");
    if (!type.empty() && !ctx.args().has("no-plugins")) {
        // Accept the Chinese name as well as the id.
        auto templates = core::load_meeting_templates(archive_plugin(ctx));
        if (auto t = core::find_template(templates, type)) type = t->id;
    }
    auto list = store.list(year, type);
    std::vector<core::MeetingTemplate> templates;
    if (!ctx.args().has("no-plugins")) templates = core::load_meeting_templates(archive_plugin(ctx));
    return emit_tables(ctx, archive::records_tables(archive.home().name, list, templates, core::Date::today()));
}

core::Record require_record(core::RecordStore& store, const std::string& id_text) {
    if (id_text.empty()) throw core::Error(OB_N("请给出会议记录编号"));
    auto r = store.get(int_value("id", id_text));
    if (!r) throw core::Error(OB_N("会议记录 {id} 不存在"), {{"id", id_text}});
    return *r;
}

int cmd_record_show(Context& ctx) {
    auto& archive = ctx.archive();
    core::RecordStore store(archive.db(), archive.home().id);
    auto r = require_record(store, ctx.args().positional(0));
    if (ctx.json()) {
        ctx.out << record_json(r) << "\n";
        return 0;
    }
    auto templates = core::load_meeting_templates(archive_plugin(ctx));
    const auto* t = core::find_template(templates, r.type);
    ctx.out << r.type_name << "  " << _("记录") << " " << r.id << "\n";
    if (t) {
        for (const auto& f : t->fields) {
            if (f.id == "attendees") continue;
            std::string v = r.value(f.id);
            if (v.empty()) continue;
            ctx.out << app::tr(f.label) << ": " << v << "\n";
        }
    } else {
        for (const char* id : {"date", "time", "place", "host", "recorder", "topic"})
            if (!r.value(id).empty()) ctx.out << id << ": " << r.value(id) << "\n";
        for (const auto& [k, v] : r.fields) ctx.out << k << ": " << v << "\n";
    }
    auto s = r.summary();
    if (s.expected) {
        std::string here, away;
        for (const auto& a : r.attendance) {
            if (a.present) here += (here.empty() ? "" : "、") + a.name;
            else
                away +=
                    (away.empty() ? "" : "、") + a.name + (a.reason.empty() ? "（" + _("未请假") + "）" : "（" + a.reason + "）");
        }
        ctx.out << core::substitute(_("出席情况：应到 {expected} 人，实到 {present} 人，缺席 {absent} 人，出席率 {rate}"),
                                    {{"expected", std::to_string(s.expected)},
                                     {"present", std::to_string(s.present)},
                                     {"absent", std::to_string(s.absent)},
                                     {"rate", s.rate_text()}})
                << "\n";
        ctx.out << "  "
                << (t && t->attendees == core::AttendeeScope::Chosen && t->field("attendees") ? t->field("attendees")->label
                                                                                              : _("出席"))
                << ": " << here << "\n";
        if (!away.empty()) ctx.out << "  " << _("缺席") << ": " << away << "\n";
    }
    if (r.vote && t) {
        auto q = store.quorum(r, *t);
        ctx.out << core::substitute(_("表决：{base}应到 {count} 人，到会 {present} 人，需 {needed} 人 — {verdict}"),
                                    {{"base", quorum_text(q.base)},
                                     {"count", std::to_string(q.base_count)},
                                     {"present", std::to_string(q.present)},
                                     {"needed", std::to_string(q.needed)},
                                     {"verdict", r.flagged() ? _("未达到法定人数（已标记）") : _("达到法定人数")}})
                << "\n";
    }
    return 0;
}

int cmd_record_remove(Context& ctx) {
    auto& archive = ctx.archive();
    core::RecordStore store(archive.db(), archive.home().id);
    auto r = require_record(store, ctx.args().positional(0));
    store.remove(r.id);
    ctx.out << core::substitute(_("已删除会议记录 {id}：{date} {type}"),
                                {{"id", std::to_string(r.id)}, {"date", r.date.iso()}, {"type", r.type_name}})
            << "\n"
            << _("已移入回收站，可用 onebook-cli trash list 查看、trash restore 编号 恢复") << "\n";
    return 0;
}

// ---------------------------------------------------------------- plan

std::vector<int> months_arg(const std::string& text) {
    std::vector<int> out;
    for (const auto& part : split_list(text)) {
        auto dash = part.find('-');
        if (dash != std::string::npos && dash > 0) {
            int a = int_value("month", part.substr(0, dash)), b = int_value("month", part.substr(dash + 1));
            for (int m = a; m <= b; ++m) out.push_back(m);
        } else {
            out.push_back(int_value("month", part));
        }
    }
    if (out.empty()) throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", "month"}});
    return out;
}

int cmd_plan_set(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    auto templates = core::load_meeting_templates(archive_plugin(ctx));
    const auto& t = core::require_template(templates, a.require("type"));
    int year = year_value(a.require("year"));
    int count = int_value("count", a.get("count", "1"));
    auto months = months_arg(a.require("month"));
    core::MeetingPlan plan(archive.db(), archive.home().id);
    core::Transaction tx(archive.db()); // all months or none
    for (int m : months) plan.set(year, t, m, count);
    tx.commit();
    ctx.out << core::substitute(_("已设定 {year} 年{type}计划：{months} 月各 {count} 次"), {{"year", std::to_string(year)},
                                                                                            {"type", t.name},
                                                                                            {"months", a.get("month")},
                                                                                            {"count", std::to_string(count)}})
            << "\n";
    return 0;
}

int cmd_plan_show(Context& ctx) {
    auto& archive = ctx.archive();
    int year = year_value(ctx.args().get("year", std::to_string(today_of(ctx).year())));
    auto templates = core::load_meeting_templates(archive_plugin(ctx));
    core::MeetingPlan plan(archive.db(), archive.home().id);
    auto rows = plan.compare(year, templates);
    core::Date today = today_of(ctx);
    int upto = year < today.year() ? 12 : year > today.year() ? 0 : today.month();
    return emit_tables(ctx, {archive::plan_table(archive.home().name, year, rows, upto, today)});
}

// ---------------------------------------------------------------- check

std::string status_text(core::FindingStatus s) {
    switch (s) {
    case core::FindingStatus::Ok: return _("符合");
    case core::FindingStatus::Due: return _("待完成");
    case core::FindingStatus::Warning: return _("提醒");
    case core::FindingStatus::Violation: return _("违规");
    }
    return {};
}

int cmd_check(Context& ctx) {
    auto& archive = ctx.archive();
    core::Date today = today_of(ctx);
    int year = year_value(ctx.args().get("year", std::to_string(today.year())));
    auto rules = core::archive_rules(archive, ctx.plugins(), ctx.args().get("region-rules"));
    auto findings = core::check_rules(archive, ctx.plugins(), rules, year, today);
    bool problems_only = ctx.args().has("problems");
    bool problems_found = false; // a violation, with --exit-code: exit 3 for scripts
    for (const auto& f : findings)
        problems_found = problems_found || (ctx.args().has("exit-code") && f.status == core::FindingStatus::Violation);
    std::map<core::FindingStatus, int> counts;
    for (const auto& f : findings) ++counts[f.status];
    auto org = archive.home();
    if (!wants_report(ctx)) {
        auto tables = archive::check_tables(org.name, year, findings, today, problems_only);
        // Periods before the archive's records start are not judged: every format says so.
        if (auto note = core::records_start_note(archive, year))
            for (auto& t : tables) t.notes.push_back(*note);
        int rc = emit_tables(ctx, tables);
        return problems_found && rc == 0 ? exit_problems : rc;
    }
    ctx.out << core::substitute(_("{name} {year} 年度规则检查（截至 {today}）"),
                                {{"name", org.name},
                                 {"year", std::to_string(year)},
                                 {"today", std::min(today, core::Date(year, 12, 31)).iso()}})
            << "\n";
    ctx.out << core::substitute(_("符合 {ok} 项，待完成 {due} 项，提醒 {warning} 项，违规 {violation} 项"),
                                {{"ok", std::to_string(counts[core::FindingStatus::Ok])},
                                 {"due", std::to_string(counts[core::FindingStatus::Due])},
                                 {"warning", std::to_string(counts[core::FindingStatus::Warning])},
                                 {"violation", std::to_string(counts[core::FindingStatus::Violation])}})
            << "\n";
    if (auto note = core::records_start_note(archive, year)) ctx.out << app::tr(*note) << "\n";
    std::string last_rule;
    for (const auto& f : findings) {
        if (problems_only && f.status == core::FindingStatus::Ok) continue;
        if (f.rule_id != last_rule) {
            ctx.out << "\n"
                    << f.rule_id << "  " << app::tr(f.description) << "\n    " << _("依据") << ": " << app::tr(f.source) << "\n";
            // Where the sources disagree: name the other one, which the branch is not judged by.
            for (const auto& r : rules)
                if (r.reference && r.reference_of == f.rule_id)
                    ctx.out
                        << "    "
                        << core::substitute(
                               _("另有来源：{source}（{description}）。本行业以上列依据为准；地区规则可改用另一来源（规则 {id}）"),
                               {{"source", app::tr(r.source)}, {"description", app::tr(r.description)}, {"id", r.id}})
                        << "\n";
            last_rule = f.rule_id;
        }
        std::string status = "[" + status_text(f.status) + "]";
        ctx.out << "  " << status << std::string(std::max(0, 10 - display_width(status)), ' ')
                << (f.window.empty() ? "" : f.window + "  ") << f.message << "\n";
        if (!f.evidence.empty()) {
            std::string ids;
            for (auto id : f.evidence) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
            std::string kind = f.evidence_kind == "record"   ? _("记录")
                               : f.evidence_kind == "member" ? _("党员")
                               : f.evidence_kind == "group"  ? _("党小组")
                               : f.evidence_kind == "term"   ? _("支委会届次")
                                                             : f.evidence_kind;
            ctx.out << "            " << _("证据") << ": " << kind << " " << ids << "\n";
        }
    }
    print_recruitment_due(ctx, today); // 发展党员: what is due or late per person
    return problems_found ? exit_problems : 0;
}

} // namespace

void register_records_commands() {
    const std::string add_usage = "--type T --date D [--time 14:30-16:00] [--place P] [--host NAME] "
                                  "[--recorder NAME] [--topic TEXT] [--group NAME] "
                                  "[--present a,b | all] [--absent 姓名:原因,...] [--field 字段=值 ...] "
                                  "[--hours N] [--vote] [--attach PATH ...] "
                                  "[--today D] | FILE.json";
    add_command({{"record", "templates"},
                 std::string("[--sector ID] [--type T] ") + table_options,
                 OB_N("列出本档案行业插件的会议记录模板（--type 显示一种模板的字段）"),
                 {},
                 cmd_templates});
    add_command({{"record", "add"},
                 add_usage,
                 OB_N("添加一条会议/"
                      "活动记录：按模板校验必填项、日期、人员，计算出席与表决法定人数；未列出的应到人员按出席"
                      "计（给了 --present 时按缺席计）"),
                 {"vote"},
                 cmd_record_add});
    add_command({{"record", "list"},
                 std::string("[--year Y] [--type T] ") + table_options,
                 OB_N("列出会议记录及出席情况（应到/实到/缺席/出席率）"),
                 {},
                 cmd_record_list});
    add_command({{"record", "show"}, "ID [--format json]", OB_N("显示一条会议记录的全部内容"), {}, cmd_record_show});
    add_command({{"record", "remove"}, "ID", OB_N("删除一条会议记录"), {}, cmd_record_remove});
    add_alias({"meeting", "add"}, {"record", "add"}, OB_N("同 record add"));
    add_alias({"meeting", "list"}, {"record", "list"}, OB_N("同 record list"));
    add_command({{"plan", "set"},
                 "--year Y --type T --month M[,M…|M-N] [--count N]",
                 OB_N("设定“三会一课”年度计划：某类会议在某月计划召开的次数（0 为取消）"),
                 {},
                 cmd_plan_set});
    add_command({{"plan", "show"},
                 std::string("[--year Y] [--today D] ") + table_options,
                 OB_N("显示年度计划执行情况（计划与完成对比）"),
                 {},
                 cmd_plan_show});
    add_command({{"check"},
                 std::string("[--year Y] [--problems] [--exit-code] [--region-rules FILE] [--today D] ") + table_options,
                 OB_N("按行业插件的规则（及地区调整文件）检查年度制度落实情况：符合/待完成/提醒/"
                      "违规，附依据和证据记录"),
                 {"problems"},
                 cmd_check});
}

} // namespace onebook::cli
