// The XML reader the response tests run with: awsq::stream_reader, or the one AWSQ_TEST_READER
// names (tests/CMakeLists.txt builds the same tests again with awsq::tinyxml2_reader).
#pragma once

#include <awsq/stream_reader.hpp>
#include <awsq/tinyxml2_reader.hpp>

#ifndef AWSQ_TEST_READER
#define AWSQ_TEST_READER awsq::stream_reader
#endif

using test_reader = AWSQ_TEST_READER;
