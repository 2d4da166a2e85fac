// The XML backend: tinyxml2 builds the element tree; character data is read exactly from the body. The one header that talks to tinyxml2.
//
// The interface the readers use is small, so another backend could replace this one:
//   document::parse(body) -> why it is not well-formed, or "";  document::root() -> element;
//   element: named(n) / is(n) / name() (namespace prefix dropped), first_child(), next_sibling(),
//            child_count(), text(scratch, problem).
//
// What tinyxml2 9 accepts and expat (botocore) refuses is refused here before the tree is used:
// characters XML does not allow (a NUL would even end tinyxml2's reading silently), undefined
// entities, a bare '&', references to non-characters, a DOCTYPE, text or a second element at the
// top level.
//
// Why text is not taken from tinyxml2's text nodes: tinyxml2 drops whitespace that stands right
// before markup (`<A>  </A>`, `<A> <![CDATA[x]]></A>`) and decodes references loosely. botocore
// keeps that whitespace. So an element's character data is decoded here from the caller's body,
// at the offset tinyxml2's element name has in its private copy of it.
#pragma once

#include <tinyxml2.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
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

#if defined(__SSE2__)
/// Whether the 64 bytes at p are all printable ASCII or line feeds, what response bodies are made of.
inline bool plain_block(const char* p) noexcept {
    const __m128i space = _mm_set1_epi8(0x20), line_feed = _mm_set1_epi8('\n');
    __m128i unusual = _mm_setzero_si128();
    for (int k = 0; k < 64; k += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
        // below space, or from 0x80 up (the compare is signed), and not a line feed
        unusual = _mm_or_si128(unusual, _mm_andnot_si128(_mm_cmpeq_epi8(v, line_feed), _mm_cmplt_epi8(v, space)));
    }
    return _mm_movemask_epi8(unusual) == 0;
}
#endif

/// Checks that the body is UTF-8 holding only characters XML allows, as expat does: no control
/// characters but tab, line feed and carriage return, no malformed sequences, no U+FFFE/U+FFFF.
inline std::string check_characters(std::string_view s) {
    const char* p = s.data();
    const char* const end = p + s.size();
    const char* next_block = p;  // where the block test is tried again after a block it refused
    while (p < end) {
#if defined(__SSE2__)
        if (p >= next_block && end - p >= 64) {
            if (plain_block(p)) {
                p += 64;
                continue;
            }
            next_block = p + 64;  // this block holds something else: its characters one at a time
        }
#endif
        const auto c = static_cast<unsigned char>(*p);
        if ((c >= 0x20 && c < 0x80) || c == '\t' || c == '\n' || c == '\r') {
            ++p;
            continue;
        }
        const auto at = static_cast<std::size_t>(p - s.data());
        const auto u = c < 0x80 ? utf8_char{1, c} : read_utf8(s, at);
        if (u.length == 0) return "invalid UTF-8 at line " + std::to_string(line_of(s, at));
        if (!is_xml_char(u.code_point)) {  // a control character, U+FFFE or U+FFFF
            static constexpr char hex[] = "0123456789ABCDEF";
            const std::uint32_t cp = u.code_point;
            return std::string("character U+") + hex[cp >> 12 & 15] + hex[cp >> 8 & 15] + hex[cp >> 4 & 15] +
                   hex[cp & 15] + " is not allowed in XML, at line " + std::to_string(line_of(s, at));
        }
        p += u.length;
    }
    return {};
}

/// Checks every '&' outside comments, CDATA sections and processing instructions. The fast path
/// only looks at the '&'s; the first one that is not a valid reference triggers an exact scan.
inline std::string check_references(std::string_view s) {
    bool suspicious = false;
    for (const char* p = s.data(); (p = static_cast<const char*>(std::memchr(p, '&', s.data() + s.size() - p))); ++p) {
        if (read_reference(s, static_cast<std::size_t>(p - s.data())).state != reference::status::ok) {
            suspicious = true;
            break;
        }
    }
    if (!suspicious) return {};
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = s.find_first_of("<&", i);
        if (at == std::string_view::npos) break;
        if (s[at] == '&') {
            const auto ref = read_reference(s, at);
            if (ref.state != reference::status::ok)
                return describe(ref, s, at) + " at line " + std::to_string(line_of(s, at));
            i = at + ref.length;
            continue;
        }
        const std::string_view rest = s.substr(at);
        if (rest.starts_with("<!--")) i = skip_past(s, at + 4, "-->");
        else if (rest.starts_with("<![CDATA[")) i = skip_past(s, at + 9, "]]>");
        else if (rest.starts_with("<?")) i = skip_past(s, at + 2, "?>");
        else i = at + 1;
    }
    return {};
}

