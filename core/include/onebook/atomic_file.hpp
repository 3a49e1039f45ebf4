// Files replaced all at once: boards, books, packages, exports, keys and stored files are written
// through AtomicFile so a crash, a full disk or Ctrl-C leaves either the old file or the new one.
#pragma once

#include <filesystem>
#include <string_view>

namespace onebook::core {

/// A file written beside its target and put in place in one step: the bytes go to a temporary
/// file in the target's folder, which is fsync'ed, renamed over the target, and the folder is
/// fsync'ed so the new name survives a power cut. Until commit() the target is untouched; an
/// AtomicFile destroyed without commit() (an error, an exception, an interrupt) removes its
/// temporary file.
class AtomicFile {
public:
    /// `mode` is the new file's permission bits (0600 for private keys).
    explicit AtomicFile(std::filesystem::path target, unsigned mode = 0644);
    /// A file whose name is known only once its bytes are (a content-addressed store): written to
    /// `temp`, which must be on the target's file system, and put in place by commit_as().
    static AtomicFile at_temp(std::filesystem::path temp, unsigned mode = 0644);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::filesystem::path& target() const { return m_target; }
    /// The temporary file, for writers that want a file name (libxlsxwriter, SQLite): write it,
    /// then commit().
    const std::filesystem::path& temp_path() const { return m_temp; }

    /// Appends bytes to the temporary file; throws Error naming the target on failure.
    void write(std::string_view bytes);
    /// fsync, rename over the target, fsync the folder; throws Error (target unchanged) on failure.
    void commit();
    /// commit() to `target` instead of the one given at construction (same file system).
    void commit_as(const std::filesystem::path& target);
    /// Removes the temporary file now (the destructor does it too).
    void discard() noexcept;

private:
    AtomicFile(std::filesystem::path target, std::filesystem::path temp, unsigned mode);
    [[noreturn]] void fail(int error_number);
    std::filesystem::path m_target, m_temp;
    unsigned m_mode;
    int m_fd = -1;
    bool m_done = false;
};

/// Writes `bytes` to `target` through an AtomicFile.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, unsigned mode = 0644);

/// fsyncs a folder so the names created or renamed in it are durable (best effort: some file
/// systems refuse; the data itself was already synced).
void sync_folder(const std::filesystem::path& folder) noexcept;

} // namespace onebook::core
