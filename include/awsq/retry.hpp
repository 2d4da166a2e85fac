// The retry policy of calls: what an attempt's outcome means for a retry, the backoff, the retry quota, clock skew.
#pragma once

#include <awsq/error.hpp>
#include <awsq/model.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace awsq {

/// How calls retry: botocore's `standard` (the default: 3 attempts, the retry quota) or `legacy`
/// (5 attempts, botocore's _retry.json rules, no quota).
enum class retry_mode { standard, legacy };

/// What one attempt ended with, as the retry decision sees it: an HTTP answer (its status and, when
/// it is an error, its code) or a transport failure.
struct attempt_outcome {
    bool answered = false;                                  // an HTTP response arrived
    transport_failure failure = transport_failure::unknown;  // why not, when !answered
    int status = 0;                                         // the answer's HTTP status
    std::string_view code;                                  // its error code; empty when none or blank
    bool modeled_retryable = false;                         // the code is a modeled error marked retryable
    bool modeled_throttling = false;                        // ... as throttling
    std::string_view service;                               // botocore's service name ("sts"), for the rules naming one
};

/// Whether an outcome retries, and as what (the retry quota charges timeouts more).
enum class retry_reason { none, transient, throttling, timeout, clock_skew };

namespace detail {

/// botocore's throttling codes (retries/standard.py), retried whatever the status.
inline constexpr std::string_view throttling_codes[] = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException",
};
inline constexpr std::string_view transient_codes[] = {"RequestTimeout", "RequestTimeoutException",
                                                       "PriorRequestNotComplete"};

/// The codes with which services refuse a request signed at a time too far from theirs.
inline constexpr std::string_view clock_skew_codes[] = {
    "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
    "SignatureDoesNotMatch", "AuthFailure",
};

constexpr bool listed(std::string_view code, const auto& list) noexcept {
    return !code.empty() && std::ranges::find(list, code) != std::end(list);
}

/// A legacy rule that names a code: it counts only with its status, and only for its service when it names one.
struct legacy_rule {
    std::string_view service, code;
    int status;
};
inline constexpr legacy_rule legacy_rules[] = {
    {"", "Throttling", 400}, {"", "ThrottlingException", 400}, {"", "ThrottledException", 400},
    {"", "RequestThrottledException", 400}, {"", "ProvisionedThroughputExceededException", 400},
    {"ec2", "RequestLimitExceeded", 503}, {"ec2", "EC2ThrottledException", 503},
    {"cloudsearch", "BandwidthLimitExceeded", 509}, {"kinesis", "LimitExceededException", 400},
    {"sqs", "RequestThrottled", 403}, {"route53", "Throttling", 400},
    {"route53", "PriorRequestNotComplete", 400}, {"organizations", "TooManyRequestsException", 400},
    {"sts", "IDPCommunicationError", 400}, {"s3", "RequestTimeout", 400},
    {"glacier", "RequestTimeoutException", 408}, {"dynamodb", "TransactionInProgressException", 400},
    {"dynamodb", "ReplicatedWriteConflictException", 409},
};

/// botocore's legacy rules (data/_retry.json): socket errors, 429/500/502/503/504/509, and codes
/// that count only with the status they come with.
constexpr retry_reason classify_legacy(const attempt_outcome& o) noexcept {
    if (!o.answered) {
        if (o.failure == transport_failure::permanent || o.failure == transport_failure::deadline)
            return retry_reason::none;
        return o.failure == transport_failure::connect_timeout || o.failure == transport_failure::read_timeout
                   ? retry_reason::timeout
                   : retry_reason::transient;
    }
    switch (o.status) {
        case 500: case 502: case 503: case 504: case 509: return retry_reason::transient;
        case 429: return retry_reason::throttling;
        default: break;
    }
    for (const legacy_rule& r : legacy_rules)
        if (r.status == o.status && r.code == o.code && (r.service.empty() || r.service == o.service))
            return retry_reason::throttling;
    return retry_reason::none;
}

}  // namespace detail

