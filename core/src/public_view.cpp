#include "onebook/public_view.hpp"

#include "onebook/assessment.hpp"
#include "onebook/dues.hpp"
#include "onebook/error.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

namespace onebook::core {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

} // namespace

const std::vector<std::string>& board_setting_keys() {
    static const std::vector<std::string> keys = {
        "issuer",             // 发布单位 (default: the organisation)
        "contact",            // 联系人及电话 of the office (never a member's private phone)
        "period",             // 整改期限, e.g. 2025年3月—2025年6月 (default: from the items)
        "grade",              // the superior's grade 好/较好/一般/较差
        "grade_year",         // year of that grade
        "score",              // its score
        "self_grade",         // 自评等次
        "self_score",         // 自评得分
        "objection_start",    // 公示开始日期 (default: the board's date)
        "objection_end",      // 公示结束日期 (default: 7 days)
        "achievement_period", // 创先争优 period, e.g. 2023年—2025年
        "achievements",       // 主要业绩, one per line
        "records",            // records summary, one "项目：情况" per line
        "notices",            // 临时公开内容, one per line
    };
    return keys;
}

std::string board_field_label(const std::string& key) {
    static const std::map<std::string, std::string> labels = {
        {"issuer", OB_N("发布单位")},
        {"contact", OB_N("联系人及电话")},
        {"period", OB_N("整改期限")},
        {"grade", OB_N("定级等次")},
        {"grade_year", OB_N("定级年度")},
        {"score", OB_N("考核得分")},
        {"self_grade", OB_N("自评等次")},
        {"self_score", OB_N("自评得分")},
        {"objection_start", OB_N("公示开始日期")},
        {"objection_end", OB_N("公示结束日期")},
        {"achievement_period", OB_N("创先争优期间")},
        {"achievements", OB_N("主要业绩")},
        {"records", OB_N("组织生活情况")},
        {"notices", OB_N("临时公开内容")},
        {"superior", OB_N("上级党组织")}, // empty until the organisation's superior is entered
        {"secretary", OB_N("书记")},
        {"dues_latest", OB_N("最近一期党费")},
        {"dues_period", OB_N("党费期间")},
    };
    auto it = labels.find(key);
    return it == labels.end() ? key : it->second;
}

void set_board_setting(Archive& archive, const std::string& key, const std::string& value) {
    const auto& keys = board_setting_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string all;
        for (const auto& k : keys) all += (all.empty() ? "" : "、") + k;
        throw Error("没有名为“{key}”的公示牌栏目，可用的有：{keys}", {{"key", key}, {"keys", all}}, {{}, {}, "key"});
    }
    Transaction tx(archive.db());
    if (value.empty()) {
        auto st = archive.db().prepare("DELETE FROM setting WHERE key=?");
        st.bind(1, "board." + key);
        st.run();
    } else {
        archive.set_setting("board." + key, value);
    }
    tx.commit();
}

const PublicGrade* PublicView::latest_grade(bool self_assessed) const {
    for (const auto& g : grades)
        if (g.self_assessed == self_assessed) return &g;
    return nullptr;
}

