// Errors the user can read: a message key (the Simplified Chinese msgid, translated at the edge),
// named parameters, and where the problem is (file, row, field).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

/// Marks a message key for xgettext without translating it (core never translates; the CLI and
/// the shell do). Use it where a key is not the first argument of an Error(…).
#define OB_N(text) text

namespace onebook::core {

/// Named parameters of a message: {"file", "/tmp/a.onebook"} fills "{file}" in the key.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

/// A message that has not been translated yet. Keys are Simplified Chinese msgids
/// (the product's first language); the CLI and the shell translate them with gettext.
struct Message {
    Message() = default;
    Message(std::string k, MessageParams p = {}, std::vector<std::pair<std::string, Message>> n = {})
        : key(std::move(k)), params(std::move(p)), nested(std::move(n)) {}

    std::string key;
    MessageParams params;
    /// Parameters that are themselves messages ("条目 {item} ", a field's label): the edge translates
    /// them before filling them in. `params` holds their Chinese text under the same name too (see
    /// with_nested), so code that reads params sees words, never a key.
    std::vector<std::pair<std::string, Message>> nested;
};

/// Replaces every "{name}" in `text` by the value of parameter `name`.
std::string substitute(const std::string& text, const MessageParams& params);
/// The message in Chinese: its key filled with its params and its nested messages.
std::string substitute(const Message& message);
/// `message` with the Chinese text of each nested message added to (or replacing) its params.
Message with_nested(Message message);

/// Where a problem is: any of the parts may be empty.
struct Location {
    std::string file;
    std::optional<long> row; ///< 1-based row (CSV data row, line…)
    std::string field;       ///< column, field or JSON member
};

/// The one exception type core and archive throw for problems a user must see.
class Error : public std::runtime_error {
public:
    Error(std::string key, MessageParams params = {}, Location where = {});
    /// A message some of whose parameters are messages themselves (translated at the edge).
    Error(Message message, Location where);

    const std::string& key() const { return m_message.key; }
    const MessageParams& params() const { return m_message.params; }
    const Message& message() const { return m_message; }
    const Location& where() const { return m_where; }
    /// Value of a parameter, or "" when absent (handy in tests).
    std::string param(const std::string& name) const;

private:
    Message m_message;
    Location m_where;
};

} // namespace onebook::core
