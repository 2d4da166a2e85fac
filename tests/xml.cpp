// awsq/response.hpp and awsq/xml.hpp: successful responses read as botocore's QueryParser reads them.
#include <awsq/json.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/xml.hpp>
#include <awsq/xmltest.hpp>

#include <doctest/doctest.h>

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include "support/test_reader.hpp"

namespace {

using awsq::rds::DescribeExportTasks;
using awsq::redshift::DescribeTableRestoreStatus;
using awsq::xmltest::DescribeThings;

template <class Op>
awsq::response<Op> read(std::string_view body) {
    auto r = awsq::parse_response<Op, test_reader>(200, body);
    if (!r) FAIL(r.error().message());
    return std::move(*r);
}

template <class Op>
std::string refusal(std::string_view body) {
    const auto r = awsq::parse_response<Op, test_reader>(200, body);
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == awsq::error_kind::parse);
    return r.error().message();
}

/// A DescribeExportTasks response around the given result content.
std::string rds(std::string_view result) {
    return R"(<DescribeExportTasksResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">)"
           "<DescribeExportTasksResult>" + std::string(result) + "</DescribeExportTasksResult>"
           "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeExportTasksResponse>";
}

/// A DescribeThings (xmltest) response around the given result content.
std::string things(std::string_view result) {
    return R"(<DescribeThingsResponse xmlns="http://xmltest.amazonaws.com/doc/2020-01-01/">)"
           "<DescribeThingsResult>" + std::string(result) + "</DescribeThingsResult>"
           "<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></DescribeThingsResponse>";
}

/// The first Thing of a DescribeThings response whose one Thing has the given content.
awsq::xmltest::Thing thing(std::string_view content) {
    auto r = read<DescribeThings>(things("<Things><Thing>" + std::string(content) + "</Thing></Things>"));
    REQUIRE(r.output.Things);
    REQUIRE(r.output.Things->size() == 1);
    return std::move(r.output.Things->front());
}

std::string json(const auto& value) { return boost::json::serialize(awsq::to_json(value)); }

}  // namespace

TEST_CASE("xml: a DescribeExportTasks response fills every member it holds, and the RequestId") {
    const auto r = read<DescribeExportTasks>(R"(<?xml version="1.0" encoding="UTF-8"?>
<DescribeExportTasksResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <DescribeExportTasksResult>
    <Marker>page-2</Marker>
    <ExportTasks>
      <ExportTask>
        <ExportTaskIdentifier>export-orders</ExportTaskIdentifier>
        <SourceArn>arn:aws:rds:us-east-1:123456789012:snapshot:orders</SourceArn>
        <ExportOnly>
          <member>orders.public.items</member>
          <member>orders.public.users</member>
        </ExportOnly>
        <SnapshotTime>2024-05-01T10:00:00Z</SnapshotTime>
        <TaskStartTime>2024-05-01T10:05:00.123Z</TaskStartTime>
        <S3Bucket>exports</S3Bucket>
        <IamRoleArn>arn:aws:iam::123456789012:role/export</IamRoleArn>
        <KmsKeyId>key-1</KmsKeyId>
        <Status>IN_PROGRESS</Status>
        <PercentProgress>42</PercentProgress>
        <TotalExtractedDataInGB>7</TotalExtractedDataInGB>
        <SourceType>SNAPSHOT</SourceType>
      </ExportTask>
    </ExportTasks>
  </DescribeExportTasksResult>
  <ResponseMetadata>
    <RequestId>5c2e9a77-1d0b-4f3e-8b6a-9e4d2c1f0a10</RequestId>
  </ResponseMetadata>
</DescribeExportTasksResponse>
)");
    CHECK(r.request_id == "5c2e9a77-1d0b-4f3e-8b6a-9e4d2c1f0a10");
    CHECK(json(r) ==
          R"({"Marker":"page-2","ExportTasks":[{"ExportTaskIdentifier":"export-orders",)"
          R"("SourceArn":"arn:aws:rds:us-east-1:123456789012:snapshot:orders",)"
          R"("ExportOnly":["orders.public.items","orders.public.users"],"SnapshotTime":"2024-05-01T10:00:00Z",)"
          R"("TaskStartTime":"2024-05-01T10:05:00.123000Z","S3Bucket":"exports",)"
          R"("IamRoleArn":"arn:aws:iam::123456789012:role/export","KmsKeyId":"key-1","Status":"IN_PROGRESS",)"
          R"("PercentProgress":42,"TotalExtractedDataInGB":7,"SourceType":"SNAPSHOT"}],)"
          R"("ResponseMetadata":{"RequestId":"5c2e9a77-1d0b-4f3e-8b6a-9e4d2c1f0a10"}})");
    const auto& task = r.output.ExportTasks->front();
    CHECK(*task.SourceType == awsq::rds::ExportSourceType::SNAPSHOT);
    CHECK_FALSE(task.TaskEndTime.has_value());  // absent stays absent
}

