// The platform-independent half of run_tool.hpp; running a process is run_tool_posix.cpp or
// run_tool_windows.cpp (CMake picks one).
#include "run_tool.hpp"

#include "onebook/platform.hpp"

namespace onebook::test {

ToolOptions in_dir(const std::filesystem::path& cwd) {
    ToolOptions o;
    o.cwd = cwd;
    return o;
}

std::string tool_path(const std::string& name) {
    std::string file = core::platform::is_windows ? name + ".exe" : name;
    return core::platform::path_utf8(core::platform::executable_dir() / file);
}

std::string utf8(const std::filesystem::path& p) { return core::platform::path_utf8(p); }

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    bool in_word = false, quoted = false;
    for (char c : text) {
        if (quoted) {
            if (c == '\'') quoted = false;
            else word += c;
        } else if (c == '\'') {
            quoted = in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) out.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) out.push_back(word);
    return out;
}

std::vector<std::string> concat(std::vector<std::string> first, const std::vector<std::string>& rest) {
    first.insert(first.end(), rest.begin(), rest.end());
    return first;
}

} // namespace onebook::test
