// Differential driver: JSON Lines of boto3-style requests on stdin -> one awsq::to_query body per line.
//
//   query_driver SERVICE OPERATION  < requests.jsonl
//
// Each output line is the body, or "ERROR <message>" (newlines as \n) when awsq refuses the line.
//
// JSON is read here with numbers converted by std::from_chars: Boost.JSON 1.81's own parser rounds
// some doubles one ulp off (9.53672594000825e-14 reads as 9.536725940008249e-14), which would test
// the JSON reader instead of the serializer.
#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/querytest.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using operations = boost::mp11::mp_append<awsq::rds::operations, awsq::redshift::operations,
                                          awsq::querytest::operations>;

/// Builds a boost::json::value like boost::json::parse, reading doubles with std::from_chars.
struct precise_handler {
    static constexpr std::size_t max_array_size = -1;
    static constexpr std::size_t max_object_size = -1;
    static constexpr std::size_t max_string_size = -1;
    static constexpr std::size_t max_key_size = -1;
    using error_code = boost::json::error_code;
    using string_view = boost::json::string_view;

    std::vector<boost::json::value> stack;  // finished values; an object's keys are strings in between
    std::string part;                       // the pieces of the current string, key or number

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code&) { return true; }
    bool on_array_end(std::size_t n, error_code&) {
        boost::json::array a;
        a.reserve(n);
        for (auto it = stack.end() - static_cast<std::ptrdiff_t>(n); it != stack.end(); ++it) a.push_back(std::move(*it));
        stack.resize(stack.size() - n);
        stack.emplace_back(std::move(a));
        return true;
    }
    bool on_object_begin(error_code&) { return true; }
    bool on_object_end(std::size_t n, error_code&) {
        boost::json::object o;
        o.reserve(n);
        for (auto it = stack.end() - static_cast<std::ptrdiff_t>(2 * n); it != stack.end(); it += 2)
            o[it->as_string()] = std::move(*(it + 1));
        stack.resize(stack.size() - 2 * n);
        stack.emplace_back(std::move(o));
        return true;
    }
    bool on_string_part(string_view s, std::size_t, error_code&) { part.append(s.data(), s.size()); return true; }
    bool on_string(string_view s, std::size_t, error_code&) {
        part.append(s.data(), s.size());
        stack.emplace_back(boost::json::string(part));
        part.clear();
        return true;
    }
    bool on_key_part(string_view s, std::size_t n, error_code& ec) { return on_string_part(s, n, ec); }
    bool on_key(string_view s, std::size_t n, error_code& ec) { return on_string(s, n, ec); }
    bool on_number_part(string_view s, error_code&) { part.append(s.data(), s.size()); return true; }
    bool on_int64(std::int64_t i, string_view, error_code&) { part.clear(); stack.emplace_back(i); return true; }
    bool on_uint64(std::uint64_t u, string_view, error_code&) { part.clear(); stack.emplace_back(u); return true; }
    bool on_double(double d, string_view s, error_code&) {
        part.append(s.data(), s.size());
        double exact = d;
        if (std::from_chars(part.data(), part.data() + part.size(), exact).ec != std::errc{}) exact = d;
        part.clear();
        stack.emplace_back(exact);
        return true;
    }
    bool on_bool(bool b, error_code&) { stack.emplace_back(b); return true; }
    bool on_null(error_code&) { stack.emplace_back(nullptr); return true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

std::optional<boost::json::value> read_json(std::string_view text) {
    boost::json::basic_parser<precise_handler> parser{boost::json::parse_options{}};
    boost::json::error_code ec;
    parser.write_some(false, text.data(), text.size(), ec);
    if (ec || parser.handler().stack.size() != 1) return std::nullopt;
    return std::move(parser.handler().stack.back());
}

void print_error(std::ostream& out, const awsq::error& e) {
    out << "ERROR ";
    for (const char c : e.message()) {
        if (c == '\n') out << "\\n";
        else out << c;
    }
    out << '\n';
}

template <class Op>
void run(std::istream& in, std::ostream& out) {
    using input = typename Op::input_type;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        input request{};
        if constexpr (!std::is_same_v<input, awsq::empty_shape>) {  // from_json cannot read empty_shape yet
            const auto json = read_json(line);
            if (!json) {
                out << "ERROR not JSON\n";
                continue;
            }
            auto parsed = awsq::from_json<input>(*json);
            if (!parsed) {
                print_error(out, parsed.error());
                continue;
            }
            request = std::move(*parsed);
        }
        const auto body = awsq::to_query<Op>(request);
        if (body) out << *body << '\n';
        else print_error(out, body.error());
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: query_driver SERVICE OPERATION < requests.jsonl\n";
        return 2;
    }
    const std::string_view service = argv[1], operation = argv[2];
    std::ios::sync_with_stdio(false);
    bool found = false;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, operations>>([&](auto op) {
        using Op = typename decltype(op)::type;
        if (found || Op::service.name != service || Op::name != operation) return;
        found = true;
        run<Op>(std::cin, std::cout);
    });
    if (!found) {
        std::cerr << "query_driver: no operation " << operation << " of service " << service << '\n';
        return 2;
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
}
