// The Book menu: boards, the book PDF, packages up and down, the superior's summary. Long work runs
// through run_task (progress, cancel); a cancelled export leaves no file, a cancelled import
// leaves the archive unchanged (the statement is interrupted and the transaction rolls back).
#include "main_frame.hpp"

#include "board_dialog.hpp"
#include "i18n.hpp"
#include "open_file.hpp"
#include "table_export.hpp"
#include "task.hpp"
#include "ui_util.hpp"

#include "onebook/archive/book_pdf.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/atomic_file.hpp"
#include "onebook/numbers.hpp"
#include "onebook/rubric.hpp"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>

namespace onebook::shell {

namespace {

wxString kb(std::uint64_t bytes) { return wxString::Format("%.1f KB", static_cast<double>(bytes) / 1024.0); }

/// A report with a list (kind, added, changed, removed…) under a text.
void show_report(wxWindow* parent, const wxString& title, const wxString& text, const std::vector<wxString>& columns,
                 const std::vector<std::vector<wxString>>& rows, const char* name) {
    wxDialog dlg(parent, wxID_ANY, title, wxDefaultPosition, wxSize(680, 460), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    dlg.SetName(name);
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* t = new wxStaticText(&dlg, wxID_ANY, text);
    t->Wrap(640);
    box->Add(t, 0, wxALL, 12);
    if (!columns.empty()) {
        auto* list = new wxListCtrl(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
        for (const auto& c : columns) list->AppendColumn(c, wxLIST_FORMAT_LEFT, c == columns.front() ? 200 : 90);
        for (const auto& r : rows) {
            long i = list->InsertItem(list->GetItemCount(), r.at(0));
            for (std::size_t c = 1; c < r.size(); ++c) list->SetItem(i, static_cast<long>(c), r[c]);
        }
        box->Add(list, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    }
    box->Add(close_row(&dlg), 0, wxEXPAND | wxALL, 12);
    dlg.SetSizer(box);
    dlg.CentreOnParent();
    dlg.ShowModal();
}

} // namespace

void MainFrame::make_board(const std::string& template_id) {
    if (!has_archive()) return;
    BoardDialog dlg(this, *this, template_id);
    dlg.ShowModal();
}

void MainFrame::export_book_pdf() {
    if (!has_archive()) return;
    int y = year();
    auto org = home();
    wxFileDialog dlg(this, fmt("导出 {year} 年一本通 PDF", {{"year", std::to_string(y)}}),
                     wxStandardPaths::Get().GetDocumentsDir(), wx(org.name + "-" + std::to_string(y) + "-一本通.pdf"),
                     _("PDF 文件 (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return;
    std::filesystem::path out = str(dlg.GetPath());
    core::AtomicFile file(out); // the old file stays until the whole book is written
    const auto& tmp = file.temp_path();
    archive::BookResult result;
    bool done = false;
    bool ok = guarded(this, [&] {
        done = run_task(this, _("导出一本通 PDF"), [&](TaskControl& t) {
            t.progress(-1, fmt("正在排版 {year} 年一本通（记录、考核、整改、归档文件）…", {{"year", std::to_string(y)}}));
            t.on_cancel([db = &archive().db()] { db->interrupt(); });
            archive::BookOptions opt;
            opt.year = y;
            result = archive::write_book_pdf(archive(), m_plugins, opt, tmp);
            t.check();
        });
    });
    if (!ok || !done) {
        if (ok) set_status(_("已取消，没有生成文件"));
        return;
    }
    if (!guarded(this, [&] { file.commit(); })) return;
    wxString text = fmt("已导出 {file}：{pages} 页，{records} 条记录，{documents} 件归档文件，{images} 张图片，{kb}",
                        {{"file", out.string()},
                         {"pages", std::to_string(result.pages)},
                         {"records", std::to_string(result.records)},
                         {"documents", std::to_string(result.documents)},
                         {"images", std::to_string(result.images)},
                         {"kb", str(kb(result.bytes))}});
    for (const auto& w : result.warnings) text += wx("\n⚠ ") + msg(w);
    set_status(fmt("已导出 {file}", {{"file", out.string()}}));
    if (ask(this, text + "\n\n" + _("现在打开这个 PDF 吗？"), _("一本通 PDF"))) open_with_system(this, out);
}

void MainFrame::export_package() {
    if (!has_archive()) return;
    auto org = home();
    wxFileDialog dlg(this, _("导出档案包（报送上级）"), wxStandardPaths::Get().GetDocumentsDir(),
                     wx(org.name + "-" + core::Date::today().iso() + ".zip"), _("档案包 (*.zip)|*.zip"),
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return;
    archive::ExportOptions opt;
    opt.include_private = false; // personal data stays in the branch unless the CLI is asked explicitly
    std::filesystem::path out = str(dlg.GetPath());
    archive::ExportReport report;
    bool done = false;
    bool ok = guarded(this, [&] {
        done = run_task(this, _("导出档案包"), [&](TaskControl& t) {
            t.progress(-1, _("正在导出档案数据和文件…"));
            t.on_cancel([db = &archive().db()] { db->interrupt(); });
            // The core writes a temporary file and renames it: a cancelled export leaves nothing.
            report = archive::export_package(archive(), out, opt);
        });
    });
    if (!ok) return;
    if (!done) {
        set_status(_("已取消，没有生成文件"));
        return;
    }
    std::vector<std::vector<wxString>> rows;
    for (const auto& [table, n] : report.rows) rows.push_back({wx(archive::table_label(table)), wxString::Format("%d", n)});
    show_report(this, _("档案包已导出"),
                fmt("已导出 {file}（{kb}）：{files} 个文件，不含隐私信息。",
                    {{"file", out.string()}, {"kb", str(kb(report.bytes))}, {"files", std::to_string(report.files)}}),
                {_("数据"), _("条数")}, rows, "export_report");
}

void MainFrame::import_package() {
    if (!has_archive()) return;
    wxFileDialog dlg(this, _("导入下级报送的档案包"), "", "", _("档案包 (*.zip)|*.zip|所有文件|*"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) return;
    std::filesystem::path zip = str(dlg.GetPath());
    archive::ImportReport report;
    archive::ImportOptions options;
    options.plugins = &plugins();
    bool done = false, ok = false;
    for (;;) {
        // A renamed branch, a new sector or form, most records dropped: shown, applied only when confirmed.
        std::optional<core::Error> differences, new_key;
        ok = guarded(this, [&] {
            done = run_task(this, _("导入档案包"), [&](TaskControl& t) {
                t.progress(-1, _("正在校验档案包（每个文件的校验和）并导入…"));
                t.on_cancel([db = &archive().db()] { db->interrupt(); });
                try {
                    report = archive::import_package(archive(), zip, options);
                } catch (const core::Error& e) {
                    if (e.param("readmit") == "needed") new_key = e;
                    else if (e.param("accept_changes") == "needed") differences = e;
                    else throw;
                }
            });
        });
        if (!ok || (!differences && !new_key)) break;
        if (new_key) { // re-admission is explicit and logged
            if (!ask(this, wx(app::describe(*new_key)) + "\n\n" + _("已与该支部核对密钥指纹，重新接纳它吗？"), _("签名密钥不同")))
                return;
            options.readmit = true;
            continue;
        }
        if (!ask(this, wx(app::describe(*differences)) + "\n\n" + _("确认这些差异无误并导入吗？"),
                 _("档案包与已导入的内容有重大差异")))
            return;
        options.accept_changes = true;
    }
    if (!ok) return; // the core's verification message was shown; the archive is unchanged
    if (!done) {
        show_info(this, _("已取消导入，档案没有任何改动。"));
        return;
    }
    std::vector<std::vector<wxString>> rows;
    for (const auto& c : report.changes)
        rows.push_back({wx(c.label.empty() ? c.kind : c.label), wxString::Format("%d", c.added),
                        wxString::Format("%d", c.changed), wxString::Format("%d", c.removed),
                        wxString::Format("%d", c.unchanged)});
    wxString outcome = report.outcome == "added" ? _("新增组织") : report.outcome == "replaced" ? _("已更新") : _("没有变化");
    archive_changed();
    show_report(this, _("档案包已导入"),
                fmt("{organisation}（{exported_at} 导出）：{outcome}，新增文件 {files} 个，用时 {seconds} 秒。校验全部通过。",
                    {{"organisation", report.package.organisation},
                     {"exported_at", report.package.exported_at},
                     {"outcome", str(outcome)},
                     {"files", std::to_string(report.files_added)},
                     {"seconds", str(wxString::Format("%.1f", report.seconds))}}),
                {_("数据"), _("新增"), _("修改"), _("删除"), _("未变")}, rows, "import_report");
}

namespace {

/// The superior's 分类定级 summary of a year: 汇总表, 一览表 with the explanations, the checks.
class SummaryDialog : public wxDialog {
public:
    SummaryDialog(wxWindow* parent, Shell& shell)
        : wxDialog(parent, wxID_ANY, _("分类定级汇总"), wxDefaultPosition, wxSize(1000, 660),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          m_shell(shell) {
        SetName("summary_dialog");
        auto* box = new wxBoxSizer(wxVERTICAL);
        m_head = new wxStaticText(this, wxID_ANY, "");
        m_head->SetFont(m_head->GetFont().Bold().Scaled(1.15f));
        box->Add(m_head, 0, wxALL, 10);
        box->Add(new wxStaticText(this, wxID_ANY, _("汇总表")), 0, wxLEFT, 10);
        m_counts = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 150), wxLC_REPORT), "summary_counts");
        box->Add(m_counts, 0, wxEXPAND | wxALL, 10);
        box->Add(new wxStaticText(this, wxID_ANY, _("一览表（双击填写说明情况）")), 0, wxLEFT, 10);
        m_rows = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL),
                       "summary_rows");
        for (const auto& [t, w] : std::vector<std::pair<const char*, int>>{{OB_N("组织"), 240},
                                                                           {OB_N("行业"), 90},
                                                                           {OB_N("得分"), 60},
                                                                           {OB_N("等次"), 60},
                                                                           {OB_N("需说明"), 200},
                                                                           {OB_N("说明情况"), 300}})
            m_rows->AppendColumn(_(t), wxLIST_FORMAT_LEFT, w);
        box->Add(m_rows, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
        m_checks = named(new wxStaticText(this, wxID_ANY, ""), "summary_checks");
        box->Add(m_checks, 0, wxALL, 10);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        auto* explain = new wxButton(this, wxID_ANY, _("填写说明情况…"));
        auto* pdf = new wxButton(this, wxID_ANY, _("导出 PDF…"));
        row->Add(explain, 0, wxRIGHT, 6);
        row->AddStretchSpacer();
        row->Add(pdf, 0, wxRIGHT, 6);
        // 汇总表, 一览表 and 较差名单 as Excel (one sheet each) or CSV, or copied for pasting.
        add_table_export(this, row, m_shell, m_rows, "summary",
                         [this] { return archive::summary_tables(m_summary, core::Date::today()); });
        row->Add(new wxButton(this, wxID_CANCEL, _("关闭")));
        box->Add(row, 0, wxEXPAND | wxALL, 10);
        SetSizer(box);
        CentreOnParent();
        explain->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            this->explain(m_rows->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED));
        });
        m_rows->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { this->explain(e.GetIndex()); });
        pdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(true); });
        reload();
    }

private:
    void reload() {
        if (!guarded(this, [&] { m_summary = archive::grading_summary(m_shell.archive(), m_shell.plugins(), m_shell.year()); }))
            return;
        const auto& s = m_summary;
        m_head->SetLabel(
            fmt("{superior} {year} 年分类定级：{count} 个党组织",
                {{"superior", s.superior}, {"year", std::to_string(s.year)}, {"count", std::to_string(s.all.count)}}));
        m_counts->ClearAll();
        m_counts->AppendColumn(_("行业"), wxLIST_FORMAT_LEFT, 140);
        m_counts->AppendColumn(_("总数"), wxLIST_FORMAT_RIGHT, 60);
        for (const auto& g : s.grades) m_counts->AppendColumn(wx(g), wxLIST_FORMAT_RIGHT, 110);
        auto line = [&](const archive::GradingCounts& c, const wxString& name) {
            long i = m_counts->InsertItem(m_counts->GetItemCount(), name);
            m_counts->SetItem(i, 1, wxString::Format("%d", c.count));
            for (std::size_t g = 0; g < c.by_grade.size(); ++g)
                m_counts->SetItem(
                    i, static_cast<long>(g + 2),
                    wxString::Format(wx("%d（%s）"), c.by_grade[g],
                                     wx(archive::percent(c.count ? static_cast<double>(c.by_grade[g]) / c.count : 0))));
        };
        for (const auto& c : s.sectors) line(c, wx(c.sector_name));
        line(s.all, _("合计"));
        m_rows->DeleteAllItems();
        for (const auto& r : s.rows) {
            long i = m_rows->InsertItem(m_rows->GetItemCount(), wx(r.name));
            m_rows->SetItem(i, 1, wx(r.sector_name));
            m_rows->SetItem(i, 2, wx(core::format_number(r.total)));
            m_rows->SetItem(i, 3, wx(r.grade));
            m_rows->SetItem(i, 4, wx(r.why));
            m_rows->SetItem(i, 5, wx(r.explanation));
            if (r.needs_explanation && r.explanation.empty()) m_rows->SetItemBackgroundColour(i, colours::warning());
            if (r.grade == s.poor_grade) m_rows->SetItemTextColour(i, wxColour(0xB0, 0x30, 0x20));
        }
        wxString checks = fmt("“{good}”占 {good_share}（上限 {good_max}），“{poor}”占 {poor_share}（约 {poor_target}）",
                              {{"good", s.good_grade},
                               {"good_share", archive::percent(s.good_share)},
                               {"good_max", archive::percent(s.good_max_share)},
                               {"poor", s.poor_grade},
                               {"poor_share", archive::percent(s.poor_share)},
                               {"poor_target", archive::percent(s.poor_target)}});
        for (const auto& w : s.warnings) checks += wx("\n⚠ ") + msg(w);
        if (!s.missing_explanations.empty())
            checks += "\n" + fmt("还有 {count} 个党组织缺少说明情况", {{"count", std::to_string(s.missing_explanations.size())}});
        if (!s.ungraded.empty()) checks += "\n" + fmt("未定级：{count} 个", {{"count", std::to_string(s.ungraded.size())}});
        m_checks->SetLabel(checks);
        Layout();
    }
    void explain(long i) {
        if (i < 0 || i >= static_cast<long>(m_summary.rows.size())) return;
        const auto& r = m_summary.rows[i];
        wxTextEntryDialog dlg(this,
                              fmt("{name}（{grade}）的说明情况：{why}", {{"name", r.name}, {"grade", r.grade}, {"why", r.why}}),
                              _("说明情况"), wx(r.explanation), wxOK | wxCANCEL | wxTE_MULTILINE);
        if (dlg.ShowModal() != wxID_OK) return;
        core::Id org = r.organisation_id;
        if (guarded(this,
                    [&] { archive::set_grading_explanation(m_shell.archive(), org, m_summary.year, trim(str(dlg.GetValue()))); }))
            reload();
    }
    void save(bool pdf) {
        wxString name = wx(m_summary.superior + "-" + std::to_string(m_summary.year) + "-分类定级汇总") + (pdf ? ".pdf" : ".csv");
        wxFileDialog dlg(this, pdf ? _("导出汇总 PDF") : _("导出汇总 CSV"), wxStandardPaths::Get().GetDocumentsDir(), name,
                         pdf ? _("PDF 文件 (*.pdf)|*.pdf") : _("CSV 文件 (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dlg.ShowModal() != wxID_OK) return;
        std::filesystem::path out = str(dlg.GetPath());
        if (guarded(this, [&] {
                if (pdf) archive::summary_pdf(m_summary, out);
                else core::write_file_atomically(out, archive::summary_csv(m_summary));
            }))
            m_shell.set_status(fmt("已导出 {file}", {{"file", out.string()}}));
    }

    Shell& m_shell;
    archive::GradingSummary m_summary;
    wxStaticText *m_head, *m_checks;
    wxListCtrl *m_counts, *m_rows;
};

} // namespace

void MainFrame::district_summary() {
    if (!has_archive()) return;
    SummaryDialog dlg(this, *this);
    dlg.ShowModal();
}

} // namespace onebook::shell
