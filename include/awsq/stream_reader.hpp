// awsq::stream_reader, the default XML reader: one forward pass over the body, no tree, checking
// as it goes everything expat (botocore's parser) checks.
#pragma once

#include <awsq/detail/xml_text.hpp>
#include <awsq/xml_reader.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awsq {

namespace detail::xml {

/// Which bytes may start a name and continue one. As tinyxml2 and expat for ASCII; every byte
/// from 0x80 up is allowed in names (checked as UTF-8 and XML characters separately).
struct name_bytes {
    std::array<bool, 256> start{}, inside{};
    constexpr name_bytes() {
        for (int c = 0; c < 256; ++c) {
            const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            start[c] = letter || c == '_' || c == ':' || c >= 0x80;
            inside[c] = start[c] || (c >= '0' && c <= '9') || c == '.' || c == '-';
        }
    }
};
inline constexpr name_bytes name_table{};

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// The end of the name bytes from p: ASCII letters, digits, '_', ':', '.', '-', and bytes from 0x80
/// up (then `wide` is set). Sixteen bytes at a time where SSE2 is there.
inline const char* name_end(const char* p, const char* end, bool& wide) noexcept {
#if defined(__SSE2__)
    const auto byte = [](char c) { return _mm_set1_epi8(c); };
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i lower = _mm_or_si128(v, byte(0x20));
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, byte('a' - 1)), _mm_cmplt_epi8(lower, byte('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, byte('0' - 1)), _mm_cmplt_epi8(v, byte('9' + 1)));
        const __m128i punct = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, byte('_')), _mm_cmpeq_epi8(v, byte(':'))),
                                           _mm_or_si128(_mm_cmpeq_epi8(v, byte('.')), _mm_cmpeq_epi8(v, byte('-'))));
        const __m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());
        const int high_mask = _mm_movemask_epi8(high);
        const int name = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), _mm_or_si128(punct, high)));
        if (name != 0xFFFF) {
            const int length = __builtin_ctz(static_cast<unsigned>(~name));
            wide = wide || (high_mask & ((1 << length) - 1)) != 0;
            return p + length;
        }
        wide = wide || high_mask != 0;
    }
#endif
    for (; p < end && name_table.inside[static_cast<unsigned char>(*p)]; ++p) wide = wide || static_cast<unsigned char>(*p) >= 0x80;
    return p;
}

}  // namespace detail::xml

class stream_reader {
public:
    /// Checks the prolog (XML declaration, comments, processing instructions; no DOCTYPE) and
    /// enters the root element.
    bool open(std::string_view body, const xml_limits& limits = {}) {
        s_ = body;
        i_ = 0;
        open_.clear();
        empty_ = false;
        problem_.clear();
        max_depth_ = limits.max_depth;
        if (body.size() > limits.max_body_bytes)
            return fail_plain("the body is " + std::to_string(body.size()) + " bytes, more than the limit of " +
                              std::to_string(limits.max_body_bytes));
        if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return fail_plain("the body is empty");
        if (body.starts_with("\xEF\xBB\xBF")) i_ = 3;  // a UTF-8 byte order mark
        for (;;) {
            skip_spaces();
            if (i_ == s_.size()) return fail_plain("no root element");
            if (s_[i_] != '<') return outside_text();
            if (!misc()) {
                if (failed()) return false;
                if (s_.substr(i_).starts_with("<!DOCTYPE")) return fail_plain("a DOCTYPE declaration (not accepted)");
                if (s_.substr(i_).starts_with("<!")) return fail_at(i_, "malformed markup declaration");
                ++i_;
                return start_tag();
            }
        }
    }

    std::string_view name() const noexcept { return open_.empty() ? std::string_view{} : open_.back(); }

    bool next_child() {
        if (failed()) return false;
        if (empty_) {  // <Name/>: no content
            empty_ = false;
            leave();
            return false;
        }
        if (!detail::xml::char_data(s_, i_, nullptr, problem_)) return false;  // between children: checked, dropped
        if (i_ + 1 >= s_.size()) return fail_at(i_, i_ == s_.size() ? "malformed or truncated XML" : "malformed element");
        if (s_[i_ + 1] == '/') {
            end_tag();
            return false;
        }
        ++i_;
        return start_tag();
    }

