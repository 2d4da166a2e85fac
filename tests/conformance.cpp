// The awsQuery protocol's own rules (Smithy's aws.protocoltests.query) on tests/models/conformance: member
// traits, lists of every scalar, every timestamp format, operations without output, non-finite floats,
// unknown enum values. tests/codegen/test_conformance.py checks botocore on the same bodies; where the
// specification and botocore disagree, awsq follows the specification and the test says so.
#include <awsq/conformance.hpp>
#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/response.hpp>
#include <awsq/validate.hpp>

#include <doctest/doctest.h>

#include <boost/json/serialize.hpp>

#include <chrono>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>
#include "support/test_reader.hpp"

namespace {

namespace c = awsq::conformance;
using strings = std::vector<std::string>;
using string_map = std::map<std::string, std::string>;

template <class Op>
std::string body(const typename Op::input_type& input) {
    const auto r = awsq::to_query<Op>(input);
    REQUIRE_MESSAGE(r.has_value(), r.error().message());
    return *r;
}

template <class Op>
awsq::response<Op> read(std::string_view xml) {
    auto r = awsq::parse_response<Op, test_reader>(200, xml);
    REQUIRE_MESSAGE(r.has_value(), r.error().message());
    return std::move(*r);
}

std::string json_text(const boost::json::value& v) { return boost::json::serialize(v); }

awsq::timestamp at(long long seconds, long long micros = 0) {
    return awsq::timestamp{std::chrono::seconds{seconds}} + std::chrono::microseconds{micros};
}

const std::string lists = "Action=QueryLists&Version=2020-01-08";
const std::string maps = "Action=QueryMaps&Version=2020-01-08";

}  // namespace

TEST_CASE("conformance: lists in requests, flattened and renamed by the member (QueryLists)") {
    SUBCASE("QueryLists") {
        CHECK(body<c::QueryLists>({.ListArg = strings{"foo", "bar", "baz"},
                                   .ComplexListArg = std::vector<c::GreetingStruct>{{.hi = "hello"}, {.hi = "hola"}}}) ==
              lists + "&ListArg.member.1=foo&ListArg.member.2=bar&ListArg.member.3=baz"
                      "&ComplexListArg.member.1.hi=hello&ComplexListArg.member.2.hi=hola");
    }
    SUBCASE("EmptyQueryLists") { CHECK(body<c::QueryLists>({.ListArg = strings{}}) == lists + "&ListArg="); }
    SUBCASE("FlattenedQueryLists: flattened is a trait of the member, not of StringList") {
        CHECK(body<c::QueryLists>({.FlattenedListArg = strings{"A", "B"}}) ==
              lists + "&FlattenedListArg.1=A&FlattenedListArg.2=B");
        CHECK(body<c::QueryLists>({.ListArg = strings{"A"}}) == lists + "&ListArg.member.1=A");
    }
    SUBCASE("QueryListArgWithXmlNameMember") {
        CHECK(body<c::QueryLists>({.ListArgWithXmlNameMember = strings{"A", "B"}}) ==
              lists + "&ListArgWithXmlNameMember.item.1=A&ListArgWithXmlNameMember.item.2=B");
    }
    SUBCASE("QueryFlattenedListArgWithXmlName: the specification, not botocore (which sends item.1=A)") {
        CHECK(body<c::QueryLists>({.FlattenedListArgWithXmlName = strings{"A", "B"}}) == lists + "&Hi.1=A&Hi.2=B");
    }
    SUBCASE("QueryNestedStructWithList") {
        CHECK(body<c::QueryLists>({.NestedWithList = c::NestedStructWithList{.ListArg = strings{"A", "B"}}}) ==
              lists + "&NestedWithList.ListArg.member.1=A&NestedWithList.ListArg.member.2=B");
    }
}

