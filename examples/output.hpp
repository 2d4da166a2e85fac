// The awsq command line's output formats over boost::json::value, as the AWS CLI writes them:
// json (indented by 4), text (awscli/text.py: tab-separated rows) and table (awscli/table.py: boxes).
#pragma once

#include <awsq/json.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sys/ioctl.h>
#include <unistd.h>

namespace awsq_cli {

enum class output_format { json, text, table };

inline std::optional<output_format> output_format_named(std::string_view name) {
    if (name == "json") return output_format::json;
    if (name == "text") return output_format::text;
    if (name == "table") return output_format::table;
    return std::nullopt;
}

// ---- json -----------------------------------------------------------------------------------------

/// As Python's json.dump(indent=4, ensure_ascii=False).
inline void print_json(std::ostream& out, const boost::json::value& v, int indent = 0) {
    const std::string pad(static_cast<std::size_t>(indent + 4), ' '), close(static_cast<std::size_t>(indent), ' ');
    switch (v.kind()) {
        case boost::json::kind::object: {
            const auto& o = v.get_object();
            if (o.empty()) { out << "{}"; return; }
            out << "{\n";
            for (auto it = o.begin(); it != o.end(); ++it) {
                out << pad << boost::json::serialize(boost::json::string_view(it->key())) << ": ";
                print_json(out, it->value(), indent + 4);
                out << (std::next(it) == o.end() ? "\n" : ",\n");
            }
            out << close << '}';
            return;
        }
        case boost::json::kind::array: {
            const auto& a = v.get_array();
            if (a.empty()) { out << "[]"; return; }
            out << "[\n";
            for (std::size_t i = 0; i < a.size(); ++i) {
                out << pad;
                print_json(out, a[i], indent + 4);
                out << (i + 1 == a.size() ? "\n" : ",\n");
            }
            out << close << ']';
            return;
        }
        case boost::json::kind::double_: out << awsq::python_str(v); return;
        default: out << boost::json::serialize(v);
    }
}

/// The AWS CLI's json output: nothing for an empty object (an operation without output), else the value.
inline void format_json(std::ostream& out, const boost::json::value& v) {
    if (v.is_object() && v.get_object().empty()) return;
    print_json(out, v);
    out << '\n';
}

// ---- text -----------------------------------------------------------------------------------------

inline bool is_scalar(const boost::json::value& v) { return !v.is_object() && !v.is_array(); }

/// Keys of an object in Python's sorted() order (code points: UTF-8 bytes compare the same way).
inline std::vector<std::string> sorted_keys(const boost::json::object& o) {
    std::vector<std::string> keys;
    for (const auto& kv : o) keys.emplace_back(kv.key());
    std::sort(keys.begin(), keys.end());
    return keys;
}

namespace text_detail {

inline std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

inline void format(std::ostream& out, const boost::json::value& item, const std::string* identifier,
            const std::vector<std::string>* scalar_keys);

inline void format_scalar_list(std::ostream& out, const std::vector<const boost::json::value*>& items,
                               const std::string* identifier) {
    if (identifier) {
        for (const auto* item : items) out << upper(*identifier) << '\t' << awsq::python_str(*item) << '\n';
        return;
    }
    for (std::size_t i = 0; i < items.size(); ++i) out << (i ? "\t" : "") << awsq::python_str(*items[i]);
    out << '\n';
}

inline void format_list(std::ostream& out, const boost::json::array& list, const std::string* identifier) {
    if (list.empty()) return;
    const bool has_object = std::any_of(list.begin(), list.end(), [](const auto& e) { return e.is_object(); });
    const bool has_array = std::any_of(list.begin(), list.end(), [](const auto& e) { return e.is_array(); });
    if (has_object) {
        // One row per structure, with the columns of every structure's scalar members (absent: empty).
        std::set<std::string> keys;
        for (const auto& e : list)
            if (const auto* o = e.if_object())
                for (const auto& kv : *o)
                    if (is_scalar(kv.value())) keys.emplace(kv.key());
        const std::vector<std::string> all(keys.begin(), keys.end());
        for (const auto& e : list) format(out, e, identifier, &all);
    } else if (has_array) {
        std::vector<const boost::json::value*> scalars;
        for (const auto& e : list)
            if (is_scalar(e)) scalars.push_back(&e);
        if (!scalars.empty()) format_scalar_list(out, scalars, identifier);
        for (const auto& e : list)
            if (!is_scalar(e)) format(out, e, identifier, nullptr);
    } else {
        std::vector<const boost::json::value*> scalars;
        for (const auto& e : list) scalars.push_back(&e);
        format_scalar_list(out, scalars, identifier);
    }
}

inline void format_object(std::ostream& out, const boost::json::object& o, const std::string* identifier,
                          const std::vector<std::string>* scalar_keys) {
    std::vector<std::string> scalars, rest;
    if (!scalar_keys) {
        for (const auto& key : sorted_keys(o)) {
            const auto& v = o.at(key);
            if (is_scalar(v)) scalars.push_back(awsq::python_str(v));
            else rest.push_back(key);
        }
    } else {
        for (const auto& key : *scalar_keys) {
            const auto* v = o.if_contains(key);
            scalars.push_back(v ? awsq::python_str(*v) : std::string());
        }
        for (const auto& key : sorted_keys(o))
            if (!std::binary_search(scalar_keys->begin(), scalar_keys->end(), key)) rest.push_back(key);
    }
    if (!scalars.empty()) {
        if (identifier) scalars.insert(scalars.begin(), upper(*identifier));
        for (std::size_t i = 0; i < scalars.size(); ++i) out << (i ? "\t" : "") << scalars[i];
        out << '\n';
    }
    for (const auto& key : rest) format(out, o.at(key), &key, nullptr);
}

inline void format(std::ostream& out, const boost::json::value& item, const std::string* identifier,
                   const std::vector<std::string>* scalar_keys) {
    if (const auto* o = item.if_object()) format_object(out, *o, identifier, scalar_keys);
    else if (const auto* a = item.if_array()) format_list(out, *a, identifier);
    else out << awsq::python_str(item) << '\n';
}

}  // namespace text_detail

/// The AWS CLI's text output of one value (awscli/text.py's format_text).
inline void format_text(std::ostream& out, const boost::json::value& v) { text_detail::format(out, v, nullptr, nullptr); }

// ---- table ----------------------------------------------------------------------------------------

namespace table_detail {

/// Width of a cell: code points (the AWS CLI counts East Asian wide characters twice; awsq does not).
inline std::size_t text_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

inline std::string spaces(long n) { return std::string(n > 0 ? static_cast<std::size_t>(n) : 0, ' '); }

inline std::string center_text(const std::string& text, long length, std::string_view left = "|",
                               std::string_view right = "|") {
    const long size = static_cast<long>(text_length(text));
    const long start = length / 2 - size / 2 - 1;
    std::string out = std::string(left) + spaces(start) + text;
    const long so_far = static_cast<long>(left.size()) + start + size;
    return out + spaces(length - static_cast<long>(right.size()) - so_far) + std::string(right);
}

inline std::string align_left(const std::string& text, long length, std::string_view left, std::string_view right) {
    const long size = static_cast<long>(text_length(text));
    const long computed = size + 2 + static_cast<long>(left.size() + right.size());
    const long padding = length - computed >= 0 ? 2 : 0;
    return std::string(left) + spaces(padding) + text +
           spaces(length - static_cast<long>(left.size()) - padding - size - static_cast<long>(right.size())) +
           std::string(right);
}

struct section {
    std::string title;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    long indent = 0;
    std::vector<long> max_widths;

