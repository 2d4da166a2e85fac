// Request validation: every way a request breaks its model's constraints, each with a botocore-style path.
#pragma once

#include <awsq/detail/python_float.hpp>
#include <awsq/error.hpp>
#include <awsq/traits.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsq {

namespace detail {

/// Validation state: the path of the value being checked, and every problem found so far. Its
/// helpers are out of line, shared by every instantiation of the checks.
struct validator : value_path {
    std::vector<problem> problems;

    [[gnu::cold, gnu::noinline]] void report(std::string message) { problems.push_back({path, std::move(message)}); }

    [[gnu::cold, gnu::noinline]] void missing(std::string_view member) {
        const std::size_t mark = enter(member);
        report("required member is missing");
        leave(mark);
    }

    /// Checks a value (or a length, when `what` is "length ") against the shape's min and max.
    template <class N>
    void check_range(std::string_view what, N value, const shape_facts* shape) {
        if (!shape) return;
        auto text = [&] {
            if constexpr (std::is_floating_point_v<N>) return std::string(python_float(value).view());
            else return std::to_string(value);
        };
        if (shape->min && value < *shape->min) out_of_range(what, text(), " is below the minimum ", *shape->min);
        else if (shape->max && value > *shape->max) out_of_range(what, text(), " is above the maximum ", *shape->max);
    }
    [[gnu::cold, gnu::noinline]] void out_of_range(std::string_view what, std::string value, std::string_view side,
                                                   std::int64_t bound) {
        report(std::string(what) + value + std::string(side) + std::to_string(bound));
    }
};

/// Length of UTF-8 text in code points, as botocore (Python's len) counts a string.
inline std::size_t code_points(std::string_view text) noexcept {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/// `"value" is not one of A, B`: the model's wire strings of E.
template <class E>
std::string not_one_of(std::string value) {
    std::string out = std::move(value);
    out += " is not one of ";
    bool first = true;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (!first) out += ", ";
        first = false;
        out += enum_to_string(d.value);
    });
    return out;
}

template <class T>
void validate_value(const T& v, const shape_facts* shape, validator& st);

/// A structure's member: present when required, and valid. One instantiation per member type.
template <class M>
void validate_member(const M& member, const member_facts& m, validator& st) {
    if (!member) {
        if (m.required) st.missing(m.name);
        return;
    }
    const std::size_t mark = st.enter(m.name);
    validate_value(member, m.shape, st);
    st.leave(mark);
}

/// Checks one value against its shape's facts; absent members are the enclosing structure's concern.
template <class T>
void validate_value(const T& v, const shape_facts* shape, validator& st) {
    if constexpr (codec_type<T>) {                         // user codec: its type is its own guarantee
        (void)v, (void)shape, (void)st;
    } else if constexpr (optional_type<T> || indirect_type<T>) {  // absent: nothing to check
        if (v) validate_value(*v, shape, st);
    } else if constexpr (described_struct<T>) {            // structure: required members present, each member valid
        boost::mp11::mp_for_each<boost::mp11::mp_iota<boost::mp11::mp_size<members_of<T>>>>([&](auto i) {
            validate_member(v.*boost::mp11::mp_at_c<members_of<T>, i>::pointer, facts_of<T, i>(), st);
        });
        if constexpr (tagged_union<T>) {                   // union: exactly one member set
            std::size_t set = 0;
            boost::mp11::mp_for_each<members_of<T>>([&](auto d) { set += static_cast<bool>(v.*d.pointer); });
            if (set != 1)
                st.report("a union sets exactly one member (of " + member_names<T>() + "); " + std::to_string(set) +
                          " are set");
        }
    } else if constexpr (list_type<T>) {                   // list: length, then each element at [i], from 0
        st.check_range("length ", static_cast<std::int64_t>(v.size()), shape);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::size_t mark = st.enter(i);
            validate_value(v[i], shape ? shape->member : nullptr, st);
            st.leave(mark);
        }
    } else if constexpr (map_type<T>) {                    // map: length, then each key and value at ["key"]
        st.check_range("length ", static_cast<std::int64_t>(v.size()), shape);
        for (const auto& [key, value] : v) {
            const std::size_t mark = st.enter_key(key);
            st.check_range("key length ", static_cast<std::int64_t>(code_points(key)), shape ? shape->key : nullptr);
            validate_value(value, shape ? shape->member : nullptr, st);
            st.leave(mark);
        }
    } else if constexpr (open_enum_type<T>) {              // enum: any string, known or not (AWS adds values before models do)
        (void)v, (void)shape, (void)st;
    } else if constexpr (described_enum<T>) {              // closed enum: one of its enumerators
        if (enum_to_string(v).empty())
            st.report(not_one_of<T>(std::to_string(static_cast<long long>(v))));
    } else if constexpr (string_type<T>) {                 // string: length in code points
        st.check_range("length ", static_cast<std::int64_t>(code_points(v)), shape);
    } else if constexpr (boolean_type<T>) {                // boolean: any value
        (void)v, (void)shape, (void)st;
    } else if constexpr (integer_type<T>) {                // integer: value range
        st.check_range("", static_cast<std::int64_t>(v), shape);
    } else if constexpr (floating_type<T>) {               // float, double: value range
        st.check_range("", v, shape);
    } else if constexpr (timestamp_type<T>) {              // timestamp: any value
        (void)v, (void)shape, (void)st;
    } else if constexpr (blob_type<T>) {                   // blob: length in bytes
        st.check_range("length ", static_cast<std::int64_t>(v.bytes.size()), shape);
    } else {
        static_assert(unsupported_type<T>, "awsq::validate: no validation rule for this type");
    }
}

/// The name error paths start with: the SDK alias of an operation's shape, e.g. "DescribeExportTasksRequest".
template <class T>
constexpr std::string_view root_name() noexcept {
    if constexpr (requires { wire<T>::name; }) return wire<T>::name;
    else return {};
}

}  // namespace detail

/// Every problem of a request: required members missing at any depth, integers and floats out of
/// range, string (code points), list, map and blob lengths out of range, and a closed enum holding no
/// enumerator. Paths read like botocore's validator, rooted at the request's SDK name:
/// `DescribeExportTasksRequest.Filters[1].Values`, `...Tags["env"]`. Stricter than botocore on
/// purpose only in `max`, which botocore does not check. An open_enum holding a value the model
/// does not know is valid and sent as given, as botocore sends any string: AWS adds enum values
/// before the models catch up.
template <described_struct T>
std::vector<problem> validate(const T& request) {
    detail::validator st;
    st.path = detail::root_name<T>();
    detail::validate_value(request, nullptr, st);
    return std::move(st.problems);
}

/// validate() as a result: nothing when the request is valid, else error::invalid with every problem.
template <described_struct T>
result<void> ensure_valid(const T& request) {
    auto problems = validate(request);
    if (!problems.empty()) return error::invalid(std::move(problems));
    return {};
}

}  // namespace awsq
