// JMESPath (https://jmespath.org/specification.html) over boost::json::value, behaving as python's jmespath 1.0.
#pragma once

#include <awsq/detail/python_float.hpp>
#include <awsq/detail/python_json.hpp>
#include <awsq/error.hpp>
#include <awsq/json.hpp>

#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// Where python's jmespath (the AWS CLI's) and the specification disagree, this follows python:
// ordering comparisons also order two strings (a string against a number is an error); `==` inside
// arrays and objects, and contains(), take true/false as 1/0; a slice step of 0, an unknown
// function, a wrong argument count or type are errors when the call is evaluated, not when the
// expression is compiled; merge() after its first argument also takes [key, value] pairs, as
// dict.update does; `type(&e)` is null; `f(a b)` is `f(a, b)` and `{a: b c: d}` is `{a: b, c: d}`.
// Deliberate differences: nesting deeper than max_depth and evaluations making more than
// max_values values are errors; a literal deeper than 32 levels, holding NaN/Infinity inside an
// array or object, or a lone surrogate escape anywhere is not accepted; integers beyond 64 bits
// become doubles (so do ceil/floor beyond them); merge() pairs need a string key; to_string(&e) and
// a result holding an expression reference are errors (python prints an object's address, or
// cannot serialize it); to_number() reads ASCII digits only.

namespace awsq::jmespath {

/// Most values one evaluation may make (elements of the arrays and objects it builds and of its result;
/// a string counts one per 16 bytes).
inline constexpr std::size_t max_values = std::size_t{1} << 24;

/// Deepest nesting of a compiled expression (parentheses, brackets, operators): deeper is an error.
inline constexpr int max_depth = 256;

namespace detail {

enum class op : std::uint8_t {
    identity, current, field, index, slice, literal, subexpression, index_expression, pipe, projection,
    value_projection, filter_projection, flatten, or_, and_, not_, compare, list, hash, function, expref,
};
enum class cmp : std::uint8_t { eq, ne, lt, le, gt, ge };
enum class fn : std::uint8_t {
    abs, avg, ceil, contains, ends_with, floor, join, keys, length, map, max, max_by, merge, min, min_by,
    not_null, reverse, sort, sort_by, starts_with, sum, to_array, to_number, to_string, type, values, unknown,
};

struct node {
    op kind = op::identity;
    cmp comparison = cmp::eq;
    fn function = fn::unknown;
    int depth = 1;
    std::int64_t index = 0;
    std::optional<std::int64_t> slice[3];  // start, stop, step
    std::string name;                      // field name, function name
    std::vector<std::string> keys;         // hash keys, one per child
    boost::json::value literal;
    std::vector<std::uint32_t> kids;       // projection: lhs, rhs (, condition)
};

struct program {
    std::string source;
    std::vector<node> nodes;
    std::uint32_t root = 0;
};

// ---------------------------------------------------------------------------------------------
// UTF-8 and python text rules

inline std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

/// Length of the UTF-8 sequence at s[i] if well-formed, else 0.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t* out = nullptr) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return 0;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    static constexpr char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (out) *out = cp;
    return len;
}

inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Python's str.isspace() (what str.strip() and int()/float() skip).
inline bool python_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

inline std::string_view python_strip(std::string_view s, bool right) {
    char32_t cp = 0;
    while (!s.empty()) {
        const std::size_t n = utf8_sequence(s, 0, &cp);
        if (n == 0 || !python_space(cp)) break;
        s.remove_prefix(n);
    }
    while (right && !s.empty()) {
        std::size_t at = s.size() - 1;
        while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
        if (utf8_sequence(s, at, &cp) == 0 || !python_space(cp)) break;
        s.remove_suffix(s.size() - at);
    }
    return s;
}

/// The contents of a JSON string (between its quotes), decoded as python's json.loads does;
/// nullopt when json.loads would refuse it. A lone surrogate escape is refused here (python keeps it).
inline std::optional<std::string> json_string_contents(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto hex4 = [&](std::size_t at) -> long {
        if (at + 4 > s.size()) return -1;
        long v = 0;
        for (std::size_t k = at; k < at + 4; ++k) {
            const char c = s[k];
            const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (static_cast<unsigned char>(c) < 0x20 || c == '"') return std::nullopt;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i == s.size()) return std::nullopt;
        switch (s[i]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                long cp = hex4(i + 1);
                if (cp < 0) return std::nullopt;
                i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return std::nullopt;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    const long low = i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u' ? hex4(i + 3) : -1;
                    if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
                append_utf8(out, static_cast<char32_t>(cp));
                break;
            }
            default: return std::nullopt;
        }
    }
    return out;
}

/// JSON text as python's json.dumps(v, separators=(",", ":")) writes it (ensure_ascii, floats as repr).
inline void dumps(std::string& out, std::string_view s) { awsq::detail::python_json_string(out, s); }

inline void dumps(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: out += "null"; break;
        case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case boost::json::kind::int64: out += std::to_string(v.get_int64()); break;
        case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); break;
        case boost::json::kind::double_: out += awsq::detail::python_float(v.get_double()).view(); break;
        case boost::json::kind::string: dumps(out, std::string_view(v.get_string())); break;
        case boost::json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v.get_array()) {
                if (!first) out += ',';
                first = false;
                dumps(out, e);
            }
            out += ']';
            break;
        }
        case boost::json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& m : v.get_object()) {
                if (!first) out += ',';
                first = false;
                dumps(out, std::string_view(m.key()));
                out += ':';
                dumps(out, m.value());
            }
            out += '}';
            break;
        }
    }
}

