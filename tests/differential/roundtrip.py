#!/usr/bin/env python3
"""Seeded round trips of every operation of a service, awsq against botocore, in one process each side.

    roundtrip.py --driver PATH --model PATH [--service NAME] [--operation OP ...] [--seed N] [--count K]

The driver is tests/differential/service_driver.cpp compiled for the service (compile_all.py does it
for the `models-all` test). For each operation, with generate.py's generators seeded as its command
line seeds them (so `generate.py requests --seed N --count K` reproduces one operation's inputs):

* requests: K valid requests, canonical as compare_query.py makes them, serialized by botocore
  (oracle.py's Oracle) and by awsq (from_json + to_query); the bodies must be identical, or both refused;
* responses: K successful responses and K // 4 error responses, parsed by botocore and by awsq
  (parse_response + to_json); the JSON must agree field by field, as compare_xml.py compares it.

Exit status 1 on any difference; the first few are printed with the input and a reproducer.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from botocore.model import ServiceModel  # noqa: E402

from compare_query import canonical, first_difference  # noqa: E402
from compare_xml import differences, normalise  # noqa: E402
from generate import RequestGenerator, ResponseGenerator, record_mode  # noqa: E402
from modelio import dump_line, load_model  # noqa: E402
from oracle import Oracle, describe_exception, jsonable  # noqa: E402

SHOWN = 3  # differences printed in full per service


def requests_for(doc, name, seed, count):
    """generate.py requests --seed seed --count count, as decoded JSON."""
    gen = RequestGenerator(doc, random.Random(seed))
    shape = doc['operations'][name].get('input', {}).get('shape')
    return [json.loads(dump_line(gen.record(shape, record_mode(i)))) for i in range(count)]


def responses_for(doc, name, seed, count, errors):
    """generate.py responses (then errors, a generator of their own) with the same seed, as JSON lines."""
    op = dict(doc['operations'][name], name=name)
    gen = ResponseGenerator(doc, random.Random(seed))
    lines = [dump_line(gen.response(op, record_mode(i))) for i in range(count)]
    gen = ResponseGenerator(doc, random.Random(seed))
    return lines + [dump_line(gen.error(op)) for _ in range(errors)]


def botocore_body(oracle, request):
    try:
        return oracle.serialize(request)
    except Exception as e:  # noqa: BLE001 - a refusal, compared as one
        return 'EXCEPTION ' + describe_exception(e)


def botocore_parse(oracle, line):
    item = json.loads(line)
    try:
        return jsonable(oracle.parse(item['status'], item['body']))
    except Exception as e:  # noqa: BLE001
        return {'exception': describe_exception(e)}


def run_driver(driver, lines):
    proc = subprocess.run([driver], input=''.join(line + '\n' for line in lines), capture_output=True,
                          encoding='utf-8', check=False)
    out = proc.stdout.split('\n')[:-1]
    if proc.returncode != 0 or len(out) != len(lines):
        sys.exit(f'roundtrip: {driver} failed ({proc.returncode}, {len(out)} of {len(lines)} lines):\n'
                 f'{proc.stderr[-3000:]}')
    return out


def run(driver, model, service, operations, seed, count, out=None):
    """Compares every operation, printing the first differences to `out` (default stdout); returns
    (ok, summary line)."""
    def say(*text):
        print(*text, file=out or sys.stdout)

    start = time.monotonic()
    doc = load_model(model)
    service_model = ServiceModel(doc, service)
    names = operations or sorted(doc['operations'])
    shapes = doc['shapes']

    cases = []  # (kind, operation, botocore's view of the input, awsq's line)
    for name in names:
        input_shape = doc['operations'][name].get('input', {}).get('shape')
        for r in requests_for(doc, name, seed, count):
            theirs = canonical(r, input_shape, shapes, False) if input_shape else r
            ours = canonical(r, input_shape, shapes, True) if input_shape else r
            cases.append(('query', name, theirs, f'query {name} {dump_line(ours)}'))
        for line in responses_for(doc, name, seed, count, max(1, count // 4)):
            cases.append(('parse', name, line, f'parse {name} {line}'))

    answers = run_driver(driver, [line for *_, line in cases])
    oracles = {}
    failures, shown, failed_ops = 0, 0, set()
    for (kind, name, theirs, ours_line), ours in zip(cases, answers):
        oracle = oracles.get(name) or oracles.setdefault(name, Oracle(None, name, service_model))
        if kind == 'query':
            expected = botocore_body(oracle, theirs)
            refused = expected.startswith('EXCEPTION ') and ours.startswith('ERROR ')
            diffs = [] if expected == ours or refused else [('body', ours, expected)]
        else:
            diffs = differences(*normalise(json.loads(ours), botocore_parse(oracle, theirs)))
        if not diffs:
            continue
        failures += 1
        failed_ops.add(name)
        if shown < SHOWN:
            shown += 1
            say(f'--- {service} {name} {kind}: awsq and botocore differ')
            if kind == 'query':
                say(f'  request:  {dump_line(theirs)[:2000]}\n  botocore: {diffs[0][2]}\n  awsq:     {ours}\n'
                    f'  first difference at {first_difference(diffs[0][2], ours)}')
            else:
                for path, x, y in diffs[:12]:
                    say(f'  {path}\n    awsq:     {json.dumps(x, ensure_ascii=False)[:300]}'
                        f'\n    botocore: {json.dumps(y, ensure_ascii=False)[:300]}')
                say(f'  input: {theirs[:2000]}')
            say(f'  reproduce: python3 {os.path.relpath(__file__)} --driver {driver} --model {model} '
                f'--service {service} --operation {name} --seed {seed} --count {count}')
    summary = (f'{service}: {len(names)} operations x {count} requests, {count} responses, '
               f'{max(1, count // 4)} errors (seed {seed}): {len(cases) - failures}/{len(cases)} agree'
               + (f'; differences in {", ".join(sorted(failed_ops))}' if failed_ops else '')
               + f' ({time.monotonic() - start:.1f} s)')
    return not failures, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--driver', required=True, help='service_driver.cpp compiled for the service')
    ap.add_argument('--model', required=True, help="the service's service-2.json(.gz)")
    ap.add_argument('--service', help="botocore's name for the service (default: the model's folder)")
    ap.add_argument('--operation', action='append', help='only this operation (repeatable)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=20)
    args = ap.parse_args()
    service = args.service or os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(args.model))))
    ok, summary = run(args.driver, args.model, service, args.operation, args.seed, args.count)
    print(summary)
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
