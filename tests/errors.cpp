// awsq/response.hpp and awsq/error.hpp: service errors as values, and malformed responses as parse errors with a path.
#include <awsq/error.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/retry.hpp>
#include <awsq/xmltest.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include "support/test_reader.hpp"

namespace {

using awsq::rds::DescribeExportTasks;
using awsq::redshift::DescribeTableRestoreStatus;
using awsq::xmltest::DescribeThings;

template <class Op>
awsq::error service_error(int status, std::string_view body) {
    auto r = awsq::parse_response<Op, test_reader>(status, body);
    REQUIRE(r.has_error());
    if (r.error().kind() != awsq::error_kind::service) FAIL(r.error().message());
    return r.error();
}

std::string error_body(std::string_view code, std::string_view message = "m", std::string_view extra = "") {
    return R"(<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>)" +
           std::string(code) + "</Code><Message>" + std::string(message) + "</Message>" + std::string(extra) +
           "</Error><RequestId>req-9</RequestId></ErrorResponse>";
}

}  // namespace

TEST_CASE("errors: a code the operation models gives that fault, with every detail of the error") {
    const auto e = service_error<DescribeExportTasks>(404, R"(<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <Error>
    <Type>Sender</Type>
    <Code>ExportTaskNotFound</Code>
    <Message>The export task with the ID no-such-export can&apos;t be found.</Message>
  </Error>
  <RequestId>5c2e9a77-1d0b-4f3e-8b6a-9e4d2c1f0a10</RequestId>
</ErrorResponse>)");
    const auto& s = e.service();
    CHECK(s.code == "ExportTaskNotFound");
    CHECK(s.message == "The export task with the ID no-such-export can't be found.");
    CHECK(s.type == "Sender");
    CHECK(s.http_status == 404);
    CHECK(s.request_id == "5c2e9a77-1d0b-4f3e-8b6a-9e4d2c1f0a10");
    CHECK(s.modeled == "ExportTaskNotFoundFault");
    CHECK(e.is_modeled());
    CHECK(e.is<awsq::rds::ExportTaskNotFoundFault>());
    CHECK(e.fault<awsq::rds::ExportTaskNotFoundFault>() != nullptr);
    CHECK_FALSE(awsq::retryable(e));
    CHECK(e.message() == "ExportTaskNotFound: The export task with the ID no-such-export can't be found.");
}

TEST_CASE("errors: a modeled code is matched by the fault's wire code, whatever the status") {
    SUBCASE("Redshift: TableRestoreNotFoundFault is its own code") {
        const auto e = service_error<DescribeTableRestoreStatus>(400, error_body("TableRestoreNotFoundFault"));
        CHECK(e.service().modeled == "TableRestoreNotFoundFault");
        CHECK(e.is<awsq::redshift::TableRestoreNotFoundFault>());
        CHECK_FALSE(e.is<awsq::redshift::ClusterNotFoundFault>());
    }
    SUBCASE("Redshift: ClusterNotFound is ClusterNotFoundFault") {
        const auto e = service_error<DescribeTableRestoreStatus>(404, error_body("ClusterNotFound"));
        CHECK(e.service().modeled == "ClusterNotFoundFault");
        CHECK(e.is<awsq::redshift::ClusterNotFoundFault>());
    }
    SUBCASE("a modeled code at another status is still the fault") {
        CHECK(service_error<DescribeExportTasks>(500, error_body("ExportTaskNotFound")).is<awsq::rds::ExportTaskNotFoundFault>());
    }
    SUBCASE("another operation's fault code is not this operation's fault") {
        const auto e = service_error<DescribeExportTasks>(404, error_body("ClusterNotFound"));
        CHECK(e.service().code == "ClusterNotFound");
        CHECK(e.service().modeled.empty());
        CHECK_FALSE(e.is_modeled());
    }
    SUBCASE("codes are compared exactly") {
        CHECK_FALSE(service_error<DescribeExportTasks>(404, error_body(" ExportTaskNotFound")).is_modeled());
        CHECK_FALSE(service_error<DescribeExportTasks>(404, error_body("exporttasknotfound")).is_modeled());
    }
}

