// awsq::error and awsq::result: bad input and service failures as values, each with a path and a message.
#pragma once

#include <any>
#include <concepts>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsq {

enum class error_kind {
    invalid_request,  // validation refused the request (every problem listed)
    parse,            // the response body could not be read (first problem, with its element path)
    service,          // the service answered with an error
    transport,        // the request could not be sent or answered
    configuration,    // credentials, region, endpoint or a config file could not be resolved or read
    waiter,           // a waiter reached a failure state or ran out of attempts (<awsq/waiter.hpp>)
};

/// Why the transport could not send a request or read its answer: what a retry decision needs.
enum class transport_failure {
    unknown,          // a transport that does not say (retried, as botocore retries any connection error)
    dns,              // the host name could not be resolved
    refused,          // the connection was refused or the host unreachable
    connect_timeout,  // no connection within the connect timeout
    read_timeout,     // nothing received for the read timeout
    reset,            // the connection was reset while sending or receiving
    closed,           // the server closed the connection without a (complete) answer
    tls,              // the TLS handshake failed
    deadline,         // the call's deadline passed during the attempt
    permanent,        // trying again cannot help: a malformed URL, a certificate refused, no memory
};

/// Why a call made no further attempt after its last failure.
enum class retry_stop {
    none,            // the call succeeded, or failed before any attempt (invalid request, configuration)
    not_retryable,   // the last failure is not one that retries
    max_attempts,    // the attempts allowed (client_options.max_attempts) were all made
    quota,           // the client's retry quota is spent (too many retries lately)
    deadline,        // the call's deadline would pass before the next attempt
};

/// One problem at one place, e.g. {"DescribeExportTasksRequest.MaxRecords", "19 is below the minimum 20"}.
struct problem {
    std::string path;
    std::string message;

    std::string text() const { return path.empty() ? message : path + ": " + message; }
    friend bool operator==(const problem&, const problem&) = default;
};

namespace detail {

/// The path of the value an algorithm is at, as problems name it (".Filters[0].Name",
/// `.Tags["k"]`): grown on the way down, cut back on the way up. Out of line, shared by every
/// instantiation of the algorithms that keep one.
struct value_path {
    std::string path;

    /// Appends ".name", `[i]` or `["key"]`; returns where leave() cuts it back to.
    [[gnu::noinline]] std::size_t enter(std::string_view name) {
        const std::size_t mark = path.size();
        path += '.';
        path += name;
        return mark;
    }
    [[gnu::noinline]] std::size_t enter(std::size_t index) {
        const std::size_t mark = path.size();
        path += '[';
        path += std::to_string(index);
        path += ']';
        return mark;
    }
    [[gnu::noinline]] std::size_t enter_key(std::string_view key) {
        const std::size_t mark = path.size();
        path += "[\"";
        path += key;
        path += "\"]";
        return mark;
    }
    void leave(std::size_t mark) { path.resize(mark); }
};

}  // namespace detail

/// What the service said in an error response.
struct service_error {
    std::string code;           // <Code>, e.g. "ExportTaskNotFound"
    std::string message;        // <Message>, entity-decoded
    std::string type;           // <Type>: "Sender" or "Receiver"
    int http_status = 0;
    std::string request_id;
    std::string_view modeled;   // the operation's modeled error shape with this code; empty if none
    std::any fault;             // that modeled shape, read from <Error>: see error::fault<Fault>()
};

class error {
public:
    error() = default;

    // The constructors are out of line: results of every type share them.
    [[gnu::noinline]] static error invalid(std::vector<problem> problems) {
        return error{error_kind::invalid_request, std::move(problems), {}};
    }
    [[gnu::noinline]] static error parse(std::string path, std::string message) {
        return error{error_kind::parse, {{std::move(path), std::move(message)}}, {}};
    }
    [[gnu::noinline]] static error from_service(service_error details) {
        return error{error_kind::service, {}, std::move(details)};
    }
    [[gnu::noinline]] static error transport(std::string message,
                                             transport_failure why = transport_failure::unknown) {
        error e{error_kind::transport, {{{}, std::move(message)}}, {}};
        e.failure_ = why;
        return e;
    }
    /// A waiter that stopped without success, worded as botocore's WaiterError:
    /// "Waiter DBInstanceAvailable failed: Max attempts exceeded".
    [[gnu::noinline]] static error waiter(std::string_view name, std::string_view reason) {
        std::string text = "Waiter ";
        text.append(name).append(" failed: ").append(reason);
        return error{error_kind::waiter, {{{}, std::move(text)}}, {}};
    }
    /// `where` names the file, profile, variable or option at fault, e.g. "~/.aws/config [profile dev]".
    [[gnu::noinline]] static error configuration(std::string where, std::string message) {
        return error{error_kind::configuration, {{std::move(where), std::move(message)}}, {}};
    }

    error_kind kind() const noexcept { return kind_; }
    /// Every problem (validation) or the one problem (parse, transport, configuration); empty for service errors.
    const std::vector<problem>& problems() const noexcept { return problems_; }
    /// The service's error; meaningful when kind() == error_kind::service.
    const service_error& service() const noexcept { return service_; }
    bool is_modeled() const noexcept { return kind_ == error_kind::service && !service_.modeled.empty(); }

