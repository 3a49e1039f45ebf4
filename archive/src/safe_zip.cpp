// Checking and extracting untrusted zips: see safe_zip.hpp.
#include "onebook/archive/safe_zip.hpp"

#include "onebook/error.hpp"
#include "onebook/platform.hpp"
#include "onebook/text_encoding.hpp"

#include <Poco/Checksum.h>
#include <Poco/Delegate.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Path.h>
#include <Poco/Zip/Decompress.h>
#include <Poco/Zip/ZipLocalFileHeader.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <streambuf>

namespace fs = std::filesystem;

namespace onebook::archive {

namespace {

constexpr std::uint32_t sig_local = 0x04034b50;
constexpr std::uint32_t sig_central = 0x02014b50;
constexpr std::uint32_t sig_end = 0x06054b50;
constexpr std::uint32_t sig_zip64_locator = 0x07064b50;
constexpr std::uint32_t sig_descriptor = 0x08074b50;

std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) | (static_cast<std::uint32_t>(p[2]) << 16) |
           (static_cast<std::uint32_t>(p[3]) << 24);
}

/// Errors about the zip as a whole.
[[noreturn]] void bad_zip(const fs::path& zip, const std::string& reason) {
    throw core::Error(OB_N("{file} 不是有效的 zip 档案包：{reason}"), {{"file", zip.string()}, {"reason", reason}},
                      {zip.string(), {}, {}});
}

/// Errors about one entry: the key names the problem, params carry the entry and details.
[[noreturn]] void bad_entry(const fs::path& zip, const std::string& entry, const std::string& key,
                            core::MessageParams extra = {}) {
    extra.insert(extra.begin(), {"entry", entry});
    extra.insert(extra.begin(), {"file", zip.string()});
    throw core::Error(key, extra, {zip.string(), {}, entry});
}

class Reader {
public:
    explicit Reader(const fs::path& p) : m_path(p), m_in(p, std::ios::binary) {
        if (!m_in) throw core::Error(OB_N("无法读取档案包 {file}"), {{"file", p.string()}}, {p.string(), {}, {}});
        m_in.seekg(0, std::ios::end);
        m_size = static_cast<std::uint64_t>(m_in.tellg());
    }
    std::uint64_t size() const { return m_size; }
    /// Reads exactly n bytes at offset, or returns false when the file is shorter.
    bool read(std::uint64_t offset, std::size_t n, std::string& out) {
        out.resize(n);
        if (offset > m_size || n > m_size - offset) return false;
        m_in.clear();
        m_in.seekg(static_cast<std::streamoff>(offset));
        m_in.read(out.data(), static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(m_in.gcount()) == n;
    }
    std::ifstream& stream() { return m_in; }

private:
    fs::path m_path;
    std::ifstream m_in;
    std::uint64_t m_size = 0;
};

/// A read-only view of [begin, end) of another stream (the compressed bytes of one entry).
class SliceBuf : public std::streambuf {
public:
    SliceBuf(std::istream& in, std::uint64_t begin, std::uint64_t end) : m_in(in), m_pos(begin), m_end(end) {}

protected:
    int_type underflow() override {
        if (m_pos >= m_end) return traits_type::eof();
        std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof m_buf, m_end - m_pos));
        m_in.clear();
        m_in.seekg(static_cast<std::streamoff>(m_pos));
        m_in.read(m_buf, static_cast<std::streamsize>(n));
        auto got = static_cast<std::size_t>(m_in.gcount());
        if (got == 0) return traits_type::eof();
        m_pos += got;
        setg(m_buf, m_buf, m_buf + got);
        return traits_type::to_int_type(m_buf[0]);
    }

private:
    std::istream& m_in;
    std::uint64_t m_pos, m_end;
    char m_buf[65536];
};

