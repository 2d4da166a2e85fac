// A scripted fault server on 127.0.0.1 for retry tests: each request gets the next scripted action, all are logged.
//
//     awsq::test::fault_server server({fault::reset(), fault::status(503), fault::answer(ok_body)});
//     ... calls to server.url() ...
//     server.log()  -> every request received, in order (method, path, headers, body)
//
// - Actions: reset the connection (RST), close it without answering, answer (any status, headers,
//   body), answer after a delay (slower than a read timeout). After the script, every request gets
//   `then` (a 200 with an empty body unless given); or a function chooses each request's action.
// - Every answer closes its connection ("Connection: close"), so each attempt of a client is a new
//   connection and the log counts exactly the attempts (curl never resends on a fresh connection).
// - Each connection is served on its own thread; finished threads are joined as new ones come.
//   The destructor cuts every wait short, closes every connection and joins every thread.
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
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace awsq::test {

/// What the server does with one request.
struct fault {
    enum class kind { answer, reset, close };
    kind what = kind::answer;
    awsq::http_response response{200, {}, {}};
    std::chrono::milliseconds delay{0};  // waited before acting

    static fault reset() { return {kind::reset, {}, {}}; }
    static fault close() { return {kind::close, {}, {}}; }
    static fault answer(awsq::http_response r) { return {kind::answer, std::move(r), {}}; }
    static fault status(int status, std::string body = {}, awsq::http_headers headers = {}) {
        return answer({status, std::move(headers), std::move(body)});
    }
    /// A query-protocol error response, as the services send them.
    static fault error(int http_status, std::string_view code, std::string_view message,
                       awsq::http_headers headers = {}) {
        std::string body = "<ErrorResponse><Error><Type>Sender</Type><Code>";
        body += code;
        body += "</Code><Message>";
        body += message;
        body += "</Message></Error><RequestId>req-fault</RequestId></ErrorResponse>";
        return status(http_status, std::move(body), std::move(headers));
    }
    static fault throttling() { return error(400, "Throttling", "Rate exceeded"); }
    /// A gateway's HTML page, not a service's XML.
    static fault html_502() {
        return status(502, "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>",
                      {{"Content-Type", "text/html"}});
    }
    /// `then` after `delay`.
    static fault slow(std::chrono::milliseconds delay, fault then) {
        then.delay = delay;
        return then;
    }
};

class fault_server {
public:
    using chooser = std::function<fault(std::size_t index, const awsq::http_request&)>;

    /// The script's actions in order, then `then` for every later request.
    explicit fault_server(std::vector<fault> script, fault then = fault::status(200))
        : fault_server([script = std::move(script), then = std::move(then)](std::size_t i, const awsq::http_request&) {
              return i < script.size() ? script[i] : then;
          }) {}

    explicit fault_server(chooser choose) : choose_(std::move(choose)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listener_ < 0) throw std::runtime_error("fault_server: socket() failed");
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 256) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            ::close(listener_);
            throw std::runtime_error("fault_server: cannot listen on 127.0.0.1");
        }
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    fault_server(const fault_server&) = delete;
    fault_server& operator=(const fault_server&) = delete;

    ~fault_server() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
            for (const int fd : open_) ::shutdown(fd, SHUT_RDWR);
        }
        wake_.notify_all();
        ::shutdown(listener_, SHUT_RDWR);
        acceptor_.join();
        for (auto& w : workers_) w.thread.join();
        ::close(listener_);
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::uint16_t port() const noexcept { return port_; }

    /// Every request read so far, in the order the script served them.
    std::vector<awsq::http_request> log() const {
        const std::lock_guard lock(mutex_);
        std::vector<awsq::http_request> out;
        for (const auto& r : log_)
            if (r) out.push_back(*r);
        return out;
    }
    std::size_t requests() const {
        const std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    struct worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };

    void accept_loop() {
        for (;;) {
            const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                return;
            }
            const std::lock_guard lock(mutex_);
            if (stopping_) {
                ::close(fd);
                return;
            }
            for (auto it = workers_.begin(); it != workers_.end();) {  // reap the finished ones
                if (*it->done) {
                    it->thread.join();
                    it = workers_.erase(it);
                } else {
                    ++it;
                }
            }
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            open_.insert(fd);
            auto done = std::make_shared<std::atomic<bool>>(false);
            workers_.push_back({std::thread([this, fd, done] {
                                    serve(fd);
                                    *done = true;
                                }),
                                done});
        }
    }

    static bool iequal(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
        return true;
    }
    static std::string_view trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    }

    /// Reads one request (Content-Length bodies only); false when the connection ends first.
    static bool read_request(int fd, awsq::http_request& request) {
        std::string buffer;
        char chunk[16384];
        std::size_t head_end;
        while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
            const auto got = ::recv(fd, chunk, sizeof chunk, 0);
            if (got <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(got));
        }
        const std::string_view head(buffer.data(), head_end);
        const auto line_end = head.find("\r\n");
        const std::string_view request_line = head.substr(0, line_end);
        const auto space1 = request_line.find(' ');
        const auto space2 = request_line.rfind(' ');
        request.scheme = "http";
        request.method = request_line.substr(0, space1);
        request.path = request_line.substr(space1 + 1, space2 - space1 - 1);
        std::size_t content_length = 0;
        for (auto at = line_end; at != std::string_view::npos && at < head.size();) {
            const auto next = head.find("\r\n", at + 2);
            const auto line = head.substr(at + 2, next == std::string_view::npos ? head.npos : next - at - 2);
            at = next;
            const auto colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            const auto name = trim(line.substr(0, colon));
            const auto value = trim(line.substr(colon + 1));
            if (iequal(name, "content-length")) content_length = std::stoul(std::string(value));
            if (iequal(name, "host")) request.host = value;
            request.headers.emplace_back(name, value);
        }
        while (buffer.size() < head_end + 4 + content_length) {
            const auto got = ::recv(fd, chunk, sizeof chunk, 0);
            if (got <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(got));
        }
        request.body = buffer.substr(head_end + 4, content_length);
        return true;
    }

    void serve(int fd) {
        awsq::http_request request;
        bool linger_reset = false;
        if (read_request(fd, request)) {
            std::size_t index;
            {
                const std::lock_guard lock(mutex_);
                index = requests_++;
                if (log_.size() <= index) log_.resize(index + 1);
                log_[index].emplace(request);
            }
            const fault f = choose_(index, request);
            bool go = true;
            if (f.delay.count() > 0) {
                std::unique_lock lock(mutex_);
                go = !wake_.wait_for(lock, f.delay, [this] { return stopping_; });
            }
            if (go && f.what == fault::kind::reset) {
                const linger hard{1, 0};  // close() then sends RST, not FIN
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
                linger_reset = true;
            } else if (go && f.what == fault::kind::answer) {
                const auto& r = f.response;
                std::string out = "HTTP/1.1 " + std::to_string(r.status) + " Fault\r\n";
                for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
                out += "Content-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n";
                out += r.body;
                for (std::size_t sent = 0; sent < out.size();) {
                    const auto n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
                    if (n <= 0) break;
                    sent += static_cast<std::size_t>(n);
                }
            }
        }
        if (!linger_reset) ::shutdown(fd, SHUT_WR);
        const std::lock_guard lock(mutex_);
        open_.erase(fd);
        ::close(fd);
    }

    chooser choose_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;                                // guarded by mutex_
    std::set<int> open_;                                   // guarded by mutex_
    std::list<worker> workers_;                            // guarded by mutex_
    std::vector<std::optional<awsq::http_request>> log_;  // guarded by mutex_
    std::size_t requests_ = 0;                             // guarded by mutex_
};

}  // namespace awsq::test
