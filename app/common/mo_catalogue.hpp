// A compiled gettext catalogue (.mo) read without wxWidgets or iconv: the msgids are Simplified
// Chinese UTF-8 and the translations UTF-8 too, so a lookup is a binary search over the file's
// sorted msgid table — no conversion, no language table, nothing built at start-up.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onebook::app {

class MoCatalogue {
public:
    /// Reads `file`; nullopt when it is missing or is not a well-formed .mo file (the caller then
    /// shows the msgids, as gettext does).
    static std::optional<MoCatalogue> load(const std::filesystem::path& file);
    /// Parses .mo bytes; nullopt when they are not a well-formed catalogue.
    static std::optional<MoCatalogue> parse(std::string bytes);

    /// The translation of `msgid`, or nullptr when the catalogue has none (or an empty one).
    const std::string_view* find(std::string_view msgid) const;
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::string_view msgid;
        std::string_view text;
    };
    std::unique_ptr<const std::string> m_bytes; ///< on the heap: the views stay valid when the catalogue moves
    std::vector<Entry> m_entries;               ///< sorted by msgid, views into *m_bytes
};

} // namespace onebook::app