TEST_CASE("xml: a DescribeTableRestoreStatus response: Long members past 32 bits, enums, millisecond timestamps") {
    const auto r = read<DescribeTableRestoreStatus>(R"(<DescribeTableRestoreStatusResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
  <DescribeTableRestoreStatusResult>
    <TableRestoreStatusDetails>
      <TableRestoreStatus>
        <TableRestoreRequestId>z-1</TableRestoreRequestId>
        <Status>IN_PROGRESS</Status>
        <RequestTime>2024-05-21T10:00:00.455Z</RequestTime>
        <ProgressInMegaBytes>6442450944</ProgressInMegaBytes>
        <TotalDataInMegaBytes>-9223372036854775808</TotalDataInMegaBytes>
      </TableRestoreStatus>
    </TableRestoreStatusDetails>
    <Marker>dGFibGU=</Marker>
  </DescribeTableRestoreStatusResult>
  <ResponseMetadata><RequestId>9d1c7e42</RequestId></ResponseMetadata>
</DescribeTableRestoreStatusResponse>)");
    const auto& s = r.output.TableRestoreStatusDetails->front();
    CHECK(*s.Status == awsq::redshift::TableRestoreStatusType::IN_PROGRESS);
    CHECK(*s.ProgressInMegaBytes == 6442450944);
    CHECK(*s.TotalDataInMegaBytes == std::numeric_limits<std::int64_t>::min());
    CHECK(awsq::format_iso8601(*s.RequestTime) == "2024-05-21T10:00:00.455000Z");
    CHECK(r.output.Marker == "dGFibGU=");
    CHECK(r.request_id == "9d1c7e42");
}

TEST_CASE("xml: members are matched by wire name in any order; unknown elements are skipped") {
    SUBCASE("out of model order") {
        const auto r = read<DescribeExportTasks>(
            rds("<ExportTasks><ExportTask><SourceType>CLUSTER</SourceType><ExportTaskIdentifier>t</ExportTaskIdentifier>"
                "</ExportTask></ExportTasks><Marker>m</Marker>"));
        CHECK(r.output.Marker == "m");
        CHECK(r.output.ExportTasks->front().ExportTaskIdentifier == "t");
        CHECK(*r.output.ExportTasks->front().SourceType == awsq::rds::ExportSourceType::CLUSTER);
    }
    SUBCASE("elements the model does not know, with any content, are skipped wherever they are") {
        const auto r = read<DescribeExportTasks>(
            R"(<DescribeExportTasksResponse><Extra>x</Extra><DescribeExportTasksResult>)"
            R"(<NewField><Deep><Deeper a="1">&amp;</Deeper></Deep></NewField><Marker>m</Marker><ExportTasks>)"
            R"(<ExportTask><ExportTaskIdentifier>t</ExportTaskIdentifier><Future>1</Future></ExportTask>)"
            R"(</ExportTasks><Another/></DescribeExportTasksResult><ResponseMetadata><Other/><RequestId>r</RequestId>)"
            R"(</ResponseMetadata></DescribeExportTasksResponse>)");
        CHECK(json(r) == R"({"Marker":"m","ExportTasks":[{"ExportTaskIdentifier":"t"}],"ResponseMetadata":{"RequestId":"r"}})");
    }
    SUBCASE("a member renamed on the wire (locationName) is read under that name only") {
        const auto r = read<DescribeThings>(things("<NextToken>n</NextToken><NextMarker>ignored</NextMarker>"));
        CHECK(r.output.NextMarker == "n");
        CHECK(thing("<ThingId>t-1</ThingId>").Id == "t-1");
    }
    SUBCASE("a result with nothing in it: every member absent") {
        const auto r = read<DescribeExportTasks>(rds(""));
        CHECK(json(r) == R"({"ResponseMetadata":{"RequestId":"req-1"}})");
    }
    SUBCASE("no ResponseMetadata: an empty RequestId") {
        const auto r = read<DescribeExportTasks>(
            "<DescribeExportTasksResponse><DescribeExportTasksResult/></DescribeExportTasksResponse>");
        CHECK(r.request_id.empty());
    }
}

