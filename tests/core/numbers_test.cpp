#include "onebook/numbers.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook::core;

BOOST_AUTO_TEST_CASE(format_number_keeps_what_the_user_gave) {
    BOOST_TEST(format_number(3) == "3");
    BOOST_TEST(format_number(1.25) == "1.25"); // printf("%.1f") said "1.2"
    BOOST_TEST(format_number(2.5) == "2.5");
    BOOST_TEST(format_number(2.50) == "2.5");
    BOOST_TEST(format_number(0.1 + 0.2) == "0.3");
    BOOST_TEST(format_number(100) == "100");
    BOOST_TEST(format_number(-1.5) == "-1.5");
    BOOST_TEST(format_number(-0.001) == "0"); // never "-0"
}

BOOST_AUTO_TEST_CASE(format_number_rounds_half_away_from_zero) {
    BOOST_TEST(format_number(1.0 / 3) == "0.33");
    BOOST_TEST(format_number(2.0 / 3) == "0.67");
    BOOST_TEST(format_number(1.005) == "1.01"); // stored as 1.00499999…: still what was meant
    BOOST_TEST(format_number(1.25, 1) == "1.3");
    BOOST_TEST(format_number(66.666, 1) == "66.7");
    BOOST_TEST(format_number(80.0, 1) == "80");
    BOOST_TEST(format_number(0.6667, 3) == "0.667");
    BOOST_TEST(format_number(2.4, 0) == "2");
}

BOOST_AUTO_TEST_CASE(format_fixed_keeps_its_decimals) {
    BOOST_TEST(format_fixed(80, 1) == "80.0");
    BOOST_TEST(format_fixed(12.25, 1) == "12.3");
    BOOST_TEST(format_fixed(1.0, 2) == "1.00");
    BOOST_TEST(format_fixed(-0.04, 1) == "0.0");
}

BOOST_AUTO_TEST_CASE(score_tolerance) {
    BOOST_TEST(same_score(0.1 + 0.2, 0.3));
    BOOST_TEST(!same_score(99.5, 100));
    BOOST_TEST(half_multiple(2.5));
    BOOST_TEST(half_multiple(3));
    BOOST_TEST(half_multiple(0.5 * 3 + 1e-9));
    BOOST_TEST(!half_multiple(2.25));
    BOOST_TEST(!half_multiple(0.3));
}
