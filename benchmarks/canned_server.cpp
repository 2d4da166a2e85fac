// A canned-response HTTP server for the calls-per-second benchmark, its own capacity, and awsq's curl_transport against it.
//
//   awsq_canned_server [PORT]            serve on 127.0.0.1:PORT (0 or none: ephemeral); prints the port
//   awsq_canned_server --self-test N [C] its capacity: C raw-socket clients (default 1) in this process,
//                                        N keep-alive requests each, one at a time (no pipelining)
//   awsq_canned_server --curl SECONDS [HOST:PORT]
//                                        calls/s of awsq::curl_transport alone, one connection, the same
//                                        request every time, against HOST:PORT (none: a server in this process)
//
// Every request (any method, Content-Length body) gets the same answer: HTTP 200, text/xml, an
// x-amzn-RequestId header and a 1-record DescribeExportTasks response, in a single write; the
// connection stays open. A thread per connection, TCP_NODELAY.
#include <awsq/curl_transport.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr std::string_view canned_body = R"(<DescribeExportTasksResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <DescribeExportTasksResult>
    <ExportTasks>
      <ExportTask>
        <ExportTaskIdentifier>nightly-orders-2024-06-01</ExportTaskIdentifier>
        <SourceArn>arn:aws:rds:us-east-1:123456789012:snapshot:rds:orders-2024-06-01-03-10</SourceArn>
        <SnapshotTime>2024-06-01T03:10:42.118Z</SnapshotTime>
        <TaskStartTime>2024-06-01T04:00:05.002Z</TaskStartTime>
        <TaskEndTime>2024-06-01T04:47:31.640Z</TaskEndTime>
        <S3Bucket>acme-analytics-exports</S3Bucket>
        <S3Prefix>rds/orders/2024-06-01</S3Prefix>
        <IamRoleArn>arn:aws:iam::123456789012:role/rds-s3-export</IamRoleArn>
        <KmsKeyId>arn:aws:kms:us-east-1:123456789012:key/1f0c6a4e-4d1b-4c39-9d4e-6b1f3c1a2b7d</KmsKeyId>
        <Status>COMPLETE</Status>
        <PercentProgress>100</PercentProgress>
        <TotalExtractedDataInGB>42</TotalExtractedDataInGB>
        <SourceType>SNAPSHOT</SourceType>
      </ExportTask>
    </ExportTasks>
  </DescribeExportTasksResult>
  <ResponseMetadata>
    <RequestId>0b6f4c1e-6a3f-4d8e-9a61-3c2f7d9e1a01</RequestId>
  </ResponseMetadata>
</DescribeExportTasksResponse>
)";

const std::string canned_response = "HTTP/1.1 200 OK\r\n"
                                    "x-amzn-RequestId: 0b6f4c1e-6a3f-4d8e-9a61-3c2f7d9e1a01\r\n"
                                    "Content-Type: text/xml\r\n"
                                    "Content-Length: " + std::to_string(canned_body.size()) + "\r\n"
                                    "\r\n" + std::string(canned_body);

void no_delay(int fd) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

/// The Content-Length of a message head (case-insensitive name), 0 when absent.
std::size_t content_length(std::string_view head) {
    for (std::size_t at = head.find("\r\n"); at != std::string_view::npos; at = head.find("\r\n", at + 2)) {
        const std::string_view line = head.substr(at + 2, 15);
        if (line.size() == 15 && ::strncasecmp(line.data(), "content-length:", 15) == 0)
            return std::strtoull(head.data() + at + 17, nullptr, 10);
    }
    return 0;
}

/// Reads requests off one connection and answers each with the canned response.
void serve(int fd) {
    std::string buffer;
    char chunk[65536];
    for (;;) {
        const auto head_end = buffer.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            const std::size_t end = head_end + 4 + content_length(std::string_view(buffer).substr(0, head_end + 2));
            if (buffer.size() >= end) {
                if (!send_all(fd, canned_response)) break;
                buffer.erase(0, end);
                continue;
            }
        }
        const auto n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
}

/// Listens on 127.0.0.1:port (0: ephemeral); returns the socket and sets port to the real one.
int listen_on(std::uint16_t& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 128) != 0) {
        std::perror("canned_server: bind/listen");
        std::exit(1);
    }
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    return fd;
}

[[noreturn]] void accept_loop(int listener) {
    for (;;) {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) continue;
        no_delay(fd);
        std::thread(serve, fd).detach();
    }
}

/// A server on an ephemeral port in this process, for the self-test and the curl loop.
std::uint16_t start_in_process() {
    std::uint16_t port = 0;
    const int listener = listen_on(port);
    std::thread(accept_loop, listener).detach();
    return port;
}

