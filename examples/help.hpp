// The awsq command line's help for one operation or waiter, laid out as the AWS CLI's (NAME, DESCRIPTION,
// SYNOPSIS, OPTIONS), from the generated descriptors and the model's documentation (<awsq/<service>/docs.hpp>).
#pragma once

#include "command_line.hpp"

#include <awsq/awsq.hpp>
#include <awsq/documentation.hpp>
#include <awsq/paginate.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

namespace awsq_cli {

/// The model's documentation of Op; the generated unit that holds Op's entry specialises it (empty: none).
template <class Op>
inline constexpr awsq::operation_documentation documentation_of{};

/// The first sentence of an operation's documentation, for the service's list of operations.
template <class Op>
constexpr std::string_view summary_of() {
    return documentation_of<Op>.summary;
}

/// The AWS CLI's name of a member's type in help: (string), (list), (structure), ...
template <class T>
constexpr std::string_view type_name() {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) return type_name<typename T::value_type>();
    else if constexpr (awsq::described_struct<T>) return "structure";
    else if constexpr (awsq::list_type<T>) return "list";
    else if constexpr (awsq::map_type<T>) return "map";
    else if constexpr (awsq::open_enum_type<T> || awsq::string_type<T>) return "string";
    else if constexpr (awsq::boolean_type<T>) return "boolean";
    else if constexpr (std::is_same_v<T, std::int64_t>) return "long";
    else if constexpr (awsq::integer_type<T>) return "integer";
    else if constexpr (std::is_same_v<T, float>) return "float";
    else if constexpr (awsq::floating_type<T>) return "double";
    else if constexpr (awsq::timestamp_type<T>) return "timestamp";
    else if constexpr (awsq::blob_type<T>) return "blob";
    else static_assert(awsq::unsupported_type<T>, "awsq: no command-line type name for this member type");
}

/// The enum values of a member (empty when it is no enum), one "    o VALUE" line each.
template <class T>
void print_enum_values(std::ostream& out, std::string_view indent) {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        print_enum_values<typename T::value_type>(out, indent);
    } else if constexpr (awsq::open_enum_type<T>) {
        using E = decltype(std::declval<const T&>().value());
        out << '\n' << indent << "Possible values:\n";
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
            [&](auto d) { out << indent << "  o " << awsq::enum_to_string(d.value) << '\n'; });
    }
}

/// A value inside shorthand syntax: a scalar's type, "type,type" for a list of scalars, {...} for a structure
/// (its members beyond two levels elided), [{...},{...}] for a list of them.
template <class T>
std::string shorthand_value(int depth) {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        return shorthand_value<typename T::value_type>(depth);
    } else if constexpr (awsq::described_struct<T>) {
        if (depth > 2) return "{...}";
        std::string out;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<T>::members)>>([&](auto i) {
            using D = boost::mp11::mp_at_c<awsq::members_of<T>, i>;
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            out += out.empty() ? "" : ",";
            out += std::string(awsq::facts_of<T, i>().name) + '=' + shorthand_value<M>(depth + 1);
        });
        return depth == 0 ? out : '{' + out + '}';
    } else if constexpr (awsq::list_type<T>) {
        const auto item = shorthand_value<typename T::value_type>(depth + 1);
        return awsq::described_struct<typename T::value_type> ? '[' + item + ',' + item + ']' : item + ',' + item;
    } else if constexpr (awsq::map_type<T>) {
        const auto value = shorthand_value<typename T::mapped_type>(depth + 1);
        return "{KeyName1=" + value + ",KeyName2=" + value + '}';
    } else {
        return std::string(type_name<T>());
    }
}

/// Shorthand syntax of a structure, list or map member, as the AWS CLI's help shows it ("" for scalars):
/// a list of structures is given as words, one structure each.
template <class T>
std::string shorthand_syntax() {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        return shorthand_syntax<typename T::value_type>();
    } else if constexpr (awsq::list_type<T>) {
        if constexpr (awsq::described_struct<typename T::value_type>)
            return shorthand_value<typename T::value_type>(0) + " ...";
        else return shorthand_value<T>(0);
    } else if constexpr (awsq::described_struct<T>) {
        return shorthand_value<T>(0);
    } else if constexpr (awsq::map_type<T>) {
        const auto value = shorthand_value<typename T::mapped_type>(1);
        return "KeyName1=" + value + ",KeyName2=" + value;
    } else {
        return {};
    }
}

/// Writes `text` (lines apart by '\n') with every line indented.
inline void print_indented(std::ostream& out, std::string_view text, std::string_view indent) {
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        const auto line = text.substr(0, end);
        if (!line.empty()) out << indent << line;
        out << '\n';
        text.remove_prefix(std::min(end + 1, text.size()));
    }
}