inline std::string dumps(const boost::json::value& v) {
    std::string out;
    dumps(out, v);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Lexer

enum class tok : std::uint8_t {
    eof, unquoted_identifier, quoted_identifier, literal, rbracket, rparen, comma, rbrace, number, current,
    expref, colon, pipe, or_, and_, eq, gt, lt, gte, lte, ne, flatten, star, filter, dot, not_, lbrace,
    lbracket, lparen,
};

inline int binding_power(tok t) {
    switch (t) {
        case tok::pipe: return 1;
        case tok::or_: return 2;
        case tok::and_: return 3;
        case tok::eq: case tok::gt: case tok::lt: case tok::gte: case tok::lte: case tok::ne: return 5;
        case tok::flatten: return 9;
        case tok::star: return 20;
        case tok::filter: return 21;
        case tok::dot: return 40;
        case tok::not_: return 45;
        case tok::lbrace: return 50;
        case tok::lbracket: return 55;
        case tok::lparen: return 60;
        default: return 0;
    }
}
inline constexpr int projection_stop = 10;  // a token binding less than this ends a projection

inline std::string_view token_name(tok t) {
    switch (t) {
        case tok::eof: return "end of expression";
        case tok::unquoted_identifier: case tok::quoted_identifier: return "an identifier";
        case tok::literal: return "a literal";
        case tok::number: return "a number";
        case tok::rbracket: return "']'";
        case tok::rparen: return "')'";
        case tok::comma: return "','";
        case tok::rbrace: return "'}'";
        case tok::colon: return "':'";
        default: return "a token";
    }
}

struct token {
    tok type = tok::eof;
    std::size_t start = 0, end = 0;  // bytes of the source
    std::int64_t number = 0;         // saturated
    std::string text;                // identifier
    boost::json::value literal;
};

class compiler {
public:
    explicit compiler(std::string_view source) : source_(source) {}

    std::optional<error> failure;

    // ---- errors: the column is 0-based and counts code points, as python's jmespath counts it
    std::string where(std::size_t at) const {
        return " at column " + std::to_string(code_points(source_.substr(0, at))) + " in \"" + std::string(source_) +
               "\"";
    }
    bool fail(std::string what, std::size_t at) {
        if (!failure) failure = error::parse("jmespath", std::move(what) + where(at));
        return false;
    }
    std::string shown(const token& t) const {
        if (t.type == tok::eof) return "end of expression";
        return "token '" + std::string(source_.substr(t.start, t.end - t.start)) + "'";
    }
    bool unexpected(const token& t, std::string_view expected = {}) {
        std::string what = t.type == tok::eof ? "unexpected end of expression" : "unexpected " + shown(t);
        if (!expected.empty()) what += " (expected " + std::string(expected) + ")";
        return fail(std::move(what), t.start);
    }

    // ---- lexer
    bool lex() {
        const std::string_view s = source_;
        std::size_t i = 0;
        const auto push = [&](tok t, std::size_t start, std::size_t end) {
            token k;
            k.type = t;
            k.start = start;
            k.end = end;
            tokens_.push_back(std::move(k));
        };
        const auto ident_start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
        const auto digit = [](char c) { return c >= '0' && c <= '9'; };
        while (i < s.size()) {
            const char c = s[i];
            const char next = i + 1 < s.size() ? s[i + 1] : '\0';
            switch (c) {
                case ' ': case '\t': case '\n': case '\r': ++i; continue;
                case '.': push(tok::dot, i, i + 1); ++i; continue;
                case '*': push(tok::star, i, i + 1); ++i; continue;
                case ']': push(tok::rbracket, i, i + 1); ++i; continue;
                case ',': push(tok::comma, i, i + 1); ++i; continue;
                case ':': push(tok::colon, i, i + 1); ++i; continue;
                case '@': push(tok::current, i, i + 1); ++i; continue;
                case '(': push(tok::lparen, i, i + 1); ++i; continue;
                case ')': push(tok::rparen, i, i + 1); ++i; continue;
                case '{': push(tok::lbrace, i, i + 1); ++i; continue;
                case '}': push(tok::rbrace, i, i + 1); ++i; continue;
                case '[':
                    if (next == ']') push(tok::flatten, i, i + 2), i += 2;
                    else if (next == '?') push(tok::filter, i, i + 2), i += 2;
                    else push(tok::lbracket, i, i + 1), ++i;
                    continue;
                case '|': next == '|' ? push(tok::or_, i, i + 2) : push(tok::pipe, i, i + 1); i += next == '|' ? 2 : 1; continue;
                case '&': next == '&' ? push(tok::and_, i, i + 2) : push(tok::expref, i, i + 1); i += next == '&' ? 2 : 1; continue;
                case '<': next == '=' ? push(tok::lte, i, i + 2) : push(tok::lt, i, i + 1); i += next == '=' ? 2 : 1; continue;
                case '>': next == '=' ? push(tok::gte, i, i + 2) : push(tok::gt, i, i + 1); i += next == '=' ? 2 : 1; continue;
                case '!': next == '=' ? push(tok::ne, i, i + 2) : push(tok::not_, i, i + 1); i += next == '=' ? 2 : 1; continue;
                case '=':
                    if (next != '=') return fail("unknown token '=' (expected '==')", i);
                    push(tok::eq, i, i + 2);
                    i += 2;
                    continue;
                case '\'': case '`': case '"':
                    if (!delimited(i)) return false;
                    continue;
                default: break;
            }
            if (ident_start(c)) {
                const std::size_t start = i;
                while (i < s.size() && (ident_start(s[i]) || digit(s[i]))) ++i;
                push(tok::unquoted_identifier, start, i);
                tokens_.back().text = std::string(s.substr(start, i - start));
                continue;
            }
            if (digit(c) || (c == '-' && digit(next))) {
                const std::size_t start = i;
                i += c == '-';
                std::int64_t v = 0;
                constexpr std::int64_t cap = std::int64_t{1} << 62;
                for (; i < s.size() && digit(s[i]); ++i)  // saturates: only slices and indexes take numbers
                    v = v >= cap / 10 ? cap : v * 10 + (s[i] - '0');
                push(tok::number, start, i);
                tokens_.back().number = c == '-' ? -v : v;
                continue;
            }
            std::size_t len = utf8_sequence(s, i);
            return fail("unknown token '" + std::string(s.substr(i, len ? len : 1)) + "'", i);
        }
        push(tok::eof, s.size(), s.size());
        return true;
    }

    /// '...' (raw string), `...` (JSON literal) or "..." (quoted identifier) starting at s[i].
    bool delimited(std::size_t& i) {
        const std::string_view s = source_;
        const char delimiter = s[i];
        const std::size_t start = i;
        std::string text;
        for (++i;; ++i) {
            if (i >= s.size()) return fail(std::string("unclosed ") + delimiter + " delimiter", start);
            if (s[i] == delimiter) break;
            if (s[i] == '\\') {  // the backslash stays; it only keeps the next character from closing
                text += '\\';
                if (++i >= s.size()) return fail(std::string("unclosed ") + delimiter + " delimiter", start);
            }
            text += s[i];
        }
        ++i;
        token t;
        t.start = start;
        t.end = i;
        if (delimiter == '"') {
            auto name = json_string_contents(text);
            if (!name) return fail("invalid quoted identifier", start);
            t.type = tok::quoted_identifier;
            t.text = std::move(*name);
        } else {
            const std::string escaped = delimiter == '\'' ? "\\'" : "\\`";
            std::string unescaped;  // python's str.replace(escaped, delimiter)
            for (std::size_t k = 0; k < text.size();) {
                if (text.compare(k, 2, escaped) == 0) {
                    unescaped += delimiter;
                    k += 2;
                } else {
                    unescaped += text[k++];
                }
            }
            t.type = tok::literal;
            if (delimiter == '\'') {
                t.literal = boost::json::string(unescaped);
            } else if (!json_literal(unescaped, t.literal)) {
                return fail("invalid JSON literal `" + unescaped + "`", start);
            }
        }
        tokens_.push_back(std::move(t));
        return true;
    }

    /// JSON text, or, as python keeps doing for the deprecated form, the text as a string.
    static bool json_literal(std::string_view text, boost::json::value& out) {
        const std::string_view trimmed = python_strip(text, true);
        if (trimmed == "NaN" || trimmed == "Infinity" || trimmed == "-Infinity") {
            out = trimmed == "NaN" ? std::numeric_limits<double>::quiet_NaN()
                                   : (trimmed[0] == '-' ? -1 : 1) * std::numeric_limits<double>::infinity();
            return true;
        }
        boost::system::error_code ec;
        // python's json.loads skips only these around the value
        const std::size_t first = text.find_first_not_of(" \t\n\r");
        if (first != std::string_view::npos) {
            out = awsq::parse_json(text, ec);
            if (!ec) return true;
        }
        auto s = json_string_contents(python_strip(text, false));
        if (!s) return false;
        out = boost::json::string(*s);
        return true;
    }

    // ---- parser (Pratt, with the binding powers of python's jmespath)
    const token& at(std::size_t k = 0) const { return tokens_[std::min(pos_ + k, tokens_.size() - 1)]; }
    tok current() const { return at().type; }

    std::uint32_t make(op kind, std::vector<std::uint32_t> kids = {}) {
        node n;
        n.kind = kind;
        for (auto k : kids) n.depth = std::max(n.depth, nodes_[k].depth + 1);
        n.kids = std::move(kids);
        nodes_.push_back(std::move(n));
        if (nodes_.back().depth > max_depth) too_deep(at().start);
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }
    void append(std::uint32_t parent, std::uint32_t kid) {
        nodes_[parent].kids.push_back(kid);
        nodes_[parent].depth = std::max(nodes_[parent].depth, nodes_[kid].depth + 1);
        if (nodes_[parent].depth > max_depth) too_deep(at().start);
    }
    bool too_deep(std::size_t at) {
        return fail("expression nested more than " + std::to_string(max_depth) + " levels deep", at);
    }
    bool match(tok t) {
        if (current() != t) return unexpected(at(), token_name(t));
        ++pos_;
        return true;
    }

    // Every parse function returns false on error (failure is set) and writes its node to out.
    bool expression(int rbp, std::uint32_t& out) {
        if (++nesting_ > max_depth) return too_deep(at().start);
        const token& left = at();
        ++pos_;
        if (!nud(left, out)) return false;
        while (!failure && rbp < binding_power(current())) {
            const tok t = current();
            ++pos_;
            if (!led(t, out)) return false;
        }
        --nesting_;
        return !failure;
    }

    bool nud(const token& t, std::uint32_t& out) {
        switch (t.type) {
            case tok::literal:
                out = make(op::literal);
                nodes_[out].literal = t.literal;
                return true;
            case tok::unquoted_identifier:
            case tok::quoted_identifier:
                if (t.type == tok::quoted_identifier && current() == tok::lparen)
                    return fail("a quoted identifier cannot name a function", t.start);
                out = make(op::field);
                nodes_[out].name = t.text;
                return true;
            case tok::star: {  // *: projection of an object's values
                std::uint32_t rhs;
                if (!projection_rhs(binding_power(tok::star), rhs)) return false;
                out = make(op::value_projection, {make(op::identity), rhs});
                return true;
            }
            case tok::filter: return filter(make(op::identity), out);
            case tok::lbrace: return hash(out);
            case tok::lparen: return expression(0, out) && match(tok::rparen);
            case tok::flatten: {
                std::uint32_t rhs;
                const std::uint32_t lhs = make(op::flatten, {make(op::identity)});
                if (!projection_rhs(binding_power(tok::flatten), rhs)) return false;
                out = make(op::projection, {lhs, rhs});
                return true;
            }
            case tok::not_: {
                std::uint32_t e;
                if (!expression(binding_power(tok::not_), e)) return false;
                out = make(op::not_, {e});
                return true;
            }
            case tok::lbracket:
                if (current() == tok::number || current() == tok::colon) {
                    std::uint32_t right;
                    return index_expression(right) && project_if_slice(make(op::identity), right, out);
                }
                if (current() == tok::star && at(1).type == tok::rbracket) {
                    pos_ += 2;
                    std::uint32_t rhs;
                    if (!projection_rhs(binding_power(tok::star), rhs)) return false;
                    out = make(op::projection, {make(op::identity), rhs});
                    return true;
                }
                return list(out);
            case tok::current: out = make(op::current); return true;
            case tok::expref: {
                std::uint32_t e;
                if (!expression(0, e)) return false;
                out = make(op::expref, {e});
                return true;
            }
            default: return unexpected(t);
        }
    }

    bool led(tok t, std::uint32_t& left) {
        const std::size_t token_at = pos_ - 1;
        switch (t) {
            case tok::dot: {
                if (current() != tok::star) {
                    std::uint32_t right;
                    if (!dot_rhs(binding_power(tok::dot), right)) return false;
                    if (nodes_[left].kind == op::subexpression) append(left, right);
                    else left = make(op::subexpression, {left, right});
                    return true;
                }
                ++pos_;
                std::uint32_t rhs;
                if (!projection_rhs(binding_power(tok::dot), rhs)) return false;
                left = make(op::value_projection, {left, rhs});
                return true;
            }
            case tok::pipe: case tok::or_: case tok::and_: {
                std::uint32_t right;
                if (!expression(binding_power(t), right)) return false;
                left = make(t == tok::pipe ? op::pipe : t == tok::or_ ? op::or_ : op::and_, {left, right});
                return true;
            }
            case tok::eq: case tok::ne: case tok::lt: case tok::lte: case tok::gt: case tok::gte: {
                std::uint32_t right;
                if (!expression(binding_power(t), right)) return false;
                left = make(op::compare, {left, right});
                nodes_[left].comparison = t == tok::eq ? cmp::eq : t == tok::ne ? cmp::ne : t == tok::lt ? cmp::lt
                                        : t == tok::lte ? cmp::le : t == tok::gt ? cmp::gt : cmp::ge;
                return true;
            }
            case tok::flatten: {
                std::uint32_t rhs;
                const std::uint32_t lhs = make(op::flatten, {left});
                if (!projection_rhs(binding_power(tok::flatten), rhs)) return false;
                left = make(op::projection, {lhs, rhs});
                return true;
            }
            case tok::filter: return filter(left, left);
            case tok::lbracket: {
                if (current() == tok::number || current() == tok::colon) {
                    std::uint32_t right;
                    if (!index_expression(right)) return false;
                    // python: an index or slice after an index expression joins it, so it never projects
                    if (nodes_[left].kind == op::index_expression) {
                        append(left, right);
                        return true;
                    }
                    return project_if_slice(left, right, left);
                }
                if (!match(tok::star) || !match(tok::rbracket)) return false;
                std::uint32_t rhs;
                if (!projection_rhs(binding_power(tok::star), rhs)) return false;
                left = make(op::projection, {left, rhs});
                return true;
            }
            case tok::lparen: {
                if (nodes_[left].kind != op::field) {
                    const token& name = tokens_[token_at > 0 ? token_at - 1 : 0];
                    return fail("invalid function name '" + std::string(source_.substr(name.start, name.end - name.start)) + "'",
                                name.start);
                }
                std::vector<std::uint32_t> args;
                while (current() != tok::rparen) {  // python's loop: `f(a b)` is f(a, b), `f(a,)` is f(a)
                    std::uint32_t arg;
                    if (!expression(0, arg)) return false;
                    if (current() == tok::comma) ++pos_;
                    args.push_back(arg);
                }
                ++pos_;
                std::string name = std::move(nodes_[left].name);
                left = make(op::function, std::move(args));
                nodes_[left].function = function_named(name);
                nodes_[left].name = std::move(name);
                return true;
            }
            default: return unexpected(tokens_[token_at]);
        }
    }

    bool filter(std::uint32_t left, std::uint32_t& out) {
        std::uint32_t condition, rhs;
        if (!expression(0, condition) || !match(tok::rbracket)) return false;
        if (current() == tok::flatten) rhs = make(op::identity);
        else if (!projection_rhs(binding_power(tok::filter), rhs)) return false;
        out = make(op::filter_projection, {left, rhs, condition});
        return true;
    }

    bool index_expression(std::uint32_t& out) {
        if (current() == tok::colon || at(1).type == tok::colon) {  // [start:stop:step], each optional
            out = make(op::slice);
            int part = 0;
            while (current() != tok::rbracket) {
                if (current() == tok::colon) {
                    if (++part == 3) return unexpected(at(), "a number or ']'");
                } else if (current() == tok::number) {
                    nodes_[out].slice[part] = at().number;
                } else {
                    return unexpected(at(), "a number, ':' or ']'");
                }
                ++pos_;
            }
            return match(tok::rbracket);
        }
        out = make(op::index);
        nodes_[out].index = at().number;
        ++pos_;
        return match(tok::rbracket);
    }

    bool project_if_slice(std::uint32_t left, std::uint32_t right, std::uint32_t& out) {
        const bool slice = nodes_[right].kind == op::slice;
        out = make(op::index_expression, {left, right});
        if (!slice) return true;
        std::uint32_t rhs;
        if (!projection_rhs(binding_power(tok::star), rhs)) return false;
        out = make(op::projection, {out, rhs});
        return true;
    }

    bool projection_rhs(int rbp, std::uint32_t& out) {
        if (binding_power(current()) < projection_stop) {
            out = make(op::identity);
            return true;
        }
        if (current() == tok::lbracket || current() == tok::filter) return expression(rbp, out);
        if (current() == tok::dot) {
            ++pos_;
            return dot_rhs(rbp, out);
        }
        return unexpected(at(), "'.', '[' or '[?'");
    }

    bool dot_rhs(int rbp, std::uint32_t& out) {
        switch (current()) {
            case tok::quoted_identifier: case tok::unquoted_identifier: case tok::star: return expression(rbp, out);
            case tok::lbracket: ++pos_; return list(out);
            case tok::lbrace: ++pos_; return hash(out);
            default: return unexpected(at(), "an identifier, '*', '[' or '{'");
        }
    }

    bool list(std::uint32_t& out) {
        std::vector<std::uint32_t> items;
        for (;;) {
            std::uint32_t e;
            if (!expression(0, e)) return false;
            items.push_back(e);
            if (current() == tok::rbracket) break;
            if (!match(tok::comma)) return false;
        }
        ++pos_;
        out = make(op::list, std::move(items));
        return true;
    }

    bool hash(std::uint32_t& out) {
        std::vector<std::uint32_t> values;
        std::vector<std::string> keys;
        for (;;) {  // python's loop: a missing comma between pairs is forgiven
            if (current() != tok::quoted_identifier && current() != tok::unquoted_identifier)
                return unexpected(at(), "an identifier");
            keys.push_back(at().text);
            ++pos_;
            std::uint32_t e;
            if (!match(tok::colon) || !expression(0, e)) return false;
            values.push_back(e);
            if (current() == tok::comma) {
                ++pos_;
            } else if (current() == tok::rbrace) {
                ++pos_;
                break;
            }
        }
        out = make(op::hash, std::move(values));
        nodes_[out].keys = std::move(keys);
        return true;
    }

    static fn function_named(std::string_view name) {
        static constexpr std::pair<std::string_view, fn> table[] = {
            {"abs", fn::abs}, {"avg", fn::avg}, {"ceil", fn::ceil}, {"contains", fn::contains},
            {"ends_with", fn::ends_with}, {"floor", fn::floor}, {"join", fn::join}, {"keys", fn::keys},
            {"length", fn::length}, {"map", fn::map}, {"max", fn::max}, {"max_by", fn::max_by},
            {"merge", fn::merge}, {"min", fn::min}, {"min_by", fn::min_by}, {"not_null", fn::not_null},
            {"reverse", fn::reverse}, {"sort", fn::sort}, {"sort_by", fn::sort_by},
            {"starts_with", fn::starts_with}, {"sum", fn::sum}, {"to_array", fn::to_array},
            {"to_number", fn::to_number}, {"to_string", fn::to_string}, {"type", fn::type},
            {"values", fn::values}};
        for (const auto& [n, f] : table)
            if (n == name) return f;
        return fn::unknown;
    }

    /// The whole expression: tokens, then the tree.
    std::shared_ptr<program> run() {
        if (source_.empty()) {
            failure = error::parse("jmespath", "empty expression");
            return nullptr;
        }
        for (std::size_t i = 0; i < source_.size();) {
            const std::size_t n = utf8_sequence(source_, i);
            if (n == 0) {  // said without echoing the bytes
                failure = error::parse("jmespath", "invalid UTF-8 at byte " + std::to_string(i) + " of the expression");
                return nullptr;
            }
            i += n;
        }
        if (!lex()) return nullptr;
        std::uint32_t root;
        if (!expression(0, root)) return nullptr;
        if (current() != tok::eof) {
            unexpected(at());
            return nullptr;
        }
        if (failure) return nullptr;
        auto p = std::make_shared<program>();
        p->source = std::string(source_);
        p->nodes = std::move(nodes_);
        p->root = root;
        return p;
    }

private:
    std::string_view source_;
    std::vector<token> tokens_;
    std::vector<node> nodes_;
    std::size_t pos_ = 0;
    int nesting_ = 0;
};


// ---------------------------------------------------------------------------------------------
// Evaluation: values point into the document, the expression or the evaluation's arena, so that
// nothing is copied until the result is built.

struct member;

/// One JMESPath value, borrowed.
struct val {
    enum class k : std::uint8_t { null, boolean, int64, uint64, real, string, jarray, jobject, array, object, expref };
    k kind = k::null;
    union {
        bool b;
        std::int64_t i;
        std::uint64_t u;
        double d;
        const boost::json::array* ja;
        const boost::json::object* jo;
        const std::vector<val>* a;
        const std::vector<member>* o;
        std::uint32_t node;
        const char* chars;
    };
    std::size_t size = 0;  // string length

    val() : i(0) {}
    static val boolean(bool v) { val r; r.kind = k::boolean; r.b = v; return r; }
    static val integer(std::int64_t v) { val r; r.kind = k::int64; r.i = v; return r; }
    static val unsigned_integer(std::uint64_t v) { val r; r.kind = k::uint64; r.u = v; return r; }
    static val real(double v) { val r; r.kind = k::real; r.d = v; return r; }
    static val string(std::string_view s) { val r; r.kind = k::string; r.chars = s.data(); r.size = s.size(); return r; }
    static val array(const std::vector<val>* v) { val r; r.kind = k::array; r.a = v; return r; }
    static val object(const std::vector<member>* v) { val r; r.kind = k::object; r.o = v; return r; }
    static val expref(std::uint32_t n) { val r; r.kind = k::expref; r.node = n; return r; }
    static val of(const boost::json::value& j) {
        switch (j.kind()) {
            case boost::json::kind::null: return {};
            case boost::json::kind::bool_: return boolean(j.get_bool());
            case boost::json::kind::int64: return integer(j.get_int64());
            case boost::json::kind::uint64: return unsigned_integer(j.get_uint64());
            case boost::json::kind::double_: return real(j.get_double());
            case boost::json::kind::string: return string(j.get_string());
            case boost::json::kind::array: { val r; r.kind = k::jarray; r.ja = &j.get_array(); return r; }
            case boost::json::kind::object: { val r; r.kind = k::jobject; r.jo = &j.get_object(); return r; }
        }
        return {};
    }

    bool is_null() const { return kind == k::null; }
    bool is_number() const { return kind == k::int64 || kind == k::uint64 || kind == k::real; }
    bool is_string() const { return kind == k::string; }
    bool is_array() const { return kind == k::jarray || kind == k::array; }
    bool is_object() const { return kind == k::jobject || kind == k::object; }
    std::string_view str() const { return {chars, size}; }
    std::size_t length() const { return kind == k::jarray ? ja->size() : kind == k::array ? a->size() : 0; }
    val operator[](std::size_t n) const { return kind == k::jarray ? of((*ja)[n]) : (*a)[n]; }
};

struct member {
    std::string_view key;
    val value;
};

/// The type names of JMESPath's type() and of the errors.
inline std::string_view type_name(const val& v) {
    switch (v.kind) {
        case val::k::null: return "null";
        case val::k::boolean: return "boolean";
        case val::k::int64: case val::k::uint64: case val::k::real: return "number";
        case val::k::string: return "string";
        case val::k::jarray: case val::k::array: return "array";
        case val::k::jobject: case val::k::object: return "object";
        case val::k::expref: return "expref";
    }
    return "null";
}

template <class F>
void for_each_member(const val& v, F&& f) {
    if (v.kind == val::k::jobject) {
        for (const auto& m : *v.jo) f(std::string_view(m.key()), val::of(m.value()));
    } else if (v.kind == val::k::object) {
        for (const auto& m : *v.o) f(m.key, m.value);
    }
}

inline std::size_t member_count(const val& v) {
    return v.kind == val::k::jobject ? v.jo->size() : v.kind == val::k::object ? v.o->size() : 0;
}

inline std::optional<val> find_member(const val& v, std::string_view key) {
    if (v.kind == val::k::jobject) {
        if (const auto* found = v.jo->if_contains(key)) return val::of(*found);
    } else if (v.kind == val::k::object) {
        for (const auto& m : *v.o)
            if (m.key == key) return m.value;
    }
    return std::nullopt;
}

/// Exact comparison of two numbers, as python compares int and float: -1, 0, 1, or 2 (NaN).
inline int compare_numbers(const val& x, const val& y) {
    const auto sign = [](auto a, auto b) { return a < b ? -1 : a > b ? 1 : 0; };
    const auto int_real = [&](std::int64_t i, double d) -> int {
        if (std::isnan(d)) return 2;
        if (d >= 9223372036854775808.0) return -1;
        if (d < -9223372036854775808.0) return 1;
        const double t = std::trunc(d);
        const auto ti = static_cast<std::int64_t>(t);
        if (i != ti) return sign(i, ti);
        return sign(t, d);
    };
    const auto uint_real = [&](std::uint64_t u, double d) -> int {
        if (std::isnan(d)) return 2;
        if (d >= 18446744073709551616.0) return -1;
        if (d < 0) return 1;
        const double t = std::trunc(d);
        const auto tu = static_cast<std::uint64_t>(t);
        if (u != tu) return sign(u, tu);
        return sign(t, d);
    };
    using K = val::k;
    if (x.kind == K::int64 && y.kind == K::int64) return sign(x.i, y.i);
    if (x.kind == K::real && y.kind == K::real) return std::isnan(x.d) || std::isnan(y.d) ? 2 : sign(x.d, y.d);
    if (x.kind == K::uint64 && y.kind == K::uint64) return sign(x.u, y.u);
    if (x.kind == K::int64 && y.kind == K::uint64) return x.i < 0 ? -1 : sign(static_cast<std::uint64_t>(x.i), y.u);
    if (x.kind == K::uint64 && y.kind == K::int64) return y.i < 0 ? 1 : sign(x.u, static_cast<std::uint64_t>(y.i));
    if (x.kind == K::int64) return int_real(x.i, y.d);
    if (x.kind == K::uint64) return uint_real(x.u, y.d);
    const int r = y.kind == K::int64 ? int_real(y.i, x.d) : uint_real(y.u, x.d);
    return r == 2 ? 2 : -r;
}

/// Python's ==: inside arrays and objects, true and false equal 1 and 0 (python's bool is an int);
/// `top` applies jmespath's own rule at the top of a comparison, where a number never equals a boolean.
inline bool equal(const val& x, const val& y, bool top) {
    const auto as_number = [](const val& v) { return v.kind == val::k::boolean ? val::integer(v.b) : v; };
    if ((x.kind == val::k::boolean && y.is_number()) || (x.is_number() && y.kind == val::k::boolean)) {
        if (top) return false;
        return compare_numbers(as_number(x), as_number(y)) == 0;
    }
    if (x.is_number() && y.is_number()) return compare_numbers(x, y) == 0;
    if (x.is_array() && y.is_array()) {
        if (x.length() != y.length()) return false;
        for (std::size_t n = 0; n < x.length(); ++n)
            if (!equal(x[n], y[n], false)) return false;
        return true;
    }
    if (x.is_object() && y.is_object()) {
        if (member_count(x) != member_count(y)) return false;
        bool same = true;
        for_each_member(x, [&](std::string_view key, const val& v) {
            if (!same) return;
            const auto other = find_member(y, key);
            same = other && equal(v, *other, false);
        });
        return same;
    }
    if (x.kind != y.kind) return false;
    switch (x.kind) {
        case val::k::null: return true;
        case val::k::boolean: return x.b == y.b;
        case val::k::string: return x.str() == y.str();
        case val::k::expref: return x.node == y.node;  // python: the same object
        default: return false;
    }
}

/// JMESPath's falsy values: null, false, "", [] and {} (0 is true).
inline bool truthy(const val& v) {
    switch (v.kind) {
        case val::k::null: return false;
        case val::k::boolean: return v.b;
        case val::k::string: return v.size != 0;
        case val::k::jarray: case val::k::array: return v.length() != 0;
        case val::k::jobject: case val::k::object: return member_count(v) != 0;
        default: return true;
    }
}

/// Python's int(text) or else float(text) (to_number); ASCII digits only.
inline std::optional<val> python_number(std::string_view text) {
    std::string_view s = python_strip(text, true);
    std::string clean;  // without the sign's '+', the underscores between digits
    std::size_t i = 0;
    const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
    const auto digits = [&]() {  // digit ('_'? digit)*
        if (!digit(i)) return false;
        while (digit(i) || (i < s.size() && s[i] == '_' && digit(i + 1))) {
            if (s[i] != '_') clean += s[i];
            ++i;
        }
        return true;
    };
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    if (negative) clean += '-';
    const std::size_t body = i;
    if (digits() && i == s.size()) {  // int()
        std::int64_t v;
        if (std::from_chars(clean.data(), clean.data() + clean.size(), v).ec == std::errc{}) return val::integer(v);
        std::uint64_t u;
        if (std::from_chars(clean.data(), clean.data() + clean.size(), u).ec == std::errc{}) return val::unsigned_integer(u);
    }
    // float(): digits [. [digits]] | . digits, then [e [sign] digits]; or inf, infinity, nan
    std::string word(s.substr(body));
    for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (word == "inf" || word == "infinity")
        return val::real(negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity());
    if (word == "nan") return val::real(std::numeric_limits<double>::quiet_NaN());
    i = body;
    clean.resize(negative ? 1 : 0);
    const bool whole = digits();
    bool fraction = false;
    if (i < s.size() && s[i] == '.') {
        clean += s[i++];
        fraction = digits();
    }
    if (!whole && !fraction) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        clean += s[i++];
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
        if (!digits()) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    double d = 0;
    const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), d);
    if (r.ec == std::errc::result_out_of_range) {  // python: overflow is infinity, underflow 0.0
        const auto e = clean.find_first_of("eE");
        const bool tiny = e != std::string::npos ? clean[e + 1] == '-'
                                                 : clean.find_first_of("123456789") > clean.find('.');
        d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
        if (negative) d = -d;
    }
    return val::real(d);
}

