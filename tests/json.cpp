// awsq/json.hpp: shapes <-> JSON with boto3's keys; bad JSON input refused with a path, never truncated.
#include <awsq/json.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>

#include <doctest/doctest.h>

#include <boost/json/serialize.hpp>

#include <cstdint>
#include <string>

namespace {

// A user-described shape using the constructs the two seed models lack: map, blob, bool, double, recursion.
struct Node {
    std::optional<std::map<std::string, std::int64_t>> Counts{};
    std::optional<awsq::blob> Data{};
    std::optional<bool> Enabled{};
    std::optional<double> Ratio{};
    awsq::indirect<Node> Next{};
};
BOOST_DESCRIBE_STRUCT(Node, (), (Counts, Data, Enabled, Ratio, Next))

}  // namespace

namespace awsq {
template <>
struct wire<Node> {
    static constexpr std::string_view name = "Node";
    static constexpr std::array<member_facts, 5> members{{{.name = "Counts"}, {.name = "Data"}, {.name = "Enabled"},
                                                          {.name = "Ratio"}, {.name = "Next"}}};
};
}  // namespace awsq

namespace {

using namespace awsq::rds;

std::string text(const boost::json::value& v) { return boost::json::serialize(v); }

template <class T>
std::string refusal(std::string_view json) {
    const auto r = awsq::from_json_text<T>(json);
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == awsq::error_kind::invalid_request);
    return r.error().message();
}

}  // namespace

TEST_CASE("json: a request round-trips with boto3's keys, absent members omitted") {
    const char* json =
        R"({"ExportTaskIdentifier":"t-1","Filters":[{"Name":"status","Values":["complete","failed"]},)"
        R"({"Name":"s3-bucket","Values":[]}],"MaxRecords":20,"SourceType":"CLUSTER"})";
    const auto r = awsq::from_json_text<DescribeExportTasksRequest>(json);
    REQUIRE(r.has_value());
    CHECK(r->ExportTaskIdentifier == "t-1");
    CHECK_FALSE(r->SourceArn.has_value());
    REQUIRE(r->Filters.has_value());
    CHECK(r->Filters->size() == 2);
    CHECK((*r->Filters)[1].Values == std::vector<std::string>{});
    CHECK(r->MaxRecords == 20);
    CHECK(*r->SourceType == ExportSourceType::CLUSTER);
    CHECK(text(awsq::to_json(*r)) == json);
}

TEST_CASE("json: timestamps are ISO 8601 strings in UTC; offsets and epoch seconds are accepted") {
    ExportTask t;
    t.SnapshotTime = *awsq::parse_iso8601("2024-01-02T03:04:05.678+02:00");
    CHECK(text(awsq::to_json(t)) == R"({"SnapshotTime":"2024-01-02T01:04:05.678000Z"})");
    // as Python's isoformat writes them (the AWS CLI v2's output), on request
    const awsq::json_options offset{.timestamps = awsq::json_timestamps::utc_offset};
    CHECK(text(awsq::to_json(t, offset)) == R"({"SnapshotTime":"2024-01-02T01:04:05.678000+00:00"})");
    ExportTask whole;
    whole.SnapshotTime = *awsq::parse_iso8601("2024-01-02T03:04:05Z");
    CHECK(text(awsq::to_json(whole, offset)) == R"({"SnapshotTime":"2024-01-02T03:04:05+00:00"})");
    const auto epoch = awsq::from_json_text<ExportTask>(R"({"SnapshotTime":0})");
    REQUIRE(epoch.has_value());
    CHECK(awsq::format_iso8601(*epoch->SnapshotTime) == "1970-01-01T00:00:00Z");
}

TEST_CASE("json: unknown enum values are kept as their string") {
    const auto r = awsq::from_json_text<ExportTask>(R"({"SourceType":"VOLUME"})");
    REQUIRE(r.has_value());
    CHECK_FALSE(r->SourceType->known());
    CHECK(text(awsq::to_json(*r)) == R"({"SourceType":"VOLUME"})");
}

