// awsq::curl_transport: sends an http_request with libcurl over kept-alive, reused connections.
#pragma once

#include <awsq/error.hpp>
#include <awsq/operation.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq {

/// How a curl_transport connects. The defaults are botocore's.
struct curl_options {
    std::chrono::milliseconds connect_timeout{60000};  // TCP connect and TLS handshake; 0: none
    std::chrono::milliseconds read_timeout{60000};     // nothing sent or received for this long: timeout; 0: none
    std::optional<std::string> ca_bundle{};            // AWS_CA_BUNDLE / profile ca_bundle (the client fills it)
    // HTTP(S)_PROXY / NO_PROXY honoured; false: never a proxy (botocore's container credential
    // fetcher ignores them, while its IMDS fetcher and its clients honour them).
    bool environment_proxies = true;
};

namespace detail {

/// curl_global_init, once per process, thread-safely; its result, for every transport to check.
inline CURLcode curl_global() {
    static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
    return code;
}


inline std::string_view trim_http_space(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

/// The proxy environment as botocore sees it (Python's urllib.request.getproxies): for
/// `<name>_proxy`, the lower-case variable wins even when empty (empty means none), else the
/// upper-case one when not empty. Under CGI (REQUEST_METHOD set) upper-case HTTP_PROXY is ignored,
/// since a client's "Proxy:" header arrives there. libcurl itself never reads upper-case HTTP_PROXY,
/// which is why awsq reads these and tells curl.
inline std::string proxy_environment(const char* lower, const char* upper) {
    if (const char* value = std::getenv(lower)) return value;
    if (std::string_view(upper) == "HTTP_PROXY" && std::getenv("REQUEST_METHOD")) return {};
    const char* value = std::getenv(upper);
    return value ? value : "";
}

struct proxy_settings {
    std::string http;      // for http:// URLs
    std::string https;     // for https:// URLs
    std::string no_proxy;  // comma-separated host suffixes, or "*"

    static proxy_settings from_environment() {
        // botocore gives a scheme-less proxy "http://".
        auto url = [](std::string value) {
            if (value.empty() || value.starts_with("http:") || value.starts_with("https:")) return value;
            return (value.starts_with("//") ? "http:" : "http://") + value;
        };
        return {url(proxy_environment("http_proxy", "HTTP_PROXY")),
                url(proxy_environment("https_proxy", "HTTPS_PROXY")),
                proxy_environment("no_proxy", "NO_PROXY")};
    }
    bool any() const noexcept { return !http.empty() || !https.empty(); }

    /// Whether NO_PROXY exempts `host` ("name" or "name:port"), as urllib's proxy_bypass_environment:
    /// "*" exempts every host; otherwise each entry, leading dots dropped, matches the host with or
    /// without its port, exactly or as a DNS suffix, case-insensitively. No CIDR ranges (botocore has none).
    bool bypassed(std::string_view host) const {
        if (no_proxy == "*") return true;
        std::string_view host_only = host;
        if (const auto colon = host.rfind(':'); colon != std::string_view::npos &&
                                                host.find_first_not_of("0123456789", colon + 1) == std::string_view::npos)
            host_only = host.substr(0, colon);
        auto dns_suffix = [](std::string_view s, std::string_view name) {  // s ends with "." + name
            return s.size() > name.size() && s[s.size() - name.size() - 1] == '.' &&
                   iequals(s.substr(s.size() - name.size()), name);
        };
        std::string_view rest = no_proxy;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            std::string_view name = trim_http_space(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            while (!name.empty() && name.front() == '.') name.remove_prefix(1);
            if (name.empty()) continue;
            if (iequals(host_only, name) || iequals(host, name)) return true;
            if (dns_suffix(host_only, name) || dns_suffix(host, name)) return true;
        }
        return false;
    }
};

/// What a failed transfer's CURLcode means for a retry.
inline transport_failure curl_failure(CURLcode code, bool connected) noexcept {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY: return transport_failure::dns;
        case CURLE_COULDNT_CONNECT: return transport_failure::refused;
        case CURLE_OPERATION_TIMEDOUT:
            return connected ? transport_failure::read_timeout : transport_failure::connect_timeout;
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR: return transport_failure::reset;
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE: return transport_failure::closed;
        case CURLE_SSL_CONNECT_ERROR: return transport_failure::tls;
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
        case CURLE_FAILED_INIT:
        case CURLE_OUT_OF_MEMORY:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED: return transport_failure::permanent;
        default: return transport_failure::unknown;
    }
}

/// One easy handle and what its callbacks need; used by one call at a time.
struct curl_handle {
    CURL* curl = nullptr;
    std::string url;
    std::string header_text;                 // the request's header lines, each ending in '\0'
    std::vector<curl_slist> header_nodes;    // a curl_slist over header_text, rebuilt without allocating
    http_response* response = nullptr;       // where the callbacks write
    std::chrono::milliseconds read_timeout{};
    std::chrono::steady_clock::time_point last_activity{};
    curl_off_t bytes_seen = 0;
    bool connected = false;  // the read timeout runs from the connection's being ready
    bool activity = false;   // a header or body byte arrived since the last progress callback
    bool timed_out = false;
    char error[CURL_ERROR_SIZE] = {};

