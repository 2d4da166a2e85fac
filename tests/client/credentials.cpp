// awsq/credentials.hpp: the credential chain in botocore's order, each provider, caching and refresh, no secret in any error.
#include <awsq/credentials.hpp>
#include <awsq/curl_transport.hpp>

#include "../support/http_server.hpp"

#include "../support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The secrets of the tests: no error message may ever contain one of them.
const std::string secret = "SECRETwJalrXUtnFEMIK7MDENGbPxRfiCY";
const std::string token = "TOKENAQoDYXdzEPTwEXAMPLEtoken";
const std::string web_token = "WEBTOKENeyJhbGciOiJSUzI1NiJ9";
const std::string auth_token = "AUTHTOKENcontainer";
const std::string secrets[] = {secret, token, web_token, auth_token, "S-assumed", "T-assumed", "S2", "T2"};

void check_no_secret(const std::string& text) {
    for (const auto& s : secrets) CHECK_MESSAGE(text.find(s) == std::string::npos, "secret in: " << text);
}

/// The error of `r`, checked to be one and to hold no secret.
template <class T>
awsq::error error_of(const awsq::result<T>& r) {
    REQUIRE(r.has_error());
    check_no_secret(r.error().message());
    return r.error();
}

template <class T>
std::string message_of(const awsq::result<T>& r) {
    return error_of(r).message();
}

awsq::timestamp at(const char* iso) { return *awsq::parse_iso8601(iso); }

/// A clock the test moves by hand.
struct manual_clock {
    std::shared_ptr<std::atomic<long long>> micros =
        std::make_shared<std::atomic<long long>>(at("2026-11-30T12:00:00Z").time_since_epoch().count());
    awsq::clock fn() const {
        return [m = micros] { return awsq::timestamp{std::chrono::microseconds{m->load()}}; };
    }
    void set(const char* iso) { *micros = at(iso).time_since_epoch().count(); }
};

using awsq::test::temp_dir;

awsq::config_file parse(std::string_view text, const char* name) {
    auto r = awsq::parse_config_file(text, name);
    REQUIRE(r.has_value());
    return *r;
}

/// Everything a chain reads, and hooks that record what they were asked.
struct world {
    std::map<std::string, std::string, std::less<>> vars{{"AWS_EC2_METADATA_DISABLED", "true"}};
    std::string config_text, credentials_text;
    std::string profile = "default";
    bool profile_from_options = false;
    manual_clock clock;

    std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
    std::shared_ptr<std::vector<std::pair<awsq::credentials, awsq::assume_role_params>>> assumed =
        std::make_shared<std::vector<std::pair<awsq::credentials, awsq::assume_role_params>>>();
    std::shared_ptr<std::vector<awsq::web_identity_params>> web = std::make_shared<std::vector<awsq::web_identity_params>>();
    std::function<awsq::result<awsq::http_response>(const awsq::http_request&)> http;

    awsq::shared_config config;

    awsq::credential_sources sources() {
        config = awsq::shared_config::from_files(parse(config_text, "/cfg"), parse(credentials_text, "/creds"));
        awsq::credential_sources s;
        s.env = awsq::environment::from_map(vars);
        s.config = &config;
        s.profile = profile;
        s.profile_from_options = profile_from_options;
        s.http = http;
        s.now = clock.fn();
        s.assume_role = [m = mutex, a = assumed, n = s.now](const awsq::credentials& source,
                                                             const awsq::assume_role_params& p) -> awsq::result<awsq::credentials> {
            std::lock_guard lock(*m);
            a->emplace_back(source, p);
            const auto i = std::to_string(a->size());
            return awsq::credentials{"AK-assumed" + i, "S-assumed" + i, "T-assumed" + i, n() + 1h};
        };
        s.assume_role_with_web_identity = [m = mutex, w = web, n = s.now](const awsq::web_identity_params& p)
            -> awsq::result<awsq::credentials> {
            std::lock_guard lock(*m);
            w->push_back(p);
            return awsq::credentials{"AK-web", "S-assumed-web", "T-assumed-web", n() + 1h};
        };
        return s;
    }

    awsq::result<awsq::credentials_provider> resolve(std::optional<awsq::credentials> explicit_credentials = {}) {
        return awsq::resolve_credentials(std::move(explicit_credentials), sources());
    }
    /// Resolves and fetches once.
    awsq::result<awsq::credentials> get() {
        auto p = resolve();
        if (!p) return std::move(p).error();
        return p->get();
    }
};

awsq::credentials get_ok(world& w) {
    auto c = w.get();
    REQUIRE_MESSAGE(c.has_value(), (c ? "" : c.error().message()));
    return *c;
}

