// Retries, timeouts and fault tolerance: the retry rules, backoff and quota, and calls through a
// client against a scripted fault server, with an injected clock, random source and sleep.
#include "../support/fault_server.hpp"
#include "../support/temp_dir.hpp"

#include <awsq/client.hpp>
#include <awsq/rds.hpp>
#include <awsq/retry.hpp>
#include <awsq/sts.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// A hand-written operation with an idempotency token (none of the bundled models has one).
namespace retry_test {
struct CreateThingRequest {
    std::optional<std::string> Name{};
    std::optional<std::string> ClientToken{};
};
AWSQ_DESCRIBE_STRUCT(CreateThingRequest, awsq::described_member<&CreateThingRequest::Name, "Name">,
                     awsq::described_member<&CreateThingRequest::ClientToken, "ClientToken">);
struct CreateThingResponse {
    std::optional<std::string> Id{};
};
AWSQ_DESCRIBE_STRUCT(CreateThingResponse, awsq::described_member<&CreateThingResponse::Id, "Id">);
struct CreateThing {
    using input_type = CreateThingRequest;
    using output_type = CreateThingResponse;
    using errors = boost::mp11::mp_list<>;
    static constexpr std::string_view name = "CreateThing";
    static constexpr const awsq::service_facts& service = awsq::sts::service;
    static constexpr std::string_view result_wrapper = "CreateThingResult";
    static constexpr std::string_view http_method = "POST";
    static constexpr std::string_view request_uri = "/";
};
}  // namespace retry_test

template <>
struct awsq::wire<retry_test::CreateThingRequest> {
    static constexpr std::string_view name = "CreateThingRequest";
    static constexpr std::array<member_facts, 2> members{{
        {.name = "Name"},
        {.name = "ClientToken", .idempotency_token = true},
    }};
};
template <>
struct awsq::wire<retry_test::CreateThingResponse> {
    static constexpr std::string_view name = "CreateThingResult";
    static constexpr std::array<member_facts, 1> members{{{.name = "Id"}}};
};

namespace {

using namespace std::chrono_literals;
using awsq::test::fault;
using awsq::test::fault_server;
using micros = std::chrono::microseconds;

constexpr std::string_view secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const awsq::credentials keys{"AKIDEXAMPLE", std::string(secret)};

const std::string identity_body = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></GetCallerIdentityResponse>)";
fault identity() { return fault::status(200, identity_body); }

awsq::environment env(std::map<std::string, std::string, std::less<>> vars = {}) {
    vars.try_emplace("AWS_CONFIG_FILE", "/nonexistent/awsq-test-config");
    vars.try_emplace("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/awsq-test-credentials");
    vars.try_emplace("AWS_EC2_METADATA_DISABLED", "true");
    return awsq::environment::from_map(std::move(vars));
}

std::string header(const awsq::http_request& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
        if (awsq::detail::iequals(k, name)) return v;
    return {};
}

/// 2026-01-01T00:00:00.500Z, the injected clock's start: half a second in, so that each backoff of
/// the tests moves the signing time to another second.
const awsq::timestamp t0 = awsq::timestamp(std::chrono::sys_days(std::chrono::year(2026) / 1 / 1)) + 500ms;

/// An injected clock, random source and sleep: sleeping moves the clock, nothing waits; every delay
/// is recorded.
struct fake_time {
    std::mutex lock;
    awsq::timestamp now = t0;
    std::vector<micros> delays;
    double random = 0.75;

    awsq::client_options options(std::string url, awsq::client_options o = {}) {
        o.region = "us-east-1";
        o.endpoint_url = std::move(url);
        o.credentials = keys;
        if (!o.environment) o.environment = env();
        o.clock = [this] {
            std::lock_guard g(lock);
            return now;
        };
        o.random = [this] { return random; };
        o.sleep = [this](micros d) {
            std::lock_guard g(lock);
            delays.push_back(d);
            now += d;
        };
        return o;
    }
    awsq::client client(std::string url, awsq::client_options o = {}) {
        auto c = awsq::client::from_environment(options(std::move(url), std::move(o)));
        REQUIRE_MESSAGE(c, c.error().message());
        return std::move(c).value();
    }
};

