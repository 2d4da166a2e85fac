// Where a service's requests go and how they are signed: partition endpoints, FIPS, dual-stack, endpoint URL overrides.
#pragma once

#include <awsq/detail/partitions.hpp>
#include <awsq/error.hpp>
#include <awsq/model.hpp>
#include <awsq/operation.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace awsq {

/// The endpoint variants botocore's use_fips_endpoint / use_dualstack_endpoint choose.
struct endpoint_options {
    bool use_fips = false;
    bool use_dualstack = false;
};

/// A resolved endpoint: where requests go and the scope their signature is made for.
struct endpoint {
    std::string scheme = "https";
    std::string host;             // "rds.us-east-1.amazonaws.com"; with ":port" when not the scheme's default
    std::string path;             // prefix of every request path: "" or an endpoint URL's path ("/proxy")
    std::string signing_region;   // "us-east-1"
    std::string signing_name;     // "rds"
    friend bool operator==(const endpoint&, const endpoint&) = default;
};

namespace detail {

/// A region botocore accepts (utils.validate_region_name: a host label that is not all digits),
/// lowercase only: no AWS region has a capital letter, and a signature scoped to one never verifies.
inline bool valid_region_name(std::string_view region) noexcept {
    if (region.empty() || region.size() > 63 || region.front() == '-' || region.back() == '-') return false;
    bool digits_only = true;
    for (const char c : region) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
        digits_only = digits_only && c >= '0' && c <= '9';
    }
    return !digits_only;
}

inline error bad_region(std::string_view region) {
    std::string message = "\"";  // appended, not "..." + string: GCC 12's -O3 warns (-Wrestrict) on the latter
    message.append(region).append("\" is not a region name (lowercase letters, digits and '-')");
    return error::configuration("region", message);
}

/// `text` with every `mark` removed, in one left-to-right pass (Python's str.replace(mark, "")).
inline std::string without(std::string_view text, std::string_view mark) {
    std::string out;
    for (std::size_t at = 0;;) {
        const std::size_t next = text.find(mark, at);
        out += text.substr(at, next - at);
        if (next == std::string_view::npos) return out;
        at = next + mark.size();
    }
}

/// Whether `region` fits `^(p1|p2|...)\-\w+\-\d+$` for the partition's prefixes p (valid region names only).
inline bool fits_region_pattern(const partition_facts& partition, std::string_view region) noexcept {
    for (const std::string_view prefix : partition.region_prefixes) {
        if (region.size() <= prefix.size() + 1 || !region.starts_with(prefix) || region[prefix.size()] != '-')
            continue;
        const std::string_view rest = region.substr(prefix.size() + 1);   // "east-1"
        const std::size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string_view::npos || dash + 1 == rest.size()) continue;
        if (rest.substr(dash + 1).find_first_not_of("0123456789") == std::string_view::npos) return true;
    }
    return false;
}

/// The partition of a region: the first that lists it or whose pattern it fits, else aws
/// (botocore's aws.partition in endpoint_provider.py).
inline const partition_facts& partition_of(std::string_view region) noexcept {
    for (const partition_facts& partition : partitions) {
        for (const std::string_view listed : partition.regions)
            if (listed == region) return partition;
        if (fits_region_pattern(partition, region)) return partition;
    }
    return partitions[0];
}

/// A rule's template with {region}, {dns_suffix}, {dual_stack_dns_suffix} and {global_region} filled in.
inline std::string expand_endpoint_template(std::string_view text, std::string_view region,
                                            const partition_facts& partition) {
    std::string out;
    while (!text.empty()) {
        const std::size_t open = text.find('{');
        out += text.substr(0, open);
        if (open == std::string_view::npos) break;
        const std::size_t close = text.find('}', open);
        const std::string_view name = text.substr(open + 1, close - open - 1);
        if (name == "region") out += region;
        else if (name == "dns_suffix") out += partition.dns_suffix;
        else if (name == "dual_stack_dns_suffix") out += partition.dual_stack_dns_suffix;
        else if (name == "global_region") out += partition.implicit_global_region;
        text.remove_prefix(close + 1);
    }
    return out;
}

constexpr bool satisfies(variant_condition condition, bool on) noexcept {
    return condition == variant_condition::any || (condition == variant_condition::on) == on;
}

