#include "records_view.hpp"
#include "safety_net.hpp"
#include "shell_platform.hpp"
#include "table_export.hpp"

#include "office_actions.hpp"
#include "onebook/archive/word_exports.hpp"
#include "onebook/numbers.hpp"

#include "open_file.hpp"
#include "ui_util.hpp"
#include "views.hpp"

#include "onebook/archive/file_store.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/plan.hpp"
#include "onebook/rubric.hpp"
#include "onebook/sectors.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dataview.h>
#include <wx/dcclient.h>
#include <wx/display.h>
#include <wx/dnd.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/mimetype.h>
#include <wx/numdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace onebook::shell {

namespace {

std::vector<core::MeetingTemplate> templates_of(Shell& shell) {
    return core::load_meeting_templates(shell.plugins().require(shell.home().sector));
}

/// Templates whose records this section holds (its types, or "*": every type no other section claims).
std::vector<core::MeetingTemplate> templates_for(Shell& shell, const archive::Section& section) {
    auto all = templates_of(shell);
    auto sections = archive::book_sections(shell.plugins(), shell.home().sector);
    std::vector<core::MeetingTemplate> out;
    for (auto& t : all) {
        const auto* s = archive::section_for_record_type(sections, t.id);
        if (s && s->id == section.id) out.push_back(t);
    }
    return out;
}

std::string hours_text(double h) {
    if (h == 0) return {};
    return core::format_number(h);
}

/// Files dropped on the record editor become attachments.
class AttachmentDrop : public wxFileDropTarget {
public:
    explicit AttachmentDrop(RecordDialog* dlg) : m_dlg(dlg) {}
    bool OnDropFiles(wxCoord, wxCoord, const wxArrayString& files) override {
        m_dlg->add_attachments(files);
        return true;
    }

private:
    RecordDialog* m_dlg;
};

void open_file(wxWindow* parent, const std::filesystem::path& p) { open_with_system(parent, p); }

} // namespace

// ---------------------------------------------------------------- RecordDialog

RecordDialog::RecordDialog(wxWindow* parent, core::Archive& archive, const core::MeetingTemplate& tmpl,
                           const core::Record* existing)
    : wxDialog(parent, wxID_ANY, wxString(), wxDefaultPosition, wxSize(1000, 640), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_archive(archive), m_tmpl(tmpl) {
    SetName("record_dialog");
    SetTitle((existing ? _("编辑记录") : _("新建记录")) + wx(" — ") + wx(tr_ui(tmpl.name)));
    m_editing = existing != nullptr;
    if (existing) m_record = *existing;
    else {
        m_record.type = tmpl.id;
        m_record.type_name = tmpl.name;
        m_record.date = core::Date::today();
    }
    m_attachments = m_record.attachments;

    auto* scroll = new wxScrolledWindow(this, wxID_ANY);
    scroll->SetScrollRate(0, 10);
    auto* grid = new wxFlexGridSizer(2, 6, 8);
    grid->AddGrowableCol(1, 1);
    auto* right = new wxBoxSizer(wxVERTICAL);
    build_fields(scroll, grid, right);
    lay_out(parent, scroll, grid, right);
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&) {
            if (save()) EndModal(wxID_OK);
        },
        wxID_OK);
    if (m_attendance && m_record.attendance.empty()) refill_expected();
    update_summary();
    start_in_first_field();
    m_initial = fingerprint();
    // Escape or 取消 with something typed asks before throwing it away.
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); }, wxID_CANCEL);
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_ESCAPE && !e.HasAnyModifiers()) cancel();
        else e.Skip();
    });
}

void RecordDialog::build_fields(wxScrolledWindow* scroll, wxFlexGridSizer* grid, wxSizer* right) {
    core::Roster roster(m_archive.db(), m_archive.home().id);
    m_groups = roster.groups();
    wxArrayString names;
    for (const auto& m : roster.members()) names.Add(wx(m.name));

    for (const auto& f : m_tmpl.fields) {
        if (f.kind == core::FieldKind::Members && f.id == "attendees") {
            build_attendance(this, right);
            continue;
        }
        if (f.kind == core::FieldKind::Attachments) {
            build_attachments(wtr(f.label), right);
            continue;
        }
        std::string value = m_record.value(f.id);
        if (f.id == "date") value = m_record.date.valid() ? m_record.date.iso() : "";
        wxWindow* control = make_control(scroll, f, value, names);
        control->SetName(wx("field_" + f.id));
        if (!f.help.empty()) control->SetToolTip(wx(f.help));
        m_controls[f.id] = control;
        m_labels[f.id] = add_row(scroll, grid, wtr(f.label), control, f.required);
    }
    if (m_tmpl.vote_allowed) {
        m_vote = named(new wxCheckBox(scroll, wxID_ANY, _("本次会议进行了表决（需过半数到会）")), "record_vote");
        m_vote->SetValue(m_record.vote);
        grid->AddSpacer(0);
        grid->Add(m_vote);
        m_vote->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { update_summary(); });
    }
}

