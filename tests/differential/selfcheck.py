#!/usr/bin/env python3
"""Cross-checks for the differential-test tools themselves (not for awsq).

    selfcheck.py [--count N] [--seed S] [MODEL:OPERATION ...]

For each model/operation (default: RDS DescribeExportTasks and Redshift
DescribeTableRestoreStatus from /work/main/models when present and from
botocore's installed data, plus a few other installed query operations that
use maps, blobs, floats, timestamps and flattened lists):

1. generated requests are accepted by botocore's ParamValidator, and the
   ``oracle.py serialize`` body equals (a) our own ``form_encode`` of the
   serializer's dict and (b) the body botocore's full client stack sends
   (``session.create_client(...)`` with a ``before-send`` hook that captures
   ``request.body`` and answers with a fake response);
2. ``oracle.py parse`` of generated responses and errors equals what the
   client returns (or raises as ClientError) for the same fake HTTP
   response, after dropping ``RetryAttempts`` and the response headers;
3. the generators are deterministic and the CLIs give identical output on
   two runs; timing for a few hundred lines is printed;
4. with ``--broad``: every operation of every installed query-protocol
   model gets generated requests that botocore's validator accepts and
   responses/errors that botocore parses without raising.

Exits non-zero on the first kind of mismatch, printing examples.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import oracle as oracle_mod  # noqa: E402  (pins TZ=UTC first)
import botocore.session  # noqa: E402
from botocore.awsrequest import AWSResponse, HeadersDict  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from botocore import xform_name  # noqa: E402

import generate  # noqa: E402
from modelio import load_model  # noqa: E402

BOTO_DATA = os.path.join(os.path.dirname(botocore.__file__), 'data')
REPO_MODELS = os.path.abspath(os.path.join(HERE, '..', '..', 'models'))

DEFAULT_SUITE = [
    ('rds/2014-10-31', 'DescribeExportTasks'),
    ('redshift/2012-12-01', 'DescribeTableRestoreStatus'),
]
EXTRA_SUITE = [  # installed models only: broader shape coverage
    ('sns/2010-03-31', 'Publish'),               # map of structs, blob
    ('sns/2010-03-31', 'GetTopicAttributes'),    # map output
    ('rds/2014-10-31', 'DescribeEvents'),        # timestamp input
    ('autoscaling/2011-01-01', 'PutScalingPolicy'),  # doubles, nesting
    ('sdb/2009-04-15', 'Select'),                # flattened lists
    # (not iam GetAccountAuthorizationDetails: a client handler JSON-decodes
    #  policy documents after parsing, which the bare parser does not do)
    ('iam/2010-05-08', 'ListUsers'),
    ('cloudformation/2010-05-15', 'DescribeStacks'),
]


class FakeRaw:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data


class ClientHarness:
    """botocore's whole client stack with the network replaced."""

    def __init__(self, model_path, operation):
        parts = os.path.abspath(model_path).split(os.sep)
        service, root = parts[-3], os.sep.join(parts[:-3])
        session = botocore.session.get_session()
        loader = session.get_component('data_loader')
        if os.path.abspath(root) != os.path.abspath(BOTO_DATA):
            loader.search_paths.insert(0, root)
            # botocore's sdk-extras for the service (e.g. RDS's SourceRegion
            # members) would patch shapes a trimmed model does not have
            loader.extras_types.clear()
        self.client = session.create_client(
            service, region_name='us-east-1', aws_access_key_id='x',
            aws_secret_access_key='y',
            config=Config(retries={'total_max_attempts': 1}))
        ops = set(load_model(model_path)['operations'])
        got = set(self.client.meta.service_model.operation_names)
        if got != ops:
            raise SystemExit(f'client did not load {model_path}: '
                             f'{len(got)} vs {len(ops)} operations')
        self.method = getattr(self.client, xform_name(operation))
        self.sigv2 = self.client.meta.service_model.signature_version == 'v2'
        self.client.meta.events.register('before-send', self._send)
        self.reply = (200, b'')
        self.body = None

    def _send(self, request, **kwargs):
        body = request.body
        self.body = body.decode('utf-8') if isinstance(body, bytes) else body
        status, data = self.reply
        return AWSResponse(request.url, status, HeadersDict(), FakeRaw(data))

    def call(self, params, status=200, body=b''):
        self.reply = (status, body)
        self.body = None
        try:
            result = self.method(**params)
        except ClientError as e:
            result = e.response
        except Exception as e:  # noqa: BLE001
            return self.body, {'exception': oracle_mod.describe_exception(e)}
        result = dict(result)
        meta = dict(result.get('ResponseMetadata', {}))
        meta.pop('RetryAttempts', None)       # added by the retry layer,
        meta.pop('MaxAttemptsReached', None)  # not by the parser
        meta['HTTPHeaders'] = {}
        result['ResponseMetadata'] = meta
        return self.body, oracle_mod.jsonable(result)


def run_cli(args, stdin_text):
    t = time.time()
    p = subprocess.run([sys.executable] + args, input=stdin_text.encode(),
                       capture_output=True, check=True)
    return p.stdout.decode('utf-8'), time.time() - t


def gen(kind, model, op, seed, count):
    out, _ = run_cli([os.path.join(HERE, 'generate.py'), kind, '--model',
                      model, '--operation', op, '--seed', str(seed),
                      '--count', str(count)], '')
    return out


