// The book's sections as views; the welcome page; a chapter's table of contents.
#include "views.hpp"

#include "overview_view.hpp"
#include "pipeline_view.hpp"
#include "roster_view.hpp"
#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/filehistory.h>
#include <wx/filename.h>
#include <wx/frame.h>
#include <wx/hyperlink.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <filesystem>

namespace onebook::shell {

namespace {

/// The view a "view" section names, built from core data.
View* make_named_view(wxWindow* parent, Shell& shell, const std::string& name) {
    if (name == "organisation") return new OverviewView(parent, shell);
    if (name == "committee") return new CommitteeView(parent, shell);
    if (name == "members") return new RosterView(parent, shell);
    if (name == "groups") return new GroupsView(parent, shell);
    if (name == "activists") return make_pipeline_view(parent, shell, true);
    if (name == "assessment") return make_assessment_view(parent, shell);
    if (name == "rectification") return make_rectification_view(parent, shell);
    if (name == "catalogue") return make_catalogue_view(parent, shell);
    return nullptr;
}

/// A section holding several kinds of content: one tab each, the section's own view first.
class SectionView : public View {
public:
    SectionView(wxWindow* parent, Shell& shell, const archive::Section& s) : View(parent, shell, "section_view"), m_section(s) {
        auto* box = new wxBoxSizer(wxVERTICAL);
        std::vector<std::pair<wxString, std::function<View*(wxWindow*)>>> pages;
        if (s.has(archive::holds::view) && !s.view.empty())
            pages.push_back({_(view_title(s.view)), [&](wxWindow* p) { return make_named_view(p, shell, s.view); }});
        if (s.has(archive::holds::records))
            pages.push_back({_("活动记录"), [&](wxWindow* p) { return make_records_panel(p, shell, s); }});
        if (s.has(archive::holds::rule_texts))
            pages.push_back({_("制度文本"), [&](wxWindow* p) { return make_ruletexts_panel(p, shell, s); }});
        if (s.id == "work.dues") // the figures the dues board prints live in core's dues ledger
            pages.push_back({_("党费收缴情况"), [&](wxWindow* p) { return make_dues_panel(p, shell); }});
        if (s.has(archive::holds::entries))
            pages.push_back({_("记事"), [&](wxWindow* p) { return make_entries_panel(p, shell, s); }});
        if (s.has(archive::holds::documents))
            pages.push_back({_("归档文件"), [&](wxWindow* p) { return make_documents_panel(p, shell, s.id); }});

        // Title and what the section holds, as the book describes it.
        auto* head = new wxBoxSizer(wxVERTICAL);
        auto* title = heading(this, wx(tr_ui(s.title)));
        head->Add(title);
        if (!s.description.empty()) {
            // Ellipsized, whole in its tooltip: a long English description (the organisation overview's)
            // at 1024 px otherwise widened the section past the window's right edge, and its view with it.
            auto* d =
                new wxStaticText(this, wxID_ANY, wx(tr_ui(s.description)), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
            d->SetMinSize(FromDIP(wxSize(120, -1)));
            d->SetToolTip(wx(tr_ui(s.description)));
            d->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
            head->Add(d, 0, wxTOP | wxEXPAND, 2);
        }
        box->Add(head, 0, wxALL | wxEXPAND, 10);

        if (pages.size() == 1) {
            if (auto* v = pages.front().second(this)) {
                m_pages.push_back(v);
                box->Add(v, 1, wxEXPAND);
            }
        } else {
            m_book = named(new wxNotebook(this, wxID_ANY), "section_tabs");
            for (auto& [label, make] : pages)
                if (auto* v = make(m_book)) {
                    m_book->AddPage(v, label);
                    m_pages.push_back(v);
                }
            box->Add(m_book, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
        }
        SetSizer(box);
    }

    void reload() override {
        for (auto* p : m_pages) p->reload();
    }
    void select_item(const Target& t) override {
        // The ref says which tab: "document" → documents, "entry" → entries, "ruletext:…" → rule
        // texts; anything else (records, roster rows…) → the first page.
        std::string panel = t.ref.rfind("document", 0) == 0   ? "documents_panel"
                            : t.ref.rfind("entry", 0) == 0    ? "entries_panel"
                            : t.ref.rfind("ruletext", 0) == 0 ? "ruletexts_panel"
                                                              : "";
        for (std::size_t i = 0; i < m_pages.size(); ++i) {
            bool match = panel.empty() ? i == 0 : std::string(m_pages[i]->GetName().utf8_str()) == panel;
            if (!match) continue;
            if (m_book) m_book->SetSelection(i);
            m_pages[i]->select_item(t);
            return;
        }
    }
    wxNotebook* book() { return m_book; }

private:
    static const char* view_title(const std::string& view) {
        if (view == "organisation") return OB_N("组织概况");
        if (view == "committee") return OB_N("支部委员会");
        if (view == "members") return OB_N("党员名册");
        if (view == "groups") return OB_N("党小组");
        if (view == "activists") return OB_N("入党积极分子");
        if (view == "assessment") return OB_N("考核评分");
        if (view == "rectification") return OB_N("整改台账");
        if (view == "catalogue") return OB_N("归档文件目录");
        return OB_N("概况");
    }
    archive::Section m_section;
    wxNotebook* m_book = nullptr;
    std::vector<View*> m_pages;
};

class WelcomeView : public View {
public:
    WelcomeView(wxWindow* parent, Shell& shell, wxFileHistory& history)
        : View(parent, shell, "welcome_view"), m_history(history) {
        reload();
        // The window's first activation gives the focus to its first control (the year box): take it back
        // once. Bound with this view as the handler, so the binding ends with the view.
        if (auto* top = wxGetTopLevelParent(this)) top->Bind(wxEVT_ACTIVATE, &WelcomeView::on_activate, this);
    }
    void reload() override {
        DestroyChildren();
        auto* box = new wxBoxSizer(wxVERTICAL);
        box->AddSpacer(60);
        auto* title = new wxStaticText(this, wxID_ANY, _("党建一本通"));
        title->SetFont(title->GetFont().Bold().Scaled(2.2f));
        title->SetForegroundColour(wxColour(0xB7, 0x1C, 0x1C));
        box->Add(title, 0, wxALIGN_CENTER_HORIZONTAL);
        box->Add(new wxStaticText(this, wxID_ANY, _("一次留痕、统一评判：基层党组织的标准化档案")), 0,
                 wxALIGN_CENTER_HORIZONTAL | wxTOP, 8);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        auto* create = named(new wxButton(this, wxID_ANY, _("新建档案…")), "welcome_new");
        auto* open = named(new wxButton(this, wxID_ANY, _("打开档案…")), "welcome_open");
        row->Add(create, 0, wxRIGHT, 12);
        row->Add(open);
        box->Add(row, 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, 24);
        create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { post_menu(menu_id::new_archive); });
        open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { post_menu(menu_id::open_archive); });
        if (m_history.GetCount() > 0) {
            box->Add(new wxStaticText(this, wxID_ANY, _("最近的档案")), 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, 28);
            for (std::size_t i = 0; i < m_history.GetCount(); ++i) {
                wxString path = m_history.GetHistoryFile(i);
                auto* link = new wxHyperlinkCtrl(this, wxID_ANY, wxFileName(path).GetFullName() + wx("  —  ") + path, path);
                link->Bind(wxEVT_HYPERLINK, [this, path](wxHyperlinkEvent&) {
                    if (auto* f = dynamic_cast<wxFrame*>(wxGetTopLevelParent(this))) {
                        wxCommandEvent e(wxEVT_MENU, wxID_FILE1 + static_cast<int>(index_of(path)));
                        wxPostEvent(f, e);
                    }
                });
                box->Add(link, 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, 4);
            }
        }
        SetSizer(box, true);
        Layout();
        // The primary action has the focus (not the year box in the top bar), so Enter creates an archive.
        create->SetDefault();
        focus_new();
    }

private:
    void focus_new() {
        CallAfter([this] {
            if (auto* b = FindWindow("welcome_new")) b->SetFocus();
        });
    }
    void on_activate(wxActivateEvent& e) {
        e.Skip();
        if (e.GetActive() && !m_activated) {
            m_activated = true;
            focus_new();
        }
    }
    bool m_activated = false;
    std::size_t index_of(const wxString& path) const {
        for (std::size_t i = 0; i < m_history.GetCount(); ++i)
            if (m_history.GetHistoryFile(i) == path) return i;
        return 0;
    }
    void post_menu(int id) {
        if (auto* f = wxGetTopLevelParent(this)) {
            wxCommandEvent e(wxEVT_MENU, id);
            wxPostEvent(f, e);
        }
    }
    wxFileHistory& m_history;
};

/// A chapter: its sections with what each holds; a click opens the section.
class ChapterView : public View {
public:
    ChapterView(wxWindow* parent, Shell& shell, const std::string& chapter, const std::vector<archive::Section>& sections)
        : View(parent, shell, "chapter_view") {
        auto* scroll = new wxScrolledWindow(this);
        scroll->SetScrollRate(0, 12);
        auto* box = new wxBoxSizer(wxVERTICAL);
        const auto* ch = archive::find_chapter(chapter);
        auto* title = new wxStaticText(scroll, wxID_ANY, ch ? wx(tr_ui(ch->title)) : wx(chapter));
        title->SetFont(title->GetFont().Bold().Scaled(1.4f));
        box->Add(title, 0, wxALL, 12);
        for (const auto& s : sections) {
            if (s.chapter != chapter) continue;
            auto* link = new wxHyperlinkCtrl(scroll, wxID_ANY, wx(tr_ui(s.title)), "section:" + wx(s.id));
            link->SetFont(link->GetFont().Bold());
            std::string id = s.id;
            link->Bind(wxEVT_HYPERLINK, [this, id](wxHyperlinkEvent&) { m_shell.navigate({"section:" + id, 0, {}}); });
            box->Add(link, 0, wxLEFT | wxTOP, 12);
            std::string line = tr_ui(s.description);
            if (!s.source.empty()) line += "\n" + tr_ui("依据：") + s.source;
            auto* d = new wxStaticText(scroll, wxID_ANY, wx(line));
            d->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
            d->Wrap(820);
            box->Add(d, 0, wxLEFT | wxRIGHT, 24);
        }
        scroll->SetSizer(box);
        auto* outer = new wxBoxSizer(wxVERTICAL);
        outer->Add(scroll, 1, wxEXPAND);
        SetSizer(outer);
    }
    void reload() override {}
};

} // namespace

View* make_welcome_view(wxWindow* parent, Shell& shell, wxFileHistory& history) {
    return new WelcomeView(parent, shell, history);
}

View* make_chapter_view(wxWindow* parent, Shell& shell, const std::string& chapter_id,
                        const std::vector<archive::Section>& sections) {
    return new ChapterView(parent, shell, chapter_id, sections);
}

View* make_section_view(wxWindow* parent, Shell& shell, const archive::Section& section) {
    bool only_view =
        section.has(archive::holds::view) && !(section.has(archive::holds::records) || section.has(archive::holds::rule_texts) ||
                                               section.has(archive::holds::entries) || section.has(archive::holds::documents));
    if (only_view)
        if (auto* v = make_named_view(parent, shell, section.view)) return v;
    return new SectionView(parent, shell, section);
}

View* make_special_view(wxWindow* parent, Shell& shell, const Target& target) {
    if (target.view == "rules") return make_rules_view(parent, shell);
    if (target.view == "plan") return make_plan_view(parent, shell);
    throw core::Error(OB_N("未知的视图“{view}”"), {{"view", target.view}});
}

} // namespace onebook::shell
