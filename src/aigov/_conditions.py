"""Rule conditions: their models and the one evaluator (private, layer 2).

A condition is a tree of ``all`` / ``any`` / ``not`` over leaf tests of one
profile fact.  :func:`compile_condition` turns a checked tree into closures
once; :func:`aigov.check` and :func:`aigov.explain` both run those closures,
so they cannot disagree.  Nothing is generated or evaluated from text.

The closures read a *fact vector*: the tuple of every fact of a profile in
:func:`aigov.profile.fact_specs` order (``None`` where unstated), taken with
one ``attrgetter`` call, followed by the custom facts the rule sets declare
(:attr:`aigov.rules.CompiledRules.facts`).  An unstated boolean counts as
false, an unstated enum as absent and an unstated list as empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import ConfigDict, Discriminator, Field, StrictBool, StringConstraints, Tag

from aigov._base import FrozenModel
from aigov.profile import FactSpec

__all__ = [
    "LIST_VALUED",
    "OPERATORS",
    "AllCondition",
    "AnyCondition",
    "Condition",
    "FactCondition",
    "FactKey",
    "Leaf",
    "NotCondition",
    "Predicate",
    "compile_condition",
    "iter_leaves",
]

Operator = Literal[
    "equal",
    "notEqual",
    "in",
    "notIn",
    "contains",
    "doesNotContain",
    "containsAny",
    "containsAll",
    "containsNone",
]
#: The operators, and the fact kinds each applies to.
OPERATORS: dict[str, tuple[str, ...]] = {
    "equal": ("bool", "enum"),
    "notEqual": ("bool", "enum"),
    "in": ("enum",),
    "notIn": ("enum",),
    "contains": ("list",),
    "doesNotContain": ("list",),
    "containsAny": ("list",),
    "containsAll": ("list",),
    "containsNone": ("list",),
}
#: Operators whose ``value`` is a list.
LIST_VALUED = frozenset({"in", "notIn", "containsAny", "containsAll", "containsNone"})

# value -> expected -> held; list-valued expectations arrive as frozensets.
_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "equal": lambda v, e: bool(v == e),
    "notEqual": lambda v, e: bool(v != e),
    "in": lambda v, e: v in e,
    "notIn": lambda v, e: v not in e,
    "contains": lambda v, e: e in v,
    "doesNotContain": lambda v, e: e not in v,
    "containsAny": lambda v, e: not e.isdisjoint(v),
    "containsAll": lambda v, e: e.issubset(v),
    "containsNone": lambda v, e: e.isdisjoint(v),
}

_Scalar = StrictBool | Annotated[str, StringConstraints(max_length=200)]


class FactCondition(FrozenModel):
    """A test of one profile fact, e.g. ``data.personal equal true``."""

    fact: Annotated[
        str,
        # The last segment may be a custom fact's x- key; rules check it is declared.
        StringConstraints(pattern=r"^(?:[a-z_]+\.)*(?:[a-z_]+|x-[A-Za-z0-9_-]*)$", max_length=100),
    ]
    operator: Operator
    value: _Scalar | Annotated[tuple[_Scalar, ...], Field(max_length=100)]


class AllCondition(FrozenModel):
    """True when every sub-condition holds (true when empty)."""

    all: Annotated[tuple[Condition, ...], Field(max_length=200)]


class AnyCondition(FrozenModel):
    """True when at least one sub-condition holds (false when empty)."""

    any: Annotated[tuple[Condition, ...], Field(max_length=200)]


class NotCondition(FrozenModel):
    """True when its sub-condition does not hold."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, serialize_by_alias=True
    )

    not_: Annotated[Condition, Field(alias="not")]


_TAGS = (
    ("fact", FactCondition),
    ("all", AllCondition),
    ("any", AnyCondition),
    ("not", NotCondition),
)


def _condition_tag(value: object) -> str | None:
    if isinstance(value, Mapping):
        return next((key for key, _ in _TAGS if key in value), None)
    return next((key for key, model in _TAGS if isinstance(value, model)), None)


Condition: TypeAlias = Annotated[
    Annotated[FactCondition, Tag("fact")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys 'fact', 'all', 'any' or 'not'",
    ),
]

for _model in (AllCondition, AnyCondition, NotCondition):
    _model.model_rebuild()

AnyConditionModel: TypeAlias = FactCondition | AllCondition | AnyCondition | NotCondition

FactKey: TypeAlias = tuple[str, Any, bool]
"""A fact a reason rests on: (JSON pointer, value, whether the profile stated it)."""


