#include "onebook/archive/sections.hpp"

#include "onebook/error.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace onebook::archive {

const std::vector<Chapter>& chapters() {
    // 《创建精品社区信息》: “一本通”具体细分为基本情况、基本制度、活动记录、工作记录、创新型工作五个篇章
    static const std::vector<Chapter> all = {{"basic", "基本情况"},
                                             {"rules", "基本制度"},
                                             {"activities", "活动记录"},
                                             {"work", "工作记录"},
                                             {"innovation", "创新型工作"}};
    return all;
}

const Chapter* find_chapter(const std::string& id) {
    for (const auto& c : chapters())
        if (c.id == id || c.title == id) return &c;
    return nullptr;
}

const std::vector<std::string>& known_views() {
    static const std::vector<std::string> views = {"organisation", "committee",     "members", "groups",   "activists",
                                                   "assessment",   "rectification", "dues",    "catalogue"};
    return views;
}

bool Section::has(const std::string& what) const { return std::find(holds.begin(), holds.end(), what) != holds.end(); }

std::vector<Section> common_sections() {
    const std::string s000 =
        "《社区党组织建设目标管理意见》 （三）9 文书立档制度：会议记录，党员、入党积极分子和重点培养对象名册，组织发展材料，工作计划、总结、报告，规章制度，党日活动等方面的材料";
    std::vector<Section> s;
    auto add = [&](std::string id, std::string chapter, std::string title, int order, std::vector<std::string> h,
                   std::vector<std::string> types, std::string view, std::string description, std::string source) {
        s.push_back({std::move(id), std::move(chapter), std::move(title), order, std::move(h), std::move(types), std::move(view),
                     std::move(description), std::move(source), "core"});
    };
    // 基本情况
    add("basic.organisation", "basic", "组织概况", 10, {holds::view, holds::documents}, {}, "organisation",
        "党组织名称、类别、成立时间和批复、上级党组织、党员人数；成立、变更的请示和批复",
        "《党支部“五化”建设》 支部设置标准化：成立党支部……报所在地或单位基层党委审批");
    add("basic.committee", "basic", "支部委员会", 20, {holds::view, holds::documents}, {}, "committee",
        "支委会成员及分工、任期和换届；换届选举的请示、批复和记录",
        "《社区党组织建设目标管理意见》 （一）9：按期换届选举，有请示、有批复、有记录");
    add("basic.members", "basic", "党员名册", 30, {holds::view, holds::documents}, {}, "members",
        "全体党员名册（直管、协管、代管）", s000);
    add("basic.groups", "basic", "党小组", 40, {holds::view}, {}, "groups", "党小组设置、组长和成员",
        "《党支部“五化”建设》：设立若干党小组，每个党小组人数原则上不少于3人");
    add("basic.activists", "basic", "入党积极分子", 50, {holds::view, holds::documents}, {}, "activists",
        "入党申请人、入党积极分子和重点培养对象名册；组织发展材料", s000);
    // 基本制度
    add("rules.texts", "rules", "党内生活制度", 10, {holds::rule_texts, holds::documents}, {}, "",
        "三会一课、组织生活会、民主评议党员、谈心谈话、党务公开、党费收缴管理等制度文本",
        "《党支部“五化”建设》 工作制度体系化：坚持和完善“三会一课”、民主评议党员、集体学习、谈心谈话……等制度");
    // 活动记录
    add("activities.three_meetings", "activities", "三会一课", 10, {holds::records, holds::documents},
        {"assembly", "committee", "group", "lecture"}, "", "支部党员大会、支部委员会会议、党小组会和党课的记录",
        "《党支部“五化”建设》：支部党员大会一般每季度召开1次，支部委员会会议和党小组会一般每月召开1次，讲党课每半年至少1次");
    add("activities.org_life", "activities", "组织生活会和民主评议", 20, {holds::records, holds::documents},
        {"org_life", "appraisal", "democratic_life"}, "", "组织生活会、民主评议党员、民主生活会的记录",
        "《党支部“五化”建设》：党支部每半年至少召开1次组织生活会……每年开展1次民主评议党员工作");
    add("activities.theme_day", "activities", "主题党日", 30, {holds::records, holds::documents}, {"theme_day"}, "",
        "每月主题党日活动的记录和材料", "《党支部“五化”建设》：党支部每月相对固定1天作为主题党日");
    add("activities.study", "activities", "集体学习", 40, {holds::records, holds::documents}, {"study"}, "",
        "集体学习和培训的记录（学时）", "《党支部“五化”建设》：党员每年集中学习培训时间一般不少于32学时");
    add("activities.talks", "activities", "谈心谈话", 50, {holds::records}, {"talk"}, "", "谈心谈话记录",
        "《党支部“五化”建设》 常态进行谈话谈心");
    add("activities.volunteer", "activities", "志愿服务", 60, {holds::records, holds::documents}, {"volunteer"}, "",
        "党员志愿服务活动记录", "《党支部“五化”建设》：有服务能力的党员每年至少参加2次以上志愿服务");
    add("activities.other", "activities", "其他活动", 900, {holds::records, holds::documents}, {"*"}, "",
        "其他篇目未收的活动记录", s000);
    // 工作记录
    add("work.plans", "work", "计划、总结和报告", 10, {holds::records, holds::documents, holds::entries}, {"report"}, "",
        "年度工作计划、“三会一课”计划、工作总结、向上级党组织的报告",
        "《党支部“五化”建设》：党支部年初制定“三会一课”年度计划，每半年向上一级党组织报告1次工作情况");
    add("work.assessment", "work", "考核评议", 20, {holds::view, holds::documents}, {}, "assessment", "年度自评、考核得分和等次",
        "《分类定级工作文件汇编》 分类定级；《社区党组织建设目标管理意见》 三好社区党组织考核");
    add("work.rectification", "work", "整改台账", 30, {holds::view, holds::documents}, {}, "rectification",
        "整改事项、措施、责任人、时限和完成情况", "《分类定级工作文件汇编》 整改提高");
    add("work.dues", "work", "党费收缴", 40, {holds::view, holds::records, holds::documents, holds::entries}, {"dues_disclosure"},
        "dues", "党费收缴、使用和公布的记录", "《党支部“五化”建设》：教育引导党员按时足额交纳党费，每半年公布1次党费收缴情况");
    add("work.catalogue", "work", "归档文件目录", 900, {holds::view}, {}, "catalogue", "本年度归档文件目录（DA/T 22-2015）",
        "DA/T 22-2015 归档文件整理规则");
    // 创新型工作
    add("innovation.projects", "innovation", "特色工作", 10, {holds::entries, holds::documents}, {}, "",
        "本支部自己的创新做法和特色品牌", "《创建精品社区信息》：创新型工作");
    return s;
}

