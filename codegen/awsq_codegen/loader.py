"""Loader: a botocore service-2.json (optionally gzipped), its paginators-1.json and waiters-2.json ->
frozen dataclasses.

Everything the emitter cannot represent is refused here, with the file, the shape (or paginator's
operation, or waiter) and the reason.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUPPORTED_TYPES = frozenset(
    {"structure", "list", "map", "string", "integer", "long", "boolean",
     "double", "float", "timestamp", "blob"}
)
TIMESTAMP_FORMATS = frozenset({"iso8601", "rfc822", "unixTimestamp"})

# One segment of a paginator path: a member name, optionally indexed (`Jobs[-1]`). A path is such
# segments joined by dots: the part of botocore's JMESPath the query models use.
SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(-?[0-9]+)\])?\Z")


# What waiters-2.json (version 2) may say: botocore's waiter.py knows these and no others.
WAITER_MATCHERS = ("path", "pathAll", "pathAny", "status", "error")
WAITER_STATES = ("success", "failure", "retry")


class ModelError(Exception):
    """A model file awsq cannot use; str() names the file, the shape (or waiter) and the problem."""

    def __init__(self, file: str, shape: str | None, problem: str, what: str = "shape"):
        self.file, self.shape, self.problem = file, shape, problem
        where = f"{file}: {what} {shape}: " if shape else f"{file}: "
        super().__init__(where + problem)


@dataclass(frozen=True)
class Member:
    name: str
    shape: str
    location_name: str | None = None
    timestamp_format: str | None = None
    idempotency_token: bool = False
    deprecated: bool = False
    documentation: str = ""
    # The reference's own `flattened` (Smithy's @xmlFlattened is a member trait), None when it has
    # none: botocore merges a reference's serialization traits over its shape's.
    flattened: bool | None = None


@dataclass(frozen=True)
class Shape:
    name: str
    type: str
    members: tuple[Member, ...] = ()
    required: frozenset[str] = frozenset()
    member: Member | None = None          # list element
    key: Member | None = None             # map key
    value: Member | None = None           # map value
    enum: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    flattened: bool = False
    timestamp_format: str | None = None
    error_code: str | None = None
    error_status: int | None = None
    sender_fault: bool = True
    exception: bool = False
    union: bool = False                     # a tagged union: exactly one member is set
    documentation: str = ""


@dataclass(frozen=True)
class Operation:
    name: str
    input: str | None
    output: str | None
    result_wrapper: str | None
    errors: tuple[str, ...]
    method: str = "POST"
    request_uri: str = "/"
    documentation: str = ""


@dataclass(frozen=True)
class MemberPath:
    """A paginator token or key: its text as botocore writes it, and its steps, each a member name
    or the index of one list element (`Jobs[-1].JobId` is ("Jobs", -1, "JobId"))."""
    text: str
    steps: tuple[str | int, ...]

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Paginator:
    """One entry of paginators-1.json; every token and key is a member path."""
    input_tokens: tuple[MemberPath, ...]
    output_tokens: tuple[MemberPath, ...]
    result_keys: tuple[MemberPath, ...]
    limit_key: MemberPath | None = None
    more_results: MemberPath | None = None
    non_aggregate_keys: tuple[MemberPath, ...] = ()


@dataclass(frozen=True)
class Acceptor:
    """One acceptor of a waiter, as waiters-2.json writes it."""
    matcher: str                   # one of WAITER_MATCHERS
    state: str                     # one of WAITER_STATES
    expected: Any                  # any JSON value: a string, a boolean, a number...
    argument: str | None = None    # the JMESPath expression of the path matchers


@dataclass(frozen=True)
class Waiter:
    """One entry of waiters-2.json: poll `operation` every `delay` seconds, at most `max_attempts` times."""
    name: str
    operation: str
    delay: int
    max_attempts: int
    acceptors: tuple[Acceptor, ...]
    description: str = ""


@dataclass(frozen=True)
class Metadata:
    api_version: str
    endpoint_prefix: str
    protocol: str
    service_id: str
    signature_version: str
    signing_name: str
    xml_namespace: str


@dataclass(frozen=True)
class Model:
    file: str                               # as given, for messages
    service: str                            # botocore's service directory name, e.g. "rds"
    metadata: Metadata
    operations: dict[str, Operation] = field(hash=False)
    shapes: dict[str, Shape] = field(hash=False)
    paginators: dict[str, Paginator] = field(hash=False)
    documentation: str = ""
    paginators_file: str = ""               # as given, for messages
    waiters: dict[str, Waiter] = field(default_factory=dict, hash=False)   # waiters-2.json order
    waiters_file: str = ""                  # as given, for messages


def _read_json(path: Path) -> Any:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return json.loads(raw)
    except OSError as e:
        raise ModelError(str(path), None, f"cannot read: {e.strerror or e}") from None
    except (ValueError, EOFError) as e:
        raise ModelError(str(path), None, f"not JSON: {e}") from None


def _member(file: str, owner: str, name: str, raw: Any, shapes: dict[str, Any]) -> Member:
    if not isinstance(raw, dict) or not isinstance(raw.get("shape"), str):
        raise ModelError(file, owner, f"member {name} has no shape reference")
    # As botocore resolves a reference: the target shape's traits, overridden by the reference's own
    # (ElastiCache names a list's element by a locationName on the list shape itself).
    target = shapes.get(raw["shape"])
    if isinstance(target, dict) and "locationName" in target and "locationName" not in raw:
        raw = {**raw, "locationName": target["locationName"]}
    fmt = raw.get("timestampFormat")
    if fmt is not None and fmt not in TIMESTAMP_FORMATS:
        raise ModelError(file, owner, f"member {name} has unsupported timestampFormat {fmt!r}")
    if raw.get("xmlAttribute"):
        raise ModelError(file, owner, f"member {name} is an XML attribute: not supported")
    return Member(
        name=name,
        shape=raw["shape"],
        location_name=raw.get("locationName"),
        timestamp_format=fmt,
        idempotency_token=bool(raw.get("idempotencyToken", False)),
        deprecated=bool(raw.get("deprecated", False)),
        documentation=raw.get("documentation", ""),
        flattened=bool(raw["flattened"]) if "flattened" in raw else None,
    )


def _int_or_none(file: str, shape: str, key: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise ModelError(file, shape, f"{key} {value!r} is not an integer")
    return int(value)


def _shape(file: str, name: str, raw: Any, shapes: dict[str, Any]) -> Shape:
    if not isinstance(raw, dict):
        raise ModelError(file, name, "shape is not an object")
    kind = raw.get("type")
    if kind not in SUPPORTED_TYPES:
        raise ModelError(file, name, f"unsupported type {kind!r}")
    fmt = raw.get("timestampFormat")
    if fmt is not None and fmt not in TIMESTAMP_FORMATS:
        raise ModelError(file, name, f"unsupported timestampFormat {fmt!r}")
    members: tuple[Member, ...] = ()
    member = key = value = None
    if kind == "structure":
        raw_members = raw.get("members", {})
        if not isinstance(raw_members, dict):
            raise ModelError(file, name, "members is not an object")
        members = tuple(_member(file, name, m, r, shapes) for m, r in raw_members.items())
        unknown = [r for r in raw.get("required", []) if r not in raw_members]
        if unknown:
            raise ModelError(file, name, f"required member {unknown[0]} is not a member")
    elif kind == "list":
        member = _member(file, name, "member", raw.get("member"), shapes)
    elif kind == "map":
        key = _member(file, name, "key", raw.get("key"), shapes)
        value = _member(file, name, "value", raw.get("value"), shapes)
    error = raw.get("error", {})
    return Shape(
        name=name,
        type=kind,
        members=members,
        required=frozenset(raw.get("required", [])),
        member=member,
        key=key,
        value=value,
        enum=tuple(raw.get("enum", ())),
        min=_int_or_none(file, name, "min", raw.get("min")),
        max=_int_or_none(file, name, "max", raw.get("max")),
        flattened=bool(raw.get("flattened", False)),
        timestamp_format=fmt,
        error_code=error.get("code") if raw.get("exception") else None,
        error_status=error.get("httpStatusCode") if raw.get("exception") else None,
        sender_fault=bool(error.get("senderFault", True)),
        exception=bool(raw.get("exception", False)),
        union=bool(raw.get("union", False)),
        documentation=raw.get("documentation", ""),
    )


def _operation(file: str, name: str, raw: Any) -> Operation:
    if not isinstance(raw, dict):
        raise ModelError(file, name, "operation is not an object")
    out = raw.get("output") or {}
    http = raw.get("http", {})
    return Operation(
        name=name,
        input=(raw.get("input") or {}).get("shape"),
        output=out.get("shape"),
        result_wrapper=out.get("resultWrapper"),
        errors=tuple(e["shape"] for e in raw.get("errors", [])),
        method=http.get("method", "POST"),
        request_uri=http.get("requestUri", "/"),
        documentation=raw.get("documentation", ""),
    )


def _member_path(file: str, op: str, key: str, text: str) -> MemberPath:
    steps: list[str | int] = []
    for segment in text.split("."):
        m = SEGMENT.match(segment)
        if not m:
            raise ModelError(file, op, f"paginator {key} {text!r} is not a member path like A.B or A[-1].B")
        steps.append(m.group(1))
        if m.group(2) is not None:
            steps.append(int(m.group(2)))
    return MemberPath(text, tuple(steps))


def _paths(file: str, op: str, key: str, raw: Any, required: bool) -> tuple[MemberPath, ...]:
    """A paginator entry's token or key: one path or a list of them."""
    if raw is None and not required:
        return ()
    values = raw if isinstance(raw, list) else [raw]
    if not values or not all(isinstance(v, str) for v in values):
        raise ModelError(file, op, f"paginator {key} is not a string or a list of strings")
    return tuple(_member_path(file, op, key, v) for v in values)


