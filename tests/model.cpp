// awsq/model.hpp and awsq/traits.hpp: the vocabulary types and the type categories algorithms dispatch on.
#include <awsq/error.hpp>
#include <awsq/model.hpp>
#include <awsq/traits.hpp>

#include <doctest/doctest.h>

namespace {
enum class Color { Red, Blue };
BOOST_DESCRIBE_ENUM(Color, Red, Blue)

// Each value type falls in exactly the category its ladder branch expects.
static_assert(awsq::optional_type<std::optional<int>> && !awsq::optional_type<int>);
static_assert(awsq::list_type<std::vector<std::string>> && !awsq::list_type<std::string>);
static_assert(awsq::map_type<std::map<std::string, int>>);
static_assert(awsq::open_enum_type<awsq::open_enum<Color>> && awsq::described_enum<Color>);
static_assert(awsq::string_type<std::string> && !awsq::string_type<awsq::blob>);
static_assert(awsq::integer_type<std::int32_t> && awsq::integer_type<std::int64_t> && !awsq::integer_type<bool>);
static_assert(awsq::boolean_type<bool> && awsq::floating_type<double> && awsq::floating_type<float>);
static_assert(awsq::timestamp_type<awsq::timestamp> && awsq::blob_type<awsq::blob>);
static_assert(awsq::indirect_type<awsq::indirect<int>>);
static_assert(awsq::described_struct<awsq::empty_shape>);
}  // namespace

TEST_CASE("model: open_enum holds a known enumerator or the unknown wire string") {
    awsq::open_enum<Color> known = Color::Blue;
    CHECK(known.known());
    CHECK(known.value() == Color::Blue);
    CHECK(known == Color::Blue);
    CHECK(awsq::enum_to_string(known) == "Blue");

    const auto unknown = awsq::open_enum_from_string<Color>("Green");
    CHECK_FALSE(unknown.known());
    CHECK(unknown.unknown_value() == "Green");
    CHECK(awsq::enum_to_string(unknown) == "Green");
    CHECK(unknown != known);

    SUBCASE("an empty string is an unknown value, not the first enumerator") {
        const auto empty = awsq::open_enum_from_string<Color>("");
        CHECK_FALSE(empty.known());
        CHECK_FALSE(empty == Color::Red);
    }
}

TEST_CASE("model: indirect deep-copies and compares by value") {
    awsq::indirect<std::string> a{std::string{"x"}};
    awsq::indirect<std::string> b = a;
    *b = "y";
    CHECK(*a == "x");
    CHECK(*b == "y");
    CHECK_FALSE(a == b);
    awsq::indirect<std::string> none;
    CHECK_FALSE(none);
    CHECK(none == awsq::indirect<std::string>{});
}

TEST_CASE("error: message() gives the full text with paths") {
    SUBCASE("validation lists every problem") {
        const auto e = awsq::error::invalid({{"R.MaxRecords", "19 is below the minimum 20"},
                                             {"R.Filters[1].Values", "required member is missing"}});
        CHECK(e.kind() == awsq::error_kind::invalid_request);
        CHECK(e.message() == "R.MaxRecords: 19 is below the minimum 20\nR.Filters[1].Values: required member is missing");
    }
    SUBCASE("service errors give Code: Message") {
        awsq::service_error s;
        s.code = "ExportTaskNotFound";
        s.message = "no such task";
        const auto e = awsq::error::from_service(s);
        CHECK(e.message() == "ExportTaskNotFound: no such task");
        CHECK_FALSE(e.is_modeled());
    }
    SUBCASE("result<T>::value() on an error throws awsq::exception carrying it") {
        awsq::result<int> r = awsq::error::parse("A.B", "bad");
        CHECK_THROWS_WITH_AS(r.value(), "A.B: bad", awsq::exception);
    }
}
