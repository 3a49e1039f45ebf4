// Results travel back down (下发, results_package.hpp): `package export --results` in the
// superior's archive, the results branch of `package import` in a branch's, and `package results`,
// the list of results packages a branch received.
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/archive/results_package.hpp"
#include "onebook/archive/table.hpp"

#include <ostream>

namespace onebook::cli {

namespace {

/// The tables go to the terminal (text or JSON); --out names the package, not a listing.
void print_tables(Context& ctx, const std::vector<archive::Table>& tables) {
    auto localised = archive::localise(tables, table_translator());
    if (ctx.json()) ctx.out << archive::render_json(localised);
    else archive::render_text(ctx.out, localised);
}

} // namespace

int cmd_results_export(Context& ctx) {
    const auto& a = ctx.args();
    // Many packages go into a folder (--dir); one branch's may be named as a file (--out).
    std::string out = a.has("dir") ? a.get("dir") : a.get("out", a.positional(0));
    if (out.empty())
        throw core::Error(OB_N("请用 --dir 给出存放考核结果包的文件夹（或为 --branch 的一个支部用 --out 给出 .zip 文件名）"));
    archive::ResultsExportOptions o;
    if (a.has("branch")) o.branch = a.get("branch");
    if (a.has("year")) o.year = year_option(a);
    o.plugins = &ctx.plugins();
    auto done = archive::export_results(ctx.archive(), out, o);
    archive::Table t;
    t.key = "results_export";
    t.title = core::Message{OB_N("已下发的考核结果包"), {}, {}};
    t.columns = {{"branch", OB_N("党组织")},
                 {"year", OB_N("年度"), archive::CellType::Integer},
                 {"total", OB_N("总分"), archive::CellType::Number},
                 {"grade", OB_N("等次")},
                 {"scores", OB_N("评分项"), archive::CellType::Integer},
                 {"requirements", OB_N("整改要求"), archive::CellType::Integer},
                 {"file", OB_N("文件")},
                 {"package_id", OB_N("档案包标识")}};
    for (const auto& r : done)
        t.add_row({r.branch, static_cast<long long>(r.year), r.total, r.grade, static_cast<long long>(r.scores),
                   static_cast<long long>(r.requirements), r.file.string(), r.package_id});
    print_tables(ctx, {t});
    return 0;
}

int cmd_results_import(Context& ctx, const std::string& file, bool dry_run) {
    archive::ResultsImportOptions o;
    o.readmit = ctx.args().has("readmit");
    o.plugins = &ctx.plugins();
    o.dry_run = dry_run;
    auto r = archive::import_results(ctx.archive(), file, o);
    for (const auto& n : r.notes) ctx.err << n << "\n";
    archive::Table t;
    t.key = "results_import";
    t.title = core::Message{dry_run                  ? OB_N("考核结果包检查通过（未写入）")
                            : r.outcome == "applied" ? OB_N("已导入上级下发的考核结果")
                                                     : OB_N("考核结果与已导入的相同，未做更改"),
                            {},
                            {}};
    t.columns = {{"superior", OB_N("上级党组织")},
                 {"fingerprint", OB_N("签名密钥")},
                 {"year", OB_N("年度"), archive::CellType::Integer},
                 {"rubric", OB_N("评分标准")},
                 {"total", OB_N("总分"), archive::CellType::Number},
                 {"grade", OB_N("等次")},
                 {"scores_changed", OB_N("写入的组织考核评分"), archive::CellType::Integer},
                 {"items_added", OB_N("新增整改事项"), archive::CellType::Integer},
                 {"outcome", OB_N("结果")}};
    t.add_row({r.superior, r.fingerprint, static_cast<long long>(r.year), r.rubric_id, r.total, r.grade,
               static_cast<long long>(r.scores_changed), static_cast<long long>(r.items_added), r.outcome});
    print_tables(ctx, {t});
    return 0;
}

namespace {

int cmd_results_list(Context& ctx) {
    archive::Table t;
    t.key = "results_received";
    t.title = core::Message{OB_N("上级下发的考核结果"), {}, {}};
    t.columns = {{"imported_at", OB_N("导入时间")},
                 {"superior", OB_N("上级党组织")},
                 {"year", OB_N("年度"), archive::CellType::Integer},
                 {"total", OB_N("总分"), archive::CellType::Number},
                 {"grade", OB_N("等次")},
                 {"scores_changed", OB_N("写入的组织考核评分"), archive::CellType::Integer},
                 {"items_added", OB_N("新增整改事项"), archive::CellType::Integer},
                 {"fingerprint", OB_N("签名密钥")},
                 {"file", OB_N("文件")}};
    for (const auto& r : archive::results_received(ctx.archive()))
        t.add_row({r.imported_at, r.superior, static_cast<long long>(r.year), r.total, r.grade,
                   static_cast<long long>(r.scores_changed), static_cast<long long>(r.items_added), r.fingerprint, r.file_name});
    return emit_tables(ctx, {t});
}

} // namespace

void register_results_commands() {
    add_command({{"package", "results"}, table_options, OB_N("列出上级下发并已导入的考核结果包"), {}, cmd_results_list});
}

} // namespace onebook::cli
