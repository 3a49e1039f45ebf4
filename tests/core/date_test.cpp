#include "onebook/date.hpp"
#include "onebook/error.hpp"

#include <boost/test/unit_test.hpp>

using onebook::core::Date;

BOOST_AUTO_TEST_CASE(office_date_forms_parse) {
    BOOST_TEST(Date::parse("2024-03-01")->iso() == "2024-03-01");
    BOOST_TEST(Date::parse("2024/3/1")->iso() == "2024-03-01");
    BOOST_TEST(Date::parse("2024年3月1日")->iso() == "2024-03-01");
    BOOST_TEST(Date::parse(" 2024.12.31 ")->iso() == "2024-12-31");
    BOOST_TEST(Date::parse("20240229")->iso() == "2024-02-29");
    BOOST_TEST(Date(2024, 3, 1).chinese() == "2024年3月1日");
}

BOOST_AUTO_TEST_CASE(impossible_dates_are_refused) {
    BOOST_TEST(!Date::parse("2023-02-29"));
    BOOST_TEST(!Date::parse("2024-13-01"));
    BOOST_TEST(!Date::parse("2024/4/31"));
    BOOST_TEST(!Date::parse("三月一日"));
    BOOST_TEST(!Date::parse(""));
    BOOST_CHECK_THROW(Date(2023, 2, 29), onebook::core::Error);
}

BOOST_AUTO_TEST_CASE(arithmetic) {
    BOOST_TEST(Date(2024, 1, 31).add_months(1).iso() == "2024-02-29");
    BOOST_TEST(Date(2021, 11, 26).add_months(36).iso() == "2024-11-26");
    BOOST_TEST(Date(2000, 5, 10).years_until(Date(2024, 5, 9)) == 23);
    BOOST_TEST(Date(2000, 5, 10).years_until(Date(2024, 5, 10)) == 24);
    BOOST_TEST(Date::from_days(Date(2024, 3, 1).days()).iso() == "2024-03-01");
    BOOST_TEST(Date(2024, 3, 1).add_days(-1).iso() == "2024-02-29");
}
