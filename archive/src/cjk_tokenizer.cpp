// The "onebook_cjk" FTS5 tokenizer: CJK unigrams with colocated bigrams, latin words whole.
// See search.hpp for why; the comments here say how positions and offsets are chosen.
#include "onebook/archive/search.hpp"
#include "onebook/utf8.hpp"

#include "onebook/error.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <string_view>

namespace onebook::archive {

namespace {

enum class CharClass { Separator, Cjk, Word };

struct Char {
    char32_t cp = 0;
    int start = 0, end = 0; ///< byte offsets
    CharClass cls = CharClass::Separator;
    char32_t folded = 0; ///< for Word characters: the lower-case ASCII/Latin form
};

bool is_cjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) || c == 0x3005 ||
           c == 0x3007; // 々 and 〇 (二〇二五年)
}

/// Latin letters and digits (ASCII, full-width, Latin-1/Extended, Greek, Cyrillic) fold to lower case;
/// full-width forms become ASCII so “ＰＤＦ２０２５” finds “pdf2025”.
bool word_char(char32_t c, char32_t& folded) {
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
            folded = c + 32;
            return true;
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            folded = c;
            return true;
        }
        return false;
    }
    if (c >= 0xFF10 && c <= 0xFF19) {
        folded = c - 0xFF10 + '0';
        return true;
    }
    if (c >= 0xFF21 && c <= 0xFF3A) {
        folded = c - 0xFF21 + 'a';
        return true;
    }
    if (c >= 0xFF41 && c <= 0xFF5A) {
        folded = c - 0xFF41 + 'a';
        return true;
    }
    if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) {
        folded = (c >= 0xC0 && c <= 0xDE) ? c + 32 : c;
        return true;
    }
    if (c >= 0x391 && c <= 0x3A9) {
        folded = c + 32;
        return true;
    }
    if (c >= 0x3B1 && c <= 0x3C9) {
        folded = c;
        return true;
    }
    if (c >= 0x410 && c <= 0x42F) {
        folded = c + 32;
        return true;
    }
    if (c >= 0x430 && c <= 0x44F) {
        folded = c;
        return true;
    }
    return false;
}

void append_utf8(std::string& out, char32_t c) {
    char bytes[4];
    out.append(bytes, core::encode_utf8(c, bytes));
}

/// Decodes UTF-8; a malformed byte becomes a one-byte separator (never an error: documents are
/// indexed as they are).
std::vector<Char> decode(const char* text, int n) {
    std::vector<Char> out;
    out.reserve(static_cast<std::size_t>(n));
    int i = 0;
    const std::string_view all(text, static_cast<std::size_t>(n));
    while (i < n) {
        auto u = core::utf8_next(all, static_cast<std::size_t>(i));
        const char32_t cp = u.cp;
        const int len = static_cast<int>(u.length);
        Char c;
        c.start = i;
        if (!u.valid) {
            c.end = i + 1;
            out.push_back(c);
            i += 1;
            continue;
        }
        c.cp = cp;
        c.end = i + len;
        char32_t folded = 0;
        if (is_cjk(cp)) c.cls = CharClass::Cjk;
        else if (word_char(cp, folded)) {
            c.cls = CharClass::Word;
            c.folded = folded;
        }
        out.push_back(c);
        i += len;
    }
    return out;
}

/// A position of the index: one CJK character or one latin word.
struct Unit {
    std::string text; ///< the character, or the folded word
    bool cjk = false;
    int start = 0, end = 0; ///< byte offsets
    std::size_t index = 0;  ///< of its first character (CJK neighbours are adjacent when these follow)
    bool sentence = false;  ///< a sentence starts here (first unit, or after 。！？；.!? or a newline)
};

