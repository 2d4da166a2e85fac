// awsq/paginate.hpp and awsq/call.hpp: Marker pagination against an in-process fake service.
#include <awsq/paginate.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/retry.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

// The element names a fake service needs to answer one operation.
struct rds_names {
    using op = awsq::rds::DescribeExportTasks;
    static constexpr const char* action = "DescribeExportTasks";
    static constexpr const char* list = "ExportTasks";
    static constexpr const char* item = "ExportTask";
    static constexpr const char* id = "ExportTaskIdentifier";
    static std::string id_of(const awsq::rds::ExportTask& t) { return *t.ExportTaskIdentifier; }
};
struct redshift_names {
    using op = awsq::redshift::DescribeTableRestoreStatus;
    static constexpr const char* action = "DescribeTableRestoreStatus";
    static constexpr const char* list = "TableRestoreStatusDetails";
    static constexpr const char* item = "TableRestoreStatus";
    static constexpr const char* id = "TableRestoreRequestId";
    static std::string id_of(const awsq::redshift::TableRestoreStatus& t) { return *t.TableRestoreRequestId; }
};

/// The value of a form parameter (the fake's markers and numbers need no decoding).
std::optional<std::string> param(const std::string& body, const std::string& name) {
    const auto at = ("&" + body).find("&" + name + "=");
    if (at == std::string::npos) return std::nullopt;
    const auto start = at + name.size() + 1;
    return body.substr(start, body.find('&', start) - start);
}

/// A service holding `count` items "item-0", "item-1", ...; markers are "m<offset>".
template <class Names>
struct fake_service {
    int count = 0;
    int default_page = 100;
    int fail_on_request = 0;          // 1-based; answers that request with a 500 error
    bool repeat_marker = false;       // always answers with marker "m20"
    bool empty_final_marker = false;  // the last page carries <Marker/>
    std::vector<std::string> bodies{};  // every request received

    awsq::http_response operator()(const awsq::http_request& request) {
        bodies.push_back(request.body);
        CHECK(param(request.body, "Action") == Names::action);
        if (static_cast<int>(bodies.size()) == fail_on_request)
            return {500, {}, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>"
                             "<Message>try again</Message></Error><RequestId>r-err</RequestId></ErrorResponse>"};
        const int offset = param(request.body, "Marker") ? std::stoi(param(request.body, "Marker")->substr(1)) : 0;
        const int page = param(request.body, "MaxRecords") ? std::stoi(*param(request.body, "MaxRecords")) : default_page;
        const int end = std::min(count, offset + page);
        std::string xml = std::string("<") + Names::action + "Response><" + Names::action + "Result>";
        if (count > 0) {
            xml += std::string("<") + Names::list + ">";
            for (int i = offset; i < end; ++i)
                xml += std::string("<") + Names::item + "><" + Names::id + ">item-" + std::to_string(i) + "</" +
                       Names::id + "></" + Names::item + ">";
            xml += std::string("</") + Names::list + ">";
        }
        if (repeat_marker) xml += "<Marker>m20</Marker>";
        else if (end < count) xml += "<Marker>m" + std::to_string(end) + "</Marker>";
        else if (empty_final_marker) xml += "<Marker/>";
        xml += std::string("</") + Names::action + "Result><ResponseMetadata><RequestId>r-" +
               std::to_string(bodies.size()) + "</RequestId></ResponseMetadata></" + Names::action + "Response>";
        return {200, {}, xml};
    }
};

std::vector<std::string> ids(int from, int to) {
    std::vector<std::string> out;
    for (int i = from; i < to; ++i) out.push_back("item-" + std::to_string(i));
    return out;
}

/// Every item id of a paginate_items run, and its resume token; an error fails the test.
template <class Names>
std::pair<std::vector<std::string>, std::optional<std::string>> collect(fake_service<Names>& service,
                                                                      awsq::pagination_options options) {
    auto items = awsq::paginate_items<typename Names::op>(std::ref(service), {}, options);
    std::vector<std::string> out;
    for (auto& item : items) {
        REQUIRE(item.has_value());
        out.push_back(Names::id_of(*item));
    }
    return {out, items.next_token()};
}

}  // namespace

