#include "onebook/sectors.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/JSON/Parser.h>

namespace onebook::core {

SectorInfo sector_info(const LoadedPlugin& plugin) {
    SectorInfo s;
    s.id = plugin.id();
    s.name_zh = plugin.manifest().name_zh;
    s.name_en = plugin.manifest().name_en;
    s.description = plugin.manifest().description;
    Poco::JSON::Parser parser;
    parser.setDepth(limits::json_depth);
    auto obj = parser.parse(plugin.sector_defaults()).extract<Poco::JSON::Object::Ptr>();
    s.default_form = obj->optValue<std::string>("default_form", s.default_form);
    s.superior_title = obj->optValue<std::string>("superior_title", "");
    s.assessment_rubric = obj->optValue<std::string>("assessment_rubric", "");
    s.good_share_may_exceed = obj->optValue<bool>("good_share_may_exceed", false);
    if (auto cats = obj->getArray("member_categories"))
        for (std::size_t i = 0; i < cats->size(); ++i) s.member_categories.push_back(cats->getElement<std::string>(i));
    if (s.member_categories.empty()) s.member_categories = {"直管"};
    return s;
}

std::vector<SectorInfo> sectors(const PluginHost& host) {
    std::vector<SectorInfo> out;
    for (const auto& p : host.loaded()) out.push_back(sector_info(*p));
    return out;
}

} // namespace onebook::core
