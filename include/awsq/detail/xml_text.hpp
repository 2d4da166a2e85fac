// The XML 1.0 text rules every reader shares: UTF-8 and the characters XML allows, entity and
// character references as expat reads them, and character data decoded the way botocore's
// ElementTree sees an element's .text. Backend-independent: no tinyxml2, no reader state.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace awsq::detail::xml {

/// Appends the UTF-8 encoding of a code point (valid XML characters only reach here).
inline void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// XML 1.0's Char production.
constexpr bool is_xml_char(std::uint32_t cp) noexcept {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

/// The character of the UTF-8 sequence at s[pos] (a byte >= 0x80) and its length; length 0
/// when the sequence is malformed (truncated, overlong, a surrogate, past U+10FFFF).
struct utf8_char {
    std::size_t length = 0;
    std::uint32_t code_point = 0;
};

inline utf8_char read_utf8(std::string_view s, std::size_t pos) noexcept {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    std::size_t len = 0;
    std::uint32_t cp = 0, min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else return {};
    if (s.size() - pos < len) return {};
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {len, cp};
}

/// Whether the n bytes at a and b are equal: names are short, so compared inline, eight bytes at a time.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
    const auto load8 = [](const char* p) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    };
    const auto load4 = [](const char* p) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    };
    if (n >= 8) {
        for (; n > 8; n -= 8, a += 8, b += 8)
            if (load8(a) != load8(b)) return false;
        return load8(a + n - 8) == load8(b + n - 8);  // the last eight, overlapping what was compared
    }
    if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (; n > 0; --n)
        if (*a++ != *b++) return false;
    return true;
}

/// What a reference at s[pos] (an '&') stands for.
struct reference {
    enum class status : unsigned char { ok, malformed, not_a_character, undefined_entity, bare_ampersand };
    std::size_t length = 0;        // bytes of "&...;"
    std::uint32_t code_point = 0;  // the character it stands for
    status state = status::ok;
};

/// Reads "&amp;" "&lt;" "&gt;" "&quot;" "&apos;" "&#N;" "&#xH;" as expat does: anything else is an error.
inline reference read_reference(std::string_view s, std::size_t pos) noexcept {
    using enum reference::status;
    std::size_t i = pos + 1;
    if (i < s.size() && s[i] == '#') {
        ++i;
        const bool hex = i < s.size() && s[i] == 'x';
        if (hex) ++i;
        std::uint32_t cp = 0;
        std::size_t digits = 0;
        for (; i < s.size() && s[i] != ';'; ++i, ++digits) {
            const char c = s[i];
            int v = -1;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
            if (v < 0) return {.state = malformed};
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
            if (cp > 0x10FFFF) cp = 0x110000;  // saturate: still not a character
        }
        if (digits == 0 || i == s.size()) return {.state = malformed};
        if (!is_xml_char(cp)) return {.length = i + 1 - pos, .state = not_a_character};
        return {.length = i + 1 - pos, .code_point = cp};
    }
    static constexpr std::pair<std::string_view, char> predefined[] = {
        {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    const std::string_view rest = s.substr(i);
    for (const auto& [name, c] : predefined)
        if (rest.size() >= name.size() && rest[0] == name[0] && same_bytes(rest.data(), name.data(), name.size()))
            return {.length = name.size() + 1, .code_point = static_cast<unsigned char>(c)};
    // A name and ';' refer to an entity nobody defined (a response has no DTD); else the '&' is bare.
    std::size_t n = 0;
    while (n < rest.size() && n < 64 &&
           ((rest[n] >= 'a' && rest[n] <= 'z') || (rest[n] >= 'A' && rest[n] <= 'Z') ||
            (rest[n] >= '0' && rest[n] <= '9') || rest[n] == '_' || rest[n] == '-' || rest[n] == '.' ||
            rest[n] == ':' || static_cast<unsigned char>(rest[n]) >= 0x80))
        ++n;
    if (n > 0 && n < rest.size() && rest[n] == ';') return {.length = n + 2, .state = undefined_entity};
    return {.state = bare_ampersand};
}

/// The message for a refused reference at s[pos].
inline std::string describe(const reference& ref, std::string_view s, std::size_t pos) {
    using enum reference::status;
    switch (ref.state) {
        case undefined_entity: return "undefined entity " + std::string(s.substr(pos, ref.length));
        case not_a_character: return "character reference " + std::string(s.substr(pos, ref.length)) +
                                     " is not an XML character";
        case malformed: {
            const std::size_t end = s.find_first_of(";<&\"' \t\r\n", pos + 1);
            return "malformed character reference " +
                   std::string(s.substr(pos, end != std::string_view::npos && s[end] == ';' ? end + 1 - pos : 2));
        }
        case bare_ampersand: return "'&' not followed by an entity or character reference";
        case ok: break;
    }
    return {};
}

/// 1-based line of a byte offset, for messages.
inline int line_of(std::string_view s, std::size_t pos) noexcept {
    int line = 1;
    for (std::size_t i = 0; i < pos && i < s.size(); ++i) line += s[i] == '\n';
    return line;
}

/// Offset just past `close` searching from `from`, or npos.
inline std::size_t skip_past(std::string_view s, std::size_t from, std::string_view close) noexcept {
    const std::size_t at = s.find(close, from);
    return at == std::string_view::npos ? at : at + close.size();
}

/// The first byte in [p, end) that plain character data does not hold as it is: a control
/// character but tab and line feed (a carriage return is normalised), a byte from 0x80 up (checked
/// as UTF-8), and with Markup also '<' and '&'. `end` when there is none. Sixteen bytes at a time
/// where SSE2 is there (every x86-64), a byte at a time elsewhere.
template <bool Markup>
inline const char* find_unusual(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t'), line_feed = _mm_set1_epi8('\n');
    const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&');
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // below space, or from 0x80 up (the compare is signed), and neither tab nor line feed
        __m128i m = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, line_feed)),
                                     _mm_cmplt_epi8(v, space));
        if constexpr (Markup) m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
        if (const int mask = _mm_movemask_epi8(m); mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
#endif
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if ((c < 0x20 && c != '\t' && c != '\n') || c >= 0x80 || (Markup && (c == '<' || c == '&'))) break;
    }
    return p;
}

