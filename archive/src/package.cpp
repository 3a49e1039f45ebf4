// Packages: export (BagIt zip, atomic), verify, import into a superior's archive. See package.hpp
// and docs/package-format.md.
//
// The export is generic over the schema: every table that belongs to an organisation through a
// chain of foreign keys (member → organisation, record_attendance → record → organisation…) is
// exported with the rows of that organisation, and rows of tables outside any organisation that
// those rows refer to (stored_file) come along. New tables of later migrations travel without a
// change here, as long as their foreign keys are declared. Import maps every integer key to a new
// local one and follows the same foreign keys to translate references.
#include "onebook/archive/package.hpp"
#include "onebook/archive/search.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"

#include "onebook/archive/bagit.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rubric.hpp"
#include "onebook/text_encoding.hpp"
#include "onebook/text_limits.hpp"

#include "onebook/platform.hpp"
#include "onebook/text_limits.hpp"
#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::archive {

const std::vector<std::string>& private_columns() {
    static const std::vector<std::string> c = {"id_number", "phone", "address", "mobile", "home_address"};
    return c;
}

std::string table_label(const std::string& t) {
    static const std::map<std::string, std::string> labels = {
        {"organisation", "组织"},
        {"member", "党员"},
        {"member_private", "党员个人信息"},
        {"party_group", "党小组"},
        {"committee_term", "支委会届次"},
        {"committee_member", "支委会成员"},
        {"activist", "入党积极分子和培养对象"},
        {"recruit", "发展党员"},
        {"recruit_event", "发展党员步骤"},
        {"member_movement", "组织关系和党籍变动"},
        {"member_mobile", "流动党员"},
        {"recruit_event_document", "发展党员材料"},
        {"member_movement_document", "组织关系转接材料"},
        {"record", "活动记录"},
        {"record_attendance", "出席情况"},
        {"record_attachment", "记录附件"},
        {"meeting_plan", "三会一课计划"},
        {"assessment", "考核"},
        {"assessment_score", "考核评分"},
        {"assessment_survey", "满意度测评"},
        {"assessment_veto", "否决事项"},
        {"rectification_item", "整改事项"},
        {"rectification_history", "整改进展"},
        {"dues_period", "党费收缴"},
        {"member_dues", "党员党费"},
        {"three_high_survey", "群众评议“三高”测评"},
        {"stored_file", "存储文件"},
        {"document", "归档文件"},
        {"rule_text", "基本制度"},
        {"book_entry", "一本通条目"},
        {"grading_explanation", "定级说明情况"},
        {"grading_objection", "定级公示异议"},
        {"grading_support", "较差党组织帮扶"},
    };
    auto it = labels.find(t);
    return it == labels.end() ? t : it->second;
}

int ImportReport::added() const {
    int n = 0;
    for (const auto& c : changes) n += c.added;
    return n;
}
int ImportReport::removed() const {
    int n = 0;
    for (const auto& c : changes) n += c.removed;
    return n;
}
int ImportReport::changed() const {
    int n = 0;
    for (const auto& c : changes) n += c.changed;
    return n;
}

} // namespace onebook::archive