wxWindow* RecordDialog::make_control(wxWindow* scroll, const core::TemplateField& f, const std::string& value,
                                     const wxArrayString& names) {
    switch (f.kind) {
    case core::FieldKind::Members: {
        // Other lists of people (优秀党员, 不合格党员…): names from the roster, separated by 、
        auto* t = new wxTextCtrl(scroll, wxID_ANY, wx(value));
        t->SetHint(_("姓名，多人用“、”分隔"));
        return t;
    }
    case core::FieldKind::LongText:
        return new wxTextCtrl(scroll, wxID_ANY, wx(value), wxDefaultPosition, wxSize(-1, 80), wxTE_MULTILINE);
    case core::FieldKind::Member: return new wxComboBox(scroll, wxID_ANY, wx(value), wxDefaultPosition, wxDefaultSize, names);
    case core::FieldKind::Choice: {
        auto* c = new wxChoice(scroll, wxID_ANY);
        if (!f.required) c->Append("");
        for (const auto& o : f.options) c->Append(wx(o));
        c->SetStringSelection(wx(value));
        if (c->GetSelection() == wxNOT_FOUND) c->SetSelection(0);
        return c;
    }
    default: return make_text_control(scroll, f, value);
    }
}

wxWindow* RecordDialog::make_text_control(wxWindow* scroll, const core::TemplateField& f, const std::string& value) {
    if (f.id == "group") {
        wxArrayString groups;
        for (const auto& g : m_groups) groups.Add(wx(g.name));
        auto* c = new wxComboBox(scroll, wxID_ANY, wx(value), wxDefaultPosition, wxDefaultSize, groups);
        c->Bind(wxEVT_COMBOBOX, [this](wxCommandEvent&) { refill_expected(); });
        c->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refill_expected(); });
        return c;
    }
    auto* t = new wxTextCtrl(scroll, wxID_ANY, wx(value));
    if (f.kind == core::FieldKind::Date) {
        t->SetHint("2025-03-01");
        t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refill_expected(); });
    }
    if (f.kind == core::FieldKind::DateTime) t->SetHint("14:30-16:00");
    if (f.kind == core::FieldKind::Hours) t->SetHint(_("学时，例如 2 或 1.5"));
    return t;
}

void RecordDialog::build_attachments(const wxString& label, wxSizer* right) {
    // The drag hint on a line of its own: in the box's title the English ran off both sides.
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, label);
    box->Add(new wxStaticText(box->GetStaticBox(), wxID_ANY, _("（可把文件拖到这里）")), 0, wxLEFT | wxRIGHT | wxTOP, 4);
    m_files = named(new wxListBox(box->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxSize(-1, 90)), "record_files");
    for (const auto& a : m_attachments) m_files->Append(wx(a));
    m_files->SetDropTarget(new AttachmentDrop(this)); // GTK: each widget needs its own target
    box->Add(m_files, 1, wxEXPAND | wxALL, 4);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(box->GetStaticBox(), wxID_ANY, _("添加文件…"));
    auto* remove = new wxButton(box->GetStaticBox(), wxID_ANY, _("移除"));
    auto* open = new wxButton(box->GetStaticBox(), wxID_ANY, _("打开"));
    row->Add(add, 0, wxRIGHT, 4);
    row->Add(remove, 0, wxRIGHT, 4);
    row->Add(open);
    box->Add(row, 0, wxALL, 4);
    right->Add(box, 0, wxEXPAND | wxTOP, 8);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        auto paths = choose_files(this, _("选择附件（签到表扫描件、照片…）"));
        if (!paths.empty()) add_attachments(paths);
    });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        int i = m_files->GetSelection();
        if (i == wxNOT_FOUND) return;
        m_attachments.erase(m_attachments.begin() + i);
        m_files->Delete(i);
    });
    open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        int i = m_files->GetSelection();
        if (i == wxNOT_FOUND) return;
        const auto& a = m_attachments.at(i);
        guarded(this, [&] {
            open_file(this, a.rfind("sha256:", 0) == 0 ? archive::attachment_path(m_archive, a) : std::filesystem::path(a));
        });
    });
    SetDropTarget(new AttachmentDrop(this));
}

void RecordDialog::lay_out(wxWindow* parent, wxScrolledWindow* scroll, wxFlexGridSizer* grid, wxSizer* right) {
    auto* outer = new wxBoxSizer(wxVERTICAL);
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    scroll->SetSizer(grid);
    scroll->FitInside();
    // The fields scroll: without a small minimum the scrolled window asks for all of its content's
    // height and the dialog grows past a 768-pixel screen, hiding its buttons.
    scroll->SetMinSize(wxSize(-1, 200));
    columns->Add(scroll, 3, wxEXPAND | wxRIGHT, 12);
    columns->Add(right, 2, wxEXPAND);
    outer->Add(columns, 1, wxEXPAND | wxALL, 12);

    auto* note = new wxStaticText(this, wxID_ANY, _("带 * 的为必填项。") + " " + wtr(m_tmpl.source));
    note->SetForegroundColour(wxColour(0x66, 0x66, 0x66));
    note->Wrap(900);
    outer->Add(note, 0, wxLEFT | wxRIGHT, 12);
    outer->Add(ok_cancel_row(this, _("保存记录")), 0, wxEXPAND | wxALL, 12);
    SetSizer(outer);
    SetMinSize(wxSize(760, 520));
    wxRect area = wxDisplay(static_cast<unsigned>(std::max(0, wxDisplay::GetFromWindow(parent)))).GetClientArea();
    SetSize(std::min(1000, area.width - 40), std::min(640, area.height - 40));
    CentreOnParent();
}

