// Links awsq::client (libcrypto, libcurl): a client from explicit options, one signed call that 127.0.0.1:1 refuses.
#include <awsq/client.hpp>
#include <awsq/sts.hpp>

#include <cstdio>

int main() {
    auto client = awsq::client::from_environment({
        .region = "eu-west-1",
        .endpoint_url = "http://127.0.0.1:1",
        .credentials = awsq::credentials{.access_key_id = "AKIDEXAMPLE", .secret_access_key = "not-a-secret"},
        .environment = awsq::environment::from_map({}),
    });
    if (!client) {
        std::printf("from_environment: %s\n", client.error().message().c_str());
        return 1;
    }
    auto me = awsq::call<awsq::sts::GetCallerIdentity>(*client, {});
    if (me || me.error().kind() != awsq::error_kind::transport) {
        std::printf("expected a transport error from 127.0.0.1:1\n");
        return 1;
    }
    std::printf("client in %s; GetCallerIdentity: %s\n", client->region().c_str(), me.error().message().c_str());
    return 0;
}
