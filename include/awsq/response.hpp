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
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

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

/// The RequestId of a <ResponseMetadata> element (the current one): its first <RequestId>.
template <xml_reader R>
bool read_request_id(R& in, std::string& request_id, read_state& r) {
    bool found = false;
    while (in.next_child()) {
        if (found || local_name(in.name()) != "RequestId") {
            if (!in.skip()) break;
            continue;
        }
        const auto id = in.text(r.scratch);
        if (!id) break;
        request_id.assign(id->data(), id->size());
        found = true;
    }
    return !in.failed() || r.malformed(in.problem());
}

/// A successful response: <OpResponse><OpResult>...</OpResult><ResponseMetadata><RequestId>...
/// </RequestId></ResponseMetadata></OpResponse>, read in one pass in document order: the output
/// from the first <OpResult> among the root's children (a second one is passed over, as botocore
/// does), or from the root when the operation has no result wrapper, and the RequestId. The
/// root's own name is not checked, as botocore does not check it.
template <class Op, xml_reader R>
result<response<Op>> parse_result(std::string_view body, const xml_limits& limits) {
    response<Op> out;
    read_state r;
    // No output shape: the status says it all, the body is ignored (any XML, <xml/>, or empty, as
    // the protocol's tests send; botocore refuses an empty one) but for a RequestId it may hold.
    constexpr bool has_output = !std::is_same_v<typename Op::output_type, empty_shape>;
    const auto failed = [&]() -> result<response<Op>> {
        if (!has_output) return response<Op>{};  // nothing from a body that is not XML, not even a RequestId
        return r.failure(response_root_name<Op>());
    };
    if (is_blank(body)) {
        r.fail("the response body is empty");
        return failed();
    }
    R in;
    if (!in.open(body, limits)) {
        r.malformed(in.problem());
        return failed();
    }
    const auto other = [&](R& at) {  // a child of the root that is not the output's
        if (local_name(at.name()) == "ResponseMetadata") return read_request_id(at, out.request_id, r);
        return at.skip();
    };
    constexpr std::string_view wrapper = Op::result_wrapper;
    if constexpr (wrapper.empty()) {  // no wrapper: the root holds the members
        if (!xml_read_members(in, out.output, r, other)) return failed();
    } else {
        bool found = false;
        while (in.next_child()) {
            if (!found && local_name(in.name()) == wrapper) {
                found = true;
                if (!xml_read(in, out.output, nullptr, r)) return failed();
            } else if (!other(in)) {
                break;
            }
        }
        if (in.failed() || r.not_xml) {
            r.malformed(in.problem());
            return failed();
        }
        if (!found) {
            r.fail("the response has no <" + std::string(wrapper) + "> element");
            return failed();
        }
    }
    return out;
}

/// What an error response says: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>
/// </ErrorResponse>, or the <Response><Errors><Error>...</Error></Errors><RequestID/></Response>
/// and bare <Error> variants, read in one pass. Every child of <Error> is kept by name with its
/// text (fault members are scalars in every query model), so that the operation's modeled fault
/// can be filled once the code is known, wherever <Code> stands. A body with no <Error>, or that
/// is not XML (empty, HTML, cut short), is a generic error named by the status, as botocore names
/// 5xx pages: Code "503", Message "Service Unavailable". A child that is a list or structure member
/// of a modeled fault (cloudwatch's dashboardValidationMessages) is handed to `structured`, which
/// reads it into that fault: 1 read, 0 not such a member, -1 failed (reading stops).
struct error_body {
    service_error out;
    std::vector<std::pair<std::string, std::string>> fields;  // <Error>'s scalar children: local name, text
    bool has_code = false;
    bool member_failed = false;  // `structured` failed

    template <xml_reader R, class Structured>
    void read(int status, std::string_view body, const xml_limits& limits, Structured&& structured) {
        out.http_status = status;
        bool fault = false;
        if (!is_blank(body)) {
            R in;
            std::string scratch;
            const auto read_fault = [&] {
                fault = true;
                while (in.next_child()) {
                    const std::string name(local_name(in.name()));
                    if (const int read = structured(in, std::string_view(name)); read != 0) {
                        member_failed = read < 0;
                        if (member_failed) return;
                        continue;
                    }
                    const auto text = in.text(scratch);
                    if (!text) return;
                    if (name == "Code") has_code = true;
                    std::string* to = name == "Code"      ? &out.code
                                      : name == "Message" ? &out.message
                                      : name == "Type"    ? &out.type
                                      : name == "RequestId" && out.request_id.empty() ? &out.request_id  // bare <Error>
                                                                                       : nullptr;
                    if (to) to->assign(*text);
                    fields.emplace_back(name, *text);
                }
            };
            if (in.open(body, limits)) {
                if (local_name(in.name()) == "Error") {
                    read_fault();
                } else {
                    while (in.next_child()) {
                        const std::string_view name = local_name(in.name());
                        if (!fault && name == "Error") {
                            read_fault();
                        } else if (!fault && name == "Errors") {
                            while (in.next_child()) {
                                if (!fault && local_name(in.name()) == "Error") read_fault();
                                else if (!in.skip()) break;
                            }
                        } else if (name == "RequestId" || name == "RequestID") {
                            if (const auto id = in.text(scratch)) out.request_id.assign(*id);
                        } else {
                            in.skip();
                        }
                    }
                }
            }
            if (member_failed) return;
            if (in.failed()) {  // not XML after all
                out = service_error{};
                out.http_status = status;
                fields.clear();
                has_code = fault = false;
            }
        }
        if (!has_code) {
            out.code = std::to_string(status);
            if (!fault) out.message = http_reason(status);
        }
    }
};