/// Problems with a name, as a message key, or empty when the name is fine.
std::string name_problem(const std::string& name) {
    if (name.empty()) return OB_N("档案包 {file} 中有一个条目没有名称，已拒绝");
    if (name.size() > 1024) return OB_N("档案包 {file} 中的条目“{entry}”名称过长，已拒绝");
    if (!core::is_valid_utf8(name)) return OB_N("档案包 {file} 中的条目“{entry}”的名称不是有效的 UTF-8，已拒绝");
    if (name[0] == '/' || name[0] == '\\' ||
        (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))))
        return OB_N("档案包 {file} 中的条目“{entry}”使用绝对路径，已拒绝");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7F) return OB_N("档案包 {file} 中的条目“{entry}”的名称含有控制字符，已拒绝");
    if (name.find('\\') != std::string::npos) return OB_N("档案包 {file} 中的条目“{entry}”的名称含有反斜杠，已拒绝");
    std::string body = name.back() == '/' ? name.substr(0, name.size() - 1) : name;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('/', start);
        if (end == std::string::npos) end = body.size();
        std::string part = body.substr(start, end - start);
        if (part == "..") return OB_N("档案包 {file} 中的条目“{entry}”的路径含有“..”，会写到解压目录之外，已拒绝");
        if (part.empty() || part == ".") return OB_N("档案包 {file} 中的条目“{entry}”的路径含有空的或“.”路径段，已拒绝");
        start = end + 1;
    }
    return {};
}

std::string lower_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

std::string human(std::uint64_t bytes) { return std::to_string(bytes); }

/// Where the central directory is and how many entries it lists.
struct CentralDirectory {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    std::uint16_t entries = 0;
};

/// Reads the end-of-central-directory record; refuses ZIP64, split archives, a directory that does not
/// end where the record starts, and more entries than the limit.
CentralDirectory find_central_directory(Reader& in, const fs::path& zip, const ZipLimits& limits) {
    const std::uint64_t size = in.size();
    if (size < 22) bad_zip(zip, OB_N("文件太短"));

    // End of central directory: the last 22 bytes plus a comment of up to 65535 bytes.
    std::uint64_t tail_len = std::min<std::uint64_t>(size, 22 + 65535);
    std::string tail;
    in.read(size - tail_len, static_cast<std::size_t>(tail_len), tail);
    std::int64_t eocd = -1;
    for (std::int64_t i = static_cast<std::int64_t>(tail_len) - 22; i >= 0; --i) {
        auto p = reinterpret_cast<const unsigned char*>(tail.data()) + i;
        if (u32(p) == sig_end && static_cast<std::uint64_t>(i) + 22 + u16(p + 20) == tail_len) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) bad_zip(zip, OB_N("找不到中央目录结尾（文件被截断或不是 zip）"));
    const auto* e = reinterpret_cast<const unsigned char*>(tail.data()) + eocd;
    const std::uint64_t eocd_pos = size - tail_len + static_cast<std::uint64_t>(eocd);
    std::uint16_t disk = u16(e + 4), cd_disk = u16(e + 6), n_disk = u16(e + 8), n_total = u16(e + 10);
    std::uint32_t cd_size = u32(e + 12), cd_offset = u32(e + 16);
    if (eocd_pos >= 20) {
        std::string loc;
        if (in.read(eocd_pos - 20, 4, loc) && u32(reinterpret_cast<const unsigned char*>(loc.data())) == sig_zip64_locator)
            bad_zip(zip, OB_N("使用了 ZIP64 扩展（超过 4 GB 或 65535 个条目），不支持"));
    }
    if (n_total == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF)
        bad_zip(zip, OB_N("使用了 ZIP64 扩展（超过 4 GB 或 65535 个条目），不支持"));
    if (disk != 0 || cd_disk != 0 || n_disk != n_total) bad_zip(zip, OB_N("分卷 zip 不支持"));
    if (static_cast<std::uint64_t>(cd_offset) + cd_size != eocd_pos)
        bad_zip(zip, OB_N("中央目录的位置与大小不符（文件被截断或拼接过）"));
    if (n_total > limits.max_entries)
        throw core::Error(
            OB_N("档案包 {file} 有 {count} 个条目，超过上限 {limit}"),
            {{"file", zip.string()}, {"count", std::to_string(n_total)}, {"limit", std::to_string(limits.max_entries)}},
            {zip.string(), {}, {}});
    return {cd_offset, cd_size, n_total};
}

