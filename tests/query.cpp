// awsq/query.hpp: requests as the form-encoded body botocore sends; expected bodies are botocore's own output.
#include <awsq/query.hpp>
#include <awsq/querytest.hpp>
#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace {

// A user type taught to every format through the codec customisation point.
struct SemVer {
    int major = 0;
    int minor = 0;
};

struct Release {
    std::optional<SemVer> Tag{};
    std::optional<std::string> Notes{};
};
BOOST_DESCRIBE_STRUCT(Release, (), (Tag, Notes))

// A flattened list with a member locationName inside a nested structure.
struct Inner {
    std::optional<std::vector<std::string>> Hosts{};
};
BOOST_DESCRIBE_STRUCT(Inner, (), (Hosts))

struct Outer {
    std::optional<Inner> In{};
};
BOOST_DESCRIBE_STRUCT(Outer, (), (In))

inline constexpr awsq::shape_facts host_list{.name = "HostList", .flattened = true, .member_name = "Host"};

struct NestedHosts {
    using input_type = Outer;
    static constexpr std::string_view name = "Op";
    static constexpr awsq::service_facts service{"x", "X", "1", "x", "x", "v4", "", "query"};
};

struct PublishRelease {
    using input_type = Release;
    static constexpr std::string_view name = "PublishRelease";
    static constexpr awsq::service_facts service{
        "demo", "Demo", "2021-02-03", "demo", "demo", "v4", "https://demo.example/", "query"};
};

}  // namespace

namespace awsq {
template <>
struct codec<SemVer> {
    static std::string to_wire(const SemVer& v) { return std::to_string(v.major) + "." + std::to_string(v.minor); }
    static std::optional<SemVer> from_wire(std::string_view) { return std::nullopt; }
};
template <>
struct wire<Release> {
    static constexpr std::string_view name = "Release";
    static constexpr std::array<member_facts, 2> members{{{.name = "Tag"}, {.name = "Notes", .location_name = "Text"}}};
};
template <>
struct wire<Inner> {
    [[maybe_unused]] static constexpr std::string_view name = "Inner";  // a nested shape: no path starts here
    static constexpr std::array<member_facts, 1> members{{{.name = "Hosts", .shape = &host_list}}};
};
template <>
struct wire<Outer> {
    static constexpr std::string_view name = "Outer";
    static constexpr std::array<member_facts, 1> members{{{.name = "In"}}};
};
}  // namespace awsq

namespace {

namespace qt = awsq::querytest;
using awsq::rds::DescribeExportTasks;
using awsq::redshift::DescribeTableRestoreStatus;

awsq::timestamp at(std::string_view iso) { return *awsq::parse_iso8601(iso); }

template <class Op>
std::string body(const typename Op::input_type& request) {
    const auto r = awsq::to_query<Op>(request);
    REQUIRE_MESSAGE(r.has_value(), r.error().message());
    return *r;
}

std::string put(const qt::PutThingsRequest& request) { return body<qt::PutThings>(request); }

constexpr std::string_view head = "Action=PutThings&Version=2020-01-01&Name=n";

std::string form(std::string_view text) {
    std::string out;
    awsq::detail::append_form_encoded(out, text);
    return out;
}

template <class F>
std::string py(F value) {
    return std::string(awsq::detail::python_float(value).view());
}

}  // namespace

