// Number formatting and score tolerance: the one implementation (see numbers.hpp).
#include "onebook/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace onebook::core {

bool same_score(double a, double b) { return std::fabs(a - b) < score_epsilon; }

bool half_multiple(double v) { return same_score(v * 2, std::round(v * 2)); }

double round_number(double v, int decimals) {
    double scale = std::pow(10.0, decimals);
    // printf rounds 1.25 to "1.2" because 1.25 is stored a hair below; a small nudge makes the
    // printed figure what the user typed.
    double r = std::round(v * scale + (v >= 0 ? 1e-7 : -1e-7)) / scale;
    return r == 0 ? 0.0 : r; // no "-0"
}

std::string format_fixed(double v, int decimals) {
    decimals = std::clamp(decimals, 0, 9);
    if (!std::isfinite(v)) return "—";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, round_number(v, decimals));
    return buf;
}

std::string format_number(double v, int max_decimals) {
    std::string s = format_fixed(v, max_decimals);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string format_size(std::int64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " B";
    if (bytes < 1024 * 1024) return format_fixed(static_cast<double>(bytes) / 1024.0, 1) + " KB";
    return format_fixed(static_cast<double>(bytes) / 1048576.0, 1) + " MB";
}

} // namespace onebook::core
