// Fuzz target: the awsq command line's argument parser (examples/command_line.hpp), no process per input.
// The input is argv after "awsq": one argument per line, or per '\0' when the input holds one (so that an
// argument may hold a newline). When the words name an operation, its typed input and call options are read.
// Properties: never a crash or a throw; the same argv parses to the same command line, input and options
// every time; a usage error has a message, and one about a flag names a flag that was given. Shorthand values
// (`--filters Name=a,Values=b,c`) go through the same properties.
#include "fuzz.hpp"

#include "command_line.hpp"

#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/sts.hpp>

#include <boost/mp11/algorithm.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

bool same(const awsq_cli::command_line& a, const awsq_cli::command_line& b) {
    return a.positional == b.positional && a.options == b.options && a.switches == b.switches &&
           a.valueless == b.valueless && a.missing_value == b.missing_value &&
           a.extra_words.has_value() == b.extra_words.has_value() &&
           (!a.extra_words || a.extra_words->message == b.extra_words->message);
}

bool same(const awsq_cli::call_arguments& a, const awsq_cli::call_arguments& b) {
    return a.call.region == b.call.region && a.pages.max_items == b.pages.max_items &&
           a.pages.page_size == b.pages.page_size && a.pages.starting_token == b.pages.starting_token &&
           a.pages.max_pages == b.pages.max_pages && a.region == b.region && a.replay == b.replay &&
           a.endpoint_url == b.endpoint_url && a.profile == b.profile && a.connect_timeout == b.connect_timeout &&
           a.read_timeout == b.read_timeout && a.query.has_value() == b.query.has_value() &&
           (!a.query || a.query->text() == b.query->text()) && a.output == b.output &&
           a.iso8601_timestamps == b.iso8601_timestamps;
}

/// A usage error mentioning "--" names one of the flags given (by its name, before any '=').
void require_names_a_given_flag(const std::string& message, const std::vector<std::string>& args) {
    awsq::fuzz::require(!message.empty(), "a usage error has a message");
    if (message.find("--") == std::string::npos) return;
    for (const auto& arg : args) {
        const std::string_view name = std::string_view(arg).substr(0, arg.find('='));
        if (name.starts_with("--") && message.find(name) != std::string::npos) return;
    }
    awsq::fuzz::require(false, "a usage error about a flag names a flag that was given");
}

/// Runs f.template operator()<Op>() for the bundled operation the words name (the command line's table is
/// generated for the executable; this target reads the bundled models directly).
template <class F>
void with_operation(std::string_view service, std::string_view operation, F&& f) {
    auto each = [&]<class Operations>(std::string_view name, Operations) {
        boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, Operations>>([&](auto id) {
            using Op = typename decltype(id)::type;
            if (service == name && awsq_cli::kebab(Op::name) == operation) f.template operator()<Op>();
        });
    };
    each("rds", awsq::rds::operations{});
    each("redshift", awsq::redshift::operations{});
    each("sts", awsq::sts::operations{});
}

template <class Op>
void read_operation(const awsq_cli::command_line& parsed, const std::vector<std::string>& args) {
    auto first_cl = parsed, second_cl = parsed;
    const auto first = awsq_cli::read_operation<Op>(first_cl);
    const auto second = awsq_cli::read_operation<Op>(second_cl);
    awsq::fuzz::require(first.index() == second.index(), "reading the same argv twice gives the same outcome");
    if (const auto* e = std::get_if<awsq_cli::usage_error>(&first)) {
        awsq::fuzz::require(e->message == std::get<awsq_cli::usage_error>(second).message,
                            "the same usage error every time");
        require_names_a_given_flag(e->message, args);
    } else if (const auto* e = std::get_if<awsq::error>(&first)) {
        awsq::fuzz::require(!e->message().empty(), "an invalid request says why");
        awsq::fuzz::require(e->message() == std::get<awsq::error>(second).message(), "the same error every time");
    } else {
        const auto& a = std::get<awsq_cli::operation_arguments<Op>>(first);
        const auto& b = std::get<awsq_cli::operation_arguments<Op>>(second);
        awsq::fuzz::require(awsq::to_json(a.input) == awsq::to_json(b.input), "the same input every time");
        awsq::fuzz::require(same(a.options, b.options), "the same call options every time");
        awsq::fuzz::require(!first_cl.leftovers(), "a command line read whole leaves nothing");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = awsq::fuzz::text(data, size);
    const char separator = text.find('\0') != std::string_view::npos ? '\0' : '\n';
    std::vector<std::string> args{"awsq"};
    // `@FILE`, `file://`, `fileb://` (or --name=@FILE): not this target's business, and /dev/stdin blocks
    bool reads_a_file = false;
    for (std::size_t at = 0; at <= text.size();) {
        const auto end = std::min(text.find(separator, at), text.size());
        args.emplace_back(text.substr(at, end - at));
        reads_a_file = reads_a_file || args.back().starts_with('@') || args.back().find("=@") != std::string::npos ||
                       args.back().find("file://") != std::string::npos ||
                       args.back().find("fileb://") != std::string::npos;
        at = end + 1;
    }
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());

    const auto parsed = awsq_cli::command_line::parse(static_cast<int>(argv.size()), argv.data());
    const auto again = awsq_cli::command_line::parse(static_cast<int>(argv.size()), argv.data());
    awsq::fuzz::require(parsed.index() == again.index(), "parsing the same argv twice gives the same outcome");
    if (const auto* e = std::get_if<awsq_cli::usage_error>(&parsed)) {
        require_names_a_given_flag(e->message, args);
        return 0;
    }
    const auto& cl = std::get<awsq_cli::command_line>(parsed);
    awsq::fuzz::require(same(cl, std::get<awsq_cli::command_line>(again)), "the same command line every time");

    const auto words = awsq_cli::read_invocation(cl);
    if (const auto* e = std::get_if<awsq_cli::usage_error>(&words)) {
        awsq::fuzz::require(!e->message.empty(), "a usage error has a message");
        return 0;
    }
    const auto& call = std::get<awsq_cli::invocation>(words);
    if (call.help || call.wait_mode || reads_a_file) return 0;
    with_operation(call.service, call.operation, [&]<class Op>() {
        if (call.parse_mode) {
            auto copy = cl;
            const auto status = awsq_cli::read_status(copy);
            if (const auto* e = std::get_if<awsq_cli::usage_error>(&status))
                require_names_a_given_flag(e->message, args);
            else if (const auto bad = copy.leftovers())
                require_names_a_given_flag(bad->message, args);
        } else {
            read_operation<Op>(cl, args);
        }
    });
    return 0;
}