const char* const static_profile = "[default]\naws_access_key_id = AK-config\naws_secret_access_key = S-config\n";

}  // namespace

TEST_CASE("credentials: explicit ones come first") {
    world w;
    w.vars["AWS_ACCESS_KEY_ID"] = "AK-env";
    w.vars["AWS_SECRET_ACCESS_KEY"] = secret;
    auto p = w.resolve(awsq::credentials{"AK-explicit", secret, token, {}});
    REQUIRE(p.has_value());
    CHECK(p->get()->access_key_id == "AK-explicit");
    CHECK(p->get()->session_token == token);
    CHECK(p->source() == "explicit");
    auto half = w.resolve(awsq::credentials{"AK-explicit", "", {}, {}});
    CHECK(message_of(half) == "credentials: explicit credentials need both an access key ID and a secret access key");
}

TEST_CASE("credentials: the environment") {
    world w;
    w.config_text = static_profile;
    w.vars["AWS_ACCESS_KEY_ID"] = "AK-env";
    w.vars["AWS_SECRET_ACCESS_KEY"] = secret;
    SUBCASE("keys, before the profile's") {
        auto c = get_ok(w);
        CHECK(c.access_key_id == "AK-env");
        CHECK(c.secret_access_key == secret);
        CHECK(c.session_token == std::nullopt);
        CHECK(c.expiration == std::nullopt);
        CHECK(w.resolve()->source() == "environment");
    }
    SUBCASE("AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN first as botocore reads them") {
        w.vars["AWS_SESSION_TOKEN"] = token;
        CHECK(get_ok(w).session_token == token);
        w.vars["AWS_SECURITY_TOKEN"] = "legacy";
        CHECK(get_ok(w).session_token == "legacy");
    }
    SUBCASE("a key without a secret is an error") {
        w.vars.erase("AWS_SECRET_ACCESS_KEY");
        CHECK(message_of(w.resolve()) == "AWS_SECRET_ACCESS_KEY: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }
    SUBCASE("an empty key does not count") {
        w.vars["AWS_ACCESS_KEY_ID"] = "";
        CHECK(get_ok(w).access_key_id == "AK-config");
    }
    SUBCASE("skipped when the profile was named in the options") {
        w.profile_from_options = true;
        CHECK(get_ok(w).access_key_id == "AK-config");
    }
    SUBCASE("AWS_CREDENTIAL_EXPIRATION: the variables are read again when they near it") {
        auto vars = std::make_shared<std::map<std::string, std::string, std::less<>>>(w.vars);
        (*vars)["AWS_CREDENTIAL_EXPIRATION"] = "2026-11-30T13:00:00Z";
        auto s = w.sources();
        s.env = awsq::environment([vars](std::string_view n) -> std::optional<std::string> {
            auto it = vars->find(n);
            return it == vars->end() ? std::nullopt : std::optional<std::string>(it->second);
        });
        auto p = awsq::resolve_credentials({}, s);
        REQUIRE(p.has_value());
        CHECK(p->get()->expiration == at("2026-11-30T13:00:00Z"));
        (*vars)["AWS_ACCESS_KEY_ID"] = "AK-env-2";
        (*vars)["AWS_CREDENTIAL_EXPIRATION"] = "2026-11-30T14:00:00Z";
        CHECK(p->get()->access_key_id == "AK-env");  // not yet near expiry
        w.clock.set("2026-11-30T12:50:00Z");
        CHECK(p->get()->access_key_id == "AK-env-2");
        (*vars)["AWS_CREDENTIAL_EXPIRATION"] = "soon";
        CHECK(message_of(awsq::resolve_credentials({}, s)) ==
              "AWS_CREDENTIAL_EXPIRATION: not an ISO 8601 timestamp: soon");
    }
}

TEST_CASE("credentials: a profile's static keys") {
    world w;
    SUBCASE("from the credentials file") {
        w.credentials_text = "[dev]\naws_access_key_id = AK-creds\naws_secret_access_key = " + secret +
                             "\naws_session_token = " + token + "\n";
        w.profile = "dev";
        auto c = get_ok(w);
        CHECK(c.access_key_id == "AK-creds");
        CHECK(c.secret_access_key == secret);
        CHECK(c.session_token == token);
        CHECK(w.resolve()->source() == "/creds [dev]");
    }
    SUBCASE("from the config file") {
        w.config_text = "[profile dev]\naws_access_key_id = AK-config\naws_secret_access_key = " + secret + "\n";
        w.profile = "dev";
        CHECK(get_ok(w).access_key_id == "AK-config");
        CHECK(w.resolve()->source() == "/cfg [profile dev]");
    }
    SUBCASE("the credentials file before the config file") {
        w.config_text = static_profile;
        w.credentials_text = "[default]\naws_access_key_id = AK-creds\naws_secret_access_key = S\n";
        CHECK(get_ok(w).access_key_id == "AK-creds");
    }
    SUBCASE("a key without a secret is an error naming the file and profile") {
        w.credentials_text = "[default]\naws_access_key_id = AK\n";
        CHECK(message_of(w.resolve()) == "/creds [default]: has aws_access_key_id but no aws_secret_access_key");
    }
    SUBCASE("an SSO profile is refused clearly") {
        w.config_text = "[default]\nsso_session = corp\n";
        CHECK(message_of(w.resolve()).starts_with("profile default: uses IAM Identity Center (SSO)"));
    }
}

TEST_CASE("credentials: credential_process") {
    temp_dir dir;
    // The script prints the file named by its first argument and exits with the code in <file>.exit;
    // every run is counted in runs.
    const auto script = dir.script("cred process.sh", "#!/bin/sh\necho run >> '" + (dir.path / "runs").string() +
                                                         "'\ncat \"$1\"\necho 'a diagnostic' >&2\n"
                                                         "[ -f \"$1.exit\" ] && exit $(cat \"$1.exit\")\nexit 0\n");
    const auto out = dir.write("out.json", "");
    const auto runs = [&] {
        std::ifstream in(dir.path / "runs");
        return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
    };
    world w;
    w.config_text = "[profile p]\ncredential_process = \"" + script + "\" '" + out + "' --secret-arg=" + secret + "\n";
    w.profile = "p";
    const std::string program = "`" + script + "`";

    SUBCASE("success: Version 1, run at the first get() and not again without an expiration") {
        dir.write("out.json", R"({"Version": 1, "AccessKeyId": "AK-proc", "SecretAccessKey": ")" + secret +
                                  R"(", "SessionToken": ")" + token + R"("})");
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(runs() == 0);  // resolution runs nothing
        auto c = p->get();
        REQUIRE(c.has_value());
        CHECK(c->access_key_id == "AK-proc");
        CHECK(c->secret_access_key == secret);
        CHECK(c->session_token == token);
        CHECK(c->expiration == std::nullopt);
        CHECK(p->get().has_value());
        CHECK(runs() == 1);
        CHECK(p->source() == "profile p credential_process");
    }
    SUBCASE("an Expiration: run again when it nears") {
        dir.write("out.json", R"({"Version": 1, "AccessKeyId": "AK-1", "SecretAccessKey": "S", "Expiration": "2026-11-30T13:00:00Z"})");
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(p->get()->access_key_id == "AK-1");
        CHECK(p->get()->expiration == at("2026-11-30T13:00:00Z"));
        dir.write("out.json", R"({"Version": 1, "AccessKeyId": "AK-2", "SecretAccessKey": "S", "Expiration": "2026-11-30T14:00:00Z"})");
        w.clock.set("2026-11-30T12:40:00Z");
        CHECK(p->get()->access_key_id == "AK-1");
        w.clock.set("2026-11-30T12:46:00Z");
        CHECK(p->get()->access_key_id == "AK-2");
        CHECK(runs() == 2);
    }
    SUBCASE("a non-zero exit names the profile and program, quotes stderr, never stdout or the arguments") {
        dir.write("out.json", R"({"Version": 1, "AccessKeyId": "AK", "SecretAccessKey": ")" + secret + R"("})");
        dir.write("out.json.exit", "3");
        CHECK(message_of(w.get()) ==
              "profile p credential_process: " + program + " exited with status 3: a diagnostic");
    }
    SUBCASE("output that is not JSON") {
        dir.write("out.json", "AccessKeyId=AK SecretAccessKey=" + secret);
        CHECK(message_of(w.get()) == "profile p credential_process: " + program + " did not print a JSON object");
    }
    SUBCASE("Version 2, or none") {
        dir.write("out.json", R"({"Version": 2, "AccessKeyId": "AK", "SecretAccessKey": ")" + secret + R"("})");
        CHECK(message_of(w.get()) == "profile p credential_process: " + program +
                                         " printed an unsupported Version; the supported Version is 1");
        dir.write("out.json", R"({"AccessKeyId": "AK", "SecretAccessKey": ")" + secret + R"("})");
        CHECK(message_of(w.get()).find("printed no Version") != std::string::npos);
    }
    SUBCASE("a missing key") {
        dir.write("out.json", R"({"Version": 1, "AccessKeyId": "AK"})");
        CHECK(message_of(w.get()) ==
              "profile p credential_process: " + program + "'s output has no string SecretAccessKey");
    }
    SUBCASE("a program that does not exist") {
        w.config_text = "[profile p]\ncredential_process = " + (dir.path / "none").string() + " " + secret + "\n";
        CHECK(message_of(w.get()) == "profile p credential_process `" + (dir.path / "none").string() +
                                         "`: could not be started: No such file or directory");
    }
    SUBCASE("an unclosed quote") {
        w.config_text = "[profile p]\ncredential_process = 'x " + secret + "\n";
        CHECK(message_of(w.resolve()) ==
              "profile p credential_process: could not be split into words (an unclosed quote?)");
    }
    SUBCASE("after the credentials file's keys, before the config file's") {
        dir.write("out.json", R"({"Version": 1, "AccessKeyId": "AK-proc", "SecretAccessKey": "S"})");
        w.config_text += "aws_access_key_id = AK-config\naws_secret_access_key = S\n";
        CHECK(get_ok(w).access_key_id == "AK-proc");
        w.credentials_text = "[p]\naws_access_key_id = AK-creds\naws_secret_access_key = S\n";
        CHECK(get_ok(w).access_key_id == "AK-creds");
    }
}

