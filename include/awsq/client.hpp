// awsq::client: the resolved configuration of calls (region, endpoints, credentials, transport, retries),
// and call / paginate over it: endpoint -> request -> sign -> send -> parse -> (retry decision) -> result.
#pragma once

#include <awsq/call.hpp>
#include <awsq/config_file.hpp>
#include <awsq/credentials.hpp>
#include <awsq/curl_transport.hpp>
#include <awsq/endpoint.hpp>
#include <awsq/http.hpp>
#include <awsq/paginate.hpp>
#include <awsq/retry.hpp>
#include <awsq/sigv4.hpp>
#include <awsq/sts/assume_role.hpp>
#include <awsq/sts/assume_role_with_web_identity.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace awsq {

/// Any transport, type-erased: how a client sends its signed requests.
using any_transport = std::function<result<http_response>(const http_request&)>;

/// What a client is built from. Every field is optional: what is not given is resolved as the AWS
/// CLI and SDKs do, from the environment and the shared config files.
struct client_options {
    std::optional<std::string> region{};        // else AWS_REGION, AWS_DEFAULT_REGION, the profile's region
    std::optional<std::string> profile{};       // else AWS_PROFILE, else "default"
    std::optional<std::string> endpoint_url{};  // else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's
    std::optional<awsq::credentials> credentials{};  // else the provider chain (environment, profile, ...)
    any_transport transport{};                  // else awsq::curl_transport (with AWS_CA_BUNDLE / ca_bundle)
    std::optional<bool> use_fips{};             // else AWS_USE_FIPS_ENDPOINT, the profile's use_fips_endpoint
    std::optional<bool> use_dualstack{};        // else AWS_USE_DUALSTACK_ENDPOINT, use_dualstack_endpoint
    std::optional<awsq::environment> environment{};  // where variables are read; else the process's
    awsq::clock clock{};                        // else the system clock (signing time, credential expiry, deadlines)

    // Retries and timeouts (see call()).
    std::optional<int> max_attempts{};          // else AWS_MAX_ATTEMPTS, the profile's max_attempts; else 3 (legacy: 5)
    std::optional<awsq::retry_mode> retry_mode{};  // else AWS_RETRY_MODE, the profile's retry_mode; else standard
    std::optional<std::chrono::milliseconds> connect_timeout{};  // of the client's own transport; else 60 s; 0: none
    std::optional<std::chrono::milliseconds> read_timeout{};     // of the client's own transport; else 60 s; 0: none
    std::optional<std::chrono::milliseconds> deadline{};  // of each whole call, retries and backoff included
    std::function<double()> random{};           // a number in [0, 1) for the backoff's jitter; else a PRNG
    std::function<void(std::chrono::microseconds)> sleep{};  // waits out a backoff; else the thread sleeps
    awsq::xml_limits response_limits{};         // nesting depth and size a response body may reach
    // Sees each attempt as it goes out, signed, and what came back, whichever the transport (the command
    // line's --debug trace). Requests hold the signature and may hold a session token: mask them
    // (sigv4_masked) before they are shown anywhere.
    std::function<void(const http_request&)> before_send{};
    std::function<void(const http_request&, const result<http_response>&)> after_send{};
};

/// The resolved configuration of calls: region, endpoint rules, credentials provider, transport,
/// retry policy.
///
/// Cheap to copy: copies share one state. Safe to use from many threads at once: the state is never
/// written after from_environment() except by the credentials provider, which refreshes temporary
/// credentials under its own lock, the transport, which takes one pooled connection per concurrent
/// call, and the retry quota and clock correction, which are atomics shared by every call.
class client {
public:
    /// Resolves everything a call needs, once; a missing region, a missing or broken profile, a
    /// malformed config file or no credentials anywhere is an error_kind::configuration error.
    static result<client> from_environment(client_options options = {});

    const std::string& region() const noexcept { return state_->shared->region; }
    const std::string& profile() const noexcept { return state_->shared->profile_name; }

    /// The endpoint of a service for this client: an override (option, environment, profile) or the
    /// partition's endpoint for the region.
    result<endpoint> endpoint_for(const service_facts& service) const {
        return endpoint_of(*state_->shared, service);
    }

