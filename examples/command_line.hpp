// The awsq command line's arguments, read into a command_line and an operation's typed input, with the usage
// errors the CLI prints (shorthand syntax, file:// values). No output and no process exit; the only I/O is
// reading a `@FILE`, `file://` or `fileb://` argument. What is not a template is compiled once, in
// command_line.cpp.
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
#include <cstdlib>
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
std::string kebab(std::string_view name);

/// A bad command line: what awsq prints after "awsq: " before its usage.
struct usage_error {
    std::string message;
};

/// The command line's words: options with their values, switches, and positional words.
struct command_line {
    std::vector<std::string> positional;
    /// --name's values: the one of --name=value, else every word after --name up to the next --flag (as the
    /// AWS CLI's argparse takes a list member's values); a member that takes one value refuses the rest.
    std::map<std::string, std::vector<std::string>> options;
    std::set<std::string> switches;
    std::set<std::string> valueless;          // --name given last or before another flag: no value
    std::optional<std::string> missing_value; // a known option taken without its value
    std::optional<usage_error> extra_words;   // words after an option that takes one value

    /// What is left after every known option was taken: the first unknown flag, or a missing value.
    std::optional<usage_error> leftovers() const {
        if (missing_value) return usage_error{"--" + *missing_value + " needs a value"};
        if (extra_words) return extra_words;
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
                continue;
            }
            out.valueless.erase(name);  // given again: the last one counts
            auto& values = out.options[name];
            values.clear();
            if (arg.find('=') != std::string_view::npos) {
                values.emplace_back(arg.substr(arg.find('=') + 1));
                continue;
            }
            // A last word `help` after a value is the help request, not one more value.
            while (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--") &&
                   !(i + 2 == argc && !values.empty() && std::string_view(argv[i + 1]) == "help"))
                values.emplace_back(argv[++i]);
            if (values.empty()) {
                out.options.erase(name);
                out.valueless.insert(name);  // an error once it is known whether --name exists at all
            }
        }
        return out;
    }

    /// Every value of --name (nullopt when not given; a valueless --name is then missing its value).
    std::optional<std::vector<std::string>> take_all(const std::string& name) {
        if (valueless.erase(name)) missing_value = name;
        auto it = options.find(name);
        if (it == options.end()) return std::nullopt;
        auto v = std::move(it->second);
        options.erase(it);
        return v;
    }

    /// The value of an option that takes one; more words after it are an error (left for leftovers()).
    std::optional<std::string> take(const std::string& name) {
        auto values = take_all(name);
        if (!values) return std::nullopt;
        if (values->size() > 1 && !extra_words) {
            std::string words;
            for (std::size_t k = 1; k < values->size(); ++k) words += (k > 1 ? ", " : "") + (*values)[k];
            extra_words = usage_error{"Unknown options: " + words + " (--" + name + " takes one value)"};
        }
        return std::move(values->front());
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

/// The invocation the positional words and help flags ask for.
std::variant<invocation, usage_error> read_invocation(const command_line& cl);

/// Where the first byte that is not well-formed UTF-8 is; text.size() when there is none.
std::size_t invalid_utf8(std::string_view text);

/// JSON text of a flag, or a usage error saying what is wrong with it and where (line and column).
/// The library's JSON limits (awsq::json_limits: size, depth) apply.
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

/// `@FILE`: the file's bytes (at most one more than the JSON size limit: the parser then refuses them);
/// any other text as it is.
std::variant<std::string, usage_error> read_argument_file(const std::string& text);

/// "Error parsing parameter '--flag': ...", the AWS CLI's words for a value it cannot read.
usage_error parameter_error(const std::string& flag, const std::string& why);

/// A value read from `file://PATH` (UTF-8 text) or `fileb://PATH` (bytes), as the AWS CLI's paramfile reads
/// any parameter's value; `~` is the home directory, `$VAR` and `${VAR}` the environment's. No such prefix:
/// nullopt.
struct param_file {
    std::string content;
    bool bytes = false;  // fileb://
};
std::optional<std::variant<param_file, usage_error>> read_param_file(const std::string& flag,
                                                                     const std::string& value);

/// The bytes as base64 (fileb:// values, which the input's JSON carries as text).
std::string base64(std::string_view bytes);

/// The AWS CLI's shorthand syntax (`Name=status,Values=a,b`, `Key={A=1,B=[x,y]}`, quoted values), read
/// into JSON whose every leaf is a string; shorthand_types<T> then gives the leaves their member's types.
/// The grammar is the AWS CLI's, including its backtracking: in `a=b,c=d` the comma after b ends the value
/// because `c` is followed by '=', while in `a=b,c` the value is the list [b, c]. `flag` names the parameter
/// in errors.
std::variant<boost::json::value, usage_error> parse_shorthand(const std::string& flag, std::string_view text);

/// The key of the object shorthand gives for a `key@=fileb://PATH` value: {"@fileb": the file's bytes}.
inline constexpr std::string_view file_bytes_key = "@fileb";

/// The AWS CLI's second pass over shorthand: strings become the member's number or boolean (a boolean only
/// from true/false, any case; what does not convert stays a string for from_json to refuse), and a single
/// value where a list belongs becomes a list of one. A fileb:// file's bytes become base64 for a blob member
/// and text for any other where they are UTF-8; where they are not, `bytes_not_text` is set (the object stays).
template <class T>
void shorthand_types(boost::json::value& v, bool& bytes_not_text) {
    if (auto* o = v.if_object(); o && o->size() == 1 && o->begin()->key() == file_bytes_key) {
        if constexpr (!awsq::optional_type<T> && !awsq::indirect_type<T> && !awsq::list_type<T>) {
            const auto& bytes = o->begin()->value();
            const std::string_view content = bytes.is_string() ? std::string_view(bytes.get_string()) : "";
            if constexpr (awsq::blob_type<T>) v = base64(content);
            else if (invalid_utf8(content) >= content.size()) v = std::string(content);
            else bytes_not_text = true;
            return;
        }
    }
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        shorthand_types<typename T::value_type>(v, bytes_not_text);
    } else if constexpr (awsq::described_struct<T>) {
        auto* o = v.if_object();
        if (!o) return;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<T>::members)>>([&](auto i) {
            using D = boost::mp11::mp_at_c<awsq::members_of<T>, i>;
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            if (auto* m = o->if_contains(awsq::facts_of<T, i>().name)) shorthand_types<M>(*m, bytes_not_text);
        });
    } else if constexpr (awsq::list_type<T>) {
        if (!v.is_array() && !v.is_null()) v = boost::json::array{std::move(v)};
        if (auto* a = v.if_array())
            for (auto& e : *a) shorthand_types<typename T::value_type>(e, bytes_not_text);
    } else if constexpr (awsq::map_type<T>) {
        if (auto* o = v.if_object())
            for (auto& kv : *o) shorthand_types<typename T::mapped_type>(kv.value(), bytes_not_text);
    } else if constexpr (awsq::integer_type<T>) {
        if (auto* s = v.if_string()) {
            std::int64_t n = 0;
            const auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
            if (ec == std::errc{} && p == s->data() + s->size()) v = n;
        }
    } else if constexpr (awsq::floating_type<T>) {
        if (auto* s = v.if_string()) {
            double d = 0;
            const auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), d);
            if (ec == std::errc{} && p == s->data() + s->size()) v = d;
        }
    } else if constexpr (awsq::boolean_type<T>) {
        if (auto* s = v.if_string()) {
            std::string lower(s->c_str());
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower == "true" || lower == "false") v = lower == "true";
        }
    }
}