TEST_CASE("xml: namespaces and prefixes are ignored") {
    const auto r = read<DescribeExportTasks>(
        R"(<r:DescribeExportTasksResponse xmlns:r="http://rds.amazonaws.com/doc/2014-10-31/" xmlns:x="urn:x">)"
        R"(<r:DescribeExportTasksResult><x:Marker>m</x:Marker><ExportTasks><r:ExportTask>)"
        R"(<r:ExportTaskIdentifier>t</r:ExportTaskIdentifier></r:ExportTask></ExportTasks></r:DescribeExportTasksResult>)"
        R"(<r:ResponseMetadata><r:RequestId>id</r:RequestId></r:ResponseMetadata></r:DescribeExportTasksResponse>)");
    CHECK(json(r) == R"({"Marker":"m","ExportTasks":[{"ExportTaskIdentifier":"t"}],"ResponseMetadata":{"RequestId":"id"}})");
}

TEST_CASE("xml: lists hold the elements named like their member; empty is present, absent is nullopt") {
    SUBCASE("<ExportTasks/>, <ExportTasks></ExportTasks> and whitespace only: a present, empty list") {
        for (const char* empty : {"<ExportTasks/>", "<ExportTasks></ExportTasks>", "<ExportTasks>\n  \t</ExportTasks>"}) {
            const auto r = read<DescribeExportTasks>(rds(empty));
            REQUIRE(r.output.ExportTasks.has_value());
            CHECK(r.output.ExportTasks->empty());
        }
    }
    SUBCASE("no element: nullopt") {
        CHECK_FALSE(read<DescribeExportTasks>(rds("<Marker/>")).output.ExportTasks.has_value());
    }
    SUBCASE("one, and many in document order") {
        const auto one = read<DescribeExportTasks>(rds("<ExportTasks><ExportTask/></ExportTasks>"));
        CHECK(one.output.ExportTasks->size() == 1);
        std::string many;
        for (int i = 0; i < 50; ++i) many += "<ExportTask><PercentProgress>" + std::to_string(i) + "</PercentProgress></ExportTask>";
        const auto r = read<DescribeExportTasks>(rds("<ExportTasks>" + many + "</ExportTasks>"));
        REQUIRE(r.output.ExportTasks->size() == 50);
        CHECK(r.output.ExportTasks->at(49).PercentProgress == 49);
    }
    SUBCASE("a list without a member name uses <member>; other children are skipped") {
        const auto r = read<DescribeExportTasks>(rds(
            "<ExportTasks><ExportTask><ExportOnly><member>a</member><item>x</item><member/><member> b </member>"
            "</ExportOnly></ExportTask></ExportTasks>"));
        CHECK(r.output.ExportTasks->front().ExportOnly == std::vector<std::string>{"a", "", " b "});
    }
    SUBCASE("a list of lists") {
        const auto r = read<DescribeThings>(
            things("<Matrix><member><Cell>1</Cell><Cell>2</Cell></member><member/><member><Cell>3</Cell></member></Matrix>"));
        CHECK(r.output.Matrix == std::vector<std::vector<std::int32_t>>{{1, 2}, {}, {3}});
    }
}

TEST_CASE("xml: flattened lists repeat their element directly in the structure") {
    SUBCASE("with a member name: the elements are named like it") {
        const auto r = read<DescribeThings>(things("<Flag>a</Flag><Marker>m</Marker><Flag>b</Flag><Flag/>"));
        CHECK(r.output.Flags == std::vector<std::string>{"a", "b", ""});
        CHECK(r.output.Marker == "m");
    }
    SUBCASE("without one: the elements are named like the structure member") {
        const auto r = read<DescribeThings>(things("<Counts>1</Counts><Counts>-2</Counts>"));
        CHECK(r.output.Counts == std::vector<std::int32_t>{1, -2});
    }
    SUBCASE("none: nullopt") {
        CHECK_FALSE(read<DescribeThings>(things("")).output.Flags.has_value());
    }
}

