// Fuzz target: the shared config/credentials file parser, and the profile and region resolution over what
// it read. Properties: never a crash; an error names the file; no value of a line is echoed in an error.
#include "fuzz.hpp"

#include <awsq/config_file.hpp>

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = awsq::fuzz::text(data, size);
    auto parsed = awsq::parse_config_file(text, "fuzz-config");
    if (!parsed) {
        awsq::fuzz::require(parsed.error().message().find("fuzz-config") != std::string::npos,
                            "a malformed file is named in its error");
        return 0;
    }
    std::vector<std::string> names;
    for (const auto& section : parsed->sections) names.push_back(section.name);
    const auto config = awsq::shared_config::from_files(*parsed, std::move(*parsed));  // one copy, not two
    const auto env = awsq::environment::from_map({});
    for (const auto& name : names) {
        (void)config.profile(name);
        (void)awsq::resolve_region(std::nullopt, env, config, name);
    }
    return 0;
}
