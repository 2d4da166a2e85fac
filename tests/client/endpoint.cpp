// awsq/endpoint.hpp: partition endpoints, global services, FIPS and dual-stack, endpoint URLs, the override variable.
#include <awsq/endpoint.hpp>
#include <awsq/http.hpp>
#include <awsq/rds/describe_export_tasks.hpp>
#include <awsq/rds/service.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

constexpr awsq::service_facts facts(std::string_view name, std::string_view id, std::string_view prefix,
                                    std::string_view signing_name = {}) {
    return {name, id, "2000-01-01", prefix, signing_name, "v4", "", "query"};
}

constexpr auto rds = facts("rds", "RDS", "rds", "rds");
constexpr auto iam = facts("iam", "IAM", "iam");
constexpr auto sts = facts("sts", "STS", "sts");
constexpr auto ses = facts("ses", "SES", "email", "ses");
constexpr auto cloudwatch = facts("cloudwatch", "CloudWatch", "monitoring");
constexpr auto sdb = facts("sdb", "SimpleDB", "sdb");
constexpr auto sns = facts("sns", "SNS", "sns");
constexpr auto importexport = facts("importexport", "ImportExport", "importexport");
constexpr auto elbv2 = facts("elbv2", "Elastic Load Balancing v2", "elasticloadbalancing");

/// "scheme://host path signing-region/signing-name", or the error's message.
std::string resolved(const awsq::service_facts& service, std::string_view region, awsq::endpoint_options options = {}) {
    const auto r = awsq::resolve_endpoint(service, region, options);
    if (!r) return "error " + r.error().message();
    return r->scheme + "://" + r->host + r->path + " " + r->signing_region + "/" + r->signing_name;
}

std::string from_url(std::string_view url, const awsq::service_facts& service = rds, std::string_view region = "us-east-1") {
    const auto r = awsq::endpoint_from_url(url, service, region);
    if (!r) {
        CHECK(r.error().kind() == awsq::error_kind::configuration);
        return "error " + r.error().message();
    }
    return r->scheme + " " + r->host + " [" + r->path + "] " + r->signing_region + "/" + r->signing_name;
}

constexpr awsq::endpoint_options fips{.use_fips = true};
constexpr awsq::endpoint_options dual_stack{.use_dualstack = true};
constexpr awsq::endpoint_options both{.use_fips = true, .use_dualstack = true};

}  // namespace

TEST_CASE("endpoint: <prefix>.<region>.<partition's DNS suffix>, signed for the region") {
    SUBCASE("aws") { CHECK(resolved(rds, "us-east-1") == "https://rds.us-east-1.amazonaws.com us-east-1/rds"); }
    SUBCASE("aws-cn") { CHECK(resolved(rds, "cn-north-1") == "https://rds.cn-north-1.amazonaws.com.cn cn-north-1/rds"); }
    SUBCASE("aws-us-gov") {
        CHECK(resolved(rds, "us-gov-west-1") == "https://rds.us-gov-west-1.amazonaws.com us-gov-west-1/rds");
    }
    SUBCASE("aws-iso") { CHECK(resolved(rds, "us-iso-east-1") == "https://rds.us-iso-east-1.c2s.ic.gov us-iso-east-1/rds"); }
    SUBCASE("aws-iso-b") {
        CHECK(resolved(rds, "us-isob-east-1") == "https://rds.us-isob-east-1.sc2s.sgov.gov us-isob-east-1/rds");
    }
    SUBCASE("aws-iso-e") {
        CHECK(resolved(rds, "eu-isoe-west-1") == "https://rds.eu-isoe-west-1.cloud.adc-e.uk eu-isoe-west-1/rds");
    }
    SUBCASE("aws-iso-f") {
        CHECK(resolved(rds, "us-isof-south-1") == "https://rds.us-isof-south-1.csp.hci.ic.gov us-isof-south-1/rds");
    }
    SUBCASE("aws-eusc") {
        CHECK(resolved(rds, "eusc-de-east-1") == "https://rds.eusc-de-east-1.amazonaws.eu eusc-de-east-1/rds");
    }
    SUBCASE("a region only the partition's pattern claims") {
        CHECK(resolved(rds, "cn-south-3") == "https://rds.cn-south-3.amazonaws.com.cn cn-south-3/rds");
        CHECK(resolved(rds, "us-gov-north-4") == "https://rds.us-gov-north-4.amazonaws.com us-gov-north-4/rds");
        CHECK(resolved(rds, "us-isob-west-9") == "https://rds.us-isob-west-9.sc2s.sgov.gov us-isob-west-9/rds");
    }
    SUBCASE("a region no partition claims is aws's, as in botocore") {
        CHECK(resolved(rds, "nowhere") == "https://rds.nowhere.amazonaws.com nowhere/rds");
        CHECK(resolved(rds, "eusc-fr-east-1") == "https://rds.eusc-fr-east-1.amazonaws.com eusc-fr-east-1/rds");
    }
    SUBCASE("the signing name is the model's signingName, else the endpoint prefix") {
        CHECK(resolved(ses, "eu-west-1") == "https://email.eu-west-1.amazonaws.com eu-west-1/ses");
        CHECK(resolved(cloudwatch, "eu-west-1") == "https://monitoring.eu-west-1.amazonaws.com eu-west-1/monitoring");
        CHECK(resolved(elbv2, "eu-west-1") ==
              "https://elasticloadbalancing.eu-west-1.amazonaws.com eu-west-1/elasticloadbalancing");
    }
    SUBCASE("the generated service facts") {
        CHECK(resolved(awsq::rds::service, "eu-central-2") == "https://rds.eu-central-2.amazonaws.com eu-central-2/rds");
    }
}

