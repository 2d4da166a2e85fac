// A tiny HTTP/1.1 server on 127.0.0.1 for tests: each request answered by a handler, on its own threads.
//
//     awsq::test::http_server server([](const awsq::http_request& request) {
//         return awsq::http_response{200, {{"Content-Type", "text/plain"}}, "hello " + request.path};
//     });
//     request.host = server.host();           // "127.0.0.1:<port>", scheme "http"
//     ... server.connections(), server.requests() ...
//
// - The handler gets the parsed request: method, path as sent (with its query; an absolute URI when
//   the client takes the server for a proxy), headers (names as sent, values trimmed), body;
//   host = the Host header, scheme = "http". It runs on the connection's thread: with several
//   client connections at once it is called concurrently, so it must be thread-safe then.
// - It answers with an awsq::http_response, or a `reply` that can also wait first (reply::slow), reset
//   the connection (reply::reset: RST) or close it without answering (reply::close).
// - An answer goes in one write: "HTTP/1.1 <status>", the handler's headers, then Content-Length
//   (unless the handler gave one) and the body. Connections are kept alive unless the request or
//   the answer says "Connection: close". Request bodies must come with Content-Length (no chunks).
// - stall(d): from then on, wait d before each answer (the destructor cuts the wait short).
//   hang_up(true): from then on, close the connection after reading a request, without answering.
// - connections(): connections accepted so far; requests(): requests read so far.
// - Finished connection threads are joined as new connections come; the destructor stops the
//   server: it closes every connection and joins every thread.
#pragma once

#include <awsq/operation.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace awsq::test {

/// What the server does with one request.
struct reply {
    enum class kind { answer, reset, close };
    kind what = kind::answer;
    awsq::http_response response{200, {}, {}};
    std::chrono::milliseconds delay{0};  // waited before acting

    reply(awsq::http_response r) : response(std::move(r)) {}  // a handler may return a plain response
    reply(kind k) : what(k) {}

    static reply reset() { return kind::reset; }
    static reply close() { return kind::close; }
    static reply answer(awsq::http_response r) { return r; }
    static reply status(int status, std::string body = {}, awsq::http_headers headers = {}) {
        return awsq::http_response{status, std::move(headers), std::move(body)};
    }
    /// A query-protocol error response, as the services send them.
    static reply error(int http_status, std::string_view code, std::string_view message,
                       awsq::http_headers headers = {}) {
        std::string body = "<ErrorResponse><Error><Type>Sender</Type><Code>";
        body += code;
        body += "</Code><Message>";
        body += message;
        body += "</Message></Error><RequestId>req-fault</RequestId></ErrorResponse>";
        return status(http_status, std::move(body), std::move(headers));
    }
    static reply throttling() { return error(400, "Throttling", "Rate exceeded"); }
    /// A gateway's HTML page, not a service's XML.
    static reply html_502() {
        return status(502, "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>",
                      {{"Content-Type", "text/html"}});
    }
    /// `then` after `delay`.
    static reply slow(std::chrono::milliseconds delay, reply then) {
        then.delay = delay;
        return then;
    }
};

class http_server {
public:
    using handler = std::function<reply(const awsq::http_request&)>;

    explicit http_server(handler answer) : answer_(std::move(answer)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listener_ < 0) throw std::runtime_error("http_server: socket() failed");
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;  // an ephemeral port
        socklen_t length = sizeof address;
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 64) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            ::close(listener_);
            throw std::runtime_error("http_server: cannot listen on 127.0.0.1");
        }
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    ~http_server() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
            for (const int fd : open_) ::shutdown(fd, SHUT_RDWR);  // wakes their recv()
        }
        wake_.notify_all();
        ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
        acceptor_.join();
        for (auto& worker : workers_) worker.thread.join();  // no new ones once the acceptor is gone
        ::close(listener_);
    }

    std::uint16_t port() const noexcept { return port_; }
    /// "127.0.0.1:<port>", for http_request::host.
    std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
    /// "http://127.0.0.1:<port>".
    std::string url() const { return "http://" + host(); }

    std::size_t connections() const noexcept { return connections_; }
    std::size_t requests() const noexcept { return requests_; }

    void stall(std::chrono::milliseconds delay) { stall_ms_ = delay.count(); }
    void hang_up(bool on) { hang_up_ = on; }

