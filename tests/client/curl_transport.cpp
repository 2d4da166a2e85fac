// The libcurl transport against local servers: bytes intact, reuse, threads, failures, timeouts, proxies, TLS.
#include <awsq/curl_transport.hpp>

#include "../support/http_server.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using awsq::http_request;
using awsq::http_response;

http_request post_to(const awsq::test::http_server& server, std::string path = "/") {
    http_request request;
    request.method = "POST";
    request.scheme = "http";
    request.host = server.host();
    request.path = std::move(path);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = "Action=DescribeExportTasks&Version=2014-10-31";
    return request;
}

/// The error's text, when there is one (for REQUIRE_MESSAGE, which also evaluates it on success with -s).
std::string why(const awsq::result<http_response>& answer) { return answer ? "" : answer.error().message(); }

http_response ok(std::string body = "ok") { return {200, {{"Content-Type", "text/plain"}}, std::move(body)}; }

/// The proxy variables cleared for the test's duration (set what the test needs), restored after.
class proxy_environment {
public:
    proxy_environment() {
        for (const char* name : names) {
            if (const char* value = std::getenv(name)) saved_[name] = value;
            ::unsetenv(name);
        }
    }
    ~proxy_environment() {
        for (const char* name : names) ::unsetenv(name);
        for (const auto& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
    }
    void set(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }
    void unset(const char* name) { ::unsetenv(name); }

private:
    static constexpr const char* names[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                                            "no_proxy",   "NO_PROXY",   "all_proxy",   "ALL_PROXY"};
    std::map<std::string, std::string> saved_;
};

/// A port nothing listens on: bound, then released.
std::uint16_t closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("a POST arrives byte for byte and the answer comes back whole") {
    std::mutex mutex;
    http_request seen;
    awsq::test::http_server server([&](const http_request& request) {
        const std::lock_guard lock(mutex);
        seen = request;
        return http_response{200,
                             {{"x-amzn-RequestId", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"},
                              {"Content-Type", "text/xml"},
                              {"X-Spaced", "  padded value  "}},
                             std::string("<a>\0\xc3\xa9\xff</a>", 11)};
    });
    http_request request = post_to(server, "/some/path?Action=Describe&Marker=a%2Fb");
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                       {"X-Amz-Date", "20150830T123600Z"},
                       {"Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/rds/aws4_request"},
                       {"amz-sdk-request", "attempt=1; max=5"},
                       {"X-Empty", ""}};
    request.body = std::string("Name=\0caf\xc3\xa9&Raw=\xff\xfe\x01", 19);

    const auto answer = awsq::curl_transport{}(request);
    REQUIRE_MESSAGE(answer, why(answer));

    CHECK(seen.method == "POST");
    CHECK(seen.path == "/some/path?Action=Describe&Marker=a%2Fb");
    CHECK(seen.body == request.body);
    CHECK(seen.body.size() == 19);
    // Exactly the request's headers, plus the Host and Content-Length curl derives: no Accept,
    // Expect, User-Agent or default Content-Type of curl's own.
    awsq::http_headers expected = request.headers;
    expected.insert(expected.begin(), {"Host", server.host()});
    expected.emplace_back("Content-Length", "19");
    auto sorted = [](awsq::http_headers h) {
        std::sort(h.begin(), h.end());
        return h;
    };
    CHECK(sorted(seen.headers) == sorted(expected));

    CHECK(answer->status == 200);
    CHECK(answer->body == std::string("<a>\0\xc3\xa9\xff</a>", 11));
    const awsq::http_headers response_headers = {{"x-amzn-RequestId", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"},
                                                 {"Content-Type", "text/xml"},
                                                 {"X-Spaced", "padded value"},
                                                 {"Content-Length", "11"}};
    CHECK(answer->headers == response_headers);
}

TEST_CASE("GET, PUT and HEAD go as given, an error status is a response") {
    awsq::test::http_server server([](const http_request& request) {
        std::string length = "-";
        for (const auto& [name, value] : request.headers)
            if (name == "Content-Length") length = value;
        if (request.method == "HEAD") return http_response{404, {{"Content-Length", "3"}}, ""};
        return http_response{request.method == "GET" ? 404 : 200, {}, request.method + " " + length + " " + request.body};
    });
    const awsq::curl_transport transport;
    http_request request = post_to(server, "/latest/api/token");
    request.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};

    SUBCASE("PUT without a body sends Content-Length: 0") {
        request.method = "PUT";
        request.body.clear();
        const auto answer = transport(request);
        REQUIRE(answer);
        CHECK(answer->body == "PUT 0 ");
    }
    SUBCASE("GET sends no body and a 404 is an answer, not an error") {
        request.method = "GET";
        request.body.clear();
        const auto answer = transport(request);
        REQUIRE(answer);
        CHECK(answer->status == 404);
        CHECK(answer->body == "GET - ");
    }
    SUBCASE("HEAD reads no body") {
        request.method = "HEAD";
        request.body.clear();
        const auto answer = transport(request);
        REQUIRE(answer);
        CHECK(answer->status == 404);
        CHECK(answer->body.empty());
    }
    SUBCASE("a POST after a GET on the same handle still carries its body") {
        request.method = "GET";
        request.body.clear();
        REQUIRE(transport(request));
        request.method = "POST";
        request.body = "x=1";
        const auto answer = transport(request);
        REQUIRE(answer);
        CHECK(answer->body == "POST 3 x=1");
    }
}

TEST_CASE("sequential calls reuse one connection") {
    awsq::test::http_server server([](const http_request&) { return ok(); });
    const awsq::curl_transport transport;
    const awsq::curl_transport copy = transport;  // a copy shares the connections
    for (int i = 0; i < 20; ++i) {
        const auto answer = (i % 2 ? copy : transport)(post_to(server));
        REQUIRE_MESSAGE(answer, why(answer));
        CHECK(answer->body == "ok");
    }
    CHECK(server.requests() == 20);
    CHECK(server.connections() == 1);
}

TEST_CASE("8 threads share one transport") {
    awsq::test::http_server server([](const http_request& request) { return ok(request.path); });
    const awsq::curl_transport transport;
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                const std::string path = "/" + std::to_string(t) + "/" + std::to_string(i);
                const auto answer = transport(post_to(server, path));
                if (answer && answer->status == 200 && answer->body == path) ++good;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(good == 200);
    CHECK(server.requests() == 200);
    CHECK(server.connections() <= 8);
}

TEST_CASE("a refused connection is a transport error naming the URL, never a header or the query") {
    const auto port = closed_port();
    http_request request;
    request.method = "POST";
    request.scheme = "http";
    request.host = "127.0.0.1:" + std::to_string(port);
    request.path = "/rds/?X-Amz-Credential=query-secret";
    request.headers = {{"Authorization", "secret-ish"}, {"X-Amz-Security-Token", "token-secret"}};
    request.body = "Password=body-secret";
    const auto answer = awsq::curl_transport{}(request);
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind() == awsq::error_kind::transport);
    const std::string message = answer.error().message();
    INFO(message);
    CHECK(message.find("POST http://127.0.0.1:" + std::to_string(port) + "/rds/: ") == 0);
    CHECK(message.find("onnect") != std::string::npos);  // curl's "Failed to connect ... Couldn't connect"
    for (const char* secret : {"secret-ish", "token-secret", "query-secret", "body-secret"})
        CHECK(message.find(secret) == std::string::npos);
}