TEST_CASE("errors: a modeled fault's own members are read from <Error>") {
    SUBCASE("members present") {
        const auto e = service_error<DescribeThings>(
            404, error_body("ThingNotFound", "gone", "<ThingId>t-1</ThingId><Attempts>3</Attempts><Detail/>"));
        const auto* f = e.fault<awsq::xmltest::ThingNotFoundFault>();
        REQUIRE(f != nullptr);
        CHECK(f->ThingId == "t-1");
        CHECK(f->Attempts == 3);
        CHECK(e.fault<awsq::xmltest::InvalidStateFault>() == nullptr);
    }
    SUBCASE("a fault without an error code in the model uses its shape name") {
        CHECK(service_error<DescribeThings>(409, error_body("InvalidStateFault")).is<awsq::xmltest::InvalidStateFault>());
    }
    SUBCASE("a malformed member is a parse error rooted at the fault") {
        const auto r = awsq::parse_response<DescribeThings, test_reader>(404, error_body("ThingNotFound", "m", "<Attempts>many</Attempts>"));
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::parse);
        CHECK(r.error().message() == R"(ThingNotFoundFault.Attempts: "many" is not an integer)");
    }
}

TEST_CASE("errors: a code the operation does not model is a generic service error keeping the code") {
    const auto e = service_error<DescribeExportTasks>(
        400, error_body("InvalidParameterValue", "The parameter MaxRecords must be between 20 and 100."));
    CHECK(e.service().code == "InvalidParameterValue");
    CHECK(e.service().message == "The parameter MaxRecords must be between 20 and 100.");
    CHECK(e.service().modeled.empty());
    CHECK_FALSE(e.service().fault.has_value());
    CHECK(e.fault<awsq::rds::ExportTaskNotFoundFault>() == nullptr);
    CHECK_FALSE(awsq::retryable(e));
    CHECK(e.problems().empty());
}

TEST_CASE("errors: throttling codes and 5xx statuses are retryable (awsq::retryable, the rule call<Op> retries by)") {
    for (const char* code : {"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
                             "RequestThrottled", "SlowDown", "RequestTimeout", "PriorRequestNotComplete"}) {
        INFO(std::string(code));
        CHECK(awsq::retryable(service_error<DescribeExportTasks>(400, error_body(code))));
    }
    for (const int status : {500, 502, 503, 504}) {
        INFO(status);
        CHECK(awsq::retryable(service_error<DescribeExportTasks>(status, error_body("InternalFailure"))));
    }
    // 429 with a code that is not throttling retries only in legacy mode, as in botocore.
    CHECK_FALSE(awsq::retryable(service_error<DescribeExportTasks>(429, error_body("InternalFailure"))));
    CHECK(awsq::retryable(service_error<DescribeExportTasks>(429, error_body("InternalFailure")), awsq::retry_mode::legacy));
    for (const char* code : {"AccessDenied", "ValidationError", "InvalidParameterCombination", "ExportTaskNotFound"}) {
        INFO(std::string(code));
        CHECK_FALSE(awsq::retryable(service_error<DescribeExportTasks>(400, error_body(code))));
    }
    CHECK(service_error<DescribeExportTasks>(400, error_body("Throttling")).service().type == "Sender");
}

TEST_CASE("errors: the <Response><Errors><Error> and bare <Error> layouts are read too") {
    SUBCASE("<Response><Errors><Error>, with RequestID") {
        const auto e = service_error<DescribeExportTasks>(
            404, "<Response><Errors><Error><Code>ExportTaskNotFound</Code><Message>no</Message></Error></Errors>"
                 "<RequestID>r-2</RequestID></Response>");
        CHECK(e.is<awsq::rds::ExportTaskNotFoundFault>());
        CHECK(e.service().message == "no");
        CHECK(e.service().request_id == "r-2");
        CHECK(e.service().type.empty());
    }
    SUBCASE("a bare <Error> holding its RequestId") {
        const auto e = service_error<DescribeExportTasks>(
            403, "<Error><Code>AccessDenied</Code><Message>no</Message><RequestId>r-3</RequestId></Error>");
        CHECK(e.service().code == "AccessDenied");
        CHECK(e.service().request_id == "r-3");
    }
    SUBCASE("namespace prefixes are ignored") {
        const auto e = service_error<DescribeExportTasks>(
            404, R"(<a:ErrorResponse xmlns:a="urn:a"><a:Error><a:Code>ExportTaskNotFound</a:Code></a:Error></a:ErrorResponse>)");
        CHECK(e.is<awsq::rds::ExportTaskNotFoundFault>());
    }
}