void RecordDialog::start_in_first_field() {
    // Typing starts in the first field, not in the attendance list's type-ahead search (where
    // Escape closed the whole dialog and lost what was typed).
    for (const auto& f : m_tmpl.fields)
        if (auto it = m_controls.find(f.id); it != m_controls.end()) {
            m_first = it->second;
            break;
        }
    disable_type_ahead(m_attendance);
    Bind(wxEVT_INIT_DIALOG, [this](wxInitDialogEvent& e) {
        e.Skip();
        if (m_first) m_first->SetFocus();
    });
    Bind(wxEVT_SHOW, [this](wxShowEvent& e) {
        e.Skip();
        if (e.IsShown() && m_first) CallAfter([this] { m_first->SetFocus(); });
    });
}

std::string RecordDialog::fingerprint() {
    std::string out;
    for (const auto& [id, c] : m_controls) {
        if (auto* t = dynamic_cast<wxTextCtrl*>(c)) out += str(t->GetValue());
        else if (auto* cb = dynamic_cast<wxComboBox*>(c)) out += str(cb->GetValue());
        else if (auto* ch = dynamic_cast<wxChoice*>(c)) out += std::to_string(ch->GetSelection());
        out += '\x1f';
    }
    if (m_attendance)
        for (int i = 0; i < m_attendance->GetItemCount(); ++i)
            out += (m_attendance->GetToggleValue(i, 0) ? "1" : "0") + str(m_attendance->GetTextValue(i, 2)) + '\x1f';
    out += std::to_string(m_attachments.size());
    if (m_vote) out += m_vote->GetValue() ? "v" : "";
    return out;
}

void RecordDialog::cancel() {
    if (fingerprint() != m_initial && !ask(this, _("放弃这条记录中未保存的内容？"), _("未保存的记录"))) return;
    EndModal(wxID_CANCEL);
}

void RecordDialog::build_attendance(wxWindow* parent, wxSizer* sizer) {
    if (m_attendance) return;
    const auto* f = m_tmpl.field("attendees");
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, f ? wtr(f->label) : _("出席情况"));
    wxWindow* in = box->GetStaticBox();
    m_attendance = named(new wxDataViewListCtrl(in, wxID_ANY, wxDefaultPosition, wxSize(-1, 250), wxDV_ROW_LINES | wxDV_SINGLE),
                         "record_attendance");
    m_attendance->AppendToggleColumn(_("出席"), wxDATAVIEW_CELL_ACTIVATABLE, 50);
    m_attendance->AppendTextColumn(_("姓名"), wxDATAVIEW_CELL_INERT, 90);
    m_attendance->AppendTextColumn(_("缺席原因"), wxDATAVIEW_CELL_EDITABLE, 180);
    for (const auto& a : m_record.attendance) {
        wxVector<wxVariant> row;
        row.push_back(wxVariant(a.present));
        row.push_back(wxVariant(wx(a.name)));
        row.push_back(wxVariant(wx(a.reason)));
        m_attendance->AppendItem(row);
    }
    box->Add(m_attendance, 1, wxEXPAND | wxALL, 4);
    if (m_tmpl.attendees == core::AttendeeScope::Chosen) {
        add_person_chooser(in, box);
    } else {
        auto* hint = new wxStaticText(in, wxID_ANY, _("应到人员按会议类型和日期从名册列出；缺席的请取消勾选并填写原因。"));
        hint->SetForegroundColour(wxColour(0x66, 0x66, 0x66));
        hint->Wrap(320);
        box->Add(hint, 0, wxALL, 4);
    }
    add_reason_row(in, box);
    m_summary = named(new wxStaticText(in, wxID_ANY, ""), "record_summary");
    box->Add(m_summary, 0, wxALL, 4);
    if (m_tmpl.attendees == core::AttendeeScope::Committee) add_committee_hint(in, box);
    sizer->Add(box, 1, wxEXPAND);
    m_attendance->Bind(wxEVT_DATAVIEW_ITEM_VALUE_CHANGED, [this](wxDataViewEvent&) { update_summary(); });
}

/// A "chosen" list (not from the roster by rule): pick a member, 加入 or 移出.
void RecordDialog::add_person_chooser(wxWindow* in, wxSizer* box) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_add_person = named(new wxChoice(in, wxID_ANY), "record_add_person");
    core::Roster roster(m_archive.db(), m_archive.home().id);
    for (const auto& m : roster.members()) m_add_person->Append(wx(m.name));
    auto* add = new wxButton(in, wxID_ANY, _("加入"));
    auto* remove = new wxButton(in, wxID_ANY, _("移出"));
    row->Add(m_add_person, 1, wxRIGHT, 4);
    row->Add(add, 0, wxRIGHT, 4);
    row->Add(remove);
    box->Add(row, 0, wxEXPAND | wxALL, 4);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_add_person->GetSelection() != wxNOT_FOUND) add_attendee(str(m_add_person->GetStringSelection()));
    });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        int selected = m_attendance->GetSelectedRow();
        if (selected != wxNOT_FOUND) m_attendance->DeleteItem(selected);
        update_summary();
    });
}

