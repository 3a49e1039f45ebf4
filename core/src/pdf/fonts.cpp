// Font resolution (installed faces through font_lookup.hpp), the TrueType/CFF check, and the per-process HarfBuzz face cache.
#include "onebook/pdf/fonts.hpp"

#include "face_cache.hpp"
#include "onebook/atomic_file.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/line_break.hpp"

#include "font_lookup.hpp"
#include "onebook/platform.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <tuple>
#include <vector>

namespace onebook::core::pdf {

namespace {

std::mutex g_mutex;

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
std::uint16_t be16(const unsigned char* p) { return std::uint16_t((p[0] << 8) | p[1]); }

void refuse_unless_truetype(const std::string& requested, const FontFace& face) {
    std::string error;
    auto kind = detail::sfnt_kind(face.file, face.index, &error);
    if (kind == "cff")
        throw Error("字体“{font}”（{file}）是 OpenType/CFF 字体，PDF 引擎 libharu 无法读取这种字体：请改用 "
                    "TrueType 字体（.ttf/.ttc），例如 WenQuanYi Zen Hei 或 AR PL UMing",
                    {{"font", requested}, {"file", face.file.string()}}, {face.file.string(), {}, "font"});
    if (kind != "truetype")
        throw Error("无法读取字体“{font}”（{file}）：{reason}",
                    {{"font", requested}, {"file", face.file.string()}, {"reason", error}}, {face.file.string(), {}, "font"});
}

// Fontconfig's start-up (its XML configuration and caches) costs more than laying out a board, and
// a family name resolves to the same file run after run: the answers are kept in a small file in
// the user's cache folder, each used while its font file is unchanged (size and modification time)
// and fontconfig's configuration is the default one. A lost or damaged cache only costs a lookup.
struct StoredFace {
    FontFace face;
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
};

std::filesystem::path font_cache_file() {
    if (std::getenv("FONTCONFIG_FILE") || std::getenv("FONTCONFIG_PATH")) return {};
    auto dir = platform::user_cache_dir();
    return dir.empty() ? dir : dir / "fonts.tsv";
}

bool file_stamp(const std::filesystem::path& file, std::uintmax_t& size, std::int64_t& mtime) {
    std::error_code ec;
    size = std::filesystem::file_size(file, ec);
    if (ec) return false;
    auto t = std::filesystem::last_write_time(file, ec);
    if (ec) return false;
    mtime = std::int64_t(t.time_since_epoch().count());
    return true;
}

// Lines: family, file, index, face family, size, mtime (tab-separated).
std::map<std::string, StoredFace> read_font_cache(const std::filesystem::path& cache) {
    std::map<std::string, StoredFace> out;
    std::ifstream in(cache);
    std::string line;
    while (out.size() < 256 && std::getline(in, line)) {
        std::vector<std::string> f;
        for (std::size_t from = 0;;) {
            auto tab = line.find('\t', from);
            f.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
            if (tab == std::string::npos) break;
            from = tab + 1;
        }
        if (f.size() != 6 || f[0].empty() || f[1].empty()) continue;
        StoredFace s;
        s.face.file = platform::utf8_path(f[1]);
        s.face.family = f[3];
        char* end = nullptr;
        s.face.index = unsigned(std::strtoul(f[2].c_str(), &end, 10));
        s.size = std::strtoull(f[4].c_str(), &end, 10);
        s.mtime = std::strtoll(f[5].c_str(), &end, 10);
        out[f[0]] = s;
    }
    return out;
}

std::optional<FontFace> cached_face(const std::string& family) {
    auto cache = font_cache_file();
    if (cache.empty()) return std::nullopt;
    auto all = read_font_cache(cache);
    auto it = all.find(family);
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
    if (it == all.end() || !file_stamp(it->second.face.file, size, mtime) || size != it->second.size || mtime != it->second.mtime)
        return std::nullopt;
    return it->second.face;
}

void remember_face(const std::string& family, const FontFace& face) {
    auto cache = font_cache_file();
    StoredFace s{face, 0, 0};
    if (cache.empty() || family.find_first_of("\t\n") != std::string::npos ||
        platform::path_utf8(face.file).find_first_of("\t\n") != std::string::npos ||
        face.family.find_first_of("\t\n") != std::string::npos || !file_stamp(face.file, s.size, s.mtime))
        return;
    auto all = read_font_cache(cache);
    all[family] = s;
    std::error_code ec;
    std::filesystem::create_directories(cache.parent_path(), ec);
    std::ostringstream out;
    for (const auto& [name, f] : all)
        out << name << '\t' << platform::path_utf8(f.face.file) << '\t' << f.face.index << '\t' << f.face.family << '\t' << f.size
            << '\t' << f.mtime << '\n';
    try {
        core::write_file_atomically(cache, out.str()); // a reader never sees half a file
    } catch (const core::Error&) {
        // only a cache: the next lookup asks the system again
    }
}

} // namespace

namespace detail {

std::string code_point_label(char32_t code) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", unsigned(code));
    return buf;
}

std::string sfnt_kind(const std::filesystem::path& file, unsigned index, std::string* error) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        *error = "文件打不开";
        return {};
    }
    unsigned char head[12] = {};
    in.read(reinterpret_cast<char*>(head), 12);
    if (in.gcount() < 12) {
        *error = "不是字体文件";
        return {};
    }
    std::uint32_t offset = 0;
    if (std::string(reinterpret_cast<char*>(head), 4) == "ttcf") {
        std::uint32_t count = be32(head + 8);
        if (index >= count) {
            *error = "字体集中没有第 " + std::to_string(index) + " 个字体";
            return {};
        }
        unsigned char off[4];
        in.seekg(12 + 4 * index);
        in.read(reinterpret_cast<char*>(off), 4);
        offset = be32(off);
        in.seekg(offset);
        in.read(reinterpret_cast<char*>(head), 12);
        if (in.gcount() < 12) {
            *error = "字体集已损坏";
            return {};
        }
    } else if (index != 0) {
        *error = "不是字体集（.ttc），没有第 " + std::to_string(index) + " 个字体";
        return {};
    }
    std::string tag(reinterpret_cast<char*>(head), 4);
    if (tag == "OTTO") return "cff";
    if (tag != std::string("\0\1\0\0", 4) && tag != "true") {
        *error = "不是 TrueType/OpenType 字体";
        return {};
    }
    // A 'true'/1.0 header normally means glyf outlines; trust the table directory over the header.
    std::uint16_t tables = be16(head + 4);
    bool glyf = false, cff = false;
    for (std::uint16_t i = 0; i < tables; ++i) {
        unsigned char rec[16];
        in.read(reinterpret_cast<char*>(rec), 16);
        if (in.gcount() < 16) break;
        std::string t(reinterpret_cast<char*>(rec), 4);
        glyf |= t == "glyf";
        cff |= t == "CFF " || t == "CFF2";
    }
    if (glyf) return "truetype";
    if (cff) return "cff";
    *error = "字体中没有 TrueType 字形表（glyf）";
    return {};
}