TEST_CASE("credentials: assume role") {
    world w;
    w.profile = "role";
    SUBCASE("with source_profile: the hook gets the source's keys and the profile's parameters, at get()") {
        w.config_text = "[profile role]\nrole_arn = arn:aws:iam::123:role/R\nsource_profile = base\nexternal_id = ext\n"
                        "duration_seconds = 1800\nrole_session_name = me\nregion = eu-central-1\n";
        w.credentials_text = "[base]\naws_access_key_id = AK-base\naws_secret_access_key = " + secret + "\n";
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(w.assumed->empty());
        auto c = p->get();
        REQUIRE(c.has_value());
        CHECK(c->access_key_id == "AK-assumed1");
        REQUIRE(w.assumed->size() == 1);
        const auto& [source, params] = w.assumed->front();
        CHECK(source.access_key_id == "AK-base");
        CHECK(source.secret_access_key == secret);
        CHECK(params.role_arn == "arn:aws:iam::123:role/R");
        CHECK(params.role_session_name == "me");
        CHECK(params.external_id == "ext");
        CHECK(params.duration_seconds == 1800);
        CHECK(params.region == "eu-central-1");
        CHECK(params.profile == "role");
        CHECK(p->get().has_value());
        CHECK(w.assumed->size() == 1);  // cached until it nears expiry
        w.clock.set("2026-11-30T12:50:00Z");
        CHECK(p->get()->access_key_id == "AK-assumed2");
        CHECK(p->source() == "profile role: assume role arn:aws:iam::123:role/R");
    }
    SUBCASE("before the profile's own keys; a default session name") {
        w.config_text = "[profile role]\nrole_arn = arn:r\nsource_profile = role\naws_access_key_id = AK-self\n"
                        "aws_secret_access_key = S\n";
        CHECK(get_ok(w).access_key_id == "AK-assumed1");
        CHECK(w.assumed->front().first.access_key_id == "AK-self");  // a profile may source itself
        CHECK(w.assumed->front().second.role_session_name == "awsq-session-1796040000");
        CHECK(w.assumed->front().second.external_id == std::nullopt);
        CHECK(w.assumed->front().second.duration_seconds == std::nullopt);
    }
    SUBCASE("with credential_source = Environment") {
        w.config_text = "[profile role]\nrole_arn = arn:r\ncredential_source = Environment\n";
        w.vars["AWS_ACCESS_KEY_ID"] = "AK-env";
        w.vars["AWS_SECRET_ACCESS_KEY"] = secret;
        w.profile_from_options = true;  // the environment's keys are skipped, but still a credential_source
        CHECK(get_ok(w).access_key_id == "AK-assumed1");
        CHECK(w.assumed->front().first.access_key_id == "AK-env");
        w.vars.erase("AWS_ACCESS_KEY_ID");
        CHECK(message_of(w.resolve()) == "profile role: found no credentials in its credential_source Environment");
    }
    SUBCASE("chained two levels: each role assumed with the one below") {
        w.config_text = "[profile role]\nrole_arn = arn:top\nsource_profile = middle\n"
                        "[profile middle]\nrole_arn = arn:middle\nsource_profile = base\n"
                        "[profile base]\naws_access_key_id = AK-base\naws_secret_access_key = S\n";
        CHECK(get_ok(w).access_key_id == "AK-assumed2");
        REQUIRE(w.assumed->size() == 2);
        CHECK((*w.assumed)[0].first.access_key_id == "AK-base");
        CHECK((*w.assumed)[0].second.role_arn == "arn:middle");
        CHECK((*w.assumed)[1].first.access_key_id == "AK-assumed1");
        CHECK((*w.assumed)[1].first.session_token == "T-assumed1");
        CHECK((*w.assumed)[1].second.role_arn == "arn:top");
    }
    SUBCASE("a source profile with a credential_process") {
        temp_dir dir;
        const auto script = dir.script("p.sh", "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"AK-proc\","
                                               "\"SecretAccessKey\":\"S\"}'\n");
        w.config_text = "[profile role]\nrole_arn = arn:r\nsource_profile = base\n[profile base]\ncredential_process = " +
                        script + "\n";
        CHECK(get_ok(w).access_key_id == "AK-assumed1");
        CHECK(w.assumed->front().first.access_key_id == "AK-proc");
    }
    SUBCASE("a loop is refused") {
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = other\n"
                        "[profile other]\nrole_arn = arn:b\nsource_profile = role\n";
        CHECK(message_of(w.resolve()) == "profile other: source_profile loops: role -> other -> role");
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = role\n";
        CHECK(message_of(w.resolve()) == "profile role: source_profile loops: role -> role");
    }
    SUBCASE("misconfigurations") {
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = x\ncredential_source = Environment\n";
        CHECK(message_of(w.resolve()) == "profile role: has both source_profile and credential_source; keep one");
        w.config_text = "[profile role]\nrole_arn = arn:a\n";
        CHECK(message_of(w.resolve()) == "profile role: has role_arn but neither source_profile nor credential_source");
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = ghost\n";
        CHECK(message_of(w.resolve()) == "profile role: its source_profile (ghost) does not exist");
        w.config_text = "[profile role]\nrole_arn = arn:a\ncredential_source = environment\n";
        CHECK(message_of(w.resolve()) == "profile role: credential_source environment is not valid: use Environment, "
                                         "Ec2InstanceMetadata or EcsContainer");
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = empty\n[profile empty]\nregion = x\n";
        CHECK(message_of(w.resolve()) == "profile empty: is the source_profile of profile role but has no credentials");
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = b\nmfa_serial = arn:mfa\n"
                        "[profile b]\naws_access_key_id = A\naws_secret_access_key = S\n";
        CHECK(message_of(w.resolve()).starts_with("profile role: needs an MFA code (mfa_serial)"));
    }
    SUBCASE("a failing STS call is the hook's error, and a failing source stops before it") {
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = b\n[profile b]\ncredential_process = /nonexistent/x\n";
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(message_of(p->get()).find("could not be started") != std::string::npos);
        CHECK(w.assumed->empty());
        w.config_text = "[profile role]\nrole_arn = arn:a\nsource_profile = b\n[profile b]\naws_access_key_id = A\n"
                        "aws_secret_access_key = " + secret + "\n";
        auto s = w.sources();
        s.assume_role = [](const awsq::credentials&, const awsq::assume_role_params&) -> awsq::result<awsq::credentials> {
            return awsq::error::from_service({"AccessDenied", "not allowed", "Sender", 403, "rid", {}, {}});
        };
        auto failing = awsq::resolve_credentials({}, s);
        REQUIRE(failing.has_value());
        CHECK(error_of(failing->get()).kind() == awsq::error_kind::service);
    }
}