/// The first of the rule set exceptions that applies, else nullptr.
inline const endpoint_rule* find_endpoint_rule(std::string_view endpoint_prefix, const partition_facts& partition,
                                               std::string_view region, bool fips, bool dual_stack) noexcept {
    for (const endpoint_rule& rule : endpoint_rules) {
        if (rule.endpoint_prefix == endpoint_prefix && (rule.partition.empty() || rule.partition == partition.name) &&
            (rule.region.empty() || rule.region == region) && satisfies(rule.fips, fips) &&
            satisfies(rule.dual_stack, dual_stack))
            return &rule;
    }
    return nullptr;
}

/// The request path of an operation at an endpoint: the endpoint's path joined with the
/// operation's requestUri as botocore's awsrequest._urljoin does.
inline std::string endpoint_path(std::string_view prefix, std::string_view request_uri) {
    if (request_uri.empty() || request_uri == "/") return prefix.empty() ? std::string("/") : std::string(prefix);
    if (prefix.ends_with('/') && request_uri.starts_with('/')) prefix.remove_suffix(1);
    return std::string(prefix) + std::string(request_uri);
}

/// A URL as error messages show it: user information masked, anything unprintable as '?'.
inline std::string printable_url(std::string_view url) {
    std::string out(url);
    const std::size_t start = out.find("://");
    if (start != std::string::npos) {
        const std::size_t end = out.find_first_of("/?#", start + 3);
        const std::size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
        if (at != std::string::npos && at > start) out.replace(start + 3, at - start - 3, "***");
    }
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
    return out;
}

/// A host name botocore accepts in an endpoint URL (utils.is_valid_endpoint_url): dot-separated
/// labels of letters, digits and '-', at most 255 characters, an optional final dot.
inline bool valid_endpoint_host(std::string_view host) noexcept {
    if (host.empty() || host.size() > 255) return false;
    if (host.back() == '.') host.remove_suffix(1);
    while (true) {
        const std::size_t dot = host.find('.');
        const std::string_view label = host.substr(0, dot);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (const char c : label)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                return false;
        if (dot == std::string_view::npos) return true;
        host.remove_prefix(dot + 1);
    }
}

/// An IPv6 literal in brackets, "[::1]" (hex digits, ':' and '.'; no zone identifier).
inline bool valid_ipv6_literal(std::string_view host) noexcept {
    if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
    std::size_t colons = 0;
    for (const char c : host.substr(1, host.size() - 2)) {
        if (c == ':') ++colons;
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'))
            return false;
    }
    return colons >= 2;
}

}  // namespace detail

/// The endpoint of `service` in `region`, as botocore resolves it from the service's endpoint rule
/// set and the partitions: `https://<prefix>.<region>.<dnsSuffix>` signed for the region, with the
/// partition's FIPS (`<prefix>-fips.`) and dual-stack (`dualStackDnsSuffix`) variants and the rule
/// sets' exceptions (IAM's one endpoint per partition, STS's "aws-global", ...). A FIPS pseudo-region
/// ("fips-us-gov-west-1", "us-east-1-fips") is the region with FIPS on, as botocore's client makes it.
/// A region that is not a region name is a configuration error naming it.
inline result<endpoint> resolve_endpoint(const service_facts& service, std::string_view region,
                                         const endpoint_options& options = {}) {
    if (!detail::valid_region_name(region)) return detail::bad_region(region);
    const std::string name = detail::without(detail::without(region, "fips-"), "-fips");
    if (!detail::valid_region_name(name)) return detail::bad_region(region);  // "fips--fips" names no region
    const bool fips = options.use_fips || name != region;
    const bool dual_stack = options.use_dualstack;
    const detail::partition_facts& partition = detail::partition_of(name);
    if (fips && !partition.supports_fips)
        return error::configuration("region", "FIPS is enabled but partition " + std::string(partition.name) +
                                                  " (region " + name + ") does not support FIPS");
    if (dual_stack && !partition.supports_dual_stack)
        return error::configuration("region", "dual-stack is enabled but partition " + std::string(partition.name) +
                                                  " (region " + name + ") does not support dual-stack");

    endpoint out;
    out.signing_name = service.signing_name.empty() ? service.endpoint_prefix : service.signing_name;
    const detail::endpoint_rule* rule =
        detail::find_endpoint_rule(service.endpoint_prefix, partition, name, fips, dual_stack);
    if (rule && !rule->host.empty()) {
        out.host = detail::expand_endpoint_template(rule->host, name, partition);
    } else {
        out.host = service.endpoint_prefix;
        if (fips) out.host += "-fips";
        out.host += '.';
        out.host += name;
        out.host += '.';
        out.host += dual_stack ? partition.dual_stack_dns_suffix : partition.dns_suffix;
    }
    out.signing_region = rule && !rule->signing_region.empty()
                             ? detail::expand_endpoint_template(rule->signing_region, name, partition)
                             : name;
    if (rule && !rule->signing_name.empty()) out.signing_name = rule->signing_name;
    return out;
}