inline constexpr std::string_view fileb_not_text = "fileb:// gives bytes, for a blob member only: use file:// for text";

/// Shorthand text read for a member of type T: parse_shorthand, then shorthand_types.
template <class T>
std::variant<boost::json::value, usage_error> typed_shorthand(const std::string& flag, std::string_view text) {
    auto v = parse_shorthand(flag, text);
    bool bytes_not_text = false;
    if (auto* j = std::get_if<boost::json::value>(&v)) shorthand_types<T>(*j, bytes_not_text);
    if (bytes_not_text) return parameter_error(flag, std::string(fileb_not_text));
    return v;
}

/// Whether the text, after leading whitespace, starts with one of the openers.
bool looks_like_json(std::string_view text, std::string_view openers);

/// Whether the AWS CLI v1 reads this flag, a list of one-member structures, the old way: each word is that
/// member's value (ELB's `--instances i-1 i-2` is [{"InstanceId": "i-1"}, {"InstanceId": "i-2"}]). The AWS CLI
/// keeps it for a few flags only; `operation` is the model's name ("RemoveTags"), `flag` without dashes.
bool old_list_case(std::string_view service_id, std::string_view operation, std::string_view flag);

template <class T>
struct unwrapped {
    using type = T;
};
template <class T>
    requires(awsq::optional_type<T> || awsq::indirect_type<T>)
struct unwrapped<T> {
    using type = typename unwrapped<typename T::value_type>::type;
};

template <class T>
constexpr bool complex_member = awsq::described_struct<T> || awsq::list_type<T> || awsq::map_type<T>;

/// A list of structures with exactly one member, the shape old_list_case applies to.
template <class T>
constexpr bool one_member_structures = [] {
    if constexpr (awsq::list_type<T>) {
        using E = typename unwrapped<typename T::value_type>::type;
        if constexpr (awsq::described_struct<E>) return std::size(awsq::wire<E>::members) == 1;
    }
    return false;
}();