TEST_CASE("endpoint: FIPS and dual-stack variants") {
    SUBCASE("FIPS") { CHECK(resolved(rds, "us-east-1", fips) == "https://rds-fips.us-east-1.amazonaws.com us-east-1/rds"); }
    SUBCASE("dual-stack") { CHECK(resolved(rds, "us-east-1", dual_stack) == "https://rds.us-east-1.api.aws us-east-1/rds"); }
    SUBCASE("both") { CHECK(resolved(rds, "us-east-1", both) == "https://rds-fips.us-east-1.api.aws us-east-1/rds"); }
    SUBCASE("dual-stack in aws-cn") {
        CHECK(resolved(rds, "cn-northwest-1", dual_stack) ==
              "https://rds.cn-northwest-1.api.amazonwebservices.com.cn cn-northwest-1/rds");
    }
    SUBCASE("GovCloud's regional endpoints are FIPS endpoints already") {
        CHECK(resolved(rds, "us-gov-west-1", fips) == "https://rds.us-gov-west-1.amazonaws.com us-gov-west-1/rds");
        CHECK(resolved(rds, "us-gov-west-1", both) == "https://rds-fips.us-gov-west-1.api.aws us-gov-west-1/rds");
        CHECK(resolved(cloudwatch, "us-gov-east-1", both) ==
              "https://monitoring.us-gov-east-1.api.aws us-gov-east-1/monitoring");
        CHECK(resolved(sns, "us-gov-east-1", fips) == "https://sns.us-gov-east-1.amazonaws.com us-gov-east-1/sns");
        CHECK(resolved(sns, "us-gov-north-4", fips) == "https://sns-fips.us-gov-north-4.amazonaws.com us-gov-north-4/sns");
    }
    SUBCASE("a FIPS pseudo-region is the region with FIPS on") {
        CHECK(resolved(rds, "fips-us-east-1") == "https://rds-fips.us-east-1.amazonaws.com us-east-1/rds");
        CHECK(resolved(rds, "us-east-1-fips", dual_stack) == "https://rds-fips.us-east-1.api.aws us-east-1/rds");
        CHECK(resolved(rds, "fips-us-gov-west-1") == "https://rds.us-gov-west-1.amazonaws.com us-gov-west-1/rds");
    }
}

