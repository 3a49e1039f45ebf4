// Linux (POSIX) implementation of onebook/platform.hpp.
#include "onebook/platform.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

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

} // namespace onebook::core::platform
