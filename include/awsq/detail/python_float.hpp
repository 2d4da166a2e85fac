// Floating-point text as Python's str() writes it: botocore sends float and double members that way.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace awsq::detail {

/// The text of one number, held inline (no allocation).
struct float_text {
    char data[40];
    std::size_t size = 0;

    std::string_view view() const noexcept { return {data, size}; }
    void put(char c) noexcept { data[size++] = c; }
    void put(std::string_view s) noexcept {
        std::memcpy(data + size, s.data(), s.size());
        size += s.size();
    }
};

/// `value` as Python's repr(): the shortest digits that read back to the same value, positional
/// ("0.0001", "1.0", "1234567890123456.0") while the decimal exponent is in [-4, 16), else
/// exponent form with a sign and at least two digits ("1e-05", "1.5e+16"). A float is written with
/// its own shortest digits (0.1f gives "0.1"). Non-finite values become the strings botocore
/// substitutes for them: "Infinity", "-Infinity", "NaN".
template <class F>
    requires std::is_floating_point_v<F>
float_text python_float(F value) noexcept {
    float_text out;
    if (std::isnan(value)) {
        out.put("NaN");
        return out;
    }
    if (std::isinf(value)) {
        out.put(value > 0 ? std::string_view{"Infinity"} : std::string_view{"-Infinity"});
        return out;
    }
    // Shortest round-trip digits in scientific form: [-]d[.ddd]e(+|-)dd[d]
    char sci[40];
    const auto [end, ec] = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    (void)ec;  // cannot fail: the buffer holds any double
    const char* p = sci;
    if (*p == '-') {
        out.put('-');
        ++p;
    }
    char digits[24];
    int count = 0;
    for (; p != end && *p != 'e'; ++p)
        if (*p != '.') digits[count++] = *p;
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+'), end, exponent);
    const std::string_view all{digits, static_cast<std::size_t>(count)};
    const int point = exponent + 1;  // digits before the decimal point
    if (point <= -4 || point > 16) {
        out.put(digits[0]);
        if (count > 1) {
            out.put('.');
            out.put(all.substr(1));
        }
        out.put('e');
        out.put(exponent < 0 ? '-' : '+');
        const int magnitude = exponent < 0 ? -exponent : exponent;
        if (magnitude < 10) out.put('0');
        char e[8];
        const auto r = std::to_chars(e, e + sizeof e, magnitude);
        out.put(std::string_view{e, static_cast<std::size_t>(r.ptr - e)});
    } else if (point <= 0) {
        out.put("0.");
        for (int i = 0; i < -point; ++i) out.put('0');
        out.put(all);
    } else if (point >= count) {
        out.put(all);
        for (int i = count; i < point; ++i) out.put('0');
        out.put(".0");
    } else {
        out.put(all.substr(0, static_cast<std::size_t>(point)));
        out.put('.');
        out.put(all.substr(static_cast<std::size_t>(point)));
    }
    return out;
}

}  // namespace awsq::detail
