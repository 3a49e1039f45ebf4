// The safety net: history (全程纪实), undo, redo, the recycle bin (回收站), backups and restores.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/documents.hpp"
#include "onebook/archive/entries.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/backup.hpp"
#include "onebook/date.hpp"
#include "onebook/journal.hpp"
#include "onebook/numbers.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace onebook::cli {

namespace {

core::Translate translator() {
    return [](const std::string& s) { return _(s); };
}

std::int64_t positive_id(const std::string& v, const char* what) {
    char* end = nullptr;
    long long id = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || !end || *end != '\0' || id <= 0)
        throw core::Error(OB_N("{what}编号“{value}”不是正整数"), {{"what", what}, {"value", v}});
    return id;
}

int cmd_history(Context& ctx) {
    const auto& a = ctx.args();
    core::HistoryFilter f;
    if (a.has("object")) {
        // KIND:ID, or assessment:ID:ITEM for one rubric item's scores
        std::string o = a.get("object");
        auto c1 = o.find(':');
        if (c1 == std::string::npos) throw core::Error(OB_N("--object 应写作 类型:编号，例如 record:12"), {}, {{}, {}, "object"});
        f.object_kind = o.substr(0, c1);
        std::string rest = o.substr(c1 + 1);
        auto c2 = rest.find(':');
        if (c2 != std::string::npos) {
            f.item = rest.substr(c2 + 1);
            rest = rest.substr(0, c2);
        }
        f.object_id = positive_id(rest, "对象");
    }
    if (a.has("since")) { f.since = date_option(a, "since").iso(); }
    if (a.has("limit")) f.limit = static_cast<int>(positive_id(a.get("limit"), "条数"));
    core::Journal journal(ctx.archive());
    auto entries = journal.history(f, translator());
    if (!wants_report(ctx)) // JSON, CSV, xlsx: the one table
        return emit_tables(ctx, {archive::history_table(ctx.archive().home().name, entries, core::Date::today())});
    if (entries.empty()) ctx.out << _("没有修改记录") << "\n";
    for (const auto& e : entries) {
        ctx.out << "#" << e.set_id << "  " << e.text << (e.undone ? "  " + _("（已撤销）") : std::string()) << "\n";
        for (const auto& d : e.details) ctx.out << "      " << d << "\n";
    }
    return 0;
}

/// What a change set did, without its time and author ("新增了 会议记录「…」").
std::string what_it_did(core::Journal& journal, const core::ChangeSet& set) {
    auto full = journal.set(set.id);
    auto e = journal.describe(full ? *full : set, translator());
    return e.text.substr(std::min(e.text.size(), e.at.size() + e.by.size() + 2));
}

int cmd_undo(Context& ctx) {
    core::Journal journal(ctx.archive());
    auto target = journal.undo_target();
    std::string what = target ? what_it_did(journal, *target) : std::string();
    journal.undo();
    ctx.out << _("已撤销") << "：" << what << "\n";
    return 0;
}

int cmd_redo(Context& ctx) {
    core::Journal journal(ctx.archive());
    auto target = journal.redo_target();
    journal.redo();
    // The undo's original: what is done again.
    std::string what;
    if (target && target->reverts)
        if (auto orig = journal.set(*target->reverts)) what = what_it_did(journal, *orig);
    ctx.out << _("已重做") << "：" << what << "\n";
    return 0;
}

std::string kind_name(const std::string& k) {
    if (k == "record") return _("会议记录");
    if (k == "member") return _("党员");
    if (k == "document") return _("归档文件");
    if (k == "rectification") return _("整改事项");
    if (k == "entry") return _("条目");
    return k;
}

// trash list | trash restore ID | trash purge ID (subcommands, so "restore" never reads as the
// top-level restore of a backup).
int cmd_trash(Context& ctx, const std::string& verb) {
    const auto& a = ctx.args();
    core::Journal journal(ctx.archive());
    if (verb == "list") {
        auto items = journal.trash(a.has("all"));
        if (!wants_report(ctx))
            return emit_tables(ctx, {archive::trash_table(ctx.archive().home().name, items, core::Date::today())});
        if (items.empty()) {
            ctx.out << _("回收站是空的") << "\n";
            return 0;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& t : items)
            rows.push_back(
                {std::to_string(t.set_id), t.at, t.by, kind_name(t.kind),
                 t.title + (t.objects > 1 ? " " + core::substitute(_("等 {n} 项"), {{"n", std::to_string(t.objects)}}) : ""),
                 std::to_string(t.attached)});
        print_table(ctx.out, {_("编号"), _("删除时间"), _("操作人"), _("类型"), _("内容"), _("附带")}, rows);
        return 0;
    }
    if (verb == "restore") {
        std::int64_t id = positive_id(a.positional(0), "回收站");
        journal.restore(id);
        ctx.out << _("已从回收站恢复") << " #" << id << "\n";
        return 0;
    }
    if (verb == "purge") {
        std::int64_t id = positive_id(a.positional(0), "回收站");
        int files = journal.purge(id);
        ctx.out << core::substitute(_("已永久清除 #{id}（删除文件 {files} 个）"),
                                    {{"id", std::to_string(id)}, {"files", std::to_string(files)}})
                << "\n";
        return 0;
    }
    throw core::Error(OB_N("trash 的用法：trash list、trash restore 编号、trash purge 编号"));
}

