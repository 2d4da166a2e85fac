// Tagged unions (CloudWatch's EvaluationCriteria and five more in botocore's query models): exactly
// one member is set. botocore's validator and parser refuse other counts; awsq refuses the same
// requests and responses, with the path. Expected parses are botocore's (oracle.py, querytest).
#include <awsq/query.hpp>
#include <awsq/querytest.hpp>
#include <awsq/response.hpp>
#include <awsq/validate.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>
#include "support/test_reader.hpp"

namespace {

using Op = awsq::querytest::Configure;
using awsq::querytest::Target;

std::string configure_response(std::string_view target) {
    return "<ConfigureResponse><ConfigureResult>" + std::string(target) +
           "</ConfigureResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ConfigureResponse>";
}

/// Every problem as its full text, in order.
std::vector<std::string> problems(const Op::input_type& request) {
    std::vector<std::string> out;
    for (const auto& p : awsq::validate(request)) out.push_back(p.text());
    return out;
}

}  // namespace

static_assert(awsq::tagged_union<Target>);
static_assert(!awsq::tagged_union<awsq::querytest::ConfigureRequest>);

TEST_CASE("unions: a request sets exactly one member of a union") {
    using texts = std::vector<std::string>;
    CHECK(problems({.Target = Target{.Host = "h"}}) == texts{});
    CHECK(problems({}) == texts{});  // an absent union is no union to check
    CHECK(problems({.Target = Target{.Host = "h", .Port = 1}}) ==
          texts{"ConfigureRequest.Target: a union sets exactly one member (of Host, Port); 2 are set"});
    CHECK(problems({.Target = Target{}}) ==
          texts{"ConfigureRequest.Target: a union sets exactly one member (of Host, Port); 0 are set"});
    CHECK_FALSE(awsq::to_query<Op>({.Target = Target{}}).has_value());
}

TEST_CASE("unions: a response's union holds the elements of exactly one member") {
    const auto one = awsq::parse_response<Op, test_reader>(200, configure_response("<Target><Port>8</Port></Target>"));
    REQUIRE_MESSAGE(one.has_value(), one.error().message());
    REQUIRE(one->output.Target.has_value());
    CHECK(one->output.Target->Port == 8);
    CHECK_FALSE(one->output.Target->Host.has_value());
    for (const char* bad : {"<Target><Host>h</Host><Port>1</Port></Target>", "<Target/>", "<Target>\n  </Target>"}) {
        CAPTURE(bad);
        const auto r = awsq::parse_response<Op, test_reader>(200, configure_response(bad));
        REQUIRE_FALSE(r.has_value());  // botocore: "Target must have one and only one member set."
        CHECK(r.error().message() == "ConfigureResult.Target: a union must hold exactly one member (of Host, Port)");
    }
    SUBCASE("a member the model does not know leaves the union present with nothing set") {
        // botocore gives {"SDK_UNKNOWN_MEMBER": {"name": "Mystery"}}; awsq has no place for the name.
        const auto r = awsq::parse_response<Op, test_reader>(200, configure_response("<Target><Mystery>1</Mystery></Target>"));
        REQUIRE(r.has_value());
        REQUIRE(r->output.Target.has_value());
        CHECK_FALSE(r->output.Target->Host.has_value());
        CHECK_FALSE(r->output.Target->Port.has_value());
    }
}
