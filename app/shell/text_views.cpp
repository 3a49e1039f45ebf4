// 基本制度 rule texts (plugin defaults, editable, resettable), free entries of a section, and the
// half-yearly dues figures of 党费收缴.
#include "office_actions.hpp"
#include "onebook/archive/word_exports.hpp"
#include "views.hpp"

#include "table_export.hpp"
#include "ui_util.hpp"

#include "onebook/archive/entries.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/dues.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

namespace onebook::shell {

namespace {

class RuleTextsPanel : public View {
public:
    RuleTextsPanel(wxWindow* parent, Shell& shell, const archive::Section& section)
        : View(parent, shell, "ruletexts_panel"), m_section(section.id) {
        auto* box = new wxBoxSizer(wxHORIZONTAL);
        auto* left = new wxBoxSizer(wxVERTICAL);
        m_list = named(new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(230, -1)), "ruletexts_list");
        left->Add(m_list, 1, wxEXPAND);
        auto* add = named(new wxButton(this, wxID_ANY, _("新增本支部制度…")), "ruletexts_add");
        left->Add(add, 0, wxEXPAND | wxTOP, 6);
        auto* word = named(new wxButton(this, wxID_ANY, _("导出 Word…")), "ruletexts_word");
        left->Add(word, 0, wxEXPAND | wxTOP, 6);
        word->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            export_word(this, m_shell, m_shell.home().name + "-基本制度.docx",
                        [this] { return archive::rule_texts_document(m_shell.home(), m_texts); });
        });
        box->Add(left, 0, wxEXPAND | wxALL, 8);
        auto* right = new wxBoxSizer(wxVERTICAL);
        m_title = named(new wxTextCtrl(this, wxID_ANY), "ruletexts_title");
        m_title->SetFont(m_title->GetFont().Bold());
        right->Add(m_title, 0, wxEXPAND | wxBOTTOM, 6);
        m_body = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE), "ruletexts_body");
        right->Add(m_body, 1, wxEXPAND);
        m_info = new wxStaticText(this, wxID_ANY, "");
        m_info->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
        right->Add(m_info, 0, wxEXPAND | wxTOP, 6);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        auto* save = named(new wxButton(this, wxID_ANY, _("保存修改")), "ruletexts_save");
        m_reset = named(new wxButton(this, wxID_ANY, _("恢复插件原文")), "ruletexts_reset");
        row->Add(save, 0, wxRIGHT, 6);
        row->Add(m_reset);
        right->Add(row, 0, wxTOP, 6);
        box->Add(right, 1, wxEXPAND | wxTOP | wxRIGHT | wxBOTTOM, 8);
        SetSizer(box);
        m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { show(m_list->GetSelection()); });
        save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_current(); });
        m_reset->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reset_current(); });
        add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_text(); });
        reload();
    }

    void reload() override {
        int keep = m_list->GetSelection();
        archive::RuleTextStore store(m_shell.archive(), m_shell.plugins());
        m_texts.clear();
        for (auto& t : store.all())
            if (t.section_id == m_section || (m_section == "rules.texts" && t.section_id.empty())) m_texts.push_back(t);
        m_list->Clear();
        for (const auto& t : m_texts) m_list->Append(wx(t.title) + (t.edited ? " *" : ""));
        if (!m_texts.empty()) {
            int sel = keep >= 0 && keep < static_cast<int>(m_texts.size()) ? keep : 0;
            m_list->SetSelection(sel);
            show(sel);
        } else show(-1);
    }

    void select_item(const Target& t) override {
        std::string id = t.ref.substr(t.ref.find(':') + 1);
        for (std::size_t i = 0; i < m_texts.size(); ++i)
            if (m_texts[i].id == id) {
                m_list->SetSelection(static_cast<int>(i));
                show(static_cast<int>(i));
            }
    }

