#include "open_file.hpp"

#include "ui_util.hpp"

#include "onebook/platform.hpp"

#include <wx/app.h>
#include <wx/process.h>
#include <wx/txtstrm.h>
#include <wx/utils.h>
#include <wx/weakref.h>
#include <wx/window.h>

namespace onebook::shell {

namespace {

wxString read_all(wxInputStream* in) {
    wxString out;
    if (!in) return out;
    wxTextInputStream text(*in, " \t", wxConvUTF8);
    while (in->CanRead() && !in->Eof()) {
        wxString line = text.ReadLine();
        if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    }
    return out;
}

void launch(wxWindow* parent, const std::filesystem::path& target, bool is_folder, const std::filesystem::path& file);

/// xdg-open runs on its own; its exit status arrives here. A viewer that opened keeps it running,
/// so only a failure is reported (then the window may be gone: the message goes to the top window).
class Opener : public wxProcess {
public:
    Opener(wxWindow* parent, std::filesystem::path target, bool is_folder, std::filesystem::path file)
        : wxProcess(wxPROCESS_REDIRECT), m_parent(parent), m_target(std::move(target)), m_folder(is_folder),
          m_file(std::move(file)) {}

    void OnTerminate(int, int status) override {
        if (status != 0) {
            wxString why = read_all(GetErrorStream());
            if (why.empty()) why = read_all(GetInputStream());
            wxWindow* parent = m_parent ? m_parent.get() : wxTheApp->GetTopWindow();
            auto target = m_target;
            auto file = m_file;
            bool folder = m_folder;
            wxTheApp->CallAfter([parent = wxWeakRef<wxWindow>(parent), target, file, folder, why] {
                failed(parent.get(), target, folder, file, why);
            });
        }
        delete this;
    }

    static void failed(wxWindow* parent, const std::filesystem::path& /*target*/, bool folder, const std::filesystem::path& file,
                       const wxString& why) {
        wxString detail = why.empty() ? wxString() : "\n\n" + _("系统报告：") + why;
        if (!folder) {
            wxString text =
                fmt("没有可以打开这个文件的程序（例如 PDF 阅读器）。文件已保存在：\n{file}", {{"file", file.string()}}) + detail +
                "\n\n" + _("要打开文件所在的文件夹吗？");
            if (ask(parent, text, _("无法打开文件"))) launch(parent, file.parent_path(), true, file);
        } else {
            show_info(parent, fmt("也无法打开文件夹。文件在：\n{file}", {{"file", file.string()}}) + detail, _("无法打开文件"));
        }
    }

private:
    wxWeakRef<wxWindow> m_parent;
    std::filesystem::path m_target;
    bool m_folder;
    std::filesystem::path m_file;
};

void launch(wxWindow* parent, const std::filesystem::path& target, bool is_folder, const std::filesystem::path& file) {
    if constexpr (core::platform::is_windows) { // ShellExecute answers at once: no process to watch
        if (auto why = core::platform::open_with_default_program(target))
            Opener::failed(parent, target, is_folder, file, wxString::FromUTF8(*why));
        return;
    }
    auto* process = new Opener(parent, target, is_folder, file);
    const wxString cmd_name = "xdg-open";
    const wxString path = wx(target.string());
    const wchar_t* argv[] = {cmd_name.wc_str(), path.wc_str(), nullptr};
    long pid = wxExecute(const_cast<wchar_t**>(argv), wxEXEC_ASYNC | wxEXEC_HIDE_CONSOLE, process);
    if (pid <= 0) {
        // xdg-open itself is missing (wxExecute has then already reported nothing useful).
        delete process;
        Opener::failed(parent, target, is_folder, file, _("找不到 xdg-open（xdg-utils）"));
    }
}

} // namespace

void open_with_system(wxWindow* parent, const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) {
        show_error(parent, fmt("文件 {file} 不存在", {{"file", file.string()}}));
        return;
    }
    launch(parent, file, false, file);
}

} // namespace onebook::shell
