"""Compile cost of the generated headers: per query service in botocore, the time and peak memory of
compiling one translation unit that includes <awsq/<service>.hpp> and instantiates request
serialization (to_query, validation included) and response parsing (parse_response) for every
operation (tests/models_all/compile_all.py's unit, at -O0 unless --flags says otherwise). A
measurement, not a test.

    python3 benchmarks/compile_models.py --include include [--repeat 3] [--services rds,iam]

Prints a Markdown table: service, operations, shapes, generated header KB, seconds (the fastest of
--repeat runs, wall clock) and peak MB (GNU time's "Maximum resident set size" of that run); then
the same for a unit that includes only the service's largest operation (the one reaching the most
shapes) through its own header <awsq/<service>/<operation>.hpp>.
Run it on an otherwise idle machine: both numbers are per compiler process, one at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "models_all"))

from compile_all import botocore_data, compile_command, find_largest, generate, query_services  # noqa: E402

TIME = "/usr/bin/time"


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one run under GNU time -v; raises if the compiler fails."""
    done = subprocess.run([TIME, "-v", *command], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("compile failed:\n" + "\n".join(done.stderr.splitlines()[:40]))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    hours, minutes, seconds = wall.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), int(rss.group(1)) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    ap.add_argument("--include", action="append", type=Path, default=[],
                    help="include folder of awsq's generic headers, and any other (Boost, ...)")
    ap.add_argument("--services", help="comma-separated subset (default: every query service)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per service; the fastest is reported")
    ap.add_argument("--syntax-only", action="store_true", help="time -fsyntax-only instead of -c")
    ap.add_argument("--flags", default="", help="extra compiler flags, e.g. --flags=-O2")
    args = ap.parse_args(argv)
    if not Path(TIME).exists():
        print(f"compile_models: needs GNU time at {TIME}", file=sys.stderr)
        return 1

    services = query_services(botocore_data())
    if args.services:
        services = [s for s in services if s.name in args.services.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="awsq-compile-models-") as tmp:
        work = Path(tmp)
        for s in services:
            find_largest(s, generate(s, work / "include"))
            timed = []
            for largest in (False, True):
                command = compile_command([*shlex.split(args.cxx), *shlex.split(args.flags)], s, work,
                                          [work / "include", *args.include], args.syntax_only, largest)
                timed.append(min(measure(command) for _ in range(max(1, args.repeat))))
            rows.append((s, *timed[0], *timed[1]))
            print(f"{s.name}: {timed[0][0]:.1f} s, {timed[0][1]:.0f} MB; {s.largest}: {timed[1][0]:.1f} s, "
                  f"{timed[1][1]:.0f} MB", file=sys.stderr, flush=True)

    print("| service | operations | shapes | header KB | seconds | peak MB "
          "| largest operation | its shapes | seconds | peak MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for s, seconds, peak, one_seconds, one_peak in rows:
        print(f"| {s.name} | {s.operations} | {s.shapes} | {s.header_bytes / 1024:.0f} | {seconds:.1f} | {peak:.0f} "
              f"| {s.largest} | {s.largest_shapes} | {one_seconds:.1f} | {one_peak:.0f} |")
    print(f"| all {len(rows)} | {sum(r[0].operations for r in rows)} | {sum(r[0].shapes for r in rows)} "
          f"| {sum(r[0].header_bytes for r in rows) / 1024:.0f} | {sum(r[1] for r in rows):.1f} "
          f"| {max(r[2] for r in rows):.0f} | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
