// Search box results: ranked hits with the matches highlighted; choosing one opens it in its section.
#include "views.hpp"

#include "ui_util.hpp"

#include "onebook/roster.hpp"

#include "onebook/archive/documents.hpp"
#include "onebook/archive/entries.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/search.hpp"
#include "onebook/records.hpp"

#include <wx/button.h>
#include <wx/htmllbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <map>

namespace onebook::shell {

namespace {

// Markers the text cannot contain, replaced by HTML after escaping.
const std::string kOpen = "\x01", kClose = "\x02";

wxString html(const std::string& marked) {
    wxString out;
    for (const auto& piece : wxSplit(wx(marked), '\n')) {
        wxString e = piece;
        e.Replace("&", "&amp;");
        e.Replace("<", "&lt;");
        e.Replace(">", "&gt;");
        if (!out.empty()) out += " ";
        out += e;
    }
    out.Replace(wx(kOpen), "<b><font color=\"#B71C1C\">");
    out.Replace(wx(kClose), "</font></b>");
    return out;
}

class SearchView : public View {
public:
    SearchView(wxWindow* parent, Shell& shell, const std::string& query) : View(parent, shell, "search_view"), m_query(query) {
        auto* box = new wxBoxSizer(wxVERTICAL);
        m_title = heading(this, "");
        box->Add(m_title, 0, wxALL, 10);
        m_list = named(new wxSimpleHtmlListBox(this, wxID_ANY), "search_results");
        box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        auto* hint = new wxStaticText(this, wxID_ANY, _("双击结果（或选中后按“打开”）在所在篇目中打开。"));
        hint->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
        row->Add(hint, 1, wxALIGN_CENTER_VERTICAL);
        auto* open = named(new wxButton(this, wxID_ANY, _("打开")), "search_open");
        row->Add(open);
        box->Add(row, 0, wxEXPAND | wxALL, 10);
        SetSizer(box);
        m_list->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { open_hit(m_list->GetSelection()); });
        open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_hit(m_list->GetSelection()); });
        reload();
    }

    void reload() override {
        m_hits.clear();
        m_list->Clear();
        archive::SearchResult result;
        m_sections = archive::book_sections(m_shell.plugins(), m_shell.home().sector);
        bool ok = guarded(this, [&] {
            archive::SearchIndex index(m_shell.archive(), &m_shell.plugins());
            archive::SearchOptions opt;
            opt.open = kOpen;
            opt.close = kClose;
            opt.limit = 200;
            opt.organisation_id = m_shell.home().id;
            result = index.search(m_query, opt);
        });
        if (!ok) return;
        // Members by name first (only the name: never ID numbers, phones or addresses).
        std::string q = trim(m_query);
        if (!q.empty()) {
            core::Roster roster(m_shell.archive().db(), m_shell.home().id);
            std::map<core::Id, std::string> groups;
            for (const auto& g : roster.groups()) groups[g.id] = g.name;
            for (const auto& m : roster.members())
                if (m.name.find(q) != std::string::npos) {
                    archive::SearchHit h;
                    h.kind = "member";
                    h.kind_label = "党员";
                    h.ref = std::to_string(m.id);
                    h.title = m.name;
                    h.location = m.group_id && groups.count(*m.group_id) ? groups[*m.group_id] : std::string();
                    m_hits.push_back(h);
                }
        }
        std::size_t members = m_hits.size();
        m_hits.insert(m_hits.end(), result.hits.begin(), result.hits.end());
        m_title->SetLabel(fmt("搜索“{query}”：{count} 条结果",
                              {{"query", m_query}, {"count", std::to_string(static_cast<std::size_t>(result.total) + members)}}));
        for (const auto& h : m_hits) {
            wxString item = "<b>" + html(h.title) + "</b> &nbsp; <font color=\"#666666\">" + wx(tr_ui(h.kind_label));
            const std::string& loc = h.location; // the core has put the book's titles in
            if (!loc.empty()) item += wx(" · ") + html(loc);
            if (!h.item_date.empty() && loc.find(h.item_date) == std::string::npos) item += wx(" · ") + wx(h.item_date);
            item += "</font>";
            if (!h.snippet.empty()) item += "<br>" + html(h.snippet);
            m_list->Append(item);
        }
        if (!m_hits.empty()) m_list->SetSelection(0);
        Layout();
    }

    /// Opens the hit in its section (what a double-click does).
    void open_hit(int i) {
        if (i < 0 || i >= static_cast<int>(m_hits.size())) return;
        const auto h = m_hits[i];
        guarded(this, [&] {
            auto& a = m_shell.archive();
            const std::string& kind = h.kind;
            if (kind == "member") {
                m_shell.navigate({"section:basic.members", std::stoll(h.ref), {}});
            } else if (kind == archive::search_kind::record) {
                core::RecordStore store(a.db(), m_shell.home().id);
                auto r = store.get(std::stoll(h.ref));
                const auto* s = r ? archive::section_for_record_type(m_sections, r->type) : nullptr;
                if (s) m_shell.navigate({"section:" + s->id, r->id, {}});
            } else if (kind == archive::search_kind::rectification) {
                m_shell.navigate({"section:work.rectification", std::stoll(h.ref), {}});
            } else if (kind == archive::search_kind::document) {
                archive::DocumentStore docs(a, m_sections);
                if (auto d = docs.get(std::stoll(h.ref))) m_shell.navigate({"section:" + d->section_id, d->id, "document"});
            } else if (kind == archive::search_kind::entry) {
                archive::EntryStore entries(a, m_sections);
                core::Id id = std::stoll(h.ref);
                for (const auto& e : entries.list())
                    if (e.id == id) m_shell.navigate({"section:" + e.section_id, id, "entry"});
            } else if (kind == archive::search_kind::rule_text) {
                std::string text_id = h.ref.substr(h.ref.find(':') + 1);
                archive::RuleTextStore texts(a, m_shell.plugins());
                if (auto t = texts.get(text_id)) m_shell.navigate({"section:" + t->section_id, 0, "ruletext:" + text_id});
            } else if (kind == archive::search_kind::assessment) {
                m_shell.navigate({"section:work.assessment", 0, {}});
            }
        });
    }

private:
    std::string m_query;
    wxStaticText* m_title;
    wxSimpleHtmlListBox* m_list;
    std::vector<archive::SearchHit> m_hits;
    std::vector<archive::Section> m_sections;
};

} // namespace

View* make_search_view(wxWindow* parent, Shell& shell, const std::string& query) { return new SearchView(parent, shell, query); }

} // namespace onebook::shell
