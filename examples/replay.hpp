// A transport that answers from recorded responses: the awsq command line's --replay DIR.
//
// A recording is a file DIR/*.http: its first line is a request key in form encoding
// (Action=DescribeExportTasks&Marker=page-2), its second "HTTP <status>", the rest the response body.
// A recording answers a request when every parameter of its key is in the request with the same
// value and the request's Marker is the key's (none when the key has none); the most specific
// recording wins.
#pragma once

#include <awsq/error.hpp>
#include <awsq/operation.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq_cli {

using params = std::vector<std::pair<std::string, std::string>>;

/// Form-decodes "a=1&b=x+y" ('+' is a space, %XX a byte).
inline params decode_form(std::string_view body) {
    auto decode = [](std::string_view s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '+') {
                out += ' ';
            } else if (s[i] == '%' && i + 2 < s.size()) {
                int v = 0;
                const auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
                if (ec == std::errc{} && p == s.data() + i + 3) {
                    out += static_cast<char>(v);
                    i += 2;
                } else {
                    out += '%';
                }
            } else {
                out += s[i];
            }
        }
        return out;
    };
    params out;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto pair = body.substr(0, amp);
        const auto eq = pair.find('=');
        out.emplace_back(decode(pair.substr(0, eq)), eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1)));
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    }
    return out;
}

inline const std::string* find(const params& p, std::string_view name) {
    for (const auto& [k, v] : p)
        if (k == name) return &v;
    return nullptr;
}

class replay_transport {
public:
    struct recording {
        std::string file;
        params key;
        int status = 200;
        std::string body;
    };

    /// Reads every DIR/*.http; an unreadable or malformed recording is an error naming the file.
    static awsq::result<replay_transport> load(const std::filesystem::path& dir) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            return awsq::error::transport("replay: " + dir.string() + " is not a directory");
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".http") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        replay_transport out;
        out.dir_ = dir.string();
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            std::string key_line, status_line;
            if (!std::getline(in, key_line) || !std::getline(in, status_line) || !status_line.starts_with("HTTP "))
                return awsq::error::transport("replay: " + file.string() +
                                              ": expected a request key line, then \"HTTP <status>\"");
            recording r;
            r.file = file.filename().string();
            r.key = decode_form(key_line);
            const auto [p, err] = std::from_chars(status_line.data() + 5, status_line.data() + status_line.size(), r.status);
            if (err != std::errc{}) return awsq::error::transport("replay: " + file.string() + ": bad status line");
            std::ostringstream body;
            body << in.rdbuf();
            r.body = std::move(body).str();
            out.recordings_.push_back(std::move(r));
        }
        if (out.recordings_.empty()) return awsq::error::transport("replay: no *.http recordings in " + dir.string());
        return out;
    }

    awsq::result<awsq::http_response> operator()(const awsq::http_request& request) const {
        const params sent = decode_form(request.body);
        const recording* best = nullptr;
        for (const auto& r : recordings_) {
            const bool matches = std::all_of(r.key.begin(), r.key.end(), [&](const auto& kv) {
                const auto* v = find(sent, kv.first);
                return v && *v == kv.second;
            });
            const auto* marker = find(sent, "Marker");
            const auto* key_marker = find(r.key, "Marker");
            if (!matches || (marker && !key_marker && !marker->empty()) || (!marker && key_marker)) continue;
            if (!best || r.key.size() > best->key.size()) best = &r;
        }
        if (!best) return awsq::error::transport("replay: no recording in " + dir_ + " matches the request " + request.body);
        return awsq::http_response{best->status, {{"Content-Type", "text/xml"}}, best->body};
    }

private:
    std::string dir_;
    std::vector<recording> recordings_;
};

}  // namespace awsq_cli
