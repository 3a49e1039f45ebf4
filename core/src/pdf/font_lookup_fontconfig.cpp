// Installed fonts on Linux: fontconfig knows them (family names, files, faces, coverage).
#include "face_cache.hpp"
#include "font_lookup.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <mutex>
#include <tuple>

namespace onebook::core::pdf::detail {

namespace {

std::mutex g_fc_mutex;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

FcConfig* fc_config() {
    // FcInitLoadConfigAndFonts scans the font cache once; the result is shared by every Writer.
    static FcConfig* config = FcInitLoadConfigAndFonts();
    return config;
}

std::string fc_string(FcPattern* p, const char* object, int n = 0) {
    FcChar8* s = nullptr;
    if (FcPatternGetString(p, object, n, &s) == FcResultMatch && s) return reinterpret_cast<const char*>(s);
    return {};
}

} // namespace

std::optional<FontFace> system_family_face(const std::string& family_or_path) {
    std::lock_guard lock(g_fc_mutex);
    FontFace face;
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family_or_path.c_str()));
    FcObjectSet* os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, FC_WEIGHT, FC_SLANT, nullptr);
    FcFontSet* set = FcFontList(fc_config(), pat, os);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    // Prefer the upright regular face with the lowest index.
    int best_score = 1 << 30;
    for (int i = 0; set && i < set->nfont; ++i) {
        FcPattern* p = set->fonts[i];
        int idx = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
        FcPatternGetInteger(p, FC_INDEX, 0, &idx);
        FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(p, FC_SLANT, 0, &slant);
        int score = std::abs(weight - FC_WEIGHT_REGULAR) * 1000 + (slant != FC_SLANT_ROMAN) * 100000 + idx;
        if (score < best_score) {
            best_score = score;
            face.file = fc_string(p, FC_FILE);
            face.index = unsigned(idx);
            face.family = fc_string(p, FC_FAMILY);
            for (int n = 0;; ++n) { // report the family under the name that was asked for
                auto fam = fc_string(p, FC_FAMILY, n);
                if (fam.empty()) break;
                if (lower(fam) == lower(family_or_path)) face.family = fam;
            }
        }
    }
    if (set) FcFontSetDestroy(set);
    if (face.file.empty()) return std::nullopt;
    return face;
}

std::optional<FontFace> system_face_for_char(char32_t code) {
    std::lock_guard lock(g_fc_mutex);
    std::optional<FontFace> found;
    FcPattern* pat = FcPatternCreate();
    FcCharSet* cs = FcCharSetCreate();
    FcCharSetAddChar(cs, FcChar32(code));
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcObjectSet* os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, FC_WEIGHT, FC_SLANT, nullptr);
    FcFontSet* set = FcFontList(fc_config(), pat, os);
    FcObjectSetDestroy(os);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    // Stable choice across runs: upright regular faces first, then by file and index.
    std::vector<std::pair<int, FontFace>> scored;
    for (int i = 0; set && i < set->nfont; ++i) {
        FontFace f;
        int idx = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &idx);
        FcPatternGetInteger(set->fonts[i], FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(set->fonts[i], FC_SLANT, 0, &slant);
        f.file = fc_string(set->fonts[i], FC_FILE);
        f.index = unsigned(idx);
        f.family = fc_string(set->fonts[i], FC_FAMILY);
        scored.emplace_back(std::abs(weight - FC_WEIGHT_REGULAR) + (slant != FC_SLANT_ROMAN) * 1000, f);
    }
    if (set) FcFontSetDestroy(set);
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second.file, a.second.index) < std::tie(b.first, b.second.file, b.second.index);
    });
    std::vector<FontFace> candidates;
    for (auto& [score, f] : scored) candidates.push_back(f);
    for (auto& f : candidates) {
        std::string error;
        if (sfnt_kind(f.file, f.index, &error) == "truetype") {
            found = f;
            break;
        }
    }
    return found;
}

} // namespace onebook::core::pdf::detail
