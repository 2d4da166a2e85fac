// awsq/config_file.hpp: the shared config and credentials files as botocore reads them, the profile name, the region.
#include <awsq/config_file.hpp>

#include "../support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;

namespace {

constexpr const char* secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY";

using awsq::test::temp_dir;

awsq::config_file parse(std::string_view text) {
    auto r = awsq::parse_config_file(text, "cfg");
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message()));
    return *r;
}

std::string parse_error(std::string_view text) {
    auto r = awsq::parse_config_file(text, "/home/u/.aws/config");
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == awsq::error_kind::configuration);
    return r.error().message();
}

}  // namespace

TEST_CASE("config_file: sections, both delimiters, comments, trimming, lower-cased keys") {
    auto f = parse("# a comment\n"
                   "[default]\n"
                   "region = us-west-2\n"
                   "  ; an indented comment\n"
                   "Output=json\n"
                   "\n"
                   "[profile dev]\n"
                   "aws_access_key_id: AKID\n"
                   "cli_pager =   \n"
                   "note = a # not a comment ; nor this\n"
                   "url = http://h:80/x=y\n");
    REQUIRE(f.sections.size() == 2);
    CHECK(f.sections[0].name == "default");
    CHECK(f.sections[1].name == "profile dev");
    const auto* d = f.section("default");
    REQUIRE(d);
    CHECK(awsq::value(d, "region") == "us-west-2");
    CHECK(awsq::value(d, "output") == "json");
    const auto* dev = f.section("profile dev");
    CHECK(awsq::value(dev, "aws_access_key_id") == "AKID");
    CHECK(awsq::value(dev, "cli_pager") == "");
    CHECK(awsq::value(dev, "note") == "a # not a comment ; nor this");
    CHECK(awsq::value(dev, "url") == "http://h:80/x=y");
    CHECK(awsq::value(dev, "absent") == std::nullopt);
    CHECK(awsq::value(nullptr, "region") == std::nullopt);
}

TEST_CASE("config_file: nested blocks and continuation lines") {
    SUBCASE("an empty value followed by indented lines is a nested section") {
        auto f = parse("[default]\n"
                       "s3 =\n"
                       "  addressing_style = path\n"
                       "\n"
                       "  Signature_Version=s3v4\n"
                       "region = eu-west-1\n");
        const auto* d = f.section("default");
        CHECK(awsq::value(d, "s3.addressing_style") == "path");
        CHECK(awsq::value(d, "s3.Signature_Version") == "s3v4");  // sub-keys keep their case, like botocore
        CHECK(awsq::value(d, "s3") == std::nullopt);
        CHECK(awsq::value(d, "region") == "eu-west-1");
    }
    SUBCASE("a value with indented lines after it continues over them") {
        auto f = parse("[default]\nkey = first\n   second\n\n");
        CHECK(awsq::value(f.section("default"), "key") == "first\nsecond");
    }
    SUBCASE("a nested line without '=' is an error naming the key, not the value") {
        auto r = awsq::parse_config_file("[default]\ns3 =\n  " + std::string(secret) + "\n", "f");
        REQUIRE(r.has_error());
        CHECK(r.error().message() == "f [default]: a line of the nested block 's3' has no '='");
    }
}

TEST_CASE("config_file: [DEFAULT] keys are inherited, as configparser does") {
    auto f = parse("[DEFAULT]\nregion = r0\noutput = text\n[a]\nregion = r1\n");
    REQUIRE(f.sections.size() == 1);
    CHECK(awsq::value(f.section("a"), "region") == "r1");
    CHECK(awsq::value(f.section("a"), "output") == "text");
}

TEST_CASE("config_file: malformed lines name the file and line, never the value") {
    SUBCASE("no section yet") {
        CHECK(parse_error(std::string("aws_secret_access_key = ") + secret) ==
              "/home/u/.aws/config:1: a setting before any [section] header");
    }
    SUBCASE("no '='") {
        const auto m = parse_error("[default]\nregion = x\n\n" + std::string(secret) + "\n");
        CHECK(m == "/home/u/.aws/config:4: expected `key = value` or a [section] header");
        CHECK(m.find(secret) == std::string::npos);
    }
    SUBCASE("bad header") { CHECK(parse_error("[default\nregion = x\n").starts_with("/home/u/.aws/config:1: ")); }
    SUBCASE("empty header") { CHECK(parse_error("[]\n").starts_with("/home/u/.aws/config:1: ")); }
    SUBCASE("no key") { CHECK(parse_error("[a]\n = " + std::string(secret)) == "/home/u/.aws/config:2: a value without a key"); }
    SUBCASE("duplicate section") {
        CHECK(parse_error("[a]\nx=1\n[b]\n[a]\n") == "/home/u/.aws/config:4: section [a] appears twice");
    }
    SUBCASE("duplicate key") {
        const auto m = parse_error("[a]\naws_secret_access_key=1\nAWS_SECRET_ACCESS_KEY=" + std::string(secret));
        CHECK(m == "/home/u/.aws/config:3: key 'aws_secret_access_key' appears twice in section [a]");
    }
}

