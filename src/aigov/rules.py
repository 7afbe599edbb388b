"""Rule sets: declarative conditions over a system profile, checked and compiled once.

A rule set is a JSON document (``"kind": "rule-set"``).  Each rule has a
condition in the style of json-rules-engine (``all`` / ``any`` / ``not`` over
``{"fact": "data.personal", "operator": "equal", "value": true}``), the
principles it triggers, the roles it concerns, a severity, a rationale and a
citation.  A rule set of format version 1.1 may also declare custom facts
(:class:`FactDeclaration`): ``x-`` keys that profiles state and rules test
like built-in facts.  Loading checks every fact path, operator and value
against the profile format and the declared facts, and every principle and
role against the catalogue, then compiles each condition into closures
(:mod:`aigov._conditions`): no text from a rule file is ever evaluated.

:class:`CompiledRules` holds the one result cache of the check path: the
:class:`Reason` of a fired rule, keyed by the values of the facts that rule
reads, bounded in size.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Annotated, Any, Literal, TypeAlias, Union

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    JsonValue,
    StrictBool,
    StringConstraints,
    model_validator,
)

from aigov._base import (
    SEVERITIES,
    DocumentModel,
    FrozenModel,
    ItemId,
    RoleId,
    Severity,
)
from aigov._conditions import (
    LIST_VALUED,
    OPERATORS,
    AllCondition,
    AnyCondition,
    Condition,
    FactCondition,
    FactKey,
    NotCondition,
    Predicate,
    compile_condition,
    iter_leaves,
)
from aigov._issues import short_repr
from aigov._jsonio import dumps_canonical, json_path
from aigov._load import load_document
from aigov._load import sources as _each
from aigov._suggest import Hints, did_you_mean, own_label_hint, suggest
from aigov.catalog import Catalog, builtin_catalog
from aigov.errors import Issue, LimitError, RuleError, UnknownIdError, ValidationFailed
from aigov.models import LocalizedText, Source
from aigov.profile import X_FACT, Actor, FactKind, FactSpec, SystemProfile, fact_specs

__all__ = [
    "BUILTIN_RULE_SETS",
    "MAX_DEPTH",
    "MAX_FACTS",
    "MAX_RULES",
    "OPERATORS",
    "REASON_CACHE_SIZE",
    "SEVERITIES",
    "ActorRoles",
    "AllCondition",
    "AnyCondition",
    "CompiledRule",
    "CompiledRules",
    "Condition",
    "FactCondition",
    "FactDeclaration",
    "FactValue",
    "NotCondition",
    "Reason",
    "Rule",
    "RuleSet",
    "RuleSource",
    "builtin_rule_set",
    "builtin_rules",
    "compile_rules",
    "facts_for",
    "load_rule_set",
]

#: The packaged rule sets, by id, in the order they are checked; all are on by default.
BUILTIN_RULE_SETS: tuple[str, ...] = ("builtin", "jp-ai-business-2024")

#: Deepest nesting of ``all``/``any``/``not`` a rule set may use.
MAX_DEPTH = 32
#: Most rules all loaded rule sets may hold together.
MAX_RULES = 10_000
#: Most custom facts one rule set may declare.
MAX_FACTS = 200
#: Most reasons a compiled rule set keeps for reuse.
REASON_CACHE_SIZE = 4096

_RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=128)]


class Rule(FrozenModel):
    """One rule: when its condition holds, it triggers principles for roles."""

    id: _RuleId
    when: Condition
    triggers: Annotated[tuple[ItemId, ...], Field(min_length=1, max_length=50)]
    roles: tuple[RoleId, ...] = ()
    severity: Severity
    baseline: StrictBool = False
    rationale: LocalizedText
    citation: Source


class ActorRoles(FrozenModel):
    """The roles of a rule set's principles that one profile actor takes.

    A profile names its actors in the vocabulary of the 2017/2019 guidelines
    (``developer``, ``ai-service-provider``...). A rule set whose principles
    address other roles (the 2024 guidelines' ``jp-ai-business-2024:ai-developer``...)
    says here which of them each actor is.
    """

    actor: Actor
    roles: Annotated[tuple[RoleId, ...], Field(min_length=1, max_length=20)]


_Choice = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")
]


class FactDeclaration(FrozenModel):
    """A custom fact a rule set declares, so that profiles may state it and rules test it.

    Attributes:
        fact: The fact's dotted path: an ``x-`` key at the top level of the
            profile (``x-agentic-tool-use``) or in one of its objects people,
            data, learning, capabilities or deployment (``deployment.x-hosting``).
        kind: ``bool``, ``enum`` (one of ``values``), ``list`` (distinct items
            of ``values``) or ``text`` (stated, but no rule can test it).
        values: The allowed values of an ``enum`` or ``list`` fact (none for
            the other kinds).
        label: A short name in Japanese and English, for forms and wizards.
        description: What the fact means, in Japanese and English.
    """

    fact: Annotated[str, StringConstraints(pattern=X_FACT, max_length=100)]
    kind: FactKind
    values: Annotated[tuple[_Choice, ...], Field(max_length=100)] = ()
    label: LocalizedText | None = None
    description: LocalizedText

    @model_validator(mode="after")
    def _values_fit_kind(self) -> FactDeclaration:
        if self.kind in ("enum", "list") and not self.values:
            raise ValueError(f"a {self.kind} fact needs its allowed 'values'")
        if self.kind in ("bool", "text") and self.values:
            raise ValueError(f"a {self.kind} fact takes no 'values'")
        repeated = sorted({v for v in self.values if self.values.count(v) > 1})
        if repeated:
            raise ValueError(f"{repeated[0]!r} is listed twice in 'values'; list each once")
        return self

    def spec(self, rule_set: str) -> FactSpec:
        """The declared fact as a :class:`~aigov.profile.FactSpec` declared by ``rule_set``."""
        return FactSpec(
            self.fact,
            self.kind,
            self.values,
            description=self.description.model_dump(),
            label=self.label.model_dump() if self.label else None,
            declared_by=rule_set,
        )


def _no_repeated_facts(
    facts: tuple[FactDeclaration, ...],
) -> tuple[FactDeclaration, ...]:
    names = [f.fact for f in facts]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"fact {repeated[0]!r} is declared twice; declare each fact once")
    return facts


def _schema_rule_set(schema: dict[str, Any]) -> None:
    # The model's check that only a version 1.1 rule set declares facts.
    schema["if"] = {"properties": {"format_version": {"const": "1"}}}
    schema["then"] = {"properties": {"facts": {"maxItems": 0}}}


class RuleSet(DocumentModel):
    """A rule-set document (format version 1, or 1.1 with declared ``facts``)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        serialize_by_alias=True,
        json_schema_extra=_schema_rule_set,
    )

    kind: Literal["rule-set"]
    format_version: Literal["1", "1.1"] = "1"
    id: _RuleId
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    title: LocalizedText | None = None
    facts: Annotated[
        tuple[FactDeclaration, ...],
        AfterValidator(_no_repeated_facts),
        Field(max_length=MAX_FACTS),
    ] = ()
    """Custom facts this rule set declares (format version 1.1): profiles may state
    them, and the rules of every loaded rule set may test them."""
    actors: Annotated[tuple[ActorRoles, ...], Field(max_length=50)] = ()
    """Which roles of this rule set's principles each profile actor takes (none: the
    actors are the roles)."""
    rules: Annotated[tuple[Rule, ...], Field(max_length=MAX_RULES)]

    @model_validator(mode="after")
    def _facts_need_1_1(self) -> RuleSet:
        if self.facts and self.format_version == "1":
            raise ValueError("'facts' needs format_version '1.1'")
        return self