namespace {

std::string board_field(const PublicView& v, const std::string& k) {
    auto it = v.fields.find(k);
    return it == v.fields.end() ? std::string() : it->second;
}

/// People: names and roles only. Roster::members(…, false) never reads member_private, and the
/// public types have nowhere to put it.
void add_people(PublicView& v, Archive& archive, Id org_id, const Date& today) {
    Roster roster(archive.db(), org_id);
    std::map<Id, std::string> group_names;
    for (const auto& g : roster.groups()) group_names[g.id] = g.name;
    v.groups = static_cast<int>(group_names.size());
    // In roster order: a board that lists the names sorts them (render_board); most only count them.
    MemberFilter by_id;
    by_id.pinyin_order = false;
    for (const auto& m : roster.members(by_id, false))
        v.members.push_back({m.name, m.status, m.group_id ? group_names[*m.group_id] : std::string(), m.category});
    if (auto term = roster.current_term(today))
        for (const auto& s : term->seats) v.committee.push_back({s.role, s.name});
}

/// A grade typed for the board (none when `grade` is empty).
void add_typed_grade(PublicView& v, const std::string& grade, const std::string& score, const std::string& year, bool self) {
    if (grade.empty()) return;
    PublicGrade g;
    g.grade = grade;
    g.year = year.empty() ? v.today.year() : std::atoi(year.c_str());
    if (!score.empty()) {
        char* end = nullptr;
        double d = std::strtod(score.c_str(), &end);
        if (end && *end == '\0') g.score = d;
    }
    g.self_assessed = self;
    g.origin = "setting";
    v.grades.push_back(g);
}

/// Grades typed for the board win; otherwise the archive's assessments (latest year first).
void add_grades(PublicView& v, Archive& archive, Id org_id, const PluginHost* plugins) {
    add_typed_grade(v, board_field(v, "grade"), board_field(v, "score"), board_field(v, "grade_year"), false);
    add_typed_grade(v, board_field(v, "self_grade"), board_field(v, "self_score"), board_field(v, "grade_year"), true);
    // Listing assessments needs no rubric; the self-assessment total does, so the rubrics are
    // parsed only when a reported self-assessment is there to total.
    RubricSet none;
    auto list = AssessmentStore(archive, none).list(org_id);
    std::sort(list.begin(), list.end(), [](const Assessment& a, const Assessment& b) { return a.year > b.year; });
    bool need_rubrics = plugins && board_field(v, "self_grade").empty() &&
                        std::any_of(list.begin(), list.end(), [](const Assessment& a) { return a.self_final; });
    RubricSet rubrics = need_rubrics ? RubricSet::load(*plugins) : RubricSet();
    AssessmentStore store(archive, rubrics);
    for (const auto& a : list) {
        if (a.final && !a.final_grade.empty() && board_field(v, "grade").empty())
            v.grades.push_back({a.year, a.final_grade, a.final_total, false, "assessment"});
        if (a.self_final && need_rubrics && rubrics.find(a.rubric_id)) {
            auto sheet = store.sheet(a.id);
            v.grades.push_back({a.year, sheet.self_grade.grade, sheet.self_total, true, "assessment"});
        }
    }
    std::stable_sort(v.grades.begin(), v.grades.end(),
                     [](const PublicGrade& a, const PublicGrade& b) { return a.year > b.year; });
}

void add_rectification(PublicView& v, Archive& archive, Id org_id, const Date& today) {
    Rectification rect(archive.db(), org_id);
    int index = 0;
    for (const auto& it : rect.list(today)) {
        PublicRectItem p;
        p.index = ++index;
        p.issue = it.issue;
        p.measures = it.measures;
        p.target = it.target;
        p.owner = it.owner;
        p.deadline = it.deadline;
        p.created_on = it.created_on;
        p.progress = it.progress;
        p.status = label_zh(it.status);
        p.finished = it.finished();
        p.overdue = it.overdue(today);
        p.days_overdue = it.days_overdue(today);
        v.rectification.push_back(std::move(p));
    }
}

/// The records summary typed for the board: "项目：情况" (full-width or ASCII colon); a line
/// without one is a summary sentence.
void add_typed_records(PublicView& v, const std::string& text) {
    for (const auto& line : split_lines(text)) {
        auto pos = line.find("：");
        std::size_t skip = 3;
        if (pos == std::string::npos) {
            pos = line.find(':');
            skip = 1;
        }
        if (pos == std::string::npos) v.records.push_back({line, ""});
        else v.records.push_back({line.substr(0, pos), line.substr(pos + skip)});
    }
}

/// This year's meetings and activities by type, in the order they first happened.
void add_archive_records(PublicView& v, Archive& archive, Id org_id, const Date& today) {
    RecordStore records(archive.db(), org_id);
    std::vector<std::string> order;
    std::map<std::string, std::pair<int, Date>> by_type;
    for (const auto& r : records.list(today.year())) {
        if (r.date > today) continue;
        std::string name = r.type_name.empty() ? r.type : r.type_name;
        auto& e = by_type[name];
        if (e.first++ == 0) order.push_back(name);
        e.second = std::max(e.second, r.date);
    }
    for (const auto& name : order) {
        const auto& [count, last] = by_type[name];
        v.records.push_back({name, std::to_string(today.year()) + "年已开展 " + std::to_string(count) + " 次，最近一次 " +
                                       std::to_string(last.month()) + "月" + std::to_string(last.day()) + "日"});
    }
}

} // namespace

PublicView make_public_view(Archive& archive, const Date& today, const PluginHost* plugins) {
    PublicView v;
    v.today = today;
    auto org = archive.home();
    v.organisation = org.name;
    v.form = org.form;
    v.sector = org.sector;
    v.superior = org.superior_name;
    v.founded_on = org.founded_on;

    // Board texts the secretary typed for the wall.
    {
        auto st = archive.db().prepare("SELECT key, value FROM setting WHERE key LIKE 'board.%'");
        while (st.step()) v.fields[st.get_text(0).substr(6)] = st.get_text(1);
    }
    add_people(v, archive, org.id, today);
    add_grades(v, archive, org.id, plugins);
    add_rectification(v, archive, org.id, today);
    if (!board_field(v, "records").empty()) add_typed_records(v, board_field(v, "records"));
    else add_archive_records(v, archive, org.id, today);
    v.achievements = split_lines(board_field(v, "achievements"));
    v.notices = split_lines(board_field(v, "notices"));

    DuesLedger dues(archive.db(), org.id);
    for (const auto& d : dues.all())
        v.dues.push_back({d.period, d.label_zh(), d.members_due, d.members_paid, d.amount_fen, d.remitted_fen, d.notes});
    return v;
}

} // namespace onebook::core
