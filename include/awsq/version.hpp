// awsq's version: macros for the preprocessor and awsq::version; CMake's project(VERSION) is read from here.
#pragma once

#include <string_view>

#define AWSQ_VERSION_MAJOR 0
#define AWSQ_VERSION_MINOR 1
#define AWSQ_VERSION_PATCH 0

#define AWSQ_DETAIL_STRINGIZE_(x) #x
#define AWSQ_DETAIL_STRINGIZE(x) AWSQ_DETAIL_STRINGIZE_(x)

namespace awsq {

/// "major.minor.patch", e.g. "0.1.0".
inline constexpr std::string_view version = AWSQ_DETAIL_STRINGIZE(AWSQ_VERSION_MAJOR) "."
                                            AWSQ_DETAIL_STRINGIZE(AWSQ_VERSION_MINOR) "."
                                            AWSQ_DETAIL_STRINGIZE(AWSQ_VERSION_PATCH);

}  // namespace awsq
