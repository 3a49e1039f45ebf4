// Windows implementation of onebook/platform.hpp (built by the MinGW-w64 cross build).
#include "onebook/platform.hpp"
#include "windows_text.hpp"

#include <io.h>
#include <shellapi.h>
#include <shlobj.h>
#include <windows.h>

#include <cstdlib>

namespace fs = std::filesystem;

namespace onebook::core::platform {

namespace {

std::wstring env(const wchar_t* name) {
    DWORD n = GetEnvironmentVariableW(name, nullptr, 0);
    if (n == 0) return {};
    std::wstring v(n, L'\0');
    n = GetEnvironmentVariableW(name, v.data(), n);
    v.resize(n);
    return v;
}

} // namespace

fs::path executable_dir() {
    std::wstring buf(MAX_PATH, L'\0');
    for (;;) {
        DWORD n = GetModuleFileNameW(nullptr, buf.data(), DWORD(buf.size()));
        if (n == 0) return fs::current_path();
        if (n < buf.size()) {
            buf.resize(n);
            return fs::path(buf).parent_path();
        }
        buf.resize(buf.size() * 2);
    }
}

fs::path user_config_dir() {
    PWSTR folder = nullptr;
    fs::path base;
    if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_RoamingAppData, 0, nullptr, &folder))) base = fs::path(folder);
    CoTaskMemFree(folder);
    if (base.empty()) base = fs::path(env(L"APPDATA"));
    if (base.empty()) base = fs::temp_directory_path();
    return base / L"OneBook";
}

std::string user_name() {
    wchar_t buf[256];
    DWORD n = 256;
    if (GetUserNameW(buf, &n) && n > 1) return narrow(std::wstring(buf, n - 1));
    auto u = env(L"USERNAME");
    return u.empty() ? "?" : narrow(u);
}

long process_id() { return static_cast<long>(GetCurrentProcessId()); }

bool is_terminal(std::FILE* stream) { return _isatty(_fileno(stream)) != 0; }

void prepare_console() {
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    // Colours through ANSI sequences (Windows 10 and later); older consoles simply keep plain text.
    for (DWORD which : {STD_OUTPUT_HANDLE, STD_ERROR_HANDLE}) {
        HANDLE h = GetStdHandle(which);
        DWORD mode = 0;
        if (h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode))
            SetConsoleMode(h, mode | 0x0004 /* ENABLE_VIRTUAL_TERMINAL_PROCESSING */);
    }
}

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    int n = 0;
    LPWSTR* w = CommandLineToArgvW(GetCommandLineW(), &n);
    if (!w) return {argv, argv + argc};
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(narrow(w[i]));
    LocalFree(w);
    return out;
}

bool sync_path(const fs::path& p, bool directory) {
    if (directory) return true; // NTFS journals folder entries itself; folders cannot be flushed
    HANDLE h = CreateFileW(p.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return false;
    bool ok = FlushFileBuffers(h) != 0;
    CloseHandle(h);
    return ok;
}

std::string file_identity(const fs::path& file) {
    HANDLE h = CreateFileW(file.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) return {};
    BY_HANDLE_FILE_INFORMATION info{};
    bool ok = GetFileInformationByHandle(h, &info) != 0;
    CloseHandle(h);
    if (!ok) return {};
    return std::to_string(info.dwVolumeSerialNumber) + ":" +
           std::to_string((std::uint64_t(info.nFileIndexHigh) << 32) | info.nFileIndexLow);
}

bool make_private_dir(const fs::path&) { return true; }

bool write_new_private_file(const fs::path& file, const std::string& text) {
    HANDLE h = CreateFileW(file.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return false;
    DWORD written = 0;
    bool ok = WriteFile(h, text.data(), DWORD(text.size()), &written, nullptr) && written == text.size() && FlushFileBuffers(h);
    return CloseHandle(h) && ok;
}

fs::path utf8_path(const std::string& utf8) { return fs::path(wide(utf8)); }
std::string path_utf8(const fs::path& p) { return narrow(p.wstring()); }

std::vector<fs::path> font_dirs() {
    std::vector<fs::path> dirs{executable_dir().parent_path() / L"share" / L"fonts"};
    auto win = env(L"WINDIR");
    if (win.empty()) win = env(L"SystemRoot");
    if (!win.empty()) dirs.push_back(fs::path(win) / L"Fonts");
    auto local = env(L"LOCALAPPDATA"); // fonts a user installed without administrator rights
    if (!local.empty()) dirs.push_back(fs::path(local) / L"Microsoft" / L"Windows" / L"Fonts");
    return dirs;
}

std::optional<std::string> open_with_default_program(const fs::path& target) {
    auto rc = reinterpret_cast<INT_PTR>(ShellExecuteW(nullptr, L"open", target.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
    if (rc > 32) return std::nullopt;
    if (rc == SE_ERR_NOASSOC) return std::string("没有程序关联这种文件");
    return std::string("Windows 无法打开它");
}

} // namespace onebook::core::platform
