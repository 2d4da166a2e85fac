// awsq::tinyxml2_reader: the XML reader over tinyxml2's element tree, selectable beside the default
// awsq::stream_reader (parse_response<Op, awsq::tinyxml2_reader>). The one header that talks to tinyxml2.
//
// What is well-formed is decided by the stream reader's check first: tinyxml2 9 accepts what expat
// (botocore) refuses (undefined entities, '<' in attribute values, unspaced or duplicate attributes,
// control characters; a NUL even ends its reading silently). Text is not taken from tinyxml2's text
// nodes, which drop whitespace before markup and decode references loosely: an element's character
// data is decoded from the caller's body, at the offset its name has in tinyxml2's copy of the body.
#pragma once

#include <awsq/detail/xml_text.hpp>
#include <awsq/stream_reader.hpp>
#include <awsq/xml_reader.hpp>

#include <tinyxml2.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awsq {

class tinyxml2_reader {
public:
    tinyxml2_reader() = default;
    tinyxml2_reader(const tinyxml2_reader&) = delete;
    tinyxml2_reader& operator=(const tinyxml2_reader&) = delete;

    bool open(std::string_view body, const xml_limits& limits = {}) {
        body_ = body;
        path_.clear();
        problem_ = stream_reader::check(body, limits);
        if (!problem_.empty()) return false;
        // tinyxml2 takes processing instructions only at the very start; expat anywhere. They carry
        // nothing a response needs: tinyxml2 parses a copy with each one blanked out.
        const std::string_view parsed = without_processing_instructions(body);
        if (const auto err = doc_.Parse(parsed.data(), parsed.size()); err != tinyxml2::XML_SUCCESS)
            return fail(std::string(describe(err)) + " at line " + std::to_string(doc_.ErrorLineNum()));
        const tinyxml2::XMLElement* root = doc_.FirstChildElement();
        // Where tinyxml2's copy of the body starts: the root's name is at a known offset in both.
        const std::size_t at = root ? root_name_offset(body) : std::string_view::npos;
        const char* name = root ? root->Name() : "";
        const std::size_t size = std::strlen(name);
        if (at == std::string_view::npos || at + size > body.size() || body.compare(at, size, name) != 0)
            return fail("the XML backend could not locate the root element");  // tinyxml2 changed how it stores names
        base_ = name - at;
        path_.push_back({root, nullptr});
        return true;
    }

    std::string_view name() const noexcept { return path_.empty() ? std::string_view{} : path_.back().node->Name(); }

    bool next_child() {
        if (path_.empty()) return false;
        frame& f = path_.back();
        const tinyxml2::XMLElement* c = f.last ? f.last->NextSiblingElement() : f.node->FirstChildElement();
        if (!c) {
            path_.pop_back();
            return false;
        }
        f.last = c;
        path_.push_back({c, nullptr});
        return true;
    }

    std::optional<std::string_view> text(std::string& scratch) {
        const tinyxml2::XMLElement* e = path_.back().node;
        path_.pop_back();
        const std::string_view s = body_;
        std::size_t i = static_cast<std::size_t>(e->Name() - base_) + std::strlen(e->Name());
        // The rest of the start tag: attributes (quoted values may hold '>') up to '>' or "/>".
        for (; i < s.size() && s[i] != '>'; ++i) {
            if (s[i] == '/') return std::string_view{};  // <Marker/>: present and empty
            if (s[i] == '"' || s[i] == '\'') i = s.find(s[i], i + 1);
        }
        ++i;
        return detail::xml::char_data(s, i, &scratch, problem_);  // checked already: cannot fail
    }

    bool skip() {
        path_.pop_back();
        return true;
    }

    std::size_t position() const noexcept {
        return path_.empty() ? body_.size() : static_cast<std::size_t>(path_.back().node->Name() - base_);
    }
    std::size_t size() const noexcept { return body_.size(); }

    bool failed() const noexcept { return !problem_.empty(); }
    const std::string& problem() const noexcept { return problem_; }

private:
    struct frame {
        const tinyxml2::XMLElement* node;
        const tinyxml2::XMLElement* last;  // the child entered last
    };

    bool fail(std::string message) {
        problem_ = std::move(message);
        return false;
    }

    static const char* describe(tinyxml2::XMLError err) noexcept {
        switch (err) {
            case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: return "no root element";
            case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: return "mismatched end tag";
            case tinyxml2::XML_ERROR_PARSING_ELEMENT: return "malformed element";
            case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: return "malformed attribute";
            case tinyxml2::XML_ERROR_PARSING_TEXT: return "text outside the root element";
            case tinyxml2::XML_ERROR_PARSING_CDATA: return "unterminated CDATA section";
            case tinyxml2::XML_ERROR_PARSING_COMMENT: return "unterminated comment";
            case tinyxml2::XML_ERROR_PARSING_DECLARATION: return "malformed declaration or processing instruction";
            case tinyxml2::XML_ERROR_PARSING_UNKNOWN: return "malformed markup declaration";
            case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED: return "elements nested too deeply";
            default: return "malformed or truncated XML";
        }
    }

    /// The body, or a copy of it (in copy_) with every processing instruction outside comments and
    /// CDATA sections overwritten with spaces: the same length, so offsets still match.
    std::string_view without_processing_instructions(std::string_view s) {
        if (s.find("<?") == std::string_view::npos) return s;
        copy_.assign(s);
        for (std::size_t i = copy_.find('<'); i != std::string::npos && i + 1 < copy_.size(); i = copy_.find('<', i + 1)) {
            const std::string_view rest = std::string_view(copy_).substr(i);
            std::size_t end = i;
            if (rest.starts_with("<!--")) end = copy_.find("-->", i + 4);
            else if (rest.starts_with("<![CDATA[")) end = copy_.find("]]>", i + 9);
            else if (rest.starts_with("<?")) {
                end = copy_.find("?>", i + 2);
                if (end != std::string::npos) std::fill(copy_.begin() + static_cast<std::ptrdiff_t>(i),
                                                        copy_.begin() + static_cast<std::ptrdiff_t>(end + 2), ' ');
            }
            if (end == std::string::npos) break;  // cannot happen: the body was checked
            i = end;
        }
        return copy_;
    }

    /// Offset of the root element's name: past a BOM, whitespace, the XML declaration, comments
    /// and processing instructions (the check already refused anything else there).
    static std::size_t root_name_offset(std::string_view s) noexcept {
        std::size_t i = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        while (i < s.size()) {
            i = s.find_first_not_of(" \t\r\n", i);
            if (i == std::string_view::npos || s[i] != '<') return std::string_view::npos;
            const std::string_view rest = s.substr(i);
            if (rest.starts_with("<!--")) i = detail::xml::skip_past(s, i + 4, "-->");
            else if (rest.starts_with("<?")) i = detail::xml::skip_past(s, i + 2, "?>");
            else if (rest.starts_with("<!")) return std::string_view::npos;
            else return i + 1;
        }
        return std::string_view::npos;
    }

    tinyxml2::XMLDocument doc_{true, tinyxml2::PRESERVE_WHITESPACE};
    std::string_view body_;
    std::string copy_;            // the body as tinyxml2 parses it, when it holds processing instructions
    const char* base_ = nullptr;  // tinyxml2's copy of body_[0]
    std::vector<frame> path_;     // from the root to the current element
    std::string problem_;
};

static_assert(xml_reader<tinyxml2_reader>);

}  // namespace awsq
