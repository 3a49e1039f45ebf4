#include "onebook/json_text.hpp"

#include <iomanip>
#include <sstream>

namespace onebook::core {

std::string json_quote(const std::string& s) {
    std::ostringstream o;
    o << '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': o << "\\\""; break;
        case '\\': o << "\\\\"; break;
        case '\n': o << "\\n"; break;
        case '\r': o << "\\r"; break;
        case '\t': o << "\\t"; break;
        default:
            if (c < 0x20) o << "\\u" << std::hex << std::setw(4) << std::setfill('0') << int(c) << std::dec;
            else o << c;
        }
    }
    o << '"';
    return o.str();
}

} // namespace onebook::core
