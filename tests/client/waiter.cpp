// Waiters: awsq::wait<W> against a fake transport answering a scripted sequence, every matcher and
// state, attempts, delays (through an injected sleep) and botocore's error texts.
#include <awsq/client.hpp>
#include <awsq/rds/waiters.hpp>
#include <awsq/redshift/waiters.hpp>
#include <awsq/waiter.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

/// A DescribeDBInstances answer listing instances with the given statuses (db0, db1, ...).
awsq::http_response instances(const std::vector<std::string>& statuses) {
    std::string body = R"(<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <DescribeDBInstancesResult><DBInstances>)";
    for (std::size_t i = 0; i < statuses.size(); ++i)
        body += "<DBInstance><DBInstanceIdentifier>db" + std::to_string(i) + "</DBInstanceIdentifier><DBInstanceStatus>" +
                statuses[i] + "</DBInstanceStatus></DBInstance>";
    body += R"(</DBInstances></DescribeDBInstancesResult>
  <ResponseMetadata><RequestId>req-)" + std::to_string(statuses.size()) + R"(</RequestId></ResponseMetadata>
</DescribeDBInstancesResponse>)";
    return {200, {{"Content-Type", "text/xml"}}, body};
}

/// A query error answer.
awsq::http_response fault(int status, const std::string& code, const std::string& message) {
    return {status, {{"Content-Type", "text/xml"}},
            "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
                "</Message></Error><RequestId>err-1</RequestId></ErrorResponse>"};
}

/// A transport answering the scripted answers in turn (the last one again when they run out),
/// recording the requests; the sleeps the waiter asks for are recorded too.
struct script {
    explicit script(std::vector<awsq::http_response> scripted) : answers(std::move(scripted)) {}

    std::vector<awsq::http_response> answers;
    std::vector<awsq::http_request> requests;
    std::vector<std::chrono::microseconds> sleeps;

    auto transport() {
        return [this](const awsq::http_request& r) {
            requests.push_back(r);
            return answers[std::min(requests.size(), answers.size()) - 1];
        };
    }
    awsq::wait_options options(awsq::wait_options o = {}) {
        o.sleep = [this](std::chrono::microseconds d) { sleeps.push_back(d); };
        return o;
    }
};

std::vector<std::chrono::microseconds> times(std::size_t n, std::chrono::microseconds d) {
    return std::vector<std::chrono::microseconds>(n, d);
}

// Hand-written descriptors for what the bundled waiters do not use: status matchers, error
// matchers with true/false, retry on a path, a path expecting a boolean or a number.
using awsq::waiter_acceptor;
using awsq::waiter_matcher;
using awsq::waiter_state;

struct StatusWaiter {
    using operation = awsq::rds::DescribeDBInstances;
    static constexpr std::string_view name = "StatusWaiter";
    static constexpr std::chrono::seconds delay{2};
    static constexpr int max_attempts = 5;
    static constexpr std::array<waiter_acceptor, 2> acceptors{{
        {.matcher = waiter_matcher::status, .state = waiter_state::success, .expected = "200"},
        {.matcher = waiter_matcher::status, .state = waiter_state::retry, .expected = "404"},
    }};
};

struct AnyErrorWaiter {
    using operation = awsq::rds::DescribeDBInstances;
    static constexpr std::string_view name = "AnyErrorWaiter";
    static constexpr std::chrono::seconds delay{1};
    static constexpr int max_attempts = 4;
    static constexpr std::array<waiter_acceptor, 2> acceptors{{
        {.matcher = waiter_matcher::error, .state = waiter_state::retry, .expected = "false"},
        {.matcher = waiter_matcher::error, .state = waiter_state::success, .expected = "true"},
    }};
};

struct CountWaiter {
    using operation = awsq::rds::DescribeDBInstances;
    static constexpr std::string_view name = "CountWaiter";
    static constexpr std::chrono::seconds delay{3};
    static constexpr int max_attempts = 3;
    static constexpr std::array<waiter_acceptor, 4> acceptors{{
        {.matcher = waiter_matcher::path, .state = waiter_state::success, .argument = "length(DBInstances)",
         .expected = "2"},
        {.matcher = waiter_matcher::path, .state = waiter_state::failure, .argument = "length(DBInstances) > `2`",
         .expected = "true"},
        {.matcher = waiter_matcher::path, .state = waiter_state::retry, .argument = "DBInstances[0].DBInstanceStatus",
         .expected = "\"creating\""},
        {.matcher = waiter_matcher::error, .state = waiter_state::failure, .expected = "\"Throttling\""},
    }};
};

