// Timestamps as botocore writes and reads them (ISO 8601, RFC 822, epoch seconds), without locale or allocation surprises.
#pragma once

#include <awsq/model.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace awsq {

namespace detail {
inline bool read_digits(std::string_view s, std::size_t& pos, std::size_t count, int& out) noexcept {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    pos += count;
    out = v;
    return true;
}

inline void write_digits(std::string& out, long long value, int width) {
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 || n < width);
    while (n > 0) out.push_back(buf[--n]);
}

// Calendar arithmetic on plain integers (Howard Hinnant's algorithms, which std::chrono's calendar
// types also use): the same results, without instantiating those types in every translation unit.

constexpr long long us_per_day = 86'400'000'000;

/// a / b rounded towards minus infinity, for times before 1970.
constexpr long long floor_div(long long a, long long b) noexcept { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

constexpr bool is_leap(long long y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr unsigned last_day_of(long long y, unsigned m) noexcept {
    constexpr unsigned char days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
constexpr long long days_from_civil(long long y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);                  // [0, 399]
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

/// The date of a day since 1970-01-01, and the time of day: a timestamp's parts.
struct civil_time {
    long long year;
    unsigned month, day;            // 1-12, 1-31
    long long day_number;           // days since 1970-01-01
    long long micros_of_day;        // [0, us_per_day)
    /// 0 for Sunday (1970-01-01 was a Thursday).
    unsigned weekday() const noexcept {
        const long long w = (day_number + 4) % 7;
        return static_cast<unsigned>(w < 0 ? w + 7 : w);
    }
};

constexpr civil_time civil_from(timestamp t) noexcept {
    const long long us = t.time_since_epoch().count();
    const long long days = floor_div(us, us_per_day);
    const long long z = days + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);                  // [0, 146096]
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              // [0, 365]
    const unsigned mp = (5 * doy + 2) / 153;                                   // [0, 11]
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<long long>(yoe) + era * 400 + (month <= 2), month, doy - (153 * mp + 2) / 5 + 1, days,
            us - days * us_per_day};
}
}  // namespace detail

