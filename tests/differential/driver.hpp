// awsq's side of the differential tests, one function per direction, shared by every driver:
// query_answer (a boto3-style JSON request -> awsq::to_query body) and parse_answer (an HTTP status and
// XML body -> awsq::parse_response as JSON, in the shape oracle.py writes botocore's parse).
#pragma once

#include <awsq/json.hpp>
#include <awsq/query.hpp>
#include <awsq/response.hpp>
#include <awsq/tinyxml2_reader.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <string>
#include <string_view>

namespace awsq_differential {

// "ERROR <message>", newlines as \n, so that one answer stays one line.
inline std::string error_line(const awsq::error& e) {
    std::string out = "ERROR ";
    for (const char c : e.message()) {
        if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

// The request body awsq sends for a JSON request, or "ERROR <message>" when awsq refuses it.
template <class Op>
std::string query_answer(std::string_view json) {
    auto request = awsq::from_json_text<typename Op::input_type>(json);
    if (!request) return error_line(request.error());
    auto body = awsq::to_query<Op>(*request);
    return body ? std::move(*body) : error_line(body.error());
}

// Non-finite doubles as botocore's oracle writes them: "NaN", "Infinity", "-Infinity".
inline void finite_or_text(boost::json::value& v) {
    if (auto* d = v.if_double(); d && !std::isfinite(*d)) {
        v = std::isnan(*d) ? "NaN" : *d > 0 ? "Infinity" : "-Infinity";
    } else if (auto* o = v.if_object()) {
        for (auto& [key, item] : *o) finite_or_text(item);
    } else if (auto* a = v.if_array()) {
        for (auto& item : *a) finite_or_text(item);
    }
}

// A parsed response: awsq::to_json of it plus "ResponseMetadata": {"RequestId", "HTTPStatusCode"};
// a service error {"Error": {"Code","Message","Type"}, "ResponseMetadata": {...}} with the modeled
// fault's members merged in at the top, as botocore's client does, and what only awsq says under
// "awsq": {"modeled", "retryable"}; a parse error {"exception": "..."}.
template <class Op, class Reader>
boost::json::value parse_answer_with(int status, std::string_view body) {
    const auto r = awsq::parse_response<Op, Reader>(status, body);
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
    out["awsq"] = boost::json::object{{"modeled", std::string(s.modeled)}};
    boost::json::value v = std::move(out);
    finite_or_text(v);
    return v;
}

// parse_answer_with the default reader (awsq::stream_reader), checked against awsq::tinyxml2_reader:
// when the two readers differ (a value, a service error, or one refusing what the other reads), the
// answer says so instead. Two refusals may be worded apart: the tinyxml2 reader checks the whole
// body before mapping, the stream reader says the first problem in document order.
template <class Op>
boost::json::value parse_answer(int status, std::string_view body) {
    boost::json::value stream = parse_answer_with<Op, awsq::stream_reader>(status, body);
    boost::json::value tree = parse_answer_with<Op, awsq::tinyxml2_reader>(status, body);
    const auto refused = [](const boost::json::value& v) { return v.as_object().contains("exception"); };
    if (stream == tree || (refused(stream) && refused(tree))) return stream;
    return boost::json::object{{"exception", "the XML readers disagree: stream_reader " + boost::json::serialize(stream) +
                                                 ", tinyxml2_reader " + boost::json::serialize(tree)}};
}

// The answer to a {"status", "body"} line, or an {"exception"} naming what is wrong with the line.
template <class Op>
boost::json::value parse_line_answer(std::string_view line) {
    boost::system::error_code ec;
    const boost::json::value in = boost::json::parse(line, ec);
    const auto* obj = ec ? nullptr : in.if_object();
    const auto* status = obj ? obj->if_contains("status") : nullptr;
    const auto* body = obj ? obj->if_contains("body") : nullptr;
    if (!status || !status->is_int64() || !body || !body->is_string())
        return boost::json::object{{"driver", "not a {\"status\", \"body\"} line"}};
    return parse_answer<Op>(static_cast<int>(status->get_int64()), body->get_string());
}

}  // namespace awsq_differential