/// The reason of the selected person, reachable with Tab (the list's own cell editor is not).
void RecordDialog::add_reason_row(wxWindow* in, wxSizer* box) {
    auto* reason_row = new wxBoxSizer(wxHORIZONTAL);
    reason_row->Add(new wxStaticText(in, wxID_ANY, _("所选人员缺席原因")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    m_reason = named(new wxTextCtrl(in, wxID_ANY), "record_reason");
    m_reason->SetHint(_("填写即记为缺席"));
    m_reason->Disable();
    reason_row->Add(m_reason, 1);
    box->Add(reason_row, 0, wxEXPAND | wxALL, 4);
    m_attendance->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) {
        int row = m_attendance->GetSelectedRow();
        m_reason->Enable(row != wxNOT_FOUND);
        m_reason->ChangeValue(row == wxNOT_FOUND ? wxString() : m_attendance->GetTextValue(row, 2));
    });
    m_reason->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        int row = m_attendance->GetSelectedRow();
        if (row == wxNOT_FOUND) return;
        wxString r = m_reason->GetValue();
        m_attendance->SetTextValue(r, row, 2);
        if (!r.empty()) m_attendance->SetToggleValue(false, row, 0);
        update_summary();
    });
}

/// 应到 0 人 on an archive without a registered committee: say what to do, and where.
void RecordDialog::add_committee_hint(wxWindow* in, wxSizer* box) {
    m_committee_hint = named(
        new wxStaticText(in, wxID_ANY,
                         _("应到人员是选举日期在会议之前的支部委员会成员，但档案中还没有登记支部委员会。请先登记换届选举。")),
        "record_committee_hint");
    m_committee_hint->SetForegroundColour(wxColour(0xB0, 0x30, 0x20));
    m_committee_hint->Wrap(320);
    auto* link = named(new wxButton(in, wxID_ANY, _("登记换届选举…")), "record_register_committee");
    link->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (fingerprint() != m_initial && !ask(this, _("放弃这条记录中未保存的内容？"), _("未保存的记录"))) return;
        EndModal(register_committee_id);
    });
    m_committee_link = link;
    box->Add(m_committee_hint, 0, wxALL, 4);
    box->Add(link, 0, wxLEFT | wxBOTTOM, 4);
}

std::optional<core::Date> RecordDialog::current_date() {
    auto it = m_controls.find("date");
    if (it == m_controls.end()) return m_record.date.valid() ? std::optional<core::Date>(m_record.date) : std::nullopt;
    return core::Date::parse(trim(str(static_cast<wxTextCtrl*>(it->second)->GetValue())));
}

std::optional<core::Id> RecordDialog::current_group() {
    auto it = m_controls.find("group");
    if (it == m_controls.end()) return std::nullopt;
    std::string name = trim(str(static_cast<wxComboBox*>(it->second)->GetValue()));
    for (const auto& g : m_groups)
        if (g.name == name) return g.id;
    return std::nullopt;
}

void RecordDialog::refill_expected() {
    if (!m_attendance || m_tmpl.attendees == core::AttendeeScope::Chosen || m_tmpl.attendees == core::AttendeeScope::None) return;
    auto date = current_date();
    if (!date) return;
    // Keep what was already ticked or typed for people who are still expected.
    std::map<std::string, std::pair<bool, std::string>> keep;
    for (int i = 0; i < m_attendance->GetItemCount(); ++i)
        keep[str(m_attendance->GetTextValue(i, 1))] = {m_attendance->GetToggleValue(i, 0), str(m_attendance->GetTextValue(i, 2))};
    core::RecordStore store(m_archive.db(), m_archive.home().id);
    std::vector<core::Member> expected;
    guarded(this, [&] { expected = store.expected_attendees(m_tmpl, *date, current_group()); });
    m_attendance->DeleteAllItems();
    for (const auto& m : expected) {
        auto k = keep.find(m.name);
        wxVector<wxVariant> row;
        row.push_back(wxVariant(k == keep.end() ? true : k->second.first));
        row.push_back(wxVariant(wx(m.name)));
        row.push_back(wxVariant(k == keep.end() ? wxString() : wx(k->second.second)));
        m_attendance->AppendItem(row);
    }
    update_summary();
}

void RecordDialog::update_summary() {
    if (!m_summary) return;
    int expected = m_attendance->GetItemCount(), present = 0;
    for (int i = 0; i < expected; ++i) present += m_attendance->GetToggleValue(i, 0) ? 1 : 0;
    core::AttendanceSummary s{expected, present, expected - present};
    m_summary->SetLabel(fmt("应到 {expected} 人，实到 {present} 人，缺席 {absent} 人，出席率 {rate}",
                            {{"expected", std::to_string(expected)},
                             {"present", std::to_string(present)},
                             {"absent", std::to_string(expected - present)},
                             {"rate", s.rate_text()}}));
    if (m_committee_hint) {
        bool none = expected == 0;
        if (none) {
            core::Roster roster(m_archive.db(), m_archive.home().id);
            none = roster.terms().empty();
        }
        m_committee_hint->Show(none);
        m_committee_link->Show(none);
        Layout();
    }
}

