"""Every query-protocol model in botocore, generated unchanged, compiled, and (with --roundtrip)
checked against botocore operation by operation.

    python3 tests/models_all/compile_all.py --include include [--jobs 2] [--services rds,iam]
    python3 tests/models_all/compile_all.py --include include --roundtrip --link=-lboost_json \
        --link=-ltinyxml2 [--count 20] [--seed 1] [--flags="-O1 ..."]

Without --roundtrip: one translation unit per service that includes <awsq/<service>.hpp> and
instantiates to_query and parse_response for every operation (benchmarks/compile_models.py times
these units). With --roundtrip: tests/differential/service_driver.cpp built for each service, then
tests/differential/roundtrip.py runs every operation through it and through botocore: --count
random requests, --count responses and --count/4 error responses each, all of which must agree.
ctest runs the round trip as `models-all`.
"""

from __future__ import annotations

import argparse
import io
import os
import shlex
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))
sys.path.insert(0, str(ROOT / "tests" / "differential"))  # roundtrip, imported by --roundtrip only

from awsq_codegen import ShapeGraph, emit_headers, load_model  # noqa: E402
from awsq_codegen.botocore_data import data_folder as botocore_data_folder  # noqa: E402
from awsq_codegen.botocore_data import query_services as botocore_query_services  # noqa: E402
from awsq_codegen.__main__ import source_label, write_headers  # noqa: E402

# The services issue 7 names; finding fewer query models than these means botocore moved, not success.
EXPECTED = ("autoscaling", "cloudformation", "cloudsearch", "cloudwatch", "docdb", "elasticache",
            "elasticbeanstalk", "elb", "elbv2", "iam", "neptune", "rds", "redshift", "ses", "sns", "sts")

FLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Werror"]

UNIT = """\
// Every operation listed: its request serialized (validation included) and its response parsed.
#include <{header}>
#include <awsq/query.hpp>
#include <awsq/response.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <string_view>

std::size_t use_all(int status, std::string_view body) {{
    std::size_t n = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, {operations}>>([&](auto id) {{
        using Op = typename decltype(id)::type;
        n += awsq::to_query<Op>(typename Op::input_type{{}}).has_value();
        n += awsq::parse_response<Op>(status, body).has_value();
    }});
    return n;
}}
"""

DRIVER = ROOT / "tests" / "differential" / "service_driver.cpp"


@dataclass
class Service:
    name: str
    model: Path
    operations: int = 0
    shapes: int = 0
    header_bytes: int = 0
    namespace: str = ""            # awsq::<service as an identifier>
    largest: str = ""              # the operation that reaches the most shapes
    largest_header: str = ""
    largest_cpp: str = ""
    largest_shapes: int = 0


def botocore_data() -> Path:
    return botocore_data_folder()


def query_services(data: Path) -> list[Service]:
    """Services whose newest model speaks query, by name (the build's AWSQ_CLI_SERVICES=all finds the same)."""
    return [Service(name, model) for name, model in botocore_query_services(data)]


def generate(service: Service, include: Path) -> ShapeGraph:
    """The service's headers under include/awsq/, as the build generates them."""
    graph = ShapeGraph(load_model(service.model, service=service.name))
    headers = emit_headers(graph, source_label(service.model))
    write_headers(include, headers, graph.folder)
    service.namespace = f"awsq::{graph.ns}"
    service.operations, service.shapes = len(graph.operations), len(graph.reachable)
    service.header_bytes = sum(len(t.encode()) for t in headers.values())
    return graph


def find_largest(service: Service, graph: ShapeGraph) -> None:
    """The operation of the service that reaches the most shapes."""
    for op in graph.operations:
        reached = len(ShapeGraph(graph.model, [op.name]).reachable)
        if reached > service.largest_shapes:
            service.largest, service.largest_shapes = op.name, reached
            service.largest_header = graph.operation_path[op.name]
            service.largest_cpp = f"{service.namespace}::{graph.operation_name(op.name)}"


def compile_command(cxx: list[str], service: Service, work: Path, includes: list[Path],
                    syntax_only: bool, largest: bool = False) -> list[str]:
    """The command compiling the service's unit: every operation, or only its largest one."""
    if largest:
        stem = f"{service.name}-largest"
        text = UNIT.format(header=service.largest_header,
                           operations=f"boost::mp11::mp_list<{service.largest_cpp}>")
    else:
        stem = service.name
        text = UNIT.format(header=f"awsq/{service.name}.hpp", operations=f"{service.namespace}::operations")
    source = work / f"{stem}.cpp"
    source.write_text(text, encoding="utf-8")
    out = ["-fsyntax-only"] if syntax_only else ["-c", "-o", str(work / f"{stem}.o")]
    return [*cxx, *FLAGS, *(f"-I{i}" for i in includes), str(source), *out]


