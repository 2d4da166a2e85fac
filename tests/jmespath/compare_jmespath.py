#!/usr/bin/env python3
"""Differential test of awsq::jmespath against python's jmespath (the AWS CLI's).

Seeded random expressions from a grammar covering every construct and function (plus mutated,
mostly invalid ones) over seeded random JSON documents go to the C++ driver (JSON lines
{"e": expr, "d": doc} on its stdin) and to python's jmespath. Each case must give the same
result (compared as JSON values: numbers numerically, object keys unordered, arrays in order) or
an error on both sides, of the same kind: a compile error (python's jmespath.compile raised)
or a runtime one (search raised, or its result cannot be JSON: an expression reference).

    compare_jmespath.py --driver PATH [--seed 1] [--count 10000] [--show 20]

Exit 0 when every case agrees, 1 on a mismatch, 77 when python's jmespath cannot be imported.
"""
import argparse
import json
import math
import random
import re
import subprocess
import sys

try:
    import jmespath
except ImportError:  # the skip code of the ctest
    print("python jmespath is not importable: skipped")
    sys.exit(77)

KEYS = ["a", "b", "c", "foo", "bar", "x", "y", "State", "Name", "Tags", "with space", "\u00fc", "0", "_id"]
STRINGS = ["", "a", "b", "foo", "Foo", "bar", "running", "stopped", "\u00fcber", "h\u00e9llo", "\U0001F600x",
           "12", "-3", " 4.5 ", "1e3", "1_000", "abc", "true", "null", "inf", "-Infinity", "nan", "0x10", ".5",
           "5.", " ", "a\"b", "back\\slash", "line\nbreak", "\u2028", "7"]
