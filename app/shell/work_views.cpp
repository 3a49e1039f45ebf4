#include "work_views.hpp"
#include "office_actions.hpp"
#include "onebook/archive/word_exports.hpp"
#include "onebook/numbers.hpp"
#include "safety_net.hpp"

#include "table_export.hpp"
#include "todo_panel.hpp"
#include "ui_util.hpp"
#include "views.hpp"

#include "onebook/archive/sections.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/assessment.hpp"
#include "onebook/records.hpp"
#include "onebook/rubric.hpp"
#include "onebook/rules.hpp"

#include <wx/arrstr.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dcclient.h>
#include <wx/grid.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace onebook::shell {

namespace {

/// A column label on two lines, broken at the space or hyphen nearest its middle ("Suggested\nscore",
/// "Self-\nassessment"); a label without one stays as it is.
wxString two_lines(const wxString& label) {
    int best = -1;
    for (int i = 1; i + 1 < static_cast<int>(label.length()); ++i)
        if ((label[i] == ' ' || label[i] == '-') && (best < 0 || std::abs(i - static_cast<int>(label.length()) / 2) <
                                                                     std::abs(best - static_cast<int>(label.length()) / 2)))
            best = i;
    if (best < 0) return label;
    return label[best] == ' ' ? label.Left(best) + "\n" + label.Mid(best + 1) : label.Left(best + 1) + "\n" + label.Mid(best + 1);
}

wxColour status_colour(core::FindingStatus s) {
    switch (s) {
    case core::FindingStatus::Ok: return colours::ok();
    case core::FindingStatus::Due: return colours::due();
    case core::FindingStatus::Warning: return colours::warning();
    case core::FindingStatus::Violation: return colours::violation();
    }
    return *wxWHITE;
}

wxString status_label(core::FindingStatus s) {
    switch (s) {
    case core::FindingStatus::Ok: return _("符合");
    case core::FindingStatus::Due: return _("待办");
    case core::FindingStatus::Warning: return _("提醒");
    case core::FindingStatus::Violation: return _("违规");
    }
    return {};
}

/// The status as a short word for a month cell ("OK", "Due"…): the colour alone says nothing to
/// a reader who cannot tell red from green, or on a grey printout.
wxString status_word(core::FindingStatus s) {
    if (language() == app::UiLanguage::Chinese) return status_label(s); // two characters already
    switch (s) {
    case core::FindingStatus::Ok: return "OK";
    case core::FindingStatus::Due: return "Due";
    case core::FindingStatus::Warning: return "Warn";
    case core::FindingStatus::Violation: return "Fail";
    }
    return {};
}

/// Who scores and changes things: the OS user unless a name is configured.
std::string user_name() {
    wxString n = wxGetUserName();
    return n.empty() ? str(wxGetUserId()) : str(n);
}

} // namespace

// ---------------------------------------------------------------- RectItemDialog

