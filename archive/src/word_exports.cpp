// Minutes, rectification ledger and rule texts as Word documents: see word_exports.hpp.
#include "onebook/archive/word_exports.hpp"

#include <set>
#include <sstream>

namespace onebook::archive {

namespace {

using Align = DocxParagraph::Align;

/// Fields the form at the top of the minutes shows; the others follow as text sections.
const std::set<std::string> form_fields = {"date",      "time",  "place", "host",  "recorder",
                                           "attendees", "topic", "group", "hours", "attachments"};

DocxParagraph cell_text(const std::string& text, bool header = false) {
    DocxParagraph p(text, header ? "TableHeader" : "TableText");
    p.align = header ? Align::Center : Align::Left;
    return p;
}

DocxCell label(const std::string& text) { return DocxCell{{cell_text(text, true)}, 1, true}; }
DocxCell value(const std::string& text, int span = 1) { return DocxCell{{cell_text(text.empty() ? "" : text)}, span, false}; }

/// Body text: one paragraph per line, indented two characters.
void add_body(DocxDocument& doc, const std::string& text, const std::string& style) {
    std::istringstream in(text);
    std::string line;
    bool any = false;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        doc.add(DocxParagraph(line, style));
        any = true;
    }
    if (!any) doc.add(DocxParagraph("无", style));
}

std::string when(const core::Record& r) {
    std::string s = r.date.valid() ? r.date.chinese() : "";
    if (!r.time.empty()) s += " " + r.time;
    return s;
}

const core::MeetingTemplate* template_of(const std::vector<core::MeetingTemplate>& all, const std::string& id) {
    for (const auto& t : all)
        if (t.id == id) return &t;
    return nullptr;
}

std::string label_or(const core::MeetingTemplate* t, const std::string& id, const std::string& fallback) {
    if (t)
        if (const auto* f = t->field(id)) return f->label;
    return fallback;
}

void add_minutes(DocxDocument& doc, const core::Organisation& org, const core::Record& r, const core::MeetingTemplate* t,
                 bool new_page) {
    std::string type_name = !r.type_name.empty() ? r.type_name : t ? t->name : r.type;
    auto& title = doc.add(DocxParagraph(type_name + "记录", "Title"));
    title.page_break_before = new_page;
    title.align = Align::Center;
    title.space_after = 120;
    doc.add(DocxParagraph(org.name, "Subtitle"));

    const int w = doc.text_width();
    const int lw = 1750;                 // label columns (缺席人员及原因 on one line)
    const int vw = (w - 2 * lw) * 2 / 5; // the right value column holds the date and time
    DocxTable form;
    form.widths = {lw, vw, lw, w - 2 * lw - vw};
    auto s = r.summary();
    std::string absent, present, observers;
    for (const auto& a : r.attendance) {
        if (a.present) present += (present.empty() ? "" : "、") + a.name;
        else absent += (absent.empty() ? "" : "、") + a.name + (a.reason.empty() ? "" : "（" + a.reason + "）");
    }
    for (const char* key : {"observers", "attending", "列席人员"})
        if (auto it = r.fields.find(key); it != r.fields.end()) observers = it->second;

    form.rows.push_back({label("会议名称"), value(type_name), label("时间"), value(when(r))});
    form.rows.push_back({label(label_or(t, "place", "地点")), value(r.place, 3)});
    form.rows.push_back(
        {label(label_or(t, "host", "主持人")), value(r.host), label(label_or(t, "recorder", "记录人")), value(r.recorder)});
    if (!r.group.empty()) form.rows.push_back({label("党小组"), value(r.group, 3)});
    bool with_attendance = !t || t->attendees != core::AttendeeScope::None;
    if (with_attendance) {
        form.rows.push_back({label("应到人数"), value(std::to_string(s.expected) + " 人"), label("实到人数"),
                             value(std::to_string(s.present) + " 人（出席率 " + s.rate_text() + "）")});
        form.rows.push_back({label("缺席人数"), value(std::to_string(s.absent) + " 人", 3)});
        form.rows.push_back({label("缺席人员及原因"), value(absent.empty() ? "无" : absent, 3)});
        form.rows.push_back({label("实到人员"), value(present, 3)});
    }
    form.rows.push_back({label("列席人员"), value(observers, 3)}); // blank: written in by hand
    form.rows.push_back({label("议题"), value(r.topic, 3)});
    if (r.hours > 0) form.rows.push_back({label(label_or(t, "hours", "学时")), value(r.value("hours"), 3)});
    if (r.vote)
        form.rows.push_back({label("表决"), value(!r.quorum_met   ? "有表决"
                                                  : *r.quorum_met ? "有表决，到会人数符合规定"
                                                                  : "有表决，到会人数不足半数（表决无效）",
                                                  3)});
    doc.add(std::move(form));

    // The template's other fields, in its order (议程, 会议内容, 决议事项, 表决情况…).
    std::vector<std::pair<std::string, std::string>> sections;
    if (t) {
        for (const auto& f : t->fields)
            if (!form_fields.count(f.id)) sections.push_back({f.id, f.label});
    } else {
        for (const auto& [k, v] : r.fields) sections.push_back({k, k});
    }
    bool has_resolutions = false;
    for (const auto& [id, text] : sections) {
        if (id == "resolutions") has_resolutions = true;
        std::string v = r.value(id);
        if (v.empty() && id != "minutes" && id != "resolutions") continue;
        auto& l = doc.add(DocxParagraph(text + "：", "Label"));
        l.align = Align::Left;
        add_body(doc, v, "Minutes");
    }
    if (!has_resolutions && t && t->vote_allowed) {
        doc.add(DocxParagraph("决议事项：", "Label"));
        add_body(doc, {}, "Minutes");
    }
    if (!r.attachments.empty()) {
        doc.add(DocxParagraph(label_or(t, "attachments", "附件") + "：", "Label"));
        for (const auto& a : r.attachments) doc.add(DocxParagraph(a, "Minutes"));
    }

    auto& sig = doc.add(DocxParagraph("主持人（签字）：", "Signature"));
    sig.runs.push_back(DocxRun::blank(20));
    sig.runs.push_back(DocxRun("        记录人（签字）："));
    sig.runs.push_back(DocxRun::blank(20));
    auto& date_line = doc.add(DocxParagraph("日期：    年    月    日", "Signature"));
    date_line.align = Align::Right;
}

} // namespace

