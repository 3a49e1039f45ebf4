#include "onebook/three_high.hpp"

#include "onebook/error.hpp"
#include "onebook/plugin_host.hpp"

#include "json_file.hpp"

#include <algorithm>
#include <cmath>

namespace onebook::core {

ThreeHighSpec ThreeHighSpec::parse(const std::string& json, const std::string& file) {
    auto o = parse_json_object(json, file);
    auto bad = [&](const std::string& field) {
        return Error(
            OB_N(
                "“三高”测评文件 {file} 的 {field} 不正确：须有 id、source、measures（每项 id、label、min_percent 0–100）和 proposal.note"),
            {{"file", file}, {"field", field}}, {file, {}, field});
    };
    ThreeHighSpec s;
    s.id = o->optValue<std::string>("id", "");
    s.title = o->optValue<std::string>("title", "群众评议“三高”");
    s.source = o->optValue<std::string>("source", "");
    s.respondents = o->optValue<std::string>("respondents", "");
    if (s.id.empty()) throw bad("id");
    if (s.source.empty()) throw bad("source");
    auto proposal = o->getObject("proposal");
    if (!proposal || proposal->optValue<std::string>("note", "").empty()) throw bad("proposal.note");
    s.proposal_note = proposal->getValue<std::string>("note");
    s.points = proposal->optValue<double>("points", 0);
    s.deduct_per_point_percent = proposal->optValue<double>("deduct_per_point_percent", 10);
    auto weights = proposal->getObject("weights");
    auto arr = o->getArray("measures");
    if (!arr || arr->size() == 0) throw bad("measures");
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto m = arr->getObject(static_cast<unsigned>(i));
        std::string field = "measures[" + std::to_string(i) + "]";
        if (!m) throw bad(field);
        ThreeHighMeasure x;
        x.id = m->optValue<std::string>("id", "");
        x.label = m->optValue<std::string>("label", "");
        if (x.id != "aware" && x.id != "participating" && x.id != "satisfied") throw bad(field + ".id");
        if (x.label.empty()) throw bad(field + ".label");
        if (!m->has("min_percent") || !m->get("min_percent").isNumeric()) throw bad(field + ".min_percent");
        x.min_percent = m->getValue<double>("min_percent");
        if (x.min_percent < 0 || x.min_percent > 100) throw bad(field + ".min_percent");
        if (weights && weights->has(x.id)) x.weight = weights->getValue<double>(x.id);
        s.measures.push_back(x);
    }
    return s;
}

std::optional<ThreeHighSpec> ThreeHighSpec::load(const PluginHost& plugins, const std::string& sector) {
    const auto* p = plugins.find(sector);
    if (!p) return std::nullopt;
    auto f = p->manifest().folder / "data" / "surveys" / "three_high.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) return std::nullopt;
    return parse(read_text_file(f), f.string());
}

int ThreeHighSurvey::count(const std::string& measure) const {
    if (measure == "aware") return aware;
    if (measure == "participating") return participating;
    return satisfied;
}

std::vector<ThreeHighResult> evaluate_three_high(const ThreeHighSpec& spec, const ThreeHighSurvey& s) {
    double total_weight = 0;
    for (const auto& m : spec.measures) total_weight += m.weight;
    std::vector<ThreeHighResult> out;
    for (const auto& m : spec.measures) {
        ThreeHighResult r;
        r.measure = m;
        r.count = s.count(m.id);
        // Compared exactly (count × 100 against threshold × respondents), shown rounded.
        r.met = s.respondents > 0 && r.count * 100.0 >= m.min_percent * s.respondents - 1e-9;
        r.percent = s.respondents > 0 ? std::round(r.count * 1000.0 / s.respondents) / 10.0 : 0;
        double full = total_weight > 0 ? spec.points * m.weight / total_weight : 0;
        double short_by = r.met ? 0 : std::ceil(m.min_percent - r.count * 100.0 / s.respondents - 1e-9);
        r.points = std::max(0.0, std::round(full * (1 - short_by * spec.deduct_per_point_percent / 100) * 100) / 100);
        out.push_back(r);
    }
    return out;
}

void ThreeHighStore::set(const ThreeHighSurvey& s) {
    if (s.year < 1990 || s.year > 2100)
        throw Error(OB_N("年度 {year} 不合理"), {{"year", std::to_string(s.year)}}, {{}, {}, "year"});
    if (!s.on.valid() || s.on > Date::today())
        throw Error(OB_N("测评日期 {date} 无效或晚于今天"), {{"date", s.on.iso()}}, {{}, {}, "date"});
    if (s.respondents <= 0) throw Error(OB_N("参加测评人数须大于 0"), {}, {{}, {}, "respondents"});
    for (const auto& [name, n] :
         {std::pair<const char*, int>{"aware", s.aware}, {"participating", s.participating}, {"satisfied", s.satisfied}})
        if (n < 0 || n > s.respondents)
            throw Error(OB_N("--{option} 的人数 {count} 应在 0 到参加测评人数 {respondents} 之间"),
                        {{"option", name}, {"count", std::to_string(n)}, {"respondents", std::to_string(s.respondents)}},
                        {{}, {}, name});
    Transaction tx(m_db);
    auto st = m_db.prepare(
        "INSERT INTO three_high_survey(organisation_id, year, surveyed_on, respondents, aware, participating, satisfied, notes) "
        "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(organisation_id, year) DO UPDATE SET surveyed_on=excluded.surveyed_on, "
        "respondents=excluded.respondents, aware=excluded.aware, participating=excluded.participating, "
        "satisfied=excluded.satisfied, notes=excluded.notes");
    st.bind_all(m_org, s.year, s.on.iso(), s.respondents, s.aware, s.participating, s.satisfied);
    st.bind(8, s.notes.empty() ? std::optional<std::string>() : s.notes);
    st.run();
    tx.commit();
}

std::optional<ThreeHighSurvey> ThreeHighStore::get(int year) {
    auto st = m_db.prepare("SELECT surveyed_on, respondents, aware, participating, satisfied, notes FROM three_high_survey "
                           "WHERE organisation_id = ? AND year = ?");
    st.bind_all(m_org, year);
    if (!st.step()) return std::nullopt;
    ThreeHighSurvey s;
    s.year = year;
    s.on = Date::parse(st.get_text(0)).value_or(Date());
    s.respondents = static_cast<int>(st.get_int(1));
    s.aware = static_cast<int>(st.get_int(2));
    s.participating = static_cast<int>(st.get_int(3));
    s.satisfied = static_cast<int>(st.get_int(4));
    s.notes = st.get_text(5);
    return s;
}

} // namespace onebook::core
