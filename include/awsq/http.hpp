// The HTTP request of an operation call: where a query body goes and how it is labelled.
#pragma once

#include <awsq/error.hpp>
#include <awsq/operation.hpp>
#include <awsq/query.hpp>

#include <string>
#include <string_view>

namespace awsq {

namespace detail {
/// A region name that is safe in a host name: lowercase letters, digits and '-', e.g. "us-east-1".
inline bool region_name(std::string_view region) noexcept {
    if (region.empty() || region.front() == '-' || region.back() == '-') return false;
    for (const char c : region)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}
}  // namespace detail

/// The unsigned request of a call of Op in `region`: POST to "/" on
/// `<endpoint prefix>.<region>.amazonaws.com` (the standard partition's endpoint), with the
/// form-encoded query body and its Content-Type. Refuses an invalid request (every problem) or a
/// region that is not a host-name label.
template <class Op>
result<http_request> to_http_request(const typename Op::input_type& request, std::string_view region) {
    if (!detail::region_name(region))
        return error::invalid({{{}, "region \"" + std::string(region) +
                                        "\" is not a region name (lowercase letters, digits and '-')"}});
    auto body = to_query<Op>(request);
    if (!body) return body.error();
    http_request out;
    out.method = Op::http_method;
    out.host.reserve(Op::service.endpoint_prefix.size() + region.size() + 16);
    out.host += Op::service.endpoint_prefix;
    out.host += '.';
    out.host += region;
    out.host += ".amazonaws.com";
    out.path = Op::request_uri;
    out.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    out.body = std::move(*body);
    return out;
}

}  // namespace awsq