class document;

/// One element of a parsed document: a small handle, valid while its document lives.
class element {
public:
    element() = default;

    explicit operator bool() const noexcept { return node_ != nullptr; }

    /// Whether the element's name is exactly `name`: the fast test, compared in place.
    inline bool named(std::string_view name) const noexcept;

    /// The local name: any namespace prefix ("ns:Code" -> "Code") is dropped, as botocore does.
    std::string_view name() const noexcept {
        const std::string_view raw{raw_};
        const std::size_t colon = raw.find(':');
        return colon == std::string_view::npos ? raw : std::string_view{raw_ + colon + 1, raw.size() - colon - 1};
    }

    /// Whether the local name is `name`.
    bool is(std::string_view name) const noexcept { return named(name) || this->name() == name; }

    inline element first_child() const noexcept;
    inline element next_sibling() const noexcept;

    /// Counts the child elements (for reserving).
    std::size_t child_count() const noexcept {
        std::size_t n = 0;
        for (auto* c = node_->FirstChildElement(); c; c = c->NextSiblingElement()) ++n;
        return n;
    }

    /// The character data before the element's first child element, as botocore's ElementTree
    /// `.text`: entities decoded, CDATA sections joined in, comments dropped, line ends normalised
    /// to '\n', leading and trailing whitespace kept. A view into the body when nothing needed
    /// decoding, else into `scratch`. Empty when the text is malformed; `problem` says why.
    inline std::optional<std::string_view> text(std::string& scratch, std::string& problem) const;

private:
    friend class document;
    std::optional<std::string_view> text_after_attributes(std::size_t from, std::string& scratch,
                                                          std::string& problem) const;
    std::optional<std::string_view> text_from(std::size_t from, std::string& scratch, std::string& problem) const;
    std::optional<std::string_view> decode_text(std::size_t from, std::string& scratch, std::string& problem) const;
    std::size_t name_offset() const noexcept;

    element(const tinyxml2::XMLElement* node, const document* doc) noexcept
        : node_(node), doc_(doc), raw_(node->Name()) {}

    const tinyxml2::XMLElement* node_ = nullptr;
    const document* doc_ = nullptr;
    const char* raw_ = "";  // the qualified name, NUL-terminated in tinyxml2's copy of the body
    mutable std::size_t name_size_ = unknown_size;  // strlen(raw_), once a comparison has found it
    static constexpr std::size_t unknown_size = static_cast<std::size_t>(-1);
};

/// A parsed response body.
class document {
public:
    document() : doc_(true, tinyxml2::PRESERVE_WHITESPACE) {}
    document(const document&) = delete;
    document& operator=(const document&) = delete;

    /// Parses `body` (not necessarily NUL-terminated; never read past its end). Returns why it is
    /// not well-formed XML, or an empty string.
    std::string parse(std::string_view body) {
        body_ = body;
        if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return "the body is empty";
        // Characters first: a NUL would end tinyxml2's reading early, silently.
        if (auto problem = check_characters(body); !problem.empty()) return problem;
        if (const auto err = doc_.Parse(body.data(), body.size()); err != tinyxml2::XML_SUCCESS)
            return std::string(describe(err)) + " at line " + std::to_string(doc_.ErrorLineNum());
        const tinyxml2::XMLElement* root = nullptr;
        for (const auto* n = doc_.FirstChild(); n; n = n->NextSibling()) {
            if (const auto* e = n->ToElement()) {
                if (root) return "a second root element <" + std::string(e->Name()) + ">";
                root = e;
            } else if (n->ToText()) {
                return "text outside the root element";
            } else if (n->ToUnknown()) {
                return "a DOCTYPE declaration (not accepted)";
            }
        }
        if (!root) return "no root element";
        if (auto problem = check_references(body); !problem.empty()) return problem;
        // Where tinyxml2's copy of the body starts: its root element's name is at a known offset.
        const std::size_t at = root_name_offset(body);
        const char* name = root->Name();
        const std::size_t size = std::strlen(name);
        if (at == std::string_view::npos || at + size > body.size() || body.compare(at, size, name) != 0)
            return "the XML backend could not locate the root element";  // tinyxml2 changed how it stores names
        base_ = name - at;
        root_ = element(root, this);
        return {};
    }

