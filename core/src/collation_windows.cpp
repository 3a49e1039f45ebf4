// Chinese name order on Windows: the system's own zh-CN collation (pinyin order, what Excel and
// Explorer sort by) instead of ICU, which the Windows build does not carry (its data alone is 30 MB).
#include "onebook/collation.hpp"

#include "windows_text.hpp"

#include <sqlite3.h>
#include <windows.h>

#include <string>

namespace onebook::core {

namespace {

int sqlite_compare(void*, int na, const void* a, int nb, const void* b) {
    return compare_names(std::string(static_cast<const char*>(a), static_cast<std::size_t>(na)),
                         std::string(static_cast<const char*>(b), static_cast<std::size_t>(nb)));
}

} // namespace

int compare_names(const std::string& a, const std::string& b) {
    auto wa = platform::wide(a), wb = platform::wide(b);
    int r = CompareStringEx(L"zh-CN", 0, wa.c_str(), int(wa.size()), wb.c_str(), int(wb.size()), nullptr, nullptr, 0);
    if (r == CSTR_LESS_THAN) return -1;
    if (r == CSTR_GREATER_THAN) return 1;
    return a.compare(b) < 0 ? -1 : a == b ? 0 : 1; // equal to the collator, or no collator: bytes decide
}

void register_pinyin_collation(sqlite3* db) { sqlite3_create_collation(db, "PINYIN", SQLITE_UTF8, nullptr, sqlite_compare); }

} // namespace onebook::core
