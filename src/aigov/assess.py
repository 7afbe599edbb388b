"""Checking a system profile: which principles it triggers, for whom, and why.

:func:`check` is pure: the same profile, rules and catalogue always give the
same :class:`Assessment`.  :func:`explain` tells why one principle was or was
not triggered, condition by condition.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from aigov import __version__
from aigov._jsonio import dumps_canonical
from aigov.crosswalk import FrameworkView
from aigov.models import ItemId, LocalizedText, Principle, RoleId, Source
from aigov.profile import ProfileSource, SystemProfile, fact_specs, load_profile
from aigov.rules import (
    SEVERITIES,
    AllCondition,
    AnyCondition,
    CompiledRules,
    NotCondition,
    RuleSource,
    compile_rules,
)

if TYPE_CHECKING:
    from aigov.catalog import Catalog

__all__ = [
    "Assessment",
    "ConditionResult",
    "Explanation",
    "FactValue",
    "ProfileRef",
    "Reason",
    "RuleExplanation",
    "Trigger",
    "ValueRef",
    "Versions",
    "check",
    "explain",
]

Severity = Literal["high", "medium", "low"]
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FactValue(_Model):
    """A profile fact a reason rests on: JSON pointer, value, and whether it was stated."""

    path: Annotated[str, Field(pattern=r"^(/[a-z_]+)+$")]
    value: JsonValue
    stated: bool


class Reason(_Model):
    """One fired rule behind a triggered principle."""

    rule: str
    rule_set: str
    severity: Severity
    baseline: bool
    rationale: LocalizedText
    citation: Source
    facts: tuple[FactValue, ...]


class Trigger(_Model):
    """A principle the profile triggers, with its roles, severity and reasons."""

    principle: ItemId
    framework: str
    number: int
    label: LocalizedText
    roles: tuple[RoleId, ...]
    severity: Severity
    baseline: bool
    values: tuple[ItemId, ...]
    reasons: tuple[Reason, ...]


class ValueRef(_Model):
    """A value to respect engaged by the triggered principles."""

    value: ItemId
    label: LocalizedText
    principles: tuple[ItemId, ...]


class ProfileRef(_Model):
    """Which profile was checked; ``facts_hash`` covers its id, name and facts."""

    id: str
    name: str
    facts_hash: str


class Versions(_Model):
    """Versions and content hashes of everything the result depends on."""

    aigov: str
    profile_format: Literal["1"]
    catalog: str
    catalog_hash: str
    rules: str
    rules_hash: str


class Assessment(_Model):
    """The result of :func:`check` (document kind ``assessment``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_: Annotated[str | None, Field(alias="$schema")] = None
    kind: Literal["assessment"] = "assessment"
    format_version: Literal["1"] = "1"
    profile: ProfileRef
    roles: tuple[RoleId, ...] | None = None
    triggered: tuple[Trigger, ...]
    values: tuple[ValueRef, ...]
    unstated_facts: tuple[str, ...]
    versions: Versions
    crosswalk: FrameworkView | None = None
    """The triggered principles in another framework's terms (``check --framework``)."""

    def to_json(self, *, compact: bool = False) -> str:
        """JSON text of the assessment with sorted keys and UTF-8 text.

        Args:
            compact: One line without spaces (for JSON Lines) instead of the
                canonical indented form with a trailing newline.
        """
        if not compact:
            return dumps_canonical(self.model_dump(mode="json", by_alias=True, exclude_none=True))
        # Keys in sorted order; the heavy parts are shared between assessments
        # with the same facts, so their text is cached.
        parts = []
        if self.crosswalk is not None:
            parts.append(f'"crosswalk":{_fragment(self.crosswalk)}')
        parts += [
            f'"format_version":{_compact(self.format_version)}',
            f'"kind":{_compact(self.kind)}',
            # Three plain strings: the model's own field dict is its JSON object.
            f'"profile":{_compact(vars(self.profile))}',
        ]
        if self.roles is not None:
            parts.append(f'"roles":{_compact(list(self.roles))}')
        parts += [
            f'"triggered":{_fragment(self.triggered)}',
            f'"unstated_facts":{_compact(list(self.unstated_facts))}',
            f'"values":{_fragment(self.values)}',
            f'"versions":{_fragment(self.versions)}',
        ]
        schema = f'"$schema":{_compact(self.schema_)},' if self.schema_ is not None else ""
        return "{" + schema + ",".join(parts) + "}"

    def trigger(self, principle_id: str) -> Trigger | None:
        """The trigger of ``principle_id``, or None when it was not triggered."""
        for trig in self.triggered:
            if trig.principle == principle_id:
                return trig
        return None

    def by_role(self) -> dict[str, list[Trigger]]:
        """Triggers grouped by role (a trigger appears under each of its roles)."""
        groups: dict[str, list[Trigger]] = {}
        for trig in self.triggered:
            for role in trig.roles:
                groups.setdefault(role, []).append(trig)
        return groups


# One encoder for every fragment: json.dumps with options builds a new one per call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_compact = _COMPACT.encode


_FRAGMENTS: dict[int, tuple[object, str]] = {}


def _fragment(value: tuple[BaseModel, ...] | BaseModel) -> str:
    """Compact JSON of a (shared, immutable) part of an assessment, cached by identity.

    Assessments of different profiles share their triggers, reasons and labels,
    so each object is serialised once and its text reused.
    """
    if isinstance(value, tuple):
        return "[" + ",".join([_fragment(v) for v in value]) + "]"
    hit = _FRAGMENTS.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    if isinstance(value, Trigger):
        t = value
        text = (
            f'{{"baseline":{_compact(t.baseline)},"framework":{_compact(t.framework)},'
            f'"label":{_fragment(t.label)},"number":{_compact(t.number)},'
            f'"principle":{_compact(t.principle)},"reasons":{_fragment(t.reasons)},'
            f'"roles":{_compact(list(t.roles))},"severity":{_compact(t.severity)},'
            f'"values":{_compact(list(t.values))}}}'
        )
    else:
        text = _compact(value.model_dump(mode="json", exclude_none=True))
    if len(_FRAGMENTS) >= 16384:
        _FRAGMENTS.clear()
    # Keep the object itself so that its id is not reused while cached.
    _FRAGMENTS[id(value)] = (value, text)
    return text


# -- evaluation --------------------------------------------------------------------------


def _leaf_value(spec_path: str, profile: SystemProfile) -> tuple[Any, bool]:
    spec = fact_specs()[spec_path]
    value = spec.get(profile)
    if value is None:
        # Unstated facts count as false (booleans) or as absent (enums).
        return (False if spec.kind == "bool" else None), False
    return (list(value) if isinstance(value, tuple) else value), True


def _holds(cond: Any, profile: SystemProfile) -> bool:  # noqa: ANN401 - a Condition
    if isinstance(cond, AllCondition):
        return all(_holds(c, profile) for c in cond.all)
    if isinstance(cond, AnyCondition):
        return any(_holds(c, profile) for c in cond.any)
    if isinstance(cond, NotCondition):
        return not _holds(cond.not_, profile)
    value, _ = _leaf_value(cond.fact, profile)
    op, expected = cond.operator, cond.value
    if op == "equal":
        return bool(value == expected)
    if op == "notEqual":
        return bool(value != expected)
    if op == "in":
        return value in expected
    if op == "notIn":
        return value not in expected
    if op == "contains":
        return expected in value
    if op == "doesNotContain":
        return expected not in value
    wanted = set(expected)
    if op == "containsAny":
        return bool(wanted & set(value))
    if op == "containsAll":
        return wanted <= set(value)
    return not wanted & set(value)  # containsNone


_FactKey = tuple[str, Any, bool]  # (JSON pointer, value, stated)


_Holds = Callable[[SystemProfile], bool]
_Why = Callable[[SystemProfile, list[_FactKey]], None]

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


def _compile_why(cond: Any) -> tuple[_Holds, _Why, _Why]:  # noqa: ANN401 - a Condition
    """Closures for one condition: does it hold, which facts made it hold, all its facts.

    Built once per rule, so explaining a fired rule costs a few calls instead
    of walking the condition models for every profile.
    """
    if isinstance(cond, (AllCondition, AnyCondition)):
        parts = [
            _compile_why(c) for c in (cond.all if isinstance(cond, AllCondition) else cond.any)
        ]
        holds_parts = [h for h, _, _ in parts]
        every = [a for _, _, a in parts]

        def all_facts(p: SystemProfile, out: list[_FactKey]) -> None:
            for fn in every:
                fn(p, out)

        if isinstance(cond, AllCondition):
            whys = [w for _, w, _ in parts]

            def holds_all(p: SystemProfile) -> bool:
                return all(h(p) for h in holds_parts)

            def why_all(p: SystemProfile, out: list[_FactKey]) -> None:
                for fn in whys:
                    fn(p, out)

            return holds_all, why_all, all_facts

        def holds_any(p: SystemProfile) -> bool:
            return any(h(p) for h in holds_parts)

        def why_any(p: SystemProfile, out: list[_FactKey]) -> None:
            for h, w, _ in parts:
                if h(p):
                    w(p, out)

        return holds_any, why_any, all_facts
    if isinstance(cond, NotCondition):
        inner_holds, _, inner_all = _compile_why(cond.not_)

        def holds_not(p: SystemProfile) -> bool:
            return not inner_holds(p)

        return holds_not, inner_all, inner_all
    spec = fact_specs()[cond.fact]
    get = operator.attrgetter(cond.fact)
    pointer, absent = spec.pointer, (False if spec.kind == "bool" else None)
    test = _TESTS[cond.operator]
    expected: Any = frozenset(cond.value) if isinstance(cond.value, tuple) else cond.value
    if cond.operator in ("in", "notIn"):
        expected = frozenset(str(v) for v in cond.value)

    def read(p: SystemProfile, out: list[_FactKey]) -> None:
        value = get(p)
        out.append((pointer, absent, False) if value is None else (pointer, value, True))

    def holds_leaf(p: SystemProfile) -> bool:
        value = get(p)
        return test(absent if value is None else value, expected)

    return holds_leaf, read, read


def _condition_facts(cond: Any) -> set[str]:  # noqa: ANN401 - a Condition
    """The fact paths a condition reads."""
    if isinstance(cond, AllCondition):
        return set().union(*map(_condition_facts, cond.all))
    if isinstance(cond, AnyCondition):
        return set().union(*map(_condition_facts, cond.any))
    if isinstance(cond, NotCondition):
        return _condition_facts(cond.not_)
    return {cond.fact}


def _no_facts(_vector: tuple[Any, ...]) -> tuple[()]:
    return ()


@dataclass
class _Acc:
    roles: set[str] = field(default_factory=set)
    reasons: list[Reason] = field(default_factory=list)


def _build(cls: type[_M], values: dict[str, Any]) -> _M:
    """Make a model instance from values known to be valid, without validating.

    The same as ``cls.model_construct(**values)`` for models whose every field
    is given, minus its per-call overhead: this is the hot path of ``check``.
    """
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _resolve(
    rules: CompiledRules | RuleSource | Sequence[RuleSource] | None, catalog: Catalog | None
) -> tuple[CompiledRules, Catalog]:
    from aigov.catalog import builtin_catalog  # noqa: PLC0415 - avoids an import cycle

    cat = catalog if catalog is not None else builtin_catalog()
    if isinstance(rules, CompiledRules):
        return rules, cat
    if rules is None:
        return compile_rules(catalog=cat), cat
    sources: Sequence[RuleSource] = (
        rules if isinstance(rules, Sequence) and not isinstance(rules, str) else [rules]
    )
    return compile_rules(*sources, builtin=False, catalog=cat), cat


def _facts_hash(profile: SystemProfile, vector: tuple[Any, ...]) -> str:
    # Identity and facts only (not description or extensions), as compact JSON:
    # cheap (no Python-level enum reprs), and the same whatever the key order
    # of the source document or the Python version.
    text = _compact((profile.id, profile.name, vector))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


_M = TypeVar("_M", bound=BaseModel)


_Result = tuple[tuple[Trigger, ...], tuple[ValueRef, ...], tuple[str, ...]]


class _Plan:
    """Everything about (rules, catalogue) that does not depend on the profile.

    Results are memoised by the profile's fact vector: two profiles with the
    same facts (whatever their id, name or extensions) trigger the same
    principles for the same reasons, so the work is done once.
    """

    MEMO_SIZE = 4096

    def __init__(self, compiled: CompiledRules, catalog: Catalog) -> None:
        self.compiled = compiled
        self.catalog = catalog
        self.facts = operator.attrgetter(*fact_specs())
        self.fact_names = tuple(fact_specs())
        self.unstated_index = tuple(
            (i, spec.pointer)
            for i, spec in enumerate(fact_specs().values())
            if spec.kind in ("bool", "enum")
        )
        self.order = {p.id: i for i, p in enumerate(catalog.principles)}
        # rule index -> ((principle, roles the rule may trigger it for), ...)
        self.targets: list[tuple[tuple[str, frozenset[str]], ...]] = []
        for c in compiled.rules:
            pairs = []
            for principle in c.rule.triggers:
                addressed = frozenset(catalog.roles_of(principle))
                if c.rule.roles:
                    addressed &= frozenset(c.rule.roles)
                pairs.append((principle, addressed))
            self.targets.append(tuple(pairs))
        self.versions = Versions.model_construct(
            aigov=__version__,
            profile_format="1",
            catalog=catalog.version,
            catalog_hash=catalog.content_hash,
            rules=compiled.version,
            rules_hash=compiled.content_hash,
        )
        self.memo: dict[tuple[Any, ...], _Result] = {}
        self.reasons: dict[tuple[int, tuple[_FactKey, ...]], Reason] = {}
        self.fact_values: dict[_FactKey, FactValue] = {}
        self.value_refs: dict[tuple[str, tuple[str, ...]], ValueRef] = {}
        self.why = [_compile_why(c.rule.when)[1] for c in compiled.rules]
        # A rule's reason depends only on the facts it reads: those values, taken
        # from the profile's fact vector in one C call, key the reasons already
        # built, so most fired rules skip re-collecting their facts.
        position = {name: i for i, name in enumerate(self.fact_names)}
        self.rule_facts: list[Callable[[tuple[Any, ...]], Any]] = []
        for c in compiled.rules:
            read = sorted(position[f] for f in _condition_facts(c.rule.when))
            # A rule that reads no fact (an empty "all") has one reason for everyone.
            self.rule_facts.append(operator.itemgetter(*read) if read else _no_facts)
        self.reasons_by_facts: dict[tuple[int, Any], Reason] = {}
        self.triggers: dict[tuple[str, tuple[str, ...], tuple[int, ...]], Trigger] = {}
        self.principles: dict[str, tuple[Principle, tuple[str, ...], tuple[str, ...]]] = {}

    def principle_info(self, pid: str) -> tuple[Principle, tuple[str, ...], tuple[str, ...]]:
        """A principle with its values and roles, looked up on first use.

        A big catalogue has many principles no rule reaches: nothing is
        computed for them.
        """
        info = self.principles.get(pid)
        if info is None:
            cat = self.catalog
            info = self.principles[pid] = (
                cat.principle(pid),
                tuple(cat.values_of(pid)),
                tuple(cat.roles_of(pid)),
            )
        return info

    def reason(self, index: int, prof: SystemProfile, vector: tuple[Any, ...]) -> Reason:
        """The reason of fired rule ``index``, shared by profiles with the same facts."""
        by_facts = (index, self.rule_facts[index](vector))
        known = self.reasons_by_facts.get(by_facts)
        if known is not None:
            return known
        if len(self.reasons_by_facts) >= self.MEMO_SIZE:
            self.reasons_by_facts.clear()
        known = self.reasons_by_facts[by_facts] = self._reason(index, prof)
        return known

    def _reason(self, index: int, prof: SystemProfile) -> Reason:
        compiled = self.compiled.rules[index]
        collected: list[_FactKey] = []
        self.why[index](prof, collected)
        key = (index, tuple(sorted(set(collected))))
        hit = self.reasons.get(key)
        if hit is not None:
            return hit
        facts = []
        for fact in key[1]:
            value = self.fact_values.get(fact)
            if value is None:
                path, raw, stated = fact
                plain = list(raw) if isinstance(raw, tuple) else raw
                value = self.fact_values[fact] = _build(
                    FactValue, {"path": path, "value": plain, "stated": stated}
                )
            facts.append(value)
        rule = compiled.rule
        if len(self.reasons) >= self.MEMO_SIZE:
            self.reasons.clear()
        hit = self.reasons[key] = _build(
            Reason,
            {
                "rule": rule.id,
                "rule_set": compiled.rule_set,
                "severity": rule.severity,
                "baseline": rule.baseline,
                "rationale": rule.rationale,
                "citation": rule.citation,
                "facts": tuple(facts),
            },
        )
        return hit

    def result(
        self, prof: SystemProfile, vector: tuple[Any, ...], actors: frozenset[str]
    ) -> _Result:
        """Triggers, value references and unstated facts for this fact vector."""
        key = (vector, actors)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        if len(self.memo) >= self.MEMO_SIZE:
            self.memo.clear()  # bounded memory for long batches of varied profiles
        unstated = tuple(ptr for i, ptr in self.unstated_index if vector[i] is None)
        hit = self.memo[key] = (*self._compute(prof, vector, actors), unstated)
        return hit

    def _compute(
        self, prof: SystemProfile, vector: tuple[Any, ...], actors: frozenset[str]
    ) -> tuple[tuple[Trigger, ...], tuple[ValueRef, ...]]:
        cat = self.catalog
        found: dict[str, _Acc] = {}
        for index in self.compiled.evaluate(prof):
            reason: Reason | None = None
            for principle, allowed in self.targets[index]:
                roles = allowed & actors
                if not roles:
                    continue
                if reason is None:
                    reason = self.reason(index, prof, vector)
                # An _Acc is made only for a principle not seen yet (it is always truthy).
                acc = found.get(principle) or found.setdefault(principle, _Acc())
                acc.roles |= roles
                acc.reasons.append(reason)
        triggered: list[Trigger] = []
        value_principles: dict[str, list[str]] = {}
        for pid in sorted(found, key=self.order.__getitem__):
            item, values, addressed = self.principle_info(pid)
            acc = found[pid]
            for value in values:
                value_principles.setdefault(value, []).append(pid)
            ordered = tuple(filter(acc.roles.__contains__, addressed))
            # A cached trigger holds its reasons, so their ids cannot be reused.
            key = (pid, ordered, tuple(map(id, acc.reasons)))
            trigger = self.triggers.get(key)
            if trigger is None:
                if len(self.triggers) >= self.MEMO_SIZE:
                    self.triggers.clear()
                trigger = self.triggers[key] = _build(
                    Trigger,
                    {
                        "principle": pid,
                        "framework": item.framework,
                        "number": item.number,
                        "label": item.label,
                        "roles": ordered,
                        "severity": min((r.severity for r in acc.reasons), key=_RANK.__getitem__),
                        "baseline": all(r.baseline for r in acc.reasons),
                        "values": values,
                        "reasons": tuple(acc.reasons),
                    },
                )
            triggered.append(trigger)
        refs = []
        for v in cat.values:
            if v.id not in value_principles:
                continue
            vkey = (v.id, tuple(value_principles[v.id]))
            ref = self.value_refs.get(vkey)
            if ref is None:
                if len(self.value_refs) >= self.MEMO_SIZE:
                    self.value_refs.clear()
                ref = self.value_refs[vkey] = _build(
                    ValueRef, {"value": v.id, "label": v.label, "principles": vkey[1]}
                )
            refs.append(ref)
        value_refs = tuple(refs)
        return tuple(triggered), value_refs


_PLANS: dict[tuple[int, int], _Plan] = {}


def _plan(compiled: CompiledRules, catalog: Catalog) -> _Plan:
    key = (id(compiled), id(catalog))
    plan = _PLANS.get(key)
    # The plan holds both objects, so their ids cannot be reused while it lives.
    if plan is None or plan.compiled is not compiled or plan.catalog is not catalog:
        if len(_PLANS) >= 8:
            _PLANS.clear()
        plan = _PLANS[key] = _Plan(compiled, catalog)
    return plan


@functools.cache
def _default_plan() -> _Plan:
    return _plan(*_resolve(None, None))


def check(
    profile: ProfileSource,
    rules: CompiledRules | RuleSource | Sequence[RuleSource] | None = None,
    catalog: Catalog | None = None,
    *,
    roles: Iterable[str] | None = None,
    framework: str | None = None,
) -> Assessment:
    """Check a system profile against rules; return the triggered principles.

    Args:
        profile: A ``SystemProfile``, a parsed JSON object, a file path or JSON bytes.
        rules: ``None`` for the built-in rule set; compiled rules; or rule-set
            files/documents that *replace* the built-in set (use
            :func:`aigov.rules.compile_rules` to add to it instead).
        catalog: The catalogue (default: the built-in one).
        roles: Only report these roles (default: every role among the profile's actors).
        framework: Also express the triggered principles in this framework's
            items (through the crosswalks), in ``Assessment.crosswalk``.

    Raises:
        ValidationFailed: The profile is invalid.
        RuleError: A rule set is invalid.
        UnknownIdError: ``roles`` names an unknown role.
    """
    prof = load_profile(profile)
    if rules is None and catalog is None:
        plan = _default_plan()
    else:
        plan = _plan(*_resolve(rules, catalog))
    cat = plan.catalog
    wanted: frozenset[str] | None = None
    actors = frozenset(prof.actors)
    if roles is not None:
        wanted = frozenset(cat.role(r).id for r in roles)
        actors &= wanted
    vector = plan.facts(prof)
    triggered, value_refs, unstated = plan.result(prof, vector, actors)
    view = None
    if framework is not None:
        from aigov.crosswalk import framework_view  # noqa: PLC0415 - only when asked

        view = framework_view([t.principle for t in triggered], framework, catalog=cat)
    # Every field is given and already valid: build without re-validating (hot path).
    return _build(
        Assessment,
        {
            "schema_": None,
            "kind": "assessment",
            "format_version": "1",
            "profile": _build(
                ProfileRef,
                {"id": prof.id, "name": prof.name, "facts_hash": _facts_hash(prof, vector)},
            ),
            "roles": None if wanted is None else tuple(sorted(wanted)),
            "triggered": triggered,
            "values": value_refs,
            "unstated_facts": unstated,
            "versions": plan.versions,
            "crosswalk": view,
        },
    )


# -- explanation -------------------------------------------------------------------------


class ConditionResult(_Model):
    """One leaf condition of a rule, with the profile's value and whether it held."""

    path: str
    fact: str
    operator: str
    expected: JsonValue
    actual: JsonValue
    stated: bool
    held: bool


class RuleExplanation(_Model):
    """How one rule that targets the principle fared."""

    rule: str
    fired: bool
    severity: Severity
    conditions: tuple[ConditionResult, ...]
    addressed_roles: tuple[str, ...]
    roles: tuple[str, ...]
    note: str


class Explanation(_Model):
    """Why a principle was or was not triggered for a profile."""

    principle: str
    triggered: bool
    roles: tuple[str, ...]
    addressed_roles: tuple[str, ...]
    actors: tuple[str, ...]
    rules: tuple[RuleExplanation, ...]
    summary: str


def _leaves(cond: Any, where: str, profile: SystemProfile) -> Iterable[ConditionResult]:  # noqa: ANN401
    if isinstance(cond, (AllCondition, AnyCondition)):
        key = "all" if isinstance(cond, AllCondition) else "any"
        for i, c in enumerate(getattr(cond, key)):
            yield from _leaves(c, f"{where}.{key}[{i}]", profile)
    elif isinstance(cond, NotCondition):
        yield from _leaves(cond.not_, f"{where}.not", profile)
    else:
        actual, stated = _leaf_value(cond.fact, profile)
        expected = list(cond.value) if isinstance(cond.value, tuple) else cond.value
        yield ConditionResult(
            path=where,
            fact=cond.fact,
            operator=cond.operator,
            expected=expected,
            actual=actual,
            stated=stated,
            held=_holds(cond, profile),
        )


def explain(
    subject: Assessment | ProfileSource,
    principle_id: str,
    *,
    profile: ProfileSource | None = None,
    rules: CompiledRules | RuleSource | Sequence[RuleSource] | None = None,
    catalog: Catalog | None = None,
) -> Explanation:
    """Explain why ``principle_id`` was or was not triggered.

    Args:
        subject: A profile (any form :func:`check` takes), or an assessment
            together with the ``profile`` it was made from.
        principle_id: The principle to explain.
        profile: The profile, when ``subject`` is an assessment.
        rules: As for :func:`check`.
        catalog: As for :func:`check`.

    Raises:
        UnknownIdError: Unknown principle (with a did-you-mean).
        UsageError: An assessment was given without its profile.
    """
    from aigov.errors import UsageError  # noqa: PLC0415

    if isinstance(subject, Assessment):
        if profile is None:
            raise UsageError("explain() needs the profile an assessment was made from")
        subject = profile
    prof = load_profile(subject)
    compiled, cat = _resolve(rules, catalog)
    principle = cat.principle(principle_id)
    addressed = tuple(cat.roles_of(principle.id))
    actors = tuple(prof.actors)
    fired = set(compiled.evaluate(prof))
    results: list[RuleExplanation] = []
    all_roles: set[str] = set()
    for index, c in enumerate(compiled.rules):
        if principle.id not in c.rule.triggers:
            continue
        did_fire = index in fired
        allowed = set(addressed) & set(actors)
        if c.rule.roles:
            allowed &= set(c.rule.roles)
        roles = tuple(r for r in addressed if r in allowed) if did_fire else ()
        all_roles.update(roles)
        if not did_fire:
            note = "its condition does not hold"
        elif not roles:
            note = "its condition holds, but none of the roles it concerns is among the actors"
        else:
            note = "fired for " + ", ".join(roles)
        results.append(
            RuleExplanation(
                rule=c.rule.id,
                fired=did_fire,
                severity=c.rule.severity,
                conditions=tuple(_leaves(c.rule.when, "when", prof)),
                addressed_roles=tuple(sorted(set(c.rule.roles))) if c.rule.roles else addressed,
                roles=roles,
                note=note,
            )
        )
    triggered = bool(all_roles)
    if not results:
        summary = "no rule targets this principle"
    elif triggered:
        summary = "triggered for " + ", ".join(r for r in addressed if r in all_roles)
    elif not set(addressed) & set(actors):
        summary = (
            "not triggered: the principle addresses "
            + (", ".join(addressed) or "no role")
            + ", none of which is among the profile's actors"
        )
    else:
        summary = "not triggered: no rule targeting it fired for an actor it addresses"
    return Explanation(
        principle=principle.id,
        triggered=triggered,
        roles=tuple(r for r in addressed if r in all_roles),
        addressed_roles=addressed,
        actors=actors,
        rules=tuple(results),
        summary=summary,
    )