    void update_widths(const std::vector<std::string>& row) {
        if (max_widths.empty()) {
            for (const auto& cell : row) max_widths.push_back(static_cast<long>(text_length(cell)));
            return;
        }
        for (std::size_t i = 0; i < row.size() && i < max_widths.size(); ++i)
            max_widths[i] = std::max(max_widths[i], static_cast<long>(text_length(row[i])));
    }
    void add_header(std::vector<std::string> h) {
        update_widths(h);
        headers = std::move(h);
    }
    void add_row(std::vector<std::string> row) {
        update_widths(row);
        rows.push_back(std::move(row));
    }

    /// The column widths scaled to fill `max_width`, as table.py rounds them (half to even) and evens them out.
    std::vector<long> column_widths(long padding, long max_width) const {
        std::vector<long> widths;
        long sum = 0;
        for (const long w : max_widths) widths.push_back(w + padding), sum += w + padding;
        if (widths.empty()) return widths;
        const double scale = static_cast<double>(max_width) / static_cast<double>(sum);
        long total = 0;
        for (auto& w : widths) total += (w = static_cast<long>(std::nearbyint(scale * static_cast<double>(w))));
        long off_by = total - max_width;
        while (off_by != 0) {
            const auto n = static_cast<long>(widths.size());
            for (long k = 0; k < n && off_by != 0; ++k) {
                const auto i = static_cast<std::size_t>(off_by > 0 ? k : n - 1 - k);
                if (off_by > 0) --widths[i], --off_by;
                else ++widths[i], ++off_by;
            }
        }
        return widths;
    }

