// What an operation call exchanges: the HTTP request and response (the transport seam) and a parsed response.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq {

using http_headers = std::vector<std::pair<std::string, std::string>>;

/// A request ready for a transport to send (and, later, to sign).
struct http_request {
    std::string method;     // "POST"
    std::string host;       // "rds.us-east-1.amazonaws.com"
    std::string path;       // "/"
    http_headers headers;   // Content-Type, ...
    std::string body;       // the form-encoded query
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
