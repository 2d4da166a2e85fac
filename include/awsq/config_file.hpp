// The shared config and credentials files (~/.aws/config, ~/.aws/credentials) read as botocore reads them,
// the environment they are found through, the profile name and the region.
#pragma once

#include <awsq/error.hpp>
#include <awsq/operation.hpp>

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsq {

/// How the library reads environment variables: the process's own by default, a map in tests.
/// Reading only; a child process (credential_process) inherits the real environment.
class environment {
public:
    using lookup = std::function<std::optional<std::string>(std::string_view name)>;

    /// The process's environment (getenv).
    environment() : get_(&read_process) {}
    explicit environment(lookup get) : get_(std::move(get)) {}

    static environment process() { return environment{}; }
    /// Exactly these variables, nothing from the process.
    static environment from_map(std::map<std::string, std::string, std::less<>> vars) {
        return environment{[vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
            auto it = vars.find(name);
            if (it == vars.end()) return std::nullopt;
            return it->second;
        }};
    }

    /// The variable's value, empty string included; nullopt when it is not set.
    std::optional<std::string> get(std::string_view name) const { return get_(name); }
    /// The variable's value when it is set and not empty (how botocore reads most of them).
    std::optional<std::string> non_empty(std::string_view name) const {
        auto v = get_(name);
        if (v && v->empty()) return std::nullopt;
        return v;
    }

private:
    static std::optional<std::string> read_process(std::string_view name) {
        const char* v = std::getenv(std::string(name).c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    }
    lookup get_;
};

/// The keys of one section (or profile) and their values. Keys are lower-cased, as botocore's
/// configparser does. A nested block (`s3 =` followed by indented `key = value` lines) is stored
/// as "s3.key" (sub-keys keep their case); the parent key itself is then absent.
using profile_values = std::map<std::string, std::string, std::less<>>;

/// One `[name]` section of a file.
struct config_section {
    std::string name;  // as written between the brackets: "profile dev", "default", "sso-session x"
    profile_values values;
};

/// A parsed shared config or credentials file.
struct config_file {
    std::string name;                      // the path, as errors name it
    std::vector<config_section> sections;  // in file order

    const profile_values* section(std::string_view section_name) const {
        for (const auto& s : sections)
            if (s.name == section_name) return &s.values;
        return nullptr;
    }
};

namespace detail {

inline bool is_config_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline std::string_view trim_config(std::string_view s) noexcept {
    while (!s.empty() && is_config_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_config_space(s.back())) s.remove_suffix(1);
    return s;
}

/// Splits `s` into words as Python's shlex.split does (POSIX mode, no comments): whitespace
/// separates, '...' is literal, "..." lets a backslash escape only `"` and `\`, a bare backslash
/// escapes any character. Nullopt on an unclosed quote or a trailing backslash.
inline std::optional<std::vector<std::string>> shell_split(std::string_view s) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_config_space(c)) {
            if (in_word) words.push_back(std::move(word)), word.clear(), in_word = false;
        } else if (c == '\\') {
            if (++i == s.size()) return std::nullopt;
            word += s[i], in_word = true;
        } else if (c == '\'') {
            const std::size_t end = s.find('\'', i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            word.append(s.substr(i + 1, end - i - 1)), in_word = true, i = end;
        } else if (c == '"') {
            in_word = true;
            for (++i;; ++i) {
                if (i == s.size()) return std::nullopt;
                if (s[i] == '"') break;
                if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
                word += s[i];
            }
        } else {
            word += c, in_word = true;
        }
    }
    if (in_word) words.push_back(std::move(word));
    return words;
}

}  // namespace detail

/// `$NAME` and `${NAME}` replaced by the variables' values as Python's os.path.expandvars does: NAME
/// after a bare `$` is ASCII letters, digits and '_', between braces it is any text up to the first `}`;
/// a variable that is not set, and a `${` never closed, stay as written.
inline std::string expand_variables(std::string_view text, const environment& env = {}) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '$') {
            out += text[i++];
            continue;
        }
        std::size_t end = i + 1;
        std::string_view name;
        if (end < text.size() && text[end] == '{') {
            const auto close = text.find('}', end);
            if (close == std::string_view::npos) {  // not a variable: the '$' as it is, then what follows
                out += text[i++];
                continue;
            }
            name = text.substr(end + 1, close - end - 1);
            end = close + 1;
        } else {
            auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
            while (end < text.size() && word(text[end])) ++end;
            name = text.substr(i + 1, end - i - 1);
        }
        std::optional<std::string> value;
        if (!name.empty() && name.find('\0') == std::string_view::npos) value = env.get(name);
        out.append(value ? std::string_view(*value) : text.substr(i, end - i));
        i = end;
    }
    return out;
}

