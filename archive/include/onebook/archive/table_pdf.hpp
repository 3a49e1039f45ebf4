// Typed tables (table.hpp) as a printable PDF: A4 with the title, organisation and date at the
// top, each table with its header repeated on every page, its notes under it and page numbers in
// the footer. Drawn by the same PDF engine and embedded Chinese fonts as the boards, so any list
// (党内统计, dues, rosters) can be printed and filed as the office prints its forms.
#pragma once

#include "onebook/archive/table.hpp"
#include "onebook/pdf/fonts.hpp"

#include <filesystem>

namespace onebook::archive {

struct TablePdfResult {
    int pages = 0;
    std::int64_t bytes = 0;
};

/// Writes `tables` (already localised) to `out` atomically. Wide tables (more than eight columns)
/// go on landscape pages. Throws Error naming the file when it cannot be written.
TablePdfResult render_pdf(const std::vector<Table>& tables, const std::filesystem::path& out,
                          const core::pdf::FontOptions& fonts = {});

} // namespace onebook::archive
