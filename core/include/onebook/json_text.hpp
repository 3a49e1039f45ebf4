// Writing JSON text by hand where a document is streamed out (CLI --format json, assessment
// exports): one string quoting function shared by core and the applications.
#pragma once

#include <string>

namespace onebook::core {

/// `s` as a JSON string literal: quotes, backslashes and control characters escaped, UTF-8 kept.
std::string json_quote(const std::string& s);

} // namespace onebook::core
