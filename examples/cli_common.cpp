// The awsq command line's parts that do not depend on an operation, compiled once (see cli.hpp).
#include "cli.hpp"
#include "replay.hpp"

#include <awsq/config_file.hpp>
#include <awsq/version.hpp>

#include <boost/json.hpp>

#include <iostream>
#include <thread>

namespace awsq_cli {

const service_entry* find_service(std::string_view name) {
    for (const auto& s : services())
        if (s.name == name) return &s;
    return nullptr;
}

const operation_entry* find_operation(const service_entry& service, std::string_view name) {
    for (auto group : service.operation_groups)
        for (const auto& op : group())
            if (op.name == name) return &op;
    return nullptr;
}

const waiter_entry* find_waiter(const service_entry& service, std::string_view name) {
    for (auto group : service.waiter_groups)
        for (const auto& w : group())
            if (w.name == name) return &w;
    return nullptr;
}

std::string version_line() {
    std::string out = "awsq/" + std::to_string(AWSQ_VERSION_MAJOR) + '.' + std::to_string(AWSQ_VERSION_MINOR) + '.' +
                      std::to_string(AWSQ_VERSION_PATCH) + " (";
    bool first = true;
    for (const auto& s : services()) {
        out += first ? "" : " ";
        out += s.name;
        first = false;
    }
    return out + ')';
}

int usage_failed(std::string_view message, std::string_view help_words) {
    std::cerr << "awsq: " << message << "\nTo see help text, run: awsq ";
    if (!help_words.empty()) std::cerr << help_words << ' ';
    std::cerr << "help\n";
    return exit_usage;
}

int report(const awsq::error& e, std::string_view operation) {
    switch (e.kind()) {
        case awsq::error_kind::service: {
            // As the AWS CLI words it; an empty <Code> says so instead of "An error occurred ()".
            const auto& s = e.service();
            std::cerr << "An error occurred";
            if (e.has_code()) std::cerr << " (" << s.code << ')';
            std::cerr << " when calling the " << operation << " operation";
            if (e.stopped() == awsq::retry_stop::max_attempts && e.attempts() > 1)
                std::cerr << " (reached max retries: " << e.attempts() - 1 << ')';
            std::cerr << ": ";
            if (!e.has_code()) {
                std::cerr << "HTTP " << s.http_status << " error with an empty error code";
                if (!s.message.empty()) std::cerr << ": ";
            }
            std::cerr << s.message << '\n';
            return exit_service;
        }
        case awsq::error_kind::invalid_request:
            std::cerr << "Invalid request:\n" << e.message() << '\n';
            return exit_usage;
        case awsq::error_kind::parse:
            std::cerr << "awsq: malformed response: " << e.message() << '\n';
            return exit_other;
        case awsq::error_kind::transport:
            std::cerr << "awsq: " << e.message() << '\n';
            return exit_other;
        case awsq::error_kind::configuration:
            std::cerr << "awsq: " << e.message() << '\n';
            return exit_configuration;
        case awsq::error_kind::waiter:  // as the AWS CLI: "Waiter X failed: ...", exit 255
            std::cerr << "awsq: " << e.message() << '\n';
            return exit_other;
    }
    return exit_other;
}

namespace {

/// The output after --query; nullopt (reported) when the expression fails on it.
std::optional<boost::json::value> queried(const output_settings& settings, boost::json::value doc) {
    if (!settings.query) return doc;
    auto found = awsq::jmespath::evaluate(*settings.query, doc);
    if (!found) {
        std::cerr << "awsq: --query: " << found.error().message() << '\n';
        return std::nullopt;
    }
    return std::move(*found);
}

/// --debug: each attempt's signed request as it goes out and what came back, on stderr, secrets masked.
void trace_request(const awsq::http_request& request) {
    for (const auto& [name, value] : request.headers)  // "attempt=2; max=3", after a ttl once known
        if (name == "amz-sdk-request") {
            const auto at = value.find("attempt=");
            std::string attempt = at == std::string::npos ? value : value.substr(at + 8);
            if (const auto semi = attempt.find(';'); semi != std::string::npos) attempt.replace(semi, 6, " of ");
            std::cerr << "awsq: attempt " << attempt << '\n';
        }
    std::cerr << "awsq: request: " << request.method << ' ' << request.scheme << "://" << request.host << request.path
              << '\n';
    for (const auto& [name, value] : request.headers)
        std::cerr << "awsq:   " << name << ": " << awsq::sigv4_masked(name, value) << '\n';
    std::cerr << "awsq: request body: " << request.body << '\n';
}

void trace_answer(const awsq::http_request&, const awsq::result<awsq::http_response>& answer) {
    if (!answer) {
        std::cerr << "awsq: transport error: " << answer.error().message() << '\n';
        return;
    }
    std::cerr << "awsq: response: HTTP " << answer->status << '\n';
    for (const auto& [name, value] : answer->headers)
        std::cerr << "awsq:   " << name << ": " << awsq::sigv4_masked(name, value) << '\n';
    std::cerr << "awsq: response body: " << answer->body << '\n';
}

}  // namespace

int print_output(const output_settings& settings, std::string_view title, boost::json::value doc,
                 const std::vector<boost::json::value>* text_pages, const std::optional<std::string>& next_token) {
    if (settings.format == output_format::text && text_pages) {
        for (const auto& page : *text_pages) {
            auto v = queried(settings, page);
            if (!v) return exit_other;
            format_text(std::cout, *v);
        }
        if (next_token) {
            auto v = queried(settings, boost::json::object{{"NextToken", boost::json::object{{"NextToken", *next_token}}}});
            if (!v) return exit_other;
            format_text(std::cout, *v);
        }
        return exit_ok;
    }
    auto v = queried(settings, std::move(doc));
    if (!v) return exit_other;
    switch (settings.format) {
        case output_format::json: format_json(std::cout, *v); break;
        case output_format::text: format_text(std::cout, *v); break;
        case output_format::table: format_table(std::cout, std::string(title), *v); break;
    }
    return exit_ok;
}

boost::json::value& at_path(boost::json::object& out, std::string_view path) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) return out[path];
    auto& inner = out[path.substr(0, dot)];
    if (!inner.is_object()) inner = boost::json::object{};
    return at_path(inner.as_object(), path.substr(dot + 1));
}