TEST_CASE("config_file: shell-like splitting as Python's shlex") {
    using awsq::detail::shell_split;
    CHECK(shell_split(R"(a "b c" d\ e 'f g' h#i)") == std::vector<std::string>{"a", "b c", "d e", "f g", "h#i"});
    CHECK(shell_split(R"("x\"y\\z\n")") == std::vector<std::string>{R"(x"y\z\n)"});
    CHECK(shell_split("''") == std::vector<std::string>{""});
    CHECK(shell_split("  ") == std::vector<std::string>{});
    CHECK(shell_split("'open") == std::nullopt);
    CHECK(shell_split("trailing\\") == std::nullopt);
}

TEST_CASE("config_file: profiles built as botocore builds them") {
    auto config = parse("[default]\nregion = d0\n"
                        "[profile dev]\nregion = r-config\noutput = json\n"
                        "[profile  \"two words\"]\nregion = tw\n"
                        "[plain]\nregion = not-a-profile\n"
                        "[profile a b]\nregion = three-words-ignored\n"
                        "[sso-session s]\nsso_region = x\n");
    auto creds = parse("[dev]\nregion = r-creds\naws_access_key_id = AK\n[only-creds]\naws_access_key_id = AK2\n");
    const auto shared = awsq::shared_config::from_files(config, creds);
    CHECK(shared.value("default", "region") == "d0");
    CHECK(shared.value("two words", "region") == "tw");
    CHECK(shared.profile("plain") == nullptr);  // in the config file only [profile x] and [default] are profiles
    CHECK(shared.profile("a b") == nullptr);
    CHECK(shared.profile("a") == nullptr);
    CHECK(awsq::value(shared.config_section("sso-session s"), "sso_region") == "x");
    SUBCASE("the credentials file's values override the config file's, key by key") {
        CHECK(shared.value("dev", "region") == "r-creds");
        CHECK(shared.value("dev", "output") == "json");
        CHECK(awsq::value(shared.config_profile("dev"), "region") == "r-config");
        CHECK(awsq::value(shared.credentials_profile("dev"), "region") == "r-creds");
        CHECK(shared.value("only-creds", "aws_access_key_id") == "AK2");
        CHECK(shared.config_profile("only-creds") == nullptr);
    }
    SUBCASE("[profile default] after [default] replaces it") {
        auto both = awsq::shared_config::from_files(parse("[default]\nregion = a\nx = 1\n[profile default]\nregion = b\n"),
                                                    parse(""));
        CHECK(both.value("default", "region") == "b");
        CHECK(both.value("default", "x") == std::nullopt);
    }
}

TEST_CASE("config_file: paths expanded as Python's os.path.expandvars and expanduser") {
    // Expected values are what Python 3.11's posixpath gives with the same variables.
    const auto env = awsq::environment::from_map(
        {{"A", "x"}, {"B_1", "y"}, {"E", ""}, {"T", "~"}, {"A B", "sp"}, {"HOME", "/home/u/"}});
    const std::pair<std::string_view, std::string_view> vars[] = {
        {"$A/$B_1", "x/y"}, {"${A}b", "xb"},      {"$Ab", "$Ab"},       {"${A", "${A"},
        {"${A$B_1}/$A", "${A$B_1}/x"},            {"$", "$"},           {"${}", "${}"},
        {"a$$A", "a$x"},    {"$A-$Z", "x-$Z"},    {"${B_1}${Q}", "y${Q}"}, {"$E.", "."},
        {"${A B}", "sp"},   {std::string_view("${A\0}", 5), std::string_view("${A\0}", 5)}};
    for (const auto& v : vars) CHECK_MESSAGE(awsq::expand_variables(v.first, env) == v.second, v.first);
    const std::pair<std::string_view, std::string_view> users[] = {
        {"~", "/home/u"}, {"~/", "/home/u/"}, {"~/a", "/home/u/a"}, {"~a", "~a"}, {"a/~", "a/~"}, {"$T/c", "$T/c"}};
    for (const auto& u : users) CHECK_MESSAGE(awsq::expand_user(u.first, env) == u.second, u.first);
    CHECK(awsq::expand_user("~/a", awsq::environment::from_map({{"HOME", "/"}})) == "/a");
    CHECK(awsq::expand_user("~", awsq::environment::from_map({{"HOME", ""}})) == "/");
    CHECK(awsq::expand_user("~/a", awsq::environment::from_map({})) == "~/a");
    // The order matters when a variable holds '~': botocore's config loader expands variables first.
    CHECK(awsq::expand_user(awsq::expand_variables("$T/c", env), env) == "/home/u/c");
    CHECK(awsq::expand_variables(awsq::expand_user("$T/c", env), env) == "~/c");
}

