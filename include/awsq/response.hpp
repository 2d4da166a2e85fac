// An operation's HTTP response, read as botocore's QueryParser does: its result on 2xx, else the service's error.
#pragma once

#include <awsq/error.hpp>
#include <awsq/model.hpp>
#include <awsq/operation.hpp>
#include <awsq/traits.hpp>
#include <awsq/xml.hpp>

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace awsq {

namespace detail {

/// The reason phrase of an HTTP status, as Python's http.client.responses has it ("" when unknown).
constexpr std::string_view http_reason(int status) noexcept {
    switch (status) {
        case 300: return "Multiple Choices";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 305: return "Use Proxy";
        case 307: return "Temporary Redirect";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 402: return "Payment Required";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 407: return "Proxy Authentication Required";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 411: return "Length Required";
        case 412: return "Precondition Failed";
        case 413: return "Request Entity Too Large";
        case 414: return "Request-URI Too Long";
        case 415: return "Unsupported Media Type";
        case 416: return "Requested Range Not Satisfiable";
        case 417: return "Expectation Failed";
        case 418: return "I'm a Teapot";
        case 421: return "Misdirected Request";
        case 422: return "Unprocessable Entity";
        case 423: return "Locked";
        case 424: return "Failed Dependency";
        case 425: return "Too Early";
        case 426: return "Upgrade Required";
        case 428: return "Precondition Required";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 451: return "Unavailable For Legal Reasons";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        case 505: return "HTTP Version Not Supported";
        case 506: return "Variant Also Negotiates";
        case 507: return "Insufficient Storage";
        case 508: return "Loop Detected";
        case 510: return "Not Extended";
        case 511: return "Network Authentication Required";
        default: return {};
    }
}

/// The name parse errors of Op's responses start with: its output's wire name.
template <class Op>
std::string response_root_name() {
    using Out = typename Op::output_type;
    if constexpr (std::is_same_v<Out, empty_shape>) return std::string(Op::name) + "Response";
    else return std::string(wire<Out>::name);
}

inline bool is_blank(std::string_view body) noexcept {
    return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// The envelope of a successful response, <OpResponse><OpResult>...</OpResult><ResponseMetadata>
/// <RequestId>...</RequestId></ResponseMetadata></OpResponse>, read in document order: the
/// RequestId, and the element holding the output (the first <OpResult> among the root's children,
/// or the root when the operation has no result wrapper). The root's own name is not checked, as
/// botocore does not check it. The same code for every operation.
class result_envelope {
public:
    explicit result_envelope(std::string_view wrapper) : wrapper_(wrapper) {}

    xml_reader reader;       // the output is read with it; its path and problem say what failed
    std::string request_id;

    /// Parses the body.
    bool open(std::string_view body) {
        if (is_blank(body)) return reader.fail("the response body is empty");
        if (auto problem = doc_.parse(body); !problem.empty()) return reader.fail("not XML: " + problem);
        root_ = doc_.root();
        next_ = root_.first_child();
        return true;
    }

    /// The next element to read the output from, going on through the root's children; empty at
    /// the end or on a failure (see failed()).
    xml::element next_result() {
        for (; next_; next_ = next_.next_sibling()) {
            const xml::element c = next_;
            const std::string_view name = c.name();
            if (name == "ResponseMetadata") {
                for (auto m = c.first_child(); m; m = m.next_sibling()) {
                    if (m.name() != "RequestId") continue;
                    const auto id = reader.text(m);
                    if (!id) return fail_at(".ResponseMetadata.RequestId");
                    request_id.assign(id->data(), id->size());
                    break;
                }
            } else if (!found_ && !wrapper_.empty() && name == wrapper_) {  // a second one is ignored, as botocore does
                found_ = true;
                next_ = next_.next_sibling();
                return c;
            }
        }
        if (found_) return {};
        found_ = true;
        if (wrapper_.empty()) return root_;  // no wrapper: the root holds the members
        failed_ = true;
        reader.fail("the response has no <" + std::string(wrapper_) + "> element");
        return {};
    }

    bool failed() const noexcept { return failed_; }

    /// The parse error of what failed, its path rooted at `root_name`.
    [[gnu::cold, gnu::noinline]] error failure(std::string_view root_name) {
        return error::parse(std::string(root_name) + reader.path, std::move(reader.problem));
    }

private:
    xml::element fail_at(std::string_view path) {
        reader.path = path;
        failed_ = true;
        return {};
    }

    std::string_view wrapper_;
    xml::document doc_;
    xml::element root_, next_;
    bool found_ = false, failed_ = false;
};

template <class Op>
result<response<Op>> parse_result(std::string_view body) {
    result_envelope envelope(Op::result_wrapper);
    response<Op> out;
    // No output shape: the status says it all, the body is ignored (any XML, <xml/>, or empty, as
    // the protocol's tests send; botocore refuses an empty one) but for a RequestId it may hold.
    constexpr bool has_output = !std::is_same_v<typename Op::output_type, empty_shape>;
    if (!envelope.open(body)) {
        if (has_output) return envelope.failure(response_root_name<Op>());
        return out;
    }
    while (const xml::element e = envelope.next_result())
        if (!xml_read(e, out.output, nullptr, envelope.reader)) return envelope.failure(response_root_name<Op>());
    if (envelope.failed() && has_output) return envelope.failure(response_root_name<Op>());
    out.request_id = std::move(envelope.request_id);
    return out;
}

/// What an error response says: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>
/// </ErrorResponse>, or the <Response><Errors><Error>...</Error></Errors><RequestID/></Response>
/// and bare <Error> variants. A body with no <Error> (empty, HTML, not XML) is a generic error
/// named by the status, as botocore names 5xx pages: Code "503", Message "Service Unavailable".
/// The same code for every operation; the operation's modeled errors are matched afterwards.
class error_body {
public:
    service_error out;
    xml::element fault;       // <Error>, read again as a modeled error shape when the code matches
    xml_reader reader;
    std::string root_name;    // error paths start with it
    bool has_code = false;

    /// Reads the body; false when an element it needs holds malformed text (see failure()).
    bool read(int status, std::string_view body) {
        out.http_status = status;
        std::string fault_path;  // of <Error> below the root
        if (!is_blank(body) && doc_.parse(body).empty()) {
            const xml::element root = doc_.root();
            root_name = root.name();
            if (root.name() == "Error") fault = root;
            for (auto c = root.first_child(); c; c = c.next_sibling()) {
                const std::string_view name = c.name();
                if (!fault && name == "Error") {
                    fault = c;
                    fault_path = ".Error";
                } else if (!fault && name == "Errors") {
                    for (auto e = c.first_child(); e && !fault; e = e.next_sibling())
                        if (e.name() == "Error") fault = e;
                    fault_path = ".Errors.Error";
                } else if (name == "RequestId" || name == "RequestID") {
                    if (!read_text(c, out.request_id, "." + std::string(name))) return false;
                }
            }
        }
        if (fault) {
            for (auto c = fault.first_child(); c; c = c.next_sibling()) {
                const std::string_view name = c.name();
                std::string* to = nullptr;
                if (name == "Code") to = &out.code;
                else if (name == "Message") to = &out.message;
                else if (name == "Type") to = &out.type;
                else if (name == "RequestId" && out.request_id.empty()) to = &out.request_id;  // bare <Error>
                else continue;
                if (!read_text(c, *to, fault_path + "." + std::string(name))) return false;
                has_code = has_code || to == &out.code;
            }
        }
        if (!has_code) {
            out.code = std::to_string(status);
            if (!fault) out.message = http_reason(status);
        }
        return true;
    }

    [[gnu::cold, gnu::noinline]] error failure() { return error::parse(root_name + reader.path, std::move(reader.problem)); }

private:
    // Reads one element's text into `to`; false (with the problem and path) when it is malformed.
    bool read_text(const xml::element& e, std::string& to, std::string_view path) {
        const auto text = reader.text(e);
        if (!text) {
            reader.path = path;
            return false;
        }
        to.assign(text->data(), text->size());
        return true;
    }

    xml::document doc_;
};

/// The service's error for Op: its modeled error shape when the code matches one of Op's errors.
template <class Op>
result<response<Op>> parse_error(int status, std::string_view body) {
    error_body e;
    if (!e.read(status, body)) return e.failure();
    bool ok = true;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Op::errors>>([&](auto id) {
        using Fault = typename decltype(id)::type;
        if (!ok || !e.out.modeled.empty() || !e.has_code || wire<Fault>::error.code != e.out.code) return;
        e.out.modeled = wire<Fault>::name;
        Fault shape{};
        if (!xml_read(e.fault, shape, nullptr, e.reader)) {
            e.root_name = wire<Fault>::name;
            ok = false;
            return;
        }
        e.out.fault = std::move(shape);
    });
    if (!ok) return e.failure();
    return error::from_service(std::move(e.out));
}

}  // namespace detail

/// Reads the HTTP response of one call of Op. A 2xx body is Op's output (with the RequestId);
/// any other status is the service's error: the modeled one of Op when the code matches
/// (error::fault<Fault>()), else a generic service error keeping the code. A body that cannot
/// be read is a parse error naming the element path; this never throws for bad input.
template <class Op>
result<response<Op>> parse_response(int http_status, std::string_view body) {
    try {
        if (http_status >= 200 && http_status < 300) return detail::parse_result<Op>(body);
        return detail::parse_error<Op>(http_status, body);
    } catch (const std::exception& e) {  // only running out of memory gets here
        return error::parse(detail::response_root_name<Op>(), std::string("cannot read the response: ") + e.what());
    }
}

}  // namespace awsq
