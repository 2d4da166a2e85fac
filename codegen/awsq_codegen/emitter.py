"""Emitter: a ShapeGraph -> one C++ header of data (enums, structs, operation descriptors, wire facts).

One function per construct; the output is byte-stable and reads like hand-written code.
"""

from __future__ import annotations

import html
import re
import textwrap
from html.parser import HTMLParser
from pathlib import PurePath

from .graph import ShapeGraph
from .loader import Member, Shape
from .naming import enumerator_names, identifier

INDENT = "    "
WIDTH = 100
TIMESTAMP_FORMATS = {"iso8601": "iso8601", "rfc822": "rfc822", "unixTimestamp": "unix_timestamp"}


class _Text(HTMLParser):
    """Collects the text of the first paragraph of a model's HTML documentation."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "ul", "ol", "li", "note", "important") and "".join(self.parts).strip():
            self.done = True

    def handle_data(self, data):
        if not self.done:
            self.parts.append(data)


def doc_text(documentation: str, limit: int = 400) -> str:
    """Plain text of the documentation's first paragraph, cut at a sentence end near `limit`."""
    parser = _Text()
    parser.feed(documentation or "")
    text = re.sub(r"\s+", " ", html.unescape("".join(parser.parts))).strip()
    text = text.replace("*/", "* /")
    if len(text) > limit:
        cut = text.rfind(". ", 0, limit)
        text = text[: cut + 1] if cut > 0 else text[:limit].rstrip() + "..."
    return text


def doc_comment(documentation: str, indent: str = "") -> list[str]:
    text = doc_text(documentation)
    if not text:
        return []
    return [f"{indent}/// {line}" for line in textwrap.wrap(text, WIDTH - len(indent) - 4)]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _int(value: int) -> str:
    return "(-9223372036854775807 - 1)" if value == -(2**63) else str(value)


def _fields(pairs: list[tuple[str, str | None]]) -> str:
    """Designated initializers for the given (field, value) pairs, skipping absent values."""
    return "{" + ", ".join(f".{k} = {v}" for k, v in pairs if v is not None) + "}"


def wrap_call(head: str, items: list[str], tail: str) -> list[str]:
    """`head` + comma-separated items + `tail`, continued on indented lines past the width."""
    one = head + ", ".join(items) + tail
    if len(one) <= WIDTH:
        return [one]
    indent = re.match(r" *", head).group(0) + INDENT
    lines, line = [], head
    for i, item in enumerate(items):
        piece = item + ("," if i + 1 < len(items) else tail)
        if len(line) + len(piece) + 1 > WIDTH and line.strip() != head.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece if line.endswith(("(", "{", " ")) else " " + piece
    lines.append(line)
    return lines


