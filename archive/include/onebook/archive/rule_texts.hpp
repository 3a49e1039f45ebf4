// 基本制度: the rule texts of the one book. Each sector plugin ships its standard texts as data
// (data/ruletexts/*.json, written from the seeds with their source); a branch may edit them, and
// an edited text is kept in the archive while the plugin's text stays the default.
//
// Rule text document: { "id": "three_meetings", "title": "“三会一课”制度", "section": "rules.texts",
//                       "order": 10, "paragraphs": ["…", "…"], "source": "《党支部“五化”建设》 …",
//                       "model_text": true }  (written by the plugin from its sources: shown as 示范文本)
#pragma once

#include "onebook/archive.hpp"
#include "onebook/plugin_host.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

struct RuleText {
    std::string id;         ///< stable within the sector, e.g. "three_meetings"
    std::string section_id; ///< section of the book it is printed in (default "rules.texts")
    std::string title;
    std::string body;   ///< paragraphs separated by "\n"
    std::string source; ///< seed and clause the text was written from
    int order = 0;
    std::string origin;      ///< plugin id, or "archive" for a text the branch added itself
    bool edited = false;     ///< the archive holds an edited version
    bool model_text = false; ///< the plugin's proposal, not a source's words ("model_text" in the data)
    std::string edited_at;   ///< UTC time of the last edit (ISO), when edited
};

/// How a model text (the plugin's proposal) is labelled wherever it is shown or printed.
inline constexpr const char* model_text_notice = "示范文本，请按本支部实际修改";

/// The standard texts a sector's plugin ships, sorted by order. Throws Error naming the file for
/// a malformed document, and when the sector is not loaded.
std::vector<RuleText> plugin_rule_texts(const core::PluginHost& host, const std::string& sector);
/// Parses one rule text document (see the file comment).
RuleText parse_rule_text(const std::string& json, const std::string& source, const std::string& origin);

/// The rule texts of the archive's own organisation: plugin defaults overlaid with edits.
class RuleTextStore {
public:
    RuleTextStore(core::Archive& archive, const core::PluginHost& host);

    /// Every text, in order (the branch's own texts after the plugin's).
    std::vector<RuleText> all();
    std::optional<RuleText> get(const std::string& id);
    /// Like get(), but an Error listing the known ids when there is none.
    RuleText require(const std::string& id);

    /// Stores an edited title and/or body (an empty optional keeps the current one). An id the
    /// plugin does not know adds a text of the branch's own (a title is then required). Refuses an
    /// empty title or body. One transaction.
    RuleText edit(const std::string& id, const std::optional<std::string>& title, const std::optional<std::string>& body,
                  const std::string& section_id = {});
    /// Drops the edit: the plugin's text applies again (a branch's own text is removed).
    void reset(const std::string& id);

private:
    core::Archive& m_archive;
    core::Id m_org;
    std::vector<RuleText> m_defaults;
};

} // namespace onebook::archive