wxWindow* RecordDialog::field_control(const std::string& field_id) {
    if (field_id == "attendees") return m_attendance;
    if (field_id == "attachments") return m_files;
    auto it = m_controls.find(field_id);
    return it == m_controls.end() ? nullptr : it->second;
}

void RecordDialog::add_attachments(const wxArrayString& files) {
    if (!m_files) return;
    for (const auto& f : files) {
        m_attachments.push_back(str(f));
        m_files->Append(f);
    }
}

bool RecordDialog::set_attendance(const std::string& name, bool present, const std::string& reason) {
    if (!m_attendance) return false;
    for (int i = 0; i < m_attendance->GetItemCount(); ++i)
        if (str(m_attendance->GetTextValue(i, 1)) == name) {
            m_attendance->SetToggleValue(present, i, 0);
            m_attendance->SetTextValue(wx(reason), i, 2);
            update_summary();
            return true;
        }
    return false;
}

void RecordDialog::add_attendee(const std::string& name) {
    if (!m_attendance) return;
    for (int i = 0; i < m_attendance->GetItemCount(); ++i)
        if (str(m_attendance->GetTextValue(i, 1)) == name) return;
    wxVector<wxVariant> row;
    row.push_back(wxVariant(true));
    row.push_back(wxVariant(wx(name)));
    row.push_back(wxVariant(wxString()));
    m_attendance->AppendItem(row);
    update_summary();
}

core::Record RecordDialog::collect() {
    core::Record r = m_record;
    r.type = m_tmpl.id;
    r.type_name = m_tmpl.name;
    r.fields.clear();
    for (const auto& f : m_tmpl.fields) {
        auto it = m_controls.find(f.id);
        if (it == m_controls.end()) continue;
        std::string v;
        if (auto* t = dynamic_cast<wxTextCtrl*>(it->second)) v = str(t->GetValue());
        else if (auto* c = dynamic_cast<wxComboBox*>(it->second)) v = str(c->GetValue());
        else if (auto* ch = dynamic_cast<wxChoice*>(it->second)) v = str(ch->GetStringSelection());
        v = f.kind == core::FieldKind::LongText ? v : trim(v);
        // The template's standard ids map to the record's typed members (meeting_template.hpp).
        if (f.id == "date") {
            r.date = core::optional_date(v, f.id, f.label).value_or(core::Date());
        } else if (f.id == "time") r.time = v;
        else if (f.id == "place") r.place = v;
        else if (f.id == "host") r.host = v;
        else if (f.id == "recorder") r.recorder = v;
        else if (f.id == "topic") r.topic = v;
        else if (f.id == "group") r.group = v;
        else if (f.id == "hours") {
            if (v.empty()) r.hours = 0;
            else try {
                    std::size_t used = 0;
                    r.hours = std::stod(v, &used);
                    if (used != v.size()) throw std::invalid_argument(v);
                } catch (const std::exception&) {
                    throw core::Error(OB_N("“{field}”应为数字（学时），而不是“{value}”"), {{"field", f.label}, {"value", v}},
                                      {{}, {}, f.id});
                }
        } else r.fields[f.id] = v;
    }
    if (m_vote) r.vote = m_vote->GetValue();
    if (m_attendance) {
        r.attendance.clear();
        for (int i = 0; i < m_attendance->GetItemCount(); ++i) {
            core::Attendance a;
            a.name = str(m_attendance->GetTextValue(i, 1));
            a.present = m_attendance->GetToggleValue(i, 0);
            a.reason = a.present ? std::string() : trim(str(m_attendance->GetTextValue(i, 2)));
            r.attendance.push_back(a);
        }
    }
    r.attachments = m_attachments;
    return r;
}

wxString record_problems_text(const std::vector<core::RecordProblem>& problems) {
    wxString text = _("记录未保存，请修改以下问题：") + "\n";
    for (const auto& p : problems) {
        // Each message names its field itself ("“主持人”为必填项"): the label is a plugin's text, translated here.
        core::Message m = p.message;
        for (auto& [name, value] : m.params)
            if (name == "label" || name == "type") value = tr_ui(value);
        text += wx("\n• ") + msg(m); // a narrow literal would not survive the C locale's conversion
    }
    return text;
}

bool RecordDialog::save() {
    for (auto& [id, label] : m_labels) label->SetForegroundColour(wxNullColour);
    auto show_problems = [this](const std::vector<core::RecordProblem>& problems) {
        for (const auto& p : problems) {
            auto it = m_labels.find(p.field);
            if (it != m_labels.end()) it->second->SetForegroundColour(*wxRED);
        }
        Refresh();
        show_error(this, record_problems_text(problems), _("记录有问题"));
    };
    core::Record r;
    if (!guarded(this, [&] { r = collect(); })) return false;
    core::RecordStore store(m_archive.db(), m_archive.home().id);
    auto problems = store.validate(r, m_tmpl);
    if (!problems.empty()) {
        show_problems(problems);
        return false;
    }
    try {
        core::Transaction tx(m_archive.db()); // attachments and the record land together
        for (auto& a : r.attachments)
            if (a.rfind("sha256:", 0) != 0) a = archive::store_attachment(m_archive, a);
        if (m_editing) store.update(r, m_tmpl);
        else store.add(r, m_tmpl);
        tx.commit();
    } catch (const core::RecordInvalid& e) {
        show_problems(e.problems());
        return false;
    } catch (const core::Error& e) {
        show_error(this, wx(app::describe(e)));
        return false;
    }
    m_record = r;
    return true;
}

