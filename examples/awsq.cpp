// awsq: the command line. Services, operations and their flags all come from the generated headers.
#include <awsq/awsq.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>

#include <boost/mp11.hpp>

#include <cctype>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

namespace {

// A service the command line knows: its name and its operations.
template <class Operations>
struct cli_service {
    using operations_list = Operations;
    std::string_view name;
};
constexpr auto services = std::tuple{cli_service<awsq::rds::operations>{"rds"},
                                     cli_service<awsq::redshift::operations>{"redshift"}};

/// "DescribeExportTasks" -> "describe-export-tasks", "TotalExtractedDataInGB" -> "total-extracted-data-in-gb".
std::string kebab(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const bool upper = std::isupper(c);
        if (upper && i > 0) {
            const unsigned char prev = static_cast<unsigned char>(name[i - 1]);
            const bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
            if (std::islower(prev) || std::isdigit(prev) || (std::isupper(prev) && next_lower)) out += '-';
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
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
    std::cout << "usage: awsq " << service << ' ' << kebab(Op::name) << " [options]\n\n"
              << "  " << Op::name << " (" << Op::service.service_id << " API " << Op::service.api_version << ")\n\n";
    boost::mp11::mp_for_each<boost::mp11::mp_iota<boost::mp11::mp_size<awsq::members_of<In>>>>([](auto i) {
        using D = boost::mp11::mp_at_c<awsq::members_of<In>, i>;
        using T = std::remove_cvref_t<decltype(std::declval<In>().*D::pointer)>;
        const auto& facts = awsq::facts_of<In, i>();
        std::cout << "  --" << kebab(facts.name) << ' ' << value_syntax<T>();
        if (facts.required) std::cout << "  (required)";
        if (facts.shape->min || facts.shape->max)
            std::cout << "  [" << facts.shape->min.value_or(0) << ".." << facts.shape->max.value_or(0) << ']';
        std::cout << '\n';
    });
}

int usage(std::ostream& out, int code) {
    out << "usage: awsq SERVICE OPERATION [options]\n       awsq SERVICE OPERATION --help\n\nservices and operations:\n";
    std::apply([&](auto... s) {
        (boost::mp11::mp_for_each<typename decltype(s)::operations_list>([&](auto op) {
             out << "  " << s.name << ' ' << kebab(decltype(op)::name) << '\n';
         }),
         ...);
    }, services);
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view service = argc > 1 ? argv[1] : "";
    if (service.empty() || service == "--help" || service == "-h") return usage(std::cout, service.empty() ? 2 : 0);
    const std::string_view operation = argc > 2 ? argv[2] : "";
    bool found = false;
    std::apply([&](auto... s) {
        (boost::mp11::mp_for_each<typename decltype(s)::operations_list>([&](auto op) {
             using Op = decltype(op);
             if (s.name == service && kebab(Op::name) == operation) {
                 found = true;
                 print_operation_help<Op>(s.name);
             }
         }),
         ...);
    }, services);
    if (!found) {
        std::cerr << "awsq: unknown service or operation: " << service << ' ' << operation << "\n\n";
        return usage(std::cerr, 2);
    }
    return 0;
}
