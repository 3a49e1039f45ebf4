#include "cli.hpp"

#include "onebook/atomic_file.hpp"
#include "onebook/backup.hpp"

#include "i18n.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/db.hpp"
#include "onebook/error.hpp"
#include "onebook/json_text.hpp"
#include "onebook/platform.hpp"
#include "plugin_i18n.hpp"

#include <CLI/CLI.hpp>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <type_traits>

namespace fs = std::filesystem;

namespace onebook::cli {

// ---- Args ------------------------------------------------------------------------------------

Args::Args(const std::vector<std::string>& words, const std::vector<std::string>& flags) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w.size() > 2 && w.rfind("--", 0) == 0) {
            std::string name = w.substr(2), value;
            auto eq = name.find('=');
            if (eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (std::find(flags.begin(), flags.end(), name) == flags.end()) {
                if (i + 1 >= words.size()) throw UsageError(OB_N("选项 --{option} 需要一个值"), {{"option", name}});
                value = words[++i];
            }
            m_options[name].push_back(value);
        } else {
            m_positional.push_back(w);
        }
    }
}

void Args::audit(const std::string& name) const {
    // A read of an option the usage string does not declare can never be given on the command line.
    if (m_declared.empty() || std::find(m_declared.begin(), m_declared.end(), name) != m_declared.end()) return;
    // ONEBOOK_CLI_AUDIT=1 reports on stderr, ONEBOOK_CLI_AUDIT=/some/file appends there (for a test run).
    const char* v = std::getenv("ONEBOOK_CLI_AUDIT");
    if (!v || !*v || std::string(v) == "0") return;
    std::string line = "onebook-cli: the command reads --" + name + " but its usage string does not declare it\n";
    if (std::string(v).find('/') != std::string::npos) std::ofstream(v, std::ios::app) << line;
    else std::cerr << line;
}