auto identity_call(const awsq::client& c) { return awsq::call<awsq::sts::GetCallerIdentity>(c, {}); }

}  // namespace

TEST_CASE("retry: standard mode classifies outcomes as botocore's retries/standard.py") {
    using awsq::retry_reason;
    auto answered = [](int status, std::string_view code = {}, std::string_view service = "rds") {
        awsq::attempt_outcome o;
        o.answered = true;
        o.status = status;
        o.code = code;
        o.service = service;
        return awsq::classify(awsq::retry_mode::standard, o);
    };
    auto failed = [](awsq::transport_failure why) {
        awsq::attempt_outcome o;
        o.failure = why;
        return awsq::classify(awsq::retry_mode::standard, o);
    };
    SUBCASE("transport failures") {
        CHECK(failed(awsq::transport_failure::refused) == retry_reason::transient);
        CHECK(failed(awsq::transport_failure::reset) == retry_reason::transient);
        CHECK(failed(awsq::transport_failure::closed) == retry_reason::transient);
        CHECK(failed(awsq::transport_failure::dns) == retry_reason::transient);
        CHECK(failed(awsq::transport_failure::tls) == retry_reason::transient);
        CHECK(failed(awsq::transport_failure::unknown) == retry_reason::transient);
        CHECK(failed(awsq::transport_failure::connect_timeout) == retry_reason::timeout);
        CHECK(failed(awsq::transport_failure::read_timeout) == retry_reason::timeout);
        CHECK(failed(awsq::transport_failure::permanent) == retry_reason::none);
        CHECK(failed(awsq::transport_failure::deadline) == retry_reason::none);
    }
    SUBCASE("statuses and codes") {
        for (int status : {500, 502, 503, 504}) CHECK(answered(status) == retry_reason::transient);
        for (int status : {400, 403, 404, 409, 429, 501, 509}) CHECK(answered(status) == retry_reason::none);
        for (auto code : {"RequestTimeout", "RequestTimeoutException"})
            CHECK(answered(400, code) == retry_reason::transient);
        for (auto code : {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
                          "TooManyRequestsException", "ProvisionedThroughputExceededException",
                          "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
                          "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
                          "EC2ThrottledException"})
            CHECK(answered(400, code) == retry_reason::throttling);
        CHECK(answered(404, "ExportTaskNotFound") == retry_reason::none);
        CHECK(answered(400, "ValidationError") == retry_reason::none);
        CHECK(answered(400, "IDPCommunicationError", "sts") == retry_reason::transient);
        CHECK(answered(400, "IDPCommunicationError", "rds") == retry_reason::none);
        CHECK(answered(200) == retry_reason::none);  // a 2xx that could not be read
    }
    SUBCASE("modeled errors marked retryable") {
        awsq::attempt_outcome o;
        o.answered = true;
        o.status = 400;
        o.code = "SomeModeledFault";
        o.modeled_retryable = true;
        CHECK(awsq::classify(awsq::retry_mode::standard, o) == retry_reason::transient);
        o.modeled_throttling = true;
        CHECK(awsq::classify(awsq::retry_mode::standard, o) == retry_reason::throttling);
    }
}

TEST_CASE("retry: legacy mode follows botocore's _retry.json") {
    auto answered = [](int status, std::string_view code = {}, std::string_view service = "rds") {
        awsq::attempt_outcome o;
        o.answered = true;
        o.status = status;
        o.code = code;
        o.service = service;
        return awsq::classify(awsq::retry_mode::legacy, o) != awsq::retry_reason::none;
    };
    for (int status : {429, 500, 502, 503, 504, 509}) CHECK(answered(status));
    CHECK(answered(400, "Throttling"));
    CHECK(!answered(403, "Throttling"));  // legacy codes count only with their status
    CHECK(!answered(400, "RequestLimitExceeded"));
    CHECK(answered(503, "RequestLimitExceeded", "ec2"));
    CHECK(answered(400, "IDPCommunicationError", "sts"));
    CHECK(!answered(400, "RequestTimeout"));
    CHECK(!answered(404, "ExportTaskNotFound"));
    awsq::attempt_outcome o;
    o.failure = awsq::transport_failure::read_timeout;
    CHECK(awsq::classify(awsq::retry_mode::legacy, o) == awsq::retry_reason::timeout);
}

