#!/usr/bin/env python3
"""Differential test of awsq's response reader against botocore's QueryParser.

    compare_xml.py --driver PATH --model PATH --operation OP [--seed N] [--count K] [--errors K] [--mutants K]

Three sets of inputs, all seeded and reproducible:

* ``responses``: generate.py's random successful responses (every member, entities, CDATA,
  unknown elements, unknown enum values, empty and absent lists, 0/1/many records);
* ``errors``: generate.py's error responses (modeled and generic codes, HTML and empty 5xx);
* ``mutants``: the responses broken on purpose (truncated, an undefined entity, a bare '&', a
  stray control character, a second root, a wrong root element, a bad number or timestamp);
  these must be refused by both, or read identically by both.

Each line goes through oracle.py (botocore) and the awsq driver; the two JSON answers must agree
field by field: a parsed response exactly (floats as numbers, timestamps as UTC text); an error
in Code, Message (an empty or absent <Message> is ""), Type, RequestId, the HTTP status and the
modeled error's members; a refusal ({"exception": ...}) only in being a refusal. Differences are
printed as a list of paths with both values, and the input body. Exit status 1 on any difference.
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Where awsq deliberately reads differently from botocore; a mutant of these kinds is checked
# only for awsq's refusal.
AWSQ_STRICTER = {
    'bad-boolean': 'botocore reads anything but "true" as False; awsq refuses it',
}


def run(cmd, lines):
    """Runs cmd with the JSON lines on stdin; returns one decoded JSON value per line."""
    proc = subprocess.run(cmd, input=''.join(line + '\n' for line in lines), capture_output=True,
                          text=True, encoding='utf-8')
    if proc.returncode != 0:
        sys.exit(f'error: {" ".join(cmd)} failed ({proc.returncode}):\n{proc.stderr}')
    out = [json.loads(line) for line in proc.stdout.split('\n') if line.strip()]
    if len(out) != len(lines):
        sys.exit(f'error: {" ".join(cmd)} answered {len(out)} lines for {len(lines)}')
    return out


def generate(kind, args, count):
    cmd = [sys.executable, os.path.join(HERE, 'generate.py'), kind, '--model', args.model,
           '--operation', args.operation, '--seed', str(args.seed), '--count', str(count)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding='utf-8', check=True)
    return [line for line in proc.stdout.split('\n') if line.strip()]


# ------------------------------------------------------------------ mutants

def mutants(lines, count, seed):
    """(kind, line) pairs: responses broken in one way each."""
    rng = random.Random(seed)
    out = []
    kinds = ['truncated', 'undefined-entity', 'bare-ampersand', 'control-character', 'second-root',
             'wrong-root', 'bad-integer', 'bad-timestamp', 'bad-reference', 'bad-boolean']
    for i in range(count):
        record = json.loads(lines[i % len(lines)])
        body = record['body']
        kind = kinds[i % len(kinds)]
        text_at = [k for k in range(1, len(body)) if body[k - 1] == '>' and body[k] not in '<\r\n\t ']
        if kind == 'truncated':
            body = body[:rng.randrange(1, max(2, len(body.rstrip()) - 1))]
        elif kind in ('undefined-entity', 'bare-ampersand', 'control-character', 'bad-reference'):
            insert = {'undefined-entity': '&nbsp;', 'bare-ampersand': 'a & b',
                      'control-character': '\x01', 'bad-reference': '&#0;'}[kind]
            if not text_at:
                continue
            at = rng.choice(text_at)
            body = body[:at] + insert + body[at:]
        elif kind == 'second-root':
            body = body.rstrip() + '<Extra/>'
        elif kind == 'wrong-root':
            root = body[body.find('<', body.find('?>') + 1) + 1:].split(' ', 1)[0].split('>', 1)[0]
            body = body.replace('<' + root, '<Other').replace('</' + root, '</Other')
        else:
            tag = {'bad-integer': ('<PercentProgress>', '<ProgressInMegaBytes>', '<Count>'),
                   'bad-timestamp': ('<SnapshotTime>', '<RequestTime>', '<Created>'),
                   'bad-boolean': ('<Enabled>',)}[kind]
            at = [body.find(t) + len(t) for t in tag if body.find(t) >= 0]
            if not at:
                continue
            junk = {'bad-integer': '12x', 'bad-timestamp': '2024-13-45T99:00:00Z', 'bad-boolean': 'yes'}[kind]
            end = body.find('<', at[0])
            body = body[:at[0]] + junk + body[end:]
        out.append((kind, json.dumps({'status': record['status'], 'body': body}, ensure_ascii=False)))
    return out


# ---------------------------------------------------------------- comparing

def numbers_equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            return float(a) == float(b) or (math.isnan(float(a)) and math.isnan(float(b)))
        return a == b
    return None


def differences(ours, theirs, path=''):
    """Paths where two JSON values differ, with both values."""
    equal = numbers_equal(ours, theirs)
    if equal is not None:
        return [] if equal else [(path or '.', ours, theirs)]
    if isinstance(ours, dict) and isinstance(theirs, dict):
        out = []
        for key in sorted(set(ours) | set(theirs)):
            if key not in ours:
                out.append((f'{path}.{key}', '<absent>', theirs[key]))
            elif key not in theirs:
                out.append((f'{path}.{key}', ours[key], '<absent>'))
            else:
                out += differences(ours[key], theirs[key], f'{path}.{key}')
        return out
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [(path, f'{len(ours)} items', f'{len(theirs)} items')]
        out = []
        for i, (a, b) in enumerate(zip(ours, theirs)):
            out += differences(a, b, f'{path}[{i}]')
        return out
    return [] if ours == theirs else [(path or '.', ours, theirs)]


def normalise(ours, theirs):
    """What the two sides are compared on (see the module docstring)."""
    ours, theirs = json.loads(json.dumps(ours)), json.loads(json.dumps(theirs))
    if 'exception' in ours or 'exception' in theirs:
        return ({'refused': 'exception' in ours}, {'refused': 'exception' in theirs})
    service_error = ours.pop('awsq', None) is not None  # not an output member named Error (IAM has one)
    meta = theirs.setdefault('ResponseMetadata', {})
    meta.pop('HTTPHeaders', None)
    meta.setdefault('RequestId', '')
    if service_error and 'Error' in theirs:
        error = theirs['Error']
        theirs['Error'] = {k: error.get(k) or '' for k in ('Code', 'Message', 'Type')}
    return ours, theirs


def compare(name, lines, ours, theirs, stricter=None):
    failures = 0
    for i, (line, a, b) in enumerate(zip(lines, ours, theirs)):
        if stricter and stricter[i] in AWSQ_STRICTER:
            diffs = [] if 'exception' in a else [('.', a, 'awsq must refuse: ' + AWSQ_STRICTER[stricter[i]])]
        else:
            diffs = differences(*normalise(a, b))
        if not diffs:
            continue
        failures += 1
        if failures <= 5:
            label = f' ({stricter[i]})' if stricter else ''
            print(f'--- {name} #{i}{label}: awsq and botocore differ')
            for path, x, y in diffs[:12]:
                print(f'  {path}\n    awsq:     {json.dumps(x, ensure_ascii=False)[:300]}'
                      f'\n    botocore: {json.dumps(y, ensure_ascii=False)[:300]}')
            print('  input: ' + line[:2000])
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--driver', required=True, help='the awsq_xml_driver executable')
    ap.add_argument('--model', required=True, help='botocore-format service-2.json')
    ap.add_argument('--operation', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=300, help='successful responses')
    ap.add_argument('--errors', type=int, default=200, help='error responses')
    ap.add_argument('--mutants', type=int, default=100, help='broken responses')
    args = ap.parse_args()

    # botocore's layout: <service>/<api-version>/service-2.json
    service = os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(args.model))))
    driver = [args.driver, '--service', service, '--operation', args.operation]
    oracle = [sys.executable, os.path.join(HERE, 'oracle.py'), 'parse', '--model', args.model,
              '--operation', args.operation]

    responses = generate('responses', args, args.count)
    errors = generate('errors', args, args.errors)
    broken = mutants(responses, args.mutants, args.seed)
    sets = [('responses', responses, None), ('errors', errors, None),
            ('mutants', [line for _, line in broken], [kind for kind, _ in broken])]
    failures = 0
    summary = []
    for name, lines, kinds in sets:
        if not lines:
            continue
        ours, theirs = run(driver, lines), run(oracle, lines)
        failed = compare(name, lines, ours, theirs, kinds)
        refused = sum('exception' in a for a in ours)
        summary.append(f'{name}: {len(lines) - failed}/{len(lines)} agree ({refused} refused by awsq)')
        failures += failed
    print(f'{service} {args.operation} (seed {args.seed}): ' + '; '.join(summary))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