/// A number as the smallest exact kind: int64, else uint64, else double.
inline val from_int128(__int128 v) {
    if (v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max())
        return val::integer(static_cast<std::int64_t>(v));
    if (v > 0 && v <= static_cast<__int128>(std::numeric_limits<std::uint64_t>::max()))
        return val::unsigned_integer(static_cast<std::uint64_t>(v));
    return val::real(static_cast<double>(v));
}

inline double to_double(const val& v) {
    return v.kind == val::k::int64 ? static_cast<double>(v.i) : v.kind == val::k::uint64 ? static_cast<double>(v.u) : v.d;
}

class evaluator {
public:
    explicit evaluator(const program& p) : p_(p) {}

    std::optional<error> failure;

    bool fail(std::string message) {
        if (!failure) failure = error::invalid({{"jmespath", std::move(message)}});
        return false;
    }

    /// Counts values made (arrays' and objects' elements, results built): an expression such as
    /// `[@, @] | [@, @] | ...` describes 2^n values, refused past max_values.
    bool charge(std::size_t n) {
        if (n <= budget_) {
            budget_ -= n;
            return true;
        }
        budget_ = 0;
        return fail("the evaluation makes more than " + std::to_string(max_values) + " values");
    }

    void charge_back(std::size_t n) { budget_ += n; }

