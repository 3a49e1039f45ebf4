// How long a piece of text may be, checked where it enters (CLI, shell, imports, plugin data), and
// small matchers that replace std::regex on untrusted text (libstdc++'s regex recurses once per
// character and overflows the stack on long input).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace onebook::core {

/// Longest accepted text, in characters (code points), per kind of field. Documented in the README.
namespace limits {
inline constexpr std::size_t identifier = 128;       ///< rule, template, field and plugin ids
inline constexpr std::size_t name = 100;             ///< person, place, organisation and group names
inline constexpr std::size_t title = 200;            ///< topics, titles, items: what a bookmark shows
inline constexpr std::size_t text = 2000;            ///< one-line texts: measures, notes, sources
inline constexpr std::size_t long_text = 50000;      ///< minutes and other free text
inline constexpr std::size_t number = 40;            ///< a number, date or size as typed
inline constexpr std::size_t line = 1 << 20;         ///< one line of an imported file (bytes)
inline constexpr std::size_t roster_file = 32 << 20; ///< a roster CSV (bytes)
inline constexpr std::size_t json_depth = 64;        ///< nesting of any JSON document read
inline constexpr std::size_t data_file = 16 << 20;   ///< a plugin data, rules or record JSON file (bytes)
} // namespace limits

/// Number of code points in UTF-8 text (invalid bytes count one each).
std::size_t utf8_length(std::string_view text);

/// Throws Error "“{label}”过长…" naming the field when `text` is longer than `max` characters.
void check_length(std::string_view text, std::size_t max, const std::string& label, const std::string& field = {});

/// At most `max` characters of `text`, cut at a character boundary, with "…" when cut.
std::string truncate_utf8(std::string_view text, std::size_t max);

/// True when `s` is `first` followed by characters of `rest`, between min and max bytes long;
/// each character class is a string of allowed ASCII characters. No backtracking, no recursion.
bool matches_word(std::string_view s, std::string_view first, std::string_view rest, std::size_t min, std::size_t max);

/// Lower-case ASCII letters / digits / '_' (the usual id alphabets).
inline constexpr std::string_view lower_alpha = "abcdefghijklmnopqrstuvwxyz";
inline constexpr std::string_view lower_alnum_ = "abcdefghijklmnopqrstuvwxyz0123456789_";

/// True when `s` is all ASCII digits and between min and max long.
bool all_digits(std::string_view s, std::size_t min = 1, std::size_t max = 64);

} // namespace onebook::core
