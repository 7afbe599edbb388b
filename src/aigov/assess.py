"""Checking a system profile: which principles it triggers, for whom, and why.

:func:`check` is pure: the same profile, rules and catalogue always give the
same :class:`Assessment`.  :func:`explain` tells why one principle was or was
not triggered, condition by condition.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import ConfigDict, JsonValue, model_validator

from aigov import __version__
from aigov._base import SEVERITY_RANK, DocumentModel, FrozenModel, ItemId, RoleId, Severity
from aigov._choices import REGIMES
from aigov._conditions import Leaf
from aigov._jsonio import dumps_canonical
from aigov._load import load_document, sources
from aigov._suggest import Hints
from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import FrameworkView, MappingsArg, express_in
from aigov.errors import CatalogError, Issue, UnknownIdError, UsageError
from aigov.models import LocalizedText, Relation, RelationKind, Verification
from aigov.profile import ProfileSource, SystemProfile, eu_ai_act_unstated, fact_specs, load_profile
from aigov.rules import CompiledRules, FactValue, Reason, RuleSource, compile_rules
from aigov.triage import Classification, classify

__all__ = [
    "Assessment",
    "ConditionResult",
    "Explanation",
    "FactValue",
    "ProfileRef",
    "Reason",
    "RuleExplanation",
    "RulesArg",
    "Trigger",
    "ValueRef",
    "Versions",
    "check",
    "explain",
    "load_assessment",
    "rests_on",
]


class Trigger(FrozenModel):
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
    verification: Verification | None = None
    """What the trigger rests on: the weakest mark of the principle's text and of its
    links to the triggered roles (see :func:`rests_on`); each reason's citation has its own."""


def rests_on(
    catalog: Catalog, item_id: str, roles: Iterable[str] = (), *, principle: str | None = None
) -> Verification:
    """The weakest mark of an item's text and of the links that bring it in.

    A question or a decision about an item for a role rests on the text (a
    principle, sub-item or practice), on the catalogue's claim that the
    principle addresses the role and, for a practice asked about under a
    principle, on the link between the two.  A link grounded only in a
    rationale is aigov's reading (``interpreted``).

    Args:
        catalog: The catalogue.
        item_id: The principle, sub-item or practice item.
        roles: The roles in question.
        principle: The principle the item is asked about under (default: the
            item's own principle).

    Raises:
        UnknownIdError: ``item_id`` is not in the catalogue.
    """

    def mark(rel: Relation) -> Verification:
        return rel.source.verification if rel.source else Verification.INTERPRETED

    marks = [catalog.get(item_id).source.verification]
    parent = item_id.split("/", 1)[0]
    target = principle or parent
    wanted = set(roles)
    if wanted and target in catalog:
        rels = catalog.relations_from(target, RelationKind.ADDRESSES)
        marks += [mark(rel) for rel in rels if rel.object in wanted]
    if target != parent and parent in catalog:
        marks += [mark(rel) for rel in catalog.relations_from(parent) if rel.object == target]
    return Verification.weakest(marks)


class ValueRef(FrozenModel):
    """A value to respect engaged by the triggered principles."""

    value: ItemId
    label: LocalizedText
    principles: tuple[ItemId, ...]


class ProfileRef(FrozenModel):
    """Which profile was checked; ``facts_hash`` covers its id, name and facts."""

    id: str
    name: str
    facts_hash: str


class Versions(FrozenModel):
    """Versions and content hashes of everything the result depends on."""

    aigov: str
    profile_format: Literal["1", "1.1"]
    catalog: str
    catalog_hash: str
    rules: str
    rules_hash: str


def _schema_assessment(schema: dict[str, Any]) -> None:
    # The model's check that only a format version 1.1 assessment carries `eu_ai_act`.
    schema["if"] = {"properties": {"format_version": {"const": "1"}}}
    schema["then"] = {"properties": {"eu_ai_act": {"type": "null"}}}