namespace {

std::string text_member(const Poco::JSON::Object::Ptr& o, const std::string& name, const std::string& source, bool required) {
    if (!o->has(name) || o->isNull(name)) {
        if (required)
            throw core::Error(OB_N("篇目文件 {file} 缺少“{field}”"), {{"file", source}, {"field", name}}, {source, {}, name});
        return {};
    }
    auto v = o->get(name);
    if (!v.isString())
        throw core::Error(OB_N("篇目文件 {file} 的“{field}”应为文字"), {{"file", source}, {"field", name}}, {source, {}, name});
    return v.extract<std::string>();
}

std::vector<std::string> string_list(const Poco::JSON::Object::Ptr& o, const std::string& name, const std::string& source) {
    std::vector<std::string> out;
    if (!o->has(name)) return out;
    auto a = o->getArray(name);
    if (!a)
        throw core::Error(OB_N("篇目文件 {file} 的“{field}”应为文字列表"), {{"file", source}, {"field", name}},
                          {source, {}, name});
    for (std::size_t i = 0; i < a->size(); ++i) {
        auto v = a->get(static_cast<unsigned>(i));
        if (!v.isString())
            throw core::Error(OB_N("篇目文件 {file} 的“{field}”应为文字列表"), {{"file", source}, {"field", name}},
                              {source, {}, name});
        out.push_back(v.extract<std::string>());
    }
    return out;
}

Section parse_one(const Poco::JSON::Object::Ptr& o, const std::string& source, const std::string& origin) {
    Section s;
    s.id = text_member(o, "id", source, true);
    s.title = text_member(o, "title", source, true);
    std::string chapter = text_member(o, "chapter", source, true);
    const Chapter* c = find_chapter(chapter);
    if (!c)
        throw core::Error(
            OB_N("篇目文件 {file} 中“{section}”的篇章“{value}”不存在，应为 基本情况、基本制度、活动记录、工作记录 或 创新型工作"),
            {{"file", source}, {"section", s.id}, {"value", chapter}}, {source, {}, "chapter"});
    s.chapter = c->id;
    if (o->has("order")) {
        auto v = o->get("order");
        if (!v.isNumeric())
            throw core::Error(OB_N("篇目文件 {file} 中“{section}”的“order”应为数字"), {{"file", source}, {"section", s.id}},
                              {source, {}, "order"});
        s.order = v.convert<int>();
    } else {
        s.order = 500;
    }
    s.holds = string_list(o, "holds", source);
    if (s.holds.empty())
        throw core::Error(OB_N("篇目文件 {file} 中“{section}”没有说明收录什么（holds）"), {{"file", source}, {"section", s.id}},
                          {source, {}, "holds"});
    for (const auto& h : s.holds)
        if (h != holds::records && h != holds::documents && h != holds::rule_texts && h != holds::entries && h != holds::view)
            throw core::Error(
                OB_N("篇目文件 {file} 中“{section}”的收录类型“{value}”未知，应为 records、documents、ruletexts、entries 或 view"),
                {{"file", source}, {"section", s.id}, {"value", h}}, {source, {}, "holds"});
    s.record_types = string_list(o, "record_types", source);
    if (s.has(holds::records) && s.record_types.empty())
        throw core::Error(OB_N("篇目文件 {file} 中“{section}”收录活动记录，但没有给出记录类型（record_types）"),
                          {{"file", source}, {"section", s.id}}, {source, {}, "record_types"});
    s.view = text_member(o, "view", source, false);
    if (s.has(holds::view) && std::find(known_views().begin(), known_views().end(), s.view) == known_views().end())
        throw core::Error(OB_N("篇目文件 {file} 中“{section}”的视图“{value}”未知"),
                          {{"file", source}, {"section", s.id}, {"value", s.view}}, {source, {}, "view"});
    s.description = text_member(o, "description", source, false);
    s.source = text_member(o, "source", source, false);
    s.origin = origin;
    return s;
}

} // namespace

