#include "overview_view.hpp"

#include "todo_panel.hpp"
#include "ui_util.hpp"

#include "onebook/organisation_store.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/sectors.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <filesystem>

namespace onebook::shell {

namespace {

// Not report_list: a braced list of columns picked ui_util's overload (wxString titles), which
// neither translated the titles nor converted them from UTF-8 — blank headers in every language.
wxListCtrl* translated_list(wxWindow* parent, const char* name, const std::vector<std::pair<const char*, int>>& cols) {
    auto* l = named(new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), name);
    for (const auto& [title, width] : cols) l->AppendColumn(_(title), wxLIST_FORMAT_LEFT, width);
    return l;
}

/// The last column gets the width the others leave (never less than 80 pixels); the others keep
/// `widths`, shrunk in proportion when the list is narrower than they are.
void fit_last_column(wxListCtrl* l, const std::vector<int>& widths) {
    const int n = l->GetColumnCount();
    const int room = l->GetClientSize().x;
    if (n != static_cast<int>(widths.size()) + 1 || room <= 0) return;
    int others = 0;
    for (int w : widths) others += w;
    const double scale = others + 80 > room ? std::max(0.3, double(room - 80) / others) : 1.0;
    others = 0;
    for (int c = 0; c < n - 1; ++c) {
        l->SetColumnWidth(c, std::max(40, int(widths[c] * scale)));
        others += l->GetColumnWidth(c);
    }
    l->SetColumnWidth(n - 1, std::max(80, room - others));
}

long selected(wxListCtrl* l) { return l->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

std::string sector_name(const core::PluginHost& host, const std::string& id) {
    if (const auto* p = host.find(id)) {
        auto info = core::sector_info(*p);
        return language() == app::UiLanguage::Chinese || info.name_en.empty() ? info.name_zh : info.name_en;
    }
    return id;
}

} // namespace

// ---------------------------------------------------------------- OrganisationDialog

OrganisationDialog::OrganisationDialog(wxWindow* parent, const core::Organisation& org, const core::PluginHost* sectors)
    : wxDialog(parent, wxID_ANY, sectors ? _("新建档案") : _("编辑组织信息"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_org(org) {
    SetName(sectors ? "new_archive_dialog" : "organisation_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1, 1);
    if (sectors) add_sector_row(grid, *sectors);
    m_name = named(new wxTextCtrl(this, wxID_ANY, wx(org.name), wxDefaultPosition, wxSize(320, -1)), "org_name");
    m_name->SetHint(_("例如：幸福里社区党支部"));
    m_form = named(new wxChoice(this, wxID_ANY), "org_form");
    for (const auto& f : core::organisation_forms()) m_form->Append(wx(f));
    m_form->SetStringSelection(wx(org.form));
    if (m_form->GetSelection() == wxNOT_FOUND) m_form->SetSelection(0);
    m_superior = named(new wxTextCtrl(this, wxID_ANY, wx(org.superior_name)), "org_superior");
    m_founded = named(new wxTextCtrl(this, wxID_ANY, date_text(org.founded_on)), "org_founded");
    m_founded->SetHint("2003-07-01");
    m_approval = named(new wxTextCtrl(this, wxID_ANY, wx(org.approval_ref)), "org_approval");
    add_row(this, grid, _("组织名称"), m_name, true);
    add_row(this, grid, _("组织形式"), m_form, true);
    add_row(this, grid, _("上级党组织"), m_superior);
    add_row(this, grid, _("成立日期"), m_founded);
    add_row(this, grid, _("批复文号"), m_approval);
    // The day the branch starts keeping its books here: earlier periods are not judged.
    m_records_start =
        named(new wxTextCtrl(this, wxID_ANY, sectors ? wx(core::Date::today().iso()) : wxString()), "org_records_start");
    m_records_start->SetHint(_("例如 2025-01-01；空白表示全部时段都检查"));
    m_records_start->SetToolTip(
        _("从这一天起在本档案中记录活动。此前的时段不作规则检查，也不计入考核建议分。补录往年记录时请改早。"));
    add_row(this, grid, _("开始记录日期"), m_records_start);
    if (sectors) add_file_row(grid, sectors);
    box->Add(grid, 0, wxEXPAND | wxALL, 12);
    finish_form_dialog(this, box, sectors ? _("新建") : _("保存"), [this] { return collect(); });
}

/// 新建档案 only: the sector, which decides the plugin.
void OrganisationDialog::add_sector_row(wxFlexGridSizer* grid, const core::PluginHost& sectors) {
    m_sector = named(new wxChoice(this, wxID_ANY), "org_sector");
    for (const auto& s : core::sectors(sectors)) {
        m_sector_ids.push_back(s.id);
        m_sector->Append(wx(language() == app::UiLanguage::Chinese || s.name_en.empty() ? s.name_zh : s.name_en));
    }
    if (!m_sector_ids.empty()) m_sector->SetSelection(0);
    add_row(this, grid, _("行业"), m_sector, true);
}

/// 新建档案 only: the archive file, and the sector choice proposing its usual form.
void OrganisationDialog::add_file_row(wxFlexGridSizer* grid, const core::PluginHost* sectors) {
    auto* file_row = new wxBoxSizer(wxHORIZONTAL);
    m_file = named(new wxTextCtrl(this, wxID_ANY), "org_file");
    auto* browse = new wxButton(this, wxID_ANY, _("浏览…"));
    file_row->Add(m_file, 1, wxEXPAND | wxRIGHT, 6);
    file_row->Add(browse);
    add_row(this, grid, _("档案文件"), file_row, true);
    // A file in the user's documents folder named after the organisation, until the user picks one.
    m_file->ChangeValue(default_file());
    m_name->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
        e.Skip();
        if (!m_file_chosen) m_file->ChangeValue(default_file());
    });
    m_file->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
        e.Skip();
        m_file_chosen = true;
    });
    browse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        std::filesystem::path current(str(m_file->GetValue()));
        wxFileDialog dlg(this, _("新档案保存为"), wx(current.parent_path().string()), wx(current.filename().string()),
                         _("OneBook 档案 (*.onebook)|*.onebook"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dlg.ShowModal() == wxID_OK) m_file->SetValue(dlg.GetPath());
    });
    // Choosing a sector proposes its usual form.
    m_sector->Bind(wxEVT_CHOICE, [this, sectors](wxCommandEvent&) {
        if (const auto* p = sectors->find(m_sector_ids.at(m_sector->GetSelection())))
            m_form->SetStringSelection(wx(core::sector_info(*p).default_form));
    });
}

