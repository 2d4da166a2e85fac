// Fuzz target: the same bytes through both XML readers, awsq::stream_reader (the default) and
// awsq::tinyxml2_reader, for the seed operations and the many-shaped test model, at 2xx and error
// statuses. Property: they agree exactly on the output (as JSON) and on a service error (every field);
// both refuse the same bodies. (Two refusals may word it differently: the tinyxml2 reader checks the
// whole body before it maps anything, the stream reader reports the first problem in document order.)
#include "fuzz.hpp"

#include <awsq/json.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/tinyxml2_reader.hpp>
#include <awsq/xmltest.hpp>

#include <boost/json.hpp>
#include <boost/mp11/list.hpp>

#include <string>

namespace {

using operations = boost::mp11::mp_list<awsq::rds::DescribeExportTasks, awsq::redshift::DescribeTableRestoreStatus,
                                        awsq::rds::DescribeDBInstances, awsq::xmltest::DescribeThings,
                                        awsq::xmltest::GetStatus, awsq::xmltest::PingThings>;

/// What a reader made of the body, as text that compares exactly (NaN included).
template <class Op, class Reader>
std::string outcome(int status, std::string_view body) {
    const auto r = awsq::parse_response<Op, Reader>(status, body);
    if (!r) {
        const awsq::error& e = r.error();
        std::string out = "error " + std::to_string(static_cast<int>(e.kind()));
        if (e.kind() == awsq::error_kind::service) {
            const auto& s = e.service();
            out += "|" + s.code + "|" + s.message + "|" + s.type + "|" + s.request_id + "|" + std::string(s.modeled);
        }
        return out;
    }
    boost::json::value v = awsq::to_json(*r);
    return boost::json::serialize(v);
}

/// The error message, for a report.
template <class Op, class Reader>
std::string said(int status, std::string_view body) {
    const auto r = awsq::parse_response<Op, Reader>(status, body);
    return r ? std::string("(a value)") : r.error().message();
}

template <class Op>
void compare(int status, std::string_view body) {
    const std::string stream = outcome<Op, awsq::stream_reader>(status, body);
    const std::string tree = outcome<Op, awsq::tinyxml2_reader>(status, body);
    if (stream != tree)
        std::fprintf(stderr, "stream_reader:   %s\n  %s\ntinyxml2_reader: %s\n  %s\n", stream.c_str(),
                     said<Op, awsq::stream_reader>(status, body).c_str(), tree.c_str(),
                     said<Op, awsq::tinyxml2_reader>(status, body).c_str());
    awsq::fuzz::require(stream == tree, "stream_reader and tinyxml2_reader read the same bytes alike");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static constexpr int statuses[] = {200, 200, 400, 404};
    const int status = statuses[(data[0] >> 4) % 4];
    const std::size_t op = data[0] & 15u;
    const auto body = awsq::fuzz::text(data + 1, size - 1);
    std::size_t i = 0;
    boost::mp11::mp_for_each<operations>([&](auto o) {
        if (i++ == op % boost::mp11::mp_size<operations>::value) compare<decltype(o)>(status, body);
    });
    return 0;
}
