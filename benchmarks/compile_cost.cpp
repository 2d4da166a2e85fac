// One translation unit that instantiates every derivation of both operations: its compile time and
// .text size are the compile cost benchmarks/run reports. Built, never run.
#include <awsq/awsq.hpp>
#include <awsq/call.hpp>
#include <awsq/paginate.hpp>
#include <awsq/query.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/validate.hpp>

#include <functional>
#include <string>

namespace {
awsq::http_response no_transport(const awsq::http_request&) { return {}; }

template <class Op>
std::size_t every_derivation(const std::string& json, const std::string& xml) {
    std::size_t n = 0;
    auto input = awsq::from_json<typename Op::input_type>(boost::json::parse(json));
    if (!input) return 0;
    n += awsq::validate(*input).size();
    if (auto body = awsq::to_query<Op>(*input)) n += body->size();
    if (auto request = awsq::to_http_request<Op>(*input, "us-east-1")) n += request->body.size();
    if (auto parsed = awsq::parse_response<Op>(200, xml)) n += awsq::to_json(*parsed).as_object().size();
    if (auto called = awsq::call<Op>(no_transport, *input)) n += called->request_id.size();
    for (auto& page : awsq::paginate<Op>(no_transport, *input, {})) n += page.has_value();
    for (auto& item : awsq::paginate_items<Op>(no_transport, *input, {})) n += item.has_value();
    n += awsq::to_json(*input).as_object().size();
    return n;
}
}  // namespace

std::size_t awsq_compile_cost(const std::string& json, const std::string& xml) {
    return every_derivation<awsq::rds::DescribeExportTasks>(json, xml) +
           every_derivation<awsq::redshift::DescribeTableRestoreStatus>(json, xml);
}
