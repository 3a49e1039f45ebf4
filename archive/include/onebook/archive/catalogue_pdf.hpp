// 归档文件目录 (DA/T 22-2015 §8.3, appendix): the printed catalogue of one year and retention class:
// 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注, on A4 landscape, the header row repeated on
// every page and page numbers in the footer. Drawn by the same PDF engine and fonts as the boards.
#pragma once

#include "onebook/archive/documents.hpp"
#include "onebook/pdf/fonts.hpp"
#include "onebook/pdf/writer.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace onebook::archive {

struct CatalogueResult {
    int documents = 0;
    int pages = 0;
    std::int64_t bytes = 0;
};

/// The catalogue as a PDF table (columns as above, one row per document in 件号 order), for the
/// catalogue PDF and the book.
core::pdf::Table catalogue_table(const std::vector<Document>& documents, double size = 0.9);

/// Writes the catalogue of `year` and `retention` to `out` (atomically). An empty class gives a
/// catalogue that says so. Throws Error when the PDF cannot be written.
CatalogueResult write_catalogue_pdf(core::Archive& archive, DocumentStore& documents, int year, Retention retention,
                                    const std::filesystem::path& out, const core::pdf::FontOptions& fonts = {});

} // namespace onebook::archive
