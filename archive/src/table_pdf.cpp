#include "onebook/archive/table_pdf.hpp"

#include "onebook/pdf/writer.hpp"

#include <algorithm>

namespace fs = std::filesystem;
namespace pdf = onebook::core::pdf;

namespace onebook::archive {

namespace {

pdf::Align align_of(const Column& c) {
    switch (c.type) {
    case CellType::Integer:
    case CellType::Number: return pdf::Align::right;
    case CellType::Date: return pdf::Align::center;
    case CellType::Text: break;
    }
    return pdf::Align::left;
}

/// A column's relative width from its longest header or cell, within bounds.
double weight_of(const Table& t, std::size_t i) {
    int widest = display_width(t.columns[i].header);
    for (const auto& row : t.rows)
        if (i < row.size()) widest = std::max(widest, display_width(display_text(row[i], t.columns[i])));
    return std::clamp(static_cast<double>(widest), 4.0, 30.0);
}

pdf::Table pdf_table(const Table& t) {
    pdf::Table out;
    out.size = 0.9;
    out.stretch = false;
    out.zebra = true;
    // A report for filing, printed in black like the archival forms.
    out.header_fill = pdf::colors::light_grey;
    out.header_text = pdf::colors::black;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        out.columns.push_back({t.columns[i].header, weight_of(t, i), align_of(t.columns[i])});
    for (const auto& row : t.rows) {
        pdf::TableRow r;
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            r.cells.push_back(i < row.size() ? display_text(row[i], t.columns[i]) : "");
        out.rows.push_back(std::move(r));
    }
    return out;
}

} // namespace

TablePdfResult render_pdf(const std::vector<Table>& tables, const fs::path& out, const pdf::FontOptions& fonts) {
    std::size_t widest = 0;
    for (const auto& t : tables) widest = std::max(widest, t.columns.size());
    pdf::WriterOptions o;
    o.page = pdf::PageSize::a4();
    if (widest > 8) o.page = o.page.with_orientation(pdf::Orientation::landscape);
    o.margin_mm = 18;
    o.fonts = fonts;
    o.body_size = 10.5;
    o.decorate = pdf::page_number_footer();
    const Table* first = tables.empty() ? nullptr : &tables.front();
    std::string title = first ? (tables.size() == 1     ? first->title.key
                                 : first->sheet.empty() ? first->title.key
                                                        : first->sheet)
                              : "";
    o.title = title;
    o.author = first ? first->organisation : "";
    pdf::Writer w(o);
    if (first) {
        w.title(first->organisation, {.size = 1.6, .color = pdf::colors::black, .space_after = 0.2});
        w.paragraph("截至 " + first->date.chinese(), pdf::ParagraphStyle::centered(0.9));
    }
    for (const auto& t : tables) {
        w.heading(t.title.key, 1);
        w.table(pdf_table(t));
        for (const auto& n : t.notes) w.paragraph(n.key, pdf::ParagraphStyle::small());
        w.spacer(0.6);
    }
    w.save(out);
    TablePdfResult r;
    r.pages = w.layout().pages;
    std::error_code ec;
    r.bytes = static_cast<std::int64_t>(fs::file_size(out, ec));
    return r;
}

} // namespace onebook::archive