TEST_CASE("query: DescribeExportTasks with every member set, byte-identical to botocore") {
    awsq::rds::DescribeExportTasksRequest r{
        .ExportTaskIdentifier = "my-task",
        .SourceArn = "arn:aws:rds:us-east-1:123456789012:snapshot:my snap",
        .Filters = std::vector<awsq::rds::Filter>{
            {.Name = "status", .Values = std::vector<std::string>{"complete", "in progress"}},
            {.Name = "s3-bucket", .Values = std::vector<std::string>{}}},
        .Marker = "a+b/c=~_.-",
        .MaxRecords = 100,
        .SourceType = awsq::rds::ExportSourceType::SNAPSHOT,
    };
    CHECK(body<DescribeExportTasks>(r) ==
          "Action=DescribeExportTasks&Version=2014-10-31&ExportTaskIdentifier=my-task"
          "&SourceArn=arn%3Aaws%3Ards%3Aus-east-1%3A123456789012%3Asnapshot%3Amy+snap"
          "&Filters.Filter.1.Name=status&Filters.Filter.1.Values.Value.1=complete"
          "&Filters.Filter.1.Values.Value.2=in+progress&Filters.Filter.2.Name=s3-bucket"
          "&Filters.Filter.2.Values=&Marker=a%2Bb%2Fc%3D~_.-&MaxRecords=100&SourceType=SNAPSHOT");
}

TEST_CASE("query: DescribeTableRestoreStatus with every member set, byte-identical to botocore") {
    const awsq::redshift::DescribeTableRestoreStatusRequest r{
        .ClusterIdentifier = "my-cluster",
        .TableRestoreRequestId = "z8a7e9f0-1234",
        .MaxRecords = 20,
        .Marker = "next page?",
    };
    CHECK(body<DescribeTableRestoreStatus>(r) ==
          "Action=DescribeTableRestoreStatus&Version=2012-12-01&ClusterIdentifier=my-cluster"
          "&TableRestoreRequestId=z8a7e9f0-1234&MaxRecords=20&Marker=next+page%3F");
}

TEST_CASE("query: a request using every construct, byte-identical to botocore") {
    qt::PutThingsRequest r{
        .Name = "box",
        .Count = 10,
        .Total = std::numeric_limits<std::int64_t>::min(),
        .Ratio = 0.1,
        .Scale = 1.5f,
        .Enabled = false,
        .Payload = awsq::blob{"hi?>"},
        .Mode = qt::ThingMode::t2_micro,
        .CreatedAt = at("2024-01-02T03:04:05.678Z"),
        .ExpiresAt = at("2024-01-02T03:04:05.678Z"),
        .SeenAt = at("2024-01-02T03:04:05Z"),
        .Dates = std::vector<awsq::timestamp>{at("1970-01-01T00:00:00Z"), at("2000-02-29T23:59:59.5Z")},
        .Alias = "a b",
        .Tags = std::map<std::string, std::string>{{"env", "prod"}, {"k", ""}},
        .Labels = std::map<std::string, std::string>{{"colour", "blue"}},
        .Limits = std::map<std::string, std::int32_t>{{"cpu", 2}, {"mem", 10}},
        .Items = std::vector<qt::Item>{{.Key = "k1", .Value = "v1", .Mode = qt::ThingMode::SLOW}, {.Key = "k2"}},
        .Names = std::vector<std::string>{"x", "y"},
        .Ids = std::vector<std::int64_t>{1, -2},
        .Hosts = std::vector<std::string>{"h1", "h2"},
        .Matrix = std::vector<std::vector<std::int32_t>>{{1, 2}, {}, {3}},
        .Tree = qt::Node{.Label = "leaf",
                         .Parent = qt::Node{.Label = "root"},
                         .Children = std::vector<qt::Node>{{.Label = "c1"},
                                                           {.Label = "c2", .Children = std::vector<qt::Node>{}}}},
    };
    CHECK(put(r) ==
          "Action=PutThings&Version=2020-01-01&Name=box&Count=10&Total=-9223372036854775808&Ratio=0.1"
          "&Scale=1.5&Enabled=false&Payload=aGk%2FPg%3D%3D&Mode=t2.micro"
          "&CreatedAt=2024-01-02T03%3A04%3A05.678000Z&ExpiresAt=1704164645"
          "&SeenAt=Tue%2C+02+Jan+2024+03%3A04%3A05+GMT&Dates.member.1=Thu%2C+01+Jan+1970+00%3A00%3A00+GMT"
          "&Dates.member.2=Tue%2C+29+Feb+2000+23%3A59%3A59+GMT&AliasName=a+b"
          "&Tags.entry.1.key=env&Tags.entry.1.value=prod&Tags.entry.2.key=k&Tags.entry.2.value="
          "&Labels.entry.1.Name=colour&Labels.entry.1.Text=blue"
          "&Limits.1.Resource=cpu&Limits.1.Max=2&Limits.2.Resource=mem&Limits.2.Max=10"
          "&Items.member.1.Key=k1&Items.member.1.Value=v1&Items.member.1.Mode=SLOW&Items.member.2.Key=k2"
          "&Names.Name.1=x&Names.Name.2=y&Ids.1=1&Ids.2=-2&Host.1=h1&Host.2=h2"
          "&Matrix.Row.1.member.1=1&Matrix.Row.1.member.2=2&Matrix.Row.2=&Matrix.Row.3.member.1=3"
          "&Tree.Label=leaf&Tree.Parent.Label=root&Tree.Children.Node.1.Label=c1"
          "&Tree.Children.Node.2.Label=c2&Tree.Children.Node.2.Children=");
}