struct BadExpressionWaiter {
    using operation = awsq::rds::DescribeDBInstances;
    static constexpr std::string_view name = "BadExpressionWaiter";
    static constexpr std::chrono::seconds delay{1};
    static constexpr int max_attempts = 2;
    static constexpr std::array<waiter_acceptor, 2> acceptors{{
        {.matcher = waiter_matcher::error, .state = waiter_state::success, .expected = "true"},
        {.matcher = waiter_matcher::path_all, .state = waiter_state::success, .argument = "DBInstances[?",
         .expected = "1"},
    }};
};

static_assert(awsq::waiter<awsq::rds::DBInstanceAvailable>);
static_assert(awsq::waiter<StatusWaiter>);
static_assert(!awsq::waiter<awsq::rds::DescribeDBInstances>);

}  // namespace

TEST_CASE("waiter: the generated descriptors hold botocore's facts") {
    using W = awsq::rds::DBInstanceAvailable;
    static_assert(std::is_same_v<W::operation, awsq::rds::DescribeDBInstances>);
    static_assert(W::name == "DBInstanceAvailable");
    static_assert(W::delay == 30s && W::max_attempts == 60);
    static_assert(W::acceptors.size() == 6);
    static_assert(W::acceptors[0].matcher == waiter_matcher::path_all);
    static_assert(W::acceptors[0].state == waiter_state::success);
    static_assert(W::acceptors[0].argument == "DBInstances[].DBInstanceStatus");
    static_assert(W::acceptors[0].expected == "\"available\"");
    using D = awsq::rds::DBInstanceDeleted;
    static_assert(D::acceptors[0].argument == "length(DBInstances) == `0`" && D::acceptors[0].expected == "true");
    static_assert(D::acceptors[1].matcher == waiter_matcher::error && D::acceptors[1].argument.empty());
    static_assert(D::acceptors[1].expected == "\"DBInstanceNotFound\"");
    using C = awsq::redshift::ClusterAvailable;
    static_assert(std::is_same_v<C::operation, awsq::redshift::DescribeClusters>);
    static_assert(C::delay == 60s && C::max_attempts == 30);
    static_assert(C::acceptors[2].state == waiter_state::retry);
    static_assert(awsq::waiter<awsq::redshift::ClusterDeleted> && awsq::waiter<awsq::redshift::ClusterRestored>);
}

TEST_CASE("waiter: creating, modifying, available: success on the third call, after two delays") {
    script s({instances({"creating"}), instances({"modifying"}), instances({"available"})});
    auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {.DBInstanceIdentifier = "db0"}, s.options());
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(r->attempts == 3);
    REQUIRE(r->response);
    CHECK(r->response->request_id == "req-1");
    CHECK(r->response->output.DBInstances->at(0).DBInstanceStatus == "available");
    CHECK(s.sleeps == times(2, 30s));
    REQUIRE(s.requests.size() == 3);
    for (const auto& request : s.requests)
        CHECK(request.body == "Action=DescribeDBInstances&Version=2014-10-31&DBInstanceIdentifier=db0");
}

