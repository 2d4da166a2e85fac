// Differential driver for endpoints: reads one case per line (tab-separated) and prints what awsq resolves.
//
//   resolve <service> <serviceId> <endpointPrefix> <signingName> <region> <fips 0|1> <dualstack 0|1>
//   url     <service> <serviceId> <endpointPrefix> <signingName> <region> <url>
//   env     <service> <serviceId> <endpointPrefix> <signingName>
//   partitions
//
// Answers, one line each: "ok\t<scheme>\t<host>\t<path of a requestUri "/">\t<signing region>\t<signing name>",
// "error\t<message>", "env\t<variable>"; `partitions` prints one line per partition:
// "partition\t<name>\t<dnsSuffix>\t<dualStackDnsSuffix>\t<implicitGlobalRegion>\t<fips>\t<dualstack>\t<prefixes,>\t<regions,>".
#include <awsq/endpoint.hpp>

#include <cstddef>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (std::size_t tab; (tab = line.find('\t', at)) != std::string::npos; at = tab + 1)
        out.push_back(line.substr(at, tab - at));
    out.push_back(line.substr(at));
    return out;
}

std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\t') c = ' ';
    return text;
}

void print(const awsq::result<awsq::endpoint>& r) {
    if (r)
        std::cout << "ok\t" << r->scheme << '\t' << r->host << '\t' << awsq::detail::endpoint_path(r->path, "/")
                  << '\t' << r->signing_region << '\t' << r->signing_name << '\n';
    else
        std::cout << "error\t" << one_line(r.error().message()) << '\n';
}

std::string joined(std::span<const std::string_view> items) {
    std::string out;
    for (const auto item : items) out += (out.empty() ? "" : ",") + std::string(item);
    return out;
}

}  // namespace

int main() {
    std::ios::sync_with_stdio(false);
    for (std::string line; std::getline(std::cin, line);) {
        const auto f = split(line);
        if (f[0] == "partitions") {
            for (const auto& p : awsq::detail::partitions)
                std::cout << "partition\t" << p.name << '\t' << p.dns_suffix << '\t' << p.dual_stack_dns_suffix << '\t'
                          << p.implicit_global_region << '\t' << p.supports_fips << '\t' << p.supports_dual_stack
                          << '\t' << joined(p.region_prefixes) << '\t' << joined(p.regions) << '\n';
            std::cout << "end\n";
            continue;
        }
        if (f.size() < 5) {
            std::cout << "error\tmalformed case\n";
            continue;
        }
        awsq::service_facts service{};
        service.name = f[1];
        service.service_id = f[2];
        service.endpoint_prefix = f[3];
        service.signing_name = f[4];
        if (f[0] == "resolve" && f.size() == 8)
            print(awsq::resolve_endpoint(service, f[5], {.use_fips = f[6] == "1", .use_dualstack = f[7] == "1"}));
        else if (f[0] == "url" && f.size() == 7)
            print(awsq::endpoint_from_url(f[6], service, f[5]));
        else if (f[0] == "env")
            std::cout << "env\t" << awsq::endpoint_env_name(service) << '\n';
        else
            std::cout << "error\tmalformed case\n";
    }
    return 0;
}