/// A leading `~` or `~/` replaced by HOME (its trailing '/' dropped) as Python's os.path.expanduser
/// does; unchanged when HOME is not set or the path starts otherwise (`~user` is not looked up).
inline std::string expand_user(std::string_view path, const environment& env = {}) {
    if (!path.starts_with('~') || (path.size() > 1 && path[1] != '/')) return std::string(path);
    auto home = env.get("HOME");
    if (!home) return std::string(path);
    while (!home->empty() && home->back() == '/') home->pop_back();
    std::string out = *home + std::string(path.substr(1));
    return out.empty() ? "/" : out;
}

/// The largest shared config or credentials file awsq reads (16 MiB); a larger one is an error naming it.
/// A profile takes about 200 bytes, so this holds some 80000 profiles: more than the generated config of
/// an organisation with thousands of accounts and a profile per account and role, while a file pointed to
/// by mistake (a log, a disk image) is refused before it is read into memory.
inline constexpr std::uintmax_t max_config_file_size = 16 * 1024 * 1024;

/// Parses a shared config or credentials file as botocore's configparser does: `[section]` headers,
/// `key = value` or `key: value` (split at the first `=` or `:`, both sides trimmed, keys
/// lower-cased), full-line comments starting with `#` or `;` (a `#` later in a line is part of the
/// value), more-indented lines continuing the previous value, and a `[DEFAULT]` section whose keys
/// every other section inherits. A duplicate section or key is an error, as configparser's strict
/// mode makes it. Errors name the file and line, never a value (values may be secrets).
inline result<config_file> parse_config_file(std::string_view text, std::string_view file_name) {
    struct raw_section {
        std::string name;
        std::vector<std::pair<std::string, std::vector<std::string>>> options;  // value lines
        std::set<std::string, std::less<>> keys;  // of options: a duplicate found in log time, not linear
    };
    std::vector<raw_section> raw;
    std::set<std::string, std::less<>> section_names;
    raw_section defaults;
    raw_section* current = nullptr;
    std::vector<std::string>* value = nullptr;  // the option that continuation lines extend
    std::size_t indent_level = 0;
    const auto fail = [&](std::size_t line, std::string message) {
        return error::configuration(std::string(file_name) + ":" + std::to_string(line), std::move(message));
    };

    std::size_t line_number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_number;
        std::string_view stripped = detail::trim_config(line);
        const bool comment = !stripped.empty() && (stripped.front() == '#' || stripped.front() == ';');
        if (comment || stripped.empty()) {
            // A blank line inside a multi-line value is kept (and trailing ones dropped at the end).
            if (!comment && value && !value->empty()) value->emplace_back();
            continue;
        }
        std::size_t indent = 0;
        while (indent < line.size() && detail::is_config_space(line[indent])) ++indent;
        if (current && value && indent > indent_level) {
            value->emplace_back(stripped);
            continue;
        }
        indent_level = indent;
        const std::size_t close = stripped.rfind(']');
        if (stripped.front() == '[' && close != std::string_view::npos && close > 1) {
            std::string name(stripped.substr(1, close - 1));
            value = nullptr;
            if (name == "DEFAULT") {  // configparser's default section: inherited by every other one
                current = &defaults;
                continue;
            }
            if (!section_names.insert(name).second)
                return fail(line_number, "section [" + name + "] appears twice");
            raw.push_back({std::move(name), {}, {}});
            current = &raw.back();
            continue;
        }
        if (!current) return fail(line_number, "a setting before any [section] header");
        const std::size_t delimiter = stripped.find_first_of("=:");
        if (delimiter == std::string_view::npos)
            return fail(line_number, "expected `key = value` or a [section] header");
        std::string key = detail::lower_ascii(detail::trim_config(stripped.substr(0, delimiter)));
        if (key.empty()) return fail(line_number, "a value without a key");
        if (!current->keys.insert(key).second)
            return fail(line_number, "key '" + key + "' appears twice in section [" + current->name + "]");
        current->options.push_back({key, {std::string(detail::trim_config(stripped.substr(delimiter + 1)))}});
        value = &current->options.back().second;
    }

    config_file out{std::string(file_name), {}};
    const auto add = [&](profile_values& values, const std::string& key, std::vector<std::string>& lines,
                         const std::string& section) -> result<void> {
        while (lines.size() > 1 && lines.back().empty()) lines.pop_back();
        if (lines.size() > 1 && lines.front().empty()) {
            // `key =` then indented `sub = value` lines: a nested section (botocore's _parse_nested).
            for (std::size_t i = 1; i < lines.size(); ++i) {
                if (lines[i].empty()) continue;
                const std::size_t eq = lines[i].find('=');
                if (eq == std::string::npos)
                    return error::configuration(std::string(file_name) + " [" + section + "]",
                                                "a line of the nested block '" + key + "' has no '='");
                values[key + "." + std::string(detail::trim_config(std::string_view(lines[i]).substr(0, eq)))] =
                    std::string(detail::trim_config(std::string_view(lines[i]).substr(eq + 1)));
            }
            return {};
        }
        std::string joined;
        for (std::size_t i = 0; i < lines.size(); ++i) joined += (i ? "\n" : "") + lines[i];
        values[key] = std::move(joined);
        return {};
    };
    for (auto& s : raw) {
        config_section section{s.name, {}};
        for (auto& [key, lines] : s.options)
            if (auto r = add(section.values, key, lines, s.name); !r) return std::move(r).error();
        for (auto& [key, lines] : defaults.options) {
            auto copy = lines;
            profile_values inherited;
            if (auto r = add(inherited, key, copy, "DEFAULT"); !r) return std::move(r).error();
            for (auto& [k, v] : inherited) section.values.emplace(k, v);  // the section's own keys win
        }
        out.sections.push_back(std::move(section));
    }
    return out;
}

