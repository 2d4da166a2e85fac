// Generated <awsq/redshift.hpp>: every field of the DescribeTableRestoreStatus reference page.
#include <awsq/redshift.hpp>
#include <awsq/traits.hpp>

#include <doctest/doctest.h>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <span>
#include <string_view>
#include <type_traits>

namespace {

using namespace awsq::redshift;
using boost::mp11::mp_size;
using str = std::optional<std::string>;

static_assert(std::is_same_v<decltype(DescribeTableRestoreStatusRequest::ClusterIdentifier), str>);
static_assert(std::is_same_v<decltype(DescribeTableRestoreStatusRequest::TableRestoreRequestId), str>);
static_assert(std::is_same_v<decltype(DescribeTableRestoreStatusRequest::MaxRecords), std::optional<std::int32_t>>);
static_assert(std::is_same_v<decltype(DescribeTableRestoreStatusRequest::Marker), str>);
static_assert(mp_size<awsq::members_of<DescribeTableRestoreStatusRequest>>::value == 4);

static_assert(std::is_same_v<decltype(DescribeTableRestoreStatusResult::TableRestoreStatusDetails),
                             std::optional<std::vector<TableRestoreStatus>>>);
static_assert(std::is_same_v<decltype(DescribeTableRestoreStatusResult::Marker), str>);
static_assert(mp_size<awsq::members_of<DescribeTableRestoreStatusResult>>::value == 2);

static_assert(std::is_same_v<decltype(TableRestoreStatus::TableRestoreRequestId), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::Status),
                             std::optional<awsq::open_enum<TableRestoreStatusType>>>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::Message), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::RequestTime), std::optional<awsq::timestamp>>);
// The page says "integer"; the model types both as Long: 64-bit.
static_assert(std::is_same_v<decltype(TableRestoreStatus::ProgressInMegaBytes), std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::TotalDataInMegaBytes), std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::ClusterIdentifier), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::SnapshotIdentifier), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::SourceDatabaseName), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::SourceSchemaName), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::SourceTableName), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::TargetDatabaseName), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::TargetSchemaName), str>);
static_assert(std::is_same_v<decltype(TableRestoreStatus::NewTableName), str>);
static_assert(mp_size<awsq::members_of<TableRestoreStatus>>::value == 14);

static_assert(awsq::described_enum<TableRestoreStatusType>);
static_assert(mp_size<boost::describe::describe_enumerators<TableRestoreStatusType>>::value == 5);

static_assert(std::is_same_v<DescribeTableRestoreStatus::input_type, DescribeTableRestoreStatusMessage>);
static_assert(std::is_same_v<DescribeTableRestoreStatus::output_type, TableRestoreStatusMessage>);
static_assert(std::is_same_v<DescribeTableRestoreStatus::errors,
                             boost::mp11::mp_list<TableRestoreNotFoundFault, ClusterNotFoundFault>>);

constexpr const awsq::member_facts* member(std::span<const awsq::member_facts> members, std::string_view name) {
    for (const auto& m : members)
        if (m.name == name) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("redshift model: enum TableRestoreStatusType has every value of the reference page") {
    for (auto [value, text] : {std::pair{TableRestoreStatusType::PENDING, "PENDING"},
                               {TableRestoreStatusType::IN_PROGRESS, "IN_PROGRESS"},
                               {TableRestoreStatusType::SUCCEEDED, "SUCCEEDED"},
                               {TableRestoreStatusType::FAILED, "FAILED"},
                               {TableRestoreStatusType::CANCELED, "CANCELED"}}) {
        CAPTURE(text);
        CHECK(awsq::enum_to_string(value) == text);
        CHECK(awsq::enum_from_string<TableRestoreStatusType>(text) == value);
    }
}

TEST_CASE("redshift model: DescribeTableRestoreStatus descriptor carries the model's operation facts") {
    using Op = DescribeTableRestoreStatus;
    CHECK(Op::name == "DescribeTableRestoreStatus");
    CHECK(Op::result_wrapper == "DescribeTableRestoreStatusResult");
    CHECK(Op::service.api_version == "2012-12-01");
    CHECK(Op::service.endpoint_prefix == "redshift");
    CHECK(Op::service.xml_namespace == "http://redshift.amazonaws.com/doc/2012-12-01/");
    CHECK(Op::service.service_id == "Redshift");
    CHECK(Op::paginator.input_token == "Marker");
    CHECK(Op::paginator.output_token == "Marker");
    CHECK(Op::paginator.limit_key == "MaxRecords");
    CHECK(Op::paginator.result_key == "TableRestoreStatusDetails");
}

TEST_CASE("redshift model: error shapes carry their wire codes and HTTP status") {
    SUBCASE("TableRestoreNotFoundFault: code TableRestoreNotFoundFault, 400") {
        constexpr auto e = awsq::wire<TableRestoreNotFoundFault>::error;
        CHECK(e.code == "TableRestoreNotFoundFault");
        CHECK(e.http_status == 400);
    }
    SUBCASE("ClusterNotFoundFault: code ClusterNotFound, 404") {
        constexpr auto e = awsq::wire<ClusterNotFoundFault>::error;
        CHECK(e.code == "ClusterNotFound");
        CHECK(e.http_status == 404);
    }
}

TEST_CASE("redshift model: wire facts") {
    constexpr auto& req = awsq::wire<DescribeTableRestoreStatusRequest>::members;
    // awsq's model gives Redshift's MaxRecords the documented 20..100; botocore's has no range.
    CHECK(member(req, "MaxRecords")->shape->min == 20);
    CHECK(member(req, "MaxRecords")->shape->max == 100);
    constexpr auto& res = awsq::wire<DescribeTableRestoreStatusResult>::members;
    CHECK(awsq::list_member_name(member(res, "TableRestoreStatusDetails")->shape) == "TableRestoreStatus");
    CHECK(member(awsq::wire<TableRestoreStatus>::members, "ProgressInMegaBytes")->shape->name == "LongOptional");
    CHECK(member(awsq::wire<TableRestoreStatus>::members, "ClusterIdentifier")->shape->max == 2147483647);
}