TEST_CASE_TEMPLATE("paginate: follows Marker across several pages until it is absent", Names, rds_names, redshift_names) {
    fake_service<Names> service{.count = 45};
    auto pages = awsq::paginate<typename Names::op>(std::ref(service), {}, {.page_size = 20});
    std::vector<std::string> request_ids;
    for (auto& page : pages) {
        REQUIRE(page.has_value());
        request_ids.push_back(page->request_id);
    }
    CHECK(request_ids == std::vector<std::string>{"r-1", "r-2", "r-3"});
    CHECK(service.bodies.size() == 3);
    CHECK(param(service.bodies[0], "Marker") == std::nullopt);
    CHECK(param(service.bodies[1], "Marker") == "m20");
    CHECK(param(service.bodies[2], "Marker") == "m40");
    CHECK(param(service.bodies[0], "MaxRecords") == "20");
    CHECK_FALSE(pages.next_token().has_value());
    auto [all, token] = collect(service, {.page_size = 20});
    CHECK(all == ids(0, 45));
    CHECK_FALSE(token.has_value());
}

TEST_CASE_TEMPLATE("paginate: max_items mid-page resumes exactly where it stopped", Names, rds_names, redshift_names) {
    fake_service<Names> service{.count = 45};
    SUBCASE("stop inside the second page, resume twice") {
        auto [first, token1] = collect(service, {.max_items = 25, .page_size = 20});
        CHECK(first == ids(0, 25));
        REQUIRE(token1.has_value());
        auto [second, token2] = collect(service, {.max_items = 13, .page_size = 20, .starting_token = token1});
        CHECK(second == ids(25, 38));
        REQUIRE(token2.has_value());
        auto [third, token3] = collect(service, {.page_size = 20, .starting_token = token2});
        CHECK(third == ids(38, 45));
        CHECK_FALSE(token3.has_value());
    }
    SUBCASE("stop inside the first page") {
        auto [first, token1] = collect(service, {.max_items = 3, .page_size = 20});
        CHECK(first == ids(0, 3));
        auto [rest, token2] = collect(service, {.page_size = 20, .starting_token = token1});
        CHECK(rest == ids(3, 45));
        CHECK_FALSE(token2.has_value());
    }
    SUBCASE("stop on a page boundary: the token is the service's marker") {
        auto [first, token1] = collect(service, {.max_items = 20, .page_size = 20});
        CHECK(first == ids(0, 20));
        auto [rest, token2] = collect(service, {.page_size = 20, .starting_token = token1});
        CHECK(rest == ids(20, 45));
    }
}

TEST_CASE("paginate: resume tokens are botocore's, byte for byte") {
    // Expected values from python3: base64.b64encode(json.dumps({...}).encode())
    fake_service<rds_names> service{.count = 45};
    SUBCASE("mid-page: the marker of the page and how much of it was taken") {
        auto [items, token] = collect(service, {.max_items = 25, .page_size = 20});
        CHECK(token == "eyJNYXJrZXIiOiAibTIwIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogNX0=");
    }
    SUBCASE("inside the first page: no marker yet") {
        auto [items, token] = collect(service, {.max_items = 3, .page_size = 20});
        CHECK(token == "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAzfQ==");
    }
    SUBCASE("non-ASCII markers are escaped as json.dumps does") {
        CHECK(awsq::detail::encode_token("Marker", "\xC3\xA9\xF0\x9F\x98\x80\"x", std::nullopt) ==
              "eyJNYXJrZXIiOiAiXHUwMGU5XHVkODNkXHVkZTAwXCJ4In0=");
    }
    SUBCASE("a token that is not ours is refused before anything is sent") {
        auto pages = awsq::paginate<rds_names::op>(std::ref(service), {}, {.starting_token = "bm90IGEgdG9rZW4="});
        auto it = pages.begin();
        REQUIRE(it != pages.end());
        REQUIRE(it->has_error());
        CHECK(it->error().message() == "starting_token: not a pagination token of this operation");
        CHECK(service.bodies.empty());
    }
}

