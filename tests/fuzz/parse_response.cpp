// Fuzz target: parse_response of the seed operations, DescribeDBInstances, the STS operations and a
// many-shaped test model (maps, flattened lists, blobs, timestamps), at statuses 200, 400, 403, 404 and 500.
// Properties: never a crash; a failure always has a kind and a non-empty message; a success converts to JSON.
#include "fuzz.hpp"

#include <awsq/json.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/sts.hpp>
#include <awsq/xmltest.hpp>

#include <boost/mp11/list.hpp>

namespace {

using operations = boost::mp11::mp_list<awsq::rds::DescribeExportTasks, awsq::redshift::DescribeTableRestoreStatus,
                                        awsq::rds::DescribeDBInstances, awsq::redshift::DescribeClusters,
                                        awsq::sts::GetCallerIdentity, awsq::sts::AssumeRole,
                                        awsq::xmltest::DescribeThings, awsq::xmltest::GetStatus,
                                        awsq::xmltest::PingThings>;

template <class Op>
void parse(int status, std::string_view body) {
    auto r = awsq::parse_response<Op>(status, body);
    if (r) {
        awsq::fuzz::require(status >= 200 && status < 300, "only a 2xx status parses as the output");
        (void)awsq::to_json(r->output);
    } else {
        awsq::fuzz::require(!r.error().message().empty(), "every error has a message");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static constexpr int statuses[] = {200, 400, 403, 404, 500};
    const int status = statuses[(data[0] >> 4) % 5];
    const std::size_t op = data[0] & 15u;
    const auto body = awsq::fuzz::text(data + 1, size - 1);
    std::size_t i = 0;
    boost::mp11::mp_for_each<operations>([&](auto o) {
        if (i++ == op % boost::mp11::mp_size<operations>::value) parse<decltype(o)>(status, body);
    });
    return 0;
}
