// Free entries of the one book: what a section holds when it is neither meeting records, archived
// documents nor rule texts — a dated title and text (创新型工作, 在职党员活动登记, 设岗定责…).
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

struct BookEntry {
    core::Id id = 0;
    std::string section_id;
    core::Date date;
    std::string title;
    std::string body;
};

/// The free entries of the archive's own organisation.
class EntryStore {
public:
    EntryStore(core::Archive& archive, std::vector<Section> sections);

    /// Adds an entry to a section that holds entries; throws Error naming the field. Fills id.
    core::Id add(BookEntry& entry);
    void remove(core::Id id);
    /// Entries of a section (all sections when empty) in a year (all years when nullopt), by date.
    std::vector<BookEntry> list(const std::string& section_id = {}, std::optional<int> year = std::nullopt);

private:
    core::Archive& m_archive;
    core::Id m_org;
    std::vector<Section> m_sections;
};

} // namespace onebook::archive