class Assessment(DocumentModel):
    """The result of :func:`check` (document kind ``assessment``, format version 1 or 1.1).

    Version 1.1 adds one optional key, ``eu_ai_act``; an assessment without it
    is written as version 1, exactly as before.
    """

    # Merged with the document base's configuration (frozen, closed, `$schema`).
    model_config = ConfigDict(json_schema_extra=_schema_assessment)

    kind: Literal["assessment"] = "assessment"
    format_version: Literal["1", "1.1"] = "1"
    profile: ProfileRef
    roles: tuple[RoleId, ...] | None = None
    triggered: tuple[Trigger, ...]
    values: tuple[ValueRef, ...]
    unstated_facts: tuple[str, ...]
    versions: Versions
    crosswalk: FrameworkView | None = None
    """The triggered principles in another framework's terms (``check --framework``)."""
    eu_ai_act: Classification | None = None
    """The EU AI Act classification of the system (format version 1.1), as
    :func:`aigov.classify` gives it: present when the profile states
    ``eu_ai_act.in_scope`` or when :func:`check` was asked for the regime."""

    @model_validator(mode="after")
    def _eu_ai_act_needs_1_1(self) -> Assessment:
        if self.eu_ai_act is not None and self.format_version == "1":
            raise ValueError("'eu_ai_act' needs format_version '1.1'")
        return self

    def to_json(self, *, compact: bool = False) -> str:
        """JSON text of the assessment with sorted keys and UTF-8 text.

        Args:
            compact: One line without spaces (for JSON Lines) instead of the
                canonical indented form with a trailing newline.
        """
        data = self.model_dump(mode="json", exclude_none=True)
        if self.eu_ai_act is not None:
            # The classification as classify() writes it: its nulls are facts ("none
            # applies", a value left unstated), not keys to drop.
            empty = {"schema_"} if self.eu_ai_act.schema_ is None else None
            data["eu_ai_act"] = self.eu_ai_act.model_dump(mode="json", exclude=empty)
        if not compact:
            return dumps_canonical(data)
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

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


def load_assessment(
    source: Assessment | Mapping[str, Any] | str | os.PathLike[str] | bytes,
    *,
    catalog: Catalog | None = None,
    name: str | None = None,
) -> Assessment:
    """Read an assessment document and check it against the catalogue.

    An assessment written by hand (or edited) must name principles and roles
    the catalogue has, each principle once, so that a check sheet made from it
    can be read back.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The text is not JSON.
        ValidationFailed: The document breaks the assessment format.
        CatalogError: An unknown or repeated principle, or an unknown role;
            each issue names its JSON path.
    """
    assessment, label = load_document(Assessment, source, what="assessment", name=name)
    cat = catalog if catalog is not None else builtin_catalog()
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    principles = [p.id for p in cat.principles]
    roles = [r.id for r in cat.roles]
    hints = Hints()
    for i, trig in enumerate(assessment.triggered):
        where = f"$.triggered[{i}]"
        if trig.principle in seen:
            issues.append(
                Issue(
                    f"{where}.principle",
                    f"principle {trig.principle!r} is listed twice "
                    f"(first at $.triggered[{seen[trig.principle]}])",
                    "keep one trigger per principle",
                    label,
                )
            )
        elif trig.principle not in cat or cat.kind_of(trig.principle) != "principle":
            hint = hints(trig.principle, principles, "see 'aigov list principles'")
            issues.append(
                Issue(f"{where}.principle", f"unknown principle {trig.principle!r}", hint, label)
            )
        seen.setdefault(trig.principle, i)
        for j, role in enumerate(trig.roles):
            if role not in cat or cat.kind_of(role) != "role":
                hint = hints(role, roles, "see 'aigov list roles'")
                issues.append(Issue(f"{where}.roles[{j}]", f"unknown role {role!r}", hint, label))
    eu = assessment.eu_ai_act
    if eu is not None and eu.profile.id != assessment.profile.id:
        issues.append(
            Issue(
                "$.eu_ai_act.profile.id",
                f"the classification is of profile {eu.profile.id!r}, the assessment of "
                f"{assessment.profile.id!r}",
                "check the profile again, or remove 'eu_ai_act'",
                label,
            )
        )
    if issues:
        raise CatalogError(issues, source=label)
    return assessment


