#include "onebook/recruitment.hpp"

#include "migrations.hpp"

#include "onebook/board.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/roster.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace onebook::core {

namespace fs = std::filesystem;
using Poco::JSON::Object;

const std::vector<std::string>& recruitment_stages() {
    static const std::vector<std::string> s = {"入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员"};
    return s;
}

const std::vector<std::string>& recruitment_milestones() {
    static const std::vector<std::string> s = {"谈话", "考察", "政审", "培训", "公示", "宣誓"};
    return s;
}

namespace {

const std::vector<std::string>& known_kinds() {
    static const std::vector<std::string> k = {"talk_after_application", "activist_contacts", "activist_review",
                                               "activist_min_period",    "political_review",  "training",
                                               "public_notice",          "probation",         "oath"};
    return k;
}

int stage_index(const std::string& stage) {
    const auto& s = recruitment_stages();
    auto it = std::find(s.begin(), s.end(), stage);
    return it == s.end() ? -1 : static_cast<int>(it - s.begin());
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

/// A person's name and gender as the pipeline keeps them.
void check_name_and_gender(const Recruit& r) {
    if (r.name.empty()) throw Error(OB_N("姓名不能为空"), {}, {{}, {}, "name"});
    if (!r.gender.empty() && r.gender != "男" && r.gender != "女")
        throw Error(OB_N("性别“{value}”无效，应为 男 或 女"), {{"value", r.gender}}, {{}, {}, "gender"});
}

/// 十八岁 when the application was handed in.
void check_age(const std::optional<Date>& birth, const Date& applied_on) {
    if (birth && birth->years_until(applied_on) < 18)
        throw Error(OB_N("递交入党申请书时（{date}）未满十八岁"), {{"date", applied_on.iso()}}, {{}, {}, "birth_date"});
}

std::vector<std::string> split_names(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 3, "、") == 0 || s.compare(i, 3, "，") == 0) {
            flush();
            i += 3;
        } else if (s[i] == ',') {
            flush();
            ++i;
        } else cur += s[i++];
    }
    flush();
    return out;
}

std::string num(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
}

std::optional<std::string> text_or_null(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Recruit read_recruit(Statement& st) {
    Recruit r;
    r.id = st.get_int(0);
    r.organisation_id = st.get_int(1);
    r.name = st.get_text(2);
    r.gender = st.get_text(3);
    if (auto t = st.get_opt_text(4)) r.birth_date = Date::parse(*t);
    r.applied_on = Date::parse(st.get_text(5)).value_or(Date());
    r.stage = st.get_text(6);
    r.stage_since = Date::parse(st.get_text(7)).value_or(Date());
    r.contacts = split_names(st.get_text(8));
    r.member_id = st.get_opt_int(9);
    r.notes = st.get_text(10);
    return r;
}

const char* kRecruitCols = "id, organisation_id, name, gender, birth_date, applied_on, stage, stage_since, contacts, "
                           "member_id, notes";

} // namespace

// ---- rules ---------------------------------------------------------------------------------------

