// Helpers shared by the test suites: scratch folders, sample archives, running the CLI.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/plugin_host.hpp"
#include "run_tool.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace onebook::test {

/// A fresh empty folder under the system temp dir, removed when the object dies.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& tag = "onebook");
    ~ScratchDir();
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// A new archive for a community branch at `path`.
core::Archive make_archive(const std::filesystem::path& path, const std::string& sector = "community",
                           const std::string& name = "测试社区党支部");

/// Whether `needle` occurs in `haystack` (a program's output, a message, a file's text).
inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string read_file(const std::filesystem::path& p);
/// Runs SQL on an archive file behind the archive's back (a corrupted or foreign file for the
/// tests of what the archive refuses); throws std::runtime_error with SQLite's message.
void exec_sql(const std::filesystem::path& file, const std::string& sql);
void write_file(const std::filesystem::path& p, const std::string& bytes);

/// Path of a built executable in <build>/bin.
std::filesystem::path bin(const std::string& name);
std::filesystem::path fixtures();

/// The sector plugins of the build tree, loaded once per test process (ONEBOOK_PLUGIN_PATH is
/// cleared by CTest, so exactly the five shipped sectors).
const core::PluginHost& sector_plugins();
std::filesystem::path source_dir();

/// A rectification item's history, one line per change: "2025-03-05 open → in_progress 支委会研究部署"
/// ("-" for the creation's from), as compared before and after a migration or a package.
std::vector<std::string> rectification_lines(core::Archive& archive, core::Id organisation, core::Id item);

/// Runs a POSIX shell command line (/bin/sh -c) for the suites that test the command line through
/// the shell and are built for Linux only; everything else uses run_tool(). Returns the exit status.
int run(const std::string& command, std::string* out = nullptr, std::string* err = nullptr);

} // namespace onebook::test