/// " [min A, max B]" of a member's shape, where the model constrains it.
inline void print_constraints(std::ostream& out, const awsq::shape_facts* shape) {
    if (!shape) return;
    // A maximum of 2^31 - 1 or more is a model's way of saying none.
    const auto max = shape->max && *shape->max < 2147483647 ? shape->max : std::nullopt;
    if (!shape->min && !max) return;
    out << " [";
    if (shape->min) out << "min " << *shape->min << (max ? ", " : "");
    if (max) out << "max " << *max;
    out << ']';
}

/// Whether a paginated operation's help hides the member, as the AWS CLI hides the raw token and limit
/// (still accepted: --starting-token, --page-size and --max-items are what it shows instead).
template <class Op>
constexpr bool hidden_by_pagination(std::string_view member) {
    if constexpr (awsq::paginated<Op>) {
        if (member == Op::paginator.limit_key) return true;
        for (const auto& token : Op::paginator.input_tokens)
            if (member == token) return true;
    }
    return false;
}

template <class Op>
void print_operation_help(std::ostream& out, std::string_view service, std::string_view operation) {
    using In = typename Op::input_type;
    constexpr std::size_t count = std::size(awsq::wire<In>::members);
    constexpr const auto& docs = documentation_of<Op>;
    out << "NAME\n       awsq " << service << ' ' << operation << " - " << Op::name << " ("
        << Op::service.service_id << " API " << Op::service.api_version << ")\n\nDESCRIPTION\n";
    print_indented(out, docs.text, "       ");
    if constexpr (awsq::paginated<Op>) {
        out << "\n       " << operation
            << " is a paginated operation: every page is fetched and the results merged\n"
               "       (--no-paginate: one call). --max-items N stops after N items and prints a NextToken\n"
               "       that --starting-token resumes from; --page-size N sets how many items each call asks for.\n";
    }
    out << "\nSYNOPSIS\n       awsq " << service << ' ' << operation << '\n';
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<count>>([&](auto i) {
        const auto& facts = awsq::facts_of<In, i>();
        if (hidden_by_pagination<Op>(facts.name)) return;
        const auto flag = kebab(facts.name);
        if (facts.required) out << "         --" << flag << " <value>\n";
        else out << "         [--" << flag << " <value>]\n";
    });
    out << "         [--cli-input-json <value>]\n";
    if constexpr (awsq::paginated<Op>)
        out << "         [--starting-token <value>]\n         [--page-size <value>]\n         [--max-items <value>]\n";
    out << "\nOPTIONS\n";
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<count>>([&](auto i) {
        using D = boost::mp11::mp_at_c<awsq::members_of<In>, i>;
        using T = std::remove_cvref_t<decltype(std::declval<In&>().*D::pointer)>;
        const auto& facts = awsq::facts_of<In, i>();
        if (hidden_by_pagination<Op>(facts.name)) return;
        const auto flag = kebab(facts.name);
        out << "       --" << flag << " (" << type_name<T>() << ')';
        if (facts.required) out << " [required]";
        print_constraints(out, facts.shape);
        out << '\n';
        print_indented(out, docs.member(facts.name), "          ");
        print_enum_values<T>(out, "          ");
        auto syntax = shorthand_syntax<T>();
        using L = typename unwrapped<T>::type;
        if constexpr (one_member_structures<L>) {
            if (old_list_case(Op::service.service_id, Op::name, flag)) {
                // As the AWS CLI shows its old list case: the flag, then the one member's values as words.
                const auto word = " " + std::string(awsq::facts_of<typename unwrapped<typename L::value_type>::type, 0>().name);
                const bool one = facts.shape && facts.shape->min == 1 && facts.shape->max == 1;
                syntax = "--" + flag + word + "1" + (one ? "" : word + "2" + word + "3");
            }
        }
        if (!syntax.empty())
            out << "\n          Shorthand Syntax:\n            " << syntax << "\n          (or JSON)\n";
        out << '\n';
    });
    out << "GLOBAL OPTIONS\n"
           "       --cli-input-json <json>|file://PATH  --region R  --profile P  --endpoint-url URL\n"
           "       --output json|text|table  --query JMESPATH  --cli-timestamp-format wire|iso8601\n"
           "       --cli-connect-timeout SECONDS  --cli-read-timeout SECONDS  (0: no timeout)\n"
           "       --debug  --dry-run  --replay DIR  --version\n";
}

template <class W>
void print_waiter_help(std::ostream& out, std::string_view service, std::string_view waiter) {
    using Op = typename W::operation;
    const auto operation = kebab(Op::name);
    out << "NAME\n       awsq " << service << " wait " << waiter << "\n\nDESCRIPTION\n       Calls " << operation
        << " every " << std::chrono::duration_cast<std::chrono::seconds>(W::delay).count() << " s, at most "
        << W::max_attempts << " times, until it is done; silent on success.\n"
        << "       It takes the options of " << operation << ":\n\n";
    print_operation_help<Op>(out, service, operation);
}

}  // namespace awsq_cli
