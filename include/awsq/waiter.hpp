// awsq::wait<Waiter>: calls a waiter's operation until one of its acceptors (botocore's waiters-2.json) decides.
#pragma once

#include <awsq/call.hpp>
#include <awsq/error.hpp>
#include <awsq/jmespath.hpp>
#include <awsq/json.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsq {

class client;  // <awsq/client.hpp>: waits through its own call<Op>(client, input)

/// What an acceptor looks at: waiters-2.json's `matcher`.
enum class waiter_matcher {
    path,      // the `argument` expression's value equals `expected`
    path_all,  // the `argument` expression's value is a non-empty list, every element equal to `expected`
    path_any,  // the `argument` expression's value is a non-empty list, an element equal to `expected`
    status,    // the HTTP status equals `expected`
    error,     // the service's error code equals `expected`; `true`: any error, `false`: no error
};

/// What a matching acceptor decides: waiters-2.json's `state`.
enum class waiter_state { success, failure, retry };

/// One acceptor of a waiter descriptor.
struct waiter_acceptor {
    waiter_matcher matcher = waiter_matcher::path;
    waiter_state state = waiter_state::retry;
    std::string_view argument{};  // JMESPath over the response as boto3 parses it (path matchers only)
    std::string_view expected{};  // a JSON value as text: "\"available\"", "true", "404"
};

/// A waiter descriptor, as the generator writes them into <awsq/<service>/waiters.hpp>:
/// `awsq::rds::DBInstanceAvailable`.
template <class W>
concept waiter = requires {
    typename W::operation;
    { W::name } -> std::convertible_to<std::string_view>;
    { W::delay } -> std::convertible_to<std::chrono::milliseconds>;
    { W::max_attempts } -> std::convertible_to<int>;
    { W::acceptors[0] } -> std::convertible_to<waiter_acceptor>;
    { std::size(W::acceptors) } -> std::convertible_to<std::size_t>;
};

/// botocore's WaiterConfig (Delay, MaxAttempts), and where the time between attempts goes.
struct wait_options {
    std::optional<std::chrono::milliseconds> delay{};  // between attempts; else the waiter's
    std::optional<int> max_attempts{};                 // calls at most; else the waiter's
    std::function<void(std::chrono::microseconds)> sleep{};  // waits out a delay; else the thread sleeps
    call_options call{};  // the region, over a plain transport (a client has its own)
};

/// A wait that ended in success.
template <class Op>
struct wait_outcome {
    /// The last answer; empty when an error acceptor decided success (DBInstanceDeleted on
    /// DBInstanceNotFound).
    std::optional<awsq::response<Op>> response{};
    int attempts = 0;  // calls made
};

namespace detail {

/// An acceptor ready to match: its expression compiled and its expected value read.
struct compiled_acceptor {
    std::optional<jmespath::expression> path{};
    boost::json::value expected{};
};

/// The acceptors of W, compiled once for every wait (a static, so built once, thread-safely).
template <class W>
const result<std::vector<compiled_acceptor>>& compiled_acceptors() {
    static const result<std::vector<compiled_acceptor>> compiled = []() -> result<std::vector<compiled_acceptor>> {
        std::vector<compiled_acceptor> out;
        for (std::size_t i = 0; i < std::size(W::acceptors); ++i) {
            const waiter_acceptor& a = W::acceptors[i];
            const std::string where = "waiter " + std::string(W::name) + " acceptor " + std::to_string(i);
            compiled_acceptor c;
            boost::system::error_code ec;
            c.expected = parse_json(a.expected, ec);
            if (ec) return error::configuration(where, "expected is not JSON: " + std::string(a.expected));
            switch (a.matcher) {
                case waiter_matcher::path:
                case waiter_matcher::path_all:
                case waiter_matcher::path_any: {
                    auto e = jmespath::compile(a.argument);
                    if (!e) return error::configuration(where, e.error().message());
                    c.path = std::move(*e);
                    break;
                }
                case waiter_matcher::status:
                    if (!c.expected.is_int64())
                        return error::configuration(where,
                                                    "expected is not an HTTP status: " + std::string(a.expected));
                    break;
                case waiter_matcher::error:
                    if (!c.expected.is_string() && !c.expected.is_bool())
                        return error::configuration(where, "expected is not an error code, true or false: " +
                                                               std::string(a.expected));
                    break;
            }
            out.push_back(std::move(c));
        }
        return out;
    }();
    return compiled;
}

/// Python's == of two JSON values (botocore compares with it: true == 1, 1 == 1.0).
inline bool python_equal(const boost::json::value& a, const boost::json::value& b) {
    return jmespath::detail::equal(jmespath::detail::val::of(a), jmespath::detail::val::of(b), false);
}

/// Whether a path matcher accepts the value its expression found.
inline bool path_matches(waiter_matcher matcher, const boost::json::value& found, const boost::json::value& expected) {
    if (matcher == waiter_matcher::path) return python_equal(found, expected);
    // pathAll and pathAny need a non-empty list.
    const auto* list = found.if_array();
    if (!list || list->empty()) return false;
    for (const auto& element : *list) {
        const bool same = python_equal(element, expected);
        if (matcher == waiter_matcher::path_any && same) return true;
        if (matcher == waiter_matcher::path_all && !same) return false;
    }
    return matcher == waiter_matcher::path_all;
}

/// botocore's explanation of an acceptor, for the waiter's error.
inline std::string explanation(const waiter_acceptor& a, const compiled_acceptor& c) {
    const std::string expected = python_str(c.expected);
    const std::string expression = "For expression \"" + std::string(a.argument) + "\" ";
    switch (a.matcher) {
        case waiter_matcher::path: return expression + "we matched expected path: \"" + expected + "\"";
        case waiter_matcher::path_all: return expression + "all members matched expected path: \"" + expected + "\"";
        case waiter_matcher::path_any:
            return expression + "we matched expected path: \"" + expected + "\" at least once";
        case waiter_matcher::status: return "Matched expected HTTP status code: " + expected;
        case waiter_matcher::error: return "Matched expected service error code: " + expected;
    }
    return {};
}

/// One call of the waiter's operation, through a client or a plain transport.
template <class Op, class Transport>
result<response<Op>> wait_call(Transport& transport, const typename Op::input_type& input, const call_options& where) {
    if constexpr (std::is_same_v<std::remove_cvref_t<Transport>, client>) return call<Op>(transport, input);
    else return call<Op>(transport, input, where);
}

}  // namespace detail

