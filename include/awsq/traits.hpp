// Type categories every algorithm dispatches on, the codec customisation point, and wire-fact look-ups.
#pragma once

#include <awsq/model.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace awsq {

/// Customisation point: specialise with `static std::string to_wire(const T&)` and
/// `static std::optional<T> from_wire(std::string_view)` to teach a scalar type to every format.
template <class T>
struct codec;

namespace detail {
template <class T, template <class...> class Tmpl>
inline constexpr bool is_instance = false;
template <template <class...> class Tmpl, class... A>
inline constexpr bool is_instance<Tmpl<A...>, Tmpl> = true;
}  // namespace detail

// The dispatch ladder, in the order every algorithm tests them.
template <class T> concept codec_type = requires { codec<T>::to_wire; };
template <class T> concept optional_type = detail::is_instance<T, std::optional>;
template <class T> concept indirect_type = detail::is_instance<T, indirect>;
template <class T> concept described_struct =
    std::is_class_v<T> && boost::describe::has_describe_members<T>::value;
template <class T> concept list_type = detail::is_instance<T, std::vector>;
template <class T> concept map_type = detail::is_instance<T, std::map>;
template <class T> concept open_enum_type = detail::is_instance<T, open_enum>;
template <class T> concept described_enum =
    std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value;
template <class T> concept string_type = std::same_as<T, std::string>;
template <class T> concept boolean_type = std::same_as<T, bool>;
template <class T> concept integer_type =
    std::same_as<T, std::int32_t> || std::same_as<T, std::int64_t>;
template <class T> concept floating_type = std::same_as<T, float> || std::same_as<T, double>;
template <class T> concept timestamp_type = std::same_as<T, timestamp>;
template <class T> concept blob_type = std::same_as<T, blob>;

/// A structure the model marks as a tagged union: exactly one of its members is set.
template <class T> concept tagged_union = described_struct<T> && requires { requires wire<T>::tagged_union; };

/// The model's member names of T, joined by ", " (for messages).
template <described_struct T>
std::string member_names() {
    std::string out;
    for (const auto& m : wire<T>::members) {
        if (!out.empty()) out += ", ";
        out += m.name;
    }
    return out;
}

/// Always false; lets a ladder end in a readable static_assert.
template <class T> inline constexpr bool unsupported_type = false;

/// The described public members of a structure.
template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

/// Facts of the I-th described member of T.
template <described_struct T, std::size_t I>
constexpr const member_facts& facts_of() {
    static_assert(std::size(wire<T>::members) == boost::mp11::mp_size<members_of<T>>::value,
                  "awsq::wire<T>::members must list every described member, in order");
    return wire<T>::members[I];
}

/// Position of the member with this model name, or members.size() when there is none.
constexpr std::size_t find_member(std::span<const member_facts> members, std::string_view name) noexcept {
    std::size_t i = 0;
    while (i < members.size() && members[i].name != name) ++i;
    return i;
}

/// The name a member has on the wire: its locationName, else its model name.
constexpr std::string_view wire_name(const member_facts& m) noexcept {
    return m.location_name.empty() ? m.name : m.location_name;
}

/// The element name of a list (locationName of its member, else "member").
constexpr std::string_view list_member_name(const shape_facts* s) noexcept {
    return s && !s->member_name.empty() ? s->member_name : std::string_view{"member"};
}

/// Root name used in error paths (e.g. "DescribeExportTasksRequest").
template <described_struct T>
constexpr std::string_view shape_name() noexcept {
    return wire<T>::name;
}

/// The wire string of an enumerator.
template <described_enum E>
constexpr std::string_view enum_to_string(E value) noexcept {
    std::string_view out;
    std::size_t index = 0;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (d.value == value) {
            if constexpr (requires { wire<E>::values; }) out = wire<E>::values[index];
            else out = d.name;
        }
        ++index;
    });
    return out;
}

/// The enumerator with this wire string, if the model knows it.
template <described_enum E>
constexpr std::optional<E> enum_from_string(std::string_view text) noexcept {
    std::optional<E> out;
    std::size_t index = 0;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        std::string_view name;
        if constexpr (requires { wire<E>::values; }) name = wire<E>::values[index];
        else name = d.name;
        if (!out && name == text) out = d.value;
        ++index;
    });
    return out;
}

/// The wire string of an open enum value, known or not.
template <class E>
std::string_view enum_to_string(const open_enum<E>& value) noexcept {
    return value.known() ? enum_to_string(value.value()) : value.unknown_value();
}

/// Reads an open enum from its wire string, keeping unknown values.
template <class E>
open_enum<E> open_enum_from_string(std::string_view text) {
    if (auto known = enum_from_string<E>(text)) return *known;
    return open_enum<E>{std::string{text}};
}

}  // namespace awsq
