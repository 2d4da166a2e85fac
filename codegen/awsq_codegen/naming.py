"""Naming: model names -> C++ identifiers that compile (keywords, macros, enum values like `t2.micro`)."""

from __future__ import annotations

import re

CPP_KEYWORDS = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export extern
false float for friend goto if inline int long mutable namespace new noexcept not not_eq nullptr
operator or or_eq private protected public register reinterpret_cast requires return short signed
sizeof static static_assert static_cast struct switch template this thread_local throw true try
typedef typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq
final override import module
""".split())

# Macros a C++ toolchain may define (linux and unix under -std=gnu++*), which would rewrite the name.
RESERVED_MACROS = frozenset("""
NULL EOF TRUE FALSE BUFSIZ EXIT_SUCCESS EXIT_FAILURE INFINITY NAN CHAR_BIT errno assert stdin stdout
stderr unix linux major minor DOMAIN OVERFLOW UNDERFLOW
""".split())

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def identifier(name: str) -> str:
    """A valid, unreserved C++ identifier for a model name; the name itself whenever possible."""
    out = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if not out or out[0].isdigit():
        out = "v" + out
    if out.startswith("_") or "__" in out:
        out = "v" + re.sub(r"_+", "_", out)
    if out in CPP_KEYWORDS or out in RESERVED_MACROS:
        out += "_"
    assert _IDENT.match(out), out
    return out


def enumerator_names(values: tuple[str, ...]) -> list[str]:
    """One distinct identifier per enum value, in order; later duplicates get a numeric suffix."""
    seen: set[str] = set()
    names = []
    for value in values:
        base = identifier(value)
        name, n = base, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        names.append(name)
    return names