RectItemDialog::RectItemDialog(wxWindow* parent, core::Archive& archive, const core::RectificationItem& item, bool is_new)
    : wxDialog(parent, wxID_ANY, is_new ? _("新建整改事项") : _("编辑整改事项"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_archive(archive), m_item(item) {
    SetName("rect_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    if (!item.source.empty()) {
        auto* src = new wxStaticText(this, wxID_ANY, _("来源：") + wx(item.source.describe()));
        src->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
        box->Add(src, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    }
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1, 1);
    m_issue =
        named(new wxTextCtrl(this, wxID_ANY, wx(item.issue), wxDefaultPosition, wxSize(480, 60), wxTE_MULTILINE), "rect_issue");
    m_measures = named(new wxTextCtrl(this, wxID_ANY, wx(item.measures), wxDefaultPosition, wxSize(480, 80), wxTE_MULTILINE),
                       "rect_measures");
    wxArrayString names;
    core::Roster roster(archive.db(), archive.home().id);
    for (const auto& m : roster.members()) names.Add(wx(m.name));
    m_owner = named(new wxComboBox(this, wxID_ANY, wx(item.owner), wxDefaultPosition, wxDefaultSize, names), "rect_owner");
    m_deadline =
        named(new wxTextCtrl(this, wxID_ANY, item.deadline.valid() ? wx(item.deadline.iso()) : wxString()), "rect_deadline");
    m_deadline->SetHint("2025-06-30");
    m_target = named(new wxTextCtrl(this, wxID_ANY, wx(item.target)), "rect_target");
    m_target->SetHint(_("量化目标，例如：每季度召开支部党员大会不少于1次"));
    m_progress = named(new wxTextCtrl(this, wxID_ANY, wx(item.progress), wxDefaultPosition, wxSize(-1, 50), wxTE_MULTILINE),
                       "rect_progress");
    add_row(this, grid, _("整改事项"), m_issue, true);
    add_row(this, grid, _("主要措施"), m_measures, true);
    add_row(this, grid, _("责任人"), m_owner, true);
    add_row(this, grid, _("完成时限"), m_deadline, true);
    add_row(this, grid, _("量化目标"), m_target);
    add_row(this, grid, _("完成情况"), m_progress);
    box->Add(grid, 1, wxEXPAND | wxALL, 12);
    finish_form_dialog(this, box, _("保存"), [this] { return collect(); });
}

bool RectItemDialog::collect() {
    return guarded(this, [&] {
        core::RectificationItem it = m_item;
        it.issue = trim(str(m_issue->GetValue()));
        it.measures = trim(str(m_measures->GetValue()));
        it.owner = trim(str(m_owner->GetValue()));
        core::Roster roster(m_archive.db(), m_archive.home().id);
        if (auto m = roster.member_by_name(it.owner)) it.owner_member_id = m->id;
        else it.owner_member_id.reset();
        auto d = parse_date_field(m_deadline->GetValue(), "完成时限");
        it.deadline = d ? *d : core::Date();
        it.target = trim(str(m_target->GetValue()));
        it.progress = trim(str(m_progress->GetValue()));
        core::Rectification::validate(it);
        m_item = it;
    });
}

namespace {

core::Id store_new_item(wxWindow* parent, Shell& shell, core::RectificationItem item) {
    item.organisation_id = shell.home().id;
    item.created_on = core::Date::today();
    RectItemDialog dlg(parent, shell.archive(), item, true);
    if (dlg.ShowModal() != wxID_OK) return 0;
    core::RectificationItem it = dlg.item();
    core::Rectification rect(shell.archive().db(), shell.home().id);
    if (!guarded(parent, [&] { rect.add(it); })) return 0;
    shell.archive_changed();
    shell.set_status(fmt("已登记整改事项（编号 {id}）", {{"id", std::to_string(it.id)}}));
    return it.id;
}

} // namespace

core::Id rectify_finding(wxWindow* parent, Shell& shell, const core::Finding& f) {
    core::RectificationItem item;
    item.issue = f.message.empty() ? f.description : f.description + "：" + f.message;
    item.source = core::RectSource::from_finding(f);
    item.deadline = core::Date::today().add_months(3); // 一般 branches: about three months (DOMAIN.md §5)
    return store_new_item(parent, shell, item);
}

core::Id rectify_deduction(wxWindow* parent, Shell& shell, int year, const std::string& item_id, const std::string& issue,
                           const std::string& reason) {
    core::RectificationItem item;
    item.issue = reason.empty() ? issue : issue + "（" + reason + "）";
    item.source = core::RectSource::deduction(year, item_id);
    item.deadline = core::Date::today().add_months(3);
    return store_new_item(parent, shell, item);
}

namespace {

// ---------------------------------------------------------------- RulesView

class RulesView : public View {
public:
    RulesView(wxWindow* parent, Shell& shell) : View(parent, shell, "rules_view") {
        auto* box = new wxBoxSizer(wxVERTICAL);
        m_title = heading(this, "");
        box->Add(m_title, 0, wxLEFT | wxTOP | wxRIGHT, 10);
        m_counts = named(new wxStaticText(this, wxID_ANY, ""), "rules_counts");
        auto* counts_row = new wxBoxSizer(wxHORIZONTAL);
        counts_row->Add(m_counts, 1, wxALIGN_CENTER_VERTICAL);
        box->Add(counts_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
        m_note = named(new wxStaticText(this, wxID_ANY, ""), "rules_note");
        m_note->SetForegroundColour(wxColour(0x80, 0x50, 0x00));
        box->Add(m_note, 0, wxLEFT | wxRIGHT | wxBOTTOM, 10);

        auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
        split->SetMinimumPaneSize(120);
        build_grid(split);
        wxWindow* detail = build_detail(split);
        split->SplitHorizontally(m_grid, detail, -210);
        split->SetSashGravity(1.0);
        box->Add(split, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
        SetSizer(box);

        m_grid->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& e) {
            show_cell(e.GetRow(), e.GetCol());
            e.Skip();
        });
        m_evidence->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { open_evidence(e.GetIndex()); });
        m_open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            open_evidence(m_evidence->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED));
        });
        m_rectify->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { rectify_selected(); });
        add_table_export(this, counts_row, m_shell, m_grid, "rules", [this] {
            return archive::check_tables(m_shell.home().name, m_shell.year(), m_findings, core::Date::today());
        });
        reload();
    }

    void reload() override {
        int year = m_shell.year();
        m_title->SetLabel(fmt("{year} 年规则检查", {{"year", std::to_string(year)}}));
        auto note = core::records_start_note(m_shell.archive(), year);
        m_note->SetLabel(note ? msg(*note) : wxString());
        m_note->Show(note.has_value());
        m_findings.clear();
        m_cells.clear();
        guarded(this, [&] { m_findings = core::check_rules(m_shell.archive(), m_shell.plugins(), year); });
        if (m_grid->GetNumberRows()) m_grid->DeleteRows(0, m_grid->GetNumberRows());
        m_grid->ClearGrid();
        int counts[4] = {0, 0, 0, 0};
        wxClientDC dc(m_grid);
        dc.SetFont(m_grid->GetDefaultCellFont());
        // One row per rule; a rule whose windows overlap (several findings in one month) takes more rows.
        std::string rule;
        std::vector<bool> used;
        int row = -1;
        for (std::size_t i = 0; i < m_findings.size(); ++i) {
            const auto& f = m_findings[i];
            ++counts[static_cast<int>(f.status)];
            auto [first, last] = columns_of(f, year);
            bool overlap = false;
            if (f.rule_id == rule)
                for (int c = first; c <= last; ++c) overlap = overlap || used[c];
            if (f.rule_id != rule || overlap) {
                row = m_grid->GetNumberRows();
                m_grid->AppendRows(1);
                m_grid->SetCellValue(row, 0, f.rule_id == rule ? wxString("  …") : wtr(f.description));
                m_grid->SetCellAlignment(row, 0, wxALIGN_LEFT, wxALIGN_CENTRE);
                used.assign(13, false);
                rule = f.rule_id;
            }
            for (int c = first; c <= last; ++c) used[c] = true;
            if (last > first) m_grid->SetCellSize(row, first, 1, last - first + 1);
            wxString count =
                f.required > 0 ? wx(core::format_number(f.held) + "/" + core::format_number(f.required)) : wxString();
            int width = 0;
            for (int c = first; c <= last; ++c) width += m_grid->GetColSize(c);
            // Wide cells spell the status out; a month says it in a short word (符合 / OK) with the
            // count on a second line; the panel below gives the whole sentence.
            wxString text = status_label(f.status) + (count.empty() ? wxString() : " " + count);
            if (dc.GetTextExtent(text).x + 4 > width) text = status_word(f.status) + (count.empty() ? wxString() : "\n" + count);
            m_grid->SetCellValue(row, first, text);
            m_grid->SetCellBackgroundColour(row, first, status_colour(f.status));
            m_cells[{row, first}] = i;
            for (int c = first + 1; c <= last; ++c) m_cells[{row, c}] = i;
            m_cells[{row, 0}] = i;
        }
        m_counts->SetLabel(fmt("共 {total} 项检查：符合 {ok}，待办 {due}，提醒 {warning}，违规 {violation}",
                               {{"total", std::to_string(m_findings.size())},
                                {"ok", std::to_string(counts[0])},
                                {"due", std::to_string(counts[1])},
                                {"warning", std::to_string(counts[2])},
                                {"violation", std::to_string(counts[3])}}));
        fit_columns();
        m_grid->ForceRefresh();
        show_finding(m_findings.empty() ? -1 : 0);
        Layout();
    }

    void select_item(const Target& t) override {
        // ref: a finding's ref ("<rule>@<window>")
        for (const auto& [cell, i] : m_cells)
            if (m_findings[i].ref() == t.ref) {
                m_grid->GoToCell(cell.first, cell.second);
                show_finding(static_cast<long>(i));
                return;
            }
    }

    /// The finding shown in the detail pane (tests).
    const core::Finding* current() const {
        return m_current >= 0 && m_current < static_cast<long>(m_findings.size()) ? &m_findings[m_current] : nullptr;
    }
    const std::vector<core::Finding>& findings() const { return m_findings; }
    void show_finding(long index) {
        m_current = index;
        m_evidence->DeleteAllItems();
        m_rows.clear();
        const auto* f = current();
        m_rectify->Enable(f != nullptr && f->status != core::FindingStatus::Ok);
        m_open->Enable(false);
        if (!f) {
            m_detail->SetValue(m_findings.empty() ? _("本行业插件没有规则，或本年度没有可检查的内容。") : wxString());
            return;
        }
        wxString text = wtr(f->description) + "  [" + status_label(f->status) + "]";
        if (!f->window.empty()) text += "  " + _("时段：") + period_text(f->window);
        text += "\n" + wx(f->message) + "\n" + _("依据：") + wx(f->source);
        m_detail->SetValue(text);
        core::RecordStore records(m_shell.archive().db(), m_shell.home().id);
        core::Roster roster(m_shell.archive().db(), m_shell.home().id);
        for (auto id : f->evidence) {
            long i = m_evidence->InsertItem(m_evidence->GetItemCount(), "");
            if (f->evidence_kind == "record") {
                if (auto r = records.get(id)) {
                    m_evidence->SetItem(i, 0, wx(r->type_name));
                    m_evidence->SetItem(i, 1, wx(r->date.iso()));
                    m_evidence->SetItem(i, 2, wx(r->topic));
                    m_rows.push_back({"record", id, r->type});
                    continue;
                }
            } else if (f->evidence_kind == "member") {
                if (auto m = roster.member(id)) {
                    m_evidence->SetItem(i, 0, _("党员"));
                    m_evidence->SetItem(i, 2, wx(m->name));
                    m_rows.push_back({"member", id, {}});
                    continue;
                }
            }
            m_evidence->SetItem(i, 0, wx(f->evidence_kind));
            m_evidence->SetItem(i, 2, wxString::Format("#%lld", static_cast<long long>(id)));
            m_rows.push_back({f->evidence_kind, id, {}});
        }
        m_open->Enable(!m_rows.empty());
    }

    void open_evidence(long index) {
        if (index < 0 || index >= static_cast<long>(m_rows.size())) return;
        const auto& e = m_rows[index];
        if (e.kind == "record") {
            auto sections = archive::book_sections(m_shell.plugins(), m_shell.home().sector);
            if (const auto* s = archive::section_for_record_type(sections, e.type))
                m_shell.navigate({"section:" + s->id, e.id, {}});
        } else if (e.kind == "member") {
            m_shell.navigate({"section:basic.members", e.id, {}});
        } else if (e.kind == "term") {
            m_shell.navigate({"section:basic.committee", e.id, {}});
        }
    }

    void rectify_selected() {
        if (const auto* f = current()) {
            core::Finding copy = *f;
            if (core::Id id = rectify_finding(this, m_shell, copy)) m_shell.navigate({"section:work.rectification", id, {}});
        }
    }