RulesArg = CompiledRules | RuleSource | Sequence[RuleSource] | None
"""What :func:`check` and :func:`explain` take as ``rules``."""


def _resolve(rules: RulesArg, catalog: Catalog | None, *, builtin_rules: bool) -> CompiledRules:
    """Compiled rules for a call: the built-in set plus ``rules``, checked against ``catalog``."""
    cat = catalog if catalog is not None else builtin_catalog()
    if isinstance(rules, CompiledRules):
        if catalog is None or rules.catalog is catalog:
            return rules
        # Rules checked against another catalogue: check them against this one.
        return CompiledRules(rules.sets, cat)
    return compile_rules(*sources(rules), builtin=builtin_rules, catalog=cat)


def _name(source: object) -> str | None:
    """A profile's file name for messages, when it was given as a path."""
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else None


def _classification(profile: SystemProfile, regimes: Iterable[str] | None) -> Classification | None:
    """The EU AI Act classification an assessment carries, if any (see :func:`check`)."""
    if regimes is None:
        # Only a profile that says whether the Act applies is classified unasked; the
        # check of a profile without the block costs one attribute read.
        block = profile.eu_ai_act
        return classify(profile) if block is not None and block.in_scope is not None else None
    wanted = {regimes} if isinstance(regimes, str) else set(regimes)
    for regime in sorted(wanted):
        if regime not in REGIMES:
            raise UnknownIdError("regime", regime, choices=REGIMES)
    return classify(profile, "eu-ai-act-2024") if "eu-ai-act-2024" in wanted else None


