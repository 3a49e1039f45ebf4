// Running a program from a test, the one way every suite does it: our own executables
// (onebook-cli) and the Linux tools that check what we wrote (pdftotext, qpdf, python3…), with no
// shell in between, the same on Linux and in the Windows build under Wine.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace onebook::test {

/// How the program runs; the defaults: the test's folder and environment, empty standard input.
struct ToolOptions {
    std::filesystem::path cwd;                            ///< empty: the test's own
    std::vector<std::pair<std::string, std::string>> env; ///< set for the program
    std::vector<std::string> unset;                       ///< removed from its environment
    std::optional<std::string> input;                     ///< its standard input
};

/// Options that only run the program in `cwd`.
ToolOptions in_dir(const std::filesystem::path& cwd);

/// Runs argv[0] (our own executable by the path tool_path() gives, or a Linux tool found on PATH)
/// with the arguments as they are, UTF-8; returns its exit code (127 when it could not be started,
/// -1 when it did not exit normally) and fills stdout/stderr. In the Windows build a Linux tool runs
/// on the Linux side of Wine, and an argument that is a Windows path (C:\…, or after "=" or
/// "file://") reaches it as the matching Linux path.
int run_tool(const std::vector<std::string>& argv, std::string* out = nullptr, std::string* err = nullptr,
             const ToolOptions& opts = {});

/// The path of one of our own executables beside the test binary ("onebook-cli" →
/// <build>/bin/onebook-cli, onebook-cli.exe on Windows).
std::string tool_path(const std::string& name);

/// A command line's arguments split at white space; '…' quotes one argument (no escapes inside):
/// words("rectify list --org '幸福里 社区'") → {"rectify", "list", "--org", "幸福里 社区"}.
std::vector<std::string> words(const std::string& text);

/// A path as a UTF-8 argument (path::string() is the ANSI code page on Windows).
std::string utf8(const std::filesystem::path& p);

/// `first` followed by `rest` (a program and its words).
std::vector<std::string> concat(std::vector<std::string> first, const std::vector<std::string>& rest);

} // namespace onebook::test
