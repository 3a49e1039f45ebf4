// Windows implementation of onebook/platform.hpp (built by the MinGW-w64 cross build).
#include "onebook/platform.hpp"
#include "onebook/utf8.hpp"
#include "windows_text.hpp"

#include <fcntl.h>
#include <io.h>
#include <shellapi.h>
#include <shlobj.h>
#include <sys/stat.h>
#include <windows.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <cwchar>
#include <random>
#include <string_view>

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

/// One of the user's folders (AppData, LocalAppData); the environment variable when the shell
/// cannot tell; empty when neither knows.
fs::path known_folder(REFKNOWNFOLDERID id, const wchar_t* variable) {
    PWSTR folder = nullptr;
    fs::path out;
    if (SUCCEEDED(SHGetKnownFolderPath(id, 0, nullptr, &folder))) out = fs::path(folder);
    CoTaskMemFree(folder);
    return out.empty() ? fs::path(env(variable)) : out;
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
    fs::path base = known_folder(FOLDERID_RoamingAppData, L"APPDATA");
    if (base.empty()) base = fs::temp_directory_path();
    return base / L"OneBook";
}

fs::path user_state_dir() {
    fs::path base = known_folder(FOLDERID_LocalAppData, L"LOCALAPPDATA");
    return base.empty() ? base : base / L"OneBook";
}

fs::path user_cache_dir() {
    fs::path state = user_state_dir();
    return state.empty() ? state : state / L"cache";
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

bool is_writable(const fs::path& p) { return _waccess(p.c_str(), 2) == 0; }

std::string file_stamp(const fs::path& file) {
    HANDLE h = CreateFileW(file.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) return {};
    BY_HANDLE_FILE_INFORMATION info{};
    FILE_BASIC_INFO basic{};
    bool ok =
        GetFileInformationByHandle(h, &info) != 0 && GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic) != 0;
    CloseHandle(h);
    if (!ok) return {};
    auto u64 = [](DWORD hi, DWORD lo) { return std::to_string((std::uint64_t(hi) << 32) | lo); };
    return std::to_string(info.dwVolumeSerialNumber) + ":" + u64(info.nFileIndexHigh, info.nFileIndexLow) + ":" +
           u64(info.nFileSizeHigh, info.nFileSizeLow) + ":" + std::to_string(basic.LastWriteTime.QuadPart) + ":" +
           std::to_string(basic.ChangeTime.QuadPart);
}

int open_for_writing(const fs::path& file, bool truncate, unsigned mode, int& fd) {
    int perm = (mode & 0200) ? _S_IREAD | _S_IWRITE : _S_IREAD;
    fd = _wopen(file.c_str(), _O_WRONLY | _O_CREAT | _O_BINARY | _O_NOINHERIT | (truncate ? _O_TRUNC : 0), perm);
    return fd < 0 ? errno : 0;
}

int write_all(int fd, const char* bytes, std::size_t size) {
    while (size > 0) {
        unsigned chunk = size > (1u << 30) ? (1u << 30) : unsigned(size);
        int n = _write(fd, bytes, chunk);
        if (n <= 0) return n < 0 ? errno : EIO;
        bytes += n;
        size -= std::size_t(n);
    }
    return 0;
}

int sync_file(int fd) { return _commit(fd) == 0 ? 0 : errno; }
int close_file(int fd) { return _close(fd) == 0 ? 0 : errno; }

int replace_file(const fs::path& from, const fs::path& to) {
    if (MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return 0;
    DWORD e = GetLastError();
    return e == ERROR_ACCESS_DENIED || e == ERROR_SHARING_VIOLATION ? EACCES : e == ERROR_FILE_NOT_FOUND ? ENOENT : EIO;
}

fs::path make_temp_dir(const std::string& prefix) {
    std::random_device rd;
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) return {};
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path dir = base / utf8_path(prefix + std::to_string(GetCurrentProcessId()) + "-" + std::to_string(rd() % 1000000));
        if (CreateDirectoryW(dir.c_str(), nullptr)) return dir;
        if (GetLastError() != ERROR_ALREADY_EXISTS) return {};
    }
    return {};
}