/// Unix hosts keep the file type in the upper half of the external attributes: only regular files
/// and folders may be extracted.
void check_unix_type(const fs::path& zip, const std::string& name, std::uint16_t made_by, std::uint32_t ext_attr) {
    unsigned host = made_by >> 8;
    unsigned mode = ext_attr >> 16;
    if (host != 3 || mode == 0) return;
    unsigned type = mode & 0170000;
    if (type == 0120000) bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”是符号链接，已拒绝"));
    if (type != 0100000 && type != 0040000)
        bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”不是普通文件或文件夹（设备、管道等），已拒绝"));
}

/// An entry's recorded size against the limits: not too large, not inflating too far (a zip bomb).
void check_entry_size(const fs::path& zip, const ZipEntry& entry, const ZipLimits& limits) {
    if (entry.size > limits.max_entry)
        bad_entry(zip, entry.name, OB_N("档案包 {file} 中的条目“{entry}”解压后 {size} 字节，超过上限 {limit} 字节，已拒绝"),
                  {{"size", human(entry.size)}, {"limit", human(limits.max_entry)}});
    if (entry.size > limits.ratio_floor &&
        static_cast<double>(entry.size) > limits.max_ratio * std::max<double>(entry.compressed, 1))
        bad_entry(zip, entry.name, OB_N("档案包 {file} 中的条目“{entry}”压缩比 {ratio}:1 过高（疑似压缩炸弹），已拒绝"),
                  {{"ratio", std::to_string(entry.size / std::max<std::uint64_t>(entry.compressed, 1))}});
}

