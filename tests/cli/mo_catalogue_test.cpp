// The gettext catalogue reader the executables translate with: the compiled English catalogue is
// found and read, lookups are exact, and a damaged file gives no catalogue instead of a crash.
#include "i18n.hpp"
#include "mo_catalogue.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace onebook;

namespace {

void put32(std::string& b, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) b += char((v >> (8 * k)) & 0xff);
}

/// A little-endian .mo holding `entries` in the given (possibly unsorted) order.
std::string mo(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::uint32_t n = std::uint32_t(entries.size());
    std::uint32_t originals = 28, translations = originals + 8 * n, strings = translations + 8 * n;
    std::string head, table_o, table_t, data;
    for (const auto& [id, text] : entries) {
        put32(table_o, std::uint32_t(id.size()));
        put32(table_o, strings + std::uint32_t(data.size()));
        data += id + '\0';
    }
    for (const auto& [id, text] : entries) {
        put32(table_t, std::uint32_t(text.size()));
        put32(table_t, strings + std::uint32_t(data.size()));
        data += text + '\0';
    }
    for (std::uint32_t v : {0x950412deu, 0u, n, originals, translations, 0u, 0u}) put32(head, v);
    return head + table_o + table_t + data;
}

} // namespace

BOOST_AUTO_TEST_CASE(lookups_are_exact_whatever_the_order_in_the_file) {
    auto c = app::MoCatalogue::parse(mo({{"", "Content-Type: text/plain; charset=UTF-8\n"},
                                         {"整改公示", "Rectification"},
                                         {"党员", "Party member"},
                                         {"未译", ""},
                                         {"党员大会", "Party members' assembly"}}));
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->size() == 3u); // the header and the untranslated entry are not translations
    BOOST_REQUIRE(c->find("党员"));
    BOOST_TEST(std::string(*c->find("党员")) == "Party member");
    BOOST_TEST(std::string(*c->find("党员大会")) == "Party members' assembly");
    BOOST_TEST(std::string(*c->find("整改公示")) == "Rectification");
    BOOST_TEST(!c->find("党"));
    BOOST_TEST(!c->find("未译"));
    BOOST_TEST(!c->find(""));
}

BOOST_AUTO_TEST_CASE(a_damaged_catalogue_is_no_catalogue) {
    std::string good = mo({{"党员", "Party member"}});
    BOOST_TEST(app::MoCatalogue::parse(good).has_value());
    BOOST_TEST(!app::MoCatalogue::parse("").has_value());
    BOOST_TEST(!app::MoCatalogue::parse("not a catalogue at all, just text").has_value());
    BOOST_TEST(!app::MoCatalogue::parse(good.substr(0, good.size() - 4)).has_value()); // a string runs past the end
    std::string wild = good;
    wild[8] = '\xff'; // a count far beyond the file
    BOOST_TEST(!app::MoCatalogue::parse(wild).has_value());
    BOOST_TEST(!app::MoCatalogue::load(test::bin("no-such-catalogue.mo")).has_value());
}

BOOST_AUTO_TEST_CASE(english_reads_the_built_catalogue_and_chinese_needs_none) {
    auto c = app::MoCatalogue::load(test::bin("onebook-cli").parent_path().parent_path() / "locale" / "en" / "LC_MESSAGES" /
                                    "onebook.mo");
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->size() > 1000u);
    BOOST_TEST(std::string(*c->find("公示牌模板")) == "Board templates");

    // The test runs from <build>/bin, beside <build>/locale, as onebook-cli does.
    app::init_translations(app::UiLanguage::English);
    BOOST_TEST(app::tr("公示牌模板") == "Board templates");
    BOOST_TEST(app::tr(core::Message{"共 {count} 名党员", {{"count", "3"}}}) == "Total: 3 party members");
    BOOST_TEST(app::tr("没有这条译文的消息") == "没有这条译文的消息");
    app::init_translations(app::UiLanguage::Chinese);
    BOOST_TEST(app::tr("公示牌模板") == "公示牌模板");
    BOOST_TEST(app::tr(core::Message{"共 {count} 名党员", {{"count", "3"}}}) == "共 3 名党员");
}
