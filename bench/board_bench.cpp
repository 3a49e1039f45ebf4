// Board benchmark: the one-page A4 landscape rectification board with 10 items, filled from a real
// archive (the demo roster with ID numbers, phones and addresses, a committee, 10 items, dues).
// Prints the medians of the file size and of the time to make it: in-process CPU time per board
// (public view + layout + subset + write) and the process time (user+sys) of a whole
// `onebook-cli board make` run. Targets: ≤ 30 KB, well under 100 ms.
//
//   board_bench [--runs N] [--keep DIR]      (DIR keeps the archive and the board for a look)
#include "onebook/archive.hpp"
#include "onebook/archive/demo.hpp"
#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/board.hpp"
#include "onebook/dues.hpp"
#include "onebook/public_view.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return 0;
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void make_archive(const fs::path& file, const core::Date& today) {
    core::Organisation org;
    org.name = "幸福里社区党支部";
    org.sector = "community";
    org.superior_name = "幸福街道党工委";
    org.founded_on = core::Date(2003, 7, 1);
    auto a = core::Archive::create(file.string(), org);
    core::Roster roster(a.db(), a.home().id);
    core::RosterImporter importer(roster);
    auto rep = importer.import_bytes(archive::demo_roster_csv(), "demo-roster.csv");
    if (!rep.imported()) throw std::runtime_error("roster import failed");
    core::CommitteeTerm term;
    term.elected_on = core::Date(today.year() - 2, 11, 26);
    term.seats = archive::fixtures::committee_seats();
    roster.add_term(term);

    struct Item {
        const char *issue, *measures, *target, *owner;
        int deadline;
        int status; // 0 open, 1 in progress, 2 done
        const char* progress;
    };
    const Item items[] = {
        {"党建联席会议召开不经常，上年仅召开2次",
         "制定年度联席会议计划，每季度召开1次，邀请驻区单位党组织负责人参加，会议纪要在党务公开栏公布", "全年召开不少于4次",
         "王建国", 75, 1, "已召开第一季度联席会议，驻区8家单位参加"},
        {"在职党员到社区报到后参加活动少", "落实在职党员“一卡一簿一单”，建立活动登记簿，每季度向党员所在单位反馈表现",
         "每名在职党员每年参加社区活动不少于2次", "何平", 45, 1, "已登记在职党员6名，反馈意见单2份"},
        {"党员活动室面积不足、设施陈旧", "协调辖区单位共建，将社区服务中心二楼改造为党员活动室，配齐电教设备和学习资料",
         "活动室面积达到100平方米以上", "李秀兰", -12, 1, "已完成选址和设计，施工尚未开始"},
        {"集体学习记录不完整，部分学习无签到", "统一使用“一本通”记录集体学习，每次学习后3日内录入，组织委员每月检查",
         "每月集体学习不少于1次，记录完整率100%", "吴静", 20, 2, "3个月集体学习记录和签到表全部齐全"},
        {"书记与党员谈心谈话开展不够", "书记与支委每半年至少谈心1次、与每名党员每年至少谈心1次，做好谈话记录",
         "谈心谈话覆盖全体党员", "王建国", 30, 2, "已与全体党员逐一谈心谈话，记录齐全"},
        {"流动党员联系不经常", "建立流动党员联系群，每月推送学习资料；春节前后集中开展一次组织生活", "每名流动党员每月联系1次",
         "刘芳", 120, 0, ""},
        {"志愿服务队伍覆盖面不广", "组建环境整治、助老助残、政策宣传3支志愿服务队，在职党员全部编入",
         "志愿者占居民3%以上，队伍不少于3支", "徐海涛", 60, 1, "已组建2支队伍，登记志愿者96人"},
        {"党费收缴情况公布不及时", "每半年在党务公开栏公布一次党费收缴情况，组织委员负责按时更新", "每半年公布1次", "何平", 10, 2,
         "上半年党费收缴情况已按时公布"},
        {"党员教育形式单一，老党员参学不便", "为行动不便的老党员送学上门，利用微信群推送“微党课”，每季度组织一次现场教学",
         "老党员参学率达到95%以上", "周明", 90, 1, "已送学上门12人次"},
        {"发展党员工作推进慢，入党积极分子培养不够", "落实培养联系人制度，每季度听取积极分子思想汇报，按程序做好发展对象考察",
         "年内确定发展对象1名", "李秀兰", 150, 0, ""},
    };
    core::Rectification rect(a.db(), a.home().id);
    for (const auto& i : items) {
        core::RectificationItem it;
        it.issue = i.issue;
        it.measures = i.measures;
        it.target = i.target;
        it.owner = i.owner;
        it.created_on = today.add_days(-100);
        it.deadline = today.add_days(i.deadline);
        rect.add(it);
        if (i.status >= 1) rect.change_status(it.id, core::RectStatus::InProgress, today.add_days(-90), "", i.progress, today);
        if (i.status >= 2) rect.change_status(it.id, core::RectStatus::Done, today.add_days(-5), "", i.progress, today);
    }
    core::DuesLedger dues(a.db(), a.home().id);
    core::DuesPeriod p{0, std::to_string(today.year() - 1) + "-H2", 20, 20, 184600, 184600, ""};
    dues.set(p);
    core::set_board_setting(a, "issuer", "中共幸福里社区支部委员会");
    core::set_board_setting(a, "contact", "幸福里社区党群服务中心 0312-5921234");
    core::set_board_setting(a, "grade", "一般");
}

} // namespace

