// BagIt (RFC 8493) tag files and bag verification.
#include "onebook/archive/bagit.hpp"

#include "onebook/error.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::archive {

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r' || c == '\n') {
            out.push_back(cur);
            cur.clear();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

std::string encode_path(const std::string& p) {
    std::string out;
    for (char c : p) {
        if (c == '%') out += "%25";
        else if (c == '\n') out += "%0A";
        else if (c == '\r') out += "%0D";
        else out += c;
    }
    return out;
}

std::string decode_path(const std::string& p) {
    std::string out;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '%' && i + 2 < p.size()) {
            std::string hex = lower(p.substr(i + 1, 2));
            if (hex == "25") {
                out += '%';
                i += 2;
                continue;
            }
            if (hex == "0a") {
                out += '\n';
                i += 2;
                continue;
            }
            if (hex == "0d") {
                out += '\r';
                i += 2;
                continue;
            }
        }
        out += p[i];
    }
    return out;
}

bool safe_relative(const std::string& p) {
    if (p.empty() || p[0] == '/' || p.find('\\') != std::string::npos) return false;
    std::size_t start = 0;
    while (start <= p.size()) {
        auto end = p.find('/', start);
        if (end == std::string::npos) end = p.size();
        std::string part = p.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = end + 1;
    }
    return true;
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

[[noreturn]] void bad_bag(const std::string& key, const std::string& file, core::MessageParams extra = {}) {
    extra.insert(extra.begin(), {"file", file});
    throw core::Error(key, extra, {file, {}, {}});
}

} // namespace

std::string BagInfo::get(const std::string& label) const {
    for (const auto& [k, v] : fields)
        if (lower(k) == lower(label)) return v;
    return {};
}

