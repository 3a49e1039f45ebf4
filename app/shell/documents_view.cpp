// Archived documents in any section: file in (button or drag and drop), edit the archival metadata
// (DA/T 22-2015), open with the system's viewer; and the year's catalogue (归档文件目录).
#include "views.hpp"

#include "fonds_dialog.hpp"
#include "open_file.hpp"
#include "safety_net.hpp"
#include "table_export.hpp"
#include "ui_util.hpp"

#include "onebook/archive/documents.hpp"
#include "onebook/archive/tables.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dnd.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <filesystem>

namespace onebook::shell {

namespace {

const std::vector<std::pair<const char*, int>> kDocColumns = {{OB_N("档号"), 190}, {OB_N("题名"), 260}, {OB_N("责任者"), 140},
                                                              {OB_N("文号"), 150}, {OB_N("日期"), 80},  {OB_N("密级"), 50},
                                                              {OB_N("页数"), 45},  {OB_N("备注"), 150}};

/// A document's columns (kDocColumns) in row `i`, from column `first` on.
void fill_doc_row(wxListCtrl* list, long i, const archive::Document& d, int first = 0) {
    list->SetItem(i, first, wx(d.archival_code()));
    list->SetItem(i, first + 1, wx(d.title));
    list->SetItem(i, first + 2, wx(d.author));
    list->SetItem(i, first + 3, wx(d.doc_ref));
    list->SetItem(i, first + 4, wx(d.date));
    list->SetItem(i, first + 5, wx(d.secret));
    list->SetItem(i, first + 6, d.pages ? wxString::Format("%d", *d.pages) : wxString());
    list->SetItem(i, first + 7, wx(d.notes));
}

/// The metadata of one document (new: for the file being filed).
class DocumentDialog : public wxDialog {
public:
    DocumentDialog(wxWindow* parent, const archive::DocumentMeta& meta, const wxString& file, const archive::DocumentStore& store)
        : wxDialog(parent, wxID_ANY, file.empty() ? _("编辑归档信息") : _("归档文件"), wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_meta(meta), m_store(store) {
        SetName("document_dialog");
        auto* box = new wxBoxSizer(wxVERTICAL);
        if (!file.empty()) box->Add(new wxStaticText(this, wxID_ANY, _("文件：") + file), 0, wxLEFT | wxRIGHT | wxTOP, 12);
        auto* grid = new wxFlexGridSizer(2, 8, 8);
        grid->AddGrowableCol(1, 1);
        m_title = named(new wxTextCtrl(this, wxID_ANY, wx(meta.title), wxDefaultPosition, wxSize(380, -1)), "doc_title");
        m_year =
            named(new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1921, 2100, meta.year),
                  "doc_year");
        m_retention = named(new wxChoice(this, wxID_ANY), "doc_retention");
        for (auto r : archive::all_retentions()) {
            m_retention->Append(wx(tr_ui(archive::retention_label(r))) + " (" + archive::retention_code(r) + ")");
            if (r == meta.retention) m_retention->SetSelection(m_retention->GetCount() - 1);
        }
        m_author = named(new wxTextCtrl(this, wxID_ANY, wx(meta.author)), "doc_author");
        m_ref = named(new wxTextCtrl(this, wxID_ANY, wx(meta.doc_ref)), "doc_ref");
        m_ref->SetHint(_("例如：幸街党工〔2025〕8号"));
        m_date = named(new wxTextCtrl(this, wxID_ANY, wx(meta.date)), "doc_date");
        m_date->SetHint("20250301");
        m_secret = named(new wxChoice(this, wxID_ANY), "doc_secret");
        for (const auto& s : archive::secrecy_levels()) m_secret->Append(s.empty() ? _("（无）") : wx(s));
        m_secret->SetSelection(0);
        for (std::size_t i = 0; i < archive::secrecy_levels().size(); ++i)
            if (archive::secrecy_levels()[i] == meta.secret) m_secret->SetSelection(static_cast<int>(i));
        m_pages =
            named(new wxTextCtrl(this, wxID_ANY, meta.pages ? wxString::Format("%d", *meta.pages) : wxString()), "doc_pages");
        m_pages->SetHint(_("PDF 和图片自动计算"));
        m_notes = named(new wxTextCtrl(this, wxID_ANY, wx(meta.notes)), "doc_notes");
        add_row(this, grid, _("题名"), m_title, true);
        add_row(this, grid, _("年度"), m_year, true);
        add_row(this, grid, _("保管期限"), m_retention, true);
        add_row(this, grid, _("责任者"), m_author);
        add_row(this, grid, _("文号"), m_ref);
        add_row(this, grid, _("日期"), m_date);
        add_row(this, grid, _("密级"), m_secret);
        add_row(this, grid, _("页数"), m_pages);
        add_row(this, grid, _("备注"), m_notes);
        box->Add(grid, 1, wxEXPAND | wxALL, 12);
        finish_form_dialog(this, box, file.empty() ? _("保存") : _("归档"), [this] { return collect(); });
    }
    const archive::DocumentMeta& meta() const { return m_meta; }

private:
    bool collect() {
        return guarded(this, [&] {
            archive::DocumentMeta m = m_meta;
            m.title = trim(str(m_title->GetValue()));
            m.year = m_year->GetValue();
            m.retention = archive::all_retentions().at(std::max(0, m_retention->GetSelection()));
            m.author = trim(str(m_author->GetValue()));
            m.doc_ref = trim(str(m_ref->GetValue()));
            std::string date = trim(str(m_date->GetValue()));
            if (!date.empty()) {
                auto n = archive::normalise_doc_date(date);
                if (!n)
                    throw core::Error(
                        OB_N("“{field}”的日期“{value}”无法识别或不存在，应写作 2024-03-01、2024/3/1 或 2024年3月1日"),
                        {{"field", tr_ui("日期")}, {"value", date}}, {{}, {}, "date"});
                date = *n;
            }
            m.date = date;
            m.secret = archive::secrecy_levels().at(std::max(0, m_secret->GetSelection()));
            std::string pages = trim(str(m_pages->GetValue()));
            long n = 0;
            if (pages.empty()) m.pages.reset();
            else if (wxString(wx(pages)).ToLong(&n) && n > 0) m.pages = static_cast<int>(n);
            else throw core::Error(OB_N("页数应为正整数，而不是“{value}”"), {{"value", pages}}, {{}, {}, "pages"});
            m.notes = trim(str(m_notes->GetValue()));
            m_store.validate(m);
            m_meta = m;
        });
    }
    archive::DocumentMeta m_meta;
    const archive::DocumentStore& m_store;
    wxTextCtrl *m_title, *m_author, *m_ref, *m_date, *m_pages, *m_notes;
    wxSpinCtrl* m_year;
    wxChoice *m_retention, *m_secret;
};

class DocumentsPanel;

class DocDrop : public wxFileDropTarget {
public:
    explicit DocDrop(DocumentsPanel* p) : m_panel(p) {}
    bool OnDropFiles(wxCoord, wxCoord, const wxArrayString& files) override;

private:
    DocumentsPanel* m_panel;
};

class DocumentsPanel : public View {
public:
    DocumentsPanel(wxWindow* parent, Shell& shell, const std::string& section_id)
        : View(parent, shell, "documents_panel"), m_section(section_id) {
        auto* box = new wxBoxSizer(wxVERTICAL);
        auto* bar = new wxBoxSizer(wxHORIZONTAL);
        auto* add = named(new wxButton(this, wxID_ANY, _("归档文件…")), "docs_add");
        auto* edit = named(new wxButton(this, wxID_ANY, _("编辑归档信息…")), "docs_edit");
        auto* open = named(new wxButton(this, wxID_ANY, _("打开")), "docs_open");
        for (auto* b : {add, edit, open}) bar->Add(b, 0, wxRIGHT, 6);
        add_table_export(this, bar, m_shell, nullptr, "docs", [this] {
            return std::vector<archive::Table>{archive::documents_table(m_shell.home().name, m_docs, core::Date::today())};
        });
        auto* hint = new wxStaticText(this, wxID_ANY, _("也可以把文件拖到列表中归档"));
        hint->SetForegroundColour(wxColour(0x66, 0x66, 0x66));
        bar->Add(hint, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
        box->Add(bar, 0, wxALL, 8);
        m_list =
            named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL), "docs_list");
        for (const auto& [t, w] : kDocColumns) m_list->AppendColumn(_(t), wxLIST_FORMAT_LEFT, w);
        m_list->SetDropTarget(new DocDrop(this));
        bind_copy_key(m_list, FindWindow("docs_export"));
        box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
        SetSizer(box);
        add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            auto paths = choose_files(this, _("选择要归档的文件"));
            if (!paths.empty()) file_in(paths);
        });
        edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
        open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_selected(); });
        m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open_selected(); });
        reload();
    }

    void reload() override {
        archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
        archive::DocumentFilter f;
        f.section_id = m_section;
        m_docs = store.list(f);
        m_list->DeleteAllItems();
        for (const auto& d : m_docs) fill_doc_row(m_list, m_list->InsertItem(m_list->GetItemCount(), ""), d);
    }

    void select_item(const Target& t) override {
        if (long i = row_of(m_docs, t.item); i >= 0) select_row(m_list, i);
    }

    /// Files each path in (one metadata dialog per file).
    void file_in(const wxArrayString& paths) {
        auto& a = m_shell.archive();
        if (a.setting(archive::fonds_code_setting).empty()) {
            FondsDialog ask_code(this);
            if (ask_code.ShowModal() != wxID_OK) {
                m_shell.set_status(_("文件未归档：填写全宗号后再拖入或添加即可"));
                return;
            }
            if (!guarded(this, [&] { a.set_setting(archive::fonds_code_setting, ask_code.code()); })) return;
        }
        archive::DocumentStore store(a, m_shell.plugins());
        for (const auto& p : paths) {
            archive::DocumentMeta meta;
            meta.section_id = m_section;
            meta.year = m_shell.year();
            meta.title = std::filesystem::path(str(p)).stem().string();
            meta.author = m_shell.home().name;
            DocumentDialog dlg(this, meta, p, store);
            if (dlg.ShowModal() != wxID_OK) continue;
            archive::Document d;
            if (guarded(this, [&] { d = store.add(str(p), dlg.meta()); })) {
                m_shell.set_status(fmt("已归档：{code} {title}", {{"code", d.archival_code()}, {"title", d.title}}));
                changed();
                select_item({"", d.id, "document"});
            }
        }
    }