int main(int argc, char** argv) {
    int runs = 21;
    fs::path keep;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--keep" && i + 1 < argc) keep = argv[++i];
    }
    try {
        fs::path dir = keep.empty() ? fs::temp_directory_path() / ("board_bench-" + std::to_string(getpid())) : keep;
        fs::create_directories(dir);
        fs::path archive_file = dir / "bench.onebook";
        for (const char* s : {"", "-wal", "-shm"}) fs::remove(archive_file.string() + s);
        core::Date today = core::Date::today();
        make_archive(archive_file, today);

        auto templates = core::BoardTemplates::load();
        const auto& t = templates.require("rectification");
        core::BoardOptions opt;
        opt.size = core::pdf::PageSize::iso("A4");
        opt.orientation = core::pdf::Orientation::landscape;
        fs::path out = dir / "rectification-A4-landscape.pdf";

        std::vector<double> cpu, wall, size;
        int pages = 0;
        double body = 0;
        {
            auto a = core::Archive::open(archive_file.string());
            for (int r = 0; r < runs; ++r) {
                double c0 = cpu_ms();
                auto w0 = std::chrono::steady_clock::now();
                auto view = core::make_public_view(a, today);
                auto res = core::render_board(t, view, opt, out);
                wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
                cpu.push_back(cpu_ms() - c0);
                size.push_back(static_cast<double>(res.bytes));
                pages = res.pages;
                body = res.body_size;
            }
        }

        // A whole CLI run, as the secretary makes it: process time of the child (user + sys).
        std::vector<double> proc;
        fs::path cli = fs::read_symlink("/proc/self/exe").parent_path() / "onebook-cli";
        if (fs::exists(cli)) {
            for (int r = 0; r < std::min(runs, 11); ++r) {
                pid_t pid = fork();
                if (pid == 0) {
                    int devnull = ::open("/dev/null", 1);
                    dup2(devnull, 1);
                    dup2(devnull, 2);
                    std::string arch = archive_file.string(), o = (dir / "cli.pdf").string();
                    execl(cli.c_str(), "onebook-cli", "board", "make", "--archive", arch.c_str(), "--template", "rectification",
                          "--size", "A4", "--orientation", "landscape", "--out", o.c_str(), static_cast<char*>(nullptr));
                    _exit(127);
                }
                int status = 0;
                rusage ru{};
                wait4(pid, &status, 0, &ru);
                if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                    std::cerr << "onebook-cli board make failed\n";
                    break;
                }
                proc.push_back(ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 +
                               ru.ru_stime.tv_usec / 1e3);
            }
        }

        double kb = median(size) / 1024.0;
        std::printf("board_bench: rectification board, 10 items, A4 landscape, %d page(s), body %.1f pt, %d runs\n", pages, body,
                    runs);
        std::printf("  file size           median %.1f KB  (target <= 30 KB: %s)\n", kb, kb <= 30 ? "ok" : "OVER");
        std::printf("  in-process CPU      median %.1f ms  (view + layout + subset + write; first run %.1f ms)\n", median(cpu),
                    cpu.front());
        std::printf("  in-process wall     median %.1f ms\n", median(wall));
        if (!proc.empty())
            std::printf("  onebook-cli process median %.1f ms user+sys over %zu runs  (target well under 100 ms: %s)\n",
                        median(proc), proc.size(), median(proc) < 100 ? "ok" : "OVER");
        else std::printf("  onebook-cli process: not measured (%s not built)\n", cli.c_str());
        if (keep.empty()) fs::remove_all(dir);
        else std::printf("  kept: %s\n", dir.c_str());
        return 0;
    } catch (const core::Error& e) {
        std::cerr << "board_bench: " << core::substitute(e.key(), e.params()) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "board_bench: " << e.what() << "\n";
        return 1;
    }
}