TEST_CASE("retry: backoff is full jitter, random x min(2^(n-1), 20) s; legacy has no cap") {
    using awsq::backoff;
    using awsq::retry_mode;
    CHECK(backoff(retry_mode::standard, 1, 0.5) == 500ms);
    CHECK(backoff(retry_mode::standard, 2, 0.5) == 1s);
    CHECK(backoff(retry_mode::standard, 3, 0.25) == 1s);
    CHECK(backoff(retry_mode::standard, 6, 1.0) == 20s);
    CHECK(backoff(retry_mode::standard, 60, 1.0) == 20s);
    CHECK(backoff(retry_mode::standard, 4, 0.0) == 0s);
    CHECK(backoff(retry_mode::legacy, 4, 0.5) == 4s);
    CHECK(backoff(retry_mode::legacy, 6, 1.0) == 32s);
}

TEST_CASE("retry: the quota takes 5 or 10 units, gives them back, never below 0 nor above 500") {
    awsq::retry_quota q;
    CHECK(q.available() == 500);
    q.release(1);
    CHECK(q.available() == 500);
    CHECK(q.acquire(10));
    CHECK(q.available() == 490);
    q.release(5);
    CHECK(q.available() == 495);
    q.release(50);
    CHECK(q.available() == 500);
    int taken = 0;
    while (q.acquire(5)) ++taken;
    CHECK(taken == 100);
    CHECK(q.available() == 0);
    CHECK(!q.acquire(1));
    CHECK(q.available() == 0);
}

TEST_CASE("retry: an HTTP Date header is read as RFC 7231 writes it (by awsq::parse_rfc822)") {
    const auto d = awsq::parse_rfc822("Thu, 01 Jan 2026 01:02:03 GMT");
    REQUIRE(d);
    CHECK(*d == awsq::timestamp(std::chrono::sys_days(std::chrono::year(2026) / 1 / 1)) + 1h + 2min + 3s);
    CHECK(!awsq::parse_rfc822("Thu, 01 Jan 2026 01:02:03 PST"));
    CHECK(!awsq::parse_rfc822("Thu, 31 Feb 2026 01:02:03 GMT"));
    CHECK(!awsq::parse_rfc822("2026-01-01T00:00:00Z"));
}

TEST_CASE("retry: curl's failures are told apart for the retry decision") {
    using awsq::transport_failure;
    using awsq::detail::curl_failure;
    CHECK(curl_failure(CURLE_COULDNT_CONNECT, false) == transport_failure::refused);
    CHECK(curl_failure(CURLE_COULDNT_RESOLVE_HOST, false) == transport_failure::dns);
    CHECK(curl_failure(CURLE_OPERATION_TIMEDOUT, false) == transport_failure::connect_timeout);
    CHECK(curl_failure(CURLE_RECV_ERROR, true) == transport_failure::reset);
    CHECK(curl_failure(CURLE_GOT_NOTHING, true) == transport_failure::closed);
    CHECK(curl_failure(CURLE_PEER_FAILED_VERIFICATION, true) == transport_failure::permanent);
    CHECK(curl_failure(CURLE_URL_MALFORMAT, false) == transport_failure::permanent);
}

