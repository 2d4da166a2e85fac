// Differential driver for one whole service, compiled once per service by tests/models_all/compile_all.py:
//
//   g++ -DAWSQ_DRIVER_HEADER='<awsq/rds.hpp>' -DAWSQ_DRIVER_OPERATIONS=awsq::rds::operations ...
//   driver < lines        # each line: "query OPERATION {request}" or "parse OPERATION {status, body}"
//
// Answers one line per line: a body or "ERROR <message>" (query_answer), a JSON value (parse_answer).
#include "driver.hpp"

#include AWSQ_DRIVER_HEADER

#include <iostream>
#include <map>
#include <string>
#include <string_view>

namespace {

struct entry {
    std::string (*query)(std::string_view);
    boost::json::value (*parse)(std::string_view);
};

}  // namespace

int main() {
    std::map<std::string_view, entry> operations;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, AWSQ_DRIVER_OPERATIONS>>(
        [&](auto id) {
            using Op = typename decltype(id)::type;
            operations.emplace(Op::name, entry{&awsq_differential::query_answer<Op>,
                                               &awsq_differential::parse_line_answer<Op>});
        });
    std::ios::sync_with_stdio(false);
    std::string line;
    while (std::getline(std::cin, line)) {
        const auto mode_end = line.find(' ');
        const auto op_end = line.find(' ', mode_end + 1);
        const std::string_view mode = std::string_view(line).substr(0, mode_end);
        const auto found = op_end == std::string::npos
                               ? operations.end()
                               : operations.find(std::string_view(line).substr(mode_end + 1, op_end - mode_end - 1));
        if (found == operations.end() || (mode != "query" && mode != "parse")) {
            std::cerr << "service_driver: not \"query|parse OPERATION JSON\": " << line.substr(0, 200) << '\n';
            return 2;
        }
        const std::string_view json = std::string_view(line).substr(op_end + 1);
        if (mode == "query") std::cout << found->second.query(json) << '\n';
        else std::cout << boost::json::serialize(found->second.parse(json)) << '\n';
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
}
