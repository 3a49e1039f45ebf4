// Finding fonts by reading the font files themselves (the 'name' and 'cmap' tables through
// HarfBuzz): what the Windows build uses in place of fontconfig. Portable, so tested on Linux too.
#include "face_cache.hpp"
#include "font_lookup.hpp"
#include "onebook/platform.hpp"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

namespace fs = std::filesystem;

namespace onebook::core::pdf::detail {

namespace {

std::string ascii_lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Scanned {
    fs::path file;
    unsigned index = 0;
    std::vector<std::string> families; ///< lower-cased, every language the name table has
    bool regular = false;
};

std::string utf8_name(hb_face_t* face, hb_ot_name_id_t id, hb_language_t lang) {
    unsigned len = 0;
    len = hb_ot_name_get_utf8(face, id, lang, nullptr, nullptr);
    std::string s(len + 1, '\0');
    unsigned size = len + 1;
    hb_ot_name_get_utf8(face, id, lang, &size, s.data());
    s.resize(size);
    return s;
}

/// The faces of one file with their names; cached per file for the process.
const std::vector<Scanned>& scan_file(const fs::path& file) {
    static std::mutex m;
    static std::map<fs::path, std::vector<Scanned>> cache;
    std::lock_guard lock(m);
    if (auto it = cache.find(file); it != cache.end()) return it->second;
    std::vector<Scanned> faces;
    if (hb_blob_t* blob = hb_blob_create_from_file_or_fail(platform::path_utf8(file).c_str())) {
        unsigned count = hb_face_count(blob);
        for (unsigned i = 0; i < count; ++i) {
            hb_face_t* face = hb_face_create(blob, i);
            Scanned s{file, i, {}, false};
            unsigned n = 0;
            const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &n);
            for (unsigned k = 0; k < n; ++k) {
                auto id = entries[k].name_id;
                if (id != HB_OT_NAME_ID_FONT_FAMILY && id != HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY &&
                    id != HB_OT_NAME_ID_FONT_SUBFAMILY)
                    continue;
                auto name = utf8_name(face, id, entries[k].language);
                if (name.empty()) continue;
                if (id == HB_OT_NAME_ID_FONT_SUBFAMILY) {
                    auto l = ascii_lower(name);
                    s.regular = s.regular || l == "regular" || l == "normal" || l == "book" || l == "medium";
                } else {
                    s.families.push_back(ascii_lower(name));
                }
            }
            hb_face_destroy(face);
            faces.push_back(std::move(s));
        }
        hb_blob_destroy(blob);
    }
    return cache.emplace(file, std::move(faces)).first->second;
}

/// The font files of a folder (not its subfolders' subfolders: one level, as Windows keeps them),
/// sorted by name so every run chooses alike.
std::vector<fs::path> font_files(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it.depth() > 1) it.disable_recursion_pending();
        auto ext = ascii_lower(it->path().extension().string());
        if ((ext == ".ttf" || ext == ".ttc") && it->is_regular_file(ec)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

std::optional<FontFace> family_face_in_dirs(const std::string& family, const std::vector<fs::path>& dirs) {
    auto wanted = ascii_lower(family);
    for (const auto& dir : dirs) {
        const Scanned* best = nullptr;
        for (const auto& file : font_files(dir))
            for (const auto& s : scan_file(file))
                if (std::find(s.families.begin(), s.families.end(), wanted) != s.families.end() &&
                    (!best || (s.regular && !best->regular)))
                    best = &s;
        if (best) {
            FontFace f;
            f.file = best->file;
            f.index = best->index;
            f.family = family;
            return f;
        }
    }
    return std::nullopt;
}

std::optional<FontFace> face_for_char_in_dirs(char32_t code, const std::vector<fs::path>& dirs) {
    for (const auto& dir : dirs)
        for (const auto& file : font_files(dir))
            for (const auto& s : scan_file(file)) {
                std::string error;
                if (sfnt_kind(s.file, s.index, &error) != "truetype") continue;
                FontFace f;
                f.file = s.file;
                f.index = s.index;
                f.family = s.families.empty() ? s.file.stem().string() : s.families.front();
                if (advance_1000(face_data(f), code) >= 0) return f;
            }
    return std::nullopt;
}

} // namespace onebook::core::pdf::detail
