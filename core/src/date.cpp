#include "onebook/date.hpp"

#include "onebook/error.hpp"
#include "onebook/platform.hpp"

#include "onebook/text_limits.hpp"
#include <chrono>
#include <cstdio>
#include <ctime>

namespace onebook::core {

bool Date::is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int Date::days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

Date::Date(int y, int m, int d) {
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        throw Error("日期不存在：{date}", {{"date", std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d)}});
    m_year = y;
    m_month = m;
    m_day = d;
}

std::optional<Date> Date::parse(const std::string& raw) {
    if (raw.size() > 4 * limits::number) return std::nullopt; // bounded before any scanning
    // Trim ASCII and full-width spaces.
    std::string text = raw;
    auto trim_front = [&](const std::string& s) {
        while (text.rfind(s, 0) == 0) text.erase(0, s.size());
    };
    auto trim_back = [&](const std::string& s) {
        while (text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0)
            text.erase(text.size() - s.size());
    };
    for (int i = 0; i < 3; ++i) {
        trim_front(" ");
        trim_front("\t");
        trim_front("\xE3\x80\x80");
        trim_back(" ");
        trim_back("\t");
        trim_back("\xE3\x80\x80");
    }
    // 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日 or 20240301; scanned by hand (no regex on user text).
    if (text.size() > limits::number) return std::nullopt;
    std::string_view t(text);
    auto digits = [&](std::size_t min, std::size_t max, int& out) {
        std::size_t n = 0;
        while (n < t.size() && n < max && t[n] >= '0' && t[n] <= '9') ++n;
        if (n < min) return false;
        out = std::stoi(std::string(t.substr(0, n)));
        t.remove_prefix(n);
        return true;
    };
    auto eat = [&](std::string_view s) {
        if (t.substr(0, s.size()) != s) return false;
        t.remove_prefix(s.size());
        return true;
    };
    int y = 0, mo = 0, d = 0;
    if (all_digits(t, 8, 8)) {
        y = std::stoi(std::string(t.substr(0, 4)));
        mo = std::stoi(std::string(t.substr(4, 2)));
        d = std::stoi(std::string(t.substr(6, 2)));
    } else {
        if (!digits(4, 4, y)) return std::nullopt;
        if (eat("\xE5\xB9\xB4")) { // 年 月 日
            if (!digits(1, 2, mo) || !eat("\xE6\x9C\x88") || !digits(1, 2, d)) return std::nullopt;
            eat("\xE6\x97\xA5");
        } else {
            if (t.empty() || (t[0] != '-' && t[0] != '/' && t[0] != '.')) return std::nullopt;
            char sep = t[0];
            t.remove_prefix(1);
            if (!digits(1, 2, mo) || t.empty() || t[0] != sep) return std::nullopt;
            t.remove_prefix(1);
            if (!digits(1, 2, d)) return std::nullopt;
        }
        if (!t.empty()) return std::nullopt;
    }
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
    return Date(y, mo, d);
}

Date Date::today() {
    std::tm tm = platform::local_time(std::time(nullptr));
    return Date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", m_year, m_month, m_day);
    return buf;
}

std::string Date::chinese() const {
    return std::to_string(m_year) + "\xE5\xB9\xB4" + std::to_string(m_month) + "\xE6\x9C\x88" + std::to_string(m_day) +
           "\xE6\x97\xA5";
}

long Date::days() const {
    using namespace std::chrono;
    return sys_days(year_month_day(std::chrono::year(m_year), std::chrono::month(m_month), std::chrono::day(m_day)))
        .time_since_epoch()
        .count();
}

Date Date::from_days(long n) {
    using namespace std::chrono;
    year_month_day ymd{sys_days{std::chrono::days{n}}};
    return Date(int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

Date Date::add_months(int n) const {
    int total = m_year * 12 + (m_month - 1) + n;
    int y = total / 12, m = total % 12 + 1;
    int d = std::min(m_day, days_in_month(y, m));
    return Date(y, m, d);
}

int Date::years_until(const Date& later) const {
    int years = later.m_year - m_year;
    if (later.m_month < m_month || (later.m_month == m_month && later.m_day < m_day)) --years;
    return years;
}

Date require_date(const std::string& text, const std::string& field, const std::string& label) {
    if (auto d = Date::parse(text)) return *d;
    throw Error(OB_N("“{field}”的日期“{value}”无法识别或不存在，应写作 2024-03-01、2024/3/1 或 2024年3月1日"),
                {{"field", label.empty() ? field : label}, {"value", text}}, {{}, {}, field});
}

std::optional<Date> optional_date(const std::string& text, const std::string& field, const std::string& label) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
    return require_date(text, field, label);
}

} // namespace onebook::core