    long total_width() const {
        long total = 2 + 2 * indent;
        for (const long w : max_widths) total += w + 4;
        return std::max(static_cast<long>(text_length(title)) + 2 + 2 * indent, total);
    }
};

class multi_table {
public:
    void new_section(const std::string& title, long indent) {
        sections_.emplace_back();
        sections_.back().title = title;
        sections_.back().indent = indent;
    }
    section& current() { return sections_.back(); }

    void render(std::ostream& out, long terminal_width) {
        long max_width = width();
        if (max_width > terminal_width) {
            // Too wide: every single-row section with headers turns into header | value rows.
            for (auto& s : sections_) {
                if (s.rows.size() != 1 || s.headers.empty()) continue;
                section v;
                v.title = s.title;
                v.indent = s.indent;
                for (std::size_t i = 0; i < s.headers.size() && i < s.rows[0].size(); ++i)
                    v.add_row({s.headers[i], s.rows[0][i]});
                s = std::move(v);
            }
            max_width = width();
        }
        out << std::string(static_cast<std::size_t>(max_width), '-') << '\n';
        for (const auto& s : sections_) render_section(out, s, max_width - 2 * s.indent);
    }

private:
    long width() const {
        long w = 0;
        for (const auto& s : sections_) w = std::max(w, s.total_width());
        return w;
    }

    static void line(std::ostream& out, long indent, const std::string& text) {
        const std::string bars(static_cast<std::size_t>(indent), '|');
        out << bars << text << bars << '\n';
    }

    static std::string line_break(const std::vector<long>& widths) {
        std::string out;
        for (std::size_t i = 0; i < widths.size(); ++i)
            out += i == 0 ? '+' + std::string(static_cast<std::size_t>(std::max(0L, widths[i] - 2)), '-') + '+'
                          : std::string(static_cast<std::size_t>(std::max(0L, widths[i] - 1)), '-') + '+';
        return out;
    }

    static void render_section(std::ostream& out, const section& s, long max_width) {
        if (!s.title.empty()) {
            line(out, s.indent, center_text(s.title, max_width));
            if (s.headers.empty() && s.rows.empty())
                line(out, s.indent, '+' + std::string(static_cast<std::size_t>(std::max(0L, max_width - 2)), '-') + '+');
        }
        if (!s.headers.empty()) {
            const auto widths = s.column_widths(4, max_width);
            line(out, s.indent, line_break(widths));
            std::string text;
            for (std::size_t i = 0; i < widths.size() && i < s.headers.size(); ++i)
                text += center_text(s.headers[i], widths[i], i == 0 ? "|" : "", "|");
            line(out, s.indent, text);
        }
        if (s.rows.empty()) return;
        const auto widths = s.column_widths(4, max_width);
        if (widths.empty()) return;
        line(out, s.indent, line_break(widths));
        for (const auto& row : s.rows) {
            std::string text;
            for (std::size_t i = 0; i < widths.size() && i < row.size(); ++i)
                text += align_left(row[i], widths[i], i == 0 ? "|" : "", "|");
            line(out, s.indent, text);
        }
        line(out, s.indent, line_break(widths));
    }