TEST_CASE("xml: maps are <entry> elements with a key and a value") {
    SUBCASE("entry, key, value") {
        const auto r = read<DescribeThings>(things(
            "<Attributes><entry><key>a</key><value>1</value></entry><entry><value/><key>b</key></entry></Attributes>"));
        CHECK(r.output.Attributes == std::map<std::string, std::string>{{"a", "1"}, {"b", ""}});
    }
    SUBCASE("renamed key and value") {
        const auto r = read<DescribeThings>(
            things("<Labels><entry><Name>x</Name><Value>7</Value></entry><entry><Name>y</Name><Value>-1</Value></entry></Labels>"));
        CHECK(r.output.Labels == std::map<std::string, std::int32_t>{{"x", 7}, {"y", -1}});
    }
    SUBCASE("flattened: one element per entry, directly in the structure") {
        const auto r = read<DescribeThings>(things(
            "<Setting><key>on</key><value>true</value></Setting><Total>3</Total><Setting><key>off</key><value>false</value></Setting>"));
        CHECK(r.output.Settings == std::map<std::string, bool>{{"off", false}, {"on", true}});
        CHECK(r.output.Total == 3);
    }
    SUBCASE("a repeated key: the last one wins, as in botocore's dict") {
        const auto r = read<DescribeThings>(things(
            "<Attributes><entry><key>a</key><value>1</value></entry><entry><key>a</key><value>2</value></entry></Attributes>"));
        CHECK(r.output.Attributes == std::map<std::string, std::string>{{"a", "2"}});
    }
    SUBCASE("empty map present, absent map nullopt") {
        CHECK(read<DescribeThings>(things("<Attributes/>")).output.Attributes == std::map<std::string, std::string>{});
        CHECK_FALSE(read<DescribeThings>(things("")).output.Attributes.has_value());
    }
}

TEST_CASE("xml: strings are the text exactly: entities decoded, CDATA joined, whitespace kept") {
    const auto marker = [](std::string_view content) {
        return *read<DescribeExportTasks>(rds("<Marker>" + std::string(content) + "</Marker>")).output.Marker;
    };
    SUBCASE("<Marker/> and <Marker></Marker> are present and empty") {
        CHECK(read<DescribeExportTasks>(rds("<Marker/>")).output.Marker == "");
        CHECK(read<DescribeExportTasks>(rds("<Marker></Marker>")).output.Marker == "");
    }
    SUBCASE("leading and trailing whitespace, and whitespace only") {
        CHECK(marker("  a b \t") == "  a b \t");
        CHECK(marker(" ") == " ");
        CHECK(marker("\n  \n") == "\n  \n");
    }
    SUBCASE("the five entities and character references") {
        CHECK(marker("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;") == "<a> & \"b\" 'c'");
        CHECK(marker("&#65;&#x42;&#x63;&#233;&#x1F600;") == "ABc\xC3\xA9\xF0\x9F\x98\x80");
        CHECK(marker("&amp;amp;") == "&amp;");
    }
    SUBCASE("text and CDATA sections are joined, whitespace between them kept") {
        CHECK(marker("a<![CDATA[<b> & c]]>d") == "a<b> & cd");
        CHECK(marker(" <![CDATA[x]]> <![CDATA[y]]> ") == " x y ");
        CHECK(marker("<![CDATA[]]>") == "");
    }
    SUBCASE("comments are dropped and the text around them joined") {
        CHECK(marker("a<!-- & < -->b") == "ab");
    }
    SUBCASE("line ends read as \\n, a &#13; stays \\r") {
        CHECK(marker("a\r\nb\rc") == "a\nb\nc");
        CHECK(marker("a&#13;\nb") == "a\r\nb");
        CHECK(marker("<![CDATA[a\r\nb]]>") == "a\nb");
    }
    SUBCASE("UTF-8 kept as it is") {
        CHECK(marker("日本 é 😀") == "日本 é 😀");
    }
    SUBCASE("only the text before a child element counts, as ElementTree's .text") {
        CHECK(marker("a<b>c</b>d") == "a");
    }
}

