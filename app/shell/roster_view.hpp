// 基本情况 → 党员名册: the sortable, filterable roster with add / edit / delete, CSV import with the
// core's per-row report, and private fields masked until the user reveals them.
#pragma once

#include "view.hpp"

#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"

#include <wx/dialog.h>
#include <wx/listctrl.h>

#include <map>
#include <vector>

class wxTextCtrl;
class wxChoice;
class wxCheckBox;
class wxStaticText;
class wxComboBox;
class wxButton;
class wxSizer;

namespace onebook::shell {

/// Add or edit one member. The private fields stay masked (read-only) until "显示" is pressed.
class MemberDialog : public wxDialog {
public:
    MemberDialog(wxWindow* parent, core::Roster& roster, const std::vector<std::string>& categories,
                 const core::Member* existing);
    /// The member as entered (valid after ShowModal() == wxID_OK); `group_name` may name a new group.
    const core::Member& member() const { return m_member; }
    const std::string& group_name() const { return m_group_name; }
    /// Reveals the private fields (the same as pressing "显示").
    void reveal_private();

private:
    // The constructor's parts: the two columns and the private box.
    wxSizer* build_person(bool is_new);
    wxSizer* build_membership(const std::vector<std::string>& categories);
    wxSizer* build_private();
    bool collect();
    core::Roster& m_roster;
    core::Member m_member;
    std::string m_group_name;
    bool m_revealed = false;
    wxTextCtrl *m_name, *m_ethnicity, *m_birth, *m_workplace, *m_joined, *m_full, *m_employer, *m_notes;
    wxChoice *m_gender, *m_status, *m_category;
    wxComboBox *m_education, *m_group;
    wxTextCtrl *m_id_number, *m_phone, *m_address;
    wxButton* m_reveal;
};

/// The per-row problems of a CSV import, as a list (row, column, problem).
class ImportReportDialog : public wxDialog {
public:
    ImportReportDialog(wxWindow* parent, const core::ImportReport& report);
};

class RosterList : public wxListCtrl {
public:
    RosterList(wxWindow* parent);
    std::vector<core::Member> rows;
    std::map<core::Id, std::string> group_names;
    bool show_private = false;
    int sort_column = 0;
    bool ascending = true;
    void sort();
    wxString cell(const core::Member& m, long column) const;

private:
    wxString OnGetItemText(long item, long column) const override;
};

class RosterView : public View {
public:
    RosterView(wxWindow* parent, Shell& shell);
    void reload() override;
    void select_item(const Target& target) override;

    // Actions, public so tests can call what a click calls.
    void add_member();
    void edit_selected();
    void delete_selected();
    /// What 从 Excel/CSV 导入… does after the file dialog: asks for the sheet of a workbook with
    /// several, then imports.
    void import_file(const std::string& path);
    /// Imports a CSV or an Excel workbook (`sheet`: which one; the first when empty).
    void import_csv(const std::string& path, const std::string& sheet = {});
    core::Id selected_id() const;
    RosterList* list() { return m_list; }

private:
    wxSizer* build_filters();
    wxSizer* build_actions();
    void fill();
    std::vector<std::string> categories();
    wxTextCtrl* m_filter;
    wxChoice *m_status, *m_category, *m_group;
    wxCheckBox* m_private;
    RosterList* m_list;
    wxStaticText* m_count;
    std::vector<core::PartyGroup> m_groups;
};

} // namespace onebook::shell
