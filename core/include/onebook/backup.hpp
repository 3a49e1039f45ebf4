// Backups of an archive: SQLite's online backup API for the database, and the file store covered by
// hard links (its files are named by their SHA-256 and never change, so a backup shares them).
//
//   幸福里.onebook.backups/20261203-074500-auto.onebook   one backup per file (a complete archive)
//   幸福里.onebook.backups/files/ab/cdef…                  the files all of them use, hard-linked
//
// Rolling: one when an archive is opened after a day without one, and before risky operations
// (package import, migration, restore); 7 daily and 4 weekly kept by default (archive settings
// backup.keep_daily, backup.keep_weekly), plus the three newest. A backup is written to a temporary
// name, fsync'ed and renamed, so a crash leaves either the whole backup or none.
#pragma once

#include "onebook/archive.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace onebook::core {

struct BackupInfo {
    std::string path;
    std::string name;      ///< file name
    std::string made_at;   ///< local time "2026-12-03 07:45"
    std::string reason;    ///< auto, manual, before-import, before-migration, before-restore, before-bulk-delete
    std::int64_t size = 0; ///< bytes of the database file
    int files = 0;         ///< stored files it covers
    std::int64_t file_bytes = 0;
};

/// What verify() found in a backup it accepts.
struct BackupCheck {
    int schema_version = 0;
    int files = 0;
    std::int64_t file_bytes = 0;
    std::int64_t change_sets = 0;
};

class Backups {
public:
    explicit Backups(Archive& archive);

    /// "<archive>.backups" beside the archive.
    static std::string folder_for(const std::string& archive_path);
    /// Reason in words ("打开时自动备份"…), a msgid.
    static std::string reason_label(const std::string& reason);

    /// Makes a backup in the archive's backup folder, then prunes old ones. `progress(done, total)`
    /// is called between steps of the copy (pages); the archive may be written meanwhile.
    BackupInfo make(const std::string& reason, const std::function<void(int, int)>& progress = {});
    /// A backup to a file of the user's choosing, its files linked into "<file>.files".
    BackupInfo make_to(const std::string& file, const std::function<void(int, int)>& progress = {});
    /// Newest first.
    std::vector<BackupInfo> list();
    /// No backup in the folder made in the last 24 hours.
    bool due();
    /// A backup in the folder made in the last `seconds` (read from the names alone: cheap however
    /// many backups and branches there are).
    bool made_within(long seconds);
    /// make("auto") when due(); returns whether one was made.
    bool auto_backup_if_due();
    void prune();

    /// Checks a backup before anything relies on it: SQLite integrity check, a OneBook archive of a
    /// version this program reads, and every stored file it needs present with its SHA-256.
    /// Throws an Error naming the backup and the problem.
    static BackupCheck verify(const std::string& backup_file, const std::string& live_archive = {});
    /// Restores the backup into this archive: verified first, the current state backed up, the files
    /// linked into the store, then the database replaced in one transaction. Returns the safety backup.
    BackupInfo restore(const std::string& backup_file);
    /// Restores a backup as a new archive `target` (refused when it exists).
    static void restore_to(const std::string& backup_file, const std::string& target);

private:
    BackupInfo write_backup(const std::string& dest, const std::string& files_folder, const std::string& reason,
                            const std::function<void(int, int)>& progress);
    Archive& m_archive;
};

} // namespace onebook::core
