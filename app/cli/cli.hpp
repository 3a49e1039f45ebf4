// onebook-cli's small framework: the command table, the options each command accepts (read from
// its usage string and parsed with CLI11), the context a command runs in, exit codes.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/table.hpp"
#include "onebook/error.hpp"
#include "onebook/plugin_host.hpp"
#include "onebook/utf8.hpp"

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onebook::core {
struct DuesPeriod;
}

namespace onebook::cli {

/// Exit codes (documented in --help and the man page).
constexpr int exit_ok = 0;
constexpr int exit_error = 1;         ///< a data or archive error (bad value, missing file, refused change)
constexpr int exit_usage = 2;         ///< the command line is wrong (unknown option, bad choice, extra argument)
constexpr int exit_problems = 3;      ///< check/verify with --exit-code found problems (as `git diff --exit-code`)
constexpr int exit_interrupted = 130; ///< stopped by Ctrl-C (128 + SIGINT), nothing half-written left behind

/// A command-line mistake (exit 2): the same message key + parameters as core::Error.
class UsageError : public core::Error {
public:
    using core::Error::Error;
};

/// Parsed arguments after the command words: positionals, --key value options, --flags.
class Args {
public:
    Args() = default;
    /// The old hand parser, kept for code that builds Args from words (tests, scripts).
    /// `flags` lists the options that take no value.
    Args(const std::vector<std::string>& words, const std::vector<std::string>& flags);

    const std::vector<std::string>& positional() const { return m_positional; }
    std::string positional(std::size_t i) const { return i < m_positional.size() ? m_positional[i] : std::string(); }
    bool has(const std::string& name) const;
    /// The last value given (an option may be repeated; all() has every one).
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    std::vector<std::string> all(const std::string& name) const;
    /// The option's value or a UsageError saying it is required.
    std::string require(const std::string& name) const;

    // Filled by the parser.
    void add(const std::string& name, const std::string& value) { m_options[name].push_back(value); }
    void set(const std::string& name, std::vector<std::string> values) { m_options[name] = std::move(values); }
    void add_positional(const std::string& value) { m_positional.push_back(value); }
    /// Names the command declared (usage + globals); reads of others are reported by ONEBOOK_CLI_AUDIT=1.
    void declare(std::vector<std::string> names) { m_declared = std::move(names); }

private:
    void audit(const std::string& name) const;
    std::vector<std::string> m_positional;
    std::map<std::string, std::vector<std::string>> m_options;
    std::vector<std::string> m_declared;
};

class Context {
public:
    Context(std::vector<std::string> words, std::ostream& out, std::ostream& err);
    /// Already parsed (what main() uses).
    Context(Args args, std::ostream& out, std::ostream& err);
    ~Context();

