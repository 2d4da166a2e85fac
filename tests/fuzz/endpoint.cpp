// Fuzz target: endpoint resolution of a region name and the parsing of an endpoint URL override, for RDS
// and STS. Properties: never a crash; a resolved endpoint has a scheme, a host and signing facts; an error
// has a message.
#include "fuzz.hpp"

#include <awsq/endpoint.hpp>
#include <awsq/rds/service.hpp>
#include <awsq/sts/service.hpp>

namespace {
void check(const awsq::result<awsq::endpoint>& e) {
    if (!e) {
        awsq::fuzz::require(!e.error().message().empty(), "an endpoint error has a message");
        return;
    }
    awsq::fuzz::require(e->scheme == "https" || e->scheme == "http", "the scheme is http or https");
    awsq::fuzz::require(!e->host.empty(), "a host");
    awsq::fuzz::require(!e->signing_name.empty() && !e->signing_region.empty(), "signing facts");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto text = awsq::fuzz::text(data + 1, size - 1);
    const auto& service = data[0] & 1 ? awsq::sts::service : awsq::rds::service;
    check(awsq::resolve_endpoint(service, text, {.use_fips = (data[0] & 2) != 0, .use_dualstack = (data[0] & 4) != 0}));
    check(awsq::endpoint_from_url(text, service, "us-east-1"));
    return 0;
}