// ---------------------------------------------------------------- RecordsPanel

namespace {

class RecordsPanel : public View {
public:
    RecordsPanel(wxWindow* parent, Shell& shell, const archive::Section& section)
        : View(parent, shell, "records_panel"), m_section(section) {
        m_templates = templates_for(shell, section);
        auto* box = new wxBoxSizer(wxVERTICAL);
        // The filter and the buttons flow onto a second row on a narrow window (English at 1024 px).
        auto* bar = new wxWrapSizer(wxHORIZONTAL);
        m_filter = named(new wxChoice(this, wxID_ANY), "records_filter");
        m_filter->Append(_("全部类型"));
        for (const auto& t : m_templates) m_filter->Append(wx(tr_ui(t.name)));
        m_filter->SetSelection(0);
        m_year = new wxStaticText(this, wxID_ANY, "");
        m_new_type = named(new wxChoice(this, wxID_ANY), "records_new_type");
        for (const auto& t : m_templates) m_new_type->Append(wx(tr_ui(t.name)));
        if (!m_templates.empty()) m_new_type->SetSelection(0);
        auto* add = named(new wxButton(this, wxID_ANY, _("新建记录…")), "records_add");
        auto* edit = named(new wxButton(this, wxID_ANY, _("编辑…")), "records_edit");
        auto* del = named(new wxButton(this, wxID_ANY, _("删除")), "records_delete");
        auto* word = named(new wxButton(this, wxID_ANY, _("导出 Word…")), "records_word");
        auto* print = named(new wxButton(this, wxID_ANY, _("打印…")), "records_print");
        word->SetToolTip(_("选中的记录，未选中时为列表中的全部记录"));
        print->SetToolTip(_("选中的记录，未选中时为列表中的全部记录"));
        bar->Add(m_year, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 10);
        bar->Add(m_filter, 0, wxRIGHT, 16);
        bar->Add(m_new_type, 0, wxRIGHT, 4);
        bar->Add(add, 0, wxRIGHT, 4);
        bar->Add(edit, 0, wxRIGHT, 4);
        bar->Add(del, 0, wxRIGHT, 12);
        bar->Add(word, 0, wxRIGHT, 4);
        bar->Add(print, 0, wxRIGHT, 4);
        m_list = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL),
                       "records_list");
        add_table_export(this, bar, m_shell, m_list, "records", [this] {
            return archive::records_tables(m_shell.home().name, m_rows, m_templates, core::Date::today());
        });
        box->Add(bar, 0, wxEXPAND | wxALL, 8);
        const std::vector<std::pair<const char*, int>> cols = {{OB_N("日期"), 95},  {OB_N("类型"), 110},  {OB_N("主题"), 260},
                                                               {OB_N("地点"), 120}, {OB_N("主持人"), 70}, {OB_N("应到"), 50},
                                                               {OB_N("实到"), 50},  {OB_N("缺席"), 50},   {OB_N("出席率"), 65},
                                                               {OB_N("附件"), 45},  {OB_N("提示"), 160}};
        for (const auto& [t, w] : cols) m_list->AppendColumn(_(t), wxLIST_FORMAT_LEFT, w);
        box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        m_total = new wxStaticText(this, wxID_ANY, "");
        box->Add(m_total, 0, wxALL, 8);
        SetSizer(box);
        add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_record(); });
        edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
        del->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_selected(); });
        word->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_word_records(); });
        print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            std::vector<core::Id> ids;
            for (const auto& r : chosen()) ids.push_back(r.id);
            print_records(this, m_shell, ids);
        });
        m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit_selected(); });
        m_filter->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
        reload();
    }

    void reload() override {
        int year = m_shell.year();
        m_year->SetLabel(fmt("{year} 年", {{"year", std::to_string(year)}}));
        core::RecordStore store(m_shell.archive().db(), m_shell.home().id);
        std::set<std::string> types;
        int f = m_filter->GetSelection();
        for (std::size_t i = 0; i < m_templates.size(); ++i)
            if (f <= 0 || static_cast<int>(i) == f - 1) types.insert(m_templates[i].id);
        m_rows.clear();
        for (auto& r : store.list(year))
            if (types.count(r.type)) m_rows.push_back(std::move(r));
        m_list->DeleteAllItems();
        int flagged = 0;
        for (const auto& r : m_rows) {
            auto s = r.summary();
            long i = m_list->InsertItem(m_list->GetItemCount(), wx(r.date.iso()));
            m_list->SetItem(i, 1, wx(tr_ui(r.type_name)));
            m_list->SetItem(i, 2, wx(r.topic));
            m_list->SetItem(i, 3, wx(r.place));
            m_list->SetItem(i, 4, wx(r.host));
            m_list->SetItem(i, 5, wxString::Format("%d", s.expected));
            m_list->SetItem(i, 6, wxString::Format("%d", s.present));
            m_list->SetItem(i, 7, wxString::Format("%d", s.absent));
            m_list->SetItem(i, 8, wx(s.rate_text()));
            m_list->SetItem(i, 9, r.attachments.empty() ? wxString() : wxString::Format("%zu", r.attachments.size()));
            if (r.flagged()) {
                ++flagged;
                m_list->SetItem(i, 10, _("表决时未达到法定人数"));
                m_list->SetItemBackgroundColour(i, colours::violation());
            } else if (r.hours > 0) {
                m_list->SetItem(i, 10, fmt("{hours} 学时", {{"hours", hours_text(r.hours)}}));
            }
        }
        wxString total =
            fmt("{year} 年共 {count} 条记录", {{"year", std::to_string(year)}, {"count", std::to_string(m_rows.size())}});
        if (flagged) total += "  " + fmt("（{count} 条表决未达法定人数）", {{"count", std::to_string(flagged)}});
        m_total->SetLabel(total);
        Layout();
    }

    void select_item(const Target& t) override {
        if (!t.item) return;
        if (long i = row_of(m_rows, t.item); i >= 0) {
            select_row(m_list, i);
            return;
        }
        // A record of another year: switch the year and try again.
        core::RecordStore store(m_shell.archive().db(), m_shell.home().id);
        if (auto r = store.get(t.item); r && r->date.year() != m_shell.year()) {
            m_shell.set_year(r->date.year());
            select_item(t);
        }
    }

