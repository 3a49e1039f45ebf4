// Fuzz: a package zip from a branch, through every check of import (zip entries, BagIt, signature,
// JSON, meaning) and a dry-run import into one superior archive, rolled back each time.
#include "fuzz_support.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/package.hpp"
#include "onebook/error.hpp"

using namespace onebook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    core::Archive& superior = fuzz::archive("superior.onebook", "模糊测试街道党工委");
    auto zip = fuzz::scratch() / "input.zip";
    fuzz::write(zip, data, size);
    try {
        archive::verify_package(zip, &superior);
    } catch (const core::Error&) {}
    return 0;
}
