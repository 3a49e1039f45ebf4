// onebook-cli's small framework: arguments, the command table, and the context a command runs in.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/table.hpp"
#include "onebook/plugin_host.hpp"

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onebook::cli {

/// Parsed arguments after the command words: positionals, --key value options, --flags.
class Args {
public:
    /// `flags` lists the options that take no value.
    Args(const std::vector<std::string>& words, const std::vector<std::string>& flags);

    const std::vector<std::string>& positional() const { return m_positional; }
    std::string positional(std::size_t i) const { return i < m_positional.size() ? m_positional[i] : std::string(); }
    bool has(const std::string& name) const { return m_options.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    std::vector<std::string> all(const std::string& name) const;
    /// The option's value or an Error saying it is required.
    std::string require(const std::string& name) const;

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::vector<std::string>> m_options;
};

class Context {
public:
    Context(std::vector<std::string> words, std::ostream& out, std::ostream& err);
    ~Context();

    /// Re-parses the words after the command with the command's flag list.
    void parse(const std::vector<std::string>& flags);
    const Args& args() const { return *m_args; }
    const std::vector<std::string>& words() const { return m_words; }
    std::ostream& out;
    std::ostream& err;

    /// Plugins, loaded on first use (honours --no-plugins: built-in folders only).
    core::PluginHost& plugins();
    /// The archive of --archive FILE or ONEBOOK_ARCHIVE, opened on first use.
    core::Archive& archive();
    std::string archive_path() const;
    bool json() const { return args().get("format") == "json"; }

private:
    std::vector<std::string> m_words;
    std::unique_ptr<Args> m_args;
    std::unique_ptr<core::PluginHost> m_plugins;
    std::optional<core::Archive> m_archive;
};

struct Command {
    std::vector<std::string> path; ///< e.g. {"member", "add"}
    std::string usage;             ///< arguments, as shown in help
    std::string summary;           ///< Simplified Chinese msgid
    std::vector<std::string> flags;
    std::function<int(Context&)> run;
};

/// Every module adds its commands here (see main.cpp).
std::vector<Command>& commands();
void add_command(Command c);

// Output helpers.
/// Display width in terminal columns (CJK wide characters count 2).
int display_width(const std::string& utf8);
/// Left-aligned table with a header row, columns padded to their widest cell.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
/// JSON string literal.
std::string json_quote(const std::string& s);

// Lists (table_output.cpp): every list command takes [--format table|json|csv|xlsx] [--out FILE].
/// The usage text of those two options, for the commands' usage strings.
inline constexpr const char* table_options = "[--format table|json|csv|xlsx] [--out FILE]";
/// Renders `tables` in the command's --format to --out FILE (- or absent: stdout); the format
/// follows the file's extension when --format is not given. Headers are translated here.
int emit_tables(Context& ctx, const std::vector<archive::Table>& tables);
/// True when the command prints to the terminal as text (where a report may say more than its tables).
bool wants_report(const Context& ctx);
archive::Translator table_translator();

// Modules' registration functions (one per app/cli/cmd_*.cpp).
void register_foundation_commands();
void register_demo_command();
void register_records_commands(); // issue 3 (records, plan, rules check)
void register_assess_commands(); // issue 3 (rubrics, assessments)
void register_rectify_commands(); // issue 4
void register_board_commands();   // issue 4
void register_book_commands();    // issue 5 (book, documents, verify, catalogue)
void register_packages_commands(); // issue 5 (search, package, summary)
void register_word_commands();     // Word documents: minutes, ledger, rule texts
void register_history_commands();  // history, undo, recycle bin, backups
void register_committee_commands(); // committee terms, records-start date
void register_members_life_commands(); // recruitment pipeline, transfers, status changes
/// The 发展党员 items due or late on `today`, as a section of the check report (nothing when none).
void print_recruitment_due(Context& ctx, const core::Date& today);
void register_identity_commands(); // a branch's identity: identity show|renew|rekey

} // namespace onebook::cli
