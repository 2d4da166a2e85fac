// The awsq command line's argument parsing that is not a template, compiled once (command_line.hpp declares it).
#include "command_line.hpp"

#include <awsq/config_file.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace awsq_cli {

namespace {
class shorthand_parser {
public:
    static std::variant<boost::json::value, usage_error> parse(const std::string& flag, std::string_view text) {
        shorthand_parser p(flag, text);
        auto v = p.parameter();
        if (p.failure_ && p.failure_->file) return *p.failure_->file;
        if (p.failure_) return parameter_error(flag, p.message());
        return boost::json::value(std::move(v));
    }

private:
    struct failure {
        std::string what;  // the message up to " for input:"
        std::size_t at;
        std::string after{};                  // said after the input
        std::optional<usage_error> file{};   // a file after `@=` could not be read: reported as it is
    };

    shorthand_parser(const std::string& flag, std::string_view text) : flag_(flag), in_(text) {}

    const std::string& flag_;
    std::string_view in_;
    std::size_t at_ = 0;
    std::size_t depth_ = 0;
    std::optional<failure> failure_;
    bool files_ = false;  // after `key@=`: file:// and fileb:// values are the files' contents

    bool eof() const { return at_ >= in_.size(); }
    int current() const { return eof() ? -1 : static_cast<unsigned char>(in_[at_]); }

    static bool whitespace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }  // Python's string.whitespace
    static bool space(int c) { return whitespace(c) || (c >= 0x1c && c <= 0x1f); }    // the regex's \s
    // Which bytes may start a value, follow in the first value of a key, follow in the ones after a comma.
    static bool starts(int c) {
        return c >= 0x80 || c == '!' || (c >= '#' && c <= '&') || (c >= '(' && c <= '+') || (c >= '-' && c <= '<') ||
               (c >= '>' && c <= 'Z') || (c >= '\\' && c <= 'z') || (c >= '|' && c <= 0x7f);
    }
    static bool follows_first(int c) {
        return space(c) || c >= 0x80 || c == '!' || (c >= '#' && c <= '&') || (c >= '(' && c <= '+') ||
               (c >= '-' && c <= '\\') || (c >= '^' && c <= '|') || c == '~' || c == 0x7f;
    }
    static bool follows_second(int c) {
        return space(c) || c == '!' || (c >= '#' && c <= '&') || (c >= '(' && c <= '+') || (c >= '-' && c <= '<') ||
               c >= '>';
    }

    void fail(std::string what, std::size_t at, std::string after = {}) {
        if (!failure_) failure_ = failure{std::move(what), at, std::move(after)};
    }
    void fail_expected(std::string_view expected, std::string_view actual, std::size_t at) {
        fail("Expected: '" + std::string(expected) + "', received: '" + std::string(actual) + "'", at);
    }

    /// The AWS CLI's error location: the input up to the line of the error, a caret under it, the rest;
    /// the column counted in characters from the line's start.
    std::string message() const {
        const std::size_t at = std::min(failure_->at, in_.size());
        std::size_t line_start = 0;
        if (const auto newline = at == 0 ? std::string_view::npos : in_.rfind('\n', at - 1);
            newline != std::string_view::npos)
            line_start = newline + 1;
        std::size_t column = 0;
        for (std::size_t i = line_start; i < at; ++i)
            if ((static_cast<unsigned char>(in_[i]) & 0xc0) != 0x80) ++column;
        const std::size_t line_end = std::min(in_.find('\n', at), in_.size());
        return failure_->what + " at column " + std::to_string(column + 1) + " for input:\n" +
               std::string(in_.substr(0, line_end)) + '\n' + std::string(column, ' ') + '^' +
               std::string(in_.substr(line_end)) + failure_->after;
    }

    void skip_whitespace() {
        while (!eof() && whitespace(current())) ++at_;
    }
    bool expect(char c, bool skip = false) {
        if (skip) skip_whitespace();
        if (eof()) return fail_expected(std::string(1, c), "EOF", at_), false;
        if (in_[at_] != c) return fail_expected(std::string(1, c), character(at_), at_), false;
        ++at_;
        if (skip) skip_whitespace();
        return true;
    }
    std::string character(std::size_t at) const {  // the whole UTF-8 sequence at `at`
        std::size_t end = at + 1;
        while (end < in_.size() && (static_cast<unsigned char>(in_[end]) & 0xc0) == 0x80) ++end;
        return std::string(in_.substr(at, end - at));
    }

