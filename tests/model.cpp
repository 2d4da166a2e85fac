// awsq/model.hpp and awsq/traits.hpp: the vocabulary types and the type categories algorithms dispatch on.
#include <awsq/error.hpp>
#include <awsq/model.hpp>
#include <awsq/traits.hpp>

#include <doctest/doctest.h>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <span>
#include <string_view>
#include <type_traits>

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

// AWSQ_DESCRIBE_STRUCT gives what BOOST_DESCRIBE_STRUCT gives, past its 52 members.
struct ByBoost { int a; std::string b; };
BOOST_DESCRIBE_STRUCT(ByBoost, (), (a, b))
struct ByAwsq { int a; std::string b; };
AWSQ_DESCRIBE_STRUCT(ByAwsq, awsq::described_member<&ByAwsq::a, "a">, awsq::described_member<&ByAwsq::b, "b">);
struct Wide { int m0; int m1; int m2; int m3; int m4; int m5; int m6; int m7; int m8; int m9; int m10; int m11; int m12; int m13; int m14; int m15; int m16; int m17; int m18; int m19; int m20; int m21; int m22; int m23; int m24; int m25; int m26; int m27; int m28; int m29; int m30; int m31; int m32; int m33; int m34; int m35; int m36; int m37; int m38; int m39; int m40; int m41; int m42; int m43; int m44; int m45; int m46; int m47; int m48; int m49; int m50; int m51; int m52; int m53; int m54; int m55; int m56; int m57; int m58; int m59; };
AWSQ_DESCRIBE_STRUCT(Wide,
    awsq::described_member<&Wide::m0, "m0">,
    awsq::described_member<&Wide::m1, "m1">,
    awsq::described_member<&Wide::m2, "m2">,
    awsq::described_member<&Wide::m3, "m3">,
    awsq::described_member<&Wide::m4, "m4">,
    awsq::described_member<&Wide::m5, "m5">,
    awsq::described_member<&Wide::m6, "m6">,
    awsq::described_member<&Wide::m7, "m7">,
    awsq::described_member<&Wide::m8, "m8">,
    awsq::described_member<&Wide::m9, "m9">,
    awsq::described_member<&Wide::m10, "m10">,
    awsq::described_member<&Wide::m11, "m11">,
    awsq::described_member<&Wide::m12, "m12">,
    awsq::described_member<&Wide::m13, "m13">,
    awsq::described_member<&Wide::m14, "m14">,
    awsq::described_member<&Wide::m15, "m15">,
    awsq::described_member<&Wide::m16, "m16">,
    awsq::described_member<&Wide::m17, "m17">,
    awsq::described_member<&Wide::m18, "m18">,
    awsq::described_member<&Wide::m19, "m19">,
    awsq::described_member<&Wide::m20, "m20">,
    awsq::described_member<&Wide::m21, "m21">,
    awsq::described_member<&Wide::m22, "m22">,
    awsq::described_member<&Wide::m23, "m23">,
    awsq::described_member<&Wide::m24, "m24">,
    awsq::described_member<&Wide::m25, "m25">,
    awsq::described_member<&Wide::m26, "m26">,
    awsq::described_member<&Wide::m27, "m27">,
    awsq::described_member<&Wide::m28, "m28">,
    awsq::described_member<&Wide::m29, "m29">,
    awsq::described_member<&Wide::m30, "m30">,
    awsq::described_member<&Wide::m31, "m31">,
    awsq::described_member<&Wide::m32, "m32">,
    awsq::described_member<&Wide::m33, "m33">,
    awsq::described_member<&Wide::m34, "m34">,
    awsq::described_member<&Wide::m35, "m35">,
    awsq::described_member<&Wide::m36, "m36">,
    awsq::described_member<&Wide::m37, "m37">,
    awsq::described_member<&Wide::m38, "m38">,
    awsq::described_member<&Wide::m39, "m39">,
    awsq::described_member<&Wide::m40, "m40">,
    awsq::described_member<&Wide::m41, "m41">,
    awsq::described_member<&Wide::m42, "m42">,
    awsq::described_member<&Wide::m43, "m43">,
    awsq::described_member<&Wide::m44, "m44">,
    awsq::described_member<&Wide::m45, "m45">,
    awsq::described_member<&Wide::m46, "m46">,
    awsq::described_member<&Wide::m47, "m47">,
    awsq::described_member<&Wide::m48, "m48">,
    awsq::described_member<&Wide::m49, "m49">,
    awsq::described_member<&Wide::m50, "m50">,
    awsq::described_member<&Wide::m51, "m51">,
    awsq::described_member<&Wide::m52, "m52">,
    awsq::described_member<&Wide::m53, "m53">,
    awsq::described_member<&Wide::m54, "m54">,
    awsq::described_member<&Wide::m55, "m55">,
    awsq::described_member<&Wide::m56, "m56">,
    awsq::described_member<&Wide::m57, "m57">,
    awsq::described_member<&Wide::m58, "m58">,
    awsq::described_member<&Wide::m59, "m59">);
struct Nothing {};
AWSQ_DESCRIBE_STRUCT(Nothing);

template <class T, std::size_t I>
using nth = boost::mp11::mp_at_c<awsq::members_of<T>, I>;
constexpr bool same_text(const char* x, const char* y) { return std::string_view(x) == std::string_view(y); }
static_assert(awsq::described_struct<ByAwsq> && awsq::described_struct<Nothing> && awsq::described_struct<Wide>);
static_assert(boost::mp11::mp_size<awsq::members_of<ByAwsq>>::value == 2);
static_assert(same_text(nth<ByAwsq, 1>::name, nth<ByBoost, 1>::name));
static_assert(nth<ByAwsq, 1>::modifiers == nth<ByBoost, 1>::modifiers);
static_assert(std::is_same_v<decltype(nth<ByAwsq, 1>::pointer), std::string ByAwsq::* const>);
static_assert(std::is_same_v<decltype(nth<ByBoost, 1>::pointer), std::string ByBoost::* const>);
static_assert(boost::mp11::mp_size<boost::describe::describe_members<ByAwsq, boost::describe::mod_any_access |
                                                                     boost::describe::mod_inherited>>::value == 2);
static_assert(boost::mp11::mp_size<awsq::members_of<Wide>>::value == 60);
static_assert(nth<Wide, 59>::pointer == &Wide::m59 && same_text(nth<Wide, 59>::name, "m59"));
static_assert(boost::mp11::mp_size<awsq::members_of<Nothing>>::value == 0);

// awsq::strings<...> is a constant array a std::span of the facts can point to.
constexpr std::span<const std::string_view> paths = awsq::strings<"Marker", "EngineDefaults.Marker">;
static_assert(paths.size() == 2 && paths[1] == "EngineDefaults.Marker");
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
    *b = std::string("y");  // not a literal: GCC 12 at -O3 warns -Wrestrict on one (a false positive)
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
        CHECK(r.has_error());
        CHECK_FALSE(r);
        CHECK(r.error().kind() == awsq::error_kind::parse);
        awsq::result<void> v = awsq::error::parse("C", "worse");
        CHECK_THROWS_WITH_AS(v.value(), "C: worse", awsq::exception);
    }
    SUBCASE("result<T> holds a value, converted from what makes a T") {
        awsq::result<std::string> r = "text";
        REQUIRE(r);
        CHECK(*r == "text");
        CHECK(r->size() == 4);
        CHECK(std::move(r).value() == "text");
        awsq::result<void> ok;
        CHECK(ok.has_value());
        CHECK_NOTHROW(ok.value());
    }
}
