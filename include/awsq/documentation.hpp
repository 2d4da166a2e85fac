// A model's documentation as plain text, for help: what the generated <awsq/<service>/docs.hpp> holds
// (the awsq command line prints it). Data only; nothing else in awsq includes it.
#pragma once

#include <span>
#include <string_view>

namespace awsq {

/// One member of an operation's input: its model name and its documentation.
struct member_documentation {
    std::string_view name;
    std::string_view text;
};

/// An operation's documentation: its first sentence, the whole text (paragraphs apart by a blank line,
/// list items as "- " lines, wrapped at 72 columns), and its input members'.
struct operation_documentation {
    std::string_view summary;
    std::string_view text;
    std::span<const member_documentation> members;

    /// The documentation of the input member named `name` (the model's name); empty when it has none.
    constexpr std::string_view member(std::string_view name) const noexcept {
        for (const auto& m : members)
            if (m.name == name) return m.text;
        return {};
    }
};

}  // namespace awsq
