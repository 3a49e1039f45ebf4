#include "onebook/archive/file_store.hpp"

#include "onebook/atomic_file.hpp"
#include "onebook/error.hpp"
#include "onebook/platform.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <set>

namespace fs = std::filesystem;

namespace onebook::archive {

namespace {

constexpr std::size_t chunk_size = 1 << 16;

[[noreturn]] void io_error(const std::string& what, const fs::path& file, int err) {
    throw core::Error(OB_N("文件库写入失败（{what}）：{file}：{reason}"),
                      {{"what", what}, {"file", core::platform::path_utf8(file)}, {"reason", std::strerror(err)}},
                      {core::platform::path_utf8(file), {}, {}});
}

void fsync_dir(const fs::path& dir) {
    if (!core::platform::sync_path(dir, true)) io_error("同步文件夹", dir, errno ? errno : EIO);
}

void ensure_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return;
    fs::create_directories(dir, ec);
    if (ec) io_error("新建文件夹", dir, ec.value());
    fsync_dir(dir.has_parent_path() ? dir.parent_path() : fs::path("."));
}

bool is_hex64(const std::string& s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string lower_ext(const std::string& name) {
    auto ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

} // namespace

bool VerifyReport::ok() const { return count(StoreProblem::Kind::Missing) == 0 && count(StoreProblem::Kind::Altered) == 0; }

int VerifyReport::count(StoreProblem::Kind kind) const {
    return static_cast<int>(
        std::count_if(problems.begin(), problems.end(), [&](const StoreProblem& p) { return p.kind == kind; }));
}

FileStore::FileStore(core::Archive& archive) : m_archive(archive), m_folder(fs::absolute(folder_for(archive.path()))) {}

fs::path FileStore::folder_for(const fs::path& archive_path) { return fs::path(archive_path.string() + ".files"); }

fs::path FileStore::path_of(const std::string& sha256) const { return m_folder / sha256.substr(0, 2) / sha256.substr(2); }

std::string FileStore::hash_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw core::Error(OB_N("无法读取文件 {file}"), {{"file", file.string()}}, {file.string(), {}, {}});
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    std::vector<char> buf(chunk_size);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) sha.update(buf.data(), static_cast<unsigned>(in.gcount()));
    }
    if (in.bad()) throw core::Error(OB_N("无法读取文件 {file}"), {{"file", file.string()}}, {file.string(), {}, {}});
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string FileStore::guess_media_type(std::string_view head, const std::string& name) {
    auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    std::string ext = lower_ext(name);
    if (starts("%PDF-")) return "application/pdf";
    if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts("\xFF\xD8\xFF")) return "image/jpeg";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "image/tiff";
    if (starts("\xD0\xCF\x11\xE0")) return ext == ".xls" ? "application/vnd.ms-excel" : "application/msword";
    if (starts("PK\x03\x04")) {
        if (ext == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (ext == ".pptx") return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        if (ext == ".ofd") return "application/ofd";
        return "application/zip";
    }
    static const std::pair<const char*, const char*> by_ext[] = {
        {".txt", "text/plain"},      {".doc", "application/msword"}, {".wps", "application/vnd.ms-works"},
        {".ofd", "application/ofd"}, {".bmp", "image/bmp"},          {".webp", "image/webp"}};
    for (const auto& [e, t] : by_ext)
        if (ext == e) return t;
    return "application/octet-stream";
}

StoredFile FileStore::put(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) throw core::Error(OB_N("文件 {file} 不存在"), {{"file", file.string()}}, {file.string(), {}, {}});
    if (!fs::is_regular_file(file, ec))
        throw core::Error(OB_N("{file} 不是普通文件，不能归档"), {{"file", file.string()}}, {file.string(), {}, {}});
    return store(file, {}, false, file.filename().string());
}

StoredFile FileStore::put_bytes(std::string_view bytes, const std::string& name) { return store({}, bytes, true, name); }

