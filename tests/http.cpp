// awsq/http.hpp: the unsigned HTTP request of a call: POST / on the service's regional host, form body.
#include <awsq/http.hpp>
#include <awsq/querytest.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {
using content = std::pair<std::string, std::string>;
}

TEST_CASE("http: POST / on <endpoint prefix>.<region>.amazonaws.com with the form body") {
    SUBCASE("rds") {
        const auto r = awsq::to_http_request<awsq::rds::DescribeExportTasks>({.MaxRecords = 20}, "us-east-1");
        REQUIRE(r.has_value());
        CHECK(r->method == "POST");
        CHECK(r->host == "rds.us-east-1.amazonaws.com");
        CHECK(r->path == "/");
        CHECK(r->headers == awsq::http_headers{content{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}});
        CHECK(r->body == "Action=DescribeExportTasks&Version=2014-10-31&MaxRecords=20");
    }
    SUBCASE("redshift") {
        const auto r = awsq::to_http_request<awsq::redshift::DescribeTableRestoreStatus>(
            {.ClusterIdentifier = "c 1"}, "eu-west-3");
        REQUIRE(r.has_value());
        CHECK(r->host == "redshift.eu-west-3.amazonaws.com");
        CHECK(r->body == "Action=DescribeTableRestoreStatus&Version=2012-12-01&ClusterIdentifier=c+1");
    }
    SUBCASE("an operation without input") {
        const auto r = awsq::to_http_request<awsq::querytest::Ping>({}, "ap-southeast-2");
        REQUIRE(r.has_value());
        CHECK(r->host == "querytest.ap-southeast-2.amazonaws.com");
        CHECK(r->body == "Action=Ping&Version=2020-01-01");
    }
}

TEST_CASE("http: an invalid request is refused with every problem") {
    const auto r = awsq::to_http_request<awsq::rds::DescribeExportTasks>(
        {.Filters = std::vector<awsq::rds::Filter>{{}}}, "us-east-1");
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == awsq::error_kind::invalid_request);
    CHECK(r.error().message() == "DescribeExportTasksRequest.Filters[0].Name: required member is missing\n"
                                 "DescribeExportTasksRequest.Filters[0].Values: required member is missing");
}

TEST_CASE("http: a region that is not a host-name label is a configuration error") {
    auto refusal = [](std::string_view region) {
        const auto r = awsq::to_http_request<awsq::rds::DescribeExportTasks>({}, region);
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::configuration);
        return r.error().message();
    };
    SUBCASE("empty") {
        CHECK(refusal("") == R"(region: "" is not a region name (lowercase letters, digits and '-'))");
    }
    SUBCASE("upper case") {
        CHECK(refusal("US-EAST-1") == R"(region: "US-EAST-1" is not a region name (lowercase letters, digits and '-'))");
    }
    SUBCASE("a host or path smuggled in") {
        CHECK(refusal("x.evil.com/") == R"(region: "x.evil.com/" is not a region name (lowercase letters, digits and '-'))");
    }
    SUBCASE("a dash at either end") {
        CHECK(refusal("-us") == R"(region: "-us" is not a region name (lowercase letters, digits and '-'))");
    }
}

TEST_CASE("http: an absent idempotency token is a fresh UUID; one the caller set is kept") {
    // botocore's client does the same before serializing (handlers.generate_idempotent_uuid);
    // to_query, like botocore's serializer, writes only what the request holds.
    using Op = awsq::querytest::StartJob;
    const auto token_of = [](const awsq::http_request& r) {
        const auto at = r.body.find("ClientToken=");
        REQUIRE(at != std::string::npos);
        return r.body.substr(at + 12, 36);
    };
    const auto first = awsq::to_http_request<Op>({.JobName = "j"}, "us-east-1");
    const auto second = awsq::to_http_request<Op>({.JobName = "j"}, "us-east-1");
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK(first->body.starts_with("Action=StartJob&Version=2020-01-01&ClientToken="));
    CHECK(first->body.ends_with("&JobName=j"));
    const std::string uuid = token_of(*first);
    CHECK(first->body.size() == std::string("Action=StartJob&Version=2020-01-01&ClientToken=&JobName=j").size() + 36);
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        CAPTURE(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) CHECK(uuid[i] == '-');
        else CHECK(std::string_view("0123456789abcdef").find(uuid[i]) != std::string_view::npos);
    }
    CHECK(uuid[14] == '4');                                            // version 4
    CHECK(std::string_view("89ab").find(uuid[19]) != std::string_view::npos);  // RFC 4122 variant
    CHECK(token_of(*second) != uuid);

    const auto kept = awsq::to_http_request<Op>({.ClientToken = "retry-7", .JobName = "j"}, "us-east-1");
    REQUIRE(kept.has_value());
    CHECK(kept->body == "Action=StartJob&Version=2020-01-01&ClientToken=retry-7&JobName=j");
    CHECK(awsq::to_query<Op>({.JobName = "j"}).value() == "Action=StartJob&Version=2020-01-01&JobName=j");
}