std::vector<Unit> units_of(std::string_view text) {
    auto chars = decode(text.data(), static_cast<int>(text.size()));
    std::vector<Unit> out;
    bool sentence = true;
    for (std::size_t i = 0; i < chars.size();) {
        const Char& c = chars[i];
        if (c.cls == CharClass::Separator) {
            switch (c.cp) {
            case U'。':
            case U'！':
            case U'？':
            case U'；':
            case U'.':
            case U'!':
            case U'?':
            case U'\n': sentence = true; break;
            default: break;
            }
            ++i;
            continue;
        }
        Unit u;
        u.start = c.start;
        u.index = i;
        u.sentence = sentence;
        sentence = false;
        if (c.cls == CharClass::Cjk) {
            u.cjk = true;
            u.text = text.substr(static_cast<std::size_t>(c.start), static_cast<std::size_t>(c.end - c.start));
            u.end = c.end;
            ++i;
        } else {
            while (i < chars.size() && chars[i].cls == CharClass::Word) append_utf8(u.text, chars[i++].folded);
            u.end = chars[i - 1].end;
        }
        out.push_back(std::move(u));
    }
    return out;
}

/// Emits the tokens of `text` (one per unit of units_of, so that the index and the highlighter
/// agree on what a position is). Returns the first non-zero result of `emit`.
/// Document: each CJK character is a unigram at its own position, followed by the bigram it
/// starts (colocated) when the next character is CJK too. The unigram comes first so that the
/// position's offsets are the one character's: FTS5's highlighter uses the first token of a
/// position. Query: a CJK run of k ≥ 2 characters becomes its k-1 overlapping bigrams (they match
/// exactly where the k characters stand side by side; a closing unigram would only make the index
/// read that character's long list of positions), a lone CJK character its unigram.
int tokenize(std::string_view text, bool query, const std::function<int(const std::string&, int, int, bool)>& emit) {
    auto units = units_of(text);
    // CJK neighbours: adjacent characters, both CJK.
    auto joined = [&](std::size_t a, std::size_t b) {
        return units[a].cjk && units[b].cjk && units[b].index == units[a].index + 1;
    };
    for (std::size_t k = 0; k < units.size(); ++k) {
        const Unit& u = units[k];
        if (!u.cjk) {
            if (int rc = emit(u.text, u.start, u.end, false)) return rc;
            continue;
        }
        const bool next_cjk = k + 1 < units.size() && joined(k, k + 1);
        if (query) {
            if (next_cjk) {
                if (int rc = emit(u.text + units[k + 1].text, u.start, units[k + 1].end, false)) return rc;
            } else if (k > 0 && joined(k - 1, k)) {
                // the end of a run: its last character is in the run's last bigram
            } else if (int rc = emit(u.text, u.start, u.end, false)) {
                return rc;
            }
        } else {
            if (int rc = emit(u.text, u.start, u.end, false)) return rc;
            if (next_cjk)
                if (int rc = emit(u.text + units[k + 1].text, u.start, units[k + 1].end, true)) return rc;
        }
    }
    return 0;
}

// ---- FTS5 glue ---------------------------------------------------------------------------------

struct Tokenizer {}; // stateless: the tokenizer takes no arguments

int x_create(void*, const char** /*args*/, int nargs, Fts5Tokenizer** out) {
    if (nargs != 0) return SQLITE_ERROR;
    *out = reinterpret_cast<Fts5Tokenizer*>(new Tokenizer);
    return SQLITE_OK;
}

void x_delete(Fts5Tokenizer* t) { delete reinterpret_cast<Tokenizer*>(t); }

int x_tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n,
               int (*token)(void*, int, const char*, int, int, int)) {
    bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    try {
        return tokenize(std::string_view(text, static_cast<std::size_t>(n > 0 ? n : 0)), query,
                        [&](const std::string& t, int start, int end, bool colocated) {
                            return token(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, t.data(), static_cast<int>(t.size()), start,
                                         end);
                        });
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM; // no C++ exception may cross SQLite's C frames
    } catch (...) { return SQLITE_ERROR; }
}

