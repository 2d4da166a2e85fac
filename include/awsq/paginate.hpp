// Marker pagination derived from an operation's paginator: a range of pages and a range of result items.
#pragma once

#include <awsq/call.hpp>
#include <awsq/detail/base64.hpp>
#include <awsq/detail/python_json.hpp>
#include <awsq/error.hpp>
#include <awsq/json.hpp>
#include <awsq/model.hpp>
#include <awsq/traits.hpp>
#include <awsq/validate.hpp>

#include <boost/mp11/algorithm.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsq {

class client;  // <awsq/client.hpp>: paginates through its own call<Op>(client, input)

/// botocore's PaginationConfig: MaxItems, PageSize, StartingToken; and a limit botocore lacks.
struct pagination_options {
    std::optional<std::int64_t> max_items{};
    std::optional<std::int32_t> page_size{};       // sets the paginator's limit key; validated like it
    std::optional<std::string> starting_token{};   // a next_token() of an earlier run
    // Pages one run fetches at most: a service that never stops returning new markers ends with an error
    // (and a next_token() to resume from) instead of looping forever. Real listings stay far below the
    // default: the largest query-API listings hold some hundred thousand items at 20 to 1000 a page, and
    // 100000 pages are hours of calls (only page_size 1 over more than 100000 items needs a higher limit).
    std::int64_t max_pages = 100'000;
};

/// An operation whose model has a paginator: its paths as written and as members.
template <class Op>
concept paginated = requires {
    Op::paginator;
    typename Op::paginator_paths;
};

