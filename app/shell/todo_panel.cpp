#include "todo_panel.hpp"

#include "records_view.hpp"
#include "ui_util.hpp"

#include "onebook/meeting_template.hpp"
#include "onebook/rules.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>

#include <algorithm>
#include <cstdlib>
#include <map>

namespace onebook::shell {

namespace {

struct Todo {
    core::Finding finding;
    std::string meeting_type; ///< the template a new record takes, or "" (no record to make)
    bool term = false;        ///< the committee's term: 登记换届选举
};

/// Due now: the window holding today (this month, quarter, half or year) and not yet satisfied,
/// and warnings of structure rules (a term about to end).
std::vector<Todo> todos(Shell& shell, const core::Date& today) {
    auto& a = shell.archive();
    auto rules = core::archive_rules(a, shell.plugins());
    std::map<std::string, const core::RuleDef*> by_id;
    for (const auto& r : rules) by_id[r.id] = &r;
    std::vector<Todo> out;
    for (auto& f : core::check_rules(a, shell.plugins(), rules, today.year(), today)) {
        bool now = f.window_start.valid() && f.window_end.valid() && !(today < f.window_start) && !(f.window_end < today);
        const auto* r = by_id.count(f.rule_id) ? by_id[f.rule_id] : nullptr;
        Todo t;
        if (r && r->kind == "structure") {
            if (f.status == core::FindingStatus::Ok) continue;
            t.term = r->text("check") == "term_expiry" || r->text("check") == "committee_required";
        } else {
            if (!now || f.status == core::FindingStatus::Ok) continue;
            if (r) {
                t.meeting_type = r->text("meeting_type");
                if (t.meeting_type.empty() && !r->list("meeting_types").empty())
                    t.meeting_type = r->list("meeting_types").front();
            }
        }
        t.finding = std::move(f);
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace

wxString period_text(const std::string& window) {
    // "2026", "2026-Q4", "2026-H2", "2026-03"; anything else as it is.
    auto year = window.substr(0, 4);
    if (window.size() == 4) return fmt("{year}年", {{"year", year}});
    if (window.size() == 7 && window[4] == '-') {
        char k = window[5];
        std::string n = window.substr(6, 1);
        if (k == 'Q') return fmt("{year}年第{quarter}季度", {{"year", year}, {"quarter", n}});
        if (k == 'H') return n == "1" ? fmt("{year}年上半年", {{"year", year}}) : fmt("{year}年下半年", {{"year", year}});
        if (k >= '0' && k <= '1') {
            int m = std::atoi(window.substr(5, 2).c_str());
            if (m >= 1 && m <= 12) {
                if (language() == app::UiLanguage::English) {
                    static const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
                    return wxString::Format("%s %s", names[m - 1], wx(year));
                }
                return fmt("{year}年{month}月", {{"year", year}, {"month", std::to_string(m)}});
            }
        }
    }
    return wx(window);
}

namespace {

/// A row's status, description and period, in the grid's first three columns.
void add_todo_text(wxWindow* panel, wxFlexGridSizer* grid, const core::Finding& f, int n) {
    auto* status = new wxStaticText(panel, wxID_ANY,
                                    f.status == core::FindingStatus::Violation ? _("已逾期")
                                    : f.status == core::FindingStatus::Warning ? _("需注意")
                                                                               : _("待完成"));
    status->SetForegroundColour(f.status == core::FindingStatus::Due ? wxColour(0x20, 0x50, 0x90) : wxColour(0xB0, 0x30, 0x20));
    grid->Add(status, 0, wxALIGN_CENTER_VERTICAL);
    // What, then when, in columns of their own: the period in words ("2026年12月", "第四季度").
    // The description gives way first on a narrow window (ellipsized, whole in the tooltip), so the
    // period and the button never leave the view.
    auto* text = new wxStaticText(panel, wxID_ANY, wtr(f.description), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    text->SetMinSize(panel->FromDIP(wxSize(160, -1)));
    text->SetToolTip(wtr(f.description) + "\n" + wtr(f.message));
    auto* cell = new wxBoxSizer(wxVERTICAL); // fills the growable column, centred in the row
    cell->AddStretchSpacer();
    cell->Add(text, 0, wxEXPAND);
    cell->AddStretchSpacer();
    grid->Add(cell, 1, wxEXPAND);
    auto* period = new wxStaticText(panel, wxID_ANY, f.window.empty() ? wxString() : period_text(f.window));
    period->SetName(wxString::Format("todo_period_%d", n));
    grid->Add(period, 0, wxALIGN_CENTER_VERTICAL);
}

/// 记录…: a new record of the template, dated today (RecordDialog's default).
wxButton* record_button(wxWindow* panel, wxWindow* parent, Shell& shell, const core::MeetingTemplate& tmpl,
                        std::function<void()> changed, int n) {
    auto* b = new wxButton(panel, wxID_ANY, fmt("记录{type}…", {{"type", tr_ui(tmpl.name)}}));
    b->SetName(wxString::Format("todo_record_%d", n));
    core::MeetingTemplate copy = tmpl;
    b->Bind(wxEVT_BUTTON, [&shell, copy, parent, changed](wxCommandEvent&) {
        RecordDialog dlg(parent, shell.archive(), copy, nullptr);
        int rc = dlg.ShowModal();
        if (rc == RecordDialog::register_committee_id)
            wxTheApp->CallAfter([&shell] { shell.navigate({"section:basic.committee", 0, "new_term"}); });
        if (rc != wxID_OK) return;
        shell.archive_changed();
        shell.set_status(fmt("已保存{type}记录（{date}）", {{"type", copy.name}, {"date", dlg.record().date.iso()}}));
        if (changed) wxTheApp->CallAfter(changed);
    });
    return b;
}

/// The row's button: record the meeting, register an election, or look at the rule check.
wxButton* todo_button(wxWindow* panel, wxWindow* parent, Shell& shell, const Todo& t,
                      const std::vector<core::MeetingTemplate>& templates, std::function<void()> changed, int n) {
    const auto* tmpl = t.meeting_type.empty() ? nullptr : core::find_template(templates, t.meeting_type);
    if (tmpl) return record_button(panel, parent, shell, *tmpl, std::move(changed), n);
    if (t.term) {
        auto* b = new wxButton(panel, wxID_ANY, _("登记换届选举…"));
        b->SetName(wxString::Format("todo_term_%d", n));
        b->Bind(wxEVT_BUTTON, [&shell](wxCommandEvent&) {
            wxTheApp->CallAfter([&shell] { shell.navigate({"section:basic.committee", 0, "new_term"}); });
        });
        return b;
    }
    auto* b = new wxButton(panel, wxID_ANY, _("查看规则检查"));
    b->SetName(wxString::Format("todo_rules_%d", n));
    std::string ref = t.finding.ref();
    b->Bind(wxEVT_BUTTON, [&shell, ref](wxCommandEvent&) {
        wxTheApp->CallAfter([&shell, ref] { shell.navigate({"rules", 0, ref}); });
    });
    return b;
}

/// One width for every button of the column: the widest label's. A label too long for a narrow
/// window (English "Record: Organisational life meeting…" at 1024 px) gives way to a short one,
/// the whole label in its tooltip; the description in the row already says what it records.
/// "Too long" is a quarter of the window's width (at least 200 px), so a wide window keeps whole labels.
void even_button_widths(wxWindow* panel, const std::vector<wxButton*>& buttons) {
    int width = 0;
    for (auto* b : buttons) width = std::max(width, b->GetBestSize().x);
    int limit = panel->FromDIP(200);
    if (auto* top = wxGetTopLevelParent(panel)) limit = std::max(limit, top->GetClientSize().x / 4);
    if (width > limit) {
        width = 0;
        for (auto* b : buttons) {
            if (b->GetName().StartsWith("todo_record_")) {
                b->SetToolTip(b->GetLabel());
                b->SetLabel(_("记录…"));
            }
            b->InvalidateBestSize();
            width = std::max(width, b->GetBestSize().x);
        }
    }
    for (auto* b : buttons) b->SetMinSize(wxSize(width, -1));
}

} // namespace

void add_todo_panel(wxWindow* parent, wxSizer* sizer, Shell& shell, std::function<void()> changed) {
    auto today = core::Date::today();
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("待办（本月、本季度按规则应完成的工作）"));
    // The rows live in a panel of their own: as children of the static box itself, GTK measured the
    // box by its labels' whole text (ellipsized or not) and the overview ran off a 1024 px window.
    auto* panel = new wxPanel(box->GetStaticBox());
    panel->SetName("todo_panel");
    auto* rows = new wxBoxSizer(wxVERTICAL);
    std::vector<Todo> items;
    guarded(parent, [&] { items = todos(shell, today); });
    auto templates = core::load_meeting_templates(shell.plugins().require(shell.home().sector));
    if (items.empty()) rows->Add(new wxStaticText(panel, wxID_ANY, _("本月和本季度按规则应做的工作都已完成。")), 0, wxALL, 6);
    auto* grid = new wxFlexGridSizer(4, 6, 16);
    grid->AddGrowableCol(1, 1);
    std::vector<wxButton*> buttons;
    int n = 0;
    for (const auto& t : items) {
        add_todo_text(panel, grid, t.finding, n);
        auto* b = todo_button(panel, parent, shell, t, templates, changed, n);
        grid->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);
        buttons.push_back(b);
        ++n;
    }
    even_button_widths(panel, buttons);
    rows->Add(grid, 0, wxEXPAND | wxALL, 6);
    panel->SetSizer(rows);
    box->Add(panel, 0, wxEXPAND);
    sizer->Add(box, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
}

} // namespace onebook::shell