TEST_CASE("config_file: files found through the environment") {
    temp_dir dir;
    SUBCASE("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE") {
        const auto cfg = dir.write("c", "[profile p]\nregion = from-config\n");
        const auto crd = dir.write("k", "[p]\naws_access_key_id = AK\n");
        auto env = awsq::environment::from_map({{"AWS_CONFIG_FILE", cfg}, {"AWS_SHARED_CREDENTIALS_FILE", crd}});
        auto shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_value());
        CHECK(shared->config_path() == cfg);
        CHECK(shared->credentials_path() == crd);
        CHECK(shared->value("p", "region") == "from-config");
        CHECK(shared->value("p", "aws_access_key_id") == "AK");
    }
    SUBCASE("~/.aws/config and ~/.aws/credentials under HOME, with $VAR and ~ expanded") {
        fs::create_directories(dir.path / ".aws");
        dir.write(".aws/config", "[default]\nregion = home-region\n");
        auto env = awsq::environment::from_map({{"HOME", dir.path.string()}});
        auto shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_value());
        CHECK(shared->config_path() == (dir.path / ".aws/config").string());
        CHECK(shared->value("default", "region") == "home-region");
        auto env2 = awsq::environment::from_map(
            {{"HOME", dir.path.string()}, {"D", ".aws"}, {"AWS_CONFIG_FILE", "~/${D}/config"}});
        auto shared2 = awsq::shared_config::load(env2);
        REQUIRE(shared2.has_value());
        CHECK(shared2->value("default", "region") == "home-region");
        auto env3 = awsq::environment::from_map(
            {{"HOME", dir.path.string()}, {"T", "~"}, {"AWS_CONFIG_FILE", "$T/.aws/config"}});
        auto shared3 = awsq::shared_config::load(env3);
        REQUIRE(shared3.has_value());
        CHECK(shared3->config_path() == (dir.path / ".aws/config").string());
    }
    SUBCASE("missing files read as empty") {
        auto env = awsq::environment::from_map({{"AWS_CONFIG_FILE", (dir.path / "none").string()},
                                                {"AWS_SHARED_CREDENTIALS_FILE", (dir.path / "nothing").string()}});
        auto shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_value());
        CHECK(shared->profile("default") == nullptr);
    }
    SUBCASE("a malformed file is an error naming it and the line") {
        const auto crd = dir.write("k", "[p]\naws_secret_access_key = x\n" + std::string(secret) + "\n");
        auto env = awsq::environment::from_map(
            {{"AWS_CONFIG_FILE", (dir.path / "none").string()}, {"AWS_SHARED_CREDENTIALS_FILE", crd}});
        auto shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_error());
        CHECK(shared.error().message() == crd + ":3: expected `key = value` or a [section] header");
    }
    SUBCASE("a file larger than max_config_file_size (16 MiB) is an error naming it, and is not read") {
        CHECK(awsq::max_config_file_size == 16 * 1024 * 1024);
        std::string text = "[default]\nregion = at-the-limit\n#";
        text.resize(awsq::max_config_file_size, '#');
        const auto cfg = dir.write("c", text);
        auto env = awsq::environment::from_map({{"AWS_CONFIG_FILE", cfg}, {"HOME", dir.path.string()}});
        auto shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_value());
        CHECK(shared->value("default", "region") == "at-the-limit");
        dir.write("c", text + "#");
        shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_error());
        CHECK(shared.error().kind() == awsq::error_kind::configuration);
        CHECK(shared.error().message() ==
              cfg + ": the file is larger than 16777216 bytes, the most awsq reads of a shared config or credentials file");
    }
    SUBCASE("an unreadable file is an error naming it") {
        const auto cfg = dir.write("c", "[default]\n");
        fs::permissions(cfg, fs::perms::none);
        if (std::ifstream(cfg)) return;  // running as root: every file is readable
        auto env = awsq::environment::from_map({{"AWS_CONFIG_FILE", cfg}, {"HOME", dir.path.string()}});
        auto shared = awsq::shared_config::load(env);
        REQUIRE(shared.has_error());
        CHECK(shared.error().message() == cfg + ": the file could not be read");
    }
}