TEST_CASE("xml: booleans are exactly true or false") {
    CHECK(thing("<Enabled>true</Enabled>").Enabled == true);
    CHECK(thing("<Enabled>false</Enabled>").Enabled == false);
    // botocore reads anything but "true" as False; awsq refuses it (deliberately stricter).
    CHECK(refusal<DescribeThings>(things("<Things><Thing><Enabled>True</Enabled></Thing></Things>")) ==
          R"(DescribeThingsResult.Things[0].Enabled: "True" is not a boolean (true or false))");
}

TEST_CASE("xml: Integer is 32-bit and Long 64-bit, read exactly") {
    CHECK(thing("<Count>2147483647</Count>").Count == 2147483647);
    CHECK(thing("<Count>-2147483648</Count>").Count == std::numeric_limits<std::int32_t>::min());
    CHECK(thing("<Count>+7</Count>").Count == 7);
    CHECK(thing("<Count>007</Count>").Count == 7);
    CHECK(thing("<Count> 12\n</Count>").Count == 12);  // Python's int() ignores surrounding whitespace
    CHECK(thing("<Size>9223372036854775807</Size>").Size == std::numeric_limits<std::int64_t>::max());
    CHECK(thing("<Size>-9223372036854775808</Size>").Size == std::numeric_limits<std::int64_t>::min());
    CHECK(thing("<Size>0000000000000000000000000042</Size>").Size == 42);  // leading zeros never overflow
    CHECK(refusal<DescribeThings>(things("<Things><Thing><Size>18446744073709551617</Size></Thing></Things>")) ==
          R"(DescribeThingsResult.Things[0].Size: "18446744073709551617" is out of range for a 64-bit integer)");
    CHECK(refusal<DescribeThings>(things("<Things><Thing><Size>184467440737095516170x</Size></Thing></Things>")) ==
          R"(DescribeThingsResult.Things[0].Size: "184467440737095516170x" is not an integer)");
}

TEST_CASE("xml: doubles: decimal, exponent, infinity and NaN, as Python's float()") {
    CHECK(thing("<Ratio>0.5</Ratio>").Ratio == 0.5);
    CHECK(thing("<Ratio>-1.25E+3</Ratio>").Ratio == -1250.0);
    CHECK(thing("<Ratio>+.5</Ratio>").Ratio == 0.5);
    CHECK(thing("<Ratio>0.1</Ratio>").Ratio == 0.1);
    CHECK(thing("<Ratio>1e999</Ratio>").Ratio == std::numeric_limits<double>::infinity());
    CHECK(thing("<Ratio>-1e999</Ratio>").Ratio == -std::numeric_limits<double>::infinity());
    CHECK(thing("<Ratio>1e-999</Ratio>").Ratio == 0.0);
    CHECK(thing("<Ratio>Infinity</Ratio>").Ratio == std::numeric_limits<double>::infinity());
    CHECK(std::isnan(*thing("<Ratio>nan</Ratio>").Ratio));
}

TEST_CASE("xml: timestamps are ISO 8601 or epoch seconds, normalised to UTC, microseconds kept") {
    const auto created = [](std::string_view text) {
        return awsq::format_iso8601(*thing("<Created>" + std::string(text) + "</Created>").Created);
    };
    CHECK(created("2024-01-02T03:04:05Z") == "2024-01-02T03:04:05Z");
    CHECK(created("2024-01-02T03:04:05.678Z") == "2024-01-02T03:04:05.678000Z");
    CHECK(created("2024-01-02T03:04:05.123456789Z") == "2024-01-02T03:04:05.123456Z");
    CHECK(created("2024-01-02T03:04:05+02:00") == "2024-01-02T01:04:05Z");
    CHECK(created("2024-01-01T23:30:00-05:30") == "2024-01-02T05:00:00Z");
    CHECK(created("2024-01-02T03:04:05") == "2024-01-02T03:04:05Z");  // no zone: UTC, as the oracle reads it
    SUBCASE("epoch seconds, as botocore's parse_timestamp tries first") {
        CHECK(created("1700000000") == "2023-11-14T22:13:20Z");
        CHECK(created("1700000000.25") == "2023-11-14T22:13:20.250000Z");
        CHECK(created("-1.5") == "1969-12-31T23:59:58.500000Z");
        CHECK(awsq::format_iso8601(*thing("<Expires>0</Expires>").Expires) == "1970-01-01T00:00:00Z");
    }
}

