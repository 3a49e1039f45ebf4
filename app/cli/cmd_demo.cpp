// onebook-cli demo: builds the demo archive and says what it holds and where.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/demo.hpp"
#include "onebook/platform.hpp"

#include <ostream>

namespace onebook::cli {

namespace {
int cmd_demo(Context& ctx) {
    namespace fs = std::filesystem;
    fs::path folder = ctx.args().get("out", "demo");
    // Built in a staging folder beside the target and moved in when complete: Ctrl-C or an error
    // leaves the old demo (or nothing), never half a demo.
    fs::path staging =
        folder.parent_path() / ("." + folder.filename().string() + ".partial-" + std::to_string(core::platform::process_id()));
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ec;
            if (!dir.empty()) fs::remove_all(dir, ec);
        }
    } cleanup{staging};
    fs::remove_all(staging);
    auto report = archive::build_demo(staging, ctx.plugins());
    check_interrupted();
    fs::create_directories(folder);
    for (const auto& entry : fs::directory_iterator(staging)) {
        fs::path target = folder / entry.path().filename();
        fs::remove_all(target);
        fs::rename(entry.path(), target);
    }
    auto moved = [&](const fs::path& p) { return folder / p.lexically_relative(staging); };
    report.archive = moved(report.archive);
    for (auto& f : report.files) f = moved(f);
    for (auto& line : report.lines)
        for (auto at = line.find(staging.string()); at != std::string::npos; at = line.find(staging.string(), at))
            line.replace(at, staging.string().size(), folder.string());
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
