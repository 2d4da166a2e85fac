// Built with `pkg-config --cflags --libs awsq-client` alone: parses a response (tinyxml2), writes JSON
// (Boost.JSON), signs a request (libcrypto) and makes a libcurl transport; checks the version macros.
#include <awsq/awsq.hpp>
#include <awsq/curl_transport.hpp>
#include <awsq/sigv4.hpp>
#include <awsq/sts.hpp>

#include <cstdio>
#include <string_view>

static_assert(AWSQ_VERSION_MAJOR >= 0 && AWSQ_VERSION_MINOR >= 0 && AWSQ_VERSION_PATCH >= 0);

int main(int argc, char** argv) {
    // argv[1]: the version pkg-config and find_package(awsq) report.
    if (argc != 2 || awsq::version != std::string_view(argv[1])) {
        std::printf("awsq::version is %.*s, the package says %s\n", static_cast<int>(awsq::version.size()),
                    awsq::version.data(), argc == 2 ? argv[1] : "?");
        return 1;
    }
    const std::string_view body = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)";
    auto parsed = awsq::parse_response<awsq::sts::GetCallerIdentity>(200, body);
    if (!parsed || parsed->output.Account != "123456789012") return 1;
    const auto json = boost::json::serialize(awsq::to_json(parsed->output));

    awsq::http_request request;
    request.method = "POST";
    request.host = "sts.amazonaws.com";
    request.path = "/";
    request.body = "Action=GetCallerIdentity";
    awsq::sigv4_sign(request, {.access_key_id = "AKIDEXAMPLE", .secret_access_key = "not-a-secret"}, "us-east-1", "sts",
                     awsq::timestamp{});
    bool signed_ = false;
    for (const auto& [name, value] : request.headers) signed_ = signed_ || name == "Authorization";
    const awsq::curl_transport transport;  // libcurl, unused: linking is the test

    std::printf("awsq %.*s: %s, signed: %s\n", static_cast<int>(awsq::version.size()), awsq::version.data(),
                json.c_str(), signed_ ? "yes" : "no");
    return signed_ ? 0 : 1;
}