private:
    /// One row a rule, a column a month.
    void build_grid(wxWindow* split) {
        m_grid = named(new wxGrid(split, wxID_ANY), "rules_grid");
        m_grid->CreateGrid(0, 13);
        m_grid->EnableEditing(false);
        m_grid->SetRowLabelSize(0);
        m_grid->SetColLabelValue(0, _("规则"));
        m_grid->SetColSize(0, 330);
        for (int m = 1; m <= 12; ++m) {
            m_grid->SetColLabelValue(m, fmt("{month}月", {{"month", std::to_string(m)}}));
            m_grid->SetColSize(m, 52);
        }
        m_grid->SetDefaultCellAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
        auto* wrap = new wxGridCellAttr;
        wrap->SetRenderer(new wxGridCellAutoWrapStringRenderer);
        m_grid->SetColAttr(0, wrap);
        m_grid->DisableDragRowSize();
        // The rule column takes what the months leave, so the grid fits a 1024-pixel screen.
        m_grid->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            e.Skip();
            fit_columns();
        });
    }

    /// Under the grid: the selected cell's text, its evidence and what to do with it.
    wxWindow* build_detail(wxWindow* split) {
        auto* detail = new wxPanel(split);
        auto* dbox = new wxBoxSizer(wxVERTICAL);
        m_detail = named(
            new wxTextCtrl(detail, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 70), wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2),
            "rules_detail");
        dbox->Add(m_detail, 0, wxEXPAND | wxBOTTOM, 6);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        m_evidence = named(new wxListCtrl(detail, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL),
                           "rules_evidence");
        m_evidence->AppendColumn(_("证据"), wxLIST_FORMAT_LEFT, 110);
        m_evidence->AppendColumn(_("日期"), wxLIST_FORMAT_LEFT, 100);
        m_evidence->AppendColumn(_("内容"), wxLIST_FORMAT_LEFT, 420);
        row->Add(m_evidence, 1, wxEXPAND | wxRIGHT, 8);
        auto* buttons = new wxBoxSizer(wxVERTICAL);
        m_open = named(new wxButton(detail, wxID_ANY, _("打开证据")), "rules_open_evidence");
        m_rectify = named(new wxButton(detail, wxID_ANY, _("据此建立整改事项…")), "rules_rectify");
        buttons->Add(m_open, 0, wxEXPAND | wxBOTTOM, 6);
        buttons->Add(m_rectify, 0, wxEXPAND);
        row->Add(buttons);
        dbox->Add(row, 1, wxEXPAND);
        detail->SetSizer(dbox);
        return detail;
    }

    struct EvidenceRow {
        std::string kind;
        core::Id id;
        std::string type;
    };
    void show_cell(int row, int col) {
        auto it = m_cells.find({row, col});
        if (it == m_cells.end()) it = m_cells.find({row, 0});
        show_finding(it == m_cells.end() ? -1 : static_cast<long>(it->second));
    }
    void fit_columns() {
        wxClientDC dc(m_grid);
        dc.SetFont(m_grid->GetDefaultCellFont());
        int month = 44;
        for (auto s :
             {core::FindingStatus::Ok, core::FindingStatus::Due, core::FindingStatus::Warning, core::FindingStatus::Violation})
            month = std::max(month, dc.GetTextExtent(status_word(s)).x + 10);
        month = std::max(month, dc.GetTextExtent("12/12").x + 10);
        int avail = m_grid->GetClientSize().x - 12 * month - 4;
        m_grid->BeginBatch();
        for (int m = 1; m <= 12; ++m) m_grid->SetColSize(m, month);
        m_grid->SetColSize(0, std::clamp(avail, 150, 420));
        int line = dc.GetCharHeight();
        m_grid->SetDefaultRowSize(2 * line + 8, true);
        for (int r = 0; r < m_grid->GetNumberRows(); ++r) {
            // A long rule wraps onto a second line rather than being cut.
            wxString t = m_grid->GetCellValue(r, 0);
            int lines = std::max(2, dc.GetTextExtent(t).x / std::max(1, m_grid->GetColSize(0) - 8) + 1);
            m_grid->SetRowSize(r, std::min(4, lines) * line + 8);
        }
        m_grid->EndBatch();
    }
    static std::pair<int, int> columns_of(const core::Finding& f, int year) {
        if (f.window.empty() || !f.window_start.valid() || !f.window_end.valid()) return {1, 12};
        int first = f.window_start.year() < year ? 1 : f.window_start.month();
        int last = f.window_end.year() > year ? 12 : f.window_end.month();
        first = std::clamp(first, 1, 12);
        last = std::clamp(last, first, 12);
        return {first, last};
    }

    wxStaticText *m_title, *m_counts, *m_note;
    wxGrid* m_grid;
    wxTextCtrl* m_detail;
    wxListCtrl* m_evidence;
    wxButton *m_open, *m_rectify;
    std::vector<core::Finding> m_findings;
    std::map<std::pair<int, int>, std::size_t> m_cells;
    std::vector<EvidenceRow> m_rows;
    long m_current = -1;
};

// ---------------------------------------------------------------- AssessmentView

enum AssessCol { C_NO, C_TEXT, C_MAX, C_PROPOSAL, C_SELF, C_SUPERIOR, C_REASON, C_COUNT };

class AssessmentView : public View {
public:
    AssessmentView(wxWindow* parent, Shell& shell) : View(parent, shell, "assessment_view") {
        m_rubrics = core::RubricSet::load(shell.plugins());
        auto* box = new wxBoxSizer(wxVERTICAL);
        build_top_row(box);
        // The buttons flow onto a second row when the window is narrow (English labels at 1024 px).
        auto* bar = new wxWrapSizer(wxHORIZONTAL);
        m_accept_all = named(new wxButton(this, wxID_ANY, _("采纳全部建议分")), "assess_accept_all");
        m_survey = named(new wxButton(this, wxID_ANY, _("群众测评…")), "assess_survey");
        m_rectify = named(new wxButton(this, wxID_ANY, _("由扣分建立整改事项…")), "assess_rectify");
        m_finalise = named(new wxButton(this, wxID_ANY, _("本轮定稿…")), "assess_finalise");
        for (auto* b : {m_accept_all, m_survey, m_rectify, m_finalise}) bar->Add(b, 0, wxRIGHT | wxBOTTOM, 6);
        box->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
        build_grid(box, bar);
        build_lower_band(box);
        SetSizer(box);
        // The totals and the problems line break at the view's width instead of running off it.
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            wrap_lines();
            e.Skip();
        });
        bind_actions();
        reload();
    }

    void reload() override {
        int year = m_shell.year();
        m_title->SetLabel(fmt("{year} 年度考核评分", {{"year", std::to_string(year)}}));
        guarded(this, [&] { m_findings = core::check_rules_for_rubric(m_shell.archive(), m_shell.plugins(), year); });
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        m_list = store.list(m_shell.home().id, year);
        int keep = m_which->GetSelection();
        m_which->Clear();
        for (const auto& a : m_list) {
            const auto* r = m_rubrics.find(a.rubric_id);
            m_which->Append(r ? wtr(r->name) : wx(a.rubric_id));
        }
        m_which->SetSelection(m_list.empty() ? wxNOT_FOUND : std::clamp(keep, 0, static_cast<int>(m_list.size()) - 1));
        m_which->Show(m_list.size() > 1);
        fill();
    }

    void select_item(const Target& t) override {
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].item && m_rows[i].item->item.id == t.ref) {
                m_grid->GoToCell(static_cast<int>(i), C_TEXT);
                show_detail(static_cast<int>(i));
            }
    }

    // ---- what the widgets do (tests call the same) ----
    core::Round round() const { return m_round->GetSelection() == 1 ? core::Round::Superior : core::Round::Self; }
    core::Id assessment_id() const { return m_sheet ? m_sheet->assessment.id : 0; }
    const core::Sheet* sheet() const { return m_sheet ? &*m_sheet : nullptr; }
    int row_of(const std::string& item_id) const {
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].item && m_rows[i].item->item.id == item_id) return static_cast<int>(i);
        return -1;
    }
    wxGrid* grid() { return m_grid; }