fts5_api* fts5_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
    sqlite3_bind_pointer(st, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

// ---- matches, marks and snippets without the index ---------------------------------------------

/// The whitespace-separated terms of a query (ASCII white space and U+3000), as match_expression
/// splits them.
std::vector<std::string> query_terms(const std::string& query) {
    std::vector<std::string> terms;
    std::string cur;
    for (std::size_t i = 0; i < query.size();) {
        unsigned char b = static_cast<unsigned char>(query[i]);
        bool space = b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
        std::size_t len = 1;
        if (b == 0xE3 && i + 2 < query.size() && static_cast<unsigned char>(query[i + 1]) == 0x80 &&
            static_cast<unsigned char>(query[i + 2]) == 0x80) {
            space = true;
            len = 3;
        }
        if (space) {
            if (!cur.empty()) terms.push_back(cur);
            cur.clear();
        } else {
            cur.append(query, i, len);
        }
        i += len;
    }
    if (!cur.empty()) terms.push_back(cur);
    return terms;
}

/// A term ending in a latin word or number matches that word as a prefix (the " *" of match_expression).
bool prefix_word(const Unit& last) {
    if (last.cjk || last.text.empty()) return false;
    unsigned char lc = static_cast<unsigned char>(last.text.back());
    return lc < 0x80 && std::isalnum(lc);
}

/// Matches as ranges of unit indexes [first, last], sorted, overlapping ones merged.
std::vector<std::pair<std::size_t, std::size_t>> unit_matches(const std::vector<Unit>& doc, const std::string& query) {
    std::vector<std::pair<std::size_t, std::size_t>> hits;
    for (const auto& term : query_terms(query)) {
        auto q = units_of(term);
        if (q.empty()) continue;
        const bool prefix = prefix_word(q.back());
        for (std::size_t p = 0; p + q.size() <= doc.size(); ++p) {
            bool ok = true;
            for (std::size_t j = 0; ok && j < q.size(); ++j) {
                const Unit& d = doc[p + j];
                if (d.cjk != q[j].cjk) ok = false;
                else if (j + 1 == q.size() && prefix) ok = d.text.compare(0, q[j].text.size(), q[j].text) == 0;
                else ok = d.text == q[j].text;
                // Two characters side by side in the term are a bigram: side by side in the text too.
                if (ok && j > 0 && q[j].cjk && q[j - 1].cjk && q[j].index == q[j - 1].index + 1)
                    ok = d.index == doc[p + j - 1].index + 1;
            }
            if (ok) hits.emplace_back(p, p + q.size() - 1);
        }
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& h : hits) {
        if (!merged.empty() && h.first <= merged.back().second) merged.back().second = std::max(merged.back().second, h.second);
        else merged.push_back(h);
    }
    return merged;
}

/// Units [from, to] of `text` with the matches inside marked.
std::string marked(const std::string& text, const std::vector<Unit>& doc, std::size_t from, std::size_t to,
                   const std::vector<std::pair<std::size_t, std::size_t>>& hits, const std::string& open,
                   const std::string& close) {
    std::string out;
    std::size_t at = static_cast<std::size_t>(doc[from].start);
    for (const auto& h : hits) {
        if (h.second < from || h.first > to) continue;
        std::size_t a = static_cast<std::size_t>(doc[std::max(h.first, from)].start);
        std::size_t b = static_cast<std::size_t>(doc[std::min(h.second, to)].end);
        out.append(text, at, a - at);
        out += open;
        out.append(text, a, b - a);
        out += close;
        at = b;
    }
    out.append(text, at, static_cast<std::size_t>(doc[to].end) - at);
    return out;
}

} // namespace

void register_cjk_tokenizer(core::Database& db) {
    fts5_api* api = fts5_of(db.handle());
    if (!api || api->iVersion < 2)
        throw core::Error(OB_N("此 SQLite 不支持 FTS5 全文检索，无法建立搜索索引"), {}, {db.path(), {}, {}});
    void* existing_ctx = nullptr;
    fts5_tokenizer existing{};
    if (api->xFindTokenizer(api, cjk_tokenizer_name, &existing_ctx, &existing) == SQLITE_OK) return;
    fts5_tokenizer tok{x_create, x_delete, x_tokenize};
    int rc = api->xCreateTokenizer(api, cjk_tokenizer_name, nullptr, &tok, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, "fts5 xCreateTokenizer onebook_cjk");
}

