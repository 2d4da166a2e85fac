#!/usr/bin/env python3
"""botocore as the reference ("oracle") for awsq's differential tests.

Usage (each reads JSON Lines on stdin and writes one line per input line;
blank input lines are skipped)::

    oracle.py serialize --model PATH --operation OP
    oracle.py parse     --model PATH --operation OP [--insertion-order]
    oracle.py validate  --model PATH --operation OP

PATH is a botocore-format ``service-2.json`` or ``service-2.json.gz``.  The
model is loaded once per process, so piping hundreds of lines is cheap.

serialize
    Input: one JSON object per line, the request parameters exactly as boto3
    keyword arguments (member names as keys, lists as arrays, enum values as
    strings).  Before serializing, the input is walked along the operation's
    input shape: strings in timestamp members are turned into aware
    ``datetime`` objects (``datetime.fromisoformat``, e.g.
    ``2024-03-01T12:34:56Z`` or ``2024-03-01T12:34:56.123456Z``; a string it
    cannot read is passed on to botocore unchanged), JSON integers in
    float/double members become Python floats, and blob members may be given
    as strings (botocore encodes them as UTF-8 before base64).
    Output: the form-encoded request body exactly as botocore sends it: the
    dict from ``QuerySerializer.serialize_to_request`` run through
    botocore's own ``prepare_request_dict`` / ``create_request_object`` /
    ``AWSRequest.prepare()``.  If botocore raises, the line is
    ``EXCEPTION <Type>: <message>`` (in the message ``\\`` is doubled and
    CR/LF are written as ``\\r``/``\\n``); a real body always starts with
    ``Action=``.
    ``--check-encoder`` additionally re-encodes the body dict with
    ``form_encode`` below (our statement of the rules) and exits 1 on the
    first difference.

    The body rules, as found in botocore (see ``form_encode``): pairs in the
    serializer's dict order (Action, Version, then members in the order of
    the *caller's* dict, depth first); ``key=value`` joined by ``&``; keys
    and values UTF-8 encoded, then every byte except ``A-Z a-z 0-9 - _ . ~``
    percent-encoded as ``%XX`` (upper-case hex), except space, which becomes
    ``+``; integers and floats are written with Python's ``str()`` (floats
    thus as repr: ``0.1``, ``3.0``, ``1e-05``, ``1e+16``), booleans as
    ``true``/``false``, timestamps as ``%Y-%m-%dT%H:%M:%SZ`` or, when the
    microsecond is non-zero, ``%Y-%m-%dT%H:%M:%S.%fZ`` (6 digits) in UTC;
    an empty list is sent as ``Prefix=`` (key, empty value).

parse
    Input: one JSON object per line, ``{"status": int, "body": "<xml>"}``.
    The body is UTF-8 encoded and given to ``QueryParser.parse`` as
    ``{'status_code': status, 'headers': {}, 'body': bytes}`` with the
    operation's output shape.  As botocore's client does, for status >= 300
    the fields of the modeled error shape whose code matches
    ``Error.Code`` (if any) are then parsed and merged in.
    Output: one JSON object per line, the parsed dict, with:

    * ``datetime`` as an ISO 8601 UTC string: converted to UTC (a timestamp
      that had no zone is taken as UTC), then
      ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (exactly 6 fraction digits) when the
      microsecond is non-zero, else ``YYYY-MM-DDTHH:MM:SSZ``; the year is
      always 4 digits, zero padded;
    * ``bytes`` as standard base64 with padding;
    * float NaN/Infinity/-Infinity as the strings ``"NaN"``, ``"Infinity"``,
      ``"-Infinity"``; other floats as Python's repr (``json.dumps``);
    * error responses in botocore's form ``{"Error": {...},
      "ResponseMetadata": {...}}`` (an empty XML element there, e.g.
      ``<Message/>``, is ``null``);
    * ``ResponseMetadata`` always carries ``HTTPStatusCode`` and
      ``"HTTPHeaders": {}``;
    * if botocore raises: ``{"exception": "<Type>: <message>"}``.

    JSON formatting: ``json.dumps(obj, ensure_ascii=False,
    separators=(',', ':'), sort_keys=True)``: compact, keys sorted by code
    point, non-ASCII written raw as UTF-8, only ``"`` ``\\`` and control
    characters escaped (``\\n \\r \\t \\b \\f``, others as ``\\u00XX``).
    ``--insertion-order`` keeps botocore's dict order instead of sorting
    (model member order, then ResponseMetadata).

validate
    Input: as for serialize (same conversions).  Output:
    ``{"errors": [...]}`` holding botocore ``ParamValidator``'s report
    lines, one per problem (an empty list when botocore accepts the input).
    botocore only checks types, required members and ``min`` (length or
    value); it ignores ``max``, ``enum`` and ``pattern``.
"""