namespace detail {
/// RFC 822's month names, as HTTP dates and the rfc822 timestamp format write them.
inline constexpr std::string_view month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// Appends "Tue, 02 Jan 2024 03:04:05": RFC 822's date and time of the whole seconds, without the
/// zone (the query protocol writes " GMT" after it, botocore's Date header " -0000").
inline void append_rfc822_date_time(std::string& out, timestamp t) {
    static constexpr std::string_view days_of_week[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    const civil_time c = civil_from(t);
    const long long seconds_of_day = c.micros_of_day / 1'000'000;
    out += days_of_week[c.weekday()];
    out += ", ";
    write_digits(out, c.day, 2);
    out += ' ';
    out += month_names[c.month - 1];
    out += ' ';
    if (c.year < 0) out += '-';
    write_digits(out, c.year < 0 ? -c.year : c.year, 4);
    out += ' ';
    write_digits(out, seconds_of_day / 3600, 2);
    out += ':';
    write_digits(out, seconds_of_day / 60 % 60, 2);
    out += ':';
    write_digits(out, seconds_of_day % 60, 2);
}
}  // namespace detail

/// Writes "YYYY-MM-DDTHH:MM:SSZ", or "YYYY-MM-DDTHH:MM:SS.ffffffZ" when the microseconds are
/// non-zero: botocore's query-protocol timestamp text.
inline std::string format_iso8601(timestamp t) {
    const detail::civil_time c = detail::civil_from(t);
    const long long us_of_day = c.micros_of_day;
    std::string out;
    out.reserve(27);
    const long long y = c.year;
    if (y < 0) out.push_back('-');
    detail::write_digits(out, y < 0 ? -y : y, 4);
    out.push_back('-');
    detail::write_digits(out, c.month, 2);
    out.push_back('-');
    detail::write_digits(out, c.day, 2);
    out.push_back('T');
    detail::write_digits(out, us_of_day / 3'600'000'000, 2);
    out.push_back(':');
    detail::write_digits(out, us_of_day / 60'000'000 % 60, 2);
    out.push_back(':');
    detail::write_digits(out, us_of_day / 1'000'000 % 60, 2);
    if (const auto us = us_of_day % 1'000'000; us != 0) {
        out.push_back('.');
        detail::write_digits(out, us, 6);
    }
    out.push_back('Z');
    return out;
}

namespace detail {
/// The value of the two digits at p, or -1 when either is not a digit.
inline int two_digits(const char* p) noexcept {
    const unsigned a = static_cast<unsigned char>(p[0]) - unsigned{'0'};
    const unsigned b = static_cast<unsigned char>(p[1]) - unsigned{'0'};
    return a < 10 && b < 10 ? static_cast<int>(a * 10 + b) : -1;
}

/// The timestamp of valid calendar fields, or empty.
inline std::optional<timestamp> from_fields(int y, int mo, int d, int h, int mi, int sec, long long micros,
                                            int offset_minutes) noexcept {
    if (mo < 1 || mo > 12 || d < 1 || (d > 28 && static_cast<unsigned>(d) > last_day_of(y, static_cast<unsigned>(mo))) ||
        h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    const long long seconds = ((h * 60LL + mi - offset_minutes) * 60 + sec);
    return timestamp{std::chrono::microseconds{
        days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * us_per_day + seconds * 1'000'000 +
        micros}};
}

/// The layout services send, "YYYY-MM-DDTHH:MM:SSZ" with no fraction or a fraction of 3 or 6
/// digits, read without the general parser's bookkeeping. Empty when `s` is anything else.
inline std::optional<timestamp> parse_iso8601_utc(std::string_view s) noexcept {
    const std::size_t n = s.size();
    if ((n != 20 && n != 24 && n != 27) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[n - 1] != 'Z' || (n > 20 && s[19] != '.'))
        return std::nullopt;
    const char* p = s.data();
    const int y100 = two_digits(p), y = two_digits(p + 2), mo = two_digits(p + 5), d = two_digits(p + 8),
              h = two_digits(p + 11), mi = two_digits(p + 14), sec = two_digits(p + 17);
    if ((y100 | y | mo | d | h | mi | sec) < 0) return std::nullopt;
    long long micros = 0;
    for (std::size_t i = 20; i + 1 < n; ++i) {
        const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned{'0'};
        if (digit > 9) return std::nullopt;
        micros = micros * 10 + digit;
    }
    if (n == 24) micros *= 1000;
    return from_fields(y100 * 100 + y, mo, d, h, mi, sec, micros, 0);
}
}  // namespace detail

/// Reads "YYYY-MM-DDTHH:MM:SS[.fraction][Z|+hh:mm|-hh:mm|+hhmm]" (no zone means UTC), normalised to
/// UTC; fraction digits past microseconds are dropped. Empty when the text is not such a timestamp.
inline std::optional<timestamp> parse_iso8601(std::string_view s) noexcept {
    if (auto t = detail::parse_iso8601_utc(s)) return t;  // the common layout, else the general reader
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    auto expect = [&](char c) {
        if (pos < s.size() && s[pos] == c) { ++pos; return true; }
        return false;
    };
    if (!detail::read_digits(s, pos, 4, y) || !expect('-') || !detail::read_digits(s, pos, 2, mo) ||
        !expect('-') || !detail::read_digits(s, pos, 2, d))
        return std::nullopt;
    if (!(expect('T') || expect('t') || expect(' '))) return std::nullopt;
    if (!detail::read_digits(s, pos, 2, h) || !expect(':') || !detail::read_digits(s, pos, 2, mi) ||
        !expect(':') || !detail::read_digits(s, pos, 2, sec))
        return std::nullopt;
    long long micros = 0;
    if (expect('.') || expect(',')) {
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 6) micros = micros * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (; digits < 6; ++digits) micros *= 10;
    }
    int offset_minutes = 0;
    if (expect('Z') || expect('z')) {
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos++] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!detail::read_digits(s, pos, 2, oh)) return std::nullopt;
        expect(':');
        if (!detail::read_digits(s, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
        offset_minutes = sign * (oh * 60 + om);
    }
    if (pos != s.size()) return std::nullopt;
    return detail::from_fields(y, mo, d, h, mi, sec, micros, offset_minutes);
}

/// Reads an RFC 822 / HTTP date, "Tue, 29 Apr 2014 18:30:38 GMT" (the model's rfc822 format; the
/// weekday is optional and not checked against the date, as dateutil does not; a fraction of seconds,
/// and a zone of GMT, UTC, Z or +hhmm/-hhmm are read too). Empty when the text is not such a date.
inline std::optional<timestamp> parse_rfc822(std::string_view s) noexcept {
    std::size_t pos = 0;
    const auto expect = [&](char c) {
        if (pos < s.size() && s[pos] == c) { ++pos; return true; }
        return false;
    };
    if (const std::size_t comma = s.find(','); comma != std::string_view::npos) {
        if (comma != 3) return std::nullopt;  // "Tue,"
        pos = 4;
        expect(' ');
    }
    int d = 0, mo = 0, y = 0, h = 0, mi = 0, sec = 0;
    if (!detail::read_digits(s, pos, 2, d) && !detail::read_digits(s, pos, 1, d)) return std::nullopt;
    if (!expect(' ') || pos + 3 > s.size()) return std::nullopt;
    for (int i = 0; i < 12; ++i)
        if (s.substr(pos, 3) == detail::month_names[i]) mo = i + 1;
    pos += 3;
    if (mo == 0 || !expect(' ') || !detail::read_digits(s, pos, 4, y) || !expect(' ') ||
        !detail::read_digits(s, pos, 2, h) || !expect(':') || !detail::read_digits(s, pos, 2, mi) || !expect(':') ||
        !detail::read_digits(s, pos, 2, sec))
        return std::nullopt;
    long long micros = 0;
    if (expect('.')) {
        int digits = 0;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits)
            if (digits < 6) micros = micros * 10 + (s[pos] - '0');
        if (digits == 0) return std::nullopt;
        for (; digits < 6; ++digits) micros *= 10;
    }
    int offset_minutes = 0;
    if (expect(' ')) {
        const std::string_view zone = s.substr(pos);
        if (zone == "GMT" || zone == "UTC" || zone == "Z") {
            pos = s.size();
        } else if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
            ++pos;
            int oh = 0, om = 0;
            if (!detail::read_digits(s, pos, 2, oh) || !detail::read_digits(s, pos, 2, om) || oh > 23 || om > 59)
                return std::nullopt;
            offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
        }
    }
    if (pos != s.size()) return std::nullopt;
    return detail::from_fields(y, mo, d, h, mi, sec, micros, offset_minutes);
}

/// Epoch seconds as a timestamp, microseconds rounded half to even as Python's
/// datetime.fromtimestamp does; empty outside years 1 to 9999 or when not finite.
inline std::optional<timestamp> from_epoch_seconds(double seconds) noexcept {
    if (!std::isfinite(seconds) || seconds < -62135596800.0 || seconds > 253402300799.0) return std::nullopt;
    double whole = 0;
    double micros = std::nearbyint(std::modf(seconds, &whole) * 1e6);
    if (micros >= 1e6) {
        micros -= 1e6;
        whole += 1;
    } else if (micros < 0) {
        micros += 1e6;
        whole -= 1;
    }
    return timestamp{std::chrono::seconds{static_cast<long long>(whole)}} +
           std::chrono::microseconds{static_cast<long long>(micros)};
}

}  // namespace awsq