DocxDocument minutes_document(const core::Organisation& org, const std::vector<core::Record>& records,
                              const std::vector<core::MeetingTemplate>& templates) {
    DocxDocument doc;
    doc.author = org.name;
    if (records.size() == 1) {
        const auto& r = records.front();
        doc.title = org.name + " " + (r.type_name.empty() ? r.type : r.type_name) + "记录（" + r.date.iso() + "）";
    } else {
        doc.title = org.name + "会议记录";
    }
    bool first = true;
    for (const auto& r : records) {
        add_minutes(doc, org, r, template_of(templates, r.type), !first);
        first = false;
    }
    if (records.empty()) doc.add(DocxParagraph("没有会议记录", "Title"));
    return doc;
}

DocxDocument rectification_ledger_document(const core::Organisation& org, core::Rectification& rect, const core::Date& today) {
    DocxDocument doc;
    doc.landscape = true;
    doc.author = org.name;
    doc.title = org.name + "整改台账";
    doc.add(DocxParagraph(doc.title, "Title"));
    auto items = rect.list(today);
    int overdue = 0, finished = 0;
    for (const auto& it : items) {
        if (it.overdue(today)) ++overdue;
        if (it.finished()) ++finished;
    }
    doc.add(DocxParagraph("截至 " + today.chinese() + "，共 " + std::to_string(items.size()) + " 项，已完成或销号 " +
                              std::to_string(finished) + " 项，逾期 " + std::to_string(overdue) + " 项",
                          "Subtitle"));

    DocxTable t;
    const int w = doc.text_width();
    // 序号, 整改事项, 主要措施, 责任人, 完成时限, 量化目标, 完成情况, 状态, 整改过程
    std::vector<int> share = {4, 15, 20, 8, 11, 11, 14, 8, 17};
    int used = 0;
    for (std::size_t i = 0; i < share.size(); ++i) {
        int cw = i + 1 == share.size() ? w - used : w * share[i] / 108;
        t.widths.push_back(cw);
        used += cw;
    }
    t.header_rows = 1;
    std::vector<DocxCell> head;
    for (const char* h : {"序号", "整改事项", "主要措施", "责任人", "完成时限", "量化目标", "完成情况", "状态", "整改过程"})
        head.push_back(label(h));
    t.rows.push_back(std::move(head));
    int n = 0;
    for (const auto& it : items) {
        std::string status = core::label_zh(it.status);
        if (it.overdue(today)) status = "逾期" + std::to_string(it.days_overdue(today)) + "天·" + status;
        std::string history;
        for (const auto& h : rect.history(it.id)) {
            history += (history.empty() ? "" : "\n") + h.on.iso() + " " + core::label_zh(h.to);
            if (!h.note.empty()) history += "：" + h.note;
        }
        std::vector<DocxCell> row = {
            value(std::to_string(++n)), value(it.issue),    value(it.measures), value(it.owner), value(it.deadline.chinese()),
            value(it.target),           value(it.progress), value(status),      value(history)};
        row[0].paragraphs[0].align = Align::Center;
        if (it.overdue(today)) row[7].paragraphs[0].runs[0].bold = true;
        t.rows.push_back(std::move(row));
    }
    doc.add(std::move(t));
    auto& sig = doc.add(DocxParagraph("填报人：", "Signature"));
    sig.runs.push_back(DocxRun::blank(16));
    sig.runs.push_back(DocxRun("      审核人（党组织书记）："));
    sig.runs.push_back(DocxRun::blank(16));
    sig.runs.push_back(DocxRun("      填报日期：" + today.chinese()));
    return doc;
}

DocxDocument rule_texts_document(const core::Organisation& org, const std::vector<RuleText>& texts) {
    DocxDocument doc;
    doc.author = org.name;
    doc.title = org.name + "基本制度";
    doc.add(DocxParagraph(doc.title, "Title"));
    auto& toc = doc.add(DocxParagraph("目  录", "Heading2"));
    toc.align = Align::Center;
    int n = 0;
    for (const auto& t : texts) doc.add(DocxParagraph(std::to_string(++n) + ". " + t.title, "Minutes")).first_line_chars = 0;
    for (const auto& t : texts) {
        auto& h = doc.add(DocxParagraph(t.title, "Heading1"));
        h.page_break_before = true;
        h.align = Align::Center;
        add_body(doc, t.body, "BodyText");
        if (!t.source.empty()) doc.add(DocxParagraph("（依据：" + t.source + "）", "Source"));
    }
    return doc;
}

} // namespace onebook::archive