/// What a signed DescribeExportTasks request looks like on the wire (signature made up).
awsq::http_request sample_request(const std::string& host) {
    awsq::http_request request;
    request.method = "POST";
    request.scheme = "http";
    request.host = host;
    request.path = "/";
    request.body = "Action=DescribeExportTasks&Version=2014-10-31";
    request.headers = {
        {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
        {"User-Agent", "awsq/0.1.0 md/curl#7.88.1"},
        {"X-Amz-Date", "20240601T120000Z"},
        {"amz-sdk-invocation-id", "6c2a4b8e-0f1d-4e3a-9b7c-2d5e8f1a3b6c"},
        {"amz-sdk-request", "attempt=1; max=5"},
        {"Content-Length", std::to_string(request.body.size())},
        {"Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240601/us-east-1/rds/aws4_request, "
                          "SignedHeaders=content-type;host;x-amz-date, "
                          "Signature=0000000000000000000000000000000000000000000000000000000000000000"}};
    return request;
}

/// The same request as raw bytes, for the self-test's socket clients.
std::string raw_request(const awsq::http_request& request) {
    std::string out = request.method + " " + request.path + " HTTP/1.1\r\nHost: " + request.host + "\r\n";
    for (const auto& [name, value] : request.headers) out += name + ": " + value + "\r\n";
    return out + "\r\n" + request.body;
}

/// One keep-alive client: n requests, each answered before the next is sent. Returns the answers read.
std::size_t hammer(std::uint16_t port, const std::string& request, std::size_t n) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return 0;
    no_delay(fd);
    std::string buffer;
    char chunk[65536];
    std::size_t answered = 0;
    for (; answered < n; ++answered) {
        if (!send_all(fd, request)) break;
        std::size_t end = std::string::npos;
        while (end == std::string::npos || buffer.size() < end) {
            const auto got = ::recv(fd, chunk, sizeof chunk, 0);
            if (got <= 0) return ::close(fd), answered;
            buffer.append(chunk, static_cast<std::size_t>(got));
            if (const auto head_end = buffer.find("\r\n\r\n"); end == std::string::npos && head_end != std::string::npos)
                end = head_end + 4 + content_length(std::string_view(buffer).substr(0, head_end + 2));
        }
        buffer.erase(0, end);
    }
    ::close(fd);
    return answered;
}

/// User + system CPU time of this process so far.
double cpu_seconds() {
    timespec t{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

int self_test(std::size_t n, std::size_t clients) {
    const std::uint16_t port = start_in_process();
    const std::string request = raw_request(sample_request("127.0.0.1:" + std::to_string(port)));
    hammer(port, request, 1000);  // warm-up
    std::atomic<std::size_t> answered{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (std::size_t c = 0; c < clients; ++c) threads.emplace_back([&] { answered += hammer(port, request, n); });
    for (auto& thread : threads) thread.join();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("canned server self-test: %zu requests over %zu keep-alive connection(s) in %.3f s: %.0f requests/s\n",
                answered.load(), clients, took.count(), static_cast<double>(answered) / took.count());
    return answered == n * clients ? 0 : 1;
}

int curl_loop(double seconds, std::string host) {
    const bool in_process = host.empty();
    if (in_process) host = "127.0.0.1:" + std::to_string(start_in_process());
    const awsq::curl_transport transport;
    const awsq::http_request request = sample_request(host);
    for (int i = 0; i < 200; ++i)  // warm-up: the connection, the handle's buffers
        if (auto answer = transport(request); !answer) {
            std::fprintf(stderr, "%s\n", answer.error().message().c_str());
            return 1;
        }
    std::size_t calls = 0;
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    const auto stop = start + std::chrono::duration<double>(seconds);
    for (;;) {
        for (int i = 0; i < 100; ++i) {
            const auto answer = transport(request);
            if (!answer || answer->status != 200 || answer->body.size() != canned_body.size()) {
                std::fprintf(stderr, "bad answer\n");
                return 1;
            }
        }
        calls += 100;
        if (std::chrono::steady_clock::now() >= stop) break;
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    const double cpu = cpu_seconds() - cpu_start;
    std::printf("curl_transport: %zu calls in %.3f s: %.0f calls/s (%.1f us/call; CPU of this process %.1f us/call%s), "
                "one kept-alive connection to %s\n",
                calls, took.count(), static_cast<double>(calls) / took.count(), 1e6 * took.count() / static_cast<double>(calls),
                1e6 * cpu / static_cast<double>(calls), in_process ? ", server included" : "", host.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view mode = argc > 1 ? argv[1] : "";
    if (mode == "--self-test")
        return self_test(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100000,
                         argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1);
    if (mode == "--curl") return curl_loop(argc > 2 ? std::strtod(argv[2], nullptr) : 3.0, argc > 3 ? argv[3] : "");
    if (mode.starts_with("-")) {
        std::fprintf(stderr, "usage: %s [PORT] | --self-test N [CLIENTS] | --curl SECONDS [HOST:PORT]\n", argv[0]);
        return 2;
    }
    std::uint16_t port = static_cast<std::uint16_t>(argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 0);
    const int listener = listen_on(port);
    std::printf("%u\n", static_cast<unsigned>(port));
    std::fflush(stdout);
    accept_loop(listener);
}
