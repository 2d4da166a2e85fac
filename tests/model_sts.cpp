// Generated <awsq/sts.hpp>: AssumeRole, AssumeRoleWithWebIdentity and GetCallerIdentity, on botocore's wire.
#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/response.hpp>
#include <awsq/sts.hpp>
#include <awsq/traits.hpp>
#include <awsq/validate.hpp>

#include <doctest/doctest.h>

#include <boost/json/serialize.hpp>
#include <boost/mp11.hpp>

#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using namespace awsq::sts;
using boost::mp11::mp_list;
using str = std::optional<std::string>;

static_assert(std::is_same_v<operations, mp_list<AssumeRole, AssumeRoleWithWebIdentity, GetCallerIdentity>>);
static_assert(std::is_same_v<AssumeRole::input_type, AssumeRoleRequest>);
static_assert(std::is_same_v<AssumeRole::output_type, AssumeRoleResponse>);
static_assert(std::is_same_v<AssumeRole::errors, mp_list<MalformedPolicyDocumentException, PackedPolicyTooLargeException,
                                                         RegionDisabledException, ExpiredTokenException>>);
static_assert(std::is_same_v<AssumeRoleWithWebIdentity::errors,
                             mp_list<MalformedPolicyDocumentException, PackedPolicyTooLargeException,
                                     IDPRejectedClaimException, IDPCommunicationErrorException,
                                     InvalidIdentityTokenException, ExpiredTokenException, RegionDisabledException>>);
static_assert(std::is_same_v<GetCallerIdentity::errors, mp_list<>>);
static_assert(std::is_same_v<decltype(AssumeRoleRequest::DurationSeconds), std::optional<std::int32_t>>);
static_assert(std::is_same_v<decltype(AssumeRoleRequest::Tags), std::optional<std::vector<Tag>>>);
static_assert(std::is_same_v<decltype(Credentials::Expiration), std::optional<awsq::timestamp>>);
static_assert(std::is_same_v<decltype(GetCallerIdentityResponse::Account), str>);
static_assert(boost::mp11::mp_size<awsq::members_of<GetCallerIdentityRequest>>::value == 0);

constexpr const awsq::member_facts* member(std::span<const awsq::member_facts> members, std::string_view name) {
    for (const auto& m : members)
        if (m.name == name) return &m;
    return nullptr;
}

template <class Op>
awsq::response<Op> read(std::string_view body) {
    auto r = awsq::parse_response<Op>(200, body);
    if (!r) FAIL(r.error().message());
    return std::move(*r);
}

std::string json(const auto& value) { return boost::json::serialize(awsq::to_json(value)); }

template <class T>
std::vector<std::string> problems(const T& request) {
    std::vector<std::string> out;
    for (const auto& p : awsq::validate(request)) out.push_back(p.text());
    return out;
}

using texts = std::vector<std::string>;

}  // namespace

TEST_CASE("sts model: descriptors carry the model's service and operation facts") {
    CHECK(AssumeRole::name == "AssumeRole");
    CHECK(AssumeRole::result_wrapper == "AssumeRoleResult");
    CHECK(AssumeRoleWithWebIdentity::result_wrapper == "AssumeRoleWithWebIdentityResult");
    CHECK(GetCallerIdentity::result_wrapper == "GetCallerIdentityResult");
    CHECK(GetCallerIdentity::http_method == "POST");
    CHECK(GetCallerIdentity::request_uri == "/");
    CHECK(service.api_version == "2011-06-15");
    CHECK(service.endpoint_prefix == "sts");
    CHECK(service.signing_name == "sts");
    CHECK(service.service_id == "STS");
    CHECK(service.xml_namespace == "https://sts.amazonaws.com/doc/2011-06-15/");
    CHECK(service.protocol == "query");
}

TEST_CASE("sts model: error shapes carry their wire codes and HTTP status") {
    // The code on the wire is not always the shape's name (IDPRejectedClaim, MalformedPolicyDocument).
    CHECK(awsq::wire<IDPRejectedClaimException>::error.code == "IDPRejectedClaim");
    CHECK(awsq::wire<IDPRejectedClaimException>::error.http_status == 403);
    CHECK(awsq::wire<IDPCommunicationErrorException>::error.code == "IDPCommunicationError");
    CHECK(awsq::wire<InvalidIdentityTokenException>::error.code == "InvalidIdentityToken");
    CHECK(awsq::wire<MalformedPolicyDocumentException>::error.code == "MalformedPolicyDocument");
    CHECK(awsq::wire<PackedPolicyTooLargeException>::error.code == "PackedPolicyTooLarge");
    CHECK(awsq::wire<ExpiredTokenException>::error.code == "ExpiredTokenException");
    CHECK(awsq::wire<ExpiredTokenException>::error.http_status == 400);
    CHECK(awsq::wire<RegionDisabledException>::error.code == "RegionDisabledException");
    CHECK(awsq::wire<RegionDisabledException>::error.http_status == 403);
    CHECK(awsq::wire<RegionDisabledException>::error.sender_fault);
}

