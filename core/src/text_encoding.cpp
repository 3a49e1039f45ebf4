#include "onebook/text_encoding.hpp"

#include "onebook/error.hpp"
#include "onebook/utf8.hpp"

#include <Poco/TextConverter.h>
#include <Poco/UTF16Encoding.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows936Encoding.h>

namespace onebook::core {

bool is_valid_utf8(const std::string& s) { return utf8_valid(s); }

namespace {
std::string convert(Poco::TextEncoding& from, const std::string& bytes, const std::string& file, const char* name) {
    Poco::UTF8Encoding utf8;
    Poco::TextConverter conv(from, utf8, '?');
    std::string out;
    int errors = conv.convert(bytes.data(), static_cast<int>(bytes.size()), out);
    if (errors > 0)
        throw Error("文件 {file} 的编码无法识别：既不是 UTF-8，也不是有效的 {encoding}（{count} 处无效字节）",
                    {{"file", file}, {"encoding", name}, {"count", std::to_string(errors)}}, {file, {}, {}});
    return out;
}
} // namespace

DecodedText decode_text(const std::string& bytes, const std::string& file) {
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        std::string rest = bytes.substr(3);
        if (!is_valid_utf8(rest)) throw Error("文件 {file} 标明为 UTF-8 但含有无效字节", {{"file", file}}, {file, {}, {}});
        return {rest, "UTF-8 BOM"};
    }
    if (bytes.size() >= 2 && (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0)) {
        bool le = bytes[0] == '\xFF';
        Poco::UTF16Encoding enc(le ? Poco::UTF16Encoding::LITTLE_ENDIAN_BYTE_ORDER : Poco::UTF16Encoding::BIG_ENDIAN_BYTE_ORDER);
        return {convert(enc, bytes.substr(2), file, le ? "UTF-16LE" : "UTF-16BE"), le ? "UTF-16LE" : "UTF-16BE"};
    }
    if (is_valid_utf8(bytes)) return {bytes, "UTF-8"};
    Poco::Windows936Encoding gbk;
    return {convert(gbk, bytes, file, "GBK"), "GBK"};
}

} // namespace onebook::core
