#!/usr/bin/env python3
"""Seeded, deterministic random inputs for awsq's differential tests.

Everything is driven by a botocore-format service model (``service-2.json``
or ``service-2.json.gz``); nothing here is specific to one service or one
operation, and botocore is not imported (only the model JSON is read).

Sub-commands (all print JSON Lines, one record per line, UTF-8 kept raw)::

    generate.py requests  --model PATH --operation OP --seed N --count K
    generate.py responses --model PATH --operation OP --seed N --count K
    generate.py errors    --model PATH --operation OP --seed N --count K

``requests``
    Valid request parameter objects in boto3 keyword-argument form: member
    names as keys, in model member order; lists as arrays; timestamps as ISO
    8601 strings ending in ``Z`` (with or without fractional seconds); enum
    values as strings; blobs as (UTF-8) strings.  Values respect the model's
    ``required``, ``min``/``max`` (string/list/map length, number range),
    ``enum`` and, best effort, ``pattern`` traits.  Record 0 holds only the
    required members, record 1 every member with non-empty lists, record 2
    every member with lists as empty as allowed; later records are random.

``responses``
    ``{"status": 200, "body": "<xml>"}`` successful awsQuery responses for
    the operation's output shape: ``<OpResponse xmlns=...><OpResult>...
    </OpResult><ResponseMetadata><RequestId>...</RequestId>
    </ResponseMetadata></OpResponse>`` with random presence of members,
    0/1/many list items (empty lists as ``<X/>``, ``<X></X>`` or whitespace
    only), entities, numeric character references, CDATA sections, unknown
    extra elements, unknown enum values, full-range integers/longs,
    timestamps with fractions and offsets, and assorted indentation.
    Record 0 has an empty result, record 1 every member present.

``errors``
    ``{"status": S, "body": "<xml>"}`` error responses:
    ``<ErrorResponse xmlns=...><Error><Type>..</Type><Code>..</Code>
    <Message>..</Message></Error><RequestId>..</RequestId></ErrorResponse>``
    using the operation's modeled error codes and common generic ones, with
    statuses 400/403/404/500/503, and now and then a bare HTML or empty 5xx
    body (which botocore treats as a "generic" error).

Determinism: one ``random.Random(seed)`` drives a run, so the same model,
operation, seed and count always give the same bytes, and a run with a
larger count starts with the same records.
"""

import argparse
import base64
import datetime
import os
import random
import re
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modelio import dump_line, find_operation, load_model  # noqa: E402

INT_RANGE = {
    'byte': (-(2**7), 2**7 - 1),
    'short': (-(2**15), 2**15 - 1),
    'integer': (-(2**31), 2**31 - 1),
    'long': (-(2**63), 2**63 - 1),
}
MAX_DEPTH = 6          # deeper (recursive) structures get required members only
STRING_CAP = 48        # random strings are at most this long, unless min says more

ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
WORDS = [
    'export', 'task', 'snapshot', 'db', 'cluster', 'my', 'prod', 'test',
    'arn', 'aws', 'rds', 'us-east-1', '2024', 'x', 'Value', 'name', 'a1',
    'table', 'restore', 'id', 'MySQL', 'S3',
]
# Characters that form-encoding must percent-encode (or, for '~-_.', must not).
RESERVED = [
    ' ', '&', '=', '+', '%', '~', '/', '?', '#', '\n', '"', "'", ';', ':',
    '@', ',', '$', '!', '*', '(', ')', '[', ']', '<', '>', '\\', '|', '^',
    '`', '{', '}', '\t', '-', '_', '.', '%20', '%2B', '&amp;', '\r\n',
]
UNICODE = [
    'é', 'ñ', 'ü', 'ß', 'Ω', 'ж', '日本', '語', '中文', '한국어', '😀', '🚀',
    '👍🏽', '\u00a0', '€', '©', 'ﬁ', 'e\u0301', '\u2028', 'ÿ', '\U0001f600x',
]
UNKNOWN_ENUMS = ['FUTURE_VALUE', 'NewStatus', 'in-progress-v2', 'UNKNOWN']
UNKNOWN_NAMES = [
    'NewServiceField', 'FutureAttribute', 'AdditionalInfo', 'Extra',
    'ServiceAddedList', 'DetailsV2', 'Annotation',
]
GENERIC_ERRORS = [
    # code, status, type
    ('Throttling', 400, 'Sender'),
    ('ThrottlingException', 400, 'Sender'),
    ('RequestLimitExceeded', 400, 'Sender'),
    ('InvalidParameterValue', 400, 'Sender'),
    ('InvalidParameterCombination', 400, 'Sender'),
    ('MissingParameter', 400, 'Sender'),
    ('ValidationError', 400, 'Sender'),
    ('MalformedQueryString', 404, 'Sender'),
    ('AccessDenied', 403, 'Sender'),
    ('InvalidClientTokenId', 403, 'Sender'),
    ('SignatureDoesNotMatch', 403, 'Sender'),
    ('InternalFailure', 500, 'Receiver'),
    ('InternalError', 500, 'Receiver'),
    ('ServiceUnavailable', 503, 'Receiver'),
]
ERROR_MESSAGES = [
    'Rate exceeded',
    'The parameter MaxRecords must be between 20 and 100.',
    "Export task 'x' not found & can't be described",
    'Value <null> at "filters" failed',
    'Unknown error 日本 é',
    'multi\nline\nmessage',
    '  padded message  ',
    '',
]


