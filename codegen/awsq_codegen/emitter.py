"""Emitter: a ShapeGraph -> C++ headers of data (enums, structs, operation descriptors, wire facts).

Headers, relative to the include root:
  awsq/<service>.hpp                   every chosen operation, and `operations`
  awsq/<service>/<operation>.hpp       one operation's descriptor and SDK aliases (boto3's name:
                                       describe_export_tasks.hpp), including the shapes it reaches
  awsq/<service>/shapes/<Shape>.hpp    one shape: its type, shape_facts and wire<> facts; the
                                       shapes of a cycle share the header of the first
  awsq/<service>/service.hpp           the service's metadata
  awsq/<service>/waiters.hpp           one descriptor per waiter of the chosen operations (when the
                                       model has a waiters-2.json): awsq::wait<> polls with them
Including an operation compiles exactly the shapes it reaches. One function per construct; the
output is byte-stable and reads like hand-written code.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import PurePath

from .docs import cpp_string, first_sentence, help_text
from .graph import (OPERATION_MEMBERS, PAGINATOR_PATHS_MEMBERS, WAITER_MEMBERS, PaginatorFacts, ResolvedPath,
                    ShapeGraph, Unit)
from .loader import Acceptor, Member, Operation, Shape, Waiter
from .naming import enumerator_names

INDENT = "    "
WIDTH = 100
TIMESTAMP_FORMATS = {"iso8601": "iso8601", "rfc822": "rfc822", "unixTimestamp": "unix_timestamp"}
# waiters-2.json's matcher names as awsq::waiter_matcher's enumerators.
WAITER_MATCHERS = {"path": "path", "pathAll": "path_all", "pathAny": "path_any", "status": "status", "error": "error"}
# Boost.Describe's BOOST_DESCRIBE_ENUM takes at most this many enumerators.
DESCRIBE_ENUM_LIMIT = 52


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
    lines = textwrap.wrap(text, WIDTH - len(indent) - 4)
    # A comment line ending in a backslash would continue onto the next line of code.
    return [f"{indent}/// {line}" + (" ." if line.endswith("\\") else "") for line in lines]


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
        line += piece if line.endswith(("(", "{", "<", " ")) else " " + piece
    lines.append(line)
    return lines


def one_per_line(head: str, items: list[str], tail: str) -> list[str]:
    """`head, item, item` + `tail` on one line, or else one item a line."""
    one = head + "".join(", " + i for i in items) + tail
    if len(one) <= WIDTH:
        return [one]
    return [head + ","] + [f"{INDENT}{i}," for i in items[:-1]] + [f"{INDENT}{items[-1]}{tail}"]


class Emitter:
    def __init__(self, graph: ShapeGraph, source: str, waiters_source: str | None = None):
        self.g = graph
        self.short_ns = graph.ns
        self.ns = f"awsq::{graph.ns}"
        self.source = source
        self.waiters_source = waiters_source or str(PurePath(source).with_name("waiters-2.json"))
        meta = graph.model.metadata
        self.title = meta.service_id or graph.model.service

    # -- types ---------------------------------------------------------------------------------
    def enum(self, s: Shape) -> list[str]:
        name = self.g.type_name(s.name)
        names = enumerator_names(s.enum)
        out = doc_comment(s.documentation)
        out.append(f"enum class {name} {{")
        out += [f"{INDENT}{n}," for n in names]
        out.append("};")
        if len(names) <= DESCRIBE_ENUM_LIMIT:
            out += wrap_call(f"BOOST_DESCRIBE_ENUM({name}, ", names, ")")
        else:   # past the macro's limit: its expansion, one enumerator a line
            out.append(f"BOOST_DESCRIBE_ENUM_BEGIN({name})")
            out += [f"{INDENT}BOOST_DESCRIBE_ENUM_ENTRY({name}, {n})" for n in names]
            out.append(f"BOOST_DESCRIBE_ENUM_END({name})")
        return out

    def struct(self, s: Shape) -> list[str]:
        g, name = self.g, self.g.type_name(s.name)
        out = doc_comment(s.documentation)
        out.append(f"struct {name} {{")
        for m in s.members:
            out += doc_comment(m.documentation, INDENT)
            out.append(f"{INDENT}{g.member_type(s, m)} {g.member_name(s, m)}{{}};")
        out.append("};")
        described = [f'awsq::described_member<&{name}::{g.member_name(s, m)}, "{g.member_name(s, m)}">'
                     for m in s.members]
        out += one_per_line(f"AWSQ_DESCRIBE_STRUCT({name}", described, ");")
        return out

    def operation(self, op: Operation) -> list[str]:
        g = self.g
        hidden = OPERATION_MEMBERS
        out = doc_comment(op.documentation)
        out.append(f"struct {g.operation_name(op.name)} {{")
        out.append(f"{INDENT}using input_type = {g.operation_type(op.input, hidden)};")
        out.append(f"{INDENT}using output_type = {g.operation_type(op.output, hidden)};")
        out += wrap_call(f"{INDENT}using errors = boost::mp11::mp_list<", [g.qualified(e, hidden) for e in op.errors], ">;")
        out.append(f"{INDENT}static constexpr std::string_view name = {_quote(op.name)};")
        out.append(f"{INDENT}static constexpr const awsq::service_facts& service = {self.ns}::service;")
        wrapper = _quote(op.result_wrapper) if op.result_wrapper else "{}"
        out.append(f"{INDENT}static constexpr std::string_view result_wrapper = {wrapper};")
        out.append(f"{INDENT}static constexpr std::string_view http_method = {_quote(op.method)};")
        out.append(f"{INDENT}static constexpr std::string_view request_uri = {_quote(op.request_uri)};")
        p = g.paginators.get(op.name)
        if p is not None:
            out += self.paginator(p)
        out.append("};")
        for a in g.aliases:
            if a.operation == op.name:
                out.append(f"using {a.name} = {a.target};")
        return out

    def paginator(self, p: PaginatorFacts) -> list[str]:
        """The paths as botocore writes them (paginator), then as the members they read (paginator_paths)."""
        written = p.paginator
        out = [f"{INDENT}static constexpr awsq::paginator_facts paginator{{"]
        for key, path in (("limit_key", written.limit_key), ("more_results", written.more_results)):
            if path:
                out.append(f"{INDENT * 2}.{key} = {_quote(path.text)},")
        for key, paths in (("input_tokens", written.input_tokens), ("output_tokens", written.output_tokens),
                           ("result_keys", written.result_keys), ("non_aggregate_keys", written.non_aggregate_keys)):
            if paths:
                out += wrap_call(f"{INDENT * 2}.{key} = awsq::strings<", [_quote(x.text) for x in paths], ">,")
        out.append(f"{INDENT}}};")
        out.append(f"{INDENT}struct paginator_paths {{")
        for key, paths in (("input_tokens", p.input_tokens), ("limit_key", p.limit_key),
                           ("output_tokens", p.output_tokens), ("result_keys", p.result_keys),
                           ("more_results", p.more_results)):
            if isinstance(paths, tuple):
                out += self.path_alias(key, "boost::mp11::mp_list<", paths, ">;")
            elif paths:
                out += self.path_alias(key, "", (paths,), ";")
        out.append(f"{INDENT}}};")
        return out

    def path_alias(self, key: str, head: str, paths: tuple[ResolvedPath, ...], tail: str) -> list[str]:
        """`using key = head paths tail;` on one line, or else one path a line (its steps wrapped past the width)."""
        one = f"{INDENT * 2}using {key} = {head}" + ", ".join("awsq::path<" + ", ".join(self.steps(p)) + ">"
                                                             for p in paths) + tail
        if len(one) <= WIDTH:
            return [one]
        out = [f"{INDENT * 2}using {key} = {head}".rstrip()]
        for i, p in enumerate(paths):
            out += wrap_call(f"{INDENT * 3}awsq::path<", self.steps(p), ">" + ("," if i + 1 < len(paths) else tail))
        return out

    def steps(self, path: ResolvedPath) -> list[str]:
        """A path's steps as awsq::path's arguments: `&Shape::Member` a member, an integer a list element."""
        hidden = OPERATION_MEMBERS | PAGINATOR_PATHS_MEMBERS
        return [str(s) if isinstance(s, int) else f"&{self.g.qualified(s[0], hidden)}::{s[1]}" for s in path.steps]

    def acceptor(self, a: Acceptor) -> list[str]:
        """One acceptor, continued on indented lines past the width."""
        fields = [f".matcher = awsq::waiter_matcher::{WAITER_MATCHERS[a.matcher]}",
                  f".state = awsq::waiter_state::{a.state}"]
        if a.argument is not None:
            fields.append(f".argument = {_quote(a.argument)}")
        fields.append(f".expected = {_quote(json.dumps(a.expected, separators=(',', ':')))}")
        return wrap_call(f"{INDENT * 2}{{", fields, "},")

    def waiter(self, w: Waiter) -> list[str]:
        g = self.g
        op = g.operation_name(w.operation)
        if op in WAITER_MEMBERS:
            op = f"{self.short_ns}::{op}"
        out = doc_comment(w.description)
        out += doc_comment(f"Polls {w.operation} every {w.delay} s, at most {w.max_attempts} times, until an "
                           f"acceptor decides.")
        out.append(f"struct {g.waiter_name(w.name)} {{")
        out.append(f"{INDENT}using operation = {op};")
        out.append(f"{INDENT}static constexpr std::string_view name = {_quote(w.name)};")
        out.append(f"{INDENT}static constexpr std::chrono::seconds delay{{{w.delay}}};")
        out.append(f"{INDENT}static constexpr int max_attempts = {w.max_attempts};")
        out.append(f"{INDENT}static constexpr std::array<awsq::waiter_acceptor, {len(w.acceptors)}> acceptors{{{{")
        for a in w.acceptors:
            out += self.acceptor(a)
        out.append(f"{INDENT}}}}};")
        out.append("};")
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
    def _shape_ref(self, m: Member) -> str:
        return f"&{self.short_ns}::shapes::{self.g.facts_name(m)}"

    def shape_facts(self, s: Shape, variant: tuple[bool, str] | None = None) -> str:
        """The shape's facts; a variant is the same facts with `flattened` as a reference sets it."""
        flattened = s.flattened if variant is None else variant[0]
        pairs: list[tuple[str, str | None]] = [("name", _quote(s.name))]
        pairs.append(("min", _int(s.min) if s.min is not None else None))
        pairs.append(("max", _int(s.max) if s.max is not None else None))
        pairs.append(("flattened", "true" if flattened else None))
        # A list flattened by its reference (Smithy's @xmlFlattened) is named by that reference
        # alone: the specification ignores the list member's name there, where botocore uses it.
        if s.type == "list" and s.member.location_name and not (variant and flattened):
            pairs.append(("member_name", _quote(s.member.location_name)))
        if s.type == "map":
            pairs.append(("key_name", _quote(s.key.location_name) if s.key.location_name else None))
            pairs.append(("value_name", _quote(s.value.location_name) if s.value.location_name else None))
        if s.timestamp_format:
            pairs.append(("format", f"timestamp_format::{TIMESTAMP_FORMATS[s.timestamp_format]}"))
        if s.type == "list":
            pairs.append(("member", "&" + self.g.facts_name(s.member)))
        if s.type == "map":
            pairs.append(("member", "&" + self.g.facts_name(s.value)))
            pairs.append(("key", "&" + self.g.facts_name(s.key)))
        name = variant[1] if variant else self.g.type_name(s.name)
        return f"inline constexpr shape_facts {name}{_fields(pairs)};"

    def member_facts(self, owner: Shape, m: Member) -> str:
        fmt = m.timestamp_format or self.g.shape(m.shape).timestamp_format
        pairs = [
            ("name", _quote(m.name)),
            ("location_name", _quote(m.location_name) if m.location_name and m.location_name != m.name else None),
            ("required", "true" if m.name in owner.required else None),
            ("idempotency_token", "true" if m.idempotency_token else None),
            ("deprecated", "true" if m.deprecated else None),
            ("format", f"timestamp_format::{TIMESTAMP_FORMATS[fmt]}" if fmt else None),
            ("shape", self._shape_ref(m)),
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
        if s.union:
            out.append(f"{INDENT}static constexpr bool tagged_union = true;")
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
        values = [_quote(v) for v in s.enum]
        return ["template <>", f"struct wire<{cpp}> {{",
                *wrap_call(f"{INDENT}static constexpr std::string_view values[] = {{", values, "};"), "};"]

    # -- headers -------------------------------------------------------------------------------
    def preamble(self, what: str, includes: list[str], source: str | None = None) -> list[str]:
        out = [f"// Generated by awsq codegen from {source or self.source}: do not edit."]
        out += textwrap.wrap(what, WIDTH, initial_indent="// ", subsequent_indent="// ")
        out += ["#pragma once", ""]
        generated = sorted(i for i in includes if i.startswith("awsq/"))
        standard = sorted(i for i in includes if not i.startswith("awsq/"))
        out += [f"#include <{i}>" for i in generated]
        if generated and standard:
            out.append("")
        out += [f"#include <{i}>" for i in standard]
        return out + [""]

    def facts_order(self, unit: Unit) -> list[Shape]:
        """The unit's shapes with each list or map after the element facts it points to."""
        order: list[Shape] = []
        seen: set[str] = set()
        members = set(unit.shapes)

        def visit(name: str) -> None:
            if name in seen or name not in members:
                return
            seen.add(name)
            s = self.g.shape(name)
            if s.type in ("list", "map"):
                for m in self.g.children(s):
                    visit(m.shape)
            order.append(s)

        for name in unit.shapes:
            visit(name)
        return order

    def unit_header(self, unit: Unit) -> str:
        g = self.g
        shapes = set(unit.shapes)
        enums = [g.shape(n) for n in unit.shapes if g.is_enum(n)]
        structures = [s for s in g.structures if s.name in shapes]
        forward = [n for n in g.forward if n in shapes]
        wire = [b for b in (self.enum_wire(s) for s in enums) if b] + [self.struct_wire(s) for s in structures]
        includes = ["awsq/model.hpp"] + [d.path for d in g.dependencies(unit)]
        if wire:
            includes.append("array")
        names = ", ".join(unit.shapes)
        what = f"{self.title} shape {names}." if len(unit.shapes) == 1 else f"{self.title} shapes {names}: a cycle."
        out = self.preamble(what, includes)
        if enums or structures:
            out += [f"namespace {self.ns} {{", ""]
            for s in enums:
                out += self.enum(s) + [""]
            out += [f"struct {g.type_name(n)};" for n in forward] + ([""] if forward else [])
            for s in structures:
                out += self.struct(s) + [""]
            out += [f"}}  // namespace {self.ns}", ""]
        out += [f"namespace {self.ns}::shapes {{", ""]
        for s in self.facts_order(unit):
            out.append(self.shape_facts(s))
            out += [self.shape_facts(s, v) for v in self.g.variants(s.name)]
        out += ["", f"}}  // namespace {self.ns}::shapes", ""]
        if wire:
            out += ["namespace awsq {", ""]
            for block in wire:
                out += block + [""]
            out += ["}  // namespace awsq", ""]
        return "\n".join(out)

    def forwarding_header(self, shape: str, unit: Unit) -> str:
        out = self.preamble(f"{self.title} shape {shape}: defined with its cycle in {unit.path}.", [unit.path])
        return "\n".join(out)

    def operation_header(self, op: Operation) -> str:
        g = self.g
        shapes = [s for s in (op.input, op.output, *op.errors) if s]
        includes = [g.service_path] + sorted({g.unit_of[s].path for s in shapes}) + ["string_view"]
        out = self.preamble(f"{self.title} operation {op.name}: its descriptor, with the shapes it reaches.", includes)
        out += [f"namespace {self.ns} {{", ""]
        out += self.operation(op) + [""]
        out += [f"}}  // namespace {self.ns}", ""]
        return "\n".join(out)

    def waiters_header(self) -> str:
        g, meta = self.g, self.g.model.metadata
        includes = ["awsq/waiter.hpp"] + sorted({g.operation_path[w.operation] for w in g.waiters})
        includes += ["array", "chrono", "string_view"]
        n = len(g.waiters)
        what = (f"{self.title} API {meta.api_version}: {n} waiter{'s' if n != 1 else ''}, "
                f"descriptors for awsq::wait<>.")
        out = self.preamble(what, includes, self.waiters_source)
        out += [f"namespace {self.ns} {{", ""]
        for w in g.waiters:
            out += self.waiter(w) + [""]
        out += [f"}}  // namespace {self.ns}", ""]
        return "\n".join(out)

    def service_header(self) -> str:
        meta = self.g.model.metadata
        out = self.preamble(f"{self.title} API {meta.api_version}: the service's metadata.", ["awsq/model.hpp"])
        out += [f"namespace {self.ns} {{", ""] + self.service() + ["", f"}}  // namespace {self.ns}", ""]
        return "\n".join(out)

    def umbrella(self) -> str:
        g, meta = self.g, self.g.model.metadata
        ops, shapes = len(g.operations), len(g.reachable)
        what = (f"{self.title} API {meta.api_version}: {ops} operation{'s' if ops != 1 else ''} and the "
                f"{shapes} shape{'s' if shapes != 1 else ''} they reach; one header per operation under "
                f"<awsq/{g.ns}/>.")
        includes = [g.service_path] + [g.operation_path[o.name] for o in g.operations] + ["boost/mp11/list.hpp"]
        out = self.preamble(what, includes)
        names = [g.operation_name(o.name) for o in g.operations]
        out += [f"namespace {self.ns} {{", "", "/// Every operation of this header."]
        out += wrap_call("using operations = boost::mp11::mp_list<", names, ">;")
        out += ["", f"}}  // namespace {self.ns}", ""]
        return "\n".join(out)

    def docs_header(self) -> str:
        """The documentation of the service, its operations and their input members, as text data."""
        g, meta = self.g, self.g.model.metadata
        out = self.preamble(f"{self.title} API {meta.api_version}: the model's documentation as text, for help "
                            "(awsq/documentation.hpp); not included by the other headers.",
                            ["awsq/documentation.hpp", "string_view"])
        out += [f"namespace {self.ns}::docs {{", "",
                "inline constexpr std::string_view service_summary =",
                f"    {cpp_string(first_sentence(g.model.documentation))};",
                ""]
        for op in g.operations:
            name = g.operation_name(op.name)
            members = g.shape(op.input).members if op.input else ()
            if members:
                out.append(f"inline constexpr awsq::member_documentation {name}_members[] = {{")
                for m in members:
                    text = help_text(m.documentation or g.shape(m.shape).documentation)
                    out.append(f'    {{"{m.name}",\n        {cpp_string(text)}}},')
                out += ["};"]
            out += [f"inline constexpr awsq::operation_documentation {name}{{",
                    f"    {cpp_string(first_sentence(op.documentation))},",
                    f"    {cpp_string(help_text(op.documentation))},",
                    f"    {name + '_members' if members else '{}'}}};", ""]
        out += [f"}}  // namespace {self.ns}::docs", ""]
        return "\n".join(out)

    def headers(self) -> dict[str, str]:
        g = self.g
        out = {g.umbrella_path: self.umbrella(), g.service_path: self.service_header(), g.docs_path: self.docs_header()}
        for op in g.operations:
            out[g.operation_path[op.name]] = self.operation_header(op)
        if g.waiters:
            out[g.waiters_path] = self.waiters_header()
        for unit in g.units:
            out[unit.path] = self.unit_header(unit)
            for shape in unit.shapes[1:]:
                out[g.shape_path[shape]] = self.forwarding_header(shape, unit)
        return dict(sorted(out.items()))


def emit_headers(graph: ShapeGraph, source: str | PurePath,
                 waiters_source: str | PurePath | None = None) -> dict[str, str]:
    """Every header of the graph: {path relative to the include root: text}, sorted by path. The
    sources name the model files in the headers' first line (waiters: beside the model by default)."""
    return Emitter(graph, str(source), str(waiters_source) if waiters_source else None).headers()
