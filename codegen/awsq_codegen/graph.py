"""Shape graph: the closure of the chosen operations, their C++ types, and a definition order.

Structures are ordered so each is defined before a member holds it by value; a member that would
close a cycle of by-value containment is held through awsq::indirect instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from .loader import Member, Model, ModelError, Operation, Shape
from .naming import identifier

RESERVED_NAMES = frozenset({"service", "shapes", "operations"})

SCALARS = {
    "string": "std::string",
    "integer": "std::int32_t",
    "long": "std::int64_t",
    "boolean": "bool",
    "double": "double",
    "float": "float",
    "timestamp": "awsq::timestamp",
    "blob": "awsq::blob",
}


@dataclass(frozen=True)
class Alias:
    name: str
    target: str       # C++ type name
    role: str         # "input" or "output"
    operation: str


class ShapeGraph:
    def __init__(self, model: Model, operations: list[str] | None = None):
        self.model = model
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
        self.aliases: list[Alias] = []
        self._name_types()

    # -- closure -------------------------------------------------------------------------------
    def shape(self, name: str) -> Shape:
        return self.model.shapes[name]

    def is_enum(self, name: str) -> bool:
        s = self.shape(name)
        return s.type == "string" and bool(s.enum)

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
            for m in self._children(s):
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

    @staticmethod
    def _children(s: Shape) -> tuple[Member, ...]:
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

    # -- C++ names and types -------------------------------------------------------------------
    def type_name(self, shape: str) -> str:
        return identifier(shape)

    def cpp_type(self, shape: str, qualify: frozenset[str] = frozenset()) -> str:
        """The C++ type of a shape; names in `qualify` are written with their namespace."""
        s = self.shape(shape)
        if s.type == "list":
            return f"std::vector<{self.cpp_type(s.member.shape, qualify)}>"
        if s.type == "map":
            return f"std::map<std::string, {self.cpp_type(s.value.shape, qualify)}>"
        if s.type == "structure" or self.is_enum(shape):
            name = self.type_name(shape)
            if name in qualify:
                name = f"awsq::{identifier(self.model.service)}::{name}"
            return f"awsq::open_enum<{name}>" if s.type == "string" else name
        return SCALARS[s.type]

    def member_type(self, owner: Shape, m: Member) -> str:
        # A type named like a member of the same structure must be qualified: C++ forbids a name
        # to change meaning inside a class (struct Endpoint { std::optional<Endpoint> Endpoint; }).
        qualify = frozenset(identifier(x.name) for x in owner.members)
        wrapper = "awsq::indirect" if (owner.name, m.name) in self.indirect else "std::optional"
        return f"{wrapper}<{self.cpp_type(m.shape, qualify)}>"

    def operation_type(self, shape: str | None) -> str:
        return self.type_name(shape) if shape else "awsq::empty_shape"

    def _name_types(self) -> None:
        """Refuses two model things that would get the same C++ name in one namespace."""
        owners: dict[str, str] = {}

        def claim(cpp: str, what: str, shape: str | None) -> None:
            if cpp in RESERVED_NAMES:
                raise ModelError(self.model.file, shape, f"name {cpp} is reserved by awsq")
            if cpp in owners:
                raise ModelError(self.model.file, shape, f"C++ name {cpp} of {what} clashes with {owners[cpp]}")
            owners[cpp] = what

        for s in self.enums + self.structures:
            claim(self.type_name(s.name), f"shape {s.name}", s.name)
        for op in self.operations:
            claim(identifier(op.name), f"operation {op.name}", None)
        for op in self.operations:
            for role, suffix, target in (("input", "Request", op.input), ("output", "Result", op.output)):
                alias = identifier(op.name + suffix)
                cpp = self.operation_type(target)
                if target and alias == self.type_name(target):
                    continue   # the shape already has the SDK's name
                claim(alias, f"the {role} alias of operation {op.name}", target)
                self.aliases.append(Alias(alias, cpp, role, op.name))

    def root_name(self, shape: Shape) -> str:
        """The name paths start with: the SDK alias (…Request / …Result) of an operation's shape."""
        for role in ("input", "output"):
            for a in self.aliases:
                if a.role == role and a.target == self.type_name(shape.name):
                    return a.name
        return shape.name

    def signature(self) -> list[tuple]:
        """The C++ types this graph declares, without docs or wire facts: for comparing models."""
        out: list[tuple] = [("enum", self.type_name(e.name), tuple(e.enum)) for e in self.enums]
        for s in self.structures:
            out.append(("struct", self.type_name(s.name),
                        tuple((identifier(m.name), self.member_type(s, m)) for m in s.members)))
        for op in self.operations:
            out.append(("operation", op.name, self.operation_type(op.input), self.operation_type(op.output),
                        op.result_wrapper, op.errors, self.model.paginators.get(op.name)))
        return out
