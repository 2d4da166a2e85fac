#!/usr/bin/env python3
"""Differential test of awsq's request side: awsq::to_query against botocore, byte for byte.

Usage::

    compare_query.py --driver PATH/awsq_query_driver [--seed N] [--count K]
                     [--case SERVICE:OPERATION ...]

For each case, ``generate.py requests`` makes K seeded valid requests; each is made
canonical (below) and serialized by botocore (``oracle.py serialize``) and by awsq
(the driver); the bodies must be identical. Exit status 0 when every body matches,
1 otherwise, with the first differences explained.

Canonical input, where a C++ type cannot hold what the JSON says:

* map keys sorted by code point: botocore keeps the caller's dict order, a
  ``std::map`` sorts by bytes (the same order for UTF-8);
* values of 32-bit ``float`` members rounded to the nearest float and written with
  that float's shortest digits, which is what a C++ float holds and prints.

The driver gets blob members as base64 (``awsq::from_json`` reads blobs as boto3
prints them); botocore gets the text, which it encodes as UTF-8 before base64.
"""

import argparse
import base64
import glob
import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from modelio import dump_line, load_model  # noqa: E402

DEFAULT_CASES = [
    'rds:DescribeExportTasks',
    'redshift:DescribeTableRestoreStatus',
    'querytest:PutThings',
    'querytest:Ping',
]
SHOWN = 5  # mismatches explained in full


def model_path(service):
    """The newest model of `service` under models/ or tests/models/."""
    found = []
    for base in (os.path.join(ROOT, 'models'), os.path.join(HERE, '..', 'models')):
        found += glob.glob(os.path.join(base, service, '*', 'service-2.json'))
    if not found:
        sys.exit(f'compare_query: no model for service {service!r}')
    return os.path.normpath(sorted(found)[-1])


def shortest_float32(value):
    """The float nearest `value`, as the double of its shortest decimal digits."""
    pack = struct.Struct('<f')
    try:
        target = pack.unpack(pack.pack(value))[0]
    except OverflowError:
        return value
    for digits in range(1, 10):
        candidate = float('%.*g' % (digits, target))
        if pack.unpack(pack.pack(candidate))[0] == target:
            return candidate
    return target


def canonical(value, shape_name, shapes, for_awsq):
    """`value` walked along its shape; see the module docstring."""
    shape = shapes[shape_name]
    kind = shape['type']
    if kind == 'structure' and isinstance(value, dict):
        members = shape.get('members', {})
        return {k: canonical(v, members[k]['shape'], shapes, for_awsq) if k in members else v
                for k, v in value.items()}
    if kind == 'list' and isinstance(value, list):
        return [canonical(v, shape['member']['shape'], shapes, for_awsq) for v in value]
    if kind == 'map' and isinstance(value, dict):
        return {k: canonical(value[k], shape['value']['shape'], shapes, for_awsq) for k in sorted(value)}
    if kind == 'float' and isinstance(value, (int, float)) and not isinstance(value, bool):
        return shortest_float32(float(value))
    if kind == 'blob' and isinstance(value, str) and for_awsq:
        return base64.b64encode(value.encode('utf-8')).decode('ascii')
    return value


def run(command, lines):
    """Runs `command` with `lines` on stdin; its stdout lines."""
    proc = subprocess.run(command, input='\n'.join(lines) + '\n', capture_output=True,
                          encoding='utf-8', check=False)
    if proc.returncode != 0:
        sys.exit(f'compare_query: {" ".join(command)} failed ({proc.returncode}):\n{proc.stderr}')
    return proc.stdout.split('\n')[:-1]


def first_difference(expected, actual):
    a, b = expected.split('&'), actual.split('&')
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f'pair {i + 1}: botocore {x!r}, awsq {y!r}'
    if len(a) != len(b):
        longer, who = (a, 'botocore') if len(a) > len(b) else (b, 'awsq')
        return f'{who} has more pairs, from {longer[min(len(a), len(b))]!r}'
    return 'none'


def compare(case, driver, seed, count):
    service, operation = case.split(':')
    model = model_path(service)
    doc = load_model(model)
    shapes = doc['shapes']
    input_shape = doc['operations'][operation].get('input', {}).get('shape')

    generated = run([sys.executable, os.path.join(HERE, 'generate.py'), 'requests', '--model', model,
                     '--operation', operation, '--seed', str(seed), '--count', str(count)], [])
    requests = [json.loads(line) for line in generated if line.strip()]
    for_botocore, for_awsq = [], []
    for r in requests:
        for_botocore.append(dump_line(canonical(r, input_shape, shapes, False) if input_shape else r))
        for_awsq.append(dump_line(canonical(r, input_shape, shapes, True) if input_shape else r))

    expected = run([sys.executable, os.path.join(HERE, 'oracle.py'), 'serialize', '--model', model,
                    '--operation', operation], for_botocore)
    actual = run([driver, service, operation], for_awsq)
    if len(expected) != len(requests) or len(actual) != len(requests):
        print(f'{case}: {len(requests)} requests, but botocore wrote {len(expected)} bodies '
              f'and awsq {len(actual)}')
        return False

    mismatches = [i for i, (e, a) in enumerate(zip(expected, actual)) if e != a]
    utf8 = sum(1 for e in expected if '%C' in e or '%E' in e or '%F' in e)
    empty = sum(1 for e in expected if '=&' in e or e.endswith('='))
    print(f'{case}: {len(requests)} requests (seed {seed}), {len(requests) - len(mismatches)} identical '
          f'bodies; {utf8} with non-ASCII text, {empty} with an empty value')
    for i in mismatches[:SHOWN]:
        print(f'\n  record {i}: {for_botocore[i]}')
        if for_awsq[i] != for_botocore[i]:
            print(f'  (awsq read: {for_awsq[i]})')
        print(f'  botocore: {expected[i]}')
        print(f'  awsq:     {actual[i]}')
        print(f'  first difference at {first_difference(expected[i], actual[i])}')
    if len(mismatches) > SHOWN:
        print(f'\n  ... and {len(mismatches) - SHOWN} more mismatches')
    return not mismatches


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--driver', required=True, help='path to the awsq_query_driver executable')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=400)
    ap.add_argument('--case', action='append', help='SERVICE:OPERATION (repeatable)')
    args = ap.parse_args()
    ok = True
    for case in args.case or DEFAULT_CASES:
        ok = compare(case, args.driver, args.seed, args.count) and ok
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
