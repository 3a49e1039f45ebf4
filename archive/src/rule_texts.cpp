#include "onebook/archive/rule_texts.hpp"

#include "onebook/error.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace onebook::archive {

namespace {

std::string member_text(const Poco::JSON::Object::Ptr& o, const std::string& name, const std::string& source, bool required) {
    if (!o->has(name) || o->isNull(name)) {
        if (required)
            throw core::Error(OB_N("制度文本文件 {file} 缺少“{field}”"), {{"file", source}, {"field", name}}, {source, {}, name});
        return {};
    }
    auto v = o->get(name);
    if (!v.isString())
        throw core::Error(OB_N("制度文本文件 {file} 的“{field}”应为文字"), {{"file", source}, {"field", name}},
                          {source, {}, name});
    return v.extract<std::string>();
}

} // namespace

RuleText parse_rule_text(const std::string& json, const std::string& source, const std::string& origin) {
    Poco::JSON::Object::Ptr o;
    try {
        o =
            [&] {
                Poco::JSON::Parser parser;
                parser.setDepth(core::limits::json_depth);
                return parser.parse(json);
            }()
                .extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw core::Error(OB_N("制度文本文件 {file} 不是有效的 JSON：{reason}"), {{"file", source}, {"reason", e.displayText()}},
                          {source, {}, {}});
    }
    if (!o) throw core::Error(OB_N("制度文本文件 {file} 应为 JSON 对象"), {{"file", source}}, {source, {}, {}});
    RuleText t;
    t.id = member_text(o, "id", source, true);
    t.title = member_text(o, "title", source, true);
    t.section_id = member_text(o, "section", source, false);
    if (t.section_id.empty()) t.section_id = "rules.texts";
    t.source = member_text(o, "source", source, true);
    if (o->has("order")) t.order = o->get("order").convert<int>();
    if (o->has("paragraphs")) {
        auto a = o->getArray("paragraphs");
        if (!a)
            throw core::Error(OB_N("制度文本文件 {file} 的“{field}”应为文字列表"), {{"file", source}, {"field", "paragraphs"}},
                              {source, {}, "paragraphs"});
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto v = a->get(static_cast<unsigned>(i));
            if (!v.isString())
                throw core::Error(OB_N("制度文本文件 {file} 的“{field}”应为文字列表"),
                                  {{"file", source}, {"field", "paragraphs"}}, {source, static_cast<long>(i + 1), "paragraphs"});
            if (!t.body.empty()) t.body += "\n";
            t.body += v.extract<std::string>();
        }
    } else {
        t.body = member_text(o, "body", source, true);
    }
    if (t.body.empty()) throw core::Error(OB_N("制度文本文件 {file} 没有正文"), {{"file", source}}, {source, {}, "paragraphs"});
    t.origin = origin;
    if (o->has("model_text") && o->get("model_text").isBoolean()) t.model_text = o->getValue<bool>("model_text");
    return t;
}

std::vector<RuleText> plugin_rule_texts(const core::PluginHost& host, const std::string& sector) {
    const auto& plugin = host.require(sector);
    std::vector<RuleText> out;
    for (const auto& doc : plugin.contributions(core::ExtensionPoint::RuleTexts)) {
        auto t = parse_rule_text(doc.json, doc.source, plugin.id());
        auto same = std::find_if(out.begin(), out.end(), [&](const RuleText& x) { return x.id == t.id; });
        if (same != out.end())
            throw core::Error(OB_N("制度文本 {id} 在 {file} 中重复定义"), {{"id", t.id}, {"file", doc.source}},
                              {doc.source, {}, "id"});
        out.push_back(std::move(t));
    }
    std::stable_sort(out.begin(), out.end(), [](const RuleText& a, const RuleText& b) { return a.order < b.order; });
    return out;
}

RuleTextStore::RuleTextStore(core::Archive& archive, const core::PluginHost& host) : m_archive(archive) {
    auto org = archive.home();
    m_org = org.id;
    m_defaults = plugin_rule_texts(host, org.sector);
}

std::vector<RuleText> RuleTextStore::all() {
    auto out = m_defaults;
    core::Statement st(m_archive.db(),
                       "SELECT text_id, section_id, title, body, source, edited_at FROM rule_text WHERE organisation_id = ? "
                       "ORDER BY edited_at, text_id");
    st.bind(1, m_org);
    int own = 0;
    while (st.step()) {
        RuleText e;
        e.id = st.get_text(0);
        e.section_id = st.get_text(1);
        e.title = st.get_text(2);
        e.body = st.get_text(3);
        e.source = st.get_text(4);
        e.edited = true;
        e.edited_at = st.get_text(5);
        auto it = std::find_if(out.begin(), out.end(), [&](const RuleText& x) { return x.id == e.id; });
        if (it != out.end()) {
            e.order = it->order;
            e.origin = it->origin;
            *it = std::move(e);
        } else {
            e.origin = "archive";
            e.order = 10000 + own++;
            out.push_back(std::move(e));
        }
    }
    return out;
}

std::optional<RuleText> RuleTextStore::get(const std::string& id) {
    for (auto& t : all())
        if (t.id == id) return t;
    return std::nullopt;
}

RuleText RuleTextStore::require(const std::string& id) {
    if (auto t = get(id)) return *t;
    std::string ids;
    for (const auto& t : all()) ids += (ids.empty() ? "" : "、") + t.id;
    throw core::Error(OB_N("没有制度文本“{id}”，现有：{ids}"), {{"id", id}, {"ids", ids}}, {{}, {}, "id"});
}

RuleText RuleTextStore::edit(const std::string& id, const std::optional<std::string>& title,
                             const std::optional<std::string>& body, const std::string& section_id) {
    if (id.empty()) throw core::Error(OB_N("制度文本的标识不能为空"), {}, {{}, {}, "id"});
    auto current = get(id);
    RuleText t;
    if (current) {
        t = *current;
    } else {
        if (!title) throw core::Error(OB_N("新增制度文本“{id}”需要标题"), {{"id", id}}, {{}, {}, "title"});
        t.id = id;
        t.section_id = section_id.empty() ? "rules.texts" : section_id;
        t.source = "本支部制定";
    }
    if (title) t.title = *title;
    if (body) t.body = *body;
    if (!section_id.empty()) t.section_id = section_id;
    auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (blank(t.title)) throw core::Error(OB_N("制度文本“{id}”的标题不能为空"), {{"id", id}}, {{}, {}, "title"});
    if (blank(t.body)) throw core::Error(OB_N("制度文本“{id}”的正文不能为空"), {{"id", id}}, {{}, {}, "body"});
    core::Transaction tx(m_archive.db());
    core::Statement st(m_archive.db(),
                       "INSERT INTO rule_text(organisation_id, text_id, section_id, title, body, source, edited_at) "
                       "VALUES(?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now')) "
                       "ON CONFLICT(organisation_id, text_id) DO UPDATE SET section_id = excluded.section_id, "
                       "title = excluded.title, body = excluded.body, edited_at = excluded.edited_at");
    st.bind_all(m_org, t.id, t.section_id, t.title, t.body, t.source).run();
    tx.commit();
    return require(id);
}

void RuleTextStore::reset(const std::string& id) {
    require(id);
    core::Transaction tx(m_archive.db());
    core::Statement st(m_archive.db(), "DELETE FROM rule_text WHERE organisation_id = ? AND text_id = ?");
    st.bind_all(m_org, id).run();
    tx.commit();
}

} // namespace onebook::archive
