// --generate-cli-skeleton: an operation's input or output filled with the placeholders the AWS CLI v1 prints
// (botocore's ArgumentGenerator), built from the generated types by the same reflection as every algorithm.
#pragma once

#include <awsq/awsq.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace awsq_cli {

/// How placeholders are written: an input skeleton has empty strings (an enum: its first value, where
/// botocore picks one at random), an output skeleton the member's name in every string (a list element:
/// the element shape's name; a map value: ""), as botocore's use_member_names does.
struct skeleton_style {
    bool member_names = false;
    std::string_view timestamp = "1970-01-01T00:00:00";  // botocore's datetime(1970, 1, 1), as printed
};

/// The skeleton of a T. `structures` holds the structures being filled: one met again inside itself is {}.
template <class T>
boost::json::value skeleton(const skeleton_style& style, const awsq::shape_facts* shape, std::string_view name,
                            std::vector<std::string_view>& structures) {
    if constexpr (awsq::optional_type<T> || awsq::indirect_type<T>) {
        return skeleton<typename T::value_type>(style, shape, name, structures);
    } else if constexpr (std::is_same_v<T, awsq::empty_shape>) {
        return boost::json::object{};
    } else if constexpr (awsq::described_struct<T>) {
        const std::string_view self = awsq::wire<T>::name;
        if (std::find(structures.begin(), structures.end(), self) != structures.end()) return boost::json::object{};
        structures.push_back(self);
        boost::json::object out;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<std::size(awsq::wire<T>::members)>>([&](auto i) {
            using D = boost::mp11::mp_at_c<awsq::members_of<T>, i>;
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            const auto& facts = awsq::facts_of<T, i>();
            out[facts.name] = skeleton<M>(style, facts.shape, facts.name, structures);
        });
        structures.pop_back();
        return out;
    } else if constexpr (awsq::list_type<T>) {
        const auto* element = shape ? shape->member : nullptr;
        const std::string_view element_name = style.member_names && element ? element->name : std::string_view{};
        return boost::json::array{skeleton<typename T::value_type>(style, element, element_name, structures)};
    } else if constexpr (awsq::map_type<T>) {
        return boost::json::object{
            {"KeyName", skeleton<typename T::mapped_type>(style, shape ? shape->member : nullptr, {}, structures)}};
    } else if constexpr (awsq::open_enum_type<T>) {
        if (style.member_names) return boost::json::string(name);
        using E = decltype(std::declval<const T&>().value());
        using first = boost::mp11::mp_front<boost::describe::describe_enumerators<E>>;
        return boost::json::string(awsq::enum_to_string(first::value));
    } else if constexpr (awsq::string_type<T>) {
        return boost::json::string(style.member_names ? name : std::string_view{});
    } else if constexpr (awsq::boolean_type<T>) {
        return true;
    } else if constexpr (awsq::integer_type<T>) {
        return std::int64_t{0};
    } else if constexpr (awsq::floating_type<T>) {
        return 0.0;
    } else if constexpr (awsq::timestamp_type<T>) {
        return boost::json::string(style.timestamp);
    } else if constexpr (awsq::blob_type<T>) {
        return nullptr;  // botocore's generator has no placeholder for a blob: None
    } else {
        static_assert(awsq::unsupported_type<T>, "awsq: no skeleton for this member type");
    }
}

template <class T>
boost::json::value skeleton_of(const skeleton_style& style) {
    std::vector<std::string_view> structures;
    return skeleton<T>(style, nullptr, {}, structures);
}

/// JSON as Python's json.dumps(value, indent=4) writes it: ", " never at a line's end, ": " after keys,
/// empty containers as {} and [], every character past ASCII as \uXXXX.
inline void print_python_json(std::ostream& out, const boost::json::value& v, int level = 0) {
    auto indent = [&](int n) { out << '\n' << std::string(static_cast<std::size_t>(n) * 4, ' '); };
    auto quoted = [&](std::string_view s) {
        static constexpr char hex[] = "0123456789abcdef";
        auto u = [&](unsigned code) {
            out << "\\u" << hex[(code >> 12) & 15] << hex[(code >> 8) & 15] << hex[(code >> 4) & 15] << hex[code & 15];
        };
        out << '"';
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c == '"') out << "\\\"";
            else if (c == '\\') out << "\\\\";
            else if (c == '\n') out << "\\n";
            else if (c == '\r') out << "\\r";
            else if (c == '\t') out << "\\t";
            else if (c == '\b') out << "\\b";
            else if (c == '\f') out << "\\f";
            else if (c < 0x20) u(c);
            else if (c < 0x80) out << static_cast<char>(c);
            else {  // a UTF-8 sequence (JSON from boost::json is valid UTF-8)
                const std::size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                unsigned code = c & (n == 4 ? 0x07u : n == 3 ? 0x0fu : 0x1fu);
                for (std::size_t k = 1; k < n && i + 1 < s.size(); ++k) code = (code << 6) | (s[++i] & 0x3fu);
                if (code >= 0x10000) {
                    code -= 0x10000;
                    u(0xd800 + (code >> 10));
                    u(0xdc00 + (code & 0x3ff));
                } else {
                    u(code);
                }
            }
        }
        out << '"';
    };
    switch (v.kind()) {
        case boost::json::kind::object: {
            const auto& o = v.get_object();
            if (o.empty()) {
                out << "{}";
                return;
            }
            out << '{';
            bool first = true;
            for (const auto& kv : o) {
                if (!first) out << ',';
                first = false;
                indent(level + 1);
                quoted(kv.key());
                out << ": ";
                print_python_json(out, kv.value(), level + 1);
            }
            indent(level);
            out << '}';
            return;
        }
        case boost::json::kind::array: {
            const auto& a = v.get_array();
            if (a.empty()) {
                out << "[]";
                return;
            }
            out << '[';
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (i) out << ',';
                indent(level + 1);
                print_python_json(out, a[i], level + 1);
            }
            indent(level);
            out << ']';
            return;
        }
        case boost::json::kind::string: quoted(v.get_string()); return;
        case boost::json::kind::bool_: out << (v.get_bool() ? "true" : "false"); return;
        case boost::json::kind::null: out << "null"; return;
        case boost::json::kind::int64: out << v.get_int64(); return;
        case boost::json::kind::uint64: out << v.get_uint64(); return;
        case boost::json::kind::double_: {
            char buffer[32];
            const auto end = std::to_chars(buffer, buffer + sizeof buffer, v.get_double()).ptr;
            const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
            out << text;
            if (text.find_first_of(".en") == std::string_view::npos) out << ".0";  // Python's repr: 0.0
            return;
        }
    }
}

}  // namespace awsq_cli