TEST_CASE("waiter: pathAll needs every element, and at least one") {
    SUBCASE("one of two available is not yet success") {
        script s({instances({"available", "creating"}), instances({"available", "available"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options());
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 2);
    }
    SUBCASE("an empty list never matches: attempts run out") {
        script s({instances({})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options({.max_attempts = 3}));
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::waiter);
        CHECK(r.error().message() == "Waiter DBInstanceAvailable failed: Max attempts exceeded");
        CHECK(s.requests.size() == 3);
        CHECK(s.sleeps == times(2, 30s));
    }
}

TEST_CASE("waiter: a failure acceptor ends the wait with botocore's explanation") {
    SUBCASE("pathAny") {
        script s({instances({"creating"}), instances({"available", "deleted"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::waiter);
        CHECK(r.error().message() ==
              "Waiter DBInstanceAvailable failed: Waiter encountered a terminal failure state: For expression "
              "\"DBInstances[].DBInstanceStatus\" we matched expected path: \"deleted\" at least once");
        CHECK(s.requests.size() == 2);
        CHECK(s.sleeps.size() == 1);
    }
    SUBCASE("path with a boolean") {
        script s({instances({"a", "b", "c"})});
        auto r = awsq::wait<CountWaiter>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().message() ==
              "Waiter CountWaiter failed: Waiter encountered a terminal failure state: For expression "
              "\"length(DBInstances) > `2`\" we matched expected path: \"True\"");
        CHECK(s.requests.size() == 1);
        CHECK(s.sleeps.empty());
    }
    SUBCASE("error") {
        script s({fault(400, "Throttling", "Rate exceeded")});
        auto r = awsq::wait<CountWaiter>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().message() ==
              "Waiter CountWaiter failed: Waiter encountered a terminal failure state: Matched expected service "
              "error code: Throttling");
    }
}

TEST_CASE("waiter: path matchers compare as python does") {
    SUBCASE("a number equals the expected number") {
        script s({instances({"creating"}), instances({"creating", "x"})});
        auto r = awsq::wait<CountWaiter>(s.transport(), {}, s.options());
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 2);
        CHECK(s.sleeps == times(1, 3s));
    }
    SUBCASE("a path that matched retry is named when attempts run out") {
        script s({instances({"creating"})});
        auto r = awsq::wait<CountWaiter>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().message() ==
              "Waiter CountWaiter failed: Max attempts exceeded. Previously accepted state: For expression "
              "\"DBInstances[0].DBInstanceStatus\" we matched expected path: \"creating\"");
        CHECK(s.requests.size() == 3);
    }
    SUBCASE("the acceptor that matched last is named, even when the last call matched none") {
        script s({instances({"creating"}), instances({"modifying"})});
        auto r = awsq::wait<CountWaiter>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().message() ==
              "Waiter CountWaiter failed: Max attempts exceeded. Previously accepted state: For expression "
              "\"DBInstances[0].DBInstanceStatus\" we matched expected path: \"creating\"");
    }
}

TEST_CASE("waiter: error matchers") {
    SUBCASE("an error code decides success: no response to return") {
        script s({instances({"deleting"}), fault(404, "DBInstanceNotFound", "DBInstance db0 not found.")});
        // DBInstanceDeleted: creating/modifying/... fail, deleting matches nothing and retries.
        auto r = awsq::wait<awsq::rds::DBInstanceDeleted>(s.transport(), {.DBInstanceIdentifier = "db0"}, s.options());
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 2);
        CHECK(!r->response);
    }
    SUBCASE("an empty list is deleted too (path, expected true)") {
        script s({instances({})});
        auto r = awsq::wait<awsq::rds::DBInstanceDeleted>(s.transport(), {}, s.options());
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 1);
        REQUIRE(r->response);
        CHECK(r->response->output.DBInstances->empty());
    }
    SUBCASE("a retry acceptor on an error code") {
        script s({fault(404, "ClusterNotFound", "Cluster c not found."),
                             {200, {}, R"(<DescribeClustersResponse><DescribeClustersResult><Clusters><Cluster>
                                 <ClusterIdentifier>c</ClusterIdentifier><ClusterStatus>available</ClusterStatus>
                                 </Cluster></Clusters></DescribeClustersResult></DescribeClustersResponse>)"}});
        auto r = awsq::wait<awsq::redshift::ClusterAvailable>(s.transport(), {.ClusterIdentifier = "c"}, s.options());
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 2);
        CHECK(s.sleeps == times(1, 60s));
    }
    SUBCASE("true: any error; false: no error") {
        script s({instances({"x"}), instances({"y"}), fault(400, "Anything", "at all")});
        auto r = awsq::wait<AnyErrorWaiter>(s.transport(), {}, s.options());
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 3);
        CHECK(!r->response);
        CHECK(s.sleeps == times(2, 1s));
    }
    SUBCASE("a service error no acceptor matches ends the wait with its code and message") {
        script s({instances({"creating"}), fault(403, "AccessDenied", "User is not authorized")});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::waiter);
        CHECK(r.error().message() ==
              "Waiter DBInstanceAvailable failed: An error occurred (AccessDenied): User is not authorized");
        CHECK(s.requests.size() == 2);
    }
}

TEST_CASE("waiter: status matchers see the error's status, and 200 for a response") {
    script s({fault(404, "DBInstanceNotFound", "not yet"), fault(404, "DBInstanceNotFound", "not yet"),
                         instances({"creating"})});
    auto r = awsq::wait<StatusWaiter>(s.transport(), {}, s.options());
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(r->attempts == 3);
    CHECK(s.sleeps == times(2, 2s));
    SUBCASE("a status no acceptor names is the service's error") {
        script t({fault(500, "InternalFailure", "oops")});
        auto e = awsq::wait<StatusWaiter>(t.transport(), {}, t.options());
        REQUIRE(!e);
        CHECK(e.error().message() == "Waiter StatusWaiter failed: An error occurred (InternalFailure): oops");
    }
}

