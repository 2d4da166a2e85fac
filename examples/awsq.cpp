// awsq: the command line. Services, operations, flags and output all derive from the generated headers; the
// arguments are read by command_line.hpp, this file dispatches, calls and prints.
#include "command_line.hpp"
#include "output.hpp"
#include "replay.hpp"

#include <awsq/awsq.hpp>
#include <awsq/client.hpp>
#include <awsq/config_file.hpp>
#include <awsq/jmespath.hpp>
#include <awsq/paginate.hpp>
#include <awsq/waiter.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/sts.hpp>

#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

namespace {

using awsq_cli::command_line;
using awsq_cli::output_format;
using awsq_cli::print_json;
using awsq_cli::kebab;
using awsq_cli::services;
using awsq_cli::usage_error;

// Exit codes, as the AWS CLI uses them where it has one.
constexpr int exit_ok = 0;
constexpr int exit_malformed = 1;      // a response awsq could not read
constexpr int exit_usage = 252;        // bad command line or invalid request (AWS CLI v2)
constexpr int exit_configuration = 253; // credentials, region or a config file could not be resolved
constexpr int exit_service = 254;      // the service answered with an error
constexpr int exit_other = 255;        // transport failure, anything else (no recording matched, ...)

int usage(std::ostream& out, int code) {
    out << "usage: awsq SERVICE OPERATION [--MEMBER VALUE ...] [--cli-input-json JSON|@FILE]\n"
           "                [--max-items N] [--page-size N] [--starting-token T] [--no-paginate]\n"
           "                [--region R] [--profile P] [--endpoint-url URL] [--debug] [--dry-run] [--replay DIR]\n"
           "                [--cli-connect-timeout SECONDS] [--cli-read-timeout SECONDS]   (0: no timeout)\n"
           "                [--output json|text|table] [--query JMESPATH] [--cli-timestamp-format wire|iso8601]\n"
           "       awsq SERVICE wait WAITER [--MEMBER VALUE ...] [--region R] [--profile P] [--endpoint-url URL] ...\n"
           "       awsq parse SERVICE OPERATION [--status N]   (XML response on stdin, JSON on stdout)\n"
           "       awsq SERVICE OPERATION --help\n\n"
           "services and operations:\n";
    std::apply([&](auto... s) {
        (boost::mp11::mp_for_each<typename decltype(s)::operations_list>([&](auto op) {
             out << "  " << s.name << ' ' << kebab(decltype(op)::name) << '\n';
         }),
         ...);
    }, services);
    out << "waiters:\n";
    std::apply([&](auto... s) {
        (boost::mp11::mp_for_each<typename decltype(s)::waiters_list>([&](auto w) {
             out << "  " << s.name << " wait " << kebab(decltype(w)::name) << "   (" << decltype(w)::operation::name
                 << ")\n";
         }),
         ...);
    }, services);
    return code;
}

/// How a member is given on the command line, by the same ladder as every algorithm.
template <class T>
std::string_view value_syntax() {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) return value_syntax<typename T::value_type>();
    else if constexpr (awsq::described_struct<T> || awsq::list_type<T> || awsq::map_type<T>) return "<json>";
    else if constexpr (awsq::open_enum_type<T>) return "<enum>";
    else if constexpr (awsq::string_type<T>) return "<string>";
    else if constexpr (awsq::boolean_type<T>) return "<true|false>";
    else if constexpr (awsq::integer_type<T>) return "<integer>";
    else if constexpr (awsq::floating_type<T>) return "<number>";
    else if constexpr (awsq::timestamp_type<T>) return "<timestamp>";
    else if constexpr (awsq::blob_type<T>) return "<base64>";
    else static_assert(awsq::unsupported_type<T>, "awsq: no command-line syntax for this member type");
}