private:
    struct Row {
        const core::SheetSection* section = nullptr;
        const core::SheetItem* item = nullptr;
    };

    // ---- the constructor's parts, top to bottom ----
    void build_top_row(wxSizer* box) {
        auto* top = new wxBoxSizer(wxHORIZONTAL);
        m_title = heading(this, "");
        top->Add(m_title, 1, wxALIGN_CENTER_VERTICAL);
        m_which = named(new wxChoice(this, wxID_ANY), "assess_which");
        top->Add(m_which, 0, wxRIGHT, 8);
        m_round = named(new wxChoice(this, wxID_ANY), "assess_round");
        m_round->Append(_("自评"));
        m_round->Append(_("组织考核"));
        m_round->SetSelection(0);
        top->Add(new wxStaticText(this, wxID_ANY, _("评分轮次")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
        top->Add(m_round, 0, wxRIGHT, 8);
        m_create = named(new wxButton(this, wxID_ANY, _("新建本年度考核…")), "assess_create");
        top->Add(m_create, 0);
        box->Add(top, 0, wxEXPAND | wxALL, 10);
    }

    void build_grid(wxSizer* box, wxSizer* bar) {
        m_grid = named(new wxGrid(this, wxID_ANY), "assess_grid");
        add_table_export(this, bar, m_shell, m_grid, "assess", [this] {
            if (!m_sheet) throw core::Error(OB_N("本年度还没有考核表"));
            return archive::assessment_tables(*m_sheet, core::Date::today());
        });
        m_grid->CreateGrid(0, C_COUNT);
        m_grid->SetRowLabelSize(0);
        label_columns();
        m_grid->SetDefaultCellAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
        m_grid->SetDefaultRowSize(26);
        for (int c = 0; c < C_COUNT; ++c) m_base_width[c] = m_grid->GetColSize(c);
        m_grid->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            e.Skip();
            fit_columns();
        });
        box->Add(m_grid, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    }

    void label_columns() {
        const std::vector<std::pair<const char*, int>> cols = {
            {OB_N("序号"), 50}, {OB_N("考核内容"), 380}, {OB_N("分值"), 50},     {OB_N("建议分"), 60},
            {OB_N("自评"), 55}, {OB_N("组织考核"), 70},  {OB_N("扣分理由"), 270}};
        wxClientDC dc(m_grid);
        dc.SetFont(m_grid->GetLabelFont());
        int lines = 1;
        for (int c = 0; c < C_COUNT; ++c) {
            // English labels are longer than the Chinese: a label wider than its column breaks onto a
            // second line ("Suggested / score"), and the column is never narrower than its widest line.
            wxString label = _(cols[c].first);
            if (dc.GetTextExtent(label).x + 20 > cols[c].second) label = two_lines(label);
            if (label.Contains("\n")) lines = 2;
            m_grid->SetColLabelValue(c, label);
            int widest = 0;
            for (const auto& line : wxSplit(label, '\n')) widest = std::max(widest, dc.GetTextExtent(line).x);
            m_grid->SetColSize(c, std::max(cols[c].second, widest + 20));
        }
        if (lines > 1) m_grid->SetColLabelSize(dc.GetCharHeight() * 2 + 12);
    }

    /// The item text takes what the other columns leave, so the reason column stays on screen
    /// on a 1024-pixel display (the text wraps in the detail box below when cut).
    void fit_columns() {
        int others = 0;
        for (int c = 0; c < C_COUNT; ++c)
            if (c != C_TEXT && c != C_REASON) others += m_base_width[c];
        int avail = m_grid->GetClientSize().x - others - 4;
        // Short of room (1024 pixels, English headers): the two share what is left, the
        // reason never below 45 % of it.
        int reason = std::clamp(avail - 200, std::min(170, avail * 45 / 100), m_base_width[C_REASON]);
        reason = std::max(reason, 40); // before the first real size the grid is a few pixels wide
        m_grid->SetColSize(C_REASON, reason);
        // A narrowed reason column keeps its whole header, on two lines if need be.
        wxClientDC label_dc(m_grid);
        label_dc.SetFont(m_grid->GetLabelFont());
        wxString label = _("扣分理由");
        if (label_dc.GetTextExtent(label).x + 12 > reason) {
            label = two_lines(label);
            if (m_grid->GetColLabelSize() < label_dc.GetCharHeight() * 2 + 12)
                m_grid->SetColLabelSize(label_dc.GetCharHeight() * 2 + 12);
        }
        if (m_grid->GetColLabelValue(C_REASON) != label) m_grid->SetColLabelValue(C_REASON, label);
        m_grid->SetColSize(C_TEXT, std::clamp(avail - reason, 100, std::max(150, m_base_width[C_TEXT] + 200)));
        m_grid->ForceRefresh();
    }

    void build_lower_band(wxSizer* box) {
        m_detail = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 64), wxTE_MULTILINE | wxTE_READONLY),
                         "assess_detail");
        m_totals = named(new wxStaticText(this, wxID_ANY, ""), "assess_totals");
        m_totals->SetFont(m_totals->GetFont().Bold());
        box->Add(m_totals, 0, wxLEFT | wxRIGHT | wxTOP, 10);
        m_problems = named(new wxStaticText(this, wxID_ANY, ""), "assess_problems");
        m_problems->SetForegroundColour(wxColour(0xB0, 0x30, 0x20));
        box->Add(m_problems, 0, wxLEFT | wxRIGHT | wxTOP, 10);
        // The selected item's whole text beside the list of problems: one band under the grid, so
        // the grid keeps rows on a 600-pixel-high screen.
        auto* lower = new wxBoxSizer(wxHORIZONTAL);
        lower->Add(m_detail, 1, wxEXPAND);
        // Every blocking problem, each a link to its item (double-click or Enter).
        m_problem_list = named(new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 72), 0, nullptr, wxLB_HSCROLL),
                               "assess_problem_list");
        m_problem_list->SetForegroundColour(wxColour(0xB0, 0x30, 0x20));
        m_problem_list->SetMinSize(wxSize(FromDIP(120), 72)); // half of the band each, whatever the texts' widths
        m_detail->SetMinSize(wxSize(FromDIP(120), 64));
        lower->Add(m_problem_list, 1, wxEXPAND | wxLEFT, 8);
        box->Add(lower, 0, wxEXPAND | wxALL, 10);
        m_problem_list->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent& e) { jump_to_problem(e.GetSelection()); });
        m_problem_list->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
            if (e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER)
                jump_to_problem(m_problem_list->GetSelection());
            else e.Skip();
        });
    }

    void bind_actions() {
        m_which->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill(); });
        m_round->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill(); });
        m_create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { create(); });
        m_accept_all->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { accept_all(); });
        m_survey->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { survey(); });
        m_finalise->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finalise(); });
        m_rectify->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { rectify_selected(); });
        m_grid->Bind(wxEVT_GRID_CELL_CHANGED, [this](wxGridEvent& e) { cell_changed(e.GetRow(), e.GetCol()); });
        m_grid->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& e) {
            show_detail(e.GetRow());
            e.Skip();
        });
    }

    void create() {
        auto rubrics = m_rubrics.for_sector(m_shell.home().sector);
        if (rubrics.empty()) {
            show_error(this, _("本行业插件没有考核评分标准"));
            return;
        }
        wxArrayString names;
        for (const auto* r : rubrics) names.Add(wx(r->name));
        int pick = 0;
        if (rubrics.size() > 1) {
            pick = wxGetSingleChoiceIndex(_("选择考核评分标准"), _("新建考核"), names, 0, this);
            if (pick < 0) return;
        }
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        if (guarded(this, [&] { store.create(m_shell.home().id, rubrics[pick]->id, m_shell.year(), user_name()); })) {
            changed();
            m_which->SetSelection(static_cast<int>(m_list.size()) - 1);
            fill();
        }
    }

    void fill() {
        m_rows.clear();
        m_sheet.reset();
        if (m_grid->GetNumberRows()) m_grid->DeleteRows(0, m_grid->GetNumberRows());
        bool has = !m_list.empty() && m_which->GetSelection() != wxNOT_FOUND;
        for (wxWindow* w : std::initializer_list<wxWindow*>{m_accept_all, m_survey, m_finalise, m_rectify}) w->Enable(has);
        m_create->Show(m_list.size() < m_rubrics.for_sector(m_shell.home().sector).size());
        if (!has) {
            m_totals_text = _("本年度还没有考核。点击“新建本年度考核”开始自评。");
            m_problems_text.clear();
            wrap_lines();
            m_detail->Clear();
            Layout();
            return;
        }
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        if (!guarded(this, [&] { m_sheet = store.sheet(m_list.at(m_which->GetSelection()).id, m_findings); })) return;
        const auto& sh = *m_sheet;
        auto r = round();
        bool locked = r == core::Round::Self ? sh.assessment.self_final || sh.assessment.final : sh.assessment.final;
        fill_grid(sh, r, locked);
        m_totals_text = totals_text(sh, r);
        bool blocked = show_blocking_problems(sh, r);
        wrap_lines();
        m_finalise->Enable(!locked && !blocked);
        m_finalise->SetToolTip(blocked ? _("缺少得分或扣分理由时不能定稿") : wxString());
        m_accept_all->Enable(!locked);
        m_survey->Enable(!sh.assessment.final);
        Layout();
    }

    /// A grey total row per section, then a row per item; the round's score and reason are editable
    /// unless the round is final.
    void fill_grid(const core::Sheet& sh, core::Round r, bool locked) {
        int count = 0;
        for (const auto& s : sh.sections) count += 1 + static_cast<int>(s.items.size());
        m_grid->AppendRows(count);
        int row = 0;
        wxFont bold = m_grid->GetDefaultCellFont().Bold();
        for (const auto& s : sh.sections) {
            m_rows.push_back({&s, nullptr});
            m_grid->SetCellValue(row, C_NO, wx(s.number));
            m_grid->SetCellValue(row, C_TEXT, wtr(s.title));
            m_grid->SetCellValue(row, C_MAX, wx(core::format_number(s.points)));
            m_grid->SetCellValue(row, C_SELF, wx(core::format_number(s.self_total)));
            m_grid->SetCellValue(row, C_SUPERIOR, wx(core::format_number(s.superior_total)));
            for (int c = 0; c < C_COUNT; ++c) {
                m_grid->SetCellBackgroundColour(row, c, wxColour(0xEE, 0xEE, 0xEE));
                m_grid->SetCellFont(row, c, bold);
                m_grid->SetReadOnly(row, c);
            }
            ++row;
            for (const auto& it : s.items) {
                m_rows.push_back({&s, &it});
                fill_item_row(row++, it, r, locked);
            }
        }
        m_grid->AutoSizeRows(false);
    }

    void fill_item_row(int row, const core::SheetItem& it, core::Round r, bool locked) {
        m_grid->SetCellValue(row, C_NO, wx(it.item.number.empty() ? it.item.id : it.item.number));
        m_grid->SetCellValue(row, C_TEXT, wtr(it.item.text));
        m_grid->SetCellValue(row, C_MAX, wx(core::format_number(it.item.points)));
        if (it.proposal) m_grid->SetCellValue(row, C_PROPOSAL, wx(core::format_number(it.proposal->points)));
        if (auto p = it.points(core::Round::Self)) m_grid->SetCellValue(row, C_SELF, wx(core::format_number(*p)));
        if (auto p = it.points(core::Round::Superior)) m_grid->SetCellValue(row, C_SUPERIOR, wx(core::format_number(*p)));
        m_grid->SetCellValue(row, C_REASON, wx(it.reason(r)));
        for (int c = 0; c < C_COUNT; ++c) m_grid->SetReadOnly(row, c, true);
        int score_col = r == core::Round::Self ? C_SELF : C_SUPERIOR;
        bool survey_item = it.item.kind == core::ScoringKind::Survey && r == core::Round::Superior;
        if (!locked && !survey_item) {
            m_grid->SetReadOnly(row, score_col, false);
            m_grid->SetReadOnly(row, C_REASON, false);
            m_grid->SetCellBackgroundColour(row, score_col, wxColour(0xFF, 0xFF, 0xF0));
            m_grid->SetCellBackgroundColour(row, C_REASON, wxColour(0xFF, 0xFF, 0xF0));
        }
        // An item below its maximum without a reason is what blocks finalisation: show it.
        auto p = it.points(r);
        if (p && *p < it.item.points && trim(it.reason(r)).empty())
            m_grid->SetCellBackgroundColour(row, C_REASON, colours::violation());
        m_grid->SetCellAlignment(row, C_MAX, wxALIGN_CENTRE, wxALIGN_CENTRE);
        m_grid->SetCellAlignment(row, C_PROPOSAL, wxALIGN_CENTRE, wxALIGN_CENTRE);
        m_grid->SetCellAlignment(row, C_SELF, wxALIGN_CENTRE, wxALIGN_CENTRE);
        m_grid->SetCellAlignment(row, C_SUPERIOR, wxALIGN_CENTRE, wxALIGN_CENTRE);
    }

    static wxString totals_text(const core::Sheet& sh, core::Round r) {
        // A round's grade means something only once every item is scored; before that the total is a
        // running sum and "较差" next to it would alarm the secretary for nothing.
        auto grade_of = [&](int scored, const std::string& grade) {
            return scored < sh.item_count ? tr_ui(OB_N("未评完")) : tr_ui(grade);
        };
        wxString totals =
            fmt("自评 {self} / {max}（{self_grade}）", {{"self", core::format_number(sh.self_total)},
                                                        {"max", core::format_number(sh.max_total)},
                                                        {"self_grade", grade_of(sh.self_scored, sh.self_grade.grade)}});
        totals += "    " + fmt("组织考核 {sup} / {max}（{grade}）", {{"sup", core::format_number(sh.superior_total)},
                                                                     {"max", core::format_number(sh.max_total)},
                                                                     {"grade", grade_of(sh.superior_scored, sh.grade.grade)}});
        totals += "    " +
                  fmt("已评 {n}/{count} 项", {{"n", std::to_string(r == core::Round::Self ? sh.self_scored : sh.superior_scored)},
                                              {"count", std::to_string(sh.item_count)}});
        if (sh.assessment.final) totals += "    " + fmt("已定级：{grade}", {{"grade", tr_ui(sh.assessment.final_grade)}});
        else if (sh.assessment.self_final) totals += "    " + _("自评已申报");
        return totals;
    }

    /// Lists what keeps the round from being finalised; true when there is something.
    bool show_blocking_problems(const core::Sheet& sh, core::Round r) {
        core::AssessmentStore st(m_shell.archive(), m_rubrics);
        std::vector<core::Problem> blocking;
        guarded(this, [&] { blocking = st.blocking_problems(sh.assessment.id, r); });
        wxString ptext;
        m_problem_list->Clear();
        m_problem_items.clear();
        if (!blocking.empty())
            ptext = fmt("本轮还有 {count} 个问题，解决后才能定稿（双击一项跳到该条目）：",
                        {{"count", std::to_string(blocking.size())}});
        for (const auto& p : blocking) {
            m_problem_list->Append((p.item_id.empty() ? wxString() : wx(p.item_id) + "  ") + msg(p.message));
            m_problem_items.push_back(p.item_id);
        }
        m_problem_list->Show(!blocking.empty());
        m_problems_text = ptext;
        return !blocking.empty();
    }

    /// The totals and problems lines, broken to the view's width (at the spaces between their parts).
    void wrap_lines() {
        int width = GetClientSize().x > 100 ? GetClientSize().x - 20 : 900;
        for (auto [label, text] : {std::pair{m_totals, &m_totals_text}, std::pair{m_problems, &m_problems_text}}) {
            label->SetLabel(*text);
            label->Wrap(width);
        }
    }

    void show_detail(int row) {
        if (row < 0 || row >= static_cast<int>(m_rows.size()) || !m_rows[row].item) {
            m_detail->Clear();
            return;
        }
        const auto& it = *m_rows[row].item;
        wxString text = wx(it.item.id + "  ") + wtr(it.item.text); // the plugin's text, in English from its catalogue
        if (it.proposal)
            text += "\n" + fmt("建议分 {points}：{why}",
                               {{"points", core::format_number(it.proposal->points)}, {"why", it.proposal->explanation}});
        else if (!it.item.basis.empty()) text += "\n" + wtr(it.item.basis);
        if (!it.item.source.empty()) text += "\n" + _("依据：") + wtr(it.item.source);
        m_detail->SetValue(text);
    }

    void cell_changed(int row, int col) {
        if (!m_sheet || row < 0 || row >= static_cast<int>(m_rows.size()) || !m_rows[row].item) return;
        const auto& it = *m_rows[row].item;
        std::string value = trim(str(m_grid->GetCellValue(row, col)));
        std::string reason = trim(str(m_grid->GetCellValue(row, C_REASON)));
        int score_col = round() == core::Round::Self ? C_SELF : C_SUPERIOR;
        std::optional<double> points;
        std::string ptext = trim(str(m_grid->GetCellValue(row, score_col)));
        if (!ptext.empty()) {
            try {
                std::size_t used = 0;
                points = std::stod(ptext, &used);
                if (used != ptext.size()) throw std::invalid_argument(ptext);
            } catch (const std::exception&) {
                show_error(this, fmt("“{value}”不是分数", {{"value", ptext}}));
                CallAfter([this] { fill(); });
                return;
            }
        }
        if (!points) {
            // A reason typed first stays; the score is asked for beside it, not in a message box.
            if (col == C_REASON && !value.empty()) {
                m_shell.set_status(_("请填写本条目的得分；扣分理由已保留"));
                m_grid->SetCellBackgroundColour(row, score_col, colours::warning());
                m_grid->ForceRefresh();
                return;
            }
            CallAfter([this] { fill(); });
            return;
        }
        score(it.item.id, *points, reason);
    }

