// awsq/timestamp.hpp: ISO 8601 as botocore writes it, and the forms services send.
#include <awsq/timestamp.hpp>

#include <doctest/doctest.h>

using namespace std::chrono;

namespace {
awsq::timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s, long long us = 0) {
    return awsq::timestamp{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s} +
           microseconds{us};
}
}  // namespace

TEST_CASE("timestamp: written as botocore does, fraction only when non-zero") {
    CHECK(awsq::format_iso8601(at(2024, 3, 1, 12, 34, 56)) == "2024-03-01T12:34:56Z");
    CHECK(awsq::format_iso8601(at(2024, 3, 1, 12, 34, 56, 123000)) == "2024-03-01T12:34:56.123000Z");
    CHECK(awsq::format_iso8601(at(1970, 1, 1, 0, 0, 0, 1)) == "1970-01-01T00:00:00.000001Z");
    CHECK(awsq::format_iso8601(at(1969, 12, 31, 23, 59, 59)) == "1969-12-31T23:59:59Z");
}

TEST_CASE("timestamp: read with or without fraction, Z or an offset, normalised to UTC") {
    SUBCASE("Z") { CHECK(awsq::parse_iso8601("2024-01-02T03:04:05Z") == at(2024, 1, 2, 3, 4, 5)); }
    SUBCASE("milliseconds kept") {
        CHECK(awsq::parse_iso8601("2024-01-02T03:04:05.678Z") == at(2024, 1, 2, 3, 4, 5, 678000));
    }
    SUBCASE("positive offset") {
        CHECK(awsq::parse_iso8601("2024-01-02T03:04:05+02:00") == at(2024, 1, 2, 1, 4, 5));
    }
    SUBCASE("negative offset crossing midnight") {
        CHECK(awsq::parse_iso8601("2024-01-02T20:00:00-05:30") == at(2024, 1, 3, 1, 30, 0));
    }
    SUBCASE("no zone means UTC") { CHECK(awsq::parse_iso8601("2024-01-02T03:04:05") == at(2024, 1, 2, 3, 4, 5)); }
    SUBCASE("microseconds kept") {
        CHECK(awsq::parse_iso8601("2024-02-29T23:59:59.000001Z") == at(2024, 2, 29, 23, 59, 59, 1));
    }
    SUBCASE("lower-case t and z, a space, a comma: the general reader") {
        CHECK(awsq::parse_iso8601("2024-01-02t03:04:05.5z") == at(2024, 1, 2, 3, 4, 5, 500000));
        CHECK(awsq::parse_iso8601("2024-01-02 03:04:05,25Z") == at(2024, 1, 2, 3, 4, 5, 250000));
    }
    SUBCASE("digits past microseconds are dropped") {
        CHECK(awsq::parse_iso8601("2024-01-02T03:04:05.1234567Z") == at(2024, 1, 2, 3, 4, 5, 123456));
    }
}

TEST_CASE("timestamp: malformed text is refused") {
    for (const char* bad : {"", "2024", "2024-01-02", "2024-13-02T00:00:00Z", "2024-02-30T00:00:00Z",
                            "2024-01-02T24:00:00Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05Zjunk",
                            "2024-01-02T03:04:05+2", "x024-01-02T03:04:05Z", "2023-02-29T00:00:00.000Z",
                            "2024-01-02T03:60:05.000Z", "2024-01-02T03:04:60.000000Z", "2024-01-02T03:04:05.0x0Z",
                            "2024-01-02T03:04:05.000+", "2024-00-02T03:04:05Z", "2024-01-00T03:04:05Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(awsq::parse_iso8601(bad).has_value());
    }
}

TEST_CASE("timestamp: the calendar arithmetic agrees with std::chrono's") {
    for (long long d = -800'000; d <= 800'000; d += 7) {  // years -220 to 4160, every weekday in turn
        CAPTURE(d);
        const sys_days day{days{d}};
        const year_month_day ymd{day};
        const long long into_day = (d * 997 % 86'400'000'000 + 86'400'000'000) % 86'400'000'000;  // any time of day
        const auto c = awsq::detail::civil_from(awsq::timestamp{day} + microseconds{into_day});
        REQUIRE(c.micros_of_day == into_day);
        REQUIRE(c.year == static_cast<int>(ymd.year()));
        REQUIRE(c.month == static_cast<unsigned>(ymd.month()));
        REQUIRE(c.day == static_cast<unsigned>(ymd.day()));
        REQUIRE(c.weekday() == weekday{day}.c_encoding());
        REQUIRE(awsq::detail::days_from_civil(c.year, c.month, c.day) == d);
        REQUIRE(awsq::detail::last_day_of(c.year, c.month) ==
                static_cast<unsigned>(year_month_day_last{ymd.year(), month_day_last{ymd.month()}}.day()));
    }
}
