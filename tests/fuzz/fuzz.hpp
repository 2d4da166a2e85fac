// What every fuzz target shares: the libFuzzer entry point's signature and a property check that
// stops the run (libFuzzer records the input) when a property the target asserts does not hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace awsq::fuzz {

/// The input as text.
inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Stops with a message when a property does not hold: a finding, like a sanitizer's.
inline void require(bool holds, const char* property) {
    if (!holds) {
        std::fprintf(stderr, "awsq fuzz: property violated: %s\n", property);
        std::abort();
    }
}

}  // namespace awsq::fuzz
