// Line breaking for Chinese text mixed with latin words (kinsoku shori, GB/T 15834 punctuation):
// no line starts with closing punctuation (，。、；：？！）》”」』】…) and none ends with opening
// punctuation (（《“「『【…); latin words and numbers are not split unless one is wider than a line.
// Independent of fonts: the caller passes the advance width of each character.
#pragma once

#include "onebook/utf8.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace onebook::core::pdf {

/// Width of one character in the caller's unit (points at the current size, or 1 for tests).
using AdvanceFn = std::function<double(char32_t)>;

/// True for characters that must not begin a line (，。、；：？！）》”’」』】〕…%).
bool is_no_line_start(char32_t c);
/// True for characters that must not end a line (（《“‘「『【〔…).
bool is_no_line_end(char32_t c);

/// Breaks UTF-8 `text` into lines no wider than `width` (explicit '\n' always breaks).
/// Trailing spaces at a break are dropped. A line may exceed `width` only when a single
/// unbreakable unit (one character, or a latin word wider than a whole line) does.
std::vector<std::string> break_lines(std::string_view text, double width, const AdvanceFn& advance);

// The conversions live in core's UTF-8 module; the PDF code and its tests name them here.
using core::u32_to_utf8;
using core::utf8_to_u32;

} // namespace onebook::core::pdf