RecruitmentRules RecruitmentRules::parse(const std::string& json, const std::string& file) {
    Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(json).extract<Object::Ptr>();
    } catch (const std::exception& e) {
        throw Error(OB_N("规则文件 {file} 不是有效的 JSON 对象：{reason}"), {{"file", file}, {"reason", e.what()}},
                    {file, {}, {}});
    }
    if (!root || !root->has("rules") || !root->getArray("rules"))
        throw Error(OB_N("发展党员规则文件 {file} 缺少“rules”数组"), {{"file", file}}, {file, {}, "rules"});
    RecruitmentRules out;
    auto arr = root->getArray("rules");
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto o = arr->getObject(static_cast<unsigned>(i));
        std::string field = "rules[" + std::to_string(i) + "]";
        if (!o)
            throw Error(OB_N("发展党员规则文件 {file} 的 {field} 应为对象"), {{"file", file}, {"field", field}},
                        {file, {}, field});
        RecruitmentRule r;
        r.id = o->optValue<std::string>("id", "");
        r.kind = o->optValue<std::string>("kind", "");
        r.description = o->optValue<std::string>("description", "");
        r.source = o->optValue<std::string>("source", "");
        if (r.id.empty())
            throw Error(OB_N("发展党员规则文件 {file} 的 {field} 缺少 id"), {{"file", file}, {"field", field}},
                        {file, {}, field + ".id"});
        const auto& kinds = known_kinds();
        if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end())
            throw Error(OB_N("发展党员规则文件 {file}：规则 {rule} 的类型“{kind}”未知，应为 {kinds}"),
                        {{"file", file}, {"rule", r.id}, {"kind", r.kind}, {"kinds", join(kinds, "、")}},
                        {file, {}, field + ".kind"});
        if (r.source.empty())
            throw Error(OB_N("发展党员规则文件 {file}：规则 {rule} 须注明依据（source）"), {{"file", file}, {"rule", r.id}},
                        {file, {}, field + ".source"});
        if (auto p = o->getObject("params")) {
            std::vector<std::string> names;
            p->getNames(names);
            for (const auto& n : names) {
                if (!p->get(n).isNumeric() || p->getValue<double>(n) < 0)
                    throw Error(OB_N("发展党员规则文件 {file}：规则 {rule} 的参数“{field}”应为不小于 0 的数字"),
                                {{"file", file}, {"rule", r.id}, {"field", "params." + n}}, {file, {}, field + ".params." + n});
                r.params[n] = p->getValue<double>(n);
            }
        }
        out.m_rules.push_back(std::move(r));
    }
    return out;
}

void RecruitmentRules::override_with(const RecruitmentRules& other) {
    for (const auto& r : other.m_rules) {
        auto it = std::find_if(m_rules.begin(), m_rules.end(), [&](const RecruitmentRule& x) { return x.id == r.id; });
        if (it != m_rules.end()) *it = r;
        else m_rules.push_back(r);
    }
}

RecruitmentRules RecruitmentRules::load(const PluginHost* plugins, const std::string& sector, const std::vector<fs::path>& dirs) {
    RecruitmentRules out;
    std::string tried;
    bool found = false;
    for (const auto& d : dirs) {
        auto f = d / "recruitment" / "rules.json";
        std::error_code ec;
        if (fs::is_regular_file(f, ec)) {
            out = parse(read_text(f), f.string());
            found = true;
            break;
        }
        tried += (tried.empty() ? "" : "、") + f.string();
    }
    if (!found)
        throw Error(OB_N("找不到发展党员规则文件（查找了 {dirs}），可用环境变量 ONEBOOK_TEMPLATE_PATH 指定模板文件夹"),
                    {{"dirs", tried}});
    if (plugins && !sector.empty()) {
        if (const auto* p = plugins->find(sector)) {
            auto folder = p->manifest().folder / "data" / "recruitment";
            std::error_code ec;
            if (fs::is_directory(folder, ec)) {
                std::vector<fs::path> files;
                for (const auto& e : fs::directory_iterator(folder, ec))
                    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
                std::sort(files.begin(), files.end());
                for (const auto& f : files) out.override_with(parse(read_text(f), f.string()));
            }
        }
    }
    return out;
}

RecruitmentRules RecruitmentRules::load_default(const PluginHost* plugins, const std::string& sector) {
    return load(plugins, sector, BoardTemplates::default_dirs());
}

const RecruitmentRule* RecruitmentRules::by_kind(const std::string& kind) const {
    for (const auto& r : m_rules)
        if (r.kind == kind) return &r;
    return nullptr;
}

double RecruitmentRules::param(const std::string& kind, const std::string& name, double fallback) const {
    const auto* r = by_kind(kind);
    if (!r) return fallback;
    auto it = r->params.find(name);
    return it == r->params.end() ? fallback : it->second;
}

// ---- the pipeline -------------------------------------------------------------------------------

void Recruitment::check_record(std::optional<Id> record_id) {
    if (!record_id) return;
    Statement st(m_db, "SELECT 1 FROM record WHERE id = ? AND organisation_id = ?");
    st.bind_all(*record_id, m_org);
    if (!st.step()) throw Error(OB_N("会议记录 {id} 不存在"), {{"id", std::to_string(*record_id)}}, {{}, {}, "record"});
}

