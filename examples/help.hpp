// The awsq command line's help for one operation or waiter, from the generated descriptors.
#pragma once

#include "command_line.hpp"

#include <awsq/awsq.hpp>
#include <awsq/paginate.hpp>

#include <boost/mp11.hpp>

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string_view>
#include <type_traits>

namespace awsq_cli {

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

/// The first sentence of an operation's documentation, for the service's list of operations.
template <class Op>
constexpr std::string_view summary_of() {
    return {};
}

template <class Op>
void print_operation_help(std::ostream& out, std::string_view service, std::string_view operation) {
    using In = typename Op::input_type;
    out << "usage: awsq " << service << ' ' << operation << " [options]\n\n  " << Op::name << " ("
        << Op::service.service_id << " API " << Op::service.api_version << ")\n\noptions:\n";
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<In>::members)>>([&](auto i) {
        using D = boost::mp11::mp_at_c<awsq::members_of<In>, i>;
        using T = std::remove_cvref_t<decltype(std::declval<In&>().*D::pointer)>;
        const auto& facts = awsq::facts_of<In, i>();
        out << "  --" << kebab(facts.name) << ' ' << value_syntax<T>();
        if (facts.required) out << "  (required)";
        if (facts.shape && (facts.shape->min || facts.shape->max))
            out << "  [" << facts.shape->min.value_or(0) << ".." << facts.shape->max.value_or(0) << ']';
        out << '\n';
    });
    out << "  --cli-input-json <json>|@file\n";
    if constexpr (awsq::paginated<Op>) out << "  --max-items N  --page-size N  --starting-token T  --no-paginate\n";
    out << "  --region R  --profile P  --endpoint-url URL  --debug  --dry-run  --replay DIR\n"
           "  --cli-connect-timeout SECONDS  --cli-read-timeout SECONDS  (0: no timeout)\n"
           "  --output json|text|table  --query JMESPATH  --cli-timestamp-format wire|iso8601\n";
}

template <class W>
void print_waiter_help(std::ostream& out, std::string_view service, std::string_view waiter) {
    using Op = typename W::operation;
    out << "awsq " << service << " wait " << waiter << ": calls " << kebab(Op::name) << " every "
        << std::chrono::duration_cast<std::chrono::seconds>(W::delay).count() << " s, at most " << W::max_attempts
        << " times, until it is done; silent on success.\n\n";
    print_operation_help<Op>(out, service, kebab(Op::name));
}

}  // namespace awsq_cli