/// The entries the central directory lists, each name and size checked, no duplicates (ignoring
/// ASCII case), no file that is also another entry's folder, and the total within the limits.
std::vector<ZipEntry> read_central_directory(Reader& in, const fs::path& zip, const CentralDirectory& dir,
                                             const ZipLimits& limits) {
    std::string cd;
    if (!in.read(dir.offset, dir.size, cd)) bad_zip(zip, OB_N("中央目录不完整"));
    const auto* c = reinterpret_cast<const unsigned char*>(cd.data());
    std::size_t pos = 0;
    std::vector<ZipEntry> entries;
    std::map<std::string, std::string> seen; // lower-cased name → name
    std::set<std::string> folders;           // every parent folder of every entry
    std::uint64_t total = 0;
    for (std::uint16_t k = 0; k < dir.entries; ++k) {
        if (pos + 46 > cd.size() || u32(c + pos) != sig_central) bad_zip(zip, OB_N("中央目录损坏"));
        const unsigned char* h = c + pos;
        std::uint16_t made_by = u16(h + 4), flags = u16(h + 8), method = u16(h + 10);
        std::uint32_t crc = u32(h + 16), csize = u32(h + 20), usize = u32(h + 24);
        std::uint16_t name_len = u16(h + 28), extra_len = u16(h + 30), comment_len = u16(h + 32);
        std::uint16_t start_disk = u16(h + 34);
        std::uint32_t ext_attr = u32(h + 38), lho = u32(h + 42);
        if (pos + 46 + name_len + extra_len + comment_len > cd.size()) bad_zip(zip, OB_N("中央目录损坏"));
        std::string name(reinterpret_cast<const char*>(h + 46), name_len);
        pos += 46u + name_len + extra_len + comment_len;

        if (auto problem = name_problem(name); !problem.empty()) bad_entry(zip, name, problem);
        if (flags & 0x0041) bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”已加密，已拒绝"));
        if (method != 0 && method != 8)
            bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”使用未知的压缩方法 {method}，已拒绝"),
                      {{"method", std::to_string(method)}});
        if (start_disk != 0) bad_zip(zip, OB_N("分卷 zip 不支持"));
        check_unix_type(zip, name, made_by, ext_attr);
        ZipEntry entry;
        entry.name = name;
        entry.directory = name.back() == '/';
        entry.method = method;
        entry.crc32 = crc;
        entry.compressed = csize;
        entry.size = usize;
        entry.header_offset = lho;
        if (entry.directory && usize != 0)
            bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”是文件夹却带有内容，已拒绝"));
        if (method == 0 && csize != usize)
            bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”的大小记录自相矛盾，已拒绝"));

        std::string key = lower_ascii(entry.directory ? name.substr(0, name.size() - 1) : name);
        if (auto it = seen.find(key); it != seen.end()) {
            if (it->second == name || it->second == name + "/" || it->second + "/" == name)
                bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”重复出现，已拒绝"));
            bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”与“{other}”只有大小写不同，已拒绝"),
                      {{"other", it->second}});
        }
        seen[key] = name;
        for (auto slash = key.find('/'); slash != std::string::npos; slash = key.find('/', slash + 1))
            folders.insert(key.substr(0, slash));

        check_entry_size(zip, entry, limits);
        total += usize;
        if (total > limits.max_total)
            throw core::Error(OB_N("档案包 {file} 解压后超过 {limit} 字节（疑似压缩炸弹），已拒绝"),
                              {{"file", zip.string()}, {"limit", human(limits.max_total)}}, {zip.string(), {}, name});
        entries.push_back(entry);
    }
    if (pos != cd.size()) bad_zip(zip, OB_N("中央目录有多余数据"));
    // A file that is also a folder of another entry ("data" and "data/x") cannot both be written.
    for (const auto& [key, name] : seen)
        if (name.back() != '/' && folders.count(key))
            bad_entry(zip, name, OB_N("档案包 {file} 中的条目“{entry}”既是文件又是其他条目的文件夹，已拒绝"));

    return entries;
}

/// Local headers must agree with the central directory, and the entries must follow each other
/// from byte 0 to the central directory with nothing hidden in between or overlapping. Sets each
/// entry's data_offset.
void check_local_headers(Reader& in, const fs::path& zip, std::vector<ZipEntry>& entries, std::uint32_t cd_offset) {
    std::vector<ZipEntry*> by_offset;
    for (auto& en : entries) by_offset.push_back(&en);
    std::sort(by_offset.begin(), by_offset.end(),
              [](const ZipEntry* a, const ZipEntry* b) { return a->header_offset < b->header_offset; });
    std::uint64_t expected = 0;
    for (ZipEntry* en : by_offset) {
        if (en->header_offset != expected)
            bad_entry(zip, en->name,
                      en->header_offset < expected
                          ? OB_N("档案包 {file} 中的条目“{entry}”与其他条目的数据重叠（疑似压缩炸弹），已拒绝")
                          : OB_N("档案包 {file} 中的条目“{entry}”之前有中央目录未记载的数据，已拒绝"));
        std::string lh;
        if (!in.read(en->header_offset, 30, lh) || u32(reinterpret_cast<const unsigned char*>(lh.data())) != sig_local)
            bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的本地文件头损坏，已拒绝"));
        const auto* l = reinterpret_cast<const unsigned char*>(lh.data());
        std::uint16_t lflags = u16(l + 6), lmethod = u16(l + 8);
        std::uint32_t lcrc = u32(l + 14), lcsize = u32(l + 18), lusize = u32(l + 22);
        std::uint16_t lname_len = u16(l + 26), lextra_len = u16(l + 28);
        std::string lname;
        if (!in.read(en->header_offset + 30, lname_len, lname) || lname != en->name || lmethod != en->method || (lflags & 0x0041))
            bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的本地文件头与中央目录不一致，已拒绝"));
        bool descriptor = (lflags & 0x0008) != 0;
        if (!descriptor && (lcrc != en->crc32 || lcsize != en->compressed || lusize != en->size))
            bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的本地文件头与中央目录不一致，已拒绝"));
        en->data_offset = en->header_offset + 30 + lname_len + lextra_len;
        std::uint64_t end = en->data_offset + en->compressed;
        if (end > cd_offset)
            bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的数据超出了文件范围（文件被截断？），已拒绝"));
        if (descriptor) {
            // Optional signature, then CRC and the two sizes (32-bit: ZIP64 is refused above).
            std::string d;
            if (!in.read(end, 12, d)) bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的数据描述符损坏，已拒绝"));
            const auto* dp = reinterpret_cast<const unsigned char*>(d.data());
            std::uint64_t dlen = 12;
            if (u32(dp) == sig_descriptor) {
                if (!in.read(end + 4, 12, d))
                    bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的数据描述符损坏，已拒绝"));
                dp = reinterpret_cast<const unsigned char*>(d.data());
                dlen = 16;
            }
            if (u32(dp) != en->crc32 || u32(dp + 4) != en->compressed || u32(dp + 8) != en->size)
                bad_entry(zip, en->name, OB_N("档案包 {file} 中的条目“{entry}”的数据描述符与中央目录不一致，已拒绝"));
            end += dlen;
        }
        expected = end;
    }
    if (expected != cd_offset) bad_zip(zip, OB_N("最后一个条目与中央目录之间有未记载的数据"));
}