std::string Recruit::contacts_text() const { return join(contacts, "、"); }

Id Recruitment::apply(Recruit& r) {
    check_name_and_gender(r);
    if (!r.applied_on.valid()) throw Error(OB_N("递交入党申请书的日期不能为空"), {}, {{}, {}, "date"});
    if (r.applied_on > Date::today())
        throw Error(OB_N("{label} {date} 晚于今天"), {{"label", "递交入党申请书日期"}, {"date", r.applied_on.iso()}},
                    {{}, {}, "date"});
    check_age(r.birth_date, r.applied_on);
    r.organisation_id = m_org;
    r.stage = recruitment_stages().front();
    r.stage_since = r.applied_on;
    Transaction tx(m_db);
    Statement st(m_db, "INSERT INTO recruit(organisation_id, name, gender, birth_date, applied_on, stage, stage_since, "
                       "contacts, notes) VALUES(?,?,?,?,?,?,?,?,?)");
    st.bind_all(m_org, r.name, text_or_null(r.gender),
                r.birth_date ? std::optional<std::string>(r.birth_date->iso()) : std::nullopt, r.applied_on.iso(), r.stage,
                r.stage_since.iso(), r.contacts_text(), r.notes);
    st.run();
    r.id = m_db.last_insert_id();
    Statement ev(m_db, "INSERT INTO recruit_event(recruit_id, kind, stage, on_date, note) VALUES(?, '阶段', ?, ?, ?)");
    ev.bind_all(r.id, r.stage, r.applied_on.iso(), std::string("递交入党申请书")).run();
    tx.commit();
    return r.id;
}

std::optional<Recruit> Recruitment::recruit(Id id) {
    Statement st(m_db, std::string("SELECT ") + kRecruitCols + " FROM recruit WHERE id = ? AND organisation_id = ?");
    st.bind_all(id, m_org);
    if (!st.step()) return std::nullopt;
    return read_recruit(st);
}

Recruit Recruitment::require(const std::string& key) {
    bool digits = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits)
        if (auto r = recruit(std::stoll(key))) return *r;
    Statement st(m_db,
                 std::string("SELECT ") + kRecruitCols + " FROM recruit WHERE name = ? AND organisation_id = ? ORDER BY id");
    st.bind_all(key, m_org);
    std::vector<Recruit> found;
    while (st.step()) found.push_back(read_recruit(st));
    if (found.empty())
        throw Error(OB_N("发展党员名单中没有“{name}”（可用 member pipeline 查看）"), {{"name", key}}, {{}, {}, "person"});
    if (found.size() > 1)
        throw Error(OB_N("发展党员名单中有 {count} 人名为“{name}”，请用编号指定"),
                    {{"name", key}, {"count", std::to_string(found.size())}}, {{}, {}, "person"});
    return found.front();
}

std::vector<Recruit> Recruitment::recruits(bool include_full) {
    Statement st(m_db, std::string("SELECT ") + kRecruitCols +
                           " FROM recruit WHERE organisation_id = ?1 AND (?2 OR stage <> '正式党员') "
                           "ORDER BY CASE stage WHEN '入党申请人' THEN 0 WHEN '入党积极分子' THEN 1 WHEN '发展对象' THEN 2 "
                           "WHEN '预备党员' THEN 3 ELSE 4 END, applied_on, id");
    st.bind_all(m_org, include_full ? 1 : 0);
    std::vector<Recruit> out;
    while (st.step()) out.push_back(read_recruit(st));
    return out;
}

std::vector<Recruit> Recruitment::before_admission() {
    auto out = recruits(false);
    out.erase(std::remove_if(out.begin(), out.end(), [](const Recruit& r) { return stage_index(r.stage) > 2; }), out.end());
    return out;
}

