// Commands of the foundation: plugins, init, info, member add|list|import.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/tables.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/sectors.hpp"

#include <map>
#include <ostream>

namespace onebook::cli {

namespace {

std::string date_text(const std::optional<core::Date>& d) { return d ? d->iso() : ""; }

archive::Table loaded_plugins_table(const core::PluginHost& host) {
    archive::Table loaded;
    loaded.key = "plugins";
    loaded.title = {OB_N("已加载的插件"), {}};
    loaded.date = core::Date::today();
    loaded.columns = {{"id", OB_N("标识"), archive::CellType::Text},          {"name_zh", OB_N("名称"), archive::CellType::Text},
                      {"name_en", OB_N("英文名称"), archive::CellType::Text}, {"version", OB_N("版本"), archive::CellType::Text},
                      {"kind", OB_N("类型"), archive::CellType::Text, true},  {"folder", OB_N("位置"), archive::CellType::Text},
                      {"base", OB_N("基础数据"), archive::CellType::Text}};
    for (const auto& p : host.loaded()) {
        const auto& m = p->manifest();
        loaded.add_row({m.id, m.name_zh, archive::text_value(m.name_en), archive::text_value(m.version),
                        std::string(p->has_code() ? OB_N("代码+数据") : OB_N("数据")), m.folder.string(),
                        archive::text_value(m.base)});
    }
    return loaded;
}

archive::Table rejected_plugins_table(const core::PluginHost& host, const core::Date& date) {
    archive::Table rejected;
    rejected.key = "plugins_rejected";
    rejected.title = {OB_N("未加载的插件"), {}};
    rejected.date = date;
    rejected.columns = {{"id", OB_N("标识"), archive::CellType::Text},
                        {"folder", OB_N("位置"), archive::CellType::Text},
                        {"reason", OB_N("原因"), archive::CellType::Text}};
    for (const auto& r : host.rejected()) rejected.add_row({archive::text_value(r.id), r.folder.string(), app::tr(r.reason)});
    return rejected;
}

/// Where each item comes from: the shared base, the sector's override, its own addition, or switched off.
archive::Table plugin_items_table(const core::PluginHost& host, const core::Date& date) {
    archive::Table list;
    list.key = "plugin_items";
    list.title = {OB_N("插件数据的来源"), {}};
    list.date = date;
    list.columns = {{"plugin", OB_N("插件"), archive::CellType::Text},
                    {"point", OB_N("类别"), archive::CellType::Text},
                    {"id", OB_N("标识"), archive::CellType::Text},
                    {"layer", OB_N("来源"), archive::CellType::Text},
                    {"file", OB_N("文件"), archive::CellType::Text}};
    for (const auto& p : host.loaded())
        for (auto point : core::all_extension_points()) {
            if (point == core::ExtensionPoint::OrganisationDefaults) continue;
            for (const auto& d : p->contributions(point))
                list.add_row(
                    {p->id(), core::extension_folder(point), core::contribution_id(d), core::contribution_layer(d), d.source});
            for (const auto& off : p->switched_off(point))
                list.add_row({p->id(), core::extension_folder(point), off, std::string("off"), std::string()});
        }
    return list;
}

std::string point_name(core::ExtensionPoint point) {
    switch (point) {
    case core::ExtensionPoint::MeetingTemplates: return _("会议模板");
    case core::ExtensionPoint::Rules: return _("规则");
    case core::ExtensionPoint::RuleTexts: return _("制度文本");
    case core::ExtensionPoint::Rubrics: return _("评分标准");
    case core::ExtensionPoint::Sections: return _("一本通栏目");
    case core::ExtensionPoint::BoardTemplates: return _("公示牌模板");
    default: return core::extension_folder(point);
    }
}

std::string comma_list(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& i : ids) out += (out.empty() ? "" : ", ") + i;
    return out;
}

/// Where one sector's data comes from, per extension point: counts, and with `items` the ids.
void print_plugin_sources(std::ostream& out, core::LoadedPlugin& p, bool items) {
    out << "\n" << p.id();
    if (!p.manifest().base.empty())
        out << "  "
            << core::substitute(_("基础数据：{base}（{folder}）"),
                                {{"base", p.manifest().base}, {"folder", p.base_folder().string()}});
    out << "\n";
    for (auto point : core::all_extension_points()) {
        if (point == core::ExtensionPoint::OrganisationDefaults) continue;
        const auto& docs = p.contributions(point);
        const auto& off = p.switched_off(point);
        if (docs.empty() && off.empty()) continue;
        std::map<std::string, std::vector<std::string>> by_layer;
        for (const auto& d : docs) by_layer[core::contribution_layer(d)].push_back(core::contribution_id(d));
        out << "  " << point_name(point) << ": "
            << core::substitute(_("基础 {base} 项，本行业覆盖 {override} 项，本行业新增 {sector} 项，停用 {off} 项"),
                                {{"base", std::to_string(by_layer["base"].size())},
                                 {"override", std::to_string(by_layer["override"].size())},
                                 {"sector", std::to_string(by_layer["sector"].size())},
                                 {"off", std::to_string(off.size())}})
            << "\n";
        if (!items) continue;
        if (!by_layer["base"].empty()) out << "    " << _("基础") << ": " << comma_list(by_layer["base"]) << "\n";
        if (!by_layer["override"].empty()) out << "    " << _("覆盖") << ": " << comma_list(by_layer["override"]) << "\n";
        if (!by_layer["sector"].empty()) out << "    " << _("本行业") << ": " << comma_list(by_layer["sector"]) << "\n";
        if (!off.empty()) out << "    " << _("停用") << ": " << comma_list(off) << "\n";
    }
}

int cmd_plugins(Context& ctx) {
    auto& host = ctx.plugins();
    archive::Table loaded = loaded_plugins_table(host);
    archive::Table rejected = rejected_plugins_table(host, loaded.date);
    bool items = ctx.args().has("items");
    if (!wants_report(ctx)) {
        std::vector<archive::Table> tables{loaded, rejected};
        if (items) tables.push_back(plugin_items_table(host, loaded.date));
        return emit_tables(ctx, tables);
    }
    archive::render_text(ctx.out, archive::localise(std::vector<archive::Table>{loaded}, table_translator()));
    for (const auto& p : host.loaded())
        if (!p->manifest().base.empty() || items) print_plugin_sources(ctx.out, *p, items);
    if (!rejected.rows.empty()) {
        ctx.out << "\n";
        archive::render_text(ctx.out, archive::localise(std::vector<archive::Table>{rejected}, table_translator()));
    }
    return 0;
}

int cmd_init(Context& ctx) {
    const auto& a = ctx.args();
    std::string file = a.positional(0);
    if (file.empty()) file = ctx.archive_path();
    if (file.empty())
        throw core::Error(OB_N("请给出新档案的文件名，例如 onebook-cli init 幸福里.onebook --sector community --name …"));
    const auto& plugin = ctx.plugins().require(a.require("sector"));
    auto sector = core::sector_info(plugin);
    core::Organisation org;
    org.name = a.require("name");
    org.sector = sector.id;
    org.form = a.get("form", sector.default_form);
    org.superior_name = a.get("superior");
    org.founded_on = optional_date_option(a, "founded");
    org.approval_ref = a.get("approval");
    // The day records start here (default today): rules do not judge the months before it.
    auto start =
        a.has("records-start") ? optional_date_option(a, "records-start") : std::optional<core::Date>(core::Date::today());
    if (start && (start->year() < 1921 || core::Date::today() < *start))
        throw core::Error(OB_N("开始记录日期“{value}”无效：应在 1921 年之后、不晚于今天"), {{"value", start->iso()}});
    auto archive = core::Archive::create(file, org);
    archive.set_records_start(start);
    ctx.out << core::substitute(_("已新建档案 {file}：{name}（{sector}，{form}）"),
                                {{"file", file}, {"name", org.name}, {"sector", sector.name_zh}, {"form", org.form}})
            << "\n";
    if (start)
        ctx.out << core::substitute(_("开始记录日期：{date}（此前的时段不作规则检查，也不计入考核建议分）"),
                                    {{"date", start->iso()}})
                << "\n";
    return 0;
}

int cmd_info(Context& ctx) {
    auto& archive = ctx.archive();
    auto org = archive.home();
    core::Roster roster(archive.db(), org.id);
    ctx.out << _("档案") << ": " << archive.path() << "\n"
            << _("组织") << ": " << org.name << "（" << org.form << "）\n"
            << _("行业") << ": " << org.sector << "\n"
            << _("上级党组织") << ": " << org.superior_name << "\n"
            << _("成立日期") << ": " << date_text(org.founded_on) << "  " << org.approval_ref << "\n"
            << _("党员") << ": " << roster.count_members() << "（" << _("正式党员") << " " << roster.count_members("正式党员")
            << "，" << _("预备党员") << " " << roster.count_members("预备党员") << "）\n"
            << _("党小组") << ": " << roster.groups().size() << "\n"
            << _("入党积极分子和培养对象") << ": "
            << core::Recruitment(archive.db(), org.id, core::RecruitmentRules{}).before_admission().size() << "\n";
    if (auto term = roster.current_term(core::Date::today())) {
        ctx.out << _("支委会") << ": " << term->elected_on.iso() << " " << _("选举") << "，" << _("任期至") << " "
                << term->expires_on().iso() << "\n";
        for (const auto& s : term->seats) ctx.out << "  " << s.role << "  " << s.name << "\n";
    }
    return 0;
}

core::Member member_from_options(const Args& a, core::Roster& roster) {
    core::Member m;
    m.name = a.require("name");
    m.gender = a.get("gender");
    m.ethnicity = a.get("ethnicity", "汉族");
    m.birth_date = optional_date_option(a, "birth");
    m.education = a.get("education");
    m.workplace_post = a.get("workplace");
    m.join_date = optional_date_option(a, "joined");
    m.full_date = optional_date_option(a, "full");
    m.status = a.get("status", m.full_date || !m.join_date ? "正式党员" : "预备党员");
    if (m.status == "正式" || m.status == "full") m.status = "正式党员";
    if (m.status == "预备" || m.status == "probationary") m.status = "预备党员";
    m.category = a.get("category", "直管");
    m.employer = a.get("employer");
    m.notes = a.get("notes");
    if (a.has("group")) m.group_id = roster.ensure_group(a.get("group"));
    m.priv.id_number = a.get("id-number");
    m.priv.phone = a.get("phone");
    m.priv.address = a.get("address");
    return m;
}

int cmd_member_add(Context& ctx) {
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    core::Transaction tx(archive.db()); // the group (if new) and the member land together
    auto m = member_from_options(ctx.args(), roster);
    roster.add_member(m);
    tx.commit();
    ctx.out << core::substitute(_("已添加党员 {name}（编号 {id}）"), {{"name", m.name}, {"id", std::to_string(m.id)}}) << "\n";
    return 0;
}

int cmd_member_list(Context& ctx) {
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    core::MemberFilter f;
    f.text = ctx.args().get("filter");
    f.status = ctx.args().get("status");
    f.category = ctx.args().get("category");
    f.on = optional_date_option(ctx.args(), "on"); // the roster as it was on that date (today when absent)
    // Private columns (ID number, phone, address) only when asked for; --show-private is the older name.
    bool include_private = ctx.args().has("include-private") || ctx.args().has("show-private");
    auto list = roster.members(f, include_private);
    return emit_tables(ctx, {archive::roster_table(archive.home().name, list, roster.groups(), include_private,
                                                   f.on ? *f.on : core::Date::today())});
}

int cmd_member_import(Context& ctx) {
    std::string file = ctx.args().positional(0);
    if (file.empty()) throw core::Error(OB_N("请给出要导入的 Excel 工作簿（.xlsx）或 CSV 文件"));
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    core::RosterImporter importer(roster);
    auto report = importer.import_file(file, ctx.args().has("dry-run"), ctx.args().get("sheet"));
    if (!report.sheet.empty())
        ctx.out << core::substitute(_("读取 {file}（工作表“{sheet}”），{rows} 行数据"),
                                    {{"file", file}, {"sheet", report.sheet}, {"rows", std::to_string(report.rows)}})
                << "\n";
    else
        ctx.out << core::substitute(_("读取 {file}（编码 {encoding}），{rows} 行数据"),
                                    {{"file", file}, {"encoding", report.encoding}, {"rows", std::to_string(report.rows)}})
                << "\n";
    if (!report.unknown_columns.empty()) {
        std::string cols;
        for (const auto& c : report.unknown_columns) cols += (cols.empty() ? "" : "、") + c;
        ctx.out << core::substitute(_("未识别的列（内容已记入备注）：{columns}"), {{"columns", cols}}) << "\n";
    }
    if (!report.problems.empty()) {
        for (const auto& p : report.problems) {
            ctx.err << core::substitute(_("第 {row} 行"), {{"row", std::to_string(p.row)}});
            if (!p.column.empty()) ctx.err << core::substitute(_("，“{column}”列"), {{"column", p.column}});
            ctx.err << "：" << app::tr(p.reason) << "\n";
        }
        ctx.err << core::substitute(_("发现 {count} 处问题，未导入任何数据"), {{"count", std::to_string(report.problems.size())}})
                << "\n";
        return 1;
    }
    if (report.rows == 0) {
        ctx.err << _("文件中没有数据行") << "\n";
        return 1;
    }
    if (ctx.args().has("dry-run")) {
        ctx.out << _("检查通过（试运行，未写入）") << "\n";
        return 0;
    }
    ctx.out << core::substitute(_("已导入：新增 {added} 人，更新 {updated} 人"),
                                {{"added", std::to_string(report.added)}, {"updated", std::to_string(report.updated)}})
            << "\n";
    return 0;
}

} // namespace