template <class Op>
void print_operation_help(std::string_view service) {
    using In = typename Op::input_type;
    std::cout << "usage: awsq " << service << ' ' << kebab(Op::name) << " [options]\n\n  " << Op::name << " ("
              << Op::service.service_id << " API " << Op::service.api_version << ")\n\noptions:\n";
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<In>::members)>>([](auto i) {
        using D = boost::mp11::mp_at_c<awsq::members_of<In>, i>;
        using T = std::remove_cvref_t<decltype(std::declval<In&>().*D::pointer)>;
        const auto& facts = awsq::facts_of<In, i>();
        std::cout << "  --" << kebab(facts.name) << ' ' << value_syntax<T>();
        if (facts.required) std::cout << "  (required)";
        if (facts.shape && (facts.shape->min || facts.shape->max))
            std::cout << "  [" << facts.shape->min.value_or(0) << ".." << facts.shape->max.value_or(0) << ']';
        std::cout << '\n';
    });
    std::cout << "  --cli-input-json <json>|@file\n";
    if constexpr (awsq::paginated<Op>)
        std::cout << "  --max-items N  --page-size N  --starting-token T  --no-paginate\n";
    std::cout << "  --region R  --profile P  --endpoint-url URL  --debug  --dry-run  --replay DIR\n"
                 "  --cli-connect-timeout SECONDS  --cli-read-timeout SECONDS  (0: no timeout)\n"
                 "  --output json|text|table  --query JMESPATH  --cli-timestamp-format wire|iso8601\n";
}

/// Reports a failed call on stderr and gives its exit code.
template <class Op>
int report(const awsq::error& e) {
    switch (e.kind()) {
        case awsq::error_kind::service: {
            // As the AWS CLI words it; an empty <Code> says so instead of "An error occurred ()".
            const auto& s = e.service();
            std::cerr << "An error occurred";
            if (e.has_code()) std::cerr << " (" << s.code << ')';
            std::cerr << " when calling the " << Op::name << " operation";
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
            return exit_malformed;
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

/// How the output is written: --output, --query, --cli-timestamp-format, resolved.
struct output_settings {
    output_format format = output_format::json;
    bool iso8601_timestamps = false;  // "+00:00" as the AWS CLI v2 prints them, not awsq's "Z"
    std::optional<awsq::jmespath::expression> query;
};

/// Rewrites the timestamps of a T written by awsq::to_json ("...Z") as Python's isoformat ("...+00:00"),
/// found by T's members, never by the look of a string.
template <class T>
void iso8601_timestamps(boost::json::value& v) {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        iso8601_timestamps<typename T::value_type>(v);
    } else if constexpr (awsq::described_struct<T>) {
        auto* o = v.if_object();
        if (!o) return;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<T>::members)>>([&](auto i) {
            using D = boost::mp11::mp_at_c<awsq::members_of<T>, i>;
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            if constexpr (!awsq::string_type<M> && !awsq::integer_type<M> && !awsq::boolean_type<M>)
                if (auto* m = o->if_contains(awsq::facts_of<T, i>().name)) iso8601_timestamps<M>(*m);
        });
    } else if constexpr (awsq::list_type<T>) {
        if (auto* a = v.if_array())
            for (auto& e : *a) iso8601_timestamps<typename T::value_type>(e);
    } else if constexpr (awsq::map_type<T>) {
        if (auto* o = v.if_object())
            for (auto& kv : *o) iso8601_timestamps<typename T::mapped_type>(kv.value());
    } else if constexpr (awsq::timestamp_type<T>) {
        if (auto* s = v.if_string(); s && s->ends_with('Z')) {
            s->pop_back();
            s->append("+00:00");
        }
    }
}

template <class T>
boost::json::value output_json(const T& value, const output_settings& settings) {
    auto json = awsq::to_json(value);
    if (settings.iso8601_timestamps) iso8601_timestamps<T>(json);
    return json;
}

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

/// Prints `doc` (the merged pages) as --output says, after --query. The text format, as the AWS CLI's,
/// writes a paginated listing page by page (`text_pages`, each queried alone), then the resume token.
int print_output(const output_settings& settings, std::string_view title, boost::json::value doc,
                 const std::vector<boost::json::value>* text_pages = nullptr,
                 const std::optional<std::string>& next_token = std::nullopt) {
    if (settings.format == output_format::text && text_pages) {
        for (const auto& page : *text_pages) {
            auto v = queried(settings, page);
            if (!v) return exit_other;
            awsq_cli::format_text(std::cout, *v);
        }
        if (next_token) {
            auto v = queried(settings, boost::json::object{{"NextToken", boost::json::object{{"NextToken", *next_token}}}});
            if (!v) return exit_other;
            awsq_cli::format_text(std::cout, *v);
        }
        return exit_ok;
    }
    auto v = queried(settings, std::move(doc));
    if (!v) return exit_other;
    switch (settings.format) {
        case output_format::json: awsq_cli::format_json(std::cout, *v); break;
        case output_format::text: awsq_cli::format_text(std::cout, *v); break;
        case output_format::table: awsq_cli::format_table(std::cout, std::string(title), *v); break;
    }
    return exit_ok;
}

/// The value at a dotted path ("EngineDefaults.Parameters") of `out`, made as objects where absent.
boost::json::value& at_path(boost::json::object& out, std::string_view path) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) return out[path];
    auto& inner = out[path.substr(0, dot)];
    if (!inner.is_object()) inner = boost::json::object{};
    return at_path(inner.as_object(), path.substr(dot + 1));
}