namespace detail {

/// The file at `path` parsed; nullopt when there is no such file (botocore ignores a missing file).
/// A file larger than max_config_file_size is an error naming it, and is not read.
inline result<std::optional<config_file>> read_config_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::optional<config_file>{};
    const auto too_large = [&] {
        return error::configuration(path, "the file is larger than " + std::to_string(max_config_file_size) +
                                              " bytes, the most awsq reads of a shared config or credentials file");
    };
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_config_file_size)
        return too_large();
    std::ifstream in(path, std::ios::binary);
    if (!in) return error::configuration(path, "the file could not be read");
    std::string text;
    char buffer[65536];
    while (text.size() <= max_config_file_size && in.read(buffer, sizeof buffer).gcount() > 0)
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return error::configuration(path, "the file could not be read");
    if (text.size() > max_config_file_size) return too_large();  // it grew after its size was taken
    auto parsed = parse_config_file(text, path);
    if (!parsed) return std::move(parsed).error();
    return std::optional<config_file>{std::move(*parsed)};
}

}  // namespace detail

/// The value of `key` in a profile (nullptr-safe).
inline std::optional<std::string> value(const profile_values* profile, std::string_view key) {
    if (!profile) return std::nullopt;
    auto it = profile->find(key);
    if (it == profile->end()) return std::nullopt;
    return it->second;
}

/// Both shared files, with their profiles built as botocore builds them.
class shared_config {
public:
    /// Reads the config file (AWS_CONFIG_FILE, else ~/.aws/config) and the credentials file
    /// (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials). A missing file reads as empty; an
    /// unreadable or malformed one is an error naming it.
    static result<shared_config> load(const environment& env = {}) {
        // As botocore's config loader: variables first, then ~ (the AWS CLI's file:// does ~ first).
        auto config_path = [&](const std::string& path) { return expand_user(expand_variables(path, env), env); };
        shared_config out;
        out.config_path_ = config_path(env.non_empty("AWS_CONFIG_FILE").value_or("~/.aws/config"));
        out.credentials_path_ =
            config_path(env.non_empty("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"));
        auto config = detail::read_config_file(out.config_path_);
        if (!config) return std::move(config).error();
        auto credentials = detail::read_config_file(out.credentials_path_);
        if (!credentials) return std::move(credentials).error();
        out.build(config->value_or(config_file{out.config_path_, {}}),
                  credentials->value_or(config_file{out.credentials_path_, {}}));
        return out;
    }

    /// From files already parsed (tests, or files kept elsewhere).
    static shared_config from_files(config_file config, config_file credentials) {
        shared_config out;
        out.config_path_ = config.name;
        out.credentials_path_ = credentials.name;
        out.build(std::move(config), std::move(credentials));
        return out;
    }

