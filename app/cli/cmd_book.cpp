// Commands of the one book: book sections, doc add|list|show|edit|open|codes, verify,
// catalogue pdf, book pdf, ruletext show|edit, entry add|list.
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/archive/tables.hpp"

#include "onebook/archive/book_pdf.hpp"
#include "onebook/archive/catalogue_pdf.hpp"
#include "onebook/archive/documents.hpp"
#include "onebook/archive/entries.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/sections.hpp"

#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::cli {

namespace {

archive::Retention retention_option(const Args& a, const std::string& name = "retention") {
    std::string v = a.require(name);
    auto r = archive::parse_retention(v);
    if (!r) throw core::Error(OB_N("保管期限“{value}”无效，应为 Y（永久）、D30（定期30年）或 D10（定期10年）"), {{"value", v}});
    return *r;
}

std::string holds_text(const archive::Section& s) {
    std::string out;
    for (const auto& h : s.holds) {
        std::string word = h == archive::holds::records      ? _("活动记录")
                           : h == archive::holds::documents  ? _("文件")
                           : h == archive::holds::rule_texts ? _("制度文本")
                           : h == archive::holds::entries    ? _("条目")
                                                             : _("视图");
        if (h == archive::holds::records && !s.record_types.empty()) {
            std::string types;
            for (const auto& t : s.record_types) types += (types.empty() ? "" : ",") + t;
            word += "(" + types + ")";
        }
        out += (out.empty() ? "" : "、") + word;
    }
    return out;
}

int cmd_sections(Context& ctx) {
    std::string sector = ctx.args().get("sector");
    if (sector.empty()) sector = ctx.archive().home().sector;
    auto sections = archive::book_sections(ctx.plugins(), sector);
    for (const auto& ch : archive::chapters()) {
        ctx.out << ch.title << "\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& s : sections)
            if (s.chapter == ch.id) rows.push_back({"  " + s.id, s.title, holds_text(s), s.origin == "core" ? "" : s.origin});
        print_table(ctx.out, {"  " + _("标识"), _("篇目"), _("收录"), _("来自")}, rows);
        ctx.out << "\n";
    }
    return 0;
}

std::string pages_text(const archive::Document& d) { return d.pages ? std::to_string(*d.pages) : ""; }

void fill_meta(const Args& a, archive::DocumentMeta& m, bool editing) {
    if (!editing || a.has("section")) m.section_id = a.require("section");
    if (!editing || a.has("title")) m.title = a.require("title");
    if (!editing || a.has("year")) {
        if (!a.has("year")) throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", "year"}});
        m.year = year_option(a, 0);
    }
    if (!editing || a.has("retention")) m.retention = retention_option(a);
    if (a.has("author")) m.author = a.get("author");
    if (a.has("ref")) m.doc_ref = a.get("ref");
    if (a.has("date")) {
        std::string d = a.get("date");
        if (!d.empty()) {
            auto n = archive::normalise_doc_date(d);
            if (!n)
                throw core::Error(OB_N("日期“{value}”不是有效日期，应写作 YYYYMMDD，例如 20250301"), {{"value", d}},
                                  {{}, {}, "date"});
            d = *n;
        }
        m.date = d;
    }
    if (a.has("secret")) m.secret = a.get("secret");
    if (a.has("pages")) {
        if (a.get("pages").empty()) m.pages.reset();
        else m.pages = int_option(a, "pages", 0);
    }
    if (a.has("notes")) m.notes = a.get("notes");
}

void print_document(std::ostream& out, const archive::Document& d, const std::vector<archive::Section>& sections,
                    const fs::path& stored) {
    const auto* s = archive::find_section(sections, d.section_id);
    out << _("档号") << ": " << d.archival_code() << "\n"
        << _("编号") << ": " << d.id << "\n"
        << _("题名") << ": " << d.title << "\n"
        << _("篇目") << ": " << (s ? s->title : d.section_id) << " (" << d.section_id << ")\n"
        << _("年度") << ": " << d.year << "\n"
        << _("保管期限") << ": " << archive::retention_label(d.retention) << " (" << archive::retention_code(d.retention) << ")\n"
        << _("件号") << ": " << d.item_no_text() << "\n"
        << _("责任者") << ": " << d.author << "\n"
        << _("文号") << ": " << d.doc_ref << "\n"
        << _("日期") << ": " << d.date << "\n"
        << _("密级") << ": " << d.secret << "\n"
        << _("页数") << ": " << pages_text(d) << "\n"
        << _("备注") << ": " << d.notes << "\n"
        << _("文件") << ": " << d.file_name << " (" << d.media_type << ", " << d.file_size << " B)\n"
        << "SHA-256: " << d.file_sha256 << "\n"
        << _("存放位置") << ": " << stored.string() << "\n";
}

int cmd_doc_add(Context& ctx) {
    const auto& a = ctx.args();
    std::string file = a.positional(0);
    if (file.empty())
        throw core::Error(OB_N("请给出要归档的文件，例如 onebook-cli doc add 批复.pdf --section basic.committee …"));
    archive::DocumentMeta m;
    fill_meta(a, m, false);
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    auto d = store.add(file, m);
    ctx.out << core::substitute(_("已归档：{code} {title}"), {{"code", d.archival_code()}, {"title", d.title}}) << "\n";
    ctx.out << _("编号") << ": " << d.id << "  " << _("存放位置") << ": " << store.path_of(d).string() << "\n";
    return 0;
}

int cmd_doc_list(Context& ctx) {
    const auto& a = ctx.args();
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    archive::DocumentFilter f;
    if (a.has("year")) f.year = year_option(a, 0);
    if (a.has("retention")) f.retention = retention_option(a);
    f.section_id = a.get("section");
    auto docs = store.list(f);
    return emit_tables(ctx, {archive::documents_table(ctx.archive().home().name, docs, core::Date::today())});
}

core::Id id_argument(const Context& ctx) {
    std::string v = ctx.args().positional(0);
    try {
        std::size_t used = 0;
        long long id = std::stoll(v, &used);
        if (used == v.size() && id > 0) return id;
    } catch (const std::exception&) {}
    throw core::Error(OB_N("请给出归档文件的编号（doc list 第一列），而不是“{value}”"), {{"value", v}});
}

int cmd_doc_show(Context& ctx) {
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    auto d = store.require(id_argument(ctx));
    print_document(ctx.out, d, store.sections(), store.path_of(d));
    return 0;
}

int cmd_doc_edit(Context& ctx) {
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    auto d = store.require(id_argument(ctx));
    archive::DocumentMeta m = d;
    fill_meta(ctx.args(), m, true);
    auto after = store.update(d.id, m);
    if (after.archival_code() != d.archival_code())
        ctx.out << core::substitute(_("档号已改为 {code}（原 {old}）"),
                                    {{"code", after.archival_code()}, {"old", d.archival_code()}})
                << "\n";
    print_document(ctx.out, after, store.sections(), store.path_of(after));
    return 0;
}

int cmd_doc_open(Context& ctx) {
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    auto d = store.require(id_argument(ctx));
    ctx.out << store.path_of(d).string() << "\n";
    return 0;
}

int cmd_doc_codes(Context& ctx) {
    auto& ar = ctx.archive();
    const auto& a = ctx.args();
    if (a.has("fonds")) {
        std::string v = a.get("fonds");
        if (v.empty() || v.find_first_of("-·\xC2 ") != std::string::npos)
            throw core::Error(OB_N("全宗号“{value}”无效（不能为空，不能含“-”、“·”或空格）"), {{"value", v}}, {{}, {}, "fonds"});
        ar.set_setting(archive::fonds_code_setting, v);
    }
    if (a.has("category")) {
        std::string v = a.get("category");
        if (v.empty() || v.find_first_of("-·\xC2 ") != std::string::npos)
            throw core::Error(OB_N("门类代码“{value}”无效（不能为空，不能含“-”、“·”或空格）"), {{"value", v}},
                              {{}, {}, "category"});
        ar.set_setting(archive::category_code_setting, v);
    }
    ctx.out << _("全宗号") << ": " << ar.setting(archive::fonds_code_setting, _("（未设置）")) << "\n"
            << _("门类代码") << ": " << ar.setting(archive::category_code_setting, archive::default_category_code) << "\n";
    return 0;
}

int cmd_verify(Context& ctx) {
    archive::FileStore store(ctx.archive());
    if (ctx.args().has("repair")) {
        auto r = store.repair();
        for (const auto& p : r.removed) ctx.out << _("已删除") << ": " << p.string() << "\n";
        ctx.out << core::substitute(
                       _("已清理：中断的复制留下的临时文件 {leftovers} 个，档案中无记录的文件 {unreferenced} 个"),
                       {{"leftovers", std::to_string(r.leftovers)}, {"unreferenced", std::to_string(r.unreferenced)}})
                << "\n";
    }
    // The database itself first: every page and every reference (an everyday open skips this).
    auto db_problems = ctx.archive().check_database();
    for (const auto& p : db_problems) ctx.out << _("数据库") << ": " << p << "\n";
    ctx.out << (db_problems.empty() ? _("数据库完整性检查通过（全部页面和引用）") : _("数据库完整性检查未通过")) << "\n";
    auto report = store.verify();
    using K = archive::StoreProblem::Kind;
    for (const auto& p : report.problems) {
        std::string users;
        for (const auto& u : p.used_by) users += (users.empty() ? "" : "；") + u;
        switch (p.kind) {
        case K::Missing: ctx.out << _("缺失") << ": " << p.path.string() << (users.empty() ? "" : "  ← " + users) << "\n"; break;
        case K::Altered:
            ctx.out << _("已被改动") << ": " << p.path.string() << "  (" << _("现哈希") << " " << p.detail << ")"
                    << (users.empty() ? "" : "  ← " + users) << "\n";
            break;
        case K::Unreferenced: ctx.out << _("多余文件（档案中无记录）") << ": " << p.path.string() << "\n"; break;
        case K::Leftover: ctx.out << _("中断的复制留下的临时文件") << ": " << p.path.string() << "\n"; break;
        }
    }
    ctx.out << core::substitute(_("已校验 {count} 个文件（{bytes} 字节）：缺失 {missing}，改动 {altered}，多余 {extra}"),
                                {{"count", std::to_string(report.checked)},
                                 {"bytes", std::to_string(report.bytes)},
                                 {"missing", std::to_string(report.count(K::Missing))},
                                 {"altered", std::to_string(report.count(K::Altered))},
                                 {"extra", std::to_string(report.count(K::Unreferenced) + report.count(K::Leftover))}})
            << "\n";
    if (!db_problems.empty()) {
        ctx.err << _("校验未通过：数据库已损坏或有无法对应的引用，请从备份恢复（onebook-cli backup list）") << "\n";
        return ctx.args().has("exit-code") ? exit_problems : exit_error;
    }
    if (!report.ok()) {
        ctx.err << _("校验未通过：有文件缺失或被改动") << "\n";
        return ctx.args().has("exit-code") ? exit_problems : exit_error;
    }
    return 0;
}

int cmd_catalogue_pdf(Context& ctx) {
    const auto& a = ctx.args();
    int year = year_option(a, 0);
    if (!a.has("year")) throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", "year"}});
    auto retention = retention_option(a);
    fs::path out = a.require("out");
    archive::DocumentStore store(ctx.archive(), ctx.plugins());
    auto r = archive::write_catalogue_pdf(ctx.archive(), store, year, retention, out);
    ctx.out << core::substitute(
                   _("已生成归档文件目录 {file}：{count} 件，{pages} 页"),
                   {{"file", out.string()}, {"count", std::to_string(r.documents)}, {"pages", std::to_string(r.pages)}})
            << "\n";
    return 0;
}

int cmd_book_pdf(Context& ctx) {
    const auto& a = ctx.args();
    if (!a.has("year")) throw core::Error(OB_N("缺少必需的选项 --{option}"), {{"option", "year"}});
    archive::BookOptions o;
    o.year = year_option(a, 0);
    fs::path out = a.require("out");
    auto start = std::chrono::steady_clock::now();
    auto r = archive::write_book_pdf(ctx.archive(), ctx.plugins(), o, out);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream s;
    s.precision(1);
    s << std::fixed << secs;
    ctx.out
        << core::substitute(
               _("已生成 {year} 年度一本通 {file}：{pages} 页，{records} 条活动记录，{documents} 件归档文件，{kb} KB，用时 {seconds} 秒"),
               {{"year", std::to_string(o.year)},
                {"file", out.string()},
                {"pages", std::to_string(r.pages)},
                {"records", std::to_string(r.records)},
                {"documents", std::to_string(r.documents)},
                {"kb", std::to_string((r.bytes + 1023) / 1024)},
                {"seconds", s.str()}})
        << "\n";
    for (const auto& w : r.warnings) ctx.err << _("提示") << ": " << app::tr(w) << "\n";
    return 0;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error(OB_N("无法读取文件 {file}"), {{"file", path}}, {path, {}, {}});
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
    return s;
}

int cmd_ruletext_show(Context& ctx) {
    archive::RuleTextStore store(ctx.archive(), ctx.plugins());
    std::string id = ctx.args().positional(0);
    if (id.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& t : store.all())
            rows.push_back({t.id, t.title,
                            t.edited       ? _("已修改") + " " + t.edited_at
                            : t.model_text ? _("示范文本，请按本支部实际修改")
                                           : _("插件标准文本"),
                            t.origin});
        print_table(ctx.out, {_("标识"), _("制度"), _("状态"), _("来自")}, rows);
        return 0;
    }
    auto t = store.require(id);
    ctx.out << t.title << "\n\n"
            << t.body << "\n\n"
            << _("依据") << ": " << t.source << "\n"
            << _("状态") << ": "
            << (t.edited       ? _("已修改") + " " + t.edited_at
                : t.model_text ? _("示范文本，请按本支部实际修改")
                               : _("插件标准文本"))
            << "\n";
    return 0;
}

