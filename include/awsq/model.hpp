// Vocabulary of the generated headers: value types and the constexpr wire facts reflection cannot carry.
#pragma once

#include <boost/describe.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq {

/// A point in time, UTC, at the microsecond precision botocore keeps.
using timestamp = std::chrono::sys_time<std::chrono::microseconds>;

/// Raw bytes of a blob member (base64 on the wire).
struct blob {
    std::string bytes;
    friend bool operator==(const blob&, const blob&) = default;
};

/// A modeled enum that also keeps values the model does not know yet (AWS adds values).
template <class E>
class open_enum {
public:
    constexpr open_enum() noexcept = default;
    constexpr open_enum(E value) noexcept : value_(value) {}
    explicit open_enum(std::string unknown) : unknown_(std::move(unknown)), known_(false) {}

    bool known() const noexcept { return known_; }
    /// The enumerator; only meaningful when known().
    E value() const noexcept { return value_; }
    /// The wire string of a value the model does not know; empty when known().
    std::string_view unknown_value() const noexcept { return unknown_; }

    friend bool operator==(const open_enum&, const open_enum&) = default;
    friend bool operator==(const open_enum& a, E b) noexcept { return a.known_ && a.value_ == b; }

private:
    E value_{};              // E{} when the value is unknown
    std::string unknown_{};  // empty when it is known
    bool known_ = true;
};

