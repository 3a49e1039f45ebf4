// The documents of a member's life filed in the one book with 档号: member file (a 发展党员
// step's documents), member file-letter (a transfer's 介绍信, a status change's decision) and
// member documents (what is filed, person by person).
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/member_documents.hpp"
#include "onebook/archive/transfer_letter.hpp"
#include "onebook/member_history.hpp"
#include "onebook/recruitment.hpp"

#include <ostream>

namespace onebook::cli {

namespace {

std::string file_argument(const Context& ctx) {
    std::string file = ctx.args().positional(1);
    if (file.empty())
        throw core::Error(OB_N("请给出要归档的文件，例如 onebook-cli member file 张三 入党志愿书.pdf --step 预备党员"));
    return file;
}

/// Filing defaults of member-life documents: 永久 unless --retention says otherwise (发展党员 and
/// 组织关系 materials are kept permanently).
archive::DocumentMeta meta_from(const Context& ctx) {
    archive::DocumentMeta m;
    m.retention = archive::Retention::Permanent;
    fill_document_meta(ctx.args(), m, true);
    return m;
}

void print_filed(Context& ctx, const archive::MemberLifeDocument& d) {
    ctx.out << core::substitute(_("已归档：{code} {title}（{name} {step} {date}）"), {{"code", d.document.archival_code()},
                                                                                      {"title", d.document.title},
                                                                                      {"name", d.person},
                                                                                      {"step", _(d.step)},
                                                                                      {"date", d.on.iso()}})
            << "\n";
}

int cmd_file(Context& ctx) {
    auto& archive = ctx.archive();
    core::Recruitment r(archive.db(), archive.home().id, core::RecruitmentRules{});
    auto person = r.require(ctx.args().positional(0));
    std::string file = file_argument(ctx);
    archive::DocumentStore store(archive, ctx.plugins());
    archive::MemberLifeDocuments docs(archive, store);
    print_filed(ctx, docs.file_step(person.id, ctx.args().require("step"), file, meta_from(ctx)));
    return 0;
}

int cmd_file_letter(Context& ctx) {
    auto member = member_arg(ctx, ctx.args().positional(0));
    std::string file = file_argument(ctx);
    auto& archive = ctx.archive();
    archive::DocumentStore store(archive, ctx.plugins());
    archive::MemberLifeDocuments docs(archive, store);
    print_filed(ctx, docs.file_movement(member.id, ctx.args().get("kind"), file, meta_from(ctx)));
    return 0;
}

int cmd_documents(Context& ctx) {
    auto& archive = ctx.archive();
    archive::DocumentStore store(archive, ctx.plugins());
    archive::MemberLifeDocuments docs(archive, store);
    std::string who = ctx.args().positional(0);
    std::vector<archive::MemberLifeDocument> list;
    if (who.empty()) {
        list = docs.of_recruits();
        auto moves = docs.of_movements();
        list.insert(list.end(), moves.begin(), moves.end());
    } else {
        // A name of the pipeline or of the roster (a person admitted is in both).
        core::Recruitment r(archive.db(), archive.home().id, core::RecruitmentRules{});
        bool found = false;
        for (const auto& p : r.recruits(true))
            if (p.name == who || std::to_string(p.id) == who) {
                auto mine = docs.of_recruits(p.id);
                list.insert(list.end(), mine.begin(), mine.end());
                found = true;
            }
        try {
            auto moves = docs.of_movements(member_arg(ctx, who).id);
            list.insert(list.end(), moves.begin(), moves.end());
        } catch (const core::Error&) {
            if (!found) throw;
        }
    }
    return emit_tables(ctx, {archive::member_documents_table(archive.home().name, list, core::Date::today())});
}

int cmd_letter(Context& ctx) {
    auto member = member_arg(ctx, ctx.args().positional(0));
    auto& archive = ctx.archive();
    std::optional<core::Movement> out;
    for (const auto& m : core::MemberHistory(archive.db(), archive.home().id).movements(member.id))
        if (m.kind == "转出" && !out) out = m; // newest first
    if (!out)
        throw core::Error(OB_N("{name} 没有组织关系转出记录（先用 onebook-cli member transfer-out 登记）"),
                          {{"name", member.name}});
    std::string file = ctx.args().require("out");
    int pages = archive::write_transfer_letter_pdf(archive, out->id, file);
    ctx.out << core::substitute(_("已生成 {name} 的党员组织关系介绍信：{file}（{pages} 页）"),
                                {{"name", member.name}, {"file", file}, {"pages", std::to_string(pages)}})
            << "\n";
    if (ctx.args().has("add-to-book")) {
        archive::DocumentStore store(archive, ctx.plugins());
        auto meta = meta_from(ctx);
        if (meta.title.empty()) meta.title = member.name + "党员组织关系介绍信";
        if (meta.doc_ref.empty()) meta.doc_ref = out->letter_ref;
        print_filed(ctx, archive::MemberLifeDocuments(archive, store).file_movement(member.id, "转出", file, meta));
    }
    return 0;
}

constexpr const char* meta_options =
    "[--title T] [--retention Y|D30|D10] [--year Y] [--section ID] [--author A] [--ref 文号] [--date YYYYMMDD] [--pages N] [--secret 密级] "
    "[--notes T]";

} // namespace

void register_member_documents_commands() {
    add_command(
        {{"member", "file"},
         std::string("PERSON FILE --step STAGE|谈话|考察|政审|培训|公示|宣誓 ") + meta_options,
         OB_N("发展党员：把某一步的材料（申请书、考察材料、政审材料、志愿书、转正申请等）归入一本通，编档号（默认永久保管）"),
         {},
         cmd_file});
    add_command({{"member", "file-letter"},
                 std::string("MEMBER FILE [--kind 转入|转出|停止党籍|出党|死亡] ") + meta_options,
                 OB_N("把组织关系介绍信或党籍变动的决定归入一本通（党员名册篇目），编档号"),
                 {},
                 cmd_file_letter});
    add_command({{"member", "letter"},
                 std::string("MEMBER --out FILE.pdf [--add-to-book] ") + meta_options,
                 OB_N("按组织关系转出记录打印党员组织关系介绍信（含回执）；--add-to-book 同时归入一本通并编档号"),
                 {"add-to-book"},
                 cmd_letter});
    add_command({{"member", "documents"},
                 std::string("[PERSON] ") + table_options,
                 OB_N("列出已归档的发展党员材料和组织关系转接材料（含档号）"),
                 {},
                 cmd_documents});
}

} // namespace onebook::cli