TEST_CASE("credentials: web identity") {
    temp_dir dir;
    const auto token_file = dir.write("token", web_token);
    world w;
    w.config_text = static_profile;
    SUBCASE("from the environment, before the profile's keys; the token file read at each fetch") {
        w.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = token_file;
        w.vars["AWS_ROLE_ARN"] = "arn:web";
        w.vars["AWS_ROLE_SESSION_NAME"] = "sess";
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(w.web->empty());
        CHECK(p->get()->access_key_id == "AK-web");
        REQUIRE(w.web->size() == 1);
        CHECK(w.web->front().role_arn == "arn:web");
        CHECK(w.web->front().role_session_name == "sess");
        CHECK(w.web->front().token == web_token);
        dir.write("token", web_token + "-2");
        w.clock.set("2026-11-30T12:55:00Z");
        CHECK(p->get().has_value());
        REQUIRE(w.web->size() == 2);
        CHECK(w.web->back().token == web_token + "-2");
        CHECK(p->source() == "AWS_WEB_IDENTITY_TOKEN_FILE: web identity arn:web");
    }
    SUBCASE("from the profile") {
        w.config_text = "[profile w]\nweb_identity_token_file = " + token_file + "\nrole_arn = arn:p\n";
        w.profile = "w";
        CHECK(get_ok(w).access_key_id == "AK-web");
        CHECK(w.web->front().role_arn == "arn:p");
        CHECK(w.web->front().role_session_name == "awsq-session-1796040000");
        CHECK(w.web->front().token == web_token);
    }
    SUBCASE("the environment's settings are skipped when the profile was named in the options") {
        w.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = token_file;
        w.vars["AWS_ROLE_ARN"] = "arn:web";
        w.profile_from_options = true;
        CHECK(get_ok(w).access_key_id == "AK-config");
    }
    SUBCASE("no role, an unreadable token file") {
        w.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = token_file;
        CHECK(message_of(w.resolve()).starts_with("AWS_WEB_IDENTITY_TOKEN_FILE: a web identity token file is set but no role"));
        w.vars["AWS_ROLE_ARN"] = "arn:web";
        w.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = (dir.path / "gone").string();
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(message_of(p->get()) == "AWS_WEB_IDENTITY_TOKEN_FILE: the web identity token file " +
                                          (dir.path / "gone").string() + " could not be read");
    }
}

