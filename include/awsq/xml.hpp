// Shapes from XML elements, read the way botocore's QueryParser reads query-protocol responses:
// one generic mapping from reflection, over any awsq::xml_reader (awsq::stream_reader by default).
#pragma once

#include <awsq/detail/base64.hpp>
#include <awsq/stream_reader.hpp>
#include <awsq/xml_reader.hpp>
#include <awsq/error.hpp>
#include <awsq/timestamp.hpp>
#include <awsq/traits.hpp>

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace awsq {

namespace detail {

/// `"text"` for a message, shortened when long.
inline std::string quoted(std::string_view text) {
    constexpr std::size_t limit = 64;
    if (text.size() <= limit) return "\"" + std::string(text) + "\"";
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

/// Reading state: scratch space for decoded text, and the first problem with its path, which is
/// built backwards while the failure unwinds (nothing is spent on paths while reading succeeds).
/// The failure helpers are out of line: every instantiation of the readers shares them.
struct read_state {
    std::string scratch;
    std::string path;     // e.g. ".ExportTasks[3].PercentProgress"
    std::string problem;
    bool not_xml = false;  // the document itself is malformed: the error names no element path

    [[gnu::cold, gnu::noinline]] bool fail(std::string message) {
        problem = std::move(message);
        return false;
    }
    /// `"text" what`, e.g. `"12x" is not an integer`.
    [[gnu::cold, gnu::noinline]] bool fail_value(std::string_view text, std::string_view what) {
        problem = quoted(text);
        problem += what;
        return false;
    }
    /// The reader's failure: the body is not well-formed XML (or past a limit).
    [[gnu::cold, gnu::noinline]] bool malformed(std::string_view why) {
        if (!not_xml) problem = "not XML: " + std::string(why);
        not_xml = true;
        return false;
    }
    [[gnu::cold, gnu::noinline]] bool unwind(std::string_view segment) {
        if (!not_xml) path.insert(0, segment);
        return false;
    }
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
    /// ".Name", or ".Name[index]" for an item of a flattened list.
    [[gnu::cold, gnu::noinline]] bool unwind_member(std::string_view name, std::size_t index = no_index) {
        std::string segment = ".";
        segment += name;
        if (index != no_index) segment += "[" + std::to_string(index) + "]";
        return unwind(segment);
    }
    [[gnu::cold, gnu::noinline]] bool unwind_index(std::size_t index) {
        return unwind("[" + std::to_string(index) + "]");
    }
    /// The parse error of what failed, its path rooted at `root_name`.
    [[gnu::cold, gnu::noinline]] error failure(std::string_view root_name) {
        return error::parse(std::string(root_name) + path, std::move(problem));
    }
};

/// Whether two names are the same: short strings, compared inline.
inline bool same_name(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && xml::same_bytes(a.data(), b.data(), a.size());
}

/// Whether an element's qualified name is `name`, with or without a namespace prefix.
inline bool named(std::string_view qualified, std::string_view name) noexcept {
    return same_name(qualified, name) || local_name(qualified) == name;
}

/// Python's int() and float() ignore surrounding whitespace; so do numbers and timestamps here.
inline std::string_view trim(std::string_view s) noexcept {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

enum class number_status : unsigned char { ok, not_a_number, out_of_range };

/// An optional sign and decimal digits, exactly: never wrapped, never truncated.
template <class T>
number_status read_integer(std::string_view s, T& out) noexcept {
    s = trim(s);
    const bool negative = !s.empty() && s[0] == '-';
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    if (s.empty()) return number_status::not_a_number;
    std::uint64_t magnitude = 0;
    std::size_t significant = 0;  // digits from the first non-zero one: 19 of them always fit in 64 bits
    for (const char c : s) {
        const auto digit = static_cast<std::uint64_t>(static_cast<unsigned char>(c)) - '0';
        if (digit > 9) return number_status::not_a_number;
        magnitude = magnitude * 10 + digit;  // wraps only past 19 significant digits, refused below
        significant += significant > 0 || digit != 0;
    }
    using U = std::make_unsigned_t<T>;
    const auto max = static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    if (significant > 19 || magnitude > max + (negative ? 1 : 0)) return number_status::out_of_range;
    out = negative ? static_cast<T>(U(0) - static_cast<U>(magnitude)) : static_cast<T>(magnitude);
    return number_status::ok;
}

/// A decimal or "inf"/"infinity"/"nan" number as Python's float() reads it: past the range it is
/// infinity, below it zero.
template <class T>
number_status read_floating(std::string_view s, T& out) noexcept {
    s = trim(s);
    const bool plus = !s.empty() && s[0] == '+';
    if (plus) s.remove_prefix(1);
    if (s.empty() || (plus && s[0] == '-')) return number_status::not_a_number;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (end != s.data() + s.size()) return number_status::not_a_number;
    if (ec == std::errc::result_out_of_range) {
        // Which side: the decimal exponent of the first significant digit.
        const std::size_t e = s.find_first_of("eE");
        const std::string_view mantissa = s.substr(0, e);
        long long exponent = 0;
        if (e != std::string_view::npos) {
            std::string_view digits = s.substr(e + 1);
            const bool negative = !digits.empty() && digits[0] == '-';
            if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
            for (const char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1'000'000'000LL);
            if (negative) exponent = -exponent;
        }
        const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
        const std::size_t first = mantissa.find_first_of("123456789");
        const long long position = first < point ? static_cast<long long>(point - first) - 1
                                                 : -static_cast<long long>(first - point);
        const bool negative = s[0] == '-';
        if (position + exponent > 0) out = negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
        else out = negative ? -T(0) : T(0);
    } else if (ec != std::errc{}) {
        return number_status::not_a_number;
    }
    return number_status::ok;
}

/// ISO 8601 (with or without a fraction, `Z` or an offset), epoch seconds (with a fraction) or an
/// RFC 822 / HTTP date: botocore's parse_timestamp reads each whatever the model's timestampFormat
/// says, so the format the model names (on the member or on the shape) is always among them.
inline std::optional<timestamp> read_timestamp(std::string_view s) noexcept {
    s = trim(s);
    if (auto t = parse_iso8601(s)) return t;
    double seconds = 0;
    if (read_floating(s, seconds) == number_status::ok) return from_epoch_seconds(seconds);
    return parse_rfc822(s);
}

/// The value type of a member: T of std::optional<T> or awsq::indirect<T>.
template <class M> struct member_value_of { using type = M; };
template <class V> struct member_value_of<std::optional<V>> { using type = V; };
template <class V> struct member_value_of<indirect<V>> { using type = V; };

template <class T, std::size_t I>
using member_value = typename member_value_of<
    std::remove_cvref_t<decltype(std::declval<T&>().*boost::mp11::mp_at_c<members_of<T>, I>::pointer)>>::type;

/// A list or map can be flattened: one element per item, directly in the structure.
template <class V>
concept repeatable = !codec_type<V> && (list_type<V> || map_type<V>);

/// How a structure's members appear as elements: their names, and which ones repeat (flattened).
template <described_struct T>
struct element_layout {
    static constexpr std::size_t size = std::size(wire<T>::members);
    std::array<std::string_view, size> names{};
    std::array<bool, size> repeats{};
};

/// Built once per structure. Not constexpr: whether a member has shape facts is a pointer
/// compared with null, which GCC does not fold under -fsanitize=null.
template <described_struct T>
const element_layout<T>& layout_of() {
    static const element_layout<T> layout = [] {
        element_layout<T> out;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<element_layout<T>::size>>([&](auto i) {
            using V = member_value<T, i>;
            const member_facts& m = facts_of<T, i>();
            out.repeats[i] = repeatable<V> && m.shape && m.shape->flattened;
            // A flattened list with a named member repeats that name, as botocore's _member_key_name.
            if (out.repeats[i] && list_type<V> && !m.shape->member_name.empty()) out.names[i] = m.shape->member_name;
            else out.names[i] = wire_name(m);
        });
        return out;
    }();
    return layout;
}

/// A value read from one element's text alone.
template <class T>
concept scalar_value = codec_type<T> || open_enum_type<T> || described_enum<T> || string_type<T> || boolean_type<T> ||
                       integer_type<T> || floating_type<T> || timestamp_type<T> || blob_type<T>;

/// A scalar from its element's text.
template <scalar_value T>
bool read_scalar(std::string_view text, T& out, read_state& r) {
    if constexpr (codec_type<T>) {                         // user codec: from the element's text
        auto value = codec<T>::from_wire(text);
        if (!value) return r.fail_value(text, " is not a valid value");
        out = std::move(*value);
        return true;
    } else if constexpr (open_enum_type<T>) {              // enum: any string; values the model does not know are kept
        out = open_enum_from_string<std::remove_cvref_t<decltype(out.value())>>(text);
        return true;
    } else if constexpr (described_enum<T>) {              // closed enum: a value the model knows
        const auto value = enum_from_string<T>(text);
        if (!value) return r.fail_value(text, " is not a known value");
        out = *value;
        return true;
    } else if constexpr (string_type<T>) {                 // string: the text exactly, whitespace kept
        out = std::string(text);  // constructed at its size: cheaper than assign() into an empty string
        return true;
    } else if constexpr (boolean_type<T>) {                // boolean: "true" or "false"
        if (text == "true") out = true;
        else if (text == "false") out = false;
        else return r.fail_value(text, " is not a boolean (true or false)");
        return true;
    } else if constexpr (integer_type<T>) {                // Integer 32-bit, Long 64-bit: out of range is an error
        switch (read_integer(text, out)) {
            case number_status::ok: return true;
            case number_status::out_of_range:
                return r.fail_value(text, sizeof(T) == 4 ? " is out of range for a 32-bit integer"
                                                         : " is out of range for a 64-bit integer");
            case number_status::not_a_number: break;
        }
        return r.fail_value(text, " is not an integer");
    } else if constexpr (floating_type<T>) {               // float, double: decimal, inf or nan
        if (read_floating(text, out) != number_status::ok) return r.fail_value(text, " is not a number");
        return true;
    } else if constexpr (timestamp_type<T>) {              // timestamp: ISO 8601, epoch seconds or RFC 822, to UTC
        const auto t = read_timestamp(text);
        if (!t) return r.fail_value(text, " is not a timestamp");
        out = *t;
        return true;
    } else {                                               // blob: base64
        auto bytes = base64_decode(text);
        if (!bytes) return r.fail_value(text, " is not base64");
        out.bytes = std::move(*bytes);
        return true;
    }
}

template <xml_reader R, class T>
bool xml_read(R& in, T& out, const shape_facts* shape, read_state& r);

/// Reads the current element as one more item of a list. A std::vector<bool> holds bits, not
/// bools: its item is read first, then appended.
template <xml_reader R, class List>
bool xml_read_item(R& in, List& out, const shape_facts* shape, read_state& r) {
    if constexpr (std::is_same_v<typename List::value_type, bool>) {
        bool value = false;
        if (!xml_read(in, value, shape, r)) return false;
        out.push_back(value);
        return true;
    } else {
        return xml_read(in, out.emplace_back(), shape, r);
    }
}

/// One <entry> (or flattened map element): its key and value elements, in either order; a
/// second key or value, and anything else, is passed over.
template <xml_reader R, class Map>
bool xml_read_entry(R& in, Map& out, const shape_facts* shape, std::size_t index, read_state& r) {
    const std::string_view key_name = shape && !shape->key_name.empty() ? shape->key_name : "key";
    const std::string_view value_name = shape && !shape->value_name.empty() ? shape->value_name : "value";
    std::optional<typename Map::key_type> key;
    std::optional<typename Map::mapped_type> value;
    const auto segment = [&] { return "[\"" + std::string(*key) + "\"]"; };
    while (in.next_child()) {
        const std::string_view name = in.name();
        if (!key && named(name, key_name)) {
            if (!xml_read(in, key.emplace(), shape ? shape->key : nullptr, r)) return r.unwind_index(index);
        } else if (!value && named(name, value_name)) {
            if (!xml_read(in, value.emplace(), shape ? shape->member : nullptr, r))
                return key ? r.unwind(segment()) : r.unwind_index(index);
        } else if (!in.skip()) {
            break;
        }
    }
    if (in.failed()) return r.malformed(in.problem());
    if (!key) {
        r.fail("entry without a <" + std::string(key_name) + "> element");
        return r.unwind_index(index);
    }
    if (!value) {
        r.fail("entry without a <" + std::string(value_name) + "> element");
        return r.unwind(segment());
    }
    out.insert_or_assign(std::move(*key), std::move(*value));  // a repeated key: the last one wins, as in botocore
    return true;
}

/// Member I of structure T from the current element.
template <class T, std::size_t I, xml_reader R>
bool xml_read_member(R& in, T& out, const element_layout<T>& layout, read_state& r) {
    const member_facts& facts = facts_of<T, I>();
    auto& field = out.*boost::mp11::mp_at_c<members_of<T>, I>::pointer;
    if constexpr (repeatable<member_value<T, I>>) {
        if (layout.repeats[I]) {                           // flattened list or map: this element is one item
            auto& items = field ? *field : field.emplace();
            if constexpr (list_type<member_value<T, I>>) {
                const std::size_t index = items.size();
                if (!xml_read_item(in, items, facts.shape->member, r)) return r.unwind_member(layout.names[I], index);
            } else {
                if (!xml_read_entry(in, items, facts.shape, items.size(), r)) return r.unwind_member(layout.names[I]);
            }
            return true;
        }
    }
    if (field) {
        r.fail("the element appears more than once");
        return r.unwind_member(layout.names[I]);
    }
    if (!xml_read(in, field, facts.shape, r)) return r.unwind_member(layout.names[I]);
    return true;
}

/// The members of structure T from the current element's children, matched by name; a child the
/// model does not know goes to `other` (which skips it, or reads what the caller wants from it).
template <described_struct T, xml_reader R, class Other>
bool xml_read_members(R& in, T& out, read_state& r, Other&& other) {
    constexpr std::size_t count = std::size(wire<T>::members);
    [[maybe_unused]] std::string_view first;  // a union holds the elements of one member only, known or not
    std::size_t expected = 0;  // services send members in model order: try the next one first
    while (in.next_child()) {
        const std::string_view name = in.name();
        if constexpr (tagged_union<T>) {
            if (first.empty()) first = local_name(name);
            else if (local_name(name) != first)
                return r.fail("a union must hold exactly one member (of " + member_names<T>() + ")");
        }
        std::size_t i = count;
        if constexpr (count > 0) {
            const element_layout<T>& layout = layout_of<T>();
            const auto& names = layout.names;
            for (i = expected; i < count && !same_name(name, names[i]);) ++i;  // members the service left out
            if (i == count) {                                       // out of order, prefixed, or unknown
                const std::string_view local = local_name(name);
                for (i = 0; i < count && names[i] != local; ++i) {}
            }
            if (i < count) {
                const bool ok = boost::mp11::mp_with_index<count>(
                    i, [&](auto index) { return xml_read_member<T, index>(in, out, layout, r); });
                if (!ok) return false;
                expected = layout.repeats[i] ? i : i + 1;
                continue;
            }
        }
        if (!other(in)) break;  // a member the model does not know yet
    }
    if (in.failed()) return r.malformed(in.problem());
    if constexpr (tagged_union<T>) {
        if (first.empty()) return r.fail("a union must hold exactly one member (of " + member_names<T>() + ")");
    }
    return true;
}

/// A list this long is sized by what the rest of the body can hold, not doubled again.
inline constexpr std::size_t long_list = 512;

/// Sizes a long list once for the items the rest of the body holds at the bytes per item so far,
/// instead of doubling: doubling keeps the old storage and the new one alive together, as much
/// memory again as the list itself. A hostile body (a few tiny items, then megabytes of something
/// else) cannot make it reserve more than four times the rest of the body; a list that ends early
/// gives back what it did not use (see xml_read).
template <class List>
void reserve_rest(List& out, std::size_t start, std::size_t here, std::size_t size) {
    const std::size_t per_item = std::max<std::size_t>(1, (here - start) / out.size());
    const std::size_t rest = (size - here) / per_item;
    const std::size_t most = 4 * (size - here) / sizeof(typename List::value_type);
    out.reserve(out.size() + std::min(rest + rest / 64, most) + 16);
}

/// Passes over an element the model does not know.
inline constexpr auto skip_element = [](auto& in) { return in.skip(); };

/// Reads one value from the current element, and leaves it. `shape` holds the facts of the
/// value's model shape.
template <xml_reader R, class T>
bool xml_read(R& in, T& out, const shape_facts* shape, read_state& r) {
    if constexpr (scalar_value<T>) {                       // scalars (user codecs first): from the element's text
        const auto text = in.text(r.scratch);
        if (!text) return r.malformed(in.problem());
        return read_scalar(*text, out, r);
    } else if constexpr (optional_type<T> || indirect_type<T>) {  // present: the element exists
        return xml_read(in, out.emplace(), shape, r);
    } else if constexpr (described_struct<T>) {            // structure: child elements by name, unknown ones skipped
        return xml_read_members(in, out, r, skip_element);
    } else if constexpr (list_type<T>) {                   // list: the wrapper's children named like its member
        const std::string_view item = list_member_name(shape);
        const shape_facts* item_shape = shape ? shape->member : nullptr;
        out.clear();
        const std::size_t start = in.position();
        while (in.next_child()) {
            if (!named(in.name(), item)) {
                if (!in.skip()) break;
                continue;
            }
            const std::size_t index = out.size();
            if (index == out.capacity() && index >= long_list) reserve_rest(out, start, in.position(), in.size());
            if (!xml_read_item(in, out, item_shape, r)) return r.unwind_index(index);
        }
        if (in.failed()) return r.malformed(in.problem());
        if (out.size() >= long_list && out.capacity() - out.size() > out.size() / 4) out.shrink_to_fit();
        return true;
    } else if constexpr (map_type<T>) {                    // map: <entry> children, each a key and a value
        std::size_t index = 0;
        while (in.next_child()) {
            if (!named(in.name(), "entry")) {
                if (!in.skip()) break;
                continue;
            }
            if (!xml_read_entry(in, out, shape, index++, r)) return false;
        }
        if (in.failed()) return r.malformed(in.problem());
        return true;
    } else {
        static_assert(unsupported_type<T>, "awsq::from_xml: no XML form for this type");
    }
}

/// The name error paths of T start with.
template <class T>
std::string xml_root_name() {
    if constexpr (described_struct<T> && requires { wire<T>::name; }) return std::string(wire<T>::name);
    else return {};
}

}  // namespace detail

/// Reads a shape from the root element of an XML document (the root's own name is not checked),
/// with the reader R (awsq::stream_reader unless named). Malformed XML or values are a parse error
/// naming the element path, e.g. `ExportTask.PercentProgress: "12x" is not an integer`.
template <class T, xml_reader R = stream_reader>
result<T> from_xml(std::string_view xml, const xml_limits& limits = {}) {
    R in;
    detail::read_state state;
    T out{};
    if (!in.open(xml, limits)) state.malformed(in.problem());
    else if (detail::xml_read(in, out, nullptr, state) && !in.failed()) return out;
    return state.failure(detail::xml_root_name<T>());
}

}  // namespace awsq