public:
    /// The blocking problems listed under the grid (item id per line, "" for the whole sheet).
    const std::vector<std::string>& problem_items() const { return m_problem_items; }
    /// What double-clicking a listed problem does: selects its item's row, at the cell to fix.
    void jump_to_problem(int index) {
        if (index < 0 || index >= static_cast<int>(m_problem_items.size())) return;
        int row = row_of(m_problem_items[index]);
        if (row < 0) return;
        const auto* it = m_rows[row].item;
        int score_col = round() == core::Round::Self ? C_SELF : C_SUPERIOR;
        bool has_score = it && it->points(round()).has_value();
        m_grid->GoToCell(row, has_score ? C_REASON : score_col);
        m_grid->SelectRow(row);
        m_grid->SetFocus();
        show_detail(row);
    }

public:
    /// Scores an item in the current round (what editing the grid does). True when stored.
    bool score(const std::string& item_id, double points, const std::string& reason) {
        if (!m_sheet) return false;
        core::ScoreInput in;
        in.round = round();
        in.item_id = item_id;
        in.points = points;
        in.reason = reason;
        in.by = user_name();
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        core::Id id = m_sheet->assessment.id;
        bool ok = false;
        try {
            store.score(id, in, m_findings);
            ok = true;
        } catch (const core::Error& e) {
            if (e.where().field == "reason" && trim(reason).empty()) {
                // A score away from the suggestion, typed before its reason: keep it in the grid and
                // ask for the reason in place (the reason cell), not in a message box.
                int row = row_of(item_id);
                if (row >= 0) {
                    m_grid->SetCellBackgroundColour(row, C_REASON, colours::warning());
                    CallAfter([this, row] {
                        m_grid->GoToCell(row, C_REASON);
                        m_grid->ForceRefresh();
                    });
                }
                m_shell.set_status(wx(app::describe(e)) + "  " + _("请在“扣分理由”一栏写明"));
                return false;
            }
            show_error(this, wx(app::describe(e)));
        } catch (const std::exception& e) { show_error(this, wx(e.what())); }
        // Rebuild after the grid's own event handling is over (the edited cell is still open now).
        CallAfter([this, item_id] {
            fill();
            int row = row_of(item_id);
            if (row >= 0) {
                m_grid->GoToCell(row, C_REASON);
                show_detail(row);
            }
        });
        if (ok)
            m_shell.set_status(fmt("已评分：{item} {points} 分", {{"item", item_id}, {"points", core::format_number(points)}}));
        return ok;
    }

    /// Finalises the current round; refuses (with the core's list) while problems remain.
    bool finalise_round() {
        if (!m_sheet) return false;
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        core::GradeResult g;
        if (!guarded(this, [&] { g = store.finalise(m_sheet->assessment.id, round(), user_name()); })) return false;
        changed();
        return true;
    }

