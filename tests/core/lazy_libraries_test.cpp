// SQLite, libcrypto, ICU, libharu/HarfBuzz/fontconfig, libxlsxwriter, Poco::Zip and Poco::Encodings
// are mapped on first use, not at exec (cmake/LazyLibraries.cmake): a process that never signs,
// sorts in pinyin or writes a PDF never pays their relocations; one that does gets the same results
// as when they were linked. (SQLite is not checked here: the test support library links it.)
#include "onebook/collation.hpp"
#include "onebook/identity.hpp"

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
                            "libPocoZip.so", "libPocoEncodings.so", "libonebook-dl-"})
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
