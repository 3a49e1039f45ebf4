// Word documents: record export (minutes of one record, or of a year and type), rectify export
// (the ledger), ruletext export (基本制度). `--out -` writes the .docx to standard output.
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/archive/rule_texts.hpp"
#include "onebook/archive/word_exports.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"

#include <cstdlib>
#include <ostream>

namespace onebook::cli {

namespace {

/// Writes the document where --out says and reports it; "-" is standard output.
int write(Context& ctx, const archive::DocxDocument& doc, const std::string& what) {
    std::string out = ctx.args().require("out");
    if (out == "-") {
        std::string bytes = archive::docx_bytes(doc);
        ctx.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return 0;
    }
    archive::save_docx(doc, out);
    ctx.out << core::substitute(_("已生成 {what}：{file}"), {{"what", what}, {"file", out}}) << "\n";
    return 0;
}

core::Date today_arg(const Context& ctx) { return date_option(ctx.args(), "today", core::Date::today()); }

int cmd_record_export(Context& ctx) {
    auto& archive = ctx.archive();
    auto templates = core::load_meeting_templates(ctx.plugins().require(archive.home().sector));
    core::RecordStore store(archive.db(), archive.home().id);
    std::vector<core::Record> records;
    std::string id = ctx.args().positional(0);
    if (!id.empty()) {
        char* end = nullptr;
        long long n = std::strtoll(id.c_str(), &end, 10);
        if (!end || *end != '\0' || n <= 0) throw core::Error(OB_N("会议记录编号“{value}”不是正整数"), {{"value", id}});
        auto r = store.get(n);
        if (!r) throw core::Error(OB_N("没有编号为 {id} 的会议记录（用 onebook-cli record list 查看）"), {{"id", id}});
        records.push_back(*r);
    } else {
        std::string year = ctx.args().get("year");
        if (year.empty()) throw core::Error(OB_N("请给出会议记录编号，或用 --year（和 --type）导出一年的记录"));
        int y = year_value(year);
        std::string type = ctx.args().get("type");
        if (!type.empty()) type = core::require_template(templates, type).id;
        records = store.list(y, type);
        if (records.empty()) throw core::Error(OB_N("{year} 年没有符合条件的会议记录"), {{"year", year}});
    }
    return write(ctx, archive::minutes_document(archive.home(), records, templates), _("会议记录"));
}

int cmd_rectify_export(Context& ctx) {
    auto& archive = ctx.archive();
    core::Rectification rect(archive.db(), archive.home().id);
    return write(ctx, archive::rectification_ledger_document(archive.home(), rect, today_arg(ctx)), _("整改台账"));
}

int cmd_ruletext_export(Context& ctx) {
    archive::RuleTextStore store(ctx.archive(), ctx.plugins());
    return write(ctx, archive::rule_texts_document(ctx.archive().home(), store.all()), _("基本制度"));
}

} // namespace

void register_word_commands() {
    add_command({{"record", "export"},
                 "[ID] [--year YEAR] [--type TYPE] --out FILE.docx",
                 OB_N("把一条会议记录，或一年中某类会议的全部记录，导出为 Word 文档（会议记录格式）；--out - 写到标准输出"),
                 {},
                 cmd_record_export});
    add_command({{"rectify", "export"},
                 "--out FILE.docx [--today DATE]",
                 OB_N("把整改台账（含每项的整改过程）导出为 Word 文档"),
                 {},
                 cmd_rectify_export});
    add_command(
        {{"ruletext", "export"}, "--out FILE.docx", OB_N("把基本制度（全部制度文本）导出为 Word 文档"), {}, cmd_ruletext_export});
}

} // namespace onebook::cli
