// Fuzz target: a JSON request through from_json, validate and to_query, for the seed operations and a
// test model with maps, flattened lists, blobs, doubles and timestamps.
// Properties: never a crash; a request read from JSON writes back (to_json) to JSON that reads again as the
// same request: the same JSON and the same query body.
#include "fuzz.hpp"

#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/querytest.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/sts.hpp>
#include <awsq/validate.hpp>

#include <boost/mp11/list.hpp>

namespace {

using operations = boost::mp11::mp_list<awsq::rds::DescribeExportTasks, awsq::redshift::DescribeTableRestoreStatus,
                                        awsq::rds::DescribeDBInstances, awsq::sts::AssumeRole,
                                        awsq::querytest::PutThings, awsq::querytest::StartJob,
                                        awsq::querytest::Configure>;

template <class Op>
void round_trip(std::string_view text) {
    using In = typename Op::input_type;
    auto request = awsq::from_json_text<In>(text);
    if (!request) {
        awsq::fuzz::require(!request.error().message().empty(), "a refused request says why");
        return;
    }
    (void)awsq::validate(*request);
    const auto body = awsq::to_query<Op>(*request);
    const boost::json::value json = awsq::to_json(*request);
    auto again = awsq::from_json<In>(json);
    awsq::fuzz::require(again.has_value(), "to_json's output reads again");
    awsq::fuzz::require(awsq::to_json(*again) == json, "the request reads back as the same JSON");
    const auto body_again = awsq::to_query<Op>(*again);
    awsq::fuzz::require(body.has_value() == body_again.has_value(), "the same request validates the same way");
    if (body) awsq::fuzz::require(*body == *body_again, "the same request serializes to the same body");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto text = awsq::fuzz::text(data + 1, size - 1);
    std::size_t i = 0;
    boost::mp11::mp_for_each<operations>([&](auto o) {
        if (i++ == data[0] % boost::mp11::mp_size<operations>::value) round_trip<decltype(o)>(text);
    });
    return 0;
}
