// Output of every list command: --format table|json|csv|xlsx and --out FILE (- = stdout), all
// from the same typed tables (onebook/archive/table.hpp), translated here at the edge.
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/archive/table_pdf.hpp"
#include "onebook/platform.hpp"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace onebook::cli {

archive::Translator table_translator() {
    // Parameters may be msgids themselves (符合/超出); data passes through, having no translation.
    return {[](const std::string& s) { return app::tr(s); },
            [](const core::Message& m) {
                core::MessageParams params = m.params;
                for (auto& p : params)
                    if (!p.second.empty()) p.second = app::tr(p.second); // "" would give the catalogue header
                return app::tr(core::Message{m.key, params});
            }};
}

bool wants_report(const Context& ctx) {
    std::string out = ctx.args().get("out", "-");
    return archive::parse_table_format(ctx.args().get("format")) == archive::TableFormat::Text && out == "-";
}

namespace {

/// --format pdf, or an --out file ending in .pdf without another --format.
bool wants_pdf(const Args& a, const std::string& out) {
    if (a.get("format") == "pdf") return true;
    if (a.has("format")) return false;
    std::string ext = std::filesystem::path(out).extension().string();
    return ext == ".pdf" || ext == ".PDF";
}

int emit_pdf(Context& ctx, const std::vector<archive::Table>& localised, const std::string& out) {
    if (out == "-" || out.empty()) throw core::Error(OB_N("PDF 只能写入文件：请用 --out 给出文件名"), {}, {{}, {}, "out"});
    auto r = archive::render_pdf(localised, out);
    std::size_t rows = 0;
    for (const auto& t : localised) rows += t.rows.size();
    ctx.out << core::substitute(_("已导出 {file}（{tables} 张表，{rows} 行，{pages} 页）"),
                                {{"file", out},
                                 {"tables", std::to_string(localised.size())},
                                 {"rows", std::to_string(rows)},
                                 {"pages", std::to_string(r.pages)}})
            << "\n";
    return 0;
}

} // namespace

int emit_tables(Context& ctx, const std::vector<archive::Table>& tables) {
    namespace fs = std::filesystem;
    const auto& a = ctx.args();
    std::string out = a.get("out", "-");
    auto localised = archive::localise(tables, table_translator());
    if (wants_pdf(a, out)) return emit_pdf(ctx, localised, out);
    auto format = archive::parse_table_format(a.get("format"));
    if (!a.has("format") && out != "-") format = archive::format_for_path(out, format);
    if (out == "-" || out.empty()) {
        switch (format) {
        case archive::TableFormat::Text: archive::render_text(ctx.out, localised); break;
        case archive::TableFormat::Json: ctx.out << archive::render_json(localised); break;
        case archive::TableFormat::Csv: ctx.out << archive::render_csv(localised); break;
        case archive::TableFormat::Xlsx: {
            // A workbook is a zip: written to a temporary file, then copied to stdout byte for byte.
            fs::path tmp = fs::temp_directory_path() / ("onebook-" + std::to_string(core::platform::process_id()) + ".xlsx");
            archive::render_xlsx(localised, tmp);
            std::ifstream in(tmp, std::ios::binary);
            ctx.out << in.rdbuf();
            in.close();
            std::error_code ec;
            fs::remove(tmp, ec);
            break;
        }
        }
        return 0;
    }
    archive::write_tables(localised, format, out);
    std::size_t rows = 0;
    for (const auto& t : tables) rows += t.rows.size();
    ctx.out << core::substitute(_("已导出 {file}（{tables} 张表，{rows} 行）"),
                                {{"file", out}, {"tables", std::to_string(tables.size())}, {"rows", std::to_string(rows)}})
            << "\n";
    return 0;
}

} // namespace onebook::cli
