// The superior committee's desk (上级工作台): a superior's archive opens here, not on a branch's
// one book. One virtual list of every branch (archive::superior_desk), sortable by any column and
// filtered by sector, grade and problem; the year's grading distribution with its quota checks,
// the branches that must explain their grade and those without a package this year. A double
// click (or Enter, or the button) opens the branch's one book, read-only; its summary is a button
// away.
#include "superior_desk_view.hpp"

#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include "onebook/archive/superior_desk.hpp"
#include "onebook/rectification.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <cstdio>

namespace onebook::shell {

namespace {

std::string number(const std::optional<double>& v) {
    if (!v) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", *v);
    return buf;
}

std::string percent_of(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
    return buf;
}

enum Col { Name, Sector, Form, Members, Self, Superior, Grade, Meetings, Open, Overdue, LastPackage, ColCount };

/// What the problem filter offers.
enum Problem { AnyProblem, NeedsExplanation, Poor, OverdueItems, NoPackage, FewMeetings };

class DeskList : public wxListCtrl {
public:
    explicit DeskList(wxWindow* parent)
        : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL) {
        SetName("desk_list");
    }
    std::vector<const archive::DeskRow*> rows;
    wxString OnGetItemText(long item, long column) const override {
        if (item < 0 || item >= static_cast<long>(rows.size())) return {};
        const auto& r = *rows[static_cast<std::size_t>(item)];
        switch (column) {
        case Name: return wx(r.name);
        case Sector: return wx(tr_ui(r.sector_name));
        case Form: return wx(tr_ui(r.form));
        case Members: return wxString::Format("%d", r.members);
        case Self: return wx(number(r.self_total));
        case Superior: return wx(number(r.superior_total));
        case Grade: return r.grade.empty() ? _("未定级") : wx(tr_ui(r.grade));
        case Meetings: return wx(percent_of(r.compliance()));
        case Open: return wxString::Format("%d", r.open_items);
        case Overdue: return r.overdue_items ? wxString::Format("%d", r.overdue_items) : wxString();
        case LastPackage: return r.last_package.empty() ? _("未报送") : wx(r.last_package);
        default: return {};
        }
    }
    wxListItemAttr* OnGetItemAttr(long item) const override {
        if (item < 0 || item >= static_cast<long>(rows.size())) return nullptr;
        const auto& r = *rows[static_cast<std::size_t>(item)];
        // Two tints, the legend under the filters says which: overdue rectification (the more
        // urgent, it wins when both apply), and a grade still to be explained.
        if (r.overdue_items) {
            m_overdue.SetBackgroundColour(colours::overdue_bg());
            return &m_overdue;
        }
        if (r.needs_explanation) {
            m_explain.SetBackgroundColour(colours::warning());
            return &m_explain;
        }
        return nullptr;
    }

private:
    mutable wxListItemAttr m_overdue, m_explain;
};

/// A branch's summary, read-only: the desk's row, the grade and its explanation, the open
/// rectification items.
void show_branch(wxWindow* parent, Shell& shell, const archive::DeskRow& r, const archive::Desk& desk) {
    wxString text;
    text << wx(r.name) << "\n"
         << wx(tr_ui(r.sector_name)) << wx(" · ") << wx(tr_ui(r.form)) << wx(" · ")
         << fmt("{n} 名党员", {{"n", std::to_string(r.members)}}) << "\n\n";
    text << fmt("{year} 年分类定级", {{"year", std::to_string(desk.year)}}) << ": "
         << (r.grade.empty() ? _("未定级") : wx(tr_ui(r.grade))) << "\n";
    text << _("自评") << ": " << wx(number(r.self_total)) << "    " << _("组织考核") << ": " << wx(number(r.superior_total))
         << "\n";
    for (const auto& g : desk.summary.rows)
        if (g.organisation_id == r.organisation_id && (g.needs_explanation || !g.explanation.empty()))
            text << _("说明情况") << ": "
                 << (g.explanation.empty() ? _("（须说明，尚未填写）") + " " + wx(g.why) : wx(g.explanation)) << "\n";
    text << _("三会一课完成率") << ": " << wx(percent_of(r.compliance())) << " ("
         << wxString::Format("%d/%d", r.meetings_done, r.meetings_due) << ")\n";
    text << _("最近报送档案包") << ": " << (r.last_package.empty() ? _("未报送") : wx(r.last_package)) << "\n\n";
    text << fmt("整改事项：未完成 {open} 项，逾期 {overdue} 项",
                {{"open", std::to_string(r.open_items)}, {"overdue", std::to_string(r.overdue_items)}})
         << "\n";
    const auto today = core::Date::today();
    core::RectListOptions o;
    o.include_closed = false;
    for (const auto& item : core::Rectification(shell.archive().db(), r.organisation_id).list(today, o))
        text << wx("  · ") << wx(item.issue) << wx(" — ") << wx(item.owner) << " " << wx(item.deadline.iso())
             << (item.overdue(today) ? wxString(" ") + _("逾期") : wxString()) << "\n";

    wxDialog dlg(parent, wxID_ANY, wx(r.name), wxDefaultPosition, wxSize(720, 520), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    dlg.SetName("desk_branch_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* body = named(new wxTextCtrl(&dlg, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_READONLY),
                       "desk_branch_text");
    sizer->Add(body, 1, wxEXPAND | wxALL, 8);
    sizer->Add(dlg.CreateButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, 8);
    dlg.SetSizer(sizer);
    dlg.SetEscapeId(wxID_CLOSE);
    dlg.ShowModal();
}

class SuperiorDeskView : public View {
public:
    SuperiorDeskView(wxWindow* parent, Shell& shell) : View(parent, shell, "superior_desk") {
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        m_title = named(heading(this, "", 1.2f), "desk_title");
        sizer->Add(m_title, 0, wxALL, 8);
        m_distribution = named(new wxStaticText(this, wxID_ANY, ""), "desk_distribution");
        sizer->Add(m_distribution, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
        sizer->Add(build_filters(), 0, wxALL | wxEXPAND, 8);
        sizer->Add(build_legend(), 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, 8);
        build_list();
        sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        m_count = named(new wxStaticText(this, wxID_ANY, ""), "desk_count");
        sizer->Add(m_count, 0, wxLEFT | wxRIGHT | wxTOP | wxEXPAND, 8);
        m_lists = named(new wxStaticText(this, wxID_ANY, ""), "desk_lists");
        sizer->Add(m_lists, 0, wxALL | wxEXPAND, 8);
        SetSizer(sizer);
        reload();
    }

    void reload() override {
        guarded(this, [&] {
            // Grading ends early in the next year: until the shell's year has grades, the desk shows
            // the year before (its title says which).
            m_desk = archive::superior_desk(m_shell.archive(), m_shell.plugins(), m_shell.year());
            if (m_desk.summary.all.count == 0) {
                auto before = archive::superior_desk(m_shell.archive(), m_shell.plugins(), m_shell.year() - 1);
                if (before.summary.all.count > 0) m_desk = std::move(before);
            }
        });
        m_title->SetLabel(
            fmt("{name}：{year} 年下级党组织工作台（{count} 个）", {{"name", m_shell.home().name},
                                                                    {"year", std::to_string(m_desk.year)},
                                                                    {"count", std::to_string(m_desk.rows.size())}}));
        const auto& s = m_desk.summary;
        wxString dist;
        for (std::size_t g = 0; g < s.grades.size(); ++g)
            dist << (g ? "  " : "") << wx(tr_ui(s.grades[g])) << " " << (g < s.all.by_grade.size() ? s.all.by_grade[g] : 0);
        dist << "  " << fmt("未定级 {n}", {{"n", std::to_string(s.ungraded.size())}}) << "\n";
        dist << fmt(
            "“{good}”占 {share}（不含机关、教育卫生，上限 {max}）{ok}；含全部 {overall}；“{poor}”占 {poor_share}{poor_ok}",
            {{"good", s.good_grade},
             {"share", archive::percent(s.good_share)},
             {"max", archive::percent(s.good_max_share)},
             {"ok", s.good_share_ok ? "" : " ⚠"},
             {"overall", archive::percent(s.good_share_overall)},
             {"poor", s.poor_grade},
             {"poor_share", archive::percent(s.poor_share)},
             {"poor_ok", s.poor_share_ok ? "" : " ⚠"}});
        for (const auto& w : s.warnings) dist << wx("\n⚠ ") << msg(w);
        m_distribution->SetLabel(dist);

        auto fill = [](wxChoice* c, const std::vector<std::string>& values) {
            wxString keep = c->GetStringSelection();
            c->Clear();
            c->Append(_("全部"));
            for (const auto& v : values) c->Append(wx(tr_ui(v)));
            if (keep.empty() || !c->SetStringSelection(keep)) c->SetSelection(0);
        };
        std::vector<std::string> sectors;
        for (const auto& r : m_desk.rows)
            if (std::find(sectors.begin(), sectors.end(), r.sector_name) == sectors.end()) sectors.push_back(r.sector_name);
        fill(m_sector, sectors);
        fill(m_grade, s.grades);

        wxString lists;
        wxString explain, nopkg;
        int n_explain = 0, n_nopkg = 0;
        for (const auto& r : m_desk.rows) {
            if (r.needs_explanation && n_explain++ < 8) explain << (explain.empty() ? wxString() : wx("、")) << wx(r.name);
            if (!r.package_this_year && n_nopkg++ < 8) nopkg << (nopkg.empty() ? wxString() : wx("、")) << wx(r.name);
        }
        lists << fmt("须说明定级情况而未填写：{n} 个", {{"n", std::to_string(n_explain)}})
              << (n_explain ? wx("（") + explain + (n_explain > 8 ? wx("…") : wxString()) + wx("）") : wxString()) << "\n";
        lists << fmt("今年未报送档案包：{n} 个", {{"n", std::to_string(n_nopkg)}})
              << (n_nopkg ? wx("（") + nopkg + (n_nopkg > 8 ? wx("…") : wxString()) + wx("）") : wxString());
        m_lists->SetLabel(lists);
        apply();
        Layout();
    }

private:
    // ---- the constructor's parts, top to bottom ----
    wxSizer* build_filters() {
        auto* filters = new wxWrapSizer(wxHORIZONTAL);
        m_sector = named(new wxChoice(this, wxID_ANY), "desk_sector");
        m_grade = named(new wxChoice(this, wxID_ANY), "desk_grade");
        m_problem = named(new wxChoice(this, wxID_ANY), "desk_problem");
        for (const wxString& p :
             {_("全部"), _("须说明定级情况"), _("较差"), _("整改逾期"), _("今年未报送档案包"), _("三会一课不足")})
            m_problem->Append(p);
        m_problem->SetSelection(0);
        // Label and choice stay together; the pairs wrap on a narrow window.
        for (auto [label, choice] : {std::pair{_("类别"), m_sector}, {_("等次"), m_grade}, {_("问题"), m_problem}}) {
            auto* pair = new wxBoxSizer(wxHORIZONTAL);
            pair->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
            pair->Add(choice, 0, wxRIGHT, 12);
            filters->Add(pair, 0, wxBOTTOM, 4);
        }
        for (auto* c : {m_sector, m_grade, m_problem}) c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { apply(); });
        return filters;
    }

    /// The tints' legend, and what can be done with the selected branch.
    wxSizer* build_legend() {
        auto* legend = new wxBoxSizer(wxHORIZONTAL);
        auto swatch = [&](const wxColour& colour, const wxString& label, const char* name) {
            auto* box = named(new wxStaticText(this, wxID_ANY, wx("  ") + label + wx("  ")), name);
            box->SetBackgroundColour(colour);
            box->SetForegroundColour(*wxBLACK);
            legend->Add(box, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
        };
        swatch(colours::overdue_bg(), _("整改逾期"), "desk_legend_overdue");
        swatch(colours::warning(), _("须说明定级情况"), "desk_legend_explain");
        legend->AddStretchSpacer();
        auto* open = named(new wxButton(this, wxID_ANY, _("打开一本通（只读）")), "desk_open");
        auto* summary = named(new wxButton(this, wxID_ANY, _("摘要…")), "desk_summary");
        legend->Add(open, 0, wxRIGHT, 6);
        legend->Add(summary, 0);
        open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            if (const auto* r = row(selected())) m_shell.view_branch(r->organisation_id);
        });
        summary->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            if (const auto* r = row(selected())) guarded(this, [&] { show_branch(this, m_shell, *r, m_desk); });
        });
        return legend;
    }

    void build_list() {
        m_list = new DeskList(this);
        const std::pair<wxString, int> columns[] = {{_("党组织"), 220}, {_("类别"), 80},     {_("组织形式"), 80},
                                                    {_("党员"), 50},    {_("自评"), 55},     {_("组织考核"), 70},
                                                    {_("等次"), 55},    {_("三会一课"), 70}, {_("未完成整改"), 80},
                                                    {_("逾期"), 45},    {_("最近报送"), 95}};
        // Each column at least as wide as its heading (English headings are longer).
        for (int c = 0; c < ColCount; ++c)
            m_list->AppendColumn(columns[c].first, wxLIST_FORMAT_LEFT,
                                 std::max(columns[c].second, m_list->GetTextExtent(columns[c].first).x + 20));
        m_list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) {
            m_ascending = e.GetColumn() == m_sort ? !m_ascending : true;
            m_sort = e.GetColumn();
            apply();
        });
        m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
            if (const auto* r = row(e.GetIndex())) m_shell.view_branch(r->organisation_id);
        });
    }

    const archive::DeskRow* row(long i) const {
        return i >= 0 && i < static_cast<long>(m_list->rows.size()) ? m_list->rows[static_cast<std::size_t>(i)] : nullptr;
    }
    /// The selected row, or the first one when none is.
    long selected() const {
        long i = selected_row(m_list);
        return i >= 0 ? i : 0;
    }

    bool matches(const archive::DeskRow& r) const {
        if (m_sector->GetSelection() > 0 && wx(tr_ui(r.sector_name)) != m_sector->GetStringSelection()) return false;
        if (m_grade->GetSelection() > 0 && wx(tr_ui(r.grade)) != m_grade->GetStringSelection()) return false;
        switch (m_problem->GetSelection()) {
        case NeedsExplanation: return r.needs_explanation;
        case Poor: return !r.grade.empty() && r.grade == m_desk.summary.poor_grade;
        case OverdueItems: return r.overdue_items > 0;
        case NoPackage: return !r.package_this_year;
        case FewMeetings: return r.compliance() < 0.8;
        default: return true;
        }
    }

    void apply() {
        auto& rows = m_list->rows;
        rows.clear();
        for (const auto& r : m_desk.rows)
            if (matches(r)) rows.push_back(&r);
        if (m_sort >= 0) {
            auto key = [this](const archive::DeskRow& r) -> std::pair<double, std::string> {
                switch (m_sort) {
                case Members: return {static_cast<double>(r.members), {}};
                case Self: return {r.self_total.value_or(-1), {}};
                case Superior: return {r.superior_total.value_or(-1), {}};
                case Grade:
                    return {r.grade.empty() ? 99.0
                                            : static_cast<double>(m_desk.summary.grades.size()) -
                                                  static_cast<double>(std::find(m_desk.summary.grades.begin(),
                                                                                m_desk.summary.grades.end(), r.grade) -
                                                                      m_desk.summary.grades.begin()),
                            {}};
                case Meetings: return {r.compliance(), {}};
                case Open: return {static_cast<double>(r.open_items), {}};
                case Overdue: return {static_cast<double>(r.overdue_items), {}};
                case Sector: return {0, r.sector_name};
                case Form: return {0, r.form};
                case LastPackage: return {0, r.last_package};
                default: return {0, r.name};
                }
            };
            std::stable_sort(rows.begin(), rows.end(), [&](const archive::DeskRow* a, const archive::DeskRow* b) {
                return m_ascending ? key(*a) < key(*b) : key(*b) < key(*a);
            });
        }
        m_list->SetItemCount(static_cast<long>(rows.size()));
        m_list->Refresh();
        m_count->SetLabel(fmt("显示 {shown} / {all} 个党组织，双击打开",
                              {{"shown", std::to_string(rows.size())}, {"all", std::to_string(m_desk.rows.size())}}));
    }

    archive::Desk m_desk;
    wxStaticText *m_title, *m_distribution, *m_count, *m_lists;
    wxChoice *m_sector, *m_grade, *m_problem;
    DeskList* m_list;
    int m_sort = -1;
    bool m_ascending = true;
};

} // namespace

View* make_superior_desk_view(wxWindow* parent, Shell& shell) { return new SuperiorDeskView(parent, shell); }

} // namespace onebook::shell
