// What an operation call exchanges: the HTTP request and response (the transport seam) and a parsed response.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq {

using http_headers = std::vector<std::pair<std::string, std::string>>;

namespace detail {
/// ASCII case-insensitive equality, as HTTP header names compare.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
        const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
        if (x != y) return false;
    }
    return true;
}

/// `s` with ASCII letters lower-cased, as host names, schemes and config keys compare.
inline std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}
}  // namespace detail

/// Who checks a request's signature: the service's signing name and the region of its scope
/// (the model's signingName, else its endpointPrefix; the endpoint's signing region).
struct signing_scope {
    std::string name;       // "rds", "iam", "sts"
    std::string region;     // "us-east-1"
};

/// A request ready for a transport to send and a signer to sign.
struct http_request {
    std::string method;     // "POST"
    std::string scheme = "https";
    std::string host;       // "rds.us-east-1.amazonaws.com", with ":port" when not the scheme's default
    std::string path;       // "/" (may hold a query string: "/?a=b")
    http_headers headers;   // Content-Type, ...
    std::string body;       // the form-encoded query
    signing_scope signing;  // the signing name and region of the operation's endpoint
};

/// What a transport got back.
struct http_response {
    int status = 0;
    http_headers headers;
    std::string body;
};

/// A successful call of Op: its output shape and the service's RequestId.
template <class Op>
struct response {
    typename Op::output_type output{};
    std::string request_id;
};

}  // namespace awsq