int cmd_ruletext_edit(Context& ctx) {
    const auto& a = ctx.args();
    std::string id = a.positional(0);
    if (id.empty()) throw core::Error(OB_N("请给出制度文本的标识，可用 onebook-cli ruletext show 查看"));
    archive::RuleTextStore store(ctx.archive(), ctx.plugins());
    if (a.has("reset")) {
        store.reset(id);
        ctx.out << core::substitute(_("制度文本 {id} 已恢复为插件标准文本"), {{"id", id}}) << "\n";
        return 0;
    }
    std::optional<std::string> title, body;
    if (a.has("title")) title = a.get("title");
    if (a.has("body")) body = a.get("body");
    if (a.has("file")) body = read_text_file(a.get("file"));
    if (!title && !body) throw core::Error(OB_N("请用 --title、--body 或 --file 给出修改的内容，或用 --reset 恢复标准文本"));
    auto t = store.edit(id, title, body, a.get("section"));
    ctx.out << core::substitute(_("制度文本 {id}（{title}）已保存"), {{"id", t.id}, {"title", t.title}}) << "\n";
    return 0;
}

int cmd_entry_add(Context& ctx) {
    const auto& a = ctx.args();
    auto org = ctx.archive().home();
    archive::EntryStore store(ctx.archive(), archive::book_sections(ctx.plugins(), org.sector));
    archive::BookEntry e;
    e.section_id = a.require("section");
    e.date = date_option(a, "date", core::Date::today());
    e.title = a.require("title");
    e.body = a.has("file") ? read_text_file(a.get("file")) : a.get("text");
    store.add(e);
    ctx.out << core::substitute(_("已记入条目 {id}：{title}"), {{"id", std::to_string(e.id)}, {"title", e.title}}) << "\n";
    return 0;
}

