// Commands of search, packages and the superior's summary: search, package export|verify|import|log,
// summary [pdf|csv|explain] (also as `district summary`).
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/archive/tables.hpp"
#include "onebook/atomic_file.hpp"
#include "onebook/json_text.hpp"
#include "onebook/numbers.hpp"

#include "onebook/archive/package.hpp"
#include "onebook/archive/results_package.hpp"
#include "onebook/archive/search.hpp"
#include "onebook/archive/summary.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/platform.hpp"

#include <cstdio>
#include <fstream>
#include <ostream>

namespace onebook::cli {

core::Organisation organisation_option(core::Archive& archive, const std::string& key) {
    core::OrganisationStore orgs(archive.db());
    std::optional<core::Organisation> org = orgs.by_uid(key);
    if (!org)
        for (const auto& x : orgs.all())
            if (x.name == key) org = x;
    if (!org) throw core::Error(OB_N("档案中没有名为或标识为“{org}”的组织"), {{"org", key}});
    return *org;
}

namespace {

// ---- search ------------------------------------------------------------------------------------

int cmd_search(Context& ctx) {
    const auto& a = ctx.args();
    std::string query;
    for (const auto& p : a.positional()) query += (query.empty() ? "" : " ") + p;
    if (query.empty()) throw core::Error(OB_N("请给出要搜索的文字，例如 onebook-cli search 党费"));
    auto& archive = ctx.archive();
    archive::SearchIndex index(archive, &ctx.plugins());
    archive::SearchOptions o;
    o.limit = std::stoi(a.get("limit", "20"));
    o.kinds = a.all("kind");
    if (a.has("org")) { o.organisation_id = organisation_option(archive, a.get("org")).id; }
    // Matches stand out: bold red on a terminal, 【】 in a file or pipe (or as asked).
    std::string marks = a.get("marks", core::platform::is_terminal(stdout) && !ctx.json() ? "bold" : "brackets");
    if (marks == "bold") {
        o.open = "\x1b[1;31m";
        o.close = "\x1b[0m";
    }
    auto r = index.search(query, o);
    if (ctx.json()) {
        Poco::JSON::Array::Ptr hits = new Poco::JSON::Array;
        for (const auto& h : r.hits) {
            auto hit = core::json_object();
            hit->set("kind", h.kind);
            hit->set("kind_label", h.kind_label);
            hit->set("ref", h.ref);
            hit->set("organisation", h.organisation);
            hit->set("location", h.location);
            hit->set("date", h.item_date);
            hit->set("title", h.title);
            hit->set("snippet", h.snippet);
            hit->set("rank", h.rank);
            hits->add(hit);
        }
        auto answer = core::json_object();
        answer->set("query", r.query);
        answer->set("total", r.total);
        answer->set("hits", hits);
        ctx.out << core::json_text(answer) << "\n";
        return 0;
    }
    if (r.match.empty()) {
        ctx.out << _("没有可搜索的文字（只有标点或空格）") << "\n";
        return 0;
    }
    ctx.out << core::substitute(_("搜索“{query}”：共 {total} 条"), {{"query", query}, {"total", std::to_string(r.total)}});
    if (static_cast<int>(r.hits.size()) < r.total)
        ctx.out << core::substitute(_("，显示前 {count} 条（--limit 可调整）"), {{"count", std::to_string(r.hits.size())}});
    ctx.out << "\n";
    bool many_orgs = false;
    for (const auto& h : r.hits) many_orgs = many_orgs || h.organisation != r.hits.front().organisation;
    int n = 0;
    for (const auto& h : r.hits) {
        ++n;
        ctx.out << "\n" << (n < 10 ? " " : "") << n << ". [" << _(h.kind_label) << "] " << h.title << "\n";
        ctx.out << "    " << h.location;
        if (many_orgs || o.organisation_id) ctx.out << "  （" << h.organisation << "）";
        ctx.out << "\n";
        if (!h.snippet.empty()) ctx.out << "    " << h.snippet << "\n";
    }
    return 0;
}

int cmd_search_rebuild(Context& ctx) {
    auto& archive = ctx.archive();
    int n = archive::rebuild_index(archive, &ctx.plugins());
    ctx.out << core::substitute(_("搜索索引已重建：{count} 条可搜索内容"), {{"count", std::to_string(n)}}) << "\n";
    return 0;
}

// ---- packages ----------------------------------------------------------------------------------

void print_rows(Context& ctx, const std::map<std::string, int>& rows) {
    std::vector<std::vector<std::string>> table;
    for (const auto& [t, n] : rows)
        if (n) table.push_back({_(archive::table_label(t)), t, std::to_string(n)});
    print_table(ctx.out, {_("内容"), _("表"), _("条数")}, table);
}

/// The rows of each table a package holds, as JSON ({"member": 6, …}): what print_rows shows.
Poco::JSON::Object::Ptr rows_json(const std::map<std::string, int>& rows) {
    auto out = core::json_object();
    for (const auto& [t, n] : rows)
        if (n) out->set(t, n);
    return out;
}

int cmd_package_export(Context& ctx) {
    const auto& a = ctx.args();
    if (a.has("results")) return cmd_results_export(ctx);
    std::string out = a.get("out", a.positional(0));
    if (out.empty()) throw core::Error(OB_N("请用 --out 给出档案包文件名，例如 --out 幸福里-2025.zip"));
    archive::ExportOptions o;
    o.include_private = a.has("include-private");
    if (a.has("org")) o.organisation_uid = a.get("org");
    auto r = archive::export_package(ctx.archive(), out, o);
    if (ctx.json()) {
        auto answer = core::json_object();
        answer->set("file", r.file.string());
        answer->set("package_id", r.package_id);
        answer->set("organisation", r.organisation);
        answer->set("organisation_uid", r.organisation_uid);
        answer->set("exported_at", r.exported_at);
        answer->set("bytes", r.bytes);
        answer->set("payload_oxum", r.payload_oxum);
        answer->set("files", r.files);
        answer->set("includes_private", r.includes_private);
        answer->set("rows", rows_json(r.rows));
        ctx.out << core::json_text(answer) << "\n";
        return 0;
    }
    ctx.out << core::substitute(_("已导出档案包 {file}（{size}）"),
                                {{"file", out}, {"size", core::format_size(static_cast<std::int64_t>(r.bytes))}})
            << "\n"
            << _("组织") << ": " << r.organisation << "（" << r.organisation_uid << "）\n"
            << _("档案包标识") << ": " << r.package_id << "\n"
            << _("导出时间") << ": " << r.exported_at << "\n"
            << "Payload-Oxum: " << r.payload_oxum << "\n"
            << _("存储文件") << ": " << r.files << "\n"
            << _("个人信息（身份证号、电话、住址）") << ": "
            << (r.includes_private ? _("已包含") : _("未包含（需要时加 --include-private）")) << "\n\n";
    print_rows(ctx, r.rows);
    return 0;
}

/// What package verify and package import both accept: --allow-older, --readmit, --accept-changes.
archive::ImportOptions import_options(Context& ctx) {
    archive::ImportOptions o;
    o.allow_older = ctx.args().has("allow-older");
    o.readmit = ctx.args().has("readmit");
    o.accept_changes = ctx.args().has("accept-changes");
    o.plugins = &ctx.plugins();
    return o;
}

int cmd_package_verify(Context& ctx) {
    std::string file = ctx.args().positional(0);
    if (file.empty()) throw core::Error(OB_N("请给出要检查的档案包，例如 onebook-cli package verify 幸福里-2025.zip"));
    core::Archive* target = ctx.archive_path().empty() ? nullptr : &ctx.archive();
    if (archive::is_results_package(file)) {
        if (!target)
            throw core::Error(OB_N("{file} 是上级下发的考核结果包，请用 --archive 指定要导入它的支部档案来检查"),
                              {{"file", file}});
        return cmd_results_import(ctx, file, true);
    }
    auto o = import_options(ctx);
    archive::PackageInfo info;
    try {
        info = archive::verify_package(file, target, o);
    } catch (const core::Error& e) {
        // With --exit-code a package that fails the check is a finding (exit 3), not a broken run.
        if (!ctx.args().has("exit-code") || !std::filesystem::is_regular_file(file)) throw;
        if (ctx.json()) {
            auto answer = core::json_object();
            answer->set("ok", false);
            answer->set("problem", app::describe(e));
            ctx.out << core::json_text(answer) << "\n";
        } else ctx.err << _("检查未通过") << ": " << app::describe(e) << "\n";
        return exit_problems;
    }
    if (ctx.json()) {
        auto answer = core::json_object();
        answer->set("ok", true);
        answer->set("package_id", info.package_id);
        answer->set("organisation", info.organisation);
        answer->set("organisation_uid", info.organisation_uid);
        answer->set("sector", info.sector);
        answer->set("exported_at", info.exported_at);
        answer->set("schema_version", info.schema_version);
        answer->set("entries", info.entries);
        answer->set("files", info.files);
        answer->set("bytes", info.bytes);
        answer->set("includes_private", info.includes_private);
        answer->set("signed", info.signed_package);
        answer->set("fingerprint", info.fingerprint);
        answer->set("payload_oxum", info.payload_oxum);
        answer->set("rows", rows_json(info.rows));
        ctx.out << core::json_text(answer) << "\n";
        return 0;
    }
    ctx.out << core::substitute(_("档案包 {file} 检查通过：{entries} 个条目，全部校验和一致"),
                                {{"file", file}, {"entries", std::to_string(info.entries)}})
            << "\n"
            << _("组织") << ": " << info.organisation << "（" << info.sector << "，" << info.organisation_uid << "）\n"
            << _("档案包标识") << ": " << info.package_id << "\n"
            << _("导出时间") << ": " << info.exported_at << "  Payload-Oxum: " << info.payload_oxum << "\n"
            << _("个人信息") << ": " << (info.includes_private ? _("已包含") : _("未包含")) << "\n"
            << _("签名") << ": "
            << (info.signed_package ? core::substitute(_("有效（密钥 {fingerprint}）"), {{"fingerprint", info.fingerprint}})
                                    : _("无（旧版本导出，导入时会提示）"))
            << "\n\n";
    print_rows(ctx, info.rows);
    return 0;
}

int cmd_package_import(Context& ctx) {
    std::string file = ctx.args().positional(0);
    if (file.empty()) throw core::Error(OB_N("请给出要导入的档案包，例如 onebook-cli package import 幸福里-2025.zip"));
    if (archive::is_results_package(file)) return cmd_results_import(ctx, file, false);
    auto o = import_options(ctx);
    auto r = archive::import_package(ctx.archive(), file, o);
    for (const auto& n : r.notes) ctx.err << n << "\n";
    if (ctx.json()) {
        Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
        for (const auto& c : r.changes) {
            auto change = core::json_object();
            change->set("kind", c.kind);
            change->set("added", c.added);
            change->set("removed", c.removed);
            change->set("changed", c.changed);
            change->set("unchanged", c.unchanged);
            changes->add(change);
        }
        auto answer = core::json_object();
        answer->set("outcome", r.outcome);
        answer->set("organisation_id", r.organisation_id);
        answer->set("organisation", r.package.organisation);
        answer->set("package_id", r.package.package_id);
        answer->set("seconds", r.seconds);
        answer->set("files_added", r.files_added);
        answer->set("changes", changes);
        ctx.out << core::json_text(answer) << "\n";
        return 0;
    }
    std::string outcome = r.outcome == "added"      ? _("新导入")
                          : r.outcome == "replaced" ? _("已用新档案包更新")
                                                    : _("与已导入的内容相同，未做更改");
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
    ctx.out << core::substitute(
                   _("已导入档案包 {file}：{organisation}（{outcome}，用时 {seconds} 秒）"),
                   {{"file", file}, {"organisation", r.package.organisation}, {"outcome", outcome}, {"seconds", secs}})
            << "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.changes)
        if (c.added || c.removed || c.changed || c.unchanged)
            rows.push_back({_(c.label), std::to_string(c.added), std::to_string(c.removed), std::to_string(c.changed),
                            std::to_string(c.unchanged)});
    print_table(ctx.out, {_("内容"), _("新增"), _("删除"), _("修改"), _("未变")}, rows);
    if (r.files_added)
        ctx.out << core::substitute(_("新存入文件 {count} 个"), {{"count", std::to_string(r.files_added)}}) << "\n";
    return 0;
}

int cmd_package_log(Context& ctx) {
    auto log = archive::import_log(ctx.archive());
    archive::Table t;
    t.key = "package_log";
    t.title = {OB_N("档案包导入记录"), {}};
    t.organisation = ctx.archive().home().name;
    t.date = core::Date::today();
    t.columns = {{"imported_at", OB_N("导入时间"), archive::CellType::Text},
                 {"organisation", OB_N("组织"), archive::CellType::Text},
                 {"exported_at", OB_N("导出时间"), archive::CellType::Text},
                 {"file", OB_N("文件"), archive::CellType::Text},
                 {"outcome", OB_N("结果"), archive::CellType::Text, true},
                 {"added", OB_N("新增"), archive::CellType::Integer},
                 {"removed", OB_N("删除"), archive::CellType::Integer},
                 {"changed", OB_N("修改"), archive::CellType::Integer},
                 {"note", OB_N("说明"), archive::CellType::Text}};
    for (const auto& e : log) {
        long long added = 0, removed = 0, changed = 0;
        for (const auto& c : e.changes) {
            added += c.added;
            removed += c.removed;
            changed += c.changed;
        }
        t.add_row({e.imported_at, e.organisation, e.exported_at.substr(0, 19), e.file_name,
                   std::string(e.outcome == "added"      ? OB_N("新导入")
                               : e.outcome == "replaced" ? OB_N("更新")
                                                         : OB_N("未变")),
                   added, removed, changed, archive::text_value(e.note)});
    }
    return emit_tables(ctx, {t});
}

// ---- the superior's summary --------------------------------------------------------------------

void print_summary(Context& ctx, const archive::GradingSummary& s) {
    ctx.out << core::substitute(_("{superior} {year} 年度基层党组织分类定级情况"),
                                {{"superior", s.superior}, {"year", std::to_string(s.year)}})
            << "\n\n"
            << _("汇总表") << "\n";
    std::vector<std::string> head = {_("类别"), _("总数")};
    for (const auto& g : s.grades) head.push_back(g);
    std::vector<std::vector<std::string>> rows;
    auto line = [&](const archive::GradingCounts& c) {
        std::vector<std::string> r = {c.sector_name, std::to_string(c.count)};
        for (std::size_t k = 0; k < s.grades.size(); ++k) {
            int n = k < c.by_grade.size() ? c.by_grade[k] : 0;
            r.push_back(std::to_string(n) + " (" + archive::percent(c.count ? static_cast<double>(n) / c.count : 0) + ")");
        }
        rows.push_back(r);
    };
    for (const auto& c : s.sectors) line(c);
    line(s.all);
    print_table(ctx.out, head, rows);

    ctx.out << "\n" << _("一览表") << "\n";
    rows.clear();
    int n = 0;
    for (const auto& r : s.rows) {
        char total[16];
        std::snprintf(total, sizeof total, "%.1f", r.total);
        rows.push_back({std::to_string(++n), r.name, r.sector_name, total, r.grade,
                        r.needs_explanation ? (r.explanation.empty() ? _("须说明，尚未填写") : r.explanation) : ""});
    }
    print_table(ctx.out, {_("序号"), _("党组织"), _("类别"), _("得分"), _("等级"), _("说明情况")}, rows);

    ctx.out << "\n" << _("较差名单") << ": ";
    if (s.poor.empty()) ctx.out << _("无");
    for (std::size_t k = 0; k < s.poor.size(); ++k) ctx.out << (k ? "、" : "") << s.poor[k].name;
    ctx.out << "\n\n"
            << _("比例检查") << "\n"
            << "  “" << s.good_grade << "” " << archive::percent(s.good_share) << " ≤ " << archive::percent(s.good_max_share)
            << "（" << _("机关、教育卫生事业单位除外") << "）: " << (s.good_share_ok ? _("符合") : _("超出")) << "\n"
            << "  “" << s.poor_grade << "” " << archive::percent(s.poor_share) << " ≈ " << archive::percent(s.poor_target) << ": "
            << (s.poor_share_ok ? _("符合") : _("偏离")) << "\n";
    if (!s.missing_explanations.empty()) {
        ctx.out << "\n" << _("须说明情况而尚未填写（onebook-cli summary explain …）") << ":\n";
        for (const auto& r : s.missing_explanations) ctx.out << "  · " << r.name << "：" << r.why << "\n";
    }
    for (const auto& w : s.warnings) ctx.out << "! " << app::tr(w) << "\n";
}

void write_text_file(const std::string& path, const std::string& text) { core::write_file_atomically(path, text); }

int cmd_summary(Context& ctx) {
    const auto& a = ctx.args();
    auto s = archive::grading_summary(ctx.archive(), ctx.plugins(), year_option(a));
    if (a.has("pdf")) archive::summary_pdf(s, a.get("pdf"));
    if (a.has("csv")) write_text_file(a.get("csv"), archive::summary_csv(s));
    if (!wants_report(ctx)) return emit_tables(ctx, archive::summary_tables(s, core::Date::today()));
    print_summary(ctx, s);
    if (a.has("pdf")) ctx.out << "\n" << _("已生成") << " " << a.get("pdf") << "\n";
    if (a.has("csv")) ctx.out << (a.has("pdf") ? "" : "\n") << _("已生成") << " " << a.get("csv") << "\n";
    return 0;
}

int cmd_summary_pdf(Context& ctx) {
    const auto& a = ctx.args();
    std::string out = a.get("out", a.positional(0));
    if (out.empty()) throw core::Error(OB_N("请用 --out 给出 PDF 文件名"));
    auto s = archive::grading_summary(ctx.archive(), ctx.plugins(), year_option(a));
    archive::summary_pdf(s, out);
    ctx.out << core::substitute(_("已生成分类定级情况报告 {file}：{count} 个党组织"),
                                {{"file", out}, {"count", std::to_string(s.rows.size())}})
            << "\n";
    for (const auto& w : s.warnings) ctx.out << "! " << app::tr(w) << "\n";
    return 0;
}

int cmd_summary_csv(Context& ctx) {
    const auto& a = ctx.args();
    std::string out = a.get("out", a.positional(0));
    if (out.empty()) throw core::Error(OB_N("请用 --out 给出 CSV 文件名"));
    auto s = archive::grading_summary(ctx.archive(), ctx.plugins(), year_option(a));
    write_text_file(out, archive::summary_csv(s));
    ctx.out << core::substitute(_("已生成 {file}（UTF-8，Excel 可直接打开）"), {{"file", out}}) << "\n";
    return 0;
}

int cmd_summary_explain(Context& ctx) {
    const auto& a = ctx.args();
    auto& archive = ctx.archive();
    std::optional<core::Organisation> org = organisation_option(archive, a.require("org"));
    std::string text = a.require("text");
    archive::set_grading_explanation(archive, org->id, year_option(a), text, a.get("by"));
    ctx.out << core::substitute(text.empty() ? _("已删除 {org} 的说明情况") : _("已记录 {org} 的说明情况"), {{"org", org->name}})
            << "\n";
    return 0;
}

} // namespace

void register_packages_commands() {
    add_command({{"search"},
                 "TEXT… [--limit 20] [--kind record|document|ruletext|entry|rectification|assessment] [--org NAME] "
                 "[--marks bold|brackets] [--format json]",
                 OB_N("全文搜索会议记录、归档文件、基本制度、整改事项和考核评分说明（一两个字也能搜）"),
                 {},
                 cmd_search});
    add_command({{"search", "rebuild"}, "", OB_N("重建搜索索引"), {}, cmd_search_rebuild});
    add_command(
        {{"package", "export"},
         "(--out FILE.zip | FILE.zip) [--include-private] [--org UID] [--results] [--branch NAME] [--year 2025] [--dir FOLDER] "
         "[--format json]",
         OB_N("导出本组织的档案包（BagIt 格式 zip，报送上级用；默认不含身份证号、电话、住址）；"
              "上级档案加 --results 为每个下级党组织（或 --branch 指定的一个）下发考核结果包到 --dir 文件夹"),
         {"include-private", "results"},
         cmd_package_export});
    add_command(
        {{"package", "verify"},
         "FILE.zip [--allow-older] [--readmit] [--accept-changes] [--exit-code] [--format json]",
         OB_N("检查档案包：逐个条目、逐个校验和、签名和每个值，并试导入后撤销（给出 --archive 时按该档案检查），不写入任何内容"),
         {"allow-older", "readmit", "accept-changes", "exit-code"},
         cmd_package_verify});
    add_command({{"package", "import"},
                 "FILE.zip [--allow-older] [--readmit] [--accept-changes] [--format json]",
                 OB_N("把下级党组织的档案包导入上级档案（先全部检查，再一次性写入；重复导入不会重复；"
                      "签名密钥变了要 --readmit，改名、改类别或记录大量减少要 --accept-changes）；"
                      "支部档案中导入上级下发的考核结果包"),
                 {"allow-older", "readmit", "accept-changes"},
                 cmd_package_import});
    add_command({{"package", "log"}, table_options, OB_N("列出档案包导入记录"), {}, cmd_package_log});
    for (std::vector<std::string> path : {std::vector<std::string>{"summary"}, std::vector<std::string>{"district", "summary"}})
        add_command({path,
                     std::string("--year 2025 [--pdf FILE.pdf] [--csv FILE.csv] ") + table_options,
                     OB_N("上级党组织的分类定级汇总：汇总表、一览表、较差名单、比例检查、须说明情况的党组织"),
                     {},
                     cmd_summary});
    add_command(
        {{"summary", "pdf"}, "--year 2025 (--out FILE.pdf | FILE.pdf)", OB_N("生成分类定级情况报告 PDF"), {}, cmd_summary_pdf});
    add_command({{"summary", "csv"},
                 "--year 2025 (--out FILE.csv | FILE.csv)",
                 OB_N("导出分类定级汇总 CSV（Excel 可直接打开）"),
                 {},
                 cmd_summary_csv});
    add_command({{"summary", "explain"},
                 "--year 2025 --org NAME --text TEXT [--by NAME]",
                 OB_N("填写（或用空文字删除）某党组织定级的说明情况"),
                 {},
                 cmd_summary_explain});
}

} // namespace onebook::cli
