// 中国共产党党员组织关系介绍信: the letter a branch issues when a member's 组织关系 moves to another
// organisation, printed from the 转出 movement (to whom, letter reference, dues paid up to, date)
// with its 回执 (the receipt the receiving organisation sends back) below a cutting line. Drawn by
// the same PDF engine and embedded Chinese fonts as the boards; no ID number, phone or address.
#pragma once

#include "onebook/archive.hpp"
#include "onebook/member_history.hpp"
#include "onebook/pdf/fonts.hpp"

#include <filesystem>

namespace onebook::archive {

/// The text of the letter's body paragraph, as printed (tests read it back).
std::string transfer_letter_text(const core::Organisation& from, const core::Member& member, const core::Movement& out);

/// Writes the letter of `movement` (a 转出) to `out` atomically; returns its page count. Throws
/// Error when the movement is not a transfer out of this archive's organisation.
int write_transfer_letter_pdf(core::Archive& archive, core::Id movement_id, const std::filesystem::path& out,
                              const core::pdf::FontOptions& fonts = {});

} // namespace onebook::archive
