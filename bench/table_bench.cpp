// Export figures for the biggest lists a user makes: a ten-year register of a large branch —
// its roster and ten years of meeting records with one attendance row a person and meeting —
// rendered as xlsx, CSV, JSON and the terminal table.
//   table_bench [members] [records_per_year]
// Prints rows, bytes and the median time of each format.
#include "bench_support.hpp"
#include "onebook/archive/tables.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace onebook;
namespace fs = std::filesystem;

namespace {

using bench::median_ms;

const char* surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
const char* given[] = {"建国", "秀兰", "伟", "芳", "静", "涛", "敏", "强", "丽", "军", "洋", "娜", "平", "杰", "霞", "勇"};

void measure(const char* label, const std::vector<archive::Table>& tables, const fs::path& dir) {
    std::size_t rows = 0;
    for (const auto& t : tables) rows += t.rows.size();
    auto l = archive::localise(tables);
    fs::path xlsx = dir / "bench.xlsx";
    double x = median_ms(3, [&] { archive::render_xlsx(l, xlsx); });
    std::string csv, json;
    double c = median_ms(3, [&] { csv = archive::render_csv(l); });
    double j = median_ms(3, [&] { json = archive::render_json(l); });
    std::ostringstream text;
    double t = median_ms(3, [&] {
        text.str({});
        archive::render_text(text, l);
    });
    std::printf("%-34s %7zu rows | xlsx %8.1f KB %8.1f ms | csv %8.1f KB %7.1f ms | json %8.1f KB %7.1f ms | text %7.1f ms\n",
                label, rows, fs::file_size(xlsx) / 1024.0, x, csv.size() / 1024.0, c, json.size() / 1024.0, j, t);
}

} // namespace

int main(int argc, char** argv) {
    int members = argc > 1 ? std::atoi(argv[1]) : 300;
    int per_year = argc > 2 ? std::atoi(argv[2]) : 150;
    fs::path dir = fs::temp_directory_path() / "onebook-table-bench";
    fs::create_directories(dir);
    core::Date today(2025, 12, 31);

    std::vector<core::Member> roster;
    std::vector<core::PartyGroup> groups;
    for (int g = 0; g < 12; ++g) groups.push_back({g + 1, 1, "第" + std::to_string(g + 1) + "党小组", std::nullopt});
    for (int i = 0; i < members; ++i) {
        core::Member m;
        m.id = i + 1;
        m.name = std::string(surnames[i % 16]) + given[(i / 16) % 16] + (i >= 256 ? std::to_string(i / 256) : "");
        m.gender = i % 2 ? "女" : "男";
        m.birth_date = core::Date(1950 + i % 50, 1 + i % 12, 1 + i % 28);
        m.education = "大学本科";
        m.workplace_post = "幸福街道第" + std::to_string(i % 40) + "社区 网格员";
        m.join_date = core::Date(1975 + i % 48, 1 + i % 12, 1 + i % 28);
        m.full_date = m.join_date->add_months(12);
        m.group_id = 1 + i % 12;
        m.priv.id_number = "11010519" + std::to_string(70 + i % 30) + "0203001" + std::to_string(i % 10);
        m.priv.phone = "139" + std::to_string(10000000 + i);
        m.priv.address = "幸福里小区" + std::to_string(i % 30) + "号楼";
        roster.push_back(m);
    }
    std::vector<core::Record> records;
    for (int y = 0; y < 10; ++y)
        for (int k = 0; k < per_year; ++k) {
            core::Record r;
            r.id = static_cast<core::Id>(records.size() + 1);
            r.type = k % 4 ? "group" : "assembly";
            r.type_name = k % 4 ? "党小组会" : "支部党员大会";
            r.date = core::Date(2016 + y, 1 + k % 12, 1 + k % 28);
            r.topic = "学习贯彻党的二十大精神，研究部署第" + std::to_string(k + 1) + "项重点工作";
            r.place = "党员活动室";
            r.host = "王建国";
            r.recorder = "吴静";
            r.fields["minutes"] = "传达上级会议精神，安排本月主题党日、集体学习和志愿服务；讨论通过了有关事项。";
            int size = k % 4 ? members / 12 : members;
            for (int p = 0; p < size; ++p)
                r.attendance.push_back({std::nullopt, roster[(k % 4 ? (k % 12) * (members / 12) : 0) + p].name, p % 9 != 0,
                                        p % 9 ? "" : "外出务工"});
            records.push_back(std::move(r));
        }

    std::printf("table_bench: %d members, %d records a year for 10 years\n", members, per_year);
    measure("roster (with private columns)", {archive::roster_table("幸福里社区党支部", roster, groups, true, today)}, dir);
    measure("10 years of records + attendance", archive::records_tables("幸福里社区党支部", records, {}, today), dir);
    fs::remove_all(dir);
    return 0;
}
