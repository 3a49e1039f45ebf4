// Results packages (下发): export in the superior's archive, import in the branch's. See
// results_package.hpp.
#include "onebook/archive/results_package.hpp"

#include "onebook/archive/bagit.hpp"
#include "onebook/assessment.hpp"
#include "onebook/backup.hpp"
#include "onebook/identity.hpp"
#include "onebook/journal.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rectification.hpp"
#include "onebook/rubric.hpp"
#include "onebook/text_encoding.hpp"
#include "onebook/text_limits.hpp"
#include "onebook/utf8.hpp"
#include "package_internal.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::archive {

using namespace pkg;

namespace {

constexpr const char* results_json = "data/results.json";
constexpr const char* kind_field = "OneBook-Package-Kind";

using JObject = Poco::JSON::Object;
using JArray = Poco::JSON::Array;

JObject::Ptr object() { return new JObject(Poco::JSON_PRESERVE_KEY_ORDER); }

/// A required rectification item: the superior's own for the deduction, or one made from it.
struct Requirement {
    core::Deduction deduction;
    std::string issue, measures, owner, target;
    core::Date deadline;
    bool written = false; ///< the superior wrote this item; else it stands for the deduction itself
};

std::vector<Requirement> requirements_of(core::Database& db, const core::Organisation& org, int year,
                                         const std::vector<core::Deduction>& deductions, const core::Date& today) {
    // The superior's own items for the branch (rectify add --org), not the branch's items that
    // came up in its packages.
    std::vector<core::RectificationItem> own;
    {
        auto from_package = db.prepare("SELECT 1 FROM package_row WHERE organisation_id = ? AND tbl = 'rectification_item' "
                                       "AND local_key = ?");
        for (auto& item : core::Rectification(db, org.id).list(today, {})) {
            from_package.bind_all(org.id, "[" + std::to_string(item.id) + "]");
            bool theirs = from_package.step();
            from_package.reset();
            if (!theirs) own.push_back(std::move(item));
        }
    }
    auto written = [](Requirement& r, const core::RectificationItem& item) {
        r.issue = item.issue;
        r.measures = item.measures;
        r.owner = item.owner;
        r.target = item.target;
        r.deadline = item.deadline;
        r.written = true;
    };
    std::vector<Requirement> out;
    for (const auto& d : deductions) {
        if (d.round != core::Round::Superior) continue;
        // The superior's own items for this deduction, or one made from the deduction itself.
        const auto source = core::RectSource::deduction(year, d.item_id);
        bool any = false;
        for (auto it = own.begin(); it != own.end();) {
            if (it->source != source) {
                ++it;
                continue;
            }
            Requirement r{d, {}, {}, {}, {}, {}};
            written(r, *it);
            out.push_back(std::move(r));
            it = own.erase(it);
            any = true;
        }
        if (any) continue;
        Requirement r{d, {}, {}, {}, {}, today.add_months(3)};
        char pts[64];
        std::snprintf(pts, sizeof pts, "%g", d.max - d.points);
        r.issue = core::truncate_utf8(d.text, core::limits::title - 40) + "（组织考核扣 " + pts + " 分）";
        r.measures = core::truncate_utf8("对照扣分理由逐项整改：" + (d.reason.empty() ? d.text : d.reason), core::limits::text);
        r.owner = "党支部书记";
        out.push_back(std::move(r));
    }
    // The rest the superior wrote and has not closed: linked to no deduction of its round.
    for (const auto& item : own) {
        if (item.status == core::RectStatus::Closed) continue;
        Requirement r;
        written(r, item);
        if (item.source.kind == core::RectSource::Kind::Deduction && item.source.deduction_year() == year)
            r.deduction.item_id = item.source.deduction_item();
        out.push_back(std::move(r));
    }
    return out;
}

std::string utc_now() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%FZ"); }

std::string results_file_name(const std::string& branch, int year) {
    std::string safe;
    for (char c : branch)
        safe +=
            (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') ? '_' : c;
    return safe + "-" + std::to_string(year) + "年考核结果.zip";
}

/// The latest survey row and the veto flags in force of an assessment, as JSON.
JObject::Ptr survey_json(core::Database& db, core::Id assessment_id) {
    auto st = db.prepare("SELECT member_satisfied, member_basic, member_dissatisfied, public_satisfied, public_basic, "
                         "public_dissatisfied, rate, points, recorded_by, recorded_at FROM assessment_survey "
                         "WHERE assessment_id = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, assessment_id);
    if (!st.step()) return nullptr;
    auto o = object();
    const char* ints[] = {"member_satisfied", "member_basic", "member_dissatisfied",
                          "public_satisfied", "public_basic", "public_dissatisfied"};
    for (int k = 0; k < 6; ++k) o->set(ints[k], st.get_int(k));
    o->set("rate", st.get_double(6));
    o->set("points", st.get_double(7));
    o->set("recorded_by", st.get_text(8));
    o->set("recorded_at", st.get_text(9));
    return o;
}

std::string stringify(const JObject::Ptr& doc) {
    std::ostringstream out;
    doc->stringify(out, 1);
    out << "\n";
    return out.str();
}

/// The branches results go to: all of them, or the one named; an empty choice is an error.
std::vector<core::Organisation> results_branches(core::OrganisationStore& orgs, const ResultsExportOptions& options) {
    std::vector<core::Organisation> branches;
    for (const auto& o : orgs.all())
        if (!o.is_home && (!options.branch || o.uid == *options.branch || o.name == *options.branch)) branches.push_back(o);
    if (options.branch && branches.empty())
        throw core::Error(OB_N("档案中没有名称或标识为“{branch}”的下级党组织（先导入它的档案包）"),
                          {{"branch", *options.branch}});
    if (branches.empty()) throw core::Error(OB_N("档案中还没有下级党组织（先导入它们的档案包）"));
    return branches;
}

/// The year asked for, else the latest year any of the branches has a final assessment of.
int results_year(core::AssessmentStore& store, const std::vector<core::Organisation>& branches,
                 const ResultsExportOptions& options) {
    int year = options.year.value_or(0);
    if (year) return year;
    for (const auto& b : branches)
        for (const auto& a : store.list(b.id))
            if (a.final) year = std::max(year, a.year);
    if (!year) throw core::Error(OB_N("还没有完成组织考核定级的下级党组织，没有可下发的考核结果"));
    return year;
}

JArray::Ptr scores_json(core::AssessmentStore& store, core::Id assessment_id) {
    JArray::Ptr scores = new JArray;
    for (const auto& s : store.scores(assessment_id, core::Round::Superior)) {
        auto so = object();
        so->set("item_id", s.item_id);
        so->set("points", s.points);
        so->set("reason", s.reason);
        so->set("note", s.note);
        std::string checks;
        for (const auto& c : s.checks) checks += (checks.empty() ? "" : ",") + c;
        so->set("checks", checks);
        so->set("scored_by", s.by);
        so->set("scored_at", s.at);
        scores->add(so);
    }
    return scores;
}

JArray::Ptr vetoes_json(core::AssessmentStore& store, core::Id assessment_id) {
    JArray::Ptr vetoes = new JArray;
    for (const auto& v : store.vetoes(assessment_id)) {
        auto vo = object();
        vo->set("veto_id", v.veto_id);
        vo->set("reason", v.reason);
        vo->set("flagged_by", v.by);
        vo->set("flagged_at", v.at);
        vetoes->add(vo);
    }
    return vetoes;
}

JArray::Ptr requirements_json(const std::vector<Requirement>& requirements) {
    JArray::Ptr reqs = new JArray;
    for (const auto& q : requirements) {
        auto qo = object();
        qo->set("item_id", q.deduction.item_id);
        qo->set("item_text", q.deduction.text);
        qo->set("max", q.deduction.max);
        qo->set("points", q.deduction.points);
        qo->set("reason", q.deduction.reason);
        qo->set("issue", q.issue);
        qo->set("measures", q.measures);
        qo->set("owner", q.owner);
        qo->set("target", q.target);
        qo->set("deadline", q.deadline.iso());
        qo->set("written_by_superior", q.written);
        reqs->add(qo);
    }
    return reqs;
}

/// One final assessment as sent down: grade, the superior's scores, survey, vetoes and the
/// requirements its deductions call for (counted into `r`).
JObject::Ptr assessment_json(core::Database& db, core::AssessmentStore& store, const core::Assessment& a,
                             const core::Organisation& b, int year, const core::Date& today, ResultsExport& r) {
    auto ao = object();
    ao->set("rubric_id", a.rubric_id);
    ao->set("final_total", a.final_total.value_or(0));
    ao->set("score_grade", a.score_grade);
    ao->set("final_grade", a.final_grade);
    ao->set("grade_explanation", a.grade_explanation);
    ao->set("finalised_by", a.finalised_by);
    ao->set("finalised_at", a.finalised_at);
    JArray::Ptr scores = scores_json(store, a.id);
    ao->set("scores", scores);
    auto survey = survey_json(db, a.id);
    if (survey) ao->set("survey", survey);
    ao->set("vetoes", vetoes_json(store, a.id));
    JArray::Ptr reqs = requirements_json(requirements_of(db, b, year, store.deductions(a.id), today));
    r.requirements += static_cast<int>(reqs->size());
    ao->set("requirements", reqs);
    r.rubric_id = a.rubric_id;
    r.grade = a.final_grade;
    r.total = a.final_total.value_or(0);
    r.scores += static_cast<int>(scores->size());
    return ao;
}

/// The results document of one branch.
JObject::Ptr results_document(core::Database& db, core::AssessmentStore& store, const core::Organisation& home,
                              const core::Organisation& b, int year, const std::vector<core::Assessment>& finals,
                              const std::string& exported_at, const core::Date& today, ResultsExport& r) {
    auto doc = object();
    doc->set("format", "onebook-results");
    doc->set("format_version", results_format_version);
    doc->set("package_id", r.package_id);
    doc->set("exported_at", exported_at);
    auto sup = object();
    sup->set("uid", home.uid);
    sup->set("name", home.name);
    doc->set("superior", sup);
    auto br = object();
    br->set("uid", b.uid);
    br->set("name", b.name);
    br->set("sector", b.sector);
    doc->set("branch", br);
    doc->set("year", year);
    JArray::Ptr assessments = new JArray;
    for (const auto& a : finals) assessments->add(assessment_json(db, store, a, b, year, today, r));
    doc->set("assessments", assessments);
    return doc;
}

BagInfo results_bag_info(const core::Organisation& home, const core::Organisation& b, const ResultsExport& r,
                         const std::vector<BagFile>& payload, const std::string& exported_at, const core::Date& today) {
    BagInfo info;
    info.add("Source-Organization", home.name);
    info.add("External-Identifier", home.uid);
    info.add("External-Description", "党建一本通考核结果（下发）：" + home.name + " → " + b.name);
    info.add("Bagging-Date", today.iso());
    info.add("Payload-Oxum", payload_oxum(payload));
    info.add("Internal-Sender-Identifier", r.package_id);
    info.add("Bag-Software-Agent", "OneBook onebook-archive (results format " + std::to_string(results_format_version) + ")");
    info.add(kind_field, "results");
    info.add("OneBook-Addressee", b.name);
    info.add("OneBook-Addressee-Identifier", b.uid);
    info.add("OneBook-Exported-At", exported_at);
    return info;
}

} // namespace

std::vector<ResultsExport> export_results(core::Archive& superior, const fs::path& out, const ResultsExportOptions& options) {
    if (!options.plugins) throw core::Error(OB_N("下发考核结果需要插件中的评分标准"));
    auto& db = superior.db();
    core::OrganisationStore orgs(db);
    auto home = orgs.home();
    if (!home) throw core::Error(OB_N("档案中没有本级党组织，无法下发考核结果"));
    auto rubrics = core::RubricSet::load(*options.plugins);
    core::AssessmentStore store(superior, rubrics);
    const std::vector<core::Organisation> branches = results_branches(orgs, options);
    const int year = results_year(store, branches, options);
    const bool one_file = options.branch && out.extension() == ".zip";
    std::error_code ec;
    if (!one_file && !fs::is_directory(out, ec) && !fs::create_directories(out, ec))
        throw core::Error(OB_N("无法创建文件夹 {folder}"), {{"folder", out.string()}}, {out.string(), {}, {}});

    std::vector<ResultsExport> done;
    const core::Date today = core::Date::today();
    for (const auto& b : branches) {
        std::vector<core::Assessment> finals;
        for (const auto& a : store.list(b.id, year))
            if (a.final) finals.push_back(a);
        if (finals.empty()) {
            if (options.branch)
                throw core::Error(OB_N("“{branch}”{year} 年的组织考核还没有定级，没有可下发的考核结果"),
                                  {{"branch", b.name}, {"year", std::to_string(year)}});
            continue;
        }
        ResultsExport r;
        r.package_id = core::new_uid();
        r.branch = b.name;
        r.branch_uid = b.uid;
        r.year = year;
        const std::string exported_at = utc_now();
        const std::string json = stringify(results_document(db, store, *home, b, year, finals, exported_at, today, r));
        std::vector<BagFile> payload = {{results_json, sha256_hex(json), json.size()}};
        r.file = one_file ? out : out / results_file_name(b.name, year);
        write_bag(r.file, results_bag_info(*home, b, r, payload, exported_at, today), payload, json, &superior, nullptr, {});
        done.push_back(std::move(r));
    }
    if (done.empty())
        throw core::Error(OB_N("{year} 年还没有完成组织考核定级的下级党组织，没有可下发的考核结果"),
                          {{"year", std::to_string(year)}});
    return done;
}

bool is_results_package(const fs::path& zip, const ZipLimits& limits) {
    // Only bag-info.txt is read (checked by inspect_zip first): a branch package is not unpacked twice.
    try {
        auto entries = inspect_zip(zip, limits);
        std::string name;
        for (const auto& e : entries) {
            auto slash = e.name.find('/');
            if (slash != std::string::npos && e.name.substr(slash + 1) == "bag-info.txt" && e.size < 65536) name = e.name;
        }
        if (name.empty()) return false;
        std::ifstream in(zip, std::ios::binary);
        Poco::Zip::ZipArchive archive(in);
        auto header = archive.findHeader(name);
        if (header == archive.headerEnd()) return false;
        in.clear();
        Poco::Zip::ZipInputStream entry(in, header->second);
        std::string text;
        char buf[4096];
        while (entry.read(buf, sizeof buf) || entry.gcount() > 0) {
            text.append(buf, static_cast<std::size_t>(entry.gcount()));
            if (text.size() > 65536) return false;
        }
        return parse_bag_info(text, name).get(kind_field) == "results";
    } catch (const std::exception&) { return false; }
}

namespace {

struct ParsedScore {
    std::string item_id;
    double points = 0;
    std::string reason, note, checks, by, at;
};

struct ParsedAssessment {
    std::string rubric_id;
    double final_total = 0;
    std::string score_grade, final_grade, grade_explanation, finalised_by, finalised_at;
    std::vector<ParsedScore> scores;
    JObject::Ptr survey;
    std::vector<core::VetoFlag> vetoes;
    std::vector<Requirement> requirements;
};

struct ParsedResults {
    std::string package_id, exported_at, superior_uid, superior_name, branch_uid, branch_name;
    int year = 0;
    std::vector<ParsedAssessment> assessments;
};

/// `what`: the system's words (a parser's message), kept as they are.
[[noreturn]] void bad_results(const std::string& file, const std::string& what) {
    throw core::Error(OB_N("{file} 内容不符合考核结果包格式：{what}"), {{"file", file}, {"what", what}}, {file, {}, {}});
}

[[noreturn]] void bad_results(const std::string& file, const char* what_key, core::MessageParams what_params = {}) {
    throw core::Error(core::Message{OB_N("{file} 内容不符合考核结果包格式：{what}"),
                                    {{"file", file}},
                                    {{"what", {what_key, std::move(what_params), {}}}}},
                      {file, {}, {}});
}

std::string text_of(const JObject::Ptr& o, const std::string& key, const std::string& file, std::size_t max_chars) {
    if (!o->has(key)) bad_results(file, OB_N("缺少成员 {member}"), {{"member", key}});
    auto v = o->get(key);
    if (!v.isString()) bad_results(file, OB_N("{member} 应为文字"), {{"member", key}});
    std::string s = v.extract<std::string>();
    if (!core::is_valid_utf8(s) || core::utf8_length(s) > max_chars)
        bad_results(file, OB_N("{member} 不是有效文字或过长"), {{"member", key}});
    return s;
}

double number_of(const JObject::Ptr& o, const std::string& key, const std::string& file) {
    if (!o->has(key) || !o->get(key).isNumeric()) bad_results(file, OB_N("{member} 应为数字"), {{"member", key}});
    double d = o->get(key).convert<double>();
    if (!std::isfinite(d) || d < 0 || d > 1000) bad_results(file, OB_N("{member} 的数值不合理"), {{"member", key}});
    return d;
}

ParsedScore parse_score(const JObject::Ptr& s, const std::string& file, const core::Rubric* rubric,
                        const std::string& rubric_id) {
    if (!s) bad_results(file, OB_N("scores 的条目应为对象"));
    ParsedScore ps{text_of(s, "item_id", file, 40),
                   number_of(s, "points", file),
                   text_of(s, "reason", file, core::limits::text),
                   text_of(s, "note", file, core::limits::text),
                   text_of(s, "checks", file, core::limits::text),
                   text_of(s, "scored_by", file, core::limits::title),
                   text_of(s, "scored_at", file, 64)};
    if (rubric) {
        const auto* item = rubric->find_item(ps.item_id);
        if (!item) bad_results(file, OB_N("评分标准 {rubric} 中没有第 {item} 项"), {{"rubric", rubric_id}, {"item", ps.item_id}});
        if (ps.points > item->points + 1e-9) bad_results(file, OB_N("第 {item} 项得分超过满分"), {{"item", ps.item_id}});
    }
    return ps;
}

/// The survey is kept as sent; only its members are checked.
void check_survey(const JObject::Ptr& survey, const std::string& file) {
    if (!survey) bad_results(file, OB_N("survey 应为对象"));
    for (const char* field : {"member_satisfied", "member_basic", "member_dissatisfied", "public_satisfied", "public_basic",
                              "public_dissatisfied", "rate", "points"})
        number_of(survey, field, file);
    text_of(survey, "recorded_by", file, core::limits::title);
    text_of(survey, "recorded_at", file, 64);
}

core::VetoFlag parse_veto(const JObject::Ptr& v, const std::string& file) {
    if (!v) bad_results(file, OB_N("vetoes 的条目应为对象"));
    core::VetoFlag f{text_of(v, "veto_id", file, 64), true, text_of(v, "reason", file, core::limits::text),
                     text_of(v, "flagged_by", file, core::limits::title), text_of(v, "flagged_at", file, 64)};
    if (f.reason.empty()) bad_results(file, OB_N("否决事项缺少理由"));
    return f;
}

Requirement parse_requirement(const JObject::Ptr& q, const std::string& file, const core::Rubric* rubric,
                              const std::string& rubric_id) {
    if (!q) bad_results(file, OB_N("requirements 的条目应为对象"));
    Requirement r;
    r.deduction.item_id = text_of(q, "item_id", file, 40);
    r.deduction.text = text_of(q, "item_text", file, core::limits::text);
    r.deduction.max = number_of(q, "max", file);
    r.deduction.points = number_of(q, "points", file);
    r.deduction.reason = text_of(q, "reason", file, core::limits::text);
    r.issue = text_of(q, "issue", file, core::limits::title);
    r.measures = text_of(q, "measures", file, core::limits::text);
    r.owner = text_of(q, "owner", file, core::limits::title);
    r.target = text_of(q, "target", file, core::limits::text);
    auto d = core::Date::parse(text_of(q, "deadline", file, 10));
    if (!d) bad_results(file, OB_N("deadline 不是日期"));
    r.deadline = *d;
    r.written = q->has("written_by_superior") && q->get("written_by_superior").isBoolean() &&
                q->get("written_by_superior").convert<bool>();
    if (r.issue.empty() || r.measures.empty()) bad_results(file, OB_N("整改要求缺少整改事项或措施"));
    if (rubric && !r.deduction.item_id.empty() && !rubric->find_item(r.deduction.item_id))
        bad_results(file, OB_N("评分标准 {rubric} 中没有第 {item} 项"), {{"rubric", rubric_id}, {"item", r.deduction.item_id}});
    return r;
}

/// One assessment of the package, checked against this program's rubric when `rubrics` is given.
ParsedAssessment parse_assessment(const JObject::Ptr& a, const std::string& file, const core::RubricSet* rubrics) {
    if (!a) bad_results(file, OB_N("assessments 的条目应为对象"));
    ParsedAssessment pa;
    pa.rubric_id = text_of(a, "rubric_id", file, core::limits::title);
    const core::Rubric* rubric = rubrics ? rubrics->find(pa.rubric_id) : nullptr;
    if (rubrics && !rubric) bad_results(file, OB_N("本程序的插件中没有评分标准 {rubric}"), {{"rubric", pa.rubric_id}});
    pa.final_total = number_of(a, "final_total", file);
    pa.score_grade = text_of(a, "score_grade", file, 40);
    pa.final_grade = text_of(a, "final_grade", file, 40);
    if (pa.final_grade.empty()) bad_results(file, OB_N("final_grade 为空"));
    if (rubric && rubric->grade_rank(pa.final_grade) < 0)
        bad_results(file, OB_N("等次“{grade}”不在评分标准 {rubric} 的等次中"),
                    {{"grade", pa.final_grade}, {"rubric", pa.rubric_id}});
    pa.grade_explanation = text_of(a, "grade_explanation", file, core::limits::text);
    pa.finalised_by = text_of(a, "finalised_by", file, core::limits::title);
    pa.finalised_at = text_of(a, "finalised_at", file, 64);
    auto scores = a->getArray("scores");
    if (!scores) bad_results(file, OB_N("缺少 scores"));
    for (std::size_t j = 0; j < scores->size(); ++j)
        pa.scores.push_back(parse_score(scores->getObject(static_cast<unsigned>(j)), file, rubric, pa.rubric_id));
    if (a->has("survey")) {
        pa.survey = a->getObject("survey");
        check_survey(pa.survey, file);
    }
    if (auto vetoes = a->getArray("vetoes"))
        for (std::size_t j = 0; j < vetoes->size(); ++j)
            pa.vetoes.push_back(parse_veto(vetoes->getObject(static_cast<unsigned>(j)), file));
    if (auto reqs = a->getArray("requirements"))
        for (std::size_t j = 0; j < reqs->size(); ++j)
            pa.requirements.push_back(parse_requirement(reqs->getObject(static_cast<unsigned>(j)), file, rubric, pa.rubric_id));
    return pa;
}

/// The document's format, identity, superior, branch and year.
void parse_results_head(const JObject::Ptr& doc, const std::string& file, ParsedResults& p) {
    if (text_of(doc, "format", file, 40) != "onebook-results") bad_results(file, OB_N("format 不是 onebook-results"));
    if (!doc->has("format_version") || doc->get("format_version").convert<int>() != results_format_version)
        bad_results(file, OB_N("format_version 不是 {version}"), {{"version", std::to_string(results_format_version)}});
    p.package_id = text_of(doc, "package_id", file, 64);
    p.exported_at = text_of(doc, "exported_at", file, 64);
    auto sup = doc->getObject("superior"), br = doc->getObject("branch");
    if (!sup || !br) bad_results(file, OB_N("缺少 superior 或 branch"));
    p.superior_uid = text_of(sup, "uid", file, 64);
    p.superior_name = text_of(sup, "name", file, core::limits::title);
    p.branch_uid = text_of(br, "uid", file, 64);
    p.branch_name = text_of(br, "name", file, core::limits::title);
    p.year = doc->has("year") ? doc->get("year").convert<int>() : 0;
    if (p.year < 1921 || p.year > 2200) bad_results(file, OB_N("year 不合理"));
}

ParsedResults parse_results(const fs::path& json, const std::string& file, const core::RubricSet* rubrics) {
    ParsedResults p;
    try {
        std::ifstream in(json, std::ios::binary);
        Poco::JSON::Parser parser;
        parser.setDepth(core::limits::json_depth);
        auto doc = parser.parse(in).extract<JObject::Ptr>();
        parse_results_head(doc, file, p);
        auto list = doc->getArray("assessments");
        if (!list || list->size() == 0) bad_results(file, OB_N("没有考核结果（assessments）"));
        for (std::size_t k = 0; k < list->size(); ++k)
            p.assessments.push_back(parse_assessment(list->getObject(static_cast<unsigned>(k)), file, rubrics));
    } catch (const Poco::Exception& ex) { bad_results(file, ex.displayText()); }
    return p;
}

/// The superior's key: pinned on the first results package when the superior is the one the
/// branch names as its 上级党组织; afterwards the same superior and key, or readmit.
bool admit_superior(core::Database& db, const ParsedResults& p, const PackageInfo& info, const core::Organisation& home,
                    const fs::path& zip, const ResultsImportOptions& options, ResultsImport& report) {
    std::optional<std::tuple<std::string, std::string, std::string, std::string>> pinned; // uid, name, key, fingerprint
    {
        auto st = db.prepare("SELECT superior_uid, superior_name, public_key, fingerprint FROM package_superior_key "
                             "ORDER BY pinned_at DESC LIMIT 1");
        if (st.step()) pinned = std::tuple{st.get_text(0), st.get_text(1), st.get_text(2), st.get_text(3)};
    }
    if (!pinned) {
        if (!home.superior_name.empty() && home.superior_name != p.superior_name && !options.readmit)
            throw core::Error(OB_N("考核结果包 {file} 来自“{superior}”，而本支部登记的上级党组织是“{named}”：不予导入。"
                                   "请核对密钥指纹 {fingerprint}；确属上级党组织的，用 --readmit 导入"),
                              {{"file", zip.string()},
                               {"superior", p.superior_name},
                               {"named", home.superior_name},
                               {"fingerprint", info.fingerprint}},
                              {zip.string(), {}, {}});
        report.notes.push_back("登记上级党组织“" + p.superior_name + "”的签名密钥 " + info.fingerprint);
        return true;
    }
    const auto& [uid, name, key, fingerprint] = *pinned;
    if (uid == p.superior_uid && key == info.public_key) return false;
    if (!options.readmit)
        throw core::Error(OB_N("考核结果包 {file} 来自“{superior}”（密钥 {key}），不是本支部登记的上级党组织“{pinned}”"
                               "（密钥 {pinned_key}）：不予导入。请与上级党组织核对；确认无误后用 --readmit 重新登记"),
                          {{"file", zip.string()},
                           {"superior", p.superior_name},
                           {"key", info.fingerprint},
                           {"pinned", name},
                           {"pinned_key", fingerprint}},
                          {zip.string(), {}, {}});
    report.notes.push_back("重新登记上级党组织签名密钥：由“" + name + "” " + fingerprint + " 改为“" + p.superior_name + "” " +
                           info.fingerprint);
    return true;
}

/// Writes the superior round of one assessment into the branch's; returns the scores written.
int apply_assessment(core::Database& db, const core::Organisation& home, int year, const ParsedAssessment& a) {
    core::Id id = 0;
    {
        auto st = db.prepare("SELECT id FROM assessment WHERE organisation_id = ? AND rubric_id = ? AND year = ?");
        st.bind_all(home.id, a.rubric_id, year);
        if (st.step()) id = st.get_int(0);
    }
    int written = 0;
    if (!id) {
        auto ins = db.prepare("INSERT INTO assessment(organisation_id, rubric_id, year, created_by) VALUES (?, ?, ?, ?)");
        ins.bind_all(home.id, a.rubric_id, year, a.finalised_by).run();
        id = db.last_insert_id();
    }
    auto current = db.prepare("SELECT points, reason, note, coalesce(checks, '') FROM assessment_score WHERE assessment_id = ? "
                              "AND round = 'superior' AND item_id = ? ORDER BY id DESC LIMIT 1");
    auto text = [](const std::string& v) { return Value{Value::Text, 0, 0, v}; };
    auto real = [](double v) { return Value{Value::Real, 0, v, ""}; };
    auto integer = [](std::int64_t v) { return Value{Value::Int, v, 0, ""}; };
    LineWriter scores(db, "assessment_score",
                      {"assessment_id", "round", "item_id", "points", "reason", "note", "checks", "scored_by", "scored_at"});
    for (const auto& s : a.scores) {
        current.bind_all(id, s.item_id);
        bool same = current.step() && std::fabs(current.get_double(0) - s.points) < 1e-9 && current.get_text(1) == s.reason &&
                    current.get_text(2) == s.note && current.get_text(3) == s.checks;
        current.reset();
        if (same) continue;
        scores.write({integer(id), text("superior"), text(s.item_id), real(s.points), text(s.reason), text(s.note),
                      s.checks.empty() ? Value{} : text(s.checks), text(s.by), text(s.at)});
        ++written;
    }
    if (a.survey) {
        auto last = db.prepare("SELECT member_satisfied, member_basic, member_dissatisfied, public_satisfied, public_basic, "
                               "public_dissatisfied FROM assessment_survey WHERE assessment_id = ? ORDER BY id DESC LIMIT 1");
        last.bind(1, id);
        const char* keys[] = {"member_satisfied", "member_basic", "member_dissatisfied",
                              "public_satisfied", "public_basic", "public_dissatisfied"};
        bool same = last.step();
        for (int k = 0; same && k < 6; ++k) same = last.get_int(k) == a.survey->get(keys[k]).convert<std::int64_t>();
        if (!same) {
            std::vector<std::string> cols = {"assessment_id"};
            std::vector<Value> row = {integer(id)};
            for (int k = 0; k < 6; ++k) {
                cols.push_back(keys[k]);
                row.push_back(integer(a.survey->get(keys[k]).convert<std::int64_t>()));
            }
            cols.insert(cols.end(), {"rate", "points", "recorded_by", "recorded_at"});
            row.insert(row.end(), {real(a.survey->get("rate").convert<double>()), real(a.survey->get("points").convert<double>()),
                                   text(a.survey->getValue<std::string>("recorded_by")),
                                   text(a.survey->getValue<std::string>("recorded_at"))});
            LineWriter(db, "assessment_survey", cols).write(row);
            ++written;
        }
    }
    LineWriter vetoes(db, "assessment_veto", {"assessment_id", "veto_id", "active", "reason", "flagged_by", "flagged_at"});
    for (const auto& v : a.vetoes) {
        auto last = db.prepare("SELECT active, reason FROM assessment_veto WHERE assessment_id = ? AND veto_id = ? "
                               "ORDER BY id DESC LIMIT 1");
        last.bind_all(id, v.veto_id);
        if (last.step() && last.get_int(0) == 1 && last.get_text(1) == v.reason) continue;
        vetoes.write({integer(id), text(v.veto_id), integer(1), text(v.reason), text(v.by), text(v.at)});
        ++written;
    }
    auto st =
        db.prepare("SELECT final_total IS ?, score_grade IS ?, final_grade IS ?, grade_explanation IS ?, finalised_by IS ?, "
                   "finalised_at IS ? FROM assessment WHERE id = ?");
    st.bind_all(a.final_total, a.score_grade, a.final_grade, a.grade_explanation, a.finalised_by, a.finalised_at, id);
    st.step();
    bool same = true;
    for (int k = 0; k < 6; ++k) same = same && st.get_int(k) == 1;
    if (!same) {
        // Decided by the superior: the assessment is final here too, so it is read-only.
        auto up = db.prepare("UPDATE assessment SET final_total = ?, score_grade = ?, final_grade = ?, grade_explanation = ?, "
                             "finalised_by = ?, finalised_at = ? WHERE id = ?");
        up.bind_all(a.final_total, a.score_grade, a.final_grade, a.grade_explanation, a.finalised_by, a.finalised_at, id).run();
        ++written;
    }
    return written;
}

/// Each requirement as an item of the branch's ledger, linked to its deduction (once).
int apply_requirements(core::Database& db, const core::Organisation& home, int year, const ParsedAssessment& a,
                       const std::string& superior) {
    core::Rectification ledger(db, home.id);
    const core::Date today = core::Date::today();
    int added = 0;
    std::vector<core::RectificationItem> unlinked; // read once, for the requirements of no deduction
    bool listed = false;
    for (const auto& r : a.requirements) {
        bool present = false;
        core::RectSource source;
        if (r.deduction.item_id.empty()) {
            // Written by the superior for no deduction: added once, known by its text.
            if (!listed) {
                for (auto& item : ledger.list(today, {}))
                    if (item.source.empty()) unlinked.push_back(std::move(item));
                listed = true;
            }
            for (const auto& item : unlinked) present = present || item.issue == r.issue;
        } else {
            // A deduction the branch already rectifies needs no second item; what the superior
            // wrote for it is added unless already there.
            source = core::RectSource::deduction(year, r.deduction.item_id);
            for (const auto& item : ledger.linked_to(source)) present = present || !r.written || item.issue == r.issue;
        }
        if (present) continue;
        core::RectificationItem item;
        item.issue = r.issue;
        item.measures = r.measures;
        item.owner = r.owner.empty() ? "党支部书记" : r.owner;
        item.target = r.target;
        item.created_on = today;
        item.deadline = r.deadline < today ? today : r.deadline;
        item.source = source;
        ledger.add(item, superior + "下发的整改要求");
        ++added;
    }
    return added;
}

/// A results package unpacked into `folder`, its bag and signature checked and its document read.
struct OpenedResults {
    PackageInfo info;
    ParsedResults p;
    std::string json_file;
};

OpenedResults open_results(const fs::path& zip, const fs::path& folder, const ResultsImportOptions& options,
                           std::optional<core::RubricSet>& rubrics) {
    auto entries = inspect_zip(zip, options.limits);
    extract_zip(zip, entries, folder / "bag");
    VerifiedBag bag = verify_bag(folder / "bag");
    const std::string base = bag.base.filename().string();
    OpenedResults out;
    out.json_file = base + "/" + results_json;
    check_signature(out.info, bag, zip, base);
    if (bag.info.get(kind_field) != "results")
        bad_results(base + "/bag-info.txt", OB_N("不是考核结果包（OneBook-Package-Kind）"));
    if (!out.info.signed_package)
        throw core::Error(OB_N("考核结果包 {file} 没有签名，无法确认它来自上级党组织：不予导入"), {{"file", zip.string()}},
                          {zip.string(), {}, {}});
    if (bag.payload.size() != 1 || bag.payload[0].path != results_json)
        bad_results(out.json_file, OB_N("应只含 data/results.json"));

    if (options.plugins) rubrics = core::RubricSet::load(*options.plugins);
    out.p = parse_results(bag.base / results_json, out.json_file, rubrics ? &*rubrics : nullptr);
    if (out.p.package_id != bag.info.get("Internal-Sender-Identifier") ||
        out.p.superior_uid != bag.info.get("External-Identifier") ||
        out.p.branch_uid != bag.info.get("OneBook-Addressee-Identifier"))
        bad_results(out.json_file, OB_N("与 bag-info.txt 不一致"));
    return out;
}

/// Results go only to the branch they were written for, with rubrics of its sector.
core::Organisation check_addressee(core::Database& db, const OpenedResults& r, const fs::path& zip,
                                   const std::optional<core::RubricSet>& rubrics) {
    auto home = core::OrganisationStore(db).home();
    if (!home) throw core::Error(OB_N("档案中没有本支部，无法导入考核结果"));
    if (r.p.branch_uid != home->uid)
        throw core::Error(
            OB_N("考核结果包 {file} 是“{superior}”下发给“{addressee}”的，不是本支部“{name}”的：不予导入，档案没有改动"),
            {{"file", zip.string()}, {"superior", r.p.superior_name}, {"addressee", r.p.branch_name}, {"name", home->name}},
            {zip.string(), {}, {}});
    for (const auto& a : r.p.assessments)
        if (rubrics) {
            const auto* rubric = rubrics->find(a.rubric_id);
            if (rubric && rubric->sector != home->sector)
                bad_results(r.json_file, OB_N("评分标准 {rubric} 不属于本支部的类别 {sector}"),
                            {{"rubric", a.rubric_id}, {"sector", home->sector}});
        }
    return *home;
}

ResultsImport results_report(const OpenedResults& r) {
    ResultsImport report;
    report.package_id = r.p.package_id;
    report.superior = r.p.superior_name;
    report.superior_uid = r.p.superior_uid;
    report.fingerprint = r.info.fingerprint;
    report.exported_at = r.p.exported_at;
    report.year = r.p.year;
    report.rubric_id = r.p.assessments.back().rubric_id;
    report.grade = r.p.assessments.back().final_grade;
    report.total = r.p.assessments.back().final_total;
    report.outcome = "unchanged";
    return report;
}

void log_results_import(core::Database& db, const OpenedResults& r, const fs::path& zip, const ResultsImport& report) {
    std::string note;
    for (const auto& n : report.notes) note += (note.empty() ? "" : "；") + n;
    auto log = db.prepare("INSERT INTO package_results_import(package_id, superior_uid, superior_name, fingerprint, exported_at, "
                          "file_name, file_sha256, year, rubric_id, final_total, final_grade, scores_changed, items_added, "
                          "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    log.bind_all(r.p.package_id, r.p.superior_uid, r.p.superior_name, r.info.fingerprint, r.p.exported_at,
                 zip.filename().string(), sha256_file(zip), r.p.year, report.rubric_id, report.total, report.grade,
                 report.scores_changed, report.items_added, note)
        .run();
}

} // namespace

ResultsImport import_results(core::Archive& branch, const fs::path& zip, const ResultsImportOptions& options) {
    auto& db = branch.db();
    if (branch.read_only() && !options.dry_run)
        throw core::Error(OB_N("档案 {file} 以只读方式打开，不能导入档案包"), {{"file", branch.path()}}, {branch.path(), {}, {}});
    StagingDir staging("results");
    std::optional<core::RubricSet> rubrics;
    const OpenedResults r = open_results(zip, staging.path(), options, rubrics);
    const ParsedResults& p = r.p;
    const core::Organisation home = check_addressee(db, r, zip, rubrics);
    ResultsImport report = results_report(r);
    {
        auto st = db.prepare("SELECT 1 FROM package_results_import WHERE package_id = ?");
        st.bind(1, p.package_id);
        if (st.step()) return report; // the same package again: nothing to do
    }
    if (!options.dry_run) { // the archive as it was is kept first, as for every import
        core::Backups backups(branch);
        if (!backups.made_within(10 * 60)) backups.make("before-import");
    }
    core::ChangeScope tx(db, "import", "导入上级下发的考核结果 " + zip.filename().string());
    const bool pin = admit_superior(db, p, r.info, home, zip, options, report);
    for (const auto& a : p.assessments) {
        report.scores_changed += apply_assessment(db, home, p.year, a);
        report.items_added += apply_requirements(db, home, p.year, a, p.superior_name);
    }
    if (pin) {
        db.exec("DELETE FROM package_superior_key");
        auto st = db.prepare("INSERT INTO package_superior_key(superior_uid, superior_name, public_key, fingerprint, package_id) "
                             "VALUES (?, ?, ?, ?, ?)");
        st.bind_all(p.superior_uid, p.superior_name, r.info.public_key, r.info.fingerprint, p.package_id).run();
    }
    if (report.scores_changed || report.items_added || pin) {
        report.outcome = "applied";
        log_results_import(db, r, zip, report);
    }
    if (!options.dry_run) tx.commit();
    return report;
}

std::vector<ResultsReceived> results_received(core::Archive& branch) {
    std::vector<ResultsReceived> out;
    auto st = branch.db().prepare("SELECT imported_at, package_id, superior_name, fingerprint, exported_at, file_name, year, "
                                  "rubric_id, coalesce(final_total, 0), final_grade, scores_changed, items_added "
                                  "FROM package_results_import ORDER BY imported_at DESC, id DESC");
    while (st.step())
        out.push_back({st.get_text(0), st.get_text(1), st.get_text(2), st.get_text(3), st.get_text(4), st.get_text(5),
                       static_cast<int>(st.get_int(6)), st.get_text(7), st.get_text(9), st.get_double(8),
                       static_cast<int>(st.get_int(10)), static_cast<int>(st.get_int(11))});
    return out;
}

} // namespace onebook::archive
