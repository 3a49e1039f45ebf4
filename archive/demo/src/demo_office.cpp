// Demo step for office interchange: last year's 支部党员大会 minutes and the rectification
// ledger as Word documents in the demo folder, as a secretary would print and stamp them.
#include "demo_steps.hpp"

#include "onebook/archive/word_exports.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"

namespace fs = std::filesystem;

namespace onebook::archive::demo {

void office(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const auto org = a.home();
    const fs::path folder = report.archive.parent_path() / "word";
    fs::create_directories(folder);
    auto templates = core::load_meeting_templates(plugins.require(org.sector));
    core::RecordStore store(a.db(), org.id);
    const int year = core::Date::today().year() - 1;
    auto assemblies = store.list(year, "assembly");
    if (!assemblies.empty()) {
        fs::path minutes = folder / ("支部党员大会记录-" + assemblies.front().date.iso() + ".docx");
        save_docx(minutes_document(org, {assemblies.front()}, templates), minutes);
        report.files.push_back(minutes);
        fs::path all = folder / ("支部党员大会记录-" + std::to_string(year) + ".docx");
        save_docx(minutes_document(org, assemblies, templates), all);
        report.files.push_back(all);
    }
    core::Rectification rect(a.db(), org.id);
    fs::path ledger = folder / "整改台账.docx";
    save_docx(rectification_ledger_document(org, rect, core::Date::today()), ledger);
    report.files.push_back(ledger);
    report.lines.push_back("Word 文档：" + std::to_string(year) + " 年支部党员大会记录（单篇和全年合订）、整改台账，在 " +
                           folder.string());
}

} // namespace onebook::archive::demo