    std::optional<std::string_view> text(std::string& scratch) {
        if (failed()) return std::nullopt;
        if (empty_) {
            empty_ = false;
            leave();
            if (failed()) return std::nullopt;
            return std::string_view{};
        }
        const auto text = detail::xml::char_data(s_, i_, &scratch, problem_);
        if (!text) return std::nullopt;
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
            end_tag();
        } else {
            // Child elements: botocore's .text stops at the first; the rest is checked, not read.
            // Skipping never touches scratch, so the text stays valid.
            if (!skip()) return std::nullopt;
        }
        if (failed()) return std::nullopt;
        return text;
    }

    bool skip() {
        if (failed()) return false;
        const std::size_t depth = open_.size() - 1;
        while (open_.size() > depth)
            if (!next_child() && failed()) return false;
        return true;
    }

    std::size_t position() const noexcept { return i_; }
    std::size_t size() const noexcept { return s_.size(); }

    bool failed() const noexcept { return !problem_.empty(); }
    const std::string& problem() const noexcept { return problem_; }

    /// Whether `body` is a well-formed document within the limits: read through, nothing kept.
    static std::string check(std::string_view body, const xml_limits& limits = {}) {
        stream_reader r;
        if (r.open(body, limits)) r.skip();
        return r.problem_;
    }

