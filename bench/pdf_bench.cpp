// PDF engine benchmark: a one-page A4 landscape rectification board with 10 items
// (five columns of realistic Chinese text), fitted to the page, rendered repeatedly.
// Prints medians of process CPU time and wall time per board, and the file size.
// Target: ≤ 30 KB and well under 100 ms of process time per board.
//
// Usage: pdf_bench [runs=20] [out-dir=/tmp]
#include "onebook/archive/demo_fixtures.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/line_break.hpp"
#include "onebook/pdf/writer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace pdf = onebook::core::pdf;
namespace archive = onebook::archive;

namespace {

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}
double wall_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Ten items in the wording of 《分类定级工作文件汇编》: the rows the PDF tests print too.
const auto& items = archive::fixtures::board_rows();

// Every distinct character on the board is one embedded glyph outline: the main driver of size.
std::set<char32_t> g_distinct;
const char* T(const char* text) {
    for (char32_t c : pdf::utf8_to_u32(text)) g_distinct.insert(c);
    return text;
}
const std::string& T(const std::string& text) {
    T(text.c_str());
    return text;
}

pdf::Writer make_board(const pdf::FontOptions& fonts) {
    pdf::WriterOptions o;
    o.page = pdf::PageSize::iso("A4").with_orientation(pdf::Orientation::landscape);
    o.fit = pdf::FitMode::one_page;
    o.margin_mm = 12;
    o.fonts = fonts;
    o.title = "基层党组织分类定级整改提高公示牌";
    pdf::Writer w(o);
    w.title(T("基层党组织分类定级整改提高公示牌"), {.band = true});
    w.fields({{T("党组织"), T("中共幸福里社区支部委员会")}, {T("定级"), T("一般")}, {T("整改期限"), T("2024年3月—6月")}}, 3);
    pdf::Table t;
    t.columns = {{T("整改事项"), 2.4},
                 {T("主要措施"), 4.6},
                 {T("责任人"), 1.1, pdf::Align::center},
                 {T("完成时限"), 1.7, pdf::Align::center},
                 {T("完成情况"), 1.4, pdf::Align::center}};
    for (const auto& it : items) {
        pdf::TableRow r{{T(it.issue), T(it.measures), T(it.owner), T(it.deadline), T(it.status)}};
        if (it.status == "逾期未完成") r.style = pdf::RowStyle::alert;
        t.rows.push_back(std::move(r));
    }
    w.table(t);
    w.signature({T("中共幸福里街道工作委员会"), T("2024年3月5日")}, true);
    T("：（盖章）");
    return w;
}

struct Figures {
    double cpu, wall, layout_cpu;
    std::size_t bytes;
    double body;
};

Figures run_once(const pdf::FontOptions& fonts, const std::filesystem::path& out) {
    double c0 = cpu_ms(), w0 = wall_ms();
    auto w = make_board(fonts);
    auto summary = w.layout();
    double c1 = cpu_ms();
    w.save(out);
    double c2 = cpu_ms(), w2 = wall_ms();
    return {c2 - c0, w2 - w0, c1 - c0, std::filesystem::file_size(out), summary.body_size};
}

void bench(const char* label, const pdf::FontOptions& fonts, int runs, const std::filesystem::path& out) {
    auto cold = run_once(fonts, out); // first run: fontconfig, font files, caches
    std::vector<double> cpu, wall, layout;
    std::size_t bytes = cold.bytes;
    double body = cold.body;
    for (int i = 0; i < runs; ++i) {
        auto f = run_once(fonts, out);
        cpu.push_back(f.cpu);
        wall.push_back(f.wall);
        layout.push_back(f.layout_cpu);
        bytes = f.bytes;
        body = f.body;
    }
    std::printf("%-44s %8.1f KB %10.1f %10.1f %10.1f %10.1f %7.2f pt  %s\n", label, double(bytes) / 1024.0, median(cpu),
                median(layout), median(wall), cold.cpu, body, bytes <= 30 * 1024 ? "<=30KB ok" : ">30KB");
}

} // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    try {
        std::printf("A4 landscape rectification board, 10 items, fitted to one page; medians over %d runs\n", runs);
        std::printf("%-44s %11s %10s %10s %10s %10s %10s\n", "fonts (heading / body)", "size", "cpu ms", "layout ms", "wall ms",
                    "cold ms", "body");
        pdf::FontOptions defaults;
        bench("WenQuanYi Zen Hei / AR PL UMing CN (default)", defaults, runs, dir / "pdf_bench_default.pdf");
        pdf::FontOptions sans{"WenQuanYi Zen Hei", "WenQuanYi Zen Hei"};
        bench("WenQuanYi Zen Hei / WenQuanYi Zen Hei", sans, runs, dir / "pdf_bench_sans.pdf");
        // A compact sans face (Debian fonts-wqy-microhei), measured when installed.
        bool micro_installed = true;
        pdf::FontOptions micro{"WenQuanYi Micro Hei", "WenQuanYi Micro Hei"};
        try {
            pdf::resolve_font(micro.heading);
        } catch (const onebook::core::Error&) { micro_installed = false; }
        if (micro_installed) bench("WenQuanYi Micro Hei / WenQuanYi Micro Hei", micro, runs, dir / "pdf_bench_microhei.pdf");
        else std::printf("%-44s (not installed: fonts-wqy-microhei)\n", "WenQuanYi Micro Hei");
        std::size_t cjk = 0;
        for (char32_t c : g_distinct) cjk += c >= 0x2E80;
        std::printf("distinct characters on the board: %zu (%zu CJK)\n", g_distinct.size(), cjk);
        std::printf("files: %s, %s\n", (dir / "pdf_bench_default.pdf").c_str(), (dir / "pdf_bench_sans.pdf").c_str());
    } catch (const onebook::core::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