TEST_CASE("conformance: maps in requests, flattened and renamed by the member (QueryMaps)") {
    const string_map bar_foo{{"bar", "Bar"}, {"foo", "Foo"}};
    SUBCASE("QuerySimpleQueryMaps") {
        CHECK(body<c::QueryMaps>({.MapArg = bar_foo}) ==
              maps + "&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar&MapArg.entry.2.key=foo&MapArg.entry.2.value=Foo");
    }
    SUBCASE("QuerySimpleQueryMapsWithXmlName") {
        CHECK(body<c::QueryMaps>({.RenamedMapArg = string_map{{"foo", "Foo"}}}) ==
              maps + "&Foo.entry.1.key=foo&Foo.entry.1.value=Foo");
    }
    SUBCASE("QueryComplexQueryMaps") {
        CHECK(body<c::QueryMaps>({.ComplexMapArg = std::map<std::string, c::GreetingStruct>{
                                      {"bar", {.hi = "Bar"}}, {"foo", {.hi = "Foo"}}}}) ==
              maps + "&ComplexMapArg.entry.1.key=bar&ComplexMapArg.entry.1.value.hi=Bar"
                     "&ComplexMapArg.entry.2.key=foo&ComplexMapArg.entry.2.value.hi=Foo");
    }
    SUBCASE("QueryEmptyQueryMaps") { CHECK(body<c::QueryMaps>({.MapArg = string_map{}}) == maps); }
    SUBCASE("QueryQueryMapWithMemberXmlName") {
        CHECK(body<c::QueryMaps>({.MapWithXmlMemberName = bar_foo}) ==
              maps + "&MapWithXmlMemberName.entry.1.K=bar&MapWithXmlMemberName.entry.1.V=Bar"
                     "&MapWithXmlMemberName.entry.2.K=foo&MapWithXmlMemberName.entry.2.V=Foo");
    }
    SUBCASE("QueryFlattenedQueryMaps") {
        CHECK(body<c::QueryMaps>({.FlattenedMap = bar_foo}) ==
              maps + "&FlattenedMap.1.key=bar&FlattenedMap.1.value=Bar&FlattenedMap.2.key=foo&FlattenedMap.2.value=Foo");
    }
    SUBCASE("QueryFlattenedQueryMapsWithXmlName") {
        CHECK(body<c::QueryMaps>({.FlattenedMapWithXmlName = string_map{{"a", "A"}, {"b", "B"}}}) ==
              maps + "&Hi.1.K=a&Hi.1.V=A&Hi.2.K=b&Hi.2.V=B");
    }
    SUBCASE("QueryQueryMapOfLists") {
        CHECK(body<c::QueryMaps>({.MapOfLists = std::map<std::string, strings>{{"bar", {"C", "D"}}, {"foo", {"A", "B"}}}}) ==
              maps + "&MapOfLists.entry.1.key=bar&MapOfLists.entry.1.value.member.1=C"
                     "&MapOfLists.entry.1.value.member.2=D&MapOfLists.entry.2.key=foo"
                     "&MapOfLists.entry.2.value.member.1=A&MapOfLists.entry.2.value.member.2=B");
    }
    SUBCASE("QueryNestedStructWithMap") {
        CHECK(body<c::QueryMaps>({.NestedStructWithMap = c::NestedStructWithMap{.MapArg = bar_foo}}) ==
              maps + "&NestedStructWithMap.MapArg.entry.1.key=bar&NestedStructWithMap.MapArg.entry.1.value=Bar"
                     "&NestedStructWithMap.MapArg.entry.2.key=foo&NestedStructWithMap.MapArg.entry.2.value=Foo");
    }
}