TEST_CASE("endpoint: IAM has one endpoint per partition, signed in its region") {
    SUBCASE("aws, from any region") {
        CHECK(resolved(iam, "us-east-1") == "https://iam.amazonaws.com us-east-1/iam");
        CHECK(resolved(iam, "ap-southeast-2") == "https://iam.amazonaws.com us-east-1/iam");
        CHECK(resolved(iam, "aws-global") == "https://iam.amazonaws.com us-east-1/iam");
        CHECK(resolved(iam, "eu-west-1", fips) == "https://iam-fips.amazonaws.com us-east-1/iam");
        CHECK(resolved(iam, "eu-west-1", dual_stack) == "https://iam.global.api.aws us-east-1/iam");
        CHECK(resolved(iam, "eu-west-1", both) == "https://iam-fips.global.api.aws us-east-1/iam");
    }
    SUBCASE("aws-cn") {
        CHECK(resolved(iam, "cn-northwest-1") == "https://iam.cn-north-1.amazonaws.com.cn cn-north-1/iam");
        CHECK(resolved(iam, "cn-north-1", dual_stack) == "https://iam.global.api.amazonwebservices.com.cn cn-north-1/iam");
        CHECK(resolved(iam, "cn-north-1", fips) == "https://iam-fips.amazonaws.com.cn cn-northwest-1/iam");
    }
    SUBCASE("aws-us-gov") {
        CHECK(resolved(iam, "us-gov-east-1") == "https://iam.us-gov.amazonaws.com us-gov-west-1/iam");
        CHECK(resolved(iam, "us-gov-east-1", fips) == "https://iam.us-gov.amazonaws.com us-gov-west-1/iam");
        CHECK(resolved(iam, "us-gov-west-1", dual_stack) == "https://iam.us-gov.api.aws us-gov-west-1/iam");
    }
    SUBCASE("the iso partitions and aws-eusc") {
        CHECK(resolved(iam, "us-iso-west-1") == "https://iam.us-iso-east-1.c2s.ic.gov us-iso-east-1/iam");
        CHECK(resolved(iam, "us-iso-west-1", fips) == "https://iam-fips.us-iso-east-1.c2s.ic.gov us-iso-east-1/iam");
        CHECK(resolved(iam, "us-isob-east-1") == "https://iam.us-isob-east-1.sc2s.sgov.gov us-isob-east-1/iam");
        CHECK(resolved(iam, "eu-isoe-west-1") == "https://iam.eu-isoe-west-1.cloud.adc-e.uk eu-isoe-west-1/iam");
        CHECK(resolved(iam, "us-isof-east-1") == "https://iam.us-isof-south-1.csp.hci.ic.gov us-isof-south-1/iam");
        CHECK(resolved(iam, "eusc-de-east-1") == "https://iam.eusc-de-east-1.amazonaws.eu eusc-de-east-1/iam");
        CHECK(resolved(iam, "eu-isoe-west-1", fips) == "https://iam-fips.cloud.adc-e.uk eu-isoe-west-1/iam");
    }
}

TEST_CASE("endpoint: STS is regional; aws-global is sts.amazonaws.com signed us-east-1") {
    CHECK(resolved(sts, "us-east-1") == "https://sts.us-east-1.amazonaws.com us-east-1/sts");
    CHECK(resolved(sts, "eu-west-1") == "https://sts.eu-west-1.amazonaws.com eu-west-1/sts");
    CHECK(resolved(sts, "aws-global") == "https://sts.amazonaws.com us-east-1/sts");
    CHECK(resolved(sts, "cn-north-1") == "https://sts.cn-north-1.amazonaws.com.cn cn-north-1/sts");
    // botocore builds this host from the rule set and signs it with endpoints.json's aws-global scope.
    CHECK(resolved(sts, "aws-global", fips) == "https://sts-fips.aws-global.amazonaws.com us-east-1/sts");
    CHECK(resolved(sts, "us-gov-west-1", fips) == "https://sts.us-gov-west-1.amazonaws.com us-gov-west-1/sts");
}

TEST_CASE("endpoint: the other exceptions of the query services' rule sets") {
    SUBCASE("SimpleDB in us-east-1") {
        CHECK(resolved(sdb, "us-east-1") == "https://sdb.amazonaws.com us-east-1/sdb");
        CHECK(resolved(sdb, "us-east-1", fips) == "https://sdb-fips.us-east-1.amazonaws.com us-east-1/sdb");
        CHECK(resolved(sdb, "us-west-2") == "https://sdb.us-west-2.amazonaws.com us-west-2/sdb");
    }
    SUBCASE("Import/Export is global in aws, signed as IngestionService") {
        CHECK(resolved(importexport, "eu-west-1") == "https://importexport.amazonaws.com us-east-1/IngestionService");
        CHECK(resolved(importexport, "us-gov-west-1") ==
              "https://importexport.us-gov-west-1.amazonaws.com us-gov-west-1/importexport");
    }
}

