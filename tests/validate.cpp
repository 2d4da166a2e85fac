// awsq/validate.hpp: every problem of a request, with botocore-style paths; stricter than botocore only on max.
#include <awsq/querytest.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/validate.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace qt = awsq::querytest;
using awsq::rds::DescribeExportTasksRequest;
using awsq::redshift::DescribeTableRestoreStatusRequest;

/// Every problem as its full text, in order.
template <class T>
std::vector<std::string> problems(const T& request) {
    std::vector<std::string> out;
    for (const auto& p : awsq::validate(request)) out.push_back(p.text());
    return out;
}

using texts = std::vector<std::string>;

}  // namespace

TEST_CASE("validate: a request that meets every constraint has no problems") {
    SUBCASE("DescribeExportTasks") {
        const DescribeExportTasksRequest r{
            .ExportTaskIdentifier = "t",
            .SourceArn = "arn",
            .Filters = std::vector<awsq::rds::Filter>{{.Name = "a", .Values = std::vector<std::string>{}}},
            .Marker = "",
            .MaxRecords = 50,
            .SourceType = awsq::rds::ExportSourceType::CLUSTER,
        };
        CHECK(problems(r) == texts{});
    }
    SUBCASE("DescribeTableRestoreStatus") {
        const DescribeTableRestoreStatusRequest r{.ClusterIdentifier = "c", .TableRestoreRequestId = "t",
                                                  .MaxRecords = 20, .Marker = "m"};
        CHECK(problems(r) == texts{});
    }
    SUBCASE("an empty request with no required member") {
        CHECK(problems(DescribeExportTasksRequest{}) == texts{});
        CHECK(problems(awsq::empty_shape{}) == texts{});
    }
}

TEST_CASE("validate: a required member that is absent is missing, at any depth") {
    SUBCASE("in a list element") {
        const DescribeExportTasksRequest r{.Filters = std::vector<awsq::rds::Filter>{
                                               {.Name = "a", .Values = std::vector<std::string>{"x"}}, {.Name = "b"}}};
        CHECK(problems(r) == texts{"DescribeExportTasksRequest.Filters[1].Values: required member is missing"});
    }
    SUBCASE("every missing member of every element") {
        const DescribeExportTasksRequest r{.Filters = std::vector<awsq::rds::Filter>{{}, {}}};
        CHECK(problems(r) == texts{"DescribeExportTasksRequest.Filters[0].Name: required member is missing",
                                   "DescribeExportTasksRequest.Filters[0].Values: required member is missing",
                                   "DescribeExportTasksRequest.Filters[1].Name: required member is missing",
                                   "DescribeExportTasksRequest.Filters[1].Values: required member is missing"});
    }
    SUBCASE("at the top level") {
        CHECK(problems(qt::PutThingsRequest{}) == texts{"PutThingsRequest.Name: required member is missing"});
    }
    SUBCASE("through awsq::indirect and through a list of the same structure") {
        const qt::PutThingsRequest r{
            .Name = "n",
            .Tree = qt::Node{.Label = "a",
                             .Parent = qt::Node{.Parent = qt::Node{}},
                             .Children = std::vector<qt::Node>{{.Label = "b"}, {.Children = std::vector<qt::Node>{{}}}}},
        };
        CHECK(problems(r) == texts{"PutThingsRequest.Tree.Parent.Label: required member is missing",
                                   "PutThingsRequest.Tree.Parent.Parent.Label: required member is missing",
                                   "PutThingsRequest.Tree.Children[1].Label: required member is missing",
                                   "PutThingsRequest.Tree.Children[1].Children[0].Label: required member is missing"});
    }
}

