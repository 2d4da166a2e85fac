// awsq/paginate.hpp beyond a plain Marker: several result keys, more_results, nested and indexed
// token paths, a paginator without a limit key (tests/models/pagetest, the forms IAM, CloudWatch, RDS's
// engine defaults and Import/Export use). Expected pages and tokens are what botocore's Paginator
// gives for the same fake service.
#include <awsq/paginate.hpp>
#include <awsq/pagetest.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

namespace pt = awsq::pagetest;

std::optional<std::string> form_value(const std::string& body, const std::string& name) {
    const auto at = ("&" + body).find("&" + name + "=");
    if (at == std::string::npos) return std::nullopt;
    const auto start = at + name.size() + 1;
    return body.substr(start, body.find('&', start) - start);
}

std::string envelope(const std::string& action, const std::string& result) {
    return "<" + action + "Response><" + action + "Result>" + result + "</" + action +
           "Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + action + "Response>";
}

/// Items t0..t<count-1>, MaxItems a page (3 unless sent), one extra "x<offset>" a page, IsTruncated
/// while items remain, and a Marker on every page, the last included: only IsTruncated ends the listing.
struct things_service {
    int count = 7;
    std::vector<std::string> bodies{};

    awsq::http_response operator()(const awsq::http_request& request) {
        bodies.push_back(request.body);
        const auto marker = form_value(request.body, "Marker");
        const int offset = marker ? std::stoi(marker->substr(1)) : 0;
        const auto size = form_value(request.body, "MaxItems");
        const int end = std::min(count, offset + (size ? std::stoi(*size) : 3));
        std::string xml = "<Things>";
        for (int i = offset; i < end; ++i) xml += "<member><Name>t" + std::to_string(i) + "</Name></member>";
        xml += "</Things><Extras><member>x" + std::to_string(offset) + "</member></Extras>";
        xml += std::string("<IsTruncated>") + (end < count ? "true" : "false") + "</IsTruncated>";
        xml += "<Marker>m" + std::to_string(end) + "</Marker>";
        return {200, {}, envelope("ListThings", xml)};
    }
};

/// A listing's pages as (Things names, Extras) and its resume token.
struct things_run {
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> pages;
    std::optional<std::string> token;
};

things_run list_things(things_service& service, awsq::pagination_options options) {
    auto range = awsq::paginate<pt::ListThings>(std::ref(service), {}, std::move(options));
    things_run out;
    for (auto& page : range) {
        REQUIRE(page.has_value());
        std::vector<std::string> names;
        if (const auto* things = awsq::result_key<pt::ListThings>(page->output))
            for (const auto& t : *things) names.push_back(t.Name.value_or("?"));
        const auto* extras = awsq::result_key<pt::ListThings, 1>(page->output);
        out.pages.emplace_back(names, extras ? *extras : std::vector<std::string>{{"(absent)"}});
    }
    out.token = range.next_token();
    return out;
}

using page_list = std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>;

}  // namespace

TEST_CASE("paginate: more_results false ends the listing even with a marker on the page") {
    things_service service;
    const auto run = list_things(service, {});
    CHECK(run.pages == page_list{{{"t0", "t1", "t2"}, {"x0"}}, {{"t3", "t4", "t5"}, {"x3"}}, {{"t6"}, {"x6"}}});
    CHECK(service.bodies.size() == 3);
    CHECK(form_value(service.bodies[2], "Marker") == "m6");
    CHECK_FALSE(run.token.has_value());
}

TEST_CASE("paginate: several result keys: max_items counts the first; a resumed first page empties the others") {
    things_service service;
    const auto first = list_things(service, {.max_items = 4});
    CHECK(first.pages == page_list{{{"t0", "t1", "t2"}, {"x0"}}, {{"t3"}, {"x3"}}});
    // botocore: TokenEncoder().encode({"Marker": "m3", "boto_truncate_amount": 1})
    CHECK(first.token == "eyJNYXJrZXIiOiAibTMiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");

    const auto rest = list_things(service, {.starting_token = first.token});
    CHECK(rest.pages == page_list{{{"t4", "t5"}, {}}, {{"t6"}, {"x6"}}});
    CHECK_FALSE(rest.token.has_value());

    const auto two = list_things(service, {.max_items = 2, .starting_token = first.token});
    CHECK(two.pages == page_list{{{"t4", "t5"}, {}}});
    CHECK(two.token == "eyJNYXJrZXIiOiAibTYifQ==");  // {"Marker": "m6"}: a page boundary
}

