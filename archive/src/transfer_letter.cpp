#include "onebook/archive/transfer_letter.hpp"

#include "onebook/error.hpp"
#include "onebook/pdf/writer.hpp"
#include "onebook/roster.hpp"

namespace fs = std::filesystem;
namespace pdf = onebook::core::pdf;

namespace onebook::archive {

namespace {

/// 2025年6月 from "2025-06".
std::string month_text(const std::string& yyyy_mm) {
    if (yyyy_mm.size() < 7) return "    年  月";
    int month = std::atoi(yyyy_mm.substr(5, 2).c_str());
    return yyyy_mm.substr(0, 4) + "年" + std::to_string(month) + "月";
}

std::string org_name(const std::string& name) { return name.rfind("中共", 0) == 0 ? name : "中共" + name; }

} // namespace

std::string transfer_letter_text(const core::Organisation& from, const core::Member& m, const core::Movement& out) {
    std::string who = m.name + "同志（" + (m.gender.empty() ? std::string() : m.gender + "，");
    if (m.birth_date) who += std::to_string(m.birth_date->years_until(out.on)) + "岁，";
    if (!m.ethnicity.empty()) who += m.ethnicity + "，";
    who += "中共" + std::string(m.status == "预备党员" ? "预备党员" : "正式党员") + "）";
    return who + "，组织关系由" + org_name(from.name) + "转到" + out.counterpart + "，请接洽。该同志党费已交到" +
           month_text(out.dues_paid_to) + "。";
}

int write_transfer_letter_pdf(core::Archive& archive, core::Id movement_id, const fs::path& file, const pdf::FontOptions& fonts) {
    auto org = archive.home();
    core::MemberHistory history(archive.db(), org.id);
    std::optional<core::Movement> move;
    for (const auto& m : history.movements())
        if (m.id == movement_id) move = m;
    if (!move || move->kind != "转出")
        throw core::Error(OB_N("编号 {id} 不是本支部的组织关系转出记录，无法开具介绍信"), {{"id", std::to_string(movement_id)}});
    auto member = core::Roster(archive.db(), org.id).member(move->member_id);
    if (!member) throw core::Error(OB_N("党员 {id} 不存在"), {{"id", std::to_string(move->member_id)}});

    pdf::WriterOptions o;
    o.page = pdf::PageSize::a4();
    o.margin_mm = 25;
    o.fonts = fonts;
    o.body_size = 14; // 四号, as the printed forms
    o.title = "中国共产党党员组织关系介绍信 " + member->name;
    o.author = org.name;
    o.subject = "党员组织关系介绍信";
    pdf::Writer w(o);
    w.title("中国共产党党员组织关系介绍信", {.size = 1.5, .color = pdf::colors::party_red, .space_after = 0.3});
    w.paragraph(move->letter_ref.empty() ? "〔    〕    号" : move->letter_ref, pdf::ParagraphStyle::right(0.9));
    w.paragraph((move->counterpart.empty() ? std::string("            ") : move->counterpart) + "：",
                {.align = pdf::Align::left, .space_before = 0.6});
    w.paragraph(transfer_letter_text(org, *member, *move));
    w.paragraph("（有效期    天）", pdf::ParagraphStyle::body());
    w.spacer(1.0);
    w.signature({org_name(org.name), move->on.chinese()});
    w.spacer(1.2);
    w.paragraph("- - - - - - - - - - - - - - - - - - - - 沿此线剪开 - - - - - - - - - - - - - - - - - - - -",
                pdf::ParagraphStyle::centered(0.7));
    w.spacer(0.6);
    w.title("回　执", {.size = 1.3, .color = pdf::colors::black, .space_after = 0.3});
    w.paragraph(move->letter_ref.empty() ? "" : "（" + move->letter_ref + "）", pdf::ParagraphStyle::right(0.9));
    w.paragraph(org_name(org.name) + "：", {.align = pdf::Align::left});
    w.paragraph(member->name + "同志的党员组织关系已转达我处，特此回复。");
    w.spacer(1.0);
    w.signature({(move->counterpart.empty() ? std::string("            ") : move->counterpart), "    年  月  日"});
    w.save(file);
    return w.layout().pages;
}

} // namespace onebook::archive