    const std::string& config_path() const noexcept { return config_path_; }
    const std::string& credentials_path() const noexcept { return credentials_path_; }

    /// The profile: the config file's values, overridden key by key by the credentials file's.
    /// nullptr when the profile is in neither file.
    const profile_values* profile(std::string_view name) const { return find(merged_, name); }
    /// The profile as the config file alone has it (`[profile name]`, `[default]`).
    const profile_values* config_profile(std::string_view name) const { return find(config_, name); }
    /// The profile as the credentials file alone has it (`[name]`).
    const profile_values* credentials_profile(std::string_view name) const { return find(credentials_, name); }
    /// A non-profile section of the config file ("sso-session x", "services x", ...).
    const profile_values* config_section(std::string_view name) const { return config_file_.section(name); }

    std::optional<std::string> value(std::string_view profile_name, std::string_view key) const {
        return awsq::value(profile(profile_name), key);
    }

    /// The profile to use: `explicit_profile` (client_options.profile / --profile), else
    /// AWS_DEFAULT_PROFILE, else AWS_PROFILE (botocore reads both, in this order), else "default".
    /// A profile so named must exist in one of the files, even "default"; the implicit "default"
    /// need not.
    result<std::string> resolve_profile(const std::optional<std::string>& explicit_profile,
                                        const environment& env) const {
        std::string name = explicit_profile.value_or("");
        if (name.empty()) name = env.non_empty("AWS_DEFAULT_PROFILE").value_or("");
        if (name.empty()) name = env.non_empty("AWS_PROFILE").value_or("");
        if (name.empty()) return std::string("default");
        if (!profile(name))
            return error::configuration("profile " + name, "The config profile (" + name +
                                                               ") could not be found in " + config_path_ +
                                                               " or " + credentials_path_);
        return name;
    }

private:
    using profile_map = std::map<std::string, profile_values, std::less<>>;

    static const profile_values* find(const profile_map& map, std::string_view name) {
        auto it = map.find(name);
        return it == map.end() ? nullptr : &it->second;
    }

    void build(config_file config, config_file credentials) {
        for (const auto& s : config.sections) {
            // botocore's build_profile_map: "[profile NAME]" (split shell-like, exactly two words; a
            // later section of the same profile replaces an earlier one, so `[profile default]`
            // after `[default]` wins) and "[default]". Other sections are not profiles.
            if (s.name.starts_with("profile")) {
                auto words = detail::shell_split(s.name);
                if (words && words->size() == 2) config_[(*words)[1]] = s.values;
            } else if (s.name == "default") {
                config_["default"] = s.values;
            }
        }
        for (const auto& s : credentials.sections) credentials_[s.name] = s.values;  // every section
        merged_ = config_;
        for (const auto& [name, values] : credentials_) {
            auto& profile = merged_[name];  // an empty section still makes the profile exist
            for (const auto& [k, v] : values) profile[k] = v;
        }
        config_file_ = std::move(config);
    }

    std::string config_path_, credentials_path_;
    config_file config_file_;
    profile_map config_, credentials_, merged_;
};

/// shared_config::resolve_profile as a free function: the profile name from the options, the
/// environment, else "default"; a named profile must exist.
inline result<std::string> resolve_profile_name(const std::optional<std::string>& explicit_profile,
                                                const environment& env, const shared_config& config) {
    return config.resolve_profile(explicit_profile, env);
}

/// The region calls go to: `explicit_region` (client_options.region / --region), else AWS_REGION,
/// else AWS_DEFAULT_REGION, else the profile's `region`. None of them is a configuration error
/// saying how to set one.
inline result<std::string> resolve_region(const std::optional<std::string>& explicit_region, const environment& env,
                                          const shared_config& config, std::string_view profile_name) {
    if (explicit_region && !explicit_region->empty()) return *explicit_region;
    if (auto r = env.non_empty("AWS_REGION")) return *r;
    if (auto r = env.non_empty("AWS_DEFAULT_REGION")) return *r;
    if (auto r = config.value(profile_name, "region"); r && !r->empty()) return *r;
    return error::configuration(
        "region", "No region is configured. Pass one (--region on the command line, client_options.region in "
                  "C++), set AWS_REGION or AWS_DEFAULT_REGION, or add `region = ...` to the profile (" +
                      std::string(profile_name) + ") in " + config.config_path() + ".");
}

}  // namespace awsq
