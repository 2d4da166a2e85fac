// Parse and request throughput: awsq against tinyxml2's own parse (the floor) and hand-written mapping.
//
//   awsq_bench [google benchmark flags]   the timed table
//   awsq_bench --list                     case names with their bytes and records
//   awsq_bench --run CASE N               runs CASE N times inside awsq_bench_measured() (for callgrind),
//                                         then prints the peak heap bytes one run used
#include "handwritten.hpp"

#include <awsq/awsq.hpp>
#include <awsq/query.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/response.hpp>
#include <awsq/tinyxml2_reader.hpp>
#include <awsq/validate.hpp>

#include <benchmark/benchmark.h>
#include <tinyxml2.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

// ---- heap accounting: peak bytes live while a case runs -------------------------------------------
namespace {
std::size_t live_bytes = 0, peak_bytes = 0;
}  // namespace

void* operator new(std::size_t n) {
    auto* p = static_cast<std::size_t*>(std::malloc(n + 16));
    if (!p) throw std::bad_alloc{};
    *p = n;
    live_bytes += n;
    if (live_bytes > peak_bytes) peak_bytes = live_bytes;
    return reinterpret_cast<char*>(p) + 16;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    auto* base = reinterpret_cast<std::size_t*>(static_cast<char*>(p) - 16);
    live_bytes -= *base;
    std::free(base);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace {

struct bench_case {
    std::string name;
    std::size_t bytes = 0;
    std::size_t records = 0;
    std::function<void()> once;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "awsq_bench: cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

/// The parse cases of one operation and size: floor, hand-written, awsq (stream reader, tinyxml2 reader).
template <class Op>
void add_parse_cases(std::vector<bench_case>& out, const std::string& service, std::size_t records) {
    auto body = std::make_shared<const std::string>(read_file(std::string(AWSQ_BENCH_DATA) + "/" + service + "-" +
                                                              std::to_string(records) + ".xml"));
    const std::string suffix = service + "/" + std::to_string(records);
    out.push_back({"floor/" + suffix, body->size(), records, [body] {
                       tinyxml2::XMLDocument doc;
                       benchmark::DoNotOptimize(doc.Parse(body->data(), body->size()));
                   }});
    out.push_back({"handwritten/" + suffix, body->size(), records, [body] {
                       typename Op::output_type result;
                       std::string request_id;
                       benchmark::DoNotOptimize(handwritten::parse(body->data(), body->size(), result, request_id));
                       benchmark::DoNotOptimize(result);
                   }});
    out.push_back({"awsq/" + suffix, body->size(), records, [body] {
                       auto r = awsq::parse_response<Op>(200, *body);
                       if (!r) std::abort();
                       benchmark::DoNotOptimize(r);
                   }});
    out.push_back({"awsq-tinyxml2/" + suffix, body->size(), records, [body] {
                       auto r = awsq::parse_response<Op, awsq::tinyxml2_reader>(200, *body);
                       if (!r) std::abort();
                       benchmark::DoNotOptimize(r);
                   }});
}

awsq::rds::DescribeExportTasksRequest request_with_filters(int filters) {
    awsq::rds::DescribeExportTasksRequest r{.SourceArn = "arn:aws:rds:us-east-1:123456789012:snapshot:orders",
                                            .MaxRecords = 100,
                                            .SourceType = awsq::rds::ExportSourceType::SNAPSHOT};
    if (filters > 0) {
        auto& list = r.Filters.emplace();
        for (int i = 0; i < filters; ++i)
            list.push_back({.Name = "status", .Values = std::vector<std::string>{"complete", "in progress", "failed"}});
    }
    return r;
}

std::vector<bench_case> make_cases() {
    std::vector<bench_case> out;
    for (std::size_t n : {1, 100, 1000}) {
        add_parse_cases<awsq::rds::DescribeExportTasks>(out, "rds", n);
        add_parse_cases<awsq::redshift::DescribeTableRestoreStatus>(out, "redshift", n);
    }
    for (int filters : {0, 10, 100}) {
        auto request = std::make_shared<const awsq::rds::DescribeExportTasksRequest>(request_with_filters(filters));
        const auto body = awsq::to_query<awsq::rds::DescribeExportTasks>(*request);
        if (!body) std::abort();
        out.push_back({"to_query/filters/" + std::to_string(filters), body->size(), static_cast<std::size_t>(filters),
                       [request] {
                           auto b = awsq::to_query<awsq::rds::DescribeExportTasks>(*request);
                           benchmark::DoNotOptimize(b);
                       }});
        out.push_back({"validate/filters/" + std::to_string(filters), body->size(), static_cast<std::size_t>(filters),
                       [request] {
                           auto problems = awsq::validate(*request);
                           benchmark::DoNotOptimize(problems);
                       }});
    }
    return out;
}

/// The rds/1000 response with its records repeated until the body reaches `bytes`.
std::string large_response(std::size_t bytes) {
    const std::string base = read_file(std::string(AWSQ_BENCH_DATA) + "/rds-1000.xml");
    const std::size_t open = base.find("<ExportTask>"), close = base.rfind("</ExportTasks>");
    const std::string records = base.substr(open, close - open);
    std::string out = base.substr(0, close);
    while (out.size() + records.size() < bytes) out += records;
    return out + base.substr(close);
}

/// One record whose ExportOnly list holds `n` empty elements.
std::string empty_items_response(std::size_t n) {
    std::string out = "<DescribeExportTasksResponse><DescribeExportTasksResult><ExportTasks><ExportTask><ExportOnly>";
    out.reserve(out.size() + n * 9 + 100);
    for (std::size_t i = 0; i < n; ++i) out += "<member/>";
    return out + "</ExportOnly></ExportTask></ExportTasks></DescribeExportTasksResult></DescribeExportTasksResponse>";
}

/// Peak heap of one parse, the heap its finished output holds, and the difference: the reader's own
/// working memory.
template <class Reader>
void memory_row(const char* name, const std::string& body) {
    const std::size_t before = live_bytes;
    peak_bytes = live_bytes;
    std::size_t output = 0;
    {
        auto r = awsq::parse_response<awsq::rds::DescribeExportTasks, Reader>(200, body);
        if (!r) std::abort();
        output = live_bytes - before;
    }
    const std::size_t peak = peak_bytes - before;
    const auto mb = [](std::size_t b) { return static_cast<double>(b) / 1e6; };
    std::printf("%-40s body %8.1f MB  peak %8.1f MB (%5.2fx)  output %8.1f MB  working %8.1f MB (%5.1f%% of the body)\n",
                name, mb(body.size()), mb(peak), static_cast<double>(peak) / static_cast<double>(body.size()), mb(output),
                mb(peak - output), 100.0 * static_cast<double>(peak - output) / static_cast<double>(body.size()));
}

/// --memory: the reader's working memory on a 50 MB response and on 10^6 empty list elements.
void memory_rows() {
    const std::string large = large_response(50'000'000), empty = empty_items_response(1'000'000);
    memory_row<awsq::stream_reader>("stream_reader, 50 MB rds", large);
    memory_row<awsq::tinyxml2_reader>("tinyxml2_reader, 50 MB rds", large);
    memory_row<awsq::stream_reader>("stream_reader, 10^6 empty list elements", empty);
    memory_row<awsq::tinyxml2_reader>("tinyxml2_reader, 10^6 empty list elements", empty);
}

}  // namespace

extern "C" __attribute__((noinline)) void awsq_bench_measured(const bench_case* c, long iterations) {
    for (long i = 0; i < iterations; ++i) c->once();
}

int main(int argc, char** argv) {
    const auto cases = make_cases();
    if (argc >= 2 && std::strcmp(argv[1], "--memory") == 0) {
        memory_rows();
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--list") == 0) {
        for (const auto& c : cases) std::printf("%s %zu %zu\n", c.name.c_str(), c.bytes, c.records);
        return 0;
    }
    if (argc == 4 && std::strcmp(argv[1], "--run") == 0) {
        for (const auto& c : cases) {
            if (c.name != argv[2]) continue;
            awsq_bench_measured(&c, std::atol(argv[3]));
            const std::size_t before = live_bytes;
            peak_bytes = live_bytes;
            c.once();
            std::printf("peak_heap_bytes %zu\n", peak_bytes - before);
            return 0;
        }
        std::fprintf(stderr, "awsq_bench: no case %s\n", argv[2]);
        return 2;
    }
    for (const auto& c : cases) {
        benchmark::RegisterBenchmark(c.name.c_str(), [&c](benchmark::State& state) {
            for (auto _ : state) c.once();
            state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
            state.counters["records/s"] = benchmark::Counter(
                static_cast<double>(state.iterations() * c.records), benchmark::Counter::kIsRate);
        });
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