private:
    void show(int i) {
        m_current = i;
        bool ok = i >= 0 && i < static_cast<int>(m_texts.size());
        m_title->ChangeValue(ok ? wx(m_texts[i].title) : wxString());
        m_body->ChangeValue(ok ? wx(m_texts[i].body) : wxString());
        wxString info;
        if (ok) {
            const auto& t = m_texts[i];
            info = _("依据：") + wx(t.source.empty() ? std::string("—") : t.source);
            if (t.edited) info += "\n" + fmt("本支部已修改（{at}）", {{"at", t.edited_at}});
            else if (t.model_text) info += "\n" + _("示范文本，请按本支部实际修改");
        }
        m_info->SetLabel(info);
        m_reset->Enable(ok && m_texts[i].edited);
        Layout();
    }
    void save_current() {
        if (m_current < 0) return;
        archive::RuleTextStore store(m_shell.archive(), m_shell.plugins());
        const auto id = m_texts[m_current].id;
        if (guarded(this, [&] { store.edit(id, trim(str(m_title->GetValue())), str(m_body->GetValue())); })) {
            m_shell.set_status(_("制度文本已保存"));
            reload();
        }
    }
    void reset_current() {
        if (m_current < 0 || !ask(this, _("放弃本支部的修改，恢复插件提供的原文？"))) return;
        archive::RuleTextStore store(m_shell.archive(), m_shell.plugins());
        const auto id = m_texts[m_current].id;
        if (guarded(this, [&] { store.reset(id); })) reload();
    }
    void add_text() {
        wxTextEntryDialog dlg(this, _("新制度的标题"), _("新增本支部制度"));
        if (dlg.ShowModal() != wxID_OK) return;
        std::string title = trim(str(dlg.GetValue()));
        archive::RuleTextStore store(m_shell.archive(), m_shell.plugins());
        std::string id = "own_" + std::to_string(core::Date::today().days()) + "_" + std::to_string(m_texts.size() + 1);
        if (guarded(this, [&] { store.edit(id, title, tr_ui("（请填写制度内容）"), m_section); })) {
            reload();
            select_item({"", 0, "ruletext:" + id});
        }
    }

    std::string m_section;
    std::vector<archive::RuleText> m_texts;
    int m_current = -1;
    wxListBox* m_list;
    wxTextCtrl *m_title, *m_body;
    wxStaticText* m_info;
    wxButton* m_reset;
};

class EntriesPanel : public View {
public:
    EntriesPanel(wxWindow* parent, Shell& shell, const archive::Section& section)
        : View(parent, shell, "entries_panel"), m_section(section.id) {
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* bar = new wxBoxSizer(wxHORIZONTAL);
        auto* add = named(new wxButton(this, wxID_ANY, _("新增记事…")), "entries_add");
        auto* del = named(new wxButton(this, wxID_ANY, _("删除")), "entries_delete");
        bar->Add(add, 0, wxRIGHT, 6);
        bar->Add(del);
        m_count = new wxStaticText(this, wxID_ANY, "");
        bar->Add(m_count, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 12);
        box->Add(bar, 0, wxALL, 8);
        m_list = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 180), wxLC_REPORT | wxLC_SINGLE_SEL),
                       "entries_list");
        m_list->AppendColumn(_("日期"), wxLIST_FORMAT_LEFT, 100);
        m_list->AppendColumn(_("标题"), wxLIST_FORMAT_LEFT, 420);
        box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        m_body = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 120), wxTE_MULTILINE | wxTE_READONLY),
                       "entries_body");
        box->Add(m_body, 1, wxEXPAND | wxALL, 8);
        SetSizer(box);
        add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_entry(); });
        del->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            long i = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
            if (i < 0 || !ask(this, fmt("删除记事“{title}”？", {{"title", m_entries.at(i).title}}))) return;
            archive::EntryStore store(m_shell.archive(), archive::book_sections(m_shell.plugins(), m_shell.home().sector));
            if (guarded(this, [&] { store.remove(m_entries.at(i).id); })) reload();
        });
        m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { m_body->SetValue(wx(m_entries.at(e.GetIndex()).body)); });
        reload();
    }

    void reload() override {
        archive::EntryStore store(m_shell.archive(), archive::book_sections(m_shell.plugins(), m_shell.home().sector));
        m_entries = store.list(m_section, m_shell.year());
        m_list->DeleteAllItems();
        for (const auto& e : m_entries) {
            long i = m_list->InsertItem(m_list->GetItemCount(), wx(e.date.iso()));
            m_list->SetItem(i, 1, wx(e.title));
        }
        m_body->Clear();
        m_count->SetLabel(
            fmt("{year} 年 {count} 条", {{"year", std::to_string(m_shell.year())}, {"count", std::to_string(m_entries.size())}}));
    }

    void select_item(const Target& t) override {
        for (std::size_t i = 0; i < m_entries.size(); ++i)
            if (m_entries[i].id == t.item) {
                m_list->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
                m_body->SetValue(wx(m_entries[i].body));
            }
    }