/// The call, or every page merged, over a transport or a client; prints the output.
template <class Op, class Source>
int send(const Source& source, const typename Op::input_type& request, const awsq::pagination_options& pages,
         const awsq::call_options& call, bool no_paginate, const output_settings& settings) {
    if constexpr (awsq::paginated<Op>) {
        if (!no_paginate) {
            // As botocore's build_full_result: every result key's items of every page at the key's path
            // (a key no page had stays absent), then NextToken when max_items stopped early.
            constexpr std::size_t keys = Op::paginator.result_keys.size();
            auto range = awsq::paginate<Op>(source, request, pages, call);
            boost::json::object merged;
            std::vector<boost::json::value> text_pages;  // --output text: each page's result keys alone
            for (auto& page : range) {
                if (!page) return report<Op>(page.error());
                boost::json::object one;
                boost::mp11::mp_for_each<boost::mp11::mp_iota_c<keys>>([&](auto i) {
                    const auto path = Op::paginator.result_keys[i];
                    const auto* list = awsq::result_key<Op, i>(page->output);
                    if (!list) {
                        at_path(one, path) = nullptr;  // botocore's text output then prints "None"
                        return;
                    }
                    boost::json::array items;
                    for (const auto& item : *list) items.push_back(output_json(item, settings));
                    auto& all = at_path(merged, path);
                    if (auto* a = all.if_array()) a->insert(a->end(), items.begin(), items.end());
                    else all = items;
                    at_path(one, path) = std::move(items);
                });
                if (settings.format == output_format::text) text_pages.emplace_back(std::move(one));
            }
            if (range.next_token()) merged["NextToken"] = *range.next_token();
            return print_output(settings, Op::name, std::move(merged), &text_pages, range.next_token());
        }
    }
    auto result = [&] {
        if constexpr (std::is_same_v<Source, awsq::client>) return awsq::call<Op>(source, request);
        else return awsq::call<Op>(source, request, call);
    }();
    if (!result) return report<Op>(result.error());
    return print_output(settings, Op::name, output_json(result->output, settings));
}

/// --debug: the signed request and the answer on stderr, as sent and received, secrets masked.
struct debug_transport {
    awsq::curl_transport inner;

    awsq::result<awsq::http_response> operator()(const awsq::http_request& request) const {
        for (const auto& [name, value] : request.headers)  // "attempt=2; max=3", after a ttl once known
            if (name == "amz-sdk-request") {
                const auto at = value.find("attempt=");
                std::string attempt = at == std::string::npos ? value : value.substr(at + 8);
                if (const auto semi = attempt.find(';'); semi != std::string::npos) attempt.replace(semi, 6, " of ");
                std::cerr << "awsq: attempt " << attempt << '\n';
            }
        std::cerr << "awsq: request: " << request.method << ' ' << request.scheme << "://" << request.host
                  << request.path << '\n';
        for (const auto& [name, value] : request.headers)
            std::cerr << "awsq:   " << name << ": " << awsq::sigv4_masked(name, value) << '\n';
        std::cerr << "awsq: request body: " << request.body << '\n';
        auto answer = inner(request);
        if (!answer) {
            std::cerr << "awsq: transport error: " << answer.error().message() << '\n';
            return answer;
        }
        std::cerr << "awsq: response: HTTP " << answer->status << '\n';
        for (const auto& [name, value] : answer->headers)
            std::cerr << "awsq:   " << name << ": " << awsq::sigv4_masked(name, value) << '\n';
        std::cerr << "awsq: response body: " << answer->body << '\n';
        return answer;
    }
};

