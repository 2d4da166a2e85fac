"""Shared helpers for the differential-test tools: loading a service model.

A model is a botocore ``service-2.json`` document.  It may be given as a
plain ``.json`` file or gzip-compressed (``.json.gz``, as botocore ships its
own models); compression is detected from the file's magic bytes, not from
the file name.
"""

import gzip
import json
import sys


def load_model(path):
    """Return the parsed service-2.json document at ``path``."""
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    return json.loads(raw.decode('utf-8'))


def find_operation(doc, name):
    ops = doc.get('operations', {})
    if name not in ops:
        sys.exit(
            f'error: operation {name!r} not in model; '
            f'known: {", ".join(sorted(ops)) or "(none)"}'
        )
    return ops[name]


def setup_stdio():
    """Make stdin/stdout UTF-8 with '\\n' line ends, whatever the locale."""
    sys.stdout.reconfigure(encoding='utf-8', newline='\n')
    sys.stdin.reconfigure(encoding='utf-8')


def read_jsonl(stream):
    """Yield (line_number, decoded JSON value) for each non-blank line."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        yield lineno, json.loads(line)


# Characters that Python's str.splitlines() (and some other readers) treat
# as line breaks but that json.dumps(ensure_ascii=False) leaves raw.
_LINE_BREAKERS = {'\u0085': '\\u0085', '\u2028': '\\u2028',
                  '\u2029': '\\u2029'}


def dump_line(obj, sort_keys=False):
    """One compact JSON line: UTF-8 kept raw (ensure_ascii=False), except
    U+0085, U+2028 and U+2029, which are written as \\u escapes so that no
    line reader can split a record."""
    text = json.dumps(
        obj, ensure_ascii=False, separators=(',', ':'), sort_keys=sort_keys
    )
    for ch, esc in _LINE_BREAKERS.items():
        if ch in text:
            text = text.replace(ch, esc)
    return text
