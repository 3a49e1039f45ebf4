// Printing a PDF where no native print path is written yet (Windows): the PDF opens in the
// system's viewer, to be printed from there; see print_pdf.hpp. wxGTK: print_pdf_gtk.cpp.
#include "print_pdf.hpp"

#include <wx/utils.h>
#include <wx/window.h>

namespace onebook::shell {

PrintOutcome print_pdf(wxWindow*, const std::filesystem::path& pdf, const std::string&) {
    PrintOutcome out;
    out.kind =
        wxLaunchDefaultApplication(wxString::FromUTF8(pdf.string())) ? PrintOutcome::Kind::Sent : PrintOutcome::Kind::Failed;
    return out;
}

PrintOutcome print_pdf_to(const std::string& printer, const std::filesystem::path&, const std::string&,
                          const std::map<std::string, std::string>&) {
    PrintOutcome out;
    out.kind = PrintOutcome::Kind::Failed;
    out.error = "printing without a dialog is not available on this system: " + printer;
    return out;
}

} // namespace onebook::shell
