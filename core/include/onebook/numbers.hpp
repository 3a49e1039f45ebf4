// Numbers as the product prints them (points, hours, counts, percentages) and the one tolerance
// used when comparing scores, so every view, board and export writes the same figure.
#pragma once

#include <cstdint>
#include <string>

namespace onebook::core {

/// The tolerance for comparing scores, points and shares (sums of halves and ratios).
inline constexpr double score_epsilon = 1e-6;

/// True when `a` and `b` are the same score within score_epsilon.
bool same_score(double a, double b);
/// True when `v` is a whole multiple of 0.5 (rubric points are given in halves).
bool half_multiple(double v);

/// Shortest text for `v` with at most `max_decimals` decimals, rounded half away from zero and
/// without trailing zeros: 3 → "3", 1.25 → "1.25", 2.50 → "2.5", 1/3 → "0.33", -0.001 → "0".
std::string format_number(double v, int max_decimals = 2);
/// A file size as people read it: "512 B", "1.5 KB", "2.3 MB" (binary units, one decimal).
std::string format_size(std::int64_t bytes);
/// `v` rounded half away from zero at `decimals` places (1.25 → 1.3 at one place), never -0:
/// the value format_number and format_fixed print, for JSON numbers.
double round_number(double v, int decimals);
/// Exactly `decimals` decimals, as percentages and ratios are printed: 80 → "80.0".
std::string format_fixed(double v, int decimals);

} // namespace onebook::core
