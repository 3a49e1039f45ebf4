// Private: the one deflater of the PDF engine. Every compressed stream of a document (the font
// programs, the pages' content, ToUnicode and CIDToGIDMap) is deflated here, not by libharu.
#pragma once

#include <string>
#include <string_view>

namespace onebook::core::pdf::detail {

/// `data` in the zlib format PDF's FlateDecode reads, deflated by libdeflate at its fastest level:
/// a board's subset font (~140 KB) in under half of zlib level 1's instructions, and smaller.
/// Throws Error when memory runs out.
std::string deflate(std::string_view data);

} // namespace onebook::core::pdf::detail