    /// The current credentials (refreshed when temporary ones are about to expire).
    result<awsq::credentials> credentials() const { return state_->provider.get(); }

    /// Adds the SDK headers to a request, signs it and sends it through the transport: one attempt,
    /// without retries.
    result<http_response> send(http_request& request) const;

    /// The retry mode and the attempts a call makes at most.
    awsq::retry_mode retry_mode() const noexcept { return state_->shared->retry_mode; }
    int max_attempts() const noexcept { return state_->shared->max_attempts; }
    const xml_limits& response_limits() const noexcept { return state_->shared->response_limits; }
    /// The units left in the retry quota that this client's calls share (standard mode).
    int retry_capacity() const noexcept { return state_->quota.available(); }
    /// How far the client's clock is corrected, from a service's clock-skew error (0 until then).
    std::chrono::microseconds clock_correction() const noexcept {
        return std::chrono::microseconds(state_->skew_us.load(std::memory_order_relaxed));
    }

private:
    // Everything but the credentials provider: what the provider's STS hooks share too.
    struct settings {
        std::string region;
        std::string profile_name;
        awsq::environment environment;
        profile_values profile;
        std::optional<std::string> endpoint_url;
        bool ignore_configured_endpoints = false;
        endpoint_options endpoints;
        any_transport transport;
        std::optional<curl_transport> curl;  // the client's own transport, when it made one: held to deadlines
        awsq::clock clock;
        std::string user_agent;
        awsq::retry_mode retry_mode = awsq::retry_mode::standard;
        int max_attempts = 3;
        std::chrono::milliseconds read_timeout{60000};
        std::optional<std::chrono::milliseconds> deadline;
        std::function<double()> random;
        std::function<void(std::chrono::microseconds)> sleep;
        awsq::xml_limits response_limits;
        std::function<void(const http_request&)> before_send;
        std::function<void(const http_request&, const result<http_response>&)> after_send;
    };
    struct state {
        state(std::shared_ptr<const client::settings> s, credentials_provider p)
            : shared(std::move(s)), provider(std::move(p)) {}
        std::shared_ptr<const client::settings> shared;
        credentials_provider provider;
        mutable retry_quota quota;                     // shared by every call of every copy
        mutable std::atomic<std::int64_t> skew_us{0};  // the service's clock minus ours, once it said so
    };

    /// One call's way through its attempts.
    struct call_state {
        int attempt = 1;               // the attempt being made, from 1
        int retry_cost = 0;            // quota units taken for the latest retry; 0: none yet
        std::size_t base_headers = 0;  // the request's headers before signing
        std::string invocation_id;     // the same for every attempt
        std::optional<timestamp> deadline;
        std::optional<timestamp> ttl;  // amz-sdk-request's ttl, once an answer said the service's time
    };
    template <class Op>
    friend result<response<Op>> call(const client& c, const typename Op::input_type& input);

    call_state begin(http_request& request) const;
    result<http_response> attempt(http_request& request, const call_state& progress) const;
    retry_stop retry_or_stop(call_state& progress, const attempt_outcome& outcome, const http_response* answer) const;
    void succeeded(const call_state& progress) const noexcept;

    explicit client(std::shared_ptr<const state> s) : state_(std::move(s)) {}
    static result<endpoint> endpoint_of(const settings& st, const service_facts& service);
    std::shared_ptr<const state> state_;
};