class Emitter:
    def __init__(self, graph: ShapeGraph, source: str):
        self.g = graph
        self.ns = f"awsq::{identifier(graph.model.service)}"
        self.short_ns = identifier(graph.model.service)
        self.source = source

    # -- types ---------------------------------------------------------------------------------
    def enum(self, s: Shape) -> list[str]:
        names = enumerator_names(s.enum)
        out = doc_comment(s.documentation)
        out.append(f"enum class {self.g.type_name(s.name)} {{")
        out += [f"{INDENT}{n}," for n in names]
        out.append("};")
        out += wrap_call(f"BOOST_DESCRIBE_ENUM({self.g.type_name(s.name)}, ", names, ")")
        return out

    def struct(self, s: Shape) -> list[str]:
        name = self.g.type_name(s.name)
        out = doc_comment(s.documentation)
        out.append(f"struct {name} {{")
        for m in s.members:
            out += doc_comment(m.documentation, INDENT)
            out.append(f"{INDENT}{self.g.member_type(s, m)} {identifier(m.name)}{{}};")
        out.append("};")
        out += wrap_call(f"BOOST_DESCRIBE_STRUCT({name}, (), (", [identifier(m.name) for m in s.members], "))")
        return out

    def operation(self, op) -> list[str]:
        g = self.g
        out = doc_comment(op.documentation)
        out.append(f"struct {identifier(op.name)} {{")
        out.append(f"{INDENT}using input_type = {g.operation_type(op.input)};")
        out.append(f"{INDENT}using output_type = {g.operation_type(op.output)};")
        errors = ", ".join(g.type_name(e) for e in op.errors)
        out.append(f"{INDENT}using errors = boost::mp11::mp_list<{errors}>;")
        out.append(f"{INDENT}static constexpr std::string_view name = {_quote(op.name)};")
        out.append(f"{INDENT}static constexpr const awsq::service_facts& service = {self.ns}::service;")
        wrapper = _quote(op.result_wrapper) if op.result_wrapper else "{}"
        out.append(f"{INDENT}static constexpr std::string_view result_wrapper = {wrapper};")
        out.append(f"{INDENT}static constexpr std::string_view http_method = {_quote(op.method)};")
        out.append(f"{INDENT}static constexpr std::string_view request_uri = {_quote(op.request_uri)};")
        p = g.model.paginators.get(op.name)
        if p is not None:
            fields = _fields([
                ("input_token", _quote(p.input_token)),
                ("output_token", _quote(p.output_token)),
                ("limit_key", _quote(p.limit_key) if p.limit_key else None),
                ("result_key", _quote(p.result_key)),
                ("more_results", _quote(p.more_results) if p.more_results else None),
            ])
            out += wrap_call(f"{INDENT}static constexpr awsq::paginator_facts paginator{{", fields[1:-1].split(", "), "};")
        out.append("};")
        for a in g.aliases:
            if a.operation == op.name:
                out.append(f"using {a.name} = {a.target};")
        return out

    def service(self) -> list[str]:
        meta = self.g.model.metadata
        pairs = [
            ("name", self.g.model.service), ("service_id", meta.service_id),
            ("api_version", meta.api_version), ("endpoint_prefix", meta.endpoint_prefix),
            ("signing_name", meta.signing_name), ("signature_version", meta.signature_version),
            ("xml_namespace", meta.xml_namespace), ("protocol", meta.protocol),
        ]
        out = ["/// The service's metadata."]
        out.append("inline constexpr awsq::service_facts service{")
        out += [f"{INDENT}.{k} = {_quote(v)}," for k, v in pairs]
        out.append("};")
        return out

    # -- wire facts ----------------------------------------------------------------------------
    def _shape_ref(self, shape: str) -> str:
        return f"&{self.short_ns}::shapes::{self.g.type_name(shape)}"

    def shape_facts(self, s: Shape) -> str:
        pairs: list[tuple[str, str | None]] = [("name", _quote(s.name))]
        pairs.append(("min", _int(s.min) if s.min is not None else None))
        pairs.append(("max", _int(s.max) if s.max is not None else None))
        pairs.append(("flattened", "true" if s.flattened else None))
        if s.type == "list" and s.member.location_name:
            pairs.append(("member_name", _quote(s.member.location_name)))
        if s.type == "map":
            pairs.append(("key_name", _quote(s.key.location_name) if s.key.location_name else None))
            pairs.append(("value_name", _quote(s.value.location_name) if s.value.location_name else None))
        if s.timestamp_format:
            pairs.append(("format", f"timestamp_format::{TIMESTAMP_FORMATS[s.timestamp_format]}"))
        if s.type == "list":
            pairs.append(("member", "&" + self.g.type_name(s.member.shape)))
        if s.type == "map":
            pairs.append(("member", "&" + self.g.type_name(s.value.shape)))
            pairs.append(("key", "&" + self.g.type_name(s.key.shape)))
        return f"inline constexpr shape_facts {self.g.type_name(s.name)}{_fields(pairs)};"

    def shapes_in_definition_order(self) -> list[Shape]:
        order: list[Shape] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            s = self.g.shape(name)
            if s.type in ("list", "map"):
                for m in self.g._children(s):
                    visit(m.shape)
            order.append(s)

        for name in self.g.reachable:
            visit(name)
        return order

    def member_facts(self, owner: Shape, m: Member) -> str:
        fmt = m.timestamp_format or self.g.shape(m.shape).timestamp_format
        pairs = [
            ("name", _quote(m.name)),
            ("location_name", _quote(m.location_name) if m.location_name and m.location_name != m.name else None),
            ("required", "true" if m.name in owner.required else None),
            ("idempotency_token", "true" if m.idempotency_token else None),
            ("deprecated", "true" if m.deprecated else None),
            ("format", f"timestamp_format::{TIMESTAMP_FORMATS[fmt]}" if fmt else None),
            ("shape", self._shape_ref(m.shape)),
        ]
        return _fields(pairs)

    def struct_wire(self, s: Shape) -> list[str]:
        cpp = f"{self.short_ns}::{self.g.type_name(s.name)}"
        out = ["template <>", f"struct wire<{cpp}> {{"]
        out.append(f"{INDENT}static constexpr std::string_view name = {_quote(self.g.root_name(s))};")
        n = len(s.members)
        if n == 0:
            out.append(f"{INDENT}static constexpr std::array<member_facts, 0> members{{}};")
        else:
            out.append(f"{INDENT}static constexpr std::array<member_facts, {n}> members{{{{")
            out += [f"{INDENT * 2}{self.member_facts(s, m)}," for m in s.members]
            out.append(f"{INDENT}}}}};")
        if s.exception:
            fields = _fields([
                ("code", _quote(s.error_code or s.name)),
                ("http_status", str(s.error_status or 400)),
                ("sender_fault", "true" if s.sender_fault else "false"),
            ])
            out.append(f"{INDENT}static constexpr error_facts error{fields};")
        out.append("};")
        return out

    def enum_wire(self, s: Shape) -> list[str]:
        if enumerator_names(s.enum) == list(s.enum):
            return []
        cpp = f"{self.short_ns}::{self.g.type_name(s.name)}"
        values = ", ".join(_quote(v) for v in s.enum)
        return ["template <>", f"struct wire<{cpp}> {{",
                f"{INDENT}static constexpr std::string_view values[] = {{{values}}};", "};"]

    # -- the header ----------------------------------------------------------------------------
    def header(self) -> str:
        g, meta = self.g, self.g.model.metadata
        ops = ", ".join(o.name for o in g.operations)
        out = [
            f"// Generated by awsq codegen from {self.source}: do not edit.",
            f"// {meta.service_id or g.model.service} API {meta.api_version}: {ops}.",
            "#pragma once",
            "",
            "#include <awsq/model.hpp>",
            "",
            "#include <array>",
            "#include <cstdint>",
            "#include <map>",
            "#include <optional>",
            "#include <string>",
            "#include <string_view>",
            "#include <vector>",
            "",
            f"namespace {self.ns} {{",
            "",
        ]
        out += self.service() + [""]
        for s in g.enums:
            out += self.enum(s) + [""]
        for name in g.forward:
            out += [f"struct {g.type_name(name)};"]
        if g.forward:
            out.append("")
        for s in g.structures:
            out += self.struct(s) + [""]
        for op in g.operations:
            out += self.operation(op) + [""]
        names = ", ".join(identifier(o.name) for o in g.operations)
        out += ["/// Every operation of this header.", f"using operations = boost::mp11::mp_list<{names}>;", ""]
        out += [f"}}  // namespace {self.ns}", ""]

        out += ["// Wire facts reflection cannot carry: ranges, lengths, element names, requiredness.",
                f"namespace {self.ns}::shapes {{", ""]
        out += [self.shape_facts(s) for s in self.shapes_in_definition_order()]
        out += ["", f"}}  // namespace {self.ns}::shapes", "", "namespace awsq {", ""]
        for s in g.enums:
            block = self.enum_wire(s)
            out += block + ([""] if block else [])
        for s in g.structures:
            out += self.struct_wire(s) + [""]
        out += ["}  // namespace awsq", ""]
        return "\n".join(out)


def emit_header(graph: ShapeGraph, source: str | PurePath) -> str:
    return Emitter(graph, str(source)).header()
