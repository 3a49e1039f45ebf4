// Atomic file replacement: temp file in the same folder, fsync, rename, fsync folder.
#include "onebook/atomic_file.hpp"

#include "onebook/error.hpp"
#include "onebook/platform.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

fs::path temp_beside(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    fs::path name(".");
    name += target.filename().native();
    name += ".tmp-" + std::to_string(platform::process_id()) + "-" + std::to_string(counter++);
    return dir / name;
}

} // namespace

void sync_folder(const fs::path& folder) noexcept { platform::sync_path(folder.empty() ? fs::path(".") : folder, true); }

AtomicFile::AtomicFile(fs::path target, unsigned mode)
    : m_target(std::move(target)), m_temp(temp_beside(m_target)), m_mode(mode) {}

AtomicFile::AtomicFile(fs::path target, fs::path temp, unsigned mode)
    : m_target(std::move(target)), m_temp(std::move(temp)), m_mode(mode) {}

AtomicFile AtomicFile::at_temp(fs::path temp, unsigned mode) { return AtomicFile(fs::path(), std::move(temp), mode); }

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::fail(int error_number) {
    std::string reason = std::strerror(error_number);
    std::string file = platform::path_utf8(m_target.empty() ? m_temp : m_target); // a store's file before it has a name
    discard();
    throw Error(OB_N("无法写入文件“{file}”：{reason}"), {{"file", file}, {"reason", reason}}, {file, {}, {}});
}

void AtomicFile::write(std::string_view bytes) {
    if (m_done) fail(EBADF);
    if (m_fd < 0)
        if (int e = platform::open_for_writing(m_temp, true, m_mode, m_fd)) fail(e);
    if (int e = platform::write_all(m_fd, bytes.data(), bytes.size())) fail(e);
}

void AtomicFile::commit() { commit_as(m_target); }

void AtomicFile::commit_as(const fs::path& target) {
    if (!target.empty()) m_target = target;
    if (m_done || m_target.empty()) fail(EBADF);
    // Written by someone else through temp_path(), or nothing written at all (an empty file).
    if (m_fd < 0)
        if (int e = platform::open_for_writing(m_temp, false, m_mode, m_fd)) fail(e);
    if (int e = platform::sync_file(m_fd)) fail(e);
    int fd = m_fd;
    m_fd = -1;
    if (int e = platform::close_file(fd)) fail(e);
    if (int e = platform::replace_file(m_temp, m_target)) fail(e);
    m_done = true;
    sync_folder(m_target.parent_path());
}

void AtomicFile::discard() noexcept {
    if (m_fd >= 0) {
        platform::close_file(m_fd);
        m_fd = -1;
    }
    std::error_code ec;
    if (!m_done) fs::remove(m_temp, ec);
    m_done = true;
}

void write_file_atomically(const fs::path& target, std::string_view bytes, unsigned mode) {
    AtomicFile f(target, mode);
    f.write(bytes);
    f.commit();
}

} // namespace onebook::core