std::string OrganisationDialog::file() const { return m_file ? trim(str(m_file->GetValue())) : std::string(); }

wxString OrganisationDialog::default_file() const {
    // Characters a file name cannot hold become "_"; an empty name gives 党组织.onebook.
    std::string name = trim(str(m_name->GetValue()));
    for (char& c : name)
        if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') c = '_';
    if (name.empty()) name = str(_("党组织"));
    std::filesystem::path docs(str(wxStandardPaths::Get().GetDocumentsDir()));
    return wx((docs / (name + ".onebook")).string());
}

void OrganisationDialog::set_records_start(const std::optional<core::Date>& d) { m_records_start->ChangeValue(date_text(d)); }

bool OrganisationDialog::collect() {
    return guarded(this, [&] {
        core::Organisation o = m_org;
        if (m_sector) {
            if (m_sector->GetSelection() == wxNOT_FOUND) throw core::Error(OB_N("没有可用的行业插件，请检查“帮助 → 插件”"));
            o.sector = m_sector_ids.at(m_sector->GetSelection());
        }
        o.name = trim(str(m_name->GetValue()));
        o.form = str(m_form->GetStringSelection());
        o.superior_name = trim(str(m_superior->GetValue()));
        o.founded_on = parse_date_field(m_founded->GetValue(), "成立日期");
        o.approval_ref = trim(str(m_approval->GetValue()));
        auto start = parse_date_field(m_records_start->GetValue(), "开始记录日期");
        if (start && (start->year() < 1921 || core::Date::today() < *start))
            throw core::Error(OB_N("开始记录日期“{value}”无效：应在 1921 年之后、不晚于今天"), {{"value", start->iso()}},
                              {{}, {}, "records_start"});
        core::OrganisationStore::validate(o);
        m_start = start;
        if (m_file && file().empty()) throw core::Error(OB_N("请选择新档案的保存位置"));
        m_org = o;
    });
}

// ---------------------------------------------------------------- OverviewView