    curl_handle() = default;
    curl_handle(const curl_handle&) = delete;
    curl_handle& operator=(const curl_handle&) = delete;
    ~curl_handle() {
        if (curl) curl_easy_cleanup(curl);
    }

    static std::size_t on_body(char* data, std::size_t, std::size_t size, void* user) {
        auto& self = *static_cast<curl_handle*>(user);
        self.activity = true;
        self.response->body.append(data, size);
        return size;
    }

    /// Every header line of every response curl reads; a status line starts a response afresh, so
    /// only the final one's headers stay (after a 100 Continue, a 1xx, or a proxy's CONNECT answer).
    static std::size_t on_header(char* data, std::size_t, std::size_t size, void* user) {
        auto& self = *static_cast<curl_handle*>(user);
        self.activity = true;
        std::string_view line(data, size);
        if (line.empty()) return size;
        auto& headers = self.response->headers;
        if (line.starts_with("HTTP/")) {
            headers.clear();
            return size;
        }
        const bool folded = line.front() == ' ' || line.front() == '\t';  // obsolete line folding
        line = trim_http_space(line);
        if (line.empty()) return size;
        if (folded) {
            if (!headers.empty()) (headers.back().second += ' ') += line;
            return size;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return size;
        const std::string_view name = trim_http_space(line.substr(0, colon));
        const std::string_view value = trim_http_space(line.substr(colon + 1));
        if (iequals(name, "content-length")) {
            std::size_t length = 0;
            for (const char c : value) {
                if (c < '0' || c > '9' || length > (std::size_t{1} << 40)) break;
                length = length * 10 + static_cast<std::size_t>(c - '0');
            }
            if (length <= (std::size_t{1} << 30)) self.response->body.reserve(length);
        }
        headers.emplace_back(name, value);
        return size;
    }

    static int on_connected(void* user, char*, char*, int, int) {
        auto& self = *static_cast<curl_handle*>(user);
        self.connected = true;
        self.last_activity = std::chrono::steady_clock::now();
        return CURL_PREREQFUNC_OK;
    }

    /// The read timeout: curl calls this often while bytes move, about once a second when none do.
    static int on_progress(void* user, curl_off_t, curl_off_t down, curl_off_t, curl_off_t up) {
        auto& self = *static_cast<curl_handle*>(user);
        if (!self.connected) return 0;
        const auto now = std::chrono::steady_clock::now();
        if (self.activity || down + up != self.bytes_seen) {
            self.activity = false;
            self.bytes_seen = down + up;
            self.last_activity = now;
            return 0;
        }
        if (self.read_timeout.count() <= 0 || now - self.last_activity < self.read_timeout) return 0;
        self.timed_out = true;
        return 1;
    }

    /// The request's headers exactly as given, and curl's own Expect, Accept and Content-Type
    /// suppressed where the request has none (curl adds Content-Length itself only when absent).
    /// The list's nodes and text live in buffers kept from call to call.
    void set_headers(const http_headers& headers) {
        header_text.clear();
        bool has_expect = false, has_accept = false, has_content_type = false;
        for (const auto& [name, value] : headers) {
            has_expect = has_expect || iequals(name, "expect");
            has_accept = has_accept || iequals(name, "accept");
            has_content_type = has_content_type || iequals(name, "content-type");
            header_text += name;
            if (value.empty()) header_text += ';';  // curl's way to send "Name:" with no value
            else (header_text += ": ") += value;
            header_text += '\0';
        }
        if (!has_expect) header_text.append("Expect:", sizeof "Expect:");  // "Name:" removes curl's own header
        if (!has_accept) header_text.append("Accept:", sizeof "Accept:");
        if (!has_content_type) header_text.append("Content-Type:", sizeof "Content-Type:");
        header_nodes.clear();
        for (std::size_t at = 0; at < header_text.size(); at = header_text.find('\0', at) + 1)
            header_nodes.push_back({header_text.data() + at, nullptr});
        for (std::size_t i = 0; i + 1 < header_nodes.size(); ++i) header_nodes[i].next = &header_nodes[i + 1];
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_nodes.data());
    }
};

/// What copies of a curl_transport share: the options and a pool of idle easy handles.
struct curl_pool {
    curl_options options;
    proxy_settings proxies = options.environment_proxies ? proxy_settings::from_environment() : proxy_settings{};
    std::mutex mutex;
    std::vector<std::unique_ptr<curl_handle>> idle;