TEST_CASE("endpoint: a region that is not a region name is a configuration error naming it") {
    auto refusal = [](std::string_view region) {
        const auto r = awsq::resolve_endpoint(rds, region);
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::configuration);
        return r.error().message();
    };
    CHECK(refusal("US-EAST-1") == R"(region: "US-EAST-1" is not a region name (lowercase letters, digits and '-'))");
    CHECK(refusal("") == R"(region: "" is not a region name (lowercase letters, digits and '-'))");
    CHECK(refusal("us_east_1").starts_with(R"(region: "us_east_1" is not)"));
    CHECK(refusal("us-east-1.evil.com").starts_with(R"(region: "us-east-1.evil.com" is not)"));
    CHECK(refusal("123").starts_with(R"(region: "123" is not)"));       // botocore refuses all digits
    CHECK(refusal("us-").starts_with(R"(region: "us-" is not)"));
    // A FIPS pseudo-region around nothing (found by fuzzing: it made the host "rds-fips..api.aws").
    CHECK(refusal("fips--fips").starts_with(R"(region: "fips--fips" is not)"));
    CHECK(refusal(std::string(64, 'a')).starts_with("region: \"aaaa"));   // longer than a host label
    CHECK(resolved(rds, std::string(63, 'a')).starts_with("https://rds.aaaa"));
}

TEST_CASE("endpoint: an endpoint URL keeps the service's signing name and the client's region") {
    SUBCASE("a port that is not the scheme's default stays in the host") {
        CHECK(from_url("http://127.0.0.1:5000") == "http 127.0.0.1:5000 [] us-east-1/rds");
        CHECK(from_url("https://localhost:8443/") == "https localhost:8443 [/] us-east-1/rds");
        CHECK(from_url("http://h:443") == "http h:443 [] us-east-1/rds");
    }
    SUBCASE("the scheme's default port is dropped; scheme and host are lowercased") {
        CHECK(from_url("http://h:80/") == "http h [/] us-east-1/rds");
        CHECK(from_url("HTTPS://Rds.Example.COM:0443/a/B") == "https rds.example.com [/a/B] us-east-1/rds");
        CHECK(from_url("http://h:/") == "http h [/] us-east-1/rds");
    }
    SUBCASE("IPv6") {
        CHECK(from_url("http://[::1]:8080/") == "http [::1]:8080 [/] us-east-1/rds");
        CHECK(from_url("https://[2001:DB8::1]") == "https [2001:db8::1] [] us-east-1/rds");
    }
    SUBCASE("the signature is the service's own in the region, never the endpoint's") {
        CHECK(from_url("http://h:1", iam, "cn-north-1") == "http h:1 [] cn-north-1/iam");
        CHECK(from_url("http://h:1", iam, "us-west-2") == "http h:1 [] us-west-2/iam");
        CHECK(from_url("http://h:1", sts, "aws-global") == "http h:1 [] aws-global/sts");
        CHECK(from_url("http://h:1", importexport, "us-east-1") == "http h:1 [] us-east-1/IngestionService");
        CHECK(from_url("http://h:1", rds, "fips-us-gov-west-1") == "http h:1 [] us-gov-west-1/rds");
        CHECK(from_url("http://h:1", ses, "eu-west-1") == "http h:1 [] eu-west-1/ses");
    }
    SUBCASE("the region is checked too") {
        CHECK(from_url("http://h:1", rds, "Bad_Region").starts_with(R"(error region: "Bad_Region" is not)"));
    }
}