    val keep(std::vector<val> items) {
        if (!charge(items.size())) return {};
        arrays_.push_back(std::move(items));
        return val::array(&arrays_.back());
    }
    val keep(std::vector<member> members) {
        if (!charge(members.size())) return {};
        objects_.push_back(std::move(members));
        return val::object(&objects_.back());
    }
    val keep(std::string text) {
        if (!charge(text.size() / 16)) return {};
        strings_.push_back(std::move(text));
        return val::string(strings_.back());
    }

    /// Evaluates node n on v into out; false (and failure set) on an error.
    bool eval(std::uint32_t n, const val& v, val& out) {
        if (failure) return false;  // e.g. the budget ran out inside a function
        const node& e = p_.nodes[n];
        switch (e.kind) {
            case op::identity:
            case op::current: out = v; return true;
            case op::field: out = v.is_object() ? find_member(v, e.name).value_or(val{}) : val{}; return true;
            case op::literal: out = val::of(e.literal); return true;
            case op::expref: out = val::expref(e.kids[0]); return true;
            case op::subexpression:
            case op::index_expression:
            case op::pipe: {
                val x = v;
                for (auto kid : e.kids)
                    if (!eval(kid, val(x), x)) return false;
                out = x;
                return true;
            }
            case op::index: {
                out = {};
                if (!v.is_array()) return true;
                const auto size = static_cast<std::int64_t>(v.length());
                const std::int64_t at = e.index < 0 ? e.index + size : e.index;
                if (at >= 0 && at < size) out = v[static_cast<std::size_t>(at)];
                return true;
            }
            case op::slice: return slice(e, v, out);
            case op::projection:
            case op::value_projection:
            case op::filter_projection: return project(e, v, out);
            case op::flatten: {
                val base;
                if (!eval(e.kids[0], v, base)) return false;
                out = {};
                if (!base.is_array()) return true;
                std::vector<val> items;
                items.reserve(base.length());
                for (std::size_t k = 0; k < base.length(); ++k) {
                    const val item = base[k];
                    if (!charge(item.is_array() ? item.length() : 1)) return false;
                    if (item.is_array()) {
                        for (std::size_t j = 0; j < item.length(); ++j) items.push_back(item[j]);
                    } else {
                        items.push_back(item);
                    }
                }
                charge_back(items.size());  // charged above
                out = keep(std::move(items));
                return !failure;
            }
            case op::or_:
            case op::and_: {
                if (!eval(e.kids[0], v, out)) return false;
                if (truthy(out) == (e.kind == op::and_)) return eval(e.kids[1], v, out);
                return true;
            }
            case op::not_: {
                if (!eval(e.kids[0], v, out)) return false;
                out = val::boolean(!truthy(out));
                return true;
            }
            case op::compare: return compare(e, v, out);
            case op::list: {
                out = {};
                if (v.is_null()) return true;
                std::vector<val> items(e.kids.size());
                for (std::size_t k = 0; k < e.kids.size(); ++k)
                    if (!eval(e.kids[k], v, items[k])) return false;
                out = keep(std::move(items));
                return true;
            }
            case op::hash: {
                out = {};
                if (v.is_null()) return true;
                std::vector<member> members;
                members.reserve(e.kids.size());
                for (std::size_t k = 0; k < e.kids.size(); ++k) {
                    val x;
                    if (!eval(e.kids[k], v, x)) return false;
                    auto same = std::find_if(members.begin(), members.end(), [&](const member& m) { return m.key == e.keys[k]; });
                    if (same != members.end()) same->value = x;  // python's dict: the last value, the first place
                    else members.push_back({e.keys[k], x});
                }
                out = keep(std::move(members));
                return true;
            }
            case op::function: return call(e, v, out);
        }
        return true;
    }

