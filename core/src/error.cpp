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

Message with_nested(Message message) {
    for (const auto& [name, sub] : message.nested) {
        std::string text = substitute(sub);
        bool set = false;
        for (auto& [k, v] : message.params)
            if (k == name) {
                v = text;
                set = true;
            }
        if (!set) message.params.emplace_back(name, std::move(text));
    }
    return message;
}

std::string substitute(const Message& message) {
    if (message.nested.empty()) return substitute(message.key, message.params);
    return substitute(message.key, with_nested(message).params);
}

Error::Error(Message message, Location where)
    : std::runtime_error(substitute(message)), m_message(with_nested(std::move(message))), m_where(std::move(where)) {}

Error::Error(std::string key, MessageParams params, Location where)
    : std::runtime_error(substitute(key, params)), m_message{std::move(key), std::move(params), {}}, m_where(std::move(where)) {}

std::string Error::param(const std::string& name) const {
    for (const auto& [k, v] : m_message.params)
        if (k == name) return v;
    return {};
}

} // namespace onebook::core
