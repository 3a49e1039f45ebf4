// Fuzz: a roster file as Excel might write it (encoding detection, CSV, header mapping, every
// cell's validation), imported as a dry run into one archive.
#include "fuzz_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/error.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"

using namespace onebook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    core::Archive& archive = fuzz::archive("roster.onebook", "模糊测试党支部");
    core::Roster roster(archive.db(), archive.home().id);
    core::RosterImporter importer(roster);
    try {
        importer.import_bytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv", true);
    } catch (const core::Error&) {}
    return 0;
}