std::string bagit_declaration() { return "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; }

std::string format_bag_info(const BagInfo& info) {
    std::string out;
    for (const auto& [k, v] : info.fields) {
        std::string value = v;
        for (auto& c : value)
            if (c == '\n' || c == '\r') c = ' ';
        out += k + ": " + value + "\n";
    }
    return out;
}

std::string format_manifest(const std::vector<BagFile>& files) {
    std::string out;
    for (const auto& f : files) out += f.sha256 + "  " + encode_path(f.path) + "\n";
    return out;
}

std::string payload_oxum(const std::vector<BagFile>& payload) {
    std::uint64_t bytes = 0;
    for (const auto& f : payload) bytes += f.size;
    return std::to_string(bytes) + "." + std::to_string(payload.size());
}

BagInfo parse_bag_info(const std::string& text, const std::string& file) {
    BagInfo info;
    long row = 0;
    for (const auto& line : lines_of(text)) {
        ++row;
        if (line.empty()) continue;
        if (line[0] == ' ' || line[0] == '\t') {
            if (info.fields.empty())
                throw core::Error(OB_N("{file} 第 {row} 行：续行前没有标签"), {{"file", file}, {"row", std::to_string(row)}},
                                  {file, row, {}});
            info.fields.back().second += " " + trim(line);
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos || colon == 0)
            throw core::Error(OB_N("{file} 第 {row} 行：应为“标签: 值”"), {{"file", file}, {"row", std::to_string(row)}},
                              {file, row, {}});
        info.add(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    }
    return info;
}

std::vector<BagFile> parse_manifest(const std::string& text, const std::string& file) {
    std::vector<BagFile> out;
    std::set<std::string> seen;
    long row = 0;
    for (const auto& line : lines_of(text)) {
        ++row;
        if (trim(line).empty()) continue;
        auto ws = line.find_first_of(" \t");
        std::string sum = ws == std::string::npos ? line : line.substr(0, ws);
        std::string path = ws == std::string::npos ? std::string() : line.substr(line.find_first_not_of(" \t", ws));
        auto where = core::Location{file, row, {}};
        core::MessageParams p = {{"file", file}, {"row", std::to_string(row)}};
        if (path.empty()) throw core::Error(OB_N("{file} 第 {row} 行：缺少文件路径"), p, where);
        bool hex = sum.size() == 64;
        for (char c : sum) hex = hex && std::isxdigit(static_cast<unsigned char>(c));
        if (!hex) throw core::Error(OB_N("{file} 第 {row} 行：校验和不是 64 位十六进制 SHA-256"), p, where);
        path = decode_path(path);
        p.emplace_back("path", path);
        if (!safe_relative(path)) throw core::Error(OB_N("{file} 第 {row} 行：路径“{path}”不安全"), p, where);
        if (!seen.insert(path).second) throw core::Error(OB_N("{file} 第 {row} 行：“{path}”重复列出"), p, where);
        out.push_back({path, lower(sum), 0});
    }
    return out;
}

std::string sha256_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw core::Error(OB_N("无法读取文件 {file}"), {{"file", file.string()}}, {file.string(), {}, {}});
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) sha.update(buf.data(), static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string sha256_hex(const std::string& bytes) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(bytes);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

VerifiedBag verify_bag(const fs::path& folder) {
    // RFC 8493 §4: a serialized bag unpacks to exactly one folder, the bag's base.
    std::vector<fs::path> top;
    for (const auto& e : fs::directory_iterator(folder)) top.push_back(e.path());
    if (top.size() != 1 || !fs::is_directory(top[0]) || fs::is_symlink(top[0]))
        bad_bag(OB_N("档案包应只含一个顶层文件夹（袋的根目录），实际有 {count} 项"), folder.string(),
                {{"count", std::to_string(top.size())}});
    VerifiedBag bag;
    bag.base = top[0];
    const std::string base_name = bag.base.filename().string();
    auto rel = [&](const std::string& p) { return base_name + "/" + p; };

    for (const char* required : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"})
        if (!fs::is_regular_file(bag.base / required)) bad_bag(OB_N("档案包缺少 {file}"), rel(required));
    std::string declaration = read_all(bag.base / "bagit.txt");
    auto decl = parse_bag_info(declaration, rel("bagit.txt"));
    std::string version = decl.get("BagIt-Version");
    // OneBook writes BagIt 1.0 (RFC 8493) and reads nothing else: 0.97 bags differ in tag-file rules.
    if (version != "1.0")
        bad_bag(OB_N("{file}：不支持的 BagIt 版本“{version}”，OneBook 只接受 1.0（RFC 8493）"), rel("bagit.txt"),
                {{"version", version}});
    if (lower(decl.get("Tag-File-Character-Encoding")) != "utf-8")
        bad_bag(OB_N("{file}：标签文件编码应为 UTF-8"), rel("bagit.txt"));

    bag.info = parse_bag_info(read_all(bag.base / "bag-info.txt"), rel("bag-info.txt"));

    // Every file of the bag, by its path relative to the base.
    std::set<std::string> payload_found, tags_found;
    for (auto it = fs::recursive_directory_iterator(bag.base); it != fs::recursive_directory_iterator(); ++it) {
        std::string p = fs::relative(it->path(), bag.base).generic_string();
        if (it->is_symlink()) bad_bag(OB_N("{file} 是符号链接，已拒绝"), rel(p));
        if (it->is_directory()) continue;
        if (!it->is_regular_file()) bad_bag(OB_N("{file} 不是普通文件，已拒绝"), rel(p));
        (p.rfind("data/", 0) == 0 ? payload_found : tags_found).insert(p);
    }
    if (!fs::is_directory(bag.base / "data")) bad_bag(OB_N("档案包缺少 {file} 文件夹"), rel("data/"));

    // Payload manifest: every listed file present with its checksum, every payload file listed.
    auto manifest = parse_manifest(read_all(bag.base / "manifest-sha256.txt"), rel("manifest-sha256.txt"));
    std::set<std::string> listed;
    for (auto& f : manifest) {
        if (f.path.rfind("data/", 0) != 0)
            bad_bag(OB_N("{file} 列出了数据区之外的“{path}”"), rel("manifest-sha256.txt"), {{"path", f.path}});
        listed.insert(f.path);
        if (!payload_found.count(f.path)) bad_bag(OB_N("档案包缺少清单中列出的文件 {file}"), rel(f.path));
        std::string actual = sha256_file(bag.base / f.path);
        if (actual != f.sha256)
            bad_bag(OB_N("{file} 的 SHA-256 校验和与清单不符（清单 {expected}，实际 {actual}），文件已被改动或损坏"), rel(f.path),
                    {{"expected", f.sha256}, {"actual", actual}});
        f.size = fs::file_size(bag.base / f.path);
    }
    for (const auto& p : payload_found)
        if (!listed.count(p)) bad_bag(OB_N("{file} 不在清单 manifest-sha256.txt 中（多出的或未登记的文件）"), rel(p));
    bag.payload = manifest;

    // Tag manifest: covers the other tag files; no unlisted tag file.
    auto tagmanifest = parse_manifest(read_all(bag.base / "tagmanifest-sha256.txt"), rel("tagmanifest-sha256.txt"));
    std::set<std::string> tags_listed;
    for (const auto& f : tagmanifest) {
        if (f.path.rfind("data/", 0) == 0 || f.path.rfind("tagmanifest-", 0) == 0)
            bad_bag(OB_N("{file} 列出了不应列出的“{path}”"), rel("tagmanifest-sha256.txt"), {{"path", f.path}});
        if (!tags_found.count(f.path)) bad_bag(OB_N("档案包缺少标签清单中列出的文件 {file}"), rel(f.path));
        std::string actual = sha256_file(bag.base / f.path);
        if (actual != f.sha256)
            bad_bag(OB_N("{file} 的 SHA-256 校验和与标签清单不符（清单 {expected}，实际 {actual}），文件已被改动或损坏"),
                    rel(f.path), {{"expected", f.sha256}, {"actual", actual}});
        tags_listed.insert(f.path);
    }
    for (const char* required : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"})
        if (!tags_listed.count(required))
            bad_bag(OB_N("{file} 没有列出 {path}"), rel("tagmanifest-sha256.txt"), {{"path", required}});
    for (const auto& p : tags_found)
        // onebook-signature.txt signs the tag manifest, so the tag manifest cannot list it.
        if (!tags_listed.count(p) && p.rfind("tagmanifest-", 0) != 0 && p != "onebook-signature.txt")
            bad_bag(OB_N("{file} 不在标签清单中（多出的或未登记的文件）"), rel(p));
    for (const auto& p : tags_found)
        if (p.rfind("tagmanifest-", 0) == 0 && p != "tagmanifest-sha256.txt")
            bad_bag(OB_N("{file}：只支持 SHA-256 清单"), rel(p));
        else if (p.rfind("manifest-", 0) == 0 && p != "manifest-sha256.txt") bad_bag(OB_N("{file}：只支持 SHA-256 清单"), rel(p));

    std::string oxum = bag.info.get("Payload-Oxum");
    if (oxum.empty()) bad_bag(OB_N("{file} 缺少 Payload-Oxum"), rel("bag-info.txt"));
    if (oxum != payload_oxum(bag.payload))
        bad_bag(OB_N("{file} 的 Payload-Oxum 为 {declared}，实际数据为 {actual}"), rel("bag-info.txt"),
                {{"declared", oxum}, {"actual", payload_oxum(bag.payload)}});
    return bag;
}

} // namespace onebook::archive
