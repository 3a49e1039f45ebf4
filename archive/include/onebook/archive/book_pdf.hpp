// The year's one book (一本通) as a PDF: what travels up to the superior committee and goes on the
// shelf. Cover (organisation, year, sector), table of contents with the final page numbers, a PDF
// bookmark per chapter, section, record and rule text, then the five chapters: organisation and
// roster, rule texts, every meeting record as a minutes page (应到/实到/缺席 with reasons, topic,
// minutes, resolutions, embedded image attachments), the year's assessment with its grade, the
// rectification ledger, dues, the documents filed and the 归档文件目录. Page numbers in the footer.
// Same PDF engine and fonts as the boards.
//
// The book is an internal document: it prints the roster, but ID numbers and phone numbers are
// masked (1101**********123X, 138****1037) and home addresses are left out.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/date.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/fonts.hpp"
#include "onebook/pdf/writer.hpp"
#include "onebook/plugin_host.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace onebook::archive {

struct BookOptions {
    int year = 0;                                ///< the year the book covers
    core::Date printed_on = core::Date::today(); ///< shown on the cover; "overdue" is judged on it
    core::pdf::FontOptions fonts;                ///< the boards' faces by default
    bool embed_images = true;                    ///< embed image attachments and image documents
    /// Printing a part instead of the whole book (打印… in the shell): the minutes pages of
    /// `record_ids`, or the roster, laid out as in the book, without cover and contents.
    enum class Part { Whole, Records, Roster };
    Part part = Part::Whole;
    std::vector<core::Id> record_ids; ///< Part::Records
};

struct BookResult {
    int pages = 0;
    int records = 0;   ///< meeting/activity records printed
    int documents = 0; ///< documents of the year listed
    int images = 0;    ///< images embedded
    std::int64_t bytes = 0;
    /// Chapters (level 1), sections (2), records and rule texts (3), with their final pages.
    std::vector<core::pdf::OutlineEntry> outline;
    /// Things the book could not show (an attachment whose file is missing…).
    std::vector<core::Message> warnings;
};

/// Masks a resident ID number for the book: first 4 and last 4 characters kept.
std::string mask_id_number(const std::string& id_number);
/// Masks a phone number: first 3 and last 4 digits kept (138****1037).
std::string mask_phone(const std::string& phone);

/// Writes the book of `options.year` for the archive's own organisation to `out` (atomically).
/// Throws Error when the year is implausible, the sector's plugin is missing or the PDF cannot
/// be written.
BookResult write_book_pdf(core::Archive& archive, const core::PluginHost& plugins, const BookOptions& options,
                          const std::filesystem::path& out);

} // namespace onebook::archive
