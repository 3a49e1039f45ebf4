// Every list view's way out to Excel: a 导出 button whose menu writes the view's tables as .xlsx
// or CSV (the same tables and renderers as the CLI's --format) and copies them to the clipboard as
// tab-separated text that pastes into Excel and WPS as cells; Ctrl+C on the list does the same.
#pragma once

#include "view.hpp"

#include "onebook/archive/table.hpp"

#include <wx/string.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

class wxButton;
class wxSizer;
class wxWindow;

namespace onebook::shell {

/// Builds the tables a view shows, from the archive as it is now (called when the user exports).
using TableSource = std::function<std::vector<archive::Table>()>;

/// Menu ids of the export button's menu (tests send them to the button).
namespace table_export_id {
enum : int { excel = wxID_HIGHEST + 700, csv, copy };
}

/// Adds a "导出…" button named `<name>_export` to `sizer`; its menu offers 导出 Excel…, 导出 CSV…
/// and 复制表格. When `list` is given, Ctrl+C on it copies the tables too.
wxButton* add_table_export(wxWindow* parent, wxSizer* sizer, Shell& shell, wxWindow* list, const std::string& name,
                           TableSource source);

/// Ctrl+C on `list` runs the 复制表格 of `export_button` (for lists made after their button).
void bind_copy_key(wxWindow* list, wxWindow* export_button);

/// Asks where to save (suggesting organisation-title-date) and writes the tables; the status bar
/// says where. Returns the file, or nothing when cancelled or failed (the error is shown).
std::optional<std::filesystem::path> export_tables(wxWindow* parent, Shell& shell, const std::vector<archive::Table>& tables,
                                                   archive::TableFormat format);

/// Puts the tables (translated) on the clipboard as tab-separated text, a blank line between tables.
bool copy_tables(const std::vector<archive::Table>& tables);

/// The translated tables' clipboard text (what copy_tables puts there).
std::string clipboard_text(const std::vector<archive::Table>& tables);

/// Replaces the save dialog (tests): given the suggested file name and the format, returns the
/// path to write, or an empty string for "cancelled". An empty function restores the dialog.
void set_export_path_chooser(std::function<wxString(const wxString& suggested, archive::TableFormat format)> chooser);

} // namespace onebook::shell
