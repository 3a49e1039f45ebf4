// 导出 Word… and 打印…: see office_actions.hpp.
#include "office_actions.hpp"

#include "print_pdf.hpp"
#include "shell_i18n.hpp"
#include "task.hpp"
#include "ui_util.hpp"

#include "onebook/archive/book_pdf.hpp"

#include <wx/filedlg.h>
#include <wx/stdpaths.h>

#include <chrono>
#include <system_error>

namespace fs = std::filesystem;

namespace onebook::shell {

namespace {

/// A fresh temporary PDF path, removed when the object dies.
struct TempPdf {
    fs::path path;
    TempPdf() {
        auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path = fs::temp_directory_path() / ("onebook-print-" + std::to_string(stamp) + ".pdf");
    }
    ~TempPdf() {
        std::error_code ec;
        fs::remove(path, ec);
    }
};

std::optional<fs::path> ask_save_path(wxWindow* parent, const std::string& default_name) {
    wxFileDialog dlg(parent, _("导出 Word 文档"), wxStandardPaths::Get().GetDocumentsDir(), wx(default_name),
                     _("Word 文档 (*.docx)|*.docx"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return std::nullopt;
    return fs::path(str(dlg.GetPath()));
}

SavePathChooser& chooser() {
    static SavePathChooser c = ask_save_path;
    return c;
}

} // namespace

void set_save_path_chooser(SavePathChooser c) { chooser() = c ? std::move(c) : SavePathChooser(ask_save_path); }

fs::path export_word(wxWindow* parent, Shell& shell, const std::string& file_name,
                     const std::function<archive::DocxDocument()>& build) {
    auto chosen = chooser()(parent, file_name);
    if (!chosen) return {};
    fs::path out = *chosen;
    if (out.extension() != ".docx") out += ".docx";
    bool ok = guarded(parent, [&] { archive::save_docx(build(), out); });
    if (!ok) return {};
    shell.set_status(fmt("已导出 {file}", {{"file", out.string()}}));
    return out;
}

void print_existing(wxWindow* parent, Shell& shell, const fs::path& pdf, const std::string& job_title) {
    auto outcome = print_pdf(parent, pdf, job_title);
    switch (outcome.kind) {
    case PrintOutcome::Kind::Sent: shell.set_status(fmt("已发送到打印机 {printer}", {{"printer", outcome.printer}})); break;
    case PrintOutcome::Kind::Cancelled: shell.set_status(_("已取消打印")); break;
    case PrintOutcome::Kind::Failed:
        show_error(parent, fmt("打印失败（{printer}）：{reason}", {{"printer", outcome.printer}, {"reason", outcome.error}}));
        break;
    }
}

void print_generated(wxWindow* parent, Shell& shell, const std::string& job_title,
                     const std::function<void(const fs::path&)>& render) {
    TempPdf tmp;
    bool done = false;
    bool ok = guarded(parent, [&] {
        done = run_task(parent, _("准备打印"), [&](TaskControl& t) {
            t.progress(-1, _("正在生成要打印的 PDF…"));
            render(tmp.path);
            t.check();
        });
    });
    if (!ok || !done) return;
    print_existing(parent, shell, tmp.path, job_title);
}

void print_records(wxWindow* parent, Shell& shell, const std::vector<core::Id>& records) {
    if (records.empty()) {
        show_error(parent, _("没有要打印的会议记录"));
        return;
    }
    print_generated(parent, shell, shell.home().name + " 会议记录", [&](const fs::path& out) {
        archive::BookOptions opt;
        opt.year = shell.year();
        opt.part = archive::BookOptions::Part::Records;
        opt.record_ids = records;
        archive::write_book_pdf(shell.archive(), shell.plugins(), opt, out);
    });
}

void print_roster(wxWindow* parent, Shell& shell) {
    print_generated(parent, shell, shell.home().name + " 党员名册", [&](const fs::path& out) {
        archive::BookOptions opt;
        opt.year = shell.year();
        opt.part = archive::BookOptions::Part::Roster;
        archive::write_book_pdf(shell.archive(), shell.plugins(), opt, out);
    });
}

void print_book(wxWindow* parent, Shell& shell) {
    print_generated(parent, shell, shell.home().name + " " + std::to_string(shell.year()) + " 年度一本通",
                    [&](const fs::path& out) {
                        archive::BookOptions opt;
                        opt.year = shell.year();
                        archive::write_book_pdf(shell.archive(), shell.plugins(), opt, out);
                    });
}

} // namespace onebook::shell
