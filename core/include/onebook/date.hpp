// Calendar dates as offices write them: 2024-03-01, 2024/3/1, 2024年3月1日.
#pragma once

#include <compare>
#include <optional>
#include <string>

namespace onebook::core {

/// A valid Gregorian calendar date (no time zone: party records are local dates).
class Date {
public:
    Date() = default;
    /// Throws Error when the date does not exist (2023-02-29, month 13…).
    Date(int year, int month, int day);

    /// Parses the three forms offices use; nullopt when the text is not a date at all or names
    /// an impossible day.
    static std::optional<Date> parse(const std::string& text);
    /// Today's local date.
    static Date today();

    int year() const { return m_year; }
    int month() const { return m_month; }
    int day() const { return m_day; }
    bool valid() const { return m_year != 0; }

    /// ISO form, 2024-03-01 (what the archive stores).
    std::string iso() const;
    /// Chinese form, 2024年3月1日 (what boards print).
    std::string chinese() const;
    /// Days since 1970-01-01.
    long days() const;
    static Date from_days(long days);
    Date add_days(long n) const { return from_days(days() + n); }
    /// Same day n months later (clamped to the month's last day).
    Date add_months(int n) const;
    /// Whole years from this date to `later` (age, party age).
    int years_until(const Date& later) const;

    static bool is_leap(int year);
    static int days_in_month(int year, int month);

    auto operator<=>(const Date&) const = default;

private:
    int m_year = 0, m_month = 0, m_day = 0;
};

/// Reads a date the user typed into `field` (an option such as "--today", or a form field):
/// throws Error naming the field and the value when the text is not a date or names an impossible
/// day (2026-02-30). `label` is what the message shows for the field (default: `field` itself);
/// the error's location is `field`.
Date require_date(const std::string& text, const std::string& field, const std::string& label = {});
/// As require_date, but blank text means "no date".
std::optional<Date> optional_date(const std::string& text, const std::string& field, const std::string& label = {});

} // namespace onebook::core