TEST_CASE("retry: each scripted fault is survived or reported, with its attempts and delays") {
    fake_time time;
    struct script_case {
        const char* name;
        std::vector<fault> script;
        std::size_t attempts;
        std::vector<micros> delays;
        std::string error;  // how the error's message starts; empty: the call succeeds
        awsq::retry_stop stop = awsq::retry_stop::none;
    };
    // Delays: 0.75 x 1 s, then 0.75 x 2 s.
    const std::vector<script_case> cases = {
        {"reset, then an answer", {fault::reset(), identity()}, 2, {750ms}, ""},
        {"closed without an answer, then an answer", {fault::close(), identity()}, 2, {750ms}, ""},
        {"500, 502, then an answer", {fault::status(500), fault::status(502), identity()}, 3, {750ms, 1500ms}, ""},
        {"503, 504, 503: reported after 3 attempts",
         {fault::status(503), fault::status(504), fault::status(503)}, 3, {750ms, 1500ms},
         "503: Service Unavailable (after 3 attempts, the most allowed)", awsq::retry_stop::max_attempts},
        {"Throttling three times", {fault::throttling(), fault::throttling(), fault::throttling()}, 3,
         {750ms, 1500ms}, "Throttling: Rate exceeded (after 3 attempts, the most allowed)",
         awsq::retry_stop::max_attempts},
        {"Throttling, then an answer", {fault::throttling(), identity()}, 2, {750ms}, ""},
        {"an HTML 502, then an answer", {fault::html_502(), identity()}, 2, {750ms}, ""},
        {"a validation error is not retried", {fault::error(400, "ValidationError", "bad value"), identity()}, 1, {},
         "ValidationError: bad value", awsq::retry_stop::not_retryable},
        {"a 2xx that cannot be read is not retried", {fault::status(200, "not XML"), identity()}, 1, {},
         "GetCallerIdentityResult: ",
         awsq::retry_stop::not_retryable},
        {"a 500 with an empty code is retried by its status", {fault::error(500, "  ", "oops"), identity()}, 2,
         {750ms}, ""},
    };
    for (const auto& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        fault_server server(c.script, identity());
        time.delays.clear();
        time.now = t0;
        auto client = time.client(server.url());
        auto r = identity_call(client);
        const auto log = server.log();
        CHECK(log.size() == c.attempts);
        CHECK(time.delays == c.delays);
        if (c.error.empty()) {
            REQUIRE_MESSAGE(r, r.error().message());
            CHECK(*r->output.Arn == "arn:aws:iam::123456789012:user/dev");
        } else {
            REQUIRE(!r);
            CHECK(r.error().message().starts_with(c.error));
            CHECK(r.error().attempts() == static_cast<int>(c.attempts));
            CHECK(r.error().stopped() == c.stop);
        }
        // Every attempt: the attempt header, the same invocation id, a fresh signature.
        for (std::size_t i = 0; i < log.size(); ++i) {
            CHECK(header(log[i], "amz-sdk-request") == "attempt=" + std::to_string(i + 1) + "; max=3");
            CHECK(header(log[i], "amz-sdk-invocation-id") == header(log[0], "amz-sdk-invocation-id"));
            if (i > 0) {
                CHECK(header(log[i], "X-Amz-Date") != header(log[i - 1], "X-Amz-Date"));
                CHECK(header(log[i], "Authorization") != header(log[i - 1], "Authorization"));
            }
            CHECK(log[i].body == log[0].body);
        }
    }
}

TEST_CASE("retry: a modeled fault is reported at once, as the operation's fault") {
    fake_time time;
    fault_server server({fault::error(404, "ExportTaskNotFound", "no such task")}, identity());
    auto r = awsq::call<awsq::rds::DescribeExportTasks>(time.client(server.url()), {});
    REQUIRE(!r);
    CHECK(r.error().is<awsq::rds::ExportTaskNotFoundFault>());
    CHECK(r.error().attempts() == 1);
    CHECK(r.error().stopped() == awsq::retry_stop::not_retryable);
    CHECK(r.error().message() == "ExportTaskNotFound: no such task");
    CHECK(server.log().size() == 1);
    CHECK(time.delays.empty());
}

TEST_CASE("retry: attempts keep the idempotency token and the invocation id, and are signed afresh") {
    fake_time time;
    const std::string ok =
        "<CreateThingResponse><CreateThingResult><Id>t-1</Id></CreateThingResult></CreateThingResponse>";
    fault_server server({fault::status(503), fault::reset(), fault::status(200, ok)});
    auto r = awsq::call<retry_test::CreateThing>(time.client(server.url()), {.Name = "x"});
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(*r->output.Id == "t-1");
    const auto log = server.log();
    REQUIRE(log.size() == 3);
    const auto token_at = log[0].body.find("ClientToken=");
    REQUIRE(token_at != std::string::npos);
    CHECK(log[0].body.size() == token_at + 12 + 36);  // a UUID
    for (const auto& attempt : log) CHECK(attempt.body == log[0].body);
    CHECK(header(log[0], "X-Amz-Date") == "20260101T000000Z");
    CHECK(header(log[1], "X-Amz-Date") == "20260101T000001Z");  // after 0.75 s
    CHECK(header(log[2], "X-Amz-Date") == "20260101T000002Z");  // after 1.5 s more
}

