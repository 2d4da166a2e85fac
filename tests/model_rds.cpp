// Generated <awsq/rds.hpp>: every field of the DescribeExportTasks reference page, typed and described.
#include <awsq/rds.hpp>
#include <awsq/traits.hpp>

#include <doctest/doctest.h>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <span>
#include <string_view>
#include <type_traits>

namespace {

using namespace awsq::rds;
using boost::mp11::mp_size;
using str = std::optional<std::string>;
using i32 = std::optional<std::int32_t>;
using ts = std::optional<awsq::timestamp>;

// Each seed member exists with the C++ type its model type implies.
static_assert(std::is_same_v<decltype(DescribeExportTasksRequest::ExportTaskIdentifier), str>);
static_assert(std::is_same_v<decltype(DescribeExportTasksRequest::SourceArn), str>);
static_assert(std::is_same_v<decltype(DescribeExportTasksRequest::Filters), std::optional<std::vector<Filter>>>);
static_assert(std::is_same_v<decltype(DescribeExportTasksRequest::Marker), str>);
static_assert(std::is_same_v<decltype(DescribeExportTasksRequest::MaxRecords), i32>);
static_assert(std::is_same_v<decltype(DescribeExportTasksRequest::SourceType),
                             std::optional<awsq::open_enum<ExportSourceType>>>);
static_assert(mp_size<awsq::members_of<DescribeExportTasksRequest>>::value == 6);

static_assert(std::is_same_v<decltype(Filter::Name), str>);
static_assert(std::is_same_v<decltype(Filter::Values), std::optional<std::vector<std::string>>>);
static_assert(mp_size<awsq::members_of<Filter>>::value == 2);

static_assert(std::is_same_v<decltype(DescribeExportTasksResult::Marker), str>);
static_assert(std::is_same_v<decltype(DescribeExportTasksResult::ExportTasks),
                             std::optional<std::vector<ExportTask>>>);
static_assert(mp_size<awsq::members_of<DescribeExportTasksResult>>::value == 2);

static_assert(std::is_same_v<decltype(ExportTask::ExportTaskIdentifier), str>);
static_assert(std::is_same_v<decltype(ExportTask::SourceArn), str>);
static_assert(std::is_same_v<decltype(ExportTask::ExportOnly), std::optional<std::vector<std::string>>>);
static_assert(std::is_same_v<decltype(ExportTask::SnapshotTime), ts>);
static_assert(std::is_same_v<decltype(ExportTask::TaskStartTime), ts>);
static_assert(std::is_same_v<decltype(ExportTask::TaskEndTime), ts>);
static_assert(std::is_same_v<decltype(ExportTask::S3Bucket), str>);
static_assert(std::is_same_v<decltype(ExportTask::S3Prefix), str>);
static_assert(std::is_same_v<decltype(ExportTask::IamRoleArn), str>);
static_assert(std::is_same_v<decltype(ExportTask::KmsKeyId), str>);
static_assert(std::is_same_v<decltype(ExportTask::Status), str>);
static_assert(std::is_same_v<decltype(ExportTask::PercentProgress), i32>);
static_assert(std::is_same_v<decltype(ExportTask::TotalExtractedDataInGB), i32>);
static_assert(std::is_same_v<decltype(ExportTask::FailureCause), str>);
static_assert(std::is_same_v<decltype(ExportTask::WarningMessage), str>);
static_assert(std::is_same_v<decltype(ExportTask::SourceType), std::optional<awsq::open_enum<ExportSourceType>>>);
static_assert(mp_size<awsq::members_of<ExportTask>>::value == 16);

static_assert(awsq::described_struct<ExportTaskNotFoundFault>);
static_assert(awsq::described_enum<ExportSourceType>);
static_assert(mp_size<boost::describe::describe_enumerators<ExportSourceType>>::value == 2);

// The operation descriptor.
static_assert(std::is_same_v<DescribeExportTasks::input_type, DescribeExportTasksMessage>);
static_assert(std::is_same_v<DescribeExportTasks::output_type, ExportTasksMessage>);
static_assert(std::is_same_v<DescribeExportTasks::errors, boost::mp11::mp_list<ExportTaskNotFoundFault>>);
static_assert(std::is_same_v<operations, boost::mp11::mp_list<DescribeExportTasks>>);

// Member facts are found by name, so a test reads like the model.
constexpr const awsq::member_facts* member(std::span<const awsq::member_facts> members, std::string_view name) {
    for (const auto& m : members)
        if (m.name == name) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("rds model: enum ExportSourceType has every value of the reference page") {
    CHECK(awsq::enum_to_string(ExportSourceType::SNAPSHOT) == "SNAPSHOT");
    CHECK(awsq::enum_to_string(ExportSourceType::CLUSTER) == "CLUSTER");
    CHECK(awsq::enum_from_string<ExportSourceType>("CLUSTER") == ExportSourceType::CLUSTER);
    CHECK_FALSE(awsq::enum_from_string<ExportSourceType>("cluster").has_value());
}

TEST_CASE("rds model: an unknown ExportSourceType keeps its string") {
    const auto v = awsq::open_enum_from_string<ExportSourceType>("VOLUME");
    CHECK_FALSE(v.known());
    CHECK(awsq::enum_to_string(v) == "VOLUME");
    const awsq::open_enum<ExportSourceType> known = ExportSourceType::SNAPSHOT;
    CHECK(known == ExportSourceType::SNAPSHOT);
    CHECK_FALSE(v == ExportSourceType::SNAPSHOT);
}

TEST_CASE("rds model: DescribeExportTasks descriptor carries the model's operation facts") {
    CHECK(DescribeExportTasks::name == "DescribeExportTasks");
    CHECK(DescribeExportTasks::result_wrapper == "DescribeExportTasksResult");
    CHECK(DescribeExportTasks::http_method == "POST");
    CHECK(DescribeExportTasks::request_uri == "/");
    CHECK(DescribeExportTasks::service.api_version == "2014-10-31");
    CHECK(DescribeExportTasks::service.endpoint_prefix == "rds");
    CHECK(DescribeExportTasks::service.xml_namespace == "http://rds.amazonaws.com/doc/2014-10-31/");
    CHECK(DescribeExportTasks::service.service_id == "RDS");
    CHECK(DescribeExportTasks::service.signature_version == "v4");
    CHECK(DescribeExportTasks::service.protocol == "query");
    CHECK(DescribeExportTasks::paginator.input_token == "Marker");
    CHECK(DescribeExportTasks::paginator.output_token == "Marker");
    CHECK(DescribeExportTasks::paginator.limit_key == "MaxRecords");
    CHECK(DescribeExportTasks::paginator.result_key == "ExportTasks");
    CHECK(DescribeExportTasks::paginator.more_results.empty());
    SUBCASE("every token and key is also listed as a path") {
        constexpr auto p = DescribeExportTasks::paginator;
        CHECK(p.input_tokens.size() == 1);
        CHECK(p.input_tokens[0] == "Marker");
        CHECK(p.output_tokens.size() == 1);
        CHECK(p.output_tokens[0] == "Marker");
        CHECK(p.result_keys.size() == 1);
        CHECK(p.result_keys[0] == "ExportTasks");
        CHECK(p.non_aggregate_keys.empty());
    }
}

TEST_CASE("rds model: ExportTaskNotFoundFault has wire code ExportTaskNotFound and HTTP 404") {
    constexpr auto e = awsq::wire<ExportTaskNotFoundFault>::error;
    CHECK(e.code == "ExportTaskNotFound");
    CHECK(e.http_status == 404);
    CHECK(e.sender_fault);
}

TEST_CASE("rds model: wire facts of the request") {
    constexpr auto& req = awsq::wire<DescribeExportTasksRequest>::members;
    CHECK(awsq::wire<DescribeExportTasksRequest>::name == "DescribeExportTasksRequest");
    SUBCASE("MaxRecords is limited to 20..100") {
        const auto* m = member(req, "MaxRecords");
        REQUIRE(m);
        CHECK(m->shape->min == 20);
        CHECK(m->shape->max == 100);
        CHECK_FALSE(m->required);
    }
    SUBCASE("Filters is a list of Filter elements") {
        const auto* m = member(req, "Filters");
        REQUIRE(m);
        CHECK(awsq::list_member_name(m->shape) == "Filter");
        CHECK_FALSE(m->shape->flattened);
    }
    SUBCASE("Filter.Name and Filter.Values are required; values are Value elements") {
        constexpr auto& f = awsq::wire<Filter>::members;
        CHECK(member(f, "Name")->required);
        CHECK(member(f, "Values")->required);
        CHECK(awsq::list_member_name(member(f, "Values")->shape) == "Value");
    }
    SUBCASE("no member of the request is required") {
        for (const auto& m : req) CHECK_FALSE(m.required);
    }
}

TEST_CASE("rds model: wire facts of the result") {
    CHECK(awsq::wire<DescribeExportTasksResult>::name == "DescribeExportTasksResult");
    constexpr auto& res = awsq::wire<DescribeExportTasksResult>::members;
    CHECK(awsq::list_member_name(member(res, "ExportTasks")->shape) == "ExportTask");
    constexpr auto& task = awsq::wire<ExportTask>::members;
    CHECK(awsq::list_member_name(member(task, "ExportOnly")->shape) == "member");
    CHECK(member(task, "SnapshotTime")->format == awsq::timestamp_format::unspecified);
    CHECK(member(task, "PercentProgress")->shape->name == "Integer");
    CHECK(awsq::facts_of<ExportTask, 15>().name == "SourceType");
}