int cmd_backup(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    core::Backups backups(archive);
    if (a.positional(0) == "list") {
        auto all = backups.list();
        if (!wants_report(ctx)) return emit_tables(ctx, {archive::backups_table(archive.home().name, all, core::Date::today())});
        if (all.empty()) {
            ctx.out << _("还没有备份") << "\n";
            return 0;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& b : all)
            rows.push_back({b.made_at, _(core::Backups::reason_label(b.reason)), core::format_size(b.size),
                            std::to_string(b.files) + " (" + core::format_size(b.file_bytes) + ")", b.path});
        print_table(ctx.out, {_("时间"), _("原因"), _("大小"), _("文件（与档案共享）"), _("备份文件")}, rows);
        return 0;
    }
    if (!a.positional(0).empty()) throw core::Error(OB_N("backup 的用法：backup [--out 文件]、backup list"));
    core::BackupInfo info = a.has("out") ? backups.make_to(a.get("out")) : backups.make("manual");
    ctx.out << _("已备份到") << " " << info.path << "（" << core::format_size(info.size) << "，"
            << core::substitute(_("文件 {n} 个"), {{"n", std::to_string(info.files)}}) << "）\n";
    return 0;
}

int cmd_restore(Context& ctx) {
    const auto& a = ctx.args();
    std::string backup = a.positional(0);
    if (backup.empty()) throw core::Error(OB_N("请给出要恢复的备份文件（用 onebook-cli backup list 查看）"));
    if (a.has("to")) {
        core::Backups::restore_to(backup, a.get("to"));
        ctx.out << _("已从备份恢复为新档案") << " " << a.get("to") << "\n";
        return 0;
    }
    auto safety = core::Backups(ctx.archive()).restore(backup);
    ctx.out << _("已从备份恢复档案") << "；" << _("恢复前的状态已备份到") << " " << safety.path << "\n";
    return 0;
}

// Deleting moves to the recycle bin: every delete says where the item went and how to get it back.
void say_trashed(Context& ctx, const std::string& what) {
    core::Journal journal(ctx.archive());
    auto items = journal.trash();
    std::string id = items.empty() ? "?" : std::to_string(items.front().set_id);
    ctx.out << core::substitute(_("已删除{what}，已移入回收站（编号 {id}，可用 onebook-cli trash restore {id} 恢复）"),
                                {{"what", what}, {"id", id}})
            << "\n";
}

int cmd_member_remove(Context& ctx) {
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    std::int64_t id = positive_id(ctx.args().positional(0), "党员");
    auto m = roster.member(id, false);
    if (!m) throw core::Error("党员 {id} 不存在", {{"id", std::to_string(id)}});
    roster.remove_member(id);
    say_trashed(ctx, _("党员") + " " + m->name);
    return 0;
}

int cmd_doc_remove(Context& ctx) {
    auto& archive = ctx.archive();
    archive::DocumentStore docs(archive, ctx.plugins());
    std::int64_t id = positive_id(ctx.args().positional(0), "归档文件");
    auto d = docs.require(id);
    docs.remove(id);
    say_trashed(ctx, _("归档文件") + " " + d.archival_code() + " " + d.title);
    return 0;
}

int cmd_rectify_remove(Context& ctx) {
    auto& archive = ctx.archive();
    core::Rectification rect(archive.db(), archive.home().id);
    std::int64_t id = positive_id(ctx.args().positional(0), "整改事项");
    rect.remove(id);
    say_trashed(ctx, _("整改事项") + " #" + std::to_string(id));
    return 0;
}

int cmd_entry_remove(Context& ctx) {
    auto& archive = ctx.archive();
    archive::EntryStore entries(archive, archive::book_sections(ctx.plugins(), archive.home().sector));
    std::int64_t id = positive_id(ctx.args().positional(0), "条目");
    entries.remove(id);
    say_trashed(ctx, _("条目") + " #" + std::to_string(id));
    return 0;
}

} // namespace

void register_history_commands() {
    add_command({{"member", "remove"}, "ID", OB_N("删除党员（移入回收站，可恢复）"), {}, cmd_member_remove});
    add_command({{"doc", "remove"}, "ID", OB_N("删除归档文件（移入回收站，文件在清除前保留）"), {}, cmd_doc_remove});
    add_command({{"rectify", "remove"}, "ID", OB_N("删除整改事项（移入回收站，可恢复）"), {}, cmd_rectify_remove});
    add_command({{"entry", "remove"}, "ID", OB_N("删除篇目中的条目（移入回收站，可恢复）"), {}, cmd_entry_remove});
    add_command({{"history"},
                 std::string("[--object KIND:ID] [--since DATE] [--limit N] ") + table_options,
                 OB_N("全程纪实：谁在什么时候改了什么（可按对象、日期筛选）"),
                 {},
                 cmd_history});
    add_command({{"undo"}, "", OB_N("撤销最近一次修改"), {}, cmd_undo});
    add_command({{"redo"}, "", OB_N("重做刚撤销的修改"), {}, cmd_redo});
    add_command({{"trash", "list"},
                 std::string("[--all] ") + table_options,
                 OB_N("回收站：列出已删除的内容（--all 含已恢复和已清除的）"),
                 {"all"},
                 [](Context& c) { return cmd_trash(c, "list"); }});
    add_command({{"trash", "restore"}, "ID", OB_N("从回收站恢复（连同出席、文件、关联）"), {}, [](Context& c) {
                     return cmd_trash(c, "restore");
                 }});
    add_command({{"trash", "purge"}, "ID", OB_N("从回收站永久清除（文件库中不再被引用的文件一并删除）"), {}, [](Context& c) {
                     return cmd_trash(c, "purge");
                 }});
    add_command(
        {{"backup"}, std::string("[list] ") + table_options, OB_N("备份档案（连同文件库），或列出已有备份"), {}, cmd_backup});
    add_command({{"restore"},
                 "BACKUP [--to FILE]",
                 OB_N("从备份恢复档案（先校验备份，并备份当前状态），或恢复为新档案"),
                 {},
                 cmd_restore});
}

} // namespace onebook::cli
