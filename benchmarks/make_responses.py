#!/usr/bin/env python3
"""Writes deterministic, realistic DescribeExportTasks and DescribeTableRestoreStatus responses.

    make_responses.py OUTDIR   ->  OUTDIR/{rds,redshift}-{1,100,1000}.xml

Contents look like the services': ARNs, ISO 8601 timestamps with milliseconds, entities in
messages, optional fields sometimes absent, ExportOnly lists of 0-3 items, two-space indentation.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

SIZES = (1, 100, 1000)
ACCOUNT = "123456789012"
BASE = datetime(2024, 1, 1, tzinfo=timezone.utc)


def stamp(rng: random.Random) -> str:
    t = BASE + timedelta(seconds=rng.randrange(0, 300 * 86400), milliseconds=rng.randrange(1000))
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def text(value: str) -> str:
    """Escapes like the services do: &amp; &lt; &gt; and quotes as &quot; / &apos;."""
    return escape(value, {'"': "&quot;", "'": "&apos;"})


def element(lines: list[str], depth: int, name: str, value: str | None) -> None:
    if value is not None:
        lines.append(f"{'  ' * depth}<{name}>{text(value)}</{name}>")


def export_task(rng: random.Random, i: int, lines: list[str], depth: int) -> None:
    pad = "  " * depth
    name = f"export-{rng.choice(['orders', 'billing', 'users', 'events'])}-{i:05d}"
    cluster = rng.random() < 0.3
    status = rng.choice(["COMPLETE", "COMPLETE", "COMPLETE", "FAILED", "IN_PROGRESS", "STARTING", "CANCELED"])
    lines.append(f"{pad}<ExportTask>")
    element(lines, depth + 1, "ExportTaskIdentifier", name)
    kind = "cluster-snapshot" if cluster else "snapshot"
    element(lines, depth + 1, "SourceArn", f"arn:aws:rds:us-east-1:{ACCOUNT}:{kind}:rds:{name}-{i % 97:02d}")
    only = rng.randrange(4)
    if only or rng.random() < 0.5:
        lines.append(f"{pad}  <ExportOnly>")
        for k in range(only):
            schema = rng.choice(["orders", "billing", "users", "reports.p&l"])
            lines.append(f"{pad}    <member>{text(schema)}.table_{k}</member>")
        lines.append(f"{pad}  </ExportOnly>")
    element(lines, depth + 1, "SnapshotTime", stamp(rng))
    element(lines, depth + 1, "TaskStartTime", stamp(rng))
    element(lines, depth + 1, "TaskEndTime", stamp(rng) if status in ("COMPLETE", "FAILED", "CANCELED") else None)
    element(lines, depth + 1, "S3Bucket", f"acme-exports-{i % 7}")
    element(lines, depth + 1, "S3Prefix", f"rds/{name}/{i}")
    element(lines, depth + 1, "IamRoleArn", f"arn:aws:iam::{ACCOUNT}:role/rds-s3-export-{i % 3}")
    element(lines, depth + 1, "KmsKeyId",
            f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{rng.getrandbits(128):032x}" if rng.random() < 0.7 else None)
    element(lines, depth + 1, "Status", status)
    element(lines, depth + 1, "PercentProgress", str(100 if status == "COMPLETE" else rng.randrange(100)))
    element(lines, depth + 1, "TotalExtractedDataInGB", str(rng.randrange(0, 5000)))
    element(lines, depth + 1, "FailureCause",
            f"The IAM role \"rds-s3-export-{i % 3}\" can't write to s3://acme-exports-{i % 7} & its KMS key"
            if status == "FAILED" else None)
    element(lines, depth + 1, "WarningMessage",
            "Table <audit> has no primary key; rows may export out of order" if rng.random() < 0.1 else None)
    element(lines, depth + 1, "SourceType", "CLUSTER" if cluster else "SNAPSHOT")
    lines.append(f"{pad}</ExportTask>")


def table_restore(rng: random.Random, i: int, lines: list[str], depth: int) -> None:
    pad = "  " * depth
    status = rng.choice(["SUCCEEDED", "SUCCEEDED", "FAILED", "IN_PROGRESS", "PENDING", "CANCELED"])
    total = rng.randrange(1, 1 << 36)
    lines.append(f"{pad}<TableRestoreStatus>")
    element(lines, depth + 1, "TableRestoreRequestId", f"z-{rng.getrandbits(128):032x}")
    element(lines, depth + 1, "Status", status)
    element(lines, depth + 1, "Message",
            {"SUCCEEDED": "Table restore completed", "FAILED": "Target table \"sales.orders\" exists & can't be replaced"}
            .get(status) if rng.random() < 0.8 else None)
    element(lines, depth + 1, "RequestTime", stamp(rng))
    element(lines, depth + 1, "ProgressInMegaBytes", str(total if status == "SUCCEEDED" else rng.randrange(total)))
    element(lines, depth + 1, "TotalDataInMegaBytes", str(total))
    element(lines, depth + 1, "ClusterIdentifier", f"analytics-{i % 5}")
    element(lines, depth + 1, "SnapshotIdentifier", f"rs:analytics-{i % 5}-2024-05-{1 + i % 28:02d}-06-00")
    element(lines, depth + 1, "SourceDatabaseName", rng.choice(["sales", "events", "finance"]))
    element(lines, depth + 1, "SourceSchemaName", rng.choice(["public", "raw", "staging"]))
    element(lines, depth + 1, "SourceTableName", f"table_{i % 50}")
    element(lines, depth + 1, "TargetDatabaseName", rng.choice(["sales", "events", "finance"]))
    element(lines, depth + 1, "TargetSchemaName", "restored" if rng.random() < 0.6 else None)
    element(lines, depth + 1, "NewTableName", f"table_{i % 50}_restored")
    lines.append(f"{pad}</TableRestoreStatus>")


def response(op: str, namespace: str, list_name: str, write_item, count: int, seed: int) -> str:
    rng = random.Random(seed)
    lines = [f'<{op}Response xmlns="{namespace}">', f"  <{op}Result>"]
    if op == "DescribeExportTasks":
        lines.append("    <Marker>ZXhwb3J0LXRhc2tzOm5leHQ=</Marker>")
    lines.append(f"    <{list_name}>")
    for i in range(count):
        write_item(rng, i, lines, 3)
    lines.append(f"    </{list_name}>")
    if op != "DescribeExportTasks":
        lines.append("    <Marker>dGFibGUtcmVzdG9yZTpuZXh0</Marker>")
    lines += [f"  </{op}Result>", "  <ResponseMetadata>",
              f"    <RequestId>{rng.getrandbits(128):032x}</RequestId>", "  </ResponseMetadata>",
              f"</{op}Response>", ""]
    return "\n".join(lines)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for n in SIZES:
        (out / f"rds-{n}.xml").write_text(response(
            "DescribeExportTasks", "http://rds.amazonaws.com/doc/2014-10-31/", "ExportTasks", export_task, n, n))
        (out / f"redshift-{n}.xml").write_text(response(
            "DescribeTableRestoreStatus", "http://redshift.amazonaws.com/doc/2012-12-01/",
            "TableRestoreStatusDetails", table_restore, n, n + 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
