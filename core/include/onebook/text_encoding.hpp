// Turning the bytes of a text file from a Chinese office into UTF-8: UTF-8 with or without BOM,
// UTF-16 with BOM, and GBK (Excel's default "CSV" on Chinese Windows), detected automatically.
#pragma once

#include <string>

namespace onebook::core {

struct DecodedText {
    std::string utf8;
    std::string encoding; ///< "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE" or "GBK"
};

/// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(const std::string& bytes);

/// Decodes `bytes`; throws Error naming `file` and the byte offset when it is none of the above.
DecodedText decode_text(const std::string& bytes, const std::string& file = {});

} // namespace onebook::core