namespace {

void add_details_box(wxWindow* body, wxSizer* box, Shell& shell, const core::Organisation& org, core::Roster& roster) {
    auto* details = new wxStaticBoxSizer(wxVERTICAL, body, _("组织概况"));
    // Two pairs a row in Chinese; one in English, whose long labels and values made two pairs wider
    // than the view at 1024 px.
    auto* grid = new wxFlexGridSizer(language() == app::UiLanguage::Chinese ? 4 : 2, 6, 24);
    auto pair = [&](const char* label, const wxString& value) {
        auto* l = new wxStaticText(details->GetStaticBox(), wxID_ANY, _(label) + _("："));
        l->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
        grid->Add(l, 0, wxALIGN_RIGHT);
        grid->Add(new wxStaticText(details->GetStaticBox(), wxID_ANY, value.empty() ? wx("—") : value));
    };
    pair("行业", wx(sector_name(shell.plugins(), org.sector)));
    pair("组织形式", wx(tr_ui(org.form)));
    pair("上级党组织", wx(org.superior_name));
    pair("成立日期", date_text(org.founded_on));
    pair("批复文号", wx(org.approval_ref));
    pair("档案文件", wx(std::filesystem::path(shell.archive().path()).filename().string()));
    auto start = shell.archive().records_start();
    pair("开始记录日期", start ? date_text(start) : _("（全部时段都检查）"));
    int full = roster.count_members("正式党员"), prob = roster.count_members("预备党员");
    pair("党员", fmt("{total} 名（正式党员 {full}，预备党员 {prob}）",
                     {{"total", std::to_string(full + prob)}, {"full", std::to_string(full)}, {"prob", std::to_string(prob)}}));
    pair("党小组", wxString::Format("%zu", roster.groups().size()));
    pair("入党积极分子和培养对象",
         wxString::Format("%zu",
                          core::Recruitment(shell.archive().db(), org.id, core::RecruitmentRules{}).before_admission().size()));
    details->Add(grid, 0, wxALL, 8);
    box->Add(details, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
}

void add_committee_box(wxWindow* body, wxSizer* box, core::Roster& roster) {
    auto* committee = new wxStaticBoxSizer(wxVERTICAL, body, _("支部委员会"));
    if (auto term = roster.current_term(core::Date::today())) {
        auto* line = new wxStaticText(
            committee->GetStaticBox(), wxID_ANY,
            fmt("{elected} 选举，任期 {years} 年，至 {expires}　{approval}", {{"elected", term->elected_on.iso()},
                                                                              {"years", std::to_string(term->term_years)},
                                                                              {"expires", term->expires_on().iso()},
                                                                              {"approval", term->approval_ref}}));
        committee->Add(line, 0, wxALL, 6);
        if (term->expires_on() < core::Date::today().add_days(90)) {
            auto* warn = new wxStaticText(committee->GetStaticBox(), wxID_ANY,
                                          term->expires_on() < core::Date::today() ? _("任期已满，应按期换届")
                                                                                   : _("任期将在 90 天内届满，请准备换届"));
            warn->SetForegroundColour(wxColour(0xB0, 0x30, 0x20));
            committee->Add(warn, 0, wxLEFT | wxBOTTOM, 6);
        }
        auto* seats = new wxFlexGridSizer(4, 4, 24);
        for (const auto& s : term->seats) {
            seats->Add(new wxStaticText(committee->GetStaticBox(), wxID_ANY, wx(s.role) + _("：")), 0, wxALIGN_RIGHT);
            seats->Add(new wxStaticText(committee->GetStaticBox(), wxID_ANY, wx(s.name)));
        }
        committee->Add(seats, 0, wxALL, 6);
    } else {
        committee->Add(new wxStaticText(committee->GetStaticBox(), wxID_ANY, _("尚未登记支部委员会")), 0, wxALL, 6);
    }
    box->Add(committee, 0, wxEXPAND | wxALL, 10);
}

void add_groups_box(wxWindow* body, wxSizer* box, core::Roster& roster) {
    auto* groups = new wxStaticBoxSizer(wxVERTICAL, body, _("党小组"));
    auto members = roster.members();
    auto* ggrid = new wxFlexGridSizer(3, 4, 24);
    for (const auto& g : roster.groups()) {
        int count = 0;
        std::string leader;
        for (const auto& m : members) {
            if (m.group_id && *m.group_id == g.id) ++count;
            if (g.leader_id && m.id == *g.leader_id) leader = m.name;
        }
        ggrid->Add(new wxStaticText(groups->GetStaticBox(), wxID_ANY, wx(g.name)));
        ggrid->Add(
            new wxStaticText(groups->GetStaticBox(), wxID_ANY, fmt("组长 {name}", {{"name", leader.empty() ? "—" : leader}})));
        ggrid->Add(new wxStaticText(groups->GetStaticBox(), wxID_ANY, fmt("{count} 名党员", {{"count", std::to_string(count)}})));
    }
    groups->Add(ggrid, 0, wxALL, 6);
    box->Add(groups, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
}

} // namespace

OverviewView::OverviewView(wxWindow* parent, Shell& shell) : View(parent, shell, "overview_view") {
    SetSizer(new wxBoxSizer(wxVERTICAL));
    reload();
}

void OverviewView::reload() {
    if (m_body) m_body->Destroy();
    auto* body = new wxScrolledWindow(this, wxID_ANY);
    m_body = body;
    // Scrolls sideways only when the content cannot be narrower than the window (1024 px in English):
    // the body takes the width its host gives it rather than widening the view past the window's edge.
    body->SetScrollRate(12, 12);
    body->SetMinSize(FromDIP(wxSize(120, 120)));
    auto* box = new wxBoxSizer(wxVERTICAL);

    auto org = m_shell.home();
    core::Roster roster(m_shell.archive().db(), org.id);

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(heading(body, wx(org.name), 1.2f), 0, wxALIGN_CENTER_VERTICAL);
    top->AddStretchSpacer();
    auto* edit = named(new wxButton(body, wxID_ANY, _("编辑组织信息…")), "overview_edit");
    top->Add(edit);
    box->Add(top, 0, wxEXPAND | wxALL, 10);
    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_organisation(); });
    add_todo_panel(body, box, m_shell, [this] { reload(); });
    box->AddSpacer(10);
    add_details_box(body, box, m_shell, org, roster);
    add_committee_box(body, box, roster);
    add_groups_box(body, box, roster);

