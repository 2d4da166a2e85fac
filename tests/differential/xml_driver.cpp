// awsq's side of the response differential test: JSON Lines {"status","body"} in, one JSON per line out.
//
//   awsq_xml_driver --service rds --operation DescribeExportTasks < responses.jsonl
//
// A parsed response is awsq::to_json of it plus "ResponseMetadata": {"RequestId", "HTTPStatusCode"};
// a service error {"Error": {"Code","Message","Type"}, "ResponseMetadata": {...}} with the modeled
// fault's members merged in at the top, as botocore's client does, and what only awsq says under
// "awsq": {"modeled", "retryable"}; a parse error {"exception": "..."}.
// Non-finite doubles are written as botocore's oracle writes them: "NaN", "Infinity", "-Infinity".
#include <awsq/json.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/xmltest.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

namespace {

using all_operations = boost::mp11::mp_append<awsq::rds::operations, awsq::redshift::operations,
                                              awsq::xmltest::operations>;

void finite_or_text(boost::json::value& v) {
    if (auto* d = v.if_double(); d && !std::isfinite(*d)) {
        v = std::isnan(*d) ? "NaN" : *d > 0 ? "Infinity" : "-Infinity";
    } else if (auto* o = v.if_object()) {
        for (auto& [key, item] : *o) finite_or_text(item);
    } else if (auto* a = v.if_array()) {
        for (auto& item : *a) finite_or_text(item);
    }
}

template <class Op>
boost::json::value answer(int status, std::string_view body) {
    const auto r = awsq::parse_response<Op>(status, body);
    if (r) {
        boost::json::value out = awsq::to_json(*r);
        out.as_object()["ResponseMetadata"].as_object()["HTTPStatusCode"] = status;
        finite_or_text(out);
        return out;
    }
    const awsq::error& e = r.error();
    if (e.kind() != awsq::error_kind::service) return boost::json::object{{"exception", e.message()}};
    const awsq::service_error& s = e.service();
    boost::json::object out;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Op::errors>>([&](auto id) {
        using Fault = typename decltype(id)::type;
        if (const auto* fault = e.fault<Fault>()) out = awsq::to_json(*fault).as_object();
    });
    out["Error"] = boost::json::object{{"Code", s.code}, {"Message", s.message}, {"Type", s.type}};
    out["ResponseMetadata"] = boost::json::object{{"RequestId", s.request_id}, {"HTTPStatusCode", s.http_status}};
    out["awsq"] = boost::json::object{{"modeled", std::string(s.modeled)}, {"retryable", s.retryable}};
    boost::json::value v = std::move(out);
    finite_or_text(v);
    return v;
}

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
        if (Op::service.name == service && Op::name == operation) run = &answer<Op>;
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