def _one_path(file: str, op: str, key: str, raw: Any) -> MemberPath | None:
    paths = _paths(file, op, key, raw, required=False)
    if len(paths) > 1:
        raise ModelError(file, op, f"paginator {key} names several members")
    return paths[0] if paths else None


def _paginator(file: str, op: str, raw: Any) -> Paginator:
    if not isinstance(raw, dict):
        raise ModelError(file, op, "paginator is not an object")
    p = Paginator(
        input_tokens=_paths(file, op, "input_token", raw.get("input_token"), required=True),
        output_tokens=_paths(file, op, "output_token", raw.get("output_token"), required=True),
        result_keys=_paths(file, op, "result_key", raw.get("result_key"), required=True),
        limit_key=_one_path(file, op, "limit_key", raw.get("limit_key")),
        more_results=_one_path(file, op, "more_results", raw.get("more_results")),
        non_aggregate_keys=_paths(file, op, "non_aggregate_keys", raw.get("non_aggregate_keys"), required=False),
    )
    if len(p.input_tokens) != len(p.output_tokens):
        raise ModelError(file, op, f"paginator has {len(p.input_tokens)} input tokens "
                                   f"but {len(p.output_tokens)} output tokens")
    return p


def _expression_problem(argument: str) -> str | None:
    """Why python's jmespath (botocore's) refuses the expression, or None. Without the module the
    expression is left to awsq::jmespath::compile when the waiter first runs."""
    try:
        import jmespath
        import jmespath.exceptions
    except ImportError:
        return None
    try:
        jmespath.compile(argument)
    except jmespath.exceptions.JMESPathError as e:
        return " ".join(str(e).split())
    return None