bool Args::has(const std::string& name) const {
    audit(name);
    return m_options.count(name) > 0;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    audit(name);
    auto it = m_options.find(name);
    return it == m_options.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
    audit(name);
    auto it = m_options.find(name);
    return it == m_options.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::require(const std::string& name) const {
    if (!has(name)) throw UsageError(OB_N("缺少必需的选项 --{option}"), {{"option", name}});
    return get(name);
}

// ---- Context ---------------------------------------------------------------------------------

Context::Context(std::vector<std::string> words, std::ostream& o, std::ostream& e) : out(o), err(e), m_words(std::move(words)) {}

Context::Context(Args args, std::ostream& o, std::ostream& e) : out(o), err(e), m_args(std::make_unique<Args>(std::move(args))) {}

Context::~Context() = default;

void Context::parse(const std::vector<std::string>& flags) {
    auto all_flags = flags;
    all_flags.push_back("no-plugins");
    all_flags.push_back("help");
    m_args = std::make_unique<Args>(m_words, all_flags);
}

core::PluginHost& Context::plugins() {
    if (!m_plugins) {
        m_plugins = std::make_unique<core::PluginHost>();
        // Safe mode (--no-plugins): only the plugins that ship with OneBook (build or install tree).
        m_plugins->load_all(args().has("no-plugins") ? core::PluginScope::ShippedOnly : core::PluginScope::All);
        // In English, rule descriptions, field labels and rubric texts come from each plugin's locale/en.json,
        // read as the command loads the plugin (a board of one sector reads one catalogue, not five); a broken
        // catalogue leaves that plugin's data in Chinese and says so, the command still runs.
        if (app::current_language() == app::UiLanguage::English)
            m_plugins->on_load([this](const core::LoadedPlugin& p) {
                try {
                    app::add_plugin_messages(p);
                } catch (const core::Error& e) { err << app::describe(e) << "\n"; }
            });
    }
    return *m_plugins;
}

std::string Context::archive_path() const {
    std::string p = args().get("archive");
    if (p.empty())
        if (const char* env = std::getenv("ONEBOOK_ARCHIVE")) p = env;
    return p;
}

core::Archive& Context::archive() {
    if (!m_archive) {
        std::string p = archive_path();
        if (p.empty()) throw core::Error(OB_N("请用 --archive 文件 或环境变量 ONEBOOK_ARCHIVE 指定档案"));
        m_archive.emplace(core::Archive::open(p));
        // Read-only, copied archive, no key on this machine…: said once, on stderr.
        for (const auto& n : m_archive->notices()) err << app::tr(n) << "\n";
        auto repaired = archive::recover_after_crash(*m_archive);
        if (repaired.leftovers + repaired.unreferenced > 0)
            err << core::substitute(app::tr("上次未正常关闭：已清理文件库中中断的操作留下的 {count} 个文件"),
                                    {{"count", std::to_string(repaired.leftovers + repaired.unreferenced)}})
                << "\n";
        // Whom the journal records: --by, else ONEBOOK_USER, else the OS user.
        std::string by = args().get("by");
        if (by.empty())
            if (const char* env = std::getenv("ONEBOOK_USER")) by = env;
        m_archive->set_actor(by);
        // The day's first use keeps a copy; a failed backup must not stop the work, but is said.
        if (!std::getenv("ONEBOOK_NO_AUTO_BACKUP") && !m_archive->read_only()) {
            try {
                core::Backups(*m_archive).auto_backup_if_due();
            } catch (const core::Error& e) { err << app::tr(e.message()) << "\n"; }
        }
    }
    return *m_archive;
}

std::vector<Command>& commands() {
    static std::vector<Command> all;
    return all;
}

void add_command(Command c) { commands().push_back(std::move(c)); }

void add_alias(std::vector<std::string> path, const std::vector<std::string>& of, std::string summary) {
    auto& all = commands();
    auto it = std::find_if(all.begin(), all.end(), [&](const Command& c) { return c.path == of; });
    if (it == all.end()) throw std::logic_error("alias of a command not added yet: " + of.back());
    Command alias = *it;
    alias.path = std::move(path);
    alias.summary = std::move(summary);
    all.push_back(std::move(alias));
}

// ---- Interrupts --------------------------------------------------------------------------------

namespace {
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_sigint(int) {
    if (g_interrupted) {
        // The second Ctrl-C: the user insists. Leave the way the default action would.
        std::signal(SIGINT, SIG_DFL);
        std::raise(SIGINT);
        return;
    }
    g_interrupted = 1;
    core::request_interrupt(); // running SQLite statements stop; their transactions roll back
}
} // namespace

bool interrupted() { return g_interrupted != 0; }

void check_interrupted() {
    if (interrupted()) throw core::Error(OB_N("已中断"));
}

// ---- Usage strings → option declarations -------------------------------------------------------

namespace {

struct OptionSpec {
    std::string name;
    bool takes_value = true;
    std::string placeholder;
    std::vector<std::string> choices; ///< enforced alternatives (empty: any value)
    bool repeats = false;
};

struct UsageSpec {
    std::vector<OptionSpec> options;
    std::vector<std::string> positionals;
    bool more_positionals = false; ///< the last positional repeats

    const OptionSpec* find(const std::string& name) const {
        for (const auto& o : options)
            if (o.name == name) return &o;
        return nullptr;
    }
};

const std::vector<OptionSpec>& global_options() {
    static const std::vector<OptionSpec> g = {
        {"archive", true, "FILE", {}, false}, {"format", true, "table|json|csv", {}, false},
        {"no-plugins", false, "", {}, false}, {"lang", true, "zh_CN|en", {}, false},
        {"by", true, "NAME", {}, false},
    };
    return g;
}

bool is_global(const std::string& name) {
    for (const auto& g : global_options())
        if (g.name == name) return true;
    return false;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool has_ellipsis(const std::string& s) { return s.find("…") != std::string::npos || s.find("...") != std::string::npos; }

bool is_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(cur);
    return parts;
}

/// Strips grouping brackets; tells whether the token closed a group and whether it repeats.
std::string bare(const std::string& token, bool* closes = nullptr, bool* repeats = nullptr) {
    std::string t = token;
    while (!t.empty() && (t.front() == '[' || t.front() == '(')) t.erase(0, 1);
    bool closed = false, rep = false;
    for (bool changed = true; changed && !t.empty();) {
        changed = false;
        if (t.back() == ']' || t.back() == ')') {
            t.pop_back();
            closed = changed = true;
        } else if (ends_with(t, "…")) {
            t.erase(t.size() - std::string("…").size());
            rep = changed = true;
        } else if (ends_with(t, "...")) {
            t.erase(t.size() - 3);
            rep = changed = true;
        }
    }
    if (closes) *closes = closed;
    if (repeats) *repeats = rep;
    return t;
}

UsageSpec parse_usage(const std::string& usage, const std::vector<std::string>& flags) {
    UsageSpec spec;
    std::vector<std::string> tokens;
    {
        std::istringstream in(usage);
        for (std::string t; in >> t;) tokens.push_back(t);
    }
    auto starts_option = [](const std::string& t) { return bare(t).rfind("-", 0) == 0 && bare(t).size() > 1; };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& raw = tokens[i];
        bool closes = false, repeats = false;
        std::string t = bare(raw, &closes, &repeats);
        if (t.empty() || t == "|") {
            // "…" alone, or after a closing bracket: the previous item repeats.
            if (repeats) {
                if (!spec.options.empty() && (spec.positionals.empty() || i > 0)) spec.options.back().repeats = true;
            }
            continue;
        }
        if (t.rfind("--", 0) == 0) {
            OptionSpec o;
            o.name = t.substr(2);
            auto eq = o.name.find('=');
            if (eq != std::string::npos) {
                o.placeholder = o.name.substr(eq + 1);
                o.name = o.name.substr(0, eq);
            }
            bool flag = std::find(flags.begin(), flags.end(), o.name) != flags.end();
            if (flag || closes || eq != std::string::npos || i + 1 >= tokens.size() || starts_option(tokens[i + 1]) ||
                bare(tokens[i + 1]) == "|" || tokens[i + 1].front() == '[' || tokens[i + 1].front() == '(') {
                o.takes_value = !flag && eq != std::string::npos;
                o.repeats = repeats;
            } else {
                bool value_closes = false, value_repeats = false;
                o.placeholder = bare(tokens[++i], &value_closes, &value_repeats);
                o.repeats = value_repeats;
                // "--present a,b | all": more alternatives of the same value, inside the same group.
                // ("(--out FILE.zip | FILE.zip)": an upper-case placeholder after "|" is a positional.)
                while (!value_closes && i + 2 < tokens.size() && tokens[i + 1] == "|" && !starts_option(tokens[i + 2]) &&
                       !std::isupper(static_cast<unsigned char>(bare(tokens[i + 2]).front()))) {
                    o.placeholder += "|" + bare(tokens[i + 2], &value_closes, &value_repeats);
                    i += 2;
                }
            }
            const std::string& p = o.placeholder;
            if (o.takes_value && p.find('|') != std::string::npos && p.find(',') == std::string::npos && !has_ellipsis(p) &&
                p.find('[') == std::string::npos) {
                auto alts = split(p, '|');
                if (std::all_of(alts.begin(), alts.end(), [](const std::string& a) { return !a.empty() && is_ascii(a); }))
                    o.choices = alts;
            }
            if (o.name == "format" && o.takes_value) o.choices = split(p, '|');
            if (!spec.find(o.name)) spec.options.push_back(o);
            else if (o.repeats) {
                for (auto& x : spec.options)
                    if (x.name == o.name) x.repeats = true;
            }
        } else {
            spec.positionals.push_back(t);
            if (repeats) spec.more_positionals = true;
        }
    }
    for (const auto& f : flags)
        if (!spec.find(f)) spec.options.push_back({f, false, "", {}, false});
    return spec;
}

/// Formats a command accepts: always table, plus those its usage lists.
std::vector<std::string> formats_of(const UsageSpec& spec) {
    std::vector<std::string> f = {"table"};
    if (const auto* o = spec.find("format"))
        for (const auto& c : o->choices)
            if (std::find(f.begin(), f.end(), c) == f.end()) f.push_back(c);
    return f;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t sub =
                prev[j - 1] +
                (std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1])) ? 0
                                                                                                                          : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// The closest candidate, when it is close enough to be what the user meant.
std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::string::npos;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (c.rfind(word, 0) == 0 && word.size() >= 2) d = std::min<std::size_t>(d, 1); // a prefix of it
        if (d < best_d) best_d = d, best = c;
    }
    std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    return best_d <= limit ? best : std::string();
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// ---- The command tree ------------------------------------------------------------------------

struct Node {
    std::string name;
    std::vector<std::string> path;
    const Command* command = nullptr; ///< null for a group only
    std::vector<std::unique_ptr<Node>> children;
    CLI::App* app = nullptr;
    std::map<std::string, CLI::Option*> options; ///< by name (command's and globals)
    std::vector<CLI::Option*> positionals;       ///< one per positional of the usage; the last may repeat
    CLI::Option* help = nullptr;

