// ISO 8601 timestamps as botocore writes and reads them, without locale or allocation surprises.
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
}  // namespace detail

/// Writes "YYYY-MM-DDTHH:MM:SSZ", or "YYYY-MM-DDTHH:MM:SS.ffffffZ" when the microseconds are
/// non-zero: botocore's query-protocol timestamp text.
inline std::string format_iso8601(timestamp t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<microseconds> tod{t - day};
    std::string out;
    out.reserve(27);
    const int y = static_cast<int>(ymd.year());
    if (y < 0) out.push_back('-');
    detail::write_digits(out, y < 0 ? -static_cast<long long>(y) : y, 4);
    out.push_back('-');
    detail::write_digits(out, static_cast<unsigned>(ymd.month()), 2);
    out.push_back('-');
    detail::write_digits(out, static_cast<unsigned>(ymd.day()), 2);
    out.push_back('T');
    detail::write_digits(out, tod.hours().count(), 2);
    out.push_back(':');
    detail::write_digits(out, tod.minutes().count(), 2);
    out.push_back(':');
    detail::write_digits(out, tod.seconds().count(), 2);
    if (const auto us = tod.subseconds().count(); us != 0) {
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
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    return timestamp{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros} -
           minutes{offset_minutes};
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
    using namespace std::chrono;
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