# ---------------------------------------------------------------- helpers

def weighted(rng, pairs):
    """Pick from [(weight, value), ...]."""
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, v in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][1]


def rand_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def rand_datetime(rng):
    # 1970-01-01 .. 2099-12-31, whole seconds
    secs = rng.randrange(0, 4102444800)
    return datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=secs)


def int_bounds(shape):
    lo, hi = INT_RANGE.get(shape['type'], INT_RANGE['long'])
    if 'min' in shape:
        lo = max(lo, int(shape['min']))
    if 'max' in shape:
        hi = min(hi, int(shape['max']))
    return lo, hi


def rand_int(rng, lo, hi):
    picks = [
        (3, 'small'), (2, 'uniform'), (2, 'edge'), (1, 'pow'),
    ]
    kind = weighted(rng, picks)
    if kind == 'edge':
        v = rng.choice([lo, hi, lo + 1, hi - 1, 0, -1, 1])
    elif kind == 'small':
        v = rng.randint(-5, 120)
    elif kind == 'pow':
        v = rng.choice([1, -1]) * (2 ** rng.randint(0, 64)) + rng.randint(-1, 1)
    else:
        v = rng.randint(lo, hi)
    if v < lo or v > hi:
        v = rng.randint(lo, hi)
    return v


def rand_float(rng, shape):
    kind = rng.choice(['plain', 'round', 'tiny', 'huge', 'int', 'zero'])
    if kind == 'plain':
        v = rng.uniform(-1e6, 1e6)
    elif kind == 'round':
        v = round(rng.uniform(-1000, 1000), rng.randint(0, 3))
    elif kind == 'tiny':
        v = rng.choice([1, -1]) * rng.random() * 10.0 ** rng.randint(-12, -5)
    elif kind == 'huge':
        v = rng.choice([1, -1]) * rng.random() * 10.0 ** rng.randint(16, 300)
    elif kind == 'int':
        v = float(rng.randint(-100000, 100000))
    else:
        v = rng.choice([0.0, -0.0, 0.5, 1.0, 0.1])
    lo = shape.get('min')
    hi = shape.get('max')
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        a = float(lo if lo is not None else (hi - 1000))
        b = float(hi if hi is not None else (lo + 1000))
        v = rng.uniform(a, b)
    return v


def compile_pattern(pattern):
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error:
        # e.g. \p{L}: not expressible in Python's re; not enforced
        return None


# --------------------------------------------------------------- strings