void register_foundation_commands() {
    add_command({{"plugins"},
                 std::string("[--items] ") + table_options,
                 OB_N("列出已加载的行业插件（各项数据来自共用基础还是本行业），以及未能加载的插件和原因"),
                 {"items"},
                 cmd_plugins});
    add_command({{"init"},
                 "FILE --sector ID --name NAME [--form 党支部] [--superior NAME] [--founded DATE] [--approval REF] "
                 "[--records-start DATE]",
                 OB_N("新建档案（一个 .onebook 文件）"),
                 {},
                 cmd_init});
    add_command({{"info"}, "", OB_N("显示档案概况：组织、党员、党小组、支委会"), {}, cmd_info});
    add_command({{"member", "add"},
                 "--name NAME [--gender 男|女] [--birth DATE] [--education TEXT] [--workplace TEXT] [--joined DATE] "
                 "[--full DATE] [--status 正式党员|预备党员] [--group NAME] [--category 直管|协管|代管] [--employer TEXT] "
                 "[--id-number ID] [--phone TEL] [--address TEXT] [--ethnicity 汉族] [--notes TEXT]",
                 OB_N("添加一名党员"),
                 {},
                 cmd_member_add});
    add_command({{"member", "list"},
                 std::string("[--filter TEXT] [--status S] [--category C] [--on DATE] [--include-private] [--show-private] ") +
                     table_options,
                 OB_N("列出党员名册（身份证号、电话、住址只在 --include-private 时列出；--on 给出某日的名册）"),
                 {"include-private", "show-private"},
                 cmd_member_list});
    add_command(
        {{"member", "import"},
         "FILE [--sheet NAME] [--dry-run]",
         OB_N(
             "从 Excel 工作簿（.xlsx，第一个或 --sheet 指定的工作表）或 CSV（UTF-8 或 GBK）导入党员名册；有任何错误行则全部不导入"),
         {"dry-run"},
         cmd_member_import});
}

} // namespace onebook::cli