namespace detail {

/// "true"/"false" of an environment variable or profile setting, as botocore reads them.
/// A setting's text and where it came from: the environment variable, else the profile's key.
inline std::optional<std::pair<std::string, std::string>> setting_text(const environment& env,
                                                                       const profile_values* profile,
                                                                       const char* variable, const char* key) {
    if (auto text = env.get(variable)) return std::pair{std::move(*text), std::string(variable)};
    if (profile) {
        if (auto it = profile->find(key); it != profile->end()) return std::pair{it->second, std::string(key)};
    }
    return std::nullopt;
}

/// "true"/"false" of an environment variable or profile setting, as botocore reads them.
inline result<std::optional<bool>> setting_flag(const environment& env, const profile_values* profile,
                                                const char* variable, const char* key) {
    const auto setting = setting_text(env, profile, variable, key);
    if (!setting) return std::optional<bool>{};
    const std::string lower = lower_ascii(setting->first);
    if (lower == "true") return std::optional<bool>{true};
    if (lower == "false") return std::optional<bool>{false};
    return error::configuration(setting->second, "expected true or false, got \"" + setting->first + "\"");
}

/// Whether a modeled error of Op (by its shape name) is marked retryable, and as throttling: read
/// from error_facts' `retryable` and `throttling` when the generator provides them.
template <class Op>
void modeled_retry(std::string_view modeled, attempt_outcome& outcome) {
    if (modeled.empty()) return;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Op::errors>>([&](auto id) {
        using Fault = typename decltype(id)::type;
        if constexpr (requires { wire<Fault>::error.retryable; wire<Fault>::error.throttling; }) {
            if (wire<Fault>::name == modeled) {
                outcome.modeled_retryable = wire<Fault>::error.retryable;
                outcome.modeled_throttling = wire<Fault>::error.throttling;
            }
        }
    });
}

/// The client's user agent: awsq's name and version, then the AWS SDKs' metadata fields.
inline std::string user_agent(const environment& env, const profile_values* profile) {
    std::string out = "awsq/0.1.0 ua/2.1 os/linux lang/cpp#20 md/curl#" LIBCURL_VERSION;
    const auto app = setting_text(env, profile, "AWS_SDK_UA_APP_ID", "sdk_ua_app_id");
    if (app && !app->first.empty()) out += " app/" + app->first;
    return out;
}

/// A signed call of Op to an endpoint with given credentials, outside any client: what the client's
/// STS hooks use to fetch temporary credentials (so assume-role goes through awsq itself).
template <class Op>
result<response<Op>> signed_call(const any_transport& transport, const endpoint& where,
                                 const credentials* keys, const typename Op::input_type& input, timestamp now,
                                 std::string_view user_agent) {
    auto request = to_http_request<Op>(input, where);
    if (!request) return std::move(request).error();
    request->headers.emplace_back("User-Agent", std::string(user_agent));
    if (keys) sigv4_sign(*request, *keys, request->signing.region, request->signing.name, now);
    request->headers.emplace_back("Content-Length", std::to_string(request->body.size()));
    auto answer = transport(*request);
    if (!answer) return std::move(answer).error();
    return parse_answer<Op>(*answer);
}

/// Temporary credentials from an STS answer's Credentials member.
template <class Out>
result<credentials> sts_credentials(const Out& out, std::string_view operation) {
    if (!out.Credentials || !out.Credentials->AccessKeyId || !out.Credentials->SecretAccessKey)
        return error::parse(std::string(operation), "the answer holds no credentials");
    const auto& c = *out.Credentials;
    return credentials{*c.AccessKeyId, *c.SecretAccessKey, c.SessionToken, c.Expiration};
}

}  // namespace detail