std::vector<CjkToken> cjk_tokens(const std::string& text, bool query) {
    std::vector<CjkToken> out;
    tokenize(text, query, [&](const std::string& t, int s, int e, bool colocated) {
        out.push_back({t, s, e, colocated});
        return 0;
    });
    return out;
}

std::string match_expression(const std::string& query) {
    const auto terms = query_terms(query);
    std::string expr;
    for (const auto& term : terms) {
        auto toks = cjk_tokens(term, true);
        if (toks.empty()) continue; // punctuation only
        // The phrase is the term itself, quoted: FTS5 hands it back to our tokenizer in query mode,
        // which turns it into bigrams (see tokenize()).
        std::string quoted = "\"";
        for (char ch : term) {
            if (ch == '"') quoted += "\"\"";
            else quoted += ch;
        }
        quoted += "\"";
        // Prefix-match a trailing latin word/number (ASCII letters and digits fold to themselves).
        const auto& last = toks.back().text;
        unsigned char lc = static_cast<unsigned char>(last.back());
        if (lc < 0x80 && std::isalnum(lc)) quoted += " *";
        if (!expr.empty()) expr += " AND ";
        expr += quoted;
    }
    return expr;
}

std::vector<std::pair<std::size_t, std::size_t>> cjk_match_ranges(const std::string& text, const std::string& query) {
    auto doc = units_of(text);
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& h : unit_matches(doc, query))
        out.emplace_back(static_cast<std::size_t>(doc[h.first].start), static_cast<std::size_t>(doc[h.second].end));
    return out;
}

std::string cjk_highlight(const std::string& text, const std::string& query, const std::string& open, const std::string& close) {
    auto doc = units_of(text);
    if (doc.empty()) return text;
    auto hits = unit_matches(doc, query);
    return text.substr(0, static_cast<std::size_t>(doc.front().start)) + marked(text, doc, 0, doc.size() - 1, hits, open, close) +
           text.substr(static_cast<std::size_t>(doc.back().end));
}

std::string cjk_snippet(const std::string& text, const std::string& query, const std::string& open, const std::string& close,
                        const std::string& ellipsis, int tokens) {
    auto doc = units_of(text);
    if (doc.empty()) return std::string();
    const std::size_t n = static_cast<std::size_t>(std::max(1, tokens));
    auto hits = unit_matches(doc, query);
    std::size_t start = 0;
    if (!hits.empty()) {
        // The window holding the most matches (the earliest of equals), the first of them a little
        // way in, moved back to the start of its sentence when that is close enough.
        std::size_t best = 0, best_count = 0;
        for (std::size_t k = 0; k < hits.size(); ++k) {
            std::size_t count = 0;
            for (std::size_t m = k; m < hits.size() && hits[m].second < hits[k].first + n; ++m) ++count;
            if (count > best_count) {
                best = k;
                best_count = count;
            }
        }
        const std::size_t first = hits[best].first;
        std::size_t last = first;
        for (std::size_t m = best; m < hits.size() && hits[m].second < first + n; ++m) last = hits[m].second;
        const std::size_t span = last - first + 1;
        start = first > (n - std::min(n, span)) / 2 ? first - (n - std::min(n, span)) / 2 : 0;
        if (start + n > doc.size()) start = doc.size() > n ? doc.size() - n : 0;
        for (std::size_t s = first + 1; s-- > start;)
            if (doc[s].sentence) {
                start = s;
                break;
            }
        start = std::min(start, first);
    }
    const std::size_t end = std::min(doc.size(), start + n) - 1;
    return (start > 0 ? ellipsis : std::string()) + marked(text, doc, start, end, hits, open, close) +
           (end + 1 < doc.size() ? ellipsis : std::string());
}

std::string search_kind_label(const std::string& kind) {
    if (kind == search_kind::record) return "活动记录";
    if (kind == search_kind::document) return "归档文件";
    if (kind == search_kind::rule_text) return "基本制度";
    if (kind == search_kind::entry) return "一本通条目";
    if (kind == search_kind::rectification) return "整改事项";
    if (kind == search_kind::assessment) return "考核评分";
    return kind;
}

} // namespace onebook::archive
