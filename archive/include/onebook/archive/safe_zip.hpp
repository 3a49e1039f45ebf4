// Reading zip files that come from elsewhere (packages sent up by branches) without trusting them.
//
// Poco::Zip::Decompress reads local headers one after the other, writes straight to final paths
// and reports a bad entry only through its EError event. So before anything is extracted, every
// entry is checked here from both the central directory and its local header: names (absolute,
// "..", backslashes, control characters, invalid UTF-8, duplicates also up to letter case, a file
// that is also a folder), links and special files, encryption, compression methods other than
// stored/deflate, sizes and compression ratio against caps (zip bombs, including overlapping
// entries), and the layout (entries back to back from byte 0 to the central directory, so Poco's
// sequential reading sees exactly the entries checked). Each entry is then inflated once into
// nothing, counting bytes and computing its CRC-32, so a lying size or a damaged stream is found
// before a byte is written. Only then does extract() run Decompress into a fresh folder, listening
// to EError. Every problem is an Error naming the zip and the entry.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace onebook::archive {

/// Caps for untrusted zips.
struct ZipLimits {
    std::uint64_t max_total = 8ull << 30; ///< sum of uncompressed sizes (8 GiB)
    std::uint64_t max_entry = 4ull << 30; ///< one entry, uncompressed (ZIP64 is refused anyway)
    std::size_t max_entries = 200000;
    double max_ratio = 200;                 ///< uncompressed ÷ compressed, per entry …
    std::uint64_t ratio_floor = 1ull << 20; ///< … for entries larger than this (small text compresses well)
    /// data/archive.json is parsed in memory (about five times its size at peak): a branch's
    /// archive is a few MB, so anything above this is refused before it is read.
    std::uint64_t max_json = 48ull << 20;
};

/// One checked entry.
struct ZipEntry {
    std::string name; ///< as stored (forward slashes)
    bool directory = false;
    std::uint16_t method = 0; ///< 0 stored, 8 deflate
    std::uint32_t crc32 = 0;
    std::uint64_t compressed = 0;
    std::uint64_t size = 0; ///< uncompressed
    std::uint64_t header_offset = 0;
    std::uint64_t data_offset = 0;
};

/// Checks every entry of `zip` as described above; throws Error naming the file and the entry.
std::vector<ZipEntry> inspect_zip(const std::filesystem::path& zip, const ZipLimits& limits = {});

/// Extracts a zip that inspect_zip() accepted into `folder`, which must not exist yet (it is
/// created, mode 0700). Fails (Error naming the entry) on any EError event of Decompress, on an
/// entry that did not arrive with its size, and on anything in the folder that is not an entry.
void extract_zip(const std::filesystem::path& zip, const std::vector<ZipEntry>& entries, const std::filesystem::path& folder);

/// A fresh, private (0700) folder under the system's temporary folder, removed with its content
/// when the object dies.
class StagingDir {
public:
    explicit StagingDir(const std::string& tag);
    ~StagingDir();
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace onebook::archive
