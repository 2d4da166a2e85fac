// AWS Signature Version 4: signs an http_request as botocore's SigV4Auth does, and masks what it adds for logs.
#pragma once

#include <awsq/detail/access_keys.hpp>
#include <awsq/detail/crypto.hpp>
#include <awsq/model.hpp>
#include <awsq/operation.hpp>
#include <awsq/timestamp.hpp>

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awsq {

namespace detail {

constexpr char sigv4_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// a < b comparing ASCII-lower-cased bytes: the order of the lower-cased names, without lowering them.
inline bool sigv4_iless(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(sigv4_lower(a[i]));
        const auto y = static_cast<unsigned char>(sigv4_lower(b[i]));
        if (x != y) return x < y;
    }
    return a.size() < b.size();
}

/// botocore's SIGNED_HEADERS_BLACKLIST: hop-by-hop headers and those proxies or clients rewrite.
inline bool sigv4_unsigned_header(std::string_view name) noexcept {
    static constexpr std::string_view names[] = {
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    };
    for (const std::string_view n : names)
        if (iequals(name, n)) return true;
    return false;
}

constexpr bool sigv4_space(char c) noexcept { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// Trimall: no leading or trailing whitespace, each inner run of it one space.
inline void sigv4_append_trimmed(std::string& out, std::string_view value) {
    std::size_t i = 0;
    bool first = true;
    while (true) {
        while (i < value.size() && sigv4_space(value[i])) ++i;
        if (i == value.size()) return;
        std::size_t end = i;
        while (end < value.size() && !sigv4_space(value[end])) ++end;
        if (!first) out.push_back(' ');
        out.append(value.data() + i, end - i);
        first = false;
        i = end;
    }
}

/// A header name, lower-cased.
inline void sigv4_append_lower(std::string& out, std::string_view name) {
    const std::size_t at = out.size();
    out.append(name);
    for (std::size_t i = at; i < out.size(); ++i) out[i] = sigv4_lower(out[i]);
}

constexpr bool sigv4_unreserved(unsigned char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

inline void sigv4_append_encoded_byte(std::string& out, unsigned char c) {
    static constexpr char hex[] = "0123456789ABCDEF";
    if (sigv4_unreserved(c)) {
        out.push_back(static_cast<char>(c));
    } else {
        const char e[3] = {'%', hex[c >> 4], hex[c & 15]};
        out.append(e, 3);
    }
}

/// URI-encodes every byte but the unreserved ones (RFC 3986), upper-case hex.
inline void sigv4_append_encoded(std::string& out, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t end = i;
        while (end < s.size() && sigv4_unreserved(static_cast<unsigned char>(s[end]))) ++end;
        out.append(s.data() + i, end - i);
        if (end == s.size()) return;
        sigv4_append_encoded_byte(out, static_cast<unsigned char>(s[end]));
        i = end + 1;
    }
}

constexpr int sigv4_hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Decodes %XX escapes (a '%' not followed by two hex digits stays literal) and encodes the bytes again:
/// "%7e" and "~" are the same parameter to the service, so they must sign the same.
inline void sigv4_append_reencoded(std::string& out, std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '%' && i + 2 < s.size()) {
            const int hi = sigv4_hex_value(s[i + 1]);
            const int lo = sigv4_hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                c = static_cast<unsigned char>(hi * 16 + lo);
                i += 2;
            }
        }
        sigv4_append_encoded_byte(out, c);
    }
}

/// The canonical URI of a non-S3 service: dot segments and empty segments removed (RFC 3986 5.2.4
/// plus AWS's "no double slashes"), then the path -- already URL-encoded on the wire -- encoded once more.
inline void sigv4_append_path(std::string& out, std::string_view path) {
    if (path.empty()) {
        out.push_back('/');
        return;
    }
    if (path.front() == '/') out.push_back('/');
    const std::size_t base = out.size();
    std::size_t kept = 0;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view segment = path.substr(start, end - start);
        start = end + 1;
        if (segment.empty() || segment == ".") continue;
        if (segment == "..") {
            if (kept == 0) continue;
            // Encoded segments hold no '/', so the last one starts after the last '/' written.
            const std::size_t slash = out.rfind('/');
            out.resize(kept == 1 || slash == std::string::npos || slash < base ? base : slash);
            --kept;
            continue;
        }
        if (kept > 0) out.push_back('/');
        sigv4_append_encoded(out, segment);
        ++kept;
    }
    if (path.back() == '/' && kept > 0) out.push_back('/');
}