TEST_CASE("a server that closes without answering is a transport error") {
    awsq::test::http_server server([](const http_request&) { return ok(); });
    server.hang_up(true);
    const auto answer = awsq::curl_transport{}(post_to(server));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind() == awsq::error_kind::transport);
    INFO(why(answer));
    CHECK(answer.error().message().find("Empty reply from server") != std::string::npos);
}

TEST_CASE("a server silent for read_timeout is a timeout") {
    awsq::test::http_server server([](const http_request&) { return ok(); });
    const awsq::curl_transport transport(awsq::curl_options{.read_timeout = 300ms});
    REQUIRE(transport(post_to(server)));  // a connection that works...
    server.stall(30s);                    // ...then goes quiet
    const auto start = std::chrono::steady_clock::now();
    const auto answer = transport(post_to(server));
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(answer);
    CHECK(answer.error().kind() == awsq::error_kind::transport);
    CHECK(answer.error().message() == "POST " + server.url() + "/: read timeout: nothing received for 300 ms");
    CHECK(took < 10s);  // a generous bound: curl looks about once a second
}

TEST_CASE("a slow body that keeps moving is not a timeout") {
    // A raw server: the head at once, then the body a byte every 150 ms, 1.2 s in all.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 1) == 0);
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    std::thread trickle([listener] {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) return;
        char buffer[4096];
        std::string got;
        while (got.find("\r\n\r\n") == std::string::npos) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            got.append(buffer, static_cast<std::size_t>(n));
        }
        const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n";
        ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
        for (const char c : std::string("trickled")) {
            std::this_thread::sleep_for(150ms);
            ::send(fd, &c, 1, MSG_NOSIGNAL);
        }
        ::close(fd);
    });
    http_request request;
    request.method = "GET";
    request.scheme = "http";
    request.host = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    request.path = "/";
    const auto answer = awsq::curl_transport{awsq::curl_options{.read_timeout = 500ms}}(request);
    trickle.join();
    ::close(listener);
    REQUIRE_MESSAGE(answer, why(answer));
    CHECK(answer->body == "trickled");
}

