// awsq: the command line. Services, operations, flags and output all derive from the generated headers.
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
#include <cctype>
#include <charconv>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

namespace {

// Exit codes, as the AWS CLI uses them where it has one.
constexpr int exit_ok = 0;
constexpr int exit_malformed = 1;      // a response awsq could not read
constexpr int exit_usage = 2;          // bad command line or invalid request
constexpr int exit_configuration = 253; // credentials, region or a config file could not be resolved
constexpr int exit_service = 254;      // the service answered with an error
constexpr int exit_other = 255;        // transport failure, anything else (no recording matched, ...)

/// A service the command line knows: its name and its operations.
template <class Operations>
struct cli_service {
    using operations_list = Operations;
    std::string_view name;
};
constexpr auto services = std::tuple{cli_service<awsq::rds::operations>{"rds"},
                                     cli_service<awsq::redshift::operations>{"redshift"},
                                     cli_service<awsq::sts::operations>{"sts"}};

/// "DescribeExportTasks" -> "describe-export-tasks", "TotalExtractedDataInGB" -> "total-extracted-data-in-gb".
std::string kebab(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (std::isupper(c) && i > 0) {
            const auto prev = static_cast<unsigned char>(name[i - 1]);
            const bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
            if (std::islower(prev) || std::isdigit(prev) || (std::isupper(prev) && next_lower)) out += '-';
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

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

// ---- the command line ----------------------------------------------------------------------------
struct usage_error {
    std::string message;
};

/// --name value / --name=value pairs, switches, and positional words.
struct command_line {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::set<std::string> switches;
    std::set<std::string> valueless;          // --name given last or before another flag: no value
    std::optional<std::string> missing_value; // a known option taken without its value

    /// What is left after every known option was taken: the first unknown flag, or a missing value.
    std::optional<usage_error> leftovers() const {
        if (missing_value) return usage_error{"--" + *missing_value + " needs a value"};
        if (!options.empty()) return usage_error{"unknown option --" + options.begin()->first};
        if (!valueless.empty()) return usage_error{"unknown option --" + *valueless.begin()};
        return std::nullopt;
    }

    static constexpr std::string_view switch_names[] = {"help", "dry-run", "no-paginate", "debug"};

    static std::variant<command_line, usage_error> parse(int argc, char** argv) {
        command_line out;
        for (int i = 1; i < argc; ++i) {
            std::string_view arg = argv[i];
            if (arg == "-h") arg = "--help";
            if (!arg.starts_with("--")) {
                out.positional.emplace_back(arg);
                continue;
            }
            arg.remove_prefix(2);
            std::string name(arg.substr(0, arg.find('=')));
            if (std::find(std::begin(switch_names), std::end(switch_names), name) != std::end(switch_names)) {
                out.switches.insert(name);
            } else if (arg.find('=') != std::string_view::npos) {
                out.options[name] = std::string(arg.substr(arg.find('=') + 1));
            } else if (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--")) {
                out.options[name] = argv[++i];
            } else {
                out.valueless.insert(name);  // an error once it is known whether --name exists at all
            }
        }
        return out;
    }

    std::optional<std::string> take(const std::string& name) {
        if (valueless.erase(name)) missing_value = name;
        auto it = options.find(name);
        if (it == options.end()) return std::nullopt;
        std::string v = std::move(it->second);
        options.erase(it);
        return v;
    }
};

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

std::variant<boost::json::value, usage_error> parse_json_argument(const std::string& flag, std::string_view text);

/// A flag's text as the JSON value from_json expects: scalars as given, the rest parsed as JSON.
template <class T>
std::variant<boost::json::value, usage_error> flag_value(const std::string& flag, const std::string& text) {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        return flag_value<typename T::value_type>(flag, text);
    } else if constexpr (awsq::integer_type<T>) {
        // Read into the member's own type: a value out of its range is refused, never wrapped.
        T v = 0;
        const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec == std::errc::result_out_of_range)
            return usage_error{"--" + flag + ": " + text + " is out of range (" +
                               std::to_string(std::numeric_limits<T>::min()) + " to " +
                               std::to_string(std::numeric_limits<T>::max()) + ")"};
        if (ec != std::errc{} || p != text.data() + text.size())
            return usage_error{"--" + flag + ": \"" + text + "\" is not an integer"};
        return boost::json::value(static_cast<std::int64_t>(v));
    } else if constexpr (awsq::floating_type<T>) {
        double v = 0;
        const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc{} || p != text.data() + text.size())
            return usage_error{"--" + flag + ": \"" + text + "\" is not a number"};
        return boost::json::value(v);
    } else if constexpr (awsq::boolean_type<T>) {
        if (text != "true" && text != "false") return usage_error{"--" + flag + ": expected true or false"};
        return boost::json::value(text == "true");
    } else if constexpr (awsq::described_struct<T> || awsq::list_type<T> || awsq::map_type<T>) {
        return parse_json_argument("--" + flag, text);
    } else {
        return boost::json::value(text);
    }
}

