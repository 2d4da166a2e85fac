// The HTTP request of an operation call: where a query body goes and how it is labelled.
#pragma once

#include <awsq/endpoint.hpp>
#include <awsq/error.hpp>
#include <awsq/operation.hpp>
#include <awsq/query.hpp>
#include <awsq/traits.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>

namespace awsq {

namespace detail {
/// A random version 4 UUID ("1b4e28ba-2fa1-4d2b-8e3c-5a6f7d8e9f00"), as botocore fills idempotency tokens.
inline std::string uuid4() {
    std::random_device device;
    auto word = [&] { return (std::uint64_t{device()} << 32) | device(); };
    const std::uint64_t hi = (word() & ~std::uint64_t{0xF000}) | 0x4000;                   // version 4
    const std::uint64_t lo = (word() & ~(std::uint64_t{0xC0} << 56)) | (std::uint64_t{0x80} << 56);  // variant 1
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
        const std::uint64_t w = i < 16 ? hi : lo;
        out += hex[(w >> (60 - 4 * (i % 16))) & 15];
    }
    return out;
}

/// Whether the input has a top-level idempotency token member.
template <class In>
consteval bool has_idempotency_token() {
    if constexpr (described_struct<In>) {
        for (const auto& m : wire<In>::members)
            if (m.idempotency_token) return true;
    }
    return false;
}

/// Each absent idempotency token of the request set to a fresh UUID, as botocore's client does
/// before serializing (a token the caller set is kept, so that a retry can reuse it).
template <class In>
void fill_idempotency_tokens(In& request) {
    boost::mp11::mp_for_each<boost::mp11::mp_iota<boost::mp11::mp_size<members_of<In>>>>([&](auto i) {
        auto& member = request.*boost::mp11::mp_at_c<members_of<In>, i>::pointer;
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(member)>, std::optional<std::string>>) {
            if (wire<In>::members[i].idempotency_token && !member) member = uuid4();
        }
    });
}

}  // namespace detail

/// The unsigned request of a call of Op at `where`: POST to the endpoint's path prefix joined with
/// the operation's requestUri ("/") on its scheme and host, with the form-encoded query body and
/// its Content-Type, and the endpoint's signing scope. An absent idempotency token is filled in
/// with a random UUID. Refuses an invalid request (every problem) or an endpoint without a host.
template <class Op>
result<http_request> to_http_request(const typename Op::input_type& request, const endpoint& where) {
    if (where.host.empty()) return error::configuration("endpoint", "the endpoint has no host");
    using In = typename Op::input_type;
    auto body = [&] {
        if constexpr (detail::has_idempotency_token<In>()) {
            In filled = request;
            detail::fill_idempotency_tokens(filled);
            return to_query<Op>(filled);
        } else {
            return to_query<Op>(request);
        }
    }();
    if (!body) return body.error();
    http_request out;
    out.method = Op::http_method;
    out.scheme = where.scheme;
    out.host = where.host;
    out.path = detail::endpoint_path(where.path, Op::request_uri);
    out.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    out.body = std::move(*body);
    out.signing = {where.signing_name, where.signing_region};
    return out;
}

/// The unsigned request of a call of Op in `region`, at the service's endpoint there
/// (resolve_endpoint: `<endpoint prefix>.<region>.amazonaws.com` in the aws partition, the
/// partition's own suffix elsewhere, the global endpoints of IAM and the like). A region that is
/// not a region name is a configuration error.
template <class Op>
result<http_request> to_http_request(const typename Op::input_type& request, std::string_view region) {
    auto where = resolve_endpoint(Op::service, region);
    if (!where) return std::move(where).error();
    return to_http_request<Op>(request, *where);
}

}  // namespace awsq
