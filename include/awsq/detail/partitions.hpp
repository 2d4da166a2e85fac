// Where AWS services live, as data: botocore 1.43.11's partitions (data/partitions.json) and the exceptions in the query services' endpoint rule sets.
#pragma once

#include <awsq/model.hpp>

#include <span>
#include <string_view>

namespace awsq::detail {

/// One AWS partition: a set of regions sharing DNS suffixes (partitions.json's "outputs").
struct partition_facts {
    std::string_view name;                          // "aws"
    std::string_view dns_suffix;                    // "amazonaws.com"
    std::string_view dual_stack_dns_suffix;         // "api.aws"
    std::string_view implicit_global_region;        // where a global endpoint signs: "us-east-1"
    bool supports_fips = true;
    bool supports_dual_stack = true;
    /// partitions.json's regionRegex, always of the form ^(p1|p2|...)\-\w+\-\d+$: these are the p's.
    std::span<const std::string_view> region_prefixes;
    std::span<const std::string_view> regions;      // the regions it lists by name, "aws-global" among them
};

/// In partitions.json's order, which is the order a region is matched in (the first partition that
/// lists it or whose pattern it fits); a region no partition claims belongs to the first, "aws".
inline constexpr partition_facts partitions[] = {
    {.name = "aws", .dns_suffix = "amazonaws.com", .dual_stack_dns_suffix = "api.aws",
     .implicit_global_region = "us-east-1",
     .region_prefixes = strings<"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx">,
     .regions = strings<"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
                        "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
                        "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
                        "ap-southeast-7", "aws-global", "ca-central-1", "ca-west-1", "eu-central-1",
                        "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
                        "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
                        "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2">},
    {.name = "aws-cn", .dns_suffix = "amazonaws.com.cn", .dual_stack_dns_suffix = "api.amazonwebservices.com.cn",
     .implicit_global_region = "cn-northwest-1",
     .region_prefixes = strings<"cn">,
     .regions = strings<"aws-cn-global", "cn-north-1", "cn-northwest-1">},
    {.name = "aws-eusc", .dns_suffix = "amazonaws.eu", .dual_stack_dns_suffix = "api.amazonwebservices.eu",
     .implicit_global_region = "eusc-de-east-1",
     .region_prefixes = strings<"eusc-de">,
     .regions = strings<"eusc-de-east-1">},
    {.name = "aws-iso", .dns_suffix = "c2s.ic.gov", .dual_stack_dns_suffix = "api.aws.ic.gov",
     .implicit_global_region = "us-iso-east-1",
     .region_prefixes = strings<"us-iso">,
     .regions = strings<"aws-iso-global", "us-iso-east-1", "us-iso-west-1">},
    {.name = "aws-iso-b", .dns_suffix = "sc2s.sgov.gov", .dual_stack_dns_suffix = "api.aws.scloud",
     .implicit_global_region = "us-isob-east-1",
     .region_prefixes = strings<"us-isob">,
     .regions = strings<"aws-iso-b-global", "us-isob-east-1", "us-isob-west-1">},
    {.name = "aws-iso-e", .dns_suffix = "cloud.adc-e.uk", .dual_stack_dns_suffix = "api.cloud-aws.adc-e.uk",
     .implicit_global_region = "eu-isoe-west-1",
     .region_prefixes = strings<"eu-isoe">,
     .regions = strings<"aws-iso-e-global", "eu-isoe-west-1">},
    {.name = "aws-iso-f", .dns_suffix = "csp.hci.ic.gov", .dual_stack_dns_suffix = "api.aws.hci.ic.gov",
     .implicit_global_region = "us-isof-south-1",
     .region_prefixes = strings<"us-isof">,
     .regions = strings<"aws-iso-f-global", "us-isof-east-1", "us-isof-south-1">},
    {.name = "aws-us-gov", .dns_suffix = "amazonaws.com", .dual_stack_dns_suffix = "api.aws",
     .implicit_global_region = "us-gov-west-1",
     .region_prefixes = strings<"us-gov">,
     .regions = strings<"aws-us-gov-global", "us-gov-east-1", "us-gov-west-1">},
};

/// Whether a rule applies with FIPS (or dual-stack) on, off, or either way.
enum class variant_condition : unsigned char { any, off, on };

/// An endpoint a service's rule set gives instead of the standard `<prefix>[-fips].<region>.<suffix>`.
///
/// Templates may hold {region}, {dns_suffix}, {dual_stack_dns_suffix} and {global_region} (the
/// partition's implicit global region). Rules are tried in order; the first that matches wins.
struct endpoint_rule {
    std::string_view endpoint_prefix;               // the service, by its endpointPrefix
    std::string_view partition{};                   // empty: any partition
    std::string_view region{};                      // empty: any region
    variant_condition fips = variant_condition::any;
    variant_condition dual_stack = variant_condition::any;
    std::string_view host{};                        // empty: the standard host
    std::string_view signing_region{};              // empty: the region
    std::string_view signing_name{};                // empty: the service's (signingName, else endpointPrefix)
};

/// Short names for the rules below: `when::on`.
namespace when {
inline constexpr auto any = variant_condition::any;
inline constexpr auto off = variant_condition::off;
inline constexpr auto on = variant_condition::on;
}  // namespace when

/// The exceptions of the query services' rule sets (each service's endpoint-rule-set-1.json).
/// Every service not named here, and every case a rule does not cover, gets the standard host,
/// signed for its region with the service's own signing name.
inline constexpr endpoint_rule endpoint_rules[] = {
    // IAM is global: one endpoint per partition, signed in one region. The named ones first...
    {"iam", "aws", {}, when::off, when::on, "iam.global.api.aws", "us-east-1"},
    {"iam", "aws", {}, when::on, when::on, "iam-fips.global.api.aws", "us-east-1"},
    {"iam", "aws-cn", {}, when::off, when::on, "iam.global.api.amazonwebservices.com.cn", "cn-north-1"},
    {"iam", "aws-cn", {}, when::off, when::off, "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    // GovCloud's IAM endpoints are FIPS endpoints already: FIPS on or off, the same host.
    {"iam", "aws-us-gov", {}, when::any, when::on, "iam.us-gov.api.aws", "us-gov-west-1"},
    {"iam", "aws-us-gov", {}, when::any, when::off, "iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"iam", "aws-iso", {}, when::off, when::off, "iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"iam", "aws-iso", {}, when::on, when::off, "iam-fips.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"iam", "aws-iso-b", {}, when::off, when::off, "iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"iam", "aws-iso-b", {}, when::on, when::off, "iam-fips.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"iam", "aws-iso-e", {}, when::off, when::off, "iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
    {"iam", "aws-iso-f", {}, when::off, when::off, "iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"},
    {"iam", "aws-eusc", {}, when::off, when::off, "iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"},
    // ...then the partition's pattern, without the region (so aws: iam.amazonaws.com, signed us-east-1).
    {"iam", {}, {}, when::on, when::on, "iam-fips.{dual_stack_dns_suffix}", "{global_region}"},
    {"iam", {}, {}, when::on, when::off, "iam-fips.{dns_suffix}", "{global_region}"},
    {"iam", {}, {}, when::off, when::on, "iam.{dual_stack_dns_suffix}", "{global_region}"},
    {"iam", {}, {}, when::off, when::off, "iam.{dns_suffix}", "{global_region}"},

    // STS is regional (botocore's default sts_regional_endpoints=regional); "aws-global" is the old
    // global endpoint. With FIPS or dual-stack its rule set builds sts[-fips].aws-global.<suffix>,
    // which botocore signs for us-east-1 (its endpoints.json credential scope of aws-global).
    {"sts", {}, "aws-global", when::off, when::off, "sts.amazonaws.com", "us-east-1"},
    {"sts", {}, "aws-global", when::any, when::any, {}, "us-east-1"},

    // In GovCloud, FIPS without dual-stack is the standard regional host (those are FIPS endpoints).
    {"autoscaling", "aws-us-gov", {}, when::on, when::off, "autoscaling.{region}.amazonaws.com"},
    {"cloudformation", "aws-us-gov", {}, when::on, when::off, "cloudformation.{region}.amazonaws.com"},
    {"elasticache", "aws-us-gov", {}, when::on, when::off, "elasticache.{region}.amazonaws.com"},
    {"elasticbeanstalk", "aws-us-gov", {}, when::on, when::off, "elasticbeanstalk.{region}.amazonaws.com"},
    {"elasticloadbalancing", "aws-us-gov", {}, when::on, when::off,
     "elasticloadbalancing.{region}.amazonaws.com"},
    {"rds", "aws-us-gov", {}, when::on, when::off, "rds.{region}.amazonaws.com"},
    {"redshift", "aws-us-gov", {}, when::on, when::off, "redshift.{region}.amazonaws.com"},
    {"sts", "aws-us-gov", {}, when::on, when::off, "sts.{region}.amazonaws.com"},
    // CloudWatch's GovCloud FIPS endpoints keep the plain name with dual-stack too.
    {"monitoring", "aws-us-gov", {}, when::on, when::off, "monitoring.{region}.{dns_suffix}"},
    {"monitoring", "aws-us-gov", {}, when::on, when::on, "monitoring.{region}.{dual_stack_dns_suffix}"},
    // SNS: only the two named GovCloud regions.
    {"sns", {}, "us-gov-east-1", when::on, when::off, "sns.us-gov-east-1.amazonaws.com"},
    {"sns", {}, "us-gov-west-1", when::on, when::off, "sns.us-gov-west-1.amazonaws.com"},

    // SimpleDB's first region has no region in its name.
    {"sdb", {}, "us-east-1", when::off, when::off, "sdb.amazonaws.com"},

    // Import/Export in the aws partition is one global endpoint, signed as "IngestionService" in us-east-1.
    {"importexport", "aws", {}, when::on, when::on, "importexport-fips.{region}.api.aws", "us-east-1",
     "IngestionService"},
    {"importexport", "aws", {}, when::on, when::off, "importexport-fips.{region}.amazonaws.com",
     "us-east-1", "IngestionService"},
    {"importexport", "aws", {}, when::off, when::on, "importexport.{region}.api.aws", "us-east-1",
     "IngestionService"},
    {"importexport", "aws", {}, when::off, when::off, "importexport.amazonaws.com", "us-east-1",
     "IngestionService"},
};

}  // namespace awsq::detail
