// The demo's spreadsheets: what a superior asks a branch for, as real Excel files — the roster
// without its private columns and last year's assessment sheet — written beside the archive.
#include "demo_steps.hpp"

#include "onebook/archive/tables.hpp"
#include "onebook/assessment.hpp"
#include "onebook/rules.hpp"

namespace onebook::archive::demo {

namespace fs = std::filesystem;

void exports(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const fs::path folder = fs::path(a.path()).parent_path();
    const auto today = core::Date::today();
    const int last = today.year() - 1;
    auto home = a.home();

    core::Roster roster(a.db(), home.id);
    auto members = roster.members({}, false);
    fs::path roster_file = folder / "党员名册.xlsx";
    render_xlsx({localise(roster_table(home.name, members, roster.groups(), false, today))}, roster_file);
    report.files.push_back(roster_file);

    auto rubrics = core::RubricSet::load(plugins);
    core::AssessmentStore store(a, rubrics);
    auto x = store.require(home.id, last);
    auto sheet = store.sheet(x.id, core::check_rules(a, plugins, last, today));
    fs::path sheet_file = folder / ("考核表-" + std::to_string(last) + ".xlsx");
    render_xlsx(localise(assessment_tables(sheet, today)), sheet_file);
    report.files.push_back(sheet_file);

    report.lines.push_back("Excel 导出：党员名册（" + std::to_string(members.size()) + " 人，不含身份证号、电话、住址）、" +
                           std::to_string(last) + " 年度考核表（条目、建议分、自评、组织考核、扣分理由、小计和等次）");
}

} // namespace onebook::archive::demo