def rand_text(rng, style, allow_controls):
    """A random string of the given style (length not yet constrained)."""
    if style == 'empty':
        return ''
    if style == 'word':
        parts = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
        s = rng.choice(['-', '_', '.', '']).join(parts)
        if rng.random() < 0.5:
            s += str(rng.randint(0, 9999))
        return s
    if style == 'alnum':
        return ''.join(rng.choice(ALNUM) for _ in range(rng.randint(1, 16)))
    if style == 'arn':
        return 'arn:aws:rds:us-east-1:%012d:snapshot:%s' % (
            rng.randrange(10**12), rng.choice(WORDS))
    if style == 'spaces':
        return rng.choice([' ', '  ', '\t', '\n']) + rand_text(
            rng, 'word', allow_controls) + rng.choice([' ', '\n', '  '])
    if style == 'long':
        return ''.join(rng.choice(ALNUM + ' é/') for _ in range(rng.randint(60, 300)))
    pools = {
        'reserved': [RESERVED],
        'unicode': [UNICODE, WORDS],
        'mixed': [RESERVED, UNICODE, WORDS, list(ALNUM)],
    }[style]
    out = []
    for _ in range(rng.randint(1, 8)):
        out.append(rng.choice(rng.choice(pools)))
    s = ''.join(out)
    if not allow_controls:
        s = s.replace('\r', '')
    return s


STRING_STYLES = [
    (4, 'word'), (2, 'alnum'), (1, 'arn'), (4, 'mixed'), (2, 'reserved'),
    (2, 'unicode'), (1, 'spaces'), (2, 'empty'), (1, 'long'),
]


def fit_length(rng, s, lo, hi):
    if len(s) < lo:
        s += ''.join(rng.choice(ALNUM) for _ in range(lo - len(s)))
    if hi is not None and len(s) > hi:
        s = s[:hi]
    return s


def rand_string(rng, shape, allow_controls=True):
    lo = int(shape.get('min', 0))
    hi = shape.get('max')
    hi = int(hi) if hi is not None else None
    if hi is not None and hi > max(lo, STRING_CAP) * 8:
        hi_eff = max(lo, 320)
    else:
        hi_eff = hi
    pat = compile_pattern(shape.get('pattern'))
    candidate = None
    for attempt in range(40):
        style = weighted(rng, STRING_STYLES)
        if style == 'empty' and lo > 0:
            continue
        if attempt >= 20:
            style = rng.choice(['word', 'alnum'])
        s = fit_length(rng, rand_text(rng, style, allow_controls), lo, hi_eff)
        if candidate is None:
            candidate = s
        if pat is None or pat.search(s):
            return s
    return candidate  # pattern not satisfiable by our styles: best effort


def rand_timestamp_request(rng):
    dt = rand_datetime(rng)
    base = dt.strftime('%Y-%m-%dT%H:%M:%S')
    frac = weighted(rng, [
        (4, ''), (2, '.%03d' % rng.randrange(1000)),
        (2, '.%06d' % rng.randrange(1000000)), (1, '.000'), (1, '.000000'),
        (1, '.%d' % rng.randrange(10)),
    ])
    return base + frac + 'Z'


# -------------------------------------------------------------- requests

