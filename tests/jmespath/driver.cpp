// Differential driver for JMESPath: reads {"e": expression, "d": document} JSON lines on stdin and
// prints, per line, the result as python's json.dumps writes it, or "error compile|runtime: <message as a JSON string>".
#include <awsq/jmespath.hpp>

#include <iostream>
#include <string>

int main() {
    std::ios::sync_with_stdio(false);
    std::string line;
    while (std::getline(std::cin, line)) {
        boost::system::error_code ec;
        const boost::json::value input = awsq::parse_json(line, ec);
        const auto* e = ec || !input.is_object() ? nullptr : input.get_object().if_contains("e");
        const auto* d = ec || !input.is_object() ? nullptr : input.get_object().if_contains("d");
        if (!e || !e->is_string() || !d) {
            std::cout << "error input: not a {\"e\":..., \"d\":...} line\n";
            continue;
        }
        auto compiled = awsq::jmespath::compile(std::string_view(e->get_string()));
        if (!compiled) {
            std::cout << "error compile: " << awsq::jmespath::detail::dumps(boost::json::string(compiled.error().message())) << '\n';
            continue;
        }
        auto result = awsq::jmespath::evaluate(*compiled, *d);
        if (!result) {
            std::cout << "error runtime: " << awsq::jmespath::detail::dumps(boost::json::string(result.error().message())) << '\n';
            continue;
        }
        std::cout << awsq::jmespath::detail::dumps(*result) << '\n';
    }
    return 0;
}