TEST_CASE("json: a response carries RequestId under ResponseMetadata") {
    awsq::response<awsq::redshift::DescribeTableRestoreStatus> resp;
    resp.output.Marker = "";
    resp.output.TableRestoreStatusDetails.emplace().push_back(
        {.Status = awsq::redshift::TableRestoreStatusType::IN_PROGRESS, .ProgressInMegaBytes = 5'000'000'000});
    resp.request_id = "r-1";
    CHECK(text(awsq::to_json(resp)) ==
          R"({"TableRestoreStatusDetails":[{"Status":"IN_PROGRESS","ProgressInMegaBytes":5000000000}],)"
          R"("Marker":"","ResponseMetadata":{"RequestId":"r-1"}})");
}

TEST_CASE("json: maps, blobs, booleans, doubles and recursion round-trip") {
    const char* json = R"({"Counts":{"a":1,"b":-9223372036854775808},"Data":"aGVsbG8=","Enabled":true,)"
                       R"("Ratio":0.5,"Next":{"Enabled":false}})";
    const auto r = awsq::from_json_text<Node>(json);
    REQUIRE(r.has_value());
    CHECK(r->Data->bytes == "hello");
    CHECK(r->Next->Enabled == false);
    CHECK(awsq::to_json(*r) == boost::json::parse(json));  // as values: Boost.JSON writes 0.5 as 5E-1
}

TEST_CASE("json: bad input is refused with the path, never dropped or truncated") {
    SUBCASE("unknown key") {
        CHECK(refusal<DescribeExportTasksRequest>(R"({"Filters":[{"Name":"a","Valeus":[]}]})") ==
              "DescribeExportTasksRequest.Filters[0].Valeus: unknown member");
    }
    SUBCASE("2^32+50 for a 32-bit member does not wrap to 50") {
        CHECK(refusal<DescribeExportTasksRequest>(R"({"MaxRecords":4294967346})") ==
              "DescribeExportTasksRequest.MaxRecords: 4294967346 is out of range for a 32-bit integer");
    }
    SUBCASE("past 64 bits") {
        CHECK(refusal<awsq::redshift::TableRestoreStatus>(R"({"ProgressInMegaBytes":18446744073709551615})") ==
              "TableRestoreStatus.ProgressInMegaBytes: 18446744073709551615 is out of range for a 64-bit integer");
    }
    SUBCASE("a fraction for an integer") {
        CHECK(refusal<DescribeExportTasksRequest>(R"({"MaxRecords":20.5})") ==
              "DescribeExportTasksRequest.MaxRecords: expected an integer, got a number");
    }
    SUBCASE("wrong types") {
        CHECK(refusal<DescribeExportTasksRequest>(R"({"Filters":{"Name":"a"}})") ==
              "DescribeExportTasksRequest.Filters: expected an array, got an object");
        CHECK(refusal<DescribeExportTasksRequest>(R"({"Filters":[{"Values":[1]}]})") ==
              "DescribeExportTasksRequest.Filters[0].Values[0]: expected a string, got an integer");
        CHECK(refusal<DescribeExportTasksRequest>(R"([])") ==
              "DescribeExportTasksRequest: expected an object, got an array");
        CHECK(refusal<Node>(R"({"Enabled":"true"})") == "Node.Enabled: expected a boolean, got a string");
    }
    SUBCASE("bad timestamp and bad base64") {
        CHECK(refusal<ExportTask>(R"({"TaskEndTime":"yesterday"})") ==
              "ExportTask.TaskEndTime: \"yesterday\" is not an ISO 8601 timestamp");
        CHECK(refusal<Node>(R"({"Data":"a*b="})") == "Node.Data: not valid base64");
    }
    SUBCASE("not JSON at all") {
        CHECK(refusal<DescribeExportTasksRequest>("{").starts_with("DescribeExportTasksRequest: not JSON: "));
    }
}

TEST_CASE("json: doubles are read exactly, not one ulp off") {
    boost::system::error_code ec;
    const auto v = awsq::parse_json("[9.53672594000825e-14, 0.1, 1e308]", ec);
    REQUIRE_FALSE(ec);
    CHECK(v.as_array()[0].as_double() == 9.53672594000825e-14);
    CHECK(v.as_array()[1].as_double() == 0.1);
    CHECK(v.as_array()[2].as_double() == 1e308);
    awsq::parse_json("[1,", ec);
    CHECK(ec);
}

TEST_CASE("json: an operation without input reads an empty object") {
    CHECK(awsq::from_json_text<awsq::empty_shape>("{}").has_value());
    CHECK(refusal<awsq::empty_shape>(R"({"X":1})") == "Empty.X: unknown member");
}

TEST_CASE("json: JSON text past json_limits (16 MiB, 64 levels) is refused, saying which limit") {
    CHECK(awsq::json_limits{}.max_size == 16 * 1024 * 1024);
    CHECK(awsq::json_limits{}.max_depth == 64);
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    SUBCASE("depth: 64 nested arrays are JSON (then the wrong type), 65 are not") {
        CHECK(refusal<DescribeExportTasksRequest>(nested(64)) ==
              "DescribeExportTasksRequest: expected an object, got an array");
        CHECK(refusal<DescribeExportTasksRequest>(nested(65)) ==
              "DescribeExportTasksRequest: not JSON: nested deeper than 64 levels (json_limits::max_depth)");
        const std::string deep = R"({"Filters":[{"Values":)" + nested(62) + "}]}";
        CHECK(refusal<DescribeExportTasksRequest>(deep) ==
              "DescribeExportTasksRequest: not JSON: nested deeper than 64 levels (json_limits::max_depth)");
        CHECK(awsq::from_json_text<DescribeExportTasksRequest>(nested(3), {.max_depth = 2}).error().message() ==
              "DescribeExportTasksRequest: not JSON: nested deeper than 2 levels (json_limits::max_depth)");
    }
    SUBCASE("size: checked before parsing") {
        std::string text = R"({"Marker":")";
        text += std::string(awsq::json_limits{}.max_size - text.size() - 2, 'm') + "\"}";
        REQUIRE(text.size() == awsq::json_limits{}.max_size);
        const auto at_limit = awsq::from_json_text<DescribeExportTasksRequest>(text);
        REQUIRE(at_limit.has_value());
        CHECK(at_limit->Marker->size() == awsq::json_limits{}.max_size - 13);
        CHECK(refusal<DescribeExportTasksRequest>(text + " ") ==
              "DescribeExportTasksRequest: JSON text longer than the limit of 16777216 bytes (json_limits::max_size)");
        CHECK(awsq::from_json_text<DescribeExportTasksRequest>("{}  ", {.max_size = 3}).error().message() ==
              "DescribeExportTasksRequest: JSON text longer than the limit of 3 bytes (json_limits::max_size)");
    }
    SUBCASE("parse_json: the same depth limit") {
        boost::system::error_code ec;
        awsq::parse_json(nested(64), ec);
        CHECK_FALSE(ec);
        awsq::parse_json(nested(65), ec);
        CHECK(ec == boost::json::error::too_deep);
    }
}