// A face over its file. The tables HarfBuzz reads are handed to it in place from the file mapped
// for scattered reads (platform::MappedFile): nothing copied, one page brought in per page read.
// Except 'glyf': the kernel maps 64 KiB around every page touched in a mapping, which for glyphs
// scattered over a CJK font's 10–17 MB of outlines made MiBs of a board's memory; it stays unread
// (zeroed, untouched) memory until load_glyphs() reads the glyphs a document draws, one pread each.
// Tables the engine does not use (layout, bitmaps, vertical metrics, hinting) are hidden.
struct FaceTables {
    platform::MappedFile file;
    std::map<hb_tag_t, std::pair<std::uint32_t, std::uint32_t>> dir; ///< offset, length (within the file)
    char post[32] = {};                                              ///< 'post' as a version 3 header
    std::mutex m;                                                    ///< guards the glyph reading below
    char* glyf = nullptr;                                            ///< calloc'd: untouched pages cost nothing
    std::uint32_t glyf_length = 0;
    std::vector<bool> loaded; ///< per glyph, once its bytes are in `glyf`

    explicit FaceTables(const std::filesystem::path& path) : file(path) {}
    ~FaceTables() { std::free(glyf); }

    /// The table's bytes in the file (empty if absent or unused).
    std::string_view table(hb_tag_t tag) const {
        auto it = dir.find(tag);
        if (it == dir.end() || !wanted(tag)) return {};
        return {file.data() + it->second.first, it->second.second};
    }

