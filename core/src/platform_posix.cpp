// Linux (POSIX) implementation of onebook/platform.hpp.
#include "onebook/platform.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstring>

namespace fs = std::filesystem;

namespace onebook::core::platform {

fs::path executable_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

fs::path user_config_dir() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return fs::path(x) / "onebook";
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".config" / "onebook";
    return fs::temp_directory_path() / "onebook";
}

namespace {
/// $VAR/onebook, else ~/FALLBACK/onebook; only absolute folders count (XDG base directories).
fs::path xdg_dir(const char* var, const char* fallback) {
    if (const char* x = std::getenv(var); x && *x == '/') return fs::path(x) / "onebook";
    if (const char* h = std::getenv("HOME"); h && *h == '/') return fs::path(h) / fallback / "onebook";
    return {};
}
} // namespace

fs::path user_state_dir() { return xdg_dir("XDG_STATE_HOME", ".local/state"); }

fs::path user_cache_dir() { return xdg_dir("XDG_CACHE_HOME", ".cache"); }

std::string user_name() {
    if (const char* u = std::getenv("USER"); u && *u) return u;
    if (passwd* pw = getpwuid(getuid()); pw && pw->pw_name) return pw->pw_name;
    return "?";
}

long process_id() { return static_cast<long>(::getpid()); }

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) != 0; }

void prepare_console() {}

std::vector<std::string> utf8_arguments(int argc, char** argv) { return {argv, argv + argc}; }

bool sync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

std::string file_identity(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return {};
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

bool make_private_dir(const fs::path& dir) { return ::chmod(dir.c_str(), 0700) == 0; }

bool write_new_private_file(const fs::path& file, const std::string& text) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    return (::close(fd) == 0) && ok;
}

bool is_writable(const fs::path& p) { return ::access(p.c_str(), W_OK) == 0; }

std::string file_stamp(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return {};
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
           std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
           std::to_string(st.st_ctim.tv_sec) + "." + std::to_string(st.st_ctim.tv_nsec);
}

int open_for_writing(const fs::path& file, bool truncate, unsigned mode, int& fd) {
    fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), static_cast<mode_t>(mode));
    return fd < 0 ? errno : 0;
}

int write_all(int fd, const char* bytes, std::size_t size) {
    while (size > 0) {
        auto n = ::write(fd, bytes, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

int sync_file(int fd) { return ::fsync(fd) == 0 ? 0 : errno; }
int close_file(int fd) { return ::close(fd) == 0 ? 0 : errno; }
int replace_file(const fs::path& from, const fs::path& to) { return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno; }

fs::path make_temp_dir(const std::string& prefix) {
    std::string templ = (fs::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (!::mkdtemp(templ.data())) return {};
    return templ;
}

void set_env(const std::string& name, const std::string& value) { ::setenv(name.c_str(), value.c_str(), 1); }

std::string system_ui_language() { return {}; }

// LANGUAGE chooses gettext's catalogue without the locale itself having to be generated (zh_CN.UTF-8
// often is not on an English system); gettext ignores it under the bare "C" locale, so that one
// becomes C.UTF-8.
void set_toolkit_language(const std::string& language) {
    const char* now = std::setlocale(LC_MESSAGES, nullptr);
    if (!now || std::strcmp(now, "C") == 0 || std::strcmp(now, "POSIX") == 0) std::setlocale(LC_MESSAGES, "C.UTF-8");
    set_env("LANGUAGE", language);
    // gettext caches what it looked up; setting the locale again drops that cache.
    if (const char* cur = std::setlocale(LC_MESSAGES, nullptr)) {
        std::string keep = cur;
        std::setlocale(LC_MESSAGES, keep.c_str());
    }
}

std::tm local_time(std::time_t t) {
    std::tm tm{};
    ::localtime_r(&t, &tm);
    return tm;
}

std::time_t utc_time(std::tm tm) { return ::timegm(&tm); }

std::string c_library_path(const fs::path& existing) { return existing.string(); }

fs::path utf8_path(const std::string& utf8) { return fs::path(utf8); }
std::string path_utf8(const fs::path& p) { return p.string(); }

std::vector<fs::path> font_dirs() { return {}; }

std::optional<std::string> open_with_default_program(const fs::path& target) {
    pid_t pid = ::fork();
    if (pid < 0) return std::string("无法启动 xdg-open");
    if (pid == 0) {
        ::execlp("xdg-open", "xdg-open", target.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return std::string("找不到 xdg-open（xdg-utils）");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::string("xdg-open 无法打开它");
    return std::nullopt;
}

MappedFile::MappedFile(const fs::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        void* p = ::mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            ::madvise(p, std::size_t(st.st_size), MADV_RANDOM); // no fault-around: 4 KiB per page read, not 64
            m_data = static_cast<const char*>(p);
            m_size = std::size_t(st.st_size);
        }
    }
    if (m_data) m_file = fd;
    else ::close(fd);
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
    if (m_file >= 0) ::close(int(m_file));
}

std::size_t MappedFile::read_at(std::size_t offset, char* out, std::size_t n) const {
    std::size_t done = 0;
    while (m_file >= 0 && done < n) {
        ssize_t got = ::pread(int(m_file), out + done, n - done, off_t(offset + done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        done += std::size_t(got);
    }
    return done;
}

} // namespace onebook::core::platform
