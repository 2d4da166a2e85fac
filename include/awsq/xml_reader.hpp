// What an XML reader is: the concept awsq::stream_reader (the default) and awsq::tinyxml2_reader
// satisfy, and the limits every reader enforces on a response body.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace awsq {

/// Limits on what a response body may be; past one, reading stops with a parse error saying which.
/// The defaults are far above any AWS response (they nest a dozen levels, and a page is at most a
/// few megabytes) and the depth is tinyxml2's own, so both readers accept the same documents.
struct xml_limits {
    std::size_t max_depth = 98;                          // nested elements holding content
    std::size_t max_body_bytes = std::size_t{1} << 30;  // 1 GiB
};

/// A forward-only cursor over one document's elements, from the root down. Every operation
/// works on the current element: the one last entered and not yet left.
///   open(body, limits)  checks the prolog and enters the root element;
///   name()              the current element's qualified name ("ns:Code" keeps its prefix);
///   next_child()        enters the current element's next child element; false when there is
///                       none more (the current element is left, its end tag read) or on failure;
///   text(scratch)       the current element's character data before its first child element
///                       (decoded, as ElementTree's .text), and leaves the element; a view that
///                       stays valid until scratch changes;
///   skip()              leaves the current element without reading its content;
///   position(), size()  how far into the body the reader is, in bytes, and the body's size: what
///                       the reading of a long list sizes the list's storage by.
/// A reader checks everything it passes over, skipped elements included, and leaving the root
/// checks what follows it: a document read to its end was well-formed. A failure is final:
/// failed() is then true and problem() says what is wrong and at which line.
template <class R>
concept xml_reader = std::default_initializable<R> &&
    requires(R& r, const R& c, std::string_view body, const xml_limits& limits, std::string& scratch) {
        { r.open(body, limits) } -> std::same_as<bool>;
        { c.name() } -> std::same_as<std::string_view>;
        { r.next_child() } -> std::same_as<bool>;
        { r.text(scratch) } -> std::same_as<std::optional<std::string_view>>;
        { r.skip() } -> std::same_as<bool>;
        { c.position() } -> std::same_as<std::size_t>;
        { c.size() } -> std::same_as<std::size_t>;
        { c.failed() } -> std::same_as<bool>;
        { c.problem() } -> std::convertible_to<std::string_view>;
    };

/// The local name of a qualified one: "ns:Code" -> "Code", as botocore drops namespace prefixes.
constexpr std::string_view local_name(std::string_view qualified) noexcept {
    const std::size_t colon = qualified.find(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

}  // namespace awsq
