// The awsq command line's pieces that are not templates: the table of services (generated at build time, one
// translation unit per group of operations), exit codes, reporting, output and where calls go. Compiled once
// in cli_common.cpp; cli_operation.hpp builds each operation's entry on them.
#pragma once

#include "command_line.hpp"

#include <awsq/client.hpp>
#include <awsq/error.hpp>
#include <awsq/jmespath.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace awsq_cli {

// Exit codes, as the AWS CLI v2 uses them.
inline constexpr int exit_ok = 0;
inline constexpr int exit_interrupted = 130;    // SIGINT
inline constexpr int exit_usage = 252;          // bad command line or invalid request
inline constexpr int exit_configuration = 253;  // credentials, region or a config file could not be resolved
inline constexpr int exit_service = 254;        // the service answered with an error
inline constexpr int exit_other = 255;          // a malformed response, transport failure, anything else

/// What an operation's entry is asked to do.
enum class operation_mode { call, parse, help };

/// One operation of a service: its AWS CLI name (describe-export-tasks) and how to run it.
struct operation_entry {
    std::string_view name;
    int (*run)(std::string_view service, std::string_view operation, command_line& cl, operation_mode mode);
    std::string_view summary;  // the operation's documentation, first sentence (the service's help lists it)
};
/// One waiter of a service (`awsq SERVICE wait NAME`).
struct waiter_entry {
    std::string_view name;
    int (*run)(std::string_view service, std::string_view waiter, command_line& cl, bool help);
};
/// The operations (or waiters) of one translation unit.
using operation_group = std::span<const operation_entry> (*)();
using waiter_group = std::span<const waiter_entry> (*)();
/// A service of the generated table: its operations and waiters, in groups (one translation unit each).
struct service_entry {
    std::string_view name;
    std::span<const operation_group> operation_groups;
    std::span<const waiter_group> waiter_groups;
    std::string_view (*summary_of)();  // the service's documentation, first sentence (null: none)

    std::string_view summary() const { return summary_of ? summary_of() : std::string_view{}; }
};
/// Every service the command line was built with (generated: cli_services.cpp).
std::span<const service_entry> services();

const service_entry* find_service(std::string_view name);
const operation_entry* find_operation(const service_entry& service, std::string_view name);
const waiter_entry* find_waiter(const service_entry& service, std::string_view name);

/// `awsq --version`'s line: awsq's version and how it was built.
std::string version_line();

/// A usage error, as the AWS CLI prints one: the message, then where help is (exit 252).
int usage_failed(std::string_view message, std::string_view help_words = {});

/// Reports a failed call on stderr, worded as the AWS CLI words it, and gives its exit code.
int report(const awsq::error& e, std::string_view operation);

/// How the output is written: --output, --query, --cli-timestamp-format, resolved.
struct output_settings {
    output_format format = output_format::json;
    bool iso8601_timestamps = false;  // "+00:00" as the AWS CLI v2 prints them, not awsq's "Z"
    std::optional<awsq::jmespath::expression> query;
};
/// --output, else AWS_DEFAULT_OUTPUT, else the profile's `output`, else json; --cli-timestamp-format, else the
/// profile's `cli_timestamp_format`, else wire. A bad setting is reported (nullopt: exit 253).
std::optional<output_settings> resolve_output(call_arguments& args);

/// Prints `doc` (the merged pages) as --output says, after --query. The text format, as the AWS CLI's,
/// writes a paginated listing page by page (`text_pages`, each queried alone), then the resume token.
int print_output(const output_settings& settings, std::string_view title, boost::json::value doc,
                 const std::vector<boost::json::value>* text_pages = nullptr,
                 const std::optional<std::string>& next_token = std::nullopt);

/// The value at a dotted path ("EngineDefaults.Parameters") of `out`, made as objects where absent.
boost::json::value& at_path(boost::json::object& out, std::string_view path);

/// Where requests go: a client resolved as the AWS CLI resolves one (credentials, region, endpoint, --debug's
/// transport), or one over the recordings of --replay. One type, so that each operation's call path is
/// compiled once.
using source = std::variant<awsq::client>;
awsq::result<source> open_source(const command_line& cl, const call_arguments& args);

/// --debug's pause between attempts of a waiter; null without --debug.
std::function<void(std::chrono::microseconds)> waiter_sleep(const command_line& cl);

}  // namespace awsq_cli