/// An owning, nullable, deep-copying box: breaks cycles of structures that contain themselves.
template <class T>
class indirect {
public:
    indirect() = default;
    indirect(T value) : p_(std::make_unique<T>(std::move(value))) {}
    indirect(const indirect& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
    indirect(indirect&&) noexcept = default;
    indirect& operator=(indirect o) noexcept { p_ = std::move(o.p_); return *this; }

    explicit operator bool() const noexcept { return p_ != nullptr; }
    bool has_value() const noexcept { return p_ != nullptr; }
    T& operator*() const noexcept { return *p_; }
    T* operator->() const noexcept { return p_.get(); }
    T& emplace() { p_ = std::make_unique<T>(); return *p_; }

    friend bool operator==(const indirect& a, const indirect& b) {
        return a.p_ && b.p_ ? *a.p_ == *b.p_ : a.p_ == b.p_;
    }

private:
    std::unique_ptr<T> p_;
};

/// The input of an operation that has none.
struct empty_shape {
    friend bool operator==(const empty_shape&, const empty_shape&) = default;
};
BOOST_DESCRIBE_STRUCT(empty_shape, (), ())

/// How a timestamp is written on the wire (the model's timestampFormat).
enum class timestamp_format : unsigned char { unspecified, iso8601, rfc822, unix_timestamp };

/// Facts of one model shape that its C++ type cannot say.
struct shape_facts {
    std::string_view name;                         // the model's shape name
    std::optional<std::int64_t> min{};             // value range, or length of string/list/map/blob
    std::optional<std::int64_t> max{};
    bool flattened = false;                        // list or map written without a wrapper element
    std::string_view member_name{};                // list element name; empty means "member"
    std::string_view key_name{};                   // map key name; empty means "key"
    std::string_view value_name{};                 // map value name; empty means "value"
    timestamp_format format = timestamp_format::unspecified;
    const shape_facts* member = nullptr;           // list element or map value
    const shape_facts* key = nullptr;              // map key
};

/// Facts of one structure member, in the order of BOOST_DESCRIBE_STRUCT.
struct member_facts {
    std::string_view name;                         // the model's member name
    std::string_view location_name{};              // wire name when it differs from name
    bool required = false;
    bool idempotency_token = false;
    bool deprecated = false;
    timestamp_format format = timestamp_format::unspecified;  // member override of the shape's
    const shape_facts* shape = nullptr;
};

/// An error shape's wire code and HTTP status.
struct error_facts {
    std::string_view code;
    int http_status = 400;
    bool sender_fault = true;
};

namespace detail {
/// A string literal as a template argument: awsq::strings<"A", "B">, awsq::described_member<&C::m, "m">.
template <std::size_t N>
struct fixed_string {
    char text[N];
    constexpr fixed_string(const char (&s)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
    }
    constexpr std::string_view view() const noexcept { return {text, N - 1}; }
};
}  // namespace detail

/// A constant array of strings, for the std::span members of the facts: awsq::strings<"A", "B.C">.
template <detail::fixed_string... S>
inline constexpr std::string_view strings[] = {S.view()...};

/// Marker pagination of an operation (botocore's paginators-1.json): every token and key as botocore
/// writes it, a member path such as "Marker", "EngineDefaults.Marker" or "Jobs[-1].JobId". The
/// operation's `paginator_paths` holds the same paths resolved to members (awsq::path).
struct paginator_facts {
    std::string_view limit_key{};                  // top-level member of the input
    std::string_view more_results{};               // member path of the output
    std::span<const std::string_view> input_tokens{};
    std::span<const std::string_view> output_tokens{};
    std::span<const std::string_view> result_keys{};
    std::span<const std::string_view> non_aggregate_keys{};
};

/// A paginator path resolved by the generator: each step a pointer to the member it reads, or an
/// integer picking one element of the list reached so far (negative counts from the end), so that
/// "Jobs[-1].JobId" is awsq::path<&ListJobsResult::Jobs, -1, &Job::JobId>.
template <auto... Steps>
struct path {};

/// Service metadata from the model.
struct service_facts {
    std::string_view name;                         // botocore's service directory name ("rds")
    std::string_view service_id;
    std::string_view api_version;
    std::string_view endpoint_prefix;
    std::string_view signing_name;
    std::string_view signature_version;
    std::string_view xml_namespace;
    std::string_view protocol;
};

/// One public data member described to Boost.Describe, written as a type: the element of
/// describe_members<C, mod_public> that BOOST_DESCRIBE_STRUCT would produce for `m`.
template <auto Pointer, detail::fixed_string Name>
struct described_member {
    static constexpr decltype(Pointer) pointer = Pointer;
    static constexpr const char* name = Name.text;
    static constexpr unsigned modifiers = boost::describe::mod_public;
};

/// Wire facts of a described structure or enum; specialised by the generated headers.
///   structures: `name`, `members[]` (member_facts), and `error` (error_facts) for error shapes;
///   enums: `values[]`, the wire strings in enumerator order, only where one differs from its name.
template <class T>
struct wire;

template <>
struct wire<empty_shape> {
    static constexpr std::string_view name = "Empty";
    static constexpr std::array<member_facts, 0> members{};
};

}  // namespace awsq

/// Describes the structure C to Boost.Describe as BOOST_DESCRIBE_STRUCT(C, (), (m...)) does, with no
/// bases and the given awsq::described_member<&C::m, "m"> in order. Its functions only name their
/// results (no lambdas), so it has no member limit (Boost's macro stops at 52) and costs a fraction
/// of the macro's compile time. Use it at namespace scope after the structure, ending with `;`.
#define AWSQ_DESCRIBE_STRUCT(C, ...)                                             \
    AWSQ_DETAIL_DESCRIPTORS(boost_base_descriptor_fn, C)                          \
    AWSQ_DETAIL_DESCRIPTORS(boost_public_member_descriptor_fn, C, __VA_ARGS__)    \
    AWSQ_DETAIL_DESCRIPTORS(boost_protected_member_descriptor_fn, C)              \
    AWSQ_DETAIL_DESCRIPTORS(boost_private_member_descriptor_fn, C)                \
    static_assert(true)

// One of the functions Boost.Describe finds by argument-dependent lookup, returning the descriptors.
#define AWSQ_DETAIL_DESCRIPTORS(function, C, ...) \
    [[maybe_unused]] inline boost::describe::detail::list<__VA_ARGS__> function(C**) { return {}; }
