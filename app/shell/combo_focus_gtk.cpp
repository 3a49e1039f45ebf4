// One Tab stop per combo box. GTK's editable combo box (wxComboBox) holds a text entry and a
// drop-down button that both take the keyboard focus, so Tab stopped twice on every such field;
// the button stays clickable with the mouse, and Alt+Down opens the list from the entry.
#include "combo_focus.hpp"

#include <gtk/gtk.h>

namespace onebook::shell {

namespace {

gboolean on_realize(GSignalInvocationHint*, guint, const GValue* params, gpointer) {
    auto* object = g_value_get_object(&params[0]);
    if (GTK_IS_TOGGLE_BUTTON(object)) {
        // The button sits in a box inside the combo box.
        GtkWidget* combo = gtk_widget_get_ancestor(GTK_WIDGET(object), GTK_TYPE_COMBO_BOX);
        if (combo && gtk_combo_box_get_has_entry(GTK_COMBO_BOX(combo))) gtk_widget_set_can_focus(GTK_WIDGET(object), FALSE);
    }
    return TRUE; // stay installed
}

} // namespace

void install_one_tab_stop_per_combo() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    g_signal_add_emission_hook(g_signal_lookup("realize", GTK_TYPE_WIDGET), 0, on_realize, nullptr, nullptr);
}

} // namespace onebook::shell