    bool slice(const node& e, const val& v, val& out) {
        out = {};
        if (!v.is_array()) return true;
        constexpr std::int64_t cap = std::int64_t{1} << 62;  // saturated bounds cannot overflow below
        const auto clamp = [&](std::int64_t x) { return std::clamp(x, -cap, cap); };
        const std::int64_t step = e.slice[2] ? clamp(*e.slice[2]) : 1;
        if (step == 0) return fail("slice step cannot be 0");
        const auto size = static_cast<std::int64_t>(v.length());
        const std::int64_t lower = step < 0 ? -1 : 0, upper = step < 0 ? size - 1 : size;
        const auto bound = [&](const std::optional<std::int64_t>& x, std::int64_t otherwise) {
            if (!x) return otherwise;
            std::int64_t b = clamp(*x);
            if (b < 0) b = std::max(b + size, lower);
            return std::min(b, upper);
        };
        const std::int64_t start = bound(e.slice[0], step < 0 ? upper : lower);
        const std::int64_t stop = bound(e.slice[1], step < 0 ? lower : upper);
        std::vector<val> items;
        for (std::int64_t k = start; step > 0 ? k < stop : k > stop; k += step) items.push_back(v[static_cast<std::size_t>(k)]);
        out = keep(std::move(items));
        return true;
    }