TEST_CASE("endpoint: a bad endpoint URL is a configuration error naming it") {
    CHECK(from_url("ftp://h/") == R"(error endpoint URL "ftp://h/": the scheme must be http or https)");
    CHECK(from_url("localhost:5000") ==
          R"(error endpoint URL "localhost:5000": is not a URL: expected http://host[:port][/path])");
    CHECK(from_url("http://") == R"(error endpoint URL "http://": has no host)");
    CHECK(from_url("http:///x") == R"(error endpoint URL "http:///x": has no host)");
    CHECK(from_url("http://h:99999") == R"(error endpoint URL "http://h:99999": the port must be a number from 0 to 65535)");
    CHECK(from_url("http://h:8a/") == R"(error endpoint URL "http://h:8a/": the port must be a number from 0 to 65535)");
    CHECK(from_url("http://h_x/") == R"(error endpoint URL "http://h_x/": the host is not a host name )"
                                     R"((letters, digits, '-' and '.') or a bracketed IPv6 address)");
    CHECK(from_url("http://a..b/").starts_with(R"(error endpoint URL "http://a..b/": the host is not)"));
    CHECK(from_url("http://[::1/").starts_with(R"(error endpoint URL "http://[::1/": the host is not)"));
    CHECK(from_url("http://h/a?b=c") ==
          R"(error endpoint URL "http://h/a?b=c": a query or fragment is not supported in an endpoint URL)");
    CHECK(from_url("http://h/a b") == R"(error endpoint URL "http://h/a b": holds a space, a control character )"
                                      R"(or a non-ASCII byte (percent-encode it))");
    CHECK(from_url("http://h\n/") == "error endpoint URL \"http://h?/\": holds a space, a control character "
                                     "or a non-ASCII byte (percent-encode it)");
    SUBCASE("user information is refused and never shown") {
        const std::string message = from_url("https://admin:hunter2@h:8443/");
        CHECK(message == R"(error endpoint URL "https://***@h:8443/": user information (user:password@) is not )"
                         R"(supported in an endpoint URL)");
        CHECK(message.find("hunter2") == std::string::npos);
    }
}

TEST_CASE("endpoint: AWS_ENDPOINT_URL_<serviceId upper-cased, spaces as '_'>") {
    CHECK(awsq::endpoint_env_name(rds) == "AWS_ENDPOINT_URL_RDS");
    CHECK(awsq::endpoint_env_name(elbv2) == "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2");
    CHECK(awsq::endpoint_env_name(cloudwatch) == "AWS_ENDPOINT_URL_CLOUDWATCH");
    CHECK(awsq::endpoint_env_name(facts("autoscaling", "Auto Scaling", "autoscaling")) == "AWS_ENDPOINT_URL_AUTO_SCALING");
}

TEST_CASE("endpoint: to_http_request at an endpoint") {
    using Op = awsq::rds::DescribeExportTasks;
    SUBCASE("an endpoint URL: its scheme, host and path, the service's signing scope") {
        const auto where = awsq::endpoint_from_url("http://127.0.0.1:5000/proxy/", awsq::rds::service, "eu-west-3");
        REQUIRE(where.has_value());
        const auto r = awsq::to_http_request<Op>({.MaxRecords = 20}, *where);
        REQUIRE(r.has_value());
        CHECK(r->method == "POST");
        CHECK(r->scheme == "http");
        CHECK(r->host == "127.0.0.1:5000");
        CHECK(r->path == "/proxy/");
        CHECK(r->signing.name == "rds");
        CHECK(r->signing.region == "eu-west-3");
        CHECK(r->body == "Action=DescribeExportTasks&Version=2014-10-31&MaxRecords=20");
    }
    SUBCASE("a path without a final slash is kept as it is, as botocore joins it with \"/\"") {
        const auto r = awsq::to_http_request<Op>({}, awsq::endpoint_from_url("http://h:1/p", awsq::rds::service, "us-east-1").value());
        REQUIRE(r.has_value());
        CHECK(r->path == "/p");
    }
    SUBCASE("by region: resolved in the region's partition, signing scope filled") {
        const auto r = awsq::to_http_request<Op>({}, "cn-north-1");
        REQUIRE(r.has_value());
        CHECK(r->scheme == "https");
        CHECK(r->host == "rds.cn-north-1.amazonaws.com.cn");
        CHECK(r->path == "/");
        CHECK(r->signing.name == "rds");
        CHECK(r->signing.region == "cn-north-1");
    }
    SUBCASE("an endpoint without a host is refused") {
        const auto r = awsq::to_http_request<Op>({}, awsq::endpoint{});
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::configuration);
        CHECK(r.error().message() == "endpoint: the endpoint has no host");
    }
}