    boost::json::object parameter() {
        boost::json::object out;
        std::size_t last = at_;
        auto [key, value] = keyval();
        if (failure_) return out;
        out[key] = std::move(value);
        last = at_;
        while (!eof()) {
            if (!expect(',', true)) return out;
            auto [k, v] = keyval();
            if (failure_) return out;
            if (out.contains(k)) {
                fail("Second instance of key \"" + k + "\" encountered", last + 1,
                     "\nThis is often because there is a preceding \",\" instead of a space.");
                return out;
            }
            out[k] = std::move(v);
            last = at_;
        }
        return out;
    }

    std::pair<std::string, boost::json::value> keyval() {
        std::string key = this->key();
        if (!assignment()) return {key, nullptr};
        return {key, values()};
    }

    /// `=`, or `@=` (then a value that is a file:// or fileb:// path is read, as the AWS CLI does).
    bool assignment() {
        skip_whitespace();
        files_ = current() == '@';
        if (files_) ++at_;
        return expect('=', true);
    }

    /// A value as written, or after `@=` the file it names: text, or bytes as {"@fileb": bytes} (no key
    /// holds '@') for shorthand_types to make base64 for a blob member.
    boost::json::value value(std::string text) {
        if (!files_) return boost::json::value(std::move(text));
        auto file = read_param_file(flag_, text);
        if (!file) return boost::json::value(std::move(text));
        if (auto* e = std::get_if<usage_error>(&*file)) {
            if (!failure_) failure_ = failure{{}, at_, {}, std::move(*e)};
            return nullptr;
        }
        auto& loaded = std::get<param_file>(*file);
        if (!loaded.bytes) return boost::json::value(std::move(loaded.content));
        return boost::json::object{{file_bytes_key, std::move(loaded.content)}};
    }

    std::string key() {
        const std::size_t start = at_;
        while (!eof() && (std::isalnum(current()) || (current() != 0 && std::strchr("-_.#/:", current())))) ++at_;
        return std::string(in_.substr(start, at_ - start));
    }

    boost::json::value values() {
        if (eof()) return "";
        if (current() == '[') return explicit_list();
        if (current() == '{') return hash_literal();
        return csv_value();
    }

    /// `a=b` (a string) or `a=b,c,d` (a list), ending before a `,key=`.
    boost::json::value csv_value() {
        boost::json::value first = first_value();
        if (failure_) return nullptr;
        skip_whitespace();
        if (eof() || in_[at_] != ',') return first;
        expect(',', true);
        boost::json::array list{first};
        for (;;) {
            auto next = second_value();
            if (!failure_) skip_whitespace();
            if (!failure_ && eof()) {
                list.push_back(std::move(next));
                break;
            }
            if (!failure_ && expect(',', true)) {
                list.push_back(std::move(next));
                continue;
            }
            // Not a value: the comma before it separates keys. Back to it (an error at the end stays one,
            // and so does a file that could not be read, as in the AWS CLI).
            if (eof() || failure_->file) return nullptr;
            failure_.reset();
            while (at_ > 0 && in_[at_] != ',') --at_;
            break;
        }
        if (list.size() == 1) return first;
        return list;
    }

