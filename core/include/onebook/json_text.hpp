// JSON documents the product writes (CLI --format json, assessment and summary exports) are built
// with Poco::JSON; these helpers give them one way of being printed and of rounding their numbers.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {

/// A JSON object that keeps its members in the order they are set (the order scripts see).
Poco::JSON::Object::Ptr json_object();
/// An array of texts.
Poco::JSON::Array::Ptr json_array(const std::vector<std::string>& texts);

/// `v` rounded as format_number prints it (at most `max_decimals` decimals), as a JSON number:
/// 3 → 3, 2.5 → 2.5, 1/3 → 0.33, -0.001 → 0.
double json_number(double v, int max_decimals = 2);
/// The rounded number, or null when absent.
Poco::Dynamic::Var json_number(const std::optional<double>& v, int max_decimals = 2);

/// `value` (an object or an array) as compact JSON text: strings escaped, UTF-8 kept.
std::string json_text(const Poco::Dynamic::Var& value);
/// Writes json_text(value) to `out`.
void write_json(std::ostream& out, const Poco::Dynamic::Var& value);

} // namespace onebook::core