private:
    void accept_loop() {
        for (;;) {
            const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                return;  // shut down
            }
            const std::lock_guard lock(mutex_);
            if (stopping_) {
                ::close(fd);
                return;
            }
            for (auto it = workers_.begin(); it != workers_.end();) {  // join the finished ones
                if (*it->done) {
                    it->thread.join();
                    it = workers_.erase(it);
                } else {
                    ++it;
                }
            }
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            ++connections_;
            open_.insert(fd);
            auto done = std::make_shared<std::atomic<bool>>(false);
            workers_.push_back({std::thread([this, fd, done] {
                                    serve(fd);
                                    *done = true;
                                }),
                                done});
        }
    }

    static std::string_view trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    }
    static bool has_close(const awsq::http_headers& headers) {
        for (const auto& [name, value] : headers)
            if (awsq::detail::iequals(name, "connection") && awsq::detail::iequals(value, "close")) return true;
        return false;
    }

    /// One connection: read a request, answer it, until the client or the destructor closes it.
    void serve(int fd) {
        std::string buffer;
        char chunk[16384];
        bool open = true;
        bool reset = false;
        while (open) {
            const auto head_end = buffer.find("\r\n\r\n");
            if (head_end == std::string::npos) {
                const auto got = ::recv(fd, chunk, sizeof chunk, 0);
                if (got <= 0) break;
                buffer.append(chunk, static_cast<std::size_t>(got));
                continue;
            }
            awsq::http_request request;
            request.scheme = "http";
            std::string_view head(buffer.data(), head_end);
            const auto line_end = head.find("\r\n");
            const std::string_view request_line = head.substr(0, line_end);
            const auto space1 = request_line.find(' ');
            const auto space2 = request_line.rfind(' ');
            request.method = request_line.substr(0, space1);
            request.path = request_line.substr(space1 + 1, space2 - space1 - 1);
            std::size_t content_length = 0;
            for (auto at = line_end; at != std::string_view::npos && at < head.size();) {
                const auto next = head.find("\r\n", at + 2);
                const std::string_view line = head.substr(at + 2, next == std::string_view::npos ? head.npos : next - at - 2);
                at = next;
                const auto colon = line.find(':');
                if (colon == std::string_view::npos) continue;
                const auto name = trim(line.substr(0, colon));
                const auto value = trim(line.substr(colon + 1));
                if (awsq::detail::iequals(name, "content-length")) content_length = std::stoul(std::string(value));
                if (awsq::detail::iequals(name, "host")) request.host = value;
                request.headers.emplace_back(name, value);
            }
            const std::size_t total = head_end + 4 + content_length;
            while (buffer.size() < total) {
                const auto got = ::recv(fd, chunk, sizeof chunk, 0);
                if (got <= 0) {
                    open = false;
                    break;
                }
                buffer.append(chunk, static_cast<std::size_t>(got));
            }
            if (!open) break;
            request.body = buffer.substr(head_end + 4, content_length);
            buffer.erase(0, total);
            ++requests_;

            if (const auto delay = std::chrono::milliseconds(stall_ms_.load()); delay.count() > 0) {
                std::unique_lock lock(mutex_);
                if (wake_.wait_for(lock, delay, [this] { return stopping_; })) break;
            }
            if (hang_up_) break;

            const reply r = answer_(request);
            if (r.delay.count() > 0) {
                std::unique_lock lock(mutex_);
                if (wake_.wait_for(lock, r.delay, [this] { return stopping_; })) break;
            }
            if (r.what == reply::kind::reset) {
                const linger hard{1, 0};  // close() then sends RST, not FIN
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
                reset = true;
                break;
            }
            if (r.what == reply::kind::close) break;
            const awsq::http_response& response = r.response;
            std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) + "\r\n";
            bool has_length = false;
            for (const auto& [name, value] : response.headers) {
                has_length = has_length || awsq::detail::iequals(name, "content-length");
                out += name + ": " + value + "\r\n";
            }
            if (!has_length) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
            out += "\r\n";
            out += response.body;
            for (std::size_t sent = 0; sent < out.size();) {
                const auto n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
                if (n <= 0) {
                    open = false;
                    break;
                }
                sent += static_cast<std::size_t>(n);
            }
            if (has_close(request.headers) || has_close(response.headers)) break;
        }
        if (!reset) ::shutdown(fd, SHUT_WR);
        const std::lock_guard lock(mutex_);
        open_.erase(fd);
        ::close(fd);
    }

    static const char* reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    handler answer_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread acceptor_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;        // guarded by mutex_
    std::set<int> open_;           // open connections, guarded by mutex_
    struct worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::list<worker> workers_;    // guarded by mutex_ while the acceptor runs
    std::atomic<std::size_t> connections_{0};
    std::atomic<std::size_t> requests_{0};
    std::atomic<long long> stall_ms_{0};
    std::atomic<bool> hang_up_{false};
};

}  // namespace awsq::test
