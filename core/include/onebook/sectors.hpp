// Sector (organisation type) defaults contributed by plugins through data/sector.json.
#pragma once

#include "onebook/plugin_host.hpp"

#include <string>
#include <vector>

namespace onebook::core {

/// What a sector plugin says about its organisations (DOMAIN.md §2).
struct SectorInfo {
    std::string id;
    std::string name_zh;
    std::string name_en;
    std::string default_form = "党支部";
    std::string superior_title;                 ///< e.g. 街道党工委, 乡镇党委, 机关党委
    std::string assessment_rubric;              ///< id of the sector's default rubric, when it has one
    bool good_share_may_exceed = false;         ///< organ, eduhealth: 好 may exceed 20 % (《分类定级工作文件汇编》)
    std::vector<std::string> member_categories; ///< categories the sector uses (直管/协管/代管)
    std::string description;
};

/// Reads a loaded plugin's sector.json (missing fields keep their defaults).
SectorInfo sector_info(const LoadedPlugin& plugin);
/// All loaded sectors, in load order.
std::vector<SectorInfo> sectors(const PluginHost& host);

} // namespace onebook::core
