// onebook-cli demo: builds the demo archive and says what it holds and where.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/demo.hpp"

#include <ostream>

namespace onebook::cli {

namespace {
int cmd_demo(Context& ctx) {
    std::filesystem::path folder = ctx.args().get("out", "demo");
    auto report = archive::build_demo(folder, ctx.plugins());
    ctx.out << _("演示档案已生成") << ": " << std::filesystem::absolute(report.archive).string() << "\n";
    for (const auto& line : report.lines) ctx.out << "  · " << _(line) << "\n";
    if (!report.files.empty()) {
        ctx.out << _("输出文件") << ":\n";
        for (const auto& f : report.files) ctx.out << "  " << std::filesystem::absolute(f).string() << "\n";
    }
    ctx.out << "\n" << _("试一试") << ":\n";
    const std::string a = " --archive " + report.archive.string();
    for (const char* cmd : {"info", "member list", "record list --year 2025", "check --year 2025 --problems",
                            "assess show --year 2025", "rectify list", "board make --template rectification --out 整改公示牌.pdf",
                            "search 党费", "book pdf --year 2025 --out 一本通-2025.pdf"})
        ctx.out << "  onebook-cli " << cmd << a << "\n";
    return 0;
}
} // namespace

void register_demo_command() {
    add_command({{"demo"}, "[--out FOLDER]", OB_N("生成演示档案（社区党支部，含全部功能的示例数据）并列出内容"), {}, cmd_demo});
}

} // namespace onebook::cli