std::vector<RecruitEvent> Recruitment::events(Id recruit_id) {
    Statement st(m_db, "SELECT id, recruit_id, kind, coalesce(stage, ''), on_date, record_id, days, hours, coalesce(note, '') "
                       "FROM recruit_event WHERE recruit_id = ? ORDER BY on_date, id");
    st.bind(1, recruit_id);
    std::vector<RecruitEvent> out;
    while (st.step()) {
        RecruitEvent e;
        e.id = st.get_int(0);
        e.recruit_id = st.get_int(1);
        e.kind = st.get_text(2);
        e.stage = st.get_text(3);
        e.on = Date::parse(st.get_text(4)).value_or(Date());
        e.record_id = st.get_opt_int(5);
        if (!st.is_null(6)) e.days = st.get_double(6);
        if (!st.is_null(7)) e.hours = st.get_double(7);
        e.note = st.get_text(8);
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<Date> Recruitment::stage_date(Id recruit_id, const std::string& stage) {
    Statement st(m_db, "SELECT max(on_date) FROM recruit_event WHERE recruit_id = ? AND kind = '阶段' AND stage = ?");
    st.bind_all(recruit_id, stage);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return Date::parse(st.get_text(0));
}

void Recruitment::set_contacts(Id recruit_id, const std::vector<std::string>& contacts) {
    Transaction tx(m_db);
    Statement st(m_db, "UPDATE recruit SET contacts = ? WHERE id = ? AND organisation_id = ?");
    st.bind_all(join(contacts, "、"), recruit_id, m_org).run();
    if (m_db.changes() != 1) throw Error(OB_N("发展党员名单中没有编号 {id}"), {{"id", std::to_string(recruit_id)}});
    tx.commit();
}

void Recruitment::update(const Recruit& r) {
    auto old = recruit(r.id);
    if (!old) throw Error(OB_N("发展党员名单中没有编号 {id}"), {{"id", std::to_string(r.id)}});
    check_name_and_gender(r);
    if (old->member_id && (r.name != old->name || r.gender != old->gender || r.birth_date != old->birth_date))
        throw Error(OB_N("{name} 已接收为预备党员，姓名、性别和出生日期请在党员名册中修改"), {{"name", old->name}},
                    {{}, {}, "name"});
    check_age(r.birth_date, old->applied_on);
    Transaction tx(m_db);
    Statement st(m_db, "UPDATE recruit SET name = ?, gender = ?, birth_date = ?, contacts = ?, notes = ? "
                       "WHERE id = ? AND organisation_id = ?");
    st.bind_all(r.name, text_or_null(r.gender), r.birth_date ? std::optional<std::string>(r.birth_date->iso()) : std::nullopt,
                r.contacts_text(), r.notes, r.id, m_org)
        .run();
    tx.commit();
}

void Recruitment::remove(Id recruit_id) {
    auto r = recruit(recruit_id);
    if (!r) throw Error(OB_N("发展党员名单中没有编号 {id}"), {{"id", std::to_string(recruit_id)}});
    if (r->member_id)
        throw Error(OB_N("{name} 已接收为预备党员，不能从发展党员名单中删除"), {{"name", r->name}}, {{}, {}, "person"});
    Transaction tx(m_db);
    Statement(m_db, "DELETE FROM recruit_event WHERE recruit_id = ?").bind_all(recruit_id).run();
    Statement(m_db, "DELETE FROM recruit WHERE id = ? AND organisation_id = ?").bind_all(recruit_id, m_org).run();
    tx.commit();
}

Id Recruitment::add_event(RecruitEvent& e) {
    const auto& ms = recruitment_milestones();
    if (std::find(ms.begin(), ms.end(), e.kind) == ms.end())
        throw Error(OB_N("事项“{value}”无效，应为 {kinds}"), {{"value", e.kind}, {"kinds", join(ms, "、")}}, {{}, {}, "kind"});
    auto r = recruit(e.recruit_id);
    if (!r) throw Error(OB_N("发展党员名单中没有编号 {id}"), {{"id", std::to_string(e.recruit_id)}});
    if (!e.on.valid()) throw Error(OB_N("日期不能为空"), {}, {{}, {}, "date"});
    if (e.on > Date::today())
        throw Error(OB_N("{label} {date} 晚于今天"), {{"label", e.kind}, {"date", e.on.iso()}}, {{}, {}, "date"});
    if (e.on < r->applied_on)
        throw Error(OB_N("{kind}日期 {date} 早于递交入党申请书的日期 {applied}"),
                    {{"kind", e.kind}, {"date", e.on.iso()}, {"applied", r->applied_on.iso()}}, {{}, {}, "date"});
    if (e.kind == "培训" && !e.days && !e.hours)
        throw Error(OB_N("培训须注明天数（--days）或学时（--hours）"), {}, {{}, {}, "days"});
    check_record(e.record_id);
    Transaction tx(m_db);
    Statement st(m_db,
                 "INSERT INTO recruit_event(recruit_id, kind, on_date, record_id, days, hours, note) VALUES(?,?,?,?,?,?,?)");
    st.bind_all(e.recruit_id, e.kind, e.on.iso(), e.record_id);
    if (e.days) st.bind(5, *e.days);
    else st.bind_null(5);
    if (e.hours) st.bind(6, *e.hours);
    else st.bind_null(6);
    st.bind(7, e.note);
    st.run();
    e.id = m_db.last_insert_id();
    tx.commit();
    return e.id;
}

namespace {

/// The step itself: only to the next stage, on a real date not before the current stage began,
/// and from 发展对象 on with the meeting that decided it (支委会 / 支部党员大会).
void check_step(const Recruit& r, const std::string& to, const Date& on, std::optional<Id> record_id) {
    int from = stage_index(r.stage), target = stage_index(to);
    if (target < 0)
        throw Error(OB_N("阶段“{value}”无效，应为 {stages}"), {{"value", to}, {"stages", join(recruitment_stages(), " → ")}},
                    {{}, {}, "to"});
    if (target != from + 1)
        throw Error(OB_N("{name} 现为{from}，下一阶段应为{next}，不能转为{to}"),
                    {{"name", r.name},
                     {"from", r.stage},
                     {"next", from + 1 < static_cast<int>(recruitment_stages().size()) ? recruitment_stages()[from + 1] : "—"},
                     {"to", to}},
                    {{}, {}, "to"});
    if (!on.valid()) throw Error(OB_N("日期不能为空"), {}, {{}, {}, "date"});
    if (on > Date::today()) throw Error(OB_N("{label} {date} 晚于今天"), {{"label", to}, {"date", on.iso()}}, {{}, {}, "date"});
    if (on < r.stage_since)
        throw Error(OB_N("{name} 转为{to}的日期 {date} 早于其成为{from}的日期 {since}"),
                    {{"name", r.name}, {"to", to}, {"date", on.iso()}, {"from", r.stage}, {"since", r.stage_since.iso()}},
                    {{}, {}, "date"});
    if (target >= 2 && !record_id)
        throw Error(OB_N("转为{to}须注明作出决定的会议记录（--record）"), {{"to", to}}, {{}, {}, "record"});
}

/// The sector's rules for a step, judged on the recruit's events up to the step's date; a
/// refusal names the rule's source.
class StepRules {
public:
    StepRules(const RecruitmentRules& rules, const Recruit& r, const Date& on, std::vector<RecruitEvent> events)
        : m_rules(rules), m_r(r), m_on(on), m_events(std::move(events)) {}

    /// 入党积极分子 → 发展对象: the minimum time as an activist, and enough 培养联系人.
    void check_candidate(const Date& since, std::size_t contacts) const {
        int months = static_cast<int>(m_rules.param("activist_min_period", "months", 12));
        Date earliest = since.add_months(months);
        if (m_rules.by_kind("activist_min_period") && m_on < earliest)
            refuse("activist_min_period", OB_N("{name} 自 {since} 起为入党积极分子，{earliest} 前不能列为发展对象（{source}）"),
                   {{"since", since.iso()}, {"earliest", earliest.iso()}});
        int need = static_cast<int>(m_rules.param("activist_contacts", "count", 0));
        if (m_rules.by_kind("activist_contacts") && static_cast<int>(contacts) < need)
            refuse("activist_contacts", OB_N("{name} 只有 {count} 名培养联系人，列为发展对象前应有 {need} 名（{source}）"),
                   {{"count", std::to_string(contacts)}, {"need", std::to_string(need)}});
    }

    /// 发展对象 → 预备党员: political review, training and a full public notice.
    void check_admission() const {
        if (m_rules.by_kind("political_review") && !last_before("政审"))
            refuse("political_review", OB_N("{name} 尚未进行政治审查，不能接收为预备党员（{source}）"), {});
        if (m_rules.by_kind("training")) {
            double min_days = m_rules.param("training", "min_days", 0), min_hours = m_rules.param("training", "min_hours", 0);
            double days = sum_before("培训", true), hours = sum_before("培训", false);
            if (days < min_days && hours < min_hours)
                refuse(
                    "training",
                    OB_N(
                        "{name} 集中培训 {days} 天、{hours} 学时，不足 {min_days} 天或 {min_hours} 学时，不能接收为预备党员（{source}）"),
                    {{"days", num(days)}, {"hours", num(hours)}, {"min_days", num(min_days)}, {"min_hours", num(min_hours)}});
        }
        if (m_rules.by_kind("public_notice")) {
            auto notice = last_before("公示");
            int days = static_cast<int>(m_rules.param("public_notice", "min_days", 0));
            if (!notice) refuse("public_notice", OB_N("{name} 尚未公示，不能接收为预备党员（{source}）"), {});
            if (notice->add_days(days) > m_on)
                refuse("public_notice",
                       OB_N("{name} 自 {date} 起公示，须满 {days} 天（{until} 起）方可接收为预备党员（{source}）"),
                       {{"date", notice->iso()}, {"days", std::to_string(days)}, {"until", notice->add_days(days).iso()}});
        }
    }

    /// 预备党员 → 正式党员: the probation has ended.
    void check_probation(const Date& admitted) const {
        if (!m_rules.by_kind("probation")) return;
        Date end = admitted.add_months(static_cast<int>(m_rules.param("probation", "months", 12)));
        if (m_on < end)
            refuse("probation", OB_N("{name} 预备期至 {end} 届满，{date} 不能转为正式党员（{source}）"),
                   {{"end", end.iso()}, {"date", m_on.iso()}});
    }

private:
    [[noreturn]] void refuse(const std::string& kind, const std::string& key, MessageParams params) const {
        const auto* rule = m_rules.by_kind(kind);
        params.insert(params.begin(), {"name", m_r.name});
        params.push_back({"source", rule ? rule->source : std::string()});
        throw Error(key, params, {{}, {}, "date"});
    }
    double sum_before(const std::string& kind, bool days) const {
        double total = 0;
        for (const auto& e : m_events)
            if (e.kind == kind && e.on <= m_on) total += days ? e.days.value_or(0) : e.hours.value_or(0);
        return total;
    }
    std::optional<Date> last_before(const std::string& kind) const {
        std::optional<Date> d;
        for (const auto& e : m_events)
            if (e.kind == kind && e.on <= m_on) d = e.on;
        return d;
    }

    const RecruitmentRules& m_rules;
    const Recruit& m_r;
    const Date& m_on;
    std::vector<RecruitEvent> m_events;
};

/// The roster follows the step: a 预备党员 becomes a member, a 正式党员's entry turns full.
/// Returns the recruit's member id.
std::optional<Id> update_roster(Database& db, Id org, const Recruit& r, const std::string& to, const Date& on) {
    std::optional<Id> member_id = r.member_id;
    Roster roster(db, org);
    if (to == "预备党员") {
        Member m;
        m.name = r.name;
        m.gender = r.gender;
        m.birth_date = r.birth_date;
        m.join_date = on;
        m.status = "预备党员";
        member_id = roster.add_member(m);
    } else if (to == "正式党员") {
        auto m = member_id ? roster.member(*member_id, true) : std::nullopt;
        if (!m) throw Error(OB_N("{name} 不在党员名册中，无法转为正式党员"), {{"name", r.name}});
        m->status = "正式党员";
        m->full_date = on;
        roster.update_member(*m);
    }
    return member_id;
}

} // namespace

void Recruitment::move(Id recruit_id, const std::string& to, const Date& on, std::optional<Id> record_id, const std::string& note,
                       const std::vector<std::string>& contacts) {
    auto r = recruit(recruit_id);
    if (!r) throw Error(OB_N("发展党员名单中没有编号 {id}"), {{"id", std::to_string(recruit_id)}});
    check_step(*r, to, on, record_id);
    check_record(record_id);
    const StepRules rules(m_rules, *r, on, events(recruit_id));
    std::vector<std::string> new_contacts = contacts.empty() ? r->contacts : contacts;
    if (to == "发展对象")
        rules.check_candidate(stage_date(recruit_id, "入党积极分子").value_or(r->stage_since), new_contacts.size());
    if (to == "预备党员") rules.check_admission();
    if (to == "正式党员") rules.check_probation(stage_date(recruit_id, "预备党员").value_or(r->stage_since));

    Transaction tx(m_db);
    std::optional<Id> member_id = update_roster(m_db, m_org, *r, to, on);
    Statement up(m_db, "UPDATE recruit SET stage = ?, stage_since = ?, contacts = ?, member_id = ? WHERE id = ?");
    up.bind_all(to, on.iso(), join(new_contacts, "、"), member_id, recruit_id).run();
    Statement ev(m_db,
                 "INSERT INTO recruit_event(recruit_id, kind, stage, on_date, record_id, note) VALUES(?, '阶段', ?, ?, ?, ?)");
    ev.bind_all(recruit_id, to, on.iso(), record_id, note).run();
    tx.commit();
}

std::vector<PipelineItem> Recruitment::due(const Date& today, const std::vector<Recruit>& people) {
    auto items = due(today);
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const PipelineItem& it) {
                                   return std::none_of(people.begin(), people.end(),
                                                       [&](const Recruit& p) { return p.id == it.recruit_id; });
                               }),
                items.end());
    return items;
}

