// Differential driver: JSON Lines of requests to sign on stdin -> the headers awsq::sigv4_sign leaves, one line each.
//
//   sigv4_driver < requests.jsonl
//
// Input:  {"method","scheme","host","path","headers":[[name,value],...],"body",
//          "access_key","secret_key","token" (absent or null: none),"region","service","time_us"}
// Output: {"headers":[[name,value],...]}, every header of the signed request in order.
#include <awsq/sigv4.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

namespace json = boost::json;

namespace {

std::string text(const json::object& o, std::string_view key) { return std::string(o.at(key).as_string()); }

std::string sign_line(const std::string& line) {
    const json::object in = json::parse(line).as_object();
    awsq::http_request request;
    request.method = text(in, "method");
    request.scheme = text(in, "scheme");
    request.host = text(in, "host");
    request.path = text(in, "path");
    request.body = text(in, "body");
    for (const json::value& h : in.at("headers").as_array()) {
        const json::array& pair = h.as_array();
        request.headers.emplace_back(std::string(pair.at(0).as_string()), std::string(pair.at(1).as_string()));
    }
    awsq::credentials credentials{text(in, "access_key"), text(in, "secret_key")};
    if (const json::value* token = in.if_contains("token"); token && token->is_string())
        credentials.session_token = std::string(token->as_string());
    const awsq::timestamp now{std::chrono::microseconds{in.at("time_us").to_number<long long>()}};

    awsq::sigv4_sign(request, credentials, text(in, "region"), text(in, "service"), now);

    json::array headers;
    for (const auto& [name, value] : request.headers) headers.push_back(json::array{json::string(name), json::string(value)});
    return json::serialize(json::object{{"headers", std::move(headers)}});
}

}  // namespace

int main() {
    std::ios::sync_with_stdio(false);
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::cout << sign_line(line) << '\n';
    }
    return 0;
}
