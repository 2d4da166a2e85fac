// Fuzz target: SigV4 canonicalisation and signing of a request whose path, query, headers and body come
// from the input (lines: path, then "name:value" headers, then an empty line and the body).
// Properties: never a crash; the request ends with one Authorization header that holds no secret, and
// signing it again gives the same headers (re-signing replaces, never duplicates).
#include "fuzz.hpp"

#include <awsq/sigv4.hpp>

#include <chrono>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto text = awsq::fuzz::text(data, size);
    awsq::http_request request;
    request.method = "POST";
    request.host = "rds.us-east-1.amazonaws.com";
    auto line = [&] {
        const auto end = text.find('\n');
        const auto out = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        return out;
    };
    request.path = "/" + std::string(line());
    for (auto h = line(); !h.empty(); h = line()) {
        const auto colon = h.find(':');
        if (colon == std::string_view::npos) continue;
        request.headers.emplace_back(std::string(h.substr(0, colon)), std::string(h.substr(colon + 1)));
    }
    request.body = std::string(text);
    const awsq::credentials keys{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-for-fuzzing"};
    const awsq::timestamp now{std::chrono::seconds{1440938160}};
    const bool data_holds_secret = awsq::fuzz::text(data, size).find(keys.secret_access_key) != std::string_view::npos;
    awsq::sigv4_sign(request, keys, "us-east-1", "rds", now);
    const auto first = request.headers;
    awsq::sigv4_sign(request, keys, "us-east-1", "rds", now);
    awsq::fuzz::require(request.headers == first, "signing again gives the same headers");
    int authorizations = 0;
    for (const auto& [name, value] : request.headers) {
        if (awsq::detail::iequals(name, "Authorization")) ++authorizations;
        if (data_holds_secret) continue;  // the input itself put it in a header
        awsq::fuzz::require(value.find(keys.secret_access_key) == std::string::npos, "no header holds the secret");
    }
    awsq::fuzz::require(authorizations == 1, "exactly one Authorization header");
    return 0;
}