namespace {

/// What one recruit's pipeline asks for as of `today`, by the sector's rules; each item names
/// its rule and the rule's source.
class RecruitDue {
public:
    RecruitDue(const RecruitmentRules& rules, const Recruit& r, std::vector<RecruitEvent> events, const Date& today,
               std::vector<PipelineItem>& out)
        : m_rules(rules), m_r(r), m_events(std::move(events)), m_today(today), m_out(out) {}

    /// Someone who applied is talked to within the rule's months.
    void application_talk() {
        if (stage_index(m_r.stage) > 2 || !m_rules.by_kind("talk_after_application") || last("谈话")) return;
        Date d = m_r.applied_on.add_months(static_cast<int>(m_rules.param("talk_after_application", "months", 1)));
        if (m_today > d)
            add("talk_after_application", "逾期", d, OB_N("{name} {applied} 递交入党申请书，应在 {due} 前派人谈话，至今未谈话"),
                {{"applied", m_r.applied_on.iso()}, {"due", d.iso()}});
        else add("talk_after_application", "待办", d, OB_N("{name} 递交入党申请书，应在 {due} 前派人谈话"), {{"due", d.iso()}});
    }

    /// An activist (since `since`): contacts, the half-yearly review, and the year after which
    /// the branch may discuss them.
    void activist(const Date& since) {
        int need = static_cast<int>(m_rules.param("activist_contacts", "count", 0));
        if (m_rules.by_kind("activist_contacts") && static_cast<int>(m_r.contacts.size()) < need)
            add("activist_contacts", "待办", std::nullopt, OB_N("{name} 有 {count} 名培养联系人，应指定 {need} 名"),
                {{"count", std::to_string(m_r.contacts.size())}, {"need", std::to_string(need)}});
        if (m_rules.by_kind("activist_review")) {
            std::optional<Date> lr;
            for (const auto& e : m_events)
                if (e.kind == "考察" && e.on >= since && (!lr || e.on > *lr)) lr = e.on;
            Date next = lr.value_or(since).add_months(static_cast<int>(m_rules.param("activist_review", "months", 6)));
            if (m_today > next)
                add("activist_review", "逾期", next, OB_N("{name} 的半年考察应在 {due} 前进行，已逾期"), {{"due", next.iso()}});
            else if (next.days() - m_today.days() <= 30)
                add("activist_review", "待办", next, OB_N("{name} 的半年考察应在 {due} 前进行"), {{"due", next.iso()}});
        }
        if (m_rules.by_kind("activist_min_period")) {
            Date earliest = since.add_months(static_cast<int>(m_rules.param("activist_min_period", "months", 12)));
            if (m_today >= earliest)
                add("activist_min_period", "提示", earliest, OB_N("{name} 培养考察已满一年（{date}），可讨论列为发展对象"),
                    {{"date", earliest.iso()}});
        }
    }