inline result<client> client::from_environment(client_options options) {
    auto st = std::make_shared<settings>();
    st->environment = options.environment ? std::move(*options.environment) : environment::process();
    st->clock = options.clock ? std::move(options.clock) : awsq::clock{system_now};
    st->response_limits = options.response_limits;
    st->before_send = std::move(options.before_send);
    st->after_send = std::move(options.after_send);
    const environment& env = st->environment;

    auto config = shared_config::load(env);
    if (!config) return std::move(config).error();
    auto profile = resolve_profile_name(options.profile, env, *config);
    if (!profile) return std::move(profile).error();
    st->profile_name = std::move(*profile);
    const profile_values* values = config->profile(st->profile_name);
    if (values) st->profile = *values;

    auto region = resolve_region(options.region, env, *config, st->profile_name);
    if (!region) return std::move(region).error();
    st->region = std::move(*region);

    auto fips = detail::setting_flag(env, values, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
    if (!fips) return std::move(fips).error();
    auto dualstack = detail::setting_flag(env, values, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
    if (!dualstack) return std::move(dualstack).error();
    st->endpoints.use_fips = options.use_fips.value_or(fips->value_or(false));
    st->endpoints.use_dualstack = options.use_dualstack.value_or(dualstack->value_or(false));
    auto ignore = detail::setting_flag(env, values, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                       "ignore_configured_endpoint_urls");
    if (!ignore) return std::move(ignore).error();
    st->ignore_configured_endpoints = ignore->value_or(false);
    st->endpoint_url = std::move(options.endpoint_url);
    st->user_agent = detail::user_agent(env, values);

    // Retries: the option, else the variable, else the profile's key.
    if (options.retry_mode) {
        st->retry_mode = *options.retry_mode;
    } else if (auto mode = detail::setting_text(env, values, "AWS_RETRY_MODE", "retry_mode")) {
        auto parsed = detail::parse_retry_mode(mode->first, mode->second);
        if (!parsed) return std::move(parsed).error();
        st->retry_mode = *parsed;
    }
    st->max_attempts = st->retry_mode == awsq::retry_mode::legacy ? 5 : 3;
    if (options.max_attempts) {
        if (*options.max_attempts < 1)
            return error::configuration("client_options.max_attempts",
                                        "expected at least 1 attempt, got " + std::to_string(*options.max_attempts));
        st->max_attempts = *options.max_attempts;
    } else if (auto attempts = detail::setting_text(env, values, "AWS_MAX_ATTEMPTS", "max_attempts")) {
        auto parsed = detail::parse_max_attempts(attempts->first, attempts->second);
        if (!parsed) return std::move(parsed).error();
        st->max_attempts = *parsed;
    }
    for (const auto& [duration, name] : {std::pair{&options.connect_timeout, "client_options.connect_timeout"},
                                          std::pair{&options.read_timeout, "client_options.read_timeout"},
                                          std::pair{&options.deadline, "client_options.deadline"}})
        if (*duration && (*duration)->count() < 0)
            return error::configuration(name,
                                        "cannot be negative, got " + std::to_string((*duration)->count()) + " ms");
    st->read_timeout = options.read_timeout.value_or(std::chrono::seconds(60));
    st->deadline = options.deadline;
    st->random = options.random ? std::move(options.random) : std::function<double()>([] {
        thread_local std::mt19937_64 engine{std::random_device{}()};
        return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    });
    st->sleep = options.sleep ? std::move(options.sleep)
                              : std::function<void(std::chrono::microseconds)>(
                                    [](std::chrono::microseconds d) { std::this_thread::sleep_for(d); });

    if (options.transport) {
        st->transport = std::move(options.transport);
    } else {
        curl_options curl;
        if (auto bundle = detail::setting_text(env, values, "AWS_CA_BUNDLE", "ca_bundle"))
            curl.ca_bundle = std::move(bundle->first);
        curl.connect_timeout = options.connect_timeout.value_or(curl.connect_timeout);
        curl.read_timeout = st->read_timeout;
        st->curl.emplace(std::move(curl));
        st->transport = *st->curl;
    }

    // STS through awsq itself, for assume-role and web-identity profiles: the STS endpoint follows the
    // same override rules as any service. The hooks hold copies of what they need, never the state
    // (the provider they serve lives in it).
    credential_sources sources{
        .env = env,
        .config = &*config,
        .profile = st->profile_name,
        .profile_from_options = options.profile.has_value(),
        // The container and instance metadata endpoints answer within a second or not at all.
        .http = options.transport ? st->transport
                                  : any_transport(curl_transport({.connect_timeout = std::chrono::seconds(1),
                                                                  .read_timeout = std::chrono::seconds(1)})),
        .assume_role = {},
        .assume_role_with_web_identity = {},
        .now = st->clock,
    };
    sources.assume_role = [st](const awsq::credentials& source,
                               const assume_role_params& p) -> result<awsq::credentials> {
        auto where = endpoint_of(*st, sts::service);
        if (!where) return std::move(where).error();
        sts::AssumeRoleRequest input{};
        input.RoleArn = p.role_arn;
        input.RoleSessionName = p.role_session_name;
        input.ExternalId = p.external_id;
        input.DurationSeconds = p.duration_seconds;
        auto r = detail::signed_call<sts::AssumeRole>(st->transport, *where, &source, input, st->clock(), st->user_agent);
        if (!r) return std::move(r).error();
        return detail::sts_credentials(r->output, "AssumeRole");
    };
    sources.assume_role_with_web_identity = [st](const web_identity_params& p) -> result<awsq::credentials> {
        auto where = endpoint_of(*st, sts::service);
        if (!where) return std::move(where).error();
        sts::AssumeRoleWithWebIdentityRequest input{};
        input.RoleArn = p.role_arn;
        input.RoleSessionName = p.role_session_name;
        input.WebIdentityToken = p.token;
        auto r = detail::signed_call<sts::AssumeRoleWithWebIdentity>(st->transport, *where, nullptr, input,
                                                                     st->clock(), st->user_agent);
        if (!r) return std::move(r).error();
        return detail::sts_credentials(r->output, "AssumeRoleWithWebIdentity");
    };
    auto provider = resolve_credentials(std::move(options.credentials), sources);
    if (!provider) return std::move(provider).error();
    return client{std::make_shared<const state>(std::move(st), std::move(*provider))};
}

inline result<endpoint> client::endpoint_of(const settings& st, const service_facts& service) {
    if (st.endpoint_url) return endpoint_from_url(*st.endpoint_url, service, st.region);
    if (!st.ignore_configured_endpoints) {
        if (auto url = st.environment.get(endpoint_env_name(service)))
            return endpoint_from_url(*url, service, st.region);
        if (auto url = st.environment.get("AWS_ENDPOINT_URL")) return endpoint_from_url(*url, service, st.region);
        if (auto it = st.profile.find("endpoint_url"); it != st.profile.end())
            return endpoint_from_url(it->second, service, st.region);
    }
    return resolve_endpoint(service, st.region, st.endpoints);
}

inline client::call_state client::begin(http_request& request) const {
    const settings& st = *state_->shared;
    call_state progress;
    request.headers.emplace_back("User-Agent", st.user_agent);
    progress.base_headers = request.headers.size();
    progress.invocation_id = detail::uuid4();
    if (st.deadline) progress.deadline = st.clock() + *st.deadline;
    return progress;
}

inline result<http_response> client::attempt(http_request& request, const call_state& progress) const {
    const settings& st = *state_->shared;
    auto keys = state_->provider.get();
    if (!keys) return std::move(keys).error();
    // Each attempt is signed afresh (a new X-Amz-Date), at the service's time once it told us ours is off.
    request.headers.erase(request.headers.begin() + static_cast<std::ptrdiff_t>(progress.base_headers),
                          request.headers.end());
    const timestamp now = st.clock();
    sigv4_sign(request, *keys, request.signing.region, request.signing.name,
               now + std::chrono::microseconds(state_->skew_us.load(std::memory_order_relaxed)));
    // Added after signing, as botocore does: the SDK's invocation headers are not signed.
    request.headers.emplace_back("amz-sdk-invocation-id", progress.invocation_id);
    std::string sdk_request;
    if (progress.ttl) {
        sdk_request = "ttl=";
        sdk_request.append(detail::sigv4_amz_date(*progress.ttl).data(), 16);
        sdk_request += "; ";
    }
    sdk_request += "attempt=" + std::to_string(progress.attempt) + "; max=" + std::to_string(st.max_attempts);
    request.headers.emplace_back("amz-sdk-request", std::move(sdk_request));
    request.headers.emplace_back("Content-Length", std::to_string(request.body.size()));
    std::optional<std::chrono::milliseconds> left;
    if (progress.deadline && st.curl) {  // the client's own transport stops at the deadline
        left = std::chrono::ceil<std::chrono::milliseconds>(*progress.deadline - now);
        if (left->count() <= 0) return error::transport("the call's deadline has passed", transport_failure::deadline);
    }
    if (st.before_send) st.before_send(request);
    auto answer = left ? (*st.curl)(request, *left) : st.transport(request);
    if (st.after_send) st.after_send(request, answer);
    return answer;
}

inline retry_stop client::retry_or_stop(call_state& progress, const attempt_outcome& outcome,
                                        const http_response* answer) const {
    const settings& st = *state_->shared;
    retry_reason why = classify(st.retry_mode, outcome);
    const timestamp received = st.clock();
    std::optional<timestamp> server_time;
    if (answer) {
        for (const auto& [name, value] : answer->headers)
            if (detail::iequals(name, "Date")) server_time = parse_rfc822(value);
    }
    // Clock skew, as the AWS SDKs handle it: a service that refuses the request's time and whose
    // Date is more than 4 minutes from ours sets the correction of our clock, and the call retries.
    if (why == retry_reason::none && server_time && detail::listed(outcome.code, detail::clock_skew_codes)) {
        const std::int64_t skew = (*server_time - received).count();
        const std::int64_t current = state_->skew_us.load(std::memory_order_relaxed);
        const std::int64_t off = skew > current ? skew - current : current - skew;
        if (off > std::chrono::duration_cast<std::chrono::microseconds>(clock_skew_tolerance).count()) {
            state_->skew_us.store(skew, std::memory_order_relaxed);
            why = retry_reason::clock_skew;
        }
    }
    if (!outcome.answered && outcome.failure == transport_failure::deadline) return retry_stop::deadline;
    if (why == retry_reason::none) return retry_stop::not_retryable;
    if (progress.attempt >= st.max_attempts) return retry_stop::max_attempts;
    const std::chrono::microseconds delay = backoff(st.retry_mode, progress.attempt, st.random());
    if (progress.deadline && received + delay >= *progress.deadline) return retry_stop::deadline;
    if (st.retry_mode == awsq::retry_mode::standard) {
        const int cost = why == retry_reason::timeout ? retry_quota::timeout_cost : retry_quota::retry_cost;
        if (!state_->quota.acquire(cost)) return retry_stop::quota;
        progress.retry_cost = cost;
    }
    if (delay.count() > 0) st.sleep(delay);
    // botocore's ttl: when the next attempt's answer is due, in the service's time as its Date suggests.
    if (server_time) progress.ttl = st.clock() + st.read_timeout + (*server_time - received);
    ++progress.attempt;
    return retry_stop::none;
}

inline void client::succeeded(const call_state& progress) const noexcept {
    if (state_->shared->retry_mode != awsq::retry_mode::standard) return;
    state_->quota.release(progress.retry_cost > 0 ? progress.retry_cost : retry_quota::success_refill);
}

inline result<http_response> client::send(http_request& request) const {
    const call_state progress = begin(request);
    return attempt(request, progress);
}

/// One call of Op with the client's region, endpoint, credentials and transport, retried as the
/// client's retry mode says (see retry.hpp): every attempt signed afresh, with the same
/// idempotency token and amz-sdk-invocation-id, each retry after a jittered backoff, all within
/// the client's deadline. The error of a failed call says how many attempts were made and why
/// there were no more (error::attempts(), error::stopped()).
template <class Op>
result<response<Op>> call(const client& c, const typename Op::input_type& input) {
    auto where = c.endpoint_for(Op::service);
    if (!where) return std::move(where).error();
    auto request = to_http_request<Op>(input, *where);  // fills an absent idempotency token, once
    if (!request) return std::move(request).error();
    client::call_state progress = c.begin(*request);
    for (;;) {
        auto answer = c.attempt(*request, progress);
        attempt_outcome outcome;
        outcome.service = Op::service.name;
        std::optional<error> failed;
        if (answer) {
            auto parsed = detail::parse_answer<Op>(*answer, c.response_limits());
            if (parsed) {
                c.succeeded(progress);
                return parsed;
            }
            failed.emplace(std::move(parsed).error());
            outcome.answered = true;
            outcome.status = answer->status;
            if (failed->kind() == error_kind::service && failed->has_code()) {
                outcome.code = failed->service().code;
                detail::modeled_retry<Op>(failed->service().modeled, outcome);
            }
        } else {
            if (answer.error().kind() != error_kind::transport) return std::move(answer).error();  // no credentials
            failed.emplace(std::move(answer).error());
            outcome.failure = failed->failure();
        }
        const retry_stop stop = c.retry_or_stop(progress, outcome, answer ? &*answer : nullptr);
        if (stop != retry_stop::none) {
            failed->set_attempts(progress.attempt, stop);
            return std::move(*failed);
        }
    }
}

}  // namespace awsq