class RequestGenerator:
    def __init__(self, doc, rng):
        self.shapes = doc['shapes']
        self.rng = rng

    def record(self, input_shape_name, mode):
        self.mode = mode
        self.presence = {
            'minimal': 0.0, 'full': 1.0, 'full-empty': 1.0,
        }.get(mode, self.rng.choice([0.25, 0.5, 0.75, 0.9]))
        if input_shape_name is None:
            return {}
        return self.value(input_shape_name, 0)

    def list_len(self, shape):
        lo = int(shape.get('min', 0))
        hi = shape.get('max')
        hi = int(hi) if hi is not None else lo + 6
        hi = min(hi, lo + 6)
        if self.mode == 'full-empty':
            return lo
        if self.mode == 'full':
            return max(lo, min(hi, self.rng.randint(1, 4)))
        n = weighted(self.rng, [(3, 0), (4, 1), (3, 'many')])
        if n == 'many':
            n = self.rng.randint(2, 6)
        return max(lo, min(hi, n))

    def value(self, name, depth):
        rng = self.rng
        shape = self.shapes[name]
        t = shape['type']
        if t == 'structure':
            out = {}
            required = set(shape.get('required', []))
            members = list(shape.get('members', {}).items())
            if shape.get('union'):
                mname, m = rng.choice(members)
                return {mname: self.value(m['shape'], depth + 1)}
            for mname, m in members:
                if mname in required or (
                        depth < MAX_DEPTH and rng.random() < self.presence):
                    out[mname] = self.value(m['shape'], depth + 1)
            return out
        if t == 'list':
            n = self.list_len(shape)
            return [self.value(shape['member']['shape'], depth + 1)
                    for _ in range(n)]
        if t == 'map':
            n = self.list_len(shape)
            out = {}
            for _ in range(n * 3):
                if len(out) >= n:
                    break
                k = self.value(shape['key']['shape'], depth + 1)
                if k not in out:
                    out[k] = self.value(shape['value']['shape'], depth + 1)
            return out
        if t == 'string':
            if 'enum' in shape:
                return rng.choice(shape['enum'])
            return rand_string(rng, shape)
        if t in INT_RANGE:
            return rand_int(rng, *int_bounds(shape))
        if t == 'boolean':
            return rng.random() < 0.5
        if t in ('float', 'double'):
            return rand_float(rng, shape)
        if t == 'timestamp':
            return rand_timestamp_request(rng)
        if t == 'blob':
            return rand_string(rng, {'min': shape.get('min', 0),
                                     'max': shape.get('max')})
        raise SystemExit(f'error: unsupported shape type {t!r} ({name})')


# --------------------------------------------------------------- XML out

class El:
    """An XML element: either a leaf with an already-escaped text fragment,
    or a container with child elements."""

    __slots__ = ('name', 'children', 'text', 'attrs')

    def __init__(self, name, children=None, text=None, attrs=None):
        self.name = name
        self.children = children
        self.text = text
        self.attrs = attrs or []