TEST_CASE("retry: amz-sdk-request carries botocore's ttl once an answer gave the service's time") {
    fake_time time;
    // The service's clock is 9.5 s ahead: not enough to be corrected.
    fault_server server(
        {fault::status(503, "", {{"Date", "Thu, 01 Jan 2026 00:00:10 GMT"}}), fault::reset(), identity()});
    REQUIRE(identity_call(time.client(server.url())));
    const auto log = server.log();
    REQUIRE(log.size() == 3);
    CHECK(header(log[0], "amz-sdk-request") == "attempt=1; max=3");
    // ttl = now (0.5 + 0.75 s) + the read timeout (60 s) + the service's lead (9.5 s) = 00:01:10.75.
    CHECK(header(log[1], "amz-sdk-request") == "ttl=20260101T000110Z; attempt=2; max=3");
    // A failure without an answer keeps the last ttl.
    CHECK(header(log[2], "amz-sdk-request") == "ttl=20260101T000110Z; attempt=3; max=3");
}

TEST_CASE("retry: a clock-skew error corrects the client's clock from the service's Date and retries") {
    fake_time time;
    SUBCASE("RequestTimeTooSkewed, the service an hour ahead") {
        fault_server server({fault::error(403, "RequestTimeTooSkewed", "too skewed",
                                          {{"Date", "Thu, 01 Jan 2026 01:00:00 GMT"}})},
                            identity());
        auto client = time.client(server.url());
        REQUIRE(identity_call(client));
        CHECK(client.clock_correction() == 3599500ms);
        REQUIRE(identity_call(client));  // the correction stays for the next calls
        const auto log = server.log();
        REQUIRE(log.size() == 3);
        CHECK(header(log[0], "X-Amz-Date") == "20260101T000000Z");
        CHECK(header(log[1], "X-Amz-Date") == "20260101T010000Z");  // 0.5 + 0.75 + 3599.5 s
        CHECK(header(log[2], "X-Amz-Date") == "20260101T010000Z");
    }
    SUBCASE("SignatureDoesNotMatch with the service's clock 3 minutes off is a real signature error") {
        fault_server server({fault::error(403, "SignatureDoesNotMatch", "no",
                                          {{"Date", "Thu, 01 Jan 2026 00:03:00 GMT"}})},
                            identity());
        auto client = time.client(server.url());
        auto r = identity_call(client);
        REQUIRE(!r);
        CHECK(r.error().service().code == "SignatureDoesNotMatch");
        CHECK(r.error().attempts() == 1);
        CHECK(client.clock_correction() == 0us);
    }
    SUBCASE("InvalidSignatureException with the service's clock 5 minutes behind") {
        fault_server server({fault::error(400, "InvalidSignatureException", "expired",
                                          {{"Date", "Wed, 31 Dec 2025 23:55:00 GMT"}})},
                            identity());
        auto client = time.client(server.url());
        REQUIRE(identity_call(client));
        CHECK(client.clock_correction() == -300500ms);
        CHECK(server.log().size() == 2);
    }
}

TEST_CASE("retry: a response slower than the read timeout is a timeout, retried at twice the quota cost") {
    fake_time time;
    fault_server server({fault::slow(5s, identity()), fault::slow(5s, identity())}, identity());
    auto client = time.client(server.url(), {.max_attempts = 2, .read_timeout = 200ms});
    const auto started = std::chrono::steady_clock::now();
    auto r = identity_call(client);
    CHECK(std::chrono::steady_clock::now() - started < 4500ms);  // about 1 s each: curl checks once a second
    REQUIRE(!r);
    CHECK(r.error().kind() == awsq::error_kind::transport);
    CHECK(r.error().failure() == awsq::transport_failure::read_timeout);
    CHECK(r.error().attempts() == 2);
    CHECK(r.error().message().find("read timeout") != std::string::npos);
    CHECK(r.error().message().ends_with("(after 2 attempts, the most allowed)"));
    CHECK(client.retry_capacity() == 490);
    CHECK(server.log().size() == 2);
    REQUIRE(identity_call(client));  // no retry: 1 unit back
    CHECK(client.retry_capacity() == 491);
}