TEST_CASE("conformance: lists in responses, flattened and renamed by the member (XmlLists)") {
    const auto r = read<c::XmlLists>(R"(<XmlListsResponse xmlns="https://example.com/">
    <XmlListsResult>
        <stringList><member>foo</member><member>bar</member></stringList>
        <integerList><member>1</member><member>2</member></integerList>
        <booleanList><member>true</member><member>false</member></booleanList>
        <timestampList><member>2014-04-29T18:30:38Z</member><member>2014-04-29T18:30:38Z</member></timestampList>
        <enumList><member>Foo</member><member>0</member></enumList>
        <intEnumList><member>1</member><member>2</member></intEnumList>
        <nestedStringList>
            <member><member>foo</member><member>bar</member></member>
            <member><member>baz</member><member>qux</member></member>
        </nestedStringList>
        <renamed><item>foo</item><item>bar</item></renamed>
        <flattenedList>hi</flattenedList>
        <flattenedList>bye</flattenedList>
        <customName>yep</customName>
        <customName>nope</customName>
        <myStructureList><item><value>1</value><other>2</other></item><item><value>3</value><other>4</other></item></myStructureList>
        <flatItem><value>5</value><other>6</other></flatItem>
        <flatItem><value>7</value><other>8</other></flatItem>
    </XmlListsResult>
    <ResponseMetadata><RequestId>requestid</RequestId></ResponseMetadata>
</XmlListsResponse>)");
    const auto& o = r.output;
    CHECK(o.stringList == strings{"foo", "bar"});
    CHECK(o.integerList == std::vector<std::int32_t>{1, 2});
    CHECK(o.booleanList == std::vector<bool>{true, false});
    CHECK(o.timestampList == std::vector<awsq::timestamp>{at(1398796238), at(1398796238)});
    REQUIRE(o.enumList.has_value());
    CHECK((*o.enumList)[0] == c::FooEnum::Foo);
    CHECK(awsq::enum_to_string((*o.enumList)[1]) == "0");
    CHECK(o.intEnumList == std::vector<std::int32_t>{1, 2});
    CHECK(o.nestedStringList == std::vector<strings>{{"foo", "bar"}, {"baz", "qux"}});
    CHECK(o.renamedListMembers == strings{"foo", "bar"});
    CHECK(o.flattenedList == strings{"hi", "bye"});
    // The specification names a list flattened by a renamed member after the member (customName);
    // botocore after the list's member (item). awsq follows the specification.
    CHECK(o.flattenedList2 == strings{"yep", "nope"});
    REQUIRE(o.structureList.has_value());
    REQUIRE(o.structureList->size() == 2);
    CHECK((*o.structureList)[1].a == "3");
    CHECK((*o.structureList)[1].b == "4");
    REQUIRE(o.flattenedStructureList.has_value());
    REQUIRE(o.flattenedStructureList->size() == 2);
    CHECK((*o.flattenedStructureList)[0].a == "5");
    CHECK((*o.flattenedStructureList)[1].b == "8");
    CHECK(r.request_id == "requestid");

    SUBCASE("items of a flattened list need not be adjacent, and may carry a namespace or a prefix") {
        const auto n = read<c::XmlLists>(
            R"(<XmlListsResponse><XmlListsResult><flattenedList xmlns="https://xml-member.example.com">a</flattenedList>)"
            R"(<stringList/><x:flattenedList xmlns:x="https://x.example.com">b</x:flattenedList></XmlListsResult>)"
            R"(</XmlListsResponse>)");
        CHECK(n.output.flattenedList == strings{"a", "b"});
        CHECK(n.output.stringList == strings{});
    }
    SUBCASE("a bad item of a flattened list is named with its index") {
        const auto bad = awsq::parse_response<c::XmlLists, test_reader>(
            200, "<XmlListsResponse><XmlListsResult><booleanList><member>true</member><member>yes</member>"
                 "</booleanList></XmlListsResult></XmlListsResponse>");
        REQUIRE(bad.has_error());
        CHECK(bad.error().message() == R"(XmlListsResult.booleanList[1]: "yes" is not a boolean (true or false))");
    }
}

TEST_CASE("conformance: maps flattened by the member in responses (FlattenedXmlMap)") {
    SUBCASE("FlattenedXmlMap, FlattenedXmlMapWithXmlName") {
        const auto r = read<c::FlattenedXmlMap>(R"(<FlattenedXmlMapResponse xmlns="https://example.com/">
    <FlattenedXmlMapResult>
        <myMap><key>foo</key><value>Foo</value></myMap>
        <myMap><key>baz</key><value>Baz</value></myMap>
        <KVP><K>a</K><V>A</V></KVP>
        <KVP><K>b</K><V>B</V></KVP>
        <booleans><entry><key>t</key><value>true</value></entry><entry><key>f</key><value>false</value></entry></booleans>
    </FlattenedXmlMapResult>
</FlattenedXmlMapResponse>)");
        REQUIRE(r.output.myMap.has_value());
        CHECK(r.output.myMap->size() == 2);
        CHECK(r.output.myMap->at("foo") == c::FooEnum::Foo);
        CHECK(r.output.myMap->at("baz") == c::FooEnum::Baz);
        CHECK(r.output.renamed == string_map{{"a", "A"}, {"b", "B"}});
        CHECK(r.output.booleans == std::map<std::string, bool>{{"f", false}, {"t", true}});
    }
    SUBCASE("FlattenedXmlMapWithXmlNamespace, and with prefixes") {
        const auto r = read<c::FlattenedXmlMap>(R"(<FlattenedXmlMapResponse xmlns="https://example.com/">
    <FlattenedXmlMapResult>
        <KVP xmlns="https://the-member.example.com"><K xmlns="https://the-key.example.com">a</K><V xmlns="https://the-value.example.com">A</V></KVP>
        <p:KVP xmlns:p="https://p.example.com"><p:K>b</p:K><p:V>B</p:V></p:KVP>
    </FlattenedXmlMapResult>
</FlattenedXmlMapResponse>)");
        CHECK(r.output.renamed == string_map{{"a", "A"}, {"b", "B"}});
    }
}