std::optional<output_settings> resolve_output(call_arguments& args) {
    output_settings out;
    out.query = std::move(args.query);
    std::optional<std::string> format_name, timestamps_text;
    std::string where;
    const awsq::environment env;
    if (!args.output) {
        if (auto v = env.non_empty("AWS_DEFAULT_OUTPUT")) format_name = v, where = "AWS_DEFAULT_OUTPUT";
    }
    if ((!args.output && !format_name) || !args.iso8601_timestamps) {
        if (auto config = awsq::shared_config::load(env))
            if (auto name = config->resolve_profile(args.profile, env)) {
                if (!args.output && !format_name)
                    if ((format_name = config->value(*name, "output"))) where = "profile " + *name + " output";
                if (!args.iso8601_timestamps) timestamps_text = config->value(*name, "cli_timestamp_format");
                if (timestamps_text && *timestamps_text != "iso8601" && *timestamps_text != "wire" &&
                    *timestamps_text != "none") {
                    std::cerr << "awsq: profile " << *name << " cli_timestamp_format: unknown value \""
                              << *timestamps_text << "\", valid values are wire and iso8601\n";
                    return std::nullopt;
                }
            }
    }
    if (args.output) out.format = *args.output;
    else if (format_name) {
        const auto f = output_format_named(*format_name);
        if (!f) {
            std::cerr << "awsq: " << where << ": unknown output type \"" << *format_name
                      << "\", valid types are json, text and table\n";
            return std::nullopt;
        }
        out.format = *f;
    }
    out.iso8601_timestamps = args.iso8601_timestamps ? *args.iso8601_timestamps : timestamps_text == "iso8601";
    return out;
}

awsq::result<source> open_source(const command_line& cl, const call_arguments& args) {
    awsq::client_options options{.region = args.region, .profile = args.profile, .endpoint_url = args.endpoint_url};
    if (cl.switches.contains("debug")) {  // whichever the transport: the client's own (its CA bundle, timeouts
        options.before_send = trace_request;  // and deadline) or the recordings
        options.after_send = trace_answer;
    }
    if (args.replay) {
        // Offline: the recordings answer, signed with fixed credentials, one attempt each, and nothing is read
        // from the environment or the config files.
        auto transport = replay_transport::load(*args.replay);
        if (!transport) return transport.error();
        options.transport = std::move(*transport);
        options.credentials = awsq::credentials{.access_key_id = "AKIDREPLAY", .secret_access_key = "replay"};
        options.region = args.region.value_or("us-east-1");
        options.environment = awsq::environment::from_map(
            {{"AWS_CONFIG_FILE", "/dev/null"}, {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}});
        options.max_attempts = 1;
        auto client = awsq::client::from_environment(std::move(options));
        if (!client) return client.error();
        return source{std::move(*client)};
    }
    options.connect_timeout = args.connect_timeout;
    options.read_timeout = args.read_timeout;
    if (cl.switches.contains("debug")) {
        options.sleep = [](std::chrono::microseconds delay) {
            std::cerr << "awsq: retrying after a delay of " << static_cast<double>(delay.count()) / 1e6 << " s\n";
            std::this_thread::sleep_for(delay);
        };
    }
    auto client = awsq::client::from_environment(std::move(options));
    if (!client) return client.error();
    return source{std::move(*client)};
}

std::function<void(std::chrono::microseconds)> waiter_sleep(const command_line& cl) {
    if (!cl.switches.contains("debug")) return {};
    return [](std::chrono::microseconds delay) {
        std::cerr << "awsq: waiting " << static_cast<double>(delay.count()) / 1e6 << " s before the next attempt\n";
        std::this_thread::sleep_for(delay);
    };
}

}  // namespace awsq_cli
