// One archive = one SQLite file (.onebook): opening, creating, migrating and refusing archives.
#pragma once

#include "onebook/date.hpp"
#include "onebook/db.hpp"
#include "onebook/model.hpp"

#include <optional>
#include <string>

namespace onebook::core {

/// An open OneBook archive. Holds the file's exclusive lock for its whole life, so a second
/// process (another shell, a CLI) is refused with a clear message instead of racing it.
class Archive {
public:
    /// SQLite application_id of OneBook archives ("ONEB").
    static constexpr std::int32_t application_id = 0x4F4E4542;

    /// Creates a new archive holding `home` as its own organisation. Refuses an existing file.
    static Archive create(const std::string& path, Organisation home);
    /// Opens an existing archive, migrating it forward. Refuses (Error naming the file) a file that
    /// is missing, not an SQLite database, not a OneBook archive, damaged, locked by another
    /// process, or written by a newer OneBook — and never writes to it in those cases.
    static Archive open(const std::string& path);

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

private:
    Archive() = default;
    static Archive open_file(const std::string& path, bool creating);
    void migrate();

    Database m_db;
    std::string m_path;
    std::string m_actor;
};

/// Name of the archive setting holding the records-start date (ISO text).
inline constexpr const char* records_start_setting = "records_start";

/// A new random identifier (UUID v4 text) for organisations and other exported entities.
std::string new_uid();

} // namespace onebook::core