TEST_CASE("retry: the quota refills on success, refunds a retried success, and stops retries when spent") {
    fake_time time;
    std::atomic<bool> failing{true};
    fault_server server([&](std::size_t, const awsq::http_request&) {
        return failing ? fault::status(500) : identity();
    });
    auto client = time.client(server.url());
    for (int i = 0; i < 50; ++i) {
        auto r = identity_call(client);
        REQUIRE(!r);
        CHECK(r.error().attempts() == 3);
    }
    CHECK(client.retry_capacity() == 0);
    CHECK(server.log().size() == 150);
    auto spent = identity_call(client);
    REQUIRE(!spent);
    CHECK(spent.error().attempts() == 1);
    CHECK(spent.error().stopped() == awsq::retry_stop::quota);
    CHECK(server.log().size() == 151);
    // A copy of the client shares its quota.
    const awsq::client copy = client;
    CHECK(copy.retry_capacity() == 0);
    failing = false;
    REQUIRE(identity_call(copy));
    CHECK(client.retry_capacity() == 1);
    for (int i = 0; i < 9; ++i) REQUIRE(identity_call(client));
    CHECK(client.retry_capacity() == 10);
    failing = true;
    CHECK(!identity_call(client));  // two retries: 10 units taken
    CHECK(client.retry_capacity() == 0);
}

TEST_CASE("retry: a retried success gives its retry's cost back") {
    fake_time time;
    fault_server server({fault::status(500), fault::status(500), identity(), fault::status(503), identity()},
                        identity());
    auto client = time.client(server.url());
    REQUIRE(identity_call(client));
    CHECK(client.retry_capacity() == 495);  // 2 retries taken (10), the last one's 5 given back
    REQUIRE(identity_call(client));
    CHECK(client.retry_capacity() == 495);
    REQUIRE(identity_call(client));
    CHECK(client.retry_capacity() == 496);
}

TEST_CASE("retry: the call's deadline stops a backoff that would pass it") {
    fake_time time;
    fault_server server(std::vector<fault>{}, fault::status(503));
    auto client = time.client(server.url(), {.max_attempts = 5, .deadline = 2s});
    auto r = identity_call(client);
    REQUIRE(!r);
    // 0.75 s waited; the next 1.5 s would end at 2.25 s, past the 2 s deadline.
    CHECK(time.delays == std::vector<micros>{750ms});
    CHECK(r.error().attempts() == 2);
    CHECK(r.error().stopped() == awsq::retry_stop::deadline);
    CHECK(r.error().message() == "503: Service Unavailable (after 2 attempts; the call's deadline would pass)");
    CHECK(server.log().size() == 2);
}

TEST_CASE("retry: a call never outlasts its deadline, even inside a slow attempt") {
    fault_server server({fault::slow(10s, identity())}, identity());
    auto client = awsq::client::from_environment({.region = "us-east-1", .endpoint_url = server.url(),
                                                  .credentials = keys, .environment = env(),
                                                  .read_timeout = 30s, .deadline = 700ms}).value();
    const auto started = std::chrono::steady_clock::now();
    auto r = identity_call(client);
    CHECK(std::chrono::steady_clock::now() - started < 3s);
    REQUIRE(!r);
    CHECK(r.error().failure() == awsq::transport_failure::deadline);
    CHECK(r.error().stopped() == awsq::retry_stop::deadline);
    CHECK(server.log().size() == 1);
}

