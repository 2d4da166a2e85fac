#!/usr/bin/env python3
"""Calls per second over loopback, awsq and boto3 side by side in one run, against the canned server.

    python3 benchmarks/calls.py BUILD_DIR [SECONDS]     (BUILD_DIR: a release build with benchmarks)

Prints the server's own capacity (so it is seen not to be the bottleneck), libcurl alone, awsq's
whole client pipeline and boto3's describe_export_tasks, each on one kept-alive connection.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def boto3_calls(port: int, seconds: float) -> str:
    import boto3

    rds = boto3.client("rds", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
                       aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    for _ in range(50):
        rds.describe_export_tasks()
    assert len(rds.describe_export_tasks()["ExportTasks"]) == 1
    calls, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        rds.describe_export_tasks()
        calls += 1
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    return f"boto3: {calls / took:.0f} calls/s (CPU {1e6 * cpu / calls:.0f} us/call)"


def main() -> int:
    build = Path(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    server_bin = build / "benchmarks" / "awsq_canned_server"
    print(subprocess.run([server_bin, "--self-test", "50000"], capture_output=True, text=True, check=True).stdout.strip())
    server = subprocess.Popen([server_bin, "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        url = f"127.0.0.1:{port}"
        for command in ([server_bin, "--curl", str(seconds), url],
                        [build / "benchmarks" / "awsq_calls_bench", str(seconds), f"http://{url}"]):
            print(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())
        print(boto3_calls(port, seconds))
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    os.environ.pop("AWS_PROFILE", None)
    sys.exit(main())