    element root() const noexcept { return root_; }

private:
    friend class element;

    static const char* describe(tinyxml2::XMLError err) noexcept {
        switch (err) {
            case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: return "no root element";
            case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: return "mismatched end tag";
            case tinyxml2::XML_ERROR_PARSING_ELEMENT: return "malformed element";
            case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: return "malformed attribute";
            case tinyxml2::XML_ERROR_PARSING_TEXT: return "text outside the root element";
            case tinyxml2::XML_ERROR_PARSING_CDATA: return "unterminated CDATA section";
            case tinyxml2::XML_ERROR_PARSING_COMMENT: return "unterminated comment";
            case tinyxml2::XML_ERROR_PARSING_DECLARATION: return "malformed declaration or processing instruction";
            case tinyxml2::XML_ERROR_PARSING_UNKNOWN: return "malformed markup declaration";
            case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED: return "elements nested too deeply";
            default: return "malformed or truncated XML";
        }
    }

    /// Offset of the root element's name: past a BOM, whitespace, the XML declaration, comments
    /// and processing instructions (the parse already refused anything else there).
    static std::size_t root_name_offset(std::string_view s) noexcept {
        std::size_t i = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        while (i < s.size()) {
            i = s.find_first_not_of(" \t\r\n", i);
            if (i == std::string_view::npos || s[i] != '<') return std::string_view::npos;
            const std::string_view rest = s.substr(i);
            if (rest.starts_with("<!--")) i = skip_past(s, i + 4, "-->");
            else if (rest.starts_with("<?")) i = skip_past(s, i + 2, "?>");
            else if (rest.starts_with("<!")) return std::string_view::npos;
            else return i + 1;
        }
        return std::string_view::npos;
    }

    tinyxml2::XMLDocument doc_;
    std::string_view body_;
    const char* base_ = nullptr;  // tinyxml2's copy of body_[0]
    element root_;
};

inline std::size_t element::name_offset() const noexcept { return static_cast<std::size_t>(raw_ - doc_->base_); }

inline bool element::named(std::string_view name) const noexcept {
    // The name is NUL-terminated inside tinyxml2's copy of the body, which is one byte longer
    // than the body: when name.size() + 1 bytes from it are inside, compare them at once.
    if (name_offset() + name.size() < doc_->body_.size()) {
        if (raw_[name.size()] != '\0' || !same_bytes(raw_, name.data(), name.size())) return false;
    } else {
        const char* p = raw_;
        for (const char c : name) {
            if (*p != c) return false;  // the terminator differs from every name character: never reads past it
            ++p;
        }
        if (*p != '\0') return false;
    }
    name_size_ = name.size();
    return true;
}

inline element element::first_child() const noexcept {
    const auto* c = node_->FirstChildElement();
    return c ? element(c, doc_) : element();
}

inline element element::next_sibling() const noexcept {
    const auto* c = node_->NextSiblingElement();
    return c ? element(c, doc_) : element();
}

/// The first '<', '&' or '\r' in [p, end), or end: what stops a plain copy of character data
/// (the characters themselves were checked when the document was parsed).
inline const char* plain_run(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), cr = _mm_set1_epi8('\r');
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const int mask = _mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, cr))));
        if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
#endif
    while (p < end && *p != '<' && *p != '&' && *p != '\r') ++p;
    return p;
}

inline std::optional<std::string_view> element::text(std::string& scratch, std::string& problem) const {
    const std::string_view s = doc_->body_;
    if (name_size_ == unknown_size) name_size_ = std::strlen(raw_);
    std::size_t i = name_offset() + name_size_;
    if (i >= s.size() || s[i] != '>') return text_after_attributes(i, scratch, problem);
    return text_from(i + 1, scratch, problem);
}