private:
    void finalise() {
        if (!ask(this, round() == core::Round::Self ? _("自评定稿并申报？定稿后自评得分不能再修改。")
                                                    : _("组织考核定稿并确定等次？定稿后不能再修改。")))
            return;
        if (finalise_round()) show_info(this, wx(m_sheet ? m_sheet->grade.explanation : std::string()), _("已定稿"));
    }

    void accept_all() {
        if (!m_sheet) return;
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        std::vector<core::ScoreEntry> made;
        if (guarded(this, [&] { made = store.accept_proposals(m_sheet->assessment.id, round(), user_name(), m_findings); })) {
            m_shell.set_status(fmt("已采纳 {count} 项建议分", {{"count", std::to_string(made.size())}}));
            fill();
        }
    }

    void survey() {
        if (!m_sheet) return;
        wxDialog dlg(this, wxID_ANY, _("群众测评（满意度测评）"));
        dlg.SetName("survey_dialog");
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(4, 8, 12);
        grid->AddSpacer(0);
        for (const auto& c : core::ballot_categories()) grid->Add(new wxStaticText(&dlg, wxID_ANY, wx(tr_ui(c))));
        core::AssessmentStore store(m_shell.archive(), m_rubrics);
        auto prev = store.survey(m_sheet->assessment.id);
        wxSpinCtrl* spins[2][3];
        for (int g = 0; g < 2; ++g) {
            grid->Add(new wxStaticText(&dlg, wxID_ANY, g == 0 ? _("党员") : _("群众")), 0, wxALIGN_CENTER_VERTICAL);
            const core::Ballots* b = prev ? (g == 0 ? &prev->members : &prev->non_members) : nullptr;
            int values[3] = {b ? b->satisfied : 0, b ? b->basic : 0, b ? b->dissatisfied : 0};
            for (int c = 0; c < 3; ++c) {
                spins[g][c] =
                    new wxSpinCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, values[c]);
                size_spin(spins[g][c], "100000");
                spins[g][c]->SetName(wxString::Format("survey_%d_%d", g, c));
                grid->Add(spins[g][c]);
            }
        }
        box->Add(grid, 0, wxALL, 12);
        box->Add(ok_cancel_row(&dlg, _("保存测评结果")), 0, wxEXPAND | wxALL, 12);
        dlg.SetSizerAndFit(box);
        dlg.CentreOnParent();
        if (dlg.ShowModal() != wxID_OK) return;
        core::Ballots m{spins[0][0]->GetValue(), spins[0][1]->GetValue(), spins[0][2]->GetValue()};
        core::Ballots n{spins[1][0]->GetValue(), spins[1][1]->GetValue(), spins[1][2]->GetValue()};
        core::SurveyResult res;
        if (!guarded(this, [&] { res = store.record_survey(m_sheet->assessment.id, m, n, user_name()); })) return;
        wxString text = wx(res.explanation);
        for (const auto& w : res.warnings) text += wx("\n⚠ ") + msg(w);
        show_info(this, text, _("测评结果"));
        fill();
    }

    void rectify_selected() {
        if (!m_sheet) return;
        int row = m_grid->GetGridCursorRow();
        if (row < 0 || row >= static_cast<int>(m_rows.size()) || !m_rows[row].item) {
            show_info(this, _("请先在表中选中一个扣了分的考核项目"));
            return;
        }
        const auto& it = *m_rows[row].item;
        if (core::Id id =
                rectify_deduction(this, m_shell, m_sheet->assessment.year, it.item.id, it.item.text, it.reason(round())))
            m_shell.navigate({"section:work.rectification", id, {}});
    }

    core::RubricSet m_rubrics;
    std::vector<core::Assessment> m_list;
    std::optional<core::Sheet> m_sheet;
    std::vector<core::Finding> m_findings;
    std::vector<Row> m_rows;
    wxStaticText *m_title, *m_totals, *m_problems;
    wxString m_totals_text, m_problems_text; ///< the lines before wrapping
    wxListBox* m_problem_list = nullptr;
    int m_base_width[C_COUNT] = {};
    std::vector<std::string> m_problem_items;
    wxChoice *m_which, *m_round;
    wxButton *m_create, *m_accept_all, *m_survey, *m_finalise, *m_rectify;
    wxGrid* m_grid;
    wxTextCtrl* m_detail;
};