    /// A run of bytes matched as the AWS CLI's value regexes match: `\,` is an escaped comma anywhere.
    std::size_t run(bool (*follows)(int)) const {
        std::size_t end = at_;
        auto escaped_comma = [&](std::size_t i) { return i + 1 < in_.size() && in_[i] == '\\' && in_[i + 1] == ','; };
        if (escaped_comma(end)) end += 2;
        else if (end < in_.size() && starts(static_cast<unsigned char>(in_[end]))) ++end;
        else return 0;
        for (;;) {
            if (escaped_comma(end)) end += 2;
            else if (end < in_.size() && follows(static_cast<unsigned char>(in_[end]))) ++end;
            else return end - at_;
        }
    }
    static std::string unescape_commas_and_trim(std::string_view text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ',') ++i;
            out += text[i];
        }
        while (!out.empty() && space(static_cast<unsigned char>(out.back()))) out.pop_back();
        return out;
    }

    boost::json::value first_value() {
        if (current() == '\'' || current() == '"') return quoted(static_cast<char>(current()));
        const std::size_t n = run(follows_first);
        std::string v = unescape_commas_and_trim(in_.substr(at_, n));
        at_ += n;
        return value(std::move(v));
    }

    boost::json::value second_value() {
        if (current() == '\'' || current() == '"') return quoted(static_cast<char>(current()));
        const std::size_t n = run(follows_second);
        if (n == 0) return fail_expected("<second>", "<none>", at_), nullptr;
        std::string v = unescape_commas_and_trim(in_.substr(at_, n));
        at_ += n;
        return value(std::move(v));
    }

    /// 'text' or "text": a backslash escapes the quote and itself. Without a closing quote, the regex the
    /// AWS CLI uses backtracks to the last escaped quote and ends there.
    boost::json::value quoted(char q) {
        std::size_t i = at_ + 1, last_escaped = std::string_view::npos;
        while (i < in_.size() && in_[i] != q) {
            if (in_[i] == '\\' && i + 1 < in_.size() && in_[i + 1] == q) last_escaped = i + 1, i += 2;
            else ++i;
        }
        if (i >= in_.size()) {
            if (last_escaped == std::string_view::npos)
                return fail_expected(q == '"' ? "<double quoted>" : "<singled quoted>", "<none>", at_), nullptr;
            i = last_escaped;
        }
        std::string_view body = in_.substr(at_ + 1, i - at_ - 1);
        at_ = i + 1;
        std::string once, out;
        for (std::size_t k = 0; k < body.size(); ++k) {  // \q -> q, then \\ -> \, as two passes
            if (body[k] == '\\' && k + 1 < body.size() && body[k + 1] == q) ++k;
            once += body[k];
        }
        for (std::size_t k = 0; k < once.size(); ++k) {
            if (once[k] == '\\' && k + 1 < once.size() && once[k + 1] == '\\') ++k;
            out += once[k];
        }
        return value(std::move(out));
    }

    bool deeper() {
        if (++depth_ <= awsq::json_limits{}.max_depth) return true;
        fail("nested deeper than " + std::to_string(awsq::json_limits{}.max_depth) + " levels", at_);
        return false;
    }

    boost::json::value explicit_list() {
        boost::json::array out;
        if (!deeper() || !expect('[', true)) return nullptr;
        while (current() != ']') {
            out.push_back(explicit_value());
            if (failure_) return nullptr;
            skip_whitespace();
            if (current() != ']') {
                if (!expect(',')) return nullptr;
                skip_whitespace();
            }
        }
        expect(']');
        --depth_;
        return out;
    }

    boost::json::value explicit_value() {
        if (current() == '[') return explicit_list();
        if (current() == '{') return hash_literal();
        return first_value();
    }

    boost::json::value hash_literal() {
        boost::json::object out;
        if (!deeper() || !expect('{', true)) return nullptr;
        while (current() != '}') {
            std::string k = key();
            if (!assignment()) return nullptr;
            auto v = explicit_value();
            if (failure_) return nullptr;
            skip_whitespace();
            if (current() != '}') {
                if (!expect(',')) return nullptr;
                skip_whitespace();
            }
            out[k] = std::move(v);
        }
        expect('}');
        --depth_;
        return out;
    }
};
}  // namespace

std::variant<boost::json::value, usage_error> parse_shorthand(const std::string& flag, std::string_view text) {
    return shorthand_parser::parse(flag, text);
}