class XmlStyle:
    """Per-document formatting and escaping choices."""

    def __init__(self, rng):
        self.rng = rng
        self.layout = weighted(rng, [
            (3, 'indent2'), (2, 'indent4'), (1, 'tabs'), (3, 'compact'),
            (2, 'ragged'), (1, 'crlf'),
        ])
        self.p_entity = rng.choice([0.0, 0.1, 0.4])
        self.p_numeric = rng.choice([0.0, 0.3])
        self.p_cdata = rng.choice([0.0, 0.0, 0.15, 0.4])
        self.p_unknown = rng.choice([0.0, 0.1, 0.3])
        self.p_shuffle = rng.choice([0.0, 0.0, 0.1])
        self.p_unknown_enum = rng.choice([0.0, 0.1, 0.3])
        self.decl = rng.random() < 0.5
        self.trailing_nl = rng.random() < 0.6

    def gap(self, depth):
        """Whitespace before an element (or end tag) at ``depth``."""
        rng = self.rng
        lay = self.layout
        if lay == 'compact':
            return ''
        if lay == 'indent2':
            return '\n' + '  ' * depth
        if lay == 'indent4':
            return '\n' + '    ' * depth
        if lay == 'tabs':
            return '\n' + '\t' * depth
        if lay == 'crlf':
            return '\r\n' + '  ' * depth
        return rng.choice(['', ' ', '\n', '\n  ', '\t', '\r\n    ', '  \n\t'])

    # -- escaping --------------------------------------------------------
    def escape_char(self, ch, prev):
        rng = self.rng
        o = ord(ch)
        numeric = rng.random() < self.p_numeric

        def ref():
            if rng.random() < 0.5:
                return '&#%d;' % o
            return ('&#x%X;' if rng.random() < 0.5 else '&#x%x;') % o

        if ch == '&':
            return '&#38;' if numeric else '&amp;'
        if ch == '<':
            return '&#60;' if numeric else '&lt;'
        if ch == '>':
            if prev.endswith(']]') or rng.random() < self.p_entity + 0.3:
                return '&#62;' if numeric else '&gt;'
            return ch
        if ch == '"':
            if rng.random() < self.p_entity:
                return '&#34;' if numeric else '&quot;'
            return ch
        if ch == "'":
            if rng.random() < self.p_entity:
                return '&#39;' if numeric else '&apos;'
            return ch
        if ch == '\r':
            return rng.choice(['&#13;', '&#xD;', '&#xd;'])
        if ch == '\n':
            r = rng.random()
            if r < 0.1:
                return '\r\n'   # XML line-end normalisation turns it into \n
            if r < 0.1 + self.p_numeric * 0.5:
                return '&#10;'
            return ch
        if ch == '\t' and rng.random() < self.p_numeric * 0.5:
            return '&#9;'
        if o > 0x7f and rng.random() < max(self.p_numeric, self.p_entity):
            return ref()
        if ch.isalnum() and o < 0x80 and rng.random() < self.p_numeric * 0.05:
            return ref()
        return ch

    def escape_plain(self, s, out):
        for ch in s:
            out.append(self.escape_char(ch, ''.join(out[-2:])[-2:]))

    def text(self, s):
        """XML text content whose parsed value is exactly ``s``."""
        rng = self.rng
        out = []
        if s and rng.random() < self.p_cdata:
            # split into segments; each is CDATA or escaped text
            cuts = sorted(rng.sample(range(len(s) + 1), min(2, len(s) + 1)))
            segs = [s[:cuts[0]], s[cuts[0]:cuts[-1]], s[cuts[-1]:]]
            for seg in segs:
                if not seg:
                    continue
                if ('\r' not in seg and ']]>' not in seg
                        and rng.random() < 0.7):
                    out.append('<![CDATA[' + seg + ']]>')
                else:
                    self.escape_plain(seg, out)
        else:
            self.escape_plain(s, out)
        return ''.join(out)

    # -- rendering -------------------------------------------------------
    def render(self, root):
        out = []
        if self.decl:
            out.append('<?xml version="1.0" encoding="UTF-8"?>')
            out.append(self.rng.choice(['\n', '', '\r\n']))
        self._render(root, 0, out)
        if self.trailing_nl:
            out.append('\n')
        return ''.join(out)

    def _open(self, el):
        attrs = ''.join(' %s="%s"' % (k, v) for k, v in el.attrs)
        return '<' + el.name + attrs

    def _render(self, el, depth, out):
        rng = self.rng
        if el.children is None:
            if el.text == '' and rng.random() < 0.5:
                out.append(self._open(el) + '/>')
            else:
                out.append(self._open(el) + '>' + el.text + '</' + el.name + '>')
            return
        if not el.children:
            kind = rng.choice(['self', 'pair', 'ws'])
            if kind == 'self':
                out.append(self._open(el) + '/>')
            elif kind == 'pair':
                out.append(self._open(el) + '></' + el.name + '>')
            else:
                out.append(self._open(el) + '>' + (self.gap(depth) or '\n  ')
                           + '</' + el.name + '>')
            return
        out.append(self._open(el) + '>')
        for ch in el.children:
            out.append(self.gap(depth + 1))
            self._render(ch, depth + 1, out)
        out.append(self.gap(depth))
        out.append('</' + el.name + '>')


# ------------------------------------------------------------- responses

def rand_timestamp_response(rng):
    dt = rand_datetime(rng)
    base = dt.strftime('%Y-%m-%dT%H:%M:%S')
    frac = weighted(rng, [
        (3, ''), (4, '.%03d' % rng.randrange(1000)),
        (1, '.%06d' % rng.randrange(1000000)), (1, '.%d' % rng.randrange(10)),
        (1, '.000'),
    ])
    zone = weighted(rng, [
        (6, 'Z'), (1, '+02:00'), (1, '-05:30'), (1, '+00:00'), (1, '+05:45'),
        (1, '-08:00'), (1, '+14:00'),
    ])
    return base + frac + zone


