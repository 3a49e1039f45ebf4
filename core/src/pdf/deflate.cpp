// libdeflate (Debian's libdeflate0) rather than zlib: it compresses whole buffers, which is all a PDF
// stream is, at about a third of zlib's cost for the same size; libharu keeps zlib for itself.
#include "deflate.hpp"

#include "onebook/error.hpp"

#include <libdeflate.h>

#include <memory>

namespace onebook::core::pdf::detail {

namespace {

struct FreeCompressor {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

} // namespace

std::string deflate(std::string_view data) {
    // One compressor per thread, kept: making one allocates and clears its tables.
    thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> compressor{libdeflate_alloc_compressor(1)};
    if (!compressor) throw Error("PDF 压缩失败：内存不足");
    std::string out(libdeflate_zlib_compress_bound(compressor.get(), data.size()), '\0');
    std::size_t n = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
    if (n == 0) throw Error("PDF 压缩失败：内存不足"); // cannot happen: the bound always fits
    out.resize(n);
    return out;
}

} // namespace onebook::core::pdf::detail
