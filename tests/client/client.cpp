// awsq::client against a local server: the README's example, the headers a call sends, endpoint
// overrides in their order, configuration errors and thread sharing.
#include "../support/http_server.hpp"

#include <awsq/client.hpp>
#include <awsq/rds.hpp>
#include <awsq/sts.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::string_view secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

std::string header(const awsq::http_request& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
        if (awsq::detail::iequals(k, name)) return v;
    return {};
}

/// A fake of STS and RDS behind one endpoint: answers by the Action of the body, records requests.
struct fake_aws {
    std::mutex lock;
    std::vector<awsq::http_request> seen;
    awsq::test::http_server server{[this](const awsq::http_request& r) { return answer(r); }};

    awsq::http_response answer(const awsq::http_request& r) {
        {
            std::lock_guard g(lock);
            seen.push_back(r);
        }
        if (r.body.find("Action=GetCallerIdentity") != std::string::npos)
            return {200, {{"x-amzn-RequestId", "req-sts"}}, R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>)"};
        if (r.body.find("Action=DescribeDBInstances") != std::string::npos) {
            const bool second = r.body.find("Marker=page-2") != std::string::npos;
            std::string body = "<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances>";
            body += second ? "<DBInstance><DBInstanceIdentifier>db-3</DBInstanceIdentifier></DBInstance>"
                           : "<DBInstance><DBInstanceIdentifier>db-1</DBInstanceIdentifier></DBInstance>"
                             "<DBInstance><DBInstanceIdentifier>db-2</DBInstanceIdentifier></DBInstance>";
            body += "</DBInstances>";
            if (!second) body += "<Marker>page-2</Marker>";
            body += "</DescribeDBInstancesResult></DescribeDBInstancesResponse>";
            return {200, {}, body};
        }
        return {400, {}, R"(<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>no</Message></Error><RequestId>x</RequestId></ErrorResponse>)"};
    }
    std::string url() { return "http://" + server.host(); }
};

awsq::environment env(std::map<std::string, std::string, std::less<>> vars = {}) {
    vars.try_emplace("AWS_CONFIG_FILE", "/nonexistent/awsq-test-config");
    vars.try_emplace("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/awsq-test-credentials");
    vars.try_emplace("AWS_EC2_METADATA_DISABLED", "true");
    return awsq::environment::from_map(std::move(vars));
}

const awsq::credentials keys{"AKIDEXAMPLE", std::string(secret)};

}  // namespace

TEST_CASE("client: the README's example, against a local server") {
    fake_aws aws;
    auto client = awsq::client::from_environment({.region = "eu-west-1", .endpoint_url = aws.url(),
                                                  .credentials = keys, .environment = env()}).value();
    std::ostringstream out;
    auto me = awsq::call<awsq::sts::GetCallerIdentity>(client, {});
    if (me) out << *me->output.Arn << '\n';
    for (auto& db : awsq::paginate_items<awsq::rds::DescribeDBInstances>(client, {}, {.page_size = 20}))
        if (db) out << *db->DBInstanceIdentifier << '\n';
    CHECK(out.str() == "arn:aws:iam::123456789012:user/dev\ndb-1\ndb-2\ndb-3\n");
    REQUIRE(me);
    CHECK(me->request_id == "req-sts");
    REQUIRE(aws.seen.size() == 3);
    CHECK(aws.seen[1].body.find("MaxRecords=20") != std::string::npos);
}