TEST_CASE("conformance: lists of every scalar, of enums of integers and of lists, in every derivation") {
    const awsq::timestamp t = at(1398796238);
    c::EveryList in{
        .Strings = strings{"a", "b"},
        .Integers = std::vector<std::int32_t>{1, -2},
        .Longs = std::vector<std::int64_t>{4294967296},
        .Booleans = std::vector<bool>{true, false, true},
        .Floats = std::vector<double>{1.5},
        .Doubles = std::vector<double>{0.1, -2.5e-5},
        .Blobs = std::vector<awsq::blob>{{"hi"}},
        .Timestamps = std::vector<awsq::timestamp>{t},
        .HttpDates = std::vector<awsq::timestamp>{t},
        .Enums = std::vector<awsq::open_enum<c::FooEnum>>{c::FooEnum::Foo, awsq::open_enum<c::FooEnum>{"Qux"}},
        .IntEnums = std::vector<std::int32_t>{1, 3},
        .NestedStrings = std::vector<strings>{{"x"}, {"y", "z"}},
        .NestedBooleans = std::vector<std::vector<bool>>{{true}, {false, true}},
        .FlatBooleans = std::vector<bool>{false, true},
    };
    SUBCASE("validate") { CHECK(awsq::validate(in).empty()); }
    SUBCASE("to_query: botocore's body (tests/codegen/test_conformance.py)") {
        CHECK(body<c::EveryListOp>(in) ==
              "Action=EveryListOp&Version=2020-01-08&Strings.member.1=a&Strings.member.2=b"
              "&Integers.member.1=1&Integers.member.2=-2&Longs.member.1=4294967296"
              "&Booleans.member.1=true&Booleans.member.2=false&Booleans.member.3=true&Floats.member.1=1.5"
              "&Doubles.member.1=0.1&Doubles.member.2=-2.5e-05&Blobs.member.1=aGk%3D"
              "&Timestamps.member.1=2014-04-29T18%3A30%3A38Z&HttpDates.member.1=Tue%2C+29+Apr+2014+18%3A30%3A38+GMT"
              "&Enums.member.1=Foo&Enums.member.2=Qux&IntEnums.member.1=1&IntEnums.member.2=3"
              "&NestedStrings.member.1.member.1=x&NestedStrings.member.2.member.1=y&NestedStrings.member.2.member.2=z"
              "&NestedBooleans.member.1.member.1=true&NestedBooleans.member.2.member.1=false"
              "&NestedBooleans.member.2.member.2=true&FlatBooleans.1=false&FlatBooleans.2=true");
    }
    SUBCASE("to_json and from_json") {
        const auto json = awsq::to_json(in);
        CHECK(json_text(json) ==
              R"({"Strings":["a","b"],"Integers":[1,-2],"Longs":[4294967296],"Booleans":[true,false,true],)"
              R"("Floats":[1.5E0],"Doubles":[1E-1,-2.5E-5],"Blobs":["aGk="],"Timestamps":["2014-04-29T18:30:38Z"],)"
              R"("HttpDates":["2014-04-29T18:30:38Z"],"Enums":["Foo","Qux"],"IntEnums":[1,3],)"
              R"("NestedStrings":[["x"],["y","z"]],"NestedBooleans":[[true],[false,true]],"FlatBooleans":[false,true]})");
        const auto back = awsq::from_json<c::EveryList>(json);
        REQUIRE_MESSAGE(back.has_value(), back.error().message());
        CHECK(back->Booleans == in.Booleans);
        CHECK(back->NestedBooleans == in.NestedBooleans);
        CHECK(awsq::to_json(*back) == json);
    }
    SUBCASE("parse_response") {
        const auto r = read<c::EveryListOp>(R"(<EveryListOpResponse><EveryListOpResult>
<Strings><member>a</member><member>b</member></Strings>
<Integers><member>1</member><member>-2</member></Integers>
<Longs><member>4294967296</member></Longs>
<Booleans><member>true</member><member>false</member><member>true</member></Booleans>
<Floats><member>1.5</member></Floats>
<Doubles><member>0.1</member><member>-2.5e-05</member></Doubles>
<Blobs><member>aGk=</member></Blobs>
<Timestamps><member>2014-04-29T18:30:38Z</member></Timestamps>
<HttpDates><member>Tue, 29 Apr 2014 18:30:38 GMT</member></HttpDates>
<Enums><member>Foo</member><member>Qux</member></Enums>
<IntEnums><member>1</member><member>3</member></IntEnums>
<NestedStrings><member><member>x</member></member><member><member>y</member><member>z</member></member></NestedStrings>
<NestedBooleans><member><member>true</member></member><member><member>false</member><member>true</member></member></NestedBooleans>
<FlatBooleans>false</FlatBooleans><FlatBooleans>true</FlatBooleans>
</EveryListOpResult></EveryListOpResponse>)");
        CHECK(awsq::to_json(r.output) == awsq::to_json(in));
    }
}

