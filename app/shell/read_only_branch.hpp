// A branch's one book seen from its superior's archive: the banner that says so, and the lock
// that leaves the views looking but not touching.
#pragma once

#include <wx/panel.h>

class wxButton;
class wxStaticText;

namespace onebook::shell {

/// The strip above the views while a branch is shown read-only: its text (set by the frame) and
/// a button back to the desk.
class ReadOnlyBanner : public wxPanel {
public:
    explicit ReadOnlyBanner(wxWindow* parent);
    /// "只读：上级档案中的 {name}", in the current language.
    void show_for(const std::string& organisation);
    wxButton* back() { return m_back; }

private:
    wxStaticText* m_text;
    wxButton* m_back;
};

/// Leaves `view` for looking only: every button disabled, text read-only, check boxes fixed, and the activation and context menus of its lists (which open editors) swallowed. The
/// database connection is query-only meanwhile (see MainFrame::view_branch), so nothing can be
/// written even through a path this misses.
void lock_read_only(wxWindow* view);

} // namespace onebook::shell
