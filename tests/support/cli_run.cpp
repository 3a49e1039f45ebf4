#include "cli_run.hpp"

namespace onebook::test {

CliRun::CliRun(const std::string& tag, CliEnv env) : dir(tag), m_env(std::move(env)) {}

void CliRun::set(const std::string& name, const std::string& value) {
    for (auto& [n, v] : m_env.set)
        if (n == name) {
            v = value;
            return;
        }
    m_env.set.emplace_back(name, value);
}

std::string CliRun::command(const std::string& args) const {
    std::string cmd = "cd " + shell_quote(dir.path().string()) + " && env";
    for (const auto& name : m_env.unset) cmd += " -u " + name;
    for (const auto& [name, value] : m_env.set) cmd += " " + name + "=" + shell_quote(value);
    cmd += " " + shell_quote(bin("onebook-cli").string()) + " " + args;
    if (!m_env.trailing.empty()) cmd += " " + m_env.trailing;
    return cmd;
}

std::string shell_quote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

} // namespace onebook::test