/// A modeled fault from the children of <Error>, by member name.
template <described_struct Fault>
bool read_fault(const error_body& e, Fault& out, read_state& r) {
    constexpr std::size_t count = std::size(wire<Fault>::members);
    if constexpr (count > 0) {
        const element_layout<Fault>& layout = layout_of<Fault>();
        for (const auto& field_text : e.fields) {
            const std::string_view name = field_text.first, text = field_text.second;
            std::size_t i = 0;
            while (i < count && layout.names[i] != name) ++i;
            if (i == count) continue;
            const bool ok = boost::mp11::mp_with_index<count>(i, [&](auto index) {
                using V = member_value<Fault, index>;
                if constexpr (!scalar_value<V>) {
                    return true;  // read from its element already (error_body::read's `structured`)
                } else {
                    auto& field = out.*boost::mp11::mp_at_c<members_of<Fault>, index>::pointer;
                    if (field) return r.fail("the element appears more than once");
                    return read_scalar(text, field.emplace(), r);
                }
            });
            if (!ok) return r.unwind_member(layout.names[i]);
        }
    }
    return true;
}

/// The service's error for Op: its modeled error shape when the code matches one of Op's errors.
template <class Op, xml_reader R>
result<response<Op>> parse_error(int status, std::string_view body, const xml_limits& limits) {
    using faults = boost::mp11::mp_rename<typename Op::errors, std::tuple>;
    constexpr std::size_t fault_count = std::tuple_size_v<faults>;
    faults shapes{};  // every fault Op models: its list and structure members are read as they come
    read_state r;
    std::string_view failed_fault;
    const auto structured = [&](R& in, std::string_view name) {
        int read = 0;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<fault_count>>([&](auto k) {
            using Fault = std::tuple_element_t<k, faults>;
            constexpr std::size_t count = std::size(wire<Fault>::members);
            if constexpr (count > 0) {
                if (read != 0) return;
                const element_layout<Fault>& layout = layout_of<Fault>();
                std::size_t i = 0;
                while (i < count && layout.names[i] != name) ++i;
                if (i == count) return;
                boost::mp11::mp_with_index<count>(i, [&](auto index) {
                    if constexpr (!scalar_value<member_value<Fault, index>>) {
                        const bool ok = xml_read_member<Fault, index>(in, std::get<k>(shapes), layout, r);
                        if (!ok) failed_fault = wire<Fault>::name;
                        read = ok ? 1 : -1;
                    }
                });
            }
        });
        return read;
    };
    error_body e;
    e.read<R>(status, body, limits, structured);
    if (e.member_failed) return r.failure(failed_fault);
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<fault_count>>([&](auto k) {
        using Fault = std::tuple_element_t<k, faults>;
        if (!failed_fault.empty() || !e.out.modeled.empty() || !e.has_code || wire<Fault>::error.code != e.out.code) return;
        e.out.modeled = wire<Fault>::name;
        Fault& shape = std::get<k>(shapes);
        if (!read_fault(e, shape, r)) failed_fault = wire<Fault>::name;
        else e.out.fault = std::move(shape);
    });
    if (!failed_fault.empty()) return r.failure(failed_fault);
    return error::from_service(std::move(e.out));
}

}  // namespace detail

/// Reads the HTTP response of one call of Op with the XML reader R (awsq::stream_reader unless
/// named; awsq::tinyxml2_reader from <awsq/tinyxml2_reader.hpp>). A 2xx body is Op's output (with the RequestId);
/// any other status is the service's error: the modeled one of Op when the code matches
/// (error::fault<Fault>()), else a generic service error keeping the code. A body that cannot
/// be read is a parse error naming the element path; this never throws for bad input.
template <class Op, xml_reader R = stream_reader>
result<response<Op>> parse_response(int http_status, std::string_view body, const xml_limits& limits = {}) {
    try {
        if (http_status >= 200 && http_status < 300) return detail::parse_result<Op, R>(body, limits);
        return detail::parse_error<Op, R>(http_status, body, limits);
    } catch (const std::exception& e) {  // only running out of memory gets here
        return error::parse(detail::response_root_name<Op>(), std::string("cannot read the response: ") + e.what());
    }
}

}  // namespace awsq