def location_name(ref, shapes, default):
    """A reference's locationName: its own, else its target shape's (as botocore merges them), else default."""
    return ref.get('locationName', shapes.get(ref['shape'], {}).get('locationName', default))


def member_xml_name(mname, m, shapes):
    """The element name(s) a member uses inside its parent structure."""
    target = shapes[m['shape']]
    if target['type'] == 'list' and target.get('flattened'):
        inner = location_name(target['member'], shapes, None)
        if inner:
            return inner
    return location_name(m, shapes, mname)


class ResponseGenerator:
    def __init__(self, doc, rng):
        self.doc = doc
        self.shapes = doc['shapes']
        self.rng = rng

    def namespace(self):
        meta = self.doc['metadata']
        return meta.get('xmlNamespace') or 'http://%s.amazonaws.com/doc/%s/' % (
            meta.get('endpointPrefix', 'service'), meta.get('apiVersion', ''))

    def begin(self, mode):
        self.mode = mode
        self.style = XmlStyle(self.rng)
        self.presence = {'minimal': 0.0, 'full': 1.0, 'full-empty': 1.0}.get(
            mode, self.rng.choice([0.3, 0.6, 0.85, 1.0]))

    def leaf(self, name, s):
        return El(name, text=self.style.text(s))

    def unknown_element(self, taken):
        rng = self.rng
        names = [n for n in UNKNOWN_NAMES if n not in taken]
        name = rng.choice(names)
        kind = rng.choice(['text', 'empty', 'nested', 'repeated'])
        if kind == 'text':
            return El(name, text=self.style.text(rand_text(rng, 'mixed', True)))
        if kind == 'empty':
            return El(name, children=[])
        if kind == 'nested':
            return El(name, children=[
                self.leaf('Key', rand_text(rng, 'word', True)),
                El('Inner', children=[self.leaf('Value', '42')]),
            ])
        return El(name, children=[self.leaf('member', rand_text(rng, 'word', True))
                                  for _ in range(rng.randint(1, 3))])

    def list_count(self):
        if self.mode == 'full-empty':
            return 0
        if self.mode == 'full':
            return self.rng.randint(1, 4)
        n = weighted(self.rng, [(3, 0), (4, 1), (3, 'many')])
        return self.rng.randint(2, 5) if n == 'many' else n

    def struct_children(self, shape, depth):
        """Child elements for a structure's members (plus extras)."""
        rng = self.rng
        kids = []
        attrs = []
        taken = set()
        members = list(shape.get('members', {}).items())
        if shape.get('union') and members:
            members = [rng.choice(members)]
            present_all = True
        else:
            present_all = False
        for mname, m in members:
            if m.get('location') in ('header', 'headers', 'statusCode'):
                continue
            xml_name = member_xml_name(mname, m, self.shapes)
            taken.add(xml_name)
            if not present_all and (depth >= MAX_DEPTH
                                    or rng.random() >= self.presence):
                continue
            if m.get('xmlAttribute'):
                attrs.append((location_name(m, self.shapes, mname),
                              self.attr_text(m['shape'])))
                continue
            kids.extend(self.member_elements(xml_name, m, depth + 1))
        if rng.random() < self.style.p_shuffle:
            rng.shuffle(kids)
        if not present_all and rng.random() < self.style.p_unknown:
            # (never in a union: botocore rejects a union whose element
            #  count is not exactly one, unknown elements included)
            for _ in range(rng.randint(1, 2)):
                kids.insert(rng.randint(0, len(kids)),
                            self.unknown_element(taken))
        return kids, attrs

    def attr_text(self, shape_name):
        s = self.scalar_text(self.shapes[shape_name])
        return s.replace('&', '&amp;').replace('<', '&lt;').replace('"', '&quot;')

    def member_elements(self, xml_name, m, depth):
        shape = self.shapes[m['shape']]
        if shape['type'] == 'list' and shape.get('flattened'):
            n = self.list_count()
            return [self.element(xml_name, shape['member']['shape'], depth)
                    for _ in range(n)]
        if shape['type'] == 'map' and shape.get('flattened'):
            seen = set()
            entries = [self.entry(shape, depth, seen)
                       for _ in range(self.list_count())]
            return [El(xml_name, children=e) for e in entries if e]
        return [self.element(xml_name, m['shape'], depth)]

    def entry(self, shape, depth, seen=None):
        """<key>/<value> children of one map entry (None on a duplicate key)."""
        kname = location_name(shape['key'], self.shapes, 'key')
        vname = location_name(shape['value'], self.shapes, 'value')
        kshape = self.shapes[shape['key']['shape']]
        kraw = self.scalar_text(kshape)
        if seen is not None:
            if kraw in seen:
                return None
            seen.add(kraw)
        return [El(kname, text=self.style.text(kraw)),
                self.element(vname, shape['value']['shape'], depth + 1)]

    def element(self, name, shape_name, depth):
        shape = self.shapes[shape_name]
        t = shape['type']
        if t == 'structure':
            kids, attrs = self.struct_children(shape, depth)
            return El(name, children=kids, attrs=attrs)
        if t == 'list':
            item = location_name(shape['member'], self.shapes, 'member')
            return El(name, children=[
                self.element(item, shape['member']['shape'], depth + 1)
                for _ in range(self.list_count())])
        if t == 'map':
            seen = set()
            entries = [self.entry(shape, depth, seen)
                       for _ in range(self.list_count())]
            return El(name, children=[El('entry', children=e)
                                      for e in entries if e])
        raw = self.scalar_text(shape)
        if t != 'string' and self.rng.random() >= 0.03:
            # numbers, booleans, timestamps, blobs: plain text as services
            # send them (rarely: through the same entity/CDATA mangling)
            return El(name, text=raw)
        return El(name, text=self.style.text(raw))

    def scalar_text(self, shape):
        rng = self.rng
        t = shape['type']
        if t == 'string':
            if 'enum' in shape:
                if rng.random() < self.style.p_unknown_enum:
                    return rng.choice(UNKNOWN_ENUMS)
                return rng.choice(shape['enum'])
            s = rand_text(rng, weighted(rng, STRING_STYLES), True)
            return s
        if t in INT_RANGE:
            lo, hi = INT_RANGE[t]
            return str(rand_int(rng, lo, hi))
        if t == 'boolean':
            return rng.choice(['true', 'false'])
        if t in ('float', 'double'):
            v = rand_float(rng, {})
            form = rng.choice(['repr', 'fixed', 'sci', 'int'])
            if form == 'fixed':
                return '%.3f' % v
            if form == 'sci':
                return '%.4E' % v
            if form == 'int':
                return str(int(v)) if abs(v) < 1e15 else repr(v)
            return repr(v)
        if t == 'timestamp':
            return rand_timestamp_response(rng)
        if t == 'blob':
            raw = bytes(rng.randrange(256) for _ in range(rng.randint(0, 24)))
            return base64.b64encode(raw).decode('ascii')
        raise SystemExit(f'error: unsupported shape type {t!r}')

    def response(self, op, mode):
        rng = self.rng
        self.begin(mode)
        root_kids = []
        out = op.get('output')
        if out:
            shape = self.shapes[out['shape']]
            kids, attrs = self.struct_children(shape, 0)
            wrapper = out.get('resultWrapper')
            if wrapper:
                root_kids.append(El(wrapper, children=kids, attrs=attrs))
            else:
                root_kids.extend(kids)
        root_kids.append(El('ResponseMetadata', children=[
            El('RequestId', text=rand_uuid(rng))]))
        if rng.random() < self.style.p_unknown:
            root_kids.insert(rng.randint(0, len(root_kids)),
                             self.unknown_element({'ResponseMetadata'}))
        root = El(op['name'] + 'Response', children=root_kids,
                  attrs=[('xmlns', self.namespace())])
        return {'status': 200, 'body': self.style.render(root)}

    # -- errors ----------------------------------------------------------
    def error(self, op):
        rng = self.rng
        self.begin('random')
        modeled = []
        for e in op.get('errors', []):
            es = self.shapes[e['shape']]
            info = es.get('error', {})
            modeled.append((info.get('code', e['shape']),
                            info.get('httpStatusCode', 400),
                            'Sender' if info.get('senderFault') else 'Receiver',
                            es))
        kind = weighted(rng, [(6 if modeled else 0, 'modeled'),
                              (5, 'generic'), (1, 'bare5xx')])
        if kind == 'bare5xx':
            status = rng.choice([500, 502, 503, 504])
            body = rng.choice([
                '', '<html><body><b>Http/1.1 Service Unavailable</b></body></html>',
                '\n<html><body>Bad Gateway</body></html>\n', '   '])
            return {'status': status, 'body': body}
        if kind == 'modeled':
            code, status, etype, eshape = rng.choice(modeled)
            if rng.random() < 0.15:
                status = rng.choice([400, 404, 500])
        else:
            code, status, etype = rng.choice(GENERIC_ERRORS)
            eshape = None
        if rng.random() < 0.1:
            etype = 'Receiver' if etype == 'Sender' else 'Sender'
        err = []
        if rng.random() < 0.95:
            err.append(self.leaf('Type', etype))
        err.append(self.leaf('Code', code))
        mkind = weighted(rng, [(8, 'text'), (1, 'absent'), (1, 'empty')])
        if mkind == 'text':
            msg = rng.choice(ERROR_MESSAGES) or rand_text(rng, 'mixed', True)
            if rng.random() < 0.3:
                msg += ' ' + rand_text(rng, 'unicode', True)
            err.append(self.leaf('Message', msg))
        elif mkind == 'empty':
            err.append(El('Message', text=''))    # <Message/> or pair
        if eshape is not None and eshape.get('members'):
            kids, _ = self.struct_children(eshape, 1)
            # a modeled member named like Type/Code/Message is that element
            used = {e.name for e in err} | {'Type', 'Code', 'Message'}
            err.extend(k for k in kids if k.name not in used)
        if rng.random() < 0.1:
            err.append(El('Detail', text=''))
        if rng.random() < self.style.p_shuffle:
            rng.shuffle(err)
        root = El('ErrorResponse', children=[
            El('Error', children=err), El('RequestId', text=rand_uuid(rng))],
            attrs=[('xmlns', self.namespace())])
        return {'status': status, 'body': self.style.render(root)}