std::string kebab(std::string_view name) {
    std::size_t plural = name.size();  // where a trailing [A-Z]{2,}s starts
    if (name.size() >= 3 && name.back() == 's') {
        std::size_t at = name.size() - 1;
        while (at > 0 && std::isupper(static_cast<unsigned char>(name[at - 1]))) --at;
        if (name.size() - 1 - at >= 2) plural = at;
    }
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (i == plural && i > 0) out += '-';
        else if (std::isupper(c) && i > 0 && i < plural) {
            const auto prev = static_cast<unsigned char>(name[i - 1]);
            const bool next_lower = i + 1 < plural && std::islower(static_cast<unsigned char>(name[i + 1]));
            if (std::islower(prev) || std::isdigit(prev) || (std::isupper(prev) && next_lower)) out += '-';
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

std::variant<invocation, usage_error> read_invocation(const command_line& cl) {
    std::vector<std::string> words = cl.positional;
    invocation out;
    out.help = cl.switches.contains("help");
    if (!words.empty() && words.back() == "help") out.help = true, words.pop_back();
    if (!words.empty() && words.front() == "parse") out.parse_mode = true, words.erase(words.begin());
    if (!out.parse_mode && words.size() > 1 && words[1] == "wait") out.wait_mode = true, words.erase(words.begin() + 1);
    if (words.size() > 2) return usage_error{"unexpected argument " + words[2]};
    if (!words.empty()) out.service = words[0];
    if (words.size() > 1) out.operation = words[1];
    return out;
}

std::size_t invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > text.size()) return i;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return i;
        i += n;
    }
    return text.size();
}

std::variant<boost::json::value, usage_error> parse_json_argument(const std::string& flag, std::string_view text) {
    constexpr awsq::json_limits limits_of_awsq{};
    if (text.size() > limits_of_awsq.max_size)
        return usage_error{flag + ": JSON text longer than the limit of " + std::to_string(limits_of_awsq.max_size) +
                           " bytes"};
    boost::system::error_code ec;
    boost::json::parse_options limits;
    limits.max_depth = limits_of_awsq.max_depth;
    boost::json::stream_parser parser({}, limits);
    const std::size_t used = parser.write_some(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (!ec) return parser.release();
    std::size_t at = std::min(used, text.size());
    std::string why = ec.message();
    if (ec == boost::json::error::too_deep)
        why = "nested deeper than " + std::to_string(limits_of_awsq.max_depth) + " levels";
    if (const auto bad = invalid_utf8(text); bad < text.size()) at = bad, why = "invalid UTF-8";
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
    }
    return usage_error{flag + ": not JSON: " + why + " at line " + std::to_string(line) + ", column " +
                       std::to_string(column)};
}

std::variant<std::string, usage_error> read_argument_file(const std::string& text) {
    if (!text.starts_with("@")) return text;
    std::error_code fs_error;
    if (std::filesystem::is_directory(text.substr(1), fs_error))
        return usage_error{"cannot read " + text.substr(1) + ": it is a directory"};
    std::ifstream in(text.substr(1), std::ios::binary);
    if (!in) return usage_error{"cannot read " + text.substr(1) + ": " + std::strerror(errno)};
    std::string out;
    char buffer[65536];
    while (out.size() <= awsq::json_limits{}.max_size && in.read(buffer, sizeof buffer).gcount() > 0)
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
    return out;
}

usage_error parameter_error(const std::string& flag, const std::string& why) {
    return usage_error{"Error parsing parameter '--" + flag + "': " + why};
}

std::optional<std::variant<param_file, usage_error>> read_param_file(const std::string& flag,
                                                                     const std::string& value) {
    const bool bytes = value.starts_with("fileb://");
    if (!bytes && !value.starts_with("file://")) return std::nullopt;
    // As the AWS CLI: ~ is the home directory, then $VAR and ${VAR} are the environment's.
    const std::string path = awsq::expand_variables(awsq::expand_user(value.substr(bytes ? 8 : 7)));
    auto failed = [&](const std::string& why) {
        return parameter_error(flag, "Unable to load paramfile " + value + ": " + why);
    };
    std::error_code fs_error;
    if (std::filesystem::is_directory(path, fs_error)) return failed("Is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return failed(std::strerror(errno));
    param_file out{{}, bytes};
    const std::size_t limit = awsq::json_limits{}.max_size;
    char buffer[65536];
    while (out.content.size() <= limit && in.read(buffer, sizeof buffer).gcount() > 0)
        out.content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.content.size() > limit) return failed("larger than the limit of " + std::to_string(limit) + " bytes");
    if (!bytes && invalid_utf8(out.content) < out.content.size())
        return parameter_error(flag, "Unable to load paramfile (" + path +
                                         "), text contents could not be decoded.  If this is a binary file, please "
                                         "use the fileb:// prefix instead of the file:// prefix.");
    return out;
}