/// Calls W's operation until an acceptor decides, as botocore's Waiter.wait does: after each call
/// the acceptors are tried in order, the first that matches sets the state: success ends the wait
/// with the last response, failure ends it with a waiter error naming the acceptor, retry calls
/// again after the delay. A service error that no acceptor matches ends the wait (with its code and
/// message); any other error (invalid request, transport, ...) is returned as it is. After
/// max_attempts calls without success, the wait fails: "Max attempts exceeded".
///
/// The path matchers read the response as awsq::to_json writes it (boto3's keys, with
/// ResponseMetadata.RequestId); the status matcher sees 200 for a successful call (awsq's response
/// keeps no status: query APIs answer 200) and the error's status otherwise.
///
/// `transport` is an awsq::client (its region, credentials and retries) or a plain transport
/// (awsq::call's: a function from http_request to http_response).
template <waiter W, class Transport>
result<wait_outcome<typename W::operation>> wait(Transport&& transport,
                                                 const typename W::operation::input_type& input,
                                                 const wait_options& options = {}) {
    using Op = typename W::operation;
    const auto& compiled = detail::compiled_acceptors<W>();
    if (!compiled) return compiled.error();
    const std::chrono::milliseconds delay = options.delay.value_or(W::delay);
    const int max_attempts = options.max_attempts.value_or(W::max_attempts);
    std::vector<problem> bad;
    if (delay.count() < 0)
        bad.push_back({"wait_options.delay", std::to_string(delay.count()) + " ms is not a delay"});
    if (max_attempts < 1)
        bad.push_back({"wait_options.max_attempts",
                       std::to_string(max_attempts) + " is not a positive number of attempts"});
    if (!bad.empty()) return error::invalid(std::move(bad));

    std::optional<std::size_t> accepted;  // the acceptor that matched last, for "Max attempts exceeded"
    for (int attempt = 1;; ++attempt) {
        auto answer = detail::wait_call<Op>(transport, input, options.call);
        // botocore's waiter sees a service's error answer; anything else is raised through it.
        if (!answer && answer.error().kind() != error_kind::service) return std::move(answer).error();
        const error* failed = answer ? nullptr : &answer.error();
        std::optional<boost::json::value> document;  // the response as JSON, made for the first path matcher
        std::optional<std::size_t> matched;
        for (std::size_t i = 0; i < std::size(W::acceptors) && !matched; ++i) {
            const waiter_acceptor& a = W::acceptors[i];
            const detail::compiled_acceptor& c = (*compiled)[i];
            bool hit = false;
            switch (a.matcher) {
                case waiter_matcher::path:
                case waiter_matcher::path_all:
                case waiter_matcher::path_any: {
                    if (failed) break;  // path matchers never match an error
                    if (!document) document = to_json(*answer);
                    auto found = jmespath::evaluate(*c.path, *document);
                    if (!found) return std::move(found).error();
                    hit = detail::path_matches(a.matcher, *found, c.expected);
                    break;
                }
                case waiter_matcher::status:
                    hit = c.expected.get_int64() == (failed ? failed->service().http_status : 200);
                    break;
                case waiter_matcher::error:
                    if (c.expected.is_bool()) hit = (failed != nullptr) == c.expected.get_bool();
                    else hit = (failed ? std::string_view(failed->service().code) : std::string_view()) ==
                               std::string_view(c.expected.get_string());
                    break;
            }
            if (hit) matched = i;
        }
        if (matched) {
            accepted = matched;
            switch (W::acceptors[*matched].state) {
                case waiter_state::success: {
                    wait_outcome<Op> out;
                    if (answer) out.response.emplace(std::move(*answer));
                    out.attempts = attempt;
                    return out;
                }
                case waiter_state::failure:
                    return error::waiter(W::name, "Waiter encountered a terminal failure state: " +
                                                      detail::explanation(W::acceptors[*matched], (*compiled)[*matched]));
                case waiter_state::retry: break;
            }
        } else if (failed) {
            const service_error& s = failed->service();
            return error::waiter(W::name, "An error occurred (" + s.code + "): " + s.message);
        }
        if (attempt >= max_attempts) {
            // botocore names the last acceptor it tried here, which is the one that matched only when
            // this attempt matched one; awsq names the one that matched last.
            if (!accepted) return error::waiter(W::name, "Max attempts exceeded");
            return error::waiter(W::name, "Max attempts exceeded. Previously accepted state: " +
                                              detail::explanation(W::acceptors[*accepted], (*compiled)[*accepted]));
        }
        const auto pause = std::chrono::duration_cast<std::chrono::microseconds>(delay);
        if (options.sleep) options.sleep(pause);
        else std::this_thread::sleep_for(pause);
    }
}

}  // namespace awsq