    bool project(const node& e, const val& v, val& out) {
        val base;
        if (!eval(e.kids[0], v, base)) return false;
        out = {};
        const node& rhs = p_.nodes[e.kids[1]];
        const bool identity = rhs.kind == op::identity;
        std::vector<val> items;
        const auto each = [&](const val& item) {
            if (e.kind == op::filter_projection) {
                val keep_it;
                if (!eval(e.kids[2], item, keep_it)) return false;
                if (!truthy(keep_it)) return true;
            }
            val x = item;
            if (!identity && !eval(e.kids[1], item, x)) return false;
            if (!x.is_null()) items.push_back(x);
            return true;
        };
        if (e.kind == op::value_projection) {
            if (!base.is_object()) return true;
            items.reserve(member_count(base));
            bool ok = true;
            for_each_member(base, [&](std::string_view, const val& item) { ok = ok && each(item); });
            if (!ok) return false;
        } else {
            if (!base.is_array()) return true;
            items.reserve(base.length());
            for (std::size_t k = 0; k < base.length(); ++k)
                if (!each(base[k])) return false;
        }
        out = keep(std::move(items));
        return true;
    }

    bool compare(const node& e, const val& v, val& out) {
        val x, y;
        if (!eval(e.kids[0], v, x) || !eval(e.kids[1], v, y)) return false;
        if (e.comparison == cmp::eq || e.comparison == cmp::ne) {
            out = val::boolean(equal(x, y, true) == (e.comparison == cmp::eq));
            return true;
        }
        out = {};
        // python orders numbers and also strings (by code point); anything else is null
        if (!(x.is_number() || x.is_string()) || !(y.is_number() || y.is_string())) return true;
        int c;
        if (x.is_string() != y.is_string()) {
            return fail("cannot order " + std::string(type_name(x)) + " and " + std::string(type_name(y)));
        }
        c = x.is_string() ? x.str().compare(y.str()) : compare_numbers(x, y);
        if (x.is_string()) c = c < 0 ? -1 : c > 0 ? 1 : 0;
        if (c == 2) {  // NaN: every ordering is false
            out = val::boolean(false);
            return true;
        }
        switch (e.comparison) {
            case cmp::lt: out = val::boolean(c < 0); break;
            case cmp::le: out = val::boolean(c <= 0); break;
            case cmp::gt: out = val::boolean(c > 0); break;
            default: out = val::boolean(c >= 0); break;
        }
        return true;
    }

    // ---- functions

    /// Argument types, as python's jmespath checks them.
    enum ty : unsigned {
        t_number = 1, t_string = 2, t_boolean = 4, t_array = 8, t_object = 16, t_null = 32, t_expref = 64,
        t_any = 127, t_array_number = 128, t_array_string = 256,
    };
    struct signature {
        std::vector<unsigned> params;
        bool variadic = false;
    };
    static const signature& signature_of(fn f) {
        static const signature table[] = {
            {{t_number}},                                  // abs
            {{t_array_number}},                            // avg
            {{t_number}},                                  // ceil
            {{t_array | t_string, t_any}},                 // contains
            {{t_string, t_string}},                        // ends_with
            {{t_number}},                                  // floor
            {{t_string, t_array_string}},                  // join
            {{t_object}},                                  // keys
            {{t_string | t_array | t_object}},             // length
            {{t_expref, t_array}},                         // map
            {{t_array_number | t_array_string}},           // max
            {{t_array, t_expref}},                         // max_by
            {{t_object}, true},                            // merge
            {{t_array_number | t_array_string}},           // min
            {{t_array, t_expref}},                         // min_by
            {{t_any}, true},                               // not_null
            {{t_array | t_string}},                        // reverse
            {{t_array_number | t_array_string}},           // sort
            {{t_array, t_expref}},                         // sort_by
            {{t_string, t_string}},                        // starts_with
            {{t_array_number}},                            // sum
            {{t_any}},                                     // to_array
            {{t_any}},                                     // to_number
            {{t_any}},                                     // to_string
            {{t_any}},                                     // type
            {{t_object}},                                  // values
        };
        return table[static_cast<std::size_t>(f)];
    }
    static unsigned type_bit(const val& v) {
        switch (v.kind) {
            case val::k::null: return t_null;
            case val::k::boolean: return t_boolean;
            case val::k::string: return t_string;
            case val::k::jarray: case val::k::array: return t_array;
            case val::k::jobject: case val::k::object: return t_object;
            case val::k::expref: return t_expref;
            default: return t_number;
        }
    }
    static std::string expected_types(unsigned allowed) {
        static constexpr std::pair<unsigned, std::string_view> names[] = {
            {t_number, "number"}, {t_string, "string"}, {t_boolean, "boolean"}, {t_array, "array"},
            {t_object, "object"}, {t_null, "null"}, {t_expref, "expression"},
            {t_array_number, "array of numbers"}, {t_array_string, "array of strings"}};
        std::vector<std::string_view> list;
        for (const auto& [bit, name] : names)
            if (allowed & bit) list.push_back(name);
        std::string out;
        for (std::size_t k = 0; k < list.size(); ++k) {
            if (k) out += k + 1 == list.size() ? " or " : ", ";
            out += list[k];
        }
        return out;
    }