// botocore's validator rejects 19 (it checks min) but accepts 101 (it ignores max): awsq rejects both.
TEST_CASE("validate: MaxRecords is 20 to 100 on both operations (botocore does not check the maximum)") {
    SUBCASE("DescribeExportTasks") {
        CHECK(problems(DescribeExportTasksRequest{.MaxRecords = 19}) ==
              texts{"DescribeExportTasksRequest.MaxRecords: 19 is below the minimum 20"});
        CHECK(problems(DescribeExportTasksRequest{.MaxRecords = 101}) ==
              texts{"DescribeExportTasksRequest.MaxRecords: 101 is above the maximum 100"});
        CHECK(problems(DescribeExportTasksRequest{.MaxRecords = 20}) == texts{});
        CHECK(problems(DescribeExportTasksRequest{.MaxRecords = 100}) == texts{});
    }
    SUBCASE("DescribeTableRestoreStatus") {
        CHECK(problems(DescribeTableRestoreStatusRequest{.MaxRecords = 19}) ==
              texts{"DescribeTableRestoreStatusRequest.MaxRecords: 19 is below the minimum 20"});
        CHECK(problems(DescribeTableRestoreStatusRequest{.MaxRecords = 101}) ==
              texts{"DescribeTableRestoreStatusRequest.MaxRecords: 101 is above the maximum 100"});
        CHECK(problems(DescribeTableRestoreStatusRequest{.MaxRecords = 20}) == texts{});
        CHECK(problems(DescribeTableRestoreStatusRequest{.MaxRecords = 100}) == texts{});
    }
    SUBCASE("extremes") {
        CHECK(problems(DescribeExportTasksRequest{.MaxRecords = INT32_MIN}) ==
              texts{"DescribeExportTasksRequest.MaxRecords: -2147483648 is below the minimum 20"});
        CHECK(problems(DescribeExportTasksRequest{.MaxRecords = INT32_MAX}) ==
              texts{"DescribeExportTasksRequest.MaxRecords: 2147483647 is above the maximum 100"});
    }
}

TEST_CASE("validate: an integer in a list or map is checked against its own shape") {
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Count = 0}) ==
          texts{"PutThingsRequest.Count: 0 is below the minimum 1"});
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Limits = std::map<std::string, std::int32_t>{{"cpu", 11}}}) ==
          texts{R"(PutThingsRequest.Limits["cpu"]: 11 is above the maximum 10)"});
}

TEST_CASE("validate: a float is checked against its range, written as Python writes it") {
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Scale = -1000000.5f}) ==
          texts{"PutThingsRequest.Scale: -1000000.5 is below the minimum -1000000"});
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Scale = 2e6f}) ==
          texts{"PutThingsRequest.Scale: 2000000.0 is above the maximum 1000000"});
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Scale = 1e6f}) == texts{});
}

TEST_CASE("validate: a string's length counts code points, not bytes") {
    SUBCASE("too short") {
        CHECK(problems(qt::PutThingsRequest{.Name = ""}) == texts{"PutThingsRequest.Name: length 0 is below the minimum 1"});
    }
    SUBCASE("too long") {
        CHECK(problems(qt::PutThingsRequest{.Name = "123456789"}) ==
              texts{"PutThingsRequest.Name: length 9 is above the maximum 8"});
    }
    SUBCASE("8 code points in 29 bytes fit a maximum of 8") {
        CHECK(problems(qt::PutThingsRequest{.Name = "日本語é😀abc"}) == texts{});
        CHECK(problems(qt::PutThingsRequest{.Name = "日本語é😀abcd"}) ==
              texts{"PutThingsRequest.Name: length 9 is above the maximum 8"});
    }
    SUBCASE("in a list element") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Items = std::vector<qt::Item>{{.Key = "ok"}, {.Key = ""}}}) ==
              texts{"PutThingsRequest.Items[1].Key: length 0 is below the minimum 1"});
    }
}

