// Reading the small JSON data files of templates and plugins (rule parameters, survey thresholds):
// one place that turns unreadable text into an Error naming the file.
#pragma once

#include "onebook/error.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace onebook::core {

/// The whole file as text ("" when it cannot be read: the parser then names the file).
inline std::string read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// `json` as an object; Error naming `file` when it is not a JSON object.
inline Poco::JSON::Object::Ptr parse_json_object(const std::string& json, const std::string& file) {
    Poco::JSON::Object::Ptr o;
    try {
        o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        throw Error(OB_N("规则文件 {file} 不是有效的 JSON 对象：{reason}"), {{"file", file}, {"reason", e.what()}},
                    {file, {}, {}});
    }
    return o;
}

} // namespace onebook::core