    /// Re-parses the words after the command with the command's flag list (old entry point).
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
    /// --format (table when not given).
    std::string format() const { return args().get("format", "table"); }
    bool json() const { return format() == "json"; }

private:
    std::vector<std::string> m_words;
    std::unique_ptr<Args> m_args;
    std::unique_ptr<core::PluginHost> m_plugins;
    std::optional<core::Archive> m_archive;
};

/// One command. The usage string IS the option declaration: `--opt VALUE` or `[--opt VALUE]` take a
/// value, `[--flag]` (or a name in `flags`) takes none, `--opt a|b|c` accepts only those values
/// (unless one alternative has `…`), `…`/`...` after an option or a positional lets it repeat, other
/// words are positionals (`ID`, `[FILE]`, `VALUE…`). Global options need not be listed.
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
/// Adds `path` as another name of the command already added at `of` (same usage, flags and
/// action); `summary` is its own msgid ("同 …") so that the catalogue keeps it.
void add_alias(std::vector<std::string> path, const std::vector<std::string>& of, std::string summary);

/// Parses argv (without argv[0]) and runs the command; returns the exit code. Prints help,
/// --version, usage errors (with a suggestion), and errors (as JSON on stderr with --format json).
int run_main(const std::vector<std::string>& words, const std::string& version);

/// True once Ctrl-C was pressed: long work stops at its next step (SQLite statements stop by
/// themselves), the command's outputs are discarded, and onebook-cli exits 130.
bool interrupted();
/// Throws when interrupted(): call between the steps of a long job.
void check_interrupted();

// Output helpers.
/// Display width in terminal columns (CJK wide characters count 2).
using core::display_width;
/// Left-aligned table with a header row, columns padded to their widest cell.
void print_table(std::ostream& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// The date given for --name, checked by core::require_date (one message naming the option and
/// the value); `fallback` when the option is absent or empty, a usage error when there is none.
core::Date date_option(const Args& a, const std::string& name, std::optional<core::Date> fallback = std::nullopt);
/// The date given for --name, or nullopt when it is absent or empty.
std::optional<core::Date> optional_date_option(const Args& a, const std::string& name);

// Lists (table_output.cpp): every list command takes [--format table|json|csv|xlsx] [--out FILE].
/// The usage text of those two options, for the commands' usage strings.
inline constexpr const char* table_options = "[--format table|json|csv|xlsx|pdf] [--out FILE]";
/// Renders `tables` in the command's --format to --out FILE (- or absent: stdout); the format
/// follows the file's extension when --format is not given. Headers are translated here.
int emit_tables(Context& ctx, const std::vector<archive::Table>& tables);
/// True when the command prints to the terminal as text (where a report may say more than its tables).
bool wants_report(const Context& ctx);
archive::Translator table_translator();

// Option values (cli.cpp): each kind has one parser and one message naming the option and the value.
/// `value` given for --option as an integer, or a data error.
int int_value(const std::string& option, const std::string& value);
/// `value` given for --option as a decimal number, or a data error.
double number_value(const std::string& option, const std::string& value);
/// --name as an integer; `fallback` when the option is absent or empty.
int int_option(const Args& a, const std::string& name, int fallback);
/// --name (required) as a head count: a non-negative integer.
int count_option(const Args& a, const std::string& name);
/// A year given for --year, 1921–2200, or a data error (the one message for a bad year).
int year_value(const std::string& value);
/// --year, checked; `fallback` when absent or empty.
int year_option(const Args& a, int fallback);
/// --year, checked; this year when absent or empty.
int year_option(const Args& a);
/// The organisation in the archive with this uid or name; Error naming it when there is none.
core::Organisation organisation_option(core::Archive& archive, const std::string& key);
/// The one line `dues set` and `dues sum` print for a half-year's totals: `message` (translated)
/// with {period}, {due}, {paid} and {amount} filled in from `p` (cmd_board.cpp).
std::string dues_summary(const std::string& message, const core::DuesPeriod& p);

// Modules' registration functions (one per app/cli/cmd_*.cpp).
void register_foundation_commands();
void register_demo_command();
void register_records_commands();      // records, plan, rules check
void register_assess_commands();       // rubrics, assessments
void register_rectify_commands();      // rectification items
void register_board_commands();        // public boards (PDF)
void register_book_commands();         // book, documents, verify, catalogue
void register_packages_commands();     // search, package, summary
void register_word_commands();         // Word documents: minutes, ledger, rule texts
void register_history_commands();      // history, undo, recycle bin, backups
void register_committee_commands();    // committee terms, records-start date
void register_members_life_commands(); // recruitment pipeline, transfers, status changes
/// The 发展党员 items due or late on `today`, as a section of the check report (nothing when none).
void print_recruitment_due(Context& ctx, const core::Date& today);
/// A roster member by id or unique name (departed members too: history names them).
core::Member member_arg(Context& ctx, const std::string& key);
void register_member_dues_commands(); // dues per member, 党内统计
void register_inservice_commands();   // 一卡一簿一单 for in-service members
void register_identity_commands();    // a branch's identity: identity show|renew|rekey
void register_grading_commands();     // the superior after the grades: 公示 objections, 帮扶, 备案, 较差状况明细表
void register_results_commands();     // results sent back down: package results (cmd_results.cpp)
/// package export --results, and package import/verify of a results package (cmd_results.cpp).
int cmd_results_export(Context& ctx);
int cmd_results_import(Context& ctx, const std::string& file, bool dry_run);
/// A document's 篇目, 题名, 年度, 保管期限, 责任者, 文号, 日期, 页数, 密级, 备注 from the doc options;
/// `editing` keeps what is not given.
void fill_document_meta(const Args& a, archive::DocumentMeta& m, bool editing);
void register_member_documents_commands(); // 档号 filing of 发展党员 and transfer documents

} // namespace onebook::cli
