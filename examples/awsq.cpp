// awsq: the command line. Services, operations, flags and output all derive from the generated headers; the
// arguments are read by command_line.hpp, this file dispatches, calls and prints.
#include "command_line.hpp"
#include "replay.hpp"

#include <awsq/awsq.hpp>
#include <awsq/client.hpp>
#include <awsq/paginate.hpp>
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
using awsq_cli::kebab;
using awsq_cli::services;
using awsq_cli::usage_error;

// Exit codes, as the AWS CLI uses them where it has one.
constexpr int exit_ok = 0;
constexpr int exit_malformed = 1;      // a response awsq could not read
constexpr int exit_usage = 2;          // bad command line or invalid request
constexpr int exit_configuration = 253; // credentials, region or a config file could not be resolved
constexpr int exit_service = 254;      // the service answered with an error
constexpr int exit_other = 255;        // transport failure, anything else (no recording matched, ...)

// ---- JSON output, indented like the AWS CLI's ----------------------------------------------------
void print_json(std::ostream& out, const boost::json::value& v, int indent = 0) {
    const std::string pad(static_cast<std::size_t>(indent + 4), ' '), close(static_cast<std::size_t>(indent), ' ');
    switch (v.kind()) {
        case boost::json::kind::object: {
            const auto& o = v.get_object();
            if (o.empty()) { out << "{}"; return; }
            out << "{\n";
            for (auto it = o.begin(); it != o.end(); ++it) {
                out << pad << boost::json::serialize(boost::json::string_view(it->key())) << ": ";
                print_json(out, it->value(), indent + 4);
                out << (std::next(it) == o.end() ? "\n" : ",\n");
            }
            out << close << '}';
            return;
        }
        case boost::json::kind::array: {
            const auto& a = v.get_array();
            if (a.empty()) { out << "[]"; return; }
            out << "[\n";
            for (std::size_t i = 0; i < a.size(); ++i) {
                out << pad;
                print_json(out, a[i], indent + 4);
                out << (i + 1 == a.size() ? "\n" : ",\n");
            }
            out << close << ']';
            return;
        }
        case boost::json::kind::double_: {
            char buf[32];
            const auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
            out << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
            return;
        }
        default:
            out << boost::json::serialize(v);
    }
}

int usage(std::ostream& out, int code) {
    out << "usage: awsq SERVICE OPERATION [--MEMBER VALUE ...] [--cli-input-json JSON|@FILE]\n"
           "                [--max-items N] [--page-size N] [--starting-token T] [--no-paginate]\n"
           "                [--region R] [--profile P] [--endpoint-url URL] [--debug] [--dry-run] [--replay DIR]\n"
           "                [--cli-connect-timeout SECONDS] [--cli-read-timeout SECONDS]   (0: no timeout)\n"
           "       awsq parse SERVICE OPERATION [--status N]   (XML response on stdin, JSON on stdout)\n"
           "       awsq SERVICE OPERATION --help\n\n"
           "services and operations:\n";
    std::apply([&](auto... s) {
        (boost::mp11::mp_for_each<typename decltype(s)::operations_list>([&](auto op) {
             out << "  " << s.name << ' ' << kebab(decltype(op)::name) << '\n';
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
                 "  --cli-connect-timeout SECONDS  --cli-read-timeout SECONDS  (0: no timeout)\n";
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

/// The value at a dotted path ("EngineDefaults.Parameters") of `out`, made as objects where absent.
boost::json::value& at_path(boost::json::object& out, std::string_view path) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) return out[path];
    auto& inner = out[path.substr(0, dot)];
    if (!inner.is_object()) inner = boost::json::object{};
    return at_path(inner.as_object(), path.substr(dot + 1));
}

/// The call, or every page merged, over a transport or a client; prints the JSON output.
template <class Op, class Source>
int send(const Source& source, const typename Op::input_type& request, const awsq::pagination_options& pages,
         const awsq::call_options& call, bool no_paginate) {
    if constexpr (awsq::paginated<Op>) {
        if (!no_paginate) {
            // As the AWS CLI does: every result key's items of every page, at the key's path.
            constexpr std::size_t keys = Op::paginator.result_keys.size();
            auto range = awsq::paginate<Op>(source, request, pages, call);
            std::array<boost::json::array, keys> items;
            for (auto& page : range) {
                if (!page) return report<Op>(page.error());
                boost::mp11::mp_for_each<boost::mp11::mp_iota_c<keys>>([&](auto i) {
                    if (const auto* list = awsq::result_key<Op, i>(page->output))
                        for (const auto& item : *list) items[i].push_back(awsq::to_json(item));
                });
            }
            boost::json::object out;
            for (std::size_t i = 0; i < keys; ++i) at_path(out, Op::paginator.result_keys[i]) = std::move(items[i]);
            if (range.next_token()) out["NextToken"] = *range.next_token();
            print_json(std::cout, out);
            std::cout << '\n';
            return exit_ok;
        }
    }
    auto result = [&] {
        if constexpr (std::is_same_v<Source, awsq::client>) return awsq::call<Op>(source, request);
        else return awsq::call<Op>(source, request, call);
    }();
    if (!result) return report<Op>(result.error());
    print_json(std::cout, awsq::to_json(result->output));
    std::cout << '\n';
    return exit_ok;
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
    auto& [request, args] = std::get<awsq_cli::operation_arguments<Op>>(arguments);
    const auto& [call, pages, region, replay, endpoint_url, profile, connect_timeout, read_timeout] = args;

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
    if (replay) {
        auto transport = awsq_cli::replay_transport::load(*replay);
        if (!transport) return report<Op>(transport.error());
        return send<Op>(std::cref(*transport), request, pages, call, cl.switches.contains("no-paginate"));
    }
    // A real call: credentials, region and endpoint resolved as the AWS CLI does.
    awsq::client_options options{.region = region, .profile = profile, .endpoint_url = endpoint_url};
    options.connect_timeout = connect_timeout;
    options.read_timeout = read_timeout;
    if (cl.switches.contains("debug")) {
        awsq::curl_options curl;
        if (connect_timeout) curl.connect_timeout = *connect_timeout;
        if (read_timeout) curl.read_timeout = *read_timeout;
        options.transport = debug_transport{awsq::curl_transport{std::move(curl)}};
        options.sleep = [](std::chrono::microseconds delay) {
            std::cerr << "awsq: retrying after a delay of " << static_cast<double>(delay.count()) / 1e6 << " s\n";
            std::this_thread::sleep_for(delay);
        };
    }
    auto client = awsq::client::from_environment(std::move(options));
    if (!client) return report<Op>(client.error());
    return send<Op>(*client, request, pages, call, cl.switches.contains("no-paginate"));
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
    const auto& [parse_mode, service_word, operation_word] = std::get<awsq_cli::invocation>(words);
    const std::string_view service = service_word, operation = operation_word;  // lambdas capture these
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