/// The canonical query string: each name=value pair (a pair without '=' has an empty value) with
/// name and value in canonical encoding, sorted by name then value, joined with '&'.
inline void sigv4_append_query(std::string& out, std::string_view query) {
    if (query.empty()) return;
    struct pair_text {
        std::uint32_t offset, key_size, value_size;
    };
    std::string scratch;
    scratch.reserve(query.size() * 3);
    std::vector<pair_text> pairs;
    pairs.reserve(static_cast<std::size_t>(std::count(query.begin(), query.end(), '&')) + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view item = query.substr(start, end - start);
        start = end + 1;
        const std::size_t eq = item.find('=');
        const auto offset = static_cast<std::uint32_t>(scratch.size());
        sigv4_append_reencoded(scratch, item.substr(0, eq));
        const auto key_size = static_cast<std::uint32_t>(scratch.size() - offset);
        if (eq != std::string_view::npos) sigv4_append_reencoded(scratch, item.substr(eq + 1));
        pairs.push_back({offset, key_size, static_cast<std::uint32_t>(scratch.size() - offset - key_size)});
    }
    const std::string_view text = scratch;
    auto key = [&](const pair_text& p) { return text.substr(p.offset, p.key_size); };
    auto value = [&](const pair_text& p) { return text.substr(p.offset + p.key_size, p.value_size); };
    std::sort(pairs.begin(), pairs.end(), [&](const pair_text& a, const pair_text& b) {
        const int c = key(a).compare(key(b));
        return c != 0 ? c < 0 : value(a) < value(b);
    });
    bool first = true;
    for (const pair_text& p : pairs) {
        if (!first) out.push_back('&');
        first = false;
        out.append(key(p));
        out.push_back('=');
        out.append(value(p));
    }
}

/// What the Host header will say: the host lower-cased, its port kept only when not the scheme's
/// default ("h:443" over https signs as "h", as botocore's and curl's Host header say).
inline std::string_view sigv4_host(std::string_view scheme, std::string_view host, std::string& storage) {
    std::size_t colon = std::string_view::npos;
    if (!host.empty() && host.front() == '[') {  // [IPv6]:port
        const std::size_t close = host.find(']');
        if (close != std::string_view::npos && close + 1 < host.size() && host[close + 1] == ':') colon = close + 1;
    } else {
        colon = host.find(':');
    }
    const std::string_view name = host.substr(0, colon);
    const bool upper = std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (colon == std::string_view::npos && !upper) return host;  // the usual case: nothing to change

    storage.clear();
    for (const char c : name) storage.push_back(sigv4_lower(c));
    const std::string_view port = colon == std::string_view::npos ? std::string_view{} : host.substr(colon + 1);
    if (port.empty()) return storage;  // "h:" has no port
    unsigned long number = 0;
    bool digits = true;
    for (const char c : port) {
        if (c < '0' || c > '9') digits = false;
        else if (number <= 65535) number = number * 10 + static_cast<unsigned long>(c - '0');
    }
    if (!digits || number > 65535) {  // not a port: left as it is
        storage.push_back(':');
        storage.append(port);
        return storage;
    }
    if ((number == 443 && iequals(scheme, "https")) || (number == 80 && iequals(scheme, "http")))
        return storage;
    storage.push_back(':');
    write_digits(storage, static_cast<long long>(number), 1);  // as a number: "h:08080" is port 8080
    return storage;
}

/// "20150830T123600Z": the signing time to the second.
inline std::array<char, 16> sigv4_amz_date(timestamp now) noexcept {
    const civil_time c = civil_from(now);
    const long long seconds = c.micros_of_day / 1'000'000;
    std::array<char, 16> out{};
    long long y = c.year;
    for (int i = 3; i >= 0; --i, y /= 10) out[static_cast<std::size_t>(i)] = static_cast<char>('0' + y % 10);
    auto two = [&](std::size_t at, long long v) {
        out[at] = static_cast<char>('0' + v / 10);
        out[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(4, c.month);
    two(6, c.day);
    out[8] = 'T';
    two(9, seconds / 3600);
    two(11, seconds / 60 % 60);
    two(13, seconds % 60);
    out[15] = 'Z';
    return out;
}

/// "Sun, 30 Aug 2015 12:36:00 -0000": the Date header botocore writes (email.utils.formatdate).
inline std::string sigv4_http_date(timestamp now) {
    std::string out;
    out.reserve(31);
    append_rfc822_date_time(out, now);
    out.append(" -0000");
    return out;
}

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
inline sha256_digest sigv4_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                                       std::string_view service) {
    char small[132];
    std::string large;
    char* key = small;
    if (secret.size() + 4 > sizeof small) {
        large.resize(secret.size() + 4);
        key = large.data();
    }
    std::copy_n("AWS4", 4, key);
    std::copy(secret.begin(), secret.end(), key + 4);
    sha256_digest k = hmac_sha256(std::string_view(key, secret.size() + 4), date);
    OPENSSL_cleanse(key, secret.size() + 4);
    k = hmac_sha256(k, region);
    k = hmac_sha256(k, service);
    return hmac_sha256(k, "aws4_request");
}

/// The signing key of `scope` ("20150830/us-east-1/rds/aws4_request"), derived once per thread for the
/// same secret and scope: a day's key serves every request of that day, as the AWS SDKs cache it.
inline sha256_digest cached_signing_key(std::string_view secret, std::string_view scope, std::string_view date,
                                        std::string_view region, std::string_view service) {
    struct entry {
        std::string secret, scope;
        sha256_digest key{};
        ~entry() { OPENSSL_cleanse(secret.data(), secret.size()); }
    };
    thread_local entry cache;
    if (cache.scope != scope || cache.secret != secret) {
        OPENSSL_cleanse(cache.secret.data(), cache.secret.size());
        cache.key = sigv4_signing_key(secret, date, region, service);
        cache.secret.assign(secret);
        cache.scope.assign(scope);
    }
    return cache.key;
}

}  // namespace detail