int cmd_entry_list(Context& ctx) {
    const auto& a = ctx.args();
    auto org = ctx.archive().home();
    archive::EntryStore store(ctx.archive(), archive::book_sections(ctx.plugins(), org.sector));
    std::optional<int> year;
    if (a.has("year")) year = year_option(a, 0);
    archive::Table t;
    t.key = "entries";
    t.title = {OB_N("篇目条目"), {}};
    t.organisation = org.name;
    t.date = core::Date::today();
    t.columns = {{"id", OB_N("编号"), archive::CellType::Integer},
                 {"date", OB_N("日期"), archive::CellType::Date},
                 {"section", OB_N("篇目"), archive::CellType::Text},
                 {"title", OB_N("标题"), archive::CellType::Text}};
    for (const auto& e : store.list(a.get("section"), year))
        t.add_row(
            {static_cast<long long>(e.id), e.date.valid() ? archive::Value(e.date) : archive::Value(), e.section_id, e.title});
    return emit_tables(ctx, {t});
}

} // namespace

void fill_document_meta(const Args& a, archive::DocumentMeta& m, bool editing) { fill_meta(a, m, editing); }

void register_book_commands() {
    add_command({{"book", "sections"}, "[--sector ID]", OB_N("列出一本通的篇章和篇目（含行业插件的篇目）"), {}, cmd_sections});
    add_command({{"doc", "add"},
                 "FILE --section ID --title T --year Y --retention Y|D30|D10 [--author A] [--ref 文号] [--date YYYYMMDD] "
                 "[--pages N] [--secret 密级] [--notes T]",
                 OB_N("把文件（PDF、图片、Word、扫描件）归入篇目，自动编件号和档号"),
                 {},
                 cmd_doc_add});
    add_command({{"doc", "list"},
                 std::string("[--year Y] [--retention R] [--section ID] ") + table_options,
                 OB_N("列出归档文件"),
                 {},
                 cmd_doc_list});
    add_command({{"doc", "show"}, "ID", OB_N("显示归档文件的全部著录项"), {}, cmd_doc_show});
    add_command({{"doc", "edit"},
                 "ID [--title T] [--year Y] [--retention R] [--section ID] [--author A] [--ref 文号] [--date YYYYMMDD] "
                 "[--pages N] [--secret 密级] [--notes T]",
                 OB_N("修改归档文件的著录项（改年度或保管期限会重新编件号）"),
                 {},
                 cmd_doc_edit});
    add_command({{"doc", "open"}, "ID", OB_N("输出归档文件在文件库中的存放路径"), {}, cmd_doc_open});
    add_command({{"doc", "codes"},
                 "[--fonds 全宗号] [--category 门类代码]",
                 OB_N("查看或设置编制档号用的全宗号和门类代码"),
                 {},
                 cmd_doc_codes});
    add_command({{"verify"},
                 "[--repair] [--exit-code]",
                 OB_N("重新计算文件库中全部文件的 SHA-256，报告缺失或被改动的文件（--repair 清理中断的操作留下的文件）"),
                 {"repair", "exit-code"},
                 cmd_verify});
    add_command({{"catalogue", "pdf"},
                 "--year Y --retention Y|D30|D10 --out FILE.pdf",
                 OB_N("打印某年度某保管期限的归档文件目录（PDF）"),
                 {},
                 cmd_catalogue_pdf});
    add_command({{"book", "pdf"},
                 "--year Y --out FILE.pdf",
                 OB_N("生成年度一本通 PDF（封面、目录、书签、会议记录、考核、整改台账、归档目录）"),
                 {},
                 cmd_book_pdf});
    add_command({{"ruletext", "show"}, "[ID]", OB_N("列出基本制度文本，或显示一篇"), {}, cmd_ruletext_show});
    add_command({{"ruletext", "edit"},
                 "ID [--title T] [--body TEXT | --file FILE] [--section ID] [--reset]",
                 OB_N("修改（或新增）一篇制度文本；--reset 恢复插件的标准文本"),
                 {"reset"},
                 cmd_ruletext_edit});
    add_command({{"entry", "add"},
                 "--section ID --title T [--date D] [--text T | --file FILE]",
                 OB_N("在篇目中记入一个条目（如创新型工作）"),
                 {},
                 cmd_entry_add});
    add_command({{"entry", "list"},
                 std::string("[--section ID] [--year Y] ") + table_options,
                 OB_N("列出篇目中的条目"),
                 {},
                 cmd_entry_list});
}

} // namespace onebook::cli
