// Every string the code shows has an English translation in the catalogue its program loads:
// onebook-cli reads app/locale only, the shell also its own app/shell/locale. A string missing there
// stays Chinese in the English interface (the Edit menu once did). The check is
// `app/locale/update-po.sh --check` (xgettext over the sources, each message of the .pot looked
// up in the catalogue).
#include "run_tool.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace onebook;

namespace {
int check(const std::string& extra, std::string* out) {
    std::vector<std::string> argv{"bash", std::string(ONEBOOK_SOURCE_DIR) + "/app/locale/update-po.sh", "--check"};
    if (!extra.empty()) argv.push_back(extra);
    std::string err;
    int rc = test::run_tool(argv, out, &err);
    *out += err;
    return rc;
}
} // namespace

BOOST_AUTO_TEST_CASE(every_string_of_the_code_has_an_english_translation) {
    std::string out;
    int rc = check("", &out);
    BOOST_TEST(rc == 0, "strings without an English translation:\n" << out);
    BOOST_TEST(out.empty(), out);
}

BOOST_AUTO_TEST_CASE(a_string_without_a_translation_is_named_with_its_place) {
    test::ScratchDir dir("onebook-catalogue");
    auto src = dir / "new_view.cpp";
    test::write_file(src, "#include \"i18n.hpp\"\nvoid f() { _(\"一句还没有英文的新提示\"); }\n");
    std::string out;
    BOOST_TEST(check(src.string(), &out) == 1);
    BOOST_TEST(out.find("一句还没有英文的新提示") != std::string::npos, out);
    BOOST_TEST(out.find("new_view.cpp:2") != std::string::npos, out);
}