    hb_blob_t* blob(hb_tag_t tag) const {
        if (tag == HB_TAG('g', 'l', 'y', 'f') && glyf)
            return hb_blob_create(glyf, glyf_length, HB_MEMORY_MODE_READONLY, nullptr, nullptr);
        auto bytes = table(tag);
        if (bytes.empty() || tag == HB_TAG('g', 'l', 'y', 'f')) return hb_blob_get_empty();
        // 'post' without its glyph names (450 KB in WenQuanYi Zen Hei): the subset writes a version
        // 3 table, names dropped, from the header alone, and nothing else reads it.
        if (tag == HB_TAG('p', 'o', 's', 't'))
            return bytes.size() < 32 ? hb_blob_get_empty() : hb_blob_create(post, 32, HB_MEMORY_MODE_READONLY, nullptr, nullptr);
        return hb_blob_create(bytes.data(), unsigned(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    }

    /// The tables the engine uses: metrics, the cmap, names and licence, outlines.
    static bool wanted(hb_tag_t tag) {
        for (hb_tag_t t :
             {HB_TAG('c', 'm', 'a', 'p'), HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'),
              HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('O', 'S', '/', '2'), HB_TAG('l', 'o', 'c', 'a'),
              HB_TAG('p', 'o', 's', 't'), HB_TAG('g', 'l', 'y', 'f')})
            if (t == tag) return true;
        return false;
    }

    /// The table directory of face `index` (a .ttc collection's or the file's own); false if not an
    /// sfnt. Tables are cut to the end of the file (a damaged font reads short, never past it).
    bool open(unsigned index) {
        const auto* d = reinterpret_cast<const unsigned char*>(file.data());
        const std::size_t size = file.size();
        if (!d || size < 12) return false;
        std::size_t at = 0;
        if (std::memcmp(d, "ttcf", 4) == 0) {
            if (index >= be32(d + 8) || 16 + 4 * std::size_t(index) > size) return false;
            at = be32(d + 12 + 4 * std::size_t(index));
            if (at + 12 > size) return false;
        } else if (index != 0) {
            return false;
        }
        const std::size_t tables = be16(d + at + 4);
        if (at + 12 + 16 * tables > size) return false;
        for (std::size_t r = 0; r < tables; ++r) {
            const unsigned char* rec = d + at + 12 + 16 * r;
            std::size_t offset = be32(rec + 8), length = be32(rec + 12);
            if (offset > size) continue;
            dir[hb_tag_t(be32(rec))] = {std::uint32_t(offset), std::uint32_t(std::min(length, size - offset))};
        }
        if (auto p = table(HB_TAG('p', 'o', 's', 't')); p.size() >= 32) {
            std::memcpy(post, p.data(), 32);
            std::memcpy(post, "\0\3\0\0", 4); // version 3.0: no names follow
        }
        if (auto g = dir.find(HB_TAG('g', 'l', 'y', 'f')); g != dir.end()) {
            glyf_length = g->second.second;
            glyf = static_cast<char*>(std::calloc(std::max<std::uint32_t>(glyf_length, 1), 1));
            if (!glyf) return false;
        }
        return true;
    }
};

namespace {

extern "C" hb_blob_t* reference_face_table(hb_face_t*, hb_tag_t tag, void* user) {
    return static_cast<const FaceTables*>(user)->blob(tag);
}

extern "C" void destroy_face_tables(void* user) { delete static_cast<FaceTables*>(user); }

} // namespace

const FaceData& face_data(const FontFace& face) {
    static std::map<std::pair<std::string, unsigned>, std::unique_ptr<FaceData>> cache;
    std::lock_guard lock(g_mutex);
    auto key = std::make_pair(face.file.string(), face.index);
    auto it = cache.find(key);
    if (it != cache.end()) return *it->second;
    auto tables = std::make_unique<FaceTables>(face.file);
    if (!tables->open(face.index))
        throw Error("无法读取字体文件“{file}”", {{"file", face.file.string()}}, {face.file.string(), {}, "font"});
    auto data = std::make_unique<FaceData>();
    data->face = face;
    data->tables = tables.get();
    data->hb_face = hb_face_create_for_tables(reference_face_table, tables.release(), destroy_face_tables);
    data->upem = hb_face_get_upem(data->hb_face);
    if (data->upem == 0) data->upem = 1000;
    data->hb_font = hb_font_create(data->hb_face);
    hb_font_extents_t ext{};
    if (hb_font_get_h_extents(data->hb_font, &ext)) {
        data->ascender = int(ext.ascender * 1000 / int(data->upem));
        data->descender = int(ext.descender * 1000 / int(data->upem));
    }
    hb_font_make_immutable(data->hb_font);
    auto& ref = *data;
    cache.emplace(key, std::move(data));
    return ref;
}

void load_glyphs(const FaceData& face, const std::set<char32_t>& chars) {
    auto* t = face.tables;
    if (!t || !t->glyf) return;
    const unsigned count = hb_face_get_glyph_count(face.hb_face);
    std::vector<hb_codepoint_t> todo{0}; // .notdef is always kept
    for (char32_t c : chars) {
        hb_codepoint_t g = 0;
        if (hb_font_get_nominal_glyph(face.hb_font, c, &g)) todo.push_back(g);
    }
    const auto head = t->table(HB_TAG('h', 'e', 'a', 'd'));
    const auto loca = t->table(HB_TAG('l', 'o', 'c', 'a'));
    const bool long_loca = head.size() >= 54 && head[51] != 0;
    const auto* l = reinterpret_cast<const unsigned char*>(loca.data());
    auto offset = [&](std::size_t g) -> std::size_t {
        if (long_loca) return 4 * (g + 1) <= loca.size() ? be32(l + 4 * g) : 0;
        return 2 * (g + 1) <= loca.size() ? 2 * std::size_t(be16(l + 2 * g)) : 0;
    };
    const std::uint32_t base = t->dir[HB_TAG('g', 'l', 'y', 'f')].first;
    std::lock_guard lock(t->m);
    if (t->loaded.empty()) t->loaded.assign(count, false);
    while (!todo.empty()) {
        hb_codepoint_t g = todo.back();
        todo.pop_back();
        if (g >= count || t->loaded[g]) continue;
        t->loaded[g] = true;
        std::size_t from = offset(g), to = offset(g + 1);
        if (to <= from || to > t->glyf_length) continue;
        char* glyph = t->glyf + from;
        // One positional read per glyph (a seek and a read each before); a short read leaves zeros,
        // which the subset takes for an empty glyph.
        t->file.read_at(std::size_t(base) + from, glyph, to - from);
        // A composite glyph (negative contour count) draws others: their glyphs are needed too.
        const auto* p = reinterpret_cast<const unsigned char*>(glyph);
        if (to - from < 10 || std::int16_t(be16(p)) >= 0) continue;
        for (std::size_t at = 10; at + 4 <= to - from;) {
            unsigned flags = be16(p + at);
            todo.push_back(be16(p + at + 2));
            at += 4 + ((flags & 0x1) ? 4 : 2) + ((flags & 0x8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
            if (!(flags & 0x20)) break; // MORE_COMPONENTS
        }
    }
}

int advance_1000(const FaceData& face, char32_t code) {
    hb_codepoint_t gid = 0;
    if (!hb_font_get_nominal_glyph(face.hb_font, code, &gid)) return -1;
    auto adv = hb_font_get_glyph_h_advance(face.hb_font, gid);
    return int(unsigned(adv) * 1000u / face.upem);
}

} // namespace detail

FontFace resolve_font(const std::string& family_or_path) {
    static std::map<std::string, FontFace> cache;
    {
        std::lock_guard lock(g_mutex);
        if (auto it = cache.find(family_or_path); it != cache.end()) return it->second;
    }
    if (family_or_path.empty()) throw Error("没有设置字体", {}, {{}, {}, "font"});

    FontFace face;
    std::filesystem::path as_path = family_or_path;
    unsigned index = 0;
    if (auto colon = family_or_path.rfind(':');
        colon != std::string::npos && colon + 1 < family_or_path.size() &&
        std::all_of(family_or_path.begin() + colon + 1, family_or_path.end(), ::isdigit)) {
        as_path = family_or_path.substr(0, colon);
        index = unsigned(std::stoul(family_or_path.substr(colon + 1)));
    }
    std::error_code ec;
    bool looks_like_path = family_or_path.find('/') != std::string::npos || family_or_path.find('\\') != std::string::npos;
    if (looks_like_path || std::filesystem::is_regular_file(as_path, ec)) {
        if (!std::filesystem::is_regular_file(as_path, ec))
            throw Error("找不到字体文件“{file}”", {{"file", as_path.string()}}, {as_path.string(), {}, "font"});
        face.file = as_path;
        face.index = index;
        face.family = as_path.stem().string();
    } else if (auto stored = cached_face(family_or_path)) {
        face = *stored;
    } else {
        if (auto found = detail::system_family_face(family_or_path)) face = *found;
        if (face.file.empty())
            throw Error("找不到字体“{font}”：请安装它（installer/deps.sh 会安装 WenQuanYi Zen Hei 和 AR PL "
                        "UMing），或在设置中填写字体文件（.ttf/.ttc）的路径",
                        {{"font", family_or_path}}, {{}, {}, "font"});
        remember_face(family_or_path, face);
    }
    refuse_unless_truetype(family_or_path, face);
    std::lock_guard lock(g_mutex);
    cache.emplace(family_or_path, face);
    return face;
}

bool face_has_char(const FontFace& face, char32_t code) { return detail::advance_1000(detail::face_data(face), code) >= 0; }

std::optional<FontFace> find_face_for_char(char32_t code) {
    static std::map<char32_t, std::optional<FontFace>> cache;
    {
        std::lock_guard lock(g_mutex);
        if (auto it = cache.find(code); it != cache.end()) return it->second;
    }
    std::optional<FontFace> found;
    found = detail::system_face_for_char(code);
    std::lock_guard lock(g_mutex);
    cache.emplace(code, found);
    return found;
}

std::optional<char32_t> first_non_bmp(std::string_view utf8) {
    for (char32_t c : utf8_to_u32(utf8))
        if (c > 0xFFFF) return c;
    return std::nullopt;
}

void check_drawable(std::string_view text, const std::string& where) {
    auto u = utf8_to_u32(text);
    for (std::size_t i = 0; i < u.size(); ++i) {
        char32_t c = u[i];
        if (c == 0xFFFD && text.find("\xEF\xBF\xBD") == std::string_view::npos)
            throw Error("文字“{text}”不是有效的 UTF-8 编码", {{"text", std::string(text)}}, {{}, {}, where});
        if (c > 0xFFFF) {
            // Name the text (a window around the character when it is long) so the user can find it.
            std::u32string shown = u;
            if (u.size() > 60) {
                std::size_t from = i > 25 ? i - 25 : 0;
                shown = (from > 0 ? U"…" : U"") + u.substr(from, 50) + (from + 50 < u.size() ? U"…" : U"");
            }
            throw Error("“{text}”中的字符“{char}”（{code}）是扩展区生僻字，PDF 引擎（libharu）只能画出基本多文种平面"
                        "（U+FFFF 以内）的字符，否则会悄悄变成空格：请改用常用字或拼音加注，打印后再手写补上",
                        {{"text", u32_to_utf8(shown)},
                         {"char", u32_to_utf8(std::u32string(1, c))},
                         {"code", detail::code_point_label(c)}},
                        {{}, {}, where});
        }
    }
}

} // namespace onebook::core::pdf