TEST_CASE("conformance: timestamps in responses in every format the model names (XmlTimestamps)") {
    const auto r = read<c::XmlTimestamps>(R"(<XmlTimestampsResponse xmlns="https://example.com/">
    <XmlTimestampsResult>
        <normal>2014-04-29T18:30:38Z</normal>
        <dateTime>2014-04-29T20:30:38+02:00</dateTime>
        <dateTimeOnTarget>2014-04-29T18:30:38.000Z</dateTimeOnTarget>
        <epochSeconds>1398796238.123</epochSeconds>
        <epochSecondsOnTarget>1398796238</epochSecondsOnTarget>
        <httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate>
        <httpDateOnTarget>29 Apr 2014 18:30:38 +0000</httpDateOnTarget>
    </XmlTimestampsResult>
</XmlTimestampsResponse>)");
    const awsq::timestamp t = at(1398796238);
    CHECK(r.output.normal == t);
    CHECK(r.output.dateTime == t);
    CHECK(r.output.dateTimeOnTarget == t);
    CHECK(r.output.epochSeconds == at(1398796238, 123000));
    CHECK(r.output.epochSecondsOnTarget == t);
    CHECK(r.output.httpDate == t);
    CHECK(r.output.httpDateOnTarget == t);

    SUBCASE("an HTTP date with an offset, a fraction, or a one-digit day") {
        CHECK(awsq::parse_rfc822("Tue, 29 Apr 2014 20:30:38 +0200") == t);
        CHECK(awsq::parse_rfc822("Tue, 29 Apr 2014 18:30:38.5 UTC") == at(1398796238, 500000));
        CHECK(awsq::parse_rfc822("Thu, 1 Jan 1970 00:00:00 GMT") == at(0));
    }
    SUBCASE("what is not a date is refused") {
        for (const char* bad : {"Tue, 30 Feb 2014 18:30:38 GMT", "Tue, 29 Foo 2014 18:30:38 GMT", "Tuesday, 29 Apr 2014",
                                "29 Apr 2014 18:30 GMT", "29 Apr 2014 18:30:38 EST5", ""}) {
            CAPTURE(bad);
            CHECK_FALSE(awsq::parse_rfc822(bad).has_value());
        }
        const auto e = awsq::parse_response<c::XmlTimestamps, test_reader>(
            200, "<R><XmlTimestampsResult><httpDate>Tue, 29 Apr 2014 25:30:38 GMT</httpDate></XmlTimestampsResult></R>");
        REQUIRE(e.has_error());
        CHECK(e.error().message() == R"(XmlTimestampsResult.httpDate: "Tue, 29 Apr 2014 25:30:38 GMT" is not a timestamp)");
    }
}

