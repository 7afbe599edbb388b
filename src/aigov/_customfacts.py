"""Custom facts: the rule sets' declarations merged, and a profile's values checked against them.

A rule set of format version 1.1 declares ``x-`` facts
(:class:`~aigov.rules.FactDeclaration`).  Several rule sets may declare one
fact if they agree on its kind and values; a profile that states a declared
fact must give it a value of that kind.  :class:`~aigov.rules.CompiledRules`
uses both checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aigov._issues import short_repr
from aigov._jsonio import json_path
from aigov._ruleset import FactDeclaration, RuleSet
from aigov._suggest import did_you_mean
from aigov.errors import Issue, ValidationFailed
from aigov.profile import FactSpec, SystemProfile

__all__ = ["custom_values", "declarations"]


def custom_values(
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


def declarations(sets: Sequence[tuple[RuleSet, str]]) -> tuple[dict[str, FactSpec], list[Issue]]:
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
