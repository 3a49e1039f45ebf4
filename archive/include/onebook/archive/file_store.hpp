// The archive's file store: every filed file (document scans, PDFs, photos, sign-in sheets of
// meeting records) kept once, named by the SHA-256 of its content, in a folder beside the archive:
//   幸福里.onebook        the SQLite archive (metadata, one row per distinct content in stored_file)
//   幸福里.onebook.files/ab/cdef0123…   the bytes (first two hex digits are the sub-folder)
//
// Beside, not inside, the SQLite file, because:
//  - the archive stays small, so opening, quick_check, VACUUM INTO backups and the WAL stay fast
//    while scans and photos grow to hundreds of megabytes over the years;
//  - a file named by its hash can be checked by anyone with `sha256sum`, copied into a BagIt
//    package as it is, and a damaged disk sector costs one file, not the database;
//  - writing a new file never rewrites database pages, so a crash mid-copy cannot touch the archive.
// The price is two things to carry: the .onebook file and its .files folder (packages bundle
// both; `verify` says when the folder is missing or altered).
//
// A file is written to <folder>/tmp, fsync'ed, renamed to its final name and the folder fsync'ed
// *before* the database row that refers to it commits; a filing that fails afterwards removes a
// file it created (an existing, shared one is left alone). Same content → same file (de-duplicated).
#pragma once

#include "onebook/archive.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onebook::archive {

/// A file in the store.
struct StoredFile {
    std::string sha256; ///< 64 lowercase hex digits
    std::int64_t size = 0;
    std::string media_type; ///< guessed from content and name: application/pdf, image/png…
    std::string original_name;
    bool created = false; ///< put(): true when this call wrote the bytes (they were not stored yet)

    /// The reference other tables keep: "sha256:<hex>".
    std::string reference() const { return "sha256:" + sha256; }
};

/// One problem found by verify().
struct StoreProblem {
    enum class Kind { Missing, Altered, Unreferenced, Leftover };
    Kind kind;
    std::string sha256; ///< empty for leftovers
    std::filesystem::path path;
    std::string detail;               ///< e.g. the hash actually found
    std::vector<std::string> used_by; ///< 档号 / record references that point at it (missing, altered)
};

struct VerifyReport {
    int checked = 0;        ///< stored_file rows re-hashed
    std::int64_t bytes = 0; ///< bytes re-hashed
    std::vector<StoreProblem> problems;
    /// No missing or altered file (unreferenced files and leftovers are reported but harmless).
    bool ok() const;
    int count(StoreProblem::Kind kind) const;
};

class FileStore {
public:
    explicit FileStore(core::Archive& archive);

    /// "<archive>.files" beside the archive file.
    static std::filesystem::path folder_for(const std::filesystem::path& archive_path);
    const std::filesystem::path& folder() const { return m_folder; }
    /// Where the bytes of `sha256` are (whether or not they exist).
    std::filesystem::path path_of(const std::string& sha256) const;

    /// Copies `file` into the store (atomically, fsync'ed) and records it in stored_file, inside
    /// the caller's transaction when there is one. Throws Error naming the file when it cannot be
    /// read or is not a regular file, and when the store cannot be written.
    StoredFile put(const std::filesystem::path& file);
    /// The same for bytes in memory; `name` is the file name it is filed under.
    StoredFile put_bytes(std::string_view bytes, const std::string& name);
    /// Removes the bytes of a file put() just created, when no row refers to it (after a failed
    /// filing). Never throws.
    void discard(const StoredFile& file) noexcept;

    std::optional<StoredFile> find(const std::string& sha256);
    /// Parses "sha256:<hex>" (or bare hex); nullopt when it is not a reference.
    static std::optional<std::string> parse_reference(const std::string& reference);

    /// Re-hashes every stored file; reports missing and altered ones (with the documents that use
    /// them), files in the folder that no row knows, and temporary leftovers of interrupted copies.
    VerifyReport verify();

    /// What repair() removed.
    struct RepairReport {
        int leftovers = 0;    ///< tmp/*.part of interrupted copies
        int unreferenced = 0; ///< stored bytes no row refers to (a command killed before its commit)
        std::vector<std::filesystem::path> removed;
    };
    /// Removes what interrupted commands left: temporary copies, and files named by their hash that
    /// no stored_file row refers to *and* whose content still matches their name (so nothing a
    /// person put there, nothing altered, and nothing any row needs). Needs the archive's exclusive
    /// lock (held while it is open), so no other process is writing. Never touches a referenced file.
    RepairReport repair();

    /// SHA-256 of a file's content, streamed (Poco::SHA2Engine).
    static std::string hash_file(const std::filesystem::path& file);
    /// Media type from the first bytes (PDF, PNG, JPEG, GIF, TIFF, Word/zip) and else the extension.
    static std::string guess_media_type(std::string_view head, const std::string& name);

private:
    StoredFile store(const std::filesystem::path& source, std::string_view bytes, bool from_memory, const std::string& name);
    core::Archive& m_archive;
    std::filesystem::path m_folder;
};

/// After an unclean shutdown (core::Archive::opened_after_crash()), clears the file store of what
/// the killed command left (FileStore::repair). Called by the CLI and the shell right after open;
/// does nothing on a read-only archive or after a clean shutdown.
FileStore::RepairReport recover_after_crash(core::Archive& archive);

/// For meeting-record attachments (sign-in sheets, photos): files `path` into the archive's store
/// and returns the stored reference ("sha256:<hex>") to keep in the record. One transaction.
std::string store_attachment(core::Archive& archive, const std::filesystem::path& path);
/// The path of the bytes behind a reference returned by store_attachment(); Error when unknown.
std::filesystem::path attachment_path(core::Archive& archive, const std::string& reference);

} // namespace onebook::archive