def check_one(model, op, seed, count):
    failures = []
    o = oracle_mod.Oracle(model, op)
    harness = ClientHarness(model, op)

    def fail(what, *detail):
        failures.append(what)
        if failures.count(what) <= 3:
            print(f'  MISMATCH {what}:')
            for d in detail:
                print('    ' + str(d)[:2000])

    # -- requests
    reqs_text = gen('requests', model, op, seed, count)
    if reqs_text != gen('requests', model, op, seed, count):
        fail('generator not deterministic (requests)')
    reqs = [json.loads(line) for line in reqs_text.split("\n") if line]
    for params in reqs:
        errs = o.validate(params)
        if errs:
            fail('generated request rejected by botocore validator', params, errs)
            continue
        try:
            body = o.serialize(params, check_encoder=True)
        except AssertionError as e:
            fail('form_encode vs botocore encoder', e)
            continue
        client_body, _ = harness.call(params, 200, b'')
        if harness.sigv2 and client_body.startswith(body + '&'):
            # SigV2 (e.g. SimpleDB) appends its signature fields to the body
            client_body = body
        if client_body != body:
            fail('oracle serialize vs client stack', params, body, client_body)

    # -- responses and errors
    for kind in ('responses', 'errors'):
        text = gen(kind, model, op, seed, count)
        if text != gen(kind, model, op, seed, count):
            fail(f'generator not deterministic ({kind})')
        minimal = reqs[0] if reqs else {}
        n_exc = 0
        for line in text.split("\n"):
            if not line:
                continue
            item = json.loads(line)
            try:
                mine = oracle_mod.jsonable(o.parse(item['status'], item['body']))
            except Exception as e:  # noqa: BLE001
                mine = {'exception': oracle_mod.describe_exception(e)}
                n_exc += 1
            _, theirs = harness.call(minimal, item['status'],
                                     item['body'].encode('utf-8'))
            if mine != theirs:
                fail(f'oracle parse vs client stack ({kind})', item, mine, theirs)
        if kind == 'responses' and n_exc:
            fail('generated responses that botocore cannot parse', n_exc)

    # -- CLI stability and speed
    common = ['--model', model, '--operation', op]
    resp_text = gen('responses', model, op, seed + 1, 300)
    err_text = gen('errors', model, op, seed + 1, 300)
    many_reqs = gen('requests', model, op, seed + 1, 300)
    for cmd, stdin in (('serialize', many_reqs), ('validate', many_reqs),
                       ('parse', resp_text), ('parse', err_text)):
        a, ta = run_cli([os.path.join(HERE, 'oracle.py'), cmd] + common, stdin)
        b, _ = run_cli([os.path.join(HERE, 'oracle.py'), cmd] + common, stdin)
        if a != b:
            fail(f'oracle {cmd} output differs between runs')
        if a.count("\n") != stdin.count("\n"):
            fail(f'oracle {cmd}: line count differs from input')
        print(f'  oracle {cmd:9s} 300 lines: {ta:.2f}s (process total)')
    return failures


def suite_paths(names, installed_only=False):
    out = []
    for svc_ver, op in names:
        if not installed_only:
            p = os.path.join(REPO_MODELS, svc_ver, 'service-2.json')
            if os.path.exists(p) and op in load_model(p)['operations']:
                out.append((p, op))
        out.append((os.path.join(BOTO_DATA, svc_ver, 'service-2.json.gz'), op))
    return out


def broad(per_op=15, seed=1):
    """Every operation of every installed query-protocol model, in-process:
    generated requests validate and encode consistently, generated
    responses and errors parse without botocore raising."""
    import glob
    import random
    bad = total = 0
    for path in sorted(glob.glob(os.path.join(BOTO_DATA, '*', '*',
                                              'service-2.json.gz'))):
        doc = load_model(path)
        if doc['metadata'].get('protocol') != 'query':
            continue
        svc = path.split(os.sep)[-3]
        for name, op in doc['operations'].items():
            op = dict(op, name=name)
            o = oracle_mod.Oracle(path, name)
            rng = random.Random(seed)
            rg = generate.RequestGenerator(doc, rng)
            pg = generate.ResponseGenerator(doc, rng)
            for i in range(per_op):
                total += 1
                mode = generate.record_mode(i)
                params = json.loads(json.dumps(
                    rg.record(op.get('input', {}).get('shape'), mode)))
                problems = []
                errs = o.validate(params)
                if errs:
                    problems.append(f'invalid request {errs[:2]}')
                else:
                    try:
                        o.serialize(params, check_encoder=True)
                    except Exception as e:  # noqa: BLE001
                        problems.append(f'serialize: {e!r}'[:300])
                for r in (pg.response(op, mode), pg.error(op)):
                    try:
                        json.dumps(oracle_mod.jsonable(
                            o.parse(r['status'], r['body'])))
                    except Exception as e:  # noqa: BLE001
                        problems.append(f'parse: {e!r}'[:300])
                for p in problems:
                    bad += 1
                    print(f'  {svc} {name}: {p}')
    print(f'broad: {total} records, {bad} problems')
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('targets', nargs='*', help='MODEL_PATH:OPERATION')
    ap.add_argument('--count', type=int, default=60)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--no-extra', action='store_true',
                    help='skip the extra installed-model operations')
    ap.add_argument('--broad', action='store_true',
                    help='also run every operation of every installed '
                         'query model through generators and oracle (~30s)')
    args = ap.parse_args()
    if args.targets:
        targets = [tuple(t.rsplit(':', 1)) for t in args.targets]
    else:
        targets = suite_paths(DEFAULT_SUITE)
        if not args.no_extra:
            targets += suite_paths(EXTRA_SUITE, installed_only=True)
    bad = 0
    for model, op in targets:
        print(f'{op} @ {model}')
        failures = check_one(model, op, args.seed, args.count)
        print(f'  -> {"OK" if not failures else "%d failures" % len(failures)}')
        bad += bool(failures)
    if args.broad:
        bad += bool(broad())
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
