// onebook-cli as a user types it, for the suites that test the command line through the shell
// (Linux only): one scratch folder, the command run there under a chosen environment.
#pragma once

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

namespace onebook::test {

/// The environment each run of onebook-cli gets on top of the test's own.
struct CliEnv {
    std::vector<std::string> unset{};                       ///< removed (env -u), e.g. LC_ALL
    std::vector<std::pair<std::string, std::string>> set{}; ///< set, in this order
    std::string trailing{};                                 ///< words after every command's own
    std::size_t shown = std::string::npos;                  ///< how much of stdout the log line shows
};

/// A scratch folder and onebook-cli run in it through /bin/sh: `cli("member list")` returns the
/// exit status, fills out/err and logs the command with its output (--log_level=message).
class CliRun {
public:
    CliRun(const std::string& tag, CliEnv env);
    // Inline: the log line goes through the suite's own Boost.Test (dynamic, or compiled in).
    int operator()(const std::string& args) {
        int rc = run(command(args), &out, &err);
        BOOST_TEST_MESSAGE("$ onebook-cli " << args << "  → " << rc << "\n" << out.substr(0, m_env.shown) << err);
        return rc;
    }
    /// The shell command line that runs onebook-cli with `args` in the folder.
    std::string command(const std::string& args) const;
    /// Sets (or changes) one variable for the runs that follow.
    void set(const std::string& name, const std::string& value);

    ScratchDir dir;
    std::string out, err;

private:
    CliEnv m_env;
};

/// The word as one argument of a POSIX shell: '…', with any ' inside kept.
std::string shell_quote(const std::string& word);

} // namespace onebook::test
