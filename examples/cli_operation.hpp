// One operation (or waiter) of the awsq command line: its entry in the service table, built from the generated
// descriptors by the same reflection as every algorithm. Included by the generated translation units, one per
// group of operations (examples/CMakeLists.txt); what is not a template lives in cli_common.cpp.
#pragma once

#include "cli.hpp"
#include "help.hpp"
#include "skeleton.hpp"

#include <awsq/awsq.hpp>
#include <awsq/client.hpp>
#include <awsq/paginate.hpp>
#include <awsq/waiter.hpp>

#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace awsq_cli {

template <class T>
boost::json::value output_json(const T& value, const output_settings& settings) {
    return awsq::to_json(value, {.timestamps = settings.iso8601_timestamps ? awsq::json_timestamps::utc_offset
                                                                            : awsq::json_timestamps::utc_z});
}

/// The call, or every page merged, over a transport or a client; prints the output.
template <class Op, class Source>
int send(const Source& source, const typename Op::input_type& request, const awsq::pagination_options& pages,
         const awsq::call_options& call, bool no_paginate, const output_settings& settings) {
    if constexpr (awsq::paginated<Op>) {
        if (!no_paginate) {
            // As botocore's build_full_result: every result key's items of every page at the key's path
            // (a key no page had stays absent; a string key's pages joined, a number's summed), then
            // NextToken when max_items stopped early.
            constexpr std::size_t keys = Op::paginator.result_keys.size();
            auto range = awsq::paginate<Op>(source, request, pages, call);
            boost::json::object merged;
            std::vector<boost::json::value> text_pages;  // --output text: each page's result keys alone
            for (auto& page : range) {
                if (!page) return report(page.error(), Op::name);
                boost::json::object one;
                boost::mp11::mp_for_each<boost::mp11::mp_iota_c<keys>>([&](auto i) {
                    const auto path = Op::paginator.result_keys[i];
                    const auto* value = awsq::result_key<Op, i>(page->output);
                    if (!value) {
                        at_path(one, path) = nullptr;  // botocore's text output then prints "None"
                        return;
                    }
                    using V = std::remove_cvref_t<decltype(*value)>;
                    auto& all = at_path(merged, path);
                    if constexpr (awsq::list_type<V>) {
                        boost::json::array items;
                        for (const auto& item : *value) items.push_back(output_json(item, settings));
                        if (auto* a = all.if_array()) a->insert(a->end(), items.begin(), items.end());
                        else all = items;
                        at_path(one, path) = std::move(items);
                    } else if constexpr (std::is_arithmetic_v<V>) {
                        all = all.is_null() ? *value : static_cast<V>(all.template to_number<V>() + *value);
                        at_path(one, path) = *value;
                    } else {
                        const std::string_view piece = *value;
                        if (auto* text = all.if_string()) text->append(piece);
                        else all = piece;
                        at_path(one, path) = piece;
                    }
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
    if (!result) return report(result.error(), Op::name);
    return print_output(settings, Op::name, output_json(result->output, settings));
}

/// The operation's typed input and call options from the command line, or the exit code of what was wrong.
template <class Op>
std::variant<operation_arguments<Op>, int> arguments_or_exit(std::string_view service, std::string_view operation,
                                                             command_line& cl) {
    auto arguments = read_operation<Op>(cl);
    if (auto* e = std::get_if<usage_error>(&arguments))
        return usage_failed(e->message, std::string(service) + ' ' + std::string(operation));
    if (auto* e = std::get_if<awsq::error>(&arguments)) return report(*e, Op::name);
    return std::move(std::get<operation_arguments<Op>>(arguments));
}

/// `awsq SERVICE OPERATION ...`: reads the arguments, then calls (or --dry-run prints the request).
template <class Op>
int run_call(std::string_view service, std::string_view operation, command_line& cl) {
    // --generate-cli-skeleton [input|output]: as the AWS CLI, nothing is called. The input's skeleton still
    // reads the command line (a bad flag is an error) but asks for no required member; the output's validates
    // the request, then prints the skeleton as the output (--output, --query).
    std::optional<std::string> skeleton_kind;
    if (cl.valueless.erase("generate-cli-skeleton")) skeleton_kind = "input";
    else skeleton_kind = cl.take("generate-cli-skeleton");
    const std::string help_words = std::string(service) + ' ' + std::string(operation);
    if (skeleton_kind && *skeleton_kind != "input" && *skeleton_kind != "output")
        return usage_failed("--generate-cli-skeleton: invalid choice \"" + *skeleton_kind +
                                "\", valid choices are: input | output",
                            help_words);
    if (skeleton_kind == "input") {
        auto arguments = read_operation<Op>(cl);
        if (auto* e = std::get_if<usage_error>(&arguments)) return usage_failed(e->message, help_words);
        print_python_json(std::cout, skeleton_of<typename Op::input_type>({}));
        std::cout << '\n';
        return exit_ok;
    }
    auto arguments = arguments_or_exit<Op>(service, operation, cl);
    if (auto* code = std::get_if<int>(&arguments)) return *code;
    // (named references, not a structured binding: clang 14 cannot capture one in the lambdas below)
    auto& request = std::get<operation_arguments<Op>>(arguments).input;
    auto& args = std::get<operation_arguments<Op>>(arguments).options;
    if (skeleton_kind) {
        if (auto valid = awsq::ensure_valid(request); !valid) return report(valid.error(), Op::name);
        const auto settings = resolve_output(args);
        if (!settings) return exit_configuration;
        // Placeholder times are naive datetimes: isoformat() in JSON, str() in text and table, whatever the
        // timestamp format.
        const skeleton_style style{.member_names = true,
                                   .timestamp = settings->format == output_format::json ? "1970-01-01T00:00:00"
                                                                                        : "1970-01-01 00:00:00"};
        return print_output(*settings, Op::name, skeleton_of<typename Op::output_type>(style));
    }
    if (cl.switches.contains("dry-run")) {
        if constexpr (awsq::paginated<Op>)
            if (args.pages.page_size) awsq::set_page_size<Op>(request, *args.pages.page_size);
        auto http = awsq::to_http_request<Op>(request, args.call.region);
        if (!http) return report(http.error(), Op::name);
        std::cout << http->method << ' ' << http->scheme << "://" << http->host << http->path << '\n';
        for (const auto& [k, v] : http->headers) std::cout << k << ": " << v << '\n';
        std::cout << '\n' << http->body << '\n';
        return exit_ok;
    }
    const auto settings = resolve_output(args);
    if (!settings) return exit_configuration;
    auto where = open_source(cl, args);
    if (!where) return report(where.error(), Op::name);
    const bool no_paginate = cl.switches.contains("no-paginate");
    return std::visit(
        [&](const auto& source) { return send<Op>(source, request, args.pages, args.call, no_paginate, *settings); },
        *where);
}

/// `awsq parse SERVICE OPERATION [--status N]`: an XML response on stdin, its JSON on stdout.
template <class Op>
int run_parse(std::string_view service, std::string_view operation, command_line& cl) {
    const auto status = read_status(cl);
    if (auto* e = std::get_if<usage_error>(&status)) return usage_failed(e->message);
    if (auto bad = cl.leftovers()) return usage_failed(bad->message, "parse " + std::string(service) + ' ' +
                                                                          std::string(operation));
    const std::string body{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    auto parsed = awsq::parse_response<Op>(std::get<int>(status), body);
    if (!parsed) return report(parsed.error(), Op::name);
    print_json(std::cout, awsq::to_json(*parsed));
    std::cout << '\n';
    return exit_ok;
}

template <class Op>
int run_operation(std::string_view service, std::string_view operation, command_line& cl, operation_mode mode) {
    switch (mode) {
        case operation_mode::help: print_operation_help<Op>(std::cout, service, operation); return exit_ok;
        case operation_mode::parse: return run_parse<Op>(service, operation, cl);
        case operation_mode::call: break;
    }
    return run_call<Op>(service, operation, cl);
}

/// `awsq SERVICE wait WAITER [operation flags]`: as `aws SERVICE wait`, silent on success (exit 0); a waiter
/// that fails or runs out of attempts says so on stderr (exit 255).
template <class W>
int run_wait(std::string_view service, std::string_view waiter, command_line& cl, bool help) {
    using Op = typename W::operation;
    if (help) {
        print_waiter_help<W>(std::cout, service, waiter);
        return exit_ok;
    }
    auto arguments = arguments_or_exit<Op>(service, "wait " + std::string(waiter), cl);
    if (auto* code = std::get_if<int>(&arguments)) return *code;
    // (named references, not a structured binding: clang 14 cannot capture one in the lambdas below)
    auto& request = std::get<operation_arguments<Op>>(arguments).input;
    auto& args = std::get<operation_arguments<Op>>(arguments).options;
    awsq::wait_options options{.call = args.call};
    if (auto sleep = waiter_sleep(cl)) options.sleep = std::move(sleep);
    auto where = open_source(cl, args);
    if (!where) return report(where.error(), Op::name);
    return std::visit(
        [&](const auto& source) {
            auto done = awsq::wait<W>(source, request, options);
            return done ? exit_ok : report(done.error(), Op::name);
        },
        *where);
}

/// The table's entry of an operation, named as the AWS CLI names it (the generator's name: describe-export-tasks).
template <class Op>
constexpr operation_entry entry(std::string_view name) {
    return {name, &run_operation<Op>, summary_of<Op>()};
}
template <class W>
constexpr waiter_entry waiter(std::string_view name) {
    return {name, &run_wait<W>};
}

}  // namespace awsq_cli