TEST_CASE("proxies from the environment, as botocore reads them") {
    proxy_environment env;
    std::mutex mutex;
    std::vector<std::string> proxied;
    awsq::test::http_server proxy([&](const http_request& request) {
        const std::lock_guard lock(mutex);
        proxied.push_back(request.path);
        return ok("from the proxy");
    });
    awsq::test::http_server target([](const http_request&) { return ok("from the target"); });
    const std::string absolute = target.url() + "/via?x=1";

    SUBCASE("upper-case HTTP_PROXY (which curl alone ignores) takes http:// requests, absolute-URI") {
        env.set("HTTP_PROXY", proxy.url());
        const auto answer = awsq::curl_transport{}(post_to(target, "/via?x=1"));
        REQUIRE_MESSAGE(answer, why(answer));
        CHECK(answer->body == "from the proxy");
        CHECK(proxied == std::vector<std::string>{absolute});
        CHECK(target.requests() == 0);
    }
    SUBCASE("a scheme-less proxy is http://") {
        env.set("http_proxy", proxy.host());
        const auto answer = awsq::curl_transport{}(post_to(target, "/via?x=1"));
        REQUIRE(answer);
        CHECK(answer->body == "from the proxy");
    }
    SUBCASE("NO_PROXY=127.0.0.1 bypasses it") {
        env.set("HTTP_PROXY", proxy.url());
        env.set("NO_PROXY", "example.com, 127.0.0.1");
        const auto answer = awsq::curl_transport{}(post_to(target, "/via?x=1"));
        REQUIRE_MESSAGE(answer, why(answer));
        CHECK(answer->body == "from the target");
        CHECK(proxy.requests() == 0);
    }
    SUBCASE("NO_PROXY with the port, and '*'") {
        env.set("HTTP_PROXY", proxy.url());
        for (const std::string& no_proxy : {target.host(), std::string("*")}) {
            env.set("no_proxy", no_proxy);
            const auto answer = awsq::curl_transport{}(post_to(target));
            REQUIRE(answer);
            CHECK(answer->body == "from the target");
        }
        CHECK(proxy.requests() == 0);
    }
    SUBCASE("NO_PROXY entries match whole labels, as DNS suffixes") {
        env.set("HTTP_PROXY", proxy.url());
        env.set("NO_PROXY", "0.0.1");  // "127.0.0.1" ends with ".0.0.1": a DNS suffix, as urllib matches it
        REQUIRE(awsq::curl_transport{}(post_to(target)));
        env.set("NO_PROXY", "27.0.0.1");  // not at a dot
        const auto answer = awsq::curl_transport{}(post_to(target));
        REQUIRE(answer);
        CHECK(answer->body == "from the proxy");
        CHECK(proxy.requests() == 1);
    }
    SUBCASE("environment_proxies = false ignores them all") {
        env.set("HTTP_PROXY", proxy.url());
        env.set("http_proxy", proxy.url());
        env.set("all_proxy", proxy.url());
        const auto answer = awsq::curl_transport{awsq::curl_options{.environment_proxies = false}}(post_to(target));
        REQUIRE(answer);
        CHECK(answer->body == "from the target");
        CHECK(proxy.requests() == 0);
    }
    SUBCASE("an empty lower-case http_proxy overrides HTTP_PROXY; HTTPS_PROXY is for https:// only") {
        env.set("HTTP_PROXY", proxy.url());
        env.set("http_proxy", "");
        env.set("HTTPS_PROXY", proxy.url());
        const auto answer = awsq::curl_transport{}(post_to(target));
        REQUIRE(answer);
        CHECK(answer->body == "from the target");
        CHECK(proxy.requests() == 0);
    }
}