def driver_command(cxx: list[str], service: Service, work: Path, includes: list[Path], flags: list[str],
                   link: list[str]) -> tuple[Path, list[str]]:
    """The driver executable of the service and the command building it."""
    exe = work / f"{service.name}-driver"
    return exe, [*cxx, *FLAGS, *flags, *(f"-I{i}" for i in includes), f"-I{DRIVER.parent}",
                 f"-DAWSQ_DRIVER_HEADER=<awsq/{service.name}.hpp>",
                 f"-DAWSQ_DRIVER_OPERATIONS={service.namespace}::operations", str(DRIVER), "-o", str(exe), *link]


def round_trip(exe: Path, service: Service, seed: int, count: int) -> tuple[bool, str]:
    """roundtrip.py's comparison of every operation of the service: (agrees, its report)."""
    import roundtrip  # here: it loads botocore, which compiling alone does not need
    report = io.StringIO()
    try:
        ok, summary = roundtrip.run(str(exe), str(service.model), service.name, None, seed, count, report)
    except SystemExit as e:  # the driver failed: roundtrip says how
        return False, report.getvalue() + str(e.code)
    return ok, report.getvalue() + summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"), help="compiler command (default: $CXX or g++)")
    ap.add_argument("--include", action="append", type=Path, default=[],
                    help="include folder of awsq's generic headers, and any other (Boost, ...)")
    ap.add_argument("--data", type=Path, help="botocore's data folder (default: the installed botocore's)")
    ap.add_argument("--services", help="comma-separated subset (default: every query service)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--syntax-only", action="store_true", help="check with -fsyntax-only instead of -c")
    ap.add_argument("--work", type=Path, help="folder for generated headers and objects (default: temporary)")
    ap.add_argument("--roundtrip", action="store_true",
                    help="build each service's differential driver and compare every operation with botocore")
    ap.add_argument("--flags", default="", help="extra compiler flags of the drivers (sanitizers, -O)")
    ap.add_argument("--link", action="append", default=[], help="a link argument of the drivers (repeatable)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the round trip's random cases")
    ap.add_argument("--count", type=int, default=20, help="requests and responses per operation")
    args = ap.parse_args(argv)

    services = query_services(args.data or botocore_data())
    missing = [s for s in EXPECTED if s not in {x.name for x in services}]
    if missing:
        print(f"models-all: botocore has no query model for {', '.join(missing)}", file=sys.stderr)
        return 1
    if args.services:
        chosen = args.services.split(",")
        unknown = [s for s in chosen if s not in {x.name for x in services}]
        if unknown:
            print(f"models-all: not a query service in botocore: {', '.join(unknown)}", file=sys.stderr)
            return 1
        services = [s for s in services if s.name in chosen]

    with tempfile.TemporaryDirectory(prefix="awsq-models-all-") as tmp:
        work = args.work or Path(tmp)
        include = work / "include"
        for s in services:
            generate(s, include)
        includes = [include, *args.include]
        cxx = shlex.split(args.cxx)

        flags, link = shlex.split(args.flags), args.link

        def build(s: Service) -> tuple[Service, float, subprocess.CompletedProcess, tuple[bool, str] | None]:
            """Compiles the service's unit, or its driver and then runs the round trip: (agrees, report)."""
            start = time.monotonic()
            if not args.roundtrip:
                command = compile_command(cxx, s, work, includes, args.syntax_only)
                return s, time.monotonic() - start, subprocess.run(command, capture_output=True, text=True), None
            exe, command = driver_command(cxx, s, work, includes, flags, link)
            done = subprocess.run(command, capture_output=True, text=True)
            seconds = time.monotonic() - start
            if done.returncode != 0:
                return s, seconds, done, None
            compared = round_trip(exe, s, args.seed, args.count)
            exe.unlink()
            return s, seconds, done, compared

        failed = 0
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for s, seconds, done, compared in pool.map(build, services):
                status = "ok" if done.returncode == 0 else "FAILED"
                print(f"{s.name:<18} {s.operations:>4} operations {s.shapes:>5} shapes "
                      f"{s.header_bytes / 1024:>7.0f} KB  {status} in {seconds:.1f} s", flush=True)
                if done.returncode != 0:
                    failed += 1
                    print("\n".join((done.stderr or done.stdout).splitlines()[:40]), file=sys.stderr)
                elif compared is not None:
                    failed += not compared[0]
                    print(compared[1], flush=True)
        what = "agree with botocore" if args.roundtrip else "compile"
        print(f"models-all: {len(services) - failed} of {len(services)} services {what}")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