    explicit curl_pool(curl_options o) : options(std::move(o)) {}

    /// An idle handle (the most recently used: its connection is the warmest), or a new one.
    std::unique_ptr<curl_handle> acquire() {
        {
            const std::lock_guard lock(mutex);
            if (!idle.empty()) {
                auto handle = std::move(idle.back());
                idle.pop_back();
                return handle;
            }
        }
        if (curl_global() != CURLE_OK) return nullptr;
        auto handle = std::make_unique<curl_handle>();
        handle->curl = curl_easy_init();
        if (!handle->curl) return nullptr;
        configure(*handle);
        return handle;
    }
    void release(std::unique_ptr<curl_handle> handle) {
        const std::lock_guard lock(mutex);
        idle.push_back(std::move(handle));
    }

    /// The options that stay the same for every call made with the handle.
    void configure(curl_handle& h) const {
        CURL* c = h.curl;
        h.read_timeout = options.read_timeout;
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h.error);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_HTTP_VERSION, long{CURL_HTTP_VERSION_1_1});  // as botocore
        curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
        // 0 means "none" here but "300 s" to curl: ask for about 24 days instead.
        const std::int64_t connect_ms = options.connect_timeout.count();
        const std::int64_t connect_limit = connect_ms > 0 ? std::min<std::int64_t>(connect_ms, 0x7fffffff) : 0x7fffffff;
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_limit));
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
        if (options.ca_bundle) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_bundle->c_str());
        // The request's headers (Authorization...) go to the server only, never in a proxy's CONNECT.
        curl_easy_setopt(c, CURLOPT_HEADEROPT, long{CURLHEADER_SEPARATE});
        curl_easy_setopt(c, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &curl_handle::on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &h);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &curl_handle::on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
        curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, &curl_handle::on_connected);
        curl_easy_setopt(c, CURLOPT_PREREQDATA, &h);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &curl_handle::on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &h);
    }
};

/// A handle taken from the pool for one call, given back after it.
class curl_lease {
public:
    explicit curl_lease(curl_pool& pool) : pool_(pool), handle_(pool.acquire()) {}
    curl_lease(const curl_lease&) = delete;
    curl_lease& operator=(const curl_lease&) = delete;
    ~curl_lease() {
        if (handle_) pool_.release(std::move(handle_));
    }
    curl_handle* get() const noexcept { return handle_.get(); }

private:
    curl_pool& pool_;
    std::unique_ptr<curl_handle> handle_;
};

}  // namespace detail

