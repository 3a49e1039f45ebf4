// Printing a PDF with GTK's print dialog (wxGTK): see print_pdf.hpp. Other toolkits:
// print_pdf_system.cpp; CMake picks one.
#include "print_pdf.hpp"

#include <wx/window.h>

#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>

namespace onebook::shell {

namespace {

struct JobWait {
    GMainLoop* loop = nullptr;
    std::string error;
};

void job_done(GtkPrintJob*, gpointer data, const GError* error) {
    auto* w = static_cast<JobWait*>(data);
    if (error) w->error = error->message;
    g_main_loop_quit(w->loop);
}

/// Sends the file and runs a nested main loop (the UI stays live) until GTK reports the job done.
PrintOutcome send(GtkPrinter* printer, GtkPrintSettings* settings, GtkPageSetup* setup, const std::filesystem::path& pdf,
                  const std::string& title) {
    PrintOutcome out;
    out.printer = gtk_printer_get_name(printer);
    if (!gtk_printer_accepts_pdf(printer)) {
        out.kind = PrintOutcome::Kind::Failed;
        out.error = "printer does not accept PDF";
        return out;
    }
    GtkPrintJob* job = gtk_print_job_new(title.c_str(), printer, settings, setup);
    GError* err = nullptr;
    if (!gtk_print_job_set_source_file(job, pdf.c_str(), &err)) {
        out.kind = PrintOutcome::Kind::Failed;
        out.error = err ? err->message : "cannot read the PDF";
        if (err) g_error_free(err);
        g_object_unref(job);
        return out;
    }
    JobWait wait;
    wait.loop = g_main_loop_new(nullptr, FALSE);
    gtk_print_job_send(job, job_done, &wait, nullptr);
    g_main_loop_run(wait.loop);
    g_main_loop_unref(wait.loop);
    g_object_unref(job);
    out.kind = wait.error.empty() ? PrintOutcome::Kind::Sent : PrintOutcome::Kind::Failed;
    out.error = wait.error;
    return out;
}

struct Find {
    std::string name;
    GtkPrinter* found = nullptr;
};

gboolean find_printer(GtkPrinter* printer, gpointer data) {
    auto* f = static_cast<Find*>(data);
    if (f->name == gtk_printer_get_name(printer)) {
        f->found = GTK_PRINTER(g_object_ref(printer));
        return TRUE;
    }
    return FALSE;
}

} // namespace

PrintOutcome print_pdf(wxWindow* parent, const std::filesystem::path& pdf, const std::string& job_title) {
    GtkWindow* owner = nullptr;
    if (parent) {
        if (GtkWidget* w = parent->GetHandle()) {
            GtkWidget* top = gtk_widget_get_toplevel(w);
            if (GTK_IS_WINDOW(top)) owner = GTK_WINDOW(top);
        }
    }
    GtkWidget* dialog = gtk_print_unix_dialog_new(job_title.c_str(), owner);
    auto* ud = GTK_PRINT_UNIX_DIALOG(dialog);
    // The PDF is sent as it is: no page ranges or scaling GTK would have to render itself.
    gtk_print_unix_dialog_set_manual_capabilities(
        ud, GtkPrintCapabilities(GTK_PRINT_CAPABILITY_COPIES | GTK_PRINT_CAPABILITY_COLLATE));
    GtkPageSetup* a4 = gtk_page_setup_new();
    GtkPaperSize* paper = gtk_paper_size_new(GTK_PAPER_NAME_A4);
    gtk_page_setup_set_paper_size(a4, paper);
    gtk_print_unix_dialog_set_page_setup(ud, a4);
    gtk_paper_size_free(paper);
    g_object_unref(a4);

    PrintOutcome out;
    gint response = gtk_dialog_run(GTK_DIALOG(dialog));
    if (response == GTK_RESPONSE_OK) {
        GtkPrinter* printer = gtk_print_unix_dialog_get_selected_printer(ud);
        GtkPrintSettings* settings = gtk_print_unix_dialog_get_settings(ud);
        GtkPageSetup* setup = gtk_print_unix_dialog_get_page_setup(ud);
        gtk_widget_hide(dialog);
        if (printer) out = send(printer, settings, setup, pdf, job_title);
        else {
            out.kind = PrintOutcome::Kind::Failed;
            out.error = "no printer chosen";
        }
        g_object_unref(settings);
    }
    gtk_widget_destroy(dialog);
    return out;
}

PrintOutcome print_pdf_to(const std::string& printer_name, const std::filesystem::path& pdf, const std::string& job_title,
                          const std::map<std::string, std::string>& extra) {
    Find f{printer_name, nullptr};
    gtk_enumerate_printers(find_printer, &f, nullptr, TRUE);
    PrintOutcome out;
    if (!f.found) {
        out.kind = PrintOutcome::Kind::Failed;
        out.error = "no printer named " + printer_name;
        return out;
    }
    GtkPrintSettings* settings = gtk_print_settings_new();
    gtk_print_settings_set_printer(settings, printer_name.c_str());
    for (const auto& [k, v] : extra) gtk_print_settings_set(settings, k.c_str(), v.c_str());
    GtkPageSetup* setup = gtk_page_setup_new();
    out = send(f.found, settings, setup, pdf, job_title);
    g_object_unref(setup);
    g_object_unref(settings);
    g_object_unref(f.found);
    return out;
}

} // namespace onebook::shell