    body->SetSizer(box);
    body->FitInside(); // scrolls to the last box on a small screen instead of cutting it off
    GetSizer()->Add(body, 1, wxEXPAND);
    Layout();
    // Never smaller than GTK's scrollbars: in a notebook page not sized yet (wx's default 20×20)
    // GTK allocated the body before the page's first layout and printed a critical at every start.
    wxSize size = body->GetSize();
    size.IncTo(FromDIP(wxSize(120, 120)));
    body->SetSize(size);
}

void OverviewView::edit_organisation() {
    OrganisationDialog dlg(this, m_shell.home(), nullptr);
    dlg.set_records_start(m_shell.archive().records_start());
    if (dlg.ShowModal() != wxID_OK) return;
    if (guarded(this, [&] {
            auto& a = m_shell.archive();
            core::Transaction tx(a.db());
            core::OrganisationStore(a.db()).update(dlg.organisation());
            a.set_records_start(dlg.records_start());
            tx.commit();
        })) {
        changed();
    }
}

// ---------------------------------------------------------------- CommitteeView

CommitteeView::CommitteeView(wxWindow* parent, Shell& shell) : View(parent, shell, "committee_view") {
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(heading(this, _("支部委员会"), 1.2f), 0, wxALIGN_CENTER_VERTICAL);
    top->AddStretchSpacer();
    auto* add = named(new wxButton(this, wxID_ANY, _("登记换届选举…")), "committee_new_term");
    top->Add(add);
    box->Add(top, 0, wxEXPAND | wxALL, 10);
    box->Add(new wxStaticText(this, wxID_ANY, _("历届委员会")), 0, wxLEFT, 10);
    m_terms = translated_list(this, "committee_terms",
                              {{OB_N("选举日期"), 110},
                               {OB_N("任期（年）"), 90},
                               {OB_N("届满日期"), 110},
                               {OB_N("批复文号"), 220},
                               {OB_N("委员"), 420}});
    box->Add(m_terms, 1, wxEXPAND | wxALL, 10);
    // The members column takes what the window leaves: a long list ends in "…"; the selected term's
    // members show whole in the tooltip and in the list below.
    m_terms->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        fit_last_column(m_terms, {110, 90, 110, 220});
    });
    box->Add(new wxStaticText(this, wxID_ANY, _("所选届次的委员")), 0, wxLEFT, 10);
    m_seats = translated_list(this, "committee_seats", {{OB_N("职务"), 140}, {OB_N("姓名"), 140}, {OB_N("在名册中"), 100}});
    box->Add(m_seats, 1, wxEXPAND | wxALL, 10);
    SetSizer(box);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { new_term(); });
    m_terms->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        m_seats->DeleteAllItems();
        const auto& t = m_list.at(e.GetIndex());
        wxString members = m_terms->GetItemText(e.GetIndex(), 4);
        m_terms->SetToolTip(members);
        for (auto* child : m_terms->GetChildren()) child->SetToolTip(members); // the generic list's rows and header
        for (const auto& s : t.seats) {
            long i = m_seats->InsertItem(m_seats->GetItemCount(), wx(s.role));
            m_seats->SetItem(i, 1, wx(s.name));
            m_seats->SetItem(i, 2, s.member_id ? _("是") : _("否"));
        }
    });
    reload();
}

