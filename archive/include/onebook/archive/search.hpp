// Chinese full-text search over the archive (SQLite FTS5 with our own tokenizer).
//
// FTS5's trigram tokenizer cannot match queries shorter than three characters, and Chinese words
// are mostly one or two characters (党, 党费, 整改). The "onebook_cjk" tokenizer indexes every CJK
// character as a unigram with the bigram it starts colocated at the same position, and latin
// words and numbers whole (lower-cased). A query term of k characters becomes a phrase of its
// k-1 overlapping bigrams (党费收缴 → 党费 费收 收缴), a one-character term its unigram: every text
// containing the term matches, nothing else does. The hits of a page are marked from their text
// (cjk_highlight, cjk_snippet), exactly the matched characters.
//
// What is searchable lives in table search_item (kind, ref, organisation, title, body, location),
// kept in step with the source tables by triggers of migration 0006 inside the same transaction
// as the data. The FTS5 index over it (search_fts) is created and brought up to date by this code
// before every query, from the queue table search_pending that the same triggers fill: a
// connection that never loaded this library (core-only tools and tests) can still write records,
// because nothing it writes needs the tokenizer.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/plugin_host.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// Name of the tokenizer as given to FTS5 (tokenize='onebook_cjk').
inline constexpr const char* cjk_tokenizer_name = "onebook_cjk";

/// Registers the tokenizer on the connection through its fts5_api (idempotent).
void register_cjk_tokenizer(core::Database& db);

/// One token as the tokenizer emits it (for tests and diagnostics).
struct CjkToken {
    std::string text;
    int start = 0, end = 0; ///< byte offsets in the input
    bool colocated = false; ///< same position as the previous token
};
/// Tokens of `text` as stored in the index (`query` false) or as a query phrase (`query` true).
std::vector<CjkToken> cjk_tokens(const std::string& text, bool query = false);

/// Turns what a user typed into an FTS5 MATCH expression: each whitespace-separated term becomes
/// one quoted phrase (FTS5 syntax characters lose their meaning), terms are ANDed; a term ending
/// in a latin word or number matches it as a prefix (“PDF” finds “PDFs”). Empty when the text
/// holds nothing searchable (only punctuation or spaces).
std::string match_expression(const std::string& query);

/// Where the terms of `query` (as match_expression reads them) occur in `text`: the very matches
/// the index finds with this tokenizer (a term of k Chinese characters matches k adjacent ones,
/// a trailing latin word as a prefix), as byte ranges [first, second), in order, overlapping ones
/// merged. Marking up a page of hits this way costs only that page's text, where FTS5's
/// highlight() and snippet() would look each hit up in the index again.
std::vector<std::pair<std::size_t, std::size_t>> cjk_match_ranges(const std::string& text, const std::string& query);
/// `text` with each match of `query` between `open` and `close`.
std::string cjk_highlight(const std::string& text, const std::string& query, const std::string& open, const std::string& close);
/// About `tokens` characters (latin words count as one) of `text` around its densest matches of
/// `query`, preferably from the start of a sentence, marked; `ellipsis` where text is left out.
/// Without a match: the start of `text`.
std::string cjk_snippet(const std::string& text, const std::string& query, const std::string& open, const std::string& close,
                        const std::string& ellipsis, int tokens);

/// Kinds of searchable things (search_item.kind).
namespace search_kind {
inline constexpr const char* record = "record";               ///< meeting/activity records
inline constexpr const char* document = "document";           ///< archived documents (题名, 责任者, 文号…)
inline constexpr const char* rule_text = "ruletext";          ///< 基本制度 rule texts
inline constexpr const char* entry = "entry";                 ///< free entries of the one book
inline constexpr const char* rectification = "rectification"; ///< 整改事项
inline constexpr const char* assessment = "assessment";       ///< assessment and rubric-item notes
} // namespace search_kind
/// Chinese label of a kind (会议记录, 归档文件…); the kind itself when unknown.
std::string search_kind_label(const std::string& kind);

/// Something searchable, as stored in search_item.
struct SearchItem {
    std::string kind;
    std::string ref; ///< identifies the source row within its kind
    std::optional<core::Id> organisation_id;
    std::string title;
    std::string body;
    std::string location;  ///< where it is in the one book, as a user reads it
    std::string item_date; ///< ISO date when the thing has one (for display)
};

struct SearchOptions {
    std::string open = "【";  ///< put before each match
    std::string close = "】"; ///< put after each match
    std::string ellipsis = "…";
    int limit = 50; ///< hits returned (0: all)
    int offset = 0;
    int snippet_tokens = 24;                 ///< context of the snippet (≈ characters for Chinese)
    std::optional<core::Id> organisation_id; ///< only this organisation's items
    std::vector<std::string> kinds;          ///< only these kinds (empty: all)
};

struct SearchHit {
    std::string kind;
    std::string kind_label;
    std::string ref;
    std::optional<core::Id> organisation_id;
    std::string organisation; ///< its name (a superior's archive holds many)
    std::string location;
    std::string item_date;
    std::string title;   ///< with the matches marked
    std::string snippet; ///< body excerpt with the matches marked
    double rank = 0;     ///< bm25 (smaller is better; title counts 4×)
};

struct SearchResult {
    std::string query;
    std::string match;           ///< the FTS5 expression that ran
    int total = 0;               ///< hits in all (before limit/offset)
    std::vector<SearchHit> hits; ///< best first
};

/// The search index of one open archive.
class SearchIndex {
public:
    /// `plugins` (optional) lets the index include the sectors' standard rule texts that the
    /// archive does not store (it holds only edited ones).
    explicit SearchIndex(core::Archive& archive, const core::PluginHost* plugins = nullptr);

    /// Ranked hits for `query` (see match_expression). Brings the index up to date first.
    SearchResult search(const std::string& query, const SearchOptions& options = {});
    /// Number of items matching `query`.
    int count(const std::string& query, const SearchOptions& options = {});

    /// Rebuilds search_item from every source table and the FTS5 index from search_item, in one
    /// transaction. Returns the number of items indexed.
    int rebuild();
    /// Brings the FTS5 index up to date with search_item (creating it when missing). Cheap when
    /// nothing changed; search() calls it.
    void refresh();

    /// Index-maintenance API for content without a trigger of its own: adds or replaces the item
    /// (kind, ref). Inside the caller's transaction when there is one.
    void put(const SearchItem& item);
    /// Removes the item (kind, ref) when indexed.
    void remove(const std::string& kind, const std::string& ref);
    /// Items in search_item (what is searchable), optionally of one kind.
    int size(const std::string& kind = {});

private:
    void sync_rule_text_defaults();
    int count_indexed(const std::string& match, const SearchOptions& options);
    core::Archive& m_archive;
    const core::PluginHost* m_plugins;
    bool m_tokenizer_registered = false;
    bool m_defaults_synced = false;                      ///< the plugins' rule texts were compared with the archive's copy
    std::map<std::string, std::vector<Section>> m_books; ///< each sector's book sections (for hit locations)
};

/// Convenience: SearchIndex(archive, plugins).rebuild().
int rebuild_index(core::Archive& archive, const core::PluginHost* plugins = nullptr);

} // namespace onebook::archive
