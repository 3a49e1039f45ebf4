#include "onebook/archive/book_pdf.hpp"
#include "onebook/numbers.hpp"

#include "onebook/archive/catalogue_pdf.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/entries.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/assessment.hpp"
#include "onebook/dues.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/pdf/line_break.hpp"
#include "onebook/records.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "onebook/rubric.hpp"
#include "onebook/sectors.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace fs = std::filesystem;
namespace pdf = onebook::core::pdf;

namespace onebook::archive {

std::string mask_id_number(const std::string& id) {
    if (id.empty()) return {};
    if (id.size() <= 8) return std::string(id.size(), '*');
    return id.substr(0, 4) + std::string(id.size() - 8, '*') + id.substr(id.size() - 4);
}

std::string mask_phone(const std::string& phone) {
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9') digits += c;
    if (digits.empty()) return {};
    if (digits.size() <= 7) return std::string(digits.size(), '*');
    return digits.substr(0, 3) + std::string(digits.size() - 7, '*') + digits.substr(digits.size() - 4);
}

namespace {

const char* const chapter_numbers[] = {"第一章", "第二章", "第三章", "第四章", "第五章", "第六章", "第七章"};

// libharu cannot draw characters above U+FFFF (emoji, rare CJK extension B): the writer refuses
// them. A user's text must not stop the whole book, so they are replaced and reported.
std::string clean(const std::string& text, std::vector<core::Message>& warnings) {
    auto u = pdf::utf8_to_u32(text);
    bool changed = false;
    for (auto& c : u)
        if (c > 0xFFFF || c == 0xFFFD) {
            c = U'□';
            changed = true;
        }
    if (!changed) return text;
    std::string out = pdf::u32_to_utf8(u);
    warnings.push_back({OB_N("“{text}”中有无法打印的字符，已用 □ 代替"), {{"text", out}}});
    return out;
}

std::string month_text(const std::optional<core::Date>& d) {
    if (!d) return "";
    char b[16];
    std::snprintf(b, sizeof b, "%04d.%02d", d->year(), d->month());
    return b;
}
std::string doc_date_text(const std::string& yyyymmdd) {
    auto d = core::Date::parse(yyyymmdd);
    return d ? d->chinese() : yyyymmdd;
}

/// The 入党积极分子 and 发展对象 roster of the one book: a view of the 发展党员 pipeline (people
/// not yet admitted, with their contacts).
std::vector<core::Recruit> activist_roster(core::Archive& a, core::Id org) {
    return core::Recruitment(a.db(), org, core::RecruitmentRules{}).before_admission();
}

class BookBuilder {
public:
    BookBuilder(core::Archive& a, const core::PluginHost& plugins, const BookOptions& o)
        : m_archive(a), m_plugins(plugins), m_opt(o), m_org(a.home()), m_roster(a.db(), m_org.id),
          m_sections(book_sections(plugins, m_org.sector)), m_docs(a, m_sections), m_files(a) {}

    BookResult build(const fs::path& out);
    BookResult build_part(const fs::path& out);

private:
    // ---- text helpers ----
    std::string c(const std::string& s) { return clean(s, m_result.warnings); }
    void para(const std::string& text, pdf::ParagraphStyle st = pdf::ParagraphStyle::body()) {
        if (!text.empty()) m_w->paragraph(c(text), st);
    }
    /// One body paragraph per line of `text` (blank lines dropped).
    void paragraphs(const std::string& text) {
        std::size_t start = 0;
        while (start < text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            if (end > start) para(text.substr(start, end - start));
            start = end + 1;
        }
    }
    void label(const std::string& text) {
        pdf::ParagraphStyle st;
        st.font = pdf::FontRole::heading;
        st.align = pdf::Align::left;
        st.space_before = 0.3;
        st.space_after = 0.2;
        m_w->paragraph(c(text), st);
    }
    void note(const std::string& text) { m_w->paragraph(c(text), pdf::ParagraphStyle::small()); }
    void empty_note(const std::string& text) {
        auto st = pdf::ParagraphStyle::small();
        st.space_before = 0.3;
        m_w->paragraph(text, st);
    }
    void fields(const std::vector<std::pair<std::string, std::string>>& items, int columns = 2) {
        std::vector<std::pair<std::string, std::string>> cleaned;
        for (const auto& [k, v] : items) cleaned.emplace_back(k, c(v.empty() ? "—" : v));
        m_w->fields(cleaned, columns);
    }
    void table(pdf::Table t) {
        for (auto& r : t.rows)
            for (auto& cell : r.cells) cell = c(cell);
        t.stretch = false;
        m_w->table(t);
    }
    void image(const fs::path& file, const std::string& caption) {
        if (!m_opt.embed_images) return;
        pdf::ImageOptions io;
        io.caption = c(caption);
        io.max_height = pdf::mm_to_pt(120);
        try {
            m_w->image(file, io);
            ++m_result.images;
        } catch (const core::Error& e) {
            m_result.warnings.push_back(
                {OB_N("图片 {file} 无法放入一本通：{reason}"), {{"file", caption}, {"reason", e.what()}}});
        }
    }