TEST_CASE("validate: a list's length is checked") {
    SUBCASE("below the minimum") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Names = std::vector<std::string>{}}) ==
              texts{"PutThingsRequest.Names: length 0 is below the minimum 1"});
    }
    SUBCASE("above the maximum, and each element still checked") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Items = std::vector<qt::Item>{{.Key = "a"}, {.Key = "b"},
                                                                                        {.Key = "c"}, {}}}) ==
              texts{"PutThingsRequest.Items: length 4 is above the maximum 3",
                    "PutThingsRequest.Items[3].Key: required member is missing"});
    }
}

TEST_CASE("validate: a map's length and keys are checked, entries at Name[\"key\"]") {
    using tags = std::map<std::string, std::string>;
    SUBCASE("below the minimum") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Tags = tags{}}) ==
              texts{"PutThingsRequest.Tags: length 0 is below the minimum 1"});
    }
    SUBCASE("above the maximum") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Tags = tags{{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}}}) ==
              texts{"PutThingsRequest.Tags: length 4 is above the maximum 3"});
    }
    SUBCASE("key length") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Tags = tags{{"", "v"}, {"12345", "v"}}}) ==
              texts{R"(PutThingsRequest.Tags[""]: key length 0 is below the minimum 1)",
                    R"(PutThingsRequest.Tags["12345"]: key length 5 is above the maximum 4)"});
    }
}

TEST_CASE("validate: a blob's length counts bytes") {
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Payload = awsq::blob{}}) ==
          texts{"PutThingsRequest.Payload: length 0 is below the minimum 1"});
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Payload = awsq::blob{std::string(4097, 'x')}}) ==
          texts{"PutThingsRequest.Payload: length 4097 is above the maximum 4096"});
    CHECK(problems(qt::PutThingsRequest{.Name = "n", .Payload = awsq::blob{std::string(4096, '\xff')}}) == texts{});
}

// AWS adds enum values before the models catch up: an open_enum holding a value the model does not
// know is valid, as botocore's validator accepts any string for an enum member (issue 14, item 6).
TEST_CASE("validate: an enum value the model does not know is valid, as in botocore") {
    SUBCASE("at the top level") {
        const DescribeExportTasksRequest r{.SourceType = awsq::open_enum_from_string<awsq::rds::ExportSourceType>("VOLUME")};
        CHECK(problems(r) == texts{});
    }
    SUBCASE("with wire strings that are not identifiers, in a list element") {
        const qt::PutThingsRequest r{
            .Name = "n", .Items = std::vector<qt::Item>{{.Key = "k", .Mode = awsq::open_enum<qt::ThingMode>{"t2_micro"}}}};
        CHECK(problems(r) == texts{});
    }
    SUBCASE("the empty string") {
        CHECK(problems(DescribeExportTasksRequest{
                  .SourceType = awsq::open_enum_from_string<awsq::rds::ExportSourceType>("")}) == texts{});
    }
    SUBCASE("a known value is valid") {
        CHECK(problems(qt::PutThingsRequest{.Name = "n", .Mode = qt::ThingMode::t2_micro}) == texts{});
    }
}

TEST_CASE("validate: every problem is reported, in member order") {
    const DescribeExportTasksRequest r{
        .Filters = std::vector<awsq::rds::Filter>{{.Values = std::vector<std::string>{}}},
        .MaxRecords = 19,
    };
    CHECK(problems(r) == texts{"DescribeExportTasksRequest.Filters[0].Name: required member is missing",
                               "DescribeExportTasksRequest.MaxRecords: 19 is below the minimum 20"});
}

TEST_CASE("validate: ensure_valid gives error::invalid carrying every problem") {
    SUBCASE("invalid") {
        const auto r = awsq::ensure_valid(DescribeTableRestoreStatusRequest{.MaxRecords = 0});
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::invalid_request);
        REQUIRE(r.error().problems().size() == 1);
        CHECK(r.error().problems()[0] ==
              awsq::problem{"DescribeTableRestoreStatusRequest.MaxRecords", "0 is below the minimum 20"});
    }
    SUBCASE("valid") { CHECK(awsq::ensure_valid(DescribeTableRestoreStatusRequest{}).has_value()); }
}