FLOATS = [0.5, -1.25, 2.0, 0.0, -0.0, 1e-05, 3.14, 1e20, 1.5e16, 123456.789, 0.1, 2.5, -7.75]
FUNCTIONS = ["abs", "avg", "ceil", "contains", "ends_with", "floor", "join", "keys", "length", "map", "max",
             "max_by", "merge", "min", "min_by", "not_null", "reverse", "sort", "sort_by", "starts_with", "sum",
             "to_array", "to_number", "to_string", "type", "values"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # ---- documents
    def scalar(self):
        r = self.r
        k = r.randrange(10)
        if k == 0:
            return None
        if k == 1:
            return r.choice([True, False])
        if k <= 4:
            return r.choice([r.randint(-5, 10), r.randint(-5, 10), r.randint(-2**40, 2**40), 0, 1])
        if k == 5:
            return r.choice(FLOATS + [r.randint(-400, 400) / 4])
        return r.choice(STRINGS)

    def doc(self, depth=3):
        r = self.r
        k = r.randrange(10)
        if depth <= 0 or k < 3:
            return self.scalar()
        if k < 6:
            return [self.doc(depth - 1) for _ in range(r.randint(0, 5))]
        return {r.choice(KEYS): self.doc(depth - 1) for _ in range(r.randint(0, 5))}

    def top(self):
        r = self.r
        if r.random() < 0.5:  # records: arrays of objects, as AWS answers look
            rec = lambda: {k: self.doc(1) for k in r.sample(KEYS[:9], r.randint(1, 5))}
            return {k: [rec() for _ in range(r.randint(0, 5))] if r.random() < 0.7 else self.doc(3)
                    for k in r.sample(KEYS, r.randint(1, 4))}
        return self.doc(4)

    # ---- expressions
    def ident(self):
        r = self.r
        k = r.randrange(12)
        if k < 8:
            return r.choice(["a", "b", "c", "foo", "bar", "x", "y", "State", "Name", "Tags", "_id", "zz"])
        return r.choice(['"with space"', '"\\u00fc"', '"\u00fc"', '"0"', '"a\\"b"', '"\\ud83d\\ude00x"',
                         '"foo"', '"\\n"', '""'])

    def literal(self):
        r = self.r
        k = r.randrange(8)
        if k == 0:  # the deprecated unquoted form
            return "`" + r.choice(["foo", " bar", "a b", "abc\\u00fc", "-", "{", "x\\`y"]) + "`"
        if k == 1:
            return "'" + r.choice(["", "a", "foo", "it\\'s", "back\\\\slash", "\u00fc", "12", "running"]) + "'"
        text = json.dumps(self.doc(2), ensure_ascii=r.random() < 0.5)
        return "`" + text.replace("`", "\\`") + "`"

    def number(self):
        return str(self.r.choice([-3, -2, -1, 0, 1, 2, 3, 5, 10]))

    def slice(self):
        r = self.r
        parts = [r.choice(["", self.number()]) for _ in range(2)]
        out = parts[0] + ":" + parts[1]
        if r.random() < 0.5:
            out += ":" + r.choice(["", "1", "2", "-1", "-2", "3", "0" if r.random() < 0.2 else "1"])
        return "[" + out + "]"

    def rhs(self, d):
        r = self.r
        k = r.randrange(8)
        if k < 2:
            return ""
        if k < 5:
            return "." + self.ident()
        if k == 5:
            return "[" + self.number() + "]"
        if k == 6:
            return "." + self.multi(d - 1)
        return "[*]"

    def multi(self, d):
        r = self.r
        if r.random() < 0.5:
            return "[" + ", ".join(self.expr(d - 1) for _ in range(r.randint(1, 3))) + "]"
        return "{" + ", ".join(r.choice(["a", "b", "k", '"q k"', "x"]) + ": " + self.expr(d - 1)
                               for _ in range(r.randint(1, 3))) + "}"

    def cond(self, d):
        r = self.r
        op = r.choice(["==", "!=", "<", "<=", ">", ">="])
        k = r.randrange(5)
        if k == 0:
            return self.expr(d - 1)
        if k == 1:
            return "!" + self.primary(d - 1)
        return self.primary(d - 1) + " " + op + " " + r.choice([self.literal(), self.primary(d - 1), self.literal()])

    def arg(self, d, kind):
        r = self.r
        if r.random() < 0.15:
            return self.expr(d - 1)
        if kind == "expref":
            return "&" + self.primary(d - 1)
        if kind == "number":
            return r.choice(["`" + str(r.choice(FLOATS + [3, -4, 0])) + "`", self.primary(d - 1)])
        if kind == "string":
            return r.choice(["'" + r.choice(["", "a", "fo", "o", ", ", "\u00fc"]) + "'", self.primary(d - 1), "@"])
        if kind == "array":
            return r.choice(["@", self.primary(d - 1), "`[3, 1, 2]`", '`["b", "a", "c"]`', "`[1.5, -2, 7]`",
                             "`[]`", "`[{\"a\": 2}, {\"a\": 1}, {\"a\": 2, \"b\": 0}]`", self.primary(d - 1) + "[*]"])
        if kind == "object":
            return r.choice(["@", self.primary(d - 1), '`{"a": 1, "b": [2]}`', "{a: a, z: `1`}"])
        return self.expr(d - 1)

    SIGNATURES = {
        "abs": ["number"], "avg": ["array"], "ceil": ["number"], "contains": ["array", "any"],
        "ends_with": ["string", "string"], "floor": ["number"], "join": ["string", "array"],
        "keys": ["object"], "length": ["any"], "map": ["expref", "array"], "max": ["array"],
        "max_by": ["array", "expref"], "merge": ["object", "object"], "min": ["array"],
        "min_by": ["array", "expref"], "not_null": ["any", "any"], "reverse": ["any"], "sort": ["array"],
        "sort_by": ["array", "expref"], "starts_with": ["string", "string"], "sum": ["array"],
        "to_array": ["any"], "to_number": ["any"], "to_string": ["any"], "type": ["any"], "values": ["object"],
    }

    def function(self, d):
        r = self.r
        name = r.choice(FUNCTIONS + ["nope"] if r.random() < 0.03 else FUNCTIONS)
        kinds = list(self.SIGNATURES.get(name, ["any"]))
        if name in ("merge", "not_null"):
            kinds = kinds[:r.randint(1, 3)] + ["any"] * r.randint(0, 1)
        if r.random() < 0.05:  # wrong arity
            kinds = kinds[:-1] if kinds and r.random() < 0.5 else kinds + ["any"]
        return name + "(" + ", ".join(self.arg(d, k) for k in kinds) + ")"

    def primary(self, d):
        r = self.r
        if d <= 0:
            return r.choice([self.ident(), "@", self.literal(), self.ident() + "." + self.ident()])
        k = r.randrange(20)
        if k < 4:
            return self.ident()
        if k == 4:
            return "@"
        if k == 5:
            return self.literal()
        if k == 6:
            return self.primary(d - 1) + "." + self.ident()
        if k == 7:
            return self.primary(d - 1) + "[" + self.number() + "]"
        if k == 8:
            return self.primary(d - 1) + self.slice() + self.rhs(d)
        if k == 9:
            return self.primary(d - 1) + "[*]" + self.rhs(d)
        if k == 10:
            return self.primary(d - 1) + ".*" + self.rhs(d)
        if k == 11:
            return self.primary(d - 1) + "[]" + self.rhs(d)
        if k == 12:
            return self.primary(d - 1) + "[?" + self.cond(d) + "]" + self.rhs(d)
        if k == 13:
            return self.multi(d)
        if k == 14:
            return "(" + self.expr(d - 1) + ")"
        if k <= 17:
            return self.function(d)
        if k == 18:
            return "!" + self.primary(d - 1)
        return r.choice(["*", "[*]", "[]", "[0]", "[-1]", "[?@]"]) + self.rhs(d)

    def expr(self, d=4):
        r = self.r
        if d <= 0:
            return self.primary(0)
        k = r.randrange(10)
        if k < 5:
            return self.primary(d)
        if k == 5:
            return self.primary(d - 1) + " | " + self.expr(d - 1)
        if k == 6:
            return self.primary(d - 1) + r.choice([" || ", " && "]) + self.primary(d - 1)
        if k == 7:
            return self.cond(d)
        if k == 8:
            return self.primary(d - 1) + "." + self.function(d - 1)
        return "&" + self.primary(d - 1) if r.random() < 0.1 else self.primary(d)

    def mutate(self, e):
        r = self.r
        pool = list(".*[]{}()?,:|&!=<>@`'\"-0123456789abc \\") + ["[?", "&&", "||", "==", "[]", "\u00e9"]
        for _ in range(r.randint(1, 2)):
            at = r.randint(0, len(e))
            k = r.randrange(3)
            if k == 0 and e:
                e = e[:at] + e[at + 1:]
            elif k == 1:
                e = e[:at] + r.choice(pool) + e[at:]
            else:
                e = e[:at] + r.choice(pool) + e[at + 1:]
        return e

    def case(self):
        e = self.expr(self.r.randint(1, 4))
        if self.r.random() < 0.12:
            e = self.mutate(e)
        return e, self.top()


def python_answer(expr, doc):
    """("ok", value) or ("compile"|"runtime", message)."""
    try:
        compiled = jmespath.compile(expr)
    except Exception as e:  # noqa: BLE001 - any exception is python's answer
        return "compile", f"{type(e).__name__}: {e}"
    try:
        value = compiled.search(doc)
        text = json.dumps(value, allow_nan=True)
    except Exception as e:  # noqa: BLE001
        return "runtime", f"{type(e).__name__}: {e}"
    if "<jmespath.visitor._Expression object at" in text:  # to_string(&e): an address; awsq refuses it
        return "runtime", "to_string of an expression reference"
    return "ok", value


def lone_surrogate(expr):
    """Whether a \\uXXXX escape in the expression is half a surrogate pair: python keeps it, awsq refuses it."""
    units, at = [], 0
    while (at := expr.find("\\", at)) >= 0:  # every escape, so that "\\\\u..." is no \\u escape
        if expr[at + 1:at + 2] == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", expr[at + 2:at + 6]):
            units.append((at, int(expr[at + 2:at + 6], 16)))
        at += 2
    paired = set()
    for (at, u), (next_at, v) in zip(units, units[1:]):
        if 0xD800 <= u <= 0xDBFF and 0xDC00 <= v <= 0xDFFF and next_at == at + 6:
            paired.update((at, next_at))
    return any(0xD800 <= u <= 0xDFFF and at not in paired for at, u in units)


def same(a, b):
    """Equal as JSON values: numbers by value (NaN equals NaN), booleans apart from numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--driver", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()

    gen = Gen(args.seed)
    cases = [gen.case() for _ in range(args.count)]
    lines = "".join(json.dumps({"e": e, "d": d}) + "\n" for e, d in cases)
    run = subprocess.run([args.driver], input=lines.encode(), capture_output=True, check=True)
    answers = run.stdout.decode().split("\n")[:-1]
    if len(answers) != len(cases):
        print(f"driver answered {len(answers)} lines for {len(cases)} cases")
        return 1

    tally = {"value": 0, "non-null": 0, "compile": 0, "runtime": 0, "skipped": 0}
    bad = []
    for (expr, doc), mine in zip(cases, answers):
        # known differences: awsq's strings are UTF-8; python's to_string(&e) is an object's address
        if lone_surrogate(expr) or "to_string(&" in expr:
            tally["skipped"] += 1
            continue
        kind, want = python_answer(expr, doc)
        if mine.startswith("error "):
            got_kind = mine.split(":", 1)[0][len("error "):]
            if kind == got_kind:
                tally[kind] += 1
                continue
        elif kind == "ok":
            got = json.loads(mine)
            if same(got, want):
                tally["value"] += 1
                tally["non-null"] += want is not None
                continue
        bad.append((expr, doc, kind, want, mine))

    print(f"seed {args.seed}: {len(cases)} cases: {tally['value']} equal values ({tally['non-null']} not null), "
          f"{tally['compile']} compile errors and {tally['runtime']} runtime errors on both sides, "
          f"{tally['skipped']} skipped (lone surrogates, to_string(&...)), {len(bad)} mismatches")
    for expr, doc, kind, want, mine in bad[:args.show]:
        print(f"\nexpression: {expr}\ndocument:   {json.dumps(doc)}\npython:     {kind} {json.dumps(want) if kind == 'ok' else want}"
              f"\nawsq:       {mine}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