    Node* child(const std::string& n) {
        for (auto& c : children)
            if (c->name == n) return c.get();
        return nullptr;
    }
    std::string path_text() const { return join(path, " "); }
    /// The command's usage, parsed when first asked: `--help` and a single command need few of them.
    const UsageSpec& spec() const {
        if (command && !spec_) spec_ = parse_usage(command->usage, command->flags);
        return spec_ ? *spec_ : no_spec_;
    }

private:
    mutable std::optional<UsageSpec> spec_;
    inline static const UsageSpec no_spec_{};
};

void declare(Node& node, const OptionSpec& o) {
    if (node.options.count(o.name)) return;
    CLI::Option* opt =
        o.takes_value ? node.app->add_option("--" + o.name)->type_size(1)->expected(1) : node.app->add_flag("--" + o.name);
    opt->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    node.options[o.name] = opt;
}

// Declares the node's options in CLI11, and its children's when their name is among `words` (the
// command line's words): a command not named on the line can never be parsed, and declaring the
// options of all the others cost more than the rest of a short command's start-up. Gathers in
// `takes_value` the name of every option it declared that takes a value (for joining "--points -1").
void build(Node& node, const std::set<std::string>& words, std::set<std::string>& takes_value) {
    node.app->allow_extras(true);
    node.app->set_help_flag();
    node.help = node.app->add_flag("-h,--help");
    for (const auto& g : global_options()) {
        declare(node, g);
        if (g.takes_value) takes_value.insert(g.name);
    }
    if (node.command) {
        for (const auto& o : node.spec().options) {
            if (!is_global(o.name)) declare(node, o);
            if (o.takes_value) takes_value.insert(o.name);
        }
        // One CLI11 positional each (optional: the command says what is missing); the last takes
        // every remaining word when the usage says it repeats ("TEXT…").
        std::size_t n = node.spec().positionals.size();
        for (std::size_t i = 0; i < n; ++i) {
            auto* p = node.app->add_option("arg" + std::to_string(i))->type_size(1);
            if (i + 1 == n && node.spec().more_positionals)
                p->expected(1, CLI::detail::expected_max_vector_size)->allow_extra_args(true);
            else p->expected(1);
            p->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
            node.positionals.push_back(p);
        }
    }
    for (auto& c : node.children) {
        c->app = node.app->add_subcommand(c->name, "");
        if (words.count(c->name)) build(*c, words, takes_value);
    }
}

std::unique_ptr<Node> make_tree() {
    auto root = std::make_unique<Node>();
    root->name = "onebook-cli";
    for (const auto& c : commands()) {
        Node* n = root.get();
        for (const auto& w : c.path) {
            Node* next = n->child(w);
            if (!next) {
                n->children.push_back(std::make_unique<Node>());
                next = n->children.back().get();
                next->name = w;
                next->path = n->path;
                next->path.push_back(w);
            }
            n = next;
        }
        if (!n->command) n->command = &c;
    }
    return root;
}

// ---- Help ------------------------------------------------------------------------------------

std::string command_line(const Node& n) {
    std::string s = "onebook-cli " + n.path_text();
    if (n.command && !n.command->usage.empty()) s += " " + n.command->usage;
    return s;
}

void collect_commands(const Node& n, std::vector<const Node*>& out) {
    if (n.command) out.push_back(&n);
    for (const auto& c : n.children) collect_commands(*c, out);
}

void print_globals(std::ostream& out) {
    out << _("通用选项（可写在命令前后任何位置）") << ":\n"
        << "  --archive FILE         " << _("要操作的档案（也可用环境变量 ONEBOOK_ARCHIVE）") << "\n"
        << "  --format table|json|csv " << _("输出格式（命令支持时）；json 时错误也以 JSON 写到标准错误") << "\n"
        << "  --no-plugins           " << _("安全模式：只加载随程序安装的插件，忽略 ONEBOOK_PLUGIN_PATH") << "\n"
        << "  --lang zh_CN|en        " << _("界面语言（默认随 ONEBOOK_LANG 或系统区域设置）") << "\n"
        << "  --by NAME              " << _("操作人（记入考核、说明等的留痕）") << "\n"
        << "  --out -                " << _("对所有 --out 选项：- 表示写到标准输出") << "\n"
        << "  -h, --help             " << _("显示帮助（每个命令和命令组都有）") << "\n"
        << "  --version              " << _("显示版本") << "\n";
}

void print_exit_codes(std::ostream& out) {
    out << _("退出码") << ":\n"
        << "  0    " << _("成功") << "\n"
        << "  1    " << _("数据或档案错误（值无效、文件缺失、修改被拒绝）") << "\n"
        << "  2    " << _("用法错误（未知命令或选项、不支持的值、多余的参数）") << "\n"
        << "  3    " << _("check、verify、package verify 加 --exit-code 时发现了问题") << "\n"
        << "  130  " << _("被 Ctrl-C 中断（不留下不完整的输出文件）") << "\n";
}

void print_root_help(const Node& root, std::ostream& out) {
    out << "onebook-cli — " << _("党建一本通 命令行工具") << "\n\n";
    out << _("用法") << ": onebook-cli [" << _("通用选项") << "] " << _("命令") << " [" << _("参数") << "]\n\n";
    out << _("命令") << ":\n";
    std::vector<const Node*> all;
    collect_commands(root, all);
    for (const Node* n : all) out << "  " << command_line(*n).substr(12) << "\n      " << _(n->command->summary) << "\n";
    out << "  completion bash|zsh\n      " << _("命令行工具的命令补全脚本（bash 或 zsh）") << "\n\n";
    print_globals(out);
    out << "\n";
    print_exit_codes(out);
    out << "\n"
        << _("环境变量") << ":\n"
        << "  ONEBOOK_ARCHIVE   " << _("默认档案") << "\n"
        << "  ONEBOOK_LANG      " << _("界面语言：zh_CN 或 en（否则随 LANG）") << "\n"
        << "  ONEBOOK_PLUGIN_PATH " << _("额外的插件目录（冒号分隔）") << "\n"
        << "  NO_COLOR          " << _("不使用彩色输出") << "\n";
    out << "\n" << _("每个命令的详细说明：onebook-cli 命令 --help") << "\n";
}