TEST_CASE("query: Action and Version come first, then present members in model order") {
    SUBCASE("an empty request sends Action and Version only") {
        CHECK(body<DescribeExportTasks>({}) == "Action=DescribeExportTasks&Version=2014-10-31");
        CHECK(body<DescribeTableRestoreStatus>({}) == "Action=DescribeTableRestoreStatus&Version=2012-12-01");
    }
    SUBCASE("an operation without input sends Action and Version only") {
        CHECK(body<qt::Ping>({}) == "Action=Ping&Version=2020-01-01");
    }
    SUBCASE("model order, whatever order the caller set them in") {
        awsq::redshift::DescribeTableRestoreStatusRequest r;
        r.Marker = "m";
        r.ClusterIdentifier = "c";
        CHECK(body<DescribeTableRestoreStatus>(r) ==
              "Action=DescribeTableRestoreStatus&Version=2012-12-01&ClusterIdentifier=c&Marker=m");
    }
}

TEST_CASE("query: an absent member sends nothing, an explicitly empty list sends Name=") {
    SUBCASE("absent list") {
        CHECK(body<DescribeExportTasks>({.Filters = std::nullopt}) == "Action=DescribeExportTasks&Version=2014-10-31");
    }
    SUBCASE("empty top-level list") {
        CHECK(body<DescribeExportTasks>({.Filters = std::vector<awsq::rds::Filter>{}}) ==
              "Action=DescribeExportTasks&Version=2014-10-31&Filters=");
    }
    SUBCASE("empty nested list") {
        CHECK(put({.Name = "n", .Matrix = std::vector<std::vector<std::int32_t>>{{}}}) ==
              std::string(head) + "&Matrix.Row.1=");
    }
    SUBCASE("empty flattened lists keep their member name, even one with a locationName") {
        CHECK(put({.Name = "n", .Ids = std::vector<std::int64_t>{}, .Hosts = std::vector<std::string>{}}) ==
              std::string(head) + "&Ids=&Hosts=");
    }
}

TEST_CASE("query: a list uses Name.<member locationName or \"member\">.N, from 1") {
    SUBCASE("no locationName: member") {
        CHECK(put({.Name = "n", .Items = std::vector<qt::Item>{{.Key = "a"}, {.Key = "b"}}}) ==
              std::string(head) + "&Items.member.1.Key=a&Items.member.2.Key=b");
    }
    SUBCASE("the member's locationName") {
        CHECK(put({.Name = "n", .Names = std::vector<std::string>{"a", "b", "c"}}) ==
              std::string(head) + "&Names.Name.1=a&Names.Name.2=b&Names.Name.3=c");
    }
    SUBCASE("ten elements and more count in decimal") {
        CHECK(put({.Name = "n", .Ids = std::vector<std::int64_t>(11, 7)}) ==
              std::string(head) + "&Ids.1=7&Ids.2=7&Ids.3=7&Ids.4=7&Ids.5=7&Ids.6=7&Ids.7=7&Ids.8=7&Ids.9=7"
                                  "&Ids.10=7&Ids.11=7");
    }
}