namespace detail {

inline constexpr std::size_t no_member = static_cast<std::size_t>(-1);

/// Position of the member named `name` in T's described members, or no_member (for callers that
/// hold a name; the paginator itself follows Op::paginator_paths).
template <described_struct T>
consteval std::size_t member_index(std::string_view name) {
    for (std::size_t i = 0; i < std::size(wire<T>::members); ++i)
        if (wire<T>::members[i].name == name) return i;
    return no_member;
}

template <class T, std::size_t I>
constexpr auto member_pointer = boost::mp11::mp_at_c<members_of<T>, I>::pointer;


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

/// A resume token read back: base64 of a flat JSON object, read with awsq's JSON reader (depth 1:
/// anything nested is not a token), holding the input token and at most a non-negative truncation.
/// A template, as parse_json is, so that only translation units that paginate instantiate the reader.
template <class Handler = exact_json_handler>
std::optional<decoded_token> decode_token(std::string_view input_token, std::string_view token) {
    const auto json_text = base64_decode(token);
    if (!json_text) return std::nullopt;
    boost::system::error_code ec;
    const auto json = parse_json<Handler>(*json_text, ec, 1);
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

/// The value a resolved paginator path names from `value` on: a pointer into it, or nullptr where
/// a member on the way is absent or an index is out of range.
template <class V>
V* follow(path<>, V* value) {
    return value;
}
template <auto Step, auto... Rest, class V>
auto* follow(path<Step, Rest...>, V* value) {
    if constexpr (std::is_member_object_pointer_v<decltype(Step)>) {
        // A member of the structure reached (an optional, or an indirect): its value when present.
        using next = std::remove_reference_t<decltype(*(value->*Step))>;
        next* found = nullptr;
        if (value && value->*Step) found = &*(value->*Step);
        return follow(path<Rest...>{}, found);
    } else {
        // An index: one element of the list reached, counted from the end when negative.
        using next = std::remove_reference_t<decltype((*value)[0])>;
        next* element = nullptr;
        if (value) {
            const auto size = static_cast<std::ptrdiff_t>(value->size());
            const std::ptrdiff_t at = Step < 0 ? size + Step : Step;
            if (at >= 0 && at < size) element = &(*value)[static_cast<std::size_t>(at)];
        }
        return follow(path<Rest...>{}, element);
    }
}

/// The member a one-step path names (input token and limit key are top-level members of the input).
template <auto... Steps>
consteval auto top_level_member(path<Steps...>) {
    static_assert(sizeof...(Steps) == 1, "awsq::paginate: the input token must be a top-level member");
    return (Steps, ...);
}

/// Python's truth of a value, as botocore tests more_results.
template <class V>
bool truthy(const V* value) {
    if (!value) return false;
    if constexpr (std::is_arithmetic_v<V>) return *value != 0;
    else return !value->empty();
}

/// A result key's number of items as botocore counts them (Python's len): a list's elements, the code
/// points of a text (RDS's DownloadDBLogFilePortion pages LogFileData).
template <class V>
std::int64_t item_count(const V& items) {
    if constexpr (string_type<V>) return static_cast<std::int64_t>(code_points(items));
    else return static_cast<std::int64_t>(items.size());
}

/// Where item n starts (the end when there are fewer): a list's index, a text's byte offset of code point n.
template <class V>
std::size_t item_offset(const V& items, std::int64_t n) {
    if constexpr (string_type<V>) {
        std::size_t at = 0;
        for (std::int64_t seen = 0; at < items.size(); ++at)
            if ((static_cast<unsigned char>(items[at]) & 0xC0) != 0x80 && seen++ == n) break;
        return at;
    } else {
        return static_cast<std::size_t>(std::min<std::int64_t>(n, static_cast<std::int64_t>(items.size())));
    }
}

}  // namespace detail

/// The list the paginator's I-th result key names in an output (ExportTasks, EngineDefaults.Parameters),
/// or nullptr when it is absent.
template <paginated Op, std::size_t I = 0, class Out>
    requires std::same_as<std::remove_const_t<Out>, typename Op::output_type>
auto* result_key(Out& output) {
    using keys = typename Op::paginator_paths::result_keys;
    static_assert(I < boost::mp11::mp_size<keys>::value, "awsq::result_key: the paginator has fewer result keys");
    return detail::follow(boost::mp11::mp_at_c<keys, I>{}, &output);
}

namespace detail {

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

/// Sets the page size of a request as paginate does with pagination_options::page_size: the paginator's limit
/// key (MaxRecords, MaxItems, ...). False, and the request unchanged, when the paginator has none.
template <paginated Op>
bool set_page_size(typename Op::input_type& input, std::int32_t size) {
    using paths = typename Op::paginator_paths;
    if constexpr (requires { typename paths::limit_key; }) {
        input.*detail::top_level_member(typename paths::limit_key{}) = size;
        return true;
    } else {
        return false;
    }
}

/// Pages of Op, fetched lazily as the range is iterated. Each page is a result: an error ends the range.
///
/// As botocore's PageIterator: max_items counts the first result key's items; a starting token skips
/// what an earlier run already gave of its first page (emptying the other result keys of that page);
/// the listing ends when more_results is false, or the output token is absent or empty.
template <paginated Op, class Transport>
class page_range {
    using In = typename Op::input_type;
    using Out = typename Op::output_type;
    using paths = typename Op::paginator_paths;
    static_assert(boost::mp11::mp_size<typename paths::input_tokens>::value == 1 &&
                      boost::mp11::mp_size<typename paths::output_tokens>::value == 1,
                  "awsq::paginate: paginators with several tokens are not supported (no query model has one)");
    static constexpr std::string_view token_name = Op::paginator.input_tokens[0];
    static constexpr auto input_token =
        detail::top_level_member(boost::mp11::mp_front<typename paths::input_tokens>{});
    static constexpr bool has_more_results = requires { typename paths::more_results; };

public:
    using page = result<response<Op>>;
    using result_type = std::remove_pointer_t<decltype(result_key<Op>(std::declval<Out&>()))>;
    // A list's element; a text result key is one item a page, as botocore's search() yields each page's text.
    using item_type = typename std::conditional_t<string_type<result_type>, std::type_identity<result_type>,
                                                  std::type_identity<typename result_type::value_type>>::type;

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
    auto& marker_in() { return input_.*input_token; }

    // The first request's input: page size and starting token applied; false (the range's error set)
    // when they are invalid.
    bool start() {
        // botocore lets a negative MaxItems through to a failing slice; awsq refuses it, and zero.
        std::vector<problem> bad;
        if (options_.max_items && *options_.max_items <= 0)
            bad.push_back({"max_items", std::to_string(*options_.max_items) + " is not a positive number of items"});
        if (options_.page_size && *options_.page_size <= 0)
            bad.push_back({"page_size", std::to_string(*options_.page_size) + " is not a positive page size"});
        if (options_.max_pages <= 0)
            bad.push_back({"max_pages", std::to_string(options_.max_pages) + " is not a positive number of pages"});
        if (!bad.empty()) {
            fail(error::invalid(std::move(bad)));
            return false;
        }
        if (options_.page_size) {
            if (!set_page_size<Op>(input_, *options_.page_size)) {
                fail(error::invalid({{"page_size", "this operation's paginator has no limit key"}}));
                return false;
            }
        }
        marker_ = marker_in();  // a token the caller set is where the listing starts
        if (options_.starting_token) {
            auto token = detail::decode_token(token_name, *options_.starting_token);
            if (!token) {
                fail(error::invalid({{"starting_token", "not a pagination token of this operation"}}));
                return false;
            }
            marker_ = std::move(token->marker);
            skip_ = token->truncate;
        }
        return true;
    }