def iter_leaves(cond: AnyConditionModel, where: str) -> Iterator[tuple[FactCondition, str]]:
    """Every leaf test of a condition tree with its path (``when.all[0]``), in order."""
    if isinstance(cond, FactCondition):
        yield cond, where
    elif isinstance(cond, NotCondition):
        yield from iter_leaves(cond.not_, f"{where}.not")
    else:
        key, parts = ("all", cond.all) if isinstance(cond, AllCondition) else ("any", cond.any)
        for i, part in enumerate(parts):
            yield from iter_leaves(part, f"{where}.{key}[{i}]")


@dataclass(frozen=True)
class Leaf:
    """One compiled leaf test, for explanations: what it reads and expects."""

    where: str
    fact: str
    operator: str
    expected: Any
    position: int
    pointer: str
    absent: Any
    test: Callable[[Any], bool]

    def read(self, vector: Sequence[Any]) -> tuple[Any, bool]:
        """The fact's value (``absent`` when unstated) and whether it was stated."""
        value = vector[self.position]
        return (self.absent, False) if value is None else (value, True)

    def holds(self, vector: Sequence[Any]) -> bool:
        """Whether the test holds for the fact vector."""
        return self.test(self.read(vector)[0])


_Holds = Callable[[Sequence[Any]], bool]
_Why = Callable[[Sequence[Any], list[FactKey]], None]


@dataclass(frozen=True)
class Predicate:
    """A compiled condition.

    Attributes:
        holds: Whether the condition holds for a fact vector.
        why: Appends the facts that make it hold: every part of an ``all``,
            the parts of an ``any`` that hold, every fact under a ``not``.
        leaves: The leaf tests in document order.
        positions: The fact-vector positions the condition reads, sorted.
    """

    holds: _Holds
    why: _Why
    leaves: tuple[Leaf, ...]
    positions: tuple[int, ...]


def compile_condition(
    cond: AnyConditionModel, specs: Mapping[str, FactSpec], where: str = "when"
) -> Predicate:
    """Compile a checked condition tree (its facts known, operators fitting) into closures."""
    position = {path: i for i, path in enumerate(specs)}
    holds, why = _compile(cond, specs, position)
    leaves = tuple(_leaf(leaf, at, specs, position) for leaf, at in iter_leaves(cond, where))
    return Predicate(holds, why, leaves, tuple(sorted({leaf.position for leaf in leaves})))


def _leaf(
    cond: FactCondition, where: str, specs: Mapping[str, FactSpec], position: Mapping[str, int]
) -> Leaf:
    spec = specs[cond.fact]
    test = _TESTS[cond.operator]
    expected: Any = cond.value
    if isinstance(expected, tuple):
        expected = frozenset(expected)
    absent: Any = False if spec.kind == "bool" else (() if spec.kind == "list" else None)
    return Leaf(
        where=where,
        fact=cond.fact,
        operator=cond.operator,
        expected=list(cond.value) if isinstance(cond.value, tuple) else cond.value,
        position=position[cond.fact],
        pointer=spec.pointer,
        absent=absent,
        test=lambda value: test(value, expected),
    )


def _compile(
    cond: AnyConditionModel, specs: Mapping[str, FactSpec], position: Mapping[str, int]
) -> tuple[_Holds, _Why]:
    if isinstance(cond, FactCondition):
        leaf = _leaf(cond, "", specs, position)
        at, pointer, absent, test = leaf.position, leaf.pointer, leaf.absent, leaf.test

        def holds_leaf(v: Sequence[Any]) -> bool:
            value = v[at]
            return test(absent if value is None else value)

        def why_leaf(v: Sequence[Any], out: list[FactKey]) -> None:
            value = v[at]
            out.append((pointer, absent, False) if value is None else (pointer, value, True))

        return holds_leaf, why_leaf
    if isinstance(cond, NotCondition):
        inner_holds, _ = _compile(cond.not_, specs, position)
        # A negation holds because of what its inner condition reads, all of it.
        inner_all = _all_facts(cond.not_, specs, position)
        return (lambda v: not inner_holds(v)), inner_all
    parts = [
        _compile(c, specs, position)
        for c in (cond.all if isinstance(cond, AllCondition) else cond.any)
    ]
    tests = [h for h, _ in parts]
    if isinstance(cond, AllCondition):
        whys = [w for _, w in parts]

        def why_all(v: Sequence[Any], out: list[FactKey]) -> None:
            for why in whys:
                why(v, out)

        return (lambda v: all(t(v) for t in tests)), why_all

    def why_any(v: Sequence[Any], out: list[FactKey]) -> None:
        for test, why in parts:
            if test(v):
                why(v, out)

    return (lambda v: any(t(v) for t in tests)), why_any


def _all_facts(
    cond: AnyConditionModel, specs: Mapping[str, FactSpec], position: Mapping[str, int]
) -> _Why:
    reads = [_compile(leaf, specs, position)[1] for leaf, _ in iter_leaves(cond, "")]

    def why(v: Sequence[Any], out: list[FactKey]) -> None:
        for read in reads:
            read(v, out)

    return why