def _acceptor(file: str, waiter: str, n: int, raw: Any) -> Acceptor:
    def refuse(problem: str) -> ModelError:
        return ModelError(file, waiter, f"acceptor {n}: {problem}", what="waiter")

    if not isinstance(raw, dict):
        raise refuse("is not an object")
    matcher, state = raw.get("matcher"), raw.get("state")
    if matcher not in WAITER_MATCHERS:
        raise refuse(f"unknown matcher {matcher!r} (awsq knows {', '.join(WAITER_MATCHERS)})")
    if state not in WAITER_STATES:
        raise refuse(f"unknown state {state!r} (awsq knows {', '.join(WAITER_STATES)})")
    if "expected" not in raw:
        raise refuse("has no expected value")
    expected = raw["expected"]
    argument = None
    if matcher.startswith("path"):
        argument = raw.get("argument")
        if not isinstance(argument, str) or not argument:
            raise refuse(f"matcher {matcher} has no argument expression")
        problem = _expression_problem(argument)
        if problem:
            raise refuse(f"argument {argument!r} is not a JMESPath expression: {problem}")
    elif matcher == "status":
        if isinstance(expected, bool) or not isinstance(expected, int):
            raise refuse(f"expected {expected!r} of matcher status is not an HTTP status code")
    elif not isinstance(expected, (str, bool)):
        raise refuse(f"expected {expected!r} of matcher error is not an error code, true or false")
    return Acceptor(matcher=matcher, state=state, expected=expected, argument=argument)