void print_group_help(const Node& n, std::ostream& out) {
    out << _("用法") << ": onebook-cli " << n.path_text() << " " << _("命令") << " [" << _("参数") << "]\n";
    if (n.command) out << "       " << command_line(n) << "\n      " << _(n.command->summary) << "\n";
    out << "\n" << _("命令") << ":\n";
    std::vector<const Node*> all;
    for (const auto& c : n.children) collect_commands(*c, all);
    for (const Node* c : all) out << "  " << command_line(*c).substr(12) << "\n      " << _(c->command->summary) << "\n";
    out << "\n";
    print_globals(out);
}

void print_command_help(const Node& n, std::ostream& out) {
    out << _("用法") << ": " << command_line(n) << "\n\n  " << _(n.command->summary) << "\n\n";
    if (!n.spec().options.empty()) {
        out << _("选项") << ":\n";
        for (const auto& o : n.spec().options) {
            std::string left = "  --" + o.name + (o.takes_value ? " " + (o.placeholder.empty() ? "VALUE" : o.placeholder) : "");
            out << left;
            std::vector<std::string> notes;
            if (!o.choices.empty() && o.name != "format") notes.push_back(_("可选值") + ": " + join(o.choices, ", "));
            if (o.repeats) notes.push_back(_("可重复"));
            if (o.name == "out") notes.push_back(_("- 表示标准输出"));
            if (o.name == "exit-code") notes.push_back(_("发现问题时退出码为 3"));
            if (!notes.empty())
                out << std::string(static_cast<std::size_t>(std::max(2, 34 - display_width(left))), ' ') << join(notes, "；");
            out << "\n";
        }
        out << "\n";
    }
    if (!n.children.empty()) {
        out << _("子命令") << ":\n";
        for (const auto& c : n.children)
            if (c->command) out << "  " << command_line(*c).substr(12) << "\n      " << _(c->command->summary) << "\n";
        out << "\n";
    }
    out << _("--format 可用") << ": " << join(formats_of(n.spec()), ", ") << "\n\n";
    print_globals(out);
    out << "\n";
    print_exit_codes(out);
}

// ---- Completion scripts (generated from the tree) ----------------------------------------------

void walk(const Node& n, const std::function<void(const Node&)>& f) {
    f(n);
    for (const auto& c : n.children) walk(*c, f);
}

std::string node_words(const Node& n) {
    std::vector<std::string> w;
    for (const auto& c : n.children) w.push_back(c->name);
    for (const auto& o : n.spec().options)
        if (!is_global(o.name)) w.push_back("--" + o.name);
    for (const auto& g : global_options()) w.push_back("--" + g.name);
    w.push_back("--help");
    if (n.path.empty()) w.push_back("--version");
    return join(w, " ");
}

std::string value_words(const Node& n) {
    // "opt=choice1 choice2" lines for options with fixed values; "opt=@file" for file-like values.
    std::string s;
    auto add = [&](const OptionSpec& o) {
        if (!o.takes_value) return;
        std::string words;
        if (!o.choices.empty()) words = join(o.choices, " ");
        else if (o.name == "format") words = "table json csv";
        else if (o.name == "lang") words = "zh_CN en";
        else if (o.placeholder.find("FILE") != std::string::npos || o.name == "archive") words = "@file";
        else if (o.placeholder.find("FOLDER") != std::string::npos || o.placeholder.find("DIR") != std::string::npos)
            words = "@dir";
        else words = "@none";
        s += "      --" + o.name + ") _onebook_values '" + words + "'; return;;\n";
    };
    for (const auto& o : n.spec().options)
        if (!is_global(o.name)) add(o);
    return s;
}

std::string children_words(const Node& n) {
    std::vector<std::string> kids;
    for (const auto& c : n.children) kids.push_back(c->name);
    return join(kids, " ");
}

/// A shell function `name` that echoes words(command path) for its one argument, the command path
/// (bash and zsh completion share it: the syntax is the same).
void print_lookup_function(const Node& root, std::ostream& out, const std::string& name,
                           const std::function<std::string(const Node&)>& words) {
    out << name << "() {\n  case \"$1\" in\n";
    walk(root, [&](const Node& n) {
        std::string w = words(n);
        if (!w.empty()) out << "    \"" << n.path_text() << "\") echo '" << w << "';;\n";
    });
    out << "  esac\n}\n";
}

void print_bash_completion(const Node& root, std::ostream& out) {
    out << "# bash completion for onebook-cli (generated by `onebook-cli completion bash`)\n"
           "_onebook_values() {\n"
           "  case \"$1\" in\n"
           "    @file) COMPREPLY=($(compgen -f -- \"$cur\"));;\n"
           "    @dir) COMPREPLY=($(compgen -d -- \"$cur\"));;\n"
           "    @none) COMPREPLY=();;\n"
           "    *) COMPREPLY=($(compgen -W \"$1\" -- \"$cur\"));;\n"
           "  esac\n"
           "}\n"
           "_onebook_cli() {\n"
           "  local cur prev path w i\n"
           "  cur=\"${COMP_WORDS[COMP_CWORD]}\"; prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
           "  case \"$prev\" in\n"
           "    --archive) _onebook_values @file; return;;\n"
           "    --format) _onebook_values 'table json csv xlsx'; return;;\n"
           "    --lang) _onebook_values 'zh_CN en'; return;;\n"
           "    --by) return;;\n"
           "  esac\n"
           "  path=\"\"\n"
           "  for ((i=1; i<COMP_CWORD; i++)); do\n"
           "    w=\"${COMP_WORDS[i]}\"\n"
           "    case \"$w\" in -*) continue;; esac\n"
           "    case \" $(_onebook_children \"$path\") \" in *\" $w \"*) path=\"${path:+$path }$w\";; esac\n"
           "  done\n"
           "  case \"$path\" in\n";
    walk(root, [&](const Node& n) {
        std::string values = value_words(n);
        if (!values.empty()) out << "    \"" << n.path_text() << "\")\n      case \"$prev\" in\n" << values << "      esac;;\n";
    });
    out << "  esac\n"
           "  case \"$cur\" in\n"
           "    -*) COMPREPLY=($(compgen -W \"$(_onebook_words \"$path\" | tr ' ' '\\n' | grep -- '^-')\" -- \"$cur\"));;\n"
           "    *) COMPREPLY=($(compgen -W \"$(_onebook_children \"$path\")\" -- \"$cur\"))\n"
           "       [ ${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- \"$cur\"));;\n"
           "  esac\n"
           "}\n";
    print_lookup_function(root, out, "_onebook_children", children_words);
    print_lookup_function(root, out, "_onebook_words", node_words);
    out << "complete -F _onebook_cli onebook-cli\n";
}

