// Calls per second of the whole client pipeline (endpoint, request, SigV4, libcurl, parse) against
// benchmarks/canned_server over one kept-alive loopback connection. benchmarks/calls.py runs it beside boto3.
//
//   awsq_calls_bench SECONDS URL      e.g. awsq_calls_bench 3 http://127.0.0.1:40123
//   awsq_calls_bench --calls N URL    exactly N calls through awsq_call_measured, for callgrind:
//     valgrind --tool=callgrind --toggle-collect=awsq_call_measured awsq_calls_bench --calls 2000 URL
//     -> totals / 2,000 = instructions per call (client side: sign, libcurl, parse)
#include <awsq/client.hpp>
#include <awsq/rds/describe_export_tasks.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>

using Op = awsq::rds::DescribeExportTasks;

/// One call, checked; out of line so that callgrind can count it alone.
extern "C" __attribute__((noinline)) void awsq_call_measured(const awsq::client& client) {
    auto r = awsq::call<Op>(client, {});
    if (!r || !r->output.ExportTasks || r->output.ExportTasks->size() != 1) {
        std::fprintf(stderr, "awsq_calls_bench: %s\n", r ? "unexpected answer" : r.error().message().c_str());
        std::exit(1);
    }
}

namespace {
double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: %s SECONDS URL\n", argv[0]);
        return 2;
    }
    const bool counted = std::string_view(argv[1]) == "--calls";
    if (counted && argc != 4) {
        std::fprintf(stderr, "usage: %s --calls N URL\n", argv[0]);
        return 2;
    }
    if (counted) ++argv;
    const double seconds = std::strtod(argv[1], nullptr);
    auto client = awsq::client::from_environment({
        .region = "us-east-1",
        .endpoint_url = argv[2],
        .credentials = awsq::credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
        .environment = awsq::environment::from_map({}),
    });
    if (!client) {
        std::fprintf(stderr, "awsq_calls_bench: %s\n", client.error().message().c_str());
        return 1;
    }
    auto once = [&] { awsq_call_measured(*client); };
    for (int i = 0; i < 200; ++i) once();  // connection open, caches warm
    if (counted) {
        for (long i = 0, n = std::strtol(argv[1], nullptr, 10); i < n; ++i) once();
        return 0;
    }
    long calls = 0;
    const auto start = std::chrono::steady_clock::now();
    const double cpu = cpu_seconds();
    std::chrono::duration<double> took{};
    while ((took = std::chrono::steady_clock::now() - start).count() < seconds) {
        once();
        ++calls;
    }
    std::printf("awsq: %.0f calls/s (CPU %.1f us/call)\n", static_cast<double>(calls) / took.count(),
                1e6 * (cpu_seconds() - cpu) / static_cast<double>(calls));
}
