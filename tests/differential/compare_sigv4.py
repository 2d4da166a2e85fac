#!/usr/bin/env python3
"""Differential test of the signer: awsq::sigv4_sign against botocore's SigV4Auth.add_auth, byte for byte.

Usage::

    compare_sigv4.py --driver PATH/awsq_sigv4_driver [--seed N] [--count K] [--dump FILE]

Makes K seeded random requests (header names in mixed case, values with inner and outer spaces
and tabs, repeated and empty headers, UTF-8 bodies, paths and query strings that need encoding,
default and other ports, IPv6 hosts, session tokens or none, stale signing headers from an
earlier attempt, random regions and services and times), signs each with botocore at a fixed
clock (``botocore.auth.get_current_datetime`` patched, as botocore's tests do) and with awsq
(the driver), and requires every header of the signed request -- Authorization, X-Amz-Date or
Date, X-Amz-Security-Token and the rest, in order -- to be identical. Exit status 0 when all
match, 1 otherwise, with the first differences shown.

Where awsq deliberately differs from botocore, the SigV4 specification decides:

* A URL's query string: botocore copies it into the canonical request as it is; the
  specification (and botocore's own ``params`` path) URI-encodes each decoded name and value,
  which is what the service computes. For a query already in that canonical form (what
  botocore's serializers always send) the two agree, and the test gives both the same URL. For
  the others (lower-case hex, needless escapes like %7E or %41, raw spaces, unicode, '/') awsq
  gets that URL and botocore gets the decoded pairs as ``params``: the same request to the
  service.
* Whitespace in header values: botocore's ``str.split()`` also folds Unicode spaces (U+00A0,
  U+2000...) and \\x1c-\\x1f; the specification speaks of spaces, and awsq folds only ASCII
  whitespace. The generator uses ASCII whitespace and non-space UTF-8 letters.
* A path or URL botocore would parse differently from what is sent on the wire is not
  generated: raw tab, CR or LF (urlsplit drops them) and '#' or '?' inside the path.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
from unittest import mock
from urllib.parse import quote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SHOWN = 5

REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1',
           'us-iso-east-1', 'aws-global', 'eu-west-3']
SERVICES = ['rds', 'redshift', 'iam', 'sts', 'sns', 'sqs', 'monitoring', 'elasticache', 'ec2', 'cloudformation']
HEADER_NAMES = ['Content-Type', 'X-Amz-Target', 'X-Amz-Meta-Name', 'x-custom', 'X-Custom', 'X-CUSTOM',
                'Accept', 'amz-sdk-invocation-id', 'amz-sdk-request', 'Content-Length', 'X-Amz-User-Agent',
                'Cache-Control', 'x_underscore', 'X-A', 'x-a-b', 'A', 'Z-Last']
UNSIGNED = ['User-Agent', 'user-agent', 'Expect', 'Connection', 'Keep-Alive', 'Proxy-Authorization',
            'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade', 'X-Amzn-Trace-Id', 'proxy-authenticate']
STALE = ['Authorization', 'authorization', 'X-Amz-Date', 'x-amz-date', 'X-Amz-Security-Token',
         'x-amz-security-token']
WORDS = ['a', 'b', 'value', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-8', 'é', 'ünïcödé',
         '漢字', '1', '0', 'x=y', 'a,b', '"quoted"', ';', '/', 'Ω', '€', 'k:v', 'AbC']
SEGMENTS = ['a', 'B', 'rds', '.', '..', '', '%20', '%2F', '%2f', 'a b', '~', 'tilde~x', 'ü', '漢', '%',
            '%25', '+', ':', '@', '!', '$', "'", '(x)', '*', ',', ';', '=', '&', 'a%41', '-_.']
QUERY_TEXT = ['a', 'B', 'Action', 'Version', '', ' ', 'a b', '~', '%', '+', '/', 'ü', '漢字', '=', '&', '#',
              'x.y', '-_.~', '*', '2010-05-08', 'ListUsers', '😀', "'", '?', ':']
SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+'


def header_value(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(0, 4))]
    spaces = lambda: ''.join(rng.choice(' \t') for _ in range(rng.choice([0, 0, 1, 1, 2, 3])))
    value = spaces()
    for i, w in enumerate(words):
        value += w + (spaces() if i < len(words) - 1 and rng.random() < 0.5 else ' ' if i < len(words) - 1 else '')
    return value + spaces()


def host(rng, scheme):
    default = {'https': 443, 'http': 80}[scheme]
    kind = rng.random()
    if kind < 0.1:
        name = rng.choice(['[::1]', '[2001:DB8::1]', '[fe80::1]'])
    elif kind < 0.2:
        name = f'127.0.0.{rng.randint(1, 254)}'
    else:
        service = rng.choice(SERVICES)
        name = f'{service}.{rng.choice(REGIONS)}.amazonaws.com'
        if rng.random() < 0.2:
            name = ''.join(c.upper() if rng.random() < 0.3 else c for c in name)
    port = rng.random()
    if port < 0.5:
        return name
    if port < 0.7:
        return f'{name}:{default}'
    if port < 0.75:
        return f'{name}:{443 if default == 80 else 80}'
    return f'{name}:{rng.randint(1, 65535)}'


def path(rng):
    if rng.random() < 0.25:
        return rng.choice(['/', '', '/', '//'])
    segments = [rng.choice(SEGMENTS) for _ in range(rng.randint(1, 6))]
    text = '/' + '/'.join(segments)
    if rng.random() < 0.3:
        text += '/'
    return text.rstrip(' ') if text.endswith(' ') else text


def needless_encoding(rng, raw):
    """`raw` as a non-canonical but equivalent query text for awsq: escapes in lower-case hex,
    unreserved characters escaped for nothing, and spaces or unicode left raw."""
    out = []
    for ch in raw:
        if ch in '%&=#':
            out.append('%' + format(ord(ch), '02x' if rng.random() < 0.5 else '02X'))
        elif ch.isalnum() and ch.isascii() or ch in '-_.~':
            out.append('%' + format(ord(ch), '02x') if rng.random() < 0.2 else ch)
        elif rng.random() < 0.5:
            out.append(ch)  # raw: space, '+', '/', unicode... awsq encodes them
        else:
            out.append(''.join('%' + format(b, '02x' if rng.random() < 0.5 else '02X') for b in ch.encode()))
    return ''.join(out)


def query(rng):
    """(query for awsq, query in botocore's URL or None, params for botocore or None)."""
    pairs = [(''.join(rng.choice(QUERY_TEXT) for _ in range(rng.randint(0, 2))),
              ''.join(rng.choice(QUERY_TEXT) for _ in range(rng.randint(0, 3))))
             for _ in range(rng.randint(1, 5))]
    if rng.random() < 0.5:
        # Canonical form: both sign the same URL. Now and then a name without '=' or an empty pair.
        items = []
        for k, v in pairs:
            ek, ev = quote(k, safe='-_.~'), quote(v, safe='-_.~')
            r = rng.random()
            items.append(ek if r < 0.1 and not ev else '' if r < 0.13 else f'{ek}={ev}')
        text = '&'.join(items)
        return text, text, None
    text = '&'.join(f'{needless_encoding(rng, k)}={needless_encoding(rng, v)}' for k, v in pairs)
    return text, None, pairs


def body(rng):
    r = rng.random()
    if r < 0.2:
        return ''
    if r < 0.5:
        return 'Action=DescribeExportTasks&Version=2014-10-31&MaxRecords=' + str(rng.randint(20, 100))
    return ''.join(rng.choice(['Name=', 'žluťoučký kůň', '漢字', '😀', '&', ' ', '\n', 'x', '%20', '\t'])
                   for _ in range(rng.randint(1, 30)))


def make_case(rng):
    scheme = 'https' if rng.random() < 0.8 else 'http'
    case = {
        'method': rng.choice(['POST', 'GET', 'PUT', 'DELETE', 'post', 'Get']),
        'scheme': scheme,
        'host': host(rng, scheme),
        'body': body(rng),
        'access_key': 'AKIA' + ''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16)),
        'secret_key': ''.join(rng.choice(SECRET_CHARS) for _ in range(40)),
        'token': None,
        'region': rng.choice(REGIONS),
        'service': rng.choice(SERVICES),
        # 1990 .. 2100, with microseconds that SigV4 drops.
        'time_us': rng.randint(631152000, 4102444800) * 1_000_000 + rng.randint(0, 999_999),
    }
    t = rng.random()
    if t < 0.4:
        case['token'] = ''.join(rng.choice(SECRET_CHARS) for _ in range(rng.randint(20, 400))) + '='
    elif t < 0.45:
        case['token'] = ''  # botocore: an empty token is no token
    p = path(rng)
    awsq_query = url_query = params = None
    if rng.random() < 0.5:
        awsq_query, url_query, params = query(rng)
    elif rng.random() < 0.1:
        awsq_query = url_query = ''  # "/?"
    case['path'] = p + ('' if awsq_query is None else '?' + awsq_query)
    headers = []
    for _ in range(rng.randint(0, 8)):
        r = rng.random()
        pool = HEADER_NAMES if r < 0.7 else UNSIGNED if r < 0.85 else STALE if r < 0.95 else \
            ['Host', 'Date', 'X-Amz-Content-SHA256']
        name = rng.choice(pool)
        if name == 'Host':
            value = host(rng, scheme).lower() + rng.choice(['', ' ', '\t'])
        elif name == 'X-Amz-Content-SHA256':
            value = rng.choice(['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', ' UNSIGNED-PAYLOAD '])
        else:
            value = header_value(rng)
        headers.append([name, value])
        if rng.random() < 0.15:  # the same name again, in another case
            headers.append([name.swapcase() if rng.random() < 0.5 else name, header_value(rng)])
    case['headers'] = headers
    botocore_path = p + ('' if url_query is None else '?' + url_query)
    return case, botocore_path, params


