#include "onebook/meeting_template.hpp"

#include "onebook/error.hpp"

#include <Poco/JSON/Parser.h>

#include "onebook/text_limits.hpp"
#include <algorithm>
#include <map>
#include <set>

namespace onebook::core {

const char* to_string(FieldKind k) {
    switch (k) {
    case FieldKind::Text: return "text";
    case FieldKind::LongText: return "longtext";
    case FieldKind::Date: return "date";
    case FieldKind::DateTime: return "datetime";
    case FieldKind::Member: return "member";
    case FieldKind::Members: return "members";
    case FieldKind::Number: return "number";
    case FieldKind::Hours: return "hours";
    case FieldKind::Choice: return "choice";
    case FieldKind::Attachments: return "attachments";
    }
    return "text";
}

const char* to_string(AttendeeScope s) {
    switch (s) {
    case AttendeeScope::All: return "all";
    case AttendeeScope::Full: return "full";
    case AttendeeScope::Committee: return "committee";
    case AttendeeScope::Group: return "group";
    case AttendeeScope::Chosen: return "chosen";
    case AttendeeScope::None: return "none";
    }
    return "all";
}

const char* to_string(QuorumBase q) {
    switch (q) {
    case QuorumBase::None: return "none";
    case QuorumBase::FullMembers: return "full";
    case QuorumBase::Committee: return "committee";
    }
    return "none";
}

const TemplateField* MeetingTemplate::field(const std::string& field_id) const {
    for (const auto& f : fields)
        if (f.id == field_id) return &f;
    return nullptr;
}

namespace {

using Poco::JSON::Object;

struct Reader {
    const std::string& file;

    [[noreturn]] void fail(const std::string& key, const std::string& field, MessageParams extra = {}) const {
        extra.insert(extra.begin(), {"field", field});
        extra.insert(extra.begin(), {"file", file});
        throw Error(key, extra, {file, {}, field});
    }

    std::string text(const Object::Ptr& o, const std::string& key, const std::string& where, bool required) const {
        if (!o->has(key) || o->isNull(key)) {
            if (required) fail(OB_N("会议模板 {file}：缺少字段“{field}”"), where + key);
            return {};
        }
        auto v = o->get(key);
        if (!v.isString()) fail(OB_N("会议模板 {file}：字段“{field}”应为字符串"), where + key);
        auto s = v.convert<std::string>();
        if (required && s.empty()) fail(OB_N("会议模板 {file}：字段“{field}”不能为空"), where + key);
        return s;
    }

    bool flag(const Object::Ptr& o, const std::string& key, const std::string& where) const {
        if (!o->has(key) || o->isNull(key)) return false;
        auto v = o->get(key);
        if (!v.isBoolean()) fail(OB_N("会议模板 {file}：字段“{field}”应为 true 或 false"), where + key);
        return v.convert<bool>();
    }
};

template <typename E>
E pick(const Reader& r, const std::string& value, const std::string& field, const std::map<std::string, E>& names) {
    auto it = names.find(value);
    if (it != names.end()) return it->second;
    std::string allowed;
    for (const auto& [k, _] : names) allowed += (allowed.empty() ? "" : ", ") + k;
    r.fail(OB_N("会议模板 {file}：字段“{field}”的值“{value}”无效（可用：{allowed}）"), field,
           {{"value", value}, {"allowed", allowed}});
}

// Standard fields and the kinds they may take (see the header).
const std::map<std::string, std::vector<FieldKind>>& standard_fields() {
    static const std::map<std::string, std::vector<FieldKind>> s = {
        {"date", {FieldKind::Date}},         {"time", {FieldKind::DateTime}},
        {"place", {FieldKind::Text}},        {"host", {FieldKind::Member, FieldKind::Text}},
        {"recorder", {FieldKind::Member}},   {"topic", {FieldKind::Text}},
        {"attendees", {FieldKind::Members}}, {"group", {FieldKind::Text}},
        {"hours", {FieldKind::Hours}},       {"attachments", {FieldKind::Attachments}},
    };
    return s;
}

Object::Ptr parse_template_object(const Contribution& doc, Reader& r) {
    Object::Ptr o;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits::json_depth);
        o = parser.parse(doc.json).extract<Object::Ptr>();
    } catch (const std::exception& e) {
        throw Error(OB_N("会议模板 {file} 不是有效的 JSON 对象：{reason}"), {{"file", doc.source}, {"reason", e.what()}},
                    {doc.source, {}, {}});
    }
    if (!o) r.fail(OB_N("会议模板 {file} 不是有效的 JSON 对象：{reason}"), "", {{"reason", "null"}});
    return o;
}

