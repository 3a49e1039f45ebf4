// Reads the pixel size of PNG/JPEG files (and a JPEG's EXIF orientation) without decoding them,
// so layout can place images before libharu loads them at render time.
#include "display_list.hpp"
#include "onebook/error.hpp"

#include <Poco/InflatingStream.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace onebook::core::pdf::detail {

namespace {

unsigned be16(const unsigned char* p) { return unsigned(p[0]) << 8 | p[1]; }
unsigned be32(const unsigned char* p) { return be16(p) << 16 | be16(p + 2); }

int exif_orientation(const unsigned char* d, std::size_t n) {
    // d points at "Exif\0\0" + TIFF header
    if (n < 14 || std::string(reinterpret_cast<const char*>(d), 4) != "Exif") return 1;
    const unsigned char* t = d + 6;
    std::size_t tn = n - 6;
    bool le = t[0] == 'I';
    auto u16 = [&](std::size_t o) -> unsigned { return o + 2 > tn ? 0 : le ? t[o] | t[o + 1] << 8 : be16(t + o); };
    auto u32 = [&](std::size_t o) -> unsigned { return o + 4 > tn ? 0 : le ? u16(o) | u16(o + 2) << 16 : be32(t + o); };
    std::size_t ifd = u32(4);
    unsigned count = u16(ifd);
    for (unsigned i = 0; i < count; ++i) {
        std::size_t e = ifd + 2 + 12 * i;
        if (e + 12 > tn) break;
        if (u16(e) == 0x0112) {
            unsigned v = u16(e + 8);
            return v >= 1 && v <= 8 ? int(v) : 1;
        }
    }
    return 1;
}

std::uint32_t crc32(const unsigned char* p, std::size_t n) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xffffffffu;
    for (std::size_t i = 0; i < n; ++i) c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

[[noreturn]] void bad_png(const std::filesystem::path& file, const std::string& why) {
    throw Error("图片“{file}”已损坏，无法放进 PDF：{reason}", {{"file", file.string()}, {"reason", why}},
                {file.string(), {}, "image"});
}

/// What a PNG's chunks say: the header's fields, the palette, the transparency and the joined pixel data.
struct PngChunks {
    unsigned width = 0, height = 0, depth = 0, color = 0, interlace = 0;
    std::string palette, trns, idat;
};

void read_ihdr(const std::filesystem::path& file, const unsigned char* c, std::size_t len, PngChunks& png) {
    if (len != 13) bad_png(file, "IHDR 长度错误");
    png.width = be32(c);
    png.height = be32(c + 4);
    png.depth = c[8];
    png.color = c[9];
    png.interlace = c[12];
    const unsigned color = png.color, depth = png.depth;
    bool ok_depth = (color == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                    (color == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                    ((color == 2 || color == 4 || color == 6) && (depth == 8 || depth == 16));
    if (!ok_depth || c[10] != 0 || c[11] != 0 || png.interlace > 1) bad_png(file, "不支持的 PNG 格式");
    if (png.width == 0 || png.height == 0 || png.width > 20000 || png.height > 20000 ||
        std::uint64_t(png.width) * png.height > 100000000u)
        bad_png(file, "图片尺寸无效或过大");
}

/// Walks the chunks, checking each one's length and CRC; stops at IEND.
PngChunks read_chunks(const std::filesystem::path& file, const std::string& data) {
    auto d = reinterpret_cast<const unsigned char*>(data.data());
    if (data.size() < 8 || data.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) bad_png(file, "不是 PNG 文件");
    PngChunks png;
    std::size_t pos = 8;
    bool ihdr = false, iend = false;
    while (pos + 12 <= data.size() && !iend) {
        std::size_t len = be32(d + pos);
        if (len > data.size() - pos - 12) bad_png(file, "数据块长度超出文件");
        std::string type = data.substr(pos + 4, 4);
        if (crc32(d + pos + 4, len + 4) != be32(d + pos + 8 + len)) bad_png(file, "数据块 " + type + " 校验和错误");
        const unsigned char* c = d + pos + 8;
        if (!ihdr && type != "IHDR") bad_png(file, "缺少 IHDR");
        if (type == "IHDR") {
            read_ihdr(file, c, len, png);
            ihdr = true;
        } else if (type == "PLTE") {
            png.palette.assign(reinterpret_cast<const char*>(c), len);
        } else if (type == "tRNS") {
            png.trns.assign(reinterpret_cast<const char*>(c), len);
        } else if (type == "IDAT") {
            png.idat.append(reinterpret_cast<const char*>(c), len);
        } else if (type == "IEND") {
            iend = true;
        } else if (type[0] >= 'A' && type[0] <= 'Z') {
            bad_png(file, "未知的关键数据块 " + type);
        }
        pos += 12 + len;
    }
    if (!iend) bad_png(file, "文件不完整（缺少 IEND）");
    if (png.color == 3 && (png.palette.empty() || png.palette.size() % 3 != 0)) bad_png(file, "缺少调色板");
    return png;
}

std::string inflate_idat(const std::filesystem::path& file, const std::string& idat) {
    std::string raw;
    try {
        std::istringstream compressed(idat);
        Poco::InflatingInputStream inflater(compressed, Poco::InflatingStreamBuf::STREAM_ZLIB);
        char buf[65536];
        while (inflater.read(buf, sizeof buf) || inflater.gcount() > 0) raw.append(buf, std::size_t(inflater.gcount()));
    } catch (const std::exception&) { bad_png(file, "压缩数据损坏"); }
    return raw;
}

/// Samples per pixel of a PNG colour type: gray, RGB, palette index, gray + alpha, RGBA.
unsigned png_channels(unsigned color) {
    if (color == 0 || color == 3) return 1;
    if (color == 2) return 3;
    return color == 4 ? 2 : 4;
}

/// Turns the inflated rows into 8-bit gray or RGB pixels and an alpha channel, pass by pass.
class PngPixels {
public:
    PngPixels(const std::filesystem::path& image_file, const PngChunks& chunks, const std::string& inflated)
        : file(image_file), png(chunks), raw(inflated), depth(chunks.depth), color(chunks.color), channels(png_channels(color)),
          bits(channels * depth), filter_bpp(std::max(1u, bits / 8)), maxv((1u << std::min(depth, 8u)) - 1) {
        out.width = int(png.width);
        out.height = int(png.height);
        out.channels = (color == 0 || color == 4) ? 1 : 3;
        out.pixels.assign(std::size_t(png.width) * png.height * out.channels, '\0');
        has_alpha = color == 4 || color == 6 || !png.trns.empty();
        if (has_alpha) out.alpha.assign(std::size_t(png.width) * png.height, '\xff');
        const std::string& trns = png.trns;
        trns_gray = trns.size() >= 2 ? (unsigned(std::uint8_t(trns[0])) << 8 | std::uint8_t(trns[1])) : 1u << 20;
        if (color == 2 && trns.size() >= 6)
            for (int k = 0; k < 3; ++k)
                trns_rgb[k] = unsigned(std::uint8_t(trns[std::size_t(2 * k)])) << 8 | std::uint8_t(trns[std::size_t(2 * k + 1)]);
    }

    void decode_pass(std::size_t x0, std::size_t y0, std::size_t dx, std::size_t dy) {
        std::size_t pw = png.width > x0 ? (png.width - x0 + dx - 1) / dx : 0;
        std::size_t ph = png.height > y0 ? (png.height - y0 + dy - 1) / dy : 0;
        if (pw == 0 || ph == 0) return;
        std::size_t row_bytes = (pw * bits + 7) / 8;
        std::vector<unsigned char> prev(row_bytes, 0), cur(row_bytes);
        for (std::size_t ry = 0; ry < ph; ++ry) {
            if (in_pos + 1 + row_bytes > raw.size()) bad_png(file, "图像数据不完整");
            unsigned filter = std::uint8_t(raw[in_pos]);
            const auto* src = reinterpret_cast<const unsigned char*>(raw.data() + in_pos + 1);
            in_pos += 1 + row_bytes;
            unfilter(filter, src, prev, cur);
            std::size_t y = y0 + ry * dy;
            for (std::size_t px = 0; px < pw; ++px) store(cur.data(), px, y * png.width + x0 + px * dx);
            std::swap(prev, cur);
        }
    }

    DecodedImage finish() {
        // A fully opaque alpha channel is no alpha at all (saves the soft mask).
        if (has_alpha && out.alpha.find_first_not_of('\xff') == std::string::npos) out.alpha.clear();
        return std::move(out);
    }

private:
    void unfilter(unsigned filter, const unsigned char* src, const std::vector<unsigned char>& prev,
                  std::vector<unsigned char>& cur) const {
        for (std::size_t i = 0; i < cur.size(); ++i) {
            unsigned a = i >= filter_bpp ? cur[i - filter_bpp] : 0, b = prev[i], c = i >= filter_bpp ? prev[i - filter_bpp] : 0;
            unsigned v = src[i];
            switch (filter) {
            case 0: break;
            case 1: v += a; break;
            case 2: v += b; break;
            case 3: v += (a + b) / 2; break;
            case 4: {
                int p = int(a) + int(b) - int(c);
                int pa = std::abs(p - int(a)), pb = std::abs(p - int(b)), pc = std::abs(p - int(c));
                v += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                break;
            }
            default: bad_png(file, "行过滤类型无效");
            }
            cur[i] = static_cast<unsigned char>(v);
        }
    }

    /// Pixel px of an unfiltered row, stored at index o of the image.
    void store(const unsigned char* row, std::size_t px, std::size_t o) {
        unsigned char* dst = reinterpret_cast<unsigned char*>(out.pixels.data()) + o * out.channels;
        if (color == 3) {
            unsigned idx = sample(row, px, 0);
            if (idx * 3 + 2 >= png.palette.size()) bad_png(file, "调色板索引超出范围");
            for (int k = 0; k < 3; ++k) dst[k] = std::uint8_t(png.palette[idx * 3 + unsigned(k)]);
            if (has_alpha) out.alpha[o] = char(idx < png.trns.size() ? std::uint8_t(png.trns[idx]) : 255);
        } else if (color == 0 || color == 4) {
            unsigned g = sample(row, px, 0);
            dst[0] = to8(g);
            if (color == 4) out.alpha[o] = char(to8(sample(row, px, 1)));
            else if (has_alpha && g == trns_gray) out.alpha[o] = 0;
        } else {
            unsigned v[3] = {sample(row, px, 0), sample(row, px, 1), sample(row, px, 2)};
            for (int k = 0; k < 3; ++k) dst[k] = to8(v[k]);
            if (color == 6) out.alpha[o] = char(to8(sample(row, px, 3)));
            else if (has_alpha && v[0] == trns_rgb[0] && v[1] == trns_rgb[1] && v[2] == trns_rgb[2]) out.alpha[o] = 0;
        }
    }

    /// The k-th channel of pixel x in an unfiltered row, full precision (up to 16 bits).
    unsigned sample(const unsigned char* row, std::size_t x, unsigned k) const {
        if (depth == 16) {
            const unsigned char* p = row + (x * channels + k) * 2;
            return unsigned(p[0]) << 8 | p[1];
        }
        if (depth == 8) return row[x * channels + k];
        std::size_t bit = (x * channels + k) * depth;
        return (row[bit / 8] >> (8 - depth - bit % 8)) & ((1u << depth) - 1);
    }

    unsigned char to8(unsigned v) const {
        if (depth == 16) return static_cast<unsigned char>(v >> 8);
        return static_cast<unsigned char>(v * 255 / maxv);
    }

    const std::filesystem::path& file;
    const PngChunks& png;
    const std::string& raw;
    const unsigned depth, color;
    const unsigned channels;
    const unsigned bits;          // per pixel
    const std::size_t filter_bpp; // bytes back for Sub/Average/Paeth
    const unsigned maxv;
    bool has_alpha = false;
    unsigned trns_gray = 1u << 20;
    unsigned trns_rgb[3] = {1u << 20, 1u << 20, 1u << 20};
    std::size_t in_pos = 0;
    DecodedImage out;
};

} // namespace

DecodedImage decode_png(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const PngChunks png = read_chunks(file, data);
    const std::string raw = inflate_idat(file, png.idat);
    PngPixels pixels(file, png, raw);
    if (png.interlace == 0) {
        pixels.decode_pass(0, 0, 1, 1);
    } else {
        static const std::size_t x0[] = {0, 4, 0, 2, 0, 1, 0}, dx[] = {8, 8, 4, 4, 2, 2, 1};
        static const std::size_t y0[] = {0, 0, 4, 0, 2, 0, 1}, dy[] = {8, 8, 8, 4, 4, 2, 2};
        for (int p = 0; p < 7; ++p) pixels.decode_pass(x0[p], y0[p], dx[p], dy[p]);
    }
    return pixels.finish();
}

ImageInfo read_image_info(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("图片“{file}”打不开", {{"file", file.string()}}, {file.string(), {}, "image"});
    // Headers are near the start; 256 KB covers EXIF blocks with thumbnails.
    std::string data(256 * 1024, '\0');
    in.read(data.data(), std::streamsize(data.size()));
    data.resize(std::size_t(in.gcount()));
    auto d = reinterpret_cast<const unsigned char*>(data.data());
    ImageInfo info;
    if (data.size() >= 24 && data.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
        info.png = true;
        info.width = int(be32(d + 16));
        info.height = int(be32(d + 20));
        if (info.width > 0 && info.height > 0) return info;
    } else if (data.size() >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
        info.png = false;
        std::size_t i = 2;
        while (i + 4 <= data.size()) {
            if (d[i] != 0xFF) {
                ++i;
                continue;
            }
            unsigned marker = d[i + 1];
            if (marker == 0xFF) {
                ++i;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            unsigned len = be16(d + i + 2);
            if (marker == 0xE1 && i + 4 + len - 2 <= data.size()) info.orientation = exif_orientation(d + i + 4, len - 2);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (i + 9 > data.size()) break;
                info.height = int(be16(d + i + 5));
                info.width = int(be16(d + i + 7));
                if (info.width > 0 && info.height > 0) return info;
                break;
            }
            if (marker == 0xDA) break;
            i += 2 + len;
        }
    }
    throw Error("图片“{file}”无法读取：只支持 PNG 和 JPEG 格式", {{"file", file.string()}}, {file.string(), {}, "image"});
}

} // namespace onebook::core::pdf::detail