    // What a starting token says an earlier run already gave of the first page is dropped.
    void skip_given(Out& out) {
        if (auto* items = result_key<Op>(out))
            items->erase(items->begin(), items->begin() + static_cast<std::ptrdiff_t>(detail::item_offset(*items, skip_)));
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (clear_secondary(result_key<Op, I + 1>(out)), ...);
        }(std::make_index_sequence<Op::paginator.result_keys.size() - 1>{});
    }
    template <class V>
    static void clear_secondary(V* value) {
        static_assert(list_type<V> || string_type<V> || std::is_arithmetic_v<V>,
                      "awsq::paginate: a secondary result key must be a list, a string or a number");
        if constexpr (!std::is_arithmetic_v<V>) {
            if (value) value->clear();
        }
    }

    // The token of the next page, or nullopt when the listing is complete.
    static std::optional<std::string> next_marker(const Out& out) {
        if constexpr (has_more_results) {
            if (!detail::truthy(detail::follow(typename paths::more_results{}, &out))) return std::nullopt;
        }
        const auto* next = detail::follow(boost::mp11::mp_front<typename paths::output_tokens>{}, &out);
        if (!next || next->empty()) return std::nullopt;
        return *next;
    }

    // Fetches the next page into current_; false when there is none.
    bool advance() {
        if (done_) return false;
        if (first_) {
            first_ = false;
            if (!start()) return true;
        } else if (pending_error_) {
            return fail(std::move(*pending_error_));
        }
        if (marker_) marker_in() = *marker_;
        else marker_in().reset();

        if constexpr (std::is_same_v<Transport, client>) current_.emplace(call<Op>(transport_, input_));
        else current_.emplace(call<Op>(transport_, input_, call_));
        if (!*current_) {
            done_ = true;
            if (marker_) resume_ = detail::encode_token(token_name, marker_, std::nullopt);
            return true;
        }
        ++pages_;
        Out& out = (*current_)->output;
        const std::int64_t skipped = skip_;
        if (skip_ > 0) skip_given(out);
        skip_ = 0;
        auto* items = result_key<Op>(out);
        const std::int64_t count = items ? detail::item_count(*items) : 0;
        if (options_.max_items && total_ + count > *options_.max_items) {
            const std::int64_t keep = *options_.max_items - total_;  // >= 0: max_items is positive
            if (items) items->resize(detail::item_offset(*items, keep));
            resume_ = detail::encode_token(token_name, marker_, keep + skipped);
            done_ = true;
            return true;
        }
        total_ += count;
        const auto next = next_marker(out);
        if (!next) {
            done_ = true;
        } else if (options_.max_items && total_ == *options_.max_items) {
            resume_ = detail::encode_token(token_name, next, std::nullopt);
            done_ = true;
        } else if (previous_ && *previous_ == *next) {
            pending_error_ = error::parse(std::string(wire<Out>::name) + "." + std::string(Op::paginator.output_tokens[0]),
                                          "the service returned the same marker twice: \"" + *next + "\"");
            resume_ = detail::encode_token(token_name, next, std::nullopt);
        } else if (pages_ == options_.max_pages) {
            pending_error_ = error::parse(
                std::string(wire<Out>::name) + "." + std::string(Op::paginator.output_tokens[0]),
                "the listing did not end after " + std::to_string(pages_) +
                    " pages (pagination_options::max_pages); next_token() resumes it");
            resume_ = detail::encode_token(token_name, next, std::nullopt);
        } else {
            previous_ = next;
            marker_ = next;
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
    std::int64_t pages_ = 0;                 // pages fetched
    bool first_ = true;
    bool done_ = false;
};

/// The result-key items across pages (ExportTask, TableRestoreStatus, ...); a failed page yields its error and ends.
template <paginated Op, class Transport>
class item_range {
    using pages = page_range<Op, Transport>;
    static_assert(Op::paginator.result_keys.size() == 1,
                  "awsq::paginate_items: the paginator has several result keys; iterate pages with awsq::paginate "
                  "and read each with awsq::result_key<Op, I>");

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

    bool advance() {
        for (; page_ != pages_.end(); ++page_, index_ = 0) {
            auto& p = *page_;
            if (!p) {
                if (failed_) return false;
                failed_ = true;
                current_.emplace(p.error());
                return true;
            }
            auto* items = result_key<Op>(p->output);
            if constexpr (string_type<typename pages::result_type>) {
                if (items && index_++ == 0) {  // absent on a page: nothing (botocore yields None)
                    current_.emplace(std::move(*items));
                    return true;
                }
            } else if (items && index_ < items->size()) {
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
