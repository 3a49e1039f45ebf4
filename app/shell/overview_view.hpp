// 基本情况: organisation details, the committee (支委会), party groups (党小组). The roster has its
// own view (roster_view.hpp); 入党积极分子 and 发展对象 are a view of the pipeline (pipeline_view.hpp).
#pragma once

#include "view.hpp"

#include "onebook/roster.hpp"

#include <wx/dialog.h>

#include <vector>

class wxListCtrl;
class wxTextCtrl;
class wxChoice;
class wxComboBox;
class wxSpinCtrl;
class wxGrid;
class wxFlexGridSizer;

namespace onebook::shell {

/// Organisation details (name, form, superior, founding date, approval) — new archive and edit.
class OrganisationDialog : public wxDialog {
public:
    /// `sectors` non-empty: a new archive (sector chosen here, and the file); empty: editing `org`.
    OrganisationDialog(wxWindow* parent, const core::Organisation& org, const core::PluginHost* sectors);
    const core::Organisation& organisation() const { return m_org; }
    std::string file() const;
    /// The records-start date as entered (new archive: today unless changed; empty: none).
    std::optional<core::Date> records_start() const { return m_start; }
    void set_records_start(const std::optional<core::Date>& d);

private:
    void add_sector_row(wxFlexGridSizer* grid, const core::PluginHost& sectors);
    void add_file_row(wxFlexGridSizer* grid, const core::PluginHost* sectors);
    bool collect();
    wxString default_file() const;
    std::optional<core::Date> m_start;
    wxTextCtrl* m_records_start = nullptr;
    bool m_file_chosen = false;
    core::Organisation m_org;
    std::vector<std::string> m_sector_ids;
    wxChoice* m_sector = nullptr;
    wxTextCtrl *m_name, *m_superior, *m_founded, *m_approval, *m_file = nullptr;
    wxChoice* m_form;
};

class OverviewView : public View {
public:
    OverviewView(wxWindow* parent, Shell& shell);
    void reload() override;
    void edit_organisation();

private:
    wxWindow* m_body = nullptr;
};

class CommitteeView : public View {
public:
    CommitteeView(wxWindow* parent, Shell& shell);
    void reload() override;
    void new_term();
    /// ref "new_term": opens 登记换届选举 (from the to-do panel and the record editor's hint).
    void select_item(const Target& t) override {
        if (t.ref == "new_term") CallAfter([this] { new_term(); });
    }

private:
    wxListCtrl* m_terms;
    wxListCtrl* m_seats;
    std::vector<core::CommitteeTerm> m_list;
};

/// A committee election: date, term, approval and the seats (role + member).
class TermDialog : public wxDialog {
public:
    TermDialog(wxWindow* parent, core::Roster& roster, const core::CommitteeTerm* previous);
    const core::CommitteeTerm& term() const { return m_term; }

private:
    bool collect();
    core::Roster& m_roster;
    core::CommitteeTerm m_term;
    wxTextCtrl *m_elected, *m_approval;
    wxSpinCtrl* m_years;
    std::vector<std::pair<wxComboBox*, wxComboBox*>> m_rows; ///< role, name
};

class GroupsView : public View {
public:
    GroupsView(wxWindow* parent, Shell& shell);
    void reload() override;

private:
    void add_group();
    void edit_group();
    void delete_group();
    wxListCtrl* m_list;
    std::vector<core::PartyGroup> m_groups;
};

} // namespace onebook::shell
