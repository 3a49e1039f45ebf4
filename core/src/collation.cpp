#include "onebook/collation.hpp"

#include <sqlite3.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>

#include <memory>
#include <mutex>

namespace onebook::core {

namespace {

/// One collator for the process (ICU collators are thread-safe for compare once built; building
/// one reads its rules, so once is enough). nullptr when ICU has no Chinese data.
icu::Collator* collator() {
    static std::unique_ptr<icu::Collator> c;
    static std::once_flag once;
    std::call_once(once, [] {
        UErrorCode status = U_ZERO_ERROR;
        c.reset(icu::Collator::createInstance(icu::Locale("zh", "CN"), status));
        if (U_FAILURE(status)) c.reset();
    });
    return c.get();
}

int sqlite_compare(void*, int na, const void* a, int nb, const void* b) {
    return compare_names(std::string(static_cast<const char*>(a), static_cast<std::size_t>(na)),
                         std::string(static_cast<const char*>(b), static_cast<std::size_t>(nb)));
}

} // namespace

int compare_names(const std::string& a, const std::string& b) {
    if (auto* c = collator()) {
        UErrorCode status = U_ZERO_ERROR;
        auto r = c->compareUTF8(icu::StringPiece(a), icu::StringPiece(b), status);
        if (U_SUCCESS(status)) return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
    }
    return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
}

void register_pinyin_collation(sqlite3* db) { sqlite3_create_collation(db, "PINYIN", SQLITE_UTF8, nullptr, sqlite_compare); }

} // namespace onebook::core
