#include "onebook/error.hpp"

namespace onebook::core {

std::string substitute(const std::string& text, const MessageParams& params) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            auto close = text.find('}', i);
            if (close != std::string::npos) {
                auto name = text.substr(i + 1, close - i - 1);
                bool found = false;
                for (const auto& [k, v] : params) {
                    if (k == name) {
                        out += v;
                        found = true;
                        break;
                    }
                }
                if (found) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

Error::Error(std::string key, MessageParams params, Location where)
    : std::runtime_error(substitute(key, params)), m_message{std::move(key), std::move(params)},
      m_where(std::move(where)) {}

std::string Error::param(const std::string& name) const {
    for (const auto& [k, v] : m_message.params)
        if (k == name) return v;
    return {};
}

} // namespace onebook::core