TEST_CASE("credentials: the container endpoint") {
    world w;
    const std::string body = R"({"AccessKeyId": "AK-ecs", "SecretAccessKey": ")" + secret + R"(", "Token": ")" + token +
                             R"(", "Expiration": "2026-11-30T18:00:00Z"})";
    SUBCASE("relative URI: http://169.254.170.2<uri>") {
        std::vector<awsq::http_request> seen;
        w.http = [&](const awsq::http_request& r) -> awsq::result<awsq::http_response> {
            seen.push_back(r);
            return awsq::http_response{200, {}, body};
        };
        w.vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc?x=1";
        auto c = get_ok(w);
        CHECK(c.access_key_id == "AK-ecs");
        CHECK(c.secret_access_key == secret);
        CHECK(c.session_token == token);
        CHECK(c.expiration == at("2026-11-30T18:00:00Z"));
        REQUIRE(seen.size() == 1);
        CHECK(seen[0].method == "GET");
        CHECK(seen[0].scheme == "http");
        CHECK(seen[0].host == "169.254.170.2");
        CHECK(seen[0].path == "/v2/credentials/abc?x=1");
        CHECK(seen[0].headers == awsq::http_headers{{"Accept", "application/json"}});
    }
    SUBCASE("full URI against a local server, with the authorization token or its file") {
        std::mutex m;
        std::vector<awsq::http_request> seen;
        awsq::test::http_server server([&](const awsq::http_request& r) {
            std::lock_guard lock(m);
            seen.push_back(r);
            if (r.path != "/creds") return awsq::http_response{404, {}, "nope " + secret};
            return awsq::http_response{200, {{"Content-Type", "application/json"}}, body};
        });
        w.http = awsq::curl_transport(awsq::curl_options{1000ms, 1000ms, {}});
        w.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/creds";
        const auto authorization = [&]() -> std::string {
            std::lock_guard lock(m);
            for (const auto& [k, v] : seen.back().headers)
                if (k == "Authorization") return v;
            return "(none)";
        };
        CHECK(get_ok(w).access_key_id == "AK-ecs");
        CHECK(authorization() == "(none)");
        w.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = auth_token;
        CHECK(get_ok(w).access_key_id == "AK-ecs");
        CHECK(authorization() == auth_token);
        temp_dir dir;
        w.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = dir.write("t", auth_token + "-from-file");
        CHECK(get_ok(w).access_key_id == "AK-ecs");
        CHECK(authorization() == auth_token + "-from-file");
        dir.write("t", auth_token + "\n");
        CHECK(message_of(w.get()) ==
              "AWS_CONTAINER_CREDENTIALS_FULL_URI: the authorization token holds a line break");
        w.vars.erase("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        w.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/other";
        CHECK(message_of(w.get()) == "AWS_CONTAINER_CREDENTIALS_FULL_URI: the container endpoint answered HTTP 404");
    }
    SUBCASE("plain http only to loopback and the agents' addresses") {
        w.http = [](const awsq::http_request&) -> awsq::result<awsq::http_response> { return awsq::http_response{}; };
        for (const char* ok : {"http://127.0.0.2:9/x", "http://[::1]/x", "http://localhost/x", "http://169.254.170.23/v1",
                               "http://[fd00:ec2::23]/v1", "https://example.com/creds"}) {
            w.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = ok;
            CHECK_MESSAGE(w.resolve().has_value(), ok);
        }
        w.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://example.com/creds";
        CHECK(message_of(w.resolve()) ==
              "AWS_CONTAINER_CREDENTIALS_FULL_URI: host example.com is not allowed: plain http goes only to a loopback "
              "address, 169.254.170.2, 169.254.170.23, fd00:ec2::23 or localhost");
    }
    SUBCASE("after the profile's keys") {
        w.config_text = static_profile;
        w.vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/x";
        w.http = [](const awsq::http_request&) -> awsq::result<awsq::http_response> { return awsq::http_response{}; };
        CHECK(get_ok(w).access_key_id == "AK-config");
    }
}