private:
    long selected() const { return m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }
    void edit_selected() {
        long i = selected();
        if (i < 0) return;
        archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
        const auto& d = m_docs.at(i);
        DocumentDialog dlg(this, d, {}, store);
        add_history_tab(&dlg, m_shell.archive(), "document", d.id);
        if (dlg.ShowModal() != wxID_OK) return;
        core::Id id = d.id;
        if (guarded(this, [&] { store.update(id, dlg.meta()); })) {
            reload();
            select_item({"", id, "document"});
        }
    }
    void open_selected() {
        long i = selected();
        if (i < 0) return;
        archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
        auto path = store.path_of(m_docs.at(i));
        if (!std::filesystem::exists(path)) {
            show_error(this, fmt("文件 {file} 不存在", {{"file", path.string()}}));
            return;
        }
        // The store names files by hash: open a copy with the filed name so the viewer knows the type.
        auto view_dir = std::filesystem::temp_directory_path() / "onebook-view";
        std::error_code ec;
        std::filesystem::create_directories(view_dir, ec);
        auto copy = view_dir / m_docs.at(i).file_name;
        std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing, ec);
        open_with_system(this, ec ? path : copy);
    }

    std::string m_section;
    std::vector<archive::Document> m_docs;
    wxListCtrl* m_list;
};