/// The template's own settings: identity, texts, who attends, voting and its quorum, hours.
void read_settings(Reader& r, const Object::Ptr& o, MeetingTemplate& t) {
    t.id = r.text(o, "id", "", true);
    if (!matches_word(t.id, lower_alpha, lower_alnum_, 2, 40))
        r.fail(OB_N("会议模板 {file}：类型标识“{value}”无效（应为小写字母、数字和下划线）"), "id", {{"value", t.id}});
    t.name = r.text(o, "name", "", true);
    t.category = r.text(o, "category", "", false);
    t.description = r.text(o, "description", "", false);
    t.source = r.text(o, "source", "", true);
    t.attendees = pick<AttendeeScope>(r, r.text(o, "attendees", "", true), "attendees",
                                      {{"all", AttendeeScope::All},
                                       {"full", AttendeeScope::Full},
                                       {"committee", AttendeeScope::Committee},
                                       {"group", AttendeeScope::Group},
                                       {"chosen", AttendeeScope::Chosen},
                                       {"none", AttendeeScope::None}});
    t.vote_allowed = r.flag(o, "vote", "");
    std::string qb = r.text(o, "quorum_base", "", false);
    t.quorum_base =
        qb.empty() ? QuorumBase::None
                   : pick<QuorumBase>(
                         r, qb, "quorum_base",
                         {{"none", QuorumBase::None}, {"full", QuorumBase::FullMembers}, {"committee", QuorumBase::Committee}});
    if (t.vote_allowed && t.quorum_base == QuorumBase::None)
        r.fail(OB_N("会议模板 {file}：可以表决的会议必须给出“{field}”（full 或 committee）"), "quorum_base");
    t.credits_hours = r.flag(o, "credits_hours", "");
}

std::vector<std::string> read_options(Reader& r, const Object::Ptr& fo, const std::string& where) {
    std::vector<std::string> options;
    if (!fo->isArray("options")) r.fail(OB_N("会议模板 {file}：字段“{field}”应为字符串列表"), where + "options");
    auto opts = fo->getArray("options");
    for (std::size_t k = 0; k < opts->size(); ++k) {
        auto v = opts->get(static_cast<unsigned>(k));
        if (!v.isString()) r.fail(OB_N("会议模板 {file}：字段“{field}”应为字符串列表"), where + "options");
        options.push_back(v.convert<std::string>());
    }
    return options;
}

/// One field of the template: a unique id, a label, a kind (the one a standard field must have),
/// its order and, for a choice, its options.
TemplateField read_field(Reader& r, const Object::Ptr& fo, const std::string& where, std::set<std::string>& ids) {
    static const std::map<std::string, FieldKind> kinds = {
        {"text", FieldKind::Text},     {"longtext", FieldKind::LongText},
        {"date", FieldKind::Date},     {"datetime", FieldKind::DateTime},
        {"member", FieldKind::Member}, {"members", FieldKind::Members},
        {"number", FieldKind::Number}, {"hours", FieldKind::Hours},
        {"choice", FieldKind::Choice}, {"attachments", FieldKind::Attachments}};
    TemplateField f;
    f.id = r.text(fo, "id", where, true);
    if (!matches_word(f.id, lower_alpha, lower_alnum_, 1, 40))
        r.fail(OB_N("会议模板 {file}：字段标识“{value}”无效（应为小写字母、数字和下划线）"), where + "id", {{"value", f.id}});
    if (!ids.insert(f.id).second) r.fail(OB_N("会议模板 {file}：字段标识“{value}”重复"), where + "id", {{"value", f.id}});
    f.label = r.text(fo, "label", where, true);
    f.kind = pick<FieldKind>(r, r.text(fo, "kind", where, true), where + "kind", kinds);
    f.required = r.flag(fo, "required", where);
    if (!fo->has("order") || !fo->get("order").isInteger())
        r.fail(OB_N("会议模板 {file}：字段“{field}”应为整数"), where + "order");
    f.order = fo->getValue<int>("order");
    f.help = r.text(fo, "help", where, false);
    if (fo->has("options")) f.options = read_options(r, fo, where);
    if (f.kind == FieldKind::Choice && f.options.empty())
        r.fail(OB_N("会议模板 {file}：选择字段“{value}”需要选项列表“options”"), where + "options", {{"value", f.id}});
    auto std_it = standard_fields().find(f.id);
    if (std_it != standard_fields().end() &&
        std::find(std_it->second.begin(), std_it->second.end(), f.kind) == std_it->second.end())
        r.fail(OB_N("会议模板 {file}：标准字段“{value}”的类型不能是 {kind}"), where + "kind",
               {{"value", f.id}, {"kind", to_string(f.kind)}});
    return f;
}