/// Signs `request` with AWS Signature Version 4, as botocore's SigV4Auth.add_auth does, at time `now`.
///
/// Adds X-Amz-Date (botocore's quirk: a request that already has a Date header gets a fresh Date
/// instead, and no X-Amz-Date), X-Amz-Security-Token when the credentials have a session token, and
/// Authorization; earlier ones are removed first, so a retry can sign the same request again.
/// Signed: every header but botocore's unsigned list (user-agent, expect, connection, ...), plus
/// host (from request.host unless a Host header is set). The payload hash is the SHA-256 of the
/// body, or the value of an X-Amz-Content-SHA256 header when the request has one.
///
/// request.path is the path as it goes on the wire (percent-encoded); it is normalised and
/// encoded once more, as non-S3 services expect. Its query string is canonicalised per the
/// SigV4 specification: where botocore copies a URL's query as it is, awsq decodes and
/// re-encodes each name and value, so that "%7e", "%7E" and "~" sign alike, as the service
/// sees them (the same for every query in canonical form, which is what botocore sends).
inline void sigv4_sign(http_request& request, const credentials& credentials, std::string_view region,
                       std::string_view service, timestamp now) {
    using detail::iequals;
    auto& headers = request.headers;
    const bool has_token = credentials.session_token.has_value() && !credentials.session_token->empty();

    // Headers this signature replaces.
    bool has_date = false;
    for (const auto& [name, value] : headers)
        if (iequals(name, "date")) has_date = true;
    std::erase_if(headers, [&](const auto& h) {
        const std::string_view name = h.first;
        return iequals(name, "authorization") || iequals(name, "x-amz-date") ||
               (has_date && iequals(name, "date")) || (has_token && iequals(name, "x-amz-security-token"));
    });
    const std::array<char, 16> amz_date = detail::sigv4_amz_date(now);
    const std::string_view amz_date_text(amz_date.data(), amz_date.size());
    headers.reserve(headers.size() + 3);
    if (has_date)
        headers.emplace_back("Date", detail::sigv4_http_date(now));
    else
        headers.emplace_back("X-Amz-Date", std::string(amz_date_text));
    if (has_token) headers.emplace_back("X-Amz-Security-Token", *credentials.session_token);

    // The headers to sign, sorted by lower-cased name; a header's repeats keep their order.
    struct entry {
        std::string_view name, value;
        std::size_t order;
    };
    constexpr std::size_t inline_entries = 24;
    std::array<entry, inline_entries> small;
    std::vector<entry> large;
    entry* entries = small.data();
    if (headers.size() + 1 > inline_entries) {
        large.resize(headers.size() + 1);
        entries = large.data();
    }
    std::size_t count = 0;
    bool has_host = false;
    const std::string* content_sha256 = nullptr;
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : headers) {
        if (detail::sigv4_unsigned_header(name)) continue;
        if (iequals(name, "host")) has_host = true;
        if (!content_sha256 && iequals(name, "x-amz-content-sha256")) content_sha256 = &value;
        entries[count] = {name, value, count};
        ++count;
        header_bytes += name.size() + value.size() + 2;
    }
    std::string host_storage;
    if (!has_host) {
        entries[count] = {"host", detail::sigv4_host(request.scheme, request.host, host_storage), count};
        ++count;
        header_bytes += 6 + request.host.size();
    }
    std::sort(entries, entries + count, [](const entry& a, const entry& b) {
        return detail::sigv4_iless(a.name, b.name) || (iequals(a.name, b.name) && a.order < b.order);
    });

    // The canonical request, in one buffer that then holds the string to sign.
    std::string_view path = request.path;
    path = path.substr(0, path.find('#'));
    const std::size_t question = path.find('?');
    const std::string_view query = question == std::string_view::npos ? std::string_view{} : path.substr(question + 1);
    path = path.substr(0, question);
    std::string buffer;
    buffer.reserve(request.method.size() + 3 * (path.size() + query.size()) + 2 * header_bytes + 256 +
                   credentials.access_key_id.size() + region.size() + service.size());
    buffer.append(request.method);
    for (char& c : buffer)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    buffer.push_back('\n');
    detail::sigv4_append_path(buffer, path);
    buffer.push_back('\n');
    detail::sigv4_append_query(buffer, query);
    buffer.push_back('\n');
    for (std::size_t i = 0; i < count; ++i) {
        const bool repeat = i > 0 && iequals(entries[i - 1].name, entries[i].name);
        if (repeat) {
            buffer.push_back(',');
        } else {
            if (i > 0) buffer.push_back('\n');
            detail::sigv4_append_lower(buffer, entries[i].name);
            buffer.push_back(':');
        }
        detail::sigv4_append_trimmed(buffer, entries[i].value);
    }
    buffer.append("\n\n");
    const std::size_t signed_headers_at = buffer.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0 && iequals(entries[i - 1].name, entries[i].name)) continue;
        if (i > 0) buffer.push_back(';');
        detail::sigv4_append_lower(buffer, entries[i].name);
    }
    const std::size_t signed_headers_size = buffer.size() - signed_headers_at;
    buffer.push_back('\n');
    if (content_sha256) {
        buffer.append(*content_sha256);
    } else {
        char hash[64];
        detail::sha256_hex(request.body, hash);
        buffer.append(hash, 64);
    }
    char request_hash[64];
    detail::sha256_hex(buffer, request_hash);

    // The string to sign replaces the canonical request after the signed header names, which
    // Authorization repeats; the scope it holds is copied from there too.
    const std::string_view date = amz_date_text.substr(0, 8);
    buffer.resize(signed_headers_at + signed_headers_size);
    const std::size_t string_to_sign_at = buffer.size();
    buffer.append("AWS4-HMAC-SHA256\n").append(amz_date_text).push_back('\n');
    const std::size_t scope_at = buffer.size();
    buffer.append(date).append("/").append(region).append("/").append(service).append("/aws4_request");
    const std::size_t scope_size = buffer.size() - scope_at;
    buffer.push_back('\n');
    buffer.append(request_hash, 64);
    const detail::sha256_digest key = detail::cached_signing_key(
        credentials.secret_access_key, std::string_view(buffer).substr(scope_at, scope_size), date, region, service);
    const detail::sha256_digest signature =
        detail::hmac_sha256(key, std::string_view(buffer).substr(string_to_sign_at));

    std::string authorization;
    authorization.reserve(60 + credentials.access_key_id.size() + scope_size + signed_headers_size + 64);
    authorization.append("AWS4-HMAC-SHA256 Credential=").append(credentials.access_key_id).push_back('/');
    authorization.append(buffer, scope_at, scope_size).append(", SignedHeaders=");
    authorization.append(buffer, signed_headers_at, signed_headers_size).append(", Signature=");
    const std::size_t hex_at = authorization.size();
    authorization.resize(hex_at + 64);
    detail::hex_lower(signature, authorization.data() + hex_at);
    headers.emplace_back("Authorization", std::move(authorization));
}

/// The value to show for a header in logs and --debug output: Authorization with its signature
/// replaced by "****" (the credential scope and signed headers stay readable), X-Amz-Security-Token
/// fully masked, every other header as it is.
inline std::string sigv4_masked(std::string_view header_name, std::string_view value) {
    if (detail::iequals(header_name, "x-amz-security-token")) return "****";
    if (!detail::iequals(header_name, "authorization")) return std::string(value);
    constexpr std::string_view marker = "Signature=";
    std::string out(value);
    for (std::size_t at = out.find(marker); at != std::string::npos; at = out.find(marker, at)) {
        const std::size_t begin = at + marker.size();
        std::size_t end = begin;
        while (end < out.size() && out[end] != ',' && out[end] != ' ') ++end;
        out.replace(begin, end - begin, "****");
        at = begin + 4;
    }
    return out;
}

}  // namespace awsq
