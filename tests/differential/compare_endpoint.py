"""awsq's endpoints against botocore's clients: every query service x every region x FIPS/dual-stack.

    python3 compare_endpoint.py --driver build/.../awsq_endpoint_driver [--jobs 2] [--verbose]

For each case the oracle is a real botocore client (botocore.session.create_client with
Config(use_fips_endpoint=..., use_dualstack_endpoint=...), fake keys) whose one call is stopped by
a 'before-send' handler: its request URL gives the scheme, path and the Host botocore signs
(botocore.auth's own host-from-URL rule), and the signer's get_auth_instance arguments give the
signing region and name. No network is touched. The driver answers the same cases through
awsq::resolve_endpoint / endpoint_from_url / endpoint_env_name; every field must be equal, and
where botocore refuses (an invalid region or URL) awsq must refuse too.

Checked: the query services (those whose newest model speaks query, as tests/models_all finds
them), each in every region of botocore's partitions.json plus regions only a partition's pattern
claims, regions no partition claims, FIPS pseudo-regions and invalid names, each with FIPS and
dual-stack off and on; endpoint URLs (ports, paths, IPv6, case, bad ones) for a few services and
regions; AWS_ENDPOINT_URL_<SERVICE> for every service (botocore reading it from the environment);
awsq's partition table against partitions.json.

Deliberate differences (counted and listed, not failures) are in DELIBERATE below, each with its reason.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

# A developer's own AWS settings (AWS_USE_FIPS_ENDPOINT, AWS_STS_REGIONAL_ENDPOINTS, AWS_ENDPOINT_URL,
# a profile's use_dualstack_endpoint, ...) must not reach the oracle: cleared before botocore loads.
for _name in [n for n in os.environ if n.startswith("AWS_")]:
    del os.environ[_name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore  # noqa: E402
import botocore.auth  # noqa: E402
import botocore.client  # noqa: E402
import botocore.config  # noqa: E402
import botocore.session  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402

DATA = Path(botocore.__file__).parent / "data"
VARIANTS = [(False, False), (True, False), (False, True), (True, True)]

# Names botocore refuses (and "US-EAST-1", which it takes: see DELIBERATE).
INVALID_REGIONS = ["a_b", "123", "-us", "us-", "x" * 64, "us-east-1.evil.com", "us east 1", "US-EAST-1"]
# Regions beyond partitions.json's lists: claimed by a partition's pattern only, claimed by none
# (botocore falls back to aws), FIPS pseudo-regions (botocore's client strips "fips-"/"-fips" and
# turns FIPS on), and the invalid names.
EXTRA_REGIONS = [
    "us-east-9", "ca-north-4", "cn-south-3", "eusc-de-west-2", "us-iso-south-2", "us-isob-north-3",
    "eu-isoe-north-2", "us-isof-west-5", "us-gov-north-4",
    "nowhere", "eusc-fr-east-1", "mars-central-1", "a", "x1",
    "fips-us-gov-west-1", "us-gov-east-1-fips", "fips-us-east-1", "us-east-1-fips", "fips-aws-global",
    "aws-global-fips", "fips-us-iso-east-1", "fips-cn-north-1", "fips-eu-west-1",
    *INVALID_REGIONS,
]

URLS = [
    "http://127.0.0.1:5000", "http://127.0.0.1:5000/", "https://localhost:8443/proxy",
    "https://localhost:8443/proxy/", "http://h:80/", "https://h:443", "http://h:443", "https://h:80/a/b",
    "HTTPS://H.Example.COM:0443/a/b", "http://[::1]:8080/", "http://[::1]:80", "https://[2001:DB8::1]",
    "http://h:/", "http://h./", "https://a-b.c-d.example:65535/x%20y/", "http://1.2.3.4",
    "https://rds.us-east-1.amazonaws.com", "http://h:0",
    # botocore refuses these too
    "http://h_x/", "http://h:99999/", "h:8080", "localhost", "http://", "http://-h/", "http://h:8a/",
    "http://a..b/", "http://" + "a" * 64 + ".com/",
    # botocore accepts these; awsq refuses them (DELIBERATE_URLS)
    "ftp://h/", "http://h/a?b=c", "http://h/#f", "http://u:p@h/", "http://h/a b",
]
# Every URL with rds in us-east-1; the signing scope with an endpoint URL depends on the service and
# region only, so every service in these regions with two of them.
URL_REGIONS = ["us-east-1", "us-west-2", "aws-global", "cn-north-1", "fips-us-gov-west-1", "nowhere", "Bad_Region"]
URLS_EVERYWHERE = ["http://127.0.0.1:5000", "https://localhost:8443/proxy/"]
# FIPS and dual-stack are tried in every region of the partitions other than aws, in three of aws's
# (the rule sets have no exception for one aws region but aws-global, so these stand for the rest),
# and in a few regions no list names.
VARIANT_REGIONS_EXTRA = ["us-east-1", "eu-west-1", "aws-global", "us-gov-north-4", "us-isof-west-5", "nowhere",
                         "fips-aws-global", "fips-us-gov-west-1"]


def query_services() -> list[tuple[str, dict]]:
    """(name, metadata) of every service whose newest model speaks query (tests/models_all's rule)."""
    out = []
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
        versions = sorted(p for p in folder.iterdir() if p.is_dir())
        model = next((m for v in versions[-1:] for m in (v / "service-2.json", v / "service-2.json.gz")
                      if m.exists()), None)
        if model is None:
            continue
        raw = model.read_bytes()
        meta = json.loads(gzip.decompress(raw) if model.suffix == ".gz" else raw).get("metadata", {})
        if "query" in (meta.get("protocols") or [meta.get("protocol")]):
            out.append((folder.name, meta))
    return out


def partition_of(partitions: list[dict], region: str) -> str:
    for p in partitions:
        if region in p["regions"] or re.match(p["regionRegex"], region):
            return p["id"]
    return partitions[0]["id"]


# --- the oracle: botocore's own clients ---------------------------------------------------------

_session = None


def _cache_client_classes() -> None:
    """Speed only: a client class depends on the service model alone (its methods), yet botocore
    builds a new one for every client; the oracle builds thousands of clients of 18 services."""
    create = botocore.client.ClientCreator._create_client_class
    classes = {}

    def cached(self, service_name, service_model):
        if service_name not in classes:
            classes[service_name] = create(self, service_name, service_model)
        return classes[service_name]

    botocore.client.ClientCreator._create_client_class = cached


def _client(service: str, region: str, fips: bool, dualstack: bool, url: str | None):
    global _session
    if _session is None:
        _cache_client_classes()
        _session = botocore.session.get_session()
    config = botocore.config.Config(use_fips_endpoint=fips, use_dualstack_endpoint=dualstack,
                                    parameter_validation=False, retries={"total_max_attempts": 1})
    return _session.create_client(service, region_name=region, endpoint_url=url, config=config,
                                  aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="not-a-secret")


def botocore_endpoint(service: str, region: str, fips: bool, dualstack: bool, url: str | None = None) -> str:
    """The answer line the driver must print: 'ok\\t...' as botocore's client sends and signs, or 'error'."""
    seen = {}
    try:
        client = _client(service, region, fips, dualstack, url)
    except Exception as e:  # invalid region, invalid URL, no such endpoint variant
        return f"error\t{type(e).__name__}: {e}".replace("\n", " ")

    def before_send(request, **_):
        seen["url"] = request.url
        return AWSResponse(request.url, 200, {}, None)

    signer = client._request_signer
    get_auth = signer.get_auth_instance

    def recording_get_auth(**kwargs):
        seen["signing"] = (kwargs.get("region_name"), kwargs.get("signing_name"))
        return get_auth(**kwargs)

    signer.get_auth_instance = recording_get_auth
    client.meta.events.register("before-send", before_send)
    operation = client.meta.service_model.operation_names[0]
    try:
        getattr(client, botocore.xform_name(operation))()
    except Exception as e:  # the empty canned response does not parse; the request was seen
        if "url" not in seen:
            return f"error\t{type(e).__name__}: {e}".replace("\n", " ")
    parts = urlsplit(seen["url"])
    region_signed, name_signed = seen["signing"]
    return "\t".join(["ok", parts.scheme, botocore.auth._host_from_url(seen["url"]), parts.path,
                      region_signed, name_signed])


def oracle_batch(cases: list[tuple]) -> list[str]:
    return [botocore_endpoint(*case) for case in cases]


# --- deliberate differences -----------------------------------------------------------------------

def _fields(line: str) -> list[str]:
    return line.split("\t")


DELIBERATE = {
    "iso-e/iso-f dual-stack":
        "botocore's client also consults its legacy endpoints.json, which has no dual-stack variant "
        "for the aws-iso-e and aws-iso-f partitions, and refuses (EndpointVariantError); partitions.json "
        "and the rule sets say both partitions support dual-stack, and awsq follows them",
    "importexport legacy scope":
        "outside the aws partition, where botocore's legacy endpoints.json cannot place an importexport "
        "region (the *-global pseudo-regions, aws-iso and aws-iso-b with dual-stack), botocore falls back "
        "to aws's global endpoint and signs as IngestionService in us-east-1 while sending to the rule "
        "set's host; awsq signs as the rule set and the model say (importexport, the region)",
    "upper-case region":
        "botocore accepts a region with capital letters (a host label) and signs for it; no AWS region "
        "has one and such a signature never verifies, so awsq refuses it as not a region name",
}


def deliberate_resolve(case: tuple, partition: str, ours: str, theirs: str) -> str | None:
    service, region, _fips, dualstack = case
    if theirs.startswith("error\tEndpointVariantError") and dualstack and partition in ("aws-iso-e", "aws-iso-f"):
        return "iso-e/iso-f dual-stack"
    if (service == "importexport" and ours.startswith("ok") and theirs.startswith("ok")
            and _fields(theirs)[:4] == _fields(ours)[:4] and _fields(theirs)[4:] == ["us-east-1", "IngestionService"]):
        return "importexport legacy scope"
    if region != region.lower() and theirs.startswith("ok") and ours.startswith("error"):
        return "upper-case region"
    return None


DELIBERATE_URLS = {
    "ftp://h/": "awsq's transport speaks only http and https; botocore takes any scheme and fails when sending",
    "http://h/a?b=c": "an endpoint URL is scheme://host[:port][/path]: a query would change every request's signed query string",
    "http://h/#f": "an endpoint URL is scheme://host[:port][/path]: a fragment is never sent",
    "http://u:p@h/": "user information in an endpoint URL would be a password in the configuration; botocore ignores it when signing",
    "http://h/a b": "a space cannot be sent in a request line; botocore passes it on unencoded",
}


# --- checks -------------------------------------------------------------------------------------

def run_driver(driver: str, lines: list[str]) -> list[str]:
    done = subprocess.run([driver], input="".join(line + "\n" for line in lines), capture_output=True,
                          text=True, check=True)
    out = done.stdout.split("\n")[:-1]
    if len(out) != len(lines):
        raise SystemExit(f"the driver answered {len(out)} lines to {len(lines)}")
    return out


def facts(name: str, meta: dict) -> str:
    return "\t".join([name, meta["serviceId"], meta["endpointPrefix"], meta.get("signingName") or ""])


def same(ours: str, theirs: str) -> bool:
    # Refusals agree when both refuse; the messages are each library's own.
    return ours == theirs or (ours.startswith("error") and theirs.startswith("error"))


def check_partitions(driver: str, partitions: list[dict]) -> list[str]:
    done = subprocess.run([driver], input="partitions\n", capture_output=True, text=True, check=True)
    ours = [line.split("\t") for line in done.stdout.splitlines() if line.startswith("partition\t")]
    problems = []
    if [o[1] for o in ours] != [p["id"] for p in partitions]:
        problems.append(f"partitions: awsq has {[o[1] for o in ours]}, botocore {[p['id'] for p in partitions]}")
    for o, p in zip(ours, partitions):
        out = p["outputs"]
        form = re.fullmatch(r"\^\(?(.*?)\)?\\-\\w\+\\-\\d\+\$", p["regionRegex"])
        prefixes = (form.group(1).replace("\\-", "-").replace("(", "").replace(")", "").split("|")
                    if form else [f"<regex of a new form: {p['regionRegex']}>"])
        expected = [p["id"], out["dnsSuffix"], out["dualStackDnsSuffix"], out["implicitGlobalRegion"],
                    str(int(out["supportsFIPS"])), str(int(out["supportsDualStack"])), ",".join(prefixes),
                    ",".join(p["regions"])]
        if o[1:] != expected:
            problems.append(f"partition {p['id']}: awsq {o[1:]}, partitions.json {expected}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--driver", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="list every deliberate difference")
    args = parser.parse_args(argv)
    started = time.monotonic()

    partitions = json.loads((DATA / "partitions.json").read_text())["partitions"]
    services = query_services()
    if len(services) < 16:
        raise SystemExit(f"only {len(services)} query services found in {DATA}: botocore moved?")
    regions = list(dict.fromkeys([r for p in partitions for r in p["regions"]] + EXTRA_REGIONS))
    meta = dict(services)

    variant_regions = {r for p in partitions[1:] for r in p["regions"]} | set(VARIANT_REGIONS_EXTRA)
    resolve_cases = [(name, region, fips, dualstack) for name, _ in services for region in regions
                     for fips, dualstack in VARIANTS if (not fips and not dualstack) or region in variant_regions]
    url_cases = [("rds", "us-east-1", False, False, url) for url in URLS]
    url_cases += [(name, region, False, False, url) for name, _ in services for region in URL_REGIONS
                  for url in URLS_EVERYWHERE if (name, region) != ("rds", "us-east-1")]
    lines = [f"resolve\t{facts(c[0], meta[c[0]])}\t{c[1]}\t{int(c[2])}\t{int(c[3])}" for c in resolve_cases]
    lines += [f"url\t{facts(c[0], meta[c[0]])}\t{c[1]}\t{c[4]}" for c in url_cases]
    ours = run_driver(args.driver, lines)

    # The oracle, one service per task (a worker's session caches the service's model).
    cases = resolve_cases + url_cases
    by_service: dict[str, list[int]] = {}
    for i, case in enumerate(cases):
        by_service.setdefault(case[0], []).append(i)
    theirs = [""] * len(cases)
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        batches = {name: pool.submit(oracle_batch, [cases[i] for i in indexes])
                   for name, indexes in by_service.items()}
        for name, future in batches.items():
            for i, answer in zip(by_service[name], future.result()):
                theirs[i] = answer

    mismatches, deliberate = [], {}
    for i, case in enumerate(cases):
        if same(ours[i], theirs[i]):
            continue
        if i < len(resolve_cases):
            reason = deliberate_resolve(case, partition_of(partitions, case[1].replace("fips-", "").replace("-fips", "")),
                                        ours[i], theirs[i])
        else:
            reason = case[4] if case[4] in DELIBERATE_URLS and ours[i].startswith("error") else None
        if reason:
            deliberate.setdefault(reason, []).append((case, ours[i], theirs[i]))
        else:
            mismatches.append((case, ours[i], theirs[i]))

    # AWS_ENDPOINT_URL_<SERVICE>: botocore's client picks the variable up from the environment.
    env_names = run_driver(args.driver, [f"env\t{facts(name, m)}" for name, m in services])
    for (name, _), line in zip(services, env_names):
        variable = line.split("\t", 1)[1]
        os.environ[variable] = "http://marker.invalid:1234"
        try:
            got = _client(name, "us-east-1", False, False, None).meta.endpoint_url
        finally:
            del os.environ[variable]
        if got != "http://marker.invalid:1234":
            mismatches.append((("env", name), variable, f"botocore did not read {variable} (endpoint {got})"))

    problems = check_partitions(args.driver, partitions)

    for case, ours_line, theirs_line in mismatches[:40]:
        print(f"MISMATCH {case}\n    awsq:     {ours_line}\n    botocore: {theirs_line}")
    if len(mismatches) > 40:
        print(f"... and {len(mismatches) - 40} more mismatches")
    for problem in problems:
        print(f"PARTITION DATA {problem}")
    for reason, items in sorted(deliberate.items()):
        why = DELIBERATE.get(reason) or DELIBERATE_URLS[reason]
        print(f"deliberate ({len(items)} cases) {reason}: {why}")
        for case, ours_line, theirs_line in items if args.verbose else items[:1]:
            print(f"    e.g. {case}\n        awsq:     {ours_line}\n        botocore: {theirs_line}")
    print(f"differential_endpoint: {len(services)} services x {len(regions)} regions "
          f"(FIPS/dual-stack on and off in {len(variant_regions)} of them) = "
          f"{len(resolve_cases)} resolutions, {len(url_cases)} endpoint URL cases, "
          f"{len(services)} AWS_ENDPOINT_URL_* names, {len(partitions)} partitions; "
          f"{len(mismatches)} mismatches, {sum(map(len, deliberate.values()))} deliberate differences "
          f"({time.monotonic() - started:.1f} s)")
    return 1 if mismatches or problems else 0


if __name__ == "__main__":
    sys.exit(main())
