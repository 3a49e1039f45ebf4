// 工作记录: the rules check as a dashboard, the assessment form as a grid, the rectification ledger.
#pragma once

#include "view.hpp"

#include "onebook/findings.hpp"
#include "onebook/rectification.hpp"

#include <wx/dialog.h>

class wxTextCtrl;
class wxComboBox;

namespace onebook::shell {

/// Add or edit a rectification item (a new one may come pre-filled from a finding or a deduction).
class RectItemDialog : public wxDialog {
public:
    RectItemDialog(wxWindow* parent, core::Archive& archive, const core::RectificationItem& item, bool is_new);
    const core::RectificationItem& item() const { return m_item; }

private:
    bool collect();
    core::Archive& m_archive;
    core::RectificationItem m_item;
    wxTextCtrl *m_issue, *m_measures, *m_deadline, *m_target, *m_progress;
    wxComboBox* m_owner;
};

/// Opens the dialog pre-filled from a finding and stores the item; returns its id (0 when cancelled).
core::Id rectify_finding(wxWindow* parent, Shell& shell, const core::Finding& finding);
/// The same from a deduction of an assessment item.
core::Id rectify_deduction(wxWindow* parent, Shell& shell, int year, const std::string& item_id, const std::string& issue,
                           const std::string& reason);

} // namespace onebook::shell