TEST_CASE("xml: blobs are base64") {
    CHECK(thing("<Data>aGVsbG8=</Data>").Data->bytes == "hello");
    CHECK(thing("<Data>AAEC\n/w==</Data>").Data->bytes == std::string("\x00\x01\x02\xFF", 4));
    CHECK(thing("<Data/>").Data->bytes.empty());
}

TEST_CASE("xml: enum values the model does not know are kept with their string") {
    const auto t = thing("<Color>dark-blue</Color>");
    CHECK(*t.Color == awsq::xmltest::ColorName::dark_blue);
    const auto u = thing("<Color>ultraviolet</Color>");
    CHECK_FALSE(u.Color->known());
    CHECK(u.Color->unknown_value() == "ultraviolet");
    CHECK(json(u) == R"({"Color":"ultraviolet"})");
    CHECK_FALSE(thing("<Color>Red</Color>").Color->known());  // values are case-sensitive
}

TEST_CASE("xml: a structure that contains itself") {
    const auto t = thing("<ThingId>a</ThingId><Child><ThingId>b</ThingId><Child><ThingId>c</ThingId></Child></Child>");
    REQUIRE(t.Child);
    REQUIRE(t.Child->Child);
    CHECK(t.Child->Child->Id == "c");
    CHECK_FALSE(t.Child->Child->Child);
}

TEST_CASE("xml: an output without a result wrapper, and an operation without output") {
    SUBCASE("the members sit in the response element") {
        const auto r = read<awsq::xmltest::GetStatus>(
            "<GetStatusResponse><Status>ok</Status><Healthy>true</Healthy>"
            "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetStatusResponse>");
        CHECK(r.output.Status == "ok");
        CHECK(r.output.Healthy == true);
        CHECK(r.request_id == "r");
    }
    SUBCASE("only the RequestId") {
        const auto r = read<awsq::xmltest::PingThings>(
            "<PingThingsResponse><ResponseMetadata><RequestId>p</RequestId></ResponseMetadata></PingThingsResponse>");
        CHECK(r.request_id == "p");
    }
}

TEST_CASE("xml: a body need not be NUL-terminated, and nothing past its end is read") {
    const std::string buffer = rds("<Marker>m</Marker>") + "<Junk>&bogus;";
    const std::string_view body = std::string_view(buffer).substr(0, buffer.size() - 13);
    CHECK(read<DescribeExportTasks>(body).output.Marker == "m");
    // The same bytes cut short fail, although the buffer goes on.
    CHECK(refusal<DescribeExportTasks>(body.substr(0, body.size() - 1)) ==
          "DescribeExportTasksResult: not XML: malformed element at line 1");
}

