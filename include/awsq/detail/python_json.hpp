// A string as Python's json.dumps writes it (ensure_ascii): botocore's resume tokens and JMESPath's
// to_string both write strings this way.
#pragma once

#include <awsq/detail/xml_text.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace awsq::detail {

/// Appends `text` as a JSON string: printable ASCII as it is, every other character as \uXXXX
/// (surrogate pairs past U+FFFF), the short escapes for \n \r \t \b \f; a byte that is not UTF-8
/// reads as U+FFFD.
inline void python_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto escape = [&](std::uint32_t v) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(v >> shift) & 15];
    };
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            if (c == '"' || c == '\\') out += '\\';
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        switch (c) {
            case '\n': out += "\\n"; ++i; continue;
            case '\r': out += "\\r"; ++i; continue;
            case '\t': out += "\\t"; ++i; continue;
            case '\b': out += "\\b"; ++i; continue;
            case '\f': out += "\\f"; ++i; continue;
            default: break;
        }
        if (c < 0x80) {  // another control character, or DEL
            escape(c);
            ++i;
            continue;
        }
        const xml::utf8_char u = xml::read_utf8(text, i);
        if (u.length == 0) {
            escape(0xFFFD);
            ++i;
            continue;
        }
        if (u.code_point >= 0x10000) {
            escape(0xD800 + ((u.code_point - 0x10000) >> 10));
            escape(0xDC00 + ((u.code_point - 0x10000) & 0x3FF));
        } else {
            escape(u.code_point);
        }
        i += u.length;
    }
    out += '"';
}

}  // namespace awsq::detail
