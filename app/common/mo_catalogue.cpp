#include "mo_catalogue.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace onebook::app {

namespace {
constexpr std::uint32_t mo_magic = 0x950412de;
constexpr std::uintmax_t max_catalogue = 64u << 20; // a catalogue of every OneBook string is ~100 KB
} // namespace

std::optional<MoCatalogue> MoCatalogue::load(const std::filesystem::path& file) {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec || size > max_catalogue) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes(size, '\0');
    in.read(bytes.data(), std::streamsize(size));
    if (in.gcount() != std::streamsize(size)) return std::nullopt;
    return parse(std::move(bytes));
}

std::optional<MoCatalogue> MoCatalogue::parse(std::string bytes) {
    MoCatalogue c;
    c.m_bytes = std::make_unique<const std::string>(std::move(bytes));
    const std::string& b = *c.m_bytes;
    if (b.size() < 28) return std::nullopt;
    auto raw32 = [&](std::size_t at) {
        std::uint32_t v;
        std::memcpy(&v, b.data() + at, 4);
        return v;
    };
    bool swap = false;
    if (raw32(0) != mo_magic) {
        if (__builtin_bswap32(raw32(0)) != mo_magic) return std::nullopt;
        swap = true;
    }
    auto u32 = [&](std::size_t at) { return swap ? __builtin_bswap32(raw32(at)) : raw32(at); };
    std::size_t count = u32(8), originals = u32(12), translations = u32(16);
    if (count > b.size() / 16 || originals > b.size() - 8 * count || translations > b.size() - 8 * count) return std::nullopt;
    // A string: (length, offset) at `table + 8*i`; the bytes must lie inside the file, NUL-terminated.
    // A plural entry holds "singular\0plural": the first form is the one shown.
    auto string_at = [&](std::size_t table, std::size_t i, std::string_view& out) {
        std::size_t len = u32(table + 8 * i), off = u32(table + 8 * i + 4);
        if (off > b.size() || len >= b.size() - off) return false;
        std::string_view s(b.data() + off, len);
        out = s.substr(0, s.find('\0'));
        return true;
    };
    c.m_entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Entry e;
        if (!string_at(originals, i, e.msgid) || !string_at(translations, i, e.text)) return std::nullopt;
        if (e.msgid.empty() || e.text.empty()) continue; // the header, and untranslated entries
        c.m_entries.push_back(e);
    }
    // msgfmt writes the msgids sorted; sort anyway when another tool did not.
    auto by_id = [](const Entry& l, const Entry& r) { return l.msgid < r.msgid; };
    if (!std::is_sorted(c.m_entries.begin(), c.m_entries.end(), by_id)) std::sort(c.m_entries.begin(), c.m_entries.end(), by_id);
    return c;
}

const std::string_view* MoCatalogue::find(std::string_view msgid) const {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), msgid,
                               [](const Entry& e, std::string_view id) { return e.msgid < id; });
    return it != m_entries.end() && it->msgid == msgid ? &it->text : nullptr;
}

} // namespace onebook::app