StoredFile FileStore::store(const fs::path& source, std::string_view bytes, bool from_memory, const std::string& name) {
    ensure_dir(m_folder);
    fs::path tmp_dir = m_folder / "tmp";
    ensure_dir(tmp_dir);
    std::random_device rd;
    fs::path tmp =
        tmp_dir / (std::to_string(core::platform::process_id()) + "-" + std::to_string(rd()) + std::to_string(rd()) + ".part");
    auto out = core::AtomicFile::at_temp(tmp); // removed again on any failure below
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    std::string head;
    std::int64_t size = 0;
    auto write_all = [&](const char* p, std::size_t n) {
        sha.update(p, static_cast<unsigned>(n));
        if (head.size() < 16) head.append(p, std::min<std::size_t>(n, 16 - head.size()));
        size += static_cast<std::int64_t>(n);
        out.write(std::string_view(p, n));
    };
    if (from_memory) {
        for (std::size_t off = 0; off < bytes.size(); off += chunk_size)
            write_all(bytes.data() + off, std::min(chunk_size, bytes.size() - off));
    } else {
        std::ifstream in(source, std::ios::binary);
        if (!in) throw core::Error(OB_N("无法读取文件 {file}"), {{"file", source.string()}}, {source.string(), {}, {}});
        std::vector<char> buf(chunk_size);
        while (in) {
            in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
            if (in.gcount() > 0) write_all(buf.data(), static_cast<std::size_t>(in.gcount()));
        }
        if (in.bad()) throw core::Error(OB_N("无法读取文件 {file}"), {{"file", source.string()}}, {source.string(), {}, {}});
    }

    StoredFile result;
    result.sha256 = Poco::DigestEngine::digestToHex(sha.digest());
    result.size = size;
    result.media_type = guess_media_type(head, name);
    result.original_name = name;
    fs::path final_path = path_of(result.sha256);
    std::error_code ec;
    bool present = fs::is_regular_file(final_path, ec) && static_cast<std::int64_t>(fs::file_size(final_path, ec)) == size &&
                   !ec && hash_file(final_path) == result.sha256;
    if (present) {
        out.discard(); // same content is already stored: keep one copy
    } else {
        // Missing, or altered on disk: (re)write it. Re-filing the original repairs an altered file.
        ensure_dir(final_path.parent_path());
        out.commit_as(final_path);
        result.created = true;
    }
    try {
        core::Transaction tx(m_archive.db());
        core::Statement st(m_archive.db(), "INSERT INTO stored_file(sha256, size, media_type, original_name) VALUES(?, ?, ?, ?) "
                                           "ON CONFLICT(sha256) DO NOTHING");
        st.bind_all(result.sha256, result.size, result.media_type, name).run();
        tx.commit();
    } catch (...) {
        if (result.created) discard(result);
        throw;
    }
    return result;
}

void FileStore::discard(const StoredFile& file) noexcept {
    if (!file.created || !is_hex64(file.sha256)) return;
    try {
        core::Statement st(m_archive.db(), "SELECT 1 FROM stored_file WHERE sha256 = ?");
        st.bind(1, file.sha256);
        if (st.step()) return; // another (committed) row still refers to these bytes
        std::error_code ec;
        fs::remove(path_of(file.sha256), ec);
    } catch (...) {
        // verify() reports what is left over.
    }
}

std::optional<StoredFile> FileStore::find(const std::string& sha256) {
    core::Statement st(m_archive.db(), "SELECT sha256, size, media_type, original_name FROM stored_file WHERE sha256 = ?");
    st.bind(1, sha256);
    if (!st.step()) return std::nullopt;
    StoredFile f;
    f.sha256 = st.get_text(0);
    f.size = st.get_int(1);
    f.media_type = st.get_text(2);
    f.original_name = st.get_text(3);
    return f;
}

std::optional<std::string> FileStore::parse_reference(const std::string& reference) {
    std::string hex = reference.rfind("sha256:", 0) == 0 ? reference.substr(7) : reference;
    std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!is_hex64(hex)) return std::nullopt;
    return hex;
}

