// End to end: awsq::client against moto's server with signature checking on. Run by test_moto.py,
// which starts the server, creates what is listed here with boto3 and passes the facts by environment.
#include <awsq/client.hpp>
#include <awsq/rds.hpp>
#include <awsq/rds/waiters.hpp>
#include <awsq/redshift.hpp>
#include <awsq/redshift/waiters.hpp>
#include <awsq/sts.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    REQUIRE_MESSAGE(v, "test_moto.py sets " << name);
    return v;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

/// A client for moto: credentials from the environment (test_moto.py sets the IAM user's keys).
awsq::client moto(awsq::client_options options = {}) {
    options.endpoint_url = env("AWSQ_E2E_ENDPOINT");
    options.region = "us-east-1";
    auto c = awsq::client::from_environment(std::move(options));
    REQUIRE_MESSAGE(c, c.error().message());
    return std::move(c).value();
}

/// No secret of the test's user in a text (messages, errors).
void check_no_secret(const std::string& text) {
    CHECK(text.find(env("AWS_SECRET_ACCESS_KEY")) == std::string::npos);
}

}  // namespace

TEST_CASE("moto: DescribeExportTasks lists the export tasks boto3 started") {
    std::vector<std::string> ids;
    for (auto& task : awsq::paginate_items<awsq::rds::DescribeExportTasks>(moto(), {}, {.page_size = 20})) {
        REQUIRE_MESSAGE(task, task.error().message());
        ids.push_back(task->ExportTaskIdentifier.value_or(""));
    }
    CHECK(ids == split(env("AWSQ_E2E_EXPORT_IDS")));
}

TEST_CASE("moto: DescribeDBInstances pages through every instance, 20 at a time") {
    std::vector<std::size_t> sizes;
    std::set<std::string> names;
    awsq::rds::DescribeDBInstancesRequest input{.MaxRecords = 20};
    for (auto& page : awsq::paginate<awsq::rds::DescribeDBInstances>(moto(), input)) {
        REQUIRE_MESSAGE(page, page.error().message());
        REQUIRE(page->output.DBInstances);
        sizes.push_back(page->output.DBInstances->size());
        for (const auto& db : *page->output.DBInstances) names.insert(db.DBInstanceIdentifier.value_or(""));
        CHECK(!page->request_id.empty());
    }
    const auto expected = std::stoul(env("AWSQ_E2E_DB_COUNT"));
    CHECK(names.size() == expected);
    REQUIRE(sizes.size() == (expected + 19) / 20);
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i) CHECK(sizes[i] == 20);
}

TEST_CASE("moto: an unknown export task is the modeled ExportTaskNotFound fault") {
    auto r = awsq::call<awsq::rds::DescribeExportTasks>(moto(), {.ExportTaskIdentifier = "no-such-task"});
    REQUIRE(!r);
    REQUIRE(r.error().kind() == awsq::error_kind::service);
    CHECK(r.error().service().code == "ExportTaskNotFound");
    CHECK(r.error().is<awsq::rds::ExportTaskNotFoundFault>());
    CHECK(r.error().service().http_status >= 400);
}

TEST_CASE("moto: Redshift DescribeClusters lists the cluster boto3 created") {
    auto r = awsq::call<awsq::redshift::DescribeClusters>(moto(), {});
    REQUIRE_MESSAGE(r, r.error().message());
    REQUIRE(r->output.Clusters);
    std::vector<std::string> ids;
    for (const auto& c : *r->output.Clusters) ids.push_back(c.ClusterIdentifier.value_or(""));
    CHECK(ids == split(env("AWSQ_E2E_CLUSTER_IDS")));
}