private:
    void add_entry() {
        wxDialog dlg(this, wxID_ANY, _("新增记事"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
        dlg.SetName("entry_dialog");
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, 8, 8);
        grid->AddGrowableCol(1, 1);
        grid->AddGrowableRow(2, 1);
        auto* date = named(new wxTextCtrl(&dlg, wxID_ANY, wx(core::Date::today().iso())), "entry_date");
        auto* title = named(new wxTextCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1)), "entry_title");
        auto* body = named(new wxTextCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxSize(420, 160), wxTE_MULTILINE), "entry_body");
        add_row(&dlg, grid, _("日期"), date, true);
        add_row(&dlg, grid, _("标题"), title, true);
        add_row(&dlg, grid, _("内容"), body);
        box->Add(grid, 1, wxEXPAND | wxALL, 12);
        box->Add(ok_cancel_row(&dlg, _("保存")), 0, wxEXPAND | wxALL, 12);
        dlg.SetSizerAndFit(box);
        dlg.CentreOnParent();
        archive::BookEntry e;
        dlg.Bind(
            wxEVT_BUTTON,
            [&](wxCommandEvent&) {
                if (guarded(&dlg, [&] {
                        auto d = parse_date_field(date->GetValue(), "日期");
                        e.date = d ? *d : core::Date();
                        e.section_id = m_section;
                        e.title = trim(str(title->GetValue()));
                        e.body = str(body->GetValue());
                        archive::EntryStore store(m_shell.archive(),
                                                  archive::book_sections(m_shell.plugins(), m_shell.home().sector));
                        store.add(e);
                    }))
                    dlg.EndModal(wxID_OK);
            },
            wxID_OK);
        if (dlg.ShowModal() != wxID_OK) return;
        if (e.date.year() != m_shell.year()) m_shell.set_year(e.date.year());
        reload();
        select_item({"", e.id, "entry"});
    }

    std::string m_section;
    std::vector<archive::BookEntry> m_entries;
    wxListCtrl* m_list;
    wxTextCtrl* m_body;
    wxStaticText* m_count;
};

} // namespace

View* make_ruletexts_panel(wxWindow* parent, Shell& shell, const archive::Section& section) {
    return new RuleTextsPanel(parent, shell, section);
}
View* make_entries_panel(wxWindow* parent, Shell& shell, const archive::Section& section) {
    return new EntriesPanel(parent, shell, section);
}

} // namespace onebook::shell

// ---------------------------------------------------------------- Dues (党费收缴) figures

namespace onebook::shell {

namespace {

/// Half-yearly dues figures (what the dues disclosure board shows; 《党支部“五化”建设》: 每半年公布1次).
class DuesPanel : public View {
public:
    DuesPanel(wxWindow* parent, Shell& shell) : View(parent, shell, "dues_panel") {
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* bar = new wxBoxSizer(wxHORIZONTAL);
        auto* set = named(new wxButton(this, wxID_ANY, _("登记或修改半年数据…")), "dues_set");
        auto* board = named(new wxButton(this, wxID_ANY, _("制作党费公示牌…")), "dues_board");
        bar->Add(set, 0, wxRIGHT, 6);
        bar->AddStretchSpacer();
        bar->Add(board, 0, wxRIGHT, 6);
        board->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_shell.make_board("dues"); });
        box->Add(bar, 0, wxEXPAND | wxALL, 8);
        m_list =
            named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), "dues_list");
        add_table_export(this, bar, m_shell, m_list, "dues", [this] {
            return std::vector<archive::Table>{archive::dues_table(m_shell.home().name, m_periods, core::Date::today())};
        });
        for (const auto& [t, w] : std::vector<std::pair<const char*, int>>{{OB_N("时期"), 130},
                                                                           {OB_N("应交人数"), 80},
                                                                           {OB_N("实交人数"), 80},
                                                                           {OB_N("收缴金额（元）"), 120},
                                                                           {OB_N("上缴金额（元）"), 120},
                                                                           {OB_N("备注"), 300}})
            m_list->AppendColumn(_(t), wxLIST_FORMAT_LEFT, w);
        box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
        SetSizer(box);
        set->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit(); });
        m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit(); });
        reload();
    }
    void reload() override {
        core::DuesLedger ledger(m_shell.archive().db(), m_shell.home().id);
        m_periods = ledger.all();
        m_list->DeleteAllItems();
        for (const auto& p : m_periods) {
            long i = m_list->InsertItem(m_list->GetItemCount(), wx(p.label_zh()));
            m_list->SetItem(i, 1, wxString::Format("%d", p.members_due));
            m_list->SetItem(i, 2, wxString::Format("%d", p.members_paid));
            m_list->SetItem(i, 3, wx(core::format_yuan(p.amount_fen)));
            m_list->SetItem(i, 4, p.remitted_fen ? wx(core::format_yuan(*p.remitted_fen)) : wxString());
            m_list->SetItem(i, 5, wx(p.notes));
        }
    }