private:
    [[gnu::cold, gnu::noinline]] bool fail_plain(std::string message) {
        problem_ = std::move(message);
        return false;
    }
    [[gnu::cold, gnu::noinline]] bool fail_at(std::size_t at, std::string_view what) {
        problem_ = std::string(what) + " at line " + std::to_string(detail::xml::line_of(s_, at));
        return false;
    }

    /// Text at s_[i_] before or after the root element: refused, naming a character XML refuses outright.
    [[gnu::cold, gnu::noinline]] bool outside_text() {
        if (detail::xml::allowed_char(s_, i_) == 0) return fail_plain(detail::xml::character_problem(s_, i_));
        return fail_at(i_, "text outside the root element");
    }

    void skip_spaces() noexcept {
        while (i_ < s_.size() && detail::xml::is_space(s_[i_])) ++i_;
    }

    /// A comment or processing instruction at s_[i_] outside the root element: checked and passed.
    /// False when s_[i_] starts something else, or on a failure.
    bool misc() {
        const std::string_view rest = s_.substr(i_);
        std::size_t inside = 0, close = 0, after = 0;
        if (rest.starts_with("<!--")) {
            inside = i_ + 4;
            close = s_.find("-->", inside);
            if (close == std::string_view::npos) return fail_at(i_, "unterminated comment");
            if (s_.substr(inside, close - inside).find("--") != std::string_view::npos ||
                (close > inside && s_[close - 1] == '-'))
                return fail_at(i_, "'--' inside a comment");
            after = close + 3;
        } else if (rest.starts_with("<?")) {
            inside = i_ + 2;
            close = s_.find("?>", inside);
            if (close == std::string_view::npos) return fail_at(i_, "unterminated processing instruction");
            after = close + 2;
        } else {
            return false;
        }
        if (auto bad = detail::xml::check_characters(s_, inside, close); !bad.empty()) return fail_plain(std::move(bad));
        i_ = after;
        return true;
    }

    /// A name at s_[i_]: its length, its bytes checked; 0 when none starts there.
    std::size_t read_name() {
        const std::size_t from = i_;
        if (i_ == s_.size() || !detail::xml::name_table.start[static_cast<unsigned char>(s_[i_])]) return 0;
        bool wide = false;  // holds bytes from 0x80 up: UTF-8 to check
        const char* const end = s_.data() + s_.size();
        const char* p = detail::xml::name_end(s_.data() + i_, end, wide);
        i_ = static_cast<std::size_t>(p - s_.data());
        if (wide) {
            for (std::size_t k = from; k < i_;) {
                if (static_cast<unsigned char>(s_[k]) < 0x80) {
                    ++k;
                    continue;
                }
                const std::size_t n = detail::xml::allowed_char(s_, k);
                if (n == 0 || k + n > i_) {
                    fail_plain(detail::xml::character_problem(s_, k));
                    return 0;
                }
                k += n;
            }
        }
        return i_ - from;
    }

    /// The start tag whose name begins at s_[i_] (just past '<'): name, attributes, then '>' or "/>".
    bool start_tag() {
        const std::size_t tag = i_ - 1;
        const std::size_t from = i_;
        const std::size_t length = read_name();
        if (length == 0) return failed() ? false : fail_at(tag, "malformed element");
        const std::string_view name = s_.substr(from, length);
        attributes_.clear();
        for (;;) {
            if (i_ == s_.size()) return fail_at(tag, "malformed element");
            const char c = s_[i_];
            if (c == '>') {
                ++i_;
                empty_ = false;
                break;
            }
            if (c == '/') {
                if (i_ + 1 == s_.size() || s_[i_ + 1] != '>') return fail_at(tag, "malformed element");
                i_ += 2;
                empty_ = true;
                break;
            }
            if (!detail::xml::is_space(c)) return fail_at(tag, "malformed element");  // attributes are spaced apart
            skip_spaces();
            if (i_ < s_.size() && (s_[i_] == '>' || s_[i_] == '/')) continue;
            if (!attribute(tag)) return false;
        }
        if (attributes_.size() > 1 && !distinct_attributes()) return fail_at(tag, "duplicate attribute");
        if (!empty_ && open_.size() >= max_depth_) return fail_at(tag, "elements nested too deeply");
        open_.push_back(name);
        return true;
    }

    /// One attribute, name="value" or name='value', at s_[i_]. The value is checked as expat
    /// checks it (no '<', references defined), not decoded: no query-protocol member is an attribute.
    bool attribute(std::size_t tag) {
        const std::size_t from = i_;
        const std::size_t length = read_name();
        if (length == 0) return failed() ? false : fail_at(tag, "malformed attribute");
        attributes_.push_back(s_.substr(from, length));
        skip_spaces();
        if (i_ == s_.size() || s_[i_] != '=') return fail_at(tag, "malformed attribute");
        ++i_;
        skip_spaces();
        if (i_ == s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return fail_at(tag, "malformed attribute");
        const char quote = s_[i_++];
        for (;;) {
            const char* const base = s_.data();
            const char* p = detail::xml::find_unusual<true>(base + i_, base + s_.size());
            const char* q = static_cast<const char*>(std::memchr(base + i_, quote, static_cast<std::size_t>(p - (base + i_))));
            if (q) {  // the closing quote comes first
                i_ = static_cast<std::size_t>(q - base) + 1;
                return true;
            }
            i_ = static_cast<std::size_t>(p - base);
            if (i_ == s_.size()) return fail_at(tag, "malformed attribute");
            if (s_[i_] == '<') return fail_at(i_, "'<' in an attribute value");
            if (s_[i_] == '&') {
                const auto ref = detail::xml::read_reference(s_, i_);
                if (ref.state != detail::xml::reference::status::ok)
                    return fail_at(i_, detail::xml::describe(ref, s_, i_));
                i_ += ref.length;
                continue;
            }
            const std::size_t n = detail::xml::allowed_char(s_, i_);
            if (n == 0) return fail_plain(detail::xml::character_problem(s_, i_));
            i_ += n;
        }
    }

    bool distinct_attributes() {
        if (attributes_.size() <= 8) {
            for (std::size_t a = 1; a < attributes_.size(); ++a)
                if (std::find(attributes_.begin(), attributes_.begin() + static_cast<std::ptrdiff_t>(a), attributes_[a]) !=
                    attributes_.begin() + static_cast<std::ptrdiff_t>(a))
                    return false;
            return true;
        }
        std::sort(attributes_.begin(), attributes_.end());
        return std::adjacent_find(attributes_.begin(), attributes_.end()) == attributes_.end();
    }

    /// The end tag at s_[i_] ("</"), which must close the current element; then leaves it.
    void end_tag() {
        const std::size_t tag = i_;
        const std::string_view expected = open_.back();
        i_ += 2;
        // The expected name and '>' straight after it: the end tag of every response, compared at once.
        if (s_.size() - i_ > expected.size() && s_[i_ + expected.size()] == '>' &&
            detail::xml::same_bytes(s_.data() + i_, expected.data(), expected.size())) {
            i_ += expected.size() + 1;
            leave();
            return;
        }
        const std::size_t from = i_;
        const std::size_t length = read_name();
        if (failed()) return;
        if (length == 0) {
            fail_at(tag, i_ == s_.size() ? "malformed element" : "mismatched end tag");
            return;
        }
        skip_spaces();
        if (i_ == s_.size() || s_[i_] != '>') {
            fail_at(tag, i_ == s_.size() || s_.substr(from, length) == expected ? "malformed element" : "mismatched end tag");
            return;
        }
        if (s_.substr(from, length) != expected) {
            fail_at(tag, "mismatched end tag");
            return;
        }
        ++i_;
        leave();
    }

    /// Leaves the current element; leaving the root checks the rest of the body.
    void leave() {
        open_.pop_back();
        if (!open_.empty()) return;
        for (;;) {  // after the root: only whitespace, comments and processing instructions
            skip_spaces();
            if (i_ == s_.size()) return;
            if (s_[i_] != '<') {
                outside_text();
                return;
            }
            if (misc()) continue;
            if (failed()) return;
            ++i_;
            const std::size_t from = i_;
            if (const std::size_t length = read_name(); length != 0) {
                fail_plain("a second root element <" + std::string(s_.substr(from, length)) + ">");
                return;
            }
            if (!failed()) fail_at(from - 1, "malformed markup after the root element");
            return;
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::vector<std::string_view> open_;         // the open elements' names, the current one last
    std::vector<std::string_view> attributes_;  // of the start tag being read
    std::size_t max_depth_ = xml_limits{}.max_depth;
    bool empty_ = false;  // the current element was written <Name/>: it has no content
    std::string problem_;
};

static_assert(xml_reader<stream_reader>);

}  // namespace awsq