/// The endpoint of an override URL (client_options.endpoint_url, AWS_ENDPOINT_URL_<SERVICE>, ...):
/// `http` or `https`, a host name or bracketed IPv6 address with an optional port, an optional
/// path that prefixes every request path. The host is lowercased and the scheme's default port
/// dropped, as in the Host header botocore signs. The signature stays the service's own in
/// `region`: signed for the region (a FIPS pseudo-region's plain name), with the signing name the
/// region's endpoint has. A malformed URL, user information, a query or a fragment are
/// configuration errors that name the URL (with any user information masked).
inline result<endpoint> endpoint_from_url(std::string_view url, const service_facts& service,
                                          std::string_view region) {
    auto standard = resolve_endpoint(service, region);
    if (!standard) return std::move(standard).error();
    const auto bad = [&](std::string_view why) {
        return error::configuration("endpoint URL \"" + detail::printable_url(url) + "\"", std::string(why));
    };
    for (const char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return bad("holds a space, a control character or a non-ASCII byte (percent-encode it)");

    endpoint out;
    const std::size_t colon_slashes = url.find("://");
    if (colon_slashes == std::string_view::npos) return bad("is not a URL: expected http://host[:port][/path]");
    out.scheme = detail::lower_ascii(url.substr(0, colon_slashes));
    if (out.scheme != "http" && out.scheme != "https") return bad("the scheme must be http or https");

    std::string_view rest = url.substr(colon_slashes + 3);
    const std::size_t authority_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authority_end);
    const std::string_view path = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
    if (path.find_first_of("?#") != std::string_view::npos)
        return bad("a query or fragment is not supported in an endpoint URL");
    if (authority.find('@') != std::string_view::npos)
        return bad("user information (user:password@) is not supported in an endpoint URL");

    // host[:port], or [v6]:port; an empty port ("host:") is no port, as in Python's urlsplit.
    const std::size_t port_colon = authority.starts_with('[') ? authority.find(':', authority.find(']'))
                                                              : authority.find(':');
    const std::string_view host = authority.substr(0, port_colon);
    const std::string_view port =
        port_colon == std::string_view::npos ? std::string_view{} : authority.substr(port_colon + 1);
    if (host.empty()) return bad("has no host");
    if (host.starts_with('[') ? !detail::valid_ipv6_literal(host) : !detail::valid_endpoint_host(host))
        return bad("the host is not a host name (letters, digits, '-' and '.') or a bracketed IPv6 address");
    unsigned number = 0;
    for (const char c : port) {
        if (c >= '0' && c <= '9') number = number * 10 + static_cast<unsigned>(c - '0');
        if (c < '0' || c > '9' || number > 65535) return bad("the port must be a number from 0 to 65535");
    }
    out.host = detail::lower_ascii(host);
    if (!port.empty() && number != (out.scheme == "https" ? 443u : 80u)) out.host += ":" + std::to_string(number);
    out.path = std::string(path);
    out.signing_region = detail::without(detail::without(region, "fips-"), "-fips");
    out.signing_name = std::move(standard->signing_name);
    return out;
}

/// The environment variable that overrides the service's endpoint: "AWS_ENDPOINT_URL_" and the
/// serviceId upper-cased with spaces (and dashes) as '_': "Elastic Load Balancing v2" ->
/// AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2.
inline std::string endpoint_env_name(const service_facts& service) {
    std::string out = "AWS_ENDPOINT_URL_";
    for (const char c : service.service_id)
        out += c == ' ' || c == '-' ? '_' : (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

}  // namespace awsq