void set_env(const std::string& name, const std::string& value) {
    SetEnvironmentVariableW(wide(name).c_str(), wide(value).c_str());
    _wputenv((wide(name) + L"=" + wide(value)).c_str());
}

std::string system_ui_language() {
    wchar_t name[LOCALE_NAME_MAX_LENGTH] = {};
    LANGID id = GetUserDefaultUILanguage();
    if (LCIDToLocaleName(MAKELCID(id, SORT_DEFAULT), name, LOCALE_NAME_MAX_LENGTH, 0) == 0) return {};
    return narrow(name);
}

void set_toolkit_language(const std::string&) {} // the system's dialogs speak the system's language

std::tm local_time(std::time_t t) {
    std::tm tm{};
    if (const std::tm* p = std::localtime(&t)) tm = *p; // msvcrt keeps it per thread
    return tm;
}

std::time_t utc_time(std::tm tm) { return _mkgmtime(&tm); }

std::string c_library_path(const fs::path& existing) {
    auto ascii = [](const std::wstring& w) { return std::all_of(w.begin(), w.end(), [](wchar_t c) { return c < 0x80; }); };
    std::wstring full = fs::absolute(existing).wstring();
    if (ascii(full)) return narrow(full);
    DWORD n = GetShortPathNameW(full.c_str(), nullptr, 0);
    if (n == 0) return {};
    std::wstring shrt(n, L'\0');
    n = GetShortPathNameW(full.c_str(), shrt.data(), n);
    shrt.resize(n);
    return n > 0 && ascii(shrt) ? narrow(shrt) : std::string();
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

MappedFile::MappedFile(const fs::path& file) {
    HANDLE f = CreateFileW(file.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING, FILE_FLAG_RANDOM_ACCESS, nullptr);
    if (f == INVALID_HANDLE_VALUE) return;
    LARGE_INTEGER size{};
    HANDLE mapping =
        GetFileSizeEx(f, &size) && size.QuadPart > 0 ? CreateFileMappingW(f, nullptr, PAGE_READONLY, 0, 0, nullptr) : nullptr;
    void* p = mapping ? MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0) : nullptr;
    if (mapping) CloseHandle(mapping); // the view keeps the mapping open
    if (!p) {
        CloseHandle(f);
        return;
    }
    m_data = static_cast<const char*>(p);
    m_size = std::size_t(size.QuadPart);
    m_file = reinterpret_cast<std::intptr_t>(f);
}

MappedFile::~MappedFile() {
    if (m_data) UnmapViewOfFile(m_data);
    if (m_file != -1) CloseHandle(reinterpret_cast<HANDLE>(m_file));
}

std::size_t MappedFile::read_at(std::size_t offset, char* out, std::size_t n) const {
    std::size_t done = 0;
    while (m_file != -1 && done < n) {
        OVERLAPPED at{};
        at.Offset = DWORD((offset + done) & 0xFFFFFFFFu);
        at.OffsetHigh = DWORD(std::uint64_t(offset + done) >> 32);
        DWORD got = 0;
        DWORD want = DWORD(std::min<std::size_t>(n - done, 1u << 30));
        if (!ReadFile(reinterpret_cast<HANDLE>(m_file), out + done, want, &got, &at) || got == 0) break;
        done += got;
    }
    return done;
}

} // namespace onebook::core::platform

