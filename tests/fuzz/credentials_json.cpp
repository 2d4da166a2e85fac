// Fuzz target: the JSON readers of credential_process output and of the container and instance metadata
// endpoints' answers. Properties: never a crash; an error never quotes the secret it was handed.
#include "fuzz.hpp"

#include <awsq/credentials.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto text = awsq::fuzz::text(data + 1, size - 1);
    const auto token_key = data[0] & 1 ? "Token" : "SessionToken";
    auto r = awsq::detail::credentials_from_json(text, token_key, (data[0] & 2) != 0, "fuzz", "the answer");
    if (!r) {
        awsq::fuzz::require(!r.error().message().empty(), "an error has a message");
        // The secret is never quoted back: the same input with another secret of the same length gives
        // the same message (only Expiration is ever quoted, and it is left as it is).
        const auto at = text.find("\"SecretAccessKey\":\"");
        if (at == std::string_view::npos) return 0;
        const auto from = at + 19, to = text.find('"', from);
        if (to == std::string_view::npos || to - from < 4) return 0;
        for (auto i = from; i < to; ++i)  // only plain characters: a replacement must not change the JSON's validity
            if (text[i] < 0x20 || text[i] > 0x7e || text[i] == '\\') return 0;
        std::string other(text);
        for (auto i = from; i < to; ++i) other[i] = other[i] == 'Q' ? 'R' : 'Q';
        auto again = awsq::detail::credentials_from_json(other, token_key, (data[0] & 2) != 0, "fuzz", "the answer");
        awsq::fuzz::require(!again && again.error().message() == r.error().message(), "no secret in errors");
    }
    return 0;
}