void CommitteeView::reload() {
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    m_list = roster.terms();
    m_terms->DeleteAllItems();
    m_seats->DeleteAllItems();
    for (const auto& t : m_list) {
        long i = m_terms->InsertItem(m_terms->GetItemCount(), wx(t.elected_on.iso()));
        m_terms->SetItem(i, 1, wxString::Format("%d", t.term_years));
        m_terms->SetItem(i, 2, wx(t.expires_on().iso()));
        m_terms->SetItem(i, 3, wx(t.approval_ref));
        std::string seats;
        for (const auto& s : t.seats) seats += (seats.empty() ? "" : "、") + s.role + " " + s.name;
        m_terms->SetItem(i, 4, wx(seats));
        if (t.expires_on() < core::Date::today()) m_terms->SetItemBackgroundColour(i, colours::warning());
    }
    if (!m_list.empty()) m_terms->SetItemState(m_terms->GetItemCount() - 1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
}

void CommitteeView::new_term() {
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    auto current = roster.current_term(core::Date::today());
    TermDialog dlg(this, roster, current ? &*current : nullptr);
    if (dlg.ShowModal() != wxID_OK) return;
    core::CommitteeTerm t = dlg.term();
    if (guarded(this, [&] { roster.add_term(t); })) { changed(); }
}

TermDialog::TermDialog(wxWindow* parent, core::Roster& roster, const core::CommitteeTerm* previous)
    : wxDialog(parent, wxID_ANY, _("登记换届选举"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_roster(roster) {
    SetName("term_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1, 1);
    m_elected = named(new wxTextCtrl(this, wxID_ANY, wx(core::Date::today().iso())), "term_elected");
    m_years = named(new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 5,
                                   previous ? previous->term_years : 3),
                    "term_years");
    m_approval = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(260, -1)), "term_approval");
    add_row(this, grid, _("选举日期"), m_elected, true);
    add_row(this, grid, _("任期（年）"), m_years, true);
    add_row(this, grid, _("批复文号"), m_approval);
    box->Add(grid, 0, wxEXPAND | wxALL, 12);

    box->Add(new wxStaticText(this, wxID_ANY, _("委员（职务和姓名；姓名可从名册中选，也可直接填写）")), 0, wxLEFT, 12);
    auto* seats = new wxFlexGridSizer(2, 6, 8);
    seats->AddGrowableCol(1, 1);
    wxArrayString roles, names;
    for (const char* r : {"书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员"}) roles.Add(wx(r));
    for (const auto& m : roster.members()) names.Add(wx(m.name));
    for (int i = 0; i < 7; ++i) {
        std::string role, name;
        if (previous && i < static_cast<int>(previous->seats.size())) {
            role = previous->seats[i].role;
            name = previous->seats[i].name;
        }
        auto* r = new wxComboBox(this, wxID_ANY, wx(role), wxDefaultPosition, wxSize(140, -1), roles);
        auto* n = new wxComboBox(this, wxID_ANY, wx(name), wxDefaultPosition, wxSize(200, -1), names);
        r->SetName(wxString::Format("term_role_%d", i));
        n->SetName(wxString::Format("term_name_%d", i));
        seats->Add(r);
        seats->Add(n, 1, wxEXPAND);
        m_rows.emplace_back(r, n);
    }
    box->Add(seats, 0, wxEXPAND | wxALL, 12);
    finish_form_dialog(this, box, _("保存"), [this] { return collect(); });
}

bool TermDialog::collect() {
    return guarded(this, [&] {
        core::CommitteeTerm t;
        auto elected = parse_date_field(m_elected->GetValue(), "选举日期");
        if (!elected) throw core::Error(OB_N("请填写选举日期"), {}, {{}, {}, "选举日期"});
        t.elected_on = *elected;
        t.term_years = m_years->GetValue();
        t.approval_ref = trim(str(m_approval->GetValue()));
        for (const auto& [r, n] : m_rows) {
            std::string role = trim(str(r->GetValue())), name = trim(str(n->GetValue()));
            if (role.empty() && name.empty()) continue;
            core::CommitteeSeat s;
            s.role = role;
            s.name = name;
            if (auto m = m_roster.member_by_name(name)) s.member_id = m->id;
            t.seats.push_back(s);
        }
        m_term = t;
    });
}

// ---------------------------------------------------------------- GroupsView

GroupsView::GroupsView(wxWindow* parent, Shell& shell) : View(parent, shell, "groups_view") {
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(heading(this, _("党小组"), 1.2f), 0, wxALIGN_CENTER_VERTICAL);
    top->AddStretchSpacer();
    auto* add = named(new wxButton(this, wxID_ANY, _("新建党小组…")), "groups_add");
    auto* edit = named(new wxButton(this, wxID_ANY, _("改名和组长…")), "groups_edit");
    auto* del = named(new wxButton(this, wxID_ANY, _("删除")), "groups_delete");
    for (auto* b : {add, edit, del}) top->Add(b, 0, wxLEFT, 6);
    box->Add(top, 0, wxEXPAND | wxALL, 10);
    m_list = translated_list(this, "groups_list",
                             {{OB_N("党小组"), 200}, {OB_N("组长"), 140}, {OB_N("党员人数"), 100}, {OB_N("成员"), 520}});
    box->Add(m_list, 1, wxEXPAND | wxALL, 10);
    SetSizer(box);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_group(); });
    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_group(); });
    del->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_group(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit_group(); });
    reload();
}