private:
    void edit() {
        long sel = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        core::DuesPeriod p;
        int year = m_shell.year();
        p.period = std::to_string(year) + (core::Date::today().month() > 6 || year < core::Date::today().year() ? "-H2" : "-H1");
        if (sel >= 0) p = m_periods.at(sel);
        wxDialog dlg(this, wxID_ANY, _("党费收缴情况"));
        dlg.SetName("dues_dialog");
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, 8, 8);
        std::vector<std::string> periods;
        auto* period = period_choice(dlg, year, p.period, periods);
        auto* due =
            new wxSpinCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, p.members_due);
        auto* paid =
            new wxSpinCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, p.members_paid);
        auto* amount = new wxTextCtrl(&dlg, wxID_ANY, wx(core::format_yuan(p.amount_fen)));
        auto* remitted = new wxTextCtrl(&dlg, wxID_ANY, p.remitted_fen ? wx(core::format_yuan(*p.remitted_fen)) : wxString());
        auto* notes = new wxTextCtrl(&dlg, wxID_ANY, wx(p.notes), wxDefaultPosition, wxSize(300, -1));
        add_row(&dlg, grid, _("时期"), period, true);
        add_row(&dlg, grid, _("应交人数"), due, true);
        add_row(&dlg, grid, _("实交人数"), paid, true);
        add_row(&dlg, grid, _("收缴金额（元）"), amount, true);
        add_row(&dlg, grid, _("上缴金额（元）"), remitted);
        add_row(&dlg, grid, _("备注"), notes);
        box->Add(grid, 0, wxALL, 12);
        box->Add(ok_cancel_row(&dlg, _("保存")), 0, wxEXPAND | wxALL, 12);
        dlg.SetSizerAndFit(box);
        dlg.CentreOnParent();
        dlg.Bind(
            wxEVT_BUTTON,
            [&](wxCommandEvent&) {
                if (guarded(&dlg, [&] {
                        core::DuesPeriod q;
                        q.period = periods.at(period->GetSelection());
                        q.members_due = due->GetValue();
                        q.members_paid = paid->GetValue();
                        q.amount_fen = yuan_to_fen(trim(str(amount->GetValue())), str(amount->GetValue()));
                        std::string r = trim(str(remitted->GetValue()));
                        if (!r.empty()) q.remitted_fen = yuan_to_fen(r, r);
                        q.notes = trim(str(notes->GetValue()));
                        core::DuesLedger(m_shell.archive().db(), m_shell.home().id).set(q);
                    }))
                    dlg.EndModal(wxID_OK);
            },
            wxID_OK);
        if (dlg.ShowModal() == wxID_OK) reload();
    }

    /// The halves of last year and this one, `current` selected (else the last); `periods` gets their ids.
    static wxChoice* period_choice(wxDialog& dlg, int year, const std::string& current, std::vector<std::string>& periods) {
        auto* period = named(new wxChoice(&dlg, wxID_ANY), "dues_period");
        for (int y = year - 1; y <= year; ++y)
            for (const char* h : {"-H1", "-H2"}) {
                core::DuesPeriod x;
                x.period = std::to_string(y) + h;
                periods.push_back(x.period);
                period->Append(wx(x.label_zh()));
                if (x.period == current) period->SetSelection(period->GetCount() - 1);
            }
        if (period->GetSelection() == wxNOT_FOUND) period->SetSelection(static_cast<int>(periods.size()) - 1);
        return period;
    }

    /// An amount in 元 as 1234.50, in fen; an Error quoting `as_typed` otherwise.
    static std::int64_t yuan_to_fen(const std::string& text, const std::string& as_typed) {
        auto v = core::parse_yuan(text);
        if (!v) throw core::Error(OB_N("金额“{value}”应写作 1234.50 这样的元数"), {{"value", as_typed}});
        return *v;
    }

    std::vector<core::DuesPeriod> m_periods;
    wxListCtrl* m_list;
};

} // namespace

View* make_dues_panel(wxWindow* parent, Shell& shell) { return new DuesPanel(parent, shell); }

} // namespace onebook::shell
