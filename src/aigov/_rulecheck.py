"""Checking rule sets against the profile format, the declared facts and the catalogue.

Every fact path, operator and value a condition uses is checked against the
facts a profile may state (built-in and declared), every principle and role
against the catalogue, and rule ids against repeats; every problem is
collected before one error is raised.  :class:`~aigov.rules.CompiledRules`
compiles only what passes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from aigov._conditions import LIST_VALUED, OPERATORS, iter_leaves
from aigov._customfacts import declarations
from aigov._issues import short_repr
from aigov._ruleset import MAX_RULES, Rule, RuleSet
from aigov._suggest import Hints, own_label_hint
from aigov.catalog import Catalog
from aigov.errors import Issue, LimitError, RuleError
from aigov.profile import FactSpec, fact_specs

__all__ = ["check_rule_sets"]

#: A checked rule: the rule, its rule set's id, its source and its JSON path.
CheckedRule = tuple[Rule, str, str, str]


def check_rule_sets(
    sets: Sequence[tuple[RuleSet, str]], catalog: Catalog
) -> tuple[dict[str, FactSpec], dict[str, FactSpec], list[CheckedRule]]:
    """Check ``sets`` against the profile format, their declared facts and ``catalog``.

    Returns:
        Every fact the rules may read (the built-in facts, then the declared
        ones), the declared custom facts alone, and every rule with where it
        came from, in rule-set order.

    Raises:
        RuleError: Unknown fact paths, operators that do not fit the fact,
            values outside the fact's vocabulary, unknown principles or
            roles, repeated rule ids, or conflicting fact declarations;
            every problem is listed.
        LimitError: More than :data:`~aigov.rules.MAX_RULES` rules in all.
    """
    declared, issues = declarations(sets)
    facts = {**fact_specs(), **declared}
    checked: list[CheckedRule] = []
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
    return facts, declared, checked


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
