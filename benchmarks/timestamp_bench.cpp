// Timestamp text <-> awsq::timestamp: every record of a response carries several.
#include <awsq/timestamp.hpp>

#include <benchmark/benchmark.h>

static void parse_iso8601_millis(benchmark::State& state) {
    const std::string_view text = "2024-06-30T23:59:58.123Z";
    for (auto _ : state) benchmark::DoNotOptimize(awsq::parse_iso8601(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(parse_iso8601_millis);

static void format_iso8601_micros(benchmark::State& state) {
    const auto t = *awsq::parse_iso8601("2024-06-30T23:59:58.123456Z");
    for (auto _ : state) benchmark::DoNotOptimize(awsq::format_iso8601(t));
}
BENCHMARK(format_iso8601_micros);