TEST_CASE("query: flattened list uses Name.N") {
    SUBCASE("no locationName: the member's name") {
        CHECK(put({.Name = "n", .Ids = std::vector<std::int64_t>{5, 6}}) == std::string(head) + "&Ids.1=5&Ids.2=6");
    }
    SUBCASE("a member locationName replaces the member's name (botocore's rename)") {
        CHECK(put({.Name = "n", .Hosts = std::vector<std::string>{"a"}}) == std::string(head) + "&Host.1=a");
    }
    SUBCASE("the rename replaces only the last segment of a nested key") {
        CHECK(body<NestedHosts>({.In = Inner{.Hosts = std::vector<std::string>{"a", "b"}}}) ==
              "Action=Op&Version=1&In.Host.1=a&In.Host.2=b");
    }
}

TEST_CASE("query: nested structures and lists join with dots") {
    SUBCASE("list of lists") {
        CHECK(put({.Name = "n", .Matrix = std::vector<std::vector<std::int32_t>>{{1}, {2, 3}}}) ==
              std::string(head) + "&Matrix.Row.1.member.1=1&Matrix.Row.2.member.1=2&Matrix.Row.2.member.2=3");
    }
    SUBCASE("recursion through awsq::indirect and through a list") {
        qt::Node grandparent{.Label = "g"};
        qt::Node parent{.Label = "p", .Parent = grandparent};
        qt::Node child{.Label = "c", .Parent = parent,
                       .Children = std::vector<qt::Node>{{.Label = "d", .Parent = qt::Node{.Label = "e"}}}};
        CHECK(put({.Name = "n", .Tree = child}) ==
              std::string(head) + "&Tree.Label=c&Tree.Parent.Label=p&Tree.Parent.Parent.Label=g"
                                  "&Tree.Children.Node.1.Label=d&Tree.Children.Node.1.Parent.Label=e");
    }
}

TEST_CASE("query: a map uses Name.entry.N.key / .value, in key order") {
    SUBCASE("default names") {
        CHECK(put({.Name = "n", .Tags = std::map<std::string, std::string>{{"b", "2"}, {"a", "1"}}}) ==
              std::string(head) + "&Tags.entry.1.key=a&Tags.entry.1.value=1&Tags.entry.2.key=b&Tags.entry.2.value=2");
    }
    SUBCASE("key and value locationNames") {
        CHECK(put({.Name = "n", .Labels = std::map<std::string, std::string>{{"k y", "v&"}}}) ==
              std::string(head) + "&Labels.entry.1.Name=k+y&Labels.entry.1.Text=v%26");
    }
    SUBCASE("flattened: Name.N.key") {
        CHECK(put({.Name = "n", .Limits = std::map<std::string, std::int32_t>{{"cpu", 1}}}) ==
              std::string(head) + "&Limits.1.Resource=cpu&Limits.1.Max=1");
    }
    SUBCASE("an empty map sends nothing (unlike an empty list), as botocore does") {
        CHECK(put({.Name = "n", .Labels = std::map<std::string, std::string>{}}) == head);
    }
}

TEST_CASE("query: a member's locationName is its name on the wire") {
    CHECK(put({.Name = "n", .Alias = "x"}) == std::string(head) + "&AliasName=x");
}

TEST_CASE("query: booleans are true or false") {
    SUBCASE("true") { CHECK(put({.Name = "n", .Enabled = true}) == std::string(head) + "&Enabled=true"); }
    SUBCASE("false") { CHECK(put({.Name = "n", .Enabled = false}) == std::string(head) + "&Enabled=false"); }
}