TEST_CASE("client: a call sends botocore's headers, signed for the endpoint's scope") {
    fake_aws aws;
    auto client = awsq::client::from_environment({.region = "eu-west-1", .endpoint_url = aws.url(),
                                                  .credentials = keys, .environment = env()}).value();
    REQUIRE(awsq::call<awsq::sts::GetCallerIdentity>(client, {}));
    REQUIRE(awsq::call<awsq::sts::GetCallerIdentity>(client, {}));
    const auto& r = aws.seen.at(0);
    CHECK(r.method == "POST");
    CHECK(r.path == "/");
    CHECK(header(r, "Content-Type") == "application/x-www-form-urlencoded; charset=utf-8");
    CHECK(header(r, "User-Agent").starts_with("awsq/"));
    CHECK(header(r, "amz-sdk-request") == "attempt=1; max=3");
    CHECK(header(r, "Content-Length") == std::to_string(r.body.size()));
    CHECK(header(r, "X-Amz-Date").size() == 16);
    const auto auth = header(r, "Authorization");
    CHECK(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    CHECK(auth.find("/eu-west-1/sts/aws4_request") != std::string::npos);
    CHECK(auth.find("SignedHeaders=content-type;host;x-amz-date,") != std::string::npos);
    // One invocation id per call.
    const auto id = header(r, "amz-sdk-invocation-id");
    CHECK(id.size() == 36);
    CHECK(id != header(aws.seen.at(1), "amz-sdk-invocation-id"));
    for (const auto& seen : aws.seen)
        for (const auto& [k, v] : seen.headers) CHECK(v.find(secret) == std::string::npos);
}

TEST_CASE("client: endpoint overrides in the AWS SDKs' order") {
    const awsq::client_options base{.region = "eu-west-1", .credentials = keys};
    auto host_of = [&](awsq::client_options options) {
        auto c = awsq::client::from_environment(std::move(options));
        REQUIRE_MESSAGE(c, c.error().message());
        auto e = c->endpoint_for(awsq::rds::service);
        REQUIRE_MESSAGE(e, e.error().message());
        CHECK(e->signing_region == "eu-west-1");
        CHECK(e->signing_name == "rds");
        return e->scheme + "://" + e->host;
    };
    auto with = [&](std::map<std::string, std::string, std::less<>> vars, std::optional<std::string> url = {}) {
        auto o = base;
        o.environment = env(std::move(vars));
        o.endpoint_url = std::move(url);
        return o;
    };
    CHECK(host_of(with({})) == "https://rds.eu-west-1.amazonaws.com");
    CHECK(host_of(with({{"AWS_USE_FIPS_ENDPOINT", "true"}})) == "https://rds-fips.eu-west-1.amazonaws.com");
    CHECK(host_of(with({{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"}})) == "http://127.0.0.1:1");
    CHECK(host_of(with({{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"}, {"AWS_ENDPOINT_URL_RDS", "http://127.0.0.1:2"}}))
          == "http://127.0.0.1:2");
    CHECK(host_of(with({{"AWS_ENDPOINT_URL_RDS", "http://127.0.0.1:2"}}, "https://localhost:3"))
          == "https://localhost:3");
    CHECK(host_of(with({{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}}))
          == "https://rds.eu-west-1.amazonaws.com");
    // Another service's variable does not apply.
    CHECK(host_of(with({{"AWS_ENDPOINT_URL_STS", "http://127.0.0.1:4"}})) == "https://rds.eu-west-1.amazonaws.com");
    auto bad = awsq::client::from_environment(with({{"AWS_USE_FIPS_ENDPOINT", "yes"}}));
    REQUIRE(!bad);
    CHECK(bad.error().kind() == awsq::error_kind::configuration);
    CHECK(bad.error().message().find("AWS_USE_FIPS_ENDPOINT") != std::string::npos);
}

TEST_CASE("client: response limits are the client's, and a body past one is a parse error, not retried") {
    fake_aws aws;
    auto client = awsq::client::from_environment({.region = "eu-west-1", .endpoint_url = aws.url(), .credentials = keys,
                                                  .environment = env(), .response_limits = {.max_depth = 2}})
                      .value();
    const auto r = awsq::call<awsq::sts::GetCallerIdentity>(client, {});
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == awsq::error_kind::parse);
    CHECK(r.error().message() == "GetCallerIdentityResult: not XML: elements nested too deeply at line 2");
    CHECK(aws.seen.size() == 1);
    CHECK(client.response_limits().max_depth == 2);
    // The default takes every real response.
    auto plain = awsq::client::from_environment({.region = "eu-west-1", .endpoint_url = aws.url(), .credentials = keys,
                                                 .environment = env()}).value();
    CHECK(awsq::call<awsq::sts::GetCallerIdentity>(plain, {}).has_value());
}

TEST_CASE("client: no region and no credentials are configuration errors") {
    SUBCASE("region") {
        auto c = awsq::client::from_environment({.credentials = keys, .environment = env()});
        REQUIRE(!c);
        CHECK(c.error().kind() == awsq::error_kind::configuration);
        CHECK(c.error().message().find("region") != std::string::npos);
    }
    SUBCASE("credentials") {
        auto c = awsq::client::from_environment({.region = "us-east-1", .environment = env()});
        REQUIRE(!c);
        CHECK(c.error().kind() == awsq::error_kind::configuration);
    }
    SUBCASE("the region from the environment") {
        auto c = awsq::client::from_environment(
            {.credentials = keys, .environment = env({{"AWS_REGION", "ap-south-1"}, {"AWS_DEFAULT_REGION", "x"}})});
        REQUIRE(c);
        CHECK(c->region() == "ap-south-1");
    }
}

TEST_CASE("client: a transport failure names the URL and no secret, after the attempts allowed") {
    auto c = awsq::client::from_environment({.region = "us-east-1", .endpoint_url = "http://127.0.0.1:9",
                                             .credentials = keys, .environment = env(),
                                             .sleep = [](std::chrono::microseconds) {}}).value();
    auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
    REQUIRE(!r);
    CHECK(r.error().kind() == awsq::error_kind::transport);
    CHECK(r.error().failure() == awsq::transport_failure::refused);
    CHECK(r.error().attempts() == 3);
    CHECK(r.error().message().find("http://127.0.0.1:9/") != std::string::npos);
    CHECK(r.error().message().ends_with(" (after 3 attempts, the most allowed)"));
    CHECK(r.error().message().find(secret) == std::string::npos);
}

TEST_CASE("client: eight threads share one client and one connection pool") {
    fake_aws aws;
    const auto c = awsq::client::from_environment({.region = "us-east-1", .endpoint_url = aws.url(),
                                                   .credentials = keys, .environment = env()}).value();
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i)
                if (auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {}); r && r->output.Arn) ++ok;
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 160);
    CHECK(aws.server.connections() <= 8);
}
