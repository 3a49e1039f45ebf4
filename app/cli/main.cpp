// onebook-cli: the headless, scriptable face of OneBook. Thin: parse, call core/archive, print.
#include "cli.hpp"
#include "i18n.hpp"

#include <Poco/Exception.h>
#include <wx/init.h>

#include <iostream>

using namespace onebook;

namespace {

void print_help(std::ostream& out) {
    out << "onebook-cli — " << _("党建一本通 命令行工具") << "\n\n";
    out << _("用法") << ": onebook-cli " << _("命令") << " [" << _("参数") << "] [--archive " << _("档案文件") << "]\n\n";
    out << _("命令") << ":\n";
    for (const auto& c : cli::commands()) {
        std::string name;
        for (const auto& w : c.path) name += (name.empty() ? "" : " ") + w;
        std::string left = "  " + name + (c.usage.empty() ? "" : " " + c.usage);
        out << left << "\n      " << _(c.summary) << "\n";
    }
    out << "\n" << _("通用选项") << ":\n"
        << "  --archive FILE     " << _("要操作的档案（也可用环境变量 ONEBOOK_ARCHIVE）") << "\n"
        << "  --by NAME          " << _("以此姓名记入全程纪实（默认为系统用户名）") << "\n"
        << "  --no-plugins       " << _("安全模式：只加载随程序安装的插件，忽略 ONEBOOK_PLUGIN_PATH") << "\n"
        << "  --help, --version\n"
        << "\n" << _("界面语言随系统区域设置（LANG）；ONEBOOK_LANG=zh_CN 或 en 可强制指定。") << "\n";
}

} // namespace

int main(int argc, char** argv) {
    wxInitializer wx;
    app::init_translations(app::language_from_environment());
    cli::register_foundation_commands();
    cli::register_demo_command();
    // records, rules, rubrics (issue 3) register here
    cli::register_records_commands();
    cli::register_assess_commands();
    cli::register_committee_commands();
    // rectification and boards (issue 4) register here
    cli::register_rectify_commands();
    cli::register_board_commands();
    // one book, documents, search, packages (issue 5) register here
    cli::register_book_commands();
    cli::register_packages_commands();
    cli::register_word_commands();
    cli::register_history_commands();
    // recruitment pipeline, transfers and status changes
    cli::register_members_life_commands();
    cli::register_identity_commands();

    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        print_help(std::cout);
        return words.empty() ? 2 : 0;
    }
    if (words[0] == "--version") {
        std::cout << "onebook-cli " << ONEBOOK_VERSION << "\n";
        return 0;
    }
    // Longest matching command path wins ("member add" before "member").
    const cli::Command* best = nullptr;
    for (const auto& c : cli::commands()) {
        if (c.path.size() > words.size()) continue;
        if (!std::equal(c.path.begin(), c.path.end(), words.begin())) continue;
        if (!best || c.path.size() > best->path.size()) best = &c;
    }
    if (!best) {
        std::cerr << core::substitute(_("未知命令“{command}”，用 onebook-cli --help 查看全部命令"), {{"command", words[0]}})
                  << "\n";
        return 2;
    }
    std::vector<std::string> rest(words.begin() + static_cast<long>(best->path.size()), words.end());
    try {
        cli::Context ctx(rest, std::cout, std::cerr);
        ctx.parse(best->flags);
        if (ctx.args().has("help")) {
            std::string name;
            for (const auto& w : best->path) name += (name.empty() ? "" : " ") + w;
            std::cout << "onebook-cli " << name << " " << best->usage << "\n  " << _(best->summary) << "\n";
            return 0;
        }
        return best->run(ctx);
    } catch (const core::Error& e) {
        std::cerr << _("错误") << ": " << app::describe(e) << "\n";
        return 1;
    } catch (const Poco::Exception& e) {
        std::cerr << _("错误") << ": " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << _("错误") << ": " << e.what() << "\n";
        return 1;
    }
}