/// Whether the outcome of an attempt is worth another, by the rules of `mode`. Standard mode
/// (botocore's retries/standard.py): transient failures (any transport failure but a permanent
/// one, HTTP 500/502/503/504, RequestTimeout(Exception), PriorRequestNotComplete), throttling codes,
/// modeled errors marked retryable, and STS's IDPCommunicationError. Never another service error,
/// nor a 2xx answer that could not be read. Clock skew is decided apart (it needs the answer's Date).
constexpr retry_reason classify(retry_mode mode, const attempt_outcome& o) noexcept {
    if (mode == retry_mode::legacy) return detail::classify_legacy(o);
    if (!o.answered) {
        switch (o.failure) {
            case transport_failure::permanent:
            case transport_failure::deadline: return retry_reason::none;
            case transport_failure::connect_timeout:
            case transport_failure::read_timeout: return retry_reason::timeout;
            default: return retry_reason::transient;
        }
    }
    if (o.status >= 200 && o.status < 300) return retry_reason::none;
    if (detail::listed(o.code, detail::throttling_codes) || o.modeled_throttling) return retry_reason::throttling;
    if (detail::listed(o.code, detail::transient_codes) || o.modeled_retryable) return retry_reason::transient;
    if (o.status == 500 || o.status == 502 || o.status == 503 || o.status == 504) return retry_reason::transient;
    if (o.service == "sts" && o.code == "IDPCommunicationError") return retry_reason::transient;
    return retry_reason::none;
}

/// The delay before the attempt after attempt number `attempt` (1-based) failed, given a random
/// number in [0, 1): full jitter, random × min(2^(attempt−1), 20) seconds in standard mode,
/// random × 2^(attempt−1) seconds in legacy mode (botocore's legacy mode has no cap).
inline std::chrono::microseconds backoff(retry_mode mode, int attempt, double random) noexcept {
    const double base = std::ldexp(1.0, std::clamp(attempt, 1, 64) - 1);
    const double seconds = std::clamp(random, 0.0, 1.0) * (mode == retry_mode::standard ? std::min(base, 20.0) : base);
    return std::chrono::microseconds(static_cast<long long>(std::llround(std::min(seconds, 1e9) * 1e6)));
}

/// The retry quota of a client, shared by its threads (botocore's retries/quota.py): 500 units;
/// a retry takes 5 (10 after a timeout) and is not made when they are not there; a success
/// without retries gives 1 back, a success after retries gives back its last retry's cost; never
/// above 500, never below 0.
class retry_quota {
public:
    static constexpr int capacity = 500;
    static constexpr int retry_cost = 5;
    static constexpr int timeout_cost = 10;
    static constexpr int success_refill = 1;

    /// Takes `amount` units when there are that many; false (nothing taken) otherwise.
    bool acquire(int amount) noexcept {
        int now = units_.load(std::memory_order_relaxed);
        do {
            if (amount > now) return false;
        } while (!units_.compare_exchange_weak(now, now - amount, std::memory_order_relaxed));
        return true;
    }
    /// Gives `amount` units back, up to the capacity.
    void release(int amount) noexcept {
        int now = units_.load(std::memory_order_relaxed);
        while (now < capacity && !units_.compare_exchange_weak(now, std::min(capacity, now + amount),
                                                               std::memory_order_relaxed)) {
        }
    }
    int available() const noexcept { return units_.load(std::memory_order_relaxed); }

private:
    std::atomic<int> units_{capacity};
};

/// How far the client's clock may be from the service's before a skew error corrects it, as the
/// AWS SDKs decide.
inline constexpr std::chrono::minutes clock_skew_tolerance{4};

namespace detail {

/// A whole number of attempts, at least 1, from a variable or profile setting.
inline result<int> parse_max_attempts(std::string_view text, const std::string& where) {
    int value = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || p != text.data() + text.size() || value < 1)
        return error::configuration(where, "expected a whole number of attempts, at least 1, got \"" +
                                               std::string(text) + "\"");
    return value;
}

/// "standard" or "legacy", from a variable or profile setting.
inline result<retry_mode> parse_retry_mode(std::string_view text, const std::string& where) {
    if (text == "standard") return retry_mode::standard;
    if (text == "legacy") return retry_mode::legacy;
    return error::configuration(where, "expected \"standard\" or \"legacy\", got \"" + std::string(text) + "\"");
}

}  // namespace detail

/// Whether a failed call's error is one a retry could cure, by the rules of `mode` (what call<Op>
/// over a client decides before each retry; clock skew aside, which needs the answer's Date).
inline bool retryable(const error& e, retry_mode mode = retry_mode::standard) noexcept {
    attempt_outcome o;
    if (e.kind() == error_kind::transport) {
        o.failure = e.failure();
    } else if (e.kind() == error_kind::service) {
        o.answered = true;
        o.status = e.service().http_status;
        if (e.has_code()) o.code = e.service().code;
    } else {
        return false;  // an invalid request, an unreadable answer, a configuration problem
    }
    return classify(mode, o) != retry_reason::none;
}

}  // namespace awsq