TEST_CASE("sts model: to_query of AssumeRole is botocore's body") {
    // Expected: botocore's QuerySerializer on the same parameters (given in model member order).
    const AssumeRoleRequest request{
        .RoleArn = "arn:aws:iam::123456789012:role/demo",
        .RoleSessionName = "awsq-session@x.y",
        .PolicyArns = std::vector<PolicyDescriptorType>{{.arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
        .DurationSeconds = 3600,
        .Tags = std::vector<Tag>{{.Key = "team", .Value = "data eng"}, {.Key = "env", .Value = "prod/eu"}},
    };
    const auto body = awsq::to_query<AssumeRole>(request);
    REQUIRE(body.has_value());
    CHECK(*body ==
          "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
          "&RoleSessionName=awsq-session%40x.y"
          "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&DurationSeconds=3600"
          "&Tags.member.1.Key=team&Tags.member.1.Value=data+eng&Tags.member.2.Key=env&Tags.member.2.Value=prod%2Feu");
}

TEST_CASE("sts model: to_query of AssumeRoleWithWebIdentity and GetCallerIdentity are botocore's bodies") {
    SUBCASE("AssumeRoleWithWebIdentity") {
        const auto body = awsq::to_query<AssumeRoleWithWebIdentity>({
            .RoleArn = "arn:aws:iam::123456789012:role/web",
            .RoleSessionName = "app",
            .WebIdentityToken = "eyJ0eXAi.payload.sig",
        });
        REQUIRE(body.has_value());
        CHECK(*body == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
                       "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fweb&RoleSessionName=app"
                       "&WebIdentityToken=eyJ0eXAi.payload.sig");
    }
    SUBCASE("GetCallerIdentity: no parameters") {
        const auto body = awsq::to_query<GetCallerIdentity>({});
        REQUIRE(body.has_value());
        CHECK(*body == "Action=GetCallerIdentity&Version=2011-06-15");
    }
}

TEST_CASE("sts model: parse_response of an AssumeRoleResponse is botocore's parse") {
    // Expected: botocore's QueryParser on the same body, ResponseMetadata cut to the RequestId.
    const auto r = read<AssumeRole>(R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>build-bot</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/awsq-session</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:awsq-session</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>FwoGZXIvYXdzEBYaDHqa0AP+/+/EXAMPLE==</SessionToken>
      <Expiration>2024-06-01T13:34:41.123Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
)");
    CHECK(json(r) ==
          R"({"Credentials":{"AccessKeyId":"ASIAIOSFODNN7EXAMPLE",)"
          R"("SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",)"
          R"("SessionToken":"FwoGZXIvYXdzEBYaDHqa0AP+/+/EXAMPLE==","Expiration":"2024-06-01T13:34:41.123000Z"},)"
          R"("AssumedRoleUser":{"AssumedRoleId":"AROA3XFRBF535PLBIFPI4:awsq-session",)"
          R"("Arn":"arn:aws:sts::123456789012:assumed-role/demo/awsq-session"},"PackedPolicySize":6,)"
          R"("SourceIdentity":"build-bot","ResponseMetadata":{"RequestId":"c6104cbe-af31-11e0-8154-cbc7ccf896c7"}})");
    REQUIRE(r.output.Credentials);
    CHECK(*r.output.Credentials->Expiration ==
          awsq::timestamp{std::chrono::sys_days{std::chrono::June / 1 / 2024} + std::chrono::hours{13} +
                          std::chrono::minutes{34} + std::chrono::milliseconds{41'123}});
}

TEST_CASE("sts model: parse_response of an AssumeRoleWithWebIdentityResponse is botocore's parse") {
    const auto r = read<AssumeRoleWithWebIdentity>(
        R"(<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:apps:reporter</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/web/app</Arn>
      <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:app</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2024-06-01T23:00:23Z</Expiration>
      <AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
    <Provider>https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
)");
    CHECK(json(r) ==
          R"({"Credentials":{"AccessKeyId":"ASgeIAIOSFODNN7EXAMPLE",)"
          R"("SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",)"
          R"("SessionToken":"AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE","Expiration":"2024-06-01T23:00:23Z"},)"
          R"("SubjectFromWebIdentityToken":"system:serviceaccount:apps:reporter",)"
          R"("AssumedRoleUser":{"AssumedRoleId":"AROACLKWSDQRAOEXAMPLE:app",)"
          R"("Arn":"arn:aws:sts::123456789012:assumed-role/web/app"},)"
          R"("Provider":"https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",)"
          R"("Audience":"sts.amazonaws.com","ResponseMetadata":{"RequestId":"ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE"}})");
    CHECK_FALSE(r.output.PackedPolicySize.has_value());
}

TEST_CASE("sts model: parse_response of a GetCallerIdentityResponse is botocore's parse") {
    const auto r = read<GetCallerIdentity>(R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/awsq-tester</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
)");
    CHECK(json(r) == R"({"UserId":"AIDACKCEVSQ6C2EXAMPLE","Account":"123456789012",)"
                     R"("Arn":"arn:aws:iam::123456789012:user/awsq-tester",)"
                     R"("ResponseMetadata":{"RequestId":"01234567-89ab-cdef-0123-456789abcdef"}})");
    CHECK(r.request_id == "01234567-89ab-cdef-0123-456789abcdef");
}

TEST_CASE("sts model: a modeled error of AssumeRoleWithWebIdentity is told apart by its wire code") {
    const auto r = awsq::parse_response<AssumeRoleWithWebIdentity>(403, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>IDPRejectedClaim</Code>
    <Message>Incorrect token audience</Message>
  </Error>
  <RequestId>7e1a3c55-0b2d-4f6e-9a8b-1c2d3e4f5a6b</RequestId>
</ErrorResponse>
)");
    REQUIRE(r.has_error());
    CHECK(r.error().is<IDPRejectedClaimException>());
    CHECK(r.error().service().code == "IDPRejectedClaim");
    CHECK(r.error().service().message == "Incorrect token audience");
    CHECK(r.error().service().request_id == "7e1a3c55-0b2d-4f6e-9a8b-1c2d3e4f5a6b");
}

TEST_CASE("sts model: validation of AssumeRole follows the model's constraints") {
    const std::string arn = "arn:aws:iam::123456789012:role/demo";
    SUBCASE("RoleArn and RoleSessionName are required") {
        CHECK(problems(AssumeRoleRequest{}) == texts{"AssumeRoleRequest.RoleArn: required member is missing",
                                                     "AssumeRoleRequest.RoleSessionName: required member is missing"});
        CHECK(problems(AssumeRoleWithWebIdentityRequest{.RoleArn = arn, .RoleSessionName = "app"}) ==
              texts{"AssumeRoleWithWebIdentityRequest.WebIdentityToken: required member is missing"});
    }
    SUBCASE("RoleSessionName is 2 to 64 characters (botocore checks only the minimum)") {
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = "a"}) ==
              texts{"AssumeRoleRequest.RoleSessionName: length 1 is below the minimum 2"});
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = std::string(65, 's')}) ==
              texts{"AssumeRoleRequest.RoleSessionName: length 65 is above the maximum 64"});
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = "ab"}) == texts{});
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = std::string(64, 's')}) == texts{});
    }
    SUBCASE("the RoleSessionName pattern [\\w+=,.@-]* is the model's but checked by neither awsq nor botocore") {
        constexpr auto& req = awsq::wire<AssumeRoleRequest>::members;
        CHECK(member(req, "RoleSessionName")->shape->name == "roleSessionNameType");
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = "has space!"}) == texts{});
    }
    SUBCASE("DurationSeconds is 900 to 43200; RoleArn at least 20 characters; at most 50 tags") {
        CHECK(problems(AssumeRoleRequest{.RoleArn = "short", .RoleSessionName = "aa", .DurationSeconds = 100}) ==
              texts{"AssumeRoleRequest.RoleArn: length 5 is below the minimum 20",
                    "AssumeRoleRequest.DurationSeconds: 100 is below the minimum 900"});
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = "aa", .DurationSeconds = 43201}) ==
              texts{"AssumeRoleRequest.DurationSeconds: 43201 is above the maximum 43200"});
        CHECK(problems(AssumeRoleRequest{.RoleArn = arn, .RoleSessionName = "aa",
                                         .Tags = std::vector<Tag>(51, Tag{.Key = "k", .Value = "v"})}) ==
              texts{"AssumeRoleRequest.Tags: length 51 is above the maximum 50"});
    }
    SUBCASE("to_query refuses an invalid request with no body") {
        const auto body = awsq::to_query<AssumeRole>({.RoleArn = arn, .RoleSessionName = "a"});
        REQUIRE(body.has_error());
        CHECK(body.error().kind() == awsq::error_kind::invalid_request);
    }
}
