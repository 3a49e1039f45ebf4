// The 全宗号 asked before the first filing: what it is, who gives it, and "later" as a real answer.
#pragma once

#include <wx/dialog.h>

#include <string>

class wxTextCtrl;

namespace onebook::shell {

class FondsDialog : public wxDialog {
public:
    explicit FondsDialog(wxWindow* parent);
    /// The code as typed (after ShowModal() == wxID_OK).
    std::string code() const;
    /// ShowModal()'s result for 以后再填.
    static constexpr int later_id = wxID_HIGHEST + 710;

private:
    wxTextCtrl* m_code;
};

} // namespace onebook::shell
