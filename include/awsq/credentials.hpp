// AWS credentials: the keys a request is signed with, and where a client finds them.
#pragma once

#include <awsq/config_file.hpp>
#include <awsq/detail/access_keys.hpp>
#include <awsq/detail/process.hpp>
#include <awsq/error.hpp>
#include <awsq/json.hpp>
#include <awsq/model.hpp>
#include <awsq/operation.hpp>
#include <awsq/timestamp.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq {

/// What time it is, to decide when credentials need refreshing; a fixed or stepped clock in tests.
using clock = std::function<timestamp()>;

inline timestamp system_now() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

/// Where a client's credentials come from: fixed ones, or a fetch that is cached and refreshed before
/// the credentials expire, as botocore's RefreshableCredentials does. From 15 minutes before expiry
/// (advisory) one caller refreshes while the others keep using the cached credentials, and a failed
/// refresh keeps them; from 10 minutes before (mandatory) callers wait for the refresh, and a failure is
/// an error. Copies share one cache; get() is safe from many threads at once.
class credentials_provider {
public:
    using fetch_function = std::function<result<credentials>()>;
    static constexpr std::chrono::minutes advisory_refresh{15};
    static constexpr std::chrono::minutes mandatory_refresh{10};

    /// Credentials that never change (explicit, environment, a profile's keys), even if they expire.
    explicit credentials_provider(credentials fixed, std::string source = "explicit")
        : state_(std::make_shared<state>()) {
        state_->cached = std::move(fixed);
        state_->source = std::move(source);
    }
    /// Credentials from `fetch`: fetched at the first get() (or `initial`), again as they near expiry.
    /// Credentials without an expiration are never fetched again.
    credentials_provider(fetch_function fetch, std::string source, clock now = system_now,
                         std::optional<credentials> initial = std::nullopt)
        : state_(std::make_shared<state>()) {
        state_->fetch = std::move(fetch);
        state_->source = std::move(source);
        state_->now = std::move(now);
        state_->cached = std::move(initial);
    }

    /// Valid credentials, fetching or refreshing them if needed.
    result<credentials> get() const {
        state& s = *state_;
        std::optional<credentials> current = s.snapshot();
        if (!s.fetch) return *current;
        if (!s.needs_refresh(current, advisory_refresh)) return *current;
        if (!s.needs_refresh(current, mandatory_refresh)) {
            // Advisory window: whoever gets the lock refreshes; the others go on with what is cached.
            std::unique_lock refreshing(s.refresh_mutex, std::try_to_lock);
            if (!refreshing) return *current;
            current = s.snapshot();
            if (!s.needs_refresh(current, advisory_refresh)) return *current;
            const bool mandatory = s.needs_refresh(current, mandatory_refresh);
            auto fresh = s.refresh();
            if (!fresh && !mandatory) return *current;  // a failed advisory refresh keeps the cached ones
            return fresh;
        }
        // Mandatory window (or nothing fetched yet): wait for the one refresh in progress, or make it.
        std::lock_guard refreshing(s.refresh_mutex);
        current = s.snapshot();
        if (!s.needs_refresh(current, mandatory_refresh)) return *current;
        return s.refresh();
    }

    /// What the credentials come from, e.g. "environment" or "profile dev: credential_process" (never a secret).
    const std::string& source() const noexcept { return state_->source; }

private:
    struct state {
        fetch_function fetch;
        clock now;
        std::string source;
        std::mutex data_mutex;     // guards cached
        std::mutex refresh_mutex;  // held by the one caller that fetches
        std::optional<credentials> cached;

        std::optional<credentials> snapshot() {
            std::lock_guard lock(data_mutex);
            return cached;
        }
        bool needs_refresh(const std::optional<credentials>& c, std::chrono::minutes window) const {
            return !c || (c->expiration && *c->expiration - now() < window);
        }
        result<credentials> refresh() {
            auto fresh = fetch();
            if (!fresh) return fresh;
            if (fresh->expiration && *fresh->expiration <= now())
                return error::configuration(source, "the credentials it gave have already expired (at " +
                                                        format_iso8601(*fresh->expiration) + ")");
            std::lock_guard lock(data_mutex);
            cached = *fresh;
            return fresh;
        }
    };
    std::shared_ptr<state> state_;
};