// ---- narrow strings are UTF-8 ---------------------------------------------------------------------
// OneBook's std::string is UTF-8 on every platform. libstdc++'s std::filesystem::path agrees when it
// gives a path back (path::string() is UTF-8) but reads a std::string through the C library's
// mbrtowc, which speaks the ANSI code page (or, in the "C" locale, Latin-1): "C:\用户\张三" would
// become another folder. The program's own mbrtowc/wcrtomb family (linked before the C library's,
// which then is not used) reads and writes UTF-8, so path(std::string) and path::string() agree and
// every path built from UTF-8 text names the right file. UTF-16 surrogate pairs: wcrtomb keeps the
// high half in the state until the low half comes; mbrtowc refuses characters beyond the BMP (one
// wchar_t cannot hold them), which path conversion reports as an error instead of a wrong name.
extern "C" {

size_t mbrtowc(wchar_t* __restrict__ pwc, const char* __restrict__ s, size_t n, mbstate_t* __restrict__ ps) {
    static mbstate_t internal;
    if (!ps) ps = &internal;
    if (!s) {
        *ps = 0;
        return 0;
    }
    if (n == 0) return static_cast<size_t>(-2);
    auto b = static_cast<unsigned char>(s[0]);
    unsigned len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 0;
    if (len == 0 || (len == 2 && b < 0xC2)) {
        errno = EILSEQ;
        return static_cast<size_t>(-1);
    }
    for (unsigned i = 1; i < len; ++i) { // a sequence cut short waits for more bytes
        if (i >= n) return static_cast<size_t>(-2);
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            errno = EILSEQ;
            return static_cast<size_t>(-1);
        }
    }
    // Complete: core's decoder gives the code point and refuses overlongs and surrogates.
    const auto c = onebook::core::utf8_next(std::string_view(s, len), 0);
    if (!c.valid) {
        errno = EILSEQ;
        return static_cast<size_t>(-1);
    }
    if (pwc) *pwc = static_cast<wchar_t>(c.cp);
    return c.cp == 0 ? 0 : len;
}

size_t mbrlen(const char* __restrict__ s, size_t n, mbstate_t* __restrict__ ps) { return mbrtowc(nullptr, s, n, ps); }

size_t mbsrtowcs(wchar_t* __restrict__ dst, const char** __restrict__ src, size_t len, mbstate_t* __restrict__ ps) {
    size_t count = 0;
    const char* s = *src;
    for (;;) {
        if (dst && count >= len) break;
        wchar_t wc = 0;
        size_t r = mbrtowc(&wc, s, 4, ps);
        if (r == static_cast<size_t>(-1) || r == static_cast<size_t>(-2)) {
            errno = EILSEQ;
            if (dst) *src = s;
            return static_cast<size_t>(-1);
        }
        if (dst) dst[count] = wc;
        if (r == 0) {
            if (dst) *src = nullptr;
            return count;
        }
        s += r;
        ++count;
    }
    *src = s;
    return count;
}

size_t wcrtomb(char* __restrict__ s, wchar_t wc, mbstate_t* __restrict__ ps) {
    static mbstate_t internal;
    if (!ps) ps = &internal;
    char buf[4];
    if (!s) {
        s = buf;
        wc = 0;
    }
    unsigned code = static_cast<unsigned short>(wc);
    if (code >= 0xD800 && code <= 0xDBFF) { // the high half: wait for the low one
        *ps = static_cast<mbstate_t>(code);
        return 0;
    }
    if (code >= 0xDC00 && code <= 0xDFFF) {
        unsigned high = static_cast<unsigned>(*ps);
        *ps = 0;
        if (high < 0xD800 || high > 0xDBFF) {
            errno = EILSEQ;
            return static_cast<size_t>(-1);
        }
        return onebook::core::encode_utf8(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), s);
    }
    *ps = 0;
    return onebook::core::encode_utf8(code, s);
}

size_t wcsrtombs(char* __restrict__ dst, const wchar_t** __restrict__ src, size_t len, mbstate_t* __restrict__ ps) {
    size_t count = 0;
    const wchar_t* w = *src;
    for (;; ++w) {
        char buf[4];
        size_t r = wcrtomb(buf, *w, ps);
        if (r == static_cast<size_t>(-1)) {
            if (dst) *src = w;
            return r;
        }
        if (*w == 0) {
            if (dst) {
                if (count >= len) break;
                dst[count] = '\0';
                *src = nullptr;
            }
            return count;
        }
        if (dst) {
            if (count + r > len) break;
            std::memcpy(dst + count, buf, r);
        }
        count += r;
    }
    *src = w;
    return count;
}

} // extern "C"
