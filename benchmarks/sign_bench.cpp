// SigV4 signing of one DescribeExportTasks request (the golden case of tests/client/sigv4.cpp).
//
// sign_describe_export_tasks is the timed benchmark. sign_fixed runs exactly 20,000 signatures
// through awsq_sign_measured, for callgrind (benchmarks/run --instructions does this):
//   valgrind --tool=callgrind --toggle-collect=awsq_sign_measured
//     awsq_sign_bench --benchmark_filter=sign_fixed      -> totals / 20,000 = instructions per sign
#include <awsq/sigv4.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>

namespace {

using namespace std::chrono;

const awsq::credentials example{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const awsq::timestamp at = awsq::timestamp{sys_days{2015y / August / 30}} + 12h + 36min;

awsq::http_request describe_export_tasks() {
    return {.method = "POST",
            .host = "rds.us-east-1.amazonaws.com",
            .path = "/",
            .headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
            .body = "Action=DescribeExportTasks&Version=2014-10-31&MaxRecords=20",
            .signing = {"rds", "us-east-1"}};
}

}  // namespace

/// One signature of a request as to_http_request leaves it: the headers the last one added go first.
extern "C" __attribute__((noinline)) void awsq_sign_measured(awsq::http_request& request, std::size_t unsigned_headers) {
    request.headers.resize(unsigned_headers);
    awsq::sigv4_sign(request, example, request.signing.region, request.signing.name, at);
    benchmark::DoNotOptimize(request.headers.back().second.data());
}

static void run(benchmark::State& state) {
    awsq::http_request request = describe_export_tasks();
    const std::size_t unsigned_headers = request.headers.size();
    awsq::sigv4_sign(request, example, "us-east-1", "rds", at);  // OpenSSL's one-time set-up, not measured
    for (auto _ : state) awsq_sign_measured(request, unsigned_headers);
}

static void sign_describe_export_tasks(benchmark::State& state) { run(state); }
BENCHMARK(sign_describe_export_tasks);

static void sign_fixed(benchmark::State& state) { run(state); }
BENCHMARK(sign_fixed)->Iterations(20'000);