namespace {

/// `openssl s_server -www` on 127.0.0.1 with a fresh self-signed certificate for IP 127.0.0.1,
/// stopped by the destructor. port() is 0 when the openssl command is missing or fails.
class tls_server {
public:
    tls_server() {
        char pattern[] = "/tmp/awsq-tls-XXXXXX";
        if (!::mkdtemp(pattern)) return;
        dir_ = pattern;
        const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
                                    " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
                                    " -keyout " + dir_ + "/key.pem -out " + cert() + " >/dev/null 2>&1";
        if (std::system(command.c_str()) != 0) return;
        int out[2];
        if (::pipe2(out, O_CLOEXEC) != 0) return;
        const std::string key = dir_ + "/key.pem", certificate = cert();
        const char* argv[] = {"openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", certificate.c_str(),
                              "-key", key.c_str(), "-www", nullptr};
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ == 0) {  // only async-signal-safe calls until exec
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // dies with the test, even if the test crashes
            if (::getppid() != parent) ::_exit(1);
            ::dup2(out[1], 1);
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 2);
            ::close(out[0]);
            ::execvp("openssl", const_cast<char**>(argv));
            ::_exit(127);
        }
        ::close(out[1]);
        if (pid_ < 0) {
            ::close(out[0]);
            return;
        }
        // It prints "ACCEPT 127.0.0.1:<port>" once it listens.
        std::string printed;
        char buffer[256];
        const auto listening = [&] {
            const auto at = printed.find("ACCEPT");
            return at != std::string::npos && printed.find('\n', at) != std::string::npos;
        };
        while (!listening()) {
            const auto n = ::read(out[0], buffer, sizeof buffer);
            if (n <= 0) break;
            printed.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(out[0]);
        if (const auto at = printed.find("ACCEPT 127.0.0.1:"); at != std::string::npos)
            port_ = static_cast<std::uint16_t>(std::stoi(printed.substr(at + 17)));
    }
    ~tls_server() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    std::uint16_t port() const { return port_; }
    std::string cert() const { return dir_ + "/cert.pem"; }

private:
    std::string dir_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace

TEST_CASE("TLS peers are verified, against ca_bundle when given") {
    proxy_environment env;  // no proxy in the way
    tls_server server;
    if (server.port() == 0) {
        MESSAGE("skipped: the openssl command could not start a TLS server");
        return;
    }
    http_request request;
    request.method = "GET";
    request.scheme = "https";
    request.host = "127.0.0.1:" + std::to_string(server.port());
    request.path = "/";

    SUBCASE("a self-signed certificate fails against the system store") {
        const auto answer = awsq::curl_transport{}(request);
        REQUIRE_FALSE(answer);
        CHECK(answer.error().kind() == awsq::error_kind::transport);
        INFO(why(answer));
        CHECK(answer.error().message().find("GET " + std::string("https://") + request.host + "/: ") == 0);
        CHECK(answer.error().message().find("certificate") != std::string::npos);
    }
    SUBCASE("and succeeds with it as the CA bundle") {
        const auto answer = awsq::curl_transport{awsq::curl_options{.ca_bundle = server.cert()}}(request);
        REQUIRE_MESSAGE(answer, why(answer));
        CHECK(answer->status == 200);
        CHECK(answer->body.find("s_server") != std::string::npos);
    }
}