VerifyReport FileStore::verify() {
    VerifyReport report;
    std::set<std::string> known;
    std::vector<std::pair<std::string, std::int64_t>> rows;
    {
        core::Statement st(m_archive.db(), "SELECT sha256, size FROM stored_file ORDER BY sha256");
        while (st.step()) rows.emplace_back(st.get_text(0), st.get_int(1));
    }
    auto users = [&](const std::string& sha) {
        std::vector<std::string> out;
        core::Statement st(m_archive.db(),
                           "SELECT fonds_code || '-' || category_code || '·' || year || '-' || retention || '-' || "
                           "printf('%04d', item_no) || ' ' || title FROM document WHERE file_sha256 = ? ORDER BY id");
        st.bind(1, sha);
        while (st.step()) out.push_back(st.get_text(0));
        return out;
    };
    for (const auto& [sha, size] : rows) {
        known.insert(sha);
        ++report.checked;
        fs::path p = path_of(sha);
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) {
            report.problems.push_back({StoreProblem::Kind::Missing, sha, p, {}, users(sha)});
            continue;
        }
        std::string found = hash_file(p);
        report.bytes += static_cast<std::int64_t>(fs::file_size(p, ec));
        if (found != sha) report.problems.push_back({StoreProblem::Kind::Altered, sha, p, found, users(sha)});
        else if (static_cast<std::int64_t>(fs::file_size(p, ec)) != size)
            report.problems.push_back({StoreProblem::Kind::Altered, sha, p, "size", users(sha)});
    }
    std::error_code ec;
    if (fs::is_directory(m_folder, ec)) {
        for (const auto& sub : fs::directory_iterator(m_folder, ec)) {
            std::string dir = sub.path().filename().string();
            if (!sub.is_directory()) {
                report.problems.push_back({StoreProblem::Kind::Unreferenced, {}, sub.path(), {}, {}});
                continue;
            }
            for (const auto& f : fs::directory_iterator(sub.path(), ec)) {
                if (dir == "tmp") {
                    report.problems.push_back({StoreProblem::Kind::Leftover, {}, f.path(), {}, {}});
                    continue;
                }
                std::string sha = dir + f.path().filename().string();
                if (!known.count(sha))
                    report.problems.push_back({StoreProblem::Kind::Unreferenced, is_hex64(sha) ? sha : "", f.path(), {}, {}});
            }
        }
    }
    return report;
}

FileStore::RepairReport FileStore::repair() {
    RepairReport out;
    if (m_archive.read_only()) return out;
    std::error_code ec;
    for (const auto& p : verify().problems) {
        bool remove = false;
        if (p.kind == StoreProblem::Kind::Leftover) {
            remove = p.path.extension() == ".part";
            if (remove) ++out.leftovers;
        } else if (p.kind == StoreProblem::Kind::Unreferenced && is_hex64(p.sha256) && fs::is_regular_file(p.path, ec) &&
                   hash_file(p.path) == p.sha256) {
            remove = true;
            ++out.unreferenced;
        }
        if (remove && fs::remove(p.path, ec)) out.removed.push_back(p.path);
    }
    return out;
}

FileStore::RepairReport recover_after_crash(core::Archive& archive) {
    if (!archive.opened_after_crash() || archive.read_only()) return {};
    try {
        return FileStore(archive).repair();
    } catch (const core::Error&) {
        return {}; // `verify` still reports whatever is left
    }
}

std::string store_attachment(core::Archive& archive, const fs::path& path) {
    FileStore store(archive);
    StoredFile f;
    try {
        core::Transaction tx(archive.db());
        f = store.put(path);
        tx.commit();
    } catch (...) {
        store.discard(f); // after the rollback: removes bytes this call wrote and nothing else
        throw;
    }
    return f.reference();
}

fs::path attachment_path(core::Archive& archive, const std::string& reference) {
    FileStore store(archive);
    auto sha = FileStore::parse_reference(reference);
    if (!sha || !store.find(*sha))
        throw core::Error(OB_N("文件库中没有“{reference}”"), {{"reference", reference}}, {{}, {}, "reference"});
    return store.path_of(*sha);
}

} // namespace onebook::archive