/// --output, else AWS_DEFAULT_OUTPUT, else the profile's `output`, else json; --cli-timestamp-format, else the
/// profile's `cli_timestamp_format`, else wire (awsq's own ISO 8601 with "Z", as before). A bad setting in the
/// environment or profile is a configuration error; a config file awsq cannot read is left to the call to report.
std::optional<output_settings> resolve_output(awsq_cli::call_arguments& args) {
    output_settings out;
    out.query = std::move(args.query);
    std::optional<std::string> format_text, timestamps_text;
    std::string where;
    const awsq::environment env;
    if (!args.output) {
        if (auto v = env.non_empty("AWS_DEFAULT_OUTPUT")) format_text = v, where = "AWS_DEFAULT_OUTPUT";
    }
    if ((!args.output && !format_text) || !args.iso8601_timestamps) {
        if (auto config = awsq::shared_config::load(env))
            if (auto name = config->resolve_profile(args.profile, env)) {
                if (!args.output && !format_text)
                    if ((format_text = config->value(*name, "output"))) where = "profile " + *name + " output";
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
    else if (format_text) {
        const auto f = awsq_cli::output_format_named(*format_text);
        if (!f) {
            std::cerr << "awsq: " << where << ": unknown output type \"" << *format_text
                      << "\", valid types are json, text and table\n";
            return std::nullopt;
        }
        out.format = *f;
    }
    out.iso8601_timestamps = args.iso8601_timestamps ? *args.iso8601_timestamps : timestamps_text == "iso8601";
    return out;
}

/// Calls `f` with where requests go: the recordings of --replay, or a client resolved as the AWS CLI
/// resolves one (credentials, region, endpoint, --debug's transport).
template <class Op, class F>
int with_source(const command_line& cl, const awsq_cli::call_arguments& args, F&& f) {
    if (args.replay) {
        auto transport = awsq_cli::replay_transport::load(*args.replay);
        if (!transport) return report<Op>(transport.error());
        return f(std::cref(*transport));
    }
    awsq::client_options options{.region = args.region, .profile = args.profile, .endpoint_url = args.endpoint_url};
    options.connect_timeout = args.connect_timeout;
    options.read_timeout = args.read_timeout;
    if (cl.switches.contains("debug")) {
        awsq::curl_options curl;
        if (args.connect_timeout) curl.connect_timeout = *args.connect_timeout;
        if (args.read_timeout) curl.read_timeout = *args.read_timeout;
        options.transport = debug_transport{awsq::curl_transport{std::move(curl)}};
        options.sleep = [](std::chrono::microseconds delay) {
            std::cerr << "awsq: retrying after a delay of " << static_cast<double>(delay.count()) / 1e6 << " s\n";
            std::this_thread::sleep_for(delay);
        };
    }
    auto client = awsq::client::from_environment(std::move(options));
    if (!client) return report<Op>(client.error());
    return f(*client);
}

template <class Op>
int run_operation(std::string_view service, command_line& cl) {
    if (cl.switches.contains("help")) {
        print_operation_help<Op>(service);
        return exit_ok;
    }
    auto arguments = awsq_cli::read_operation<Op>(cl);
    if (auto* e = std::get_if<usage_error>(&arguments)) {
        std::cerr << "awsq: " << e->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    if (auto* e = std::get_if<awsq::error>(&arguments)) return report<Op>(*e);
    auto& parsed = std::get<awsq_cli::operation_arguments<Op>>(arguments);  // named: lambdas capture them
    auto& request = parsed.input;
    auto& args = parsed.options;
    const auto& call = args.call;
    const auto& pages = args.pages;

    if (cl.switches.contains("dry-run")) {
        if (pages.page_size) {
            if constexpr (awsq::paginated<Op>) {
                constexpr auto limit = awsq::detail::member_index<typename Op::input_type>(Op::paginator.limit_key);
                if constexpr (limit != awsq::detail::no_member)
                    request.*awsq::detail::member_pointer<typename Op::input_type, limit> = *pages.page_size;
            }
        }
        auto http = awsq::to_http_request<Op>(request, call.region);
        if (!http) return report<Op>(http.error());
        std::cout << http->method << ' ' << http->scheme << "://" << http->host << http->path << '\n';
        for (const auto& [k, v] : http->headers) std::cout << k << ": " << v << '\n';
        std::cout << '\n' << http->body << '\n';
        return exit_ok;
    }
    const auto settings = resolve_output(args);
    if (!settings) return exit_configuration;
    const bool no_paginate = cl.switches.contains("no-paginate");
    return with_source<Op>(cl, args, [&](const auto& source) {
        return send<Op>(source, request, pages, call, no_paginate, *settings);
    });
}

/// `awsq SERVICE wait WAITER [operation flags]`: as `aws SERVICE wait`, silent on success (exit 0); a waiter
/// that fails or runs out of attempts says so on stderr (exit 255).
template <class W>
int run_wait(std::string_view service, command_line& cl) {
    using Op = typename W::operation;
    if (cl.switches.contains("help")) {
        std::cout << "awsq " << service << " wait " << kebab(W::name) << ": calls " << kebab(Op::name) << " every "
                  << std::chrono::duration_cast<std::chrono::seconds>(W::delay).count() << " s, at most "
                  << W::max_attempts << " times, until it is done; silent on success.\n\n";
        print_operation_help<Op>(service);
        return exit_ok;
    }
    auto arguments = awsq_cli::read_operation<Op>(cl);
    if (auto* e = std::get_if<usage_error>(&arguments)) {
        std::cerr << "awsq: " << e->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    if (auto* e = std::get_if<awsq::error>(&arguments)) return report<Op>(*e);
    auto& parsed = std::get<awsq_cli::operation_arguments<Op>>(arguments);  // named: lambdas capture them
    auto& request = parsed.input;
    auto& args = parsed.options;
    awsq::wait_options options{.call = args.call};
    if (cl.switches.contains("debug"))
        options.sleep = [](std::chrono::microseconds delay) {
            std::cerr << "awsq: waiting " << static_cast<double>(delay.count()) / 1e6 << " s before the next attempt\n";
            std::this_thread::sleep_for(delay);
        };
    return with_source<Op>(cl, args, [&](const auto& source) {
        auto done = awsq::wait<W>(source, request, options);
        return done ? exit_ok : report<Op>(done.error());
    });
}

template <class Op>
int run_parse(command_line& cl) {
    const auto status = awsq_cli::read_status(cl);
    if (auto* e = std::get_if<usage_error>(&status)) {
        std::cerr << "awsq: " << e->message << '\n';
        return exit_usage;
    }
    if (auto bad = cl.leftovers()) {
        std::cerr << "awsq: " << bad->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    const std::string body{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    auto parsed = awsq::parse_response<Op>(std::get<int>(status), body);
    if (!parsed) return report<Op>(parsed.error());
    print_json(std::cout, awsq::to_json(*parsed));
    std::cout << '\n';
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = command_line::parse(argc, argv);
    if (auto* e = std::get_if<usage_error>(&parsed)) {
        std::cerr << "awsq: " << e->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    auto& cl = std::get<command_line>(parsed);
    const auto words = awsq_cli::read_invocation(cl);
    if (std::holds_alternative<awsq_cli::too_few_words>(words)) {
        const bool help = cl.switches.contains("help");
        return usage(help ? std::cout : std::cerr, help ? exit_ok : exit_usage);
    }
    if (auto* e = std::get_if<usage_error>(&words)) {
        std::cerr << "awsq: " << e->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    const auto& [parse_mode, service_word, operation_word, wait_mode] = std::get<awsq_cli::invocation>(words);
    const std::string_view service = service_word, operation = operation_word;  // lambdas capture these
    if (wait_mode) {
        const auto code = awsq_cli::dispatch_waiter(
            service, operation, [&]<class W>(std::string_view name) { return run_wait<W>(name, cl); });
        if (!code) {
            std::cerr << "awsq: unknown waiter: " << service << " wait " << operation << "\n\n";
            return usage(std::cerr, exit_usage);
        }
        return *code;
    }
    const auto code = parse_mode
        ? awsq_cli::dispatch(service, operation, [&]<class Op>(std::string_view) {
              if (cl.switches.contains("help")) {
                  std::cout << "usage: awsq parse " << service << ' ' << operation
                            << " [--status N] < response.xml\n";
                  return exit_ok;
              }
              return run_parse<Op>(cl);
          })
        : awsq_cli::dispatch(service, operation,
                             [&]<class Op>(std::string_view name) { return run_operation<Op>(name, cl); });
    if (!code) {
        std::cerr << "awsq: unknown service or operation: " << service << ' ' << operation << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    return *code;
}