TEST_CASE("paginate: a resume token is read back as botocore writes it; anything else is not a token") {
    const auto decode = [](std::string_view json) {
        return awsq::detail::decode_token("Marker", awsq::detail::base64_encode(json));
    };
    SUBCASE("marker and truncation, as encode_token writes them") {
        const auto token = awsq::detail::decode_token("Marker", awsq::detail::encode_token("Marker", "m\u00e9", 5));
        REQUIRE(token);
        CHECK(token->marker == "m\u00e9");
        CHECK(token->truncate == 5);
        const auto none = decode(R"({"Marker": null, "boto_truncate_amount": 3})");
        REQUIRE(none);
        CHECK_FALSE(none->marker);
        CHECK(none->truncate == 3);
        CHECK(decode(R"({"Marker": "\u00e9\ud83d\ude00"})")->marker == "\xC3\xA9\xF0\x9F\x98\x80");
    }
    SUBCASE("refused") {
        for (const std::string_view json : {R"({"Marker": {"A": 1}})", R"({"Marker": ["m"]})", R"({"Marker": 1})",
                                           R"({"NextToken": "m"})", R"({"Marker": "m", "boto_truncate_amount": -1})",
                                           R"({"Marker": "m", "boto_truncate_amount": 1.5})", R"(["Marker"])",
                                           R"({"Marker": "m"} x)", R"({"Marker": "m")", "\"m\"", ""}) {
            CAPTURE(json);
            CHECK_FALSE(decode(json));
        }
        CHECK_FALSE(awsq::detail::decode_token("Marker", "not base64!"));
    }
}

TEST_CASE_TEMPLATE("paginate: an invalid page_size is refused before any request, no item yielded", Names, rds_names,
                   redshift_names) {
    fake_service<Names> service{.count = 45};
    for (int bad : {19, 101}) {
        CAPTURE(bad);
        auto items = awsq::paginate_items<typename Names::op>(std::ref(service), {}, {.page_size = bad});
        int values = 0, errors = 0;
        std::string message;
        for (auto& item : items) {
            if (item) ++values;
            else { ++errors; message = item.error().message(); }
        }
        CHECK(values == 0);
        CHECK(errors == 1);
        CHECK(message == std::string(awsq::wire<typename Names::op::input_type>::name) + ".MaxRecords: " +
                             std::to_string(bad) + (bad < 20 ? " is below the minimum 20" : " is above the maximum 100"));
        CHECK(service.bodies.empty());
    }
}

TEST_CASE("paginate: max_items or page_size not positive is an invalid request naming the option, nothing sent") {
    fake_service<rds_names> service{.count = 45};
    const auto first_page = [&](awsq::pagination_options options) {
        auto pages = awsq::paginate<rds_names::op>(std::ref(service), {}, options);
        std::vector<std::string> messages;
        for (auto& page : pages) {
            REQUIRE(page.has_error());
            CHECK(page.error().kind() == awsq::error_kind::invalid_request);
            messages.push_back(page.error().message());
        }
        CHECK_FALSE(pages.next_token().has_value());
        return messages;
    };
    CHECK(first_page({.max_items = -1}) == std::vector<std::string>{"max_items: -1 is not a positive number of items"});
    CHECK(first_page({.max_items = 0}) == std::vector<std::string>{"max_items: 0 is not a positive number of items"});
    CHECK(first_page({.page_size = 0}) == std::vector<std::string>{"page_size: 0 is not a positive page size"});
    CHECK(first_page({.max_items = std::numeric_limits<std::int64_t>::min(), .page_size = -5}) ==
          std::vector<std::string>{"max_items: -9223372036854775808 is not a positive number of items\n"
                                   "page_size: -5 is not a positive page size"});
    SUBCASE("paginate_items yields the one error") {
        auto items = awsq::paginate_items<rds_names::op>(std::ref(service), {}, {.max_items = -1});
        int errors = 0;
        for (auto& item : items) {
            REQUIRE(item.has_error());
            ++errors;
        }
        CHECK(errors == 1);
    }
    CHECK(service.bodies.empty());
}