private:
    /// The selected record, or every record listed when none is selected.
    std::vector<core::Record> chosen() const {
        long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (i >= 0 && i < static_cast<long>(m_rows.size())) return {m_rows[static_cast<std::size_t>(i)]};
        return m_rows;
    }
    void export_word_records() {
        auto records = chosen();
        if (records.empty()) {
            show_error(this, _("没有要导出的会议记录"));
            return;
        }
        std::string name = m_shell.home().name + "-" +
                           (records.size() == 1 ? records.front().type_name + "记录-" + records.front().date.iso()
                                                : std::to_string(m_shell.year()) + "年会议记录") +
                           ".docx";
        auto all = core::load_meeting_templates(m_shell.plugins().require(m_shell.home().sector));
        export_word(this, m_shell, name, [&] { return archive::minutes_document(m_shell.home(), records, all); });
    }
    void add_record() {
        if (m_templates.empty()) {
            show_error(this, _("本行业插件没有为这个篇目提供会议记录模板"));
            return;
        }
        const auto& t = m_templates.at(std::max(0, m_new_type->GetSelection()));
        RecordDialog dlg(this, m_shell.archive(), t, nullptr);
        int rc = dlg.ShowModal();
        if (rc == RecordDialog::register_committee_id) {
            wxTheApp->CallAfter([s = &m_shell] { s->navigate({"section:basic.committee", 0, "new_term"}); });
            return;
        }
        if (rc != wxID_OK) return;
        m_shell.archive_changed();
        if (dlg.record().date.year() != m_shell.year()) m_shell.set_year(dlg.record().date.year());
        reload();
        select_item({"", dlg.record().id, {}});
        m_shell.set_status(fmt("已保存{type}记录（{date}）", {{"type", t.name}, {"date", dlg.record().date.iso()}}));
    }
    void edit_selected() {
        long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (i < 0) return;
        const auto& r = m_rows.at(i);
        const auto* t = core::find_template(m_templates, r.type);
        if (!t) return;
        RecordDialog dlg(this, m_shell.archive(), *t, &r);
        add_history_tab(&dlg, m_shell.archive(), "record", r.id);
        if (dlg.ShowModal() != wxID_OK) return;
        core::Id id = dlg.record().id;
        reload();
        select_item({"", id, {}});
    }
    void delete_selected() {
        long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (i < 0) return;
        const auto& r = m_rows.at(i);
        if (!ask(this, fmt("删除 {date} 的{type}记录？", {{"date", r.date.iso()}, {"type", r.type_name}}))) return;
        core::RecordStore store(m_shell.archive().db(), m_shell.home().id);
        if (guarded(this, [&] { store.remove(r.id); })) reload();
    }

    archive::Section m_section;
    std::vector<core::MeetingTemplate> m_templates;
    std::vector<core::Record> m_rows;
    wxChoice *m_filter, *m_new_type;
    wxStaticText *m_year, *m_total;
    wxListCtrl* m_list;
};

// ---------------------------------------------------------------- PlanView