/// Inflates one entry into nothing: the real size must be the recorded one, and so the CRC.
void check_entry_data(Reader& in, const fs::path& zip, const ZipEntry& en, std::vector<char>& buf) {
    SliceBuf slice(in.stream(), en.data_offset, en.data_offset + en.compressed);
    std::istream raw(&slice);
    Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
    std::uint64_t produced = 0;
    try {
        std::unique_ptr<std::istream> inflating;
        std::istream* src = &raw;
        if (en.method == 8) {
            inflating = std::make_unique<Poco::InflatingInputStream>(raw, -15); // raw deflate, as zip stores it
            src = inflating.get();
        }
        while (*src) {
            src->read(buf.data(), static_cast<std::streamsize>(buf.size()));
            auto got = static_cast<std::size_t>(src->gcount());
            if (got == 0) break;
            produced += got;
            if (produced > en.size)
                bad_entry(zip, en.name,
                          OB_N("档案包 {file} 中的条目“{entry}”解压后比记载的 {size} 字节更大（疑似压缩炸弹），已拒绝"),
                          {{"size", human(en.size)}});
            crc.update(buf.data(), static_cast<unsigned>(got));
        }
    } catch (const core::Error&) { throw; } catch (const std::exception& ex) {
        bad_entry(zip, en.name, OB_N("档案包 {file} 中的条目“{entry}”数据损坏，无法解压：{reason}，已拒绝"),
                  {{"reason", ex.what()}});
    }
    if (produced != en.size)
        bad_entry(zip, en.name, OB_N("档案包 {file} 中的条目“{entry}”解压后 {actual} 字节，与记载的 {size} 字节不符，已拒绝"),
                  {{"actual", human(produced)}, {"size", human(en.size)}});
    if (crc.checksum() != en.crc32)
        bad_entry(zip, en.name, OB_N("档案包 {file} 中的条目“{entry}”的 CRC 校验和不符（数据损坏），已拒绝"));
}

} // namespace

std::vector<ZipEntry> inspect_zip(const fs::path& zip, const ZipLimits& limits) {
    std::error_code ec;
    if (fs::is_symlink(zip, ec) || !fs::is_regular_file(zip, ec))
        throw core::Error(OB_N("档案包 {file} 不存在或不是普通文件"), {{"file", zip.string()}}, {zip.string(), {}, {}});
    Reader in(zip);
    CentralDirectory dir = find_central_directory(in, zip, limits);
    std::vector<ZipEntry> entries = read_central_directory(in, zip, dir, limits);
    check_local_headers(in, zip, entries, dir.offset);
    std::vector<char> buf(65536);
    for (const auto& en : entries)
        if (!en.directory) check_entry_data(in, zip, en, buf);
    return entries;
}

