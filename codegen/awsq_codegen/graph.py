"""Shape graph: the closure of the chosen operations, their C++ names and types, a definition order,
the resolved paginators, the waiters of the chosen operations, and the units (one header each) the
shapes are emitted in.

Structures are ordered so each is defined before a member holds it by value; a member that would
close a cycle of by-value containment is held through awsq::indirect instead.

C++ names, decided over the whole model so that they do not depend on the chosen operations:
- a shape keeps its name unless it is a C++ keyword, a standard macro, not an identifier, or a
  name the generated code itself uses in the service's namespaces (RESERVED_TYPE_NAMES and the
  service's own namespace name): then it gets a trailing `_` (`class_`, `service_`), and a name
  already taken gets `_2`, `_3`, ... in model order;
- an operation's descriptor keeps the operation's name, or takes the suffix `Operation` when a
  structure or enum already has that name;
- the SDK aliases `<Operation>Request` / `<Operation>Result` are emitted only where the name is
  free: an alias is skipped when a shape, an operation or an earlier alias already has that name;
- a waiter's descriptor keeps the waiter's name (`DBInstanceAvailable`), or takes the suffix
  `Waiter` when a type, an operation or an alias already has that name (and `_` when it is one of
  the descriptor's own members, `name`);
- a structure member keeps its name unless it is a keyword or a macro (`class_`), numbered if that
  makes two members alike; its member_facts keep the model's name. A member may share its
  structure's name (`AdjustmentType::AdjustmentType`): the data member hides the class name.
Inside a structure whose member shares a name with a type it uses, that type is written
`<service>::Type`, so the member does not change the meaning of the name.

Files (see emitter.py): a shape's header is named after its C++ name, with `_2`, ... where two
names differ only in case (for case-insensitive file systems); the shapes of one cycle (strongly
connected component) share the header of the first in model order, and each of the others gets a
header that includes it. An operation's header takes boto3's snake_case name of the operation; the
waiters of the chosen operations share awsq/<service>/waiters.hpp.
"""

from __future__ import annotations

from dataclasses import dataclass

from .loader import Member, MemberPath, Model, ModelError, Operation, Paginator, Shape, Waiter
from .naming import distinct, identifier, snake_case

# Names the generated code uses unqualified (or as a qualifier) in awsq::<service> and
# awsq::<service>::shapes: a shape with one of these names is renamed.
RESERVED_TYPE_NAMES = frozenset({"std", "boost", "awsq", "service", "shapes", "operations", "docs",
                                 "shape_facts", "timestamp_format"})
# Members every operation descriptor declares: types named like them are qualified inside it.
OPERATION_MEMBERS = frozenset({"input_type", "output_type", "errors", "name", "service", "result_wrapper",
                               "http_method", "request_uri", "paginator", "paginator_paths"})
# Members of an operation's paginator_paths: types named like them are qualified inside it.
PAGINATOR_PATHS_MEMBERS = frozenset({"input_tokens", "output_tokens", "result_keys", "limit_key", "more_results"})
# File names under awsq/<service>/ that operation headers must not take.
RESERVED_FILES = frozenset({"service", "shapes", "waiters", "docs"})
# Members every waiter descriptor declares: an operation named like them is qualified inside it.
WAITER_MEMBERS = frozenset({"operation", "name", "delay", "max_attempts", "acceptors"})

SCALARS = {
    "string": "std::string",
    "integer": "std::int32_t",
    "long": "std::int64_t",
    "boolean": "bool",
    "double": "double",
    # botocore reads and writes "float" as a Python float (a double); a C++ float would lose digits.
    "float": "double",
    "timestamp": "awsq::timestamp",
    "blob": "awsq::blob",
}


@dataclass(frozen=True)
class Alias:
    name: str
    target: str       # C++ type name
    role: str         # "input" or "output"
    operation: str


@dataclass(frozen=True)
class ResolvedPath:
    """A paginator path resolved against the shapes: each step the (structure, C++ member name) it
    reads, or the index of one element of the list reached so far."""
    text: str
    steps: tuple[tuple[str, str] | int, ...]


