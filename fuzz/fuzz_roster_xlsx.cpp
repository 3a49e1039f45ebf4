// Fuzz: a roster workbook (.xlsx: zip, shared strings, sheet XML, dates as serial numbers) read by
// the project's own xlsx reader and imported as a dry run, the same path as a CSV roster.
#include "fuzz_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/error.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/xlsx_reader.hpp"

using namespace onebook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    core::Archive& archive = fuzz::archive("roster_xlsx.onebook", "模糊测试党支部");
    std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& name : core::xlsx_sheet_names(bytes, "fuzz.xlsx")) (void)core::read_xlsx(bytes, "fuzz.xlsx", name);
    } catch (const core::Error&) {}
    core::Roster roster(archive.db(), archive.home().id);
    core::RosterImporter importer(roster);
    try {
        importer.import_bytes(bytes, "fuzz.xlsx", true);
    } catch (const core::Error&) {}
    return 0;
}