// ---------------------------------------------------------------- RectificationView

class RectificationView : public View {
public:
    RectificationView(wxWindow* parent, Shell& shell) : View(parent, shell, "rectification_view") {
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* top = new wxBoxSizer(wxHORIZONTAL);
        top->Add(heading(this, _("整改台账")), 0, wxALIGN_CENTER_VERTICAL);
        m_summary = named(new wxStaticText(this, wxID_ANY, ""), "rect_summary");
        top->Add(m_summary, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, 16);
        m_closed = named(new wxCheckBox(this, wxID_ANY, _("显示已销号")), "rect_show_closed");
        m_closed->SetValue(true);
        top->Add(m_closed, 0, wxALIGN_CENTER_VERTICAL);
        box->Add(top, 0, wxEXPAND | wxALL, 10);
        auto* bar = build_buttons();
        box->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
        build_lists(box, bar);
        SetSizer(box);
        m_closed->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
        m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { show_history(e.GetIndex()); });
        m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit_selected(); });
        reload();
    }

    void reload() override {
        auto today = core::Date::today();
        core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
        core::RectListOptions opt;
        opt.include_closed = m_closed->GetValue();
        m_items = rect.list(today, opt);
        m_list->DeleteAllItems();
        int overdue = 0, open = 0;
        for (std::size_t k = 0; k < m_items.size(); ++k) {
            const auto& it = m_items[k];
            long i = m_list->InsertItem(m_list->GetItemCount(), wxString::Format("%zu", k + 1));
            m_list->SetItem(i, 1, wx(it.issue));
            m_list->SetItem(i, 2, wx(it.measures));
            m_list->SetItem(i, 3, wx(it.owner));
            m_list->SetItem(i, 4, wx(it.deadline.iso()));
            m_list->SetItem(i, 5, wx(it.progress));
            wxString status = wx(tr_ui(core::label_zh(it.status)));
            if (!it.finished()) ++open;
            if (it.overdue(today)) {
                ++overdue;
                status += " · " + fmt("逾期 {days} 天", {{"days", std::to_string(it.days_overdue(today))}});
                m_list->SetItemBackgroundColour(i, colours::overdue_bg());
                m_list->SetItemFont(i, m_list->GetFont().Bold());
            } else if (it.status == core::RectStatus::Closed) {
                m_list->SetItemTextColour(i, wxColour(0x88, 0x88, 0x88));
            }
            m_list->SetItem(i, 6, status);
            m_list->SetItem(i, 7, wx(it.source.describe()));
        }
        m_summary->SetLabel(fmt(
            "共 {total} 项，未完成 {open} 项，逾期 {overdue} 项",
            {{"total", std::to_string(m_items.size())}, {"open", std::to_string(open)}, {"overdue", std::to_string(overdue)}}));
        m_summary->SetForegroundColour(overdue ? wxColour(0xB0, 0x30, 0x20) : wxNullColour);
        m_history->DeleteAllItems();
        Layout();
    }

    void select_item(const Target& t) override {
        if (long i = row_of(m_items, t.item); i >= 0) {
            select_row(m_list, i);
            show_history(i);
        }
    }