TEST_CASE("query: integers are exact") {
    SUBCASE("int32") { CHECK(put({.Name = "n", .Count = 7}) == std::string(head) + "&Count=7"); }
    SUBCASE("int64 extremes") {
        CHECK(put({.Name = "n", .Total = std::numeric_limits<std::int64_t>::max()}) ==
              std::string(head) + "&Total=9223372036854775807");
        CHECK(put({.Name = "n", .Ids = std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 0}}) ==
              std::string(head) + "&Ids.1=-9223372036854775808&Ids.2=0");
    }
}

TEST_CASE("query: doubles are written as Python's str() prints them") {
    SUBCASE("shortest round trip") {
        CHECK(py(0.1) == "0.1");
        CHECK(py(123.456) == "123.456");
        CHECK(py(1.2345678901234568e20) == "1.2345678901234568e+20");
        CHECK(py(0.30000000000000004) == "0.30000000000000004");
    }
    SUBCASE("a whole number keeps .0") {
        CHECK(py(1.0) == "1.0");
        CHECK(py(-3.0) == "-3.0");
        CHECK(py(0.0) == "0.0");
        CHECK(py(-0.0) == "-0.0");
        CHECK(py(1e15) == "1000000000000000.0");
        CHECK(py(1234567890123456.0) == "1234567890123456.0");
    }
    SUBCASE("exponent form from 1e16 up and below 1e-4, sign and two digits at least") {
        CHECK(py(1e16) == "1e+16");
        CHECK(py(1.5e-7) == "1.5e-07");
        CHECK(py(0.0001) == "0.0001");
        CHECK(py(1e-5) == "1e-05");
        CHECK(py(2.5e-5) == "2.5e-05");
        CHECK(py(1e300) == "1e+300");
        CHECK(py(5e-324) == "5e-324");
        CHECK(py(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
    }
    SUBCASE("non-finite values as botocore substitutes them") {
        CHECK(py(std::numeric_limits<double>::infinity()) == "Infinity");
        CHECK(py(-std::numeric_limits<double>::infinity()) == "-Infinity");
        CHECK(py(std::nan("")) == "NaN");
    }
    SUBCASE("a float member is written with the float's own shortest digits") {
        CHECK(py(0.1f) == "0.1");
        CHECK(py(16777216.0f) == "16777216.0");
    }
    SUBCASE("in a body, '+' of the exponent is form-encoded") {
        CHECK(put({.Name = "n", .Ratio = 1e16}) == std::string(head) + "&Ratio=1e%2B16");
        CHECK(put({.Name = "n", .Ratio = 1.5e-7}) == std::string(head) + "&Ratio=1.5e-07");
        CHECK(put({.Name = "n", .Ratio = -std::numeric_limits<double>::infinity()}) ==
              std::string(head) + "&Ratio=-Infinity");
        // A "float" shape is a double, as in botocore (a Python float): 0.1 stays 0.1.
        CHECK(put({.Name = "n", .Scale = 0.1}) == std::string(head) + "&Scale=0.1");
    }
}

TEST_CASE("query: timestamps use the member's format, ISO 8601 by default") {
    SUBCASE("iso8601: fraction only when non-zero, 6 digits") {
        CHECK(put({.Name = "n", .CreatedAt = at("2024-01-02T03:04:05Z")}) ==
              std::string(head) + "&CreatedAt=2024-01-02T03%3A04%3A05Z");
        CHECK(put({.Name = "n", .CreatedAt = at("2024-01-02T03:04:05.000001Z")}) ==
              std::string(head) + "&CreatedAt=2024-01-02T03%3A04%3A05.000001Z");
    }
    SUBCASE("unixTimestamp on the member: whole seconds, the fraction dropped") {
        CHECK(put({.Name = "n", .ExpiresAt = at("2024-01-02T03:04:05.999Z")}) ==
              std::string(head) + "&ExpiresAt=1704164645");
        CHECK(put({.Name = "n", .ExpiresAt = at("1969-12-31T23:59:59.5Z")}) == std::string(head) + "&ExpiresAt=-1");
    }
    SUBCASE("rfc822 on the shape, for a member and for list elements") {
        CHECK(put({.Name = "n", .SeenAt = at("1999-12-31T23:59:59.9Z")}) ==
              std::string(head) + "&SeenAt=Fri%2C+31+Dec+1999+23%3A59%3A59+GMT");
        CHECK(put({.Name = "n", .Dates = std::vector<awsq::timestamp>{at("2024-07-14T00:00:00Z")}}) ==
              std::string(head) + "&Dates.member.1=Sun%2C+14+Jul+2024+00%3A00%3A00+GMT");
    }
}

TEST_CASE("query: blobs are base64") {
    SUBCASE("text") { CHECK(put({.Name = "n", .Payload = awsq::blob{"hello"}}) == std::string(head) + "&Payload=aGVsbG8%3D"); }
    SUBCASE("any bytes") {
        CHECK(put({.Name = "n", .Payload = awsq::blob{std::string("\0\xff\xfe", 3)}}) ==
              std::string(head) + "&Payload=AP%2F%2B");
    }
}

TEST_CASE("query: enums are sent as their wire strings") {
    SUBCASE("a known value with a wire string that is not an identifier") {
        CHECK(put({.Name = "n", .Mode = qt::ThingMode::t2_micro}) == std::string(head) + "&Mode=t2.micro");
    }
    SUBCASE("an unknown value is sent as given, as botocore sends any string") {
        CHECK(put({.Name = "n", .Mode = awsq::open_enum<qt::ThingMode>{"turbo mode"}}) ==
              std::string(head) + "&Mode=turbo+mode");
    }
}

TEST_CASE("query: a codec type is written with its to_wire, before any other rule") {
    CHECK(body<PublishRelease>({.Tag = SemVer{2, 14}, .Notes = "new"}) ==
          "Action=PublishRelease&Version=2021-02-03&Tag=2.14&Text=new");
}

TEST_CASE("query: form encoding is botocore's") {
    SUBCASE("unreserved characters are kept") {
        CHECK(form("AZaz09-_.~") == "AZaz09-_.~");
    }
    SUBCASE("space becomes +, and + itself is encoded") { CHECK(form("a b+c") == "a+b%2Bc"); }
    SUBCASE("reserved characters are percent-encoded with upper-case hex") {
        CHECK(form("&=%/?#:@,;$!*'()[]<>\"\\|^`{}") ==
              "%26%3D%25%2F%3F%23%3A%40%2C%3B%24%21%2A%27%28%29%5B%5D%3C%3E%22%5C%7C%5E%60%7B%7D");
    }
    SUBCASE("control characters") { CHECK(form("\n\r\t") == "%0A%0D%09"); }
    SUBCASE("UTF-8 byte by byte") {
        CHECK(form("é日😀") == "%C3%A9%E6%97%A5%F0%9F%98%80");
        CHECK(form("\xc2\xa0") == "%C2%A0");
    }
    SUBCASE("in a body") {
        CHECK(body<DescribeExportTasks>({.SourceArn = "é日本😀 &=%\n\t"}) ==
              "Action=DescribeExportTasks&Version=2014-10-31&SourceArn=%C3%A9%E6%97%A5%E6%9C%AC%F0%9F%98%80+%26%3D%25%0A%09");
    }
}

TEST_CASE("query: an invalid request is refused with every problem and no body") {
    awsq::rds::DescribeExportTasksRequest r{
        .Filters = std::vector<awsq::rds::Filter>{{.Name = "a"}},
        .MaxRecords = 101,
    };
    const auto out = awsq::to_query<DescribeExportTasks>(r);
    REQUIRE(out.has_error());
    CHECK(out.error().kind() == awsq::error_kind::invalid_request);
    CHECK(out.error().message() ==
          "DescribeExportTasksRequest.Filters[0].Values: required member is missing\n"
          "DescribeExportTasksRequest.MaxRecords: 101 is above the maximum 100");
}
