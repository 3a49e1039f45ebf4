// One archive = one SQLite file (.onebook): opening, creating, migrating and refusing archives.
#pragma once

#include "onebook/date.hpp"
#include "onebook/db.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/model.hpp"
#include "onebook/uid.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// An open OneBook archive. Holds the file's exclusive lock for its whole life, so a second
/// process (another shell, a CLI) is refused with a clear message instead of racing it.
class Archive {
public:
    /// SQLite application_id of OneBook archives ("ONEB").
    static constexpr std::int32_t application_id = 0x4F4E4542;

    /// Creates a new archive holding `home` as its own organisation. Refuses an existing file.
    /// `with_identity`: make its signing key (identity.hpp); off only for scratch archives that
    /// never leave a temporary folder.
    static Archive create(const std::string& path, Organisation home, bool with_identity = true);
    /// Opens an existing archive, migrating it forward. Refuses (Error naming the file) a file that
    /// is missing, not an SQLite database, not a OneBook archive, damaged, locked by another
    /// process, or written by a newer OneBook — and never writes to it in those cases.
    ///
    /// An archive on read-only storage (a CD, a read-only share, a 0444 file) is opened read-only,
    /// with a notice: viewing, searching, boards, books and export work; any change is refused
    /// with a message saying so. An archive whose references do not resolve (a dangling foreign
    /// key) is opened read-only too, with a notice naming the table and row.
    static Archive open(const std::string& path);
    /// Opens read-only whatever the storage allows.
    static Archive open_read_only(const std::string& path);

    /// A clean close (no change under way) is remembered, so that the next open of the unchanged
    /// file can skip reading it whole (see archive.cpp).
    ~Archive();
    Archive(Archive&&) noexcept = default;
    Archive& operator=(Archive&&) noexcept = default;

    Database& db() { return m_db; }
    const std::string& path() const { return m_path; }
    int schema_version();
    static int latest_schema_version();

    /// The organisation this archive belongs to (a superior's archive also holds imported ones).
    Organisation home();

    /// Who makes the changes from now on, as the journal records them (the CLI's --by, the
    /// shell's preference; the OS user when empty).
    void set_actor(const std::string& name);
    /// After the database was replaced under this connection (a restore): migrates it forward and
    /// re-installs the journal.
    void reload_schema();

    std::string setting(const std::string& key, const std::string& fallback = {});
    void set_setting(const std::string& key, const std::string& value);

    /// The day the branch started keeping its records in this archive (asked when it is created,
    /// editable). Rules and computed assessment suggestions ignore periods before it: nobody
    /// recorded them here. nullopt: everything is judged (archives made before the setting existed).
    std::optional<Date> records_start();
    /// Sets (or with nullopt clears) the records-start date. Throws Error for a date before 1921
    /// or after today.
    void set_records_start(const std::optional<Date>& day, const Date& today = Date::today());
    /// True when opened read-only (see open()).
    bool read_only() const { return m_read_only; }
    /// What the user should be told about this archive at open (read-only, copied, no key…).
    const std::vector<Message>& notices() const { return m_notices; }
    /// True when the previous session did not close the archive (its WAL was left behind): the
    /// archive layer then clears what a killed command may have left in the file store.
    bool opened_after_crash() const { return m_after_crash; }

    /// The whole-file checks an everyday open skips (see open()): every page of the database
    /// (SQLite's integrity check) and every reference. Returns what is wrong, one line each, in the
    /// words SQLite and the tables use; empty when all is well. Reads the whole file.
    std::vector<std::string> check_database();

    /// The archive's signing identity on this machine (identity.hpp), checked at open.
    const IdentityInfo& identity_info() const { return m_identity; }
    /// Checks the identity again (after renew/rekey).
    void refresh_identity();

private:
    Archive() = default;
    static Archive open_file(const std::string& path, bool creating);
    static Archive open_read_only_file(const std::string& path, std::vector<Message> notices);
    void migrate();
    void note_identity();

    Database m_db;
    std::string m_path;
    std::string m_actor;
    bool m_read_only = false;
    bool m_after_crash = false;
    std::vector<Message> m_notices;
    IdentityInfo m_identity;
};

/// Name of the archive setting holding the records-start date (ISO text).
inline constexpr const char* records_start_setting = "records_start";

} // namespace onebook::core
