// The safety net in the shell: 编辑 › 撤销/重做/历史/回收站, 文件 › 备份/恢复, and the guard that asks
// before Escape or 取消 throws away what was typed in a dialog. The main frame only calls the hooks
// below; the windows are history_view.cpp, trash_view.cpp and backup_dialog.cpp.
#pragma once

#include "onebook/journal.hpp"
#include "view.hpp"

#include <wx/dialog.h>
#include <wx/menu.h>

namespace onebook::shell {

class MainFrame;

namespace safety_id {
enum : int {
    undo = wxID_HIGHEST + 300,
    redo,
    history,
    object_history,
    trash,
    backup,
    restore,
    name,
};
} // namespace safety_id

/// Binds the 编辑 menu's items (撤销, 重做, 历史…, 回收站…, 操作人姓名…) and 文件 › 备份与恢复… (built
/// by the main frame with the ids above) to their actions on `frame`; enables them when an archive is open.
void bind_safety_net(MainFrame& frame, wxMenuBar* menubar);
/// After an archive is opened: who changes are recorded under (preferences), the day's automatic
/// backup, and where this session's undo history begins.
void safety_net_opened(MainFrame& frame);
/// Installs (once) the application-wide guard: a dialog whose fields changed asks before 取消,
/// Escape or its close box discards them.
void install_discard_guard();

/// The history window: the whole archive, or one object's (kind: record, member, document,
/// rectification, entry, assessment; item: one assessment item).
void show_history(wxWindow* parent, Shell& shell, const core::HistoryFilter& filter = {});
/// Puts the form of an item's dialog (record, member, document, rectification item) on a 内容 tab
/// and that item's history on a 历史 tab beside it; the dialog's buttons stay below both. Call
/// after the dialog is built, for an item that exists (kind as in HistoryFilter::object_kind).
void add_history_tab(wxDialog* dialog, core::Archive& archive, const std::string& kind, std::int64_t id);
/// The recycle bin window.
void show_trash(wxWindow* parent, Shell& shell);
/// 文件 › 备份与恢复: the backups with their sizes, 立即备份, 恢复.
void show_backups(MainFrame& frame);

/// Undo/redo of this session's changes; false with a message when there is nothing to do.
bool undo_last(MainFrame& frame);
bool redo_last(MainFrame& frame);

} // namespace onebook::shell
