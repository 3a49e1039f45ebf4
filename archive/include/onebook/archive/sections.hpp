// The one book's outline (DOMAIN.md §7, 《创建精品社区信息》): five fixed chapters, and the sections inside them.
// The chapters and the sections every branch keeps are national, so they are defined here; sector
// plugins add their own sections as data (data/sections/*.json, ExtensionPoint::Sections).
#pragma once

#include "onebook/plugin_host.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onebook::archive {

/// One of the five chapters of 《创建精品社区信息》: 基本情况、基本制度、活动记录、工作记录、创新型工作.
struct Chapter {
    std::string id;    ///< basic, rules, activities, work, innovation
    std::string title; ///< Chinese title as printed
};

/// The five chapters, in book order.
const std::vector<Chapter>& chapters();
/// The chapter of `id`, or nullptr.
const Chapter* find_chapter(const std::string& id);

/// What a section can hold. A section holds one or more of these.
namespace holds {
inline constexpr const char* records = "records";      ///< meeting/activity records of given types
inline constexpr const char* documents = "documents";  ///< archived documents (files with 档号)
inline constexpr const char* rule_texts = "ruletexts"; ///< rule texts of 基本制度
inline constexpr const char* entries = "entries";      ///< free entries (date, title, text)
inline constexpr const char* view = "view";            ///< a view of core data (roster, assessment…)
} // namespace holds

/// Built-in views a section can show (rendered by code from core data).
const std::vector<std::string>& known_views();

struct Section {
    std::string id;                        ///< e.g. "basic.members", "community.joint_meeting"
    std::string chapter;                   ///< chapter id
    std::string title;                     ///< Chinese title as printed
    int order = 0;                         ///< position within the chapter (ascending)
    std::vector<std::string> holds;        ///< what it holds (see namespace holds)
    std::vector<std::string> record_types; ///< for records: meeting type ids; "*" = every type no
                                           ///< other section of the book claims
    std::string view;                      ///< for view sections: organisation, committee, members, groups,
                                           ///< activists, assessment, rectification, dues, catalogue
    std::string description;               ///< what goes here, for the user
    std::string source;                    ///< seed and clause the section comes from
    std::string origin;                    ///< "core", or the id of the plugin that contributed it

    bool has(const std::string& what) const;
};

/// The sections every branch's book has, whatever its sector.
std::vector<Section> common_sections();

/// Parses one section document (a JSON object, or {"sections": [...]}). Throws Error naming
/// `source` and the field for an unknown chapter, an unknown "holds" word or a missing field.
std::vector<Section> parse_sections(const std::string& json, const std::string& source, const std::string& origin);

/// The book of a sector: the common sections plus the sector plugin's, ordered by chapter and
/// order. A plugin section with the id of a common one replaces it. Throws Error when the sector's
/// plugin is not loaded or one of its section files is wrong.
std::vector<Section> book_sections(const core::PluginHost& host, const std::string& sector);

/// The section of `id` in `sections`, or nullptr.
const Section* find_section(const std::vector<Section>& sections, const std::string& id);

/// The section that holds records of `record_type`: the first that names the type, else the
/// first catch-all ("*"), else nullptr.
const Section* section_for_record_type(const std::vector<Section>& sections, const std::string& record_type);

} // namespace onebook::archive
