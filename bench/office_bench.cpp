// Office interchange benchmark: reading a large roster workbook (.xlsx) and writing a year of
// minutes as one Word document. Prints medians of size and time.
//   Excel in: a workbook of N members (title row, header, inline and shared strings, serial
//   dates with a Chinese date format) generated here with Poco::Zip; read_xlsx alone, then the
//   whole import (validation, dry run) into a fresh archive.
//   Word out: minutes of M synthetic records (one page each) as one .docx.
//
//   office_bench [--members N] [--records M] [--runs R]
#include "onebook/archive.hpp"
#include "onebook/archive/word_exports.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/xlsx_reader.hpp"

#include <Poco/DateTime.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace onebook;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string workbook(int members) {
    static const char* surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    static const char* given[] = {"建国", "秀兰", "伟", "芳", "志强", "桂英", "磊", "丽", "明", "静", "海涛", "晓红"};
    std::ostringstream sheet;
    sheet
        << R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
    auto is = [&](const char* ref, const std::string& text) {
        sheet << "<c r=\"" << ref << "\" t=\"inlineStr\"><is><t>" << text << "</t></is></c>";
    };
    sheet << "<row r=\"1\">";
    is("A1", "幸福里社区党支部党员花名册");
    sheet << "</row><row r=\"2\">";
    const char* heads[] = {"序号", "姓名", "性别", "出生日期", "入党时间", "所在党小组", "联系电话"};
    for (int c = 0; c < 7; ++c) is((std::string(1, char('A' + c)) + "2").c_str(), heads[c]);
    sheet << "</row>";
    for (int i = 0; i < members; ++i) {
        int r = i + 3;
        std::string row = std::to_string(r);
        sheet << "<row r=\"" << r << "\"><c r=\"A" << row << "\"><v>" << i + 1 << "</v></c>";
        is(("B" + row).c_str(), std::string(surnames[i % 10]) + given[(i / 10) % 12] + std::to_string(i));
        sheet << "<c r=\"C" << row << "\" t=\"s\"><v>" << (i % 2) << "</v></c>";
        sheet << "<c r=\"D" << row << "\" s=\"1\"><v>" << 20000 + (i * 37) % 5000 << "</v></c>";
        sheet << "<c r=\"E" << row << "\" s=\"1\"><v>" << 33000 + (i * 53) % 9000 << "</v></c>";
        sheet << "<c r=\"F" << row << "\" t=\"s\"><v>" << 2 + i % 3 << "</v></c>";
        sheet << "<c r=\"G" << row << "\"><v>" << 13800000000LL + i << "</v></c></row>";
    }
    sheet << "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:G1\"/></mergeCells></worksheet>";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"xl/workbook.xml",
         R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
        {"xl/_rels/workbook.xml.rels",
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)"},
        {"xl/sharedStrings.xml",
         R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>男</t></si><si><t>女</t></si><si><t>第一党小组</t></si><si><t>第二党小组</t></si><si><t>第三党小组</t></si></sst>)"},
        {"xl/styles.xml",
         R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>)"},
        {"xl/worksheets/sheet1.xml", sheet.str()},
    };
    std::ostringstream zip;
    Poco::Zip::Compress c(zip, true);
    for (const auto& [name, text] : parts) {
        std::istringstream in(text);
        c.addFile(in, Poco::DateTime(), name);
    }
    c.close();
    return zip.str();
}

std::vector<core::Record> records(int count) {
    std::vector<core::Record> out;
    for (int i = 0; i < count; ++i) {
        core::Record r;
        r.id = i + 1;
        r.type = "assembly";
        r.type_name = "支部党员大会";
        r.date = core::Date(2025, 1, 1).add_days(i % 365);
        r.time = "14:30-16:00";
        r.place = "社区党员活动室";
        r.host = "王建国";
        r.recorder = "吴静";
        r.topic = "学习贯彻党的二十届全会精神（第 " + std::to_string(i + 1) + " 次）";
        r.fields["agenda"] = "一、传达上级精神\n二、讨论本支部贯彻措施\n三、部署下阶段工作";
        r.fields["minutes"] = std::string(600, 'x') + "\n" + "全体党员逐一发言，结合工作实际谈体会。";
        r.fields["resolutions"] = "通过本支部贯彻落实方案。";
        for (int k = 0; k < 30; ++k) r.attendance.push_back({{}, "党员" + std::to_string(k), k % 10 != 0, k % 10 ? "" : "出差"});
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    int members = 5000, count = 365, runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--members")) members = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--records")) count = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    }
    try {
        std::string book = workbook(members);
        std::vector<double> read_ms, import_ms;
        std::size_t rows = 0;
        fs::path dir = fs::temp_directory_path() / ("onebook-office-bench-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        for (int r = 0; r < runs; ++r) {
            auto t0 = std::chrono::steady_clock::now();
            auto sheet = core::read_xlsx(book, "bench.xlsx");
            read_ms.push_back(ms_since(t0));
            rows = sheet.rows.size();
            core::Organisation org;
            org.name = "幸福里社区党支部";
            org.sector = "community";
            fs::path file = dir / ("r" + std::to_string(r) + ".onebook");
            auto a = core::Archive::create(file.string(), org);
            core::Roster roster(a.db(), a.home().id);
            core::RosterImporter importer(roster);
            t0 = std::chrono::steady_clock::now();
            auto rep = importer.import_bytes(book, "bench.xlsx", true);
            import_ms.push_back(ms_since(t0));
            if (!rep.problems.empty() || rep.rows != members) {
                std::cerr << "import problems: " << rep.problems.size() << " rows " << rep.rows << "\n";
                if (!rep.problems.empty())
                    std::cerr << rep.problems[0].row << " " << rep.problems[0].column << " "
                              << core::substitute(rep.problems[0].reason.key, rep.problems[0].reason.params) << "\n";
                return 1;
            }
        }
        std::printf(
            "xlsx in : %d members, %.1f KB workbook, %zu rows read; read_xlsx median %.1f ms, import (validate, dry run) median %.1f ms\n",
            members, book.size() / 1024.0, rows, median(read_ms), median(import_ms));

        auto recs = records(count);
        core::Organisation org;
        org.name = "幸福里社区党支部";
        std::vector<double> build_ms;
        std::size_t bytes = 0;
        for (int r = 0; r < runs; ++r) {
            auto t0 = std::chrono::steady_clock::now();
            auto doc = archive::minutes_document(org, recs, {});
            bytes = archive::docx_bytes(doc).size();
            build_ms.push_back(ms_since(t0));
        }
        std::printf("docx out: minutes of %d records (one page each), %.1f KB; build + zip median %.1f ms\n", count,
                    bytes / 1024.0, median(build_ms));
        fs::remove_all(dir);
    } catch (const core::Error& e) {
        std::cerr << core::substitute(e.key(), e.params()) << "\n";
        return 1;
    }
    return 0;
}
