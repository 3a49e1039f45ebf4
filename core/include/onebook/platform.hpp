#pragma once
// What differs between Linux and Windows, in one place. Each function has one implementation per
// platform (core/src/platform_posix.cpp, core/src/platform_windows.cpp; CMake picks one), so the
// rest of the tree calls these and carries no platform #ifdef.
//
// Paths: std::filesystem::path is the currency; text crossing into std::string is UTF-8 on every
// platform (utf8_path / path_utf8 convert, since path::string() on Windows uses the ANSI code page).
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core::platform {

/// The folder of the running executable (plugins, templates, locale and fonts are found relative
/// to it); the current folder when the system cannot tell.
std::filesystem::path executable_dir();

/// The per-user configuration folder for OneBook's own files: $XDG_CONFIG_HOME/onebook (or
/// ~/.config/onebook) on Linux, %APPDATA%\OneBook on Windows. Not created here.
std::filesystem::path user_config_dir();

/// The per-user folder for state OneBook keeps between runs (clean-close markers):
/// $XDG_STATE_HOME/onebook (or ~/.local/state/onebook) on Linux, %LOCALAPPDATA%\OneBook on
/// Windows. Empty when the system names no such folder. Not created here.
std::filesystem::path user_state_dir();

/// The per-user folder for caches (looked-up fonts): $XDG_CACHE_HOME/onebook (or ~/.cache/onebook)
/// on Linux, %LOCALAPPDATA%\OneBook\cache on Windows. Empty when the system names no such folder.
/// Not created here.
std::filesystem::path user_cache_dir();

/// The login name of the user running OneBook ("?" when unknown), for the journal.
std::string user_name();

/// This process's id (temporary file names that two processes must not share).
long process_id();

/// Whether the stream is an interactive terminal / console (colours, spinners, bold marks).
bool is_terminal(std::FILE* stream);

/// Makes the console show UTF-8 text as text (Windows: the console's output code page becomes
/// UTF-8, so Chinese reads right in cmd.exe and PowerShell whatever the system code page); no-op
/// where terminals already speak UTF-8.
void prepare_console();

/// The command line as UTF-8 strings (Windows: from the wide command line, since argv is in the
/// ANSI code page and loses every character outside it).
std::vector<std::string> utf8_arguments(int argc, char** argv);

/// Flushes a file's (or, where the system allows, a folder's) contents to the disk; false when
/// the file cannot be opened or the flush fails. Folders on Windows: nothing to do, true.
bool sync_path(const std::filesystem::path& p, bool directory);

/// What identifies a file on its disk across renames ("device:inode" on Linux, "volume:file index"
/// on Windows); empty when the file cannot be looked at.
std::string file_identity(const std::filesystem::path& file);

/// Keeps a folder for the user alone (POSIX mode 0700; on Windows the per-user profile folders
/// already are). Best effort: false when the folder's permissions could not be changed.
bool make_private_dir(const std::filesystem::path& dir);

/// Creates a NEW file (fails if it exists) readable by the user alone, writes text into it and
/// flushes it to the disk; false on any failure (the caller removes what is left).
bool write_new_private_file(const std::filesystem::path& file, const std::string& text);

/// Whether this user may write the file or folder (read-only media, shares, files without write
/// permission); false when it does not exist.
bool is_writable(const std::filesystem::path& p);

/// What a file looks like on its disk right now (identity, size, modification and status-change
/// times, as finely as the system tells): two equal stamps mean nothing wrote the file in between.
/// Empty when the file cannot be looked at.
std::string file_stamp(const std::filesystem::path& file);

/// Files written through a descriptor (AtomicFile): open for writing (created when missing with
/// the permission bits `mode`, emptied when `truncate`), write all bytes, flush to the disk, close.
/// Each returns 0 or the errno value of the failure; open_for_writing sets `fd`.
int open_for_writing(const std::filesystem::path& file, bool truncate, unsigned mode, int& fd);
int write_all(int fd, const char* bytes, std::size_t size);
int sync_file(int fd);
int close_file(int fd);
/// Renames `from` over `to` in one step, replacing `to` when it exists; 0 or an errno value.
int replace_file(const std::filesystem::path& from, const std::filesystem::path& to);

/// A new empty folder in the system's temporary folder, named `prefix` and a unique suffix;
/// empty when it could not be created.
std::filesystem::path make_temp_dir(const std::string& prefix);

/// Sets an environment variable of this process (UTF-8 value).
void set_env(const std::string& name, const std::string& value);

/// The language the user chose for the system's interface, as a locale name ("zh-CN", "en-US"),
/// when the system keeps it apart from the environment (Windows); empty where the environment
/// (LANG and friends) says it (Linux).
std::string system_ui_language();

/// Makes the words the GUI toolkit brings itself (GTK's file chooser and print dialog, which come
/// from gettext under the process locale) speak `language` ("zh_CN", "en"), even when that locale
/// is not generated on the system. Windows: nothing to do, its dialogs speak the system's language.
void set_toolkit_language(const std::string& language);

/// The calendar time `t` in the user's time zone, and a UTC calendar time as a time_t (timegm).
std::tm local_time(std::time_t t);
std::time_t utc_time(std::tm tm);

/// A name for an EXISTING file or folder that a C library's narrow fopen() opens (libxlsxwriter
/// on MinGW): the path itself on Linux; on Windows the path when it is plain ASCII, else its short
/// 8.3 form. Empty when there is no such name (short names switched off on that volume).
std::string c_library_path(const std::filesystem::path& existing);

/// UTF-8 text ↔ path, the same on every platform.
std::filesystem::path utf8_path(const std::string& utf8);
std::string path_utf8(const std::filesystem::path& p);

/// Folders with fonts the PDF engine may use when fontconfig is not there (Windows): the fonts
/// shipped next to the program first (<exe>/../share/fonts), then the system's (%WINDIR%\Fonts).
/// Empty on Linux, where fontconfig knows the fonts.
std::vector<std::filesystem::path> font_dirs();

/// Opens a file or folder with the program the user chose for it (xdg-open, ShellExecute).
/// Returns an error text (already in the user's words) when the system could not start it.
std::optional<std::string> open_with_default_program(const std::filesystem::path& target);

/// A file mapped read-only for scattered reads (mmap with MADV_RANDOM, MapViewOfFile): only the
/// pages read are brought in, without the read-ahead around each, and nothing is copied. A font of
/// 17 MB costs a board the pages of its tables and of the glyphs it draws. Empty (data() null)
/// when the file cannot be opened or mapped, or is empty. The file must not shrink meanwhile.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    /// Copies `n` bytes from `offset` of the file into `out` with one positional read (pread,
    /// ReadFile at an offset), around the mapping: bytes read once (a glyph) bring in no pages.
    /// Returns the bytes read: fewer at the end of the file or on a read error.
    std::size_t read_at(std::size_t offset, char* out, std::size_t n) const;

private:
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    std::intptr_t m_file = -1; ///< the open file (descriptor, or HANDLE on Windows), kept for read_at
};

} // namespace onebook::core::platform

namespace onebook::core::platform {
/// True in the Windows build: for the few choices the shell makes between two whole code paths
/// (`if constexpr`), so both stay compiled and checked on every platform.
#if defined(_WIN32)
inline constexpr bool is_windows = true;
#else
inline constexpr bool is_windows = false;
#endif
} // namespace onebook::core::platform
