#include "onebook/json_text.hpp"
#include "onebook/numbers.hpp"

#include <Poco/JSON/Stringifier.h>

#include <ostream>
#include <sstream>

namespace onebook::core {

Poco::JSON::Object::Ptr json_object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Poco::JSON::Array::Ptr json_array(const std::vector<std::string>& texts) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& t : texts) out->add(t);
    return out;
}

double json_number(double v, int max_decimals) { return round_number(v, max_decimals); }

Poco::Dynamic::Var json_number(const std::optional<double>& v, int max_decimals) {
    return v ? Poco::Dynamic::Var(json_number(*v, max_decimals)) : Poco::Dynamic::Var();
}

void write_json(std::ostream& out, const Poco::Dynamic::Var& value) {
    Poco::JSON::Stringifier::stringify(value, out, 0, -1, Poco::JSON_WRAP_STRINGS);
}

std::string json_text(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    write_json(out, value);
    return out.str();
}

} // namespace onebook::core