TEST_CASE("paginate: max_items with a page that has no result list") {
    fake_service<rds_names> service{.count = 0};  // the result holds no <ExportTasks> at all
    auto [items, token] = collect(service, {.max_items = 1});
    CHECK(items.empty());
    CHECK_FALSE(token.has_value());
    CHECK(service.bodies.size() == 1);
}

TEST_CASE("paginate: the same marker twice in a row is an error, not an endless loop") {
    fake_service<rds_names> service{.count = 45, .repeat_marker = true};
    auto pages = awsq::paginate<rds_names::op>(std::ref(service), {}, {.page_size = 20});
    std::vector<bool> ok;
    std::string message;
    for (auto& page : pages) {
        ok.push_back(page.has_value());
        if (!page) message = page.error().message();
    }
    CHECK(ok == std::vector<bool>{true, true, false});
    CHECK(service.bodies.size() == 2);
    CHECK(message == "DescribeExportTasksResult.Marker: the service returned the same marker twice: \"m20\"");
}

TEST_CASE("paginate: a listing that never ends stops after max_pages pages with an error, resumable") {
    CHECK(awsq::pagination_options{}.max_pages == 100'000);
    fake_service<rds_names> service{.count = 1'000'000, .default_page = 1};  // a new marker on every page
    const auto run = [&](awsq::pagination_options options) {
        auto pages = awsq::paginate<rds_names::op>(std::ref(service), {}, options);
        std::vector<std::string> got;  // the items, then the error's message
        for (auto& page : pages) {
            if (!page) {
                CHECK(page.error().kind() == awsq::error_kind::parse);
                got.push_back(page.error().message());
                continue;
            }
            for (const auto& t : *awsq::result_key<rds_names::op>(page->output)) got.push_back(*t.ExportTaskIdentifier);
        }
        return std::pair{got, pages.next_token()};
    };
    const auto [first, token] = run({.max_pages = 5});
    CHECK(first == std::vector<std::string>{"item-0", "item-1", "item-2", "item-3", "item-4",
                                            "DescribeExportTasksResult.Marker: the listing did not end after 5 pages "
                                            "(pagination_options::max_pages); next_token() resumes it"});
    CHECK(service.bodies.size() == 5);
    REQUIRE(token.has_value());
    const auto [rest, token2] = run({.starting_token = token, .max_pages = 2});
    CHECK(rest == std::vector<std::string>{"item-5", "item-6",
                                           "DescribeExportTasksResult.Marker: the listing did not end after 2 pages "
                                           "(pagination_options::max_pages); next_token() resumes it"});
    CHECK(token2.has_value());

    SUBCASE("a listing that ends on its max_pages-th page is complete") {
        fake_service<rds_names> five{.count = 5, .default_page = 1};
        auto items = awsq::paginate_items<rds_names::op>(std::ref(five), {}, {.max_pages = 5});
        int n = 0;
        for (auto& item : items) n += item.has_value() ? 1 : 100;
        CHECK(n == 5);
        CHECK_FALSE(items.next_token().has_value());
    }
    SUBCASE("markers that cycle (a, b, a, ...) are not the same twice in a row: max_pages stops them") {
        int calls = 0;
        const auto cycling = [&calls](const awsq::http_request& request) -> awsq::http_response {
            ++calls;
            const std::string next = param(request.body, "Marker") == "a" ? "b" : "a";
            return {200, {}, "<DescribeExportTasksResponse><DescribeExportTasksResult><Marker>" + next +
                                 "</Marker></DescribeExportTasksResult></DescribeExportTasksResponse>"};
        };
        std::vector<bool> ok;
        for (auto& page : awsq::paginate<rds_names::op>(cycling, {}, {.max_pages = 7})) ok.push_back(page.has_value());
        CHECK(ok == std::vector<bool>{true, true, true, true, true, true, true, false});
        CHECK(calls == 7);
    }
    SUBCASE("max_pages not positive is refused before anything is sent") {
        fake_service<rds_names> none{.count = 5};
        auto pages = awsq::paginate<rds_names::op>(std::ref(none), {}, {.max_pages = 0});
        std::vector<std::string> messages;
        for (auto& page : pages) messages.push_back(page.error().message());
        CHECK(messages == std::vector<std::string>{"max_pages: 0 is not a positive number of pages"});
        CHECK(none.bodies.empty());
    }
}

TEST_CASE("paginate: an empty <Marker/> ends the listing") {
    fake_service<redshift_names> service{.count = 30, .empty_final_marker = true};
    auto [all, token] = collect(service, {.page_size = 20});
    CHECK(all == ids(0, 30));
    CHECK(service.bodies.size() == 2);
    CHECK_FALSE(token.has_value());
}

TEST_CASE("paginate: an error on page 2 is that page's error; page 1 stays valid") {
    fake_service<rds_names> service{.count = 45, .fail_on_request = 2};
    auto pages = awsq::paginate<rds_names::op>(std::ref(service), {}, {.page_size = 20});
    std::vector<awsq::result<awsq::response<rds_names::op>>> seen;
    for (auto& page : pages) seen.push_back(page);
    REQUIRE(seen.size() == 2);
    REQUIRE(seen[0].has_value());
    CHECK(seen[0]->output.ExportTasks->size() == 20);
    CHECK(seen[0]->request_id == "r-1");
    REQUIRE(seen[1].has_error());
    CHECK(seen[1].error().kind() == awsq::error_kind::service);
    CHECK(seen[1].error().service().code == "InternalFailure");
    CHECK(awsq::retryable(seen[1].error()));
    CHECK(service.bodies.size() == 2);
    SUBCASE("the resume token retries the failed page") {
        service.fail_on_request = 0;
        auto [rest, token] = collect(service, {.page_size = 20, .starting_token = pages.next_token()});
        CHECK(rest == ids(20, 45));
    }
}

TEST_CASE("paginate: zero results give one page and no items") {
    fake_service<rds_names> service{.count = 0};
    auto [all, token] = collect(service, {});
    CHECK(all.empty());
    CHECK(service.bodies.size() == 1);
    CHECK_FALSE(token.has_value());
}

TEST_CASE("call: a transport answering with a result error gives a transport error") {
    auto failing = [](const awsq::http_request&) -> awsq::result<awsq::http_response> {
        return awsq::error::transport("connection refused");
    };
    const auto r = awsq::call<rds_names::op>(failing, {});
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == awsq::error_kind::transport);
    CHECK(r.error().message() == "connection refused");
}