/// The libcurl transport: `transport(request)` sends the request and returns the response, or a
/// transport error (DNS, refused, TLS, timeout, reset) with curl's message and the URL without its
/// query -- never a header or the body.
///
/// Connections: a copy shares its original's pool of CURL easy handles (a mutex-guarded stack). A
/// call takes the most recently returned handle, or makes one when all are busy, and gives it back
/// after; each handle keeps its own connection alive, so sequential calls reuse one connection and
/// N concurrent calls use N. Hence cheap to copy (one shared_ptr) and safe to call from many
/// threads at once.
///
/// Requests go as HTTP/1.1 with exactly the request's headers (curl's Expect, Accept and default
/// Content-Type suppressed; Content-Length from the body when absent); any method, the body handed
/// over with its length. Response headers arrive as received (names in the server's case, values
/// trimmed), only the final response's. Redirects are not followed (as botocore).
///
/// Proxies: HTTPS_PROXY/https_proxy, HTTP_PROXY/http_proxy and NO_PROXY/no_proxy are read when the
/// transport is made, as botocore reads them when its client is made (none set: curl's defaults stay;
/// options.environment_proxies = false: no proxy at all). TLS peers and host names are
/// verified, against options.ca_bundle when given, else the system store.
class curl_transport {
public:
    explicit curl_transport(curl_options options = {})
        : pool_(std::make_shared<detail::curl_pool>(std::move(options))) {}

    result<http_response> operator()(const http_request& request) const {
        return (*this)(request, std::chrono::milliseconds::zero());
    }

    /// The same, given at most `time_limit` in all (connecting, sending, waiting, receiving; 0: no
    /// limit): how a client keeps a call within its deadline. Past it, a transport_failure::deadline error.
    result<http_response> operator()(const http_request& request, std::chrono::milliseconds time_limit) const {
        detail::curl_lease lease(*pool_);
        detail::curl_handle* h = lease.get();
        auto failure = [&](std::string_view what, transport_failure why) {
            std::string where = request.scheme + "://" + request.host;
            where.append(request.path, 0, request.path.find('?'));  // the query may hold secrets
            return error::transport(request.method + " " + where + ": " + std::string(what), why);
        };
        if (!h) return failure("could not start libcurl", transport_failure::permanent);
        CURL* c = h->curl;

        h->url.assign(request.scheme).append("://").append(request.host).append(request.path);
        curl_easy_setopt(c, CURLOPT_URL, h->url.c_str());
        curl_easy_setopt(c, CURLOPT_NOBODY, 0L);
        if (request.method == "HEAD") {
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, static_cast<const char*>(nullptr));
            curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
        } else if (request.method == "GET" && request.body.empty()) {
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, static_cast<const char*>(nullptr));
            curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
        } else {  // POST, PUT, ...: the body with its length (binary-safe), no read callback
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method == "POST" ? nullptr : request.method.c_str());
        }
        h->set_headers(request.headers);

        const auto& proxies = pool_->proxies;
        if (!pool_->options.environment_proxies) {
            curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
        } else if (proxies.any()) {  // else curl's own setting stays (it is never blanked)
            const std::string& proxy = request.scheme == "https" ? proxies.https : proxies.http;
            if (proxy.empty() || proxies.bypassed(request.host)) {
                curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
            } else {
                curl_easy_setopt(c, CURLOPT_PROXY, proxy.c_str());
                curl_easy_setopt(c, CURLOPT_NOPROXY, "");  // our NO_PROXY decision stands, not curl's
            }
        }

        http_response response;
        h->response = &response;
        h->error[0] = '\0';
        h->connected = h->activity = h->timed_out = false;
        h->bytes_seen = 0;
        const std::int64_t limit_ms = std::clamp<std::int64_t>(time_limit.count(), 0, 0x7fffffff);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(limit_ms));
        const CURLcode code = curl_easy_perform(c);
        h->response = nullptr;
        if (code != CURLE_OK) {
            if (h->timed_out)
                return failure("read timeout: nothing received for " + std::to_string(h->read_timeout.count()) +
                               " ms", transport_failure::read_timeout);
            // The only total limit is the deadline's; before connecting, the earlier of the two fired.
            const auto connect_limit = pool_->options.connect_timeout;
            if (code == CURLE_OPERATION_TIMEDOUT && time_limit.count() > 0 &&
                (h->connected || connect_limit.count() <= 0 || time_limit <= connect_limit))
                return failure("the call's deadline passed after " + std::to_string(time_limit.count()) +
                               " ms of this attempt", transport_failure::deadline);
            return failure(h->error[0] ? h->error : curl_easy_strerror(code),
                           detail::curl_failure(code, h->connected));
        }
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
        return response;
    }

private:
    std::shared_ptr<detail::curl_pool> pool_;
};

}  // namespace awsq
