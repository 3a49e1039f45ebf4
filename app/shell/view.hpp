// What a view on the right-hand side of the shell is, and what it may ask of the shell around it.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/model.hpp"
#include "onebook/plugin_host.hpp"

#include <wx/panel.h>

#include <string>

namespace onebook::shell {

/// Where something lives in the shell: a view (by key) and optionally an item in it.
/// View keys: "welcome", "overview", "committee", "groups", "roster", "activists", "records",
/// "plan", "rules", "assessment", "rectification", "documents", "section:<id>", "chapter:<name>".
struct Target {
    std::string view;
    core::Id item = 0; ///< a row to select (member id, record id, …), 0 for none
    std::string ref;   ///< a textual reference (finding ref, section id…)
};

/// Menu command ids of the main frame (views post them to reach a menu action).
namespace menu_id {
enum : int {
    new_archive = wxID_HIGHEST + 100,
    open_archive,
    close_archive,
    preferences,
    book_pdf,
    package_export,
    package_import,
    summary,
    board,
    plugins,
    about,
    new_record,
    find,
    refresh,
    save,
};
} // namespace menu_id

/// The services the main frame offers its views.
class Shell {
public:
    virtual ~Shell() = default;
    virtual bool has_archive() const = 0;
    virtual core::Archive& archive() = 0;
    virtual const core::PluginHost& plugins() const = 0;
    virtual core::Organisation home() = 0;
    /// The year views work on (chosen in the frame; defaults to this year).
    virtual int year() const = 0;
    virtual void set_year(int year) = 0;
    /// Shows a view and, when given, selects an item in it.
    virtual void navigate(const Target& target) = 0;
    /// The archive changed: refresh the tree counts and the status bar.
    virtual void archive_changed() = 0;
    virtual void set_status(const wxString& text) = 0;
    /// Opens the board dialog on a template (by id; empty: the first one).
    virtual void make_board(const std::string& template_id) = 0;
    /// In a superior's archive: shows a branch's one book, read-only, until the way back to the
    /// desk is taken.
    virtual void view_branch(core::Id organisation) = 0;
};

/// Base of all right-hand views.
class View : public wxPanel {
public:
    View(wxWindow* parent, Shell& shell, const char* name) : wxPanel(parent, wxID_ANY), m_shell(shell) { SetName(name); }
    /// Re-reads everything from the archive.
    virtual void reload() = 0;
    /// Selects an item (member, record…) after navigation; default: nothing.
    virtual void select_item(const Target&) {}

protected:
    /// This view changed the archive: the frame refreshes its tree and status bar, the view re-reads.
    void changed() {
        m_shell.archive_changed();
        reload();
    }

    Shell& m_shell;
};

} // namespace onebook::shell