TEST_CASE("paginate: page_size sets the limit key") {
    things_service service;
    const auto run = list_things(service, {.page_size = 5});
    CHECK(run.pages == page_list{{{"t0", "t1", "t2", "t3", "t4"}, {"x0"}}, {{"t5", "t6"}, {"x5"}}});
    CHECK(form_value(service.bodies[0], "MaxItems") == "5");
}

TEST_CASE("paginate: a token and result key inside a nested structure (Defaults.Marker, Defaults.Params)") {
    std::vector<std::string> bodies;
    auto service = [&](const awsq::http_request& request) -> awsq::http_response {
        bodies.push_back(request.body);
        const auto marker = form_value(request.body, "Marker");
        if (!marker)
            return {200, {}, envelope("DescribeDefaults", "<Defaults><Family>f</Family><Marker>p2</Marker><Params>"
                                                          "<Param><Name>a</Name></Param><Param><Name>b</Name></Param>"
                                                          "</Params></Defaults>")};
        if (*marker == "p2")
            return {200, {}, envelope("DescribeDefaults", "<Defaults><Marker/><Params><Param><Name>c</Name></Param>"
                                                          "</Params></Defaults>")};
        return {500, {}, "unexpected"};
    };
    auto items = awsq::paginate_items<pt::DescribeDefaults>(std::ref(service), {});
    std::vector<std::string> names;
    for (auto& item : items) {
        REQUIRE(item.has_value());
        static_assert(std::is_same_v<std::remove_cvref_t<decltype(*item)>, pt::Param>);
        names.push_back(item->Name.value_or("?"));
    }
    CHECK(names == std::vector<std::string>{"a", "b", "c"});
    CHECK(bodies.size() == 2);
    CHECK(form_value(bodies[1], "Marker") == "p2");

    SUBCASE("no Defaults at all ends the listing") {
        auto empty = [](const awsq::http_request&) -> awsq::http_response {
            return {200, {}, envelope("DescribeDefaults", "")};
        };
        int pages = 0;
        for (auto& page : awsq::paginate<pt::DescribeDefaults>(empty, {})) {
            REQUIRE(page.has_value());
            CHECK(awsq::result_key<pt::DescribeDefaults>(page->output) == nullptr);
            ++pages;
        }
        CHECK(pages == 1);
    }
}

TEST_CASE("paginate: the token is the last item's id (Jobs[-1].JobId), and there is no limit key") {
    std::vector<std::string> bodies;
    auto service = [&](const awsq::http_request& request) -> awsq::http_response {
        bodies.push_back(request.body);
        const int from = form_value(request.body, "Marker") ? std::stoi(form_value(request.body, "Marker")->substr(1)) + 1 : 0;
        std::string xml = "<Jobs>";
        for (int i = from; i < std::min(5, from + 2); ++i) xml += "<member><JobId>j" + std::to_string(i) + "</JobId></member>";
        xml += std::string("</Jobs><IsTruncated>") + (from + 2 < 5 ? "true" : "false") + "</IsTruncated>";
        return {200, {}, envelope("ListJobs", xml)};
    };
    std::vector<std::string> ids;
    auto items = awsq::paginate_items<pt::ListJobs>(std::ref(service), {}, {.max_items = 4});
    for (auto& item : items) {
        REQUIRE(item.has_value());
        ids.push_back(item->JobId.value_or("?"));
    }
    CHECK(ids == std::vector<std::string>{"j0", "j1", "j2", "j3"});
    CHECK(form_value(bodies[1], "Marker") == "j1");
    CHECK(items.next_token() == "eyJNYXJrZXIiOiAiajMifQ==");  // {"Marker": "j3"}

    SUBCASE("page_size is refused before anything is sent, as botocore refuses it") {
        bodies.clear();
        auto pages = awsq::paginate<pt::ListJobs>(std::ref(service), {}, {.page_size = 20});
        auto it = pages.begin();
        REQUIRE(it != pages.end());
        REQUIRE(it->has_error());
        CHECK(it->error().message() == "page_size: this operation's paginator has no limit key");
        CHECK(bodies.empty());
    }
}