TEST_CASE("moto: waiters: moto's instances and clusters are available at once, an unknown instance is deleted") {
    const auto c = moto();
    int sleeps = 0;
    const awsq::wait_options options{.sleep = [&](std::chrono::microseconds) { ++sleeps; }};
    SUBCASE("DBInstanceAvailable") {
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(c, {.DBInstanceIdentifier = "awsq-db-00"}, options);
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 1);
        REQUIRE(r->response);
        CHECK(r->response->output.DBInstances->at(0).DBInstanceStatus == "available");
    }
    SUBCASE("DBInstanceDeleted: DBInstanceNotFound is success") {
        auto r = awsq::wait<awsq::rds::DBInstanceDeleted>(c, {.DBInstanceIdentifier = "no-such-db"}, options);
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(!r->response);
    }
    SUBCASE("DBInstanceAvailable of an unknown instance: an error no acceptor matches") {
        auto r = awsq::wait<awsq::rds::DBInstanceAvailable>(c, {.DBInstanceIdentifier = "no-such-db"}, options);
        REQUIRE(!r);
        CHECK(r.error().kind() == awsq::error_kind::waiter);
        CHECK(r.error().message().starts_with("Waiter DBInstanceAvailable failed: An error occurred (DBInstanceNotFound): "));
    }
    SUBCASE("ClusterAvailable") {
        auto r = awsq::wait<awsq::redshift::ClusterAvailable>(c, {.ClusterIdentifier = "awsq-cluster"}, options);
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->attempts == 1);
    }
    CHECK(sleeps == 0);
}

TEST_CASE("moto: GetCallerIdentity is the IAM user whose keys sign") {
    auto r = awsq::call<awsq::sts::GetCallerIdentity>(moto(), {});
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(r->output.Arn == env("AWSQ_E2E_USER_ARN"));
}

TEST_CASE("moto: a wrong secret is SignatureDoesNotMatch, an unknown key InvalidClientTokenId") {
    SUBCASE("wrong secret") {
        auto c = moto({.credentials = awsq::credentials{env("AWS_ACCESS_KEY_ID"), "not-the-secret-key"}});
        auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
        REQUIRE(!r);
        CHECK(r.error().service().code == "SignatureDoesNotMatch");
        CHECK(r.error().service().http_status == 403);
        check_no_secret(r.error().message());
        CHECK(r.error().message().find("not-the-secret-key") == std::string::npos);
    }
    SUBCASE("unknown key") {
        auto c = moto({.credentials = awsq::credentials{"AKIAUNKNOWNKEY000000", env("AWS_SECRET_ACCESS_KEY")}});
        auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
        REQUIRE(!r);
        CHECK(r.error().service().code == "InvalidClientTokenId");
        check_no_secret(r.error().message());
    }
}

TEST_CASE("moto: timeouts and a deadline leave real calls as they were; a signature error is not retried") {
    using namespace std::chrono_literals;
    auto c = moto({.max_attempts = 4, .connect_timeout = 5s, .read_timeout = 10s, .deadline = 30s});
    auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(r->output.Arn == env("AWSQ_E2E_USER_ARN"));
    CHECK(c.retry_capacity() == awsq::retry_quota::capacity);
    // moto's clock is ours: a wrong secret is a signature error, not clock skew.
    auto wrong = moto({.credentials = awsq::credentials{env("AWS_ACCESS_KEY_ID"), "not-the-secret-key"},
                       .max_attempts = 4});
    auto e = awsq::call<awsq::sts::GetCallerIdentity>(wrong, {});
    REQUIRE(!e);
    CHECK(e.error().service().code == "SignatureDoesNotMatch");
    CHECK(e.error().attempts() == 1);
    CHECK(e.error().stopped() == awsq::retry_stop::not_retryable);
    CHECK(wrong.clock_correction() == std::chrono::microseconds(0));
}

TEST_CASE("moto: an assume-role profile and a credential_process profile reach STS as their identity") {
    // test_moto.py wrote AWS_CONFIG_FILE with [profile assumed] (role_arn + source_profile) and
    // [profile process] (credential_process printing the user's keys).
    SUBCASE("assume role") {
        auto c = moto({.profile = "assumed"});
        auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->output.Arn.value_or("").starts_with(env("AWSQ_E2E_ASSUMED_ARN_PREFIX")));
        auto keys = c.credentials();
        REQUIRE(keys);
        CHECK(keys->session_token);
        CHECK(keys->expiration);
    }
    SUBCASE("credential_process") {
        auto c = moto({.profile = "process"});
        auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->output.Arn == env("AWSQ_E2E_USER_ARN"));
    }
}

TEST_CASE("moto: eight threads share one client") {
    const auto c = moto();
    std::vector<int> ok(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                auto r = awsq::call<awsq::sts::GetCallerIdentity>(c, {});
                if (r && r->output.Arn) ++ok[static_cast<std::size_t>(t)];
            }
        });
    for (auto& t : threads) t.join();
    for (int n : ok) CHECK(n == 5);
}
