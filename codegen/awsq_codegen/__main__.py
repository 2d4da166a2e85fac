"""Command line: python3 -m awsq_codegen --model service-2.json[.gz] --output awsq/rds.hpp"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .emitter import emit_header
from .graph import ShapeGraph
from .loader import ModelError, load_model


def source_label(path: Path) -> str:
    """service/version/file: stable whatever the checkout or build directory."""
    parts = path.resolve().parts
    return "/".join(parts[-3:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="awsq_codegen", description=__doc__)
    ap.add_argument("--model", required=True, type=Path, help="botocore service-2.json (or .json.gz)")
    ap.add_argument("--paginators", type=Path, help="paginators-1.json (default: beside the model)")
    ap.add_argument("--service", help="service name: header and namespace (default: the model's folder)")
    ap.add_argument("--operation", action="append", dest="operations",
                    help="generate only this operation (repeatable; default: all)")
    ap.add_argument("--output", required=True, type=Path, help="header to write")
    args = ap.parse_args(argv)
    try:
        model = load_model(args.model, args.paginators, args.service)
        text = emit_header(ShapeGraph(model, args.operations), source_label(args.model))
    except ModelError as e:
        print(f"awsq codegen: error: {e}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
