// Fuzz target: JMESPath. The input's first line is compiled as an expression and evaluated over the rest
// of the input read as JSON (or a fixed document when that is not JSON). Properties: never a crash, a
// throw or a stack overflow; a compile error is a parse error that names the column; compiling and
// evaluating again gives the same result or the same error (no state, no dependence on addresses).
#include "fuzz.hpp"

#include <awsq/jmespath.hpp>

#include <string>

namespace {

constexpr std::string_view fixed_document = R"({"a": {"b": [1, 2.5, -3, "x", null, true, {"c": "d"}]},
  "foo": [{"a": 1, "b": "one", "c": [1, 2]}, {"a": 2, "b": "two", "c": []}, {"a": "3", "d": {"e": false}}],
  "Reservations": [{"Instances": [{"State": "running", "InstanceId": "i-1", "Tags": [{"Key": "k", "Value": "v"}]},
  {"State": "stopped", "InstanceId": "i-2"}]}], "s": "h\u00e9llo \ud83d\ude00", "n": 18446744073709551615,
  "m": -9223372036854775808, "e": [], "o": {}, "with space": 0.1})";

std::string outcome(const awsq::jmespath::expression& e, const boost::json::value& doc) {
    auto r = awsq::jmespath::evaluate(e, doc);
    if (!r) {
        awsq::fuzz::require(r.error().kind() == awsq::error_kind::invalid_request, "a runtime error is invalid_request");
        awsq::fuzz::require(r.error().message().starts_with("jmespath: "), "a runtime error says jmespath");
        return "error: " + r.error().message();
    }
    return awsq::jmespath::detail::dumps(*r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = awsq::fuzz::text(data, size);
    const auto newline = input.find('\n');
    const auto text = input.substr(0, newline);
    boost::system::error_code ec;
    boost::json::value doc;
    if (newline != std::string_view::npos) doc = awsq::parse_json(input.substr(newline + 1), ec);
    if (newline == std::string_view::npos || ec) doc = awsq::parse_json(fixed_document, ec);

    auto compiled = awsq::jmespath::compile(text);
    if (!compiled) {
        const auto& e = compiled.error();
        awsq::fuzz::require(e.kind() == awsq::error_kind::parse, "a compile error is a parse error");
        awsq::fuzz::require(e.message().starts_with("jmespath: "), "a compile error says jmespath");
        awsq::fuzz::require(e.message().find(" at column ") != std::string::npos || text.empty() ||
                                e.message().find("invalid UTF-8") != std::string::npos,
                            "a compile error names the column");
        return 0;
    }
    awsq::fuzz::require(compiled->text() == text, "the expression keeps its text");
    const std::string first = outcome(*compiled, doc);
    auto again = awsq::jmespath::compile(text);
    awsq::fuzz::require(again.has_value(), "compiling is deterministic");
    awsq::fuzz::require(outcome(*again, doc) == first, "evaluating is deterministic");
    return 0;
}
