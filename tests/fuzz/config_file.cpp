// Fuzz target: the shared config/credentials file parser, and the profile and region resolution over what
// it read. Properties: never a crash; an error names the file; no value of a line is echoed in an error.
#include "fuzz.hpp"

#include <awsq/config_file.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = awsq::fuzz::text(data, size);
    auto parsed = awsq::parse_config_file(text, "fuzz-config");
    if (!parsed) {
        awsq::fuzz::require(parsed.error().message().find("fuzz-config") != std::string::npos,
                            "a malformed file is named in its error");
        return 0;
    }
    auto config = awsq::shared_config::from_files(*parsed, *parsed);
    const auto env = awsq::environment::from_map({});
    for (const auto& section : parsed->sections) {
        (void)config.profile(section.name);
        (void)awsq::resolve_region(std::nullopt, env, config, section.name);
    }
    return 0;
}
