#include "table_export.hpp"

#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/stdpaths.h>

namespace onebook::shell {

namespace {

std::function<wxString(const wxString&, archive::TableFormat)>& chooser() {
    static std::function<wxString(const wxString&, archive::TableFormat)> c;
    return c;
}

archive::Translator translator() {
    // The shell's lookup (main catalogue, then the shell's). Parameters may be msgids themselves
    // (符合/超出); data passes through unchanged, having no translation.
    return {[](const std::string& s) { return tr_ui(s); },
            [](const core::Message& m) {
                core::MessageParams params = m.params;
                for (auto& p : params)
                    if (!p.second.empty()) p.second = tr_ui(p.second); // "" would give the catalogue header
                return core::substitute(tr_ui(m.key), params);
            }};
}

/// "幸福里社区党支部-党员名册-2025-12-31": the file name offices would give it.
wxString suggested_name(const std::vector<archive::Table>& localised, archive::TableFormat format) {
    std::string name;
    if (!localised.empty()) {
        const auto& t = localised.front();
        name = t.organisation;
        if (!t.title.key.empty()) name += (name.empty() ? "" : "-") + t.title.key;
        if (t.date.valid()) name += "-" + t.date.iso();
    }
    for (auto& ch : name)
        if (std::string("/\\:*?\"<>| ").find(ch) != std::string::npos) ch = '_';
    if (name.empty()) name = "onebook";
    return wx(name) + (format == archive::TableFormat::Xlsx ? ".xlsx" : ".csv");
}

} // namespace

void set_export_path_chooser(std::function<wxString(const wxString&, archive::TableFormat)> c) { chooser() = std::move(c); }

std::string clipboard_text(const std::vector<archive::Table>& tables) {
    std::string text;
    for (const auto& t : archive::localise(tables, translator())) {
        if (!text.empty()) text += "\r\n";
        if (tables.size() > 1) text += t.title.key + "\r\n";
        text += archive::render_tsv(t);
    }
    return text;
}

bool copy_tables(const std::vector<archive::Table>& tables) {
    if (!wxTheClipboard->Open()) return false;
    wxTheClipboard->SetData(new wxTextDataObject(wx(clipboard_text(tables))));
    wxTheClipboard->Flush(); // stays on the clipboard after OneBook quits
    wxTheClipboard->Close();
    return true;
}

std::optional<std::filesystem::path> export_tables(wxWindow* parent, Shell& shell, const std::vector<archive::Table>& tables,
                                                   archive::TableFormat format) {
    auto localised = archive::localise(tables, translator());
    wxString suggested = suggested_name(localised, format);
    wxString path;
    if (chooser()) {
        path = chooser()(suggested, format);
    } else {
        bool xlsx = format == archive::TableFormat::Xlsx;
        wxFileDialog dlg(parent, xlsx ? _("导出 Excel") : _("导出 CSV"), wxStandardPaths::Get().GetDocumentsDir(), suggested,
                         xlsx ? _("Excel 工作簿 (*.xlsx)|*.xlsx") : _("CSV 文件 (*.csv)|*.csv"),
                         wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dlg.ShowModal() == wxID_OK) path = dlg.GetPath();
    }
    if (path.empty()) return std::nullopt;
    std::filesystem::path out = str(path);
    if (!guarded(parent, [&] { archive::write_tables(localised, format, out); })) return std::nullopt;
    std::size_t rows = 0;
    for (const auto& t : tables) rows += t.rows.size();
    shell.set_status(fmt("已导出 {file}（{tables} 张表，{rows} 行）",
                         {{"file", out.string()}, {"tables", std::to_string(tables.size())}, {"rows", std::to_string(rows)}}));
    return out;
}

wxButton* add_table_export(wxWindow* parent, wxSizer* sizer, Shell& shell, wxWindow* list, const std::string& name,
                           TableSource source) {
    auto* button = new wxButton(parent, wxID_ANY, _("导出…"));
    button->SetName(wx(name + "_export"));
    button->SetToolTip(_("导出 Excel 或 CSV，或复制表格后粘贴到 Excel"));
    sizer->Add(button, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    auto run = [parent, &shell, source](int id) {
        std::vector<archive::Table> tables;
        if (!guarded(parent, [&] { tables = source(); })) return;
        if (id == table_export_id::copy) {
            if (copy_tables(tables)) shell.set_status(_("表格已复制，可粘贴到 Excel 或 WPS"));
            return;
        }
        export_tables(parent, shell, tables,
                      id == table_export_id::excel ? archive::TableFormat::Xlsx : archive::TableFormat::Csv);
    };
    button->Bind(wxEVT_BUTTON, [button](wxCommandEvent&) {
        wxMenu menu;
        menu.Append(table_export_id::excel, _("导出 Excel…"));
        menu.Append(table_export_id::csv, _("导出 CSV…"));
        menu.AppendSeparator();
        menu.Append(table_export_id::copy, _("复制表格\tCtrl+C"));
        button->PopupMenu(&menu, 0, button->GetSize().y);
    });
    button->Bind(
        wxEVT_MENU, [run](wxCommandEvent& e) { run(e.GetId()); }, table_export_id::excel, table_export_id::copy);
    bind_copy_key(list, button);
    return button;
}

void bind_copy_key(wxWindow* list, wxWindow* export_button) {
    if (!list || !export_button) return;
    list->Bind(wxEVT_KEY_DOWN, [export_button](wxKeyEvent& e) {
        if (e.GetKeyCode() == 'C' && e.GetModifiers() == wxMOD_CONTROL) {
            wxCommandEvent copy(wxEVT_MENU, table_export_id::copy);
            export_button->GetEventHandler()->ProcessEvent(copy);
        } else {
            e.Skip();
        }
    });
}

} // namespace onebook::shell
