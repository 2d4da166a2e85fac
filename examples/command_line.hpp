// The awsq command line's arguments, read into a command_line and an operation's typed input, with the usage
// errors the CLI prints. No output and no process exit; the only I/O is reading a `@FILE` argument.
#pragma once

#include "output.hpp"

#include <awsq/awsq.hpp>
#include <awsq/jmespath.hpp>
#include <awsq/json.hpp>
#include <awsq/paginate.hpp>

#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace awsq_cli {

/// The AWS CLI's name of a member (and the generator's of an operation), by botocore's xform_name:
/// "DescribeExportTasks" -> "describe-export-tasks", "TotalExtractedDataInGB" -> "total-extracted-data-in-gb",
/// a trailing plural acronym one word: "ResourceARNs" -> "resource-arns".
inline std::string kebab(std::string_view name) {
    std::size_t plural = name.size();  // where a trailing [A-Z]{2,}s starts
    if (name.size() >= 3 && name.back() == 's') {
        std::size_t at = name.size() - 1;
        while (at > 0 && std::isupper(static_cast<unsigned char>(name[at - 1]))) --at;
        if (name.size() - 1 - at >= 2) plural = at;
    }
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (i == plural && i > 0) out += '-';
        else if (std::isupper(c) && i > 0 && i < plural) {
            const auto prev = static_cast<unsigned char>(name[i - 1]);
            const bool next_lower = i + 1 < plural && std::islower(static_cast<unsigned char>(name[i + 1]));
            if (std::islower(prev) || std::isdigit(prev) || (std::isupper(prev) && next_lower)) out += '-';
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

/// A bad command line: what awsq prints after "awsq: " before its usage.
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

    static constexpr std::string_view switch_names[] = {"help", "dry-run", "no-paginate", "debug", "version"};

    static std::variant<command_line, usage_error> parse(int argc, const char* const* argv) {
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

/// What the positional words ask for: an operation to call, (`awsq parse ...`) a response to read, or
/// (`awsq SERVICE wait WAITER`) a waiter to run, its name in `operation`; with a last word `help` (or --help),
/// help on what the words before it name. `service` and `operation` are empty when not given.
struct invocation {
    bool parse_mode = false;
    std::string service, operation;
    bool wait_mode = false;
    bool help = false;
};

inline std::variant<invocation, usage_error> read_invocation(const command_line& cl) {
    std::vector<std::string> words = cl.positional;
    invocation out;
    out.help = cl.switches.contains("help");
    if (!words.empty() && words.back() == "help") out.help = true, words.pop_back();
    if (!words.empty() && words.front() == "parse") out.parse_mode = true, words.erase(words.begin());
    if (!out.parse_mode && words.size() > 1 && words[1] == "wait") out.wait_mode = true, words.erase(words.begin() + 1);
    if (words.size() > 2) return usage_error{"unexpected argument " + words[2]};
    if (!words.empty()) out.service = words[0];
    if (words.size() > 1) out.operation = words[1];
    return out;
}

/// Where the first byte that is not well-formed UTF-8 is; text.size() when there is none.
inline std::size_t invalid_utf8(std::string_view text) {
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
/// The library's JSON limits (awsq::json_limits: size, depth) apply.
inline std::variant<boost::json::value, usage_error> parse_json_argument(const std::string& flag,
                                                                        std::string_view text) {
    constexpr awsq::json_limits limits_of_awsq{};
    if (text.size() > limits_of_awsq.max_size)
        return usage_error{flag + ": JSON text longer than the limit of " + std::to_string(limits_of_awsq.max_size) +
                           " bytes"};
    boost::system::error_code ec;
    boost::json::parse_options limits;
    limits.max_depth = limits_of_awsq.max_depth;
    boost::json::stream_parser parser({}, limits);
    const std::size_t used = parser.write_some(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (!ec) return parser.release();
    std::size_t at = std::min(used, text.size());
    std::string why = ec.message();
    if (ec == boost::json::error::too_deep)
        why = "nested deeper than " + std::to_string(limits_of_awsq.max_depth) + " levels";
    if (const auto bad = invalid_utf8(text); bad < text.size()) at = bad, why = "invalid UTF-8";
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
    }
    return usage_error{flag + ": not JSON: " + why + " at line " + std::to_string(line) + ", column " +
                       std::to_string(column)};
}

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

/// `@FILE`: the file's bytes (at most one more than the JSON size limit: the parser then refuses them);
/// any other text as it is.
inline std::variant<std::string, usage_error> read_argument_file(const std::string& text) {
    if (!text.starts_with("@")) return text;
    std::error_code fs_error;
    if (std::filesystem::is_directory(text.substr(1), fs_error))
        return usage_error{"cannot read " + text.substr(1) + ": it is a directory"};
    std::ifstream in(text.substr(1), std::ios::binary);
    if (!in) return usage_error{"cannot read " + text.substr(1) + ": " + std::strerror(errno)};
    std::string out;
    char buffer[65536];
    while (out.size() <= awsq::json_limits{}.max_size && in.read(buffer, sizeof buffer).gcount() > 0)
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
    return out;
}

/// The operation's input from --cli-input-json and the member flags (flags win). A usage error for the
/// command line, an awsq::error (invalid_request) for what from_json refuses.
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

/// What a call takes from the command line beside its input.
struct call_arguments {
    awsq::call_options call;
    awsq::pagination_options pages;
    std::optional<std::string> region, replay, endpoint_url, profile;
    std::optional<std::chrono::milliseconds> connect_timeout, read_timeout;  // 0: none
    std::optional<awsq::jmespath::expression> query;  // --query, compiled
    std::optional<output_format> output;              // --output; else AWS_DEFAULT_OUTPUT, the profile's, json
    std::optional<bool> iso8601_timestamps;           // --cli-timestamp-format iso8601 (true) or wire (false)
};

/// The call's options, after read_input took the members; then any flag left is an error. When several
/// flags are bad, the last one read is the one reported.
inline std::variant<call_arguments, usage_error> read_call_arguments(command_line& cl) {
    call_arguments out;
    out.region = cl.take("region");
    if (out.region) out.call.region = *out.region;
    std::optional<usage_error> bad;
    auto number = [&](const char* name, auto& field) {
        if (auto text = cl.take(name)) {
            auto v = flag_value<std::remove_cvref_t<decltype(field)>>(name, *text);
            if (auto* e = std::get_if<usage_error>(&v)) bad = *e;
            else if (auto* j = std::get_if<boost::json::value>(&v))  // in range: flag_value read it as field's type
                field = static_cast<typename std::remove_cvref_t<decltype(field)>::value_type>(j->as_int64());
        }
    };
    number("max-items", out.pages.max_items);
    number("page-size", out.pages.page_size);
    out.pages.starting_token = cl.take("starting-token");
    out.replay = cl.take("replay");
    out.endpoint_url = cl.take("endpoint-url");
    out.profile = cl.take("profile");
    // --cli-connect-timeout / --cli-read-timeout: whole seconds, as the AWS CLI takes them; 0: none.
    for (auto [name, field] : {std::pair{"cli-connect-timeout", &out.connect_timeout},
                               std::pair{"cli-read-timeout", &out.read_timeout}}) {
        if (auto text = cl.take(name)) {
            std::int64_t seconds = -1;
            const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
            if (ec != std::errc{} || p != text->data() + text->size() || seconds < 0 || seconds > 2'000'000)
                bad = usage_error{std::string("--") + name +
                                  ": expected a whole number of seconds from 0 to 2000000, got \"" + *text + '"'};
            else *field = std::chrono::seconds(seconds);
        }
    }
    if (auto text = cl.take("query")) {
        // As the AWS CLI: a bad expression stops the command before any call, naming the column.
        auto compiled = awsq::jmespath::compile(*text);
        if (!compiled) bad = usage_error{"--query: " + compiled.error().message()};
        else out.query = std::move(*compiled);
    }
    if (auto text = cl.take("output")) {
        out.output = output_format_named(*text);
        if (!out.output)
            bad = usage_error{"--output: invalid choice \"" + *text + "\", valid choices are: json | text | table"};
    }
    if (auto text = cl.take("cli-timestamp-format")) {
        if (*text == "iso8601" || *text == "wire") out.iso8601_timestamps = *text == "iso8601";
        else bad = usage_error{"--cli-timestamp-format: invalid choice \"" + *text + "\", valid choices are: wire | iso8601"};
    }
    if (!bad) bad = cl.leftovers();
    if (bad) return *bad;
    return out;
}

/// An operation's typed input and its call's options, from what the command line holds.
template <class Op>
struct operation_arguments {
    typename Op::input_type input;
    call_arguments options;
};

template <class Op>
std::variant<operation_arguments<Op>, usage_error, awsq::error> read_operation(command_line& cl) {
    auto input = read_input<Op>(cl);
    if (auto* e = std::get_if<usage_error>(&input)) return std::move(*e);
    if (auto* e = std::get_if<awsq::error>(&input)) return std::move(*e);
    auto options = read_call_arguments(cl);
    if (auto* e = std::get_if<usage_error>(&options)) return std::move(*e);
    return operation_arguments<Op>{std::move(std::get<typename Op::input_type>(input)),
                                   std::move(std::get<call_arguments>(options))};
}

/// `awsq parse`'s --status (200 when absent). Its error is printed without the usage.
inline std::variant<int, usage_error> read_status(command_line& cl) {
    int status = 200;
    if (auto text = cl.take("status")) {
        const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), status);
        if (ec != std::errc{} || p != text->data() + text->size())
            return usage_error{"--status: \"" + *text + "\" is not a number"};
    }
    return status;
}

}  // namespace awsq_cli