private:
    /// The buttons flow onto a second row on a narrow window (English at 1024 px).
    wxSizer* build_buttons() {
        auto* bar = new wxWrapSizer(wxHORIZONTAL);
        auto* add = named(new wxButton(this, wxID_ANY, _("新建整改事项…")), "rect_add");
        auto* edit = named(new wxButton(this, wxID_ANY, _("编辑…")), "rect_edit");
        auto* status = named(new wxButton(this, wxID_ANY, _("更新进度…")), "rect_status");
        auto* close = named(new wxButton(this, wxID_ANY, _("销号…")), "rect_close");
        auto* del = named(new wxButton(this, wxID_ANY, _("删除")), "rect_delete");
        auto* board = named(new wxButton(this, wxID_ANY, _("制作整改公示牌…")), "rect_board");
        auto* word = named(new wxButton(this, wxID_ANY, _("导出 Word…")), "rect_word");
        for (auto* b : {add, edit, status, close, del}) bar->Add(b, 0, wxRIGHT, 6);
        bar->Add(word, 0, wxRIGHT, 6);
        bar->Add(board, 0, wxRIGHT, 6);
        word->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            export_word(this, m_shell, m_shell.home().name + "-整改台账.docx", [this] {
                core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
                return archive::rectification_ledger_document(m_shell.home(), rect, core::Date::today());
            });
        });
        add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_item(); });
        edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
        status->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { change_status(false); });
        close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { change_status(true); });
        del->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_selected(); });
        board->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_shell.make_board("rectification"); });
        return bar;
    }

    /// The ledger (exported from the button bar) over the selected item's progress.
    void build_lists(wxSizer* box, wxSizer* bar) {
        m_list =
            named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), "rect_list");
        const std::vector<std::pair<const char*, int>> cols = {
            {OB_N("序号"), 45},     {OB_N("整改事项"), 230}, {OB_N("主要措施"), 230}, {OB_N("责任人"), 70},
            {OB_N("完成时限"), 95}, {OB_N("完成情况"), 160}, {OB_N("状态"), 110},     {OB_N("来源"), 160}};
        for (const auto& [t, w] : cols) m_list->AppendColumn(_(t), wxLIST_FORMAT_LEFT, w);
        box->Add(m_list, 3, wxEXPAND | wxLEFT | wxRIGHT, 10);
        add_table_export(this, bar, m_shell, m_list, "rect", [this] {
            core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
            std::map<core::Id, std::vector<core::RectStatusChange>> history;
            for (const auto& it : m_items) history[it.id] = rect.history(it.id);
            return archive::rectification_tables(m_shell.home().name, m_items, history, core::Date::today());
        });
        box->Add(new wxStaticText(this, wxID_ANY, _("进度记录")), 0, wxLEFT | wxTOP, 10);
        m_history = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 110), wxLC_REPORT | wxLC_SINGLE_SEL),
                          "rect_history");
        m_history->AppendColumn(_("日期"), wxLIST_FORMAT_LEFT, 100);
        m_history->AppendColumn(_("状态变化"), wxLIST_FORMAT_LEFT, 170);
        m_history->AppendColumn(_("说明"), wxLIST_FORMAT_LEFT, 560);
        box->Add(m_history, 1, wxEXPAND | wxALL, 10);
    }

    long selected() const { return m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

    void show_history(long i) {
        m_history->DeleteAllItems();
        if (i < 0 || i >= static_cast<long>(m_items.size())) return;
        core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
        for (const auto& h : rect.history(m_items[i].id)) {
            long r = m_history->InsertItem(m_history->GetItemCount(), wx(h.on.iso()));
            wxString change = h.from ? wx(tr_ui(core::label_zh(*h.from))) + wx(" → ") + wx(tr_ui(core::label_zh(h.to)))
                                     : _("登记") + wx(" · ") + wx(tr_ui(core::label_zh(h.to)));
            m_history->SetItem(r, 1, change);
            m_history->SetItem(r, 2, wx(h.note));
        }
    }

    void add_item() {
        core::RectificationItem item;
        item.deadline = core::Date::today().add_months(3);
        if (core::Id id = store_new_item(this, m_shell, item)) {
            reload();
            select_item({"", id, {}});
        }
    }

    void edit_selected() {
        long i = selected();
        if (i < 0) return;
        RectItemDialog dlg(this, m_shell.archive(), m_items.at(i), false);
        add_history_tab(&dlg, m_shell.archive(), "rectification", m_items.at(i).id);
        if (dlg.ShowModal() != wxID_OK) return;
        core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
        core::Id id = dlg.item().id;
        if (guarded(this, [&] { rect.edit(dlg.item()); })) {
            reload();
            select_item({"", id, {}});
        }
    }

    void change_status(bool closing) {
        long i = selected();
        if (i < 0) return;
        const auto item = m_items.at(i);
        wxDialog dlg(this, wxID_ANY, closing ? _("销号") : _("更新整改进度"));
        dlg.SetName("rect_status_dialog");
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, 8, 8);
        grid->AddGrowableCol(1, 1);
        auto* status = named(new wxChoice(&dlg, wxID_ANY), "rect_new_status");
        std::vector<core::RectStatus> options;
        for (auto s : {core::RectStatus::Open, core::RectStatus::InProgress, core::RectStatus::Done, core::RectStatus::Closed})
            if (closing ? s == core::RectStatus::Closed
                        : (s != core::RectStatus::Closed && core::Rectification::allowed(item.status, s))) {
                options.push_back(s);
                status->Append(wx(tr_ui(core::label_zh(s))));
            }
        if (options.empty()) {
            show_info(this, closing ? _("只有已完成的事项才能销号") : _("这个事项的状态不能再变更"));
            return;
        }
        status->SetSelection(0);
        auto* on = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "rect_status_date");
        auto* note =
            named(new wxTextCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxSize(380, 60), wxTE_MULTILINE), "rect_status_note");
        auto* progress =
            named(new wxTextCtrl(&dlg, wxID_ANY, wx(item.progress), wxDefaultPosition, wxSize(380, 50), wxTE_MULTILINE),
                  "rect_status_progress");
        add_row(&dlg, grid, _("新状态"), status, true);
        add_row(&dlg, grid, _("日期"), on, true);
        add_row(&dlg, grid, _("说明"), note);
        if (!closing) add_row(&dlg, grid, _("完成情况"), progress);
        else progress->Hide();
        box->Add(new wxStaticText(&dlg, wxID_ANY, wx(item.issue)), 0, wxALL, 12);
        box->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
        box->Add(ok_cancel_row(&dlg, _("保存")), 0, wxEXPAND | wxALL, 12);
        dlg.SetSizerAndFit(box);
        dlg.CentreOnParent();
        if (dlg.ShowModal() != wxID_OK) return;
        core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
        if (guarded(this, [&] {
                auto d = parse_date_field(on->GetValue(), "日期");
                core::Date when = d ? *d : core::Date::today();
                if (closing) rect.close(item.id, when, trim(str(note->GetValue())));
                else
                    rect.change_status(item.id, options.at(status->GetSelection()), when, trim(str(note->GetValue())),
                                       trim(str(progress->GetValue())));
            })) {
            changed();
            select_item({"", item.id, {}});
        }
    }

    void delete_selected() {
        long i = selected();
        if (i < 0) return;
        if (!ask(this, fmt("删除整改事项“{issue}”？进度记录一并删除。", {{"issue", m_items.at(i).issue}}))) return;
        core::Rectification rect(m_shell.archive().db(), m_shell.home().id);
        if (guarded(this, [&] { rect.remove(m_items.at(i).id); })) reload();
    }

    std::vector<core::RectificationItem> m_items;
    wxListCtrl *m_list, *m_history;
    wxStaticText* m_summary;
    wxCheckBox* m_closed;
};

} // namespace

View* make_rules_view(wxWindow* parent, Shell& shell) { return new RulesView(parent, shell); }
View* make_assessment_view(wxWindow* parent, Shell& shell) { return new AssessmentView(parent, shell); }
View* make_rectification_view(wxWindow* parent, Shell& shell) { return new RectificationView(parent, shell); }

} // namespace onebook::shell
