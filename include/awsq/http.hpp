// The HTTP request of an operation call: where a query body goes and how it is labelled.
#pragma once

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
/// A region name that is safe in a host name: lowercase letters, digits and '-', e.g. "us-east-1".
inline bool region_name(std::string_view region) noexcept {
    if (region.empty() || region.front() == '-' || region.back() == '-') return false;
    for (const char c : region)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

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

/// The unsigned request of a call of Op in `region`: POST to "/" on
/// `<endpoint prefix>.<region>.amazonaws.com` (the standard partition's endpoint), with the
/// form-encoded query body and its Content-Type. An absent idempotency token is filled in with a
/// random UUID. Refuses an invalid request (every problem) or a region that is not a host-name label.
template <class Op>
result<http_request> to_http_request(const typename Op::input_type& request, std::string_view region) {
    if (!detail::region_name(region))
        return error::invalid({{{}, "region \"" + std::string(region) +
                                        "\" is not a region name (lowercase letters, digits and '-')"}});
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