TEST_CASE("credentials: IMDSv2") {
    std::mutex m;
    std::vector<awsq::http_request> seen;
    bool refuse_token = false;
    awsq::test::http_server server([&](const awsq::http_request& r) {
        std::lock_guard lock(m);
        seen.push_back(r);
        if (r.method == "PUT" && r.path == "/latest/api/token")
            return refuse_token ? awsq::http_response{403, {}, ""} : awsq::http_response{200, {}, "imds-session-token"};
        if (r.path == "/latest/meta-data/iam/security-credentials/") return awsq::http_response{200, {}, "my-role"};
        if (r.path == "/latest/meta-data/iam/security-credentials/my-role")
            return awsq::http_response{200, {}, R"({"Code": "Success", "AccessKeyId": "AK-imds", "SecretAccessKey": ")" +
                                                     secret + R"(", "Token": ")" + token +
                                                     R"(", "Expiration": "2026-11-30T18:00:00Z"})"};
        return awsq::http_response{404, {}, ""};
    });
    const auto header = [](const awsq::http_request& r, std::string_view name) -> std::string {
        for (const auto& [k, v] : r.headers)
            if (awsq::detail::lower_ascii(k) == name) return v;
        return "(none)";
    };
    world w;
    w.vars.erase("AWS_EC2_METADATA_DISABLED");
    w.vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server.url() + "/";
    w.http = awsq::curl_transport(awsq::curl_options{1000ms, 1000ms, {}});
    SUBCASE("token PUT, then the role's name, then its credentials") {
        auto p = w.resolve();
        REQUIRE(p.has_value());
        CHECK(seen.empty());  // nothing fetched until get()
        auto c = p->get();
        REQUIRE(c.has_value());
        CHECK(c->access_key_id == "AK-imds");
        CHECK(c->secret_access_key == secret);
        CHECK(c->session_token == token);
        CHECK(c->expiration == at("2026-11-30T18:00:00Z"));
        std::lock_guard lock(m);
        REQUIRE(seen.size() == 3);
        CHECK(seen[0].method == "PUT");
        CHECK(header(seen[0], "x-aws-ec2-metadata-token-ttl-seconds") == "21600");
        CHECK(seen[1].method == "GET");
        CHECK(seen[1].path == "/latest/meta-data/iam/security-credentials/");
        CHECK(header(seen[1], "x-aws-ec2-metadata-token") == "imds-session-token");
        CHECK(seen[2].path == "/latest/meta-data/iam/security-credentials/my-role");
        CHECK(header(seen[2], "x-aws-ec2-metadata-token") == "imds-session-token");
    }
    SUBCASE("a refused token falls back to requests without one, as botocore does") {
        refuse_token = true;
        CHECK(get_ok(w).access_key_id == "AK-imds");
        std::lock_guard lock(m);
        REQUIRE(seen.size() == 3);
        CHECK(header(seen[1], "x-aws-ec2-metadata-token") == "(none)");
    }
    SUBCASE("nearly expired credentials are used a while longer (static stability)") {
        w.clock.set("2026-11-30T17:55:00Z");
        auto c = get_ok(w);
        CHECK(*c.expiration >= at("2026-11-30T18:12:00Z"));
        CHECK(*c.expiration <= at("2026-11-30T18:20:00Z"));
    }
    SUBCASE("disabled by AWS_EC2_METADATA_DISABLED=true: no credentials anywhere") {
        w.vars["AWS_EC2_METADATA_DISABLED"] = "True";
        const auto e = error_of(w.resolve());
        CHECK(e.kind() == awsq::error_kind::configuration);
        CHECK(e.message().starts_with("credentials: Unable to locate credentials: none in the environment, in the "
                                      "profile (default) of /cfg or /creds"));
        std::lock_guard lock(m);
        CHECK(seen.empty());
    }
    SUBCASE("no service there: the get() error says no credentials were found") {
        w.vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9";  // discard: nothing listens
        auto p = w.resolve();
        REQUIRE(p.has_value());
        const auto e = error_of(p->get());
        CHECK(e.kind() == awsq::error_kind::configuration);
        CHECK(e.message().starts_with("credentials: Unable to locate credentials"));
        CHECK(e.message().find("The instance metadata service at http://127.0.0.1:9 gave none") != std::string::npos);
    }
    SUBCASE("credential_source = Ec2InstanceMetadata") {
        w.config_text = "[default]\nrole_arn = arn:r\ncredential_source = Ec2InstanceMetadata\n";
        CHECK(get_ok(w).access_key_id == "AK-assumed1");
        CHECK(w.assumed->front().first.access_key_id == "AK-imds");
    }
}

