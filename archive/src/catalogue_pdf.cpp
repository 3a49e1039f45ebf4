#include "onebook/archive/catalogue_pdf.hpp"

#include "onebook/error.hpp"

namespace fs = std::filesystem;
namespace pdf = onebook::core::pdf;

namespace onebook::archive {

namespace {

std::string pages_text(const Document& d) { return d.pages ? std::to_string(*d.pages) : ""; }

} // namespace

pdf::Table catalogue_table(const std::vector<Document>& documents, double size) {
    pdf::Table t;
    t.size = size;
    t.stretch = false;
    t.zebra = false;
    // An archival form, printed in black: grey header instead of the boards' red.
    t.header_fill = pdf::colors::light_grey;
    t.header_text = pdf::colors::black;
    t.columns = {{"序号", 0.45, pdf::Align::center}, {"档号", 2.5, pdf::Align::left},   {"文号", 1.8, pdf::Align::left},
                 {"责任者", 1.5, pdf::Align::left},  {"题名", 3.6, pdf::Align::left},   {"日期", 1.1, pdf::Align::center},
                 {"密级", 0.5, pdf::Align::center},  {"页数", 0.5, pdf::Align::center}, {"备注", 1.0, pdf::Align::left}};
    int n = 0;
    for (const auto& d : documents)
        t.rows.push_back(
            {{std::to_string(++n), d.archival_code(), d.doc_ref, d.author, d.title, d.date, d.secret, pages_text(d), d.notes}});
    return t;
}

CatalogueResult write_catalogue_pdf(core::Archive& archive, DocumentStore& store, int year, Retention retention,
                                    const fs::path& out, const pdf::FontOptions& fonts) {
    auto org = archive.home();
    DocumentFilter filter;
    filter.year = year;
    filter.retention = retention;
    auto docs = store.list(filter);

    pdf::WriterOptions o;
    o.page = pdf::PageSize::a4().with_orientation(pdf::Orientation::landscape);
    o.margin_mm = 15;
    o.fonts = fonts;
    o.body_size = 10.5;
    o.decorate = pdf::page_number_footer();
    o.title = "归档文件目录 " + std::to_string(year) + " " + retention_label(retention);
    o.author = org.name;
    o.subject = "DA/T 22-2015 归档文件目录";
    pdf::Writer w(o);
    w.title("归档文件目录", {.size = 1.8, .color = pdf::colors::black, .space_after = 0.5});
    std::string fonds = docs.empty() ? archive.setting(fonds_code_setting) : docs.front().fonds_code;
    w.fields({{"全宗名称", org.name},
              {"全宗号", fonds.empty() ? "（未设置）" : fonds},
              {"年度", std::to_string(year)},
              {"保管期限", std::string(retention_label(retention)) + "（" + retention_code(retention) + "）"}},
             4, 0.95);
    w.spacer(0.4);
    auto table = catalogue_table(docs);
    if (docs.empty())
        table.rows.push_back({{"", "", "", "", "本年度该保管期限没有归档文件", "", "", "", ""}, pdf::RowStyle::muted});
    w.table(table);
    int pages_total = 0;
    for (const auto& d : docs) pages_total += d.pages.value_or(0);
    w.paragraph("共 " + std::to_string(docs.size()) + " 件，" + std::to_string(pages_total) + " 页。",
                pdf::ParagraphStyle::right(0.9));
    w.save(out);
    CatalogueResult r;
    r.documents = static_cast<int>(docs.size());
    r.pages = w.layout().pages;
    std::error_code ec;
    r.bytes = static_cast<std::int64_t>(fs::file_size(out, ec));
    return r;
}

} // namespace onebook::archive
