// Printing a PDF through the system's print dialog. One small interface, one implementation per
// platform: on Linux (wxGTK) the GTK print dialog (GtkPrintUnixDialog) sends the PDF file itself
// to the chosen printer (gtk_print_job_set_source_file), so what prints is exactly the PDF the
// archive generated; elsewhere the PDF opens in the system's viewer, to be printed from there,
// until a native implementation (Windows: the shell's "print" verb) is written.
#pragma once

#include <filesystem>
#include <map>
#include <string>

class wxWindow;

namespace onebook::shell {

struct PrintOutcome {
    enum class Kind { Sent, Cancelled, Failed };
    Kind kind = Kind::Cancelled;
    std::string printer; ///< the printer chosen
    std::string error;   ///< why it failed (the printer's or the system's words)
};

/// Shows the print dialog for `pdf` (titled `job_title`) over `parent`, and sends the file to
/// the printer chosen; waits until the job is handed over.
PrintOutcome print_pdf(wxWindow* parent, const std::filesystem::path& pdf, const std::string& job_title);

/// Sends `pdf` to the printer named `printer` without a dialog, with extra print settings
/// (e.g. {"output-uri", "file:///tmp/x.pdf"} for GTK's "Print to File"); waits until done.
/// For tests and for printing again to the same printer.
PrintOutcome print_pdf_to(const std::string& printer, const std::filesystem::path& pdf, const std::string& job_title,
                          const std::map<std::string, std::string>& settings = {});

} // namespace onebook::shell