TEST_CASE("retry: connection refused is retried, then reported with the attempt count") {
    fake_time time;
    std::string url;
    {
        fault_server closed(std::vector<fault>{});
        url = closed.url();
    }  // nothing listens there now
    auto r = identity_call(time.client(url));
    REQUIRE(!r);
    CHECK(r.error().failure() == awsq::transport_failure::refused);
    CHECK(r.error().attempts() == 3);
    CHECK(time.delays == std::vector<micros>{750ms, 1500ms});
    CHECK(r.error().message().find(url.substr(7)) != std::string::npos);
    CHECK(r.error().message().find(secret) == std::string::npos);
}

TEST_CASE("retry: legacy mode makes 5 attempts, uncapped backoff, no quota") {
    fake_time time;
    time.random = 0.5;
    fault_server server(std::vector<fault>{}, fault::status(429));
    auto client = time.client(server.url(), {.environment = env({{"AWS_RETRY_MODE", "legacy"}})});
    CHECK(client.retry_mode() == awsq::retry_mode::legacy);
    CHECK(client.max_attempts() == 5);
    auto r = identity_call(client);
    REQUIRE(!r);
    CHECK(r.error().attempts() == 5);
    CHECK(time.delays == std::vector<micros>{500ms, 1s, 2s, 4s});
    CHECK(client.retry_capacity() == 500);
    const auto log = server.log();
    REQUIRE(log.size() == 5);
    CHECK(header(log[4], "amz-sdk-request") == "attempt=5; max=5");
}

TEST_CASE("retry: max_attempts and retry_mode from the option, the environment, the profile") {
    awsq::test::temp_dir dir;
    const auto config = dir.write("config", "[default]\nmax_attempts = 7\nretry_mode = legacy\n"
                                            "[profile bad]\nmax_attempts = many\n"
                                            "[profile adaptive]\nretry_mode = adaptive\n");
    auto make = [&](std::map<std::string, std::string, std::less<>> vars, awsq::client_options o = {}) {
        vars["AWS_CONFIG_FILE"] = config;
        o.region = "us-east-1";
        o.credentials = keys;
        o.environment = env(std::move(vars));
        return awsq::client::from_environment(std::move(o));
    };
    auto c = make({});
    REQUIRE(c);
    CHECK(c->max_attempts() == 7);
    CHECK(c->retry_mode() == awsq::retry_mode::legacy);
    c = make({{"AWS_MAX_ATTEMPTS", "2"}, {"AWS_RETRY_MODE", "standard"}});
    REQUIRE(c);
    CHECK(c->max_attempts() == 2);
    CHECK(c->retry_mode() == awsq::retry_mode::standard);
    c = make({{"AWS_MAX_ATTEMPTS", "2"}}, {.max_attempts = 1});
    REQUIRE(c);
    CHECK(c->max_attempts() == 1);
    c = make({{"AWS_PROFILE", "adaptive"}, {"AWS_RETRY_MODE", "legacy"}});
    REQUIRE(c);
    CHECK(c->max_attempts() == 5);  // legacy's default

    auto refused = [&](std::map<std::string, std::string, std::less<>> vars, awsq::client_options o = {}) {
        auto bad = make(std::move(vars), std::move(o));
        REQUIRE(!bad);
        CHECK(bad.error().kind() == awsq::error_kind::configuration);
        return bad.error().message();
    };
    CHECK(refused({{"AWS_MAX_ATTEMPTS", "0"}}) ==
          "AWS_MAX_ATTEMPTS: expected a whole number of attempts, at least 1, got \"0\"");
    CHECK(refused({{"AWS_MAX_ATTEMPTS", "99999999999"}}).starts_with("AWS_MAX_ATTEMPTS: "));
    CHECK(refused({{"AWS_MAX_ATTEMPTS", "3x"}}).starts_with("AWS_MAX_ATTEMPTS: "));
    CHECK(refused({{"AWS_PROFILE", "bad"}}) ==
          "max_attempts: expected a whole number of attempts, at least 1, got \"many\"");
    CHECK(refused({{"AWS_RETRY_MODE", "adaptive"}}) ==
          "AWS_RETRY_MODE: expected \"standard\" or \"legacy\", got \"adaptive\"");
    CHECK(refused({{"AWS_PROFILE", "adaptive"}}) == "retry_mode: expected \"standard\" or \"legacy\", got \"adaptive\"");
    CHECK(refused({}, {.max_attempts = 0}) == "client_options.max_attempts: expected at least 1 attempt, got 0");
    CHECK(refused({}, {.read_timeout = -1ms}) == "client_options.read_timeout: cannot be negative, got -1 ms");
}