TEST_CASE("config_file: the profile name") {
    const auto shared = awsq::shared_config::from_files(parse("[profile dev]\n[profile ops]\n"), parse("[creds-only]\n"));
    const auto empty_env = awsq::environment::from_map({});
    SUBCASE("options, else AWS_DEFAULT_PROFILE, else AWS_PROFILE, else default") {
        auto env = awsq::environment::from_map({{"AWS_PROFILE", "ops"}, {"AWS_DEFAULT_PROFILE", "dev"}});
        CHECK(shared.resolve_profile("creds-only", env).value() == "creds-only");
        CHECK(shared.resolve_profile(std::nullopt, env).value() == "dev");
        CHECK(shared.resolve_profile(std::nullopt, awsq::environment::from_map({{"AWS_PROFILE", "ops"}})).value() ==
              "ops");
        CHECK(shared.resolve_profile(std::nullopt, empty_env).value() == "default");  // need not exist
    }
    SUBCASE("a named profile in neither file is an error naming it and both files") {
        auto r = shared.resolve_profile("nope", empty_env);
        REQUIRE(r.has_error());
        CHECK(r.error().kind() == awsq::error_kind::configuration);
        CHECK(r.error().message() == "profile nope: The config profile (nope) could not be found in cfg or cfg");
        auto d = shared.resolve_profile(std::nullopt, awsq::environment::from_map({{"AWS_PROFILE", "default"}}));
        REQUIRE(d.has_error());  // named, even "default", it must exist
        CHECK(d.error().message().find("(default)") != std::string::npos);
    }
}

TEST_CASE("config_file: the region") {
    const auto shared = awsq::shared_config::from_files(parse("[profile dev]\nregion = from-profile\n[default]\n"), parse(""));
    using env = awsq::environment;
    CHECK(awsq::resolve_region("explicit", env::from_map({{"AWS_REGION", "r"}}), shared, "dev").value() == "explicit");
    CHECK(awsq::resolve_region(std::nullopt, env::from_map({{"AWS_REGION", "r1"}, {"AWS_DEFAULT_REGION", "r2"}}),
                               shared, "dev")
              .value() == "r1");
    CHECK(awsq::resolve_region(std::nullopt, env::from_map({{"AWS_DEFAULT_REGION", "r2"}}), shared, "dev").value() ==
          "r2");
    CHECK(awsq::resolve_region(std::nullopt, env::from_map({{"AWS_REGION", ""}}), shared, "dev").value() ==
          "from-profile");
    auto none = awsq::resolve_region(std::nullopt, env::from_map({}), shared, "default");
    REQUIRE(none.has_error());
    CHECK(none.error().kind() == awsq::error_kind::configuration);
    CHECK(none.error().message() ==
          "region: No region is configured. Pass one (--region on the command line, client_options.region in C++), "
          "set AWS_REGION or AWS_DEFAULT_REGION, or add `region = ...` to the profile (default) in cfg.");
}

TEST_CASE("config_file: the environment") {
    auto env = awsq::environment::from_map({{"A", "1"}, {"E", ""}});
    CHECK(env.get("A") == "1");
    CHECK(env.get("E") == "");
    CHECK(env.non_empty("E") == std::nullopt);
    CHECK(env.get("B") == std::nullopt);
    ::setenv("AWSQ_CONFIG_TEST_VAR", "v", 1);
    CHECK(awsq::environment::process().get("AWSQ_CONFIG_TEST_VAR") == "v");
    CHECK(awsq::environment{}.get("AWSQ_CONFIG_TEST_VAR_UNSET") == std::nullopt);
    ::unsetenv("AWSQ_CONFIG_TEST_VAR");
}

TEST_CASE("config_file: resolve_profile_name is resolve_profile") {
    const auto shared = awsq::shared_config::from_files(parse("[profile dev]\n"), parse(""));
    auto env = awsq::environment::from_map({{"AWS_PROFILE", "dev"}});
    CHECK(awsq::resolve_profile_name(std::nullopt, env, shared).value() == "dev");
    CHECK(awsq::resolve_profile_name("x", env, shared).has_error());
}

TEST_CASE("config_file: many profiles parse in n log n; a duplicate among them is still found") {
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += "[profile p" + std::to_string(i) + "]\nregion = r\noutput = json\nk" + std::to_string(i) + " = v\n";
    auto f = parse(text);
    CHECK(f.sections.size() == 20000);
    CHECK(parse_error(text + "[profile p7]\n") == "/home/u/.aws/config:80001: section [profile p7] appears twice");
    CHECK(parse_error(text + "OUTPUT = text\n") ==
          "/home/u/.aws/config:80001: key 'output' appears twice in section [profile p19999]");
}