    bool check(const node& e, const std::vector<val>& args) {
        const signature& sig = signature_of(e.function);
        const std::size_t want = sig.params.size();
        if (sig.variadic ? args.size() < want : args.size() != want) {
            return fail(e.name + "() takes " + (sig.variadic ? "at least " : "") + std::to_string(want) + " argument" +
                        (want == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
        }
        for (std::size_t k = 0; k < args.size(); ++k) {
            // python checks only the declared parameters: merge()'s further arguments go to dict.update
            if (k >= want) break;
            const unsigned allowed = sig.params[k];
            const val& a = args[k];
            const auto wrong = [&](std::string_view got) {
                return fail("invalid type for argument " + std::to_string(k + 1) + " of " + e.name + "(): expected " +
                            expected_types(allowed) + ", got " + std::string(got));
            };
            const unsigned bit = type_bit(a);
            if (allowed & bit) continue;
            if (!(allowed & (t_array_number | t_array_string)) || !a.is_array()) return wrong(type_name(a));
            // arrays of one element type: the first element decides which, when both are allowed
            unsigned element = allowed & t_array_number ? t_number : t_string;
            if ((allowed & t_array_number) && (allowed & t_array_string) && a.length() > 0) {
                element = type_bit(a[0]);
                if (element != t_number && element != t_string) return wrong("array holding " + std::string(type_name(a[0])));
            }
            for (std::size_t j = 0; j < a.length(); ++j)
                if (type_bit(a[j]) != element) return wrong("array holding " + std::string(type_name(a[j])));
        }
        return true;
    }

    /// The key of one element for sort_by / min_by / max_by: a number or a string.
    bool key_of(const node& e, std::uint32_t expr, const val& item, unsigned allowed, val& key) {
        if (!eval(expr, item, key)) return false;
        if (!(type_bit(key) & allowed)) {
            return fail(e.name + "(): the expression gives " + std::string(type_name(key)) + " for an element, expected " +
                        expected_types(allowed));
        }
        return true;
    }

    /// -1, 0, 1 of two keys or numbers/strings of one kind; mixed kinds are python's TypeError.
    bool order(const node& e, const val& x, const val& y, int& c) {
        if (x.is_string() != y.is_string()) return fail(e.name + "(): cannot compare " + std::string(type_name(x)) + " with " + std::string(type_name(y)));
        if (x.is_string()) {
            const int r = x.str().compare(y.str());
            c = r < 0 ? -1 : r > 0 ? 1 : 0;
        } else {
            c = compare_numbers(x, y);
            if (c == 2) c = 0;  // NaN: never less, never greater
        }
        return true;
    }

    bool call(const node& e, const val& v, val& out) {
        std::vector<val> args(e.kids.size());
        for (std::size_t k = 0; k < e.kids.size(); ++k)
            if (!eval(e.kids[k], v, args[k])) return false;
        if (e.function == fn::unknown) return fail("unknown function " + e.name + "()");
        if (!check(e, args)) return false;
        out = {};
        const val& a = args.empty() ? out : args[0];
        switch (e.function) {
            case fn::abs:
                if (a.kind == val::k::int64) out = a.i < 0 ? from_int128(-static_cast<__int128>(a.i)) : a;
                else out = a.kind == val::k::real ? val::real(std::fabs(a.d)) : a;
                return true;
            case fn::ceil:
            case fn::floor: {
                if (a.kind != val::k::real) {
                    out = a;
                    return true;
                }
                if (!std::isfinite(a.d)) return fail(e.name + "() of " + std::string(awsq::detail::python_float(a.d).view()));
                const double r = e.function == fn::ceil ? std::ceil(a.d) : std::floor(a.d);
                // python's math.ceil/floor give an int
                out = std::fabs(r) < 9.2e18 ? val::integer(static_cast<std::int64_t>(r)) : val::real(r);
                return true;
            }
            case fn::avg:
            case fn::sum: {
                // python's sum(): exact integers until the first float, then float additions in order
                __int128 whole = 0;
                bool exact = true;
                double real = 0;
                for (std::size_t k = 0; k < a.length(); ++k) {
                    const val x = a[k];
                    if (exact && x.kind != val::k::real) {
                        const __int128 add = x.kind == val::k::int64 ? x.i : static_cast<__int128>(x.u);
                        if (!__builtin_add_overflow(whole, add, &whole)) continue;
                        real = static_cast<double>(whole) + static_cast<double>(add);
                        exact = false;
                        continue;
                    }
                    if (exact) real = static_cast<double>(whole);
                    exact = false;
                    real += to_double(x);
                }
                if (e.function == fn::sum) {
                    out = exact ? from_int128(whole) : val::real(real);
                } else if (a.length() > 0) {
                    out = val::real((exact ? static_cast<double>(whole) : real) / static_cast<double>(a.length()));
                }
                return true;
            }
            case fn::contains:
                if (a.is_string()) {
                    if (!args[1].is_string()) return fail("contains(): a string can only contain a string, not " + std::string(type_name(args[1])));
                    out = val::boolean(a.str().find(args[1].str()) != std::string_view::npos);
                    return true;
                }
                out = val::boolean(false);
                for (std::size_t k = 0; k < a.length(); ++k)
                    if (equal(a[k], args[1], false)) {
                        out = val::boolean(true);
                        break;
                    }
                return true;
            case fn::starts_with: out = val::boolean(a.str().substr(0, args[1].size) == args[1].str()); return true;
            case fn::ends_with:
                out = val::boolean(a.size >= args[1].size && a.str().substr(a.size - args[1].size) == args[1].str());
                return true;
            case fn::join: {
                std::string text;
                for (std::size_t k = 0; k < args[1].length(); ++k) {
                    if (k) text += a.str();
                    text += args[1][k].str();
                }
                out = keep(std::move(text));
                return true;
            }
            case fn::keys:
            case fn::values: {
                std::vector<val> items;
                items.reserve(member_count(a));
                if (e.function == fn::keys)
                    for_each_member(a, [&](std::string_view key, const val&) { items.push_back(val::string(key)); });
                else
                    for_each_member(a, [&](std::string_view, const val& x) { items.push_back(x); });
                out = keep(std::move(items));
                return true;
            }
            case fn::length:
                out = val::integer(static_cast<std::int64_t>(a.is_string() ? code_points(a.str()) : a.is_array() ? a.length() : member_count(a)));
                return true;
            case fn::map: {
                std::vector<val> items(args[1].length());
                for (std::size_t k = 0; k < items.size(); ++k)
                    if (!eval(a.node, args[1][k], items[k])) return false;
                out = keep(std::move(items));
                return true;
            }
            case fn::max:
            case fn::min: {
                for (std::size_t k = 0; k < a.length(); ++k) {
                    int c = 0;
                    if (k > 0 && !order(e, a[k], out, c)) return false;
                    if (k == 0 || c == (e.function == fn::max ? 1 : -1)) out = a[k];
                }
                return true;
            }
            case fn::max_by:
            case fn::min_by: {
                val best_key;
                for (std::size_t k = 0; k < a.length(); ++k) {
                    val key;
                    if (!key_of(e, args[1].node, a[k], t_number | t_string, key)) return false;
                    int c = 0;
                    if (k > 0 && !order(e, key, best_key, c)) return false;
                    if (k == 0 || c == (e.function == fn::max_by ? 1 : -1)) {
                        out = a[k];
                        best_key = key;
                    }
                }
                return true;
            }
            case fn::merge: {
                std::vector<member> members;
                std::unordered_map<std::string_view, std::size_t> place;
                const auto put = [&](std::string_view key, const val& value) {
                    auto [it, added] = place.try_emplace(key, members.size());
                    if (added) members.push_back({key, value});
                    else members[it->second].value = value;
                };
                for (const val& x : args) {
                    if (x.is_object()) {
                        for_each_member(x, put);
                        continue;
                    }
                    // python's dict.update(): after the first (checked) argument, any iterable of
                    // [key, value] pairs; here only pairs with a string key (an int key would stay an int)
                    const auto refuse = [&] {
                        return fail("invalid argument of merge(): expected an object or [key, value] pairs, got " +
                                    std::string(type_name(x)));
                    };
                    if (x.is_string() && x.size == 0) continue;
                    if (!x.is_array()) return refuse();
                    for (std::size_t k = 0; k < x.length(); ++k) {
                        const val pair = x[k];
                        if (pair.is_array() && pair.length() == 2 && pair[0].is_string()) {
                            put(pair[0].str(), pair[1]);
                        } else if (pair.is_string() && code_points(pair.str()) == 2) {
                            const std::size_t first = utf8_sequence(pair.str(), 0);
                            put(pair.str().substr(0, first), val::string(pair.str().substr(first)));
                        } else if (pair.is_object() && member_count(pair) == 2) {
                            std::vector<std::string_view> names;
                            for_each_member(pair, [&](std::string_view key, const val&) { names.push_back(key); });
                            put(names[0], val::string(names[1]));
                        } else {
                            return refuse();
                        }
                    }
                }
                out = keep(std::move(members));
                return true;
            }
            case fn::not_null:
                for (const val& x : args)
                    if (!x.is_null()) {
                        out = x;
                        break;
                    }
                return true;
            case fn::reverse: {
                if (a.is_string()) {  // by code point
                    const std::string_view s = a.str();
                    std::string text;
                    text.reserve(s.size());
                    for (std::size_t end = s.size(); end > 0;) {
                        std::size_t begin = end - 1;
                        while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
                        text.append(s.substr(begin, end - begin));
                        end = begin;
                    }
                    out = keep(std::move(text));
                    return true;
                }
                std::vector<val> items;
                items.reserve(a.length());
                for (std::size_t k = a.length(); k > 0; --k) items.push_back(a[k - 1]);
                out = keep(std::move(items));
                return true;
            }
            case fn::sort: {
                std::vector<val> items;
                items.reserve(a.length());
                for (std::size_t k = 0; k < a.length(); ++k) items.push_back(a[k]);
                std::stable_sort(items.begin(), items.end(), [&](const val& x, const val& y) {
                    int c = 0;
                    order(e, x, y, c);  // one element type: cannot fail
                    return c < 0;
                });
                out = keep(std::move(items));
                return true;
            }
            case fn::sort_by: {
                if (a.length() == 0) {
                    out = a;
                    return true;
                }
                std::vector<std::pair<val, val>> keyed;  // key, element
                keyed.reserve(a.length());
                unsigned kind = 0;
                for (std::size_t k = 0; k < a.length(); ++k) {
                    val key;
                    // python: the first element's key type (number or string) is the one every key must have
                    if (!key_of(e, args[1].node, a[k], kind ? kind : t_number | t_string, key)) return false;
                    kind = type_bit(key);
                    keyed.emplace_back(key, a[k]);
                }
                std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
                    int c = 0;
                    order(e, x.first, y.first, c);
                    return c < 0;
                });
                std::vector<val> items;
                items.reserve(keyed.size());
                for (const auto& [key, item] : keyed) items.push_back(item);
                out = keep(std::move(items));
                return true;
            }
            case fn::to_array:
                out = a.is_array() ? a : keep(std::vector<val>{a});
                return true;
            case fn::to_number:
                if (a.is_number()) out = a;
                else if (a.is_string()) out = python_number(a.str()).value_or(val{});
                else if (a.kind == val::k::expref) return fail("to_number() of an expression");
                return true;
            case fn::to_string: {
                if (a.is_string()) {
                    out = a;
                    return true;
                }
                boost::json::value j;
                if (!to_json(a, j)) return false;
                out = keep(dumps(j));
                return true;
            }
            case fn::type:
                if (a.kind != val::k::expref) out = val::string(type_name(a));  // python: type(&e) is null
                return true;
            case fn::unknown: return true;
        }
        return true;
    }