import os
import time

# The timestamp parser (dateutil) consults the local zone; pin it.
os.environ['TZ'] = 'UTC'
time.tzset()

import argparse  # noqa: E402
import base64  # noqa: E402
import datetime  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from botocore.awsrequest import (  # noqa: E402
    create_request_object,
    prepare_request_dict,
)
from botocore.model import ServiceModel  # noqa: E402
from botocore.parsers import create_parser  # noqa: E402
from botocore.serialize import create_serializer  # noqa: E402
from botocore.validate import ParamValidator  # noqa: E402

from modelio import (  # noqa: E402
    dump_line,
    find_operation,
    load_model,
    read_jsonl,
    setup_stdio,
)

ENDPOINT_URL = 'https://example.amazonaws.com'
UTC = datetime.timezone.utc

# ------------------------------------------------------------ form bodies

_UNRESERVED = frozenset(
    b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'
)


def _form_escape(value):
    if isinstance(value, bytes):
        raw = value
    elif isinstance(value, str):
        raw = value.encode('utf-8')
    else:
        raw = str(value).encode('utf-8')
    out = []
    for byte in raw:
        if byte in _UNRESERVED:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append('+')
        else:
            out.append('%%%02X' % byte)
    return ''.join(out)


def form_encode(params):
    """Our own statement of how botocore form-encodes a query body dict
    (application/x-www-form-urlencoded): see the module docstring."""
    return '&'.join(
        _form_escape(k) + '=' + _form_escape(v) for k, v in params.items()
    )


def botocore_body(request_dict):
    """The body bytes botocore's HTTP layer would send for ``request_dict``
    (the serializer's output), built through botocore's own machinery."""
    prepare_request_dict(request_dict, endpoint_url=ENDPOINT_URL)
    prepared = create_request_object(request_dict).prepare()
    body = prepared.body
    if isinstance(body, bytes):
        body = body.decode('utf-8')
    return body


# ------------------------------------------------------- input conversion

def _to_datetime(text):
    try:
        dt = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text  # let botocore try (and maybe fail) on its own
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


def convert_input(value, shape):
    """Walk ``value`` along ``shape``; see the module docstring."""
    if shape is None:
        return value
    t = shape.type_name
    if t == 'structure' and isinstance(value, dict):
        members = shape.members
        return {
            k: convert_input(v, members[k]) if k in members else v
            for k, v in value.items()
        }
    if t == 'list' and isinstance(value, list):
        return [convert_input(v, shape.member) for v in value]
    if t == 'map' and isinstance(value, dict):
        return {k: convert_input(v, shape.value) for k, v in value.items()}
    if t == 'timestamp' and isinstance(value, str):
        return _to_datetime(value)
    if (t in ('float', 'double') and isinstance(value, int)
            and not isinstance(value, bool)):
        return float(value)
    return value


# ------------------------------------------------------ output conversion

def format_timestamp(dt):
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    else:
        dt = dt.astimezone(UTC)
    s = '%04d-%02d-%02dT%02d:%02d:%02d' % (
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)
    if dt.microsecond:
        s += '.%06d' % dt.microsecond
    return s + 'Z'