// Not "path": zsh ties that name to $PATH, so the function would clobber the command search path.
void print_zsh_completion(const Node& root, std::ostream& out) {
    out << "#compdef onebook-cli\n"
           "# zsh completion for onebook-cli (generated by `onebook-cli completion zsh`)\n"
           "_onebook_cli() {\n"
           "  local w cmd_path=\"\" i\n"
           "  for ((i=2; i<CURRENT; i++)); do\n"
           "    w=\"${words[i]}\"\n"
           "    [[ \"$w\" == -* ]] && continue\n"
           "    if [[ \" $(_onebook_cli_children \"$cmd_path\") \" == *\" $w \"* ]]; then cmd_path=\"${cmd_path:+$cmd_path }$w\"; fi\n"
           "  done\n"
           "  case \"${words[CURRENT-1]}\" in\n"
           "    --archive) _files; return;;\n"
           "    --format) compadd table json csv xlsx; return;;\n"
           "    --lang) compadd zh_CN en; return;;\n"
           "  esac\n"
           "  case \"$cmd_path\" in\n";
    walk(root, [&](const Node& n) {
        std::string cases;
        for (const auto& o : n.spec().options) {
            if (!o.takes_value || is_global(o.name)) continue;
            std::string action =
                !o.choices.empty()                                ? "compadd " + join(o.choices, " ")
                : o.placeholder.find("FILE") != std::string::npos ? "_files"
                : (o.placeholder.find("FOLDER") != std::string::npos || o.placeholder.find("DIR") != std::string::npos)
                    ? "_files -/"
                    : ":";
            cases += "      --" + o.name + ") " + action + "; return;;\n";
        }
        if (!cases.empty())
            out << "    \"" << n.path_text() << "\")\n      case \"${words[CURRENT-1]}\" in\n" << cases << "      esac;;\n";
    });
    out << "  esac\n"
           "  if [[ \"$PREFIX\" == -* ]]; then\n"
           "    compadd -- ${(z)\"$(_onebook_cli_words \"$cmd_path\")\"}\n"
           "  else\n"
           "    local kids=\"$(_onebook_cli_children \"$cmd_path\")\"\n"
           "    if [[ -n \"$kids\" ]]; then compadd -- ${(z)kids}; else _files; fi\n"
           "  fi\n"
           "}\n";
    print_lookup_function(root, out, "_onebook_cli_children", children_words);
    print_lookup_function(root, out, "_onebook_cli_words", [](const Node& n) {
        std::vector<std::string> opts;
        for (const auto& x : split(node_words(n), ' '))
            if (x.rfind("-", 0) == 0) opts.push_back(x);
        return join(opts, " ");
    });
    out << "_onebook_cli \"$@\"\n";
}

// ---- Running ---------------------------------------------------------------------------------

bool color_allowed(std::FILE* stream) {
    const char* nc = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return core::platform::is_terminal(stream) && !(nc && *nc) && !(term && std::string(term) == "dumb");
}

/// Shows that a long job is alive (title, spinner, seconds) on stderr, only when it is a terminal.
class Spinner {
public:
    explicit Spinner(std::string title) : m_title(std::move(title)) {
        const char* term = std::getenv("TERM");
        if (!core::platform::is_terminal(stderr) || (term && std::string(term) == "dumb")) return;
        m_color = color_allowed(stderr);
        m_thread = std::thread([this] { loop(); });
    }
    ~Spinner() { stop(); }
    void stop() {
        if (!m_thread.joinable()) return;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_cv.notify_all();
        m_thread.join();
        if (m_shown) std::cerr << "\r\033[K" << std::flush;
    }

private:
    void loop() {
        static const char* frames[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
        auto start = std::chrono::steady_clock::now();
        std::unique_lock<std::mutex> lock(m_mutex);
        for (int i = 0; !m_done; ++i) {
            m_cv.wait_for(lock, std::chrono::milliseconds(120));
            if (m_done) break;
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (s < 0.5) continue; // quick work shows nothing
            std::ostringstream line;
            line << "\r" << (m_color ? "\033[36m" : "") << frames[i % 10] << (m_color ? "\033[0m" : "") << " " << m_title << " "
                 << static_cast<int>(s) << " s  " << (interrupted() ? _("正在停止…") : _("Ctrl-C 可中断"));
            std::cerr << line.str() << "\033[K" << std::flush;
            m_shown = true;
        }
    }
    std::string m_title;
    bool m_color = false, m_done = false, m_shown = false;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::thread m_thread;
};

bool is_long_job(const std::vector<std::string>& path) {
    static const std::vector<std::vector<std::string>> jobs = {{"demo"},
                                                               {"book", "pdf"},
                                                               {"catalogue", "pdf"},
                                                               {"package", "export"},
                                                               {"package", "import"},
                                                               {"search", "rebuild"},
                                                               {"summary", "pdf"},
                                                               {"board", "make"},
                                                               {"backup"},
                                                               {"restore"},
                                                               {"verify"},
                                                               {"package", "verify"}};
    for (const auto& j : jobs)
        if (path.size() >= j.size() && std::equal(j.begin(), j.end(), path.begin())) return true;
    return false;
}

/// `--out FILE` is written under a temporary name beside FILE and only moved into place when the
/// command succeeded (an error or Ctrl-C leaves nothing); `--out -` goes to standard output.
class StagedOutput {
public:
    StagedOutput() = default;
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;
    void open(const std::string& target, const std::string& placeholder) {
        m_target = target;
        std::string ext = fs::path(placeholder).extension().string();
        if (ext.empty() || ext.size() > 6) ext = fs::path(target).extension().string();
        // The file keeps its name (a package names its folder after it), in a hidden folder beside
        // the target (same file system: the final rename is atomic) or in the temp folder for "-".
        fs::path t(target);
        if (target == "-") {
            fs::path dir = core::platform::make_temp_dir("onebook-out-");
            if (dir.empty()) throw core::Error(OB_N("无法创建临时目录"));
            m_tmpdir = core::platform::path_utf8(dir);
            m_staging = (fs::path(m_tmpdir) / ("onebook" + ext)).string();
        } else {
            m_tmpdir = (t.parent_path() / (".onebook-partial-" + std::to_string(core::platform::process_id()))).string();
            std::error_code ec;
            fs::create_directory(m_tmpdir, ec); // a missing parent folder is the command's error to report
            m_staging = (fs::path(m_tmpdir) / t.filename()).string();
        }
    }
    ~StagedOutput() { discard(); }
    bool active() const { return !m_staging.empty(); }
    bool to_stdout() const { return m_target == "-"; }
    const std::string& staging() const { return m_staging; }
    const std::string& target() const { return m_target; }