/// The length of the character at s[pos] (a control character or a byte from 0x80 up) when XML
/// allows it, else 0.
inline std::size_t allowed_char(std::string_view s, std::size_t pos) noexcept {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) return c == '\t' || c == '\n' || c == '\r' || c >= 0x20 ? 1 : 0;
    const utf8_char u = read_utf8(s, pos);
    return u.length != 0 && is_xml_char(u.code_point) ? u.length : 0;
}

/// Why the character at s[pos] is refused (allowed_char said 0), as expat says it.
[[gnu::cold, gnu::noinline]] inline std::string character_problem(std::string_view s, std::size_t pos) {
    const auto c = static_cast<unsigned char>(s[pos]);
    const utf8_char u = c < 0x80 ? utf8_char{1, c} : read_utf8(s, pos);
    const std::string line = " at line " + std::to_string(line_of(s, pos));
    if (u.length == 0) return "invalid UTF-8" + line;
    static constexpr char hex[] = "0123456789ABCDEF";
    const std::uint32_t cp = u.code_point;  // a control character, U+FFFE or U+FFFF
    return std::string("character U+") + hex[cp >> 12 & 15] + hex[cp >> 8 & 15] + hex[cp >> 4 & 15] + hex[cp & 15] +
           " is not allowed in XML," + line;
}

/// Checks that s[from, to) holds only characters XML allows (the inside of a comment, a CDATA
/// section, a processing instruction). Empty when it does, else the problem.
inline std::string check_characters(std::string_view s, std::size_t from, std::size_t to) {
    const char* const base = s.data();
    for (const char* p = base + from; (p = find_unusual<false>(p, base + to)) != base + to;) {
        const std::size_t n = allowed_char(s, static_cast<std::size_t>(p - base));
        if (n == 0) return character_problem(s, static_cast<std::size_t>(p - base));
        p += n;
    }
    return {};
}

/// Appends s[from, to) with line ends normalised: "\r\n" and a lone '\r' read as '\n'.
inline void append_normalised(std::string& out, std::string_view s, std::size_t from, std::size_t to) {
    while (from < to) {
        const void* found = std::memchr(s.data() + from, '\r', to - from);
        const std::size_t cr = found ? static_cast<std::size_t>(static_cast<const char*>(found) - s.data()) : to;
        out.append(s.data() + from, cr - from);
        if (cr == to) break;
        out.push_back('\n');
        from = cr + 1 < to && s[cr + 1] == '\n' ? cr + 2 : cr + 1;
    }
}

