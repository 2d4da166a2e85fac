// A scripted fault server on 127.0.0.1 for retry tests: each request gets the next scripted action, all are logged.
//
//     awsq::test::fault_server server({fault::reset(), fault::status(503), fault::answer(ok_body)});
//     ... calls to server.url() ...
//     server.log()  -> every request received, in order (method, path, headers, body)
//
// - Actions (awsq::test::reply, from http_server.hpp): reset the connection (RST), close it without
//   answering, answer (any status, headers, body), answer after a delay (slower than a read
//   timeout). After the script, every request gets `then` (a 200 with an empty body unless given);
//   or a function chooses each request's action.
// - Every answer closes its connection ("Connection: close"), so each attempt of a client is a new
//   connection and the log counts exactly the attempts (curl never resends on a fresh connection).
#pragma once

#include "http_server.hpp"

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace awsq::test {

using fault = reply;

class fault_server {
public:
    using chooser = std::function<fault(std::size_t index, const awsq::http_request&)>;

    /// The script's actions in order, then `then` for every later request.
    explicit fault_server(std::vector<fault> script, fault then = fault::status(200))
        : fault_server([script = std::move(script), then = std::move(then)](std::size_t i, const awsq::http_request&) {
              return i < script.size() ? script[i] : then;
          }) {}

    explicit fault_server(chooser choose)
        : choose_(std::move(choose)), server_([this](const awsq::http_request& request) { return act(request); }) {}

    std::string url() const { return server_.url(); }
    std::uint16_t port() const noexcept { return server_.port(); }

    /// Every request read so far, in the order the script served them.
    std::vector<awsq::http_request> log() const {
        const std::lock_guard lock(mutex_);
        return log_;
    }
    std::size_t requests() const {
        const std::lock_guard lock(mutex_);
        return log_.size();
    }

private:
    fault act(const awsq::http_request& request) {
        std::size_t index;
        {
            const std::lock_guard lock(mutex_);
            index = log_.size();
            log_.push_back(request);
        }
        fault f = choose_(index, request);
        if (f.what == fault::kind::answer) f.response.headers.emplace_back("Connection", "close");
        return f;
    }

    chooser choose_;
    mutable std::mutex mutex_;
    std::vector<awsq::http_request> log_;  // guarded by mutex_
    http_server server_;                   // last: stopped (and its threads joined) first
};

}  // namespace awsq::test