TEST_CASE("conformance: an operation without output ignores a 2xx body; the root's name is never checked") {
    SUBCASE("NoInputAndNoOutput: any body (the specification sends an empty one; botocore refuses it)") {
        for (std::string_view b : {"", "  ", "<xml/>", "not XML at all", "<NoInputAndNoOutputResponse/>"}) {
            CAPTURE(b);
            const auto r = awsq::parse_response<c::NoInputAndNoOutput, test_reader>(200, b);
            REQUIRE(r.has_value());
            CHECK(r->request_id.empty());
        }
    }
    SUBCASE("the RequestId is still read when the body holds one") {
        const auto r = read<c::NoOutput>("<Anything><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></Anything>");
        CHECK(r.request_id == "r-1");
    }
    SUBCASE("an error status is still an error") {
        const auto r = awsq::parse_response<c::NoInputAndNoOutput, test_reader>(
            400, "<ErrorResponse><Error><Code>Nope</Code><Message>m</Message></Error></ErrorResponse>");
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::service);
    }
    SUBCASE("the result wrapper is found among the children of a root of any name") {
        const auto r = read<c::SimpleScalarsOp>(
            "<Whatever><SimpleScalarsResult><stringValue>s</stringValue></SimpleScalarsResult></Whatever>");
        CHECK(r.output.stringValue == "s");
    }
    SUBCASE("without a result wrapper, the root of any name holds the members") {
        const auto r = read<c::Unwrapped>("<xml><integerValue>7</integerValue></xml>");
        CHECK(r.output.integerValue == 7);
    }
    SUBCASE("an operation with output still needs a body and its wrapper") {
        CHECK(awsq::parse_response<c::SimpleScalarsOp, test_reader>(200, "").has_error());
        const auto r = awsq::parse_response<c::SimpleScalarsOp, test_reader>(200, "<xml/>");
        REQUIRE(r.has_error());
        CHECK(r.error().message().ends_with("the response has no <SimpleScalarsResult> element"));
    }
}

TEST_CASE("conformance: non-finite floats from JSON are \"NaN\", \"Infinity\", \"-Infinity\", sent as botocore does") {
    SUBCASE("from JSON to the query body and back to JSON") {
        const auto in = awsq::from_json_text<c::SimpleScalars>(R"({"floatValue":"NaN","doubleValue":"-Infinity"})");
        REQUIRE_MESSAGE(in.has_value(), in.error().message());
        CHECK(std::isnan(*in->floatValue));
        CHECK(*in->doubleValue == -std::numeric_limits<double>::infinity());
        CHECK(body<c::SimpleScalarsOp>(*in) == "Action=SimpleScalarsOp&Version=2020-01-08&floatValue=NaN&doubleValue=-Infinity");
        CHECK(json_text(awsq::to_json(*in)) == R"({"floatValue":"NaN","doubleValue":"-Infinity"})");
        const auto inf = awsq::from_json_text<c::SimpleScalars>(R"({"doubleValue":"Infinity"})");
        REQUIRE(inf.has_value());
        CHECK(body<c::SimpleScalarsOp>(*inf) == "Action=SimpleScalarsOp&Version=2020-01-08&doubleValue=Infinity");
    }
    SUBCASE("other strings are refused") {
        const auto r = awsq::from_json_text<c::SimpleScalars>(R"({"floatValue":"nan"})");
        REQUIRE(r.has_error());
        CHECK(r.error().message() ==
              R"(SimpleScalarsOpRequest.floatValue: "nan" is not a number (nor "NaN", "Infinity", "-Infinity"))");
    }
    SUBCASE("in a response (SimpleScalarProperties' NaN and Infinity)") {
        const auto r = read<c::SimpleScalarsOp>("<R><SimpleScalarsResult><floatValue>NaN</floatValue>"
                                                "<doubleValue>-Infinity</doubleValue></SimpleScalarsResult></R>");
        CHECK(std::isnan(*r.output.floatValue));
        CHECK(*r.output.doubleValue == -std::numeric_limits<double>::infinity());
    }
}

TEST_CASE("conformance: an enum value the model does not know is valid and sent as given") {
    SUBCASE("set in C++") {
        const c::SimpleScalars in{.enumValue = awsq::open_enum<c::FooEnum>{"Quux"}};
        CHECK(awsq::validate(in).empty());
        CHECK(body<c::SimpleScalarsOp>(in) == "Action=SimpleScalarsOp&Version=2020-01-08&enumValue=Quux");
    }
    SUBCASE("from JSON, as the command line gives it") {
        const auto in = awsq::from_json_text<c::SimpleScalars>(R"({"enumValue":"Quux","intEnumValue":9})");
        REQUIRE(in.has_value());
        CHECK(body<c::SimpleScalarsOp>(*in) == "Action=SimpleScalarsOp&Version=2020-01-08&enumValue=Quux&intEnumValue=9");
    }
}