std::vector<Section> parse_sections(const std::string& json, const std::string& source, const std::string& origin) {
    Poco::Dynamic::Var root;
    try {
        root = [&] {
            Poco::JSON::Parser parser;
            parser.setDepth(core::limits::json_depth);
            return parser.parse(json);
        }();
    } catch (const Poco::Exception& e) {
        throw core::Error(OB_N("篇目文件 {file} 不是有效的 JSON：{reason}"), {{"file", source}, {"reason", e.displayText()}},
                          {source, {}, {}});
    }
    auto obj = root.extract<Poco::JSON::Object::Ptr>();
    std::vector<Section> out;
    if (obj && obj->has("sections")) {
        auto a = obj->getArray("sections");
        if (!a)
            throw core::Error(OB_N("篇目文件 {file} 的“{field}”应为列表"), {{"file", source}, {"field", "sections"}},
                              {source, {}, "sections"});
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto o = a->getObject(static_cast<unsigned>(i));
            if (!o)
                throw core::Error(OB_N("篇目文件 {file} 的第 {row} 个篇目不是对象"),
                                  {{"file", source}, {"row", std::to_string(i + 1)}},
                                  {source, static_cast<long>(i + 1), "sections"});
            out.push_back(parse_one(o, source, origin));
        }
    } else if (obj) {
        out.push_back(parse_one(obj, source, origin));
    } else {
        throw core::Error(OB_N("篇目文件 {file} 应为 JSON 对象"), {{"file", source}}, {source, {}, {}});
    }
    return out;
}

std::vector<Section> book_sections(const core::PluginHost& host, const std::string& sector) {
    auto sections = common_sections();
    const auto& plugin = host.require(sector);
    for (const auto& doc : plugin.contributions(core::ExtensionPoint::Sections)) {
        for (auto& s : parse_sections(doc.json, doc.source, plugin.id())) {
            auto same = std::find_if(sections.begin(), sections.end(), [&](const Section& x) { return x.id == s.id; });
            if (same != sections.end()) *same = std::move(s);
            else sections.push_back(std::move(s));
        }
    }
    auto chapter_index = [](const std::string& id) {
        const auto& cs = chapters();
        for (std::size_t i = 0; i < cs.size(); ++i)
            if (cs[i].id == id) return i;
        return cs.size();
    };
    std::stable_sort(sections.begin(), sections.end(), [&](const Section& a, const Section& b) {
        auto ca = chapter_index(a.chapter), cb = chapter_index(b.chapter);
        return ca != cb ? ca < cb : a.order < b.order;
    });
    return sections;
}

const Section* find_section(const std::vector<Section>& sections, const std::string& id) {
    for (const auto& s : sections)
        if (s.id == id) return &s;
    return nullptr;
}

const Section* section_for_record_type(const std::vector<Section>& sections, const std::string& record_type) {
    for (const auto& s : sections)
        if (s.has(holds::records) && std::find(s.record_types.begin(), s.record_types.end(), record_type) != s.record_types.end())
            return &s;
    for (const auto& s : sections)
        if (s.has(holds::records) && std::find(s.record_types.begin(), s.record_types.end(), "*") != s.record_types.end())
            return &s;
    return nullptr;
}

} // namespace onebook::archive