TEST_CASE("waiter: errors other than the service's pass through unchanged") {
    SUBCASE("transport") {
        int calls = 0;
        auto failing = [&](const awsq::http_request&) -> awsq::result<awsq::http_response> {
            ++calls;
            return awsq::error::transport("connection refused", awsq::transport_failure::refused);
        };
        auto r = awsq::wait<AnyErrorWaiter>(failing, {}, {.sleep = [](auto) { FAIL("no sleep"); }});
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::transport);
        CHECK(r.error().message() == "connection refused");
        CHECK(calls == 1);
    }
    SUBCASE("invalid request") {
        script s({instances({"available"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(
            s.transport(), {.Filters = std::vector<awsq::rds::Filter>{{.Name = "engine"}}}, s.options());
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::invalid_request);
        CHECK(r.error().message() == "DescribeDBInstancesRequest.Filters[0].Values: required member is missing");
        CHECK(s.requests.empty());
    }
    SUBCASE("a malformed answer") {
        script s({{200, {}, "<DescribeDBInstancesResponse><DescribeDBInstancesResult>"}});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options());
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::parse);
    }
}

TEST_CASE("waiter: wait_options override the delay and the attempts, and are checked") {
    SUBCASE("delay and attempts") {
        script s({instances({"creating"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {},
                                                            s.options({.delay = 1500ms, .max_attempts = 4}));
        REQUIRE(!r);
        CHECK(s.requests.size() == 4);
        CHECK(s.sleeps == times(3, 1500ms));
    }
    SUBCASE("one attempt: no delay at all") {
        script s({instances({"creating"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options({.max_attempts = 1}));
        REQUIRE(!r);
        CHECK(r.error().message() == "Waiter DBInstanceAvailable failed: Max attempts exceeded");
        CHECK(s.sleeps.empty());
    }
    SUBCASE("refused") {
        script s({instances({"available"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {},
                                                            s.options({.delay = -1ms, .max_attempts = 0}));
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::invalid_request);
        CHECK(r.error().message() ==
              "wait_options.delay: -1 ms is not a delay\n"
              "wait_options.max_attempts: 0 is not a positive number of attempts");
        CHECK(s.requests.empty());
    }
    SUBCASE("the region of a plain transport") {
        script s({instances({"available"})});
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(s.transport(), {}, s.options({.call = {.region = "eu-west-3"}}));
        REQUIRE(r);
        CHECK(s.requests.at(0).host == "rds.eu-west-3.amazonaws.com");
    }
}

TEST_CASE("waiter: a descriptor whose expression does not compile is a configuration error") {
    script s({instances({"available"})});
    auto r = awsq::wait<BadExpressionWaiter>(s.transport(), {}, s.options());
    REQUIRE(!r);
    CHECK(r.error().kind() == awsq::error_kind::configuration);
    CHECK(r.error().message().starts_with("waiter BadExpressionWaiter acceptor 1: jmespath: "));
    CHECK(s.requests.empty());
}

TEST_CASE("waiter: through a client, signed, with the client's own retries") {
    script s({instances({"creating"}), fault(503, "ServiceUnavailable", "busy"), instances({"available"})});
    std::vector<std::chrono::microseconds> backoffs;
    auto c = awsq::client::from_environment({
        .region = "us-west-2",
        .credentials = awsq::credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
        .transport = [&](const awsq::http_request& r) -> awsq::result<awsq::http_response> {
            return s.transport()(r);
        },
        .environment = awsq::environment::from_map({{"AWS_CONFIG_FILE", "/nonexistent/awsq-test-config"},
                                                     {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/awsq-test-creds"}}),
        .sleep = [&](std::chrono::microseconds d) { backoffs.push_back(d); },
    });
    REQUIRE_MESSAGE(c, c.error().message());
    auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(*c, {.DBInstanceIdentifier = "db0"}, s.options());
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(r->attempts == 2);  // the 503 was retried inside the second call
    CHECK(backoffs.size() == 1);
    CHECK(s.sleeps == times(1, 30s));
    REQUIRE(s.requests.size() == 3);
    CHECK(s.requests[0].host == "rds.us-west-2.amazonaws.com");
    bool signed_ = false;
    for (const auto& [name, value] : s.requests[0].headers)
        if (name == "Authorization") signed_ = value.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
    CHECK(signed_);
}