def jsonable(value):
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime.datetime):
        return format_timestamp(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode('ascii')
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return 'NaN'
        return 'Infinity' if value > 0 else '-Infinity'
    return value


def describe_exception(exc):
    return f'{type(exc).__name__}: {exc}'


# ------------------------------------------------------------------ oracle

class Oracle:
    def __init__(self, model_path, operation, service_model=None):
        if service_model is None:  # one ServiceModel can serve every operation
            doc = load_model(model_path)
            find_operation(doc, operation)
            service_model = ServiceModel(doc)
        self.service_model = service_model
        self.op = self.service_model.operation_model(operation)
        # awsq speaks query; botocore would pick the first protocol it knows of `protocols`
        # (CloudWatch lists smithy-rpc-v2-cbor and json before query).
        protocol = 'query'
        self.serializer = create_serializer(protocol, include_validation=False)
        self.parser = create_parser(protocol)
        self.validator = ParamValidator()

    def serialize(self, params, check_encoder=False):
        params = convert_input(params, self.op.input_shape)
        request_dict = self.serializer.serialize_to_request(params, self.op)
        body_dict = dict(request_dict['body'])
        body = botocore_body(request_dict)
        if check_encoder:
            ours = form_encode(body_dict)
            if ours != body:
                raise AssertionError(
                    f'form_encode differs from botocore:\n  botocore: {body}'
                    f'\n  ours:     {ours}')
        return body

    def parse(self, status, body):
        if isinstance(body, str):
            body = body.encode('utf-8')
        response = {'status_code': status, 'headers': {}, 'body': body}
        parsed = self.parser.parse(response, self.op.output_shape)
        if status >= 300:
            # what botocore.endpoint.Endpoint._add_modeled_error_fields does
            code = parsed.get('Error', {}).get('Code')
            if code is not None:
                shape = self.service_model.shape_for_error_code(code)
                if shape is not None:
                    parsed.update(self.parser.parse(response, shape))
        return parsed

    def validate(self, params):
        if self.op.input_shape is None:
            return []  # botocore skips validation for input-less operations
        params = convert_input(params, self.op.input_shape)
        report = self.validator.validate(params, self.op.input_shape)
        try:
            return [report._format_error(e) for e in report._errors]
        except AttributeError:  # private API moved: fall back to the text
            text = report.generate_report()
            return text.split('\n') if text else []


def main(argv=None):
    ap = argparse.ArgumentParser(
        description='botocore oracle for awsq differential tests')
    ap.add_argument('command', choices=['serialize', 'parse', 'validate'])
    ap.add_argument('--model', required=True,
                    help='path to service-2.json or service-2.json.gz')
    ap.add_argument('--operation', required=True)
    ap.add_argument('--insertion-order', action='store_true',
                    help='parse: keep botocore dict order, do not sort keys')
    ap.add_argument('--check-encoder', action='store_true',
                    help='serialize: also check form_encode() == botocore')
    args = ap.parse_args(argv)

    setup_stdio()
    oracle = Oracle(args.model, args.operation)
    sort_keys = not args.insertion_order
    write = sys.stdout.write
    flush = sys.stdout.flush
    for lineno, item in read_jsonl(sys.stdin):
        if args.command == 'serialize':
            try:
                line = oracle.serialize(item, args.check_encoder)
            except AssertionError as e:
                sys.stderr.write(f'line {lineno}: {e}\n')
                sys.exit(1)
            except Exception as e:  # noqa: BLE001 - reported per line
                line = 'EXCEPTION ' + describe_exception(e).replace(
                    '\\', '\\\\').replace('\n', '\\n').replace('\r', '\\r')
        elif args.command == 'parse':
            try:
                parsed = jsonable(oracle.parse(item['status'], item['body']))
                line = dump_line(parsed, sort_keys=sort_keys)
            except Exception as e:  # noqa: BLE001
                line = dump_line({'exception': describe_exception(e)})
        else:
            try:
                result = {'errors': oracle.validate(item)}
            except Exception as e:  # noqa: BLE001
                result = {'exception': describe_exception(e)}
            line = dump_line(result, sort_keys=sort_keys)
        write(line + '\n')
        flush()  # usable as a co-process: one line in, one line out


if __name__ == '__main__':
    main()
