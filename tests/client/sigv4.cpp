// awsq/sigv4.hpp: Signature Version 4 as botocore's SigV4Auth signs; expected values computed with botocore 1.43.
#include <awsq/sigv4.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono;

namespace {

const awsq::credentials example{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const awsq::credentials with_token{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                   "AQoDYXdzEPT//////////wEXAMPLEtoken"};
const awsq::timestamp at = awsq::timestamp{sys_days{2015y / August / 30}} + 12h + 36min;

awsq::http_request request(std::string method, std::string host, std::string path, awsq::http_headers headers = {},
                           std::string body = {}, std::string scheme = "https") {
    awsq::http_request r;
    r.method = std::move(method);
    r.scheme = std::move(scheme);
    r.host = std::move(host);
    r.path = std::move(path);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

awsq::http_request describe_export_tasks() {
    return request("POST", "rds.us-east-1.amazonaws.com", "/",
                   {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                   "Action=DescribeExportTasks&Version=2014-10-31&MaxRecords=20");
}

std::string header(const awsq::http_request& r, std::string_view name) {
    std::string found;
    int n = 0;
    for (const auto& [k, v] : r.headers)
        if (awsq::detail::iequals(k, name)) found = v, ++n;
    REQUIRE_MESSAGE(n <= 1, "header " << name << " appears " << n << " times");
    return found;
}

int count(const awsq::http_request& r, std::string_view name) {
    int n = 0;
    for (const auto& h : r.headers) n += awsq::detail::iequals(h.first, name);
    return n;
}

/// The Signature=... of a signed request.
std::string signature(const awsq::http_request& r) {
    const std::string auth = header(r, "Authorization");
    const auto at = auth.find("Signature=");
    REQUIRE(at != std::string::npos);
    return auth.substr(at + 10);
}

std::string signed_headers(const awsq::http_request& r) {
    const std::string auth = header(r, "Authorization");
    const auto begin = auth.find("SignedHeaders=") + 14;
    return auth.substr(begin, auth.find(',', begin) - begin);
}

std::string sign(awsq::http_request r, const awsq::credentials& c = example, std::string_view service = "rds") {
    awsq::sigv4_sign(r, c, "us-east-1", service, at);
    return signature(r);
}

}  // namespace

TEST_CASE("sigv4: the DescribeExportTasks golden case, with and without a session token") {
    SUBCASE("long-term keys") {
        auto r = describe_export_tasks();
        awsq::sigv4_sign(r, example, "us-east-1", "rds", at);
        CHECK(header(r, "X-Amz-Date") == "20150830T123600Z");
        CHECK(count(r, "X-Amz-Security-Token") == 0);
        CHECK(header(r, "Authorization") ==
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/rds/aws4_request, "
              "SignedHeaders=content-type;host;x-amz-date, "
              "Signature=2c1b4aa240d50cadb8db683b34ced04df0b3661f78c5bd480f5c764ae99dc40e");
        CHECK(r.headers.size() == 3);
    }
    SUBCASE("session token: sent and signed") {
        auto r = describe_export_tasks();
        awsq::sigv4_sign(r, with_token, "us-east-1", "rds", at);
        CHECK(header(r, "X-Amz-Security-Token") == "AQoDYXdzEPT//////////wEXAMPLEtoken");
        CHECK(signed_headers(r) == "content-type;host;x-amz-date;x-amz-security-token");
        CHECK(signature(r) == "8c247ccd63b1174b32732cdb16b3ad2a9f6febba515f81ea0d385959fe71a77f");
    }
    SUBCASE("the fraction of a second is not part of the signing time") {
        auto r = describe_export_tasks();
        awsq::sigv4_sign(r, example, "us-east-1", "rds", at + 999'999us);
        CHECK(signature(r) == "2c1b4aa240d50cadb8db683b34ced04df0b3661f78c5bd480f5c764ae99dc40e");
    }
    SUBCASE("a UTF-8 body is hashed as its bytes") {
        auto r = describe_export_tasks();
        r.body = "Name=žluťoučký kůň";
        CHECK(sign(r) == "79f461f3ae769cb72722f021caee284560ed80184d732585c50278511bce3b93");
    }
}

TEST_CASE("sigv4: header values trimmed, inner whitespace runs folded to one space") {
    auto r = request("POST", "rds.us-east-1.amazonaws.com", "/",
                     {{"X-Custom", "  a   b \t c  "}, {"content-type", "text/plain"}});
    CHECK(sign(r) == "854ae3c6ac6b364ec5e72d12cd7ceff6143e058174ad0b39075b4c22a392f152");
    awsq::sigv4_sign(r, example, "us-east-1", "rds", at);
    CHECK(signed_headers(r) == "content-type;host;x-amz-date;x-custom");
    CHECK(header(r, "X-Custom") == "  a   b \t c  ");  // the value sent is left alone
    auto folded = request("POST", "rds.us-east-1.amazonaws.com", "/",
                          {{"X-Custom", "a b c"}, {"content-type", "text/plain"}});
    CHECK(sign(folded) == signature(r));
}

TEST_CASE("sigv4: a repeated header signs once, its values joined with ',' in request order") {
    auto r = request("POST", "rds.us-east-1.amazonaws.com", "/",
                     {{"X-Multi", "one"}, {"x-multi", " two  three "}, {"X-Other", "z"}, {"X-MULTI", "four"}});
    CHECK(sign(r) == "05c569b3fd09273bd1dd0b464e24c08bcb6de9ebb614b8318809ad560c17cf74");
    awsq::sigv4_sign(r, example, "us-east-1", "rds", at);
    CHECK(signed_headers(r) == "host;x-amz-date;x-multi;x-other");
}

TEST_CASE("sigv4: host signed with its port unless it is the scheme's default") {
    SUBCASE("a non-default port is signed") {
        CHECK(sign(request("GET", "127.0.0.1:5000", "/", {}, {}, "http")) ==
              "6361fc8c050255ccf32d52279dc661488ec157be64291d9961b34b4de8ab255b");
    }
    SUBCASE(":443 over https and upper case sign as the bare lower-case host") {
        const std::string expected = "327319463d4dfce8137f50ba445465ac94d0e4e1f2df80e90c357e05edb0593b";
        CHECK(sign(request("GET", "Rds.US-east-1.amazonaws.com:443", "/")) == expected);
        CHECK(sign(request("GET", "rds.us-east-1.amazonaws.com", "/")) == expected);
    }
    SUBCASE(":80 is the default of http only") {
        CHECK(sign(request("GET", "h:80", "/", {}, {}, "http")) == sign(request("GET", "h", "/", {}, {}, "http")));
        CHECK(sign(request("GET", "h:80", "/")) != sign(request("GET", "h", "/")));
        CHECK(sign(request("GET", "h:0080", "/", {}, {}, "http")) == sign(request("GET", "h", "/", {}, {}, "http")));
    }
    SUBCASE("IPv6 literal") {
        CHECK(sign(request("GET", "[::1]:443", "/")) == sign(request("GET", "[::1]", "/")));
        CHECK(sign(request("GET", "[::1]:8443", "/")) != sign(request("GET", "[::1]", "/")));
    }
    SUBCASE("a Host header set by the caller is signed as it is") {
        auto r = request("GET", "127.0.0.1:5000", "/", {{"Host", "example.com"}}, {}, "http");
        CHECK(sign(r) == sign(request("GET", "example.com", "/", {}, {}, "http")));
    }
}

TEST_CASE("sigv4: query string sorted by name then value") {
    const std::string expected = "78f1e216c02c3e88840520677f0ad2706734d5ad3f3a48897f27369ed57e51cc";
    CHECK(sign(request("GET", "iam.amazonaws.com", "/?Version=2010-05-08&Action=ListUsers&b=&a=2&a=1")) == expected);
    SUBCASE("order of the pairs does not matter") {
        CHECK(sign(request("GET", "iam.amazonaws.com", "/?a=1&a=2&Action=ListUsers&b=&Version=2010-05-08")) ==
              expected);
    }
    SUBCASE("a name without '=' has an empty value") {
        CHECK(sign(request("GET", "iam.amazonaws.com", "/?Version=2010-05-08&Action=ListUsers&b&a=2&a=1")) ==
              expected);
    }
    SUBCASE("names and values in canonical encoding: %7e, %7E and ~ are the same, as are %41 and A") {
        // botocore copies a URL's query as it is; SigV4 (and botocore's own `params` path, which the
        // differential test checks) encodes each decoded name and value, which is what the service sees.
        const std::string tilde = sign(request("GET", "h", "/?k=a~b&x=%2F"));
        CHECK(sign(request("GET", "h", "/?k=a%7eb&x=%2f")) == tilde);
        CHECK(sign(request("GET", "h", "/?%6B=a%7Eb&x=/")) == tilde);
        CHECK(sign(request("GET", "h", "/?k=a%20b")) == sign(request("GET", "h", "/?k=a b")));
    }
    SUBCASE("a fragment is not sent, so not signed") {
        CHECK(sign(request("GET", "h", "/p?a=1#frag")) == sign(request("GET", "h", "/p?a=1")));
    }
}

TEST_CASE("sigv4: path normalised (dot segments, double slashes) and encoded once more") {
    CHECK(sign(request("GET", "example.amazonaws.com", "//a/./b/../c%20d/\xc3\xbc/")) ==
          "72b77d153ffe431b7e9b8ee2f410d628980eaf812b8692e44af393a612bc633c");
    CHECK(sign(request("GET", "h", "/a/c%20d/%C3%BC/")) != sign(request("GET", "h", "/a/c%20d/\xc3\xbc/")));
    CHECK(sign(request("GET", "h", "/a/b/../../..")) == sign(request("GET", "h", "/")));
    CHECK(sign(request("GET", "h", "")) == sign(request("GET", "h", "/")));
    CHECK(sign(request("GET", "h", "/a//b/")) == sign(request("GET", "h", "/a/b/")));
    CHECK(sign(request("GET", "h", "/a/b")) != sign(request("GET", "h", "/a/b/")));
    CHECK(sign(request("GET", "h", "?a=1")) == sign(request("GET", "h", "/?a=1")));
}

TEST_CASE("sigv4: botocore's unsigned headers are sent but not signed") {
    auto r = request("GET", "example.amazonaws.com", "/",
                     {{"User-Agent", "awsq/1"}, {"Expect", "100-continue"}, {"X-Amzn-Trace-Id", "t"},
                      {"Connection", "keep-alive"}});
    CHECK(sign(r) == "1a5f3bac45c9cac0af95cda05c42d77e07bd1982eb09f116269574465e284578");
    awsq::sigv4_sign(r, example, "us-east-1", "rds", at);
    CHECK(signed_headers(r) == "host;x-amz-date");
    CHECK(header(r, "User-Agent") == "awsq/1");
}

TEST_CASE("sigv4: a Date header is replaced by botocore's Date and no X-Amz-Date is sent") {
    auto r = request("GET", "example.amazonaws.com", "/", {{"Date", "yesterday"}, {"X-Amz-Date", "x"}});
    awsq::sigv4_sign(r, example, "us-east-1", "rds", at);
    CHECK(header(r, "Date") == "Sun, 30 Aug 2015 12:36:00 -0000");
    CHECK(count(r, "X-Amz-Date") == 0);
    CHECK(signature(r) == "a8b92cdc6a6cdbac465d8e4ef1f870aef4bdc5f0b73416108f9ccd6df8392d67");
}

TEST_CASE("sigv4: X-Amz-Content-SHA256 stands for the body's hash") {
    auto r = describe_export_tasks();
    r.headers.emplace_back("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD");
    auto other = r;
    other.body = "something else";
    CHECK(sign(r) == sign(other));
    CHECK(sign(r) != sign(describe_export_tasks()));
}

TEST_CASE("sigv4: signing again replaces what the last signature added") {
    auto r = describe_export_tasks();
    awsq::sigv4_sign(r, with_token, "us-east-1", "rds", at - 5min);
    awsq::sigv4_sign(r, with_token, "us-east-1", "rds", at);
    CHECK(r.headers.size() == 4);
    CHECK(count(r, "Authorization") == 1);
    CHECK(count(r, "X-Amz-Date") == 1);
    CHECK(count(r, "X-Amz-Security-Token") == 1);
    CHECK(signature(r) == "8c247ccd63b1174b32732cdb16b3ad2a9f6febba515f81ea0d385959fe71a77f");
    SUBCASE("whatever their case") {
        auto s = describe_export_tasks();
        s.headers.emplace_back("authorization", "stale");
        s.headers.emplace_back("x-amz-date", "stale");
        s.headers.emplace_back("X-AMZ-SECURITY-TOKEN", "stale");
        awsq::sigv4_sign(s, with_token, "us-east-1", "rds", at);
        CHECK(s.headers.size() == 4);
        CHECK(signature(s) == "8c247ccd63b1174b32732cdb16b3ad2a9f6febba515f81ea0d385959fe71a77f");
    }
}

TEST_CASE("sigv4: scope and key follow the region, service and date") {
    auto r = request("POST", "sts.amazonaws.com", "/", {}, "Action=GetCallerIdentity&Version=2011-06-15");
    awsq::credentials token = example;
    token.session_token = "tok";
    awsq::sigv4_sign(r, token, "us-east-1", "sts", at);
    CHECK(header(r, "Authorization") ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
          "SignedHeaders=host;x-amz-date;x-amz-security-token, "
          "Signature=096ec622b895f12013e7dd081509936e0d7d45000a8f674a038e1478364d0556");
    auto other = r;
    awsq::sigv4_sign(other, token, "eu-west-1", "sts", at);
    CHECK(header(other, "Authorization").find("/20150830/eu-west-1/sts/aws4_request,") != std::string::npos);
    CHECK(signature(other) != signature(r));
    SUBCASE("before 1970") {
        auto old = describe_export_tasks();
        awsq::sigv4_sign(old, example, "us-east-1", "rds", awsq::timestamp{sys_days{1969y / December / 31}} + 23h);
        CHECK(header(old, "X-Amz-Date") == "19691231T230000Z");
    }
}

TEST_CASE("sigv4: secrets never appear in a header, and sigv4_masked hides the signature and the token") {
    auto r = describe_export_tasks();
    awsq::sigv4_sign(r, with_token, "us-east-1", "rds", at);
    for (const auto& [name, value] : r.headers) {
        CHECK(value.find(example.secret_access_key) == std::string::npos);
        const std::string shown = awsq::sigv4_masked(name, value);
        CHECK(shown.find(example.secret_access_key) == std::string::npos);
        CHECK(shown.find(*with_token.session_token) == std::string::npos);
        CHECK(shown.find("8c247ccd63b1174b32732cdb16b3ad2a9f6febba515f81ea0d385959fe71a77f") == std::string::npos);
    }
    CHECK(awsq::sigv4_masked("Authorization", header(r, "Authorization")) ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/rds/aws4_request, "
          "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=****");
    CHECK(awsq::sigv4_masked("x-amz-security-token", "AQoDYXdzEPT//////////wEXAMPLEtoken") == "****");
    CHECK(awsq::sigv4_masked("Content-Type", "text/plain") == "text/plain");
    CHECK(awsq::sigv4_masked("X-Amz-Date", "20150830T123600Z") == "20150830T123600Z");
}
