// awsq's side of the response differential test: JSON Lines {"status","body"} in, one JSON per line out.
//
//   awsq_xml_driver --service rds --operation DescribeExportTasks < responses.jsonl
//
// Each answer is awsq_differential::parse_answer (driver.hpp).
#include "driver.hpp"

#include <awsq/json.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/xmltest.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

namespace {

using all_operations = boost::mp11::mp_append<awsq::rds::operations, awsq::redshift::operations,
                                              awsq::xmltest::operations>;

}  // namespace

int main(int argc, char** argv) {
    std::string_view service, operation;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--service") == 0) service = argv[i + 1];
        else if (std::strcmp(argv[i], "--operation") == 0) operation = argv[i + 1];
    }
    boost::json::value (*run)(int, std::string_view) = nullptr;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, all_operations>>([&](auto id) {
        using Op = typename decltype(id)::type;
        if (Op::service.name == service && Op::name == operation) run = &awsq_differential::parse_answer<Op>;
    });
    if (!run) {
        std::cerr << "usage: awsq_xml_driver --service SERVICE --operation OPERATION < lines.jsonl\n"
                  << "  (no operation " << operation << " of service " << service << ")\n";
        return 2;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        boost::system::error_code ec;
        const boost::json::value in = boost::json::parse(line, ec);
        const auto* obj = in.if_object();
        const auto* status = obj ? obj->if_contains("status") : nullptr;
        const auto* body = obj ? obj->if_contains("body") : nullptr;
        if (ec || !status || !status->is_int64() || !body || !body->is_string()) {
            std::cerr << "awsq_xml_driver: not a {\"status\", \"body\"} line: " << line << "\n";
            return 2;
        }
        std::cout << boost::json::serialize(run(static_cast<int>(status->get_int64()), body->get_string())) << '\n';
    }
    return 0;
}