TEST_CASE("call: the request the transport sees is the validated, serialized one") {
    awsq::http_request seen;
    auto capture = [&](const awsq::http_request& r) {
        seen = r;
        return awsq::http_response{404, {}, "<ErrorResponse><Error><Type>Sender</Type><Code>ExportTaskNotFound</Code>"
                                            "<Message>gone</Message></Error><RequestId>r-9</RequestId></ErrorResponse>"};
    };
    const auto r = awsq::call<rds_names::op>(capture, {.ExportTaskIdentifier = "x"}, {.region = "eu-west-1"});
    CHECK(seen.method == "POST");
    CHECK(seen.host == "rds.eu-west-1.amazonaws.com");
    CHECK(seen.body == "Action=DescribeExportTasks&Version=2014-10-31&ExportTaskIdentifier=x");
    REQUIRE(r.has_error());
    CHECK(r.error().is_modeled());
    CHECK(r.error().service().modeled == "ExportTaskNotFoundFault");
    CHECK(r.error().service().request_id == "r-9");
}

TEST_CASE("paginate: a Marker set in the input is where the listing starts") {
    fake_service<rds_names> service{.count = 45};
    auto items = awsq::paginate_items<rds_names::op>(std::ref(service), {.Marker = "m40"}, {});
    std::vector<std::string> out;
    for (auto& item : items) out.push_back(*item->ExportTaskIdentifier);
    CHECK(out == ids(40, 45));
    CHECK(param(service.bodies[0], "Marker") == "m40");
}