TEST_CASE("retry: an error response with an empty code says what arrived") {
    fake_time time;
    fault_server server({fault::error(400, "", "something went wrong"), fault::error(403, " ", "")});
    auto client = time.client(server.url());
    auto r = identity_call(client);
    REQUIRE(!r);
    CHECK(r.error().message() == "HTTP 400 error with an empty error code: something went wrong");
    CHECK(r.error().attempts() == 1);
    r = identity_call(client);
    REQUIRE(!r);
    CHECK(r.error().message() == "HTTP 403 error with an empty error code");
}

TEST_CASE("retry: 16 threads x 200 calls on one client through a mix of faults all end, the quota within 0..500") {
    fault_server server([](std::size_t i, const awsq::http_request&) {
        switch (i % 10) {  // 4 faults in 10 requests
            case 1: return fault::status(503);
            case 4: return fault::reset();
            case 7: return fault::throttling();
            case 9: return i % 20 == 9 ? fault::close() : fault::html_502();
            default: return identity();
        }
    });
    const auto client = awsq::client::from_environment(
        {.region = "us-east-1", .endpoint_url = server.url(), .credentials = keys, .environment = env(),
         .sleep = [](micros) {}}).value();
    std::atomic<int> ok{0}, failed{0};
    std::atomic<bool> done{false}, quota_in_range{true};
    std::thread watcher([&] {
        while (!done) {
            const int left = client.retry_capacity();
            if (left < 0 || left > 500) quota_in_range = false;
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (auto r = identity_call(client); r && r->output.Arn) ++ok;
                else ++failed;
            }
        });
    for (auto& t : threads) t.join();
    done = true;
    watcher.join();
    CHECK(ok + failed == 3200);
    CHECK(ok > 2400);  // a call fails only after 3 faults for it, or when the quota is spent
    CHECK(quota_in_range);
    CHECK(client.retry_capacity() >= 0);
    CHECK(client.retry_capacity() <= 500);
    CHECK(server.requests() >= 3200);
}

TEST_CASE("retry: before_send and after_send see each attempt, signed, and what came back") {
    fake_time time;
    fault_server server({fault::status(503), fault::reset()}, identity());
    std::vector<std::string> seen;
    awsq::client_options o;
    o.before_send = [&](const awsq::http_request& request) {
        CHECK(header(request, "Authorization").find("Signature=") != std::string::npos);
        seen.push_back("send " + header(request, "amz-sdk-request"));
    };
    o.after_send = [&](const awsq::http_request& request, const awsq::result<awsq::http_response>& answer) {
        seen.push_back("got " + (answer ? std::to_string(answer->status) : std::string("transport error")) + " for " +
                       header(request, "amz-sdk-request"));
    };
    auto r = identity_call(time.client(server.url(), std::move(o)));
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(seen == std::vector<std::string>{"send attempt=1; max=3", "got 503 for attempt=1; max=3",
                                           "send attempt=2; max=3", "got transport error for attempt=2; max=3",
                                           "send attempt=3; max=3", "got 200 for attempt=3; max=3"});

    SUBCASE("the client's own transport keeps its deadline") {
        fault_server slow({fault::slow(10s, identity())}, identity());
        int answers = 0;
        auto client = awsq::client::from_environment(
                          {.region = "us-east-1", .endpoint_url = slow.url(), .credentials = keys, .environment = env(),
                           .read_timeout = 30s, .deadline = 700ms,
                           .after_send = [&](const awsq::http_request&, const awsq::result<awsq::http_response>& a) {
                               CHECK(!a);
                               ++answers;
                           }})
                          .value();
        const auto started = std::chrono::steady_clock::now();
        auto late = identity_call(client);
        CHECK(std::chrono::steady_clock::now() - started < 3s);
        REQUIRE(!late);
        CHECK(late.error().failure() == awsq::transport_failure::deadline);
        CHECK(answers == 1);
    }
}