TEST_CASE("xml: deeply nested and huge input is read or refused, never a crash") {
    SUBCASE("nesting past the parser's limit is refused") {
        std::string deep;
        for (int i = 0; i < 5000; ++i) deep += "<a>";
        for (int i = 0; i < 5000; ++i) deep += "</a>";
        CHECK(refusal<DescribeExportTasks>(rds(deep)) ==
              "DescribeExportTasksResult: not XML: elements nested too deeply at line 1");
    }
    SUBCASE("a structure nested as deep as the parser allows is read") {
        std::string open, close;
        for (int i = 0; i < 90; ++i) {
            open += "<Child>";
            close += "</Child>";
        }
        const auto t = thing(open + "<ThingId>deep</ThingId>" + close);
        const awsq::xmltest::Thing* p = &t;
        int depth = 0;
        while (p->Child) {
            p = &*p->Child;
            ++depth;
        }
        CHECK(depth == 90);
        CHECK(p->Id == "deep");
    }
    SUBCASE("the limits are the caller's to set, and say which was passed") {
        std::string open, close;
        for (int i = 0; i < 3; ++i) {
            open += "<Child>";
            close += "</Child>";
        }
        const std::string body = things("<Things><member>" + open + "<ThingId>x</ThingId>" + close + "</member></Things>");
        // root, result, Things, member, three Child and ThingId: eight elements holding content
        CHECK(awsq::parse_response<DescribeThings, test_reader>(200, body, {.max_depth = 8}).has_value());
        CHECK(awsq::parse_response<DescribeThings, test_reader>(200, body, {.max_depth = 7}).error().message() ==
              "DescribeThingsResult: not XML: elements nested too deeply at line 1");
        CHECK(awsq::parse_response<DescribeThings, test_reader>(200, body, {.max_body_bytes = 100}).error().message() ==
              "DescribeThingsResult: not XML: the body is " + std::to_string(body.size()) +
                  " bytes, more than the limit of 100");
        CHECK(awsq::parse_response<DescribeThings, test_reader>(200, body, {.max_body_bytes = body.size()}).has_value());
        // An error body past a limit is not read: the status names the error.
        const auto e = awsq::parse_response<DescribeThings, test_reader>(
            503, "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>", {.max_body_bytes = 10});
        CHECK(e.error().service().code == "503");
    }
    SUBCASE("a long list is sized by the rest of the body, never left oversized") {
        std::string items;
        for (int i = 0; i < 600; ++i) items += "<Cell>" + std::to_string(i) + "</Cell>";
        // Megabytes of something else after the list: its estimate overshoots, and is given back.
        const std::string tail = "<Unknown>" + std::string(4'000'000, 'x') + "</Unknown>";
        const auto r = read<DescribeThings>(things("<Matrix><member>" + items + "</member></Matrix>" + tail));
        const auto& cells = r.output.Matrix->front();
        CHECK(cells.size() == 600);
        CHECK(cells.back() == 599);
        CHECK(cells.capacity() <= cells.size() + cells.size() / 4);
    }
    SUBCASE("a hundred thousand list items") {
        std::string items;
        for (int i = 0; i < 100000; ++i) items += "<Cell>" + std::to_string(i) + "</Cell>";
        const auto r = read<DescribeThings>(things("<Matrix><member>" + items + "</member></Matrix>"));
        CHECK(r.output.Matrix->front().size() == 100000);
        CHECK(r.output.Matrix->front().back() == 99999);
    }
}

namespace {

// Shapes a user describes by hand, with what the generated models never use: float, a closed enum, a codec.
enum class Speed { fast, slow };
BOOST_DESCRIBE_ENUM(Speed, fast, slow)

struct Celsius {
    double degrees = 0;
    friend bool operator==(const Celsius&, const Celsius&) = default;
};

struct Reading {
    std::optional<float> Level{};
    std::optional<Speed> Mode{};
    std::optional<Celsius> Temperature{};
};
BOOST_DESCRIBE_STRUCT(Reading, (), (Level, Mode, Temperature))

}  // namespace

template <>
struct awsq::codec<Celsius> {
    static std::string to_wire(const Celsius& c) { return std::to_string(c.degrees) + "C"; }
    static std::optional<Celsius> from_wire(std::string_view text) {
        if (!text.ends_with("C")) return std::nullopt;
        double d = 0;
        if (detail::read_floating(text.substr(0, text.size() - 1), d) != detail::number_status::ok) return std::nullopt;
        return Celsius{d};
    }
};

template <>
struct awsq::wire<Reading> {
    static constexpr std::string_view name = "Reading";
    static constexpr std::array<member_facts, 3> members{{{.name = "Level"}, {.name = "Mode"}, {.name = "Temperature"}}};
};

TEST_CASE("xml: from_xml reads hand-described shapes: float, a closed enum, a user codec") {
    const auto r = awsq::from_xml<Reading, test_reader>("<Reading><Level>0.1</Level><Mode>slow</Mode><Temperature>21.5C</Temperature></Reading>");
    REQUIRE(r.has_value());
    CHECK(r->Level == 0.1f);
    CHECK(r->Mode == Speed::slow);
    CHECK(r->Temperature == Celsius{21.5});
    CHECK(awsq::from_xml<Reading, test_reader>("<Reading><Level>1e39</Level></Reading>")->Level == std::numeric_limits<float>::infinity());
    CHECK(awsq::from_xml<Reading, test_reader>("<Reading><Mode>medium</Mode></Reading>").error().message() ==
          R"(Reading.Mode: "medium" is not a known value)");
    CHECK(awsq::from_xml<Reading, test_reader>("<Reading><Temperature>21.5F</Temperature></Reading>").error().message() ==
          R"(Reading.Temperature: "21.5F" is not a valid value)");
    CHECK(awsq::from_xml<Reading, test_reader>("<Reading><Level>x</Level></Reading>").error().message() ==
          R"(Reading.Level: "x" is not a number)");
}
