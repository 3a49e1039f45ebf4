// Atomic file replacement: temp file in the same folder, fsync, rename, fsync folder.
#include "onebook/atomic_file.hpp"

#include "onebook/error.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

fs::path temp_beside(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    return dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

} // namespace

void sync_folder(const fs::path& folder) noexcept {
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

AtomicFile::AtomicFile(fs::path target, unsigned mode)
    : m_target(std::move(target)), m_temp(temp_beside(m_target)), m_mode(mode) {}

AtomicFile::AtomicFile(fs::path target, fs::path temp, unsigned mode)
    : m_target(std::move(target)), m_temp(std::move(temp)), m_mode(mode) {}

AtomicFile AtomicFile::at_temp(fs::path temp, unsigned mode) { return AtomicFile(fs::path(), std::move(temp), mode); }

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::fail(int error_number) {
    std::string reason = std::strerror(error_number);
    std::string file = (m_target.empty() ? m_temp : m_target).string(); // a store's file before it has a name
    discard();
    throw Error(OB_N("无法写入文件“{file}”：{reason}"), {{"file", file}, {"reason", reason}}, {file, {}, {}});
}

void AtomicFile::write(std::string_view bytes) {
    if (m_done) fail(EBADF);
    if (m_fd < 0) {
        m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, m_mode);
        if (m_fd < 0) fail(errno);
    }
    while (!bytes.empty()) {
        auto n = ::write(m_fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(n < 0 ? errno : EIO);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void AtomicFile::commit() { commit_as(m_target); }

void AtomicFile::commit_as(const fs::path& target) {
    if (!target.empty()) m_target = target;
    if (m_done || m_target.empty()) fail(EBADF);
    if (m_fd < 0) {
        // Written by someone else through temp_path(), or nothing written at all (an empty file).
        m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, m_mode);
        if (m_fd < 0) fail(errno);
    }
    if (::fsync(m_fd) != 0) fail(errno);
    int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail(errno);
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) fail(errno);
    m_done = true;
    sync_folder(m_target.parent_path());
}

void AtomicFile::discard() noexcept {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_done) ::unlink(m_temp.c_str());
    m_done = true;
}

void write_file_atomically(const fs::path& target, std::string_view bytes, unsigned mode) {
    AtomicFile f(target, mode);
    f.write(bytes);
    f.commit();
}

} // namespace onebook::core
