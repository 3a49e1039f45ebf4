// The shell's main window: menus, the one book as a tree on the left, the selected section's view
// on the right, a search box and the year on top. Holds the open archive (one at a time).
#pragma once

#include "view.hpp"

#include "onebook/archive/sections.hpp"

#include <wx/filehistory.h>
#include <wx/frame.h>
#include <wx/stopwatch.h>

#include <optional>
#include <string>
#include <vector>

class wxTreeCtrl;
class wxTreeEvent;
class wxSearchCtrl;
class wxSpinCtrl;
class wxStaticText;
class wxSplitterWindow;
class wxMenu;
class wxSizer;

namespace onebook::shell {

class MainFrame : public wxFrame, public Shell {
public:
    explicit MainFrame(core::PluginHost& plugins);
    ~MainFrame() override;

    // Shell
    bool has_archive() const override { return m_archive.has_value(); }
    core::Archive& archive() override;
    const core::PluginHost& plugins() const override { return m_plugins; }
    core::Organisation home() override;
    int year() const override { return m_year_value; }
    void set_year(int year) override;
    void navigate(const Target& target) override;
    void archive_changed() override;
    void set_status(const wxString& text) override;
    void view_branch(core::Id organisation) override;
    /// Leaves a branch shown read-only (view_branch) for the desk of branches.
    void back_to_desk();
    bool viewing_branch() const { return m_viewing.has_value(); }

    /// Opens `path` (closing the current archive); shows the core's message and returns false when
    /// it cannot be opened.
    bool open_archive(const std::string& path);
    /// Closes the archive (releases its lock); the window shows the welcome view.
    void close_archive();
    /// File → New: the dialog, then creates and opens the archive.
    void new_archive();
    /// Runs a search and shows the results view.
    void search(const std::string& query);
    /// Switches the UI language ("zh", "en", "auto"), rebuilding menus, tree and view.
    void apply_language(const std::string& choice);

    View* view() { return m_view; }
    const Target& target() const { return m_target; }
    const std::vector<archive::Section>& sections() const { return m_sections; }
    wxTreeCtrl* tree() { return m_tree; }

    // Menu actions (public so tests and the menu call the same code).
    void show_plugins();
    void show_about();
    void show_preferences();
    void make_board(const std::string& template_id = {}) override;
    void export_book_pdf();
    void export_package();
    void import_package();
    void district_summary();

private:
    // The constructor's parts.
    wxSizer* build_top_bar(wxWindow* root);
    void build_split(wxWindow* root);
    void remember_window_size();
    /// Creates the menu bar and binds its commands (once, in the constructor).
    void build_menus();
    /// Appends an item labelled later by label_menus(), remembering its msgid and accelerator.
    void add_menu_item(wxMenu* menu, int id, const char* msgid, const char* accel = "");
    wxMenu* build_file_menu();
    wxMenu* build_book_menu();
    wxMenu* build_edit_menu();
    void bind_archive_items();
    void bind_work_items();
    /// Writes the menus' labels in the current language (the items and their bindings stay).
    void label_menus();
    /// Enables what needs an open archive.
    void enable_menus();
    /// Reloads the current view; a branch viewed read-only stays locked (a reload may make new buttons).
    void reload_view();
    /// The first section of 基本情况, where the one book opens.
    Target first_section() const;
    /// Ctrl+N: a new record in the current records section, or in 三会一课.
    void new_record();
    void build_tree();
    void show_view(const Target& target);
    View* create_view(const Target& target);
    void update_title();
    void on_tree_selection(wxTreeEvent& e);
    void remember_recent(const std::string& path);

    core::PluginHost& m_plugins;
    std::optional<core::Archive> m_archive;
    std::optional<core::Organisation> m_home;
    std::optional<core::Organisation> m_viewing; ///< a branch shown read-only in a superior's archive
    class ReadOnlyBanner* m_banner = nullptr;
    std::vector<archive::Section> m_sections;
    int m_year_value;

    wxSplitterWindow* m_split = nullptr;
    wxTreeCtrl* m_tree = nullptr;
    wxPanel* m_host = nullptr;
    View* m_view = nullptr;
    Target m_target;
    wxSearchCtrl* m_search = nullptr;
    wxSpinCtrl* m_year = nullptr;
    wxStaticText* m_org_label = nullptr;
    wxStaticText* m_year_label = nullptr;
    wxFileHistory m_history;
    /// Every menu item with its msgid and accelerator, so a language switch relabels in place.
    struct MenuLabel {
        int id;
        const char* msgid;
        const char* accel;
    };
    std::vector<MenuLabel> m_menu_labels;
    std::vector<const char*> m_menu_titles;
    bool m_building_tree = false;
    wxStopWatch m_status_time; ///< since the last set_status()
    std::string m_last_query;
};

} // namespace onebook::shell
