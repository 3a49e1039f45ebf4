// Demo step for the safety net: a correction in the history (全程纪实), an entry in the recycle bin
// (回收站) and a backup with its files shared, as a secretary would see them after a normal week.
#include "demo_steps.hpp"

#include "onebook/archive/entries.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"

namespace onebook::archive::demo {

void safety(core::Archive& a, const core::PluginHost& plugins, DemoReport& report) {
    const auto org = a.home();
    // A correction: a member's absence was sick leave, not a business trip.
    auto templates = core::load_meeting_templates(plugins.require(org.sector));
    core::RecordStore store(a.db(), org.id);
    std::int64_t rid = a.db().scalar_int("SELECT coalesce(max(record_id), 0) FROM record_attendance WHERE reason LIKE '%出差%'");
    if (rid) {
        auto r = *store.get(rid);
        for (auto& at : r.attendance)
            if (at.reason.find("出差") != std::string::npos) {
                at.reason = "因病请假";
                break;
            }
        store.update(r, core::require_template(templates, r.type), core::Date::today());
    }
    // A rectification item marked done by mistake and undone at once: the ledger's history (read
    // from the journal) keeps both lines.
    core::Journal journal(a);
    core::Rectification rect(a.db(), org.id);
    for (const auto& it : rect.list(core::Date::today())) {
        if (it.status != core::RectStatus::InProgress) continue;
        rect.change_status(it.id, core::RectStatus::Done, core::Date::today(), "误点了“已完成”");
        journal.undo();
        auto lines = rect.history(it.id);
        report.lines.push_back("整改事项 #" + std::to_string(it.id) + " 误改为“已完成”后撤销：状态恢复为“整改中”，台账历史共 " +
                               std::to_string(lines.size()) + " 行，误改和撤销各一行（onebook-cli rectify history " +
                               std::to_string(it.id) + "）");
        break;
    }
    // An entry filed twice by mistake, deleted: it waits in the recycle bin.
    EntryStore entries(a, book_sections(plugins, org.sector));
    BookEntry dup{0, "innovation.projects", core::Date(core::Date::today().year(), 4, 18), "“红色楼栋长”工作法（重复录入）",
                  "与已录入的条目重复。"};
    entries.add(dup);
    entries.remove(dup.id);

    auto history = journal.history({});
    report.lines.push_back("全程纪实：" + std::to_string(history.size()) +
                           " 次修改，每次记下时间、操作人和改动前后（onebook-cli history）");
    bool shown = false;
    for (const auto& e : history)
        for (const auto& d : e.details)
            if (!shown && d.find("缺席原因") != std::string::npos) {
                report.lines.push_back("  一次更正：" + e.text + "：" + d);
                shown = true;
            }
    auto bin = journal.trash();
    report.lines.push_back("回收站：" + std::to_string(bin.size()) + " 项（" + (bin.empty() ? "" : bin.front().title) +
                           "），可恢复或永久清除（onebook-cli trash list）");

    auto backup = core::Backups(a).make("manual");
    report.lines.push_back("备份：" + backup.path + "（" + std::to_string(backup.size / 1024) + " KB，文件 " +
                           std::to_string(backup.files) +
                           " 个与档案共享硬链接）；每日首次打开自动备份，保留 7 份日备份和 4 份周备份");
    report.files.push_back(backup.path);
}

} // namespace onebook::archive::demo