/// What an AssumeRole call needs: the client makes it (through STS) with the source credentials.
struct assume_role_params {
    std::string role_arn;
    std::string role_session_name;
    std::optional<std::string> external_id;
    std::optional<int> duration_seconds;
    std::optional<std::string> region;  // the role profile's `region`, when it has one (botocore uses the client's)
    std::string profile;                // the profile that assumes the role, for messages
};

/// What an AssumeRoleWithWebIdentity call needs (an unsigned call).
struct web_identity_params {
    std::string role_arn;
    std::string role_session_name;
    std::string token;                  // read from the token file at each fetch; a secret
    std::optional<std::string> region;  // the profile's `region`, when it has one
};

/// What the credential chain needs from outside.
struct credential_sources {
    environment env;
    const shared_config* config = nullptr;  // the loaded files (only read during resolve_credentials)
    std::string profile = "default";       // the resolved profile name (shared_config::resolve_profile)
    bool profile_from_options = false;      // named by client_options.profile / --profile: then, as in
                                            // botocore, the environment's keys and web identity are skipped
    /// Sends the container and instance metadata requests (plain http; a 1 s timeout for IMDS).
    std::function<result<http_response>(const http_request&)> http;
    /// STS AssumeRole through awsq itself, signed with `source`; returns credentials with an expiration.
    std::function<result<credentials>(const credentials& source, const assume_role_params&)> assume_role;
    /// STS AssumeRoleWithWebIdentity through awsq itself (unsigned).
    std::function<result<credentials>(const web_identity_params&)> assume_role_with_web_identity;
    clock now = system_now;
};

namespace detail {

inline std::optional<std::string> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

/// A URL split the way an http_request wants it.
struct url_parts {
    std::string scheme;    // "http"
    std::string host;      // with ":port" when not the scheme's default
    std::string hostname;  // lower-case, IPv6 without brackets
    std::string path;      // "/..." with any query
};

inline std::optional<url_parts> parse_url(std::string_view url) {
    const std::size_t colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    url_parts out;
    out.scheme = lower_ascii(url.substr(0, colon));
    std::string_view rest = url.substr(colon + 3);
    const std::size_t end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    out.path = end == std::string_view::npos ? "/" : std::string(rest.substr(end));
    if (out.path[0] != '/') out.path.insert(0, "/");
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    std::string_view port;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        out.hostname = lower_ascii(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') return std::nullopt;
            port = authority.substr(close + 2);
        }
        out.host = "[" + out.hostname + "]";
    } else {
        const std::size_t c = authority.find(':');
        out.hostname = lower_ascii(authority.substr(0, c));
        if (c != std::string_view::npos) port = authority.substr(c + 1);
        out.host = out.hostname;
    }
    if (out.hostname.empty()) return std::nullopt;
    const bool default_port = port.empty() || (out.scheme == "http" && port == "80") ||
                              (out.scheme == "https" && port == "443");
    if (!default_port) out.host += ":" + std::string(port);
    return out;
}

inline bool is_loopback(const std::string& hostname) {
    unsigned char address[16];
    if (inet_pton(AF_INET, hostname.c_str(), address) == 1) return address[0] == 127;
    if (inet_pton(AF_INET6, hostname.c_str(), address) == 1) {
        for (int i = 0; i < 15; ++i)
            if (address[i] != 0) return false;
        return address[15] == 1;
    }
    return false;
}

inline std::string json_text(const boost::json::value& v) {
    const auto* s = v.if_string();
    return s ? std::string(s->data(), s->size()) : std::string();
}

