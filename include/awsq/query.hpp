// Request serialization: a valid request as the form-encoded query body botocore would send, byte for byte.
#pragma once

#include <awsq/detail/base64.hpp>
#include <awsq/detail/form.hpp>
#include <awsq/detail/python_float.hpp>
#include <awsq/error.hpp>
#include <awsq/timestamp.hpp>
#include <awsq/traits.hpp>
#include <awsq/validate.hpp>

#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace awsq {

namespace detail {

/// Writing state: the body so far, and the form-encoded key of the value being written
/// (`Filters.Filter.1.Name`).
struct query_writer {
    std::string body;
    std::string key;

    /// Starts the pair of the current key: "&key=".
    void begin() {
        body += '&';
        body += key;
        body += '=';
    }
    /// Appends ".name" (or "name" at the top level) to the key.
    void push(std::string_view name) {
        if (!key.empty()) key += '.';
        append_form_encoded(key, name);
    }
    /// push(name), out of line; returns where to cut the key back to.
    [[gnu::noinline]] std::size_t enter(std::string_view name) {
        const std::size_t mark = key.size();
        push(name);
        return mark;
    }
    void leave(std::size_t mark) { key.resize(mark); }
    /// Appends ".n" to the key.
    void push(std::size_t n) {
        char digits[24];
        const auto r = std::to_chars(digits, digits + sizeof digits, n);
        key += '.';
        key.append(digits, r.ptr);
    }
};

/// "Tue, 02 Jan 2024 03:04:05 GMT": email.utils.formatdate(usegmt=True) of the whole seconds.
inline void append_rfc822(std::string& out, timestamp t) {
    append_rfc822_date_time(out, t);
    out += " GMT";
}

template <class T>
void query_write(const T& v, const shape_facts* shape, timestamp_format format, query_writer& w);

/// A structure's member, when present, at Name.Member. One instantiation per member type.
template <class M>
void query_write_member(const M& member, const member_facts& m, query_writer& w) {
    if (!member) return;
    const std::size_t mark = w.enter(wire_name(m));
    query_write(member, m.shape, m.format, w);
    w.leave(mark);
}

/// Writes one value at w.key; `shape` and `format` are the facts of the member (or element) holding it.
template <class T>
void query_write(const T& v, const shape_facts* shape, timestamp_format format, query_writer& w) {
    if constexpr (codec_type<T>) {                         // user codec: its wire string
        w.begin();
        append_form_encoded(w.body, codec<T>::to_wire(v));
    } else if constexpr (optional_type<T> || indirect_type<T>) {  // absent: nothing on the wire
        if (v) query_write(*v, shape, format, w);
    } else if constexpr (described_struct<T>) {            // structure: members in model order, Name.Member
        boost::mp11::mp_for_each<boost::mp11::mp_iota<boost::mp11::mp_size<members_of<T>>>>([&](auto i) {
            query_write_member(v.*boost::mp11::mp_at_c<members_of<T>, i>::pointer, facts_of<T, i>(), w);
        });
    } else if constexpr (list_type<T>) {                   // list: Name.member.N from 1; flattened: Name.N; empty: "Name="
        if (v.empty()) {
            w.begin();
            return;
        }
        const std::size_t mark = w.key.size();
        std::size_t cut = std::string::npos;
        std::string renamed;  // the key segment a flattened list's locationName replaces
        if (!shape || !shape->flattened) {
            w.key += '.';
            append_form_encoded(w.key, list_member_name(shape));
        } else if (!shape->member_name.empty()) {
            // botocore names the elements of a flattened list after its member's locationName by
            // replacing the last segment of the key: Prefix.Hosts -> Prefix.Host.1
            const std::size_t dot = w.key.rfind('.');
            cut = dot == std::string::npos ? 0 : dot + 1;
            renamed.assign(w.key, cut);
            w.key.resize(cut);
            append_form_encoded(w.key, shape->member_name);
        }
        const shape_facts* element = shape ? shape->member : nullptr;
        const timestamp_format element_format = element ? element->format : timestamp_format::unspecified;
        const std::size_t base = w.key.size();
        for (std::size_t i = 0; i < v.size(); ++i) {
            w.push(i + 1);
            query_write(v[i], element, element_format, w);
            w.key.resize(base);
        }
        if (cut != std::string::npos) {
            w.key.resize(cut);
            w.key += renamed;
        }
        w.key.resize(mark);
    } else if constexpr (map_type<T>) {                    // map: Name.entry.N.key / .value (flattened: Name.N.key), in key order
        const std::size_t mark = w.key.size();
        if (!shape || !shape->flattened) w.key += ".entry";
        const std::string_view key_name = shape && !shape->key_name.empty() ? shape->key_name : "key";
        const std::string_view value_name = shape && !shape->value_name.empty() ? shape->value_name : "value";
        const shape_facts* key_shape = shape ? shape->key : nullptr;
        const shape_facts* value_shape = shape ? shape->member : nullptr;
        const timestamp_format value_format = value_shape ? value_shape->format : timestamp_format::unspecified;
        const std::size_t base = w.key.size();
        std::size_t n = 0;
        for (const auto& [key, value] : v) {
            w.push(++n);
            const std::size_t entry = w.key.size();
            w.push(key_name);
            query_write(key, key_shape, timestamp_format::unspecified, w);
            w.key.resize(entry);
            w.push(value_name);
            query_write(value, value_shape, value_format, w);
            w.key.resize(base);
        }
        w.key.resize(mark);
    } else if constexpr (open_enum_type<T> || described_enum<T>) {  // enum: its wire string, known or not
        w.begin();
        append_form_encoded(w.body, enum_to_string(v));
    } else if constexpr (string_type<T>) {                 // string: UTF-8, form-encoded
        w.begin();
        append_form_encoded(w.body, v);
    } else if constexpr (boolean_type<T>) {                // boolean: true / false
        w.begin();
        w.body += v ? "true" : "false";
    } else if constexpr (integer_type<T>) {                // integer: exact decimal
        char digits[24];
        const auto r = std::to_chars(digits, digits + sizeof digits, v);
        w.begin();
        w.body.append(digits, r.ptr);
    } else if constexpr (floating_type<T>) {               // float, double: Python's str(), e.g. 1e+16, Infinity
        w.begin();
        append_form_encoded(w.body, python_float(v).view());
    } else if constexpr (timestamp_type<T>) {              // timestamp: the member's format, ISO 8601 by default
        w.begin();
        if (format == timestamp_format::unix_timestamp) {  // whole seconds, fraction dropped
            char digits[24];
            const long long seconds = floor_div(v.time_since_epoch().count(), 1'000'000);
            const auto r = std::to_chars(digits, digits + sizeof digits, seconds);
            w.body.append(digits, r.ptr);
        } else if (format == timestamp_format::rfc822) {
            std::string text;
            append_rfc822(text, v);
            append_form_encoded(w.body, text);
        } else {
            append_form_encoded(w.body, format_iso8601(v));
        }
    } else if constexpr (blob_type<T>) {                   // blob: base64
        w.begin();
        append_form_encoded(w.body, base64_encode(v.bytes));
    } else {
        static_assert(unsupported_type<T>, "awsq::to_query: no query form for this type");
    }
}

}  // namespace detail

/// The form-encoded body of a call of Op: Action and Version, then every present member in model
/// order, exactly as botocore's QuerySerializer and HTTP layer write it (botocore follows the
/// caller's dict order, for members and map entries; awsq uses model order and key order). An
/// invalid request is refused with error::invalid listing every problem; no partial body is returned.
template <class Op>
result<std::string> to_query(const typename Op::input_type& request) {
    if (auto problems = validate(request); !problems.empty()) return error::invalid(std::move(problems));
    detail::query_writer w;
    w.body.reserve(512);
    w.key.reserve(64);
    w.body += "Action=";
    detail::append_form_encoded(w.body, Op::name);
    w.body += "&Version=";
    detail::append_form_encoded(w.body, Op::service.api_version);
    detail::query_write(request, nullptr, timestamp_format::unspecified, w);
    return std::move(w.body);
}

}  // namespace awsq