def _waiter(file: str, name: str, raw: Any, operations: dict[str, Operation]) -> Waiter:
    def refuse(problem: str) -> ModelError:
        return ModelError(file, name, problem, what="waiter")

    if not isinstance(raw, dict):
        raise refuse("is not an object")
    op = raw.get("operation")
    if not isinstance(op, str):
        raise refuse("has no operation")
    if op not in operations:
        raise refuse(f"operation {op} is not in the model")
    numbers = {}
    for key, least in (("delay", 0), ("maxAttempts", 1)):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise refuse(f"{key} {value!r} is not an integer of at least {least}")
        numbers[key] = value
    acceptors = raw.get("acceptors")
    if not isinstance(acceptors, list) or not acceptors:
        raise refuse("has no acceptors")
    description = raw.get("description", "")
    return Waiter(name=name, operation=op, delay=numbers["delay"], max_attempts=numbers["maxAttempts"],
                  acceptors=tuple(_acceptor(file, name, n, a) for n, a in enumerate(acceptors)),
                  description=description if isinstance(description, str) else "")


def load_waiters(path: str | Path, operations: dict[str, Operation]) -> dict[str, Waiter]:
    """The waiters of a waiters-2.json, each checked against the model's operations."""
    file = str(path)
    doc = _read_json(Path(path))
    if not isinstance(doc, dict) or not isinstance(doc.get("waiters"), dict):
        raise ModelError(file, None, "no waiters object: not a botocore waiters file")
    if doc.get("version") != 2:
        raise ModelError(file, None, f"unsupported waiters version {doc.get('version')!r}: awsq reads version 2")
    return {name: _waiter(file, name, raw, operations) for name, raw in doc["waiters"].items()}


def service_name_of(path: Path) -> str:
    """botocore's layout is <service>/<api-version>/service-2.json: the service is two folders up."""
    return path.resolve().parent.parent.name


def load_model(path: str | Path, paginators: str | Path | None = None,
               service: str | None = None, waiters: str | Path | None = None) -> Model:
    path = Path(path)
    file = str(path)
    doc = _read_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("metadata"), dict):
        raise ModelError(file, None, "no metadata object: not a botocore service model")
    meta = doc["metadata"]
    protocols = meta.get("protocols") or [meta.get("protocol")]
    if "query" not in protocols:
        raise ModelError(file, None, f"unsupported protocol {meta.get('protocol')!r}: awsq speaks query")
    for key in ("apiVersion", "endpointPrefix"):
        if not isinstance(meta.get(key), str):
            raise ModelError(file, None, f"metadata has no {key}")
    metadata = Metadata(
        api_version=meta["apiVersion"],
        endpoint_prefix=meta["endpointPrefix"],
        protocol="query",
        service_id=meta.get("serviceId", ""),
        signature_version=meta.get("signatureVersion", "v4"),
        signing_name=meta.get("signingName", meta["endpointPrefix"]),
        xml_namespace=meta.get("xmlNamespace", ""),
    )
    raw_shapes = doc.get("shapes", {})
    shapes = {n: _shape(file, n, r, raw_shapes) for n, r in raw_shapes.items()}
    operations = {n: _operation(file, n, r) for n, r in doc.get("operations", {}).items()}

    if paginators is None:
        candidate = path.parent / "paginators-1.json"
        paginators = candidate if candidate.exists() else None
    pages: dict[str, Paginator] = {}
    if paginators is not None:
        raw_pages = _read_json(Path(paginators))
        pagination = raw_pages.get("pagination", {}) if isinstance(raw_pages, dict) else None
        if not isinstance(pagination, dict):
            raise ModelError(str(paginators), None, "no pagination object: not a botocore paginators file")
        pages = {op: _paginator(str(paginators), op, raw) for op, raw in pagination.items()}
        for op in pages:
            if op not in operations:
                raise ModelError(str(paginators), op, "paginator of an operation the model does not have")

    if waiters is None:
        candidate = path.parent / "waiters-2.json"
        waiters = candidate if candidate.exists() else None
    waits = load_waiters(waiters, operations) if waiters is not None else {}
    return Model(
        file=file,
        service=service or service_name_of(path),
        metadata=metadata,
        operations=operations,
        shapes=shapes,
        paginators=pages,
        documentation=doc.get("documentation", ""),
        paginators_file=str(paginators) if paginators is not None else "",
        waiters=waits,
        waiters_file=str(waiters) if waiters is not None else "",
    )