/// Where the first byte that is not well-formed UTF-8 is; text.size() when there is none.
std::size_t invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > text.size()) return i;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return i;
        i += n;
    }
    return text.size();
}

/// JSON text of a flag, or a usage error saying what is wrong with it and where (line and column).
std::variant<boost::json::value, usage_error> parse_json_argument(const std::string& flag, std::string_view text) {
    boost::system::error_code ec;
    boost::json::parse_options limits;
    limits.max_depth = 64;
    boost::json::stream_parser parser({}, limits);
    const std::size_t used = parser.write_some(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (!ec) return parser.release();
    std::size_t at = std::min(used, text.size());
    std::string why = ec.message();
    if (ec == boost::json::error::too_deep) why = "nested deeper than 64 levels";
    if (const auto bad = invalid_utf8(text); bad < text.size()) at = bad, why = "invalid UTF-8";
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
    }
    return usage_error{flag + ": not JSON: " + why + " at line " + std::to_string(line) + ", column " +
                       std::to_string(column)};
}

std::variant<std::string, usage_error> read_argument_file(const std::string& text) {
    if (!text.starts_with("@")) return text;
    std::error_code fs_error;
    if (std::filesystem::is_directory(text.substr(1), fs_error))
        return usage_error{"cannot read " + text.substr(1) + ": it is a directory"};
    std::ifstream in(text.substr(1), std::ios::binary);
    if (!in) return usage_error{"cannot read " + text.substr(1) + ": " + std::strerror(errno)};
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

/// The operation's input from --cli-input-json and the member flags (flags win).
template <class Op>
std::variant<typename Op::input_type, usage_error, awsq::error> read_input(command_line& cl) {
    using In = typename Op::input_type;
    boost::json::object input;
    if (auto text = cl.take("cli-input-json")) {
        auto json_text = read_argument_file(*text);
        if (auto* e = std::get_if<usage_error>(&json_text)) return *e;
        auto v = parse_json_argument("--cli-input-json", std::get<std::string>(json_text));
        if (auto* e = std::get_if<usage_error>(&v)) return *e;
        auto& json = std::get<boost::json::value>(v);
        if (!json.is_object())
            return usage_error{std::string("--cli-input-json: expected a JSON object, got ") +
                               (json.is_array() ? "an array" : json.is_string() ? "a string" : "a scalar")};
        input = std::move(json.get_object());
    }
    std::optional<usage_error> bad;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<In>::members)>>([&](auto i) {
        using D = boost::mp11::mp_at_c<awsq::members_of<In>, i>;
        using T = std::remove_cvref_t<decltype(std::declval<In&>().*D::pointer)>;
        const auto name = awsq::facts_of<In, i>().name;
        const std::string flag = kebab(name);
        if (auto text = cl.take(flag); text && !bad) {
            auto v = flag_value<T>(flag, *text);
            if (auto* e = std::get_if<usage_error>(&v)) bad = *e;
            else input[name] = std::move(std::get<boost::json::value>(v));
        }
    });
    if (bad) return *bad;
    auto parsed = awsq::from_json<In>(boost::json::value(std::move(input)));
    if (!parsed) return parsed.error();
    return std::move(*parsed);
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
    auto input = read_input<Op>(cl);
    if (auto* e = std::get_if<usage_error>(&input)) {
        std::cerr << "awsq: " << e->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    if (auto* e = std::get_if<awsq::error>(&input)) return report<Op>(*e);
    auto& request = std::get<typename Op::input_type>(input);

    awsq::call_options call;
    const auto region = cl.take("region");
    if (region) call.region = *region;
    awsq::pagination_options pages;
    std::optional<usage_error> bad;
    auto number = [&](const char* name, auto& out) {
        if (auto text = cl.take(name)) {
            auto v = flag_value<std::remove_cvref_t<decltype(out)>>(name, *text);
            if (auto* e = std::get_if<usage_error>(&v)) bad = *e;
            else if (auto* j = std::get_if<boost::json::value>(&v))  // in range: flag_value read it as out's type
                out = static_cast<typename std::remove_cvref_t<decltype(out)>::value_type>(j->as_int64());
        }
    };
    number("max-items", pages.max_items);
    number("page-size", pages.page_size);
    pages.starting_token = cl.take("starting-token");
    const auto replay = cl.take("replay");
    auto endpoint_url = cl.take("endpoint-url");
    auto profile = cl.take("profile");
    // --cli-connect-timeout / --cli-read-timeout: whole seconds, as the AWS CLI takes them; 0: none.
    std::optional<std::chrono::milliseconds> connect_timeout, read_timeout;
    for (auto [name, out] : {std::pair{"cli-connect-timeout", &connect_timeout},
                             std::pair{"cli-read-timeout", &read_timeout}}) {
        if (auto text = cl.take(name)) {
            std::int64_t seconds = -1;
            const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
            if (ec != std::errc{} || p != text->data() + text->size() || seconds < 0 || seconds > 2'000'000)
                bad = usage_error{std::string("--") + name +
                                  ": expected a whole number of seconds from 0 to 2000000, got \"" + *text + '"'};
            else *out = std::chrono::seconds(seconds);
        }
    }
    if (!bad) bad = cl.leftovers();
    if (bad) {
        std::cerr << "awsq: " << bad->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }

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
    awsq::client_options options{.region = region, .profile = std::move(profile), .endpoint_url = std::move(endpoint_url)};
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
    int status = 200;
    if (auto text = cl.take("status")) {
        const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), status);
        if (ec != std::errc{} || p != text->data() + text->size()) {
            std::cerr << "awsq: --status: \"" << *text << "\" is not a number\n";
            return exit_usage;
        }
    }
    if (auto bad = cl.leftovers()) {
        std::cerr << "awsq: " << bad->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    const std::string body{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    auto parsed = awsq::parse_response<Op>(status, body);
    if (!parsed) return report<Op>(parsed.error());
    print_json(std::cout, awsq::to_json(*parsed));
    std::cout << '\n';
    return exit_ok;
}

/// Finds SERVICE OPERATION among the generated descriptors and runs `f.template operator()<Op>(service)`.
template <class F>
std::optional<int> dispatch(std::string_view service, std::string_view operation, F&& f) {
    std::optional<int> code;
    std::apply([&](auto... s) {
        (boost::mp11::mp_for_each<typename decltype(s)::operations_list>([&](auto op) {
             using Op = decltype(op);
             if (!code && s.name == service && kebab(Op::name) == operation)
                 code = f.template operator()<Op>(s.name);
         }),
         ...);
    }, services);
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = command_line::parse(argc, argv);
    if (auto* e = std::get_if<usage_error>(&parsed)) {
        std::cerr << "awsq: " << e->message << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    auto& cl = std::get<command_line>(parsed);
    const bool parse_mode = !cl.positional.empty() && cl.positional[0] == "parse";
    const std::size_t words = parse_mode ? 3 : 2;
    if (cl.positional.size() < words) {
        const bool help = cl.switches.contains("help");
        return usage(help ? std::cout : std::cerr, help ? exit_ok : exit_usage);
    }
    if (cl.positional.size() > words) {
        std::cerr << "awsq: unexpected argument " << cl.positional[words] << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    const std::string_view service = cl.positional[words - 2], operation = cl.positional[words - 1];
    const auto code = parse_mode
        ? dispatch(service, operation, [&]<class Op>(std::string_view) {
              if (cl.switches.contains("help")) {
                  std::cout << "usage: awsq parse " << service << ' ' << operation
                            << " [--status N] < response.xml\n";
                  return exit_ok;
              }
              return run_parse<Op>(cl);
          })
        : dispatch(service, operation, [&]<class Op>(std::string_view name) { return run_operation<Op>(name, cl); });
    if (!code) {
        std::cerr << "awsq: unknown service or operation: " << service << ' ' << operation << "\n\n";
        return usage(std::cerr, exit_usage);
    }
    return *code;
}