namespace {

struct ErrorSink {
    std::vector<std::pair<std::string, std::string>> errors; // entry, Poco's message
    void on_error(const void*, std::pair<const Poco::Zip::ZipLocalFileHeader, const std::string>& info) {
        errors.emplace_back(info.first.getFileName(), info.second);
    }
};

} // namespace

void extract_zip(const fs::path& zip, const std::vector<ZipEntry>& entries, const fs::path& folder) {
    std::error_code ec;
    if (fs::exists(folder, ec))
        throw core::Error(OB_N("解压目录 {folder} 已存在，为安全起见只解压到新建的空目录"), {{"folder", folder.string()}},
                          {folder.string(), {}, {}});
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
    std::ifstream in(zip, std::ios::binary);
    if (!in) throw core::Error(OB_N("无法读取档案包 {file}"), {{"file", zip.string()}}, {zip.string(), {}, {}});
    ErrorSink sink;
    Poco::Zip::Decompress dec(in, Poco::Path(folder.string() + "/"), false, false);
    dec.EError += Poco::delegate(&sink, &ErrorSink::on_error);
    try {
        dec.decompressAllFiles();
    } catch (const Poco::Exception& ex) {
        dec.EError -= Poco::delegate(&sink, &ErrorSink::on_error);
        throw core::Error(OB_N("解压档案包 {file} 失败：{reason}"), {{"file", zip.string()}, {"reason", ex.displayText()}},
                          {zip.string(), {}, {}});
    }
    dec.EError -= Poco::delegate(&sink, &ErrorSink::on_error);
    if (!sink.errors.empty())
        bad_entry(zip, sink.errors.front().first, OB_N("档案包 {file} 中的条目“{entry}”解压失败：{reason}，已拒绝"),
                  {{"reason", sink.errors.front().second}});

    // What arrived must be exactly the entries, each with its size, and nothing else.
    std::set<std::string> expected_files, expected_dirs;
    for (const auto& en : entries) {
        std::string n = en.directory ? en.name.substr(0, en.name.size() - 1) : en.name;
        (en.directory ? expected_dirs : expected_files).insert(n);
        for (auto slash = n.find('/'); slash != std::string::npos; slash = n.find('/', slash + 1))
            expected_dirs.insert(n.substr(0, slash));
        if (en.directory) continue;
        fs::path p = folder / fs::path(en.name);
        if (fs::is_symlink(p, ec) || !fs::is_regular_file(p, ec) || fs::file_size(p, ec) != en.size)
            bad_entry(zip, en.name, OB_N("档案包 {file} 中的条目“{entry}”解压后缺失或大小不符，已拒绝"));
    }
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
        std::string rel = fs::relative(it->path(), folder).generic_string();
        bool is_dir = it->is_directory() && !it->is_symlink();
        if (is_dir ? !expected_dirs.count(rel) : !expected_files.count(rel) || it->is_symlink())
            bad_entry(zip, rel, OB_N("档案包 {file} 解压出了未记载的“{entry}”，已拒绝"));
    }
}

StagingDir::StagingDir(const std::string& tag) {
    fs::path dir = core::platform::make_temp_dir("onebook-" + tag + "-");
    if (dir.empty()) {
        std::string templ = core::platform::path_utf8(fs::temp_directory_path() / ("onebook-" + tag + "-"));
        throw core::Error(OB_N("无法创建临时目录 {folder}"), {{"folder", templ}}, {templ, {}, {}});
    }
    m_path = core::platform::path_utf8(dir);
}

StagingDir::~StagingDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

} // namespace onebook::archive