# ------------------------------------------------------------------ main

def record_mode(i):
    return {0: 'minimal', 1: 'full', 2: 'full-empty'}.get(i, 'random')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('kind', choices=['requests', 'responses', 'errors'])
    ap.add_argument('--model', required=True,
                    help='path to service-2.json or service-2.json.gz')
    ap.add_argument('--operation', required=True)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--count', type=int, default=100)
    args = ap.parse_args(argv)

    sys.stdout.reconfigure(encoding='utf-8', newline='\n')
    doc = load_model(args.model)
    op = dict(find_operation(doc, args.operation))
    op.setdefault('name', args.operation)
    rng = random.Random(args.seed)
    out = []
    if args.kind == 'requests':
        gen = RequestGenerator(doc, rng)
        shape = op.get('input', {}).get('shape')
        for i in range(args.count):
            out.append(dump_line(gen.record(shape, record_mode(i))))
    elif args.kind == 'responses':
        gen = ResponseGenerator(doc, rng)
        for i in range(args.count):
            out.append(dump_line(gen.response(op, record_mode(i))))
    else:
        gen = ResponseGenerator(doc, rng)
        for i in range(args.count):
            out.append(dump_line(gen.error(op)))
    sys.stdout.write(''.join(line + '\n' for line in out))


if __name__ == '__main__':
    main()