/// Credentials from the JSON a credential_process prints or a metadata service answers: AccessKeyId,
/// SecretAccessKey, the token under `token_key`, Expiration (ISO 8601). Problems are reported by name;
/// the text itself is never quoted (it holds the secret).
inline result<credentials> credentials_from_json(std::string_view text, std::string_view token_key,
                                                 bool token_and_expiration_required, const std::string& where,
                                                 std::string_view what) {
    boost::system::error_code ec;
    const boost::json::value json = parse_json(text, ec);
    const boost::json::object* object = ec ? nullptr : json.if_object();
    if (!object) return error::configuration(where, std::string(what) + " is not a JSON object");
    const auto field = [&](std::string_view key) -> const boost::json::value* {
        const auto* v = object->if_contains(key);
        return v && !v->is_null() ? v : nullptr;
    };
    credentials out;
    for (auto [key, target] : {std::pair{std::string_view("AccessKeyId"), &out.access_key_id},
                               std::pair{std::string_view("SecretAccessKey"), &out.secret_access_key}}) {
        const auto* v = field(key);
        if (!v || !v->is_string())
            return error::configuration(where, std::string(what) + " has no string " + std::string(key));
        *target = json_text(*v);
    }
    if (const auto* v = field(token_key); v && v->is_string()) out.session_token = json_text(*v);
    if (const auto* v = field("Expiration"); v && v->is_string()) {
        out.expiration = parse_iso8601(json_text(*v));
        if (!out.expiration)
            return error::configuration(where, std::string(what) + " has an Expiration that is not an ISO 8601 "
                                                                   "timestamp: " + json_text(*v));
    }
    if (token_and_expiration_required && (!out.session_token || !out.expiration))
        return error::configuration(where, std::string(what) + " lacks " +
                                               (out.session_token ? "Expiration" : std::string(token_key)));
    if (out.session_token && out.session_token->empty()) out.session_token.reset();
    return out;
}

inline std::string no_credentials_message(const std::string& profile, const shared_config& config) {
    return "Unable to locate credentials: none in the environment, in the profile (" + profile + ") of " +
           config.config_path() + " or " + config.credentials_path() +
           ", from a container or from the instance metadata service. Set AWS_ACCESS_KEY_ID and "
           "AWS_SECRET_ACCESS_KEY, add aws_access_key_id and aws_secret_access_key (or credential_process, or "
           "role_arn with source_profile) to the profile (`aws configure` writes them), or pass credentials to "
           "the client.";
}

/// The chain of providers in botocore's order, resolved once. Each step answers nullopt when it
/// does not apply, a provider when it does, an error when it applies but is misconfigured.
class credential_chain {
public:
    using step = result<std::optional<credentials_provider>>;
    /// "Does not apply". (Not `return std::nullopt`: a result<optional<T>> made from nullopt holds no value.)
    static step not_here() { return std::optional<credentials_provider>{}; }

    credential_chain(const credential_sources& src, const shared_config& config)
        : src_(src), config_(config), visited_{src.profile} {}

    result<credentials_provider> resolve() {
        const std::string& profile = src_.profile;
        const bool use_env = !src_.profile_from_options;
        for (auto next : {&credential_chain::env_step, &credential_chain::assume_role_step,
                          &credential_chain::profile_step, &credential_chain::container_step,
                          &credential_chain::imds_step}) {
            if (next == &credential_chain::env_step && !use_env) continue;
            auto found = (this->*next)(profile, use_env);
            if (!found) return std::move(found).error();
            if (*found) return std::move(**found);
        }
        return error::configuration("credentials", no_credentials_message(profile, config_));
    }

private:
    std::string default_session_name() const {
        const auto now = src_.now().time_since_epoch();
        return "awsq-session-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
    }

