// BagIt (RFC 8493) bags: the tag files OneBook writes into a package, and checking an extracted
// bag: bagit.txt, bag-info.txt (Payload-Oxum), manifest-sha256.txt covering every payload file
// exactly once, tagmanifest-sha256.txt covering the tag files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace onebook::archive {

/// A file of the bag with its SHA-256.
struct BagFile {
    std::string path;   ///< relative to the bag's base folder, '/'-separated ("data/archive.json")
    std::string sha256; ///< lowercase hex
    std::uint64_t size = 0;
};

/// bag-info.txt: labelled values, in order (labels may repeat).
struct BagInfo {
    std::vector<std::pair<std::string, std::string>> fields;
    /// The first value of `label` (compared without letter case), or "".
    std::string get(const std::string& label) const;
    void add(const std::string& label, const std::string& value) { fields.emplace_back(label, value); }
};

/// "BagIt-Version: 1.0" and the tag file encoding.
std::string bagit_declaration();
/// bag-info.txt text (values are single lines; line breaks become spaces).
std::string format_bag_info(const BagInfo& info);
/// A manifest: "<sha256>  <path>" lines, paths percent-encoded as RFC 8493 §2.1.3 asks.
std::string format_manifest(const std::vector<BagFile>& files);
/// "<octets>.<files>" of the payload.
std::string payload_oxum(const std::vector<BagFile>& payload);

/// Parses bag-info.txt (continuation lines start with whitespace). `file` names it in errors.
BagInfo parse_bag_info(const std::string& text, const std::string& file);
/// Parses a sha256 manifest; throws Error naming the file and line for a malformed line, a
/// checksum that is not 64 hex digits, an unsafe path or a path listed twice.
std::vector<BagFile> parse_manifest(const std::string& text, const std::string& file);

/// A bag that passed verify_bag().
struct VerifiedBag {
    std::filesystem::path base; ///< the bag's base folder
    BagInfo info;
    std::vector<BagFile> payload; ///< every payload file, as listed in the manifest (with sizes)
};

/// Checks the bag extracted into `folder` (which must hold exactly one folder: the bag's base).
/// Every payload file must be listed in manifest-sha256.txt and every listed file present with
/// its checksum; every other file must be a tag file listed, with its checksum, in
/// tagmanifest-sha256.txt (which must cover bagit.txt, bag-info.txt and manifest-sha256.txt);
/// Payload-Oxum must match. Throws Error naming the file that is wrong.
VerifiedBag verify_bag(const std::filesystem::path& folder);

/// SHA-256 (lowercase hex) of a file's content, streamed.
std::string sha256_file(const std::filesystem::path& file);
/// SHA-256 (lowercase hex) of bytes.
std::string sha256_hex(const std::string& bytes);

} // namespace onebook::archive