bool DocDrop::OnDropFiles(wxCoord, wxCoord, const wxArrayString& files) {
    m_panel->CallAfter([p = m_panel, files] { p->file_in(files); }); // not inside the drag-and-drop callback
    return true;
}

/// 归档文件目录 of a year: every document of every section, in catalogue order.
class CatalogueView : public View {
public:
    CatalogueView(wxWindow* parent, Shell& shell) : View(parent, shell, "catalogue_view") {
        auto* box = new wxBoxSizer(wxVERTICAL);
        m_title = heading(this, "");
        auto* head = new wxBoxSizer(wxHORIZONTAL);
        head->Add(m_title, 1, wxALIGN_CENTER_VERTICAL);
        box->Add(head, 0, wxEXPAND | wxALL, 10);
        m_list = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL),
                       "catalogue_list");
        add_table_export(this, head, m_shell, m_list, "catalogue", [this] {
            return std::vector<archive::Table>{archive::documents_table(m_shell.home().name, m_docs, core::Date::today())};
        });
        m_list->AppendColumn(_("序号"), wxLIST_FORMAT_RIGHT, 45);
        for (const auto& [t, w] : kDocColumns) m_list->AppendColumn(_(t), wxLIST_FORMAT_LEFT, w);
        box->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
        SetSizer(box);
        m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
            const auto& d = m_docs.at(e.GetIndex());
            m_shell.navigate({"section:" + d.section_id, d.id, "document"});
        });
        reload();
    }
    void reload() override {
        archive::DocumentStore store(m_shell.archive(), m_shell.plugins());
        archive::DocumentFilter f;
        f.year = m_shell.year();
        m_docs = store.list(f);
        m_title->SetLabel(fmt("{year} 年归档文件目录（{count} 件）",
                              {{"year", std::to_string(m_shell.year())}, {"count", std::to_string(m_docs.size())}}));
        m_list->DeleteAllItems();
        for (std::size_t k = 0; k < m_docs.size(); ++k) {
            long i = m_list->InsertItem(m_list->GetItemCount(), wxString::Format("%zu", k + 1));
            fill_doc_row(m_list, i, m_docs[k], 1);
        }
    }

private:
    wxStaticText* m_title;
    wxListCtrl* m_list;
    std::vector<archive::Document> m_docs;
};

} // namespace

View* make_documents_panel(wxWindow* parent, Shell& shell, const std::string& section_id) {
    return new DocumentsPanel(parent, shell, section_id);
}
View* make_catalogue_view(wxWindow* parent, Shell& shell) { return new CatalogueView(parent, shell); }

} // namespace onebook::shell
