// SHA-256 and HMAC-SHA256 for the signer, from OpenSSL 3's libcrypto (the only header that includes it).
#pragma once

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>

namespace awsq::detail {

using sha256_digest = std::array<unsigned char, 32>;

/// Lower-case hex of a digest, written to `out` (64 characters).
inline void hex_lower(const sha256_digest& digest, char* out) noexcept {
    static constexpr char digits[] = "0123456789abcdef";
    for (const unsigned char b : digest) {
        *out++ = digits[b >> 4];
        *out++ = digits[b & 15];
    }
}

// The algorithms are fetched once per process and each thread keeps one context of each kind,
// re-initialised per use: OpenSSL 3's implicit fetch (EVP_sha256(), HMAC()) looks the algorithm
// up by name on every call, which costs more than hashing a short request.
struct crypto_contexts {
    struct md_free { void operator()(EVP_MD* p) const noexcept { EVP_MD_free(p); } };
    struct mac_free { void operator()(EVP_MAC* p) const noexcept { EVP_MAC_free(p); } };
    struct md_ctx_free { void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); } };
    struct mac_ctx_free { void operator()(EVP_MAC_CTX* p) const noexcept { EVP_MAC_CTX_free(p); } };

    std::unique_ptr<EVP_MD_CTX, md_ctx_free> md_ctx;
    std::unique_ptr<EVP_MAC_CTX, mac_ctx_free> mac_ctx;

    static const EVP_MD* sha256() noexcept {
        static const std::unique_ptr<EVP_MD, md_free> md{EVP_MD_fetch(nullptr, "SHA256", nullptr)};
        return md.get();
    }

    static crypto_contexts& for_this_thread() noexcept {
        thread_local crypto_contexts contexts = [] {
            static const std::unique_ptr<EVP_MAC, mac_free> hmac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)};
            crypto_contexts c{std::unique_ptr<EVP_MD_CTX, md_ctx_free>{EVP_MD_CTX_new()},
                              std::unique_ptr<EVP_MAC_CTX, mac_ctx_free>{EVP_MAC_CTX_new(hmac.get())}};
            char digest_name[] = "SHA256";
            const OSSL_PARAM params[] = {
                OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                OSSL_PARAM_construct_end(),
            };
            EVP_MAC_CTX_set_params(c.mac_ctx.get(), params);
            return c;
        }();
        return contexts;
    }
};

/// SHA-256 of `data`.
inline sha256_digest sha256(std::string_view data) noexcept {
    sha256_digest out{};
    EVP_MD_CTX* ctx = crypto_contexts::for_this_thread().md_ctx.get();
    EVP_DigestInit_ex2(ctx, crypto_contexts::sha256(), nullptr);
    EVP_DigestUpdate(ctx, data.data(), data.size());
    EVP_DigestFinal_ex(ctx, out.data(), nullptr);
    return out;
}

/// SHA-256 of `data` as 64 lower-case hex digits, written to `out`.
inline void sha256_hex(std::string_view data, char* out) noexcept { hex_lower(sha256(data), out); }

/// HMAC-SHA256 of `data` under `key`.
inline sha256_digest hmac_sha256(std::string_view key, std::string_view data) noexcept {
    sha256_digest out{};
    EVP_MAC_CTX* ctx = crypto_contexts::for_this_thread().mac_ctx.get();
    std::size_t length = 0;
    EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr);
    EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MAC_final(ctx, out.data(), &length, out.size());
    return out;
}

inline sha256_digest hmac_sha256(const sha256_digest& key, std::string_view data) noexcept {
    return hmac_sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), data);
}

}  // namespace awsq::detail