class PlanView : public View {
public:
    PlanView(wxWindow* parent, Shell& shell) : View(parent, shell, "plan_view") {
        m_templates = templates_of(shell);
        auto* box = new wxBoxSizer(wxVERTICAL);
        m_title = heading(this, "");
        auto* head = new wxBoxSizer(wxHORIZONTAL);
        head->Add(m_title, 1, wxALIGN_CENTER_VERTICAL);
        box->Add(head, 0, wxEXPAND | wxALL, 10);
        auto* hint = new wxStaticText(
            this, wxID_ANY, _("每格为“已开 / 计划”。双击格子修改计划次数。绿色：已按计划完成；红色：已过月份仍未完成。"));
        hint->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
        box->Add(hint, 0, wxLEFT | wxBOTTOM, 10);
        m_grid = named(new wxGrid(this, wxID_ANY), "plan_grid");
        m_grid->CreateGrid(0, 14);
        m_grid->EnableEditing(false);
        m_grid->SetRowLabelSize(150);
        m_grid->SetDefaultColSize(54);
        m_grid->SetColSize(12, 70);
        m_grid->SetColSize(13, 70);
        for (int m = 0; m < 12; ++m) m_grid->SetColLabelValue(m, fmt("{month}月", {{"month", std::to_string(m + 1)}}));
        m_grid->SetColLabelValue(12, _("全年"));
        m_grid->SetColLabelValue(13, _("落后"));
        m_grid->SetDefaultCellAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
        box->Add(m_grid, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
        SetSizer(box);
        m_grid->Bind(wxEVT_GRID_CELL_LEFT_DCLICK, [this](wxGridEvent& e) { edit_cell(e.GetRow(), e.GetCol()); });
        add_table_export(this, head, m_shell, m_grid, "plan", [this] {
            int year = m_shell.year();
            auto today = core::Date::today();
            int upto = year < today.year() ? 12 : year > today.year() ? 0 : today.month();
            return std::vector<archive::Table>{archive::plan_table(m_shell.home().name, year, m_rows, upto, today)};
        });
        reload();
    }

    void reload() override {
        int year = m_shell.year();
        m_title->SetLabel(fmt("{year} 年“三会一课”计划与完成情况", {{"year", std::to_string(year)}}));
        core::MeetingPlan plan(m_shell.archive().db(), m_shell.home().id);
        auto rows = plan.compare(year, m_templates);
        // Every template gets a row, so a plan can be entered for a type not planned yet.
        for (const auto& t : m_templates)
            if (std::none_of(rows.begin(), rows.end(), [&](const core::PlanVsDone& r) { return r.type == t.id; })) {
                core::PlanVsDone r;
                r.type = t.id;
                r.type_name = t.name;
                rows.push_back(r);
            }
        m_rows = rows;
        if (m_grid->GetNumberRows()) m_grid->DeleteRows(0, m_grid->GetNumberRows());
        m_grid->AppendRows(static_cast<int>(rows.size()));
        auto today = core::Date::today();
        int current_month = year < today.year() ? 12 : year > today.year() ? 0 : today.month();
        wxClientDC dc(m_grid);
        dc.SetFont(m_grid->GetLabelFont());
        int label_width = 150;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            int row = static_cast<int>(i);
            wxString label = wx(tr_ui(r.type_name));
            label_width = std::max(label_width, dc.GetTextExtent(label).x + 20); // English names are longer
            m_grid->SetRowLabelValue(row, label);
            for (int m = 0; m < 12; ++m) {
                int p = r.planned[m], d = r.done[m];
                m_grid->SetCellValue(row, m, p || d ? wxString::Format("%d / %d", d, p) : wxString());
                wxColour bg = *wxWHITE;
                if (p && d >= p) bg = colours::ok();
                else if (p && m + 1 < current_month) bg = colours::violation();
                else if (p) bg = colours::due();
                m_grid->SetCellBackgroundColour(row, m, bg);
            }
            m_grid->SetCellValue(row, 12, wxString::Format("%d / %d", r.done_total(), r.planned_total()));
            int behind = current_month ? r.behind(current_month) : 0;
            m_grid->SetCellValue(row, 13, behind ? wxString::Format("%d", behind) : wxString());
            if (behind) m_grid->SetCellBackgroundColour(row, 13, colours::violation());
        }
        m_grid->SetRowLabelSize(label_width);
        m_grid->ForceRefresh();
    }

    void edit_cell(int row, int col) {
        if (row < 0 || col < 0 || col >= 12 || row >= static_cast<int>(m_rows.size())) return;
        const auto& r = m_rows[row];
        const auto* t = core::find_template(m_templates, r.type);
        if (!t) return;
        long n = wxGetNumberFromUser(
            fmt("{type}：{year} 年 {month} 月计划召开几次？",
                {{"type", r.type_name}, {"year", std::to_string(m_shell.year())}, {"month", std::to_string(col + 1)}}),
            _("次数"), _("年度计划"), r.planned[col], 0, 31, this);
        if (n < 0) return;
        set_plan(r.type, col + 1, static_cast<int>(n));
    }

    /// What a double-click and a number do (tests call it directly).
    void set_plan(const std::string& type, int month, int count) {
        const auto* t = core::find_template(m_templates, type);
        if (!t) return;
        core::MeetingPlan plan(m_shell.archive().db(), m_shell.home().id);
        if (guarded(this, [&] { plan.set(m_shell.year(), *t, month, count); })) reload();
    }

private:
    std::vector<core::MeetingTemplate> m_templates;
    std::vector<core::PlanVsDone> m_rows;
    wxStaticText* m_title;
    wxGrid* m_grid;
};

} // namespace

View* make_records_panel(wxWindow* parent, Shell& shell, const archive::Section& section) {
    return new RecordsPanel(parent, shell, section);
}

View* make_plan_view(wxWindow* parent, Shell& shell) { return new PlanView(parent, shell); }

} // namespace onebook::shell