TEST_CASE("paginate: paths find nothing where a member on the way is absent or the index is out of range") {
    using path = boost::mp11::mp_front<pt::ListJobs::paginator_paths::output_tokens>;
    static_assert(std::is_same_v<path, awsq::path<&pt::ListJobsResponse::Jobs, -1, &pt::Job::JobId>>);
    pt::ListJobsResult out;
    const auto find = [&] { return awsq::detail::follow(path{}, &std::as_const(out)); };
    static_assert(std::is_same_v<decltype(find()), const std::string*>);
    CHECK(find() == nullptr);
    out.Jobs.emplace();
    CHECK(find() == nullptr);
    out.Jobs->push_back({});
    CHECK(find() == nullptr);
    out.Jobs->push_back({.JobId = "last"});
    REQUIRE(find() != nullptr);
    CHECK(*find() == "last");

    SUBCASE("an index from the front, and one past either end") {
        out.Jobs->front().JobId = "first";
        CHECK(*awsq::detail::follow(awsq::path<&pt::ListJobsResponse::Jobs, 0, &pt::Job::JobId>{}, &out) == "first");
        CHECK(awsq::detail::follow(awsq::path<&pt::ListJobsResponse::Jobs, 2, &pt::Job::JobId>{}, &out) == nullptr);
        CHECK(awsq::detail::follow(awsq::path<&pt::ListJobsResponse::Jobs, -3, &pt::Job::JobId>{}, &out) == nullptr);
    }
    SUBCASE("a path of two members, the first absent then present") {
        using params = boost::mp11::mp_front<pt::DescribeDefaults::paginator_paths::result_keys>;
        pt::DescribeDefaultsResult defaults;
        CHECK(awsq::detail::follow(params{}, &defaults) == nullptr);
        defaults.Defaults.emplace();
        CHECK(awsq::detail::follow(params{}, &defaults) == nullptr);
        defaults.Defaults->Params.emplace(1);
        CHECK(awsq::detail::follow(params{}, &defaults) == &*defaults.Defaults->Params);
    }
}

TEST_CASE("paginate: a text result key is one item a page; max_items and resume tokens count its code points") {
    // RDS's DownloadDBLogFilePortion pages LogFileData. Expected: botocore's Paginator over the same pages
    // (search("LogFileData"), MaxItems 8, then StartingToken) gives these texts and this token.
    struct log_page {
        std::string data;
        std::optional<std::string> next;
    };
    const std::vector<log_page> log{{"h\xC3\xA9llo\n", "m1"}, {"w\xC3\xB6rld\n", "m2"}, {"", std::nullopt}};
    std::vector<std::string> bodies;
    auto service = [&](const awsq::http_request& request) -> awsq::http_response {
        bodies.push_back(request.body);
        const auto marker = form_value(request.body, "Marker");
        const auto& page = log[marker ? static_cast<std::size_t>(std::stoi(marker->substr(1))) : 0];
        std::string xml = "<LogFileData>" + page.data + "</LogFileData>";
        if (page.next) xml += "<Marker>" + *page.next + "</Marker>";
        xml += std::string("<AdditionalDataPending>") + (page.next ? "true" : "false") + "</AdditionalDataPending>";
        return {200, {}, envelope("TailLog", xml)};
    };
    const auto texts = [&](awsq::pagination_options options, std::optional<std::string>* token = nullptr) {
        std::vector<std::string> out;
        auto items = awsq::paginate_items<pt::TailLog>(std::ref(service), {}, std::move(options));
        static_assert(std::is_same_v<decltype(items)::item_type, std::string>);
        for (auto& item : items) {
            REQUIRE(item.has_value());
            out.push_back(*item);
        }
        if (token) *token = items.next_token();
        return out;
    };
    CHECK(texts({}) == std::vector<std::string>{"h\xC3\xA9llo\n", "w\xC3\xB6rld\n", ""});
    CHECK(bodies.size() == 3);

    std::optional<std::string> token;
    CHECK(texts({.max_items = 8}, &token) == std::vector<std::string>{"h\xC3\xA9llo\n", "w\xC3\xB6"});
    CHECK(token == "eyJNYXJrZXIiOiAibTEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==");  // m1, 2 code points given
    CHECK(texts({.starting_token = token}, &token) == std::vector<std::string>{"rld\n", ""});
    CHECK_FALSE(token.has_value());
    CHECK(texts({.max_items = 12}, &token) == std::vector<std::string>{"h\xC3\xA9llo\n", "w\xC3\xB6rld\n"});
    CHECK(token == "eyJNYXJrZXIiOiAibTIifQ==");  // {"Marker": "m2"}: a page boundary
}
