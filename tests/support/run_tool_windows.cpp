// run_tool() in the Windows build, whose suites run under Wine: our own .exe files through
// CreateProcessW with their output in files; a Linux tool (pdftotext, qpdf, python3…) through Wine's
// `start.exe /unix /bin/sh script`, the script writing the tool's output and at last its exit code
// into files that this side waits for (Wine's start does not wait for a Linux process).
#include "run_tool.hpp"

#include "onebook/platform.hpp"
#include "onebook/utf8.hpp"

#include <windows.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace onebook::test {

namespace {

std::wstring wide(const std::string& utf8) {
    if (utf8.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring w(static_cast<std::size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), w.data(), n);
    return w;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A Windows program's text output with its line ends as on Linux: the C runtime writes "\n" as
/// CRLF on a text-mode stream, so every suite compares lines alike on both builds. Bytes that are
/// not text (a zip or PDF on standard output: NUL bytes or not UTF-8) are left as they are.
std::string text_line_ends(std::string bytes) {
    if (bytes.find('\0') != std::string::npos || !core::utf8_valid(bytes)) return bytes;
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        if (!(bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')) out += bytes[i];
    return out;
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

/// A folder of its own for one run, removed afterwards.
struct RunDir {
    fs::path path;
    RunDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("onebook-tool-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~RunDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// One argument quoted the way CommandLineToArgvW and the MinGW runtime split it again.
std::wstring quote_windows(const std::wstring& arg) {
    if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) return arg;
    std::wstring q = L"\"";
    std::size_t backslashes = 0;
    for (wchar_t c : arg) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        q.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
        backslashes = 0;
        q += c;
    }
    q.append(backslashes * 2, L'\\');
    return q + L"\"";
}

std::string quote_sh(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// The Linux path Wine maps a Windows path to (wine_get_unix_file_name, as winepath -u does).
std::string unix_path(const std::string& windows_path) {
    using Fn = char*(CDECL*)(LPCWSTR);
    static auto fn = reinterpret_cast<Fn>(
        reinterpret_cast<void*>(GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "wine_get_unix_file_name")));
    if (fn) {
        std::wstring full = fs::absolute(fs::path(wide(windows_path))).wstring();
        if (char* u = fn(full.c_str())) {
            std::string s = u;
            HeapFree(GetProcessHeap(), 0, u);
            return s;
        }
    }
    // Wine's Z: drive is the Linux root.
    std::string s = windows_path;
    if (s.size() >= 2 && (s[0] == 'Z' || s[0] == 'z') && s[1] == ':') s.erase(0, 2);
    for (char& c : s)
        if (c == '\\') c = '/';
    return s;
}

bool is_drive_path(const std::string& s, std::size_t at) {
    return s.size() >= at + 3 && std::isalpha(static_cast<unsigned char>(s[at])) && s[at + 1] == ':' &&
           (s[at + 2] == '\\' || s[at + 2] == '/');
}

/// An argument for a Linux tool: a Windows path in it (the whole argument, or what follows "=" or
/// "file://") becomes the Linux path.
std::string for_linux(const std::string& arg) {
    if (is_drive_path(arg, 0)) return unix_path(arg);
    for (const std::string marker : {"file://", "="}) {
        auto at = arg.find(marker);
        if (at != std::string::npos && is_drive_path(arg, at + marker.size()))
            return arg.substr(0, at + marker.size()) + unix_path(arg.substr(at + marker.size()));
    }
    return arg;
}

bool under_wine() { return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != nullptr; }

bool is_windows_program(const std::string& program) {
    auto dot = program.rfind('.');
    if (dot == std::string::npos) return false;
    std::string ext = program.substr(dot);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".exe";
}

HANDLE inheritable(const fs::path& file, bool write) {
    SECURITY_ATTRIBUTES sa{sizeof sa, nullptr, TRUE};
    return CreateFileW(file.wstring().c_str(), write ? GENERIC_WRITE : GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                       write ? CREATE_ALWAYS : OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
}

/// Starts `command_line` with stdin/stdout/stderr in files and `env` changed; waits; its exit code.
int run_windows(const std::wstring& command_line, const RunDir& dir, const ToolOptions& opts) {
    spit(dir.path / "in", opts.input.value_or(""));
    HANDLE in = inheritable(dir.path / "in", false);
    HANDLE out = inheritable(dir.path / "out", true);
    HANDLE err = inheritable(dir.path / "err", true);
    // The child inherits this process's environment: change it around CreateProcessW.
    std::vector<std::pair<std::wstring, std::optional<std::wstring>>> saved;
    auto change = [&](const std::string& name, const wchar_t* value) {
        std::wstring n = wide(name);
        DWORD size = GetEnvironmentVariableW(n.c_str(), nullptr, 0);
        std::optional<std::wstring> old;
        if (size > 0) {
            std::wstring v(size, L'\0');
            v.resize(GetEnvironmentVariableW(n.c_str(), v.data(), size));
            old = v;
        }
        saved.emplace_back(n, old);
        SetEnvironmentVariableW(n.c_str(), value);
    };
    for (const auto& name : opts.unset) change(name, nullptr);
    for (const auto& [name, value] : opts.env) change(name, wide(value).c_str());
    STARTUPINFOW si{};
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in;
    si.hStdOutput = out;
    si.hStdError = err;
    PROCESS_INFORMATION pi{};
    std::wstring cmd = command_line;
    std::wstring cwd = opts.cwd.empty() ? std::wstring() : fs::absolute(opts.cwd).wstring();
    BOOL started = CreateProcessW(nullptr, cmd.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW, nullptr,
                                  cwd.empty() ? nullptr : cwd.c_str(), &si, &pi);
    for (auto it = saved.rbegin(); it != saved.rend(); ++it)
        SetEnvironmentVariableW(it->first.c_str(), it->second ? it->second->c_str() : nullptr);
    CloseHandle(in);
    CloseHandle(out);
    CloseHandle(err);
    if (!started) {
        spit(dir.path / "err", "cannot start: error " + std::to_string(GetLastError()) + "\n");
        return 127;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return static_cast<int>(code);
}

/// Runs a Linux tool through a /bin/sh script started by Wine; polls for the exit-code file.
int run_linux(const std::vector<std::string>& argv, const RunDir& dir, const ToolOptions& opts) {
    if (!under_wine()) {
        spit(dir.path / "err", argv[0] + " is a Linux tool: these suites run it under Wine only\n");
        return 127;
    }
    auto here = [&](const char* name) { return unix_path(core::platform::path_utf8(dir.path / name)); };
    spit(dir.path / "in", opts.input.value_or(""));
    std::string script = "exec <" + quote_sh(here("in")) + " >" + quote_sh(here("out")) + " 2>" + quote_sh(here("err")) + "\n";
    std::string command = "env";
    for (const auto& name : opts.unset) command += " -u " + quote_sh(name);
    for (const auto& [name, value] : opts.env) command += " " + quote_sh(name + "=" + for_linux(value));
    for (const auto& a : argv) command += " " + quote_sh(for_linux(a));
    if (!opts.cwd.empty())
        command = "cd " + quote_sh(unix_path(core::platform::path_utf8(fs::absolute(opts.cwd)))) + " && " + command;
    script += "(" + command + ")\n";
    script += "echo $? >" + quote_sh(here("rc.part")) + " && mv " + quote_sh(here("rc.part")) + " " + quote_sh(here("rc")) + "\n";
    spit(dir.path / "run.sh", script);
    RunDir starter; // start.exe's own output, of no interest
    std::wstring cmd = L"start.exe /unix /bin/sh " + quote_windows(wide(here("run.sh")));
    ToolOptions none;
    if (int rc = run_windows(cmd, starter, none); rc != 0) {
        spit(dir.path / "err", "start.exe /unix failed with " + std::to_string(rc) + ": " + slurp(starter.path / "err"));
        return 127;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    while (!fs::exists(dir.path / "rc")) {
        if (std::chrono::steady_clock::now() > deadline) {
            spit(dir.path / "err", slurp(dir.path / "err") + "\n" + argv[0] + " did not finish in 10 minutes\n");
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::string rc = slurp(dir.path / "rc");
    try {
        return std::stoi(rc);
    } catch (const std::exception&) { return -1; }
}

} // namespace

int run_tool(const std::vector<std::string>& argv, std::string* out, std::string* err, const ToolOptions& opts) {
    if (argv.empty()) return 127;
    RunDir dir;
    int rc;
    const bool windows = is_windows_program(argv[0]);
    if (windows) {
        std::wstring cmd;
        for (const auto& a : argv) cmd += (cmd.empty() ? L"" : L" ") + quote_windows(wide(a));
        rc = run_windows(cmd, dir, opts);
    } else {
        rc = run_linux(argv, dir, opts);
    }
    if (out) *out = windows ? text_line_ends(slurp(dir.path / "out")) : slurp(dir.path / "out");
    if (err) *err = windows ? text_line_ends(slurp(dir.path / "err")) : slurp(dir.path / "err");
    return rc;
}

} // namespace onebook::test