/// Character data from s[i] up to the next start or end tag, checked as expat checks it, and
/// decoded as botocore's ElementTree gives an element's .text: references resolved, CDATA sections
/// joined in, comments and processing instructions dropped, line ends normalised to '\n',
/// whitespace kept. `i` ends at the tag's '<', or at s.size() when the body ends first. The text
/// is a view of the body when nothing needed decoding, else of `*scratch`; with no scratch the
/// data is only checked (an empty view). No value: `problem` says what is wrong and where.
[[gnu::noinline]] inline std::optional<std::string_view> char_data_decoded(std::string_view s, std::size_t& i,
                                                                          std::string* scratch, std::string& problem) {
    const char* const base = s.data();
    const char* const end = base + s.size();
    const char* const start = base + i;
    const char* p = start;
    bool copied = false;  // the text so far is in *scratch
    const auto copy_from_here = [&] {
        if (scratch && !copied) {
            scratch->assign(start, p);
            copied = true;
        }
    };
    const auto fail = [&](std::string message) -> std::optional<std::string_view> {
        problem = std::move(message);
        i = static_cast<std::size_t>(p - base);
        return std::nullopt;
    };
    const auto at_line = [&] { return " at line " + std::to_string(line_of(s, static_cast<std::size_t>(p - base))); };
    for (;;) {
        const char* q = find_unusual<true>(p, end);
        if (copied) scratch->append(p, q);
        p = q;
        if (p == end) break;
        const std::size_t at = static_cast<std::size_t>(p - base);
        const char c = *p;
        if (c == '<') {
            if (end - p < 2 || (p[1] != '!' && p[1] != '?')) break;  // a start or end tag
            const std::string_view rest{p, static_cast<std::size_t>(end - p)};
            copy_from_here();
            std::size_t close = 0, inside = 0;
            if (rest.starts_with("<!--")) {  // a comment: dropped, the text around it joined
                inside = at + 4;
                close = s.find("-->", inside);
                if (close == std::string_view::npos) return fail("unterminated comment" + at_line());
                if (s.substr(inside, close - inside).find("--") != std::string_view::npos ||
                    (close > inside && s[close - 1] == '-'))
                    return fail("'--' inside a comment" + at_line());
                p = base + close + 3;
            } else if (rest.starts_with("<![CDATA[")) {  // CDATA: '<' and '&' are plain inside
                inside = at + 9;
                close = s.find("]]>", inside);
                if (close == std::string_view::npos) return fail("unterminated CDATA section" + at_line());
                if (copied) append_normalised(*scratch, s, inside, close);
                p = base + close + 3;
            } else if (rest.starts_with("<?")) {  // a processing instruction: dropped
                inside = at + 2;
                close = s.find("?>", inside);
                if (close == std::string_view::npos) return fail("unterminated processing instruction" + at_line());
                p = base + close + 2;
            } else {
                return fail("markup declaration inside an element" + at_line());
            }
            if (auto bad = check_characters(s, inside, close); !bad.empty()) return fail(std::move(bad));
        } else if (c == '&') {
            const reference ref = read_reference(s, at);
            if (ref.state != reference::status::ok) return fail(describe(ref, s, at) + at_line());
            copy_from_here();
            if (copied) append_utf8(*scratch, ref.code_point);
            p += ref.length;
        } else if (c == '\r') {  // "\r\n" and a lone '\r' read as '\n'
            copy_from_here();
            if (copied) scratch->push_back('\n');
            p += p + 1 < end && p[1] == '\n' ? 2 : 1;
        } else {
            const std::size_t n = allowed_char(s, at);
            if (n == 0) return fail(character_problem(s, at));
            if (copied) scratch->append(p, n);
            p += n;
        }
    }
    i = static_cast<std::size_t>(p - base);
    if (!scratch) return std::string_view{};
    return copied ? std::string_view{*scratch} : std::string_view{start, static_cast<std::size_t>(p - start)};
}

/// The same; a plain run up to a tag, what nearly every run is, is found inline without the call.
inline std::optional<std::string_view> char_data(std::string_view s, std::size_t& i, std::string* scratch,
                                                 std::string& problem) {
    // Plain characters up to a tag, what nearly every run is: a view of the body, found inline.
    const char* const p = s.data() + i;
    const char* const end = s.data() + s.size();
    const char* const q = find_unusual<true>(p, end);
    if (end - q >= 2 && *q == '<' && q[1] != '!' && q[1] != '?') {
        i = static_cast<std::size_t>(q - s.data());
        return std::string_view{p, static_cast<std::size_t>(q - p)};
    }
    return char_data_decoded(s, i, scratch, problem);
}

}  // namespace awsq::detail::xml
