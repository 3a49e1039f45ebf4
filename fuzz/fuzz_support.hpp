// Shared by the fuzz targets: a private scratch folder for the process, and the plugin folder of
// the build tree.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
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

inline void write(const std::filesystem::path& p, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

} // namespace onebook::fuzz
