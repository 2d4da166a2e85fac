// Generated <awsq/rds.hpp>: every field of the DescribeExportTasks reference page, typed and described; DescribeDBInstances.
#include <awsq/json.hpp>
#include <awsq/rds.hpp>
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

using namespace awsq::rds;
using boost::mp11::mp_list;
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
static_assert(std::is_same_v<operations, boost::mp11::mp_list<DescribeDBInstances, DescribeExportTasks>>);

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
    CHECK(DescribeExportTasks::paginator.limit_key == "MaxRecords");
    CHECK(DescribeExportTasks::paginator.more_results.empty());
    SUBCASE("every token and key is listed as botocore writes it") {
        constexpr auto p = DescribeExportTasks::paginator;
        CHECK(p.input_tokens.size() == 1);
        CHECK(p.input_tokens[0] == "Marker");
        CHECK(p.output_tokens.size() == 1);
        CHECK(p.output_tokens[0] == "Marker");
        CHECK(p.result_keys.size() == 1);
        CHECK(p.result_keys[0] == "ExportTasks");
        CHECK(p.non_aggregate_keys.empty());
    }
    SUBCASE("and resolved to the members it reads") {
        using paths = DescribeExportTasks::paginator_paths;
        CHECK(std::is_same_v<paths::input_tokens, mp_list<awsq::path<&DescribeExportTasksMessage::Marker>>>);
        CHECK(std::is_same_v<paths::limit_key, awsq::path<&DescribeExportTasksMessage::MaxRecords>>);
        CHECK(std::is_same_v<paths::output_tokens, mp_list<awsq::path<&ExportTasksMessage::Marker>>>);
        CHECK(std::is_same_v<paths::result_keys, mp_list<awsq::path<&ExportTasksMessage::ExportTasks>>>);
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

// DescribeDBInstances: botocore's facts, brought over unchanged.
static_assert(std::is_same_v<DescribeDBInstances::input_type, DescribeDBInstancesMessage>);
static_assert(std::is_same_v<DescribeDBInstances::output_type, DBInstanceMessage>);
static_assert(std::is_same_v<DescribeDBInstances::errors, boost::mp11::mp_list<DBInstanceNotFoundFault>>);
static_assert(std::is_same_v<decltype(DescribeDBInstancesRequest::Filters), std::optional<std::vector<Filter>>>);
static_assert(std::is_same_v<decltype(DBInstanceMessage::DBInstances), std::optional<std::vector<DBInstance>>>);
static_assert(std::is_same_v<decltype(DBInstance::Endpoint), std::optional<Endpoint>>);
static_assert(std::is_same_v<decltype(DBInstance::MultiAZ), std::optional<bool>>);
static_assert(std::is_same_v<decltype(DBInstance::ReplicaMode), std::optional<awsq::open_enum<ReplicaMode>>>);
static_assert(mp_size<awsq::members_of<DBInstance>>::value > 52);  // past Boost.Describe's own limit

TEST_CASE("rds model: DescribeDBInstances descriptor and paginator carry botocore's facts") {
    using Op = DescribeDBInstances;
    CHECK(Op::name == "DescribeDBInstances");
    CHECK(Op::result_wrapper == "DescribeDBInstancesResult");
    CHECK(Op::paginator.input_tokens.size() == 1);
    CHECK(Op::paginator.input_tokens[0] == "Marker");
    CHECK(Op::paginator.output_tokens.size() == 1);
    CHECK(Op::paginator.output_tokens[0] == "Marker");
    CHECK(Op::paginator.limit_key == "MaxRecords");
    CHECK(Op::paginator.result_keys.size() == 1);
    CHECK(Op::paginator.result_keys[0] == "DBInstances");
    CHECK(std::is_same_v<Op::paginator_paths::result_keys, mp_list<awsq::path<&DBInstanceMessage::DBInstances>>>);
    CHECK(Op::paginator.more_results.empty());
    CHECK(Op::paginator.non_aggregate_keys.empty());
    constexpr auto e = awsq::wire<DBInstanceNotFoundFault>::error;
    CHECK(e.code == "DBInstanceNotFound");
    CHECK(e.http_status == 404);
    CHECK(e.sender_fault);
    SUBCASE("MaxRecords is botocore's IntegerOptional: no range, unlike DescribeExportTasks'") {
        const auto* m = member(awsq::wire<DescribeDBInstancesRequest>::members, "MaxRecords");
        REQUIRE(m);
        CHECK(m->shape->name == "IntegerOptional");
        CHECK_FALSE(m->shape->min);
        CHECK_FALSE(m->shape->max);
    }
}

TEST_CASE("rds model: parse_response of a two-instance DescribeDBInstances page is botocore's parse") {
    // Expected: botocore's QueryParser on the same body, ResponseMetadata cut to the RequestId.
    const auto r = awsq::parse_response<DescribeDBInstances>(200, R"(<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <DescribeDBInstancesResult>
    <Marker>page-2-token</Marker>
    <DBInstances>
      <DBInstance>
        <DBInstanceIdentifier>orders-primary</DBInstanceIdentifier>
        <DBInstanceClass>db.r6g.large</DBInstanceClass>
        <Engine>postgres</Engine>
        <DBInstanceStatus>available</DBInstanceStatus>
        <MasterUsername>admin</MasterUsername>
        <DBName>orders</DBName>
        <Endpoint>
          <Address>orders-primary.abc123.eu-west-1.rds.amazonaws.com</Address>
          <Port>5432</Port>
          <HostedZoneId>Z29XKXDKYMONMX</HostedZoneId>
        </Endpoint>
        <AllocatedStorage>100</AllocatedStorage>
        <InstanceCreateTime>2023-03-14T09:26:53.589Z</InstanceCreateTime>
        <BackupRetentionPeriod>7</BackupRetentionPeriod>
        <DBSecurityGroups/>
        <VpcSecurityGroups>
          <VpcSecurityGroupMembership>
            <VpcSecurityGroupId>sg-0123456789abcdef0</VpcSecurityGroupId>
            <Status>active</Status>
          </VpcSecurityGroupMembership>
        </VpcSecurityGroups>
        <DBParameterGroups>
          <DBParameterGroup>
            <DBParameterGroupName>default.postgres15</DBParameterGroupName>
            <ParameterApplyStatus>in-sync</ParameterApplyStatus>
          </DBParameterGroup>
        </DBParameterGroups>
        <DBSubnetGroup>
          <DBSubnetGroupName>private</DBSubnetGroupName>
          <VpcId>vpc-0abc</VpcId>
          <Subnets>
            <Subnet>
              <SubnetIdentifier>subnet-1</SubnetIdentifier>
              <SubnetAvailabilityZone><Name>eu-west-1a</Name></SubnetAvailabilityZone>
              <SubnetStatus>Active</SubnetStatus>
            </Subnet>
            <Subnet>
              <SubnetIdentifier>subnet-2</SubnetIdentifier>
              <SubnetAvailabilityZone><Name>eu-west-1b</Name></SubnetAvailabilityZone>
              <SubnetStatus>Active</SubnetStatus>
            </Subnet>
          </Subnets>
          <SupportedNetworkTypes><member>IPV4</member></SupportedNetworkTypes>
        </DBSubnetGroup>
        <PendingModifiedValues>
          <MasterUserPassword>****</MasterUserPassword>
        </PendingModifiedValues>
        <MultiAZ>true</MultiAZ>
        <EngineVersion>15.4</EngineVersion>
        <ReadReplicaDBInstanceIdentifiers>
          <ReadReplicaDBInstanceIdentifier>orders-replica</ReadReplicaDBInstanceIdentifier>
        </ReadReplicaDBInstanceIdentifiers>
        <Iops>3000</Iops>
        <PubliclyAccessible>false</PubliclyAccessible>
        <StorageType>gp3</StorageType>
        <StorageEncrypted>true</StorageEncrypted>
        <DBInstanceArn>arn:aws:rds:eu-west-1:123456789012:db:orders-primary</DBInstanceArn>
        <EnabledCloudwatchLogsExports><member>postgresql</member><member>upgrade</member></EnabledCloudwatchLogsExports>
        <TagList>
          <Tag><Key>team</Key><Value>data</Value></Tag>
        </TagList>
        <ActivityStreamStatus>stopped</ActivityStreamStatus>
        <CertificateDetails>
          <CAIdentifier>rds-ca-rsa2048-g1</CAIdentifier>
          <ValidTill>2025-03-14T09:25:00Z</ValidTill>
        </CertificateDetails>
      </DBInstance>
      <DBInstance>
        <DBInstanceIdentifier>orders-replica</DBInstanceIdentifier>
        <DBInstanceClass>db.r6g.large</DBInstanceClass>
        <Engine>postgres</Engine>
        <DBInstanceStatus>creating</DBInstanceStatus>
        <ReadReplicaSourceDBInstanceIdentifier>orders-primary</ReadReplicaSourceDBInstanceIdentifier>
        <StatusInfos>
          <DBInstanceStatusInfo>
            <StatusType>read replication</StatusType>
            <Normal>true</Normal>
            <Status>replicating</Status>
          </DBInstanceStatusInfo>
        </StatusInfos>
        <MultiAZ>false</MultiAZ>
        <ReplicaMode>open-read-only</ReplicaMode>
        <DBInstanceArn>arn:aws:rds:eu-west-1:123456789012:db:orders-replica</DBInstanceArn>
      </DBInstance>
    </DBInstances>
  </DescribeDBInstancesResult>
  <ResponseMetadata>
    <RequestId>9f1c2b3a-0000-4d5e-8f90-a1b2c3d4e5f6</RequestId>
  </ResponseMetadata>
</DescribeDBInstancesResponse>
)");
    if (!r) FAIL(r.error().message());
    CHECK(boost::json::serialize(awsq::to_json(*r)) ==
          R"({"Marker":"page-2-token","DBInstances":[{"DBInstanceIdentifier":"orders-primary",)"
          R"("DBInstanceClass":"db.r6g.large","Engine":"postgres","DBInstanceStatus":"available",)"
          R"("MasterUsername":"admin","DBName":"orders","Endpoint":{"Address":"orders-primary.abc123.eu-west-1.rds.amazonaws.com",)"
          R"("Port":5432,"HostedZoneId":"Z29XKXDKYMONMX"},"AllocatedStorage":100,)"
          R"("InstanceCreateTime":"2023-03-14T09:26:53.589000Z","BackupRetentionPeriod":7,"DBSecurityGroups":[],)"
          R"("VpcSecurityGroups":[{"VpcSecurityGroupId":"sg-0123456789abcdef0","Status":"active"}],)"
          R"("DBParameterGroups":[{"DBParameterGroupName":"default.postgres15","ParameterApplyStatus":"in-sync"}],)"
          R"("DBSubnetGroup":{"DBSubnetGroupName":"private","VpcId":"vpc-0abc","Subnets":[{"SubnetIdentifier":"subnet-1",)"
          R"("SubnetAvailabilityZone":{"Name":"eu-west-1a"},"SubnetStatus":"Active"},{"SubnetIdentifier":"subnet-2",)"
          R"("SubnetAvailabilityZone":{"Name":"eu-west-1b"},"SubnetStatus":"Active"}],"SupportedNetworkTypes":["IPV4"]},)"
          R"("PendingModifiedValues":{"MasterUserPassword":"****"},"MultiAZ":true,"EngineVersion":"15.4",)"
          R"("ReadReplicaDBInstanceIdentifiers":["orders-replica"],"Iops":3000,"PubliclyAccessible":false,)"
          R"("StorageType":"gp3","StorageEncrypted":true,"DBInstanceArn":"arn:aws:rds:eu-west-1:123456789012:db:orders-primary",)"
          R"("EnabledCloudwatchLogsExports":["postgresql","upgrade"],"TagList":[{"Key":"team","Value":"data"}],)"
          R"("ActivityStreamStatus":"stopped","CertificateDetails":{"CAIdentifier":"rds-ca-rsa2048-g1",)"
          R"("ValidTill":"2025-03-14T09:25:00Z"}},{"DBInstanceIdentifier":"orders-replica","DBInstanceClass":"db.r6g.large",)"
          R"("Engine":"postgres","DBInstanceStatus":"creating","MultiAZ":false,)"
          R"("ReadReplicaSourceDBInstanceIdentifier":"orders-primary","ReplicaMode":"open-read-only",)"
          R"("StatusInfos":[{"StatusType":"read replication","Normal":true,"Status":"replicating"}],)"
          R"("DBInstanceArn":"arn:aws:rds:eu-west-1:123456789012:db:orders-replica"}],)"
          R"("ResponseMetadata":{"RequestId":"9f1c2b3a-0000-4d5e-8f90-a1b2c3d4e5f6"}})");
    REQUIRE(r->output.DBInstances);
    REQUIRE(r->output.DBInstances->size() == 2);
    CHECK(*r->output.DBInstances->at(1).ReplicaMode == ReplicaMode::open_read_only);
    CHECK(*r->output.Marker == "page-2-token");
}

TEST_CASE("rds model: DBInstanceNotFound over the wire is the modeled fault of DescribeDBInstances") {
    const auto r = awsq::parse_response<DescribeDBInstances>(404, R"(<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <Error>
    <Type>Sender</Type>
    <Code>DBInstanceNotFound</Code>
    <Message>DBInstance nope not found.</Message>
  </Error>
  <RequestId>0c6d2a34-1e5f-4b7a-8c9d-0e1f2a3b4c5d</RequestId>
</ErrorResponse>
)");
    REQUIRE(r.has_error());
    CHECK(r.error().is<DBInstanceNotFoundFault>());
    CHECK(r.error().message() == "DBInstanceNotFound: DBInstance nope not found.");
}