def _facts_hash(profile: SystemProfile, vector: tuple[object, ...]) -> str:
    # Identity and facts only (not description or extensions), as compact JSON:
    # the same whatever the key order of the source document or the Python version.
    text = json.dumps((profile.id, profile.name, vector), ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _unstated(
    compiled: CompiledRules, prof: SystemProfile, vector: Sequence[object]
) -> tuple[str, ...]:
    """Pointers of the facts left unstated: built-in, then ``eu_ai_act``, then declared.

    A built-in list fact is never unstated (an empty list says "none"); a
    declared one is, when the profile does not mention it.  Text facts never are.
    """
    pairs = list(zip(compiled.facts.values(), vector, strict=True))
    builtin = len(fact_specs())
    return (
        tuple(s.pointer for s, v in pairs[:builtin] if v is None and s.kind in ("bool", "enum"))
        + tuple(eu_ai_act_unstated(prof))
        + tuple(s.pointer for s, v in pairs[builtin:] if v is None and s.kind != "text")
    )


def _trigger(pid: str, roles: set[str], reasons: list[Reason], catalog: Catalog) -> Trigger:
    item = catalog.principle(pid)
    reached = tuple(r for r in catalog.roles_of(pid) if r in roles)
    return Trigger(
        principle=pid,
        framework=item.framework,
        number=item.number,
        label=item.label,
        roles=reached,
        verification=rests_on(catalog, pid, reached),
        severity=min((r.severity for r in reasons), key=SEVERITY_RANK.__getitem__),
        baseline=all(r.baseline for r in reasons),
        values=tuple(catalog.values_of(pid)),
        reasons=tuple(reasons),
    )


def check(
    profile: ProfileSource,
    rules: RulesArg = None,
    catalog: Catalog | None = None,
    *,
    builtin_rules: bool = True,
    roles: Iterable[str] | None = None,
    framework: str | None = None,
    mappings: MappingsArg = None,
    regimes: Iterable[str] | None = None,
    name: str | None = None,
) -> Assessment:
    """Check a system profile against rules; return the triggered principles.

    Args:
        profile: A ``SystemProfile``, a parsed JSON object, a file path or JSON bytes.
        rules: Compiled rules, or rule-set files, documents or models that are
            *added* to the built-in rule set (see ``builtin_rules``).
        catalog: The catalogue (default: the built-in one).
        builtin_rules: Keep the built-in rule set (default); ``False`` checks
            with the given ``rules`` alone (the CLI's ``--no-builtin-rules``).
            Ignored when ``rules`` is already compiled.
        roles: Only report these roles (default: every role among the profile's actors).
            A profile actor's id also selects the roles it takes under the other
            rule sets: ``developer`` is ``jp-ai-business-2024:ai-developer`` too.
        framework: Also express the triggered principles in this framework's
            items (through the crosswalks), in ``Assessment.crosswalk``.
        mappings: The curated mapping sets for ``framework``: mapping-set
            files, documents or models added to the built-in sets, or a
            :class:`~aigov.crosswalk.MappingIndex` (see
            :func:`~aigov.crosswalk.resolve_mappings`).
        regimes: The regimes to classify the system under, into
            ``Assessment.eu_ai_act`` (the only one is ``eu-ai-act-2024``; see
            :func:`aigov.classify`).  By default the system is classified when
            its profile states ``eu_ai_act.in_scope`` (true or false); name the
            regime to classify it even when the profile does not (its tier is
            then ``needs-review``), or give ``()`` never to.
        name: What to call the profile in messages (default: the path it was
            read from, or ``<profile ID>``); give the file name when you pass
            a profile you loaded from a file.

    Raises:
        UsageError: The profile is JSON text given as a string (pass bytes),
            or ``mappings`` is given without ``framework``.
        ValidationFailed: The profile is invalid, or states a custom fact
            (declared by a rule set) with a wrong value.
        RuleError: A rule set is invalid, or ``builtin_rules=False`` without rules.
        UnknownIdError: ``roles`` names an unknown role, ``framework`` an
            unknown framework, or ``regimes`` an unknown regime.
    """
    prof = load_profile(profile, name=name)
    compiled = _resolve(rules, catalog, builtin_rules=builtin_rules)
    cat = compiled.catalog
    actors = frozenset(compiled.roles_of_actors(prof.actors))
    wanted: tuple[str, ...] | None = None
    if roles is not None:
        # An actor stands for the roles it takes under every rule set, so that
        # --role developer shows the 2024 AI developer's principles as well.
        wanted = tuple(sorted(set(compiled.roles_of_actors(cat.role(r).id for r in roles))))
        actors &= frozenset(wanted)
    vector = compiled.vector(prof, source=name or _name(profile))
    found: dict[str, tuple[set[str], list[Reason]]] = {}
    for index in compiled.fired(vector):
        for principle, allowed in compiled.rules[index].targets:
            reached = allowed & actors
            if reached:
                entry = found.setdefault(principle, (set(), []))
                entry[0].update(reached)
                entry[1].append(compiled.reason(index, vector))
    triggered = tuple(_trigger(pid, *found[pid], cat) for pid in sorted(found, key=cat.rank))
    engaged: dict[str, list[str]] = {}
    for trig in triggered:
        for value in trig.values:
            engaged.setdefault(value, []).append(trig.principle)
    eu = _classification(prof, regimes)
    # Added only when there is one: a version 1 assessment stays what it was, byte for byte.
    extra: dict[str, Any] = {} if eu is None else {"format_version": "1.1", "eu_ai_act": eu}
    return Assessment(
        profile=ProfileRef(id=prof.id, name=prof.name, facts_hash=_facts_hash(prof, vector)),
        roles=wanted,
        triggered=triggered,
        values=tuple(
            ValueRef(value=v.id, label=v.label, principles=tuple(engaged[v.id]))
            for v in cat.values
            if v.id in engaged
        ),
        unstated_facts=_unstated(compiled, prof, vector),
        versions=Versions(
            aigov=__version__,
            profile_format=prof.profile_version,
            catalog=cat.version,
            catalog_hash=cat.content_hash,
            rules=compiled.version,
            rules_hash=compiled.content_hash,
        ),
        crosswalk=express_in(
            framework, [t.principle for t in triggered], catalog=cat, mappings=mappings
        ),
        **extra,
    )


# -- explanation -------------------------------------------------------------------------


class ConditionResult(FrozenModel):
    """One leaf condition of a rule, with the profile's value and whether it held."""

    path: str
    fact: str
    operator: str
    expected: JsonValue
    actual: JsonValue
    stated: bool
    held: bool


class RuleExplanation(FrozenModel):
    """How one rule that targets the principle fared."""

    rule: str
    fired: bool
    severity: Severity
    conditions: tuple[ConditionResult, ...]
    addressed_roles: tuple[str, ...]
    roles: tuple[str, ...]
    note: str
    verification: Verification | None = None
    """The mark of the rule's citation: what its grounding in the principle rests on."""


class Explanation(FrozenModel):
    """Why a principle was or was not triggered for a profile."""

    principle: str
    triggered: bool
    roles: tuple[str, ...]
    addressed_roles: tuple[str, ...]
    actors: tuple[str, ...]
    rules: tuple[RuleExplanation, ...]
    summary: str
    verification: Verification | None = None
    """What the principle's text and its links to the roles in question rest on (the
    triggered roles, or else the addressed roles among the actors)."""


def explain(
    subject: Assessment | ProfileSource,
    principle_id: str,
    *,
    profile: ProfileSource | None = None,
    rules: RulesArg = None,
    catalog: Catalog | None = None,
    builtin_rules: bool = True,
    name: str | None = None,
) -> Explanation:
    """Explain why ``principle_id`` was or was not triggered.

    It runs the same compiled conditions as :func:`check`, leaf by leaf.

    Args:
        subject: A profile (any form :func:`check` takes), or an assessment
            together with the ``profile`` it was made from.
        principle_id: The principle to explain.
        profile: The profile, when ``subject`` is an assessment.
        rules: As for :func:`check`.
        catalog: As for :func:`check`.
        builtin_rules: As for :func:`check`.
        name: As for :func:`check`: what to call the profile in messages.

    Raises:
        UnknownIdError: Unknown principle (with a did-you-mean).
        UsageError: An assessment was given without its profile.
        ValidationFailed: As for :func:`check`.
    """
    if isinstance(subject, Assessment):
        if profile is None:
            raise UsageError("explain() needs the profile an assessment was made from")
        subject = profile
    prof = load_profile(subject, name=name)
    compiled = _resolve(rules, catalog, builtin_rules=builtin_rules)
    cat = compiled.catalog
    principle = cat.principle(principle_id)
    addressed = tuple(cat.roles_of(principle.id))
    # The roles the actors take under other rule sets show only where this principle
    # addresses them: a 2019 principle's explanation lists no 2024 roles.
    actors = tuple(
        r for r in compiled.roles_of_actors(prof.actors) if r in prof.actors or r in addressed
    )
    vector = compiled.vector(prof, source=name or _name(subject))
    results: list[RuleExplanation] = []
    all_roles: set[str] = set()
    for c in compiled.rules:
        allowed = dict(c.targets).get(principle.id)
        if allowed is None:
            continue
        did_fire = c.predicate.holds(vector)
        roles = tuple(r for r in addressed if r in allowed and r in actors) if did_fire else ()
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
                conditions=tuple(_condition(leaf, vector) for leaf in c.predicate.leaves),
                addressed_roles=tuple(sorted(set(c.rule.roles))) if c.rule.roles else addressed,
                roles=roles,
                note=note,
                verification=c.rule.citation.verification,
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
    concerned = all_roles or (set(addressed) & set(actors))
    return Explanation(
        principle=principle.id,
        triggered=triggered,
        roles=tuple(r for r in addressed if r in all_roles),
        addressed_roles=addressed,
        actors=actors,
        rules=tuple(results),
        summary=summary,
        verification=rests_on(cat, principle.id, concerned),
    )


def _condition(leaf: Leaf, vector: Sequence[object]) -> ConditionResult:
    """How one leaf test fared: the fact read once, tested by the leaf's own closure."""
    actual, stated = leaf.read(vector)
    return ConditionResult(
        path=leaf.where,
        fact=leaf.fact,
        operator=leaf.operator,
        expected=leaf.expected,
        actual=_plain(actual),
        stated=stated,
        held=leaf.test(actual),
    )


def _plain(value: object) -> JsonValue:
    return list(value) if isinstance(value, tuple) else value  # type: ignore[return-value]
