"""The botocore models installed with python3's botocore, used unchanged: where they are and which speak query.

    python3 -m awsq_codegen.botocore_data              prints the data folder
    python3 -m awsq_codegen.botocore_data --query      prints every query-protocol service, one per line
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path


def data_folder() -> Path:
    """botocore's data folder: <service>/<api-version>/service-2.json[.gz], as awsq_add_models reads it."""
    import botocore
    return Path(botocore.__file__).parent / "data"


def newest_model(folder: Path) -> Path | None:
    """The service-2.json[.gz] of the newest api-version under a service's folder (versions sort by date)."""
    for version in sorted((p for p in folder.iterdir() if p.is_dir()), reverse=True):
        for name in ("service-2.json", "service-2.json.gz"):
            if (version / name).exists():
                return version / name
    return None


def read_json(path: Path) -> dict:
    raw = path.read_bytes()
    return json.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)


def query_services(data: Path) -> list[tuple[str, Path]]:
    """(name, newest model) of the services whose newest model speaks query (`protocol`, or one of `protocols`)."""
    out = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        model = newest_model(folder)
        if model is None:
            continue
        meta = read_json(model).get("metadata", {})
        if "query" in (meta.get("protocols") or [meta.get("protocol")]):
            out.append((folder.name, model))
    return out


def main(argv: list[str]) -> int:
    try:
        data = data_folder()
    except ImportError:
        print("awsq codegen: python3 has no botocore: install python3-botocore (or pip's botocore) to use its models",
              file=sys.stderr)
        return 1
    if argv == ["--query"]:
        print("".join(f"{name}\n" for name, _ in query_services(data)), end="")
    elif not argv:
        print(data)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
