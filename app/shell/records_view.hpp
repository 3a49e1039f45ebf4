// 活动记录: the records of a section (by type and date, with attendance), the editor generated from
// the plugin's meeting template, and the year's plan vs done.
#pragma once

#include "view.hpp"

#include "onebook/archive/sections.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/records.hpp"

#include <wx/dialog.h>

#include <map>
#include <vector>

class wxListCtrl;
class wxChoice;
class wxDataViewListCtrl;
class wxStaticText;
class wxTextCtrl;
class wxCheckBox;
class wxListBox;
class wxGrid;
class wxScrolledWindow;
class wxFlexGridSizer;
class wxArrayString;

namespace onebook::shell {

/// The text the record dialog shows for problems that keep a record from being saved: one problem a
/// line, each naming its field once, by the field's label in the interface language.
wxString record_problems_text(const std::vector<core::RecordProblem>& problems);

/// The editor of one record, generated from its meeting template: a control per field in the
/// template's order (required ones marked), the attendance from the roster (present / absent with
/// a reason), attachments by drag and drop.

class RecordDialog : public wxDialog {
public:
    RecordDialog(wxWindow* parent, core::Archive& archive, const core::MeetingTemplate& tmpl, const core::Record* existing);
    /// The record as entered (after ShowModal() == wxID_OK it is stored, with its id).
    const core::Record& record() const { return m_record; }

    // For tests and the drop target.
    wxWindow* field_control(const std::string& field_id);
    void add_attachments(const wxArrayString& files);
    /// Marks a person present or absent (with a reason) in the attendance list.
    bool set_attendance(const std::string& name, bool present, const std::string& reason = {});
    /// Adds a person to a "chosen" attendance list.
    void add_attendee(const std::string& name);
    /// Collects, validates and stores (what the save button does); false with a dialog on problems.
    bool save();

private:
    // The constructor's parts, in the order it calls them.
    void build_fields(wxScrolledWindow* scroll, wxFlexGridSizer* grid, wxSizer* right);
    wxWindow* make_control(wxWindow* scroll, const core::TemplateField& f, const std::string& value, const wxArrayString& names);
    wxWindow* make_text_control(wxWindow* scroll, const core::TemplateField& f, const std::string& value);
    void build_attachments(const wxString& label, wxSizer* right);
    void lay_out(wxWindow* parent, wxScrolledWindow* scroll, wxFlexGridSizer* grid, wxSizer* right);
    void start_in_first_field();
    void build_attendance(wxWindow* parent, wxSizer* sizer);
    void add_person_chooser(wxWindow* in, wxSizer* box);
    void add_reason_row(wxWindow* in, wxSizer* box);
    void add_committee_hint(wxWindow* in, wxSizer* box);
    void refill_expected();
    void update_summary();
    core::Record collect();
    std::optional<core::Date> current_date();
    std::optional<core::Id> current_group();
    /// What the form holds now, to tell whether closing it loses anything.
    std::string fingerprint();
    void cancel();

    core::Archive& m_archive;
    core::MeetingTemplate m_tmpl;
    core::Record m_record;
    bool m_editing = false;
    std::map<std::string, wxWindow*> m_controls;
    std::map<std::string, wxStaticText*> m_labels;
    wxDataViewListCtrl* m_attendance = nullptr;
    wxStaticText* m_summary = nullptr;
    wxChoice* m_add_person = nullptr;
    wxCheckBox* m_vote = nullptr;
    wxListBox* m_files = nullptr;
    std::vector<std::string> m_attachments; ///< stored references or local paths of new files
    std::vector<core::PartyGroup> m_groups;
    wxWindow* m_first = nullptr;
    wxTextCtrl* m_reason = nullptr;
    wxStaticText* m_committee_hint = nullptr;
    wxWindow* m_committee_link = nullptr;
    std::string m_initial;

public:
    /// ShowModal()'s result when the user chose 登记换届选举 from the hint.
    static constexpr int register_committee_id = wxID_HIGHEST + 700;
    /// The control that has the focus when the dialog opens (the template's first field).
    wxWindow* first_field() const { return m_first; }
};

} // namespace onebook::shell
