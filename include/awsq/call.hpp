// One call of an operation over a pluggable transport: validate, serialize, send, parse.
#pragma once

#include <awsq/error.hpp>
#include <awsq/operation.hpp>
#include <awsq/http.hpp>
#include <awsq/response.hpp>

#include <functional>
#include <string>
#include <type_traits>
#include <utility>

namespace awsq {

/// Where a call goes. The transport sees the finished request and may rewrite the host.
struct call_options {
    std::string region = "us-east-1";
    xml_limits response_limits{};  // nesting depth and size a response body may reach
};

/// A transport: called with the request, answers with the HTTP response, or a result holding one
/// (its error becomes a transport error).
template <class T>
concept transport = std::invocable<T&, const http_request&>;

namespace detail {
/// A transport's answer read as Op's response; the RequestId falls back to the x-amzn-RequestId header.
template <class Op>
result<response<Op>> parse_answer(const http_response& answer, const xml_limits& limits = {}) {
    auto parsed = parse_response<Op>(answer.status, answer.body, limits);
    if (parsed && parsed->request_id.empty()) {
        for (const auto& [name, value] : answer.headers)
            if (detail::iequals(name, "x-amzn-RequestId")) parsed->request_id = value;
    }
    return parsed;
}
}  // namespace detail

template <class Op, transport Transport>
result<response<Op>> call(Transport&& send, const typename Op::input_type& input, const call_options& options = {}) {
    auto request = to_http_request<Op>(input, options.region);
    if (!request) return std::move(request).error();
    auto answer = std::invoke(send, std::as_const(*request));
    using Answer = decltype(answer);
    if constexpr (std::is_same_v<Answer, http_response>) {
        return detail::parse_answer<Op>(answer, options.response_limits);
    } else {
        if (!answer) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(answer.error())>, error>)
                return std::move(answer).error();
            else return error::transport(answer.error().message());
        }
        return detail::parse_answer<Op>(*answer, options.response_limits);
    }
}

}  // namespace awsq