void GroupsView::reload() {
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    m_groups = roster.groups();
    auto members = roster.members();
    m_list->DeleteAllItems();
    for (const auto& g : m_groups) {
        std::string leader, names;
        int count = 0;
        for (const auto& m : members) {
            if (g.leader_id && m.id == *g.leader_id) leader = m.name;
            if (m.group_id && *m.group_id == g.id) {
                ++count;
                names += (names.empty() ? "" : "、") + m.name;
            }
        }
        long i = m_list->InsertItem(m_list->GetItemCount(), wx(g.name));
        m_list->SetItem(i, 1, wx(leader));
        m_list->SetItem(i, 2, wxString::Format("%d", count));
        m_list->SetItem(i, 3, wx(names));
    }
}

void GroupsView::add_group() {
    wxTextEntryDialog dlg(this, _("党小组名称"), _("新建党小组"));
    if (dlg.ShowModal() != wxID_OK) return;
    core::PartyGroup g;
    g.organisation_id = m_shell.home().id;
    g.name = trim(str(dlg.GetValue()));
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    if (guarded(this, [&] { roster.add_group(g); })) { changed(); }
}

void GroupsView::edit_group() {
    long i = selected(m_list);
    if (i < 0) return;
    core::PartyGroup g = m_groups.at(i);
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    wxDialog dlg(this, wxID_ANY, _("党小组"));
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    auto* name = new wxTextCtrl(&dlg, wxID_ANY, wx(g.name), wxDefaultPosition, wxSize(220, -1));
    auto* leader = new wxChoice(&dlg, wxID_ANY);
    leader->Append(_("（无）"));
    std::vector<core::Id> ids{0};
    for (const auto& m : roster.members()) {
        if (!(m.group_id && *m.group_id == g.id)) continue;
        leader->Append(wx(m.name));
        ids.push_back(m.id);
        if (g.leader_id && *g.leader_id == m.id) leader->SetSelection(leader->GetCount() - 1);
    }
    if (leader->GetSelection() == wxNOT_FOUND) leader->SetSelection(0);
    add_row(&dlg, grid, _("名称"), name, true);
    add_row(&dlg, grid, _("组长"), leader);
    box->Add(grid, 0, wxALL, 12);
    box->Add(ok_cancel_row(&dlg, _("保存")), 0, wxEXPAND | wxALL, 12);
    dlg.SetSizerAndFit(box);
    dlg.CentreOnParent();
    if (dlg.ShowModal() != wxID_OK) return;
    g.name = trim(str(name->GetValue()));
    core::Id l = ids.at(leader->GetSelection());
    if (l) g.leader_id = l;
    else g.leader_id.reset();
    if (guarded(this, [&] { roster.update_group(g); })) { changed(); }
}

void GroupsView::delete_group() {
    long i = selected(m_list);
    if (i < 0) return;
    const auto& g = m_groups.at(i);
    if (!ask(this, fmt("删除党小组“{name}”？组内党员保留在名册中，不再属于任何党小组。", {{"name", g.name}}))) return;
    core::Roster roster(m_shell.archive().db(), m_shell.home().id);
    if (guarded(this, [&] { roster.remove_group(g.id); })) { changed(); }
}

} // namespace onebook::shell