    /// The result as a boost::json::value (copies what it borrowed); an expression reference has no JSON form.
    bool to_json(const val& v, boost::json::value& out) {
        switch (v.kind) {
            case val::k::null: out = nullptr; return true;
            case val::k::boolean: out = v.b; return true;
            case val::k::int64: out = v.i; return true;
            case val::k::uint64: out = v.u; return true;
            case val::k::real: out = v.d; return true;
            case val::k::string: out = boost::json::string(v.str()); return true;
            case val::k::jarray: out = *v.ja; return true;
            case val::k::jobject: out = *v.jo; return true;
            case val::k::array: {
                if (!charge(v.a->size())) return false;
                boost::json::array a;
                a.resize(v.a->size());
                for (std::size_t k = 0; k < a.size(); ++k)
                    if (!to_json((*v.a)[k], a[k])) return false;
                out = std::move(a);
                return true;
            }
            case val::k::object: {
                if (!charge(v.o->size())) return false;
                boost::json::object o;
                o.reserve(v.o->size());
                for (const auto& m : *v.o)
                    if (!to_json(m.value, o[m.key])) return false;
                out = std::move(o);
                return true;
            }
            case val::k::expref: return fail("an expression reference (&...) has no JSON value");
        }
        return true;
    }

private:
    const program& p_;
    std::size_t budget_ = max_values;
    std::deque<std::vector<val>> arrays_;
    std::deque<std::vector<member>> objects_;
    std::deque<std::string> strings_;
};

}  // namespace detail

/// A compiled expression: immutable, shared, cheap to copy.
class expression {
public:
    /// The source text it was compiled from.
    std::string_view text() const noexcept { return program_->source; }
    /// The tree (for the evaluator).
    const detail::program& tree() const noexcept { return *program_; }

private:
    explicit expression(std::shared_ptr<const detail::program> p) : program_(std::move(p)) {}
    std::shared_ptr<const detail::program> program_;
    friend result<expression> compile(std::string_view);
};

/// Compiles `text`. A syntax error (error_kind::parse) names the 0-based column, counted in code
/// points as python's jmespath counts it, and what was expected:
/// `jmespath: unexpected token ']' at column 8 in "foo[?a==]"`.
inline result<expression> compile(std::string_view text) {
    detail::compiler c(text);
    auto p = c.run();
    if (!p) return std::move(*c.failure);
    return expression(std::move(p));
}

/// Evaluates a compiled expression over `document`. What the specification leaves to errors
/// (a function's unknown name, argument count or type; a slice step of 0; ordering a string
/// against a number) is an error (error_kind::invalid_request); anything missing is null.
inline result<boost::json::value> evaluate(const expression& e, const boost::json::value& document) {
    detail::evaluator ev(e.tree());
    detail::val out;
    boost::json::value json;
    if (!ev.eval(e.tree().root, detail::val::of(document), out) || ev.failure || !ev.to_json(out, json))
        return std::move(*ev.failure);
    return json;
}

/// compile() then evaluate().
inline result<boost::json::value> search(std::string_view text, const boost::json::value& document) {
    auto e = compile(text);
    if (!e) return std::move(e).error();
    return evaluate(*e, document);
}

}  // namespace awsq::jmespath
