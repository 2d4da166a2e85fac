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

TEST_CASE("http: a region that is not a host-name label is refused") {
    auto refusal = [](std::string_view region) {
        const auto r = awsq::to_http_request<awsq::rds::DescribeExportTasks>({}, region);
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::invalid_request);
        return r.error().message();
    };
    SUBCASE("empty") {
        CHECK(refusal("") == R"(region "" is not a region name (lowercase letters, digits and '-'))");
    }
    SUBCASE("upper case") {
        CHECK(refusal("US-EAST-1") == R"(region "US-EAST-1" is not a region name (lowercase letters, digits and '-'))");
    }
    SUBCASE("a host or path smuggled in") {
        CHECK(refusal("x.evil.com/") == R"(region "x.evil.com/" is not a region name (lowercase letters, digits and '-'))");
    }
    SUBCASE("a dash at either end") {
        CHECK(refusal("-us") == R"(region "-us" is not a region name (lowercase letters, digits and '-'))");
    }
}