/// A structure or map member's one word: JSON when it starts like JSON ('{' or '['), else shorthand.
template <class T>
std::variant<boost::json::value, usage_error> structure_value(const std::string& flag, const std::string& text) {
    if (looks_like_json(text, "{[")) return parse_json_argument("--" + flag, text);
    if constexpr (awsq::described_struct<T>) {
        // As the AWS CLI: a structure whose one member is the string `Value` takes `--flag text` as {Value: text}.
        if constexpr (std::size(awsq::wire<T>::members) == 1) {
            using D = boost::mp11::mp_at_c<awsq::members_of<T>, 0>;
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            if (awsq::facts_of<T, 0>().name == "Value" && awsq::string_type<typename unwrapped<M>::type> &&
                text.find('=') == std::string::npos)
                return boost::json::value(boost::json::object{{"Value", text}});
        }
    }
    return typed_shorthand<T>(flag, text);
}

/// A member's words (after file:// and fileb://) as the JSON value from_json reads, as the AWS CLI decides:
/// a list takes every word (JSON when its one word starts with '[', each word JSON when the first starts like
/// JSON, else each word shorthand or, for a list of scalars, the word itself); anything else takes one word.
template <class T>
std::variant<boost::json::value, usage_error> member_value(const std::string& flag, std::vector<std::string> words,
                                                          bool old_list = false) {
    using U = typename unwrapped<T>::type;
    if (words.size() == 1) {
        if (auto file = read_param_file(flag, words.front())) {
            if (auto* e = std::get_if<usage_error>(&*file)) return *e;
            auto& loaded = std::get<param_file>(*file);
            if (loaded.bytes && awsq::blob_type<U>) return boost::json::value(base64(loaded.content));
            if (loaded.bytes && invalid_utf8(loaded.content) < loaded.content.size())
                return parameter_error(flag, std::string(fileb_not_text));
            words.front() = std::move(loaded.content);
        }
    }
    if constexpr (awsq::list_type<U>) {
        using E = typename unwrapped<typename U::value_type>::type;
        if (words.size() == 1 && looks_like_json(words.front(), "[")) return parse_json_argument("--" + flag, words.front());
        boost::json::array out;
        const bool json_words = complex_member<E> && looks_like_json(words.front(), "[{");
        if constexpr (one_member_structures<U>) {
            if (old_list && !json_words) {
                for (const auto& word : words)
                    out.push_back(boost::json::object{{awsq::facts_of<E, 0>().name, word}});
                bool bytes_not_text = false;  // words are values as written: no file is read here
                for (auto& item : out) shorthand_types<E>(item, bytes_not_text);
                return boost::json::value(std::move(out));
            }
        }
        for (const auto& word : words) {
            std::variant<boost::json::value, usage_error> v;
            if constexpr (complex_member<E>) {
                if (json_words) v = parse_json_argument("--" + flag, word);
                else {
                    v = typed_shorthand<E>(flag, word);
                }
            } else {
                v = flag_value<E>(flag, word);
            }
            if (auto* e = std::get_if<usage_error>(&v)) return *e;
            out.push_back(std::move(std::get<boost::json::value>(v)));
        }
        return boost::json::value(std::move(out));
    } else {
        if (words.size() > 1) {
            std::string extra;
            for (std::size_t k = 1; k < words.size(); ++k) extra += (k > 1 ? ", " : "") + words[k];
            return usage_error{"Unknown options: " + extra + " (--" + flag + " takes one value)"};
        }
        if constexpr (awsq::described_struct<U> || awsq::map_type<U>) return structure_value<U>(flag, words.front());
        else return flag_value<U>(flag, words.front());
    }
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
        if (auto file = read_param_file("cli-input-json", *text)) {
            if (auto* e = std::get_if<usage_error>(&*file)) return *e;
            json_text = std::move(std::get<param_file>(*file).content);
        }
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
        if constexpr (awsq::boolean_type<typename unwrapped<T>::type>) {
            // As the AWS CLI: `--flag` alone is true, `--no-flag` false; awsq also takes `--flag true|false`.
            if (cl.valueless.erase(flag)) input[name] = true;
            else if (cl.valueless.erase("no-" + flag)) input[name] = false;
            if (auto words = cl.take_all("no-" + flag); words && !bad) {
                std::string all;
                for (const auto& w : *words) all += (all.empty() ? "" : ", ") + w;
                bad = usage_error{"Unknown options: " + all + " (--no-" + flag + " takes no value)"};
            }
        }
        if (auto words = cl.take_all(flag); words && !bad) {
            constexpr bool maybe_old = one_member_structures<typename unwrapped<T>::type>;
            const bool old = maybe_old && old_list_case(Op::service.service_id, Op::name, flag);
            auto v = member_value<T>(flag, std::move(*words), old);
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
std::variant<call_arguments, usage_error> read_call_arguments(command_line& cl);

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
std::variant<int, usage_error> read_status(command_line& cl);

}  // namespace awsq_cli