class FactValue(FrozenModel):
    """A profile fact a reason rests on: JSON pointer, value, and whether it was stated."""

    path: Annotated[str, Field(pattern=r"^(?:/[a-z_]+)*/(?:[a-z_]+|x-[a-z0-9]+(?:-[a-z0-9]+)*)$")]
    value: JsonValue
    stated: bool


class Reason(FrozenModel):
    """One fired rule behind a triggered principle."""

    rule: str
    rule_set: str
    severity: Severity
    baseline: bool
    rationale: LocalizedText
    citation: Source
    facts: tuple[FactValue, ...]


# -- loading ---------------------------------------------------------------------------

RuleSource: TypeAlias = Union[RuleSet, Mapping[str, Any], str, "os.PathLike[str]", bytes]
"""What :func:`load_rule_set` accepts: a model, parsed JSON, a path, or JSON bytes."""


def _refuse_deep(data: Any, source: str) -> None:  # noqa: ANN401 - raw input
    """Refuse over-deep conditions before pydantic recurses into them."""
    issues: list[Issue] = []
    rules = data.get("rules") if isinstance(data, Mapping) else None
    for i, rule in enumerate(rules if isinstance(rules, list) else ()):
        if not isinstance(rule, Mapping):
            continue
        stack: list[tuple[Any, int]] = [(rule.get("when"), 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                issues.append(
                    Issue(
                        f"$.rules[{i}].when",
                        f"rule {rule.get('id')!r}: conditions nest deeper than {MAX_DEPTH} levels",
                        "flatten the condition",
                        source,
                    )
                )
                break
            if isinstance(node, Mapping):
                for key in ("all", "any"):
                    if isinstance(node.get(key), list):
                        stack.extend((child, depth + 1) for child in node[key])
                if "not" in node:
                    stack.append((node["not"], depth + 1))
    if issues:
        raise LimitError(issues, source=source)


def load_rule_set(source: RuleSource, *, name: str | None = None) -> tuple[RuleSet, str]:
    """Parse and validate one rule-set document; return it with its name for messages.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The file is not JSON.
        LimitError: Conditions nest too deeply.
        RuleError: The document breaks the rule-set format.
    """
    return load_document(
        RuleSet,
        source,
        what="rules",
        name=name,
        error=RuleError,
        precheck=_refuse_deep,
        rename=_name_rules,
    )


def _name_rules(issues: list[Issue], rules: Any) -> list[Issue]:  # noqa: ANN401
    """Prefix each issue under ``$.rules[i]`` with that rule's id."""
    rules = rules.get("rules") if isinstance(rules, Mapping) else None
    if not isinstance(rules, list):
        return issues
    out = []
    for issue in issues:
        prefix = "$.rules["
        if issue.path.startswith(prefix):
            index = issue.path[len(prefix) :].split("]", 1)[0]
            if (
                index.isdigit()
                and int(index) < len(rules)
                and isinstance(rules[int(index)], Mapping)
            ):
                rid = rules[int(index)].get("id")
                if isinstance(rid, str):
                    issue = Issue(  # noqa: PLW2901 - the same issue, renamed
                        issue.path, f"rule {rid!r}: {issue.message}", issue.hint, issue.source
                    )
        out.append(issue)
    return out


# -- compiling -------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    """A checked rule with where it came from, its compiled condition and its targets.

    Attributes:
        targets: Each principle the rule triggers with the roles it may
            trigger it for: the roles the catalogue addresses the principle
            to, narrowed to the rule's own ``roles`` when it names any.
    """

    rule: Rule
    rule_set: str
    source: str
    path: str
    predicate: Predicate
    targets: tuple[tuple[str, frozenset[str]], ...]


class CompiledRules:
    """Rule sets checked against a catalogue and compiled once.

    Build it with :func:`compile_rules` or :func:`builtin_rules`.  It keeps
    the catalogue it was checked against (:attr:`catalog`).
    """

    def __init__(self, sets: Sequence[tuple[RuleSet, str]], catalog: Catalog) -> None:
        """Check ``sets`` against the profile format and ``catalog``, then compile them.

        Raises:
            RuleError: Unknown fact paths, operators that do not fit the fact,
                values outside the fact's vocabulary, unknown principles or
                roles, or repeated rule ids; every problem is listed.
            LimitError: More than :data:`MAX_RULES` rules in all.
        """
        declared, issues = _declarations(sets)
        facts = {**fact_specs(), **declared}
        checked: list[tuple[Rule, str, str, str]] = []
        pools = _Pools(catalog, facts)
        hints = Hints()
        seen: dict[str, str] = {}
        for rule_set, source in sets:
            issues.extend(_check_actor_roles(rule_set, source, pools, hints))
            for i, rule in enumerate(rule_set.rules):
                path = f"$.rules[{i}]"
                if rule.id in seen:
                    issues.append(
                        Issue(
                            path + ".id",
                            f"rule id {rule.id!r} repeats {seen[rule.id]}",
                            "give each rule its own id",
                            source,
                        )
                    )
                    continue
                seen[rule.id] = f"{source}: {path}"
                issues.extend(_check_rule(rule, path, source, pools, hints))
                checked.append((rule, rule_set.id, source, path))
        if len(checked) > MAX_RULES:
            sources = ", ".join(source for _, source in sets)
            raise LimitError(
                [
                    Issue(
                        "$.rules",
                        f"{len(checked)} rules in all ({sources}), over the limit of {MAX_RULES}",
                        "split the rules or leave some out",
                    )
                ],
                source=sets[-1][1],
            )
        if issues:
            raise RuleError(issues, source=sets[0][1] if len(sets) == 1 else None)
        specs = fact_specs()
        self._facts = facts
        self._declared = tuple(declared.values())
        self.sets: tuple[tuple[RuleSet, str], ...] = tuple(sets)
        self.catalog = catalog
        self.rules: tuple[CompiledRule, ...] = tuple(
            CompiledRule(
                rule,
                set_id,
                source,
                path,
                compile_condition(rule.when, facts),
                _targets(rule, catalog),
            )
            for rule, set_id, source, path in checked
        )
        taken: dict[str, set[str]] = {}
        for rs, _ in sets:
            for entry in rs.actors:
                taken.setdefault(entry.actor, set()).update(entry.roles)
        self._taken = {actor: frozenset(roles) for actor, roles in taken.items()}
        self.version = "+".join(f"{rs.id}@{rs.version}" for rs, _ in sets)
        """Each rule set's ``id@version``, joined by ``+``."""
        digest = hashlib.sha256()
        for rs, _ in sets:
            data = rs.model_dump(mode="json", by_alias=True)
            if not data["facts"]:
                # A rule set that declares no fact hashes as it did before format 1.1.
                del data["facts"]
            digest.update(dumps_canonical(data).encode())
        self.content_hash = "sha256:" + digest.hexdigest()
        """SHA-256 of the canonical JSON of the rule sets."""
        self._vector = operator.attrgetter(*specs)
        self._reads: tuple[Callable[[Sequence[Any]], object], ...] = tuple(
            _reader(c.predicate.positions) for c in self.rules
        )
        self._reasons: dict[tuple[int, object], Reason] = {}
        self._lock = threading.Lock()

    def roles_of_actors(self, actors: Iterable[str]) -> tuple[str, ...]:
        """The roles the profile's ``actors`` take, in order and without repeats.

        Each actor is followed by the roles the rule sets map it to (``RuleSet.actors``).
        """
        out: dict[str, None] = {}
        for actor in actors:
            out[actor] = None
            out.update(dict.fromkeys(sorted(self._taken.get(actor, ()))))
        return tuple(out)

    @property
    def facts(self) -> dict[str, FactSpec]:
        """Every fact the rules may read, by dotted path, in fact-vector order.

        The built-in facts (:func:`~aigov.profile.fact_specs`) first, then the
        custom facts the rule sets declare, in the order they are declared.
        """
        return dict(self._facts)

    @property
    def declared(self) -> tuple[FactSpec, ...]:
        """The custom facts the rule sets declare, in the order they are declared."""
        return self._declared

    def vector(self, profile: SystemProfile, *, source: str | None = None) -> tuple[Any, ...]:
        """The profile's fact vector: every fact in :attr:`facts` order, None if unstated.

        Args:
            profile: The profile.
            source: What to call the profile in messages (default: ``<profile ID>``).

        Raises:
            ValidationFailed: The profile states a declared custom fact with a
                value of the wrong type or outside its allowed values; each
                issue names the JSON path in the profile.
        """
        values: tuple[Any, ...] = self._vector(profile)
        if self._declared:
            values += _custom_values(self._declared, profile, source)
        return values

    def fired(self, vector: Sequence[Any]) -> list[int]:
        """Indexes (into :attr:`rules`) of the rules whose condition holds."""
        return [i for i, c in enumerate(self.rules) if c.predicate.holds(vector)]

    def evaluate(self, profile: SystemProfile) -> list[int]:
        """Indexes (into :attr:`rules`) of the rules whose condition holds for ``profile``."""
        return self.fired(self.vector(profile))

    def reason(self, index: int, vector: Sequence[Any]) -> Reason:
        """Why fired rule ``index`` fired: the rule and the facts it rests on.

        A reason depends only on the values of the facts its rule reads, so it
        is kept under those values and reused (up to :data:`REASON_CACHE_SIZE`
        reasons; the oldest goes first).
        """
        key = (index, self._reads[index](vector))
        with self._lock:
            known = self._reasons.get(key)
        if known is not None:
            return known
        compiled = self.rules[index]
        collected: list[FactKey] = []
        compiled.predicate.why(vector, collected)
        reason = Reason(
            rule=compiled.rule.id,
            rule_set=compiled.rule_set,
            severity=compiled.rule.severity,
            baseline=compiled.rule.baseline,
            rationale=compiled.rule.rationale,
            citation=compiled.rule.citation,
            facts=tuple(
                FactValue(path=path, value=list(v) if isinstance(v, tuple) else v, stated=stated)
                for path, v, stated in sorted(set(collected))
            ),
        )
        with self._lock:
            if len(self._reasons) >= REASON_CACHE_SIZE:
                del self._reasons[next(iter(self._reasons))]
            self._reasons[key] = reason
        return reason

    def targeting(self, principle_id: str) -> list[CompiledRule]:
        """The rules that trigger ``principle_id``, in rule-set order."""
        return [c for c in self.rules if principle_id in c.rule.triggers]


def _reader(positions: tuple[int, ...]) -> Callable[[Sequence[Any]], object]:
    if not positions:
        return lambda _vector: ()  # a rule that reads no fact has one reason for everyone
    return operator.itemgetter(*positions)


def _targets(rule: Rule, catalog: Catalog) -> tuple[tuple[str, frozenset[str]], ...]:
    pairs = []
    for principle in rule.triggers:
        addressed = frozenset(catalog.roles_of(principle))
        if rule.roles:
            addressed &= frozenset(rule.roles)
        pairs.append((principle, addressed))
    return tuple(pairs)


def _custom_values(
    declared: Sequence[FactSpec], profile: SystemProfile, source: str | None
) -> tuple[Any, ...]:
    """The values of the declared custom facts in ``profile``, checked; lists as tuples."""
    values: list[Any] = []
    issues: list[Issue] = []
    for spec in declared:
        raw = spec.get(profile)
        value, problems = _custom_value(spec, raw)
        values.append(value)
        issues.extend(problems)
    if issues:
        raise ValidationFailed(issues, source=source or f"<profile {profile.id}>")
    return tuple(values)


def _custom_value(spec: FactSpec, raw: object) -> tuple[Any, list[Issue]]:
    where = json_path(spec.attrs)
    what = f"custom fact {spec.path!r} (declared by rule set {spec.declared_by!r})"
    if raw is None:
        return None, []
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw, []
        return None, [
            Issue(where, f"{short_repr(raw)} is not a value of {what}", "expected true or false")
        ]
    if spec.kind == "text":
        if isinstance(raw, str) and len(raw) <= 4000:
            return raw, []
        return None, [
            Issue(
                where,
                f"{short_repr(raw)} is not a value of {what}",
                "expected a text of up to 4,000 characters",
            )
        ]
    expected = "expected " + ", ".join(spec.choices)
    if spec.kind == "enum":
        if isinstance(raw, str) and raw in spec.choices:
            return raw, []
        hint = did_you_mean(raw, spec.choices) if isinstance(raw, str) else None
        return None, [Issue(where, f"{short_repr(raw)} is not a value of {what}", hint or expected)]
    if not isinstance(raw, list):
        return None, [
            Issue(
                where,
                f"{what} is a list, not {short_repr(raw)}",
                "write a list of values: " + expected,
            )
        ]
    problems = []
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(item, str) or item not in spec.choices:
            hint = did_you_mean(item, spec.choices) if isinstance(item, str) else None
            problems.append(
                Issue(at, f"{short_repr(item)} is not a value of {what}", hint or expected)
            )
        elif item in raw[:i]:
            problems.append(Issue(at, f"{item!r} is listed twice", "list each value once"))
    return (None if problems else tuple(raw)), problems


def _describe(decl: FactDeclaration) -> str:
    if decl.values:
        return f"{decl.kind} of " + ", ".join(map(repr, decl.values))
    return decl.kind


def _declarations(sets: Sequence[tuple[RuleSet, str]]) -> tuple[dict[str, FactSpec], list[Issue]]:
    """The custom facts the rule sets declare, and the issues of conflicting declarations.

    Several rule sets may declare one fact if they give the same kind and
    values; the first declaration's words are kept.
    """
    specs: dict[str, FactSpec] = {}
    first: dict[str, tuple[FactDeclaration, str]] = {}
    issues: list[Issue] = []
    for rule_set, source in sets:
        for i, decl in enumerate(rule_set.facts):
            where = f"$.facts[{i}]"
            known = first.get(decl.fact)
            if known is None:
                first[decl.fact] = (decl, f"{source}: {where}")
                specs[decl.fact] = decl.spec(rule_set.id)
            elif (known[0].kind, known[0].values) != (decl.kind, decl.values):
                issues.append(
                    Issue(
                        where,
                        f"fact {decl.fact!r} is declared here as {_describe(decl)}, "
                        f"but as {_describe(known[0])} at {known[1]}",
                        "declare it the same way in every rule set, or rename one of them",
                        source,
                    )
                )
    return specs, issues


class _Pools:
    """The names a rule may use, listed once for every rule's checks and hints."""

    def __init__(self, catalog: Catalog, facts: Mapping[str, FactSpec]) -> None:
        self.catalog = catalog
        self.facts = facts
        self.principles = [p.id for p in catalog.principles]
        self.roles = [r.id for r in catalog.roles]
        self.testable = [p for p, s in facts.items() if s.kind != "text"]


def _unknown_roles(
    roles: Sequence[str], path: str, who: str, *, source: str, pools: _Pools, hints: Hints
) -> Iterator[Issue]:
    for i, role in enumerate(roles):
        if role not in pools.catalog or pools.catalog.kind_of(role) != "role":
            yield Issue(
                f"{path}[{i}]",
                f"{who}: unknown role {role!r}",
                hints(role, pools.roles, "see 'aigov list roles'"),
                source,
            )


def _check_actor_roles(
    rule_set: RuleSet, source: str, pools: _Pools, hints: Hints
) -> Iterator[Issue]:
    for i, entry in enumerate(rule_set.actors):
        yield from _unknown_roles(
            entry.roles,
            f"$.actors[{i}].roles",
            f"actor {entry.actor!r}",
            source=source,
            pools=pools,
            hints=hints,
        )


def _check_rule(rule: Rule, path: str, source: str, pools: _Pools, hints: Hints) -> Iterator[Issue]:
    catalog = pools.catalog
    for cond, where in iter_leaves(rule.when, f"{path}.when"):
        spec = pools.facts.get(cond.fact)
        if spec is None and cond.fact.rpartition(".")[2].startswith("x-"):
            yield Issue(
                f"{where}.fact",
                f"rule {rule.id!r}: custom fact {cond.fact!r} is not declared",
                hints(
                    cond.fact,
                    pools.testable,
                    "declare it in the rule set's 'facts' ($.facts, format_version '1.1') "
                    "with its kind and values",
                ),
                source,
            )
            continue
        if spec is None or spec.kind == "text":
            yield Issue(
                f"{where}.fact",
                f"rule {rule.id!r}: unknown fact {cond.fact!r}",
                hints(cond.fact, pools.testable, "see the system-profile schema"),
                source,
            )
            continue
        if spec.kind not in OPERATORS[cond.operator]:
            fitting = sorted(op for op, kinds in OPERATORS.items() if spec.kind in kinds)
            yield Issue(
                f"{where}.operator",
                f"rule {rule.id!r}: operator {cond.operator!r} does not apply to "
                f"{spec.kind} fact {cond.fact!r}",
                "use one of " + ", ".join(fitting),
                source,
            )
            continue
        many = cond.operator in LIST_VALUED
        if many != isinstance(cond.value, tuple):
            shape = "a list of values" if many else "a single value"
            yield Issue(
                f"{where}.value", f"rule {rule.id!r}: {cond.operator!r} needs {shape}", None, source
            )
            continue
        for v in cond.value if isinstance(cond.value, tuple) else (cond.value,):
            if spec.allows(v):
                continue
            expected = "true or false" if spec.kind == "bool" else ", ".join(spec.choices)
            yield Issue(
                f"{where}.value",
                f"rule {rule.id!r}: {short_repr(v)} is not a value of {cond.fact!r}",
                own_label_hint(v, spec.choices)
                if spec.open_labels
                else hints(str(v), spec.choices, f"expected {expected}"),
                source,
            )
    for i, principle in enumerate(rule.triggers):
        if principle not in catalog or catalog.kind_of(principle) != "principle":
            yield Issue(
                f"{path}.triggers[{i}]",
                f"rule {rule.id!r}: unknown principle {principle!r}",
                hints(principle, pools.principles, "see 'aigov list principles'"),
                source,
            )
    yield from _unknown_roles(
        rule.roles, f"{path}.roles", f"rule {rule.id!r}", source=source, pools=pools, hints=hints
    )


@functools.cache
def builtin_rule_set(rule_set_id: str) -> RuleSet:
    """One packaged rule set by id (see :data:`BUILTIN_RULE_SETS`).

    Raises:
        UnknownIdError: No packaged rule set has that id.
    """
    if rule_set_id not in BUILTIN_RULE_SETS:
        raise UnknownIdError(
            "rule set",
            rule_set_id,
            suggestions=suggest(rule_set_id, BUILTIN_RULE_SETS),
            choices=BUILTIN_RULE_SETS,
        )
    data = files("aigov.data").joinpath("rules").joinpath(f"{rule_set_id}.json").read_bytes()
    return RuleSet.model_validate_json(data)


def _builtin_sets(rule_sets: Iterable[str]) -> list[tuple[RuleSet, str]]:
    wanted = dict.fromkeys(builtin_rule_set(rid).id for rid in rule_sets)  # unknown ids fail first
    return [(builtin_rule_set(rid), f"aigov/data/rules/{rid}.json") for rid in wanted]


def compile_rules(
    *sources: RuleSource,
    builtin: bool = True,
    catalog: Catalog | None = None,
    rule_sets: Iterable[str] | None = None,
) -> CompiledRules:
    """Load, check and compile rule sets.

    Args:
        sources: Rule-set files, JSON bytes, parsed documents or ``RuleSet`` models.
        builtin: Include the built-in rule sets (default) or leave them out.
        catalog: The catalogue principles and roles are checked against
            (default: the built-in one).
        rule_sets: Which built-in rule sets to include, by id (default: all of
            :data:`BUILTIN_RULE_SETS`); ignored when ``builtin`` is false.

    Raises:
        RuleError: A rule set is invalid (every issue names the rule id), or
            no rule set is left to check with.
        UnknownIdError: ``rule_sets`` names a rule set that is not packaged.
        LimitError: Too many rules, or conditions nested too deeply.
        FileAccessError: A file cannot be read.
        ParseError: A file is not JSON.
    """
    if catalog is None:
        catalog = builtin_catalog()
    chosen = tuple(BUILTIN_RULE_SETS if rule_sets is None else rule_sets) if builtin else ()
    sets = _builtin_sets(chosen)
    if chosen == BUILTIN_RULE_SETS and not sources and catalog is builtin_catalog():
        return builtin_rules()
    sets.extend(load_rule_set(s) for s in sources)
    if not sets:
        raise RuleError(
            [
                Issue(
                    "$",
                    "no rule set to check with",
                    "give at least one rule set, or keep the built-in one",
                )
            ]
        )
    return CompiledRules(sets, catalog)


def facts_for(
    rules: CompiledRules | RuleSource | Sequence[RuleSource] | None = None,
    *,
    builtin: bool = True,
) -> dict[str, FactSpec]:
    """Every fact a profile may state for these rules: built-in and declared.

    The built-in facts (:func:`~aigov.profile.fact_specs`) come first, then the
    custom facts the rule sets declare, in the order they are declared.  Each
    :class:`~aigov.profile.FactSpec` has its kind, allowed values, description
    (``en`` for a built-in fact, ``ja`` and ``en`` for a declared one), label
    and the rule set that declares it.  A form or wizard asks about these.
    Rule sets given as files or documents are read and their declarations
    checked, but their rules are not checked against the catalogue.

    Args:
        rules: Compiled rules, or rule-set files, documents or models (a
            sequence of them, or none).
        builtin: Count the built-in rule sets' declarations too (default).
            Ignored when ``rules`` is already compiled.

    Raises:
        RuleError: A rule set is invalid, or two declare one fact differently.
        FileAccessError: A file cannot be read.
        ParseError: A file is not JSON.
    """
    if isinstance(rules, CompiledRules):
        return rules.facts
    sets = _builtin_sets(BUILTIN_RULE_SETS) if builtin else []
    sets.extend(load_rule_set(s) for s in _each(rules))
    declared, issues = _declarations(sets)
    if issues:
        raise RuleError(issues, source=sets[0][1] if len(sets) == 1 else None)
    return {**fact_specs(), **declared}


@functools.cache
def builtin_rules() -> CompiledRules:
    """All built-in rule sets, compiled against the built-in catalogue once per process."""
    return CompiledRules(_builtin_sets(BUILTIN_RULE_SETS), builtin_catalog())