def botocore_sign(case, botocore_path, params):
    req = AWSRequest(method=case['method'], url=f"{case['scheme']}://{case['host']}{botocore_path}",
                     data=case['body'].encode('utf-8'), params=params)
    for name, value in case['headers']:
        req.headers[name] = value  # appends: repeated headers stay repeated
    now = datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=case['time_us'])
    credentials = Credentials(case['access_key'], case['secret_key'], case['token'])
    with mock.patch('botocore.auth.get_current_datetime', return_value=now):
        SigV4Auth(credentials, case['service'], case['region']).add_auth(req)
    return [[k, v] for k, v in req.headers.items()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--driver', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=1000)
    ap.add_argument('--dump', help='write the cases (JSON Lines) to this file')
    args = ap.parse_args()

    rng = random.Random(args.seed)
    cases = [make_case(rng) for _ in range(args.count)]
    lines = [json.dumps(c, ensure_ascii=False) for c, _, _ in cases]
    if args.dump:
        with open(args.dump, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
    run = subprocess.run([args.driver], input='\n'.join(lines) + '\n', capture_output=True, text=True,
                         encoding='utf-8', check=False)
    if run.returncode != 0:
        sys.exit(f'compare_sigv4: driver failed ({run.returncode}): {run.stderr}')
    answers = run.stdout.split('\n')
    mismatches = 0
    features = {'token': 0, 'query': 0, 'params': 0, 'port': 0, 'repeated': 0, 'tab': 0, 'utf8 body': 0,
                'stale signing header': 0, 'Host/Date/X-Amz-Content-SHA256 header': 0}
    for i, (case, botocore_path, params) in enumerate(cases):
        expected = botocore_sign(case, botocore_path, params)
        got = json.loads(answers[i])['headers'] if i < len(answers) and answers[i] else None
        features['token'] += bool(case['token'])
        features['query'] += '?' in case['path']
        features['params'] += params is not None
        features['port'] += ':' in case['host'].rsplit(']', 1)[-1]
        names = [n.lower() for n, _ in case['headers']]
        features['repeated'] += len(names) != len(set(names))
        features['tab'] += any('\t' in v for _, v in case['headers'])
        features['utf8 body'] += not case['body'].isascii()
        features['stale signing header'] += any(n in [s.lower() for s in STALE] for n in names)
        features['Host/Date/X-Amz-Content-SHA256 header'] += any(
            n in ('host', 'date', 'x-amz-content-sha256') for n in names)
        if got == expected:
            continue
        mismatches += 1
        if mismatches <= SHOWN:
            print(f'--- case {i}: {lines[i]}')
            if params is not None:
                print(f'    botocore url path {botocore_path!r}, params {params!r}')
            for label, headers in (('botocore', expected), ('awsq', got)):
                print(f'    {label}:')
                for h in headers or []:
                    print(f'      {h[0]}: {h[1]}')
    print(f'compare_sigv4: {args.count - mismatches}/{args.count} signed requests identical to botocore '
          f'(seed {args.seed}; ' + ', '.join(f'{k} {v}' for k, v in features.items()) + ')')
    return 1 if mismatches else 0


if __name__ == '__main__':
    sys.exit(main())