    /// Moves the output into place (or copies it to stdout). False when the command wrote nothing.
    void commit() {
        if (!active()) return;
        std::error_code ec;
        if (fs::exists(m_staging, ec)) {
            if (to_stdout()) {
                std::ifstream in(m_staging, std::ios::binary);
                std::cout << in.rdbuf();
                std::cout.flush();
            } else {
                fs::rename(m_staging, m_target, ec);
                if (ec)
                    throw core::Error(OB_N("无法写入 {file}：{reason}"), {{"file", m_target}, {"reason", ec.message()}},
                                      {m_target, {}, {}});
                core::sync_folder(fs::path(m_target).parent_path()); // the writers fsync'ed the file, this its name
            }
        }
        discard();
    }
    void discard() {
        std::error_code ec;
        if (!m_tmpdir.empty()) fs::remove_all(m_tmpdir, ec);
        m_staging.clear();
        m_tmpdir.clear();
    }

private:
    std::string m_target, m_staging, m_tmpdir;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

/// What the user sees for an error: text, or one JSON object on stderr with --format json.
void report_error(const std::string& text, const core::Error* e, int code, bool json, const StagedOutput& staged) {
    std::string message = replace_all(text, staged.staging(), staged.target());
    if (json) {
        auto err = core::json_object();
        err->set("code", code);
        err->set("message", message);
        if (e) {
            err->set("key", e->key());
            auto params = core::json_object();
            for (const auto& [k, v] : e->params()) params->set(k, replace_all(v, staged.staging(), staged.target()));
            err->set("params", params);
            if (!e->where().file.empty()) err->set("file", e->where().file);
            if (e->where().row) err->set("row", *e->where().row);
            if (!e->where().field.empty()) err->set("field", e->where().field);
        }
        Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
        root->set("error", err);
        core::write_json(std::cerr, root);
        std::cerr << "\n";
        return;
    }
    bool color = color_allowed(stderr);
    std::cerr << (color ? "\033[1;31m" : "") << _("错误") << (color ? "\033[0m" : "") << ": " << message << "\n";
}

std::optional<app::UiLanguage> language_of(const std::string& v) {
    std::string l = lower(v);
    if (l.rfind("zh", 0) == 0) return app::UiLanguage::Chinese;
    if (l.rfind("en", 0) == 0 || l == "c" || l == "posix") return app::UiLanguage::English;
    return std::nullopt;
}

/// The staged output becomes the target when the command succeeded (else it is dropped); the
/// buffered messages are written naming the target, not the staging file.
int deliver(StagedOutput& staged, const std::string& buffered, int rc, bool json_errors) {
    const std::string staging_path = staged.staging(), target_path = staged.target();
    if (rc == exit_ok) {
        try {
            staged.commit();
        } catch (const core::Error& e) {
            report_error(app::describe(e), &e, exit_error, json_errors, staged);
            return exit_error;
        }
    } else {
        staged.discard();
    }
    if (!buffered.empty()) {
        std::string text = replace_all(buffered, staging_path, target_path);
        (target_path == "-" ? std::cerr : std::cout) << text << std::flush;
    }
    return rc;
}

/// --lang first, so that even the parser's complaints are in that language. Returns whether
/// errors are to be written as JSON (--format json anywhere on the line).
bool apply_early_options(const std::vector<std::string>& argv_words) {
    bool json_errors = false;
    for (std::size_t i = 0; i < argv_words.size(); ++i) {
        const auto& w = argv_words[i];
        std::string v;
        if (w == "--lang" && i + 1 < argv_words.size()) v = argv_words[i + 1];
        else if (w.rfind("--lang=", 0) == 0) v = w.substr(7);
        if (!v.empty())
            if (auto l = language_of(v)) app::init_translations(*l);
        if ((w == "--format" && i + 1 < argv_words.size() && argv_words[i + 1] == "json") || w == "--format=json")
            json_errors = true;
    }
    return json_errors;
}

/// The words as CLI11 takes them (last first). "--points -1": a value option takes the next word
/// whatever it looks like (as it always did).
std::vector<std::string> cli11_args(const std::vector<std::string>& words, const std::set<std::string>& takes_value) {
    std::vector<std::string> args;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w.rfind("--", 0) == 0 && w.find('=') == std::string::npos && takes_value.count(w.substr(2)) && i + 1 < words.size() &&
            words[i + 1].rfind("-", 0) == 0 && words[i + 1].size() > 1) {
            args.push_back(w + "=" + words[i + 1]);
            ++i;
        } else {
            args.push_back(w);
        }
    }
    std::reverse(args.begin(), args.end());
    return args;
}

/// What CLI11 refused, naming the option it names ("--year: 1 required TEXT missing" and the like).
std::string parse_error_text(const CLI::ParseError& e) {
    std::string what = e.what();
    std::string option;
    auto dash = what.find("--");
    if (dash != std::string::npos) option = what.substr(dash, what.find_first_of(": ", dash) - dash);
    if (!option.empty()) return core::substitute(_("选项 {option} 需要一个值"), {{"option", option}});
    return what;
}

/// The chain root → deepest command given.
std::vector<Node*> command_chain(Node& root) {
    std::vector<Node*> chain = {&root};
    for (;;) {
        Node* next = nullptr;
        for (auto& c : chain.back()->children)
            if (c->app->parsed()) next = c.get();
        if (!next) break;
        chain.push_back(next);
    }
    return chain;
}

std::string unknown_option_text(const Node& node, const std::string& w) {
    std::string name = w.substr(w.rfind("--", 0) == 0 ? 2 : 1);
    name = name.substr(0, name.find('='));
    std::vector<std::string> candidates;
    for (const auto& o : node.spec().options) candidates.push_back(o.name);
    for (const auto& g : global_options()) candidates.push_back(g.name);
    candidates.push_back("help");
    std::string guess = closest(name, candidates);
    std::string where = node.path.empty() ? std::string("onebook-cli") : node.path_text();
    std::string text =
        core::substitute(_("“{command}”没有选项 {option}"), {{"command", where}, {"option", w.substr(0, w.find('='))}});
    if (!guess.empty()) text += core::substitute(_("，是否要用 --{suggestion}？"), {{"suggestion", guess}});
    text += core::substitute(_("（onebook-cli {command} --help 列出全部选项）"), {{"command", node.path_text()}});
    return text;
}

