// The search index: search_item (fed by the TEMP triggers of core/sql/connection/search.sql, made
// on a connection before it first writes a table they are on, or search_item) → FTS5 table search_fts.
#include "onebook/archive/search.hpp"

#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/error.hpp"
#include "onebook/organisation_store.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace onebook::archive {

namespace {

/// Bump when the tokenizer or the FTS5 table changes: the index is then rebuilt on first use.
constexpr const char* fts_version = "onebook_cjk-1";
constexpr const char* fts_version_key = "search.fts_version";
constexpr const char* defaults_key = "search.ruletext_defaults";
/// Above this many hits an unfiltered query is ordered by tier (title matches first), newest first,
/// instead of by bm25 over every hit (see search()).
constexpr int broad_query_hits = 1000;

/// Kinds whose items the triggers derive from source tables (rebuild() re-derives them; items of
/// other kinds, added through put(), are kept).
const std::vector<std::string>& derived_kinds() {
    static const std::vector<std::string> k = {search_kind::record, search_kind::rectification, search_kind::document,
                                               search_kind::entry,  search_kind::rule_text,     search_kind::assessment};
    return k;
}

bool table_exists(core::Database& db, const std::string& name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?");
    st.bind(1, name);
    return st.step();
}

std::string setting(core::Database& db, const std::string& key) {
    auto st = db.prepare("SELECT value FROM setting WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.get_text(0) : std::string();
}

void set_setting(core::Database& db, const std::string& key, const std::string& value) {
    auto st = db.prepare("INSERT INTO setting(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind_all(key, value).run();
}

/// Newlines separate fields in the body; a snippet reads better on one line.
std::string one_line(const std::string& s) {
    std::string out;
    bool gap = false;
    for (char c : s) {
        if (c == '\n' || c == '\r') {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out += "  ";
        gap = false;
        out += c;
    }
    return out;
}

} // namespace

SearchIndex::SearchIndex(core::Archive& archive, const core::PluginHost* plugins) : m_archive(archive), m_plugins(plugins) {}

void SearchIndex::sync_rule_text_defaults() {
    // The plugins do not change while a program runs: once compared, the copy stays right (and
    // hashing every rule text before each query would cost more than the query).
    if (!m_plugins || m_defaults_synced) return;
    auto& db = m_archive.db();
    auto home = core::OrganisationStore(db).home();
    if (!home || !m_plugins->find(home->sector)) return;
    std::vector<RuleText> texts;
    try {
        texts = plugin_rule_texts(*m_plugins, home->sector);
    } catch (const core::Error&) {
        return; // a broken plugin document: search what the archive holds (the plugin host reports it)
    }
    Poco::SHA2Engine sha;
    sha.update(home->sector);
    for (const auto& t : texts) {
        for (const std::string* part : {&t.id, &t.section_id, &t.title, &t.body}) {
            sha.update(*part);
            sha.update(std::string(1, '\0'));
        }
    }
    std::string digest = Poco::DigestEngine::digestToHex(sha.digest());
    if (setting(db, defaults_key) == digest) {
        m_defaults_synced = true;
        return;
    }
    core::Transaction tx(db);
    db.exec("DELETE FROM search_ruletext_default");
    auto ins = db.prepare("INSERT OR REPLACE INTO search_ruletext_default(sector, text_id, section_id, title, body) "
                          "VALUES (?, ?, ?, ?, ?)");
    for (const auto& t : texts) {
        ins.bind_all(home->sector, t.id, t.section_id, t.title, t.body).run();
        ins.reset();
    }
    // Writing search_item first makes the connection's search views (search_src_ruletext).
    db.exec("DELETE FROM search_item WHERE kind = 'ruletext'");
    db.exec("INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date) "
            "SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext");
    set_setting(db, defaults_key, digest);
    tx.commit();
    m_defaults_synced = true;
}

void SearchIndex::refresh() {
    auto& db = m_archive.db();
    if (!m_tokenizer_registered) register_cjk_tokenizer(db); // on this index's connection, once
    m_tokenizer_registered = true;
    if (m_archive.read_only()) return; // searched as it was last indexed: nothing can be written
    // Up to date (what nearly every query finds): no write transaction.
    if (m_defaults_synced || !m_plugins) {
        auto st = db.prepare("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'search_fts') AND "
                             "EXISTS (SELECT 1 FROM setting WHERE key = ?1 AND value = ?2) AND "
                             "NOT EXISTS (SELECT 1 FROM search_pending)");
        st.bind_all(std::string(fts_version_key), std::string(fts_version));
        if (st.step() && st.get_int(0)) return;
    }
    core::Transaction tx(db);
    sync_rule_text_defaults();
    if (!table_exists(db, "search_fts") || setting(db, fts_version_key) != fts_version) {
        db.exec("DROP TABLE IF EXISTS search_fts");
        db.exec(std::string("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='") + cjk_tokenizer_name + "')");
        db.exec("INSERT INTO search_fts(rowid, title, body) SELECT id, title, body FROM search_item");
        db.exec("DELETE FROM search_pending");
        set_setting(db, fts_version_key, fts_version);
    } else if (db.scalar_int("SELECT EXISTS (SELECT 1 FROM search_pending)")) {
        // A contentful FTS5 table deletes by rowid alone, so the old text is not needed here.
        db.exec("DELETE FROM search_fts WHERE rowid IN (SELECT item_id FROM search_pending)");
        db.exec("INSERT INTO search_fts(rowid, title, body) "
                "SELECT id, title, body FROM search_item WHERE id IN (SELECT item_id FROM search_pending)");
        db.exec("DELETE FROM search_pending");
    }
    tx.commit();
}

int SearchIndex::rebuild() {
    auto& db = m_archive.db(); // the writes below touch search_item and search_pending only: refresh() registers the tokenizer
    core::Transaction tx(db);
    std::string kinds;
    for (const auto& k : derived_kinds()) kinds += (kinds.empty() ? "'" : ",'") + k + "'";
    db.exec("DELETE FROM search_item WHERE kind IN (" + kinds + ")"); // first: makes the views read below
    db.exec("INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date) "
            "SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_source");
    db.exec("DELETE FROM setting WHERE key IN ('search.fts_version', 'search.ruletext_defaults')");
    m_defaults_synced = false;
    refresh(); // re-reads the defaults and recreates search_fts from search_item
    int n = static_cast<int>(db.scalar_int("SELECT count(*) FROM search_item"));
    tx.commit();
    return n;
}

void SearchIndex::put(const SearchItem& item) {
    if (item.kind.empty() || item.ref.empty()) throw core::Error(OB_N("搜索条目缺少类别或编号"));
    auto& db = m_archive.db();
    core::Transaction tx(db);
    auto st = db.prepare("INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(kind, ref) DO UPDATE SET "
                         "organisation_id = excluded.organisation_id, title = excluded.title, body = excluded.body, "
                         "location = excluded.location, item_date = excluded.item_date");
    st.bind(1, item.kind).bind(2, item.ref).bind(3, item.organisation_id).bind(4, item.title).bind(5, item.body);
    st.bind(6, item.location).bind(7, item.item_date).run();
    tx.commit();
}

void SearchIndex::remove(const std::string& kind, const std::string& ref) {
    auto& db = m_archive.db();
    core::Transaction tx(db);
    auto st = db.prepare("DELETE FROM search_item WHERE kind = ? AND ref = ?");
    st.bind_all(kind, ref).run();
    tx.commit();
}

int SearchIndex::size(const std::string& kind) {
    auto st = m_archive.db().prepare(kind.empty() ? "SELECT count(*) FROM search_item"
                                                  : "SELECT count(*) FROM search_item WHERE kind = ?");
    if (!kind.empty()) st.bind(1, kind);
    st.step();
    return static_cast<int>(st.get_int(0));
}

namespace {

std::string filter_sql(const SearchOptions& o) {
    std::string sql;
    if (o.organisation_id) sql += " AND i.organisation_id = :org";
    if (!o.kinds.empty()) {
        sql += " AND i.kind IN (";
        for (std::size_t k = 0; k < o.kinds.size(); ++k) sql += (k ? ", :k" : ":k") + std::to_string(k);
        sql += ")";
    }
    return sql;
}

void bind_filters(core::Statement& st, const SearchOptions& o) {
    auto idx = [&](const std::string& name) { return sqlite3_bind_parameter_index(st.handle(), name.c_str()); };
    if (o.organisation_id) st.bind(idx(":org"), *o.organisation_id);
    for (std::size_t k = 0; k < o.kinds.size(); ++k) st.bind(idx(":k" + std::to_string(k)), o.kinds[k]);
}

} // namespace

int SearchIndex::count(const std::string& query, const SearchOptions& options) {
    std::string match = match_expression(query);
    if (match.empty()) return 0;
    refresh();
    return count_indexed(match, options);
}

int SearchIndex::count_indexed(const std::string& match, const SearchOptions& options) {
    auto& db = m_archive.db();
    // Without a filter the index alone answers (no join with search_item per hit).
    bool filtered = options.organisation_id || !options.kinds.empty();
    auto st = db.prepare(filtered ? "SELECT count(*) FROM search_fts JOIN search_item AS i ON i.id = search_fts.rowid "
                                    "WHERE search_fts MATCH :match" +
                                        filter_sql(options)
                                  : std::string("SELECT count(*) FROM search_fts WHERE search_fts MATCH :match"));
    st.bind(sqlite3_bind_parameter_index(st.handle(), ":match"), match);
    bind_filters(st, options);
    st.step();
    return static_cast<int>(st.get_int(0));
}

namespace {

struct Ranked {
    std::int64_t id;
    double score;
};

/// A query found nearly everywhere (one common character in a thousand branches): bm25 of every
/// hit would cost as much as reading all the text, and would rank little. Its hits come in two
/// tiers instead — those matching in the title, then the others — each newest first, read straight
/// off the index (FTS5 walks rowids in descending order and stops at the page). Each hit still
/// carries its bm25.
std::vector<Ranked> rank_broad(core::Database& db, const std::string& match, int limit, int offset) {
    std::vector<Ranked> page;
    const std::string in_title = "title : (" + match + ")";
    auto tier = [&](const std::string& tier_match, int tier_limit, int tier_offset) {
        auto st = db.prepare("SELECT rowid, bm25(search_fts, 4.0, 1.0) FROM search_fts WHERE search_fts MATCH ? "
                             "ORDER BY rowid DESC LIMIT ? OFFSET ?");
        st.bind_all(tier_match, tier_limit, tier_offset);
        while (st.step()) page.push_back({st.get_int(0), st.get_double(1)});
    };
    tier(in_title, limit, offset);
    if (limit < 0 || static_cast<int>(page.size()) < limit) {
        int titled = offset;
        if (offset > 0) {
            auto c = db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?");
            c.bind(1, in_title);
            c.step();
            titled = static_cast<int>(c.get_int(0));
        }
        tier("(" + match + ") NOT " + in_title, limit < 0 ? -1 : limit - static_cast<int>(page.size()),
             std::max(0, offset - titled));
    }
    return page;
}

/// The page of hits by bm25 (equal ranks: the item indexed last first).
std::vector<Ranked> rank_by_score(core::Database& db, const std::string& match, const SearchOptions& options, bool filtered,
                                  int limit, int offset) {
    std::vector<Ranked> page;
    std::string sql = "SELECT search_fts.rowid, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts " +
                      std::string(filtered ? "JOIN search_item AS i ON i.id = search_fts.rowid " : "") +
                      "WHERE search_fts MATCH :match" + filter_sql(options) +
                      " ORDER BY score, search_fts.rowid DESC LIMIT :limit OFFSET :offset";
    auto st = db.prepare(sql);
    auto idx = [&](const char* name) { return sqlite3_bind_parameter_index(st.handle(), name); };
    st.bind(idx(":match"), match);
    st.bind(idx(":limit"), limit).bind(idx(":offset"), offset);
    bind_filters(st, options);
    while (st.step()) page.push_back({st.get_int(0), st.get_double(1)});
    return page;
}

/// {section:<id>} and {record:<type>} in a hit's location become the book's titles (when the
/// sector's plugin is loaded).
class LocationNames {
public:
    LocationNames(const core::PluginHost* plugins, std::map<std::string, std::vector<Section>>& books)
        : m_plugins(plugins), m_books(books) {}

    std::string pretty(std::string loc, const std::string& sector) {
        for (const char* tag : {"{section:", "{record:"}) {
            auto p = loc.find(tag);
            if (p == std::string::npos) continue;
            auto e = loc.find('}', p);
            if (e == std::string::npos) continue;
            std::string key = loc.substr(p + std::strlen(tag), e - p - std::strlen(tag));
            std::string text;
            if (const auto* book = book_of(sector)) {
                const Section* s =
                    std::string(tag) == "{section:" ? find_section(*book, key) : section_for_record_type(*book, key);
                if (s) text = section_title(*s);
            }
            if (text.empty()) text = std::string(tag) == "{record:" ? "活动记录" : key;
            loc.replace(p, e - p + 1, text);
        }
        return loc;
    }

private:
    const std::vector<Section>* book_of(const std::string& sector) {
        if (!m_plugins || sector.empty()) return nullptr;
        auto it = m_books.find(sector); // read once per index: the plugins do not change while a program runs
        if (it == m_books.end()) {
            std::vector<Section> s;
            try {
                s = book_sections(*m_plugins, sector);
            } catch (const core::Error&) {
                // plugin missing or broken: the raw ids are shown
            }
            it = m_books.emplace(sector, std::move(s)).first;
        }
        return &it->second;
    }

    static std::string section_title(const Section& s) {
        const Chapter* c = find_chapter(s.chapter);
        return (c ? c->title + " · " : std::string()) + s.title;
    }

    const core::PluginHost* m_plugins;
    std::map<std::string, std::vector<Section>>& m_books;
};

} // namespace

SearchResult SearchIndex::search(const std::string& query, const SearchOptions& options) {
    SearchResult result;
    result.query = query;
    result.match = match_expression(query);
    if (result.match.empty()) return result;
    refresh();
    result.total = count_indexed(result.match, options);
    auto& db = m_archive.db();
    // Two steps, so that the cost of a query is its ranking, not its marking up: the page of hits is
    // chosen by rank first (bm25 of every hit, nothing else), and only the rows of that page get
    // their highlighted title and snippet, marked here from their text (cjk_highlight, cjk_snippet:
    // the index's own highlight() and snippet() look each row up in the index again, which cost
    // more than the whole query).
    const bool filtered = options.organisation_id || !options.kinds.empty();
    const int limit = options.limit > 0 ? options.limit : -1, offset = std::max(0, options.offset);
    const std::vector<Ranked> page = !filtered && result.total > broad_query_hits
                                         ? rank_broad(db, result.match, limit, offset)
                                         : rank_by_score(db, result.match, options, filtered, limit, offset);
    auto detail = db.prepare(
        "SELECT i.kind, i.ref, i.organisation_id, coalesce(o.name, ''), coalesce(o.sector, ''), i.location, i.item_date, "
        "i.title, i.body FROM search_item AS i LEFT JOIN organisation AS o ON o.id = i.organisation_id WHERE i.id = ?");
    const int snippet_tokens = std::max(1, std::min(64, options.snippet_tokens));
    LocationNames locations(m_plugins, m_books);
    for (const auto& r : page) {
        detail.bind(1, r.id);
        if (detail.step()) {
            SearchHit h;
            h.kind = detail.get_text(0);
            h.kind_label = search_kind_label(h.kind);
            h.ref = detail.get_text(1);
            h.organisation_id = detail.get_opt_int(2);
            h.organisation = detail.get_text(3);
            h.location = locations.pretty(detail.get_text(5), detail.get_text(4));
            h.item_date = detail.get_text(6);
            h.title = one_line(cjk_highlight(detail.get_text(7), query, options.open, options.close));
            h.snippet =
                one_line(cjk_snippet(detail.get_text(8), query, options.open, options.close, options.ellipsis, snippet_tokens));
            h.rank = r.score;
            result.hits.push_back(std::move(h));
        }
        detail.reset();
    }
    return result;
}

int rebuild_index(core::Archive& archive, const core::PluginHost* plugins) { return SearchIndex(archive, plugins).rebuild(); }

} // namespace onebook::archive
