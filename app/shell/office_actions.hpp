// 导出 Word… and 打印… for the views: one place that asks where to save, runs the work with a
// progress dialog, prints through print_pdf.hpp and reports, so each view only adds a button.
#pragma once

#include "view.hpp"

#include "onebook/archive/docx_writer.hpp"
#include "onebook/model.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxWindow;

namespace onebook::shell {

/// Asks where to save (a file dialog by default); nullopt when the user cancels. Replaceable so
/// GUI tests can answer without driving the system's native file chooser.
using SavePathChooser = std::function<std::optional<std::filesystem::path>(wxWindow* parent, const std::string& default_name)>;
void set_save_path_chooser(SavePathChooser chooser);

/// 导出 Word…: proposes `file_name` in the documents folder, builds the document and writes it.
/// Returns the file written, or an empty path when cancelled or failed (the error was shown).
std::filesystem::path export_word(wxWindow* parent, Shell& shell, const std::string& file_name,
                                  const std::function<archive::DocxDocument()>& build);

/// 打印…: renders a PDF into a temporary file with `render` (progress dialog), then shows the
/// system print dialog for it. The file is removed afterwards.
void print_generated(wxWindow* parent, Shell& shell, const std::string& job_title,
                     const std::function<void(const std::filesystem::path&)>& render);

/// 打印… of a PDF that already exists (a board).
void print_existing(wxWindow* parent, Shell& shell, const std::filesystem::path& pdf, const std::string& job_title);

/// The minutes pages of `records` (as in the one book) to the printer.
void print_records(wxWindow* parent, Shell& shell, const std::vector<core::Id>& records);
/// The roster (private data masked, as in the one book) to the printer.
void print_roster(wxWindow* parent, Shell& shell);
/// The one book of the shell's year to the printer.
void print_book(wxWindow* parent, Shell& shell);

} // namespace onebook::shell