    // The environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SECURITY_TOKEN or AWS_SESSION_TOKEN
    // (botocore reads the legacy name first), AWS_CREDENTIAL_EXPIRATION (then re-read before expiry).
    step env_step(const std::string&, bool) {
        if (!src_.env.non_empty("AWS_ACCESS_KEY_ID")) return not_here();
        const auto read = [env = src_.env]() -> result<credentials> {
            credentials c;
            c.access_key_id = env.non_empty("AWS_ACCESS_KEY_ID").value_or("");
            auto secret = env.non_empty("AWS_SECRET_ACCESS_KEY");
            if (!secret)
                return error::configuration("AWS_SECRET_ACCESS_KEY",
                                            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
            c.secret_access_key = std::move(*secret);
            c.session_token = env.non_empty("AWS_SECURITY_TOKEN");
            if (!c.session_token) c.session_token = env.non_empty("AWS_SESSION_TOKEN");
            if (auto expiry = env.non_empty("AWS_CREDENTIAL_EXPIRATION")) {
                c.expiration = parse_iso8601(*expiry);
                if (!c.expiration)
                    return error::configuration("AWS_CREDENTIAL_EXPIRATION", "not an ISO 8601 timestamp: " + *expiry);
            }
            return c;
        };
        auto first = read();
        if (!first) return std::move(first).error();
        if (!first->expiration) return credentials_provider(std::move(*first), "environment");
        return credentials_provider(read, "environment", src_.now, std::move(*first));
    }

    // role_arn with source_profile or credential_source (and no web_identity_token_file).
    step assume_role_step(const std::string& profile, bool) {
        if (!has_assume_role(config_.profile(profile))) return not_here();
        auto provider = assume_role(profile);
        if (!provider) return std::move(provider).error();
        return std::move(*provider);
    }

    static bool has_assume_role(const profile_values* p) {
        return p && p->contains("role_arn") && !p->contains("web_identity_token_file");
    }
    static bool has_static_keys(const profile_values* p) {
        return p && (p->contains("aws_access_key_id") || p->contains("aws_secret_access_key"));
    }

    result<credentials_provider> assume_role(const std::string& name) {
        const profile_values* p = config_.profile(name);
        const std::string where = "profile " + name;
        const auto source_profile = value(p, "source_profile");
        const auto credential_source = value(p, "credential_source");
        if (source_profile && credential_source)
            return error::configuration(where, "has both source_profile and credential_source; keep one");
        if (!source_profile && !credential_source)
            return error::configuration(where, "has role_arn but neither source_profile nor credential_source");
        if (p->contains("mfa_serial"))
            return error::configuration(where, "needs an MFA code (mfa_serial), which awsq cannot prompt for; "
                                               "get session credentials first (aws sts get-session-token)");
        std::optional<credentials_provider> source;
        if (credential_source) {
            // botocore's canonical names, matched exactly: the providers that work without a profile.
            step found = std::optional<credentials_provider>{};
            if (*credential_source == "Environment") found = env_step(name, true);
            else if (*credential_source == "EcsContainer") found = container_step(name, true);
            else if (*credential_source == "Ec2InstanceMetadata") found = imds_step(name, true);
            else
                return error::configuration(where, "credential_source " + *credential_source +
                                                       " is not valid: use Environment, Ec2InstanceMetadata or "
                                                       "EcsContainer");
            if (!found) return std::move(found).error();
            if (!*found)
                return error::configuration(where, "found no credentials in its credential_source " +
                                                       *credential_source);
            source = std::move(**found);
        } else {
            const profile_values* sp = config_.profile(*source_profile);
            if (!sp)
                return error::configuration(where, "its source_profile (" + *source_profile + ") does not exist");
            // A profile may name itself to take its own static keys; any other revisit is a loop.
            if (std::find(visited_.begin(), visited_.end(), *source_profile) != visited_.end() &&
                (*source_profile != name || !has_static_keys(sp))) {
                std::string chain;
                for (const auto& v : visited_) chain += v + " -> ";
                return error::configuration(where, "source_profile loops: " + chain + *source_profile);
            }
            visited_.push_back(*source_profile);
            if (has_static_keys(sp) || !has_assume_role(sp)) {
                auto found = profile_step(*source_profile, false);
                if (!found) return std::move(found).error();
                if (!*found)
                    return error::configuration("profile " + *source_profile,
                                                "is the source_profile of profile " + name +
                                                    " but has no credentials");
                source = std::move(**found);
            } else {
                auto chained = assume_role(*source_profile);
                if (!chained) return chained;
                source = std::move(*chained);
            }
        }
        if (!src_.assume_role)
            return error::configuration(where, "assuming a role needs an STS caller (credential_sources.assume_role)");
        assume_role_params params{*value(p, "role_arn"), value(p, "role_session_name").value_or(default_session_name()),
                                  value(p, "external_id"), std::nullopt, value(p, "region"), name};
        if (auto d = value(p, "duration_seconds")) {  // botocore ignores a value that is not an integer
            int n = 0;
            const auto [end, ec] = std::from_chars(d->data(), d->data() + d->size(), n);
            if (ec == std::errc{} && end == d->data() + d->size()) params.duration_seconds = n;
        }
        auto fetch = [source = std::move(*source), params, call = src_.assume_role]() -> result<credentials> {
            auto from = source.get();
            if (!from) return std::move(from).error();
            return call(*from, params);
        };
        return credentials_provider(std::move(fetch), where + ": assume role " + params.role_arn, src_.now);
    }

    // The profile's own providers in botocore's order: web identity, the credentials file's keys,
    // credential_process, the config file's keys.
    step profile_step(const std::string& profile, bool use_env) {
        for (auto next : {&credential_chain::web_identity_step, &credential_chain::credentials_file_step,
                          &credential_chain::process_step, &credential_chain::config_file_step}) {
            auto found = (this->*next)(profile, use_env);
            if (!found || *found) return found;
        }
        const profile_values* p = config_.profile(profile);
        if (p && (p->contains("sso_session") || p->contains("sso_start_url") || p->contains("sso_account_id")))
            return error::configuration("profile " + profile, "uses IAM Identity Center (SSO), which awsq does not "
                                                              "support yet; use `aws configure export-credentials`");
        return not_here();
    }

    // AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME, each else the profile's
    // web_identity_token_file / role_arn / role_session_name.
    step web_identity_step(const std::string& profile, bool use_env) {
        const profile_values* p = config_.profile(profile);
        const auto setting = [&](std::string_view key, std::string_view variable) -> std::optional<std::string> {
            if (use_env)
                if (auto v = src_.env.get(variable)) return v;
            return value(p, key);
        };
        const auto token_file = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE");
        if (!token_file || token_file->empty()) return not_here();
        const std::string where = use_env && src_.env.get("AWS_WEB_IDENTITY_TOKEN_FILE") ? "AWS_WEB_IDENTITY_TOKEN_FILE"
                                                                                         : "profile " + profile;
        const auto role_arn = setting("role_arn", "AWS_ROLE_ARN");
        if (!role_arn || role_arn->empty())
            return error::configuration(where, "a web identity token file is set but no role: set role_arn in the "
                                               "profile or AWS_ROLE_ARN");
        if (!src_.assume_role_with_web_identity)
            return error::configuration(where, "web identity needs an STS caller "
                                               "(credential_sources.assume_role_with_web_identity)");
        web_identity_params params{*role_arn, setting("role_session_name", "AWS_ROLE_SESSION_NAME")
                                                  .value_or(default_session_name()),
                                   {}, value(p, "region")};
        auto fetch = [params, path = *token_file, where,
                      call = src_.assume_role_with_web_identity]() mutable -> result<credentials> {
            auto token = read_whole_file(path);  // read again at each refresh: the token rotates
            if (!token) return error::configuration(where, "the web identity token file " + path + " could not be read");
            params.token = std::move(*token);
            return call(params);
        };
        return credentials_provider(std::move(fetch), where + ": web identity " + *role_arn, src_.now);
    }

    // aws_access_key_id / aws_secret_access_key / aws_security_token or aws_session_token of one file.
    static step static_keys(const profile_values* p, const std::string& where) {
        if (!p || !p->contains("aws_access_key_id")) return not_here();
        credentials c{*value(p, "aws_access_key_id"), {}, {}, {}};
        auto secret = value(p, "aws_secret_access_key");
        if (!secret) return error::configuration(where, "has aws_access_key_id but no aws_secret_access_key");
        c.secret_access_key = std::move(*secret);
        c.session_token = value(p, "aws_security_token");
        if (!c.session_token) c.session_token = value(p, "aws_session_token");
        if (c.session_token && c.session_token->empty()) c.session_token.reset();
        return credentials_provider(std::move(c), where);
    }
    step credentials_file_step(const std::string& profile, bool) {
        return static_keys(config_.credentials_profile(profile), config_.credentials_path() + " [" + profile + "]");
    }
    step config_file_step(const std::string& profile, bool) {
        return static_keys(config_.config_profile(profile),
                           config_.config_path() + (profile == "default" ? " [default]" : " [profile " + profile + "]"));
    }

    // credential_process: a command (split like a shell would, run without one) printing JSON Version 1.
    step process_step(const std::string& profile, bool) {
        const auto command = value(config_.profile(profile), "credential_process");
        if (!command) return not_here();
        const std::string where = "profile " + profile + " credential_process";
        auto argv = shell_split(*command);
        if (!argv || argv->empty())
            return error::configuration(where, "could not be split into words (an unclosed quote?)");
        auto fetch = [argv = std::move(*argv), where]() -> result<credentials> {
            const std::string program = "`" + argv.front() + "`";  // never the arguments: they may hold secrets
            auto ran = run_process(argv, where + " " + program);
            if (!ran) return std::move(ran).error();
            if (ran->exit_code != 0) {
                // Quote the last line of stderr (the process's own diagnostics), never stdout.
                std::string_view err = trim_config(ran->err);
                if (const auto nl = err.rfind('\n'); nl != std::string_view::npos) err.remove_prefix(nl + 1);
                std::string message = program + " exited with status " + std::to_string(ran->exit_code);
                if (!err.empty()) message += ": " + std::string(err.substr(0, 200));
                return error::configuration(where, message);
            }
            boost::system::error_code ec;
            const boost::json::value json = parse_json(ran->out, ec);
            const auto* object = ec ? nullptr : json.if_object();
            if (!object) return error::configuration(where, program + " did not print a JSON object");
            const auto* version = object->if_contains("Version");
            const bool one = version && ((version->is_int64() && version->get_int64() == 1) ||
                                         (version->is_uint64() && version->get_uint64() == 1) ||
                                         (version->is_double() && version->get_double() == 1.0));
            if (!one)
                return error::configuration(where, program + " printed " +
                                                       (version ? "an unsupported Version" : "no Version") +
                                                       "; the supported Version is 1");
            return credentials_from_json(ran->out, "SessionToken", false, where, program + "'s output");
        };
        return credentials_provider(std::move(fetch), where, src_.now);
    }

    // The container endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on 169.254.170.2) or _FULL_URI,
    // with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at each fetch) or _TOKEN as Authorization.
    step container_step(const std::string&, bool) {
        const auto relative = src_.env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        const auto full = src_.env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (!relative && !full) return not_here();
        const std::string where =
            relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
        auto url = parse_url(relative ? "http://169.254.170.2" + *relative : *full);
        if (!url || (url->scheme != "http" && url->scheme != "https"))
            return error::configuration(where, "is not an http URL");
        // Plain http only to a loopback address or the ECS/EKS agents' addresses, as botocore allows.
        if (url->scheme == "http" && !is_loopback(url->hostname) && url->hostname != "169.254.170.2" &&
            url->hostname != "169.254.170.23" && url->hostname != "fd00:ec2::23" && url->hostname != "localhost")
            return error::configuration(where, "host " + url->hostname +
                                                   " is not allowed: plain http goes only to a loopback address, "
                                                   "169.254.170.2, 169.254.170.23, fd00:ec2::23 or localhost");
        if (!src_.http) return error::configuration(where, "the container endpoint needs an HTTP transport");
        auto fetch = [url = std::move(*url), env = src_.env, http = src_.http, where]() -> result<credentials> {
            http_request request{"GET", url.scheme, url.host, url.path, {{"Accept", "application/json"}}, {}, {}};
            std::optional<std::string> token;
            if (auto file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
                token = read_whole_file(*file);
                if (!token)
                    return error::configuration("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                                                "the token file " + *file + " could not be read");
            } else {
                token = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
            }
            if (token) {
                if (token->find_first_of("\r\n") != std::string::npos)
                    return error::configuration(where, "the authorization token holds a line break");
                request.headers.emplace_back("Authorization", std::move(*token));
            }
            auto response = http(request);
            if (!response) return std::move(response).error();
            if (response->status != 200)
                return error::configuration(where, "the container endpoint answered HTTP " +
                                                       std::to_string(response->status));
            return credentials_from_json(response->body, "Token", true, where, "the container endpoint's answer");
        };
        return credentials_provider(std::move(fetch), "container endpoint", src_.now);
    }

    // IMDSv2: PUT a session token, GET the role's name, GET its credentials. Off when
    // AWS_EC2_METADATA_DISABLED=true.
    step imds_step(const std::string& profile, bool) {
        if (lower_ascii(src_.env.get("AWS_EC2_METADATA_DISABLED").value_or("")) == "true") return not_here();
        auto endpoint = src_.env.non_empty("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        if (!endpoint) endpoint = value(config_.profile(profile), "ec2_metadata_service_endpoint");
        if (!endpoint) {
            auto mode = src_.env.non_empty("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
            if (!mode) mode = value(config_.profile(profile), "ec2_metadata_service_endpoint_mode");
            endpoint = lower_ascii(mode.value_or("")) == "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
        }
        auto url = parse_url(*endpoint);
        if (!url) return error::configuration("AWS_EC2_METADATA_SERVICE_ENDPOINT", "not a URL: " + *endpoint);
        if (!src_.http) return not_here();
        std::string base = url->path;
        while (!base.empty() && base.back() == '/') base.pop_back();
        const std::string none = no_credentials_message(profile, config_) + " (The instance metadata service at " +
                                 url->scheme + "://" + url->host + " gave none: ";
        auto fetch = [url = std::move(*url), base, none, http = src_.http, now = src_.now]() -> result<credentials> {
            const auto fail = [&](const std::string& why) { return error::configuration("credentials", none + why + ")"); };
            const auto send = [&](std::string method, const std::string& path, http_headers headers) {
                return http(http_request{std::move(method), url.scheme, url.host, base + path, std::move(headers), {}, {}});
            };
            std::optional<std::string> token;
            auto put = send("PUT", "/latest/api/token", {{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}});
            if (put && put->status == 200) token = put->body;
            else if (put && put->status == 400) return fail("the token request was refused with HTTP 400");
            // Any other answer or no answer: botocore goes on without a token (IMDSv1).
            http_headers with_token;
            if (token) with_token.emplace_back("x-aws-ec2-metadata-token", *token);
            const std::string roles = "/latest/meta-data/iam/security-credentials/";
            auto role = send("GET", roles, with_token);
            if (!role) return fail(role.error().message());
            if (role->status != 200 || trim_config(role->body).empty())
                return fail("no role name (HTTP " + std::to_string(role->status) + ")");
            std::string_view name = trim_config(role->body);
            name = name.substr(0, name.find('\n'));
            auto creds = send("GET", roles + std::string(name), with_token);
            if (!creds) return fail(creds.error().message());
            if (creds->status != 200) return fail("no credentials for the role (HTTP " + std::to_string(creds->status) + ")");
            auto c = credentials_from_json(creds->body, "Token", true, "credentials", "its answer");
            if (!c) return fail(c.error().problems().front().message);
            // Static stability, as botocore: credentials the service hands out already (nearly) expired,
            // during an outage, are used a little longer (15 minutes plus 2 to 10) instead of failing.
            thread_local std::minstd_rand jitter{std::random_device{}()};
            const auto extension = std::chrono::minutes{15} + std::chrono::seconds{120 + jitter() % 481};
            const timestamp t = now();
            if (t >= *c->expiration - extension) c->expiration = t + extension;
            return c;
        };
        return credentials_provider(std::move(fetch), "instance metadata service", src_.now);
    }

    const credential_sources& src_;
    const shared_config& config_;
    std::vector<std::string> visited_;  // the source_profile chain, to refuse loops
};

}  // namespace detail

/// The credentials a client signs with, found in botocore's order: `explicit_credentials`; the
/// environment (skipped when the profile was named in the options); role_arn in the profile
/// (assume role); the profile's web identity, credentials-file keys, credential_process and
/// config-file keys; the container endpoint; the instance metadata service. Which one applies is
/// decided here, once, from the environment and the files; fetching (processes, HTTP, STS) happens in
/// get(). No credentials anywhere is a configuration error saying how to configure them.
inline result<credentials_provider> resolve_credentials(std::optional<credentials> explicit_credentials,
                                                        const credential_sources& sources) {
    if (explicit_credentials) {
        if (explicit_credentials->access_key_id.empty() || explicit_credentials->secret_access_key.empty())
            return error::configuration("credentials", "explicit credentials need both an access key ID and a "
                                                       "secret access key");
        return credentials_provider(std::move(*explicit_credentials));
    }
    const shared_config empty = shared_config::from_files({}, {});
    return detail::credential_chain(sources, sources.config ? *sources.config : empty).resolve();
}

}  // namespace awsq