@dataclass(frozen=True)
class PaginatorFacts:
    """A paginator resolved against its operation's shapes: its paths as written (awsq::paginator_facts)
    and as members (the descriptor's paginator_paths); non_aggregate_keys are checked, not resolved."""
    paginator: Paginator           # every token and key, as botocore writes it
    input_tokens: tuple[ResolvedPath, ...]
    output_tokens: tuple[ResolvedPath, ...]
    result_keys: tuple[ResolvedPath, ...]
    limit_key: ResolvedPath | None
    more_results: ResolvedPath | None


@dataclass
class Unit:
    """Shapes emitted in one header: a single shape, or the shapes of one cycle."""
    shapes: list[str]              # model order
    path: str                      # relative to the include root, e.g. awsq/rds/shapes/Filter.hpp


class ShapeGraph:
    def __init__(self, model: Model, operations: list[str] | None = None):
        self.model = model
        self.ns = identifier(model.service)           # awsq::<ns>
        self.folder = f"awsq/{model.service}"         # <awsq/<service>/...>, as the umbrella <awsq/<service>.hpp>
        wanted = list(model.operations) if operations is None else list(operations)
        for name in wanted:
            if name not in model.operations:
                raise ModelError(model.file, None, f"unknown operation {name}")
        # Model order, so the output does not depend on the order of the caller's list.
        self.operations: list[Operation] = [o for n, o in model.operations.items() if n in wanted]
        self.reachable: list[str] = []          # every shape reached, in discovery order
        self._discover()
        self.indirect: set[tuple[str, str]] = set()   # (structure, member) held through indirect
        self.structures: list[Shape] = []
        self.enums: list[Shape] = [self.shape(n) for n in self.reachable if self.is_enum(n)]
        self._order()
        self._name()
        self.paginators: dict[str, PaginatorFacts] = {}
        for op in self.operations:
            if op.name in model.paginators:
                self.paginators[op.name] = self._resolve_paginator(op, model.paginators[op.name])
        # The waiters of the chosen operations, in the order of waiters-2.json.
        chosen = {o.name for o in self.operations}
        self.waiters: list[Waiter] = [w for w in model.waiters.values() if w.operation in chosen]
        self._layout()

    # -- closure -------------------------------------------------------------------------------
    def shape(self, name: str) -> Shape:
        return self.model.shapes[name]

    def is_enum(self, name: str) -> bool:
        s = self.shape(name)
        return s.type == "string" and bool(s.enum)

    def has_type(self, name: str) -> bool:
        """Whether the shape is a C++ type of its own in awsq::<service> (a structure or an enum)."""
        return self.shape(name).type == "structure" or self.is_enum(name)

    def _check(self, owner: str, what: str, target: str | None) -> None:
        if target is not None and target not in self.model.shapes:
            raise ModelError(self.model.file, owner, f"{what} refers to unknown shape {target}")

    def _discover(self) -> None:
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            self.reachable.append(name)
            s = self.shape(name)
            for m in self.children(s):
                self._check(name, f"member {m.name}", m.shape)
                visit(m.shape)

        for op in self.operations:
            for role, target in (("input", op.input), ("output", op.output)):
                self._check(op.name, f"operation {role}", target)
                if target:
                    if self.shape(target).type != "structure":
                        raise ModelError(self.model.file, target,
                                         f"{role} of operation {op.name} is not a structure")
                    visit(target)
            for err in op.errors:
                self._check(op.name, "operation error", err)
                visit(err)

    def weight(self, op: Operation) -> int:
        """What compiling the operation's whole path costs, roughly: the shapes its input and output reach,
        each counted once with its members (the command line groups operations into units by it)."""
        seen: set[str] = set()
        pending = [t for t in (op.input, op.output) if t]
        while pending:
            name = pending.pop()
            if name not in seen:
                seen.add(name)
                pending.extend(m.shape for m in self.children(self.shape(name)))
        return sum(1 + len(self.children(self.shape(name))) for name in seen)

    @staticmethod
    def children(s: Shape) -> tuple[Member, ...]:
        if s.type == "structure":
            return s.members
        if s.type == "list":
            return (s.member,)
        if s.type == "map":
            return (s.key, s.value)
        return ()

    # -- ordering ------------------------------------------------------------------------------
    def _held_structures(self, name: str, by_value: bool):
        """Structures a value of shape `name` contains: (structure, held by value?)."""
        s = self.shape(name)
        if s.type == "structure":
            yield name, by_value
        elif s.type == "list":
            yield from self._held_structures(s.member.shape, False)
        elif s.type == "map":
            yield from self._held_structures(s.value.shape, True)

    def _order(self) -> None:
        state: dict[str, str] = {}

        def visit(name: str) -> None:
            state[name] = "open"
            s = self.shape(name)
            for m in s.members:
                for target, by_value in self._held_structures(m.shape, True):
                    if state.get(target) == "open" and by_value:
                        if self.shape(m.shape).type != "structure":
                            raise ModelError(self.model.file, name,
                                             f"member {m.name}: recursion through a map is not supported")
                        self.indirect.add((name, m.name))
                    elif target not in state:
                        visit(target)
            state[name] = "done"
            self.structures.append(s)

        for name in self.reachable:
            if self.shape(name).type == "structure" and name not in state:
                visit(name)
        defined: set[str] = set()
        self.forward: list[str] = []   # structures named before their definition
        for s in self.structures:
            for m in s.members:
                for target, _ in self._held_structures(m.shape, True):
                    if target not in defined and target != s.name and target not in self.forward:
                        self.forward.append(target)
            defined.add(s.name)
        self.forward.sort(key=[x.name for x in self.structures].index)

    # -- C++ names -----------------------------------------------------------------------------
    def _name(self) -> None:
        reserved = RESERVED_TYPE_NAMES | {self.ns}
        self._types: dict[str, str] = {}
        taken: set[str] = set()
        for name in self.model.shapes:              # model order: names do not depend on the selection
            base = identifier(name)
            cpp = distinct(base + "_" if base in reserved else base, taken)
            self._types[name] = cpp
            taken.add(cpp)
        types = {self._types[n] for n in self.model.shapes if self.has_type(n)}
        # A reference that sets `flattened` otherwise than its list or map shape points to a variant
        # of the shape's facts, `<Type>_flattened` (or `_wrapped`): botocore merges a reference's
        # serialization traits over its shape's, so the generated member facts do the same.
        self._variants: dict[tuple[str, bool], str] = {}
        for name in self.model.shapes:
            for m in self.children(self.shape(name)):
                key = self.variant_key(m)
                if key and key not in self._variants:
                    cpp = distinct(f"{self._types[m.shape]}_{'flattened' if key[1] else 'wrapped'}", taken)
                    self._variants[key] = cpp
                    taken.add(cpp)

        self._operations: dict[str, str] = {}
        claimed = set(types)
        for op in self.model.operations:
            base = identifier(op)
            if base in reserved:
                base += "_"
            cpp = distinct(base + "Operation" if base in claimed else base, claimed)
            self._operations[op] = cpp
            claimed.add(cpp)

        selected = {o.name for o in self.operations}
        self.aliases: list[Alias] = []
        self.skipped_aliases: list[tuple[str, str]] = []   # (alias, who already has the name)
        owners = {self._types[n]: f"shape {n}" for n in self.model.shapes if self.has_type(n)}
        owners.update({cpp: f"operation {op}" for op, cpp in self._operations.items()})
        for op in self.model.operations.values():
            for role, suffix, target in (("input", "Request", op.input), ("output", "Result", op.output)):
                alias = identifier(op.name + suffix)
                if target and alias == self.type_name(target):
                    continue   # the shape already has the SDK's name
                if alias in owners or alias in reserved:
                    if op.name in selected:
                        self.skipped_aliases.append((alias, owners.get(alias, "awsq")))
                    continue
                owners[alias] = f"the {role} alias of operation {op.name}"
                if op.name in selected:
                    self.aliases.append(Alias(alias, self.operation_type(target), role, op.name))

        self._waiters: dict[str, str] = {}
        for w in self.model.waiters:
            base = identifier(w)
            if base in reserved or base in WAITER_MEMBERS:   # a member may not share its class's name
                base += "_"
            cpp = distinct(base + "Waiter" if base in owners else base, set(owners))
            self._waiters[w] = cpp
            owners[cpp] = f"waiter {w}"

        self._members: dict[tuple[str, str], str] = {}
        for name in self.reachable:
            s = self.shape(name)
            seen: set[str] = set()
            for m in s.members:
                cpp = distinct(identifier(m.name), seen)
                seen.add(cpp)
                self._members[(name, m.name)] = cpp

    def type_name(self, shape: str) -> str:
        return self._types[shape]

    def variant_key(self, m: Member) -> tuple[str, bool] | None:
        """(shape, flattened) when the reference `m` changes whether its list or map is flattened."""
        if m.flattened is None or m.shape not in self.model.shapes:
            return None
        target = self.shape(m.shape)
        if target.type not in ("list", "map") or target.flattened == m.flattened:
            return None
        return (m.shape, m.flattened)

    def facts_name(self, m: Member) -> str:
        """The name in `shapes` of the facts the reference `m` points to: its shape's, or a variant."""
        key = self.variant_key(m)
        return self._variants[key] if key else self.type_name(m.shape)

    def variants(self, shape: str) -> list[tuple[bool, str]]:
        """The variants of a shape's facts that references need: (flattened, C++ name), model order."""
        return [(flag, cpp) for (name, flag), cpp in self._variants.items() if name == shape]

    def operation_name(self, op: str) -> str:
        return self._operations[op]

    def waiter_name(self, waiter: str) -> str:
        return self._waiters[waiter]

    def member_name(self, owner: Shape, m: Member) -> str:
        return self._members[(owner.name, m.name)]

    def member_names(self, owner: Shape) -> set[str]:
        return {self.member_name(owner, m) for m in owner.members}

    def qualified(self, shape: str, hidden: set[str] | frozenset[str] = frozenset()) -> str:
        """The type's name, as `<service>::Name` where a member of the class being defined hides it."""
        name = self.type_name(shape)
        return f"{self.ns}::{name}" if name in hidden else name

    def cpp_type(self, shape: str, hidden: set[str] | frozenset[str] = frozenset()) -> str:
        s = self.shape(shape)
        if s.type == "structure":
            return self.qualified(shape, hidden)
        if s.type == "list":
            return f"std::vector<{self.cpp_type(s.member.shape, hidden)}>"
        if s.type == "map":
            return f"std::map<std::string, {self.cpp_type(s.value.shape, hidden)}>"
        if self.is_enum(shape):
            return f"awsq::open_enum<{self.qualified(shape, hidden)}>"
        return SCALARS[s.type]

    def member_type(self, owner: Shape, m: Member) -> str:
        hidden = self.member_names(owner)
        if (owner.name, m.name) in self.indirect:
            return f"awsq::indirect<{self.cpp_type(m.shape, hidden)}>"
        return f"std::optional<{self.cpp_type(m.shape, hidden)}>"

    def operation_type(self, shape: str | None, hidden: frozenset[str] = frozenset()) -> str:
        return self.qualified(shape, hidden) if shape else "awsq::empty_shape"

    def root_name(self, shape: Shape) -> str:
        """The name paths start with: the SDK alias (…Request / …Result) of an operation's shape."""
        for role in ("input", "output"):
            for a in self.aliases:
                if a.role == role and a.target == self.type_name(shape.name):
                    return a.name
        return shape.name

    # -- paginators ----------------------------------------------------------------------------
    def _resolve_paginator(self, op: Operation, p: Paginator) -> PaginatorFacts:
        file = self.model.paginators_file or self.model.file

        def resolve(key: str, path: MemberPath, root: str | None) -> ResolvedPath:
            if root is None:
                raise ModelError(file, op.name, f"paginator {key} {path.text!r}: the operation has no "
                                                f"{'input' if key in ('input_token', 'limit_key') else 'output'}")
            shape, previous = root, ""
            steps: list[tuple[str, str] | int] = []
            for step in path.steps:
                s = self.shape(shape)
                if isinstance(step, int):
                    if s.type != "list":
                        raise ModelError(file, op.name, f"paginator {key} {path.text!r}: member {previous} is not a list")
                    shape = s.member.shape
                    steps.append(step)
                    continue
                member = next((m for m in s.members if m.name == step), None) if s.type == "structure" else None
                if member is None:
                    raise ModelError(file, op.name, f"paginator {key} {path.text!r}: shape {shape} has no member {step}")
                steps.append((shape, self.member_name(s, member)))
                shape, previous = member.shape, step
            return ResolvedPath(path.text, tuple(steps))

        def each(key: str, paths: tuple[MemberPath, ...], root: str | None) -> tuple[ResolvedPath, ...]:
            return tuple(resolve(key, path, root) for path in paths)

        def one(key: str, path: MemberPath | None, root: str | None) -> ResolvedPath | None:
            return resolve(key, path, root) if path else None

        facts = PaginatorFacts(
            paginator=p,
            input_tokens=each("input_token", p.input_tokens, op.input),
            limit_key=one("limit_key", p.limit_key, op.input),
            output_tokens=each("output_token", p.output_tokens, op.output),
            result_keys=each("result_key", p.result_keys, op.output),
            more_results=one("more_results", p.more_results, op.output))
        each("non_aggregate_keys", p.non_aggregate_keys, op.output)
        if facts.limit_key and len(facts.limit_key.steps) != 1:
            raise ModelError(file, op.name, f"paginator limit_key {p.limit_key.text!r} is not a top-level member")
        return facts

    # -- files ---------------------------------------------------------------------------------
    def _layout(self) -> None:
        """One header per shape, except that the shapes of a cycle share the header of the first."""
        root = self.folder
        folded: set[str] = set()
        self.shape_path: dict[str, str] = {}
        for name in self.model.shapes:     # model order; unique even on case-insensitive file systems
            stem = _unfolded(self.type_name(name), folded)
            self.shape_path[name] = f"{root}/shapes/{stem}.hpp"

        order = {n: i for i, n in enumerate(self.model.shapes)}
        self.units: list[Unit] = []
        self.unit_of: dict[str, Unit] = {}
        for component in self._cycles():
            component.sort(key=order.__getitem__)
            unit = Unit(component, self.shape_path[component[0]])
            self.units.append(unit)
            for n in component:
                self.unit_of[n] = unit
        self.units.sort(key=lambda u: order[u.shapes[0]])

        self.operation_path: dict[str, str] = {}
        used: set[str] = set(RESERVED_FILES)
        selected = {o.name for o in self.operations}
        for op in self.model.operations:
            stem = _unfolded(snake_case(self.operation_name(op)), used)
            if op in selected:
                self.operation_path[op] = f"{root}/{stem}.hpp"
        self.service_path = f"{root}/service.hpp"
        self.waiters_path = f"{root}/waiters.hpp"
        self.docs_path = f"{root}/docs.hpp"
        self.umbrella_path = f"awsq/{self.model.service}.hpp"

    def _cycles(self) -> list[list[str]]:
        """Strongly connected components of the reachable shapes (Tarjan's algorithm, iterative)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        out: list[list[str]] = []
        for start in self.reachable:
            if start in index:
                continue
            work = [(start, iter([m.shape for m in self.children(self.shape(start))]))]
            index[start] = low[start] = len(index)
            stack.append(start)
            on_stack.add(start)
            while work:
                node, it = work[-1]
                nxt = next(it, None)
                if nxt is not None:
                    if nxt not in index:
                        index[nxt] = low[nxt] = len(index)
                        stack.append(nxt)
                        on_stack.add(nxt)
                        work.append((nxt, iter([m.shape for m in self.children(self.shape(nxt))])))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        n = stack.pop()
                        on_stack.discard(n)
                        component.append(n)
                        if n == node:
                            break
                    out.append(component)
        return out

    def dependencies(self, unit: Unit) -> list[Unit]:
        """The units whose shapes the unit's shapes refer to directly."""
        deps: dict[str, Unit] = {}
        for name in unit.shapes:
            for m in self.children(self.shape(name)):
                other = self.unit_of[m.shape]
                if other is not unit:
                    deps[other.path] = other
        return [deps[p] for p in sorted(deps)]

    def signature(self) -> list[tuple]:
        """The C++ types this graph declares, without docs or wire facts: for comparing models."""
        out: list[tuple] = [("enum", self.type_name(e.name), tuple(e.enum)) for e in self.enums]
        for s in self.structures:
            out.append(("struct", self.type_name(s.name),
                        tuple((self.member_name(s, m), self.member_type(s, m)) for m in s.members)))
        for op in self.operations:
            out.append(("operation", self.operation_name(op.name), self.operation_type(op.input),
                        self.operation_type(op.output), op.result_wrapper, op.errors,
                        self.model.paginators.get(op.name)))
        for w in self.waiters:
            out.append(("waiter", self.waiter_name(w.name), w))
        return out


def _unfolded(stem: str, folded: set[str]) -> str:
    """`stem`, or `stem_2`, ...: the first whose lower case is not in `folded` (then added to it)."""
    name, n = stem, 2
    while name.lower() in folded:
        name, n = f"{stem}_{n}", n + 1
    folded.add(name.lower())
    return name

