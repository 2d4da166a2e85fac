// awsq::client: the resolved configuration of calls (region, endpoints, credentials, transport), and
// call / paginate over it: endpoint -> request -> sign -> send -> parse.
#pragma once

#include <awsq/call.hpp>
#include <awsq/config_file.hpp>
#include <awsq/credentials.hpp>
#include <awsq/curl_transport.hpp>
#include <awsq/endpoint.hpp>
#include <awsq/http.hpp>
#include <awsq/paginate.hpp>
#include <awsq/sigv4.hpp>
#include <awsq/sts/assume_role.hpp>
#include <awsq/sts/assume_role_with_web_identity.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    awsq::clock clock{};                        // else the system clock (signing time, credential expiry)
};

/// The resolved configuration of calls: region, endpoint rules, credentials provider, transport.
///
/// Cheap to copy: copies share one immutable state. Safe to use from many threads at once: the state
/// is never written after from_environment() except by the credentials provider, which refreshes
/// temporary credentials under its own lock, and the transport, which takes one pooled connection per
/// concurrent call.
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

    /// Adds the SDK headers to a request, signs it and sends it through the transport.
    result<http_response> send(http_request& request) const;

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
        awsq::clock clock;
        std::string user_agent;
    };
    struct state {
        std::shared_ptr<const client::settings> shared;
        credentials_provider provider;
    };
    explicit client(std::shared_ptr<const state> s) : state_(std::move(s)) {}
    static result<endpoint> endpoint_of(const settings& st, const service_facts& service);
    std::shared_ptr<const state> state_;
};

namespace detail {

/// "true"/"false" of an environment variable or profile setting, as botocore reads them.
inline result<std::optional<bool>> setting_flag(const environment& env, const profile_values* profile,
                                                const char* variable, const char* key) {
    std::optional<std::string> text = env.get(variable);
    std::string where = variable;
    if (!text && profile) {
        if (auto it = profile->find(key); it != profile->end()) text = it->second, where = key;
    }
    if (!text) return std::optional<bool>{};
    std::string lower;
    for (char c : *text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower == "true") return std::optional<bool>{true};
    if (lower == "false") return std::optional<bool>{false};
    return error::configuration(where, "expected true or false, got \"" + *text + "\"");
}

/// The client's user agent: awsq's name and version, then the AWS SDKs' metadata fields.
inline std::string user_agent(const environment& env, const profile_values* profile) {
    std::string out = "awsq/0.1.0 ua/2.1 os/linux lang/cpp#20 md/curl#" LIBCURL_VERSION;
    std::optional<std::string> app = env.get("AWS_SDK_UA_APP_ID");
    if (!app && profile) {
        if (auto it = profile->find("sdk_ua_app_id"); it != profile->end()) app = it->second;
    }
    if (app && !app->empty()) out += " app/" + *app;
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
    st->clock = options.clock ? std::move(options.clock) : awsq::clock{[] {
        return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    }};
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

    if (options.transport) {
        st->transport = std::move(options.transport);
    } else {
        curl_options curl;
        curl.ca_bundle = env.get("AWS_CA_BUNDLE");
        if (!curl.ca_bundle && values) {
            if (auto it = values->find("ca_bundle"); it != values->end()) curl.ca_bundle = it->second;
        }
        st->transport = curl_transport(std::move(curl));
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
    return client{std::make_shared<const state>(state{std::move(st), std::move(*provider)})};
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

inline result<http_response> client::send(http_request& request) const {
    const settings& st = *state_->shared;
    auto keys = state_->provider.get();
    if (!keys) return std::move(keys).error();
    request.headers.emplace_back("User-Agent", st.user_agent);
    sigv4_sign(request, *keys, request.signing.region, request.signing.name, st.clock());
    // Added after signing, as botocore does: the SDK's invocation headers are not signed.
    request.headers.emplace_back("amz-sdk-invocation-id", detail::uuid4());
    request.headers.emplace_back("amz-sdk-request", "attempt=1; max=1");
    request.headers.emplace_back("Content-Length", std::to_string(request.body.size()));
    return st.transport(request);
}

/// One call of Op with the client's region, endpoint, credentials and transport.
template <class Op>
result<response<Op>> call(const client& c, const typename Op::input_type& input) {
    auto where = c.endpoint_for(Op::service);
    if (!where) return std::move(where).error();
    auto request = to_http_request<Op>(input, *where);
    if (!request) return std::move(request).error();
    auto answer = c.send(*request);
    if (!answer) return std::move(answer).error();
    return detail::parse_answer<Op>(*answer);
}

}  // namespace awsq
