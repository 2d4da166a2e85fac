// awsq::credentials on its own: what the signer needs, without the providers of <awsq/credentials.hpp>.
#pragma once

#include <awsq/model.hpp>

#include <optional>
#include <string>

namespace awsq {

/// An access key pair, with the session token and expiry of temporary credentials.
struct credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::optional<std::string> session_token{};
    std::optional<timestamp> expiration{};
};

}  // namespace awsq
