// Must not compile: Ping has no paginator in its model, and paginate<> says so readably.
#include <awsq/paginate.hpp>
#include <awsq/querytest.hpp>

int main() {
    auto transport = [](const awsq::http_request&) { return awsq::http_response{}; };
    for (auto& page : awsq::paginate<awsq::querytest::Ping>(transport, {})) (void)page;
}