std::string unknown_command_text(const Node& node, const std::string& w) {
    std::vector<std::string> names;
    for (const auto& c : node.children) names.push_back(c->name);
    std::string guess = closest(w, names);
    std::string full = node.path.empty() ? w : node.path_text() + " " + w;
    std::string text = core::substitute(_("未知命令“{command}”"), {{"command", full}});
    if (!guess.empty())
        text += core::substitute(_("，是否要用 {suggestion}？"),
                                 {{"suggestion", (node.path.empty() ? "" : node.path_text() + " ") + guess}});
    text += core::substitute(_("（用 onebook-cli {command} --help 查看全部命令）"), {{"command", node.path_text()}});
    return replace_all(text, "onebook-cli  --help", "onebook-cli --help");
}

/// Anything CLI11 could not place: an unknown option, an unknown command, an extra argument.
std::optional<std::string> unplaced_word(const std::vector<Node*>& chain, const Node& node) {
    for (Node* n : chain) {
        auto extra = n->app->remaining();
        if (extra.empty()) continue;
        const std::string& w = extra.front();
        if (w.rfind("-", 0) == 0 && w.size() > 1) return unknown_option_text(node, w);
        if (n == &node && !node.children.empty() && (!node.command || node.positionals.empty()))
            return unknown_command_text(node, w);
        return core::substitute(_("“{command}”多余的参数“{value}”（用法：{usage}）"),
                                {{"command", node.path_text()}, {"value", w}, {"usage", command_line(node)}});
    }
    return std::nullopt;
}

/// The values given: globals from anywhere in the chain, the command's own from its node.
Args collect_values(const std::vector<Node*>& chain, const Node& node) {
    Args parsed;
    std::vector<std::string> declared;
    for (const auto& g : global_options()) declared.push_back(g.name);
    for (const auto& o : node.spec().options) declared.push_back(o.name);
    for (Node* n : chain)
        for (const auto& [name, opt] : n->options) {
            if (opt->count() == 0) continue;
            const OptionSpec* spec = node.spec().find(name);
            bool flag = spec ? !spec->takes_value
                             : !std::any_of(global_options().begin(), global_options().end(),
                                            [&](const OptionSpec& g) { return g.name == name && g.takes_value; });
            if (flag) parsed.add(name, "");
            else
                for (const auto& v : opt->results()) parsed.add(name, v);
        }
    for (auto* p : node.positionals)
        for (const auto& v : p->results()) parsed.add_positional(v);
    parsed.declare(declared);
    return parsed;
}

std::string bad_value_text(const std::string& option, const std::string& value, const std::vector<std::string>& allowed) {
    std::string text = core::substitute(_("选项 --{option} 不支持“{value}”，可选：{choices}"),
                                        {{"option", option}, {"value", value}, {"choices", join(allowed, ", ")}});
    std::string guess = closest(value, allowed);
    if (!guess.empty()) text += core::substitute(_("，是否要用 {suggestion}？"), {{"suggestion", guess}});
    return text;
}

/// A --format the command does not write.
std::optional<std::string> bad_format(const Args& parsed, const Node& node) {
    auto formats = formats_of(node.spec());
    for (const auto& v : parsed.all("format"))
        if (std::find(formats.begin(), formats.end(), v) == formats.end()) return bad_value_text("format", v, formats);
    return std::nullopt;
}

/// A --lang or a value outside its option's choices (non-ASCII values are the user's own words).
std::optional<std::string> bad_choice(const Args& parsed, const Node& node) {
    for (const auto& v : parsed.all("lang"))
        if (!language_of(v)) return bad_value_text("lang", v, {"zh_CN", "en"});
    for (const auto& o : node.spec().options) {
        if (o.choices.empty() || o.name == "format") continue;
        for (const auto& v : parsed.all(o.name)) {
            bool ok = !is_ascii(v) ||
                      std::any_of(o.choices.begin(), o.choices.end(), [&](const std::string& c) { return lower(c) == lower(v); });
            if (!ok) return bad_value_text(o.name, v, o.choices);
        }
    }
    return std::nullopt;
}

/// --out: staged beside the target (or for stdout); a folder output cannot be "-". Returns the
/// usage error, if any.
std::optional<std::string> stage_out(const Node& node, Args& parsed, StagedOutput& staged) {
    const OptionSpec* out_spec = node.spec().find("out");
    if (!out_spec || !out_spec->takes_value || !parsed.has("out")) return std::nullopt;
    std::string target = parsed.get("out");
    bool folder =
        out_spec->placeholder.find("FOLDER") != std::string::npos || out_spec->placeholder.find("DIR") != std::string::npos;
    if (folder) {
        if (target == "-") return std::string(_("--out - 只能用于文件，不能用于文件夹"));
    } else if (!target.empty()) {
        staged.open(target, out_spec->placeholder);
        parsed.set("out", {staged.staging()});
    }
    return std::nullopt;
}

/// Runs the command, reporting what it throws; a Ctrl+C leaves no partial output.
int run_command(const Node& node, Args parsed, StagedOutput& staged, bool json_errors) {
    std::signal(SIGINT, on_sigint);
    std::ostringstream buffered;
    int rc = exit_error;
    {
        std::unique_ptr<Spinner> spinner;
        if (is_long_job(node.path)) spinner = std::make_unique<Spinner>("onebook-cli " + node.path_text());
        // With --out the command's messages name the staging file: buffer them and name the real one.
        std::ostream& out = staged.active() ? static_cast<std::ostream&>(buffered) : std::cout;
        try {
            Context ctx(std::move(parsed), out, std::cerr);
            rc = node.command->run(ctx);
        } catch (const UsageError& e) {
            if (spinner) spinner->stop();
            if (!interrupted()) {
                report_error(app::describe(e), &e, exit_usage, json_errors, staged);
                return exit_usage;
            }
        } catch (const core::Error& e) {
            if (spinner) spinner->stop();
            if (!interrupted()) {
                report_error(app::describe(e), &e, exit_error, json_errors, staged);
                return exit_error;
            }
        } catch (const Poco::Exception& e) {
            if (spinner) spinner->stop();
            if (!interrupted()) {
                report_error(e.displayText(), nullptr, exit_error, json_errors, staged);
                return exit_error;
            }
        } catch (const std::exception& e) {
            if (spinner) spinner->stop();
            if (!interrupted()) {
                report_error(e.what(), nullptr, exit_error, json_errors, staged);
                return exit_error;
            }
        }
    }
    if (interrupted()) {
        staged.discard();
        std::cerr << _("已中断：没有留下不完整的输出文件，档案中未完成的修改已撤销。") << "\n";
        return exit_interrupted;
    }
    return deliver(staged, buffered.str(), rc, json_errors);
}

} // namespace

