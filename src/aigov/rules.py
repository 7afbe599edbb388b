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

This module compiles rule sets and gives the built-in ones and the facts a
profile may state; it re-exports the rest, which lives in private modules:
the rule-set document and its reading (``_ruleset``), checking rule sets
against the profile format, the declared facts and the catalogue
(``_rulecheck``), and the custom facts' declarations and values
(``_customfacts``).
"""

from __future__ import annotations

import functools
import hashlib
import operator
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Annotated, Any

from pydantic import Field, JsonValue

from aigov._base import SEVERITIES, FrozenModel, Severity
from aigov._conditions import (
    OPERATORS,
    AllCondition,
    AnyCondition,
    Condition,
    FactCondition,
    FactKey,
    NotCondition,
    Predicate,
    compile_condition,
)
from aigov._customfacts import custom_values, declarations
from aigov._jsonio import dumps_canonical
from aigov._load import sources as _each
from aigov._rulecheck import check_rule_sets
from aigov._ruleset import (
    MAX_DEPTH,
    MAX_FACTS,
    MAX_RULES,
    ActorRoles,
    FactDeclaration,
    Rule,
    RuleSet,
    RuleSource,
    load_rule_set,
)
from aigov._suggest import suggest
from aigov.catalog import Catalog, builtin_catalog
from aigov.errors import Issue, RuleError, UnknownIdError
from aigov.models import LocalizedText, Source
from aigov.profile import FactSpec, SystemProfile, fact_specs

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

#: Most reasons a compiled rule set keeps for reuse.
REASON_CACHE_SIZE = 4096


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
        facts, declared, checked = check_rule_sets(sets, catalog)
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
            values += custom_values(self._declared, profile, source)
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
    declared, issues = declarations(sets)
    if issues:
        raise RuleError(issues, source=sets[0][1] if len(sets) == 1 else None)
    return {**fact_specs(), **declared}


@functools.cache
def builtin_rules() -> CompiledRules:
    """All built-in rule sets, compiled against the built-in catalogue once per process."""
    return CompiledRules(_builtin_sets(BUILTIN_RULE_SETS), builtin_catalog())
