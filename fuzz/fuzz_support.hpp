// Shared by the fuzz targets: a private scratch folder for the process, one community archive in
// it for the whole run, and the plugin folder of the build tree.
#pragma once

#include "onebook/archive.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>

namespace onebook::fuzz {

inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("onebook-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        ::setenv("ONEBOOK_KEY_DIR", (d / "keys").c_str(), 1);
        return d;
    }();
    return dir;
}

/// A community organisation's archive `file` in the scratch folder, created on first use and kept
/// for the whole run (each input works on it inside a transaction it rolls back, or as a dry run).
inline core::Archive& archive(const std::string& file, const std::string& name) {
    static std::map<std::string, std::unique_ptr<core::Archive>> open;
    auto& a = open[file];
    if (!a) {
        core::Organisation org;
        org.name = name;
        org.sector = "community";
        a = std::make_unique<core::Archive>(core::Archive::create((scratch() / file).string(), org, false));
    }
    return *a;
}

inline void write(const std::filesystem::path& p, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

} // namespace onebook::fuzz