std::string base64(std::string_view bytes) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? digits[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? digits[n & 63] : '=';
    }
    return out;
}

bool looks_like_json(std::string_view text, std::string_view openers) {
    const auto first = text.find_first_not_of(" \t\n\r\v\f");
    return first != std::string_view::npos && openers.find(text[first]) != std::string_view::npos;
}

bool old_list_case(std::string_view service_id, std::string_view operation, std::string_view flag) {
    // awscli/argprocess.py keeps these (the query services' ones: ELB's); its service id is hyphenated.
    struct flag_case {
        std::string_view operation, flag;
    };
    static constexpr flag_case elb[] = {{"remove-tags", "tags"},
                                        {"describe-instance-health", "instances"},
                                        {"deregister-instances-from-load-balancer", "instances"},
                                        {"register-instances-with-load-balancer", "instances"}};
    if (service_id != "Elastic Load Balancing") return false;
    const auto name = kebab(operation);
    return std::any_of(std::begin(elb), std::end(elb), [&](const flag_case& c) { return c.operation == name && c.flag == flag; });
}

std::variant<call_arguments, usage_error> read_call_arguments(command_line& cl) {
    call_arguments out;
    out.region = cl.take("region");
    if (out.region) out.call.region = *out.region;
    std::optional<usage_error> bad;
    auto number = [&](const char* name, auto& field) {
        if (auto text = cl.take(name)) {
            auto v = flag_value<std::remove_cvref_t<decltype(field)>>(name, *text);
            if (auto* e = std::get_if<usage_error>(&v)) bad = *e;
            else if (auto* j = std::get_if<boost::json::value>(&v))  // in range: flag_value read it as field's type
                field = static_cast<typename std::remove_cvref_t<decltype(field)>::value_type>(j->as_int64());
        }
    };
    number("max-items", out.pages.max_items);
    number("page-size", out.pages.page_size);
    out.pages.starting_token = cl.take("starting-token");
    out.replay = cl.take("replay");
    out.endpoint_url = cl.take("endpoint-url");
    out.profile = cl.take("profile");
    // --cli-connect-timeout / --cli-read-timeout: whole seconds, as the AWS CLI takes them; 0: none.
    for (auto [name, field] : {std::pair{"cli-connect-timeout", &out.connect_timeout},
                               std::pair{"cli-read-timeout", &out.read_timeout}}) {
        if (auto text = cl.take(name)) {
            std::int64_t seconds = -1;
            const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
            if (ec != std::errc{} || p != text->data() + text->size() || seconds < 0 || seconds > 2'000'000)
                bad = usage_error{std::string("--") + name +
                                  ": expected a whole number of seconds from 0 to 2000000, got \"" + *text + '"'};
            else *field = std::chrono::seconds(seconds);
        }
    }
    if (auto text = cl.take("query")) {
        // As the AWS CLI: a bad expression stops the command before any call, naming the column.
        auto compiled = awsq::jmespath::compile(*text);
        if (!compiled) bad = usage_error{"--query: " + compiled.error().message()};
        else out.query = std::move(*compiled);
    }
    if (auto text = cl.take("output")) {
        out.output = output_format_named(*text);
        if (!out.output)
            bad = usage_error{"--output: invalid choice \"" + *text + "\", valid choices are: json | text | table"};
    }
    if (auto text = cl.take("cli-timestamp-format")) {
        if (*text == "iso8601" || *text == "wire") out.iso8601_timestamps = *text == "iso8601";
        else bad = usage_error{"--cli-timestamp-format: invalid choice \"" + *text + "\", valid choices are: wire | iso8601"};
    }
    if (!bad) bad = cl.leftovers();
    if (bad) return *bad;
    return out;
}

std::variant<int, usage_error> read_status(command_line& cl) {
    int status = 200;
    if (auto text = cl.take("status")) {
        const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), status);
        if (ec != std::errc{} || p != text->data() + text->size())
            return usage_error{"--status: \"" + *text + "\" is not a number"};
    }
    return status;
}

}  // namespace awsq_cli
