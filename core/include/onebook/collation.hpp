// Names in the order Chinese users expect: by pinyin (ICU's Chinese collation), not by code point.
// Every list of people (roster, attendance, choices) sorts with this; SQLite gets it as the
// collation PINYIN on every connection (db.cpp).
#pragma once

#include <string>

struct sqlite3;

namespace onebook::core {

/// <0, 0, >0 as `a` sorts before, with or after `b` (UTF-8) in Chinese pinyin order; Latin
/// letters sort with the pinyin of the same letter, digits first.
int compare_names(const std::string& a, const std::string& b);
inline bool name_less(const std::string& a, const std::string& b) { return compare_names(a, b) < 0; }

/// Registers the collation PINYIN on a connection.
void register_pinyin_collation(sqlite3* db);

} // namespace onebook::core