    /// The service's modeled error when it is a `Fault`, else nullptr:
    /// `if (auto* f = e.fault<awsq::rds::ExportTaskNotFoundFault>()) ...`
    template <class Fault>
    const Fault* fault() const noexcept {
        return kind_ == error_kind::service ? std::any_cast<Fault>(&service_.fault) : nullptr;
    }
    /// Whether the service answered with the modeled error `Fault`.
    template <class Fault>
    bool is() const noexcept {
        return fault<Fault>() != nullptr;
    }

    /// What kind of transport failure this is (transport errors only; unknown otherwise).
    transport_failure failure() const noexcept { return failure_; }

    /// How many attempts the call made: set by a client's retry loop; otherwise 1 for the errors
    /// that only an attempt can cause (service, transport, parse) and 0 for the others.
    int attempts() const noexcept {
        if (attempts_ > 0) return attempts_;
        return kind_ == error_kind::service || kind_ == error_kind::transport || kind_ == error_kind::parse ? 1 : 0;
    }
    /// Why the call made no further attempt (retry_stop::none outside a client's retry loop).
    retry_stop stopped() const noexcept { return stopped_; }
    /// Records the retry loop's count and reason (awsq::call over a client does).
    void set_attempts(int attempts, retry_stop why) noexcept {
        attempts_ = attempts;
        stopped_ = why;
    }

    /// Whether the service's error code is not blank (an error response may hold <Code></Code>).
    bool has_code() const noexcept {
        return service_.code.find_first_not_of(" \t\r\n") != std::string::npos;
    }

    /// The full human-readable text: every problem on its own line, or "Code: Message"; after
    /// retries, how many attempts were made and why there were no more, e.g.
    /// "Throttling: Rate exceeded (after 3 attempts, the most allowed)".
    std::string message() const {
        std::string out;
        if (kind_ == error_kind::service) {
            if (has_code()) {
                out = service_.code;
            } else {  // an error response with <Code></Code>: say what arrived, not ""
                out = "HTTP " + std::to_string(service_.http_status) + " error with an empty error code";
            }
            if (!service_.message.empty()) out += ": " + service_.message;
        } else {
            for (const auto& p : problems_) {
                if (!out.empty()) out += '\n';
                out += p.text();
            }
        }
        if (attempts_ > 1) {
            out += " (after " + std::to_string(attempts_) + " attempts";
            switch (stopped_) {
                case retry_stop::max_attempts: out += ", the most allowed)"; break;
                case retry_stop::quota: out += "; the retry quota is spent)"; break;
                case retry_stop::deadline: out += "; the call's deadline would pass)"; break;
                default: out += ')';
            }
        }
        return out;
    }

private:
    error(error_kind kind, std::vector<problem> problems, service_error service)
        : kind_(kind), problems_(std::move(problems)), service_(std::move(service)) {}

    error_kind kind_ = error_kind::transport;
    transport_failure failure_ = transport_failure::unknown;
    retry_stop stopped_ = retry_stop::none;
    int attempts_ = 0;
    std::vector<problem> problems_;
    service_error service_;
};

/// Thrown only by result<T>::value() on an error: the outermost, opt-in throwing layer.
class exception : public std::runtime_error {
public:
    explicit exception(awsq::error e) : std::runtime_error(e.message()), error_(std::move(e)) {}
    const awsq::error& error() const noexcept { return error_; }

private:
    awsq::error error_;
};

/// A value, or the error that kept it from being made. Converts from either; `value()` throws
/// awsq::exception on an error, everything else is the caller's check (`if (r)`, `r.has_error()`).
template <class T>
class [[nodiscard]] result {
public:
    template <class V>
        requires std::constructible_from<T, V&&> && (!std::same_as<std::remove_cvref_t<V>, result>) &&
                 (!std::same_as<std::remove_cvref_t<V>, awsq::error>)
    result(V&& value) : value_(std::in_place, std::forward<V>(value)) {}  // in place: T may be an optional
    result(awsq::error e) : error_(std::move(e)) {}

    bool has_value() const noexcept { return value_.has_value(); }
    bool has_error() const noexcept { return !value_; }
    explicit operator bool() const noexcept { return has_value(); }

    T& operator*() & noexcept { return *value_; }
    const T& operator*() const& noexcept { return *value_; }
    T&& operator*() && noexcept { return std::move(*value_); }
    T* operator->() noexcept { return &*value_; }
    const T* operator->() const noexcept { return &*value_; }

    T& value() & { return check(), *value_; }
    const T& value() const& { return check(), *value_; }
    T value() && { return check(), std::move(*value_); }

    /// The error; only meaningful when has_error().
    const awsq::error& error() const& noexcept { return *error_; }
    awsq::error error() && noexcept { return std::move(*error_); }

private:
    void check() const {
        if (!value_) throw exception(*error_);
    }
    std::optional<T> value_;
    std::optional<awsq::error> error_;
};

/// Success with nothing to return, or an error.
template <>
class [[nodiscard]] result<void> {
public:
    result() = default;
    result(awsq::error e) : error_(std::move(e)) {}

    bool has_value() const noexcept { return !error_; }
    bool has_error() const noexcept { return error_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }
    void value() const {
        if (error_) throw exception(*error_);
    }
    const awsq::error& error() const& noexcept { return *error_; }
    awsq::error error() && noexcept { return std::move(*error_); }

private:
    std::optional<awsq::error> error_;
};

}  // namespace awsq