/// The character data from s[i], just past the start tag.
inline std::optional<std::string_view> element::text_from(std::size_t i, std::string& scratch,
                                                          std::string& problem) const {
    const std::string_view s = doc_->body_;
    // Plain characters up to a child element or the end tag are viewed in place.
    const char* end = plain_run(s.data() + i, s.data() + s.size());
    if (end + 1 < s.data() + s.size() && end[0] == '<' && end[1] != '!' && end[1] != '?')
        return std::string_view{s.data() + i, static_cast<std::size_t>(end - s.data()) - i};
    return decode_text(i, scratch, problem);
}

/// text() of a start tag that does not end right after the name: attributes, or `/>`.
[[gnu::noinline]] inline std::optional<std::string_view> element::text_after_attributes(
    std::size_t i, std::string& scratch, std::string& problem) const {
    const std::string_view s = doc_->body_;
    // The rest of the start tag: attributes (quoted values may hold '>') up to '>' or "/>".
    for (;;) {
        if (i >= s.size()) {
            problem = "truncated start tag";
            return std::nullopt;
        }
        const char c = s[i];
        if (c == '>') break;
        if (c == '/') return std::string_view{};  // <Marker/>: present and empty
        if (c == '"' || c == '\'') {
            i = s.find(c, i + 1);
            if (i == std::string_view::npos) {
                problem = "truncated start tag";
                return std::nullopt;
            }
        }
        ++i;
    }
    return text_from(i + 1, scratch, problem);
}

/// The text from s[i] on, when it holds references, CDATA sections, comments or '\r'.
[[gnu::noinline]] inline std::optional<std::string_view> element::decode_text(std::size_t i, std::string& scratch,
                                                            std::string& problem) const {
    const std::string_view s = doc_->body_;
    const auto fail = [&](std::string message) -> std::optional<std::string_view> {
        problem = std::move(message);
        return std::nullopt;
    };
    // Copies s[from, to) into scratch with line ends normalised: "\r\n" and a lone '\r' read as '\n'.
    const auto append_plain = [&](std::size_t from, std::size_t to) {
        while (from < to) {
            const void* found = std::memchr(s.data() + from, '\r', to - from);
            const std::size_t cr = found ? static_cast<std::size_t>(static_cast<const char*>(found) - s.data()) : to;
            scratch.append(s.data() + from, cr - from);
            if (cr == to) break;
            scratch.push_back('\n');
            from = cr + 1 < to && s[cr + 1] == '\n' ? cr + 2 : cr + 1;
        }
    };
    scratch.clear();
    while (i < s.size()) {
        const char* stop = plain_run(s.data() + i, s.data() + s.size());
        scratch.append(s.data() + i, stop);
        i = static_cast<std::size_t>(stop - s.data());
        if (i == s.size()) break;
        if (*stop == '\r') {  // "\r\n" and a lone '\r' read as '\n'
            scratch.push_back('\n');
            i += i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
        } else if (*stop == '&') {
            const auto ref = read_reference(s, i);
            if (ref.state != reference::status::ok) return fail(describe(ref, s, i));
            append_utf8(scratch, ref.code_point);
            i += ref.length;
        } else {
            const std::string_view rest{s.data() + i, s.size() - i};
            if (rest.starts_with("<![CDATA[")) {
                const std::size_t close = s.find("]]>", i + 9);
                if (close == std::string_view::npos) return fail("unterminated CDATA section");
                append_plain(i + 9, close);  // CDATA: '<' and '&' are plain here
                i = close + 3;
            } else if (rest.starts_with("<!--")) {  // comments are dropped, the text around them joined
                i = skip_past(s, i + 4, "-->");
                if (i == std::string_view::npos) return fail("unterminated comment");
            } else if (rest.starts_with("<?")) {
                i = skip_past(s, i + 2, "?>");
                if (i == std::string_view::npos) return fail("unterminated processing instruction");
            } else if (rest.starts_with("<!")) {
                return fail("markup declaration inside an element");
            } else {
                return std::string_view{scratch};  // a child element or the end tag
            }
        }
    }
    return fail("truncated element");
}

}  // namespace awsq::detail::xml
