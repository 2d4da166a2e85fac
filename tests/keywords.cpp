// Names that are C++ keywords (members class, namespace, default, operator, delete) and enum values
// that are not identifiers ("t2.micro", "1", case-only twins "gp2"/"GP2"): C++ spells them with a
// trailing '_' or a 'v' prefix, the wire and JSON keep the model's names. Expected bodies and parses
// are botocore's (tests/differential/oracle.py on tests/models/querytest).
#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/querytest.hpp>
#include <awsq/response.hpp>

#include <boost/json/serialize.hpp>
#include <doctest/doctest.h>

#include <map>
#include <string>

namespace {

using Op = awsq::querytest::Configure;
using awsq::querytest::InstanceClass;

constexpr std::string_view configure_result =
    "<ConfigureResponse><ConfigureResult><class>1</class>"
    "<Setting><Name>k</Name><Value>v</Value></Setting><Setting><Name>j</Name><Value>w</Value></Setting>"
    "<delete>true</delete></ConfigureResult>"
    "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></ConfigureResponse>";

}  // namespace

TEST_CASE("keywords: a request with keyword members and a flattened map, byte-identical to botocore") {
    const auto body = awsq::to_query<Op>({.class_ = InstanceClass::t2_micro,
                                          .namespace_ = "a&b",
                                          .default_ = std::map<std::string, std::string>{{"b", "2"}, {"a", "1"}}});
    REQUIRE(body.has_value());
    CHECK(*body == "Action=Configure&Version=2020-01-01&class=t2.micro&namespace=a%26b"
                   "&default.1.Name=a&default.1.Value=1&default.2.Name=b&default.2.Value=2");
    CHECK(awsq::to_query<Op>({.class_ = InstanceClass::v1}).value() == "Action=Configure&Version=2020-01-01&class=1");
    CHECK(awsq::to_query<Op>({.class_ = InstanceClass::GP2}).value() == "Action=Configure&Version=2020-01-01&class=GP2");
    CHECK(awsq::to_query<Op>({.class_ = InstanceClass::delete_}).value() ==
          "Action=Configure&Version=2020-01-01&class=delete");
}

TEST_CASE("keywords: a response with keyword members, a renamed flattened map and a non-identifier enum value") {
    const auto r = awsq::parse_response<Op>(200, configure_result);
    REQUIRE_MESSAGE(r.has_value(), r.error().message());
    CHECK(r->output.class_ == InstanceClass::v1);
    CHECK(r->output.operator_ == std::map<std::string, std::string>{{"j", "w"}, {"k", "v"}});
    CHECK(r->output.delete_ == true);
    // botocore: {"class":"1","delete":true,"operator":{"j":"w","k":"v"}} (+ ResponseMetadata)
    CHECK(boost::json::serialize(awsq::to_json(r->output)) == R"({"class":"1","operator":{"j":"w","k":"v"},"delete":true})");

    SUBCASE("a case-only twin is its own value; an unknown spelling is kept as text") {
        auto twin = std::string(configure_result);
        twin.replace(twin.find("<class>1<"), 9, "<class>gp2<");
        CHECK(awsq::parse_response<Op>(200, twin).value().output.class_ == InstanceClass::gp2);
        twin.replace(twin.find("<class>gp2<"), 11, "<class>T2.MICRO<");
        const auto unknown = awsq::parse_response<Op>(200, twin).value().output.class_;
        REQUIRE(unknown.has_value());
        CHECK_FALSE(unknown->known());
        CHECK(unknown->unknown_value() == "T2.MICRO");
    }
}

TEST_CASE("keywords: JSON uses the model's names both ways") {
    const auto in = awsq::from_json_text<Op::input_type>(R"({"class":"t2.micro","namespace":"n","default":{"x":"y"}})");
    REQUIRE_MESSAGE(in.has_value(), in.error().message());
    CHECK(in->class_ == InstanceClass::t2_micro);
    CHECK(in->namespace_ == "n");
    CHECK(awsq::to_query<Op>(*in).value() ==
          "Action=Configure&Version=2020-01-01&class=t2.micro&namespace=n&default.1.Name=x&default.1.Value=y");
}
