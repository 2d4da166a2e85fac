// Marker pagination derived from an operation's paginator: a range of pages and a range of result items.
#pragma once

#include <awsq/call.hpp>
#include <awsq/detail/base64.hpp>
#include <awsq/error.hpp>
#include <awsq/traits.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace awsq {

/// botocore's PaginationConfig: MaxItems, PageSize, StartingToken.
struct pagination_options {
    std::optional<std::int64_t> max_items{};
    std::optional<std::int32_t> page_size{};       // sets the paginator's limit key; validated like it
    std::optional<std::string> starting_token{};   // a next_token() of an earlier run
};

/// An operation whose model has a paginator.
template <class Op>
concept paginated = requires { Op::paginator; };

namespace detail {

inline constexpr std::size_t no_member = static_cast<std::size_t>(-1);

/// Position of the member named `name` in T's described members, or no_member.
template <described_struct T>
consteval std::size_t member_index(std::string_view name) {
    for (std::size_t i = 0; i < std::size(wire<T>::members); ++i)
        if (wire<T>::members[i].name == name) return i;
    return no_member;
}

template <class T, std::size_t I>
constexpr auto member_pointer = boost::mp11::mp_at_c<members_of<T>, I>::pointer;

/// Appends `text` as a JSON string the way Python's json.dumps does (ASCII only, \uXXXX escapes).
inline void python_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    auto escape = [&](unsigned v) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(v >> shift) & 15];
    };
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20) escape(c);
                    else out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        unsigned cp = c & (0x3F >> (len - 1));
        for (int k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            escape(0xD800 + (cp >> 10));
            escape(0xDC00 + (cp & 0x3FF));
        } else {
            escape(cp);
        }
        i += static_cast<std::size_t>(len);
    }
    out += '"';
}

/// A resume token as botocore writes one: base64 of {"<input token>": marker, "boto_truncate_amount": n}.
inline std::string encode_token(std::string_view input_token, const std::optional<std::string>& marker,
                                std::optional<std::int64_t> truncate) {
    std::string json = "{";
    python_json_string(json, input_token);
    json += ": ";
    if (marker) python_json_string(json, *marker);
    else json += "null";
    if (truncate) json += ", \"boto_truncate_amount\": " + std::to_string(*truncate);
    json += '}';
    return base64_encode(json);
}

struct decoded_token {
    std::optional<std::string> marker;
    std::int64_t truncate = 0;
};

inline std::optional<decoded_token> decode_token(std::string_view input_token, std::string_view token) {
    const auto json_text = base64_decode(token);
    if (!json_text) return std::nullopt;
    boost::system::error_code ec;
    const auto json = boost::json::parse(*json_text, ec);
    const auto* obj = json.if_object();
    if (ec || !obj) return std::nullopt;
    decoded_token out;
    for (const auto& [key, value] : *obj) {
        if (key == input_token && value.is_string()) out.marker = std::string(value.get_string());
        else if (key == input_token && value.is_null()) out.marker.reset();
        else if (key == "boto_truncate_amount" && value.is_int64() && value.get_int64() >= 0)
            out.truncate = value.get_int64();
        else return std::nullopt;
    }
    return out;
}

/// The input iterator of a range that fetches its elements one at a time: `advance()` makes the
/// next one `current()`, or says there is none.
template <class Range, class Value>
class pull_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using reference = Value&;
    using pointer = Value*;

    pull_iterator() = default;
    explicit pull_iterator(Range* range) : range_(range) {}
    Value& operator*() const { return range_->current(); }
    Value* operator->() const { return &range_->current(); }
    pull_iterator& operator++() {
        if (!range_->advance()) range_ = nullptr;
        return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const pull_iterator&, const pull_iterator&) = default;

private:
    Range* range_ = nullptr;
};

}  // namespace detail

/// Pages of Op, fetched lazily as the range is iterated. Each page is a result: an error ends the range.
template <paginated Op, class Transport>
class page_range {
    using In = typename Op::input_type;
    using Out = typename Op::output_type;
    static constexpr std::size_t input_token = detail::member_index<In>(Op::paginator.input_token);
    static constexpr std::size_t output_token = detail::member_index<Out>(Op::paginator.output_token);
    static constexpr std::size_t limit_key = detail::member_index<In>(Op::paginator.limit_key);
    static constexpr std::size_t result_key = detail::member_index<Out>(Op::paginator.result_key);
    static_assert(input_token != detail::no_member && output_token != detail::no_member &&
                      result_key != detail::no_member,
                  "awsq::paginate: the paginator's tokens and result key must be top-level members");

public:
    using page = result<response<Op>>;
    using item_type = typename std::remove_cvref_t<
        decltype(*(std::declval<Out&>().*detail::member_pointer<Out, result_key>))>::value_type;

    page_range(Transport transport, In input, pagination_options options, call_options call = {})
        : transport_(std::move(transport)), input_(std::move(input)), options_(std::move(options)),
          call_(std::move(call)) {}

    using iterator = detail::pull_iterator<page_range, page>;

    /// Fetches the first page. Iterate once: pages are not kept.
    iterator begin() { return advance() ? iterator{this} : iterator{}; }
    iterator end() { return {}; }

    /// After iteration: the token to resume from where max_items stopped (or where a page failed);
    /// empty when the listing is complete.
    const std::optional<std::string>& next_token() const noexcept { return resume_; }

private:
    friend iterator;
    page& current() { return *current_; }
    auto& marker_in() { return input_.*detail::member_pointer<In, input_token>; }

