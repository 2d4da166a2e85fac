// Form encoding (application/x-www-form-urlencoded) byte for byte as botocore's HTTP layer sends a query body.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace awsq::detail {

/// The bytes Python's urlencode (quote_plus) keeps as they are: A-Z a-z 0-9 - _ . ~
inline constexpr std::array<bool, 256> form_unreserved = [] {
    std::array<bool, 256> table{};
    for (unsigned char c = 'A'; c <= 'Z'; ++c) table[c] = true;
    for (unsigned char c = 'a'; c <= 'z'; ++c) table[c] = true;
    for (unsigned char c = '0'; c <= '9'; ++c) table[c] = true;
    for (const unsigned char c : {'-', '_', '.', '~'}) table[c] = true;
    return table;
}();

/// Appends `text` (UTF-8) form-encoded: unreserved bytes as they are, space as '+', every other
/// byte as %XX with upper-case hex.
inline void append_form_encoded(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::size_t run = 0;  // start of the pending run of unreserved bytes
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (form_unreserved[c]) continue;
        out.append(text.data() + run, i - run);
        if (c == ' ') {
            out.push_back('+');
        } else {
            const char escape[3] = {'%', hex[c >> 4], hex[c & 0xF]};
            out.append(escape, 3);
        }
        run = i + 1;
    }
    out.append(text.data() + run, text.size() - run);
}

}  // namespace awsq::detail
