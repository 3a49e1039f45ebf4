// Fuzz: a package zip from a branch, through every check of import (zip entries, BagIt, signature,
// JSON, meaning) and a dry-run import into one superior archive, rolled back each time.
#include "fuzz_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/error.hpp"

#include <optional>

using namespace onebook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static std::optional<core::Archive> superior;
    if (!superior) {
        core::Organisation org;
        org.name = "模糊测试街道党工委";
        org.sector = "community";
        superior.emplace(core::Archive::create((fuzz::scratch() / "superior.onebook").string(), org, false));
    }
    auto zip = fuzz::scratch() / "input.zip";
    fuzz::write(zip, data, size);
    try {
        archive::verify_package(zip, &*superior);
    } catch (const core::Error&) {
    }
    return 0;
}
