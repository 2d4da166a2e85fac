// JSON <-> shapes, keyed like boto3's keyword arguments and parsed responses. The one header that talks to Boost.JSON.
#pragma once

#include <awsq/detail/base64.hpp>
#include <awsq/detail/python_float.hpp>
#include <awsq/error.hpp>
#include <awsq/operation.hpp>
#include <awsq/timestamp.hpp>
#include <awsq/traits.hpp>

// Granular Boost.JSON headers (not <boost/json.hpp>): the value, and parse and serialize for callers.
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace awsq {

/// How to_json writes timestamps: "2024-06-01T03:10:42.118000Z" (awsq's and botocore's query text, the
/// default) or "2024-06-01T03:10:42.118000+00:00" (Python's isoformat, as the AWS CLI v2 prints them).
enum class json_timestamps { utc_z, utc_offset };
struct json_options {
    json_timestamps timestamps = json_timestamps::utc_z;
};

namespace detail {

template <class T>
inline constexpr bool is_response = false;
template <class Op>
inline constexpr bool is_response<response<Op>> = true;

/// out[key] = value, out of line: the struct branch calls it once per member.
[[gnu::noinline]] inline void json_put(boost::json::object& out, std::string_view key, boost::json::value value) {
    out.emplace(key, std::move(value));
}

template <class T>
boost::json::value json_write(const T& v, const json_options& options);

/// A structure's member, when present, as out[name]. One instantiation per member type.
template <class M>
void json_write_member(boost::json::object& out, const M& member, std::string_view name,
                       const json_options& options) {
    if (member) json_put(out, name, json_write(*member, options));
}

/// A timestamp's text as the options ask.
inline std::string json_timestamp(timestamp t, const json_options& options) {
    std::string text = format_iso8601(t);
    if (options.timestamps == json_timestamps::utc_offset) text.replace(text.size() - 1, 1, "+00:00");
    return text;
}

/// Writes one value; absent members never reach here (the struct branch skips them).
template <class T>
boost::json::value json_write(const T& v, const json_options& options) {
    if constexpr (codec_type<T>) {                         // user codec: its wire string
        return boost::json::value(codec<T>::to_wire(v));
    } else if constexpr (optional_type<T> || indirect_type<T>) {  // absent: null
        return v ? json_write(*v, options) : boost::json::value(nullptr);
    } else if constexpr (described_struct<T>) {            // structure: member name -> value
        boost::json::object out;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(wire<T>::members)>>([&](auto i) {
            json_write_member(out, v.*boost::mp11::mp_at_c<members_of<T>, i>::pointer, facts_of<T, i>().name,
                              options);
        });
        return out;
    } else if constexpr (list_type<T>) {                   // list: array
        boost::json::array out;
        out.reserve(v.size());
        for (const auto& e : v) out.push_back(json_write(e, options));
        return out;
    } else if constexpr (map_type<T>) {                    // map: object
        boost::json::object out;
        for (const auto& [k, e] : v) out.emplace(k, json_write(e, options));
        return out;
    } else if constexpr (open_enum_type<T> || described_enum<T>) {  // enum: its wire string
        return boost::json::value(enum_to_string(v));
    } else if constexpr (string_type<T>) {
        return boost::json::value(v);
    } else if constexpr (boolean_type<T>) {
        return boost::json::value(v);
    } else if constexpr (integer_type<T>) {
        return boost::json::value(static_cast<std::int64_t>(v));
    } else if constexpr (floating_type<T>) {               // float, double: a number; NaN and infinities as strings
        if (!std::isfinite(v)) return boost::json::value(python_float(v).view());
        return boost::json::value(static_cast<double>(v));
    } else if constexpr (timestamp_type<T>) {              // timestamp: ISO 8601 UTC, as the options ask
        return boost::json::value(json_timestamp(v, options));
    } else if constexpr (blob_type<T>) {                   // blob: base64
        return boost::json::value(base64_encode(v.bytes));
    } else {
        static_assert(unsupported_type<T>, "awsq::to_json: no JSON form for this type");
    }
}

inline std::string_view json_kind(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: return "null";
        case boost::json::kind::bool_: return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64: return "an integer";
        case boost::json::kind::double_: return "a number";
        case boost::json::kind::string: return "a string";
        case boost::json::kind::array: return "an array";
        case boost::json::kind::object: return "an object";
    }
    return "a value";
}

/// Builds a boost::json::value like boost::json::parse, but reads doubles with std::from_chars:
/// Boost.JSON 1.81 rounds some doubles one ulp off (9.53672594000825e-14 reads as ...8249e-14).
struct exact_json_handler {
    static constexpr std::size_t max_array_size = -1;
    static constexpr std::size_t max_object_size = -1;
    static constexpr std::size_t max_string_size = -1;
    static constexpr std::size_t max_key_size = -1;
    using error_code = boost::json::error_code;
    using string_view = boost::json::string_view;

    std::vector<boost::json::value> stack;  // finished values; an object's keys sit between its values
    std::string part;                       // pieces of the current string, key or number

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code&) { return true; }
    bool on_array_end(std::size_t n, error_code&) {
        boost::json::array a;
        a.reserve(n);
        for (auto it = stack.end() - static_cast<std::ptrdiff_t>(n); it != stack.end(); ++it) a.push_back(std::move(*it));
        stack.resize(stack.size() - n);
        stack.emplace_back(std::move(a));
        return true;
    }
    bool on_object_begin(error_code&) { return true; }
    bool on_object_end(std::size_t n, error_code&) {
        boost::json::object o;
        o.reserve(n);
        for (auto it = stack.end() - static_cast<std::ptrdiff_t>(2 * n); it != stack.end(); it += 2)
            o[it->as_string()] = std::move(*(it + 1));
        stack.resize(stack.size() - 2 * n);
        stack.emplace_back(std::move(o));
        return true;
    }
    bool on_string_part(string_view s, std::size_t, error_code&) {
        part.append(s.data(), s.size());
        return true;
    }
    bool on_string(string_view s, std::size_t, error_code&) {
        part.append(s.data(), s.size());
        stack.emplace_back(boost::json::string(part));
        part.clear();
        return true;
    }
    bool on_key_part(string_view s, std::size_t n, error_code& ec) { return on_string_part(s, n, ec); }
    bool on_key(string_view s, std::size_t n, error_code& ec) { return on_string(s, n, ec); }
    bool on_number_part(string_view s, error_code&) {
        part.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, string_view, error_code&) {
        part.clear();
        stack.emplace_back(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, string_view, error_code&) {
        part.clear();
        stack.emplace_back(u);
        return true;
    }
    bool on_double(double d, string_view s, error_code&) {
        part.append(s.data(), s.size());
        double exact = d;
        if (std::from_chars(part.data(), part.data() + part.size(), exact).ec != std::errc{}) exact = d;
        part.clear();
        stack.emplace_back(exact);
        return true;
    }
    bool on_bool(bool b, error_code&) {
        stack.emplace_back(b);
        return true;
    }
    bool on_null(error_code&) {
        stack.emplace_back(nullptr);
        return true;
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

/// The value of "NaN", "Infinity" or "-Infinity", JSON's spelling of the numbers it cannot write.
template <class T>
std::optional<T> non_finite(std::string_view text) noexcept {
    if (text == "NaN") return std::numeric_limits<T>::quiet_NaN();
    if (text == "Infinity") return std::numeric_limits<T>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<T>::infinity();
    return std::nullopt;
}

/// Reading state: the path of the value being read, and the first problem found. Its helpers
/// are out of line, shared by every instantiation of the reader.
struct json_reader : value_path {
    std::string problem;

    [[gnu::cold, gnu::noinline]] bool fail(std::string message) {
        problem = std::move(message);
        return false;
    }
    [[gnu::cold, gnu::noinline]] bool expected(std::string_view what, const boost::json::value& v) {
        return fail("expected " + std::string(what) + ", got " + std::string(json_kind(v)));
    }
    /// `"text" what`, e.g. `"x" is not a known value`.
    [[gnu::cold, gnu::noinline]] bool fail_value(std::string_view text, std::string_view what) {
        return fail("\"" + std::string(text) + "\"" + std::string(what));
    }
    [[gnu::cold, gnu::noinline]] bool out_of_range(std::string number, std::string_view bits) {
        return fail(number + " is out of range for a " + std::string(bits) + "-bit integer");
    }
    [[gnu::cold, gnu::noinline]] bool unknown_member(std::string_view key) {
        path += '.';
        path += key;
        return fail("unknown member");
    }
};

template <class T>
bool json_read(const boost::json::value& v, T& out, json_reader& r) {
    if constexpr (codec_type<T>) {                         // user codec: from its wire string
        const auto* s = v.if_string();
        if (!s) return r.expected("a string", v);
        auto decoded = codec<T>::from_wire(std::string_view(*s));
        if (!decoded) return r.fail_value(*s, " is not a valid value");
        out = std::move(*decoded);
        return true;
    } else if constexpr (optional_type<T>) {               // null means absent
        if (v.is_null()) { out.reset(); return true; }
        return json_read(v, out.emplace(), r);
    } else if constexpr (indirect_type<T>) {
        if (v.is_null()) { out = T{}; return true; }
        return json_read(v, out.emplace(), r);
    } else if constexpr (described_struct<T>) {            // structure: every key must be a member
        const auto* obj = v.if_object();
        if (!obj) return r.expected("an object", v);
        constexpr std::size_t count = std::size(wire<T>::members);
        for (const auto& entry : *obj) {
            const std::string_view key = entry.key();
            const std::size_t i = find_member(wire<T>::members, key);
            if (i == count) return r.unknown_member(key);
            if constexpr (count > 0) {
                const auto& value = entry.value();  // a plain reference: clang < 16 cannot capture bindings
                const std::size_t mark = r.enter(key);
                const bool ok = boost::mp11::mp_with_index<count>(i, [&](auto index) {
                    return json_read(value, out.*boost::mp11::mp_at_c<members_of<T>, index>::pointer, r);
                });
                if (!ok) return false;
                r.leave(mark);
            }
        }
        return true;
    } else if constexpr (list_type<T>) {                   // list: array, indexes from 0
        const auto* arr = v.if_array();
        if (!arr) return r.expected("an array", v);
        out.clear();
        out.reserve(arr->size());
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const std::size_t mark = r.enter(i);
            if constexpr (std::is_same_v<typename T::value_type, bool>) {  // bits, not bools: read, then appended
                bool value = false;
                if (!json_read((*arr)[i], value, r)) return false;
                out.push_back(value);
            } else {
                if (!json_read((*arr)[i], out.emplace_back(), r)) return false;
            }
            r.leave(mark);
        }
        return true;
    } else if constexpr (map_type<T>) {                    // map: object with any keys
        const auto* obj = v.if_object();
        if (!obj) return r.expected("an object", v);
        for (const auto& [key, value] : *obj) {
            const std::size_t mark = r.enter_key(key);
            if (!json_read(value, out[std::string(key)], r)) return false;
            r.leave(mark);
        }
        return true;
    } else if constexpr (open_enum_type<T>) {              // enum: any string; unknown values are kept
        const auto* s = v.if_string();
        if (!s) return r.expected("a string", v);
        using E = decltype(out.value());
        out = open_enum_from_string<E>(std::string_view(*s));
        return true;
    } else if constexpr (described_enum<T>) {              // closed enum: a value the model knows
        const auto* s = v.if_string();
        if (!s) return r.expected("a string", v);
        auto e = enum_from_string<T>(std::string_view(*s));
        if (!e) return r.fail_value(*s, " is not a known value");
        out = *e;
        return true;
    } else if constexpr (string_type<T>) {
        const auto* s = v.if_string();
        if (!s) return r.expected("a string", v);
        out.assign(s->data(), s->size());
        return true;
    } else if constexpr (boolean_type<T>) {
        const auto* b = v.if_bool();
        if (!b) return r.expected("a boolean", v);
        out = *b;
        return true;
    } else if constexpr (integer_type<T>) {                // integer: exact, never wrapped
        constexpr std::string_view bits = sizeof(T) == 4 ? "32" : "64";
        if (const auto* i = v.if_int64()) {
            if (*i < std::numeric_limits<T>::min() || *i > std::numeric_limits<T>::max())
                return r.out_of_range(std::to_string(*i), bits);
            out = static_cast<T>(*i);
            return true;
        }
        if (const auto* u = v.if_uint64()) {
            if (*u > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
                return r.out_of_range(std::to_string(*u), bits);
            out = static_cast<T>(*u);
            return true;
        }
        return r.expected("an integer", v);
    } else if constexpr (floating_type<T>) {             // float, double: a number, or "NaN" / "Infinity" / "-Infinity"
        if (const auto* s = v.if_string()) {               // the AWS CLI's and the protocol tests' spelling
            const auto value = non_finite<T>(std::string_view(*s));
            if (!value) return r.fail_value(*s, " is not a number (nor \"NaN\", \"Infinity\", \"-Infinity\")");
            out = *value;
            return true;
        }
        if (!v.is_number()) return r.expected("a number", v);
        out = static_cast<T>(v.to_number<double>());
        return true;
    } else if constexpr (timestamp_type<T>) {              // timestamp: ISO 8601 text or epoch seconds
        if (const auto* s = v.if_string()) {
            auto t = parse_iso8601(std::string_view(*s));
            if (!t) return r.fail_value(*s, " is not an ISO 8601 timestamp");
            out = *t;
            return true;
        }
        if (!v.is_number()) return r.expected("a timestamp", v);
        const auto t = from_epoch_seconds(v.to_number<double>());
        if (!t) return r.fail("epoch seconds out of range");
        out = *t;
        return true;
    } else if constexpr (blob_type<T>) {                   // blob: base64 text
        const auto* s = v.if_string();
        if (!s) return r.expected("a base64 string", v);
        auto bytes = base64_decode(std::string_view(*s));
        if (!bytes) return r.fail("not valid base64");
        out.bytes = std::move(*bytes);
        return true;
    } else {
        static_assert(unsupported_type<T>, "awsq::from_json: no JSON form for this type");
    }
}

}  // namespace detail

/// A shape as JSON: boto3's keys and nesting; absent members omitted; timestamps ISO 8601 (as `options`
/// say); enums as strings. A response<Op> also carries "ResponseMetadata": {"RequestId": ...}, as boto3's
/// parsed response does.
template <class T>
boost::json::value to_json(const T& value, const json_options& options = {}) {
    if constexpr (detail::is_response<T>) {
        boost::json::value out = detail::json_write(value.output, options);
        out.as_object()["ResponseMetadata"] = boost::json::object{{"RequestId", value.request_id}};
        return out;
    } else {
        return detail::json_write(value, options);
    }
}

/// A shape from JSON keyed like boto3's keyword arguments. Unknown keys, wrong types and
/// out-of-range numbers are errors naming the path; nothing is dropped or truncated.
template <class T>
result<T> from_json(const boost::json::value& json) {
    detail::json_reader reader;
    if constexpr (described_struct<T>) reader.path = wire<T>::name;
    T out{};
    if (!detail::json_read(json, out, reader)) return error::invalid({{reader.path, reader.problem}});
    return out;
}

/// Limits on the JSON text awsq reads (from_json_text, the awsq command line's JSON flags and
/// --cli-input-json), each a clear error when exceeded. The defaults are far above any request a query
/// API takes (the largest are a few hundred KiB: policy documents, templates, message batches; the
/// deepest shapes nest about ten levels) and keep memory and the reader's recursion bounded.
struct json_limits {
    std::size_t max_size = 16 * 1024 * 1024;  // bytes of text (16 MiB)
    std::size_t max_depth = 64;               // nested arrays and objects
};

/// Parses JSON text exactly (doubles round-trip), the way every awsq entry point reads JSON; past
/// `max_depth` nested arrays and objects it stops with boost::json::error::too_deep. A template only so
/// that Boost.JSON's parser is instantiated where JSON text is read, not in every translation unit that
/// includes this header.
template <class Handler = detail::exact_json_handler>
boost::json::value parse_json(std::string_view text, boost::system::error_code& ec,
                              std::size_t max_depth = json_limits{}.max_depth) {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<Handler> parser{options};
    const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (!ec && used != text.size()) ec = boost::json::error::extra_data;
    if (ec) return nullptr;
    return std::move(parser.handler().stack.back());
}

/// from_json of JSON text; a syntax error, or text past a limit, is reported at the root.
template <class T>
result<T> from_json_text(std::string_view text, const json_limits& limits = {}) {
    std::string root;
    if constexpr (described_struct<T>) root = wire<T>::name;
    if (text.size() > limits.max_size)
        return error::invalid({{root, "JSON text longer than the limit of " + std::to_string(limits.max_size) +
                                          " bytes (json_limits::max_size)"}});
    boost::system::error_code ec;
    const boost::json::value json = parse_json(text, ec, limits.max_depth);
    if (ec == boost::json::error::too_deep)
        return error::invalid({{root, "not JSON: nested deeper than " + std::to_string(limits.max_depth) +
                                          " levels (json_limits::max_depth)"}});
    if (ec) return error::invalid({{root, "not JSON: " + ec.message()}});
    return from_json<T>(json);
}

/// A JSON value as Python's str() writes what json.loads made of it, as the AWS CLI prints a scalar and
/// botocore's waiters name an expected value: text as it is, True / False, None, integers, doubles as
/// Python's repr ("1.0", "1e-05"); a list or an object as compact JSON (not Python's repr).
inline std::string python_str(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::string: return std::string(v.get_string());
        case boost::json::kind::bool_: return v.get_bool() ? "True" : "False";
        case boost::json::kind::null: return "None";
        case boost::json::kind::int64: return std::to_string(v.get_int64());
        case boost::json::kind::uint64: return std::to_string(v.get_uint64());
        case boost::json::kind::double_: return std::string(detail::python_float(v.get_double()).view());
        default: return boost::json::serialize(v);
    }
}

}  // namespace awsq