    /// A candidate: political review, training and the public notice before the branch meeting.
    void candidate() {
        if (m_rules.by_kind("political_review") && !last("政审"))
            add("political_review", "待办", std::nullopt, OB_N("{name} 尚未进行政治审查"), {});
        if (m_rules.by_kind("training")) {
            double days = 0, hours = 0;
            for (const auto& e : m_events)
                if (e.kind == "培训") {
                    days += e.days.value_or(0);
                    hours += e.hours.value_or(0);
                }
            double min_days = m_rules.param("training", "min_days", 0), min_hours = m_rules.param("training", "min_hours", 0);
            if (days < min_days && hours < min_hours)
                add("training", "待办", std::nullopt,
                    OB_N("{name} 集中培训 {days} 天、{hours} 学时，不足 {min_days} 天或 {min_hours} 学时"),
                    {{"days", num(days)}, {"hours", num(hours)}, {"min_days", num(min_days)}, {"min_hours", num(min_hours)}});
        }
        if (m_rules.by_kind("public_notice") && !last("公示"))
            add("public_notice", "待办", std::nullopt, OB_N("{name} 尚未在支部党员大会前公示"), {});
    }

    void oath() {
        if (m_rules.by_kind("oath") && !last("宣誓")) add("oath", "待办", std::nullopt, OB_N("{name} 尚未进行入党宣誓"), {});
    }