    // ---- parts ----
    void cover();
    void section(const Section& s, bool first_in_chapter, const std::string& chapter_heading);
    bool has_content(const Section& s);
    void view(const Section& s);
    void view_organisation();
    void view_committee();
    void view_members();
    void view_groups();
    void view_activists();
    void view_assessment();
    void view_rectification();
    bool in_year_ledger(const core::RectificationItem& it) const;
    void view_dues();
    void view_catalogue();
    void rule_texts(const Section& s);
    void records(const Section& s);
    void record_page(const core::Record& r);
    void entries(const Section& s);
    void documents(const Section& s);

    core::Archive& m_archive;
    const core::PluginHost& m_plugins;
    BookOptions m_opt;
    core::Organisation m_org;
    core::Roster m_roster;
    std::vector<Section> m_sections;
    DocumentStore m_docs;
    FileStore m_files;
    std::unique_ptr<pdf::Writer> m_w;
    BookResult m_result;
    std::vector<core::MeetingTemplate> m_templates;
    std::map<std::string, std::vector<core::Record>> m_records_by_section;
    std::vector<RuleText> m_rule_texts;
};

void BookBuilder::cover() {
    auto sector = core::sector_info(m_plugins.require(m_org.sector));
    m_w->spacer(6);
    m_w->title("党建工作一本通", {.size = 3.2, .space_after = 1.5});
    m_w->paragraph(c(m_org.name), pdf::ParagraphStyle::centered(2.0));
    m_w->spacer(1);
    m_w->paragraph(std::to_string(m_opt.year) + " 年度", pdf::ParagraphStyle::centered(1.6));
    m_w->spacer(8);
    auto st = pdf::ParagraphStyle::centered(1.2);
    st.line_spacing = 1.8;
    m_w->paragraph("行业类别：" + sector.name_zh + "　　组织形式：" + m_org.form, st);
    if (!m_org.superior_name.empty()) m_w->paragraph(c("上级党组织：" + m_org.superior_name), st);
    m_w->paragraph("编印日期：" + m_opt.printed_on.chinese(), st);
    m_w->spacer(4);
    auto mark = pdf::ParagraphStyle::centered(1.0);
    mark.color = pdf::colors::party_red;
    m_w->paragraph("内部资料　注意保管", mark);
}

void BookBuilder::view_organisation() {
    int full = m_roster.count_members("正式党员"), prob = m_roster.count_members("预备党员");
    auto sector = core::sector_info(m_plugins.require(m_org.sector));
    auto term = m_roster.current_term(core::Date(m_opt.year, 12, 31));
    fields({{"党组织名称", m_org.name},
            {"组织形式", m_org.form},
            {"行业类别", sector.name_zh},
            {"上级党组织", m_org.superior_name},
            {"成立时间", m_org.founded_on ? m_org.founded_on->chinese() : ""},
            {"批复文号", m_org.approval_ref},
            {"党员人数", std::to_string(full + prob) + " 名（正式党员 " + std::to_string(full) + " 名，预备党员 " +
                             std::to_string(prob) + " 名）"},
            {"党小组", std::to_string(m_roster.groups().size()) + " 个"},
            {"支部委员会", term ? term->elected_on.chinese() + " 选举，任期至 " + term->expires_on().chinese() : "未设"},
            {"入党积极分子和培养对象", std::to_string(activist_roster(m_archive, m_org.id).size()) + " 名"}});
}

void BookBuilder::view_committee() {
    auto terms = m_roster.terms();
    if (terms.empty()) return empty_note("未登记支部委员会。");
    for (const auto& t : terms) {
        if (t.elected_on.year() > m_opt.year) continue;
        label("第 " + std::to_string(t.id) + " 届（" + t.elected_on.chinese() + " 选举，任期 " + std::to_string(t.term_years) +
              " 年）");
        fields({{"选举日期", t.elected_on.chinese()},
                {"任期届满", t.expires_on().chinese()},
                {"批复文号", t.approval_ref},
                {"备注", t.notes}});
        pdf::Table tb;
        tb.columns = {{"序号", 0.6, pdf::Align::center}, {"职务", 2}, {"姓名", 2}};
        int n = 0;
        for (const auto& s : t.seats) tb.rows.push_back({{std::to_string(++n), s.role, s.name}});
        table(tb);
    }
}

void BookBuilder::view_members() {
    auto members = m_roster.members({}, /*with_private=*/true);
    std::map<core::Id, std::string> groups;
    for (const auto& g : m_roster.groups()) groups[g.id] = g.name;
    pdf::Table tb;
    tb.size = 0.72;
    tb.padding = 0.2;
    tb.columns = {{"序号", 0.45, pdf::Align::center},
                  {"姓名", 0.8},
                  {"性别\n民族", 0.6, pdf::Align::center},
                  {"出生年月", 0.85, pdf::Align::center},
                  {"学历", 0.95},
                  {"入党时间", 0.85, pdf::Align::center},
                  {"转正时间", 0.85, pdf::Align::center},
                  {"党员类别", 0.95, pdf::Align::center},
                  {"党小组", 1.15},
                  {"工作单位及职务", 2.2},
                  {"联系电话", 1.35},
                  {"身份证号", 2.4}};
    int n = 0;
    for (const auto& m : members) {
        // Private fields only ever reach the page masked; addresses not at all.
        tb.rows.push_back({{std::to_string(++n), m.name, m.gender + "\n" + m.ethnicity, month_text(m.birth_date), m.education,
                            month_text(m.join_date), month_text(m.full_date), m.status + "\n" + m.category,
                            m.group_id ? groups[*m.group_id] : "", m.workplace_post, mask_phone(m.priv.phone),
                            mask_id_number(m.priv.id_number)}});
    }
    if (members.empty()) return empty_note("名册中没有党员。");
    table(tb);
    note("注：本册为内部资料。身份证号、联系电话已部分隐去，家庭住址不打印；完整信息以档案系统为准。共 " +
         std::to_string(members.size()) + " 名党员。");
}

void BookBuilder::view_groups() {
    auto groups = m_roster.groups();
    if (groups.empty()) return empty_note("未设党小组。");
    auto members = m_roster.members();
    pdf::Table tb;
    tb.columns = {{"党小组", 1.2}, {"组长", 0.8}, {"人数", 0.5, pdf::Align::center}, {"成员", 4}};
    for (const auto& g : groups) {
        std::string names, leader;
        int count = 0;
        for (const auto& m : members) {
            if (m.group_id && *m.group_id == g.id) {
                names += (names.empty() ? "" : "、") + m.name;
                ++count;
            }
            if (g.leader_id && *g.leader_id == m.id) leader = m.name;
        }
        tb.rows.push_back({{g.name, leader, std::to_string(count), names}});
    }
    table(tb);
}

void BookBuilder::view_activists() {
    auto list = activist_roster(m_archive, m_org.id);
    if (list.empty()) return empty_note("没有入党申请人、积极分子或培养对象。");
    pdf::Table tb;
    tb.columns = {{"序号", 0.5, pdf::Align::center},
                  {"姓名", 1},
                  {"性别", 0.5, pdf::Align::center},
                  {"出生年月", 1},
                  {"阶段", 1.3},
                  {"递交申请", 1.2},
                  {"确定时间", 1.2},
                  {"培养联系人", 1.5}};
    int n = 0;
    for (const auto& a : list)
        tb.rows.push_back({{std::to_string(++n), a.name, a.gender, month_text(a.birth_date), a.stage, a.applied_on.iso(),
                            a.stage_since.iso(), a.contacts_text()}});
    table(tb);
}

void BookBuilder::view_assessment() {
    auto rubrics = core::RubricSet::load(m_plugins);
    core::AssessmentStore store(m_archive, rubrics);
    auto list = store.list(m_org.id, m_opt.year);
    if (list.empty()) return empty_note("本年度尚未开展考核评议。");
    for (const auto& a : list) {
        core::Sheet sheet;
        try {
            sheet = store.sheet(a.id);
        } catch (const core::Error& e) {
            m_result.warnings.push_back(
                {OB_N("{year} 年度考核无法打印：{reason}"), {{"year", std::to_string(a.year)}, {"reason", e.what()}}});
            continue;
        }
        std::string grade = a.final ? a.final_grade : sheet.grade.grade;
        label(sheet.rubric_name + "（" + std::to_string(a.year) + " 年度）");
        auto big = pdf::ParagraphStyle::centered(1.6);
        big.color = pdf::colors::party_red;
        big.space_before = 0.3;
        big.space_after = 0.5;
        if (!grade.empty()) m_w->paragraph(std::string(a.final ? "考核等次：" : "考核等次（未定级）：") + grade, big);
        fields({{"自评总分",
                 sheet.self_scored ? core::format_number(sheet.self_total) + " 分（" + sheet.self_grade.grade + "）" : "未自评"},
                {"组织考核总分",
                 sheet.superior_scored ? core::format_number(a.final_total.value_or(sheet.superior_total)) + " 分" : "未考核"},
                {"自评申报", a.self_final ? "已申报" : "未申报"},
                {"定级", a.final ? a.final_grade + "（" + a.finalised_at.substr(0, 10) + "）" : "未定级"}});
        if (!sheet.grade.explanation.empty()) note(sheet.grade.explanation);
        if (sheet.survey)
            note("群众满意度测评：满意率 " + core::format_number(sheet.survey->rate) + "%，折合 " +
                 core::format_number(sheet.survey->points) + " 分。");
        pdf::Table tb;
        tb.size = 0.8;
        tb.padding = 0.25;
        tb.columns = {{"序号", 0.5, pdf::Align::center}, {"考核内容", 5.2},
                      {"分值", 0.6, pdf::Align::center}, {"自评", 0.6, pdf::Align::center},
                      {"考核", 0.6, pdf::Align::center}, {"扣分理由", 2.4}};
        auto pts = [](const std::optional<double>& p) { return p ? core::format_number(*p) : std::string(); };
        for (const auto& sec : sheet.sections) {
            tb.rows.push_back({{sec.number, sec.title, core::format_number(sec.points), core::format_number(sec.self_total),
                                core::format_number(sec.superior_total), ""},
                               pdf::RowStyle::emphasis});
            for (const auto& it : sec.items) {
                std::string reason = it.reason(core::Round::Superior);
                if (reason.empty()) reason = it.reason(core::Round::Self);
                tb.rows.push_back({{it.item.number, it.item.text, core::format_number(it.item.points),
                                    pts(it.points(core::Round::Self)), pts(it.points(core::Round::Superior)), reason}});
            }
        }
        tb.rows.push_back({{"", "合计", core::format_number(sheet.max_total), core::format_number(sheet.self_total),
                            core::format_number(a.final_total.value_or(sheet.superior_total)), ""},
                           pdf::RowStyle::emphasis});
        table(tb);
    }
}

// The year's ledger: items that come from the year's findings or assessment (they are usually
// registered early the next year, 整改 before 七一), items registered in the year, and older items
// still running into it.
bool BookBuilder::in_year_ledger(const core::RectificationItem& it) const {
    const int y = m_opt.year;
    if (it.source.kind == core::RectSource::Kind::Deduction && it.source.deduction_year() == y) return true;
    if (it.source.kind == core::RectSource::Kind::Finding) {
        auto at = it.source.ref.find('@');
        if (at != std::string::npos && it.source.ref.compare(at + 1, 4, std::to_string(y)) == 0) return true;
    }
    if (it.created_on.year() == y) return true;
    return it.created_on.year() < y && it.deadline.year() >= y;
}

void BookBuilder::view_rectification() {
    core::Rectification rect(m_archive.db(), m_org.id);
    auto items = rect.list(m_opt.printed_on);
    pdf::Table tb;
    tb.size = 0.85;
    tb.columns = {{"序号", 0.5, pdf::Align::center},     {"整改事项", 2.4}, {"主要措施", 3}, {"责任人", 0.9},
                  {"完成时限", 1.1, pdf::Align::center}, {"完成情况", 2.2}};
    int n = 0, overdue = 0;
    for (const auto& it : items) {
        if (!in_year_ledger(it)) continue;
        bool late = it.overdue(m_opt.printed_on);
        std::string status = core::label_zh(it.status);
        if (late) status += "（逾期 " + std::to_string(it.days_overdue(m_opt.printed_on)) + " 天）";
        std::string measures = it.measures;
        if (!it.target.empty()) measures += "\n目标：" + it.target;
        tb.rows.push_back({{std::to_string(++n), it.issue, measures, it.owner, it.deadline.iso(),
                            status + (it.progress.empty() ? "" : "\n" + it.progress)},
                           late                                    ? pdf::RowStyle::alert
                           : it.status == core::RectStatus::Closed ? pdf::RowStyle::muted
                                                                   : pdf::RowStyle::normal});
        if (late) ++overdue;
    }
    if (n == 0) return empty_note("本年度没有整改事项。");
    table(tb);
    note("共 " + std::to_string(n) + " 项" + (overdue ? "，其中逾期未完成 " + std::to_string(overdue) + " 项（红色标出）" : "") +
         "。统计至 " + m_opt.printed_on.chinese() + "。");
}

void BookBuilder::view_dues() {
    core::DuesLedger ledger(m_archive.db(), m_org.id);
    pdf::Table tb;
    tb.columns = {{"期间", 1.4},
                  {"应交人数", 0.8, pdf::Align::center},
                  {"实交人数", 0.8, pdf::Align::center},
                  {"收缴金额（元）", 1.2, pdf::Align::right},
                  {"上缴金额（元）", 1.2, pdf::Align::right},
                  {"备注", 2}};
    auto all = ledger.all();
    std::reverse(all.begin(), all.end());
    for (const auto& p : all)
        if (p.year() == m_opt.year)
            tb.rows.push_back(
                {{p.label_zh(), std::to_string(p.members_due), std::to_string(p.members_paid), core::format_yuan(p.amount_fen),
                  p.remitted_fen ? core::format_yuan(*p.remitted_fen) : "", p.notes}});
    if (tb.rows.empty()) return empty_note("本年度未登记党费收缴情况。");
    table(tb);
}

void BookBuilder::view_catalogue() {
    bool any = false;
    for (auto r : all_retentions()) {
        DocumentFilter f;
        f.year = m_opt.year;
        f.retention = r;
        auto docs = m_docs.list(f);
        if (docs.empty()) continue;
        any = true;
        m_w->heading(std::string("保管期限：") + retention_label(r) + "（" + retention_code(r) + "）", 3);
        table(catalogue_table(docs, 0.7));
    }
    if (!any) empty_note("本年度没有归档文件。");
}

void BookBuilder::view(const Section& s) {
    if (s.view == "organisation") view_organisation();
    else if (s.view == "committee") view_committee();
    else if (s.view == "members") view_members();
    else if (s.view == "groups") view_groups();
    else if (s.view == "activists") view_activists();
    else if (s.view == "assessment") view_assessment();
    else if (s.view == "rectification") view_rectification();
    else if (s.view == "dues") view_dues();
    else if (s.view == "catalogue") view_catalogue();
}

void BookBuilder::rule_texts(const Section& s) {
    int n = 0;
    for (const auto& t : m_rule_texts) {
        const Section* home = find_section(m_sections, t.section_id);
        std::string target = home && home->has(holds::rule_texts) ? home->id : "rules.texts";
        if (target != s.id) continue;
        ++n;
        m_w->heading(c(t.title), 3);
        paragraphs(t.body);
        note((t.edited       ? "本支部修订（" + t.edited_at.substr(0, 10) + "）。"
              : t.model_text ? std::string(model_text_notice) + "。"
                             : std::string()) +
             "依据：" + t.source);
        m_w->spacer(0.6);
    }
    if (n == 0) empty_note("本篇目没有制度文本。");
}

void BookBuilder::record_page(const core::Record& r) {
    const core::MeetingTemplate* t = core::find_template(m_templates, r.type);
    std::string type_name = !r.type_name.empty() ? r.type_name : t ? t->name : r.type;
    m_w->page_break();
    m_w->heading(c(r.date.chinese() + " " + type_name + (r.topic.empty() ? "" : "：" + r.topic)), 3);
    std::vector<std::pair<std::string, std::string>> head = {{"会议类型", type_name},
                                                             {"时间", r.date.chinese() + (r.time.empty() ? "" : " " + r.time)},
                                                             {"地点", r.place},
                                                             {"主持人", r.host},
                                                             {"记录人", r.recorder}};
    if (!r.group.empty()) head.push_back({"党小组", r.group});
    if (r.hours > 0) head.push_back({"学时", core::format_number(r.hours)});
    fields(head);
    auto sum = r.summary();
    if (!r.attendance.empty() || sum.expected > 0) {
        fields({{"应到", std::to_string(sum.expected) + " 人"},
                {"实到", std::to_string(sum.present) + " 人"},
                {"缺席", std::to_string(sum.absent) + " 人"},
                {"出席率", sum.rate_text()}},
               4);
        std::string present, absent;
        for (const auto& a : r.attendance) {
            if (a.present) present += (present.empty() ? "" : "、") + a.name;
            else absent += (absent.empty() ? "" : "；") + a.name + (a.reason.empty() ? "" : "（" + a.reason + "）");
        }
        auto st = pdf::ParagraphStyle::body();
        st.first_indent = 0;
        if (!present.empty()) para("出席人员：" + present, st);
        para("缺席人员及原因：" + (absent.empty() ? std::string("无") : absent), st);
    }
    if (r.vote) {
        std::string q = !r.quorum_met ? "" : *r.quorum_met ? "到会人数超过半数，表决有效" : "到会人数未超过半数，表决无效";
        auto st = pdf::ParagraphStyle::body();
        st.first_indent = 0;
        if (r.flagged()) st.color = pdf::colors::dark_red;
        para("表决：本次会议进行了表决。" + q, st);
    }
    if (!r.topic.empty()) {
        label("议题");
        para(r.topic);
    }
    // The template's own fields (会议内容, 决议…) in the template's order; unknown ones after.
    static const std::set<std::string> standard = {"date",  "time",      "place", "host",  "recorder",
                                                   "topic", "attendees", "group", "hours", "attachments"};
    std::set<std::string> done;
    auto print_field = [&](const std::string& id, const std::string& title) {
        auto it = r.fields.find(id);
        if (it == r.fields.end() || it->second.empty()) return;
        done.insert(id);
        label(title);
        paragraphs(it->second);
    };
    if (t)
        for (const auto& f : t->fields)
            if (!standard.count(f.id)) print_field(f.id, f.label);
    for (const auto& [id, value] : r.fields)
        if (!done.count(id)) print_field(id, id);
    if (!r.attachments.empty()) {
        label("附件");
        int n = 0;
        for (const auto& ref : r.attachments) {
            ++n;
            fs::path path;
            std::string name = ref, media;
            if (auto sha = FileStore::parse_reference(ref)) {
                auto f = m_files.find(*sha);
                path = m_files.path_of(*sha);
                if (f) {
                    name = f->original_name.empty() ? ref : f->original_name;
                    media = f->media_type;
                }
            } else {
                path = ref;
                name = fs::path(ref).filename().string();
            }
            std::error_code ec;
            if (!fs::is_regular_file(path, ec)) {
                para(std::to_string(n) + ". " + name + "（文件缺失）", pdf::ParagraphStyle::small());
                m_result.warnings.push_back(
                    {OB_N("{date} {type} 的附件 {file} 找不到"), {{"date", r.date.iso()}, {"type", type_name}, {"file", ref}}});
                continue;
            }
            if (media.empty()) {
                std::string magic(16, '\0');
                std::ifstream in(path, std::ios::binary);
                in.read(magic.data(), 16);
                magic.resize(static_cast<std::size_t>(in.gcount()));
                media = FileStore::guess_media_type(magic, name);
            }
            if (media == "image/png" || media == "image/jpeg") image(path, "附件 " + std::to_string(n) + "：" + name);
            else para(std::to_string(n) + ". " + name, pdf::ParagraphStyle::small());
        }
    }
    if (r.flagged()) note("注：本次表决到会人数未超过半数。");
}

void BookBuilder::records(const Section& s) {
    auto it = m_records_by_section.find(s.id);
    if (it == m_records_by_section.end() || it->second.empty()) return;
    // A summary first, then one minutes page per record.
    std::map<std::string, int> counts;
    std::vector<std::string> order;
    for (const auto& r : it->second) {
        const auto* t = core::find_template(m_templates, r.type);
        std::string name = !r.type_name.empty() ? r.type_name : t ? t->name : r.type;
        if (!counts.count(name)) order.push_back(name);
        ++counts[name];
    }
    pdf::Table tb;
    tb.columns = {{"类型", 2}, {"本年度次数", 1, pdf::Align::center}};
    for (const auto& name : order) tb.rows.push_back({{name, std::to_string(counts[name])}});
    table(tb);
    for (const auto& r : it->second) {
        record_page(r);
        ++m_result.records;
    }
}

void BookBuilder::entries(const Section& s) {
    EntryStore store(m_archive, m_sections);
    auto list = store.list(s.id, m_opt.year);
    for (const auto& e : list) {
        label(e.date.chinese() + "　" + e.title);
        paragraphs(e.body);
    }
}

void BookBuilder::documents(const Section& s) {
    DocumentFilter f;
    f.year = m_opt.year;
    f.section_id = s.id;
    auto docs = m_docs.list(f);
    if (docs.empty()) return;
    label("归档文件");
    pdf::Table tb;
    tb.size = 0.85;
    tb.columns = {
        {"档号", 2.2}, {"题名", 3.6}, {"文号", 1.7}, {"日期", 1.3, pdf::Align::center}, {"页数", 0.5, pdf::Align::center}};
    for (const auto& d : docs)
        tb.rows.push_back(
            {{d.archival_code(), d.title, d.doc_ref, doc_date_text(d.date), d.pages ? std::to_string(*d.pages) : ""}});
    table(tb);
    for (const auto& d : docs) {
        if (d.media_type != "image/png" && d.media_type != "image/jpeg") continue;
        std::error_code ec;
        fs::path p = m_docs.path_of(d);
        if (!fs::is_regular_file(p, ec)) {
            m_result.warnings.push_back({OB_N("归档文件 {code} 的文件缺失"), {{"code", d.archival_code()}}});
            continue;
        }
        image(p, d.archival_code() + "　" + d.title);
    }
}

bool BookBuilder::has_content(const Section& s) {
    // Views and rule texts are the book's fixed frame: printed (with their own "none" note) every year.
    if (s.has(holds::view) || s.has(holds::rule_texts)) return true;
    if (s.has(holds::records) && !m_records_by_section[s.id].empty()) return true;
    if (s.has(holds::entries) && !EntryStore(m_archive, m_sections).list(s.id, m_opt.year).empty()) return true;
    DocumentFilter f;
    f.year = m_opt.year;
    f.section_id = s.id;
    return s.has(holds::documents) && !m_docs.list(f).empty();
}

void BookBuilder::section(const Section& s, bool first_in_chapter, const std::string& chapter_heading) {
    // Every chapter and every section with something in it starts a page; an empty section
    // follows the one before it, so a thin year does not print a page per empty heading.
    bool content = has_content(s);
    if (first_in_chapter || content) m_w->page_break();
    else m_w->spacer(1.2);
    if (first_in_chapter) m_w->heading(chapter_heading, 1);
    m_w->heading(c(s.title), 2);
    if (!s.description.empty()) note(s.description);
    if (!content) return empty_note("本年度无内容。");
    if (s.has(holds::view)) view(s);
    if (s.has(holds::rule_texts)) rule_texts(s);
    if (s.has(holds::entries)) entries(s);
    if (s.has(holds::documents)) documents(s);
    if (s.has(holds::records)) records(s);
}

BookResult BookBuilder::build(const fs::path& out) {
    const auto& plugin = m_plugins.require(m_org.sector);
    m_templates = core::load_meeting_templates(plugin);
    m_rule_texts = RuleTextStore(m_archive, m_plugins).all();
    core::RecordStore records(m_archive.db(), m_org.id);
    for (auto& r : records.list(m_opt.year)) {
        const Section* s = section_for_record_type(m_sections, r.type);
        if (!s) {
            m_result.warnings.push_back({OB_N("记录类型 {type} 没有对应的篇目，未打印"), {{"type", r.type}}});
            continue;
        }
        m_records_by_section[s->id].push_back(std::move(r));
    }

    pdf::WriterOptions o;
    o.page = pdf::PageSize::a4();
    o.margin_mm = 18;
    o.fonts = m_opt.fonts;
    o.body_size = 10.5;
    o.title = m_org.name + " " + std::to_string(m_opt.year) + " 年度党建工作一本通";
    o.author = m_org.name;
    o.subject = "党建工作一本通";
    // Cover and contents carry no running header or number; the body is numbered from 1.
    auto front_pages = std::make_shared<int>(0);
    std::string running = m_org.name + "　" + std::to_string(m_opt.year) + " 年度党建工作一本通";
    o.decorate = [front_pages, running](pdf::PageDecor& d, const pdf::PageInfo& p) {
        if (p.index <= *front_pages || p.number <= 0) return;
        d.text(pdf::PageDecor::Slot::header, pdf::Align::left, running, 0.75);
        if (!p.section.empty()) d.text(pdf::PageDecor::Slot::header, pdf::Align::right, p.section, 0.75);
        d.rule(pdf::PageDecor::Slot::header);
        d.text(pdf::PageDecor::Slot::footer, pdf::Align::center, "第 " + std::to_string(p.number) + " 页", 0.8);
    };
    m_w = std::make_unique<pdf::Writer>(o);
    if (m_opt.part != BookOptions::Part::Whole) return build_part(out);
    cover();
    m_w->page_break();
    m_w->table_of_contents("目　录", 2);
    m_w->restart_page_numbers(1);
    const auto& chs = chapters();
    for (std::size_t i = 0; i < chs.size(); ++i) {
        std::string heading = std::string(chapter_numbers[i]) + "　" + chs[i].title;
        bool first = true;
        for (const auto& s : m_sections) {
            if (s.chapter != chs[i].id) continue;
            section(s, first, heading);
            first = false;
        }
        if (first) {
            m_w->page_break();
            m_w->heading(heading, 1);
            empty_note("本章无内容。");
        }
    }
    auto summary = m_w->layout();
    for (const auto& e : summary.outline)
        if (e.level == 1) {
            *front_pages = e.page_index - 1;
            break;
        }
    m_w->save(out);
    m_result.pages = summary.pages;
    m_result.outline = summary.outline;
    DocumentFilter f;
    f.year = m_opt.year;
    m_result.documents = static_cast<int>(m_docs.list(f).size());
    std::error_code ec;
    m_result.bytes = static_cast<std::int64_t>(fs::file_size(out, ec));
    return m_result;
}

BookResult BookBuilder::build_part(const fs::path& out) {
    if (m_opt.part == BookOptions::Part::Roster) {
        m_w->heading(m_org.name + "党员名册", 1);
        view_members();
    } else {
        core::RecordStore records(m_archive.db(), m_org.id);
        for (auto id : m_opt.record_ids)
            if (auto r = records.get(id)) {
                record_page(*r);
                ++m_result.records;
            }
    }
    auto summary = m_w->layout();
    m_w->save(out);
    m_result.pages = summary.pages;
    m_result.outline = summary.outline;
    std::error_code ec;
    m_result.bytes = static_cast<std::int64_t>(fs::file_size(out, ec));
    return m_result;
}

} // namespace

BookResult write_book_pdf(core::Archive& archive, const core::PluginHost& plugins, const BookOptions& options,
                          const fs::path& out) {
    int this_year = core::Date::today().year();
    if (options.year < 1949 || options.year > this_year + 1)
        throw core::Error(OB_N("年度 {value} 不合理，应在 1949 到 {max} 之间"),
                          {{"value", std::to_string(options.year)}, {"max", std::to_string(this_year + 1)}}, {{}, {}, "year"});
    BookBuilder b(archive, plugins, options);
    return b.build(out);
}

} // namespace onebook::archive
