// shell_platform.hpp for wxGTK.
#include "shell_platform.hpp"

#include <wx/dataview.h>
#include <wx/toplevel.h>

#include <gtk/gtk.h>

namespace onebook::shell {

namespace {

/// wxGTK's m_deferShow is protected: a derived class may name it, and the pointer to the member it
/// gives works on any top-level window.
struct DeferShowAccess : wxTopLevelWindow {
    static auto member() { return &DeferShowAccess::m_deferShow; }
};

} // namespace

void show_at_once(wxTopLevelWindow* window) {
    // The late show allocates the window the 1×1 it had before being realised, and GTK prints
    // "gtk_distribute_natural_allocation: assertion 'extra_space >= 0' failed" in most starts under
    // a window manager. Showing at once costs nothing: the saved size is set before Show.
    if (window) window->*DeferShowAccess::member() = false;
}

void disable_type_ahead(wxDataViewCtrl* list) {
    if (list && list->GtkGetTreeView()) gtk_tree_view_set_enable_search(GTK_TREE_VIEW(list->GtkGetTreeView()), FALSE);
}

} // namespace onebook::shell