    std::vector<section> sections_;
};

/// awscli's TableFormatter: scalar members as a header row and a value row, the rest as nested sections.
class builder {
public:
    explicit builder(multi_table& t) : table_(t) {}

    static bool falsy(const boost::json::value& v) {
        switch (v.kind()) {
            case boost::json::kind::null: return true;
            case boost::json::kind::object: return v.get_object().empty();
            case boost::json::kind::array: return v.get_array().empty();
            case boost::json::kind::string: return v.get_string().empty();
            case boost::json::kind::bool_: return !v.get_bool();
            case boost::json::kind::int64: return v.get_int64() == 0;
            case boost::json::kind::uint64: return v.get_uint64() == 0;
            case boost::json::kind::double_: return v.get_double() == 0;
        }
        return false;
    }

    bool build(const std::string* title, const boost::json::value& current, long indent) {
        if (falsy(current)) return false;
        if (title) table_.new_section(*title, indent);
        if (const auto* list = current.if_array()) {
            if ((*list)[0].is_object()) {
                from_list(*list, indent, title);
            } else {
                for (const auto& item : *list) {
                    if (is_scalar(item)) {
                        table_.current().add_row({awsq::python_str(item)});
                    } else if (const auto* inner = item.if_array();
                               inner && std::all_of(inner->begin(), inner->end(), is_scalar)) {
                        std::vector<std::string> row;
                        for (const auto& e : *inner) row.push_back(awsq::python_str(e));
                        table_.current().add_row(std::move(row));
                    } else {
                        build(nullptr, item, 0);
                    }
                }
            }
        }
        if (const auto* o = current.if_object()) from_object(*o, indent);
        return true;
    }

private:
    static void group(const boost::json::object& o, std::set<std::string>& headers, std::set<std::string>& more) {
        for (const auto& kv : o) (is_scalar(kv.value()) ? headers : more).emplace(kv.key());
    }

    void from_object(const boost::json::object& o, long indent) {
        std::set<std::string> headers, more;
        group(o, headers, more);
        if (headers.size() == 1) {
            table_.current().add_row({*headers.begin(), awsq::python_str(o.at(*headers.begin()))});
        } else if (!headers.empty()) {
            std::vector<std::string> values;
            for (const auto& h : headers) values.push_back(awsq::python_str(o.at(h)));
            table_.current().add_header({headers.begin(), headers.end()});
            table_.current().add_row(std::move(values));
        }
        for (const auto& key : more) build(&key, o.at(key), indent + 1);
    }

    void from_list(const boost::json::array& list, long indent, const std::string* title) {
        std::set<std::string> header_set, more;
        for (const auto& e : list)
            if (const auto* o = e.if_object()) group(*o, header_set, more);
        const std::vector<std::string> headers(header_set.begin(), header_set.end());
        table_.current().add_header(headers);
        bool first = true;
        for (const auto& e : list) {
            if (!first && !more.empty()) {
                table_.new_section(title ? *title : std::string(), indent);
                table_.current().add_header(headers);
            }
            first = false;
            const auto* o = e.if_object();
            std::vector<std::string> row;
            for (const auto& h : headers) {
                const auto* v = o ? o->if_contains(h) : nullptr;
                row.push_back(v ? awsq::python_str(*v) : std::string());
            }
            table_.current().add_row(std::move(row));
            for (const auto& key : more)
                if (const auto* v = o ? o->if_contains(key) : nullptr) build(&key, *v, indent + 1);
        }
    }

    multi_table& table_;
};

}  // namespace table_detail

/// The terminal's width, as the AWS CLI finds it (80 when stdout is not a terminal).
inline long terminal_width() {
    winsize w{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != 0) return 80;
    return w.ws_col;
}

/// The AWS CLI's table output of one value, titled with the operation's name.
inline void format_table(std::ostream& out, const std::string& title, const boost::json::value& v,
                         long width = terminal_width()) {
    table_detail::multi_table table;
    if (table_detail::builder(table).build(&title, v, 0)) table.render(out, width);
}

}  // namespace awsq_cli