int run_main(const std::vector<std::string>& argv_words, const std::string& version) {
    bool json_errors = apply_early_options(argv_words);
    auto root = make_tree();
    StagedOutput none;
    auto usage_error = [&](const std::string& text) {
        report_error(text, nullptr, exit_usage, json_errors, none);
        return exit_usage;
    };

    std::vector<std::string> words = argv_words;
    if (!words.empty() && words[0] == "help") {
        // "onebook-cli help member add" is "onebook-cli member add --help".
        words.erase(words.begin());
        words.push_back("--help");
    }
    if (words.size() >= 1 && words[0] == "completion") {
        std::string shell = words.size() > 1 ? words[1] : "";
        if (shell == "bash") print_bash_completion(*root, std::cout);
        else if (shell == "zsh") print_zsh_completion(*root, std::cout);
        else
            return usage_error(
                core::substitute(_("用法：onebook-cli completion bash|zsh（不支持“{value}”）"), {{"value", shell}}));
        return exit_ok;
    }

    CLI::App app{"onebook-cli", "onebook-cli"};
    root->app = &app;
    const std::set<std::string> word_set(words.begin(), words.end());
    std::set<std::string> takes_value;
    build(*root, word_set, takes_value);
    CLI::Option* version_flag = app.add_flag("--version");
    std::vector<std::string> args = cli11_args(words, takes_value);
    try {
        app.parse(args);
    } catch (const CLI::ParseError& e) { return usage_error(parse_error_text(e)); }

    std::vector<Node*> chain = command_chain(*root);
    Node& node = *chain.back();
    bool help = false;
    for (Node* n : chain) help = help || n->help->count() > 0;
    if (version_flag->count() && chain.size() == 1) {
        std::cout << "onebook-cli " << version << "\n";
        return exit_ok;
    }
    if (auto text = unplaced_word(chain, node)) return usage_error(*text);

    if (help || chain.size() == 1) {
        std::ostream& out = help ? std::cout : std::cerr;
        if (chain.size() == 1) print_root_help(*root, out);
        else if (!node.command) print_group_help(node, out);
        else print_command_help(node, out);
        return help ? exit_ok : exit_usage;
    }
    if (!node.command) {
        std::vector<std::string> names;
        for (const auto& c : node.children) names.push_back(c->name);
        report_error(core::substitute(_("“{command}”需要一个子命令：{commands}"),
                                      {{"command", node.path_text()}, {"commands", join(names, ", ")}}),
                     nullptr, exit_usage, json_errors, none);
        print_group_help(node, std::cerr);
        return exit_usage;
    }

    Args parsed = collect_values(chain, node);
    if (auto text = bad_format(parsed, node)) return usage_error(*text);
    json_errors = parsed.get("format") == "json";
    if (auto text = bad_choice(parsed, node)) return usage_error(*text);
    StagedOutput staged;
    if (auto text = stage_out(node, parsed, staged)) return usage_error(*text);
    return run_command(node, std::move(parsed), staged, json_errors);
}

// ---- Output helpers --------------------------------------------------------------------------

void print_table(std::ostream& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<int> widths(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& r) {
        for (std::size_t c = 0; c < r.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], display_width(r[c]));
    };
    measure(header);
    for (const auto& r : rows) measure(r);
    auto line = [&](const std::vector<std::string>& r) {
        std::string s;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            std::string cell = c < r.size() ? r[c] : "";
            s += cell;
            if (c + 1 < widths.size()) s += std::string(widths[c] - display_width(cell) + 2, ' ');
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out << s << "\n";
    };
    line(header);
    std::vector<std::string> rule;
    for (int w : widths) rule.push_back(std::string(w, '-'));
    line(rule);
    for (const auto& r : rows) line(r);
}

core::Date date_option(const Args& a, const std::string& name, std::optional<core::Date> fallback) {
    std::string v = a.get(name);
    if (v.empty() && fallback) return *fallback;
    if (v.empty()) v = a.require(name);
    return core::require_date(v, "--" + name);
}

std::optional<core::Date> optional_date_option(const Args& a, const std::string& name) {
    return core::optional_date(a.get(name), "--" + name);
}

namespace {
/// `text` read whole as a T, or nullopt when it is not one or has more after it.
template <typename T> std::optional<T> whole(const std::string& text) {
    try {
        std::size_t used = 0;
        T v;
        if constexpr (std::is_same_v<T, int>) v = std::stoi(text, &used);
        else if constexpr (std::is_same_v<T, long>) v = std::stol(text, &used);
        else v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {}
    return std::nullopt;
}
} // namespace

int int_value(const std::string& option, const std::string& value) {
    if (auto v = whole<int>(value)) return *v;
    throw core::Error(OB_N("选项 --{option} 应为整数，而不是“{value}”"), {{"option", option}, {"value", value}});
}

double number_value(const std::string& option, const std::string& value) {
    if (auto v = whole<double>(value)) return *v;
    throw core::Error(OB_N("选项 --{option} 应为数字，而不是“{value}”"), {{"option", option}, {"value", value}});
}

int int_option(const Args& a, const std::string& name, int fallback) {
    std::string v = a.get(name);
    return v.empty() ? fallback : int_value(name, v);
}

int count_option(const Args& a, const std::string& name) {
    std::string v = a.require(name);
    // A bound no party organisation's head count reaches (and that fits an int).
    if (auto n = whole<long>(v); n && *n >= 0 && *n <= 10000000) return static_cast<int>(*n);
    throw core::Error(OB_N("选项 --{option} 应为人数（非负整数），不能是“{value}”"), {{"option", name}, {"value", v}});
}

int year_value(const std::string& value) {
    // The party's first year to a bound no archive reaches: anything else is a typing slip.
    if (auto y = whole<int>(value); y && *y >= 1921 && *y <= 2200) return *y;
    throw core::Error(OB_N("选项 --year 的年度“{value}”无法识别，应写作 2025"), {{"value", value}});
}

int year_option(const Args& a, int fallback) {
    std::string v = a.get("year");
    return v.empty() ? fallback : year_value(v);
}

int year_option(const Args& a) { return year_option(a, core::Date::today().year()); }

} // namespace onebook::cli