TEST_CASE("errors: the message is verbatim: entities decoded, whitespace and lines kept") {
    const auto message = [](std::string_view xml) {
        return service_error<DescribeExportTasks>(400, error_body("ValidationError", xml)).service().message;
    };
    CHECK(message("Export task 'x' not found &amp; can&apos;t be described") ==
          "Export task 'x' not found & can't be described");
    CHECK(message("Value &lt;null&gt; at \"filters\" failed") == "Value <null> at \"filters\" failed");
    CHECK(message("  padded message  ") == "  padded message  ");
    CHECK(message("multi\nline\r\nmessage") == "multi\nline\nmessage");
    CHECK(message("<![CDATA[<raw> & ]]>text") == "<raw> & text");
    CHECK(message("Unknown error 日本 é") == "Unknown error 日本 é");
    CHECK(message("") == "");
    SUBCASE("no <Message> and no <Type>") {
        const auto e = service_error<DescribeExportTasks>(400, "<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>");
        CHECK(e.service().message.empty());
        CHECK(e.service().type.empty());
        CHECK(e.service().request_id.empty());
        CHECK(e.message() == "X");
    }
}

TEST_CASE("errors: a non-2xx body without an <Error> is a service error named by the status") {
    struct generic_case {
        int status;
        std::string_view body;
        std::string_view code, message;
    };
    for (const auto& c : {
             generic_case{503, "", "503", "Service Unavailable"},
             generic_case{500, "   ", "500", "Internal Server Error"},
             generic_case{503, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>", "503", "Service Unavailable"},
             generic_case{502, "\n<html><body>Bad Gateway</body></html>\n", "502", "Bad Gateway"},
             generic_case{504, "upstream timed out", "504", "Gateway Timeout"},
             generic_case{400, "not xml at all", "400", "Bad Request"},
             generic_case{403, "<Error", "403", "Forbidden"},
             generic_case{301, "", "301", "Moved Permanently"},
             generic_case{599, "{}", "599", ""},
         }) {
        INFO(c.status, " ", std::string(c.body));
        const auto e = service_error<DescribeExportTasks>(c.status, c.body);
        CHECK(e.service().code == c.code);
        CHECK(e.service().message == c.message);
        CHECK(e.service().http_status == c.status);
        CHECK(awsq::retryable(e) == (c.status == 500 || c.status == 502 || c.status == 503 || c.status == 504));
        CHECK_FALSE(e.is_modeled());
    }
    SUBCASE("a RequestId beside a missing <Error> is kept") {
        const auto e = service_error<DescribeExportTasks>(500, "<ErrorResponse><RequestId>r-5</RequestId></ErrorResponse>");
        CHECK(e.service().code == "500");
        CHECK(e.service().request_id == "r-5");
        CHECK(e.message() == "500: Internal Server Error");
    }
}

TEST_CASE("errors: a parse error keeps the names every caller uses") {
    const auto e = awsq::error::parse("A.B", "bad");
    CHECK(e.kind() == awsq::error_kind::parse);
    CHECK(e.problems() == std::vector<awsq::problem>{{"A.B", "bad"}});
    CHECK(e.fault<awsq::rds::ExportTaskNotFoundFault>() == nullptr);
    CHECK_FALSE(awsq::retryable(e));
    CHECK_FALSE(e.is_modeled());
}

namespace {

struct malformed {
    const char* rule;
    int which;  // 0: DescribeExportTasks, 1: DescribeTableRestoreStatus, 2: DescribeThings
    std::string body;
    std::string expected;
};

std::string rds(std::string_view result) {
    return "<DescribeExportTasksResponse><DescribeExportTasksResult>" + std::string(result) +
           "</DescribeExportTasksResult></DescribeExportTasksResponse>";
}

std::string redshift(std::string_view result) {
    return "<DescribeTableRestoreStatusResponse><DescribeTableRestoreStatusResult>" + std::string(result) +
           "</DescribeTableRestoreStatusResult></DescribeTableRestoreStatusResponse>";
}

std::string things(std::string_view result) {
    return "<DescribeThingsResponse><DescribeThingsResult>" + std::string(result) +
           "</DescribeThingsResult></DescribeThingsResponse>";
}

std::string tasks(int good, std::string_view bad) {
    std::string out = "<ExportTasks>";
    for (int i = 0; i < good; ++i) out += "<ExportTask><PercentProgress>" + std::to_string(i) + "</PercentProgress></ExportTask>";
    return out + "<ExportTask>" + std::string(bad) + "</ExportTask></ExportTasks>";
}

std::string nested(int depth) {
    std::string out;
    for (int i = 0; i < depth; ++i) out += "<N>";
    for (int i = 0; i < depth; ++i) out += "</N>";
    return out;
}

}  // namespace

TEST_CASE("errors: a malformed 2xx response is a parse error naming the element path, never a partial result") {
    const malformed catalogue[] = {
        // The document.
        {"empty body", 0, "", "DescribeExportTasksResult: the response body is empty"},
        {"whitespace only", 0, " \r\n\t", "DescribeExportTasksResult: the response body is empty"},
        {"plain text", 0, "Service Unavailable", "DescribeExportTasksResult: not XML: text outside the root element at line 1"},
        {"JSON", 0, R"({"ExportTasks": []})", "DescribeExportTasksResult: not XML: text outside the root element at line 1"},
        {"truncated in a tag", 0, "<DescribeExportTasksResponse><DescribeExportTasksResult><Marker>m</Mar",
         "DescribeExportTasksResult: not XML: malformed element at line 1"},
        {"truncated after an element", 0, "<DescribeExportTasksResponse>\n<DescribeExportTasksResult><Marker>m</Marker>",
         "DescribeExportTasksResult: not XML: malformed or truncated XML at line 2"},
        {"mismatched end tag", 0, rds("<Marker>m</Marks>"), "DescribeExportTasksResult: not XML: mismatched end tag at line 1"},
        {"unterminated CDATA section", 0, rds("<Marker><![CDATA[m</Marker>"),
         "DescribeExportTasksResult: not XML: unterminated CDATA section at line 1"},
        {"unterminated comment", 0, rds("<!-- <Marker>m</Marker>"), "DescribeExportTasksResult: not XML: unterminated comment at line 1"},
        {"unquoted attribute", 0, "<DescribeExportTasksResponse xmlns=rds/>", "DescribeExportTasksResult: not XML: malformed attribute at line 1"},
        {"a second root element", 0, rds("") + "<Extra/>", "DescribeExportTasksResult: not XML: a second root element <Extra>"},
        {"text after the root", 0, rds("") + "junk", "DescribeExportTasksResult: not XML: text outside the root element at line 1"},
        {"text before the root", 0, "junk" + rds(""), "DescribeExportTasksResult: not XML: text outside the root element at line 1"},
        {"a DOCTYPE (its entities could not be honoured)", 0, "<!DOCTYPE x [<!ENTITY e \"v\">]>" + rds("<Marker>&e;</Marker>"),
         "DescribeExportTasksResult: not XML: a DOCTYPE declaration (not accepted)"},
        {"nested past the parser's depth limit", 0, rds(nested(200)),
         "DescribeExportTasksResult: not XML: elements nested too deeply at line 1"},
        // Markup expat refuses and tinyxml2 on its own would take; both readers refuse it.
        {"'<' in an attribute value", 0, "<DescribeExportTasksResponse a=\"x<y\">" + rds("").substr(29),
         "DescribeExportTasksResult: not XML: '<' in an attribute value at line 1"},
        {"attributes not spaced apart", 0, "<DescribeExportTasksResponse a='1'b='2'/>",
         "DescribeExportTasksResult: not XML: malformed element at line 1"},
        {"a duplicate attribute", 0, "<DescribeExportTasksResponse a='1' a='2'/>",
         "DescribeExportTasksResult: not XML: duplicate attribute at line 1"},
        {"an undefined entity in an attribute value", 0, rds("<Marker x='&bogus;'>m</Marker>"),
         "DescribeExportTasksResult: not XML: undefined entity &bogus; at line 1"},
        {"'--' inside a comment", 0, rds("<!-- a -- b -->"), "DescribeExportTasksResult: not XML: '--' inside a comment at line 1"},
        {"a DOCTYPE inside an element", 0, rds("<Marker><!DOCTYPE x></Marker>"),
         "DescribeExportTasksResult: not XML: markup declaration inside an element at line 1"},
        {"an end tag with no start tag", 0, rds("</Marker>"), "DescribeExportTasksResult: not XML: mismatched end tag at line 1"},
        {"a name starting with a digit", 0, rds("<1Marker>m</1Marker>"), "DescribeExportTasksResult: not XML: malformed element at line 1"},
        {"nested one level past the limit (98 elements holding content)", 0, rds(nested(97)),
         "DescribeExportTasksResult: not XML: elements nested too deeply at line 1"},
        // Characters and references, anywhere in the document (expat refuses them; tinyxml2 would not).
        {"an undefined entity", 0, rds("<Marker>a&nbsp;b</Marker>"), "DescribeExportTasksResult: not XML: undefined entity &nbsp; at line 1"},
        {"an undefined entity in an unknown element", 0, rds("\n<Extra>&copy;</Extra>"),
         "DescribeExportTasksResult: not XML: undefined entity &copy; at line 2"},
        {"a bare '&'", 0, rds("<Marker>a & b</Marker>"),
         "DescribeExportTasksResult: not XML: '&' not followed by an entity or character reference at line 1"},
        {"a reference to NUL", 0, rds("<Marker>&#0;</Marker>"),
         "DescribeExportTasksResult: not XML: character reference &#0; is not an XML character at line 1"},
        {"a reference past Unicode", 0, rds("<Marker>&#x110000;</Marker>"),
         "DescribeExportTasksResult: not XML: character reference &#x110000; is not an XML character at line 1"},
        {"a malformed character reference", 0, rds("<Marker>&#xZZ;</Marker>"),
         "DescribeExportTasksResult: not XML: malformed character reference &#xZZ; at line 1"},
        {"a control character", 0, rds("<Extra>\x01</Extra>"),
         "DescribeExportTasksResult: not XML: character U+0001 is not allowed in XML, at line 1"},
        {"a NUL byte (tinyxml2 would stop reading there)", 0, rds("") + std::string("\0<Extra/>", 9),
         "DescribeExportTasksResult: not XML: character U+0000 is not allowed in XML, at line 1"},
        {"invalid UTF-8", 0, rds("<Marker>\xC3\x28</Marker>"), "DescribeExportTasksResult: not XML: invalid UTF-8 at line 1"},
        {"an encoded surrogate", 0, rds("<Marker>\xED\xA0\x80</Marker>"), "DescribeExportTasksResult: not XML: invalid UTF-8 at line 1"},
        {"U+FFFE", 0, rds("<Marker>\xEF\xBF\xBE</Marker>"),
         "DescribeExportTasksResult: not XML: character U+FFFE is not allowed in XML, at line 1"},
        // The envelope.
        {"an error body with a 2xx status", 0, "<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>",
         "DescribeExportTasksResult: the response has no <DescribeExportTasksResult> element"},
        {"the result wrapper missing", 0, "<DescribeExportTasksResponse><ResponseMetadata/></DescribeExportTasksResponse>",
         "DescribeExportTasksResult: the response has no <DescribeExportTasksResult> element"},
        {"the result wrapper misspelt", 1, "<DescribeTableRestoreStatusResponse><DescribeTableRestoreStatusResults/></DescribeTableRestoreStatusResponse>",
         "DescribeTableRestoreStatusResult: the response has no <DescribeTableRestoreStatusResult> element"},
        // Values, with their element paths.
        {"not an integer, in the fourth record", 0, rds(tasks(3, "<PercentProgress>12x</PercentProgress>")),
         R"(DescribeExportTasksResult.ExportTasks[3].PercentProgress: "12x" is not an integer)"},
        {"an empty integer", 0, rds(tasks(0, "<PercentProgress/>")),
         R"(DescribeExportTasksResult.ExportTasks[0].PercentProgress: "" is not an integer)"},
        {"a fraction for an integer", 0, rds(tasks(1, "<TotalExtractedDataInGB>1.5</TotalExtractedDataInGB>")),
         R"(DescribeExportTasksResult.ExportTasks[1].TotalExtractedDataInGB: "1.5" is not an integer)"},
        {"Integer past 32 bits (never wrapped)", 0, rds(tasks(0, "<PercentProgress>4294967346</PercentProgress>")),
         R"(DescribeExportTasksResult.ExportTasks[0].PercentProgress: "4294967346" is out of range for a 32-bit integer)"},
        {"Integer below 32 bits", 0, rds(tasks(0, "<PercentProgress>-2147483649</PercentProgress>")),
         R"(DescribeExportTasksResult.ExportTasks[0].PercentProgress: "-2147483649" is out of range for a 32-bit integer)"},
        {"Long past 64 bits", 1, redshift("<TableRestoreStatusDetails><TableRestoreStatus><ProgressInMegaBytes>9223372036854775808"
                                          "</ProgressInMegaBytes></TableRestoreStatus></TableRestoreStatusDetails>"),
         R"(DescribeTableRestoreStatusResult.TableRestoreStatusDetails[0].ProgressInMegaBytes: "9223372036854775808" is out of range for a 64-bit integer)"},
        {"Long with thirty digits", 1, redshift("<TableRestoreStatusDetails><TableRestoreStatus><TotalDataInMegaBytes>"
                                                "123456789012345678901234567890</TotalDataInMegaBytes></TableRestoreStatus>"
                                                "</TableRestoreStatusDetails>"),
         R"(DescribeTableRestoreStatusResult.TableRestoreStatusDetails[0].TotalDataInMegaBytes: "123456789012345678901234567890" is out of range for a 64-bit integer)"},
        {"a month 13", 0, rds(tasks(0, "<SnapshotTime>2024-13-01T00:00:00Z</SnapshotTime>")),
         R"(DescribeExportTasksResult.ExportTasks[0].SnapshotTime: "2024-13-01T00:00:00Z" is not a timestamp)"},
        {"a timestamp in words", 1, redshift("<TableRestoreStatusDetails><TableRestoreStatus><RequestTime>yesterday</RequestTime>"
                                             "</TableRestoreStatus></TableRestoreStatusDetails>"),
         R"(DescribeTableRestoreStatusResult.TableRestoreStatusDetails[0].RequestTime: "yesterday" is not a timestamp)"},
        {"an empty timestamp", 0, rds(tasks(0, "<TaskEndTime/>")),
         R"(DescribeExportTasksResult.ExportTasks[0].TaskEndTime: "" is not a timestamp)"},
        {"epoch seconds past year 9999", 2, things("<Things><Thing><Expires>1e12</Expires></Thing></Things>"),
         R"(DescribeThingsResult.Things[0].Expires: "1e12" is not a timestamp)"},
        {"not a number", 2, things("<Things><Thing><Ratio>1.2.3</Ratio></Thing></Things>"),
         R"(DescribeThingsResult.Things[0].Ratio: "1.2.3" is not a number)"},
        {"not a boolean", 2, things("<Things><Thing/><Thing><Enabled>yes</Enabled></Thing></Things>"),
         R"(DescribeThingsResult.Things[1].Enabled: "yes" is not a boolean (true or false))"},
        {"an empty boolean", 2, things("<Things><Thing><Enabled/></Thing></Things>"),
         R"(DescribeThingsResult.Things[0].Enabled: "" is not a boolean (true or false))"},
        {"not base64", 2, things("<Things><Thing><Data>@@@@</Data></Thing></Things>"),
         R"(DescribeThingsResult.Things[0].Data: "@@@@" is not base64)"},
        {"a long bad value is shortened in the message", 0, rds(tasks(0, "<PercentProgress>" + std::string(100, '7') + "x</PercentProgress>")),
         "DescribeExportTasksResult.ExportTasks[0].PercentProgress: \"" + std::string(64, '7') + "...\" is not an integer"},
        // Structure.
        {"a member twice", 0, rds("<Marker>a</Marker><Marker>b</Marker>"),
         "DescribeExportTasksResult.Marker: the element appears more than once"},
        {"a list twice", 0, rds("<ExportTasks/><ExportTasks/>"),
         "DescribeExportTasksResult.ExportTasks: the element appears more than once"},
        {"a bad value deep in a structure that contains itself", 2,
         things("<Things><Thing><Child><Child><Count>x</Count></Child></Child></Thing></Things>"),
         R"(DescribeThingsResult.Things[0].Child.Child.Count: "x" is not an integer)"},
        {"a bad item of a flattened list", 2, things("<Counts>1</Counts><Counts>b</Counts>"),
         R"(DescribeThingsResult.Counts[1]: "b" is not an integer)"},
        {"a bad item of a list of lists", 2, things("<Matrix><member/><member><Cell>x</Cell></member></Matrix>"),
         R"(DescribeThingsResult.Matrix[1][0]: "x" is not an integer)"},
        {"a map entry without a key", 2, things("<Attributes><entry><key>a</key><value/></entry><entry><value>v</value></entry></Attributes>"),
         "DescribeThingsResult.Attributes[1]: entry without a <key> element"},
        {"a map entry without a value", 2, things("<Labels><entry><Name>x</Name></entry></Labels>"),
         R"(DescribeThingsResult.Labels["x"]: entry without a <Value> element)"},
        {"a bad map value", 2, things("<Labels><entry><Name>x</Name><Value>seven</Value></entry></Labels>"),
         R"(DescribeThingsResult.Labels["x"]: "seven" is not an integer)"},
        {"a bad value of a flattened map", 2, things("<Setting><key>on</key><value>maybe</value></Setting>"),
         R"(DescribeThingsResult.Setting["on"]: "maybe" is not a boolean (true or false))"},
        {"markup declaration inside a value", 0, rds("<Marker>a<!ELEMENT x></Marker>"),
         "DescribeExportTasksResult: not XML: markup declaration inside an element at line 1"},
    };
    CHECK(std::size(catalogue) >= 30);
    for (const auto& c : catalogue) {
        INFO(std::string(c.rule));
        std::string message;
        bool parse_error = false;
        const auto check = [&](auto op) {
            const auto r = awsq::parse_response<decltype(op), test_reader>(200, c.body);
            REQUIRE(r.has_error());
            parse_error = r.error().kind() == awsq::error_kind::parse;
            message = r.error().message();
        };
        if (c.which == 0) check(DescribeExportTasks{});
        else if (c.which == 1) check(DescribeTableRestoreStatus{});
        else check(DescribeThings{});
        CHECK(parse_error);
        CHECK(message == c.expected);
    }
}

// botocore does not look at the root element's name: the result wrapper is found among its children.
TEST_CASE("errors: the root element's name is not checked") {
    SUBCASE("the root of another operation") {
        const auto r = awsq::parse_response<DescribeExportTasks, test_reader>(
            200, "<DescribeThingsResponse><DescribeExportTasksResult><Marker>m</Marker></DescribeExportTasksResult>"
                 "<ResponseMetadata><RequestId>q</RequestId></ResponseMetadata></DescribeThingsResponse>");
        REQUIRE(r.has_value());
        CHECK(r->output.Marker == "m");
        CHECK(r->request_id == "q");
    }
    SUBCASE("an operation without output and any root") {
        const auto r = awsq::parse_response<awsq::xmltest::PingThings, test_reader>(200, "<Other/>");
        REQUIRE(r.has_value());
        CHECK(r->request_id.empty());
    }
}