    /// A probationer admitted on `admitted`: the branch discusses them when the probation ends.
    void probation(const Date& admitted) {
        Date end = admitted.add_months(static_cast<int>(m_rules.param("probation", "months", 12)));
        long warn = static_cast<long>(m_rules.param("probation", "warn_days", 30));
        if (m_today > end)
            add("probation", "逾期", end, OB_N("{name} 预备期 {end} 届满，支部尚未讨论转正"), {{"end", end.iso()}});
        else if (end.days() - m_today.days() <= warn)
            add("probation", "待办", end, OB_N("{name} 预备期将于 {end} 届满，支部应及时讨论转正"), {{"end", end.iso()}});
    }

private:
    std::optional<Date> last(const std::string& kind) const {
        std::optional<Date> d;
        for (const auto& e : m_events)
            if (e.kind == kind && (!d || e.on > *d)) d = e.on;
        return d;
    }

    void add(const std::string& kind, const std::string& state, std::optional<Date> due, std::string key, MessageParams params) {
        const auto* rule = m_rules.by_kind(kind);
        params.insert(params.begin(), {"name", m_r.name});
        PipelineItem it;
        it.recruit_id = m_r.id;
        it.name = m_r.name;
        it.stage = m_r.stage;
        it.state = state;
        it.due = due;
        it.rule_id = rule ? rule->id : kind;
        it.source = rule ? rule->source : std::string();
        it.message = {std::move(key), std::move(params)};
        m_out.push_back(std::move(it));
    }

    const RecruitmentRules& m_rules;
    const Recruit& m_r;
    std::vector<RecruitEvent> m_events;
    const Date& m_today;
    std::vector<PipelineItem>& m_out;
};

} // namespace

std::vector<PipelineItem> Recruitment::due(const Date& today) {
    std::vector<PipelineItem> out;
    for (const auto& r : recruits(false)) {
        RecruitDue d(m_rules, r, events(r.id), today, out);
        d.application_talk();
        if (r.stage == "入党积极分子") d.activist(stage_date(r.id, "入党积极分子").value_or(r.stage_since));
        if (r.stage == "发展对象") d.candidate();
        if (r.stage == "预备党员") {
            d.oath();
            if (m_rules.by_kind("probation")) d.probation(stage_date(r.id, "预备党员").value_or(r.stage_since));
        }
    }
    return out;
}

void move_old_activist_list(Database& db) {
    for (const auto& m : migrations())
        if (m.version == 19) return db.exec(m.sql);
    throw std::logic_error("schema migration 19 (activists into the pipeline) is not embedded");
}

} // namespace onebook::core