    // Fetches the next page into current_; false when there is none.
    bool advance() {
        if (done_) return false;
        if (first_) {
            first_ = false;
            if constexpr (limit_key != detail::no_member) {
                if (options_.page_size) input_.*detail::member_pointer<In, limit_key> = *options_.page_size;
            }
            marker_ = marker_in();  // a Marker the caller set is where the listing starts
            if (options_.starting_token) {
                auto token = detail::decode_token(Op::paginator.input_token, *options_.starting_token);
                if (!token) return fail(error::invalid({{"starting_token", "not a pagination token of this operation"}}));
                marker_ = std::move(token->marker);
                skip_ = token->truncate;
            }
        } else if (pending_error_) {
            return fail(std::move(*pending_error_));
        }
        if (marker_) marker_in() = *marker_;
        else marker_in().reset();

        current_.emplace(call<Op>(transport_, input_, call_));
        if (!*current_) {
            done_ = true;
            if (marker_) resume_ = detail::encode_token(Op::paginator.input_token, marker_, std::nullopt);
            return true;
        }
        auto& items = (*current_)->output.*detail::member_pointer<Out, result_key>;
        const std::int64_t skipped = skip_;
        if (skip_ > 0 && items) {
            items->erase(items->begin(), items->begin() + std::min<std::int64_t>(skip_, items->size()));
        }
        skip_ = 0;
        const auto count = static_cast<std::int64_t>(items ? items->size() : 0);
        if (options_.max_items && total_ + count > *options_.max_items) {
            const std::int64_t keep = *options_.max_items - total_;
            items->resize(static_cast<std::size_t>(keep));
            resume_ = detail::encode_token(Op::paginator.input_token, marker_, keep + skipped);
            done_ = true;
            return true;
        }
        total_ += count;
        const auto& next = (*current_)->output.*detail::member_pointer<Out, output_token>;
        if (!next || next->empty()) {
            done_ = true;
        } else if (options_.max_items && total_ == *options_.max_items) {
            resume_ = detail::encode_token(Op::paginator.input_token, *next, std::nullopt);
            done_ = true;
        } else if (previous_ && *previous_ == *next) {
            pending_error_ = error::parse(std::string(wire<Out>::name) + "." + std::string(Op::paginator.output_token),
                                          "the service returned the same marker twice: \"" + *next + "\"");
            resume_ = detail::encode_token(Op::paginator.input_token, *next, std::nullopt);
        } else {
            previous_ = *next;
            marker_ = *next;
        }
        return true;
    }

    bool fail(error e) {
        current_.emplace(std::move(e));
        done_ = true;
        return true;
    }

    Transport transport_;
    In input_;
    pagination_options options_;
    call_options call_;
    std::optional<page> current_;
    std::optional<std::string> marker_;      // the token sent with the current request
    std::optional<std::string> previous_;    // the token the previous page returned
    std::optional<std::string> resume_;
    std::optional<error> pending_error_;
    std::int64_t skip_ = 0;                  // items of the first page a starting token already gave
    std::int64_t total_ = 0;
    bool first_ = true;
    bool done_ = false;
};

/// The result-key items across pages (ExportTask, TableRestoreStatus, ...); a failed page yields its error and ends.
template <paginated Op, class Transport>
class item_range {
    using pages = page_range<Op, Transport>;

public:
    using item_type = typename pages::item_type;
    using value_type = result<item_type>;

    explicit item_range(pages p) : pages_(std::move(p)) {}

    using iterator = detail::pull_iterator<item_range, value_type>;

    iterator begin() {
        page_ = pages_.begin();
        index_ = 0;
        return advance() ? iterator{this} : iterator{};
    }
    iterator end() { return {}; }
    const std::optional<std::string>& next_token() const noexcept { return pages_.next_token(); }

private:
    friend iterator;
    value_type& current() { return *current_; }
    static constexpr std::size_t result_key = detail::member_index<typename Op::output_type>(Op::paginator.result_key);

    bool advance() {
        for (; page_ != pages_.end(); ++page_, index_ = 0) {
            auto& p = *page_;
            if (!p) {
                if (failed_) return false;
                failed_ = true;
                current_.emplace(p.error());
                return true;
            }
            auto& items = p->output.*detail::member_pointer<typename Op::output_type, result_key>;
            if (items && index_ < items->size()) {
                current_.emplace(std::move((*items)[index_++]));
                return true;
            }
        }
        return false;
    }

    pages pages_;
    typename pages::iterator page_{};
    std::size_t index_ = 0;
    bool failed_ = false;
    std::optional<value_type> current_;
};

/// Pages of Op, following the paginator of its model. The transport is copied (wrap it in std::ref to share it).
template <class Op, class Transport>
auto paginate(Transport transport, typename Op::input_type input, pagination_options options = {},
              call_options call = {}) {
    static_assert(paginated<Op>, "awsq::paginate: this operation has no paginator in its model (paginators-1.json)");
    if constexpr (paginated<Op>)
        return page_range<Op, Transport>(std::move(transport), std::move(input), std::move(options), std::move(call));
}

/// The paginator's result-key items of Op across pages.
template <class Op, class Transport>
auto paginate_items(Transport transport, typename Op::input_type input, pagination_options options = {},
                    call_options call = {}) {
    static_assert(paginated<Op>,
                  "awsq::paginate_items: this operation has no paginator in its model (paginators-1.json)");
    if constexpr (paginated<Op>)
        return item_range<Op, Transport>(
            page_range<Op, Transport>(std::move(transport), std::move(input), std::move(options), std::move(call)));
}

}  // namespace awsq
