#include "cli.hpp"

#include "onebook/backup.hpp"

#include "i18n.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/error.hpp"
#include "onebook/json_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace onebook::cli {

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
                if (i + 1 >= words.size())
                    throw core::Error(OB_N("选项 --{option} 需要一个值"), {{"option", name}});
                value = words[++i];
            }
            m_options[name].push_back(value);
        } else {
            m_positional.push_back(w);
        }
    }
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = m_options.find(name);
    return it == m_options.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
    auto it = m_options.find(name);
    return it == m_options.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::require(const std::string& name) const {
    if (!has(name)) throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", name}});
    return get(name);
}

Context::Context(std::vector<std::string> words, std::ostream& o, std::ostream& e)
    : out(o), err(e), m_words(std::move(words)) {
    // Not parsed yet: only the command knows which options are flags (main() calls parse()).
}

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
        auto path = core::PluginHost::default_search_path();
        if (args().has("no-plugins")) {
            // Safe mode: only the plugins that ship with OneBook (build or install tree).
            path.erase(path.begin(), path.end() - 2);
        }
        m_plugins->load_all(path);
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
            } catch (const core::Error& e) {
                err << app::tr(e.message()) << "\n";
            }
        }
    }
    return *m_archive;
}

std::vector<Command>& commands() {
    static std::vector<Command> all;
    return all;
}

void add_command(Command c) { commands().push_back(std::move(c)); }

int display_width(const std::string& s) {
    int width = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        unsigned cp = 0;
        if (len == 1) cp = c;
        else if (len == 2) cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
        else if (len == 3) cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        else cp = 0x20000;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
        width += wide ? 2 : 1;
        i += len;
    }
    return width;
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
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

std::string json_quote(const std::string& s) { return core::json_quote(s); }

} // namespace onebook::cli