/// What every record needs, and what the template's own settings rely on.
void check_needed_fields(Reader& r, const MeetingTemplate& t) {
    const TemplateField* date = t.field("date");
    if (!date || !date->required) r.fail(OB_N("会议模板 {file}：必须有必填的日期字段“{field}”"), "fields.date");
    if (t.attendees != AttendeeScope::None && !t.has("attendees"))
        r.fail(OB_N("会议模板 {file}：应到人员为“{value}”时必须有参会人员字段“{field}”"), "fields.attendees",
               {{"value", to_string(t.attendees)}});
    if (t.attendees == AttendeeScope::None && t.has("attendees"))
        r.fail(OB_N("会议模板 {file}：应到人员为 none 时不能有参会人员字段“{field}”"), "fields.attendees");
    if (t.attendees == AttendeeScope::Group && !t.has("group"))
        r.fail(OB_N("会议模板 {file}：党小组会议必须有党小组字段“{field}”"), "fields.group");
    if (t.credits_hours && !t.has("hours"))
        r.fail(OB_N("会议模板 {file}：计入学时的会议必须有学时字段“{field}”"), "fields.hours");
}

} // namespace

MeetingTemplate parse_meeting_template(const Contribution& doc) {
    Reader r{doc.source};
    Object::Ptr o = parse_template_object(doc, r);
    MeetingTemplate t;
    t.file = doc.source;
    read_settings(r, o, t);
    if (!o->has("fields") || !o->isArray("fields")) r.fail(OB_N("会议模板 {file}：缺少字段列表“{field}”"), "fields");
    auto arr = o->getArray("fields");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string where = "fields[" + std::to_string(i) + "].";
        auto fo = arr->getObject(static_cast<unsigned>(i));
        if (!fo) r.fail(OB_N("会议模板 {file}：字段“{field}”应为对象"), "fields[" + std::to_string(i) + "]");
        t.fields.push_back(read_field(r, fo, where, ids));
    }
    std::stable_sort(t.fields.begin(), t.fields.end(),
                     [](const TemplateField& a, const TemplateField& b) { return a.order < b.order; });
    check_needed_fields(r, t);
    return t;
}

std::vector<MeetingTemplate> load_meeting_templates(const LoadedPlugin& plugin) {
    std::vector<MeetingTemplate> out;
    for (const auto& doc : plugin.contributions(ExtensionPoint::MeetingTemplates)) {
        auto t = parse_meeting_template(doc);
        for (const auto& other : out)
            if (other.id == t.id || other.name == t.name)
                throw Error(OB_N("会议模板 {file}：类型“{value}”与 {other} 重复"),
                            {{"file", doc.source}, {"value", other.id == t.id ? t.id : t.name}, {"other", other.file}},
                            {doc.source, {}, "id"});
        out.push_back(std::move(t));
    }
    return out;
}

const MeetingTemplate* find_template(const std::vector<MeetingTemplate>& all, const std::string& key) {
    for (const auto& t : all)
        if (t.id == key || t.name == key) return &t;
    return nullptr;
}

const MeetingTemplate& require_template(const std::vector<MeetingTemplate>& all, const std::string& key) {
    if (auto t = find_template(all, key)) return *t;
    std::string known;
    for (const auto& t : all) known += (known.empty() ? "" : "、") + t.name + "(" + t.id + ")";
    throw Error(OB_N("未知的会议类型“{type}”（可用：{known}）"), {{"type", key}, {"known", known}}, {{}, {}, "type"});
}

} // namespace onebook::core