TEST_CASE("credentials: cached and refreshed like botocore's RefreshableCredentials") {
    manual_clock clock;
    struct counter {
        std::atomic<int> calls{0};
        std::atomic<bool> fail{false};
        std::atomic<int> minutes{60};  // lifetime of the next credentials
    };
    auto state = std::make_shared<counter>();
    auto fetch = [state, now = clock.fn()]() -> awsq::result<awsq::credentials> {
        const int n = ++state->calls;
        std::this_thread::sleep_for(5ms);  // lets concurrent callers pile up
        if (state->fail) return awsq::error::transport("the service is down");
        return awsq::credentials{"AK" + std::to_string(n), secret, token, now() + std::chrono::minutes(state->minutes)};
    };
    awsq::credentials_provider provider(fetch, "test", clock.fn());
    CHECK(provider.get()->access_key_id == "AK1");  // expires 13:00

    SUBCASE("no refresh while more than 15 minutes remain") {
        clock.set("2026-11-30T12:44:59Z");
        CHECK(provider.get()->access_key_id == "AK1");
        CHECK(state->calls == 1);
    }
    SUBCASE("advisory window: a failed refresh keeps the cached credentials") {
        state->fail = true;
        clock.set("2026-11-30T12:46:00Z");
        CHECK(provider.get()->access_key_id == "AK1");
        CHECK(state->calls == 2);
        state->fail = false;
        CHECK(provider.get()->access_key_id == "AK3");
    }
    SUBCASE("mandatory window: a failed refresh is an error") {
        state->fail = true;
        clock.set("2026-11-30T12:51:00Z");
        CHECK(message_of(provider.get()) == "the service is down");
        state->fail = false;
        CHECK(provider.get()->access_key_id == "AK3");
    }
    SUBCASE("refreshed credentials that are already expired are an error") {
        state->minutes = -1;
        clock.set("2026-11-30T12:55:00Z");
        CHECK(message_of(provider.get()) == "test: the credentials it gave have already expired (at 2026-11-30T12:54:00Z)");
    }
    SUBCASE("copies share the cache") {
        auto copy = provider;
        CHECK(copy.get()->access_key_id == "AK1");
        CHECK(state->calls == 1);
    }
    SUBCASE("8 threads: one refresh, in either window") {
        for (const char* when : {"2026-11-30T12:47:00Z", "2026-11-30T13:41:00Z"}) {  // advisory, then mandatory
            const int before = state->calls;
            clock.set(when);
            std::vector<std::thread> threads;
            std::atomic<int> ok{0};
            for (int i = 0; i < 8; ++i)
                threads.emplace_back([&] {
                    for (int j = 0; j < 20; ++j)
                        if (provider.get()) ++ok;
                });
            for (auto& t : threads) t.join();
            CHECK(state->calls == before + 1);
            CHECK(ok == 160);
        }
    }
    SUBCASE("8 threads on a first fetch: one fetch, everyone gets it") {
        awsq::credentials_provider fresh(fetch, "test", clock.fn());
        const int before = state->calls;
        std::vector<std::thread> threads;
        std::atomic<int> ok{0};
        for (int i = 0; i < 8; ++i)
            threads.emplace_back([&] {
                if (fresh.get()) ++ok;
            });
        for (auto& t : threads) t.join();
        CHECK(state->calls == before + 1);
        CHECK(ok == 8);
    }
    SUBCASE("fixed credentials never refresh, even expired") {
        awsq::credentials_provider fixed(awsq::credentials{"AKF", secret, {}, at("2000-01-01T00:00:00Z")});
        CHECK(fixed.get()->access_key_id == "AKF");
    }
}

TEST_CASE("credentials: no credentials anywhere") {
    world w;
    w.profile = "dev";
    w.config_text = "[profile dev]\nregion = x\n";
    const auto e = error_of(w.resolve());
    CHECK(e.kind() == awsq::error_kind::configuration);
    CHECK(e.message() ==
          "credentials: Unable to locate credentials: none in the environment, in the profile (dev) of /cfg or /creds, "
          "from a container or from the instance metadata service. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
          "add aws_access_key_id and aws_secret_access_key (or credential_process, or role_arn with source_profile) "
          "to the profile (`aws configure` writes them), or pass credentials to the client.");
    SUBCASE("without a config at all") {
        auto s = w.sources();
        s.config = nullptr;
        CHECK(error_of(awsq::resolve_credentials({}, s)).kind() == awsq::error_kind::configuration);
    }
}
