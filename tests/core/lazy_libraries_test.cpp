// SQLite, libcrypto, ICU, libharu/HarfBuzz/fontconfig, libxlsxwriter, Poco::Zip, Poco::Encodings and
// Poco::XML with expat (through the .xlsx parser's module) are mapped on first use, not at exec (cmake/LazyLibraries.cmake): a process that never signs,
// sorts in pinyin or writes a PDF never pays their relocations; one that does gets the same results
// as when they were linked. (SQLite is not checked here: the test support library links it.)
#include "onebook/collation.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/xlsx_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <link.h>

#include <string>

namespace {
int count_loaded(const std::string& part) {
    struct Search {
        std::string part;
        int found = 0;
    } s{part};
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* data) {
            auto* search = static_cast<Search*>(data);
            if (info->dlpi_name && std::string(info->dlpi_name).find(search->part) != std::string::npos) ++search->found;
            return 0;
        },
        &s);
    return s.found;
}
bool loaded(const std::string& part) { return count_loaded(part) > 0; }
} // namespace

BOOST_AUTO_TEST_CASE(the_heavy_libraries_are_not_mapped_at_start) {
    for (const char* lib : {"libcrypto.so", "libicui18n.so", "libhpdf", "libharfbuzz", "libfontconfig.so", "libxlsxwriter.so",
                            "libPocoZip.so", "libPocoEncodings.so", "libPocoXML.so", "libexpat.so", "libonebook-dl-"})
        BOOST_TEST(!loaded(lib), lib << " mapped before any use");
}

BOOST_AUTO_TEST_CASE(pinyin_sorting_loads_icu_on_first_use) {
    BOOST_TEST(!loaded("libicui18n.so"));
    BOOST_TEST(onebook::core::name_less("李秀兰", "张伟")); // li < zhang, though 张 < 李 by code point
    BOOST_TEST(loaded("libicui18n.so"));
    BOOST_TEST(loaded("libonebook-dl-icu.so"));
    BOOST_TEST(onebook::core::compare_names("王建国", "王建国") == 0);
    BOOST_TEST(count_loaded("libonebook-dl-icu.so") == 1);
}

BOOST_AUTO_TEST_CASE(checking_a_signature_loads_libcrypto_on_first_use) {
    BOOST_TEST(!loaded("libcrypto.so"));
    const std::string key(44, 'A');       // 32 zero bytes in base64
    const std::string signature(88, 'A'); // 64 zero bytes
    BOOST_TEST(!onebook::core::verify_signature(key.substr(0, 43) + "=", "data", signature.substr(0, 86) + "=="));
    BOOST_TEST(loaded("libcrypto.so"));
    BOOST_TEST(loaded("libonebook-dl-crypto.so"));
}

BOOST_AUTO_TEST_CASE(reading_a_workbook_loads_the_xml_parser_on_first_use) {
    BOOST_TEST(!onebook::core::looks_like_zip("名单,党小组\n")); // telling a CSV file needs no parser
    BOOST_TEST(!loaded("libPocoXML.so"));
    BOOST_TEST(!loaded("libexpat.so"));
    // A zip holding no workbook: the parser's module reads it and says what is wrong.
    std::string message;
    try {
        (void)onebook::core::xlsx_sheet_names(std::string("PK\x03\x04", 4) + std::string(60, '\0'), "名单.xlsx");
    } catch (const onebook::core::Error& e) { message = e.key(); }
    BOOST_TEST(message.find("Excel") != std::string::npos, message);
    BOOST_TEST(loaded("libonebook-dl-xlsxread.so"));
    BOOST_TEST(loaded("libPocoXML.so"));
    BOOST_TEST(count_loaded("libonebook-dl-xlsxread.so") == 1);
}
