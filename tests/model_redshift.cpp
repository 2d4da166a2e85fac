// Generated <awsq/redshift.hpp>: every field of the DescribeTableRestoreStatus reference page; DescribeClusters.
#include <awsq/json.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/traits.hpp>

#include <doctest/doctest.h>

#include <boost/describe.hpp>
#include <boost/json/serialize.hpp>
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
    for (const auto& pair : {std::pair{TableRestoreStatusType::PENDING, "PENDING"},
                             {TableRestoreStatusType::IN_PROGRESS, "IN_PROGRESS"},
                             {TableRestoreStatusType::SUCCEEDED, "SUCCEEDED"},
                             {TableRestoreStatusType::FAILED, "FAILED"},
                             {TableRestoreStatusType::CANCELED, "CANCELED"}}) {
        const auto [value, text] = pair;
        CAPTURE(pair.second);  // clang 14 cannot capture a structured binding in CAPTURE's lambda
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
    CHECK(Op::paginator.input_tokens.size() == 1);
    CHECK(Op::paginator.input_tokens[0] == "Marker");
    CHECK(Op::paginator.output_tokens.size() == 1);
    CHECK(Op::paginator.output_tokens[0] == "Marker");
    CHECK(Op::paginator.limit_key == "MaxRecords");
    CHECK(Op::paginator.result_keys.size() == 1);
    CHECK(Op::paginator.result_keys[0] == "TableRestoreStatusDetails");
    CHECK(std::is_same_v<Op::paginator_paths::output_tokens,
                         boost::mp11::mp_list<awsq::path<&TableRestoreStatusMessage::Marker>>>);
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

// DescribeClusters: botocore's facts, brought over unchanged.
static_assert(std::is_same_v<operations, boost::mp11::mp_list<DescribeClusters, DescribeTableRestoreStatus>>);
static_assert(std::is_same_v<DescribeClusters::input_type, DescribeClustersMessage>);
static_assert(std::is_same_v<DescribeClusters::output_type, ClustersMessage>);
static_assert(std::is_same_v<DescribeClusters::errors, boost::mp11::mp_list<ClusterNotFoundFault, InvalidTagFault>>);
static_assert(std::is_same_v<decltype(DescribeClustersRequest::TagKeys), std::optional<std::vector<std::string>>>);
static_assert(std::is_same_v<decltype(ClustersMessage::Clusters), std::optional<std::vector<Cluster>>>);
static_assert(std::is_same_v<decltype(Cluster::TotalStorageCapacityInMegaBytes), std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(Cluster::SnapshotScheduleState), std::optional<awsq::open_enum<ScheduleState>>>);
static_assert(mp_size<awsq::members_of<Cluster>>::value > 52);  // past Boost.Describe's own limit

TEST_CASE("redshift model: DescribeClusters descriptor and paginator carry botocore's facts") {
    using Op = DescribeClusters;
    CHECK(Op::name == "DescribeClusters");
    CHECK(Op::result_wrapper == "DescribeClustersResult");
    CHECK(Op::paginator.input_tokens[0] == "Marker");
    CHECK(Op::paginator.output_tokens[0] == "Marker");
    CHECK(Op::paginator.limit_key == "MaxRecords");
    CHECK(Op::paginator.result_keys[0] == "Clusters");
    CHECK(std::is_same_v<Op::paginator_paths::limit_key, awsq::path<&DescribeClustersMessage::MaxRecords>>);
    CHECK(Op::paginator.more_results.empty());
    CHECK(awsq::wire<InvalidTagFault>::error.code == "InvalidTagFault");
    CHECK(awsq::wire<InvalidTagFault>::error.http_status == 400);
    constexpr auto& req = awsq::wire<DescribeClustersRequest>::members;
    CHECK(awsq::list_member_name(member(req, "TagKeys")->shape) == "TagKey");
    CHECK(awsq::list_member_name(member(req, "TagValues")->shape) == "TagValue");
    SUBCASE("MaxRecords is botocore's IntegerOptional: the 20..100 shape is DescribeTableRestoreStatus's alone") {
        const auto* m = member(req, "MaxRecords");
        REQUIRE(m);
        CHECK(m->shape->name == "IntegerOptional");
        CHECK_FALSE(m->shape->min);
        CHECK_FALSE(m->shape->max);
    }
}

TEST_CASE("redshift model: parse_response of a DescribeClusters page is botocore's parse") {
    // Expected: botocore's QueryParser on the same body, ResponseMetadata cut to the RequestId.
    const auto r = awsq::parse_response<DescribeClusters>(200, R"(<DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
  <DescribeClustersResult>
    <Clusters>
      <Cluster>
        <ClusterIdentifier>analytics</ClusterIdentifier>
        <NodeType>ra3.xlplus</NodeType>
        <ClusterStatus>available</ClusterStatus>
        <ClusterAvailabilityStatus>Available</ClusterAvailabilityStatus>
        <MasterUsername>awsuser</MasterUsername>
        <DBName>dev</DBName>
        <Endpoint>
          <Address>analytics.cxyz.us-east-1.redshift.amazonaws.com</Address>
          <Port>5439</Port>
          <VpcEndpoints/>
        </Endpoint>
        <ClusterCreateTime>2024-01-15T08:00:00.250Z</ClusterCreateTime>
        <AutomatedSnapshotRetentionPeriod>1</AutomatedSnapshotRetentionPeriod>
        <ManualSnapshotRetentionPeriod>-1</ManualSnapshotRetentionPeriod>
        <VpcSecurityGroups>
          <VpcSecurityGroup>
            <VpcSecurityGroupId>sg-0a1b</VpcSecurityGroupId>
            <Status>active</Status>
          </VpcSecurityGroup>
        </VpcSecurityGroups>
        <ClusterParameterGroups>
          <ClusterParameterGroup>
            <ParameterGroupName>default.redshift-1.0</ParameterGroupName>
            <ParameterApplyStatus>in-sync</ParameterApplyStatus>
            <ClusterParameterStatusList>
              <member><ParameterName>enable_user_activity_logging</ParameterName><ParameterApplyStatus>in-sync</ParameterApplyStatus></member>
            </ClusterParameterStatusList>
          </ClusterParameterGroup>
        </ClusterParameterGroups>
        <PendingModifiedValues/>
        <AllowVersionUpgrade>true</AllowVersionUpgrade>
        <NumberOfNodes>2</NumberOfNodes>
        <PubliclyAccessible>false</PubliclyAccessible>
        <Encrypted>true</Encrypted>
        <ClusterNodes>
          <member><NodeRole>LEADER</NodeRole><PrivateIPAddress>10.0.0.10</PrivateIPAddress></member>
          <member><NodeRole>COMPUTE-0</NodeRole><PrivateIPAddress>10.0.0.11</PrivateIPAddress></member>
        </ClusterNodes>
        <Tags>
          <Tag><Key>env</Key><Value>prod</Value></Tag>
        </Tags>
        <IamRoles>
          <ClusterIamRole><IamRoleArn>arn:aws:iam::123456789012:role/copy</IamRoleArn><ApplyStatus>in-sync</ApplyStatus></ClusterIamRole>
        </IamRoles>
        <PendingActions><member>resize</member></PendingActions>
        <SnapshotScheduleState>ACTIVE</SnapshotScheduleState>
        <TotalStorageCapacityInMegaBytes>33554432000</TotalStorageCapacityInMegaBytes>
        <AquaConfiguration><AquaStatus>disabled</AquaStatus><AquaConfigurationStatus>auto</AquaConfigurationStatus></AquaConfiguration>
        <MultiAZ>Disabled</MultiAZ>
      </Cluster>
    </Clusters>
  </DescribeClustersResult>
  <ResponseMetadata>
    <RequestId>3f0e5d1c-2b4a-4c6d-9e8f-0a1b2c3d4e5f</RequestId>
  </ResponseMetadata>
</DescribeClustersResponse>
)");
    if (!r) FAIL(r.error().message());
    CHECK(boost::json::serialize(awsq::to_json(*r)) ==
          R"({"Clusters":[{"ClusterIdentifier":"analytics","NodeType":"ra3.xlplus","ClusterStatus":"available",)"
          R"("ClusterAvailabilityStatus":"Available","MasterUsername":"awsuser","DBName":"dev",)"
          R"("Endpoint":{"Address":"analytics.cxyz.us-east-1.redshift.amazonaws.com","Port":5439,"VpcEndpoints":[]},)"
          R"("ClusterCreateTime":"2024-01-15T08:00:00.250000Z","AutomatedSnapshotRetentionPeriod":1,)"
          R"("ManualSnapshotRetentionPeriod":-1,"VpcSecurityGroups":[{"VpcSecurityGroupId":"sg-0a1b","Status":"active"}],)"
          R"("ClusterParameterGroups":[{"ParameterGroupName":"default.redshift-1.0","ParameterApplyStatus":"in-sync",)"
          R"("ClusterParameterStatusList":[{"ParameterName":"enable_user_activity_logging","ParameterApplyStatus":"in-sync"}]}],)"
          R"("PendingModifiedValues":{},"AllowVersionUpgrade":true,"NumberOfNodes":2,"PubliclyAccessible":false,)"
          R"("Encrypted":true,"ClusterNodes":[{"NodeRole":"LEADER","PrivateIPAddress":"10.0.0.10"},)"
          R"({"NodeRole":"COMPUTE-0","PrivateIPAddress":"10.0.0.11"}],"Tags":[{"Key":"env","Value":"prod"}],)"
          R"("IamRoles":[{"IamRoleArn":"arn:aws:iam::123456789012:role/copy","ApplyStatus":"in-sync"}],)"
          R"("PendingActions":["resize"],"SnapshotScheduleState":"ACTIVE","TotalStorageCapacityInMegaBytes":33554432000,)"
          R"("AquaConfiguration":{"AquaStatus":"disabled","AquaConfigurationStatus":"auto"},"MultiAZ":"Disabled"}],)"
          R"("ResponseMetadata":{"RequestId":"3f0e5d1c-2b4a-4c6d-9e8f-0a1b2c3d4e5f"}})");
    CHECK_FALSE(r->output.Marker.has_value());  // the last page
}

TEST_CASE("redshift model: ClusterNotFound over the wire is the modeled fault of DescribeClusters") {
    const auto r = awsq::parse_response<DescribeClusters>(404, R"(<ErrorResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
  <Error>
    <Type>Sender</Type>
    <Code>ClusterNotFound</Code>
    <Message>Cluster nope not found.</Message>
  </Error>
  <RequestId>5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d</RequestId>
</ErrorResponse>
)");
    REQUIRE(r.has_error());
    CHECK(r.error().is<ClusterNotFoundFault>());
    CHECK(r.error().service().http_status == 404);
}
