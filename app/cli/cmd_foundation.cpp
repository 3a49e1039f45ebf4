// Commands of the foundation: plugins, init, info, member add|list|import.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"
#include "onebook/roster_import.hpp"
#include "onebook/sectors.hpp"

#include <ostream>

namespace onebook::cli {

namespace {

std::string date_text(const std::optional<core::Date>& d) { return d ? d->iso() : ""; }

std::optional<core::Date> date_option(const Args& a, const std::string& name) {
    std::string v = a.get(name);
    if (v.empty()) return std::nullopt;
    auto d = core::Date::parse(v);
    if (!d)
        throw core::Error(OB_N("选项 --{option} 的日期“{value}”无法识别或不存在，应写作 2024-03-01、2024/3/1 或 2024年3月1日"),
                          {{"option", name}, {"value", v}});
    return d;
}

std::string mask(const std::string& s, std::size_t keep_front, std::size_t keep_back) {
    if (s.size() <= keep_front + keep_back) return s;
    return s.substr(0, keep_front) + std::string(s.size() - keep_front - keep_back, '*') + s.substr(s.size() - keep_back);
}

int cmd_plugins(Context& ctx) {
    auto& host = ctx.plugins();
    if (ctx.json()) {
        ctx.out << "{\"loaded\":[";
        bool first = true;
        for (const auto& p : host.loaded()) {
            const auto& m = p->manifest();
            ctx.out << (first ? "" : ",") << "{\"id\":" << json_quote(m.id) << ",\"name_zh\":" << json_quote(m.name_zh)
                    << ",\"name_en\":" << json_quote(m.name_en) << ",\"version\":" << json_quote(m.version)
                    << ",\"code\":" << (p->has_code() ? "true" : "false") << ",\"folder\":" << json_quote(m.folder.string())
                    << "}";
            first = false;
        }
        ctx.out << "],\"rejected\":[";
        first = true;
        for (const auto& r : host.rejected()) {
            ctx.out << (first ? "" : ",") << "{\"folder\":" << json_quote(r.folder.string()) << ",\"id\":" << json_quote(r.id)
                    << ",\"reason\":" << json_quote(app::tr(r.reason)) << "}";
            first = false;
        }
        ctx.out << "]}\n";
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : host.loaded()) {
        const auto& m = p->manifest();
        rows.push_back({m.id, app::current_language() == app::UiLanguage::Chinese ? m.name_zh : m.name_en, m.version,
                        p->has_code() ? _("代码+数据") : _("数据"), m.folder.string()});
    }
    ctx.out << _("已加载的插件") << " (" << host.loaded().size() << ")\n";
    print_table(ctx.out, {_("标识"), _("名称"), _("版本"), _("类型"), _("位置")}, rows);
    if (!host.rejected().empty()) {
        ctx.out << "\n" << _("未加载的插件") << " (" << host.rejected().size() << ")\n";
        for (const auto& r : host.rejected()) ctx.out << "  " << app::tr(r.reason) << "\n";
    }
    return 0;
}

int cmd_init(Context& ctx) {
    const auto& a = ctx.args();
    std::string file = a.positional(0);
    if (file.empty()) file = ctx.archive_path();
    if (file.empty()) throw core::Error(OB_N("请给出新档案的文件名，例如 onebook-cli init 幸福里.onebook --sector community --name …"));
    const auto& plugin = ctx.plugins().require(a.require("sector"));
    auto sector = core::sector_info(plugin);
    core::Organisation org;
    org.name = a.require("name");
    org.sector = sector.id;
    org.form = a.get("form", sector.default_form);
    org.superior_name = a.get("superior");
    org.founded_on = date_option(a, "founded");
    org.approval_ref = a.get("approval");
    auto archive = core::Archive::create(file, org);
    ctx.out << core::substitute(_("已新建档案 {file}：{name}（{sector}，{form}）"),
                                {{"file", file}, {"name", org.name}, {"sector", sector.name_zh}, {"form", org.form}})
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
            << _("党员") << ": " << roster.count_members() << "（" << _("正式党员") << " "
            << roster.count_members("正式党员") << "，" << _("预备党员") << " " << roster.count_members("预备党员") << "）\n"
            << _("党小组") << ": " << roster.groups().size() << "\n"
            << _("入党积极分子和培养对象") << ": " << roster.activists().size() << "\n";
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
    m.birth_date = date_option(a, "birth");
    m.education = a.get("education");
    m.workplace_post = a.get("workplace");
    m.join_date = date_option(a, "joined");
    m.full_date = date_option(a, "full");
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
    bool show_private = ctx.args().has("show-private");
    std::map<core::Id, std::string> group_names;
    for (const auto& g : roster.groups()) group_names[g.id] = g.name;
    auto list = roster.members(f, true);
    if (ctx.json()) {
        ctx.out << "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& m = list[i];
            ctx.out << (i ? "," : "") << "{\"id\":" << m.id << ",\"name\":" << json_quote(m.name)
                    << ",\"gender\":" << json_quote(m.gender) << ",\"birth_date\":" << json_quote(date_text(m.birth_date))
                    << ",\"join_date\":" << json_quote(date_text(m.join_date))
                    << ",\"full_date\":" << json_quote(date_text(m.full_date)) << ",\"status\":" << json_quote(m.status)
                    << ",\"group\":" << json_quote(m.group_id ? group_names[*m.group_id] : "")
                    << ",\"category\":" << json_quote(m.category);
            if (show_private)
                ctx.out << ",\"id_number\":" << json_quote(m.priv.id_number) << ",\"phone\":" << json_quote(m.priv.phone)
                        << ",\"address\":" << json_quote(m.priv.address);
            ctx.out << "}";
        }
        ctx.out << "]\n";
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : list) {
        rows.push_back({std::to_string(m.id), m.name, m.gender, date_text(m.birth_date), m.education,
                        date_text(m.join_date), m.status, m.group_id ? group_names[*m.group_id] : "", m.category,
                        show_private ? m.priv.id_number : mask(m.priv.id_number, 3, 2),
                        show_private ? m.priv.phone : mask(m.priv.phone, 3, 2)});
    }
    print_table(ctx.out,
                {_("编号"), _("姓名"), _("性别"), _("出生日期"), _("学历"), _("入党时间"), _("党员类别"), _("党小组"),
                 _("人员类别"), _("身份证号"), _("联系电话")},
                rows);
    ctx.out << core::substitute(_("共 {count} 名党员"), {{"count", std::to_string(list.size())}}) << "\n";
    return 0;
}

int cmd_member_import(Context& ctx) {
    std::string file = ctx.args().positional(0);
    if (file.empty()) throw core::Error(OB_N("请给出要导入的 CSV 文件"));
    auto& archive = ctx.archive();
    core::Roster roster(archive.db(), archive.home().id);
    core::RosterImporter importer(roster);
    auto report = importer.import_file(file, ctx.args().has("dry-run"));
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
    add_command({{"plugins"}, "[--format json]", OB_N("列出已加载的行业插件，以及未能加载的插件和原因"), {}, cmd_plugins});
    add_command({{"init"},
                 "FILE --sector ID --name NAME [--form 党支部] [--superior NAME] [--founded DATE] [--approval REF]",
                 OB_N("新建档案（一个 .onebook 文件）"), {}, cmd_init});
    add_command({{"info"}, "", OB_N("显示档案概况：组织、党员、党小组、支委会"), {}, cmd_info});
    add_command({{"member", "add"},
                 "--name NAME [--gender 男|女] [--birth DATE] [--education TEXT] [--workplace TEXT] [--joined DATE] "
                 "[--full DATE] [--status 正式党员|预备党员] [--group NAME] [--category 直管|协管|代管] [--employer TEXT] "
                 "[--id-number ID] [--phone TEL] [--address TEXT] [--ethnicity 汉族] [--notes TEXT]",
                 OB_N("添加一名党员"), {}, cmd_member_add});
    add_command({{"member", "list"}, "[--filter TEXT] [--status S] [--category C] [--show-private] [--format json]",
                 OB_N("列出党员名册（身份证号、电话默认部分隐藏）"), {"show-private"}, cmd_member_list});
    add_command({{"member", "import"}, "FILE.csv [--dry-run]",
                 OB_N("从 Excel 导出的 CSV（UTF-8 或 GBK）导入党员名册；有任何错误行则全部不导入"), {"dry-run"},
                 cmd_member_import});
}

} // namespace onebook::cli
