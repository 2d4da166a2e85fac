// Differential driver: JSON Lines of boto3-style requests on stdin -> one awsq::to_query body per line.
//
//   query_driver SERVICE OPERATION  < requests.jsonl
//
// Each output line is the body, or "ERROR <message>" (newlines as \n) when awsq refuses the line.
#include "driver.hpp"

#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/querytest.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>

#include <boost/mp11/algorithm.hpp>

#include <iostream>
#include <string>
#include <string_view>

namespace {

using operations = boost::mp11::mp_append<awsq::rds::operations, awsq::redshift::operations,
                                          awsq::querytest::operations>;

template <class Op>
void run(std::istream& in, std::ostream& out) {
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        out << awsq_differential::query_answer<Op>(line) << '\n';
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
