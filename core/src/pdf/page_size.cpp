#include "onebook/pdf/page_size.hpp"

#include "onebook/error.hpp"

#include "onebook/text_limits.hpp"
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <cctype>

namespace onebook::core::pdf {

namespace {

std::string trim_lower(std::string_view text) {
    std::string s(text);
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(v * 10) / 10);
    return buf;
}

[[noreturn]] void bad_size(std::string_view text) {
    throw Error("纸张尺寸“{value}”无法识别：请用 A4、A3、A2、A1、A0，或“宽x高cm”（如 120x90cm、1200x900mm）",
                {{"value", std::string(text)}}, {{}, {}, "size"});
}

} // namespace

Orientation parse_orientation(std::string_view text) {
    auto s = trim_lower(text);
    if (s == "portrait" || s == "纵向" || s == "竖版" || s == "竖向" || s == "p") return Orientation::portrait;
    if (s == "landscape" || s == "横向" || s == "横版" || s == "l") return Orientation::landscape;
    throw Error("纸张方向“{value}”无法识别：请用 portrait（纵向）或 landscape（横向）", {{"value", std::string(text)}},
                {{}, {}, "orientation"});
}

const char* to_string(Orientation o) { return o == Orientation::landscape ? "landscape" : "portrait"; }

PageSize PageSize::iso(std::string_view name) {
    // Usual rounded point sizes (A1 is 1684×2384 pt).
    static const struct {
        const char* name;
        double w, h;
    } sizes[] = {
        {"a0", 2384, 3370}, {"a1", 1684, 2384}, {"a2", 1191, 1684}, {"a3", 842, 1191}, {"a4", 595, 842}, {"a5", 420, 595},
    };
    auto s = trim_lower(name);
    for (const auto& z : sizes)
        if (s == z.name) {
            PageSize p;
            p.width = z.w;
            p.height = z.h;
            p.name = std::string(1, 'A') + (z.name + 1);
            return p;
        }
    bad_size(name);
}

PageSize PageSize::from_mm(double width_mm, double height_mm, std::string name) {
    PageSize p;
    p.width = mm_to_pt(width_mm);
    p.height = mm_to_pt(height_mm);
    p.name = name.empty() ? fmt(width_mm) + "x" + fmt(height_mm) + "mm" : std::move(name);
    for (double side : {p.width, p.height})
        if (!(side >= min_page_side_pt && side <= max_page_side_pt))
            throw Error("纸张尺寸“{value}”超出范围：每边须在 {min} 到 {max} 毫米之间（PDF 的限制）",
                        {{"value", p.name}, {"min", fmt(pt_to_mm(min_page_side_pt))}, {"max", fmt(pt_to_mm(max_page_side_pt))}},
                        {{}, {}, "size"});
    return p;
}

PageSize PageSize::parse(std::string_view text) {
    auto s = trim_lower(text);
    if (s.size() == 2 && s[0] == 'a') return iso(s);
    // "120x90cm", "120×90 cm", "1200*900mm", "120x90"
    // Scanned by hand: a regex here overflowed the stack on a 100,000-digit size.
    if (s.size() > limits::number) bad_size(text.substr(0, limits::number));
    std::string_view t(s);
    auto skip_space = [&] {
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t[0]))) t.remove_prefix(1);
    };
    auto number = [&](double& out) {
        std::size_t n = 0;
        while (n < t.size() && t[n] >= '0' && t[n] <= '9') ++n;
        if (n == 0 || n > 6) return false;
        if (n < t.size() && t[n] == '.') {
            std::size_t f = n + 1;
            while (f < t.size() && t[f] >= '0' && t[f] <= '9') ++f;
            if (f == n + 1 || f - n > 4) return false;
            n = f;
        }
        out = std::stod(std::string(t.substr(0, n)));
        t.remove_prefix(n);
        return true;
    };
    double w = 0, h = 0;
    if (!number(w)) bad_size(text);
    skip_space();
    bool by = false;
    for (std::string_view sep : {"x", "*", "\u00d7"})
        if (!by && t.substr(0, sep.size()) == sep) {
            t.remove_prefix(sep.size());
            by = true;
        }
    if (!by) bad_size(text);
    skip_space();
    if (!number(h)) bad_size(text);
    skip_space();
    std::string unit(t);
    if (unit.empty()) unit = "cm";
    if (unit != "cm" && unit != "mm" && unit != "厘米" && unit != "毫米") bad_size(text);
    double k = (unit == "mm" || unit == "毫米") ? 1 : 10;
    if (unit == "厘米") unit = "cm";
    if (unit == "毫米") unit = "mm";
    return from_mm(w * k, h * k, fmt(w) + "x" + fmt(h) + unit);
}

PageSize PageSize::with_orientation(Orientation o) const {
    PageSize p = *this;
    bool landscape = p.width > p.height;
    if ((o == Orientation::landscape) != landscape && p.width != p.height) std::swap(p.width, p.height);
    return p;
}

std::string PageSize::describe() const {
    // ISO sizes are stored in rounded points; show their nominal millimetres (A4 is 210×297).
    auto mm = [](double pt) {
        double v = pt_to_mm(pt);
        return std::abs(v - std::round(v)) < 0.3 ? fmt(std::round(v)) : fmt(v);
    };
    return name + (orientation() == Orientation::landscape ? " 横向" : " 纵向") + "（" + mm(width) + "×" + mm(height) + " mm）";
}

} // namespace onebook::core::pdf
